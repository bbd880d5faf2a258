"""Tests for pipeline.extract.dates (rule-based temporal expressions over raw text)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.dates import (
    PageDates,
    YearContext,
    extract_dates,
    is_timestamp,
    page_dates,
    url_date,
    year_context,
)


def _spans(text: str, context_year: int | None = None, context: YearContext | None = None):
    out = []
    for d in extract_dates(text, context_year=context_year, context=context):
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
        ("zorganizował na początku 2004 roku seminarium", [(*Y(2004), "year", False, "początku 2004 roku")]),
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
            [(date(2012, 4, 1), date(2012, 4, 30), "month", True, "połowie kwietnia")],
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
        "1850 zł",  # money, and outside the plausible range of bare years
        "1850 osób",
        "31.02.2020",  # no such day
    ],
)
def test_not_dates(text):
    assert _spans(text, context_year=2016) == []


def test_whole_source_page(zmp_text):
    text = zmp_text
    found = extract_dates(text, context_year=2016)
    for d in found:
        assert text[d.char_start : d.char_end] == d.raw_text
    raws = [d.raw_text for d in found]
    assert raws[:6] == ["2016", "kwietnia 2015 roku", "lipcu 2015", "połowie kwietnia", "2015", "2013 r."]
    assert "2014- 2015" in raws and "2008-9" in raws and "roku 2001" in raws
    assert not any("lecia" in r or "2809" in r or "2.2" in r for r in raws)
    inferred = [d.raw_text for d in found if d.year_inferred]
    assert inferred == ["połowie kwietnia", "październiku"]


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
        ("na przełomie 2014 i 2015", [(*Y(2014, 2015), "year", False, "przełomie 2014 i 2015")]),  # one period
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
            "w maju i wrześniu 2015",  # months further apart: a list sharing its year
            [
                (date(2015, 5, 1), date(2015, 5, 31), "month", False, "maju"),
                (date(2015, 9, 1), date(2015, 9, 30), "month", False, "wrześniu 2015"),
            ],
        ),
        (
            "w maju i czerwcu 2015",  # two consecutive months: one period, as the keys read it
            [(date(2015, 5, 1), date(2015, 6, 30), "month", False, "maju i czerwcu 2015")],
        ),
        (
            "w styczniu i w lutym 2021",
            [(date(2021, 1, 1), date(2021, 2, 28), "month", False, "styczniu i w lutym 2021")],
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
            [(date(2016, 5, 1), date(2016, 6, 30), "month", True, "maju i czerwcu")],
        ),
        (
            "w maju i lipcu",
            [
                (date(2016, 5, 1), date(2016, 5, 31), "month", True, "maju"),
                (date(2016, 7, 1), date(2016, 7, 31), "month", True, "lipcu"),
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


# --- issue 17: year-less dates take the record's or the page's year -------------------------

D = date  # short alias in the tables below


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        # the record's year (year_end "when the span is open to doubt", tests/gold/CONVENTIONS.md)
        (
            "Zakończenie projektu zaplanowano na 15 marca.",
            YearContext(record_start=2019, record_end=2020),
            [(D(2020, 3, 15), D(2020, 3, 15), "day", True, "15 marca")],
        ),
        (
            "Prace ruszą pod koniec kwietnia, a odbiór nastąpi na początku czerwca.",
            YearContext(record_start=2021, record_end=2021),
            [
                (D(2021, 4, 1), D(2021, 4, 30), "month", True, "koniec kwietnia"),
                (D(2021, 6, 1), D(2021, 6, 30), "month", True, "początku czerwca"),
            ],
        ),
        # the record's year wins over a year written earlier in the record (ZMP page, record 1)
        (
            "Projekt trwa od kwietnia 2015 roku. Konferencja odbyła się w połowie kwietnia.",
            YearContext(record_start=2016, record_end=2016),
            [
                (D(2015, 4, 1), D(2015, 4, 30), "month", False, "kwietnia 2015 roku"),
                (D(2016, 4, 1), D(2016, 4, 30), "month", True, "połowie kwietnia"),
            ],
        ),
        # no record year: a year written earlier in the record
        (
            "Fundacja ogłosiła konkurs 3 października 2007 roku. Wyniki ogłoszono 5 grudnia.",
            YearContext(),
            [
                (D(2007, 10, 3), D(2007, 10, 3), "day", False, "3 października 2007 roku"),
                (D(2007, 12, 5), D(2007, 12, 5), "day", True, "5 grudnia"),
            ],
        ),
        # no year in the record: the page's date, else the only year on the page
        (
            "W marcu podpisaliśmy umowę.",
            YearContext(published=D(2021, 5, 12), page_year=2019),
            [(D(2021, 3, 1), D(2021, 3, 31), "month", True, "marcu")],
        ),
        (
            "W marcu podpisaliśmy umowę.",
            YearContext(page_year=2019),
            [(D(2019, 3, 1), D(2019, 3, 31), "month", True, "marcu")],
        ),
        # nothing to take the year from: not reported (biblioteka-zawoja, dev: no year on the page)
        ("W marcu podpisaliśmy pierwszą umowę.", YearContext(), []),
        (
            "Wnioskodawcy od 28 kwietnia do 31 lipca dokonywali rejestracji.",
            YearContext(page_year=2021),
            [(D(2021, 4, 28), D(2021, 7, 31), "day", True, "28 kwietnia do 31 lipca")],
        ),
    ],
)
def test_yearless_dates_take_the_record_or_page_year(text, context, expected):
    assert _spans(text, context=context) == expected


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        # against the page's date (a dated news item)
        (
            "W tym roku trzem szkołom udało się dołączyć do przedsięwzięcia.",
            YearContext(published=D(2022, 10, 3), record_start=2019, record_end=2019),
            [(D(2022, 1, 1), D(2022, 12, 31), "year", True, "tym roku")],
        ),
        (
            "W ubiegłym roku do konkursu wpłynęło 13 ofert.",
            YearContext(published=D(2021, 5, 12)),
            [(D(2020, 1, 1), D(2020, 12, 31), "year", True, "ubiegłym roku")],
        ),
        (
            "Umowę podpisano 13 czerwca br. w Urzędzie Gminy.",
            YearContext(published=D(2021, 7, 1)),
            [(D(2021, 6, 13), D(2021, 6, 13), "day", True, "13 czerwca br.")],
        ),
        (
            "Nabór trwał w marcu ubiegłego roku.",
            YearContext(published=D(2021, 7, 1)),
            [(D(2020, 3, 1), D(2020, 3, 31), "month", True, "marcu ubiegłego roku")],
        ),
        (
            "Realizować go będziemy do końca czerwca tego roku.",
            YearContext(published=D(2019, 2, 1)),
            [(D(2019, 6, 1), D(2019, 6, 30), "month", True, "końca czerwca tego roku")],
        ),
        (
            "Zadanie realizowane od 1 marca do 30 czerwca br.",
            YearContext(published=D(2020, 2, 20)),
            [(D(2020, 3, 1), D(2020, 6, 30), "day", True, "1 marca do 30 czerwca br.")],
        ),
        # no page date: against the record's year
        (
            "W tym roku ponownie do rozdysponowania było 200 tys. zł.",
            YearContext(record_start=2021, record_end=2021),
            [(D(2021, 1, 1), D(2021, 12, 31), "year", True, "tym roku")],
        ),
        (
            "Gmina przekazała w br. dotacje klubom.",
            YearContext(record_start=2020, record_end=2020),
            [(D(2020, 1, 1), D(2020, 12, 31), "year", True, "br.")],
        ),
        # no anchor: not reported; a page's only year is no date of the page, but `w tym roku` is that year
        ("W tym roku do konkursu wpłynęło 13 ofert.", YearContext(), []),
        ("W ubiegłym roku do konkursu wpłynęło 13 ofert.", YearContext(page_year=2019), []),
        (
            "W tym roku przeprowadzono nabór.",
            YearContext(page_year=2020),
            [(D(2020, 1, 1), D(2020, 12, 31), "year", True, "tym roku")],
        ),
        ("Dzięki dotacji zrealizujemy w tym roku projekt.", YearContext(record_start=2003), []),
        # a record's year older than the web (a church built 1350-1375) is no anchor; the page's only year is
        (
            "Przyznał w tym roku dotacje na gotycki kościół.",
            YearContext(record_start=1350, record_end=1375, page_year=2012),
            [(D(2012, 1, 1), D(2012, 12, 31), "year", True, "tym roku")],
        ),
        # a stray abbreviation is no date
        ("Kwota br. wyniosła 200 zł.", YearContext(record_start=2020, record_end=2020), []),
    ],
)
def test_deictic_years(text, context, expected):
    assert _spans(text, context=context) == expected


def test_deictic_year_counts_from_a_date_line_of_the_record():
    """A list of dated news items: each item's date line dates its own deictic years."""
    text = "Nowe place zabaw\n9 października 2020\nW tym roku powstały trzy place zabaw."
    assert _spans(text, context=YearContext(published=D(2023, 1, 5), record_end=2018)) == [
        (D(2020, 10, 9), D(2020, 10, 9), "day", False, "9 października 2020"),
        (D(2020, 1, 1), D(2020, 12, 31), "year", True, "tym roku"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Umowę podpisano 12 maja 2021 r. Tego samego dnia odbyła się konferencja.",
            [
                (D(2021, 5, 12), D(2021, 5, 12), "day", False, "12 maja 2021 r."),
                (D(2021, 5, 12), D(2021, 5, 12), "day", True, "Tego samego dnia"),
            ],
        ),
        (
            "Wyniki ogłoszono 15 września 2021 r., a następnego dnia podpisano umowy.",
            [
                (D(2021, 9, 15), D(2021, 9, 15), "day", False, "15 września 2021 r."),
                (D(2021, 9, 16), D(2021, 9, 16), "day", True, "następnego dnia"),
            ],
        ),
        ("Tego samego dnia odbyła się konferencja.", []),  # no day before it
        (
            "Warsztaty w dniach 15-16 maja 2019. Tego samego dnia",  # a range is not one day
            [(D(2019, 5, 15), D(2019, 5, 16), "day", False, "15-16 maja 2019")],
        ),
    ],
)
def test_relative_days(text, expected):
    assert _spans(text) == expected


