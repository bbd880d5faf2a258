"""Score predicted tables against the hand-made answer key (``tests/gold/*.yaml``).

The scorer is what proves the extraction right, so its rules are deliberately
simple and written down here (and in the report it prints):

Records (projects) are matched one-to-one per document, greedy best-first on
a match score = title similarity (0..1: mean of rapidfuzz ``ratio`` and
``token_set_ratio`` on casefolded, whitespace-normalised titles) + a span
bonus (``span_weight`` x overlap of the character spans) + a year bonus
(``year_weight`` when both years agree). Pairs under ``min_record_score``
never match. Matching on more than the title lets a record with a wrong title
still be found, so the title error is reported as a wrong title and not as a
missed + a spurious record.

Items are matched one-to-one inside a matched record pair, greedy best-first,
nearest evidence first on ties:

- amounts: same currency and value within ``amount_rel_tol`` (0.5 %).
  A second pass on value alone only labels the error ``wrong_currency``;
  it is still a miss and a false positive.
- counts: same value (or, for vague ranges with value null, the same bounds)
  and the same unit lemma -> ``counts``. A second pass on the value alone
  gives ``count_values`` (number right, unit maybe wrong) and
  ``count_unit_accuracy``; ``count_qualifier_accuracy`` is measured on
  all value matches.
- dates: equal (start, end). Overlapping periods only label the error
  ``wrong_period``. ``date_precision_accuracy`` / ``date_year_inferred_accuracy``
  are measured on matched dates.
- organisations: the predicted name equals the gold name or an alias
  (casefolded, whitespace-normalised, quote glyphs unified), or both acronyms
  are given and equal, or the predicted name equals the gold acronym.
  ``org_role_accuracy`` and ``org_name_accuracy`` (exact canonical name,
  case-sensitive, aliases do not count; double quotes of any glyph are one:
  ``"Sparta"`` = ``„Sparta”``) are measured on matched organisations;
  ``org_roles`` is P/R/F1 where a hit needs name and role. A fuzzy second pass only labels the error
  ``wrong_name_form`` (e.g. a genitive).

Items of unmatched gold records are misses; items of unmatched predicted
records are false positives. ``optional: true`` gold records and items count
neither way: a prediction matched to one is neither a hit nor a false
positive, and everything under an optional record is ignored.

Zero denominators: P/R/F1 are 1.0 when there is nothing to find and nothing
was found, else 0.0 for the empty side; an accuracy over zero matched pairs is
``None`` (not measured) and is skipped by the threshold check.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import yaml
from rapidfuzz import fuzz
from rich.table import Table

from schemas.fields import AMOUNT_KINDS, CURRENCIES  # closed vocabularies, defined once with their tables

REPO_ROOT = Path(__file__).resolve().parents[2]

QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range")
PRECISIONS = ("day", "month", "year")
ROLES = ("lead", "partner", "funder", "participant", "other")

PRF_KINDS = ("projects", "amounts", "counts", "count_values", "dates", "organisations", "org_roles")
ACCURACIES = (
    "title_exact_rate",
    "year_accuracy",
    "section_accuracy",
    "count_qualifier_accuracy",
    "count_unit_accuracy",
    "date_precision_accuracy",
    "date_year_inferred_accuracy",
    "org_role_accuracy",
    "org_name_accuracy",
    "amount_kind_accuracy",
)
# Scope names in thresholds.yaml that are not document ids.
RESERVED_SCOPES = ("overall", "matching", "page")
NON_GOLD_FILES = ("thresholds.yaml",)


class GoldFormatError(ValueError):
    """A gold file is malformed; the message names the file and the place."""


# ---------------------------------------------------------------------------
# Gold (and predictions parsed into the same shapes, so matching compares like with like)


@dataclass(frozen=True)
class AmountRow:
    value: float
    currency: str
    text: str | None = None
    char_start: int | None = None
    char_end: int | None = None
    optional: bool = False
    kind: str | None = None  # total_value, grant, ... (when the key or the release states it)
    alt_kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class CountRow:
    value: int | None
    value_min: int | None
    value_max: int | None
    qualifier: str
    unit: str
    text: str | None = None
    char_start: int | None = None
    char_end: int | None = None
    optional: bool = False
    unit_alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class DateRow:
    start: dt.date | None  # None only from an empty cell of a key or a prediction; tests/gold files have both
    end: dt.date | None
    precision: str
    year_inferred: bool
    text: str | None = None
    char_start: int | None = None
    char_end: int | None = None
    optional: bool = False


@dataclass(frozen=True)
class OrgRow:
    name: str
    acronym: str | None
    role: str
    aliases: tuple[str, ...] = ()
    text: str | None = None
    char_start: int | None = None
    char_end: int | None = None
    optional: bool = False
    alt_roles: tuple[str, ...] = ()

    def role_ok(self, role: str | None) -> bool:
        return role == self.role or role in self.alt_roles


@dataclass(frozen=True)
class RecordRow:
    title: str
    section: str | None
    year_start: int | None
    year_end: int | None
    char_start: int | None
    char_end: int | None  # gold: next record's start (or the text's end)
    amounts: tuple[AmountRow, ...] = ()
    counts: tuple[CountRow, ...] = ()
    dates: tuple[DateRow, ...] = ()
    organisations: tuple[OrgRow, ...] = ()
    optional: bool = False
    project_id: str | None = None  # predictions only
    title_text: str | None = None  # gold only
    title_alternatives: tuple[str, ...] = ()  # gold only: other acceptable titles

    def titles(self) -> tuple[str, ...]:
        return (self.title, *self.title_alternatives)

    def gold_start(self) -> int:
        """Where a gold record starts: it always says so (_gold_record, realkeys); only predictions may not."""
        assert self.char_start is not None, f"gold record {self.title!r} has no char_start"
        return self.char_start


@dataclass(frozen=True)
class GoldDocument:
    doc_id: str
    source_file: str
    records: tuple[RecordRow, ...]
    path: Path | None = None
    kind: str | None = None  # kind of page (real-page corpus)


# ---------------------------------------------------------------------------
# Scores


@dataclass
class PRF:
    """Hits against the sizes of both sides (optional gold already left out)."""

    tp: int = 0
    n_gold: int = 0
    n_pred: int = 0

    @property
    def precision(self) -> float:
        return _safe_div(self.tp, self.n_pred, self.n_gold)

    @property
    def recall(self) -> float:
        return _safe_div(self.tp, self.n_gold, self.n_pred)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.n_gold += other.n_gold
        self.n_pred += other.n_pred


@dataclass
class Ratio:
    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def tally(self, ok: bool) -> None:
        self.hits += int(ok)
        self.total += 1

    def add(self, other: Ratio) -> None:
        self.hits += other.hits
        self.total += other.total


@dataclass
class DocScores:
    prf: dict[str, PRF] = field(default_factory=lambda: {k: PRF() for k in PRF_KINDS})
    acc: dict[str, Ratio] = field(default_factory=lambda: {k: Ratio() for k in ACCURACIES})

    def add(self, other: DocScores) -> None:
        for k in PRF_KINDS:
            self.prf[k].add(other.prf[k])
        for k in ACCURACIES:
            self.acc[k].add(other.acc[k])


@dataclass(frozen=True)
class ScoreError:
    doc_id: str
    kind: str  # projects | amounts | counts | dates | organisations
    error: str  # missed | spurious | wrong_title | wrong_years | wrong_role | ...
    record: str  # the record the item belongs to: "project_id 'title'" or "gold #n 'title'"
    gold: str | None = None
    predicted: str | None = None


@dataclass
class Scores:
    overall: DocScores
    documents: dict[str, DocScores]
    errors: list[ScoreError]


@dataclass(frozen=True)
class MatchConfig:
    """Knobs of the record/item matching (overridable in thresholds.yaml under ``matching``)."""

    min_record_score: float = 0.5
    span_weight: float = 0.2
    year_weight: float = 0.1
    amount_rel_tol: float = 0.005
    min_org_name_similarity: float = 85.0  # only labels near misses, never a hit

    @classmethod
    def from_thresholds(cls, thresholds: dict) -> MatchConfig:
        return cls(**(thresholds.get("matching") or {}))


# ---------------------------------------------------------------------------
# Small helpers


def _safe_div(num: int, den: int, other_side: int) -> float:
    """1.0 when both sides are empty (nothing to find, nothing found), 0.0 when only this side is."""
    if den:
        return num / den
    return 1.0 if other_side == 0 else 0.0


def norm_space(s: str | None) -> str:
    """NFC + whitespace collapsed: how the contract writes titles and names."""
    return " ".join(unicodedata.normalize("NFC", s or "").split())


def norm_key(s: str | None) -> str:
    return norm_space(s).casefold()


def slug(name: str) -> str:
    """ASCII slug of a name (Polish letters folded), as org_id is built."""
    s = unicodedata.normalize("NFKD", name.replace("ł", "l").replace("Ł", "L"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def _none(x: Any) -> Any:
    """Missing values of any pandas flavour (NaN, NA, NaT) -> None."""
    if x is None:
        return None
    try:
        return None if pd.isna(x) else x
    except (TypeError, ValueError):
        return x


def opt_int(x: Any) -> int | None:
    """A table or answer-key cell as an int; None for an empty cell (None, NaN, NA)."""
    x = _none(x)
    return None if x is None else int(x)


def to_date(x: Any) -> dt.date | None:
    """A table or answer-key cell as a date (ISO text, a date or a timestamp); None for an empty cell."""
    x = _none(x)
    if x is None or (isinstance(x, dt.date) and not isinstance(x, dt.datetime)):
        return x
    return pd.Timestamp(x).date()


def title_similarity(a: str, b: str) -> float:
    """0..1; token_set_ratio forgives a truncated or extended title, ratio keeps order and length."""
    a, b = norm_key(a), norm_key(b)
    if not a or not b:
        return 0.0
    return (fuzz.ratio(a, b) + fuzz.token_set_ratio(a, b)) / 200.0


def span_overlap(gs: int | None, ge: int | None, ps: int | None, pe: int | None) -> float:
    """Intersection over union; without a gold end, 1.0 if the prediction covers the gold start."""
    if gs is None or ps is None or pe is None:
        return 0.0
    if ge is None:
        return 1.0 if ps <= gs < pe else 0.0
    inter = max(0, min(ge, pe) - max(gs, ps))
    union = max(ge, pe) - min(gs, ps)
    return inter / union if union > 0 else 0.0


def _distance(g: Any, p: Any) -> int:
    if g.char_start is None or p.char_start is None:
        return 10**9
    return abs(g.char_start - p.char_start)


def pair_up(
    golds: Sequence[Any],
    preds: Sequence[Any],
    quality: Callable[[Any, Any], float | None],
    taken_g: set[int] | None = None,
    taken_p: set[int] | None = None,
) -> list[tuple[int, int]]:
    """One-to-one greedy best-first matching.

    Ties prefer non-optional gold (a hit beats a neutral match) and then the
    nearest evidence, so repeated equal values pair with their own mention.
    """
    taken_g, taken_p = set(taken_g or ()), set(taken_p or ())
    cands = []
    for gi, g in enumerate(golds):
        if gi in taken_g:
            continue
        for pj, p in enumerate(preds):
            if pj not in taken_p and (q := quality(g, p)) is not None:
                cands.append((-q, g.optional, _distance(g, p), gi, pj))
    pairs = []
    for *_, gi, pj in sorted(cands):
        if gi not in taken_g and pj not in taken_p:
            taken_g.add(gi)
            taken_p.add(pj)
            pairs.append((gi, pj))
    return pairs


# ---------------------------------------------------------------------------
# Loading the gold


def _require(d: dict, keys: Iterable[str], where: str) -> None:
    missing = [k for k in keys if k not in d]
    if missing:
        raise GoldFormatError(f"{where}: missing field(s) {', '.join(missing)}")


def _check_choice(value: Any, choices: Sequence[str], what: str, where: str) -> None:
    if value not in choices:
        raise GoldFormatError(f"{where}: {what} {value!r} is not one of {', '.join(choices)}")


def _offsets(d: dict, where: str) -> dict:
    if d.get("char_start") is None or d.get("char_end") is None:
        raise GoldFormatError(f"{where}: no offsets; run tests/gold/fill_offsets.py")
    return {"text": d["text"], "char_start": int(d["char_start"]), "char_end": int(d["char_end"])}


def _gold_amount(d: dict, where: str) -> AmountRow:
    _require(d, ("value", "currency", "text"), where)
    _check_choice(d["currency"], CURRENCIES, "currency", where)
    kind, alt_kinds = d.get("kind"), tuple(d.get("alt_kinds") or ())
    for k in (kind, *alt_kinds) if kind is not None else alt_kinds:
        _check_choice(k, AMOUNT_KINDS, "amount kind", where)
    return AmountRow(
        float(d["value"]),
        d["currency"],
        optional=bool(d.get("optional")),
        kind=kind,
        alt_kinds=alt_kinds,
        **_offsets(d, where),
    )


def _gold_count(d: dict, where: str) -> CountRow:
    _require(d, ("value", "value_min", "value_max", "qualifier", "unit", "text"), where)
    _check_choice(d["qualifier"], QUALIFIERS, "qualifier", where)
    if d["value"] is None and (d["value_min"] is None and d["value_max"] is None):
        raise GoldFormatError(f"{where}: a count needs a value or bounds")
    return CountRow(
        opt_int(d["value"]),
        opt_int(d["value_min"]),
        opt_int(d["value_max"]),
        d["qualifier"],
        str(d["unit"]),
        optional=bool(d.get("optional")),
        **_offsets(d, where),
    )


def _gold_date(d: dict, where: str) -> DateRow:
    _require(d, ("start", "end", "precision", "year_inferred", "text"), where)
    _check_choice(d["precision"], PRECISIONS, "precision", where)
    try:
        start, end = to_date(d["start"]), to_date(d["end"])
    except ValueError as exc:
        raise GoldFormatError(f"{where}: bad date: {exc}") from exc
    if start is None or end is None or start > end:
        raise GoldFormatError(f"{where}: start/end must be dates with start <= end")
    return DateRow(
        start, end, d["precision"], bool(d["year_inferred"]), optional=bool(d.get("optional")), **_offsets(d, where)
    )


def _gold_org(d: dict, where: str) -> OrgRow:
    _require(d, ("name", "role", "text"), where)
    _check_choice(d["role"], ROLES, "role", where)
    aliases = d.get("aliases") or []
    if not isinstance(aliases, list):
        raise GoldFormatError(f"{where}: aliases must be a list")
    return OrgRow(
        str(d["name"]),
        _none(d.get("acronym")),
        d["role"],
        tuple(map(str, aliases)),
        optional=bool(d.get("optional")),
        **_offsets(d, where),
    )


ITEM_PARSERS: dict[str, Callable[[dict, str], Any]] = {
    "amounts": _gold_amount,
    "counts": _gold_count,
    "dates": _gold_date,
    "organisations": _gold_org,
}


_Item = TypeVar("_Item")


def _gold_items(d: dict, kind: str, parse: Callable[[dict, str], _Item], where: str) -> tuple[_Item, ...]:
    raw = d.get(kind) or []
    if not isinstance(raw, list):
        raise GoldFormatError(f"{where}: {kind} must be a list")
    return tuple(parse(item, f"{where} {kind}[{i}]") for i, item in enumerate(raw))


def _gold_record(d: dict, char_end: int | None, where: str) -> RecordRow:
    _require(d, ("title", "title_text", "section", "year_start", "year_end"), where)
    if d.get("char_start") is None:
        raise GoldFormatError(f"{where}: no char_start; run tests/gold/fill_offsets.py")
    amounts, counts = _gold_items(d, "amounts", _gold_amount, where), _gold_items(d, "counts", _gold_count, where)
    dates, organisations = _gold_items(d, "dates", _gold_date, where), _gold_items(d, "organisations", _gold_org, where)
    return RecordRow(
        title=norm_space(str(d["title"])),
        section=d["section"],
        year_start=opt_int(d["year_start"]),
        year_end=opt_int(d["year_end"]),
        char_start=int(d["char_start"]),
        char_end=char_end,
        optional=bool(d.get("optional")),
        title_text=d["title_text"],
        amounts=amounts,
        counts=counts,
        dates=dates,
        organisations=organisations,
    )


def _text_length(source_file: str, root: Path) -> int | None:
    """The last record ends where the text ends; unknown if the source is not at hand."""
    path = root / source_file
    return len(path.read_bytes().decode("utf-8")) if path.is_file() else None


def _gold_document(path: Path, root: Path) -> GoldDocument:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise GoldFormatError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise GoldFormatError(f"{path}: expected a mapping with doc_id, source_file, records")
    _require(data, ("doc_id", "source_file", "records"), str(path))
    if data["doc_id"] != path.stem:
        raise GoldFormatError(f"{path}: doc_id {data['doc_id']!r} differs from the file name")
    raw = data["records"] or []
    starts = [r.get("char_start") if isinstance(r, dict) else None for r in raw]
    ends = [*starts[1:], _text_length(data["source_file"], root)]
    records = []
    for i, rec in enumerate(raw):
        where = f"{path} record {i + 1}"
        if not isinstance(rec, dict):
            raise GoldFormatError(f"{where}: expected a mapping")
        records.append(_gold_record(rec, ends[i], f"{where} ({str(rec.get('title', ''))[:40]!r})"))
    return GoldDocument(data["doc_id"], data["source_file"], tuple(records), path)


def gold_files(gold_dir: Path) -> list[Path]:
    """Every ``*.yaml`` directly in gold_dir except thresholds.yaml, which lives there too."""
    return [p for p in sorted(Path(gold_dir).glob("*.yaml")) if p.name not in NON_GOLD_FILES]


def load_gold(gold_dir: Path, root: Path = REPO_ROOT) -> list[GoldDocument]:
    """Every gold file in gold_dir, validated; ``root`` resolves ``source_file``."""
    docs = [_gold_document(p, Path(root)) for p in gold_files(gold_dir)]
    seen: dict[str, Path | None] = {}
    for doc in docs:
        if doc.doc_id in seen:
            raise GoldFormatError(f"{doc.path}: doc_id {doc.doc_id!r} already in {seen[doc.doc_id]}")
        seen[doc.doc_id] = doc.path
    return docs


# ---------------------------------------------------------------------------
# Predicted tables -> the same shapes

PROJECT_COLUMNS = (
    "project_id",
    "doc_id",
    "section",
    "title",
    "year_start",
    "year_end",
    "char_start",
    "char_end",
)
ITEM_COLUMNS = {
    "amounts": ("project_id", "value", "currency"),
    "counts": ("project_id", "value", "value_min", "value_max", "qualifier", "unit"),
    "dates": ("project_id", "start", "end", "precision", "year_inferred"),
    "project_organisations": ("project_id", "org_id", "role"),
    "organisations": ("org_id", "name", "acronym"),
}


def _table(tables: dict[str, pd.DataFrame], name: str, columns: Sequence[str]) -> pd.DataFrame:
    df = tables.get(name)
    if df is None or (df.empty and len(df.columns) == 0):
        return pd.DataFrame(columns=list(columns))
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"predicted table {name!r} lacks column(s) {', '.join(missing)}")
    return df


def _evidence(row: dict) -> dict:
    return {
        "text": _none(row.get("raw_text")),
        "char_start": opt_int(row.get("char_start")),
        "char_end": opt_int(row.get("char_end")),
    }


def _pred_amount(r: dict) -> AmountRow:
    return AmountRow(float(r["value"]), str(r["currency"]), kind=_none(r.get("kind")), **_evidence(r))


def _pred_count(r: dict) -> CountRow:
    return CountRow(
        opt_int(r["value"]),
        opt_int(r["value_min"]),
        opt_int(r["value_max"]),
        str(r["qualifier"]),
        str(_none(r["unit"]) or ""),
        **_evidence(r),
    )


def _pred_date(r: dict) -> DateRow:
    return DateRow(
        to_date(r["start"]), to_date(r["end"]), str(r["precision"]), bool(_none(r["year_inferred"])), **_evidence(r)
    )


def _pred_org(r: dict) -> OrgRow:
    name = _none(r.get("name")) or r["org_id"]
    return OrgRow(
        str(name),
        _none(r.get("acronym")),
        str(r["role"]),
        text=str(name),
        char_start=opt_int(r.get("char_start")),
        char_end=opt_int(r.get("char_end")),
    )


def _items_by_project(df: pd.DataFrame, parse: Callable[[dict], _Item], ids: set[str]) -> dict[str, list[_Item]]:
    out: dict[str, list[_Item]] = {}
    for row in df[df["project_id"].isin(ids)].to_dict("records"):
        out.setdefault(row["project_id"], []).append(parse(row))
    return out


def predicted_records(tables: dict[str, pd.DataFrame], doc_ids: Iterable[str]) -> dict[str, list[RecordRow]]:
    """Predicted records of the given documents, in document order, each with its items."""
    projects = _table(tables, "projects", PROJECT_COLUMNS)
    doc_ids = list(doc_ids)
    projects = projects[projects["doc_id"].isin(set(doc_ids))]
    ids = set(projects["project_id"])
    links = _table(tables, "project_organisations", ITEM_COLUMNS["project_organisations"])
    orgs = _table(tables, "organisations", ITEM_COLUMNS["organisations"])[["org_id", "name", "acronym"]]
    links = links.drop(columns=["name", "acronym"], errors="ignore")
    links = links.merge(orgs.drop_duplicates("org_id"), on="org_id", how="left")
    amounts = _items_by_project(_table(tables, "amounts", ITEM_COLUMNS["amounts"]), _pred_amount, ids)
    counts = _items_by_project(_table(tables, "counts", ITEM_COLUMNS["counts"]), _pred_count, ids)
    dates = _items_by_project(_table(tables, "dates", ITEM_COLUMNS["dates"]), _pred_date, ids)
    organisations = _items_by_project(links, _pred_org, ids)
    out: dict[str, list[RecordRow]] = {d: [] for d in doc_ids}
    for r in projects.sort_values(["doc_id", "char_start"], kind="stable").to_dict("records"):
        pid = r["project_id"]
        out[r["doc_id"]].append(
            RecordRow(
                title=norm_space(str(_none(r["title"]) or "")),
                section=_none(r["section"]),
                year_start=opt_int(r["year_start"]),
                year_end=opt_int(r["year_end"]),
                char_start=opt_int(r["char_start"]),
                char_end=opt_int(r["char_end"]),
                project_id=pid,
                amounts=tuple(amounts.get(pid, ())),
                counts=tuple(counts.get(pid, ())),
                dates=tuple(dates.get(pid, ())),
                organisations=tuple(organisations.get(pid, ())),
            )
        )
    return out


# ---------------------------------------------------------------------------
# Matching rules


def record_quality(g: RecordRow, p: RecordRow, cfg: MatchConfig) -> float | None:
    score = max(title_similarity(t, p.title) for t in g.titles())
    score += cfg.span_weight * span_overlap(g.char_start, g.char_end, p.char_start, p.char_end)
    if g.year_start is not None and (g.year_start, g.year_end) == (p.year_start, p.year_end):
        score += cfg.year_weight
    return score if score >= cfg.min_record_score else None


def _amount_close(g: AmountRow, p: AmountRow, cfg: MatchConfig) -> float | None:
    diff = abs(g.value - p.value)
    if diff == 0 or diff <= cfg.amount_rel_tol * abs(g.value):
        return 1.0 - (diff / abs(g.value) if g.value else 0.0)
    return None


def amount_strict(g: AmountRow, p: AmountRow, cfg: MatchConfig) -> float | None:
    return _amount_close(g, p, cfg) if g.currency == p.currency else None


def count_value_key(c: CountRow) -> tuple:
    """The stated number; vague ranges (value null) are known by their bounds."""
    return ("value", c.value) if c.value is not None else ("range", c.value_min, c.value_max)


def count_value_match(g: CountRow, p: CountRow) -> float | None:
    """The same stated number; for ``ponad N`` (at_least) the same lower bound N+1 also matches, since the
    shared conventions fix only the bound (``at_least with min N+1``) and keys record the value as N or N+1."""
    if count_value_key(g) == count_value_key(p):
        return 1.0
    at_least = "at_least" in (g.qualifier, p.qualifier)
    return 1.0 if at_least and g.value_min is not None and g.value_min == p.value_min else None


def count_strict(g: CountRow, p: CountRow) -> float | None:
    same_unit = norm_key(p.unit) in {norm_key(u) for u in (g.unit, *g.unit_alternatives)}
    return 1.0 if same_unit and count_value_match(g, p) else None


def date_strict(g: DateRow, p: DateRow) -> float | None:
    return 1.0 if (g.start, g.end) == (p.start, p.end) else None


def date_overlap(g: DateRow, p: DateRow) -> float | None:
    if g.start is None or g.end is None or p.start is None or p.end is None:
        return None
    return 1.0 if p.start <= g.end and g.start <= p.end else None


# the double quotes a name's inner name is written in: typography, not the name ("Sparta", „Sparta”, “Sparta”,
# «Sparta»); the keys of different annotators write them differently
_NAME_QUOTES = str.maketrans(dict.fromkeys("„”“«»", '"'))


def org_written(s: str | None) -> str:
    """An organisation's name as compared: :func:`norm_space`, its double quotes of one kind."""
    return norm_space(s).translate(_NAME_QUOTES)


