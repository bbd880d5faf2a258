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
from dataclasses import dataclass
from pathlib import Path

from rich.progress import ProgressColumn
from rich.text import Text

from pipeline.corpus import DocRef, open_document
from pipeline.ingest import Source

ENGINES = ("local", "dask")


@dataclass(frozen=True)
class Job:
    """One document to process: where it is and who it is in this corpus."""

    ref: DocRef
    root: str  # repository root (source_file is relative to it when inside)
    source: Source | None  # its row of sources.csv (publisher, retrieved) for the documents table
    key: str | None = None  # cache key (None: not cached)


def run_job(job: Job):
    """Process one document: (CompactResult, text). Runs in whichever process the engine chose."""
    from pipeline.nlp import load_nlp
    from pipeline.run import compact_result, process_document

    sources = {job.ref.doc_id: job.source} if job.source else {}
    doc = open_document(job.ref, Path(job.root), sources)
    res = process_document(doc, load_nlp())
    return compact_result(res, sources, job.ref.is_html), doc.text


def _warm() -> None:
    """Worker start: load the model (once per process) before the first document arrives."""
    from pipeline.nlp import load_nlp

    load_nlp()


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


class LocalEngine:
    """In this process, one document after the other (``--jobs 1``)."""

    name = "local"

    def map(self, jobs: Iterable[Job]) -> Iterator:
        return (run_job(job) for job in jobs)

    def close(self) -> None:
        """Drop the model (~350 MB), as the pool's workers do when they end: the release stage that
        follows does not need it, and its tables grow with the corpus."""
        import gc

        from pipeline.nlp import release_nlp

        release_nlp()
        gc.collect()


class PoolEngine:
    """``--jobs N``: N worker processes (forked when safe, else spawned), results in job order."""

    name = "pool"

    def __init__(self, jobs: int, start_method: str | None = None):
        self.jobs = jobs
        self.start_method = start_method  # None: fork when safe, else spawn (see the module docstring)
        self._pool = None

    def _method(self) -> str:
        import multiprocessing
        import threading

        if self.start_method:
            return self.start_method
        fork_ok = threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()
        return "fork" if fork_ok else "spawn"

    def map(self, jobs: Iterable[Job]) -> Iterator:
        """Submit every job now (workers start at once); results come back in job order."""
        import multiprocessing

        jobs = list(jobs)
        if not jobs:
            return iter(())
        if self._pool is None:
            ctx = multiprocessing.get_context(self._method())
            self._pool = ctx.Pool(min(self.jobs, len(jobs)), initializer=_warm)
        return self._pool.imap(run_job, jobs, chunksize=1)

    def close(self) -> None:
        """Stop the workers. Every submitted job has been consumed by then, so they are terminated rather
        than joined: a worker's orderly interpreter exit (model and all) costs ~0.3 s for nothing."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
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
            self._client = Client(self.scheduler)
        else:
            self._cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=self.processes,
                                         dashboard_address=None, silence_logs=logging.ERROR)
            self._client = Client(self._cluster)
        return self._client

    def map(self, jobs: Iterable[Job]) -> Iterator:
        return self._map(jobs, self._client or self._connect())

    def _map(self, jobs: Iterable[Job], client) -> Iterator:
        window = self.window or 4 * max(1, len(client.scheduler_info().get("workers", {})) or self.jobs)
        pending: deque = deque()
        for job in jobs:
            pending.append(client.submit(run_job, job, pure=False))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None


def make_engine(engine: str = "local", jobs: int = 1, scheduler: str | None = None):
    """``local`` with 1 job: this process; ``local`` with N: a process pool; ``dask``: a Dask cluster."""
    jobs = cpu_count() if jobs <= 0 else jobs
    if engine == "dask":
        return DaskEngine(jobs, scheduler)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    return PoolEngine(jobs) if jobs > 1 else LocalEngine()


def stream_results(jobs: list[Job], engine, cache=None) -> Iterator:
    """(CompactResult, text) for every job, in job order: from the cache where it holds the document,
    else from the engine (whose results are then cached). The engine gets its jobs now, the results
    are read as the returned iterator is consumed."""
    cached = [cache is not None and job.key is not None and cache.has(job.key) for job in jobs]
    fresh = engine.map([job for job, hit in zip(jobs, cached, strict=True) if not hit])
    return _merge(jobs, cached, fresh, cache)


def _merge(jobs: list[Job], cached: list[bool], fresh: Iterator, cache) -> Iterator:
    for job, hit in zip(jobs, cached, strict=True):
        value = cache.get(job.key) if hit else None
        if value is None:
            value = next(fresh) if not hit else run_job(job)  # an entry that went away: redo it here
            if cache is not None and job.key is not None:
                cache.put(job.key, value)
        yield value


class DocsPerSecond(ProgressColumn):
    """Documents per second so far."""

    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} docs/s" if speed else "", style="progress.data.speed")


def plan_jobs(refs: list[DocRef], root: Path, sources: dict[str, Source], cache=None):
    """Read every file once (hash, decode, check) without keeping its text: the jobs to run (in doc_id
    order, the release's order), and the rejected files and duplicates in file order as
    ``(kind, message)``. A file the cache holds was read before, so it is not decoded again."""
    from pipeline.corpus import file_sha256, source_file_for, source_url_for
    from pipeline.ingest import InputError

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
                identity = (ref.doc_id, source_file, source_url_for(ref, sources), ref.is_html, source)
                key = cache.key(sha, identity)
            if key is None or not cache.has(key):
                open_document(ref, root, sources)
        except InputError as exc:
            events.append(("rejected", str(exc)))
            continue
        if sha in seen or ref.doc_id in ids:
            events.append(("duplicate", f"{source_file}: duplicate of {seen.get(sha, ref.doc_id)}"))
            continue
        seen[sha] = source_file
        ids.add(ref.doc_id)
        jobs.append(Job(ref, str(root), source, key))
    jobs.sort(key=lambda job: job.ref.doc_id)  # the release's document order
    return jobs, events
