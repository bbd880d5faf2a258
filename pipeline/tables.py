"""Stage values -> the release's tables (pandas DataFrames in the released dtypes and row order)."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from pipeline.ingest import Source
from pipeline.rows import block_rows, documents_rows, mention_rows, project_rows, value_rows
from pipeline.run import DocumentResult, Resolved
from schemas.models import cast_frame
from schemas.tables import TABLES


def _frame(name: str, rows: list[dict]) -> pd.DataFrame:
    table = TABLES[name]
    df = pd.DataFrame(rows, columns=table.column_names)
    df = cast_frame(name, df)
    if table.sort_by and len(df):
        df = df.sort_values(list(table.sort_by), kind="mergesort").reset_index(drop=True)
    return df


def build_tables(
    results: list[DocumentResult], resolved: Resolved, sources: dict[str, Source] | None = None
) -> dict[str, pd.DataFrame]:
    """Every table of the output contract (plus ``blocks``), in released dtypes and row order."""
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    rows["documents"] = documents_rows(results, sources or {})
    names = {o.org_id: o.name for o in resolved.organisations}
    for res in results:
        rows["projects"] += project_rows(res)
        amounts, counts, dates = value_rows(res)
        rows["amounts"] += amounts
        rows["counts"] += counts
        rows["dates"] += dates
        rows["mentions"] += mention_rows(res, resolved, names)
        rows["blocks"] += block_rows(res)
    per_org = Counter(r.org_id for r in resolved.roles)
    rows["organisations"] = [
        {"org_id": o.org_id, "name": o.name, "acronym": o.acronym, "org_type": o.org_type,
         "n_projects": per_org.get(o.org_id, 0)}
        for o in resolved.organisations
    ]
    rows["project_organisations"] = [
        {"project_id": r.project_id, "org_id": r.org_id, "role": r.role, "char_start": r.char_start,
         "char_end": r.char_end, "cue": r.cue}
        for r in resolved.roles
    ]
    return {name: _frame(name, rows[name]) for name in TABLES}