def org_name_quality(g: OrgRow, p: OrgRow) -> float | None:
    """3 exact canonical name (up to the quotes' glyphs), 2 name or alias up to case, 1 acronym; None when no
    rule holds."""
    written = org_written(p.name)
    if written == org_written(g.name):
        return 3.0
    pkey = written.casefold()
    if pkey in {org_written(g.name).casefold(), *(org_written(a).casefold() for a in g.aliases)}:
        return 2.0
    if not g.acronym:
        return None
    acronym = norm_key(g.acronym)
    if pkey == acronym or (p.acronym and norm_key(p.acronym) == acronym):
        return 1.0
    return None


def org_strict(g: OrgRow, p: OrgRow) -> float | None:
    q = org_name_quality(g, p)
    return None if q is None else q + (0.5 if g.role_ok(p.role) else 0.0)


def org_near(g: OrgRow, p: OrgRow, cfg: MatchConfig) -> float | None:
    sim = max(fuzz.ratio(norm_key(n), norm_key(p.name)) for n in (g.name, *g.aliases))
    return sim if sim >= cfg.min_org_name_similarity else None


# ---------------------------------------------------------------------------
# Scoring


def _describe(item: Any) -> str:
    """One line for the error report: the value and its evidence as written."""
    if isinstance(item, str):
        return repr(item)
    if isinstance(item, AmountRow):
        value = f"{item.value:g} {item.currency}"
    elif isinstance(item, CountRow):
        bounds = "" if item.qualifier == "exact" else f" [{item.value_min}..{item.value_max}]"
        value = f"{item.value} {item.unit} ({item.qualifier}{bounds})"
    elif isinstance(item, DateRow):
        value = f"{item.start}..{item.end} ({item.precision}{', inferred' if item.year_inferred else ''})"
    elif isinstance(item, OrgRow):
        value = f"{item.name}{f' ({item.acronym})' if item.acronym else ''} as {item.role}"
    else:
        value = f"{item.title!r} {item.year_start}-{item.year_end} [{item.section}]"
    text = getattr(item, "text", None)
    evidence = f" {text!r}" if text and not isinstance(item, OrgRow) else ""
    where = f" @{item.char_start}" if item.char_start is not None else ""
    return f"{value}{evidence}{where}"


