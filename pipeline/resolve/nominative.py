"""Names of organisations: the nominative of a name as written, the org_type it implies, its slug.

``canonical_name(text)`` puts an organisation name as written in the text into
the nominative: the head noun and the adjectives agreeing with it (before and
after it) are inflected with morfeusz2 (``Związkiem Powiatów Polskich`` ->
``Związek Powiatów Polskich``, ``Polsko-Amerykańskiej Fundacji Wolności`` ->
``Polsko-Amerykańska Fundacja Wolności``); the genitive dependents and
everything else are kept as written; foreign names are kept.

``name_reading(text)`` gathers what resolution reads of a name (its nominative, org_type and domain-list
entry); the per-document stage computes it, where the gazetteer these need is loaded, and carries it to
resolution with the mention.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline.core.datatypes import NameReading
from pipeline.extract.numerals import is_ordinal
from pipeline.extract.orgs.domain_list import match_domain_name, programme_acronym
from pipeline.extract.orgs.kinds import expand_kind, kind_org_type
from pipeline.extract.orgs.morphology import (
    adj_analyses,
    agrees,
    head_analyses,
    head_lemma,
    is_compound_part,
    is_noun,
    place_parts,
)
from pipeline.extract.orgs.programmes import designated_family
from pipeline.extract.orgs.vocab import club_kind, heads, name_words, period_at_end, type_acronyms
from pipeline.text.acronyms import caps_acronym, is_acronym, is_roman
from pipeline.text.morph import Analysis, analyse, generate, generate_adjective
from pipeline.text.tokens import tokenize

__all__ = ["canonical_name", "head_analyses_any", "name_reading", "org_type_of", "slugify"]


def _slots(tag: str) -> list[set[str]]:
    return [set(s.split(".")) for s in tag.split(":")]


def _match_case(form: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return form.upper()
    if like[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


def _nominative_noun(word: str, an: Analysis, number: str) -> str:
    """``word`` (a form of the head noun) in the nominative of ``number``."""
    s = _slots(an.tag)
    if number in s[1] and "nom" in s[2]:
        return word  # already nominative ("Narodowego Fundusz", "Centrum")
    gender = s[3]
    for g in generate(an.lemma):
        gs = _slots(g.tag)
        if g.pos == "subst" and number in gs[1] and "nom" in gs[2] and gs[3] & gender:
            return _match_case(g.form, word)
    return word


_PARTICIPLES = ("ppas", "pact")


def _modifier_analyses(word: str) -> tuple[Analysis, ...]:
    """Readings of ``word`` as an adjective, or else as an adjectival participle, which names use alike
    (``Zintegrowanego Programu``, ``Szpitala Zespolonego``, ``Komitetu Sterującego``)."""
    return adj_analyses(word) or tuple(a for a in analyse(word.rpartition("-")[2]) if a.pos in _PARTICIPLES)


def _nominative_participle(word: str, an: Analysis, number: str, gender: set[str]) -> str:
    """A participle in the nominative of ``number`` and ``gender``, its aspect and negation as written."""
    want = _slots(an.tag)[4:]
    for g in generate(an.lemma):
        gs = _slots(g.tag)
        if g.pos == an.pos and number in gs[1] and "nom" in gs[2] and gs[3] & gender and gs[4:] == want:
            return _match_case(g.form, word)
    return word


def _nominative_adj(word: str, number: str, gender: set[str]) -> str:
    """An adjective or an adjectival participle (possibly hyphenated: inflect the last part) in the nominative."""
    prefix, sep, last = word.rpartition("-")
    ads = _modifier_analyses(last)
    if not ads:
        return word
    if any(number in s[1] and "nom" in s[2] and s[3] & gender for s in (_slots(a.tag) for a in ads)):
        return word  # already the nominative ("Moje Boisko", not the short "Me")
    if ads[0].pos in _PARTICIPLES:
        return prefix + sep + _nominative_participle(last, ads[0], number, gender)
    # the degree as written: "Wyższej Szkoły" -> "Wyższa Szkoła" (comparative), not the positive "Wysoka"
    degree = _slots(ads[0].tag)[-1] & {"pos", "com", "sup"} or {"pos"}
    for g in generate_adjective(ads[0].lemma):
        gs = _slots(g.tag)
        if g.pos == "adj" and number in gs[1] and "nom" in gs[2] and gs[3] & gender and gs[-1] & degree:
            return prefix + sep + _match_case(g.form, last)
    return word


def _common_noun_lemma(word: str) -> str | None:
    """Lemma of a capitalised common noun (``Grupę`` -> ``grupa``).

    It is the head of names without a listed head noun."""
    if not word[:1].isupper() or (word.isupper() and len(word) > 1):
        return None
    for a in head_analyses_any(word):
        return a.lemma.lower()
    return None


def _agreeing_noun_lemma(toks, h: int) -> str | None:
    """The lemma of the common noun at ``h`` with a reading its adjectives before it agree with (``Cisi
    Pracownicy``: pracownik, not pracownica; ``Kresowej Osadzie``: osada, not osad), None without adjectives."""
    if h == 0 or not toks[h].text[:1].isupper():
        return None
    readings = head_analyses_any(toks[h].text)
    for lemma in dict.fromkeys(a.lemma.lower() for a in readings):
        own = tuple(a for a in readings if a.lemma.lower() == lemma)
        if any(_adjectives_agree(toks, list(range(h)), own, n) for n in ("sg", "pl")):
            return lemma
    return None


def _strict_common_noun(word: str) -> str | None:
    """A common noun that cannot be read as an adjective (``Norweskim`` can, so it is not a head) nor as a
    proper noun written in its nominative (``Głogów``, a town, is not the genitive plural of ``głóg``)."""
    if adj_analyses(word) or _proper_nominative(word):
        return None
    return _common_noun_lemma(word)


def _proper_nominative(word: str) -> bool:
    """``word`` is itself the nominative of a proper noun morfeusz knows (a place: ``Gryfów``, ``Przemków``)."""
    return any(a.pos == "subst" and a.lemma == word and a.has("nom") for a in analyse(word))


def head_analyses_any(word: str) -> tuple[Analysis, ...]:
    return tuple(a for a in analyse(word) if a.pos == "subst" and a.lemma[:1].islower())


def _adjectives_agree(toks, pre: list[int], has, number: str) -> bool:
    """Every adjective before the head agrees with one of its readings ``has`` of ``number`` in case and gender."""
    hn = tuple(a for a in has if number in _slots(a.tag)[1])
    return bool(hn) and all(
        agrees(tuple(x for x in _modifier_analyses(toks[i].text) if number in _slots(x.tag)[1]), hn)
        for i in pre
        if _modifier_analyses(toks[i].text)
    )


def _coordinated_head(toks, h: int, same_num, number: str, new: dict[int, str]) -> None:
    """A second head coordinated with the first in its case, in the nominative too (``Gminy i Miasta Nisko`` ->
    ``Gmina i Miasto Nisko``, ``Miasta i Gminy Nekla``)."""
    if h + 2 >= len(toks) or toks[h + 1].text not in ("i", "oraz") or (lem := head_lemma(toks[h + 2].text)) is None:
        return
    cases = {c for a in same_num for c in _slots(a.tag)[2]}
    second = [
        a for a in head_analyses(toks[h + 2].text, lem) if number in _slots(a.tag)[1] and _slots(a.tag)[2] & cases
    ]
    if second:
        new[h + 2] = _nominative_noun(toks[h + 2].text, second[0], number)


def _proper_noun_nominative(word: str) -> str:
    """A name that is one proper noun morfeusz knows, inflected, in its nominative (``Norwegię`` -> ``Norwegia``,
    ``Będzinie`` -> ``Będzin``): every noun reading has one capitalised lemma and none is the nominative."""
    if is_acronym(word) or not word[:1].isupper():
        return word
    nouns = [a for a in analyse(word) if a.pos == "subst"]
    lemmas = {a.lemma for a in nouns}
    if len(lemmas) != 1 or not next(iter(lemmas))[:1].isupper() or any(a.has("nom") for a in nouns):
        return word
    return _match_case(next(iter(lemmas)), word)


def _coordination_end(toks, j: int, ads) -> int:
    """The last adjective of the coordination the adjective at ``j`` opens (``samorządowego i obywatelskiego``),
    ``j`` when none follows."""
    while j + 2 < len(toks) and toks[j + 1].text in ("i", "oraz") and toks[j + 2].is_word:
        if not agrees(_modifier_analyses(toks[j + 2].text), ads, case=True):
            break
        j += 2
    return j


def _modifies_next_noun(toks, j: int, ads) -> bool:
    """The adjective at ``j`` (readings ``ads``) agrees with the noun right after it."""
    k = j + 1
    if k >= len(toks) or not toks[k].is_word:
        return False
    nouns = tuple(a for a in analyse(toks[k].text) if a.pos == "subst")
    return bool(nouns) and agrees(ads, nouns, case=True)


def _post_head_adjectives(toks, j: int, same_num, number: str, gender: set[str], new: dict[int, str]) -> None:
    """Adjectives after the head that agree with it in case, number and gender, also lowercase (``parafii
    katedralnej`` -> ``Parafia katedralna``) and coordinated ones (``Krajowego Funduszu Leśnego i Wodnego`` ->
    ``Leśny i Wodny``), in the nominative. After the first, an adjective that agrees with the noun after it is
    that noun's (``Komendy Powiatowej Państwowej Straży Pożarnej`` -> ``Komenda Powiatowa Państwowej Straży
    Pożarnej``); the first is the head's (``Komendy Powiatowej Policji``) unless it is an ordinal (``Uniwersytetu
    Trzeciego Wieku``) or opens a coordination before the noun (``Wsparcia samorządowego i obywatelskiego
    wymiaru``). Dev keys' names against their text (13 477 on 2 613 pages): the nominative as keyed 0.842 -> 0.847
    with this, the readings of a common head noun, the number its adjectives allow and an adjective already
    nominative kept."""
    first = j
    while j < len(toks) and toks[j].is_word:
        if toks[j].text in ("i", "oraz") and new.get(j - 1) is not None and j + 1 < len(toks):
            j += 1  # a coordinated adjective may follow: checked below like the first one
        t = toks[j]
        if not t.is_word:
            return
        ads = tuple(a for a in _modifier_analyses(t.text) if number in _slots(a.tag)[1])
        if not ads or not agrees(ads, same_num, case=True) or head_lemma(t.text):
            return
        last = _coordination_end(toks, j, ads)
        if (j > first or last > j or any(is_ordinal(a.lemma) for a in ads)) and _modifies_next_noun(toks, last, ads):
            return  # "Komendy Powiatowej Państwowej Straży", "Uniwersytetu Trzeciego Wieku", "Wsparcia
            # samorządowego i obywatelskiego wymiaru"
        new[j] = _nominative_adj(t.text, number, gender)
        j += 1


# a compound adjective written with a spaced or long dash: its first part in -o, the dash attached to a side,
# or spaced on both after a first part in a consonant + o (``Szkolno - Przedszkolny``; not ``Radio – X``)
_COMPOUND_DASH = re.compile(
    r"\b([^\W\d_]*o)(?: ?[-–—]|[-–—] ?)(?=[^\W\d_a-ząćęłńóśźż])"
    r"|\b([^\W\d_]*[^\W\d_io]o) [-–—] (?=[^\W\d_a-ząćęłńóśźż])"
)


def _unit_adjective(toks, h: int, lem: str, same_num, number: str, gender: set[str], new: dict[int, str]) -> None:
    """A territorial unit named by a lowercase adjective after its head, capitalised in the nominative
    (``Powiatowi gołdapskiemu`` -> ``Powiat Gołdapski``; ``adjective_name`` heads of org_heads.yaml)."""
    info = heads().polish.get(lem)
    if info is None or not info.adjective_name or len(toks) != h + 2 or not toks[h + 1].text.islower():
        return
    ads = tuple(a for a in adj_analyses(toks[h + 1].text) if number in _slots(a.tag)[1])
    if ads and agrees(ads, same_num, case=True):
        new[h + 1] = _nominative_adj(toks[h + 1].text, number, gender).capitalize()


MAX_PLACE_WORDS = 3  # a place name in apposition has at most this many words (Nowa Wieś Wielka)


def _place_apposition(toks, h: int, lem: str, same_num, new: dict[int, str]) -> None:
    """A unit named by its place (``place_name`` heads of org_heads.yaml) whose place is inflected like its
    inflected head, in the nominative (``Miasta Gdańska`` -> ``Miasto Gdańsk``, ``Gminie Lisiej Górze`` ->
    ``Gmina Lisia Góra``, ``Miasta Ostrowa Wielkopolskiego`` -> ``Miasto Ostrów Wielkopolski``). The place is one
    noun read in the head's case (a proper noun; a common one only beside an adjective: ``Lisiej Góry``) and
    adjectives in that case; a place written in the nominative (``Gminy Kobylnica``) stays as written."""
    info = heads().polish.get(lem)
    if info is None or not info.place_name or any("nom" in _slots(a.tag)[2] for a in same_num):
        return
    cases = {c for a in same_num for c in _slots(a.tag)[2]}
    k = h + 1
    while k in new:
        k += 1  # the head's own adjectives (Stołecznego)
    words = list(range(k, len(toks)))
    if not words or len(words) > MAX_PLACE_WORDS:
        return
    if not all(toks[i].is_word and toks[i].is_cap and "-" not in toks[i].text for i in words):
        return  # a hyphenated place (Golub-Dobrzyń) is kept as written
    if any(head_lemma(toks[i].text) for i in words):
        return  # a body, not a place (Gminy Powiatu Krakowskiego)
    place = None
    for i in words:
        nouns = [a for a in _place_nouns(toks[i].text, len(words) > 1) if _slots(a.tag)[2] & cases]
        if nouns and not adj_analyses(toks[i].text):
            place = (i, nouns)
            break
    if place is None:
        return
    at, nouns = place
    word = toks[at].text
    if len({a.lemma.split(":")[0] for a in nouns}) > 1:
        return  # two places may be meant (Ostrowa: Ostrów or Ostrowo)
    inflected = any(
        not any("nom" in _slots(a.tag)[2] for a in adj_analyses(toks[i].text)) for i in words if i != at
    )  # an adjective beside it that cannot be nominative (Lisiej Góry): the place is inflected
    if not inflected and any(
        a.lemma.split(":")[0] == word and "nom" in _slots(a.tag)[2] for a in _place_nouns(word, True)
    ):
        return  # the word is a nominative itself (Kraków, Baranów: not the genitive plural of Krak, baran)
    noun = nouns[0]
    s = _slots(noun.tag)
    lemma = noun.lemma.split(":")[0]
    number = "sg" if "sg" in s[1] else "pl"
    names = {at: _match_case(lemma, toks[at].text)}
    for i in words:
        if i == at:
            continue
        if not any(_slots(a.tag)[2] & cases for a in adj_analyses(toks[i].text)):
            return
        names[i] = _nominative_adj(toks[i].text, number, s[3])
    new.update(names)


def _place_nouns(word: str, common_too: bool) -> list[Analysis]:
    """Noun readings of a place's word: proper nouns, and common nouns when ``common_too`` (``Góry`` of ``Lisiej
    Góry``)."""
    return [a for a in analyse(word) if a.pos == "subst" and (common_too or a.lemma[:1].isupper())]


_SPACED_PW = re.compile(r"(?<!\w)p\. w\.(?= )")  # "Parafia p. w. św. Anny": the dedication as written pw.
_GLUED_PATRON = re.compile(r"(?<![^\W\d_])(im|pw|św|bł)\.(?=[^\W\d_])", re.IGNORECASE)  # "im.Marii" -> "im. Marii"
# a quoted name inside a name in single low-high quotes ("Stowarzyszenie X ‚Tęcza’"): written with the
# Polish double quotes of the canonical form („Tęcza”)
_SINGLE_QUOTED = re.compile(r"‚([^‚’„”\n]{1,80})’")
_COMMA_QUOTE = re.compile(r" ?,, ?(?=[^\W\d_])")  # "LGD ,,Kraina Dinozaurów”", "LGD,,Kraina": an opening „
# a quoted name inside a name in any other pair of double quotes ("Przedszkole "Piąteczka"", “Łomniczanki”,
# «Iskra»): the Polish pair of the canonical form, as most names are written (317 of 333 quoted names of
# the dev keys)
_DOUBLE_QUOTED = re.compile(r'(?<![^\s(–-])["“«]([^"“”„«»\n]{1,80})["”“»](?=[\s,.;:)–-]|$)')
# an opening „ closed by a straight or a high quote („ISKRA", „Kraina“)
_LOW_OPENED = re.compile(r'„([^"“”„\n]{1,80})["“]')
# an opening „ never closed: the name ends the quote ("Lokalna Grupa Rybacka „Nasza Krajna i Pałuki")
_UNCLOSED = re.compile(r"„[^„”]+$")
# a word written twice running is a slip ("Program Rozwoju Rozwoju Obszarów Wiejskich")
_DOUBLED = re.compile(r"\b([^\W\d_]{4,}) \1\b")
# a span of years in a name written without spaces around its dash ("na lata 2014 – 2020" -> "2014–2020"),
# the dash kept as written: the real-page keys hyphenate, our own keys use the en dash
_YEAR_SPAN = re.compile(r"\b((?:19|20)\d\d) ?([-–—]) ?((?:19|20)\d\d)\b")


def _join_compound(m: re.Match[str]) -> str:
    """A compound's parts joined by a hyphen; a spaced dash only after a first part that is no noun (not
    ``Gmina Puszczykowo – Nowe``) or only a compound's (``Polsko – Amerykańskiej``: :func:`is_compound_part`)."""
    if m.group(1) is not None:
        return m.group(1) + "-"
    first = m.group(2).split()[-1]
    if is_noun(first) and not is_compound_part(first):
        return m.group(0)
    return m.group(2) + "-"


