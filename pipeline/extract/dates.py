"""Rule-based extraction of dates, months, years and their ranges from raw Polish text.

Works on the raw characters (not spaCy tokens).  Month names, markers, cue and
exclusion words live in ``pipeline/data/months.yaml``; the regular expression is
built from it once, on first use.

Two passes:

1. *atoms*, found by one regular expression (alternatives tried in this order
   at each position): ISO ``2021-03-01``; numeric ``1.03.2021`` /
   ``01-03-2021`` / ``1/03/2021``; a day range in one month ``15-16 maja 2019``;
   day + month word ``15 maja 2019 r.``; day + Roman month ``15 III 2019``
   (Roman numerals only with a day and a year: ``III Rzeszy``, ``LOGON III``
   are not dates); month word [+ year] ``lipcu 2015``, ``marca``, ``mar. 2019``;
   ``MM.YYYY`` (two-digit month) ``03.2021``; a short year range ``2008-9``;
   a year with its markers ``2014 r.``, ``roku 2001``, ``latach 2014``.
2. *links* between neighbouring atoms: a range connector (``-``, ``–``,
   `` do ``; ``/`` between two years) makes one span from the start of the
   first to the end of the second (``marzec-listopad 2018``,
   ``01-03-2021 - 31-12-2022``, ``od marca do listopada 2018``); an
   enumeration (``,``, `` i ``, `` oraz ``...) keeps them apart but shares a year
   written only on the last one (``w maju i czerwcu 2015``).

Decisions (see also the comments in months.yaml):

* ``raw_text`` is the date as written, with its ``r.``/``roku``/``rok`` marker
  after and ``roku``/``latach``/``lata`` before, without prepositions and
  qualifiers: ``w lipcu 2015`` -> ``lipcu 2015``, ``w roku 2001`` ->
  ``roku 2001``, ``od marca do listopada 2018`` -> ``marca do listopada 2018``,
  ``na początku 2004 roku`` -> ``2004 roku`` (a whole-year span: part-of-period
  qualifiers such as ``początek``, ``połowa``, ``koniec`` are not narrowed).
* ``2014 i 2015 r.`` and ``(2014, 2015)`` are two year spans; only a dash,
  ``do`` or ``/`` make a range.
* a range's precision is the coarser of its two ends
  (``od marca 2017 do 2018`` -> year).  A yearless first month later in the
  year than the second is taken from the year before (``od listopada do
  marca 2018`` -> 2017-11-01..2018-03-31).
* a bare four-digit year (no marker, not in a range or list) is dropped when a
  lower-case word follows (``2000 osób``), so ``w 2014 przeprowadzono`` is
  missed (precision over recall); money (``2014 zł``) is never a date.
* a date without a written year (``w październiku``, ``15 maja``) takes
  ``context_year`` and ``year_inferred=True``; without ``context_year`` it is
  skipped.  A lone yearless month must be in lower case and follow a cue word
  (``w``, ``od``, ``połowie`` ...) or stand alone in brackets (``(lipiec)``).
* ``2009-05`` (earlier short second year) is not read at all: neither a range
  nor an ISO year-month is safe.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from pipeline.datatypes import DateSpan
from pipeline.extract.money import extract_money
from pipeline.resources import load_yaml

_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
_SP = r"[ \t\u00a0\u202f]*(?:\r?\n[ \t\u00a0\u202f]*)?"  # blanks, at most one line break
_SP1 = r"(?:[ \t\u00a0\u202f]+(?:\r?\n[ \t\u00a0\u202f]*)?|\r?\n[ \t\u00a0\u202f]*)"  # at least one
_NL = r"(?![^\W\d_])"  # no letter follows
_NLB = r"(?<![^\W\d_])"  # no letter precedes
_DAY = r"(?:0?[1-9]|[12][0-9]|3[01])"  # ASCII digits only, like all captured numbers
_MONTH_NUM = r"(?:0?[1-9]|1[0-2])"
# context of an atom: the word (any non-space run) right before, the letter word right after
_WORD_BEFORE = re.compile(r"(\S+)[ \t\u00a0\u202f]*\r?\n?[ \t\u00a0\u202f]*$")
_WORD_AFTER = re.compile(r"[ \t\u00a0\u202f]*\r?\n?[ \t\u00a0\u202f]*([^\W\d_]+)")
_TRAILING_LETTERS = re.compile(r"([^\W\d_]+)$")


def _year_regex(lo: int, hi: int) -> str:
    """Alternation matching exactly the four-digit years lo..hi (whole centuries/decades as classes)."""
    parts: list[str] = []
    y = lo
    while y <= hi:
        if y % 100 == 0 and y + 99 <= hi:
            parts.append(rf"{y // 100}[0-9][0-9]")
            y += 100
        elif y % 10 == 0 and y + 9 <= hi:
            parts.append(rf"{y // 10}[0-9]")
            y += 10
        else:
            parts.append(str(y))
            y += 1
    return "(?:" + "|".join(parts) + r")(?!\d)"


def _words(forms: list[str]) -> str:
    """Whole-word alternation, longest first."""
    alts = []
    for f in sorted({str(f) for f in forms}, key=len, reverse=True):
        alts.append(re.escape(f) + (_NL if f[-1].isalpha() else ""))
    return "(?:" + "|".join(alts) + ")"


class _Grammar:
    def __init__(self, data: dict[str, Any]):
        self.month_of: dict[str, int] = {}
        self.abbreviations: set[str] = set()
        self.roman_of: dict[str, int] = {}
        for entry in data["months"]:
            n = int(entry["number"])
            for form in entry["forms"]:
                self.month_of[form.casefold()] = n
            for form in entry.get("abbreviations") or []:
                self.month_of[form.casefold()] = n
                self.abbreviations.add(form.casefold())
            self.roman_of[str(entry["roman"])] = n
        self.year_min = int(data["year_range"]["min"])
        self.year_max = int(data["year_range"]["max"])
        self.range_connectors = [re.compile(p) for p in data["range_connectors"]]
        self.year_range_connectors = [re.compile(p) for p in data["year_range_connectors"]]
        self.enumeration_connectors = [re.compile(p) for p in data["enumeration_connectors"]]
        self.ok_followers = {w.casefold() for w in data["bare_year_ok_followers"]}
        self.month_cues = {w.casefold() for w in data["bare_month_cues"]}
        self.reject_after = {w.casefold() for w in data["reject_after_words"]}
        self.month_brackets = [(str(b)[0], str(b)[1]) for b in data["bare_month_brackets"]]

        year = _year_regex(self.year_min, self.year_max)
        month = _NLB + _words(list(self.month_of))
        roman = _NLB + "(?:" + "|".join(sorted(self.roman_of, key=len, reverse=True)) + ")" + _NL
        pre = _NLB + _words(data["year_markers_before"])
        post = _words(data["year_markers_after"])
        # a standalone number never starts inside another number or a glued word
        nb = r"(?<![\d\w])(?<!\d[.,])"
        # a year is not followed by a decimal part, a percent sign or a hyphenated word ("2000-lecie")
        year_end = r"(?![.,]\d)(?!\s*%)(?!-[^\W\d_])"
        alternatives = [
            rf"(?P<iso_y>{nb}{year})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12][0-9]|3[01])(?!\d)",
            rf"{nb}(?P<dmy_d>{_DAY})(?P<sep>[./-])(?P<dmy_m>{_MONTH_NUM})(?P=sep)(?P<dmy_y>{year}){year_end}",
            rf"{nb}(?P<dr_d1>{_DAY}){_SP}[-–]{_SP}(?P<dr_d2>{_DAY}){_SP}(?P<dr_mon>{month})"
            rf"(?:{_SP}(?P<dr_y>{year}){year_end})?",
            rf"{nb}(?P<dm_d>{_DAY}){_SP}(?P<dm_mon>{month})(?:{_SP}(?P<dm_y>{year}){year_end})?",
            rf"{nb}(?P<dro_d>{_DAY})(?P<rsep>[ .])(?P<dro_m>{roman})(?P=rsep)(?P<dro_y>{year}){year_end}",
            rf"(?P<m_mon>{month})(?:{_SP}(?P<m_y>{year}){year_end})?",
            rf"{nb}(?P<my_m>0[1-9]|1[0-2])\.(?P<my_y>{year}){year_end}",
            rf"{nb}(?P<sy_y>{year}){_SP}[-–]{_SP}(?P<sy_s>[0-9]{{1,2}})(?!\d)(?![.,]\d)(?!{_SP}{month})",
            rf"(?:(?P<pre>{pre}){_SP1})?{nb}(?P<y>{year}){year_end}",
        ]
        self.pattern = re.compile(
            "(?:" + "|".join(alternatives) + rf")(?:{_SP}(?P<post>{post}))?", re.IGNORECASE
        )


@cache
def _grammar() -> _Grammar:
    return _Grammar(load_yaml("months.yaml"))


@dataclass(frozen=True)
class _Atom:
    s: int  # offsets in the window
    e: int
    precision: str
    y1: int | None
    m1: int | None
    d1: int | None
    y2: int | None
    m2: int | None
    d2: int | None
    marked: bool = False  # has a year marker (r., roku, latach ...)
    weak: bool = False  # bare year or yearless month: needs context checks
    month_text: str | None = None  # month word as written (lone yearless months)
    coded_month: bool = False  # abbreviation or Roman numeral: never without a written year
    accepted: bool = False  # confirmed by a link (range / list)

    @property
    def year_only(self) -> bool:
        return self.precision == "year"


def _atom(g: _Grammar, m: re.Match[str]) -> _Atom | None:
    gd = m.groupdict()
    marked = gd["post"] is not None
    s, e = m.start(), m.end()

    def y(name: str) -> int | None:
        return int(gd[name]) if gd[name] is not None else None

    if gd["iso_y"] is not None:
        yy, mm, dd = int(gd["iso_y"]), int(gd["iso_m"]), int(gd["iso_d"])
        return _Atom(s, e, "day", yy, mm, dd, yy, mm, dd, marked)
    if gd["dmy_d"] is not None:
        yy, mm, dd = int(gd["dmy_y"]), int(gd["dmy_m"]), int(gd["dmy_d"])
        return _Atom(s, e, "day", yy, mm, dd, yy, mm, dd, marked)
    if gd["dr_d1"] is not None:
        mon = g.month_of[gd["dr_mon"].casefold()]
        yy = y("dr_y")
        d1, d2 = int(gd["dr_d1"]), int(gd["dr_d2"])
        if d1 >= d2:
            return None
        return _Atom(
            s,
            e,
            "day",
            yy,
            mon,
            d1,
            yy,
            mon,
            d2,
            marked,
            weak=yy is None,
            month_text=gd["dr_mon"],
            coded_month=gd["dr_mon"].casefold() in g.abbreviations,
        )
    if gd["dm_d"] is not None:
        mon = g.month_of[gd["dm_mon"].casefold()]
        yy, dd = y("dm_y"), int(gd["dm_d"])
        return _Atom(
            s,
            e,
            "day",
            yy,
            mon,
            dd,
            yy,
            mon,
            dd,
            marked,
            weak=yy is None,
            month_text=gd["dm_mon"],
            coded_month=gd["dm_mon"].casefold() in g.abbreviations,
        )
    if gd["dro_d"] is not None:
        yy, mm, dd = int(gd["dro_y"]), g.roman_of[gd["dro_m"].upper()], int(gd["dro_d"])
        return _Atom(s, e, "day", yy, mm, dd, yy, mm, dd, marked)
    if gd["m_mon"] is not None:
        mon = g.month_of[gd["m_mon"].casefold()]
        yy = y("m_y")
        if yy is None and marked:
            return None  # "marca r." is not a date expression
        return _Atom(
            s,
            e,
            "month",
            yy,
            mon,
            None,
            yy,
            mon,
            None,
            marked,
            weak=yy is None,
            month_text=gd["m_mon"],
            coded_month=gd["m_mon"].casefold() in g.abbreviations,
        )
    if gd["my_m"] is not None:
        yy, mm = int(gd["my_y"]), int(gd["my_m"])
        return _Atom(s, e, "month", yy, mm, None, yy, mm, None, marked)
    if gd["sy_y"] is not None:
        first, suffix = int(gd["sy_y"]), gd["sy_s"]
        base = 10 ** len(suffix)
        last = first - first % base + int(suffix)
        if not first < last <= g.year_max:
            return None
        return _Atom(s, e, "year", first, None, None, last, None, None, marked, accepted=True)
    yy = int(gd["y"])
    marked = marked or gd["pre"] is not None
    return _Atom(s, e, "year", yy, None, None, yy, None, None, marked, weak=not marked)


def _fullmatch_any(patterns: list[re.Pattern[str]], gap: str) -> bool:
    return any(p.fullmatch(gap) for p in patterns)


def _key(y: int | None, m: int | None, d: int | None, end: bool) -> tuple[int, int, int]:
    """Comparable first (end=False) or last (end=True) day of a partial date (year given)."""
    assert y is not None
    if m is None:
        m = 12 if end else 1
    if d is None:
        d = calendar.monthrange(y, m)[1] if end else 1
    return (y, m, d)


def _merge_range(g: _Grammar, a: _Atom, b: _Atom, gap: str) -> _Atom | None:
    """One span from a's start to b's end, or None when a and b do not form a range."""
    if _fullmatch_any(g.year_range_connectors, gap):
        if not (a.year_only and b.year_only):
            return None
    elif not _fullmatch_any(g.range_connectors, gap):
        return None
    y1, y2 = a.y1, b.y2
    if y1 is None and y2 is not None and not b.year_only:
        y1 = y2
        if (a.m1 or 1, a.d1 or 1) > (b.m1 or 1, b.d1 or 1):
            y1 = y2 - 1  # "od listopada do marca 2018"
    if y2 is None and y1 is not None and not a.year_only:
        y2 = y1
        if (b.m2 or 12, b.d2 or 31) < (a.m2 or 12, a.d2 or 31):
            y2 = y1 + 1
    if (y1 is None) != (y2 is None):
        return None
    if y1 is not None and _key(y1, a.m1, a.d1, False) > _key(y2, b.m2, b.d2, True):
        return None
    if y1 is None and (a.m1, a.d1 or 1) > (b.m2, b.d2 or 31):
        return None  # both yearless: must be in order within one year
    precision = max(a.precision, b.precision, key=_PRECISION_RANK.__getitem__)
    return _Atom(
        a.s,
        b.e,
        precision,
        y1,
        a.m1,
        a.d1,
        y2,
        b.m2,
        b.d2,
        marked=a.marked or b.marked,
        weak=y1 is None,
        month_text=a.month_text if y1 is None else None,
        coded_month=(a.coded_month or b.coded_month) and y1 is None,
        accepted=True,
    )


def _word_before(window: str, s: int) -> str | None:
    m = _WORD_BEFORE.search(window[max(0, s - 60) : s])
    return m.group(1) if m else None


def _word_after(window: str, e: int) -> str | None:
    m = _WORD_AFTER.match(window[e : e + 60])
    return m.group(1) if m else None


def _keep(g: _Grammar, window: str, a: _Atom) -> bool:
    """Context checks for atoms and spans that are not dates by themselves."""
    before = _word_before(window, a.s)
    if before is not None and before.lstrip("([„\"'").casefold() in g.reject_after:
        return False
    if a.coded_month and a.y1 is None:
        return False
    if a.accepted or not a.weak:
        return True
    if a.year_only:
        after = _word_after(window, a.e)
        return after is None or not after[0].islower() or after.casefold() in g.ok_followers
    # yearless: the month word must be written in lower case ("Maja" is a name)
    if a.month_text is not None and not a.month_text.islower():
        return False
    if a.precision == "month":  # a lone month needs a cue word right before it, or brackets around it
        if (window[a.s - 1 : a.s], window[a.e : a.e + 1]) in g.month_brackets:
            return True
        cue = _TRAILING_LETTERS.search(before) if before else None
        return bool(cue) and cue.group(1).casefold() in g.month_cues and cue.end() == len(before)
    return True


def extract_dates(
    text: str, start: int = 0, end: int | None = None, context_year: int | None = None
) -> list[DateSpan]:
    """All temporal expressions in ``text[start:end]``, with offsets into ``text``."""
    g = _grammar()
    end = len(text) if end is None else end
    window = text[start:end]
    money = [(m.char_start - start, m.char_end - start) for m in extract_money(window)]

    atoms: list[_Atom] = []
    for m in g.pattern.finditer(window):
        a = _atom(g, m)
        if a is None or any(ms < a.e and a.s < me for ms, me in money):
            continue
        atoms.append(a)

    # ranges: merge neighbours joined by a range connector (each atom used once)
    merged: list[_Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        if i + 1 < len(atoms):
            b = atoms[i + 1]
            r = _merge_range(g, a, b, window[a.e : b.s])
            if r is not None:
                merged.append(r)
                i += 2
                continue
        merged.append(a)
        i += 1

    # enumerations: share a year written only on the last member; confirm listed bare years
    for i in range(len(merged) - 2, -1, -1):
        a, b = merged[i], merged[i + 1]
        if not _fullmatch_any(g.enumeration_connectors, window[a.e : b.s]):
            continue
        if a.y1 is None and b.y2 is not None and not b.year_only and a.m1 is not None:
            y = b.y2 if (a.m2, a.d2 or 31) <= (b.m1 or 1, b.d1 or 1) else b.y2 - 1
            merged[i] = replace(a, y1=y, y2=y, weak=False, accepted=True)
        elif a.year_only and b.year_only and (b.marked or b.accepted):
            merged[i] = replace(a, accepted=True)

    out: list[DateSpan] = []
    for a in merged:
        if not _keep(g, window, a):
            continue
        inferred = a.y1 is None
        if inferred:
            if context_year is None:
                continue
            a = replace(a, y1=context_year, y2=context_year)
        try:
            first = dt.date(*_key(a.y1, a.m1, a.d1, False))
            last = dt.date(*_key(a.y2, a.m2, a.d2, True))
        except ValueError:  # 31.02.2020
            continue
        if first > last:
            continue
        out.append(
            DateSpan(
                start=first,
                end=last,
                precision=a.precision,
                year_inferred=inferred,
                raw_text=window[a.s : a.e],
                char_start=start + a.s,
                char_end=start + a.e,
            )
        )
    return out
