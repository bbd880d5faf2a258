"""The vocabularies of organisation names (``org_heads.yaml``, ``org_stoplist.yaml``), read once."""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from pipeline.ruledata.resources import load_yaml
from pipeline.text.tokens import tok_lemmas
from schemas import fields

ORG_TYPES = fields.ORG_TYPES  # the closed vocabulary lives in schemas/fields.py


def check_org_type(value: str, where: str = "") -> str:
    return fields.check_code(value, ORG_TYPES, f"org_type{' in ' + where if where else ''}")


class HeadInfo(NamedTuple):
    org_type: str
    needs_name: bool
    standalone: bool
    plural_ok: bool
    sg_form_only: bool  # a form that may be plural (Miasta) does not start a name
    action_noun: bool = False  # also a noun of action (Organizacja = organising)
    adjective_name: bool = False  # a territorial unit named by a lowercase adjective (Powiat gołdapski)
    place_name: bool = False  # a unit named by its place in apposition (Miasto Gdańsk; Miasta Gdańska)


class Heads(NamedTuple):
    polish: dict[str, HeadInfo]
    english: dict[str, HeadInfo]
    connectors: frozenset[str]
    programme_words: frozenset[str]
    sentence_case: dict[str, HeadInfo]  # foreign lowercase heads after a capitalised first word
    postposed: dict[str, HeadInfo]  # foreign heads that close the name
    possessives: frozenset[str]  # lowercase possessives between a connector and a name word
    lowercase: frozenset[str]  # head lemmas that start a name also written lowercase (fundacji Pogranicze)
    territory_words: frozenset[str]  # lemmas before a lowercase territorial head that make it a place
    seat_names: dict[str, frozenset[str]]  # head lemma -> buildings that name its seat after a dash
    holder_offices: frozenset[str]  # heads of offices named by their holder (Wojewoda X)
    seat_named: frozenset[str]  # lowercase heads named by their seat alone (parafii w Zwierniku)
    dedicated: frozenset[str]  # heads named by a dedication, persons included (Parafia ... Pana Jezusa)
    connector_phrases: tuple[tuple[str, ...], ...]  # lowercase multi-word connectors (na rzecz)
    lowercase_units: frozenset[str]  # lowercase heads named by an adjective (powiatu nakielskiego)
    region_offices: frozenset[str]  # lowercase offices of a region (samorządu województwa X)
    head_abbreviations: dict[str, str]  # abbreviated heads before a name (gm. -> gmina)

    def foreign(self, word: str) -> HeadInfo | None:
        """The head entry of ``word`` in any of the foreign head lists, else None."""
        return self.english.get(word) or self.sentence_case.get(word) or self.postposed.get(word)


@cache
def heads() -> Heads:
    raw = load_yaml("org_heads.yaml")

    def conv(section: str) -> dict[str, HeadInfo]:
        out = {}
        for key, val in raw[section].items():
            out[key] = HeadInfo(
                check_org_type(val["org_type"], f"org_heads.yaml:{section}:{key}"),
                bool(val.get("needs_name", False)),
                bool(val.get("standalone", True)),
                bool(val.get("plural_ok", False)),
                bool(val.get("sg_form_only", False)),
                bool(val.get("action_noun", False)),
                bool(val.get("adjective_name", False)),
                bool(val.get("place_name", False)),
            )
        return out

    return Heads(
        conv("polish"),
        conv("english"),
        frozenset(raw["connectors"]),
        frozenset(raw["programme_words"]),
        conv("foreign_sentence_case"),
        conv("foreign_postposed"),
        frozenset(raw.get("possessives") or ()),
        frozenset(raw.get("lowercase_heads") or ()),
        frozenset(raw.get("territory_words") or ()),
        {k: frozenset(v) for k, v in (raw.get("seat_names") or {}).items()},
        frozenset(raw.get("holder_offices") or ()),
        frozenset(raw.get("seat_named") or ()),
        frozenset(raw.get("dedicated_heads") or ()),
        tuple(tuple(str(p).split()) for p in raw.get("connector_phrases") or ()),
        frozenset(raw.get("lowercase_units") or ()),
        frozenset(raw.get("region_offices") or ()),
        {str(k): str(v) for k, v in (raw.get("head_abbreviations") or {}).items()},
    )