# a seat's place written in two parts with a dash between spaces (``w Kędzierzynie – Koźlu``)
_PLACE_DASH = re.compile(r"\b(we? )([^\W\d_]+) [-–—] ([^\W\d_]+)\b")


def _join_place(m: re.Match[str]) -> str:
    """The two parts of a place name joined by a hyphen (``w Kędzierzynie-Koźlu``, ``w Połczynie-Zdroju``) when
    both are capitalised nouns read in the locative and the second is no head (``w Lublinie – Muzeum Wsi``)."""
    first, second = m.group(2), m.group(3)
    if first[:1].isupper() and second[:1].isupper() and place_parts(first, second):
        return m.group(1) + first + "-" + second
    return m.group(0)


def _normalise(text: str) -> str:
    """Whitespace normalised, a compound adjective's dash joined (``Kulturalno– Oświatowego`` ->
    ``Kulturalno-Oświatowego``) and a seat's place's (``w Kędzierzynie – Koźlu`` -> ``w Kędzierzynie-Koźlu``),
    ``p. w.`` as ``pw.``, a patron's mark spaced from the name (``im.Marii`` -> ``im. Marii``), single quotes,
    two commas and other double quotes as the Polish double quotes (``‚Tęcza’`` -> ``„Tęcza”``, ``LGD,,Kraina”``
    -> ``LGD „Kraina”``, ``"Iskra"`` -> ``„Iskra”``), an open quote closed, a span of years unspaced (``2014 –
    2020`` -> ``2014–2020``), a word written twice once, a lowercase head capitalised (``fundacji Pogranicze``)."""
    norm = _COMPOUND_DASH.sub(_join_compound, re.sub(r"\s+", " ", text).strip())
    norm = _PLACE_DASH.sub(_join_place, norm)
    norm = _recased(norm)
    norm = _GLUED_PATRON.sub(r"\1. ", _SPACED_PW.sub("pw.", norm))
    norm = _SINGLE_QUOTED.sub(r"„\1”", norm)
    norm = _COMMA_QUOTE.sub(" „", norm).strip()
    norm = _LOW_OPENED.sub(r"„\1”", _DOUBLE_QUOTED.sub(r"„\1”", norm))
    if _UNCLOSED.search(norm):
        norm += "”"
    norm = _YEAR_SPAN.sub(r"\1\2\3", norm)
    norm = _DOUBLED.sub(r"\1", norm)
    norm = _expanded_head(norm)
    if norm[:1].islower() and head_lemma(norm.split(" ", 1)[0].capitalize()):
        norm = norm[0].upper() + norm[1:]
        norm = _REGION.sub(lambda m: _capitalised_parts(m.group(0)), norm)
        norm = _OFFICE_ADJECTIVE.sub(lambda m: m.group(1) + m.group(2).upper(), norm)
    if norm[:1].isupper():  # after the head's capital: ``województwo kujawsko-pomorskie`` is spelt as a name too
        norm = _name_orthography(norm)
    return norm


