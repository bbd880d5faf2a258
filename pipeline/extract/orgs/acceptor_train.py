"""Training the organisation acceptor (:mod:`pipeline.extract.orgs.acceptor`) from the answer keys.

Every mention the pipeline finds on a keyed page (all of them: no acceptor) is an example; it is
positive when its name (the nominative resolution reads, or the acronym) names an organisation the
page's key lists (exactly, up to case, by acronym, or within the scorer's near-miss similarity: a real
body with a wrong form is a naming error, not a false body), negative when it names none, and left
out when it names only an optional one. Pages: the seen keys and the real-page corpus's ``dev`` split,
never ``test``. Deterministic: the same keys and code give the same weights.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.core import linear
from pipeline.extract.orgs.acceptor import FORMAT, MODEL_PATH, mention_features, page_name_counts, rules_only

C2 = 1.0  # crfsuite L-BFGS L2 regularisation (no L1), chosen by publisher-folded cross-validation
THRESHOLD = 0.4  # a mention under this probability is dropped (cross-validated, see the model card)


@dataclass(frozen=True)
class Example:
    doc_id: str
    features: dict[str, float]
    label: int
    text: str  # the mention as written (for reports)


def _gold_orgs(g) -> tuple[list, list]:
    from pipeline.evaluate.score import OrgRow

    required: list[OrgRow] = []
    optional: list[OrgRow] = []
    for r in g.records:
        for o in r.organisations:
            (optional if (o.optional or r.optional) else required).append(o)
    return required, optional


def _names(orgs: Iterable, name: str, acronym: str | None) -> bool:
    from pipeline.evaluate.score import MatchConfig, OrgRow, org_name_quality, org_near

    p, cfg = OrgRow(name, acronym, "other"), MatchConfig()
    return any(org_name_quality(g, p) is not None or org_near(g, p, cfg) is not None for g in orgs)


def label_of(name: str, acronym: str | None, required: list, optional: list) -> int | None:
    """1: names a required gold organisation; 0: names none; None: names only an optional one."""
    if _names(required, name, acronym):
        return 1
    return None if _names(optional, name, acronym) else 0


def page_examples(doc, nlp, publisher: str | None, gold) -> list[Example]:
    """The examples of one page (``doc``: its canonical text, as the pipeline reads it)."""
    from pipeline.resolve.nominative import name_reading
    from pipeline.runner.document import extract_document

    ex = extract_document(doc, nlp, "both", publisher, acceptor=False)
    required, optional = _gold_orgs(gold)
    names = page_name_counts(m for v in ex.values for m in v.orgs)
    out = []
    for v, inside in zip(ex.values, ex.entities, strict=True):
        for m in v.orgs:
            name = m.text if m.is_acronym else name_reading(m.name_text).nominative
            y = label_of(name, m.acronym or (m.text if m.is_acronym else None), required, optional)
            if y is not None:
                feats = mention_features(doc.text, m, v.record, inside, names)
                out.append(Example(doc.doc_id, feats, y, m.text))
    return out


def training_examples(
    gold_dir: Path, root: Path, splits: Sequence[str] = ("dev",), seqs: Sequence | None = None
) -> list[Example]:
    """Examples of the seen keys and the real-page keys of ``splits`` (never ``test``). With the domain ORG
    tagger shipped, each page is tagged by a tagger trained without its publisher
    (:func:`pipeline.ner.tagger_train.held_out_taggers`): the acceptor learns how far to trust the tagger on
    pages it has not seen, as a user's are. ``seqs``: the tagger's training sentences when the caller has
    them already (:func:`pipeline.ner.tagger_train.sequences`)."""
    from pipeline.evaluate.keyed_pages import extracted_examples
    from pipeline.ner.tagger import load_tagger, tagger_in_use
    from pipeline.segment.learned import publisher_fold

    if "test" in splits:  # before the fold taggers are trained (minutes), not after
        raise ValueError("the organisation acceptor is never trained on the test split")
    taggers = held_out(gold_dir, root, seqs) if load_tagger() is not None else None

    def examples(doc, nlp, pub, gold, site):
        if taggers is None:
            return page_examples(doc, nlp, pub, gold)
        with tagger_in_use(taggers[publisher_fold(site, len(taggers))]):
            return page_examples(doc, nlp, pub, gold)

    return extracted_examples(gold_dir, root, splits, "organisation acceptor", examples)


def held_out(gold_dir: Path, root: Path, seqs: Sequence | None = None) -> dict:
    """The publisher-fold taggers of :func:`pipeline.ner.tagger_train.held_out_taggers` (seen and dev keys)."""
    from pipeline.evaluate.realkeys import read_sources
    from pipeline.ner.tagger_train import held_out_taggers, sequences

    real = gold_dir / "real"
    sites = {p.doc_id: p.site for p in read_sources(real)} if (real / "sources.csv").is_file() else {}
    seqs = sequences(root=root) if seqs is None else seqs
    return held_out_taggers(seqs, sites, cache=root / "corpus" / "tagger")


def fit(examples: Sequence[Example], c2: float = C2) -> dict[str, float]:
    """Log-odds weights of "kept" by a one-item CRF (logistic regression, :func:`pipeline.core.linear.state_weights`),
    rounded for a stable file."""
    state = linear.state_weights(((e.features, str(e.label)) for e in examples), c2)
    weights: dict[str, float] = {}
    for (attr, lab), w in state.items():
        weights[attr] = weights.get(attr, 0.0) + (w if lab == "1" else -w)
    return {k: round(v, 5) for k, v in sorted(weights.items()) if round(v, 5) != 0.0}


def rules_only_examples(examples: Sequence[Example]) -> list[Example]:
    """The examples a run without the NER model has: no model span, no model reading among the features."""
    return [
        Example(e.doc_id, rules_only(e.features), e.label, e.text)
        for e in examples
        if "src=model" not in e.features and "src=tagger" not in e.features
    ]


def fit_both(examples: Sequence[Example], c2: float = C2) -> tuple[dict[str, float], dict[str, float]]:
    """Weights for a run with the model, and for one without it (``--no-ner``: an honest ablation)."""
    return fit(examples, c2), fit(rules_only_examples(examples), c2)


def write_acceptor(
    weights: tuple[dict[str, float], dict[str, float]], threshold: float, meta: dict, path: Path = MODEL_PATH
) -> Path:
    payload = {
        "format": FORMAT,
        "threshold": threshold,
        "trained_on": meta,
        "weights": weights[0],
        "weights_rules_only": weights[1],
    }
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path
