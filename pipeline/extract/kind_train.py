"""Training the kind model (:mod:`pipeline.extract.kind_model`) from the answer keys.

Every amount the pipeline finds on a keyed page whose kind no label or column decided is an example (the
shipped segmenter, as the model meets it in use; the rules' kind and its cue among the features), labelled
with the kind the key gives the same amount: the key's amount of the same currency and value (within the
scorer's tolerance) whose evidence lies nearest, within ``MAX_DISTANCE`` characters. Amounts the key does not
hold, or holds without a kind or as optional, are left out. Pages: the seen keys and the dev split of the
real-page corpus, never ``test``. Deterministic: the same keys and code give the same weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipeline.core import linear
from pipeline.core.datatypes import Money
from pipeline.extract.kind_model import FORMAT, MODEL_PATH, page_amount_features

C2 = 0.3  # crfsuite L-BFGS L2 regularisation, chosen by publisher-folded cross-validation (model card)
MAX_DISTANCE = 400  # characters between an amount and the key's evidence of the same value
REL_TOL = 0.005  # the scorer's amount tolerance

Example = linear.Example  # label: the key's kind; rule: the rules' kind (the default)


def gold_kind(text: str, m: Money, gold) -> tuple[str, tuple[str, ...]] | None:
    """The kind (and the other kinds it accepts) the key gives the amount ``m``, else None."""
    best = None
    for r in gold.records:
        for a in r.amounts:
            if a.optional or not a.kind or a.currency != m.currency:
                continue
            if abs(a.value - float(m.value)) > REL_TOL * max(1.0, abs(a.value)):
                continue
            start = a.char_start if a.char_start is not None else (text.find(a.text) if a.text else -1)
            if start < 0:
                continue
            distance = abs(start - m.char_start)
            if distance <= MAX_DISTANCE and (best is None or distance < best[0]):
                best = (distance, a.kind, tuple(a.alt_kinds))
    return None if best is None else (best[1], best[2])


def page_examples(doc, nlp, publisher: str | None, gold, site: str) -> list[Example]:
    """The examples of one page (``doc``: its canonical text, as the pipeline reads it)."""
    from pipeline.runner.document import extract_document

    ex = extract_document(doc, nlp, "both", publisher, kind_model=False)
    out = []
    for v, feats in zip(ex.values, page_amount_features(doc.text, ex.values), strict=True):
        for m, f in zip(v.amounts, feats, strict=True):
            if f is None or (label := gold_kind(doc.text, m, gold)) is None:
                continue
            out.append(Example(doc.doc_id, site, f, label[0], label[1], m.kind))
    return out


def training_examples(gold_dir: Path, root: Path, splits: Sequence[str] = ("dev",)) -> list[Example]:
    """Examples of the seen keys and the real-page keys of ``splits`` (never ``test``)."""
    from pipeline.evaluate.keyed_pages import extracted_examples

    return extracted_examples(gold_dir, root, splits, "kind model", page_examples)


def fit(examples: Sequence[Example], c2: float = C2) -> dict[str, dict[str, float]]:
    """Weights per kind (:func:`pipeline.core.linear.fit`)."""
    return linear.fit(((e.features, e.label) for e in examples), c2)


def cross_validate(examples: Sequence[Example], c2: float = C2) -> dict[str, float]:
    """Accuracy on held-out publishers: the rules' kinds (the default), the model's, and always-grant."""
    return linear.cross_validate(examples, c2, "projekty-kind-cv", "grant")


def write_kind_model(weights: dict[str, dict[str, float]], meta: dict, path: Path = MODEL_PATH) -> Path:
    return linear.write_model(FORMAT, weights, meta, path)
