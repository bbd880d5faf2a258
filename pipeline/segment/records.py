"""An open record's lines -> a Record: its title, years and fields, as its layout writes them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from pipeline.core.datatypes import Block, Document, Record
from pipeline.segment.grantee import task_after_grantee
from pipeline.segment.lines import (
    LABELLED,
    QUOTE_OPENERS,
    QUOTED,
    Line,
    match_quoted,
    matches_any,
    norm,
    parse_years,
    years_in,
)
from pipeline.segment.starts import Start
from pipeline.segment.tables import Table, cell_spans
from pipeline.segment.vocab import Config
from pipeline.text.sentences import TITLE_END_MARKS, split_sentences, trim_title_end


@dataclass
class OpenRecord:
    """A record being read: where it started, the section it is in, its lines so far."""

    start: Start
    section: str
    section_years: tuple[int, int] | None
    lines: list[Line] = field(default_factory=list)
    year_heading: bool = False  # the section's years are a bare year heading's ("2008", "2020 rok")


def prose_title(text: str, first_sentence: tuple[int, int], cfg: Config) -> tuple[int, int]:
    """Where an implicit title is written in a record's first sentence."""
    a, b = first_sentence
    sentence = text[a:b]
    m = cfg.title_marker.search(sentence)
    if m:
        rest = sentence[m.end() :]
        q = match_quoted(rest)
        if q:
            return a + m.end() + q.start("q"), a + m.end() + q.end("q")
        end = b - 1 if sentence.endswith(".") else b
        return a + m.end(), end
    q = QUOTED.search(sentence)
    if q and cfg.prose_verbs.search(sentence[: q.start()]):
        return a + q.start("q"), a + q.end("q")
    return a, (b - 1 if sentence.endswith(".") else b)


def news_title(text: str, start: int, end: int, headline: tuple[int, int], cfg: Config) -> tuple[int, int]:
    """A news item's title: the project name when the text gives one, else the headline."""
    body = text[start:end]
    for m in cfg.title_marker.finditer(body):
        q = match_quoted(body, m.end())
        if q and cfg.project_noun.search(body[max(0, m.start() - 40) : m.start()]):
            return start + q.start("q"), start + q.end("q")
    return quoted_after_project_noun(text, start, end, cfg) or headline


def quoted_after_project_noun(text: str, start: int, end: int, cfg: Config) -> tuple[int, int] | None:
    """The first quoted name right after a project noun in ``text[start:end]`` (``projekt „X”``,
    ``zadanie „X”``): its span, else None."""
    body = text[start:end]
    for m in cfg.project_noun.finditer(body):
        q = match_quoted(body, m.end() + 1)
        if q:
            return start + q.start("q"), start + q.end("q")
    return None


def _named_purpose(text: str, span: tuple[int, int], cfg: Config) -> tuple[int, int] | None:
    """A grant-list item that names its project after the grantee (``KGW w Grabicach realizuje grant pt.
    „X”``, ``Klub Sportowy Y, na realizację zadania pn. „X”``): the record's title is X, not the grantee."""
    a, b = span
    item = text[a:b]
    for m in cfg.title_marker.finditer(item):
        q = match_quoted(item, m.end())
        if q:
            return a + q.start("q"), a + q.end("q")
    return quoted_after_purpose(text, a, b, cfg)


def _grantee_task(text: str, span: tuple[int, int], cfg: Config) -> tuple[int, int] | None:
    """An item that opens with its grantee's name names its task after it (:mod:`pipeline.segment.grantee`);
    a task after a dash ends where its details begin (``... – 5 000 zł``)."""
    task = task_after_grantee(text, *span)
    if task is None or text[task[0] - 1 : task[0]] in QUOTE_OPENERS:
        return task
    a, b = task
    money = cfg.money_hint.search(text, a, b)
    if money is not None:
        b = a + len(text[a : money.start()].rstrip(" ,;:-–—"))
    return (a, b) if norm(text[a:b]) else None


def _grant_sentence_purpose(text: str, span: tuple[int, int], cfg: Config) -> tuple[int, int] | None:
    """An item worded as a grant sentence (``Sołectwo Samin otrzyma 15 tys. zł na zagospodarowanie terenu``:
    a grant verb, its amount, then ``na``): its title is the purpose, as in grant news (annotation conventions:
    grant lists are titled by the grant's purpose, not the grantee)."""
    a, b = span
    verb = cfg.grant_verb.search(text, a, b)
    if verb is None:
        return None
    money = cfg.money_hint.search(text, verb.end(), b)
    if money is None or text[verb.end() : money.start()].strip():
        return None
    line_end = text.find("\n", money.end(), b)
    end = b if line_end < 0 else line_end
    p = cfg.grant_purpose.match(text, end - len(text[money.end() : end].lstrip(". ")), end)
    return (p.start("p"), p.end("p")) if p else None


