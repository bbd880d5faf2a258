"""The Dask engine writes the same release as the local engine, byte for byte."""

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import cli

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "gold" / "pages"
runner = CliRunner()


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_dask_local_cluster_matches_local_engine(tmp_path):
    raw = tmp_path / "raw"
    (raw / "nested").mkdir(parents=True)
    for name in ("zwiazek-tytuly", "siec-miast-termin-opis", "fundacja-projekty-pola"):
        shutil.copy(PAGES / f"{name}.txt", raw / f"{name}.txt")
    shutil.copy(PAGES / "lgd-tabela-projektow.txt", raw / "nested" / "lgd.txt")
    local, dask = tmp_path / "local", tmp_path / "dask"
    result = runner.invoke(cli.app, ["run", "--raw", str(raw), "--out", str(local), "--no-cache"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        cli.app, ["run", "--raw", str(raw), "--out", str(dask), "--no-cache", "--engine", "dask", "--jobs", "2"]
    )
    assert result.exit_code == 0, result.output
    assert _files(dask) == _files(local)


def test_dask_engine_runs_on_worker_processes():
    """Two worker processes, each loading the model once: results come back in job order."""
    from pipeline.ingest.corpus import discover
    from pipeline.runner.engines import DaskEngine, Job

    jobs = [Job(ref, str(ROOT), None) for ref in discover(PAGES)][:4]
    engine = DaskEngine(jobs=2)
    try:
        got = [res.doc_id for res, _text in engine.map(jobs)]
        workers = engine._client.scheduler_info()["workers"]
        pids = engine._client.run(lambda: __import__("os").getpid())
    finally:
        engine.close()
    assert got == [j.ref.doc_id for j in jobs]
    assert len(workers) == 2 and len(set(pids.values())) == 2
