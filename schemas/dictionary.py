"""The data dictionary (docs/data-dictionary.md), generated from the one metadata source."""

from __future__ import annotations

from collections.abc import Mapping

from schemas.tables import CSV_NOTE, TABLES


def _cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def _row_order(table) -> str:
    """Rows of a per-document table come in document order, then in the table's own order."""
    if "doc_id" not in table.column_names and "project_id" not in table.column_names:
        return f"Rows: by `{', '.join(table.sort_by)}`."
    within = [k for k in table.sort_by if k != "doc_id"]
    if not within:
        return "Rows: by `doc_id`."
    return f"Rows: documents by `doc_id`, and within a document by `{', '.join(within)}`."


def data_dictionary(dataset: Mapping) -> str:
    lines = [
        f"# Data dictionary: {dataset['name']} {dataset['version']}",
        "",
        "Generated from `schemas/fields.py` and `schemas/tables.py` by `projekty dictionary`; do not edit.",
        "",
        CSV_NOTE,
        "",
    ]
    for table in TABLES.values():
        lines += [f"## {table.name}", "", table.description, ""]
        lines.append(f"Primary key: `{', '.join(table.primary_key)}`.")
        if table.sort_by:
            lines.append(_row_order(table))
        for fk in table.foreign_keys:
            lines.append(f"`{fk.column}` → `{fk.table}.{fk.ref_column}`.")
        lines += ["", "| column | type | null | description |", "|---|---|---|---|"]
        for name, f in table.fields():
            desc = f.description
            if f.values:
                desc += " Values: " + ", ".join(f"`{v}`" for v in f.values) + "."
            if f.unit:
                desc += f" Unit: {f.unit}."
            lines.append(f"| `{name}` | {f.type} | {'yes' if f.nullable else 'no'} | {_cell(desc)} |")
        lines.append("")
    return "\n".join(lines)
