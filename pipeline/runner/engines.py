"""Where the per-document work runs: in this process, in a pool of worker processes, or on Dask.

Every engine runs the same function, :func:`run_job`: read one raw file, ``process_document`` it with
the NER model (loaded once per process), and return its compact result and its text. Engines yield the
results in the order of the jobs, so the release does not depend on the engine or the number of
workers. Engines start working when :func:`stream_results` is called, not when its first result is
asked for, so the caller can prepare the release stage (imports) while the workers run.

The process pool forks its workers when this process has no other thread (``projekty run`` starts
the pool before it loads pandas, spaCy or the model, so the copies are small and no lock can be held
by a thread that does not exist in the child); otherwise it spawns them. Each worker loads the model
once, when it starts. The Dask engine submits a bounded window of jobs, so neither the client nor
the scheduler holds the whole corpus.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.progress import ProgressColumn
from rich.text import Text

from pipeline.ingest.corpus import DocRef, open_document
from pipeline.ingest.decode import Source

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

ENGINES = ("local", "dask")
NER_MODES = ("both", "rules", "model")  # pipeline.extract.record.ORGS_FROM


DEFAULT_TIMEOUT = 600.0  # seconds per document: generous (the slowest real page takes ~3 s)


@dataclass(frozen=True)
class Job:
    """One document to process: where it is and who it is in this corpus."""

    ref: DocRef
    root: str  # repository root (source_file is relative to it when inside)
    source: Source | None  # its row of sources.csv (publisher, retrieved) for the documents table
    key: str | None = None  # cache key (None: not cached)
    timeout: float | None = DEFAULT_TIMEOUT  # seconds; None: no limit
    html_main: str | None = None  # CSS selector of HTML pages' main content (--html-main)
    ner_mode: str = "both"  # organisations from rules and model (both), rules only (the model is never
    # loaded: --no-ner) or model spans only (an ablation); see NER_MODES


@dataclass(frozen=True)
class Failed:
    """A document whose processing failed, in one line: the run goes on without it."""

    doc_id: str
    source_file: str
    reason: str

    def message(self) -> str:
        return f"{self.source_file}: {self.reason}"


class DocumentTimeout(Exception):
    """Processing one document took longer than its job's time limit."""


