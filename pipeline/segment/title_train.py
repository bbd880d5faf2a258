"""Training the title model (:mod:`pipeline.segment.titles`) from the answer keys.

Every record the segmenters find on a keyed page (the shipped segmenter: what the model meets in use) whose
key record starts inside it gives a group of examples, one per title candidate, labelled ``yes`` when the
candidate's title is the key's title or one of its alternatives. Groups where no candidate is right teach
nothing about the choice and are left out. Pages: the seen keys and the dev split of the real-page corpus,
never ``test``. Deterministic: the same keys and code give the same weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipeline.core import linear
from pipeline.segment.titles import FORMAT, MODEL_PATH, chosen, title_candidates, title_features, title_text

# L2 regularisation of the listwise fit (:func:`fit`), chosen by publisher-folded cross-validation of exact titles
# over the 2 787 records of the dev and seen keys (twenty-sixth session): 0.01 / 0.03 / 0.1 / 0.2 / 0.4 / 1 -> 0.829
# / 0.831 / 0.834 / 0.835 / 0.834 / 0.829; the pointwise yes/no regression it replaced, at its best (0.01): 0.829.
C2 = 0.2
# Our own pages (the source page among them) weigh ten times (five until the thirty-fourth session), as in the
# segmenter (``SEEN_COPIES`` there): with one weight the listwise model of the twenty-sixth session cut three of their
# 104 titles at a parenthesis or took a lowercase duplicate of a heading; with two or three one, with five none.
# Publisher-folded CV of exact titles on the dev records (1 690 pages): weight 1 / 2 / 3 / 5 / 10 -> 0.843 / 0.841 /
# 0.842 / 0.841 / 0.840; end to end held out (1 745 dev pages) weight 1 -> 5: projects 0.706 -> 0.704, titles 0.467 ->
# 0.465, counts per record 0.634 -> 0.624 (twelve one-record pages whose changed title unpairs the record from its key).
# Thirty-fourth session (2 505 dev pages, with the rest of the title line as candidates): with weight 5 the retrained
# model cut one source-page title (record 018, a sentence as title) at its parenthesis; with 10 none. Publisher-folded
# CV of exact titles, records whose key title the model picks: weight 5 / 10 / 20 -> 3 666 / 3 662 / 3 657 of 4 526.
SEEN_WEIGHT = 10.0
SALT = "projekty-title-cv"
# The fit runs until the gradient is this small, and the weights are rounded to this many decimals: a loose stop
# (the default's relative change of the loss) left rare features' weights uncertain in their fifth decimal, so a
# different order of the same records, or a float summed another way, changed the file. Fitted to a gradient of
# 1e-9 the weights agree to far finer than the rounding; three decimals change no choice on the dev records.
GTOL = 1e-9
DECIMALS = 3


Group = linear.ListGroup  # one record's candidates, labelled by the key's title


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
    """Weights of ``yes`` fitted listwise (:func:`pipeline.core.linear.fit_listwise`): a record's title is one
    choice among its candidates, so the loss is that choice, not each candidate's yes or no on its own (the
    pointwise regression it replaced: exact titles held out 0.829 -> 0.835, model card); our own pages' records
    weigh ``SEEN_WEIGHT``."""
    return linear.fit_listwise(groups, c2, SEEN_WEIGHT, GTOL, DECIMALS)


def cross_validate(groups: Sequence[Group], c2: float = C2) -> dict[str, float]:
    """Exact titles on held-out publishers (folds by site): the segmenters' (the title span), the model's."""
    return linear.cross_validate_listwise(groups, lambda train: fit(train, c2), SALT, chosen, "segmenters")


def write_title_model(weights: dict[str, dict[str, float]], meta: dict, path: Path = MODEL_PATH) -> Path:
    return linear.write_model(FORMAT, weights, meta, path)
