"""Values that flow between the stages.

Every extracted value carries ``char_start``/``char_end``: Python offsets into
``Document.text`` (the text as decoded from the raw file, never normalised), so
``document.text[char_start:char_end] == raw_text`` always holds.

The dataclasses are frozen: a stage returns new values, it never edits the
values of an earlier stage.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    doc_id: str
    source_file: str  # path relative to the repo / raw folder parent
    text: str  # decoded text, untouched
    sha256: str  # of the raw bytes
    encoding: str  # codec the bytes were decoded with
    source_url: str | None = None
    dropped_chars: int | None = None  # HTML: visible text dropped as page furniture


@dataclass(frozen=True)
class Block:
    """A span of the document that is not a project record (kept so no text is lost)."""

    doc_id: str
    kind: str  # one of schemas.fields.BLOCK_KINDS
    char_start: int
    char_end: int
    section: str  # section path the block stands under ("" at the top)


@dataclass(frozen=True)
class Record:
    """One project record: a title (possibly implicit) and its body."""

    doc_id: str
    ordinal: int  # 1-based position in the document
    section: str  # nested headings joined with " / "
    title: str  # whitespace-normalised, without the year span
    year_start: int | None
    year_end: int | None
    char_start: int  # whole record (title + body)
    char_end: int
    title_start: int  # span of the title as written
    title_end: int
    body_start: int  # span of the body (may be empty: body_start == body_end)
    body_end: int
    years_inferred: bool = False  # years taken from the section heading, not the record
    years_source: str | None = None  # title | body | field | heading | dateline (schemas.fields.YEAR_SOURCES)
    fields: tuple[tuple[str, int, int], ...] = ()  # field-style records: (field, value_start, value_end)

    @property
    def project_id(self) -> str:
        return f"{self.doc_id}-{self.ordinal:03d}"


@dataclass(frozen=True)
class Money:
    value: float  # in units of the currency
    currency: str  # ISO 4217: PLN | EUR | USD
    raw_text: str
    char_start: int
    char_end: int
    kind: str = "other"  # one of schemas.fields.AMOUNT_KINDS (pipeline/extract/amount_kind.py)
    kind_cue: str | None = None  # the words the kind was read from (a label decides, a cue leans), as written
    kind_cue_start: int | None = None  # their span (may lie above the record: a table's column header)
    kind_cue_end: int | None = None
    kind_strength: int = 0  # how firmly the words decided the kind: 0 nothing, 1-3 a cue, 4 a label or column
    share_pct: float | None = None  # the share of the total the page states next to the amount
    qualifier: str = "exact"  # exact | approx | at_least | at_most: "blisko 2 mln zł" is approx


@dataclass(frozen=True)
class Count:
    value: int | None
    value_min: int | None
    value_max: int | None
    qualifier: str  # exact | approx | at_least | at_most | range
    unit: str  # lemma of the counted noun, lowercase
    raw_text: str
    char_start: int
    char_end: int


@dataclass(frozen=True)
class DateSpan:
    start: dt.date
    end: dt.date
    precision: str  # day | month | year
    year_inferred: bool
    raw_text: str
    char_start: int
    char_end: int


@dataclass(frozen=True)
class OrgMention:
    """An organisation as written in the text, before resolution."""

    text: str
    char_start: int
    char_end: int
    source: str  # model | rule | gazetteer
    acronym: str | None = None  # acronym defined next to it: "Związek Powiatów Polskich (ZPP)"
    is_acronym: bool = False  # the mention itself is an acronym ("ZMP")
    confidence: float | None = None  # model spans: the beam's probability of this ORG span
    # the name it stands for: a place in a list after its kind ("gmin: Haczów" -> "Gmina Haczów"), a bare
    # acronym the page spells out ("WFOŚiGW" -> "Wojewódzki Fundusz ... w Warszawie")
    implied_name: str | None = None

    @property
    def name_text(self) -> str:
        """The name resolution reads: the body a listed place implies, else the mention as written."""
        return self.implied_name or self.text


@dataclass(frozen=True)
class NameReading:
    """What resolution reads of a mention's written name (not of a bare acronym), worked out in the
    per-document stage, where the gazetteer is loaded: resolution needs neither spaCy nor the ruler."""

    nominative: str  # the name in the nominative (pipeline.resolve.nominative.canonical_name)
    org_type: str  # the org_type the nominative implies (org_type_of)
    domain: int | None  # index of the domain-list entry the nominative, else the name as written, names


@dataclass(frozen=True)
class Entity:
    """Any entity span from the NLP stage (ORG, PER, LOC ...), for the mentions table."""

    label: str
    text: str
    char_start: int
    char_end: int
    source: str  # model | rule | gazetteer
    normalized: str | None = None
    confidence: float | None = None  # model entities: the beam's probability of this span and label


@dataclass(frozen=True)
class Organisation:
    org_id: str
    name: str  # canonical nominative
    acronym: str | None
    org_type: str


@dataclass(frozen=True)
class OrgRole:
    """A resolved organisation's part in one record."""

    project_id: str
    org_id: str
    role: str  # lead | partner | funder | participant | other
    char_start: int  # first mention in the record
    char_end: int
    cue: str | None = None  # the phrase that decided the role
    cue_start: int | None = None
    cue_end: int | None = None


@dataclass
class RecordValues:
    """Everything extracted from one record."""

    record: Record
    amounts: list[Money] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    dates: list[DateSpan] = field(default_factory=list)
    orgs: list[OrgMention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Assignment:
    """One organisation mention's role in a record, with the cue that decided it: its span and text (the
    evidence) and its strength (the strongest cue wins when an organisation is named more than once).
    No cue: role ``other``, ``cue_span`` and ``cue_text`` None, strength 0."""

    mention: OrgMention
    role: str
    cue_span: tuple[int, int] | None = None
    cue_text: str | None = None
    strength: int = 0


@dataclass(frozen=True, slots=True)
class HeadingRole:
    """A role that a heading gives to a record under it (``..., wsparcie Fundacji X``: X funds it)."""

    project_id: str
    assignment: Assignment
