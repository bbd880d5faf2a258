"""Year axes of tables flattened to text, and the figures of the rows under them.

A statistics table pasted as text keeps one line per row: a header line of years over the columns
(``Budżet Obywatelski 2019 2020 2021 2022 2023 Suma``), then rows of a label and one figure per column
(``Liczba głosów oddanych 23 060 36 936 18 757 28 035 32 719 139 507``). The header's years are column
labels, not dates (docs/annotation-conventions.md: "axis rows of years are layout"); the number of its
columns tells where one space-grouped figure ends and the next begins (``32 719 139 507`` is two figures
in a six-column row, not one). The vocabulary is ``table_axis`` in ``pipeline/data/common.yaml``.

Pure: text in, spans out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from pipeline.ruledata.common import common

_BLANK = r"[ \t\u00a0]"
_GROUP = re.compile(r"\d+")
_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
MAX_ROWS = 40  # lines between a header and a row of its table (a table pasted as text is short)


@dataclass(frozen=True)
class Axis:
    """A header line of years: its span, its years' spans and how many columns it names."""

    start: int
    end: int
    years: tuple[tuple[int, int], ...]
    columns: int


@cache
def _axis_line() -> re.Pattern[str]:
    totals = "|".join(re.escape(w) for w in sorted(common().table_axis.total_words, key=len, reverse=True))
    return re.compile(
        rf"^{_BLANK}*(?:[^\W\d_][^\d\n]{{0,80}}?{_BLANK}+)?"
        rf"(?P<years>\d{{4}}(?:{_BLANK}+\d{{4}})+)"
        rf"(?:{_BLANK}+(?P<total>(?:{totals})(?![^\W\d_])))?{_BLANK}*$",
        re.IGNORECASE | re.MULTILINE,
    )


def _axis(m: re.Match[str]) -> Axis | None:
    years = [(g.start(), g.end(), int(g.group())) for g in _GROUP.finditer(m.string, m.start("years"), m.end("years"))]
    bounds, axis = common().written_years, common().table_axis
    values = [y for _, _, y in years]
    if len(years) < axis.min_years or not all(bounds.min <= y <= bounds.max for y in values):
        return None
    if any(b <= a for a, b in zip(values, values[1:], strict=False)):
        return None  # an axis runs forward: `2019 2020 2021`, not a list of dates
    columns = len(years) + (1 if m.group("total") else 0)
    return Axis(m.start(), m.end(), tuple((a, b) for a, b, _ in years), columns)


@lru_cache(maxsize=8)
def axes(text: str) -> tuple[Axis, ...]:
    """Every year axis of ``text``, in order."""
    return tuple(a for m in _axis_line().finditer(text) if (a := _axis(m)) is not None)


def in_axis(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is one of the years of an axis line."""
    return any(a.start <= start and end <= a.end for a in axes(text))


def axis_above(text: str, pos: int) -> Axis | None:
    """The axis heading the table ``pos`` stands in: the nearest axis line above it with no blank line
    and at most :data:`MAX_ROWS` lines between."""
    for a in reversed(axes(text)):
        if a.end > pos:
            continue
        between = text[a.end : pos]
        if between.count("\n") > MAX_ROWS or _BLANK_LINE.search(between):
            return None
        return a
    return None


def row_figures(text: str, start: int, end: int, columns: int | None) -> list[tuple[int, int]] | None:
    """The figures of a row's figure part ``text[start:end]`` (digit groups separated by blanks), one per
    column. A group of other than three digits starts a figure (``23 060 36 936``); the rest of the cuts are
    the ones that make ``columns`` figures of the most even lengths. Without ``columns`` only a row whose
    every group starts a figure is read. None when the groups cannot make the row."""
    groups = [(g.start(), g.end()) for g in _GROUP.finditer(text, start, end)]
    if not groups:
        return None
    forced = [k == 0 or b - a != 3 or text[groups[k - 1][1] : a] != " " for k, (a, b) in enumerate(groups)]
    if columns is None:
        return groups if all(forced) else None
    cuts = _cuts(forced, columns)
    if cuts is None:
        return None
    bounds = [*cuts, len(groups)]
    return [(groups[x][0], groups[y - 1][1]) for x, y in zip(bounds, bounds[1:], strict=False)]


def _cuts(forced: list[bool], k: int) -> list[int] | None:
    """Start indices of ``k`` figures over the groups: every forced start is one, the lengths as even as
    possible (least sum of squared lengths)."""
    n = len(forced)
    if not 0 < k <= n:
        return None
    inf = float("inf")
    # best[i][j]: cost of groups[:i] as j figures whose last one ends at i; back[i][j]: that figure's start
    best = [[inf] * (k + 1) for _ in range(n + 1)]
    back = [[-1] * (k + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(1, n + 1):
        for s in range(i - 1, -1, -1):  # the last figure is groups[s:i]
            if any(forced[s + 1 : i]):
                break  # a forced start inside it
            for j in range(1, k + 1):
                cost = best[s][j - 1] + (i - s) ** 2
                if cost < best[i][j]:
                    best[i][j], back[i][j] = cost, s
    if best[n][k] == inf:
        return None
    out, i = [], n
    for j in range(k, 0, -1):
        i = back[i][j]
        out.append(i)
    return out[::-1]