# a compound adjective in a name whose first part is capitalised and second is not: the second capitalised too
# ("Województwo Kujawsko-pomorskie" -> "Kujawsko-Pomorskie", "Diecezja Koszalińsko-kołobrzeska"), as names of
# regions and bodies are spelt and as 377 of the 379 such compounds in the dev keys' names are written
_COMPOUND_LOWER = re.compile(r"(?<![^\s„(])([A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]+o)-([a-ząćęłńóśźż])(?=[a-ząćęłńóśźż]{2})")
# a region's adjective inside a name ("Urząd Marszałkowski województwa podkarpackiego",
# "Samorząd województwa warmińsko-mazurskiego"): the region is part of the name, capitalised (534 of 534 in
# the dev keys)
_REGION_INSIDE = re.compile(r"(?<= )województw(a|o) ([a-ząćęłńóśźż]+(?:-[a-ząćęłńóśźż]+)?(?:kiego|kie))\b")
# "Św." of a dedication ("pw. Św. Barbary", "Parafia Św. Mikołaja") is kept as written: where the page
# capitalises it, 20 of the 29 dev keys (2 992 pages) keep "Św." (lowering it, tried before, lost the 20)


def _name_orthography(norm: str) -> str:
    """Spelling of a capitalised name as names are written: compound adjectives capitalised in both parts, a
    region's name capitalised, the adjectives right after the head capitalised."""
    norm = _compound_capitalised(norm)
    norm = _REGION_INSIDE.sub(lambda m: "Województw" + m.group(1) + " " + _capitalised_parts(m.group(2)), norm)
    return _capitalised_after_head(norm)


