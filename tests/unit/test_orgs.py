# ruff: noqa: E501  (real Polish sentences are long)
"""Rule-based organisation mentions: exact spans, coordination, acronyms, foreign names."""

from __future__ import annotations

import pytest

from pipeline.core.datatypes import OrgMention
from pipeline.extract.orgs import ORG_TYPES, check_org_type, find_org_mentions, merge_mentions


def spans(text: str, start: int = 0, end: int | None = None) -> list[str]:
    out = []
    for m in find_org_mentions(text, start, end):
        assert text[m.char_start : m.char_end] == m.text
        out.append(m.text)
    return out


def one(text: str, surface: str) -> OrgMention:
    ms = [m for m in find_org_mentions(text) if m.text == surface]
    assert len(ms) == 1, [m.text for m in find_org_mentions(text)]
    return ms[0]


def test_head_noun_in_any_case_with_offsets():
    t = "Projekt zrealizował Związek Miast Polskich, we współpracy z Instytutem Spraw Publicznych."
    ms = find_org_mentions(t)
    assert [(m.text, m.char_start, m.char_end) for m in ms] == [
        ("Związek Miast Polskich", 20, 42),
        ("Instytutem Spraw Publicznych", 60, 88),
    ]


def test_coordination_splits_at_new_head_phrase_but_keeps_gmin_i_powiatow():
    t = "Projekt był wspólną inicjatywą Związku Miast Polskich i Śląskiego Związku Gmin i Powiatów."
    assert spans(t) == ["Związku Miast Polskich", "Śląskiego Związku Gmin i Powiatów"]


def test_comma_and_oraz_coordination():
    t = "Partnerami projektu byli Związek Miast Ukrainy, Śląski Związek Gmin i Powiatów oraz Związek Powiatów Polskich"
    assert spans(t) == [
        "Związek Miast Ukrainy",
        "Śląski Związek Gmin i Powiatów",
        "Związek Powiatów Polskich",
    ]


def test_preceding_capitalised_adjectives():
    assert spans("finansowanego ze środków Polsko-Amerykańskiej Fundacji Wolności.") == [
        "Polsko-Amerykańskiej Fundacji Wolności"
    ]
    assert spans("projekt finansowany przez rząd Kanady i Kanadyjską Agencję Rozwoju Międzynarodowego, skierowany") == [
        "Kanadyjską Agencję Rozwoju Międzynarodowego"
    ]


def test_acronym_defined_in_parentheses():
    t = "we współpracy ze Związkiem Powiatów Polskich (ZPP), Związkiem Gmin Wiejskich RP (ZGW RP) i Norweskim Związkiem Władz Lokalnych i Regionalnych (KS) Projekt"
    ms = find_org_mentions(t)
    assert [(m.text, m.acronym) for m in ms] == [
        ("Związkiem Powiatów Polskich", "ZPP"),
        ("Związkiem Gmin Wiejskich RP", "ZGW RP"),
        ("Norweskim Związkiem Władz Lokalnych i Regionalnych", "KS"),
    ]


def test_acronym_initials_name_without_head_noun():
    t = "Partnerem była Polsko-Niemiecka Współpraca Młodzieży (PNWM) z Poczdamu."
    m = one(t, "Polsko-Niemiecka Współpraca Młodzieży")
    assert m.acronym == "PNWM"


def test_bare_acronyms_and_stoplist():
    t = "Projekt o wartości 3,25 mln zł zrealizował ZMP we współpracy z ZGWRP, ZPP i MAiC (MSWiA). W projekcie wzięło udział 45 JST, spoty TV, płyta DVD, III Rzeszy."
    ms = find_org_mentions(t)
    assert [(m.text, m.is_acronym) for m in ms] == [
        ("ZMP", True),
        ("ZGWRP", True),
        ("ZPP", True),
        ("MAiC", True),
        ("MSWiA", True),
    ]


def test_acronym_with_rp_suffix_and_czech_letters():
    assert spans("dzięki ZGW RP oraz SMO.") == ["ZGW RP", "SMO"]
    t = "Partnerami byli Czeski Związek Miast i Gmin (SMO ČR), Słowacki Związek Miast i Gmin (ZMOS)."
    assert [(m.text, m.acronym) for m in find_org_mentions(t)] == [
        ("Czeski Związek Miast i Gmin", "SMO ČR"),
        ("Słowacki Związek Miast i Gmin", "ZMOS"),
    ]


