"""Tests for pipeline.extract.amount_kind: what kind of money an amount is, with the cue as evidence."""

from __future__ import annotations

import copy
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.amount_kind import AmountKindDataError, amount_kind, parse_rules, rules, with_kinds
from pipeline.extract.money import extract_money
from pipeline.ruledata.resources import DATA_DIR, load_yaml
from schemas.fields import AMOUNT_KINDS


def _kinds(text: str) -> list[tuple[str, str, str | None, float | None]]:
    """(raw_text, kind, kind_cue, share_pct) of every amount of ``text`` read as one record."""
    out = []
    for m in with_kinds(text, extract_money(text), (0, len(text))):
        if m.kind_cue is not None:  # the cue is evidence: it quotes the text at its offsets
            assert text[m.kind_cue_start : m.kind_cue_end] == m.kind_cue
        out.append((m.raw_text, m.kind, m.kind_cue, m.share_pct))
    return out


def _one(text: str) -> tuple[str, str | None, float | None]:
    found = _kinds(text)
    assert len(found) == 1, found
    return found[0][1:]


# --- each kind ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "cue"),
    [
        # total_value
        ("Wartość projektu: 97 058,81 zł", "total_value", "Wartość projektu"),
        ("Projekt o wartości 1,5 mln zł zrealizował Związek Miast Polskich.", "total_value", "o wartości"),
        ("Całkowity koszt projektu oszacowano na kwotę 32010,14 Euro.", "total_value", "Całkowity koszt projektu"),
        ("Inwestycja kosztowała 186 tys. zł i zakończyła się w terminie.", "total_value", "kosztowała"),
        (
            "Program: Interreg South Baltic 2014–2020\nBudżet: 1,9 mln EUR\nLider: Gmina Miasto Ustka",
            "total_value",
            "Budżet",
        ),
        # grant
        ("Dofinansowanie projektu z UE: 82 499,98 zł", "grant", "Dofinansowanie"),
        ("Klub uzyskał dofinansowanie w kwocie 56,5 tys. zł na szkolenie młodzieży.", "grant", "dofinansowanie"),
        ("Przyznana kwota dotacji 4.000,00 zł z przeznaczeniem na zakup sprzętu.", "grant", "Przyznana kwota dotacji"),
        ("Stowarzyszenie Be Active otrzymało 5 tys. zł na aktywizację mieszkańców.", "grant", "otrzymało"),
        ("Ambasada przyznała na ten cel grant w wysokości 7 500 dolarów amerykańskich.", "grant", "grant"),
        ("16 tys. zł trafiło do Combat Sports Academy.", "grant", "trafiło do"),
        ("- „Akcja Aktywacja” Rada Sołecka w Rzeżęcinie – 4800zł", "grant", "–"),
        # own_contribution
        ("Wkład własny Gminy Pokrzywnica: 375.000,00 zł", "own_contribution", "Wkład własny"),
        ("kwota środków własnych wynosi: 29.905,00 zł", "own_contribution", "środków własnych"),
        ("Kwota z budżetu gminy:  130.217,00 zł.", "own_contribution", "Kwota z budżetu gminy"),
        ("Kwota wsparcia z budżetu gminy wynosi ponad 39,9 tys. zł.", "grant", "Kwota wsparcia"),  # given by it
        # programme_budget
        ("Na konkurs przeznaczono 500 000 zł.", "programme_budget", "Na konkurs przeznaczono"),
        ("Łączna kwota dotacji w naborze wyniosła 1,2 mln zł.", "programme_budget", "Łączna kwota dotacji"),
        (
            "Od 2013 do 2016 r. zrealizowano 617 projektów na łączną kwotę 131 mln zł.",
            "programme_budget",
            "617 projektów na łączną kwotę",
        ),
        # several items counted together: a cardinal and its noun before "na sumę", whatever the noun
        ("Dotacje uzyskało 36 gmin na sumę 343 033,75 zł.", "programme_budget", "36 gmin na sumę"),
        ("W tym roku do rozdysponowania było 200 tys. zł.", "programme_budget", "do rozdysponowania"),
        ("Na lokalne inicjatywy przeznaczyliśmy w tym roku aż 3,7 mln złotych.", "programme_budget", "przeznaczyliśmy"),
        # the adjective "grantowy" names a programme, not money granted: "W sumie" decides
        ("W sumie II edycja konkursu grantowego zamknęła się kwotą 299 345 zł.", "programme_budget", "W sumie"),
        ("Łączna suma przekazanych dotacji wyniosła 1.150.000 złotych.", "programme_budget", "przekazanych dotacji"),
        ("Łączna kwota, którą otrzymają ich realizatorzy to 2,4 mln zł.", "programme_budget", "Łączna kwota"),
        ("Pula grantów w programie wynosi 1 000 000 złotych.", "programme_budget", "Pula grantów"),
        ("Budżet programu na 2021 rok to 4 mln zł.", "programme_budget", "Budżet programu"),
        (
            "Organizacje zostaną wsparte dotacjami o łącznej wartości 45 tys. złotych.",
            "programme_budget",
            "dotacjami o łącznej wartości",
        ),
        # organisation_finances
        ("Przychody Stowarzyszenia w 2019 r. wyniosły 350 000 zł.", "organisation_finances", "Przychody"),
        ("Budżet gminy na 2020 rok wynosi 45 mln zł.", "organisation_finances", "Budżet gminy"),
        # other: requested amounts, ceilings, prices, loans, unclear
        ("Wnioskowana kwota wsparcia 4.000,00 zł", "other", "Wnioskowana kwota wsparcia"),
        ("Klub otrzymał 10 tys. zł (wnioskował o 12,3 tys. zł).", None, None),  # checked below, two amounts
        ("Organizacje mogą otrzymać do 10 000 zł na projekt.", "other", "do"),
        ("Cena za udział w warsztatach wynosi 25 zł.", "other", "Cena"),
        ("Gmina zaciągnęła pożyczkę w wysokości 50 000 zł.", "other", "pożyczkę"),
        ("Pierwotnie zakładano stawkę 3,5 tys. zł na komputer.", "other", "stawkę"),
        ("Dotacja nie mogła przekroczyć kwoty 10 tys. zł.", "other", "nie mogła przekroczyć kwoty"),
        ("1800 zł – w przypadku osób zaliczonych do znacznego stopnia niepełnosprawności;", "other", "w przypadku"),
        ("Na festynie zebrano 300 zł.", "grant", None),  # no cue: the default kind (the commonest)
    ],
)
def test_each_kind(text, kind, cue):
    if kind is None:
        assert _kinds(text) == [
            ("10 tys. zł", "grant", "otrzymał", None),
            ("12,3 tys. zł", "other", "wnioskował o", None),
        ]
        return
    assert _one(text)[:2] == (kind, cue)


