"""A one-file HTML report of a release: what the dataset holds, with its evidence.

Why: a reader (or a reviewer of a new version) should see the data before loading it: when the
projects ran, where the money came from, who took part in what role, what was counted, and, for
every record, which words of the source the values were read from. The page is self-contained
(inline CSS, inline SVG charts drawn here; no script, font or image from the network), every
text is escaped, and the output is deterministic (no timestamps), so two builds of one release
give the same bytes.
"""

from __future__ import annotations

import bisect
import hashlib
import html
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Context, Decimal
from pathlib import Path

import pandas as pd

from pipeline.release.outdir import atomic_write_text
from schemas.fields import AMOUNT_KINDS, ROLES
from schemas.identity import default_dataset
from schemas.tables import TABLES

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
ROLE_COLOURS = {"lead": "#0072B2", "partner": "#009E73", "funder": "#E69F00", "participant": "#CC79A7",
                "other": "#8C8C8C"}
KIND_LABELS = {"money": "money", "count": "count", "date": "date", "org": "organisation"}
TOP_ORGS = 15
TOP_UNITS = 12
# Records drawn one by one (timeline bars, evidence rows): the first ones in page order. A page of
# more is neither readable nor cheap to build; the aggregates above still cover every record.
MAX_LISTED = 1000
NO_FUNDER = "(no funder named)"
FUNDER_KIND = "grant"  # the one kind of amount summed by funder (kinds are never added together)

# --- small helpers ------------------------------------------------------------------------------


def esc(value) -> str:
    """Escape any value for HTML text and attribute values (SVG inline included)."""
    return html.escape("" if value is None else str(value), quote=True)


def fmt_number(value: float) -> str:
    """``3250000.0`` -> ``3 250 000`` (thin spaces), decimals only when there are some."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return text.replace(",", "\u202f")


def years_label(start, end) -> str:
    if start is None or pd.isna(start):
        return "–"
    start, end = int(start), int(end) if end is not None and not pd.isna(end) else int(start)
    return str(start) if start == end else f"{start}–{end}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _colour_map(keys: Sequence[str]) -> dict[str, str]:
    return {k: PALETTE[i] if i < len(PALETTE) else "#8C8C8C" for i, k in enumerate(keys)}


# --- reading a release --------------------------------------------------------------------------


def read_tables(release_dir: Path) -> dict[str, pd.DataFrame]:
    """The release's tables from Parquet (a missing table is read as empty, with its columns)."""
    from schemas.models import empty_frame

    out = {}
    for name in TABLES:
        path = Path(release_dir) / f"{name}.parquet"
        out[name] = pd.read_parquet(path) if path.exists() else empty_frame(name)
    return out


def load_texts(release_dir: Path, root: Path | None = None) -> dict[str, str]:
    """Decoded text of each document of the release: the text saved with the release
    (``texts/{doc_id}.txt``, written for HTML inputs) or else ``root / source_file`` read exactly as the
    pipeline reads it. A text whose length differs from ``n_chars``, or a raw file whose SHA-256 differs
    from the release's, is left out: its offsets would point at other words."""
    from pipeline.ingest.decode import InputError, read_document

    docs = read_tables(release_dir)["documents"]
    out = {}
    for row in docs.itertuples(index=False):
        saved = Path(release_dir) / "texts" / f"{row.doc_id}.txt"
        text = None
        if saved.exists():
            text = saved.read_bytes().decode("utf-8")  # no newline translation: offsets count \r too
        elif root is not None:
            path = Path(root) / str(row.source_file)
            if path.exists() and hashlib.sha256(path.read_bytes()).hexdigest() == row.sha256:
                try:
                    text = read_document(path, Path(root)).text
                except InputError:
                    text = None
        if text is not None and len(text) == int(row.n_chars):
            out[str(row.doc_id)] = text
    return out


# --- aggregates ---------------------------------------------------------------------------------


def timeline_rows(projects: pd.DataFrame) -> list[dict]:
    """Projects with years, ordered by first year (then last year, then position)."""
    rows = []
    for p in projects.itertuples(index=False):
        if pd.isna(p.year_start):
            continue
        end = p.year_end if not pd.isna(p.year_end) else p.year_start
        rows.append({"id": p.project_id, "title": p.title, "start": int(p.year_start), "end": int(end),
                     "section": str(p.section).split(" / ")[0] if p.section else "(no section)"})
    return sorted(rows, key=lambda r: (r["start"], r["end"], r["id"]))


