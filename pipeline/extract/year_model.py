"""The year model: which years a record ran in, chosen among what its text offers.

The segmenters and :mod:`pipeline.extract.record` give a record its years by rules (the title's span, a period
field, the first sentence, the first period of the body, a section heading). Whether a year is the project's or a
call's, a programme's, a report's or a signature's, and whether ``od 2015 r.`` leaves the end open, depends on
words around it that differ from publisher to publisher: a choice to learn from the keys, not one more rule. Each
record offers candidates: the rules' years (index 0, kept unless another is likelier), no years, and each dated
expression of the record (its body's dates and the years of its title line) as a span or as a start with the end
open. A listwise linear model (as the title model, :func:`pipeline.core.linear.fit_listwise`) scores them from
named indicator features: the kind of candidate, where it stands, the words before and after it, its precision
and length, whether it is a funding period, how much the record says beyond its title, and the rules' source of
years. Applied after extraction (:func:`pipeline.runner.document.extract_document`), so no value read from the record
depends on it. Shipped as JSON weights; no learning library is loaded in use.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from pipeline.core.datatypes import DateSpan, Record
from pipeline.core.linear import LinearModel, read_model, shipped_model
from pipeline.extract.dates import has_year_marker, is_programme_period

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "year_model.json"
FORMAT = "projekty-year-model/1"
LABELS = ("yes", "no")  # the candidate's years are the record's as the key reads them, or not

Years = tuple[int | None, int | None]

_WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)


@dataclass(frozen=True)
class Candidate:
    """One reading of a record's years: the years, where they come from (``rules``, ``none``, ``span``: a date's
    first and last year, ``start``: its first year, the end open) and the date that gives them (None for the
    first two)."""

    years: Years
    kind: str
    date: DateSpan | None = None


def _title_region(record: Record) -> tuple[int, int]:
    """From the record's start (an entry prefix such as ``2009 – Title``) to the title's end or the body's start."""
    return (min(record.char_start, record.title_start), max(record.title_end, record.body_start))


# a year or a span of years as a title writes it (``edycja 2022``, ``Title (2014-2015)``); the date grammar reads one
# that ends a name as part of the name, but the record may still have run in it
_TITLE_YEARS = re.compile(r"(?<![\d.,])((?:19|20)\d\d)(?:\s*[-–]\s*((?:19|20)\d\d))?(?![\d.,]\d)")


def _title_years(text: str, a: int, b: int) -> list[DateSpan]:
    out = []
    for m in _TITLE_YEARS.finditer(text, a, b):
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        if first <= last:
            out.append(DateSpan(dt.date(first, 1, 1), dt.date(last, 12, 31), "year", False, m.group(0), *m.span()))
    return out


def year_dates(text: str, record: Record, dates: Sequence[DateSpan]) -> list[DateSpan]:
    """The record's dates with a written year (``dates``: as extraction kept them) and the years its title line
    writes, which extraction leaves to ``projects`` or reads as part of a name (``Korpus Wsparcia Seniorów –
    edycja 2022``), in text order."""
    a, b = _title_region(record)
    kept = [d for d in dates if not d.year_inferred]
    title = [d for d in _title_years(text, a, min(b, record.char_end)) if not any(_overlap(d, k) for k in kept)]
    return sorted((*kept, *title), key=lambda d: (d.char_start, d.char_end))


def _overlap(x: DateSpan, y: DateSpan) -> bool:
    return x.char_start < y.char_end and y.char_start < x.char_end


def year_candidates(record: Record, dated: Sequence[DateSpan]) -> list[Candidate]:
    """The rules' years first, then no years, then each dated expression (``dated``: :func:`year_dates`) as a
    span and as an open start."""
    out = [Candidate((record.year_start, record.year_end), "rules")]
    if record.year_start is not None or record.year_end is not None:
        out.append(Candidate((None, None), "none"))
    for d in dated:
        out.append(Candidate((d.start.year, d.end.year), "span", d))
        out.append(Candidate((d.start.year, None), "start", d))
    return out


def _bucket(n: int, edges: Sequence[int]) -> str:
    return next((f"<{e}" for e in edges if n < e), f">={edges[-1]}")


def _words_before(text: str, start: int, lo: int, n: int = 2) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text[max(lo, start - 40) : start])][-n:]


def _words_after(text: str, end: int, hi: int, n: int = 2) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text[end : min(hi, end + 40)])][:n]


