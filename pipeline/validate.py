"""Validation before release: schemas (pandera, lazy), keys across tables, evidence quotes.

Every failure is collected, so one run reports all of them; a non-empty
report stops the release.
"""

from __future__ import annotations

import re
from itertools import pairwise

import pandas as pd
import pandera.errors as pa_errors

from schemas.models import schemas
from schemas.tables import EVIDENCE_COLUMNS, TABLES

MAX_EXAMPLES = 5


class ValidationFailed(Exception):
    def __init__(self, problems: list[str]):
        super().__init__(f"{len(problems)} validation problem(s)")
        self.problems = problems

    def report(self) -> str:
        return "\n".join(f"- {p}" for p in self.problems)


def _schema_problems(name: str, df: pd.DataFrame) -> list[str]:
    try:
        schemas()[name].validate(df, lazy=True)
    except pa_errors.SchemaErrors as exc:
        cases = exc.failure_cases
        out = []
        for (column, check), group in cases.groupby(["column", "check"], dropna=False, sort=True):
            examples = ", ".join(map(repr, group["failure_case"].head(MAX_EXAMPLES).tolist()))
            out.append(f"{name}.{column}: {check} failed for {len(group)} row(s), e.g. {examples}")
        return out
    return []


def _key_problems(tables: dict[str, pd.DataFrame]) -> list[str]:
    out = []
    for name, table in TABLES.items():
        df = tables[name]
        dup = df.duplicated(list(table.primary_key), keep=False)
        if dup.any():
            out.append(f"{name}: primary key {table.primary_key} not unique in {int(dup.sum())} rows")
        for fk in table.foreign_keys:
            values = df[fk.column].dropna()
            missing = values[~values.isin(tables[fk.table][fk.ref_column])]
            if len(missing):
                out.append(f"{name}.{fk.column}: {len(missing)} value(s) not in {fk.table}.{fk.ref_column}, "
                           f"e.g. {missing.head(MAX_EXAMPLES).tolist()}")
    return out


def _doc_of(tables: dict[str, pd.DataFrame], name: str) -> pd.Series:
    df = tables[name]
    if "doc_id" in df:
        return df["doc_id"]
    doc_of_project = tables["projects"].drop_duplicates("project_id").set_index("project_id")["doc_id"]
    return df["project_id"].map(doc_of_project)


def _evidence_problems(tables: dict[str, pd.DataFrame], texts: dict[str, str]) -> list[str]:
    out = []
    for name, quote_col in EVIDENCE_COLUMNS.items():
        df = tables[name]
        if df.empty:
            continue
        bad = []
        for doc_id, s, e, quote in zip(
            _doc_of(tables, name), df["char_start"], df["char_end"],
            df[quote_col] if quote_col else [None] * len(df), strict=True,
        ):
            text = texts.get(doc_id)
            if text is None or not (0 <= s < e <= len(text)) or (quote is not None and text[s:e] != quote):
                bad.append((doc_id, s, e, quote))
        if bad:
            out.append(f"{name}: {len(bad)} evidence span(s) do not quote their text, e.g. {bad[:MAX_EXAMPLES]}")
    projects = tables["projects"]
    inside = (projects["char_start"] <= projects["title_start"]) & (projects["title_end"] <= projects["char_end"])
    if not inside.all():
        out.append(f"projects: {int((~inside).sum())} title span(s) outside their record")
    return out


_SPACE = re.compile(r"\s")


def _solid(text: str, start: int, end: int) -> int:
    """Non-whitespace characters in ``text[start:end]`` (counted in C, not char by char)."""
    return end - start - len(_SPACE.findall(text, start, end))


def coverage(text: str, spans: list[tuple[int, int]]) -> tuple[int, int, int]:
    """(uncovered, doubly covered, covered) non-whitespace characters of ``text`` under ``spans``.

    A sweep over the span boundaries: the text between two boundaries has one cover level."""
    depth: dict[int, int] = {0: 0, len(text): 0}
    for s, e in spans:
        depth[s] = depth.get(s, 0) + 1
        depth[e] = depth.get(e, 0) - 1
    uncovered = double = covered = 0
    level = 0
    cuts = sorted(depth)
    for a, b in pairwise(cuts):
        level += depth[a]
        if a >= len(text) or b <= 0:
            continue
        n = _solid(text, max(a, 0), min(b, len(text)))
        if level == 0:
            uncovered += n
        elif level > 1:
            double += n
        if level > 0:
            covered += n
    return uncovered, double, covered


def _spans_by_doc(tables: dict[str, pd.DataFrame], names: tuple[str, ...]) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    for name in names:
        df = tables[name]
        for doc_id, s, e in zip(df["doc_id"], df["char_start"], df["char_end"], strict=True):
            out.setdefault(doc_id, []).append((int(s), int(e)))
    return out


def _coverage_problems(tables: dict[str, pd.DataFrame], texts: dict[str, str]) -> list[str]:
    """Nothing lost: every non-space character is in exactly one record or block."""
    out = []
    spans = _spans_by_doc(tables, ("projects", "blocks"))
    for doc_id, text in texts.items():
        uncovered, double, _ = coverage(text, spans.get(doc_id, []))
        if uncovered or double:
            out.append(f"{doc_id}: {uncovered} character(s) in no record or block, {double} in more than one")
    return out


def record_share(tables: dict[str, pd.DataFrame], texts: dict[str, str]) -> float:
    """Share of non-space characters that stand in project records (the rest are blocks)."""
    in_records = total = 0
    spans = _spans_by_doc(tables, ("projects",))
    for doc_id, text in texts.items():
        in_records += coverage(text, spans.get(doc_id, []))[2]
        total += _solid(text, 0, len(text))
    return in_records / total if total else 0.0


def _consistency_problems(tables: dict[str, pd.DataFrame]) -> list[str]:
    out = []
    p = tables["projects"]
    wrong = p["year_start"].notna() & (p["year_start"] > p["year_end"])
    if wrong.any():
        out.append(f"projects: year_start > year_end in {int(wrong.sum())} rows")
    d = tables["dates"]
    if (d["start"] > d["end"]).any():
        out.append(f"dates: start > end in {int((d['start'] > d['end']).sum())} rows")
    c = tables["counts"]
    exact = c[c["qualifier"] == "exact"]
    if ((exact["value"] != exact["value_min"]) | (exact["value"] != exact["value_max"])).any():
        out.append("counts: exact counts must have value == value_min == value_max")
    return out


def validate(tables: dict[str, pd.DataFrame], texts: dict[str, str]) -> None:
    """Raise ValidationFailed listing every problem; ``texts`` maps doc_id to decoded text."""
    problems: list[str] = []
    missing = [name for name in TABLES if name not in tables]
    if missing:
        raise ValidationFailed([f"missing tables: {missing}"])
    for name in TABLES:
        problems += _schema_problems(name, tables[name])
    problems += _key_problems(tables)
    problems += _evidence_problems(tables, texts)
    problems += _coverage_problems(tables, texts)
    problems += _consistency_problems(tables)
    if problems:
        raise ValidationFailed(problems)
