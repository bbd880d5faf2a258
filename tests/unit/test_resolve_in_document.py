"""What a page spells out: its bare acronyms and its names without their seat read as the body it names."""

from __future__ import annotations

from pipeline.core.datatypes import OrgMention
from pipeline.resolve.in_document import page_region, regional, seat_of, seated, spelled_out, with_spelled_out
from pipeline.resolve.linking import kinds_of_seated_bodies, link_forms, merge_near_names, seat_added
from tests.unit.test_resolve_phases import bare, bodies, named, table

FUND = "Wojewódzkiego Funduszu Ochrony Środowiska i Gospodarki Wodnej"


def mention(text: str, acronym: str | None = None, is_acronym: bool = False) -> OrgMention:
    return OrgMention(text, 0, len(text), "rule", acronym=acronym, is_acronym=is_acronym)


def test_seat_of_a_name():
    assert seat_of("Gminny Ośrodek Kultury w Sękowej") == " w Sękowej"
    assert seat_of("Dom Spotkań im. Angelusa Silesiusa we Wrocławiu") == " we Wrocławiu"
    assert seat_of("Gminny Ośrodek Kultury") is None


def test_a_bare_acronym_takes_the_name_its_page_defines_it_with():
    page = [mention("Lokalna Organizacja Turystyczna „Serce Kaszub”", acronym="LOT"), mention("LOT", is_acronym=True)]
    names = spelled_out(page)
    assert names["LOT"] == "Lokalna Organizacja Turystyczna „Serce Kaszub”"
    out = with_spelled_out(page, names, seated(page))
    assert out[1].name_text == "Lokalna Organizacja Turystyczna „Serce Kaszub”"
    assert (out[1].text, out[1].acronym, out[1].is_acronym) == ("LOT", "LOT", False)  # the evidence as written


def test_a_bare_acronym_takes_the_one_name_whose_initials_spell_it_with_or_without_its_seat():
    page = [mention(f"{FUND} w Warszawie"), mention("WFOŚiGW", is_acronym=True)]
    assert spelled_out(page)["WFOŚIGW"] == f"{FUND} w Warszawie"


def test_an_acronym_spelled_out_two_ways_stays_bare():
    page = [
        mention(f"{FUND} w Warszawie", acronym="WFOŚiGW"),
        mention(f"{FUND} w Łodzi", acronym="WFOŚiGW"),
        mention("WFOŚiGW", is_acronym=True),
    ]
    assert "WFOŚIGW" not in spelled_out(page)
    assert with_spelled_out(page, spelled_out(page), {})[2].is_acronym


def test_a_domain_acronym_keeps_its_entry():
    page = [mention("Ministerstwo Spraw Zagranicznych Testowych", acronym="MSZ"), mention("MSZ", is_acronym=True)]
    assert with_spelled_out(page, spelled_out(page), {})[1].is_acronym


def test_a_name_the_page_also_writes_with_its_seat_is_the_seated_body():
    page = [mention("Gminnego Ośrodka Kultury w Sękowej"), mention("Gminny Ośrodek Kultury")]
    seats = seated(page)
    assert seats == {"gminny ośrodek kultury": "Gminnego Ośrodka Kultury w Sękowej"}
    assert with_spelled_out(page, {}, seats)[1].name_text == "Gminnego Ośrodka Kultury w Sękowej"
    two = [*page, mention("Gminny Ośrodek Kultury w Gorlicach")]
    assert seated(two) == {}  # two seats: which one is meant is not said


def test_seat_added_to_a_name():
    assert seat_added("gminny ośrodek kultury", "gminny ośrodek kultury w sękowej") == " w sękowej"
    assert seat_added("gminny ośrodek kultury w sękowej", "gminny ośrodek kultury") == " w sękowej"
    assert seat_added("fundacja wolności", "fundacja wolności i równości") is None


