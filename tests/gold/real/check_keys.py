"""Check answer keys of the real-page corpus against their pages.

It knows nothing of the pipeline: it checks that every `first_words` and `raw_text` is an exact
substring of the page inside its record, that closed vocabularies hold and that values have
their types. Usage: `python3 tests/gold/real/check_keys.py [KEY.json ...]` (default: every key).
Exit 1 when any key has a problem, listing each as `<key>: <problem>`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[3] / "shared" / "corpora" / "real-pages"

KINDS = {
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
}
AMOUNT_KINDS = {"total_value", "grant", "own_contribution", "programme_budget", "organisation_finances", "other"}
QUALIFIERS = {"exact", "approx", "at_least", "at_most", "range"}
PRECISIONS = {"day", "month", "year"}
ROLES = {"lead", "partner", "funder", "participant", "other"}


def page_path(doc_id: str) -> Path | None:
    """The page's text: in this corpus, or one of the shared keyed pages."""
    for p in (HERE / "pages" / f"{doc_id}.txt", SHARED / "raw" / f"{doc_id}.txt"):
        if p.exists():
            return p
    return None


def find_words(text: str, words: str, pos: int = 0) -> int:
    """Where `words` stands in `text` from `pos`, whitespace between them folded (keys write
    first_words on one line where the page may break it); -1 when absent."""
    pattern = r"\s+".join(re.escape(w) for w in words.split())
    m = re.compile(pattern).search(text, pos)
    return m.start() if m else -1


def record_spans(text: str, projects: list[dict], problems: list[str]) -> list[tuple[int, int]]:
    """Each record runs from its first_words to the next record's first_words."""
    starts: list[int] = []
    pos = 0
    for i, p in enumerate(projects, 1):
        fw = p.get("first_words")
        if not isinstance(fw, str) or not fw.strip():
            problems.append(f"record {i}: first_words missing")
            starts.append(pos)
            continue
        at = find_words(text, fw, pos)
        if at < 0:
            where = "anywhere" if find_words(text, fw) < 0 else "after the previous record's start"
            problems.append(f"record {i}: first_words not found {where}: {fw[:60]!r}")
            starts.append(pos)
            continue
        starts.append(at)
        pos = at + 1
    return [(s, starts[i + 1] if i + 1 < len(starts) else len(text)) for i, s in enumerate(starts)]


