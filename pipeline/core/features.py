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