class _DocScorer:
    """Scores one document; collects metrics and errors as it goes."""

    def __init__(self, doc_id: str, cfg: MatchConfig):
        self.doc_id, self.cfg = doc_id, cfg
        self.s = DocScores()
        self.errors: list[ScoreError] = []

    def err(self, kind: str, error: str, record: str, gold: Any = None, pred: Any = None) -> None:
        self.errors.append(
            ScoreError(
                self.doc_id,
                kind,
                error,
                record,
                None if gold is None else _describe(gold),
                None if pred is None else _describe(pred),
            )
        )

    # -- generic item bookkeeping

    def _tally(
        self,
        kinds: Sequence[str],
        golds: Sequence,
        preds: Sequence,
        pairs: list[tuple[int, int]],
        record: str,
        err_kind: str,
        near: Sequence[tuple[int, int]] = (),
        near_error: str = "",
    ) -> list[tuple[int, int]]:
        """Sizes, misses and false positives; returns the counted (non-optional) pairs.

        ``near`` pairs (loose matches) stay a miss and a false positive in the
        numbers but are reported as one ``near_error`` line instead of two.
        """
        neutral = sum(1 for gi, _ in pairs if golds[gi].optional)
        for k in kinds:
            self.s.prf[k].n_gold += sum(1 for g in golds if not g.optional)
            self.s.prf[k].n_pred += len(preds) - neutral
        near_counted = [(gi, pj) for gi, pj in near if not golds[gi].optional]
        for gi, pj in near_counted:
            self.err(err_kind, near_error, record, golds[gi], preds[pj])
        paired_g = {gi for gi, _ in [*pairs, *near_counted]}
        paired_p = {pj for _, pj in [*pairs, *near_counted]}
        for gi, g in enumerate(golds):
            if gi not in paired_g and not g.optional:
                self.err(err_kind, "missed", record, gold=g)
        for pj, p in enumerate(preds):
            if pj not in paired_p:
                self.err(err_kind, "spurious", record, pred=p)
        return [(gi, pj) for gi, pj in pairs if not golds[gi].optional]

    @staticmethod
    def _two_pass(golds, preds, strict, loose) -> tuple[list, list]:
        strict_pairs = pair_up(golds, preds, strict)
        loose_pairs = pair_up(golds, preds, loose, {g for g, _ in strict_pairs}, {p for _, p in strict_pairs})
        return strict_pairs, loose_pairs

    # -- per kind

    def amounts(self, golds, preds, record: str) -> None:
        cfg = self.cfg
        strict, loose = self._two_pass(
            golds, preds, lambda g, p: amount_strict(g, p, cfg), lambda g, p: _amount_close(g, p, cfg)
        )
        counted = self._tally(["amounts"], golds, preds, strict, record, "amounts", loose, "wrong_currency")
        self.s.prf["amounts"].tp += len(counted)
        for gi, pj in counted:
            g, p = golds[gi], preds[pj]
            if g.kind is not None and p.kind is not None:
                kind_ok = p.kind in (g.kind, *g.alt_kinds)
                self.s.acc["amount_kind_accuracy"].tally(kind_ok)
                if not kind_ok:
                    self.err("amounts", "wrong_kind", record, f"{g.kind} {g.text!r}", f"{p.kind} {p.text!r}")

    def counts(self, golds, preds, record: str) -> None:
        strict, loose = self._two_pass(golds, preds, count_strict, count_value_match)
        strict_set = set(strict)
        for gi, pj in self._tally(["counts", "count_values"], golds, preds, strict + loose, record, "counts"):
            g, p = golds[gi], preds[pj]
            unit_ok = (gi, pj) in strict_set
            self.s.prf["count_values"].tp += 1
            self.s.prf["counts"].tp += int(unit_ok)
            self.s.acc["count_unit_accuracy"].tally(unit_ok)
            self.s.acc["count_qualifier_accuracy"].tally(g.qualifier == p.qualifier)
            if not unit_ok:
                self.err("counts", "wrong_unit", record, g, p)
            if g.qualifier != p.qualifier:
                self.err("counts", "wrong_qualifier", record, g, p)

    def dates(self, golds, preds, record: str) -> None:
        strict, loose = self._two_pass(golds, preds, date_strict, date_overlap)
        for gi, pj in self._tally(["dates"], golds, preds, strict, record, "dates", loose, "wrong_period"):
            g, p = golds[gi], preds[pj]
            self.s.prf["dates"].tp += 1
            self.s.acc["date_precision_accuracy"].tally(g.precision == p.precision)
            self.s.acc["date_year_inferred_accuracy"].tally(g.year_inferred == p.year_inferred)
            if (g.precision, g.year_inferred) != (p.precision, p.year_inferred):
                self.err("dates", "wrong_precision", record, g, p)

    def organisations(self, golds, preds, record: str) -> None:
        strict, loose = self._two_pass(golds, preds, org_strict, lambda g, p: org_near(g, p, self.cfg))
        kinds = ["organisations", "org_roles"]
        counted = self._tally(kinds, golds, preds, strict, record, "organisations", loose, "wrong_name_form")
        for gi, pj in counted:
            g, p = golds[gi], preds[pj]
            role_ok = g.role_ok(p.role)
            name_ok = org_written(g.name) == org_written(p.name)
            self.s.prf["organisations"].tp += 1
            self.s.prf["org_roles"].tp += int(role_ok)
            self.s.acc["org_role_accuracy"].tally(role_ok)
            self.s.acc["org_name_accuracy"].tally(name_ok)
            if not role_ok:
                self.err("organisations", "wrong_role", record, g, p)
            if not name_ok:
                self.err("organisations", "wrong_name", record, g, p)

    def items(self, g: RecordRow | None, p: RecordRow | None, record: str) -> None:
        """Score the items of a record pair; a missing side contributes nothing."""
        for kind in ITEM_PARSERS:
            golds = getattr(g, kind) if g else ()
            preds = getattr(p, kind) if p else ()
            getattr(self, kind)(golds, preds, record)

    # -- records

    def document(self, gold: GoldDocument, preds: list[RecordRow]) -> None:
        golds = gold.records
        pairs = pair_up(golds, preds, lambda g, p: record_quality(g, p, self.cfg))
        counted = self._tally(["projects"], golds, preds, pairs, "the document", "projects")
        self.s.prf["projects"].tp += len(counted)
        self.s.acc["title_exact_rate"].total += sum(1 for g in golds if not g.optional)
        for g, p in ((golds[gi], preds[pj]) for gi, pj in counted):
            self._record_fields(g, p)
            self.items(g, p, f"{p.project_id} {g.title[:60]!r}")
        paired_g = {gi for gi, _ in pairs}
        paired_p = {pj for _, pj in pairs}
        for gi, g in enumerate(golds):
            if gi not in paired_g and not g.optional:
                self.items(g, None, f"gold #{gi + 1} {g.title[:60]!r} (missed)")
        for pj, p in enumerate(preds):
            if pj not in paired_p:
                self.items(None, p, f"{p.project_id} {p.title[:60]!r} (spurious)")

    def _record_fields(self, g: RecordRow, p: RecordRow) -> None:
        record = f"{p.project_id} {g.title[:60]!r}"
        if p.title in g.titles():
            self.s.acc["title_exact_rate"].hits += 1
        else:
            self.err("projects", "wrong_title", record, g.title, p.title)
        years_ok = (g.year_start, g.year_end) == (p.year_start, p.year_end)
        self.s.acc["year_accuracy"].tally(years_ok)
        if not years_ok:
            gold_years, pred_years = f"{g.year_start}-{g.year_end}", f"{p.year_start}-{p.year_end}"
            self.err("projects", "wrong_years", record, gold_years, pred_years)
        section_ok = norm_space(g.section) == norm_space(p.section)
        self.s.acc["section_accuracy"].tally(section_ok)
        if not section_ok:
            self.err("projects", "wrong_section", record, g.section, p.section)


