"""The one metadata source: generated files are current, vocabularies are closed."""

from pathlib import Path

import pytest

from schemas.dictionary import data_dictionary
from schemas.fields import FIELDS, UnknownCode, check_code
from schemas.identity import load_dataset
from schemas.package import datapackage
from schemas.tables import TABLES

ROOT = Path(__file__).resolve().parents[2]


def test_data_dictionary_is_current():
    committed = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert committed == data_dictionary(load_dataset(ROOT / "raw")) + "\n", (
        "run `projekty dictionary --raw raw --out docs/data-dictionary.md` to regenerate"
    )


def test_every_contract_column_is_described_once():
    contract = (ROOT / "docs" / "output-contract.md").read_text(encoding="utf-8")
    for name, table in TABLES.items():
        if f"## {name}" not in contract and name != "blocks":
            pytest.fail(f"table {name} is not in the contract")
        for col, field in table.fields():
            assert field.description, f"{name}.{col} has no description"
    assert len({f.name for f in FIELDS.values()}) == len(FIELDS)


def test_datapackage_keys_follow_tables():
    package = datapackage([], load_dataset(ROOT / "raw"))
    by_name = {r["name"]: r for r in package["resources"]}
    assert by_name["amounts"]["schema"]["primaryKey"] == ["amount_id"]
    assert {"fields": "project_id", "reference": {"resource": "projects", "fields": "project_id"}} in (
        by_name["amounts"]["schema"]["foreignKeys"]
    )
    currency = next(f for f in by_name["amounts"]["schema"]["fields"] if f["name"] == "currency")
    assert currency["constraints"]["enum"][:3] == ["PLN", "EUR", "USD"]  # guaranteed; other ISO codes follow
    assert set(currency["constraints"]["enum"]) >= {"UAH", "MDL", "CZK"}


def test_closed_vocabulary_fails_loudly():
    assert check_code("PLN", ("PLN", "EUR"), "currency") == "PLN"
    with pytest.raises(UnknownCode, match="unknown currency 'GBP'"):
        check_code("GBP", ("PLN", "EUR"), "currency")


def test_citation_files_are_current():
    import json

    from pipeline.api import source_rows
    from schemas.citation import citation_cff, zenodo_json

    rows, dataset = source_rows(ROOT / "raw"), load_dataset(ROOT / "raw")
    assert (ROOT / "CITATION.cff").read_text(encoding="utf-8") == citation_cff(dataset, rows), (
        "run `projekty cite --raw raw --out .`"
    )
    committed = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert committed == zenodo_json(dataset, rows), "run `projekty cite --raw raw --out .`"


def test_schemas_match_the_dataframe_models():
    """The pipeline validates with DataFrameSchemas; users get DataFrameModels: both say the same."""
    from schemas.models import models, schemas

    for name in TABLES:
        from_model, direct = models()[name].to_schema(), schemas()[name]
        assert list(direct.columns) == list(from_model.columns) == TABLES[name].column_names
        for col, c in direct.columns.items():
            m = from_model.columns[col]
            assert (str(c.dtype), c.nullable) == (str(m.dtype), m.nullable), f"{name}.{col}"
            assert sorted((k.name, repr(k.statistics)) for k in c.checks) == sorted(
                (k.name, repr(k.statistics)) for k in m.checks
            ), f"{name}.{col}"
        assert (direct.strict, direct.ordered, direct.unique) == (
            from_model.strict,
            from_model.ordered,
            from_model.unique,
        )
