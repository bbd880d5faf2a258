"""The stages wired together: a document -> its result -> (with the whole dataset's resolution) table rows.

``process_document`` is the per-document unit (segment, NLP, extract, roles): it needs nothing from other
documents and gives a :class:`DocumentResult`, which is small enough to cache, spool to disk or send from a
worker process. ``resolve_results`` / ``resolve_stream`` are the one step that looks across the whole
dataset (one org_id per body); ``chunk_rows`` then names the organisations in a run of results' rows and
gives their roles. The release (:mod:`pipeline.release.stage`) and the in-memory tables
(:func:`pipeline.release.tables.tables_of`) both take this path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Literal, NamedTuple

from pipeline.core.datatypes import (
    Assignment,
    Block,
    Document,
    Entity,
    HeadingRole,
    NameReading,
    Organisation,
    OrgMention,
    OrgRole,
    Record,
    RecordValues,
)
from pipeline.core.linear import LinearModel
from pipeline.extract.kind_model import KindModel, learned_kinds, load_kind_model
from pipeline.extract.orgs.acceptor import Acceptor, accepted, load_acceptor, page_name_counts
from pipeline.extract.orgs.vocab import heads
from pipeline.extract.record import extract_record
from pipeline.extract.stray import without_stray_records
from pipeline.extract.year_model import choose_years, load_year_model
from pipeline.ingest.decode import Source
from pipeline.ner.tagger import current_tagger
from pipeline.nlp.annotate import SHIPPED, find_entities
from pipeline.resolve.forms import Form, Forms, mention_form, resolve_forms
from pipeline.resolve.in_document import named_as_publisher, regional, seated, spelled_out, with_spelled_out
from pipeline.resolve.nominative import name_reading, org_type_of
from pipeline.roles.assign import assign_roles, org_roles, section_roles
from pipeline.roles.learned import learned_roles, load_role_model
from pipeline.roles.publisher import as_publisher, first_person_lead, publisher_of, publisher_reference, uncued_role
from pipeline.ruledata.resources import load_yaml
from pipeline.runner import rows as table_rows
from pipeline.segment.rules import Segmentation, segment
from pipeline.text.canonical import CanonicalView

DOC_TABLES = ("documents", "projects", "amounts", "counts", "dates", "mentions", "blocks")

Row = dict[str, object]  # one table row: column name -> value, in the table's column order


class RecordMention(NamedTuple):
    """An organisation mention and the record it is in."""

    project_id: str
    mention: OrgMention


class ProjectMention(NamedTuple):
    """An organisation mention, the record it is in, and what its name reads as (None for a bare acronym):
    what resolution groups into organisations. The reading is worked out here, in the per-document stage,
    where the gazetteer it needs is loaded, so resolution never loads spaCy."""

    project_id: str
    mention: OrgMention
    reading: NameReading | None


class RecordAssignments(NamedTuple):
    """Every organisation mention of one record with its role (cue phrases, structure, headings)."""

    project_id: str
    assignments: list[Assignment]


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the per-document stages found in one document, before it becomes table rows."""

    document: Document
    blocks: list[Block]
    values: list[RecordValues]
    heading_roles: list[HeadingRole]  # funders named by a heading above the record
    publisher_refs: list[RecordMention] = field(default_factory=list)  # the publisher referring to itself
    entities: list[list[Entity]] = field(default_factory=list)  # per record: the model's entities inside it

    @property
    def records(self) -> list[Record]:
        """The records as extraction left them (years completed from the body: :mod:`pipeline.extract.record`)."""
        return [v.record for v in self.values]


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """One document's result: its table rows (ORG mentions not yet named: that needs the whole dataset),
    the mentions resolution needs, and every mention's role assignment with its cue."""

    doc_id: str
    source_file: str
    n_chars: int
    is_html: bool
    n_records: int
    rows: dict[str, list[Row]]  # DOC_TABLES
    org_pairs: list[ProjectMention]
    assignments: list[RecordAssignments]


def _inside(e: Entity, r: Record) -> bool:
    return r.char_start <= e.char_start and e.char_end <= r.char_end