@cache
def regions() -> tuple[frozenset[str], frozenset[str]]:
    """The regions' adjective stems and the names of a region's organs written without it (org_heads.yaml)."""
    raw = load_yaml("org_heads.yaml")
    return frozenset(raw.get("regions") or ()), frozenset(raw.get("regional_bodies") or ())


@cache
def enumerating_heads() -> dict[str, str]:
    """Lemmas of kind nouns before a list of places -> the prefix of the bodies' names (org_heads.yaml)."""
    return {str(k).lower(): str(v) for k, v in (load_yaml("org_heads.yaml").get("enumerating_heads") or {}).items()}


class TypeAcronym(NamedTuple):
    org_type: str
    expansion: tuple[frozenset[str], ...]  # lemma sets of the expansion's words
    written: str | None  # the expansion a canonical name starts with (Ochotnicza Straż Pożarna); None: kept
    place_is_seat: bool = False  # "SP Zieleń" is "Szkoła Podstawowa w Zieleniu"


@cache
def type_acronyms() -> dict[str, TypeAcronym]:
    """Acronyms of a kind of local body (``LGD``, ``OSP``), see org_heads.yaml ``type_acronyms``."""
    out = {}
    for acr, val in load_yaml("org_heads.yaml")["type_acronyms"].items():
        words = str(val["expansion"]).split()
        out[acr] = TypeAcronym(
            check_org_type(val["org_type"], f"org_heads.yaml:type_acronyms:{acr}"),
            tuple(tok_lemmas(w) for w in words),
            " ".join(words) if val.get("spelt_out", True) else None,
            bool(val.get("place_is_seat", False)),
        )
    return out


@cache
def _club_acronym() -> re.Pattern[str] | None:
    raw = load_yaml("org_heads.yaml").get("club_acronym")
    return re.compile(raw) if raw else None


def club_kind(word: str) -> TypeAcronym | None:
    """The kind of a sports club's acronym not listed in ``type_acronyms`` (``KKS``, ``BKS``), by its shape
    (org_heads.yaml ``club_acronym``); the name keeps it as written."""
    pattern = _club_acronym()
    if pattern is None or word in type_acronyms() or not pattern.match(word):
        return None
    return TypeAcronym("association", (), None)


@cache
def spelt_out_kinds() -> dict[str, str]:
    """Kind acronym -> the expansion a canonical name starts with (``OSP``: ``Ochotnicza Straż Pożarna``), for
    the kinds spelt out (org_heads.yaml ``type_acronyms``); read from the file alone (no morfeusz), so
    resolution may use it."""
    raw = load_yaml("org_heads.yaml")["type_acronyms"]
    return {acr: " ".join(str(v["expansion"]).split()) for acr, v in raw.items() if v.get("spelt_out", True)}


def kind_acronym(written: str, nominative: str | None) -> str | None:
    """The kind's acronym a name is written with when its nominative spells the kind out (``OSP w Bolesławiu``
    read as ``Ochotnicza Straż Pożarna w Bolesławiu``: OSP); string work only."""
    first = written.split(None, 1)[0] if written.strip() else ""
    expansion = spelt_out_kinds().get(first)
    if expansion is None or nominative is None or nominative == written:
        return None
    return first if nominative.startswith(expansion + " ") else None


class NameWords(NamedTuple):
    """Closed classes of words at a name's edges and inside it (org_heads.yaml)."""

    span_name_links: tuple[str, ...]  # "im.", "pw.": a model span ending in one takes the name after it
    span_seat_links: frozenset[str]  # "w", "przy": ... and the seat or parent body after it
    span_no_end_words: frozenset[str]  # prepositions and conjunctions a name never ends in
    saint_titles: frozenset[str]  # lemmas of a saint's title ("święty")
    lowercase_in_names: frozenset[str]  # words a recased name keeps lowercase ("nr", "im", "w")


@cache
def name_words() -> NameWords:
    raw = load_yaml("org_heads.yaml")
    return NameWords(
        tuple(str(w) for w in raw["span_name_links"]),
        frozenset(str(w) for w in raw["span_seat_links"]),
        frozenset(str(w) for w in raw["span_no_end_words"]),
        frozenset(str(w) for w in raw["saint_titles"]),
        frozenset(str(w) for w in raw["lowercase_in_names"]),
    )


@cache
def legal_suffix() -> re.Pattern:
    """``e.V.``, ``Sp. z o.o.``: a legal-form suffix right after a name belongs to it."""
    return re.compile(load_yaml("org_heads.yaml")["legal_suffix"])


