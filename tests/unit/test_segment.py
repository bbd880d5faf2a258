"""Segmentation: every answer key's records (section, title, years) come out exactly, plus layout edge cases."""

from pathlib import Path

import pytest
import yaml

from pipeline.core.datatypes import Document
from pipeline.ingest.decode import read_document
from pipeline.segment.grants import grant_records
from pipeline.segment.lines import match_quoted
from pipeline.segment.records import item_title, sentence_years
from pipeline.segment.rules import description, segment
from pipeline.segment.vocab import config

ROOT = Path(__file__).resolve().parents[2]
GOLD = sorted(p for p in (ROOT / "tests" / "gold").glob("*.yaml") if p.name != "thresholds.yaml")


def _doc(text: str, doc_id: str = "t") -> Document:
    return Document(doc_id, f"{doc_id}.txt", text, "0" * 64, "utf-8")


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_records_match_answer_key(path):
    gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc = read_document(ROOT / gold["source_file"], ROOT)
    got = [(r.section, r.title, r.year_start, r.year_end) for r in segment(doc).records]
    want = [(g["section"], g["title"], g["year_start"], g["year_end"]) for g in gold["records"]]
    assert got == want


def test_source_page_blocks_keep_non_records(zmp_document):
    doc = zmp_document
    seg = segment(doc)
    kinds = [(b.kind, doc.text[b.char_start : b.char_end]) for b in seg.blocks]
    assert ("link", "Raport dostępny tutaj") in kinds
    assert ("chrome", "MULTIMEDIA") in kinds and ("chrome", "GALERIE MIAST") in kinds
    assert ("heading", "STARSZE PROJEKTY") in kinds
    assert [k for k, t in kinds if t.startswith("Związek Miast Polskich jest promotorem")] == ["intro"]
    assert all(doc.text[r.char_start : r.char_end].strip() for r in seg.records)


def test_title_with_description_on_the_same_line():
    text = "STARSZE\n\nOcena skutków strat (1997-1998) - grant USAID – 260 tys. USD, dla gmin.\n"
    doc = _doc(text)
    (rec,) = segment(doc).records
    assert (rec.title, rec.year_start, rec.year_end) == ("Ocena skutków strat", 1997, 1998)
    assert description(text, rec) == "grant USAID – 260 tys. USD, dla gmin."


def test_title_wrapped_over_lines_with_years_below():
    text = "Program na rzecz udziału władz w\nochronie klimatu\n(2008-9) - grant NFOŚiGW.\n"
    (rec,) = segment(_doc(text)).records
    assert rec.title == "Program na rzecz udziału władz w ochronie klimatu"
    assert (rec.year_start, rec.year_end) == (2008, 2009)


def test_prose_record_takes_its_title_after_pt():
    text = "INNE\n\nW 2006 r. Związek zrealizował projekt pt. Lepsza jakość usług. Projekt trwał rok.\n"
    (rec,) = segment(_doc(text)).records
    assert (rec.title, rec.year_start) == ("Lepsza jakość usług", 2006)


def test_body_paragraph_starting_with_a_year_is_not_a_record():
    text = "Projekt A (2015)\n\nOpis projektu.\nW 2015 r. projekt rozszerzono o kolejne gminy.\n"
    recs = segment(_doc(text)).records
    assert [r.title for r in recs] == ["Projekt A"]


def test_field_record_with_values_on_next_lines_and_period_years():
    text = (
        "PROJEKTY\n\nTytuł projektu:\nCzyste powietrze\nOkres realizacji:\n01.03.2021 - 31.12.2022\n"
        "Beneficjent:\nGmina X\n"
    )
    (rec,) = segment(_doc(text)).records
    assert (rec.title, rec.year_start, rec.year_end) == ("Czyste powietrze", 2021, 2022)
    assert [f[0] for f in rec.fields] == ["title", "period", "beneficiary"]
    assert text[rec.fields[2][1] : rec.fields[2][2]] == "Gmina X"


def test_crlf_and_nbsp_do_not_break_records():
    text = "Projekty\r\n\r\nProjekt A (2014-2015)\r\n\r\nOpis\u00a0projektu.\r\n\r\nProjekt B (2016)\r\n"
    recs = segment(_doc(text)).records
    assert [(r.title, r.year_start) for r in recs] == [("Projekt A", 2014), ("Projekt B", 2016)]
    assert all(not text[r.char_end - 1].isspace() for r in recs)


ONE_PROJECT_PAGE = """Menu
Strona główna

Harcerska wyprawa na Kresy

W lipcu drużyna z Opola wyjechała na dwutygodniowy obóz. Wzięło w nim udział 24 harcerzy.
Wyjazd sfinansowano ze środków Fundacji Orlen (12 000 zł).
"""


def test_a_page_with_no_record_layout_is_one_record_titled_by_its_heading():
    doc = _doc(ONE_PROJECT_PAGE)
    seg = segment(doc)
    assert [r.title for r in seg.records] == ["Harcerska wyprawa na Kresy"]
    rec = seg.records[0]
    assert doc.text[rec.title_start : rec.title_end] == "Harcerska wyprawa na Kresy"
    assert doc.text[rec.char_start : rec.char_end].endswith("(12 000 zł).")
    assert (rec.year_start, rec.year_end) == (None, None)
    # every non-blank line lies in exactly one record or block
    spans = sorted([(r.char_start, r.char_end) for r in seg.records] + [(b.char_start, b.char_end) for b in seg.blocks])
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    for line in filter(str.strip, doc.text.splitlines(keepends=True)):
        at = doc.text.index(line)
        assert any(s <= at < e for s, e in spans), line


def test_a_page_with_records_is_not_made_one_record():
    doc = _doc("Projekty\n\nBudowa boiska (2014-2015)\nOpis boiska.\n\nRemont świetlicy (2016)\nOpis remontu.\n")
    assert [r.title for r in segment(doc).records] == ["Budowa boiska", "Remont świetlicy"]


def test_a_one_project_page_is_titled_by_the_project_name_its_text_gives():
    text = (
        "W dniu 30.09.2020 r. Wójt Gminy podpisał umowę dotyczącą udzielenia pomocy finansowej na dofinansowanie "
        "zadania pn. „Modernizacja stadionu gminnego w Dźwierzutach”. Przyznana pomoc to kwota 31 500 zł.\n"
    )
    doc = _doc(text)
    (rec,) = segment(doc).records
    assert rec.title == "Modernizacja stadionu gminnego w Dźwierzutach"
    assert doc.text[rec.title_start : rec.title_end] == rec.title
    assert (rec.char_start, rec.char_end) == (0, len(text) - 1)


def test_figures_of_a_statistics_list_are_not_records():
    text = (
        "Przedstawiamy dane na temat realizacji programu „Powiat bez smogu”:\n\n"
        "  1. Wysokość przyznanych w 2021 roku dotacji: 198 000 zł\n"
        "  2. Liczba złożonych wniosków: 116\n"
    )
    seg = segment(_doc(text))
    assert [r.title for r in seg.records] == ["Powiat bez smogu"]  # the page is one programme record
    grants = "Dotacje 2021\n\n1. Stowarzyszenie Nasz Dom: remont świetlicy\n2. Klub Sportowy Orzeł: turniej\n"
    assert len(segment(_doc(grants)).records) == 2  # a label with words after it stays a record


def test_a_grant_list_item_is_titled_by_the_purpose_it_names_not_the_grantee():
    text = (
        "Granty 2020\n\n"
        "  • Koło Gospodyń Wiejskich w Grabicach realizuje grant pt. „Przebudowa świetlicy w Grabicach”\n"
        "  • Ochotnicza Straż Pożarna w Kamionie realizuje grant pt. „Termomodernizacja remizy”\n"
        "  • Stowarzyszenie Nasz Dom – remont placu zabaw\n"
    )
    titles = [r.title for r in segment(_doc(text)).records]
    assert titles == ["Przebudowa świetlicy w Grabicach", "Termomodernizacja remizy", "Stowarzyszenie Nasz Dom"]


def test_a_list_of_quoted_names_one_per_line_gives_a_record_per_name():
    text = (
        "Inicjatywy dofinansowane w 2019 roku:\n"
        '"Książka wszystkich zgierzan" (plik w formacie pdf) - artykuł;\n'
        '"Zgierski wehikuł czasu" - wydarzenie, galeria zdjęć;\n'
    )
    assert [r.title for r in segment(_doc(text)).records] == ["Książka wszystkich zgierzan", "Zgierski wehikuł czasu"]
    one = "Projekt pn. Wspólna sprawa.\n„Nasza wieś” – tak nazwaliśmy festyn.\nDziękujemy wszystkim.\n"
    assert [r.title for r in segment(_doc(one)).records] != ["Nasza wieś"]  # one quoted line is no list