def test_page_dates():
    assert page_dates("Tytuł\nOpublikowano: 12.05.2021\n\nW 2021 r. gmina ...") == PageDates(
        D(2021, 5, 12), 2021, ((20, 30),)
    )
    assert page_dates("Tytuł\n\nW 2019 r. gmina ... w ramach RPO WM 2014-2020") == PageDates(None, 2019)
    news = "Przeznaczono 124 tys. zł na sport\n\n23/03/2014 05:15\nKażdy klub ..."
    assert page_dates(news).published == D(2014, 3, 23)
    assert page_dates("Nagłówek\n\n10 Styczeń 2024 r.\nRedaktor: kaminska\n").published == D(2024, 1, 10)
    assert page_dates("Data publikacji: 3 lutego 2020 r.\nTekst").published == D(2020, 2, 3)
    # two dated items: neither is the page's date; a date inside a sentence is none either
    assert page_dates("A\n12 maja 2021\nTekst.\n\nB\n3 grudnia 2019\nTekst.").published is None
    assert page_dates("Umowę podpisano 18 października 2018 r. w gminie.").published is None
    # the only year on the page: none when it is only in a programme's name, none when there are two
    assert page_dates("Programu Interreg V-A Polska-Słowacja 2014-2020. W marcu ...").only_year is None
    assert page_dates("w 2018 r. oraz w 2019 r.").only_year is None
    ctx = year_context("Tytuł\n\n23/03/2014 05:15\nW tym roku ...", 2013, 2013)
    assert ctx == YearContext(2013, 2013, D(2014, 3, 23), 2014, ((7, 17),))


def test_year_context_on_a_news_page():
    """The record of a dated news item without years of its own: the deictic year is the page's."""
    text = "Reklama\n\nPrzeznaczono 124 tys. zł na sport\n\n23/03/2014 05:15\nW tym roku podobnie jak ..."
    body = text.index("W tym")
    (d,) = extract_dates(text, body, len(text), context=year_context(text, None, None))
    assert (d.start, d.end, d.precision, d.year_inferred, d.raw_text) == (
        D(2014, 1, 1),
        D(2014, 12, 31),
        "year",
        True,
        "tym roku",
    )
    assert text[d.char_start : d.char_end] == "tym roku"


# --- issue 17: ranges over months and numeric ranges -------------------------------------------


@pytest.mark.parametrize(
    ("text", "context_year", "expected"),
    [
        (
            "Nabór trwał między 12 maja a 3 czerwca 2019 r.",
            None,
            [(D(2019, 5, 12), D(2019, 6, 3), "day", False, "12 maja a 3 czerwca 2019 r.")],
        ),
        (
            "pomiędzy 12 maja a 3 czerwca 2019",
            None,
            [(D(2019, 5, 12), D(2019, 6, 3), "day", False, "12 maja a 3 czerwca 2019")],
        ),
        (
            "Wystawa czynna od 28 lutego do 2 marca.",
            2020,
            [(D(2020, 2, 28), D(2020, 3, 2), "day", True, "28 lutego do 2 marca")],
        ),
        ("12 maja – 3 czerwca", 2018, [(D(2018, 5, 12), D(2018, 6, 3), "day", True, "12 maja – 3 czerwca")]),
        (
            "od 1 października 2022 roku do 31 marca 2023 roku",
            None,
            [(D(2022, 10, 1), D(2023, 3, 31), "day", False, "1 października 2022 roku do 31 marca 2023 roku")],
        ),
        (
            "od połowy maja do końca czerwca 2019",
            None,
            [(D(2019, 5, 1), D(2019, 6, 30), "month", False, "połowy maja do końca czerwca 2019")],
        ),
        (
            "Okres realizacji: 01-03-2021 - 31-08-2023",
            None,
            [(D(2021, 3, 1), D(2023, 8, 31), "day", False, "01-03-2021 - 31-08-2023")],
        ),
        (
            "Okres realizacji projektu: 01.03.2018 – 30.11.2019",
            None,
            [(D(2018, 3, 1), D(2019, 11, 30), "day", False, "01.03.2018 – 30.11.2019")],
        ),
        (
            "Projekt realizowany w terminie 01.04.2024 – 30.06.2026 r.",
            None,
            [(D(2024, 4, 1), D(2026, 6, 30), "day", False, "01.04.2024 – 30.06.2026 r.")],
        ),
        (
            "w okresie realizacji 01.08.2017r.- 31.07.2020r.",
            None,
            [(D(2017, 8, 1), D(2020, 7, 31), "day", False, "01.08.2017r.- 31.07.2020r.")],
        ),
        (
            "Okres realizacji projektu: od 01.01.2020r. do 31.03.2021r.",
            None,
            [(D(2020, 1, 1), D(2021, 3, 31), "day", False, "01.01.2020r. do 31.03.2021r.")],
        ),
        (
            "III Konwent Animatorów Kultury, 26-28.09.2019",
            None,
            [(D(2019, 9, 26), D(2019, 9, 28), "day", False, "26-28.09.2019")],
        ),
        ("Począwszy od okresu 04/2014 wysokość", None, [(D(2014, 4, 1), D(2014, 4, 30), "month", False, "04/2014")]),
        # a quarter or a half-year is its months
        ("w I kwartale 2018 r.", None, [(D(2018, 1, 1), D(2018, 3, 31), "month", False, "I kwartale 2018 r.")]),
        (
            "do końca I półrocza 2016 roku",
            None,
            [(D(2016, 1, 1), D(2016, 6, 30), "month", False, "końca I półrocza 2016 roku")],
        ),
        ("w drugim kwartale", 2021, [(D(2021, 4, 1), D(2021, 6, 30), "month", True, "drugim kwartale")]),
    ],
)
def test_ranges_over_months_and_numeric(text, context_year, expected):
    assert _spans(text, context_year=context_year) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a day with its ordinal dot before the month's genitive
        ("od 9. czerwca 2020 r. do końca roku", [(D(2020, 6, 9), D(2020, 6, 9), "day", False, "9. czerwca 2020 r.")]),
        # a numbered item is no day: the month with its year stays a month
        ("1. Marzec 2019 – zakup sprzętu", [(D(2019, 3, 1), D(2019, 3, 31), "month", False, "Marzec 2019")]),
        # year first, with dots
        ("Termin: 2026.01.22 r.", [(D(2026, 1, 22), D(2026, 1, 22), "day", False, "2026.01.22 r.")]),
        ("wersja 2020.01.22.5 programu", []),
    ],
)
def test_day_forms_with_dots(text, expected):
    assert _spans(text) == expected


