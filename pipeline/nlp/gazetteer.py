"""The one gazetteer: a spaCy SpanRuler over the domain list of recurring bodies (data/domain_orgs.yaml).

Its patterns are saved with the NER model (``pipeline/models/ner_pl/gazetteer``, via ``to_disk``;
``projekty ner gazetteer`` rebuilds them) and it is the only matcher of domain-list names: the NLP
stage uses it to override the model's guesses on known bodies, the extract stage to find names, to
stop name boundaries and to link resolved names to their entry.

It runs on the rules' tokens (:func:`pipeline.text.tokens.tokenize`), carried into a spaCy ``Doc``
its lemma and three token features the patterns test:

* ``LEMMA``: the word's most frequent morfeusz lemma; a pattern word matches when that is among its own
  lemmas and forms, so one pattern per name covers every inflected form (``Ministerstwa Spraw
  Zagranicznych``);
* ``gz_cap`` (first letter upper case): a name's first word is capitalised in the text;
* ``gz_upper`` (an all-caps word of two or more letters): ``UNIĄ EUROPEJSKĄ`` in a heading is not
  read as the name, while acronyms inside names match as written (``LOWER``);
* ``gz_para`` (a paragraph break before the token): a name never runs across paragraphs.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import NamedTuple

from spacy.tokens import Doc

from pipeline.ner import GAZETTEER_PIPE as RULER_NAME
from pipeline.ner import MODEL_DIR
from pipeline.ner.components import morph_features
from pipeline.ruledata.domain_orgs import domain_orgs
from pipeline.ruledata.resources import DATA_DIR
from pipeline.text.tokens import CLOSE_QUOTES, OPEN_QUOTES, Tok, tok_lemmas, tokenize

SPANS_KEY = "gazetteer"
NAME_ID = "name"  # pattern id "name:<domain index>": a name or alias
DATA_FILE = "domain_orgs.yaml"
ACRONYM_ID = "acronym"  # "acronym:<domain index>": an acronym, matched as written
_QUOTES = sorted(set(OPEN_QUOTES + CLOSE_QUOTES))


class Match(NamedTuple):
    """One gazetteer match: token span, domain index, and whether it matched an acronym."""

    start: int
    end: int
    entry: int  # index in the domain list
    acronym: bool


def _word_patterns(tok: Tok, first: bool) -> list[dict]:
    """The pattern token(s) for one word of a name: a name's first word gives one exact-lemma variant per
    lemma (so the matcher compares hashes, not sets, at every token of a page)."""
    if not tok.is_word:
        return [{"ORTH": {"IN": _QUOTES}} if tok.text in _QUOTES else {"ORTH": tok.text}]
    if tok.text.isupper() and len(tok.text) > 1:
        out: dict = {"LOWER": tok.text.lower(), "_": {}}
    else:
        out = {"LEMMA": {"IN": sorted(tok_lemmas(tok.text))}, "_": {"gz_upper": False}}
    if not first:
        out["_"]["gz_para"] = False
        return [out]
    out["_"]["gz_cap"] = True
    if "LEMMA" not in out:
        return [out]
    return [{**out, "LEMMA": lemma} for lemma in out["LEMMA"]["IN"]]


def patterns() -> list[dict]:
    """Token patterns for every name, alias and acronym of the domain list, in list order."""
    out: list[dict] = []
    for i, org in enumerate(domain_orgs()):
        for name in dict.fromkeys((org.name, *org.aliases)):
            toks = tokenize(name)
            if toks and toks[0].is_word and toks[0].is_cap:  # a name is found by its capitalised first word
                rest = [_word_patterns(t, False)[0] for t in toks[1:]]
                for head in _word_patterns(toks[0], True):
                    out.append({"label": "ORG", "pattern": [head, *rest], "id": f"{NAME_ID}:{i}"})
        for acronym in dict.fromkeys(filter(None, (org.acronym, *org.acronym_variants))):
            pattern = [{"ORTH": t.text} for t in tokenize(acronym)]
            out.append({"label": "ORG", "pattern": pattern, "id": f"{ACRONYM_ID}:{i}"})
    return out


def add_gazetteer(nlp, pattern_list: list[dict] | None = None):
    """Append the domain-list ruler to a pipeline (idempotent); saved with it by ``nlp.to_disk``."""
    if RULER_NAME in nlp.pipe_names:
        return nlp
    ruler = nlp.add_pipe(
        "span_ruler",
        name=RULER_NAME,
        last=True,
        config={"spans_key": SPANS_KEY, "annotate_ents": False, "spans_filter": None, "validate": True},
    )
    ruler.add_patterns(patterns() if pattern_list is None else pattern_list)
    return nlp


def save_with_model(model_dir: Path = MODEL_DIR) -> int:
    """Rebuild the ruler from the domain list and save it with the model in ``model_dir``
    (``nlp.to_disk``); returns the number of patterns."""
    import spacy

    nlp = spacy.load(model_dir)
    if RULER_NAME in nlp.pipe_names:
        nlp.remove_pipe(RULER_NAME)
    add_gazetteer(nlp)
    nlp.meta.setdefault("projekty", {})["gazetteer"] = {"source": DATA_FILE, "sha256": data_digest()}
    nlp.to_disk(model_dir)
    _ruler.cache_clear()
    return len(patterns())


def data_digest() -> str:
    """SHA-256 of the domain list's bytes: the saved ruler records the list it was built from."""
    return hashlib.sha256((DATA_DIR / DATA_FILE).read_bytes()).hexdigest()


