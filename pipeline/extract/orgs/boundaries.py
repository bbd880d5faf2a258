"""Where a name ends: the words after its head, connectors, quoted names, and where a new name begins."""

from __future__ import annotations

import re

from pipeline.extract.orgs.domain_list import match_domain_at
from pipeline.extract.orgs.morphology import (
    adj_analyses,
    agrees,
    genitive_capable,
    head_analyses,
    head_lemma,
    is_compound_part,
    is_first_name,
    is_function_word,
    is_noun,
    is_person_title,
    is_place_genitive,
    num_gender_case,
    place_parts,
)
from pipeline.extract.orgs.vocab import heads, name_abbreviations, patron_phrase_end, state_acronyms, stoplist
from pipeline.text.acronyms import is_acronym, is_roman
from pipeline.text.morph import Analysis, analyse, is_known
from pipeline.text.tokens import CLOSE_QUOTES, Tok, cap_word_after, gap, is_open_quote, plain_gap


def starts_head_phrase(toks: list[Tok], j: int, text: str) -> bool:
    """Token j starts a new organisation phrase (head noun, adjectives + head, acronym, domain name)."""
    t = toks[j]
    if not t.is_word or not t.is_cap:
        return False
    if is_acronym(t.text) and t.text not in stoplist().stop:
        return True
    if head_lemma(t.text, standalone_only=True):
        return True
    h = heads()
    if t.text in h.english or (j + 1 < len(toks) and toks[j + 1].text in h.sentence_case and not is_known(t.text)):
        return True  # "... i Fundación X", "... i Mládežnícka rada Y": a foreign name begins
    k = j
    while k < len(toks) and toks[k].is_word and toks[k].is_cap and adj_analyses(toks[k].text) and k - j < 3:
        if k + 1 < len(toks) and plain_gap(text, toks[k], toks[k + 1]) and "\n" not in gap(text, toks[k], toks[k + 1]):
            nxt = toks[k + 1].text  # an adjective and its head share a line ("w Bystrej\nParafia X": two names)
            lem = head_lemma(nxt, standalone_only=True)
            if lem and agrees(adj_analyses(toks[k].text), head_analyses(nxt, lem), case=False):
                return True
        k += 1
    if t.text in heads().english:
        return True
    return match_domain_at(toks, j, text) is not None


def extend_name(toks: list[Tok], j: int, text: str, head_case_src: tuple[Analysis, ...] | None) -> int:
    """Extend a name from token j (the first token after the head). Returns the end index (exclusive)."""
    stop = stoplist().stop
    n = len(toks)
    first = j
    while j < n:
        prev = toks[j - 1]
        t = toks[j]
        if not plain_gap(text, prev, t) or _person_initial(toks, first, j, text):
            break
        step = _inner_step(toks, j, text)
        if step is None and _place_compound_dash(toks, j, text, first):
            step = j + 1
        if step is not None:
            j = step
            continue
        if t.is_word and (t.is_cap or _brand_word(t.text)):
            if j + 1 < n and _compound_dash(toks, j + 1, text):
                j += 1  # "Uniwersytetu Warmińsko–Mazurskiego": the compound's first part (an adverb to morfeusz)
                continue
            if _title_case_connector(toks, j, text, first):
                j += 1
                continue
            if _cap_word_ends_name(toks, j, text, first, head_case_src):
                break
            if t.text in stop and t.text not in state_acronyms() and is_acronym(t.text) and not _roman_in_name(toks, j):
                break
            j += 1
            continue
        if t.is_word and t.text.islower():
            after = _after_connector(toks, j, text, first)
            if after is None:
                break
            j = after
            continue
        if t.text == "+" and t.start == prev.end and prev.is_word and prev.is_cap:
            j += 1  # "Programu Erasmus+", "Program Senior+": the plus belongs to the programme's name
            continue
        if is_open_quote(t.text) and not _after_seat(toks, first, j):
            close = find_close_quote(toks, j, text)
            if close is not None:
                j = close + 1
                continue
        break
    return _before_trailing_connector(toks, first, j)


def _brand_word(word: str) -> bool:
    """A brand written with a lowercase first letter and a capital inside (``mBanku``, ``eTwinning``): a name
    word like a capitalised one (``Fundacja mBanku``)."""
    return len(word) > 2 and word[0].islower() and word[1:2].isupper() and any(c.islower() for c in word[2:])


