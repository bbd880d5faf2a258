"""The lock of the learned models: what each shipped model file was trained from, so a check need not retrain.

Every learned model (segmenter, ORG tagger, organisation acceptor, amount kinds, roles, titles, years) is a function of
the training keys and their pages (the seen keys and the dev split, never test), the code and data of ``pipeline/`` and
``schemas/``, the NER model and the training libraries. Reproducing them all from the keys takes about 40 CPU-minutes
(``make check-models``); CI cannot afford that on two cores within its 20 minutes. As DVC does for a pipeline's stages
(``dvc.lock``), ``pipeline/models/models.lock.json`` records a hash of those inputs and of each model file; it is
written only right after ``make models`` trained them all, or after ``make check-models`` reproduced them all byte for
byte. :func:`differences` says what no longer matches: an input changed (retrain, or reproduce and re-lock) or a
model file is not the locked one. Pure reads, no training.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from pipeline.core.versions import code_files_hash, model_version

FORMAT = "projekty-model-lock-1"
MODELS_DIR = Path("pipeline") / "models"
LOCK_NAME = "models.lock.json"
# the files `make models` writes, in training order (the segmenter's page-kind step beside its line model)
MODEL_FILES = (
    "segmenter.crfsuite",
    "segmenter.crfsuite.page",
    "kind_model.json",
    "org_tagger.crfsuite",
    "org_acceptor.json",
    "role_model.json",
    "title_model.json",
    "year_model.json",
)
# the distributions whose versions decide a trained file's bytes (the CRF trainer, the NLP it reads through)
LIBRARIES = ("python-crfsuite", "spacy", "morfeusz2", "numpy")


@dataclass(frozen=True)
class Inputs:
    """Hashes of what training reads, as recorded in the lock."""

    code: str  # pipeline/ and schemas/, the model files and the lock left out
    keys: str  # each training page's key, text and sources row
    pages: int  # how many training pages (seen keys + dev split)
    ner_model: str
    libraries: tuple[tuple[str, str], ...]  # (distribution, version); and ("python", "3.11")

    def as_json(self) -> dict:
        return {
            "code": self.code,
            "keys": self.keys,
            "pages": self.pages,
            "ner_model": self.ner_model,
            "libraries": dict(self.libraries),
        }


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def code_hash(root: Path) -> str:
    """The code and data files (:func:`pipeline.core.versions.code_files_hash`) without the model files this lock
    covers and the lock itself (the NER model folder is hashed apart)."""
    return code_files_hash(root, {MODELS_DIR / name for name in (*MODEL_FILES, LOCK_NAME)}).hexdigest()


def keys_hash(root: Path, gold_dir: Path) -> tuple[str, int]:
    """A hash over the training pages (the seen keys and the dev split, in doc_id order): each key file's bytes,
    its page's bytes and, for a real page, its sources.csv row. Test pages are not read, so adding one locks
    nothing out."""
    from pipeline.evaluate.realkeys import load_real, read_sources
    from pipeline.evaluate.score import load_gold

    real = gold_dir / "real"
    rows = {p.doc_id: p for p in read_sources(real)} if (real / "sources.csv").is_file() else {}
    golds = load_gold(gold_dir, root) + (load_real(real, root, ["dev"]) if rows else [])
    h = hashlib.sha256()
    for g in sorted(golds, key=lambda g: g.doc_id):
        row = rows.get(g.doc_id)
        parts = [
            g.doc_id,
            _sha(Path(g.path).read_bytes()) if g.path else "",
            _sha((root / g.source_file).read_bytes()),
            json.dumps(list(vars(row).values()) if row else [], ensure_ascii=False),
        ]
        h.update(("\0".join(parts) + "\n").encode())
    return h.hexdigest(), len(golds)


def _libraries() -> tuple[tuple[str, str], ...]:
    found = []
    for name in LIBRARIES:
        try:
            found.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            found.append((name, "absent"))
    return (*found, ("python", f"{sys.version_info.major}.{sys.version_info.minor}"))


def current_inputs(root: Path, gold_dir: Path) -> Inputs:
    keys, pages = keys_hash(root, gold_dir)
    ner = model_version(str(root / MODELS_DIR / "ner_pl"))
    return Inputs(code_hash(root), keys, pages, ner, _libraries())


def model_hashes(root: Path) -> dict[str, str]:
    """Each model file's SHA-256 ("absent" when it is missing)."""
    out = {}
    for name in MODEL_FILES:
        path = root / MODELS_DIR / name
        out[name] = _sha(path.read_bytes()) if path.is_file() else "absent"
    return out


def lock_payload(inputs: Inputs, models: dict[str, str]) -> dict:
    return {"format": FORMAT, "inputs": inputs.as_json(), "models": models}


def write_lock(root: Path, gold_dir: Path) -> Path:
    """Record the current inputs and model files (only after they were all trained or all reproduced)."""
    from pipeline.core.atomic import write_atomically

    payload = lock_payload(current_inputs(root, gold_dir), model_hashes(root))
    missing = [n for n, h in payload["models"].items() if h == "absent"]
    if missing:
        raise ValueError(f"no model file to lock: {', '.join(missing)}")
    path = root / MODELS_DIR / LOCK_NAME
    write_atomically(path, (json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode())
    return path


def read_lock(root: Path) -> dict:
    path = root / MODELS_DIR / LOCK_NAME
    if not path.is_file():
        raise ValueError(f"{path.relative_to(root)}: no lock (make models, or make check-models, writes it)")
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ValueError(f"{path.relative_to(root)}: not valid JSON: {exc}") from exc
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise ValueError(f"{path.relative_to(root)}: not a {FORMAT} file")
    return payload


def differences(locked: dict, inputs: Inputs, models: dict[str, str]) -> list[str]:
    """What no longer matches the lock, one line each; empty when every model is the locked one and was trained
    from the inputs there are now."""
    was = locked.get("inputs", {})
    now = inputs.as_json()
    out: list[str] = []
    if was.get("code") != now["code"]:
        out.append("the code or data of pipeline/ or schemas/ changed")
    if was.get("keys") != now["keys"]:
        out.append(f"the training keys or pages changed ({was.get('pages')} pages locked, {now['pages']} now)")
    if was.get("ner_model") != now["ner_model"]:
        out.append("the NER model changed")
    libs_was, libs_now = was.get("libraries", {}), now["libraries"]
    out += [
        f"{name} {libs_was.get(name)} locked, {version} installed"
        for name, version in libs_now.items()
        if libs_was.get(name) != version
    ]
    locked_models = locked.get("models", {})
    out += [f"{MODELS_DIR / name} is not the locked file" for name in _changed(locked_models, models)]
    return out


def _changed(locked: dict[str, str], now: dict[str, str]) -> Iterable[str]:
    return [name for name in MODEL_FILES if locked.get(name) != now.get(name)]
