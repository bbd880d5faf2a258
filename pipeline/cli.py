"""Command line: ``projekty run | evaluate | ner train | ner evaluate``.

Exit codes: 0 ok, 1 scores under their thresholds, 2 bad input, 3 validation failed.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table as RichTable

from pipeline.ingest import InputError, load_sources

ROOT = Path(__file__).resolve().parents[1]
EXIT_OK, EXIT_BELOW_THRESHOLD, EXIT_BAD_INPUT, EXIT_INVALID = 0, 1, 2, 3

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Polish project pages -> research dataset.")
ner_app = typer.Typer(no_args_is_help=True, help="Train and evaluate the Polish NER model.")
app.add_typer(ner_app, name="ner")
console = Console(stderr=True, soft_wrap=True)  # one message per line, whatever the terminal width


def _rel(path: Path) -> Path:
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


@dataclass
class Processed:
    """What the per-document stage gave: per document (doc_id, source file, records, HTML?), the results
    and texts in spools on disk, and the distinct organisation mention forms for resolution."""

    docs: list[tuple[str, str, int, bool]]
    results: object  # pipeline.cache.ResultSpool
    texts: object  # pipeline.cache.TextSpool
    forms: object  # pipeline.resolve.Forms

    def close(self) -> None:
        self.results.close()
        self.texts.close()


def _process(todo, runner, store, label: str, prepare=None) -> Processed:
    """Run the per-document jobs on an engine with a progress bar, results and texts spooled to disk.

    The engine starts before the progress bar (whose refresh thread would rule out forked workers);
    ``prepare`` runs while the workers work (the release stage's imports: 0.6 s of a cold start)."""
    from pipeline.cache import ResultSpool, TextSpool
    from pipeline.engines import DocsPerSecond, stream_results

    results, texts = ResultSpool(), TextSpool()
    docs = []
    try:
        stream = stream_results(todo, runner, store)
        if prepare is not None:
            prepare()
        from pipeline.resolve import Forms

        forms = Forms()
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), DocsPerSecond(),
                      TimeRemainingColumn(), console=console, transient=True) as progress:
            task = progress.add_task(label, total=len(todo))
            for result, text in stream:
                results.add(result)
                texts.add(result.doc_id, text)
                for _pid, m in result.org_pairs:
                    forms.add(m)
                docs.append((result.doc_id, result.source_file, result.n_records, result.is_html))
                progress.advance(task)
    finally:
        runner.close()
    return Processed(docs, results, texts, forms)


def _summary(rows: dict[str, int], share: float | None, seconds: float, valid: str) -> RichTable:
    t = RichTable(title="projekty run")
    t.add_column("table")
    t.add_column("rows", justify="right")
    for name, n in rows.items():
        t.add_row(name, str(n))
    if share is not None:
        t.add_row("text in records", f"{share:.1%}")
    t.add_row("validation", valid)
    t.add_row("time", f"{seconds:.1f} s")
    return t