def test_all_caps_heading_is_not_an_acronym():
    assert spans("STARSZE PROJEKTY\n\nPROGRAMY PRZYGOTOWAWCZE DO INTEGRACJI POLSKI Z UNIĄ EUROPEJSKĄ\n") == []


def test_quoted_name_part():
    t = "Związek Miast Polskich wraz z Fundacją Pracownia Badań i Innowacji Społecznych „Stocznia” oraz Institute of Governance and Public Policies przy Uniwersytecie Autonomicznym w Barcelonie zrealizował projekt"
    assert spans(t) == [
        "Związek Miast Polskich",
        "Fundacją Pracownia Badań i Innowacji Społecznych „Stocznia”",
        "Institute of Governance and Public Policies",
        "Uniwersytecie Autonomicznym w Barcelonie",
    ]


def test_foreign_names():
    t = "Program prowadzony był przez Canadian Urban Institute wspólnie z Międzynarodowym\nCentrum na Rzecz Zrównoważonego Rozwoju Miast (International Centre for Sustainable Cities) oraz Federacją Gmin Kanadyjskich."
    assert spans(t) == [
        "Canadian Urban Institute",
        "Międzynarodowym\nCentrum na Rzecz Zrównoważonego Rozwoju Miast",
        "International Centre for Sustainable Cities",
        "Federacją Gmin Kanadyjskich",
    ]
    assert spans("w partnerstwie z islandzką Citizens Foundation w ramach") == ["Citizens Foundation"]
    # a capitalised word Polish too (kulczyk, a bird) before an English head; a Polish "i" joins two names
    assert spans("Grant od Kulczyk Foundation i Born This Way Foundation trafi do szkół.") == [
        "Kulczyk Foundation",
        "Born This Way Foundation",
    ]
    # a bare head opens a name only with an English link after it
    assert spans("Dziękujemy za wsparcie: Foundation i Stowarzyszenie Razem.") == ["Stowarzyszenie Razem"]
    assert spans("Grant przyznała Foundation for Polish Science.") == ["Foundation for Polish Science"]


def test_a_known_body_does_not_take_the_quoted_title_after_it():
    t = "Projekt wsparło Ministerstwo Kultury i Dziedzictwa Narodowego „Zakup nowości wydawniczych do bibliotek” kwotą."
    assert spans(t) == ["Ministerstwo Kultury i Dziedzictwa Narodowego"]
    assert spans("w programie Narodowe Centrum Kultury „Infrastruktura domów kultury” otrzymaliśmy") == [
        "Narodowe Centrum Kultury"
    ]
    assert spans("Stowarzyszenie „Razem dla Szkoły” otrzymało grant.") == ["Stowarzyszenie „Razem dla Szkoły”"]


def test_connectors_im_and_ds():
    t = "Projekt został dofinansowany ze środków Fundacji im. Stefana Batorego."
    m = one(t, "Fundacji im. Stefana Batorego")
    assert m.source == "gazetteer"
    assert spans("Wsparcia udzieliła Agencja ds. Rozwoju Regionalnego Podkarpacia.") == [
        "Agencja ds. Rozwoju Regionalnego Podkarpacia"
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # "na rzecz" (for the benefit of) opens the purpose inside a name, lowercase as KRS writes it
        (
            "W konkursie Fundacja na rzecz Nauki Polskiej przyznała 121 stypendiów.",
            ["Fundacja na rzecz Nauki Polskiej"],
        ),
        (
            "Projekt wsparło Stowarzyszenie na rzecz Rozwoju Gminy Kołaki.",
            ["Stowarzyszenie na rzecz Rozwoju Gminy Kołaki"],
        ),
        ("ze środków Towarzystwa na rzecz Ziemi oraz", ["Towarzystwa na rzecz Ziemi"]),
        # not before a lowercase word, nor across a line break
        ("Fundacja Wspólna Ziemia na rzecz dzieci zebrała", ["Fundacja Wspólna Ziemia"]),
        ("Fundacja Wspólna Ziemia na rzecz\nGminy Buk", ["Fundacja Wspólna Ziemia", "Gminy Buk"]),
    ],
)
def test_na_rzecz_inside_a_name(text, names):
    assert spans(text) == names