def test_lowercase_items_of_an_enumeration_are_not_records():
    text = (
        "Informacja o realizacji projektu „Aktywizacja osób młodych”\n\n"
        "W ramach projektu realizowane są następujące formy wsparcia:\n"
        "- pośrednictwo pracy;\n- staże zawodowe;\n- szkolenia zawodowe.\n"
    )
    seg = segment(_doc(text))
    assert len(seg.records) == 1 and "staże zawodowe" in text[seg.records[0].char_start : seg.records[0].char_end]


GRANT_NEWS = (
    "Ogłoszono wyniki naboru. Dotacje otrzymały gminy powiatu.\n"
    "Gmina Komarówka Podlaska pozyskała 441 tys. zł na remont byłej plebanii w Komarówce Podlaskiej.\n"
    "Gmina Ulan-Majorat dostała 490 tys. zł na odnowienie ogrodzenia wokół placu kościelnego.\n"
    "Klub Sportowy Orzeł otrzymał 10 tys. zł. Klub będzie realizować zadanie „Piłka dla wszystkich”.\n"
    "Brak komentarza.\n"
)


def test_grant_news_gives_a_record_per_grant_sentence_titled_by_its_purpose():
    doc = _doc(GRANT_NEWS)
    seg = segment(doc)
    assert [r.title for r in seg.records] == [
        "remont byłej plebanii w Komarówce Podlaskiej",
        "odnowienie ogrodzenia wokół placu kościelnego",
        "Piłka dla wszystkich",
    ]
    assert doc.text[seg.records[2].char_start : seg.records[2].char_end].endswith("„Piłka dla wszystkich”.")
    assert [(b.kind, doc.text[b.char_start : b.char_end]) for b in seg.blocks] == [
        ("residue", "Ogłoszono wyniki naboru. Dotacje otrzymały gminy powiatu."),
        ("residue", "Brak komentarza."),
    ]


def test_a_grant_sentences_money_is_not_its_years():
    text = (
        "Rada Rodziców w Bartnikach na projekt „Zacisze” otrzymała dofinansowanie w wysokości 2000 złotych.\n"
        "Stowarzyszenie Gospodyń w Bartnikach dostało 2000 złotych na zakup głośnika w 2019 roku.\n"
    )
    years = [(r.year_start, r.year_end) for r in segment(_doc(text)).records]
    assert years == [(None, None), (2019, 2019)]  # the sentence's own "w 2019 roku", never "2000 złotych"


def test_one_grant_sentence_is_not_grant_news():
    text = "Gmina Wohyń dostała 98 tys. zł na prace konserwatorskie.\nTo dobra wiadomość dla parafii.\n"
    assert len(segment(_doc(text)).records) == 1  # the page is one record (one project)


def test_a_news_item_reporting_several_grants_is_grant_news():
    text = "Przeznaczono 124 tys. zł na sport\n\n23/03/2014 05:15\n" + GRANT_NEWS
    titles = [r.title for r in segment(_doc(text)).records]
    assert titles[-1] == "Piłka dla wszystkich" and len(titles) == 3


def test_dash_items_under_a_heading_are_grant_items_when_they_name_an_amount_or_a_title():
    grants = (
        "Dotacje otrzymają:\n\n"
        "– Stowarzyszenie „Tęcza” na realizację zadania pn. „Park Zdrojowy w technice reliefu”, kwota 1 940,00 zł,\n\n"
        "– Klub Malucha „KOT” na realizację zadania pn. „Przez sztukę do siebie”, kwota 3 050,00 zł.\n"
    )
    titles = [r.title for r in segment(_doc(grants)).records]
    assert titles == ["Park Zdrojowy w technice reliefu", "Przez sztukę do siebie"]
    people = "Konkurs grantowy 2007\n\nII edycja konkursu. Rada Programowa:\n\n– Tomasz Korga\n– Maria Górecka\n"
    assert [r.title for r in segment(_doc(people)).records] != ["Tomasz Korga", "Maria Górecka"]


def test_a_line_among_fields_does_not_start_a_record():
    text = (
        "Budowa sali gimnastycznej w Chorzowie\n\n"
        "Nazwa projektu: „Budowa sali gimnastycznej w Chorzowie”\n"
        "Wartość projektu: 3.173.465,69 zł\n"
        "Priorytet VIII „Infrastruktura edukacyjna”, Działanie 8.2\n"
        "Termin realizacji: 2009 – 2010r.\n"
    )
    assert len(segment(_doc(text)).records) == 1


def test_open_ended_year_entries_with_a_bar_and_their_paragraphs_and_parts():
    text = (
        "Nasze projekty\n\n2004 – nadal  |  Klub Dziecięco-Młodzieżowy „Szansa dla Każdego”\n\n"
        "Zadanie publiczne współfinansowane z budżetu Miasta Katowice.\n\n"
        "Wartość projektu – 2023 rok: 237 491,00 PLN\n\n2013 − 2014  |  Szkoła Równych Szans\n\n"
        "Projekt zrealizowany w partnerstwie z Zespołem Szkół Specjalnych nr 8.\n\n"
        "Realizacja projektu objęła zadania:\n\n"
        " • Szkolna Pracownia Internetowa – dodatkowe zajęcia pozalekcyjne z informatyki.\n"
        " • Szkolny Teatr Języka Angielskiego – dodatkowe zajęcia pozalekcyjne z języka angielskiego.\n"
    )
    records = segment(_doc(text)).records
    assert [(r.title, r.year_start, r.year_end) for r in records] == [
        ("Klub Dziecięco-Młodzieżowy „Szansa dla Każdego”", 2004, 2004),
        ("Szkoła Równych Szans", 2013, 2014),
    ]
    assert text[records[0].char_start : records[0].char_end].endswith("237 491,00 PLN")
    assert text[records[1].char_start : records[1].char_end].endswith("języka angielskiego.")


def test_a_colon_heading_before_dated_entries_stays_a_heading():
    text = (
        "Współpraca partnerska (Act4T, 2013)\n\nPartnerami w realizacji projektu byli Czeski Związek Miast.\n\n"
        "Pozostałe projekty:\n\n2009 Współpraca partnerska polskich samorządów\n\n2006 - Samorządy Trójkąta\n"
    )
    seg = segment(_doc(text))
    assert [(r.section, r.title) for r in seg.records] == [
        ("", "Współpraca partnerska (Act4T)"),
        ("Pozostałe projekty", "Współpraca partnerska polskich samorządów"),
        ("Pozostałe projekty", "Samorządy Trójkąta"),
    ]


def test_a_title_followed_by_bullets_of_its_figures_is_one_record():
    text = (
        "Zadania publiczne\n\nCztery pory roku\n\n"
        " • Chorągiew realizuje dwuletnie zadanie „Cztery pory roku – zajęcia ekologiczne”\n"
        " • W 2016 roku dla 450 harcerzy\n • W 2016 roku wartość projektu to 470 540 zł\n"
        " • Dofinansowanie ze środków PFRON wynosi 370 500 zł.\n\nGórska Przygoda\n\n"
        " • Chorągiew w 2017 realizowała projekt GÓRSKA PRZYGODA\n • Wartość projektu wynosiła 225 240 zł\n"
        " • Dofinansowanie ze środków PFRON 180 070,80 zł\n"
    )
    records = segment(_doc(text)).records
    assert [r.title for r in records] == ["Cztery pory roku", "Górska Przygoda"]
    assert text[records[1].char_start : records[1].char_end].endswith("180 070,80 zł")


def test_bullets_naming_grants_under_a_heading_stay_records():
    text = (
        "Dotacje 2021\n\n • Klub Sportowy Orzeł na zadanie pn. „Sport dla wszystkich” – 25 000 zł\n"
        " • Stowarzyszenie Razem na zadanie pn. „Zdrowy senior” – 12 000 zł\n"
    )
    assert [r.title for r in segment(_doc(text)).records] == ["Sport dla wszystkich", "Zdrowy senior"]


def test_headings_over_prose_paragraphs_under_a_year_heading_are_records():
    text = (
        "Wydarzenia\n\n2017\n\nLOTERIA FANTOWA „KONICZYNKA 2017”\n\n"
        "10 czerwca 2017 r. podczas Pikniku Szkolnego zorganizowaliśmy loterię fantową. Dochód wyniósł 2515 zł.\n\n"
        "Warsztaty carvingu\n\n8 lutego 2017 r. odbyły się warsztaty carvingu dla uczniów naszej szkoły.\n\n"
        "2016\n\nBAJKOWY CZAR ŚWIETLICY\n\nTo tytuł projektu realizowanego w naszej szkole w okresie wakacyjnym.\n"
    )
    seg = segment(_doc(text))
    assert [r.title for r in seg.records] == [
        "LOTERIA FANTOWA „KONICZYNKA 2017”",
        "Warsztaty carvingu",
        "BAJKOWY CZAR ŚWIETLICY",
    ]
    headings = [text[b.char_start : b.char_end] for b in seg.blocks if b.kind == "heading"]
    assert headings == ["Wydarzenia", "2017", "2016"]


