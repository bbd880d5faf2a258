"""Organisation names the rules read as written on project pages (issue 18): kinds of body without a
name, parishes and abbreviations inside names, coordination, lowercase heads, compound adjectives,
programmes titled after their kind, Organizacja as a noun of action."""

from __future__ import annotations

import pytest

from pipeline.extract.orgs import find_org_mentions
from pipeline.extract.orgs.morphology import is_compound_part
from pipeline.extract.orgs.vocab import is_generic_name
from pipeline.resolve.nominative import canonical_name


def spans(text: str) -> list[str]:
    out = []
    for m in find_org_mentions(text):
        assert text[m.char_start : m.char_end] == m.text
        out.append(m.text)
    return out


@pytest.mark.parametrize(
    "text",
    [
        "Marszałkowskie dotacje dla Kół Gospodyń Wiejskich z gminy.",
        "Wsparcie otrzymał Klub Sportowy (KS) z naszej gminy.",
        "w ramach Programu Operacyjnego (PO) i PO KL",
        "Decyzję podjął Zarząd Fundacji na posiedzeniu.",
        "Wnioski oceniła Komisja Grantowa.",
        "dla Koła Gospodyń Wiejskich, Biblioteki, Teatr oraz Stowarzyszenia i Fundacje.",
    ],
)
def test_kind_of_body_without_its_name_is_no_mention(text):
    found = spans(text)
    assert not any(is_generic_name(s) for s in found), found
    assert "PO" not in found and "Stowarzyszenia i Fundacje" not in found


def test_kind_of_body_with_its_name_is_a_mention():
    assert spans("Projekt zrealizowało Koło Gospodyń Wiejskich w Golach.") == ["Koło Gospodyń Wiejskich w Golach"]
    assert spans("KS Szczypiorniak oraz Klub Sportowy „Orzeł” Wojcieszów") == [
        "KS Szczypiorniak",
        "Klub Sportowy „Orzeł” Wojcieszów",
    ]
    assert not is_generic_name("Gminny Ośrodek Kultury w Zdunach")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dotację otrzymała Parafia pw. św. Anny w Wohyniu na remont.", "Parafia pw. św. Anny w Wohyniu"),
        (
            "Parafia Prawosławna pw. Św. Ap. Jakuba w Łosince otrzymała",
            "Parafia Prawosławna pw. Św. Ap. Jakuba w Łosince",
        ),
        (
            "przy Szkole Podstawowej Nr 1 im. J. Korczaka w Chorzowie.",
            "Szkole Podstawowej Nr 1 im. J. Korczaka w Chorzowie",
        ),
        ("Fundacja im. ks. Jana Twardowskiego zaprasza", "Fundacja im. ks. Jana Twardowskiego"),
        (
            "Stowarzyszenie na Rzecz Dzieci Niepełnosprawnych i ich Rodziców „Tęcza” z Jastrzębia",
            "Stowarzyszenie na Rzecz Dzieci Niepełnosprawnych i ich Rodziców „Tęcza”",  # the seat is not the name
        ),
        (
            "Polsko-Ukraińskie Towarzystwo Kulturalno–Oświatowe zaprasza",
            "Polsko-Ukraińskie Towarzystwo Kulturalno–Oświatowe",
        ),
        (
            "w ramach Programu Operacyjnego Fundusz Inicjatyw Obywatelskich. Partnerowała",
            "Programu Operacyjnego Fundusz Inicjatyw Obywatelskich",
        ),
    ],
)
def test_name_goes_on_through_abbreviations_possessives_and_dashes(text, name):
    assert spans(text) == [name]


def test_a_compound_written_apart_opens_the_name():
    """The first part of a compound adjective before a spaced dash belongs to the name it opens; a place in -o
    before a dash does not."""
    assert spans("z Polsko – Amerykańskiej Fundacji Wolności") == ["Polsko – Amerykańskiej Fundacji Wolności"]
    assert spans("Miejsko - Gminna Biblioteka Publiczna w Żabnie") == ["Miejsko - Gminna Biblioteka Publiczna w Żabnie"]
    assert spans("Gmina Puszczykowo – Nowe drogi") == ["Gmina Puszczykowo"]
    assert [is_compound_part(w) for w in ("Polsko", "Miejsko", "Szkolno", "Kłodzko", "Puszczykowo", "Boisko")] == [
        True,
        True,
        True,
        False,
        False,
        False,
    ]


def test_a_seat_place_written_in_two_parts_stays_whole():
    """``w Kędzierzynie – Koźlu``: both parts read in the locative, the name goes on and is written with a
    hyphen; a head after the dash is no part of the place."""
    assert spans("oraz Zespół Szkół nr 3 w Kędzierzynie – Koźlu.") == ["Zespół Szkół nr 3 w Kędzierzynie – Koźlu"]
    assert canonical_name("Gminnej Spółki Wodnej „Wogra” w Połczynie – Zdroju") == (
        "Gminna Spółka Wodna „Wogra” w Połczynie-Zdroju"
    )
    assert canonical_name("Muzeum Narodowe w Lublinie – Muzeum Wsi") == "Muzeum Narodowe w Lublinie – Muzeum Wsi"