def test_performing_arts_institutions_are_heads():
    """Theatres, philharmonics, operas and orchestras are institutions of culture by statute; a bare
    ``Teatr`` (the theatre already named) is no name."""
    assert spans("Dotację otrzymał Teatr Lubuski w Zielonej Górze oraz Filharmonia Opolska.") == [
        "Teatr Lubuski w Zielonej Górze",
        "Filharmonia Opolska",
    ]
    assert spans("Teatr uzyskał dotację.") == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a patron's ordinal is part of the name, before a conjunction too; the conjunction before a new body is not
        (
            "uczestniczyła Szkoła Podstawowa nr 6 im. Mieszka I oraz uczniowie.",
            ["Szkoła Podstawowa nr 6 im. Mieszka I"],
        ),
        (
            "Szkoła Podstawowa im. Bolesława I Chrobrego w Gnieźnie.",
            ["Szkoła Podstawowa im. Bolesława I Chrobrego w Gnieźnie"],
        ),
        ("Parafia pw. św. Jana I Gmina Buk.", ["Parafia pw. św. Jana", "Gmina Buk"]),
        ("Dotacja dla Gminy Leśna II etap budowy.", ["Gminy Leśna"]),  # a common noun after it: a stage
        # a place morfeusz also reads as an adverb lowercased (giżycko) is a name word
        ("Inwestycję zrealizowała Gmina Miejska Giżycko.", ["Gmina Miejska Giżycko"]),
        ("Dotację otrzymał Zakon Karmelitów w Pilźnie.", ["Zakon Karmelitów w Pilźnie"]),
        # Caritas, the Latin head of every diocese's charity
        ("Projekt realizuje Caritas Diecezji Gliwickiej w Gliwicach.", ["Caritas Diecezji Gliwickiej w Gliwicach"]),
    ],
)
def test_name_words_that_look_like_function_words(text, names):
    assert spans(text) == names


def test_a_plural_person_title_names_members_not_a_person():
    """``Sołtys Jan`` is a person; ``Stowarzyszenie Sołtysów Gminy X`` is a body of village heads."""
    assert spans("Partnerem było Stowarzyszenie Sołtysów Gminy Hrubieszów.") == [
        "Stowarzyszenie Sołtysów Gminy Hrubieszów"
    ]
    assert spans("Dziękujemy Gminie Dźwierzuty Pani Marianna Nowak pomogła.") == ["Gminie Dźwierzuty"]


def test_quoted_association_name_and_municipality():
    assert spans("Partnerem projektu było Stowarzyszenie Gmin Polska Sieć „Energie Cités”.") == [
        "Stowarzyszenie Gmin Polska Sieć „Energie Cités”"
    ]
    assert spans("Beneficjent: Gmina Miasto Rzeszów") == ["Gmina Miasto Rzeszów"]
    assert spans("przedstawiciel Urzędu Miasta Bełchatowa oraz Piły.") == ["Urzędu Miasta Bełchatowa"]


def test_genitive_then_nominative_head_is_two_mentions():
    t = "Na zlecenie Związku Miast Polskich Instytut Spraw Publicznych przeprowadził badanie."
    assert spans(t) == ["Związku Miast Polskich", "Instytut Spraw Publicznych"]


def test_head_alone_or_common_noun_use_is_not_a_mention():
    assert spans("W 2006 r. Związek zrealizował projekt. Miasta przygraniczne - razem w Europie") == []
    assert spans("współpracy pomiędzy Związkami Władz Lokalnych i Regionalnych w Europie") == []
    assert spans("Program edukacyjno-informacyjny na rzecz klimatu") == []


def test_programme_after_lowercase_programu_and_gazetteer():
    t = "w ramach programu Obywatele dla Demokracji, finansowanego z Funduszy EOG, promował"
    ms = find_org_mentions(t)
    assert [(m.text, m.source) for m in ms] == [
        ("Obywatele dla Demokracji", "rule"),
        ("Funduszy EOG", "gazetteer"),
    ]
    t = "w ramach programu „Europa dla Obywateli – środki wsparcia 2013”."
    assert spans(t) == ["Europa dla Obywateli"]
    assert spans("Projekt współfinansowany ze środków programu Europa dla obywateli w ramach Działania 2.2") == [
        "Europa dla obywateli"
    ]


def test_line_break_before_capitalised_preposition_ends_name():
    t = "oraz Związek Powiatów Polskich\nW ramach projektu miasta"
    assert spans(t) == ["Związek Powiatów Polskich"]


