"""Thin, cached access to morfeusz2 (Polish morphology, dictionary shipped offline).

Lemmas are returned without morfeusz's homonym suffixes (``miasto:S`` -> ``miasto``).
Tags are the NKJP tagset strings (``subst:sg:gen:m3``); a tag slot may hold
alternatives joined by ``.`` (``gen.acc``).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache
from typing import NamedTuple

import morfeusz2

# Parts of speech (NKJP) of verb forms, in one place; each user picks the set its question needs.
# The forms that make a clause: present/future, past, "będzie", the impersonal "-no/-to", imperative, "winien".
FINITE_POS = frozenset({"fin", "praet", "bedzie", "imps", "impt", "winien"})
# The personal forms whose subject stands before them in news prose ("PKPS rozdysponował", "Fundacja zrealizowała").
PERSONAL_POS = frozenset({"fin", "praet", "bedzie"})


class Analysis(NamedTuple):
    form: str
    lemma: str
    tag: str

    @property
    def pos(self) -> str:
        return self.tag.split(":", 1)[0]

    def has(self, category: str) -> bool:
        """True if any slot of the tag allows ``category`` (e.g. ``"gen"``, ``"sg"``)."""
        return any(category in slot.split(".") for slot in self.tag.split(":"))


@cache
def _morfeusz() -> morfeusz2.Morfeusz:
    return morfeusz2.Morfeusz(expand_tags=False)


def clean_lemma(lemma: str) -> str:
    return lemma.split(":", 1)[0] if ":" in lemma[1:] else lemma


@lru_cache(maxsize=65536)
def analyse(word: str) -> tuple[Analysis, ...]:
    """All single-token analyses of ``word`` (multi-token splits are dropped)."""
    out = []
    for start, end, (form, lemma, tag, _names, _quals) in _morfeusz().analyse(word):
        if start == 0 and end == 1:
            out.append(Analysis(form, clean_lemma(lemma), tag))
    return tuple(out)


@lru_cache(maxsize=65536)
def generate(lemma: str) -> tuple[Analysis, ...]:
    """All forms of ``lemma`` with their tags."""
    try:
        forms = _morfeusz().generate(lemma)
    except RuntimeError:
        return ()
    return tuple(Analysis(f, clean_lemma(lem), tag) for f, lem, tag, _n, _q in forms)


# Adjectives of places in -ski/-cki/-dzki decline alike, so the readings of an unknown one are those of a
# known adjective with the same ending (``Ustkowski`` like ``polski``, ``Łęczeszyckiego`` like ``greckiego``):
# morfeusz's dictionary lacks most adjectives of small places, which open many local bodies' names.
_ADJ_SHAPE = re.compile(r"^(?P<stem>\w+?(?P<cl>dzk|sk|ck))(?P<end>i|iego|iemu|im|imi|ie|a|iej|ą|ich)$")
_ADJ_TEMPLATE = {"sk": "polsk", "ck": "greck", "dzk": "ludzk"}


@lru_cache(maxsize=16384)
def guess_adjective(word: str) -> tuple[Analysis, ...]:
    """Adjective readings of a word morfeusz knows as no adjective nor common word (unknown, or only a
    surname: ``Mościckiej``), shaped like an adjective in -ski/-cki/-dzki: the readings of the template
    adjective with the same ending, lemma ``<stem>i``; () otherwise."""
    m = _ADJ_SHAPE.match(word.lower())
    if m is None or len(m.group("stem")) < 5:
        return ()
    if any(a.pos == "adj" or (a.pos != "ign" and a.lemma[:1].islower()) for a in analyse(word)):
        return ()
    template = _ADJ_TEMPLATE[m.group("cl")]
    lemma = m.group("stem") + "i"
    return tuple(Analysis(word, lemma, a.tag) for a in analyse(template + m.group("end")) if a.pos == "adj")


@lru_cache(maxsize=16384)
def generate_adjective(lemma: str) -> tuple[Analysis, ...]:
    """All forms of an adjective ``lemma``; for a guessed one (:func:`guess_adjective`), the template's
    forms on its stem."""
    forms = tuple(a for a in generate(lemma) if a.pos == "adj")
    m = _ADJ_SHAPE.match(lemma)
    if forms or m is None or m.group("end") != "i":
        return forms
    stem, template = m.group("stem"), _ADJ_TEMPLATE[m.group("cl")]
    return tuple(
        Analysis(stem + a.form[len(template) :], lemma, a.tag)
        for a in generate(template + "i")
        if a.pos == "adj" and a.form.startswith(template)
    )


_WORD = re.compile(r"[^\W\d_][\w-]*")


def first_word_pos(text: str) -> str:
    """The parts of speech morfeusz reads the first word of ``text`` as (at most two, sorted, ``|``-joined):
    a feature of a line or a title candidate; ``none`` without a word."""
    m = _WORD.search(text)
    if not m:
        return "none"
    tags = sorted({a.pos for a in analyse(m.group())})
    return "|".join(tags[:2]) or "unknown"


def is_known(word: str) -> bool:
    return any(a.pos != "ign" for a in analyse(word))


def lemmas(word: str, pos: str | None = None) -> list[str]:
    """Distinct lemmas of ``word``, optionally only of one part of speech."""
    seen: dict[str, None] = {}
    for a in analyse(word):
        if a.pos != "ign" and (pos is None or a.pos == pos):
            seen.setdefault(a.lemma, None)
    return list(seen)


class Labelled(NamedTuple):
    """An analysis with morfeusz2's name and style labels (``analyse`` drops them)."""

    lemma: str
    tag: str
    names: tuple[str, ...]  # e.g. ("nazwa_pospolita",), ("nazwisko",)
    quals: tuple[str, ...]  # e.g. ("przest.",), ("pot.",)


