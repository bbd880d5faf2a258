"""Sentence spans over raw text, aware of Polish abbreviations.

KPWr (our NER training data) is one sentence per example, so the model is fed
sentences, never whole paragraphs; role cues are also read per sentence
(:mod:`pipeline.roles.assign`), with the organisation mentions kept whole.
The abbreviations after which a full stop does not end a sentence are data:
``pipeline/data/abbreviations.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from pipeline.ruledata.resources import load_yaml


@cache
def abbreviations() -> frozenset[str]:
    """The abbreviations (lowercased, with their stop) after which a full stop ends no sentence."""
    return frozenset(a.lower() for a in load_yaml("abbreviations.yaml")["no_sentence_end"])


def is_abbreviation(word: str) -> bool:
    """``word``, as written before a full stop (with or without its own dots: ``ul``, ``m.in.``), is one after
    which the stop ends no sentence."""
    return word.lower().rstrip(".") + "." in abbreviations()


# a word without a vowel, not an acronym in capitals: Polish writes such words only as abbreviations (``Wlkp``,
# ``w`` for wiek, ``mb``, ``cd``, ``r`` glued to a year: ``2014r``)
_VOWEL = re.compile(r"[aeiouyąęó]", re.IGNORECASE)


def _abbreviated(word: str) -> bool:
    """``word`` (without its stop) is an abbreviation: a listed one, or letters with no vowel among them."""
    letters = "".join(c for c in word if c.isalpha())
    return is_abbreviation(word) or (bool(letters) and not _VOWEL.search(letters) and not letters.isupper())


# What closes a title line besides its stop: a dash or colon before the body, a comma, a table's pipe.
TITLE_END_MARKS = " -–—:,|"


def trim_title_end(title: str, marks: str = TITLE_END_MARKS) -> str:
    """``title`` without the ``marks`` and the full stop that end its sentence or list item, but with an
    abbreviation's stop (``w Gorzowie Wlkp.``, ``z XIX w.``, ``w 2014 r.``): the answer keys keep that one (dev keys:
    of the titles a page writes before a stop, 64 keep it, most after an abbreviation; 1 002 drop it, none after a
    listed abbreviation)."""
    while True:
        trimmed = title.rstrip(marks)
        words = trimmed[:-1].split() if trimmed.endswith(".") and not trimmed.endswith("..") else []
        if words and _abbreviated(words[-1]):
            return trimmed
        trimmed = trimmed.rstrip(".")
        if trimmed == title:
            return title
        title = trimmed


_CANDIDATE = re.compile(r"[.!?…]+[\"”»)]*(?=\s+[\"„«(]?[A-ZĄĆĘŁŃÓŚŹŻ0-9])|\n\s*\n|\n(?=\s*[-–•])")
_LAST_WORD = re.compile(r"(\S+)$")
# initials and dotted initialisms ("J. Kowalski", "p. A. Bartuś", "K.S. Złoczewia", "L.K.S. Orzeł"): their full
# stop ends no sentence; a lone I, V or X is more likely a Roman numeral ending one ("Etap I. Następnie")
_INITIALS = re.compile(r"(?:[A-ZĄĆĘŁŃÓŚŹŻ]\.)*[A-ZĄĆĘŁŃÓŚŹŻ]")


def _is_initials(word: str) -> bool:
    w = word.rstrip(".").lstrip('("„«')
    return _INITIALS.fullmatch(w) is not None and w not in ("I", "V", "X")


def split_sentences(
    text: str,
    start: int = 0,
    end: int | None = None,
    keep_together: Sequence[tuple[int, int]] = (),
    continued_lines: bool = True,
) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of ``text[start:end]``, whitespace trimmed.

    A line break also ends a sentence when the line does not continue it: the
    next line starts with an upper-case letter and the line ends without a
    comma, colon or connector (web pages lose their paragraph markup to single
    newlines). ``continued_lines=False``: every such line break ends a sentence,
    so a label line (``Źródło finansowania:``) stays apart from its value, as role
    cues are read. No line break inside one of the ``keep_together`` spans (the
    organisation mentions: ``Międzynarodowym\\nCentrum``) ends a sentence.
    """
    end = len(text) if end is None else end

    def kept(pos: int) -> bool:
        return any(s < pos < e for s, e in keep_together)

    cuts = [start]
    for m in _CANDIDATE.finditer(text, start, end):
        chunk = text[max(cuts[-1], m.start() - 40) : m.start() + 1]  # bounded: the word before the dot
        word = _LAST_WORD.search(chunk)
        if m.group().startswith(".") and word and is_abbreviation(word.group(1)):
            continue
        if m.group() == "." and word and _is_initials(word.group(1)):
            continue
        if m.group().startswith("\n") and kept(m.start()):
            continue
        cuts.append(m.end())
    for m in re.finditer(r"\n", text[start:end]):
        pos = start + m.start()
        before = text[max(start, pos - 200) : pos].rstrip()
        after = text[pos + 1 : min(end, pos + 200)].lstrip()
        continues = continued_lines and (before[-1:] in ",;:-–(" or before.endswith(" i"))
        ends = before and after[:1].isupper() and not continues
        if ends and not kept(pos):
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
