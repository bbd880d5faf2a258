"""Which mention forms are one body: the linking phases of organisation resolution.

Every form is a node ``m:<index>``; forms are linked through the nodes of what they share: their
nominative name key (``n:``), an acronym (``a:``) and a domain-list entry (``d:``).

1. :func:`link_forms` (seed): each form joins its name key, its acronym and its domain entry (read with
   the name in the per-document stage: :func:`pipeline.resolve.nominative.name_reading`); domain acronyms
   join their entry.
2. :func:`merge_near_names` (fuzzy): near-identical names with the same first word join, unless their
   bodies hold different domain entries or disjoint acronyms, or the names differ in a number.
3. :func:`attach_bare_acronyms` (initials): a bare acronym whose body has no written name joins the one
   named body whose initials spell it, on the same condition.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from rapidfuzz import fuzz

from pipeline.core.datatypes import NameReading
from pipeline.extract.orgs.domain_list import domain_acronyms, norm_acronym
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


def _link_named(comps: ComponentMap, node: str, form: Form, reading: NameReading, dom_acr: dict[str, int]) -> None:
    _join(comps, node, f"n:{name_key(reading.nominative)}", NAME)
    di = reading.domain  # the gazetteer's entry, found where the mention was (name_reading)
    if di is not None:
        _join(comps, node, f"d:{di}", DOMAIN)
    if form.acronym:
        a = norm_acronym(form.acronym)
        # a defined acronym links to this body, unless the domain list gives it to another one
        if a not in dom_acr or di is None or dom_acr[a] == di:
            _join(comps, node, f"a:{a}", ACRONYM)


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
            _link_named(comps, node, form, reading, dom_acr)
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


def merge_near_names(table: FormTable, comps: ComponentMap, threshold: float) -> None:
    """Fuzzy: join the bodies of near-identical nominative names (rapidfuzz ratio >= ``threshold``) with the
    same first word, unless they conflict or differ in a number."""
    keys = {name_key(name) for name in table.canon if name}
    for k1, k2 in same_first_word_pairs(keys):
        if fuzz.ratio(k1, k2) < threshold or _numbers_differ(k1, k2):
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
