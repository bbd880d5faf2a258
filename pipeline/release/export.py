"""Export a release as one SQLite database (+ Datasette ``metadata.json``).

Why: many readers want to browse or query the tables without pandas; one SQLite file with
primary keys, ``REFERENCES`` and ``CHECK`` constraints carries the relational structure that
CSV cannot, and Datasette serves it as a website as it is. Column descriptions come from the
one metadata source (:mod:`schemas.fields` / :mod:`schemas.tables`) and are stored inside the
database (``_tables``, ``_columns``, ``_dataset``) so the file is self-describing.

The file is written deterministically (fixed table, column and row order; no timestamps) into a
temporary file that replaces the target in one rename.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
import tempfile
from pathlib import Path

import pandas as pd

from pipeline.release.outdir import OutputError, atomic_write_text, check_release
from schemas.fields import Field
from schemas.tables import TABLES, Table

SQL_TYPES = {
    "string": "TEXT",
    "category": "TEXT",
    "integer": "INTEGER",
    "number": "REAL",
    "boolean": "INTEGER",
    "date": "TEXT",
}


def _q(name: str) -> str:
    """Quote an identifier (``end`` is a keyword)."""
    return '"' + name.replace('"', '""') + '"'


def _lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _column_sql(name: str, f: Field, table: Table) -> str:
    parts = [_q(name), SQL_TYPES[f.type]]
    if not f.nullable or name in table.primary_key:
        parts.append("NOT NULL")
    checks = []
    if f.values is not None:
        checks.append(f"{_q(name)} IN ({', '.join(_lit(v) for v in f.values)})")
    if f.type == "boolean":
        checks.append(f"{_q(name)} IN (0, 1)")
    if f.minimum is not None:
        checks.append(f"{_q(name)} >= {int(f.minimum)}")
    if f.type == "date":
        checks.append(f"{_q(name)} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'")
    for check in checks:
        parts.append(f"CHECK ({check if not f.nullable else f'{_q(name)} IS NULL OR {check}'})")
    return " ".join(parts)


def create_table_sql(table: Table) -> str:
    """``CREATE TABLE`` statement of one release table (types, keys, references, checks)."""
    lines = [_column_sql(name, f, table) for name, f in table.fields()]
    lines.append(f"PRIMARY KEY ({', '.join(_q(c) for c in table.primary_key)})")
    for fk in table.foreign_keys:
        lines.append(f"FOREIGN KEY ({_q(fk.column)}) REFERENCES {_q(fk.table)} ({_q(fk.ref_column)})")
    body = ",\n  ".join(lines)
    return f"CREATE TABLE {_q(table.name)} (\n  {body}\n)"


META_SQL = [
    "CREATE TABLE _tables (name TEXT PRIMARY KEY, description TEXT NOT NULL, primary_key TEXT NOT NULL, "
    "n_rows INTEGER NOT NULL)",
    'CREATE TABLE _columns ("table" TEXT NOT NULL REFERENCES _tables (name), "column" TEXT NOT NULL, '
    'position INTEGER NOT NULL, type TEXT NOT NULL, nullable INTEGER NOT NULL, unit TEXT, "values" TEXT, '
    'description TEXT NOT NULL, PRIMARY KEY ("table", "column"))',
    "CREATE TABLE _dataset (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
]


def _cell(value, f: Field):
    """A pandas value as the SQLite value of its field (None for every kind of missing)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if f.type == "date":
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    if f.type == "boolean":
        return int(bool(value))
    if f.type == "integer":
        return int(value)
    if f.type == "number":
        return float(value)
    return str(value)


def _rows(df: pd.DataFrame, table: Table) -> list[tuple]:
    fields = table.fields()
    cols = [df[name].astype(object).tolist() for name, _ in fields]
    return [tuple(_cell(v, f) for v, (_, f) in zip(row, fields, strict=True)) for row in zip(*cols, strict=True)]


def read_release(release_dir: Path) -> dict[str, pd.DataFrame]:
    """Every table of a release, read from its Parquet files (in :data:`TABLES` order)."""
    release_dir = Path(release_dir)
    return {
        name: pd.read_parquet(release_dir / f"{name}.parquet")
        for name in TABLES
        if (release_dir / f"{name}.parquet").exists()
    }


def release_sources(release_dir: Path) -> list[dict]:
    """The source pages listed in the release's ``datapackage.json`` (empty when there is none)."""
    path = Path(release_dir) / "datapackage.json"
    if not path.exists():
        return []
    return list(json.loads(path.read_text(encoding="utf-8")).get("sources", []))


def release_dataset(release_dir: Path) -> dict:
    """The release's identity, as its ``datapackage.json`` states it."""
    return json.loads((Path(release_dir) / "datapackage.json").read_text(encoding="utf-8"))


