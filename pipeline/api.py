"""The library call behind ``projekty run``: raw folder in, checked release out, a summary back.

``build_release`` is what a notebook or a test calls; the CLI only parses flags, calls it, prints
and maps errors to exit codes. User errors (paths, a folder that is not a release, bad option values,
a bad ``dataset.yaml``) raise :class:`pipeline.ingest.decode.InputError` before any document is processed;
a release whose tables do not validate raises :class:`pipeline.release.validate.ValidationFailed` and leaves
the previous release as it was.

Partial success: files that cannot be read are rejected (listed in ``Summary.rejected``) and the
others are released; with ``strict`` any rejected file or warning means no release is written.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from pipeline.ingest.decode import InputError, load_sources

if TYPE_CHECKING:  # imported when they are used, so that importing the API stays cheap
    from pipeline.resolve.forms import Forms
    from pipeline.runner.cache import ResultSpool, TextSpool
    from pipeline.runner.engines import Failed

Notify = Callable[[str, str], None]  # (kind, message): kind in skipped, rejected, warning, duplicate


@dataclass(frozen=True)
class Summary:
    """What a run did: where the release is, its rows per table, and every file passed over."""

    out: Path
    rows: dict[str, int]
    record_share: float | None
    seconds: float
    skipped: tuple[str, ...]
    rejected: tuple[str, ...]
    warnings: tuple[str, ...]

    @property
    def complete(self) -> bool:
        """Every document was read and released (no file rejected)."""
        return not self.rejected


class StrictFailure(InputError):
    """``strict`` was asked and some file was rejected or warned about: nothing was written."""


class DoneDocument(NamedTuple):
    """A processed document, as the run's summary needs it."""

    doc_id: str
    source_file: str
    n_records: int
    is_html: bool


@dataclass(frozen=True)
class Processed:
    """What the per-document stage gave: the processed documents, their results and texts in spools on
    disk, the distinct organisation mention forms for resolution, and the documents that failed."""

    docs: list[DoneDocument]
    results: ResultSpool
    texts: TextSpool
    forms: Forms
    failed: list[Failed]  # documents whose processing failed

    def close(self) -> None:
        self.results.close()
        self.texts.close()


def process(
    todo, runner, store, progress=None, prepare: Callable[[], None] | None = None, on_failed: Callable | None = None
) -> Processed:
    """Run the per-document jobs on an engine, results and texts spooled to disk.

    The engine starts before ``progress`` is entered (a progress bar's refresh thread would rule out
    forked workers); ``prepare`` runs while the workers work (the release stage's imports: 0.6 s of a
    cold start). ``progress(total)``: a context manager factory giving an object with ``advance()``."""
    import contextlib

    from pipeline.runner.cache import ResultSpool, TextSpool
    from pipeline.runner.engines import Failed, stream_results

    results, texts = ResultSpool(), TextSpool()
    docs, failed = [], []
    try:
        stream = stream_results(todo, runner, store)
        if prepare is not None:
            prepare()
        from pipeline.resolve.forms import Forms

        forms = Forms()
        with progress(len(todo)) if progress is not None else contextlib.nullcontext() as bar:
            for value in stream:
                if bar is not None:
                    bar.advance()
                if isinstance(value, Failed):
                    failed.append(value)
                    if on_failed is not None:
                        on_failed(value)
                    continue
                result, text = value
                results.add(result)
                texts.add(result.doc_id, text)
                for _pid, m, reading in result.org_pairs:
                    forms.add(m, reading)
                docs.append(DoneDocument(result.doc_id, result.source_file, result.n_records, result.is_html))
    finally:
        runner.close()
    return Processed(docs, results, texts, forms, failed)


