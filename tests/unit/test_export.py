"""The SQLite export holds every table with keys, references and descriptions, deterministically."""

import hashlib
import json
import sqlite3

import pandas as pd
import pytest

from pipeline.release.emit import write_release
from pipeline.release.export import create_table_sql, export_sqlite
from pipeline.release.outdir import OutputError
from schemas.identity import parse_dataset
from schemas.models import cast_frame, empty_frame
from schemas.tables import TABLES

DATASET = parse_dataset({"title": "Przykład", "version": "1.2.3", "license": "CC-BY-4.0"}, "rel", "test")
SOURCES = [
    {
        "title": "d1",
        "path": "https://example.org/projects",
        "publisher": "Związek Przykładowy",
        "retrieved": "2026-01-01",
    }
]


def _frame(name: str, rows: list[dict]) -> pd.DataFrame:
    return cast_frame(name, pd.DataFrame(rows))


def fake_tables() -> dict[str, pd.DataFrame]:
    tables = {name: empty_frame(name) for name in TABLES}
    tables["documents"] = _frame(
        "documents",
        [
            {
                "doc_id": "d1",
                "source_file": "raw/d1.txt",
                "sha256": "0" * 64,
                "n_chars": 120,
                "source_url": "https://example.org/projects",
                "encoding": "utf-8",
                "publisher": "Związek Przykładowy",
                "retrieved": "2026-01-01",
            }
        ],
    )
    project = {
        "doc_id": "d1",
        "section": "Projekty",
        "years_inferred": False,
        "years_source": "title",
        "description": "Opis.",
    }
    tables["projects"] = _frame(
        "projects",
        [
            {
                **project,
                "project_id": "d1-001",
                "ordinal": 1,
                "title": "Pierwszy",
                "year_start": 2014,
                "year_end": 2015,
                "char_start": 0,
                "char_end": 60,
                "title_start": 0,
                "title_end": 8,
            },
            {
                **project,
                "project_id": "d1-002",
                "ordinal": 2,
                "title": "Drugi",
                "year_start": None,
                "year_end": None,
                "years_source": None,
                "char_start": 61,
                "char_end": 120,
                "title_start": 61,
                "title_end": 66,
            },
        ],
    )
    tables["organisations"] = _frame(
        "organisations",
        [
            {
                "org_id": "zmp",
                "name": "Związek Miast Polskich",
                "acronym": "ZMP",
                "org_type": "association",
                "n_projects": 1,
            },
            {"org_id": "mf", "name": "Ministerstwo Finansów", "acronym": None, "org_type": "ministry", "n_projects": 1},
        ],
    )
    tables["project_organisations"] = _frame(
        "project_organisations",
        [
            {"project_id": "d1-001", "org_id": "zmp", "role": "lead", "char_start": 10, "char_end": 13, "cue": None},
            {
                "project_id": "d1-001",
                "org_id": "mf",
                "role": "funder",
                "char_start": 20,
                "char_end": 30,
                "cue": "finansowany przez",
            },
        ],
    )
    tables["amounts"] = _frame(
        "amounts",
        [
            {
                "amount_id": "d1-001-m01",
                "project_id": "d1-001",
                "value": 3250000.0,
                "currency": "PLN",
                "kind": "total_value",
                "share_pct": None,
                "qualifier": "approx",
                "raw_text": "3,25 mln zł",
                "char_start": 40,
                "char_end": 51,
                "kind_cue": "o wartości",
            }
        ],
    )
    tables["counts"] = _frame(
        "counts",
        [
            {
                "count_id": "d1-001-c01",
                "project_id": "d1-001",
                "value": None,
                "value_min": 11,
                "value_max": 19,
                "qualifier": "range",
                "unit": "miasto",
                "raw_text": "kilkanaście miast",
                "char_start": 52,
                "char_end": 59,
            }
        ],
    )
    tables["dates"] = _frame(
        "dates",
        [
            {
                "date_id": "d1-001-d01",
                "project_id": "d1-001",
                "start": "2015-07-01",
                "end": "2015-07-31",
                "precision": "month",
                "year_inferred": False,
                "raw_text": "lipcu 2015",
                "char_start": 31,
                "char_end": 39,
            }
        ],
    )
    tables["mentions"] = _frame(
        "mentions",
        [
            {
                "mention_id": "d1-e0001",
                "doc_id": "d1",
                "project_id": "d1-001",
                "label": "ORG",
                "text": "ZMP",
                "normalized": "Związek Miast Polskich",
                "char_start": 10,
                "char_end": 13,
                "source": "rule",
            },
            {
                "mention_id": "d1-e0002",
                "doc_id": "d1",
                "project_id": None,
                "label": "LOC",
                "text": "Polska",
                "normalized": None,
                "char_start": 100,
                "char_end": 106,
                "source": "model",
            },
        ],
    )
    tables["blocks"] = _frame(
        "blocks",
        [{"block_id": "d1-b001", "doc_id": "d1", "kind": "heading", "section": "", "char_start": 0, "char_end": 0}],
    )
    return tables


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    out = tmp_path_factory.mktemp("release") / "outputs"
    write_release(fake_tables(), out, SOURCES, dataset=DATASET)
    return out


