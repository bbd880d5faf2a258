"""The learned models trained from what the shipped pipeline extracts (amount kinds, roles, titles) are what
training gives now, and the one extraction their check shares is the extraction each would make alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.core.datatypes import Document
from pipeline.runner.document import extract_document, sharing_records

ROOT = Path(__file__).resolve().parents[2]
# BLAS on one thread: threaded dot products sum in another order, and the title fit's weights differed in their last
# rounded digit between two threads (a workstation) and one (the suite on two workers), so the models are trained,
# and checked, with one.
SINGLE_THREAD_BLAS = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
PAGE = (
    "Projekty zrealizowane\n\n"
    "1. Budowa boiska w Nowej Wsi. Wartość projektu: 120 000 zł, dofinansowanie z WFOŚiGW w Lublinie 80 000 zł.\n"
    "2. Remont świetlicy wiejskiej w Starej Wsi (2019-2020). Gmina Nowa Wieś otrzymała 45 000 zł.\n"
)


@pytest.mark.slow
@pytest.mark.xdist_group("model_checks")
def test_the_shipped_kind_role_and_title_models_are_what_training_gives_now(model_check_env):
    """The committed weights are reproduced from the keys and the current code (retrain after a change to the
    segmenters, cues, rules, the acceptor or the keys: ``make models``)."""
    run = subprocess.run(
        [sys.executable, "-m", "pipeline", "check-models"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**model_check_env, **SINGLE_THREAD_BLAS},
    )
    said = " ".join((run.stdout + run.stderr).split())  # the console wraps long lines
    assert run.returncode == 0, run.stdout + run.stderr
    for model in ("kind_model.json", "role_model.json", "title_model.json"):
        assert f"pipeline/models/{model} is current" in said


def test_a_shared_extraction_is_what_each_call_gives_alone(nlp):
    doc = Document("shared", "shared.txt", PAGE, "0" * 64, "utf-8")
    alone = [extract_document(doc, nlp, "both", None, kind_model=False), extract_document(doc, nlp, "both", "Gmina")]
    with sharing_records():
        first = extract_document(doc, nlp, "both", None, kind_model=False)
        second = extract_document(doc, nlp, "both", "Gmina")
        third = extract_document(doc)  # the NER pipeline loaded by default is the shipped one: the same records
    assert [first.values, second.values] == [a.values for a in alone]
    assert len(first.values) == 2
    assert second.values[0].record is first.values[0].record and third.values[0].record is first.values[0].record
    again = extract_document(doc, nlp, "both", None, kind_model=False)  # outside: extracted anew
    assert again.values == first.values and again.values[0].record is not first.values[0].record
