"""Kinds of local body (``LGD``, ``Lokalna Grupa Działania``) with the name that makes them one body."""

from __future__ import annotations

import re
from functools import cache

from pipeline.extract.orgs.boundaries import extend_name, find_close_quote, starts_head_phrase
from pipeline.extract.orgs.morphology import is_function_word, is_place_name, locative_place
from pipeline.extract.orgs.vocab import TypeAcronym, club_kind, kinds_before_name, type_acronyms
from pipeline.text.acronyms import is_acronym
from pipeline.text.tokens import Span, Tok, cap_word_after, is_open_quote, plain_gap, tok_lemmas, tokenize


@cache
def _expansion_openers() -> frozenset[str]:
    """Lemmas of the first words of the kinds' expansions (a quick test before matching them)."""
    return frozenset().union(*(t.expansion[0] for t in type_acronyms().values() if t.expansion))


def _kind_at(toks: list[Tok], i: int) -> tuple[int, TypeAcronym] | None:
    """A kind-of-body acronym or its expansion starting at ``i`` (``LGD``, ``Lokalnej Grupy
    Działania``): (index of the token after it, the kind), else None."""
    types = type_acronyms()
    if toks[i].text in types:
        return i + 1, types[toks[i].text]
    if (club := club_kind(toks[i].text)) is not None:
        return i + 1, club
    prefix, _, kind = toks[i].text.rpartition("-")
    if kind in types and prefix.isupper() and len(prefix) <= 2:
        return i + 1, types[kind]  # "M-GKS Włókniarz Leśna" (miejsko-gminny): the kind with a prefix
    if not tok_lemmas(toks[i].text) & _expansion_openers():
        return None
    for t in types.values():
        n = len(t.expansion)
        if i + n <= len(toks) and all(
            toks[i + k].is_word and tok_lemmas(toks[i + k].text) & t.expansion[k] for k in range(n)
        ):
            return i + n, t
    return None


def kind_org_type(toks: list[Tok]) -> str | None:
    """org_type of a name that starts with a kind-of-body acronym or its expansion, else None."""
    kind = _kind_at(toks, 0) if toks else None
    return kind[1].org_type if kind else None


def expand_kind(name: str) -> tuple[str, str] | None:
    """A name written with its kind's acronym, the kind spelt out as the canonical name has it, and the
    acronym: (``Ochotnicza Straż Pożarna w Bolesławiu``, ``OSP``) for ``OSP w Bolesławiu``, (``Lokalna Grupa
    Działania „Kraina Rawki”``, ``LGD``) for ``LGD „Kraina Rawki”``; only before a seat or a quoted name,
    the forms whose canonical name is the expansion with them (a bare word after the acronym may be the
    whole name of an informal group: ``KGW Cysterki``), or before a bare place for a kind whose bodies are
    named by their seat (``place_is_seat``: ``SP Zieleń`` -> ``Szkoła Podstawowa w Zieleniu``); else None."""
    toks = tokenize(name)
    if len(toks) < 2 or not toks[0].is_word or toks[0].text not in type_acronyms():
        return None
    kind = type_acronyms()[toks[0].text]
    if kind.written is None:
        return None
    if len(toks) >= 3 and (
        is_open_quote(toks[1].text) or _seat_after(toks, 1, name) or _NUMBERED.match(name, toks[1].start)
    ):
        return kind.written + name[toks[0].end :], toks[0].text  # also "SP nr 3", "SP im. Jana Pawła II"
    if kind.place_is_seat and (seat := _bare_place(toks[1:])) is not None:
        return f"{kind.written} w {seat}", toks[0].text  # "SP Zieleń" -> "Szkoła Podstawowa w Zieleniu"
    if toks[1].text in _FROM and (seat := _bare_place(toks[2:], "gen")) is not None:
        return f"{kind.written} w {seat}", toks[0].text  # "KGW z Libiszowa" -> "Koło Gospodyń Wiejskich w Libiszowie"
    return None


# a school's number or patron after its kind's acronym ("SP nr 5 im. Marii Konopnickiej w Ełku", "SP im. S. Ligonia w
# Truskolasach"): the dev keys (3 098 pages) spell the kind out in all 18 such names
_NUMBERED = re.compile(r"(?:nr|Nr)\.?\s+\d|im\.\s")

# "KGW z Kacic", "OSP z Dłuska Gryfińskiego": a kind's acronym with the village it is from, where the registered name
# (KRS) spells the kind out with its seat, "w" and the locative, as 13 of the 14 such dev keys write it (the kept
# one: "Koło Gospodyń Wiejskich z Zarzecza", written out so on its page)
_FROM = frozenset({"z", "ze"})


def _bare_place(toks: list[Tok], case: str = "nom") -> str | None:
    """The words after a kind's acronym, when they are only a place written in the nominative (``Wola
    Rogowska``; or in ``case``), in the locative of a seat (``Woli Rogowskiej``), else None."""
    if (
        not toks
        or len(toks) > 3
        or not all(t.is_word and t.is_cap and "-" not in t.text and not is_acronym(t.text) for t in toks)
    ):
        return None
    return locative_place([t.text for t in toks], case)


