"""Consistency of the hand-made answer keys in tests/gold/*.yaml.

Independent of the pipeline (only the vocabularies come from schemas/): it reads the YAML and the raw document bytes
itself (UTF-8) and checks the format described in tests/gold/README.md and
the value rules of tests/gold/CONVENTIONS.md that can be checked mechanically.
"""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path

import pytest
import yaml

from schemas import fields

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "tests" / "gold"
# tests/gold also holds the scorer's minimum scores; every other *.yaml is a key.
NON_GOLD_FILES = {"thresholds.yaml"}
GOLD_FILES = sorted(p for p in GOLD_DIR.glob("*.yaml") if p.name not in NON_GOLD_FILES)

# The closed vocabularies come from the one metadata source.
CURRENCIES, QUALIFIERS, PRECISIONS, ROLES, ORG_TYPES = (
    set(v) for v in (fields.CURRENCIES, fields.QUALIFIERS, fields.PRECISIONS, fields.ROLES, fields.ORG_TYPES)
)

DOC_KEYS = {"doc_id", "source_file", "records"}
RECORD_REQUIRED = {"title", "title_text", "section", "year_start", "year_end", "char_start"}
RECORD_OPTIONAL = {"optional", "note", "nth", "amounts", "counts", "dates", "organisations"}
EVIDENCE = {"text", "char_start", "char_end"}
ITEM_OPTIONAL = {"optional", "note", "nth"}
ITEM_REQUIRED = {
    "amounts": {"value", "currency", "kind"} | EVIDENCE,
    "counts": {"value", "value_min", "value_max", "qualifier", "unit"} | EVIDENCE,
    "dates": {"start", "end", "precision", "year_inferred"} | EVIDENCE,
    "organisations": {"name", "acronym", "role"} | EVIDENCE,
}
ITEM_EXTRA = {
    "amounts": {"alt_kinds", "share_pct"},
    "counts": set(),
    "dates": set(),
    # scope: heading -> the evidence is a heading above the record (a funder
    # passed down by a sub-heading), so it lies before the record's span.
    "organisations": {"aliases", "org_type", "scope"},
}
ITEM_KINDS = tuple(ITEM_REQUIRED)
AMOUNT_KINDS = ("total_value", "grant", "own_contribution", "programme_budget", "organisation_finances", "other")


def _load(path: Path) -> tuple[dict, str]:
    gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    source = ROOT / gold["source_file"]
    text = source.read_bytes().decode("utf-8") if source.is_file() else ""
    return gold, text


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _items(gold: dict):
    for i, rec in enumerate(gold["records"], 1):
        for kind in ITEM_KINDS:
            for j, item in enumerate(rec.get(kind) or [], 1):
                yield f"record {i} {kind}[{j}]", rec, kind, item


def test_gold_files_exist():
    assert GOLD_FILES, f"no answer keys in {GOLD_DIR}"


@pytest.fixture(params=GOLD_FILES, ids=[p.name for p in GOLD_FILES])
def gold_doc(request) -> tuple[Path, dict, str]:
    path = request.param
    gold, text = _load(path)
    return path, gold, text


def test_document_header_and_source(gold_doc):
    path, gold, text = gold_doc
    assert set(gold) == DOC_KEYS, f"document keys: {sorted(gold)}"
    assert gold["doc_id"] == path.stem
    assert (ROOT / gold["source_file"]).is_file(), f"missing source file {gold['source_file']}"
    assert text, "source file is empty"
    assert isinstance(gold["records"], list) and gold["records"], "no records"


