"""Morfeusz readings of name words: head nouns, agreeing adjectives, Polish and function words."""

from __future__ import annotations

import re

from pipeline.extract.orgs.vocab import heads
from pipeline.text.acronyms import is_acronym
from pipeline.text.morph import Analysis, Labelled, analyse, generate, guess_adjective


def _subst(word: str) -> tuple[Analysis, ...]:
    return tuple(a for a in analyse(word) if a.pos in ("subst", "depr"))


def is_noun(word: str) -> bool:
    """Morfeusz reads ``word`` as a noun (``Puszczykowo``), not only as an adverb or unknown (``Szkolno``)."""
    return any(a.pos == "subst" for a in analyse(word))


def is_compound_part(word: str) -> bool:
    """``word`` reads as the first part of a compound adjective (``Polsko``, ``Miejsko``, ``Szkolno``): a word in
    ``-o`` that morfeusz reads as an adverb or not at all, and as a noun, if ever, only in the vocative
    (``Polsko``: ``Polska!``), not as a place (``Kłodzko``, ``Puszczykowo``)."""
    readings = analyse(word)
    return (
        word.endswith("o")
        and (any(a.pos == "adv" for a in readings) or all(a.pos == "ign" for a in readings))
        and not any(a.pos == "subst" and num_gender_case(a)[2] != {"voc"} for a in readings)
    )


def place_parts(first: str, second: str) -> bool:
    """Two words around a dash are the parts of one place's name (``Kędzierzynie`` – ``Koźlu``, ``Połczynie`` –
    ``Zdroju``): both read as nouns in the locative, and the second is no head (``Lublinie`` – ``Muzeum``)."""
    return head_lemma(second) is None and _reads_locative(first) and _reads_locative(second)


def _reads_locative(word: str) -> bool:
    return any(a.pos == "subst" and "loc" in num_gender_case(a)[2] for a in analyse(word))


def _last_part(word: str) -> str:
    return re.split(r"[-'’]", word)[-1]


def adj_analyses(word: str) -> tuple[Analysis, ...]:
    """Adjective analyses of ``word``; for hyphenated words the last part (``Polsko-Amerykańskiej``); for
    a place's adjective morfeusz lacks, the guessed ones (``Ustkowski``)."""
    part = _last_part(word)
    return tuple(a for a in analyse(part) if a.pos == "adj") or guess_adjective(part)


def head_lemma(word: str, standalone_only: bool = False) -> str | None:
    """The head lemma (``związek``) if ``word`` is a capitalised form of a head noun."""
    if not word[:1].isupper() or "-" in word or (word.isupper() and len(word) > 1):
        return None  # all-caps words are headings ("PROGRAMY PRZYGOTOWAWCZE") or acronyms
    table = heads().polish
    for a in _subst(word):
        lem = a.lemma.lower()
        if lem in table and (not standalone_only or table[lem].standalone):
            if standalone_only and not table[lem].plural_ok and "sg" not in num_gender_case(a)[0]:
                continue  # "między Związkami Władz Lokalnych": a plural common noun, not a name
            if standalone_only and table[lem].sg_form_only and _has_plural_reading(word, lem):
                continue  # "Miasta Polski i Niemiec": the cities of, not a town's name
            return lem
    return None


def _has_plural_reading(word: str, lemma: str) -> bool:
    return any("pl" in num_gender_case(a)[0] for a in _subst(word) if a.lemma.lower() == lemma)


def head_analyses(word: str, lemma: str) -> tuple[Analysis, ...]:
    return tuple(a for a in _subst(word) if a.lemma.lower() == lemma)


def _slots(tag: str) -> list[set[str]]:
    return [set(s.split(".")) for s in tag.split(":")]


def num_gender_case(a: Analysis | Labelled) -> tuple[set[str], set[str], set[str]]:
    s = _slots(a.tag)
    # subst:sg:gen:m3[:ncol], adj:sg:gen:m1.m2.m3.n:pos
    return (s[1] if len(s) > 1 else set(), s[3] if len(s) > 3 else set(), s[2] if len(s) > 2 else set())


def agrees(adj: tuple[Analysis, ...], head: tuple[Analysis, ...], case: bool = True) -> bool:
    """Some adjective reading agrees with some head reading in number, gender (and case)."""
    for x in adj:
        xn, xg, xc = num_gender_case(x)
        for h in head:
            hn, hg, hc = num_gender_case(h)
            if xn & hn and xg & hg and (not case or xc & hc):
                return True
    return False


def is_polish_word(word: str) -> bool:
    """True for Polish common words (``projekt``), False for unknown/foreign words and proper names."""
    return any(a.pos != "ign" and not a.lemma[:1].isupper() for a in analyse(word.lower()))


_FUNCTION_POS = {"prep", "conj", "comp", "qub", "part", "pred", "ppron12", "ppron3", "adv", "interj"}