def _capitalised_after_head(norm: str) -> str:
    """The adjectives right after a name's head noun capitalised (``Parafia rzymskokatolicka`` -> ``Parafia
    Rzymskokatolicka``): the words of a body's name are capitalised but for its prepositions and conjunctions,
    as Polish spelling writes names of institutions and as the dev keys write 2 611 of the 2 656 adjectives
    right after a head. Not before a lowercase noun, which they may modify (``Fundacja polskiej wsi``); a word
    that can be a preposition or conjunction (``na``, ``i``) stays."""
    words = norm.split(" ")
    if len(words) < 2 or not words[0].isalpha() or not head_lemma(words[0]):
        return norm
    j = 1
    while j < len(words) and words[j].isalpha() and words[j].islower() and _adjective(words[j]):
        if any(a.lemma in name_words().saint_titles for a in analyse(words[j])):
            return norm  # "Parafia świętego Michała": a saint's title stays lowercase, as ``św.`` does
        j += 1
    after = words[j].rstrip(".") if j < len(words) else ""
    noun_after = after.isalpha() and after.islower() and after not in name_words().lowercase_in_names
    if j == 1 or (noun_after and any(a.tag.startswith("subst") for a in analyse(after))):
        return norm
    return " ".join([words[0], *(w[0].upper() + w[1:] for w in words[1:j]), *words[j:]])


