"""Two releases are compared by primary key; the changelog gets one section per version, newest first."""

import json

import pandas as pd
import pytest

from pipeline.release.changelog import changelog_entry, diff_releases, update_changelog
from pipeline.release.emit import write_release
from schemas.models import cast_frame, empty_frame
from schemas.tables import TABLES


def _project(pid: str, ordinal: int, title: str, year: int | None = 2015) -> dict:
    return {
        "project_id": pid,
        "doc_id": "d1",
        "ordinal": ordinal,
        "section": "",
        "title": title,
        "year_start": year,
        "year_end": year,
        "years_inferred": False,
        "years_source": "title" if year else None,
        "description": "Opis.",
        "char_start": ordinal * 10,
        "char_end": ordinal * 10 + 9,
        "title_start": ordinal * 10,
        "title_end": ordinal * 10 + 3,
    }


def _release(path, projects: list[dict], amounts: list[dict], version: str = "0.1.0"):
    tables = {name: empty_frame(name) for name in TABLES}
    tables["documents"] = cast_frame(
        "documents",
        pd.DataFrame(
            [
                {
                    "doc_id": "d1",
                    "source_file": "raw/d1.txt",
                    "sha256": "0" * 64,
                    "n_chars": 100,
                    "source_url": None,
                    "encoding": "utf-8",
                    "publisher": None,
                    "retrieved": None,
                }
            ]
        ),
    )
    tables["projects"] = cast_frame("projects", pd.DataFrame(projects))
    if amounts:
        tables["amounts"] = cast_frame("amounts", pd.DataFrame(amounts))
    write_release(tables, path, [])
    descriptor = json.loads((path / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["version"] = version
    (path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return path


def _amount(aid: str, pid: str, value: float) -> dict:
    return {
        "amount_id": aid,
        "project_id": pid,
        "value": value,
        "currency": "PLN",
        "raw_text": "x",
        "char_start": 1,
        "char_end": 2,
    }


@pytest.fixture
def releases(tmp_path):
    old = _release(
        tmp_path / "old",
        [_project("d1-001", 1, "A"), _project("d1-002", 2, "B"), _project("d1-003", 3, "C", None)],
        [_amount("d1-001-m01", "d1-001", 100.0)],
        "0.1.0",
    )
    new = _release(
        tmp_path / "new",
        [_project("d1-001", 1, "A"), _project("d1-002", 2, "B2", 2016), _project("d1-004", 4, "D")],
        [_amount("d1-001-m01", "d1-001", 100.0)],
        "0.2.0",
    )
    return old, new


def test_diff_by_primary_key(releases):
    diff = diff_releases(*releases)
    assert (diff["old_version"], diff["new_version"]) == ("0.1.0", "0.2.0")
    p = diff["tables"]["projects"]
    assert (p["rows_old"], p["rows_new"], p["added"], p["removed"], p["changed"]) == (3, 3, 1, 1, 1)
    assert p["changed_columns"] == {"year_end": 1, "year_start": 1, "title": 1}
    assert p["examples"] == {"added": ["d1-004"], "removed": ["d1-003"], "changed": ["d1-002"]}
    a = diff["tables"]["amounts"]
    assert (a["added"], a["removed"], a["changed"]) == (0, 0, 0)
    assert set(diff["tables"]) == set(TABLES)
    json.dumps(diff)


def test_identical_releases_have_no_change(releases):
    old, _new = releases
    diff = diff_releases(old, old)
    assert all(d["added"] == d["removed"] == d["changed"] == 0 for d in diff["tables"].values())
    assert "No change in the data." in changelog_entry("0.1.0", diff)


def test_missing_table_counts_all_rows(releases, tmp_path):
    old, new = releases
    (new / "amounts.parquet").unlink()
    a = diff_releases(old, new)["tables"]["amounts"]
    assert (a["rows_new"], a["removed"]) == (0, 1)


def test_changelog_entry_markdown(releases):
    entry = changelog_entry("0.2.0", diff_releases(*releases), released="2026-12-01")
    assert entry.startswith("## 0.2.0 (2026-12-01)\n")
    assert "Compared with 0.1.0." in entry
    assert "| `projects` | 3 | 1 | 1 | 1 | `title` (1), `year_end` (1), `year_start` (1) |" in entry
    assert "`amounts`" in entry.split("Unchanged:")[1]


def test_update_changelog_prepends_and_replaces(tmp_path):
    path = tmp_path / "CHANGELOG.md"
    update_changelog(path, "## 0.1.0\n\nFirst release.\n")
    assert path.read_text(encoding="utf-8") == "# Changelog\n\n## 0.1.0\n\nFirst release.\n"
    update_changelog(path, "## 0.2.0\n\nSecond.\n")
    update_changelog(path, "## 0.2.0\n\nSecond, rebuilt.\n")
    text = path.read_text(encoding="utf-8")
    assert text == "# Changelog\n\n## 0.2.0\n\nSecond, rebuilt.\n\n## 0.1.0\n\nFirst release.\n"


def test_update_changelog_keeps_an_intro(tmp_path):
    path = tmp_path / "CHANGELOG.md"
    path.write_text("# Changelog\n\nDataset versions.\n\n## 0.1.0\n\nFirst.\n", encoding="utf-8")
    update_changelog(path, "## 0.2.0\n\nSecond.\n")
    assert path.read_text(encoding="utf-8") == (
        "# Changelog\n\nDataset versions.\n\n## 0.2.0\n\nSecond.\n\n## 0.1.0\n\nFirst.\n"
    )