def score(gold: list[GoldDocument], tables: dict[str, pd.DataFrame], config: MatchConfig | None = None) -> Scores:
    """Match predictions to the gold per document and count hits, misses and false positives."""
    cfg = config or MatchConfig()
    preds = predicted_records(tables, [d.doc_id for d in gold])
    overall, documents, errors = DocScores(), {}, []
    for doc in gold:
        scorer = _DocScorer(doc.doc_id, cfg)
        scorer.document(doc, preds[doc.doc_id])
        documents[doc.doc_id] = scorer.s
        overall.add(scorer.s)
        errors.extend(scorer.errors)
    return Scores(overall, documents, errors)


# ---------------------------------------------------------------------------
# Perfect predictions from the gold (for tests)


def _gold_record_end(r: RecordRow) -> int:
    """Where a gold record without a ``char_end`` ends: after its title or its last item, whichever is later."""
    return max([r.gold_start() + len(r.title_text or "")] + [it.char_end for k in ITEM_PARSERS for it in getattr(r, k)])


def gold_to_tables(gold: list[GoldDocument]) -> dict[str, pd.DataFrame]:
    """The contract tables a flawless pipeline would write for this gold (optional items included)."""
    rows: dict[str, list[dict]] = {
        k: [] for k in ("documents", "projects", "amounts", "counts", "dates", "project_organisations", "organisations")
    }
    orgs: dict[str, dict] = {}
    for doc in gold:
        rows["documents"].append({"doc_id": doc.doc_id, "source_file": doc.source_file})
        for i, r in enumerate(doc.records, 1):
            pid = f"{doc.doc_id}-{i:03d}"
            end = r.char_end if r.char_end is not None else _gold_record_end(r)
            rows["projects"].append(
                {
                    "project_id": pid,
                    "doc_id": doc.doc_id,
                    "ordinal": i,
                    "section": r.section,
                    "title": r.title,
                    "year_start": r.year_start,
                    "year_end": r.year_end,
                    "char_start": r.char_start,
                    "char_end": end,
                }
            )
            _item_rows(rows, orgs, pid, r)
    rows["organisations"] = list(orgs.values())
    tables = {k: pd.DataFrame(v) for k, v in rows.items()}
    for k in ("year_start", "year_end"):
        tables["projects"][k] = tables["projects"][k].astype("Int16")
    return tables


