"""The title model (issue 16: titles per kind of record): which span names a record's project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.core.datatypes import Record
from pipeline.core.linear import LinearModel
from pipeline.segment.titles import (
    MODEL_PATH,
    choose_title,
    load_title_model,
    retitle,
    title_candidates,
    title_features,
    title_text,
)

ROOT = Path(__file__).resolve().parents[2]


def record(text: str, title_end: int) -> Record:
    """A record over the whole text whose title span is its first ``title_end`` characters."""
    title = " ".join(text[:title_end].split())
    return Record("d", 1, "", title, None, None, 0, len(text), 0, title_end, title_end, len(text))


def texts(text: str, r: Record) -> set[str]:
    return {title_text(text, r, a, b) for a, b, _ in title_candidates(text, r)}


def test_candidates_cut_at_marks_and_keep_quotes_whole():
    text = "Uczniowski Klub Sportowy „Jedynka”: koszykówka dzieci i młodzież 8.000 zł\nDalej."
    r = record(text, text.index("\n"))
    found = texts(text, r)
    assert "Uczniowski Klub Sportowy „Jedynka”" in found
    assert "koszykówka dzieci i młodzież 8.000 zł" in found
    assert "Uczniowski Klub Sportowy „Jedynka" not in found  # a quote left open is no name
    assert title_candidates(text, r)[0][:2] == (r.title_start, r.title_end)  # the title span comes first


def test_the_rest_of_the_title_line_gives_candidates_when_the_title_span_stops_short():
    """A grant list's line ``grantee – task – amount`` whose title span is the grantee alone: the task is a
    candidate (source ``rest``), through its commas, up to the dash before the amount."""
    text = (
        "Gmina Męcinka – budowa infrastruktury sportowej, społecznej oraz wodno-kanalizacyjnej w Piotrowicach"
        " – 2 627 675 zł,\nGmina Mściwojów – Utworzenie Centrum Rehabilitacyjnego – 2 000 000 zł"
    )
    line = text.index("\n")
    grantee = len("Gmina Męcinka")
    r = Record("d", 1, "", "Gmina Męcinka", None, None, 0, line, 0, grantee, grantee, line)
    found = {title_text(text, r, a, b): src for a, b, src in title_candidates(text, r)}
    task = "budowa infrastruktury sportowej, społecznej oraz wodno-kanalizacyjnej w Piotrowicach"
    assert found[task] == "rest"
    assert found["Gmina Męcinka"] == "title"
    assert not any("Mściwojów" in t for t in found)  # the next record's line is not this record's
    whole = record(text, line)  # a title span that is its whole line adds no rest
    assert all(src != "rest" for _, _, src in title_candidates(text, whole))


def test_the_records_first_line_is_a_candidate_above_a_title_span_below_it():
    """A headline over a task the segmenter took from the body (source ``head``); none where the title span is on
    the record's first line."""
    text = "Gmina Olsztyn pozyskała ponad 700 tysięcy złotych dotacji\nFundusze pójdą na skwer przy stawach"
    task, end = text.index("skwer"), len(text)
    r = Record("d", 1, "", "skwer przy stawach", None, None, 0, end, task, end, end, end)
    found = {title_text(text, r, a, b): src for a, b, src in title_candidates(text, r)}
    assert found["Gmina Olsztyn pozyskała ponad 700 tysięcy złotych dotacji"] == "head"
    assert all(src != "head" for _, _, src in title_candidates(text, record(text, text.index("\n"))))


def test_candidates_keep_typed_quotes_and_parentheses_paired():
    text = "1. Gmina Załuski. Dzienny Dom ,,Senior+” – liczba miejsc 100\nDalej."
    found = texts(text, record(text, text.index("\n")))
    assert "Dzienny Dom ,,Senior+”" in found  # ,, opens like „ and ” closes it
    assert "Dzienny Dom ,,Senior+" not in found
    text = "Tytuł projektu: ,,Kaziuki na wesoło’’ w Bornem Sulinowie.\nDalej."
    found = texts(text, record(text, text.index("\n")))
    assert ",,Kaziuki na wesoło’’ w Bornem Sulinowie" in found
    assert "Kaziuki na wesoło’’ w Bornem Sulinowie" not in found  # a closing quote without its opening one
    text = "400 tys. zł na przebudowę ulic Orlej i Łukowej).\nDalej."
    found = texts(text, record(text, text.index("\n")))
    assert "przebudowę ulic Orlej i Łukowej" in found
    assert "przebudowę ulic Orlej i Łukowej)" not in found  # a parenthesis closed without its pair


