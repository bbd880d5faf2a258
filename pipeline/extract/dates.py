"""Rule-based extraction of dates, months, years and their ranges from raw Polish text.

Works on the raw characters (not spaCy tokens).  Month names, markers, cue and
exclusion words live in ``pipeline/data/months.yaml``; deictic years, relative
days, parts and fractions of periods, the page's own date and the years that
belong to names live in ``pipeline/data/dates.yaml``.  The regular expression
is built from both once, on first use.

Passes over one window (a record's body):

1. *atoms*, found by one regular expression (alternatives tried in this order
   at each position): ISO ``2021-03-01``; a numeric day range ``26-28.09.2019``;
   a numeric range whose first day has no year ``28.06-2.07.2021``, ``28.06 do
   2.07.2021``; numeric ``1.03.2021`` / ``01-03-2021`` / ``1/03/2021``; a day
   range in one month ``15-16 maja 2019``, ``15/16 czerwca``, ``3 do 7 lipca``, ``12 a 14 maja``
   (months.yaml day_range_words); day + month word ``15 maja 2019 r.``; a day listed
   before one with its month ``15`` of ``15 i 16 czerwca`` (months.yaml day_list_words);
   day + Roman month ``15 III 2019``, ``30.XI.2014``, ``1. V 2014``; Roman months with a year ``III-VI 2019``, ``od III
   do VI 2019``, ``w IX 2019`` (Roman numerals, in capitals, only with a year: ``III
   Rzeszy``, ``LOGON III`` are not dates; a single one only after a cue word, so
   ``Działaj Lokalnie X 2018`` is an ordinal); month word [+ year] ``lipcu 2015``,
   ``marca``, ``mar. 2019``; ``MM.YYYY`` / ``MM/YYYY`` (two-digit month)
   ``03.2021``, ``04/2014``, in a range also one digit (``6.2022 - 5.2023 r.``); a short year range
   ``2008-9``; a fraction of a year ``I kwartale 2018 r.``; a year with its markers ``2014 r.``, ``roku
   2001``, ``latach 2014``; a historical year, only with a marker ``z 1780
   roku``; a deictic year ``tym roku``, ``br.``, ``ubiegłym roku``; a day
   relative to the previous date ``tego samego dnia``; a day relative to the
   page's date ``wczoraj``, ``dzisiaj``.
   A part-of-period word right before an atom (``połowie``, ``końca``,
   ``początku``, a season ``jesienią``) joins its evidence, not its span;
   ``przełomie`` also makes the ``i`` after the atom a range (``przełomie maja i
   czerwca 2019``: one period).
2. *deictic years* after a yearless day or month give it its year
   (``13 czerwca br.``, ``marcu ubiegłego roku``); a deictic year counts from
   the date line of the window before it (a dated news item), else the page's
   date (:class:`YearContext`), else the record's year (year_end); without
   any of them it is not reported. A day relative to the page (``wczoraj``)
   counts from that date line or the page's date only.
3. *links* between neighbouring atoms: a range connector (``-``, ``–``,
   `` do ``, `` a ``; ``/`` between two years) makes one span from the start of
   the first to the end of the second (``marzec-listopad 2018``,
   ``01-03-2021 - 31-12-2022``, ``od 28 lutego do 2 marca``, ``między 12 maja a
   3 czerwca 2019``); an enumeration (``,``, `` i ``, `` oraz ``...) keeps them
   apart but shares a year written only on the last one (``w maju i wrześniu
   2015``); two consecutive months joined by ``i`` are one period (``w maju i
   czerwcu 2015``, as the keys read them).
4. *years* for what has none written, in this order: the record's year
   (year_end, as tests/gold/CONVENTIONS.md decides "when the span is open to
   doubt"), the last year written earlier in the window, the record's
   year_start, the page's date, the only year written on the page.  Such dates
   are ``year_inferred``; without any of these they are skipped.  A relative
   day (``tego samego dnia``) is the previous single-day date of the window
   moved by its offset, also ``year_inferred``.

Decisions (see also the comments in months.yaml and dates.yaml):

* ``raw_text`` is the date as written, with its ``r.``/``roku``/``rok`` marker
  after, ``roku``/``latach``/``lata`` before and a part-of-period word before
  (``połowie kwietnia``, ``końca 2020 r.``), without prepositions: ``w lipcu
  2015`` -> ``lipcu 2015``, ``w roku 2001`` -> ``roku 2001``, ``od marca do
  listopada 2018`` -> ``marca do listopada 2018``, ``w dniu 5 grudnia 2007``
  -> ``5 grudnia 2007``, ``w tym roku`` -> ``tym roku``.  A part of a period
  keeps the enclosing unit's span and precision (``na początku 2004 roku`` ->
  the year 2004); a quarter or half-year is its months (precision month:
  ``I kwartale 2020``, ``pierwszej połowie 2019``); a season is a part of its year.
* ``2014 i 2015 r.``, ``(2014, 2015)`` and ``w latach 2008 i 2009`` are two year spans (a bare year listed after a
  marked one is a year unless it counts something: ``2014 r. i 2000 osób``), ``15 i 16
  czerwca`` two days; only a dash, ``do``, ``a`` or ``/`` make a range, and ``i``
  after ``przełomie`` (``na przełomie 2018 i 2019 roku``: one period).
* a range's precision is the coarser of its two ends
  (``od marca 2017 do 2018`` -> year).  A yearless first month later in the
  year than the second is taken from the year before (``od listopada do
  marca 2018`` -> 2017-11-01..2018-03-31).
* a bare four-digit year (no marker, not in a range or list) is dropped when a
  lower-case word follows (``2000 osób``), unless ``w`` stands before it and the
  word after does not end like a counted noun (``w 2017 realizowała`` is a date,
  ``w 2000 gospodarstwach`` is not; months.yaml bare_year_cues); money
  (``2014 zł``) is never a date.
* the page's own date (:func:`page_dates`: a labelled publication date or the
  date line under the headline) is the page's metadata, not a date of the record
  that holds it; it still gives deictic years their year.
* years inside a name are not dates (``Horyzont 2020``, ``PHARE 2002``,
  ``RPO WM 2014-2020``, ``na lata 2014-2020``; rules in dates.yaml);
  historical years with a marker are (``z 1780 roku``).
* A lone yearless month must be in lower case and follow a cue word
  (``w``, ``od``, ``połowie`` ...) or stand alone in brackets (``(lipiec)``).
* ``2009-05`` (earlier short second year) is not read at all: neither a range
  nor an ISO year-month is safe.
* a record keeps one date per period and precision (:func:`one_per_period`, applied by
  ``pipeline.extract.record``): a year written again later in the record is keyed
  once; the members of an enumeration (``w 2014 i 2015 r.``) always stay.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any, NamedTuple

from pipeline.core.datatypes import DateSpan
from pipeline.extract.axes import in_axis
from pipeline.extract.money import extract_money
from pipeline.ruledata.common import common
from pipeline.ruledata.resources import load_yaml
from pipeline.text.morph import analyse

_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
_BL = r"[ \t\u00a0\u202f]"  # one blank (no line break)
_SP = rf"{_BL}*(?:\r?\n{_BL}*)?"  # blanks, at most one line break
_SP1 = rf"(?:{_BL}+(?:\r?\n{_BL}*)?|\r?\n{_BL}*)"  # at least one
_NL = r"(?![^\W\d_])"  # no letter follows
_NLB = r"(?<![^\W\d_])"  # no letter precedes
_DAY = r"(?:0?[1-9]|[12][0-9]|3[01])"  # ASCII digits only, like all captured numbers
_MONTH_NUM = r"(?:0?[1-9]|1[0-2])"
# context of an atom: the word (any non-space run) right before, the letter word right after
_WORD_BEFORE = re.compile(r"(\S+)[ \t\u00a0\u202f]*\r?\n?[ \t\u00a0\u202f]*$")
_WORD_AFTER = re.compile(r"[ \t\u00a0\u202f]*\r?\n?[ \t\u00a0\u202f]*([^\W\d_]+)")
_TRAILING_LETTERS = re.compile(r"([^\W\d_]+)$")
_BLANKS = re.compile(_SP)
# the word before a year on its line, blanks only between (or an opening bracket): "Horyzont 2020", "Rozwój (2014-2020)"
_NAME_BEFORE = re.compile(rf"(?<!\S)(\S+){_BL}+(?:(\(){_BL}*)?$")
_NA_LATA_BEFORE = re.compile(rf"(?:(?<!\S)(\S+){_BL}+)?(?<!\S)na{_BL}+$", re.IGNORECASE)
_LABEL_GAP = re.compile(r"[\s:.,–—-]*")  # between a publication label and its date
_OPENERS = "„\"'«‚(["
_QUOTE_CLOSERS = '”"»’'  # a quoted name's closing quote: "„Aktywna tablica” na lata 2020-2024"
_CLOSERS = _QUOTE_CLOSERS + "')]"


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


def _phrases(forms: list[str]) -> str:
    """Whole-word alternation of phrases whose spaces match any blanks (and one line break)."""
    alts = []
    for f in sorted({str(f) for f in forms}, key=len, reverse=True):
        body = _SP1.join(re.escape(w) for w in f.split())
        alts.append(body + (_NL if f[-1].isalpha() else ""))
    return _NLB + "(?:" + "|".join(alts) + ")"


def _norm(phrase: str) -> str:
    return " ".join(phrase.split()).casefold()


class _Grammar:
    def __init__(self, data: dict[str, Any], rules: dict[str, Any]):
        self.month_of: dict[str, int] = {}
        self.abbreviations: set[str] = set()
        self.roman_of: dict[str, int] = {}
        self.genitives: set[str] = set()
        for entry in data["months"]:
            n = int(entry["number"])
            for form in entry["forms"]:
                self.month_of[form.casefold()] = n
            for form in entry["abbreviations"]:
                self.month_of[form.casefold()] = n
                self.abbreviations.add(form.casefold())
            self.roman_of[str(entry["roman"])] = n
            self.genitives.add(str(entry["forms"][1]).casefold())  # months.yaml lists the genitive second
        self.year_min = common().written_years.min
        self.year_max = common().written_years.max
        self.range_connectors = [re.compile(p) for p in data["range_connectors"]]
        self.year_range_connectors = [re.compile(p) for p in data["year_range_connectors"]]
        self.enumeration_connectors = [re.compile(p) for p in data["enumeration_connectors"]]
        self.ok_followers = {w.casefold() for w in data["bare_year_ok_followers"]}
        self.month_cues = {w.casefold() for w in data["bare_month_cues"]}
        self.reject_after = {w.casefold() for w in data["reject_after_words"]}
        self.year_labels = {w.casefold() for w in data["year_label_words"]}
        self.month_brackets = [(str(b)[0], str(b)[1]) for b in data["bare_month_brackets"]]
        self.year_cues = {w.casefold() for w in data["bare_year_cues"]}
        self.count_endings = tuple(str(w).casefold() for w in data["bare_year_count_endings"])

        # dates.yaml: deictic years, relative days, parts and fractions, page dates, names
        self.deictic_of = {_norm(f): int(e["offset"]) for e in rules["deictic_years"] for f in e["forms"]}
        self.deictic_abbreviations = {_norm(f) for f in rules["deictic_abbreviations"]}
        self.relday_of = {_norm(f): int(e["offset"]) for e in rules["relative_days"] for f in e["forms"]}
        self.pageday_of = {_norm(f): int(e["offset"]) for e in rules["page_relative_days"] for f in e["forms"]}
        self.pageday_not_after = {_norm(w) for w in rules["page_relative_day_not_after"]}
        self.fraction_of = {f.casefold(): int(e["months"]) for e in rules["year_fractions"] for f in e["forms"]}
        self.fraction_needs_year = {
            f.casefold() for e in rules["year_fractions"] if e.get("needs_year") for f in e["forms"]
        }
        self.ordinal_of = {str(f).casefold(): int(n) for n, fs in rules["fraction_ordinals"].items() for f in fs}
        self.turn_words = {_norm(w) for w in rules["turn_words"]}
        self.school_year = re.compile(rf"(?:{'|'.join(rules['school_year_words'])}){_BL}*$", re.IGNORECASE)
        self.season_of = {_norm(f): (e["first_month"], e["last_month"]) for e in rules["seasons"] for f in e["forms"]}
        self.turn_connectors = [re.compile(p) for p in rules["turn_connectors"]]
        self.month_pair_connectors = [re.compile(p) for p in rules["month_pair_connectors"]]
        qualifiers = [*rules["part_qualifiers"], *rules["turn_words"]]
        self.qualifier = re.compile(rf"(?<!\S){_words(qualifiers)}{_BL}*$", re.IGNORECASE)
        self.publication_label = re.compile(_phrases(rules["publication_labels"]), re.IGNORECASE)
        self.metadata_label = re.compile(_phrases(rules["metadata_labels"]), re.IGNORECASE)
        self.dateline_first_lines = int(rules["dateline_first_lines"])
        extra = _words([*rules["dateline_words"], *rules["weekdays"], *rules["publication_labels"]])
        sep = r"[\s,;:|•·/()\[\]–—-]*"
        self.dateline_rest = re.compile(
            rf"{sep}(?:(?:{_NLB}{extra}|\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?(?!\d)){sep})*", re.IGNORECASE
        )
        self.programme_periods = {tuple(int(y) for y in str(p).split("-")) for p in rules["programme_periods"]}
        self.programme_words = {w.casefold() for w in rules["programme_words"]}
        self.name_not_after = {w.casefold() for w in rules["name_year_not_after"]}
        date_words = _phrases(rules["statute_date_words"])
        self.citation = re.compile(
            rf"{_phrases(rules['citation_prefixes'])}{_BL}*(?:{date_words}{_BL}*)?$", re.IGNORECASE
        )
        # the issuing body between a regulation and its date: "rozporządzenia Rady Ministrów z dnia"
        issuer_word = rf"(?:(?-i:[A-ZĄĆĘŁŃÓŚŹŻ])[^\W\d_]*\.?|{_words(rules['statute_issuer_joiners'])}),?"
        issuer = rf"(?:{_SP1}{issuer_word}){{0,{int(rules['statute_issuer_max_words'])}}}"
        self.statute = re.compile(
            rf"{_phrases(rules['statute_words'])}{issuer}{_SP1}{date_words}{_BL}*$", re.IGNORECASE
        )
        self.name_quotes = [(str(q)[0], str(q)[1]) for q in rules["name_quotes"]]
        self.quoted_name_max_words = int(rules["quoted_name_max_words"])
        self.quoted_speech_pos = frozenset(str(p) for p in rules["quoted_speech_pos"])
        hist_min = common().historical_years.min

        year = _year_regex(self.year_min, self.year_max)
        hist_year = _year_regex(hist_min, self.year_min - 1)
        month = _NLB + _words(list(self.month_of))
        genitive = _words(sorted(self.genitives))  # "9. czerwca"; "1. Marzec 2019 – ..." is a numbered item
        # Roman months in capitals only ("i" is a conjunction)
        roman = _NLB + "(?-i:" + "|".join(sorted(self.roman_of, key=len, reverse=True)) + ")" + _NL
        pre = _NLB + _words(data["year_markers_before"])
        self.year_marker = re.compile(
            _NLB + _words([*data["year_markers_before"], *data["year_markers_after"]]), re.IGNORECASE
        )
        post = _words(data["year_markers_after"])
        ordinal = r"(?<!\w)" + _words(list(self.ordinal_of)) + r"(?!\d)"
        fraction = _NLB + _words(list(self.fraction_of))
        # a standalone number never starts inside another number or a glued word
        nb = r"(?<![\d\w])(?<!\d[.,])"
        # a year is not followed by a decimal part, a percent sign or a hyphenated word ("2000-lecie")
        year_end = r"(?![.,]\d)(?!\s*%)(?!-[^\W\d_])"
        # between two day numbers that share one month word: "3-7 lipca", "od 3 do 7 lipca"
        day_gap = rf"(?:{_SP}[-–]{_SP}|/|{_SP1}{_words(data['day_range_words'])}{_SP1})"
        # a day listed before another day that carries the month: "15 i 16 czerwca", "5, 6 i 7 maja"
        # (commas only ahead of a conjunction: "ul. Listopadowej 6, 22 listopada" is no list)
        day_list = rf"(?:{_BL}*,{_SP}{_DAY})*{_SP1}{_words(data['day_list_words'])}{_SP1}"
        # between two Roman months: "III-VI 2019", "od III do VI 2019", "IX 2021 - VI 2022"
        roman_gap = rf"{_SP}[-–]{_SP}|{_SP1}do{_SP1}"
        alternatives = [
            # ISO, or year first with dots ("2026.01.22")
            rf"(?P<iso_y>{nb}{year})(?P<isep>[-.])(?P<iso_m>0[1-9]|1[0-2])(?P=isep)(?P<iso_d>0[1-9]|[12][0-9]|3[01])"
            r"(?![\d.,]\d)(?!\d)",
            rf"{nb}(?P<ndr_d1>{_DAY}){_BL}*[-–]{_BL}*(?P<ndr_d2>{_DAY})(?P<nsep>[./])(?P<ndr_m>{_MONTH_NUM})"
            rf"(?P=nsep)(?P<ndr_y>{year}){year_end}",
            rf"{nb}(?P<ndm_d1>{_DAY})\.(?P<ndm_m1>0[1-9]|1[0-2])\.?{day_gap}(?P<ndm_d2>{_DAY})(?P<ndm_sep>[./])"
            rf"(?P<ndm_m2>{_MONTH_NUM})(?P=ndm_sep)(?P<ndm_y>{year}){year_end}",
            rf"{nb}(?P<dmy_d>{_DAY})(?P<sep>[./-])(?P<dmy_m>{_MONTH_NUM})(?P=sep)(?P<dmy_y>{year}){year_end}",
            rf"{nb}(?P<dr_d1>{_DAY}){day_gap}(?P<dr_d2>{_DAY}){_SP}(?P<dr_mon>{month})"
            rf"(?:{_SP}(?P<dr_y>{year}){year_end})?",
            # a day may carry an ordinal dot before its month word ("9. czerwca 2020")
            rf"{nb}(?P<dm_d>{_DAY})(?:\.(?={_BL}+{genitive}))?{_SP}(?P<dm_mon>{month})(?:{_SP}(?P<dm_y>{year}){year_end})?",
            rf"{nb}(?P<dl_d>{_DAY})(?!\d)(?={day_list}{_DAY}{_SP}{month})",
            rf"{nb}(?P<dro_d>{_DAY})(?:\.{_SP}|{_SP1})(?P<dro_m>{roman})(?:\.{_SP}|{_SP1})(?P<dro_y>{year}){year_end}",
            rf"(?P<rr_m1>{roman})(?:{roman_gap})(?P<rr_m2>{roman})(?:\.{_SP}|{_SP1})"
            rf"(?P<rr_y>{year}){year_end}",
            rf"(?P<rm_m>{roman})(?:\.{_SP}|{_SP1})(?P<rm_y>{year}){year_end}",
            rf"(?P<m_mon>{month})(?:{_SP}(?P<m_y>{year}){year_end})?",
            # a range of months written M.YYYY: one digit is a month there ("6.2022 - 5.2023 r."), not alone
            rf"{nb}(?<![/.])(?P<mr_m1>0?[1-9]|1[0-2])\.(?P<mr_y1>{year}){_SP}[-–]{_SP}(?P<mr_m2>0?[1-9]|1[0-2])\."
            rf"(?P<mr_y2>{year}){year_end}",
            rf"{nb}(?<!/)(?P<my_m>0[1-9]|1[0-2])[./](?P<my_y>{year}){year_end}",
            rf"{nb}(?P<sy_y>{year}){_SP}[-–/]{_SP}(?P<sy_s>[0-9]{{1,2}})(?!\d)(?![.,]\d)(?!{_SP}{month})",
            # "drugiej połowie 2019", "drugiej połowie roku 2019"; not a part of "roku 1839" or of a month
            rf"(?P<fr_ord>{ordinal}){_SP1}(?P<fr_noun>{fraction})(?!{_SP1}{month})"
            rf"(?:{_SP}(?:{pre}{_SP1})?(?P<fr_y>{year}){year_end}|(?!{_SP1}{pre}{_SP1}\d))",
            rf"(?:(?P<pre>{pre}){_SP1})?{nb}(?P<y>{year}){year_end}",
            rf"(?:(?P<hpre>{pre}){_SP1})?{nb}(?P<hy>{hist_year}){year_end}",
            rf"(?P<dx>{_phrases(list(self.deictic_of))})",
            rf"(?P<rd>{_phrases(list(self.relday_of))})",
            rf"(?P<pd>{_phrases(list(self.pageday_of))})",
        ]
        self.pattern = re.compile("(?:" + "|".join(alternatives) + rf")(?:{_SP}(?P<post>{post}))?", re.IGNORECASE)
        # a Roman month with its year, then a range's connector and another: "od V 2022 – XII 2023", "IX 2021 - VI 2022"
        self.roman_range_gap = re.compile(roman_gap, re.IGNORECASE)
        self.roman_month_next = re.compile(
            rf"(?:{roman_gap})(?:{roman})(?:\.{_SP}|{_SP1}){year}{year_end}", re.IGNORECASE
        )


@cache
def _grammar() -> _Grammar:
    return _Grammar(load_yaml("months.yaml"), load_yaml("dates.yaml"))


def is_programme_period(first: int, last: int) -> bool:
    """A span of years that is a funding period's (``2014-2020``: dates.yaml ``programme_periods``)."""
    return (first, last) in _grammar().programme_periods


