# ruff: noqa: E501  (real Polish sentences are long)
"""Canonical nominative names and dataset-wide resolution of organisation mentions."""

from __future__ import annotations

import pytest

from pipeline.core.datatypes import NameReading, OrgMention
from pipeline.extract.orgs import ORG_TYPES, find_org_mentions
from pipeline.resolve.forms import canonical_name, org_type_of, resolve_organisations, slugify
from pipeline.runner.document import mention_reading


@pytest.mark.parametrize(
    "written, nominative",
    [
        ("Związku Miast Polskich", "Związek Miast Polskich"),
        ("Związkiem Powiatów Polskich", "Związek Powiatów Polskich"),
        ("Polsko-Amerykańskiej Fundacji Wolności", "Polsko-Amerykańska Fundacja Wolności"),
        ("Śląskiego Związku Gmin i Powiatów", "Śląski Związek Gmin i Powiatów"),
        ("Ministerstwa Spraw Zagranicznych RP", "Ministerstwo Spraw Zagranicznych RP"),
        ("Fundacją Współpracy Polsko-Niemieckiej", "Fundacja Współpracy Polsko-Niemieckiej"),
        (
            "Narodowego Fundusz Ochrony Środowiska i Gospodarki Wodnej",
            "Narodowy Fundusz Ochrony Środowiska i Gospodarki Wodnej",
        ),
        ("Kanadyjską Agencję Rozwoju Międzynarodowego", "Kanadyjska Agencja Rozwoju Międzynarodowego"),
        ("Instytutem Spraw Publicznych", "Instytut Spraw Publicznych"),
        ("Komisji Europejskiej", "Komisja Europejska"),
        ("Banku Światowego", "Bank Światowy"),
        ("Gminą Lublin", "Gmina Lublin"),
        ("Departamentem Pożytku Publicznego MPiPS", "Departament Pożytku Publicznego MPiPS"),
        (
            "Kancelarii Prezydenta Rzeczypospolitej Polskiej",
            "Kancelaria Prezydenta Rzeczypospolitej Polskiej",
        ),
        ("Centrum Rozwiązań Systemowych", "Centrum Rozwiązań Systemowych"),
        ("Gazetą Samorządu i Administracji", "Gazeta Samorządu i Administracji"),
        ("Szwedzkim Związkiem Władz Lokalnych", "Szwedzki Związek Władz Lokalnych"),
        (
            "Norweskim Związkiem Władz Lokalnych i Regionalnych",
            "Norweski Związek Władz Lokalnych i Regionalnych",
        ),
        ("Urzędu Miasta Bełchatowa", "Urząd Miasta Bełchatowa"),
        ("Funduszy EOG", "Fundusze EOG"),
        (
            "Międzynarodowym\nCentrum na Rzecz Zrównoważonego Rozwoju Miast",
            "Międzynarodowe Centrum na Rzecz Zrównoważonego Rozwoju Miast",
        ),
        ("Uniwersytecie Autonomicznym w Barcelonie", "Uniwersytet Autonomiczny w Barcelonie"),
        ("Serwisem Samorządowym PAP", "Serwis Samorządowy PAP"),
        (
            "Fundacją Pracownia Badań i Innowacji Społecznych „Stocznia”",
            "Fundacja Pracownia Badań i Innowacji Społecznych „Stocznia”",
        ),
        ("Polsko-Niemiecką Współpracą Młodzieży", "Polsko-Niemiecka Współpraca Młodzieży"),
        ("Grupę Wyszehradzką", "Grupa Wyszehradzka"),
        ("Fundacji im. Stefana Batorego", "Fundacja im. Stefana Batorego"),
        (
            "Urzędem Marszałkowskim Województwa Podkarpackiego",
            "Urząd Marszałkowski Województwa Podkarpackiego",
        ),
        ("Canadian Urban Institute", "Canadian Urban Institute"),
        ("Institute of Governance and Public Policies", "Institute of Governance and Public Policies"),
        ("Obywatele dla Demokracji", "Obywatele dla Demokracji"),
        ("MSWiA", "MSWiA"),
        # a kind's acronym before a seat or a quoted name: the kind spelt out, as registered
        ("OSP w Bolesławiu", "Ochotnicza Straż Pożarna w Bolesławiu"),
        ("LGD ,,Kraina Dinozaurów”", "Lokalna Grupa Działania „Kraina Dinozaurów”"),
        ("KGW Cysterki", "KGW Cysterki"),  # a bare word after it may be an informal group's whole name
        # a fire brigade with a bare place after OSP is kept as written, as most keys name it ("OSP Gola");
        # with "w" or "z" and its seat it is spelt out
        ("OSP Gola", "OSP Gola"),
        ("OSP Miechowice Małe", "OSP Miechowice Małe"),
        ("OSP z Dłuska Gryfińskiego", "Ochotnicza Straż Pożarna w Dłusku Gryfińskim"),
        ("OSP RP", "OSP RP"),  # an acronym after it, not a place: kept
        ("OSP Piwniczna-Zdrój", "OSP Piwniczna-Zdrój"),  # a hyphenated place is not declined: kept
        ("LKS „Dąb” Dąbrowa Białostocka", "LKS „Dąb” Dąbrowa Białostocka"),  # clubs register the acronym
        # schools, culture centres and libraries are named by their seat too; welfare units and the regional
        # environmental funds spelt out before theirs
        ("SP Zieleń", "Szkoła Podstawowa w Zieleniu"),
        ("SP nr 5 im. Marii Konopnickiej w Ełku", "Szkoła Podstawowa nr 5 im. Marii Konopnickiej w Ełku"),  # a number
        ("SP im. S. Ligonia w Truskolasach", "Szkoła Podstawowa im. S. Ligonia w Truskolasach"),  # a patron
        ("GOK Koprzywnica", "Gminny Ośrodek Kultury w Koprzywnicy"),
        ("OPS w Granowie", "Ośrodek Pomocy Społecznej w Granowie"),
        ("PCPR w Opolu Lubelskim", "Powiatowe Centrum Pomocy Rodzinie w Opolu Lubelskim"),
        ("WFOŚiGW w Katowicach", "Wojewódzki Fundusz Ochrony Środowiska i Gospodarki Wodnej w Katowicach"),
        ("SP ZOZ w Łukowie", "SP ZOZ w Łukowie"),  # an acronym after the kind's: another body, kept
        # the village a circle or brigade is from (z + genitive) is its seat (w + locative)
        ("KGW z Libiszowa", "Koło Gospodyń Wiejskich w Libiszowie"),
        ("OSP z Dłuska Gryfińskiego", "Ochotnicza Straż Pożarna w Dłusku Gryfińskim"),
        ("KGW z terenu gminy", "KGW z terenu gminy"),  # no place after "z": kept
    ],
)
def test_canonical_name(written, nominative):
    assert canonical_name(written) == nominative