def test_two_amounts_of_one_sentence_take_their_own_cues():
    text = "Wartość projektu to blisko 800 tyś. zł, z czego dofinansowanie wyniesie 500 tyś. zł."
    assert _kinds(text) == [
        ("800 tyś. zł", "total_value", "Wartość projektu", None),
        ("500 tyś. zł", "grant", "dofinansowanie", None),
    ]
    text = "Łączna wartość zadania to 85.462,12 zł, z czego 59.048 zł to dotacja celowa z budżetu państwa."
    assert [k[1:3] for k in _kinds(text)] == [("total_value", "Łączna wartość zadania"), ("grant", "dotacja")]


def test_key_value_lines():
    text = (
        "Wartość inwestycji: 7.500.000,00 zł, w tym:\nDofinansowanie z Funduszu Polski Ład:  7.125.000,00 zł\n"
        "Wkład własny Gminy Pokrzywnica: 375.000,00 zł"
    )
    assert [k[1:3] for k in _kinds(text)] == [
        ("total_value", "Wartość inwestycji"),
        ("grant", "Dofinansowanie"),
        ("own_contribution", "Wkład własny"),
    ]
    # the value on the line after its label
    text = "• Wysokość dofinansowania ze środków WFOŚiGW:\n• 80 500,00 zł otrzymane w formie dotacji bezzwrotnej."
    assert _one(text)[:2] == ("grant", "Wysokość dofinansowania")


def test_the_second_of_two_coordinated_amounts_reads_the_words_before_the_first():
    text = "Pierwotnie zakładano stawkę 3,5 tys. zł na komputer oraz 1,5 tys. zł na tablet."
    assert [k[:3] for k in _kinds(text)] == [("3,5 tys. zł", "other", "stawkę"), ("1,5 tys. zł", "other", "stawkę")]
    # the words right after an amount, to the end of its clause, are its own, not the next amount's
    text = "Koszt 54 670 zł, w tym 13 870 zł wkład własny biblioteki, 40 800 zł środki finansowe Ministra."
    assert [k[1:3] for k in _kinds(text)][1:] == [("own_contribution", "wkład własny"), (rules().default_kind, None)]
    # not when a cue of its own stands between them
    text = "Dotacja wyniosła 5 000 zł, wkład własny 1 000 zł."
    assert [k[1:3] for k in _kinds(text)] == [("grant", "Dotacja"), ("own_contribution", "wkład własny")]


def test_both_ends_of_a_range_read_the_words_before_it():
    text = "Wnioskujący mogli ubiegać się o wsparcie finansowe w wysokości od 5 tys. do 40 tys. złotych."
    assert [k[:2] for k in _kinds(text)] == [("5 tys.", "other"), ("40 tys. złotych", "other")]