def test_a_name_starts_after_a_mark_or_an_opener_not_inside_a_phrase():
    text = "Do WSS w Legnicy trafi 4 142 825 zł - na przebudowę oddziału\n"
    found = texts(text, record(text, text.index("\n")))
    assert "przebudowę oddziału" in found  # after "na"
    assert "Legnicy trafi 4 142 825 zł" not in found  # no start inside a phrase


def test_the_next_lines_are_candidates_after_any_title():
    short = "Projekt\nOd korzeni do demokracji\nOpis."
    long = "Gmina otrzymała dotację na nowy projekt\nOd korzeni do demokracji\nOpis."
    assert "Od korzeni do demokracji" in texts(short, record(short, 7))
    assert "Od korzeni do demokracji" in texts(long, record(long, long.index("\n")))
    far = "Gmina otrzymała dotację\n" + "Opis.\n" * 3 + "Od korzeni do demokracji\n"
    assert "Od korzeni do demokracji" not in texts(far, record(far, far.index("\n")))  # three lines at most


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Międzyszkolny Klub Sportowy w Słupcy 14 000 zł (15 000 zł)\nDalej.", "Międzyszkolny Klub Sportowy w Słupcy"),
        ("Kwotę 3,5 tys. zł otrzymała Akademia Piłkarska Kaszubia\nDalej.", "Akademia Piłkarska Kaszubia"),
        ("Jednostka OSP w Gulczewie otrzymała siedem par butów\nDalej.", "Jednostka OSP w Gulczewie"),
    ],
)
def test_a_name_ends_before_an_amount_or_a_verb_and_starts_after_a_verb(text, name):
    assert name in texts(text, record(text, text.index("\n")))


def test_a_name_after_a_naming_mark_or_in_typed_quotes_deep_in_the_record():
    text = (
        "Nowe wozy dla strażaków\n"
        + "Opis bez nazwy.\n" * 8
        + "Fundusz dofinansował zadanie pn. Zakup materiału zarybieniowego. Stowarzyszenie realizuje zadanie "
        + "pod tytułem ,,Dajmy im szansę - wspieranie aktywności'' w gminie.\n"
    )
    found = texts(text, record(text, text.index("\n")))
    assert "Zakup materiału zarybieniowego" in found  # to the sentence's end
    assert "Dajmy im szansę - wspieranie aktywności" in found  # ,,X'' as typed on Polish keyboards
    late = "Tytuł\n" + "Opis bez nazwy i znaczenia.\n" * 60 + "Zadanie pn. Daleka nazwa zadania.\n"
    assert "Daleka nazwa zadania" not in texts(late, record(late, 5))  # beyond HEAD_CHARS


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Lęborskie Stowarzyszenie Sympatyków Sportu: piłka nożna dzieci i młodzież 8.000 zł\nDalej.",
            "Lęborskie Stowarzyszenie Sympatyków Sportu",
        ),
        # from the eighteenth to the twenty-fifth session the yes/no model took the discipline and its amount here
        # ("piłka nożna dzieci i młodzież 12.000 zł"); the listwise model (twenty-sixth) takes the grantee again
        (
            "Uczniowski Klub Sportowy „Trójka”: piłka nożna dzieci i młodzież 12.000 zł\nDalej.",
            "Uczniowski Klub Sportowy „Trójka”",
        ),
    ],
)
def test_the_shipped_model_names_the_project(text, title):
    orgs = [(0, text.index(":"))]  # the grantee, as extraction finds it (the page itself: 100-lebork24, dev)
    r = choose_title(text, record(text, text.index("\n")), load_title_model(), orgs)
    assert r.title == title
    assert text[r.title_start : r.title_end] == title  # the evidence is the title as written


def test_the_title_span_stands_when_no_candidate_is_likelier():
    text = "Festyn Rodzinny w Mędrzechowie\nOpis."
    r = record(text, text.index("\n"))
    flat = LinearModel({"yes": {"bias": 0.0}, "no": {"bias": 0.0}})  # every candidate equally likely
    assert choose_title(text, r, flat) == r
    assert retitle(text, [r], flat) == [r]


