"""CITATION.cff, .zenodo.json and croissant.json are generated from the one metadata source and valid."""

import csv
import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

from pipeline.release.emit import write_release
from schemas.citation import citation_cff, croissant, parse_sha256sums, zenodo_json
from schemas.identity import load_dataset
from schemas.models import cast_frame, empty_frame
from schemas.tables import TABLES

ROOT = Path(__file__).resolve().parents[2]
DATASET = load_dataset(ROOT / "raw")  # the ZMP release's identity, raw/dataset.yaml


def _sources() -> list[dict]:
    with (ROOT / "raw" / "sources.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_cff_has_the_required_keys_and_the_dataset_version():
    text = citation_cff(DATASET, _sources())
    cff = yaml.safe_load(text)
    for key in (
        "cff-version",
        "message",
        "type",
        "title",
        "version",
        "date-released",
        "license",
        "authors",
        "references",
    ):
        assert key in cff, key
    assert cff["cff-version"] == "1.2.0"
    assert cff["type"] == "dataset"
    assert cff["version"] == DATASET["version"]
    assert cff["title"] == DATASET["title"]
    assert cff["license"] == "CC-BY-4.0"
    assert isinstance(cff["date-released"], str) and len(cff["date-released"]) == 10
    [ref] = cff["references"]
    assert ref["url"] == "https://www.miasta.pl/strony/projekty-zakonczone"
    assert ref["publisher"]["name"] == "Związek Miast Polskich"
    assert citation_cff(DATASET, _sources()) == text  # deterministic


def test_cff_validates_with_cffconvert():
    cffconvert = pytest.importorskip("cffconvert")
    cffconvert.Citation(citation_cff(DATASET, _sources())).validate()


def test_cff_accepts_datapackage_sources_too():
    rows = [{"title": "zmp", "path": "https://example.org/a", "publisher": "Pub", "retrieved": "2026-01-02"}]
    cff = yaml.safe_load(citation_cff(DATASET, rows))
    assert cff["references"][0]["url"] == "https://example.org/a"
    assert cff["references"][0]["date-accessed"] == "2026-01-02"


def test_zenodo():
    z = zenodo_json(DATASET, _sources())
    assert z["upload_type"] == "dataset"
    assert z["version"] == DATASET["version"]
    assert z["license"] == "cc-by-4.0"
    assert z["creators"] and all(c["name"] for c in z["creators"])
    assert {r["identifier"] for r in z["related_identifiers"]} >= {"https://www.miasta.pl/strony/projekty-zakonczone"}
    assert z["keywords"] == DATASET["keywords"]
    json.dumps(z)


def _fake_sha256() -> dict[str, str]:
    return {f"{name}.parquet": f"{i:064x}" for i, name in enumerate(TABLES)}


def test_croissant_structure():
    doc = croissant(DATASET, _sources(), _fake_sha256())
    assert doc["@type"] == "sc:Dataset"
    assert doc["conformsTo"] == "http://mlcommons.org/croissant/1.0"
    assert doc["version"] == DATASET["version"]
    assert doc["license"].startswith("https://creativecommons.org/licenses/by/4.0")
    files = {f["@id"]: f for f in doc["distribution"]}
    assert set(files) == {f"{t}.parquet" for t in TABLES}
    assert all(f["@type"] == "cr:FileObject" and len(f["sha256"]) == 64 for f in files.values())
    record_sets = {rs["@id"]: rs for rs in doc["recordSet"]}
    assert set(record_sets) == set(TABLES)
    allowed = {"sc:Text", "sc:Integer", "sc:Float", "sc:Boolean", "sc:Date"}
    ids = {f["@id"] for rs in doc["recordSet"] for f in rs["field"]}
    for name, table in TABLES.items():
        fields = record_sets[name]["field"]
        assert [f["name"] for f in fields] == table.column_names
        for f in fields:
            assert f["dataType"] in allowed
            assert f["source"] == {"fileObject": {"@id": f"{name}.parquet"}, "extract": {"column": f["name"]}}
            if "references" in f:
                assert f["references"]["field"]["@id"] in ids
    assert record_sets["amounts"]["field"][2]["dataType"] == "sc:Float"
    assert record_sets["counts"]["field"][2]["dataType"] == "sc:Integer"
    assert record_sets["dates"]["field"][2]["dataType"] == "sc:Date"
    json.dumps(doc)


def test_croissant_needs_every_checksum():
    sums = _fake_sha256()
    del sums["amounts.parquet"]
    with pytest.raises(ValueError, match="amounts.parquet"):
        croissant(DATASET, _sources(), sums)


def _fake_tables() -> dict[str, pd.DataFrame]:
    tables = {name: empty_frame(name) for name in TABLES}
    tables["documents"] = cast_frame(
        "documents",
        pd.DataFrame(
            [
                {
                    "doc_id": "d1",
                    "source_file": "raw/d1.txt",
                    "sha256": "0" * 64,
                    "n_chars": 40,
                    "source_url": "https://example.org/p",
                    "encoding": "utf-8",
                    "publisher": "Pub",
                    "retrieved": "2026-01-01",
                }
            ]
        ),
    )
    tables["projects"] = cast_frame(
        "projects",
        pd.DataFrame(
            [
                {
                    "project_id": "d1-001",
                    "doc_id": "d1",
                    "ordinal": 1,
                    "section": "",
                    "title": "T",
                    "year_start": 2015,
                    "year_end": 2016,
                    "years_inferred": False,
                    "years_source": "title",
                    "description": "D",
                    "char_start": 0,
                    "char_end": 40,
                    "title_start": 0,
                    "title_end": 1,
                }
            ]
        ),
    )
    tables["organisations"] = cast_frame(
        "organisations",
        pd.DataFrame(
            [
                {
                    "org_id": "zmp",
                    "name": "Związek Miast Polskich",
                    "acronym": "ZMP",
                    "org_type": "association",
                    "n_projects": 1,
                }
            ]
        ),
    )
    return tables


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib inside mlcroissant
def test_croissant_validates_and_loads_with_mlcroissant(tmp_path):
    mlc = pytest.importorskip("mlcroissant")
    release = tmp_path / "rel"
    write_release(_fake_tables(), release, [{"title": "d1", "path": "https://example.org/p", "publisher": "Pub"}])
    sums = parse_sha256sums((release / "SHA256SUMS").read_text(encoding="utf-8"))
    path = release / "croissant.json"
    path.write_text(json.dumps(croissant(DATASET, _sources(), sums), ensure_ascii=False), encoding="utf-8")
    dataset = mlc.Dataset(str(path))  # raises ValidationError on any structural error
    [doc] = list(dataset.records("documents"))
    assert doc["documents/doc_id"] == b"d1"
    [org] = list(dataset.records("organisations"))
    assert org["organisations/name"].decode() == "Związek Miast Polskich"
    [project] = list(dataset.records("projects"))  # a field with references: joined to documents
    assert project["projects/year_start"] == 2015
