"""The NER model's ORG spans as mentions: their edges fixed, vetoed only by stated evidence."""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from pipeline.core.datatypes import OrgMention
from pipeline.extract.orgs.morphology import adj_analyses, head_lemma, is_polish_word
from pipeline.extract.orgs.vocab import (
    heads,
    is_generic_name,
    name_words,
    state_acronyms,
    stoplist,
    type_acronyms,
)
from pipeline.ruledata.resources import load_yaml
from pipeline.text.acronyms import caps_acronym, is_acronym, is_roman
from pipeline.text.morph import analyse
from pipeline.text.tokens import CLOSE_QUOTES, OPEN_QUOTES


class ModelVeto(NamedTuple):
    event_heads: frozenset[str]
    phrases: frozenset[str]
    person_heads: frozenset[str]


@cache
def model_veto() -> ModelVeto:
    """The data of :func:`model_org_veto` (``model_org_veto.yaml``)."""
    raw = load_yaml("model_org_veto.yaml")
    return ModelVeto(
        frozenset(str(x).lower() for x in raw["event_heads"]),
        frozenset(" ".join(str(x).split()).lower() for x in raw["phrases"]),
        frozenset(str(x).lower() for x in raw.get("person_heads") or ()),
    )


_PERSON_PLACE = {"imie", "nazw", "geo"}  # SGJP name classes (pipeline.ner.components abbreviations)
_ORG_NAME_CLASSES = {"org", "firma", "nazwa_"}  # SGJP qualifiers of organisation and company names


def person_or_place_name(words: list[str]) -> bool:
    """For morfeusz the span names a person or a place: its words are names (first name, surname, place:
    the most frequent lemma is a proper one, ``Jan Kowalski``, ``Gruzji``, ``Dąbrowy``) or adjectives
    (``Dąbrowy Górniczej``), lowercase connectors aside (``Kazimierz nad Wisłą``); no common noun
    (``Fundacja``, ``Akcja``), no acronym, no word morfeusz does not know (foreign names)."""
    from pipeline.text.morph import morph_features

    has_name = False
    for w in words:
        if w in heads().connectors or w in ("nad", "pod", "przy"):
            continue
        if not w[:1].isupper() or is_acronym(w):
            return False
        lemma, sig = morph_features(w)
        if sig == "ign":
            return False
        classes = set(sig.partition("/")[0].split("+")) - {""}
        if lemma[:1].isupper() and classes & _PERSON_PLACE and not classes & _ORG_NAME_CLASSES:
            has_name = True
        elif not (analyses := analyse(w)) or any(a.pos != "adj" for a in analyses):
            return False
    return has_name


def _overlap(a0: int, a1: int, b0: int, b1: int) -> float:
    """Share of the longer span that the two spans have in common."""
    common = min(a1, b1) - max(a0, b0)
    return max(0, common) / max(a1 - a0, b1 - b0, 1)


def common_noun_only(word: str) -> bool:
    """Morfeusz reads ``word`` first as a common word (``Fundusz``, ``Biblioteka``, ``Unia``), not as the
    name of an organisation or company (``Caritas``, ``Orlen``), and knows it (not a foreign word)."""
    from pipeline.text.morph import morph_features

    if is_acronym(word) or not word[:1].isupper():
        return False
    lemma, sig = morph_features(word)
    names = set(sig.partition("/")[0].split("+")) - {""}
    return sig != "ign" and not lemma[:1].isupper() and not names & _ORG_NAME_CLASSES


def _span_head(words: list[str]) -> str | None:
    """Lemma of the span's head: the first of its first three words that is not only an adjective
    (``Polsko-Niemiecka Konferencja`` -> konferencja; ``II Konferencja`` -> konferencja)."""
    for w in words[:3]:
        if is_roman(w) or w.rstrip(".").isdigit():
            continue
        nouns = [a for a in analyse(w) if a.pos in ("subst", "depr", "ger")]
        if nouns:
            return nouns[0].lemma.lower()
        if not adj_analyses(w):
            return None
    return None


