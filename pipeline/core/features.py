"""Feature values shared by the trained components (the segmenter's CRF, the organisation acceptor)."""

from __future__ import annotations

import re
from collections.abc import Sequence


def bucket(n: float, cuts: Sequence[float]) -> str:
    """The bin of ``n`` among ascending ``cuts`` (``<=3``, ``>50``): a number as an indicator feature, so a
    linear model can weigh small and large values differently."""
    for c in cuts:
        if n <= c:
            return f"<={c:g}"
    return f">{cuts[-1]:g}"


CUE_LETTERS = 12  # how much of a cue phrase a trained model reads as a feature


def cue_letters(cue: str) -> str:
    """A cue phrase's first letters as a feature value, lowercased, its blanks one space each: a cue read over a
    line break (``przy`` at a line's end, ``wsparciu`` on the next) is the same cue, and a feature name must hold
    no line break (crfsuite writes its model's features one per line, and ``Tagger.info`` cannot read them back)."""
    return " ".join(cue.lower().split())[:CUE_LETTERS]


_WORD = re.compile(r"[^\W\d_][\w-]*|\d+")
NEIGHBOUR_CHARS = 60  # how far the words around a span are looked for


def neighbour_words(text: str, start: int, end: int, lo: int, hi: int) -> dict[str, float]:
    """The cue words around ``text[start:end]`` inside ``lo``..``hi`` (its record), lowercased, as features:
    the word before (``prev=``), the two before (``prev2=``) and the word after (``next=``); ``<s>`` and
    ``</s>`` where there is none. The acceptor and the role model read a mention's context so."""
    before = [w.lower() for w in _WORD.findall(text[max(lo, start - NEIGHBOUR_CHARS) : start])][-2:]
    after = [w.lower() for w in _WORD.findall(text[end : min(hi, end + NEIGHBOUR_CHARS)])][:1]
    f = {f"prev={before[-1] if before else '<s>'}": 1.0, f"next={after[0] if after else '</s>'}": 1.0}
    if len(before) == 2:
        f[f"prev2={before[0]} {before[1]}"] = 1.0
    return f