_FIELD_LABEL = re.compile(r"[^\W\d_]+(?:[ \t]+[^\W\d_]+){0,3}[ \t]*:")  # up to four words and a colon


def _cap_word_ends_name(
    toks: list[Tok], j: int, text: str, first: int, head_case_src: tuple[Analysis, ...] | None
) -> bool:
    """The capitalised word at j starts something else: a new body on the next line, a sentence, a person,
    or a head noun in a case the name's head does not govern."""
    t, prev = toks[j], toks[j - 1]
    if "\n" in gap(text, prev, t) and starts_head_phrase(toks, j, text):
        return True  # a list of bodies one per line: "Parafia Św. Barbary w Strumieniu\nParafia Św. Bartłomieja"
    if "\n" in gap(text, prev, t) and _FIELD_LABEL.match(text, t.start):
        return True  # a field label opens the next line: "OSP w Dąbrowie\nTytuł Grantu: ..."
    if (
        is_roman(t.text)
        and _patron_named(toks, first, j)
        and _roman_in_name(toks, j)
        and not (j + 1 < len(toks) and starts_head_phrase(toks, j + 1, text))
    ):
        return False  # a patron's ordinal: "im. Mieszka I", not the conjunction "I"
    if is_function_word(t.text) or (_person_title_at(toks, j) and not _patron_named(toks, first, j)):
        return True  # "... Związek Powiatów Polskich\nW ramach projektu", "Gminy Dźwierzuty Pani Marianna"
    lem = head_lemma(t.text)
    if lem and head_case_src is not None and not genitive_capable(t.text):
        own = {c for a in head_case_src for c in num_gender_case(a)[2]}
        cand = {c for a in head_analyses(t.text, lem) for c in num_gender_case(a)[2]}
        apposition = "\n" not in gap(text, prev, t) and _programme_apposition(head_case_src, lem, cand)
        # a capitalised adjective agreeing with it before it: the name's own phrase ("Stowarzyszeniu Nasz Dom")
        own_phrase = j - 1 >= first and prev.is_cap and agrees(adj_analyses(prev.text), head_analyses(t.text, lem))
        if not own & cand and not apposition and not own_phrase:
            return True  # "Na zlecenie Związku Miast Polskich Instytut ..." -> new mention
    return False


def _person_initial(toks: list[Tok], first: int, j: int, text: str) -> bool:
    """One capital letter and a full stop before a first name (``Marszałek Województwa Mazowieckiego P. Rafał
    Rajkowski``: P. is Pan): a person's title or initial, not a word of the body's name; unless a patron is
    named (``im. J. Korczaka``)."""
    t = toks[j]
    if len(t.text) != 1 or not t.text.isupper() or text[t.end : t.end + 1] != "." or _patron_named(toks, first, j):
        return False
    nxt = next((k for k in range(j + 1, min(j + 3, len(toks))) if toks[k].is_word), None)
    return nxt is not None and is_first_name(toks[nxt].text)


def _person_title_at(toks: list[Tok], j: int) -> bool:
    """A title before a person's name at j (``Pani Marianna``), not a noun that a capitalised adjective
    after it qualifies (``Muzeum Początków Państwa Polskiego``: the state)."""
    if not is_person_title(toks[j].text):
        return False
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    if nxt is None or not (nxt.is_word and nxt.is_cap):
        return True
    return not agrees(adj_analyses(nxt.text), tuple(a for a in analyse(toks[j].text) if a.pos == "subst"))


_SEAT_WORDS = frozenset({"w", "we"})


def _place_compound_dash(toks: list[Tok], j: int, text: str, first: int) -> bool:
    """The dash at j joins the two parts of the seat's place name (``w Kędzierzynie – Koźlu``, ``w Połczynie –
    Zdroju``): right after ``w``/``we`` and one capitalised word, before a capitalised word, both read in the
    locative, spaced alike on both sides; never before a head noun (``w Lublinie – Muzeum``)."""
    if toks[j].text not in DASHES or j - 2 < first or j + 1 >= len(toks):
        return False
    seat, place, nxt = toks[j - 2], toks[j - 1], toks[j + 1]
    return (
        seat.text in _SEAT_WORDS
        and place.is_word
        and place.is_cap
        and nxt.is_word
        and nxt.is_cap
        and gap(text, place, toks[j]) == gap(text, toks[j], nxt)
        and place_parts(place.text, nxt.text)
    )


