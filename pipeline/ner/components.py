"""Custom spaCy components needed to train *and load* the Polish NER model.

Import this module before ``spacy.load("pipeline/models/ner_pl")`` (``pipeline.ner.load_model``
does it for you): it registers the ``morfeusz_features`` factory.

``morfeusz_features`` writes two token attributes from the morfeusz2 (SGJP) analysis of every
token, which the NER ``tok2vec`` then embeds as extra hash features (``LEMMA`` and ``TAG`` in
``MultiHashEmbed``):

* ``token.lemma_`` – the most frequent lemma among morfeusz analyses (homonym suffixes such as
  ``:Sm1`` removed); ``Krakowie`` -> ``Kraków``, ``Fundacją`` -> ``fundacja``. Unknown words get
  their lower-cased form. This makes inflected forms of a name share one embedding row.
* ``token.tag_`` – a compact "name-class signature": the sorted set of SGJP name qualifiers
  (``imię``, ``nazwisko``, ``nazwa_geograficzna``, ``nazwa_organizacji``, ``nazwa_firmy`` …,
  abbreviated) plus the sorted set of parts of speech, e.g. ``geo+imie+nazw/subst``.
  Unknown words get ``ign``. It is a dictionary lookup, not a trained tagger, so it costs
  nothing to train and is identical at train and inference time.

The component is deterministic and stateless, so it serialises to nothing; only its name in the
pipeline config has to be resolvable at load time.
"""

from __future__ import annotations

import time

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from pipeline.text.morph import morph_features  # the features, without spaCy (the gazetteer reads them too)

FACTORY_NAME = "morfeusz_features"


class MorfeuszFeatures:
    """Sets ``token.lemma_`` and ``token.tag_`` from morfeusz2 (see module docstring)."""

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            lemma, sig = morph_features(token.text)
            token.lemma_ = lemma
            token.tag_ = sig
        return doc

    # Stateless: nothing to serialise, but spaCy calls these on to_disk/from_disk.
    def to_disk(self, path, *, exclude=tuple()):  # noqa: D102
        return None

    def from_disk(self, path, *, exclude=tuple()):  # noqa: D102
        return self

    def to_bytes(self, *, exclude=tuple()) -> bytes:  # noqa: D102
        return b""

    def from_bytes(self, data: bytes, *, exclude=tuple()):  # noqa: D102
        return self


@Language.factory(
    FACTORY_NAME,
    assigns=["token.lemma", "token.tag"],
    requires=[],
    default_config={},
)
def make_morfeusz_features(nlp: Language, name: str) -> MorfeuszFeatures:
    return MorfeuszFeatures()


# --- training-only helper ---------------------------------------------------------------------


class TimeBudgetExceeded(RuntimeError):
    """Raised by the ``projekty.time_budget.v1`` callback to end training on wall-clock time."""


@registry.callbacks("projekty.time_budget.v1")
def make_time_budget(max_minutes: float):
    """``[training.before_update]`` callback: stop training after ``max_minutes`` of updates.

    spaCy keeps ``model-best`` from the last improving evaluation, so aborting is safe;
    ``pipeline.ner.train.train`` catches :class:`TimeBudgetExceeded` and uses ``model-best``.
    """
    state: dict[str, float] = {}

    def before_update(nlp: Language, info: dict) -> None:
        now = time.time()
        start = state.setdefault("start", now)
        if max_minutes and now - start > max_minutes * 60:
            raise TimeBudgetExceeded(f"time budget of {max_minutes} min used up at step {info['step']}")

    return before_update
