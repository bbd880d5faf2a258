"""The report reads the release's rows as typed values: Python types, and a null as None."""

import pandas as pd

from pipeline.report.rows import count_rows, date_rows, link_rows, project_rows
from schemas.models import cast_frame


def test_project_rows_are_python_values_with_missing_years_as_none():
    projects = cast_frame(
        "projects",
        pd.DataFrame(
            [
                {
                    "project_id": "d1-001",
                    "doc_id": "d1",
                    "ordinal": 1,
                    "section": "",
                    "title": "Szkoła",
                    "year_start": 2019,
                    "year_end": None,
                    "years_inferred": False,
                    "years_source": "title",
                    "description": "Opis",
                    "char_start": 3,
                    "char_end": 40,
                    "title_start": 3,
                    "title_end": 9,
                }
            ]
        ),
    )
    [p] = project_rows(projects)
    assert (p.project_id, p.ordinal, p.section, p.year_start, p.year_end) == ("d1-001", 1, "", 2019, None)
    assert type(p.year_start) is int and type(p.char_end) is int and p.title_end == 9


def test_vague_counts_nullable_cues_and_dates():
    counts = cast_frame(
        "counts",
        pd.DataFrame(
            [
                {
                    "count_id": "d1-001-c01",
                    "project_id": "d1-001",
                    "value": None,
                    "value_min": 11,
                    "value_max": 19,
                    "qualifier": "range",
                    "unit": "osoba",
                    "raw_text": "kilkanaście osób",
                    "char_start": 5,
                    "char_end": 21,
                }
            ]
        ),
    )
    [c] = count_rows(counts)
    assert (c.value, c.value_min, c.value_max, c.qualifier) == (None, 11, 19, "range")
    links = cast_frame(
        "project_organisations",
        pd.DataFrame(
            [
                {"project_id": "d1-001", "org_id": "o", "role": "funder", "char_start": 0, "char_end": 5, "cue": None},
                {"project_id": "d1-001", "org_id": "p", "role": "lead", "char_start": 7, "char_end": 9, "cue": "lider"},
            ]
        ),
    )
    assert [(r.org_id, r.role, r.cue) for r in link_rows(links)] == [("o", "funder", None), ("p", "lead", "lider")]
    dates = cast_frame(
        "dates",
        pd.DataFrame(
            [
                {
                    "date_id": "d1-001-d01",
                    "project_id": "d1-001",
                    "start": "2020-03-01",
                    "end": "2020-03-31",
                    "precision": "month",
                    "year_inferred": False,
                    "raw_text": "marzec 2020",
                    "char_start": 1,
                    "char_end": 12,
                }
            ]
        ),
    )
    [d] = date_rows(dates)
    assert (f"{d.start:%Y-%m-%d}", f"{d.end:%Y-%m-%d}", d.precision) == ("2020-03-01", "2020-03-31", "month")
