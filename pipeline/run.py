"""The stages wired together: documents -> per-document results -> resolved tables.

``process_document`` is the per-document unit (segment, NLP, extract); it
needs nothing from other documents. ``resolve`` is the one step that looks
across the whole dataset (one org_id per body).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.datatypes import Block, Document, Entity, Organisation, OrgMention, OrgRole, Record, RecordValues
from pipeline.extract.record import extract_record
from pipeline.extract.roles import assign_roles, org_roles, section_roles
from pipeline.nlp import find_entities
from pipeline.resolve import resolve_organisations
from pipeline.resources import load_yaml
from pipeline.segment import segment


@dataclass
class DocumentResult:
    document: Document
    records: list[Record]
    blocks: list[Block]
    values: list[RecordValues]
    # (project_id, mention, role, cue span): funders named by a heading above the record
    heading_roles: list[tuple[str, OrgMention, str, tuple[int, int] | None]] = field(default_factory=list)


@dataclass
class Resolved:
    organisations: list[Organisation]
    roles: list[OrgRole]
    org_of_mention: dict[tuple[str, int], str]


def _inside(e: Entity, r: Record) -> bool:
    return r.char_start <= e.char_start and e.char_end <= r.char_end


def _heading_roles(doc: Document, records: list[Record], blocks: list[Block]):
    """A heading that names a funder (``..., wsparcie Fundacji X``) makes X a funder of the records under it."""
    out = []
    for block in blocks:
        if block.kind != "heading" or not block.section:
            continue
        found = section_roles(doc.text[block.char_start : block.char_end], block.char_start)
        if not found:
            continue
        for rec in records:
            under = rec.section == block.section or rec.section.startswith(block.section + " / ")
            if under and rec.char_start > block.char_start:
                out.extend((rec.project_id, m, role, cue) for m, role, cue in found)
    return out


def structural_roles(text: str, values: RecordValues, assigned):
    """Roles the record's structure states: field values (``Beneficjent:``, ``Partnerzy:``) and
    grant-list payers (``Fundacja Orange – 30 000 zł``); see data/field_roles.yaml."""
    data = load_yaml("field_roles.yaml")
    before_amount, coordinated = re.compile(data["before_amount"]), re.compile(data["coordinated"])
    record = values.record
    out = []
    for m, role, cue in assigned:
        for name, a, b in record.fields:
            if name in data["fields"] and a <= m.char_start and m.char_end <= b:
                if cue is None or not (a <= cue[0] and cue[1] <= b):
                    role, cue = data["fields"][name], (a, b)
                break
        out.append([m, role, cue])
    for i in range(len(out) - 1, -1, -1):
        m, role, cue = out[i]
        if role != "other":
            continue
        amount = next((x for x in values.amounts if x.char_start >= m.char_end), None)
        nxt = out[i + 1] if i + 1 < len(out) else None
        if amount and before_amount.match(text[m.char_end : amount.char_start]):
            out[i][1:] = ["funder", (amount.char_start, amount.char_end)]
        elif nxt and nxt[1] == "funder" and coordinated.match(text[m.char_end : nxt[0].char_start]):
            out[i][1:] = ["funder", nxt[2]]
    return [tuple(x) for x in out]


def process_document(doc: Document, nlp=None) -> DocumentResult:
    seg = segment(doc)
    entities = find_entities(doc.text, [(r.char_start, r.char_end) for r in seg.records], nlp)
    values = [extract_record(doc.text, r, [e for e in entities if _inside(e, r)]) for r in seg.records]
    return DocumentResult(doc, seg.records, seg.blocks, values, _heading_roles(doc, seg.records, seg.blocks))


def resolve(results: list[DocumentResult]) -> Resolved:
    """One org_id per body across the dataset, then one role per organisation and record."""
    pairs: list[tuple[str, OrgMention]] = []
    for res in results:
        for v in res.values:
            pairs.extend((v.record.project_id, m) for m in v.orgs)
        pairs.extend((pid, m) for pid, m, _role, _cue in res.heading_roles)
    organisations, org_of = resolve_organisations(pairs)
    roles: list[OrgRole] = []
    for res in results:
        text = res.document.text
        for v in res.values:
            pid = v.record.project_id
            assigned = structural_roles(text, v, assign_roles(text, v.record.char_start, v.record.char_end, v.orgs))
            assigned += [(m, role, cue) for hp, m, role, cue in res.heading_roles if hp == pid]
            roles.extend(org_roles(pid, text, assigned, lambda m, pid=pid: org_of[(pid, m.char_start)]))
    return Resolved(organisations, roles, org_of)
