"""HTML input: a real parser, furniture dropped, structure kept, offsets into the extracted text."""

from pathlib import Path

from pipeline.html import html_to_text
from pipeline.ingest import read_document
from pipeline.segment import segment

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "tests" / "data" / "stowarzyszenie-projekty.html"


def test_furniture_is_dropped_and_structure_kept():
    text = html_to_text(PAGE.read_text(encoding="utf-8"))
    for furniture in ("Kontakt", "Start » Projekty", "walne zebranie", "Wojska Polskiego", "dataLayer", "font-family"):
        assert furniture not in text
    assert "Projekty zrealizowane\n\nPoniżej przedstawiamy" in text
    assert "Szlak twierdz Ziemi Kłodzkiej (2019-2021)\nProjekt zrealizowany" in text
    assert "- Kino plenerowe w Bystrzycy – Fundacja PZU – 8\u00a0000 zł\n- Warsztaty" in text


def test_html_page_yields_records_with_exact_evidence():
    doc = read_document(PAGE, ROOT)
    assert doc.source_file == "tests/data/stowarzyszenie-projekty.html"
    records = segment(doc).records
    got = [(r.section, r.title, r.year_start, r.year_end) for r in records]
    assert got == [
        ("Projekty zrealizowane", "Szlak twierdz Ziemi Kłodzkiej", 2019, 2021),
        ("Projekty zrealizowane", "Cyfrowe sołectwa", 2022, 2022),
        ("Projekty zrealizowane / Małe granty 2018", "Kino plenerowe w Bystrzycy", 2018, 2018),
        ("Projekty zrealizowane / Małe granty 2018", "Warsztaty garncarskie dla seniorów", 2018, 2018),
    ]
    for r in records:
        assert doc.text[r.title_start : r.title_end].startswith(r.title.split()[0])


def test_table_rows_become_cell_lines():
    html = "<table><tr><th>Lp.</th><th>Nazwa projektu</th></tr><tr><td>1</td><td>A | B</td></tr></table>"
    assert html_to_text(html) == "Lp. | Nazwa projektu\n1 | A / B\n"
