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
from collections.abc import Iterable, Sequence
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
