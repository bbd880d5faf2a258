"""Values as the report's HTML shows them: escaped text, numbers with thin-space groups, year spans,
and links that can only be http(s)."""

from __future__ import annotations

import html
import math
import re


def esc(value: object) -> str:
    """Escape any value for HTML text and attribute values (SVG inline included)."""
    return html.escape("" if value is None else str(value), quote=True)


def fmt_number(value: float) -> str:
    """``3250000.0`` -> ``3 250 000`` (thin spaces), decimals only when there are some."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return text.replace(",", "\u202f")


def years_label(start: int | None, end: int | None) -> str:
    """``2019–2021``; one year alone; ``–`` without years (a missing last year is the first)."""
    if start is None:
        return "–"
    end = start if end is None else end
    return str(start) if start == end else f"{start}–{end}"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def safe_url(url: object) -> str | None:
    """``url`` when it is an http(s) address, else None: a link in the report never runs code
    (``javascript:``, ``data:``) whatever a user's sources.csv says."""
    text = str(url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else None


def link(url: object, label: object) -> str:
    href = safe_url(url)
    return f'<a href="{esc(href)}">{esc(label)}</a>' if href else esc(label)
