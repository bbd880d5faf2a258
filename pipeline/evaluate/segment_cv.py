"""Whole-pipeline cross-validation of the learned segmenter (``projekty segment cv --whole``).

Record-start F1 (``projekty segment cv``) says where records begin; this says what that does to the tables.
A start one line off can cost a title, or nothing; a headline record can take a page's dates. Every dev page
goes through the release's own path (:func:`pipeline.evaluate.run.predict`) with a segmenter trained without
its publisher (the folds of :func:`pipeline.segment.learned.publisher_fold`), and is scored as
``projekty evaluate`` scores it. The segmenter is held out, and with ``titles`` the title model too (fitted
per fold on the candidates of the other publishers' records); the acceptor, role and kind models are the
shipped ones, trained on all of dev, so organisations and amount kinds are optimistic.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pipeline.evaluate import score as ev

SEGMENTER_ENV = "PROJEKTY_SEGMENTER"
TITLES_ENV = "PROJEKTY_TITLE_MODEL"


@dataclass(frozen=True)
class FoldedScores:
    """The dev split scored fold by fold, pooled: per record and anywhere in the page, and how many pages
    with records get a record count within 0.8–1.25 of the key's (``in_range``) or none (``empty``)."""

    golds: list[ev.GoldDocument]
    scores: ev.Scores
    page: ev.Scores
    folds: int
    titles_held_out: bool = False

    def record_counts(self) -> tuple[int, int, int]:
        """(pages with records, of them in range, of them with no predicted record)."""
        keyed = in_range = empty = 0
        for doc in self.scores.documents.values():
            prf = doc.prf["projects"]
            if prf.n_gold:
                keyed += 1
                in_range += 0.8 <= prf.n_pred / prf.n_gold <= 1.25
                empty += prf.n_pred == 0
        return keyed, in_range, empty

    def to_dict(self) -> dict:
        keyed, in_range, empty = self.record_counts()
        return {
            "folds": self.folds,
            "titles_held_out": self.titles_held_out,
            "pages": len(self.golds),
            "record_counts": {"pages_with_records": keyed, "in_range": in_range, "none_predicted": empty},
            **ev.scores_to_dict(self.scores),
            "page": ev.scores_to_dict(self.page),
        }

    def markdown(self) -> str:
        keyed, in_range, empty = self.record_counts()
        titles = ", its titles chosen by a title model fitted without it" if self.titles_held_out else ""
        note = (
            f"Publisher-folded cross-validation ({self.folds} folds): each page segmented by a model trained "
            f"without its publisher{titles}. "
            f"Record counts within 0.8–1.25 of the key: {in_range} of {keyed} pages; no record: {empty}."
        )
        return ev.split_markdown("dev split, segmenter held out", self.golds, self.scores, self.page, note)


def _pooled(parts: list[ev.Scores]) -> ev.Scores:
    overall = ev.DocScores()
    documents: dict[str, ev.DocScores] = {}
    errors: list[ev.ScoreError] = []
    for part in parts:
        overall.add(part.overall)
        documents.update(part.documents)
        errors.extend(part.errors)
    return ev.Scores(overall, documents, errors)


def _with_models(paths: dict[str, str], run):
    """``run()`` with the pipeline's learned parts read from ``paths`` (switch -> file; worker processes
    inherit them), the shipped ones back afterwards."""
    from pipeline.segment.learned import load_tagger
    from pipeline.segment.titles import load_title_model

    before = {name: os.environ.get(name) for name in paths}
    os.environ.update(paths)
    load_tagger.cache_clear()
    load_title_model.cache_clear()
    try:
        return run()
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        load_tagger.cache_clear()
        load_title_model.cache_clear()


def _title_models(gold: Path, root: Path, site: dict[str, str], folds: int, tmp: Path) -> dict[int, str]:
    """A title model per fold, fitted on the records of every page but that fold's publishers (seen pages in all)."""
    from pipeline.segment.learned import publisher_fold
    from pipeline.segment.title_train import fit, training_groups, write_title_model

    groups = training_groups(gold, root)
    out = {}
    for k in range(folds):
        kept = [g for g in groups if g.doc_id not in site or publisher_fold(site[g.doc_id], folds) != k]
        out[k] = str(write_title_model(fit(kept), {"fold": k, "records": len(kept)}, tmp / f"titles{k}.json"))
    return out


def whole_pipeline_cv(
    gold: Path, root: Path, folds: int = 5, jobs: int = 1, notify=None, titles: bool = False
) -> FoldedScores:
    """Score the dev split with each page segmented by a model trained without its publisher (the seen pages
    are in every training fold, as in ``projekty segment train``); with ``titles``, its titles chosen by a
    title model fitted without it too. ``notify(message)`` hears of each fold."""
    from pipeline.evaluate.realkeys import read_sources
    from pipeline.evaluate.run import gold_for, gold_sources, predict
    from pipeline.segment.learned import publisher_fold, train, training_examples

    say = notify or (lambda message: None)
    site = {p.doc_id: p.site for p in read_sources(gold / "real") if p.split == "dev"}
    golds = gold_for("dev", gold, root)
    sources = gold_sources(golds, gold, root)
    examples = training_examples(gold, root)
    cfg = ev.MatchConfig()
    parts, pages = [], []
    with tempfile.TemporaryDirectory() as tmp:
        title_models = _title_models(gold, root, site, folds, Path(tmp)) if titles else {}
        for k in range(folds):
            held = [g for g in golds if publisher_fold(site[g.doc_id], folds) == k]
            if not held:
                continue
            model = Path(tmp) / f"fold{k}.crfsuite"
            train([e for e in examples if e.doc_id not in site or publisher_fold(site[e.doc_id], folds) != k], model)
            paths = {SEGMENTER_ENV: str(model), **({TITLES_ENV: title_models[k]} if titles else {})}
            tables = _with_models(paths, lambda held=held: predict(held, root, jobs=jobs, sources=sources))
            parts.append(ev.score(held, tables, cfg))
            pages.append(ev.page_scores(held, tables, cfg))
            say(f"fold {k + 1}/{folds}: {len(held)} pages")
    return FoldedScores(golds, _pooled(parts), _pooled(pages), folds, titles)
