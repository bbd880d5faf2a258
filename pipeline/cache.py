"""On-disk cache of per-document results, and the spool that keeps a run's texts out of memory.

A cached entry is what one document gives (``pipeline.run.CompactResult`` and the decoded text), keyed by

- the SHA-256 of the raw file's bytes,
- the pipeline version: one hash of every source and data file of ``pipeline/`` and ``schemas/``
  (the model folder excepted), computed once per process,
- the model version: one hash of the model folder (``meta.json``, config and weights),
- the document's identity in this corpus (doc_id, source file, URL, HTML or text, its sources.csv row),
  which the ids and the ``documents`` row depend on.

Any change to the code, the data files or the model gives new keys, so a stale result is never read.
Entries are written atomically (temporary file + rename); an unreadable entry counts as a miss.
Old entries are not removed: delete the folder (default ``.cache/projekty/``) to reclaim the space.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import zlib
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def user_cache_dir() -> Path:
    """The user's cache folder for projekty (``$XDG_CACHE_HOME/projekty``, else ``~/.cache/projekty``),
    never a folder inside the installed package."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "projekty"


DEFAULT_DIR = user_cache_dir()
CODE_SUFFIXES = {".py", ".yaml", ".yml", ".txt", ".cfg", ".json", ".csv", ".tsv"}
FORMAT = b"projekty-cache-1"


def _tree_hash(folder: Path, include, h=None):
    h = h or hashlib.sha256()
    files = sorted(p for p in folder.rglob("*") if p.is_file() and include(p))
    for p in files:
        rel = p.relative_to(folder).as_posix().encode()
        data = p.read_bytes()
        h.update(len(rel).to_bytes(4, "big") + rel + len(data).to_bytes(8, "big"))
        h.update(data)
    return h


@cache
def pipeline_version() -> str:
    """Hash of the pipeline's source and data files (pipeline/ and schemas/, without the model)."""
    def include(p: Path) -> bool:
        parts = p.relative_to(ROOT).parts
        return (p.suffix in CODE_SUFFIXES and "__pycache__" not in parts
                and parts[:2] != ("pipeline", "models"))

    h = hashlib.sha256(FORMAT)
    for name in ("pipeline", "schemas"):
        h.update(name.encode())
        _tree_hash(ROOT / name, include, h)
    return h.hexdigest()[:16]


@cache
def model_version(model_dir: str | None = None) -> str:
    """Hash of the NER model folder: meta.json, config and weights."""
    from pipeline.ner import MODEL_DIR

    folder = Path(model_dir) if model_dir else Path(MODEL_DIR)
    return _tree_hash(folder, lambda p: "__pycache__" not in p.parts).hexdigest()[:16]


class ResultCache:
    """Per-document results on disk, one compressed pickle per entry."""

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
        return self.folder / key[:2] / f"{key}.pkl.z"

    def has(self, key: str) -> bool:
        return self._path(key).is_file()

    def get(self, key: str):
        path = self._path(key)
        try:
            value = pickle.loads(zlib.decompress(path.read_bytes()))
        except FileNotFoundError:
            self.misses += 1
            return None
        except Exception:  # a truncated or foreign file: a miss, and it goes
            self.misses += 1
            path.unlink(missing_ok=True)
            return None
        self.hits += 1
        return value

    def put(self, key: str, value) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.writes += 1


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
    """The run's per-document results (``CompactResult``), pickled into one temporary file as they arrive
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
