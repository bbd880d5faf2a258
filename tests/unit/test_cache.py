"""The per-document cache: keys, atomic entries, bad entries; the text spool."""

from pathlib import Path

from pipeline import cache as c


def test_key_depends_on_bytes_versions_and_identity(tmp_path):
    a = c.ResultCache(tmp_path, pipeline="p1", model="m1")
    ident = ("doc", "raw/doc.txt", None, False, None)
    key = a.key("ab" * 32, ident)
    assert key == c.ResultCache(tmp_path, pipeline="p1", model="m1").key("ab" * 32, ident)
    assert key != a.key("cd" * 32, ident)
    assert key != a.key("ab" * 32, ("other", "raw/other.txt", None, False, None))
    assert key != c.ResultCache(tmp_path, pipeline="p2", model="m1").key("ab" * 32, ident)
    assert key != c.ResultCache(tmp_path, pipeline="p1", model="m2").key("ab" * 32, ident)


def test_put_get_and_bad_entries(tmp_path):
    store = c.ResultCache(tmp_path, pipeline="p", model="m")
    key = store.key("00" * 32, ("d",))
    assert not store.has(key) and store.get(key) is None
    store.put(key, ({"rows": [(1, "ą")]}, "tekst"))
    assert store.has(key)
    assert store.get(key) == ({"rows": [(1, "ą")]}, "tekst")
    assert not [p for p in tmp_path.rglob(".tmp-*")]  # written by rename, nothing left behind
    path = next(tmp_path.rglob("*.pkl.z"))
    path.write_bytes(b"not a cache entry")
    assert store.get(key) is None
    assert not path.exists()  # a bad entry is a miss and goes away
    assert (store.hits, store.misses, store.writes) == (1, 2, 1)


def test_versions_are_stable_and_follow_the_files(tmp_path):
    assert c.pipeline_version() == c.pipeline_version()
    assert len(c.model_version()) == 16
    (tmp_path / "a.txt").write_text("x")
    before = c._tree_hash(tmp_path, lambda p: True).hexdigest()
    assert before == c._tree_hash(tmp_path, lambda p: True).hexdigest()
    (tmp_path / "a.txt").write_text("y")
    assert before != c._tree_hash(tmp_path, lambda p: True).hexdigest()


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
    assert c.model_version(str(copy)) == c.model_version()
    weights = copy / "ner" / "model"
    weights.write_bytes(weights.read_bytes()[:-1] + b"\x00")
    assert c.model_version.__wrapped__(str(copy)) != c.model_version()  # (computed once per path)


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
    from pipeline.run import CompactResult

    spool = c.ResultSpool()
    results = [CompactResult(f"d{i}", f"d{i}.txt", i, False, i, {"projects": [(f"d{i}-p001", "ż" * i)]}, [], [], {})
               for i in range(3)]
    for r in results:
        spool.add(r)
    assert len(spool) == 3 and list(spool) == ["d0", "d1", "d2"]
    assert list(spool.values()) == results
    assert list(spool.values()) == results  # read again: the spool is not consumed
    spool.close()
