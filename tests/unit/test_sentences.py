"""The one sentence splitter (NER input and role cues) and its abbreviation list (data/abbreviations.yaml)."""

import pytest

from pipeline.text.sentences import split_sentences, trim_title_end


def sentences(text: str, **kw) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, **kw)]


def test_abbreviations_do_not_end_a_sentence():
    assert sentences("Projekt pn. Zielona Szkoła trwał rok. Kontakt: tel. 22 123 45 67.") == [
        "Projekt pn. Zielona Szkoła trwał rok.",
        "Kontakt: tel. 22 123 45 67.",
    ]


def test_itp_ends_a_sentence_but_r_does_not():
    assert sentences("Były warsztaty, konkursy itp. W 2019 r. Gmina dostała grant.") == [
        "Były warsztaty, konkursy itp.",
        "W 2019 r. Gmina dostała grant.",
    ]


def test_a_label_line_continues_unless_lines_are_read_apart():
    text = "Źródło finansowania:\nFundacja Orlen"
    assert sentences(text) == [text]
    assert sentences(text, continued_lines=False) == ["Źródło finansowania:", "Fundacja Orlen"]


def test_no_line_break_inside_a_kept_span_ends_a_sentence():
    text = "W ramach projektu Międzynarodowym\nCentrum na Rzecz Miast"
    assert sentences(text) == ["W ramach projektu Międzynarodowym", "Centrum na Rzecz Miast"]
    assert sentences(text, keep_together=[(text.index("Międzynarodowym"), len(text))]) == [text]


def test_church_name_abbreviations_do_not_end_a_sentence():
    text = "Parafia Prawosławna pw. Św. Ap. Jakuba w Łosince dostała 30000 zł. Kościół p.w. św. Anny też."
    assert sentences(text) == [
        "Parafia Prawosławna pw. Św. Ap. Jakuba w Łosince dostała 30000 zł.",
        "Kościół p.w. św. Anny też.",
    ]


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("K.S. Złoczewia w Złoczewie otrzyma 29 tys. zł. Celem jest popularyzacja sportu.", 2),
        ("Wystąpił dyrektor J. Kowalski. Następnie głos zabrała A. Nowak.", 2),
        ("Rondo im. A. Bartusia otwarto w maju, a plac L.K.S. Orła w czerwcu.", 1),
        ("Zakończono etap I. Następnie rozpoczęto drugi.", 2),  # a Roman numeral can end a sentence
    ],
)
def test_initials_end_no_sentence(text, n):
    assert len(split_sentences(text)) == n


@pytest.mark.parametrize(
    ("title", "trimmed"),
    [
        ("Budowa hali w Gorzowie Wlkp.", "Budowa hali w Gorzowie Wlkp."),  # a word without a vowel: an abbreviation
        ("Konserwacja obrazu z XIX w. –", "Konserwacja obrazu z XIX w."),
        ("Remont drogi w 2014 r.", "Remont drogi w 2014 r."),  # a listed abbreviation
        ("Modernizacja świetlicy wiejskiej.", "Modernizacja świetlicy wiejskiej"),  # a sentence's stop
        ("Doposażenie jednostki OSP.", "Doposażenie jednostki OSP"),  # an acronym in capitals is no abbreviation
        ("Remont wsi.", "Remont wsi"),
        ("Zielona pracownia...", "Zielona pracownia"),
        ("Piłka siatkowa; ", "Piłka siatkowa"),
    ],
)
def test_a_title_keeps_an_abbreviations_stop_only(title, trimmed):
    assert trim_title_end(title, " -–—:,|;") == trimmed
