"""A bare acronym its own page spells out names the body the page means, whatever other pages mean by it.

Resolution links forms across the whole dataset, where one bare acronym is one form: ``WFOŚiGW`` on a
Mazovian gmina's page and on a Silesian school's is the same form, and ``LOT`` is a tourist organisation
on one page and a school on another. What the page itself says is better evidence: a bare acronym takes
the name that the same page defines it with (``Lokalna Organizacja Turystyczna „Serce Kaszub” (LOT)``),
else the one name on the page whose initials spell it, with or without its seat (``WFOŚiGW`` ->
``Wojewódzki Fundusz Ochrony Środowiska i Gospodarki Wodnej w Warszawie``). Acronyms of the domain list
keep their entry, unless the page spells out a programme's with its period (``PROW na lata 2014-2020``); an
acronym the page spells out two ways stays bare.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from pipeline.core.datatypes import OrgMention
from pipeline.extract.orgs.domain_list import domain_acronyms, norm_acronym
from pipeline.extract.orgs.vocab import is_dated_programme, regions
from pipeline.resolve.linking import SEAT, initials_variants, name_key, seat_added, seat_extensions
from pipeline.resolve.nominative import canonical_name

__all__ = ["named_as_publisher", "page_region", "regional", "seat_of", "seated", "spelled_out", "with_spelled_out"]


def seat_of(name: str) -> str | None:
    """The seat a name ends with (`` w Warszawie``, `` we Wrocławiu``), else None."""
    m = SEAT.search(name)
    return m.group(0) if m and m.start() > 0 else None


def _longest(names: set[str]) -> str | None:
    """The one name that every other of ``names`` begins (its seat or designation added), else None."""
    by_key = {name_key(canonical_name(n)): n for n in names}
    longest = max(by_key, key=len)
    return by_key[longest] if all(longest.startswith(k) for k in by_key) else None


def spelled_out(mentions: Iterable[OrgMention]) -> dict[str, str]:
    """Normalised acronym -> the written name a page spells it out with: the one it is defined next to,
    else the one whose initials spell it."""
    defined: dict[str, set[str]] = defaultdict(set)
    initials: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.is_acronym:
            continue
        if m.acronym:
            defined[norm_acronym(m.acronym)].add(m.name_text)
        nominative = canonical_name(m.name_text)
        seat = seat_of(nominative)
        for name in (nominative, nominative[: -len(seat)]) if seat else (nominative,):
            for ini in initials_variants(name):
                initials[ini].add(m.name_text)
    out: dict[str, str] = {}
    for table in (initials, defined):  # a definition outranks initials
        for acr, names in table.items():
            if (spelled := _longest(names)) is not None:
                out[acr] = spelled
            else:
                out.pop(acr, None)
    return out


def seated(mentions: Iterable[OrgMention]) -> dict[str, str]:
    """Nominative key of a name -> the one written name on the page that adds its seat to it (``Gminny
    Ośrodek Kultury`` -> ``Gminnego Ośrodka Kultury w Sękowej``)."""
    by_key: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if not m.is_acronym:
            by_key[name_key(canonical_name(m.name_text))].add(m.name_text)
    extended = seat_extensions(by_key)
    return {k: min(by_key[next(iter(longs))]) for k, longs in extended.items() if len(longs) == 1}


# "województwa podlaskiego", "Województwo Podlaskie", "w województwie podlaskim": a region by its adjective
_REGION = re.compile(r"\bwojew[óo]dztw(?:o|a|u|em|ie) ([^\W\d_]+(?:-[^\W\d_]+)?)(?:iego|iemu|ie|im)\b", re.IGNORECASE)


def page_region(text: str) -> str | None:
    """The one region a page names (``województwa podlaskiego``), as a name ends with it (``Podlaskiego``);
    None when it names none or several."""
    stems, _ = regions()
    found = {m.group(1).lower() for m in _REGION.finditer(text)} & stems
    if len(found) != 1:
        return None
    return "-".join(part.capitalize() for part in found.pop().split("-")) + "iego"


def regional(text: str, mentions: Iterable[OrgMention]) -> dict[str, str]:
    """Nominative key of a region's organ written without its region (``Urząd Marszałkowski``) -> its name
    with the one region the page names (``Urząd Marszałkowski Województwa Podlaskiego``)."""
    _, bodies = regions()
    keys = {name_key(canonical_name(m.name_text)) for m in mentions if not m.is_acronym} & bodies
    if not keys or (region := page_region(text)) is None:
        return {}
    out = {}
    for key in sorted(keys):
        words = [w.capitalize() for w in key.split()]
        if words[-1] != "Województwa":
            words.append("Województwa")
        out[key] = " ".join(words) + " " + region
    return out


def _dated(name: str) -> bool:
    """A programme's acronym the page spells out with a period (``PROW 2014-2020``) means that programme there."""
    return is_dated_programme(canonical_name(name))


def with_spelled_out(mentions: list[OrgMention], names: dict[str, str], seats: dict[str, str]) -> list[OrgMention]:
    """The mentions, a bare acronym the page spells out (``names``, :func:`spelled_out`) read as that
    name, a name the page also writes with its seat (``seats``, :func:`seated`) read with it; the evidence
    stays as written."""
    domain = domain_acronyms()
    out = []
    for m in mentions:
        a = norm_acronym(m.text)
        if m.is_acronym and a in names and (_dated(names[a]) or (m.source != "gazetteer" and a not in domain)):
            m = replace(m, is_acronym=False, acronym=m.text, implied_name=names[a])
        elif not m.is_acronym and (key := name_key(canonical_name(m.name_text))) in seats:
            m = replace(m, implied_name=seats[key])
        out.append(m)
    return out


def named_as_publisher(mentions: list[OrgMention], publisher: str) -> list[OrgMention]:
    """The mentions, one that names the page's publisher (sources.csv) read with the publisher's name: the same
    name in another letter case (``Parafia katedralna``), or with or without its seat (``Gminny Ośrodek
    Kultury`` on the page of the ``Gminny Ośrodek Kultury w Stepnicy``); the evidence stays as written. The
    user's metadata spells the body as it calls itself."""
    own = name_key(canonical_name(publisher))
    out = []
    for m in mentions:
        key = "" if m.is_acronym else name_key(canonical_name(m.name_text))
        if key and (key == own or seat_added(key, own)):
            m = replace(m, implied_name=publisher)
        out.append(m)
    return out
