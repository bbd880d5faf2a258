"""Answer keys of the real-page corpus (``tests/gold/real``) as the evaluator's gold documents.

The corpus holds real pages of publishers the pipeline was not written for, keyed blind (from the page
and ``annotation-conventions.md`` only) in JSON, one file per page, and ``sources.csv`` says each page's
publisher, kind of page and split. The split is by publisher: ``dev`` is for development, ``test`` is
scored when an issue is finished and never read while writing rules or training.

A key locates its records by their ``first_words`` (whitespace folded) and its values by their exact
``raw_text`` inside the record; repeated strings take the record's next occurrence in key order.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pipeline.evaluate.score import (
    AmountRow,
    CountRow,
    DateRow,
    GoldDocument,
    GoldFormatError,
    OrgRow,
    RecordRow,
    norm_space,
    opt_int,
    to_date,
)

SPLITS = ("dev", "test")
PAGE_KINDS = (
    "project_list",
    "key_value",
    "flattened_table",
    "grant_list",
    "grant_news",
    "one_project",
    "call_results",
    "programme_summary",
    "annual_report",
    "statistics",
    "title_list",
)


@dataclass(frozen=True)
class RealPage:
    """One row of ``sources.csv``: a page, who published it, its kind and its split."""

    doc_id: str
    url: str
    publisher: str
    kind: str
    split: str
    site: str


def read_sources(real_dir: Path) -> list[RealPage]:
    path = Path(real_dir) / "sources.csv"
    if not path.is_file():
        raise GoldFormatError(f"{path}: not found (python3 tests/gold/real/build_sources.py writes it)")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    pages = [RealPage(r["doc_id"], r["url"], r["publisher"], r["kind"], r["split"], r.get("site", "")) for r in rows]
    for p in pages:
        if p.split not in SPLITS:
            raise GoldFormatError(f"{path}: {p.doc_id}: split {p.split!r} is not one of {SPLITS}")
        if p.kind not in PAGE_KINDS:
            raise GoldFormatError(f"{path}: {p.doc_id}: kind {p.kind!r} is not a kind of page")
    by_site: dict[str, set[str]] = {}
    for p in pages:
        by_site.setdefault(p.site, set()).add(p.split)
    mixed = sorted(s for s, splits in by_site.items() if len(splits) > 1)
    if mixed:
        raise GoldFormatError(f"{path}: publishers in both splits: {', '.join(mixed)}")
    return pages


def find_words(text: str, words: str, pos: int = 0) -> int:
    """Where ``words`` stands in ``text`` from ``pos`` with whitespace folded; -1 when absent."""
    pattern = r"\s+".join(re.escape(w) for w in words.split())
    m = re.compile(pattern).search(text, pos) if pattern else None
    return m.start() if m else -1


class _Locator:
    """Offsets of a record's values: the next occurrence of each string inside the record."""

    def __init__(self, text: str, start: int, end: int, where: str):
        self.text, self.start, self.end, self.where = text, start, end, where
        self.used: dict[str, int] = {}

    def locate(self, raw: Any, what: str) -> dict:
        if not isinstance(raw, str) or not raw:
            raise GoldFormatError(f"{self.where} {what}: raw_text missing")
        at = self.text.find(raw, self.used.get(raw, self.start), self.end)
        if at < 0:
            at = self.text.find(raw, self.start, self.end)  # repeated in the key, once in the text
        if at < 0:
            raise GoldFormatError(f"{self.where} {what}: raw_text {raw[:50]!r} is not inside the record")
        self.used[raw] = at + 1
        return {"text": raw, "char_start": at, "char_end": at + len(raw)}


def _strs(values: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in values or ())


def _amount(d: dict, loc: _Locator, what: str) -> AmountRow:
    return AmountRow(
        float(d["value"]),
        str(d["currency"]),
        optional=bool(d.get("optional")),
        kind=d.get("kind"),
        alt_kinds=_strs(d.get("alt_kinds")),
        **loc.locate(d.get("raw_text"), what),
    )