# --- issue 17: years of names, identifiers and statutes are not dates; historical years are -----


@pytest.mark.parametrize(
    "text",
    [
        "w ramach programu Horyzont 2020 projekt",
        "ze środków programu PHARE 2002 zbudowano",
        "Strategia Rozwoju Gminy na lata 2014-2020",
        "na lata 2014-2020",
        "w ramach RPO WM 2014-2020 (Działanie 4.1)",
        "z Funduszu Mikroprojektów 2014-2020 Interreg",
        "Programu Współpracy Transgranicznej INTERREG V-A Polska-Słowacja 2014-2020",
        "Programu Operacyjnego Wiedza Edukacja Rozwój (2014-2020)",
        "w programie wieloletnim „Senior+” na lata 2021-2025",
        "realizacji Narodowego Programu Rozwoju Czytelnictwa 2.0 na lata 2021-2025 gmina otrzymała",
        # a programme, fund or strategy earlier in the sentence, or a quoted name right before: its period
        "Rządowego programu rozwijania szkolnej infrastruktury oraz kompetencji uczniów i nauczycieli w zakresie"
        " technologii informacyjno-komunikacyjnych na lata 2020-2024",
        "realizuje Strategię rozwoju lokalnego kierowanego przez społeczność na lata 2016-2023",
        "Wieloletni rządowy program „Posiłek w szkole i w domu” na lata 2019-2023",
        "w ramach programu Erasmus+ 2014-2020",
        "w perspektywie finansowej 2014-2020",
        "w ramach konkursu Działaj Lokalnie X 2018.",
        "loterii „Koniczynka 2017” serdecznie dziękujemy",
        "LZS Krężnica Jara – „Nowe wyzwania sezon 2021”",
        "(Dz. U. z 2011 r. Nr 127 poz.721 ze zm.)",
        "(M.P. z 2020 r. poz. 662)",
        "na podstawie ustawy z dnia 27 sierpnia 1997 r. o rehabilitacji zawodowej",
        "w ustawie z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego",
        "art. 15 ust. 3 ustawy z dn. 14.04.2003 r. o działalności pożytku publicznego",
        "(Dz. U. z 2010 Nr 234, poz. 1536 z późn. zm.)",
        "decyzję podjął Zarząd Fundacji Uchwałą Nr 1/2008.",  # the last part of a document's number
        "zgodnie z uchwałą nr XXXIII/373/2021 Rady Powiatu",
        # an edition's year is the programme's label
        "Program „Asystent Osobisty Osoby Niepełnosprawnej” – edycja 2022",
        "Dom Kultury+ Inicjatywy Lokalne. Edycja 2022. Program ma na celu",
        "W edycji 2019 wsparcie otrzymało 12 organizacji",
        # a year glued to the part of a code before it
        "1/III/2020 MK PZKO Bystrzyca - Spotkanie integracyjne",
        "udział w konkursie 1/2019/G. Wśród zaplanowanych działań",
        "w ramach programu OSP-2023.",
        "w ramach projektów KA131-2021",
        # a group of an account number
        "nr konta: 22 1940 1076 3089 7744 0000 0000",
        "nr: 89 9283 0006 0025 8629 2000 0010",
    ],
)
def test_years_of_names_are_not_dates(text):
    assert _spans(text, context_year=2016) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Projekt zaplanowano na lata 2019-2021.", [(*Y(2019, 2021), "year", False, "lata 2019-2021")]),
        # a programme named in an earlier sentence does not make the period its own
        (
            "Program dotyczy szkół. Projekt zaplanowano na lata 2019-2021.",
            [(*Y(2019, 2021), "year", False, "lata 2019-2021")],
        ),
        ("i stowarzyszenia z UE (2014- 2015)", [(*Y(2014, 2015), "year", False, "2014- 2015")]),
        ("w latach 2013 − 2014 szkoła", [(*Y(2013, 2014), "year", False, "latach 2013 − 2014")]),  # a minus sign
        ("W latach 2014-2020 gmina pozyskała", [(*Y(2014, 2020), "year", False, "latach 2014-2020")]),
        ("Rok rozpoczęcia: 2018", [(*Y(2018), "year", False, "2018")]),
        ("Rok 2010:", [(*Y(2010), "year", False, "Rok 2010")]),
        ("kościół wzniesiony w 1780 roku", [(*Y(1780), "year", False, "1780 roku")]),
        ("dwór z 1850 r. odnowiono", [(*Y(1850), "year", False, "1850 r.")]),
        (
            "uchwały nr 102 Rady Ministrów z dnia 23 lipca 2020 r. w sprawie",
            [(D(2020, 7, 23), D(2020, 7, 23), "day", False, "23 lipca 2020 r.")],
        ),
        ("III edycja konkursu odbyła się w 2018 r.", [(*Y(2018), "year", False, "2018 r.")]),
        ("Realizacja: 2016-2019", [(*Y(2016, 2019), "year", False, "2016-2019")]),  # a range is no code
    ],
)
def test_years_that_stay_dates(text, expected):
    assert _spans(text) == expected


