"""Marking in a record's text the words each value was read from."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from pipeline.report.format import esc, fmt_number
from pipeline.text.fold import WHITESPACE, fold

KIND_LABELS = {"money": "money", "count": "count", "date": "date", "org": "organisation"}


@dataclass(frozen=True)
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
    for r in tables["amounts"].itertuples(index=False):
        out.setdefault(r.project_id, []).append(
            Span(r.char_start, r.char_end, "money", f"money: {fmt_number(r.value)} {r.currency} ({r.kind})", r.raw_text)
        )
    for r in tables["counts"].itertuples(index=False):
        n = fmt_number(r.value) if not pd.isna(r.value) else f"{_opt(r.value_min)}..{_opt(r.value_max)}"
        out.setdefault(r.project_id, []).append(
            Span(r.char_start, r.char_end, "count", f"count: {n} × {r.unit} ({r.qualifier})", r.raw_text)
        )
    for r in tables["dates"].itertuples(index=False):
        period = f"{pd.Timestamp(r.start):%Y-%m-%d} – {pd.Timestamp(r.end):%Y-%m-%d}"
        out.setdefault(r.project_id, []).append(
            Span(r.char_start, r.char_end, "date", f"date: {period} ({r.precision})", r.raw_text)
        )
    m = tables["mentions"]
    quotes = {(d, s, e): t for d, s, e, t in zip(m["doc_id"], m["char_start"], m["char_end"], m["text"], strict=True)}
    doc_of = dict(zip(tables["projects"]["project_id"], tables["projects"]["doc_id"], strict=True))
    for r in tables["project_organisations"].itertuples(index=False):
        cue = f"; cue: {r.cue}" if isinstance(r.cue, str) else ""
        quote = quotes.get((doc_of.get(r.project_id), r.char_start, r.char_end))
        out.setdefault(r.project_id, []).append(
            Span(
                r.char_start,
                r.char_end,
                "org",
                f"organisation: {names.get(r.org_id, r.org_id)} — {r.role}{cue}",
                quote,
                str(r.role),
            )
        )
    return {pid: sorted(spans, key=lambda s: (s.start, -s.end, s.kind)) for pid, spans in out.items()}


def _opt(v) -> str:
    return "" if v is None or pd.isna(v) else str(int(v))


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


def body_span(text: str, project) -> tuple[int, int]:
    """Offsets of the record's body in the document: where its whitespace-folded description is."""
    view, offsets = fold(text, int(project.char_start), int(project.char_end), rules=WHITESPACE)
    desc = " ".join(str(project.description).split())
    if desc:
        for needle in (desc, desc[:60]):
            at = view.rfind(needle) if needle == desc else view.find(needle)
            if at >= 0:
                return offsets[at], offsets[min(at + len(desc), len(view)) - 1] + 1
    return int(project.title_end), int(project.char_end)