def year_features(
    text: str, record: Record, c: Candidate, dated: Sequence[DateSpan], n_records: int
) -> dict[str, float]:
    """Named indicators of one candidate (``dated``: the record's :func:`year_dates`, ``n_records``: the page's
    records); every record-level fact is crossed with the candidate's kind (a fact shared by all candidates of a
    record would tell none of them apart)."""
    k = c.kind
    ys, ye = record.year_start, record.year_end
    rules = "none" if ys is None and ye is None else (record.years_source or "?")
    years = sorted({y for d in dated for y in (d.start.year, d.end.year)})
    # a title-only entry of a list takes its section heading's year, a record with a body its own (annotation
    # conventions, Years): how much the record says beyond its title, crossed with where the rules' years came from
    body = _bucket(len(text[record.body_start : record.body_end].strip()), (1, 80, 300))
    f = {
        f"{k}": 1.0,
        f"{k}|rules={rules}": 1.0,
        f"{k}|body={body}": 1.0,
        f"{k}|rules={rules}|body={body}": 1.0,
        f"{k}|rules_inferred={record.years_inferred}": 1.0,
        f"{k}|dates={_bucket(len(dated), (1, 2, 4, 8))}": 1.0,
        f"{k}|years={_bucket(len(years), (1, 2, 3, 5))}": 1.0,
        f"{k}|records={_bucket(n_records, (2, 4, 16))}": 1.0,
        f"{k}|fields={bool(record.fields)}": 1.0,
    }
    title_a, title_b = _title_region(record)
    f[f"{k}|title_year={any(d.char_start < title_b and title_a < d.char_end for d in dated)}"] = 1.0
    if ys is not None and ye is not None:
        f[f"{k}|rules_length={_bucket(ye - ys, (1, 2, 4))}"] = 1.0
        f[f"{k}|rules_programme={is_programme_period(ys, ye)}"] = 1.0
        f[f"{k}|rules_written={any((d.start.year, d.end.year) == (ys, ye) for d in dated)}"] = 1.0
    if c.date is None:
        return f
    d = c.date
    lo, hi = record.char_start, record.char_end
    where = "title" if d.char_start < title_b and title_a < d.char_end else "body"
    offset = d.char_start - (record.body_start if where == "body" else title_a)
    before = _words_before(text, d.char_start, lo)
    after = _words_after(text, d.char_end, hi)
    length = d.end.year - d.start.year
    f.update(
        {
            f"{k}|where={where}": 1.0,
            f"{k}|{where}_offset={_bucket(offset, (1, 60, 200, 600))}": 1.0,
            f"{k}|precision={d.precision}": 1.0,
            f"{k}|length={_bucket(length, (1, 2, 4, 7))}": 1.0,
            f"{k}|programme={is_programme_period(d.start.year, d.end.year)}": 1.0,
            f"{k}|marker={has_year_marker(d.raw_text)}": 1.0,
            f"{k}|before={before[-1] if before else '-'}": 1.0,
            f"{k}|before2={' '.join(before)}": 1.0,
            f"{k}|after={after[0] if after else '-'}": 1.0,
            f"{k}|after2={' '.join(after)}": 1.0,
            f"{k}|same_as_rules={(d.start.year, d.end.year) == (ys, ye)}": 1.0,
            f"{k}|starts_rules={d.start.year == ys}": 1.0,
            f"{k}|rank={_bucket(dated.index(d), (1, 2, 3))}": 1.0,
            f"{k}|earliest={d.start.year == years[0]}": 1.0,
            f"{k}|latest={d.end.year == years[-1]}": 1.0,
            f"{k}|{d.precision}_before={before[-1] if before else '-'}": 1.0,
        }
    )
    return f


def chosen(probabilities: list[float]) -> int:
    """The likeliest candidate (the first of equals: the rules' years win a tie)."""
    return max(range(len(probabilities)), key=lambda i: (probabilities[i], -i))


def choose_years(text: str, record: Record, dates: Sequence[DateSpan], model: LinearModel, n_records: int) -> Record:
    """The record with the years the model prefers among :func:`year_candidates`."""
    dated = year_dates(text, record, dates)
    cands = year_candidates(record, dated)
    p = [model.probabilities(year_features(text, record, c, dated, n_records))["yes"] for c in cands]
    best = cands[chosen(p)]
    if best.kind == "rules" or best.years == (record.year_start, record.year_end):
        return record
    if best.kind == "none":
        return replace(record, year_start=None, year_end=None, years_inferred=False, years_source=None)
    assert best.date is not None
    a, b = _title_region(record)
    source = "title" if best.date.char_start < b and a < best.date.char_end else "body"
    return replace(record, year_start=best.years[0], year_end=best.years[1], years_inferred=False, years_source=source)


def read_year_model(path: Path) -> LinearModel:
    return read_model(path, FORMAT, LABELS, "year model")


@cache
def load_year_model(path: str | None = None) -> LinearModel | None:
    """The shipped year model (or the one at ``path``, or ``$PROJEKTY_YEAR_MODEL``; ``none`` disables it); None
    when there is none: the rules' years stand."""
    return shipped_model(path, "PROJEKTY_YEAR_MODEL", MODEL_PATH, read_year_model)