# --- issue 17: evidence without the leading preposition ------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("w 2019 r.", [(*Y(2019), "year", False, "2019 r.")]),
        ("od 2008 roku", [(*Y(2008), "year", False, "2008 roku")]),
        ("z marca 2020", [(D(2020, 3, 1), D(2020, 3, 31), "month", False, "marca 2020")]),
        (
            "między 12 maja a 3 czerwca 2019",
            [(D(2019, 5, 12), D(2019, 6, 3), "day", False, "12 maja a 3 czerwca 2019")],
        ),
        ("w dniu 5 grudnia 2007 roku", [(D(2007, 12, 5), D(2007, 12, 5), "day", False, "5 grudnia 2007 roku")]),
        ("Dnia 25 maja 2018 odbyło się", [(D(2018, 5, 25), D(2018, 5, 25), "day", False, "25 maja 2018")]),
        (
            "Do końca czerwca 2010 roku",  # a part-of-period word stays, the span is the whole month
            [(D(2010, 6, 1), D(2010, 6, 30), "month", False, "końca czerwca 2010 roku")],
        ),
        ("do końca 2020 r.", [(*Y(2020), "year", False, "końca 2020 r.")]),
    ],
)
def test_evidence_without_preposition(text, expected):
    for span in _spans(text):
        assert span[-1].split()[0].casefold() not in {"w", "we", "od", "z", "między", "pomiędzy", "dniu", "dnia"}
    assert _spans(text) == expected


# --- issue 17: day ranges with "do"/"a", yearless numeric starts, cued bare years --------------


@pytest.mark.parametrize(
    ("text", "context_year", "expected"),
    [
        ("Warsztaty od 3 do 7 lipca w Krakowie.", 2020, [(D(2020, 7, 3), D(2020, 7, 7), "day", True, "3 do 7 lipca")]),
        ("między 12 a 14 maja 2019 r.", None, [(D(2019, 5, 12), D(2019, 5, 14), "day", False, "12 a 14 maja 2019 r.")]),
        (
            "od 1 do 31 grudnia 2021 r.",
            None,
            [(D(2021, 12, 1), D(2021, 12, 31), "day", False, "1 do 31 grudnia 2021 r.")],
        ),
        # not in order: no range, the day with its month stays a date
        ("od 30 do 7 lipca", 2020, [(D(2020, 7, 7), D(2020, 7, 7), "day", True, "7 lipca")]),
        ("od 3 do 7 osób", 2020, []),
        ("w dniach 28.06-2.07.2021", None, [(D(2021, 6, 28), D(2021, 7, 2), "day", False, "28.06-2.07.2021")]),
        ("od 28.06 do 2.07.2021 r.", None, [(D(2021, 6, 28), D(2021, 7, 2), "day", False, "28.06 do 2.07.2021 r.")]),
        ("ferie 28.12 – 3.01.2021", None, [(D(2020, 12, 28), D(2021, 1, 3), "day", False, "28.12 – 3.01.2021")]),
        # the first day's month in two digits: "12.5" is a decimal number
        ("wzrost z 12.5 do 3.07.2021", None, [(D(2021, 7, 3), D(2021, 7, 3), "day", False, "3.07.2021")]),
    ],
)
def test_day_ranges_with_words_and_yearless_numeric_starts(text, context_year, expected):
    assert _spans(text, context_year=context_year) == expected


def test_day_range_takes_a_deictic_year():
    ctx = YearContext(published=D(2021, 5, 2))
    assert _spans("Zapisy od 12 do 14 maja br.", context=ctx) == [
        (D(2021, 5, 12), D(2021, 5, 14), "day", True, "12 do 14 maja br.")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dolnośląska Chorągiew ZHP w 2017 realizowała projekt", [(*Y(2017), "year", False, "2017")]),
        ("W 2014 przeprowadzono remont", [(*Y(2014), "year", False, "2014")]),
        # a counted noun after "w" + number: locative or genitive plural
        ("doradztwo w 2000 gospodarstwach rolnych", []),
        ("udział w 2000 osób", []),
        ("szkolenia w 1500 domów", []),
        # a bare year without the cue stays out when a lower-case word follows
        ("przeszkolono 2000 osób", []),
        # a cohort's or volume's year is no date
        ("naszemu piłkarzowi - rocznik 2011, który", []),
    ],
)
def test_bare_years_after_w(text, expected):
    assert _spans(text) == expected


def test_the_pages_date_line_repeated_at_the_foot_is_metadata_too():
    # umwp-podlaskie: the date under the headline and again after the byline at the foot
    text = (
        "Banerek Poznaj Podlaskie\n\nDecyzje zarządu. 3.10\n\n3 października 2025\n\nGrafika ze zdjęciem"
        " wejścia do urzędu marszałkowskiego\n\nDotacje z budżetu województwa trafią do muzeów.\n\n"
        "Monika Pańko\nred.: Aneta Kursa\n\nOpublikował: Małgorzata Januszkiewicz\n\n3 października 2025\n\n"
        "Powrót na początek strony"
    )
    page = page_dates(text)
    first, last = text.index("3 paź"), text.rindex("3 paź")
    assert page.published == D(2025, 10, 3)
    assert page.published_at == ((first, first + 19), (last, last + 19))
    assert extract_dates(text, context=year_context(text, None, None)) == []
    # two date lines of different days are two dated items, and date no page
    assert page_dates("A\n\n12 maja 2021\n\nTekst.\n\nB\n\n12 maja 2021\n\n3 grudnia 2019\n").published is None


def test_the_pages_added_and_modified_dates_are_metadata():
    # wrotapodlasia: the portal's article header
    text = (
        "Dodana: 11 lipiec 2022 10:59\n\nZmodyfikowana: 11 lipiec 2022 10:59\n\n"
        "Wybrano projekty organizacji pozarządowych, które otrzymają dofinansowanie do wkładów własnych\n\n"
        "Do rozdysponowania było 100 tys. zł pochodzące z budżetu województwa w tym roku."
    )
    page = page_dates(text)
    assert page.published == D(2022, 7, 11)
    assert len(page.published_at) == 2
    assert [d.raw_text for d in extract_dates(text, context=year_context(text, None, None))] == ["tym roku"]
    # a modification date alone is metadata, but never the page's date
    text = "Zmodyfikowana: 11 lipiec 2022 10:59\n\nUmowę podpisano 12 lipca 2022 r."
    assert page_dates(text).published is None
    assert [d.raw_text for d in extract_dates(text, context=year_context(text, None, None))] == ["12 lipca 2022 r."]


def test_the_visit_date_of_a_header_widget_is_metadata():
    # gmina-dalikow: the municipal site's header widget under the cookie note, and the record's field
    text = (
        "Dzisiaj jest: 26 Kwiecień 2024    |    Imieniny obchodzą: Maria, Marcelina, Marzena\n"
        "Zmiana rozmiaru czcionki:\n\nTermin realizacji: 2019 rok\n"
    )
    page = page_dates(text)
    assert page.published is None
    assert [d.raw_text for d in extract_dates(text, context=year_context(text, None, None))] == ["2019 rok"]
    # with a publication date, the widget's "Dzisiaj" is no day relative to it either (wrotapodlasia's header)
    text = "Dodana: 11 lipiec 2022 10:59\nDzisiaj jest: 26 Kwiecień 2024    |    Imieniny obchodzą: Maria\n"
    assert page_dates(text).published == D(2022, 7, 11)
    assert extract_dates(text, context=year_context(text, None, None)) == []