def prepare_release() -> None:
    """What the release stage needs, loaded while the workers process documents (pandas, pyarrow,
    pandera and its backends, the schemas, the report). Resolution reads the names' readings the workers
    carried, so this process loads neither spaCy, the gazetteer nor morfeusz."""
    import importlib

    for module in (
        "pipeline.release.emit",
        "pipeline.release.validate",
        "pipeline.runner.document",
        "pipeline.report.html",
        "pipeline.release.stage",
    ):
        importlib.import_module(module)
    from schemas.models import empty_frame, schemas

    schemas()["documents"].validate(empty_frame("documents"))  # pandera registers its backends on first use


def source_rows(raw: Path) -> list[dict]:
    """The source pages of ``raw/sources.csv`` as the release's ``sources``."""
    return [
        {
            "title": s.title or s.doc_id,
            "path": s.url,
            "publisher": s.publisher,
            "retrieved": s.retrieved,
            "license_note": s.license_note,
        }
        for s in load_sources(raw).values()
    ]


def dataset_identity(raw: Path, today: dt.date | None = None) -> dict:
    """The corpus's identity (``raw/dataset.yaml``, else neutral defaults); InputError when it is bad."""
    from schemas.identity import IdentityError, load_dataset

    try:
        return load_dataset(raw, today)
    except IdentityError as exc:
        raise InputError(str(exc)) from exc