def test_a_heading_over_an_intro_and_records_stays_a_heading():
    text = (
        "Projekty\n\nNASZE GRANTY\n\nStowarzyszenie od lat pozyskuje środki na działania w gminie.\n\n"
        "Akademia Sołtysa (2018)\n\nCzysta Gmina (2019-2020)\n"
    )
    seg = segment(_doc(text))
    assert [r.title for r in seg.records] == ["Akademia Sołtysa", "Czysta Gmina"]
    assert "NASZE GRANTY" in [text[b.char_start : b.char_end] for b in seg.blocks if b.kind == "heading"]


def test_a_project_card_restating_the_headline_title_is_the_same_record():
    text = (
        "Nauka nowej generacji. Start w lepszą przyszłość uczniów\n\n"
        "Gmina podpisała umowę o dofinansowanie projektu pn. „Nauka nowej generacji. Start w lepszą przyszłość "
        "uczniów”.\n\n"
        "Nr projektu: RPDS.10.02.01-02-0117/21\n"
        "Tytuł projektu: Nauka nowej generacji. Start w lepszą przyszłość uczniów.\n"
        "Całkowita wartość projektu: 462.858,75 zł\n"
    )
    seg = segment(_doc(text))
    assert [(r.title, r.char_start, r.char_end) for r in seg.records] == [
        ("Nauka nowej generacji. Start w lepszą przyszłość uczniów", 0, len(text) - 1)
    ]
    assert [b.kind for b in seg.blocks] == []


def test_two_records_with_one_title_and_no_card_stay_two():
    text = "Projekty\n\nMajówka (2010)\n\nFestyn dla mieszkańców.\n\nMajówka (2011)\n\nFestyn i koncert.\n"
    assert [(r.title, r.year_start) for r in segment(_doc(text)).records] == [("Majówka", 2010), ("Majówka", 2011)]


def test_a_call_results_page_gives_the_round_and_each_grantee_a_record():
    text = (
        "Działaj Lokalnie – wyniki naboru dodatkowego\n\n"
        "Uprzejmie informujemy, że w wyniku naboru dodatkowego wpłynęły 2 wnioski. Poniżej wyniki obrad komisji:\n\n"
        "1. „Spotkajmy się”, projekt grupy nieformalnej Nasz Pszczelin, kwota dofinansowania 5.000 zł\n\n"
        "2. „Po nitkach do kłębków”, projekt Koła Gospodyń Wiejskich w Golach, kwota dofinansowania 5.200 zł\n"
    )
    seg = segment(_doc(text))
    assert [r.title for r in seg.records] == [
        "Działaj Lokalnie – wyniki naboru dodatkowego",
        "Spotkajmy się",
        "Po nitkach do kłębków",
    ]
    assert text[seg.records[0].char_start : seg.records[0].char_end].endswith("obrad komisji:")


def test_a_heading_over_an_intro_without_round_words_stays_a_heading():
    text = (
        "Nasze projekty\n\nStowarzyszenie od lat realizuje projekty dla mieszkańców gminy.\n\n"
        "1. „Spotkajmy się” – spotkania seniorów\n\n2. „Po nitkach do kłębków” – warsztaty\n"
    )
    seg = segment(_doc(text))
    assert [r.title for r in seg.records] == ["Spotkajmy się", "Po nitkach do kłębków"]
    assert [text[b.char_start : b.char_end] for b in seg.blocks if b.kind == "heading"] == ["Nasze projekty"]


def test_a_grant_item_is_titled_by_the_task_it_names_in_polish_single_quotes():
    text = (
        "Dotację otrzymały:\n1. Stowarzyszenie na Rzecz Dzieci ‚Tęcza’ – na zadanie ‚Integracyjny plener malarski’ "
        "– 3 000,00 zł.\n"
        "2. Stowarzyszenie ‚Zaczynamy od Siebie’ – na zadanie ‚Obóz języka angielskiego’ – 7 483,00 zł.\n"
    )
    titles = [r.title for r in segment(_doc(text)).records]
    assert titles == ["Integracyjny plener malarski", "Obóz języka angielskiego"]


def test_a_programme_quoted_in_an_item_does_not_title_it():
    text = (
        "Rok 2017\n1) Radni w sieci – kurs dla radnych (Fundacja Batorego, program „Obywatele dla Demokracji”, "
        "96,4 tys. zł).\n2) Szkoła liderów – warsztaty (program „Działaj Lokalnie”, 12 tys. zł).\n"
    )
    assert [r.title for r in segment(_doc(text)).records] == ["Radni w sieci", "Szkoła liderów"]


def test_a_row_item_is_titled_without_its_place_and_its_cost_sentences():
    text = (
        "Lista projektów:\n1. Dobiegniew. Modernizacja układu komunikacyjnego centrum Dobiegniewa. Koszt - 4 mln zł. "
        "Dotacja - 3 mln zł.\n"
        "2. Gorzów Wielkopolski. Przebudowa ulicy Wyszyńskiego w Gorzowie Wlkp. Koszt - 60 mln zł.\n"
        "3. Kostrzyn nad Odrą. Przebudowa drogi powiatowej. Wartość projektu 2 mln zł.\n"
    )
    assert [r.title for r in segment(_doc(text)).records] == [
        "Modernizacja układu komunikacyjnego centrum Dobiegniewa",
        "Przebudowa ulicy Wyszyńskiego w Gorzowie Wlkp.",
        "Przebudowa drogi powiatowej",
    ]


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        pytest.param(  # the title runs to the slash before its place
            "Projekty:\n• 3D – Doświadczanie. Dotykanie. Drukowanie / Radom, subregion radomski\n"
            "• Poznajemy teatr / Łączany, powiat radomski\n",
            ["3D – Doświadczanie. Dotykanie. Drukowanie", "Poznajemy teatr"],
            id="slash-before-place",
        ),
        pytest.param(  # ``wodno – ściekowej`` is one word written with a spaced dash; ``X – task`` is two parts
            "Inwestycje:\n1. Rozwój gospodarki wodno – ściekowej w Gminie Trawniki\n"
            "2. Świetlica w Kłodawie – remont dachu\n",
            ["Rozwój gospodarki wodno – ściekowej w Gminie Trawniki", "Świetlica w Kłodawie"],
            id="compound-adjective-through-a-spaced-dash",
        ),
        pytest.param(  # the semicolon or stop that ends the item is left out
            "Zadania 2020:\n1. Teczka rocznicowa 2020;\n2. Wsparcie dla Ogniska Polskiego w Dublinie.\n"
            "3. Przebudowa ulicy w Gorzowie Wlkp.\n",
            [
                "Teczka rocznicowa 2020",
                "Wsparcie dla Ogniska Polskiego w Dublinie",
                "Przebudowa ulicy w Gorzowie Wlkp.",
            ],
            id="semicolon-or-stop-at-the-end",
        ),
    ],
)
def test_list_item_titles(text, titles):
    assert [r.title for r in segment(_doc(text)).records] == titles


def test_year_paragraphs_of_an_annual_report_that_report_a_purchase_or_a_grant_are_records():
    text = (
        "Biblioteka bierze udział w realizacji zadania Zakup Nowości Wydawniczych.\n\n"
        "W 2009 r. z dotacji w wysokości 2.105 zł Biblioteka zakupiła 115 woluminów.\n\n"
        "W 2010 r. Gmina otrzymała 2.100 zł na zakup 97 woluminów.\n"
    )
    records = segment(_doc(text)).records
    assert [(r.year_start, text[r.char_start : r.char_start + 9]) for r in records] == [
        (2009, "W 2009 r."),
        (2010, "W 2010 r."),
    ]


def test_grant_news_in_the_first_person_plural_with_two_grants_in_one_sentence():
    text = (
        "W naszej gminie dotacje otrzymał kościół w Czarnej Dąbrówce w wysokości 400 tys. zł "
        "na prace konserwatorskie.\n\n"
        "Ponadto otrzymaliśmy także 196 tys. zł na odnowienie kościoła parafialnego p.w. św. Andrzeja Boboli "
        "w Rokitach "
        "oraz 147 tys. zł na remont budynku kościoła parafialnego pw. św. Antoniego w Nożynie.\n"
    )
    records = segment(_doc(text)).records
    assert [r.title for r in records] == [
        "prace konserwatorskie",
        "odnowienie kościoła parafialnego p.w. św. Andrzeja Boboli w Rokitach",
        "remont budynku kościoła parafialnego pw. św. Antoniego w Nożynie",
    ]
    assert text[records[2].char_start :].startswith("oraz 147 tys. zł")