def test_line_break_before_a_field_label_ends_name():
    t = "Ochotnicza Straż Pożarna w Dąbrowie \nTytuł Grantu: Utworzenie placu zabaw"
    assert spans(t) == ["Ochotnicza Straż Pożarna w Dąbrowie"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # institutions by their statutory kinds (org_heads.yaml: dom, sejmik, kuratorium, nadleśnictwo ...)
        (
            "Fundacja Made in Wieluń i Dom Kultury w Ożarowie z dotacją",
            ["Fundacja Made in Wieluń", "Dom Kultury w Ożarowie"],
        ),
        ("Uchwałę podjął Sejmik Województwa Mazowieckiego.", ["Sejmik Województwa Mazowieckiego"]),
        ("Patronat objęło Kuratorium Oświaty w Bydgoszczy.", ["Kuratorium Oświaty w Bydgoszczy"]),
        ("Sadzonki przekazało Nadleśnictwo Gołdap.", ["Nadleśnictwo Gołdap"]),
        # a programme of the domain list after a fund: two bodies, not one name through "i"
        (
            "Są to inwestycje dofinansowane przez Rządowy Fundusz Rozwoju Dróg i Polski Ład.",
            ["Rządowy Fundusz Rozwoju Dróg", "Polski Ład"],
        ),
        ("W domu kultury odbyły się zajęcia.", []),  # a common noun without a name
    ],
)
def test_statutory_kinds_of_public_institutions(text, names):
    assert spans(text) == names


@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        # a quoted programme title after "programu"/"Programu" is the programme, lowercase words and all, as written
        (
            "z Rządowego programu „Książki naszych marzeń” szkoła kupiła",
            "„Książki naszych marzeń”",
            "Książki naszych marzeń",
        ),
        (
            "przez Fundację Orlen z Programu “Moje Miejsce na Ziemi”. W ramach",
            "“Moje Miejsce na Ziemi”",
            "Moje Miejsce na Ziemi",
        ),
        ("Program „Czyste Powietrze” to", "„Czyste Powietrze”", "Czyste Powietrze"),
        # a capitalised part after a spaced dash belongs to the title (a lowercase one is a strand: above)
        (
            "blisko 8,4 miliona złotych w ramach programu „Moje Boisko – Orlik 2012”. To kolejna",
            "„Moje Boisko – Orlik 2012”",
            "Moje Boisko – Orlik 2012",
        ),
    ],
)
def test_a_quoted_programme_title_is_its_name_as_written(text, mention, name):
    from pipeline.resolve.nominative import name_reading

    found = [m for m in find_org_mentions(text) if m.text == mention]
    assert found and name_reading(mention).nominative == name
    assert name_reading(mention).org_type == "fund_or_programme"


def test_a_quoted_programme_of_the_domain_list_stays_the_gazetteers():
    t = "Projekt sfinansowano w ramach programu „Działaj Lokalnie” Polsko-Amerykańskiej Fundacji Wolności."
    assert [(m.text, m.source) for m in find_org_mentions(t)][0] == ("Działaj Lokalnie", "gazetteer")


def test_slice_offsets_are_absolute():
    t = "Wstęp. " * 5 + "Grant Banku Światowego."
    ms = find_org_mentions(t, 35)
    assert [(m.text, m.char_start) for m in ms] == [("Banku Światowego", 41)]
    assert find_org_mentions(t, 0, 35) == []


def test_merge_mentions_rules_win_on_overlap():
    rule = [
        OrgMention("Związku Miast Polskich", 10, 32, "rule"),
        OrgMention("ZPP", 40, 43, "rule", is_acronym=True),
    ]
    model = [
        OrgMention("Związku Miast Polskich i", 10, 34, "model"),
        OrgMention("Gdańsk", 50, 56, "model"),
    ]
    merged = merge_mentions(rule, model)
    assert [(m.text, m.source) for m in merged] == [
        ("Związku Miast Polskich", "rule"),
        ("ZPP", "rule"),
        ("Gdańsk", "model"),
    ]


def test_org_type_vocabulary_is_closed():
    assert "association" in ORG_TYPES and len(ORG_TYPES) == 12
    with pytest.raises(ValueError):
        check_org_type("charity")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("dofinansowanie z programu Interreg V-A Litwa – Polska, a także", "Interreg V-A Litwa – Polska"),
        ("środki programu Interreg South Baltic 2014–2020 oraz budżetu", "Interreg South Baltic 2014–2020"),
        ("z Interreg Polska – Białoruś – Ukraina 2014–2020 (EIS)", "Interreg Polska – Białoruś – Ukraina 2014–2020"),
        (
            "Program Współpracy Transgranicznej Interreg V-A Polska – Słowacja 2014–2020 wsparł projekt",
            "Program Współpracy Transgranicznej Interreg V-A Polska – Słowacja 2014–2020",
        ),
        ("Projekt wsparł Interreg. Polska strona", "Interreg"),  # a sentence ends: nothing to add
        ("Projekt wsparł Interreg Europa i inni", "Interreg"),  # capitalised words alone are not a designation
    ],
)
def test_a_programme_family_name_takes_its_designation(text, name):
    """Strand code, regions joined by dashes and period name one programme of a family (domain list
    entries marked ``designated``)."""
    assert name in [m.text for m in find_org_mentions(text)]


