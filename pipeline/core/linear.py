"""A multinomial linear model over named indicator features, as the trained components ship it.

The role model is a multinomial logistic regression trained as a one-item CRF of python-crfsuite (``fit``)
and shipped as JSON weights per label: the pipeline scores an item with dot products and loads no learning
library. Its example, folds and cross-validation are here so that a second such model shares them.
"""

from __future__ import annotations

import hashlib
import json
import math
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LinearModel:
    """Weights per label of features; an item's label is the one with the highest score."""

    weights: dict[str, dict[str, float]]

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        z = {r: sum(w.get(k, 0.0) * v for k, v in features.items()) for r, w in self.weights.items()}
        top = max(z.values())
        e = {r: math.exp(s - top) for r, s in z.items()}
        total = sum(e.values())
        return {r: v / total for r, v in e.items()}

    def label(self, features: dict[str, float]) -> str:
        p = self.probabilities(features)
        return max(sorted(p), key=lambda r: p[r])


def state_weights(items: Iterable[tuple[dict[str, float], str]], c2: float) -> dict[tuple[str, str], float]:
    """The (feature, label) weights of a one-item CRF (L-BFGS, L2 only) over (features, label) items: a
    multinomial logistic regression. The role model's ``fit`` and the acceptor's both train through it."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for features, label in items:
        broken = next((k for k in features if "\n" in k), None)
        if broken is not None:  # crfsuite would write it over two lines of its model, which Tagger.info misreads
            raise ValueError(f"a feature name holds a line break: {broken!r}")
        trainer.append(pycrfsuite.ItemSequence([features]), [label])
    trainer.set_params({"c1": 0.0, "c2": c2, "max_iterations": 500, "feature.possible_states": True})
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "model.crfsuite")
        trainer.train(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        state = tagger.info().state_features
        tagger.close()
    return state


def fit(items: Iterable[tuple[dict[str, float], str]], c2: float) -> dict[str, dict[str, float]]:
    """Weights per label of (features, label) items (:func:`state_weights`), rounded for a stable file."""
    weights: dict[str, dict[str, float]] = {}
    for (attr, label), w in sorted(state_weights(items, c2).items()):
        if round(w, 5) != 0.0:
            weights.setdefault(label, {})[attr] = round(w, 5)
    return weights


def write_model(fmt: str, weights: dict[str, dict[str, float]], meta: dict, path: Path) -> Path:
    payload = {"format": fmt, "trained_on": meta, "weights": weights}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def read_model(path: Path, fmt: str, labels: Iterable[str], what: str) -> LinearModel:
    """The model in ``path``; refused when it is not of format ``fmt`` or names a label outside ``labels``."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    if raw.get("format") != fmt:
        raise ValueError(f"{path}: not a {what} ({fmt})")
    weights = {str(r): {str(k): float(v) for k, v in w.items()} for r, w in raw["weights"].items()}
    unknown = set(weights) - set(labels)
    if unknown:
        raise ValueError(f"{path}: unknown labels {sorted(unknown)}")
    return LinearModel(weights)


def shipped_model(path: str | None, switch: str, default: Path, read) -> LinearModel | None:
    """The model at ``path``, else at ``$switch``, else the shipped one at ``default``, read by ``read``;
    None when the switch says ``none`` or there is no file (the rules stand)."""
    import os

    where = path or os.environ.get(switch) or str(default)
    if where == "none" or not Path(where).is_file():
        return None
    return read(Path(where))


@dataclass(frozen=True)
class Example:
    """One training item: its page, its publisher's site (cross-validation folds keep a publisher together),
    its features, the key's label and the other labels the key accepts, and the rules' label."""

    doc_id: str
    site: str
    features: dict[str, float]
    label: str
    alt: tuple[str, ...]
    rule: str


FOLDS = 5


def fold_of(site: str, salt: str) -> int:
    return int(hashlib.sha256(f"{salt}:{site}".encode()).hexdigest(), 16) % FOLDS


