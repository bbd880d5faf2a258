"""Which mention forms are one body: the linking phases of organisation resolution.

Every form is a node ``m:<index>``; forms are linked through the nodes of what they share: their
nominative name key (``n:``), an acronym (``a:``) and a domain-list entry (``d:``).

1. :func:`link_forms` (seed): each form joins its name key, its acronym and its domain entry (read with
   the name in the per-document stage: :func:`pipeline.resolve.nominative.name_reading`); domain acronyms
   join their entry. An acronym that names two bodies in the dataset (a kind's or a regional network's:
   ``OSP``, ``WFOŚiGW`` defined after ``... w Lublinie`` and after ``... w Warszawie``) links no name.
2. :func:`merge_near_names` (fuzzy): near-identical names with the same first word join, unless their
   bodies hold different domain entries or disjoint acronyms, or the names differ in a number or a word.
3. :func:`attach_bare_acronyms` (initials): a bare acronym whose body has no written name joins the one
   named body whose initials spell it, on the same condition.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from pipeline.core.datatypes import NameReading
from pipeline.extract.orgs.domain_list import domain_acronyms, norm_acronym
from pipeline.extract.orgs.morphology import geographical_readings
from pipeline.extract.orgs.vocab import is_dated_programme
from pipeline.resolve.components import ComponentMap
from pipeline.resolve.table import Form, FormTable

# node kinds of the component map
NAMED = "named"  # a form with a written name
UNNAMED = "unnamed"  # a form without one: a bare acronym
NAME = "name"
ACRONYM = "acronym"
DOMAIN = "domain"


def form_node(idx: int) -> str:
    return f"m:{idx}"


def name_key(name: str) -> str:
    """What two spellings of one name share: quotes unified, whitespace collapsed, case folded."""
    s = re.sub(r"[„”“\"«»]", '"', name)
    return re.sub(r"\s+", " ", s).strip().casefold()


def initials_variants(name: str) -> set[str]:
    """Initials of a name, with and without its lowercase connectors (``Ministerstwo Spraw Wewnętrznych i
    Administracji`` -> MSWIA, MSWA)."""
    words = [w for w in re.split(r"\s+", name) if w and w[0].isalpha()]
    caps = "".join(p[0] for w in words if w[0].isupper() for p in w.split("-") if p).upper()
    full = "".join(p[0] for w in words for p in w.split("-") if p).upper()
    return {caps, full} if len(caps) >= 2 else set()


# --------------------------------------------------------------------------- seed


def _join(comps: ComponentMap, node: str, other: str, kind: str) -> None:
    comps.add(other, kind)
    comps.union(node, other)


def _link_bare_acronym(comps: ComponentMap, node: str, form: Form, dom_acr: dict[str, int]) -> None:
    a = norm_acronym(form.text)
    _join(comps, node, f"a:{a}", ACRONYM)
    if a in dom_acr:
        _join(comps, node, f"d:{dom_acr[a]}", DOMAIN)


def _link_named(comps: ComponentMap, node: str, reading: NameReading) -> None:
    _join(comps, node, f"n:{name_key(reading.nominative)}", NAME)
    di = reading.domain  # the gazetteer's entry, found where the mention was (name_reading)
    if di is not None:
        _join(comps, node, f"d:{di}", DOMAIN)


def _defined_acronyms(table: FormTable, dom_acr: dict[str, int]) -> dict[str, list[tuple[int, str]]]:
    """Acronym -> the (form index, name key) of each written name defining it (``Związku Powiatów Polskich
    (ZPP)``), unless the domain list gives the acronym to another body than the name's, or the name is one
    dated programme of the domain entry's (``... na lata 2014-2020 (PROW)``: another page's PROW may be 2007-2013)."""
    out: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for idx, (form, reading) in enumerate(zip(table.forms, table.readings, strict=True)):
        if reading is None or not form.acronym:
            continue
        a, di = norm_acronym(form.acronym), reading.domain
        undated = di is None and not is_dated_programme(reading.nominative)
        if a not in dom_acr or undated or dom_acr[a] == di:
            out[a].append((idx, name_key(reading.nominative)))
    return out


def names_one_body(keys: Iterable[str]) -> bool:
    """Whether the name keys ``keys``, defining one acronym, may name one body: no two differ in a word."""
    distinct = sorted(set(keys))
    return not any(words_differ(k1, k2) for i, k1 in enumerate(distinct) for k2 in distinct[i + 1 :])


def link_forms(table: FormTable) -> ComponentMap:
    """Seed: one component per form, joined with its name key, acronym and domain entry."""
    dom_acr = domain_acronyms()
    comps = ComponentMap()
    for idx, (form, reading) in enumerate(zip(table.forms, table.readings, strict=True)):
        node = form_node(idx)
        comps.add(node, NAMED if reading is not None and reading.nominative else UNNAMED)
        if reading is None:
            _link_bare_acronym(comps, node, form, dom_acr)
        else:
            _link_named(comps, node, reading)
    # a defined acronym links its names, unless they are two bodies (then it stays a body of its own)
    for a, defined in _defined_acronyms(table, dom_acr).items():
        if a in dom_acr or names_one_body(key for _idx, key in defined):
            for idx, _key in defined:
                _join(comps, form_node(idx), f"a:{a}", ACRONYM)
    # acronym nodes of domain entries join their entry (only if the acronym is unambiguous)
    for a, di in dom_acr.items():
        if f"a:{a}" in comps:
            _join(comps, f"a:{a}", f"d:{di}", DOMAIN)
    return comps


def conflict(comps: ComponentMap, x: str, y: str) -> bool:
    """Whether the bodies of ``x`` and ``y`` are told apart: different domain entries, or acronyms on both
    sides of which none is shared."""
    d1, d2 = comps.members(x, DOMAIN), comps.members(y, DOMAIN)
    if d1 and d2 and d1 != d2:
        return True
    a1, a2 = comps.members(x, ACRONYM), comps.members(y, ACRONYM)
    return bool(a1 and a2 and not a1 & a2)


# --------------------------------------------------------------------------- fuzzy


def same_first_word_pairs(keys: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Pairs (k1, k2) of sorted ``keys`` with the same first word, k1 before k2, in the order of comparing
    every pair, without the quadratic walk over the whole dataset's names."""
    keys = sorted(keys)
    buckets: dict[str, list[str]] = defaultdict(list)
    position: dict[str, int] = {}
    for k in keys:
        bucket = buckets[k.split(" ", 1)[0]]
        position[k] = len(bucket)
        bucket.append(k)
    for k1 in keys:
        for k2 in buckets[k1.split(" ", 1)[0]][position[k1] + 1 :]:
            yield k1, k2


