"""The same page in any encoding and line ending yields the same records and values."""

from pathlib import Path

import pytest
import spacy

from pipeline.ingest.decode import InputError, read_document
from pipeline.runner.document import extract_document

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "raw" / "zmp-projekty-zakonczone.txt").read_text(encoding="utf-8")
# ISO-8859-2 has no typographic quotes and dashes: its variant uses the ASCII ones.
ASCII_PUNCT = str.maketrans({"–": "-", "—": "-", "„": '"', "”": '"', "“": '"', "’": "'", "…": "...", "®": "(R)"})


def _values(path: Path):
    doc = read_document(path, path.parent)
    res = extract_document(doc, spacy.blank("pl"))
    for v in res.values:
        for x in (*v.amounts, *v.counts, *v.dates):
            assert doc.text[x.char_start : x.char_end] == x.raw_text
    return (
        doc.encoding,
        [(r.section, r.title, r.year_start, r.year_end) for r in res.records],
        [(a.value, a.currency) for v in res.values for a in v.amounts],
        [(c.value, c.unit, c.qualifier) for v in res.values for c in v.counts],
        [(d.start, d.end, d.precision) for v in res.values for d in v.dates],
    )


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("cp1250", "cp1250"),
        ("iso8859_2", "iso8859_2"),
    ],
)
def test_same_records_in_every_encoding(tmp_path, encoding, expected, newline):
    text = PAGE.translate(ASCII_PUNCT) if encoding == "iso8859_2" else PAGE
    reference = tmp_path / "ref" / "page.txt"
    reference.parent.mkdir()
    reference.write_bytes(text.encode("utf-8"))
    variant = tmp_path / "page.txt"
    variant.write_bytes(text.replace("\n", newline).encode(encoding))
    got = _values(variant)
    want = _values(reference)
    assert got[0] == expected
    assert got[1:] == want[1:]


def test_undecodable_bytes_are_rejected_with_the_offset(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Projekt (2015)\n" + bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 3)
    with pytest.raises(InputError, match=r"bad.txt: not UTF-8 \(invalid byte at offset 15\)"):
        read_document(bad, tmp_path)
