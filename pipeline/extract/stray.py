"""Records that say nothing: a short line between records with no value of its own is page furniture.

Segmentation reads records from the shape of lines, and a short line standing alone looks like a title:
``BIP``, ``Aktualności``, ``Zamknij``, ``kwi 15``, a photo's file name. Once the record's values are read, one
shorter than ``STRAY_CHARS`` that holds no amount, count, date or organisation, on a page with other records,
names no project; it becomes a ``chrome`` block and the records after it move up. Publisher-folded CV over the
dev split (fifteenth session): 31 of the 40 such records were spurious.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.core.datatypes import Block, RecordValues

__all__ = ["STRAY_CHARS", "is_stray", "without_stray_records"]

STRAY_CHARS = 20  # a record (title and body) shorter than this, with no value, is a stray line


def is_stray(v: RecordValues) -> bool:
    """A record too short to name a project that holds no value."""
    r = v.record
    return r.char_end - r.char_start < STRAY_CHARS and not (v.amounts or v.counts or v.dates or v.orgs)


def without_stray_records(
    values: list[RecordValues], blocks: list[Block]
) -> tuple[list[RecordValues], list[Block], list[int]]:
    """The records that are not stray lines (renumbered in order), the blocks with a ``chrome`` block for each
    stray line (in text order), and the indices of the records kept. A page whose records are all stray
    keeps them: what it lists is what it has."""
    kept = [i for i, v in enumerate(values) if not is_stray(v)]
    if len(kept) == len(values) or not kept:
        return values, blocks, list(range(len(values)))
    keep = set(kept)
    strays = [v.record for i, v in enumerate(values) if i not in keep]
    added = [Block(r.doc_id, "chrome", r.char_start, r.char_end, r.section) for r in strays]
    out = [replace(values[i], record=replace(values[i].record, ordinal=n)) for n, i in enumerate(kept, 1)]
    return out, sorted([*blocks, *added], key=lambda b: (b.char_start, b.char_end)), kept