_NUMBER = re.compile(r"\d+")


def _numbers_differ(k1: str, k2: str) -> bool:
    """Names that differ in a number are two bodies or programmes (``Szkoła Podstawowa nr 2`` / ``nr 3``,
    ``RPO ... na lata 2007-2013`` / ``2014-2020``), however alike their letters."""
    return sorted(_NUMBER.findall(k1)) != sorted(_NUMBER.findall(k2))


def _spelling_variants(w1: str, w2: str) -> bool:
    """Two cases or spellings of one word differ in its last letters only (``Chorągiew`` / ``Chorągwi``,
    ``Gdańska`` / ``Gdańskiej``, ``Bobru`` / ``Bobra``); two place names differ before (``Podlaskiego`` /
    ``Opolskiego``, ``Dąbrowie`` / ``Dąbrówce``, ``Kłodzko`` / ``Kłodawa``)."""
    prefix = len(os.path.commonprefix([w1, w2]))
    return prefix >= max(3, min(len(w1), len(w2)) - 3) and fuzz.ratio(w1, w2) >= 75 and not _two_places(w1, w2)


def _two_places(w1: str, w2: str) -> bool:
    """Two words each the nominative of a place morfeusz knows are two places, however alike (``Lubawa`` /
    ``Lubawka``, ``Głogów`` / ``Głogówek``); names are compared casefolded, places are written capitalised."""
    return w1 != w2 and all(_place_nominative(w.capitalize()) for w in (w1, w2))


def _place_nominative(word: str) -> bool:
    return any(a.lemma == word and "nom" in a.tag for a in geographical_readings(word))


