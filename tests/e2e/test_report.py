"""The HTML report of a real release: its sections, no outside resources, escaping, determinism, and a
screenshot in headless Chromium that shows the page was drawn (styles and SVG charts applied).

The release is built with the shipped NER model (``pipeline/models/ner_pl``); set PROJEKTY_NER_MODEL to
use another model folder. Without a model, or without Chromium, the tests that need them are skipped.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from pipeline.report.html import render_report, write_report
from pipeline.report.load import load_texts, read_tables
from schemas.identity import load_dataset
from schemas.models import cast_frame, empty_frame
from schemas.tables import TABLES

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = ("summary", "timeline", "money", "organisations", "counts", "records")
DATASET = load_dataset(ROOT / "raw")
LINK = re.compile(r"""\b(?:src|href|xlink:href)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)


def _model_path() -> Path:
    env = os.environ.get("PROJEKTY_NER_MODEL")
    return Path(env) if env else ROOT / "pipeline" / "models" / "ner_pl"


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    model = _model_path()
    if not (model / "meta.json").exists():
        pytest.skip(f"no NER model at {model}: train it (projekty ner train) or set PROJEKTY_NER_MODEL")
    from pipeline.ingest.corpus import discover
    from pipeline.ingest.decode import load_sources, read_document
    from pipeline.nlp.annotate import load_nlp
    from pipeline.release.emit import write_release
    from pipeline.release.tables import tables_of
    from pipeline.runner.document import process_document

    raw = ROOT / "raw"
    sources = load_sources(raw)
    documents = [read_document(r.path, ROOT, sources) for r in discover(raw)]
    nlp = load_nlp(None if model == ROOT / "pipeline" / "models" / "ner_pl" else str(model))
    tables = tables_of([process_document(d, nlp, source=sources.get(d.doc_id)) for d in documents])
    rows = [
        {
            "title": s.doc_id,
            "path": s.url,
            "publisher": s.publisher,
            "retrieved": s.retrieved,
            "license_note": s.license_note,
        }
        for s in sources.values()
    ]
    out = tmp_path_factory.mktemp("release") / "outputs"
    write_release(tables, out, rows, dataset=DATASET)
    return out


@pytest.fixture(scope="module")
def report(release, tmp_path_factory) -> Path:
    texts = load_texts(release, ROOT)
    assert texts, "the raw documents of the release should be readable from the repository"
    return write_report(release, tmp_path_factory.mktemp("report") / "report.html", texts)


def test_sections_and_charts(report):
    page = report.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    for section in SECTIONS:
        assert f'<section id="{section}"' in page, section
    assert page.count("<svg") >= 4
    for svg in re.findall(r"<svg[^>]*>", page):
        assert 'role="img"' in svg and "aria-labelledby" in svg
    for kind in ("money", "count", "date", "org"):
        assert f'<mark class="ev ev-{kind}' in page, kind
    assert DATASET["version"] in page


def test_no_outside_resources(report, release):
    page = report.read_text(encoding="utf-8")
    allowed = set(pd.read_parquet(release / "documents.parquet")["source_url"].dropna())
    allowed |= {lic["path"] for lic in DATASET["licenses"]}
    for url in LINK.findall(page):
        if url.startswith("#"):
            continue
        assert url in allowed, f"outside link or resource: {url}"
    assert "<script" not in page.lower()
    assert "@import" not in page and "url(" not in page
    assert "<img" not in page.lower() and "<link" not in page.lower()


def test_deterministic(release, report, tmp_path):
    again = write_report(release, tmp_path / "again.html", load_texts(release, ROOT))
    assert again.read_bytes() == report.read_bytes()


def test_without_texts_evidence_is_found_by_quote(release, tmp_path):
    page = write_report(release, tmp_path / "plain.html").read_text(encoding="utf-8")
    assert '<mark class="ev ev-money' in page and '<mark class="ev ev-org' in page


