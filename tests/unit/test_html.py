"""HTML input: a real parser, furniture dropped, structure kept, offsets into the extracted text; pages as
users save them (CMS wrappers, code inside paragraphs, sloppy and deeply nested markup)."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pipeline.ingest.html as html_module
from pipeline.ingest.decode import read_document
from pipeline.ingest.html import HtmlError, html_to_text, name_words, read_html
from pipeline.segment.rules import segment

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "tests" / "data" / "stowarzyszenie-projekty.html"


def test_furniture_is_dropped_and_structure_kept():
    text = html_to_text(PAGE.read_text(encoding="utf-8"))
    for furniture in ("Kontakt", "Start » Projekty", "walne zebranie", "Wojska Polskiego", "dataLayer", "font-family"):
        assert furniture not in text
    assert "Projekty zrealizowane\n\nPoniżej przedstawiamy" in text
    assert "Szlak twierdz Ziemi Kłodzkiej (2019-2021)\nProjekt zrealizowany" in text
    assert "- Kino plenerowe w Bystrzycy – Fundacja PZU – 8\u00a0000 zł\n- Warsztaty" in text


def test_html_page_yields_records_with_exact_evidence():
    doc = read_document(PAGE, ROOT)
    assert doc.source_file == "tests/data/stowarzyszenie-projekty.html"
    records = segment(doc).records
    got = [(r.section, r.title, r.year_start, r.year_end) for r in records]
    assert got == [
        ("Projekty zrealizowane", "Szlak twierdz Ziemi Kłodzkiej", 2019, 2021),
        ("Projekty zrealizowane", "Cyfrowe sołectwa", 2022, 2022),
        ("Projekty zrealizowane / Małe granty 2018", "Kino plenerowe w Bystrzycy", 2018, 2018),
        ("Projekty zrealizowane / Małe granty 2018", "Warsztaty garncarskie dla seniorów", 2018, 2018),
    ]
    for r in records:
        assert doc.text[r.title_start : r.title_end].startswith(r.title.split()[0])


def test_table_rows_become_cell_lines():
    html = "<table><tr><th>Lp.</th><th>Nazwa projektu</th></tr><tr><td>1</td><td>A | B</td></tr></table>"
    assert html_to_text(html) == "Lp. | Nazwa projektu\n1 | A / B\n"


# --- furniture and code never become text -------------------------------------------------


def test_script_style_and_nav_inside_inline_elements_are_not_text():
    html = (
        "<h3>Świetlica<script>var t = '10 000 zł';</script> wiejska</h3>"
        "<p>Kwota: 5\u00a0000 zł<script>var kwota = '99 999 zł';</script> <style>p { color: red }</style>"
        "z budżetu gminy<nav><a href='/'>Start</a></nav>.<noscript>Włącz JavaScript</noscript></p>"
        "<ul><li>Partner A<template><b>Partner X</b></template></li><li>Partner B<nav>Menu</nav></li></ul>"
        "<table><tr><td>1<script>document.write('2')</script></td><td>Projekt<style>td{}</style> C</td></tr></table>"
    )
    assert html_to_text(html) == (
        "Świetlica wiejska\nKwota: 5\u00a0000 zł z budżetu gminy.\n\n- Partner A\n- Partner B\n\n1 | Projekt C\n"
    )


def test_furniture_by_class_inside_a_paragraph_is_dropped():
    html = '<p>Projekt <span class="share-buttons">Udostępnij</span>zakończono w 2020 r.</p>'
    assert html_to_text(html) == "Projekt zakończono w 2020 r.\n"


# --- structure -----------------------------------------------------------------------------


def test_nested_table_is_a_layout_table_each_cell_read_once():
    """Reading: a table holding a table is layout; its cells are read like <div>s, the inner table
    as rows of its own after the cell text before it."""
    html = (
        "<table><tr><td><h2>Projekty gminy</h2></td></tr>"
        "<tr><td>Projekt A</td><td><table>"
        "<tr><th>Rok</th><th>Kwota</th></tr><tr><td>2019</td><td>100 zł</td></tr><tr><td>2020</td><td>200 zł</td></tr>"
        "</table></td></tr></table>"
    )
    text = html_to_text(html)
    assert text == "Projekty gminy\n\nProjekt A\n\nRok | Kwota\n2019 | 100 zł\n2020 | 200 zł\n"
    for cell in ("Projekt A", "2019", "100 zł", "Kwota"):
        assert text.count(cell) == 1


def test_sloppy_rows_and_cells_are_read_once():
    """html.parser nests an unclosed <td>/<tr>/<li> in the one before; each is still its own."""
    assert html_to_text("<table><tr><td>a<td>b<tr><td>c<td>d</table>") == "a | b\nc | d\n"
    assert html_to_text("<table><td>bez wiersza</td><td>x</td></table>") == "bez wiersza | x\n"
    assert html_to_text("<ul><li>Projekt A<li>Projekt B<li>Projekt C</ul>") == "- Projekt A\n- Projekt B\n- Projekt C\n"
    assert html_to_text("<ol><li>A<ul><li>a1</li></ul> dalej</li><li>B</li></ol>") == "1. A a1 dalej\n2. B\n"


def test_pre_keeps_each_line_and_its_blank_lines():
    """Reading: the pre's lines stay lines; a blank line in it separates blocks, as anywhere else."""
    html = "<h3>Zestawienie</h3><pre>\nProjekt       Kwota\nŚwietlica     6 000 zł\n\n\nRazem         6 000 zł\n</pre>"
    assert html_to_text(html) == "Zestawienie\nProjekt       Kwota\nŚwietlica     6 000 zł\n\nRazem         6 000 zł\n"


