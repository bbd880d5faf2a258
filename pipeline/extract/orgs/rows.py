"""The grantee of a grant list's row: ``Familia – 21.000 zł``, ``- Leszno Tenis Klub – 65 tys. zł na turniej``.

A line that is a name, a spaced dash and the amount the name received names a grantee (annotation
conventions: a grant list's grantee leads its grant). Such names need no head noun (``Nasz Dom``, ``Basket
Junior Polonia Leszno``), so the head-noun scanners miss them; the row's shape is the evidence. Whether the
name is a body or a task (``Modernizacja placu zabaw – 5 000 zł``) is left to the acceptor, which sees the
``row_grantee`` feature (:mod:`pipeline.extract.orgs.acceptor`)."""

from __future__ import annotations

from pipeline.core.datatypes import OrgMention
from pipeline.extract.orgs.vocab import grant_row
from pipeline.segment.lines import QUOTE_OPENERS

_CLOSERS = "”\"“»'’"


def row_grantee_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The grantee names of the grant rows in ``text[start:end]``, a fully quoted name without its quotes."""
    out = []
    for m in grant_row().finditer(text, start, end):
        a, b = m.span("name")
        while a < b and text[a].isspace():
            a += 1
        if a < b and text[a] in QUOTE_OPENERS and text[b - 1] in _CLOSERS:
            a, b = a + 1, b - 1
        first = text[a : a + 1]
        if b - a >= 2 and (first.isupper() or first.isdigit()) and not text[a:b].rstrip().endswith(":"):
            out.append((a, b))
    return out


def row_grantees(text: str, start: int, end: int, taken: list[OrgMention]) -> list[OrgMention]:
    """Row grantees as rule mentions, each replacing the rule mentions inside it that start where it starts
    (``Klub Piłkarski Polonia`` of ``Klub Piłkarski Polonia 1912 Leszno``); a row whose name overlaps any
    other mention is left to that mention."""
    out = list(taken)
    for a, b in row_grantee_spans(text, start, end):
        inside = [m for m in out if m.char_start < b and a < m.char_end]
        if any(m.char_start != a or m.char_end > b for m in inside) or len(inside) > 1:
            continue
        keep = inside[0] if inside else None
        out = [m for m in out if m is not keep]
        acronym = keep.acronym if keep is not None else None
        out.append(OrgMention(text[a:b], a, b, "rule", acronym=acronym))
    return sorted(out, key=lambda m: (m.char_start, m.char_end))


def is_row_grantee(text: str, m: OrgMention) -> bool:
    """The mention is exactly the grantee name of a grant row."""
    line_start = text.rfind("\n", 0, m.char_start) + 1
    line_end = text.find("\n", m.char_end)
    return (m.char_start, m.char_end) in row_grantee_spans(text, line_start, len(text) if line_end < 0 else line_end)
