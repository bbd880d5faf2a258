"""Acronyms: one in parentheses names the name before it (``(ZPP)``), a bare one is a mention of its own."""

from __future__ import annotations

import re

from pipeline.core.datatypes import OrgMention
from pipeline.extract.orgs.domain_list import domain_acronyms, norm_acronym, programme_acronym
from pipeline.extract.orgs.morphology import is_polish_word
from pipeline.extract.orgs.vocab import heads, programme_period, state_acronyms, stoplist, type_acronyms
from pipeline.text.acronyms import is_acronym, is_roman
from pipeline.text.tokens import Tok, plain_gap

_PAREN_RE = re.compile(r"\s?\(([^()\n]{2,24})\)")


def paren_acronym(text: str, pos: int, end: int) -> tuple[str, int, int] | None:
    """An acronym in parentheses starting at ``pos``: (acronym, start, end) of its content."""
    m = _PAREN_RE.match(text, pos, end)
    if not m:
        return None
    content = m.group(1).strip()
    parts = content.split()
    if not parts or len(parts) > 3:
        return None
    if not all(is_acronym(p) for p in parts):
        return None
    s = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
    return content, s, s + len(content)


def _initials(word: str) -> str:
    return "".join(p[0] for p in re.split(r"[-'’]", word) if p)


def _initials_match(toks: list[Tok], acr: str, text: str, close_tok: int, lo: int) -> int | None:
    """Start token index of the capitalised words (and connectors) right before ``close_tok``
    whose initials spell ``acr``."""
    letters = norm_acronym(acr)
    conn = heads().connectors
    best = None
    j = close_tok - 1
    seq: list[Tok] = []
    while j >= lo and len(seq) < 10:
        t = toks[j]
        if not t.is_word or (not t.is_cap and t.text not in conn):
            break
        if seq and not plain_gap(text, t, seq[0]):
            break
        seq.insert(0, t)
        if t.is_cap:
            caps = "".join(_initials(x.text).upper() for x in seq if x.is_cap)
            full = "".join(_initials(x.text).upper() for x in seq)
            if letters in (caps, full):
                best = j
        j -= 1
    return best


# words of a line, to tell an all-caps headline ("MAŁE GRANTY SOŁECKIE: SOŁECTWA SAMIN, LIWA I BOGACZEWO")
_LINE_WORD = re.compile(r"[^\W\d_]{2,}")


def _caps_line(text: str, pos: int) -> bool:
    """The line around ``pos`` is written in capitals: four or more words, at most one of them not all-caps."""
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    words = _LINE_WORD.findall(text[a : b if b >= 0 else len(text)])
    return len(words) >= 4 and sum(1 for w in words if not w.isupper()) <= 1


def _is_heading_context(toks: list[Tok], i: int, text: str) -> bool:
    """An all-caps word next to a long all-caps Polish word, or in a line written in capitals: a heading
    line, not an acronym."""
    if _caps_line(text, toks[i].start):
        return True
    for j in (i - 1, i + 1):
        if 0 <= j < len(toks) and toks[j].is_word and toks[j].text.isupper() and len(toks[j].text) >= 4:
            lo, hi = sorted((toks[i], toks[j]), key=lambda x: x.start)
            if "\n" not in text[lo.end : hi.start] and is_polish_word(toks[j].text):
                return True
    return False


def _acceptable_acronym(tok: Tok, toks: list[Tok], i: int, text: str, defined: set[str]) -> bool:
    w = tok.text
    if not is_acronym(w) or w in stoplist().stop or is_roman(w):
        return False
    if norm_acronym(w) in defined or norm_acronym(w) in domain_acronyms() or w in stoplist().allow_known:
        return True
    if len(w) >= 4 and w.isupper() and is_polish_word(w):
        return False
    return not _is_heading_context(toks, i, text)


