"""The lock of the learned models: the shipped files are the locked ones, trained from the inputs there are now, and
the lock notices every kind of change that would make a retrain give other files (and none that would not)."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.evaluate import model_lock as ml

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "gold" / "real"
FIELDS = ["doc_id", "url", "publisher", "kind", "split", "retrieved", "site", "via"]


def test_every_shipped_model_is_the_locked_one_and_its_inputs_are_unchanged():
    """What CI checks of the learned models (``make check-models`` reproduces them from the keys and re-locks)."""
    run = subprocess.run(
        [sys.executable, "-m", "pipeline", "models", "status"], cwd=ROOT, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout + run.stderr
    locked = json.loads((ROOT / ml.MODELS_DIR / ml.LOCK_NAME).read_text(encoding="utf-8"))
    assert set(locked["models"]) == set(ml.MODEL_FILES)
    assert locked["inputs"]["pages"] > 3000  # the seen keys and the dev split


def test_a_change_is_named_on_one_error_line(tmp_path):
    """Keys other than the ones the models were trained from (here none: an empty folder) fail the status."""
    run = subprocess.run(
        [sys.executable, "-m", "pipeline", "models", "status", "--gold", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    said = " ".join(run.stderr.split())
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert "the training keys or pages changed" in said and "0 now" in said
    assert "Retrain (make models), or reproduce them and re-lock (make check-models)" in said


def _dev_rows(n: int) -> list[dict]:
    with (REAL / "sources.csv").open(encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r["split"] == "dev"][:n]


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A repository root with two dev pages of the corpus and a test page (a dev page's text and key under another
    name, so no test page is read here)."""
    real = tmp_path / "tests" / "gold" / "real"
    (real / "keys").mkdir(parents=True)
    (real / "pages").mkdir()
    rows = _dev_rows(2)
    for r in rows:
        shutil.copy(REAL / "keys" / f"{r['doc_id']}.json", real / "keys")
        shutil.copy(REAL / "pages" / f"{r['doc_id']}.txt", real / "pages")
    test = {**rows[0], "doc_id": "zz-test-page", "split": "test", "site": "example.org"}
    shutil.copy(REAL / "keys" / f"{rows[0]['doc_id']}.json", real / "keys" / "zz-test-page.json")
    shutil.copy(REAL / "pages" / f"{rows[0]['doc_id']}.txt", real / "pages" / "zz-test-page.txt")
    _write_rows(real, [*rows, test])
    return tmp_path