@dataclass(frozen=True)
class YearContext:
    """Where a date without a written year takes its year from, beyond the window itself.

    ``record_start``/``record_end``: the record's years; ``published``: the page's own date (a
    labelled publication date or the date line at its top); ``published_at``: where the page writes
    its metadata dates (offsets in the page: its own date, every place it repeats it, its modification
    dates, a header widget's date of the visit; those mentions are no dates of a record);
    ``page_year``: the only year written on the page; ``published_year``: the year of a page dated by its month
    alone (a metadata line ``date 2023-08`` heading it).  Build it with :func:`year_context`."""

    record_start: int | None = None
    record_end: int | None = None
    published: dt.date | None = None
    page_year: int | None = None
    published_at: tuple[tuple[int, int], ...] = ()
    published_year: int | None = None


@dataclass(frozen=True)
class PageDates:
    """What a whole page says about its own time: its date (and where it is written) and the only
    year it writes."""

    published: dt.date | None = None
    only_year: int | None = None
    published_at: tuple[tuple[int, int], ...] = ()
    published_year: int | None = None


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
    lead: int = -1  # start of the evidence: s, or the part-of-period word before it
    kind: str = "date"  # date | deictic (year counted from an anchor) | relday (day after a date) | pageday
    rel: int = 0  # deictic: years after the anchor year; relday, pageday: days after the previous / page's date
    inferred: bool = False  # the year is not written (deictic, or shared from an inferred one)
    pre_word: str | None = None  # year marker written before ("roku", "lata")
    abbrev: bool = False  # a deictic abbreviation ("br.") standing alone: needs a cue word
    turn: bool = False  # after "przełomie": the next listed date ends its period ("przełomie maja i czerwca")
    roman: bool = False  # month(s) in Roman numerals with a year: never after a name ("Działaj Lokalnie X 2018")

    @property
    def year_only(self) -> bool:
        return self.precision == "year"

    @property
    def start(self) -> int:
        return self.s if self.lead < 0 else self.lead