def model_org_veto(text: str, char_start: int, char_end: int, entities=()) -> str | None:
    """Why a model ORG span ``text[char_start:char_end]`` is not an organisation, or None (it is one).

    Model spans are taken unless the evidence says otherwise:

    * no word: the span does not start with a letter or digit;
    * stoplist: an acronym of ``org_stoplist.yaml`` (``JST``), or a span opening with one (``PDF &
      Email``), a phrase of ``model_org_veto.yaml``;
    * an acronym in parentheses right after a name: it defines that name, it is not a second body;
    * a person or place reading: ``entities`` hold a PER or LOC entity on (nearly) the same characters
      (the model's beam reads the span so too, :func:`pipeline.nlp.annotate.find_entities`), or morfeusz knows
      every word only as a first name, surname or place name;
    * a common noun alone: one word that morfeusz knows only as a common noun (``Fundusz``,
      ``Biblioteka``): a reference to a body named elsewhere, not a name;
    * a person's office or a body's members first (``person_heads`` of ``model_org_veto.yaml``:
      ``Członek Zarządu``, ``Wiceprzewodniczący Rady``);
    * an event, activity or document head noun (``model_org_veto.yaml``: ``Konferencja Miast ...``), or
      such a noun right before the span names it (``projekt „Jasielska Strefa Usług Publicznych”``);

    * a number first (``4 Grupy Wymiany Doświadczeń``), an all-caps heading (a Polish word in capitals,
      as the rules read it), an enumeration (``Marneuli, Bolnisi i Dmanisi``), a kind of body without
      its name (``LGD``, ``Koło Gospodyń Wiejskich``: ``generic_names`` of ``org_stoplist.yaml``);
    * a place by its position: after a locative preposition with no organisation head noun in the span
      (``w Brzezince i Ostrówku``), or one bracketed word right after a name (``... Comunitate (Sybin)``,
      the body's seat).

    A span in the record's title is no veto: the grantee a record is titled by is a body (``LKS PLON
    Kawęczyn``); the acceptor weighs the title position (``in_title``, ``opens_title``) with the rest."""
    span = _ModelSpan(text, char_start, char_end, text[char_start:char_end].split(), entities)
    for check in _FORM_CHECKS:
        if (reason := check(span)) is not None:
            return reason
    if all(is_acronym(w) for w in span.words):
        return _acronym_veto(span)
    for check in _READING_CHECKS:
        if (reason := check(span)) is not None:
            return reason
    return None


class _ModelSpan(NamedTuple):
    """A model ORG span ``text[start:end]`` with its words and the evidence around it."""

    text: str
    start: int
    end: int
    words: list[str]
    entities: tuple | list

    @property
    def surface(self) -> str:
        return self.text[self.start : self.end]

    def char_before(self) -> str:
        return self.text[self.start - 1 : self.start]


def _no_word(sp: _ModelSpan) -> str | None:
    if not sp.words or not sp.words[0][:1].isalpha():
        return "no word"  # punctuation, or a number ("4 Grupy Wymiany"): a count, not a name
    return None


def _stop_phrase(sp: _ModelSpan) -> str | None:
    return "stoplist" if " ".join(sp.words).lower() in model_veto().phrases else None


def _kind_alone(sp: _ModelSpan) -> str | None:
    if len(sp.words) == 1 and sp.words[0] in type_acronyms():
        return "a kind of body without its name"  # "LGD", "OSP": a common noun, as for the rules
    return None


def _acronym_veto(sp: _ModelSpan) -> str | None:
    """A span of acronyms only: vetoed by the stoplist or as the definition of the name before it."""
    stop = stoplist().stop
    if sp.surface in stop or any(w in stop for w in sp.words) or any(is_roman(w) for w in sp.words):
        return "stoplist"
    if sp.char_before() == "(":
        return "acronym defining the name before it"
    return None


def _enumeration(sp: _ModelSpan) -> str | None:
    if re.search(r"\w,\s", sp.surface):
        return "an enumeration"  # "Marneuli, Bolnisi i Dmanisi": several names, not one
    return None


