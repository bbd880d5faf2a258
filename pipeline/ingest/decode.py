"""Raw bytes -> Document: decode without guessing silently, keep the text untouched.

Evidence offsets point into the decoded text exactly as decoded, so nothing
here normalises it. Folding (line-wrap joining, NBSP, soft hyphens,
typographic quotes and dashes) lives in :func:`pipeline.text.fold.fold`, which
keeps a map back to the original offsets.
"""

from __future__ import annotations

import csv
import hashlib
import io
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pipeline.core.datatypes import Document

# Legacy Polish code pages tried when the bytes are not UTF-8, in this order.
LEGACY_ENCODINGS = ("cp1250", "iso8859_2")
POLISH_LETTERS = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


class InputError(Exception):
    """A raw file that cannot be read as a document; the message names file and reason."""


@dataclass(frozen=True)
class Source:
    """One row of raw/sources.csv: where a raw file was published."""

    doc_id: str | None  # None: the cell is empty (every empty cell reads as None)
    file: str | None
    url: str | None
    publisher: str | None
    retrieved: str | None
    license_note: str | None
    title: str | None = None  # the page's own title


def read_table_text(path: Path) -> str:
    """A small table or list the user keeps beside the pages (``sources.csv``, a manifest), decoded as
    spreadsheets save it: UTF-8 with or without a BOM, UTF-16, or the Polish code page."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    text, _encoding = decode(data, str(path))
    return text.lstrip("\ufeff")


def load_sources(raw_dir: Path) -> dict[str, Source]:
    path = raw_dir / "sources.csv"
    if not path.exists():
        return {}
    text = read_table_text(path)
    header = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=header.count)  # Excel in a Polish locale saves ";"-separated files
    try:
        rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise InputError(f"{path}: not a readable CSV file ({exc})") from exc
    required = {"doc_id", "file", "url", "publisher", "retrieved", "license_note"}
    if rows and not required <= {(k or "").strip() for k in rows[0]}:
        raise InputError(f"{path}: columns must include {sorted(required)}")
    rows = [{(k or "").strip(): v for k, v in r.items()} for r in rows]
    return {r["doc_id"]: _source(r) for r in rows}


def _source(row: Mapping[str, str | None]) -> Source:
    """A row of sources.csv (column names stripped) as a Source; an empty or missing cell is None."""

    def cell(column: str) -> str | None:
        return row.get(column) or None

    return Source(
        doc_id=cell("doc_id"),
        file=cell("file"),
        url=cell("url"),
        publisher=cell("publisher"),
        retrieved=cell("retrieved"),
        license_note=cell("license_note"),
        title=cell("title"),
    )


LEGACY_PUNCTUATION = set("„”“‘’–—…")  # bytes 0x80-0x9F that cp1250 reads as typography


def _legacy_score(text: str) -> int:
    """Polish letters and cp1250's typographic punctuation are evidence for a code page; C1 controls
    (what those bytes are in ISO 8859-2) are evidence against it."""
    c1 = sum(1 for ch in text if 0x80 <= ord(ch) <= 0x9F)
    return sum(1 for ch in text if ch in POLISH_LETTERS or ch in LEGACY_PUNCTUATION) - 10 * c1


def _legacy(data: bytes) -> tuple[int, str, str] | None:
    """(score, encoding, text) of the legacy code page that reads best, or None."""
    candidates = []
    for enc in LEGACY_ENCODINGS:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_legacy_score(text), enc, text))
    return max(candidates, key=lambda c: c[0], default=None)  # ties: the first code page (cp1250)


def _mixed(data: bytes, name: str) -> tuple[str, str] | None:
    """A UTF-8 file with some lines in a legacy code page (pasted from an old page): each line decoded
    in the encoding it is valid in, never the whole file turned into mojibake. None when the file holds
    no UTF-8 beyond ASCII (then it is a legacy file)."""
    lines = data.splitlines(keepends=True)
    decoded, legacy_lines, utf8_multibyte = [], [], False
    unreadable: tuple[int, int] | None = None  # (line number, byte offset) of the first bad line
    offset = 0
    for number, line in enumerate(lines, 1):
        try:
            text = line.decode("utf-8")
            utf8_multibyte = utf8_multibyte or not line.isascii()
        except UnicodeDecodeError as exc:
            best = _legacy(line)
            if (best is None or best[0] < 0) and unreadable is None:
                unreadable = (number, offset + exc.start)
            text = best[2] if best is not None else ""
            legacy_lines.append((number, best[1] if best is not None else "?"))
        decoded.append(text)
        offset += len(line)
    if not utf8_multibyte:
        return None
    if unreadable is not None:
        raise InputError(
            f"{name}: line {unreadable[0]} is neither UTF-8 nor a Polish code page "
            f"(invalid byte at offset {unreadable[1]})"
        )
    codes = sorted({enc for _n, enc in legacy_lines})
    shown = ", ".join(str(n) for n, _e in legacy_lines[:5]) + (" ..." if len(legacy_lines) > 5 else "")
    return "".join(decoded), f"utf-8 with {'/'.join(codes)} lines {shown}"


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding). UTF-8 (BOM allowed) and UTF-16 with BOM first; a UTF-8 file with a few
    legacy lines line by line; then the legacy code page whose decoding reads as Polish."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: not valid UTF-16 at byte {exc.start}") from exc
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            return data.decode("utf-8-sig"), "utf-8-sig"
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        mixed = _mixed(data[3:] if data.startswith(b"\xef\xbb\xbf") else data, name)
        if mixed is not None:
            return mixed
        best = _legacy(data)
        if best is None or best[0] < 0:
            raise InputError(
                f"{name}: not UTF-8 (invalid byte at offset {utf8_error.start}) "
                f"and not readable as Polish in {', '.join(LEGACY_ENCODINGS)}"
            ) from utf8_error
        return best[2], best[1]


def check_text(text: str, name: str) -> None:
    if not text.strip():
        raise InputError(f"{name}: empty document")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if "\x00" in text or controls > max(10, len(text) // 100):
        raise InputError(f"{name}: looks binary ({controls} control characters)")


def read_document(
    path: Path, root: Path, sources: dict[str, Source] | None = None, html_main: str | None = None
) -> Document:
    """Read one raw file. ``root`` makes ``source_file`` relative (repo-relative in releases);
    ``html_main``: a CSS selector of an HTML page's main content (``--html-main``)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    try:
        rel = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        rel = path.name
    text, encoding = decode(data, rel)
    dropped = None
    if path.suffix.lower() in HTML_SUFFIXES:
        from pipeline.ingest.html import HtmlError, read_html

        try:
            page = read_html(text, html_main)  # evidence offsets refer to this text, saved with the release
        except HtmlError as exc:
            raise InputError(f"{rel}: {exc}") from exc
        text, dropped = page.text, page.dropped_chars
    check_text(text, rel)
    doc_id = path.stem
    source = (sources or {}).get(doc_id)
    return Document(
        doc_id=doc_id,
        source_file=rel,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        source_url=source.url if source else None,
        dropped_chars=dropped,
    )
