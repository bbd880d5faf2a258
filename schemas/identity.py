"""Who a release belongs to: the dataset identity read from the raw folder's ``dataset.yaml``.

The identity (title, description, version, authors with ORCID, licence, keywords, homepage, DOI,
source publisher) drives ``datapackage.json``, ``croissant.json``, ``CITATION.cff``, ``.zenodo.json``
and the report's heading. Without a ``dataset.yaml`` a release gets neutral defaults from the folder
name and the day of the run, never another corpus's identity. The file is validated: unknown keys and
values of the wrong type are errors that name the file, as every user error does.

The identity is handed around as a plain mapping in the shape of a Data Package descriptor (``name``,
``title``, ``version``, ``released``, ``description``, ``licenses``, ``contributors``, ``keywords``, and
optional ``homepage``, ``doi``, ``repository``, ``source_publisher``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

FILE_NAME = "dataset.yaml"
DEFAULT_VERSION = "0.1.0"
ALLOWED = {
    "name",
    "title",
    "description",
    "version",
    "released",
    "authors",
    "license",
    "license_url",
    "keywords",
    "homepage",
    "doi",
    "repository",
    "publisher",
}
AUTHOR_KEYS = {"name", "family-names", "given-names", "orcid", "affiliation", "email"}
_ORCID = re.compile(r"^(https://orcid\.org/)?\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
_VERSION = re.compile(r"^\d+\.\d+\.\d+([.+-][0-9A-Za-z.+-]+)?$")
# Common data licences by SPDX id: (URL, title); others need ``license_url`` in dataset.yaml.
_LICENSES = {
    "CC-BY-4.0": ("https://creativecommons.org/licenses/by/4.0/", "Creative Commons Attribution 4.0"),
    "CC-BY-SA-4.0": ("https://creativecommons.org/licenses/by-sa/4.0/", "Creative Commons Attribution Share Alike 4.0"),
    "CC0-1.0": ("https://creativecommons.org/publicdomain/zero/1.0/", "Creative Commons Zero 1.0"),
    "ODC-By-1.0": ("https://opendatacommons.org/licenses/by/1-0/", "Open Data Commons Attribution 1.0"),
    "ODbL-1.0": ("https://opendatacommons.org/licenses/odbl/1-0/", "Open Data Commons Open Database 1.0"),
}


class IdentityError(ValueError):
    """A ``dataset.yaml`` that cannot be used; the message names the file and the problem."""


def slug(text: str) -> str:
    """ASCII slug for a Data Package ``name`` (lowercase, ``-``)."""
    ascii_ = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    ascii_ = ascii_.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-") or "dataset"


def default_dataset(folder_name: str, today: dt.date | None = None) -> dict[str, Any]:
    """Neutral identity of a corpus without ``dataset.yaml``: named after its folder, released today,
    no licence claimed (the user has not said one)."""
    day = (today or dt.date.today()).isoformat()
    return {
        "name": slug(folder_name),
        "title": f"Projects extracted from {folder_name}",
        "version": DEFAULT_VERSION,
        "released": day,
        "description": (
            f"Project records (titles, years, money, counts, dates, organisations and their roles) "
            f"extracted with projekty from the documents in '{folder_name}'. Every value carries "
            "char_start/char_end evidence into its source text."
        ),
        "licenses": [],
        "contributors": [{"title": "Unknown", "role": "author"}],
        "keywords": ["projects", "information extraction"],
    }


def _str(raw: Mapping, key: str, where: str) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str | int | float) or isinstance(value, bool) or not str(value).strip():
        raise IdentityError(f"{where}: '{key}' must be a non-empty text")
    return str(value).strip()


def _author(raw: Any, where: str) -> dict[str, Any]:
    if isinstance(raw, str):
        raw = {"name": raw}
    if not isinstance(raw, Mapping):
        raise IdentityError(f"{where}: each author is a name or a mapping")
    unknown = set(raw) - AUTHOR_KEYS
    if unknown:
        raise IdentityError(f"{where}: unknown author keys {sorted(unknown)} (allowed: {sorted(AUTHOR_KEYS)})")
    out: dict[str, Any] = {}
    if raw.get("family-names"):
        out["family-names"] = str(raw["family-names"])
        if raw.get("given-names"):
            out["given-names"] = str(raw["given-names"])
    elif raw.get("name"):
        out["title"] = str(raw["name"])
    else:
        raise IdentityError(f"{where}: an author needs 'name' or 'family-names'")
    orcid = raw.get("orcid")
    if orcid:
        if not _ORCID.match(str(orcid)):
            raise IdentityError(f"{where}: orcid {orcid!r} is not an ORCID iD (0000-0000-0000-0000)")
        out["orcid"] = str(orcid) if str(orcid).startswith("https://") else f"https://orcid.org/{orcid}"
    if raw.get("affiliation"):
        out["organization"] = str(raw["affiliation"])
    if raw.get("email"):
        out["email"] = str(raw["email"])
    out["role"] = "author"
    return out


def _version(raw: Mapping, where: str) -> str | None:
    version = _str(raw, "version", where)
    if version is not None and not _VERSION.match(version):
        raise IdentityError(f"{where}: version {version!r} is not MAJOR.MINOR.PATCH")
    return version


def _released(raw: Mapping, where: str) -> str | None:
    released = _str(raw, "released", where)
    if released is not None:
        try:
            dt.date.fromisoformat(released)
        except ValueError as exc:
            raise IdentityError(f"{where}: released {released!r} is not a date (YYYY-MM-DD)") from exc
    return released


def _licenses(raw: Mapping, where: str) -> list[dict[str, str]] | None:
    """The Data Package ``licenses`` of ``license`` (an SPDX id; ``license_url`` for one not in ``_LICENSES``)."""
    licence = _str(raw, "license", where)
    if licence is None:
        if raw.get("license_url"):
            raise IdentityError(f"{where}: license_url without license")
        return None
    known_url, title = _LICENSES.get(licence, (None, licence))
    url = _str(raw, "license_url", where) or known_url
    if url is None:
        raise IdentityError(f"{where}: give license_url for the licence {licence!r}")
    return [{"name": licence, "path": url, "title": title}]


def _authors(raw: Mapping, where: str) -> list[dict[str, Any]] | None:
    if "authors" not in raw:
        return None
    authors = raw["authors"]
    if not isinstance(authors, list) or not authors:
        raise IdentityError(f"{where}: 'authors' must be a non-empty list")
    return [_author(a, where) for a in authors]


def _keywords(raw: Mapping, where: str) -> list[str] | None:
    if "keywords" not in raw:
        return None
    keywords = raw["keywords"]
    if not isinstance(keywords, list) or not all(isinstance(k, str) and k.strip() for k in keywords):
        raise IdentityError(f"{where}: 'keywords' must be a list of texts")
    return [k.strip() for k in keywords]


def parse_dataset(raw: Any, folder_name: str, where: str, today: dt.date | None = None) -> dict[str, Any]:
    """The identity from a parsed ``dataset.yaml``; keys it leaves out take the neutral defaults. The keys
    are checked in a fixed order, so a file with several mistakes is always told about the same one first."""
    if not isinstance(raw, Mapping):
        raise IdentityError(f"{where}: must be a mapping of keys ({', '.join(sorted(ALLOWED))})")
    unknown = set(raw) - ALLOWED
    if unknown:
        raise IdentityError(f"{where}: unknown keys {sorted(unknown)} (allowed: {', '.join(sorted(ALLOWED))})")
    out = default_dataset(folder_name, today)
    for key in ("title", "description", "homepage", "doi", "repository"):
        value = _str(raw, key, where)
        if value is not None:
            out[key] = value
    name = _str(raw, "name", where)
    if name is not None:
        out["name"] = slug(name)
    given = {  # evaluated in this order (the first mistake is the one reported)
        "version": _version(raw, where),
        "released": _released(raw, where),
        "licenses": _licenses(raw, where),
        "contributors": _authors(raw, where),
        "keywords": _keywords(raw, where),
        "source_publisher": _str(raw, "publisher", where),
    }
    out.update((key, value) for key, value in given.items() if value is not None)
    return out


def load_dataset(raw_dir: Path, today: dt.date | None = None) -> dict[str, Any]:
    """The identity of the corpus in ``raw_dir``: its ``dataset.yaml``, or neutral defaults."""
    raw_dir = Path(raw_dir)
    name = raw_dir.resolve().name or "dataset"
    path = raw_dir / FILE_NAME
    if not path.exists():
        return default_dataset(name, today)
    try:
        parsed = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        reason = getattr(exc, "problem", None) or exc.__class__.__name__
        raise IdentityError(f"{path}: cannot be read as YAML ({reason})") from exc
    return parse_dataset(parsed, name, str(path), today)
