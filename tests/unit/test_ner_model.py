"""Smoke tests of the shipped Polish NER model (pipeline/models/ner_pl). Fast: one model load."""

from __future__ import annotations

import pytest

from pipeline.ner import MODEL_DIR, load_model

pytestmark = pytest.mark.skipif(not (MODEL_DIR / "meta.json").exists(), reason="NER model not built")


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def ents(nlp, text: str) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in nlp(text).ents}


def test_model_is_small_and_has_coarse_labels(nlp):
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size < 15 * 1024 * 1024
    assert set(nlp.get_pipe("ner").labels) <= {"PER", "ORG", "LOC", "MISC"}
    assert {"PER", "ORG", "LOC"} <= set(nlp.get_pipe("ner").labels)
    assert nlp.pipe_names[0] == "morph_features"


def test_spacy_load_after_importing_components():
    import spacy

    import pipeline.ner.components  # noqa: F401

    nlp2 = spacy.load(MODEL_DIR)
    assert "ner" in nlp2.pipe_names


def test_organisations_and_place(nlp):
    found = ents(nlp, "Projekt zrealizował Związek Miast Polskich we współpracy z Fundacją Batorego w Krakowie.")
    assert ("Związek Miast Polskich", "ORG") in found
    assert ("Krakowie", "LOC") in found
    # "Fundacja Batorego" is an organisation; at least it must not be a place
    assert any(label == "ORG" and "Batorego" in text for text, label in found)


def test_person_and_city(nlp):
    found = ents(nlp, "Koordynatorem projektu był Jan Kowalski z Warszawy.")
    assert ("Jan Kowalski", "PER") in found
    assert ("Warszawy", "LOC") in found


def test_institution(nlp):
    found = ents(nlp, "Badania sfinansowało Narodowe Centrum Nauki, a wykonał je Uniwersytet Jagielloński.")
    assert ("Narodowe Centrum Nauki", "ORG") in found
    assert ("Uniwersytet Jagielloński", "ORG") in found


def test_no_entities_in_plain_sentence(nlp):
    assert ents(nlp, "Celem projektu było podniesienie kompetencji cyfrowych seniorów.") == set()


def test_demonyms_and_adjectives_are_not_entities(nlp):
    # nam_org_nation / nam_adj_* are mapped to O (see pipeline/data/kpwr_labels.yaml)
    assert ents(nlp, "Polacy coraz częściej korzystają z polskich aplikacji.") == set()


def test_morfeusz_features_are_set(nlp):
    doc = nlp("Spotkanie odbyło się w Krakowie.")
    assert doc[4].lemma_ == "Kraków"
    assert "geo" in doc[4].tag_
