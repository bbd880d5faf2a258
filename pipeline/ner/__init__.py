"""Polish named-entity recognition (PER / ORG / LOC) trained on KPWr.

``load_model()`` returns the shipped spaCy pipeline (``pipeline/models/ner_pl``), cached.
Training / evaluation: :mod:`pipeline.ner.train`; corpus conversion: :mod:`pipeline.ner.convert`; the answer
keys' ORG spans as training sentences: :mod:`pipeline.ner.project`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "ner_pl"

__all__ = ["MODEL_DIR", "load_model"]


@cache
def load_model(path: str | Path | None = None):
    """Load the NER pipeline (default: the shipped ``pipeline/models/ner_pl``); cached per path.

    Registers the custom ``morfeusz_features`` component first. The pipeline sets
    ``token.lemma_`` / ``token.tag_`` (morfeusz2 features) and ``doc.ents`` with labels
    ``PER``, ``ORG``, ``LOC``.
    """
    import spacy

    from pipeline.ner import components  # noqa: F401  (registers the factory)

    return spacy.load(Path(path) if path is not None else MODEL_DIR)
