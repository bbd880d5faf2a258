"""Train and evaluate the Polish NER model (PER / ORG / LOC) on KPWr.

Library use (what ``projekty ner train`` / ``projekty ner evaluate`` call)::

    from pipeline.ner.train import train, train_shipped, evaluate
    train_shipped("../shared/corpora/kpwr_n82", "pipeline/models/ner_pl")   # the shipped recipe
    train("../shared/corpora/kpwr_n82", "/tmp/m", projected=())             # one stage, KPWr alone
    scores = evaluate("pipeline/models/ner_pl", "../shared/corpora/kpwr_n82")

Own use::

    python -m pipeline.ner.train --corpus ../shared/corpora/kpwr_n82 --out pipeline/models/ner_pl
    python -m pipeline.ner.train --corpus ... --projected none     # KPWr alone (the E1-E13 runs)
    python -m pipeline.ner.train --evaluate --corpus ../shared/corpora/kpwr_n82 [--model DIR]

By default the training set also holds the ORG spans of the answer keys (``seen`` pages and the
real-page corpus's ``dev`` split, never its ``test`` split) projected onto their pages as sentences,
each repeated ``projected_repeat`` times (:mod:`pipeline.ner.project`); ``projected=()`` trains on
KPWr alone. The KPWr dev set (checkpoint selection) and test set stay KPWr only.

Converted DocBins and spaCy's training output go to ``corpus/ner/`` (git-ignored) unless
``work_dir`` is given; the corpus is never written into tracked paths.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from pipeline.ner import (
    GAZETTEER_PIPE,
    components,  # noqa: F401  (registers the morfeusz_features factory)
)
from pipeline.ner.convert import convert, load_mapping, read_kpwr
from pipeline.nlp.gazetteer import add_gazetteer

REPO_ROOT = Path(__file__).resolve().parents[2]
CONFIG_PATH = Path(__file__).resolve().parent / "config.cfg"
DEFAULT_MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "ner_pl"
DEFAULT_WORK_DIR = REPO_ROOT / "corpus" / "ner"
CORE_LABELS = ("PER", "ORG", "LOC")
PROJECTED_SOURCES = ("seen", "dev")  # answer keys whose ORG spans join the training set (never "test")
PROJECTED_REPEAT = 3  # each projected sentence is added this many times (KPWr train: ~16 700 Docs)
# Stage 2 of the shipped model: the KPWr model's weights trained on, with the projected sentences, for a
# fixed number of steps at a lower learning rate; the last step is kept (KPWr dev F1 cannot see the pages).
FINE_TUNE = {"training.max_steps": 1500, "training.optimizer.learn_rate": 0.0003}


def convert_corpus(
    corpus_dir: str | Path,
    out_dir: str | Path,
    *,
    dev_fraction: float = 0.1,
    max_window: int = 5,
    also_singles: bool = True,
    keep_labels: Iterable[str] | None = None,
    seed: int = 42,
    fold_dev: bool = False,
    projected: Iterable[str] = (),
    projected_repeat: int = PROJECTED_REPEAT,
    stats: dict | None = None,
) -> dict[str, Path]:
    """Convert KPWr ``train.txt``/``test.txt`` in ``corpus_dir`` to ``out_dir/{train,dev,test}.spacy``.

    * dev = ``dev_fraction`` of the training sentences, in blocks of 50 consecutive sentences,
      chosen with ``seed``; test = KPWr ``test.txt`` (single sentences);
    * train Docs are windows of 1..``max_window`` consecutive sentences (``also_singles`` adds
      each sentence again on its own);
    * labels: ``pipeline/data/kpwr_labels.yaml``; ``keep_labels`` overrides its ``keep_labels``;
    * ``projected`` (``seen``, ``dev``): answer keys whose ORG spans are projected onto their pages
      (:mod:`pipeline.ner.project`) and added to train, each sentence ``projected_repeat`` times;
      their counts go into ``stats`` when a dict is given.

    ``out_dir`` must be outside tracked paths (``corpus/`` is git-ignored, or ``/tmp``).
    """
    extra = []
    projected = tuple(projected)
    if projected:
        import spacy

        from pipeline.ner.project import ProjectionStats, projected_sentences, to_docs

        st = ProjectionStats()
        docs = to_docs(spacy.blank("pl").vocab, projected_sentences(projected, REPO_ROOT, st), st)
        extra = [d for d in docs for _ in range(max(0, projected_repeat))]
        if stats is not None:
            stats.update(
                st.as_dict(),
                docs=len(docs),
                org_spans=sum(len(d.ents) for d in docs),
                repeat=projected_repeat,
                sources=list(projected),
            )
    return convert(
        corpus_dir,
        out_dir,
        dev_fraction=dev_fraction,
        max_window=max_window,
        also_singles=also_singles,
        keep_labels=keep_labels,
        seed=seed,
        fold_dev=fold_dev,
        extra_train=extra,
    )


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def train(
    corpus_dir: str | Path,
    model_dir: str | Path = DEFAULT_MODEL_DIR,
    *,
    config_path: str | Path = CONFIG_PATH,
    work_dir: str | Path | None = None,
    overrides: dict[str, object] | None = None,
    max_window: int = 5,
    also_singles: bool = True,
    keep_labels: Iterable[str] | None = None,
    seed: int = 42,
    fold_dev: bool = False,
    evaluate_after: bool = True,
    projected: Iterable[str] = PROJECTED_SOURCES,
    projected_repeat: int = PROJECTED_REPEAT,
    init_model: str | Path | None = None,
    keep_last: bool = False,
) -> dict:
    """Convert the corpus, train with ``config_path`` and save the best model to ``model_dir``.

    ``overrides`` are spaCy config overrides (``{"training.max_steps": 4000}``). The model is
    saved with ``nlp.to_disk`` (no optimizer state, no vectors). Returns a summary dict with the
    training time, model size and - if ``evaluate_after`` - the test scores of :func:`evaluate`;
    the summary is also stored in the model's ``meta.json`` under ``"projekty"``.

    ``init_model``: continue training the ``tok2vec`` and ``ner`` weights of that pipeline (spaCy
    ``source``) instead of starting from random ones; ``keep_last`` saves the last step's model
    instead of the best by KPWr dev F1 (which cannot see what the projected page data teaches).
    """
    import spacy
    from spacy.cli.train import train as spacy_train

    corpus_dir, model_dir = Path(corpus_dir), Path(model_dir)
    work_dir = Path(work_dir) if work_dir is not None else DEFAULT_WORK_DIR
    data_dir, out_dir = work_dir / "data", work_dir / "output"
    projection: dict = {}
    paths = convert_corpus(
        corpus_dir,
        data_dir,
        max_window=max_window,
        also_singles=also_singles,
        keep_labels=keep_labels,
        seed=seed,
        fold_dev=fold_dev,
        projected=projected,
        projected_repeat=projected_repeat,
        stats=projection,
    )
    ov: dict[str, object] = {
        "paths.train": str(paths["train"]),
        "paths.dev": str(paths["dev"]),
        "system.seed": seed,
    }
    ov.update(overrides or {})
    if out_dir.exists():
        shutil.rmtree(out_dir)
    if init_model is not None:
        config_path = _sourced_config(Path(config_path), Path(init_model), work_dir)
    t0 = time.time()
    stopped_by = "max_steps/patience"
    try:
        spacy_train(Path(config_path), out_dir, use_gpu=-1, overrides=ov)
    except components.TimeBudgetExceeded as exc:
        stopped_by = str(exc)
    train_seconds = time.time() - t0

    # With dev folded into train, dev F1 cannot pick a checkpoint: keep the last one.
    nlp = spacy.load(out_dir / ("model-last" if fold_dev or keep_last else "model-best"))
    summary: dict = {
        "train_seconds": round(train_seconds, 1),
        "stopped_by": stopped_by,
        "corpus": "KPWr n82 (CLARIN-PL, CC BY 3.0)",
        "label_mapping": "pipeline/data/kpwr_labels.yaml",
        "max_window": max_window,
        "also_singles": also_singles,
        "seed": seed,
        "fold_dev": fold_dev,
        "projected": projection or None,
        "init_model": None if init_model is None else str(init_model),
        "keep_last": keep_last,
        "overrides": {k: v for k, v in ov.items() if not k.startswith("paths.")},
    }
    nlp.meta["projekty"] = summary
    add_gazetteer(nlp)  # the domain-list ruler is saved with the model
    if model_dir.exists():
        shutil.rmtree(model_dir)
    nlp.to_disk(model_dir)
    summary["model_bytes"] = _dir_size(model_dir)
    if evaluate_after:
        summary["test"] = evaluate(model_dir, corpus_dir)
        nlp.meta["projekty"] = summary
        nlp.to_disk(model_dir)  # rewrite meta with scores
    return summary


def train_shipped(
    corpus_dir: str | Path,
    model_dir: str | Path = DEFAULT_MODEL_DIR,
    *,
    work_dir: str | Path | None = None,
    init_model: str | Path | None = None,
    projected: Iterable[str] = PROJECTED_SOURCES,
    projected_repeat: int = PROJECTED_REPEAT,
) -> dict:
    """The recipe of the shipped model (``projekty ner train``), see pipeline/models/MODEL_CARD.md:

    1. KPWr alone with ``config.cfg`` (E11: model-best by KPWr dev F1), into ``work_dir/stage1``;
       skipped when ``init_model`` is given (a model made by stage 1, e.g. the E11 model of git history);
    2. that model's weights trained on KPWr + the projected key sentences (``projected``, each
       ``projected_repeat`` times) for :data:`FINE_TUNE` steps, the last step kept, into ``model_dir``.

    Deterministic on CPU for the fixed seed. Returns stage 2's summary (with stage 1's under ``"stage1"``).
    """
    work = Path(work_dir) if work_dir is not None else DEFAULT_WORK_DIR
    stage1 = None
    if init_model is None:
        init_model = work / "stage1" / "model"
        stage1 = train(corpus_dir, init_model, work_dir=work / "stage1", projected=(), evaluate_after=False)
    summary = train(
        corpus_dir,
        model_dir,
        work_dir=work / "stage2",
        overrides=dict(FINE_TUNE),
        projected=projected,
        projected_repeat=projected_repeat,
        init_model=init_model,
        keep_last=True,
    )
    if stage1 is not None:
        summary["stage1"] = stage1
    return summary


def _sourced_config(config_path: Path, init_model: Path, work_dir: Path) -> Path:
    """``config_path`` with ``tok2vec`` and ``ner`` sourced from ``init_model`` (their trained weights),
    written next to the training output."""
    from spacy.util import load_config

    config = load_config(config_path)
    for name in ("tok2vec", "ner"):
        config["components"][name] = {"source": str(Path(init_model).resolve())}
    path = work_dir / "config-sourced.cfg"
    path.parent.mkdir(parents=True, exist_ok=True)
    config.to_disk(path)
    return path


def _spans(labels: list[str]) -> set[tuple[int, int, str]]:
    spans: set[tuple[int, int, str]] = set()
    current: tuple[int, str] | None = None  # the open entity: its first token and its label
    for i, lab in enumerate([*labels, "O"]):
        cur = current[1] if current is not None else None
        if lab == "O" or lab.startswith("B-") or (lab.startswith("I-") and lab[2:] != cur):
            if current is not None:
                spans.add((current[0], i, current[1]))
            current = (i, lab[2:]) if lab != "O" else None
    return spans


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def evaluate(
    model_dir: str | Path = DEFAULT_MODEL_DIR,
    corpus_dir: str | Path = "",
    *,
    split: str = "test",
    keep_labels: Iterable[str] | None = None,
    window: int = 1,
) -> dict:
    """Exact-span P/R/F1 of the model on KPWr ``{split}.txt`` (gold tokenisation, one sentence per Doc).

    ``window`` > 1 joins that many consecutive sentences into one Doc (paragraph-like input,
    where sentence-initial capitalised words are not at the start of the Doc).

    Gold labels are mapped with ``pipeline/data/kpwr_labels.yaml``; ``keep_labels`` defaults to
    the model's own NER labels. Returns::

        {"per_label": {"PER": {"p", "r", "f", "tp", "fp", "fn"}, ...},
         "micro": {...},                # over all labels of the model
         "micro_core": {...},           # over PER/ORG/LOC only (same as micro without MISC)
         "n_sentences": int, "seconds": float}
    """
    import spacy
    from spacy.pipeline import Pipe

    from pipeline.ner.convert import coarse_bio, make_doc

    t0 = time.time()
    nlp = spacy.load(model_dir, exclude=[GAZETTEER_PIPE])
    ner = nlp.get_pipe("ner")
    assert isinstance(ner, Pipe), "the ner component is spaCy's EntityRecognizer, a Pipe with labels"
    model_labels = list(ner.labels)
    mapping = load_mapping(keep_labels=keep_labels if keep_labels is not None else model_labels)
    sentences = read_kpwr(Path(corpus_dir) / f"{split}.txt")
    counts = {lab: [0, 0, 0] for lab in sorted(mapping.keep_labels)}
    groups = [sentences[i : i + window] for i in range(0, len(sentences), max(1, window))]
    docs = (make_doc(nlp.vocab, g, mapping, with_ents=False) for g in groups)
    for g, doc in zip(groups, nlp.pipe(docs, batch_size=256), strict=True):
        gold = _spans([lab for s in g for lab in coarse_bio(s.labels, mapping)])
        pred = {(e.start, e.end, e.label_) for e in doc.ents if e.label_ in counts}
        for lab, c in counts.items():
            gold_lab = {x for x in gold if x[2] == lab}
            pred_lab = {x for x in pred if x[2] == lab}
            c[0] += len(gold_lab & pred_lab)
            c[1] += len(pred_lab - gold_lab)
            c[2] += len(gold_lab - pred_lab)
    per_label = {lab: _prf(*c) for lab, c in counts.items()}
    tot = [sum(c[i] for c in counts.values()) for i in range(3)]
    core = [sum(c[i] for lab, c in counts.items() if lab in CORE_LABELS) for i in range(3)]
    return {
        "per_label": per_label,
        "micro": _prf(*tot),
        "micro_core": _prf(*core),
        "n_sentences": len(sentences),
        "window": window,
        "seconds": round(time.time() - t0, 1),
    }


def format_scores(scores: dict) -> str:
    """Per-label and micro precision, recall and F1 as a fixed-width table for the console."""
    rows = [f"{'label':<8}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}"]
    for lab, s in [*scores["per_label"].items(), ("micro", scores["micro"])]:
        rows.append(f"{lab:<8}{s['p']:>8.3f}{s['r']:>8.3f}{s['f']:>8.3f}{s['tp'] + s['fn']:>7}")
    return "\n".join(rows)


def parse_projected(value: str) -> tuple[str, ...]:
    """``seen,dev`` -> ("seen", "dev"); ``none`` or "" -> (); anything else (``test``) is refused."""
    from pipeline.ner.project import SOURCES

    parts = tuple(p.strip() for p in value.split(",") if p.strip() and p.strip() != "none")
    bad = [p for p in parts if p not in SOURCES]
    if bad:
        raise ValueError(f"--projected: {', '.join(bad)} not among {', '.join(SOURCES)} (never the test split)")
    return parts


def _parse_override(items: list[str]) -> dict[str, object]:
    out: dict[str, object] = {}
    for item in items:
        key, _, val = item.partition("=")
        try:
            out[key] = json.loads(val)
        except json.JSONDecodeError:
            out[key] = val
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.ner.train", description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", required=True, help="KPWr directory with train.txt / test.txt")
    ap.add_argument("--out", "--model", dest="model", default=str(DEFAULT_MODEL_DIR), help="model directory")
    ap.add_argument("--evaluate", action="store_true", help="only evaluate --model on the test split")
    ap.add_argument("--split", default="test")
    ap.add_argument("--window", type=int, default=1, help="evaluate on Docs of N consecutive sentences")
    ap.add_argument("--work", default=None, help="work dir for DocBins/training output (git-ignored)")
    ap.add_argument("--config", default=str(CONFIG_PATH))
    ap.add_argument("--max-window", type=int, default=5)
    ap.add_argument(
        "--no-singles",
        dest="also_singles",
        action="store_false",
        help="train on windows only (default: windows + every sentence alone)",
    )
    ap.add_argument("--keep-labels", default=None, help="comma separated, e.g. PER,ORG,LOC,MISC")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument(
        "--fold-dev", action="store_true", help="train on train+dev; keeps model-last (set training.max_steps)"
    )
    ap.add_argument(
        "--projected",
        default=",".join(PROJECTED_SOURCES),
        help="answer keys whose ORG spans join the training set: seen,dev (default), seen, dev or none (never test)",
    )
    ap.add_argument(
        "--projected-repeat", type=int, default=PROJECTED_REPEAT, help="times each projected sentence is added"
    )
    ap.add_argument(
        "--init-model", default=None, help="continue training the tok2vec and ner weights of this model (spaCy source)"
    )
    ap.add_argument(
        "--keep-last",
        action="store_true",
        help="save the last step's model, not the best by KPWr dev F1 (set training.max_steps)",
    )
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="spaCy config override")
    args = ap.parse_args(argv)
    keep = args.keep_labels.split(",") if args.keep_labels else None
    if args.evaluate:
        scores = evaluate(args.model, args.corpus, split=args.split, keep_labels=keep, window=args.window)
        print(format_scores(scores))
        print(json.dumps(scores))
        return 0
    summary = train(
        args.corpus,
        args.model,
        config_path=args.config,
        work_dir=args.work,
        overrides=_parse_override(args.set),
        max_window=args.max_window,
        also_singles=args.also_singles,
        keep_labels=keep,
        seed=args.seed,
        fold_dev=args.fold_dev,
        projected=parse_projected(args.projected),
        projected_repeat=args.projected_repeat,
        init_model=args.init_model,
        keep_last=args.keep_last,
    )
    if "test" in summary:
        print(format_scores(summary["test"]))
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