class _Match(NamedTuple):
    """One match of the date grammar: its named groups, offsets and whether a year marker follows."""

    m: re.Match[str]
    gd: dict[str, str | None]
    s: int
    e: int
    marked: bool

    def text(self, name: str) -> str:
        """A group the matched alternative always fills (the grammar makes it required there)."""
        value = self.gd[name]
        assert value is not None, name
        return value

    def number(self, name: str) -> int:
        return int(self.text(name))

    def int_or_none(self, name: str) -> int | None:
        value = self.gd[name]
        return int(value) if value is not None else None


def _iso_atom(g: _Grammar, x: _Match) -> _Atom | None:
    yy, mm, dd = x.number("iso_y"), x.number("iso_m"), x.number("iso_d")
    return _Atom(x.s, x.e, "day", yy, mm, dd, yy, mm, dd, x.marked)


def _numeric_day_range_atom(g: _Grammar, x: _Match) -> _Atom | None:
    yy, mm, d1, d2 = x.number("ndr_y"), x.number("ndr_m"), x.number("ndr_d1"), x.number("ndr_d2")
    if d1 >= d2:
        return None
    return _Atom(x.s, x.e, "day", yy, mm, d1, yy, mm, d2, x.marked, accepted=True)


def _dmy_atom(g: _Grammar, x: _Match) -> _Atom | None:
    yy, mm, dd = x.number("dmy_y"), x.number("dmy_m"), x.number("dmy_d")
    return _Atom(x.s, x.e, "day", yy, mm, dd, yy, mm, dd, x.marked)