def run_job(job: Job):
    """Process one document: (DocumentResult, text). Runs in whichever process the engine chose.

    Extraction reads the document's canonical view (NFC, format characters removed) and the result is
    mapped back to the raw text, which stays the evidence."""
    from dataclasses import replace

    from pipeline.runner.document import process_document, remap_result
    from pipeline.text.canonical import canonical_view

    sources = {job.ref.doc_id: job.source} if job.source else {}
    doc = open_document(job.ref, Path(job.root), sources, job.html_main)
    view = canonical_view(doc.text)
    if job.ner_mode == "rules":
        nlp = None  # rules alone: the model is never loaded
    else:
        from pipeline.nlp.annotate import load_nlp

        nlp = load_nlp()
    result = process_document(
        doc if view is None else replace(doc, text=view.text),
        nlp,
        ner_mode=job.ner_mode,
        source=job.source,
        is_html=job.ref.is_html,
    )
    return (result if view is None else remap_result(result, view, doc.text)), doc.text


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise DocumentTimeout in this thread after ``seconds`` (a no-op off the main thread, where
    signals cannot be set: Dask's worker threads)."""
    import signal
    import threading

    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(_signum, _frame):
        raise DocumentTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    detail = text[0][:300] if text else ""
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


def _failed(job: Job, reason: str) -> Failed:
    from pipeline.ingest.corpus import source_file_for

    return Failed(job.ref.doc_id, source_file_for(job.ref, Path(job.root)), reason)


def run_job_safely(job: Job):
    """:func:`run_job`, with every failure of this one document turned into a :class:`Failed` value:
    an exception, the time limit, memory, or a model that could not be loaded. The document is then
    rejected with its reason; the others are released."""
    from pipeline.ingest.decode import InputError

    if _WORKER_ERROR:
        return _failed(job, _WORKER_ERROR[0])
    try:
        with _time_limit(job.timeout):
            return run_job(job)
    except DocumentTimeout:
        return _failed(job, f"processing took longer than {job.timeout:g} s (--doc-timeout)")
    except MemoryError:
        return _failed(job, "processing ran out of memory")
    except InputError as exc:
        return _failed(job, str(exc).split(": ", 1)[-1])
    except RecursionError:
        return _failed(job, "nested too deeply to process")
    except Exception as exc:  # one document's bug or bad input never costs the run
        return _failed(job, f"could not be processed ({_first_line(exc)})")


_WORKER_ERROR: list[str] = []  # set in a worker whose model failed to load


def _warm(load_model: bool = True) -> None:
    """Worker start: load the model (once per process) before the first document arrives. A model that
    cannot be loaded fails every job of this worker with the reason, instead of killing the pool
    (which would restart workers forever or hang). ``load_model=False`` (``--no-ner``): nothing to do."""
    if not load_model:
        return
    from pipeline.nlp.annotate import load_nlp

    try:
        load_nlp()
    except Exception as exc:
        _WORKER_ERROR.append(f"the NER model could not be loaded ({_first_line(exc)})")


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


class LocalEngine:
    """In this process, one document after the other (``--jobs 1``)."""

    name = "local"

    def map(self, jobs: Iterable[Job]) -> Iterator:
        return (run_job_safely(job) for job in jobs)

    def close(self) -> None:
        """Drop the model (~350 MB), as the pool's workers do when they end: the release stage that
        follows does not need it, and its tables grow with the corpus."""
        import gc

        from pipeline.nlp.annotate import release_nlp

        release_nlp()
        gc.collect()


class PoolEngine:
    """``--jobs N``: N worker processes (forked when safe, else spawned), results in job order.

    A worker that dies (the out-of-memory killer, a crash in native code) breaks the pool; the pool is
    then started again, the first unfinished document is run alone in a worker of its own, and if that
    worker dies too the document is rejected. Every break so costs one document at most, never the run,
    and never a hang."""

    name = "pool"

    def __init__(self, jobs: int, start_method: str | None = None, load_model: bool = True):
        self.jobs = jobs
        self.start_method = start_method  # None: fork when safe, else spawn (see the module docstring)
        self.load_model = load_model  # False (--no-ner): workers do not load the NER model
        self._pool: ProcessPoolExecutor | None = None

    def _method(self) -> str:
        import multiprocessing
        import threading

        if self.start_method:
            return self.start_method
        fork_ok = threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()
        return "fork" if fork_ok else "spawn"

    def _executor(self, workers: int) -> ProcessPoolExecutor:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        ctx = multiprocessing.get_context(self._method())
        return ProcessPoolExecutor(workers, mp_context=ctx, initializer=_warm, initargs=(self.load_model,))

    def map(self, jobs: Iterable[Job]) -> Iterator:
        """Submit every job now (workers start at once); results come back in job order."""
        jobs = list(jobs)
        if not jobs:
            return iter(())
        self._pool = self._executor(min(self.jobs, len(jobs)))
        futures = [self._pool.submit(run_job_safely, job) for job in jobs]
        return self._results(jobs, futures)

    def _results(self, jobs: list[Job], futures: list) -> Iterator:
        from concurrent.futures.process import BrokenProcessPool

        i = 0
        while i < len(jobs):
            try:
                value = futures[i].result()
            except BrokenProcessPool:
                self.close()
                value = self._alone(jobs[i])
                rest = jobs[i + 1 :]
                if rest:
                    self._pool = self._executor(min(self.jobs, len(rest)))
                    futures[i + 1 :] = [self._pool.submit(run_job_safely, job) for job in rest]
            yield value
            i += 1

    def _alone(self, job: Job):
        """Run one document in a worker of its own: its result, or Failed when that worker dies too."""
        from concurrent.futures.process import BrokenProcessPool

        executor = self._executor(1)
        try:
            return executor.submit(run_job_safely, job).result()
        except BrokenProcessPool:
            return _failed(job, "the worker processing it died (killed, or out of memory)")
        finally:
            executor.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Stop the workers. Every submitted job has been consumed by then, so they are terminated rather
        than joined: a worker's orderly interpreter exit (model and all) costs ~0.3 s for nothing."""
        if self._pool is not None:
            for proc in list((getattr(self._pool, "_processes", None) or {}).values()):
                proc.terminate()
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DaskEngine:
    """``--engine dask``: the same function on a Dask cluster (``--scheduler ADDRESS``) or, without an
    address, on a LocalCluster of ``jobs`` single-threaded worker processes. The workers need this
    package installed (with its model) and must see the raw files under the same paths."""

    name = "dask"

    def __init__(self, jobs: int = 2, scheduler: str | None = None, processes: bool = True, window: int = 0):
        self.jobs = max(1, jobs)
        self.scheduler = scheduler
        self.processes = processes
        self.window = window
        self._client = self._cluster = None

    def _connect(self):
        import logging

        from dask.distributed import Client, LocalCluster

        if self.scheduler:
            from pipeline.ingest.decode import InputError

            try:
                self._client = Client(self.scheduler, timeout="20s")
            except (OSError, TimeoutError) as exc:
                raise InputError(
                    f"--scheduler {self.scheduler}: cannot connect to the Dask scheduler ({_first_line(exc)})"
                ) from exc
        else:
            self._cluster = LocalCluster(
                n_workers=self.jobs,
                threads_per_worker=1,
                processes=self.processes,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            self._client = Client(self._cluster)
        return self._client

    def map(self, jobs: Iterable[Job]) -> Iterator:
        return self._map(jobs, self._client or self._connect())

    def _map(self, jobs: Iterable[Job], client) -> Iterator:
        window = self.window or 4 * max(1, len(client.scheduler_info().get("workers", {})) or self.jobs)
        pending: deque = deque()
        for job in jobs:
            pending.append((job, client.submit(run_job_safely, job, pure=False)))
            if len(pending) >= window:
                yield self._result(*pending.popleft())
        while pending:
            yield self._result(*pending.popleft())

    @staticmethod
    def _result(job: Job, future):
        """The job's value; a worker lost on it (Dask's KilledWorker after retries) fails the document."""
        try:
            return future.result()
        except Exception as exc:
            return _failed(job, f"its Dask worker failed ({_first_line(exc)})")

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None


def make_engine(engine: str = "local", jobs: int = 1, scheduler: str | None = None, ner: bool = True):
    """``local`` with 1 job: this process; ``local`` with N: a process pool; ``dask``: a Dask cluster.
    ``ner=False``: the pool's workers do not load the NER model when they start (``--no-ner``)."""
    jobs = cpu_count() if jobs <= 0 else jobs
    if engine == "dask":
        return DaskEngine(jobs, scheduler)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    return PoolEngine(jobs, load_model=ner) if jobs > 1 else LocalEngine()


def stream_results(jobs: list[Job], engine, cache=None) -> Iterator:
    """(DocumentResult, text) for every job, in job order: from the cache where it holds the document,
    else from the engine (whose results are then cached). The engine gets its jobs now, the results
    are read as the returned iterator is consumed."""
    cached = [cache is not None and job.key is not None and cache.has(job.key) for job in jobs]
    fresh = engine.map([job for job, hit in zip(jobs, cached, strict=True) if not hit])
    return _merge(jobs, cached, fresh, cache)


def _merge(jobs: list[Job], cached: list[bool], fresh: Iterator, cache) -> Iterator:
    """Results in job order, a :class:`Failed` value for a document that failed (never cached)."""
    for job, hit in zip(jobs, cached, strict=True):
        value = cache.get(job.key, job.ref.doc_id) if hit else None
        if value is None:
            value = next(fresh) if not hit else run_job_safely(job)  # an entry that went away: redo it here
            if cache is not None and job.key is not None and not isinstance(value, Failed):
                cache.put(job.key, value)
        yield value


class DocsPerSecond(ProgressColumn):
    """Documents per second so far."""

    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} docs/s" if speed else "", style="progress.data.speed")


def plan_jobs(
    refs: list[DocRef],
    root: Path,
    sources: dict[str, Source],
    cache=None,
    timeout: float | None = DEFAULT_TIMEOUT,
    html_main: str | None = None,
    ner_mode: str = "both",
):
    """Read every file once (hash, decode, check) without keeping its text: the jobs to run (in doc_id
    order, the release's order), and the rejected files and duplicates in file order as
    ``(kind, message)``. A file the cache holds was read before, so it is not decoded again.
    ``timeout``: seconds each document may take to process. ``ner_mode``: ``both`` (rules and the NER
    model), ``rules`` (the model is not loaded: ``--no-ner``) or ``model`` (model ORG spans only)."""
    if ner_mode not in NER_MODES:
        raise ValueError(f"unknown NER mode {ner_mode!r} (known: {', '.join(NER_MODES)})")
    from pipeline.ingest.corpus import file_sha256, source_file_for, source_url_for
    from pipeline.ingest.decode import InputError

    jobs: list[Job] = []
    events: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    ids: set[str] = set()
    for ref in refs:
        source = sources.get(ref.doc_id)
        source_file = source_file_for(ref, root)
        try:
            sha = file_sha256(ref.path)
            key = None
            if cache is not None:
                identity: tuple[object, ...] = (
                    ref.doc_id,
                    source_file,
                    source_url_for(ref, sources),
                    ref.is_html,
                    source,
                    html_main,
                )
                identity += (ner_mode,) if ner_mode != "both" else ()  # another mode, another result
                key = cache.key(sha, identity)
            if key is None or not cache.has(key):
                open_document(ref, root, sources, html_main)
        except InputError as exc:
            events.append(("rejected", str(exc)))
            continue
        except RecursionError:
            events.append(("rejected", f"{source_file}: nested too deeply to read"))
            continue
        except Exception as exc:  # any other fault of one file rejects that file, not the run
            events.append(("rejected", f"{source_file}: cannot be read ({_first_line(exc)})"))
            continue
        if sha in seen or ref.doc_id in ids:
            events.append(("duplicate", f"{source_file}: duplicate of {seen.get(sha, ref.doc_id)}"))
            continue
        seen[sha] = source_file
        ids.add(ref.doc_id)
        jobs.append(Job(ref, str(root), source, key, timeout, html_main, ner_mode))
    jobs.sort(key=lambda job: job.ref.doc_id)  # the release's document order
    return jobs, events
