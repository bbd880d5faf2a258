"""The report's sections, each drawn from :class:`~pipeline.report.data.ReportData`."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pipeline.report.charts import (
    PALETTE,
    ROLE_COLOURS,
    colour_map,
    data_table,
    legend,
    svg_hbars,
    svg_stacked,
    svg_timeline,
)
from pipeline.report.data import FUNDER_KIND, TOP_UNITS, ReportData, timeline_rows
from pipeline.report.evidence import KIND_LABELS, body_span, evidence_spans, highlight_by_quote, highlight_in_text
from pipeline.report.format import esc, fmt_number, link, slug, years_label
from pipeline.report.rows import project_rows
from schemas.fields import ROLES

SECTIONS = (
    ("summary", "Summary"),
    ("timeline", "Projects over time"),
    ("money", "Money"),
    ("organisations", "Organisations and their roles"),
    ("counts", "What was counted"),
    ("records", "Records with their evidence"),
)


def header(d: ReportData, sources: list[dict], dataset: Mapping) -> str:
    links = []
    for s in sources:
        url = s.get("path") or s.get("url")
        name = s.get("publisher") or s.get("title") or url
        if url:
            links.append(link(url, name))
    if not links:
        links = [esc(u) for u in d.source_urls]
    toc = "".join(f'<li><a href="#{k}">{esc(v)}</a></li>' for k, v in SECTIONS)
    licenses = dataset.get("licenses") or []
    licence = (
        f" · licence {link(licenses[0]['path'], licenses[0].get('title', licenses[0]['name']))}"
        if licenses
        else " · no licence stated"
    )
    return (
        f'<header class="top"><div class="inner"><h1>{esc(dataset["title"])}</h1>'
        f"<p>Dataset <strong>{esc(dataset['name'])}</strong> version {esc(dataset['version'])}{licence}</p>"
        f"<p>Source: {', '.join(links) or '–'}</p>"
        f'<nav class="toc" aria-label="Contents"><ol>{toc}</ol></nav></div></header>'
    )


def summary_section(d: ReportData, dataset: Mapping) -> str:
    span = f"{d.year_min}–{d.year_max}" if d.year_min is not None else "–"
    n = d.rows
    cards = [
        (n["projects"], "project records"),
        (span, "years covered"),
        (n["organisations"], "organisations"),
        (d.funder_links, "funder links"),
        (n["amounts"], "money amounts"),
        (n["counts"], "counts"),
        (n["dates"], "dates"),
        (n["mentions"], "entity mentions"),
    ]
    body = "".join(f'<div class="card"><b>{esc(v)}</b><span>{esc(k)}</span></div>' for v, k in cards)
    return (
        f'<section id="summary" aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>'
        f'<p class="note">{esc(dataset["description"])}</p><div class="cards">{body}</div></section>'
    )


def _listed_note(d: ReportData) -> str:
    n = d.rows["projects"]
    limit = d.max_listed
    return f" Only the first {limit:,} of {n:,} records (in page order) are listed." if n > limit else ""


def timeline_section(d: ReportData, listed: pd.DataFrame) -> str:
    rows = timeline_rows(listed)
    sections = list(dict.fromkeys(r.section for r in sorted(rows, key=lambda r: r.id)))
    colours = colour_map(sections)
    missing = len(listed) - len(rows)
    note = (f" {missing} record(s) without years are not shown." if missing else "") + _listed_note(d)
    chart = svg_timeline(
        "timeline-chart",
        "Projects by year span",
        f"{len(rows)} projects drawn as bars from their first to their last year, ordered by first "
        f"year; colour shows the section of the page.",
        rows,
        colours,
    )
    table = data_table(
        "Timeline",
        ("project", "years", "section"),
        ((r.title, years_label(r.start, r.end), r.section) for r in rows),
    )
    return (
        f'<section id="timeline" aria-labelledby="timeline-h"><h2 id="timeline-h">Projects over time</h2>'
        f'<p class="note">One bar per project record, from its first to its last year; select a bar to jump '
        f"to the record.{esc(note)}</p>{legend(colours.items(), 'Sections')}"
        f"<figure>{chart}</figure>{table}</section>"
    )


def money_section(d: ReportData) -> str:
    parts = [
        '<section id="money" aria-labelledby="money-h"><h2 id="money-h">Money</h2>',
        '<p class="note">Amounts as stated in the records, in their own currency (not converted).</p>',
    ]
    by_kind = d.money_by_kind()
    if not by_kind:
        return "".join(parts) + "<p>No money amounts in this release.</p></section>"
    parts.append(
        '<h3>By kind</h3><p class="note">Totals of each kind of amount (<em>kind</em> in amounts: '
        "project value, grant, own contribution, programme budget, organisation finances, other), "
        "per currency; different kinds are never added together, since a grant is part of a "
        "project's value.</p>"
    )
    parts.append(
        "<figure>"
        + svg_hbars(
            "money-kind",
            "Money by kind",
            "Total of the stated amounts per kind and currency.",
            [(f"{k} ({c})", v, f"{fmt_number(v)} {c} ({n} amounts)") for k, c, v, n in by_kind],
            PALETTE[0],
        )
        + "</figure>"
    )
    parts.append(
        data_table(
            "Money by kind",
            ("kind", "currency", "total", "amounts"),
            ((k, c, fmt_number(v), n) for k, c, v, n in by_kind),
            numeric=(2, 3),
        )
    )
    parts.append(
        f'<h3>Grants by funder</h3><p class="note">Only amounts of kind <em>{FUNDER_KIND}</em>; each '
        "counts for every funder named in its project (role <em>funder</em> in "
        "project_organisations).</p>"
    )
    for currency, rows in d.money_by_funder().items():
        bars = [(n, v, f"{fmt_number(v)} {currency} · {p} project(s)") for n, v, p in rows]
        chart = svg_hbars(
            f"money-funder-{slug(currency)}",
            f"Grants by funder ({currency})",
            f"Total {currency} of the grants of the projects each funder is named in.",
            bars,
            PALETTE[1],
        )
        parts.append(f"<h4>In {esc(currency)}</h4><figure>{chart}</figure>")
        parts.append(
            data_table(
                f"Grants by funder ({currency})",
                ("funder", "total", "projects"),
                ((n, fmt_number(v), p) for n, v, p in rows),
                numeric=(1, 2),
            )
        )
    return "".join(parts) + "</section>"


def organisations_section(d: ReportData) -> str:
    rows = d.org_roles()
    if not rows:
        body = "<p>No organisation links in this release.</p>"
    else:
        chart = svg_stacked(
            "org-roles",
            "Organisations most often involved, by role",
            f"The {len(rows)} organisations in most project records; each bar is split by the role they had.",
            rows,
            ROLES,
            ROLE_COLOURS,
        )
        table = data_table(
            "Organisations by role",
            ("organisation", *ROLES, "total"),
            ((n, *(d.get(r, 0) for r in ROLES), sum(d.values())) for n, d in rows),
            numeric=tuple(range(1, len(ROLES) + 2)),
        )
        body = f"{legend(ROLE_COLOURS.items(), 'Roles')}<figure>{chart}</figure>{table}"
    return (
        f'<section id="organisations" aria-labelledby="org-h"><h2 id="org-h">Organisations and their roles</h2>'
        f'<p class="note">Number of project records in which an organisation appears, split by its role.</p>'
        f"{body}</section>"
    )


def counts_section(d: ReportData) -> str:
    rows = d.counts_by_unit()
    if not rows:
        body = "<p>No counts in this release.</p>"
    else:
        chart = svg_hbars(
            "counts-units",
            "What was counted",
            "Sum of the stated numbers per counted noun (lemma).",
            [(u, s, f"{fmt_number(s)} ({c} count{'s' if c != 1 else ''})") for u, s, c in rows],
            PALETTE[2],
        )
        table = data_table(
            "Counts by unit", ("unit", "sum", "counts"), ((u, fmt_number(s), c) for u, s, c in rows), numeric=(1, 2)
        )
        body = f"<figure>{chart}</figure>{table}"
    return (
        f'<section id="counts" aria-labelledby="counts-h"><h2 id="counts-h">What was counted</h2>'
        f'<p class="note">People, municipalities, countries and other units: the sum of the numbers stated per '
        f"counted noun (base form), top {TOP_UNITS}; a vague count (<em>kilkanaście</em>) adds its lower bound."
        f"</p>{body}</section>"
    )


def records_section(d: ReportData, t: dict[str, pd.DataFrame], texts: dict[str, str] | None) -> str:
    listed = t["projects"]
    spans = evidence_spans(t, d.names)
    legend = "".join(f'<li><mark class="ev ev-{k}">{esc(v)}</mark></li>' for k, v in KIND_LABELS.items())
    legend += '<li><mark class="ev ev-org role-funder">funder</mark></li>'
    rows = []
    for p in project_rows(listed):
        sp = spans.get(p.project_id, [])
        text = (texts or {}).get(p.doc_id)
        also = ""
        if text is not None and p.char_end <= len(text):
            title = (
                highlight_in_text(text, p.title_start, p.title_end, sp) if p.title_end > p.title_start else esc(p.title)
            )
            bs, be = body_span(text, p)
            desc = highlight_in_text(text, bs, be, sp)
            outside = [
                s
                for s in sp
                if not (bs <= s.start and s.end <= be) and not (p.title_start <= s.start and s.end <= p.title_end)
            ]
            if outside:
                quoted = ", ".join(highlight_in_text(text, s.start, s.end, [s]) for s in outside)
                also = f'<p class="also">Read outside the record (in a heading above it): {quoted}</p>'
        else:
            title, desc = esc(p.title), highlight_by_quote(" ".join(p.description.split()), sp)
        body = f'<p class="desc">{desc}</p>' if desc else ""
        rows.append(
            f'<tr id="{esc(p.project_id)}"><td class="num">{p.ordinal}</td>'
            f'<td class="years">{esc(years_label(p.year_start, p.year_end))}</td>'
            f'<td><span class="title">{title}</span>{body}{also}</td>'
            f'<td class="sec">{esc(p.section)}</td></tr>'
        )
    how = (
        "from the source text"
        if texts
        else "found again in the description by their quoted words (the source text was not given)"
    )
    return (
        f'<section id="records" aria-labelledby="records-h"><h2 id="records-h">Records with their evidence</h2>'
        f'<p class="note">Every project record, in page order. The words each value was read from are marked '
        f"{esc(how)}; hover a mark for the value read.{esc(_listed_note(d))}</p>"
        f'<ul class="legend" aria-label="Kinds of evidence">{legend}</ul>'
        f'<table class="records"><thead><tr><th scope="col" class="num">#</th><th scope="col">Years</th>'
        f'<th scope="col">Title and description</th><th scope="col">Section</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )
