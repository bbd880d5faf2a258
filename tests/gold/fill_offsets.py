"""Add evidence offsets to hand-written gold files, and fail on evidence not found.

Usage: python tests/gold/fill_offsets.py tests/gold/*.yaml

A record's span runs from its ``title_text`` (searched after the previous
record's start) to the next record's start. Each item's ``text`` is searched
inside that span (``nth`` picks a later occurrence); an item with
``scope: heading`` was named by a heading above the record and is searched
backwards from the record's start. The file is rewritten in
a fixed layout (one item per line) so diffs stay readable; notes belong in a
``note`` field, since YAML comments are not kept.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
ITEM_KINDS = ("amounts", "counts", "dates", "organisations")
RECORD_KEYS = ("title", "title_text", "section", "year_start", "year_end", "optional", "note")


class GoldError(ValueError):
    pass


def _find(text: str, needle: str, start: int, end: int, nth: int, where: str) -> int:
    pos = start - 1
    for _ in range(nth):
        pos = text.find(needle, pos + 1, end)
        if pos < 0:
            raise GoldError(f"{where}: evidence {needle!r} (occurrence {nth}) not found")
    return pos


def fill(gold: dict, text: str, name: str) -> dict:
    records = gold["records"]
    starts: list[int] = []
    cursor = 0
    for i, rec in enumerate(records):
        where = f"{name} record {i + 1} ({rec.get('title', '')[:40]!r})"
        pos = _find(text, rec["title_text"], cursor, len(text), rec.get("nth", 1), where)
        starts.append(pos)
        cursor = pos + 1
    for i, rec in enumerate(records):
        rec_start = starts[i]
        rec_end = starts[i + 1] if i + 1 < len(starts) else len(text)
        rec["char_start"] = rec_start
        for kind in ITEM_KINDS:
            for item in rec.get(kind) or []:
                where = f"{name} record {i + 1} {kind}"
                if item.get("scope") == "heading":  # named by a heading above the record
                    pos = text.rfind(item["text"], 0, rec_start)
                    if pos < 0:
                        raise GoldError(f"{where}: heading evidence {item['text']!r} not found")
                else:
                    pos = _find(text, item["text"], rec_start, rec_end, item.get("nth", 1), where)
                item["char_start"], item["char_end"] = pos, pos + len(item["text"])
    return gold


def _flow(value) -> str:
    out = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000, sort_keys=False)
    return out.removesuffix("\n...\n").strip()


def dump(gold: dict) -> str:
    """Block layout for documents and records, one flow mapping per item."""
    lines = [f"{k}: {_flow(v)}" for k, v in gold.items() if k != "records"]
    lines.append("records:")
    for rec in gold["records"]:
        first = True
        for key in (*RECORD_KEYS, "char_start"):
            if key in rec:
                lines.append(f"{'  - ' if first else '    '}{key}: {_flow(rec[key])}")
                first = False
        for kind in ITEM_KINDS:
            items = rec.get(kind) or []
            lines.append(f"    {kind}:{'' if items else ' []'}")
            lines.extend(f"      - {_flow(item)}" for item in items)
    return "\n".join(lines) + "\n"


def main(paths: list[str]) -> int:
    failed = False
    for path in map(Path, paths):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(gold, dict) or "records" not in gold:
            continue  # not a key file (e.g. thresholds.yaml)
        text = (ROOT / gold["source_file"]).read_bytes().decode("utf-8")
        try:
            fill(gold, text, path.name)
        except GoldError as exc:
            print(exc, file=sys.stderr)
            failed = True
            continue
        path.write_text(dump(gold), encoding="utf-8")
        print(f"{path}: {len(gold['records'])} records")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
