"""On-disk cache of per-document results, and the spool that keeps a run's texts out of memory.

A cached entry is what one document gives (``pipeline.runner.document.DocumentResult`` and the decoded text), keyed by

- the SHA-256 of the raw file's bytes,
- the pipeline version: one hash of every source and data file of ``pipeline/`` and ``schemas/``
  (the model folder excepted), computed once per process,
- the model version: one hash of the model folder (``meta.json``, config and weights),
- the document's identity in this corpus (doc_id, source file, URL, HTML or text, its sources.csv row),
  which the ids and the ``documents`` row depend on.

Any change to the code, the data files or the model gives new keys, so a stale result is never read.

An entry is data, never a pickle (the folder is the user's; reading a crafted pickle would run its
code): zlib-compressed JSON, a one-line header (format tag, the entry's own key, the document's doc_id)
then the result and the text, written by an explicit codec that gives back equal values of the same
types. Entries are written atomically (temporary file + rename). A file that is not the requested
entry (truncated, foreign, another format, copied over from another key or document) is a miss and is
removed. Old entries are not removed: delete the folder (default ``~/.cache/projekty/``) to reclaim the
space.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import pickle
import tempfile
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import fields
from functools import cache
from pathlib import Path

from pipeline.core.atomic import write_atomically
from pipeline.core.datatypes import Assignment, NameReading, OrgMention
from pipeline.core.paths import user_cache_dir
from pipeline.core.versions import code_version, model_version

DEFAULT_DIR = user_cache_dir()
FORMAT = b"projekty-cache-4"  # in the pipeline version, so a new format gives new keys (4: mentions' readings)
ENTRY_FORMAT = FORMAT.decode()
ENTRY_SUFFIX = ".json.z"  # entries of format 1 (pickles, ``.pkl.z``) are never read


@cache
def pipeline_version() -> str:
    """Hash of the pipeline's source and data files and of the switches that swap a trained component, with this
    cache's format (:func:`pipeline.core.versions.code_version`), computed once per process."""
    return code_version(FORMAT)


class BadEntry(ValueError):
    """A cache file that is not this entry: another format, another key or document, or malformed."""


# --- the entry codec: plain JSON values only, so reading an entry never runs code ------------------

_PLAIN = (str, int, float, bool, type(None))
_RESULT_FIELDS = ("doc_id", "source_file", "n_chars", "is_html", "n_records", "rows", "org_pairs", "assignments")
_MENTION_FIELDS = tuple(f.name for f in fields(OrgMention))
_READING_FIELDS = tuple(f.name for f in fields(NameReading))


def _need(ok: bool, what: str) -> None:
    if not ok:
        raise BadEntry(what)


def _plain(v, what: str = "a value"):
    """A JSON scalar of the exact type (a bool is not an int here, a list is not a scalar)."""
    _need(type(v) in _PLAIN, f"{what}: not a plain value")
    return v


def _typed(v, kind: type, what: str):
    _need(type(v) is kind, f"{what}: not {kind.__name__}")
    return v


def encode_value(v):
    """A table cell: JSON scalars as they are, dates and datetimes tagged (they are not JSON types).
    Any other type raises TypeError rather than being stored as something that reads back different."""
    kind = type(v)
    if kind in _PLAIN:
        return v
    if kind is dt.date:
        return {"date": v.isoformat()}
    if kind is dt.datetime:
        return {"datetime": v.isoformat()}
    raise TypeError(f"a cache entry cannot hold {kind.__module__}.{kind.__qualname__} values ({v!r})")


def decode_value(v):
    if type(v) is dict:
        _need(len(v) == 1, "a tagged value has one tag")
        ((tag, iso),) = v.items()
        _typed(iso, str, tag)
        if tag == "date":
            return dt.date.fromisoformat(iso)
        if tag == "datetime":
            return dt.datetime.fromisoformat(iso)
        raise BadEntry(f"unknown value tag {tag!r}")
    return _plain(v, "a table cell")


def _encode_mention(m: OrgMention) -> list:
    return [getattr(m, name) for name in _MENTION_FIELDS]


def _decode_mention(v) -> OrgMention:
    _need(type(v) is list and len(v) == len(_MENTION_FIELDS), "an OrgMention")
    return OrgMention(*(_plain(x, "an OrgMention field") for x in v))


def _encode_reading(r: NameReading | None) -> list | None:
    return None if r is None else [getattr(r, name) for name in _READING_FIELDS]


def _decode_reading(v) -> NameReading | None:
    """A name's reading (None: a bare acronym's); nominative and org_type strings, the domain entry an
    int or None."""
    if v is None:
        return None
    _need(type(v) is list and len(v) == len(_READING_FIELDS), "a NameReading")
    nominative, org_type, domain = v
    return NameReading(
        _typed(nominative, str, "a nominative"),
        _typed(org_type, str, "an org_type"),
        None if domain is None else _typed(domain, int, "a domain entry"),
    )


