"""Stage values -> table rows (plain dicts), one document at a time.

Kept apart from :mod:`pipeline.release.tables` (DataFrames) so that the workers, which build a document's
rows, never import pandas or pandera: that is a third of a second per worker process.
"""

from __future__ import annotations

from pipeline.core.datatypes import Block, Document, Record, RecordValues
from pipeline.ingest.decode import Source
from pipeline.segment.rules import description


def document_row(d: Document, src: Source | None) -> dict:
    """The document's row; ``src``: its row of sources.csv, if any."""
    return {
        "doc_id": d.doc_id,
        "source_file": d.source_file,
        "sha256": d.sha256,
        "n_chars": len(d.text),
        "source_url": d.source_url,
        "encoding": d.encoding,
        "publisher": src.publisher if src else None,
        "retrieved": src.retrieved if src else None,
        "dropped_chars": d.dropped_chars,
    }


def project_rows(text: str, records: list[Record]) -> list[dict]:
    return [
        {
            "project_id": r.project_id,
            "doc_id": r.doc_id,
            "ordinal": r.ordinal,
            "section": r.section,
            "title": r.title,
            "year_start": r.year_start,
            "year_end": r.year_end,
            "years_inferred": r.years_inferred,
            "years_source": r.years_source,
            "description": description(text, r),
            "char_start": r.char_start,
            "char_end": r.char_end,
            "title_start": r.title_start,
            "title_end": r.title_end,
        }
        for r in records
    ]


def value_rows(values: list[RecordValues]) -> tuple[list[dict], list[dict], list[dict]]:
    amounts, counts, dates = [], [], []
    for v in values:
        pid = v.record.project_id
        for n, m in enumerate(v.amounts, 1):
            amounts.append(
                {
                    "amount_id": f"{pid}-m{n:02d}",
                    "project_id": pid,
                    "value": m.value,
                    "currency": m.currency,
                    "kind": m.kind,
                    "share_pct": m.share_pct,
                    "qualifier": m.qualifier,
                    "raw_text": m.raw_text,
                    "char_start": m.char_start,
                    "char_end": m.char_end,
                    "kind_cue": m.kind_cue,
                }
            )
        for n, c in enumerate(v.counts, 1):
            counts.append(
                {
                    "count_id": f"{pid}-c{n:02d}",
                    "project_id": pid,
                    "value": c.value,
                    "value_min": c.value_min,
                    "value_max": c.value_max,
                    "qualifier": c.qualifier,
                    "unit": c.unit,
                    "raw_text": c.raw_text,
                    "char_start": c.char_start,
                    "char_end": c.char_end,
                }
            )
        for n, d in enumerate(v.dates, 1):
            dates.append(
                {
                    "date_id": f"{pid}-d{n:02d}",
                    "project_id": pid,
                    "start": d.start,
                    "end": d.end,
                    "precision": d.precision,
                    "year_inferred": d.year_inferred,
                    "raw_text": d.raw_text,
                    "char_start": d.char_start,
                    "char_end": d.char_end,
                }
            )
    return amounts, counts, dates


def mention_rows(doc_id: str, values: list[RecordValues]) -> list[dict]:
    """Entities and extracted values of the document, one row per mention; an ORG mention's ``normalized``
    (its organisation's name) is None here: naming it needs the whole dataset's resolution."""
    found: list[tuple[int, int, str, str, str | None, str, str | None]] = []
    for v in values:
        pid = v.record.project_id
        for m in v.orgs:
            source = "model" if m.source == "tagger" else m.source  # the domain tagger is a model too
            found.append((m.char_start, m.char_end, "ORG", m.text, None, source, pid))
        for e in v.entities:
            found.append((e.char_start, e.char_end, e.label, e.text, e.normalized, e.source, pid))
        for a in v.amounts:
            found.append((a.char_start, a.char_end, "MONEY", a.raw_text, f"{a.value:.2f} {a.currency}", "rule", pid))
        for c in v.counts:
            norm = f"{c.value if c.value is not None else f'{c.value_min}..{c.value_max}'} {c.unit}"
            found.append((c.char_start, c.char_end, "COUNT", c.raw_text, norm, "rule", pid))
        for d in v.dates:
            found.append((d.char_start, d.char_end, "DATE", d.raw_text, f"{d.start}/{d.end}", "rule", pid))
    found = sorted(set(found), key=lambda f: (f[0], f[1], f[2]))
    return [
        {
            "mention_id": f"{doc_id}-e{n:04d}",
            "doc_id": doc_id,
            "project_id": pid,
            "label": label,
            "text": text,
            "normalized": norm,
            "char_start": s,
            "char_end": e,
            "source": source,
        }
        for n, (s, e, label, text, norm, source, pid) in enumerate(found, 1)
    ]


def block_rows(doc_id: str, blocks: list[Block]) -> list[dict]:
    return [
        {
            "block_id": f"{doc_id}-b{n:03d}",
            "doc_id": doc_id,
            "kind": b.kind,
            "section": b.section,
            "char_start": b.char_start,
            "char_end": b.char_end,
        }
        for n, b in enumerate(blocks, 1)
    ]
