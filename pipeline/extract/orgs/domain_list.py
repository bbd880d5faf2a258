"""Names of recurring bodies from ``domain_orgs.yaml``, matched in any inflected form by their lemmas."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from pipeline.extract.orgs.tokens import CLOSE_QUOTES, OPEN_QUOTES, Span, Tok, tok_lemmas, tokenize
from pipeline.ruledata.domain_orgs import domain_orgs


@cache
def _domain_patterns() -> dict[str, list[tuple[tuple[Tok, ...], int]]]:
    """first-token lemma -> [(pattern tokens, domain index)] for every name and alias."""
    index: dict[str, list[tuple[tuple[Tok, ...], int]]] = {}
    for i, e in enumerate(domain_orgs()):
        for name in (e.name, *e.aliases):
            toks = tuple(tokenize(name))
            if not toks:
                continue
            for lem in tok_lemmas(toks[0].text) if toks[0].is_word else {toks[0].text}:
                index.setdefault(lem, []).append((toks, i))
    return index


def _tok_match(pat: Tok, tok: Tok, first: bool) -> bool:
    if not pat.is_word or not tok.is_word:
        return _norm_quote(pat.text) == _norm_quote(tok.text)
    if first and pat.is_cap != tok.is_cap:
        return False
    if tok.text.isupper() and len(tok.text) > 1 and not pat.text.isupper():
        return False  # "UNIĄ EUROPEJSKĄ" in an all-caps heading
    if pat.text.lower() == tok.text.lower():
        return True
    if pat.text.isupper() and len(pat.text) > 1:  # acronyms inside names match as written
        return False
    return bool(tok_lemmas(pat.text) & tok_lemmas(tok.text))


def _norm_quote(s: str) -> str:
    if s in OPEN_QUOTES or s in CLOSE_QUOTES:
        return '"'
    return s


def match_domain_at(toks: list[Tok], i: int, text: str) -> tuple[int, int] | None:
    """Longest domain name starting at token ``i``: (end token index exclusive, domain index)."""
    t = toks[i]
    if not t.is_word or not t.is_cap:
        return None
    best: tuple[int, int] | None = None
    for lem in tok_lemmas(t.text):
        for pat, di in _domain_patterns().get(lem, ()):
            if i + len(pat) > len(toks):
                continue
            ok = True
            for k, p in enumerate(pat):
                tok = toks[i + k]
                if k and "\n\n" in text[toks[i + k - 1].end : tok.start]:
                    ok = False
                    break
                if not _tok_match(p, tok, k == 0):
                    ok = False
                    break
            if ok and (best is None or len(pat) > best[0] - i):
                best = (i + len(pat), di)
    return best


@lru_cache(maxsize=65536)
def match_domain_name(name: str) -> int | None:
    """Index of the domain entry whose name or alias is ``name`` in any inflected form (whole string).

    Cached: a corpus names the same bodies over and over."""
    toks = tokenize(name)
    if not toks:
        return None
    m = match_domain_at(toks, 0, name)
    if m and m[0] == len(toks):
        return m[1]
    return None


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


def scan_domain_names(toks: list[Tok], text: str) -> list[Span]:
    """The longest domain-list name starting at each token (source ``gazetteer``)."""
    out = []
    for i in range(len(toks)):
        m = match_domain_at(toks, i, text)
        if m:
            out.append(Span(i, m[0], "gazetteer"))
    return out