def test_the_pages_own_date_is_no_date_of_a_record():
    """The page's date line or labelled publication date is metadata; it still dates the deictic year."""
    text = "Reklama\n\nPrzeznaczono 124 tys. zł\n\n23/03/2014 05:15\nW tym roku 3 maja 2014 r. ..."
    ctx = year_context(text, None, None)
    assert ctx.published_at == ((text.index("23/03"), text.index(" 05:15")),)
    assert [d.raw_text for d in extract_dates(text, context=ctx)] == ["tym roku", "3 maja 2014 r."]
    labelled = "Tytuł\nOpublikowano: 12.05.2021\n\nUmowę podpisano 12.05.2021 w gminie."
    got = extract_dates(labelled, context=year_context(labelled, None, None))
    assert [(d.raw_text, d.char_start) for d in got] == [("12.05.2021", labelled.rindex("12.05"))]
    # without a context the date line is a date like any other
    assert [d.raw_text for d in extract_dates(text)] == ["23/03/2014", "tym roku", "3 maja 2014 r."]


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
    "tym roku",
    " br.",
    "tego samego dnia",
    "I kwartale ",
    "końca ",
    "Horyzont ",
    "„",
    "”",
    "na lata ",
    "26-28.09.",
    "04/",
]
_texts = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=4)), max_size=25).map("".join)


@settings(max_examples=200, deadline=None)
@given(text=_texts, data=st.data(), context_year=st.one_of(st.none(), st.integers(1990, 2030)))
def test_property_evidence_equals_slice(text, data, context_year):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    found = extract_dates(text, start, end, context_year=context_year)
    last_end = start
    for i, d in enumerate(found):
        assert start <= d.char_start < d.char_end <= end
        assert text[d.char_start : d.char_end] == d.raw_text
        assert d.start <= d.end
        assert d.precision in {"day", "month", "year"}
        # an inferred year comes from the context or from a year written before it
        assert not d.year_inferred or context_year is not None or any(not e.year_inferred for e in found[:i])
        assert d.char_start >= last_end  # sorted, disjoint
        last_end = d.char_end


# --- which dates a record keeps (annotation conventions, Dates) --------------------------------


def _record_dates(text: str) -> list[list[str]]:
    from pipeline.core.datatypes import Document
    from pipeline.extract.record import record_dates
    from pipeline.segment.rules import segment

    doc = Document("t", "t.txt", text, "0" * 64, "utf-8")
    return [[d.raw_text for d in record_dates(text, r)] for r in segment(doc).records]


def test_title_year_span_is_not_a_date_but_body_years_are():
    text = "PROJEKTY\n\nProjekt A (2014-2015)\nRozpoczęty w 2014 r. w 12 gminach.\n"
    assert _record_dates(text) == [["2014 r."]]


def test_sentence_that_gave_the_years_is_a_date():
    text = "INNE\n\nW 2006 r. Związek zrealizował projekt pt. Lepsza jakość usług. Projekt trwał rok.\n"
    assert _record_dates(text) == [["2006 r."]]


def test_profile_period_field_is_a_date():
    text = "PROJEKTY\n\nTytuł projektu:\nCzyste powietrze\nOkres realizacji:\n01.03.2021 - 31.12.2022\n"
    assert _record_dates(text) == [["01.03.2021 - 31.12.2022"]]


def test_title_wrapped_over_lines_keeps_its_year_span_out():
    text = "PROJEKTY\n\nProgram na rzecz udziału władz w\nochronie klimatu\n(2008-9) - grant NFOŚiGW od marca 2008 r.\n"
    assert _record_dates(text) == [["marca 2008 r."]]


def test_a_marked_year_the_title_line_goes_on_after_is_a_date():
    # brzozowa-dolina: the entry line states the year in prose, then the costs (keyed as a date)
    text = (
        "Zrealizowane projekty unijne\n\nRok 2011:\n\n,,Majówka 2011”- rok 2011, koszty ogólne 11368,07 zł "
        "(dofinansowanie 7957,64 zł). W ramach projektu zorganizowano festyn majowy.\n"
    )
    assert _record_dates(text) == [["rok 2011"]]
    # a span ending the title line, or a bare one the line goes on after, is the title's own
    from pipeline.extract.record import _stated_in_prose

    def stated(text: str) -> list[bool]:
        return [_stated_in_prose(text, d) for d in extract_dates(text)]

    assert stated(",,Majówka 2011”- rok 2011, koszty ogólne 11368,07 zł") == [False, True]  # the name's, then prose
    assert stated(",,Majówka 2011”- rok 2011\nKoszty ogólne 11368,07 zł") == [False, False]
    assert stated("ochronie klimatu\n(2008-9) - grant NFOŚiGW od marca 2008 r.\n") == [False, False]


def test_year_cue_before_a_year():
    from pipeline.extract.dates import after_year_cue

    text = "W 2016 roku dla 450 harcerzy; Majówka 2010; na rok 2021"
    assert [after_year_cue(text, text.index(y)) for y in ("2016", "2010", "2021")] == [True, False, False]


def test_period_field_repeating_the_title_span_is_not_a_date():
    text = "PROJEKTY\n\nBaltic Smart Ports (2016–2018)\nTermin: 2016–2018\nOpis: szkolenia od marca 2017 r.\n"
    assert _record_dates(text) == [["marca 2017 r."]]


# --- the date of a cited regulation or official journal is part of its citation -------------------


def test_a_cited_regulation_and_its_journal_give_no_dates():
    # gmina-dabrowa-chelminska: the legal basis of the call (the statute rule, with the issuer between)
    text = (
        "Na podstawie § 13 rozporządzenia Rady Ministrów z dnia 6 października 2015 r. w sprawie szczegółowych "
        "warunków, form i trybu realizacji Priorytetu 3, w tym zakup nowości wydawniczych (Dz. U. z dnia "
        "22.10.2015 r. pod poz. 1667) informujemy, że w 2019 r. dofinansowanie otrzymały następujące szkoły:"
    )
    assert [d.raw_text for d in extract_dates(text)] == ["2019 r."]


def test_the_date_of_a_local_order_or_resolution_stays_a_date():
    # gmina-michalowice (keyed): a wójt's order; powiat-krakowski: a council's resolution
    text = (
        "Komisja Konkursowa powołana Zarządzeniem nr 10/2023 Wójta Gminy Michałowice z dnia 17 stycznia 2023 r. "
        "dokonała oceny złożonych ofert"
    )
    assert [d.raw_text for d in extract_dates(text)] == ["17 stycznia 2023 r."]
    text = "uchwały nr XXXIII/373/2021 Rady Powiatu w Krakowie z dnia 25 sierpnia 2021 roku"
    assert [d.raw_text for d in extract_dates(text)] == ["25 sierpnia 2021 roku"]


# --- one date per period of a record (real-page keys key a repeated period once) --------------


def _kept(text: str, context: YearContext | None = None) -> list[str]:
    from pipeline.extract.dates import one_per_period

    return [d.raw_text for d in one_per_period(text, extract_dates(text, context=context))]


def test_a_year_written_again_in_the_record_is_one_date():
    # gmina-lubin (statistics tile): the figure line and the description write the same year
    text = (
        "Wydatki zrealizowane w ramach funduszu sołeckiego w 2023 r.\n1 269 969 zł\n+0,47%\ndo roku 2022\n"
        "Fundusz sołecki stanowi środki przeznaczone na realizację ważnych społecznie przedsięwzięć. "
        "W 2023 r. środki te umożliwiły realizację wielu imprez integracyjnych"
    )
    assert _kept(text) == ["2023 r.", "roku 2022"]