def _numeric_day_month_range_atom(g: _Grammar, x: _Match) -> _Atom | None:
    """``28.06-2.07.2021``, ``od 28.06 do 2.07.2021``: the first day's year is the second's (the year
    before when its month and day come later: ``28.12-3.01.2021``)."""
    y2, m1, d1 = x.number("ndm_y"), x.number("ndm_m1"), x.number("ndm_d1")
    m2, d2 = x.number("ndm_m2"), x.number("ndm_d2")
    y1 = y2 if (m1, d1) < (m2, d2) else y2 - 1
    return _Atom(x.s, x.e, "day", y1, m1, d1, y2, m2, d2, x.marked, accepted=True)


def _day_range_atom(g: _Grammar, x: _Match) -> _Atom | None:
    month_text = x.text("dr_mon")
    mon = g.month_of[month_text.casefold()]
    yy = x.int_or_none("dr_y")
    d1, d2 = x.number("dr_d1"), x.number("dr_d2")
    s = x.s
    if d1 >= d2:  # "od 30 do 7 lipca": no range, the day with its month is still a date
        s, d1 = x.m.start("dr_d2"), d2
    return _Atom(
        s,
        x.e,
        "day",
        yy,
        mon,
        d1,
        yy,
        mon,
        d2,
        x.marked,
        weak=yy is None,
        month_text=month_text,
        coded_month=month_text.casefold() in g.abbreviations,
    )


def _day_month_atom(g: _Grammar, x: _Match) -> _Atom | None:
    month_text = x.text("dm_mon")
    mon = g.month_of[month_text.casefold()]
    yy, dd = x.int_or_none("dm_y"), x.number("dm_d")
    return _Atom(
        x.s,
        x.e,
        "day",
        yy,
        mon,
        dd,
        yy,
        mon,
        dd,
        x.marked,
        weak=yy is None,
        month_text=month_text,
        coded_month=month_text.casefold() in g.abbreviations,
    )


def _listed_day_atom(g: _Grammar, x: _Match) -> _Atom | None:
    """``15`` of ``15 i 16 czerwca``: a day whose month (and year) the next listed day gives."""
    dd = x.number("dl_d")
    return _Atom(x.s, x.m.end("dl_d"), "day", None, None, dd, None, None, dd, weak=True)


def _roman_month_day_atom(g: _Grammar, x: _Match) -> _Atom | None:
    yy, mm, dd = x.number("dro_y"), g.roman_of[x.text("dro_m").upper()], x.number("dro_d")
    return _Atom(x.s, x.e, "day", yy, mm, dd, yy, mm, dd, x.marked)


def _roman_month_range_atom(g: _Grammar, x: _Match) -> _Atom | None:
    """``III-VI 2019``, ``od III do VI 2019 r.``: months in Roman numerals sharing one year."""
    yy, m1, m2 = x.number("rr_y"), g.roman_of[x.text("rr_m1")], g.roman_of[x.text("rr_m2")]
    if m1 >= m2:
        return None
    return _Atom(x.s, x.e, "month", yy, m1, None, yy, m2, None, x.marked, roman=True)


def _roman_month_atom(g: _Grammar, x: _Match) -> _Atom | None:
    """``IX 2019``, ``IX.2019 r.``: a Roman month with its year (kept only after a cue word)."""
    yy, mm = x.number("rm_y"), g.roman_of[x.text("rm_m")]
    return _Atom(x.s, x.e, "month", yy, mm, None, yy, mm, None, x.marked, roman=True)


def _month_atom(g: _Grammar, x: _Match) -> _Atom | None:
    month_text = x.text("m_mon")
    mon = g.month_of[month_text.casefold()]
    yy = x.int_or_none("m_y")
    if yy is None and x.marked:
        return None  # "marca r." is not a date expression
    return _Atom(
        x.s,
        x.e,
        "month",
        yy,
        mon,
        None,
        yy,
        mon,
        None,
        x.marked,
        weak=yy is None,
        month_text=month_text,
        coded_month=month_text.casefold() in g.abbreviations,
    )


def _numeric_month_atom(g: _Grammar, x: _Match) -> _Atom | None:
    yy, mm = x.number("my_y"), x.number("my_m")
    return _Atom(x.s, x.e, "month", yy, mm, None, yy, mm, None, x.marked)


def _numeric_month_range_atom(g: _Grammar, x: _Match) -> _Atom | None:
    y1, m1, y2, m2 = x.number("mr_y1"), x.number("mr_m1"), x.number("mr_y2"), x.number("mr_m2")
    if (y2, m2) < (y1, m1):
        return None
    return _Atom(x.s, x.e, "month", y1, m1, None, y2, m2, None, x.marked, accepted=True)


def _short_year_range_atom(g: _Grammar, x: _Match) -> _Atom | None:
    first, suffix = x.number("sy_y"), x.text("sy_s")
    base = 10 ** len(suffix)
    last = first - first % base + int(suffix)
    if not first < last <= g.year_max:
        return None
    return _Atom(x.s, x.e, "year", first, None, None, last, None, None, x.marked, accepted=True)


def _fraction_atom(g: _Grammar, x: _Match) -> _Atom | None:
    n, size = g.ordinal_of[x.text("fr_ord").casefold()], g.fraction_of[x.text("fr_noun").casefold()]
    if n * size > 12:
        return None  # "III półrocze"
    yy = x.int_or_none("fr_y")
    if yy is None and not x.marked and x.text("fr_noun").casefold() in g.fraction_needs_year:
        return None  # "w drugiej połowie XX wieku", "pierwszej połowie maja"; "drugiej połowie roku" is one
    return _Atom(x.s, x.e, "month", yy, (n - 1) * size + 1, None, yy, n * size, None, x.marked)


def _year_atom(g: _Grammar, x: _Match) -> _Atom | None:
    yy = x.number("y")
    marked = x.marked or x.gd["pre"] is not None
    return _Atom(x.s, x.e, "year", yy, None, None, yy, None, None, marked, weak=not marked, pre_word=x.gd["pre"])


def _historical_year_atom(g: _Grammar, x: _Match) -> _Atom | None:
    if not x.marked and x.gd["hpre"] is None:
        return None  # a historical year only with its marker: "z 1780 roku"
    yy = x.number("hy")
    return _Atom(x.s, x.e, "year", yy, None, None, yy, None, None, True, pre_word=x.gd["hpre"])


def _deictic_year_atom(g: _Grammar, x: _Match) -> _Atom | None:
    form = _norm(x.text("dx"))
    e = x.m.end("dx")  # no year marker after a deictic year
    return _Atom(
        x.s,
        e,
        "year",
        None,
        None,
        None,
        None,
        None,
        None,
        kind="deictic",
        rel=g.deictic_of[form],
        abbrev=form in g.deictic_abbreviations,
    )


def _relative_day_atom(g: _Grammar, x: _Match) -> _Atom | None:
    e = x.m.end("rd")
    return _Atom(x.s, e, "day", None, None, None, None, None, None, kind="relday", rel=g.relday_of[_norm(x.text("rd"))])


def _page_day_atom(g: _Grammar, x: _Match) -> _Atom | None:
    e = x.m.end("pd")
    return _Atom(
        x.s, e, "day", None, None, None, None, None, None, kind="pageday", rel=g.pageday_of[_norm(x.text("pd"))]
    )


