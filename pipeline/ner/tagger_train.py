"""Training the ORG tagger (:mod:`pipeline.ner.tagger`) from the keys of the dev split and our own pages.

Every sentence of every keyed record (:func:`pipeline.ner.project.projected_sentences` with
``keep_empty``) is one sequence; the key's organisation spans, their repeats in the record and the
optional ones are ``ORG``, everything else ``O``. The tokens and their model labels come from the
pipeline's own NLP (the same tokenizer, morfeusz component and NER the tagger sees when it runs).

The organisation acceptor weighs the tagger's spans, so it must see them as they are on pages the tagger
never saw: :func:`held_out_taggers` trains one tagger per publisher fold (the segmenter's folds) and
:mod:`pipeline.extract.orgs.acceptor_train` tags each page with the one that left its publisher out.
They are cached under ``corpus/tagger/`` by a digest of their training data (git-ignored; rebuilt when
keys, model or features change). Deterministic: the same keys, model and code give the same files.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.ner.tagger import TRAIN_PARAMS, OrgTagger, bio_labels, doc_features, raw_to_view

FOLDS = 5
# The fold taggers stop at 80 iterations (the shipped one at 150): on dev, a fold's held-out exact-span F1
# 0.627 vs 0.628 with 96 % of its sentences tagged the same, in 60 % of the time (CI trains all five cold).
FOLD_PARAMS = {**TRAIN_PARAMS, "max_iterations": 80}
CACHE = Path("corpus/tagger")


@dataclass(frozen=True)
class TagSequence:
    doc_id: str
    features: list[list[str]]
    labels: list[str]


def sequences(sources: Sequence[str] = ("seen", "dev"), root: Path | None = None, nlp=None) -> list[TagSequence]:
    """The training sequences of the keys of ``sources`` (never ``test``: :mod:`pipeline.ner.project`)."""
    from pipeline.ner.project import REPO_ROOT, gold_documents, projected_sentences
    from pipeline.nlp.annotate import annotate, load_nlp
    from pipeline.nlp.gazetteer import entity_spans, match_record
    from pipeline.text.fold import TYPOGRAPHIC, fold

    root = Path(root or REPO_ROOT)
    nlp = nlp or load_nlp()
    sents = projected_sentences(sources, root, keep_empty=True)
    texts = {g.doc_id: (root / g.source_file).read_bytes().decode("utf-8") for _src, g in gold_documents(sources, root)}
    out = []
    for s, (doc, _scores) in zip(sents, annotate(nlp, [s.text for s in sents]), strict=True):
        text = texts[s.doc_id]
        match_record(text, s.raw_start, s.raw_end)
        _view, offsets = fold(text, s.raw_start, s.raw_end, rules=TYPOGRAPHIC)
        known = raw_to_view(offsets, entity_spans(text, s.raw_start, s.raw_end))
        starts = [t.idx for t in doc]
        ends = [t.idx + len(t.text) for t in doc]
        labels = [x.replace("-K", "-ORG") for x in bio_labels(sorted({*s.orgs, *s.missing}), starts, ends, "K")]
        out.append(TagSequence(s.doc_id, doc_features(doc, known, text, offsets), labels))
    return out


def train(seqs: Sequence[TagSequence], path: Path, params: dict | None = None) -> Path:
    """A tagger trained on ``seqs``, written to ``path`` (through a temporary file: never half written)."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for s in seqs:
        if s.features:
            trainer.append(s.features, s.labels)
    trainer.set_params(params or TRAIN_PARAMS)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
    os.close(fd)
    trainer.train(tmp)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
    return path


def digest(seqs: Sequence[TagSequence], params: dict | None = None) -> str:
    """A digest of training data and parameters (what a cached tagger was trained on)."""
    h = hashlib.sha256(json.dumps(params or TRAIN_PARAMS, sort_keys=True).encode())
    for s in seqs:
        h.update(json.dumps([s.doc_id, s.features, s.labels], ensure_ascii=False).encode())
    return h.hexdigest()[:16]


def held_out_taggers(
    seqs: Sequence[TagSequence], sites: dict[str, str], folds: int = FOLDS, cache: Path = CACHE
) -> dict[int, OrgTagger]:
    """One tagger per publisher fold, trained without that fold's pages (``sites``: doc_id -> publisher's
    site; a page without one is one of our own, "seen"), cached by :func:`digest`."""
    from pipeline.segment.learned import publisher_fold

    def fold_of(doc_id: str) -> int:
        return publisher_fold(sites.get(doc_id, "seen"), folds)

    where = cache / f"folds{folds}-{digest(seqs, FOLD_PARAMS)}"
    out = {}
    for k in range(folds):
        path = where / f"fold{k}.crfsuite"
        if not path.is_file():
            train([s for s in seqs if fold_of(s.doc_id) != k], path, FOLD_PARAMS)
        out[k] = OrgTagger(path)
    return out
