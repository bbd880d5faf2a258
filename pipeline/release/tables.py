"""Stage values -> the release's tables (pandas DataFrames in the released dtypes and row order).

Row order: documents by doc_id; within a document, each table's ``sort_by``. A corpus is built a run of
whole documents at a time (:func:`chunk_frames`), so the frames of consecutive runs simply follow one
another in the release.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from pipeline.core.datatypes import OrgRole
from pipeline.runner.document import DOC_TABLES, DocumentResult, Resolution, chunk_rows, resolve_results
from schemas.models import cast_frame
from schemas.tables import TABLES

DOC_RANK = "__doc_rank"


def _frame(name: str, rows: list, doc_rank: list[int] | None = None) -> pd.DataFrame:
    """Rows (dicts keyed by column name) as the released frame. With ``doc_rank`` (the position of
    each row's document) rows keep their documents' order and are sorted within each document."""
    table = TABLES[name]
    df = cast_frame(name, pd.DataFrame(rows, columns=table.column_names))
    if table.sort_by and len(df):
        keys = list(table.sort_by)
        if doc_rank is not None:
            df.insert(0, DOC_RANK, doc_rank)
            keys = [DOC_RANK, *keys]
        df = df.sort_values(keys, kind="mergesort").reset_index(drop=True)
        if doc_rank is not None:
            df = df.drop(columns=DOC_RANK)
    return df


def _link_row(r: OrgRole) -> dict:
    return {
        "project_id": r.project_id,
        "org_id": r.org_id,
        "role": r.role,
        "char_start": r.char_start,
        "char_end": r.char_end,
        "cue": r.cue,
    }


def organisations_frame(organisations, per_org: Counter) -> pd.DataFrame:
    """The organisations table; ``per_org`` counts each organisation's project links."""
    return _frame(
        "organisations",
        [
            {
                "org_id": o.org_id,
                "name": o.name,
                "acronym": o.acronym,
                "org_type": o.org_type,
                "n_projects": per_org.get(o.org_id, 0),
            }
            for o in organisations
        ],
    )


def chunk_frames(results: list[DocumentResult], resolution: Resolution) -> tuple[dict[str, pd.DataFrame], Counter]:
    """Every table but ``organisations`` for a run of whole documents (in doc_id order), and how many
    project links each organisation has in it."""
    chunk = chunk_rows(results, resolution)
    frames = {name: _frame(name, chunk.rows[name], chunk.doc_rank[name]) for name in DOC_TABLES}
    frames["project_organisations"] = _frame(
        "project_organisations", [_link_row(r) for r in chunk.roles], chunk.doc_rank["roles"]
    )
    return frames, Counter(r.org_id for r in chunk.roles)


def collect_tables(results: list[DocumentResult], resolution: Resolution) -> dict[str, pd.DataFrame]:
    """Every table of a small corpus at once (one run of all its documents, in doc_id order)."""
    frames, per_org = chunk_frames(results, resolution)
    frames["organisations"] = organisations_frame(resolution.organisations, per_org)
    return {name: frames[name] for name in TABLES}


def tables_of(results: list[DocumentResult]) -> dict[str, pd.DataFrame]:
    """Every table of results held in memory, resolved among themselves: the release's path (resolution,
    then :func:`collect_tables`) for a notebook or a test."""
    results = sorted(results, key=lambda r: r.doc_id)
    return collect_tables(results, resolve_results(results))
