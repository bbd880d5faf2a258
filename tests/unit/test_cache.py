"""The per-document cache: keys, the entry codec, atomic entries, bad and crafted entries; the spools."""

import dataclasses
import datetime as dt
import json
import os
import pickle
import shlex
import shutil
import zlib
from pathlib import Path

import pytest

from pipeline.core import versions
from pipeline.nlp.entity_cache import ENV as ENTITY_CACHE
from pipeline.runner import cache as c

PAGES = Path(__file__).resolve().parents[2] / "tests" / "gold" / "pages"


def test_key_depends_on_bytes_versions_and_identity(tmp_path):
    a = c.ResultCache(tmp_path, pipeline="p1", model="m1")
    ident = ("doc", "raw/doc.txt", None, False, None)
    key = a.key("ab" * 32, ident)
    assert key == c.ResultCache(tmp_path, pipeline="p1", model="m1").key("ab" * 32, ident)
    assert key != a.key("cd" * 32, ident)
    assert key != a.key("ab" * 32, ("other", "raw/other.txt", None, False, None))
    assert key != c.ResultCache(tmp_path, pipeline="p2", model="m1").key("ab" * 32, ident)
    assert key != c.ResultCache(tmp_path, pipeline="p1", model="m2").key("ab" * 32, ident)


def _small(doc_id: str = "d") -> tuple:
    """A hand-made (DocumentResult, text) with every kind of value the codec must give back."""
    from pipeline.core.datatypes import Assignment, NameReading, OrgMention
    from pipeline.runner.document import DocumentResult, ProjectMention, RecordAssignments

    m = OrgMention("Fundacja Ąę", 3, 14, "rule", acronym="FĄ")
    a = OrgMention("ZMP", 20, 23, "gazetteer", is_acronym=True)

    def row(*values) -> dict:
        return {f"c{i}": v for i, v in enumerate(values)}

    rows = {
        "projects": [row(f"{doc_id}-001", doc_id, 1, "", "Tytuł", 2019, None, False, None, "opis", 0, 30, 0, 5)],
        "amounts": [row(f"{doc_id}-001-m01", f"{doc_id}-001", 30000.5, "PLN", "30 000,50 zł", 7, 19)],
        "dates": [
            row(
                f"{doc_id}-001-d01",
                f"{doc_id}-001",
                dt.date(2019, 3, 1),
                dt.date(2019, 12, 31),
                "month",
                True,
                "marzec–grudzień 2019",
                1,
                2,
            )
        ],
        "odd": [row(dt.datetime(2019, 3, 1, 12, 30, 5, 7), 0, 0.0, 1, True, -(2**70), "\ud800")],
        "blocks": [],
    }
    pid = f"{doc_id}-001"
    pairs = [ProjectMention(pid, m, NameReading("Fundacja Ąę", "foundation", None)), ProjectMention(pid, a, None)]
    assigned = [RecordAssignments(pid, [Assignment(m, "funder", (0, 2), "Dz", 3), Assignment(a, "other")])]
    result = DocumentResult(doc_id, f"{doc_id}.txt", 40, False, 1, rows, pairs, assigned)
    return result, "Dzięki\r\nFundacji \ud800 lone surrogate"


def _shape(v):
    """The value's types all the way down (== alone takes 1 for 1.0 and True, a list for no tuple)."""
    if isinstance(v, list | tuple):
        return type(v), [_shape(x) for x in v]
    if isinstance(v, dict):
        return dict, [(_shape(k), _shape(x)) for k, x in v.items()]
    if dataclasses.is_dataclass(v):
        return type(v), [_shape(getattr(v, f.name)) for f in dataclasses.fields(v)]
    return type(v)


def _same(a, b) -> bool:
    return a == b and _shape(a) == _shape(b)


@pytest.fixture(scope="module")
def real(tmp_path_factory) -> tuple:
    """(DocumentResult, text) of a small gold page with dates, acronyms and cues, as a worker gives it
    (zwiazek-tytuly.txt has no dates)."""
    from pipeline.ingest.corpus import discover
    from pipeline.runner.engines import plan_jobs, run_job

    raw = tmp_path_factory.mktemp("cache-real") / "raw"
    raw.mkdir()
    shutil.copy(PAGES / "siec-miast-termin-opis.txt", raw / "siec-miast-termin-opis.txt")
    (job,), events = plan_jobs(discover(raw), raw, {}, None)
    assert not events
    return run_job(job)


def test_codec_gives_a_real_result_back_exactly(real):
    result, text = real
    assert result.rows["dates"] and result.org_pairs  # the page covers every part
    assert any(m.acronym for _pid, m, _r in result.org_pairs) and any(m.is_acronym for _pid, m, _r in result.org_pairs)
    assert any(r is not None and r.domain is not None for _pid, _m, r in result.org_pairs)  # a domain entry carried
    assert any(a.cue_span is None for _pid, assigned in result.assignments for a in assigned)
    assert any(a.cue_text and a.strength for _pid, assigned in result.assignments for a in assigned)
    assert _same(c.decode_result(json.loads(json.dumps(c.encode_result(result)))), result)
    key = "ab" * 32
    assert _same(c.decode_entry(c.encode_entry(key, real), key, result.doc_id), real)
    assert {type(row[k]) for row in result.rows["dates"] for k in ("start", "end")} == {dt.date}