def _count(d: dict, loc: _Locator, what: str) -> CountRow:
    return CountRow(
        opt_int(d.get("value")),
        opt_int(d.get("value_min")),
        opt_int(d.get("value_max")),
        str(d["qualifier"]),
        str(d["unit"]),
        optional=bool(d.get("optional")),
        unit_alternatives=_strs(d.get("unit_alternatives")),
        **loc.locate(d.get("raw_text"), what),
    )


def _date(d: dict, loc: _Locator, what: str) -> DateRow:
    optional = bool(d.get("optional") or d.get("in_name"))  # years in programme names: optional by convention
    return DateRow(
        to_date(d["start"]),
        to_date(d["end"]),
        str(d["precision"]),
        bool(d["year_inferred"]),
        optional=optional,
        **loc.locate(d.get("raw_text"), what),
    )


def _org(d: dict, loc: _Locator, what: str) -> OrgRow:
    return OrgRow(
        str(d["name"]),
        d.get("acronym") or None,
        str(d["role"]),
        _strs(d.get("aliases")),
        optional=bool(d.get("optional")),
        alt_roles=_strs(d.get("alt_roles")),
        **loc.locate(d.get("raw_text"), what),
    )


_Item = TypeVar("_Item")


def _items(p: dict, kind: str, parse: Callable[[dict, _Locator, str], _Item], loc: _Locator) -> tuple[_Item, ...]:
    return tuple(parse(d, loc, f"{kind}[{j}]") for j, d in enumerate(p.get(kind) or [], 1))


def key_document(key_path: Path, page: RealPage, root: Path, pages_rel: str) -> GoldDocument:
    """One JSON key as a gold document over its page (``root / pages_rel / <doc_id>.txt``)."""
    source_file = f"{pages_rel}/{page.doc_id}.txt"
    text = (Path(root) / source_file).read_bytes().decode("utf-8")
    try:
        key = json.loads(Path(key_path).read_text(encoding="utf-8"))
    except ValueError as exc:
        raise GoldFormatError(f"{key_path}: not valid JSON: {exc}") from exc
    projects = key.get("projects") or []
    starts, pos = [], 0
    for i, p in enumerate(projects, 1):
        at = find_words(text, str(p.get("first_words") or ""), pos)
        if at < 0:
            raise GoldFormatError(f"{key_path} record {i}: first_words not found in order")
        starts.append(at)
        pos = at + 1
    ends = [*starts[1:], len(text)]
    records = []
    for i, (p, start, end) in enumerate(zip(projects, starts, ends, strict=True), 1):
        where = f"{key_path} record {i}"
        loc = _Locator(text, start, end, where)
        amounts, counts = _items(p, "amounts", _amount, loc), _items(p, "counts", _count, loc)
        dates, organisations = _items(p, "dates", _date, loc), _items(p, "organisations", _org, loc)
        records.append(
            RecordRow(
                title=norm_space(str(p["title"])),
                section=p.get("section") or "",
                year_start=opt_int(p.get("year_start")),
                year_end=opt_int(p.get("year_end")),
                char_start=start,
                char_end=end,
                optional=bool(p.get("optional")),
                title_text=p.get("first_words"),
                title_alternatives=tuple(norm_space(t) for t in p.get("title_alternatives") or ()),
                amounts=amounts,
                counts=counts,
                dates=dates,
                organisations=organisations,
            )
        )
    return GoldDocument(page.doc_id, source_file, tuple(records), Path(key_path), kind=page.kind)


def load_real(real_dir: Path, root: Path, splits: Iterable[str]) -> list[GoldDocument]:
    """The keyed real pages of the given splits, in doc_id order."""
    real_dir, root = Path(real_dir), Path(root)
    wanted = set(splits)
    try:
        pages_rel = (real_dir / "pages").resolve().relative_to(root.resolve()).as_posix()
    except ValueError as exc:
        raise GoldFormatError(f"{real_dir}: must lie inside {root}") from exc
    pages = sorted((p for p in read_sources(real_dir) if p.split in wanted), key=lambda p: p.doc_id)
    return [key_document(real_dir / "keys" / f"{p.doc_id}.json", p, root, pages_rel) for p in pages]
