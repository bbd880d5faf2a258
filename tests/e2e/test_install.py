"""Installed from a wheel into a fresh environment, projekty works from any folder: paths resolve against
the current folder, the model and rule data come from the package, the version from its metadata.

The fresh environment borrows the test environment's third-party packages through a ``.pth`` file
(installing spaCy and the rest again would take minutes); projekty itself comes only from the wheel.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("install")
    wheels = base / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if built.returncode != 0:
        pytest.fail(f"wheel build failed: {built.stderr[-2000:]}")
    [wheel] = wheels.glob("projekty-*.whl")
    env = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True, timeout=120)
    python = env / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(site) / "borrowed-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    installed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "--quiet",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if installed.returncode != 0:
        pytest.fail(f"install failed: {installed.stderr[-2000:]}")
    return env


def _run(env: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(env / "bin" / "projekty"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        env={"PATH": "/usr/bin:/bin", "HOME": str(cwd), "XDG_CACHE_HOME": str(cwd / "cache")},
    )


def test_the_wheel_runs_from_any_folder(venv, tmp_path):
    from importlib.metadata import version

    work = tmp_path / "somewhere"
    (work / "pages").mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "gold" / "pages" / "zwiazek-tytuly.txt", work / "pages" / "strona.txt")
    assert _run(venv, "--version", cwd=work).stdout.strip() == f"projekty {version('projekty')}"
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import pipeline; print(pipeline.__file__)"],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(venv) in where and str(ROOT) not in where, where
    result = _run(venv, "run", "--raw", "pages", "--out", "wydanie", cwd=work)
    assert result.returncode == 0, result.stderr
    assert (work / "wydanie" / "projects.parquet").exists() and (work / "wydanie" / "SHA256SUMS").exists()
    assert (work / "cache" / "projekty").is_dir()  # the cache is the user's, not in the package
    missing = _run(venv, "evaluate", cwd=work)  # no answer keys here: one line, exit 2
    assert missing.returncode == 2 and missing.stderr.startswith("error: tests/gold: answer-key folder not found")
