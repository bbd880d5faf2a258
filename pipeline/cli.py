"""Command line: ``projekty run | evaluate | report | export | cite | changelog | dictionary | ner``.

The CLI parses flags, calls the library (:mod:`pipeline.api`), prints and maps errors to exit codes.
Every user error is one line ``error: <file>: <what is wrong>`` on stderr; an internal bug prints a short
traceback (never local variables) and exits 1.
"""

from __future__ import annotations

import functools
import json
import sys
import traceback
from importlib import metadata
from pathlib import Path

import click
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table as RichTable

from pipeline.ingest.decode import InputError

EXIT_OK, EXIT_BUG, EXIT_BAD_INPUT, EXIT_INVALID, EXIT_BELOW_THRESHOLD = 0, 1, 2, 3, 4
EXIT_CODES = (
    "Exit codes: 0 done; 1 internal error (a bug: short traceback); 2 bad input (wrong path or option, "
    "an output that may not be replaced, a bad dataset.yaml) or, for run, some files were rejected while "
    "the others were released (with --strict nothing is written); 3 the tables failed validation "
    "(nothing written); 4 evaluate: a score is under its threshold."
)

MODEL_DIR = Path(__file__).resolve().parent / "models" / "ner_pl"  # package data

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    pretty_exceptions_short=True,
    help="Polish project pages -> research dataset.\n\n" + EXIT_CODES,
)
ner_app = typer.Typer(no_args_is_help=True, help="Train and evaluate the Polish NER model.")
app.add_typer(ner_app, name="ner")
segment_app = typer.Typer(no_args_is_help=True, help="Train and cross-validate the learned segmenter.")
app.add_typer(segment_app, name="segment")
orgs_app = typer.Typer(no_args_is_help=True, help="Train the organisation acceptor.")
app.add_typer(orgs_app, name="orgs")
roles_app = typer.Typer(no_args_is_help=True, help="Train and cross-validate the role model.")
app.add_typer(roles_app, name="roles")
titles_app = typer.Typer(no_args_is_help=True, help="Train and cross-validate the title model.")
app.add_typer(titles_app, name="titles")
years_app = typer.Typer(no_args_is_help=True, help="Train and cross-validate the year model.")
app.add_typer(years_app, name="years")
kinds_app = typer.Typer(no_args_is_help=True, help="Train and cross-validate the model of amount kinds.")
app.add_typer(kinds_app, name="kinds")
console = Console(stderr=True, soft_wrap=True)  # one message per line, whatever the terminal width


def version() -> str:
    """The package's version, from its metadata (pyproject.toml is the one place it is written)."""
    try:
        return metadata.version("projekty")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a checkout without install
        return "unknown"


def _version_callback(value: bool) -> None:
    if value:
        print(f"projekty {version()}")
        raise typer.Exit()


