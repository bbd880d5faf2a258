"""The component map and each phase of organisation resolution, on small hand-made forms."""

from __future__ import annotations

from pipeline.core.datatypes import Organisation, OrgMention
from pipeline.resolve.bodies import Draft, assign_ids, body_acronym, body_name, draft_bodies, weighted
from pipeline.resolve.components import ComponentMap
from pipeline.resolve.linking import (
    ACRONYM,
    DOMAIN,
    NAME,
    NAMED,
    UNNAMED,
    attach_bare_acronyms,
    conflict,
    initials_variants,
    link_forms,
    merge_near_names,
    name_key,
    same_first_word_pairs,
    words_differ,
)
from pipeline.resolve.table import Form, Forms, FormTable
from pipeline.ruledata.domain_orgs import domain_orgs
from pipeline.runner.document import mention_reading

MSZ = next(i for i, o in enumerate(domain_orgs()) if o.acronym == "MSZ")  # Ministerstwo Spraw Zagranicznych
ZPP = 1  # domain index of Związek Powiatów Polskich (acronym ZPP)


def named(text: str, acronym: str | None = None) -> Form:
    return Form(text, False, acronym)


def bare(text: str) -> Form:
    return Form(text, True, None)


def table(*forms: Form | tuple[Form, int]) -> FormTable:
    """A table of ``forms`` (each once, or with a count), each name read as the per-document stage reads it."""
    found = Forms()
    for f in forms:
        form, n = (f, 1) if isinstance(f, Form) else f
        m = OrgMention(form.text, 0, len(form.text), "rule", acronym=form.acronym, is_acronym=form.is_acronym)
        for _ in range(n):
            found.add(m, mention_reading(m))
    return FormTable.of(found)


def bodies(t: FormTable, comps: ComponentMap) -> list[set[int]]:
    """The components as sets of form indices, in order of their first form."""
    out: dict[str, set[int]] = {}
    for i in range(len(t.forms)):
        out.setdefault(comps.find(f"m:{i}"), set()).add(i)
    return list(out.values())


# --------------------------------------------------------------------------- component map


def test_component_map_keeps_members_by_kind_through_unions():
    comps = ComponentMap()
    for node, kind in [("m:0", "form"), ("m:1", "form"), ("a:ZPP", "acronym"), ("d:1", "domain"), ("d:7", "domain")]:
        assert comps.add(node, kind) == node
    assert len(comps) == 5 and "a:ZPP" in comps and "a:MSZ" not in comps
    assert comps.union("m:1", "a:ZPP") == "a:ZPP"  # the root is the smallest name
    assert comps.union("d:1", "m:1") == "a:ZPP"
    assert comps.find("d:1") == comps.find("m:1") == "a:ZPP"
    assert comps.members("m:1", "domain") == {"d:1"}
    assert comps.members("d:1", "form") == {"m:1"}
    assert comps.members("m:0", "domain") == frozenset()
    assert comps.has("m:1", "acronym") and not comps.has("m:0", "acronym")
    # the smaller component moves into the larger one; the root stays the smallest name
    assert comps.union("m:0", "d:7") == "d:7"
    assert comps.union("d:7", "d:1") == "a:ZPP"
    assert comps.members("m:0", "domain") == {"d:1", "d:7"}
    assert comps.members("d:7", "form") == {"m:0", "m:1"}
    assert comps.union("m:0", "m:1") == "a:ZPP"  # already one component
    assert comps.add("m:0", "other") == "a:ZPP"  # adding a node again keeps its component and kind
    assert comps.members("m:0", "other") == frozenset()


def test_component_map_finds_roots_of_a_long_chain():
    comps = ComponentMap()
    for i in range(100):
        comps.add(f"n:{i:03d}", "name")
    for i in range(99, 0, -1):
        comps.union(f"n:{i:03d}", f"n:{i - 1:03d}")
    assert {comps.find(f"n:{i:03d}") for i in range(100)} == {"n:000"}
    assert len(comps.members("n:050", "name")) == 100


# --------------------------------------------------------------------------- table and keys


