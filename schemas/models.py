"""Pandera DataFrameModels, generated from the one metadata source (fields + tables).

Each table gets a ``DataFrameModel`` subclass whose annotations and ``Field``
checks come from :mod:`schemas.fields`; nothing about a column is repeated here.
Validation is lazy, so a report lists every failure at once.
"""

from __future__ import annotations

from functools import cache

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.fields import Field
from schemas.tables import TABLES, Table

_PY_TYPES = {
    "string": str,
    "Int16": pd.Int16Dtype,
    "Int64": pd.Int64Dtype,
    "int64": int,
    "float64": float,
    "bool": bool,
    "datetime64[ns]": pa.DateTime,
    "category": pd.CategoricalDtype,
}


def _field(f: Field) -> pa.Field:
    kwargs: dict = {"nullable": f.nullable}
    if f.values is not None:
        kwargs["isin"] = list(f.values)
    if f.minimum is not None:
        kwargs["ge"] = f.minimum
    return pa.Field(**kwargs)


def _annotation(f: Field):
    return Series[_PY_TYPES[f.dtype]]


def _model(table: Table) -> type[pa.DataFrameModel]:
    annotations = {}
    attrs: dict = {}
    for name, f in table.fields():
        annotations[name] = _annotation(f)
        attrs[name] = _field(f)
    config = type("Config", (), {"strict": True, "ordered": True, "name": table.name,
                                 "unique": list(table.primary_key)})
    attrs.update({"__annotations__": annotations, "Config": config, "__doc__": table.description})
    cls_name = "".join(part.title() for part in table.name.split("_")) + "Model"
    return type(cls_name, (pa.DataFrameModel,), attrs)


@cache
def models() -> dict[str, type[pa.DataFrameModel]]:
    return {name: _model(table) for name, table in TABLES.items()}


def empty_frame(table_name: str) -> pd.DataFrame:
    """An empty table with the released dtypes (so empty tables still validate and write)."""
    table = TABLES[table_name]
    return cast_frame(table_name, pd.DataFrame({name: [] for name in table.column_names}))


def cast_frame(table_name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Put a table's columns in order and in their released dtypes."""
    table = TABLES[table_name]
    out = {}
    for name, f in table.fields():
        col = df[name] if name in df else pd.Series([None] * len(df), dtype=object)
        if f.dtype == "category":
            col = pd.Categorical(col, categories=list(f.values))
        elif f.dtype == "string":
            col = col.astype(object).where(col.notna(), None) if f.nullable else col.astype(str)
            col = col.astype("string")
        elif f.dtype == "datetime64[ns]":
            col = pd.to_datetime(col).astype("datetime64[ns]")
        else:
            col = col.astype(f.dtype)
        out[name] = pd.Series(col, index=df.index, name=name)
    return pd.DataFrame(out).reset_index(drop=True)
