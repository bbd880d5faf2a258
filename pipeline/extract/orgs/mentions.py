"""Rule mentions of organisations in a text: the scanners' spans, chosen, extended and given acronyms."""

from __future__ import annotations

from pipeline.core.datatypes import OrgMention
from pipeline.extract.orgs.acronyms import bare_acronym_mentions, defined_acronym_mentions, paren_acronym
from pipeline.extract.orgs.boundaries import find_close_quote
from pipeline.extract.orgs.domain_list import norm_acronym, programme_acronym, scan_domain_names
from pipeline.extract.orgs.enumerated import enumerated_mentions
from pipeline.extract.orgs.heads import scan_heads
from pipeline.extract.orgs.kinds import scan_kind_named, scan_type_names
from pipeline.extract.orgs.programmes import (
    designated_family_end,
    is_programme,
    programme_designation_end,
    scan_programmes,
)
from pipeline.extract.orgs.vocab import is_generic_name, legal_suffix, programme_period, seat_abbreviations
from pipeline.text.tokens import Span, Tok, is_open_quote, tokenize


def select_spans(spans: list[Span]) -> list[Span]:
    """Non-overlapping spans: a quoted programme name after its kind word first (``Programu „Moje Miejsce
    na Ziemi”``: the programme is „Moje Miejsce na Ziemi”), then longer first; on equal spans the gazetteer wins."""
    order = sorted(spans, key=lambda s: (not s.quoted, -(s.end - s.start), s.source != "gazetteer", s.start))
    taken: set[int] = set()
    out = []
    for sp in order:
        r = set(range(sp.start, sp.end))
        if r & taken:
            continue
        taken |= r
        out.append(sp)
    # equal span found by both: keep the gazetteer label
    return sorted(out, key=lambda s: s.start)


def _name_end(toks: list[Tok], sp: Span, text: str, end: int) -> int:
    """Character end of a chosen name: after its legal-form suffix (``Sp. z o.o.``), its programme
    family's strand, regions and period (``Interreg V-A Polska – Słowacja``), or a programme's period (its
    acronym's too: ``PROW na lata 2014-2020``)."""
    e = toks[sp.end - 1].end
    # the suffix may begin inside the span, which stopped at its first word ("... Zatrudnienia Sp" + ". z o. o.")
    for k in range(max(sp.start + 1, sp.end - 3), sp.end + 1):
        if (suffix := legal_suffix().match(text, toks[k - 1].end, end)) is not None and suffix.end() > e:
            return suffix.end()
    if toks[sp.end - 1].text in seat_abbreviations() and text[e : e + 1] == ".":
        return e + 1  # "w Gorzowie Wlkp."
    if (family := designated_family_end(toks[sp.start : sp.end])) is not None:
        return max(e, programme_designation_end(text, family, end))
    programme = is_programme(toks[sp.start : sp.end]) or programme_acronym(text[toks[sp.start].start : e]) is not None
    if programme and (period := programme_period().match(text, e, end)):
        return period.end()
    return e


def _phrase_mentions(
    toks: list[Tok],
    text: str,
    end: int,
    chosen: list[Span],
    covered: set[int],
    paren_used: set[int],
    generic_acronyms: set[str],
) -> list[OrgMention]:
    """The chosen spans as mentions, each with the acronym in parentheses right after it; records the
    tokens they cover and the first token inside each attached ``(ACR)``. A kind of body without its
    name (``is_generic_name``) covers its tokens but is no mention; its acronym goes to ``generic_acronyms``."""
    mentions: list[OrgMention] = []
    tok_at = {t.start: idx for idx, t in enumerate(toks)}
    for sp in chosen:
        s, e = toks[sp.start].start, _name_end(toks, sp, text, end)
        acr = None
        pa = paren_acronym(text, e, end)
        if pa:
            acr = pa[0]
            paren_used.add(tok_at.get(pa[1], -1))
        covered.update(range(sp.start, sp.end))
        if sp.source != "gazetteer" and is_generic_name(text[s:e]):
            if acr:
                generic_acronyms.add(norm_acronym(acr))  # "PO" stands for the kind too
            continue  # "Koła Gospodyń Wiejskich", "Program Operacyjny (PO)": a kind of body, not a name
        mentions.append(OrgMention(text[s:e], s, e, sp.source, acronym=acr))
    return mentions


def _without_quoted_tails(spans: list[Span], toks: list[Tok], text: str) -> list[Span]:
    """Drop a name that is a known body's (domain list) with a quoted title after it: ``Ministerstwo Kultury i
    Dziedzictwa Narodowego „Zakup nowości wydawniczych”``, ``Narodowe Centrum Kultury „Infrastruktura domów
    kultury”`` name the body and its programme, not one body (no name of the dev keys is a known body's with a
    quotation after it); the known body's span stays."""
    known = {(sp.start, sp.end) for sp in spans if sp.source == "gazetteer"}
    starts = {a for a, _ in known}

    def quoted_tail(sp: Span) -> bool:
        if sp.source == "gazetteer" or sp.start not in starts:
            return False
        for a, b in known:
            if a == sp.start and b < sp.end and is_open_quote(toks[b].text):
                close = find_close_quote(toks, b, text)
                return close is not None and close + 1 >= sp.end
        return False

    return [sp for sp in spans if not quoted_tail(sp)]


def find_org_mentions(text: str, start: int = 0, end: int | None = None) -> list[OrgMention]:
    """Organisation mentions in ``text[start:end]``, sorted, non-overlapping, absolute offsets."""
    end = len(text) if end is None else end
    toks = tokenize(text, start, end)
    spans = (
        scan_heads(toks, text)
        + scan_programmes(toks, text)
        + scan_domain_names(toks, text)
        + scan_type_names(toks, text)
        + scan_kind_named(toks, text)
    )
    spans = _without_quoted_tails(spans, toks, text)
    covered: set[int] = set()  # tokens inside a mention
    paren_used: set[int] = set()  # token index of the first token inside an attached "(ACR)"
    generic: set[str] = set()  # acronyms of kinds of body ("PO" after "Program Operacyjny")
    mentions = _phrase_mentions(toks, text, end, select_spans(spans), covered, paren_used, generic)
    mentions += enumerated_mentions(text, toks, covered)
    defined = {norm_acronym(m.acronym) for m in mentions if m.acronym}
    acronyms = defined_acronym_mentions(toks, text, end, covered, paren_used, defined)
    acronyms += bare_acronym_mentions(toks, text, covered, paren_used, defined)
    mentions += [m for m in acronyms if norm_acronym(m.text) not in generic]
    mentions.sort(key=lambda m: (m.char_start, m.char_end))
    return mentions