def quoted_after_purpose(text: str, start: int, end: int, cfg: Config) -> tuple[int, int] | None:
    """The quoted name right after a grant's purpose phrase in ``text[start:end]`` (``na zadanie ‚X’``,
    ``na "X"``): its span, else None."""
    for purpose in cfg.purpose_noun.finditer(text, start, end):
        named = match_quoted(text, purpose.end(), end)
        if named is not None:
            return named.start("q"), named.end("q")
    return None


def _cut_item_title(text: str, span: tuple[int, int], cfg: Config) -> tuple[int, int]:
    """``Title – details, Funder – 25 000 zł``: the title is the text before the first
    spaced dash, or before a comma that opens a funder, partner or amount."""
    a, b = span
    item = text[a:b]
    q = match_quoted(item)
    if q:  # "„Budżet obywatelski – i co dalej?” – badanie ...": the quotes bound the title
        return a + q.start("q"), a + q.end("q")
    slash = item.find(" / ")
    m = cfg.item_title_end.search(item) if slash < 0 else None
    while m is not None and _compound_dash(item, m.start(), m.end()):
        m = cfg.item_title_end.search(item, m.end())
    end = a + slash if slash >= 0 else a + m.start() if m else b
    a, end = _trim_place_and_figures(text, a, end, cfg)
    q = QUOTED.fullmatch(text[a:end].strip())
    if q:
        lead = len(text[a:end]) - len(text[a:end].lstrip())
        return a + lead + q.start("q"), a + lead + q.end("q")
    return a, end


def _compound_dash(item: str, start: int, end: int) -> bool:
    """The spaced dash at ``item[start:end]`` joins a compound adjective (``gospodarki wodno – ściekowej``,
    ``społeczno – kulturalnego``: a lowercase first part in ``-o``, a lowercase second part), not two parts of
    an item."""
    before = item[:start].rsplit(None, 1)[-1] if item[:start].strip() else ""
    after = item[end : end + 1]
    return item[start:end].strip() in "-–—" and before.islower() and before.endswith("o") and after.islower()


_LIST_MARK = re.compile(r"[-•*▪●◦♦–]\s+|\d{1,3}[.)]\s+(?=\D)")
# an amount closing an item, with the words joining it: "OSP Wola Rogowska 5 790 zł", "... – 10 000 zł",
# "..., kwota dofinansowania : 12 000 zł", "... w wysokości 34 604,60 zł."
_TRAILING_AMOUNT = re.compile(
    r"(?:\s*[,:;–—-])?\s*(?:(?:w\s+(?:kwocie|wysokości)|na\s+kwotę|kwota\s+(?:dofinansowania|dotacji)\s*:?|dotacja\s*:?)\s*)?"
    r"\d[\d \u00a0.,]*(?:-)?\s*(?:tys\.?|mln|tysięcy)?\s*(?:zł|złotych|PLN)\.?\s*$"
)


# figures without a sign closing a row of a flattened table ("Budowa oświetlenia w Nasławicach 100 000 100 000"):
# grouped thousands or grosze, never a year, a number or a house number of a name ("Klub 2023", "nr 61")
_TRAILING_CELLS = re.compile(r"(?:\s+(?:\d{1,3}(?:[ \u00a0.]\d{3})+(?:,\d{2})?|\d+,\d{2}))+\s*$")
ITEM_WORDS = 15  # an item's name or task before its amount; a longer title is a sentence