def _heading_roles(doc: Document, records: list[Record], blocks: list[Block]) -> list[HeadingRole]:
    """A heading that names a funder (``..., wsparcie Fundacji X``) makes X a funder of the records under it."""
    out: list[HeadingRole] = []
    for block in blocks:
        if block.kind != "heading" or not block.section:
            continue
        found = section_roles(doc.text[block.char_start : block.char_end], block.char_start)
        if not found:
            continue
        for rec in records:
            under = rec.section == block.section or rec.section.startswith(block.section + " / ")
            if under and rec.char_start > block.char_start:
                out.extend(HeadingRole(rec.project_id, a) for a in found)
    return out


def _field_role(a: Assignment, record: Record, fields: dict[str, str]) -> Assignment:
    """A mention inside a field value (``Beneficjent: X``) takes the field's role, unless a cue inside the
    same value decided it."""
    m = a.mention
    for name, fa, fb in record.fields:
        if name in fields and fa <= m.char_start and m.char_end <= fb:
            if a.cue_span is None or not (fa <= a.cue_span[0] and a.cue_span[1] <= fb):
                return Assignment(m, fields[name], (fa, fb), None, 0)
            return a
    return a


STRUCTURE_ROLES = ("funder", "lead")  # roles an amount gives; coordinated mentions share them


@dataclass(frozen=True, slots=True)
class FieldRoleRules:
    """``field_roles.yaml`` read once: field name -> role, the grant-list patterns compiled."""

    fields: dict[str, str]  # record field -> role of a mention inside its value
    before_amount: re.Pattern[str]  # between a mention and the amount it stands before
    before_amount_roles: dict[str, str]  # position of that mention (``_before_amount_position``) -> role
    coordinated: re.Pattern[str]  # between a mention and the next one that shares its role


@cache
def field_role_rules() -> FieldRoleRules:
    """The rules of data/field_roles.yaml (checked against ``FieldRoles`` on load); cached."""
    data = load_yaml("field_roles.yaml")
    return FieldRoleRules(
        fields=dict(data["fields"]),
        before_amount=re.compile(data["before_amount"]),
        before_amount_roles=dict(data["before_amount_roles"]),
        coordinated=re.compile(data["coordinated"]),
    )


def _before_amount_position(text: str, m: OrgMention, record_start: int = 0) -> str:
    """Where an organisation named before an amount stands (keys of field_roles.yaml
    ``before_amount_roles``): a body of the domain list; appended to a description after a comma or an
    opening bracket (``..., Fundacja Orange – 30 000 zł``, ``(Fundacja X, 9 500 EUR)``); else the item's
    subject (``„Akcja Aktywacja” Rada Sołecka w Rzeżęcinie – 4800 zł``). Only the record's own text counts:
    a grant cut from a sentence that lists grants opens with its grantee (``..., | Uczniowski Klub Sportowy
    Sprinter - 4200 złotych``)."""
    if m.source == "gazetteer":
        return "gazetteer"
    line_start = max(text.rfind("\n", 0, m.char_start) + 1, record_start)
    before = text[line_start : m.char_start].rstrip()
    words = before.rstrip('„"«').split()
    named_programme = bool(words) and words[-1].lower() in heads().programme_words  # program „X”
    return "appended" if before.endswith((",", "(")) or named_programme else "subject"


def structural_roles(text: str, values: RecordValues, assigned: list[Assignment]) -> list[Assignment]:
    """Roles the record's structure states: field values (``Beneficjent:``, ``Partnerzy:``) and
    the organisation a grant list names before an amount (``Stowarzyszenie X – 5 000 zł``: the grantee;
    ``Fundacja Orange – 30 000 zł``, a body of the domain list: the payer); see data/field_roles.yaml.
    A record written in the first person (``realizowaliśmy``) is led by its writer, so no body named in it
    becomes the lead by default."""
    rules = field_role_rules()
    out = [_field_role(a, values.record, rules.fields) for a in assigned]
    for i in range(len(out) - 1, -1, -1):
        a = out[i]
        if a.role != "other":
            continue
        m = a.mention
        amount = next((x for x in values.amounts if x.char_start >= m.char_end), None)
        nxt = out[i + 1] if i + 1 < len(out) else None
        if amount and rules.before_amount.match(text[m.char_end : amount.char_start]):
            role = rules.before_amount_roles[_before_amount_position(text, m, values.record.char_start)]
            out[i] = Assignment(m, role, (amount.char_start, amount.char_end), None, 0)
        elif nxt and nxt.role in STRUCTURE_ROLES and rules.coordinated.match(text[m.char_end : nxt.mention.char_start]):
            out[i] = replace(nxt, mention=m)
    if first_person_lead(text, values.record.char_start, values.record.char_end):
        return [_with_cue_text(text, a) for a in out]  # the writer carried it out: no other body is lead
    return [_with_cue_text(text, a) for a in _implicit_lead(out)]


