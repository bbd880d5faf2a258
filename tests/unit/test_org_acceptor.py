"""The organisation acceptor: its features name the evidence, its labels come from the keys, training is
deterministic and never on test, the shipped weights are what training gives, and a run without the
model uses weights trained without the model's features."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from pipeline.core.datatypes import Entity, OrgMention, Record
from pipeline.evaluate.score import OrgRow
from pipeline.extract.orgs.acceptor import (
    MODEL_PATH,
    Acceptor,
    accepted,
    load_acceptor,
    mention_features,
    read_acceptor,
    rules_only,
)
from pipeline.extract.orgs.acceptor_train import (
    Example,
    fit_both,
    label_of,
    rules_only_examples,
    training_examples,
    write_acceptor,
)

ROOT = Path(__file__).resolve().parents[2]
TEXT = "Projekt Nowa świetlica\nZadanie sfinansowano ze środków Fundacji Orlen, partnerem była Komisja Konkursowa."


def _record(text: str = TEXT) -> Record:
    return Record("d", 1, "", "Projekt Nowa świetlica", None, None, 0, len(text), 0, 22, 23, len(text))


def _mention(name: str, source: str = "rule", text: str = TEXT) -> OrgMention:
    start = text.index(name)
    return OrgMention(name, start, start + len(name), source)


def test_features_name_the_evidence_around_a_mention():
    m = _mention("Fundacji Orlen")
    ent = Entity("ORG", "Fundacji Orlen", m.char_start, m.char_end, "model", confidence=0.97)
    f = mention_features(TEXT, m, _record(), [ent], Counter({"fundacji orlen": 2}))
    assert f["src=rule"] == f["model=exact"] == f["model_conf=>0.95"] == 1.0
    assert f["prev=środków"] == f["prev2=ze środków"] == f["next=partnerem"] == 1.0
    assert f["head=fundacja"] == f["nwords=<=2"] == f["page_freq=<=2"] == 1.0
    assert "in_title" not in f and "acronym" not in f


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        (
            "Kluby z terenu gminy Dąbrowa Białostocka dostaną 5000 zł.",
            "gminy Dąbrowa Białostocka",
            {"territory_before"},
        ),
        ("Budowa oświetlenia w gminie Bobrowniki (200 tys. zł).", "gminie Bobrowniki", {"locative_head"}),
        ("Dotację otrzymała gmina Kęty.", "gmina Kęty", set()),
        ("Dotację otrzymała Gmina Kęty.", "Gmina Kęty", set()),  # written as a name: no place reading
        ("Środki fundacji Pogranicze.", "fundacji Pogranicze", set()),  # no territorial head
    ],
)
def test_place_evidence_of_a_lowercase_territorial_head(text, name, place):
    """A lowercase territorial head may name the place or the body: the acceptor reads the evidence (a word of
    territory before it, the locative) and the keys decide, instead of a rule dropping the mention."""
    record = Record("d", 1, "", "", None, None, 0, len(text), 0, 0, 0, len(text))
    f = mention_features(text, _mention(name, text=text), record, [], Counter())
    assert {k for k in ("territory_before", "locative_head") if k in f} == place


def test_a_run_without_the_model_has_no_model_features():
    m = _mention("Komisja Konkursowa", source="model")
    f = mention_features(TEXT, m, _record(), [], Counter(), with_model=False)
    assert not any(k.startswith("model=") for k in f)
    assert rules_only({"src=model": 1.0, "model=none": 1.0, "bias": 1.0}) == {"bias": 1.0}


def test_labels_come_from_the_key_names_acronyms_and_optional_bodies():
    required = [OrgRow("Fundacja Orlen", "FO", "funder")]
    optional = [OrgRow("Komisja Konkursowa", None, "other", optional=True)]
    assert label_of("Fundacja Orlen", None, required, optional) == 1
    assert label_of("FO", "FO", required, optional) == 1  # by acronym
    assert label_of("Fundacja Orlenu", None, required, optional) == 1  # a near miss is a body with a wrong form
    assert label_of("Komisja Konkursowa", None, required, optional) is None  # optional: left out
    assert label_of("Rada Gminy", None, required, optional) == 0


def _examples() -> list[Example]:
    good = {"bias": 1.0, "head=fundacja": 1.0, "model=exact": 1.0}
    bad = {"bias": 1.0, "head=komisja": 1.0, "src=model": 1.0}
    return [Example(f"p{i}", good, 1, "F") for i in range(6)] + [Example(f"q{i}", bad, 0, "K") for i in range(4)]


def test_training_is_deterministic_and_learns_the_evidence(tmp_path):
    one = write_acceptor(fit_both(_examples()), 0.4, {}, tmp_path / "a.json").read_bytes()
    two = write_acceptor(fit_both(_examples()), 0.4, {}, tmp_path / "b.json").read_bytes()
    assert one == two
    acc = read_acceptor(tmp_path / "a.json")
    good, bad = {"bias": 1.0, "head=fundacja": 1.0}, {"bias": 1.0, "head=komisja": 1.0}
    assert acc.probability(good) > 0.5 > acc.probability(bad)
    assert "src=model" not in read_acceptor(tmp_path / "a.json", with_model=False).weights
    assert all(e.features.get("src=model") is None for e in rules_only_examples(_examples()))


def test_accepted_keeps_all_without_an_acceptor_and_drops_what_it_scores_low():
    mentions = [_mention("Fundacji Orlen"), _mention("Komisja Konkursowa")]
    assert accepted(TEXT, _record(), mentions, [], Counter(), None) == mentions
    acc = Acceptor({"bias": 2.0, "head=komisja": -5.0}, 0.5)
    assert accepted(TEXT, _record(), mentions, [], Counter(), acc) == mentions[:1]


def test_a_file_that_is_not_an_acceptor_is_refused(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text(json.dumps({"format": "other", "weights": {}, "threshold": 0.5}), encoding="utf-8")
    with pytest.raises(ValueError, match="not an organisation acceptor"):
        read_acceptor(bad)


def test_training_never_reads_test():
    with pytest.raises(ValueError, match="never trained on the test split"):
        training_examples(ROOT / "tests" / "gold", ROOT, ("dev", "test"))


def test_the_shipped_acceptor_is_loaded_for_both_modes():
    both, rules = load_acceptor(True), load_acceptor(False)
    assert MODEL_PATH.is_file() and both is not None and rules is not None
    assert both.with_model and not rules.with_model
    assert any(k.startswith("model=") for k in both.weights)
    assert not any(k.startswith(("model=", "src=model")) for k in rules.weights)
    meta = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["trained_on"]
    assert meta["pages"] > 100 and 0 < meta["kept"] < meta["mentions"]
