"""The library call behind ``projekty evaluate``: answer keys in, the pipeline's tables and scores out.

The gold documents go through the same per-document path as ``projekty run`` (:func:`pipeline.api.process`,
then resolution and :func:`pipeline.release.tables.collect_tables`), so the scores are the release's
scores. User errors (an unknown split, a missing folder or thresholds file, a malformed key) raise
:class:`pipeline.ingest.decode.InputError`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.evaluate import score as ev
from pipeline.ingest.decode import InputError, Source

SPLITS = ("seen", "dev", "test", "all")
SPLIT_NOTES = {
    "test": "Real pages of publishers never tuned on (split by publisher; nobody reads these keys or outputs "
    "while writing rules or training). Scored when an issue is finished.",
    "dev": "Real pages of other publishers, for development: rules and models are judged here while they "
    "are written, so these scores are optimistic for new pages.",
}


@dataclass(frozen=True)
class Evaluation:
    """One split scored: the keys, the predicted tables, the scores (per page too for the real corpus),
    the Quality section's Markdown and the thresholds they were held to."""

    split: str
    golds: list[ev.GoldDocument]
    tables: dict[str, pd.DataFrame]
    scores: ev.Scores
    page: ev.Scores | None  # per-page scores of the real-page corpus (dev, test); None for seen and all
    markdown: str
    limits: dict

    def failures(self) -> list[str]:
        """The scores under their thresholds, one message each."""
        return ev.check_thresholds(self.scores, self.limits, self.page)

    def to_dict(self) -> dict:
        """The scores as JSON-ready data (``--json``)."""
        data = ev.scores_to_dict(self.scores)
        if self.page is not None:
            data["page"] = ev.scores_to_dict(self.page)
            data["kinds"] = {d.doc_id: d.kind for d in self.golds}
        return data


def ner_mode_of(ner_mode: str, no_ner: bool) -> str:
    """``--ner-mode`` with ``--no-ner`` folded in (it means ``rules``)."""
    from pipeline.runner.engines import NER_MODES

    if no_ner:
        if ner_mode not in ("both", "rules"):
            raise InputError(f"--no-ner and --ner-mode {ner_mode} contradict each other")
        ner_mode = "rules"
    if ner_mode not in NER_MODES:
        raise InputError(f"--ner-mode: {ner_mode!r} is not one of {', '.join(NER_MODES)}")
    return ner_mode


def thresholds_for(split: str, gold: Path, thresholds: Path | None) -> Path | None:
    """The thresholds file: the one given, else GOLD/thresholds.yaml for seen and
    GOLD/real/thresholds-SPLIT.yaml for dev and test (none for all)."""
    if thresholds is None and split != "all":
        thresholds = gold / "thresholds.yaml" if split == "seen" else gold / "real" / f"thresholds-{split}.yaml"
    if thresholds is not None and not thresholds.exists():
        raise InputError(f"{thresholds}: thresholds file not found")
    return thresholds


def check_split(split: str, gold: Path) -> None:
    if split not in SPLITS:
        raise InputError(f"--split: {split!r} is not one of {', '.join(SPLITS)}")
    if not gold.is_dir():
        raise InputError(f"{gold}: answer-key folder not found")


def gold_for(split: str, gold: Path, root: Path) -> list:
    """The answer keys of a split (the seen keys, or the real-page corpus's of the split's publishers)."""
    from pipeline.evaluate.realkeys import load_real

    check_split(split, gold)
    try:
        seen = ev.load_gold(gold, root) if split in ("seen", "all") else []
        real = []
        if split in ("dev", "test", "all"):
            if not (gold / "real" / "sources.csv").is_file():
                raise InputError(f"{gold / 'real'}: no real-page corpus (sources.csv) for --split {split}")
            real = load_real(gold / "real", root, ("dev", "test") if split == "all" else (split,))
    except ev.GoldFormatError as exc:
        raise InputError(str(exc)) from exc
    if not seen and not real:
        raise InputError(f"{gold}: no answer keys for --split {split}")
    return [*seen, *real]


def gold_sources(golds: list, gold: Path, root: Path) -> dict[str, Source]:
    """Who published each gold document, as ``projekty run`` reads it from sources.csv: the real-page
    corpus's ``sources.csv`` (its ``publisher``), and the ``sources.csv`` beside a seen page (``raw/``)."""
    from pipeline.evaluate.realkeys import read_sources
    from pipeline.ingest.decode import load_sources

    out: dict[str, Source] = {}
    folders = {(Path(root) / g.source_file).parent for g in golds}
    for folder in sorted(folders):
        out.update(load_sources(folder))
    if (gold / "real" / "sources.csv").is_file():
        for page in read_sources(gold / "real"):
            out[page.doc_id] = Source(page.doc_id, None, page.url or None, page.publisher or None, None, None)
    wanted = {g.doc_id for g in golds}
    return {doc_id: s for doc_id, s in out.items() if doc_id in wanted}


def predict(
    golds: list,
    root: Path,
    ner_mode: str = "both",
    progress=None,
    notify: Callable[[str, str], None] | None = None,
    sources: dict[str, Source] | None = None,
    jobs: int = 1,
) -> dict[str, pd.DataFrame]:
    """The tables the pipeline gives for the gold documents, by the release's own path (no cache).
    ``sources``: each document's row of sources.csv (its publisher), by doc_id. ``notify(kind, message)``
    hears of every document rejected; ``progress``: as for :func:`pipeline.api.process`. ``jobs``: worker
    processes (1: this process)."""
    from pipeline.api import process
    from pipeline.ingest.corpus import DocRef
    from pipeline.release.tables import collect_tables
    from pipeline.runner.document import resolve_stream
    from pipeline.runner.engines import make_engine, plan_jobs

    say = notify or (lambda kind, message: None)
    refs = [DocRef(root / g.source_file, g.source_file, g.doc_id) for g in golds]
    todo, events = plan_jobs(refs, root, sources or {}, None, ner_mode=ner_mode)
    for _kind, message in events:
        say("rejected", message)
    engine = make_engine("local", jobs, None, ner=ner_mode != "rules")
    done = process(todo, engine, None, progress, on_failed=lambda failure: say("rejected", failure.message()))
    try:
        return collect_tables(list(done.results.values()), resolve_stream(done.forms))
    finally:
        done.close()


def evaluate(
    gold: Path,
    split: str = "seen",
    root: Path = Path("."),
    ner_mode: str = "both",
    thresholds: Path | None = None,
    progress=None,
    notify: Callable[[str, str], None] | None = None,
    jobs: int = 1,
) -> Evaluation:
    """Score the pipeline on a split's answer keys (see :func:`thresholds_for` for ``thresholds``; ``jobs``:
    worker processes, which give the same tables)."""
    check_split(split, gold)
    thresholds = thresholds_for(split, gold, thresholds)
    golds = gold_for(split, gold, root)
    tables = predict(golds, root, ner_mode, progress, notify, gold_sources(golds, gold, root), jobs)
    limits = ev.load_thresholds(thresholds) if thresholds is not None else {}
    cfg = ev.MatchConfig.from_thresholds(limits)
    scores = ev.score(golds, tables, cfg)
    if split in ("dev", "test"):
        page = ev.page_scores(golds, tables, cfg)
        markdown = ev.split_markdown(f"{split} split", golds, scores, page, SPLIT_NOTES[split])
    else:
        page, markdown = None, ev.to_markdown(scores)
    return Evaluation(split, golds, tables, scores, page, markdown, limits)
