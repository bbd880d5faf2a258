"""The user's files are safe: run as a user would, with the installed console script in a subprocess.

`--out` replaces only a projekty release or an empty folder; never the raw folder, a folder of other
files or a plain file; runs on one output do not interleave; releases get ordinary permissions; every
user error is one ``error:`` line with exit 2; the dataset's identity is the user's own.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "tests" / "gold" / "pages" / "zwiazek-tytuly.txt"
SCRIPT = Path(sys.executable).with_name("projekty")
CACHE = str(Path(tempfile.gettempdir()) / "projekty-test-cache")


def projekty(*args: str, cwd: Path | None = None, umask: int | None = None) -> subprocess.CompletedProcess:
    if not SCRIPT.exists():
        pytest.skip(f"no installed console script at {SCRIPT}")
    env = {**os.environ, "XDG_CACHE_HOME": CACHE, "COLUMNS": "200"}
    pre = (lambda: os.umask(umask)) if umask is not None else None
    return subprocess.run(
        [str(SCRIPT), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300, preexec_fn=pre
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def one_error_line(result: subprocess.CompletedProcess, *words: str) -> str:
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(errors) == 1, result.stderr
    assert "Traceback" not in result.stderr and "locals" not in result.stderr
    for word in words:
        assert word in errors[0], errors[0]
    return errors[0]


@pytest.fixture()
def pages(tmp_path) -> Path:
    raw = tmp_path / "pages"
    raw.mkdir()
    shutil.copy(PAGE, raw / "strona.txt")
    (raw / "sources.csv").write_text(
        "doc_id,file,url,publisher,retrieved,license_note\n"
        "strona,strona.txt,https://example.org/p,Związek X,2026-12-01,cytat\n",
        encoding="utf-8",
    )
    return raw


def test_out_equal_to_raw_deletes_nothing(pages, tmp_path):
    before = snapshot(pages)
    one_error_line(projekty("run", "--raw", str(pages), "--out", str(pages)), "raw folder")
    assert snapshot(pages) == before


def test_out_inside_or_containing_raw_or_a_link_to_it_is_refused(pages, tmp_path):
    before = snapshot(tmp_path)
    one_error_line(projekty("run", "--raw", str(pages), "--out", str(pages / "wyniki")), "inside the raw folder")
    one_error_line(projekty("run", "--raw", str(pages), "--out", str(tmp_path)), "contains the raw folder")
    link = tmp_path / "link"
    link.symlink_to(pages)
    one_error_line(projekty("run", "--raw", str(pages), "--out", str(link)), "raw folder")
    assert snapshot(tmp_path) == before


def test_a_folder_of_other_files_or_a_file_is_never_replaced(pages, tmp_path):
    mine = tmp_path / "moje"
    mine.mkdir()
    (mine / "notatki.txt").write_text("ważne", encoding="utf-8")
    one_error_line(projekty("run", "--raw", str(pages), "--out", str(mine)), "not a projekty release")
    assert snapshot(mine) == {"notatki.txt": "ważne".encode()}
    plain = tmp_path / "plik.csv"
    plain.write_text("a,b\n", encoding="utf-8")
    one_error_line(projekty("run", "--raw", str(pages), "--out", str(plain)), "not a folder")
    assert plain.read_text(encoding="utf-8") == "a,b\n"
    one_error_line(projekty("run", "--raw", str(pages), "--out", "."), "not a projekty release")


def test_empty_folder_then_release_replaced_with_ordinary_permissions(pages, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    first = projekty("run", "--raw", str(pages), "--out", str(out), umask=0o022)
    assert first.returncode == 0, first.stderr
    assert (out.stat().st_mode & 0o777) == 0o755
    assert all((p.stat().st_mode & 0o777) == 0o644 for p in out.iterdir() if p.is_file())
    stale = tmp_path / ".out.tmp-killed"  # what a run killed before its swap leaves
    stale.mkdir()
    (stale / "projects.csv").write_text("half", encoding="utf-8")
    second = projekty("run", "--raw", str(pages), "--out", str(out), umask=0o027)
    assert second.returncode == 0, second.stderr
    assert (out.stat().st_mode & 0o777) == 0o750
    assert not stale.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []


def test_a_second_run_on_the_same_output_is_refused(pages, tmp_path):
    from pipeline.release.outdir import output_lock

    out = tmp_path / "out"
    with output_lock(out.resolve()):
        one_error_line(projekty("run", "--raw", str(pages), "--out", str(out)), "another projekty run")
    assert not out.exists()


def test_release_folders_inside_raw_are_not_ingested_and_unsupported_files_are_listed(pages, tmp_path):
    inner = pages / "stare-wyniki"
    result = projekty("run", "--raw", str(pages), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    shutil.copytree(tmp_path / "out", inner)  # a release left inside the raw folder by an older version
    (pages / "raport.pdf").write_bytes(b"%PDF-1.4")
    again = projekty("run", "--raw", str(pages), "--out", str(tmp_path / "out"))
    assert again.returncode == 0, again.stderr
    assert "skipped:" in again.stderr and "raport.pdf: unsupported file type (.pdf" in again.stderr
    assert "stare-wyniki: a projekty release folder" in again.stderr
    docs = (tmp_path / "out" / "documents.csv").read_text(encoding="utf-8")
    assert "stare-wyniki" not in docs and docs.count("\n") == 2


def test_user_errors_are_one_line_with_exit_2(tmp_path):
    one_error_line(projekty("run", "--raw", str(tmp_path), "--out", str(tmp_path / "o"), "--jobs", "-3"), "--jobs")
    one_error_line(projekty("run", "--raw", str(tmp_path / "brak"), "--out", str(tmp_path / "o")), "not found")
    one_error_line(projekty("report", "--release", str(tmp_path / "nosuch")), "nosuch", "not found")
    one_error_line(projekty("report", "--release", str(tmp_path)), "not a projekty release")
    one_error_line(
        projekty("export", "sqlite", "--release", str(tmp_path / "nosuch"), "--out", str(tmp_path / "x.db")),
        "not found",
    )
    one_error_line(projekty("evaluate", "--gold", str(tmp_path / "nosuch")), "answer-key folder not found")
    one_error_line(projekty("run", "--raw", str(tmp_path), "--out", str(tmp_path / "o"), "--engine", "spark"), "engine")
    assert not (tmp_path / "x.db").exists() and not (tmp_path / "o").exists()


def test_version_and_exit_codes_in_help():
    from importlib.metadata import version

    result = projekty("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"projekty {version('projekty')}"
    helptext = projekty("run", "--help").stdout
    for code in ("0 done", "1 internal error", "2 bad input", "3 the tables failed validation"):
        assert code in " ".join(helptext.split()), code


def test_dataset_identity_is_the_user_s(pages, tmp_path):
    out = tmp_path / "out"
    result = projekty("run", "--raw", str(pages), "--out", str(out))
    assert result.returncode == 0, result.stderr
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert package["title"] == "Projects extracted from pages" and package["name"] == "pages"
    text = json.dumps(package, ensure_ascii=False) + (out / "croissant.json").read_text(encoding="utf-8")
    text += (out / "report.html").read_text(encoding="utf-8")
    assert "Związek Miast Polskich" not in text and "Projekty zakończone" not in text
    (pages / "dataset.yaml").write_text(
        "title: Projekty gmin powiatu X\nversion: 1.0.0\nreleased: 2026-12-01\nlicense: CC0-1.0\n"
        "authors:\n  - family-names: Kowalska\n    given-names: Anna\n    orcid: 0000-0002-1825-0097\n"
        "doi: 10.5281/zenodo.123\n",
        encoding="utf-8",
    )
    again = projekty("run", "--raw", str(pages), "--out", str(out))
    assert again.returncode == 0, again.stderr
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert (package["title"], package["version"], package["licenses"][0]["name"]) == (
        "Projekty gmin powiatu X",
        "1.0.0",
        "CC0-1.0",
    )
    croissant = json.loads((out / "croissant.json").read_text(encoding="utf-8"))
    assert croissant["alternateName"] == "Projekty gmin powiatu X" and "Kowalska" in croissant["citeAs"]
    assert "<h1>Projekty gmin powiatu X</h1>" in (out / "report.html").read_text(encoding="utf-8")
    elsewhere = tmp_path / "cytowanie"
    cited = projekty("cite", "--raw", str(pages), "--out", str(elsewhere), cwd=tmp_path)
    assert cited.returncode == 0, cited.stderr
    cff = (elsewhere / "CITATION.cff").read_text(encoding="utf-8")
    assert "Kowalska" in cff and "https://orcid.org/0000-0002-1825-0097" in cff and "10.5281/zenodo.123" in cff
    (pages / "dataset.yaml").write_text("title: X\nlicence: CC0-1.0\n", encoding="utf-8")
    one_error_line(projekty("run", "--raw", str(pages), "--out", str(out)), "dataset.yaml", "unknown keys")


def test_the_library_call_returns_a_summary(pages, tmp_path, monkeypatch):
    from pipeline.api import build_release

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (pages / "notatka.docx").write_bytes(b"PK")
    summary = build_release(pages, tmp_path / "out", jobs=1)
    assert summary.rows["documents"] == 1 and summary.rows["projects"] > 0
    assert summary.complete and len(summary.skipped) == 1 and "notatka.docx" in summary.skipped[0]
    assert (tmp_path / "out" / "SHA256SUMS").exists()


def test_an_internal_bug_is_a_short_traceback_and_exit_1(pages, tmp_path, monkeypatch, capsys):
    import pipeline.api
    from pipeline import cli

    def bug(*_args, **_kwargs):
        secret = "a local variable that must never be printed"  # noqa: F841
        raise RuntimeError("something impossible happened")

    monkeypatch.setattr(pipeline.api, "build_release", bug)
    code = cli.main(["run", "--raw", str(pages), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert "internal error" in err and "RuntimeError: something impossible happened" in err
    assert "must never be printed" not in err and len(err.splitlines()) <= 6
