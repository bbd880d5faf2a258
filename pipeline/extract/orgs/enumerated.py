"""Bodies named by their place alone in an enumeration after their kind: ``gminy Haczów, Jasienica Rosielna i
Dubiecko``, ``Wsparcie trafi do gmin: Ostróda, Prostki oraz miast: Elbląga, Kętrzyna i Iława``.

Polish writes the kind of body once, before a list of names (``gminy`` / ``gmin`` / ``miast``), and every
name after it is a body of that kind: the keys name each one (``Gmina Haczów``, ``Miasto Elbląg``). The
head scanner finds the first name only when the kind is written with it; here each name of the list is a
mention whose text is the place as written (its evidence) and whose ``implied_name`` is the body's name
(org_heads.yaml ``enumerating_heads``). A list after a word of territory (``na terenie gmin: X, Y``), with the
kind in the locative (``w gminach X i Y``) or after ``z`` in the genitive (``seniorzy z gmin X i Y``: where they
come from) names places, not bodies, as for a lowercase head; a genitive right after the kind, without a colon, is
whose bodies they are (``miast Ukrainy``, ``gmin Polski, Litwy i Łotwy``). Whether the acceptor keeps a mention is
learned with every other mention (feature ``enumerated``).
"""

from __future__ import annotations

import re

from pipeline.core.datatypes import OrgMention
from pipeline.extract.orgs.morphology import geographical_readings, num_gender_case
from pipeline.extract.orgs.vocab import enumerating_heads, heads
from pipeline.text.morph import analyse
from pipeline.text.tokens import Tok

_JOINERS = frozenset({",", "i", "oraz"})
_LINKS = frozenset({"nad", "pod", "n/"})  # "Gródek nad Dunajcem", "Nowe Miasto n/Pilicą"
MAX_ITEM_WORDS = 4
_HYPHEN = re.compile(r"\s*[-–]\s*")


def _kind(tok: Tok) -> tuple[str, bool] | None:
    """The prefix of the bodies a kind noun lists (``Gmina``) and whether the word is a plural form,
    else None; None also for a locative-only form (``w gminach X``: places)."""
    prefixes = enumerating_heads()
    found: str | None = None
    plural = other = False
    for a in analyse(tok.text):
        if a.pos != "subst" or a.lemma.lower() not in prefixes:
            continue
        found = prefixes[a.lemma.lower()]
        numbers, _, cases = num_gender_case(a)
        plural = plural or "pl" in numbers
        other = other or bool(cases - {"loc"})
    return (found, plural) if found and other else None


_ORIGIN = frozenset({"z", "ze"})


def _genitive(tok: Tok) -> bool:
    return any(a.pos == "subst" and "gen" in num_gender_case(a)[2] for a in analyse(tok.text))


def _place_words(toks: list[Tok], i: int, end: int) -> int:
    """Index after the place name starting at ``i`` (capitalised words, hyphens, ``nad``/``pod``), ``i`` if none."""
    j = i
    while j < end and j - i < MAX_ITEM_WORDS * 2:
        t = toks[j]
        if t.is_word and t.is_cap:
            j += 1
        elif t.text in "-–" and j > i and j + 1 < end and toks[j + 1].is_word and toks[j + 1].is_cap:
            j += 2  # "Krynica - Zdrój", "Kocmyrzów-Luborzyca" split by the tokenizer
        elif t.text in _LINKS and j > i and j + 1 < end and toks[j + 1].is_cap:
            j += 2
        else:
            break
    return j


def _readings(words: list[str]) -> tuple[str | None, str | None]:
    """The place read as a nominative (as written) and as an oblique case (its lemma): ``Iława`` -> (``Iława``,
    None), ``Elbląga`` -> (None, ``Elbląg``), ``Kętrzyna`` -> both (a village Kętrzyna, the town Kętrzyn). A
    name of several words is kept as written when each can be a nominative and one is a place name."""
    nom = obl = None
    if len(words) > 1:
        if not all(_nominative_word(w) for w in words):
            return None, None  # "Dąbrowy Górniczej": an oblique name of several words is not read
        if any(geographical_readings(w) for w in words):
            return " ".join(words), None  # "Nowy Żmigród", "Kamienna Góra": a place among its words
        return None, None
    for a in geographical_readings(words[0]):
        cases = num_gender_case(a)[2]
        lemma = a.lemma.split(":")[0]
        if "nom" in cases and lemma == words[0]:
            nom = " ".join(words)
        elif cases - {"nom"} and lemma != words[0]:
            obl = lemma if obl is None or _closer(lemma, obl, words[0]) else obl
    return nom, obl