def _span(v) -> tuple[int, int]:
    _need(type(v) is list and len(v) == 2, "a span")
    return (_typed(v[0], int, "a span"), _typed(v[1], int, "a span"))


def _encode_rows(rows: list[dict]) -> dict:
    """A table's rows (dicts of the same columns) as their column names and one list of values per row."""
    columns = list(rows[0]) if rows else []
    for row in rows:
        _need(list(row) == columns, "rows of one table have the same columns")
    return {"columns": columns, "values": [[encode_value(v) for v in row.values()] for row in rows]}


def _decode_rows(v, name: str) -> list[dict]:
    _need(type(v) is dict and set(v) == {"columns", "values"}, f"{name}: rows")
    columns = [_typed(c, str, "a column name") for c in _typed(v["columns"], list, "columns")]
    out = []
    for row in _typed(v["values"], list, name):
        _need(type(row) is list and len(row) == len(columns), f"{name}: a row of {len(columns)} values")
        out.append(dict(zip(columns, (decode_value(x) for x in row), strict=True)))
    return out


def _encode_assignment(a) -> list:
    return [
        _encode_mention(a.mention),
        a.role,
        list(a.cue_span) if a.cue_span is not None else None,
        a.cue_text,
        a.strength,
    ]


def encode_result(r) -> dict:
    """``DocumentResult`` -> JSON-ready dict; :func:`decode_result` gives back an equal value with the
    same container types (rows as dicts, spans as tuples, lists as lists, dates as ``datetime.date``)."""
    return {
        "doc_id": r.doc_id,
        "source_file": r.source_file,
        "n_chars": r.n_chars,
        "is_html": r.is_html,
        "n_records": r.n_records,
        "rows": {name: _encode_rows(rows) for name, rows in r.rows.items()},
        "org_pairs": [[pid, _encode_mention(m), _encode_reading(reading)] for pid, m, reading in r.org_pairs],
        "assignments": [[pid, [_encode_assignment(a) for a in assigned]] for pid, assigned in r.assignments],
    }


def _decode_assignment(v) -> Assignment:
    _need(type(v) is list and len(v) == 5, "an assignment")
    m, role, cue, cue_text, strength = v
    return Assignment(
        _decode_mention(m),
        _typed(role, str, "a role"),
        None if cue is None else _span(cue),
        None if cue_text is None else _typed(cue_text, str, "a cue text"),
        _typed(strength, int, "a cue strength"),
    )


def _pair(v, what: str) -> list:
    _need(type(v) is list and len(v) == 2, what)
    return v


def _decode_org_pair(v, make):
    """A mention resolution reads: [project_id, mention, reading]; a written name has its reading, a bare
    acronym none (an entry written before readings were carried has no reading: refused)."""
    _need(type(v) is list and len(v) == 3, "an org mention with its reading")
    pid, m, r = _typed(v[0], str, "a project_id"), _decode_mention(v[1]), _decode_reading(v[2])
    _need((r is None) == m.is_acronym, "a written name's reading (or a bare acronym's none)")
    return make(pid, m, r)


def decode_result(d):
    """The inverse of :func:`encode_result`; BadEntry for anything else."""
    from pipeline.runner.document import DocumentResult, ProjectMention, RecordAssignments

    _need(type(d) is dict and set(d) == set(_RESULT_FIELDS), "a DocumentResult")
    rows = _typed(d["rows"], dict, "rows")
    return DocumentResult(
        doc_id=_typed(d["doc_id"], str, "doc_id"),
        source_file=_typed(d["source_file"], str, "source_file"),
        n_chars=_typed(d["n_chars"], int, "n_chars"),
        is_html=_typed(d["is_html"], bool, "is_html"),
        n_records=_typed(d["n_records"], int, "n_records"),
        rows={name: _decode_rows(rs, name) for name, rs in rows.items()},
        org_pairs=[_decode_org_pair(p, ProjectMention) for p in _typed(d["org_pairs"], list, "org_pairs")],
        assignments=[
            RecordAssignments(
                _typed(pid, str, "a project_id"), [_decode_assignment(a) for a in _typed(al, list, "roles")]
            )
            for pid, al in (_pair(p, "assignments") for p in _typed(d["assignments"], list, "assignments"))
        ],
    )


def _json(value) -> bytes:
    # not ASCII-escaped, so Polish text stays small; surrogatepass keeps a lone surrogate of a decoded page
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=True).encode("utf-8", "surrogatepass")


def encode_entry(key: str, value) -> bytes:
    """``(DocumentResult, text)`` -> entry bytes: zlib of a one-line JSON header (format tag, this
    entry's key, the document's doc_id), a newline, and the JSON body (the result and the text)."""
    result, text = value
    _typed(text, str, "the text")
    header = {"format": ENTRY_FORMAT, "key": key, "doc_id": result.doc_id}
    body = {"result": encode_result(result), "text": text}
    return zlib.compress(_json(header) + b"\n" + _json(body), 1)


