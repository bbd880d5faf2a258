"""The constants several stages share (pipeline/data/common.yaml), typed: the year bounds."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, cast

from pipeline.ruledata.resources import load_rules

if TYPE_CHECKING:  # pydantic is imported when the data is first read, not with the stage modules
    from pipeline.ruledata.schemas import Common


@cache
def common() -> Common:
    """``common.yaml`` as its frozen model: ``common().project_years.min`` ..."""
    return cast("Common", load_rules("common.yaml"))
