"""Corpus mode: nested raw folders and manifests, worker processes, and the per-document cache."""

import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline import cli
from pipeline.ingest.corpus import discover, doc_id_for, read_manifest, scan, scan_manifest
from pipeline.ingest.decode import InputError
from pipeline.runner import engines

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "gold" / "pages"
runner = CliRunner()


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _run(*args: str) -> None:
    result = runner.invoke(cli.app, ["run", *args])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def nested(tmp_path_factory) -> Path:
    """A raw folder with a top-level page, pages in nested folders and an HTML page."""
    raw = tmp_path_factory.mktemp("nested") / "raw"
    (raw / "site1" / "2019").mkdir(parents=True)
    (raw / "site2").mkdir()
    (raw / ".hidden").mkdir()
    shutil.copy(PAGES / "zwiazek-tytuly.txt", raw / "zwiazek-tytuly.txt")
    shutil.copy(PAGES / "siec-miast-termin-opis.txt", raw / "site1" / "2019" / "projekty.txt")
    shutil.copy(PAGES / "lgd-tabela-projektow.txt", raw / "site1" / "projekty.txt")
    shutil.copy(PAGES / "stowarzyszenie-granty-lista.txt", raw / "site2" / "granty.txt")
    shutil.copy(ROOT / "tests" / "data" / "stowarzyszenie-projekty.html", raw / "site2" / "strona.html")
    shutil.copy(PAGES / "gmina-aktualnosci.txt", raw / ".hidden" / "skipped.txt")
    (raw / "site2" / "notes.json").write_text("{}")
    return raw


def test_doc_ids_keep_top_level_stems_and_join_nested_paths():
    assert doc_id_for("zmp-projekty-zakonczone.txt") == "zmp-projekty-zakonczone"
    assert doc_id_for("site1/2019/projekty.txt") == "site1__2019__projekty"


def test_discovery_is_recursive_sorted_and_unique(nested):
    refs = discover(nested)
    assert [r.doc_id for r in refs] == [
        "site1__2019__projekty",
        "site1__projekty",
        "site2__granty",
        "site2__strona",
        "zwiazek-tytuly",
    ]
    assert len({r.doc_id for r in refs}) == len(refs)
    with pytest.raises(InputError, match="no raw documents"):
        discover(_empty(nested))


def _empty(base: Path) -> Path:
    folder = base.parent / "empty"
    folder.mkdir(exist_ok=True)
    return folder


def test_flat_folder_ids_and_order_are_unchanged():
    from pipeline.ingest.decode import HTML_SUFFIXES, TEXT_SUFFIXES

    suffixes = TEXT_SUFFIXES + HTML_SUFFIXES
    flat = sorted(p for p in (ROOT / "raw").iterdir() if p.is_file() and p.suffix.lower() in suffixes)
    assert [r.path for r in discover(ROOT / "raw")] == flat
    assert [r.doc_id for r in discover(ROOT / "raw")] == [p.stem for p in flat]


def _colliding(base: Path) -> Path:
    """``a/b.txt`` beside ``a__b.txt`` and ``c.txt`` beside ``c.html``: two pairs with one plain id each,
    and ``c-html.txt``, whose plain id is the first renaming ``c.txt`` could get."""
    raw = base / "raw"
    (raw / "a").mkdir(parents=True)
    shutil.copy(PAGES / "zwiazek-tytuly.txt", raw / "a" / "b.txt")
    shutil.copy(PAGES / "lgd-tabela-projektow.txt", raw / "a__b.txt")
    shutil.copy(ROOT / "tests" / "data" / "stowarzyszenie-projekty.html", raw / "c.html")
    shutil.copy(PAGES / "stowarzyszenie-granty-lista.txt", raw / "c.txt")
    shutil.copy(PAGES / "siec-miast-termin-opis.txt", raw / "c-txt.txt")
    return raw


COLLIDING_IDS = {"a/b.txt": "a__b", "a__b.txt": "a__b-txt", "c-txt.txt": "c-txt", "c.html": "c", "c.txt": "c-txt-2"}