def _num(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def _date(x: object) -> bool:
    try:
        dt.date.fromisoformat(str(x))
        return True
    except ValueError:
        return False


def _check_amount(it: dict, where: str) -> list[str]:
    problems = []
    if not _num(it.get("value")):
        problems.append(f"{where}: value not a number")
    if not (isinstance(it.get("currency"), str) and len(it["currency"]) == 3 and it["currency"].isupper()):
        problems.append(f"{where}: currency not an ISO 4217 code: {it.get('currency')!r}")
    if it.get("kind") not in AMOUNT_KINDS:
        problems.append(f"{where}: amount kind {it.get('kind')!r} not in {sorted(AMOUNT_KINDS)}")
    problems += [f"{where}: alt_kind {k!r} unknown" for k in it.get("alt_kinds") or [] if k not in AMOUNT_KINDS]
    sp = it.get("share_pct")
    if sp is not None and not _num(sp):
        problems.append(f"{where}: share_pct not a number")
    return problems


def _check_count(it: dict, where: str) -> list[str]:
    problems = []
    if it.get("qualifier") not in QUALIFIERS:
        problems.append(f"{where}: qualifier {it.get('qualifier')!r} not in {sorted(QUALIFIERS)}")
    for f in ("value", "value_min", "value_max"):
        v = it.get(f)
        if v is not None and not isinstance(v, int):
            problems.append(f"{where}: {f} not an integer or null")
    if not isinstance(it.get("unit"), str) or not it["unit"] or it["unit"] != it["unit"].lower():
        problems.append(f"{where}: unit must be a lowercase lemma")
    return problems


def _check_date(it: dict, where: str) -> list[str]:
    problems = []
    if it.get("precision") not in PRECISIONS:
        problems.append(f"{where}: precision {it.get('precision')!r} not in {sorted(PRECISIONS)}")
    if not (_date(it.get("start")) and _date(it.get("end"))):
        problems.append(f"{where}: start/end not ISO dates")
    elif it["start"] > it["end"]:
        problems.append(f"{where}: start after end")
    if not isinstance(it.get("year_inferred"), bool):
        problems.append(f"{where}: year_inferred must be true or false")
    return problems


def _check_org(it: dict, where: str) -> list[str]:
    problems = []
    if not isinstance(it.get("name"), str) or not it["name"].strip():
        problems.append(f"{where}: name missing")
    if it.get("role") not in ROLES:
        problems.append(f"{where}: role {it.get('role')!r} not in {sorted(ROLES)}")
    problems += [f"{where}: alt_role {r!r} unknown" for r in it.get("alt_roles") or [] if r not in ROLES]
    return problems


ITEM_CHECKS = {"amounts": _check_amount, "counts": _check_count, "dates": _check_date, "organisations": _check_org}


def check_item(kind: str, it: dict, where: str, problems: list[str]) -> None:
    problems += ITEM_CHECKS[kind](it, where)


def _check_record(i: int, p: dict, text: str, body: str, problems: list[str]) -> None:
    if p.get("ordinal") != i:
        problems.append(f"record {i}: ordinal {p.get('ordinal')!r}, expected {i}")
    if not isinstance(p.get("title"), str) or not p["title"].strip():
        problems.append(f"record {i}: title missing")
    for f in ("year_start", "year_end"):
        v = p.get(f)
        if v is not None and not (isinstance(v, int) and 1900 <= v <= 2100):
            problems.append(f"record {i}: {f} {v!r} is not a year or null")
    if p.get("year_start") and p.get("year_end") and p["year_end"] < p["year_start"]:
        problems.append(f"record {i}: year_end before year_start")
    for kind in ("amounts", "counts", "dates", "organisations"):
        items = p.get(kind, [])
        if not isinstance(items, list):
            problems.append(f"record {i}: {kind} is not a list")
            continue
        for j, it in enumerate(items, 1):
            where = f"record {i} {kind}[{j}]"
            raw = it.get("raw_text")
            if not isinstance(raw, str) or not raw:
                problems.append(f"{where}: raw_text missing")
            elif raw not in body:
                found = "elsewhere in the page" if raw in text else "nowhere in the page"
                problems.append(f"{where}: raw_text not inside its record (found {found}): {raw[:60]!r}")
            check_item(kind, it, where, problems)


def check_key(path: Path) -> list[str]:
    problems: list[str] = []
    try:
        key = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        return [f"cannot read: {e}"]
    doc_id = key.get("doc_id")
    if doc_id != path.stem:
        problems.append(f"doc_id {doc_id!r} differs from the file name")
    if "kind" in key and key["kind"] not in KINDS:
        problems.append(f"kind {key['kind']!r} not in {sorted(KINDS)}")
    page = page_path(path.stem)
    if page is None:
        return [*problems, "no page for this key"]
    text = page.read_text(encoding="utf-8")
    projects = key.get("projects")
    if not isinstance(projects, list) or not projects:
        return [*problems, "no projects"]
    spans = record_spans(text, projects, problems)
    for i, (p, (s, e)) in enumerate(zip(projects, spans, strict=True), 1):
        _check_record(i, p, text, text[s:e], problems)
    return problems


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((HERE / "keys").glob("*.json"))
    bad = 0
    for path in paths:
        problems = check_key(path)
        for pr in problems:
            print(f"{path.name}: {pr}")
        bad += bool(problems)
    print(f"{len(paths)} keys checked, {bad} with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
