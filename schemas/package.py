"""Dataset-level metadata and the Frictionless Data Package built from fields + tables."""

from __future__ import annotations

from schemas.fields import Field
from schemas.tables import TABLES

DATASET = {
    "name": "projekty",
    "title": "Projekty: projects of Polish local-government associations and NGOs, extracted with evidence",
    "version": "0.2.0",
    "released": "2026-11-26",
    "description": (
        "Project records (titles, years, money, counts, dates, organisations and their roles) extracted "
        "from Polish web pages that list projects, starting with the 'Projekty zakończone' page of "
        "Związek Miast Polskich. Every value carries char_start/char_end evidence into the source text."
    ),
    "licenses": [
        {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
         "title": "Creative Commons Attribution 4.0"}
    ],
    "contributors": [{"title": "projekty developers", "role": "author"}],
    "keywords": ["Poland", "local government", "projects", "NGO", "information extraction"],
}

_FRICTIONLESS_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean",
                       "date": "date", "category": "string"}


def field_descriptor(name: str, f: Field) -> dict:
    d = {"name": name, "type": _FRICTIONLESS_TYPES[f.type], "description": f.description}
    constraints: dict = {}
    if not f.nullable and not f.may_be_empty:
        constraints["required"] = True
    if f.values is not None:
        constraints["enum"] = list(f.values)
    if f.minimum is not None:
        constraints["minimum"] = f.minimum
    if constraints:
        d["constraints"] = constraints
    if f.unit:
        d["unit"] = f.unit
    return d


def datapackage(sources: list[dict]) -> dict:
    """The datapackage.json descriptor of a release (CSV resources, Parquet files listed alongside)."""
    resources = []
    for name, table in TABLES.items():
        schema = {
            "fields": [field_descriptor(col, f) for col, f in table.fields()],
            "primaryKey": list(table.primary_key),
            "missingValues": [""],
        }
        if table.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": fk.column, "reference": {"resource": fk.table, "fields": fk.ref_column}}
                for fk in table.foreign_keys
            ]
        resources.append({
            "name": name,
            "profile": "tabular-data-resource",
            "path": f"{name}.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": table.description,
            "schema": schema,
            "parquet": f"{name}.parquet",
        })
    return {**DATASET, "profile": "tabular-data-package", "sources": sources, "resources": resources}