# The grammar's alternatives, in its order: the group that tells which one matched, and its reading.
_ATOM_FORMS = (
    ("iso_y", _iso_atom),
    ("ndr_d1", _numeric_day_range_atom),
    ("ndm_d1", _numeric_day_month_range_atom),
    ("dmy_d", _dmy_atom),
    ("dr_d1", _day_range_atom),
    ("dm_d", _day_month_atom),
    ("dl_d", _listed_day_atom),
    ("dro_d", _roman_month_day_atom),
    ("rr_m1", _roman_month_range_atom),
    ("rm_m", _roman_month_atom),
    ("m_mon", _month_atom),
    ("mr_m1", _numeric_month_range_atom),
    ("my_m", _numeric_month_atom),
    ("sy_y", _short_year_range_atom),
    ("fr_ord", _fraction_atom),
    ("y", _year_atom),
    ("hy", _historical_year_atom),
    ("dx", _deictic_year_atom),
    ("pd", _page_day_atom),
)


def _atom(g: _Grammar, m: re.Match[str]) -> _Atom | None:
    """The reading of one grammar match (None: the match is no date expression)."""
    gd = m.groupdict()
    x = _Match(m, gd, m.start(), m.end(), gd["post"] is not None)
    build = next((f for group, f in _ATOM_FORMS if gd[group] is not None), _relative_day_atom)
    return build(g, x)


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


def _consecutive_months(a: _Atom, b: _Atom) -> bool:
    """Two single months without days, the second the month after the first (``maju i czerwcu``)."""
    single = all(x.precision == "month" and x.d1 is None and x.m1 is not None and x.m1 == x.m2 for x in (a, b))
    return single and a.y1 is None and a.m1 is not None and b.m1 == a.m1 + 1


def _merge_range(g: _Grammar, a: _Atom, b: _Atom, gap: str) -> _Atom | None:
    """One span from a's start to b's end, or None when a and b do not form a range."""
    if a.kind != "date" or b.kind != "date" or _listed_day(a) or _listed_day(b):
        return None
    if a.turn and _fullmatch_any(g.turn_connectors, gap):
        pass  # "przełomie maja i czerwca", "przełomie maja/czerwca": one period
    elif _consecutive_months(a, b) and _fullmatch_any(g.month_pair_connectors, gap):
        pass  # "w maju i czerwcu 2024": one period
    elif _fullmatch_any(g.year_range_connectors, gap):
        months = a.precision == b.precision == "month" and a.d1 is None and b.d1 is None and a.y1 is None
        if not (a.year_only and b.year_only) and not months:
            return None  # a slash joins two years ("2009/2010") or two month words ("czerwiec/lipiec 2006")
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
        lead=a.lead,
        inferred=a.inferred or b.inferred,
        pre_word=a.pre_word,
    )


def _listed_day(a: _Atom) -> bool:
    """A day still waiting for the month of the next listed day."""
    return a.d1 is not None and a.m1 is None


def _word_before(window: str, s: int) -> str | None:
    m = _WORD_BEFORE.search(window[max(0, s - 60) : s])
    return m.group(1) if m else None


def _word_after(window: str, e: int) -> str | None:
    m = _WORD_AFTER.match(window[e : e + 60])
    return m.group(1) if m else None


def _after_cue(g: _Grammar, before: str | None) -> bool:
    cue = _TRAILING_LETTERS.search(before) if before else None
    return cue is not None and cue.group(1).casefold() in g.month_cues and cue.end() == len(before or "")


def _name_word(g: _Grammar, token: str) -> bool:
    """A word that can end a programme's or fund's name: ``Horyzont``, ``WM``, ``„Senior+”``, ``2.0``."""
    word = token.lstrip(_OPENERS)
    closed = word.rstrip(_CLOSERS)
    if not closed or closed.casefold() in g.name_not_after:
        return False
    if closed[-1] in ",.;:!?–—-":
        return False  # punctuation between the word and the year: "(Act4T, 2013)", "UE, 2015"
    return closed[0].isupper() or closed.endswith("+") or bool(_VERSION.fullmatch(closed))


_VERSION = re.compile(r"\d+\.\d+\+?")  # a version ends a name: "Narodowy Program Rozwoju Czytelnictwa 2.0"


def _in_name(g: _Grammar, window: str, a: _Atom) -> bool:
    """A year (span) that belongs to a programme's or fund's name (rules in dates.yaml)."""
    prefix = window[window.rfind("\n", 0, a.start) + 1 : a.start]
    period = (a.y1, a.y2) in g.programme_periods
    if a.pre_word is not None:  # "na lata 2014-2020"
        m = _NA_LATA_BEFORE.search(prefix)
        if a.pre_word.casefold() != "lata" or m is None:
            return False
        word = m.group(1)
        if period or (word is not None and (_name_word(g, word) or word.casefold() in g.programme_words)):
            return True
        if word is not None and word[-1] in _QUOTE_CLOSERS:
            return True  # "„Aktywna tablica” na lata 2020-2024": the quoted name's period
        return _programme_in_sentence(g, prefix[: m.start()])
    if a.marked:
        return False
    closing = window[a.e : a.e + 1]
    if any(closing == c and o in prefix for o, c in g.name_quotes):
        return True  # "„Nowe wyzwania sezon 2021”"
    m = _NAME_BEFORE.search(prefix)
    if m is None:
        return False
    word, bracket = m.group(1), m.group(2) is not None
    if bracket and not period:
        return False  # "UE (2014- 2015)": a date in brackets after a name
    return _name_word(g, word) or (period and word.casefold() in g.programme_words)


def _programme_in_sentence(g: _Grammar, before: str) -> bool:
    """A word of ``programme_words`` earlier in the sentence (``Rządowego programu rozwijania szkolnej
    infrastruktury ... na lata 2020-2024``): ``na lata`` gives the period of the programme, strategy or fund
    the sentence names, however many words of its name stand between (dates.yaml)."""
    start = max((m.start() + 1 for m in _SENTENCE_BREAK.finditer(before)), default=0)  # after the stop
    return any(w.casefold() in g.programme_words for w in _LETTERS.findall(before[start:]))


_LETTERS = re.compile(r"[^\W\d_]+")
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[^\W\d_]*[A-ZĄĆĘŁŃÓŚŹŻ]")  # "... roku. Potem": two sentences


def _quoted_text(g: _Grammar, window: str, a: _Atom) -> str | None:
    """The text of the quotation around ``a`` when one opens before it and closes after it on its line."""
    ls = window.rfind("\n", 0, a.start) + 1
    le = window.find("\n", a.e)
    prefix, rest = window[ls : a.start], window[a.e : len(window) if le < 0 else le]
    for o, c in g.name_quotes:
        i = prefix.rfind(o)
        if i < 0 or (prefix.count(o) % 2 == 0 if o == c else c in prefix[i + 1 :]):
            continue  # no quotation open before the date
        j = rest.find(c)
        if j >= 0:
            return prefix[i + 1 :] + window[a.start : a.e] + rest[:j]
    return None


def _in_quoted_name(g: _Grammar, window: str, a: _Atom) -> bool:
    """A year inside a short quoted name (``„Tenis stołowy 2023 Michałowice”``, ``„... kultury fizycznej w
    2021 roku”``) is the name's; a quoted speech (longer, two sentences, or a finite verb) is no name (dates.yaml)."""
    inner = _quoted_text(g, window, a)
    if inner is None or len(inner.split()) > g.quoted_name_max_words or _SENTENCE_BREAK.search(inner):
        return False
    return not any(r.pos in g.quoted_speech_pos for w in _LETTERS.findall(inner) for r in analyse(w))


def _page_day_kept(g: _Grammar, window: str, a: _Atom) -> bool:
    """``wczoraj``, ``dzisiaj``: in lower case or opening a sentence (``Polska Dziś`` is a name), and
    not in ``do dziś`` / ``po dziś dzień`` (until now)."""
    before = _word_before(window, a.s)
    if before is not None and before.casefold() in g.pageday_not_after:
        return False
    if g.metadata_label.match(window, a.s):
        return False  # "Dzisiaj jest: 26 Kwiecień 2024": the label of a header widget
    if window[a.s].islower():
        return True
    return before is None or before[-1] in ".!?:" or "\n" in window[max(0, a.s - 3) : a.s]