_EXACT = Context(prec=400)  # enough digits for sums of doubles to stay exact
LISTED_TABLES = ("projects", "amounts", "counts", "dates", "project_organisations", "mentions")


class ReportData:
    """What the report draws, gathered from a release's tables a run of whole documents at a time
    (:meth:`add`), so a release is never held at once: totals and tallies for the charts, and the
    tables' rows for the first ``MAX_LISTED`` records. Money is summed exactly (``Decimal``), so the
    totals do not depend on how the runs were cut."""

    def __init__(self, org_names: dict[str, str]):
        self.names = org_names
        self.rows = dict.fromkeys(TABLES, 0)
        self.year_min: int | None = None
        self.year_max: int | None = None
        self.funder_links = 0
        self.source_urls: list[str] = []
        self._kind: dict[tuple[str, str], list] = {}  # (kind, currency) -> [total, amounts]
        self._funder: dict[tuple[str, str], list] = {}  # (currency, funder) -> [total, projects]; grants only
        self._roles: dict[str, dict[str, int]] = {}
        self._units: dict[str, list[int]] = {}
        self._listed: dict[str, list[pd.DataFrame]] = {name: [] for name in LISTED_TABLES}
        self._n_listed = 0

    @classmethod
    def of_tables(cls, t: dict[str, pd.DataFrame]) -> ReportData:
        """The report data of whole tables (one run)."""
        data = cls(dict(zip(t["organisations"]["org_id"], t["organisations"]["name"], strict=True)))
        data.add({name: df for name, df in t.items() if name != "organisations"})
        data.rows["organisations"] = len(t["organisations"])
        return data

    def add(self, t: dict[str, pd.DataFrame]) -> None:
        for name, df in t.items():
            self.rows[name] += len(df)
        self.source_urls += [str(u) for u in t["documents"]["source_url"].dropna()]
        p = t["projects"]
        starts, ends = p["year_start"].dropna(), p["year_end"].dropna()
        if len(starts):
            first = int(starts.min())
            self.year_min = first if self.year_min is None else min(self.year_min, first)
        if len(ends):
            last = int(ends.max())
            self.year_max = last if self.year_max is None else max(self.year_max, last)
        links = t["project_organisations"]
        roles = links["role"].astype(str)
        funders = links[roles == "funder"]
        self.funder_links += len(funders)
        self._add_money(t["amounts"], funders)
        for oid, role in zip(links["org_id"], roles, strict=True):
            tally = self._roles.setdefault(self.names.get(oid, oid), {})
            tally[role] = tally.get(role, 0) + 1
        c = t["counts"]
        for unit, value, low in zip(c["unit"], c["value"], c["value_min"], strict=True):
            n = value if not pd.isna(value) else (low if not pd.isna(low) else 0)
            tally = self._units.setdefault(str(unit), [0, 0])
            tally[0] += int(n)
            tally[1] += 1
        self._add_listed(t)

    def _add_money(self, amounts: pd.DataFrame, funders: pd.DataFrame) -> None:
        """Totals per kind and currency; every grant (``FUNDER_KIND``) counts for each funder named in its
        project (a project's amounts and links are in the same run); ``funders``: the run's links with the
        role funder."""
        by_project: dict[str, set[str]] = {}
        for pid, oid in zip(funders["project_id"], funders["org_id"], strict=True):
            by_project.setdefault(pid, set()).add(self.names.get(oid, oid))
        projects: dict[tuple[str, str], set[str]] = {}
        for pid, value, cur, kind in zip(amounts["project_id"], amounts["value"], amounts["currency"].astype(str),
                                         amounts["kind"].astype(str), strict=True):
            exact = Decimal(float(value))
            tally = self._kind.setdefault((kind, cur), [Decimal(0), 0])
            tally[0] = _EXACT.add(tally[0], exact)
            tally[1] += 1
            if kind != FUNDER_KIND:
                continue
            for name in sorted(by_project.get(pid, {NO_FUNDER})):
                tally = self._funder.setdefault((cur, name), [Decimal(0), 0])
                tally[0] = _EXACT.add(tally[0], exact)
                projects.setdefault((cur, name), set()).add(pid)
        for key, pids in projects.items():
            self._funder[key][1] += len(pids)

    def _add_listed(self, t: dict[str, pd.DataFrame]) -> None:
        room = MAX_LISTED - self._n_listed
        if room <= 0:
            return
        projects = t["projects"].head(room)
        self._n_listed += len(projects)
        ids, docs = set(projects["project_id"]), set(projects["doc_id"])
        self._listed["projects"].append(projects)
        for name in ("amounts", "counts", "dates", "project_organisations"):
            self._listed[name].append(t[name][t[name]["project_id"].isin(ids)])
        self._listed["mentions"].append(t["mentions"][t["mentions"]["doc_id"].isin(docs)])

    def listed(self) -> dict[str, pd.DataFrame]:
        """The tables' rows for the listed records (the first ``MAX_LISTED`` in release order)."""
        from schemas.models import empty_frame

        return {name: pd.concat(parts, ignore_index=True) if parts else empty_frame(name)
                for name, parts in self._listed.items()}

    def money_by_kind(self) -> list[tuple[str, str, float, int]]:
        """(kind, currency, total, number of amounts): kinds in vocabulary order, then largest total first.
        Amounts of different kinds are never added together (a grant is part of a project's value)."""
        order = {k: i for i, k in enumerate(AMOUNT_KINDS)}
        return sorted(((k, c, float(v), n) for (k, c), (v, n) in self._kind.items()),
                      key=lambda t: (order.get(t[0], len(order)), -t[2], t[1]))

    def money_by_funder(self) -> dict[str, list]:
        """{currency: [(funder name, total of grants, number of projects)]}: every grant of a project counts
        for each funder named in it (so grants of co-funded projects appear under every funder)."""
        out: dict[str, list] = {}
        for (cur, name), (total, n) in self._funder.items():
            out.setdefault(cur, []).append((name, float(total), n))
        return {c: sorted(v, key=lambda t: (-t[1], t[0])) for c, v in sorted(out.items())}

    def org_roles(self, top: int = TOP_ORGS) -> list[tuple[str, dict[str, int]]]:
        """The organisations in most projects, with how often they had each role."""
        return sorted(self._roles.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))[:top]

    def counts_by_unit(self, top: int = TOP_UNITS) -> list[tuple[str, int, int]]:
        """(unit lemma, sum of the stated numbers, number of counts): a vague count adds its lower bound."""
        return sorted(((u, s, c) for u, (s, c) in self._units.items()), key=lambda t: (-t[1], t[0]))[:top]


