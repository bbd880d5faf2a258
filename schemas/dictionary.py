"""The data dictionary (docs/data-dictionary.md), generated from the one metadata source."""

from __future__ import annotations

from schemas.package import DATASET
from schemas.tables import TABLES


def _cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def data_dictionary() -> str:
    lines = [
        f"# Data dictionary: {DATASET['name']} {DATASET['version']}",
        "",
        "Generated from `schemas/fields.py` and `schemas/tables.py` by `projekty dictionary`; do not edit.",
        "",
    ]
    for table in TABLES.values():
        lines += [f"## {table.name}", "", table.description, ""]
        lines.append(f"Primary key: `{', '.join(table.primary_key)}`.")
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
