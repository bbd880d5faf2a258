"""The constants several stages share (pipeline/data/common.yaml), typed: the year bounds.

Plain frozen dataclasses built from the checked file (its schema is ``Common`` in
:mod:`pipeline.ruledata.schemas`), so reading them does not build the pydantic models.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pipeline.ruledata.resources import load_yaml


@dataclass(frozen=True, slots=True)
class YearRange:
    min: int
    max: int


@dataclass(frozen=True, slots=True)
class YearFloor:
    min: int


@dataclass(frozen=True, slots=True)
class TableAxis:
    min_years: int
    total_words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Common:
    written_years: YearRange  # a 4-digit number in range can be a year as written (dates, counts)
    project_years: YearRange  # years a project ran (segmenter: record years from titles, headings)
    historical_years: YearFloor  # from here to written_years.min: a year only with a marker
    table_axis: TableAxis  # a header line of years over the columns of a flattened table


@cache
def common() -> Common:
    """``common.yaml``: ``common().project_years.min`` ..."""
    d = load_yaml("common.yaml")
    return Common(
        written_years=YearRange(**d["written_years"]),
        project_years=YearRange(**d["project_years"]),
        historical_years=YearFloor(**d["historical_years"]),
        table_axis=TableAxis(d["table_axis"]["min_years"], tuple(d["table_axis"]["total_words"])),
    )