PAYING_TYPES = ("ministry", "fund_or_programme")  # bodies that pay or oversee, by their head noun


def _implicit_lead(assigned: list[Assignment]) -> list[Assignment]:
    """A record that names no lead is carried out by the first body it names without a role (the
    grantee of a grant item, the school of a school's page), unless that body is of the domain list
    or a ministry, fund or programme by its head noun (they pay or oversee, they rarely carry out a
    local project), or a cue names it otherwise (``patronat X``, ``za pośrednictwem X``)."""
    if any(a.role == "lead" for a in assigned):
        return assigned
    for i, a in enumerate(assigned):
        m = a.mention
        if (
            a.role == "other"
            and a.strength == 0
            and m.source != "gazetteer"
            and not m.is_acronym
            and org_type_of(m.text) not in PAYING_TYPES
        ):
            return [*assigned[:i], replace(a, role="lead"), *assigned[i + 1 :]]
    return assigned


def _with_cue_text(text: str, a: Assignment) -> Assignment:
    """Structure's cues (a field value, an amount) are quoted from the text like the phrases are."""
    if a.cue_span is None or a.cue_text is not None:
        return a
    return replace(a, cue_text=text[a.cue_span[0] : a.cue_span[1]])


def _publisher_refs(text: str, values: list[RecordValues], publisher: str | None) -> list[RecordMention]:
    """Per record, its first reference to the page's publisher (``naszą Fundację``, ``Biblioteka
    zakupiła``) as a mention of it; see :mod:`pipeline.roles.publisher`."""
    pub = publisher_of(publisher)
    if pub is None:
        return []
    out = []
    for v in values:
        m = publisher_reference(text, v.record.char_start, v.record.char_end, pub, v.orgs)
        if m is None:  # else its name by the acronym it spells ("PKPS rozdysponował"), a mention already
            m = next(
                (o for o in v.orgs if o.text == pub.name and o.acronym and o.text != text[o.char_start : o.char_end]),
                None,
            )
        if m is not None:
            out.append(RecordMention(v.record.project_id, m))
    return out


def _accepted_orgs(
    text: str,
    values: list[RecordValues],
    entities: list[list[Entity]],
    acceptor: Acceptor | Literal[False] | None,
) -> list[RecordValues]:
    """Each record's organisation mentions the learned acceptor keeps (:mod:`pipeline.extract.orgs.acceptor`);
    ``entities``: the model's entities inside each record."""
    if not acceptor:
        return values
    names = page_name_counts(m for v in values for m in v.orgs)
    return [
        replace(v, orgs=accepted(text, v.record, v.orgs, inside, names, acceptor))
        for v, inside in zip(values, entities, strict=True)
    ]


class _Records(NamedTuple):
    """What extraction reads of a page before any model it can be told to leave out (kinds, acceptor)."""

    seg: Segmentation
    inside: list[list[Entity]]  # the model's entities inside each record
    values: list[RecordValues]


def _records(doc: Document, nlp, ner_mode: str) -> _Records:
    from pipeline.segment.learned import learned_segment

    seg = learned_segment(doc, segment(doc))
    spans = [(r.char_start, r.char_end) for r in seg.records]
    entities = [] if ner_mode == "rules" else find_entities(doc.text, spans, nlp)
    inside = [[e for e in entities if _inside(e, r)] for r in seg.records]
    values = [
        extract_record(doc.text, r, es, orgs_from=ner_mode, url=doc.source_url)
        for r, es in zip(seg.records, inside, strict=True)
    ]
    return _Records(seg, inside, values)


# Within :func:`sharing_records`, a page's records are extracted once and reused by every later call with the same
# page, mode, NER pipeline (the shipped one) and ORG tagger: the checks of the kind, role and title models
# (``projekty check-models``) each read every keyed page with the same shipped models, which extracting once instead
# of three times makes a third as long.
_SHARED: ContextVar[dict[tuple, _Records] | None] = ContextVar("shared_records", default=None)