_NOT_ADJECTIVE = ("prep", "conj", "comp", "ppron")


def _adjective(word: str) -> bool:
    """``word`` reads as an adjective (``rzymskokatolicka``, ``prawosławna``) and never as a preposition,
    conjunction or pronoun."""
    tags = [a.tag for a in analyse(word)]
    return any(t.startswith("adj") for t in tags) and not any(t.startswith(_NOT_ADJECTIVE) for t in tags)


_CAPS_WORD = re.compile(r"[^\W\d_]+")
_ROMAN = re.compile(r"[IVXLC]+")


def _recased(norm: str) -> str:
    """A body's name written wholly in capitals as names are written (``KOLARSKI KLUB SPORTOWY GOSTYŃ`` ->
    ``Kolarski Klub Sportowy Gostyń``): each word capitalised, connectors in lowercase, acronyms and Roman
    numerals kept (``LZS „KROBIANKA” KROBIA`` -> ``LZS „Krobianka” Krobia``). Only a name of at least two
    words with a head noun of a body (``Fundacja``, ``Klub``) or opened by a kind's acronym (``KS``, ``LZS``):
    a programme's title in capitals stays."""
    words = _CAPS_WORD.findall(norm)
    if len(words) < 2 or not all(w.isupper() for w in words) or sum(len(w) > 2 for w in words) < 2:
        return norm
    if not (words[0] in type_acronyms() or club_kind(words[0]) or any(head_lemma(w.capitalize()) for w in words)):
        return norm
    return _CAPS_WORD.sub(lambda m: _recased_word(m.group()), norm)


