"""The kind model: its features name the evidence (the cue among it), it decides every kind no label or column
decided, its labels come from the keys, training is deterministic and never on test, and the shipped weights are
what training gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.core.datatypes import Money, Record, RecordValues
from pipeline.evaluate.score import AmountRow, GoldDocument, RecordRow
from pipeline.extract.amount_kind import LABEL_STRENGTH
from pipeline.extract.kind_model import (
    MODEL_PATH,
    KindModel,
    kind_features,
    learned_kinds,
    load_kind_model,
    read_kind_model,
)
from pipeline.extract.kind_train import Example, cross_validate, fit, gold_kind, training_examples, write_kind_model

ROOT = Path(__file__).resolve().parents[2]
TEXT = (
    "Wyniki konkursu\nOgólna kwota wsparcia wyniosła 90 000 zł na 12 zadań.\n"
    "Klub A – 50 000 zł\nKlub B – dofinansowanie 40 000 zł"
)


def _money(raw: str, value: float, cue: str | None = None, strength: int = 0) -> Money:
    start = TEXT.index(raw)
    kind = "grant"
    return Money(value, "PLN", raw, start, start + len(raw), kind=kind, kind_cue=cue, kind_strength=strength)


def _values() -> list[RecordValues]:
    first, second = TEXT.index("Wyniki"), TEXT.index("Klub A")
    records = [
        Record("d", 1, "", "Wyniki konkursu", None, None, first, second, first, first + 15, first + 16, second),
        Record("d", 2, "", "Klub A", None, None, second, len(TEXT), second, second + 6, second + 7, len(TEXT)),
    ]
    return [
        RecordValues(records[0], [_money("90 000 zł", 90000.0)]),
        RecordValues(
            records[1],
            [
                _money("50 000 zł", 50000.0, cue="–", strength=1),
                _money("40 000 zł", 40000.0, cue="dofinansowanie", strength=LABEL_STRENGTH),
            ],
        ),
    ]


def test_features_name_the_evidence_around_an_uncued_amount():
    v = _values()
    page = [m for x in v for m in x.amounts]
    f = kind_features(TEXT, v[0].amounts[0], v[0].record, 0, 2, v[0].amounts, page)
    assert f["bias"] == f["page_max"] == f["sum_of_others"] == f["counts_several"] == 1.0
    assert f["n_records=<=2"] == f["first_record=True"] == f["prev=wyniosła"] == f["next=na"] == 1.0
    assert f["sentence=wsparc"] == 0.3 and "record_max" not in f
    assert f["cue=none"] == 1.0 and not any(k.startswith("cue_kind") for k in f)
    g = kind_features(TEXT, v[1].amounts[0], v[1].record, 1, 2, v[1].amounts, page)
    assert g["first_record=False"] == g["record_max"] == 1.0 and "page_max" not in g and "counts_several" not in g
    assert g["cue_kind=grant"] == g["cue_kind_strength=grant:1"] == g["cue=–"] == 1.0 and "cue=none" not in g


def test_the_model_overrules_cues_not_labels_and_keeps_the_cue_as_evidence():
    model = KindModel({"grant": {"bias": 1.0}, "programme_budget": {"page_max": 3.0}, "other": {"cue=–": 2.0}})
    out = learned_kinds(TEXT, _values(), model)
    assert [m.kind for v in out for m in v.amounts] == ["programme_budget", "other", "grant"]
    assert out[1].amounts[0].kind_cue == "–"  # the cue the model read stays the amount's evidence
    assert out[1].amounts[1] == _values()[1].amounts[1]  # a label's or a column's kind is never changed
    assert learned_kinds(TEXT, _values(), None) == _values()


def test_labels_come_from_the_keys_amount_of_the_same_value_nearest():
    at = TEXT.index("90 000 zł")
    gold = GoldDocument(
        "d",
        "d.txt",
        (
            RecordRow(
                "A",
                "",
                None,
                None,
                0,
                60,
                amounts=(AmountRow(90000.0, "PLN", "90 000 zł", at, at + 9, False, "programme_budget", ("other",)),),
            ),
            RecordRow(
                "B",
                "",
                None,
                None,
                60,
                200,
                amounts=(AmountRow(50000.0, "PLN", "50 000 zł", None, None, True, "grant"),),
            ),
        ),
    )
    assert gold_kind(TEXT, _money("90 000 zł", 90000.0), gold) == ("programme_budget", ("other",))
    assert gold_kind(TEXT, _money("50 000 zł", 50000.0), gold) is None  # optional in the key: left out
    assert gold_kind(TEXT, _money("40 000 zł", 40000.0), gold) is None  # not in the key


def _examples() -> list[Example]:
    budget = {"bias": 1.0, "page_max": 1.0, "counts_several": 1.0}
    grant = {"bias": 1.0, "record_max": 1.0}
    return [Example(f"p{i}", f"s{i}", budget, "programme_budget", (), "grant") for i in range(8)] + [
        Example(f"q{i}", f"t{i}", grant, "grant", ("other",), "grant") for i in range(6)
    ]


def test_training_is_deterministic_and_learns_the_evidence(tmp_path):
    one = write_kind_model(fit(_examples()), {}, tmp_path / "a.json").read_bytes()
    two = write_kind_model(fit(_examples()), {}, tmp_path / "b.json").read_bytes()
    assert one == two
    model = read_kind_model(tmp_path / "a.json")
    assert model.label({"bias": 1.0, "page_max": 1.0}) == "programme_budget"
    assert model.label({"bias": 1.0, "record_max": 1.0}) == "grant"
    cv = cross_validate(_examples())
    assert cv["examples"] == 14 and cv["rules"] == round(6 / 14, 3) and cv["grant"] == round(6 / 14, 3)


def test_a_file_that_is_not_a_kind_model_is_refused(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text(json.dumps({"format": "projekty-role-model-1", "weights": {}}), encoding="utf-8")
    with pytest.raises(ValueError, match="not a kind model"):
        read_kind_model(bad)
    bad.write_text(json.dumps({"format": "projekty-kind-model-1", "weights": {"bribe": {}}}), encoding="utf-8")
    with pytest.raises(ValueError, match="unknown labels"):
        read_kind_model(bad)


def test_training_never_reads_test():
    with pytest.raises(ValueError, match="never trained on the test split"):
        training_examples(ROOT / "tests" / "gold", ROOT, ("dev", "test"))


def test_the_shipped_kind_model_is_loaded_and_can_be_switched_off(monkeypatch):
    model = load_kind_model()
    assert MODEL_PATH.is_file() and model is not None
    assert {"grant", "programme_budget", "total_value"} <= set(model.weights)
    meta = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["trained_on"]
    assert meta["pages"] > 100 and meta["amounts"] > 300
    monkeypatch.setenv("PROJEKTY_KIND_MODEL", "none")
    assert load_kind_model.__wrapped__() is None