def test_codec_covers_every_value_kind():
    value = _small()
    assert _same(c.decode_entry(c.encode_entry("k", value), "k", "d"), value)


def test_codec_refuses_values_it_cannot_give_back():
    result, text = _small()
    for odd in ({1, 2}, [1], b"x", dt.time(1, 2), Path("a")):
        bad = dataclasses.replace(result, rows={"projects": [{"project_id": "p", "title": odd}]})
        with pytest.raises(TypeError, match="cannot hold"):
            c.encode_entry("k", (bad, text))


def test_put_get_and_bad_entries(tmp_path, real):
    store = c.ResultCache(tmp_path, pipeline="p", model="m")
    key = store.key("00" * 32, ("d",))
    assert not store.has(key) and store.get(key) is None
    store.put(key, real)
    assert store.has(key)
    assert _same(store.get(key), real)
    assert _same(store.get(key, real[0].doc_id), real)
    assert not [p for p in tmp_path.rglob(".tmp-*")]  # written by rename, nothing left behind
    path = next(tmp_path.rglob("*.json.z"))
    assert json.loads(zlib.decompress(path.read_bytes()).split(b"\n", 1)[0]) == {
        "format": "projekty-cache-4",
        "key": key,
        "doc_id": real[0].doc_id,
    }
    path.write_bytes(b"not a cache entry")
    assert store.get(key) is None
    assert not path.exists()  # a bad entry is a miss and goes away
    assert (store.hits, store.misses, store.writes) == (2, 2, 1)


def test_an_entry_copied_over_another_is_a_miss(tmp_path):
    store = c.ResultCache(tmp_path, pipeline="p", model="m")
    ka, kb = store.key("aa" * 32, ("a",)), store.key("bb" * 32, ("b",))
    store.put(ka, _small("a"))
    store.put(kb, _small("b"))
    store._path(kb).write_bytes(store._path(ka).read_bytes())  # document a where b belongs
    assert store.get(kb, "b") is None
    assert not store.has(kb) and store.has(ka)
    assert _same(store.get(ka, "a"), _small("a"))
    store.put(kb, _small("b"))
    assert store.get(kb, "a") is None  # the right key, but not the document the caller expects
    assert not store.has(kb)
    assert (store.hits, store.misses) == (1, 2)