def defined_acronym_mentions(
    toks: list[Tok], text: str, end: int, covered: set[int], paren_used: set[int], defined: set[str]
) -> list[OrgMention]:
    """Acronyms defined in parentheses after no mention: the capitalised words whose initials spell the
    acronym become the mention (``Polsko-Niemiecką Współpracą Młodzieży (PNWM)``). Adds what they
    cover to ``covered``, ``paren_used`` and ``defined`` (a bare ``(MSWiA)`` is defined too)."""
    extra: list[OrgMention] = []
    for idx, t in enumerate(toks):
        if t.text != "(" or idx + 1 >= len(toks) or idx + 1 in paren_used or idx in covered:
            continue
        pa = paren_acronym(text, t.start, end)
        if not pa or not is_acronym(pa[0].split()[0]) or pa[0].split()[0] in stoplist().stop:
            continue
        lo = max((i for i in covered if i < idx), default=-1) + 1
        j = _initials_match(toks, pa[0], text, idx, lo)
        if j is not None:
            s, e = toks[j].start, toks[idx - 1].end
            extra.append(OrgMention(text[s:e], s, e, "rule", acronym=pa[0]))
            covered.update(range(j, idx))
            paren_used.add(idx + 1)
        # else a bare "(MSWiA)" after an acronym: a mention of its own
        defined.add(norm_acronym(pa[0]))
    return extra


def _inside_parentheses(toks: list[Tok], paren_used: set[int]) -> set[int]:
    """Tokens inside the attached parentheses that start at ``paren_used``."""
    out: set[int] = set()
    for idx in paren_used:
        k = idx
        while 0 <= k < len(toks) and toks[k].text != ")":
            out.add(k)
            k += 1
    return out


def _acronym_end(toks: list[Tok], i: int, text: str, defined: set[str]) -> int:
    """Token end of the bare acronym at ``i``: a state acronym after it belongs to it (``ZGW RP``), and
    inside parentheses so does a second acronym (``SMO ČR``); two acronyms that together spell a known
    or defined one are one (``PO KL``, ``PO WER``: a programme's acronym written in two parts)."""
    j = i + 1
    if (
        j < len(toks)
        and toks[j].is_word
        and is_acronym(toks[j].text)
        and plain_gap(text, toks[i], toks[j])
        and norm_acronym(toks[i].text + toks[j].text) in (domain_acronyms().keys() | defined)
    ):
        return j + 1
    inside_paren = i > 0 and toks[i - 1].text == "("
    while (
        j < len(toks)
        and toks[j].is_word
        and plain_gap(text, toks[j - 1], toks[j])
        and (toks[j].text in state_acronyms() or (inside_paren and is_acronym(toks[j].text)))
    ):
        j += 1
    return j


def _counted(toks: list[Tok], i: int, text: str) -> bool:
    """A number right before the acronym counts what it stands for (``uczniowie (20 BO)``: twenty final
    beneficiaries, ``3 JST``): a unit, not a body; a year before it is no count (``W 2010 ZMP ...``)."""
    prev = toks[i - 1] if i > 0 else None
    if prev is None or not prev.text.isdigit() or not plain_gap(text, prev, toks[i]):
        return False
    return not (len(prev.text) == 4 and prev.text[:2] in ("19", "20"))  # a year: "W 2010 ZMP zorganizował"


def bare_acronym_mentions(
    toks: list[Tok], text: str, covered: set[int], paren_used: set[int], defined: set[str]
) -> list[OrgMention]:
    """All-caps acronyms outside the mentions and their parentheses, each a mention of its own; a kind
    of body (``LGD``) only when defined, otherwise it is a common noun."""
    skip = covered | _inside_parentheses(toks, paren_used)
    dom = domain_acronyms()
    out: list[OrgMention] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if (
            i in skip
            or not t.is_word
            or not _acceptable_acronym(t, toks, i, text, defined)
            or (t.text in type_acronyms() and norm_acronym(t.text) not in defined)
            or _counted(toks, i, text)
        ):
            i += 1
            continue
        j = _acronym_end(toks, i, text, defined)
        s, e = t.start, toks[j - 1].end
        src = "gazetteer" if norm_acronym(text[s:e]) in dom else "rule"
        period = programme_period().match(text, e) if programme_acronym(text[s:e]) else None
        if period is not None:  # "PROW na lata 2014-2020": one programme of the family, a name of its own
            out.append(OrgMention(text[s : period.end()], s, period.end(), src, acronym=text[s:e]))
            i = next((k for k in range(j, len(toks)) if toks[k].start >= period.end()), len(toks))
            continue
        out.append(OrgMention(text[s:e], s, e, src, is_acronym=True))
        i = j
    return out