@cache
def seat_abbreviations() -> frozenset[str]:
    """``Wlkp``, ``Maz``: an abbreviated region name ending a seat takes its full stop (``Gorzów Wlkp.``)."""
    return frozenset(str(w) for w in load_yaml("org_heads.yaml").get("seat_abbreviations") or ())


@cache
def programme_period() -> re.Pattern:
    return re.compile(load_yaml("org_heads.yaml")["programme_period"])


@cache
def _period_at_end() -> re.Pattern:
    return re.compile(f"(?:{programme_period().pattern})$")


def period_at_end(name: str) -> re.Match[str] | None:
    """The programme's period a name ends in (`` na lata 2014-2020``, `` 2014–2020``), else None."""
    return _period_at_end().search(name)


def is_dated_programme(name: str) -> bool:
    """A name that ends in a programme's period (``Program Rozwoju Obszarów Wiejskich na lata 2014-2020``): one
    programme of those a family's name or acronym (``PROW``) stands for."""
    return period_at_end(name) is not None


@cache
def grant_row() -> re.Pattern:
    """A grant list's row (``Familia – 21.000 zł``): group ``name`` is its grantee."""
    return re.compile(load_yaml("org_heads.yaml")["grant_row"], re.MULTILINE)


class Stoplist(NamedTuple):
    stop: frozenset[str]
    allow_known: frozenset[str]


@cache
def stoplist() -> Stoplist:
    raw = load_yaml("org_stoplist.yaml")
    return Stoplist(frozenset(raw["stoplist"]), frozenset(raw["allow_known_words"]))


@cache
def state_acronyms() -> frozenset[str]:
    """Acronyms of the state that are part of names (``Związek Gmin Wiejskich RP``), see org_stoplist.yaml."""
    return frozenset(load_yaml("org_stoplist.yaml").get("state_acronyms") or ())


@cache
def patron_phrases() -> tuple[tuple[str, ...], ...]:
    """Lowercase patron or dedication phrases inside a name (``świętego``, ``pod wezwaniem``), each as its
    words: org_heads.yaml ``patron_phrases``."""
    return tuple(tuple(str(p).split()) for p in load_yaml("org_heads.yaml").get("patron_phrases") or ())


def patron_phrase_end(words: list[str], j: int) -> int | None:
    """Index after a patron phrase starting at ``words[j]``, else None."""
    for phrase in patron_phrases():
        if tuple(words[j : j + len(phrase)]) == phrase:
            return j + len(phrase)
    return None


@cache
def name_abbreviations() -> frozenset[str]:
    """Abbreviations inside a name before the words they qualify (``św.``, ``Ap.``), lowercased: org_heads.yaml."""
    return frozenset(str(w).lower() for w in load_yaml("org_heads.yaml").get("name_abbreviations") or ())


@cache
def generic_names() -> tuple[tuple[str, ...], ...]:
    """Kinds of body written without a name (``Koło Gospodyń Wiejskich``), each as its lowercased words:
    org_stoplist.yaml."""
    return tuple(tuple(str(n).lower().split()) for n in load_yaml("org_stoplist.yaml").get("generic_names") or ())


def is_generic_name(surface: str) -> bool:
    """The mention is a kind of body without its name (``Koła Gospodyń Wiejskich``, ``Klub Sportowy (KS)``):
    its words, a bracketed acronym after them aside, are those of a ``generic_names`` entry in any case form."""
    words = surface.partition("(")[0].split()
    for entry in generic_names():
        if len(entry) == len(words) and all(tok_lemmas(e) & tok_lemmas(w) for e, w in zip(entry, words, strict=True)):
            return True
    return False


@cache
def person_titles() -> frozenset[str]:
    """Lemmas of titles before a person's name (``Pani``, ``Wójt``): org_stoplist.yaml ``person_titles``."""
    return frozenset(str(w).lower() for w in load_yaml("org_stoplist.yaml").get("person_titles") or ())


@cache
def kinds_before_name() -> tuple[tuple[str, ...], ...]:
    """Kinds of body whose name after them is the whole name (``grupa nieformalna``), each as its
    lemmas: org_heads.yaml ``kinds_before_name``."""
    return tuple(tuple(str(k).lower().split()) for k in load_yaml("org_heads.yaml").get("kinds_before_name") or ())
