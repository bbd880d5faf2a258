"""Marking in a record's text the words each value was read from."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from pipeline.report.format import esc, fmt_number
from pipeline.report.rows import ProjectRow, amount_rows, count_rows, date_rows, ints, link_rows, strs
from pipeline.text.fold import WHITESPACE, fold

KIND_LABELS = {"money": "money", "count": "count", "date": "date", "org": "organisation"}


@dataclass(frozen=True, slots=True)
class Span:
    start: int  # offsets into the document text
    end: int
    kind: str  # money | count | date | org
    note: str  # tooltip: the value as read
    quote: str | None = None  # the words as written, for finding them without the document text
    role: str | None = None


def evidence_spans(tables: dict[str, pd.DataFrame], names: dict[str, str]) -> dict[str, list[Span]]:
    """Evidence spans of every value, by project id, in document order."""
    out: dict[str, list[Span]] = {}
    for a in amount_rows(tables["amounts"]):
        out.setdefault(a.project_id, []).append(
            Span(a.char_start, a.char_end, "money", f"money: {fmt_number(a.value)} {a.currency} ({a.kind})", a.raw_text)
        )
    for c in count_rows(tables["counts"]):
        n = fmt_number(c.value) if c.value is not None else f"{_opt(c.value_min)}..{_opt(c.value_max)}"
        out.setdefault(c.project_id, []).append(
            Span(c.char_start, c.char_end, "count", f"count: {n} × {c.unit} ({c.qualifier})", c.raw_text)
        )
    for d in date_rows(tables["dates"]):
        period = f"{d.start:%Y-%m-%d} – {d.end:%Y-%m-%d}"
        out.setdefault(d.project_id, []).append(
            Span(d.char_start, d.char_end, "date", f"date: {period} ({d.precision})", d.raw_text)
        )
    m = tables["mentions"]
    quotes = {
        (doc, a, b): q
        for doc, a, b, q in zip(
            strs(m, "doc_id"), ints(m, "char_start"), ints(m, "char_end"), strs(m, "text"), strict=True
        )
    }
    p = tables["projects"]
    doc_of = dict(zip(strs(p, "project_id"), strs(p, "doc_id"), strict=True))
    for r in link_rows(tables["project_organisations"]):
        cue = f"; cue: {r.cue}" if r.cue is not None else ""
        doc = doc_of.get(r.project_id)
        quote = quotes.get((doc, r.char_start, r.char_end)) if doc is not None else None
        out.setdefault(r.project_id, []).append(
            Span(
                r.char_start,
                r.char_end,
                "org",
                f"organisation: {names.get(r.org_id, r.org_id)} — {r.role}{cue}",
                quote,
                r.role,
            )
        )
    return {pid: sorted(spans, key=lambda s: (s.start, -s.end, s.kind)) for pid, spans in out.items()}


def _opt(v: int | None) -> str:
    return "" if v is None else str(v)


def _non_overlapping(spans: Iterable[tuple[int, int, Span]]) -> list[tuple[int, int, Span]]:
    kept, last = [], -1
    for a, b, s in sorted(spans, key=lambda t: (t[0], -t[1], t[2].kind)):
        if a >= last and b > a:
            kept.append((a, b, s))
            last = b
    return kept


def _render(view: str, marks: Sequence[tuple[int, int, Span]]) -> str:
    parts, pos = [], 0
    for a, b, s in marks:
        parts.append(esc(view[pos:a]))
        cls = f"ev ev-{s.kind}" + (f" role-{s.role}" if s.role else "")
        parts.append(f'<mark class="{cls}" title="{esc(s.note)}">{esc(view[a:b])}</mark>')
        pos = b
    parts.append(esc(view[pos:]))
    return "".join(parts)


def highlight_in_text(text: str, start: int, end: int, spans: Sequence[Span]) -> str:
    """``text[start:end]`` (whitespace-folded, escaped) with the spans inside it marked by kind."""
    view, offsets = fold(text, start, end, rules=WHITESPACE)
    marks = []
    for s in spans:
        if s.start < start or s.end > end:
            continue
        a = bisect.bisect_left(offsets, s.start)
        b = bisect.bisect_left(offsets, s.end)
        marks.append((a, b, s))
    return _render(view, _non_overlapping(marks))


def highlight_by_quote(description: str, spans: Sequence[Span]) -> str:
    """Without the document text: mark each span's quoted words where they first occur in the
    description (in document order), skipping any that cannot be found."""
    marks, cursor = [], 0
    for s in spans:
        if not s.quote:
            continue
        needle = " ".join(s.quote.split())
        at = description.find(needle, cursor)
        if at < 0:
            at = description.find(needle)
        if at >= 0:
            marks.append((at, at + len(needle), s))
            cursor = max(cursor, at + len(needle))
    return _render(description, _non_overlapping(marks))


def body_span(text: str, project: ProjectRow) -> tuple[int, int]:
    """Offsets of the record's body in the document: where its whitespace-folded description is."""
    view, offsets = fold(text, project.char_start, project.char_end, rules=WHITESPACE)
    desc = " ".join(project.description.split())
    if desc:
        for needle in (desc, desc[:60]):
            at = view.rfind(needle) if needle == desc else view.find(needle)
            if at >= 0:
                return offsets[at], offsets[min(at + len(desc), len(view)) - 1] + 1
    return project.title_end, project.char_end