def test_form_table_reads_nominative_names_and_counts():
    t = table((named("Fundacji Rozwoju Lokalnego", "FRL"), 3), bare("FRL"))
    assert t.forms == (Form("Fundacji Rozwoju Lokalnego", False, "FRL"), Form("FRL", True, None))
    assert t.counts == (3, 1)
    assert t.canon == ("Fundacja Rozwoju Lokalnego", None)


def test_name_keys_and_initials():
    assert name_key("Fundacja  „Dolina Bobru”") == name_key('fundacja "Dolina Bobru"') == 'fundacja "dolina bobru"'
    assert initials_variants("Ministerstwo Spraw Wewnętrznych i Administracji") == {"MSWIA", "MSWA"}
    assert initials_variants("Polsko-Amerykańska Fundacja Wolności") == {"PAFW"}
    assert initials_variants("Gmina") == set()


# --------------------------------------------------------------------------- seed


def test_seed_links_name_keys_acronyms_and_domain_entries():
    t = table(
        named("Ministerstwa Spraw Zagranicznych"),  # 0: domain entry by name
        bare("MSZ"),  # 1: domain entry by acronym
        named("Fundacji Rozwoju Lokalnego", "FRL"),  # 2: defined acronym
        named("Fundacja Rozwoju Lokalnego"),  # 3: same nominative name
        bare("F.R.L."),  # 4: acronym spelling variant
        named("Związku Powiatów Polskich", "MSZ"),  # 5: the domain list gives MSZ to another body
        bare("ABC"),  # 6: nothing to link to
    )
    comps = link_forms(t)
    assert bodies(t, comps) == [{0, 1}, {2, 3, 4}, {5}, {6}]
    assert comps.members("m:0", DOMAIN) == {f"d:{MSZ}"}
    assert comps.members("m:0", ACRONYM) == {"a:MSZ"}
    assert comps.members("m:2", NAME) == {"n:fundacja rozwoju lokalnego"}
    assert comps.members("m:2", ACRONYM) == {"a:FRL"}
    assert comps.members("m:5", DOMAIN) == {f"d:{ZPP}"} and comps.members("m:5", ACRONYM) == frozenset()
    assert comps.members("m:2", NAMED) == {"m:2", "m:3"} and comps.members("m:2", UNNAMED) == {"m:4"}
    assert not comps.has("m:6", NAMED)


def test_conflict_is_different_domain_entries_or_disjoint_acronyms():
    t = table(
        named("Ministerstwa Spraw Zagranicznych"),
        named("Związku Powiatów Polskich"),
        named("Fundacji Rozwoju Lokalnego", "FRL"),
        named("Fundacji Rozwoju Lokalnego RP", "FRLRP"),
        named("Stowarzyszenia Dolina Bobru"),
    )
    comps = link_forms(t)
    assert conflict(comps, "m:0", "m:1")  # two domain entries
    assert conflict(comps, "m:2", "m:3")  # two acronyms, none shared
    assert not conflict(comps, "m:2", "m:4")  # one side holds no acronym
    assert not conflict(comps, "m:0", "m:2")


# --------------------------------------------------------------------------- fuzzy


def test_pairs_with_the_same_first_word_in_sorted_order():
    pairs = list(same_first_word_pairs(["b x", "a c", "a b", "c", "a d"]))
    assert pairs == [("a b", "a c"), ("a b", "a d"), ("a c", "a d")]


def test_fuzzy_joins_near_identical_names_that_do_not_conflict():
    t = table(
        named("Stowarzyszenia Dolina Bobru"),  # 0
        named("Stowarzyszenie Dolina Bobra"),  # 1: one letter off (ratio 96)
        named("Fundacji Rozwoju Lokalnego", "FRL"),  # 2
        named("Fundacji Rozwoju Lokalnego RP", "FRLRP"),  # 3: near (ratio 94) but another acronym
        named("Gminą Lublin"),  # 4
    )
    comps = link_forms(t)
    merge_near_names(t, comps, 92.0)
    assert bodies(t, comps) == [{0, 1}, {2}, {3}, {4}]
    merge_near_names(t, comps, 99.0)  # nothing that near
    assert bodies(t, comps) == [{0, 1}, {2}, {3}, {4}]


