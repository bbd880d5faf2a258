"""Tests for pipeline.extract.money (rule-based amounts of money over raw text)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.money import extract_money, parse_number
from schemas.fields import CURRENCIES


def _one(text: str):
    found = extract_money(text)
    assert len(found) == 1, found
    m = found[0]
    assert text[m.char_start : m.char_end] == m.raw_text
    return m


def _values(text: str):
    out = []
    for m in extract_money(text):
        assert text[m.char_start : m.char_end] == m.raw_text
        out.append((m.value, m.currency, m.raw_text))
    return out


# --- phrases from raw/zmp-projekty-zakonczone.txt --------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "currency", "raw"),
    [
        # glued to the next word by a missing space: the dot is not part of the amount
        ("Projekt o wartości 3,25 mln zł.zrealizował Związek", 3_250_000.0, "PLN", "3,25 mln zł"),
        ("o łącznej wartości 845 000zł, w ramach którego", 845_000.0, "PLN", "845 000zł"),
        ("Mechanizmu Finansowego wysokości 2,9 mln Euro. Celem", 2_900_000.0, "EUR", "2,9 mln Euro"),
        ("o łącznej wartości 1,5 mln zł. Program składał się", 1_500_000.0, "PLN", "1,5 mln zł"),
        ("grant z USAID w wysokości1 mln USD na wsparcie", 1_000_000.0, "USD", "1 mln USD"),
        ("grant USAID – 260 tys. USD, realizowany w imieniu", 260_000.0, "USD", "260 tys. USD"),
    ],
)
def test_source_page_phrases(text, value, currency, raw):
    m = _one(text)
    assert (m.value, m.currency, m.raw_text) == (value, currency, raw)
    assert m.char_start == text.index(raw)
    assert m.char_end == text.index(raw) + len(raw)


@pytest.mark.parametrize(
    ("text", "value", "currency", "raw"),
    [
        # phrases of the other gold pages (tests/gold/pages/)
        ("Wartość projektu: 1.062.500,00 zł\n", 1_062_500.0, "PLN", "1.062.500,00 zł"),
        ("dofinansowanie 92\u00a0400 zł.", 92_400.0, "PLN", "92\u00a0400 zł"),
        ("| 249 990,00 PLN | wnioskodawca", 249_990.0, "PLN", "249 990,00 PLN"),
        ("o wartości 1 845 000zł.", 1_845_000.0, "PLN", "1 845 000zł"),
        ("wyniosło 132 tys. euro. Z powodu", 132_000.0, "EUR", "132 tys. euro"),
        ("dotacja 42 300,50 zł", 42_300.5, "PLN", "42 300,50 zł"),
        ("Budżet: 1,9 mln EUR", 1_900_000.0, "EUR", "1,9 mln EUR"),
    ],
)
def test_other_page_phrases(text, value, currency, raw):
    m = _one(text)
    assert (m.value, m.currency, m.raw_text) == (value, currency, raw)
    assert m.char_start == text.index(raw)


def test_whole_source_page(zmp_text):
    text = zmp_text
    found = extract_money(text)
    assert [(m.value, m.currency, m.raw_text) for m in found] == [
        (3_250_000.0, "PLN", "3,25 mln zł"),
        (845_000.0, "PLN", "845 000zł"),
        (2_900_000.0, "EUR", "2,9 mln Euro"),
        (1_500_000.0, "PLN", "1,5 mln zł"),
        (1_000_000.0, "USD", "1 mln USD"),
        (260_000.0, "USD", "260 tys. USD"),
    ]
    for m in found:
        assert text[m.char_start : m.char_end] == m.raw_text


# --- currency words and symbols ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "currency", "raw"),
    [
        ("kosztował 100 zł brutto", 100.0, "PLN", "100 zł"),
        ("kosztował 100 zł. brutto", 100.0, "PLN", "100 zł."),  # abbreviation dot mid-sentence
        ("kosztował 100 zł.", 100.0, "PLN", "100 zł"),  # full stop of the sentence
        ("kwota 50 000 PLN netto", 50_000.0, "PLN", "50 000 PLN"),
        ("kwota 100 złotych", 100.0, "PLN", "100 złotych"),
        ("kwota 2 złote", 2.0, "PLN", "2 złote"),
        ("kwota 1 złoty", 1.0, "PLN", "1 złoty"),
        ("kwota 20 Euro", 20.0, "EUR", "20 Euro"),
        ("kwota 20 EUR", 20.0, "EUR", "20 EUR"),
        ("kwota 20 euro", 20.0, "EUR", "20 euro"),
        ("kwota 20 €", 20.0, "EUR", "20 €"),
        ("kwota 20€", 20.0, "EUR", "20€"),
        ("kwota 20 USD", 20.0, "USD", "20 USD"),
        ("kwota 20 $", 20.0, "USD", "20 $"),
        ("kwota 20 dolarów", 20.0, "USD", "20 dolarów"),
        ("kwota 20 dolarów amerykańskich.", 20.0, "USD", "20 dolarów amerykańskich"),
        ("kwota 3 dolary", 3.0, "USD", "3 dolary"),
    ],
)
def test_currency_forms(text, value, currency, raw):
    m = _one(text)
    assert (m.value, m.currency, m.raw_text) == (value, currency, raw)
    assert m.char_start == text.index(raw)


@pytest.mark.parametrize(
    ("text", "value", "currency", "raw"),
    [
        ("w wysokości USD 1 000 000 na", 1_000_000.0, "USD", "USD 1 000 000"),
        ("w wysokości EUR 50 000.", 50_000.0, "EUR", "EUR 50 000"),
        ("w wysokości PLN 1,5 mln", 1_500_000.0, "PLN", "PLN 1,5 mln"),
        ("kosztuje $500", 500.0, "USD", "$500"),
        ("kosztuje € 2,5 tys.", 2_500.0, "EUR", "€ 2,5 tys."),
    ],
)
def test_currency_before_number(text, value, currency, raw):
    m = _one(text)
    assert (m.value, m.currency, m.raw_text) == (value, currency, raw)
    assert m.char_start == text.index(raw)


# --- scale words ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "raw"),
    [
        ("260 tys. zł", 260_000.0, "260 tys. zł"),
        ("260 tys zł", 260_000.0, "260 tys zł"),
        ("260 tys.zł", 260_000.0, "260 tys.zł"),
        ("10 tysięcy złotych", 10_000.0, "10 tysięcy złotych"),
        ("1,5 tysiąca zł", 1_500.0, "1,5 tysiąca zł"),
        ("3 mln zł", 3_000_000.0, "3 mln zł"),
        ("3 mln. zł", 3_000_000.0, "3 mln. zł"),
        ("1,5 miliona złotych", 1_500_000.0, "1,5 miliona złotych"),
        ("5 milionów złotych", 5_000_000.0, "5 milionów złotych"),
        ("2 mld zł", 2_000_000_000.0, "2 mld zł"),
        ("1,2 miliarda zł", 1_200_000_000.0, "1,2 miliarda zł"),
        ("5 miliardów złotych", 5_000_000_000.0, "5 miliardów złotych"),
    ],
)
def test_scale_words(text, value, raw):
    m = _one(text)
    assert (m.value, m.currency, m.raw_text) == (value, "PLN", raw)


# --- number formats ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "raw"),
    [
        ("3,25 mln zł", 3_250_000.0, "3,25 mln zł"),  # decimal comma
        ("1 250 000 zł", 1_250_000.0, "1 250 000 zł"),  # space
        ("1\u00a0250\u00a0000 zł", 1_250_000.0, "1\u00a0250\u00a0000 zł"),  # NBSP
        ("1\u202f250\u202f000 zł", 1_250_000.0, "1\u202f250\u202f000 zł"),  # narrow NBSP
        ("1.250.000,00 zł", 1_250_000.0, "1.250.000,00 zł"),  # dot thousands + decimals
        ("1 250 000,50 zł", 1_250_000.5, "1 250 000,50 zł"),
        ("1.5 mln zł", 1_500_000.0, "1.5 mln zł"),  # dot + not three digits = decimal point
        ("kwota 1 500\nzł na", 1_500.0, "1 500\nzł"),  # wrapped across a line break
        ("kwota 1 500 \n zł na", 1_500.0, "1 500 \n zł"),
    ],
)
def test_number_formats(text, value, raw):
    m = _one(text)
    assert (m.value, m.currency, m.raw_text) == (value, "PLN", raw)
    assert m.char_start == text.index(raw)


def test_float_values_are_exact():
    # parsed as Decimal, so 2,9 * 10^6 is not 2899999.9999999995
    assert _one("2,9 mln zł").value == 2_900_000.0
    assert _one("0,1 mln zł").value == 100_000.0
    assert parse_number("1.250.000,00") == 1250000
    assert parse_number("845 000") == 845000


def test_money_that_looks_like_a_year():
    assert _values("wpłacono 2014 zł na konto") == [(2014.0, "PLN", "2014 zł")]


# --- ranges -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # first end borrows scale and currency; evidence is just what is written for it
        ("od 10 do 20 tys. zł", [(10_000.0, "PLN", "10"), (20_000.0, "PLN", "20 tys. zł")]),
        ("10-20 tys. zł", [(10_000.0, "PLN", "10"), (20_000.0, "PLN", "20 tys. zł")]),
        ("10 – 20 mln EUR", [(10_000_000.0, "EUR", "10"), (20_000_000.0, "EUR", "20 mln EUR")]),
        ("między 1 a 2 mln zł", [(1_000_000.0, "PLN", "1"), (2_000_000.0, "PLN", "2 mln zł")]),
        ("od 500 tys. do 1 mln zł", [(500_000.0, "PLN", "500 tys."), (1_000_000.0, "PLN", "1 mln zł")]),
        ("między 15 000 – 150 000 zł", [(15_000.0, "PLN", "15 000"), (150_000.0, "PLN", "150 000 zł")]),
        # borrowing the scale would invert the range, and 900 zł to 1,2 mln zł spans three orders of magnitude:
        # what the first number means is not written, so only the second end is read
        ("od 900 do 1,2 mln zł", [(1_200_000.0, "PLN", "1,2 mln zł")]),
    ],
)
def test_ranges(text, expected):
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list item's number, year or token before the dash that introduces its amount
        ("Akademia 2012 – 70 tys. zł", [(70_000.0, "PLN", "70 tys. zł")]),
        ("UKS przy SP nr 4 – 5 000 zł", [(5_000.0, "PLN", "5 000 zł")]),
        ("Mistrzostw Młodzików U16 - 2.500 zł", [(2_500.0, "PLN", "2.500 zł")]),
        ("Lubiana Cup 2019 - 3.300 zł", [(3_300.0, "PLN", "3.300 zł")]),
        ("Bytów – Sianowo 2016 – 1000,00 zł", [(1_000.0, "PLN", "1000,00 zł")]),  # a range runs upwards
        (
            "116 o wartości 5 tys. zł, 40 – 7,5 tys. zł",
            [(5_000.0, "PLN", "5 tys. zł"), (7_500.0, "PLN", "7,5 tys. zł")],
        ),
        # a range of years-like sums written alike stays a range
        ("2000-3000 zł", [(2_000.0, "PLN", "2000"), (3_000.0, "PLN", "3000 zł")]),
    ],
)
def test_a_number_before_a_dash_is_a_ranges_first_end_only_where_it_can_be(text, expected):
    assert _values(text) == expected


def test_range_offsets():
    text = "dotacje od 10 do 20 tys. zł dla gmin"
    a, b = extract_money(text)
    assert (a.char_start, a.char_end) == (11, 13)
    assert (b.char_start, b.char_end) == (17, 27)


# --- not money --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "miasto liczy 2 mln mieszkańców",
        "w 2014 r. odwiedziło nas 120 samorządowców",
        "rozesłały do 2809 jednostek",
        "Działania 2.2 – środki wsparcia",
        "Związek złożył 5 wniosków",  # "zł" inside "złożył"
        "projekt (2014-2015) i 10 lat",
        "grant z USAID",
        "5 złotników",
        "kilka tysięcy złotych",  # a vague numeral states no value
        "Trzy miliony dla strażaków",  # no currency word
        "bilety po 5, 10 i",
        "",
    ],
)
def test_not_money(text):
    assert extract_money(text) == []


# --- window -----------------------------------------------------------------------------------


def test_window_offsets_are_absolute():
    text = "Wstęp 100 zł. Projekt o wartości 3,25 mln zł.zrealizował ZMP. Koniec 5 USD"
    start = text.index("Projekt")
    end = text.index("Koniec")
    (m,) = extract_money(text, start, end)
    assert m.raw_text == "3,25 mln zł"
    assert m.char_start == text.index("3,25")
    assert text[m.char_start : m.char_end] == m.raw_text


def test_window_does_not_read_outside():
    text = "Zebrano 1 500 zł"
    # the window ends before the currency: no amount (no money word makes the bare figure money)
    assert extract_money(text, 0, text.index("zł")) == []


# --- properties -------------------------------------------------------------------------------

_PIECES = [
    "1",
    "10",
    "845",
    "000",
    "2014",
    "3,25",
    "1.250.000,00",
    "1,5",
    " ",
    "\u00a0",
    "\u202f",
    "\n",
    ".",
    ",",
    "-",
    "–",
    "do",
    " od ",
    " a ",
    "zł",
    "zł.",
    "PLN",
    "złotych",
    "euro",
    "Euro",
    "EUR",
    "€",
    "USD",
    "$",
    "dolarów amerykańskich",
    "tys.",
    "tys",
    "mln",
    "mln.",
    "mld",
    "miliona",
    "wysokości",
    "mieszkańców",
    "r.",
    "(",
    ")",
]
_texts = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=4)), max_size=25).map("".join)


@settings(max_examples=200, deadline=None)
@given(text=_texts, data=st.data())
def test_property_evidence_equals_slice(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    found = extract_money(text, start, end)
    last_end = start
    for m in found:
        assert start <= m.char_start < m.char_end <= end
        assert text[m.char_start : m.char_end] == m.raw_text
        assert m.currency in CURRENCIES
        assert m.value >= 0
        assert m.char_start >= last_end  # sorted, disjoint
        last_end = m.char_end


@pytest.mark.parametrize("text", ["10^30 zł", "1e30 zł", "1.5e+06 zł", "2*10**6 zł", "wartość 10 ^ 6 EUR"])
def test_power_and_scientific_notation_are_not_amounts(text):
    assert extract_money(text) == []


def test_an_amount_beside_power_notation_is_still_read():
    [m] = extract_money("skala 10^3, koszt 2 500 zł")
    assert (m.value, m.raw_text) == (2500.0, "2 500 zł")


# --- currencies beyond PLN/EUR/USD, number words, stray grosze spaces, money lines (issue 17) ---------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Grant 12 000 MDL i 5 000 UAH", [(12000.0, "MDL", "12 000 MDL"), (5000.0, "UAH", "5 000 UAH")]),
        ("1 500 000 hrywien", [(1500000.0, "UAH", "1 500 000 hrywien")]),
        ("10 tys. koron czeskich", [(10000.0, "CZK", "10 tys. koron czeskich")]),
        ("koszt 2 000 GBP i 300 CHF", [(2000.0, "GBP", "2 000 GBP"), (300.0, "CHF", "300 CHF")]),
        ("£500 oraz 50 000 lei", [(500.0, "GBP", "£500"), (50000.0, "MDL", "50 000 lei")]),
        ("Kwota 300 tys. dol. na projekt", [(300000.0, "USD", "300 tys. dol.")]),
        ("wsparcie 1 mln koron norweskich", [(1000000.0, "NOK", "1 mln koron norweskich")]),
    ],
)
def test_other_currencies_keep_their_iso_code(text, expected):
    assert _values(text) == expected


def test_other_currencies_are_in_the_schemas_closed_vocabulary():
    from pipeline.extract.money import _grammar
    from schemas.fields import CURRENCIES

    codes = set(_grammar().currency_after.values()) | set(_grammar().currency_before.values())
    assert codes == set(CURRENCIES) and CURRENCIES[:3] == ("PLN", "EUR", "USD")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Granty to dziesięć tysięcy złotych.", [(10000.0, "PLN", "dziesięć tysięcy złotych")]),
        ("Trzy miliony złotych dla OSP", [(3000000.0, "PLN", "Trzy miliony złotych")]),
        ("sto dwadzieścia tysięcy euro", [(120000.0, "EUR", "sto dwadzieścia tysięcy euro")]),
        ("kilka tysięcy złotych", []),  # vague: no stated amount
        ("Przyznano 5 tys. złotych", [(5000.0, "PLN", "5 tys. złotych")]),  # a figure, read once
    ],
)
def test_amounts_in_number_words(text, expected):
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("803 600, 00 zł", [(803600.0, "PLN", "803 600, 00 zł")]),
        ("7 483 ,00 zł", [(7483.0, "PLN", "7 483 ,00 zł")]),
        ("po 10, 20 zł", [(20.0, "PLN", "20 zł")]),  # a list, not grosze
        ("kwota 174 204, 58 zł brutto", [(174204.58, "PLN", "174 204, 58 zł")]),  # grosze after a grouped number
        ("od 1 000, 500 zł", [(500.0, "PLN", "500 zł")]),  # three digits are no grosze
        ("dotacja 500,- zł", [(500.0, "PLN", "500,- zł")]),  # a dash for no grosze
        ("w wysokości 16 500,- CZK;", [(16500.0, "CZK", "16 500,- CZK")]),
        ("1.250.000,- zł", [(1250000.0, "PLN", "1.250.000,- zł")]),
        # grosze after a dot, as in English, only after thousands grouped by spaces
        ("trafiło 222 470.00 zł, wartość", [(222470.0, "PLN", "222 470.00 zł")]),
        ("wyniesie 2 962 010.57 zł.", [(2962010.57, "PLN", "2 962 010.57 zł")]),
        ("kosztował 2.415.120 zł", [(2415120.0, "PLN", "2.415.120 zł")]),
        # a doubled blank between groups; dot thousands with dot grosze; ", 00" grosze after ungrouped digits
        ("wartość projektu: 12  000,00 zł", [(12000.0, "PLN", "12  000,00 zł")]),
        ("w 2019  500 zł", [(500.0, "PLN", "500 zł")]),  # a year is no group
        ("to 22.000.00 zł", [(22000.0, "PLN", "22.000.00 zł")]),
        ("kwota 2750, 00 zł", [(2750.0, "PLN", "2750, 00 zł")]),
    ],
)
def test_grosze_typed_with_a_stray_space(text, expected):
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "koszty ogólne 35680,00 (dofinansowanie 24764,88 zł).",
            [(35680.0, "PLN", "35680,00"), (24764.88, "PLN", "24764,88 zł")],
        ),
        ("wartość 1 200,00 oraz 30 EUR", [(1200.0, "EUR", "1 200,00"), (30.0, "EUR", "30 EUR")]),
        # no currency anywhere around: a Polish page's money line is in złoty
        ("Kwota 12,50 i nic więcej", [(12.5, "PLN", "12,50")]),
        ("Wartość zadania 6 000,00\n\nCzęść rekreacyjną powiększono", [(6000.0, "PLN", "6 000,00")]),
        ("Działanie 4,10 koszt 5 zł", [(5.0, "PLN", "5 zł")]),  # no money word before the figure
        # a money line without a sign takes the currency of the amounts around it
        ("koszt 1 200,00\ndotacja 300 zł", [(1200.0, "PLN", "1 200,00"), (300.0, "PLN", "300 zł")]),
    ],
)
def test_a_figure_in_a_money_line_takes_the_lines_currency(text, expected):
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Całkowite koszty projektu: 11 439,99 zł\n\nWnioskowana kwota wsparcia: 8 880,00\n\n"
            "Wysokość wkładu własnego Gminy Dąbrowa: 2 559,99",
            [(11439.99, "PLN", "11 439,99 zł"), (8880.0, "PLN", "8 880,00"), (2559.99, "PLN", "2 559,99")],
        ),
        # no amount around: a figure with grosze after a money word is in złoty (a Polish page), ...
        ("Wnioskowana kwota wsparcia: 8 880,00", [(8880.0, "PLN", "8 880,00")]),
        ("Wnioskowana kwota wsparcia: 8 880", [(8880.0, "PLN", "8 880")]),  # ... and one with its thousands grouped
        ("Wnioskowana kwota wsparcia: 880", []),  # ... but not a short figure
        ("Koszt: 20 EUR\nKwota dotacji: 1 500", [(20.0, "EUR", "20 EUR"), (1500.0, "EUR", "1 500")]),
        ("Dotacja 300 zł\nNumer wniosku: 1 500", [(300.0, "PLN", "300 zł")]),  # no money word in the label
    ],
)
def test_a_money_field_without_a_sign_takes_the_currency_around_it(text, expected):
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # thousands grouped after a money word on the line: money, in the line's currency, else złoty
        ("Parafia uzyskała dotację w wysokości 20.000 na remont dachu", [(20000.0, "PLN", "20.000")]),
        ("Koszt prac miał wynosić 550 000, ale wykonawca", [(550000.0, "PLN", "550 000")]),
        ("łączna wartość projektu 3 117 905.87", [(3117905.87, "PLN", "3 117 905.87")]),
        ("środki własne w wysokości 48 925,00 oraz", [(48925.0, "PLN", "48 925,00")]),
        ("koszt 20 EUR, dotacja 1 500 na wyjazd", [(20.0, "EUR", "20 EUR"), (1500.0, "EUR", "1 500")]),
        # ... unless what follows is counted, or no money word stands before it
        ("wsparcie otrzymało 2 500 osób", []),
        ("dotacja dla 1 250 gospodarstw", []),
        ("W konkursie wzięło udział 1 500 uczniów", []),
        # whole złoty closed by ",-"
        ("Plac zabaw dla dzieci\n\n60.000,-\n\n2.", [(60000.0, "PLN", "60.000,-")]),
        ("kwota dotacji PSP – 7 000,- , wkład własny", [(7000.0, "PLN", "7 000,-")]),
        ("od 10,-20 osób", []),
        # a scaled figure before a money word, or before a preposition, with the line's currency
        ("prawie 150 tysięcy dotacji zostanie przeznaczone", [(150000.0, "PLN", "150 tysięcy")]),
        (
            "ponad 100 mln złotych, z czego 98 mln do rozdania",
            [(1e8, "PLN", "100 mln złotych"), (98e6, "PLN", "98 mln")],
        ),
        ("ponad 100 mln złotych i 3 tys. mieszkańców", [(1e8, "PLN", "100 mln złotych")]),
    ],
)
def test_a_figure_after_a_money_word_or_closed_by_a_dash_is_money(text, expected):
    assert _values(text) == expected


def test_a_list_item_with_a_note_after_its_figure_takes_the_lists_currency():
    text = (
        "Prawie 13,4 mln zł dla samorządów.\n\nWysokość środków dla samorządów z powiatu:\n"
        "gmina Ciężkowice – 833 000 (4 zadania),\ngmina Żabno – 1 000 000 (2 zadania)."
    )
    assert _values(text) == [
        (13400000.0, "PLN", "13,4 mln zł"),
        (833000.0, "PLN", "833 000"),
        (1e6, "PLN", "1 000 000"),
    ]


def test_a_cell_of_a_money_column_takes_the_headers_currency():
    text = (
        "LP\n\nNAZWA OFERENTA\n\nKWOTA PRZYZNANEJ\n\nDOTACJI [zł]\n\nNAZWA ZADANIA\n\n1\n\n"
        "Stowarzyszenie Miłośników\n\n2 700\n\nZ kulturą i tradycją\n\n2\n\nOSP w Chudobie\n\n12 300\n\nWieczory\n"
    )
    assert _values(text) == [(2700.0, "PLN", "2 700"), (12300.0, "PLN", "12 300")]  # not the row numbers


def test_a_cell_of_a_column_whose_header_gives_a_scale_is_scaled():
    text = (
        "Priorytet\n\nPierwszy nabór\nw mln €\n\nŁączna alokacja\nw tys. zł\n\n2.1 Ochrona środowiska\n\n"
        "68,01\n\n3,2\n\n-\n\n2019\n"
    )
    # the nearest header above names the scale; a year or a dash is no cell of money
    assert _values(text) == [(68010.0, "PLN", "68,01"), (3200.0, "PLN", "3,2")]
    assert _values("Kwota\n(mln zł)\n\n1,5\n") == [(1500000.0, "PLN", "1,5")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Szpital - remont - 3 000 000 zł.\n\n \n\nGmina Serniki - budowa kanalizacji w miejscowości\n"
            "Nowa Wieś - 3 000 000.\n\n \n\nGmina Serniki - przebudowa drogi - 1 000 000 zł.\n",
            [(3000000.0, "PLN", "3 000 000 zł"), (3000000.0, "PLN", "3 000 000"), (1000000.0, "PLN", "1 000 000 zł")],
        ),
        ("Klub A - 2 000 EUR.\nKlub B – 3 000\n", [(2000.0, "EUR", "2 000 EUR"), (3000.0, "EUR", "3 000")]),
        ("Lista:\nKlub A - 2 000.\nKlub B - 3 000.\n", []),  # no item states a currency
        # the neighbour is no item ending in an amount
        ("Dotacja 2 000 zł dla klubu.\nKlub B - 3 000.\n", [(2000.0, "PLN", "2 000 zł")]),
    ],
)
def test_a_list_item_without_a_sign_takes_its_neighbours_currency(text, expected):
    assert _values(text) == expected


def test_a_run_of_items_reads_on_from_the_item_read_before_it():
    text = (
        "Sołectwo Bielanka – 14.094,65 złotych\n\n"
        " • Wykonanie tabliczek drogowskazowych – 2.094,65\n"
        " • Wymiana obróbki blacharskiej na świetlicy – 5.000\n"
        " • Zakup akumulatorów do kosiarki – 500\n"
    )
    assert _values(text) == [
        (14094.65, "PLN", "14.094,65 złotych"),
        (2094.65, "PLN", "2.094,65"),
        (5000.0, "PLN", "5.000"),
        (500.0, "PLN", "500"),
    ]
    # read upwards too, whatever the lines' indentation
    up = "  • Zakup kosiarki – 500\n  • Wymiana lamp – 6.500\nSołectwo Brunów – 12.900,19 złotych\n"
    assert [v for v, _c, _r in _values(up)] == [500.0, 6500.0, 12900.19]
    # a plain figure needs a run read as money: alone, a year or a number after a dash is none
    assert _values("Lista:\nKlub A – 500\nKlub B – 2019\n") == []
    assert _values("Klub A – 5.000 zł\nTurniej – 2019\n") == [(5000.0, "PLN", "5.000 zł")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tytuł projektu Planowana kwota ogółem w zł Planowana kwota dofinansowania w zł\n"
            "Remont ul. Polnej w Wojnarowicach etap II 75.000 75.000\n"
            "Na 2021 rok\n"
            "Budowa oświetlenia drogowego w Przemiłowie 100 000 100 000\n"
            "Budowa kanalizacji 1 250 000 500 000,50\n",
            [
                (75000.0, "PLN", "75.000"),
                (75000.0, "PLN", "75.000"),
                (100000.0, "PLN", "100 000"),
                (100000.0, "PLN", "100 000"),
                (1250000.0, "PLN", "1 250 000"),
                (500000.5, "PLN", "500 000,50"),
            ],
        ),
        # a header with no currency, or none at all: no amounts
        ("Nazwa zadania Kwota dofinansowania\nBudowa drogi gminnej 100 000 100 000\n", []),
        ("Budowa drogi gminnej 100 000 100 000\n", []),
        # a header that is prose with figures of its own ends the search
        ("Wartość w zł 20 000 zł razem\nBudowa drogi 30 000\n", [(20000.0, "PLN", "20 000 zł")]),
    ],
)
def test_a_flattened_row_under_a_money_header_takes_its_currency(text, expected):
    assert _values(text) == expected


def test_a_lone_figure_under_prose_is_no_amount():
    text = "Wyniki konkursu [zł] ogłoszono. " + "Komisja oceniła wnioski bardzo szczegółowo i rzetelnie. " * 3
    assert _values(text + "\n2 700\n") == []


@pytest.mark.parametrize(
    ("text", "value", "currency", "raw"),
    [
        ("otrzymał aż 803 600, 00 zł.", 803600.0, "PLN", "803 600, 00 zł"),  # stray blank after the comma
        ("kwota dotacji\n7 483 ,00 zł.", 7483.0, "PLN", "7 483 ,00 zł"),  # and before it
        ("Wysokość grantów to dziesięć tysięcy złotych. Gratulujemy!", 10000.0, "PLN", "dziesięć tysięcy złotych"),
        ("przyznano pół miliona euro na", 500000.0, "EUR", "pół miliona euro"),
        # a table flattened without blanks glues the next cell's word to the currency
        ("Fundacja\n3 000,00 złPozytywna\n0,00", 3000.0, "PLN", "3 000,00 zł"),
        ("projektu:\n4 198 007,96 PLNKwota dofinansowania:", 4198007.96, "PLN", "4 198 007,96 PLN"),
        # a quarter of the million, not the million alone
        ("W ubiegłym roku ćwierć miliona złotych z Funduszu", 250000.0, "PLN", "ćwierć miliona złotych"),
        ("dwa miliony trzysta tysięcy złotych", 2300000.0, "PLN", "dwa miliony trzysta tysięcy złotych"),
        ("1 milion złotych", 1000000.0, "PLN", "1 milion złotych"),  # digits first: one amount, not two
    ],
)
def test_number_words_and_stray_blanks(text, value, currency, raw):
    m = _one(text)
    assert (m.value, m.currency, m.raw_text) == (value, currency, raw)


@pytest.mark.parametrize(
    ("text", "qualifier", "raw"),
    [
        ("blisko 2 mln zł", "approx", "2 mln zł"),  # the value stays the stated one
        ("ponad 500 tys. euro", "at_least", "500 tys. euro"),
        ("ok. 300 zł", "approx", "300 zł"),
        ("poniżej 10 000 zł", "at_most", "10 000 zł"),
        ("Okres 2 zł", "exact", "2 zł"),  # "ok" inside a word is no qualifier
        ("kwota 2 zł", "exact", "2 zł"),
    ],
)
def test_the_qualifier_before_an_amount_is_kept(text, qualifier, raw):
    m = _one(text)
    assert (m.qualifier, m.raw_text) == (qualifier, raw)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("otrzyma 14 tys. 400 zł na poprawę", [(14400.0, "PLN", "14 tys. 400 zł")]),
        ("kosztował 2 mln 300 tys. zł", [(2300000.0, "PLN", "2 mln 300 tys. zł")]),
        ("5 tys. 200 tys. zł", [(200000.0, "PLN", "200 tys. zł")]),  # the smaller part must be under the scale
        ("od 10 do 20 tys. zł", [(10000.0, "PLN", "10"), (20000.0, "PLN", "20 tys. zł")]),  # a range, not two parts
        ("to koszt 3 mln 964 tys 996 zł", [(3964996.0, "PLN", "3 mln 964 tys 996 zł")]),  # three parts
        ("5 mln 3 mln 200 tys. zł", [(3200000.0, "PLN", "3 mln 200 tys. zł")]),  # each part under the one before
    ],
)
def test_an_amount_written_in_two_parts(text, expected):
    assert _values(text) == expected


def test_a_scaled_figure_after_a_grant_verb_takes_the_paragraphs_currency():
    text = "Akolada otrzymało 3 tys. Z zakresu ratownictwa OSP otrzymało 80 tys. zł, a Swory – 1,7 tys.\nKoniec."
    assert _values(text) == [(3000.0, "PLN", "3 tys."), (80000.0, "PLN", "80 tys. zł"), (1700.0, "PLN", "1,7 tys.")]
    assert _values("Otrzymało 3 tys. mieszkańców, a kosztowało 5 zł.") == [(5.0, "PLN", "5 zł")]  # a count
    assert _values("Stowarzyszenie otrzymało 3 tys. Gratulujemy!") == []  # no amount with a sign in the paragraph


def test_a_scaled_figure_in_a_paragraph_of_amounts_is_money_unless_it_counts_a_noun():
    text = "Budowa tras (31 mln zł), odnowa parku (20 mln) i kładki (1,5 mln)."
    assert _values(text) == [(31e6, "PLN", "31 mln zł"), (20e6, "PLN", "20 mln"), (1.5e6, "PLN", "1,5 mln")]
    text = "Dofinansowanie 60 tys. zł, 7 tys. pozyskano z budżetu, a 1,1 tys. Klub Sportowy X."
    assert _values(text) == [(60000.0, "PLN", "60 tys. zł"), (7000.0, "PLN", "7 tys."), (1100.0, "PLN", "1,1 tys.")]
    counted = "Koszt 5 mln zł: 3 tys. mieszkańców, 2 mln nowych drzew, 3 tys. egz. i 17 mln kWh rocznie."
    assert _values(counted) == [(5e6, "PLN", "5 mln zł")]
    assert _values("Odnowa parku (20 mln).\nKładki 5 zł.") == [(5.0, "PLN", "5 zł")]  # another paragraph


def _record_values(text: str, record_start: str):
    """The amounts of the record that starts at ``record_start`` and runs to the end of ``text``."""
    start = text.index(record_start)
    return [(m.value, m.currency, m.raw_text) for m in extract_money(text, start, len(text))]


def test_a_scaled_figure_in_a_record_without_an_amount_with_a_sign_takes_the_pages_currency():
    page = "Na ten cel trafi 20 mln zł.\n\n"
    item = page + " • Gmina Mielno (1,6 mln) - Przebudowa układu drogowego"
    assert _record_values(item, " • Gmina") == [(1.6e6, "PLN", "1,6 mln")]
    grant = page + "Parafia zdobyła 10 tys. na wymianę alarmu oraz 19 tys. na konserwację ikony."
    assert _record_values(grant, "Parafia") == [(10000.0, "PLN", "10 tys."), (19000.0, "PLN", "19 tys.")]
    # what follows counts people: a noun in any case, or the noun of the scaled figure before it
    assert _record_values(page + "Udzielono pomocy 16 tys. osobom.", "Udzielono") == []
    people = page + "Zginęło 6 tys. ludzi, a 200 tys. zostało poszkodowanych."
    assert _record_values(people, "Zginęło") == []
    # with no amount anywhere on the page the figure stays a figure
    assert _values("Parafia zdobyła 10 tys. na wymianę alarmu.") == []
    # a record with an amount with a sign reads its own paragraphs only (see the test above)
    assert _values("Odnowa parku (20 mln).\nKładki 5 zł.") == [(5.0, "PLN", "5 zł")]


def test_a_money_word_after_a_scaled_figure_makes_it_money_whatever_its_line_holds():
    text = "w Chominie 10 tys. dofinansowania (14 tys. zł wartość projektu)"
    assert _values(text) == [(10000.0, "PLN", "10 tys."), (14000.0, "PLN", "14 tys. zł")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a table's count before the amount: the count's one or two digits are no group of the amount
        ("Zakład Opieki Zdrowotnej w Suwałkach 8 69 922,53 zł", [(69922.53, "PLN", "69 922,53 zł")]),
        ("w Łomży\n8 70 000,00 zł", [(70000.0, "PLN", "70 000,00 zł")]),
        ("Krośnie 91,75 50 000,00 zł", [(50000.0, "PLN", "50 000,00 zł")]),  # a score, then the amount
        # no number starts with a zero before another digit (`000 zł` is no amount of nothing) ...
        ("w 2014 roku - 600. 000 zł,", [(600000.0, "PLN", "600. 000 zł")]),  # round thousands, a space typed
        ("Lp. 3. 500 zł", [(500.0, "PLN", "500 zł")]),  # a list's number, then an amount
        # ... but the smaller part of an amount written in parts
        ("dofinansowania: 3 mln 054 tys. zł", [(3054000.0, "PLN", "3 mln 054 tys. zł")]),
        ("wydatkowano 367 tysięcy 074 złotych", [(367074.0, "PLN", "367 tysięcy 074 złotych")]),
        # still: a year before an amount, and space-grouped thousands read whole
        ("w 2019 500 zł oraz 12 345 678,90 zł", [(500.0, "PLN", "500 zł"), (12345678.9, "PLN", "12 345 678,90 zł")]),
    ],
)
def test_where_a_number_may_start(text, expected):
    assert _values(text) == expected


def test_a_table_row_written_with_pipes_reads_one_figure_per_cell():
    # how the HTML reader writes a table's rows, and the same typed with pipes at both ends
    for table in (
        "Lp. | Nazwa podmiotu | Kwota dofinansowania (w zł)\n1 | Instytut Sportu | 732 248,00\n"
        "2 | Dolnośląska Federacja Sportu | 2 712 614,00\n",
        "| Lp. | Nazwa podmiotu | Kwota dofinansowania (w zł) |\n| 1 | Instytut Sportu | 732 248,00 |\n"
        "| 2 | Dolnośląska Federacja Sportu | 2 712 614,00 |\n",
    ):
        assert _values(table) == [(732248.0, "PLN", "732 248,00"), (2712614.0, "PLN", "2 712 614,00")]
    # two money columns, each cell one figure
    table = "Zadanie | Koszt (zł) | Dotacja (zł)\nBudowa drogi | 100 000 | 100 000\n"
    assert _values(table) == [(100000.0, "PLN", "100 000"), (100000.0, "PLN", "100 000")]


def test_a_figure_with_grosze_before_a_money_word_in_the_genitive_is_money():
    assert _values("otrzymało 3 000,00 dofinansowania na imprezę") == [(3000.0, "PLN", "3 000,00")]
    assert _values("Działanie 4,10 koszt 5 zł") == [(5.0, "PLN", "5 zł")]  # a field after it: not what it measures


def test_a_list_of_bare_figures_under_a_header_of_money_words_takes_the_pages_currency():
    text = "Zakup książek za 9.150,00 zł.\nWysokość dotacji w latach wynosiła:\n2020 – 9.150,00\n2019 – 8.160,00\n"
    assert _values(text)[1:] == [(9150.0, "PLN", "9.150,00"), (8160.0, "PLN", "8.160,00")]
    text = "Dotacje 5 500,00 zł.\nOtrzymane kwoty dofinansowania:\n• 2020 rok: 4 307,00\n"
    assert _values(text)[1:] == [(4307.0, "PLN", "4 307,00")]
    # a header of money words over a table's column, its currency from the page
    text = "Razem 343 033,75 zł.\n\nKwota przekazanej dotacji\n\n1\n\nBaligród\n\n10 000,00\n"
    assert _values(text)[1:] == [(10000.0, "PLN", "10 000,00")]
    # a whole-złoty figure without a money header stays no amount; one with grosze is money on a page with money
    assert _values("Lista 2019:\n2020 – 9.150\nDotacja 5 zł.") == [(5.0, "PLN", "5 zł")]
    assert _values("Lista 2019:\n2020 – 9.150,00\nDotacja 5 zł.") == [(9150.0, "PLN", "9.150,00"), (5.0, "PLN", "5 zł")]
    assert _values("Wysokość dotacji wynosiła:\n2020 – 9.150,00\n") == []  # no currency on the page


@pytest.mark.parametrize(
    "text, expected",
    [
        # a figure with grosze, from a hundred up, on a page with amounts: money in the page's currency
        ("Wartość 5 000 zł.\n\n3 622 610,00\n\n23.611,20\n", [(5000.0, "PLN"), (3622610.0, "PLN"), (23611.2, "PLN")]),
        # not with a unit, a percent or a word after it, nor a road's chainage, nor under a hundred, nor alone
        ("Dotacja 5 000 zł. Powierzchnia 1 234,50 m2, wynik 145,50 pkt, 112,50 %.", [(5000.0, "PLN")]),
        ("Dotacja 5 000 zł na odcinek od km 1+990 do km 2+512,10.", [(5000.0, "PLN")]),
        ("Dotacja 5 000 zł.\nWskaźnik: 12,50\n", [(5000.0, "PLN")]),
        ("Powierzchnia działki 3 622,00\n", []),
    ],
)
def test_a_figure_with_grosze_on_a_page_with_money_is_money(text, expected):
    assert [(m.value, m.currency) for m in extract_money(text)] == expected


def test_a_record_without_amounts_with_a_sign_takes_the_currency_around_it():
    text = "Dotacje wyniosły 5 000 EUR.\nWysokość dotacji wynosiła:\n2020 – 9.150,00\n"
    start = text.index("2020")
    assert [(m.value, m.currency) for m in extract_money(text, start)] == [(9150.0, "EUR")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dots and blanks mixed in the grouping of a figure with grosze: every dot groups thousands
        ("Wartość zadania 1.234 567,00", [(1234567.0, "PLN", "1.234 567,00")]),
        ("Kwota 12.345 678,90", [(12345678.9, "PLN", "12.345 678,90")]),
    ],
)
def test_mixed_thousands_grouping_is_read_not_a_failure(text, expected):
    """Such a figure once raised decimal.InvalidOperation and failed its whole page."""
    assert _values(text) == expected


_figures = st.lists(st.sampled_from(["1", "23", "456", " ", ".", ",", ",-", "00", " zł", "Kwota ", "\n"]), max_size=14)


@settings(max_examples=300, deadline=None)
@given(pieces=_figures)
def test_property_any_grouping_of_figures_is_read_or_skipped(pieces):
    """Whatever mix of digits, dots, commas and blanks a page writes, money extraction never raises."""
    text = "".join(pieces)
    for m in extract_money(text):
        assert text[m.char_start : m.char_end] == m.raw_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ostatecznie podzielono 1,020,321 zł.", [(1020321.0, "PLN", "1,020,321 zł")]),
        ("grant 3,500,000.50 USD", [(3500000.5, "USD", "3,500,000.50 USD")]),
        ("cena 1,200 zł", [(1.2, "PLN", "1,200 zł")]),  # one comma may be a decimal one: read as written
    ],
)
def test_thousands_grouped_by_commas_english_style(text, expected):
    assert _values(text) == expected


def test_a_scaled_figure_after_a_money_word_in_its_locative_is_money():
    assert _values("o łącznej kwocie 70 tysięcy. Dzięki") == [(70000.0, "PLN", "70 tysięcy")]
    assert _values("zapisane w budżecie 20 000 na remont") == [(20000.0, "PLN", "20 000")]
    assert _values("w kwocie 3 tys. osób") == []  # it counts a noun
