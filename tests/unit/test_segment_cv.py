"""The whole-pipeline cross-validation of the segmenter: each dev page is segmented by a model that never saw
its publisher, every page is scored once, and the pipeline's own segmenter is back afterwards."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from pipeline.evaluate import run as evaluate_run
from pipeline.evaluate import segment_cv
from pipeline.segment import learned

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "gold" / "real"
PAGES = [  # four small dev pages of four publishers, two in each of two folds, each with titles to learn (copied)
    "246-gck-gorlice-interreg-pl-sk-hertnik",
    "powiat-krakowski-powiat-bez-smogu",
    "331-gmina-msciwojow-dotacja-grzegorzow-2019",
    "309-aktywnalubelszczyzna-kgw-mokrelipie",
]


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    real = tmp_path / "real"
    (real / "keys").mkdir(parents=True)
    (real / "pages").mkdir()
    with (REAL / "sources.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = [r for r in reader if r["doc_id"] in PAGES]
        fields = reader.fieldnames
    assert len(rows) == len(PAGES) and {r["split"] for r in rows} == {"dev"}
    with (real / "sources.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fields)
        writer.writeheader()
        writer.writerows(rows)
    for doc_id in PAGES:
        for folder, ext in (("keys", "json"), ("pages", "txt")):
            (real / folder / f"{doc_id}.{ext}").write_bytes((REAL / folder / f"{doc_id}.{ext}").read_bytes())
    return tmp_path


def test_each_page_is_segmented_by_a_model_that_never_saw_its_publisher(gold, monkeypatch):
    site = {r["doc_id"]: r["site"] for r in csv.DictReader((gold / "real" / "sources.csv").open(encoding="utf-8"))}
    trained, used = {}, []
    real_train, real_predict = learned.train, evaluate_run.predict

    def spy_train(examples, path):
        trained[str(path)] = {e.doc_id for e in examples}
        return real_train(examples, path)

    def spy_predict(golds, root, **kw):
        used.append((os.environ["PROJEKTY_SEGMENTER"], [g.doc_id for g in golds]))
        return real_predict(golds, root, **kw)

    monkeypatch.setattr(learned, "train", spy_train)
    monkeypatch.setattr(evaluate_run, "predict", spy_predict)
    monkeypatch.delenv("PROJEKTY_SEGMENTER", raising=False)
    result = segment_cv.whole_pipeline_cv(gold, gold, folds=2)

    assert sorted(d for _, ids in used for d in ids) == sorted(PAGES)  # every page predicted once
    for model, ids in used:
        assert model in trained
        assert not {site[d] for d in ids} & {site.get(d) for d in trained[model]}
    assert "PROJEKTY_SEGMENTER" not in os.environ  # the shipped segmenter is back
    assert sorted(result.scores.documents) == sorted(PAGES) == sorted(result.page.documents)
    keyed, in_range, empty = result.record_counts()
    gold_records = {d: s.prf["projects"].n_gold for d, s in result.scores.documents.items()}
    assert keyed == sum(1 for n in gold_records.values() if n) == len(PAGES)
    assert 0 <= empty <= in_range + empty <= keyed
    pooled = result.scores.overall.prf["amounts"]
    assert pooled.n_gold == sum(s.prf["amounts"].n_gold for s in result.scores.documents.values()) > 0
    counts = {"pages_with_records": keyed, "in_range": in_range, "none_predicted": empty}
    assert result.to_dict()["record_counts"] == counts
    assert f"{in_range} of {keyed} pages" in result.markdown()


def test_with_titles_each_page_is_titled_by_a_model_fitted_without_its_publisher(gold, monkeypatch):
    from pipeline.segment import title_train

    site = {r["doc_id"]: r["site"] for r in csv.DictReader((gold / "real" / "sources.csv").open(encoding="utf-8"))}
    fitted, used, real_fit, real_predict = [], [], title_train.fit, evaluate_run.predict

    def spy_fit(groups, *args):
        fitted.append({g.doc_id for g in groups})
        return real_fit(groups, *args)

    def spy_predict(golds, root, **kw):
        fold = int(Path(os.environ["PROJEKTY_TITLE_MODEL"]).stem.removeprefix("titles"))
        used.append((fold, [g.doc_id for g in golds]))
        return real_predict(golds, root, **kw)

    monkeypatch.setattr(title_train, "fit", spy_fit)
    monkeypatch.setattr(evaluate_run, "predict", spy_predict)
    monkeypatch.delenv("PROJEKTY_TITLE_MODEL", raising=False)
    result = segment_cv.whole_pipeline_cv(gold, gold, folds=2, titles=True)

    assert len(fitted) == 2 and all(fitted) and sorted(d for _, ids in used for d in ids) == sorted(PAGES)
    for fold, ids in used:
        assert not {site[d] for d in ids} & {site[d] for d in fitted[fold]}
    assert "PROJEKTY_TITLE_MODEL" not in os.environ
    assert result.titles_held_out and "title model fitted without it" in result.markdown()