def _dataset_rows(dataset: dict, sources: list[dict]) -> list[tuple[str, str]]:
    lic = (dataset.get("licenses") or [{}])[0]
    rows = [
        (k, str(dataset[k])) for k in ("name", "title", "version", "released", "description", "doi") if dataset.get(k)
    ]
    rows += [(k, lic[key]) for k, key in (("license", "name"), ("license_url", "path")) if lic.get(key)]
    for i, s in enumerate(sources, 1):
        for key in ("title", "path", "publisher", "retrieved", "license_note"):
            if s.get(key):
                rows.append((f"source.{i}.{key}", str(s[key])))
    return rows


def _write_db(path: Path, frames: dict[str, pd.DataFrame], sources: list[dict], dataset: dict) -> None:
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA page_size = 4096")
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("BEGIN")
        for sql in META_SQL:
            con.execute(sql)
        for name, df in frames.items():
            table = TABLES[name]
            con.execute(create_table_sql(table))
            placeholders = ", ".join("?" for _ in table.column_names)
            con.executemany(f"INSERT INTO {_q(name)} VALUES ({placeholders})", _rows(df, table))
            con.execute(
                "INSERT INTO _tables VALUES (?, ?, ?, ?)",
                (name, table.description, ", ".join(table.primary_key), len(df)),
            )
            con.executemany(
                "INSERT INTO _columns VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        name,
                        col,
                        pos,
                        f.type,
                        int(f.nullable),
                        f.unit,
                        ", ".join(f.values) if f.values else None,
                        f.description,
                    )
                    for pos, (col, f) in enumerate(table.fields(), 1)
                ],
            )
        con.executemany("INSERT INTO _dataset VALUES (?, ?)", _dataset_rows(dataset, sources))
        problems = con.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise ValueError(f"foreign key violations in the release: {problems[:5]}")
        con.execute("COMMIT")
        con.execute("VACUUM")
    finally:
        con.close()


def datasette_metadata(db_name: str, sources: list[dict], dataset: dict | None = None) -> dict:
    """Datasette ``metadata.json``: dataset title, licence, source, and every table's and column's description."""
    dataset = dataset or {}
    meta: dict = {"title": dataset.get("title", db_name), "description": dataset.get("description", "")}
    licenses = dataset.get("licenses") or []
    if licenses:
        meta["license"] = licenses[0].get("title", licenses[0]["name"])
        meta["license_url"] = licenses[0]["path"]
    with_url = [s for s in sources if s.get("path")]
    if with_url:
        meta["source"] = "; ".join(dict.fromkeys(str(s.get("publisher") or s["path"]) for s in with_url))
        meta["source_url"] = with_url[0]["path"]
    tables: dict = {}
    for name, table in TABLES.items():
        tables[name] = {
            "description": table.description,
            "columns": {col: f.description for col, f in table.fields()},
        }
        if table.sort_by:
            tables[name]["sort"] = table.sort_by[0]
    tables["_tables"] = {"description": "The tables of the dataset and what one row of each is."}
    tables["_columns"] = {"description": "Every column of every table: type, unit, allowed values, meaning."}
    tables["_dataset"] = {"description": "Dataset metadata: name, version, licence, source pages."}
    meta["databases"] = {db_name: {"tables": tables}}
    return meta


def export_sqlite(release_dir: Path, out_path: Path) -> Path:
    """Write every table of the release in ``release_dir`` into the SQLite file ``out_path``, and a
    Datasette ``metadata.json`` beside it; returns ``out_path``. Fails (writing nothing) when a
    foreign key does not resolve."""
    release_dir, out_path = Path(release_dir), Path(out_path)
    verify_release(release_dir)
    frames = read_release(release_dir)
    sources = release_sources(release_dir)
    dataset = release_dataset(release_dir)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out_path.name}-", dir=out_path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        tmp.unlink()
        _write_db(tmp, frames, sources, dataset)
        os.replace(tmp, out_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    meta = datasette_metadata(out_path.stem, sources, dataset)
    atomic_write_text(out_path.parent / "metadata.json", json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
    return out_path


def verify_release(release_dir: Path) -> None:
    """OutputError unless ``release_dir`` is a whole projekty release: every table's Parquet file there
    and every file as ``SHA256SUMS`` lists it (an export never starts from a damaged release)."""
    from pipeline.release.emit import checksums
    from schemas.citation import parse_sha256sums

    check_release(release_dir)
    missing = [f"{name}.parquet" for name in TABLES if not (release_dir / f"{name}.parquet").is_file()]
    if missing:
        raise OutputError(f"{release_dir}: not a whole release, missing {', '.join(missing)}")
    listed = parse_sha256sums((release_dir / "SHA256SUMS").read_text(encoding="utf-8"))
    actual = checksums(release_dir)
    bad = sorted(rel for rel, digest in listed.items() if actual.get(rel) != digest)
    if bad:
        raise OutputError(f"{release_dir}: files differ from SHA256SUMS (changed or missing): {', '.join(bad[:5])}")
