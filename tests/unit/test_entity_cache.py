"""The entity cache shared by the model checks and the evaluations of one ``make test``."""

from __future__ import annotations

from pipeline.core.datatypes import Entity
from pipeline.nlp import entity_cache
from pipeline.nlp.annotate import find_entities

ENTITIES = [
    Entity("ORG", "Gmina Dobra", 0, 11, "model", None, 0.8125),
    Entity("PER", "Jan Kowalski", 20, 32, "model", "Jan Kowalski", None),
    Entity("ORG", "ZMP", 40, 43, "gazetteer"),
]


def test_an_entry_gives_back_equal_entities_and_only_for_its_own_key():
    key = entity_cache.entry_key("tekst", [(0, 5)], "abc")
    data = entity_cache.encode(key, ENTITIES)
    assert entity_cache.decode(key, data) == ENTITIES
    assert entity_cache.decode(entity_cache.entry_key("tekst", [(0, 4)], "abc"), data) is None
    assert entity_cache.decode(key, data[:-3]) is None  # truncated
    assert entity_cache.decode(key, b"not an entry") is None


def test_the_key_names_the_text_the_spans_and_the_tagger():
    key = entity_cache.entry_key("tekst", [(0, 5)], "abc")
    assert key != entity_cache.entry_key("tekst!", [(0, 5)], "abc")
    assert key != entity_cache.entry_key("tekst", [(1, 5)], "abc")
    assert key != entity_cache.entry_key("tekst", [(0, 5)], "abd")
    assert key == entity_cache.entry_key("tekst", [(0, 5)], "abc")


def test_off_unless_a_folder_is_named(monkeypatch, tmp_path):
    calls = []

    def compute():
        calls.append(1)
        return ENTITIES

    monkeypatch.delenv(entity_cache.ENV, raising=False)
    entity_cache.through("t", [(0, 1)], lambda: "x", compute)
    entity_cache.through("t", [(0, 1)], lambda: "x", compute)
    assert len(calls) == 2
    monkeypatch.setenv(entity_cache.ENV, str(tmp_path))
    assert entity_cache.through("t", [(0, 1)], lambda: "x", compute) == ENTITIES
    assert entity_cache.through("t", [(0, 1)], lambda: "x", compute) == ENTITIES
    assert len(calls) == 3  # the second call read the entry
    (entry,) = tmp_path.rglob("*.json.z")
    entry.write_bytes(b"garbage")  # not the entry: computed again and written over
    assert entity_cache.through("t", [(0, 1)], lambda: "x", compute) == ENTITIES
    assert len(calls) == 4
    assert entity_cache.decode(entry.stem.removesuffix(".json"), entry.read_bytes()) == ENTITIES


def test_the_shipped_pipeline_reads_back_what_it_found(monkeypatch, tmp_path, zmp_text, nlp):
    spans = [(0, 4000), (4000, 9000)]
    fresh = find_entities(zmp_text, spans, nlp)
    monkeypatch.setenv(entity_cache.ENV, str(tmp_path))
    assert find_entities(zmp_text, spans, nlp) == fresh
    assert len(list(tmp_path.rglob("*.json.z"))) == 1
    assert find_entities(zmp_text, spans, nlp) == fresh
    assert any(e.label == "ORG" for e in fresh) and any(e.confidence is not None for e in fresh)


def test_another_pipeline_is_never_cached(monkeypatch, tmp_path, zmp_text):
    import spacy

    monkeypatch.setenv(entity_cache.ENV, str(tmp_path))
    blank = spacy.blank("pl")
    find_entities(zmp_text, [(0, 2000)], blank)
    assert not list(tmp_path.rglob("*.json.z"))