def test_the_shipped_title_model_is_read_and_can_be_switched_off(monkeypatch):
    meta = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["trained_on"]
    assert meta["pages"] > 100 and meta["records"] > 300
    monkeypatch.setenv("PROJEKTY_TITLE_MODEL", "none")
    assert load_title_model.__wrapped__() is None


def test_a_candidate_knows_whether_it_is_or_holds_an_organisation():
    text = "Klub Sportowy Orzeł – Zakup strojów dla drużyny juniorów 5 000 zł\nDalej."
    r = record(text, text.index("\n"))
    org = (0, len("Klub Sportowy Orzeł"))
    name = title_features(text, r, *org, "title", [org])
    assert name["is_org=True"] == name["opens_with_org=True"] == name["holds_org=True"] == 1.0
    task = text.index("Zakup")
    purpose = title_features(text, r, task, text.index(" 5 000"), "title", [org])
    assert purpose["is_org=False"] == purpose["opens_with_org=False"] == purpose["holds_org=False"] == 1.0
    assert title_features(text, r, *org, "title")["is_org=False"] == 1.0  # no mentions given: no organisation


def test_retitle_reads_each_records_own_mentions():
    text = "Festyn Rodzinny w Mędrzechowie\nOpis."
    r = record(text, text.index("\n"))
    flat = LinearModel({"yes": {"bias": 0.0}, "no": {"bias": 0.0}})
    assert retitle(text, [r], flat, orgs=[[(0, 6)]]) == [r]
    with pytest.raises(ValueError):
        retitle(text, [r], flat, orgs=[])  # one list of mentions per record


def test_a_candidate_knows_a_verb_an_abbreviations_stop_and_its_line_end():
    text = "Parafia otrzymała dotację na remont instalacji c.o. w kościele p.w. św. Anny 2021\nDalej."
    r = record(text, text.index("\n"))
    whole = title_features(text, r, 0, r.title_end, "title")
    assert whole["has_verb=True"] == whole["has_year=True"] == whole["line_end=True"] == 1.0
    task = text.index("remont")
    cut = title_features(text, r, task, text.index("c.o.") + 1, "title")  # "remont instalacji c"
    assert cut["has_verb=False"] == cut["abbrev_cut=True"] == cut["line_end=False"] == cut["next_lower=True"] == 1.0
    stop = text.index(" w kościele")
    assert title_features(text, r, task, stop, "title")["next_lower=True"] == 1.0  # the sentence goes on
    name = "Festyn Rodzinny. Opis wydarzenia."
    assert title_features(name, record(name, 15), 0, 15, "title")["abbrev_cut=False"] == 1.0  # a sentence's stop


def test_the_title_model_is_fitted_as_one_choice_per_record():
    """Listwise: the candidate that is the key's title should outscore its own record's others, whatever
    other records' candidates score; the weights go to ``yes`` alone and the same groups give the same file."""
    from pipeline.segment.title_train import Group, fit

    def group(n: int, right: int, mark: str) -> Group:
        return Group(
            f"d{n}",
            f"s{n}",
            tuple(({"bias": 1.0, mark: 1.0} if i == right else {"bias": 1.0}, i == right) for i in range(3)),
        )

    groups = [group(n, n % 3, "quoted") for n in range(12)]
    weights = fit(groups)
    assert weights["no"] == {} and weights["yes"]["quoted"] > 1.0
    model = LinearModel(weights)
    for g in groups:
        p = [model.probabilities(f)["yes"] for f, _ in g.items]
        assert max(range(3), key=p.__getitem__) == next(i for i, (_, right) in enumerate(g.items) if right)
    assert fit(groups) == weights
    assert fit(groups[::-1]) == weights  # the order the records come in does not change the file


def test_the_same_name_further_on_leaves_the_heading_as_evidence():
    """A model that prefers names after ``pt.`` picks the body's ``pt. „X”``: where X is the heading's own title, the
    heading stays its evidence; where it differs, the named span becomes the title."""
    named = LinearModel({"yes": {"src=named": 5.0}, "no": {}})
    body = "Opis.\n" * 4 + "Odbyła się konferencja pt. „Rola samorządów w polityce RP”.\n"  # past the next lines
    same = "Rola samorządów w polityce RP\n" + body
    r = record(same, same.index("\n"))
    assert choose_title(same, r, named) == r
    other = "Konferencja w Warszawie\n" + body
    chosen_r = choose_title(other, record(other, other.index("\n")), named)
    assert chosen_r.title == "Rola samorządów w polityce RP" and chosen_r.title_start == other.index("Rola")
