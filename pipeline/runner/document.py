"""The stages wired together: documents -> per-document results -> resolved tables.

``process_document`` is the per-document unit (segment, NLP, extract); it
needs nothing from other documents. ``resolve`` is the one step that looks
across the whole dataset (one org_id per body).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from pipeline.core.datatypes import Block, Document, Entity, Organisation, OrgMention, OrgRole, Record, RecordValues
from pipeline.extract.record import extract_record
from pipeline.nlp.annotate import find_entities
from pipeline.resolve.forms import Form, Forms, mention_form, resolve_forms, resolve_organisations
from pipeline.roles.assign import assign_roles, org_roles, section_roles
from pipeline.ruledata.resources import load_yaml
from pipeline.segment.rules import segment


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


def process_document(doc: Document, nlp=None, ner_mode: str = "both") -> DocumentResult:
    """Segment, NER, extract. ``ner_mode``: ``both`` (rules and the model's spans), ``rules`` (the
    model is not run, nor loaded: ``--no-ner``) or ``model`` (organisations from the model's ORG spans
    alone, no rule mention nor heading role: an ablation)."""
    from pipeline.segment.learned import learned_segment

    seg = learned_segment(doc, segment(doc))
    spans = [(r.char_start, r.char_end) for r in seg.records]
    entities = [] if ner_mode == "rules" else find_entities(doc.text, spans, nlp)
    values = [extract_record(doc.text, r, [e for e in entities if _inside(e, r)], orgs_from=ner_mode)
              for r in seg.records]
    heading = [] if ner_mode == "model" else _heading_roles(doc, seg.records, seg.blocks)
    return DocumentResult(doc, seg.records, seg.blocks, values, heading)


def org_pairs(res: DocumentResult) -> list[tuple[str, OrgMention]]:
    """The document's (project_id, mention) pairs that resolution groups into organisations."""
    pairs: list[tuple[str, OrgMention]] = []
    for v in res.values:
        pairs.extend((v.record.project_id, m) for m in v.orgs)
    pairs.extend((pid, m) for pid, m, _role, _cue in res.heading_roles)
    return pairs


Assignment = tuple[OrgMention, str, tuple[int, int] | None]


def record_assignments(res: DocumentResult) -> list[tuple[str, list[Assignment]]]:
    """Per record: every mention with its role and cue span (cue phrases, structure, headings).
    Needs only this document; turning mentions into organisations needs the whole dataset."""
    text = res.document.text
    out = []
    for v in res.values:
        pid = v.record.project_id
        assigned = structural_roles(text, v, assign_roles(text, v.record.char_start, v.record.char_end, v.orgs))
        assigned += [(m, role, cue) for hp, m, role, cue in res.heading_roles if hp == pid]
        out.append((pid, assigned))
    return out


def _roles(text, assignments: list[tuple[str, list[Assignment]]], org_of, programmes: frozenset[str]):
    """One role per organisation and record (``org_of(project_id, mention)`` gives its org_id). A funding
    programme that no cue gives a role is the record's funder: programmes fund projects, they do not lead
    or partner them."""
    roles: list[OrgRole] = []
    for pid, assigned in assignments:
        roles.extend(org_roles(pid, text, assigned, lambda m, pid=pid: org_of(pid, m)))
    return [replace(r, role="funder") if r.role == "other" and r.cue is None and r.org_id in programmes else r
            for r in roles]


def _programmes(organisations) -> frozenset[str]:
    return frozenset(o.org_id for o in organisations if o.org_type == "fund_or_programme")


def resolve(results: list[DocumentResult]) -> Resolved:
    """One org_id per body across the dataset, then one role per organisation and record."""
    pairs: list[tuple[str, OrgMention]] = []
    for res in results:
        pairs.extend(org_pairs(res))
    organisations, org_of = resolve_organisations(pairs)
    programmes = _programmes(organisations)
    roles: list[OrgRole] = []
    for res in results:
        roles.extend(_roles(res.document.text, record_assignments(res), lambda pid, m: org_of[(pid, m.char_start)],
                            programmes))
    return Resolved(organisations, roles, org_of)


# --- corpus scale: compact per-document results ------------------------------------------------
#
# For a large corpus the documents are processed one by one (in worker processes or on a cluster), and
# each gives a CompactResult: its table rows (tuples in column order), what resolution needs (mention
# pairs, role assignments and the text of their cues). Results and texts go to spools on disk; only the
# distinct mention forms stay in memory for resolution, after which the release is built from the spooled
# results a run of documents at a time (pipeline/release/stage.py).

DOC_TABLES = ("documents", "projects", "amounts", "counts", "dates", "mentions", "blocks")


@dataclass
class CompactResult:
    doc_id: str
    source_file: str
    n_chars: int
    is_html: bool
    n_records: int
    rows: dict[str, list[tuple]]  # DOC_TABLES; ORG mentions without their organisation name yet
    org_pairs: list[tuple[str, OrgMention]]
    assignments: list[tuple[str, list[Assignment]]]
    cue_texts: dict[tuple[int, int], str]  # text of every cue span in assignments