# --- SVG charts ---------------------------------------------------------------------------------

WIDTH = 1000
LABEL_W = 360
ROW_H = 26
BAR_H = 16
FONT = 13


def _svg_open(chart_id: str, height: int, title: str, desc: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
            f'role="img" aria-labelledby="{chart_id}-t {chart_id}-d" class="chart" '
            f'style="max-width:{WIDTH}px">'
            f'<title id="{chart_id}-t">{esc(title)}</title><desc id="{chart_id}-d">{esc(desc)}</desc>')


_NARROW = set("fijlrtI.,:;'!|()[]- ")
_WIDE = set("mwMWŚĆŻŹŁ@%")


def _em(c: str) -> float:
    return 0.32 if c in _NARROW else 0.9 if c in _WIDE else 0.7 if c.isupper() else 0.6


def text_width(text: str, size: float = FONT) -> float:
    """Rough width of ``text`` in a sans-serif font (DejaVu Sans is among the widest) at ``size`` px."""
    return sum(map(_em, text)) * size


def fit(text: str, max_px: float, size: float = FONT) -> str:
    """``text`` shortened with an ellipsis so that it fits ``max_px``: the longest prefix that fits with
    the ellipsis (one pass; widths are summed in the same order as :func:`text_width` would)."""
    text = " ".join(str(text).split())
    if text_width(text, size) <= max_px:
        return text
    ellipsis, em, cut = _em("…"), 0.0, 0
    for i, c in enumerate(text):
        em += _em(c)
        if (em + ellipsis) * size > max_px:
            break
        cut = i + 1
    return text[:cut].rstrip() + "…"


