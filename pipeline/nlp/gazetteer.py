"""A spaCy SpanRuler built from the domain list of recurring bodies (data/domain_orgs.yaml).

Patterns match on lemmas (set by the model's ``morfeusz_features`` component), so one
pattern per name covers every inflected form: ``Ministerstwo Spraw Zagranicznych`` also
matches ``Ministerstwa Spraw Zagranicznych``. Acronyms match on the exact text. The
ruler runs after the statistical NER and overrides its entities where they overlap
(``spacy.prioritize_new_ents_filter.v1``): a known body is more specific than a guess.
"""

from __future__ import annotations

from pipeline.ruledata.domain_orgs import domain_orgs

RULER_NAME = "gazetteer"
PATTERN_ID = "gazetteer"


def patterns(nlp) -> list[dict]:
    """Token patterns for every name, alias and acronym of the domain list."""
    from pipeline.ner.components import morph_features

    out: list[dict] = []
    seen: set[tuple] = set()
    for org in domain_orgs():
        for name in (org.name, *org.aliases):
            tokens = [t.text for t in nlp.make_doc(name)]
            pattern = [{"LEMMA": morph_features(t)[0]} for t in tokens]
            key = tuple(p["LEMMA"] for p in pattern)
            if len(pattern) > 1 and key not in seen:
                seen.add(key)
                out.append({"label": "ORG", "pattern": pattern, "id": PATTERN_ID})
        for acronym in filter(None, (org.acronym, *org.acronym_variants)):
            tokens = [{"TEXT": t.text} for t in nlp.make_doc(acronym)]
            key = ("TEXT", *(t["TEXT"] for t in tokens))
            if key not in seen:
                seen.add(key)
                out.append({"label": "ORG", "pattern": tokens, "id": PATTERN_ID})
    return out


def add_gazetteer(nlp):
    """Append the domain-list ruler to a loaded NER pipeline (idempotent)."""
    if RULER_NAME in nlp.pipe_names:
        return nlp
    ruler = nlp.add_pipe(
        "span_ruler",
        name=RULER_NAME,
        last=True,
        config={
            "spans_key": None,
            "annotate_ents": True,
            "ents_filter": {"@misc": "spacy.prioritize_new_ents_filter.v1"},
            "overwrite": False,  # keep the model's entities; the filter resolves overlaps
            "validate": True,
        },
    )
    ruler.add_patterns(patterns(nlp))
    return nlp