@lru_cache(maxsize=65536)
def analyse_labelled(word: str) -> tuple[Labelled, ...]:
    """Single-token analyses of ``word`` with their labels (``gminy``: ``gmin`` is ``przest.``)."""
    out = []
    for start, end, (_form, lemma, tag, names, quals) in _morfeusz().analyse(word):
        if start == 0 and end == 1:
            out.append(Labelled(clean_lemma(lemma), tag, tuple(names or ()), tuple(quals or ())))
    return tuple(out)


@lru_cache(maxsize=8192)
def gerund_noun(verb: str, number: str = "sg") -> str | None:
    """The nominative singular of the gerund of ``verb`` (``nasadzić`` -> ``nasadzenie``), or None.

    A gerund's lemma in morfeusz2 is its verb; as a noun it is named by this form. Only the
    affirmative one (not ``nienasadzenie``).
    """
    for a in generate(verb):
        if a.pos == "ger" and a.has(number) and a.has("nom") and a.has("aff"):
            return a.form
    return None


@lru_cache(maxsize=8192)
def noun_genders(lemma: str) -> frozenset[str]:
    """Genders (``m1`` ``m2`` ``m3`` ``f`` ``n``) the noun ``lemma`` has in its own analyses."""
    genders = ("m1", "m2", "m3", "f", "n")
    out: set[str] = set()
    for a in analyse(lemma):
        if a.pos == "subst" and a.lemma.lower() == lemma.lower():
            out.update(g for g in genders if a.has(g))
    return frozenset(out)


# Abbreviations of SGJP name qualifiers (the "names" field of a morfeusz2 interpretation).
_NAME_ABBR = {
    "nazwa_pospolita": "pospol",
    "imię": "imie",
    "nazwisko": "nazw",
    "nazwa_geograficzna": "geo",
    "nazwa_organizacji": "org",
    "nazwa_firmy": "firma",
    "nazwa_obiektu": "obiekt",
    "nazwa_własna": "wlasna",
    "nazwa_rzeczy": "rzecz",
    "nazwa_zwierzęcia": "zwierz",
    "pseudonim": "pseud",
    "przydomek": "przyd",
    "etnonim": "etno",
}


@lru_cache(maxsize=200_000)
def morph_features(word: str) -> tuple[str, str]:
    """``(lemma, signature)`` for one token: the ``LEMMA`` and ``TAG`` the NER model embeds (the most
    frequent lemma, and the sorted name qualifiers / parts of speech; see :mod:`pipeline.ner.components`),
    the gazetteer's lemma too (:func:`pipeline.nlp.gazetteer.lemma_of`)."""
    if not word or len(word) > 60 or word.isspace():
        return word.lower(), "ign"
    try:
        analyses = analyse_labelled(word)  # single-token analyses, homonym suffixes removed from lemmas
    except Exception:  # morfeusz raises on odd input (control characters etc.)
        return word.lower(), "ign"
    lemmas: Counter[str] = Counter()
    names: set[str] = set()
    poses: set[str] = set()
    for a in analyses:
        pos = a.tag.split(":", 1)[0]
        if pos == "ign":
            continue
        poses.add(pos)
        lemmas[a.lemma] += 1
        for n in a.names:
            names.add(_NAME_ABBR.get(n, n[:6]))
    if not poses:
        return word.lower(), "ign"
    lemma = lemmas.most_common(1)[0][0]
    sig = "+".join(sorted(names)) + "/" + "+".join(sorted(poses))
    return lemma, sig
