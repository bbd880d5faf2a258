"""HTML pages as users save them, through the whole pipeline: the main content is read inside CMS
wrappers, the furniture dropped is accounted for per document, and ``--html-main`` overrides the choice."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.api import build_release
from pipeline.ingest.decode import InputError

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "data" / "html"


@pytest.fixture()
def raw(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "raw"
    folder.mkdir()
    for page in ("wordpress.html", "aspnet.html", "joomla.html", "bip.html", "elementor.html"):
        shutil.copy(PAGES / page, folder / page)
    return folder


def test_cms_pages_are_read_and_their_furniture_accounted(raw, tmp_path):
    summary = build_release(raw, tmp_path / "out", jobs=1)
    assert summary.complete and summary.rows["documents"] == 5
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("doc_id")
    assert docs.loc["wordpress", "dropped_chars"] == 343
    assert (docs["dropped_chars"] > 0).all()
    for doc_id in docs.index:  # the text read is saved with the release, so evidence can be checked
        text = (tmp_path / "out" / "texts" / f"{doc_id}.txt").read_text(encoding="utf-8")
        assert len(text) == docs.loc[doc_id, "n_chars"]
        assert "cookie" not in text.lower()


def test_html_main_selects_the_content_and_a_bad_selector_is_one_error(raw, tmp_path):
    whole = build_release(raw, tmp_path / "a", jobs=1)
    narrow = build_release(raw, tmp_path / "b", jobs=1, html_main="h1")
    docs_a = pd.read_parquet(tmp_path / "a" / "documents.parquet").set_index("doc_id")
    docs_b = pd.read_parquet(tmp_path / "b" / "documents.parquet").set_index("doc_id")
    assert whole.complete and narrow.rows["documents"] >= 1
    assert (docs_b["n_chars"] <= docs_a.loc[docs_b.index, "n_chars"]).all()  # no h1: the automatic choice
    with_h1 = ["aspnet", "bip", "wordpress"]
    assert (docs_b.loc[with_h1, "n_chars"] < docs_a.loc[with_h1, "n_chars"]).all()
    with pytest.raises(InputError, match="--html-main: .*not valid CSS"):
        build_release(raw, tmp_path / "c", jobs=1, html_main="div[[")