def _stop_first_word(sp: _ModelSpan) -> str | None:
    if sp.words[0] in stoplist().stop and sp.words[0] not in state_acronyms():
        return "stoplist"  # "PDF & Email", "JST Podkarpacia"
    return None


def _model_person_or_place(sp: _ModelSpan) -> str | None:
    for e in sp.entities:
        if e.label in ("PER", "LOC") and _overlap(e.char_start, e.char_end, sp.start, sp.end) >= 0.8:
            return "person or place reading (model)"
    return None


def _morfeusz_person_or_place(sp: _ModelSpan) -> str | None:
    return "person or place name (morfeusz)" if person_or_place_name(sp.words) else None


def _place_after_locative(sp: _ModelSpan) -> str | None:
    if _after_locative(sp.text, sp.start) and not any(head_lemma(w) or heads().foreign(w) for w in sp.words):
        return "a place after a locative preposition"  # "w Brzezince i Ostrówku", "w Sybinie"
    return None


def _bracketed_seat(sp: _ModelSpan) -> str | None:
    text = sp.text
    if (
        len(sp.words) == 1
        and sp.char_before() == "("
        and text[sp.end : sp.end + 1] == ")"
        and re.search(r"\w\s*$", text[max(0, sp.start - 3) : sp.start - 1])
    ):
        return "a bracketed word after a name (its seat)"  # "Asociația Tineri pentru Comunitate (Sybin)"
    return None


def _all_caps_heading(sp: _ModelSpan) -> str | None:
    if len(sp.words) > 1 and any(len(w) >= 4 and w.isupper() and is_polish_word(w) for w in sp.words):
        return "an all-caps heading"  # "USŁUGI GEODEZYJNE I KARTOGRAFICZNE": the rules skip these too
    return None


def _common_noun_alone(sp: _ModelSpan) -> str | None:
    if len(sp.words) == 1 and common_noun_only(sp.words[0]):
        return "a common noun alone"  # "Fundusz", "Biblioteka": a reference to a body named elsewhere
    return None


def _event_head(sp: _ModelSpan) -> str | None:
    head = _span_head(sp.words)
    if head is not None and head in model_veto().event_heads:
        return "event or activity head"
    return None


def _person_head(sp: _ModelSpan) -> str | None:
    lemmas = {a.lemma.lower() for a in analyse(sp.words[0]) if a.pos in ("subst", "depr")}
    if lemmas & model_veto().person_heads:
        return "a person's office or a body's members"  # "Członek Zarządu", "Wiceprzewodniczący Rady"
    return None


def _named_event(sp: _ModelSpan) -> str | None:
    return "the name of a project or event" if _named_event_before(sp.text, sp.start) else None


# The checks in order: the span's form first, then (for a span that is not all acronyms) its readings.
def _generic_alone(sp: _ModelSpan) -> str | None:
    return "a kind of body without its name" if is_generic_name(sp.surface) else None


_FORM_CHECKS = (_no_word, _stop_phrase, _kind_alone, _generic_alone)
_READING_CHECKS = (
    _enumeration,
    _stop_first_word,
    _model_person_or_place,
    _morfeusz_person_or_place,
    _place_after_locative,
    _bracketed_seat,
    _all_caps_heading,
    _common_noun_alone,
    _event_head,
    _person_head,
    _named_event,
)


_LOCATIVE = re.compile(r"(?<![^\W\d_])(?:[wW]e?|[nN]a|[nN]ad|[pP]od|[pP]rzy)\s+$")


def _after_locative(text: str, char_start: int) -> bool:
    """``w``, ``na``, ``nad``, ``pod``, ``przy`` right before the span: it names where, not who."""
    return _LOCATIVE.search(text, max(0, char_start - 6), char_start) is not None


_NAMED_AFTER = re.compile(r"([^\W\d_]+)\s+(?:(?:(?:pt|pn)\.\s*|pod\s+(?:nazwą|tytułem)\s+)[„\"“«»]?|[„\"“«»])\s*$")


