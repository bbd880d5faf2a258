"""Organisation resolution: one id per body, over the distinct mention forms of the dataset.

``resolve_organisations(mentions)`` groups the (project_id, mention, reading) triples of
the whole dataset into organisations: same nominative name, an acronym
defined in the text (``Związku Powiatów Polskich (ZPP)``), the acronyms and
aliases of the domain list (``MSZ`` = ``Ministerstwo Spraw Zagranicznych``),
acronym spelling variants (``ZGW RP`` = ``ZGWRP``) and near-identical names
(rapidfuzz; ``FUZZY_THRESHOLD`` below, overridable).

It runs in phases over a shared component map: the linking phases (seed, fuzzy,
initials) in :mod:`pipeline.resolve.linking`, the naming phases (drafts, ids) in
:mod:`pipeline.resolve.bodies`. Nominative names, org_types and slugs come from
:mod:`pipeline.resolve.nominative`, the mention forms from :mod:`pipeline.resolve.table`; both are
re-exported here. A name's nominative, org_type and domain-list entry are read where the mention is
found (``name_reading``, in the per-document stage, which has the gazetteer loaded) and carried here
with it, so resolution runs neither spaCy nor the gazetteer.
"""

from __future__ import annotations

from pipeline.core.datatypes import NameReading, Organisation, OrgMention
from pipeline.extract.orgs import ORG_TYPES
from pipeline.resolve.bodies import assign_ids, draft_bodies
from pipeline.resolve.linking import attach_bare_acronyms, link_forms, merge_near_names
from pipeline.resolve.nominative import canonical_name, org_type_of, slugify
from pipeline.resolve.table import Form, Forms, FormTable, mention_form

__all__ = [
    "ORG_TYPES",
    "FUZZY_THRESHOLD",
    "Form",
    "Forms",
    "canonical_name",
    "mention_form",
    "org_type_of",
    "resolve_forms",
    "resolve_organisations",
    "slugify",
]

# Names of two mentions whose rapidfuzz ratio is at least this (and whose first
# word is the same, and whose acronyms/domain entries do not conflict) are one
# body: "Związek Powiatów Polski" (typo) = "Związek Powiatów Polskich",
# "Związek Gmin Wiejskich" = "Związek Gmin Wiejskich RP".
FUZZY_THRESHOLD = 92.0


def resolve_organisations(
    mentions: list[tuple[str, OrgMention, NameReading | None]],
    fuzzy_threshold: float = FUZZY_THRESHOLD,
) -> tuple[list[Organisation], dict[tuple[str, int], str]]:
    """Distinct organisations of the whole dataset and (project_id, mention.char_start) -> org_id, from
    (project_id, mention, its name's reading) triples (``pipeline.runner.document.ProjectMention``)."""
    forms = Forms()
    for _pid, m, reading in mentions:
        forms.add(m, reading)
    orgs, of_form = resolve_forms(forms, fuzzy_threshold)
    return orgs, {(pid, m.char_start): of_form[mention_form(m)] for pid, m, _reading in mentions}


def resolve_forms(forms: Forms, fuzzy_threshold: float = FUZZY_THRESHOLD) -> tuple[list[Organisation], dict[Form, str]]:
    """Distinct organisations of the whole dataset and mention form -> org_id.

    Frequencies (which name and acronym a body takes) count every occurrence of a form; ties go to
    the form seen first, as if every mention were resolved one by one."""
    table = FormTable.of(forms)
    comps = link_forms(table)
    merge_near_names(table, comps, fuzzy_threshold)
    attach_bare_acronyms(table, comps)
    return assign_ids(table, draft_bodies(table, comps))
