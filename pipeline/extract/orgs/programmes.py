"""Programme names: the name after ``programu``, and a programme family's strand, regions and period."""

from __future__ import annotations

import re
from functools import cache

from pipeline.extract.orgs.boundaries import extend_name, find_close_quote
from pipeline.extract.orgs.domain_list import match_domain_at
from pipeline.extract.orgs.morphology import head_lemma
from pipeline.extract.orgs.vocab import heads, programme_period
from pipeline.ruledata.domain_orgs import DomainOrg, domain_orgs
from pipeline.text.acronyms import is_acronym
from pipeline.text.tokens import Span, Tok, gap, is_open_quote, plain_gap

_CAP_WORD = r"[^\W\d_][^\W_]*(?:-[^\W\d_][^\W_]*)*"
_STRAND_RE = re.compile(r"[ \t]+[IVX]{1,4}(?:-[A-Z])?(?![^\W_])")
_WORD_AFTER_BLANK = re.compile(rf"[ \t]+({_CAP_WORD})")
_WORD_AFTER_DASH = re.compile(rf"[ \t]*[-–—][ \t]*({_CAP_WORD})")


def _capitalised_run(text: str, pos: int, end: int, first: re.Pattern = _WORD_AFTER_BLANK) -> int | None:
    """End of one to three capitalised words from ``pos`` (the first matched by ``first``), else None."""
    p, n = pos, 0
    pattern = first
    while n < 3 and (m := pattern.match(text, p, end)) and m.group(1)[0].isupper():
        p, n, pattern = m.end(), n + 1, _WORD_AFTER_BLANK
    return p if n else None


def programme_designation_end(text: str, pos: int, end: int) -> int:
    """Where the name of a programme of a family (``Interreg``) that ends at ``pos`` really ends: after
    its strand code (``V-A``), its regions (capitalised words joined by dashes, ``Polska – Słowacja``)
    and its period (``2014–2020``). Capitalised words count only with a strand code before them, a
    dash between them or a period after them: ``Interreg Polska realizujemy`` stays ``Interreg``."""
    p = pos
    strand = _STRAND_RE.match(text, p, end)
    if strand:
        p = strand.end()
    run = _capitalised_run(text, p, end)
    dashed = False
    if run is not None:
        while (more := _capitalised_run(text, run, end, _WORD_AFTER_DASH)) is not None:
            run, dashed = more, True
    period = programme_period().match(text, run if run is not None else p, end)
    if run is not None and (strand or dashed or period):
        p = run
    if period and period.start() == p:
        p = period.end()
    return p


@cache
def _designated_names() -> frozenset[str]:
    return frozenset(d.name for d in domain_orgs() if d.designated)


def designated_family_end(toks: list) -> int | None:
    """Character end of the last designated programme family name inside a span (``Interreg`` in
    ``Programu Współpracy Transgranicznej Interreg V-A Polska``), else None."""
    names = _designated_names()
    return next((t.end for t in reversed(toks) if t.text in names), None)


def designated_family(toks: list, text: str) -> tuple[int, DomainOrg] | None:
    """The designated programme family a name starts with (``Interreg`` in ``Interreg South Baltic
    2014–2020``): (index of the token after the family name, its domain entry), else None."""
    m = match_domain_at(toks, 0, text) if toks else None
    if m and domain_orgs()[m[1]].designated:
        return m[0], domain_orgs()[m[1]]
    return None


def is_programme(toks: list) -> bool:
    """A funding programme or fund: one of its first words is a fund_or_programme head noun."""
    table = heads().polish
    return any((lem := head_lemma(t.text)) and table[lem].org_type == "fund_or_programme" for t in toks[:3])


def _opens_name(toks: list[Tok], i: int) -> bool:
    """A capitalised programme word opens the name (sentence-initial or after a lowercase word, not after
    an adjective of the name: "Rządowy Program „X”" keeps its words)."""
    prev = toks[i - 1] if i > 0 else None
    return prev is None or not (prev.is_word and prev.is_cap)


def _spaced_dash(toks: list[Tok], k: int, text: str) -> bool:
    """Token k is a dash with space on both sides (``Europa dla Obywateli – środki``), not a hyphen."""
    return (
        0 < k < len(toks) - 1
        and toks[k].text in ("-", "–", "—")
        and bool(gap(text, toks[k - 1], toks[k]))
        and bool(gap(text, toks[k], toks[k + 1]))
    )


def scan_programmes(toks: list[Tok], text: str) -> list[Span]:
    """The capitalised name after a lowercase ``programu``.

    ``w ramach programu Obywatele dla Demokracji`` -> ``Obywatele dla Demokracji``.
    """
    out = []
    pw = heads().programme_words
    for i in range(len(toks) - 1):
        capitalised = toks[i].text not in pw
        if toks[i].text.lower() not in pw or (capitalised and not _opens_name(toks, i)):
            continue
        j = i + 1
        t = toks[j]
        if not plain_gap(text, toks[i], t):
            continue
        if is_open_quote(t.text):
            close = find_close_quote(toks, j, text)
            inner = toks[j + 1] if j + 1 < len(toks) else None
            if close is not None and inner is not None and inner.is_word and not head_lemma(inner.text):
                # the quoted name, lowercase words and all ("programu „Książki naszych marzeń”"), up to a
                # spaced dash that adds a lowercase strand („Europa dla Obywateli – środki wsparcia 2013”); a
                # capitalised part after the dash belongs to the name („Moje Boisko – Orlik 2012”, „Kultura –
                # Interwencje 2021”: 33 of the 34 dashed names of the dev keys)
                end = next(
                    (k for k in range(j + 2, close) if _spaced_dash(toks, k, text) and not toks[k + 1].is_cap), None
                )
                known = match_domain_at(toks, j + 1, text)
                if known is not None and known[0] >= (close if end is None else end):
                    continue  # a domain-list programme („Działaj Lokalnie”): the gazetteer names it
                if end is None:  # the whole title with its quotes: its name as written, not inflected
                    out.append(Span(j, close + 1, "rule", quoted=capitalised))
                else:
                    out.append(Span(j + 1, end, "rule", quoted=capitalised))
            continue
        if capitalised or not (t.is_word and t.is_cap) or is_acronym(t.text) or head_lemma(t.text):
            continue
        end = extend_name(toks, j + 1, text, None)
        out.append(Span(j, end, "rule"))
    return out
