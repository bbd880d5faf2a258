"""The year model (issue 16: years): which years a record ran in, among those its text offers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.core.datatypes import Record
from pipeline.core.linear import LinearModel
from pipeline.extract.record import extract_record
from pipeline.extract.year_model import (
    MODEL_PATH,
    choose_years,
    load_year_model,
    read_year_model,
    year_candidates,
    year_dates,
    year_features,
)

ROOT = Path(__file__).resolve().parents[2]


def _record(text: str, years=(None, None), source: str | None = None) -> Record:
    end = text.index("\n")
    return Record(
        "d", 1, "", text[:end], years[0], years[1], 0, len(text), 0, end, end + 1, len(text), years_source=source
    )


def _extracted(text: str, years=(None, None), source: str | None = None):
    return extract_record(text, _record(text, years, source), [])


def test_candidates_are_the_rules_years_none_and_each_dated_expression_as_span_and_open_start():
    text = "Cienie zapomnianych kultur\nProjekt zainaugurowany w 2008 r. trwa w latach 2009-2011.\n"
    v = _extracted(text)
    dated = year_dates(text, v.record, v.dates)
    assert [d.raw_text for d in dated] == ["2008 r.", "latach 2009-2011"]
    got = [(c.kind, c.years) for c in year_candidates(v.record, dated)]
    assert got == [
        ("rules", (2009, 2011)),  # the first period of the body (pipeline.extract.record.period_years)
        ("none", (None, None)),
        ("span", (2008, 2008)),
        ("start", (2008, None)),
        ("span", (2009, 2011)),
        ("start", (2009, None)),
    ]


def test_the_title_lines_own_year_is_a_candidate_though_no_date_of_the_record():
    """``Korpus Wsparcia Seniorów – edycja 2022``: the year ends a name, so extraction keeps it out of the record's
    dates; it may still be the record's year."""
    text = "Korpus Wsparcia Seniorów – edycja 2022\nProgram skierowany jest do seniorów.\n"
    v = _extracted(text)
    assert v.dates == [] and (v.record.year_start, v.record.year_end) == (None, None)
    dated = year_dates(text, v.record, v.dates)
    assert [(d.raw_text, d.start.year) for d in dated] == [("2022", 2022)]
    features = year_features(text, v.record, year_candidates(v.record, dated)[1], dated, 1)
    assert features["span|where=title"] == 1.0 and features["span|before=edycja"] == 1.0


def test_features_cross_every_record_fact_with_the_candidates_kind():
    text = "Projekt\nOd 2015 r. co roku włączamy się w projekt.\n"
    v = _extracted(text)
    dated = year_dates(text, v.record, v.dates)
    cands = year_candidates(v.record, dated)
    start = next(c for c in cands if c.kind == "start")
    f = year_features(text, v.record, start, dated, 3)
    assert f["start|before=od"] == 1.0
    assert f["start|after=co"] == 1.0
    assert f["start|rules=none"] == 1.0 and f["start|records=<4"] == 1.0
    assert f["start|where=body"] == 1.0 and f["start|body_offset=<60"] == 1.0
    assert all(name.split("|")[0] == "start" for name in f)


def model_preferring(feature: str) -> LinearModel:
    return LinearModel({"yes": {feature: 3.0}, "no": {}})


def test_the_model_chooses_an_open_start_after_od():
    text = "Mityng\nOd 2015 r. co roku włączamy się w projekt.\n"
    v = _extracted(text)
    r = choose_years(text, v.record, v.dates, model_preferring("start|before=od"), 1)
    assert (r.year_start, r.year_end, r.years_source) == (2015, None, "body")


def test_the_model_may_drop_the_rules_years_and_a_tie_keeps_them():
    text = "Projekt\nZadanie wykonano w latach 2007-2008 ze środków gminy.\n"
    v = _extracted(text)
    assert (v.record.year_start, v.record.year_end) == (2007, 2008)
    dropped = choose_years(text, v.record, v.dates, model_preferring("none"), 1)
    assert (dropped.year_start, dropped.year_end, dropped.years_source) == (None, None, None)
    kept = choose_years(text, v.record, v.dates, LinearModel({"yes": {}, "no": {}}), 1)
    assert kept is v.record  # all equal: the rules' years stand


def test_a_year_taken_from_the_title_line_says_so():
    text = "Korpus Wsparcia Seniorów – edycja 2022\nProgram skierowany jest do seniorów.\n"
    v = _extracted(text)
    r = choose_years(text, v.record, v.dates, model_preferring("span|before=edycja"), 1)
    assert (r.year_start, r.year_end, r.years_source) == (2022, 2022, "title")


def test_the_shipped_model_reads_and_a_switch_turns_it_off(monkeypatch, tmp_path):
    model = read_year_model(MODEL_PATH)
    assert set(model.weights) <= {"yes", "no"} and len(model.weights["yes"]) > 50
    meta = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["trained_on"]
    assert meta["pages"] > 3000 and meta["records"] > 5000
    load_year_model.cache_clear()
    monkeypatch.setenv("PROJEKTY_YEAR_MODEL", "none")
    try:
        assert load_year_model() is None
    finally:
        load_year_model.cache_clear()
    bad = tmp_path / "m.json"
    bad.write_text(json.dumps({"format": "other", "weights": {}}), encoding="utf-8")
    with pytest.raises(ValueError, match="not a year model"):
        read_year_model(bad)