def test_eea_active_citizens_programmes_are_one_name_each():
    text = "Dotacja programu Aktywni Obywatele – Fundusz Regionalny, finansowanego z Funduszy EOG."
    names = [m.text for m in find_org_mentions(text)]
    assert "Aktywni Obywatele – Fundusz Regionalny" in names
    assert "Fundusz Regionalny" not in names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Partnerami byli Mozaik Egyesület z Budapesztu i Občianske združenie Synagóga Lučenec.",
            ["Mozaik Egyesület", "Občianske združenie Synagóga Lučenec"],
        ),
        (
            "Partnerzy: Základná škola Plavnica oraz Mládežnícka rada Prešovského kraja.",
            ["Základná škola Plavnica", "Mládežnícka rada Prešovského kraja"],
        ),
        ("Nowa rada gminy zebrała się w Krakowie.", []),  # a Polish first word: no foreign name
        ("Kraków rada miasta", []),  # a Polish place name before a lowercase head
    ],
)
def test_foreign_names_in_sentence_case_and_with_postposed_heads(text, names):
    assert [m.text for m in find_org_mentions(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Partnerami były LGD „Podlaski Przełom Bugu” i Lokalna Grupa Działania Ziemi Bialskiej.",
            ["LGD „Podlaski Przełom Bugu”", "Lokalna Grupa Działania Ziemi Bialskiej"],
        ),
        (
            "współpraca z Lokalną Grupą Działania „Dolina Dunajca” w Nowym Sączu",
            ["Lokalną Grupą Działania „Dolina Dunajca”"],
        ),
        ("W akcji wzięły udział OSP Podlesie i KGW Wólka Dolna.", ["OSP Podlesie", "KGW Wólka Dolna"]),
        ("LGD realizuje projekt, a OSP pomaga.", []),  # a kind of body without its name: a common noun
        # the seat names the village's body; the amount after the dash is no part of it
        ("  • OSP w Bolesławiu - 1.840 zł\n  • OSP w Zadrożu - 7.000 zł", ["OSP w Bolesławiu", "OSP w Zadrożu"]),
        ("KGW w Stanisławowie Pierwszym otrzymało dotację", ["KGW w Stanisławowie Pierwszym"]),
        ("dla jednostek OSP z terenu powiatu", []),
        ("Remont świetlicy przy budynku OSP w Okonku\nDowiedz się więcej", ["OSP w Okonku"]),  # the seat's line only
        # an informal group named by its host keeps its kind
        (
            "4. Akademia – Grupa Nieformalna przy GOK w Szumowie – 32,5\n5. Mistrz – Grupa Nieformalna przy SP w Kołakach",
            ["Grupa Nieformalna przy GOK w Szumowie", "Grupa Nieformalna przy SP w Kołakach"],
        ),
        ("grupa nieformalna przy szkole", []),
        ("♦ SKS Progres 600,00 zł\n♦ MUKS Dwójka Łódź 500,00 zł", ["SKS Progres", "MUKS Dwójka Łódź"]),  # clubs
    ],
)
def test_kinds_of_local_bodies_need_their_name(text, names):
    assert [m.text for m in find_org_mentions(text)] == names


# --------------------------------------------------------------------------- model ORG spans: vetoes


def _model_ent(doc: str, surface: str, label: str = "ORG", confidence: float | None = None, source: str = "model"):
    from pipeline.core.datatypes import Entity

    a = doc.index(surface)
    return Entity(label, surface, a, a + len(surface), source, None, confidence)


@pytest.mark.parametrize(
    "surface",
    [
        "Szkoła Podstawowa nr 1",
        "Caritas",
        "Polska Akcja Humanitarna",
        "Teatr Polski",
        "Gminny Ośrodek Kultury",
        "Citizens Foundation",
        "Koło Gospodyń Wiejskich w Wólce",
        "PZU",
    ],
)
def test_model_spans_are_taken_by_default(surface):
    from pipeline.extract.orgs import model_mention, model_org_veto

    doc = f"W projekcie wzięli udział: {surface} i inni."
    e = _model_ent(doc, surface, confidence=0.93)
    assert model_org_veto(doc, e.char_start, e.char_end) is None
    m = model_mention(doc, e)
    assert (m.text, m.source, m.confidence) == (surface, "model", 0.93)  # the beam's confidence stays on it


