"""The one gazetteer: the domain list read from one neutral place, matched by the SpanRuler saved with the
model, used by the NLP and the extract stages alike."""

import subprocess
import sys

import pytest

from pipeline.ruledata.domain_orgs import domain_orgs


def test_the_domain_list_has_named_sourced_entries():
    orgs = domain_orgs()
    assert orgs and all(o.name and o.source for o in orgs)
    zpp = next(o for o in orgs if o.acronym == "ZPP")
    assert zpp.name == "Związek Powiatów Polskich"


def test_the_nlp_ruler_does_not_import_the_extract_stage():
    code = "import sys, pipeline.nlp.gazetteer; print(any(m.startswith('pipeline.extract') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_the_ruler_saved_with_the_model_is_the_domain_list_of_today():
    """``projekty ner gazetteer`` must be rerun when domain_orgs.yaml changes: the saved patterns are the
    ones built from the data now."""
    import json

    from pipeline.ner import GAZETTEER_PIPE, MODEL_DIR
    from pipeline.nlp.gazetteer import patterns

    saved = (MODEL_DIR / GAZETTEER_PIPE / "patterns").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in saved] == patterns()
    config = (MODEL_DIR / "config.cfg").read_text(encoding="utf-8")
    assert f"[components.{GAZETTEER_PIPE}]" in config


def test_one_gazetteer_finds_inflected_names_and_their_entries():
    from pipeline.nlp.gazetteer import entity_spans, longest_names
    from pipeline.ruledata.domain_orgs import domain_orgs
    from pipeline.text.tokens import tokenize

    text = "Grant przyznało Ministerstwo Spraw Zagranicznych, a patronat objął Związek Miast Polskich (ZMP)."
    toks = tokenize(text)
    found = {
        text[toks[i].start : toks[end - 1].end]: domain_orgs()[e].name
        for i, (end, e) in longest_names(toks, text).items()
    }
    assert found["Ministerstwo Spraw Zagranicznych"] == "Ministerstwo Spraw Zagranicznych"
    assert found["Związek Miast Polskich"] == "Związek Miast Polskich"
    spans = [text[a:b] for a, b in entity_spans(text, 0, len(text))]
    assert spans == ["Ministerstwo Spraw Zagranicznych", "Związek Miast Polskich", "ZMP"]  # acronyms too


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dotacja Ministerstwa Spraw Zagranicznych.", "Ministerstwa Spraw Zagranicznych"),  # inflected
        ("Dotacja Ministerstwa\nSpraw Zagranicznych.", "Ministerstwa\nSpraw Zagranicznych"),  # a line wrap
        ("Dotacja Ministerstwa\n\nSpraw Zagranicznych.", None),  # never across a paragraph
        ("DOTACJA MINISTERSTWA SPRAW ZAGRANICZNYCH", None),  # an all-caps heading
        ("dotacja ministerstwa spraw zagranicznych", None),  # the first word is capitalised
    ],
)
def test_where_a_name_is_and_is_not_found(text, name):
    from pipeline.extract.orgs.domain_list import scan_domain_names
    from pipeline.text.tokens import tokenize

    toks = tokenize(text)
    got = [text[toks[s.start].start : toks[s.end - 1].end] for s in scan_domain_names(toks, text)]
    assert got == ([name] if name else [])


def test_a_whole_string_names_its_entry_in_any_form():
    from pipeline.extract.orgs.domain_list import match_domain_name
    from pipeline.ruledata.domain_orgs import domain_orgs

    i = match_domain_name("Związkiem Miast Polskich")
    assert i is not None and domain_orgs()[i].name == "Związek Miast Polskich"
    assert match_domain_name("Związek Miast Polskich i Gmin") is None  # the whole string, not a prefix


def test_the_model_loads_without_the_ruler_and_spacy_load_loads_both():
    import spacy

    from pipeline.ner import GAZETTEER_PIPE, MODEL_DIR, load_model

    assert GAZETTEER_PIPE not in load_model().pipe_names
    assert GAZETTEER_PIPE in spacy.load(MODEL_DIR).pipe_names  # components.py registered its features


def test_a_ruler_saved_from_another_list_is_not_used(monkeypatch):
    """An edited domain list makes the saved ruler stale: the stage builds one from the list instead of
    matching names with shifted entries."""
    from pipeline.nlp import gazetteer

    assert gazetteer.saved_is_current()
    monkeypatch.setattr(gazetteer, "data_digest", lambda: "0" * 64)
    assert not gazetteer.saved_is_current()


@pytest.mark.parametrize(
    ("written", "name"),
    [
        (
            "Rządowego Funduszu Polski Ład Program Inwestycji Strategicznych",  # written without the colon
            "Rządowy Fundusz Polski Ład: Program Inwestycji Strategicznych",
        ),
        ("Funduszu Polski Ład", "Rządowy Fundusz Polski Ład: Program Inwestycji Strategicznych"),
        ("Fundacji Orlen „Dar Serca”", "Fundacja Orlen"),  # the foundation's former name
        (
            "Państwowego Funduszu Rehabilitacji Osób Niepełnosprawnych",
            "Państwowy Fundusz Rehabilitacji Osób Niepełnosprawnych",
        ),
        ("Ministerstwem Edukacji i Nauki", "Ministerstwo Edukacji i Nauki"),
        ("Ministra Edukacji i Nauki", "Minister Edukacji i Nauki"),  # the minister, named as written (its own entry)
        ("Ministra Kultury i Dziedzictwa Narodowego", "Minister Kultury i Dziedzictwa Narodowego"),
        ("Ministerstwa Kultury i Dziedzictwa Narodowego", "Ministerstwo Kultury i Dziedzictwa Narodowego"),
        ("Ministerstwa Rodziny, Pracy i Polityki Społecznej", "Ministerstwo Rodziny i Polityki Społecznej"),
        # the ministry's name of 2020-2023, with its comma: one body, not "Ministerstwo Kultury" cut at the comma
        ("Ministra Kultury, Dziedzictwa Narodowego i Sportu", "Minister Kultury, Dziedzictwa Narodowego i Sportu"),
        (
            "Ministerstwo Kultury, Dziedzictwa Narodowego i Sportu",
            "Ministerstwo Kultury, Dziedzictwa Narodowego i Sportu",
        ),
    ],
)
def test_national_funders_of_many_publishers_are_domain_entries(written, name):
    from pipeline.extract.orgs.domain_list import domain_acronyms, match_domain_name

    i = match_domain_name(written)
    assert i is not None and domain_orgs()[i].name == name
    assert domain_orgs()[domain_acronyms()["PFRON"]].name.startswith("Państwowy Fundusz Rehabilitacji")
    assert match_domain_name("Pracy i Polityki Społecznej") is None  # an alias with a comma is one alias


def test_the_gazetteer_command_rebuilds_the_ruler_in_a_fresh_process(tmp_path):
    """``projekty ner gazetteer`` loads the model in a process that has not registered its component yet."""
    import shutil

    from pipeline.ner import GAZETTEER_PIPE, MODEL_DIR

    model = tmp_path / "model"
    shutil.copytree(MODEL_DIR, model)
    (model / GAZETTEER_PIPE / "patterns").write_text("", encoding="utf-8")
    code = (
        "import sys; from pathlib import Path; from pipeline.nlp.gazetteer import save_with_model; "
        "print(save_with_model(Path(sys.argv[1])))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(model)], capture_output=True, text=True, check=True).stdout
    saved = (model / GAZETTEER_PIPE / "patterns").read_text(encoding="utf-8")
    assert int(out.strip()) == len(saved.splitlines()) > 100
