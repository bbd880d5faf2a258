"""The shared acronym test (pipeline.text.acronyms) and the acronyms of the state kept inside names."""

import pytest

from pipeline.extract import counts
from pipeline.extract.orgs import find_org_mentions, model_org_veto
from pipeline.extract.orgs.vocab import state_acronyms, stoplist
from pipeline.text.acronyms import is_acronym, is_roman


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("ZMP", True),
        ("MSWiA", True),
        ("NFOŚiGW", True),
        ("ČR", True),
        ("Z", False),
        ("Zmp", False),
        ("ZMp", False),
        ("mSWiA", False),
        ("ZM-P", False),
        ("XIV", True),
    ],
)
def test_is_acronym(word, expected):
    assert is_acronym(word) is expected


def test_roman_numerals_are_told_apart():
    assert is_roman("XIV") and is_roman("III")
    assert not is_roman("ZMP") and not is_roman("xiv")


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("JST", True),
        ("NIP", True),
        ("MSWiA", False),
        ("III", False),
        ("ABCDEFGHI", False),
        ("OSÓB", True),
        ("Jst", False),
    ],
)
def test_counts_reads_only_short_all_caps_acronyms(word, expected):
    # counts asks the shared test for all-caps acronyms of at most eight letters, Roman numerals aside
    assert counts._is_acronym(word) is expected


def test_state_acronyms_are_data_and_stay_inside_names():
    assert state_acronyms() == frozenset({"RP"})
    assert "RP" in stoplist().stop  # alone it is no organisation
    text = "Projekt Związku Gmin Wiejskich RP. Potem ZGW RP oraz RP."
    assert [m.text for m in find_org_mentions(text)] == ["Związku Gmin Wiejskich RP", "ZGW RP"]


def test_a_model_span_opening_with_a_stoplisted_word_is_vetoed_unless_a_state_acronym():
    text = "Wspólnie z JST Podkarpacia działamy."
    s = text.index("JST")
    assert model_org_veto(text, s, s + len("JST Podkarpacia")) == "stoplist"
    text = "Wspólnie z RP Podkarpacia działamy."
    s = text.index("RP")
    assert model_org_veto(text, s, s + len("RP Podkarpacia")) is None


def test_programme_acronym_in_two_parts_is_one_mention():
    from pipeline.extract.orgs import find_org_mentions

    assert [m.text for m in find_org_mentions("trzy projekty w ramach PO KL, Priorytet VII")] == ["PO KL"]
    assert [m.text for m in find_org_mentions("partnerzy: ZHP ZMP")] == ["ZHP", "ZMP"]  # no joint acronym known


def test_an_acronym_counted_by_a_number_is_a_unit_not_a_body():
    text = "Adresatami były uczennice (10 BO) i uczniowie (20 BO) Szkoły Podstawowej nr 7, w skład ZSS 8."
    assert [m.text for m in find_org_mentions(text)] == ["Szkoły Podstawowej nr 7", "ZSS"]
    assert [m.text for m in find_org_mentions("W 2010 ZMP zorganizował debatę.")] == ["ZMP"]  # a year is no count


def test_words_of_a_headline_in_capitals_are_not_acronyms():
    text = "MAŁE GRANTY SOŁECKIE: SOŁECTWA SAMIN, LIWA, SAMBRÓD I BOGACZEWO Z DOFINANSOWANIEM!\nGrant dał ZMP."
    assert [m.text for m in find_org_mentions(text)] == ["ZMP"]


def test_a_programme_acronym_takes_its_period_and_is_written_out():
    from pipeline.resolve.nominative import canonical_name

    text = "Dofinansowano z PROW na lata 2007 – 2013 oraz z RPO WSL 2014-2020, a także z PFRON 2014-2020 i PROW."
    found = [(m.text, m.is_acronym, m.acronym) for m in find_org_mentions(text)]
    assert found == [
        ("PROW na lata 2007 – 2013", False, "PROW"),  # the acronym it is written with: the table's `acronym`
        ("RPO WSL 2014-2020", False, "RPO WSL"),
        ("PFRON", True, None),  # a fund runs on: its years are no programme's period
        ("PROW", True, None),
    ]
    assert canonical_name("PROW na lata 2007 – 2013") == "Program Rozwoju Obszarów Wiejskich na lata 2007-2013"
    rpo = "Regionalny Program Operacyjny Województwa Śląskiego"
    assert canonical_name("RPO WSL 2014–2020") == f"{rpo} na lata 2014-2020"
    assert canonical_name("PROW") == "PROW"
