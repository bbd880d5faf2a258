"""Citation metadata of the dataset: ``CITATION.cff``, ``.zenodo.json`` and ``croissant.json``.

All three are generated from the dataset identity (:mod:`schemas.identity`: name, title, version,
licence, authors) and from the tables in :mod:`schemas.tables`, so a new version or a new column
changes every citation file at once and none of them is ever edited by hand. The source pages
(rows of ``raw/sources.csv``, or the ``sources`` of ``datapackage.json``) are passed in: they are
cited as the works the dataset was derived from.

The functions are pure (no file or network access): the caller decides where the texts go.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

import yaml

from schemas.tables import TABLES

CROISSANT_CONFORMS_TO = "http://mlcommons.org/croissant/1.0"
PARQUET_MEDIATYPE = "application/x-parquet"

# The JSON-LD context of Croissant 1.0, as its example datasets (and mlcroissant) give it.
CROISSANT_CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}

# Field types of schemas.fields -> Croissant data types (categories are text with a closed vocabulary).
CROISSANT_TYPES = {
    "string": "sc:Text",
    "category": "sc:Text",
    "integer": "sc:Integer",
    "number": "sc:Float",
    "boolean": "sc:Boolean",
    "date": "sc:Date",
}


# --- shared pieces ------------------------------------------------------------------------------


def released(dataset: Mapping) -> str:
    """Release date (ISO) of this version."""
    return str(dataset["released"])


def license_id(dataset: Mapping) -> str | None:
    """SPDX id of the data licence (``CC-BY-4.0``); None when the identity claims none."""
    licenses = dataset.get("licenses") or []
    return licenses[0]["name"] if licenses else None


def license_url(dataset: Mapping) -> str | None:
    licenses = dataset.get("licenses") or []
    return licenses[0]["path"] if licenses else None


def _source(row: Any) -> dict[str, str | None]:
    """One source page as {title, url, publisher, retrieved}, from a ``raw/sources.csv`` row
    (doc_id, url, publisher, retrieved …), a ``datapackage.json`` source (title, path …) or a
    :class:`pipeline.ingest.decode.Source`."""
    if dataclasses.is_dataclass(row) and not isinstance(row, type):
        row = dataclasses.asdict(row)
    if not isinstance(row, Mapping):
        raise TypeError(f"a source must be a mapping or a dataclass, not {type(row).__name__}")
    url = row.get("url") or row.get("path")
    return {
        "title": row.get("title") or row.get("doc_id") or url,
        "url": url or None,
        "publisher": row.get("publisher") or None,
        "retrieved": row.get("retrieved") or None,
    }


def sources_list(sources: Iterable[Any]) -> list[dict[str, str | None]]:
    """Normalised source pages, in a fixed order (by URL, then title), duplicates dropped."""
    seen: dict[tuple, dict] = {}
    for row in sources:
        s = _source(row)
        seen.setdefault((s["url"] or "", s["title"] or ""), s)
    return [seen[k] for k in sorted(seen)]


def _contributors(dataset: Mapping, role: str | None = "author") -> list[dict]:
    everyone = list(dataset.get("contributors", []))
    people = [c for c in everyone if role is None or c.get("role", "author") == role]
    return people or everyone


def _is_person(c: Mapping) -> bool:
    return bool(c.get("family-names") or c.get("family"))


def citation_text(dataset: Mapping) -> str:
    """A one-line human citation (used as Croissant's ``citeAs``)."""
    names = "; ".join(_display_name(c) for c in _contributors(dataset))
    text = f"{names} ({released(dataset)[:4]}). {dataset['title']} (version {dataset['version']}) [Data set]."
    if dataset.get("doi"):
        text += f" https://doi.org/{dataset['doi']}."
    if license_id(dataset):
        text += f" {license_id(dataset)}."
    return text


def _display_name(c: Mapping) -> str:
    if _is_person(c):
        family = c.get("family-names") or c.get("family")
        given = c.get("given-names") or c.get("given")
        return f"{family}, {given}" if given else str(family)
    return str(c.get("title") or c.get("name"))


# --- CITATION.cff -------------------------------------------------------------------------------


def _cff_author(c: Mapping) -> dict:
    if _is_person(c):
        out = {"family-names": c.get("family-names") or c.get("family")}
        if c.get("given-names") or c.get("given"):
            out["given-names"] = c.get("given-names") or c.get("given")
    else:
        out = {"name": c.get("title") or c.get("name")}
    if c.get("email"):
        out["email"] = c["email"]
    if c.get("orcid"):
        out["orcid"] = c["orcid"]
    if c.get("organization") and _is_person(c):
        out["affiliation"] = c["organization"]
    return out


def _cff_reference(s: Mapping) -> dict:
    ref: dict[str, Any] = {"type": "website", "title": s["title"]}
    ref["authors"] = [{"name": s["publisher"] or "Unknown publisher"}]
    if s["publisher"]:
        ref["publisher"] = {"name": s["publisher"]}
    if s["url"]:
        ref["url"] = s["url"]
    if s["retrieved"]:
        ref["date-accessed"] = s["retrieved"]
    return ref


def citation_cff_dict(dataset: Mapping, sources: Iterable[Any]) -> dict:
    """The ``CITATION.cff`` content as a mapping (CFF 1.2.0, type dataset)."""
    cff: dict[str, Any] = {
        "cff-version": "1.2.0",
        "message": "If you use this dataset, please cite it as below.",
        "type": "dataset",
        "title": dataset["title"],
        "version": dataset["version"],
        "date-released": released(dataset),
        "abstract": dataset["description"],
        "license": license_id(dataset),
        "authors": [_cff_author(c) for c in _contributors(dataset)],
        "keywords": list(dataset.get("keywords", [])),
    }
    if cff["license"] is None:
        del cff["license"]
    if dataset.get("doi"):
        cff["doi"] = dataset["doi"]
    if dataset.get("repository"):
        cff["repository-code"] = dataset["repository"]
    if dataset.get("homepage"):
        cff["url"] = dataset["homepage"]
    refs = [_cff_reference(s) for s in sources_list(sources)]
    if refs:
        cff["references"] = refs
    return cff


def citation_cff(dataset: Mapping, sources: Iterable[Any]) -> str:
    """Text of ``CITATION.cff`` (YAML, keys in the conventional order, UTF-8, no timestamps)."""
    header = "# Generated from dataset.yaml by `projekty cite`; do not edit by hand.\n"
    body = yaml.safe_dump(citation_cff_dict(dataset, sources), sort_keys=False, allow_unicode=True, width=100)
    return header + body


# --- .zenodo.json -------------------------------------------------------------------------------


def _zenodo_creator(c: Mapping) -> dict:
    out: dict[str, str] = {"name": _display_name(c)}
    if c.get("organization"):
        out["affiliation"] = c["organization"]
    if c.get("orcid"):
        out["orcid"] = str(c["orcid"]).rsplit("/", 1)[-1]
    return out


def zenodo_json(dataset: Mapping, sources: Iterable[Any]) -> dict:
    """The ``.zenodo.json`` deposit metadata (legacy Zenodo schema, as read from a GitHub release)."""
    related = [{"identifier": s["url"], "relation": "isDerivedFrom"} for s in sources_list(sources) if s["url"]]
    if dataset.get("repository"):
        related.append(
            {"identifier": dataset["repository"], "relation": "isSupplementedBy", "resource_type": "software"}
        )
    meta: dict[str, Any] = {
        "upload_type": "dataset",
        "title": dataset["title"],
        "version": dataset["version"],
        "publication_date": released(dataset),
        "description": dataset["description"],
        "creators": [_zenodo_creator(c) for c in _contributors(dataset)],
        "access_right": "open",
        "keywords": list(dataset.get("keywords", [])),
        "language": "pol",
    }
    licence = license_id(dataset)
    if licence:
        meta["license"] = licence.lower()
    if dataset.get("doi"):
        meta["doi"] = dataset["doi"]
    if related:
        meta["related_identifiers"] = related
    return meta


# --- croissant.json -----------------------------------------------------------------------------


def _croissant_creator(c: Mapping) -> dict:
    if _is_person(c):
        return {"@type": "sc:Person", "name": _display_name(c)}
    return {"@type": "sc:Organization", "name": _display_name(c)}


def _file_object(table: str, sha256: Mapping[str, str]) -> dict:
    name = f"{table}.parquet"
    digest = sha256.get(name)
    if not digest:
        raise ValueError(f"croissant: no sha256 given for {name}")
    return {
        "@type": "cr:FileObject",
        "@id": name,
        "name": name,
        "description": f"Table {table}: {TABLES[table].description}",
        "contentUrl": name,
        "encodingFormat": PARQUET_MEDIATYPE,
        "sha256": digest,
    }


def _record_set(table_name: str) -> dict:
    table = TABLES[table_name]
    refs = {fk.column: fk for fk in table.foreign_keys}
    fields = []
    for column, f in table.fields():
        field: dict[str, Any] = {
            "@type": "cr:Field",
            "@id": f"{table_name}/{column}",
            "name": column,
            "description": f.description + (f" One of: {', '.join(f.values)}." if f.values else ""),
            "dataType": CROISSANT_TYPES[f.type],
            "source": {"fileObject": {"@id": f"{table_name}.parquet"}, "extract": {"column": column}},
        }
        if column in refs:
            fk = refs[column]
            field["references"] = {"field": {"@id": f"{fk.table}/{fk.ref_column}"}}
        fields.append(field)
    keys = [{"@id": f"{table_name}/{c}"} for c in table.primary_key]
    return {
        "@type": "cr:RecordSet",
        "@id": table_name,
        "name": table_name,
        "description": table.description,
        "key": keys[0] if len(keys) == 1 else keys,
        "field": fields,
    }


def croissant(dataset: Mapping, sources: Iterable[Any], sha256: Mapping[str, str]) -> dict:
    """MLCommons Croissant 1.0 JSON-LD of a release: one FileObject per Parquet table (``sha256`` maps
    file names such as ``projects.parquet`` to their digests, as in ``SHA256SUMS``) and one
    RecordSet per table whose fields extract the Parquet columns."""
    srcs = sources_list(sources)
    doc: dict[str, Any] = {
        "@context": CROISSANT_CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CROISSANT_CONFORMS_TO,
        "name": dataset["name"],
        "alternateName": dataset["title"],
        "description": dataset["description"],
        "license": license_url(dataset),
        "version": dataset["version"],
        "datePublished": released(dataset),
        "citeAs": citation_text(dataset),
        "creator": [_croissant_creator(c) for c in _contributors(dataset)],
        "keywords": list(dataset.get("keywords", [])),
        "inLanguage": "pl",
    }
    if doc["license"] is None:
        del doc["license"]
    if dataset.get("homepage") or dataset.get("repository"):
        doc["url"] = dataset.get("homepage") or dataset["repository"]
    if srcs:
        doc["isBasedOn"] = [
            {
                "@type": "sc:WebPage",
                "name": s["title"],
                "url": s["url"],
                **({"publisher": {"@type": "sc:Organization", "name": s["publisher"]}} if s["publisher"] else {}),
            }
            for s in srcs
            if s["url"]
        ]
    doc["distribution"] = [_file_object(name, sha256) for name in TABLES]
    doc["recordSet"] = [_record_set(name) for name in TABLES]
    return doc


def parse_sha256sums(text: str) -> dict[str, str]:
    """``SHA256SUMS`` text (``<hex>  <path>`` lines) -> {path: hex}."""
    out = {}
    for line in text.splitlines():
        if line.strip():
            digest, _, path = line.partition("  ")
            out[path.strip()] = digest.strip()
    return out
