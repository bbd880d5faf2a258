"""Polish named-entity recognition (PER / ORG / LOC) trained on KPWr.

``load_model()`` returns the shipped spaCy pipeline (``pipeline/models/ner_pl``), cached.
Training / evaluation: :mod:`pipeline.ner.train`; corpus conversion: :mod:`pipeline.ner.convert`; the answer
keys' ORG spans as training sentences: :mod:`pipeline.ner.project`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "ner_pl"

GAZETTEER_PIPE = "gazetteer"  # the domain-list ruler saved with the model (pipeline.nlp.gazetteer)

__all__ = ["GAZETTEER_PIPE", "MODEL_DIR", "load_model"]


@cache
def load_model(path: str | Path | None = None):
    """Load the NER pipeline (default: the shipped ``pipeline/models/ner_pl``); cached per path.

    Registers the custom ``morfeusz_features`` component first. The pipeline sets
    ``token.lemma_`` / ``token.tag_`` (morfeusz2 features) and ``doc.ents`` with labels
    ``PER``, ``ORG``, ``LOC``. The domain-list ruler saved in the same folder is left out
    (:mod:`pipeline.nlp.gazetteer` loads and runs it).
    """
    import spacy

    from pipeline.ner import components  # noqa: F401  (registers the factory)

    # the gazetteer saved with the model is loaded on its own, by the stage that runs it
    return spacy.load(Path(path) if path is not None else MODEL_DIR, exclude=[GAZETTEER_PIPE])