def _after_seat(toks: list[Tok], first: int, j: int) -> bool:
    """The name before token j closes with its seat (``w``/``we`` and capitalised words): a quoted phrase
    after it is what the body does, not its name (``Koło Gospodyń Wiejskich w Strzebieszewie „Integracja
    pod chmurką”``: the task's title; a quoted name stands before the seat: ``Stowarzyszenie „Razem” w X``)."""
    k = j - 1
    while k > first and toks[k].is_word and toks[k].is_cap:
        k -= 1
    return k < j - 1 and k >= first and toks[k].text in _SEAT_WORDS


_TITLE_CASE_CONNECTORS = frozenset({"Na", "Dla"})


def _title_case_connector(toks: list[Tok], j: int, text: str, first: int) -> bool:
    """A connector capitalised as names written in title case have it (``Stowarzyszenie Na Rzecz Rozwoju
    Wsi``, ``Fundacja Dla Dzieci``; KRS registers many names so) before a capitalised word that starts no
    second body; ``W``, ``I``, ``Z`` are left out: as capitals they open sentences and headings."""
    nxt = cap_word_after(toks, j, text) if toks[j].text in _TITLE_CASE_CONNECTORS else None
    return nxt is not None and not is_function_word(nxt.text) and not _new_body_after(toks, j, j + 1, text, first)


def _before_trailing_connector(toks: list[Tok], first: int, j: int) -> int:
    """A name never ends on its connector (``Fundacja Pogranicze i Jej.``: not ``Fundacja Pogranicze i``)."""
    while j > first and toks[j - 1].is_word and toks[j - 1].text in heads().connectors:
        j -= 1
    return j


def _inner_step(toks: list[Tok], j: int, text: str) -> int | None:
    """Where the name goes on after token j when j starts a piece that is no plain word: a number (``nr
    2``), an abbreviation (``pw. św.``), a compound adjective's dash (``Kulturalno– Oświatowe``), a
    possessive written capitalised after a connector (``i Ich Rodzinom``); else None."""
    step = _number_after(toks, j, text)
    if step is None:
        step = _abbreviation_after(toks, j, text)
    if step is None and _compound_dash(toks, j, text):
        step = j + 1
    if step is None and toks[j - 1].text in heads().connectors and _possessive_before_name(toks, j, text):
        step = j + 1
    return step


_PATRON_MARKS = frozenset({"im", "pw", "p", "św", "bł"})  # p: "p. w."


def _patron_named(toks: list[Tok], first: int, j: int) -> bool:
    """The name so far has a patron or a dedication (``im.``, ``pw.``, ``św.``), or its head is named by
    one (``dedicated_heads``): persons are part of it (``Parafia pw. Najświętszego Serca Pana Jezusa``,
    ``Parafia Najdroższej Krwi Pana Jezusa``)."""
    if first >= 1 and head_lemma(toks[first - 1].text) in heads().dedicated:
        return True
    return any(toks[x].text.lower() in _PATRON_MARKS for x in range(max(0, first - 1), j))


def _after_connector(toks: list[Tok], j: int, text: str, first: int) -> int | None:
    """The name goes on after the lowercase word at j when it is a connector before a capitalised word
    that does not start a second body (``Związek Gmin i Powiatów``), an abbreviation (``pw. św. Anny``)
    or a possessive (``i ich Rodziców``): the index to continue from, else None."""
    t, n = toks[j], len(toks)
    word = t.text
    k = j + 1
    if word in ("im", "ds", "pw") and k < n and toks[k].text == "." and toks[k].start == t.end:
        word += "."
        k += 1
    elif word == "p" and [x.text for x in toks[k : k + 3]] == [".", "w", "."]:
        word, k = "pw.", k + 3  # "parafii p. w. św. Anny": pw. spaced
    if (patron := _patron_after(toks, j, text)) is not None:
        return patron  # "parafia świętego Michała", "Parafia pod wezwaniem Świętych Apostołów"
    if (phrase := _connector_phrase_end(toks, j, text)) is not None:
        k = phrase  # "na rzecz": the capitalised word after it is tested as after a one-word connector
        word = toks[j].text
    if word not in heads().connectors or k >= n or not plain_gap(text, toks[k - 1], toks[k]):
        return None
    if toks[k].is_word and toks[k].is_cap:
        if word in ("z", "ze") and is_place_genitive(toks[k].text):
            return None  # the seat, not the name: "Stowarzyszenie Kreatywnych Nauczycieli z Jastrzębia-Zdroju"
        return None if _new_body_after(toks, j, k, text, first) else k
    if _abbreviation_after(toks, k, text) is not None:
        return k  # "pw. św. Anny": the abbreviation is taken on the next step
    if _possessive_before_name(toks, k, text):
        return k + 1  # "i ich Rodziców"
    return None