def test_records(gold_doc):
    _, gold, text = gold_doc
    problems = []
    previous = -1
    for i, rec in enumerate(gold["records"], 1):
        where = f"record {i} ({str(rec.get('title', ''))[:40]!r})"
        missing = RECORD_REQUIRED - set(rec)
        unknown = set(rec) - RECORD_REQUIRED - RECORD_OPTIONAL
        if missing or unknown:
            problems.append(f"{where}: missing {sorted(missing)}, unknown {sorted(unknown)}")
            continue
        for key in ("title", "title_text", "section"):
            if not isinstance(rec[key], str) or not rec[key].strip():
                problems.append(f"{where}: {key} must be a non-empty string")
        title = rec["title"]
        if isinstance(title, str) and title != " ".join(title.split()):
            problems.append(f"{where}: title is not whitespace-normalised")
        start = rec["char_start"]
        if not _is_int(start) or text[start : start + len(rec["title_text"])] != rec["title_text"]:
            problems.append(f"{where}: title_text not found at char_start {start}")
        elif start <= previous:
            problems.append(f"{where}: char_start {start} not after the previous record's {previous}")
        else:
            previous = start
        ys, ye = rec["year_start"], rec["year_end"]
        if (ys is None) != (ye is None):
            problems.append(f"{where}: year_start and year_end must both be set or both null")
        elif ys is not None:
            if not (_is_int(ys) and _is_int(ye)):
                problems.append(f"{where}: years must be integers")
            elif ys > ye:
                problems.append(f"{where}: year_start {ys} > year_end {ye}")
        if "optional" in rec and not isinstance(rec["optional"], bool):
            problems.append(f"{where}: optional must be a boolean")
        for kind in ITEM_KINDS:
            if not isinstance(rec.get(kind) or [], list):
                problems.append(f"{where}: {kind} must be a list")
    assert not problems, "\n".join(problems)


def _amount_problems(where: str, item: dict) -> list[str]:
    problems = []
    if item["currency"] not in CURRENCIES:
        problems.append(f"{where}: currency {item['currency']!r}")
    value = item["value"]
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
        problems.append(f"{where}: value must be a positive number")
    problems += [
        f"{where}: amount kind {k!r}" for k in (item["kind"], *item.get("alt_kinds", [])) if k not in AMOUNT_KINDS
    ]
    share = item.get("share_pct")
    if share is not None and not (isinstance(share, (int, float)) and 0 < share <= 100):
        problems.append(f"{where}: share_pct must be a percentage")
    return problems


def _count_problems(where: str, item: dict) -> list[str]:
    problems = []
    if item["qualifier"] not in QUALIFIERS:
        problems.append(f"{where}: qualifier {item['qualifier']!r}")
    unit = item["unit"]
    if not isinstance(unit, str) or not unit or unit != unit.lower():
        problems.append(f"{where}: unit must be a non-empty lowercase lemma")
    problems += [
        f"{where}: {key} must be an integer or null"
        for key in ("value", "value_min", "value_max")
        if item[key] is not None and not _is_int(item[key])
    ]
    return problems


def _date_problems(where: str, item: dict) -> list[str]:
    problems = []
    if item["precision"] not in PRECISIONS:
        problems.append(f"{where}: precision {item['precision']!r}")
    if not isinstance(item["year_inferred"], bool):
        problems.append(f"{where}: year_inferred must be a boolean")
    problems += [
        f"{where}: {key} must be a date (YYYY-MM-DD), got {item[key]!r}"
        for key in ("start", "end")
        if type(item[key]) is not dt.date
    ]
    return problems


def _org_problems(where: str, item: dict) -> list[str]:
    problems = []
    if item["role"] not in ROLES:
        problems.append(f"{where}: role {item['role']!r}")
    if not isinstance(item["name"], str) or not item["name"].strip():
        problems.append(f"{where}: name must be a non-empty string")
    if item["acronym"] is not None and (not isinstance(item["acronym"], str) or not item["acronym"]):
        problems.append(f"{where}: acronym must be a non-empty string or null")
    aliases = item.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        problems.append(f"{where}: aliases must be a list of non-empty strings")
    if "org_type" in item and item["org_type"] not in ORG_TYPES:
        problems.append(f"{where}: org_type {item['org_type']!r}")
    if "scope" in item and item["scope"] != "heading":
        problems.append(f"{where}: scope {item['scope']!r} (only 'heading' is defined)")
    return problems


KIND_PROBLEMS = {
    "amounts": _amount_problems,
    "counts": _count_problems,
    "dates": _date_problems,
    "organisations": _org_problems,
}


