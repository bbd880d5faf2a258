"""The real-page corpus: enough pages and publishers, a clean split by publisher, keys that quote their
pages, and a scorer that gives a perfect prediction 1.0 (so a low score is the pipeline's, not the key's)."""

from __future__ import annotations

import csv
import importlib.util
import re
from collections import Counter
from pathlib import Path

import pytest

from pipeline.evaluate import score as ev
from pipeline.evaluate.realkeys import PAGE_KINDS, load_real, read_sources

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "gold" / "real"
RESERVED = ROOT.parent / "shared" / "docs" / "reserved-sources.md"


def _module(name: str):
    spec = importlib.util.spec_from_file_location(name, REAL / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows() -> list[dict]:
    with (REAL / "sources.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_size_and_split_by_publisher():
    pages = read_sources(REAL)  # raises on a publisher in both splits or an unknown kind
    assert len(pages) >= 60
    assert len({p.site for p in pages}) >= 40
    test = [p for p in pages if p.split == "test"]
    assert len(test) >= 20 and len({p.site for p in test}) >= 13
    kinds = Counter(p.kind for p in pages)
    assert set(kinds) == set(PAGE_KINDS) and min(kinds.values()) >= 4, kinds
    assert list(_rows()[0]) == ["doc_id", "url", "publisher", "kind", "split", "retrieved", "site", "via"]


def test_every_page_has_its_key_and_nothing_else_is_there():
    ids = {p.doc_id for p in read_sources(REAL)}
    assert {p.stem for p in (REAL / "pages").glob("*.txt")} == ids
    assert {p.stem for p in (REAL / "keys").glob("*.json")} == ids


def test_the_split_is_stable():
    """Rebuilding sources.csv from the annotators' rows moves no page between splits."""
    build = _module("build_sources")
    rows = build.read_rows()
    now = {r["site"]: r["split"] for r in _rows()}
    assert build.assign(rows) == now
    assert build.site("https://www.x.gmina.pl/a") == "x.gmina.pl"
    assert build.site("http://opolska.zhp.pl/b") == "zhp.pl"
    assert build.site("https://money.pl./gospodarka/x.html") == "money.pl"  # an address ending in a dot
    assert build.site("https://slask-zabytki.blogspot.com/2017/") == "slask-zabytki.blogspot.com"  # one blog


def test_no_page_of_a_reserved_site():
    if not RESERVED.exists():
        pytest.skip("reserved-sources.md is not beside the checkout")
    reserved = re.findall(r"^- (\S+)$", RESERVED.read_text(encoding="utf-8"), re.MULTILINE)
    assert reserved
    for p in read_sources(REAL):
        host = re.sub(r"^https?://", "", p.url).split("/")[0].lower()
        assert not any(host == r or host.endswith("." + r) for r in reserved), p.url


def test_keys_quote_their_pages():
    check = _module("check_keys")
    problems = {path.name: check.check_key(path) for path in sorted((REAL / "keys").glob("*.json"))}
    assert {k: v for k, v in problems.items() if v} == {}


def test_the_key_checker_knows_the_pipeline_s_vocabularies():
    """check_keys.py stands alone (annotators run it without the pipeline), so its copies of the closed
    vocabularies are pinned to the ones the pipeline and the scorer use."""
    from schemas import fields

    check = _module("check_keys")
    assert set(PAGE_KINDS) == check.KINDS
    assert set(fields.AMOUNT_KINDS) == check.AMOUNT_KINDS
    assert set(fields.QUALIFIERS) == check.QUALIFIERS
    assert set(fields.PRECISIONS) == check.PRECISIONS
    assert set(fields.ROLES) == check.ROLES


def test_loaded_keys_carry_offsets_into_the_page():
    docs = load_real(REAL, ROOT, ("dev", "test"))
    assert len(docs) == len(read_sources(REAL))
    for doc in docs:
        text = (ROOT / doc.source_file).read_text(encoding="utf-8")
        for r in doc.records:
            assert r.char_start is not None and r.char_start < r.char_end <= len(text)
            for kind in ("amounts", "counts", "dates", "organisations"):
                for it in getattr(r, kind):
                    assert text[it.char_start : it.char_end] == it.text
                    assert r.char_start <= it.char_start and it.char_end <= r.char_end


def test_a_perfect_prediction_scores_one_on_dev():
    gold = load_real(REAL, ROOT, ("dev",))
    tables = ev.gold_to_tables(gold)
    scores, page = ev.score(gold, tables), ev.page_scores(gold, tables)
    for k in ("projects", "amounts", "counts", "dates", "organisations", "org_roles"):
        assert scores.overall.prf[k].f1 == 1.0, k
    for k in ("amounts", "counts", "dates", "organisations"):
        assert page.overall.prf[k].f1 == 1.0, k
    assert scores.overall.acc["title_exact_rate"].value == 1.0
    assert scores.overall.acc["amount_kind_accuracy"].value == 1.0
    empty = ev.score(gold, {k: df.iloc[0:0] for k, df in tables.items()})
    assert empty.overall.prf["projects"].recall == 0.0


def test_no_page_is_saved_twice():
    """Two annotators may save the same page under two doc_ids; the pipeline then rejects one as a
    duplicate and its key scores nothing, so each page text is in the corpus once."""
    texts = Counter((p.read_bytes()) for p in (REAL / "pages").glob("*.txt"))
    assert max(texts.values()) == 1