def test_slug():
    assert slugify("Związek Miast Polskich") == "zwiazek-miast-polskich"
    assert slugify("Stowarzyszenie Gmin Polska Sieć „Energie Cités”") == "stowarzyszenie-gmin-polska-siec-energie-cites"
    assert slugify("Erasmus+") == "erasmus"


def test_org_type_from_head():
    assert org_type_of("Gmina Lublin") == "municipality"
    assert org_type_of("Citizens Foundation") == "foundation"
    assert org_type_of("Obywatele dla Demokracji") == "other"


def M(text, start, **kw):
    return OrgMention(text, start, start + len(text), kw.pop("source", "rule"), **kw)


def read(pairs: list[tuple[str, OrgMention]]) -> list[tuple[str, OrgMention, NameReading | None]]:
    """(project_id, mention) pairs with each name read as the per-document stage reads it."""
    return [(pid, m, mention_reading(m)) for pid, m in pairs]


def test_resolution_links_inflections_acronyms_variants_and_typos():
    pairs = [
        ("d-001", M("Związku Powiatów Polskich", 10, acronym="ZPP")),
        ("d-001", M("Związkiem Gmin Wiejskich RP", 60, acronym="ZGW RP")),
        ("d-002", M("ZPP", 5, is_acronym=True)),
        ("d-002", M("ZGWRP", 12, is_acronym=True)),
        ("d-003", M("Związek Powiatów Polski", 0)),  # typo in the source
        ("d-003", M("MSZ", 40, is_acronym=True)),
        ("d-004", M("Ministerstwa Spraw Zagranicznych RP", 7)),
        ("d-004", M("Śląskiego Związku Gmin i Powiatów", 70)),
        ("d-005", M("Śląski Związek Gmin i Powiatów", 3)),
        ("d-005", M("Słowacki Związek Miast i Gmin", 50, acronym="ZMOS")),
        ("d-005", M("Czeski Związek Miast i Gmin", 90, acronym="SMO ČR")),
    ]
    orgs, ids = resolve_organisations(read(pairs))
    by_id = {o.org_id: o for o in orgs}
    zpp = ids[("d-001", 10)]
    assert zpp == "zwiazek-powiatow-polskich"
    assert ids[("d-002", 5)] == zpp and ids[("d-003", 0)] == zpp
    assert by_id[zpp].name == "Związek Powiatów Polskich" and by_id[zpp].acronym == "ZPP"
    zgw = ids[("d-001", 60)]
    assert ids[("d-002", 12)] == zgw == "zwiazek-gmin-wiejskich-rp"
    msz = ids[("d-003", 40)]
    assert ids[("d-004", 7)] == msz == "ministerstwo-spraw-zagranicznych"
    assert by_id[msz].org_type == "ministry" and by_id[msz].acronym == "MSZ"
    assert ids[("d-004", 70)] == ids[("d-005", 3)] == "slaski-zwiazek-gmin-i-powiatow"
    assert ids[("d-005", 50)] != ids[("d-005", 90)]
    assert by_id["czeski-zwiazek-miast-i-gmin"].acronym == "SMO ČR"
    assert all(o.org_type in ORG_TYPES for o in orgs)
    assert len(orgs) == 6