@pytest.fixture(scope="module")
def db(release, tmp_path_factory):
    path = export_sqlite(release, tmp_path_factory.mktemp("export") / "projekty.db")
    con = sqlite3.connect(path)
    yield path, con
    con.close()


def test_every_table_with_its_rows(release, db):
    _path, con = db
    for name in TABLES:
        df = pd.read_parquet(release / f"{name}.parquet")
        assert con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] == len(df), name
        cols = [r[1] for r in con.execute(f'PRAGMA table_info("{name}")')]
        assert cols == TABLES[name].column_names


def test_keys_and_references(db):
    _path, con = db
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    for name, table in TABLES.items():
        pk = [r[1] for r in sorted(con.execute(f'PRAGMA table_info("{name}")'), key=lambda r: r[5]) if r[5]]
        assert pk == list(table.primary_key), name
        fks = {(r[3], r[2], r[4]) for r in con.execute(f'PRAGMA foreign_key_list("{name}")')}
        assert fks == {(fk.column, fk.table, fk.ref_column) for fk in table.foreign_keys}, name


def test_values_types_and_nulls(db):
    _path, con = db
    assert con.execute("SELECT value, typeof(value) FROM amounts").fetchone() == (3250000.0, "real")
    assert con.execute("SELECT kind, share_pct, kind_cue FROM amounts").fetchone() == (
        "total_value",
        None,
        "o wartości",
    )
    assert con.execute("SELECT value, value_min, value_max FROM counts").fetchone() == (None, 11, 19)
    assert con.execute('SELECT start, "end", year_inferred FROM dates').fetchone() == ("2015-07-01", "2015-07-31", 0)
    assert con.execute("SELECT year_start FROM projects WHERE project_id = 'd1-002'").fetchone() == (None,)
    assert con.execute("SELECT name FROM organisations WHERE org_id = 'zmp'").fetchone() == ("Związek Miast Polskich",)


def test_descriptions_are_stored(db):
    path, con = db
    tables = dict(con.execute("SELECT name, description FROM _tables"))
    assert set(tables) == set(TABLES)
    assert all(tables.values())
    columns = {(t, c): d for t, c, d in con.execute('SELECT "table", "column", description FROM _columns')}
    assert set(columns) == {(name, col) for name, t in TABLES.items() for col in t.column_names}
    assert all(columns.values())
    assert dict(con.execute("SELECT key, value FROM _dataset"))["source.1.path"] == "https://example.org/projects"
    meta = json.loads((path.parent / "metadata.json").read_text(encoding="utf-8"))
    assert meta["license_url"].startswith("https://creativecommons.org/licenses/by/4.0")
    assert meta["source_url"] == "https://example.org/projects"
    db_tables = meta["databases"]["projekty"]["tables"]
    for name, table in TABLES.items():
        assert db_tables[name]["description"] == table.description
        assert set(db_tables[name]["columns"]) == set(table.column_names)


