"""The page's publisher where a record refers to it: ``naszą Fundację``, ``Biblioteka zakupiła``.

A page published by an organisation (sources.csv ``publisher``) often names it in its own records by
its head noun alone (``Fundacja ogłosiła``, ``Bractwo rozpoczęło``) or after a first-person possessive
(``organizowanego przez naszą Fundację``). Such a reference is a mention of the publisher: its evidence
is the reference as written, its name the publisher's. The annotation conventions make the publishing
organisation the lead of what it reports (``Fundacja zrealizowała``); a role cue still decides first.
A reference that may be the subject (nominative: ``Fundacja zrealizowała``, ``nasza Fundacja``) makes it
the lead when no cue decides; another one (``miasta członkowskie Związku``) stays ``other``. A
first-person verb alone (``realizowaliśmy``) names no body, so it gives no mention.
Vocabulary: ``publisher_refs`` in data/role_cues.yaml; head nouns: data/org_heads.yaml.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from pipeline.core.datatypes import OrgMention
from pipeline.extract.orgs.vocab import heads
from pipeline.ruledata.resources import load_yaml
from pipeline.text.acronyms import is_acronym
from pipeline.text.morph import PERSONAL_POS, analyse
from pipeline.text.tokens import CLOSE_QUOTES, OPEN_QUOTES, Tok, tok_lemmas, tokenize

_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")  # "Fundacja FEM (fem.org.pl)": the note is not the name


class PublisherRules(NamedTuple):
    possessive: re.Pattern[str]
    not_after: re.Pattern[str]
    role: str
    first_person: re.Pattern[str]


@cache
def publisher_rules() -> PublisherRules:
    """``publisher_refs`` of data/role_cues.yaml, compiled; cached."""
    raw = load_yaml("role_cues.yaml")["publisher_refs"]
    return PublisherRules(
        re.compile(raw["possessive"], re.IGNORECASE),
        re.compile(rf"(?:{raw['not_after']})", re.IGNORECASE),
        str(raw["role"]),
        re.compile(rf"(?<!\w)(?:{raw['first_person']})(?!\w)", re.IGNORECASE),
    )


class Publisher(NamedTuple):
    """The publisher as a body: its name as given, and the lemmas of its head noun."""

    name: str
    head: frozenset[str]


def publisher_of(name: str | None) -> Publisher | None:
    """The publisher named by sources.csv (a trailing note in brackets dropped), when its name is built
    on a Polish head noun (``Gminna Biblioteka Publiczna w Zawoi``: ``biblioteka``); a portal's address
    (``bomega.pl``), a title without a head or a head noun alone (``Stowarzyszenie``: a kind, no name)
    is no body a record can refer to."""
    if not name:
        return None
    name = " ".join(_TRAILING_NOTE.sub("", name).split())
    polish = heads().polish
    words = [t for t in tokenize(name) if t.is_word]
    if len(words) < 2:
        return None  # "Stowarzyszenie (crgkoscian.pl)": the kind of a body whose site gives no name
    for tok in tokenize(name):
        if tok.is_word and tok.is_cap:
            lemmas = tok_lemmas(tok.text) & polish.keys()
            if lemmas:
                return Publisher(name, frozenset(lemmas))
    return None


def publisher_initials(pub: Publisher) -> frozenset[str]:
    """Acronyms the publisher's name spells: the initials of its capitalised words (``Polski Komitet Pomocy
    Społecznej``: PKPS), also of those before its seat (``Gminna Biblioteka Publiczna w Zawoi``: GBP), a
    connector ``i`` kept as a lowercase letter (``Ministerstwo Kultury i Dziedzictwa Narodowego``: MKiDN)."""
    letters: list[str] = []
    out: set[str] = set()
    for tok in tokenize(pub.name):
        if not tok.is_word:
            continue
        if tok.text in ("w", "we") and len(letters) >= 3:
            out.add("".join(letters))  # before the seat (not "SP" of "Szkoła Podstawowa nr 2 w X": a kind)
        if tok.is_cap:
            letters.append(tok.text[0])
        elif tok.text == "i":
            letters.append("i")
    if len(letters) >= 2:
        out.add("".join(letters))
    return frozenset(a for a in out if sum(c.isupper() for c in a) >= 2)


def as_publisher(m: OrgMention, pub: Publisher) -> OrgMention:
    """A bare acronym that spells the publisher's name (``PKPS rozdysponował`` on the Polish Committee of
    Social Welfare's page): the publisher named by its acronym, as pages call themselves; bodies of the
    domain list keep their own entries."""
    if not m.is_acronym or m.source == "gazetteer" or m.text not in publisher_initials(pub):
        return m
    return OrgMention(pub.name, m.char_start, m.char_end, m.source, acronym=m.text)


def _in_quotes(text: str, line_start: int, pos: int) -> bool:
    """An opening quote before ``pos`` on its line that is not closed yet (``„Powiat bez smogu”``)."""
    depth = 0
    for ch in text[line_start:pos]:
        if ch in OPEN_QUOTES and ch not in CLOSE_QUOTES:
            depth += 1
        elif ch in CLOSE_QUOTES and ch not in OPEN_QUOTES:
            depth = max(0, depth - 1)
    return depth > 0


def _is_head(tok: Tok, pub: Publisher) -> bool:
    return tok.is_word and bool(tok_lemmas(tok.text) & pub.head)


def _bare(toks: list[Tok], i: int, pub: Publisher) -> bool:
    """``toks[i]`` is the publisher's head noun capitalised and standing alone: no capitalised word, quote
    or connector before a name joined to it (then it starts another name)."""
    tok = toks[i]
    if not (tok.is_cap and _is_head(tok, pub)):
        return False
    prev = toks[i - 1] if i > 0 else None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if prev is not None and prev.is_word and prev.is_cap and prev.end + 1 >= tok.start:
        return False  # "Gminna Biblioteka": part of a name
    after = toks[i + 2] if i + 2 < len(toks) else None
    joined = nxt is not None and nxt.text.lower() in heads().connectors and after is not None and after.is_cap
    return nxt is None or not (nxt.is_cap or nxt.text in OPEN_QUOTES or joined)


def _possessed(text: str, toks: list[Tok], i: int, pub: Publisher) -> int | None:
    """Index of the publisher's head noun when ``toks[i]`` is a first-person possessive before it, one
    word apart at most (``naszej zawojskiej Biblioteki``)."""
    if not publisher_rules().possessive.fullmatch(toks[i].text):
        return None
    for j in (i + 1, i + 2):
        if j < len(toks) and toks[j].is_word and _is_head(toks[j], pub):
            return j
        if j < len(toks) and not toks[j].is_word:
            return None
    return None


def _covered(start: int, end: int, mentions: list[OrgMention]) -> bool:
    return any(m.char_start < end and start < m.char_end for m in mentions)


def publisher_reference(
    text: str, start: int, end: int, pub: Publisher, mentions: list[OrgMention]
) -> OrgMention | None:
    """The first reference to the publisher in ``text[start:end]`` (a record) as a mention of it, or
    None. References inside another mention, inside quotes or after a locative preposition are not."""
    rules = publisher_rules()
    toks = tokenize(text, start, end)
    for i, tok in enumerate(toks):
        j = _possessed(text, toks, i, pub)
        if j is None and not _bare(toks, i, pub):
            continue
        a, b = tok.start, toks[j].end if j is not None else tok.end
        line_start = text.rfind("\n", 0, a) + 1
        if _covered(a, b, mentions) or _in_quotes(text, line_start, a) or rules.not_after.search(text, line_start, a):
            continue
        return OrgMention(pub.name, a, b, "rule")
    return None


def uncued_role(text: str, m: OrgMention) -> str:
    """The role of a reference to the publisher that no cue decided: its records' lead when it may be the
    subject (its first word singular nominative: ``Fundacja zrealizowała``, ``nasza Biblioteka``), else
    ``other`` (``miasta członkowskie Związku``: membership is no part in a project)."""
    first = tokenize(text, m.char_start, m.char_end)[0].text
    subject = any(a.has("sg") and a.has("nom") for a in analyse(first))
    if is_acronym(first):  # an acronym shows no case: the subject when a verb follows ("PKPS rozdysponował")
        after = next((t.text for t in tokenize(text, m.char_end, min(len(text), m.char_end + 40)) if t.is_word), "")
        subject = any(a.pos in PERSONAL_POS for a in analyse(after))
    return publisher_rules().role if subject else "other"


def first_person_lead(text: str, start: int, end: int) -> bool:
    """The record's writer says it carried the project out (``realizowaliśmy``, ``zorganizowaliśmy``,
    ``otrzymaliśmy``): ``first_person`` of data/role_cues.yaml ``publisher_refs``."""
    return publisher_rules().first_person.search(text, start, end) is not None
