"""Decoding keeps the text untouched and never guesses silently; the normalised view maps back."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.ingest import InputError, decode, normalized_view, read_document, view_span

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = "Związek Miast Polskich: 3,25 mln zł – „Gra o Budżet” (2014–2015). Żółć, źdźbło, Śląsk, ŁÓDŹ.\n"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16")],
)
def test_unicode_encodings_round_trip(encoding, expected):
    text, used = decode(SAMPLE.encode(encoding), "x.txt")
    assert (text, used) == (SAMPLE, expected)


@pytest.mark.parametrize("encoding", ["cp1250", "iso8859_2"])
def test_legacy_polish_code_pages_are_detected(encoding):
    sample = SAMPLE.replace("–", "-").replace("„", '"').replace("”", '"')
    text, used = decode(sample.encode(encoding), "x.txt")
    assert text == sample
    assert used == encoding


def test_binary_and_empty_files_are_rejected(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError, match="empty.txt: empty document"):
        read_document(tmp_path / "empty.txt", tmp_path)
    with pytest.raises(InputError, match="bin.txt"):
        read_document(tmp_path / "bin.txt", tmp_path)


def test_read_document_keeps_text_and_hash():
    doc = read_document(ROOT / "raw" / "zmp-projekty-zakonczone.txt", ROOT)
    raw = (ROOT / "raw" / "zmp-projekty-zakonczone.txt").read_bytes()
    assert doc.text == raw.decode("utf-8")
    assert doc.source_file == "raw/zmp-projekty-zakonczone.txt"
    assert doc.doc_id == "zmp-projekty-zakonczone"
    assert len(doc.sha256) == 64


def test_normalized_view_folds_whitespace_quotes_and_dashes():
    text = "a\u00a0b\n\nc \u201eq\u201d \u2013 d\u00ad e"
    view, offsets = normalized_view(text)
    assert view == 'a b c "q" - d e'
    a = view.index('"q"')
    s, e = view_span(offsets, a, a + 3)
    assert text[s:e] == "\u201eq\u201d"


@given(st.text(alphabet=st.sampled_from(list("ab \n\u00a0\u00ad–„”.")), max_size=40))
def test_view_offsets_always_point_into_the_text(text):
    view, offsets = normalized_view(text)
    assert len(offsets) == len(view) + 1
    for i, ch in enumerate(view):
        orig = text[offsets[i]]
        assert ch == orig or ch in " \"'-"
