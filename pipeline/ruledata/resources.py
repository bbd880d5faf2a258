"""Load the vocabularies and patterns in pipeline/data/ (data, not code), each checked against its schema."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from pipeline.core.paths import user_cache_dir

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
FIELDS_PY = Path(__file__).resolve().parents[2] / "schemas" / "fields.py"  # closed vocabularies
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class RuleDataError(ValueError):
    """A data file that does not match its schema; the message is one line naming the file and the key."""


def load_yaml(name: str) -> Any:
    """Parsed ``pipeline/data/<name>``, checked against its schema; cached, so callers must not mutate it.

    A file is checked once per content and schema: the check leaves a marker in the user's cache folder
    (keyed by the file's bytes, the schema code and the pydantic version), and a later process that finds
    the marker skips building the pydantic models (0.1 s of every cold start and of every worker). An edited
    file, or edited schemas, have another key and are checked again.
    """
    return _load(name)


@cache
def load_rules(name: str) -> BaseModel:
    """``pipeline/data/<name>`` as its frozen schema model (:mod:`pipeline.ruledata.schemas`); cached."""
    return check(load_yaml(name), name, shown=f"pipeline/data/{name}")


@cache
def _load(name: str) -> Any:
    path = DATA_DIR / name
    raw = path.read_bytes()
    data = yaml.load(raw.decode("utf-8"), Loader=_LOADER)
    marker = _marker(name, raw)
    if marker is None or not marker.exists():
        check(data, name, shown=f"pipeline/data/{name}")
        _leave(marker)
    return data


@cache
def _schema_fingerprint() -> bytes:
    """What a check depends on besides the file: the schema code, the vocabularies it reads, pydantic."""
    from importlib.metadata import version

    h = hashlib.sha256(version("pydantic").encode())
    for path in (Path(__file__).with_name("schemas.py"), FIELDS_PY):
        h.update(path.read_bytes())
    return h.digest()


def _marker(name: str, raw: bytes) -> Path | None:
    try:
        key = hashlib.sha256(_schema_fingerprint() + name.encode() + b"\0" + raw).hexdigest()
    except OSError:  # a schema file unreadable: check every time
        return None
    return user_cache_dir() / "ruledata-checked" / key[:40]


def _leave(marker: Path | None) -> None:
    """Best effort: a cache folder that cannot be written only means checking again next time."""
    if marker is None:
        return
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        pass


def read_yaml(path: Path) -> Any:
    """The parsed YAML file at ``path``, unchecked.

    libyaml's C loader when PyYAML has it (the domain list alone takes 0.2 s with the pure-Python
    one, a tenth of a cold start).
    """
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_LOADER)


def check_file(path: Path) -> BaseModel:
    """The YAML file at ``path`` validated by the schema of the data file of the same name (a copy)."""
    return check(read_yaml(path), path.name, shown=str(path))


def check(data: Any, name: str, shown: str | None = None) -> BaseModel:
    """``data`` validated by the schema of the data file ``name``; :class:`RuleDataError` if it does not fit.

    ``shown`` is how the file is named in the error (default ``name``): a copy elsewhere can be checked
    against the schema of the file it copies.
    """
    # imported here: pydantic is only needed once a stage reads its data, not for ``projekty --help``
    from pydantic import ValidationError

    from pipeline.ruledata.schemas import SCHEMAS

    shown = shown or name
    schema = SCHEMAS.get(name)
    if schema is None:
        raise RuleDataError(f"{shown}: no schema is declared for this file in pipeline/ruledata/schemas.py")
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        raise RuleDataError(f"{shown}: {_first_error(exc)}") from None


def _first_error(exc: ValidationError) -> str:
    # an unknown key first: a misspelt key is also a missing one, and the spelling is the news
    errors = sorted(exc.errors(include_url=False), key=lambda e: e["type"] != "extra_forbidden")
    err = errors[0]
    key = _key(err["loc"])
    if err["type"] == "extra_forbidden":
        text = f"{key}: unknown key"
    elif err["type"] == "missing":
        text = f"{key}: missing required key"
    else:
        text = f"{key}: {err['msg']} (got {_short(err['input'])})"
    more = len(errors) - 1
    return text + (f" (and {more} more error{'s' if more > 1 else ''})" if more else "")


def _key(loc: tuple) -> str:
    """``("cues", 3, "scope")`` -> ``cues[3].scope``; the whole file is ``top level``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "top level"


def _short(value: Any, limit: int = 60) -> str:
    text = " ".join(repr(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
