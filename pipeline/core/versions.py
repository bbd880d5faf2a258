"""What a cached result was computed with: hashes of the code and data files and of the NER model folder.

The result cache (:mod:`pipeline.runner.cache`) and the entity cache (:mod:`pipeline.nlp.entity_cache`) key their
entries by these, so that any change to the code, the data files, a trained component's file or the switch that
swaps it gives new keys and a stale entry is never read.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Collection
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CODE_SUFFIXES = {".py", ".yaml", ".yml", ".txt", ".cfg", ".json", ".csv", ".tsv", ".crfsuite", ".page"}
# environment variables that swap a trained component (its file or none): part of the version they give
MODEL_SWITCHES = (
    "PROJEKTY_SEGMENTER",
    "PROJEKTY_TITLE_MODEL",
    "PROJEKTY_ORG_ACCEPTOR",
    "PROJEKTY_ROLE_MODEL",
    "PROJEKTY_KIND_MODEL",
    "PROJEKTY_ORG_TAGGER",
    "PROJEKTY_YEAR_MODEL",
)


def tree_hash(folder: Path, include, h=None):
    """SHA-256 over the files of ``folder`` that ``include`` keeps, each with its relative path, in path order."""
    h = h or hashlib.sha256()
    files = sorted(p for p in folder.rglob("*") if p.is_file() and include(p))
    for p in files:
        rel = p.relative_to(folder).as_posix().encode()
        data = p.read_bytes()
        h.update(len(rel).to_bytes(4, "big") + rel + len(data).to_bytes(8, "big"))
        h.update(data)
    return h


def code_version(salt: bytes) -> str:
    """Hash of ``salt`` (a cache's entry format), the switches that swap a trained component for another file or
    none (read at each call), and the pipeline's source and data files (:func:`code_files_digest`)."""
    h = hashlib.sha256(salt)
    for switch in MODEL_SWITCHES:
        h.update(f"{switch}={os.environ.get(switch, '')}".encode())
    h.update(code_files_digest())
    return h.hexdigest()[:16]


def code_files_hash(root: Path = ROOT, leave_out: Collection[Path] = ()):
    """SHA-256 over the pipeline's source and data files under ``root`` (pipeline/ and schemas/, the trained
    components' files included; the NER model folder is hashed apart, :func:`model_version`), without the files
    ``leave_out`` names (paths relative to ``root``: the model lock leaves out the files it locks)."""

    def include(p: Path) -> bool:
        rel = p.relative_to(root)
        in_ner_model = rel.parts[:3] == ("pipeline", "models", "ner_pl")
        code = p.suffix in CODE_SUFFIXES and "__pycache__" not in rel.parts
        return code and not in_ner_model and rel not in leave_out

    h = hashlib.sha256()
    for name in ("pipeline", "schemas"):
        h.update(name.encode())
        tree_hash(root / name, include, h)
    return h


@cache
def code_files_digest() -> bytes:
    """:func:`code_files_hash` of this checkout, read once per process: the result cache and the entity cache both key
    by it."""
    return code_files_hash().digest()


@cache
def model_version(model_dir: str | None = None) -> str:
    """Hash of the NER model folder: meta.json, config and weights."""
    from pipeline.ner import MODEL_DIR

    folder = Path(model_dir) if model_dir else Path(MODEL_DIR)
    return tree_hash(folder, lambda p: "__pycache__" not in p.parts).hexdigest()[:16]