def test_abbreviation_or_dash_that_ends_a_name():
    assert spans("Wsparcie dla Zarząd Gminy. Nowy nabór") == ["Zarząd Gminy"]
    assert spans("Gmina Puszczykowo – Nowe drogi") == ["Gmina Puszczykowo"]
    assert spans("Fundacja X i ich Fundacja Y") == ["Fundacja X", "Fundacja Y"]


def test_coordinated_bodies_and_heads_sharing_a_name():
    assert spans("Gmina Kamionka i Miasto Lubartów") == ["Gmina Kamionka", "Miasto Lubartów"]
    assert spans("Urząd Miasta i Gminy Ostrów") == ["Urząd Miasta i Gminy Ostrów"]
    assert spans("Czeski Związek Miast i Gmin (SMO ČR)") == ["Czeski Związek Miast i Gmin"]
    assert spans("Wsparcie otrzymało Miasto Racibórz.") == ["Miasto Racibórz"]
    # "Miasta" may be plural: the cities of Poland and Germany, not a town
    assert spans("Konferencja Miast Partnerskich Polski i Niemiec, Miasta Polski i Niemiec") == []


def test_programme_title_on_the_next_line_is_a_second_name():
    assert spans("z Funduszy EOG\nProgram Obywatele dla Demokracji") == [
        "Funduszy EOG",
        "Program Obywatele dla Demokracji",
    ]
    assert spans("ze środków Funduszu Sprawiedliwości Fundacja Nowa") == ["Funduszu Sprawiedliwości", "Fundacja Nowa"]


def test_lowercase_head_before_a_name():
    assert spans("środki fundacji Pogranicze i stowarzyszenia Nasz Dom.") == [
        "fundacji Pogranicze",
        "stowarzyszenia Nasz Dom",
    ]
    assert spans("do stowarzyszenia W ramach projektu") == []
    # a territorial head written lowercase may name a place: a candidate, with its place evidence for the acceptor
    assert spans("na terenie gminy Pokrzywnica") == ["gminy Pokrzywnica"]


def test_organizacja_as_organising_is_no_name():
    assert spans("Organizacja XII Festiwalu Kultury Kresowej") == []
    assert spans("Organizacja Turnieju Piłki Nożnej") == []
    assert spans("Organizacja Narodów Zjednoczonych") == ["Organizacja Narodów Zjednoczonych"]


@pytest.mark.parametrize(
    ("written", "nominative"),
    [
        ("Krajowego Funduszu Leśnego i Wodnego", "Krajowy Fundusz Leśny i Wodny"),
        ("Polskiego Towarzystwa Turystycznego i Krajoznawczego", "Polskie Towarzystwo Turystyczne i Krajoznawcze"),
        ("Szkole Podstawowej Nr 1 im. J. Korczaka w Chorzowie", "Szkoła Podstawowa Nr 1 im. J. Korczaka w Chorzowie"),
        ("fundacji Pogranicze", "Fundacja Pogranicze"),
        ("stowarzyszenia Nasz Dom", "Stowarzyszenie Nasz Dom"),
        ("Wyższej Szkoły Gospodarki w Bydgoszczy", "Wyższa Szkoła Gospodarki w Bydgoszczy"),  # the degree kept
        ("Najwyższej Izby Kontroli", "Najwyższa Izba Kontroli"),
        (
            "Polsko-Ukraińskiego Towarzystwa Kulturalno– Oświatowego",
            "Polsko-Ukraińskie Towarzystwo Kulturalno-Oświatowe",
        ),
        ("Urzędu Miasta i Gminy Ostrów", "Urząd Miasta i Gminy Ostrów"),
        ("Gmina Puszczykowo – Nowe", "Gmina Puszczykowo – Nowe"),
        ("Polsko – Amerykańskiej Fundacji Wolności", "Polsko-Amerykańska Fundacja Wolności"),  # "Polsko": no place
        ("Miasta Białegostoku", "Miasto Białystok"),  # the place in apposition, inflected like its head
        ("Gminie Nowej Wsi", "Gmina Nowa Wieś"),
        ("Miasta Stołecznego Warszawy", "Miasto Stołeczne Warszawa"),
        ("Gminy Kobylnica", "Gmina Kobylnica"),  # a place written in the nominative stays
        ("Gminy Baranów", "Gmina Baranów"),  # a nominative, not the genitive plural of "baran"
        ("Gminy Golub-Dobrzyń", "Gmina Golub-Dobrzyń"),
        ("Urzędu Miasta Gdańska", "Urząd Miasta Gdańska"),  # the town of an office stays in the genitive
        (
            "Wojewódzkiego Funduszu Ochrony Środowiska i Gospodarki Wodnej",
            "Wojewódzki Fundusz Ochrony Środowiska i Gospodarki Wodnej",
        ),
    ],
)
def test_canonical_names(written, nominative):
    assert canonical_name(written) == nominative