def test_a_truncated_entry_is_a_miss(tmp_path):
    store = c.ResultCache(tmp_path, pipeline="p", model="m")
    key = store.key("00" * 32, ("d",))
    store.put(key, _small())
    data = store._path(key).read_bytes()
    for cut in (len(data) - 1, len(data) // 2, 3, 0):
        store._path(key).write_bytes(data[:cut])
        assert store.get(key) is None and not store.has(key)
    # a whole stream that ends early: compressed, but the JSON body is cut
    whole = zlib.decompress(data)
    store._path(key).write_bytes(zlib.compress(whole[: len(whole) - 10]))
    assert store.get(key) is None and not store.has(key)
    assert (store.hits, store.misses) == (0, 5)


class _Payload:
    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return os.system, (f"touch {shlex.quote(str(self.marker))}",)


def test_a_crafted_pickle_is_a_miss_and_never_runs(tmp_path):
    marker = tmp_path / "ran"
    payload = pickle.dumps(_Payload(marker))
    pickle.loads(payload)  # the payload is real: unpickling it runs its command
    assert marker.exists()
    marker.unlink()
    store = c.ResultCache(tmp_path / "cache", pipeline="p", model="m")
    key = store.key("00" * 32, ("d",))
    path = store._path(key)
    path.parent.mkdir(parents=True)
    for data in (payload, zlib.compress(payload), zlib.compress(b"{}\n" + payload)):
        path.write_bytes(data)
        assert store.has(key)
        assert store.get(key, "d") is None
        assert not path.exists()
    assert not marker.exists()
    assert (store.hits, store.misses) == (0, 3)


def test_a_foreign_json_entry_is_a_miss(tmp_path):
    store = c.ResultCache(tmp_path, pipeline="p", model="m")
    key = store.key("00" * 32, ("d",))
    good = zlib.decompress(c.encode_entry(key, _small()))
    head, body = good.split(b"\n", 1)
    variants = [
        head.replace(b"projekty-cache-4", b"projekty-cache-3") + b"\n" + body,  # another format
        head + b"\n" + body.replace(b'"doc_id":"d"', b'"doc_id":"x"', 1),  # the result of another document
        head + b"\n" + body.replace(b'{"date":', b'{"time":', 1),  # an unknown value tag
        head + b"\n" + b'{"result":{},"text":""}',
        b"[1, 2]\n{}",
    ]
    for data in variants:
        store._path(key).parent.mkdir(parents=True, exist_ok=True)
        store._path(key).write_bytes(zlib.compress(data))
        assert store.get(key, "d") is None and not store.has(key)
    assert store.misses == len(variants)


def test_an_entry_without_the_mentions_readings_is_a_miss(tmp_path):
    """An entry whose mentions lack their names' readings (format 3 wrote [project_id, mention] pairs) is
    never read, even under this format's tag and key: resolution would link a name without them."""
    store = c.ResultCache(tmp_path, pipeline="p", model="m")
    key = store.key("00" * 32, ("d",))
    result, text = _small()
    body = c.encode_result(result)
    assert [p[2] for p in body["org_pairs"]] == [["Fundacja Ąę", "foundation", None], None]
    old = {**body, "org_pairs": [p[:2] for p in body["org_pairs"]]}
    unread = {**body, "org_pairs": [[*p[:2], None] for p in body["org_pairs"]]}  # a written name, no reading
    odd = {**body, "org_pairs": [[*p[:2], ["Fundacja Ąę", "foundation", "3"]] for p in body["org_pairs"][:1]]}
    header = c._json({"format": c.ENTRY_FORMAT, "key": key, "doc_id": "d"})
    for bad in (old, unread, odd):
        with pytest.raises(c.BadEntry):
            c.decode_result(bad)
        store._path(key).parent.mkdir(parents=True, exist_ok=True)
        store._path(key).write_bytes(zlib.compress(header + b"\n" + c._json({"result": bad, "text": text})))
        assert store.get(key, "d") is None and not store.has(key)
    assert store.misses == 3


def test_versions_are_stable_and_follow_the_files(tmp_path):
    assert c.pipeline_version() == c.pipeline_version()
    assert len(versions.model_version()) == 16
    (tmp_path / "a.txt").write_text("x")
    before = versions.tree_hash(tmp_path, lambda p: True).hexdigest()
    assert before == versions.tree_hash(tmp_path, lambda p: True).hexdigest()
    (tmp_path / "a.txt").write_text("y")
    assert before != versions.tree_hash(tmp_path, lambda p: True).hexdigest()


def test_model_version_covers_the_weights(tmp_path):
    from pipeline.ner import MODEL_DIR

    assert (Path(MODEL_DIR) / "meta.json").exists()
    copy = tmp_path / "model"
    copy.mkdir()
    for p in Path(MODEL_DIR).rglob("*"):
        if p.is_file():
            target = copy / p.relative_to(MODEL_DIR)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(p.read_bytes())
    assert versions.model_version(str(copy)) == versions.model_version()
    weights = copy / "ner" / "model"
    weights.write_bytes(weights.read_bytes()[:-1] + b"\x00")
    assert versions.model_version.__wrapped__(str(copy)) != versions.model_version()  # (computed once per path)


def test_spool_gives_texts_back_exactly():
    spool = c.TextSpool()
    texts = {"a": "Związek\r\nMiast", "b": "", "c": "x" * 100_000 + "ż", "d": "\ud800 lone surrogate"}
    for k, v in texts.items():
        spool.add(k, v)
    assert list(spool) == list(texts)
    assert len(spool) == 4
    assert dict(spool.items()) == texts
    assert spool["a"] == texts["a"] and spool["c"] == texts["c"]
    view = c.SpoolView(spool, ["a", "c"])
    assert dict(view) == {"texts/a.txt": texts["a"], "texts/c.txt": texts["c"]}
    spool.close()


def test_result_spool_gives_results_back_in_order():
    from pipeline.runner.document import DocumentResult

    spool = c.ResultSpool()
    results = [
        DocumentResult(
            f"d{i}", f"d{i}.txt", i, False, i, {"projects": [{"project_id": f"d{i}-p001", "title": "ż" * i}]}, [], []
        )
        for i in range(3)
    ]
    for r in results:
        spool.add(r)
    assert len(spool) == 3 and list(spool) == ["d0", "d1", "d2"]
    assert list(spool.values()) == results
    assert list(spool.values()) == results  # read again: the spool is not consumed
    spool.close()


def test_the_pipeline_version_covers_the_segmenter_and_the_model_switches(monkeypatch):
    assert {".crfsuite", ".page"} <= versions.CODE_SUFFIXES  # the segmenter's files are hashed with the code
    before = c.pipeline_version()
    monkeypatch.setenv("PROJEKTY_SEGMENTER", "none")
    c.pipeline_version.cache_clear()
    try:
        assert c.pipeline_version() != before  # results cached with the segmenter are not reused without it
    finally:
        monkeypatch.delenv("PROJEKTY_SEGMENTER")
        c.pipeline_version.cache_clear()
    assert c.pipeline_version() == before


def test_every_model_switch_the_pipeline_reads_is_in_the_cache_key():
    """A switch missing from the key would let a run with the component off read results cached with it on."""
    import re

    read = {
        name
        for f in (versions.ROOT / "pipeline").rglob("*.py")
        for name in re.findall(r"PROJEKTY_[A-Z_]+", f.read_text(encoding="utf-8"))
    }
    # the entity cache's folder says where entries are kept, not what they hold (their keys hash the code themselves)
    assert read and read - {ENTITY_CACHE} == set(versions.MODEL_SWITCHES)