def test_inline_text_runs_on_and_source_line_breaks_are_spaces():
    html = (
        "<div>Projekt <b>„Zielona wieś”</b> zrealizowano<br>w 2021 r.</div>"
        "<p>Tekst zawinięty\nw źródle strony</p>"
        '<a href="/projekt"><h3>Tytuł w odnośniku</h3></a><p>Opis</p>'
        "<td><p>A</p><p>B</p></td>"
    )
    assert html_to_text(html) == (
        "Projekt „Zielona wieś” zrealizowano\nw 2021 r.\n\nTekst zawinięty w źródle strony\n\n"
        "Tytuł w odnośniku\nOpis\n\nA\n\nB\n"
    )


# --- robustness ------------------------------------------------------------------------------


def test_deep_nesting_is_read_without_recursion():
    assert html_to_text("<div>" * 5000 + "x" + "</div>" * 5000) == "x\n"
    assert html_to_text("<div><span>" * 2500 + "Projekt" + "</span></div>" * 2500) == "Projekt\n"
    assert html_to_text("<p>" * 5000 + "tekst") == "tekst\n"  # never closed
    assert html_to_text("<ul><li>" * 2000 + "pozycja" + "</li></ul>" * 2000) == "- pozycja\n"
    nested_tables = "<table><tr><td>" * 1000 + "komórka" + "</td></tr></table>" * 1000
    assert html_to_text(nested_tables) == "komórka\n"