def test_a_grant_that_was_awarded_in_the_passive_is_a_grant_sentence():
    text = (
        "Rekordowa dotacja wynosząca 100 000 zł została przyznana na remont elewacji kościoła w Kuleszach.\n\n"
        "Uniwersytet Medyczny otrzymał 80 000 zł na konserwację Pałacu Branickich.\n"
    )
    titles = [r.title for r in segment(_doc(text)).records]
    assert titles == ["remont elewacji kościoła w Kuleszach", "konserwację Pałacu Branickich"]


def test_a_sentence_contrasting_two_grantees_gives_a_record_each():
    text = (
        "Klub Kwisa na popularyzację kajakarstwa otrzymał 41,5 tys. zł.\n\n"
        "Stowarzyszenie Be Active na aktywizację mieszkańców uzyskał 5 tys. zł, a Stowarzyszenie Marzenie "
        "na zadanie „Po zdrowie z Kubusiem” - 4 tys. zł.\n"
    )
    records = segment(_doc(text)).records
    titles = [r.title for r in records]
    assert titles == ["popularyzację kajakarstwa", "aktywizację mieszkańców", "Po zdrowie z Kubusiem"]
    assert text[records[2].char_start :].startswith("a Stowarzyszenie Marzenie")


def test_grantee_task_amount_lines_are_records_titled_by_the_task():
    text = (
        "Wnioski rekomendowane przez Wojewodę:\n\n"
        "Powiat Lubartowski - Nazwa zadania: „Szpital wspólnym dobrem” - Inwestycja obejmie budynki - 3 000 000 zł.\n\n"
        "Gmina Serniki - Budowa kanalizacji sanitarnej w miejscowości\nNowa Wieś - 3 000 000.\n\n"
        "Miasto i gmina Kamionka - Budowa stadionu miejskiego w Kamionce - 1 200 000 zł.\n"
    )
    records = segment(_doc(text)).records
    assert [r.title for r in records] == [
        "Szpital wspólnym dobrem",
        "Budowa kanalizacji sanitarnej w miejscowości",
        "Budowa stadionu miejskiego w Kamionce",
    ]
    assert text[records[1].char_start : records[1].char_end].endswith("Nowa Wieś - 3 000 000.")


def test_a_lone_dash_line_with_an_amount_is_not_a_grant_list():
    text = "Aktualności\n\nGmina Serniki - Budowa kanalizacji sanitarnej w Nowej Wsi - 3 000 000 zł.\n"
    titles = [r.title for r in segment(_doc(text)).records]  # a news item: the page's one record, its line the title
    assert titles == ["Gmina Serniki - Budowa kanalizacji sanitarnej w Nowej Wsi"]  # without its closing amount


def test_a_table_of_one_cell_per_line_gives_a_record_per_numbered_row():
    cells = [
        "Pozycja", "Nr wniosku", "Nazwa wniosku", "Liczba punktów",
        "1.", "4/I-ORW/PROW/10", "Budowa boiska wielofunkcyjnego", "78",
        "2.", "1/I-ORW/PROW/10", "Modernizacja świetlicy w m. Późna", "75",
    ]  # fmt: skip
    text = "Lista ocenionych wniosków złożonych w naborze.\n\n" + "\n\n".join(cells) + "\n"
    seg = segment(_doc(text))
    assert [r.title for r in seg.records] == ["Budowa boiska wielofunkcyjnego", "Modernizacja świetlicy w m. Późna"]
    assert (
        text[seg.records[1].char_start : seg.records[1].char_end]
        == "2.\n\n1/I-ORW/PROW/10\n\nModernizacja świetlicy w m. Późna\n\n75"
    )
    assert [text[b.char_start : b.char_end] for b in seg.blocks if b.kind == "table_header"] == [
        "Pozycja\n\nNr wniosku\n\nNazwa wniosku\n\nLiczba punktów"
    ]


def test_a_paragraph_naming_a_project_then_its_year_and_costs_is_a_record():
    text = (
        "Zrealizowane projekty\n\nRok 2010:\n\n"
        ",,Majówka 2010” – rok 2010 , koszty ogólne 11999,87 zł ( dofinansowanie 8399,90 zł). Festyn dla wsi.\n\n"
        "Rok 2013:\n\nDbajmy o lokalną historię -rok 2013, koszty ogólne 35680,00 (dofinansowanie 24764,88 zł).\n\n"
        "W ramach projektu wydano skrypt.\n"
    )
    records = segment(_doc(text)).records
    assert [(r.title, r.year_start, r.year_end) for r in records] == [
        ("Majówka 2010", 2010, 2010),
        ("Dbajmy o lokalną historię", 2013, 2013),
    ]
    assert text[records[1].char_start : records[1].char_end].endswith("wydano skrypt.")


def test_a_grant_sentence_is_titled_by_the_quoted_name_after_na_with_or_without_a_noun():
    text = (
        'Stowarzyszenie "Bike Family Team" na działania "Droga ku Pucharom" otrzymało 5 tys. zł.\n\n'
        'Oldboys Skokowa na "aktywność młodzieży oraz osób starszych" otrzymał 2 tys. zł.\n'
    )
    titles = [r.title for r in segment(_doc(text)).records]
    assert titles == ["Droga ku Pucharom", "aktywność młodzieży oraz osób starszych"]


def test_a_title_line_that_labels_its_name_gives_the_name():
    text = (
        "Dotacje dla kół gospodyń\n\nZadanie pod tytułem: Zakup strojów folkowych dla członków Koła”\n"
        "Termin: lipiec 2022\n\nProjekt pn. „Aktywne KGW”\nTermin: sierpień 2022\n"
    )
    titles = [r.title for r in segment(_doc(text)).records]
    assert titles == ["Zakup strojów folkowych dla członków Koła", "Aktywne KGW"]


def test_one_record_below_the_pages_own_prose_makes_the_page_one_record():
    text = (
        "Zaczynamy!!!\n\nW marcu podpisaliśmy umowę na realizację projektu „Zielona półka”, który realizować będziemy "
        "do końca czerwca w partnerstwie ze słowacką gminą Oravska Polhora, z myślą o czytelnikach.\n\n"
        "Dofinansowanie projektu pochodzi ze środków Europejskiego Funduszu Rozwoju Regionalnego\n\n"
        "Projekt łączy pierwiastki kulturowe i przyrodnicze. Jego wartość to 20 000 zł.\n"
    )
    records = segment(_doc(text)).records
    assert [(r.title, r.char_start, r.char_end) for r in records] == [("Zielona półka", 0, len(text) - 1)]


def test_a_rounds_report_keeps_its_opening_line_as_title_not_a_grants_quoted_name():
    text = (
        "III edycję konkursu Fundacja ogłosiła 3 marca 2010 roku.\n"
        "Do biura wpłynęło 30 wniosków na łączną sumę 500 000 zł.\n\n"
        "Z grantu zrezygnowało Stowarzyszenie Razem, któremu przyznano 9 000 zł na program „Zielony ogród”.\n"
    )
    titles = [r.title for r in segment(_doc(text)).records]
    assert titles == ["III edycję konkursu Fundacja ogłosiła 3 marca 2010 roku."]


def test_a_one_project_page_keeps_the_quoted_name_further_down():
    text = (
        "Miasto podpisało umowę z Wojewodą o utworzenie ośrodka wsparcia dla osób starszych.\n\n"
        "W związku z realizacją programu „Senior+” Miastu przyznano dotację w wysokości 100 000 zł.\n"
    )
    titles = [r.title for r in segment(_doc(text)).records]
    assert titles == ["Senior+"]


