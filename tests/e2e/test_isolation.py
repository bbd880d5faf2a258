"""One bad document never costs the run: an exception, a time-out, a dead worker or a model that cannot be
loaded rejects that document with one line, the others are released, and nothing hangs."""

from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pipeline.runner.engines as engines
from pipeline.api import build_release
from pipeline.ingest.corpus import scan
from pipeline.nlp.annotate import MAX_PIECE, bounded_pieces
from pipeline.runner.engines import Failed, PoolEngine, plan_jobs

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "gold" / "pages"
NAMES = ("zwiazek-tytuly", "siec-miast-termin-opis", "lgd-tabela-projektow")


@pytest.fixture()
def raw(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "raw"
    folder.mkdir()
    for name in NAMES:
        shutil.copy(PAGES / f"{name}.txt", folder / f"{name}.txt")
    return folder


def _failing_on(doc_id: str, action):
    real = engines.run_job

    def run_job(job):
        if job.ref.doc_id == doc_id:
            action()
        return real(job)

    return run_job


def _boom():
    raise ValueError("a bug that only this page triggers")


def test_an_exception_rejects_that_document_only(raw, tmp_path, monkeypatch):
    monkeypatch.setattr(engines, "run_job", _failing_on("lgd-tabela-projektow", _boom))
    summary = build_release(raw, tmp_path / "out", jobs=1, cache=False)
    [line] = summary.rejected
    assert line.endswith(
        "lgd-tabela-projektow.txt: could not be processed (ValueError: a bug that only this page triggers)"
    )
    assert summary.rows["documents"] == 2


def test_a_document_over_its_time_limit_is_rejected(raw, tmp_path, monkeypatch):
    monkeypatch.setattr(engines, "run_job", _failing_on("zwiazek-tytuly", lambda: time.sleep(30)))
    started = time.perf_counter()
    summary = build_release(raw, tmp_path / "out", jobs=1, cache=False, doc_timeout=1)
    assert time.perf_counter() - started < 25
    [line] = summary.rejected
    assert line.endswith("zwiazek-tytuly.txt: processing took longer than 1 s (--doc-timeout)")
    assert summary.rows["documents"] == 2


def _jobs(raw: Path):
    todo, events = plan_jobs(scan(raw).refs, raw, {}, None)
    assert not events
    return todo


def test_a_worker_killed_mid_document_rejects_only_that_document(raw, monkeypatch):
    monkeypatch.setattr(
        engines, "run_job", _failing_on("siec-miast-termin-opis", lambda: os.kill(os.getpid(), signal.SIGKILL))
    )
    pool = PoolEngine(2, start_method="fork")
    try:
        values = list(pool.map(_jobs(raw)))
    finally:
        pool.close()
    failed = [v for v in values if isinstance(v, Failed)]
    assert [f.doc_id for f in failed] == ["siec-miast-termin-opis"]
    assert "died" in failed[0].reason
    assert sorted(v[0].doc_id for v in values if not isinstance(v, Failed)) == [
        "lgd-tabela-projektow",
        "zwiazek-tytuly",
    ]


def test_a_model_that_cannot_be_loaded_fails_every_job_without_hanging(raw, monkeypatch):
    import pipeline.nlp.annotate

    def broken(*_a, **_k):
        raise OSError("truncated model file")

    monkeypatch.setattr(pipeline.nlp.annotate, "load_nlp", broken)
    monkeypatch.setattr(engines, "_WORKER_ERROR", [])
    pool = PoolEngine(2, start_method="fork")
    started = time.perf_counter()
    try:
        values = list(pool.map(_jobs(raw)))
    finally:
        pool.close()
    assert time.perf_counter() - started < 60
    assert all(isinstance(v, Failed) and "could not be loaded" in v.reason for v in values)


def test_fifo_and_link_loops_are_rejected_up_front(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(PAGES / "zwiazek-tytuly.txt", raw / "a.txt")
    os.mkfifo(raw / "x.txt")
    (raw / "loop.txt").symlink_to(raw / "loop.txt")
    (raw / "out.txt").symlink_to(tmp_path / "elsewhere.txt")
    (tmp_path / "elsewhere.txt").write_text("Projekt (2019)\n", encoding="utf-8")
    found = scan(raw)
    assert [r.doc_id for r in found.refs] == ["a"]
    assert any(m.endswith("x.txt: not a regular file") for m in found.rejected)
    assert any(m.endswith("loop.txt: a broken or looping symbolic link") for m in found.rejected)
    assert any(m.endswith("out.txt: a symbolic link that leads out of the raw folder") for m in found.rejected)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \n."), max_size=30_000), st.integers(min_value=20, max_value=9_000))
def test_bounded_pieces_cover_the_span_in_order_and_respect_the_limit(text, limit):
    pieces = bounded_pieces(text, 0, len(text), limit)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a < b or (a == b == len(text)) for a, b in pieces)
    assert all(b - a <= limit for a, b in pieces)
    assert all(pieces[i][1] == pieces[i + 1][0] for i in range(len(pieces) - 1))


def test_a_page_that_is_one_long_paragraph_is_processed_in_pieces():
    from pipeline.nlp.annotate import find_entities

    text = ("Fundacja Rozwoju Wsi zrealizowała projekt w Gminie Nowa Wieś " * 400).strip()
    assert len(text) > 4 * MAX_PIECE
    entities = find_entities(text, [(0, len(text))])
    assert all(text[e.char_start : e.char_end] == e.text for e in entities)


def test_an_unreachable_dask_scheduler_is_one_error(raw, tmp_path):
    pytest.importorskip("dask.distributed")
    from pipeline.ingest.decode import InputError

    started = time.perf_counter()
    with pytest.raises(InputError, match=r"--scheduler tcp://127\.0\.0\.1:9: cannot connect"):
        build_release(raw, tmp_path / "out", engine="dask", scheduler="tcp://127.0.0.1:9", cache=False)
    assert time.perf_counter() - started < 120
    assert not (tmp_path / "out").exists()
