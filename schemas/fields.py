"""Every column of the dataset, described once.

A column used by several tables (``project_id``, ``char_start`` …) is described
here a single time; tables in :mod:`schemas.tables` list column names only.
Pandera models, ``datapackage.json`` and the data dictionary are generated from
these descriptions, never written by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

# Closed vocabularies: a value outside them fails validation.
CURRENCIES = ("PLN", "EUR", "USD", "CHF", "CZK", "GBP", "MDL", "NOK", "SEK", "UAH")  # PLN, EUR, USD guaranteed
QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range")
AMOUNT_QUALIFIERS = ("exact", "approx", "at_least", "at_most")  # a range of money is two amounts
PRECISIONS = ("day", "month", "year")
ROLES = ("lead", "partner", "funder", "participant", "other")
ORG_TYPES = (
    "association",
    "ministry",
    "government_agency",
    "foundation",
    "fund_or_programme",
    "international_organisation",
    "municipality",
    "ngo",
    "research_institute",
    "media",
    "company",
    "other",
)
MENTION_LABELS = ("ORG", "PER", "LOC", "DATE", "MONEY", "COUNT", "MISC")
MENTION_SOURCES = ("model", "rule", "gazetteer")
YEAR_SOURCES = ("title", "body", "field", "heading", "dateline")
BLOCK_KINDS = ("heading", "table_header", "intro", "link", "chrome", "residue")
AMOUNT_KINDS = (
    "total_value",
    "grant",
    "own_contribution",
    "programme_budget",
    "organisation_finances",
    "other",
)


class UnknownCode(ValueError):
    """A value outside a closed vocabulary."""


def check_code(value: str, vocabulary: tuple[str, ...], what: str) -> str:
    """Fail loudly on a value outside a closed vocabulary (used by the extractors too)."""
    if value not in vocabulary:
        raise UnknownCode(f"unknown {what} {value!r}; allowed: {', '.join(vocabulary)}")
    return value


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # string | integer | number | boolean | date | category
    description: str
    dtype: str  # pandas dtype in the released tables
    nullable: bool = False
    unit: str | None = None
    values: tuple[str, ...] | None = None  # closed vocabulary for categories
    minimum: int | None = None
    may_be_empty: bool = False  # never null, but may be "" (which CSV cannot tell from null)


def _f(name, type_, dtype, description, **kw) -> Field:
    return Field(name=name, type=type_, dtype=dtype, description=description, **kw)


FIELDS: dict[str, Field] = {
    f.name: f
    for f in [
        # identifiers
        _f(
            "doc_id",
            "string",
            "string",
            "Stable id of the raw document: the raw file's name without suffix (nested files: their path "
            "under the raw folder with `/` written `__`).",
        ),
        _f("project_id", "string", "string", "Id of a project record: `{doc_id}-{ordinal:03d}`."),
        _f("org_id", "string", "string", "Stable ASCII slug of the organisation's canonical name."),
        _f("amount_id", "string", "string", "Id of a money amount: `{project_id}-m{n:02d}`."),
        _f("count_id", "string", "string", "Id of a count: `{project_id}-c{n:02d}`."),
        _f("date_id", "string", "string", "Id of a temporal expression: `{project_id}-d{n:02d}`."),
        _f("mention_id", "string", "string", "Id of an entity mention: `{doc_id}-e{n:04d}`."),
        _f(
            "mention_project_id",
            "string",
            "string",
            "Project record the mention stands in; null outside records.",
            nullable=True,
        ),
        _f("block_id", "string", "string", "Id of a non-record block: `{doc_id}-b{n:03d}`."),
        # documents
        _f("source_file", "string", "string", "Path of the raw file, relative to the repository root."),
        _f("sha256", "string", "string", "SHA-256 of the raw file's bytes (hex)."),
        _f("n_chars", "integer", "int64", "Length of the decoded text in characters.", unit="characters", minimum=0),
        _f("source_url", "string", "string", "Where the text was published.", nullable=True),
        _f(
            "encoding",
            "string",
            "string",
            "Codec the raw bytes were decoded with (utf-8, cp1250, iso8859_2 …; "
            "`utf-8 with cp1250 lines 3, 7` for a UTF-8 file with a few legacy lines).",
        ),
        _f("publisher", "string", "string", "Who published the source page.", nullable=True),
        _f(
            "dropped_chars",
            "integer",
            "Int64",
            "HTML pages: non-space characters of visible text dropped as page "
            "furniture (menus, cookie notes, footers, sidebars) before reading; null for text files.",
            nullable=True,
            unit="characters",
            minimum=0,
        ),
        _f("retrieved", "string", "string", "When the source page was retrieved (ISO date).", nullable=True),
        # projects
        _f("ordinal", "integer", "int64", "1-based position of the record in its document.", minimum=1),
        _f(
            "section",
            "string",
            "string",
            "Heading the record stands under; nested headings joined with ` / ` (empty when none).",
            may_be_empty=True,
        ),
        _f("title", "string", "string", "Project title as written, whitespace-normalised, without the year span."),
        _f("year_start", "integer", "Int16", "First year of the project.", nullable=True, unit="year"),
        _f(
            "year_end",
            "integer",
            "Int16",
            "Last year of the project; equals year_start for one year; null where the text gives only the start "
            "(`od 2015 r.`).",
            nullable=True,
            unit="year",
        ),
        _f(
            "years_inferred",
            "boolean",
            "bool",
            "The years come from the section heading, not from the record itself.",
        ),
        _f(
            "years_source",
            "category",
            "category",
            "Where the years were read: the title line, the record's body, a period field or table cell, "
            "the section heading, or a news item's dateline.",
            nullable=True,
            values=YEAR_SOURCES,
        ),
        _f(
            "description",
            "string",
            "string",
            "The record's body text, whitespace-normalised (empty for a bare title).",
            may_be_empty=True,
        ),
        _f(
            "char_start",
            "integer",
            "int64",
            "Start offset of the evidence in the document's decoded text.",
            unit="characters",
            minimum=0,
        ),
        _f(
            "char_end",
            "integer",
            "int64",
            "End offset (exclusive) of the evidence in the decoded text.",
            unit="characters",
            minimum=0,
        ),
        _f("title_start", "integer", "int64", "Start offset of the title as written.", unit="characters", minimum=0),
        _f(
            "title_end",
            "integer",
            "int64",
            "End offset (exclusive) of the title as written.",
            unit="characters",
            minimum=0,
        ),
        # organisations
        _f("name", "string", "string", "Canonical name in the nominative, as Polish writes it."),
        _f("acronym", "string", "string", "Acronym used for the organisation.", nullable=True),
        _f("org_type", "category", "category", "Kind of organisation.", values=ORG_TYPES),
        _f("n_projects", "integer", "int64", "Number of project records the organisation appears in.", minimum=0),
        # project_organisations
        _f("role", "category", "category", "Part the organisation played in the project.", values=ROLES),
        _f(
            "cue",
            "string",
            "string",
            "The evidence of the role, as written: the cue phrase next to the name (`ze środków`, `partnerem "
            "projektu`), the field value it stands in or the amount it stands before, which the learned role "
            "model weighs with the mention's context (its kind of body, its place, the words around it); empty "
            "where there is none and the model chose the role from the context alone.",
            nullable=True,
        ),
        # amounts
        _f(
            "value",
            "number",
            "float64",
            "Amount in units of the currency (`3,25 mln zł` -> 3250000.0).",
            unit="currency units",
        ),
        _f("currency", "category", "category", "ISO 4217 currency code.", values=CURRENCIES),
        _f(
            "amount_kind",
            "category",
            "category",
            "What the amount is, read from the words next to it (cue phrases, field labels, money-column "
            "headers: see `kind_cue`): `total_value` = value or cost of one project (`wartość projektu`, "
            "`koszt`, `o łącznej wartości`; a part-cost of one project too); `grant` = money granted to one "
            "project or grantee (`dofinansowanie`, `dotacja`, `wkład UE`, `kwota grantu`, state-budget "
            "co-financing included); `own_contribution` = the beneficiary's own share (`wkład własny`); "
            "`programme_budget` = a call's, fund's or programme's pool, or the total awarded across many "
            "projects (`na konkurs przeznaczono`, `łączna kwota dotacji w naborze`, `budżet programu`); "
            "`organisation_finances` = revenue or budget of the organisation, not tied to one project; "
            "`other` = prices, salaries, loans, per-project ceilings (`do 10 000 zł na projekt`), requested "
            "amounts (`wnioskowana kwota`). A field label or a column header decides the kind; otherwise a model "
            "trained on the keyed pages gives it from the cue phrase next to the amount, its place on the page "
            "(the largest amount, the sum of the others, a sentence counting several projects) and the words "
            "around it (`22 projekty otrzymają w sumie 2,9 mln zł dofinansowania` is a round's total, "
            "`programme_budget`, though `dofinansowania` leans to `grant`); without the model, the cue's kind, "
            "and `grant` where there is no cue.",
            values=AMOUNT_KINDS,
        ),
        _f(
            "kind_cue",
            "string",
            "string",
            "The words `kind` was read from, as written: the label of the amount's field (`Wartość projektu`) "
            "or the header of its table column (`Dotacja`), which decide it, or a cue phrase next to the "
            "amount (`dofinansowanie`), which the learned model weighs with the rest of the page; null when "
            "there is none (the kind is then the model's alone).",
            nullable=True,
        ),
        _f(
            "share_pct",
            "number",
            "float64",
            "The share of the total the page states for this amount (`85%`, `(80 %)`, `co stanowi 85% "
            "kosztów`); null when none is stated.",
            nullable=True,
            unit="percent",
        ),
        _f(
            "amount_qualifier",
            "category",
            "category",
            "How the page qualifies the amount, from the word right before it: `ponad 2 mln zł` -> "
            "`at_least`, `blisko`/`około 3 mln zł` -> `approx`, `poniżej` -> `at_most`, else `exact`. The "
            "value is the stated one either way.",
            values=AMOUNT_QUALIFIERS,
        ),
        _f("raw_text", "string", "string", "The value as written; equals the text at the evidence offsets."),
        # counts
        _f("count_value", "integer", "Int64", "The stated number; null only for vague ranges.", nullable=True),
        _f(
            "value_min",
            "integer",
            "Int64",
            "Lower bound where known (`kilkanaście` -> 11, `ponad 600` -> 601).",
            nullable=True,
        ),
        _f("value_max", "integer", "Int64", "Upper bound where known (`kilkanaście` -> 19).", nullable=True),
        _f("qualifier", "category", "category", "How the number is qualified.", values=QUALIFIERS),
        _f("unit", "string", "string", "Base form (lemma) of the counted noun, lowercase."),
        # dates
        _f("start", "date", "datetime64[ms]", "First day of the period meant."),
        _f("end", "date", "datetime64[ms]", "Last day of the period meant."),
        _f("precision", "category", "category", "Precision of the expression.", values=PRECISIONS),
        _f("year_inferred", "boolean", "bool", "The year was not written and was taken from the record's years."),
        # mentions
        _f("label", "category", "category", "Entity type.", values=MENTION_LABELS),
        _f("text", "string", "string", "The mention as written: the document text at the evidence offsets."),
        _f("normalized", "string", "string", "Lemma, canonical form or normalised value.", nullable=True),
        _f("source", "category", "category", "What found the mention.", values=MENTION_SOURCES),
        # blocks
        _f("kind", "category", "category", "Kind of non-record text.", values=BLOCK_KINDS),
    ]
}