@pytest.mark.parametrize(
    ("written", "nominative"),
    [
        ('Przedszkola "Piąteczka"', "Przedszkole „Piąteczka”"),  # straight quotes: the Polish pair
        ("Koło Gospodyń Wiejskich “Łomniczanki”", "Koło Gospodyń Wiejskich „Łomniczanki”"),
        ('Ludowy Zespół Sportowy „ISKRA" w Krajence', "Ludowy Zespół Sportowy „ISKRA” w Krajence"),
        ('Uczniowski Klub Sportowy ,, Olimp" Skórka', "Uczniowski Klub Sportowy „Olimp” Skórka"),
        ("Lokalna Grupa Rybacka „Nasza Krajna i Pałuki", "Lokalna Grupa Rybacka „Nasza Krajna i Pałuki”"),
        (
            "Programu Rozwoju Obszarów Wiejskich na lata 2014 – 2020",
            "Program Rozwoju Obszarów Wiejskich na lata 2014–2020",
        ),
        (
            "Programu Rozwoju Obszarów Wiejskich na lata 2014 - 2020",
            "Program Rozwoju Obszarów Wiejskich na lata 2014-2020",
        ),
        ("Program Rozwoju Rozwoju Obszarów Wiejskich", "Program Rozwoju Obszarów Wiejskich"),  # a slip
    ],
)
def test_canonical_names_write_quotes_year_spans_and_slips_one_way(written, nominative):
    assert canonical_name(written) == nominative


@pytest.mark.parametrize(
    ("written", "nominative"),
    [
        ("KOLARSKI KLUB SPORTOWY GOSTYŃ", "Kolarski Klub Sportowy Gostyń"),
        ("FUNDACJI CENTRUM EUROPY LOKALNEJ", "Fundacja Centrum Europy Lokalnej"),
        (
            "SZKOŁA PODSTAWOWA NR 2 IM. JANA PAWŁA II W KOŁACZKOWIE",
            "Szkoła Podstawowa nr 2 im. Jana Pawła II w Kołaczkowie",
        ),
        ("GMINA I MIASTO ŻUROMIN", "Gmina i Miasto Żuromin"),
        ("ZARZĄD GŁÓWNY PTTK", "Zarząd Główny PTTK"),  # an acronym stays
        ("KS „POLONIA” GIŻYN", "KS „Polonia” Giżyn"),  # opened by a club's kind: its acronym stays
        ("LZS „KROBIANKA” KROBIA", "LZS „Krobianka” Krobia"),
        ("KKS „WŁÓKNIARZ” KALISZ", "KKS „Włókniarz” Kalisz"),  # a club's acronym by its shape
        ("OCHRONA ZABYTKÓW", "OCHRONA ZABYTKÓW"),  # no body's head: a programme's title as written
    ],
)
def test_a_name_in_capitals_is_written_as_names_are(written, nominative):
    assert canonical_name(written) == nominative


@pytest.mark.parametrize(
    ("written", "nominative"),
    [
        ("Województwo Kujawsko-pomorskie", "Województwo Kujawsko-Pomorskie"),
        ("Diecezji Koszalińsko-kołobrzeskiej", "Diecezja Koszalińsko-Kołobrzeska"),
        ("Samorządu województwa warmińsko-mazurskiego", "Samorząd Województwa Warmińsko-Mazurskiego"),
        ("Urząd Marszałkowski województwa podkarpackiego", "Urząd Marszałkowski Województwa Podkarpackiego"),
        # a dedication's "Św." as written, as most keys keep it
        ("Parafia Rzymskokatolicka pw. Św. Barbary w Gryżynie", "Parafia Rzymskokatolicka pw. Św. Barbary w Gryżynie"),
        ("Parafii Św. Mikołaja Biskupa w Lubzinie", "Parafia Św. Mikołaja Biskupa w Lubzinie"),
        ("Stowarzyszenie Kraina Św. Anny", "Stowarzyszenie Kraina Św. Anny"),  # a place's name, no dedication
        ("Fundacja Polsko-Ukraińska", "Fundacja Polsko-Ukraińska"),
        # a compound the nominative capitalised in its first part only (a lowercase head, a lowercase adjective)
        ("województwo kujawsko-pomorskie", "Województwo Kujawsko-Pomorskie"),
        ("wojewoda warmińsko-mazurski", "Wojewoda Warmińsko-Mazurski"),
        ("Powiatu golubsko-dobrzyńskiego", "Powiat Golubsko-Dobrzyński"),
    ],
)
def test_a_name_is_spelt_as_names_are(written, nominative):
    assert canonical_name(written) == nominative


def test_a_quoted_programme_title_keeps_its_words():
    assert canonical_name('"Klub"') == "Klub"
    assert canonical_name("Fundacja „A” i „B”") == "Fundacja „A” i „B”"


def test_school_and_scouting_heads():
    assert spans("uczniowie Szkoły Podstawowej nr 7 i Gimnazjum nr 25, wchodzących") == [
        "Szkoły Podstawowej nr 7",
        "Gimnazjum nr 25",
    ]
    assert spans("Projekt realizuje Chorągiew Opolska ZHP.") == ["Chorągiew Opolska ZHP"]
    assert spans("W gimnazjum uczy się 20 osób.") == []


def test_territorial_unit_named_by_a_lowercase_adjective():
    assert spans("Powiat gołdapski corocznie ogłasza konkurs") == ["Powiat gołdapski"]
    assert canonical_name("Powiatowi gołdapskiemu") == "Powiat Gołdapski"
    assert canonical_name("Województwa mazowieckiego") == "Województwo Mazowieckie"
    assert spans("Fundacja dobra ogłasza") == []  # only heads of territorial units take such a name


def test_adjective_before_a_head_agrees_in_case():
    # "Przewodniczącą" (instrumental: the chairwoman) does not belong to "Rady Programowej" (genitive)
    assert "Przewodniczącą Rady Programowej" not in spans("wybrano Przewodniczącą Rady Programowej Fundacji")
    assert spans("Projekt wsparła Polsko-Amerykańska Fundacja Wolności.") == ["Polsko-Amerykańska Fundacja Wolności"]


