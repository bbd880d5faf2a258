"""spaCy stage: our Polish NER model over the sentences of each record.

The model was trained on KPWr, one sentence per example, so it is fed
sentences (never whole paragraphs), in the normalised view (line wraps joined,
NBSP and typographic quotes folded); entity offsets are mapped back to the
document's own text so every mention quotes it exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from pipeline.core.datatypes import Entity
from pipeline.ner.tagger import current_tagger, raw_to_view
from pipeline.nlp import entity_cache
from pipeline.nlp.gazetteer import entity_spans, match_record
from pipeline.text.fold import TYPOGRAPHIC, fold, view_span
from pipeline.text.morph import analyse
from pipeline.text.sentences import split_sentences

ENTITY_LABELS = ("PER", "ORG", "LOC")
BATCH_SIZE = 64
SHIPPED = "projekty_shipped"  # set on the pipeline load_nlp() loads from the shipped folder (entity cache)
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
    """The shipped NER pipeline (pipeline/models/MODEL_CARD.md); the domain-list ruler runs beside it
    (:func:`find_entities`)."""
    from pipeline.ner import load_model

    nlp = load_model(model_path)
    setattr(nlp, SHIPPED, model_path is None)
    return nlp


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


def _beam_ner(nlp):
    """The pipeline's NER component if it decodes with a beam (its parses give span probabilities)."""
    if "ner" not in nlp.pipe_names:
        return None
    ner = nlp.get_pipe("ner")
    return ner if int(ner.cfg.get("beam_width", 1) or 1) > 1 and hasattr(ner, "scored_ents") else None


def annotate(nlp, texts: list[str]):
    """``(doc, scores)`` per text: the pipeline's Doc, and for a beam NER the probability of every
    ``(start token, end token, label)`` among the beam's parses (``{}`` otherwise).

    The beam is the NER's own decoding, so the scores cost nothing extra: the components before the
    NER run as usual, the NER's ``predict`` gives the beams, which set the entities (the best parse,
    as ``nlp.pipe`` would) and then give their scores; the components after it, if any, run last."""
    ner = _beam_ner(nlp)
    if ner is None:
        yield from ((doc, {}) for doc in nlp.pipe(texts, batch_size=BATCH_SIZE))
        return
    after = nlp.pipe_names[nlp.pipe_names.index("ner") + 1 :]
    for i in range(0, len(texts), BATCH_SIZE):
        docs = list(nlp.pipe(texts[i : i + BATCH_SIZE], batch_size=BATCH_SIZE, disable=["ner", *after]))
        if any(len(d) for d in docs):
            beams = ner.predict(docs)
            ner.set_annotations(docs, beams)
            scores = ner.scored_ents(beams)
        else:
            scores = [{} for _ in docs]
        for name in after:
            docs = [nlp.get_pipe(name)(d) for d in docs]
        yield from zip(docs, scores, strict=True)


ALT_READING_MIN = 0.2  # a PER/LOC reading of a model ORG span this probable is kept as an entity too


def find_entities(text: str, spans: Iterable[tuple[int, int]], nlp=None) -> list[Entity]:
    """Model entities in ``text`` within the given (start, end) spans, sentence by sentence.

    With a beam NER every model entity carries its probability among the beam's parses
    (``confidence``), and a model ORG span that the beam also reads as a person or a place (that
    label on the same tokens with probability >= ``ALT_READING_MIN``) gives a second entity, PER or
    LOC, on the same characters: the evidence that vetoes the ORG reading
    (:func:`pipeline.extract.orgs.model_org_veto`); it stands in the mentions only if the ORG is
    vetoed (:func:`pipeline.extract.record.extract_record` drops entities overlapping organisations).
    """
    spans = list(spans)
    for start, end in spans:
        match_record(text, start, end)  # the gazetteer matches each record once; its sentences ask it
    tagger = current_tagger()
    nlp = nlp or load_nlp()
    if not getattr(nlp, SHIPPED, False):
        return _entities(text, spans, nlp, tagger)  # another pipeline than the shipped one: never cached
    digest = (lambda: tagger.digest) if tagger is not None else (lambda: "none")
    return entity_cache.through(text, spans, digest, lambda: _entities(text, spans, nlp, tagger))


def _entities(text: str, spans: list[tuple[int, int]], nlp, tagger) -> list[Entity]:
    pieces = [
        p for start, end in spans for s, e in split_sentences(text, start, end) for p in bounded_pieces(text, s, e)
    ]
    views = [fold(text, a, b, rules=TYPOGRAPHIC) for a, b in pieces]
    out: list[Entity] = []
    docs = annotate(nlp, [v for v, _ in views])
    for (a0, b0), (_view, offsets), (doc, scores) in zip(pieces, views, docs, strict=True):
        known = entity_spans(text, a0, b0)
        piece: list[Entity] = [Entity("ORG", text[a:b], a, b, "gazetteer", None, None) for a, b in known]
        for ent in doc.ents:
            if ent.label_ not in ENTITY_LABELS:
                continue
            a, b = view_span(offsets, ent.start_char, ent.end_char)
            if any(a < kb and ka < b for ka, kb in known):
                continue  # a known body overrides the model's guess
            piece += _model_entities(text, a, b, ent, scores)
        piece += _tagger_entities(text, doc, offsets, known, tagger)
        out += sorted(piece, key=lambda e: e.char_start)
    return out


def _tagger_entities(text: str, doc, offsets, known: list[tuple[int, int]], tagger) -> list[Entity]:
    """The domain ORG tagger's spans on a piece (:mod:`pipeline.ner.tagger`), outside the domain list's."""
    if tagger is None:
        return []
    out = []
    for va, vb, p in tagger.tag(doc, raw_to_view(offsets, known), text, offsets):
        a, b = view_span(offsets, va, vb)
        if a < b and not any(a < kb and ka < b for ka, kb in known):
            out.append(Entity("ORG", text[a:b], a, b, "tagger", None, p))
    return out


def _model_entities(text: str, a: int, b: int, ent, scores: dict) -> list[Entity]:
    """The model's entity on ``text[a:b]``, and for an ORG the beam's PER or LOC reading when probable."""
    surface = text[a:b]
    normalized = lemma_phrase(surface) if ent.label_ in ("LOC", "PER") else None
    conf = scores.get((ent.start, ent.end, ent.label_)) if scores else None
    out = [Entity(ent.label_, surface, a, b, "model", normalized, None if conf is None else round(float(conf), 4))]
    if ent.label_ == "ORG" and scores:
        alt = max(
            (
                ("PER", scores.get((ent.start, ent.end, "PER"), 0.0)),
                ("LOC", scores.get((ent.start, ent.end, "LOC"), 0.0)),
            ),
            key=lambda x: x[1],
        )
        if alt[1] >= ALT_READING_MIN:
            out.append(Entity(alt[0], surface, a, b, "model", lemma_phrase(surface), round(float(alt[1]), 4)))
    return out
