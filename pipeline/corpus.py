"""Which raw files make the corpus: a raw folder (nested folders too) or a manifest file.

A raw folder is searched recursively (hidden folders such as ``.cache`` are skipped). Every file gets a
``doc_id`` that is unique within the folder: the plain file name without suffix for a file at the top of
the folder (so ids of flat folders never change), and the path relative to the folder without suffix,
with ``/`` replaced by ``__``, for a file in a subfolder (``site1/2019/projekty.txt`` ->
``site1__2019__projekty``).

A manifest lists the files instead: a CSV file with a ``path`` (or ``file``) column and an optional
``url`` column, or a text file with one path per line, optionally followed by whitespace and the URL
the page was published at (``#`` starts a comment). Paths are relative to the manifest's folder, and
ids follow the same rule relative to it.
"""

from __future__ import annotations

import csv
import hashlib
import os
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from pipeline.datatypes import Document
from pipeline.ingest import HTML_SUFFIXES, TEXT_SUFFIXES, InputError, Source, read_document

SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES


@dataclass(frozen=True)
class DocRef:
    """One raw file of the corpus, before it is read."""

    path: Path
    rel: str  # path relative to the raw folder or manifest (POSIX)
    doc_id: str
    url: str | None = None  # from the manifest; else sources.csv gives it

    @property
    def is_html(self) -> bool:
        return self.path.suffix.lower() in HTML_SUFFIXES


def doc_id_for(rel: str) -> str:
    """``a.txt`` -> ``a``; ``site/2019/a.txt`` -> ``site__2019__a``."""
    p = PurePosixPath(rel)
    return "__".join((*p.parent.parts, p.stem)) if p.parent.parts else p.stem


def discover(raw_dir: Path) -> list[DocRef]:
    """Every raw document under ``raw_dir`` (recursively), in path order."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise InputError(f"{raw_dir}: raw folder not found")
    found: list[tuple[tuple[str, ...], Path]] = []
    for folder, dirs, files in os.walk(raw_dir):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        base = Path(folder)
        for name in files:
            path = base / name
            if path.suffix.lower() in SUFFIXES:
                found.append((path.relative_to(raw_dir).parts, path))
    if not found:
        raise InputError(f"{raw_dir}: no raw documents ({', '.join(SUFFIXES)})")
    found.sort(key=lambda f: f[0])
    return [DocRef(path, "/".join(parts), doc_id_for("/".join(parts))) for parts, path in found]


def _manifest_rows(path: Path) -> list[tuple[str, str | None]]:
    text = path.read_text(encoding="utf-8-sig")
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return []
    header = next(csv.reader([lines[0]]))
    names = [h.strip().lower() for h in header]
    if path.suffix.lower() == ".csv" or "path" in names or "file" in names:
        col = "path" if "path" in names else "file" if "file" in names else None
        if col is None:
            raise InputError(f"{path}: a CSV manifest needs a 'path' (or 'file') column")
        rows = csv.DictReader(lines, fieldnames=names)
        next(rows)
        return [((r.get(col) or "").strip(), (r.get("url") or "").strip() or None) for r in rows
                if (r.get(col) or "").strip()]
    out = []
    for line in lines:
        parts = line.strip().rsplit(None, 1)
        if len(parts) == 2 and parts[1].startswith(("http://", "https://")):
            out.append((parts[0].strip(), parts[1]))
        else:
            out.append((line.strip(), None))
    return out


def read_manifest(manifest: Path) -> list[DocRef]:
    """The files a manifest lists, in its order."""
    manifest = Path(manifest)
    if not manifest.is_file():
        raise InputError(f"{manifest}: manifest not found")
    base = manifest.parent
    refs = []
    for entry, url in _manifest_rows(manifest):
        path = Path(entry) if Path(entry).is_absolute() else base / entry
        try:
            rel = Path(os.path.normpath(path)).relative_to(os.path.normpath(base)).as_posix()
        except ValueError:
            rel = path.name  # outside the manifest's folder: the plain name
        refs.append(DocRef(path, rel, doc_id_for(rel), url))
    if not refs:
        raise InputError(f"{manifest}: the manifest lists no documents")
    return refs


def source_file_for(ref: DocRef, root: Path) -> str:
    """Repo-relative path when the file is in the repository, else relative to the raw folder/manifest."""
    try:
        return ref.path.resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return ref.rel


def source_url_for(ref: DocRef, sources: dict[str, Source]) -> str | None:
    if ref.url:
        return ref.url
    src = sources.get(ref.doc_id)
    return src.url if src else None


def open_document(ref: DocRef, root: Path, sources: dict[str, Source] | None = None) -> Document:
    """``read_document`` with the corpus's id, source file and URL."""
    doc = read_document(ref.path, root, sources)
    sources = sources or {}
    ident = replace(doc, doc_id=ref.doc_id, source_file=source_file_for(ref, root),
                    source_url=source_url_for(ref, sources))
    return doc if ident == doc else ident


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes (what Document.sha256 holds); raises InputError when unreadable."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    return h.hexdigest()
