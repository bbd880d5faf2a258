"""The one acronym test every stage shares: all-caps words (``ZMP``) and mixed ones (``MSWiA``)."""

from __future__ import annotations

import re

UPPER = "A-ZĄĆĘŁŃÓŚŹŻÀ-ÖØ-ÞČĎĚŇŘŠŤŮŽ"
LOWER = "a-ząćęłńóśźżß-öø-ÿčďěňřšťůž"
_ACRONYM_RE = re.compile(rf"[{UPPER}](?:[{UPPER}]|[{LOWER}](?=[{UPPER}]))+")
_ROMAN_RE = re.compile(r"[IVXLCDM]+")


def is_acronym(word: str) -> bool:
    """``ZMP``, ``MSWiA``, ``NFOŚiGW``, ``ČR``: two or more capitals, lowercase only between capitals."""
    if not _ACRONYM_RE.fullmatch(word):
        return False
    return sum(c.isupper() for c in word) >= 2


def is_roman(word: str) -> bool:
    """A Roman numeral (``XIV``): all-caps like an acronym, but a number."""
    return bool(_ROMAN_RE.fullmatch(word))


def caps_acronym(word: str) -> bool:
    """A word in capitals that is an acronym rather than a word written in capitals: short, at most one
    vowel, and morfeusz reads it as an acronym or not at all (``LZS``, ``PTTK``, ``OSP``; not ``GMINA``, nor
    ``JANA``, which morfeusz also reads as one)."""
    from pipeline.text.morph import analyse, is_known

    vowels = sum(c in "AEIOUYĄĘÓ" for c in word)
    if len(word) > 5 or vowels > 1:
        return False
    return any(a.lemma == word for a in analyse(word)) or not is_known(word.lower())