def _label(x: float, y: float, text: str, max_px: float = LABEL_W - 16, anchor: str = "end") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" class="lbl">'
            f'<title>{esc(text)}</title>{esc(fit(text, max_px))}</text>')


def svg_hbars(chart_id: str, title: str, desc: str, rows: Sequence[tuple[str, float, str]],
              colour: str = PALETTE[0]) -> str:
    """Horizontal bar chart: rows of (label, value, value text)."""
    height = 12 + ROW_H * max(len(rows), 1)
    plot_w = WIDTH - LABEL_W - 20 - 170
    top = max((v for _, v, _ in rows), default=0) or 1
    parts = [_svg_open(chart_id, height, title, desc)]
    for i, (label, value, text) in enumerate(rows):
        y = 6 + i * ROW_H
        w = max(plot_w * value / top, 1.5)
        parts.append(_label(LABEL_W, y + BAR_H - 3, label))
        parts.append(f'<rect x="{LABEL_W + 10}" y="{y}" width="{w:.1f}" height="{BAR_H}" rx="2" fill="{colour}">'
                     f'<title>{esc(label)}: {esc(text)}</title></rect>')
        parts.append(f'<text x="{LABEL_W + 16 + w:.1f}" y="{y + BAR_H - 3}" class="val">{esc(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def svg_stacked(chart_id: str, title: str, desc: str, rows: Sequence[tuple[str, dict[str, int]]],
                keys: Sequence[str], colours: dict[str, str]) -> str:
    """Stacked horizontal bars: rows of (label, {key: n}) with the segments in ``keys`` order."""
    height = 12 + ROW_H * max(len(rows), 1)
    plot_w = WIDTH - LABEL_W - 20 - 60
    top = max((sum(d.values()) for _, d in rows), default=0) or 1
    parts = [_svg_open(chart_id, height, title, desc)]
    for i, (label, d) in enumerate(rows):
        y = 6 + i * ROW_H
        x = LABEL_W + 10
        parts.append(_label(LABEL_W, y + BAR_H - 3, label))
        for k in keys:
            n = d.get(k, 0)
            if not n:
                continue
            w = plot_w * n / top
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{BAR_H}" fill="{colours[k]}" '
                         f'stroke="#fff" stroke-width="1"><title>{esc(label)}: {esc(k)} {n}</title></rect>')
            x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + BAR_H - 3}" class="val">{sum(d.values())}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _year_step(span: int, px: float) -> int:
    for step in (1, 2, 5, 10, 20, 50):
        if px * step >= 40 or step * 12 >= span:
            return step
    return 100


def svg_timeline(chart_id: str, title: str, desc: str, rows: Sequence[dict], colours: dict[str, str]) -> str:
    """One bar per project from the start of its first year to the end of its last; bars link to the record."""
    if not rows:
        return _svg_open(chart_id, 30, title, desc) + '<text x="10" y="20">No project has years.</text></svg>'
    first = min(r["start"] for r in rows)
    last = max(r["end"] for r in rows) + 1
    x0, x1 = LABEL_W + 10, WIDTH - 20
    px = (x1 - x0) / max(last - first, 1)
    axis_h = 24
    height = axis_h * 2 + ROW_H * len(rows)
    step = _year_step(last - first, px)
    parts = [_svg_open(chart_id, height, title, desc)]
    for year in range(first, last + 1):
        if (year - first) % step:
            continue
        x = x0 + (year - first) * px
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{axis_h - 4}" y2="{height - axis_h + 4}" class="grid"/>')
        if year == last:
            continue
        cx = x + px / 2 if step == 1 else x  # a year's label stands in the middle of its column
        for y in (axis_h - 8, height - 6):
            parts.append(f'<text x="{cx:.1f}" y="{y}" text-anchor="middle" class="tick">{year}</text>')
    for i, r in enumerate(rows):
        y = axis_h + i * ROW_H + (ROW_H - BAR_H) / 2
        x = x0 + (r["start"] - first) * px
        w = (r["end"] - r["start"] + 1) * px
        label = f'{r["title"]} ({years_label(r["start"], r["end"])})'
        parts.append(_label(LABEL_W, y + BAR_H - 3, r["title"]))
        parts.append(f'<a href="#{esc(r["id"])}"><rect x="{x + 1:.1f}" y="{y:.1f}" width="{w - 2:.1f}" '
                     f'height="{BAR_H}" rx="3" fill="{colours.get(r["section"], "#8C8C8C")}">'
                     f'<title>{esc(label)} — {esc(r["section"])}</title></rect></a>')
    parts.append("</svg>")
    return "".join(parts)


