"""Tables flattened to text: a ``|`` header row naming a title column, then one row per record; or one
cell per line, each row opened by its number (``1.``, ``2.``, ...)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.segment.lines import Line
from pipeline.segment.vocab import Config


@dataclass
class Table:
    header: Line
    columns: list[str]  # field name per column ("other" when the label is unknown)
    rows: list[list[Line]]
    next_line: int


def cell_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Trimmed (start, end) spans of the ``|``-separated cells of text[start:end]."""
    spans, cell_start = [], start
    for pos in [*(k for k in range(start, end) if text[k] == "|"), end]:
        a, b = cell_start, pos
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        spans.append((a, b))
        cell_start = pos + 1
    return spans


def table_at(lines: list[Line], i: int, cfg: Config) -> Table | None:
    """A table flattened to text: a ``|`` header row naming a title column, then rows."""
    header = lines[i]
    if header.text.count("|") < 2:
        return None
    labels = [c.strip().lower() for c in header.text.split("|")]
    columns = [cfg.field_names.get(label, "other") for label in labels]
    if "title" not in columns:
        return None
    rows: list[list[Line]] = []
    current: list[Line] = []
    j = i + 1
    while j < len(lines) and lines[j].block == header.block:
        current.append(lines[j])
        if sum(ln.text.count("|") for ln in current) >= len(columns) - 1:
            rows.append(current)
            current = []
        j += 1
    if current:
        rows.append(current)
    return Table(header, columns, rows, j)


# --- numbered rows under an "Lp." header ------------------------------------------------------

# "Lp. rodzaj i miejsce zadania", "L.p. Nazwa zadania": the ordinal-number column ("liczba porządkowa") that opens
# the header of nearly every Polish public-sector table
_LP_HEADER = re.compile(r"^(?:L\.?\s?p\.?|Nr)\s+\S", re.IGNORECASE)
_LP_ROW = re.compile(r"^(?P<n>\d{1,3})\.?\s+(?P<title>[A-ZĄĆĘŁŃÓŚŹŻ„\"].*)$")


def lp_rows(lines: list[Line]) -> dict[int, int]:
    """Line index -> offset of the row's title, for the rows ``1 Przebudowa drogi ...``, ``2 ...`` numbered
    from one right under an ``Lp.`` header line: a table flattened to one line per row, each row a record."""
    out: dict[int, int] = {}
    for h, header in enumerate(lines):
        if not _LP_HEADER.match(header.text) or "|" in header.text:
            continue
        expect = 1
        for ln in lines[h + 1 :]:
            m = _LP_ROW.match(ln.text)
            if m is None or int(m["n"]) != expect:
                break
            out[ln.idx] = ln.start + m.start("title")
            expect += 1
    return out


# --- tables flattened one cell per paragraph -----------------------------------------------

_ROW_NUMBER = re.compile(r"\d{1,3}\.")
MAX_HEADER_CELL = 80  # a column label is a short line


@dataclass(frozen=True)
class CellTable:
    """A table whose cells stand one per line (``Pozycja`` / ``Nr wniosku`` / ``Nazwa wniosku`` ..., then
    ``1.`` / ``4/I-ORW/PROW/10`` / ``Budowa boiska ...`` / ``Zgodny`` / ``78``): its column labels and its
    numbered rows, as line index ranges ``[first, end)``."""

    header: tuple[int, int]
    rows: tuple[tuple[int, int], ...]


def _numbered(lines: list[Line]) -> list[tuple[int, int]]:
    """(line index, row number) of the standalone ``N.`` lines."""
    return [(ln.idx, int(ln.text[:-1])) for ln in lines if ln.first and ln.last and _ROW_NUMBER.fullmatch(ln.text)]


def _header_start(lines: list[Line], first_row: int, width: int) -> int:
    """The first of the short standalone lines (column labels) above the first row, at most two rows' worth."""
    h = first_row
    while h > 0 and first_row - h < 2 * width:
        ln = lines[h - 1]
        if not (ln.first and ln.last) or len(ln.text) > MAX_HEADER_CELL or ln.text.endswith("."):
            break
        h -= 1
    return h


def cell_tables(lines: list[Line]) -> list[CellTable]:
    """Tables of one cell per line: rows opened by standalone ``1.``, ``2.``, ... lines a fixed number of
    lines apart (three to twelve cells a row), two rows or more, each cell a paragraph of its own."""
    out: list[CellTable] = []
    marks = _numbered(lines)
    k = 0
    while k < len(marks):
        run = [marks[k]]
        while k + len(run) < len(marks):
            (i, n), (j, m) = run[-1], marks[k + len(run)]
            if m != n + 1 or (len(run) > 1 and j - i != run[1][0] - run[0][0]):
                break
            run.append((j, m))
        width = run[1][0] - run[0][0] if len(run) > 1 else 0
        end = run[-1][0] + width
        cells = lines[run[0][0] : end] if end <= len(lines) else []
        if run[0][1] == 1 and len(run) >= 2 and 3 <= width <= 12 and cells and all(c.first and c.last for c in cells):
            rows = tuple((i, i + width) for i, _ in run)
            out.append(CellTable((_header_start(lines, run[0][0], width), run[0][0]), rows))
        k += len(run)
    return out