def test_the_written_year_is_kept_before_a_deictic_one_of_the_same_year():
    # gmina-brzozie: "W bieżącym roku" on a page of 2009 repeats "W roku 2009"
    text = (
        "W roku 2009 oddano do użytku wyremontowane świetlice w miejscowościach Brzozie i Zembrze. "
        "W bieżącym roku oddano do użytkowania świetlicę wiejską w Janówku."
    )
    assert _kept(text, YearContext(record_end=2009)) == ["roku 2009"]
    # krdp-mias-mazowsze: "W tym roku przeprowadzono nabór ... zrealizowane w tym roku" (the byline's 2020)
    text = "W tym roku przeprowadzono nabór i wybrano 24 sołectwa. Zadania zrealizowane w tym roku w ramach MIAS."
    assert _kept(text, YearContext(record_end=2020)) == ["tym roku"]


def test_a_day_range_over_a_whole_year_is_not_that_year_again():
    # mbp-przasnysz: the project's days (keyed, day precision) and the year of the library's move
    text = (
        "Projekt biblioteki realizowany od 1 stycznia do 31 grudnia w ramach Programu Ministra Kultury. "
        "Nasza koncepcja działań opierała się na historii budynku, "
        "do którego w 2018 roku biblioteka przeniosła siedzibę."
    )
    assert _kept(text, YearContext(record_end=2018)) == ["1 stycznia do 31 grudnia", "2018 roku"]


def test_years_of_an_enumeration_stay_after_an_earlier_mention():
    # ZMP page (seen key): "Rozpoczęte w 2014 r." then "w 2014 i 2015 r." gives three date rows
    text = (
        "Rozpoczęte w 2014 r. przedsięwzięcie współfinansowane było ze środków Polsko-Amerykańskiej Fundacji "
        "Wolności. W ramach sześciu wizyt studyjnych w 2014 i 2015 r. Polskę odwiedziło 120 samorządowców"
    )
    assert _kept(text) == ["2014 r.", "2014", "2015 r."]


# --- a year inside a short quoted name is the name's (dates.yaml quoted_name_max_words) ---------


@pytest.mark.parametrize(
    "text",
    [
        # gmina-michalowice, faktykety (Kęty), lzs-kreznica-jara (Niedrzwica Duża): task and call names
        "na zadanie: „Tenis stołowy 2023 Michałowice”- kwotą dotacji 19 000,00 złotych;",
        "pod nazwą „Popularyzacja i rozwój lekkiej atletyki w gminie Kęty w 2014r.” realizowane przez",
        "wsparcie realizacji zadania publicznego „Wspieranie i upowszechnianie kultury fizycznej w 2021 roku”.",
    ],
)
def test_a_year_inside_a_quoted_name_is_no_date(text):
    assert _spans(text) == []


def test_a_day_inside_a_quoted_name_stays_a_date():
    # faktykety: the task's end date written in its name (an optional row of the key)
    text = "„Upowszechnianie kultury fizycznej w okresie do dnia 24 grudnia 2014 roku” realizowane przez"
    assert _spans(text) == [(date(2014, 12, 24), date(2014, 12, 24), "day", False, "24 grudnia 2014 roku")]


def test_a_year_inside_a_quoted_speech_stays_a_date():
    # uwm-olsztyn's prorector, as news pages quote speech: two sentences, not a name
    text = "„To dobry prognostyk. Wynik roku 2016 już teraz niezły, może być jeszcze lepszy” – mówi prorektor."
    assert _spans(text) == [(*Y(2016), "year", False, "roku 2016")]
    text = "„Wynik roku 2016 już teraz niezły, może być jeszcze lepszy” – mówi prorektor."  # one sentence, a verb
    assert _spans(text) == [(*Y(2016), "year", False, "roku 2016")]


# --- issue 17: forms of Polish that dev does not exercise ------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Warsztaty odbyły się 15/16 czerwca 2019 w Krakowie.",  # a slash between two days: one period
            [(D(2019, 6, 15), D(2019, 6, 16), "day", False, "15/16 czerwca 2019")],
        ),
        (
            "Spotkania odbyły się 15 i 16 czerwca 2019 r. w Gdańsku.",  # listed days: two dates, like two years
            [
                (D(2019, 6, 15), D(2019, 6, 15), "day", False, "15"),
                (D(2019, 6, 16), D(2019, 6, 16), "day", False, "16 czerwca 2019 r."),
            ],
        ),
        (
            "Szkolenia zaplanowano na 5, 6 i 7 maja 2020 roku.",
            [
                (D(2020, 5, 5), D(2020, 5, 5), "day", False, "5"),
                (D(2020, 5, 6), D(2020, 5, 6), "day", False, "6"),
                (D(2020, 5, 7), D(2020, 5, 7), "day", False, "7 maja 2020 roku"),
            ],
        ),
        (
            "Przyszło 5 i 6 osób, a 7 maja 2019 jeszcze 8.",
            [(D(2019, 5, 7), D(2019, 5, 7), "day", False, "7 maja 2019")],
        ),
        # a comma alone lists nothing: a house number, a channel's number
        (
            "Czytelnia przy ul. Listopadowej 6, 22 listopada 2006 r. godz. 17",
            [(D(2006, 11, 22), D(2006, 11, 22), "day", False, "22 listopada 2006 r.")],
        ),
        (
            "Kret poprowadzi noc w TVP 1, 14 września 2007",
            [(D(2007, 9, 14), D(2007, 9, 14), "day", False, "14 września 2007")],
        ),
    ],
)
def test_days_sharing_one_month(text, expected):
    assert _spans(text) == expected