def _connector_phrase_end(toks: list[Tok], j: int, text: str) -> int | None:
    """Index after a lowercase multi-word connector starting at j (``na rzecz``; ``connector_phrases`` of
    org_heads.yaml) when its words stand on one line, else None."""
    words = [t.text for t in toks[j : j + 3]]
    for phrase in heads().connector_phrases:
        n = len(phrase)
        if tuple(words[:n]) == phrase and all(plain_gap(text, toks[j + m], toks[j + m + 1]) for m in range(n - 1)):
            return j + n
    return None


def _patron_after(toks: list[Tok], j: int, text: str) -> int | None:
    """Index of the capitalised patron's name after a lowercase patron phrase at j (``świętego Michała``,
    ``pod wezwaniem Świętych``; ``patron_phrases`` of org_heads.yaml), else None."""
    k = patron_phrase_end([t.text for t in toks[j : j + 3]], 0)
    if k is None or j + k >= len(toks):
        return None
    return j + k if cap_word_after(toks, j + k - 1, text) else None


def _programme_apposition(head_case_src: tuple[Analysis, ...], lem: str, cases: set[str]) -> bool:
    """A programme or fund named by a title in the nominative after its kind, whatever the kind's case
    (``Programu Operacyjnego Fundusz Inicjatyw Obywatelskich``, ``Rządowego Funduszu Polski Ład Program
    Inwestycji Strategicznych``): both heads are funds or programmes, the second in the nominative."""
    table = heads().polish
    own = {a.lemma.lower() for a in head_case_src}
    return (
        "nom" in cases
        and lem in table
        and table[lem].org_type == "fund_or_programme"
        and any(o in table and table[o].org_type == "fund_or_programme" for o in own)
    )


def _roman_in_name(toks: list[Tok], j: int) -> bool:
    """A Roman numeral continues a name (``im. Jana Pawła II w X``) unless a common noun follows it
    (``Gminy Leśna II etap``: the stage of a project, not part of the name)."""
    if not is_roman(toks[j].text):
        return False
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    if nxt is None or not (nxt.is_word and nxt.text.islower()) or nxt.text in heads().connectors:
        return True
    return _not_a_noun(nxt.text)  # "im. Mieszka I oraz ...": a conjunction or a verb after it ends only the name


def _not_a_noun(word: str) -> bool:
    """No reading of the lowercase word is a noun (``oraz``, ``otrzymała``): it cannot be what a numeral counts."""
    return not any(a.pos in ("subst", "ger", "depr") for a in analyse(word))


def _new_body_after(toks: list[Tok], j: int, k: int, text: str, first: int) -> bool:
    """Token k, after the connector at j, starts a second body: a new head phrase (``Gmina X i Fundacja
    Y``), also a head that is only part of names when a name word follows it (``Gmina Kamionka i Miasto
    Lubartów``), unless heads are coordinated before one shared name (``Urząd Miasta i Gminy Ostrów``,
    ``Gmina i Miasto Ostrów``)."""
    named = cap_word_after(toks, k, text) is not None
    if toks[j].text == "i" and head_lemma(toks[j - 1].text) and head_lemma(toks[k].text):
        # heads sharing the name after them ("Urząd Miasta i Gminy Ostrów", "Związek Miast i Gmin"); right
        # after the mention's head and without a name it is a list of kinds ("Stowarzyszenia i Fundacje")
        return j == first and not named
    if starts_head_phrase(toks, k, text):
        return True
    return head_lemma(toks[k].text) is not None and named


