"""The role model: its features name the evidence (the cue among it), it decides every role, its labels come
from the keys, training is deterministic and never on test, and the shipped weights are what training gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.core.datatypes import Assignment, Money, OrgMention, Record
from pipeline.core.features import cue_letters
from pipeline.core.linear import state_weights
from pipeline.evaluate.score import GoldDocument, OrgRow, RecordRow
from pipeline.roles.learned import MODEL_PATH, RoleModel, learned_roles, load_role_model, read_role_model, role_features
from pipeline.roles.train import Example, _gold_role, cross_validate, fit, training_examples, write_role_model

ROOT = Path(__file__).resolve().parents[2]
TEXT = "Nowa świetlica\nGmina Zblewo otrzymała wsparcie.\nStowarzyszenie Razem – 5 000 zł, ze środków Fundacji Orlen."


def _record() -> Record:
    return Record("d", 1, "", "Nowa świetlica", None, None, 0, len(TEXT), 0, 14, 15, len(TEXT))


def _mention(name: str) -> OrgMention:
    start = TEXT.index(name)
    return OrgMention(name, start, start + len(name), "rule")


def _assigned() -> list[Assignment]:
    cue = TEXT.index("ze środków")
    return [
        Assignment(_mention("Gmina Zblewo"), "other"),
        Assignment(_mention("Stowarzyszenie Razem"), "lead"),  # the rules' implicit lead: no cue
        Assignment(_mention("Fundacji Orlen"), "funder", (cue, cue + 10), "ze środków", 3),
    ]


def _amounts() -> list[Money]:
    start = TEXT.index("5 000 zł")
    return [Money(5000.0, "PLN", "5 000 zł", start, start + 8)]


def test_features_name_the_evidence_around_an_uncued_mention():
    assigned = _assigned()
    f = role_features(TEXT, assigned[1], _record(), _amounts(), assigned)
    assert f["rule=lead"] == f["type=ngo"] == f["line_start"] == f["amount_after"] == 1.0
    assert f["index=1"] == f["n_orgs=<=4"] == f["has_cued_funder"] == f["prev=wsparcie"] == 1.0
    assert f["next=5"] == 1.0 and "in_title" not in f and "has_cued_lead" not in f
    g = role_features(TEXT, assigned[0], _record(), _amounts(), assigned, publisher_ref=assigned[0].mention)
    assert g["publisher"] == g["index=0"] == g["type=municipality"] == 1.0 and "amount_before" not in g


def test_the_model_decides_every_role_and_keeps_the_cue_as_evidence():
    model = RoleModel({"lead": {"bias": 1.0}, "funder": {"type=municipality": 3.0}, "other": {"cue=ze środków": 5.0}})
    amount = TEXT.index("5 000 zł")
    payer = Assignment(_mention("Stowarzyszenie Razem"), "funder", (amount, amount + 8), "5 000 zł", 0)
    assigned = [*_assigned(), payer]  # the rules' payer before an amount (quoted as its cue): overruled
    out = learned_roles(TEXT, _record(), _amounts(), assigned, None, model)
    assert [a.role for a in out] == ["funder", "lead", "other", "lead"]
    assert out[2].cue_text == "ze środków" and out[2].strength == 3  # the cue the model read stays the evidence
    assert out[3].cue_text == "5 000 zł" and out[3].cue_span == (amount, amount + 8)
    assert out[0].cue_span is None and out[0].strength == 0
    assert learned_roles(TEXT, _record(), _amounts(), _assigned(), None, None) == _assigned()


def test_the_cue_is_a_feature():
    assigned = _assigned()
    f = role_features(TEXT, assigned[2], _record(), _amounts(), assigned)
    assert f["cue_role_strength=funder:3"] == f["cue=ze środków"] == 1.0 and "cue=none" not in f
    assert role_features(TEXT, assigned[0], _record(), _amounts(), assigned)["cue=none"] == 1.0


def test_a_cue_read_over_a_line_break_is_the_same_feature_and_no_feature_name_holds_one():
    assert cue_letters("Przy\nwsparciu  Gminy") == "przy wsparci" == cue_letters("przy wsparciu")
    broken = [({"bias": 1.0, "cue=przy\nwsparciu": 1.0}, "funder"), ({"bias": 1.0}, "lead")]
    with pytest.raises(ValueError, match="line break"):  # crfsuite could not read such a model back
        state_weights(broken, 1.0)


def test_labels_come_from_the_key_record_around_the_mention():
    orgs_a = (OrgRow("Gmina Zblewo", None, "lead"),)
    orgs_b = (OrgRow("Gmina Zblewo", None, "funder"), OrgRow("Rada Sołecka", None, "other", optional=True))
    gold = GoldDocument(
        "d",
        "d.txt",
        (
            RecordRow("A", "", None, None, 0, 100, organisations=orgs_a),
            RecordRow("B", "", None, None, 100, 200, organisations=orgs_b),
        ),
    )
    assert _gold_role(gold, "Gmina Zblewo", None, 150).role == "funder"  # the record around the mention
    assert _gold_role(gold, "Gmina Zblewo", None, 50).role == "lead"
    assert _gold_role(gold, "Gmina Zblewo", None, 300).role == "lead"  # outside every record: the first
    assert _gold_role(gold, "Rada Sołecka", None, 150) is None  # optional: left out
    assert _gold_role(gold, "Fundacja Orlen", None, 150) is None


def _examples() -> list[Example]:
    lead = {"bias": 1.0, "type=ngo": 1.0, "line_start": 1.0}
    funder = {"bias": 1.0, "type=municipality": 1.0}
    return [Example(f"p{i}", f"s{i}", lead, "lead", (), "other") for i in range(8)] + [
        Example(f"q{i}", f"t{i}", funder, "funder", ("other",), "other") for i in range(6)
    ]


def test_training_is_deterministic_and_learns_the_evidence(tmp_path):
    one = write_role_model(fit(_examples()), {}, tmp_path / "a.json").read_bytes()
    two = write_role_model(fit(_examples()), {}, tmp_path / "b.json").read_bytes()
    assert one == two
    model = read_role_model(tmp_path / "a.json")
    assert model.label({"bias": 1.0, "type=ngo": 1.0}) == "lead"
    assert model.label({"bias": 1.0, "type=municipality": 1.0}) == "funder"
    cv = cross_validate(_examples())
    assert cv["examples"] == 14 and cv["rules"] == round(6 / 14, 3) and cv["lead"] == round(8 / 14, 3)


def test_a_file_that_is_not_a_role_model_is_refused(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text(json.dumps({"format": "other", "weights": {}}), encoding="utf-8")
    with pytest.raises(ValueError, match="not a role model"):
        read_role_model(bad)
    bad.write_text(json.dumps({"format": "projekty-role-model-1", "weights": {"boss": {}}}), encoding="utf-8")
    with pytest.raises(ValueError, match="unknown labels"):
        read_role_model(bad)


def test_training_never_reads_test():
    with pytest.raises(ValueError, match="never trained on the test split"):
        training_examples(ROOT / "tests" / "gold", ROOT, ("dev", "test"))


def test_the_shipped_role_model_is_loaded_and_can_be_switched_off(monkeypatch):
    model = load_role_model()
    assert MODEL_PATH.is_file() and model is not None
    assert {"lead", "funder", "other"} <= set(model.weights)
    meta = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["trained_on"]
    assert meta["pages"] > 100 and meta["mentions"] > 300
    monkeypatch.setenv("PROJEKTY_ROLE_MODEL", "none")
    assert load_role_model.__wrapped__() is None
