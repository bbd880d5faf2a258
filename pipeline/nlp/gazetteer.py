"""The one gazetteer: a spaCy SpanRuler over the domain list of recurring bodies (data/domain_orgs.yaml).

Its patterns are saved with the NER model (``pipeline/models/ner_pl/gazetteer``, via ``to_disk``;
``projekty ner gazetteer`` rebuilds them) and it is the only matcher of domain-list names: the NLP
stage uses it to override the model's guesses on known bodies, the extract stage to find names, to
stop name boundaries and to read each mention's entry, which resolution links by
(:func:`pipeline.resolve.nominative.name_reading`). spaCy is imported when the ruler is first used, not with
this module: the release process imports the stages' modules but never runs the ruler.

It runs on the rules' tokens (:func:`pipeline.text.tokens.tokenize`), carried into a spaCy ``Doc`` whose
``LEMMA`` is the word's most frequent morfeusz lemma and whose ``TAG`` is its letter case (``Cap``: first
letter upper case; ``Upper``: an all-caps word of two or more letters; ``low``; ``x``: not a word), with a
``¶`` token wherever a paragraph break separates two tokens. So:

* a pattern word matches when the token's lemma is among its own lemmas and forms: one pattern per name
  covers every inflected form (``Ministerstwa Spraw Zagranicznych``);
* a name's first word is capitalised in the text (``Cap``), and no word of it is an all-caps heading's
  (``UNIĄ EUROPEJSKĄ``), while acronyms inside names match as written (``LOWER``);
* a name never runs across paragraphs (no pattern matches ``¶``).

Every feature is a core attribute set when the ``Doc`` is made, and a name's first word is an exact
``LEMMA`` + ``TAG`` pair (a variant per lemma), so the matcher compares hashes; only the tokens from a
word that can start a name on, as far as the longest pattern reaches, are handed to it.
Matches are kept per text by character offsets: the NLP stage, the scanners and the boundary checks ask
about the same record, its sentences and slices of its tokens, and the record is matched once.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from pipeline.ner import GAZETTEER_PIPE as RULER_NAME
from pipeline.ner import MODEL_DIR
from pipeline.ruledata.domain_orgs import domain_orgs
from pipeline.ruledata.resources import DATA_DIR
from pipeline.text.morph import morph_features
from pipeline.text.tokens import CLOSE_QUOTES, OPEN_QUOTES, Tok, tok_lemmas, tokenize

if TYPE_CHECKING:  # spaCy is imported when the ruler is first used, not with this module
    from spacy.tokens import Doc

SPANS_KEY = "gazetteer"
NAME_ID = "name"  # pattern id "name:<domain index>": a name or alias
DATA_FILE = "domain_orgs.yaml"
ACRONYM_ID = "acronym"  # "acronym:<domain index>": an acronym, matched as written
_QUOTES = sorted(set(OPEN_QUOTES + CLOSE_QUOTES))


PARAGRAPH = "¶"  # the token standing for a paragraph break between two tokens
CAP, UPPER, LOW, NOT_WORD = "Cap", "Upper", "low", "x"


def case_tag(word: str) -> str:
    """The letter-case class the patterns test (the ``TAG`` of the gazetteer's tokens)."""
    if not word[:1].isalpha():
        return NOT_WORD
    if word.isupper() and len(word) > 1:
        return UPPER
    return CAP if word[0].isupper() else LOW


def _word_patterns(tok: Tok, first: bool) -> list[dict]:
    """The pattern token(s) for one word of a name; a name's first word gives exact variants (one per
    lemma, or per case class), so the matcher compares hashes, not sets, at every token of a page. An
    all-caps token's lemma is marked (:func:`lemma_of`), so a lemma never matches a heading's word."""
    if not tok.is_word:
        return [{"ORTH": {"IN": _QUOTES}} if tok.text in _QUOTES else {"ORTH": tok.text}]
    if tok.text.isupper() and len(tok.text) > 1:  # an acronym inside a name matches as written
        low = tok.text.lower()
        return [{"LOWER": low, "TAG": CAP}, {"LOWER": low, "TAG": UPPER}] if first else [{"LOWER": low}]
    keys = sorted(tok_lemmas(tok.text))
    if first:
        return [{"LEMMA": key, "TAG": CAP} for key in keys]
    return [{"LEMMA": keys[0]} if len(keys) == 1 else {"LEMMA": {"IN": keys}}]


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

    import pipeline.ner.components  # noqa: F401  (registers the model's morfeusz_features factory)

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

    if not saved_is_current():
        return add_gazetteer(spacy.blank("pl")).get_pipe(RULER_NAME)
    # the component as the model folder configures it, its patterns from its own folder (the rest of the
    # model is not needed to match, and is not loaded)
    config = spacy.util.load_config(MODEL_DIR / "config.cfg")["components"][RULER_NAME]
    settings = {k: v for k, v in config.items() if k != "factory"}
    ruler = spacy.blank("pl").add_pipe("span_ruler", name=RULER_NAME, config=settings)
    ruler.from_disk(MODEL_DIR / RULER_NAME)
    return ruler


ALL_CAPS_MARK = "⇑"


def lemma_of(word: str) -> str:
    """A word's lemma as the gazetteer reads it: morfeusz's most frequent one, lowercased (the NER model's
    ``LEMMA`` feature); a pattern word matches when this is among its own lemmas or forms. An all-caps
    word's is marked, so no name's word matches a heading's."""
    if word.isupper() and len(word) > 1:
        return ALL_CAPS_MARK + word.lower()
    return morph_features(word)[0].lower()


@dataclass(frozen=True)
class _Starts:
    """What can start a match, read from the ruler's own patterns: a capitalised word with one of
    these lemmas, a capitalised or all-caps word written so, an acronym's first token; and how many
    tokens the longest pattern has."""

    lemmas: frozenset[str]
    lowers: frozenset[str]
    orths: frozenset[str]
    longest: int


@cache
def _starts() -> _Starts:
    lemmas, lowers, orths, longest = set(), set(), set(), 1
    for p in _ruler().patterns:
        first = p["pattern"][0]
        longest = max(longest, len(p["pattern"]))
        if isinstance(first.get("LEMMA"), str):
            lemmas.add(first["LEMMA"])
        elif isinstance(first.get("LOWER"), str):
            lowers.add(first["LOWER"])
        elif isinstance(first.get("ORTH"), str):
            orths.add(first["ORTH"])
        else:
            raise ValueError(f"gazetteer pattern {p['id']}: its first token is not an exact LEMMA, LOWER or ORTH")
    return _Starts(frozenset(lemmas), frozenset(lowers), frozenset(orths), longest)


def _can_start(tok: Tok, starts: _Starts) -> bool:
    w = tok.text
    if w in starts.orths:
        return True
    tag = case_tag(w)
    if tag == UPPER:
        return w.lower() in starts.lowers
    return tag == CAP and (w.lower() in starts.lowers or lemma_of(w) in starts.lemmas)


def _windows(toks: list[Tok]) -> list[int]:
    """Indices of the tokens a match can touch: those from a possible first word on, as far as the
    longest pattern reaches (most of a page's words start no name and are never handed to the matcher)."""
    starts = _starts()
    keep: list[int] = []
    reach = -1
    for i, tok in enumerate(toks):
        if _can_start(tok, starts):
            reach = max(reach, i + starts.longest - 1)
        if i <= reach:
            keep.append(i)
    return keep


def token_doc(toks: list[Tok], text: str, keep: list[int]) -> tuple[Doc, list[int]]:
    """The rules' tokens of ``keep`` as a spaCy ``Doc`` with the lemmas, case tags and
    paragraph tokens the patterns test, and for each of its tokens the index of the rules' token (-1 for a
    ``¶``: a paragraph break, or a gap where tokens were left out)."""
    from spacy.tokens import Doc

    words: list[str] = []
    lemmas: list[str] = []
    tags: list[str] = []
    index: list[int] = []
    prev = None
    for i in keep:
        tok = toks[i]
        if prev is not None and (i != prev + 1 or "\n\n" in text[toks[prev].end : tok.start]):
            words.append(PARAGRAPH)
            lemmas.append(PARAGRAPH)
            tags.append(NOT_WORD)
            index.append(-1)
        w = tok.text
        words.append(w)
        lemmas.append(lemma_of(w) if tok.is_word else w)
        tags.append(case_tag(w))
        index.append(i)
        prev = i
    doc = Doc(_ruler().nlp.vocab, words=words, spaces=[False] * len(words), lemmas=lemmas, tags=tags)
    return doc, index


class _Found(NamedTuple):
    """A match by character offsets in the text."""

    start: int
    end: int
    entry: int
    acronym: bool


def _match_tokens(toks: list[Tok], text: str) -> list[_Found]:
    keep = _windows(toks)
    if not keep:
        return []
    doc, index = token_doc(toks, text, keep)
    out = []
    for span in _ruler()(doc).spans[SPANS_KEY]:
        kind, _, entry = span.id_.partition(":")
        first, last = toks[index[span.start]], toks[index[span.end - 1]]
        out.append(_Found(first.start, last.end, int(entry), kind == ACRONYM_ID))
    return out


class _TextIndex:
    """The matches found so far in one text: the spans matched, and every match inside them."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []
        self.found: list[_Found] = []

    def covers(self, a: int, b: int) -> bool:
        return any(s <= a and b <= e for s, e in self.spans)


_INDEX: dict[str, _TextIndex] = {}
_INDEX_TEXTS = 4  # documents kept (a corpus is processed one document at a time)


def found_in(text: str, a: int, b: int) -> list[_Found]:
    """Every match (names and acronyms) lying in ``text[a:b]``, by character offsets. A span inside one
    matched before is answered from it: matching the tokens of a span finds exactly the matches of a
    larger span that lie inside it."""
    index = _INDEX.get(text)
    if index is None:
        if len(_INDEX) >= _INDEX_TEXTS:
            _INDEX.pop(next(iter(_INDEX)))
        index = _INDEX[text] = _TextIndex()
    if not index.covers(a, b):
        index.found += [m for m in _match_tokens(tokenize(text, a, b), text) if not index.covers(m.start, m.end)]
        index.spans.append((a, b))
    return [m for m in index.found if a <= m.start and m.end <= b]


def match_record(text: str, a: int, b: int) -> None:
    """Match a record's span once, so its sentences and slices are answered from it."""
    found_in(text, a, b)


_LONGEST: dict[tuple[str, int, int, int], dict[int, tuple[int, int]]] = {}
_LONGEST_MAX = 512
SHORT_TEXT = 300  # a name looked up on its own (resolution) is matched directly, not kept in the index


def longest_names(toks: list[Tok], text: str) -> dict[int, tuple[int, int]]:
    """Start token -> ``(end token, domain index)`` of the longest name (not acronym) starting there.

    ``toks`` are the rules' tokens of some span of ``text`` (all of them, in order); the answer is kept
    per span, as the scanners ask about the same tokens many times."""
    if not toks:
        return {}
    key = (text, toks[0].start, toks[-1].end, len(toks))
    best = _LONGEST.get(key)
    if best is not None:
        return best
    found = _match_tokens(toks, text) if len(text) <= SHORT_TEXT else found_in(text, toks[0].start, toks[-1].end)
    at = {t.start: i for i, t in enumerate(toks)}
    ends = {t.end: i + 1 for i, t in enumerate(toks)}
    best = {}
    for m in found:
        if m.acronym or m.start not in at or m.end not in ends:
            continue
        i, end = at[m.start], ends[m.end]
        if i not in best or end > best[i][0]:
            best[i] = (end, m.entry)
    if len(_LONGEST) >= _LONGEST_MAX:
        _LONGEST.clear()
    _LONGEST[key] = best
    return best


def entity_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Character spans of domain-list names and acronyms in ``text[start:end]``, non-overlapping,
    longer first (the entities the NLP stage puts over the model's guesses)."""
    found = sorted(found_in(text, start, end), key=lambda m: (-(m.end - m.start), m.start))
    taken: list[tuple[int, int]] = []
    for m in found:
        if all(m.end <= s or e <= m.start for s, e in taken):
            taken.append((m.start, m.end))
    return sorted(taken)