def test_a_records_years_come_from_its_first_sentence():
    text = (
        "Nasze projekty\n\n"
        "Górska Przygoda\n\n"
        " • Chorągiew w 2017 realizowała projekt Górska Przygoda dla 265 uczestników.\n"
        " • Wartość projektu wynosiła 225 240 zł\n\n"
        "Letnia Szkoła\n\n"
        " • Zadanie było realizowane w okresie 1 lipca 2015 r. – 30 listopada 2016 r.\n"
        " • Wartość zadania wynosiła 12 000 zł\n"
    )
    records = segment(_doc(text)).records
    assert [(r.title, r.year_start, r.year_end) for r in records] == [
        ("Górska Przygoda", 2017, 2017),
        ("Letnia Szkoła", 2015, 2016),
    ]


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("18 października 2018 r. odbyło się uroczyste podpisanie umowy o przyznanie pomocy.", (2018, None)),
        ("W dniu 30.09.2020 r. Wójt Gminy podpisał umowę o dotację.", (2020, None)),
        ("W roku 2019 zainicjowano drugą edycję programu.", (2019, None)),
        ("10 czerwca 2017 r. podczas Pikniku zorganizowaliśmy loterię fantową.", (2017, 2017)),
        ("Chorągiew w 2017 realizowała projekt.", (2017, 2017)),
        ("Projekt otrzymał dofinansowanie, realizowany w latach 2019-2021.", (2019, 2021)),
        ("Od 1 lipca 2015 r. do 30 listopada 2016 r. trwały zajęcia.", None),
    ],
)
def test_the_years_a_sentence_gives_are_start_only_after_a_starting_act(sentence, years):
    assert sentence_years(sentence, config()) == years


def test_a_one_project_page_opening_with_a_dated_signing_starts_that_year():
    text = (
        "W dniu 30.09.2020 r. Wójt Gminy podpisał umowę o dofinansowanie zadania pn. „Modernizacja Stadionu”.\n\n"
        "Wartość zadania wynosi 100 000 zł.\n"
    )
    records = segment(_doc(text)).records
    assert [(r.title, r.year_start, r.year_end) for r in records] == [("Modernizacja Stadionu", 2020, None)]


def test_an_images_placeholder_line_is_never_a_records_title():
    text = (
        "image\n\n"
        "od listopada 2013 do kwietnia 2016 zrealizowano 617 projektów na łączną kwotę 131 mln zł\n\n"
        "image\n\n"
        "w realizację projektu zaangażowanych było 667 organizacji\n\n"
        "baner_programu_1200.png\n"
    )
    titles = [r.title for r in segment(_doc(text)).records]
    assert titles and "image" not in titles and all(not t.endswith(".png") for t in titles)


def test_grantees_joined_in_one_sentence_are_each_a_grant():
    text = (
        "Środki przyznano również instytucjom: Uniwersytet Medyczny w Białymstoku otrzymał 80 000 zł na prace "
        "budowlane przy pałacu, Muzeum Przyrody w Drozdowie otrzymało 60 000 zł na przebudowę części dworkowej.\n\n"
        "Beneficjentami także zostali: Parafia pw. Św. Ap. Jakuba w Łosince, kwotę 30000 zł przyznano na prace "
        "konserwatorskie przy ikonie oraz Parafia pw. Podwyższenia Krzyża w Kożanach, 50 000 zł zostanie "
        "przyznane na remont ogrodzenia przy cerkwi.\n"
    )
    records = grant_records(text, 0, len(text), config())
    assert [text[g.title_start : g.title_end] for g in records] == [
        "prace budowlane przy pałacu",
        "przebudowę części dworkowej",
        "prace konserwatorskie przy ikonie",
        "remont ogrodzenia przy cerkwi",
    ]


def test_a_grant_purpose_runs_past_a_capitalised_abbreviation():
    text = (
        "Parafia w Kuleszach otrzymała 100 000 zł na remont elewacji kościoła pw. Św. Bartłomieja Ap. w Kuleszach. "
        "Parafia w Krypnie otrzymała 60 000 zł na prace konserwatorskie wnętrza kościoła.\n"
    )
    records = grant_records(text, 0, len(text), config())
    assert [text[g.title_start : g.title_end] for g in records] == [
        "remont elewacji kościoła pw. Św. Bartłomieja Ap. w Kuleszach",
        "prace konserwatorskie wnętrza kościoła",
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "„Wspieranie sportu – Klub Sportowy „Budowlani” Wojcieszów”.",
            "Wspieranie sportu – Klub Sportowy „Budowlani” Wojcieszów",
        ),
        (
            "„Utrzymanie obiektów Klubu Sportowego ”Orzeł” Wojcieszów”, 5 000 zł",
            "Utrzymanie obiektów Klubu Sportowego ”Orzeł” Wojcieszów",
        ),
        ("„Zielony ogród” oraz „Bezpieczny senior”.", "Zielony ogród"),
        ("„Bezpieczny senior” – projekt gminy", "Bezpieczny senior"),
    ],
)
def test_a_quoted_name_keeps_a_name_quoted_inside_it(text, name):
    q = match_quoted(text)
    assert q is not None and q["q"] == name


def test_a_line_ending_in_its_funding_programme_years_is_no_title_with_years():
    text = (
        "Informacja o projekcie\n\n"
        "Urząd Pracy realizuje projekt pod nazwą „Aktywizacja osób młodych (V)”, współfinansowany ze środków EFS, "
        "w ramach Programu Operacyjnego Wiedza Edukacja Rozwój (2014-2020) – Działanie 1.1.\n\n"
        "Całkowita wartość projektu w 2020 roku wynosi 1.157.870,36 zł, w tym:\n"
        "– dofinansowanie ze środków EFS wynosi 975.853,14 zł,\n\n"
        "Projekt adresowany jest do min. 106 osób młodych.\n"
    )
    records = segment(_doc(text)).records
    assert [r.title for r in records] == ["Aktywizacja osób młodych (V)"]
    assert records[0].year_start != 2014 and records[0].char_end == len(text) - 1


def test_a_pages_only_record_runs_on_through_the_headings_and_paragraphs_below_it():
    text = (
        "Informacja o projekcie\n\n"
        "Urząd Pracy realizuje projekt pod nazwą „Aktywizacja osób młodych (V)”, współfinansowany ze środków EFS.\n\n"
        "Okres realizacji projektu: od 01.01.2020r. do 31.03.2021r.\n\n"
        "Całkowita wartość projektu w 2020 roku wynosi 1.157.870,36 zł, z czego:\n\n"
        "– dofinansowanie ze środków EFS wynosi 975.853,14 zł,\n"
        "– dofinansowanie z wkładu krajowego wynosi 182.017,22 zł.\n\n"
        "Głównym celem projektu jest zwiększenie możliwości zatrudnienia osób młodych.\n\n"
        "W ramach projektu realizowane są następujące formy wsparcia:\n\n"
        " • pośrednictwo pracy / poradnictwo zawodowe;\n"
        " • staże zawodowe;\n"
    )
    records = segment(_doc(text)).records
    assert [(r.title, r.char_end) for r in records] == [("Aktywizacja osób młodych (V)", len(text) - 1)]
    assert (records[0].year_start, records[0].year_end) == (2020, 2021)  # from its Okres realizacji field


def test_an_attachments_heading_is_never_a_record():
    text = (
        "Podsumowanie naboru\n\n"
        "W naborze złożono 120 wniosków na projekty wymian młodzieży, dofinansowanie otrzymało 40 projektów.\n\n"
        "Załączniki\n\n\n"
        "Masz pytanie?\n"
    )
    titles = [r.title for r in segment(_doc(text)).records]
    assert "Załączniki" not in titles and len(titles) == 1


def test_a_grants_title_is_the_name_its_title_marker_quotes():
    text = (
        "Najwięcej, bo 101 tys. zł, otrzymał LKS Dąb. Klub będzie realizować zadanie „Piłka nożna dla dzieci”.\n"
        "73 tys. zł otrzymają piłkarze ręczni. KS Szczypiorniak planuje przeprowadzić inicjatywę zatytułowaną "
        "„Piłka ręczna – sport dla wszystkich”.\n"
    )
    records = grant_records(text, 0, len(text), config())
    assert [text[g.title_start : g.title_end] for g in records] == [
        "Piłka nożna dla dzieci",
        "Piłka ręczna – sport dla wszystkich",
    ]


def test_a_sentence_summing_the_grants_up_is_no_grant():
    text = (
        "Prawie 200 tys. zł otrzymały kluby z terenu gminy na realizację zadań z zakresu sportu. "
        "Najwięcej, bo 101 tys. zł, otrzymał LKS Dąb na zadanie „Piłka nożna”. "
        "73 tys. zł otrzymał KS Szczypiorniak na zadanie „Piłka ręczna”.\n"
    )
    records = grant_records(text, 0, len(text), config())
    assert [text[g.title_start : g.title_end] for g in records] == ["Piłka nożna", "Piłka ręczna"]


def test_one_grantees_approximate_amount_is_still_a_grant():
    text = (
        "Klub Dąb otrzymał ponad 50 tys. zł na zadanie „Piłka nożna”. "
        "Klub Orzeł otrzymał 20 tys. zł na zadanie „Piłka ręczna”. Łącznie 70 tys. zł otrzymały dwa kluby.\n"
    )
    records = grant_records(text, 0, len(text), config())
    assert [text[g.title_start : g.title_end] for g in records] == ["Piłka nożna", "Piłka ręczna"]