def test_lowercase_gmina_is_a_body_unless_a_place():
    assert spans("w partnerstwie ze słowacką gminą Oravska Polhora") == ["gminą Oravska Polhora"]
    assert spans("Miasto i gmina Ostrów Lubelski - Poprawa gospodarki") == ["gmina Ostrów Lubelski"]
    assert canonical_name("gminą Oravska Polhora") == "Gmina Oravska Polhora"
    # a place reading is the acceptor's call (test_org_acceptor: territory_before, locative_head), not the scanner's
    assert spans("kluby z terenu gminy Dąbrowa Białostocka") == ["gminy Dąbrowa Białostocka"]
    assert spans("świetlice w gminie Cielądz") == ["gminie Cielądz"]
    assert canonical_name("gminie Cielądz") == "Gmina Cielądz"


@pytest.mark.parametrize(
    ("text", "names", "nominatives"),
    [
        (
            "Zalipie (gm. Olesno) i Leboszowice, gm.Krzepice",
            ["gm. Olesno", "gm.Krzepice"],
            ["Gmina Olesno", "Gmina Krzepice"],
        ),
        ("z budżetu województwa mazowieckiego", ["województwa mazowieckiego"], ["Województwo Mazowieckie"]),
        ("dotacja powiatu proszowickiego", ["powiatu proszowickiego"], ["Powiat Proszowicki"]),
        ("zabytkom diecezji legnickiej", ["diecezji legnickiej"], ["Diecezja Legnicka"]),
        ("umowę z wojewodą wielkopolskim", ["wojewodą wielkopolskim"], ["Wojewoda Wielkopolski"]),
        ("sejmik małopolski przyjął", ["sejmik małopolski"], ["Sejmik Małopolski"]),
        (
            "środki samorządu województwa warmińsko-mazurskiego",
            ["samorządu województwa warmińsko-mazurskiego"],
            ["Samorząd Województwa Warmińsko-Mazurskiego"],
        ),
        ("zarząd województwa łódzkiego", ["zarząd województwa łódzkiego"], ["Zarząd Województwa Łódzkiego"]),
        (
            "dotacji urzędu marszałkowskiego województwa łódzkiego",
            ["urzędu marszałkowskiego województwa łódzkiego"],
            ["Urząd Marszałkowski Województwa Łódzkiego"],
        ),
    ],
)
def test_lowercase_units_and_region_offices(text, names, nominatives):
    assert spans(text) == names
    assert [canonical_name(n) for n in names] == nominatives


def test_lowercase_unit_needs_its_adjective():
    assert spans("środki z budżetu powiatu na drogi") == []  # no adjective: which powiat is not said
    assert spans("zarząd województwa zdecydował") == []  # no region named
    assert spans("wg. Kowalskiego") == []  # an abbreviation that is no head


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Beneficjent: Szpital Powiatowy w Jarocinie Sp. z o.o. realizuje", "Szpital Powiatowy w Jarocinie Sp. z o.o."),
        ("Roztoczański Park Narodowy otrzymał dotację", "Roztoczański Park Narodowy"),
        ("Kuria Diecezjalna w Kielcach otrzymała", "Kuria Diecezjalna w Kielcach"),
        (
            "2. Niepubliczny Punkt Przedszkolny „Pluszowy Miś”, ul. Gdańska",
            "Niepubliczny Punkt Przedszkolny „Pluszowy Miś”",
        ),
        ("we współpracy z Państwową Inspekcją Sanitarną w Pile", "Państwową Inspekcją Sanitarną w Pile"),
        ("Macierz Szkolna w Łomnej Dolnej – 20 000 CZK", "Macierz Szkolna w Łomnej Dolnej"),
    ],
)
def test_statutory_kinds_of_body_are_heads(text, name):
    assert spans(text) == [name]


def test_a_seat_after_z_and_a_person_after_a_title_are_not_part_of_the_name():
    assert spans("– Stowarzyszenie Kreatywnych Nauczycieli z Jastrzębia-Zdroju na organizację zadania") == [
        "Stowarzyszenie Kreatywnych Nauczycieli"
    ]
    senior = "Stowarzyszenie „Senior w Akcji” z Gorlic zorganizowało warsztaty."
    assert spans(senior) == ["Stowarzyszenie „Senior w Akcji”"]
    assert spans("Wójt Gminy Dźwierzuty Pani Marianna Szydlik podpisała umowę.") == ["Gminy Dźwierzuty"]
    assert spans("Projekt prowadzi Fundacja z Pasją Tworzenia.") == ["Fundacja z Pasją Tworzenia"]


def test_lowercase_parish_with_a_spaced_dedication_and_its_patron():
    text = (
        "prace w parafiach: parafii p. w. św. Anny w Wohyniu i parafii pw. Najświętszego Serca Pana Jezusa w Suchowoli."
    )
    assert spans(text) == [
        "parafii p. w. św. Anny w Wohyniu",
        "parafii pw. Najświętszego Serca Pana Jezusa w Suchowoli",
    ]
    assert canonical_name("parafii p. w. św. Anny w Wohyniu") == "Parafia pw. św. Anny w Wohyniu"
    # a parish is named by its seat alone too (the real-page keys: "Parafia w Zwierniku"); its locative is no name
    assert spans("dotacje dla parafii w Wohyniu") == ["parafii w Wohyniu"]
    assert spans("dotacje dla parafii w tym roku") == []