@pytest.mark.parametrize(
    ("surface", "acronym"),
    [("GMINA GDÓW", False), ("FUNDACJA HALO", False), ("PTTK", True)],
)
def test_a_name_in_capitals_is_no_acronym_unless_each_word_reads_as_one(surface, acronym):
    from pipeline.extract.orgs import model_mention

    doc = f"W projekcie wzięli udział: {surface} i inni."
    m = model_mention(doc, _model_ent(doc, surface, confidence=0.9))
    assert m is not None and m.is_acronym is acronym  # "GMINA GDÓW" goes on to be named "Gmina Gdów"


@pytest.mark.parametrize(
    ("surface", "reason"),
    [
        ("JST", "stoplist"),  # a common-noun abbreviation (org_stoplist.yaml)
        ("PDF & Email", "stoplist"),  # opens with one
        ("II Konferencja Miast", "stoplist"),  # a Roman numeral: an edition
        ("Jan Kowalski", "person or place name (morfeusz)"),
        ("Krakowie", "person or place name (morfeusz)"),
        ("Fundusz", "a common noun alone"),  # a reference to a body named elsewhere
        ("Konferencja Miast Bliźniaczych", "event or activity head"),  # model_org_veto.yaml event_heads
        ("Polsko-Niemiecka Konferencja Miast", "event or activity head"),  # adjective, then the head
        ("Zakup Nowości Wydawniczych", "event or activity head"),
        ("Dąbrowy Górniczej", "person or place name (morfeusz)"),  # a place name and its adjective
        ("Unia", "a common noun alone"),
        ("4 Grupy Wymiany Doświadczeń", "no word"),  # a count
        ("USŁUGI GEODEZYJNE I KARTOGRAFICZNE", "an all-caps heading"),
        ("Wiceprzewodniczący Rady", "a person's office or a body's members"),  # person_heads
        ("Członkowie Rady Programowej", "a person's office or a body's members"),
    ],
)
def test_model_spans_vetoed_by_stated_evidence(surface, reason):
    from pipeline.extract.orgs import model_mention, model_org_veto

    doc = f"W projekcie wzięli udział: {surface} i inni."
    e = _model_ent(doc, surface)
    assert model_org_veto(doc, e.char_start, e.char_end) == reason
    assert model_mention(doc, e) is None


@pytest.mark.parametrize(
    ("doc", "surface", "vetoed"),
    [
        (
            "Projekt „Jasielska Strefa Usług Publicznych”, zrealizowany przez Jasło.",
            "Jasielska Strefa Usług Publicznych",
            True,
        ),
        ("w ramach konkursu pt. Moja Mała Ojczyzna nagrodzono", "Moja Mała Ojczyzna", True),
        ("w ramach programu „Obywatele dla Demokracji” wsparto", "Obywatele dla Demokracji", False),  # a funder
        ("Wsparcie projektu Fundacja Orlen ogłosiła wczoraj.", "Fundacja Orlen", False),  # no quote: the subject
    ],
)
def test_the_name_given_to_a_project_or_event_is_not_a_body(doc, surface, vetoed):
    from pipeline.extract.orgs import model_org_veto

    a = doc.index(surface)
    assert (model_org_veto(doc, a, a + len(surface)) == "the name of a project or event") == vetoed


def test_a_model_span_in_the_title_is_left_to_the_acceptor():
    # a record titled by its grantee names a body there: the title position is the acceptor's feature
    # (in_title, opens_title), not a veto
    from pipeline.core.datatypes import Entity
    from pipeline.extract.orgs import model_mention

    doc = "Stowarzyszenie Przyjaciół Ziemi Kłodzkiej\n\nDotacja na wydanie przewodnika."
    name = "Stowarzyszenie Przyjaciół Ziemi Kłodzkiej"
    m = model_mention(doc, Entity("ORG", name, 0, len(name), "model"))
    assert m is not None and m.text == name


def test_a_person_or_place_reading_of_the_beam_vetoes_the_span():
    from pipeline.extract.orgs import model_mention

    doc = "Dotację przekazała Wola Rafałowska dla sołectwa."
    org = _model_ent(doc, "Wola Rafałowska", confidence=0.55)
    assert model_mention(doc, org) is not None
    assert model_mention(doc, org, [org, _model_ent(doc, "Wola Rafałowska", "LOC", 0.45)]) is None


