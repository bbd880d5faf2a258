"""The segmenter's vocabulary and thresholds, compiled from ``data/segment.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipeline.ruledata.common import common
from pipeline.ruledata.resources import load_yaml


@dataclass(frozen=True, slots=True)
class Config:
    year_min: int
    year_max: int
    max_title: int
    max_heading: int
    upper_ratio: float
    field_re: re.Pattern
    field_names: dict[str, str]
    link_res: tuple[re.Pattern, ...]
    chrome_res: tuple[re.Pattern, ...]
    chrome_notice_res: tuple[re.Pattern, ...]
    prose_start: re.Pattern
    prose_verbs: re.Pattern
    quoted_start: re.Pattern
    title_marker: re.Pattern
    heading_year: re.Pattern
    date_line: re.Pattern
    item_title_end: re.Pattern
    news_years: re.Pattern
    body_period: re.Pattern
    day_date: re.Pattern
    start_act: re.Pattern
    project_noun: re.Pattern
    figure_item: re.Pattern
    detail_item: re.Pattern
    round_words: re.Pattern
    salutation: re.Pattern
    purpose_noun: re.Pattern
    grant_verb: re.Pattern
    money_hint: re.Pattern
    grant_purpose: re.Pattern
    purpose_sentence: re.Pattern
    amount_row: re.Pattern
    amount_row_label: re.Pattern


@cache
def config() -> Config:
    d = load_yaml("segment.yaml")
    names = {label.lower(): name for name, labels in d["fields"].items() for label in labels}
    labels = sorted(names, key=len, reverse=True)
    field_re = re.compile(
        r"^\s*(?:[-•*]\s*)?(?P<label>" + "|".join(map(re.escape, labels)) + r")\s*:\s*(?P<value>.*?)\s*$",
        re.IGNORECASE,
    )
    return Config(
        year_min=common().project_years.min,
        year_max=common().project_years.max,
        max_title=d["max_title_chars"],
        max_heading=d["max_heading_chars"],
        upper_ratio=d["upper_heading_ratio"],
        field_re=field_re,
        field_names=names,
        link_res=tuple(re.compile(p, re.IGNORECASE) for p in d["link_patterns"]),
        chrome_res=tuple(re.compile(p, re.IGNORECASE) for p in d["chrome_patterns"]),
        chrome_notice_res=tuple(re.compile(p, re.IGNORECASE) for p in d["chrome_notice_patterns"]),
        prose_start=re.compile(d["prose_year_start"]),
        prose_verbs=re.compile(d["prose_record_verbs"], re.IGNORECASE),
        quoted_start=re.compile(d["quoted_start"], re.IGNORECASE),
        title_marker=re.compile(d["title_markers"], re.IGNORECASE),
        heading_year=re.compile(d["heading_year"]),
        date_line=re.compile(d["date_line"], re.IGNORECASE),
        item_title_end=re.compile(d["item_title_end"]),
        news_years=re.compile(d["news_years"]),
        body_period=re.compile(d["body_period"]),
        day_date=re.compile(d["day_date"], re.IGNORECASE),
        start_act=re.compile(d["start_act"], re.IGNORECASE),
        project_noun=re.compile(d["project_nouns"], re.IGNORECASE),
        figure_item=re.compile(d["figure_item"], re.IGNORECASE),
        detail_item=re.compile(d["detail_item"], re.IGNORECASE),
        round_words=re.compile(d["round_words"], re.IGNORECASE),
        salutation=re.compile(d["salutation"], re.IGNORECASE),
        purpose_noun=re.compile(d["purpose_noun"], re.IGNORECASE),
        grant_verb=re.compile(d["grant_verb"], re.IGNORECASE),
        money_hint=re.compile(d["money_hint"], re.IGNORECASE),
        grant_purpose=re.compile(d["grant_purpose"]),
        purpose_sentence=re.compile(d["purpose_sentence"]),
        amount_row=re.compile(d["amount_row"], re.IGNORECASE),
        amount_row_label=re.compile(d["amount_row_label"], re.IGNORECASE),
    )