def test_sports_club_kinds_with_a_prefix_or_a_town_after_the_quoted_name():
    assert spans("Najwięcej otrzymał LKS „Dąb” Dąbrowa Białostocka. Klub będzie") == ["LKS „Dąb” Dąbrowa Białostocka"]
    assert spans("Z najwyższej kwoty ucieszył się M-GKS Włókniarz Leśna.") == ["M-GKS Włókniarz Leśna"]
    assert spans("UKS „Orlik” dostał 5 tys. zł.") == ["UKS „Orlik”"]


def test_an_informal_group_is_named_by_the_name_after_its_kind():
    assert spans("1. „Spotkajmy się”, projekt grupy nieformalnej Nasz Pszczelin, l. punktów 29,33") == [
        "Nasz Pszczelin"
    ]
    assert spans("- „Pod chmurką” Grupa nieformalna „RMW-Majewo i rada sołecka” – 3800 zł") == [
        "RMW-Majewo i rada sołecka"
    ]
    assert spans("wnioski mogą składać grupy nieformalne z gminy") == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "w ZHP, ZHR, Stowarzyszeniu Harcerstwa Katolickiego „Zawisza” – Federacja Skautingu Europejskiego, ZHP",
            [
                "ZHP",
                "ZHR",
                "Stowarzyszeniu Harcerstwa Katolickiego „Zawisza” – Federacja Skautingu Europejskiego",
                "ZHP",
            ],
        ),
        (
            "Projekt sfinansowano z Programu Aktywni Obywatele – Fundusz Krajowy.",
            ["Programu Aktywni Obywatele – Fundusz Krajowy"],
        ),
        ("Gmina Nowa Wieś – lider projektu, złożyła wniosek.", ["Gmina Nowa Wieś"]),  # no name after the dash
        ("Fundacja Pogranicze – 5000 zł", ["Fundacja Pogranicze"]),
        (
            "Fundacja Pogranicze –\nFederacja Skautingu Europejskiego",
            ["Fundacja Pogranicze", "Federacja Skautingu Europejskiego"],
        ),
        (
            "Dofinansowanie z Fundacji Pogranicze: Fundacja Orlen dała 5000 zł.",
            ["Fundacji Pogranicze", "Fundacja Orlen"],
        ),
        (  # after a colon only a programme's own title goes on
            "z Funduszu Rozwoju Kultury: Program Wsparcia Bibliotek w 2024 r.",
            ["Funduszu Rozwoju Kultury: Program Wsparcia Bibliotek"],
        ),
    ],
)
def test_a_name_goes_on_after_a_spaced_dash_with_its_nominative_subtitle(text, names):
    assert spans(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Muzeum Przyrody – Dwór Lutosławskich w Drozdowie otrzymało 60 000 zł",
            ["Muzeum Przyrody – Dwór Lutosławskich w Drozdowie"],
        ),
        (
            "wspólnie z Muzeum Narodowym w Krakowie – Dom Jana Matejki",
            ["Muzeum Narodowym w Krakowie – Dom Jana Matejki"],
        ),
        ("Muzeum Regionalne – Wystawa Fotografii", ["Muzeum Regionalne"]),  # an exhibition is no seat
        ("Fundacja Pogranicze – Dwór Lutosławskich", ["Fundacja Pogranicze"]),  # only a museum is named by its seat
    ],
)
def test_a_museum_is_named_with_its_seat_after_a_dash(text, names):
    assert spans(text) == names


@pytest.mark.parametrize(
    ("text", "names", "nominative"),
    [
        (
            "Miasto podpisało umowę z Wojewodą Małopolskim, który działa w imieniu Skarbu Państwa",
            ["Wojewodą Małopolskim"],
            "Wojewoda Małopolski",
        ),
        ("Dotację przyznał Marszałek Województwa Opolskiego.", ["Marszałek Województwa Opolskiego"], None),
        (  # the holder's own name is no part of the office
            "Patronat objął Marszałek Województwa Mazowieckiego Adam Struzik.",
            ["Marszałek Województwa Mazowieckiego"],
            None,
        ),
        ("Wojewoda Małopolski Łukasz Kmita podpisał umowę.", ["Wojewoda Małopolski"], None),
        ("List napisał Wojewoda Adam Nowak.", [], None),  # a title before a person, no office named
    ],
)
def test_offices_named_by_their_holder_are_bodies(text, names, nominative):
    assert [n for n in spans(text) if n != "Miasto"] == names
    if nominative:
        assert canonical_name(names[0]) == nominative


def test_a_capitalised_possessive_goes_on_and_a_name_never_ends_on_its_connector():
    text = "zrezygnowało Stowarzyszenie na Rzecz Pomocy Dzieciom Niepełnosprawnym i Ich Rodzinom „Akceptacja”, któremu"
    assert spans(text) == ["Stowarzyszenie na Rzecz Pomocy Dzieciom Niepełnosprawnym i Ich Rodzinom „Akceptacja”"]
    assert spans("Dotację dała Fundacja Pogranicze i Jej.") == ["Fundacja Pogranicze"]  # not "... i"