def item_title(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A list item's title: without its bullet or number and without an amount that closes it (``♦ UKS Lider
    2 500,00 zł``: ``UKS Lider``). Its other parts stay (``grantee – task – amount``: which part names the
    project the line does not say)."""
    a, b = span
    if m := _LIST_MARK.match(text, a, b):
        a = m.end()
    m = _TRAILING_AMOUNT.search(text, a, b) or _TRAILING_CELLS.search(text, a, b)
    if m is not None and 0 < len(text[a : m.start()].split()) <= ITEM_WORDS:
        b = m.start()  # an item's closing amount; a sentence's is part of it ("..., o łącznej wartości 1,5 mln zł")
    return a, b


def tidy_title(text: str, record: Record) -> Record:
    """The record with its title's bullet and closing amount left out (:func:`item_title`), when its title
    text shows them as its span does; else the record as it is."""
    a, b = item_title(text, (record.title_start, record.title_end))
    if (a, b) == (record.title_start, record.title_end):
        return record
    title = record.title
    prefix, suffix = " ".join(text[record.title_start : a].split()), " ".join(text[b : record.title_end].split())
    if prefix:
        if not title.startswith(prefix):
            return record
        title = title[len(prefix) :].lstrip()
    if suffix:
        if not title.endswith(suffix):
            return record
        title = title[: len(title) - len(suffix)].rstrip()
    title = title.rstrip(" -–—:,;|")
    return replace(record, title=title, title_start=a, title_end=b) if title else record


# "Nowa Sól. Budowa drogi ...": a row that opens with its place, a sentence of capitalised words
_PLACE_FIRST = re.compile(
    r"^(?:[A-ZĄĆĘŁŃÓŚŹŻ][\w-]*\s+(?:(?:nad|pod)\s+)?){0,2}[A-ZĄĆĘŁŃÓŚŹŻ][\w-]*\s?\.\s+(?=[A-ZĄĆĘŁŃÓŚŹŻ])"
)
# ". Koszt – 2,67 mln zł": a figure sentence after the title
_FIGURE_SENTENCE = re.compile(r"\.\s+(?=\S)")


def _trim_place_and_figures(text: str, a: int, b: int, cfg: Config) -> tuple[int, int]:
    """``Dobiegniew. Modernizacja układu ... Dobiegniewa. Koszt – 2 mln zł``: an item's title without the
    place that opens it and without the figure sentences that follow it (``Koszt``, ``Dotacja``, ...)."""
    item = text[a:b]
    place = _PLACE_FIRST.match(item)
    start = place.end() if place and place.end() < len(item) else 0
    for m in _FIGURE_SENTENCE.finditer(item, start):
        if cfg.detail_item.match(item[m.end() :]):
            last_word = item[start : m.start()].rsplit(" ", 1)[-1]
            abbreviated = len(last_word) <= 4  # "w Gorzowie Wlkp.": the stop is the abbreviation's
            return a + start, a + m.start() + (1 if abbreviated else 0)
    return a + start, b


def _own_quoted_name(text: str, span: tuple[int, int], cfg: Config) -> tuple[int, int]:
    """``Projekt pn. „Aktywni na rynku pracy”``: a title line that names the project in quotes."""
    line = text[span[0] : span[1]]
    m = cfg.title_marker.search(line)
    q = match_quoted(line, m.end()) if m else None
    return (span[0] + q.start("q"), span[0] + q.end("q")) if q else span


Years = tuple[int, int | None]  # year_start, year_end (None: start-only, the end is open)


def _body_years(text: str, start: int, end: int, cfg: Config) -> tuple[int, int] | None:
    """The project's period as the body states it (``Okres realizacji: ...``, ``w latach ...``),
    else the year of a record-opening ``W 2017 r.``."""
    body = text[start:end]
    m = cfg.body_period.search(body)
    if m:
        return years_in(m["span"], cfg)
    m = cfg.prose_start.match(body.lstrip())
    return parse_years(m["y1"], m["y2"], cfg) if m else None


def _first_sentence_years(text: str, span: tuple[int, int], body_start: int, cfg: Config) -> Years | None:
    """The years the record's first sentence gives (annotation conventions: years come from the title
    line, the header fields or the record's first sentence): its period phrase (``w okresie realizacji
    01.08.2017-31.07.2020``, ``w latach 2017-2020``) or ``w 2017 r.``; the body's first sentence, else
    the sentence the record opens with."""
    start = body_start if text[body_start : span[1]].strip() else span[0]
    sentences = split_sentences(text, start, span[1])
    if not sentences:
        return None
    return sentence_years(text[sentences[0][0] : sentences[0][1]], cfg)


def sentence_years(sentence: str, cfg: Config) -> Years | None:
    """The years one sentence gives a project: its period phrase (``w okresie realizacji ...``,
    ``w latach 2017-2020``), else ``w 2017 r.`` or the one day it dates. One year in a sentence that
    states a starting act (an agreement signed, a grant received, a call announced) is start-only:
    its end stays open."""
    m = cfg.body_period.search(sentence)
    if m and (period := years_in(m["span"], cfg)):
        return period
    m = cfg.news_years.search(sentence)
    years = parse_years(m["y1"], m["y2"], cfg) if m else None
    days = list(cfg.day_date.finditer(sentence))
    if years is None and len(days) == 1:
        years = parse_years(days[0]["y"], None, cfg)
    started = cfg.start_act.search(sentence) is not None
    return (years[0], None) if years and years[0] == years[1] and started else years


def _news_years(text: str, lines: list[Line], cfg: Config) -> tuple[Years | None, str | None]:
    """Years a news item's project ran, and where they come from: a ``w latach``/``W 2021 roku``
    phrase of the body, else the one day its first sentence dates, else the dateline."""
    body = " ".join(ln.text for ln in lines[1:] if not cfg.date_line.match(ln.text))
    m = cfg.news_years.search(body)
    if m:
        return parse_years(m["y1"], m["y2"], cfg), "body"
    first = split_sentences(body, 0, len(body))
    if first and (dated := sentence_years(body[first[0][0] : first[0][1]], cfg)):
        return dated, "body"
    dateline = next((ln for ln in lines[1:3] if cfg.date_line.match(ln.text)), None)
    return (years_in(dateline.text, cfg), "dateline") if dateline else (None, None)


def _title_field(text: str, lines: list[Line], cfg: Config) -> tuple[int, int] | None:
    """The value of a title field in a list item's body, its label ended by a colon or a dash (``1. Klub
    Sportowy X`` then ``Nazwa zadania - Popularyzacja zapasów ...``): the item's task, its title."""
    for line in lines[:3]:
        m = LABELLED.match(line.text)
        if m is not None and cfg.field_names.get(m["label"].lower()) == "title":
            return line.start + m.start("value"), line.start + m.end("value")
    return None


