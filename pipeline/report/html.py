"""A one-file HTML report of a release: what the dataset holds, with its evidence.

Why: a reader (or a reviewer of a new version) should see the data before loading it: when the
projects ran, where the money came from, who took part in what role, what was counted, and, for
every record, which words of the source the values were read from. The page is self-contained
(inline CSS, inline SVG charts drawn here; no script, font or image from the network), every
text is escaped, and the output is deterministic (no timestamps), so two builds of one release
give the same bytes.

This module is the page itself (its shell, CSS and Content-Security-Policy) and writing it; the parts
are :mod:`~pipeline.report.load` (reading a release back), :mod:`~pipeline.report.rows` (its rows as
typed values), :mod:`~pipeline.report.data` (the aggregates), :mod:`~pipeline.report.sections` (the
sections' HTML), :mod:`~pipeline.report.charts` (inline SVG), :mod:`~pipeline.report.evidence`
(marking the words values were read from) and :mod:`~pipeline.report.format` (escaping and number
formats).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from pipeline.release.outdir import atomic_write_text
from pipeline.report.data import ReportData
from pipeline.report.format import esc
from pipeline.report.load import read_tables
from pipeline.report.sections import (
    counts_section,
    header,
    money_section,
    organisations_section,
    records_section,
    summary_section,
    timeline_section,
)
from schemas.identity import default_dataset

CSS = """
:root{--fg:#1f2933;--muted:#52606d;--bg:#fff;--soft:#f5f7fa;--line:#d9e2ec;--accent:#0b4f8a}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",
Roboto,"Noto Sans","DejaVu Sans",Arial,sans-serif}
main{max-width:1120px;margin:0 auto;padding:24px 28px 64px}
header.top{background:#0b3d66;color:#fff;padding:28px 0 22px}
header.top .inner{max-width:1120px;margin:0 auto;padding:0 28px}
header.top h1{margin:0 0 6px;font-size:1.7rem;line-height:1.25}
header.top p{margin:4px 0;color:#e4edf5}
header.top a{color:#fff}
h2{font-size:1.35rem;margin:40px 0 8px;padding-bottom:4px;border-bottom:2px solid var(--line);color:#102a43}
h3{font-size:1.08rem;margin:22px 0 6px;color:#243b53}
h4{font-size:.98rem;margin:14px 0 4px;color:#334e68}
p.note{color:var(--muted);font-size:.93rem;margin:4px 0 10px}
nav.toc ol{display:flex;flex-wrap:wrap;gap:6px 18px;padding:0;margin:14px 0 0;list-style:none}
nav.toc a{color:#fff;text-decoration-color:rgba(255,255,255,.5)}
nav.toc a:hover,nav.toc a:focus{text-decoration-color:#fff}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:12px;margin:18px 0 8px}
.card{background:var(--soft);border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.card b{display:block;font-size:1.45rem;line-height:1.2;color:#102a43;white-space:nowrap}
.card span{color:var(--muted);font-size:.9rem}
figure{margin:10px 0 18px}
svg.chart{display:block;height:auto;font-family:inherit}
svg .lbl{font-size:13px;fill:#243b53}
svg .val{font-size:12.5px;fill:#334e68}
svg .tick{font-size:12px;fill:#52606d}
svg .grid{stroke:#e4e7eb;stroke-width:1}
svg a rect:hover{opacity:.8}
ul.legend{display:flex;flex-wrap:wrap;gap:4px 18px;list-style:none;padding:0;margin:6px 0 10px;font-size:.9rem}
.swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:6px;vertical-align:-1px}
details.data{margin:4px 0 8px;font-size:.9rem}
details.data summary{cursor:pointer;color:var(--accent)}
table{border-collapse:collapse;width:100%;font-size:.93rem}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
table.records td.years{white-space:nowrap;font-variant-numeric:tabular-nums}
table.records td.sec{color:var(--muted);font-size:.85rem;min-width:150px;max-width:240px}
table.records .title{font-weight:600;display:block;margin-bottom:3px}
table.records .desc{margin:0;color:#334e68}
table.records .also{margin:4px 0 0;color:var(--muted);font-size:.88rem}
table.records tr:target{background:#fffbea}
mark.ev{color:#102a43;border-radius:2px;padding:0 1px}
mark.ev-money{background:#ffe7a3;border-bottom:2px solid #b7791f}
mark.ev-count{background:#d6e8ff;border-bottom:2px dashed #1d4ed8}
mark.ev-date{background:#d3f4dc;border-bottom:2px dotted #15803d}
mark.ev-org{background:#f6dcf3;border-bottom:2px solid #a21caf}
mark.role-funder{background:#fde2c4;border-bottom-color:#c2410c}
footer{margin-top:48px;color:var(--muted);font-size:.88rem;border-top:1px solid var(--line);padding-top:12px}
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def render_report(
    tables: dict[str, pd.DataFrame],
    sources: list[dict] | None = None,
    texts: dict[str, str] | None = None,
    dataset: Mapping | None = None,
) -> str:
    """The report page for a release's tables (pure: same tables, same bytes)."""
    return render_data(ReportData.of_tables(tables), sources, texts, dataset)


def render_data(
    d: ReportData,
    sources: list[dict] | None = None,
    texts: dict[str, str] | None = None,
    dataset: Mapping | None = None,
) -> str:
    """The report page for data gathered from a release's tables (:class:`ReportData`); ``dataset`` is
    the release's identity (its datapackage.json; neutral defaults without one)."""
    dataset = dataset or default_dataset("release")
    listed = d.listed()
    body = "".join(
        [
            summary_section(d, dataset),
            timeline_section(d, listed["projects"]),
            money_section(d),
            organisations_section(d),
            counts_section(d),
            records_section(d, listed, texts),
        ]
    )
    footer = (
        f"<footer>Generated from the release tables by <code>projekty report</code>; dataset "
        f"{esc(dataset['name'])} {esc(dataset['version'])}. Every value links to its evidence by "
        f"<code>char_start</code>/<code>char_end</code> offsets into the source text.</footer>"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(dataset['title'])} — report {esc(dataset['version'])}</title>"
        f"<style>{CSS}</style></head><body>{header(d, sources or [], dataset)}"
        f"<main>{body}{footer}</main></body></html>\n"
    )


def write_report(
    release_dir: Path, out_path: Path, texts: dict[str, str] | None = None, data: ReportData | None = None
) -> Path:
    """Write ``report.html`` for the release in ``release_dir``; ``texts`` (document text by doc_id, see
    :func:`pipeline.report.load.load_texts`) lets the evidence be marked exactly where it was read.
    ``data``: what was gathered while the release was written (else the tables are read from the release)."""
    import json

    release_dir, out_path = Path(release_dir), Path(out_path)
    package = release_dir / "datapackage.json"
    descriptor = json.loads(package.read_text(encoding="utf-8")) if package.exists() else {}
    dataset = descriptor if descriptor.get("title") else None
    page = render_data(
        data or ReportData.of_tables(read_tables(release_dir)), descriptor.get("sources", []), texts, dataset
    )
    return atomic_write_text(out_path, page)