def test_the_name_of_a_kind_of_seated_body_joins_none_of_them_across_pages():
    fund = "wojewódzki fundusz ochrony środowiska i gospodarki wodnej"
    assert kinds_of_seated_bodies([fund, f"{fund} w łodzi", f"{fund} we wrocławiu"]) == {fund}
    assert kinds_of_seated_bodies([fund, f"{fund} w łodzi"]) == set()
    t = table(named(FUND), named(f"{FUND} w Łodzi"), named(f"{FUND} we Wrocławiu"))
    comps = link_forms(t)
    merge_near_names(t, comps, 92.0)
    assert bodies(t, comps) == [{0}, {1}, {2}]
    name = "Stowarzyszenie na Rzecz Rozwoju i Promocji Gminy Kowalewo Pomorskie"
    one = table(named(name), named(f"{name} w Kowalewie"))
    comps = link_forms(one)
    merge_near_names(one, comps, 85.0)
    assert bodies(one, comps) == [{0, 1}]  # one seat in the dataset: one body, as before


def test_the_one_region_a_page_names():
    assert page_region("Dotacja Województwa Kujawsko-Pomorskiego dla gmin w województwie kujawsko-pomorskim") == (
        "Kujawsko-Pomorskiego"
    )
    assert page_region("projekty z województwa podlaskiego i z Województwa Mazowieckiego") is None  # two
    assert page_region("Urząd Marszałkowski przyznał dotację") is None  # none
    assert page_region("województwa polskiego") is None  # no region's name


def test_a_regions_organ_written_without_it_takes_the_pages_one_region():
    page = [mention("Urzędu Marszałkowskiego"), mention("zarządu województwa"), mention("Gminy Sośno")]
    text = "Dofinansowanie z budżetu województwa łódzkiego: umowy podpisano w Urzędzie Marszałkowskim."
    seats = regional(text, page)
    assert seats == {
        "urząd marszałkowski": "Urząd Marszałkowski Województwa Łódzkiego",
        "zarząd województwa": "Zarząd Województwa Łódzkiego",
    }
    out = with_spelled_out(page, {}, seats)
    assert [m.name_text for m in out][:2] == [seats["urząd marszałkowski"], seats["zarząd województwa"]]
    assert out[0].text == "Urzędu Marszałkowskiego"  # the evidence as written
    assert regional("Umowy podpisano w Urzędzie Marszałkowskim.", page) == {}  # no region on the page


def test_a_programme_acronym_the_page_writes_with_its_period_means_that_programme_there():
    page = [mention("PROW na lata 2014-2020"), OrgMention("PROW", 30, 34, "gazetteer", is_acronym=True)]
    out = with_spelled_out(page, spelled_out(page), {})
    assert out[1].name_text == "PROW na lata 2014-2020" and out[1].text == "PROW"
    # without a period the domain entry keeps its acronym (test_a_domain_acronym_keeps_its_entry)
    plain = [mention("Programu Rozwoju Obszarów Wiejskich"), OrgMention("PROW", 40, 44, "gazetteer", is_acronym=True)]
    assert with_spelled_out(plain, spelled_out(plain), {})[1].is_acronym


def test_a_dated_programme_defining_a_domain_acronym_stays_a_body_of_its_own():
    t = table(
        named("Programu Rozwoju Obszarów Wiejskich na lata 2014-2020", "PROW"),
        named("Program Rozwoju Obszarów Wiejskich na lata 2007-2013", "PROW"),
        bare("PROW"),
    )
    assert bodies(t, link_forms(t)) == [{0}, {1}, {2}]  # two programmes and the family's acronym


def test_a_mention_of_the_publisher_takes_the_name_it_gives_itself():
    from pipeline.resolve.in_document import named_as_publisher

    page = [
        mention("Gminnego Ośrodka Kultury"),  # without its seat
        mention("Parafii katedralnej pw. Świętej Anny w Opolu"),  # another letter case
        mention("Gminnego Ośrodka Kultury w Kórniku"),  # another seat: another body
        mention("GOK", is_acronym=True),
    ]
    out = named_as_publisher(page, "Gminny Ośrodek Kultury w Stepnicy")
    assert [m.name_text for m in out] == [
        "Gminny Ośrodek Kultury w Stepnicy",
        "Parafii katedralnej pw. Świętej Anny w Opolu",
        "Gminnego Ośrodka Kultury w Kórniku",
        "GOK",
    ]
    assert out[0].text == "Gminnego Ośrodka Kultury"  # the evidence as written
    out = named_as_publisher(page, "Parafia Katedralna pw. Świętej Anny w Opolu")
    assert out[1].name_text == "Parafia Katedralna pw. Świętej Anny w Opolu"