def test_colliding_ids_are_renamed_not_dropped(tmp_path):
    raw = _colliding(tmp_path)
    found = scan(raw)
    assert {r.rel: r.doc_id for r in found.refs} == COLLIDING_IDS  # the first in path order keeps the plain id
    assert [r.rel for r in found.refs] == sorted(COLLIDING_IDS, key=lambda rel: Path(rel).parts)
    assert found.renamed == [
        f"{raw / 'a__b.txt'}: doc_id 'a__b' is taken by {raw / 'a' / 'b.txt'}; this file is 'a__b-txt'",
        f"{raw / 'c.txt'}: doc_id 'c' is taken by {raw / 'c.html'}; this file is 'c-txt-2'",
    ]
    jobs, events = engines.plan_jobs(found.refs, raw, {}, None)
    assert events == []  # nothing dropped as a duplicate
    assert sorted(job.ref.doc_id for job in jobs) == sorted(COLLIDING_IDS.values())


def test_manifest_ids_are_renamed_as_the_folder_is(tmp_path):
    raw = _colliding(tmp_path)
    manifest = raw / "manifest.txt"
    listed = ["c.txt", "c.html", "a__b.txt", "c-txt.txt", "a/b.txt", "c.txt"]  # any order; c.txt twice
    manifest.write_text("\n".join(listed) + "\n", encoding="utf-8")
    found = scan_manifest(manifest)
    assert [r.rel for r in found.refs] == listed
    assert [r.doc_id for r in found.refs] == [COLLIDING_IDS[rel] for rel in listed]
    assert found.renamed == scan(raw).renamed
    assert read_manifest(manifest) == found.refs
    _jobs, events = engines.plan_jobs(found.refs, raw, {}, None)
    assert events == [("duplicate", "c.txt: duplicate of c.txt")]  # the same file twice, not a collision


def test_ids_without_collisions_are_unchanged(nested, tmp_path):
    flat = tmp_path / "flat"
    shutil.copytree(PAGES, flat, ignore=shutil.ignore_patterns("README.md"))
    found = scan(flat)
    assert [r.doc_id for r in found.refs] == sorted(p.stem for p in PAGES.glob("*.txt"))
    assert found.renamed == []
    nested_found = scan(nested)
    assert nested_found.renamed == []
    assert {r.rel: r.doc_id for r in nested_found.refs} == {r.rel: doc_id_for(r.rel) for r in nested_found.refs}


# files the manifest tests write into ``nested`` (their manifests are read relative to its pages)
MANIFEST_FILES = ("manifest*", "broken*")


@pytest.fixture(scope="module")
def nested_release(nested, tmp_path_factory) -> Path:
    """The release of ``nested`` as it was made, whichever tests ran before: a manifest test may have written its
    manifest into the folder (under xdist a module's tests run in any order on a worker)."""
    base = tmp_path_factory.mktemp("nested-out")
    raw, out = base / "raw", base / "out"
    shutil.copytree(nested, raw, ignore=shutil.ignore_patterns(*MANIFEST_FILES))
    _run("--raw", str(raw), "--out", str(out), "--no-cache")
    return out


def test_nested_release(nested_release):
    docs = pd.read_parquet(nested_release / "documents.parquet")
    assert list(docs.doc_id) == [
        "site1__2019__projekty",
        "site1__projekty",
        "site2__granty",
        "site2__strona",
        "zwiazek-tytuly",
    ]
    assert list(docs.source_file) == [
        "site1/2019/projekty.txt",
        "site1/projekty.txt",
        "site2/granty.txt",
        "site2/strona.html",
        "zwiazek-tytuly.txt",
    ]
    projects = pd.read_parquet(nested_release / "projects.parquet")
    assert set(projects.doc_id) == set(docs.doc_id)
    assert (nested_release / "texts" / "site2__strona.txt").exists()