def test_a_paragraph_with_money_between_grant_paragraphs_is_one_more_grant_but_a_total_is_not():
    text = (
        "Gmina Iksowo otrzyma 30 tys. zł na remont dachu świetlicy.\n"
        "W parafii w Igrekowie przewidziano prace konserwatorskie. Kwota wsparcia wynosi 39,9 tys. zł.\n"
        "Stowarzyszenie Zet otrzymało 12 tys. zł na organizację festynu.\n"
        "Ok. 40 tys. zł wesprze parafię w Machowej, gdzie zaplanowano konserwację polichromii.\n"
        "W sumie na zadania z zakresu kultury przeznaczono 122 tys. zł.\n"
    )
    records = grant_records(text, 0, len(text), config())
    assert [text[g.start : g.start + 20] for g in records] == [
        "Gmina Iksowo otrzyma",
        "W parafii w Igrekowi",
        "Stowarzyszenie Zet o",
        "Ok. 40 tys. zł wespr",
    ]


def test_skip_link_is_chrome_and_lowercase_bullets_with_task_and_amount_are_grants():
    text = (
        "Skip to main content\n\n"
        "Nasze stowarzyszenie otrzymało dofinansowanie do dwóch konkursów:\n\n"
        "  • w zakresie kultury na zadanie „Spotkajmy się w Gminie” w wysokości 21000,00 złotych\n"
        "  • w zakresie rozwoju wspólnot „Młodzieżowe mobilizatory” w wysokości 10000 złotych.\n"
    )
    seg = segment(_doc(text))
    assert [b.kind for b in seg.blocks if text[b.char_start : b.char_end] == "Skip to main content"] == ["chrome"]
    assert [text[r.char_start : r.char_start + 30] for r in seg.records] == [
        "• w zakresie kultury na zadani",
        "• w zakresie rozwoju wspólnot ",
    ]


def test_lowercase_bullets_without_an_amount_stay_an_enumeration():
    text = "Projekt „Aktywni” (2019)\nW ramach projektu zorganizowano:\n- staże zawodowe „Praca”;\n- szkolenia;\n"
    assert [r.title for r in segment(_doc(text)).records] == ["Projekt „Aktywni”"]


@pytest.mark.parametrize(
    ("item", "task"),
    [
        ("Stowarzyszenie Emerytowanych Policjantów w Gołdapi – Figle-migle.", "Figle-migle"),
        (
            "Gmina Lubrza „Modernizacja plaży gminnej nad jeziorem Goszcza” realizacja zadania",
            "Modernizacja plaży gminnej nad jeziorem Goszcza",
        ),
        (
            "Biblioteka Publiczna w Gołdapi – grupa nieformalna: Aktywni – Jedwab-nie w bibliotece.",
            "Jedwab-nie w bibliotece",
        ),
        ("Stowarzyszenie „Mazurski Zakątek” – Warsztaty szycia", "Warsztaty szycia"),
        ("Ochotnicza Straż Pożarna w Lisach – Lisowe zajęcia – 5 000 zł", "Lisowe zajęcia – 5 000 zł"),
        ("Akademia Skarbnika – warsztaty z wieloletniej prognozy finansowej", None),
        (
            "Koło Gospodyń Wiejskich w Strzebieszewie „Integracja pod chmurką”\nW ramach projektu ...",
            "Integracja pod chmurką",
        ),
        (
            "Stowarzyszenie „Mazurski Zakątek” – „Jeśli nie możesz robić rzeczy wielkich” warsztaty",
            "Jeśli nie możesz robić rzeczy wielkich",
        ),
        ("Budowa drogi gminnej – Gmina Lubrza", None),
    ],
)
def test_an_item_that_opens_with_its_grantee_is_titled_by_its_task(item, task):
    from pipeline.segment.grantee import task_after_grantee

    span = task_after_grantee(item, 0, len(item))
    assert (item[span[0] : span[1]] if span else None) == task


def test_grantee_list_items_are_titled_by_task_and_amount_is_cut():
    text = (
        "Zestawienie wniosków, które otrzymały dofinansowanie:\n"
        "1. Stowarzyszenie Emerytowanych Policjantów w Gołdapi – Figle-migle – 3 000 zł\n"
        "2. Ochotnicza Straż Pożarna w Lisach – Lisowe zajęcia – 2 500 zł\n"
    )
    assert [r.title for r in segment(_doc(text)).records] == ["Figle-migle", "Lisowe zajęcia"]


def test_numbered_entries_with_quoted_titles_after_a_news_opening_are_records_with_their_parts():
    text = (
        "Podpisanie umów Działaj Lokalnie 2024\n"
        "W dniu 12 czerwca 2024 roku Zarząd LGD podpisał 8 umów na realizację projektów.\n"
        "1. Koło Gospodyń Wiejskich w Strzebieszewie „Integracja pod chmurką”\n"
        "W ramach projektu stowarzyszenie planuje zakupić namiot i stół. W ramach projektu odbędą się 4 spotkania:\n"
        "- Nauka haftu krzyżykowego w plenerze.\n"
        "- Rozgrywki szachowe.\n"
        "2. Ochotnicza Straż Pożarna w Domaniewicach, „Młodzieżowe Lato Offline”\n"
        "W ramach projektu OSP planuje spływ kajakowy.\n"
    )
    starts = [text[r.char_start : r.char_start + 12] for r in segment(_doc(text)).records]
    assert starts == ["Podpisanie u", "1. Koło Gosp", "2. Ochotnicz"]


def test_a_salutation_is_never_the_title_of_a_one_record_page():
    text = (
        "Szanowni Państwo\n\n"
        "Rozstrzygnęliśmy II edycję konkursu na minigranty do 500 zł na inicjatywy młodzieżowe.\n\n"
        "Na konkurs wpłynęło 39 wniosków, a Komisja Grantowa wyłoniła do dofinansowania 33 wnioski.\n"
    )
    (record,) = segment(_doc(text)).records
    assert record.title.startswith("Rozstrzygnęliśmy II edycję konkursu")
    assert config().salutation.match("Drodzy Mieszkańcy,") and not config().salutation.match("Drogi dojazdowe")


def test_a_page_opening_with_one_long_legal_sentence_still_gets_a_record():
    text = (
        "Zgodnie z § 4 ust. 3 Załącznika Nr 1 do Rocznego Programu Współpracy Gminy z organizacjami "
        "pozarządowymi oraz innymi podmiotami, o których mowa w art. 3 ust. 3 ustawy o działalności pożytku "
        "publicznego i o wolontariacie, Burmistrz podaje do publicznej wiadomości rozstrzygnięcie otwartego "
        "konkursu na realizację zadań publicznych w roku 2015:\n\n"
        "1. W zakresie pomocy społecznej przyznana została dotacja w wysokości 5.000,00 zł.\n"
    )
    (record,) = segment(_doc(text)).records
    assert len(record.title) <= config().max_title and record.title.startswith("Zgodnie z § 4 ust. 3")


def test_rows_under_an_lp_header_are_records_dated_by_a_bare_year_heading():
    text = (
        "2008\n\n"
        "Rok 2008 należał do najbardziej udanych w gminie. Do zrealizowanych zadań należy zaliczyć:\n\n"
        "Budowa i modernizacja dróg gminnych:\n\n"
        "Lp. rodzaj i miejsce zadania\n"
        "1 Przebudowa drogi Wierzbica – Mirów\n"
        "2 Modernizacja drogi Łączany – Podgórki\n\n"
        "Oświetlenie w gminie:\n\n"
        "Lp. rodzaj i miejsce zadania\n"
        "1 Oświetlenie dróg gminnych\n"
    )
    seg = segment(_doc(text))
    assert [(r.title, r.year_start, r.year_end) for r in seg.records] == [
        ("Przebudowa drogi Wierzbica – Mirów", 2008, 2008),
        ("Modernizacja drogi Łączany – Podgórki", 2008, 2008),
        ("Oświetlenie dróg gminnych", 2008, 2008),
    ]
    assert [b.kind for b in seg.blocks].count("table_header") == 2


def test_a_bare_year_heading_does_not_date_a_grant_list_with_amounts():
    text = (
        "2020 rok\n\n"
        "Na realizację zadania wnioski złożyły następujące organizacje, którym przyznano dotację:\n\n"
        "  1. Stowarzyszenie Ogrodowe Pod Grzybem – 7.500 zł,\n"
        "  2. Stowarzyszenie Ogrodowe Nad Stawem – 7.500 zł,\n"
    )
    assert [r.year_start for r in segment(_doc(text)).records] == [None, None]


