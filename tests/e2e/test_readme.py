"""The README's loading snippets (pandas, DuckDB, polars) run against the committed release."""

import csv
import re
import runpy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def test_readme_has_pandas_duckdb_and_polars_snippets():
    text = "\n".join(SNIPPETS)
    for lib in ("import pandas", "import duckdb", "import polars"):
        assert lib in text


@pytest.mark.parametrize("code", SNIPPETS, ids=[s.split("\n", 1)[0] for s in SNIPPETS])
def test_snippet_runs(code, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    script = tmp_path / "snippet.py"
    script.write_text(code, encoding="utf-8")
    runpy.run_path(str(script), run_name="__main__")
    out = capsys.readouterr().out
    assert out.strip(), "the snippet printed nothing"


def test_every_command_is_listed_with_one_line():
    import typer

    from pipeline.cli import app

    group = typer.main.get_command(app)
    names = set(group.commands)
    assert names == {
        "run",
        "evaluate",
        "report",
        "export",
        "cite",
        "changelog",
        "dictionary",
        "ner",
        "segment",
        "orgs",
        "roles",
        "titles",
        "kinds",
        "years",
        "check-models",
        "models",
    }
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in names:
        assert re.search(rf"^\| `projekty {name}\b(?:[^|`]|\\\|)*` \| \S", text, re.M), name
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |", "| 4 |"):
        assert code in text


def test_the_dev_section_counts_the_dev_pages_there_are():
    """CI scores the test split and our own pages, not dev (in-sample, about 10 CPU-minutes; ``make evaluate`` checks
    it): a page keyed into dev without ``make readme`` still shows here."""
    with (ROOT / "tests" / "gold" / "real" / "sources.csv").open(encoding="utf-8", newline="") as fh:
        dev = sum(1 for row in csv.DictReader(fh) if row["split"] == "dev")
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("<!-- quality:dev:start -->") : text.index("<!-- quality:dev:end -->")]
    assert f"**dev split**: {dev} pages." in section
