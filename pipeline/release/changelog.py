"""What changed between two releases, as data and as a CHANGELOG section.

Why: a citable dataset needs each version's differences stated, and they must be computed, not
recalled: rows are matched across releases by each table's primary key (from
:mod:`schemas.tables`), so an edited project shows as *changed* (with which columns) rather than
as one row removed and another added.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pandas as pd

from pipeline.release.outdir import atomic_write_text
from schemas.tables import TABLES

EXAMPLES = 5  # keys listed per kind of change


def _norm(value):
    """Comparable Python value: every kind of missing is None, timestamps are ISO dates."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _records(df: pd.DataFrame, key: tuple[str, ...]) -> dict[tuple, dict]:
    cols = list(df.columns)
    values = [df[c].astype(object).tolist() for c in cols]
    out = {}
    for row in zip(*values, strict=True):
        rec = {c: _norm(v) for c, v in zip(cols, row, strict=True)}
        out[tuple(rec[k] for k in key)] = rec
    return out


def _read(release_dir: Path, name: str) -> pd.DataFrame | None:
    path = Path(release_dir) / f"{name}.parquet"
    return pd.read_parquet(path) if path.exists() else None


def _version(release_dir: Path) -> str | None:
    path = Path(release_dir) / "datapackage.json"
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8")).get("version")


def _key_str(key: tuple) -> str:
    return " / ".join(str(k) for k in key)


def diff_table(old: pd.DataFrame | None, new: pd.DataFrame | None, key: tuple[str, ...]) -> dict:
    """Rows added, removed and changed (by primary key ``key``), with the count of changes per column."""
    old_recs = _records(old, key) if old is not None else {}
    new_recs = _records(new, key) if new is not None else {}
    old_cols = list(old.columns) if old is not None else []
    new_cols = list(new.columns) if new is not None else []
    shared = [c for c in new_cols if c in old_cols and c not in key]
    added = sorted(set(new_recs) - set(old_recs), key=_key_str)
    removed = sorted(set(old_recs) - set(new_recs), key=_key_str)
    changed: list[tuple] = []
    per_column: dict[str, int] = {}
    for k in sorted(set(old_recs) & set(new_recs), key=_key_str):
        cols = [c for c in shared if old_recs[k][c] != new_recs[k][c]]
        if cols:
            changed.append(k)
            for c in cols:
                per_column[c] = per_column.get(c, 0) + 1
    return {
        "rows_old": len(old_recs),
        "rows_new": len(new_recs),
        "added": len(added),
        "removed": len(removed),
        "changed": len(changed),
        "changed_columns": dict(sorted(per_column.items(), key=lambda kv: (-kv[1], kv[0]))),
        "columns_added": [c for c in new_cols if c not in old_cols] if old is not None else [],
        "columns_removed": [c for c in old_cols if c not in new_cols] if new is not None else [],
        "examples": {
            "added": [_key_str(k) for k in added[:EXAMPLES]],
            "removed": [_key_str(k) for k in removed[:EXAMPLES]],
            "changed": [_key_str(k) for k in changed[:EXAMPLES]],
        },
    }


def diff_releases(old_dir: Path, new_dir: Path) -> dict:
    """Compare two release folders table by table (Parquet files), rows matched by primary key.

    Returns a JSON-serialisable dict: ``{"old_version", "new_version", "tables": {name: {rows_old,
    rows_new, added, removed, changed, changed_columns: {column: n}, columns_added, columns_removed,
    examples}}}``. A table missing from one release counts all its rows as added or removed.
    """
    tables = {}
    for name, table in TABLES.items():
        old, new = _read(old_dir, name), _read(new_dir, name)
        if old is None and new is None:
            continue
        tables[name] = diff_table(old, new, table.primary_key)
    return {"old_version": _version(old_dir), "new_version": _version(new_dir), "tables": tables}


def _is_unchanged(d: dict) -> bool:
    return not (d["added"] or d["removed"] or d["changed"] or d["columns_added"] or d["columns_removed"])


def changelog_entry(version: str, diff: dict, released: str | None = None) -> str:
    """A markdown section (``## version``) summarising ``diff`` (from :func:`diff_releases`)."""
    head = f"## {version}" + (f" ({released})" if released else "")
    lines = [head, ""]
    if diff.get("old_version"):
        lines += [f"Compared with {diff['old_version']}.", ""]
    tables = diff.get("tables", {})
    if all(_is_unchanged(d) for d in tables.values()):
        return "\n".join([*lines, "No change in the data.", ""])
    lines += ["| table | rows | added | removed | changed | changed columns |", "|---|---:|---:|---:|---:|---|"]
    notes = []
    for name, d in tables.items():
        if _is_unchanged(d):
            continue
        cols = ", ".join(f"`{c}` ({n})" for c, n in d["changed_columns"].items()) or "–"
        rows = f"{d['rows_old']} → {d['rows_new']}" if d["rows_old"] != d["rows_new"] else str(d["rows_new"])
        lines.append(f"| `{name}` | {rows} | {d['added']} | {d['removed']} | {d['changed']} | {cols} |")
        if d["columns_added"]:
            notes.append(f"- `{name}`: new columns " + ", ".join(f"`{c}`" for c in d["columns_added"]))
        if d["columns_removed"]:
            notes.append(f"- `{name}`: columns removed " + ", ".join(f"`{c}`" for c in d["columns_removed"]))
    unchanged = [name for name, d in tables.items() if _is_unchanged(d)]
    if unchanged:
        notes.append("- Unchanged: " + ", ".join(f"`{n}`" for n in unchanged) + ".")
    if notes:
        lines += ["", *notes]
    return "\n".join(lines) + "\n"


TITLE = "# Changelog"


def update_changelog(path: Path, entry: str) -> Path:
    """Put ``entry`` at the top of the changelog at ``path``, under its ``# Changelog`` title (created when
    missing); an existing section for the same version is replaced, so re-running is harmless."""
    path = Path(path)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    heading = entry.strip().splitlines()[0]
    version = heading[3:].split(" (")[0].strip()
    sections = re.split(r"(?m)^(?=## )", text)
    preamble, body = sections[0], sections[1:]
    if not preamble.strip():
        preamble = TITLE + "\n\n"
    elif not preamble.lstrip().startswith(TITLE):
        preamble = f"{TITLE}\n\n{preamble.lstrip()}"
    body = [s for s in body if s.splitlines()[0][3:].split(" (")[0].strip() != version]
    new_entry = entry.strip() + "\n\n"
    out = preamble.rstrip("\n") + "\n\n" + new_entry + "".join(body)
    atomic_write_text(path, out.rstrip("\n") + "\n")
    return path