@contextmanager
def sharing_records() -> Iterator[None]:
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def _shared_records(doc: Document, nlp, ner_mode: str) -> _Records:
    memo = _SHARED.get()
    if memo is None or (nlp is not None and not getattr(nlp, SHIPPED, False)):
        return _records(doc, nlp, ner_mode)
    tagger = current_tagger()
    key = (doc, ner_mode, tagger.digest if tagger is not None else None)
    if key not in memo:
        memo[key] = _records(doc, nlp, ner_mode)
    return memo[key]


def extract_document(
    doc: Document,
    nlp=None,
    ner_mode: str = "both",
    publisher: str | None = None,
    acceptor: Acceptor | Literal[False] | None = None,
    kind_model: KindModel | Literal[False] | None = None,
    year_model: LinearModel | Literal[False] | None = None,
) -> Extraction:
    """Segment, NER, extract. ``ner_mode``: ``both`` (rules and the model's spans), ``rules`` (the
    model is not run, nor loaded: ``--no-ner``) or ``model`` (organisations from the model's ORG spans
    alone, no rule mention nor heading role: an ablation). ``publisher``: who published the page
    (sources.csv), named where a record refers to it. ``acceptor``: which organisation mentions are kept
    (default: the shipped one; ``False``: all of them, as its training reads them). ``kind_model``: what
    decides the kinds no label or column decided (default: the shipped model; ``False``: the rules' kinds, as
    its training reads them). ``year_model``: what chooses each record's years among those its text offers
    (default: the shipped model; ``False``: the rules' years, as its training reads them)."""
    seg, inside, values = _shared_records(doc, nlp, ner_mode)
    if kind_model is None:
        kind_model = load_kind_model()
    values = learned_kinds(doc.text, values, kind_model or None)
    if acceptor is None:
        acceptor = load_acceptor(with_model=ner_mode != "rules")
    values = _accepted_orgs(doc.text, values, inside, acceptor)
    values, blocks, kept = without_stray_records(values, seg.blocks)  # "BIP", "Zamknij": no project
    inside = [inside[i] for i in kept]
    if year_model is None:
        year_model = load_year_model()
    if year_model:
        values = [replace(v, record=choose_years(doc.text, v.record, v.dates, year_model, len(values))) for v in values]
    pub = publisher_of(publisher)
    if pub is not None and ner_mode != "model":
        values = [replace(v, orgs=[as_publisher(m, pub) for m in v.orgs]) for v in values]  # "PKPS": the publisher
        values = [replace(v, orgs=named_as_publisher(v.orgs, pub.name)) for v in values]  # "Gminny Ośrodek Kultury"
    if ner_mode != "model":  # "WFOŚiGW": the fund this page names, not another page's
        mentions = [m for v in values for m in v.orgs]
        names, seats = spelled_out(mentions), {**regional(doc.text, mentions), **seated(mentions)}
        values = [replace(v, orgs=with_spelled_out(v.orgs, names, seats)) for v in values]
    heading = [] if ner_mode == "model" else _heading_roles(doc, [v.record for v in values], blocks)
    refs = [] if ner_mode == "model" else _publisher_refs(doc.text, values, publisher)
    return Extraction(doc, blocks, values, heading, refs, inside)


def mention_reading(m: OrgMention) -> NameReading | None:
    """What resolution reads of a mention's name (:func:`pipeline.resolve.nominative.name_reading`); None
    for a bare acronym, which resolution links by the acronym alone."""
    return None if m.is_acronym else name_reading(m.name_text)


def org_pairs(ex: Extraction) -> list[ProjectMention]:
    """The document's mentions that resolution groups into organisations, with their records and readings."""
    pairs = [RecordMention(v.record.project_id, m) for v in ex.values for m in v.orgs]
    pairs.extend(RecordMention(h.project_id, h.assignment.mention) for h in ex.heading_roles)
    pairs.extend(p for p in ex.publisher_refs if p not in pairs)  # the publisher by its acronym is a mention already
    return [ProjectMention(pid, m, mention_reading(m)) for pid, m in pairs]


