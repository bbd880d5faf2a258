"""``--no-ner`` (rules alone: the NER model is never loaded) and the ``--ner-mode`` ablation of ``evaluate``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import pipeline.ner
import pipeline.nlp.annotate
from pipeline.core.datatypes import Document

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def no_model(monkeypatch):
    """Loading the model in any way fails the test."""

    def broken(*_a, **_k):
        raise AssertionError("the NER model was loaded")

    broken.cache_clear = lambda: None  # release_nlp() clears the caches
    monkeypatch.setattr(pipeline.nlp.annotate, "load_nlp", broken)
    monkeypatch.setattr(pipeline.ner, "load_model", broken)
    return broken


TEXT = "PROJEKTY\n\nSzkolenia dla sołtysów (2019)\n\nSzkolenia prowadziła Fundacja Wspólna Droga, a wsparł je ZMP.\n"


def test_rules_mode_never_touches_the_model(no_model):
    from pipeline.runner.document import extract_document

    res = extract_document(Document("t", "t.txt", TEXT, "0" * 64, "utf-8"), None, ner_mode="rules")
    names = [(m.text, m.source) for v in res.values for m in v.orgs]
    assert ("Fundacja Wspólna Droga", "rule") in names and ("ZMP", "gazetteer") in names
    assert all(source != "model" for _n, source in names)


def test_build_release_without_ner_loads_no_model(no_model, tmp_path):
    from pipeline.api import build_release

    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "raw", raw)
    summary = build_release(raw, tmp_path / "out", jobs=1, cache=False, ner=False, root=tmp_path)
    assert not summary.rejected
    assert summary.rows["projects"] > 0 and summary.rows["organisations"] > 0


def test_the_mode_reaches_the_jobs_and_their_cache_keys(tmp_path):
    from pipeline.ingest.corpus import DocRef
    from pipeline.runner.cache import ResultCache
    from pipeline.runner.engines import PoolEngine, make_engine, plan_jobs

    ref = DocRef(
        ROOT / "raw" / "zmp-projekty-zakonczone.txt", "raw/zmp-projekty-zakonczone.txt", "zmp-projekty-zakonczone"
    )
    store = ResultCache(tmp_path, pipeline="p", model="m")
    keys = {}
    for mode in ("both", "rules", "model"):
        (job,), _events = plan_jobs([ref], ROOT, {}, store, ner_mode=mode)
        assert job.ner_mode == mode
        keys[mode] = job.key
    assert len(set(keys.values())) == 3  # a result of one mode is never served for another
    with pytest.raises(ValueError):
        plan_jobs([ref], ROOT, {}, None, ner_mode="none")
    pool = make_engine("local", 2, None, ner=False)
    assert isinstance(pool, PoolEngine) and pool.load_model is False


@pytest.mark.parametrize("args", [["--ner-mode", "nothing"], ["--no-ner", "--ner-mode", "model"]])
def test_evaluate_refuses_unknown_or_contradicting_modes(args, no_model):
    from pipeline.cli import main

    assert main(["evaluate", *args]) == 2  # a user error, before any page is read