def _item_rows(rows: dict[str, list[dict]], orgs: dict[str, dict], pid: str, r: RecordRow) -> None:
    def ev(it: Any) -> dict:
        return {"raw_text": it.text, "char_start": it.char_start, "char_end": it.char_end}

    for n, a in enumerate(r.amounts, 1):
        rows["amounts"].append(
            {
                "amount_id": f"{pid}-a{n}",
                "project_id": pid,
                "value": a.value,
                "currency": a.currency,
                "kind": a.kind,
                **ev(a),
            }
        )
    for n, c in enumerate(r.counts, 1):
        rows["counts"].append(
            {
                "count_id": f"{pid}-c{n}",
                "project_id": pid,
                "value": c.value,
                "value_min": c.value_min,
                "value_max": c.value_max,
                "qualifier": c.qualifier,
                "unit": c.unit,
                **ev(c),
            }
        )
    for n, d in enumerate(r.dates, 1):
        rows["dates"].append(
            {
                "date_id": f"{pid}-d{n}",
                "project_id": pid,
                "start": d.start,
                "end": d.end,
                "precision": d.precision,
                "year_inferred": d.year_inferred,
                **ev(d),
            }
        )
    for o in r.organisations:
        org_id = slug(o.name)
        n = 1
        while (
            org_id in orgs and orgs[org_id]["name"] != o.name
        ):  # "Program „KLUB”" beside "Program Klub": two spellings
            n += 1
            org_id = f"{slug(o.name)}-{n}"
        orgs.setdefault(org_id, {"org_id": org_id, "name": o.name, "acronym": o.acronym, "org_type": "other"})
        rows["project_organisations"].append(
            {"project_id": pid, "org_id": org_id, "role": o.role, "char_start": o.char_start, "char_end": o.char_end}
        )


