"""Fuzzing the input edge: decoding arbitrary bytes, and the whole per-document path on Polish text with
NFD letters, format characters, odd spacing and entities. No crash, and NFC-equivalent inputs (the same
text in NFD, or with invisible format characters) give equal values."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.core.datatypes import Document
from pipeline.ingest.decode import InputError, decode
from pipeline.nlp.annotate import load_nlp
from pipeline.runner.document import extract_document
from pipeline.text.canonical import canonical_view

WORDS = [
    "Projekt",
    "Gmina",
    "Nowa Wieś",
    "zrealizowała",
    "dofinansowanie",
    "w",
    "kwocie",
    "1 250 000 zł",
    "3,25 mln zł",
    "120 osób",
    "14 gmin",
    "ponad 600 jednostek",
    "15 marca 2019",
    "w latach 2018-2020",
    "Związek Miast Polskich",
    "(2019-2020)",
    "„Razem”",
    "–",
    ".",
    ",",
    "\n",
    "\n\n",
    "&#261;",
    "&amp;",
]
INVISIBLE = ["\u200b", "\u00ad", "\u2060", "\ufeff", "\u200d"]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_decode_never_crashes(data):
    try:
        text, encoding = decode(data, "fuzz.txt")
    except InputError as exc:
        assert str(exc).startswith("fuzz.txt: ")
    else:
        assert isinstance(text, str) and encoding


def _values(text: str) -> tuple:
    """What the per-document path extracts from ``text``, read through its canonical view."""
    view = canonical_view(text)
    doc = Document("fuzz", "fuzz.txt", view.text if view else text, "0" * 64, "utf-8")
    res = extract_document(doc, load_nlp())
    return (
        [(r.title, r.year_start, r.year_end) for r in res.records],
        sorted((m.value, m.currency) for v in res.values for m in v.amounts),
        sorted((c.value, c.value_min, c.value_max, c.unit) for v in res.values for c in v.counts),
        sorted((d.start, d.end) for v in res.values for d in v.dates),
        sorted(o.text for v in res.values for o in v.orgs),
    )


def _sprinkle(text: str, picks: list[int]) -> str:
    out = list(text)
    for k, p in enumerate(picks):
        out.insert(p % (len(out) + 1), INVISIBLE[k % len(INVISIBLE)])
    return "".join(out)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=40).map(" ".join),
    st.lists(st.integers(min_value=0, max_value=10_000), max_size=6),
)
def test_nfd_and_invisible_characters_give_the_same_values(text, picks):
    page = "Projekty\n\n" + text + "\n"
    expected = _values(page)
    assert _values(unicodedata.normalize("NFD", page)) == expected
    hidden = _sprinkle(page, picks)
    if canonical_view(hidden) is None or canonical_view(hidden).text == page:
        assert _values(hidden) == expected