def test_undefined_acronym_links_to_the_one_name_with_its_initials():
    pairs = [
        ("p-001", M("Instytutem Spraw Publicznych", 0)),
        ("p-002", M("ISP", 20, is_acronym=True)),
        ("p-002", M("XYZ", 30, is_acronym=True)),
    ]
    orgs, ids = resolve_organisations(read(pairs))
    assert ids[("p-002", 20)] == ids[("p-001", 0)] == "instytut-spraw-publicznych"
    xyz = next(o for o in orgs if o.org_id == ids[("p-002", 30)])
    assert (xyz.name, xyz.acronym, xyz.org_type) == ("XYZ", "XYZ", "other")


def test_domain_list_names_types_and_ids_from_text():
    t = (
        "Projekt współfinansowany ze środków Unii Europejskiej w ramach Europejskiego Funduszu Rozwoju "
        "Regionalnego oraz grantu Narodowego Funduszu Ochrony Środowiska i Gospodarki Wodnej (NFOŚiGW). "
        "Wsparcia udzielił Bank Światowy i USAID."
    )
    ms = find_org_mentions(t)
    orgs, ids = resolve_organisations(read([("x-001", m) for m in ms]))
    got = {(o.org_id, o.name, o.acronym, o.org_type) for o in orgs}
    assert got == {
        ("unia-europejska", "Unia Europejska", None, "international_organisation"),
        (
            "europejski-fundusz-rozwoju-regionalnego",
            "Europejski Fundusz Rozwoju Regionalnego",
            None,
            "fund_or_programme",
        ),
        (
            "narodowy-fundusz-ochrony-srodowiska-i-gospodarki-wodnej",
            "Narodowy Fundusz Ochrony Środowiska i Gospodarki Wodnej",
            "NFOŚiGW",
            "fund_or_programme",
        ),
        ("bank-swiatowy", "Bank Światowy", None, "international_organisation"),
        (
            "united-states-agency-for-international-development",
            "United States Agency for International Development",
            "USAID",
            "government_agency",
        ),
    }
    assert len(ids) == len(ms)


def test_fullest_nominative_name_is_canonical():
    pairs = [
        ("a-001", M("Stowarzyszenia Aktywni Razem", 0)),
        ("a-002", M("Stowarzyszeniem Aktywni Razem", 0)),
        ("a-003", M("Stowarzyszenie Aktywni Razem", 0)),
    ]
    orgs, ids = resolve_organisations(read(pairs))
    assert [(o.org_id, o.name, o.org_type) for o in orgs] == [
        ("stowarzyszenie-aktywni-razem", "Stowarzyszenie Aktywni Razem", "ngo")
    ]


def test_programmes_of_a_family_keep_their_designation_and_type():
    assert canonical_name("Interreg South Baltic 2014–2020") == "Interreg South Baltic 2014–2020"
    assert canonical_name("Interreg") == "Interreg"  # morfeusz alone would inflect it as a noun
    assert org_type_of("Interreg V-A Litwa – Polska") == "fund_or_programme"


def test_foreign_names_are_kept_as_written_and_typed_by_their_head():
    assert canonical_name("Mozaik Egyesület") == "Mozaik Egyesület"  # morfeusz would make "Mozaiki"
    assert org_type_of("Mozaik Egyesület") == "association"
    assert org_type_of("Základná škola Plavnica") == "research_institute"


def test_kinds_of_local_bodies_are_typed_by_their_kind():
    assert org_type_of("LGD „Podlaski Przełom Bugu”") == "association"
    assert org_type_of("OSP Podlesie") == "ngo"
    assert org_type_of("Lokalna Grupa Działania Ziemi Bialskiej") == "association"


def test_forms_hold_each_distinct_mention_once_with_its_count():
    from pipeline.resolve.forms import Forms

    forms = Forms()
    for m in [
        M("ZPP", 5, is_acronym=True),
        M("Związku Powiatów Polskich", 9, acronym="ZPP"),
        M("ZPP", 70, is_acronym=True),
        M("Związku Powiatów Polskich", 3),
    ]:
        forms.add(m, mention_reading(m))
    assert forms.count == {
        ("ZPP", True, None): 2,
        ("Związku Powiatów Polskich", False, "ZPP"): 1,
        ("Związku Powiatów Polskich", False, None): 1,
    }
    assert len(forms) == 3