def _year_of_roman(m: re.Match[str], a: _Atom) -> _Atom:
    """The year written after a Roman numeral that is no month."""
    s = m.start("rr_y") if m.group("rr_y") is not None else m.start("rm_y")
    return _Atom(s, a.e, "year", a.y1, None, None, a.y2, None, None, a.marked, weak=not a.marked)


def _roman_month_kept(g: _Grammar, before: str | None, a: _Atom) -> bool:
    """A Roman month with a year is one after a cue word (``w IX 2019``), a label (``Termin: IX 2019``),
    an opening bracket or at the window's start (no word before it); a range (``III-VI 2019``) also after any word but a
    word of a name: ``Działaj Lokalnie X 2018``, ``VII Konferencja 2019`` are ordinals."""
    if before is None or before.endswith((":", "(", "[")) or _after_cue(g, before):
        return True
    return a.m1 != a.m2 and not _name_word(g, before)


def _roman_month(g: _Grammar, window: str, a: _Atom, atoms: list[_Atom]) -> bool:
    """A Roman numeral with a year is a month after a cue (:func:`_roman_month_kept`) or in a range of two."""
    return _roman_month_kept(g, _word_before(window, a.s), a) or _roman_month_pair(g, window, a, atoms)


def _roman_month_pair(g: _Grammar, window: str, a: _Atom, atoms: list[_Atom]) -> bool:
    """A Roman month with its year that a range's connector links to another (``IX 2021 - VI 2022``, ``od V 2022 –
    XII 2023``): two months with years joined so are a period, whatever word comes before."""
    if a.m1 != a.m2:
        return False
    if g.roman_month_next.match(window, a.e):
        return True
    prev = atoms[-1] if atoms else None
    return (
        prev is not None
        and prev.roman
        and prev.precision == "month"
        and prev.m1 == prev.m2
        and g.roman_range_gap.fullmatch(window, prev.e, a.s) is not None
    )


def _cued_year(g: _Grammar, before: str | None, after: str) -> bool:
    """``w 2017 realizowała``: a bare year right after ``w`` is one unless the word after it is the
    locative plural of a counted noun (``w 2000 gospodarstwach``)."""
    return before is not None and before.casefold() in g.year_cues and not after.casefold().endswith(g.count_endings)


# a word, then the parts of a number up to a slash glued to the atom: "Nr 1/", "nr XXXIII/373/"
_IDENTIFIER_CHAIN = re.compile(r"(?<!\S)(\S+)[ \t\u00a0]+[\w.-]+(?:/[\w.-]+)*/$")


# a year glued to the part before it is the last part of a code: "1/III/2020", "PG/1/2022", "OSP-2023",
# "KA131-2021" (none of the 133 on the dev pages is a keyed date); a range is one atom, never cut here
_GLUED_CODE = re.compile(r"(?:\w/|[^\W\d_]\w*-)\Z")
# a group of an account or other long number: "89 9283 0006 0025 8629 2000 0010"
_DIGIT_GROUP_BEFORE = re.compile(r"(?<!\S)\d{2,4}[ \u00a0]\Z")
_DIGIT_GROUP_AFTER = re.compile(r"[ \u00a0]\d{4}(?!\S)")


def _in_code(window: str, a: _Atom) -> bool:
    """A bare year that is a part of an identifier or a long number, not a date."""
    if not a.year_only or a.y1 is None:
        return False
    lead_in = window[max(0, a.s - 12) : a.s]
    if _GLUED_CODE.search(lead_in):
        return True
    before, after = _DIGIT_GROUP_BEFORE.search(lead_in), _DIGIT_GROUP_AFTER.match(window, a.e)
    if before is None or after is None:
        return False
    groups = (before.group().strip(), after.group().strip())
    return not all(1900 <= int(x) <= 2100 for x in groups)  # "2018 2019 2020" is a row of years


def _rejected_after(g: _Grammar, word: str, a: _Atom) -> bool:
    """The word before the atom makes it no date: an identifier's or an address's (``nr 2014``, ``ul. 3 Maja``), or,
    for a year alone, an edition's label (``edycja 2022`` labels a round; ``EDYCJA 01.09-31.10.2015`` dates it)."""
    return word in g.reject_after or (a.year_only and word in g.year_labels)


def _keep(g: _Grammar, window: str, a: _Atom) -> bool:
    """Context checks for atoms and spans that are not dates by themselves."""
    if _in_code(window, a):
        return False
    before = _word_before(window, a.s)
    if before is not None and _rejected_after(g, before.lstrip("([„\"'").casefold(), a):
        return False
    lead_in = window[max(0, a.s - 40) : a.s]
    if g.citation.search(lead_in) or g.statute.search(window, max(0, a.s - 120), a.s):
        return False  # "Dz. U. z 2011 r. Nr 127", "ustawy z dnia 27 sierpnia 1997 r. o ...", "rozporządzenia RM z dnia"
    chain = _IDENTIFIER_CHAIN.search(lead_in)
    if chain and chain.group(1).casefold() in g.reject_after:
        return False  # the last part of a number: "Uchwałą Nr 1/2008", "uchwały nr XXXIII/373/2021"
    if a.kind == "relday":
        return True
    if _listed_day(a):
        return False  # no listed day with a month after it
    if a.abbrev:
        return _after_cue(g, before)  # "w br.", never a stray "br."
    if a.coded_month and a.y1 is None:
        return False
    if (
        a.year_only
        and not a.inferred
        and a.y1 is not None
        and (_in_name(g, window, a) or _in_quoted_name(g, window, a))
    ):
        return False
    if a.accepted or not a.weak:
        return True
    if a.year_only:
        after = _word_after(window, a.e)
        return (
            after is None
            or not after[0].islower()
            or after.casefold() in g.ok_followers
            or _cued_year(g, before, after)
            or (a.start < a.s and not after.casefold().endswith(g.count_endings))  # "od połowy 2018 trwały"
        )
    # yearless: the month word must be written in lower case ("Maja" is a name)
    if a.month_text is not None and not a.month_text.islower():
        return False
    if a.precision == "month":  # a lone month needs a cue word right before it, or brackets around it
        if (window[a.s - 1 : a.s], window[a.e : a.e + 1]) in g.month_brackets:
            return True
        return _after_cue(g, before)
    return True


def _line_bounds(text: str, s: int, e: int) -> tuple[int, int]:
    """Start and end of the line holding text[s:e]."""
    le = text.find("\n", e)
    return text.rfind("\n", 0, s) + 1, len(text) if le < 0 else le


def _is_dateline(g: _Grammar, text: str, s: int, e: int) -> bool:
    """The line holding text[s:e] says nothing but this date (with a time, a weekday, a label)."""
    ls, le = _line_bounds(text, s, e)
    return bool(g.dateline_rest.fullmatch(text[ls:s])) and bool(g.dateline_rest.fullmatch(text[e:le]))


# a clock time: not part of a longer number or date (``10.03.2020``, ``1.250,50``), though a comma or stop may end
# it (``10:39, 1 września 2023``)
_CLOCK = re.compile(r"(?<![\d.,:])(?:[01]?\d|2[0-3])[:.][0-5]\d(?:[:.][0-5]\d)?(?![\d:]|[.,]\d)")


def is_timestamp(text: str, start: int, end: int) -> bool:
    """The date ``text[start:end]`` is a page's publication or edit stamp: its line says nothing but the date,
    a weekday, a label (``Opublikowano``, ``Zmieniono``) and a clock time (``Czwartek, 8 lutego 2024, 14:16``,
    ``2021-07-30 11:11:22``, ``Data: 03.07.2018 r., godz. 07.59``): page chrome, not a date of the body."""
    if not _is_dateline(_grammar(), text, start, end):
        return False
    ls, le = _line_bounds(text, start, end)
    return bool(_CLOCK.search(text[end:le]) or _CLOCK.search(text[ls:start]))


def _valid_day(a: _Atom) -> dt.date | None:
    try:
        return dt.date(*_key(a.y1, a.m1, a.d1, False))
    except ValueError:  # 31.02.2020
        return None


def _single_day(a: _Atom) -> bool:
    return a.kind == "date" and a.precision == "day" and a.y1 is not None and (a.y1, a.m1, a.d1) == (a.y2, a.m2, a.d2)


