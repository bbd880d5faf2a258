"""Inline SVG charts (no script, no font from the network) and their legends and data tables."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pipeline.report.data import TimelineBar
from pipeline.report.format import esc, years_label

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
ROLE_COLOURS = {
    "lead": "#0072B2",
    "partner": "#009E73",
    "funder": "#E69F00",
    "participant": "#CC79A7",
    "other": "#8C8C8C",
}

WIDTH = 1000
LABEL_W = 360
ROW_H = 26
BAR_H = 16
FONT = 13


def _svg_open(chart_id: str, height: int, title: str, desc: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="{chart_id}-t {chart_id}-d" class="chart" '
        f'style="max-width:{WIDTH}px">'
        f'<title id="{chart_id}-t">{esc(title)}</title><desc id="{chart_id}-d">{esc(desc)}</desc>'
    )


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
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" class="lbl">'
        f"<title>{esc(text)}</title>{esc(fit(text, max_px))}</text>"
    )


def svg_hbars(
    chart_id: str, title: str, desc: str, rows: Sequence[tuple[str, float, str]], colour: str = PALETTE[0]
) -> str:
    """Horizontal bar chart: rows of (label, value, value text)."""
    height = 12 + ROW_H * max(len(rows), 1)
    plot_w = WIDTH - LABEL_W - 20 - 170
    top = max((v for _, v, _ in rows), default=0) or 1
    parts = [_svg_open(chart_id, height, title, desc)]
    for i, (label, value, text) in enumerate(rows):
        y = 6 + i * ROW_H
        w = max(plot_w * value / top, 1.5)
        parts.append(_label(LABEL_W, y + BAR_H - 3, label))
        parts.append(
            f'<rect x="{LABEL_W + 10}" y="{y}" width="{w:.1f}" height="{BAR_H}" rx="2" fill="{colour}">'
            f"<title>{esc(label)}: {esc(text)}</title></rect>"
        )
        parts.append(f'<text x="{LABEL_W + 16 + w:.1f}" y="{y + BAR_H - 3}" class="val">{esc(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def svg_stacked(
    chart_id: str,
    title: str,
    desc: str,
    rows: Sequence[tuple[str, dict[str, int]]],
    keys: Sequence[str],
    colours: dict[str, str],
) -> str:
    """Stacked horizontal bars: rows of (label, {key: n}) with the segments in ``keys`` order."""
    height = 12 + ROW_H * max(len(rows), 1)
    plot_w = WIDTH - LABEL_W - 20 - 60
    top = max((sum(d.values()) for _, d in rows), default=0) or 1
    parts = [_svg_open(chart_id, height, title, desc)]
    for i, (label, d) in enumerate(rows):
        y = 6 + i * ROW_H
        x: float = LABEL_W + 10  # advanced by fractional segment widths
        parts.append(_label(LABEL_W, y + BAR_H - 3, label))
        for k in keys:
            n = d.get(k, 0)
            if not n:
                continue
            w = plot_w * n / top
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{BAR_H}" fill="{colours[k]}" '
                f'stroke="#fff" stroke-width="1"><title>{esc(label)}: {esc(k)} {n}</title></rect>'
            )
            x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + BAR_H - 3}" class="val">{sum(d.values())}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _year_step(span: int, px: float) -> int:
    for step in (1, 2, 5, 10, 20, 50):
        if px * step >= 40 or step * 12 >= span:
            return step
    return 100


def svg_timeline(chart_id: str, title: str, desc: str, rows: Sequence[TimelineBar], colours: dict[str, str]) -> str:
    """One bar per project from the start of its first year to the end of its last; bars link to the record."""
    if not rows:
        return _svg_open(chart_id, 30, title, desc) + '<text x="10" y="20">No project has years.</text></svg>'
    first = min(r.start for r in rows)
    last = max(r.end for r in rows) + 1
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
        for ty in (axis_h - 8, height - 6):  # above and below the bars
            parts.append(f'<text x="{cx:.1f}" y="{ty}" text-anchor="middle" class="tick">{year}</text>')
    for i, r in enumerate(rows):
        y = axis_h + i * ROW_H + (ROW_H - BAR_H) / 2
        x = x0 + (r.start - first) * px
        w = (r.end - r.start + 1) * px
        label = f"{r.title} ({years_label(r.start, r.end)})"
        parts.append(_label(LABEL_W, y + BAR_H - 3, r.title))
        parts.append(
            f'<a href="#{esc(r.id)}"><rect x="{x + 1:.1f}" y="{y:.1f}" width="{w - 2:.1f}" '
            f'height="{BAR_H}" rx="3" fill="{colours.get(r.section, "#8C8C8C")}">'
            f"<title>{esc(label)} — {esc(r.section)}</title></rect></a>"
        )
    parts.append("</svg>")
    return "".join(parts)


def legend(items: Iterable[tuple[str, str]], label: str) -> str:
    lis = "".join(
        f'<li><span class="swatch" style="background:{c}" aria-hidden="true"></span>{esc(k)}</li>' for k, c in items
    )
    return f'<ul class="legend" aria-label="{esc(label)}">{lis}</ul>'


def data_table(caption: str, headers: Sequence[str], rows: Iterable[Sequence], numeric: Sequence[int] = ()) -> str:
    head = "".join(
        f'<th scope="col"{" class=num" if i in numeric else ""}>{esc(h)}</th>' for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>" + "".join(f"<td{' class=num' if i in numeric else ''}>{esc(v)}</td>" for i, v in enumerate(r)) + "</tr>"
        for r in rows
    )
    return (
        f'<details class="data"><summary>{esc(caption)} as a table</summary><table><thead><tr>{head}</tr>'
        f"</thead><tbody>{body}</tbody></table></details>"
    )


def colour_map(keys: Sequence[str]) -> dict[str, str]:
    return {k: PALETTE[i] if i < len(PALETTE) else "#8C8C8C" for i, k in enumerate(keys)}
