"""Sentence spans over raw text, aware of Polish abbreviations.

KPWr (our NER training data) is one sentence per example, so the model is fed
sentences, never whole paragraphs; role cues are also read per sentence.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.ruledata.resources import load_yaml


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(a.lower() for a in load_yaml("abbreviations.yaml")["no_sentence_end"])


_CANDIDATE = re.compile(r"[.!?…]+[\"”»)]*(?=\s+[\"„«(]?[A-ZĄĆĘŁŃÓŚŹŻ0-9])|\n\s*\n|\n(?=\s*[-–•])")
_LAST_WORD = re.compile(r"(\S+)$")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of ``text[start:end]``, whitespace trimmed.

    A line break also ends a sentence when the line does not continue it: the
    next line starts with an upper-case letter and the line ends without a
    comma or connector (web pages lose their paragraph markup to single
    newlines).
    """
    end = len(text) if end is None else end
    cuts = [start]
    for m in _CANDIDATE.finditer(text, start, end):
        chunk = text[max(cuts[-1], m.start() - 40) : m.start() + 1]  # bounded: the word before the dot
        word = _LAST_WORD.search(chunk)
        if m.group().startswith(".") and word and word.group(1).lower().rstrip(".") + "." in _abbreviations():
            continue
        cuts.append(m.end())
    for m in re.finditer(r"\n", text[start:end]):
        pos = start + m.start()
        before = text[max(start, pos - 200) : pos].rstrip()
        after = text[pos + 1 : min(end, pos + 200)].lstrip()
        if before and after[:1].isupper() and before[-1:] not in ",;:-–(" and not before.endswith(" i"):
            cuts.append(pos + 1)
    cuts = sorted(set(cuts)) + [end]
    spans = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
    return spans