def _atoms(g: _Grammar, window: str) -> list[_Atom]:
    money = [(m.char_start, m.char_end) for m in extract_money(window)]
    atoms: list[_Atom] = []
    for m in g.pattern.finditer(window):
        a = _atom(g, m)
        if a is not None and a.roman and not _roman_month(g, window, a, atoms):
            a = _year_of_roman(m, a)  # "Działaj Lokalnie X 2018": an ordinal, the year is read alone
        if a is None or any(ms < a.e and a.s < me for ms, me in money):
            continue
        if a.kind == "pageday" and not _page_day_kept(g, window, a):
            continue
        # a part-of-period word right before joins the evidence: "połowie kwietnia", "końca 2020 r."
        lo = max(atoms[-1].e if atoms else 0, a.s - 30)
        q = g.qualifier.search(window, lo, a.s)
        turn = q is not None and _norm(q.group(0)) in g.turn_words
        atoms.append(replace(a, lead=q.start() if q else a.s, turn=turn))
    return atoms


def _attach_deictic(window: str, atoms: list[_Atom]) -> list[_Atom]:
    """``13 czerwca br.``, ``marcu ubiegłego roku``: a yearless day or month takes the deictic year after it."""
    out: list[_Atom] = []
    for a in atoms:
        prev = out[-1] if out else None
        if (
            a.kind == "deictic"
            and prev is not None
            and prev.kind == "date"
            and prev.y1 is None
            and not prev.year_only
            and _BLANKS.fullmatch(window[prev.e : a.s])
        ):
            out[-1] = replace(prev, e=a.e, kind="deictic", rel=a.rel)
            continue
        out.append(a)
    return out


# A record's year older than the web (a chapel's founding, ``1350``) is no year a page's ``w tym roku`` counts from.
WEB_YEAR_MIN = 1990


def _resolve_deictic(g: _Grammar, window: str, atoms: list[_Atom], ctx: YearContext) -> list[_Atom]:
    """A deictic year counts from the window's last date line before it, else the page's date, else the
    record's year_end (from 1990 on), else (``w tym roku`` only) the page's only year; a day relative to the page
    (``wczoraj``) from that date line or the page's date only; without one they are dropped."""
    out: list[_Atom] = []
    dated: dt.date | None = None  # the last date line seen
    for a in atoms:
        if _single_day(a) and _is_dateline(g, window, a.start, a.e):
            dated = _valid_day(a)
        today = dated or ctx.published
        if a.kind == "pageday":
            if today is not None:  # "wczoraj": the day before the page's (or the item's) date
                d = today + dt.timedelta(days=a.rel)
                out.append(
                    replace(
                        a, kind="date", y1=d.year, m1=d.month, d1=d.day, y2=d.year, m2=d.month, d2=d.day, inferred=True
                    )
                )
            continue
        if a.kind != "deictic":
            out.append(a)
            continue
        record_end = ctx.record_end if ctx.record_end is not None and ctx.record_end >= WEB_YEAR_MIN else None
        base = today.year if today is not None else ctx.published_year or record_end
        if base is None and a.rel == 0:
            base = ctx.page_year  # "w tym roku" on a page that writes one year: that year
        if base is None:
            continue
        yy = base + a.rel
        out.append(replace(a, kind="date", y1=yy, y2=yy, inferred=True))
    return out


def extract_dates(
    text: str,
    start: int = 0,
    end: int | None = None,
    context_year: int | None = None,
    context: YearContext | None = None,
) -> list[DateSpan]:
    """All temporal expressions in ``text[start:end]``, with offsets into ``text``.

    The window is read as one record: a date without a written year takes it from ``context``
    (see :class:`YearContext`) or from a year written before it in the window; ``context_year``
    is the record's year (kept for callers without a context)."""
    g = _grammar()
    end = len(text) if end is None else end
    window = text[start:end]
    ctx = context or YearContext()
    if context_year is not None:
        ctx = replace(ctx, record_end=context_year)

    atoms = _resolve_deictic(g, window, _attach_deictic(window, _atoms(g, window)), ctx)
    merged = _share_listed_years(g, window, _merge_ranges(g, window, atoms))
    out: list[DateSpan] = []
    written: int | None = None  # the last year written in the window so far
    day: dt.date | None = None  # the last single-day date so far
    for a in merged:
        if not _keep(g, window, a) or in_axis(text, start + a.s, start + a.e):
            continue  # ... nor a column label of a table's year axis (`2019 2020 2021 2022 2023 Suma`)
        read = _read_dates(a, ctx, written, day)
        if read is None:
            continue
        a, first, last, inferred = read
        school = g.school_year.search(window, max(0, a.start - 40), a.start) if a.precision == "year" else None
        if school is not None and last.year == first.year + 1:
            # "roku szkolnym 2014/2015": 1 September .. 31 August
            first, last = dt.date(first.year, 9, 1), dt.date(last.year, 8, 31)
            a = replace(a, precision="month", lead=school.start())
        season = g.season_of.get(_norm(window[a.start : a.s])) if a.precision == "year" else None
        if season is not None and first.year == last.year:
            # "jesienią 2016 roku": September .. November
            last_day = calendar.monthrange(last.year, season[1])[1]
            first, last = dt.date(first.year, season[0], 1), dt.date(last.year, season[1], last_day)
            a = replace(a, precision="month")
        if (start + a.start, start + a.e) in ctx.published_at:
            continue  # the page's own date ("23/03/2014 05:15" under the headline): metadata
        if not inferred:
            written = a.y2
        if a.precision == "day":
            day = first if first == last else None  # "tego samego dnia" after a range is not one day
        out.append(
            DateSpan(
                start=first,
                end=last,
                precision=a.precision,
                year_inferred=inferred,
                raw_text=window[a.start : a.e],
                char_start=start + a.start,
                char_end=start + a.e,
            )
        )
    return out