def test_fuzzy_never_joins_names_that_differ_in_a_number():
    t = table(
        named("Szkoły Podstawowej nr 2 w Polkowicach"),  # 0
        named("Szkoły Podstawowej nr 3 w Polkowicach"),  # 1: one character off
        named("Regionalny Program Operacyjny Województwa Śląskiego na lata 2007-2013"),  # 2
        named("Regionalny Program Operacyjny Województwa Śląskiego na lata 2014-2020"),  # 3
    )
    comps = link_forms(t)
    merge_near_names(t, comps, 90.0)
    assert bodies(t, comps) == [{0}, {1}, {2}, {3}]


def test_names_differ_in_a_word_not_in_its_spelling_or_an_added_word():
    assert words_differ("zarząd województwa podlaskiego", "zarząd województwa opolskiego")
    assert words_differ("koło gospodyń wiejskich w grądach", "koło gospodyń wiejskich w golach")
    assert words_differ('uczniowski klub sportowy "as"', 'uczniowski klub sportowy "brus"')
    assert words_differ("ochotnicza straż pożarna w dąbrowie", "ochotnicza straż pożarna w dąbrówce")
    assert not words_differ("chorągiew gdańska", "chorągwi gdańskiej")  # a nominative missed: one body
    assert not words_differ("stowarzyszenie dolina bobru", "stowarzyszenie dolina bobra")
    assert words_differ("gmina kłodzko", "gmina kłodawa")
    assert not words_differ("zespół parków krajobrazowych", "zespół parków krajobrazowych w gorzowie")
    assert not words_differ("lokalna grupa działania ziemia łowicka", "stowarzyszenie lgd ziemia łowicka")
    # two towns whose names differ in their last letters are still two towns: each is a place's nominative
    assert words_differ("gmina lubawa", "gmina lubawka")
    assert words_differ("gmina głogów", "gmina głogówek")


def test_fuzzy_never_joins_names_that_differ_in_a_word():
    t = table(
        named("Zarząd Województwa Podlaskiego"),  # 0
        named("Zarząd Województwa Opolskiego"),  # 1: ratio 95, another voivodeship
        named("Szkoła Podstawowa w Jeleńskiej Hucie"),  # 2
        named("Szkoła Podstawowa w Łebieńskiej Hucie"),  # 3: ratio 93, another village
    )
    comps = link_forms(t)
    merge_near_names(t, comps, 92.0)
    assert bodies(t, comps) == [{0}, {1}, {2}, {3}]


def test_an_acronym_defined_for_two_bodies_links_neither():
    t = table(
        named("Wojewódzki Fundusz Ochrony Środowiska i Gospodarki Wodnej w Lublinie", "WFOŚiGW"),  # 0
        named("Wojewódzki Fundusz Ochrony Środowiska i Gospodarki Wodnej w Warszawie", "WFOŚiGW"),  # 1
        bare("WFOŚiGW"),  # 2: which of the two, the dataset cannot tell
        named("Ochotnicza Straż Pożarna w Małkach", "OSP"),  # 3
        named("Ochotnicza Straż Pożarna w Małkach", "OSP"),  # 4: the same body again
        named("Ochotniczej Straży Pożarnej w Małkach", "OSP"),  # 5: the same, inflected
    )
    comps = link_forms(t)
    assert bodies(t, comps) == [{0}, {1}, {2}, {3, 4}]
    assert comps.members("m:2", ACRONYM) == {"a:WFOŚIGW"} and comps.members("m:0", ACRONYM) == frozenset()
    assert comps.members("m:3", ACRONYM) == {"a:OSP"}


def test_fuzzy_threshold_decides():
    t = table(named("Stowarzyszenia Dolina Bobru"), named("Stowarzyszenie Dolina Bobra"))
    comps = link_forms(t)
    merge_near_names(t, comps, 97.0)
    assert bodies(t, comps) == [{0}, {1}]


# --------------------------------------------------------------------------- initials