def words_differ(k1: str, k2: str) -> bool:
    """Names that differ in a word, the rest alike, are two bodies (``Zarząd Województwa Podlaskiego`` /
    ``Opolskiego``, ``Koło Gospodyń Wiejskich w Grądach`` / ``w Golach``), however alike their letters.
    Only words standing in the same place are compared: a word added (the seat, ``Stowarzyszenie``) or a
    run of words written another way (``Lokalna Grupa Działania`` / ``LGD``) tells no two bodies apart."""
    w1, w2 = k1.split(), k2.split()
    return any(
        tag == "replace"
        and i2 - i1 == j2 - j1
        and not all(_spelling_variants(a, b) for a, b in zip(w1[i1:i2], w2[j1:j2], strict=True))
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, w1, w2, autojunk=False).get_opcodes()
    )


# the seat that closes a name: "... w łodzi", "... we wrocławiu" (name keys are casefolded)
SEAT = re.compile(r"\s(?:z siedzibą\s)?we?\s+\S+(?:\s+\S+){0,2}$", re.IGNORECASE)


def seat_added(k1: str, k2: str) -> str | None:
    """The seat the longer of two names adds to the other (``... gospodarki wodnej`` / ``... w łodzi``)."""
    short, long = sorted((k1, k2), key=len)
    rest = long[len(short) :]
    return rest if long.startswith(short) and SEAT.fullmatch(rest) else None


# every place a seat may begin in a name (a lookahead, so that `` z siedzibą w`` and its `` w`` both count)
_SEAT_START = re.compile(r"(?=\s(?:z siedzibą\s)?we?\s)", re.IGNORECASE)


def seat_extensions(keys: Iterable[str]) -> dict[str, set[str]]:
    """Name -> the names among ``keys`` that add a seat to it (:func:`seat_added`), found by looking up where a
    seat may begin in each name rather than by comparing every pair of names."""
    known = set(keys)
    out: dict[str, set[str]] = defaultdict(set)
    for long in known:
        for at in _SEAT_START.finditer(long):
            short = long[: at.start()]
            if short in known and seat_added(short, long) is not None:
                out[short].add(long)
    return out


def kinds_of_seated_bodies(keys: Iterable[str]) -> set[str]:
    """Names that two names of the dataset extend by two different seats: the name of a kind of body
    (``Wojewódzki Fundusz Ochrony Środowiska i Gospodarki Wodnej`` beside ``... w Łodzi`` and ``... we
    Wrocławiu``), which names none of them: a page means its own one (:mod:`pipeline.resolve.in_document`)."""
    return {short for short, longs in seat_extensions(keys).items() if len(longs) > 1}


def merge_near_names(table: FormTable, comps: ComponentMap, threshold: float) -> None:
    """Fuzzy: join the bodies of near-identical nominative names (rapidfuzz ratio >= ``threshold``) with the
    same first word, unless they conflict or differ in a number or a word, or one is the name of a kind of
    seated body the other adds its seat to."""
    keys = {name_key(name) for name in table.canon if name}
    kinds = kinds_of_seated_bodies(keys)
    for k1, k2 in same_first_word_pairs(keys):
        if fuzz.ratio(k1, k2) < threshold or _numbers_differ(k1, k2) or words_differ(k1, k2):
            continue
        if (k1 in kinds or k2 in kinds) and seat_added(k1, k2) is not None:
            continue
        n1, n2 = f"n:{k1}", f"n:{k2}"
        if comps.find(n1) != comps.find(n2) and not conflict(comps, n1, n2):
            comps.union(n1, n2)


# --------------------------------------------------------------------------- initials


def bodies_by_initials(table: FormTable, comps: ComponentMap) -> dict[str, set[str]]:
    """Initials variant -> roots of the named bodies whose names give it."""
    out: dict[str, set[str]] = defaultdict(set)
    for idx, name in enumerate(table.canon):
        if name:
            for ini in initials_variants(name):
                out[ini].add(comps.find(form_node(idx)))
    return out


def attach_bare_acronyms(table: FormTable, comps: ComponentMap) -> None:
    """Initials: a bare acronym nobody defined joins the one named body whose initials spell it
    ("ISP" -> Instytut Spraw Publicznych, "PRI" -> Program Rozwoju Instytucjonalnego), unless they conflict."""
    by_initials = bodies_by_initials(table, comps)
    for idx, form in enumerate(table.forms):
        node = form_node(idx)
        if not form.is_acronym or comps.has(node, NAMED):
            continue
        cands = {comps.find(r) for r in by_initials.get(norm_acronym(form.text), ())}
        if len(cands) == 1:
            other = next(iter(cands))
            if not conflict(comps, node, other):
                comps.union(node, other)
