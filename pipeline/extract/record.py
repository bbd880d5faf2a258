"""All rule-based values of one record: money, counts, dates, organisation mentions, and the record's years where
its title, fields and first sentence gave none (the first period of its body) or gave a programme's span.

Pure: the document text and a Record in, a RecordValues out. Money (with its kind,
:mod:`pipeline.extract.amount_kind`) and counts are read from the whole record (title
and body), dates from the whole record too (a headline or lead sentence before a title taken
from the body counts), minus the title line's own year span (that span lives
in ``projects``); a body sentence or field that gave the years is still a date.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.core.datatypes import DateSpan, Entity, OrgMention, Record, RecordValues
from pipeline.extract.amount_kind import with_kinds
from pipeline.extract.counts import extract_counts
from pipeline.extract.dates import (
    after_year_cue,
    extract_dates,
    has_year_marker,
    is_programme_period,
    is_timestamp,
    one_per_period,
    year_context,
)
from pipeline.extract.money import extract_money
from pipeline.extract.orgs import find_org_mentions, merge_mentions, model_mention
from pipeline.extract.orgs.rows import row_grantees
from pipeline.segment.rules import unit_spans

# Where a record's years came from when they are the title line's own span (Record.years_source).
TITLE_SOURCES = ("title",)
# Field values that state the project's period: a date there when the field gave the years, a repeat of
# the title's span when the title did.
PERIOD_FIELDS = ("period",)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in spans)


def _is_record_years(d: DateSpan, record: Record) -> bool:
    return (
        d.precision == "year"
        and record.year_start is not None
        and d.start.year == record.year_start
        and d.end.year == record.year_end
    )


def _title_region(text: str, record: Record) -> tuple[int, int]:
    """The title's lines: from the record's start (an entry prefix such as ``2009 – Title``) to the end of
    the title's line or the start of the body, whichever is later (``Title\n(2008-2009) - grant ...``)."""
    end = text.find("\n", record.title_end)
    line_end = record.char_end if end < 0 else min(end, record.char_end)
    return (min(record.char_start, record.title_start), max(line_end, record.body_start))


def _names_a_year(text: str, d: DateSpan) -> bool:
    """A year in a title is part of a name unless a cue says when (``W 2016 roku dla 450 harcerzy``); a day
    or a month in a title is a date (a sentence taken as the title: ``... z dnia 25 sierpnia 2021 roku``)."""
    return d.precision == "year" and not after_year_cue(text, d.char_start)


_LETTER = re.compile(r"[^\W\d_]")


def _stated_in_prose(text: str, d: DateSpan) -> bool:
    """A year with its marker that the line goes on after (``„Majówka 2010” – rok 2010, koszty ogólne
    11999,87 zł``) is said in the record's prose, unlike the span a title carries at its end (``Title
    (2014-2015)``, ``Title, 2014 r.``): a date even on the title line."""
    line_end = text.find("\n", d.char_end)
    rest = text[d.char_end : len(text) if line_end < 0 else line_end]
    return has_year_marker(d.raw_text) and _LETTER.search(rest) is not None


def record_dates(text: str, record: Record, url: str | None = None) -> list[DateSpan]:
    """Dates of the body, including the sentence that gave the record its years; only the title line's own
    year span (title text, title line, entry prefix) is left out (annotation conventions, Dates). ``url``: the
    page's address (a permalink dates a page whose text does not)."""
    title = (record.title_start, record.title_end)
    title_region = _title_region(text, record)
    periods = [(a, b) for name, a, b in record.fields if name in PERIOD_FIELDS]
    context = year_context(text, record.year_start, record.year_end, url)  # the record's and the page's years
    dates = extract_dates(text, record.char_start, record.char_end, context=context)
    out = []
    for d in dates:
        span = (d.char_start, d.char_end)
        if _overlaps(span, title) and _names_a_year(text, d):
            continue  # "Majówka 2010", "Bardzo Młoda Kultura 2019-2021": a year in a name
        if is_timestamp(text, d.char_start, d.char_end):
            continue  # "Czwartek, 8 lutego 2024, 14:16": the page's stamp, chrome
        from_title = record.years_source in TITLE_SOURCES and _is_record_years(d, record)
        on_title_line = _overlaps(span, title_region) and not _stated_in_prose(text, d)
        if from_title and (on_title_line or _inside(span, periods)):
            continue  # "Title (2014-2015)" (and a "Termin: 2014-2015" field repeating it) lives in `projects`
        out.append(d)
    return one_per_period(text, out)  # a period written twice in a record is one date


def _is_period(d: DateSpan) -> bool:
    """A date that runs over time: a span of years, of days, or of months (``1 marca 2020 do 31 grudnia 2020``,
    ``latach 2007-2008``, ``maj-wrzesień 2014``); not one day, one month or one year."""
    if d.year_inferred:
        return False
    if d.precision == "year":
        return d.start.year != d.end.year
    if d.precision == "month":
        return (d.start.year, d.start.month) != (d.end.year, d.end.month)
    return d.start != d.end