def _possessive_before_name(toks: list[Tok], k: int, text: str) -> bool:
    """A possessive pronoun between a connector and a capitalised name word (``na Rzecz Dzieci
    Niepełnosprawnych i ich Rodziców``, also capitalised: ``i Ich Rodzinom``): the name goes on."""
    return (
        toks[k].text.lower() in heads().possessives
        and cap_word_after(toks, k, text) is not None
        and not starts_head_phrase(toks, k + 1, text)
    )


DASHES = ("-", "–", "—")  # a hyphen and the dashes written for one


def _compound_dash(toks: list[Tok], j: int, text: str) -> bool:
    """The dash at j joins a compound adjective written apart (``Kulturalno–Oświatowe``,
    ``Kulturalno- Oświatowe``, ``Szkolno - Przedszkolnym``): after a capitalised word in ``-o`` (the
    compound's first part), before a capitalised adjective; a dash between spaces only when the adjective
    starts no new body and the first part is no noun (``Zespole Szkolno - Przedszkolnym w X``; not ``Gmina
    Kłodzko – Polska Fundacja``, ``Gmina Puszczykowo – Nowe drogi``)."""
    if toks[j].text not in DASHES or j + 1 >= len(toks) or j < 1:
        return False
    prev, nxt = toks[j - 1], toks[j + 1]
    before, after = gap(text, prev, toks[j]), gap(text, toks[j], nxt)
    return (
        prev.is_word
        and prev.is_cap
        and prev.text.endswith("o")
        and nxt.is_word
        and nxt.is_cap
        and bool(adj_analyses(nxt.text))
        and (before == "" or after == "" or (before == after == " " and _spaced_compound(toks, j, text)))
        and plain_gap(text, toks[j], nxt)
    )


def _spaced_compound(toks: list[Tok], j: int, text: str) -> bool:
    """The words around the spaced dash at j read as one compound adjective: the first part is an adverb's form
    that only compounds take (``Polsko – Amerykańskiej Fundacji``, ``Miejsko - Gminna Biblioteka``), or it is no
    noun (a place in ``-o`` is one) and the second starts no new body."""
    first = toks[j - 1].text
    return is_compound_part(first) or (not is_noun(first) and not starts_head_phrase(toks, j + 1, text))


def _abbreviation_after(toks: list[Tok], j: int, text: str) -> int | None:
    """An abbreviation with its full stop inside a name, before a capitalised word or another such
    abbreviation (``pw. św. Anny``, ``Św. Ap. Jakuba``, ``im. J. Korczaka``): the index after the full
    stop, else None."""
    t = toks[j]
    if not t.is_word or not (t.text.lower() in name_abbreviations() or (len(t.text) == 1 and t.is_cap)):
        return None
    k = j + 1
    if k + 1 >= len(toks) or toks[k].text != "." or toks[k].start != t.end:
        return None
    nxt = toks[k + 1]
    if not (nxt.is_word and plain_gap(text, toks[k], nxt)):
        return None
    if nxt.is_cap or _abbreviation_after(toks, k + 1, text) is not None:
        return k + 1
    return None


def _number_after(toks: list[Tok], j: int, text: str) -> int | None:
    """``nr 2`` / ``Nr. 5`` inside a name (``Szkoła Podstawowa nr 2 w Polkowicach``): the index after the
    number, else None."""
    if toks[j].text.lower() != "nr":
        return None
    k = j + 1
    if k < len(toks) and toks[k].text == "." and toks[k].start == toks[j].end:
        k += 1
    if k < len(toks) and toks[k].text.isdigit() and plain_gap(text, toks[k - 1], toks[k]):
        return k + 1
    return None


def find_close_quote(toks: list[Tok], j: int, text: str) -> int | None:
    """Index of the closing quote of the quoted name opening at j (capitalised content, short)."""
    if j + 1 >= len(toks) or not toks[j + 1].is_cap:
        return None
    for k in range(j + 1, min(j + 12, len(toks))):
        if "\n\n" in gap(text, toks[k - 1], toks[k]):
            return None
        if k > j + 1 and toks[k].text in CLOSE_QUOTES:
            return k
    return None