def _recased_word(word: str) -> str:
    if word.lower() in name_words().lowercase_in_names:
        return word.lower()
    if _ROMAN.fullmatch(word) or caps_acronym(word):
        return word  # a numeral (`II`) or an acronym (`LZS`)
    return word.capitalize()


# a region's name after a lowercase office or unit: capitalised as the name's own words ("samorządu
# województwa mazowieckiego" -> "Samorząd Województwa Mazowieckiego", as the offices are named)
_REGION = re.compile(r"(?<= )województwa [^\W\d_]+(?:-[^\W\d_]+)*$")


_OFFICE_ADJECTIVE = re.compile(r"^(Urz\w+ )(m)(?=arszałkowsk)")  # "urzędu marszałkowskiego" -> Urząd Marszałkowski


def _capitalised_parts(words: str) -> str:
    return re.sub(r"(?<![^\s-])([^\W\d_])", lambda m: m.group(1).upper(), words)


def _expanded_head(norm: str) -> str:
    """An abbreviated head written out (``gm. Gołcza`` -> ``Gmina Gołcza``; ``head_abbreviations`` of
    org_heads.yaml)."""
    m = re.match(r"([^\W\d_]+)\. ?(?=[^\W\d_])", norm)
    if m is None or (lem := heads().head_abbreviations.get(m.group(1))) is None:
        return norm
    return lem.capitalize() + " " + norm[m.end() :]


