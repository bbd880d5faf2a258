"""Bodies named by their place in a list after their kind (pipeline/extract/orgs/enumerated.py)."""

from __future__ import annotations

import pytest

from pipeline.extract.orgs import find_org_mentions
from pipeline.resolve.table import mention_form


def _listed(text: str) -> list[tuple[str, str | None]]:
    out = []
    for m in find_org_mentions(text):
        assert text[m.char_start : m.char_end] == m.text  # the evidence is the place as written
        out.append((m.text, m.implied_name))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Dotacje otrzymały też gminy Haczów, Jasienica Rosielna i Dubiecko.",
            [
                ("gminy Haczów", None),
                ("Jasienica Rosielna", "Gmina Jasienica Rosielna"),
                ("Dubiecko", "Gmina Dubiecko"),
            ],
        ),
        # after a colon the list may be in the genitive: the case most of it is written in reads a doubtful word
        (
            "Wsparcie trafi do gmin: Ostróda, Prostki oraz miast: Elbląga, Kętrzyna i Iława.",
            [
                ("Ostróda", "Gmina Ostróda"),
                ("Prostki", "Gmina Prostki"),
                ("Elbląga", "Miasto Elbląg"),
                ("Kętrzyna", "Miasto Kętrzyn"),
                ("Iława", "Miasto Iława"),
            ],
        ),
        # the list goes on after a name the head scanner found
        (
            "Gmina Tarnobrzeg, Grębów i Gorzyce otrzymały dotacje.",
            [("Gmina Tarnobrzeg", None), ("Grębów", "Gmina Grębów"), ("Gorzyce", "Gmina Gorzyce")],
        ),
        # village councils are listed by their villages as municipalities are (fundusz sołecki, the regions' grants)
        (
            "Granty otrzymały sołectwa: Kukań, Waniorowo i Wicimice.",
            [("Kukań", "Sołectwo Kukań"), ("Waniorowo", "Sołectwo Waniorowo"), ("Wicimice", "Sołectwo Wicimice")],
        ),
        # a kind inside the list names its own body
        (
            "Partnerami są gminy: miasto Tarnów, Borzęcin i Czchów.",
            [("Tarnów", "Miasto Tarnów"), ("Borzęcin", "Gmina Borzęcin"), ("Czchów", "Gmina Czchów")],
        ),
    ],
)
def test_places_listed_after_their_kind_are_bodies(text, expected):
    assert _listed(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Projekt objął teren gmin: Lubawka i Kamienna Góra.",  # a territory: places
        "Zajęcia odbyły się w gminach Lubawka i Kamienna Góra.",  # the locative: places
        "Warsztaty dla seniorów z gmin Zarzecze i Olszyny.",  # where they come from
        "Wymiana doświadczeń gmin Polski, Litwy i Łotwy.",  # a genitive right after the kind: whose gminas
        "Gościło ich 60 miast Ukrainy.",
    ],
)
def test_places_that_name_no_body(text):
    assert [m for m in find_org_mentions(text) if m.implied_name] == []


def test_a_name_of_several_words_is_kept_as_written():
    listed = _listed("Dotacje trafią do gmin: Krynica - Zdrój, Nowy Żmigród i Kamienna Góra.")
    assert [name for _, name in listed] == ["Gmina Krynica-Zdrój", "Gmina Nowy Żmigród", "Gmina Kamienna Góra"]


def test_an_oblique_name_of_several_words_is_not_guessed():
    listed = _listed("Udział wzięło 5 miast: Sosnowca, Dąbrowy Górniczej i Lublina.")
    assert listed == [("Sosnowca", "Miasto Sosnowiec"), ("Lublina", "Miasto Lublin")]


def test_the_form_of_a_listed_place_is_its_body():
    gmina, miasto = (
        next(m for m in find_org_mentions(t) if m.implied_name) for t in ("gminy: Górzno, Pilawa", "miasta: Górzno")
    )
    assert mention_form(gmina).text == "Gmina Górzno"
    assert mention_form(miasto).text == "Miasto Górzno"  # one place, two bodies: never one form
