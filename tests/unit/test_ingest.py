"""Decoding keeps the text untouched and never guesses silently (folded views: test_fold.py)."""

from pathlib import Path

import pytest

from pipeline.ingest.decode import InputError, decode, read_document

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


def test_a_utf8_page_with_a_few_cp1250_lines_is_decoded_line_by_line():
    from pipeline.ingest.decode import decode

    utf8 = "Zażółć gęślą jaźń\n".encode()
    legacy = "Projekt „Nowa świetlica” – 2019\n".encode("cp1250")
    text, encoding = decode(utf8 + legacy + utf8, "mixed.txt")
    assert text == "Zażółć gęślą jaźń\nProjekt „Nowa świetlica” – 2019\nZażółć gęślą jaźń\n"
    assert encoding == "utf-8 with cp1250 lines 2"


def test_a_cp1250_page_without_polish_letters_is_read_by_its_typography():
    from pipeline.ingest.decode import decode

    assert decode("Projekt „Nowa” – 2019 r.\n".encode("cp1250"), "p.txt") == ("Projekt „Nowa” – 2019 r.\n", "cp1250")


def test_a_line_in_no_known_encoding_is_rejected_with_its_byte_offset():
    from pipeline.ingest.decode import InputError, decode

    data = "Zażółć\n".encode() + bytes([0x81, 0x83, 0x88, 0x90, 0x98]) + b"\n"
    with pytest.raises(InputError, match=r"bad\.txt: line 2 .* offset 11"):
        decode(data, "bad.txt")


@pytest.mark.parametrize("encoding,delimiter", [("utf-8-sig", ","), ("cp1250", ";"), ("utf-16", "\t")])
def test_sources_csv_as_spreadsheets_save_it(tmp_path, encoding, delimiter):
    from pipeline.ingest.decode import load_sources

    rows = [
        ["doc_id", "file", "url", "publisher", "retrieved", "license_note"],
        ["strona", "strona.txt", "https://example.org/p", "Gmina Łódź", "2026-12-01", "cytat"],
    ]
    (tmp_path / "sources.csv").write_bytes("\r\n".join(delimiter.join(r) for r in rows).encode(encoding))
    [source] = load_sources(tmp_path).values()
    assert (source.doc_id, source.publisher, source.url) == ("strona", "Gmina Łódź", "https://example.org/p")
