"""Names of recurring bodies from ``domain_orgs.yaml`` as the rules use them: found by the one gazetteer
(:mod:`pipeline.nlp.gazetteer`), and their acronyms."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from pipeline.nlp.gazetteer import longest_names
from pipeline.ruledata.domain_orgs import DomainOrg, domain_orgs
from pipeline.text.tokens import Span, Tok, tokenize


def match_domain_at(toks: list[Tok], i: int, text: str) -> tuple[int, int] | None:
    """Longest domain name starting at token ``i``: (end token index exclusive, domain index)."""
    return longest_names(toks, text).get(i)


@lru_cache(maxsize=65536)
def match_domain_name(name: str) -> int | None:
    """Index of the domain entry whose name or alias is ``name`` in any inflected form (whole string).

    Cached: a corpus names the same bodies over and over."""
    toks = tokenize(name)
    m = longest_names(toks, name).get(0)
    return m[1] if m and m[0] == len(toks) else None


def norm_acronym(acr: str) -> str:
    """``ZGW RP``, ``Z.G.W.RP`` -> ``ZGWRP``: an acronym as compared."""
    return re.sub(r"[\s.\-]", "", acr).upper()


@cache
def domain_acronyms() -> dict[str, int]:
    """Normalised acronym -> domain index (acronyms claimed by two entries are left out)."""
    seen: dict[str, set[int]] = {}
    for i, e in enumerate(domain_orgs()):
        for a in ((e.acronym,) if e.acronym else ()) + e.acronym_variants:
            seen.setdefault(norm_acronym(a), set()).add(i)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def programme_acronym(text: str) -> DomainOrg | None:
    """The domain entry of a programme that ``text`` is the acronym of (``PROW``, ``RPO WSL``), else None: a
    programme runs for a period, and its period after it (``PROW na lata 2014-2020``) names one programme of
    the entry's. A fund (``PFRON``) is no programme: it runs on."""
    i = domain_acronyms().get(norm_acronym(text))
    entry = domain_orgs()[i] if i is not None else None
    if entry is None or entry.org_type != "fund_or_programme":
        return None
    return entry if _PROGRAMME_WORD.search(entry.name) else None


_PROGRAMME_WORD = re.compile(r"\bProgram\b")


def scan_domain_names(toks: list[Tok], text: str) -> list[Span]:
    """The longest domain-list name starting at each token (source ``gazetteer``)."""
    return [Span(i, end, "gazetteer") for i, (end, _) in sorted(longest_names(toks, text).items())]