def _period_field_years(text: str, fields: Sequence[tuple[str, int, int]], cfg: Config) -> tuple[int, int] | None:
    """The years of a record's period fields together: a card that writes its start and its end on two lines
    (``Rok rozpoczęcia: 2018`` / ``Rok ukończenia: 2020``, ``Data rozpoczęcia`` / ``Data zakończenia``) ran
    from the first to the last."""
    return years_in(" ".join(text[a:b] for name, a, b in fields if name == "period"), cfg)


def _fields(text: str, lines: list[Line], cfg: Config) -> list[tuple[str, int, int]]:
    """(field, value_start, value_end) of ``Label: value`` lines (value maybe on the next line)."""
    out = []
    for j, line in enumerate(lines):
        fm = cfg.field_re.match(line.text)
        if not fm:
            continue
        name = cfg.field_names[fm["label"].lower()]
        if fm["value"]:
            vs = line.start + fm.start("value")
            out.append((name, vs, vs + len(fm["value"])))
        elif j + 1 < len(lines) and not cfg.field_re.match(lines[j + 1].text):
            out.append((name, lines[j + 1].start, lines[j + 1].end))
    return out


# "Zadanie pod tytułem: Zakup strojów ...”": a title line that labels the name it gives
_NAME_LABEL = re.compile(
    r"^(?:zadani\w*|projekt\w*|program\w*)\s+(?:pod tytułem|pod nazwą|pt\.|pn\.)\s*:?\s*[„\"“]?", re.IGNORECASE
)


def _without_label(title: str) -> str:
    """The name a labelled title line gives, without the label and a closing quote left unpaired."""
    m = _NAME_LABEL.match(title)
    if m is None or m.end() >= len(title):
        return title
    name = title[m.end() :]
    return name[:-1] if name[-1:] in '”"' and not re.search(r"[„\"“]", name[:-1]) else name


def _end_punctuation(title: str) -> str:
    """A title without the semicolon or full stop that ends its list item (``Piłka siatkowa;``), but with
    an abbreviation's stop (``w Gorzowie Wlkp.``)."""
    return trim_title_end(title, " ;")


def _record(
    doc: Document,
    ordinal: int,
    section: str,
    span: tuple[int, int],
    title_span: tuple[int, int],
    body_start: int,
    years: Years | None,
    section_years: tuple[int, int] | None,
    fields: Sequence[tuple[str, int, int]] = (),
    suffix: str = "",
    years_source: str | None = None,
) -> Record | None:
    years_inferred = False
    if years is None and section_years:
        years, years_inferred, years_source = section_years, True, "heading"
    title = norm(doc.text[title_span[0] : title_span[1]])
    title = f"{title} {suffix}" if suffix else title
    if (q := QUOTED.fullmatch(title)) is not None:
        title = q["q"]
    title = _end_punctuation(_without_label(title.rstrip(TITLE_END_MARKS).strip()))
    if not title:
        return None
    return Record(
        doc_id=doc.doc_id,
        ordinal=ordinal,
        section=section,
        title=title,
        year_start=years[0] if years else None,
        year_end=years[1] if years else None,
        char_start=span[0],
        char_end=span[1],
        title_start=title_span[0],
        title_end=title_span[1],
        body_start=body_start,
        body_end=span[1],
        years_inferred=years_inferred,
        fields=tuple(fields),
        years_source=years_source if years else None,
    )