def compact_result(res: DocumentResult, sources=None, is_html: bool = False) -> CompactResult:
    """The compact form of one document's result (runs where the document was processed)."""
    from pipeline.runner import rows as r
    from schemas.tables import TABLES

    doc = res.document
    rows: dict[str, list[dict]] = {"documents": r.documents_rows([res], sources or {}),
                                   "projects": r.project_rows(res)}
    rows["amounts"], rows["counts"], rows["dates"] = r.value_rows(res)
    rows["mentions"] = r.mention_rows(res, Resolved([], [], {}), {})  # ORG names are filled in after resolution
    rows["blocks"] = r.block_rows(res)
    tuples = {name: [tuple(r[c] for c in TABLES[name].column_names) for r in rows[name]] for name in DOC_TABLES}
    assignments = record_assignments(res)
    cues = {cue: doc.text[cue[0] : cue[1]] for _pid, assigned in assignments for _m, _r, cue in assigned if cue}
    return CompactResult(
        doc_id=doc.doc_id, source_file=doc.source_file, n_chars=len(doc.text), is_html=is_html,
        n_records=len(res.records), rows=tuples, org_pairs=org_pairs(res), assignments=assignments,
        cue_texts=cues,
    )


_SPAN_COLUMNS = (("char_start", "char_end"), ("title_start", "title_end"))


def remap_result(result: CompactResult, view, raw: str) -> CompactResult:
    """A result computed on the canonical view (:mod:`pipeline.text.canonical`) with every offset mapped back
    to the raw text and every quote taken from it again, so evidence quotes the raw text exactly; names,
    titles and descriptions keep their canonical form."""
    from schemas.tables import EVIDENCE_COLUMNS, TABLES

    rows = {}
    for name, tuples in result.rows.items():
        cols = TABLES[name].column_names
        spans = [(cols.index(a), cols.index(b)) for a, b in _SPAN_COLUMNS if a in cols and b in cols]
        quote = cols.index(EVIDENCE_COLUMNS[name]) if EVIDENCE_COLUMNS.get(name) else None
        n_chars = cols.index("n_chars") if name == "documents" else None
        out = []
        for t in tuples:
            row = list(t)
            for a, b in spans:
                if row[a] is not None and row[b] is not None:
                    row[a], row[b] = view.span(row[a], row[b])
            if quote is not None:
                row[quote] = raw[row[spans[0][0]]:row[spans[0][1]]]
            if n_chars is not None:
                row[n_chars] = len(raw)
            out.append(tuple(row))
        rows[name] = out

    def mention(m: OrgMention) -> OrgMention:
        a, b = view.span(m.char_start, m.char_end)
        return replace(m, char_start=a, char_end=b)

    def cue(span):
        return view.span(*span) if span else span

    return replace(
        result, n_chars=len(raw), rows=rows,
        org_pairs=[(pid, mention(m)) for pid, m in result.org_pairs],
        assignments=[(pid, [(mention(m), role, cue(c)) for m, role, c in assigned])
                     for pid, assigned in result.assignments],
        cue_texts={cue(span): text for span, text in result.cue_texts.items()},
    )


class CueText:
    """Stands in for a document's text where only cue spans are read (``org_roles``); any other use
    loads the whole text."""

    def __init__(self, cues: dict[tuple[int, int], str], n_chars: int, load):
        self._cues, self._n, self._load = cues, n_chars, load

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, key):
        if isinstance(key, slice) and key.step is None:
            hit = self._cues.get((key.start, key.stop))
            if hit is not None:
                return hit
        return self._load()[key]

    def __getattr__(self, name):
        return getattr(self._load(), name)


@dataclass
class Resolution:
    """Resolution of a streamed corpus: the organisations, and the org_id of every mention form."""

    organisations: list[Organisation]
    of_form: dict[Form, str]
    programmes: frozenset[str]

    def org_of(self, m: OrgMention) -> str:
        return self.of_form[mention_form(m)]


def resolve_stream(forms: Forms) -> Resolution:
    """``resolve`` for a corpus whose mentions were gathered as forms (see :class:`pipeline.resolve.forms.Forms`)."""
    organisations, of_form = resolve_forms(forms)
    return Resolution(organisations, of_form, _programmes(organisations))


@dataclass
class Chunk:
    """The rows of a run of whole documents: per table, the rows (tuples in column order, ORG mentions
    named) and the position of each row's document in the run; and the run's roles."""

    rows: dict[str, list[tuple]]
    doc_rank: dict[str, list[int]]
    roles: list[OrgRole]


def chunk_rows(results: list[CompactResult], resolution: Resolution, text_of) -> Chunk:
    """The rows of the per-document tables (DOC_TABLES) and the roles of a run of whole documents.

    ``text_of(doc_id)`` gives a document's text should a role need more of it than its cues."""
    from schemas.tables import TABLES

    names = {o.org_id: o.name for o in resolution.organisations}
    cols = TABLES["mentions"].column_names
    i_label, i_pid, i_start, i_norm = (cols.index(c) for c in ("label", "project_id", "char_start", "normalized"))
    out = Chunk({name: [] for name in DOC_TABLES}, {name: [] for name in (*DOC_TABLES, "roles")}, [])
    for rank, c in enumerate(results):
        named = {(pid, m.char_start): names[resolution.org_of(m)] for pid, m in c.org_pairs}
        for name in DOC_TABLES:
            if name == "mentions":
                out.rows[name].extend((*r[:i_norm], named.get((r[i_pid], r[i_start])), *r[i_norm + 1 :])
                                      if r[i_label] == "ORG" else r for r in c.rows[name])
            else:
                out.rows[name].extend(c.rows[name])
            out.doc_rank[name].extend([rank] * len(c.rows[name]))

        def load(doc_id=c.doc_id):
            if text_of is None:
                raise KeyError(f"{doc_id}: text needed beyond the role cues")
            return text_of(doc_id)

        roles = _roles(CueText(c.cue_texts, c.n_chars, load), c.assignments,
                       lambda _pid, m: resolution.org_of(m), resolution.programmes)
        out.roles.extend(roles)
        out.doc_rank["roles"].extend([rank] * len(roles))
    return out
