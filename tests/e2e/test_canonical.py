"""Hostile text never changes a value silently: extraction reads the canonical view (NFC, format
characters removed), so NFD and NFC pages give the same values and ``1\u200b000 zł`` is 1000 PLN, while
every evidence span still quotes the raw text."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.api import build_release
from pipeline.text.canonical import FORMAT_CHARS, canonical_view

ROOT = Path(__file__).resolve().parents[2]
ZMP = (ROOT / "raw" / "zmp-projekty-zakonczone.txt").read_text(encoding="utf-8")

VALUES = {
    "projects": ["title", "year_start", "year_end"],
    "amounts": ["value", "currency"],
    "counts": ["value", "value_min", "value_max", "qualifier", "unit"],
    "dates": ["start", "end", "precision"],
    "organisations": ["name", "acronym", "org_type"],
}


def _release(tmp_path: Path, name: str, text: str) -> tuple[Path, str]:
    raw = tmp_path / f"raw-{name}"
    raw.mkdir()
    (raw / "strona.txt").write_text(text, encoding="utf-8")
    out = tmp_path / f"out-{name}"
    summary = build_release(raw, out, jobs=1, cache=False)
    assert summary.complete
    return out, text


def _values(out: Path, name: str) -> list[tuple]:
    df = pd.read_parquet(out / f"{name}.parquet")
    return sorted(map(tuple, df[VALUES[name]].astype(str).itertuples(index=False)))


def _quotes_raw(out: Path, text: str) -> None:
    for name, col in (("amounts", "raw_text"), ("counts", "raw_text"), ("dates", "raw_text"), ("mentions", "text")):
        df = pd.read_parquet(out / f"{name}.parquet")
        assert all(text[s:e] == q for s, e, q in zip(df.char_start, df.char_end, df[col], strict=True)), name


@pytest.fixture(scope="module")
def nfc_release(tmp_path_factory):
    return _release(tmp_path_factory.mktemp("nfc"), "nfc", ZMP)


def test_nfd_page_gives_the_same_values(nfc_release, tmp_path):
    nfd = unicodedata.normalize("NFD", ZMP)
    assert nfd != ZMP
    out, text = _release(tmp_path, "nfd", nfd)
    for name in VALUES:
        assert _values(out, name) == _values(nfc_release[0], name), name
    _quotes_raw(out, text)


def test_format_characters_inside_numbers_and_names(nfc_release, tmp_path):
    hostile = (
        ZMP.replace("Związek Miast Polskich", "Związek Miast Pol\u00adskich")
        .replace("3,25 mln zł", "3,\u200b25 mln zł")
        .replace("120 samorządowców", "1\u20602\u200d0 samorządowców")
    )
    assert hostile.count("\u00ad") and "\u200b" in hostile and "\u2060" in hostile
    out, text = _release(tmp_path, "cf", hostile)
    for name in VALUES:
        assert _values(out, name) == _values(nfc_release[0], name), name
    amounts = pd.read_parquet(out / "amounts.parquet")
    assert "3,\u200b25 mln zł" in set(amounts.raw_text)
    assert 3_250_000.0 in set(amounts.value)
    _quotes_raw(out, text)


def test_a_thousands_separator_hidden_by_a_zero_width_space(tmp_path):
    page = "Projekty\n\nNowa świetlica (2019)\nProjekt o wartości 1\u200b000 zł objął 4\u200b0 osób.\n"
    out, text = _release(tmp_path, "zwsp", page)
    amounts = pd.read_parquet(out / "amounts.parquet")
    counts = pd.read_parquet(out / "counts.parquet")
    assert list(amounts.value) == [1000.0] and list(amounts.raw_text) == ["1\u200b000 zł"]
    assert list(counts.value) == [40]
    _quotes_raw(out, text)


def test_the_format_class_is_exactly_category_cf():
    cf = {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"}
    matched = {chr(c) for c in range(0x110000) if FORMAT_CHARS.fullmatch(chr(c))}
    assert matched == cf


PIECES = list("aąeęzż 1,.\n") + ["\u0328", "\u0301", "\u200b", "\u00ad", "\ufeff", "\u2060", "e\u0328", "z\u0307"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=120).map("".join))
def test_the_view_maps_every_character_back(text):
    expected = unicodedata.normalize("NFC", FORMAT_CHARS.sub("", text))
    view = canonical_view(text)
    if view is None:
        assert expected == text
        return
    assert view.text == expected
    for i in range(len(view.text)):
        a, b = view.span(i, i + 1)
        assert 0 <= a < b <= len(text)
        assert view.text[i] in unicodedata.normalize("NFC", FORMAT_CHARS.sub("", text[a:b]))
    if view.text:
        a, b = view.span(0, len(view.text))
        assert unicodedata.normalize("NFC", FORMAT_CHARS.sub("", text[a:b])) == view.text
