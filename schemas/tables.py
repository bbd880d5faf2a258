"""The tables of the release: their columns (by field name), keys and foreign keys.

Column order here is the column order of every written file. A column whose
meaning differs between tables (``value`` is float money in ``amounts`` but an
integer in ``counts``) names its field explicitly: ``("value", "count_value")``.
"""

from __future__ import annotations

from dataclasses import dataclass

from schemas.fields import FIELDS, Field


@dataclass(frozen=True)
class ForeignKey:
    column: str
    table: str
    ref_column: str


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[str | tuple[str, str], ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    # fixed row order, so releases are byte-identical: documents by doc_id, and within a document by these
    sort_by: tuple[str, ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [c if isinstance(c, str) else c[0] for c in self.columns]

    def fields(self) -> list[tuple[str, Field]]:
        """(column name, field description) pairs in column order."""
        out = []
        for c in self.columns:
            name, key = (c, c) if isinstance(c, str) else c
            out.append((name, FIELDS[key]))
        return out


def _fk(column: str, table: str, ref: str | None = None) -> ForeignKey:
    return ForeignKey(column, table, ref or column)


EVIDENCE = ("char_start", "char_end")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may run as a formula (OWASP CSV injection)
CSV_NOTE = (
    "In the CSV files, a text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is "
    "written with a leading apostrophe (`'`), so that a spreadsheet shows it instead of running it as a "
    "formula; the Parquet files keep every value exactly."
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in [
        Table(
            "documents",
            "One row per raw document (source page).",
            (
                "doc_id",
                "source_file",
                "sha256",
                "n_chars",
                "source_url",
                "encoding",
                "publisher",
                "retrieved",
                "dropped_chars",
            ),
            ("doc_id",),
            sort_by=("doc_id",),
        ),
        Table(
            "projects",
            "One row per project record found in a document.",
            (
                "project_id",
                "doc_id",
                "ordinal",
                "section",
                "title",
                "year_start",
                "year_end",
                "years_inferred",
                "years_source",
                "description",
                *EVIDENCE,
                "title_start",
                "title_end",
            ),
            ("project_id",),
            (_fk("doc_id", "documents"),),
            sort_by=("doc_id", "ordinal"),
        ),
        Table(
            "organisations",
            "One row per distinct organisation across the dataset (mentions resolved).",
            ("org_id", "name", "acronym", "org_type", "n_projects"),
            ("org_id",),
            sort_by=("org_id",),
        ),
        Table(
            "project_organisations",
            "Which organisation took which part in which project; evidence is its first mention in the record "
            "(or in the heading above the record, for a funder that a heading names).",
            ("project_id", "org_id", "role", *EVIDENCE, "cue"),
            ("project_id", "org_id"),
            (_fk("project_id", "projects"), _fk("org_id", "organisations")),
            sort_by=("project_id", "char_start", "org_id"),
        ),
        Table(
            "amounts",
            "Money amounts (ISO 4217: PLN, EUR, USD; also CHF, CZK, GBP, MDL, NOK, SEK, UAH) stated in project "
            "records, each with its kind (what the money is) and the words that decided it.",
            (
                "amount_id",
                "project_id",
                "value",
                "currency",
                ("kind", "amount_kind"),
                "share_pct",
                ("qualifier", "amount_qualifier"),
                "raw_text",
                *EVIDENCE,
                "kind_cue",
            ),
            ("amount_id",),
            (_fk("project_id", "projects"),),
            sort_by=("project_id", "char_start"),
        ),
        Table(
            "counts",
            "Cardinal quantities of people, organisations, places, events or items in project records.",
            (
                "count_id",
                "project_id",
                ("value", "count_value"),
                "value_min",
                "value_max",
                "qualifier",
                "unit",
                "raw_text",
                *EVIDENCE,
            ),
            ("count_id",),
            (_fk("project_id", "projects"),),
            sort_by=("project_id", "char_start"),
        ),
        Table(
            "dates",
            "Temporal expressions in project records' bodies, as periods.",
            ("date_id", "project_id", "start", "end", "precision", "year_inferred", "raw_text", *EVIDENCE),
            ("date_id",),
            (_fk("project_id", "projects"),),
            sort_by=("project_id", "char_start"),
        ),
        Table(
            "mentions",
            "Every entity mention found: the provenance layer under the other tables.",
            (
                "mention_id",
                "doc_id",
                ("project_id", "mention_project_id"),
                "label",
                "text",
                "normalized",
                *EVIDENCE,
                "source",
            ),
            ("mention_id",),
            (_fk("doc_id", "documents"), _fk("project_id", "projects")),
            sort_by=("doc_id", "char_start", "char_end", "label"),
        ),
        Table(
            "blocks",
            "Text that is not a project record (headings, intros, link remnants, page chrome, residue), "
            "kept so that no text is lost.",
            ("block_id", "doc_id", "kind", "section", *EVIDENCE),
            ("block_id",),
            (_fk("doc_id", "documents"),),
            sort_by=("doc_id", "char_start"),
        ),
    ]
}

# Tables whose rows quote the document: (table, column holding the quote or None).
EVIDENCE_COLUMNS = {
    "amounts": "raw_text",
    "counts": "raw_text",
    "dates": "raw_text",
    "mentions": "text",
    "projects": None,
    "project_organisations": None,
    "blocks": None,
}
