"""An optional on-disk memo of the NLP stage's entities, shared by the processes of one test run.

The learned components' ``train --check`` commands and the evaluations each run the pipeline over the same
keyed pages with the same models; most of that time is the NER. With ``$PROJEKTY_ENTITY_CACHE`` naming a
folder, :func:`pipeline.nlp.annotate.find_entities` keeps what it finds there and the next process asks it
first. Unset (the default, and every user run), nothing is read or written.

An entry is keyed by the page's text and record spans, the code's version (every source and data file and the model
switches, :func:`pipeline.core.versions.code_version`), the NER model folder's hash and the tagger in use (its
file's bytes): any change gives new keys, and a pipeline other than the shipped one is never cached. An
entry is data, never a pickle: zlib-compressed JSON, its own key first, written atomically; a file that is
not the requested entry is a miss. ``make test`` empties its folder first.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import zlib
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from pipeline.core.atomic import write_atomically
from pipeline.core.datatypes import Entity
from pipeline.core.versions import code_version, model_version

ENV = "PROJEKTY_ENTITY_CACHE"
FORMAT = "projekty-entities-1"
_FIELDS = ("label", "text", "char_start", "char_end", "source", "normalized", "confidence")


def cache_dir() -> Path | None:
    where = os.environ.get(ENV)
    return Path(where) if where else None


@cache
def _code_version() -> str:
    """The code's hash (:func:`pipeline.core.versions.code_version`), once per process."""
    return code_version(FORMAT.encode())


def entry_key(text: str, spans: Sequence[tuple[int, int]], tagger_digest: str) -> str:
    h = hashlib.sha256(FORMAT.encode())
    for part in (_code_version(), model_version(), tagger_digest, json.dumps([list(s) for s in spans])):
        h.update(part.encode() + b"\0")
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def encode(key: str, entities: Sequence[Entity]) -> bytes:
    rows = [[getattr(e, f) for f in _FIELDS] for e in entities]
    return zlib.compress(json.dumps([FORMAT, key, rows], ensure_ascii=False).encode())


def decode(key: str, data: bytes) -> list[Entity] | None:
    """The entities of an entry, or None when the bytes are not this key's entry."""
    try:
        fmt, found, rows = json.loads(zlib.decompress(data))
        if fmt != FORMAT or found != key:
            return None
        return [Entity(*row) for row in rows]
    except (ValueError, TypeError, zlib.error):
        return None


def through(
    text: str,
    spans: Sequence[tuple[int, int]],
    tagger_digest: Callable[[], str],
    compute: Callable[[], list[Entity]],
) -> list[Entity]:
    """``compute()``, or what an earlier process kept for the same key when the cache is on. The tagger's digest
    (a hash of its file) is asked for only then."""
    folder = cache_dir()
    if folder is None:
        return compute()
    key = entry_key(text, spans, tagger_digest())
    path = folder / key[:2] / f"{key}.json.z"
    with contextlib.suppress(OSError):
        found = decode(key, path.read_bytes())
        if found is not None:
            return found
    entities = compute()
    write_atomically(path, encode(key, entities))
    return entities