def test_constraints_reject_bad_rows(db):
    path, _ = db
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = ON")
    bad = [
        ("no-such-project", "PLN", "grant", "exact"),  # a project that is not there
        ("d1-001", "XYZ", "grant", "exact"),  # a currency outside the vocabulary
        ("d1-001", "PLN", "gift", "exact"),  # a kind outside the vocabulary
        ("d1-001", "PLN", "grant", "roughly"),  # a qualifier outside the vocabulary
    ]
    for project, currency, kind, qualifier in bad:
        with pytest.raises(sqlite3.IntegrityError):
            con.execute(
                "INSERT INTO amounts VALUES ('x', ?, 1.0, ?, ?, NULL, ?, '1 zł', 0, 4, NULL)",
                (project, currency, kind, qualifier),
            )
    con.rollback()
    con.close()


def test_deterministic(release, tmp_path):
    a = export_sqlite(release, tmp_path / "a" / "projekty.db")
    b = export_sqlite(release, tmp_path / "b" / "projekty.db")
    assert hashlib.sha256(a.read_bytes()).digest() == hashlib.sha256(b.read_bytes()).digest()
    assert (a.parent / "metadata.json").read_bytes() == (b.parent / "metadata.json").read_bytes()


def test_create_table_sql_quotes_keywords():
    sql = create_table_sql(TABLES["dates"])
    assert '"end" TEXT NOT NULL' in sql
    assert 'FOREIGN KEY ("project_id") REFERENCES "projects" ("project_id")' in sql


def test_unresolved_reference_fails_and_writes_nothing(tmp_path):
    tables = fake_tables()
    tables["amounts"] = _frame(
        "amounts",
        [
            {
                "amount_id": "x-m01",
                "project_id": "no-such-project",
                "value": 1.0,
                "currency": "PLN",
                "kind": "other",
                "raw_text": "1 zł",
                "char_start": 0,
                "char_end": 4,
            }
        ],
    )
    write_release(tables, tmp_path / "bad", SOURCES)
    out = tmp_path / "db" / "projekty.db"
    with pytest.raises((sqlite3.IntegrityError, ValueError)):
        export_sqlite(tmp_path / "bad", out)
    assert not out.exists()
    assert list((tmp_path / "db").iterdir()) == []


def test_the_identity_is_the_release_s_own(db):
    _path, con = db
    rows = dict(con.execute("SELECT key, value FROM _dataset"))
    assert (rows["title"], rows["version"], rows["license"]) == ("Przykład", "1.2.3", "CC-BY-4.0")


def test_a_damaged_or_partial_release_is_not_exported(release, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(release, copy)
    (copy / "counts.parquet").write_bytes(b"not what SHA256SUMS says")
    with pytest.raises(OutputError, match="differ from SHA256SUMS"):
        export_sqlite(copy, tmp_path / "a.db")
    (copy / "counts.parquet").unlink()
    with pytest.raises(OutputError, match="missing counts.parquet"):
        export_sqlite(copy, tmp_path / "a.db")
    with pytest.raises(OutputError, match="not a projekty release"):
        export_sqlite(tmp_path, tmp_path / "a.db")
    assert not (tmp_path / "a.db").exists()


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(tmp_path):
    from pipeline.release.emit import write_csv

    df = pd.DataFrame(
        {
            "title": ['=HYPERLINK("http://x")', "+48 123", "-5 osób", "@SUM(A1)", "Zwykły tytuł"],
            "value": [1.0, -2.0, 3.0, 4.0, 5.0],
        }
    )
    write_csv(df, tmp_path / "t.csv")
    back = pd.read_csv(tmp_path / "t.csv")
    assert list(back.title) == ['\'=HYPERLINK("http://x")', "'+48 123", "'-5 osób", "'@SUM(A1)", "Zwykły tytuł"]
    assert list(back.value) == [1.0, -2.0, 3.0, 4.0, 5.0]  # numbers stay numbers
    assert df.title[0].startswith("=")  # the frame itself (and so Parquet) keeps the exact value
