"""Which raw files make the corpus: a raw folder (nested folders too) or a manifest file.

A raw folder is searched recursively (hidden folders such as ``.cache`` are skipped). Every file gets a
``doc_id``: the plain file name without suffix for a file at the top of the folder (so ids of flat
folders never change), and the path relative to the folder without suffix, with ``/`` replaced by
``__``, for a file in a subfolder (``site1/2019/projekty.txt`` -> ``site1__2019__projekty``).

Two files can give the same id (``a__b.txt`` beside ``a/b.txt``, ``c.txt`` beside ``c.html``). Ids are
unique by construction, so no file is dropped as a duplicate of another: in path order the first file
keeps the plain id (``a/b.txt`` is ``a__b``, ``c.html`` is ``c``), a later one gets its suffix added
(``a__b-txt``, ``c-txt``), then ``-2``, ``-3`` … while that is taken; a plain id is never given to
another file, so ids without a collision never change. Each renaming is reported (``Discovery.renamed``).

A manifest lists the files instead: a CSV file with a ``path`` (or ``file``) column and an optional
``url`` column, or a text file with one path per line, optionally followed by whitespace and the URL
the page was published at (``#`` starts a comment). Paths are relative to the manifest's folder, and
ids follow the same rule relative to it.
"""

from __future__ import annotations

import csv
import hashlib
import os
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from pipeline.core.datatypes import Document
from pipeline.ingest.decode import HTML_SUFFIXES, TEXT_SUFFIXES, InputError, Source, read_document, read_table_text

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


def _free_id(ref: DocRef, taken: set[str]) -> str:
    """``c`` (of ``c.txt``) -> ``c-txt``, else ``c-txt-2``, ``c-txt-3`` …: the first id not ``taken``."""
    suffix = ref.path.suffix.lower().lstrip(".")
    base = f"{ref.doc_id}-{suffix}" if suffix else ref.doc_id
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def unique_ids(refs: list[DocRef]) -> tuple[list[DocRef], list[str]]:
    """``refs`` (same order) with distinct doc_ids, and one message per renamed file.

    In path order (``rel``), the first file of each plain id keeps it; the others get :func:`_free_id`,
    which avoids every plain id, so a file without a collision keeps its id whatever else the folder
    holds. The same file listed twice gets one id (the run reports the second as a duplicate)."""
    order = sorted(range(len(refs)), key=lambda i: PurePosixPath(refs[i].rel).parts)
    first: dict[str, int] = {}  # file -> its first listing
    owner: dict[str, DocRef] = {}  # plain id -> the file that keeps it
    later: list[int] = []
    for i in order:
        if first.setdefault(os.path.normpath(refs[i].path), i) != i:
            continue  # listed again: takes its first listing's id below
        if owner.setdefault(refs[i].doc_id, refs[i]) is not refs[i]:
            later.append(i)
    taken = set(owner)
    out, renamed = list(refs), []
    for i in later:
        ref = refs[i]
        out[i] = replace(ref, doc_id=_free_id(ref, taken))
        taken.add(out[i].doc_id)
        renamed.append(
            f"{ref.path}: doc_id '{ref.doc_id}' is taken by {owner[ref.doc_id].path}; this file is '{out[i].doc_id}'"
        )
    ids = [out[first[os.path.normpath(ref.path)]].doc_id for ref in refs]
    return [r if r.doc_id == new else replace(r, doc_id=new) for r, new in zip(out, ids, strict=True)], renamed


# Files of a raw folder that are its metadata, not documents: never listed as skipped.
METADATA_FILES = {"sources.csv", "dataset.yaml", "manifest.csv", "manifest.txt"}


@dataclass(frozen=True)
class Discovery:
    """What a raw folder holds: the documents, and every file passed over with why (``path: why``)."""

    refs: list[DocRef]
    skipped: list[str]  # unsupported files and release folders: listed, not processed
    rejected: list[str]  # files that look like documents but cannot be read safely
    renamed: list[str] = field(default_factory=list)  # files whose plain doc_id another file holds