def decode_entry(data: bytes, key: str, doc_id: str | None = None):
    """Entry bytes -> ``(DocumentResult, text)``, only when the header names this format, ``key`` and
    (if given) ``doc_id``: a file copied over another entry is refused, not read as that document."""
    head, sep, rest = zlib.decompress(data).partition(b"\n")
    _need(bool(sep), "no header")
    header = json.loads(head.decode("utf-8"))
    _need(type(header) is dict and header.get("format") == ENTRY_FORMAT, "not a projekty cache entry")
    _need(header.get("key") == key, "the entry of another key")
    _need(doc_id is None or header.get("doc_id") == doc_id, "the entry of another document")
    body = json.loads(rest.decode("utf-8", "surrogatepass"))
    _need(type(body) is dict and set(body) == {"result", "text"}, "no result")
    result = decode_result(body["result"])
    _need(result.doc_id == header.get("doc_id"), "the header and the result name other documents")
    return result, _typed(body["text"], str, "the text")


class ResultCache:
    """Per-document results on disk, one compressed JSON entry per document (never a pickle: the cache
    folder is the user's, and reading it must not run code)."""

    def __init__(self, folder: Path = DEFAULT_DIR, pipeline: str | None = None, model: str | None = None):
        self.folder = Path(folder)
        self.pipeline = pipeline or pipeline_version()
        self.model = model or model_version()
        self.hits = self.misses = self.writes = 0

    def key(self, raw_sha256: str, identity: tuple) -> str:
        ident = repr(identity).encode("utf-8")
        h = hashlib.sha256(b"|".join([raw_sha256.encode(), self.pipeline.encode(), self.model.encode(), ident]))
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{ENTRY_SUFFIX}"

    def has(self, key: str) -> bool:
        return self._path(key).is_file()

    def get(self, key: str, doc_id: str | None = None):
        """``(DocumentResult, text)``, or None (a miss) when there is no entry or the file is not this
        entry of ``doc_id``; such a file (truncated, foreign, copied, a pickle) is removed unread."""
        path = self._path(key)
        try:
            value = decode_entry(path.read_bytes(), key, doc_id)
        except FileNotFoundError:
            self.misses += 1
            return None
        except Exception:  # BadEntry, zlib/JSON/Unicode errors, an unreadable file: a miss, and it goes
            self.misses += 1
            _remove(path)
            return None
        self.hits += 1
        return value

    def put(self, key: str, value) -> None:
        """Store ``(DocumentResult, text)`` under ``key`` (atomically); TypeError for a value the codec
        cannot give back exactly."""
        data = encode_entry(key, value)
        write_atomically(self._path(key), data)
        self.writes += 1


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):  # a folder or a file we may not remove: it stays a miss
        path.unlink(missing_ok=True)


class _Spool:
    """Byte strings appended to one temporary file, read back by key."""

    def __init__(self, folder: Path | None = None):
        self._fh = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 (closed by close())
        self._index: dict[str, tuple[int, int]] = {}
        self._end = 0

    def _put(self, key: str, data: bytes) -> None:
        self._fh.seek(self._end)
        self._fh.write(data)
        self._index[key] = (self._end, len(data))
        self._end += len(data)

    def _read(self, key: str) -> bytes:
        start, size = self._index[key]
        self._fh.seek(start)
        return self._fh.read(size)

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def close(self) -> None:
        self._fh.close()


class TextSpool(_Spool, Mapping):
    """doc_id -> decoded text, kept in one temporary file instead of memory.

    Texts are appended as the results stream in and read back one at a time (the last one read is kept),
    so later stages that need a text (role cues, the report, the summary) never hold them all at once.
    Iteration follows the order in which texts were added."""

    def __init__(self, folder: Path | None = None):
        super().__init__(folder)
        self._last: tuple[str, str] | None = None

    def add(self, doc_id: str, text: str) -> None:
        self._put(doc_id, text.encode("utf-8", "surrogatepass"))

    def __getitem__(self, doc_id: str) -> str:
        if self._last is not None and self._last[0] == doc_id:
            return self._last[1]
        text = self._read(doc_id).decode("utf-8", "surrogatepass")
        self._last = (doc_id, text)
        return text

    def close(self) -> None:
        super().close()
        self._last = None


class ResultSpool(_Spool):
    """The run's per-document results (``DocumentResult``), pickled into one temporary file as they arrive
    and read back in the same order, so the release stage holds one run of documents at a time."""

    def add(self, result) -> None:
        self._put(result.doc_id, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))

    def values(self) -> Iterator:
        for key in self._index:
            yield pickle.loads(self._read(key))


class SpoolView(Mapping):
    """A renamed subset of a spool: ``texts/{doc_id}.txt`` -> text for the HTML documents."""

    def __init__(self, spool: TextSpool, doc_ids: list[str], pattern: str = "texts/{}.txt"):
        self._spool = spool
        self._keys = {pattern.format(d): d for d in doc_ids}

    def __getitem__(self, key: str) -> str:
        return self._spool[self._keys[key]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)
