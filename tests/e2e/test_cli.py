"""End to end: the CLI builds a valid, reproducible release; bad input and invalid data exit non-zero."""

import hashlib
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline import cli
from schemas.models import models
from schemas.tables import TABLES

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    out = tmp_path_factory.mktemp("release") / "outputs"
    result = runner.invoke(cli.app, ["run", "--raw", str(ROOT / "raw"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_every_table_is_written_and_valid(release):
    for name in TABLES:
        df = pd.read_parquet(release / f"{name}.parquet")
        models()[name].validate(df, lazy=True)
        csv = pd.read_csv(release / f"{name}.csv")
        assert list(csv.columns) == TABLES[name].column_names
        assert len(csv) == len(df)
    projects = pd.read_parquet(release / "projects.parquet")
    assert len(projects) == 36
    assert projects.loc[0, "title"].startswith("Nowe wyzwania dla władz lokalnych")


def test_evidence_quotes_the_source_text(release):
    text = (ROOT / "raw" / "zmp-projekty-zakonczone.txt").read_text(encoding="utf-8")
    for name, col in [("amounts", "raw_text"), ("counts", "raw_text"), ("dates", "raw_text"), ("mentions", "text")]:
        df = pd.read_parquet(release / f"{name}.parquet")
        assert len(df) > 0
        assert all(text[s:e] == q for s, e, q in zip(df.char_start, df.char_end, df[col], strict=True))


def test_datapackage_and_checksums(release):
    package = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in package["resources"]] == list(TABLES)
    sums = dict(line.split("  ")[::-1] for line in (release / "SHA256SUMS").read_text().splitlines())
    files = sorted(p.name for p in release.iterdir() if p.name != "SHA256SUMS")
    assert sorted(sums) == files
    for name, digest in sums.items():
        assert hashlib.sha256((release / name).read_bytes()).hexdigest() == digest


def test_committed_release_is_current_and_reproducible(release):
    """Two builds are byte-identical, and outputs/ holds exactly what the code builds now."""
    committed = ROOT / "outputs"
    for path in sorted(release.iterdir()):
        assert (committed / path.name).read_bytes() == path.read_bytes(), f"outputs/{path.name} is out of date"


def test_bad_input_exits_2_and_keeps_good_files(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(ROOT / "raw" / "zmp-projekty-zakonczone.txt", raw / "good.txt")
    (raw / "empty.txt").write_text("\n")
    result = runner.invoke(cli.app, ["run", "--raw", str(raw), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "empty.txt: empty document" in result.output
    assert len(pd.read_parquet(tmp_path / "out" / "projects.parquet")) == 36


def test_missing_raw_folder_exits_2(tmp_path):
    result = runner.invoke(cli.app, ["run", "--raw", str(tmp_path / "nope"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "raw folder not found" in result.output
    assert not (tmp_path / "out").exists()


def test_validation_failure_exits_3_and_writes_nothing(tmp_path, monkeypatch):
    """A run whose tables do not validate (here: an amount whose evidence was altered after extraction)
    exits 3, names the problem, and leaves neither a release nor a half-written folder."""
    import pipeline.release.stage

    built = pipeline.release.stage.chunk_frames

    def broken(*args, **kwargs):
        frames, links = built(*args, **kwargs)
        frames["amounts"].loc[0, "raw_text"] = "7 zł"
        return frames, links

    monkeypatch.setattr(pipeline.release.stage, "chunk_frames", broken)
    out = tmp_path / "out"
    result = runner.invoke(cli.app, ["run", "--raw", str(ROOT / "raw"), "--out", str(out), "--no-cache"])
    assert result.exit_code == 3
    assert "amounts: 1 evidence span(s) do not quote their text" in result.output
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_duplicates_and_pages_without_records_warn_and_strict_fails(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(ROOT / "raw" / "zmp-projekty-zakonczone.txt", raw / "a.txt")
    shutil.copy(ROOT / "raw" / "zmp-projekty-zakonczone.txt", raw / "b.txt")
    (raw / "c.txt").write_text("Kontakt\n\nul. Długa 1, 00-001 Warszawa, tel. 22 000 00 00\n", encoding="utf-8")
    result = runner.invoke(cli.app, ["run", "--raw", str(raw), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "b.txt: duplicate of" in result.output
    assert "c.txt: no project records found" in result.output
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert sorted(docs.doc_id) == ["a", "c"]
    strict = runner.invoke(cli.app, ["run", "--raw", str(raw), "--out", str(tmp_path / "out2"), "--strict"])
    assert strict.exit_code == 2
    assert not (tmp_path / "out2").exists()


def test_killed_write_keeps_the_previous_release(tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert runner.invoke(cli.app, ["run", "--raw", str(ROOT / "raw"), "--out", str(out)]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    import pipeline.release.emit

    arrow_table, calls = pipeline.release.emit._arrow_table, []

    def crash(name, df, version):
        calls.append(name)
        if len(calls) == 4:  # the run is killed half-way through writing the tables
            raise KeyboardInterrupt
        return arrow_table(name, df, version)

    monkeypatch.setattr(pipeline.release.emit, "_arrow_table", crash)
    result = runner.invoke(cli.app, ["run", "--raw", str(ROOT / "raw"), "--out", str(out)])
    assert result.exit_code != 0  # click turns the interrupt into an abort
    assert len(calls) == 4
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temporary folder left behind


def test_a_historical_year_in_a_record_is_released(tmp_path):
    """Dates are kept at millisecond resolution: a year before 1678 (pandas' nanosecond range) is no crash."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "kosciol.txt").write_text(
        "Renowacja kościoła\n\nParafia pw. św. Jana zrealizowała projekt pn. „Renowacja ołtarza” za 100 000 zł. "
        "Ołtarz z 1518 roku odnowiono w 2020 roku.\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli.app, ["run", "--raw", str(raw), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    dates = pd.read_parquet(tmp_path / "out" / "dates.parquet")
    assert sorted(str(d.date()) for d in dates.start) == ["1518-01-01", "2020-01-01"]
    assert "1518-12-31" in (tmp_path / "out" / "dates.csv").read_text(encoding="utf-8")