def _write_rows(real: Path, rows: list[dict]) -> None:
    with (real / "sources.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, FIELDS)
        w.writeheader()
        w.writerows({k: r.get(k, "") for k in FIELDS} for r in rows)


def _keys(root: Path) -> tuple[str, int]:
    return ml.keys_hash(root, root / "tests" / "gold")


def test_the_keys_hash_reads_the_dev_pages_and_never_a_test_page(corpus):
    before, pages = _keys(corpus)
    assert pages == 2
    real = corpus / "tests" / "gold" / "real"
    (real / "keys" / "zz-test-page.json").write_text("{}", encoding="utf-8")  # a test key: not training's
    (real / "pages" / "zz-test-page.txt").write_text("inna strona", encoding="utf-8")
    assert _keys(corpus) == (before, 2)
    dev = _dev_rows(1)[0]["doc_id"]
    page = real / "pages" / f"{dev}.txt"
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert _keys(corpus)[0] != before


def test_a_key_or_a_sources_row_of_a_dev_page_changes_the_keys_hash(corpus):
    real = corpus / "tests" / "gold" / "real"
    before, _ = _keys(corpus)
    rows = list(csv.DictReader((real / "sources.csv").open(encoding="utf-8", newline="")))
    _write_rows(real, [{**rows[0], "retrieved": "2030-01-01", "via": "elsewhere"}, *rows[1:]])  # not read by training
    assert _keys(corpus)[0] == before
    _write_rows(real, [{**rows[0], "publisher": "Inny wydawca"}, *rows[1:]])  # the publisher is a feature
    assert _keys(corpus)[0] != before
    _write_rows(real, rows)
    assert _keys(corpus)[0] == before
    key = real / "keys" / f"{rows[1]['doc_id']}.json"
    key.write_text(json.dumps(json.loads(key.read_text(encoding="utf-8")), indent=3), encoding="utf-8")
    assert _keys(corpus)[0] != before


def test_the_code_hash_leaves_out_the_locked_files_and_the_ner_model(tmp_path):
    models = tmp_path / ml.MODELS_DIR
    (models / "ner_pl").mkdir(parents=True)
    (tmp_path / "schemas").mkdir()
    (tmp_path / "pipeline" / "a.py").write_text("X = 1\n", encoding="utf-8")
    (tmp_path / "schemas" / "s.yaml").write_text("a: 1\n", encoding="utf-8")
    before = ml.code_hash(tmp_path)
    for name in (*ml.MODEL_FILES, ml.LOCK_NAME, "ner_pl/meta.json"):
        (models / name).write_text("{}", encoding="utf-8")
    (tmp_path / "pipeline" / "notes.md").write_text("not code", encoding="utf-8")
    assert ml.code_hash(tmp_path) == before
    (models / "other_model.json").write_text("{}", encoding="utf-8")  # a file the lock does not cover is code
    assert ml.code_hash(tmp_path) != before
    (models / "other_model.json").unlink()
    (tmp_path / "schemas" / "s.yaml").write_text("a: 2\n", encoding="utf-8")
    assert ml.code_hash(tmp_path) != before


INPUTS = ml.Inputs("c", "k", 10, "n", (("python-crfsuite", "0.9.12"), ("python", "3.11")))
MODELS = dict.fromkeys(ml.MODEL_FILES, "h")


def test_nothing_differs_from_the_lock_it_wrote():
    assert ml.differences(ml.lock_payload(INPUTS, MODELS), INPUTS, MODELS) == []


@pytest.mark.parametrize(
    ("inputs", "models", "said"),
    [
        (replace(INPUTS, code="c2"), MODELS, "the code or data of pipeline/ or schemas/ changed"),
        (replace(INPUTS, keys="k2", pages=11), MODELS, "the training keys or pages changed (10 pages locked, 11 now)"),
        (replace(INPUTS, ner_model="n2"), MODELS, "the NER model changed"),
        (
            replace(INPUTS, libraries=(("python-crfsuite", "0.9.13"), ("python", "3.11"))),
            MODELS,
            "python-crfsuite 0.9.12 locked, 0.9.13 installed",
        ),
        (INPUTS, {**MODELS, "role_model.json": "other"}, "pipeline/models/role_model.json is not the locked file"),
        (INPUTS, {**MODELS, "segmenter.crfsuite.page": "absent"}, "segmenter.crfsuite.page is not the locked file"),
    ],
)
def test_each_change_is_named(inputs, models, said):
    found = ml.differences(ml.lock_payload(INPUTS, MODELS), inputs, models)
    assert len(found) == 1 and said in found[0]


def test_a_lock_is_refused_while_a_model_file_is_missing(tmp_path, monkeypatch):
    monkeypatch.setattr(ml, "current_inputs", lambda root, gold: INPUTS)
    (tmp_path / ml.MODELS_DIR).mkdir(parents=True)
    for name in ml.MODEL_FILES[1:]:
        (tmp_path / ml.MODELS_DIR / name).write_text("x", encoding="utf-8")
    with pytest.raises(ValueError, match="no model file to lock: segmenter.crfsuite$"):
        ml.write_lock(tmp_path, tmp_path)
    (tmp_path / ml.MODELS_DIR / "segmenter.crfsuite").write_text("x", encoding="utf-8")
    path = ml.write_lock(tmp_path, tmp_path)
    assert ml.differences(ml.read_lock(tmp_path), INPUTS, ml.model_hashes(tmp_path)) == []
    path.write_text('{"format": "other"}', encoding="utf-8")
    with pytest.raises(ValueError, match="not a projekty-model-lock-1 file"):
        ml.read_lock(tmp_path)
