"""Folded views of a text: white space folded to one space (and more, by rule), with the map back.

Evidence offsets point into the text exactly as decoded, so nothing changes the text itself; a
reader that wants it folded (the NER model, the report's quoted records) reads a :class:`FoldedView`
and maps what it finds back with its ``offsets``. Two rule sets, because the two readers need
different things:

* :data:`TYPOGRAPHIC` (the model's view): line-wrap white space, NBSP and thin spaces folded, soft
  hyphens, zero-width spaces and BOMs left out, typographic quotes and dashes read as ASCII, a space
  at either end kept;
* :data:`WHITESPACE` (the report's view): any Unicode white space folded and trimmed at both ends and
  nothing else changed, i.e. exactly ``" ".join(s.split())``, which is how the release's
  descriptions are folded, so a description is found in it as it is and the words are shown as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple


class FoldedView(NamedTuple):
    """``text``: the folded copy; ``offsets[i]``: offset in the source of its character ``i``, with one
    extra entry at the end (the span's end), so ``text[a:b]`` quotes ``source[offsets[a]:offsets[b - 1] + 1]``."""

    text: str
    offsets: list[int]


@dataclass(frozen=True, slots=True, eq=False)
class FoldRules:
    """What a folded view folds: ``runs`` splits a text into white-space runs (group ``space``), left-out
    characters (group ``drop``) and the rest; ``table`` maps one character to one character (never to or
    from white space, so offsets stay one per character); ``trim`` leaves out the white space at both ends."""

    runs: re.Pattern[str]
    table: dict[int, str]
    trim: bool


def _rules(spaces: str | None, drop: str, replace: dict[str, str], trim: bool) -> FoldRules:
    """``spaces``: the white-space characters (None: every Unicode white space, as ``str.split`` has it)."""
    space = r"\s" if spaces is None else re.escape(spaces)
    gone = re.escape(drop)
    runs = f"(?P<space>[{space}]+)" + (f"|(?P<drop>[{gone}]+)" if drop else "") + f"|[^{space}{gone}]+"
    return FoldRules(re.compile(runs), str.maketrans(replace), trim)


TYPOGRAPHIC = _rules(
    spaces=" \u00a0\u202f\u2007\u2009\t\r\n\f\u2028",
    drop="\u00ad\u200b\ufeff",  # soft hyphen, zero-width space, BOM
    replace={
        "„": '"',
        "”": '"',
        "“": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "–": "-",
        "—": "-",
        "‑": "-",
        "−": "-",
    },
    trim=False,
)
WHITESPACE = _rules(spaces=None, drop="", replace={}, trim=True)


def fold(text: str, start: int = 0, end: int | None = None, *, rules: FoldRules) -> FoldedView:
    """``text[start:end]`` folded by ``rules``: each white-space run (left-out characters inside it
    included) becomes one space at the offset of its first white-space character."""
    end = len(text) if end is None else end
    out: list[str] = []
    offsets: list[int] = []
    last_space = rules.trim  # a space at the start is left out when trimming
    for m in rules.runs.finditer(text, start, end):
        kind = m.lastgroup
        if kind is None:
            a, b = m.span()
            out.append(m.group())
            offsets.extend(range(a, b))
            last_space = False
        elif kind == "space":
            if not last_space:
                out.append(" ")
                offsets.append(m.start())
            last_space = True
    if rules.trim and out and out[-1] == " ":
        out.pop()
        offsets.pop()
    offsets.append(end)
    view = "".join(out)
    return FoldedView(view.translate(rules.table) if rules.table else view, offsets)


def view_span(offsets: list[int], a: int, b: int) -> tuple[int, int]:
    """Source (start, end) of the folded span [a, b)."""
    return offsets[a], offsets[b - 1] + 1
