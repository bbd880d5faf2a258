"""The output folder belongs to the user: what a run may replace, one run at a time, one atomic swap.

A run may replace only a folder that is a projekty release (its ``datapackage.json`` is a tabular data
package of our tables and ``SHA256SUMS`` lists it) or an empty folder; anything else, a plain file,
or a folder that is, holds or lies inside the raw folder is refused before any work is done. Runs on
the same output take a lock beside it. A release is built in a temporary folder beside the target
and swapped in with one ``renameat2(RENAME_EXCHANGE)`` (two renames where the kernel lacks it);
temporary and swapped-out folders of a killed run are removed by the next run on that output.
Files written outside a release (the report, citation files, exports) go through
:func:`atomic_write_text` / :func:`atomic_write_bytes`.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.core.atomic import umask, write_atomically
from pipeline.ingest.decode import InputError

TMP_TAG, OLD_TAG = ".tmp-", ".old-"
_RELEASE_TABLES = {"documents", "projects"}  # a projekty release has at least these resources


class OutputError(InputError):
    """The output location cannot be used; the message names it and says why."""


def is_release(folder: Path) -> bool:
    """Whether ``folder`` holds a projekty release: our data package descriptor plus SHA256SUMS
    listing it."""
    folder = Path(folder)
    try:
        descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        sums = (folder / "SHA256SUMS").read_text(encoding="utf-8")
    except (OSError, ValueError):
        return False
    if not isinstance(descriptor, dict) or descriptor.get("profile") != "tabular-data-package":
        return False
    names = {r.get("name") for r in descriptor.get("resources", []) if isinstance(r, dict)}
    listed = {line.partition("  ")[2].strip() for line in sums.splitlines()}
    return names >= _RELEASE_TABLES and "datapackage.json" in listed


def _overlaps(a: Path, b: Path) -> bool:
    return a == b or a.is_relative_to(b) or b.is_relative_to(a)


def check_output(out: Path, raw: Path | None = None) -> Path:
    """The resolved output folder, or OutputError when a run must not write there."""
    target = Path(out).resolve()
    if raw is not None:
        source = Path(raw).resolve()
        if _overlaps(target, source):
            where = "is" if target == source else "is inside" if target.is_relative_to(source) else "contains"
            raise OutputError(f"{out}: the output folder {where} the raw folder {raw}; choose another --out")
    if target.exists() or target.is_symlink():
        if not target.is_dir():
            raise OutputError(f"{out}: exists and is not a folder; choose another --out")
        if any(target.iterdir()) and not is_release(target):
            raise OutputError(
                f"{out}: folder is not empty and is not a projekty release; "
                "nothing was changed (choose an empty or new folder)"
            )
    parent = target.parent
    if parent.exists() and not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"{out}: cannot write in {parent} (permission denied)")
    return target


def check_release(folder: Path) -> Path:
    """A folder given as an existing release (``report``, ``export``), or OutputError."""
    path = Path(folder)
    if not path.is_dir():
        raise OutputError(f"{folder}: release folder not found")
    if not is_release(path):
        raise OutputError(f"{folder}: not a projekty release (no datapackage.json with SHA256SUMS)")
    return path


def _lock_path(target: Path) -> Path:
    """The lock file of an output folder: in this user's folder of the system's temporary directory,
    named by the folder's resolved path, so nothing is left in the user's own folders."""
    folder = Path(tempfile.gettempdir()) / f"projekty-locks-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    digest = hashlib.sha256(os.fsencode(target.resolve())).hexdigest()[:24]
    return folder / f"{digest}.lock"


@contextmanager
def output_lock(target: Path) -> Iterator[None]:
    """Hold the lock of one output folder; a second run on it is refused, never interleaved.

    The lock file stays (removing lock files races); the kernel drops the lock when the holder dies."""
    fd = os.open(_lock_path(target), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise OutputError(
                f"{target}: another projekty run is writing this output; try again when it has finished"
            ) from exc
        yield
    finally:
        os.close(fd)


def clean_stale(target: Path) -> list[Path]:
    """Remove the temporary and swapped-out folders that killed runs left beside ``target`` (call it
    under the output lock). Returns what was removed."""
    removed = []
    prefixes = (f".{target.name}{TMP_TAG}", f".{target.name}{OLD_TAG}")
    if target.parent.is_dir():
        for p in target.parent.iterdir():
            if p.name.startswith(prefixes) and p.is_dir() and not p.is_symlink():
                shutil.rmtree(p, ignore_errors=True)
                removed.append(p)
    return removed


def make_temp_folder(target: Path) -> Path:
    """An empty folder beside ``target`` for the next release, with ordinary permissions (umask
    respected: ``mkdtemp`` alone gives ``drwx------``)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{target.name}{TMP_TAG}", dir=target.parent))
    folder.chmod(0o777 & ~umask())
    return folder


_RENAME_EXCHANGE, _AT_FDCWD = 2, -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def swap_in(new: Path, target: Path) -> None:
    """Put the folder ``new`` at ``target`` in one atomic step; the previous release (if any) is removed
    afterwards (a kill before that leaves it under a name the next run cleans)."""
    if not target.exists():
        new.rename(target)
        return
    if _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # ``new`` now holds the previous release
        return
    old = target.with_name(f".{target.name}{OLD_TAG}{os.getpid()}")  # pragma: no cover - non-Linux
    target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Write ``path`` through a temporary file beside it, flushed to the disk, and one rename: readers see the old
    file or the new one, never half of one. Ordinary permissions (umask)."""
    path = Path(path)
    return write_atomically(path, data, prefix=f".{path.name}{TMP_TAG}", durable=True)


def atomic_write_text(path: Path, text: str) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"))
