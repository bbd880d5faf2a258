"""What each linked body is: the naming phases of organisation resolution.

4. :func:`draft_bodies` (drafts): each component of forms gets a name (its domain entry's, else its fullest
   then most frequent nominative, else its most frequent bare acronym), an acronym and an org_type.
5. :func:`assign_ids` (ids): stable ids, the slug of the name; clashes get the acronym, then a counter.

Frequencies count every occurrence of a form; ties go to the form seen first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from pipeline.core.datatypes import Organisation
from pipeline.extract.orgs.vocab import check_org_type, kind_acronym
from pipeline.resolve.components import ComponentMap
from pipeline.resolve.linking import DOMAIN, form_node
from pipeline.resolve.nominative import slugify
from pipeline.resolve.table import Form, FormTable
from pipeline.ruledata.domain_orgs import DomainOrg, domain_orgs


class Draft(NamedTuple):
    """A body before its id: its name, acronym, org_type and the indices of its forms."""

    name: str
    acronym: str | None
    org_type: str
    forms: tuple[int, ...]


def weighted(items: Iterable[tuple[str, int]]) -> Counter[str]:
    """Counter of (value, weight) pairs; keys in order of first appearance."""
    out: Counter[str] = Counter()
    for value, n in items:
        out[value] += n
    return out


def _written(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def components(table: FormTable, comps: ComponentMap) -> list[list[int]]:
    """Indices of the forms of each component, components in order of their first form."""
    groups: dict[str, list[int]] = {}
    for idx in range(len(table.forms)):
        groups.setdefault(comps.find(form_node(idx)), []).append(idx)
    return list(groups.values())


def domain_entry(comps: ComponentMap, node: str) -> DomainOrg | None:
    """The domain entry of the body of ``node``: the first of its ``d:`` nodes in string order."""
    dnodes = sorted(comps.members(node, DOMAIN))
    return domain_orgs()[int(dnodes[0][2:])] if dnodes else None


def body_name(table: FormTable, idxs: list[int]) -> str:
    """Name of a body without a domain entry: its fullest, then most frequent, then first nominative
    name; a body of bare acronyms only takes its most frequent, then shortest one."""
    named = [(name, table.counts[i]) for i in idxs if (name := table.canon[i])]
    if named:
        freq = weighted(named)
        first = {n: k for k, (n, _c) in reversed(list(enumerate(named)))}
        return max(freq, key=lambda n: (len(n.split()), freq[n], -first[n]))
    freq = weighted((_written(table.forms[i].text), table.counts[i]) for i in idxs)
    return max(freq, key=lambda n: (freq[n], -len(n)))


def body_acronym(table: FormTable, idxs: list[int]) -> str | None:
    """Acronym as used in the text: the most frequent of the defined (in parentheses) and bare ones (a
    kind's acronym before a name among them); ties go to a defined one, then to the shorter."""
    defined = [(f.acronym, table.counts[i]) for i in idxs if (f := table.forms[i]).acronym]
    bare = [(_written(f.text), table.counts[i]) for i in idxs if (f := table.forms[i]).is_acronym]
    # the kind's acronym a name is written with ("OSP w Bolesławiu": OSP), the name spelt out in full
    written = ((_written(table.forms[i].text), table.canon[i], table.counts[i]) for i in idxs)
    bare += [(kind, n) for text, canon, n in written if (kind := kind_acronym(text, canon))]
    if not (bare or defined):
        return None
    freq = weighted(bare + defined)
    defined_set = {a for a, _n in defined}
    return max(freq, key=lambda a: (freq[a], a in defined_set, -len(a)))


def _org_type(table: FormTable, idxs: list[int], name: str) -> str:
    """The org_type of a body named ``name``: the one read with that nominative (the readings of one
    nominative agree), ``other`` for a body of bare acronyms only."""
    return next((r.org_type for i in idxs if (r := table.readings[i]) and r.nominative == name), "other")


def draft_bodies(table: FormTable, comps: ComponentMap) -> list[Draft]:
    """Drafts: name, acronym and org_type of each component, in order of its first form."""
    drafts = []
    for idxs in components(table, comps):
        entry = domain_entry(comps, form_node(idxs[0]))
        if entry is not None:
            name, org_type = entry.name, entry.org_type
        else:
            name = body_name(table, idxs)
            org_type = _org_type(table, idxs, name)
        check_org_type(org_type, f"organisation {name!r}")
        drafts.append(Draft(name, body_acronym(table, idxs), org_type, tuple(idxs)))
    return drafts


def assign_ids(table: FormTable, drafts: list[Draft]) -> tuple[list[Organisation], dict[Form, str]]:
    """Ids: the slug of the name, drafts taken in order of (name, acronym); a clash gets the acronym's slug,
    then a counter. The organisations sorted by id, and form -> org_id."""
    used: set[str] = set()
    orgs: list[Organisation] = []
    mapping: dict[Form, str] = {}
    for d in sorted(drafts, key=lambda d: (d.name, d.acronym or "")):
        oid = slugify(d.name)
        if oid in used and d.acronym:
            oid = f"{oid}-{slugify(d.acronym)}"
        base, n = oid, 2
        while oid in used:
            oid = f"{base}-{n}"
            n += 1
        used.add(oid)
        orgs.append(Organisation(oid, d.name, d.acronym, d.org_type))
        for i in d.forms:
            mapping[table.forms[i]] = oid
    orgs.sort(key=lambda o: o.org_id)
    return orgs, mapping
