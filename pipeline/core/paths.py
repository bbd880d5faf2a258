"""Where projekty keeps files of its own: the user's cache folder, never a folder of the installed package."""

from __future__ import annotations

import os
from pathlib import Path


def user_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/projekty``, else ``~/.cache/projekty``; read at call time, so tests can move it."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "projekty"