# --- flattened tables ---------------------------------------------------------------------------------


def test_pipe_table_columns():
    text = (
        "Lp. | Nazwa projektu | Okres realizacji | Wartość całkowita | Dofinansowanie | Rola\n"
        "1 | Szlak Tatarski | 2018-2019 | 312 400 zł | 198 780 zł | wnioskodawca\n"
        "2 | Kuźnia Liderów.\nWzmocnienie organizacji | 2020 – 2021 | 249 990,00 PLN | 200 000,00 PLN | partner\n"
    )
    assert [k[1:3] for k in _kinds(text)] == [("total_value", "Wartość całkowita"), ("grant", "Dofinansowanie")] * 2


def test_row_of_a_table_flattened_without_separators():
    text = (
        "Dotacja została rozdzielona w następujący sposób:\n\nKlubDotacja 2021Dotacja 2020Różnica\n"
        "Orion80 tys. zł81 tys. zł-1 tys. zł\nHeksa49 tys. zł74 tys. zł-25 tys. zł\n"
    )
    assert [k[1:3] for k in _kinds(text)] == [("grant", "Dotacja"), ("grant", "Dotacja"), ("other", "Różnica")] * 2


def test_cells_of_a_table_flattened_one_cell_per_line():
    text = (
        "Wykaz szkół, którym zostało udzielone wsparcie finansowe w 2021 r.:\n\nLp.\n\nNazwa szkoły\n\n"
        "Kwota wkładu własnego\n\nKwota wsparcia finansowego\n\nKoszt całkowity\n\n"
        "1.\n\nSzkoła Podstawowa Jabłonka-Bory\n\n625,00 zł\n\n2 500,00 zł\n\n3 125,00 zł\n\n"
        "2.\n\nSzkoła Podstawowa w Chyżnem\n\n750,00 zł\n\n3 000,00 zł\n\n3 750,00 zł\n"
    )
    row = [("own_contribution", "wkładu własnego"), ("grant", "Kwota wsparcia finansowego")]
    assert [k[1:3] for k in _kinds(text)] == [*row, ("total_value", "Koszt całkowity")] * 2


def test_a_header_cell_split_over_two_lines_is_one_column():
    text = (
        "LP\n\nNAZWA OFERENTA\n\nKWOTA PRZYZNANEJ\n\nDOTACJI [zł]\n\nKWOTA WNIOSKOWANEJ DOTACJI [zł]\n\n"
        "NAZWA\n\nZADANIA\n\n1\n\nStowarzyszenie\n\nMiłośników Lasowic\n\n8 300\n\n12 300\n\nZ kulturą\n"
    )
    assert [k[:3] for k in _kinds(text)] == [
        ("8 300", "grant", "KWOTA PRZYZNANEJ"),
        ("12 300", "other", "KWOTA WNIOSKOWANEJ"),
    ]


# --- share_pct --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("Kwota dofinansowania: 102 tys. euro (85%)", 85.0),
        ("Dofinansowanie: 80 000 zł (80 %)", 80.0),
        ("Fundusz wydał: 1 371 360 578,77 zł, co stanowi 45,94% planu finansowego.", 45.94),
        ("Dofinansowanie wynosi 85% kosztów kwalifikowalnych, tj. 850 000 zł.", 85.0),
        ("Budżet: 1,9 mln EUR (w tym 85% z EFRR)", None),
        ("Dofinansowanie: 80 000 zł.", None),
    ],
)
def test_share_pct(text, share):
    assert _one(text)[2] == share


# --- the window is bounded -------------------------------------------------------------------------------


def test_a_cue_in_another_sentence_does_not_apply():
    near = "Dofinansowanie wyniosło 300 zł."
    assert _one(near)[:2] == ("grant", "Dofinansowanie")
    far = (
        "Dofinansowanie pochodzi z programu Działaj Lokalnie. Festyn odbył się w parku miejskim. "
        "Na loterii zebrano 300 zł."
    )
    assert _one(far)[:2] == (rules().default_kind, None)


def test_a_cue_too_far_back_in_a_long_sentence_does_not_apply():
    text = "Dofinansowanie objęło " + "bardzo " * 30 + "wiele działań, a loteria przyniosła 300 zł."
    assert len(text[: text.index("300")]) > rules().before_chars
    assert _one(text)[:2] == (rules().default_kind, None)