def _legend(items: Iterable[tuple[str, str]], label: str) -> str:
    lis = "".join(f'<li><span class="swatch" style="background:{c}" aria-hidden="true"></span>{esc(k)}</li>'
                  for k, c in items)
    return f'<ul class="legend" aria-label="{esc(label)}">{lis}</ul>'


def _data_table(caption: str, headers: Sequence[str], rows: Iterable[Sequence], numeric: Sequence[int] = ()) -> str:
    head = "".join(f'<th scope="col"{" class=num" if i in numeric else ""}>{esc(h)}</th>'
                   for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f'<td{" class=num" if i in numeric else ""}>{esc(v)}</td>'
                                    for i, v in enumerate(r)) + "</tr>" for r in rows)
    return (f'<details class="data"><summary>{esc(caption)} as a table</summary><table><thead><tr>{head}</tr>'
            f"</thead><tbody>{body}</tbody></table></details>")


# --- evidence highlighting ----------------------------------------------------------------------


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
            Span(r.char_start, r.char_end, "money", f"money: {fmt_number(r.value)} {r.currency} ({r.kind})",
                 r.raw_text))
    for r in tables["counts"].itertuples(index=False):
        n = fmt_number(r.value) if not pd.isna(r.value) else f"{_opt(r.value_min)}..{_opt(r.value_max)}"
        out.setdefault(r.project_id, []).append(
            Span(r.char_start, r.char_end, "count", f"count: {n} × {r.unit} ({r.qualifier})", r.raw_text))
    for r in tables["dates"].itertuples(index=False):
        period = f"{pd.Timestamp(r.start):%Y-%m-%d} – {pd.Timestamp(r.end):%Y-%m-%d}"
        out.setdefault(r.project_id, []).append(
            Span(r.char_start, r.char_end, "date", f"date: {period} ({r.precision})", r.raw_text))
    m = tables["mentions"]
    quotes = {(d, s, e): t for d, s, e, t in zip(m["doc_id"], m["char_start"], m["char_end"], m["text"],
                                                 strict=True)}
    doc_of = dict(zip(tables["projects"]["project_id"], tables["projects"]["doc_id"], strict=True))
    for r in tables["project_organisations"].itertuples(index=False):
        cue = f"; cue: {r.cue}" if isinstance(r.cue, str) else ""
        quote = quotes.get((doc_of.get(r.project_id), r.char_start, r.char_end))
        out.setdefault(r.project_id, []).append(
            Span(r.char_start, r.char_end, "org", f"organisation: {names.get(r.org_id, r.org_id)} — {r.role}{cue}",
                 quote, str(r.role)))
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


_RUNS = re.compile(r"\S+|\s+")


def _folded(text: str, start: int, end: int) -> tuple[str, list[int]]:
    """Whitespace-folded ``text[start:end]`` (as the release's description is) and each character's offset.

    Works run by run (a word, a stretch of white space), not character by character."""
    out: list[str] = []
    offsets: list[int] = []
    for m in _RUNS.finditer(text, start, end):
        a, b = m.span()
        if text[a].isspace():
            if out:
                out.append(" ")
                offsets.append(a)
        else:
            out.append(m.group())
            offsets.extend(range(a, b))
    if out and out[-1] == " ":
        out.pop()
        offsets.pop()
    return "".join(out), offsets


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
    view, offsets = _folded(text, start, end)
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
    view, offsets = _folded(text, int(project.char_start), int(project.char_end))
    desc = " ".join(str(project.description).split())
    if desc:
        for needle in (desc, desc[:60]):
            at = view.rfind(needle) if needle == desc else view.find(needle)
            if at >= 0:
                return offsets[at], offsets[min(at + len(desc), len(offsets)) - 1] + 1
    return int(project.title_end), int(project.char_end)