def _named_event_before(text: str, char_start: int) -> bool:
    """The span is the name given to a project or an event just before it (``projekt „Jasielska Strefa
    Usług Publicznych”``, ``konkursu pt. Moja Gmina``): its word's lemma is an event head and a quote or
    ``pt.`` / ``pn.`` / ``pod nazwą`` introduces the name (``projektu Fundacja X`` may be the subject)."""
    m = _NAMED_AFTER.search(text, max(0, char_start - 40), char_start)
    if m is None or m.end() != char_start:
        return False
    lemmas = {a.lemma.lower() for a in analyse(m.group(1)) if a.pos in ("subst", "ger")}
    return bool(lemmas & model_veto().event_heads)


_TRIM_END = ",;:-–—/&®™©*"
_DASH_FIGURE = re.compile(r"(?<![\d\s])\s+[-–—]\s*\d[\d\s.,]*$")  # not a period: "2007 - 2013"
_LINK_WORD = re.compile(r"[ \t]+((?:Św\.|św\.|bł\.|Bł\.|[^\W\d_][^\W_]*(?:-[^\W\d_][^\W_]*)*))")


def trim_model_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Fix a model span's edges: an unpaired quote at either end is dropped (``Kraina Dinozaurów”``),
    so are trailing punctuation and whitespace, and a spaced dash with a figure after the name (``OSP w
    Zadrożu - 7``: the amount of a grant list's row); a span ending in ``im.`` or ``pw.`` is carried over
    the capitalised name words after it (``Parafia Prawosławna pw. Świętej Trójcy``), and so is one ending in ``w``/
    ``przy`` (the seat or parent body: ``Centrum GovTech w Kancelarii Prezesa Rady Ministrów``); a preposition or a
    conjunction left at the end is dropped (``Wojewoda i``)."""
    while start < end:
        span = text[start:end]
        if span[-1].isspace() or span[-1] in _TRIM_END:
            end -= 1
        elif span[0].isspace():
            start += 1
        elif span[-1] in CLOSE_QUOTES and not any(c in OPEN_QUOTES for c in span[:-1]):
            end -= 1
        elif span[0] in OPEN_QUOTES and not any(c in CLOSE_QUOTES for c in span[1:]):
            start += 1
        else:
            break
    if (figure := _DASH_FIGURE.search(text, start, end)) is not None and figure.end() == end:
        end = figure.start()  # "OSP w Zadrożu - 7": a name never ends in a dash and a figure (a grant list's amount)
    links = name_words()
    words = text[start:end].split()
    if words and (words[-1] in links.span_name_links or words[-1] in links.span_seat_links):
        n = 0
        while n < 4 and (m := _LINK_WORD.match(text, end)) and m.group(1)[:1].isupper():
            end, n = m.end(), n + 1
    while (words := text[start:end].split()) and len(words) > 1 and words[-1] in links.span_no_end_words:
        end = text.rindex(words[-1], start, end)
        end = start + len(text[start:end].rstrip())
    return start, end


_FORM_VETOES = ("stoplist", "no word", "acronym defining the name before it")


def model_mention(text: str, e, entities=()) -> OrgMention | None:
    """A model (or domain-list ruler) ORG entity as a mention, its edges fixed (:func:`trim_model_span`),
    unless :func:`model_org_veto` vetoes it (a domain-list span only by the stoplist); the beam's
    probability stays on it as ``confidence``."""
    start, end = (
        (e.char_start, e.char_end) if e.source == "gazetteer" else trim_model_span(text, e.char_start, e.char_end)
    )
    if start >= end:
        return None
    reason = model_org_veto(text, start, end, entities)
    if reason is not None and (e.source != "gazetteer" or reason in _FORM_VETOES):
        return None  # the domain list is curated: only what the span's form says overrides it
    surface = text[start:end]
    words = surface.split()
    # several words in capitals are a name in capitals (``GMINA GDÓW``) unless every word reads as an acronym
    acronym = all(is_acronym(w) for w in words) and (len(words) == 1 or all(caps_acronym(w) for w in words))
    source = e.source if e.source in ("gazetteer", "tagger") else "model"
    return OrgMention(surface, start, end, source, is_acronym=acronym, confidence=getattr(e, "confidence", None))
