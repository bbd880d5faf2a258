"""Faults, tested like a database: an I/O error at every write step, a kill at every step of the release
stage, a full or read-only file system and two racing runs all leave the previous release whole, and no
temporary folder outlives the next run."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import pipeline.api
import pipeline.release.emit
from pipeline.api import build_release
from pipeline.release.export import verify_release
from pipeline.release.outdir import OutputError

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "tests" / "gold" / "pages" / "zwiazek-tytuly.txt"
SCRIPT = Path(sys.executable).with_name("projekty")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


@pytest.fixture()
def corpus(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(PAGE, raw / "strona.txt")
    out = tmp_path / "site" / "out"
    build_release(raw, out, jobs=1)
    (raw / "strona.txt").write_text(PAGE.read_text(encoding="utf-8") + "\nNowy projekt (2024)\n", encoding="utf-8")
    return raw, out, snapshot(out)


def _disk_full(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


class _FailAt:
    """Counts the calls of a function; ``wrapper`` calls it, except the ``at``-th call, which fails as a
    full disk would (a plain function, so it binds as a method where it replaces one)."""

    def __init__(self, func, at: int):
        self.calls = 0

        def wrapper(*args, **kwargs):
            self.calls += 1
            if self.calls == at:
                _disk_full()
            return func(*args, **kwargs)

        self.wrapper = wrapper


STEPS = [
    (pipeline.release.emit._TableFile, "write"),
    (pipeline.release.emit._TableFile, "close"),
    (pipeline.release.emit, "datapackage"),
    (pipeline.api, "_derived"),
    (pipeline.release.emit, "write_checksums"),
    (pipeline.release.emit, "swap_in"),
]


def test_an_io_error_at_every_write_step_keeps_the_previous_release(corpus, monkeypatch):
    raw, out, before = corpus
    for owner, name in STEPS:
        counter = _FailAt(getattr(owner, name), at=10**9)
        with monkeypatch.context() as m:
            m.setattr(owner, name, counter.wrapper)
            build_release(raw, out.with_name("probe"), jobs=1)  # how often the step runs in a whole release
        shutil.rmtree(out.with_name("probe"))
        for at in range(1, counter.calls + 1):
            with monkeypatch.context() as m:
                m.setattr(owner, name, _FailAt(getattr(owner, name), at).wrapper)
                with pytest.raises(OutputError, match="the disk is full; nothing was written"):
                    build_release(raw, out, jobs=1)
            assert snapshot(out) == before, f"{name} #{at}"
            assert leftovers(out) == [], f"{name} #{at}"
    build_release(raw, out, jobs=1)
    assert snapshot(out) != before
    verify_release(out)


KILL = r"""
import os, signal, sys
import pipeline.release.emit as emit, pipeline.release.outdir as outdir
def kill(*a, **k):
    os.kill(os.getpid(), signal.SIGKILL)
step = sys.argv[3]
if step == "tables":
    emit._TableFile.write = kill
elif step == "checksums":
    emit.write_checksums = kill
elif step == "swap":
    emit.swap_in = kill
elif step == "after-exchange":
    outdir.shutil.rmtree = kill  # the new release is in place, the old one not yet removed
from pipeline.api import build_release
build_release(sys.argv[1], sys.argv[2], jobs=1)
"""


@pytest.mark.parametrize("step", ["tables", "checksums", "swap", "after-exchange"])
def test_a_kill_at_any_step_leaves_a_whole_release(corpus, step, tmp_path):
    raw, out, before = corpus
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    killed = subprocess.run(
        [sys.executable, "-c", KILL, str(raw), str(out), step], env=env, timeout=300, capture_output=True
    )
    assert killed.returncode == -9, killed.stderr[-500:]
    verify_release(out)  # whole: the previous release, or (after the exchange) the new one
    if step != "after-exchange":
        assert snapshot(out) == before
    build_release(raw, out, jobs=1)  # the next run cleans what the killed one left
    assert leftovers(out) == []
    verify_release(out)


def _mount(size: str, where: Path, options: str = "") -> bool:
    where.mkdir(parents=True, exist_ok=True)
    opts = f"size={size}" + (f",{options}" if options else "")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(where)], capture_output=True)
    return mounted.returncode == 0


@pytest.fixture()
def small_fs(tmp_path):
    where = Path(tempfile.mkdtemp(prefix="projekty-fs-"))
    if os.geteuid() != 0 or not _mount("6m", where):
        where.rmdir()
        pytest.skip("cannot mount a small file system here")
    yield where
    subprocess.run(["umount", "-l", str(where)], check=False)
    where.rmdir()  # the mount point is ours: nothing is left in the system's temporary folder


def test_a_full_disk_ends_with_one_line_and_keeps_the_release(corpus, small_fs):
    raw, _out, _before = corpus
    out = small_fs / "out"
    build_release(raw, out, jobs=1)
    before = snapshot(out)
    filler = small_fs / "filler"
    with filler.open("wb") as fh:  # fill the disk, leaving a few kilobytes
        try:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        except OSError:
            pass
    with pytest.raises(OutputError, match="the disk is full"):
        build_release(raw, out, jobs=1)
    assert snapshot(out) == before and leftovers(out) == []


def test_a_read_only_output_is_refused_before_processing(corpus, small_fs):
    raw, _out, _before = corpus
    out = small_fs / "out"
    build_release(raw, out, jobs=1)
    before = snapshot(out)
    assert subprocess.run(["mount", "-o", "remount,ro", str(small_fs)], capture_output=True).returncode == 0
    result = subprocess.run(
        [str(SCRIPT), "run", "--raw", str(raw), "--out", str(out)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and "cannot write" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(out) == before


def test_two_runs_racing_never_interleave(corpus):
    raw, out, _before = corpus
    env = {**os.environ}
    runs = [
        subprocess.Popen(
            [str(SCRIPT), "run", "--raw", str(raw), "--out", str(out), "--jobs", "1"],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in runs]
    codes = sorted(code for code, _ in results)
    assert codes in ([0, 0], [0, 2]), results
    if codes == [0, 2]:
        assert any("another projekty run is writing this output" in err for _, err in results)
    verify_release(out)
    assert leftovers(out) == []