def test_everything_is_escaped():
    tables = {name: empty_frame(name) for name in TABLES}
    evil = '<script>alert("x")</script> & <b>'
    tables["documents"] = cast_frame(
        "documents",
        pd.DataFrame(
            [
                {
                    "doc_id": "d1",
                    "source_file": "raw/d1.txt",
                    "sha256": "0" * 64,
                    "n_chars": 10,
                    "source_url": None,
                    "encoding": "utf-8",
                    "publisher": None,
                    "retrieved": None,
                }
            ]
        ),
    )
    tables["projects"] = cast_frame(
        "projects",
        pd.DataFrame(
            [
                {
                    "project_id": "d1-001",
                    "doc_id": "d1",
                    "ordinal": 1,
                    "section": evil,
                    "title": evil,
                    "year_start": 2001,
                    "year_end": 2002,
                    "years_inferred": False,
                    "years_source": "title",
                    "description": f"Opis {evil}",
                    "char_start": 0,
                    "char_end": 10,
                    "title_start": 0,
                    "title_end": 5,
                }
            ]
        ),
    )
    tables["organisations"] = cast_frame(
        "organisations",
        pd.DataFrame([{"org_id": "o", "name": evil, "acronym": None, "org_type": "other", "n_projects": 1}]),
    )
    tables["project_organisations"] = cast_frame(
        "project_organisations",
        pd.DataFrame(
            [{"project_id": "d1-001", "org_id": "o", "role": "funder", "char_start": 0, "char_end": 5, "cue": evil}]
        ),
    )
    page = render_report(tables, [{"title": "t", "path": 'https://example.org/"><script>', "publisher": evil}])
    assert "<script" not in page
    assert "&lt;script&gt;" in page


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def test_screenshot_in_headless_chromium(report, tmp_path):
    browser = _chromium()
    if browser is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    png = tmp_path / "report.png"
    cmd = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--screenshot={png}",
        "--window-size=1280,2400",
        report.resolve().as_uri(),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    assert png.exists() and png.stat().st_size > 50_000
    Image = pytest.importorskip("PIL.Image")
    with Image.open(png) as im:
        rgb = im.convert("RGB")
        assert rgb.size == (1280, 2400)
        colours = rgb.resize((320, 600)).getcolors(maxcolors=1_000_000)
    assert len(colours) > 200, "a drawn page has text, charts and shading"
    assert max(n for n, _ in colours) / (320 * 600) < 0.9, "the page is not (nearly) blank"
    r, g, b = rgb.getpixel((8, 8))
    assert b > r and b > 80 and r < 40, "the header's dark blue background (inline CSS) was applied"

    def near(target, tol=24):
        return any(all(abs(c - t) <= tol for c, t in zip(col, target, strict=True)) for _, col in colours)

    assert near((0x00, 0x72, 0xB2)), "the timeline's blue bars (inline SVG) were drawn"
    assert near((0xE6, 0x9F, 0x00)), "the timeline's orange bars (inline SVG) were drawn"


def test_long_releases_list_only_the_first_records(release, monkeypatch):
    """Timeline bars and evidence rows stop at MAX_LISTED records (the aggregates still count all)."""
    import pipeline.report.data

    tables = read_tables(release)
    n = len(tables["projects"])
    monkeypatch.setattr(pipeline.report.data, "MAX_LISTED", 5)
    page = render_report(tables, [], load_texts(release, ROOT))
    records = page.split('<section id="records"', 1)[1]
    assert records.count("<tr id=") == 5
    assert f"Only the first 5 of {n:,} records (in page order) are listed." in page
    timeline = page.split('<section id="timeline"', 1)[1].split("</section>", 1)[0]
    linked = set(re.findall(r'<a href="#([^"]+)">', timeline))
    assert linked and linked <= set(tables["projects"]["project_id"].head(5))


def test_the_heading_is_the_release_s_identity_and_links_are_http_only(tmp_path):
    from pipeline.report.html import CSP, render_report

    tables = {name: empty_frame(name) for name in TABLES}
    sources = [
        {"title": "x", "path": "javascript:alert(1)", "publisher": "Zła strona"},
        {"title": "y", "path": "https://example.org/a", "publisher": "Dobra strona"},
    ]
    dataset = {**DATASET, "title": "Mój korpus", "version": "9.9.9"}
    page = render_report(tables, sources, None, dataset)
    assert "<h1>Mój korpus</h1>" in page and "9.9.9" in page and "Związek Miast Polskich'" not in page
    assert "javascript:" not in page and "Zła strona" in page
    assert '<a href="https://example.org/a">Dobra strona</a>' in page
    assert 'http-equiv="Content-Security-Policy"' in page and "default-src &#x27;none&#x27;" in page
    assert "script-src" not in CSP or "'none'" in CSP