def test_a_list_intro_sentence_is_not_the_label_of_its_first_item():
    text = (
        "Kwota dofinansowania do wynagrodzeń, przyznawana bez względu na typ pracodawcy, jest następująca:\n\n"
        " 1. 1800 zł – osoby ze znacznym stopniem niepełnosprawności;\n 2. 1125 zł – osoby z umiarkowanym"
    )
    assert [k[1] for k in _kinds(text)] == [rules().default_kind] * 2
    # the items' own words decide: "w przypadku ..." makes each a rate by category
    text = text.replace("– osoby ze", "– w przypadku osób ze").replace("– osoby z umiarkowanym", "– w przypadku osób")
    assert [k[1:3] for k in _kinds(text)] == [("other", "w przypadku")] * 2


def test_the_record_span_bounds_the_window():
    text = "Dotacja. Festyn w parku.\n\n300 zł zebrano na loterii."
    money = extract_money(text)[0]
    assert amount_kind(text, money, (0, len(text)))[0] == rules().default_kind
    text = "Dotacja 300 zł"
    money = extract_money(text)[0]
    assert amount_kind(text, money, (0, len(text)))[:2] == ("grant", (0, 7))
    assert amount_kind(text, money, (8, len(text)))[:2] == (rules().default_kind, None)


# --- the data file and its loader ---------------------------------------------------------------------


def _data() -> dict:
    return copy.deepcopy(load_yaml("amount_kinds.yaml"))


def test_the_data_file_covers_every_kind():
    r = rules()
    assert {c.kind for c in r.cues} == set(AMOUNT_KINDS)
    assert r.default_kind == "grant"
    assert {lab.kind for lab in r.labels} == set(AMOUNT_KINDS)


def test_every_entry_names_its_source():
    lines = (DATA_DIR / "amount_kinds.yaml").read_text(encoding="utf-8").splitlines()
    entries = [ln for ln in lines if re.match(r"\s+- ", ln)]
    assert len(entries) == len(rules().cues) + len(rules().labels)
    for ln in entries:
        assert re.search(r"#\s*(notice|language)\b", ln), ln


def test_loader_rejects_an_unknown_key():
    data = _data()
    data["cues"][0]["scope"] = "after"
    with pytest.raises(AmountKindDataError, match=r"cues\[0\]: unknown key\(s\) scope"):
        parse_rules(data)
    data = _data()
    data["window"] = 100
    with pytest.raises(AmountKindDataError, match="top level: unknown key"):
        parse_rules(data)


def test_loader_rejects_missing_values_and_unknown_kinds():
    data = _data()
    data["cues"][1]["strength"] = None
    with pytest.raises(AmountKindDataError, match=r"cues\[1\]: missing value\(s\) for strength"):
        parse_rules(data)
    data = _data()
    del data["before_chars"]
    with pytest.raises(AmountKindDataError, match="missing value"):
        parse_rules(data)
    data = _data()
    data["cues"][0]["kind"] = "loan"
    with pytest.raises(AmountKindDataError, match="unknown kind 'loan'"):
        parse_rules(data)
    data = _data()
    data["labels"]["donation"] = ["Darowizna"]
    with pytest.raises(AmountKindDataError, match="unknown kind 'donation'"):
        parse_rules(data)
    data = _data()
    data["cues"][0]["pattern"] = "(unclosed"
    with pytest.raises(AmountKindDataError, match="bad pattern"):
        parse_rules(data)


def test_the_rules_are_frozen():
    r = rules()
    with pytest.raises(AttributeError):
        r.before_chars = 1  # type: ignore[misc]
    with pytest.raises(AttributeError):
        r.cues[0].kind = "grant"  # type: ignore[misc]


# --- any text ------------------------------------------------------------------------------------------

_PIECES = [
    "Dofinansowanie",
    "wartość projektu",
    "wkład własny",
    "łącznie",
    "przychody",
    "wnioskował o",
    "cena",
    "Kwota dotacji:",
    "|",
    " | ",
    "\n",
    "\n\n",
    ". ",
    ", ",
    "(",
    ")",
    " – ",
    "85%",
    " (80 %)",
    "do",
    "Dotacja 2021",
    "Różnica",
    "Wartość:",
    "1 500 zł",
    "3,25 mln zł",
    "845 000zł",
    "od 5 do 40 tys. zł",
    "Orion80 tys. zł81 tys. zł",
    " ",
    "Fundacja",
    "otrzymała",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.integers(0, 20), st.integers(0, 20))
def test_any_text_gives_a_known_kind_and_evidence_that_quotes_it(pieces, cut_start, cut_end):
    text = "".join(pieces)
    lo, hi = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    for m in with_kinds(text, extract_money(text, lo, hi), (lo, hi)):
        assert m.kind in AMOUNT_KINDS
        assert (m.kind_cue is None) == (m.kind_cue_start is None)
        if m.kind_cue is not None:
            assert text[m.kind_cue_start : m.kind_cue_end] == m.kind_cue and m.kind_cue.strip()
        assert m.share_pct is None or 0 < m.share_pct <= 100