def test_listed_yearless_days_take_the_records_year():
    assert _spans("Zajęcia odbyły się 15-16 czerwca oraz 20 i 21 czerwca.", context_year=2019) == [
        (D(2019, 6, 15), D(2019, 6, 16), "day", True, "15-16 czerwca"),
        (D(2019, 6, 20), D(2019, 6, 20), "day", True, "20"),
        (D(2019, 6, 21), D(2019, 6, 21), "day", True, "21 czerwca"),
    ]
    assert _spans("Zajęcia odbyły się 20 i 21 czerwca.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Projekt realizowano w okresie III-VI 2019 we współpracy ze szkołami.",
            [(D(2019, 3, 1), D(2019, 6, 30), "month", False, "III-VI 2019")],
        ),
        (
            "Zajęcia trwały od III do VI 2019 r. w świetlicy wiejskiej.",
            [(D(2019, 3, 1), D(2019, 6, 30), "month", False, "III do VI 2019 r.")],
        ),
        (
            "Nabór wniosków trwał w IX 2019 w całym powiecie.",
            [(D(2019, 9, 1), D(2019, 9, 30), "month", False, "IX 2019")],
        ),
        ("Termin: IX.2019 r.", [(D(2019, 9, 1), D(2019, 9, 30), "month", False, "IX.2019 r.")]),
        # a day's and a month's stop each written or not, apart from the other
        (
            "Projekt trwał od 1. V 2014 do 30. XI. 2014 w gminie.",
            [(D(2014, 5, 1), D(2014, 11, 30), "day", False, "1. V 2014 do 30. XI. 2014")],
        ),
        ("Umowę podpisano 30.XI 2014 r.", [(D(2014, 11, 30), D(2014, 11, 30), "day", False, "30.XI 2014 r.")]),
        (
            "od IX 2019 do III 2020",
            [(D(2019, 9, 1), D(2020, 3, 31), "month", False, "IX 2019 do III 2020")],
        ),
        # two months with their years joined by a range's connector, after any word
        (
            "Projekt realizowany w okresie IX 2021 - VI 2022.",
            [(D(2021, 9, 1), D(2022, 6, 30), "month", False, "IX 2021 - VI 2022")],
        ),
        (
            "Pomoc od V 2022 – XII 2023 otrzyma 500 uchodźców.",
            [(D(2022, 5, 1), D(2023, 12, 31), "month", False, "V 2022 – XII 2023")],
        ),
        # ordinals, not months: the year stays what it was
        ("Zapraszamy na VII Konferencję 2019 r. w Lublinie.", [(*Y(2019), "year", False, "2019 r.")]),
        ("XX Festiwal 2019 - XXI Festiwal 2020", []),  # editions, neither months nor a period
        ("Wyniki konkursu Działaj Lokalnie X 2018 r. ogłoszono wczoraj.", [(*Y(2018), "year", False, "2018 r.")]),
        ("III edycja konkursu odbyła się w 2018 r.", [(*Y(2018), "year", False, "2018 r.")]),
        ("w maju i 2019 roku", [(*Y(2019), "year", False, "2019 roku")]),  # "i" is no Roman I
    ],
)
def test_roman_months_with_a_year(text, expected):
    assert _spans(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare year listed after a marked one is a year too, whatever word follows it
        (
            "Projekty zrealizowano w latach 2008 i 2009 przez gminę.",
            [(*Y(2008), "year", False, "latach 2008"), (*Y(2009), "year", False, "2009")],
        ),
        (
            "w latach 2008, 2009 i 2010 gmina",
            [
                (*Y(2008), "year", False, "latach 2008"),
                (*Y(2009), "year", False, "2009"),
                (*Y(2010), "year", False, "2010"),
            ],
        ),
        # ... unless it counts something
        ("W 2014 r. i 2000 osób wzięło udział.", [(*Y(2014), "year", False, "2014 r.")]),
    ],
)
def test_years_listed_after_a_marked_year(text, expected):
    assert _spans(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("w okresie 6.2022 - 5.2023 r. gmina", [(D(2022, 6, 1), D(2023, 5, 31), "month", False, "6.2022 - 5.2023 r.")]),
        ("realizowano 2.2019-5.2019", [(D(2019, 2, 1), D(2019, 5, 31), "month", False, "2.2019-5.2019")]),
        ("pkt 3.2019-4.2019 regulaminu", []),  # a numbered point, not months
    ],
)
def test_a_range_of_months_may_write_a_month_in_one_digit(text, expected):
    assert _spans(text) == expected


def test_an_editions_own_period_is_a_date():
    """``edycja 2022`` labels a round (test_years_of_names_are_not_dates); days after it date the round."""
    assert _spans("II EDYCJA 01.09-31.10.2015") == [(D(2015, 9, 1), D(2015, 10, 31), "day", False, "01.09-31.10.2015")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Wyjazd studyjny odbył się na przełomie maja i czerwca 2019 r.",
            [(D(2019, 5, 1), D(2019, 6, 30), "month", False, "przełomie maja i czerwca 2019 r.")],
        ),
        (
            "Budowę zakończono na przełomie grudnia i stycznia 2020.",  # the first month in the year before
            [(D(2019, 12, 1), D(2020, 1, 31), "month", False, "przełomie grudnia i stycznia 2020")],
        ),
        (
            "Posiedzenie odbędzie się na przełomie maja/czerwca 2019 roku.",  # a slash joins the two months too
            [(D(2019, 5, 1), D(2019, 6, 30), "month", False, "przełomie maja/czerwca 2019 roku")],
        ),
        (
            "Projekt realizowano na przełomie 2018 i 2019 roku.",
            [(*Y(2018, 2019), "year", False, "przełomie 2018 i 2019 roku")],
        ),
        ("Był to przełom lat 2018/2019.", [(*Y(2018, 2019), "year", False, "przełom lat 2018/2019")]),
        (
            "W 2014 i 2015 r. gmina prowadziła zajęcia.",
            [(*Y(2014), "year", False, "2014"), (*Y(2015), "year", False, "2015 r.")],
        ),
    ],
)
def test_turn_of_two_periods_is_one_period(text, expected):
    assert _spans(text) == expected


def test_turn_of_two_yearless_months_takes_the_records_year():
    text = "Warsztaty zaplanowano na przełomie maja i czerwca."
    assert _spans(text, context_year=2021) == [
        (D(2021, 5, 1), D(2021, 6, 30), "month", True, "przełomie maja i czerwca")
    ]


def test_days_relative_to_the_pages_date():
    text = (
        "Dotacje dla klubów sportowych\nOpublikowano: 12.05.2021\n\n"
        "Umowy zostały podpisane wczoraj w Urzędzie Miejskim. Tego samego dnia burmistrz ogłosił wyniki "
        "konkursu. W ubiegłym roku dotacje otrzymały dwa kluby. Dziś trwa nabór do kolejnej edycji."
    )
    assert _spans(text, context=year_context(text, None, None)) == [
        (D(2021, 5, 11), D(2021, 5, 11), "day", True, "wczoraj"),
        (D(2021, 5, 11), D(2021, 5, 11), "day", True, "Tego samego dnia"),
        (D(2020, 1, 1), D(2020, 12, 31), "year", True, "ubiegłym roku"),
        (D(2021, 5, 12), D(2021, 5, 12), "day", True, "Dziś"),
    ]


