"""Benchmark of `projekty run` at corpus scale (not a test): python bench/run_bench.py [--mb 20] [--e2e-mb N]

Builds a corpus from the repository's pages (bench/corpus.py) in a temporary folder and prints, on this
machine in one run:

- documents/s and words/s of `projekty run` with 1 and 2 jobs (fresh processes, --no-cache), with the
  peak RSS of the whole process tree (main process + workers, sampled every 0.1 s) and of the main process;
- the same peaks for ``--jobs 2`` on the first 5 and 10 MB and on a 60 MB corpus (``--rss-mb``): whether
  memory grows with the corpus;
- the cold start of `projekty run` on the single source page (fresh process; without the cache with the
  default --jobs and with --jobs 1, then filling and hitting the cache);
- two references on the same text: the spaCy tokenizer alone and our NER model alone (``nlp.pipe``).

``--e2e-mb`` runs the end-to-end measurements on the first N MB of the corpus only (the references use the
same documents), for when the whole corpus would take too long. Results go to stdout and, with
``--write``, to bench/results.json (machine description included); bench/RESULTS.md is written from
them, with the profile that explains them.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import build_corpus  # noqa: E402

PROJEKTY = [sys.executable, "-m", "pipeline", "run"]


def machine() -> dict:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "cpu": model,
        "python": platform.python_version(),
    }


def run_measured(cmd: list[str], timeout: float) -> dict:
    """Run ``cmd``; wall time, exit code and the peak summed RSS of its process tree."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "120"},
    )
    parent = psutil.Process(proc.pid)
    peak = main_peak = 0
    timed_out = False
    while proc.poll() is None:
        total = 0
        try:
            for p in [parent, *parent.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    rss = p.memory_info().rss
                    total += rss
                    if p.pid == parent.pid:
                        main_peak = max(main_peak, rss)
        except psutil.Error:
            pass
        peak = max(peak, total)
        if time.perf_counter() - started > timeout:
            for p in [*parent.children(recursive=True), parent]:
                with contextlib.suppress(psutil.Error):
                    p.kill()
            timed_out = True
            break
        time.sleep(0.1)
    out = proc.communicate()[0]
    return {
        "seconds": time.perf_counter() - started,
        "exit": proc.returncode,
        "peak_rss_mb": peak / 2**20,
        "main_peak_rss_mb": main_peak / 2**20,
        "timed_out": timed_out,
        "tail": out.strip().splitlines()[-16:],
    }


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def references(texts: list[str]) -> dict:
    """Tokenizer alone and NER alone over the same texts, one paragraph per spaCy doc."""
    from pipeline.nlp.annotate import load_nlp

    nlp = load_nlp()
    paras = [p for t in texts for p in t.split("\n\n") if p.strip()]
    n_words = words(texts)
    t = time.perf_counter()
    for _ in nlp.tokenizer.pipe(paras, batch_size=256):
        pass
    tok = time.perf_counter() - t
    t = time.perf_counter()
    for _ in nlp.pipe(paras, batch_size=64):
        pass
    ner = time.perf_counter() - t
    return {
        "words": n_words,
        "tokenizer_words_s": n_words / tok,
        "ner_words_s": n_words / ner,
        "tokenizer_s": tok,
        "ner_s": ner,
    }


def subset(corpus: Path, target: Path, mb: float) -> Path:
    """The corpus's first ``mb`` MB of files (in path order), copied to ``target``."""
    total = 0
    for f in sorted(corpus.rglob("*.txt")):
        if total >= mb * 1e6:
            break
        dest = target / f.relative_to(corpus)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(f, dest)
        total += f.stat().st_size
    return target


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20, help="corpus size to build (MB)")
    ap.add_argument("--e2e-mb", type=float, default=0, help="end-to-end runs on the first N MB (0: all)")
    ap.add_argument("--timeout", type=float, default=900, help="seconds allowed per end-to-end run")
    ap.add_argument(
        "--rss-mb",
        default="5,10,60",
        help="sizes (MB) of extra --jobs 2 runs, for peak memory "
        "against corpus size: the first N MB of the corpus, or a corpus of N MB built the same way",
    )
    ap.add_argument("--write", action="store_true", help="write bench/results.json")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="projekty-bench-"))
    try:
        corpus = work / "corpus"
        t = time.perf_counter()
        n_docs, n_bytes = build_corpus(corpus, int(args.mb * 1e6))
        print(f"corpus: {n_docs} documents, {n_bytes / 1e6:.1f} MB in {time.perf_counter() - t:.0f} s", flush=True)
        files = sorted(corpus.rglob("*.txt"))
        raw = corpus
        if args.e2e_mb:
            raw = subset(corpus, work / "subset", args.e2e_mb)
            files = sorted(raw.rglob("*.txt"))
        texts = [f.read_text(encoding="utf-8") for f in files]
        size = {"documents": len(files), "mb": sum(f.stat().st_size for f in files) / 1e6, "words": words(texts)}
        print(f"end-to-end set: {size}", flush=True)
        results: dict = {"machine": machine(), "corpus": {"documents": n_docs, "mb": n_bytes / 1e6}, "set": size}

        ref = references(texts)
        del texts
        results["references"] = ref
        print(f"references: {json.dumps(ref)}", flush=True)

        for jobs in (1, 2):
            r = run_measured(
                [*PROJEKTY, "--raw", str(raw), "--out", str(work / f"out{jobs}"), "--no-cache", "--jobs", str(jobs)],
                args.timeout,
            )
            r["docs_s"] = size["documents"] / r["seconds"]
            r["words_s"] = size["words"] / r["seconds"]
            results[f"jobs{jobs}"] = r
            print(
                f"jobs {jobs}: {r['seconds']:.1f} s, {r['docs_s']:.2f} docs/s, {r['words_s']:.0f} words/s, "
                f"peak RSS {r['peak_rss_mb']:.0f} MB (main process {r['main_peak_rss_mb']:.0f} MB), exit {r['exit']}"
                f"{' TIMEOUT' if r['timed_out'] else ''}",
                flush=True,
            )

        results["rss_by_size"] = {}
        for mb in [float(x) for x in args.rss_mb.split(",") if x.strip()]:
            if mb <= args.mb:
                part = subset(corpus, work / f"rss-{mb:g}", mb)
            else:  # a larger corpus than the one measured above, built the same way
                part = work / f"rss-{mb:g}"
                build_corpus(part, int(mb * 1e6))
            r = run_measured(
                [*PROJEKTY, "--raw", str(part), "--out", str(work / f"rss-out-{mb:g}"), "--no-cache", "--jobs", "2"],
                args.timeout,
            )
            r["mb"] = sum(f.stat().st_size for f in part.rglob("*.txt")) / 1e6
            results["rss_by_size"][f"{mb:g}"] = r
            print(
                f"{r['mb']:.1f} MB, jobs 2: peak RSS {r['peak_rss_mb']:.0f} MB (main process "
                f"{r['main_peak_rss_mb']:.0f} MB), {r['seconds']:.1f} s",
                flush=True,
            )
            shutil.rmtree(part, ignore_errors=True)

        src = ROOT / "raw"
        cache = work / "cache"
        for label, extra in (
            ("cold_no_cache", ["--no-cache"]),
            ("cold_no_cache_jobs1", ["--no-cache", "--jobs", "1"]),
            ("cold_cache_fill", ["--cache-dir", str(cache)]),
            ("cold_cache_hit", ["--cache-dir", str(cache)]),
        ):
            r = run_measured([*PROJEKTY, "--raw", str(src), "--out", str(work / f"src-{label}"), *extra], 120)
            results[label] = r
            print(f"{label}: {r['seconds']:.2f} s (exit {r['exit']})", flush=True)
        print(json.dumps({k: v for k, v in results.items()}, default=str, indent=1)[:4000])
        if args.write:
            (ROOT / "bench" / "results.json").write_text(json.dumps(results, default=str, indent=1) + "\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