@lru_cache(maxsize=65536)
def canonical_name(text: str) -> str:
    """Nominative form of an organisation name as written (whitespace normalised); cached, as a corpus
    writes the same names over and over."""
    norm = _normalise(text)
    if (programme := _programme_with_period(norm)) is not None:
        return programme  # "PROW 2014-2020" -> "Program Rozwoju Obszarów Wiejskich na lata 2014-2020"
    if (kind := expand_kind(norm)) is not None:
        return kind[0]  # "OSP w Bolesławiu" -> "Ochotnicza Straż Pożarna w Bolesławiu"
    if (title := _wholly_quoted(norm)) is not None:
        return title  # a programme's quoted title is its name as written: "„Moje Miejsce na Ziemi”"
    return _compound_capitalised(_inflected(norm))


def _programme_with_period(norm: str) -> str | None:
    """The programme an acronym with a period names (``PROW na lata 2014-2020``, ``RPO WSL 2014–2020``), else
    None; written out as the dev keys write such programmes: with ``na lata`` (130 of their 157 periods) and a
    hyphen (370 of the 403 periods in their names)."""
    period = period_at_end(norm)
    entry = programme_acronym(norm[: period.start()]) if period else None
    years = _YEAR_SPAN.search(period.group()) if period and entry else None
    return None if entry is None or years is None else f"{entry.name} na lata {years.group(1)}-{years.group(3)}"


def _compound_capitalised(name: str) -> str:
    """A compound adjective the nominative capitalised in its first part only (``województwo kujawsko-pomorskie``
    -> ``Województwo Kujawsko-pomorskie``) capitalised in both (:data:`_COMPOUND_LOWER`)."""
    return _COMPOUND_LOWER.sub(lambda m: m.group(1) + "-" + m.group(2).upper(), name)


_OPEN_QUOTES, _CLOSE_QUOTES = '„“"«', '”“"»'


def _wholly_quoted(norm: str) -> str | None:
    """The inside of a name written wholly in one pair of quotes, else None."""
    if len(norm) < 3 or norm[0] not in _OPEN_QUOTES or norm[-1] not in _CLOSE_QUOTES:
        return None
    inner = norm[1:-1].strip()
    return inner if inner and not any(c in _OPEN_QUOTES + _CLOSE_QUOTES for c in inner) else None