# --- page ---------------------------------------------------------------------------------------

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

SECTIONS = (("summary", "Summary"), ("timeline", "Projects over time"), ("money", "Money"),
            ("organisations", "Organisations and their roles"), ("counts", "What was counted"),
            ("records", "Records with their evidence"))


def safe_url(url) -> str | None:
    """``url`` when it is an http(s) address, else None: a link in the report never runs code
    (``javascript:``, ``data:``) whatever a user's sources.csv says."""
    text = str(url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else None


def _link(url, label) -> str:
    href = safe_url(url)
    return f'<a href="{esc(href)}">{esc(label)}</a>' if href else esc(label)


def _header(d: ReportData, sources: list[dict], dataset: Mapping) -> str:
    links = []
    for s in sources:
        url = s.get("path") or s.get("url")
        name = s.get("publisher") or s.get("title") or url
        if url:
            links.append(_link(url, name))
    if not links:
        links = [esc(u) for u in d.source_urls]
    toc = "".join(f'<li><a href="#{k}">{esc(v)}</a></li>' for k, v in SECTIONS)
    licenses = dataset.get("licenses") or []
    licence = (f' · licence {_link(licenses[0]["path"], licenses[0].get("title", licenses[0]["name"]))}'
               if licenses else " · no licence stated")
    return (
        f'<header class="top"><div class="inner"><h1>{esc(dataset["title"])}</h1>'
        f'<p>Dataset <strong>{esc(dataset["name"])}</strong> version {esc(dataset["version"])}{licence}</p>'
        f'<p>Source: {", ".join(links) or "–"}</p>'
        f'<nav class="toc" aria-label="Contents"><ol>{toc}</ol></nav></div></header>'
    )


def _summary(d: ReportData, dataset: Mapping) -> str:
    span = f"{d.year_min}–{d.year_max}" if d.year_min is not None else "–"
    n = d.rows
    cards = [
        (n["projects"], "project records"), (span, "years covered"), (n["organisations"], "organisations"),
        (d.funder_links, "funder links"), (n["amounts"], "money amounts"),
        (n["counts"], "counts"), (n["dates"], "dates"), (n["mentions"], "entity mentions"),
    ]
    body = "".join(f'<div class="card"><b>{esc(v)}</b><span>{esc(k)}</span></div>' for v, k in cards)
    return (f'<section id="summary" aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>'
            f'<p class="note">{esc(dataset["description"])}</p><div class="cards">{body}</div></section>')


def _listed_note(d: ReportData) -> str:
    n = d.rows["projects"]
    return f" Only the first {MAX_LISTED:,} of {n:,} records (in page order) are listed." if n > MAX_LISTED else ""


def _timeline(d: ReportData, listed: pd.DataFrame) -> str:
    rows = timeline_rows(listed)
    sections = list(dict.fromkeys(r["section"] for r in sorted(rows, key=lambda r: r["id"])))
    colours = _colour_map(sections)
    missing = len(listed) - len(rows)
    note = (f" {missing} record(s) without years are not shown." if missing else "") + _listed_note(d)
    chart = svg_timeline("timeline-chart", "Projects by year span",
                         f"{len(rows)} projects drawn as bars from their first to their last year, ordered by first "
                         f"year; colour shows the section of the page.", rows, colours)
    table = _data_table("Timeline", ("project", "years", "section"),
                        ((r["title"], years_label(r["start"], r["end"]), r["section"]) for r in rows))
    return (f'<section id="timeline" aria-labelledby="timeline-h"><h2 id="timeline-h">Projects over time</h2>'
            f'<p class="note">One bar per project record, from its first to its last year; select a bar to jump '
            f'to the record.{esc(note)}</p>{_legend(colours.items(), "Sections")}'
            f"<figure>{chart}</figure>{table}</section>")


def _money(d: ReportData) -> str:
    parts = ['<section id="money" aria-labelledby="money-h"><h2 id="money-h">Money</h2>',
             '<p class="note">Amounts as stated in the records, in their own currency (not converted).</p>']
    by_kind = d.money_by_kind()
    if not by_kind:
        return "".join(parts) + "<p>No money amounts in this release.</p></section>"
    parts.append("<h3>By kind</h3><p class=\"note\">Totals of each kind of amount (<em>kind</em> in amounts: "
                 "project value, grant, own contribution, programme budget, organisation finances, other), "
                 "per currency; different kinds are never added together, since a grant is part of a "
                 "project's value.</p>")
    parts.append("<figure>" + svg_hbars("money-kind", "Money by kind",
                                        "Total of the stated amounts per kind and currency.",
                                        [(f"{k} ({c})", v, f"{fmt_number(v)} {c} ({n} amounts)")
                                         for k, c, v, n in by_kind], PALETTE[0]) + "</figure>")
    parts.append(_data_table("Money by kind", ("kind", "currency", "total", "amounts"),
                             ((k, c, fmt_number(v), n) for k, c, v, n in by_kind), numeric=(2, 3)))
    parts.append(f"<h3>Grants by funder</h3><p class=\"note\">Only amounts of kind <em>{FUNDER_KIND}</em>; each "
                 "counts for every funder named in its project (role <em>funder</em> in "
                 "project_organisations).</p>")
    for currency, rows in d.money_by_funder().items():
        bars = [(n, v, f"{fmt_number(v)} {currency} · {p} project(s)") for n, v, p in rows]
        chart = svg_hbars(f"money-funder-{_slug(currency)}", f"Grants by funder ({currency})",
                          f"Total {currency} of the grants of the projects each funder is named in.", bars,
                          PALETTE[1])
        parts.append(f"<h4>In {esc(currency)}</h4><figure>{chart}</figure>")
        parts.append(_data_table(f"Grants by funder ({currency})", ("funder", "total", "projects"),
                                 ((n, fmt_number(v), p) for n, v, p in rows), numeric=(1, 2)))
    return "".join(parts) + "</section>"


def _organisations(d: ReportData) -> str:
    rows = d.org_roles()
    if not rows:
        body = "<p>No organisation links in this release.</p>"
    else:
        chart = svg_stacked("org-roles", "Organisations most often involved, by role",
                            f"The {len(rows)} organisations in most project records; each bar is split by the role "
                            "they had.", rows, ROLES, ROLE_COLOURS)
        table = _data_table("Organisations by role", ("organisation", *ROLES, "total"),
                            ((n, *(d.get(r, 0) for r in ROLES), sum(d.values())) for n, d in rows),
                            numeric=tuple(range(1, len(ROLES) + 2)))
        body = f'{_legend(ROLE_COLOURS.items(), "Roles")}<figure>{chart}</figure>{table}'
    return (f'<section id="organisations" aria-labelledby="org-h"><h2 id="org-h">Organisations and their roles</h2>'
            f'<p class="note">Number of project records in which an organisation appears, split by its role.</p>'
            f"{body}</section>")


def _counts(d: ReportData) -> str:
    rows = d.counts_by_unit()
    if not rows:
        body = "<p>No counts in this release.</p>"
    else:
        chart = svg_hbars("counts-units", "What was counted", "Sum of the stated numbers per counted noun (lemma).",
                          [(u, s, f"{fmt_number(s)} ({c} count{'s' if c != 1 else ''})") for u, s, c in rows],
                          PALETTE[2])
        table = _data_table("Counts by unit", ("unit", "sum", "counts"), ((u, fmt_number(s), c) for u, s, c in rows),
                            numeric=(1, 2))
        body = f"<figure>{chart}</figure>{table}"
    return (f'<section id="counts" aria-labelledby="counts-h"><h2 id="counts-h">What was counted</h2>'
            f'<p class="note">People, municipalities, countries and other units: the sum of the numbers stated per '
            f"counted noun (base form), top {TOP_UNITS}; a vague count (<em>kilkanaście</em>) adds its lower bound."
            f"</p>{body}</section>")


def _records(d: ReportData, t: dict[str, pd.DataFrame], texts: dict[str, str] | None) -> str:
    listed = t["projects"]
    spans = evidence_spans(t, d.names)
    legend = "".join(f'<li><mark class="ev ev-{k}">{esc(v)}</mark></li>' for k, v in KIND_LABELS.items())
    legend += '<li><mark class="ev ev-org role-funder">funder</mark></li>'
    rows = []
    for p in listed.itertuples(index=False):
        sp = spans.get(p.project_id, [])
        text = (texts or {}).get(p.doc_id)
        also = ""
        if text is not None and int(p.char_end) <= len(text):
            title = highlight_in_text(text, int(p.title_start), int(p.title_end), sp) \
                if p.title_end > p.title_start else esc(p.title)
            bs, be = body_span(text, p)
            desc = highlight_in_text(text, bs, be, sp)
            outside = [s for s in sp if not (bs <= s.start and s.end <= be)
                       and not (p.title_start <= s.start and s.end <= p.title_end)]
            if outside:
                quoted = ", ".join(highlight_in_text(text, s.start, s.end, [s]) for s in outside)
                also = f'<p class="also">Read outside the record (in a heading above it): {quoted}</p>'
        else:
            title, desc = esc(p.title), highlight_by_quote(" ".join(str(p.description).split()), sp)
        body = f'<p class="desc">{desc}</p>' if desc else ""
        rows.append(
            f'<tr id="{esc(p.project_id)}"><td class="num">{int(p.ordinal)}</td>'
            f'<td class="years">{esc(years_label(p.year_start, p.year_end))}</td>'
            f'<td><span class="title">{title}</span>{body}{also}</td>'
            f'<td class="sec">{esc(p.section)}</td></tr>'
        )
    how = ("from the source text" if texts else
           "found again in the description by their quoted words (the source text was not given)")
    return (f'<section id="records" aria-labelledby="records-h"><h2 id="records-h">Records with their evidence</h2>'
            f'<p class="note">Every project record, in page order. The words each value was read from are marked '
            f'{esc(how)}; hover a mark for the value read.{esc(_listed_note(d))}</p>'
            f'<ul class="legend" aria-label="Kinds of evidence">{legend}</ul>'
            f'<table class="records"><thead><tr><th scope="col" class="num">#</th><th scope="col">Years</th>'
            f'<th scope="col">Title and description</th><th scope="col">Section</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></section>')


CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'")


def render_report(tables: dict[str, pd.DataFrame], sources: list[dict] | None = None,
                  texts: dict[str, str] | None = None, dataset: Mapping | None = None) -> str:
    """The report page for a release's tables (pure: same tables, same bytes)."""
    return render_data(ReportData.of_tables(tables), sources, texts, dataset)


def render_data(d: ReportData, sources: list[dict] | None = None, texts: dict[str, str] | None = None,
                dataset: Mapping | None = None) -> str:
    """The report page for data gathered from a release's tables (:class:`ReportData`); ``dataset`` is
    the release's identity (its datapackage.json; neutral defaults without one)."""
    dataset = dataset or default_dataset("release")
    listed = d.listed()
    body = "".join([_summary(d, dataset), _timeline(d, listed["projects"]), _money(d), _organisations(d), _counts(d),
                    _records(d, listed, texts)])
    footer = (f'<footer>Generated from the release tables by <code>projekty report</code>; dataset '
              f'{esc(dataset["name"])} {esc(dataset["version"])}. Every value links to its evidence by '
              f'<code>char_start</code>/<code>char_end</code> offsets into the source text.</footer>')
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{esc(dataset["title"])} — report {esc(dataset["version"])}</title>'
            f"<style>{CSS}</style></head><body>{_header(d, sources or [], dataset)}"
            f"<main>{body}{footer}</main></body></html>\n")


def write_report(release_dir: Path, out_path: Path, texts: dict[str, str] | None = None,
                 data: ReportData | None = None) -> Path:
    """Write ``report.html`` for the release in ``release_dir``; ``texts`` (document text by doc_id, see
    :func:`load_texts`) lets the evidence be marked exactly where it was read. ``data``: what was gathered
    while the release was written (else the tables are read from the release)."""
    import json

    release_dir, out_path = Path(release_dir), Path(out_path)
    package = release_dir / "datapackage.json"
    descriptor = json.loads(package.read_text(encoding="utf-8")) if package.exists() else {}
    dataset = descriptor if descriptor.get("title") else None
    page = render_data(data or ReportData.of_tables(read_tables(release_dir)), descriptor.get("sources", []),
                       texts, dataset)
    return atomic_write_text(out_path, page)
