# ruff: noqa: E501  (real Polish sentences are long)
"""The page's publisher where a record refers to it (pipeline/roles/publisher.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.core.datatypes import Document, OrgMention
from pipeline.extract.orgs import find_org_mentions
from pipeline.ingest.decode import Source
from pipeline.roles.publisher import as_publisher, publisher_initials, publisher_of, publisher_reference, uncued_role
from pipeline.runner.document import process_document

pytestmark = pytest.mark.usefixtures("rules_roles")  # the rules' roles, not the learned ones


def ref(text: str, publisher: str) -> str | None:
    pub = publisher_of(publisher)
    assert pub is not None
    m = publisher_reference(text, 0, len(text), pub, find_org_mentions(text))
    if m is None:
        return None
    assert m.text == pub.name
    return text[m.char_start : m.char_end]


def test_publisher_name_drops_its_note_and_needs_a_head_noun():
    assert publisher_of("Fundacja FEM (fem.org.pl)") == ("Fundacja FEM", frozenset({"fundacja"}))
    head = publisher_of("Gminna Biblioteka Publiczna w Zawoi")
    assert head is not None and "biblioteka" in head.head
    assert publisher_of("bomega.pl") is None
    assert publisher_of("Stowarzyszenie (crgkoscian.pl)") is None  # a kind without a name
    assert publisher_of("") is None


def test_possessive_and_bare_head_refer_to_the_publisher():
    t = "Ogłoszono wyniki programu grantowego organizowanego przez naszą Fundację. Celem programu jest integracja."
    assert ref(t, "Fundacja PGNiG im. Ignacego Łukasiewicza") == "naszą Fundację"
    t = "W 2009 r. z przyznanej dotacji Biblioteka zakupiła 115 woluminów."
    assert ref(t, "Gminna Biblioteka Publiczna w Dębowcu") == "Biblioteka"
    t = "W marcu podpisaliśmy pierwszą w historii naszej zawojskiej Biblioteki umowę na dofinansowanie."
    assert ref(t, "Gminna Biblioteka Publiczna w Zawoi") == "naszej zawojskiej Biblioteki"


def test_no_reference_in_a_place_a_name_quotes_or_a_verb():
    assert ref("W naszej gminie dotacje otrzymał kościół parafialny.", "Gmina Czarna Dąbrówka") is None
    assert ref("Fundacja Gallen partnerowała nam w projekcie.", "Fundacja FEM") is None
    assert ref("Program „Powiat bez smogu” trwa od 2019 r.", "Powiat Krakowski") is None
    assert ref("W roku 2011 realizowaliśmy projekt dla starszych osób.", "Fundacja FEM") is None


def test_publisher_leads_the_record_that_refers_to_it():
    text = "Spichlerz pokoleń 2011\n\nW 2011 r. Fundacja zrealizowała projekt ze środków Fundacji Orange."
    doc = Document("d", "d.txt", text, "0" * 64, "utf-8")
    result = process_document(doc, None, ner_mode="rules", source=Source("d", None, None, "Fundacja FEM", None, None))
    roles = [
        (a.mention.text, a.role, text[a.mention.char_start : a.mention.char_end])
        for r in result.assignments
        for a in r.assignments
    ]
    assert ("Fundacja FEM", "lead", "Fundacja") in roles
    assert ("Fundacji Orange", "funder", "Fundacji Orange") in roles
    no_source = process_document(doc, None, ner_mode="rules")
    assert all(a.mention.text != "Fundacja FEM" for r in no_source.assignments for a in r.assignments)


def test_publisher_not_the_subject_keeps_no_role():
    text = "Samorządy lokalne\n\nBadanie przeprowadził Instytut Spraw Publicznych. Zapytano 304 miasta członkowskie Związku o ich plany."
    doc = Document("d", "d.txt", text, "0" * 64, "utf-8")
    source = Source("d", None, None, "Związek Miast Polskich", None, None)
    result = process_document(doc, None, ner_mode="rules", source=source)
    found = [(a.mention.text, a.role) for r in result.assignments for a in r.assignments]
    assert found == [("Instytut Spraw Publicznych", "lead"), ("Związek Miast Polskich", "other")]


def test_a_record_in_the_first_person_has_no_default_lead(no_acceptor):
    text = "Spichlerz pokoleń\n\nW roku 2011 realizowaliśmy projekt o rzemiośle. Pokazy odbyły się w Muzeum Powozów.\n"
    doc = Document("d", "d.txt", text, "0" * 64, "utf-8")
    found = [
        (a.mention.text, a.role)
        for r in process_document(doc, None, ner_mode="rules").assignments
        for a in r.assignments
    ]
    assert found == [("Muzeum Powozów", "other")]
    third = process_document(replace(doc, text=text.replace("realizowaliśmy", "realizowano")), None, ner_mode="rules")
    assert [(a.mention.text, a.role) for r in third.assignments for a in r.assignments] == [("Muzeum Powozów", "lead")]


def test_a_bare_acronym_that_spells_the_publisher_is_the_publisher():
    pub = publisher_of("Polski Komitet Pomocy Społecznej")
    assert pub is not None
    assert publisher_initials(pub) == {"PKPS"}
    text = "W Podprogramie 2018 PKPS rozdysponował w całym kraju 13 787 ton żywności."
    at = text.index("PKPS")
    named = as_publisher(OrgMention("PKPS", at, at + 4, "rule", is_acronym=True), pub)
    assert (named.text, named.acronym) == ("Polski Komitet Pomocy Społecznej", "PKPS")
    assert uncued_role(text, named) == "lead"  # the subject: a verb follows it
    other = OrgMention("ZHP", 0, 3, "rule", is_acronym=True)
    assert as_publisher(other, pub) is other
    # the initials before the seat name it too, unless they spell the kind of a school (SP)
    museum = publisher_of("Muzeum Narodowe w Warszawie")
    assert museum is not None and publisher_initials(museum) == {"MNW"}
    library = publisher_of("Gminna Biblioteka Publiczna w Zawoi")
    assert library is not None and "GBP" in publisher_initials(library)
    school = publisher_of("Szkoła Podstawowa nr 2 w Poznaniu")
    assert school is not None and "SP" not in publisher_initials(school)
