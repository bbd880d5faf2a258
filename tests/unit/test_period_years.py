"""A record no title, field or first sentence dated takes its years from the first period of its body."""

from __future__ import annotations

from pipeline.core.datatypes import Record
from pipeline.extract.record import extract_record


def _record(text: str, years: tuple[int | None, int | None] = (None, None), source: str | None = None) -> Record:
    end = text.index("\n")
    return Record(
        "d", 1, "", text[:end], years[0], years[1], 0, len(text), 0, end, end + 1, len(text), years_source=source
    )


def _years(text: str, years: tuple[int | None, int | None] = (None, None), source: str | None = None):
    r = extract_record(text, _record(text, years, source), []).record
    return r.year_start, r.year_end, r.years_source


def test_a_period_of_days_gives_the_years():
    text = (
        "Gramy Niezbyt Zwyczajnie\nNazwa realizatora: Teatr Niezbyt Zwyczajny\n"
        "Czas trwania projektu: 01.09.2018 - 30.11.2018\n"
    )
    assert _years(text) == (2018, 2018, "body")


def test_a_span_of_years_and_of_months_give_the_years():
    assert _years("Centrum wsi\nZadanie wykonano w latach 2007-2008 ze środków gminy.\n") == (2007, 2008, "body")
    assert _years("Staż zagraniczny\nProjekt trwał od grudnia 2014 do grudnia 2016.\n") == (2014, 2016, "body")


def test_the_first_period_wins():
    text = "Projekt\nRealizacja: 1 marca 2020 do 31 grudnia 2020 roku. Sprawozdanie złożono w latach 2021-2022.\n"
    assert _years(text) == (2020, 2020, "body")


def test_one_day_one_month_or_one_year_gives_no_years():
    assert _years("Projekt\nUmowę podpisano 14 grudnia 2020 r. w urzędzie.\n") == (None, None, None)
    assert _years("Projekt\nW marcu 2021 odbyły się warsztaty.\n") == (None, None, None)
    assert _years("Projekt\nDotacja na rok 2022 wyniosła 10 000 zł.\n") == (None, None, None)


def test_years_the_record_has_are_kept():
    text = "Projekt 2019\nRealizacja: 01.09.2020 - 31.08.2022\n"
    assert _years(text, (2019, 2019), "title") == (2019, 2019, "title")


def test_a_programmes_span_of_years_is_not_the_projects():
    text = "Senior +\nProgram Wieloletni „Senior +” na lata 2015-2020 adresowany jest do osób w wieku 60+.\n"
    assert _years(text, (2015, 2020), "body") == (None, None, None)
    title = "Fundusz Małych Projektów Interreg V-A 2014-2020\nEuroregion przyznał 12 grantów.\n"
    assert _years(title, (2014, 2020), "title") == (None, None, None)


def test_a_span_or_a_year_a_date_supports_stays():
    assert _years("Budowa drogi w Laskach 2014-2015\nPrace trwały dwa lata.\n", (2014, 2015), "title") == (
        2014,
        2015,
        "title",
    )
    assert _years("Wymiana młodzieży „Nad Niemnem” 1998\nOpis.\n", (1998, 1998), "title") == (1998, 1998, "title")


def test_a_title_saying_when_gives_its_year():
    text = "Prowadzenie i rozwój orkiestry dętej w 2026 roku\nDotacja: 30 000 zł.\n"
    assert _years(text) == (2026, 2026, "title")


def test_a_bare_year_ending_a_name_in_the_title_gives_none():
    assert _years("Majówka 2010\nDotacja: 3 000 zł.\n") == (None, None, None)
    # two years said in the title: which one the project ran in is not the title's to say
    assert _years("Obóz w 2019 roku i w 2020 roku\nDotacja: 3 000 zł.\n") == (None, None, None)


def test_start_and_end_year_fields_give_the_years():
    from pipeline.core.datatypes import Document
    from pipeline.segment.rules import segment

    text = "Projekt InMoTeP\nRodzaj: Krajowy\nRok rozpoczęcia: 2018\nRok ukończenia: 2020\nKierownik: Jan Nowak\n"
    r = segment(Document("d", "d.txt", text, "0" * 64, "utf-8")).records[0]
    assert (r.year_start, r.year_end, r.years_source) == (2018, 2020, "field")