def _merge_ranges(g: _Grammar, window: str, atoms: list[_Atom]) -> list[_Atom]:
    """Neighbours joined by a range connector as one range (each atom used once)."""
    merged: list[_Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        if i + 1 < len(atoms):
            b = atoms[i + 1]
            r = _merge_range(g, a, b, window[a.e : b.start])
            if r is not None:
                merged.append(r)
                i += 2
                continue
        merged.append(a)
        i += 1
    return merged


def _share_listed_years(g: _Grammar, window: str, merged: list[_Atom]) -> list[_Atom]:
    """Enumerations: a year written only on the last member is shared; listed bare years confirm each other."""
    for i in range(len(merged) - 2, -1, -1):
        a, b = merged[i], merged[i + 1]
        if a.kind != "date" or b.kind != "date":
            continue
        if not _fullmatch_any(g.enumeration_connectors, window[a.e : b.start]):
            continue
        if _listed_day(a) and b.precision == "day" and b.m1 is not None:  # "15 i 16 czerwca 2019"
            merged[i] = replace(a, m1=b.m1, m2=b.m1, y1=b.y1, y2=b.y1, inferred=b.inferred, accepted=True)
            continue
        if a.y1 is None and b.y2 is not None and not b.year_only and a.m1 is not None:
            y = b.y2 if (a.m2, a.d2 or 31) <= (b.m1 or 1, b.d1 or 1) else b.y2 - 1
            merged[i] = replace(a, y1=y, y2=y, weak=False, accepted=True, inferred=b.inferred)
        elif a.year_only and b.year_only and (b.marked or b.accepted):
            merged[i] = replace(a, accepted=True)
    for i in range(len(merged) - 1):  # ... and a year listed after a marked one is a year too ("latach 2008 i 2009")
        a, b = merged[i], merged[i + 1]
        if (
            a.kind == b.kind == "date"
            and a.year_only
            and b.year_only
            and (a.marked or a.accepted)
            and _fullmatch_any(g.enumeration_connectors, window[a.e : b.start])
            and not (_word_after(window, b.e) or "").casefold().endswith(g.count_endings)  # "2014 r. i 2000 osób"
        ):
            merged[i + 1] = replace(b, accepted=True)
    return merged


def _read_dates(
    a: _Atom, ctx: YearContext, written: int | None, day: dt.date | None
) -> tuple[_Atom, dt.date, dt.date, bool] | None:
    """(the atom with its year, first day, last day, year inferred) of a kept atom, or None when it
    gives no valid date: a day after no single day, no year to give it, an impossible day (31.02)."""
    if a.kind == "relday":
        if day is None:
            return None
        first = day + dt.timedelta(days=a.rel)
        return a, first, first, True
    inferred = a.inferred or a.y1 is None
    if a.y1 is None:
        yy = next(
            (
                y
                for y in (
                    ctx.record_end,
                    written,
                    ctx.record_start,
                    ctx.published.year if ctx.published else ctx.published_year,
                    ctx.page_year,
                )
                if y is not None
            ),
            None,
        )
        if yy is None:
            return None
        a = replace(a, y1=yy, y2=yy)
    try:
        first = dt.date(*_key(a.y1, a.m1, a.d1, False))
        last = dt.date(*_key(a.y2, a.m2, a.d2, True))
    except ValueError:  # 31.02.2020
        return None
    if first > last:
        return None
    return a, first, last, inferred


@lru_cache(maxsize=8)
def page_dates(text: str) -> PageDates:
    """The page's own date and its only year.

    ``published``: the first labelled publication date (``Opublikowano: 12.05.2021``, ``Data
    publikacji``), else the day of the page's date lines when they all give one day and the first
    stands among its first lines (``23/03/2014 05:15`` under the headline; ``3 października 2025``
    under the headline and again at the foot, after the byline).  ``published_at``: the page's
    metadata dates: that publication date, every date line of its day and every day after another
    metadata label (``Zmodyfikowana: 11 lipiec 2022 10:59``, ``Dzisiaj jest: 26 Kwiecień 2024``).
    ``only_year``: the one year that the page's written dates give, years inside names excluded
    (``Interreg V-A Polska-Słowacja 2014-2020`` is no year of the page)."""
    g = _grammar()
    written = [d for d in extract_dates(text) if not d.year_inferred]
    days = [d for d in written if d.precision == "day" and d.start == d.end]
    lines = [d for d in days if _is_dateline(g, text, d.char_start, d.char_end)]
    years = {y for d in written for y in (d.start.year, d.end.year)}
    only_year = years.pop() if len(years) == 1 else None
    labelled = _labelled_dates(g.publication_label, text, days)
    published = labelled[0] if labelled else _dateline_date(g, text, lines)
    metadata = _labelled_dates(g.metadata_label, text, days)
    if published is not None:
        metadata += [published, *(d for d in lines if d.start == published.start)]
    at = tuple(sorted({(d.char_start, d.char_end) for d in metadata}))
    stamp = _MONTH_STAMP.match(text)
    month_year = int(stamp.group(1)) if stamp and published is None else None
    return PageDates(None if published is None else published.start, only_year, at, month_year)


# A page dated by its month alone on its first line, as saved pages carry their metadata (``date 2023-08``): the
# year its ``w tym roku`` and year-less days are in (a day relative to the page, ``wczoraj``, needs its day).
_MONTH_STAMP = re.compile(r"\A\s*(?:date|data)\s*:?\s*((?:19|20)\d\d)-(?:0[1-9]|1[0-2])(?![\d-])", re.IGNORECASE)


def _labelled_dates(label: re.Pattern[str], text: str, days: list[DateSpan]) -> list[DateSpan]:
    """The days written right after a label (``Opublikowano: 12.05.2021``, ``Zmodyfikowana: 11 lipiec 2022``)."""
    out = []
    for m in label.finditer(text):
        d = next((d for d in days if d.char_start >= m.end()), None)
        gap = text[m.end() : d.char_start] if d is not None else ""
        if d is not None and _LABEL_GAP.fullmatch(gap) and "\n\n" not in gap:
            out.append(d)
    return out


def _dateline_date(g: _Grammar, text: str, lines: list[DateSpan]) -> DateSpan | None:
    """The first date line when every date line of the page gives the same day and the first stands
    among the page's first lines; dated items of a list (two days) date no page."""
    if not lines or len({d.start for d in lines}) > 1:
        return None
    d = lines[0]
    head = [ln for ln in text[: d.char_start].split("\n") if ln.strip()]
    return d if len(head) < g.dateline_first_lines else None


def year_context(text: str, year_start: int | None, year_end: int | None, url: str | None = None) -> YearContext:
    """The context for one record of the page ``text``: its years and the page's date and year; a page whose
    text gives no date of its own is dated by its address (:func:`url_date`)."""
    page = page_dates(text)
    published, published_year = page.published, page.published_year
    if published is None and published_year is None and url:
        published, published_year = url_date(url)
    return YearContext(year_start, year_end, published, page.only_year, page.published_at, published_year)


# A page's address that dates it, as blogs and news systems build their permalinks: a day (``/2018/04/16/``,
# ``komunikaty/863-2013-08-09-08-49-04.html``) or a month (``/2023/01/podsumowanie``). A saved page often loses the
# date line its header carried; its address keeps it. The blind annotators date year-less days and ``w tym roku``
# by it (their notes: "the year from the page address").
_URL_DAY = re.compile(r"(?<!\d)((?:19|20)\d\d)([/-])(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])(?:/|$)")


def url_date(url: str) -> tuple[dt.date | None, int | None]:
    """(the day, the year of a month) the page's address dates it by, each None when it gives none; read after the
    host (a host's digits are no date), its path, query and fragment alike (``?id=863-2013-08-09``)."""
    path = re.sub(r"^[a-z]+://[^/]*", "", url.strip(), flags=re.IGNORECASE)
    if (m := _URL_DAY.search(path)) is not None:
        try:
            return dt.date(int(m.group(1)), int(m.group(3)), int(m.group(4))), None
        except ValueError:  # 2019/02/30
            return None, None
    if (m := _URL_MONTH.search(path)) is not None:
        return None, int(m.group(1))
    return None, None


def _listed(text: str, dates: list[DateSpan], i: int) -> bool:
    """``dates[i]`` is a member of an enumeration of dates (``w 2014 i 2015 r.``, ``(2014, 2015)``)."""
    g = _grammar()
    d = dates[i]
    before = i > 0 and _fullmatch_any(g.enumeration_connectors, text[dates[i - 1].char_end : d.char_start])
    after = i + 1 < len(dates) and _fullmatch_any(g.enumeration_connectors, text[d.char_end : dates[i + 1].char_start])
    return before or after


def has_year_marker(raw_text: str) -> bool:
    """The evidence writes a year marker (``rok 2010``, ``2014 r.``, ``latach 2014-2015``; months.yaml):
    a statement of time, unlike the bare span a title carries (``Title (2014-2015)``)."""
    return _grammar().year_marker.search(raw_text) is not None


def one_per_period(text: str, dates: list[DateSpan]) -> list[DateSpan]:
    """One date per period (and precision) of a record (``dates`` in text order): a period written again (``w 2023 r.``
    in the figure line and ``W 2023 r. środki te umożliwiły``; ``roku 2009`` and ``W bieżącym roku`` on a
    page of 2009) is keyed once (real-page keys: gmina-lubin, zhp-dolnoslaska, gazeta-warminska notes).
    The first mention with a written year is kept, else the first.  A member of an enumeration always
    stays: ``w 2014 i 2015 r.`` are two year dates (tests/gold/CONVENTIONS.md), whatever came before."""
    keep: dict[tuple[dt.date, dt.date, str], int] = {}
    listed = set()
    for i, d in enumerate(dates):
        if _listed(text, dates, i):
            listed.add(i)
            continue
        seen = keep.get((d.start, d.end, d.precision))
        if seen is None or (dates[seen].year_inferred and not d.year_inferred):
            keep[(d.start, d.end, d.precision)] = i
    kept = listed | set(keep.values())
    return [d for i, d in enumerate(dates) if i in kept]


def after_year_cue(text: str, start: int) -> bool:
    """``w``/``we`` right before ``text[start:]`` (``W 2016 roku dla 450 harcerzy``; months.yaml
    bare_year_cues): the year says when, it does not end a name (``Majówka 2010``, ``na rok 2021``)."""
    before = _word_before(text, start)
    return before is not None and before.casefold() in _grammar().year_cues
