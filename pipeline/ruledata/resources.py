"""Load the vocabularies and patterns in pipeline/data/ (data, not code)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load_yaml(name: str) -> Any:
    """Parsed ``pipeline/data/<name>``; cached, so callers must not mutate it.

    libyaml's C loader when PyYAML has it (the domain list alone takes 0.2 s with the pure-Python
    one, a tenth of a cold start).
    """
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_LOADER)