def test_domain_list_spans_are_vetoed_only_by_the_stoplist():
    from pipeline.extract.orgs import model_mention

    doc = "Grant dał Fundusz Wyszehradzki, a LOC go nie czyta."
    e = _model_ent(doc, "Fundusz Wyszehradzki", source="gazetteer")
    assert model_mention(doc, e, [_model_ent(doc, "Fundusz Wyszehradzki", "LOC", 0.6)]).source == "gazetteer"


@pytest.mark.parametrize(
    ("doc", "surface", "fixed"),
    [
        ("Wycieczka do „Kraina Dinozaurów” w Bałtowie.", "Kraina Dinozaurów”", "Kraina Dinozaurów"),
        (
            "Dotację otrzymała Parafia Prawosławna pw. Świętej Trójcy w Bielsku.",
            "Parafia Prawosławna pw.",
            "Parafia Prawosławna pw. Świętej Trójcy",
        ),
        ("Grant dała Fundacja Orlen, a projekt", "Fundacja Orlen,", "Fundacja Orlen"),
    ],
)
def test_model_span_edges_are_fixed(doc, surface, fixed):
    from pipeline.extract.orgs import model_mention

    m = model_mention(doc, _model_ent(doc, surface))
    assert m is not None and m.text == fixed and doc[m.char_start : m.char_end] == fixed


def _record(text: str, title: str):
    from pipeline.core.datatypes import Record

    t0 = text.index(title)
    return Record("d", 1, "", title, None, None, 0, len(text), t0, t0 + len(title), t0 + len(title) + 2, len(text))


def test_record_takes_model_spans_rules_fix_boundaries_and_keeps_title_names_for_the_acceptor():
    from pipeline.extract.record import record_orgs

    text = (
        "Akademia Małego Sołtysa\n\nProjekt prowadziła Polska Akcja Humanitarna ze Związkiem Miast Polskich "
        "i Fundacją Batorego."
    )
    rec = _record(text, "Akademia Małego Sołtysa")
    ents = [
        _model_ent(text, "Akademia Małego Sołtysa"),
        _model_ent(text, "Polska Akcja Humanitarna", confidence=0.8),
        _model_ent(text, "Związkiem Miast Polskich i Fundacją Batorego"),
    ]
    both = {m.text: m.source for m in record_orgs(text, rec, ents)}
    # the model adds what no rule finds; the rules split the coordination; the title's opening name stays a
    # candidate (whether it is the project's own name is the acceptor's call: its opens_title evidence)
    assert both == {
        "Akademia Małego": "rule",
        "Polska Akcja Humanitarna": "model",
        "Związkiem Miast Polskich": "gazetteer",
        "Fundacją Batorego": "gazetteer",
    }  # the rules' domain-list matches
    assert {m.text for m in record_orgs(text, rec, ents, "rules")} == {
        "Akademia Małego",
        "Związkiem Miast Polskich",
        "Fundacją Batorego",
    }
    assert {m.text for m in record_orgs(text, rec, ents, "model")} == {
        "Akademia Małego Sołtysa",  # in the title: no veto, the acceptor's call
        "Polska Akcja Humanitarna",
        "Związkiem Miast Polskich i Fundacją Batorego",
    }


@pytest.mark.parametrize(
    "text, names",
    [
        ("Sprzęt otrzymała Szkoła Podstawowa nr 2 w Polkowicach.", ["Szkoła Podstawowa nr 2 w Polkowicach"]),
        (
            "Szkoła Podstawowa Nr 3 im. Jana Pawła II w Bełchatowie",
            ["Szkoła Podstawowa Nr 3 im. Jana Pawła II w Bełchatowie"],
        ),
        ("Projekt Gminy Leśna II etap", ["Gminy Leśna"]),  # the stage of a project is not part of the name
    ],
)
def test_numbers_and_roman_numerals_inside_names(text, names):
    assert [m.text for m in find_org_mentions(text)] == names


@pytest.mark.parametrize(
    "text, name",
    [
        ("Dotację otrzymał LKS „Dąb” Dąbrowa Białostocka.", "LKS „Dąb” Dąbrowa Białostocka"),  # the town too
        ("KS Szczypiorniak otrzymał dotację.", "KS Szczypiorniak"),
        ("UKS Orlik Wola – 5 000 zł", "UKS Orlik Wola"),
    ],
)
def test_sports_club_kinds_take_the_club_name(text, name):
    mentions = find_org_mentions(text)
    assert [m.text for m in mentions] == [name]