def _nominative_word(word: str) -> bool:
    """A word of a name that can stand in the nominative (``Rosielna``, ``Warmiński``), or an unknown one."""
    found = analyse(word)
    return any(a.pos == "ign" or "nom" in num_gender_case(a)[2] for a in found) or not found


def _closer(a: str, b: str, word: str) -> bool:
    """``a`` is the likelier lemma of ``word`` than ``b``: a longer common start, then the shorter
    (``Kętrzyna``: Kętrzyn, not Kętrzyno)."""

    def common(x: str) -> int:
        return next((k for k, (p, q) in enumerate(zip(x, word, strict=False)) if p != q), min(len(x), len(word)))

    return (common(a), -len(a)) > (common(b), -len(b))


def _names(readings: list[tuple[str | None, str | None]]) -> list[str | None]:
    """Each listed place in the nominative, from its :func:`_readings`; where a word reads both ways, the case most
    of the list is written in decides (``miast: Elbląga, Kętrzyna i Iława``: Kętrzyn)."""
    oblique = sum(1 for nom, obl in readings if obl and not nom) > sum(1 for nom, obl in readings if nom and not obl)
    return [(obl or nom) if oblique else (nom or obl) for nom, obl in readings]


def _list_items(
    toks: list[Tok], i: int, prefix: str, covered: set[int], listed_at: set[int]
) -> tuple[list[tuple[int, int, str]], bool]:
    """The places listed from token ``i`` on (start, end, the prefix of their bodies), and whether the list went
    on after a name another mention holds (``Gmina Tarnobrzeg, Grębów``)."""
    n = len(toks)
    items: list[tuple[int, int, str]] = []
    listed = False
    while i < n:
        if i in covered:
            j = i
            while j < n and j in covered:
                j += 1
            listed = True
        elif (own := _kind(toks[i])) is not None and (j := _place_words(toks, i + 1, n)) > i + 1:
            # "gminy: miasto Tarnów, Borzęcin": a kind of its own
            items.append((i + 1, j, own[0]))
            listed_at.add(i)
        else:
            j = _place_words(toks, i, n)
            if j == i:
                break
            items.append((i, j, prefix))
        if j < n and toks[j].text in _JOINERS:
            i = j + 1
        else:
            break
    return items, listed


def enumerated_mentions(text: str, toks: list[Tok], covered: set[int]) -> list[OrgMention]:
    """Mentions of the bodies an enumeration after a kind noun names by their place alone (not inside
    ``covered`` tokens, which other mentions hold; the tokens of the mentions found join it)."""
    territory = heads().territory_words
    out: list[OrgMention] = []
    n = len(toks)
    listed_at: set[int] = set()  # tokens of a list already read
    for k, tok in enumerate(toks):
        if k in listed_at or not tok.is_word or (kind := _kind(tok)) is None:
            continue
        if k in covered and k - 1 in covered:
            continue  # inside a name ("Urzędu Miasta Bełchatowa oraz Piły"); a name it opens may go on as a list
        prefix, plural = kind
        before = {w.lemma.lower() for t in toks[max(0, k - 2) : k] if t.is_word for w in analyse(t.text)}
        if before & territory:
            continue  # "na terenie gmin: X, Y": places
        if k > 0 and toks[k - 1].text.lower() in _ORIGIN and _genitive(tok):
            continue  # "seniorzy z gmin Zarzecze i Olszyny": where they come from
        i = k + 1
        colon = i < n and toks[i].text == ":"
        if colon:
            i += 1
        items, listed = _list_items(toks, i, prefix, covered, listed_at)
        if not items or not (plural or listed):
            continue  # a singular kind before one name is the head scanner's ("gminą Haczów")
        words = [[t.text for t in toks[a:b] if t.is_word] for a, b, _ in items]
        readings = [_readings(item) for item in words]
        if not colon and readings[0][0] is None:
            continue  # a genitive right after the kind is whose bodies they are: "miast Ukrainy", "gmin Polski"
        names = _names(readings)
        for (a, b, kind_prefix), item, name in zip(items, words, names, strict=True):
            if name is None:
                continue
            s, e = toks[a].start, toks[b - 1].end
            if len(item) > 1:  # a name of several words, kept as written: "Krynica - Zdrój" is Krynica-Zdrój
                name = _HYPHEN.sub("-", " ".join(text[s:e].split()))
            covered.update(range(a, b))
            out.append(OrgMention(text[s:e], s, e, "rule", implied_name=f"{kind_prefix} {name}"))
    return out
