"""Tests for pipeline.extract.dates (rule-based temporal expressions over raw text)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.dates import extract_dates


def _spans(text: str, context_year: int | None = None):
    out = []
    for d in extract_dates(text, context_year=context_year):
        assert text[d.char_start : d.char_end] == d.raw_text
        out.append((d.start, d.end, d.precision, d.year_inferred, d.raw_text))
    return out


def Y(y1: int, y2: int | None = None):
    return date(y1, 1, 1), date(y2 or y1, 12, 31)


# --- phrases from raw/zmp-projekty-zakonczone.txt --------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Związek Miast Polskich uczestniczył od kwietnia 2015 roku na zaproszenie",
            [(date(2015, 4, 1), date(2015, 4, 30), "month", False, "kwietnia 2015 roku")],
        ),
        (
            "W ramach wizyty studyjnej w lipcu 2015 delegacja przedstawicieli",
            [(date(2015, 7, 1), date(2015, 7, 31), "month", False, "lipcu 2015")],
        ),
        ("Strategii Rozwoju ZMU, uchwalonej w 2013 r. Przygotowana", [(*Y(2013), "year", False, "2013 r.")]),
        (
            "w ramach wcześniejszych projektów (2014, 2015), których gospodarzami",
            [(*Y(2014), "year", False, "2014"), (*Y(2015), "year", False, "2015")],
        ),
        (
            "W ramach sześciu wizyt studyjnych w 2014 i 2015 r. Polskę odwiedziło 120 samorządowców",
            [(*Y(2014), "year", False, "2014"), (*Y(2015), "year", False, "2015 r.")],
        ),
        (
            "Pierwsze rozgrywki odbyły się we wrześniu 2014 roku i poprzedziły",
            [(date(2014, 9, 1), date(2014, 9, 30), "month", False, "wrześniu 2014 roku")],
        ),
        ("zorganizował na początku 2004 roku seminarium", [(*Y(2004), "year", False, "2004 roku")]),
        ("trwała 2 lata (1999-2000). Z Polski", [(*Y(1999, 2000), "year", False, "1999-2000")]),
        ("zakończył się w roku 2002 serią seminariów", [(*Y(2002), "year", False, "roku 2002")]),
        ("W roku 2001 rozpoczęła się druga tura", [(*Y(2001), "year", False, "roku 2001")]),
        ("i stowarzyszenia z UE (2014- 2015)\n\nProjekt", [(*Y(2014, 2015), "year", False, "2014- 2015")]),
        (
            "z ponad 50 krajów świata, 2008-9 – kompleksowe materiały",
            [(*Y(2008, 2009), "year", False, "2008-9")],
        ),
        ("2009/2010 – Deportacje obywateli polskich", [(*Y(2009, 2010), "year", False, "2009/2010")]),
        ("polskiej polityki zagranicznej 2015. Partnerami", [(*Y(2015), "year", False, "2015")]),
        ("Pozostałe projekty:\n\n2009 Współpraca partnerska", [(*Y(2009), "year", False, "2009")]),
        ("(Act4T, 2013)", [(*Y(2013), "year", False, "2013")]),
        (
            "w Gdańsku w maju 2013 roku, poświęcone",
            [(date(2013, 5, 1), date(2013, 5, 31), "month", False, "maju 2013 roku")],
        ),
        (
            "jest wydana w lipcu 2012 płyta CD",
            [(date(2012, 7, 1), date(2012, 7, 31), "month", False, "lipcu 2012")],
        ),
    ],
)
def test_source_page_phrases(text, expected):
    assert _spans(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "W październiku, w Brukseli, z udziałem",
            [(date(2012, 10, 1), date(2012, 10, 31), "month", True, "październiku")],
        ),
        (
            "która odbyła się w Bratysławie w połowie kwietnia wzięło udział 50",
            [(date(2012, 4, 1), date(2012, 4, 30), "month", True, "kwietnia")],
        ),
    ],
)
def test_yearless_months_take_context_year(text, expected):
    assert _spans(text, context_year=2012) == expected
    assert _spans(text) == []  # no context year: skipped


@pytest.mark.parametrize(
    "text",
    [
        "w kontekście obchodów 25-lecia samorządności",
        "jubileuszu 10-lecia członkostwa Polski w UE",
        "O plany związane z obchodami 10-tej rocznicy akcesji",
        "rozesłały do 2809 jednostek samorządu terytorialnego",
        "zapytano 304 miasta członkowskie Związku",
        "w ramach Działania 2.2 – środki wsparcia",
        "(Działanie 1.2 programu Europa dla Obywateli)",
        "Zaplanowano debatę „10 lat po największym rozszerzeniu UE”",
        "ukazanie 10-lat członkostwa",
        "W ciągu 12 miesięcy związki samorządowe",
        "4-letni projekt badawczo-doradczo-szkoleniowy",
        "Program Aktywizacji Obszarów Wiejskich B-3",
        "do III Rzeszy",
        "Gdańsk, VII Konferencja miast partnerskich",
        "wpłacono 2014 zł na konto",  # money
        "wpłacono USD 2014 na konto",
        "w projekcie wzięło udział 2000 osób",  # count within the year range
        "uchwała nr 2015",
        "ul. 3 Maja 12",
        "Maja i Jan pojechali",  # a name, not a month
        "1850 r.",  # outside the plausible year range
        "31.02.2020",  # no such day
    ],
)
def test_not_dates(text):
    assert _spans(text, context_year=2016) == []


def test_whole_source_page():
    with open("raw/zmp-projekty-zakonczone.txt", encoding="utf-8") as fh:
        text = fh.read()
    found = extract_dates(text, context_year=2016)
    for d in found:
        assert text[d.char_start : d.char_end] == d.raw_text
    raws = [d.raw_text for d in found]
    assert raws[:6] == ["2016", "kwietnia 2015 roku", "lipcu 2015", "kwietnia", "2015", "2013 r."]
    assert "2014- 2015" in raws and "2008-9" in raws and "roku 2001" in raws
    assert not any("lecia" in r or "2809" in r or "2.2" in r for r in raws)
    inferred = [d.raw_text for d in found if d.year_inferred]
    assert inferred == ["kwietnia", "październiku"]


# --- forms from the brief ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("w 2013 r.", [(*Y(2013), "year", False, "2013 r.")]),
        ("w 2013r. i", [(*Y(2013), "year", False, "2013r.")]),
        ("2014 roku", [(*Y(2014), "year", False, "2014 roku")]),
        ("w latach 2014-2015", [(*Y(2014, 2015), "year", False, "latach 2014-2015")]),
        ("1999-2000", [(*Y(1999, 2000), "year", False, "1999-2000")]),
        ("1999–2000", [(*Y(1999, 2000), "year", False, "1999–2000")]),
        ("1996-99", [(*Y(1996, 1999), "year", False, "1996-99")]),
        ("od 2014 do 2015 r.", [(*Y(2014, 2015), "year", False, "2014 do 2015 r.")]),
        ("na przełomie 2014 i 2015", [(*Y(2014), "year", False, "2014"), (*Y(2015), "year", False, "2015")]),
        (
            "marzec-listopad 2018",
            [(date(2018, 3, 1), date(2018, 11, 30), "month", False, "marzec-listopad 2018")],
        ),
        (
            "od marca do listopada 2018",
            [(date(2018, 3, 1), date(2018, 11, 30), "month", False, "marca do listopada 2018")],
        ),
        (
            "od listopada do marca 2018",  # first month in the previous year
            [(date(2017, 11, 1), date(2018, 3, 31), "month", False, "listopada do marca 2018")],
        ),
        (
            "od marca 2017 do listopada 2018",
            [(date(2017, 3, 1), date(2018, 11, 30), "month", False, "marca 2017 do listopada 2018")],
        ),
        (
            "od marca 2017 do 2018 r.",  # coarser precision of the two ends
            [(date(2017, 3, 1), date(2018, 12, 31), "year", False, "marca 2017 do 2018 r.")],
        ),
        (
            "w maju i czerwcu 2015",
            [
                (date(2015, 5, 1), date(2015, 5, 31), "month", False, "maju"),
                (date(2015, 6, 1), date(2015, 6, 30), "month", False, "czerwcu 2015"),
            ],
        ),
        (
            "okres 01-03-2021 - 31-12-2022",
            [(date(2021, 3, 1), date(2022, 12, 31), "day", False, "01-03-2021 - 31-12-2022")],
        ),
        ("dnia 1.03.2021 r.", [(date(2021, 3, 1), date(2021, 3, 1), "day", False, "1.03.2021 r.")]),
        ("dnia 1/03/2021", [(date(2021, 3, 1), date(2021, 3, 1), "day", False, "1/03/2021")]),
        ("dnia 2021-03-01", [(date(2021, 3, 1), date(2021, 3, 1), "day", False, "2021-03-01")]),
        ("15 maja 2019 r.", [(date(2019, 5, 15), date(2019, 5, 15), "day", False, "15 maja 2019 r.")]),
        ("15 III 2019", [(date(2019, 3, 15), date(2019, 3, 15), "day", False, "15 III 2019")]),
        ("15.III.2019", [(date(2019, 3, 15), date(2019, 3, 15), "day", False, "15.III.2019")]),
        (
            "w dniach 15-16 maja 2019",
            [(date(2019, 5, 15), date(2019, 5, 16), "day", False, "15-16 maja 2019")],
        ),
        (
            "od 1 marca do 31 maja 2019",
            [(date(2019, 3, 1), date(2019, 5, 31), "day", False, "1 marca do 31 maja 2019")],
        ),
        ("mar. 2019", [(date(2019, 3, 1), date(2019, 3, 31), "month", False, "mar. 2019")]),
        ("Marzec 2018", [(date(2018, 3, 1), date(2018, 3, 31), "month", False, "Marzec 2018")]),
        (
            "03.2021 – 12.2022",
            [(date(2021, 3, 1), date(2022, 12, 31), "month", False, "03.2021 – 12.2022")],
        ),
        ("w lutym 2020", [(date(2020, 2, 1), date(2020, 2, 29), "month", False, "lutym 2020")]),
    ],
)
def test_forms(text, expected):
    assert _spans(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("od 15 marca", [(date(2016, 3, 15), date(2016, 3, 15), "day", True, "15 marca")]),
        (
            "od marca do listopada",
            [(date(2016, 3, 1), date(2016, 11, 30), "month", True, "marca do listopada")],
        ),
        (
            "w maju i czerwcu",
            [
                (date(2016, 5, 1), date(2016, 5, 31), "month", True, "maju"),
                (date(2016, 6, 1), date(2016, 6, 30), "month", True, "czerwcu"),
            ],
        ),
    ],
)
def test_yearless_with_context(text, expected):
    assert _spans(text, context_year=2016) == expected
    assert _spans(text) == []


@pytest.mark.parametrize(
    ("text", "context_year", "expected"),
    [
        # phrases of the other gold pages (tests/gold/pages/)
        (
            "Okres realizacji: marzec 2019 – luty 2020\n",
            None,
            [(date(2019, 3, 1), date(2020, 2, 29), "month", False, "marzec 2019 – luty 2020")],
        ),
        (
            "Okres realizacji: 01.07.2019 - 30.06.2021\n",
            None,
            [(date(2019, 7, 1), date(2021, 6, 30), "day", False, "01.07.2019 - 30.06.2021")],
        ),
        (
            "Termin: czerwiec – grudzień 2023",
            None,
            [(date(2023, 6, 1), date(2023, 12, 31), "month", False, "czerwiec – grudzień 2023")],
        ),
        (
            "| 04.2018 – 11.2019 |",
            None,
            [(date(2018, 4, 1), date(2019, 11, 30), "month", False, "04.2018 – 11.2019")],
        ),
        (
            "9 października 2020\n",
            None,
            [(date(2020, 10, 9), date(2020, 10, 9), "day", False, "9 października 2020")],
        ),
        (
            "wymiana młodzieży w Łebie (lipiec). Udział",
            2019,
            [(date(2019, 7, 1), date(2019, 7, 31), "month", True, "lipiec")],
        ),
        (
            "Szkolenia prowadzone były od września do listopada we współpracy",
            2019,
            [(date(2019, 9, 1), date(2019, 11, 30), "month", True, "września do listopada")],
        ),
        (
            "Z powodu pandemii wyjazdy z marca przełożono",
            2022,
            [(date(2022, 3, 1), date(2022, 3, 31), "month", True, "marca")],
        ),
    ],
)
def test_other_page_phrases(text, context_year, expected):
    assert _spans(text, context_year=context_year) == expected


def test_lone_month_needs_cue_and_lower_case():
    assert _spans("marca", context_year=2016) == []  # no cue word
    assert _spans("w Marcu", context_year=2016) == []  # capitalised: not a month mention
    assert _spans("mar. i", context_year=2016) == []  # abbreviations only with a year


def test_offsets():
    text = "Projekt realizowany od kwietnia 2015 roku."
    (d,) = extract_dates(text)
    assert (d.char_start, d.char_end) == (23, 41)
    assert d.raw_text == "kwietnia 2015 roku"


def test_window_offsets_are_absolute():
    text = "Tytuł (2016)\n\nW 2013 r. uchwalono. W lipcu 2015 delegacja. Koniec 2020."
    start = text.index("W 2013")
    end = text.index("Koniec")
    found = extract_dates(text, start, end)
    assert [d.raw_text for d in found] == ["2013 r.", "lipcu 2015"]
    for d in found:
        assert start <= d.char_start < d.char_end <= end
        assert text[d.char_start : d.char_end] == d.raw_text


# --- properties -------------------------------------------------------------------------------

_PIECES = [
    "1",
    "15",
    "01",
    "03",
    "12",
    "2014",
    "2015",
    "1999",
    "2809",
    "9",
    " ",
    "\n",
    ".",
    ",",
    "-",
    "–",
    "/",
    " do ",
    " i ",
    "(",
    ")",
    "r.",
    "roku",
    "w ",
    "latach ",
    "maja",
    "Maja",
    "marca",
    "marzec",
    "lipcu",
    "lutym",
    "III",
    "mar.",
    "połowie ",
    "zł",
    "tys.",
    "-lecia",
    "osób",
    "%",
    "ul. ",
]
_texts = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=4)), max_size=25).map("".join)


@settings(max_examples=200, deadline=None)
@given(text=_texts, data=st.data(), context_year=st.one_of(st.none(), st.integers(1990, 2030)))
def test_property_evidence_equals_slice(text, data, context_year):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    found = extract_dates(text, start, end, context_year=context_year)
    last_end = start
    for d in found:
        assert start <= d.char_start < d.char_end <= end
        assert text[d.char_start : d.char_end] == d.raw_text
        assert d.start <= d.end
        assert d.precision in {"day", "month", "year"}
        assert not d.year_inferred or context_year is not None
        assert d.char_start >= last_end  # sorted, disjoint
        last_end = d.char_end