def _publisher_role(text: str, assigned: list[Assignment], ref: OrgMention | None) -> list[Assignment]:
    """The publisher's reference that no cue gave a role: the lead when it is the subject
    (:func:`pipeline.roles.publisher.uncued_role`)."""
    if ref is None:
        return assigned
    return [replace(a, role=uncued_role(text, ref)) if a.mention == ref and a.role == "other" else a for a in assigned]


def record_assignments(ex: Extraction, learned: bool = True) -> list[RecordAssignments]:
    """Per record: every mention with its role and cue (cue phrases, structure, headings; the role model
    for mentions none of these decided, unless ``learned`` is False: the rules' roles, as its training
    reads them). Needs only this document; turning mentions into organisations needs the whole dataset."""
    text = ex.document.text
    model = load_role_model() if learned else None
    out = []
    for v in ex.values:
        pid = v.record.project_id
        ref = next((m for p, m in ex.publisher_refs if p == pid), None)
        mentions = v.orgs if ref is None or ref in v.orgs else [*v.orgs, ref]
        cued = _publisher_role(text, assign_roles(text, v.record.char_start, v.record.char_end, mentions), ref)
        assigned = learned_roles(text, v.record, v.amounts, structural_roles(text, v, cued), ref, model)
        assigned += [h.assignment for h in ex.heading_roles if h.project_id == pid]
        out.append(RecordAssignments(pid, assigned))
    return out


def org_spans(ex: Extraction) -> list[list[tuple[int, int]]]:
    """Per record, the spans of the organisation mentions extraction kept (what the title model reads)."""
    return [[(m.char_start, m.char_end) for m in v.orgs] for v in ex.values]


def document_result(ex: Extraction, source: Source | None = None, is_html: bool = False) -> DocumentResult:
    """The result of one document (runs where the document was processed)."""
    from pipeline.segment.titles import retitle
    from schemas.tables import TABLES

    doc = ex.document
    amounts, counts, dates = table_rows.value_rows(ex.values)
    found = {
        "documents": [table_rows.document_row(doc, source)],
        # the title model names each project; its values were read with the segmenter's title span, as the
        # trained acceptor and role model read them, so only the title and its evidence change here
        "projects": table_rows.project_rows(doc.text, retitle(doc.text, ex.records, orgs=org_spans(ex))),
        "amounts": amounts,
        "counts": counts,
        "dates": dates,
        "mentions": table_rows.mention_rows(doc.doc_id, ex.values),  # ORG names are filled in after resolution
        "blocks": table_rows.block_rows(doc.doc_id, ex.blocks),
    }
    rows = {name: [{c: r[c] for c in TABLES[name].column_names} for r in found[name]] for name in DOC_TABLES}
    return DocumentResult(
        doc_id=doc.doc_id,
        source_file=doc.source_file,
        n_chars=len(doc.text),
        is_html=is_html,
        n_records=len(ex.records),
        rows=rows,
        org_pairs=org_pairs(ex),
        assignments=record_assignments(ex),
    )


def process_document(
    doc: Document, nlp=None, ner_mode: str = "both", source: Source | None = None, is_html: bool = False
) -> DocumentResult:
    """One document's result (:func:`extract_document`, then its rows and role assignments); ``source``:
    its row of sources.csv (publisher, retrieved) for the documents table."""
    publisher = source.publisher if source else None
    return document_result(extract_document(doc, nlp, ner_mode, publisher), source, is_html)


_SPAN_COLUMNS = (("char_start", "char_end"), ("title_start", "title_end"))


def _offset(row: Row, column: str) -> int | None:
    """The value of an offset column: an int, or None where the row has no such span."""
    value = row[column]
    assert value is None or isinstance(value, int), column
    return value


def _remap_rows(name: str, rows: list[Row], view: CanonicalView, raw: str) -> list[Row]:
    from schemas.tables import EVIDENCE_COLUMNS, TABLES

    cols = TABLES[name].column_names
    spans = [(a, b) for a, b in _SPAN_COLUMNS if a in cols and b in cols]
    quote = EVIDENCE_COLUMNS.get(name)
    out = []
    for row in rows:
        row = dict(row)
        for a, b in spans:
            start, end = _offset(row, a), _offset(row, b)
            if start is not None and end is not None:
                row[a], row[b] = view.span(start, end)
        if quote:
            row[quote] = raw[_offset(row, spans[0][0]) : _offset(row, spans[0][1])]
        if name == "documents":
            row["n_chars"] = len(raw)
        out.append(row)
    return out


