"""The streamed release stage: a corpus is built, validated and written a run of documents at a time,
and neither where the runs are cut nor the Parquet row-group size changes what is released."""

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from pandas.testing import assert_frame_equal

from pipeline.ingest.corpus import discover
from pipeline.nlp.annotate import load_nlp
from pipeline.release.stage import runs, write_streamed_release
from pipeline.release.tables import collect_tables, tables_of
from pipeline.report.html import write_report
from pipeline.resolve.forms import Forms
from pipeline.runner.document import process_document, resolve_stream
from pipeline.runner.engines import plan_jobs, run_job
from schemas.identity import default_dataset
from schemas.tables import TABLES

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "gold" / "pages"
NAMES = ("zwiazek-tytuly", "lgd-tabela-projektow", "stowarzyszenie-granty-lista", "siec-miast-termin-opis")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Per-document results and texts of four pages of other layouts, as the workers give them."""
    raw = tmp_path_factory.mktemp("streamed") / "raw"
    raw.mkdir()
    for name in NAMES:
        shutil.copy(PAGES / f"{name}.txt", raw / f"{name}.txt")
    todo, events = plan_jobs(discover(raw), raw, {}, None)
    assert not events
    done = [run_job(job) for job in todo]
    results, texts = [r for r, _t in done], {r.doc_id: t for r, t in done}
    forms = Forms()
    for r in results:
        for _pid, m, reading in r.org_pairs:
            forms.add(m, reading)
    return results, texts, resolve_stream(forms), raw


def _release(corpus, out: Path, **kw) -> Path:
    results, texts, resolution, _raw = corpus
    kw.setdefault("dataset", default_dataset("streamed", dt.date(2026, 12, 1)))
    write_streamed_release(
        results,
        texts,
        resolution,
        out,
        [],
        derived=lambda folder, report: write_report(folder, folder / "report.html", texts, report),
        **kw,
    )
    return out


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_runs_are_cut_at_whole_documents(corpus):
    results = corpus[0]
    assert [len(run) for run in runs(results, 1)] == [1, 1, 1, 1]
    assert [len(run) for run in runs(results, 10**9)] == [4]


def test_where_the_runs_are_cut_does_not_change_the_release(corpus, tmp_path):
    one_by_one = _release(corpus, tmp_path / "a", max_rows=1, row_group_rows=64)
    all_at_once = _release(corpus, tmp_path / "b", max_rows=10**9, row_group_rows=64)
    assert _files(one_by_one) == _files(all_at_once)
    mentions = pq.ParquetFile(one_by_one / "mentions.parquet")
    assert mentions.metadata.num_rows > 64
    assert {mentions.metadata.row_group(i).num_rows for i in range(mentions.num_row_groups - 1)} == {64}


def test_row_groups_hold_the_same_rows(corpus, tmp_path):
    small = _release(corpus, tmp_path / "small", max_rows=1, row_group_rows=64)
    default = _release(corpus, tmp_path / "default", max_rows=1)
    assert pq.ParquetFile(default / "mentions.parquet").num_row_groups == 1
    for name in TABLES:
        assert_frame_equal(pd.read_parquet(small / f"{name}.parquet"), pd.read_parquet(default / f"{name}.parquet"))
        assert (small / f"{name}.csv").read_bytes() == (default / f"{name}.csv").read_bytes()


def test_streamed_tables_equal_the_in_memory_build(corpus, tmp_path):
    """The release, read back, holds exactly the frames that an in-memory build of the same documents
    gives (``tables_of``: the documents processed and resolved in this process), in documents' order."""
    results, texts, resolution, raw = corpus
    nlp = load_nlp()
    from pipeline.ingest.decode import read_document

    docs = [process_document(read_document(p, raw), nlp) for p in sorted(raw.iterdir())]
    reference = tables_of(docs)
    collected = collect_tables(results, resolution)
    out = _release(corpus, tmp_path / "out", max_rows=1)
    for name in TABLES:
        released = pd.read_parquet(out / f"{name}.parquet")
        assert_frame_equal(collected[name], released)
        assert_frame_equal(reference[name], released, check_dtype=True)
    assert list(released.columns) == list(TABLES["blocks"].column_names)
    assert released["doc_id"].is_monotonic_increasing


def test_a_failed_validation_leaves_no_release(corpus, tmp_path):
    from pipeline.release.validate import ValidationFailed

    results, texts, resolution, _raw = corpus
    wrong = dict(texts)
    wrong[results[-1].doc_id] = wrong[results[-1].doc_id].upper()  # the last run's evidence no longer quotes
    with pytest.raises(ValidationFailed) as err:
        write_streamed_release(results, wrong, resolution, tmp_path / "out", [], max_rows=1)
    assert "mentions: " in err.value.report() and "evidence span(s) do not quote their text" in err.value.report()
    assert all(results[-1].doc_id in p for p in err.value.problems if "evidence" in p)
    assert list(tmp_path.iterdir()) == []