def test_a_project_cards_start_and_end_lines_are_its_fields_not_records():
    text = (
        "Poznaj Polskę\n\nGmina Iksowo otrzymała dotację celową na realizację w 2022 r. przedsięwzięcia pn. "
        "„Poznaj Polskę”.\n\nGrupa docelowa:\n\nProjekt jest skierowany do uczniów szkół.\n\n"
        "Środki finansowe, wysokość dofinansowania:\n\n  • Całkowita wartość projektu: 500 957 zł\n"
        "  • Wkład Miasta: 100 193 zł\n\nTermin realizacji:\n\n"
        "  • Termin rozpoczęcia realizacji projektu: 04-10-2022\n"
        "  • Termin zakończenia realizacji projektu: 15-12-2022\n"
    )
    seg = segment(_doc(text))
    assert [r.title for r in seg.records] == ["Poznaj Polskę"]


def _grant_titles(text: str) -> list[str]:
    return [text[g.title_start : g.title_end] for g in grant_records(text, 0, len(text), config())]


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        (  # applications for an amount are grant sentences
            "Ochotnicza Straż Pożarna Gwda Wielka wnioskowała o 6000 zł na zakup automatycznego defibrylatora. "
            "Stowarzyszenie Klub Sportowy Wilcze Laski wnioskowało o 3000 zł na turniej futbolu stołowego.\n",
            ["zakup automatycznego defibrylatora", "turniej futbolu stołowego"],
        ),
        (  # a grant that names no task: the aim the next sentence states
            "K.S. Złoczewia w Złoczewie otrzyma 29 tys. zł. Celem popularyzacja piłki nożnej wśród mieszkańców.\n"
            "K.S. Iskra Stolec otrzyma z kolei 23 tys. zł. Celem zadania jest organizacja turnieju dla dzieci.\n",
            ["popularyzacja piłki nożnej wśród mieszkańców", "organizacja turnieju dla dzieci"],
        ),
        (  # a purpose opening with the kind of task: the name after the kind noun, not a description
            "Fundacja Psia Łapa otrzymała 2000 zł na zadanie bieg po karmę. "
            "Klub Szachowy Wieża otrzymał 1500 zł na projekt szachy dla młodzieży. "
            "Stowarzyszenie Razem otrzymało 3000 zł na zadanie publiczne w zakresie sportu.\n",
            ["bieg po karmę", "szachy dla młodzieży", "zadanie publiczne w zakresie sportu"],
        ),
    ],
)
def test_grant_sentences_and_their_titles(text, titles):
    assert _grant_titles(text) == titles


@pytest.mark.parametrize(
    "line", ["Zredagował(a) on 14 grudnia 2020", "Dodana: 11 lipiec 2022 10:59", "Opublikowano: 2019-05-06"]
)
def test_a_byline_is_chrome(line):
    text = f"{line}\n\nGmina Iksowo otrzymała 30 tys. zł na remont świetlicy wiejskiej w Igrekowie.\n"
    seg = segment(_doc(text))
    assert [b.kind for b in seg.blocks if text[b.char_start : b.char_end] == line] == ["chrome"]
    assert seg.records[0].title != line


@pytest.mark.parametrize(
    "line",
    [
        "Strona wykorzystuje pliki cookies, jeśli wyrażasz zgodę na używanie cookies, zostaną one zapisane w pamięci "
        "twojej przeglądarki. W przypadku nie wyrażenia zgody nie jesteśmy w stanie zagwarantować pełnej "
        "funkcjonalności strony! POLITYKA COOKIES",
        "Używamy plików cookies, aby ułatwić Ci korzystanie z naszego serwisu oraz do celów statystycznych.",
        "Dzisiaj jest: 26 Kwiecień 2024    |    Imieniny obchodzą: Maria, Marcelina",
    ],
)
def test_a_cookie_banner_or_date_widget_is_chrome_however_long(line):
    text = f"{line}\n\nRemont świetlicy wiejskiej\n\nGmina Iksowo otrzymała 30 tys. zł na remont świetlicy.\n"
    seg = segment(_doc(text))
    assert [b.kind for b in seg.blocks if text[b.char_start : b.char_end] == line] == ["chrome"]
    assert seg.records[0].title == "Remont świetlicy wiejskiej"


def test_an_accessibility_toolbar_is_chrome_not_a_list_of_records():
    toolbar = [
        "Kontrast:",
        "Rozmiar czcionki:",
        "• TAB - Kolejny element",
        "• SHIFT + TAB - Poprzedni element",
        "• SHIFT + ALT + F - Wyszukiwarka",
        "• ESC - Anulowanie podpowiedzi",
    ]
    text = (
        "\n".join(toolbar)
        + "\n\nKanalizacja w Wydrowicach\n\nGmina Niemodlin uzyskała 1.563.556,75 zł na kanalizację.\n"
    )
    seg = segment(_doc(text))
    kinds = {text[b.char_start : b.char_end]: b.kind for b in seg.blocks}
    assert [kinds.get(line) for line in toolbar] == ["chrome"] * len(toolbar)
    assert [r.title for r in seg.records] == ["Kanalizacja w Wydrowicach"]


def test_a_list_entry_keeps_its_field_paragraphs_and_takes_its_title_from_the_task_field():
    text = (
        "Powyższe wnioski złożyły następujące Kluby Sportowe:\n\n"
        "  1. Uczniowski Ludowy Klub Sportowy „28” we Włyniu\n\n"
        "Nazwa zadania - Popularyzacja zapasów wśród dzieci\n\n"
        "Przyznane środki na realizację zadania - 6.000,00 zł.\n\n"
        "  2. Uczniowski Klub Sportowy „JUNIOR” Warta\n\n"
        "Nazwa zadania - Popularyzacja piłki siatkowej\n\n"
        "Przyznane środki na realizację zadania - 6.000,00 zł\n"
    )
    records = segment(_doc(text)).records
    assert [r.title for r in records] == ["Popularyzacja zapasów wśród dzieci", "Popularyzacja piłki siatkowej"]
    assert text[records[0].char_start : records[0].char_end].endswith("6.000,00 zł.")


def test_bullets_naming_task_and_amount_after_a_news_opening_are_grants():
    text = (
        "Wyniki Konkursu Projektów mających na celu sprzyjanie rozwojowi sportu\n\n"
        "Komisja Konkursowa dokonała oceny złożonych ofert i przedstawiła Wójtowi listę rankingową.\n\n"
        "  • Ludowy Klub Sportowy Galicja Raciborowice na zadanie: „Akademia Galicji” – kwotą dotacji 85 000,00 zł.\n"
        "  • Klub Sportowy Michałowianka na zadanie „Piłka nożna dla wszystkich” – kwotą dotacji 117 000,00 zł.\n"
    )
    titles = [r.title for r in segment(_doc(text)).records]
    assert titles[-2:] == ["Akademia Galicji", "Piłka nożna dla wszystkich"]


def _titles(text: str) -> list[str]:
    return [r.title for r in segment(_doc(text)).records]


def test_rows_pairing_names_with_amounts_are_records_titled_by_name_or_purpose():
    text = (
        "Dotacje na sport\n\nW konkursie rozdysponowano 1,1 mln zł. Największe kwoty trafiły do:\n"
        "- Klub Piłkarski Polonia 1912 Leszno – 170 tys. zł\n- Basket Junior Polonia Leszno – 120 tys. zł\n"
        "- Leszno Tenis Klub – 65 tys. zł na turniej ITF 75 Women Leszno\n"
    )
    assert _titles(text)[-3:] == [
        "Klub Piłkarski Polonia 1912 Leszno",
        "Basket Junior Polonia Leszno",
        "turniej ITF 75 Women Leszno",
    ]
    # lines without bullets, quoted names without their quotes; lowercase items need their bullet
    assert _titles("najwięcej otrzymała:\nFamilia – 21.000 zł\n„Nasz Dom” – 7.000 zł\n") == ["Familia", "Nasz Dom"]
    rows = "STOSZOWICE\n\n • utrzymanie świetlicy wiejskiej - 4 000 zł\n\n • modernizacja placu zabaw - 18 000 zł\n"
    assert _titles(rows) == ["utrzymanie świetlicy wiejskiej", "modernizacja placu zabaw"]


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        (  # the purpose in brackets after a row's amount
            "Lista parafii, którym przyznano dotacje:\n"
            "  • Parafia pw. Wszystkich Świętych w Białej – 70 000 zł (Konserwacja i restauracja ołtarza głównego)\n"
            "  • Parafia pw. św. Antoniego w Pile – 70 000 zł (Prace ratunkowo-konserwatorskie sklepienia)\n",
            ["Konserwacja i restauracja ołtarza głównego", "Prace ratunkowo-konserwatorskie sklepienia"],
        ),
        (  # bullets worded as grant sentences: a grant verb, the amount, then "na" and the purpose
            "Dofinansowanie otrzymały:\n"
            "  • Sołectwo Samin w Gminie Dąbrówno otrzyma 15 tys. zł. na zagospodarowanie terenu wokół jeziora;\n"
            "  • Sołectwo Bogaczewo w Gminie Morąg otrzyma 14 tys. 400 zł. na poprawę atrakcyjności miejscowości\n",
            ["zagospodarowanie terenu wokół jeziora", "poprawę atrakcyjności miejscowości"],
        ),
    ],
)
def test_a_grant_rows_purpose_is_its_title(text, titles):
    assert _titles(text) == titles