def _common_problems(where: str, kind: str, item: dict) -> list[str]:
    missing = ITEM_REQUIRED[kind] - set(item)
    unknown = set(item) - ITEM_REQUIRED[kind] - ITEM_OPTIONAL - ITEM_EXTRA[kind]
    if missing or unknown:
        return [f"{where}: missing {sorted(missing)}, unknown {sorted(unknown)}"]
    problems = []
    if not isinstance(item["text"], str) or not item["text"]:
        problems.append(f"{where}: empty evidence text")
    if "optional" in item and not isinstance(item["optional"], bool):
        problems.append(f"{where}: optional must be a boolean")
    if "note" in item and not isinstance(item["note"], str):
        problems.append(f"{where}: note must be a string")
    return problems


def test_item_fields_and_vocabularies(gold_doc):
    _, gold, _ = gold_doc
    problems = []
    for where, _rec, kind, item in _items(gold):
        common = _common_problems(where, kind, item)
        problems += common
        if not any("missing" in p for p in common):
            problems += KIND_PROBLEMS[kind](where, item)
    assert not problems, "\n".join(problems)


def test_the_item_checks_catch_bad_items():
    """The checks above can fail: each kind of bad value is reported."""
    assert _amount_problems("a", {"currency": "XYZ", "value": -1, "kind": "gift"}) == [
        "a: currency 'XYZ'",
        "a: value must be a positive number",
        "a: amount kind 'gift'",
    ]
    assert _count_problems(
        "c", {"qualifier": "exact", "unit": "Osoba", "value": 1.5, "value_min": None, "value_max": None}
    ) == ["c: unit must be a non-empty lowercase lemma", "c: value must be an integer or null"]
    assert _org_problems("o", {"role": "boss", "name": " ", "acronym": None}) == [
        "o: role 'boss'",
        "o: name must be a non-empty string",
    ]


def test_evidence_offsets(gold_doc):
    """document_text[char_start:char_end] == text for every item."""
    _, gold, text = gold_doc
    problems = []
    for where, rec, _kind, item in _items(gold):
        s, e = item.get("char_start"), item.get("char_end")
        if not (_is_int(s) and _is_int(e)) or not 0 <= s < e <= len(text):
            problems.append(f"{where}: bad offsets {s}..{e}")
            continue
        if text[s:e] != item.get("text"):
            problems.append(f"{where}: text[{s}:{e}] == {text[s:e]!r} != {item.get('text')!r}")
        if item.get("scope") != "heading" and s < rec["char_start"]:
            problems.append(f"{where}: evidence at {s} lies before its record at {rec['char_start']}")
    assert not problems, "\n".join(problems)


def test_count_values(gold_doc):
    _, gold, _ = gold_doc
    problems = []
    for where, _rec, kind, item in _items(gold):
        if kind != "counts" or item.get("qualifier") not in QUALIFIERS:
            continue
        q, v, lo, hi = item["qualifier"], item["value"], item["value_min"], item["value_max"]
        ok = True
        if q == "exact":
            ok = v is not None and v == lo == hi
        elif q == "at_least":  # 'ponad N' -> N+1..null; 'co najmniej N' -> N..null
            ok = v is not None and hi is None and lo in (v, v + 1)
        elif q == "at_most":  # 'do N' -> null..N
            ok = v is not None and lo is None and hi == v
        elif q == "approx":
            ok = v is not None and lo is None and hi is None
        elif q == "range":
            ok = v is None and lo is not None and hi is not None and lo <= hi
        if not ok:
            problems.append(f"{where}: {q} count with value={v} min={lo} max={hi}")
    assert not problems, "\n".join(problems)


def test_date_values(gold_doc):
    _, gold, _ = gold_doc
    problems = []
    for where, _rec, kind, item in _items(gold):
        if kind != "dates":
            continue
        start, end, precision = item.get("start"), item.get("end"), item.get("precision")
        if type(start) is not dt.date or type(end) is not dt.date:
            continue  # reported by test_item_fields_and_vocabularies
        if start > end:
            problems.append(f"{where}: start {start} > end {end}")
        elif precision == "month" and not (start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]):
            problems.append(f"{where}: month precision needs whole months ({start}..{end})")
        elif precision == "year" and not ((start.month, start.day) == (1, 1) and (end.month, end.day) == (12, 31)):
            problems.append(f"{where}: year precision needs whole years ({start}..{end})")
    assert not problems, "\n".join(problems)