def test_a_bare_acronym_joins_the_one_named_body_its_initials_spell():
    t = table(
        named("Instytutu Spraw Publicznych"),  # 0: ISP
        bare("ISP"),  # 1
        named("Programu Rozwoju Instytucjonalnego"),  # 2: PRI
        named("Polskiego Rejestru Inwestycji"),  # 3: PRI too
        bare("PRI"),  # 4: two bodies spell it: left alone
        bare("XYZ"),  # 5: nobody spells it
    )
    comps = link_forms(t)
    attach_bare_acronyms(t, comps)
    assert bodies(t, comps) == [{0, 1}, {2}, {3}, {4}, {5}]


def test_a_bare_acronym_does_not_join_a_body_with_other_acronyms():
    t = table(named("Instytutu Spraw Publicznych", "INSP"), bare("ISP"))
    comps = link_forms(t)
    attach_bare_acronyms(t, comps)
    assert bodies(t, comps) == [{0}, {1}]


# --------------------------------------------------------------------------- drafts


def test_weighted_keeps_the_order_of_first_appearance():
    assert list(weighted([("b", 1), ("a", 2), ("b", 3)]).items()) == [("b", 4), ("a", 2)]


def test_body_name_is_the_fullest_then_most_frequent_then_first_name():
    t = table(
        (named("Fundacji Rozwoju"), 9),  # 0: shorter
        named("Fundacji Rozwoju Lokalnego"),  # 1
        (named("Fundacja Rozwoju Wiejskiego"), 2),  # 2: as long, more frequent
        (bare("FRL"), 50),  # 3
    )
    assert body_name(t, [0, 1, 2, 3]) == "Fundacja Rozwoju Wiejskiego"
    assert body_name(t, [0, 1, 3]) == "Fundacja Rozwoju Lokalnego"
    t = table((bare("F R L"), 2), (bare("FRL"), 2), bare("FRLX"))
    assert body_name(t, [0, 1, 2]) == "FRL"  # only acronyms: the most frequent, then the shortest


def test_body_acronym_is_the_most_frequent_then_defined_then_shortest():
    t = table(named("Fundacji Rozwoju Lokalnego", "FuRL"), (bare("FRL"), 2), bare("FuRL"), named("Fundacja X"))
    assert body_acronym(t, [0, 1, 2]) == "FuRL"  # FuRL (1 defined + 1 bare) ties FRL (2) and is defined
    assert body_acronym(t, [1, 3]) == "FRL"
    assert body_acronym(t, [3]) is None


def test_drafts_take_the_domain_entry_else_the_names_of_the_body():
    t = table(
        named("Ministerstwa Spraw Zagranicznych RP"),  # 0
        (bare("MSZ"), 3),  # 1
        named("Instytutu Spraw Publicznych"),  # 2
        bare("XYZ"),  # 3
    )
    comps = link_forms(t)
    assert draft_bodies(t, comps) == [
        Draft("Ministerstwo Spraw Zagranicznych", "MSZ", "ministry", (0, 1)),
        Draft("Instytut Spraw Publicznych", None, "research_institute", (2,)),
        Draft("XYZ", "XYZ", "other", (3,)),
    ]


# --------------------------------------------------------------------------- ids


def test_ids_are_slugs_with_the_acronym_then_a_counter_on_a_clash():
    t = table(bare("A"), bare("B"), bare("C"), bare("D"), bare("E"))
    drafts = [
        Draft("Fundacja Wolności", "FW", "foundation", (0,)),
        Draft("Fundacja Wolności", None, "foundation", (1,)),
        Draft("Fundacja Wolności", None, "foundation", (2,)),
        Draft("Gmina Łódź", None, "municipality", (3, 4)),
    ]
    orgs, of_form = assign_ids(t, drafts)
    assert orgs == [
        Organisation("fundacja-wolnosci", "Fundacja Wolności", None, "foundation"),
        Organisation("fundacja-wolnosci-2", "Fundacja Wolności", None, "foundation"),
        Organisation("fundacja-wolnosci-fw", "Fundacja Wolności", "FW", "foundation"),
        Organisation("gmina-lodz", "Gmina Łódź", None, "municipality"),
    ]
    assert of_form == {
        bare("A"): "fundacja-wolnosci-fw",
        bare("B"): "fundacja-wolnosci",
        bare("C"): "fundacja-wolnosci-2",
        bare("D"): "gmina-lodz",
        bare("E"): "gmina-lodz",
    }