def cross_validate(examples: Sequence[Example], c2: float, salt: str, baseline: str) -> dict[str, float]:
    """Accuracy on held-out publishers (folds by site): the rules' labels, the model's, and always ``baseline``."""
    hits: Counter[str] = Counter()
    for k in range(FOLDS):
        model = LinearModel(fit(((e.features, e.label) for e in examples if fold_of(e.site, salt) != k), c2))
        for e in examples:
            if fold_of(e.site, salt) != k:
                continue
            ok = (e.label, *e.alt)
            hits["rules"] += e.rule in ok
            hits["model"] += model.label(e.features) in ok
            hits[baseline] += baseline in ok
    n = len(examples)
    return {"examples": n, **{k: round(v / n, 3) for k, v in sorted(hits.items())}}


@dataclass(frozen=True)
class ListGroup:
    """One choice among candidates (a record's title, its years): its page, its publisher's site (``seen``: our own
    pages), and per candidate its features and whether the key accepts it (the first: what the rules or the
    segmenters gave)."""

    doc_id: str
    site: str
    items: tuple[tuple[dict[str, float], bool], ...]


def fit_listwise(
    groups: Sequence[ListGroup], c2: float, seen_weight: float, gtol: float, decimals: int
) -> dict[str, dict[str, float]]:
    """Weights of ``yes`` (``no`` stays empty: a candidate's score is its ``yes`` weight) fitted listwise: a
    softmax over each group's candidates, the likelihood of its right ones maximised (conditional logit, L2
    ``c2``, L-BFGS from zero to a gradient of ``gtol``: deterministic). The groups of our own pages weigh
    ``seen_weight``. Rounded to ``decimals`` for a stable file. The title and year models train through it."""
    import numpy as np
    from scipy import sparse
    from scipy.optimize import minimize

    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    right: list[bool] = []
    owner: list[int] = []
    groups = sorted(groups, key=lambda g: g.doc_id)  # stable: a page's groups keep their order
    weight = np.array([seen_weight if g.site == "seen" else 1.0 for g in groups])
    for gi, g in enumerate(groups):
        for features, ok in g.items:
            for name, value in sorted(features.items()):
                rows.append(len(right))
                cols.append(vocab.setdefault(name, len(vocab)))
                vals.append(value)
            right.append(ok)
            owner.append(gi)
    x = sparse.csr_matrix((vals, (rows, cols)), shape=(len(right), len(vocab)))
    ok_, gid, n = np.array(right, dtype=float), np.array(owner), len(groups)

    def loss(w):
        s = x @ w
        top = np.full(n, -np.inf)
        np.maximum.at(top, gid, s)
        e = np.exp(s - top[gid])
        z, zr = np.bincount(gid, e, n), np.bincount(gid, e * ok_, n)
        grad = x.T @ (weight[gid] * (e / z[gid] - e * ok_ / zr[gid])) + 2 * c2 * w
        return float(-(weight * (np.log(zr) - np.log(z))).sum() + c2 * w @ w), grad

    options = {"maxiter": 20000, "maxfun": 40000, "ftol": 0.0, "gtol": gtol}
    w = minimize(loss, np.zeros(len(vocab)), jac=True, method="L-BFGS-B", options=options).x
    yes = {name: round(float(w[j]), decimals) for name, j in sorted(vocab.items())}
    return {"no": {}, "yes": {name: v for name, v in yes.items() if v != 0.0}}


def cross_validate_listwise(
    groups: Sequence[ListGroup],
    fit: Callable[[Sequence[ListGroup]], dict[str, dict[str, float]]],
    salt: str,
    choose: Callable[[list[float]], int],
    first: str,
) -> dict[str, float]:
    """The share of groups whose chosen candidate the key accepts, on held-out publishers (folds by site): the
    first candidate's (named ``first``: what the rules or segmenters gave) and the model's (``fit`` on the other
    folds, ``choose`` over its probabilities)."""
    hits: Counter[str] = Counter()
    for k in range(FOLDS):
        model = LinearModel(fit([g for g in groups if fold_of(g.site, salt) != k]))
        for g in groups:
            if fold_of(g.site, salt) == k:
                hits[first] += g.items[0][1]
                hits["model"] += g.items[choose([model.probabilities(f)["yes"] for f, _ in g.items])][1]
    n = len(groups)
    return {"records": n, **{name: round(v / n, 3) for name, v in sorted(hits.items())}}
