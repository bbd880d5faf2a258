"""All rule-based values of one record: money, counts, dates, organisation mentions.

Pure: the document text and a Record in, a RecordValues out. Money (with its kind,
:mod:`pipeline.extract.amount_kind`) and counts are read from the whole record (title
and body), dates from the body only, minus the expression that gave the record its
years (that span lives in ``projects``).
"""

from __future__ import annotations

import re

from pipeline.core.datatypes import DateSpan, Entity, OrgMention, Record, RecordValues
from pipeline.extract.amount_kind import with_kinds
from pipeline.extract.counts import extract_counts
from pipeline.extract.dates import extract_dates, year_context
from pipeline.extract.money import extract_money
from pipeline.extract.orgs import find_org_mentions, merge_mentions, model_mention
from pipeline.segment.rules import unit_spans
from pipeline.text.morph import analyse

# Field values that state the project's own period (its years live in `projects`).
PERIOD_FIELDS = ("period",)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _is_record_years(d: DateSpan, record: Record) -> bool:
    return (
        d.precision == "year"
        and record.year_start is not None
        and d.start.year == record.year_start
        and d.end.year == record.year_end
    )


def record_dates(text: str, record: Record) -> list[DateSpan]:
    """Dates of the body; the phrase or field that gave the record's years is left out."""
    title = (record.title_start, record.title_end)
    periods = [(a, b) for name, a, b in record.fields if name in PERIOD_FIELDS]
    context = year_context(text, record.year_start, record.year_end)  # the record's and the page's years
    dates = extract_dates(text, record.body_start, record.char_end, context=context)
    out = []
    body_years_seen = False
    for d in dates:
        span = (d.char_start, d.char_end)
        if _overlaps(span, title):
            continue
        in_period = any(a <= d.char_start and d.char_end <= b for a, b in periods)
        if in_period and _is_record_years(d, record):
            continue
        if record.years_source == "body" and _is_record_years(d, record) and not body_years_seen:
            body_years_seen = True
            continue  # "W 2006 r. Związek zrealizował ...": the phrase that gave the record its years
        out.append(d)
    return out


def model_org(
    text: str, e: Entity, entities: list[Entity] | tuple = (), record: Record | None = None
) -> OrgMention | None:
    """A model ORG span as a mention unless the evidence vetoes it (stoplist, a person or place reading
    in ``entities`` or morfeusz, an event head noun, the record's title):
    :func:`pipeline.extract.orgs.model_org_veto`."""
    return model_mention(text, e, entities, None if record is None else (record.title_start, record.title_end))


ORGS_FROM = ("both", "rules", "model")  # where organisation mentions come from (ablation: model = model spans only)


def record_orgs(text: str, record: Record, model_entities: list[Entity], orgs_from: str = "both") -> list[OrgMention]:
    """Rule mentions, with the model ORG spans no evidence vetoes added where no rule found anything;
    without the project's own name (see :func:`_names_the_project`)."""
    rule = (
        []
        if orgs_from == "model"
        else [m for a, b in unit_spans(text, record.char_start, record.char_end) for m in find_org_mentions(text, a, b)]
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
            if (m := model_org(text, e, model_entities, record)) is not None
            and (orgs_from != "model" or m.source == "model")
        ]
    )
    return [m for m in merge_mentions(rule, model) if not _names_the_project(m, record, text)]


_WORD = re.compile(r"[^\W\d_]+|[^\w\s,]")
VERB_POS = frozenset({"fin", "praet", "bedzie", "pact", "impt"})  # morfeusz: a verb form a subject governs


def _subject_of_title(text: str, m: OrgMention, record: Record) -> bool:
    """The title is the record's first sentence and the name its subject: a verb follows it
    (``Fundacja Sztuka działająca ... otrzymała``, ``Powiatowy Urząd Pracy w Olecku realizuje projekt``)."""
    first = _WORD.search(text, m.char_end, record.title_end)
    return first is not None and any(a.pos in VERB_POS for a in analyse(first.group()))


def _names_the_project(m: OrgMention, record: Record, text: str) -> bool:
    """A name that opens the record's title is the project's own name, not a body taking part in it:
    ``Akademia Sołtysa. Szkolenia dla 120 sołtysów``, ``Samorządowa Szkoła Letnia``, ``Program „Czysta
    Gmina”``. Bodies of the domain list and acronyms are kept (``ZMP w CEMR``), and so is the subject of
    a title that is a sentence (:func:`_subject_of_title`)."""
    return (
        m.char_start == record.title_start
        and m.char_end <= record.title_end
        and m.source != "gazetteer"
        and not m.is_acronym
        and record.title_end > record.title_start
        and not _subject_of_title(text, m, record)
    )


def extract_record(text: str, record: Record, model_entities: list[Entity], orgs_from: str = "both") -> RecordValues:
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
    return RecordValues(record, amounts, counts, record_dates(text, record), orgs, entities)