def _programme_span(text: str, record: Record) -> bool:
    """The record's span of years is a funding programme's: a programme period (``2014-2020``) or the years
    after ``na lata`` (``Program Wieloletni „Senior +” na lata 2015-2020``)."""
    y1, y2 = record.year_start, record.year_end
    if y1 is None or y2 is None or y2 == y1:
        return False
    if is_programme_period(y1, y2):
        return True
    na_lata = re.compile(rf"\bna\s+lata\s+{y1}\s*[-–]\s*(?:{y2}|{y2 % 100:02d})(?!\d)", re.IGNORECASE)
    return na_lata.search(text, record.char_start, record.char_end) is not None


def named_years_dropped(text: str, record: Record) -> Record:
    """A programme's span of years (:func:`_programme_span`) that the title or the first sentence gave and no
    date of the record supports is not the project's (annotation conventions: years inside programme names
    never give the project's years); the date grammar reads it as part of the name. A span after any
    capitalised word (``Bardzo Młoda Kultura 2019-2021``) stays: the grammar reads ``Budowa drogi w Laskach
    2014-2015`` so too. Dev, 861 pages (fourteenth session): years 0.818 -> 0.821 (6 records right, none wrong);
    any unsupported span 0.823, any unsupported year 0.824 (10 records wrong, one of them on a seen page)."""
    if record.years_source not in ("title", "body") or not _programme_span(text, record):
        return record
    dates = extract_dates(text, record.char_start, record.char_end)
    if any(d.start.year == record.year_start and d.end.year == record.year_end for d in dates):
        return record
    return replace(record, year_start=None, year_end=None, years_source=None)


def period_years(record: Record, dates: list[DateSpan]) -> Record:
    """A record no title, field or first sentence gave years takes them from the first period its body
    states (``Czas trwania projektu: 01.09.2018 - 30.11.2018`` -> 2018..2018). One day, one month or one
    year stays a date and gives no years: a single year there is as often a call's, a report's or a
    signature's. Dev, 793 pages (fourteenth session): years 0.798 -> 0.820; a single year too: 0.801."""
    if record.year_start is not None or record.year_end is not None:
        return record
    period = next((d for d in sorted(dates, key=lambda d: d.char_start) if _is_period(d)), None)
    if period is None:
        return record
    return replace(record, year_start=period.start.year, year_end=period.end.year, years_source="body")


def title_years(text: str, record: Record, dates: list[DateSpan]) -> Record:
    """A record no title span, field or first sentence gave years takes the one year its title says it ran in
    (``Prowadzenie i rozwój orkiestry dętej w 2026 roku``: ``w``/``we`` before it); a bare year in a title ends
    a name (``Majówka 2010``, :func:`_names_a_year`, as for the record's dates) and gives none (annotation
    conventions: years come from the title line)."""
    if record.year_start is not None or record.year_end is not None:
        return record
    title = [(record.title_start, record.title_end)]
    cued = [
        d
        for d in dates
        if d.precision == "year"
        and not d.year_inferred
        and _inside((d.char_start, d.char_end), title)
        and not _names_a_year(text, d)
    ]
    if len(cued) != 1:
        return record
    return replace(record, year_start=cued[0].start.year, year_end=cued[0].end.year, years_source="title")


ORGS_FROM = ("both", "rules", "model")  # where organisation mentions come from (ablation: model = model spans only)


def record_orgs(text: str, record: Record, model_entities: list[Entity], orgs_from: str = "both") -> list[OrgMention]:
    """Rule mentions, with the model ORG spans no evidence vetoes added where no rule found anything. A
    name that opens the record's title stays a candidate: whether it is the project's own name
    (``Akademia Sołtysa``) or its grantee (``Publiczne Przedszkole nr 6 - dotacja 21 227,00 zł``) is the
    acceptor's call (its ``opens_title``, ``line_start`` and ``row_grantee`` evidence), learned from the keys."""
    rule = (
        []
        if orgs_from == "model"
        else row_grantees(
            text,
            record.char_start,
            record.char_end,
            [m for a, b in unit_spans(text, record.char_start, record.char_end) for m in find_org_mentions(text, a, b)],
        )
    )
    inside = [
        e
        for e in model_entities
        if e.label == "ORG" and record.char_start <= e.char_start and e.char_end <= record.char_end
    ]
    model = (
        []
        if orgs_from == "rules"
        else [
            m
            for e in inside
            if (m := model_mention(text, e, model_entities)) is not None
            and (orgs_from != "model" or m.source in ("model", "tagger"))
        ]
    )
    return merge_mentions(rule, model)


def extract_record(
    text: str, record: Record, model_entities: list[Entity], orgs_from: str = "both", url: str | None = None
) -> RecordValues:
    span = (record.char_start, record.char_end)
    amounts = with_kinds(text, extract_money(text, *span), span)
    counts = [
        c
        for c in extract_counts(text, *span)
        if not any(_overlaps((c.char_start, c.char_end), (m.char_start, m.char_end)) for m in amounts)
    ]
    orgs = record_orgs(text, record, model_entities, orgs_from)
    entities = [
        e
        for e in model_entities
        if e.label != "ORG"
        and span[0] <= e.char_start
        and e.char_end <= span[1]
        and not any(_overlaps((e.char_start, e.char_end), (o.char_start, o.char_end)) for o in orgs)
    ]
    dates = record_dates(text, record, url)
    return RecordValues(
        period_years(title_years(text, named_years_dropped(text, record), dates), dates),
        amounts,
        counts,
        dates,
        orgs,
        entities,
    )
