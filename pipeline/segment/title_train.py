"""Training the title model (:mod:`pipeline.segment.titles`) from the answer keys.

Every record the segmenters find on a keyed page (the shipped segmenter: what the model meets in use) whose
key record starts inside it gives a group of examples, one per title candidate, labelled ``yes`` when the
candidate's title is the key's title or one of its alternatives. Groups where no candidate is right teach
nothing about the choice and are left out. Pages: the seen keys and the dev split of the real-page corpus,
never ``test``. Deterministic: the same keys and code give the same weights.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.core import linear
from pipeline.segment.titles import FORMAT, MODEL_PATH, chosen, title_candidates, title_features, title_text

C2 = 0.01  # crfsuite L-BFGS L2 regularisation, chosen by publisher-folded cross-validation (model card)
SALT = "projekty-title-cv"


@dataclass(frozen=True)
class Group:
    """One record's candidates: their features and whether each is the key's title (the first: the title span)."""

    doc_id: str
    site: str
    items: tuple[tuple[dict[str, float], bool], ...]


def page_groups(doc, gold, site: str) -> list[Group]:
    """The groups of one page (``doc``: its canonical text, as the pipeline reads it), its records and their
    organisation mentions as the pipeline extracts them (:func:`pipeline.runner.document.extract_document`)."""
    from pipeline.evaluate.score import norm_space
    from pipeline.runner.document import extract_document, org_spans

    text = doc.text
    golds = [g for g in gold.records if not g.optional]
    out = []
    ex = extract_document(doc)
    for r, orgs in zip(ex.records, org_spans(ex), strict=True):
        titles = {norm_space(t) for g in golds if r.char_start <= g.gold_start() < r.char_end for t in g.titles()}
        if not titles:
            continue
        items = tuple(
            (title_features(text, r, a, b, src, orgs), norm_space(title_text(text, r, a, b)) in titles)
            for a, b, src in title_candidates(text, r)
        )
        if any(right for _, right in items):
            out.append(Group(doc.doc_id, site, items))
    return out


def training_groups(gold_dir: Path, root: Path, splits: Sequence[str] = ("dev",)) -> list[Group]:
    """Groups of the seen keys and the real-page keys of ``splits`` (never ``test``)."""
    from pipeline.evaluate.keyed_pages import keyed_pages

    return [g for p in keyed_pages(gold_dir, root, splits, "title model") for g in page_groups(p.doc, p.gold, p.site)]


def fit(groups: Sequence[Group], c2: float = C2) -> dict[str, dict[str, float]]:
    """Weights of ``yes`` and ``no`` over every candidate (:func:`pipeline.core.linear.fit`)."""
    return linear.fit(((f, "yes" if right else "no") for g in groups for f, right in g.items), c2)


def cross_validate(groups: Sequence[Group], c2: float = C2) -> dict[str, float]:
    """Exact titles on held-out publishers (folds by site): the segmenters' (the title span), the model's."""
    hits: Counter[str] = Counter()
    for k in range(linear.FOLDS):
        model = linear.LinearModel(fit([g for g in groups if linear.fold_of(g.site, SALT) != k], c2))
        for g in groups:
            if linear.fold_of(g.site, SALT) == k:
                hits["segmenters"] += g.items[0][1]
                hits["model"] += g.items[chosen([model.probabilities(f)["yes"] for f, _ in g.items])][1]
    n = len(groups)
    return {"records": n, **{k: round(v / n, 3) for k, v in sorted(hits.items())}}


def write_title_model(weights: dict[str, dict[str, float]], meta: dict, path: Path = MODEL_PATH) -> Path:
    return linear.write_model(FORMAT, weights, meta, path)
