"""Load the vocabularies and patterns in pipeline/data/ (data, not code)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"


@cache
def load_yaml(name: str) -> Any:
    """Parsed ``pipeline/data/<name>``; cached, so callers must not mutate it."""
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)