def test_parser_recursion_and_rejected_markup_become_one_line_errors(monkeypatch):
    with pytest.raises(HtmlError, match="^HTML the parser rejects .*unknown status keyword"):
        html_to_text("<![foo bar]><p>Projekt</p>")

    def deep(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(html_module, "BeautifulSoup", deep)
    with pytest.raises(HtmlError, match="^HTML nested too deeply to read$"):
        html_to_text("<div>x</div>")
    assert issubclass(HtmlError, ValueError)


def test_character_references_never_give_surrogates_or_nul():
    text = html_to_text("<p>&#x105;&#261; &#xD800;&#xDFFF; &#0; &#128; &#x110000;</p>")
    assert text == "ąą \ufffd\ufffd \ufffd € \ufffd\n"
    text.encode("utf-8")


# --- the main content and CMS pages ----------------------------------------------------------

CMS = ROOT / "tests" / "data" / "html"


def _page(name: str) -> str:
    return (CMS / name).read_text(encoding="utf-8")


def test_wordpress_page_keeps_the_entry_header_and_drops_furniture():
    result = read_html(_page("wordpress.html"))
    assert result.main == "main"
    assert result.text == (
        "Nasze projekty\n\n"
        "Fundacja Dolina Bobru od lat realizuje projekty na rzecz mieszkańców doliny. "
        "Poniżej opisujemy najważniejsze z nich.\n\n"
        "Rzeka bez granic (2021-2022)\n"
        "Projekt zrealizowany wspólnie z Gminą Nowogrodziec, dofinansowany z Rządowego Programu Fundusz "
        "Inicjatyw Obywatelskich NOWEFIO kwotą 48\u00a0500 zł. Oczyściliśmy 14 km brzegów rzeki.\n\n"
        "Zielona szkoła nad Bobrem\n"
        "W 2023 r. przeprowadziliśmy warsztaty przyrodnicze dla 320 uczniów z 6 szkół; projekt wsparła "
        "Fundacja Przykładowa kwotą 12\u00a0000 zł.\n"
    )


WORDPRESS_FURNITURE = [
    "Przejdź do treści",
    "Fundacja Dolina Bobru",
    "Działamy nad Bobrem od 2005 roku",  # skip link, site header
    "Strona główna",
    "Projekty",
    "Kontakt",  # menu (its "Menu" toggle is a <button>: never visible text)
    "Udostępnij:",
    "Facebook",
    "Twitter",
    "Edytuj",  # share buttons, entry footer
    "O fundacji",
    "Fundacja Dolina Bobru, KRS 0000123456.",
    "Najnowsze wpisy",
    "Walne zebranie członków 2024",
    "© 2024 Fundacja Dolina Bobru, ul. Nadrzeczna 5, 59-700 Bolesławiec",  # site footer
    "Ta strona używa plików cookie, aby ułatwić korzystanie z serwisu.",
    "Akceptuję",
    "Polityka prywatności",
]


def _nonspace(text: str) -> int:
    return sum(not ch.isspace() for ch in text)


def test_dropped_furniture_is_counted():
    result = read_html(_page("wordpress.html"))
    assert result.dropped_chars == sum(_nonspace(s) for s in WORDPRESS_FURNITURE) == 343
    assert result.dropped_chars > _nonspace("Ta strona używa plików cookie, aby ułatwić korzystanie z serwisu.") == 56
    assert result.kept_chars == 428
    assert read_html("<p>Tylko treść</p>").dropped_chars == 0
    assert read_html("<nav>Menu</nav><p>Treść</p><script>var a = 1;</script>").dropped_chars == 4  # code is not text


CMS_PAGES = {
    "wordpress.html": (
        "main",
        ["Nasze projekty\n\n", "Rzeka bez granic (2021-2022)\nProjekt zrealizowany", "kwotą 12\u00a0000 zł."],
        [
            "Przejdź do treści",
            "Strona główna",
            "Udostępnij",
            "KRS",
            "Najnowsze wpisy",
            "Bolesławiec",
            "cookie",
            "Akceptuję",
            "Edytuj",
            "cnArgs",
        ],
    ),
    "elementor.html": (
        "[data-elementor-type=wp-page]",
        [
            "Realizowane projekty\n\nStowarzyszenie od 2015 roku",
            "Świetlica w Starej Wsi (2023)\nProjekt „Świetlica pełna pomysłów” sfinansowano z programu Działaj "
            "Lokalnie kwotą 6\u00a0000 zł.",
            "- Partner: Gmina Stara Wieś\n- Uczestnicy: 40 dzieci\n",
        ],
        [
            "O nas",
            "Kontakt",
            "Menu",
            "Aktualności",
            "Galeria",
            "Krosno",
            "prawa zastrzeżone",
            "check",
            "elementorFrontendConfig",
            "padding",
        ],
    ),
    "aspnet.html": (
        "page",
        [
            "Projekty unijne 2020-2023\n\nUrząd realizuje projekty",
            "Nazwa projektu | Okres | Wartość\n"
            "Aktywizacja osób młodych pozostających bez pracy w powiecie | 2020-2021 | 1\u00a0850\u00a0000,00 zł\n",
        ],
        [
            "Przejdź do treści",
            "Strona główna",
            "Kontakt",
            "Szukaj",
            "Długa 3",
            "__doPostBack",
            "wEPDw",
            "Powiatowy Urząd Pracy w Przykładowie",
        ],
    ),
    "joomla.html": (
        ".item-page",
        [
            "Projekty współpracy\n\nLGD „Kraina Sudetów” realizuje",
            "Szlakiem sudeckich źródeł (2019-2020)\nProjekt współpracy trzech LGD",
            "Partner | Budżet\nLGD Kraina Sudetów | 95 000 zł\nLGD Dolina Nysy | 120 000 zł\n",
        ],
        [
            "Jesteś tutaj",
            "Start",
            "Kontakt",
            "Szukaj",
            "Szczegóły",
            "Administrator",
            "Odsłony",
            "Poprzedni",
            "Następny",
            "Nabór wniosków",
            "Statut",
            "Do góry",
            "© 2024",
            "csrf",
        ],
    ),
    "bip.html": (
        "#tresc",
        [
            "Projekty realizowane ze środków zewnętrznych\n\nGminny Ośrodek Kultury w Przykładowie informuje",
            "Cyfrowa biblioteka pamięci (2021)\nProjekt dofinansowany",
            "Lato w Ośrodku (2023)\nZajęcia wakacyjne dla 60 dzieci, sfinansowane przez Narodowe Centrum Kultury "
            "kwotą 9\u00a0800 zł.\n",
        ],
        [
            "Przejdź do",
            "kontrastowa",
            "Biuletyn Informacji Publicznej",
            "Menu przedmiotowe",
            "Dane podstawowe",
            "Statut",
            "Jesteś w",
            "Metryka",
            "Wytworzył",
            "Anna Nowak",
            "Liczba odsłon",
            "Rejestr zmian",
            "Aktualizacja",
            "Redaktor",
            "Deklaracja dostępności",
            "Szukaj",
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(CMS_PAGES))
def test_cms_pages_yield_their_content_not_their_furniture(name):
    main, content, furniture = CMS_PAGES[name]
    result = read_html(_page(name))
    assert result.main == main
    for text in content:
        assert text in result.text
    for text in furniture:
        assert text not in result.text, text
    assert result.dropped_chars > 0 and result.kept_chars > 0


def test_cms_page_read_as_a_document_gives_records(tmp_path):
    page = tmp_path / "fundacja.html"
    page.write_text(_page("wordpress.html"), encoding="utf-8")
    records = segment(read_document(page, tmp_path)).records
    assert [(r.section, r.title) for r in records][:1] == [("Nasze projekty", "Rzeka bez granic")]


def test_furniture_names_are_whole_words():
    assert name_words("ctl00_MainMenu") == ["main", "menu"]
    assert name_words("elementor-widget-container") == ["elementor", "widget", "container"]
    assert name_words("SiteMapPath1") == ["site", "map", "path"]
    page = (
        '<body class="cookies-not-set">'
        '<header class="site-header">Portal gminy</header>'
        '<div class="has-sidebar"><article class="post-7 category-rodo tag-cookies">'
        '<header class="entry-header"><h1>Projekty RODO</h1></header>'
        '<div class="elementor-widget-container"><p>Szkolenie dla urzędników.</p></div>'
        '<div class="card-header">Karta projektu</div>'
        '<div class="widget_text">Reklama</div>'
        "</article></div></body>"
    )
    assert html_to_text(page) == "Projekty RODO\n\nSzkolenie dla urzędników.\n\nKarta projektu\n"


def test_a_form_wrapping_the_page_is_read_a_search_form_is_not():
    page = (
        '<form id="aspnetForm" method="post"><input type="hidden" name="__VIEWSTATE" value="/wEPDw==">'
        '<form role="search"><label>Szukaj w serwisie</label><input name="q"></form>'
        '<form class="kontakt"><p><label>Imię i nazwisko<input name="n"></label></p>'
        "<p>Zgoda na przetwarzanie danych</p></form>"
        "<h1>Projekty</h1><p>Treść strony.</p></form>"
    )
    assert html_to_text(page) == "Projekty\n\nTreść strony.\n"


def test_articles_are_all_read_and_one_in_a_sidebar_is_not_the_main_content():
    page = (
        "<body><article><h3>Projekt A</h3><p>Opis A.</p></article><div>Reklama</div>"
        "<article><h3>Projekt B</h3><p>Opis B.</p></article>"
        '<div class="sidebar"><article><p>Zapowiedź</p></article></div></body>'
    )
    result = read_html(page)
    assert (result.text, result.main) == ("Projekt A\nOpis A.\n\nProjekt B\nOpis B.\n", "article")
    teaser = '<div id="tresc"><p>' + "Długa treść strony o projektach. " * 5 + "</p></div>"
    teaser += '<div class="sidebar"><article><p>Zapowiedź</p></article></div>'
    assert read_html(teaser).main == "#tresc"
    wrapped = '<div class="container sidebar-right"><main><p>Treść w main.</p></main></div><p>x</p>'
    assert read_html(wrapped).text == "Treść w main.\n"


def test_main_selector_override():
    page = _page("bip.html")
    only = read_html(page, main="#tresc .artykul h3")
    assert only.text == "Cyfrowa biblioteka pamięci (2021)\n\nLato w Ośrodku (2023)\n"
    assert only.main == "#tresc .artykul h3"
    # an override reads what it names, furniture in it still dropped: the BIP metryka is in #tresc
    assert html_to_text(page, main="div#tresc").startswith("Projekty realizowane ze środków zewnętrznych\n")
    assert "Wytworzył" not in html_to_text(page, main="div#tresc")
    fallback = read_html(page, main="#nie-ma-takiego")
    assert (fallback.text, fallback.main) == (read_html(page).text, "#tresc")
    with pytest.raises(HtmlError, match="not valid CSS"):
        html_to_text(page, main="div[")


# --- property ------------------------------------------------------------------------------------

_WORDS = st.text(alphabet="abcąćęłńóśźż ĄŻ0123456789.,-\n\t", max_size=12)
_REFERENCES = st.sampled_from(
    ["&#x105;", "&#261;", "&#xD800;", "&#xdfff;", "&#0;", "&amp;", "&nbsp;", "&#x110000;", "&lt;", "&#128;", "&#65534;"]
)
_CODE = st.sampled_from(
    [
        "<script>var SKRYPT = '<div>SKRYPT</div>';</script>",
        "<style>p::after { content: 'SKRYPT' }</style>",
        "<noscript><p>SKRYPT</p></noscript>",
        "<template><li>SKRYPT</li></template>",
    ]
)
_TAGS = [
    "div",
    "p",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "td",
    "th",
    "pre",
    "span",
    "h2",
    "h3",
    "nav",
    "header",
    "article",
    "main",
    "form",
    "section",
    "blockquote",
    "b",
]


def _element(tag: str, children: list[str], closed: bool) -> str:
    return f"<{tag}>{''.join(children)}" + (f"</{tag}>" if closed else "")


_HTML = st.recursive(
    st.one_of(_WORDS, _REFERENCES, _CODE, st.just("<br>")),
    lambda inner: st.builds(_element, st.sampled_from(_TAGS), st.lists(inner, max_size=4), st.booleans()),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None)
@given(html=_HTML)
def test_property_any_nesting_reads_without_error_or_code(html):
    result = read_html(html)
    assert "SKRYPT" not in result.text
    result.text.encode("utf-8")  # no lone surrogate survives
    assert "\x00" not in result.text and result.text.endswith("\n")
    assert result.dropped_chars >= 0 and result.kept_chars >= 0