def scan_type_names(toks: list[Tok], text: str) -> list[Span]:
    """A kind of local body with the name that makes it one body: ``LGD „Podlaski Przełom Bugu”``,
    ``OSP Podlesie``, ``Lokalna Grupa Działania Ziemi Bialskiej``."""
    out = []
    for i in range(len(toks)):
        if not (toks[i].is_word and toks[i].is_cap):
            continue
        kind = _kind_at(toks, i)
        if kind is None:
            continue
        j = kind[0]
        if j >= len(toks) or not plain_gap(text, toks[j - 1], toks[j]):
            continue
        nxt = toks[j]
        if is_open_quote(nxt.text):
            close = find_close_quote(toks, j, text)
            if close is not None:
                out.append(Span(i, _with_place(toks, close + 1, text), "rule"))
        elif (
            nxt.is_word
            and nxt.is_cap
            and not is_acronym(nxt.text)
            and not is_function_word(nxt.text)
            and not starts_head_phrase(toks, j, text)
        ):
            out.append(Span(i, extend_name(toks, j, text, None), "rule"))
        elif _seat_after(toks, j, text):
            out.append(Span(i, _seat_end(toks, j, text), "rule"))
    return out


def _seat_end(toks: list[Tok], j: int, text: str) -> int:
    """The end of a seat starting at ``toks[j]`` (``w Bolesławiu``, ``w Stanisławowie Pierwszym``): the place's
    words on the seat's line (``OSP w Okonku\nDowiedz się więcej``: the next line is no part of it)."""
    end = extend_name(toks, j, text, None)
    return next((k for k in range(j + 2, end) if "\n" in text[toks[k - 1].end : toks[k].start]), end)


_SEAT_PREPOSITIONS = frozenset({"w", "we"})


def _seat_after(toks: list[Tok], j: int, text: str) -> bool:
    """Token j opens the seat that makes a kind of body one body (``OSP w Bolesławiu``, ``KGW w Golach``,
    ``GOK w Zdunach``): ``w``/``we`` before a capitalised word that is no function word, acronym or new
    body; a village's brigade, circle or centre is named by its village across every Polish municipality."""
    place = cap_word_after(toks, j, text) if toks[j].text in _SEAT_PREPOSITIONS else None
    return (
        place is not None
        and not is_acronym(place.text)
        and not is_function_word(place.text)
        and not starts_head_phrase(toks, j + 1, text)
    )


def _with_place(toks: list[Tok], j: int, text: str) -> int:
    """A sports club's quoted name goes on with its town (``LKS „Dąb” Dąbrowa Białostocka``): a
    capitalised place name right after the quote, with the words of the place after it."""
    if j >= len(toks) or not (toks[j].is_word and toks[j].is_cap and plain_gap(text, toks[j - 1], toks[j])):
        return j
    if "\n" in text[toks[j - 1].end : toks[j].start] or not is_place_name(toks[j].text):
        return j
    return extend_name(toks, j + 1, text, None)


def _kind_phrase_end(toks: list[Tok], i: int) -> int | None:
    """Index after a ``kinds_before_name`` phrase starting at ``i`` (``grupy nieformalnej``), else None."""
    for kind in kinds_before_name():
        n = len(kind)
        if i + n <= len(toks) and all(
            toks[i + k].is_word and kind[k] in tok_lemmas(toks[i + k].text) for k in range(n)
        ):
            return i + n
    return None


def scan_kind_named(toks: list[Tok], text: str) -> list[Span]:
    """The name after a kind that is no part of it (``grupy nieformalnej Nasz Pszczelin``, ``Grupa
    nieformalna „RMW-Majewo i rada sołecka”``): the quoted words, or the capitalised name."""
    out = []
    for i in range(len(toks)):
        j = _kind_phrase_end(toks, i)
        if j is None or j >= len(toks) or not plain_gap(text, toks[j - 1], toks[j]):
            continue
        if is_open_quote(toks[j].text):
            close = find_close_quote(toks, j, text)
            if close is not None and close > j + 1:
                out.append(Span(j + 1, close, "rule"))
        elif toks[j].is_word and toks[j].is_cap and not is_function_word(toks[j].text):
            out.append(Span(j, extend_name(toks, j + 1, text, None), "rule"))
        elif (host := _host_end(toks, j, text)) is not None:
            out.append(Span(i, host, "rule"))
    return out


def _host_end(toks: list[Tok], j: int, text: str) -> int | None:
    """An informal group named by the body that hosts it, ``przy`` and the body (``Grupa Nieformalna przy GOK w
    Szumowie``, ``grupa nieformalna przy OSP w Kołakach``: Działaj Lokalnie's and LGDs' lists name them so):
    the end of the host's name (its seat on the same line), else None. The kind stays in the name."""
    k = j + 1
    if toks[j].text != "przy" or k >= len(toks) or not (toks[k].is_word and toks[k].is_cap):
        return None
    if not plain_gap(text, toks[j], toks[k]) or is_function_word(toks[k].text):
        return None
    if _seat_after(toks, k + 1, text):
        return _seat_end(toks, k + 1, text)  # "przy GOK w Szumowie", "przy SP w Kołakach"
    end = extend_name(toks, k + 1, text, None)
    return end if end > k + 1 or is_acronym(toks[k].text) else None
