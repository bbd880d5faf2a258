"""The release's rows the report draws one by one, as typed values.

Why: a pandas cell is typed as any scalar at all (``itertuples`` and ``tolist`` know no column's dtype), so
each column is read here once, converted to the Python type its released dtype guarantees
(:mod:`schemas.fields`), with a null as ``None``; the report's code then works with checked types."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


def strs(df: pd.DataFrame, column: str) -> list[str]:
    """A text or category column that has no nulls."""
    return [str(v) for v in df[column].tolist()]


def opt_strs(df: pd.DataFrame, column: str) -> list[str | None]:
    """A nullable text column."""
    return [None if pd.isna(v) else str(v) for v in df[column].tolist()]


def ints(df: pd.DataFrame, column: str) -> list[int]:
    """An integer column that has no nulls."""
    return [int(v) for v in df[column].tolist()]


def opt_ints(df: pd.DataFrame, column: str) -> list[int | None]:
    """A nullable integer column (``Int16``, ``Int64``)."""
    return [None if pd.isna(v) else int(v) for v in df[column].tolist()]


def floats(df: pd.DataFrame, column: str) -> list[float]:
    """A float column that has no nulls."""
    return [float(v) for v in df[column].tolist()]


def stamps(df: pd.DataFrame, column: str) -> list[pd.Timestamp]:
    """A ``datetime64`` column that has no nulls."""
    return [pd.Timestamp(v) for v in df[column].tolist()]


@dataclass(frozen=True, slots=True)
class ProjectRow:
    project_id: str
    doc_id: str
    ordinal: int
    section: str
    title: str
    year_start: int | None
    year_end: int | None
    description: str
    char_start: int
    char_end: int
    title_start: int
    title_end: int


def project_rows(df: pd.DataFrame) -> list[ProjectRow]:
    """The rows of a ``projects`` table, in its order."""
    pid, doc, ordinal = strs(df, "project_id"), strs(df, "doc_id"), ints(df, "ordinal")
    section, title, desc = strs(df, "section"), strs(df, "title"), strs(df, "description")
    y0, y1 = opt_ints(df, "year_start"), opt_ints(df, "year_end")
    c0, c1, t0, t1 = ints(df, "char_start"), ints(df, "char_end"), ints(df, "title_start"), ints(df, "title_end")
    return [
        ProjectRow(pid[i], doc[i], ordinal[i], section[i], title[i], y0[i], y1[i], desc[i], c0[i], c1[i], t0[i], t1[i])
        for i in range(len(df))
    ]


@dataclass(frozen=True, slots=True)
class AmountRow:
    project_id: str
    value: float
    currency: str
    kind: str
    raw_text: str
    char_start: int
    char_end: int


def amount_rows(df: pd.DataFrame) -> list[AmountRow]:
    """The rows of an ``amounts`` table, in its order."""
    pid, value, cur, kind = strs(df, "project_id"), floats(df, "value"), strs(df, "currency"), strs(df, "kind")
    raw, c0, c1 = strs(df, "raw_text"), ints(df, "char_start"), ints(df, "char_end")
    return [AmountRow(pid[i], value[i], cur[i], kind[i], raw[i], c0[i], c1[i]) for i in range(len(df))]


@dataclass(frozen=True, slots=True)
class CountRow:
    project_id: str
    value: int | None  # null only for vague ranges
    value_min: int | None
    value_max: int | None
    qualifier: str
    unit: str
    raw_text: str
    char_start: int
    char_end: int


def count_rows(df: pd.DataFrame) -> list[CountRow]:
    """The rows of a ``counts`` table, in its order."""
    pid, value, low, high = (
        strs(df, "project_id"),
        opt_ints(df, "value"),
        opt_ints(df, "value_min"),
        opt_ints(df, "value_max"),
    )
    qualifier, unit, raw = strs(df, "qualifier"), strs(df, "unit"), strs(df, "raw_text")
    c0, c1 = ints(df, "char_start"), ints(df, "char_end")
    return [
        CountRow(pid[i], value[i], low[i], high[i], qualifier[i], unit[i], raw[i], c0[i], c1[i]) for i in range(len(df))
    ]


@dataclass(frozen=True, slots=True)
class DateRow:
    project_id: str
    start: pd.Timestamp
    end: pd.Timestamp
    precision: str
    raw_text: str
    char_start: int
    char_end: int


def date_rows(df: pd.DataFrame) -> list[DateRow]:
    """The rows of a ``dates`` table, in its order."""
    pid, start, end, precision = strs(df, "project_id"), stamps(df, "start"), stamps(df, "end"), strs(df, "precision")
    raw, c0, c1 = strs(df, "raw_text"), ints(df, "char_start"), ints(df, "char_end")
    return [DateRow(pid[i], start[i], end[i], precision[i], raw[i], c0[i], c1[i]) for i in range(len(df))]


@dataclass(frozen=True, slots=True)
class LinkRow:
    """A row of ``project_organisations``: an organisation's role in a project."""

    project_id: str
    org_id: str
    role: str
    char_start: int
    char_end: int
    cue: str | None


def link_rows(df: pd.DataFrame) -> list[LinkRow]:
    """The rows of a ``project_organisations`` table, in its order."""
    pid, oid, role, cue = strs(df, "project_id"), strs(df, "org_id"), strs(df, "role"), opt_strs(df, "cue")
    c0, c1 = ints(df, "char_start"), ints(df, "char_end")
    return [LinkRow(pid[i], oid[i], role[i], c0[i], c1[i], cue[i]) for i in range(len(df))]


@dataclass(frozen=True, slots=True)
class DocumentRow:
    doc_id: str
    source_file: str
    sha256: str
    n_chars: int


def document_rows(df: pd.DataFrame) -> list[DocumentRow]:
    """The rows of a ``documents`` table, in its order (the columns that locate and check a text)."""
    doc, source, sha, n = strs(df, "doc_id"), strs(df, "source_file"), strs(df, "sha256"), ints(df, "n_chars")
    return [DocumentRow(doc[i], source[i], sha[i], n[i]) for i in range(len(df))]