def remap_result(result: DocumentResult, view: CanonicalView, raw: str) -> DocumentResult:
    """A result computed on the canonical view (:mod:`pipeline.text.canonical`) with every offset mapped back
    to the raw text and every quote taken from it again, so evidence quotes the raw text exactly; names,
    titles, descriptions and role cues keep their canonical form."""

    def mention(m: OrgMention) -> OrgMention:
        a, b = view.span(m.char_start, m.char_end)
        return replace(m, char_start=a, char_end=b)

    def assignment(a: Assignment) -> Assignment:
        return replace(a, mention=mention(a.mention), cue_span=view.span(*a.cue_span) if a.cue_span else None)

    return replace(
        result,
        n_chars=len(raw),
        rows={name: _remap_rows(name, rows, view, raw) for name, rows in result.rows.items()},
        org_pairs=[ProjectMention(pid, mention(m), reading) for pid, m, reading in result.org_pairs],
        assignments=[RecordAssignments(pid, [assignment(a) for a in assigned]) for pid, assigned in result.assignments],
    )


@dataclass(frozen=True, slots=True)
class Resolution:
    """Resolution of a corpus: the organisations, and the org_id of every mention form."""

    organisations: list[Organisation]
    of_form: dict[Form, str]
    programmes: frozenset[str]  # org_ids of funding programmes

    def org_of(self, m: OrgMention) -> str:
        return self.of_form[mention_form(m)]


def resolve_stream(forms: Forms) -> Resolution:
    """One org_id per body for a corpus whose mentions were gathered as forms
    (see :class:`pipeline.resolve.forms.Forms`)."""
    organisations, of_form = resolve_forms(forms)
    programmes = frozenset(o.org_id for o in organisations if o.org_type == "fund_or_programme")
    return Resolution(organisations, of_form, programmes)


def resolve_results(results: Iterable[DocumentResult]) -> Resolution:
    """:func:`resolve_stream` of the mentions of results held in memory."""
    forms = Forms()
    for result in results:
        for _pid, m, reading in result.org_pairs:
            forms.add(m, reading)
    return resolve_stream(forms)


def document_roles(result: DocumentResult, resolution: Resolution) -> list[OrgRole]:
    """One role per organisation and record. A funding programme that no cue gives a role is the
    record's funder: programmes fund projects, they do not lead or partner them."""
    roles: list[OrgRole] = []
    for pid, assigned in result.assignments:
        roles.extend(org_roles(pid, assigned, resolution.org_of))
    return [
        replace(r, role="funder") if r.role == "other" and r.cue is None and r.org_id in resolution.programmes else r
        for r in roles
    ]


@dataclass(frozen=True, slots=True)
class Chunk:
    """The rows of a run of whole documents: per table, the rows (ORG mentions named) and the position of
    each row's document in the run; and the run's roles."""

    rows: dict[str, list[Row]]
    doc_rank: dict[str, list[int]]
    roles: list[OrgRole]


def _named(row: Row, names: dict[tuple[str, int], str]) -> Row:
    if row["label"] != "ORG":
        return row
    pid, start = row["project_id"], row["char_start"]
    assert isinstance(pid, str) and isinstance(start, int)  # an ORG mention lies in a record
    return {**row, "normalized": names.get((pid, start))}


def chunk_rows(results: list[DocumentResult], resolution: Resolution) -> Chunk:
    """The rows of the per-document tables (DOC_TABLES) and the roles of a run of whole documents."""
    names = {o.org_id: o.name for o in resolution.organisations}
    out = Chunk({name: [] for name in DOC_TABLES}, {name: [] for name in (*DOC_TABLES, "roles")}, [])
    for rank, c in enumerate(results):
        named = {(pid, m.char_start): names[resolution.org_of(m)] for pid, m, _reading in c.org_pairs}
        for name in DOC_TABLES:
            found = c.rows[name]
            out.rows[name].extend([_named(r, named) for r in found] if name == "mentions" else found)
            out.doc_rank[name].extend([rank] * len(found))
        roles = document_roles(c, resolution)
        out.roles.extend(roles)
        out.doc_rank["roles"].extend([rank] * len(roles))
    return out
