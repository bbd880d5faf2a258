"""Tokens of the organisation rules: words, numbers and single marks with their offsets."""

from __future__ import annotations

import re
from typing import NamedTuple

from pipeline.text.morph import analyse

# ",," right before a word is an opening quote typed as two commas (LGD ,,Kraina Dinozaurów”): one token
_TOKEN_RE = re.compile(r"[^\W\d_][^\W_]*(?:[-'’][^\W_]+)*|\d+(?:[.,]\d+)*|,,(?=[^\W\d_])|\S")
OPEN_QUOTES = '„"“«»‚'
CLOSE_QUOTES = '”"“»«’'
COMMA_QUOTE = ",,"


def is_open_quote(tok: str) -> bool:
    """An opening quote token, also two commas typed for „ (``,,Kraina Dinozaurów”``)."""
    return tok == COMMA_QUOTE or (len(tok) == 1 and tok in OPEN_QUOTES)


class Tok(NamedTuple):
    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()

    @property
    def is_cap(self) -> bool:
        return self.text[0].isupper()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Tok]:
    end = len(text) if end is None else end
    return [Tok(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text, start, end)]


class Span(NamedTuple):
    """A candidate name found by a scanner: token indices, and ``rule`` or ``gazetteer``."""

    start: int  # token indices
    end: int
    source: str
    quoted: bool = False  # a quoted programme name after its capitalised kind word: chosen before longer spans


def gap(text: str, a: Tok, b: Tok) -> str:
    return text[a.end : b.start]


def plain_gap(text: str, a: Tok, b: Tok) -> bool:
    """Only whitespace between the tokens, and not a paragraph break."""
    g = gap(text, a, b)
    return g.strip() == "" and "\n\n" not in g and len(g) <= 3


def cap_word_after(toks: list[Tok], k: int, text: str) -> Tok | None:
    """The token after ``toks[k]`` when it is a capitalised word with only whitespace between
    (:func:`plain_gap`): where a name may go on, else None."""
    if k + 1 >= len(toks):
        return None
    nxt = toks[k + 1]
    return nxt if nxt.is_word and nxt.is_cap and plain_gap(text, toks[k], nxt) else None


def tok_lemmas(word: str) -> frozenset[str]:
    """The word lowercased and all its lemmas (a hyphenated word also by its last part: ``polsko-niemiecki``)."""
    out = {word.lower()}
    for a in analyse(word):
        if a.pos != "ign":
            out.add(a.lemma.lower())
    if "-" in word:
        head, _, last = word.rpartition("-")
        for a in analyse(last):
            if a.pos != "ign":
                out.add(f"{head.lower()}-{a.lemma.lower()}")
    return frozenset(out)