@pytest.mark.parametrize(
    ("span", "trimmed"),
    [
        ("OSP w Zadrożu - 7", "OSP w Zadrożu"),  # a grant list's amount after the name
        ("Fundacja X – 5 000", "Fundacja X"),
        ("Program Operacyjny 2007 - 2013", "Program Operacyjny 2007 - 2013"),  # a period stays
    ],
)
def test_a_model_span_never_ends_in_a_dash_and_a_figure(span, trimmed):
    from pipeline.extract.orgs.model_spans import trim_model_span

    start, end = trim_model_span(span, 0, len(span))
    assert span[start:end] == trimmed


@pytest.mark.parametrize(
    ("text", "end", "name"),
    [
        # a seat or a parent body after "w"/"przy" is part of the name
        (
            "Centrum GovTech w Kancelarii Prezesa Rady Ministrów ogłosiło",
            17,
            "Centrum GovTech w Kancelarii Prezesa Rady Ministrów",
        ),
        (
            "Służba Zarządzania Kryzysowego przy Ministerstwie Spraw Wewnętrznych Gruzji",
            35,
            "Służba Zarządzania Kryzysowego przy Ministerstwie Spraw Wewnętrznych Gruzji",
        ),
        # else a preposition or a conjunction never ends a name
        ("Wojewoda i marszałek", 10, "Wojewoda"),
        ("Fundacja Ludzie Środowisko Ekologia i inni", 37, "Fundacja Ludzie Środowisko Ekologia"),
        ("Instytut w mieście", 10, "Instytut"),
        ("Fundacja im. Jana Pawła II", 12, "Fundacja im. Jana Pawła II"),
    ],
)
def test_a_model_span_never_ends_in_a_preposition_or_conjunction(text, end, name):
    from pipeline.extract.orgs.model_spans import trim_model_span

    start, stop = trim_model_span(text, 0, end)
    assert text[start:stop] == name


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("z Narodowej Agencji Programu Erasmus+ w ramach", ["Narodowej Agencji Programu Erasmus+"]),
        ("Program Senior+ na lata", ["Program Senior+"]),
        ("Gmina Lublin + Fundacja Pogranicze", ["Gmina Lublin", "Fundacja Pogranicze"]),  # a spaced plus joins two
    ],
)
def test_a_plus_attached_to_a_programme_name_is_part_of_it(text, names):
    assert spans(text) == names


def test_a_line_break_before_a_new_head_ends_a_name():
    text = (
        "Dofinansowanie otrzymały Parafie:\n\nParafia Św. Barbary w Strumieniu\nParafia NMP Królowej Polski w Pogórzu\n"
        "Charytatywne Stowarzyszenie\nOpiekuńczo-Wychowawcze IGNIS\n"
    )
    names = [m.text for m in find_org_mentions(text)]
    assert names[:2] == ["Parafia Św. Barbary w Strumieniu", "Parafia NMP Królowej Polski w Pogórzu"]
    assert names[2] == "Charytatywne Stowarzyszenie\nOpiekuńczo-Wychowawcze IGNIS"  # a name wrapped onto the next line


@pytest.mark.parametrize(
    ("place", "locative"),
    [
        ("Wola Rogowska", "Woli Rogowskiej"),
        ("Jadowniki Mokre", "Jadownikach Mokrych"),
        ("Borowskie Olki", "Borowskich Olkach"),
        ("Chroberz", "Chrobrzu"),
        ("Trojanowo", "Trojanowie"),
        ("Cysterki", None),  # no geographical reading: no locative
    ],
)
def test_a_place_in_the_nominative_is_put_in_the_locative(place, locative):
    from pipeline.extract.orgs.morphology import locative_place

    assert locative_place(place.split()) == locative


def test_an_initial_before_a_first_name_ends_a_name_unless_a_patron_is_named():
    # "P." (Pan) or a person's initial before a first name: the person, not a word of the body's name
    assert spans("Marszałek Województwa Mazowieckiego P. Rafał Rajkowski podpisał umowy.") == [
        "Marszałek Województwa Mazowieckiego"
    ]
    assert spans("Dotację otrzymała Szkoła Podstawowa im. J. Korczaka w Chorzowie.") == [
        "Szkoła Podstawowa im. J. Korczaka w Chorzowie"
    ]
