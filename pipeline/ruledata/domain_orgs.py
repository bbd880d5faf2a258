"""The domain list of recurring bodies (``data/domain_orgs.yaml``): read by the rules and the NER ruler."""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from pipeline.ruledata.resources import load_yaml
from schemas import fields


class DomainOrg(NamedTuple):
    name: str
    acronym: str | None
    acronym_variants: tuple[str, ...]
    aliases: tuple[str, ...]
    org_type: str
    source: str
    designated: bool = False  # a programme family named further by strand, regions and period


@cache
def domain_orgs() -> tuple[DomainOrg, ...]:
    raw = load_yaml("domain_orgs.yaml")
    out = []
    for e in raw["orgs"]:
        out.append(
            DomainOrg(
                e["name"],
                e.get("acronym"),
                tuple(e.get("acronym_variants") or ()),
                tuple(e.get("aliases") or ()),
                fields.check_code(e["org_type"], fields.ORG_TYPES, f"org_type in domain_orgs.yaml:{e['name']}"),
                e["source"],
                bool(e.get("designated", False)),
            )
        )
    return tuple(out)