def is_function_word(word: str) -> bool:
    """A capitalised preposition/conjunction (``W``, ``Oraz``) rather than a name word (``Miast``), nor a place
    that morfeusz also reads as an adverb when lowercased (``Giżycko``: ``Gmina Miejska Giżycko``)."""
    if is_acronym(word):
        return False
    an = analyse(word.lower())
    if not any(a.pos in _FUNCTION_POS for a in an) or any(a.pos in ("subst", "adj", "ger") for a in an):
        return False
    return not (word[:1].isupper() and _geographical(word))


def geographical_readings(word: str) -> tuple[Labelled, ...]:
    """Morfeusz's readings of the word as written that carry the geographical-name label."""
    from pipeline.text.morph import analyse_labelled

    return tuple(a for a in analyse_labelled(word) if "nazwa_geograficzna" in a.names)


def _locative_word(word: str, pos: str, number: set[str], genders: set[str], case: str = "nom") -> str | None:
    """``word``, in ``case`` (``nom``, ``gen``) of ``pos`` agreeing with the place's noun, in the locative (capitalised
    as written)."""
    for a in analyse(word):
        n, g, c = num_gender_case(a)
        if a.pos != pos or case not in c or not (n & number and g & genders):
            continue
        for f in generate(a.lemma):
            fn, fg, fc = num_gender_case(f)
            if f.pos == pos and "loc" in fc and fn & number and fg & genders and (pos != "adj" or f.has("pos")):
                return f.form[:1].upper() + f.form[1:] if word[:1].isupper() else f.form
    return None


def locative_place(words: list[str], case: str = "nom") -> str | None:
    """A place name written in the nominative (or in ``case``: ``gen`` for ``z Janowa Karwickiego``), in the
    locative (``Wola Rogowska`` -> ``Woli Rogowskiej``, ``Miechowice Małe`` -> ``Miechowicach Małych``): the word
    morfeusz reads as a geographical noun fixes number and gender, the others are adjectives agreeing with it. None
    when a word has no such reading."""
    noun = next(
        (
            (w, *num_gender_case(a)[:2])
            for w in words
            for a in geographical_readings(w)
            if a.tag.startswith("subst") and case in num_gender_case(a)[2]
        ),
        None,
    )
    if noun is None:
        return None
    forms = [_locative_word(w, "subst" if w == noun[0] else "adj", noun[1], noun[2], case) for w in words]
    return None if any(f is None for f in forms) else " ".join(f for f in forms if f)


def _geographical_in(word: str, case: str) -> bool:
    """A geographical-name reading of the word in ``case`` (``nom``, ``gen``)."""
    return any(case in num_gender_case(a)[2] for a in geographical_readings(word))


def _geographical(word: str) -> bool:
    """Morfeusz reads the word as written as a geographical name (any case)."""
    return bool(geographical_readings(word))


def genitive_capable(word: str) -> bool:
    return any("gen" in num_gender_case(a)[2] for a in _subst(word))


def is_place_genitive(word: str) -> bool:
    """A place name in the genitive (``Jastrzębia-Zdroju``, ``Gorlic``, ``Zdun``): morfeusz's
    geographical-name label, the last part of a hyphenated name read too."""
    parts = {word, _last_part(word)} if "-" in word else {word}
    return any(_geographical_in(w, "gen") for w in parts)


def is_person_title(word: str) -> bool:
    """A title before a person's name (``Pani``, ``Wójt``; org_stoplist.yaml ``person_titles``): a singular
    form, as a title stands before one person (``Sołtys Jan``); a plural one names the members of a body
    (``Stowarzyszenie Sołtysów Gminy Hrubieszów``)."""
    from pipeline.extract.orgs.vocab import person_titles

    return any(
        a.lemma.lower() in person_titles() and "sg" in num_gender_case(a)[0] for a in analyse(word) if a.pos == "subst"
    )


def is_place_name(word: str) -> bool:
    """A place name in the nominative (``Dąbrowa``, ``Niedrzwica``): morfeusz's geographical-name label."""
    return _geographical_in(word, "nom")


def is_first_name(word: str) -> bool:
    """A capitalised word that can be a first name (morfeusz's ``imię`` label: ``Łukasz``, ``Adama``)."""
    from pipeline.text.morph import analyse_labelled

    return word[:1].isupper() and any("imię" in a.names for a in analyse_labelled(word))


def is_nominative_first_name(word: str) -> bool:
    """A first name that reads as a singular nominative and never as a singular genitive (``Piotr``,
    ``Paweł``, ``Maria``; not ``Jana``, ``Józefa``, ``Anny``): a person named as the subject, not a
    patron in a body's name."""
    from pipeline.text.morph import analyse_labelled

    if not word[:1].isupper():
        return False
    slots = [_slots(a.tag) for a in analyse_labelled(word) if "imię" in a.names and a.tag.count(":") >= 2]
    sg = [s[2] for s in slots if "sg" in s[1]]
    return any("nom" in c for c in sg) and not any("gen" in c for c in sg)
