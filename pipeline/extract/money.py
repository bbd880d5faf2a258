"""Rule-based extraction of amounts of money from raw Polish text.

Works on the raw characters, not on spaCy tokens (the Polish tokenizer glues
numbers to words: ``wysokości1``, ``000zł``).  The vocabulary (currency words
and symbols, scale words, range connectors) lives in
``pipeline/data/currencies.yaml``; the regular expression is built from it once,
on first use.

An amount is ``NUMBER [SCALE] CURRENCY`` (``3,25 mln zł``, ``845 000zł``,
``260 tys. USD``) or ``CURRENCY NUMBER [SCALE]`` for codes and symbols
(``USD 1 000 000``, ``€500``).  A number without a currency is never an
amount (``2 mln mieszkańców``, years, counts).

Numbers:

* ``,`` is the decimal separator (``3,25``); a comma is never read as a
  thousands separator.
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
the currency of the second; the second is the usual ``20 tys. zł``. A number
that cannot be a range's first end (a year or a list item's number before the
dash that introduces its amount, a range downwards or over more than one order
of magnitude) gives no amount: :func:`_range_start`.  Two
amounts with disjoint evidence keep the "one value, one quote" rule of the
amounts table; the reader sees both ends of the range.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from functools import cache
from typing import Any

from pipeline.core.datatypes import Money
from pipeline.extract.numerals import parse_words
from pipeline.ruledata.resources import load_yaml

# White space allowed between the parts of an amount: blanks, at most one line break.
_SP = r"[ \t\u00a0\u202f]*(?:\r?\n[ \t\u00a0\u202f]*)?"
# A number: space/NBSP/narrow-NBSP-grouped thousands, dot-grouped thousands, or plain
# digits with an optional decimal part.  Never starts inside another number.  ASCII
# digits only (``\d`` would also take other scripts' digits).
# Nor inside a space-grouped one: not right after a group of 1-3 digits and a space ("999 999 999 ..."
# would otherwise be tried from every group, which is quadratic); "w 2019 500 zł" still reads 500 zł.
# A number that cannot be such an inner group may start there: one whose first group has one or two digits (``8
# 69 922,53 zł``: a table's count, then the amount; ``91,75 50 000,00 zł``: a score, then the amount).
_NOT_IN_GROUPS = (
    r"(?:(?=[0-9]{1,2}(?![0-9]))|"
    + "".join(
        rf"(?<!(?<!\d){d}{sp})"
        for d in (r"\d", r"\d\d", r"\d\d\d")
        for sp in (r"[ \u00a0\u202f]", r"[ \u00a0\u202f]{2}")
    )
    + ")"
)
# No number starts with a zero before another digit (``600. 000 zł`` is no amount of nothing) but the smaller part of
# an amount written in parts, after its scale word (``3 mln 054 tys. zł``, ``367 tysięcy 074 złotych``).
_NO_LEADING_ZERO = r"(?:(?!0[0-9])|(?<=[^\W\d_][ \u00a0])|(?<=[^\W\d_]\.[ \u00a0]))"
# Grosze typed with a stray space around the comma ("803 600, 00 zł", "7 483 ,00 zł", "174 204, 58 zł"), or after a
# dot as in English ("222 470.00 zł", "2 962 010.57 zł"): only after a number grouped in thousands by spaces and
# only two digits, so a list ("10, 20 zł") is never read as a decimal, nor dot-grouped thousands ("2.415.120").
# Thousands groups may be set apart by two blanks ("12  000,00 zł", "433  737,24 zł": a doubled space, not two
# numbers); dot-grouped thousands may end in dot grosze ("22.000.00 zł"); ungrouped digits may have ", 00" grosze
# typed with a stray space ("2750, 00 zł"), never other digits ("10, 20 zł" is a list).
_DECIMALS = r"(?:,[0-9]+|[ \u00a0],00|, [0-9]{2}(?![0-9])|\.[0-9]{2}(?![0-9]))"
# Thousands grouped by commas as in English, two groups at least ("1,020,321 zł"): one comma may be a decimal one.
_COMMA_THOUSANDS = r"[0-9]{1,3}(?:,[0-9]{3}){2,}(?:\.[0-9]{2})?"
# Dot-grouped thousands with dot grosze ("22.000.00 zł"): only two digits after the last dot
_DOT_GROSZE = r"[0-9]{1,3}(?:\.[0-9]{3})+\.[0-9]{2}"
# "500,- zł", "16 500,- CZK": a whole amount written with a dash for its grosze
_NO_GROSZE = r"(?:,-(?!-))?"
_NUM = (
    r"(?<!\d)(?<!\d[.,])"
    + _NO_LEADING_ZERO
    + _NOT_IN_GROUPS
    + r"(?:[0-9]{1,3}(?:[ \u00a0\u202f]{1,2}[0-9]{3})+"
    + _DECIMALS
    + "?"
    r"|" + _DOT_GROSZE + r"(?![0-9])"
    r"|[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?"
    r"|[0-9]{1,3}(?:\.[ \u00a0]000)+(?![0-9])"  # round thousands typed with a space after the dot: "40. 000 zł"
    r"|" + _COMMA_THOUSANDS + r"(?![,.]?[0-9])"
    r"|[0-9]{3,}, 00(?![0-9])"
    r"|[0-9]+(?:[,.][0-9]+)?)" + _NO_GROSZE + r"(?![\d])"
)
_NOT_LETTER_AFTER = r"(?![^\W\d_])"
_CAPITALISED_WORD_AFTER = r"(?=(?-i:[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]))"  # case-sensitive inside IGNORECASE patterns
_NOT_LETTER_BEFORE = r"(?<![^\W\d_])"


class _Grammar:
    """The compiled pattern and the lookup tables it needs, built from the data file."""

    def __init__(self, data: dict[str, Any], qualifiers: dict[str, str]):
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
        cur_after = _alternation(self.currency_after, glued_word=True)
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
        # a scaled figure standing alone, its currency left out (``(20 mln)``, ``otrzymało 11 tysięcy``)
        self.scaled_figure = re.compile(
            rf"(?<![\d.,])(?P<num>[0-9]{{1,3}}(?:,[0-9]+)?)[ \t\u00a0]*(?P<scale>{scale})(?!\.?[ \t\u00a0]*[0-9])",
            re.IGNORECASE,
        )
        # the larger part of an amount written in two parts ("14 tys. 400 zł", "2 mln 300 tys. zł")
        self.larger_part = re.compile(
            rf"(?<![\d.,])(?P<hnum>[0-9]{{1,3}}){_SP}(?P<hscale>{scale})[ \t\u00a0\u202f]*$", re.IGNORECASE
        )
        # words that qualify a quantity ("ponad", "blisko", "około"): the counts' vocabulary, one for both
        self.qualifiers = {_key(w): q for w, q in qualifiers.items()}
        by_length = sorted(self.qualifiers, key=len, reverse=True)
        alternation = "|".join(re.escape(w) + ("" if w.endswith(".") else _NOT_LETTER_AFTER) for w in by_length)
        self.qualifier_before = re.compile(rf"{_NOT_LETTER_BEFORE}(?P<q>{alternation})[ \t\u00a0]*$", re.IGNORECASE)
        bare = data["bare_figures"]
        self.money_word_before = re.compile(
            rf"(?<![^\W\d_]){bare['money_words']}[^\n.;]{{0,{int(bare['max_gap'])}}}$", re.IGNORECASE
        )
        # a header of money words over a column or list of figures: "Kwota przekazanej dotacji"
        self.money_header = re.compile(rf"(?<![^\W\d_]){bare['money_words']}", re.IGNORECASE)
        # a column header naming its currency, and its scale: "DOTACJI [zł]", "Kwota (PLN)", "wartość w zł",
        # "Łączna alokacja w mln €", "(tys. zł)"
        self.column_currency = re.compile(
            rf"(?:[\[(]|(?<![^\W\d_])w[ \t]+)(?:(?P<scale>{scale})[ \t]*)?(?P<cur>{cur_after})[\])]?(?![^\W\d_])",
            re.IGNORECASE,
        )
        # a currency written as a word, for amounts in number words ("dziesięć tysięcy złotych")
        word_forms = {f: c for f, c in self.currency_after.items() if f[:1].isalpha() and not f.isupper()}
        self.currency_word = re.compile(rf"{_NOT_LETTER_BEFORE}{_alternation(word_forms)}", re.IGNORECASE)


def _key(form: str) -> str:
    return str(form).casefold()


def _alternation(forms: dict[str, Any], abbreviation_dot: bool = False, glued_word: bool = False) -> str:
    """Regex alternation of ``forms``, longest first, each a whole word; with ``glued_word`` also one a capitalised
    word is glued to, as a table flattened without blanks glues its cells (``3 000,00 złPozytywna``, ``4 198
    007,96 PLNKwota dofinansowania``)."""
    parts = []
    end = rf"(?:{_NOT_LETTER_AFTER}|{_CAPITALISED_WORD_AFTER})" if glued_word else _NOT_LETTER_AFTER
    for form in sorted(forms, key=len, reverse=True):
        p = re.escape(form)
        if form[-1].isalpha():
            # whole word; an abbreviated scale may carry its dot, glued or not ("tys.USD")
            p += rf"(?:\.|{_NOT_LETTER_AFTER})" if abbreviation_dot else end
        parts.append(p)
    return "(?:" + "|".join(parts) + ")"


@cache
def _grammar() -> _Grammar:
    counts = load_yaml("counts.yaml")
    return _Grammar(load_yaml("currencies.yaml"), {w: q["qualifier"] for w, q in counts["qualifiers"].items()})


def parse_number(raw: str) -> Decimal:
    """Value of a number as written: ``3,25`` -> 3.25, ``1.250.000,00`` -> 1250000, ``845 000`` -> 845000,
    ``222 470.00`` -> 222470. Where a comma marks the grosze every dot groups thousands, also beside blanks
    (``1.234 567,00``, a mixed grouping that once failed a whole page)."""
    s = re.sub(r"[ \u00a0\u202f]", "", raw).removesuffix(",-")  # the stray space of "803 600, 00"; "500,-"
    if re.fullmatch(_COMMA_THOUSANDS, s):
        return Decimal(s.replace(",", ""))  # "1,020,321": thousands grouped by commas, English style
    if re.fullmatch(_DOT_GROSZE, s):
        whole, grosze = s.rsplit(".", 1)
        return Decimal(whole.replace(".", "") + "." + grosze)  # "22.000.00": dot thousands, dot grosze
    if "," in s or re.fullmatch(r"[0-9]{1,3}(?:\.[0-9]{3})+", s):
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
            if _range_start(window, m, first, value):
                out.append(_money(window, start, m.start("num1"), first_end, first, currency))
        begin = m.start("num")
        while m.group("num1") is None:  # "3 mln 964 tys 996 zł": each larger part before the last
            head = g.larger_part.search(window, max(0, begin - 24), begin)
            if head is None or value >= _scale(g, head["hscale"]):
                break
            begin, value = head.start(), parse_number(head["hnum"]) * _scale(g, head["hscale"]) + value
        out.append(_money(window, start, begin, m.end(), value, currency))
    out += _word_amounts(g, window, start, out)
    out += _bare_figures(g, text, window, start, out)
    return sorted((_qualified(g, window, start, a) for a in out), key=lambda a: a.char_start)


_YEAR_LIKE = re.compile(r"(?:19[0-9]{2}|20[0-9]{2})")


def _range_start(window: str, m: re.Match, first: Decimal, value: Decimal) -> bool:
    """Whether the number before a range's connector is the range's first end: a range runs upwards within one
    order of magnitude (``5 – 50 zł``, ``15 000 – 150 000 zł``, ``5-25 tys. zł``), and its first end is no token
    glued to a letter (``Młodzików U16 - 2.500 zł``) nor a year set apart from an amount written in another way
    (``Lubiana Cup 2019 - 3.300 zł``, ``boisk OKRLI 2012 – 194 836 zł``): such a number names an item of a list
    whose amount follows the dash (``UKS przy SP nr 4 – 5 000 zł``, ``40 – 7,5 tys. zł``). Publisher-folded CV
    on 3 385 dev pages (forty-fourth session): 27 first ends fewer, 25 of them no amount of the keys (years,
    numbers, counts); amounts in the page 0.9500 -> 0.9510, per record 0.6960 -> 0.6968."""
    if not first or value < first or value > 10 * first:
        return False
    if m.start("num1") and window[m.start("num1") - 1].isalpha():
        return False
    num1, num = m.group("num1"), m.group("num")
    return not (_YEAR_LIKE.fullmatch(num1) and not m.group("scale1") and not num.isdigit())


QUALIFIER_REACH = 20  # characters before an amount a qualifying word may start


def _qualified(g: _Grammar, window: str, offset: int, a: Money) -> Money:
    """The amount with the qualifier written right before it (``ponad 2 mln zł`` -> at_least); the value
    stays the stated one (annotation conventions), the evidence the amount alone."""
    s = a.char_start - offset
    m = g.qualifier_before.search(window, max(0, s - QUALIFIER_REACH), s)
    return replace(a, qualifier=g.qualifiers[_key(m.group("q"))]) if m else a


_BARE_FIGURE = re.compile(r"(?<![\d.,])(?:[0-9]{1,3}(?:[ .\u00a0][0-9]{3})+|[0-9]+),[0-9]{2}(?![\d,.]?\d)")
# a figure written as money without a sign: grosze, or thousands grouped (`2 700`, `8 880,00`, `4.000,00`)
_MONEY_FIGURE = r"(?:[0-9]{1,3}(?:[ .\u00a0][0-9]{3})+(?:,[0-9]{2})?|[0-9]+,[0-9]{2})"
# a field line's value: the figure right after the label's colon, closing the line (`Wnioskowana kwota: 8 880,00`)
_FIELD_FIGURE = re.compile(rf":[ \t\u00a0]*(?P<fig>{_MONEY_FIGURE})[ \t\u00a0]*$", re.MULTILINE)
# what makes a figure with grosze no amount: a word, a unit or a percent right after it (`1 234,50 m2`, `12,50 %`,
# `45,50 pkt`); money words and currencies would have made it an amount already
_UNIT_AFTER = re.compile(r"[ \t\u00a0]*(?:[%‰°²³]|[^\W\d_])")
# a table cell on a line of its own (a table flattened one cell per line)
_CELL_FIGURE = re.compile(rf"^[ \t\u00a0]*(?P<fig>{_MONEY_FIGURE})[ \t\u00a0]*$", re.MULTILINE)
# a list item ending in a figure after a dash (`Nowa Wieś - 3 000 000.`) among items ending in amounts
# a cell of a column whose header gives a scale (`w mln €`): a short decimal figure (`3,2`, `102,18`)
_SCALED_CELL = re.compile(r"^[ \t\u00a0]*(?P<fig>[0-9]{1,4},[0-9]{1,2})[ \t\u00a0]*$", re.MULTILINE)
_ITEM_FIGURE = re.compile(
    rf"[-–—][ \t\u00a0]*(?P<fig>{_MONEY_FIGURE})[ \t\u00a0]*(?:\([^()\n]{{1,40}}\)[ \t\u00a0]*)?[.,;]?[ \t\u00a0]*$",
    re.MULTILINE,
)
# the same with a plain figure (`– 500`): money only in a run of items read as money
_ITEM_PLAIN = re.compile(
    r"[-–—][ \t\u00a0]*(?P<fig>(?!(?:19|20)[0-9]{2}(?![0-9]))[1-9][0-9]{1,5})[ \t\u00a0]*[.,;]?[ \t\u00a0]*$",
    re.MULTILINE,
)
_ITEM_DASH = re.compile(r"[-–—][ \t\u00a0]*$")
# thousands grouped, grosze after a comma or a dot (`20.000`, `1 092 787`, `3 117 905.87`, `48 925,00`)
_GROUPED_FIGURE = re.compile(
    r"(?<![\d.,])(?:[0-9]{1,3}(?:[ \u00a0][0-9]{3})+(?:[,.][0-9]{2})?|[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]{2})?)"
    r"(?![\d]|[.,][0-9])"
)
# a row of a table flattened to one line: words, then money figures only, one per column (`Remont ul. Polnej w
# Wojnarowicach etap II 75.000 75.000`)
# a line ending in a figure (also the last cell of a table row written with pipes, `| 732 248,00 |`)
_ROW_LINE = re.compile(r"^[^\n]*[0-9][ \t\u00a0]*(?:\|[ \t\u00a0]*)?$", re.MULTILINE)
# a table cell between pipes without its spaces, as the HTML reader writes a row (`a | b | 1 200,00`)
_PIPE_CELL = re.compile(r"[^|\s](?:[^|\n]*[^|\s])?")
_PIPE_FIGURE = re.compile(r"[1-9][0-9]{0,2}(?:[ \u00a0.][0-9]{3})*(?:,[0-9]{2})?|0,[0-9]{2}")
_TAIL_TOKEN = re.compile(r"[0-9][0-9.,]*")
_LETTER_RE = re.compile(r"[^\W\d_]")
_ROW_TOKEN = re.compile(r"\S+")
_WHOLE_FIGURE = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]{2})?|[0-9]+,[0-9]{2}")  # one token: `75.000`, `12,50`
_FIRST_GROUP = re.compile(r"[1-9][0-9]{0,2}")  # a space-grouped figure's first group: `100` of `100 000`
_NEXT_GROUP = re.compile(r"[0-9]{3}(?:,[0-9]{2})?")  # a thousands group after it, the last with grosze
_MONEY_FIGURE_RE = re.compile(_MONEY_FIGURE)
MAX_ROWS_UP = 60  # lines a row looks up for its table's header
MAX_SUBHEADING = 40  # characters: a short line between a table's rows that is not its header
# whole złoty closed by `,-` (`60.000,-`, `7 000,-`, `45.600,-`)
_DASHED_FIGURE = re.compile(r"(?<![\d.,])(?P<fig>[0-9]{1,3}(?:[ .\u00a0][0-9]{3})*|[0-9]+)[ \t\u00a0]?,-(?![-\d])")
# a scaled figure (`330 tys.`, `11 tysięcy`, `5,7 mln`) whose currency is left out: money in a paragraph of amounts
# (`odnowę parku (20 mln)`, `w kwocie 60 tys., 7 tys. pozyskano z budżetu`), unless a counted noun follows it
# (`3 tys. mieszkańców`, `2 mln nowych drzew`): it takes the paragraph's currency
_NEXT_WORD = re.compile(r"[ \t\u00a0]*(?P<w>[^\W\d_]+)")
_COUNTED_POS = frozenset({"subst", "ger", "depr", "adj"})
_FUNCTION_POS = frozenset({"prep", "conj", "comp"})
CONTEXT_CHARS = 300  # how far a field line's figure looks for the amount whose currency it takes
MAX_CELL = 80  # characters: a longer line is prose, not a cell of the table
MAX_CELLS_UP = 80  # lines a cell's figure looks up for its column's header


def _bare_figures(g: _Grammar, text: str, window: str, offset: int, found: list[Money]) -> list[Money]:
    """Figures with no currency sign that are money by their place (annotation conventions: a figure in a
    money column or money line takes its context's currency): a figure with grosze in a money line with an
    amount (``koszty ogólne 35680,00 (dofinansowanie 24764,88 zł)``), the value of a money field
    (``Wnioskowana kwota wsparcia: 8 880,00`` under ``Całkowite koszty projektu: 11 439,99 zł``), a cell
    of a table whose header names its currency (``KWOTA PRZYZNANEJ DOTACJI [zł]`` over ``2 700``), and a
    figure of a list or column under a header of money words (``Wysokość dotacji wynosiła:`` over ``2020 –
    9.150,00``; ``Kwota przekazanej dotacji`` over ``10 000,00``), which takes the currency of the amounts
    around it; and a scaled figure in a paragraph of amounts (``odnowa parku (20 mln)``)."""
    reader = _BareFigures(
        g, text, window, offset, [(a.char_start - offset, a.char_end - offset, a.currency) for a in found]
    )
    for read in (
        reader.money_lines,
        reader.fields,
        reader.items,
        reader.scaled,
        reader.cells,
        reader.dashed,
        reader.cued,
        reader.grosze,
        reader.rows,
    ):
        read()
    return reader.out


class _BareFigures:
    """The passes of :func:`_bare_figures` over one window, sharing what they found and the context's currency."""

    def __init__(self, g: _Grammar, text: str, window: str, offset: int, spans: list[tuple[int, int, str]]):
        self.g, self.text, self.window, self.offset, self.spans = g, text, window, offset, spans
        self.out: list[Money] = []
        self._context: list[str | None] = []

    def free(self, s: int, e: int) -> bool:
        off = self.offset
        return not any(a < e and s < b for a, b, _ in self.spans) and not any(
            m.char_start - off < e and s < m.char_end - off for m in self.out
        )

    def add(self, s: int, e: int, value: Decimal, currency: str) -> None:
        self.out.append(_money(self.window, self.offset, s, e, value, currency))

    def context(self) -> str | None:
        """The context's currency (:func:`_context_currency`), read once and only for a figure that needs it."""
        if not self._context:
            end = self.offset + len(self.window)
            self._context.append(_context_currency(self.g, self.text, self.offset, end, self.spans))
        return self._context[0]

    def under_money_header(self, line_start: int, intro: bool = True) -> str | None:
        return self.under_header(line_start, intro)[0]

    def under_header(self, line_start: int, intro: bool = True) -> tuple[str | None, int]:
        """The currency a header above names, else the context's under a header of money words (``intro``: one
        that introduces a list, ending in a colon)."""
        named, money, scale = _column_header(self.g, self.text, self.offset + line_start, intro)
        return named or (self.context() if money else None), scale

    def line_start(self, pos: int) -> int:
        return self.window.rfind("\n", 0, pos) + 1

    def currency_near(self, s: int, e: int) -> str:
        """The currency of a money figure without a sign: its line's, else the context's, else złoty
        (:data:`HOME_CURRENCY`)."""
        return _currency_on_line(self.window, s, e, self.spans) or self.context() or HOME_CURRENCY

    def money_word_after(self, e: int) -> str | None:
        """The money word that follows ``window[:e]`` (``150 tysięcy dotacji``), if one does."""
        m = _NEXT_WORD.match(self.window, e)
        return m.group("w") if m is not None and self.g.money_header.match(m.group("w")) is not None else None

    def money_genitive_after(self, e: int) -> bool:
        """A money word in the genitive follows ``window[:e]``, as what the figure measures (``3 000,00
        dofinansowania``), not a field that starts after it (``Działanie 4,10 koszt 5 zł``)."""
        from pipeline.text.morph import analyse

        word = self.money_word_after(e)
        return word is not None and any(a.has("gen") for a in analyse(word))

    def money_lines(self) -> None:
        """A figure with grosze after a money word, or right before one (``otrzymało 3 000,00 dofinansowania``):
        its line's currency, else the context's, else złoty (:data:`HOME_CURRENCY`). Dev, 1 330 pages: amounts in
        the page 0.933 -> 0.935 (14 found, 1 spurious)."""
        for m in _BARE_FIGURE.finditer(self.window):
            s, e = m.span()
            if not self.free(s, e):
                continue
            before = self.g.money_word_before.search(self.window, self.line_start(s), s)
            if not before and not self.money_genitive_after(e):
                continue
            self.add(s, e, parse_number(m.group()), self.currency_near(s, e))

    def fields(self) -> None:
        """A money field's value (the nearest amount's currency), or a list item under a money header."""
        for m in _FIELD_FIGURE.finditer(self.window):
            s, e = m.span("fig")
            if not self.free(s, e):
                continue
            near = [(min(abs(a - s), abs(b - e)), cur) for a, b, cur in self.spans if abs(a - s) <= CONTEXT_CHARS]
            if near and self.g.money_word_before.search(self.window, self.line_start(s), s):
                self.add(s, e, parse_number(m.group("fig")), min(near)[1])
            elif currency := self.under_money_header(self.line_start(s)):  # `• 2020 rok: 4 307,00`
                self.add(s, e, parse_number(m.group("fig")), currency)

    def items(self) -> None:
        """A list item ending in a figure after a dash: its siblings' currency, else a money header's; and
        then an item next to one read so, down a run of items written alike (``Sołectwo Bielanka – 14.094,65
        złotych`` over ``• Wykonanie tabliczek ... – 2.094,65`` over ``• Zakup akumulatorów ... – 500``
        reads the whole run)."""
        plain = [m for m in _ITEM_PLAIN.finditer(self.window) if not _ITEM_FIGURE.match(self.window, m.start())]
        pending = []  # (match, the currency its siblings or a header give, where it starts, where its neighbours do)
        for m in sorted([*_ITEM_FIGURE.finditer(self.window), *plain], key=lambda m: m.start()):
            ls = self.line_start(m.start())
            a, b = self.offset + ls, self.offset + m.end()
            fixed = _sibling_currency(self.g, self.text, a, b)
            if m.re is _ITEM_FIGURE:
                fixed = fixed or self.under_money_header(ls)
            near = [_first_char(self.text, x, y) for x, y in _neighbour_lines(self.text, a, b)]
            pending.append((m, fixed, _first_char(self.text, a, b), near))
        read: dict[int, str] = {}  # where an item read starts (its first character in the text) -> its currency
        while pending:
            left = []
            for m, fixed, start, near in pending:
                currency = fixed or next((read[x] for x in near if x in read), None)
                s, e = m.span("fig")
                if currency is None:
                    left.append((m, fixed, start, near))
                elif self.free(s, e):
                    self.add(s, e, parse_number(m.group("fig")), currency)
                    read[start] = currency
            if len(left) == len(pending):
                break
            pending = left

    def scaled(self) -> None:
        """A scaled figure in a paragraph of amounts, or after a money word on its line (``o łącznej kwocie 70
        tysięcy``), unless what follows is what it counts. In a record that writes none of its amounts with a
        sign, where neither its line nor a money word gives its currency, it takes the nearest amount's on the
        page (:meth:`context`), unless a noun follows it or the scaled figure before it counted one: a list of
        grantees (``Gmina Mielno (1,6 mln) - Przebudowa ...``), of pools (``rugby (280 tys.), tenis stołowy (57
        tys.)``), a grant told in prose (``otrzymało 250 tysięcy``, ``10 tys. na wymianę``). Forty-fourth session,
        publisher-folded CV on 3 385 dev pages, with the number grammar's fixes of that session: amounts in the
        page 0.9469 -> 0.9497, per record 0.6935 -> 0.6958. In any record (one with amounts with a sign too):
        0.9500 / 0.6957, 21 more found and 17 spurious (headlines such as ``8 milionów dla MZWiK`` the keys leave
        out, counts of people whose noun is far), so not there (without the noun checks, 23 spurious)."""
        for m in self.g.scaled_figure.finditer(self.window):
            s, e = m.span()
            if m.group("scale").endswith(".") and len(m.group("scale")) > 5:
                e -= 1  # `70 tysięcy.`: a word's stop ends the sentence, an abbreviation's (`tys.`) is its own
            currency = _currency_on_line(self.window, s, e, self.spans)
            if self.money_word_after(e):  # `prawie 150 tysięcy dotacji`: the line's, else the context's, else złoty
                currency = currency or self.currency_near(s, e)  # `10 tys. dofinansowania (14 tys. zł wartość)`
            elif _counted_noun_after(self.window, e):
                continue
            elif currency is None and self.g.money_word_before.search(self.window, self.line_start(s), s):
                currency = self.currency_near(s, e)  # `o łącznej kwocie 70 tysięcy`
            elif currency is None:
                if self.spans or _counted_noun_after(self.window, e, any_case=True) or self.counts_before(s):
                    continue  # `16 tys. osobom`; `6 tys. ludzi, a 200 tys. zostało poszkodowanych`
                currency = self.context()  # a list item `Gmina Mielno (1,6 mln) - Przebudowa ...`
                if currency is None:
                    continue
            if self.free(s, e):
                self.add(s, e, parse_number(m.group("num")) * _scale(self.g, m.group("scale")), currency)

    def counts_before(self, s: int) -> bool:
        """The nearest scaled figure before ``window[s]`` in its paragraph counts what follows it (``6 tys. ludzi,
        a 200 tys. zostało poszkodowanych``): a figure after it with its noun left out counts the same (the
        conventions restore an elided noun from its context)."""
        before = next(reversed(list(self.g.scaled_figure.finditer(self.window, self.line_start(s), s))), None)
        return before is not None and _counted_noun_after(self.window, before.end(), any_case=True)

    def cued(self) -> None:
        """A figure with its thousands grouped after a money word or ``w wysokości`` on its line (``dotację w
        wysokości 20.000 na remont``), unless a counted noun follows it: its line's currency, else the context's,
        else złoty. With ``dashed`` and the money words ``wysokość``/``środki``/``wydatki``, publisher-folded CV on
        1 638 dev pages: amounts in the page 0.930 -> 0.935 (44 more found, 7 spurious), per record 0.653 -> 0.655."""
        for m in _GROUPED_FIGURE.finditer(self.window):
            s, e = m.span()
            if not self.free(s, e) or not self.g.money_word_before.search(self.window, self.line_start(s), s):
                continue
            if _counted_noun_after(self.window, e):
                continue
            self.add(s, e, parse_number(m.group()), self.currency_near(s, e))

    def grosze(self) -> None:
        """A figure of at least a hundred with grosze (``3 622 610,00``, ``23.611,20``) on a page that writes its
        amounts with a currency near it, unless a unit, a percent or a word follows it or it is a road's chainage
        (``km 2+512,10``): Polish writes counts, areas and scores without grosze, money with them. Dev, 1 876
        pages, the whole page read as one window: 49 of the keys' amounts found, 3 figures that are none (all
        chainages, now left out)."""
        for m in _BARE_FIGURE.finditer(self.window):
            s, e = m.span()
            value = parse_number(m.group())
            if not self.free(s, e) or value < 100 or _UNIT_AFTER.match(self.window, e):
                continue
            if self.window[max(0, s - 1) : s] == "+":  # a road's chainage: `km 2+512,10`
                continue
            if (currency := self.context()) is not None:
                self.add(s, e, value, currency)

    def rows(self) -> None:
        """The money figures closing a row of a table flattened to one line per row (``Budowa oświetlenia
        drogowego w Przemiłowie 30 000 30 000``), under a header of money words naming its currency (``Tytuł
        projektu Planowana kwota ogółem w zł ...``): the header's currency. Looking up from a row, other rows
        and short lines (``Na 2021 rok``) are passed; the first other line must be that header."""
        for m in _ROW_LINE.finditer(self.window):
            figures = _row_figures(self.window, m.start(), m.end())
            if not figures or not all(self.free(a, b) for a, b in figures):
                continue
            currency = self.row_header_currency(self.line_start(m.start()))
            if currency is None:
                continue
            for a, b in figures:
                self.add(a, b, parse_number(self.window[a:b]), currency)

    def row_header_currency(self, line_start: int) -> str | None:
        for n, (a, b) in enumerate(lines_above(self.text, self.offset + line_start)):
            if n >= MAX_ROWS_UP:
                return None
            line = self.text[a:b].strip()
            if not line or _row_figures(line, 0, len(line)):
                continue
            m, money = self.g.column_currency.search(line), self.g.money_header.search(line)
            if m is None and len(line) <= MAX_SUBHEADING and not money:
                continue  # a subheading between rows: `Na 2021 rok`
            if m is None or not money or _MONEY_FIGURE_RE.search(line):
                return None
            return self.g.currency_after[_key(m.group("cur"))]
        return None

    def dashed(self) -> None:
        """A figure closed by ``,-`` (``60.000,-``): whole złoty as Polish writes them; its line's currency,
        else the context's, else złoty."""
        for m in _DASHED_FIGURE.finditer(self.window):
            s, e = m.span("fig")
            if not self.free(s, m.end()):
                continue
            self.add(s, m.end(), parse_number(m.group("fig")), self.currency_near(s, e))

    def cells(self) -> None:
        """A table cell under a header naming its currency, or of money words."""
        for m in _CELL_FIGURE.finditer(self.window):
            s, e = m.span("fig")
            currency, scale = self.under_header(m.start(), intro=False)
            if currency is not None and self.free(s, e):
                self.add(s, e, parse_number(m.group("fig")) * scale, currency)
        for m in _SCALED_CELL.finditer(self.window):  # `68,01` under `Łączna alokacja w mln €`
            s, e = m.span("fig")
            if not self.free(s, e):
                continue
            named, _money, scale = _column_header(self.g, self.text, self.offset + m.start(), intro=False)
            if named is not None and scale > 1:  # only a header naming its currency names a scale
                self.add(s, e, parse_number(m.group("fig")) * scale, named)


def _row_figures(window: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """The money figures closing the row ``window[start:end]`` (one line: words, then figures only), split where
    the spaces of thousands groups leave it open (``100 000 100 000``): into as many figures as the groups allow,
    as a row's columns are; a figure's first group has no leading zero. None when no word comes before them or
    the line's tail cannot be read as money figures. A row written with pipes between its cells (how the HTML
    reader writes a table's row) is split at its pipes: each closing cell is one figure (``2 | Dolnośląska
    Federacja Sportu | 2 712 614,00``, not ``2 712`` and ``614,00``)."""
    if "|" in window[start:end]:
        return _cell_figures(window, start, end)
    toks = [(t.start(), t.end(), t.group()) for t in _ROW_TOKEN.finditer(window, start, end)]
    first_figure = len(toks)
    while first_figure > 0 and _TAIL_TOKEN.fullmatch(toks[first_figure - 1][2]):
        first_figure -= 1
    toks = toks[first_figure:]
    if not toks or not _LETTER_RE.search(window, start, toks[0][0]):
        return None
    n = len(toks)
    best: list[list[tuple[int, int]] | None] = [None] * (n + 1)
    best[n] = []
    for i in range(n - 1, -1, -1):  # best[i]: the most figures the tokens from i can make
        first = toks[i][2]
        if _WHOLE_FIGURE.fullmatch(first):
            rest = best[i + 1]
            best[i] = None if rest is None else [(toks[i][0], toks[i][1]), *rest]
            continue
        if not _FIRST_GROUP.fullmatch(first):
            continue
        for k in range(i + 1, n):  # the figure runs over tokens i..k, thousands groups after the first
            group = toks[k][2]
            if not _NEXT_GROUP.fullmatch(group):
                break
            rest, now = best[k + 1], best[i]
            if rest is not None and (now is None or len(rest) + 1 > len(now)):
                best[i] = [(toks[i][0], toks[k][1]), *rest]
            if "," in group:
                break
    # the figures start at the first token they can start from (`etap 2 75.000`: `2` is no money figure)
    return next((b for b in best if b), None)


def _cell_figures(window: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """The figures of the closing cells of a row written with pipes, each cell one figure; None when no cell
    with a word comes before them."""
    cells = [c.span() for c in _PIPE_CELL.finditer(window, start, end)]
    figures: list[tuple[int, int]] = []
    while cells and _PIPE_FIGURE.fullmatch(window, *cells[-1]):
        figures.insert(0, cells.pop())
    if not figures or not any(_LETTER_RE.search(window, a, b) for a, b in cells):
        return None
    return figures


CONTEXT_REACH = 2000  # characters around a record a figure without a sign looks for its page's currency
# A money line's figure with grosze (``Wartość zadania 6 000,00``) on a page that writes no currency near it: the
# pages are Polish publishers' and such a page's money is in złoty.
HOME_CURRENCY = "PLN"


def _context_currency(g: _Grammar, text: str, start: int, end: int, spans: list[tuple[int, int, str]]) -> str | None:
    """The currency most amounts with a sign in the window are in (the first of equals); in a window without
    one (a record of a list whose amounts are written bare), the currency of the nearest amount with a sign
    around it on the page; else None."""
    counts = Counter(cur for _a, _b, cur in spans)
    if counts:
        return max(counts, key=lambda c: counts[c])
    lo = max(0, start - CONTEXT_REACH)
    near = []
    for m in g.pattern.finditer(text[lo : end + CONTEXT_REACH]):
        where = lo + m.start()
        cur = g.currency_before[_key(m.group("pcur"))] if m.group("pcur") else g.currency_after[_key(m.group("cur"))]
        near.append((0 if start <= where < end else min(abs(where - start), abs(where - end)), cur))
    return min(near)[1] if near else None


def _counted_noun_after(window: str, end: int, any_case: bool = False) -> bool:
    """Whether the word after ``window[:end]`` is what ``tys.``/``mln`` count: a lowercase noun (or its adjective)
    in the genitive (``3 tys. mieszkańców``, ``2 mln nowych drzew``), or an abbreviated unit (``3 tys. egz.``,
    ``17 mln kWh``, ``5 tys. MWh``); with ``any_case``, also a lowercase noun in any other case (``16 tys.
    osobom``), where a scaled figure without a currency has no amount around it to be money by."""
    from pipeline.text.morph import analyse, is_known

    m = _NEXT_WORD.match(window, end)
    if m is None or m.group("w").istitle():  # a name starts: `1,1 tys. Klub Sportowy X`
        return False
    word = m.group("w")
    analyses = analyse(word)
    if any(a.pos in _FUNCTION_POS for a in analyses):
        return False  # `98 mln do rozdania`: a preposition, whatever noun it may also spell
    if not is_known(word) or any(a.pos == "brev" or (a.pos in _COUNTED_POS and a.has("gen")) for a in analyses):
        return True
    return any_case and any(a.pos in ("subst", "depr") for a in analyses)


def _currency_on_line(window: str, s: int, e: int, spans: list[tuple[int, int, str]]) -> str | None:
    """The currency of the amount (``spans``: start, end, currency) nearest to ``window[s:e]`` on its line
    (a paragraph of the page), else None."""
    line_start = window.rfind("\n", 0, s) + 1
    line_end = window.find("\n", e)
    line_end = len(window) if line_end < 0 else line_end
    near = [(abs(a - s), cur) for a, b, cur in spans if line_start <= a and b <= line_end]
    return min(near)[1] if near else None


def _sibling_currency(g: _Grammar, text: str, start: int, end: int) -> str | None:
    """The currency of the list items next to the line ``text[start:end]`` that end the same way, in an
    amount after a dash (``Gmina Serniki - budowa kanalizacji - 3 000 000.`` between items ending in
    ``- 3 000 000 zł.`` and ``- 1 000 000 zł.``)."""
    for a, b in _neighbour_lines(text, start, end):
        line = text[a:b].rstrip(" \t\u00a0.")
        found = list(g.pattern.finditer(line))
        last = found[-1] if found else None
        if last is None or last.end() != len(line) or not last.group("cur"):
            continue
        if _ITEM_DASH.search(line, 0, last.start()):
            return g.currency_after[_key(last.group("cur"))]
    return None


def _first_char(text: str, start: int, end: int) -> int:
    """Where the first character of ``text[start:end]`` that is no space stands."""
    return start + len(text[start:end]) - len(text[start:end].lstrip())


def _neighbour_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The non-blank lines right before and right after ``text[start:end]`` (at most 400 characters away)."""
    out = []
    before = text[max(0, start - 400) : start].rstrip()
    if before:
        a = before.rfind("\n") + 1
        out.append((max(0, start - 400) + a, max(0, start - 400) + len(before)))
    rest = text[end : end + 400]
    skip = len(rest) - len(rest.lstrip())
    if skip < len(rest):
        b = text.find("\n", end + skip)
        out.append((end + skip, len(text) if b < 0 else b))
    return out


def lines_above(text: str, line_start: int) -> Iterator[tuple[int, int]]:
    """The lines above the line that starts at ``line_start``, nearest first, blank ones included, as (start,
    end) spans: what a cell of a table flattened one cell per line looks up for its header."""
    pos = line_start
    while pos > 0:
        a = text.rfind("\n", 0, pos - 1) + 1
        yield a, pos - 1
        pos = a


def _column_header(g: _Grammar, text: str, line_start: int, intro: bool = False) -> tuple[str | None, bool, int]:
    """What a header above says of its column, looking up through the short lines of cells (a line of prose
    ends the table): the currency it names (``DOTACJI [zł]``, ``Kwota (PLN)``), and whether it is a header
    of money words (``Kwota przekazanej dotacji``; with ``intro``, only one introducing a list with a colon:
    ``Wysokość dotacji w poszczególnych latach wynosiła:``); and the scale it names (``w mln €``: 1 000 000)."""
    lines = 0
    money = False
    for a, b in lines_above(text, line_start):
        if lines >= MAX_CELLS_UP:
            break
        line = text[a:b]
        if len(line.strip()) > MAX_CELL:
            break
        if line.strip():
            lines += 1
            m = g.column_currency.search(line)
            if m:
                return g.currency_after[_key(m.group("cur"))], True, _scale(g, m.group("scale"))
            money = money or (bool(g.money_header.search(line)) and (not intro or line.rstrip().endswith(":")))
    return None, money, 1


_WORD_BEFORE = re.compile(r"([^\W\d_]+)[ \t\u00a0]+$")
MAX_NUMBER_WORDS = 6


def _word_amounts(g: _Grammar, window: str, offset: int, found: list[Money]) -> list[Money]:
    """Amounts in number words before a currency word: ``dziesięć tysięcy złotych`` -> 10000 PLN.
    Only exact numerals (``kilka tysięcy złotych`` states no amount) and never where a figure was read."""
    taken = [(a.char_start - offset, a.char_end - offset) for a in found]
    out = []
    for m in g.currency_word.finditer(window):
        if any(a <= m.start() < b for a, b in taken):
            continue
        words: list[tuple[str, int]] = []  # (word, start) right before the currency, nearest last
        pos = m.start()
        while len(words) < MAX_NUMBER_WORDS and (w := _WORD_BEFORE.search(window, max(0, pos - 40), pos)):
            words.insert(0, (w.group(1), w.start(1)))
            pos = w.start(1)
        for k in range(len(words), 0, -1):
            read = parse_words([w for w, _ in words[-k:]])
            if read is not None and read[0] == k and read[1] == read[2] and read[1] > 0:
                currency = g.currency_after[_key(m.group())]
                out.append(_money(window, offset, words[-k][1], m.end(), Decimal(read[1]), currency))
                break
    return out


def _money(window: str, offset: int, s: int, e: int, value: Decimal, currency: str) -> Money:
    return Money(
        value=float(value),
        currency=currency,
        raw_text=window[s:e],
        char_start=offset + s,
        char_end=offset + e,
    )
