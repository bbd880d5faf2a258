"""Reading a release back for its report: the tables from Parquet and the documents' texts."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from pipeline.report.rows import document_rows
from schemas.tables import TABLES


def read_tables(release_dir: Path) -> dict[str, pd.DataFrame]:
    """The release's tables from Parquet (a missing table is read as empty, with its columns)."""
    from schemas.models import empty_frame

    out: dict[str, pd.DataFrame] = {}
    for name in TABLES:
        path = Path(release_dir) / f"{name}.parquet"
        out[name] = pd.read_parquet(path) if path.exists() else empty_frame(name)
    return out


def load_texts(release_dir: Path, root: Path | None = None) -> dict[str, str]:
    """Decoded text of each document of the release: the text saved with the release
    (``texts/{doc_id}.txt``, written for HTML inputs) or else ``root / source_file`` read exactly as the
    pipeline reads it. A text whose length differs from ``n_chars``, or a raw file whose SHA-256 differs
    from the release's, is left out: its offsets would point at other words."""
    from pipeline.ingest.decode import InputError, read_document

    docs = read_tables(release_dir)["documents"]
    out: dict[str, str] = {}
    for row in document_rows(docs):
        saved = Path(release_dir) / "texts" / f"{row.doc_id}.txt"
        text: str | None = None
        if saved.exists():
            text = saved.read_bytes().decode("utf-8")  # no newline translation: offsets count \r too
        elif root is not None:
            path = Path(root) / row.source_file
            if path.exists() and hashlib.sha256(path.read_bytes()).hexdigest() == row.sha256:
                try:
                    text = read_document(path, Path(root)).text
                except InputError:
                    text = None
        if text is not None and len(text) == row.n_chars:
            out[row.doc_id] = text
    return out