def test_single_quotes_inside_a_name_become_the_polish_double_quotes():
    assert (
        canonical_name("Stowarzyszenia na Rzecz Obiektywności i Tolerancji ‚Zaczynamy od Siebie’")
        == "Stowarzyszenie na Rzecz Obiektywności i Tolerancji „Zaczynamy od Siebie”"
    )
    assert canonical_name("Fundacja Children’s Voice") == "Fundacja Children’s Voice"  # an apostrophe stays


def test_two_commas_typed_for_an_opening_quote():
    assert spans("Stowarzyszenie ,,Nasz Dom” otrzymało dotację, a kwota 1,,5 zł") == ["Stowarzyszenie ,,Nasz Dom”"]
    assert canonical_name("Stowarzyszenia ,,Nasz Dom”") == "Stowarzyszenie „Nasz Dom”"
    assert (
        canonical_name("LGD,,Kraina Dinozaurów”") == "Lokalna Grupa Działania „Kraina Dinozaurów”"
    )  # the kind spelt out


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a person named after a body's name holds a seat there; the body alone is no name ("Członek Zarządu")
        ("Członek Zarządu Piotr Gamrot, Wiceprzewodniczący Rady Paweł Rykała oraz radni", []),
        ("Umowę podpisał Zarząd Powiatu Olkuskiego Piotr Gamrot.", ["Zarząd Powiatu Olkuskiego"]),
        (
            "Fundacja Józefa Piłsudskiego i Fundacja Jana Pawła II",
            ["Fundacja Józefa Piłsudskiego", "Fundacja Jana Pawła II"],
        ),
        ("Szkoła Podstawowa im. Marii Konopnickiej w Lesznie", ["Szkoła Podstawowa im. Marii Konopnickiej w Lesznie"]),
    ],
)
def test_a_person_in_the_nominative_ends_a_name(text, names):
    assert spans(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # after its seat a quoted phrase is the task's title, before it the body's own name
        (
            "Koło Gospodyń Wiejskich i Gospodarzy w Strzebieszewie „Integracja pod chmurką” – 5000 zł",
            ["Koło Gospodyń Wiejskich i Gospodarzy w Strzebieszewie"],
        ),
        ("Stowarzyszenie „Razem” w Kole", ["Stowarzyszenie „Razem”"]),
        # connectors capitalised in title case stay inside the name
        (
            "Stowarzyszenie Na Rzecz Rozwoju Wsi „Dla Chudoby” otrzymało",
            ["Stowarzyszenie Na Rzecz Rozwoju Wsi „Dla Chudoby”"],
        ),
        ("Gmina Lublin. Na Rzecz", ["Gmina Lublin"]),
    ],
)
def test_seat_and_title_case_boundaries(text, names):
    assert spans(text) == names


@pytest.mark.parametrize(
    ("text", "names", "nominative"),
    [
        ("W parafii w Zwierniku przewidziano prace", ["parafii w Zwierniku"], "Parafia w Zwierniku"),
        (
            "40 tys. zł przyznano parafii św. Jana Chrzciciela w Pilźnie",
            ["parafii św. Jana Chrzciciela w Pilźnie"],
            "Parafia św. Jana Chrzciciela w Pilźnie",
        ),
        ("mieszkańcy parafii w tym roku", [], None),
        ("Klasztor OO. Karmelitów w Pilźnie otrzyma", ["Klasztor OO. Karmelitów w Pilźnie"], None),
        ("Za pomoc dziękuję Sołectwu Jabłonka", ["Sołectwu Jabłonka"], "Sołectwo Jabłonka"),
        ("dla sołectwa Szumlin", ["sołectwa Szumlin"], "Sołectwo Szumlin"),
        ("budynek w sołectwie Szumlin", ["sołectwie Szumlin"], "Sołectwo Szumlin"),  # a place reading: acceptor
        # a patron spelt out in lowercase
        (
            "Natomiast parafia świętego Michała Archanioła w Siedlimowie dostanie 5 tysięcy zł",
            ["parafia świętego Michała Archanioła w Siedlimowie"],
            "Parafia świętego Michała Archanioła w Siedlimowie",
        ),
        (
            "Parafia pod wezwaniem Świętych Apostołów Piotra i Pawła w Wylatowie dostanie",
            ["Parafia pod wezwaniem Świętych Apostołów Piotra i Pawła w Wylatowie"],
            None,
        ),
        ("dla parafii świętej pamięci", [], None),
    ],
)
def test_parishes_monasteries_and_village_councils(text, names, nominative):
    assert spans(text) == names
    if nominative:
        assert canonical_name(names[0]) == nominative


