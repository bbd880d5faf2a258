"""The Frictionless Data Package of a release, built from the dataset identity (schemas/identity.py)
and the fields + tables."""

from __future__ import annotations

from collections.abc import Mapping

from schemas.fields import Field
from schemas.tables import TABLES

_FRICTIONLESS_TYPES = {
    "string": "string",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
    "date": "date",
    "category": "string",
}


def field_descriptor(name: str, f: Field) -> dict:
    d: dict[str, object] = {"name": name, "type": _FRICTIONLESS_TYPES[f.type], "description": f.description}
    constraints: dict[str, object] = {}
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


def datapackage(sources: list[dict], dataset: Mapping) -> dict:
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
        resources.append(
            {
                "name": name,
                "profile": "tabular-data-resource",
                "path": f"{name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": table.description,
                "schema": schema,
                "parquet": f"{name}.parquet",
            }
        )
    meta = {k: v for k, v in dataset.items() if v not in (None, [], "")}
    return {**meta, "profile": "tabular-data-package", "sources": sources, "resources": resources}
