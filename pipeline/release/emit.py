"""Write a release: Parquet (zstd) + CSV per table, datapackage.json, SHA256SUMS.

Deterministic (fixed row order, no timestamps or absolute paths), and atomic:
everything is written into a temporary folder beside the target, which then
replaces the target in one atomic exchange (:mod:`pipeline.release.outdir`), so a
killed run leaves the previous release intact. Streamed: :class:`ReleaseWriter` takes the tables a run of
documents at a time; Parquet row groups have a fixed number of rows
(``data/release.yaml``), so the files do not depend on how the runs were cut.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.release.outdir import atomic_write_text, make_temp_folder, swap_in
from pipeline.ruledata.resources import load_yaml
from schemas.identity import default_dataset
from schemas.package import datapackage
from schemas.tables import FORMULA_START, TABLES

PARQUET_COMPRESSION = "zstd"


def _arrow_table(name: str, df: pd.DataFrame, version: str) -> pa.Table:
    """Arrow table whose fields carry the column descriptions, and the dataset version in its metadata."""
    table = pa.Table.from_pandas(df, preserve_index=False)
    fields = dict(TABLES[name].fields())
    schema = pa.schema(
        [f.with_metadata({"description": fields[f.name].description}) for f in table.schema],
        metadata={
            **(table.schema.metadata or {}),
            b"projekty.table": name.encode(),
            b"projekty.dataset_version": version.encode(),
            b"projekty.description": TABLES[name].description.encode(),
        },
    )
    return table.cast(schema)


def neutralise(value):
    """A text cell made safe to open in a spreadsheet (``schemas.tables.CSV_NOTE``); others as they are."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def _csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
        elif out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            cells = out[col].astype(object)
            if any(isinstance(v, str) and v.startswith(FORMULA_START) for v in cells):
                out[col] = cells.map(neutralise)
    return out


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """One table as CSV, written through a temporary file and one rename (never half a file)."""
    atomic_write_text(path, _csv_frame(df).to_csv(index=False, lineterminator="\n"))


def _sha256(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


class _TableFile:
    """One table's Parquet and CSV files, appended to a run of documents at a time."""

    def __init__(self, name: str, folder: Path, row_group_rows: int, version: str):
        self.name, self.folder, self.row_group_rows, self.version = name, folder, row_group_rows, version
        self._parquet: pq.ParquetWriter | None = None
        self._pending: list[pa.Table] = []
        self._pending_rows = 0
        self._written = False  # a row group is out
        self._empty: pa.Table | None = None  # the schema as a table, for a table that gets no rows
        self._csv = (folder / f"{name}.csv").open("w", encoding="utf-8", newline="")
        self._header = True

    def write(self, df: pd.DataFrame) -> None:
        _csv_frame(df).to_csv(self._csv, index=False, header=self._header, lineterminator="\n")
        self._header = False
        table = _arrow_table(self.name, df, self.version)
        if self._parquet is None:
            self._parquet = pq.ParquetWriter(
                self.folder / f"{self.name}.parquet", table.schema, compression=PARQUET_COMPRESSION
            )
            self._empty = table.schema.empty_table()
        if table.num_rows:
            self._pending.append(table)
            self._pending_rows += table.num_rows
        while self._pending_rows >= self.row_group_rows:
            self._flush(self.row_group_rows)

    def _opened(self) -> pq.ParquetWriter:
        """The Parquet writer, opened by the first :meth:`write` (which always comes before a flush or close)."""
        assert self._parquet is not None, f"{self.name}: flushed or closed before its first write"
        return self._parquet

    def _flush(self, rows: int) -> None:
        table = pa.concat_tables(self._pending).combine_chunks()
        self._opened().write_table(table.slice(0, rows), row_group_size=self.row_group_rows)
        rest = table.slice(rows)
        self._pending, self._pending_rows = ([rest] if rest.num_rows else []), rest.num_rows
        self._written = True

    def close(self) -> None:
        if self._pending_rows:
            self._flush(self._pending_rows)
        elif not self._written:
            self._opened().write_table(self._empty)
        self._opened().close()
        self._csv.close()

    def abort(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
        self._csv.close()


class ReleaseWriter:
    """A release written as its tables arrive, a run of documents at a time, into a temporary folder
    beside ``out_dir`` that replaces it on :meth:`commit` (on an error or :meth:`abort`, it goes).

    Every table must be given at least once (an empty frame will do) before the commit. ``dataset`` is
    the release's identity (:mod:`schemas.identity`); neutral defaults from the folder name without it.
    The caller checks that ``out_dir`` may be replaced (:func:`pipeline.release.outdir.check_output`)."""

    def __init__(self, out_dir: Path, row_group_rows: int | None = None, dataset: Mapping | None = None):
        self.out_dir = Path(out_dir).resolve()
        self.dataset = dict(dataset) if dataset is not None else default_dataset(self.out_dir.name)
        self.folder = make_temp_folder(self.out_dir)
        self.row_group_rows = row_group_rows or int(load_yaml("release.yaml")["row_group_rows"])
        self._files: dict[str, _TableFile] = {}

    def write(self, frames: dict[str, pd.DataFrame]) -> None:
        for name, df in frames.items():
            if name not in self._files:
                self._files[name] = _TableFile(name, self.folder, self.row_group_rows, self.dataset["version"])
            self._files[name].write(df)

    def commit(
        self,
        sources: list[dict],
        extra_files: Mapping[str, str] | None = None,
        derived: Callable[[Path], None] | None = None,
    ) -> list[Path]:
        """Close the tables, add the descriptor and ``extra_files``, let ``derived(folder)`` add files made
        from the written tables (report, croissant.json), take the checksums, and swap the folder in."""
        try:
            missing = [name for name in TABLES if name not in self._files]
            if missing:
                raise ValueError(f"tables never written: {missing}")
            for f in self._files.values():
                f.close()
            descriptor = datapackage(sources, self.dataset)
            (self.folder / "datapackage.json").write_text(
                json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            for rel, content in (extra_files or {}).items():
                path = self.folder / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(content, encoding="utf-8")
            if derived is not None:
                derived(self.folder)
            write_checksums(self.folder)
            swap_in(self.folder, self.out_dir)
        except BaseException:
            self.abort()
            raise
        return sorted(p for p in self.out_dir.rglob("*") if p.is_file())

    def abort(self) -> None:
        """Remove the temporary folder whatever state its files are in (closing a file on a full disk
        fails too, and must not keep the folder filling the disk)."""
        try:
            for f in self._files.values():
                with contextlib.suppress(OSError, ValueError):
                    f.abort()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> ReleaseWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self.abort()


def write_release(
    tables: dict[str, pd.DataFrame],
    out_dir: Path,
    sources: list[dict],
    extra_files: Mapping[str, str] | None = None,
    derived: Callable[[Path], None] | None = None,
    dataset: Mapping | None = None,
) -> list[Path]:
    """Write whole tables and the descriptor into ``out_dir`` atomically; returns the written paths."""
    with ReleaseWriter(out_dir, dataset=dataset) as writer:
        writer.write({name: tables[name] for name in TABLES})
        return writer.commit(sources, extra_files, derived)


def checksums(folder: Path) -> dict[str, str]:
    """SHA-256 of every file of a release folder but SHA256SUMS itself, by relative path."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "SHA256SUMS")
    return {p.relative_to(folder).as_posix(): _sha256(p) for p in files}


def write_checksums(folder: Path) -> None:
    sums = "".join(f"{digest}  {rel}\n" for rel, digest in checksums(folder).items())
    atomic_write_text(folder / "SHA256SUMS", sums)
