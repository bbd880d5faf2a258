"""Training gives the same files in any process, whatever its hash seed, so that the files ``make models`` writes
are the ones anyone retraining from the same keys gets (the lock, ``pipeline/models/models.lock.json``, rests on it).

The full reproduction of the shipped models from every keyed page is ``make check-models`` (about 40 CPU-minutes on a
slow machine, too long for CI); this trains each model on the seen keys alone (a minute), in two processes with other
hash seeds, and compares the bytes. A set iterated in hash order once made the segmenter write another file in each
process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# each trainer on the seen keys only (splits=()), its file written to the folder argv[1]
TRAIN_ON_SEEN = """
import sys
from pathlib import Path

from pipeline.extract import kind_train, year_train
from pipeline.ner.tagger_train import sequences, train as train_tagger
from pipeline.roles import train as role_train
from pipeline.segment import learned, title_train

out, gold, root = Path(sys.argv[1]), Path("tests/gold"), Path(".")
learned.train(learned.training_examples(gold, root, ()), out / "segmenter.crfsuite")
train_tagger(sequences(("seen",)), out / "org_tagger.crfsuite")
kind_train.write_kind_model(kind_train.fit(kind_train.training_examples(gold, root, ())), {}, out / "kinds.json")
role_train.write_role_model(role_train.fit(role_train.training_examples(gold, root, ())), {}, out / "roles.json")
groups = title_train.training_groups(gold, root, ())
title_train.write_title_model(title_train.fit(groups), {}, out / "titles.json")
year_train.write_year_model(year_train.fit(year_train.training_groups(gold, root, ())), {}, out / "years.json")
"""
FILES = (
    "segmenter.crfsuite",
    "segmenter.crfsuite.page",
    "org_tagger.crfsuite",
    "kinds.json",
    "roles.json",
    "titles.json",
    "years.json",
)
SINGLE_THREAD_BLAS = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


@pytest.mark.slow
def test_every_trainer_writes_the_same_file_under_two_hash_seeds(tmp_path):
    written = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        out.mkdir()
        run = subprocess.run(
            [sys.executable, "-c", TRAIN_ON_SEEN, str(out)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, **SINGLE_THREAD_BLAS, "PYTHONHASHSEED": seed},
        )
        assert run.returncode == 0, run.stdout + run.stderr
        written.append({name: (out / name).read_bytes() for name in FILES})
    assert all(len(data) > 100 for data in written[0].values())  # each trainer wrote a model
    assert [n for n in FILES if written[0][n] != written[1][n]] == []