def close_record(doc: Document, rec: OpenRecord, ordinal: int, cfg: Config, blocks: list[Block]) -> Record | None:
    """Turn an open record into a Record; tail link lines become link blocks."""
    text = doc.text
    lines = list(rec.lines)
    while len(lines) > rec.start.title_lines and matches_any(cfg.link_res, lines[-1].text):
        tail = lines.pop()
        blocks.append(Block(doc.doc_id, "link", tail.start, tail.end, rec.section))
    st = rec.start
    span = (lines[0].start, lines[-1].end)
    body_start = min(max(st.body_start, span[0]), span[1])
    title_span = (st.title_start, st.title_end)
    years: Years | None = st.years
    years_source: str | None = "title"
    fields = _fields(text, lines, cfg)
    if st.kind == "field":
        if any(f[0] == "period" for f in fields):
            years, years_source = _period_field_years(text, fields, cfg), "field"
    elif st.kind == "prose":
        first = split_sentences(text, span[0], span[1])[0]
        title_span = prose_title(text, first, cfg)
        years_source = "body"
    elif st.kind == "quoted":
        years_source = "body"
    elif st.kind == "block_title":
        title_span = _own_quoted_name(text, title_span, cfg)
        years, years_source = _body_years(text, body_start, span[1], cfg), "body"
    elif st.kind == "headline":
        title_span = news_title(text, body_start, span[1], title_span, cfg)
        years, years_source = _news_years(text, lines, cfg)
    elif st.kind in ("list", "bullet"):
        continuation = [ln for ln in lines[1:] if not cfg.field_re.match(ln.text) and ln.block == lines[0].block]
        if len(continuation) == len(lines) - 1:  # continuation lines (same paragraph) wrap the entry's title
            title_span = (title_span[0], span[1])
            body_start = span[1]
        if st.kind == "bullet":  # a grant-list item: the title ends where its details begin
            labelled = _title_field(text, lines[1:], cfg)
            named = (
                labelled
                or _named_purpose(text, title_span, cfg)
                or _grantee_task(text, title_span, cfg)
                or _grant_sentence_purpose(text, title_span, cfg)
            )
            title_span = named or _cut_item_title(text, title_span, cfg)
            body_start = title_span[1] if named is None else body_start
    if years is None and any(f[0] == "period" for f in fields):
        years, years_source = _period_field_years(text, fields, cfg), "field"
    if years is None:
        years, years_source = _first_sentence_years(text, span, body_start, cfg), "body"
    return _record(
        doc,
        ordinal,
        rec.section,
        span,
        title_span,
        body_start,
        years,
        None if _year_heading_only(rec, cfg, text[span[0] : span[1]]) else rec.section_years,
        fields,
        st.title_suffix,
        years_source,
    )


def _year_heading_only(rec: OpenRecord, cfg: Config, record_text: str) -> bool:
    """The section's years come from a bare year heading (``2020 rok``) and the record states money: a
    grant or project of a list with figures, which a year heading does not date (annotation conventions:
    a heading's year is used for title-only lists; otherwise null)."""
    return rec.year_heading and cfg.money_hint.search(record_text) is not None


def table_records(
    doc: Document, table: Table, first_ordinal: int, section: str, section_years: tuple[int, int] | None, cfg: Config
) -> list[Record]:
    """One record per row with a title cell; the period column gives the years."""
    out: list[Record] = []
    text = doc.text
    for row in table.rows:
        start, end = row[0].start, row[-1].end
        cells = cell_spans(text, start, end)
        fields = [(name, a, b) for name, (a, b) in zip(table.columns, cells, strict=False) if b > a]
        title = next(((a, b) for name, a, b in fields if name == "title"), None)
        if title is None:
            continue
        period = next(((a, b) for name, a, b in fields if name == "period"), None)
        years = years_in(text[period[0] : period[1]], cfg) if period else None
        rec = _record(
            doc,
            first_ordinal + len(out),
            section,
            (start, end),
            title,
            title[1],
            years,
            section_years,
            fields,
            years_source="field",
        )
        if rec:
            out.append(rec)
    return out