@pytest.mark.parametrize(
    ("text", "name", "nominative"),
    [
        # a place's adjective morfeusz lacks opens the name (its readings guessed from -ski/-cki/-dzki)
        ("Dotację otrzymał Ustkowski Klub Sportowy w Ustkowie.", "Ustkowski Klub Sportowy w Ustkowie", None),
        (
            "członkowie Łęczeszyckiego Stowarzyszenia Wędkarskiego oraz",
            "Łęczeszyckiego Stowarzyszenia Wędkarskiego",
            "Łęczeszyckie Stowarzyszenie Wędkarskie",
        ),
        ("przy PWSZ, Mościckiej Akademii III Wieku", "Mościckiej Akademii III Wieku", "Mościcka Akademia III Wieku"),
        # a compound adjective through an en dash (its first part an adverb to morfeusz) or a spaced hyphen
        (
            "339 tys zł trafi do Uniwersytetu Warmińsko–Mazurskiego w Olsztynie.",
            "Uniwersytetu Warmińsko–Mazurskiego w Olsztynie",
            "Uniwersytet Warmińsko-Mazurski w Olsztynie",
        ),
        (
            "boiska przy Zespole Szkolno - Przedszkolnym w Dzianiszu",
            "Zespole Szkolno - Przedszkolnym w Dzianiszu",
            "Zespół Szkolno-Przedszkolny w Dzianiszu",
        ),
        # a person's title that an adjective qualifies is a noun of the name (the state), not a person
        (
            "Muzeum Początków Państwa Polskiego w Gnieźnie – 237 000 zł",
            "Muzeum Początków Państwa Polskiego w Gnieźnie",
            None,
        ),
        # a parish's dedication names persons and their titles
        (
            "złożoną przez Parafię Najświętszego Serca Pana Jezusa.",
            "Parafię Najświętszego Serca Pana Jezusa",
            "Parafia Najświętszego Serca Pana Jezusa",
        ),
        # a sports club's acronym by its shape, with the club's name
        ("♦ KKS Włókniarz 9 000,00 zł", "KKS Włókniarz", "KKS Włókniarz"),
        ("oraz BKS Concordia Knurów", "BKS Concordia Knurów", None),
    ],
)
def test_names_of_local_bodies_read_whole(text, name, nominative):
    assert name in spans(text)
    if nominative is not None:
        assert canonical_name(name) == nominative


def test_a_list_of_parishes_one_per_line_is_one_body_per_line():
    text = "Parafia Najdroższej Krwi Pana Jezusa w Bystrej\nParafia Św. Bartłomieja w Lipowej\n"
    assert spans(text) == ["Parafia Najdroższej Krwi Pana Jezusa w Bystrej", "Parafia Św. Bartłomieja w Lipowej"]


def test_a_persons_title_before_a_name_still_ends_the_body():
    assert spans("Dotację dla Gminy Dźwierzuty Pani Marianna Kowalska odebrała.") == ["Gminy Dźwierzuty"]


@pytest.mark.parametrize("word", ["PKS", "KS", "UKS"])
def test_club_shape_leaves_listed_kinds_to_their_entries(word):
    from pipeline.extract.orgs.vocab import club_kind, type_acronyms

    assert (club_kind(word) is None) == (word in type_acronyms())


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Dotację otrzymało Muzeum Lubuskie im. J. Dekerta w Gorzowie Wlkp. – 126.094 zł",
            "Muzeum Lubuskie im. J. Dekerta w Gorzowie Wlkp.",
        ),
        (
            "Partnerem jest Diakonijna Spółka Zatrudnienia Sp. z o. o. z Kwilcza.",
            "Diakonijna Spółka Zatrudnienia Sp. z o. o.",
        ),
    ],
)
def test_a_seat_abbreviation_or_legal_form_keeps_its_full_stops(text, name):
    assert [m.text for m in find_org_mentions(text)] == [name]


def test_a_brand_written_with_a_lowercase_first_letter_is_a_name_word():
    assert spans("ze środków Fundacji mBanku w ramach programu") == ["Fundacji mBanku"]
    assert canonical_name("Fundacji mBanku") == "Fundacja mBanku"
    assert spans("Fundacja mieszkańców gminy") == []  # a lowercase common noun is no name word


@pytest.mark.parametrize(
    ("text", "name", "nominative"),
    [
        # the local units of national associations: the unit's kind, the association, the unit's own name or seat
        (
            "2. 1200 zł dla Oddziału PTTK Ziemi Pszczyńskiej na realizację projektu.",
            "Oddziału PTTK Ziemi Pszczyńskiej",
            "Oddział PTTK Ziemi Pszczyńskiej",
        ),
        ("Trasę wytyczył Pałucki Oddział PTTK w Żninie. To", "Pałucki Oddział PTTK w Żninie", None),
        ("Zawody zorganizował Okręg PZW w Tarnobrzegu.", "Okręg PZW w Tarnobrzegu", None),
        # TKKF's hearths register the acronym with their own name, as sports clubs do
        ("w wysokości 20.000 zł dla TKKF „Chemik” Żarów.", "TKKF „Chemik” Żarów", None),
        ("organizacji pozarządowych jak: TKKF Relaks, Związek", "TKKF Relaks", None),
        ("5 tys. złotych dla LOT Serce Kaszub na przewodnik.", "LOT Serce Kaszub", None),
    ],
)
def test_units_of_national_associations_keep_their_own_names(text, name, nominative):
    assert name in spans(text)
    assert canonical_name(name) == (nominative or name)


@pytest.mark.parametrize(
    ("written", "nominative"),
    [
        ("Głogów", "Głogów"),  # a town, not the genitive plural of głóg
        ("Gryfów Śląski", "Gryfów Śląski"),
        ("Szerzyny", "Szerzyny"),
        ("Grupę Wyszehradzką", "Grupa Wyszehradzka"),  # a common noun heads the name: inflected
    ],
)
def test_a_proper_noun_written_in_its_nominative_is_kept(written, nominative):
    assert canonical_name(written) == nominative