def test_two_worker_processes_give_the_same_bytes(nested, nested_release, tmp_path):
    out = tmp_path / "out"
    _run("--raw", str(nested), "--out", str(out), "--no-cache", "--jobs", "2")
    assert _files(out) == _files(nested_release)


def test_manifest_csv_and_text(nested, nested_release, tmp_path):
    csv_manifest = nested / "manifest.csv"
    csv_manifest.write_text(
        "path,url\n"
        "site1/2019/projekty.txt,https://example.org/2019\n"
        "site1/projekty.txt,\n"
        "site2/granty.txt,\n"
        "site2/strona.html,\n"
        "zwiazek-tytuly.txt,\n",
        encoding="utf-8",
    )
    text_manifest = nested / "manifest.txt"
    text_manifest.write_text(
        "# one path a line, then the URL\n"
        "site1/2019/projekty.txt https://example.org/2019\n"
        "site1/projekty.txt\nsite2/granty.txt\nsite2/strona.html\nzwiazek-tytuly.txt\n",
        encoding="utf-8",
    )
    refs = read_manifest(text_manifest)
    assert [r.doc_id for r in refs] == [r.doc_id for r in read_manifest(csv_manifest)]
    assert refs[0].url == "https://example.org/2019"
    outs = []
    for manifest in (csv_manifest, text_manifest):
        out = tmp_path / manifest.suffix[1:]
        _run("--manifest", str(manifest), "--out", str(out), "--no-cache")
        outs.append(out)
    assert _files(outs[0]) == _files(outs[1])
    docs = pd.read_parquet(outs[0] / "documents.parquet")
    assert docs.source_url.iloc[0] == "https://example.org/2019"
    # the same documents as the folder run; only the URL differs
    assert list(docs.doc_id) == list(pd.read_parquet(nested_release / "documents.parquet").doc_id)
    folder_projects = pd.read_parquet(nested_release / "projects.parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(outs[0] / "projects.parquet"), folder_projects)


def test_manifest_with_a_missing_file_rejects_it(nested, tmp_path):
    manifest = nested / "broken.txt"
    manifest.write_text("zwiazek-tytuly.txt\nnot-there.txt\n", encoding="utf-8")
    result = runner.invoke(cli.app, ["run", "--manifest", str(manifest), "--out", str(tmp_path / "o"), "--no-cache"])
    assert result.exit_code == 2
    assert "not-there.txt: cannot read" in result.output
    assert len(pd.read_parquet(tmp_path / "o" / "documents.parquet")) == 1


def test_cache_reprocesses_only_changed_files(nested, nested_release, tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    shutil.copytree(nested, raw, ignore=shutil.ignore_patterns(*MANIFEST_FILES))
    cache_dir = tmp_path / "cache"
    processed: list[str] = []
    real = engines.run_job

    def counting(job):
        processed.append(job.ref.doc_id)
        return real(job)

    monkeypatch.setattr(engines, "run_job", counting)
    args = ["--raw", str(raw), "--cache-dir", str(cache_dir), "--jobs", "1"]  # counted in this process
    _run(*args, "--out", str(tmp_path / "first"))
    assert len(processed) == 5
    assert _files(tmp_path / "first") == _files(nested_release)  # same bytes with the cache as without

    processed.clear()
    _run(*args, "--out", str(tmp_path / "again"))
    assert processed == []
    assert _files(tmp_path / "again") == _files(nested_release)

    page = raw / "site1" / "projekty.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("2017-2019", "2016-2019"), encoding="utf-8")
    processed.clear()
    _run(*args, "--out", str(tmp_path / "changed"))
    assert processed == ["site1__projekty"]
    _run("--raw", str(raw), "--out", str(tmp_path / "fresh"), "--no-cache", "--jobs", "1")
    assert processed == ["site1__projekty", *[r.doc_id for r in discover(raw)]]
    assert _files(tmp_path / "changed") == _files(tmp_path / "fresh")
    assert _files(tmp_path / "changed") != _files(nested_release)
