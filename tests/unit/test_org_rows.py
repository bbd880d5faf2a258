# ruff: noqa: E501  (real Polish sentences are long)
"""A grant list's row names its grantee: ``Familia – 21.000 zł`` (pipeline/extract/orgs/rows.py)."""

from __future__ import annotations

import pytest

from pipeline.core.datatypes import OrgMention, Record
from pipeline.extract.orgs import find_org_mentions
from pipeline.extract.orgs.rows import is_row_grantee, row_grantee_spans, row_grantees
from pipeline.extract.record import record_orgs


def names(text: str) -> list[str]:
    return [text[a:b] for a, b in row_grantee_spans(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Familia – 21.000 zł", ["Familia"]),
        ("„Nasz Dom” – 7.000 zł", ["Nasz Dom"]),  # a fully quoted name without its quotes
        ("- Leszno Tenis Klub – 65 tys. zł na turniej ITF 75 Women Leszno", ["Leszno Tenis Klub"]),
        ("3. OSP w Bolesławiu - 1.840,00 zł\n4. OSP w Ryczówku - po 2000 zł", ["OSP w Bolesławiu", "OSP w Ryczówku"]),
        ("• Klub Sportowy Orion – kwota 80 tys. zł", ["Klub Sportowy Orion"]),
    ],
)
def test_row_names_its_grantee(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "modernizacja placu zabaw – 5 000 zł",  # a lowercase task, not a name
        "Gmina Serniki - Przebudowa drogi gminnej nr 103559L - 1 000 000 zł",  # grantee - task - amount: two cells
        "Kwota dotacji: – 5 000 zł",  # a field label
        "Klub X\n– 5 000 zł",  # the amount on another line is no row
        "Dotacje otrzymało 18 z 21 wnioskodawców – razem 1,12 mln zł",  # no amount right after the dash
        "i po 1000 zł – „Towarzystwo Przyjaciół”",  # the amount first
    ],
)
def test_not_a_row(text):
    assert names(text) == []


def test_row_widens_the_head_noun_mention_it_starts_with():
    t = "Największe kwoty trafiły do:\n- Klub Piłkarski Polonia 1912 Leszno – 170 tys. zł\n"
    rule = find_org_mentions(t)
    out = row_grantees(t, 0, len(t), rule)
    assert [m.text for m in out] == ["Klub Piłkarski Polonia 1912 Leszno"]
    assert all(t[m.char_start : m.char_end] == m.text and m.source == "rule" for m in out)
    assert is_row_grantee(t, out[0]) and not is_row_grantee(t, OrgMention("Klub Piłkarski", 31, 45, "rule"))


def test_a_name_that_opens_the_title_stays_a_candidate():
    """Whether a title's opening name is its grantee or the project's own name is the acceptor's call
    (``opens_title``, ``row_grantee``), not a filter of the rules."""
    t = "Familia – 21.000 zł\n"
    rec = Record("d", 1, "", "Familia", None, None, 0, len(t), 0, 7, 7, len(t))
    assert [m.text for m in record_orgs(t, rec, [], orgs_from="rules")] == ["Familia"]
    for t in ("Klub Seniora Radość\n", "Klub Seniora Radość – 5 000 zł\n"):
        rec = Record("d", 1, "", "Klub Seniora Radość", None, None, 0, len(t), 0, 19, 19, len(t))
        assert [m.text for m in record_orgs(t, rec, [], orgs_from="rules")] == ["Klub Seniora Radość"]
