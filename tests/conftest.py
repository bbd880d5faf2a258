"""Shared test settings and fixtures.

The ``slow`` marker (long hypothesis runs, wheel builds, fault injection and mounts, the Dask cluster, the
browser, repeated cold-start releases in subprocesses) is left out by ``make test-fast`` and run by
``make test`` and CI. Fixtures every suite needs: the
repository root, the source page (path, text, Document), and the NLP pipeline with our NER model, each
built once per session.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.nlp.entity_cache import ENV as ENTITY_CACHE

ROOT = Path(__file__).resolve().parents[1]
# The entity cache is for the evaluations after pytest and the model rebuilds (``make check-models``); tests that run
# the pipeline in this process may patch parts of the NLP stage, so here it is always off.
os.environ.pop(ENTITY_CACHE, None)
ZMP = ROOT / "raw" / "zmp-projekty-zakonczone.txt"

SLOW_FILES = ("test_properties.py", "test_install.py", "test_faults.py", "test_dask.py")
SLOW_TESTS = (
    "test_an_unreachable_dask_scheduler_is_one_error",  # waits for the connection timeout
    "test_screenshot_in_headless_chromium",
    # releases built two or three times by the console script in fresh processes (each a cold start);
    # the refusals and error lines of test_output_safety.py stay in the fast set
    "test_dataset_identity_is_the_user_s",
    "test_empty_folder_then_release_replaced_with_ordinary_permissions",
    "test_release_folders_inside_raw_are_not_ingested_and_unsupported_files_are_listed",
)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.name in SLOW_FILES or item.originalname in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def zmp_path() -> Path:
    """The first source document, as the user keeps it in ``raw/``."""
    return ZMP


@pytest.fixture(scope="session")
def zmp_text() -> str:
    return ZMP.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def zmp_document():
    from pipeline.ingest.decode import read_document

    return read_document(ZMP, ROOT)


@pytest.fixture(scope="session")
def nlp():
    """spaCy with our NER model and the domain-list ruler (what ``projekty run`` uses)."""
    from pipeline.nlp.annotate import load_nlp

    return load_nlp()


@pytest.fixture
def no_acceptor(monkeypatch):
    """Every organisation mention kept (no learned acceptor): for tests of the rules' own logic (roles,
    cues), which the acceptor's trained weights would otherwise make depend on the keyed corpus."""
    from pipeline.extract.orgs.acceptor import load_acceptor

    monkeypatch.setenv("PROJEKTY_ORG_ACCEPTOR", "none")
    load_acceptor.cache_clear()
    yield
    load_acceptor.cache_clear()


@pytest.fixture
def rules_roles(monkeypatch):
    """The rules' roles alone (``PROJEKTY_ROLE_MODEL=none``): tests of what a cue or the structure decides."""
    from pipeline.roles.learned import load_role_model

    monkeypatch.setenv("PROJEKTY_ROLE_MODEL", "none")
    load_role_model.cache_clear()
    yield
    load_role_model.cache_clear()