def _reject_reason(path: Path, root: Path) -> str | None:
    """Why a candidate file is refused before it is opened: not a regular file (a FIFO would hang the
    run), or a link that leads out of the raw folder or nowhere."""
    try:
        if path.is_symlink():
            target = path.resolve(strict=True)
            if not target.is_relative_to(root):
                return "a symbolic link that leads out of the raw folder"
        st = path.stat()
    except (OSError, RuntimeError):
        return "a broken or looping symbolic link"
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file"
    return None


def scan(raw_dir: Path) -> Discovery:
    """Every raw document under ``raw_dir`` (recursively, in path order), and what was passed over.

    Hidden folders (``.cache``) and projekty release folders (an output written inside the raw folder
    by an older version) are not searched; linked folders are not followed."""
    from pipeline.release.outdir import is_release

    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise InputError(f"{raw_dir}: raw folder not found")
    root = raw_dir.resolve()
    found: list[tuple[tuple[str, ...], Path]] = []
    skipped: list[str] = []
    rejected: list[str] = []
    for folder, dirs, files in os.walk(raw_dir):
        base = Path(folder)
        keep = []
        for d in sorted(dirs):
            if d.startswith("."):
                continue
            if is_release(base / d):
                skipped.append(f"{base / d}: a projekty release folder, not documents")
                continue
            keep.append(d)
        dirs[:] = keep
        for name in sorted(files):
            path = base / name
            if name.startswith(".") or (base == raw_dir and name in METADATA_FILES):
                continue
            if path.suffix.lower() not in SUFFIXES:
                skipped.append(
                    f"{path}: unsupported file type ({path.suffix or 'no suffix'}; supported: {', '.join(SUFFIXES)})"
                )
                continue
            why = _reject_reason(path, root)
            if why:
                rejected.append(f"{path}: {why}")
                continue
            found.append((path.relative_to(raw_dir).parts, path))
    found.sort(key=lambda f: f[0])
    refs, renamed = unique_ids([DocRef(path, "/".join(parts), doc_id_for("/".join(parts))) for parts, path in found])
    return Discovery(refs, sorted(skipped), sorted(rejected), renamed)


def discover(raw_dir: Path) -> list[DocRef]:
    """Every raw document under ``raw_dir`` (recursively), in path order; InputError when there is none."""
    found = scan(raw_dir)
    if not found.refs:
        raise InputError(f"{raw_dir}: no raw documents ({', '.join(SUFFIXES)})")
    return found.refs


def _manifest_rows(path: Path) -> list[tuple[str, str | None]]:
    text = read_table_text(path)
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
        return [
            ((r.get(col) or "").strip(), (r.get("url") or "").strip() or None)
            for r in rows
            if (r.get(col) or "").strip()
        ]
    out: list[tuple[str, str | None]] = []
    for line in lines:
        parts = line.strip().rsplit(None, 1)
        if len(parts) == 2 and parts[1].startswith(("http://", "https://")):
            out.append((parts[0].strip(), parts[1]))
        else:
            out.append((line.strip(), None))
    return out


def read_manifest(manifest: Path) -> list[DocRef]:
    """The files a manifest lists, in its order, with distinct doc_ids (see :func:`scan_manifest`)."""
    return scan_manifest(manifest).refs


def scan_manifest(manifest: Path) -> Discovery:
    """The files a manifest lists, in its order, and the files renamed so their doc_ids are distinct
    (the same ids as :func:`scan` gives the folder, whatever the manifest's order)."""
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
    refs, renamed = unique_ids(refs)
    return Discovery(refs, [], [], renamed)


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


def open_document(
    ref: DocRef, root: Path, sources: dict[str, Source] | None = None, html_main: str | None = None
) -> Document:
    """``read_document`` with the corpus's id, source file and URL."""
    doc = read_document(ref.path, root, sources, html_main)
    sources = sources or {}
    ident = replace(
        doc, doc_id=ref.doc_id, source_file=source_file_for(ref, root), source_url=source_url_for(ref, sources)
    )
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