def saved_is_current(model_dir: Path = MODEL_DIR) -> bool:
    """Whether the ruler saved in ``model_dir`` was built from today's domain list."""
    meta_path = model_dir / "meta.json"
    if not (model_dir / RULER_NAME).is_dir() or not meta_path.is_file():
        return False
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    return meta.get("projekty", {}).get("gazetteer", {}).get("sha256") == data_digest()


@cache
def _ruler():
    """The ruler saved with the shipped model; one built from the data when none is saved or the list
    changed since (``projekty ner gazetteer`` saves it again)."""
    import spacy

    if saved_is_current():
        others = spacy.util.load_config(MODEL_DIR / "config.cfg")["nlp"]["pipeline"]
        nlp = spacy.load(MODEL_DIR, exclude=[p for p in others if p != RULER_NAME])
        return nlp.get_pipe(RULER_NAME)
    return add_gazetteer(spacy.blank("pl")).get_pipe(RULER_NAME)


def lemma_of(word: str) -> str:
    """A word's lemma as the gazetteer reads it: morfeusz's most frequent one, lowercased (the NER
    model's ``LEMMA`` feature); a pattern word matches when this is among its own lemmas or forms."""
    return morph_features(word)[0].lower()


def token_doc(toks: list[Tok], text: str) -> Doc:
    """The rules' tokens as a spaCy ``Doc`` carrying the features the patterns test."""
    ruler = _ruler()
    doc = Doc(ruler.nlp.vocab, words=[t.text for t in toks], spaces=[False] * len(toks))
    prev_end = None
    for tok, token in zip(toks, doc, strict=True):
        w = tok.text
        token.lemma_ = lemma_of(w) if tok.is_word else w
        token._.gz_cap = w[0].isupper()
        token._.gz_upper = w.isupper() and len(w) > 1
        token._.gz_para = prev_end is not None and "\n\n" in text[prev_end : tok.start]
        prev_end = tok.end
    return doc


def _matches(toks: list[Tok], text: str) -> list[Match]:
    if not toks:
        return []
    doc = _ruler()(token_doc(toks, text))
    out = []
    for span in doc.spans[SPANS_KEY]:
        kind, _, index = span.id_.partition(":")
        out.append(Match(span.start, span.end, int(index), kind == ACRONYM_ID))
    return out


_LONGEST: dict[tuple[str, int, int, int], dict[int, tuple[int, int]]] = {}
_LONGEST_MAX = 512


def longest_names(toks: list[Tok], text: str) -> dict[int, tuple[int, int]]:
    """Start token -> ``(end token, domain index)`` of the longest name (not acronym) starting there.

    ``toks`` are the rules' tokens of some span of ``text``; the answer is cached per span, as the
    scanners ask about the same tokens many times."""
    if not toks:
        return {}
    key = (text, toks[0].start, toks[-1].end, len(toks))
    best = _LONGEST.get(key)
    if best is None:
        best = {}
        for m in _matches(toks, text):
            if not m.acronym and (m.start not in best or m.end > best[m.start][0]):
                best[m.start] = (m.end, m.entry)
        if len(_LONGEST) >= _LONGEST_MAX:
            _LONGEST.clear()
        _LONGEST[key] = best
    return best


def entity_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Character spans of domain-list names and acronyms in ``text[start:end]``, non-overlapping,
    longer first (the entities the NLP stage puts over the model's guesses)."""
    toks = tokenize(text, start, end)
    found = sorted(_matches(toks, text), key=lambda m: (-(m.end - m.start), m.start))
    taken: set[int] = set()
    out = []
    for m in found:
        if taken.isdisjoint(range(m.start, m.end)):
            taken.update(range(m.start, m.end))
            out.append((toks[m.start].start, toks[m.end - 1].end))
    return sorted(out)
