"""Write a release: Parquet (zstd) + CSV per table, datapackage.json, SHA256SUMS.

Deterministic (fixed row order, no timestamps or absolute paths), and atomic:
everything is written into a temporary folder beside the target, which then
replaces the target in one rename, so a killed run leaves the previous
release intact.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from schemas.package import DATASET, datapackage
from schemas.tables import TABLES

PARQUET_COMPRESSION = "zstd"


def _arrow_table(name: str, df: pd.DataFrame) -> pa.Table:
    """Arrow table whose fields carry the column descriptions, and the dataset version in its metadata."""
    table = pa.Table.from_pandas(df, preserve_index=False)
    fields = dict(TABLES[name].fields())
    schema = pa.schema(
        [f.with_metadata({"description": fields[f.name].description}) for f in table.schema],
        metadata={
            **(table.schema.metadata or {}),
            b"projekty.table": name.encode(),
            b"projekty.dataset_version": DATASET["version"].encode(),
            b"projekty.description": TABLES[name].description.encode(),
        },
    )
    return table.cast(schema)


def write_csv(df: pd.DataFrame, path: Path) -> None:
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
    out.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_release(tables: dict[str, pd.DataFrame], out_dir: Path, sources: list[dict],
                  extra_files: dict[str, str] | None = None,
                  derived: Callable[[Path], None] | None = None) -> list[Path]:
    """Write every table and the descriptor into ``out_dir`` atomically; returns the written paths.

    ``derived(folder)`` may add files made from the written tables (report, croissant.json)
    before the checksums are taken."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        for name, df in tables.items():
            pq.write_table(_arrow_table(name, df), tmp / f"{name}.parquet", compression=PARQUET_COMPRESSION)
            write_csv(df, tmp / f"{name}.csv")
        descriptor = datapackage(sources)
        (tmp / "datapackage.json").write_text(
            json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        for rel, content in (extra_files or {}).items():
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
        if derived is not None:
            derived(tmp)
        write_checksums(tmp)
        _replace_dir(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return sorted(p for p in out_dir.rglob("*") if p.is_file())


def checksums(folder: Path) -> dict[str, str]:
    """SHA-256 of every file of a release folder but SHA256SUMS itself, by relative path."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "SHA256SUMS")
    return {p.relative_to(folder).as_posix(): _sha256(p) for p in files}


def write_checksums(folder: Path) -> None:
    sums = "".join(f"{digest}  {rel}\n" for rel, digest in checksums(folder).items())
    (folder / "SHA256SUMS").write_text(sums, encoding="utf-8")


def _replace_dir(new: Path, target: Path) -> None:
    """Swap ``new`` in for ``target``: the old release is moved aside first, removed last."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{os.getpid()}")
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
