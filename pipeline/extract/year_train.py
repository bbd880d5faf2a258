"""Training the year model (:mod:`pipeline.extract.year_model`) from the answer keys.

Every record the pipeline extracts on a keyed page (the rules' years, as the model meets them in use) whose key
record starts inside it gives a group of examples, one per candidate, labelled ``yes`` when the candidate's years
are the key's. Groups where no candidate is right teach nothing about the choice and are left out. Pages: the seen
keys and the dev split of the real-page corpus, never ``test``. Deterministic: the same keys and code give the
same weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipeline.core import linear
from pipeline.extract.year_model import FORMAT, MODEL_PATH, chosen, year_candidates, year_dates, year_features

# L2 regularisation, chosen by publisher-folded cross-validation of the records whose key years are chosen (8 848
# records of 3 615 pages, fiftieth session): c2 0.1 / 0.3 / 1 / 3 -> 0.865 / 0.868 / 0.870 / 0.871 (earlier features).
C2 = 1.0
# Our own pages' records weigh this much more (ten in the title model). With ten, the model took the section heading's
# year from three entries of a list of our own keys (``Projekty zrealizowane w 2019 roku``, one line each): the
# conventions give a title-only list its heading's year, and dev keys of such lines often have none. Publisher-folded
# CV, same records: weight 10 / 30 / 100 -> 0.884 / 0.878 / 0.877, our pages' records wrong in-sample 3 / 0 / 0.
SEEN_WEIGHT = 30.0
SALT = "projekty-year-cv"
GTOL = 1e-9  # fitted to a gradient this small and rounded, as the title model (a stable file)
DECIMALS = 3


Group = linear.ListGroup  # one record's candidates, labelled by the key's years


def page_groups(doc, gold, site: str) -> list[Group]:
    """The groups of one page (``doc``: its canonical text, as the pipeline reads it), its records as the pipeline
    extracts them without the year model."""
    from pipeline.runner.document import extract_document

    golds = [g for g in gold.records if not g.optional]
    ex = extract_document(doc, year_model=False)
    out = []
    for v in ex.values:
        r = v.record
        keys = {(g.year_start, g.year_end) for g in golds if r.char_start <= g.gold_start() < r.char_end}
        if not keys:
            continue
        dated = year_dates(doc.text, r, v.dates)
        items = tuple(
            (year_features(doc.text, r, c, dated, len(ex.values)), c.years in keys) for c in year_candidates(r, dated)
        )
        if any(right for _, right in items):
            out.append(Group(doc.doc_id, site, items))
    return out


def training_groups(gold_dir: Path, root: Path, splits: Sequence[str] = ("dev",)) -> list[Group]:
    """Groups of the seen keys and the real-page keys of ``splits`` (never ``test``)."""
    from pipeline.evaluate.keyed_pages import keyed_pages

    return [g for p in keyed_pages(gold_dir, root, splits, "year model") for g in page_groups(p.doc, p.gold, p.site)]


def fit(groups: Sequence[Group], c2: float = C2) -> dict[str, dict[str, float]]:
    """Weights of ``yes`` fitted listwise (:func:`pipeline.core.linear.fit_listwise`): a record's years are one
    choice among its candidates."""
    return linear.fit_listwise(groups, c2, SEEN_WEIGHT, GTOL, DECIMALS)


def cross_validate(groups: Sequence[Group], c2: float = C2) -> dict[str, float]:
    """Records whose key years are chosen, on held-out publishers (folds by site): the rules', the model's."""
    return linear.cross_validate_listwise(groups, lambda train: fit(train, c2), SALT, chosen, "rules")


def write_year_model(weights: dict[str, dict[str, float]], meta: dict, path: Path = MODEL_PATH) -> Path:
    return linear.write_model(FORMAT, weights, meta, path)