def test_amount_rows_that_label_figures_or_wrap_start_nothing():
    labels = "Klub X\n\nPrzyznane środki na realizację zadania - 15.000 zł\nWydatki w 2019 roku – 15 990,00 zł\n"
    assert all(not t.startswith(("Przyznane", "Wydatki")) for t in _titles(labels))
    single = "Gmina X otrzymała dotację.\nBudowa świetlicy – 50 000 zł\n"  # one row alone is no list
    assert "Budowa świetlicy" not in _titles(single)
    wrapped = (
        "2020\n1. Sąsiedzka pomoc w pandemii – wolontariusze dostarczali zakupy osobom starszym,\n"
        "   Polsko-Amerykańska Fundacja Wolności (PAFW), program „Działaj Lokalnie” – 6 000 zł\n"
        "2. Zielona ścieżka przy Szkole, dotacja WFOŚiGW w Krakowie – 18 750 zł\n"
    )
    assert not any(t.startswith("Polsko-Amerykańska") for t in _titles(wrapped))


def test_paragraphs_opening_with_quoted_names_are_records():
    text = (
        "Zrealizowano następujące zadania:\n\n"
        "„Poprawa infrastruktury komunikacyjnej na boisku w Wilkowicach”- w trakcie realizacji zadania mieszkańcy "
        "wytyczyli ścieżkę.\n\n„Nasz Kąt”- w trakcie realizacji zadania mieszkańcy uporządkowali teren.\n"
    )
    assert _titles(text) == ["Poprawa infrastruktury komunikacyjnej na boisku w Wilkowicach", "Nasz Kąt"]
    # one such paragraph alone is no list
    assert "Nasz Kąt" not in _titles("Gmina X otrzymała dotację.\n\n„Nasz Kąt”- mieszkańcy uporządkowali teren.\n")


def test_an_items_title_never_ends_with_its_amount():
    text = "Dofinansowanie otrzymały:\n- Wymarzony plac zabaw „Jarzębinki”, 20 000 zł\n- Zrozumieć nas, 20 000 zł\n"
    assert _titles(text) == ["Wymarzony plac zabaw „Jarzębinki”", "Zrozumieć nas"]
    text = "Otrzymały:\n• Szkoła Podstawowa w Częstkowie w kwocie 1 300 zł\n• Szkoła w Bojanie w kwocie 9 zł\n"
    assert _titles(text) == ["Szkoła Podstawowa w Częstkowie", "Szkoła w Bojanie"]


def test_grantee_task_amount_lines_with_an_amount_label_and_a_named_project():
    text = (
        "Wśród laureatów znalazły się 3 sołectwa z naszej gminy:\n\n"
        "Sołectwo Rokitno – projekt „Bezpieczna przystań” – kwota dofinansowania: 15 000,00 zł.\n"
        "Sołectwo Kinice – projekt „Budowa wiaty rekreacyjnej” – kwota dofinansowania: 15 000,00 zł.\n"
    )
    assert _titles(text)[-2:] == [
        "Bezpieczna przystań",
        "Budowa wiaty rekreacyjnej",
    ]


def test_a_paragraph_listing_grants_among_other_records_is_the_round_and_its_grants():
    text = (  # a news page's headline and lead, then the round's paragraph that lists its grants
        "Gmina Pątnów: Pieniądze trafiły do klubów sportowych i fundacji\n\n   Pieniądze z budżetu gminy P"
        "ątnów przeznaczone na realizację zadań publicznych trafiły do klubów sportowych i fundacji. Kto"
        " i jakie wsparcie otrzymał?\n    - W ostatnich dniach rozstrzygnęliśmy konkurs ofert na wykonani"
        "e zadań publicznych w zakresie wspierania i upowszechniania kultury fizycznej, sportu i zdrowia"
        ". Na ten cel gmina przeznaczyła w tym roku 35 tysięcy złotych. Wysokość przyznanych środków zos"
        "tała podzielona między cztery kluby sportowe: Ludowy Zespół Sportowy w Pątnowie otrzymał 21 tys"
        "ięcy złotych, Uczniowski Klub Sportowy Jurajczyk w Pątnowie - 4800 złotych, Uczniowski Klub Spo"
        "rtowy Sprinter - 4200 złotych, Uczniowski Klub Sportowy Załęczak - 5000 złotych. Przewidzieliśm"
        "y również niewielkie środki na zadania z zakresu ochrony i promocji zdrowia. Wpłynęły do nas dw"
        "ie oferty. Fundacja Wspierania Rozwoju Dzieci i Rodzin „Bursztynek” z siedzibą w Pątnowie otrzy"
        "mała 4 tysiące złotych. Ludowy Zespół Sportowy w Pątnowie otrzymał tysiąc złotych.\n\n\n- mów"
    )
    titles = _titles(text)
    assert titles[1].startswith("W ostatnich dniach rozstrzygnęliśmy konkurs")  # the round
    assert [t.split(" - ")[0] for t in titles[3:6]] == [
        "Uczniowski Klub Sportowy Jurajczyk w Pątnowie",
        "Uczniowski Klub Sportowy Sprinter",
        "Uczniowski Klub Sportowy Załęczak",
    ]


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("♦ UKS Lider 2 500,00 zł", "UKS Lider"),
        ("OSP Wola Rogowska 5 790 zł", "OSP Wola Rogowska"),
        (
            "• dofinansowanie przebudowy ogrodzenia przy OSP Stoszowice - 10 000 zł",
            "dofinansowanie przebudowy ogrodzenia przy OSP Stoszowice",
        ),
        (
            "1. Wykonanie chodnika wokół kościoła, kwota dofinansowania : 20 000,00 zł",
            "Wykonanie chodnika wokół kościoła",
        ),
        (
            "- Wsparcie dla Domów Dziecka (Bolesławiec i Legnica) w wysokości 34 604,60 zł",
            "Wsparcie dla Domów Dziecka (Bolesławiec i Legnica)",
        ),
        (
            "Kanapa literacka – wsparcie wydania",
            "Kanapa literacka – wsparcie wydania",
        ),  # no amount: the line stays whole
        # the figure cells of a flattened table's row, without a sign; a number of the name stays
        ("Budowa oświetlenia drogowego w Nasławicach 100 000 100 000", "Budowa oświetlenia drogowego w Nasławicach"),
        ("Remont świetlicy 8 563,32", "Remont świetlicy"),
        ("Program Klub 2023", "Program Klub 2023"),
        ("Szkoła Podstawowa nr 61", "Szkoła Podstawowa nr 61"),
        # a sentence's closing amount is part of it
        (
            "W 2004 r. ZMP przeprowadził ze środków Banku Światowego ogólnopolskie szkolenia i upowszechnianie metody "
            "Rozwoju Instytucjonalnego w całej Polsce, o łącznej wartości 1,5 mln zł",
            "W 2004 r. ZMP przeprowadził ze środków Banku Światowego ogólnopolskie szkolenia i upowszechnianie metody "
            "Rozwoju Instytucjonalnego w całej Polsce, o łącznej wartości 1,5 mln zł",
        ),
    ],
)
def test_an_item_title_has_no_bullet_and_no_closing_amount(line, title):
    a, b = item_title(line, (0, len(line)))
    assert line[a:b] == title


def test_rule_records_keep_their_titles_without_bullet_and_amount():
    text = "Dotacje 2022\n\n♦ UKS Lider 2 500,00 zł\n♦ SKS Progres 600,00 zł\n♦ KTS Błękitni 500,00 zł\n"
    seg = segment(Document("t", "t.txt", text, "0" * 64, "utf-8"))
    titles = [(r.title, text[r.title_start : r.title_end]) for r in seg.records]
    assert all(t == span for t, span in titles)
    assert all("zł" not in t and "♦" not in t for t, _ in titles)