def _inflected(norm: str) -> str:
    """The normalised name with its head and the adjectives agreeing with it in the nominative."""
    toks = tokenize(norm)
    words = [i for i, t in enumerate(toks) if t.is_word]
    if not words or (len(toks) == 1 and is_acronym(norm)):
        return norm
    if any(heads().foreign(t.text) for t in toks):
        return norm  # a foreign name is kept as written
    if family := designated_family(toks, norm):
        # a programme of a family: the family's own name, then the designation as written
        return family[1].name + norm[toks[family[0] - 1].end :]
    # the head: the first listed head noun with only capitalised adjectives before it;
    # else (names without a listed head: "Grupę Wyszehradzką") the first common noun
    h = None
    for finder in (head_lemma, _strict_common_noun):
        for i, t in enumerate(toks):
            if not t.is_word:
                break
            if finder(t.text) or (i > 0 and finder is head_lemma and t.text.islower() and finder(t.text.capitalize())):
                h = i  # a head in lowercase after its adjectives: "Rządowego programu wieloletniego"
                break
            if i == 0 and is_roman(t.text):
                continue  # the numeral of "II Liceum Ogólnokształcącego"
            if not _modifier_analyses(t.text):
                break
        if h is not None:
            break
    if h is None:
        return _proper_noun_nominative(norm) if len(words) == 1 else norm
    lem = head_lemma(toks[h].text.capitalize()) or _agreeing_noun_lemma(toks, h) or _common_noun_lemma(toks[h].text)
    assert lem is not None
    has = head_analyses(toks[h].text, lem)
    has = tuple(a for a in has if a.lemma == lem) or has  # the common noun's readings, not a name's ("Klub", f)
    pre = [i for i in range(h)]
    # number: singular unless the head with its adjectives before it can only be plural ("Polskich Sieci")
    numbers = [n for n in ("sg", "pl") if any(n in _slots(a.tag)[1] for a in has)]
    numbers = [n for n in numbers if _adjectives_agree(toks, pre, has, n)] or numbers
    number = numbers[0] if numbers else "sg"
    head_an = next(a for a in has if number in _slots(a.tag)[1])
    agreeing = (a for a in has if number in _slots(a.tag)[1] and _adjectives_agree(toks, pre, (a,), number))
    head_an = next(agreeing, head_an)
    gender = _slots(head_an.tag)[3]
    new = {h: _nominative_noun(toks[h].text, head_an, number)}
    for i in pre:
        new[i] = _nominative_adj(toks[i].text, number, gender)
    # adjectives after the head that agree with it in case, number and gender
    same_num = tuple(a for a in has if number in _slots(a.tag)[1])
    _post_head_adjectives(toks, h + 1, same_num, number, gender, new)
    _coordinated_head(toks, h, same_num, number, new)
    _unit_adjective(toks, h, lem, same_num, number, gender, new)
    _place_apposition(toks, h, lem, same_num, new)
    out = []
    prev_end = 0
    for i, t in enumerate(toks):
        out.append(norm[prev_end : t.start])
        out.append(new.get(i, t.text))
        prev_end = t.end
    out.append(norm[prev_end:])
    return "".join(out)


def org_type_of(name: str) -> str:
    """org_type implied by the head noun of a (nominative) name, or by the programme family it starts
    with (``Interreg South Baltic 2014–2020``); ``other`` when none."""
    h = heads()
    toks = tokenize(name)
    if family := designated_family(toks, name):
        return family[1].org_type
    if (kind := kind_org_type(toks)) is not None:
        return kind  # "LGD „Podlaski Przełom Bugu”", "Lokalna Grupa Działania Ziemi Bialskiej"
    for t in toks:
        if not t.is_word:
            continue
        lem = head_lemma(t.text)
        if lem:
            return h.polish[lem].org_type
        if foreign := h.foreign(t.text):
            return foreign.org_type
    return "other"


@lru_cache(maxsize=65536)
def name_reading(text: str) -> NameReading:
    """What resolution reads of a name as written: its nominative, the org_type that implies, and the
    domain-list entry the nominative names, else the one the name as written (whitespace collapsed) names.
    Runs the gazetteer: computed where a mention is found, so resolution never loads it; cached."""
    nominative = canonical_name(text)
    domain = match_domain_name(nominative)
    if domain is None:
        domain = match_domain_name(re.sub(r"\s+", " ", text).strip())
    # a wholly quoted name is a programme's title (the scanner takes it after "programu")
    org_type = "fund_or_programme" if _wholly_quoted(_normalise(text)) else org_type_of(nominative)
    return NameReading(nominative, org_type, domain)


_PL = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")


def slugify(name: str) -> str:
    s = name.translate(_PL)
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")
    s = re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")
    return s or "org"
