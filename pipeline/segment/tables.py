"""Tables flattened to text: a ``|`` header row naming a title column, then one row per record."""

from __future__ import annotations

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