# ---------------------------------------------------------------------------
# Thresholds


def load_thresholds(path: Path) -> dict:
    """thresholds.yaml: scope (``overall`` or a doc_id) -> metric -> minimum; ``matching``: MatchConfig."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of scopes")
    return data


def metrics(s: DocScores) -> dict[str, float | None]:
    """Flat metric name -> value; the names thresholds.yaml uses."""
    out: dict[str, float | None] = {}
    for k in PRF_KINDS:
        prf = s.prf[k]
        out |= {f"{k}.precision": prf.precision, f"{k}.recall": prf.recall, f"{k}.f1": prf.f1}
    out |= {k: s.acc[k].value for k in ACCURACIES}
    return out


def check_thresholds(scores: Scores, thresholds: dict, page: Scores | None = None) -> list[str]:
    """A message for every metric under its minimum (and for unknown scopes or metric names). Scope
    ``page`` holds the minimums of the values counted anywhere in the page (:func:`page_scores`)."""
    messages = []
    for scope, minimums in thresholds.items():
        if scope == "matching":
            continue
        if scope == "page":
            s = page.overall if page is not None else None
        else:
            s = scores.overall if scope == "overall" else scores.documents.get(scope)
        if s is None:
            messages.append(f"{scope}: no such gold document")
            continue
        values = metrics(s)
        for name, minimum in (minimums or {}).items():
            if name not in values:
                messages.append(f"{scope}: unknown metric {name!r}")
            elif (value := values[name]) is not None and value < float(minimum):
                messages.append(f"{scope}: {name} = {value:.3f} < minimum {float(minimum):.3f}")
    return messages


# ---------------------------------------------------------------------------
# Reports


def _fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def _metric_rows(
    overall: DocScores,
    columns: Sequence[DocScores],
    kinds: Sequence[str] = PRF_KINDS,
    accuracies: Sequence[str] = ACCURACIES,
) -> list[list[str]]:
    """metric, P, R, F1/value, n_gold, n_pred, then F1/value per column (document or kind of page)."""
    rows = []
    for k in kinds:
        prf = overall.prf[k]
        rows.append(
            [
                k,
                _fmt(prf.precision),
                _fmt(prf.recall),
                _fmt(prf.f1),
                str(prf.n_gold),
                str(prf.n_pred),
                *(_fmt(d.prf[k].f1) for d in columns),
            ]
        )
    for k in accuracies:
        acc = overall.acc[k]
        rows.append(
            [k, "", "", _fmt(acc.value), str(acc.total), str(acc.hits), *(_fmt(d.acc[k].value) for d in columns)]
        )
    return rows


HEADER = ("metric", "P", "R", "F1 / value", "n_gold", "n_pred")
PAGE_KINDS = ("amounts", "counts", "count_values", "dates", "organisations", "org_roles")
PAGE_ACCURACIES = (
    "count_unit_accuracy",
    "date_year_inferred_accuracy",
    "org_role_accuracy",
    "org_name_accuracy",
    "amount_kind_accuracy",
)


def render(scores: Scores) -> Table:
    """One row per metric, overall (micro) then F1 / value per document.

    For accuracies n_gold is the number of pairs measured and n_pred the number right.
    """
    table = Table(
        title="Gold evaluation (overall = micro over documents)",
        caption="accuracy rows: n_gold = pairs measured, n_pred = pairs right; document columns: F1 or accuracy",
    )
    for h in HEADER:
        table.add_column(h, justify="left" if h == "metric" else "right")
    for doc_id in scores.documents:
        table.add_column(doc_id, justify="right")
    for row in _metric_rows(scores.overall, list(scores.documents.values())):
        table.add_row(*row)
    return table


def _md_table(header: Sequence[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] + ["--:"] * (len(header) - 1)) + "|"]
    return lines + ["| " + " | ".join(r) + " |" for r in rows]


def to_markdown(scores: Scores) -> str:
    """The README "Quality" table of the seen documents: same rows as render()."""
    lines = _md_table([*HEADER, *scores.documents], _metric_rows(scores.overall, list(scores.documents.values())))
    lines.append("")
    lines.append(
        "P/R/F1 rows: n_gold / n_pred are item counts (optional gold excluded). "
        "Accuracy rows: n_gold = matched pairs measured, n_pred = pairs right. "
        "Document columns give F1 or the accuracy."
    )
    return "\n".join(lines) + "\n"


def group_scores(scores: Scores, groups: Mapping[str, str | None]) -> dict[str, DocScores]:
    """Micro-averaged scores per group of documents (kind of page), groups in name order."""
    out: dict[str, DocScores] = {}
    for doc_id, s in scores.documents.items():
        out.setdefault(groups.get(doc_id) or "other", DocScores()).add(s)
    return dict(sorted(out.items()))


def _merged(records: Sequence[RecordRow]) -> RecordRow:
    """All values of a document's records as one record; the values of an optional record are optional
    (a prediction of one counts neither way, as under the record itself)."""

    def values(kind: str) -> tuple:
        return tuple(replace(it, optional=True) if r.optional else it for r in records for it in getattr(r, kind))

    return RecordRow(
        "",
        None,
        None,
        None,
        0,
        None,
        amounts=values("amounts"),
        counts=values("counts"),
        dates=values("dates"),
        organisations=values("organisations"),
    )


def page_scores(gold: list[GoldDocument], tables: dict[str, pd.DataFrame], config: MatchConfig | None = None) -> Scores:
    """Values counted anywhere in the page, whatever record they landed in: how much was found at
    all, apart from how the page was cut into records."""
    cfg = config or MatchConfig()
    preds = predicted_records(tables, [d.doc_id for d in gold])
    overall, documents, errors = DocScores(), {}, []
    for doc in gold:
        scorer = _DocScorer(doc.doc_id, cfg)
        scorer.items(_merged(doc.records), _merged(preds[doc.doc_id]), "the page")
        documents[doc.doc_id] = scorer.s
        overall.add(scorer.s)
        errors.extend(scorer.errors)
    return Scores(overall, documents, errors)


def split_markdown(name: str, gold: list[GoldDocument], scores: Scores, page: Scores, note: str) -> str:
    """The README section of one split of the real-page corpus: per record, then anywhere in the
    page, each overall and per kind of page."""
    kinds = {d.doc_id: d.kind for d in gold}
    by_kind, page_by_kind = group_scores(scores, kinds), group_scores(page, kinds)
    n_kind = {k: sum(1 for d in gold if (d.kind or "other") == k) for k in by_kind}
    header = [*HEADER, *(f"{k} ({n_kind[k]})" for k in by_kind)]
    lines = [f"**{name}**: {len(gold)} pages. {note}", "", "Per record (values must land in the matching record):", ""]
    lines += _md_table(header, _metric_rows(scores.overall, list(by_kind.values())))
    lines += ["", "Anywhere in the page (whatever record a value landed in):", ""]
    lines += _md_table(header, _metric_rows(page.overall, list(page_by_kind.values()), PAGE_KINDS, PAGE_ACCURACIES))
    lines += ["", "Columns after n_pred: F1 (or the accuracy) per kind of page, with its number of pages."]
    return "\n".join(lines) + "\n"


def _scope_dict(s: DocScores) -> dict:
    return {
        "metrics": metrics(s),
        "counts": {k: {"tp": v.tp, "n_gold": v.n_gold, "n_pred": v.n_pred} for k, v in s.prf.items()},
        "accuracies": {k: {"hits": v.hits, "total": v.total} for k, v in s.acc.items()},
    }


def scores_to_dict(scores: Scores) -> dict:
    """JSON-able form (for ``--json``)."""
    out = {
        "overall": _scope_dict(scores.overall),
        "documents": {d: _scope_dict(s) for d, s in scores.documents.items()},
        "errors": [asdict(e) for e in scores.errors],
    }
    json.dumps(out)  # fail here, not in the caller, if something is not serialisable
    return out


def errors_report(scores: Scores) -> str:
    """The error list grouped by document, one line per error, for debugging."""
    if not scores.errors:
        return "No errors.\n"
    lines: list[str] = []
    current = None
    for e in scores.errors:
        if e.doc_id != current:
            current = e.doc_id
            lines.append(f"== {current}")
        parts = [f"[{e.kind}] {e.error}", f"in {e.record}"]
        if e.gold is not None:
            parts.append(f"gold: {e.gold}")
        if e.predicted is not None:
            parts.append(f"predicted: {e.predicted}")
        lines.append("  " + " | ".join(parts))
    return "\n".join(lines) + "\n"


def _markers(split: str) -> tuple[str, str]:
    return f"<!-- quality:{split}:start -->", f"<!-- quality:{split}:end -->"


def readme_with_quality(text: str, markdown: str, name: str = "README", split: str = "seen") -> str:
    """``text`` with the section between the split's quality markers replaced by ``markdown``."""
    start_mark, end_mark = _markers(split)
    start, end = text.find(start_mark), text.find(end_mark)
    if start < 0 or end < 0 or end < start:
        raise ValueError(f"{name}: markers {start_mark} ... {end_mark} missing or out of order")
    return text[: start + len(start_mark)] + "\n" + markdown.strip("\n") + "\n" + text[end:]


def update_readme(readme_path: Path, markdown: str, split: str = "seen") -> bool:
    """Replace the text between the split's quality markers; returns whether the file changed."""
    text = Path(readme_path).read_text(encoding="utf-8")
    new = readme_with_quality(text, markdown, str(readme_path), split)
    if new != text:
        from pipeline.release.outdir import atomic_write_text

        atomic_write_text(Path(readme_path), new)
    return new != text


def readme_is_current(readme_path: Path, markdown: str, split: str = "seen") -> bool:
    text = Path(readme_path).read_text(encoding="utf-8")
    return readme_with_quality(text, markdown, str(readme_path), split) == text
