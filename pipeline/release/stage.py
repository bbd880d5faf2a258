"""The release stage: a run's spooled per-document results -> validated tables -> a written release.

Resolution has already turned the corpus's mention forms into organisations; what is left is per
document, so the results are read back from their spool a run of whole documents at a time
(``rows_per_run`` in ``data/release.yaml``), and each run's tables are built, validated, summarised for the
report and written before the next run is read. Memory holds one run, not the corpus; what grows is
small bookkeeping (the report's tallies, the spools' indexes; the key check keeps its hashes on disk).
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from pipeline.release.emit import ReleaseWriter
from pipeline.release.outdir import TMP_TAG
from pipeline.release.tables import chunk_frames, organisations_frame
from pipeline.release.validate import Validator
from pipeline.report.data import ReportData
from pipeline.ruledata.resources import load_yaml
from pipeline.runner.document import DOC_TABLES, DocumentResult, Resolution


def runs(results: Iterable[DocumentResult], max_rows: int) -> Iterator[list[DocumentResult]]:
    """Consecutive results, cut once a run's rows (all tables together) reach ``max_rows``."""
    run: list[DocumentResult] = []
    rows = 0
    for result in results:
        run.append(result)
        rows += sum(len(result.rows[name]) for name in DOC_TABLES)
        if rows >= max_rows:
            yield run
            run, rows = [], 0
    if run:
        yield run


def write_streamed_release(
    results: Iterable[DocumentResult],
    texts: Mapping[str, str],
    resolution: Resolution,
    out: Path,
    sources: list[dict],
    extra_files: Mapping[str, str] | None = None,
    derived: Callable[[Path, ReportData], None] | None = None,
    max_rows: int | None = None,
    row_group_rows: int | None = None,
    dataset: Mapping | None = None,
) -> Validator:
    """Build, validate and write the release in ``out`` from per-document results in doc_id order
    (``max_rows``, ``row_group_rows``: data/release.yaml unless given).

    Raises ValidationFailed (listing every problem) and leaves ``out`` as it was when the tables do not
    validate. Returns the validator, which holds the row counts and the share of text in records."""
    max_rows = max_rows or int(load_yaml("release.yaml")["rows_per_run"])
    target = Path(out).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    validator = Validator(
        org_ids={o.org_id for o in resolution.organisations},
        work_dir=target.parent,
        prefix=f".{target.name}{TMP_TAG}keys-",
    )
    report = ReportData({o.org_id: o.name for o in resolution.organisations})
    per_org: Counter = Counter()
    with ReleaseWriter(out, row_group_rows, dataset) as writer, contextlib.closing(validator):
        for run in runs(results, max_rows):
            frames, links = chunk_frames(run, resolution)
            validator.check(frames, texts)
            report.add(frames)
            per_org.update(links)
            writer.write(frames)
            del frames
        organisations = organisations_frame(resolution.organisations, per_org)
        validator.check({"organisations": organisations}, texts)
        report.rows["organisations"] = len(organisations)
        writer.write({"organisations": organisations})
        validator.finish()
        writer.commit(
            sources, extra_files, derived=(lambda folder: derived(folder, report)) if derived is not None else None
        )
    return validator
