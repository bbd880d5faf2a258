"""Pandera schemas, generated from the one metadata source (fields + tables).

Each table gets a ``DataFrameModel`` subclass (for users: typed annotations, ``Field``
checks) and an equivalent ``DataFrameSchema`` (what the pipeline validates with), both built
from :mod:`schemas.fields`; nothing about a column is repeated here. Validation is lazy, so a
report lists every failure at once.

Why two forms: turning a ``DataFrameModel`` into a schema makes pandera import every
installed backend's typing module (``dask.dataframe`` alone costs ~0.7 s of a cold start);
a ``DataFrameSchema`` built directly does not.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import pandas as pd
import pandera.pandas as pa
from pandera.engines import pandas_engine
from pandera.typing import Series

from schemas.fields import Field
from schemas.tables import TABLES, Table

if TYPE_CHECKING:
    from pandera.api.dataframe.model_components import FieldInfo

_PY_TYPES: dict[str, type] = {
    "string": str,
    "Int16": pd.Int16Dtype,
    "Int64": pd.Int64Dtype,
    "int64": int,
    "float64": float,
    "bool": bool,
    "datetime64[ms]": pandas_engine.DateTime,  # ms resolution: "kościół z 1518 roku" is a date too
    "category": pd.CategoricalDtype,
}


def _check_args(f: Field) -> dict:
    """The field's checks as pandera check names and arguments (``isin``, ``ge``), for both forms."""
    out: dict = {}
    if f.values is not None:
        out["isin"] = list(f.values)
    if f.minimum is not None:
        out["ge"] = f.minimum
    return out


# pandas' default nanosecond timestamps end before 1678; dates are kept at millisecond resolution (what Parquet stores)
_DATE_UNIT = {"unit": "ms"}


def _field(f: Field) -> FieldInfo:
    dtype_kwargs = _DATE_UNIT if f.dtype == "datetime64[ms]" else None
    return pa.Field(nullable=f.nullable, dtype_kwargs=dtype_kwargs, **_check_args(f))


def _checks(f: Field) -> list[pa.Check]:
    return [getattr(pa.Check, name)(arg) for name, arg in _check_args(f).items()]


def _dtype(f: Field):
    if f.dtype == "datetime64[ms]":
        return pandas_engine.DateTime(**_DATE_UNIT)
    py = _PY_TYPES[f.dtype]
    return py() if py in (pd.Int16Dtype, pd.Int64Dtype) else py


def _schema(table: Table) -> pa.DataFrameSchema:
    columns = {
        name: pa.Column(_dtype(f), checks=_checks(f), nullable=f.nullable, name=name) for name, f in table.fields()
    }
    return pa.DataFrameSchema(
        columns,
        strict=True,
        ordered=True,
        name=table.name,
        unique=list(table.primary_key),
        description=table.description,
    )


def _annotation(f: Field) -> object:
    """``Series[<the dtype's Python type>]``, spelled as the call that subscript makes: the type is only known at
    run time, which a type checker cannot read as a subscript."""
    return Series.__class_getitem__(_PY_TYPES[f.dtype])


def _model(table: Table) -> type[pa.DataFrameModel]:
    annotations = {}
    attrs: dict = {}
    for name, f in table.fields():
        annotations[name] = _annotation(f)
        attrs[name] = _field(f)
    config = type(
        "Config", (), {"strict": True, "ordered": True, "name": table.name, "unique": list(table.primary_key)}
    )
    attrs.update({"__annotations__": annotations, "Config": config, "__doc__": table.description})
    cls_name = "".join(part.title() for part in table.name.split("_")) + "Model"
    return type(cls_name, (pa.DataFrameModel,), attrs)


@cache
def models() -> dict[str, type[pa.DataFrameModel]]:
    """One ``DataFrameModel`` class per table (``models()["projects"].validate(df)``)."""
    return {name: _model(table) for name, table in TABLES.items()}


@cache
def schemas() -> dict[str, pa.DataFrameSchema]:
    """One ``DataFrameSchema`` per table, equivalent to :func:`models` and cheap to build."""
    return {name: _schema(table) for name, table in TABLES.items()}


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
        out[name] = pd.Series(_cast_column(col, f), index=df.index, name=name)
    return pd.DataFrame(out).reset_index(drop=True)


def _cast_column(col: pd.Series, f: Field) -> pd.Series | pd.Categorical:
    if f.dtype == "category":
        assert f.values is not None, f"{f.name}: a category column has a closed vocabulary"
        return pd.Categorical(col, categories=list(f.values))
    if f.dtype == "string":
        col = col.astype(object).where(col.notna(), None) if f.nullable else col.astype(str)
        return col.astype("string")
    if f.dtype == "datetime64[ms]":
        return pd.Series(col).astype("datetime64[ms]")
    # pandas-stubs accept only literal dtype names; f.dtype is one of schemas/fields.py's (Int16, int64, ...)
    return col.astype(f.dtype)  # type: ignore[call-overload]
