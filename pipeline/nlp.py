"""spaCy stage: our Polish NER model over the sentences of each record.

The model was trained on KPWr, one sentence per example, so it is fed
sentences (never whole paragraphs), in the normalised view (line wraps joined,
NBSP and typographic quotes folded); entity offsets are mapped back to the
document's own text so every mention quotes it exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from pipeline.datatypes import Entity
from pipeline.gazetteer import PATTERN_ID
from pipeline.ingest import normalized_view, view_span
from pipeline.morph import analyse
from pipeline.sentences import split_sentences

ENTITY_LABELS = ("PER", "ORG", "LOC")
BATCH_SIZE = 64
MAX_PIECE = 5_000  # characters: a "sentence" longer than this (a page without punctuation) is cut


def bounded_pieces(text: str, start: int, end: int, limit: int = MAX_PIECE) -> list[tuple[int, int]]:
    """``(start, end)`` cut into pieces of at most ``limit`` characters, at whitespace where there is
    some, so no input reaches spaCy's length limit (E088) and memory per piece stays bounded."""
    pieces = []
    while end - start > limit:
        cut = text.rfind(" ", start + limit // 2, start + limit)
        cut = cut if cut > start else start + limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


@cache
def load_nlp(model_path: str | None = None):
    """The shipped NER pipeline (pipeline/models/MODEL_CARD.md) with the domain-list ruler after it."""
    from pipeline.gazetteer import add_gazetteer
    from pipeline.ner import load_model

    return add_gazetteer(load_model(model_path))


def release_nlp() -> None:
    """Forget the loaded pipeline (the next :func:`load_nlp` loads it again)."""
    from pipeline.ner import load_model

    load_nlp.cache_clear()
    load_model.cache_clear()


def lemma_phrase(text: str) -> str:
    """Base form of a place or person name, word by word (``Gruzji`` -> ``Gruzja``)."""
    out = []
    for word in text.split():
        proper = [a.lemma for a in analyse(word) if a.pos == "subst" and a.lemma[:1].isupper()]
        out.append(proper[0] if proper else word)
    return " ".join(out)


def find_entities(text: str, spans: Iterable[tuple[int, int]], nlp=None) -> list[Entity]:
    """Model entities in ``text`` within the given (start, end) spans, sentence by sentence."""
    nlp = nlp or load_nlp()
    views: list[tuple[str, list[int]]] = []
    for start, end in spans:
        for s, e in split_sentences(text, start, end):
            for a, b in bounded_pieces(text, s, e):
                views.append(normalized_view(text, a, b))
    out: list[Entity] = []
    for (_view, offsets), doc in zip(views, nlp.pipe((v for v, _ in views), batch_size=BATCH_SIZE), strict=True):
        for ent in doc.ents:
            if ent.label_ not in ENTITY_LABELS:
                continue
            a, b = view_span(offsets, ent.start_char, ent.end_char)
            surface = text[a:b]
            normalized = lemma_phrase(surface) if ent.label_ in ("LOC", "PER") else None
            source = "gazetteer" if ent.ent_id_ == PATTERN_ID else "model"
            out.append(Entity(ent.label_, surface, a, b, source, normalized))
    return out
