"""Rule-based extraction of amounts of money from raw Polish text.

Works on the raw characters, not on spaCy tokens (the Polish tokenizer glues
numbers to words: ``wysokości1``, ``000zł``).  The vocabulary (currency words
and symbols, scale words, range connectors) lives in
``pipeline/data/currencies.yaml``; the regular expression is built from it once,
on first use.

An amount is ``NUMBER [SCALE] CURRENCY`` (``3,25 mln zł``, ``845 000zł``,
``260 tys. USD``) or ``CURRENCY NUMBER [SCALE]`` for codes and symbols
(``USD 1 000 000``, ``€500``), or number words before a currency word
(``dziesięć tysięcy złotych``, ``pół miliona euro``; read by
:mod:`pipeline.extract.numerals`, exact values only).  A number without a
currency is never an amount (``2 mln mieszkańców``, years, counts).

Numbers:

* ``,`` is the decimal separator (``3,25``); a comma is never read as a
  thousands separator.  A stray blank on one side of the comma before two
  decimals is still one number (``803 600, 00 zł``, ``7 483 ,00 zł``).
* thousands may be grouped by a space, NBSP (U+00A0), narrow NBSP (U+202F) or
  a dot (``1 250 000``, ``1.250.000,00``); a dot followed by exactly three
  digits is a thousands separator, any other dot is a decimal point
  (``1.5 mln USD``).
* the number, scale and currency may be separated by white space including
  one line break (``1 500\\nzł``) or glued (``845 000zł``); the number may be
  glued to a preceding word (``wysokości1 mln USD``).

Ranges sharing a scale and currency (``od 10 do 20 tys. zł``, ``10-20 mln zł``)
give two amounts: the first has the bare first number as evidence (``10``)
and borrows the scale (unless it has its own: ``od 500 tys. do 1 mln zł``) and
the currency of the second; the second is the usual ``20 tys. zł``.  Two
amounts with disjoint evidence keep the "one value, one quote" rule of the
amounts table; the reader sees both ends of the range.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from typing import Any

from pipeline.core.datatypes import Money
from pipeline.extract.numerals import words_to_value
from pipeline.ruledata.resources import load_yaml

# White space allowed between the parts of an amount: blanks, at most one line break.
_SP = r"[ \t\u00a0\u202f]*(?:\r?\n[ \t\u00a0\u202f]*)?"
# A number: space/NBSP/narrow-NBSP-grouped thousands, dot-grouped thousands, or plain
# digits with an optional decimal part.  Never starts inside another number.  ASCII
# digits only (``\d`` would also take other scripts' digits).
# Nor inside a space-grouped one: not right after a group of 1-3 digits and a space ("999 999 999 ..."
# would otherwise be tried from every group, which is quadratic); "w 2019 500 zł" still reads 500 zł.
_NOT_IN_GROUPS = "".join(rf"(?<!(?<!\d){d}[ \u00a0\u202f])" for d in (r"\d", r"\d\d", r"\d\d\d"))
# Decimals: ``,25``; a stray blank on one side of the comma before two decimals is a typing slip of
# real pages (``803 600, 00 zł``, ``7 483 ,00 zł``), still one number (the currency must follow).
_DEC = r"(?:,[0-9]+|[ \u00a0],[0-9]{2}(?![0-9])|,[ \u00a0][0-9]{2}(?![0-9]))"
_NUM = (
    r"(?<!\d)(?<!\d[.,])" + _NOT_IN_GROUPS + rf"(?:[0-9]{{1,3}}(?:[ \u00a0\u202f][0-9]{{3}})+{_DEC}?"
    rf"|[0-9]{{1,3}}(?:\.[0-9]{{3}})+{_DEC}?"
    rf"|[0-9]+(?:{_DEC}|\.[0-9]+)?)"
    r"(?![\d])"
)
_NOT_LETTER_AFTER = r"(?![^\W\d_])"
_NOT_LETTER_BEFORE = r"(?<![^\W\d_])"


_MAX_NUMBER_WORDS = 6  # "dwa miliony trzysta pięćdziesiąt tysięcy" and a word before it


class _Grammar:
    """The compiled pattern and the lookup tables it needs, built from the data file."""

    def __init__(self, data: dict[str, Any]):
        self.currency_after: dict[str, str] = {}
        self.currency_before: dict[str, str] = {}
        for code, forms in data["currencies"].items():
            for form in forms["after"]:
                self.currency_after[_key(form)] = code
            for form in forms["before"]:
                self.currency_before[_key(form)] = code
        self.scales: dict[str, int] = {}
        for entry in data["scales"]:
            self.scales[_key(entry["form"])] = int(entry["multiplier"])

        scale = _alternation(self.scales, abbreviation_dot=True)
        cur_after = _alternation(self.currency_after)
        cur_before = _alternation(self.currency_before)
        dot_follow = data["abbreviation_dot_if_followed_by"]
        conn = data["range_connectors"]
        dashes = "|".join(re.escape(d) for d in conn["dashes"])
        words = "|".join(re.escape(w) for w in conn["words"])
        connector = rf"(?:{_SP}(?:{dashes}){_SP}|\s+(?:{words})\s+)"

        suffix_form = (
            # optional first end of a range: NUMBER [SCALE] CONNECTOR
            rf"(?:(?P<num1>{_NUM})(?:{_SP}(?P<scale1>{scale}))?{connector})?"
            rf"(?P<num>{_NUM})(?:{_SP}(?P<scale>{scale}))?{_SP}"
            rf"(?P<cur>{cur_after})"
            # a dot after a currency word is kept only mid-sentence ("10 zł. brutto")
            rf"(?P<dot>(?<=[^\W\d_])\.(?=(?-i:{dot_follow})))?"
        )
        prefix_form = (
            rf"{_NOT_LETTER_BEFORE}(?P<pcur>{cur_before})[ \t\u00a0\u202f]*"
            rf"(?P<pnum>{_NUM})(?:{_SP}(?P<pscale>{scale}))?"
        )
        self.pattern = re.compile(rf"{suffix_form}|{prefix_form}", re.IGNORECASE)
        # number words before a currency word: "dziesięć tysięcy złotych", "pół miliona euro"
        word_currencies = {f: c for f, c in self.currency_after.items() if f.isalpha()}
        self.words_pattern = re.compile(
            rf"{_NOT_LETTER_BEFORE}(?P<words>(?:[^\W\d_]+[ \t\u00a0]+){{1,{_MAX_NUMBER_WORDS}}})"
            rf"(?P<cur>{_alternation(word_currencies)})",
            re.IGNORECASE,
        )


def _key(form: str) -> str:
    return str(form).casefold()


def _alternation(forms: dict[str, Any], abbreviation_dot: bool = False) -> str:
    """Regex alternation of ``forms``, longest first, each a whole word."""
    parts = []
    for form in sorted(forms, key=len, reverse=True):
        p = re.escape(form)
        if form[-1].isalpha():
            # whole word; an abbreviated scale may carry its dot, glued or not ("tys.USD")
            p += rf"(?:\.|{_NOT_LETTER_AFTER})" if abbreviation_dot else _NOT_LETTER_AFTER
        parts.append(p)
    return "(?:" + "|".join(parts) + ")"


@cache
def _grammar() -> _Grammar:
    return _Grammar(load_yaml("currencies.yaml"))


def parse_number(raw: str) -> Decimal:
    """Value of a number as written: ``3,25`` -> 3.25, ``1.250.000,00`` -> 1250000, ``845 000`` -> 845000."""
    s = re.sub(r"[ \u00a0\u202f]", "", raw)
    if re.fullmatch(r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?", s):
        s = s.replace(".", "")
    return Decimal(s.replace(",", "."))


def _scale(g: _Grammar, word: str | None) -> int:
    return g.scales[_key(word.rstrip("."))] if word else 1


# A number that is an exponent or the tail of scientific notation (``10^30 zł``, ``1e30 zł``,
# ``2*10**6 zł``) is not an amount: read alone it would state a wrong value.
_EXPONENT_BEFORE = re.compile(r"(?:\^|\*\*|[0-9][eE][+-]?)[ \t]*$")


def _in_power_notation(window: str, m: re.Match) -> bool:
    first = m.start("num1") if m.group("num1") is not None else m.start("num")
    if m.group("pnum") is not None:
        first = m.start("pnum")
    if first is None or first < 0:
        return False
    return bool(_EXPONENT_BEFORE.search(window, max(0, first - 4), first))


def extract_money(text: str, start: int = 0, end: int | None = None) -> list[Money]:
    """All amounts of money in ``text[start:end]``, with offsets into ``text``."""
    g = _grammar()
    end = len(text) if end is None else end
    window = text[start:end]
    out: list[Money] = []
    for m in g.pattern.finditer(window):
        if _in_power_notation(window, m):
            continue
        if m.group("pcur") is not None:
            currency = g.currency_before[_key(m.group("pcur"))]
            value = parse_number(m.group("pnum")) * _scale(g, m.group("pscale"))
            out.append(_money(window, start, m.start(), m.end(), value, currency))
            continue
        currency = g.currency_after[_key(m.group("cur"))]
        scale = _scale(g, m.group("scale"))
        value = parse_number(m.group("num")) * scale
        if m.group("num1") is not None:
            own_scale = m.group("scale1")
            first = parse_number(m.group("num1")) * (_scale(g, own_scale) if own_scale else scale)
            if not own_scale and first > value:
                # "od 900 do 1,2 mln zł": borrowing the scale would invert the range
                first = parse_number(m.group("num1"))
            first_end = m.end("scale1") if own_scale else m.end("num1")
            out.append(_money(window, start, m.start("num1"), first_end, first, currency))
        out.append(_money(window, start, m.start("num"), m.end(), value, currency))
    taken = [(a.char_start, a.char_end) for a in out]
    words = [
        w for w in _word_amounts(g, window, start) if not any(a < w.char_end and w.char_start < b for a, b in taken)
    ]
    return sorted(out + words, key=lambda a: a.char_start)


def _word_amounts(g: _Grammar, window: str, offset: int) -> list[Money]:
    """Amounts written in words before a currency word: ``dziesięć tysięcy złotych`` -> 10 000 PLN,
    ``pół miliona euro``; the longest run of number words right before the currency, exact values only
    (``kilka tysięcy złotych`` states no value)."""
    out = []
    for m in g.words_pattern.finditer(window):
        words = m.group("words").split()
        for i in range(len(words)):
            value = words_to_value(" ".join(words[i:]))
            if isinstance(value, int) and value > 0:
                s = m.start("words") + _nth_word_start(m.group("words"), i)
                out.append(_money(window, offset, s, m.end(), Decimal(value), g.currency_after[_key(m.group("cur"))]))
                break
    return out


def _nth_word_start(words: str, n: int) -> int:
    return [w.start() for w in re.finditer(r"\S+", words)][n]


def _money(window: str, offset: int, s: int, e: int, value: Decimal, currency: str) -> Money:
    return Money(
        value=float(value),
        currency=currency,
        raw_text=window[s:e],
        char_start=offset + s,
        char_end=offset + e,
    )