def test_days_relative_to_a_news_items_date_line():
    text = "Nagrody dla sołectw\n12 maja 2021\nDziś wręczono nagrody, a przedwczoraj obradowało jury. Tak jest do dziś."
    assert _spans(text, context=year_context(text, None, None)) == [
        (D(2021, 5, 12), D(2021, 5, 12), "day", True, "Dziś"),
        (D(2021, 5, 10), D(2021, 5, 10), "day", True, "przedwczoraj"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Umowy zostały podpisane wczoraj w Urzędzie Miejskim w Dąbrowie Białostockiej.",  # no date of the page
        "Projekt Fundacji Polska Dziś trwa do dziś.",  # a name, "until now"
    ],
)
def test_days_relative_to_the_page_need_its_date(text):
    assert _spans(text, context=YearContext(2019, 2019)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Zadanie potrwa do końca 2019 r., a od połowy 2018 trwały prace przygotowawcze.",
            [(*Y(2019), "year", False, "końca 2019 r."), (*Y(2018), "year", False, "połowy 2018")],
        ),
        (
            "W pierwszej połowie 2019 roku odbyły się warsztaty.",  # a half-year, like "I półroczu"
            [(D(2019, 1, 1), D(2019, 6, 30), "month", False, "pierwszej połowie 2019 roku")],
        ),
        ("w drugiej połowie 2019", [(D(2019, 7, 1), D(2019, 12, 31), "month", False, "drugiej połowie 2019")]),
        ("Nabór ruszy w I kwartale 2020 r.", [(D(2020, 1, 1), D(2020, 3, 31), "month", False, "I kwartale 2020 r.")]),
        # spring, summer and autumn are their months; winter spans two years and stays the year
        ("Jesienią 2019 ruszyły prace budowlane.", [(D(2019, 9, 1), D(2019, 11, 30), "month", False, "Jesienią 2019")]),
        ("Wiosną 2010 r. oddano boisko.", [(D(2010, 3, 1), D(2010, 5, 31), "month", False, "Wiosną 2010 r.")]),
        ("w lecie 2019 roku", [(D(2019, 6, 1), D(2019, 8, 31), "month", False, "lecie 2019 roku")]),
        ("zimą 2018/2019", [(*Y(2018, 2019), "year", False, "zimą 2018/2019")]),
        ("W latach 2018/2019 zrealizowano projekt.", [(*Y(2018, 2019), "year", False, "latach 2018/2019")]),
        # a school year runs from 1 September to 31 August; a bare 2015/2016 stays two years
        (
            "Projekt realizowany w roku szkolnym 2014/2015 w szkole.",
            [(D(2014, 9, 1), D(2015, 8, 31), "month", False, "roku szkolnym 2014/2015")],
        ),
        ("rok szkolny 2019/2020", [(D(2019, 9, 1), D(2020, 8, 31), "month", False, "rok szkolny 2019/2020")]),
        ("w 2015/2016 r.", [(*Y(2015, 2016), "year", False, "2015/2016 r.")]),
        ("w roku szkolnym 2021/22", [(D(2021, 9, 1), D(2022, 8, 31), "month", False, "roku szkolnym 2021/22")]),
        # a slash joins two month words into one period, as it joins two years
        (
            "Festyn w czerwiec/lipiec 2006 roku.",
            [(D(2006, 6, 1), D(2006, 7, 31), "month", False, "czerwiec/lipiec 2006 roku")],
        ),
        ("Kościół zbudowano w drugiej połowie XX wieku.", []),
        (
            "W drugiej połowie roku 2019 ruszyły prace.",
            [(D(2019, 7, 1), D(2019, 12, 31), "month", False, "drugiej połowie roku 2019")],
        ),
        # a year before the first that can be a written one: no half-year of the record's year
        (
            "dramat napisany w drugiej połowie roku 1839, wydany w 1840",
            [(*Y(1839), "year", False, "połowie roku 1839")],
        ),
        ("Od połowy 2018 osób korzysta z pomocy.", []),  # a count after the part word
    ],
)
def test_parts_of_a_year(text, expected):
    assert _spans(text) == expected


def test_parts_of_a_year_without_one():
    assert _spans("Konkurs rozstrzygnięto w drugiej połowie roku.", context_year=2019) == [
        (D(2019, 7, 1), D(2019, 12, 31), "month", True, "drugiej połowie roku")
    ]
    assert _spans("Warsztaty w pierwszej połowie maja.", context_year=2019) == [
        (D(2019, 5, 1), D(2019, 5, 31), "month", True, "połowie maja")
    ]
    assert _spans("Prace ruszą na jesień, a zimą zakończą się.", context_year=2019) == []  # a season alone
    assert _spans("Latem tego roku odbyły się warsztaty.", context_year=2018) == [
        (D(2018, 6, 1), D(2018, 8, 31), "month", True, "Latem tego roku")
    ]


def test_year_axis_of_a_table_is_no_date():
    text = (
        "W latach 2019-2023 wybrano 156 projektów.\n\n"
        "Budżet Obywatelski 2019 2020 2021 2022 2023 Suma\nLiczba projektów 82 85 54 69 63 353\n"
    )
    assert [d.raw_text for d in extract_dates(text)] == ["latach 2019-2023"]


def test_years_listed_in_prose_stay_dates():
    # a sentence, not a header line: the listed years are dates
    text = "Konkurs odbył się w latach: 2019 2020 2021."
    assert [d.raw_text for d in extract_dates(text)] == ["2019", "2020", "2021"]


@pytest.mark.parametrize(
    ("text", "date", "stamp"),
    [
        ("Podgórzyn: 300 tysięcy\nCzwartek, 8 lutego 2024, 14:16\nAutor: RaZ", "8 lutego 2024", True),
        ("Umowy podpisane\nData: 03.07.2018 r., godz. 07.59\nTreść", "03.07.2018 r.", True),
        ("Opublikowano: wtorek, 18 października 2011 13:28\n", "18 października 2011", True),
        ("Ciepło ze słońca\n12 maja 2021\nW 2021 roku gmina", "12 maja 2021", False),  # a news item's date line
        ("Spotkanie 12 maja 2021 o 14:00 w sali.", "12 maja 2021", False),  # a time in a sentence of the body
        ("Tytuł\nData opublikowania: 10:39, 1 września 2023\nKategorie", "1 września 2023", True),  # clock, comma
        ("Tytuł\n22:42, 2025-12-22\nTreść", "2025-12-22", True),
        ("Tytuł\nKwota 10,50, 12.08.2022 r.\nTreść", "12.08.2022 r.", False),  # a sum, no clock
    ],
)
def test_a_date_stamped_with_a_clock_time_is_the_pages_stamp(text, date, stamp):
    start = text.index(date)
    assert is_timestamp(text, start, start + len(date)) is stamp


def test_a_page_dated_by_its_month_alone():
    """A metadata line ``date 2023-08`` heading a saved page gives the year of its ``w tym roku``, ``w ubiegłym roku``
    and year-less days; it is no date of a record, nor a day to count ``wczoraj`` from."""
    text = " date 2022-02 Gmina zaplanowała w tym roku budowę studni, a w ubiegłym roku 15 marca podpisano umowę."
    ctx = year_context(text, None, None)
    assert (ctx.published, ctx.published_year) == (None, 2022)
    spans = [(d.raw_text, d.start, d.end, d.year_inferred) for d in extract_dates(text, context=ctx)]
    assert spans == [
        ("tym roku", D(2022, 1, 1), D(2022, 12, 31), True),
        ("ubiegłym roku", D(2021, 1, 1), D(2021, 12, 31), True),
        ("15 marca", D(2022, 3, 15), D(2022, 3, 15), True),
    ]
    assert page_dates("Tytuł\ndate 2022-02\nW tym roku").published_year is None  # on the first line only
    assert page_dates(" date 2022-02 Wczoraj podpisano umowę.").published is None


def test_a_page_is_dated_by_its_address_when_its_text_is_not():
    """A permalink's day or month dates a page whose saved text lost its date line: ``w tym roku`` and a year-less
    day take its year; a date the text writes comes first; a host's digits and an impossible day give none."""
    assert url_date("https://gmina.pl/2018/04/16/plany-na-2018-rok/") == (D(2018, 4, 16), None)
    assert url_date("http://www.rozdrazew.pl/komunikaty/863-2013-08-09-08-49-04.html") == (D(2013, 8, 9), None)
    assert url_date("https://inkubatorngo.pl/2023/01/podsumowanie-mikrograntow-2022/") == (None, 2023)
    assert url_date("https://gminaskorzec.pl/projekt-czas-seniora-2023") == (None, None)
    assert url_date("https://2019.festiwal.pl/2019/02/30/x") == (None, None)
    text = "Dotacje dla klubów\n\nW tym roku gmina przekazała ... 15 marca podpisano umowy."
    ctx = year_context(text, None, None, "https://gmina.pl/2021/06/02/dotacje/")
    assert [(d.raw_text, d.start.year, d.year_inferred) for d in extract_dates(text, context=ctx)] == [
        ("tym roku", 2021, True),
        ("15 marca", 2021, True),
    ]
    dated = "Tytuł\n\n23/03/2014 05:15\nW tym roku ..."
    assert year_context(dated, None, None, "https://x.pl/2021/06/02/y/").published == D(2014, 3, 23)