def test_repeated_forms_weigh_on_the_name_and_acronym_like_repeated_mentions():
    """A body's name is its fullest, then most frequent nominative; its acronym the most frequent one.
    Counting a form's occurrences must decide as counting the mentions one by one would."""
    from pipeline.resolve.forms import Forms, mention_form, resolve_forms

    pairs = [
        ("p-001", M("Fundacja Rozwoju Lokalnego", 0, acronym="FRL")),
        ("p-002", M("Fundacji Rozwoju Lokalnego", 0, acronym="FuRL")),
        ("p-003", M("FuRL", 0, is_acronym=True)),
        ("p-004", M("FuRL", 0, is_acronym=True)),
    ]
    orgs, ids = resolve_organisations(read(pairs))
    (org,) = orgs
    assert (org.name, org.acronym) == ("Fundacja Rozwoju Lokalnego", "FuRL")
    assert set(ids.values()) == {org.org_id}
    forms = Forms()
    for _pid, m in pairs + pairs:  # every mention twice: same bodies, same names
        forms.add(m, mention_reading(m))
    again, of_form = resolve_forms(forms)
    assert again == orgs
    assert {of_form[mention_form(m)] for _pid, m in pairs} == {org.org_id}


# resolution as the release process runs it: a worker's result decoded, the release stage's imports, then
# resolution, roles and rows; it reports what it loaded
_RESOLVE_ALONE = """
import json, sys
from pipeline.api import prepare_release
from pipeline.runner.cache import decode_result
from pipeline.runner.document import chunk_rows, resolve_results

prepare_release()
result = decode_result(json.load(sys.stdin))
resolution = resolve_results([result])
chunk = chunk_rows([result], resolution)
gazetteer, morph = sys.modules["pipeline.nlp.gazetteer"], sys.modules["pipeline.text.morph"]
print(json.dumps({
    "orgs": [[o.org_id, o.name, o.acronym, o.org_type] for o in resolution.organisations],
    "roles": [[r.org_id, r.role] for r in chunk.roles],
    "spacy": sorted(m for m in sys.modules if m == "spacy" or m.startswith("spacy.")),
    "ruler": gazetteer._ruler.cache_info().currsize,
    "morfeusz": morph._morfeusz.cache_info().currsize,
}))
"""


def test_resolution_runs_without_spacy_the_gazetteer_or_morfeusz():
    """The release process resolves a worker's result from the readings it carries: it never imports
    spaCy nor loads the gazetteer or morfeusz (their cost was the cold start's), and links as before."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    from pipeline.core.datatypes import Assignment
    from pipeline.runner.cache import encode_result
    from pipeline.runner.document import DOC_TABLES, DocumentResult, ProjectMention, RecordAssignments

    mentions = [
        M("Ministerstwa Spraw Zagranicznych", 0),  # a domain-list name, inflected
        M("MSZ", 40, is_acronym=True),  # its acronym, bare
        M("Fundacji Rozwoju Lokalnego", 50, acronym="FRL"),
    ]
    pid = "d-001"
    result = DocumentResult(
        "d",
        "d.txt",
        100,
        False,
        1,
        {name: [] for name in DOC_TABLES},
        [ProjectMention(pid, m, mention_reading(m)) for m in mentions],
        [RecordAssignments(pid, [Assignment(mentions[0], "funder"), Assignment(mentions[2], "lead")])],
    )
    root = Path(__file__).resolve().parents[2]
    run = subprocess.run(
        [sys.executable, "-c", _RESOLVE_ALONE],
        input=json.dumps(encode_result(result)),
        capture_output=True,
        text=True,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        check=True,
    )
    got = json.loads(run.stdout)
    assert got["orgs"] == [
        ["fundacja-rozwoju-lokalnego", "Fundacja Rozwoju Lokalnego", "FRL", "foundation"],
        ["ministerstwo-spraw-zagranicznych", "Ministerstwo Spraw Zagranicznych", "MSZ", "ministry"],
    ]
    assert got["roles"] == [["ministerstwo-spraw-zagranicznych", "funder"], ["fundacja-rozwoju-lokalnego", "lead"]]
    assert (got["spacy"], got["ruler"], got["morfeusz"]) == ([], 0, 0)


def test_a_body_written_with_its_kind_takes_the_kind_as_its_acronym():
    from pipeline.extract.orgs.vocab import kind_acronym

    assert kind_acronym("OSP w Bolesławiu", "Ochotnicza Straż Pożarna w Bolesławiu") == "OSP"
    assert kind_acronym("LGD „Kraina Rawki”", "Lokalna Grupa Działania „Kraina Rawki”") == "LGD"
    assert kind_acronym("KGW Cysterki", "KGW Cysterki") is None  # not spelt out
    assert kind_acronym("Fundacja Orlen", "Fundacja Orlen") is None
