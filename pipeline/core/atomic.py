"""Writing a file so that readers see the old bytes or the new ones, never half of them.

One writer for the release's files and the caches' entries: a temporary file beside the target and one
rename. A release file is also flushed to the disk before the rename (``durable``); a cache entry is not (a
lost entry is a miss, and the caches write thousands of them).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def umask() -> int:
    """The process's umask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomically(path: Path, data: bytes, *, prefix: str = ".tmp-", durable: bool = False) -> Path:
    """Write ``data`` to ``path`` through a temporary file named ``prefix...`` in the same folder and one rename,
    with ordinary permissions (umask); the temporary file is removed if anything fails."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=prefix, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