@pytest.mark.parametrize(
    ("written", "nominative"),
    [
        (
            "Szkoły Podstawowej im.Marii Konopnickiej w Ciciborze Dużym",
            "Szkoła Podstawowa im. Marii Konopnickiej w Ciciborze Dużym",
        ),
        ("Parafia pw.św.Anny", "Parafia pw. św. Anny"),
        ("Szkoła Podstawowa im. Jana Pawła II", "Szkoła Podstawowa im. Jana Pawła II"),
    ],
)
def test_a_patrons_mark_is_spaced_from_the_name(written, nominative):
    assert canonical_name(written) == nominative


@pytest.mark.parametrize(
    ("written", "nominative"),
    [
        # a lowercase adjective agreeing with the head is the head's (and capitalised as names are spelt)
        ("parafii katedralnej w Koszalinie", "Parafia Katedralna w Koszalinie"),
        ("Parafią rzymskokatolicką św. Katarzyny", "Parafia Rzymskokatolicka św. Katarzyny"),
        # after the first, an adjective agreeing with the noun after it is that noun's
        (
            "Komendy Powiatowej Państwowej Straży Pożarnej w Łasku",
            "Komenda Powiatowa Państwowej Straży Pożarnej w Łasku",
        ),
        ("Komendy Powiatowej Policji w Grójcu", "Komenda Powiatowa Policji w Grójcu"),
        (
            "Mechanizmu Finansowego Europejskiego Obszaru Gospodarczego",
            "Mechanizm Finansowy Europejskiego Obszaru Gospodarczego",
        ),
        # so is a coordination of adjectives before a noun, even the first's
        (
            "Wsparcia samorządowego i obywatelskiego wymiaru polskiej polityki zagranicznej",
            "Wsparcie samorządowego i obywatelskiego wymiaru polskiej polityki zagranicznej",
        ),
        ("Krajowego Funduszu Leśnego i Wodnego", "Krajowy Fundusz Leśny i Wodny"),
        # so is an ordinal, even the first
        ("Uniwersytetu Trzeciego Wieku w Łazach", "Uniwersytet Trzeciego Wieku w Łazach"),
        # the common noun's readings decide the agreement, not a proper name's ("Klub", feminine)
        ("Klub Wzajemnej Pomocy SZANSA", "Klub Wzajemnej Pomocy SZANSA"),
        # the adjectives before the head decide its number
        ("Polskich Sieci Elektroenergetycznych", "Polskie Sieci Elektroenergetyczne"),
        # an adjective already in the nominative is kept as written
        ("Moje Boisko Orlik 2012", "Moje Boisko Orlik 2012"),
        # two coordinated heads
        ("Gminy i Miasta Nisko", "Gmina i Miasto Nisko"),
        ("Miasta i Gminy Nekla", "Miasto i Gmina Nekla"),
        # a name that is one inflected proper noun
        ("Norwegię", "Norwegia"),
        ("Liechtensteinu", "Liechtenstein"),
        # a Roman numeral numbering the body
        ("II Liceum Ogólnokształcącym w Brzegu", "II Liceum Ogólnokształcące w Brzegu"),
        # adjectival participles agree like adjectives
        (
            "Zintegrowanego Programu Operacyjnego Rozwoju Regionalnego",
            "Zintegrowany Program Operacyjny Rozwoju Regionalnego",
        ),
        ("Wojewódzkiego Szpitala Zespolonego w Kielcach", "Wojewódzki Szpital Zespolony w Kielcach"),
        ("Nieprzetartego Szlaku", "Nieprzetarty Szlak"),
        # a head written in lowercase after its adjectives
        ("Rządowego programu wieloletniego „Senior+”", "Rządowy program wieloletni „Senior+”"),
        # the noun's lemma its adjectives agree with
        ("Cisi Pracownicy Krzyża", "Cisi Pracownicy Krzyża"),
        ("Ostrowieckim Browarze Kultury", "Ostrowiecki Browar Kultury"),
        # abbreviated heads
        ("pow. kłobucki", "Powiat Kłobucki"),
        ("woj. śląskie", "Województwo Śląskie"),
    ],
)
def test_nominative_agreement(written, nominative):
    assert canonical_name(written) == nominative


def test_a_roman_numeral_opens_a_numbered_school():
    assert spans("Projekt realizuje II Liceum Ogólnokształcące w Brzegu.") == ["II Liceum Ogólnokształcące w Brzegu"]
    # a patron's numeral ends the name before
    assert not any(s.startswith("II ") for s in spans("Stypendium im. Jana Pawła II Liceum w Brzegu przyznało"))


@pytest.mark.parametrize(
    ("written", "nominative"),
    [
        ("Parafii rzymskokatolickiej pw. św. Mikołaja", "Parafia Rzymskokatolicka pw. św. Mikołaja"),
        ("Parafia prawosławna w Białowieży", "Parafia Prawosławna w Białowieży"),
        ("Klubu sportowego Orzeł", "Klub Sportowy Orzeł"),
        ("Szkoła podstawowa nr 1", "Szkoła Podstawowa nr 1"),
        # not before a lowercase noun the adjective may modify, nor a preposition or conjunction
        ("Fundacja polskiej wsi", "Fundacja polskiej wsi"),
        ("Gmina i miasto Ulanów", "Gmina i miasto Ulanów"),
        ("Fundacja dla wsi", "Fundacja dla wsi"),
    ],
)
def test_the_adjectives_right_after_the_head_are_capitalised(written, nominative):
    assert canonical_name(written) == nominative