@app.callback()
def _main(
    _version: bool = typer.Option(
        False, "--version", callback=_version_callback, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Polish project pages -> research dataset."""


def command(target: typer.Typer = app, name: str | None = None):
    """``target.command`` whose function turns a user error (InputError) into one ``error:`` line and
    exit 2, whether it is called by the console script or by typer's test runner."""

    def decorate(func):
        @functools.wraps(func)
        def run_command(*args, **kwargs):
            try:
                return func(*args, **kwargs)
            except InputError as exc:
                raise fail(str(exc)) from exc

        return target.command(name, epilog=EXIT_CODES)(run_command)

    return decorate


def fail(message: str, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    """Print one ``error:`` line and give the exit to raise."""
    console.print(f"[red]error[/red]: {escape(message)}")
    return typer.Exit(code)


def _rel(path: Path) -> Path:
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


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


_LABELS = {
    "rejected": "[red]rejected[/red]",
    "skipped": "[yellow]skipped[/yellow]",
    "warning": "[yellow]warning[/yellow]",
    "duplicate": "[yellow]warning[/yellow]",
}


def _notify(kind: str, message: str) -> None:
    console.print(f"{_LABELS.get(kind, kind)}: {escape(message)}" + (", skipped" if kind == "duplicate" else ""))


class _Bar:
    """A progress bar for :func:`pipeline.api.build_release` (a context manager with ``advance``)."""

    def __init__(self, label: str, total: int):
        self.label, self.total = label, total

    def __enter__(self) -> _Bar:
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self._progress.__enter__()
        self._task = self._progress.add_task(self.label, total=self.total)
        return self

    def advance(self) -> None:
        self._progress.advance(self._task)

    def __exit__(self, *exc) -> None:
        self._progress.__exit__(*exc)


@command()
def run(
    raw: Path = typer.Option(
        Path("raw"),
        help="Folder of raw documents (.txt, .html; subfolders too) with "
        "sources.csv and dataset.yaml (the dataset's title, version, authors, licence).",
    ),
    out: Path = typer.Option(
        Path("outputs"),
        help="Release folder: new, empty, or an earlier projekty release "
        "(replaced atomically). Never the raw folder or a folder of other files.",
    ),
    strict: bool = typer.Option(False, help="Write nothing when any file is rejected or warned about."),
    manifest: Path | None = typer.Option(
        None,
        help="CSV or text file listing the raw files (paths relative to "
        "it, optional URLs) instead of RAW; sources.csv is read beside it.",
    ),
    jobs: int = typer.Option(
        0,
        "--jobs",
        "-j",
        min=0,
        help="Worker processes (0: one per CPU, at most one per document; 1: all in this process).",
    ),
    engine: str = typer.Option("local", help="local (this process, or a process pool with --jobs) or dask."),
    scheduler: str | None = typer.Option(
        None, help="Dask scheduler address (default: a local cluster of --jobs workers)."
    ),
    cache_dir: Path | None = typer.Option(
        None, help="Per-document result cache (default: the user's cache folder, ~/.cache/projekty)."
    ),
    cache: bool = typer.Option(
        True,
        "--cache/--no-cache",
        help="Reuse cached per-document results (--no-cache processes every document again).",
    ),
    html_main: str | None = typer.Option(
        None,
        help="CSS selector of HTML pages' main content (e.g. "
        "'div.article-body'); default: found from <main>, <article> and common "
        "CMS containers.",
    ),
    doc_timeout: float = typer.Option(
        600.0,
        min=0,
        help="Seconds one document may take; a document that takes "
        "longer is rejected and the others are released (0: no limit).",
    ),
    ner: bool = typer.Option(
        True,
        "--ner/--no-ner",
        help="--no-ner: organisations from the rules alone; the NER model is not loaded (no PER/LOC mentions either).",
    ),
) -> None:
    """Build the dataset from RAW into OUT: Parquet + CSV + datapackage.json, report, croissant.json.

    Files that cannot be read are listed as rejected and the others are released (exit 2); with
    --strict nothing is written. Unsupported files (.pdf, .docx ...) are listed as skipped."""
    from pipeline.api import build_release
    from pipeline.release.validate import ValidationFailed

    try:
        summary = build_release(
            raw,
            out,
            jobs=jobs,
            engine=engine,
            scheduler=scheduler,
            cache_dir=cache_dir,
            cache=cache,
            strict=strict,
            manifest=manifest,
            doc_timeout=doc_timeout,
            html_main=html_main,
            ner=ner,
            notify=_notify,
            progress=lambda total: _Bar("documents", total),
        )
    except ValidationFailed as exc:
        console.print(f"[red]validation failed[/red]: no release written\n{escape(exc.report())}")
        raise typer.Exit(EXIT_INVALID) from exc
    console.print(_summary(summary.rows, summary.record_share, summary.seconds, "[green]ok[/green]"))
    console.print(f"release written to {_rel(summary.out)}")
    if summary.rejected:
        console.print(f"[yellow]{len(summary.rejected)} file(s) rejected[/yellow]: the release holds the others")
        raise typer.Exit(EXIT_BAD_INPUT)


@command()
def report(
    release: Path = typer.Option(..., help="Release folder to describe (written by projekty run)."),
    out: Path | None = typer.Option(
        None,
        help="Where to write the report (default: RELEASE/report.html, whose entry in SHA256SUMS is then refreshed).",
    ),
    root: Path = typer.Option(Path("."), help="Folder the documents' source_file paths are relative to."),
) -> None:
    """Write the self-contained HTML report of a release."""
    from pipeline.release.emit import write_checksums
    from pipeline.release.outdir import check_release
    from pipeline.report.html import write_report
    from pipeline.report.load import load_texts

    check_release(release)
    target = out or release / "report.html"
    if target.is_dir():
        raise fail(f"{target}: is a folder; give the report's file name")
    write_report(release, target, load_texts(release, root))
    if target.parent.resolve() == release.resolve():
        write_checksums(release)
    console.print(f"wrote {_rel(target)}")


@command()
def cite(
    raw: Path = typer.Option(..., help="Raw folder with dataset.yaml (the dataset's identity) and sources.csv."),
    out: Path = typer.Option(..., help="Folder to write CITATION.cff and .zenodo.json into."),
) -> None:
    """Write CITATION.cff and .zenodo.json from the dataset's identity (RAW/dataset.yaml)."""
    from pipeline.api import dataset_identity, source_rows
    from pipeline.release.outdir import atomic_write_text
    from schemas.citation import citation_cff, zenodo_json

    if not raw.is_dir():
        raise fail(f"{raw}: raw folder not found")
    if out.exists() and not out.is_dir():
        raise fail(f"{out}: exists and is not a folder")
    dataset, rows = dataset_identity(raw), source_rows(raw)
    atomic_write_text(out / "CITATION.cff", citation_cff(dataset, rows))
    atomic_write_text(out / ".zenodo.json", json.dumps(zenodo_json(dataset, rows), ensure_ascii=False, indent=2) + "\n")
    console.print(f"wrote {_rel(out / 'CITATION.cff')} and {_rel(out / '.zenodo.json')}")


@command()
def export(
    kind: str = typer.Argument(..., help="Export format: sqlite."),
    release: Path = typer.Option(..., help="Release folder (verified against its SHA256SUMS first)."),
    out: Path = typer.Option(..., help="SQLite file to write (metadata.json for Datasette goes beside it)."),
) -> None:
    """Export a release for other tools (``sqlite``: one file with keys and column descriptions)."""
    from pipeline.release.export import export_sqlite

    if kind != "sqlite":
        raise fail(f"{kind}: unknown export format (known: sqlite)")
    if out.is_dir():
        raise fail(f"{out}: is a folder; give the database's file name")
    export_sqlite(release, out)
    console.print(f"wrote {_rel(out)} (and metadata.json for Datasette)")


@command()
def changelog(
    new: Path = typer.Option(..., help="New release folder."),
    path: Path = typer.Option(..., help="Changelog file to update (created when missing)."),
    old: Path | None = typer.Option(None, help="Previous release folder (none: first release)."),
) -> None:
    """Add the new release's data changes (rows added/removed/changed per table) to a changelog."""
    import tempfile

    from pipeline.release.changelog import changelog_entry, diff_releases, update_changelog
    from pipeline.release.export import release_dataset
    from pipeline.release.outdir import check_release

    check_release(new)
    if old is not None:
        check_release(old)
    dataset = release_dataset(new)
    with tempfile.TemporaryDirectory() as empty:
        diff = diff_releases(old or Path(empty), new)
    update_changelog(path, changelog_entry(dataset["version"], diff, dataset.get("released")))
    console.print(f"updated {_rel(path)}")


@command()
def evaluate(
    gold: Path = typer.Option(
        Path("tests/gold"), help="Folder of answer keys (*.yaml; the real-page corpus in GOLD/real)."
    ),
    split: str = typer.Option(
        "seen",
        help="seen (the source page and our own pages), dev or test (the real-page "
        "corpus, split by publisher), or all.",
    ),
    out: Path | None = typer.Option(None, help="Also write the predicted tables (CSV) into this folder."),
    json_path: Path | None = typer.Option(None, "--json", help="Write the scores as JSON to this file."),
    thresholds: Path | None = typer.Option(
        None,
        help="Minimum scores (default: GOLD/thresholds.yaml for seen, "
        "GOLD/real/thresholds-SPLIT.yaml for dev and test, none for all).",
    ),
    readme: Path | None = typer.Option(None, help="Rewrite this split's Quality section of this README."),
    check_readme: Path | None = typer.Option(None, help="Fail when this split's Quality section is stale."),
    errors: bool = typer.Option(False, help="Print every missed and spurious item."),
    root: Path = typer.Option(Path("."), help="Folder the keys' source_file paths are relative to."),
    ner_mode: str = typer.Option(
        "both",
        help="Where organisations come from: both (rules and the NER model, as "
        "projekty run), rules (the model is not loaded) or model (the model's ORG spans "
        "alone): an ablation.",
    ),
    no_ner: bool = typer.Option(False, "--no-ner", help="Rules alone, the model not loaded (= --ner-mode rules)."),
    ablation: bool = typer.Option(
        False,
        "--ablation",
        help="Also score organisations with the rules only and the model only and print the table of the "
        "three; with --readme/--check-readme, write or check the split's ablation section as well.",
    ),
    jobs: int = typer.Option(1, min=1, help="Worker processes for the pipeline runs (the scores are the same)."),
) -> None:
    """Score the pipeline against the answer keys; exit 4 when a score is under its threshold."""
    from pipeline.evaluate import run
    from pipeline.evaluate import score as ev
    from pipeline.release.emit import write_csv
    from pipeline.release.outdir import atomic_write_text

    ner_mode = run.ner_mode_of(ner_mode, no_ner)
    run.check_split(split, gold)
    run.thresholds_for(split, gold, thresholds)
    if out is not None and out.exists() and any(out.iterdir()):
        raise fail(f"{out}: folder is not empty; give a new or empty folder for the predicted tables")
    failures: list[str] = []
    if ablation:
        result = _ablation(gold, split, root, thresholds, jobs, (readme, check_readme), failures)
    else:
        bar = lambda total: _Bar("gold documents", total)  # noqa: E731
        result = run.evaluate(gold, split, root, ner_mode, thresholds, bar, _notify, jobs)
    if result.page is not None:
        print(result.markdown)
    else:
        Console(width=None if sys.stdout.isatty() else 220).print(ev.render(result.scores))
    if errors:
        print(ev.errors_report(result.scores))
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        for name, df in result.tables.items():
            write_csv(df, out / f"{name}.csv")
    if json_path is not None:
        atomic_write_text(json_path, json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    if readme is not None:
        ev.update_readme(readme, result.markdown, split)
    failures += result.failures()
    if check_readme is not None and not ev.readme_is_current(check_readme, result.markdown, split):
        failures.append(
            f"{check_readme}: the {split} Quality section is out of date "
            f"(run projekty evaluate --split {split} --readme {check_readme})"
        )
    for msg in failures:
        console.print(f"[red]below threshold[/red]: {escape(msg)}")
    if failures:
        raise typer.Exit(EXIT_BELOW_THRESHOLD)


def _ablation(
    gold: Path,
    split: str,
    root: Path,
    thresholds: Path | None,
    jobs: int,
    readmes: tuple[Path | None, Path | None],
    failures: list[str],
):
    """Score the split in the three modes; print, write or check its ablation section (a stale one is added to
    ``failures``) and give the ``both`` run, the split's own evaluation, for the rest of ``evaluate``."""
    from pipeline.evaluate import score as ev
    from pipeline.evaluate.ablation import ablation, section

    readme, check_readme = readmes
    result, both = ablation(gold, split, root, lambda total: _Bar("gold documents", total), _notify, thresholds, jobs)
    print(result.markdown)
    if readme is not None:
        ev.update_readme(readme, result.markdown, section(split))
    if check_readme is not None and not ev.readme_is_current(check_readme, result.markdown, section(split)):
        failures.append(
            f"{check_readme}: the {split} ablation section is out of date "
            f"(run projekty evaluate --split {split} --ablation --readme {check_readme})"
        )
    return both


@command()
def dictionary(
    out: Path = typer.Option(..., help="Where to write the data dictionary (Markdown)."),
    raw: Path | None = typer.Option(None, help="Raw folder whose dataset.yaml names the dataset."),
) -> None:
    """Write the data dictionary generated from schemas/ (fields and tables)."""
    from pipeline.api import dataset_identity
    from pipeline.release.outdir import atomic_write_text
    from schemas.dictionary import data_dictionary
    from schemas.identity import default_dataset

    if out.is_dir():
        raise fail(f"{out}: is a folder; give the dictionary's file name")
    dataset = dataset_identity(raw) if raw is not None else default_dataset("projekty")
    atomic_write_text(out, data_dictionary(dataset) + "\n")
    console.print(f"wrote {_rel(out)}")


@command(segment_app, "train")
def segment_train(
    gold: Path = typer.Option(Path("tests/gold"), help="Answer keys: seen keys (*.yaml) and GOLD/real (dev split)."),
    model: Path = typer.Option(
        Path(__file__).resolve().parent / "models" / "segmenter.crfsuite",
        help="Where to write the model (the pipeline uses it when it is there).",
    ),
    check: bool = typer.Option(False, "--check", help="Fail when the shipped segmenter is not what training gives."),
) -> None:
    """Train the line labeller and page-kind step on the seen pages and the dev split (never test)."""
    from pipeline.segment.learned import page_path, train, training_examples

    if not gold.is_dir():
        raise fail(f"{gold}: answer-key folder not found")
    examples = training_examples(gold, Path("."))
    _write_or_check(
        model,
        check,
        lambda path: train(examples, path),
        "segment train",
        f"{len(examples)} pages, {sum(len(e.labels) for e in examples)} lines",
        files=lambda path: (path, page_path(path)),
    )


@command(segment_app, "cv")
def segment_cv(
    gold: Path = typer.Option(Path("tests/gold"), help="Answer keys (seen + GOLD/real dev split)."),
    folds: int = typer.Option(5, min=2, help="Folds; dev pages are folded by publisher."),
    whole: bool = typer.Option(
        False,
        "--whole",
        help="Run every dev page through the whole pipeline with its fold's segmenter and score the tables "
        "as `projekty evaluate` does (record counts in range, titles, values), not record starts alone.",
    ),
    jobs: int = typer.Option(1, min=1, help="Worker processes for --whole."),
    titles: bool = typer.Option(
        False, "--titles", help="With --whole: hold out the title model too (fitted per fold; about 80 s more)."
    ),
    json_path: Path | None = typer.Option(None, "--json", help="With --whole: also write the scores as JSON."),
) -> None:
    """Record-start F1 on the dev split by publisher-folded cross-validation: the model against the rules
    (with --whole: the pipeline's scores with the segmenter held out)."""
    import csv

    from pipeline.segment.learned import cross_validate, training_examples

    if not (gold / "real" / "sources.csv").is_file():
        raise fail(f"{gold / 'real'}: no real-page corpus (sources.csv)")
    if whole:
        from pipeline.evaluate.segment_cv import whole_pipeline_cv
        from pipeline.release.outdir import atomic_write_text

        folded = whole_pipeline_cv(
            gold, Path("."), folds, jobs, notify=lambda m: console.print(m, style="dim"), titles=titles
        )
        print(folded.markdown())
        if json_path is not None:
            atomic_write_text(json_path, json.dumps(folded.to_dict(), indent=1) + "\n")
        return
    examples = training_examples(gold, Path("."))
    with (gold / "real" / "sources.csv").open(encoding="utf-8", newline="") as fh:
        groups = {r["doc_id"]: r["site"] for r in csv.DictReader(fh) if r["split"] == "dev"}
    result = cross_validate(examples, folds, groups, {e.doc_id for e in examples if e.doc_id not in groups})
    print(json.dumps(result, indent=2))


def _write_or_check(target: Path, check: bool, write, command: str, summary: str, files=lambda path: (path,)) -> None:
    """Write a trained model to ``target`` (``write(path)`` writes it and returns the path); with ``check``,
    fail unless the files there are byte for byte what training gives now. ``files(path)``: the files training
    writes for ``path`` (the segmenter's page-kind step beside it)."""
    import tempfile

    if check:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = [p.read_bytes() for p in files(write(Path(tmp) / target.name))]
        mine = files(target)
        stale = [p for p, new in zip(mine, fresh, strict=True) if not p.is_file() or p.read_bytes() != new]
        if stale:
            names = ", ".join(str(_rel(p)) for p in stale)
            verb = "is" if len(stale) == 1 else "are"
            raise fail(f"{names} {verb} not what `projekty {command}` gives now: retrain and commit it")
        names = ", ".join(str(_rel(p)) for p in mine)
        console.print(f"{names} {'is' if len(mine) == 1 else 'are'} current ({summary})")
        return
    console.print(f"wrote {_rel(write(target))} ({summary})")


@command(orgs_app, "train")
def orgs_train(
    gold: Path = typer.Option(Path("tests/gold"), help="Answer keys: seen keys (*.yaml) and GOLD/real (dev split)."),
    model: Path | None = typer.Option(None, help="Where to write the acceptor (default: the shipped one)."),
    check: bool = typer.Option(False, "--check", help="Fail when the shipped acceptor is not what training gives now."),
    tagger: bool = typer.Option(
        True,
        "--tagger/--no-tagger",
        help="First train (or --check) the shipped ORG tagger from the same sentences (as projekty ner tagger).",
    ),
) -> None:
    """Train the domain ORG tagger, then the organisation acceptor that weighs its spans, on the seen pages
    and the dev split (never test): which mentions the keys keep (pipeline/extract/orgs/acceptor.py,
    pipeline/models/MODEL_CARD.md). The two share one build of the tagger's sentences."""
    from pipeline.extract.orgs.acceptor import MODEL_PATH
    from pipeline.extract.orgs.acceptor_train import C2, THRESHOLD, fit_both, training_examples, write_acceptor
    from pipeline.ner.tagger import load_tagger

    if not gold.is_dir():
        raise fail(f"{gold}: answer-key folder not found")
    seqs = None
    if tagger:
        from pipeline.ner.tagger_train import sequences

        seqs = sequences()
        _write_or_check_tagger(seqs, None, check)
        load_tagger.cache_clear()  # a tagger read before it was rewritten is not the one to use
    examples = training_examples(gold, Path("."), seqs=seqs)
    meta = {
        "pages": len({e.doc_id for e in examples}),
        "mentions": len(examples),
        "kept": sum(e.label for e in examples),
        "c2": C2,
    }
    _write_or_check(
        model or MODEL_PATH,
        check,
        lambda path: write_acceptor(fit_both(examples), THRESHOLD, meta, path),
        "orgs train",
        f"{meta['pages']} pages, {meta['mentions']} mentions, {meta['kept']} kept",
    )


@command(roles_app, "train")
def roles_train(
    gold: Path = typer.Option(Path("tests/gold"), help="Answer keys: seen keys (*.yaml) and GOLD/real (dev split)."),
    model: Path | None = typer.Option(None, help="Where to write the role model (default: the shipped one)."),
    check: bool = typer.Option(False, "--check", help="Fail when the shipped role model is stale."),
    cv: bool = typer.Option(False, "--cv", help="Also print publisher-folded cross-validated accuracy."),
) -> None:
    """Train the role model on the seen pages and the dev split (never test): the roles of mentions no cue
    decides (pipeline/roles/learned.py, pipeline/models/MODEL_CARD.md)."""
    from pipeline.roles.learned import MODEL_PATH
    from pipeline.roles.train import C2, cross_validate, fit, training_examples, write_role_model

    if not gold.is_dir():
        raise fail(f"{gold}: answer-key folder not found")
    examples = training_examples(gold, Path("."))
    meta = {"pages": len({e.doc_id for e in examples}), "mentions": len(examples), "c2": C2}
    if cv:
        console.print(json.dumps(cross_validate(examples)))
    _write_or_check(
        model or MODEL_PATH,
        check,
        lambda path: write_role_model(fit(examples), meta, path),
        "roles train",
        f"{meta['pages']} pages, {meta['mentions']} mentions",
    )


@command(kinds_app, "train")
def kinds_train(
    gold: Path = typer.Option(Path("tests/gold"), help="Answer keys: seen keys (*.yaml) and GOLD/real (dev split)."),
    model: Path | None = typer.Option(None, help="Where to write the kind model (default: the shipped one)."),
    check: bool = typer.Option(False, "--check", help="Fail when the shipped kind model is stale."),
    cv: bool = typer.Option(False, "--cv", help="Also print publisher-folded cross-validated accuracy."),
) -> None:
    """Train the kind model on the seen pages and the dev split (never test): the kinds of amounts no cue
    decides (pipeline/extract/kind_model.py, pipeline/models/MODEL_CARD.md)."""
    from pipeline.extract.kind_model import MODEL_PATH
    from pipeline.extract.kind_train import C2, cross_validate, fit, training_examples, write_kind_model

    if not gold.is_dir():
        raise fail(f"{gold}: answer-key folder not found")
    examples = training_examples(gold, Path("."))
    meta = {"pages": len({e.doc_id for e in examples}), "amounts": len(examples), "c2": C2}
    if cv:
        console.print(json.dumps(cross_validate(examples)))
    _write_or_check(
        model or MODEL_PATH,
        check,
        lambda path: write_kind_model(fit(examples), meta, path),
        "kinds train",
        f"{meta['pages']} pages, {meta['amounts']} amounts",
    )


@command(titles_app, "train")
def titles_train(
    gold: Path = typer.Option(Path("tests/gold"), help="Answer keys: seen keys (*.yaml) and GOLD/real (dev split)."),
    model: Path | None = typer.Option(None, help="Where to write the title model (default: the shipped one)."),
    check: bool = typer.Option(False, "--check", help="Fail when the shipped title model is stale."),
    cv: bool = typer.Option(False, "--cv", help="Also print publisher-folded cross-validated exact titles."),
) -> None:
    """Train the title model on the seen pages and the dev split (never test): which span names a record's
    project (pipeline/segment/titles.py, pipeline/models/MODEL_CARD.md)."""
    from pipeline.segment.title_train import C2, cross_validate, fit, training_groups, write_title_model
    from pipeline.segment.titles import MODEL_PATH

    if not gold.is_dir():
        raise fail(f"{gold}: answer-key folder not found")
    groups = training_groups(gold, Path("."))
    meta = {"pages": len({g.doc_id for g in groups}), "records": len(groups), "c2": C2}
    if cv:
        console.print(json.dumps(cross_validate(groups)))
    _write_or_check(
        model or MODEL_PATH,
        check,
        lambda path: write_title_model(fit(groups), meta, path),
        "titles train",
        f"{meta['pages']} pages, {meta['records']} records",
    )


@command(years_app, "train")
def years_train(
    gold: Path = typer.Option(Path("tests/gold"), help="Answer keys: seen keys (*.yaml) and GOLD/real (dev split)."),
    model: Path | None = typer.Option(None, help="Where to write the year model (default: the shipped one)."),
    check: bool = typer.Option(False, "--check", help="Fail when the shipped year model is stale."),
    cv: bool = typer.Option(False, "--cv", help="Also print publisher-folded cross-validated record years."),
) -> None:
    """Train the year model on the seen pages and the dev split (never test): which years a record ran in, among
    those its text offers (pipeline/extract/year_model.py, pipeline/models/MODEL_CARD.md)."""
    from pipeline.extract.year_model import MODEL_PATH
    from pipeline.extract.year_train import C2, cross_validate, fit, training_groups, write_year_model

    if not gold.is_dir():
        raise fail(f"{gold}: answer-key folder not found")
    groups = training_groups(gold, Path("."))
    meta = {"pages": len({g.doc_id for g in groups}), "records": len(groups), "c2": C2}
    if cv:
        console.print(json.dumps(cross_validate(groups)))
    _write_or_check(
        model or MODEL_PATH,
        check,
        lambda path: write_year_model(fit(groups), meta, path),
        "years train",
        f"{meta['pages']} pages, {meta['records']} records",
    )


CHECKED_MODELS = ("segmenter", "orgs", "kinds", "roles", "titles", "years")


@command(app, "check-models")
def check_models(
    gold: Path = typer.Option(Path("tests/gold"), help="Answer keys: seen keys (*.yaml) and GOLD/real (dev split)."),
    only: str = typer.Option(
        ",".join(CHECKED_MODELS),
        help="Which to reproduce, comma-separated: segmenter, orgs (the ORG tagger and the acceptor), kinds, roles, "
        "titles, years.",
    ),
) -> None:
    """Fail unless each learned model is what training gives now, byte for byte (each as its ``train --check``;
    ``make check-models`` runs two of these at once, then records the lock CI checks). The kind, role, title and
    year models learn from what the shipped pipeline extracts on every keyed page, so each page is extracted once
    for the four."""
    from pipeline.runner.document import sharing_records
    from pipeline.segment.learned import MODEL_PATH as SEGMENTER

    wanted = [m.strip() for m in only.split(",") if m.strip()]
    unknown = sorted(set(wanted) - set(CHECKED_MODELS))
    if unknown or not wanted:
        raise fail(f"--only: {', '.join(unknown) or 'nothing'}: not among {', '.join(CHECKED_MODELS)}")
    if "segmenter" in wanted:
        segment_train(gold=gold, model=SEGMENTER, check=True)
    if "orgs" in wanted:
        orgs_train(gold=gold, model=None, check=True, tagger=True)
    with sharing_records():
        trainers = (("kinds", kinds_train), ("roles", roles_train), ("titles", titles_train), ("years", years_train))
        for name, train in trainers:
            if name in wanted:
                train(gold=gold, model=None, check=True, cv=False)


models_app = typer.Typer(no_args_is_help=True, help="The lock of the learned models (what CI checks).")
app.add_typer(models_app, name="models")


def _lock_root(gold: Path) -> Path:
    """The checkout whose models the lock covers (this package's), once the keys folder is there."""
    if not gold.is_dir():
        raise fail(f"{gold}: answer-key folder not found")
    return Path(__file__).resolve().parents[1]


@command(models_app, "status")
def models_status(
    gold: Path = typer.Option(Path("tests/gold"), help="Answer keys: seen keys (*.yaml) and GOLD/real (dev split)."),
) -> None:
    """Fail unless every learned model file is the one pipeline/models/models.lock.json records, and the keys, code,
    NER model and libraries it was trained from are unchanged (seconds; no training)."""
    from pipeline.evaluate.model_lock import current_inputs, differences, model_hashes, read_lock

    root = _lock_root(gold)
    try:
        locked = read_lock(root)
    except ValueError as exc:
        raise fail(str(exc)) from exc
    found = differences(locked, current_inputs(root, gold), model_hashes(root))
    if found:
        raise fail(
            "the learned models are not locked to what they would be trained from now: "
            + "; ".join(found)
            + ". Retrain (make models), or reproduce them and re-lock (make check-models)"
        )
    console.print(f"every learned model is the locked one, its inputs unchanged ({locked['inputs']['pages']} pages)")


@command(models_app, "lock")
def models_lock(
    gold: Path = typer.Option(Path("tests/gold"), help="Answer keys: seen keys (*.yaml) and GOLD/real (dev split)."),
) -> None:
    """Record the learned models' files and what they were trained from in pipeline/models/models.lock.json. Only
    right after every model was trained (``make models``) or reproduced byte for byte (``make check-models``):
    both run it."""
    from pipeline.evaluate.model_lock import write_lock

    root = _lock_root(gold)
    try:
        path = write_lock(root, gold)
    except ValueError as exc:
        raise fail(str(exc)) from exc
    console.print(f"wrote {_rel(path)}")


@command(ner_app, "train")
def ner_train(
    corpus: Path = typer.Option(..., help="KPWr folder with train.txt and test.txt."),
    model: Path = typer.Option(MODEL_DIR, help="Where to write the model."),
    projected: str = typer.Option(
        "seen,dev",
        help="Answer keys whose ORG spans, projected onto their pages, join "
        "the training set in stage 2: seen,dev, seen, dev, or none (KPWr alone, stage 1 "
        "only). Never test.",
    ),
    projected_repeat: int = typer.Option(3, min=0, help="Times each projected sentence is added."),
    init_model: Path | None = typer.Option(
        None, help="Skip stage 1 and fine-tune this KPWr model (e.g. the E11 model of git history)."
    ),
    work: Path | None = typer.Option(
        None, help="Folder for the converted corpus and spaCy's training output (default: corpus/ner, git-ignored)."
    ),
) -> None:
    """Train the NER model (fixed seed, CPU): stage 1 on KPWr, stage 2 fine-tunes it with the ORG spans of the
    answer keys projected onto their pages (pipeline/models/MODEL_CARD.md)."""
    from pipeline.ner.train import format_scores, parse_projected, train, train_shipped

    try:
        sources = parse_projected(projected)
    except ValueError as exc:
        raise fail(str(exc)) from exc
    if sources:
        summary = train_shipped(
            corpus, model, work_dir=work, init_model=init_model, projected=sources, projected_repeat=projected_repeat
        )
    else:
        summary = train(corpus, model, work_dir=work, projected=())
    if summary.get("projected"):
        p = summary["projected"]
        console.print(f"projected key spans: {p['docs']} sentences, {p['org_spans']} ORG spans, x{p['repeat']}")
    if "test" in summary:
        print(format_scores(summary["test"]))


@command(ner_app, "tagger")
def ner_tagger(
    model: Path | None = typer.Option(None, help="Where to write the tagger (default: the shipped one)."),
    check: bool = typer.Option(False, "--check", help="Fail when the shipped tagger is not what training gives now."),
) -> None:
    """Train the domain ORG tagger on the seen pages and the dev split (never test): key organisations
    projected onto every sentence of their records (pipeline/ner/tagger.py, pipeline/models/MODEL_CARD.md).
    `projekty orgs train` trains it too, then the organisation acceptor that weighs its spans."""
    from pipeline.ner.tagger_train import sequences

    _write_or_check_tagger(sequences(), model, check)


def _write_or_check_tagger(seqs, model: Path | None, check: bool) -> None:
    from pipeline.ner.tagger import MODEL_PATH
    from pipeline.ner.tagger_train import train

    tokens = sum(len(s.labels) for s in seqs)
    _write_or_check(
        model or MODEL_PATH,
        check,
        lambda path: train(seqs, path),
        "ner tagger",
        f"{len({s.doc_id for s in seqs})} pages, {len(seqs)} sentences, {tokens} tokens",
    )


@command(ner_app, "gazetteer")
def ner_gazetteer(model: Path = typer.Option(MODEL_DIR, help="Model folder to save the ruler in.")) -> None:
    """Rebuild the domain-list ruler from pipeline/data/domain_orgs.yaml and save it with the model."""
    from pipeline.nlp.gazetteer import save_with_model

    console.print(f"gazetteer: {save_with_model(model)} patterns saved in {model}")


@command(ner_app, "evaluate")
def ner_evaluate(
    corpus: Path = typer.Option(..., help="KPWr folder with test.txt."),
    model: Path = typer.Option(MODEL_DIR, help="Model to evaluate."),
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


def main(argv: list[str] | None = None) -> int:
    """The console script: one ``error:`` line and exit 2 for a user error (bad option, path, input);
    a short traceback without local variables and exit 1 for a bug."""
    command = typer.main.get_command(app)
    try:
        code = command.main(args=argv, prog_name="projekty", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:  # `projekty` alone: the help, as --help gives it
        print(exc.ctx.get_help() if exc.ctx else "")
        return EXIT_OK
    except click.ClickException as exc:  # a bad option or argument
        console.print(f"[red]error[/red]: {escape(exc.format_message())}", highlight=False)
        return EXIT_BAD_INPUT
    except click.exceptions.Abort:
        console.print("[red]error[/red]: interrupted")
        return 130
    except InputError as exc:
        console.print(f"[red]error[/red]: {escape(str(exc))}", highlight=False)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # pragma: no cover - output piped into head
        return EXIT_OK
    except Exception as exc:  # a bug: say where, briefly
        frames = traceback.extract_tb(exc.__traceback__)[-3:]
        console.print(
            f"[red]internal error[/red] (a bug in projekty {version()}): {type(exc).__name__}: {escape(str(exc))}",
            highlight=False,
        )
        for f in frames:
            console.print(f"  at {f.filename}:{f.lineno} in {f.name}", highlight=False)
        return EXIT_BUG
    return code if isinstance(code, int) else EXIT_OK


def script() -> None:  # pragma: no cover - the console script
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    script()