@app.command()
def run(
    raw: Path = typer.Option(ROOT / "raw", help="Folder of raw documents (.txt, .html; subfolders too) and "
                             "sources.csv."),
    out: Path = typer.Option(ROOT / "outputs", help="Release folder (replaced atomically)."),
    strict: bool = typer.Option(False, help="Treat warnings (duplicates, pages without records) as failures."),
    manifest: Path | None = typer.Option(None, help="CSV or text file listing the raw files (paths relative to "
                                         "it, optional URLs) instead of RAW; sources.csv is read beside it."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes (0: one per CPU, at most one per "
                             "document; 1: all in this process)."),
    engine: str = typer.Option("local", help="local (this process, or a process pool with --jobs) or dask."),
    scheduler: str | None = typer.Option(None, help="Dask scheduler address (default: a local cluster of "
                                         "--jobs workers)."),
    cache_dir: Path = typer.Option(ROOT / ".cache" / "projekty", help="Per-document result cache."),
    cache: bool = typer.Option(True, "--cache/--no-cache", help="Reuse cached per-document results "
                               "(--no-cache processes every document again)."),
) -> None:
    """Build the dataset from RAW into OUT: Parquet + CSV + datapackage.json."""
    from pipeline.cache import ResultCache, SpoolView
    from pipeline.corpus import discover, read_manifest
    from pipeline.engines import ENGINES, make_engine, plan_jobs

    started = time.perf_counter()
    if engine not in ENGINES:
        console.print(f"[red]error[/red]: unknown engine {engine!r} (known: {', '.join(ENGINES)})")
        raise typer.Exit(EXIT_BAD_INPUT)
    source_dir = manifest.parent if manifest is not None else raw
    try:
        sources = load_sources(source_dir)
        refs = read_manifest(manifest) if manifest is not None else discover(raw)
    except InputError as exc:
        console.print(f"[red]error[/red]: {exc}")
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    store = ResultCache(cache_dir) if cache else None
    todo, events = plan_jobs(refs, ROOT, sources, store)
    rejected = sum(kind == "rejected" for kind, _ in events)
    warnings = len(events) - rejected
    for kind, message in events:
        label = "[red]rejected[/red]" if kind == "rejected" else "[yellow]warning[/yellow]"
        console.print(f"{label}: {message}" + (", skipped" if kind == "duplicate" else ""))
    if not todo or ((rejected or warnings) and strict):
        console.print("[red]error[/red]: no release written")
        raise typer.Exit(EXIT_BAD_INPUT)
    done = _process(todo, make_engine(engine, jobs, scheduler), store, "documents", prepare=_prepare_release)
    from pipeline.release import write_streamed_release
    from pipeline.run import resolve_stream
    from pipeline.validate import ValidationFailed

    for _doc_id, source_file, n_records, _is_html in done.docs:
        if not n_records:
            warnings += 1
            console.print(f"[yellow]warning[/yellow]: {source_file}: no project records found")
    if warnings and strict:
        console.print("[red]error[/red]: warnings under --strict; no release written")
        raise typer.Exit(EXIT_BAD_INPUT)
    source_rows = _source_rows(source_dir)
    extracted = SpoolView(done.texts, [doc_id for doc_id, _f, _n, is_html in done.docs if is_html])
    try:
        checked = write_streamed_release(
            done.results.values(), done.texts, resolve_stream(done.forms), out, source_rows, extracted,
            derived=lambda folder, report: _derived(folder, source_rows, done.texts, report),
        )
    except ValidationFailed as exc:
        console.print(_summary({}, None, time.perf_counter() - started, "[red]FAILED[/red]"))
        console.print(f"[red]validation failed[/red]:\n{exc.report()}")
        raise typer.Exit(EXIT_INVALID) from exc
    finally:
        done.close()
    console.print(_summary(checked.rows, checked.record_share, time.perf_counter() - started, "[green]ok[/green]"))
    console.print(f"release written to {_rel(out)}")
    if rejected:
        raise typer.Exit(EXIT_BAD_INPUT)


def _prepare_release() -> None:
    """What the release stage needs, loaded while the workers process documents (pandas, pyarrow,
    pandera and its backends, the schemas, the report, morfeusz for resolution)."""
    import importlib

    for module in ("pipeline.emit", "pipeline.validate", "pipeline.run", "pipeline.report", "pipeline.release"):
        importlib.import_module(module)
    from pipeline.morph import analyse
    from schemas.models import empty_frame, schemas

    analyse("Związek")
    schemas()["documents"].validate(empty_frame("documents"))  # pandera registers its backends on first use


def _derived(folder: Path, source_rows: list[dict], texts: dict[str, str], report=None) -> None:
    """Files made from the written tables: the HTML report and the Croissant description."""
    from pipeline.emit import checksums
    from pipeline.report import write_report
    from schemas.citation import croissant

    parquet = {rel: digest for rel, digest in checksums(folder).items() if rel.endswith(".parquet")}
    (folder / "croissant.json").write_text(
        json.dumps(croissant(source_rows, parquet), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    write_report(folder, folder / "report.html", texts, report)


def _source_rows(raw: Path) -> list[dict]:
    return [
        {"title": s.title or s.doc_id, "path": s.url, "publisher": s.publisher, "retrieved": s.retrieved,
         "license_note": s.license_note}
        for s in load_sources(raw).values()
    ]


@app.command()
def report(
    release: Path = typer.Option(ROOT / "outputs", help="Release folder to describe."),
    out: Path | None = typer.Option(None, help="Where to write the report (default: RELEASE/report.html)."),
) -> None:
    """Write the self-contained HTML report of a release (the release's checksums are refreshed)."""
    from pipeline.emit import write_checksums
    from pipeline.report import load_texts, write_report

    target = out or release / "report.html"
    write_report(release, target, load_texts(release, ROOT))
    if target.parent.resolve() == release.resolve():
        write_checksums(release)
    console.print(f"wrote {_rel(target)}")


@app.command()
def cite(raw: Path = typer.Option(ROOT / "raw", help="Raw folder with sources.csv.")) -> None:
    """Write CITATION.cff and .zenodo.json from the dataset metadata."""
    from schemas.citation import citation_cff, zenodo_json

    rows = _source_rows(raw)
    (ROOT / "CITATION.cff").write_text(citation_cff(rows), encoding="utf-8")
    (ROOT / ".zenodo.json").write_text(json.dumps(zenodo_json(rows), ensure_ascii=False, indent=2) + "\n",
                                       encoding="utf-8")
    console.print("wrote CITATION.cff and .zenodo.json")


@app.command()
def export(
    kind: str = typer.Argument(..., help="Export format: sqlite."),
    release: Path = typer.Option(ROOT / "outputs", help="Release folder."),
    out: Path = typer.Option(ROOT / "dist" / "projekty.db", help="SQLite file to write."),
) -> None:
    """Export a release for other tools (``sqlite``: one file with keys and column descriptions)."""
    from pipeline.export import export_sqlite

    if kind != "sqlite":
        console.print(f"[red]error[/red]: unknown export format {kind!r} (known: sqlite)")
        raise typer.Exit(EXIT_BAD_INPUT)
    export_sqlite(release, out)
    console.print(f"wrote {_rel(out)} (and metadata.json for Datasette)")


@app.command()
def changelog(
    old: Path | None = typer.Option(None, help="Previous release folder (none: first release)."),
    new: Path = typer.Option(ROOT / "outputs", help="New release folder."),
    path: Path = typer.Option(ROOT / "CHANGELOG.md", help="Changelog to update."),
) -> None:
    """Add this version's data changes (rows added/removed/changed per table) to CHANGELOG.md."""
    import tempfile

    from pipeline.changelog import changelog_entry, diff_releases, update_changelog
    from schemas.package import DATASET

    with tempfile.TemporaryDirectory() as empty:
        diff = diff_releases(old or Path(empty), new)
    update_changelog(path, changelog_entry(DATASET["version"], diff, DATASET.get("released")))
    console.print(f"updated {_rel(path)}")


@app.command()
def evaluate(
    gold: Path = typer.Option(ROOT / "tests" / "gold", help="Folder of answer keys (*.yaml)."),
    out: Path | None = typer.Option(None, help="Also write the predicted tables (CSV) here."),
    json_path: Path | None = typer.Option(None, "--json", help="Write the scores as JSON to this file."),
    thresholds: Path = typer.Option(ROOT / "tests" / "gold" / "thresholds.yaml", help="Minimum scores."),
    readme: Path | None = typer.Option(None, help="Rewrite the Quality section of this README."),
    check_readme: Path | None = typer.Option(None, help="Fail when this README's Quality section is stale."),
    errors: bool = typer.Option(False, help="Print every missed and spurious item."),
) -> None:
    """Score the pipeline against the answer keys; exit 1 when a score is under its threshold."""
    from pipeline import evaluate as ev
    from pipeline.corpus import DocRef
    from pipeline.emit import write_csv
    from pipeline.engines import make_engine, plan_jobs
    from pipeline.run import resolve_stream
    from pipeline.tables import collect_tables

    golds = ev.load_gold(gold, ROOT)
    # the same per-document path as `projekty run`, so the scores are the release's scores
    refs = [DocRef(ROOT / g.source_file, g.source_file, g.doc_id) for g in golds]
    todo, events = plan_jobs(refs, ROOT, {}, None)
    for _kind, message in events:
        console.print(f"[red]rejected[/red]: {message}")
    done = _process(todo, make_engine("local", 1, None), None, "gold documents")
    tables = collect_tables(list(done.results.values()), resolve_stream(done.forms), done.texts.__getitem__)
    done.close()
    limits = ev.load_thresholds(thresholds)
    scores = ev.score(golds, tables, ev.MatchConfig.from_thresholds(limits))
    Console(width=None if sys.stdout.isatty() else 220).print(ev.render(scores))
    if errors:
        print(ev.errors_report(scores))
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        for name, df in tables.items():
            write_csv(df, out / f"{name}.csv")
    if json_path is not None:
        json_path.write_text(json.dumps(ev.scores_to_dict(scores), ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8")
    if readme is not None:
        ev.update_readme(readme, ev.to_markdown(scores))
    failures = ev.check_thresholds(scores, limits)
    if check_readme is not None and not ev.readme_is_current(check_readme, ev.to_markdown(scores)):
        failures.append(f"{check_readme}: Quality section is out of date (run projekty evaluate --readme)")
    for msg in failures:
        console.print(f"[red]below threshold[/red]: {msg}")
    if failures:
        raise typer.Exit(EXIT_BELOW_THRESHOLD)


@app.command()
def dictionary(out: Path = typer.Option(ROOT / "docs" / "data-dictionary.md", help="Where to write it.")) -> None:
    """Write the data dictionary generated from schemas/ (fields and tables)."""
    from schemas.dictionary import data_dictionary

    out.write_text(data_dictionary() + "\n", encoding="utf-8")
    console.print(f"wrote {_rel(out)}")


@ner_app.command("train")
def ner_train(
    corpus: Path = typer.Option(..., help="KPWr folder with train.txt and test.txt."),
    model: Path = typer.Option(ROOT / "pipeline" / "models" / "ner_pl", help="Where to write the model."),
) -> None:
    """Train the NER model on KPWr (fixed seed, CPU)."""
    from pipeline.ner.train import train

    train(corpus, model)


@ner_app.command("evaluate")
def ner_evaluate(
    corpus: Path = typer.Option(..., help="KPWr folder with test.txt."),
    model: Path = typer.Option(ROOT / "pipeline" / "models" / "ner_pl", help="Model to evaluate."),
) -> None:
    """P/R/F1 per label on the KPWr test split."""
    from pipeline.ner.train import evaluate as ner_eval

    scores = ner_eval(model, corpus)
    t = RichTable(title="NER on KPWr test")
    for col in ("label", "precision", "recall", "f1"):
        t.add_column(col)
    for label, s in [*scores["per_label"].items(), ("micro", scores["micro"])]:
        t.add_row(label, f"{s['p']:.3f}", f"{s['r']:.3f}", f"{s['f']:.3f}")
    Console().print(t)


def main() -> None:  # pragma: no cover - console script
    sys.exit(app())


if __name__ == "__main__":  # pragma: no cover
    main()