def _derived(folder: Path, sources: list[dict], dataset: dict, texts, report=None) -> None:
    """Files made from the written tables: the HTML report and the Croissant description."""
    from pipeline.release.emit import checksums
    from pipeline.report.html import write_report
    from schemas.citation import croissant

    parquet = {rel: digest for rel, digest in checksums(folder).items() if rel.endswith(".parquet")}
    (folder / "croissant.json").write_text(
        json.dumps(croissant(dataset, sources, parquet), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    write_report(folder, folder / "report.html", texts, report)


def _check_options(jobs: int, engine: str, doc_timeout: float | None = None, html_main: str | None = None) -> None:
    from pipeline.runner.engines import ENGINES

    if engine not in ENGINES:
        raise InputError(f"--engine: unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    if jobs < 0:
        raise InputError(f"--jobs: {jobs} is not a number of workers (0 for one per CPU, or more)")
    if doc_timeout is not None and doc_timeout < 0:
        raise InputError(f"--doc-timeout: {doc_timeout:g} is not a number of seconds (0: no limit)")
    if html_main is not None:
        from pipeline.ingest.html import HtmlError, check_main_selector

        try:
            check_main_selector(html_main)
        except HtmlError as exc:
            raise InputError(f"--html-main: {exc}") from exc


def build_release(
    raw: Path | str,
    out: Path | str,
    *,
    jobs: int = 0,
    engine: str = "local",
    scheduler: str | None = None,
    cache_dir: Path | str | None = None,
    cache: bool = True,
    strict: bool = False,
    manifest: Path | str | None = None,
    root: Path | str | None = None,
    doc_timeout: float | None = None,
    html_main: str | None = None,
    ner: bool = True,
    notify: Notify | None = None,
    progress=None,
) -> Summary:
    """Build the dataset of the documents in ``raw`` (or listed by ``manifest``) into the release folder
    ``out`` and return what was done.

    ``out`` may be new, empty, or an earlier projekty release (replaced in one atomic step); it may not
    be, hold or lie inside ``raw``. ``root``: paths in ``documents.source_file`` are relative to it
    (default: the current folder). ``doc_timeout``: seconds one document may take (default
    :data:`pipeline.runner.engines.DEFAULT_TIMEOUT`); a document that fails, times out or kills its worker is
    rejected with its reason and the others are released. ``html_main``: a CSS selector of HTML pages'
    main content, instead of finding it. ``ner=False``: organisations from the rules alone, the NER model
    is not loaded (``--no-ner``). ``notify(kind, message)`` hears of every
    file passed over as it is found; ``progress(total)`` is a context manager factory whose value has
    ``advance()`` (one per document)."""
    from pipeline.ingest.corpus import scan, scan_manifest
    from pipeline.release.outdir import check_output, clean_stale, output_lock
    from pipeline.runner.cache import DEFAULT_DIR, ResultCache
    from pipeline.runner.engines import DEFAULT_TIMEOUT, make_engine, plan_jobs

    started = time.perf_counter()
    say = notify or (lambda kind, message: None)
    _check_options(jobs, engine, doc_timeout, html_main)
    manifest = Path(manifest) if manifest is not None else None
    source_dir = manifest.parent if manifest is not None else Path(raw)
    root = Path(root) if root is not None else Path.cwd()
    target = check_output(Path(out), source_dir)
    dataset = dataset_identity(source_dir)
    sources = load_sources(source_dir)
    found = scan_manifest(manifest) if manifest is not None else scan(Path(raw))
    if not found.refs and not found.rejected:
        raise InputError(f"{raw}: no raw documents (.txt, .html)")
    skipped, rejected, warnings = list(found.skipped), list(found.rejected), list(found.renamed)
    for message in skipped:
        say("skipped", message)
    for message in warnings:
        say("warning", message)
    for message in rejected:
        say("rejected", message)
    with output_lock(target):
        clean_stale(target)
        store = ResultCache(Path(cache_dir) if cache_dir is not None else DEFAULT_DIR) if cache else None
        todo, events = plan_jobs(
            found.refs,
            root,
            sources,
            store,
            DEFAULT_TIMEOUT if doc_timeout is None else (doc_timeout or None),
            html_main,
            ner_mode="both" if ner else "rules",
        )
        for kind, message in events:
            say(kind, message)
            (rejected if kind == "rejected" else warnings).append(message)
        if not todo:
            raise InputError(f"{raw}: no document could be read; no release written")
        if strict and (rejected or warnings):
            raise StrictFailure(
                f"{raw}: {len(rejected)} rejected and {len(warnings)} warned-about files under "
                "--strict; no release written"
            )

        def rejected_now(failure) -> None:
            rejected.append(failure.message())
            say("rejected", failure.message())

        done = process(
            todo,
            make_engine(engine, jobs, scheduler, ner=ner),
            store,
            progress,
            prepare=prepare_release,
            on_failed=rejected_now,
        )
        try:
            if not done.docs:
                raise InputError(f"{raw}: no document could be processed; no release written")
            if strict and rejected:
                raise StrictFailure(f"{raw}: {len(rejected)} rejected files under --strict; no release written")
            for doc in done.docs:
                if not doc.n_records:
                    message = f"{doc.source_file}: no project records found"
                    warnings.append(message)
                    say("warning", message)
            if strict and warnings:
                raise StrictFailure(f"{raw}: {len(warnings)} warnings under --strict; no release written")
            release = _write(done, target, source_dir, dataset)
        finally:
            done.close()
    return Summary(
        target,
        dict(release.rows),
        release.record_share,
        time.perf_counter() - started,
        tuple(skipped),
        tuple(rejected),
        tuple(warnings),
    )


_WRITE_ERRORS: dict[int | None, str] = {  # keyed by OSError.errno, which may be None
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EIO: "an input/output error",
}


def _write(done: Processed, target: Path, source_dir: Path, dataset: dict):
    """Write the release; a failing disk ends with one line naming the output, the release it would have
    replaced left whole (the temporary folder is removed on the way out)."""
    from pipeline.release.outdir import OutputError
    from pipeline.release.stage import write_streamed_release
    from pipeline.runner.cache import SpoolView
    from pipeline.runner.document import resolve_stream

    rows = source_rows(source_dir)
    extracted = SpoolView(done.texts, [doc.doc_id for doc in done.docs if doc.is_html])
    try:
        return write_streamed_release(
            done.results.values(),
            done.texts,
            resolve_stream(done.forms),
            target,
            rows,
            extracted,
            derived=lambda folder, report: _derived(folder, rows, dataset, done.texts, report),
            dataset=dataset,
        )
    except OSError as exc:
        why = _WRITE_ERRORS.get(exc.errno, exc.strerror or type(exc).__name__)
        raise OutputError(
            f"{target}: cannot write the release: {why}; nothing was written and the previous release (if any) is kept"
        ) from exc
