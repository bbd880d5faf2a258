"""Validation before release: schemas (pandera, lazy), keys across tables, evidence quotes.

Every failure is collected, so one run reports all of them; a non-empty
report stops the release.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Mapping
from itertools import pairwise
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.errors as pa_errors

from pipeline.text.canonical import FORMAT_CHARS
from schemas.models import schemas
from schemas.tables import EVIDENCE_COLUMNS, TABLES

MAX_EXAMPLES = 5


class ValidationFailed(Exception):
    def __init__(self, problems: list[str]):
        super().__init__(f"{len(problems)} validation problem(s)")
        self.problems = problems

    def report(self) -> str:
        return "\n".join(f"- {p}" for p in self.problems)


def _schema_problems(name: str, df: pd.DataFrame) -> list[str]:
    try:
        schemas()[name].validate(df, lazy=True)
    except pa_errors.SchemaErrors as exc:
        cases = exc.failure_cases
        out = []
        for (column, check), group in cases.groupby(["column", "check"], dropna=False, sort=True):
            examples = ", ".join(map(repr, group["failure_case"].head(MAX_EXAMPLES).tolist()))
            out.append(f"{name}.{column}: {check} failed for {len(group)} row(s), e.g. {examples}")
        return out
    return []


def _fk_problems(name: str, df: pd.DataFrame, parents: dict[str, pd.DataFrame]) -> list[str]:
    out = []
    for fk in TABLES[name].foreign_keys:
        if fk.table not in parents:
            continue
        values = df[fk.column].dropna()
        missing = values[~values.isin(parents[fk.table][fk.ref_column])]
        if len(missing):
            out.append(
                f"{name}.{fk.column}: {len(missing)} value(s) not in {fk.table}.{fk.ref_column}, "
                f"e.g. {missing.head(MAX_EXAMPLES).tolist()}"
            )
    return out


def _key_hashes(name: str, df: pd.DataFrame) -> np.ndarray:
    """64-bit hashes of the primary keys: what the uniqueness check across runs of documents keeps."""
    return pd.util.hash_pandas_object(df[list(TABLES[name].primary_key)], index=False).to_numpy()


def _duplicated(hashes: np.ndarray) -> int:
    """Rows whose key hash occurs more than once (sorts ``hashes`` in place: no copy of a corpus's keys)."""
    if len(hashes) < 2:
        return 0
    hashes.sort()
    same = hashes[1:] == hashes[:-1]
    dup = np.zeros(len(hashes), dtype=bool)
    dup[1:] |= same
    dup[:-1] |= same
    return int(dup.sum())


class KeyCheck:
    """Primary keys unique across the whole release, in bounded memory: each run's key hashes are
    appended to one of 2**``BUCKET_BITS`` files per table by their top bits, and each bucket is checked alone
    (equal keys have equal hashes, so they meet in one bucket). A hash collision could only report a
    duplicate that is not one (odds ~n²/2⁶⁵), never hide one."""

    BUCKET_BITS = 4

    def __init__(self, work_dir: Path | None = None, prefix: str = "projekty-keys-") -> None:
        self._dir = tempfile.TemporaryDirectory(prefix=prefix, dir=work_dir)
        self._tables: set[str] = set()

    def _path(self, name: str, bucket: int) -> Path:
        return Path(self._dir.name) / f"{name}.{bucket:02d}"

    def add(self, name: str, df: pd.DataFrame) -> None:
        self._tables.add(name)
        hashes = _key_hashes(name, df)
        bucket = hashes >> np.uint64(64 - self.BUCKET_BITS)
        for b in np.unique(bucket):
            with self._path(name, int(b)).open("ab") as fh:
                hashes[bucket == b].tofile(fh)

    def duplicated(self, name: str) -> int:
        """Rows of ``name`` whose key occurs more than once."""
        if name not in self._tables:
            return 0
        paths = (self._path(name, b) for b in range(2**self.BUCKET_BITS))
        return sum(_duplicated(np.fromfile(p, dtype=np.uint64)) for p in paths if p.exists())

    def close(self) -> None:
        self._dir.cleanup()


def _doc_of(tables: dict[str, pd.DataFrame], name: str) -> pd.Series:
    df = tables[name]
    if "doc_id" in df:
        return df["doc_id"]
    doc_of_project = tables["projects"].drop_duplicates("project_id").set_index("project_id")["doc_id"]
    return df["project_id"].map(doc_of_project)


def _evidence_problems(tables: dict[str, pd.DataFrame], texts: Mapping[str, str]) -> list[str]:
    out = []
    for name, quote_col in EVIDENCE_COLUMNS.items():
        df = tables.get(name)
        if df is None or df.empty:
            continue
        bad = []
        for doc_id, s, e, quote in zip(
            _doc_of(tables, name),
            df["char_start"],
            df["char_end"],
            df[quote_col] if quote_col else [None] * len(df),
            strict=True,
        ):
            text = texts.get(doc_id)
            if text is None or not (0 <= s < e <= len(text)) or (quote is not None and text[s:e] != quote):
                bad.append((doc_id, s, e, quote))
        if bad:
            out.append(f"{name}: {len(bad)} evidence span(s) do not quote their text, e.g. {bad[:MAX_EXAMPLES]}")
    if "projects" in tables:
        projects = tables["projects"]
        inside = (projects["char_start"] <= projects["title_start"]) & (projects["title_end"] <= projects["char_end"])
        if not inside.all():
            out.append(f"projects: {int((~inside).sum())} title span(s) outside their record")
    return out


# White space and invisible format characters (Cf) are not text a record or block must hold: extraction
# reads the canonical view without them (pipeline/text/canonical.py), so spans may step over them.
_SPACE = re.compile(r"\s|" + FORMAT_CHARS.pattern)


def _solid(text: str, start: int, end: int) -> int:
    """Non-whitespace characters in ``text[start:end]`` (counted in C, not char by char)."""
    return end - start - len(_SPACE.findall(text, start, end))


def coverage(text: str, spans: list[tuple[int, int]]) -> tuple[int, int, int]:
    """(uncovered, doubly covered, covered) non-whitespace characters of ``text`` under ``spans``.

    A sweep over the span boundaries: the text between two boundaries has one cover level."""
    depth: dict[int, int] = {0: 0, len(text): 0}
    for s, e in spans:
        depth[s] = depth.get(s, 0) + 1
        depth[e] = depth.get(e, 0) - 1
    uncovered = double = covered = 0
    level = 0
    cuts = sorted(depth)
    for a, b in pairwise(cuts):
        level += depth[a]
        if a >= len(text) or b <= 0:
            continue
        n = _solid(text, max(a, 0), min(b, len(text)))
        if level == 0:
            uncovered += n
        elif level > 1:
            double += n
        if level > 0:
            covered += n
    return uncovered, double, covered


def _spans_by_doc(tables: dict[str, pd.DataFrame], names: tuple[str, ...]) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    for name in names:
        df = tables[name]
        for doc_id, s, e in zip(df["doc_id"], df["char_start"], df["char_end"], strict=True):
            out.setdefault(doc_id, []).append((int(s), int(e)))
    return out


def _consistency_problems(tables: dict[str, pd.DataFrame]) -> list[str]:
    out = []
    if "projects" in tables:
        p = tables["projects"]
        wrong = p["year_start"].notna() & (p["year_start"] > p["year_end"])
        if wrong.any():
            out.append(f"projects: year_start > year_end in {int(wrong.sum())} rows")
    if "dates" in tables:
        d = tables["dates"]
        if (d["start"] > d["end"]).any():
            out.append(f"dates: start > end in {int((d['start'] > d['end']).sum())} rows")
    if "counts" in tables:
        c = tables["counts"]
        exact = c[c["qualifier"] == "exact"]
        if ((exact["value"] != exact["value_min"]) | (exact["value"] != exact["value_max"])).any():
            out.append("counts: exact counts must have value == value_min == value_max")
    return out


class Validator:
    """Validation a run of whole documents at a time, so a corpus is never held at once.

    ``check(frames, texts)`` takes the tables of one run (any subset of the tables; ``organisations``
    comes last, whole): each table against its schema, foreign keys to tables of the same run (or to
    ``org_ids``, the organisations resolved for the corpus), evidence quotes, coverage of every document's
    text. Primary keys are unique across runs (:class:`KeyCheck`, on disk). ``finish()`` raises
    ValidationFailed listing every problem; ``close()`` removes the key files. ``record_share`` is counted
    on the way (the run summary)."""

    def __init__(self, org_ids=None, work_dir: Path | None = None, prefix: str = "projekty-keys-"):
        self.organisations = None if org_ids is None else pd.DataFrame({"org_id": sorted(org_ids)}, dtype=object)
        self.problems: list[str] = []
        self.rows: dict[str, int] = dict.fromkeys(TABLES, 0)
        self._keys = KeyCheck(work_dir, prefix)  # beside the output: a killed run's leftovers are cleaned
        self._in_records = self._solid = 0

    def check(self, frames: dict[str, pd.DataFrame], texts: Mapping[str, str]) -> None:
        parents = dict(frames)
        if "organisations" not in parents and self.organisations is not None:
            parents["organisations"] = self.organisations
        for name, df in frames.items():
            self.rows[name] += len(df)
            self.problems += _schema_problems(name, df)
            self.problems += _fk_problems(name, df, parents)
            self._keys.add(name, df)
        self.problems += _evidence_problems(frames, texts)
        if "documents" in frames:
            self._coverage(frames, texts)
        self.problems += _consistency_problems(frames)

    def _coverage(self, frames: dict[str, pd.DataFrame], texts: Mapping[str, str]) -> None:
        """Nothing lost: every non-space character is in exactly one record or block."""
        spans = _spans_by_doc(frames, ("projects", "blocks"))
        records = _spans_by_doc(frames, ("projects",))
        for doc_id in frames["documents"]["doc_id"]:
            text = texts.get(doc_id)
            if text is None:
                self.problems.append(f"{doc_id}: no text to check the spans against")
                continue
            uncovered, double, _ = coverage(text, spans.get(doc_id, []))
            if uncovered or double:
                self.problems.append(
                    f"{doc_id}: {uncovered} character(s) in no record or block, {double} in more than one"
                )
            self._in_records += coverage(text, records.get(doc_id, []))[2]
            self._solid += _solid(text, 0, len(text))

    @property
    def record_share(self) -> float:
        """Share of non-space characters that stand in project records (the rest are blocks)."""
        return self._in_records / self._solid if self._solid else 0.0

    def finish(self) -> None:
        problems = list(self.problems)
        for name, table in TABLES.items():
            dup = self._keys.duplicated(name)
            if dup:
                problems.append(f"{name}: primary key {table.primary_key} not unique in {dup} rows")
        if problems:
            raise ValidationFailed(problems)

    def close(self) -> None:
        self._keys.close()


def validate(tables: dict[str, pd.DataFrame], texts: Mapping[str, str]) -> None:
    """Raise ValidationFailed listing every problem of a whole release's tables; ``texts`` maps doc_id to
    decoded text."""
    missing = [name for name in TABLES if name not in tables]
    if missing:
        raise ValidationFailed([f"missing tables: {missing}"])
    v = Validator()
    try:
        v.check({name: tables[name] for name in TABLES}, texts)
        v.finish()
    finally:
        v.close()
