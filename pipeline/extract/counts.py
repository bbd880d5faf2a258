"""Counts: cardinal quantities of people, organisations, places, events, items.

A pure rule-based extractor over the raw text (not spaCy tokens: spaCy's
Polish tokenizer glues numbers to words, ``000zł``). It returns
:class:`pipeline.core.datatypes.Count` values whose offsets are absolute in
``text``, so ``text[c.char_start:c.char_end] == c.raw_text``.

How a count is found
--------------------
1. The text is cut into tokens by one regular expression: URLs and e-mails
   (whose digits are never read), ``2-dniowych``-style number-word compounds,
   digit numbers (``845 000`` with space grouping, ``3,25``, ``2.2``), words
   (``polsko-niemieckie`` kept whole) and single punctuation marks.
2. A number expression is read: digits with an optional multiplier (``3 tys.``,
   ``1,5 mln``), or a run of number words read through morfeusz2 lemmas by
   :mod:`pipeline.extract.numerals` (``trzydziestu pięciu`` -> 35,
   ``kilkanaście`` -> 11..19).
3. The counted noun is looked for right after it, skipping up to three
   agreeing adjectives or ``2-dniowych`` compounds (``Pięć finałowych
   utworów``, ``dwu 2-dniowych warsztatów``). The noun must agree with the
   number as Polish grammar requires: after 1 a singular; after 2-4 (22, 752 ...)
   a plural in any case (``2 osoby``, ``2 przedstawicieli``, ``304 miasta``);
   after 5+ and after vague numerals or multipliers a plural genitive, dative,
   instrumental or locative (``41 pytań``, ``w trzech seminariach``). This
   check alone throws out most non-counts: ``2009 Współpraca``, ``3 miejsce``.
   The vocabulary is open: any noun morfeusz2 knows counts (``1 250
   gospodarstw``, ``14 oczyszczalni``, ``320 wsiach``, ``33 organizacje``);
   ``pipeline/data/counts.yaml`` only lists what is NOT a count and a few
   preferences. A gerund counts only where the form has no noun reading
   (``15 nasadzeń`` -> ``nasadzenie``, named by its noun form); abbreviations
   with a dot are mapped by the YAML (``3 tys. egz.`` -> ``egzemplarz``); a
   lowercase word morfeusz2 does not know is read by a masculine plural ending
   the number governs (``12 webinarów`` -> ``webinar``); an acronym morfeusz2
   knows is its own unit (``15 OSP`` -> ``osp``, not ``ospa``). Fixed phrases
   "of a kind" are skipped between number and noun (``20 tego typu
   inicjatyw``).
   No noun right after: the noun may be elided and is restored from context
   (see Ellipsis below), else no count.
4. The unit is the noun's lemma, lowercased. Among several analyses a common
   noun beats a proper name (``Grupy`` -> ``grupa``, not ``Grupa``), a usual
   word beats one morfeusz2 labels obsolete or rare (``gminy`` -> ``gmina``,
   not ``gmin``), a normal noun beats a plurale tantum (``warsztatów`` ->
   ``warsztat``, not ``warsztaty``), then the lemma the form belongs to in
   more ways wins (``rady`` -> ``rada``, not ``rad``; ``tony`` -> ``tona``);
   a gerund is never taken where a noun reading fits (``spotkań`` ->
   ``spotkanie``); a hyphenated noun is read whole first (``e-usług`` ->
   ``e-usługa``); a word that is mainly a preposition or conjunction is no
   noun (``2013 do kwietnia``: ``do`` is also the musical note).
5. Qualifier words in front (``ponad``, ``blisko``, ``ok`` ...), range frames
   (``od 10 do 20``, ``10-20``) and vague numerals set value / bounds /
   qualifier; all word lists are in ``pipeline/data/counts.yaml``.

Decisions (see also the comments in the two YAML files)
-------------------------------------------------------
* Bounds: exact ``N`` -> value N, min N, max N. ``ponad N`` / ``powyżej`` /
  ``przeszło`` -> at_least, min N+1 (strict); ``co najmniej N`` -> min N.
  ``około`` / ``ok.`` / ``ok`` / ``blisko`` / ``prawie`` / ``niemal`` -> approx,
  no bounds (``blisko`` is used for a little below or above; ``prawie`` and
  ``niemal`` follow tests/gold/CONVENTIONS.md). ``mniej niż`` / ``poniżej`` ->
  at_most, max N-1; ``maksymalnie`` / ``nie więcej niż`` -> max N. Ranges
  (explicit or vague) have value null: there is no single stated number.
* Bare ``do N`` is exact, not at_most: in this genre it is mostly the
  preposition (``rozesłały do 2809 jednostek``); at_most needs ``maksymalnie``,
  ``nawet do``, ``najwyżej``, ``nie więcej niż`` ...
* Vague numerals: kilka 3..9, parę 2..9, kilkanaście 11..19, kilkadziesiąt
  20..99, kilkaset 200..999; ``kilka tysięcy`` 3000..9000; ``pół tysiąca``
  500 and ``półtora tysiąca`` 1500 (exact). ``szereg``,
  ``wiele``, ``setki``, ``tysiące`` are skipped (no bounds).
* ``jeden`` (any form) and ``oba`` are never counts: ``jeden z priorytetów``,
  ``jedno z najważniejszych``, ``po jednej osobie``. The digit ``1`` is (``1
  osoba``).
* Ordinals are never counts: ordinal words are adjectives in morfeusz2
  (``Drugi panel``); Roman numerals are not read at all (``VII Konferencja``,
  ``LOGON II``); ``10-lecia`` / ``10-tej`` / ``4-letni`` compounds and
  ``1.`` (digits with a dot glued on) are skipped, but for a number that ends a
  sentence right after a verb (``wybrano 11.``, see Ellipsis). Compounds that do
  count: digits with a cardinal's case ending (``30-u obiektach``, ``12-stu
  organizacjom``) and a group by its size in persons before a group noun
  (``15-osobowa grupa``, ``11 osobową grupę`` -> 15, 11 osoba; ``9-osobowy
  samochód`` is no count).
* Distributive ``po 2 przedstawicieli`` (two per city) is a count (2,
  przedstawiciel) as tests/gold/CONVENTIONS.md decides; ``po`` is kept in the
  evidence so that a reader sees it is a per-item number.
* Coordinated heads: ``60 miast i gmin`` -> unit ``miasto`` (the first head),
  evidence ``60 miast i gmin``.
* Partitive ``Cztery z sześciu spotkań`` gives two counts, 4 spotkanie
  (evidence: the whole phrase) and 6 spotkanie.
* Ellipsis: a number with no noun right after ``z czego`` / ``z których`` /
  ``w tym`` takes the unit of the previous count in the same sentence
  (``ponad 600 jednostek ..., z czego 203 brały udział`` -> 203 jednostka;
  evidence ``z czego 203``). Also restored, conservatively: agreeing
  adjectives with no noun after them, when they agree in gender with the
  noun of the previous count of the sentence (``40 projektów, nagrodzono 12
  najlepszych`` -> 12 projekt; a lone ``Nagrodzono 12 najlepszych.`` is no
  count); a breakdown smaller than the previous count (``ponad 497
  podmiotów`` / ``408 z Polski``); a label (``Liczba złożonych wniosków:
  116``, a line ``Uczestnicy: 30``); a plural noun right before a number in
  parentheses (``organizacje pozarządowe (33)``); a number closing its clause
  right after a verb, smaller than the previous count of the sentence (``Z 18
  ofert wybrano 11.`` -> 11 oferta), or followed by a verb with no noun
  (``160 wniosków – 112 zostanie dofinansowanych`` -> 112 wniosek); a noun fronted in the plural genitive
  with the number closing the clause (``Wniosków wpłynęło 49.``); a label
  linked by a verb or a dash (``Liczba uczestników wyniosła 120``); a
  statistics tile, the figure alone on its line and its noun on the next short
  line after a blank one (``176`` / ``nagrodzonych projektów``). The pronoun
  markers (``Z tego``, ``Z nich``) may open the next sentence.
* Acronyms as units are lowercased like any lemma (``45 JST`` -> ``jst``): the
  contract says the unit is lowercase, and the spelling stays in raw_text.
* Not counts: years (1900-2100 after ``w`` / ``od`` / ``roku`` ..., or followed
  by ``r.``/``roku`` or by a capitalised word: ``Podprogramie 2018 PKPS``,
  ``Tenis stołowy 2023 Michałowice``), dates (month
  nouns), money (a currency after the number or multiplier: ``3,25 mln zł``,
  ``260 tys. USD``, ``845 000zł``; a money noun after a million: ``Jedenaście milionów dotacji``), durations (``12
  miesięcy``, ``2 lata``, ``10 lat po``, ``30 min``; but ``420 godzin
  lekcyjnych`` counts lessons), percentages (``50%``, ``50 procent``:
  ratios), measures, areas and sizes (``5 km``, ``10 kg``, ``5 ha``, ``250
  m2``, ``250 KB``), scores (``15 pkt``, ``45 punktów``; ``3 punkty
  konsultacyjne`` are places), frequencies (``3 razy``), identifiers
  (``Działania 2.2``, ``zadanie 1``, ``COP 14``, ``B-3``, ``NIP: 123``, numbers
  glued to letters, hyphen chains such as ``2008-9`` or phone numbers, numbers
  with a leading zero or of ten digits or more, postal codes ``32-400
  Myślenice``; grade numbers ``klas 1-3``; a number coordinated with an
  identifier, ``klasy 7 i 8``, ``zadania 1 oraz 2``), house numbers (``ul. Długa 15``), numbers inside URLs.
* Evidence spans the qualifier or range frame, the number and the counted
  noun, nothing after it: ``ponad 600 jednostek``, ``120 samorządowców``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

from pipeline.core.datatypes import Count
from pipeline.extract import numerals
from pipeline.extract.axes import axis_above, row_figures
from pipeline.ruledata.common import common
from pipeline.ruledata.resources import load_yaml
from pipeline.text import morph
from pipeline.text.acronyms import is_acronym, is_roman
from pipeline.text.morph import Analysis, analyse

_LETTER = r"[^\W\d_]"
_DASHES = "-‐‑–—"
_DASH_CLASS = r"\-‐‑–—"  # for use inside [...]
_TOKEN_RE = re.compile(
    rf"""
    (?P<url>(?:https?://|www\.)[^\s<>"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
  | (?P<numadj>\d+[{_DASH_CLASS}]{_LETTER}+(?:[{_DASH_CLASS}]{_LETTER}+)*)
  | (?P<num>\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}})+(?![\d.,]\d)|\d+(?:[.,]\d+)*)
  | (?P<word>{_LETTER}+(?:['’{_DASH_CLASS}]{_LETTER}+)*)
  | (?P<punct>\S)
    """,
    re.VERBOSE,
)
_THOUSANDS_DOT = re.compile(r"\d{1,3}(?:\.\d{3})+")
# What may stand right before a word that opens a sentence (the text's start, a line break, an end mark, an opening
# quote or bracket, a bullet, a dash; a figure, where a page lost its line break).
_OPENS_SENTENCE = re.compile(r"(?:^|[\d\n.!?:;…„\"“(•*]|[-–—]\s)\s*$")
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-ZĄĆĘŁŃÓŚŹŻ]|\n\s*\n")
# the label part of a line before `: N`: after the line start and a list marker, or after the
# last sentence end (`... 2023 rok. Liczba beneficjentów: `), an opening parenthesis or a spaced dash
# (`I nabór – Liczba złożonych wniosków: 20 – na kwotę`, `(liczba złożonych ofert: 69)`)
_LABEL_RE = re.compile(
    rf"(?:(?P<after>.*(?:[.;!?|•(]|[ \t][–—-]))[ \t]*|^[ \t]*(?P<marker>[-–•*]|\d{{1,2}}[.)])?)[ \t]*"
    rf"(?P<label>{_LETTER}[^:.;!?|•]{{0,160}}):[ \t]*$"
)
# a table row flattened to one line: a label of words (a list marker before it), then figures only
_ROW_RE = re.compile(rf"[ \t]*(?:[-–•*][ \t]*)?(?P<label>{_LETTER}+(?:[ \t]+{_LETTER}+)*)[ \t]+")
_FIGURES_RE = re.compile(r"\d+(?:[ \t\u00a0]+\d+)*[ \t]*")
_ALL_CASES = ("nom", "gen", "dat", "acc", "inst", "loc", "voc")
_OBLIQUE = ("gen", "dat", "inst", "loc")
_NOUN_POS = ("subst",)
_FUNCTION_POS = frozenset({"prep", "conj", "comp", "part"})
_ADJ_POS = ("adj", "ppas", "pact")
_MAX_MODIFIERS = 3


@dataclass(frozen=True)
class _Tok:
    kind: str  # url | numadj | num | word | punct
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class _Expr:
    """A number expression over tokens [i, j)."""

    lo: int
    hi: int
    j: int  # first token after the expression
    digits: bool
    scaled: bool  # a multiplier was read (`3 tys.`, `dwa tysiące`)

    @property
    def vague(self) -> bool:
        return self.lo != self.hi


@dataclass(frozen=True)
class _Rules:
    qualifiers: dict[str, tuple[str, bool]]
    qualifier_re: re.Pattern
    range_frames: tuple[tuple[str, str], ...]
    distributive_re: re.Pattern
    coordinators: frozenset[str]
    ellipsis_re: re.Pattern
    partitive: frozenset[str]
    excluded_units: frozenset[str]
    identifier_words: frozenset[str]
    year_context: frozenset[str]
    year_min: int
    year_max: int
    abbreviations: dict[str, str]
    piece_units: frozenset[str]
    dispreferred: frozenset[str]
    score_units: frozenset[str]
    score_adjectives: frozenset[str]
    counted_durations: dict[str, frozenset[str]]
    money_nouns: frozenset[str]
    money_min_scale: int
    address_markers: frozenset[str]
    label_words: frozenset[str]
    breakdown: frozenset[str]
    clause_verbs: frozenset[str]
    unknown_noun_endings: dict[str, tuple[str, str]]
    unknown_adjective_endings: dict[str, frozenset[str]]
    interposed: tuple[tuple[str, ...], ...]
    label_link_re: re.Pattern
    bare_label_re: re.Pattern
    anaphoric_markers: frozenset[str]
    partitive_pronouns: frozenset[str]
    partitive_determiners: frozenset[str]
    cardinal_endings: frozenset[str]
    person_group_stem: str
    person_group_nouns: frozenset[str]


def _phrase_re(phrases) -> str:
    parts = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in parts)


@cache
def _rules() -> _Rules:
    d = load_yaml("counts.yaml")
    quals = {str(k).lower(): (v["qualifier"], bool(v.get("strict", False))) for k, v in d["qualifiers"].items()}
    excluded = {str(w).lower() for group in d["exclude_units"].values() for w in group}
    return _Rules(
        qualifiers=quals,
        qualifier_re=re.compile(rf"(?<!{_LETTER})(?P<q>{_phrase_re(quals)})\s*$", re.IGNORECASE),
        range_frames=tuple((str(a).lower(), str(b).lower()) for a, b in d["range_frames"]),
        distributive_re=re.compile(rf"(?<!{_LETTER})(?:{_phrase_re(d['distributive'])})\s+$", re.IGNORECASE),
        coordinators=frozenset(str(w).lower() for w in d["coordinators"]),
        ellipsis_re=re.compile(rf"(?<!{_LETTER})(?P<m>{_phrase_re(d['ellipsis_markers'])})\s+$", re.IGNORECASE),
        partitive=frozenset(str(w).lower() for w in d["partitive_prepositions"]),
        excluded_units=frozenset(excluded),
        identifier_words=frozenset(str(w).lower() for w in d["identifier_words"]),
        year_context=frozenset(str(w).lower() for w in d["year_context_words"]),
        year_min=common().written_years.min,
        year_max=common().written_years.max,
        abbreviations={str(k).lower(): str(v).lower() for k, v in d["unit_abbreviations"].items()},
        piece_units=_lower_set(d["piece_units"]),
        dispreferred=_lower_set(d["dispreferred_lemmas"]),
        score_units=_lower_set(d["score_units"]),
        score_adjectives=_lower_set(d["score_adjectives"]),
        counted_durations={str(k).lower(): _lower_set(v) for k, v in d["counted_durations"].items()},
        money_nouns=_lower_set(d["money_nouns"]),
        money_min_scale=int(d["money_min_scale"]),
        address_markers=_lower_set(d["address_markers"]),
        label_words=_lower_set(d["label_words"]),
        breakdown=_lower_set(d["breakdown_prepositions"]),
        clause_verbs=_lower_set(d["elided_after_verb_tags"]),
        label_link_re=re.compile(
            rf"(?<!{_LETTER})(?P<label>(?:{_phrase_re(d['label_words'])})\s[^.;:!?\n]{{1,100}}?)\s*"
            rf"(?:[{_DASH_CLASS}=]|(?<!{_LETTER})(?:{_phrase_re(d['label_links'])}))\s*$",
            re.IGNORECASE,
        ),
        bare_label_re=re.compile(
            rf"(?<!{_LETTER})(?P<label>(?:{_phrase_re(d['label_words'])})(?:[ \t]+{_LETTER}+){{1,5}})"
            rf"(?P<gap>[ \t]*(?:\n[ \t]*){{0,3}})$",
            re.IGNORECASE,
        ),
        anaphoric_markers=_lower_set(d["anaphoric_ellipsis_markers"]),
        partitive_pronouns=_lower_set(d["partitive_pronouns"]),
        partitive_determiners=_lower_set(d["partitive_determiners"]),
        cardinal_endings=_lower_set(d["cardinal_endings"]),
        person_group_stem=str(d["person_group_stem"]).lower(),
        person_group_nouns=_lower_set(d["person_group_nouns"]),
        interposed=tuple(tuple(str(p).lower().split()) for p in d["interposed_phrases"]),
        unknown_noun_endings={
            str(k): (str(v["case"]), str(v.get("lemma_ending", ""))) for k, v in d["unknown_noun_endings"].items()
        },
        unknown_adjective_endings={str(k): frozenset(map(str, v)) for k, v in d["unknown_adjective_endings"].items()},
    )


def _lower_set(words) -> frozenset[str]:
    return frozenset(str(w).lower() for w in words)


def _tokenize(text: str, start: int, end: int) -> list[_Tok]:
    return [_Tok(m.lastgroup or "punct", m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text, start, end)]


def _last_part(word: str) -> str:
    """A hyphenated word is read by its last part (`polsko-niemieckie` -> `niemieckie`)."""
    for d in _DASHES:
        if d in word:
            word = word.rsplit(d, 1)[1]
    return word


def _word_analyses(word: str) -> tuple[Analysis, ...]:
    return analyse(_last_part(word))


def _agreement(expr_lo: int, expr_hi: int, vague: bool, scaled: bool) -> tuple[str, tuple[str, ...]]:
    """(grammatical number, allowed cases) of the noun counted by this number."""
    if vague or scaled:
        return "pl", _OBLIQUE
    n = expr_hi
    if n == 1:
        return "sg", _ALL_CASES
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return "pl", _ALL_CASES
    return "pl", _OBLIQUE


def _fits(a: Analysis, number: str, cases: tuple[str, ...]) -> bool:
    return a.has(number) and any(a.has(c) for c in cases)


def _is_acronym(word: str) -> bool:
    """An all-caps acronym of at most eight letters (``JST``, ``NIP``), Roman numerals aside."""
    return len(word) <= 8 and word.isupper() and is_acronym(word) and not is_roman(word)


@lru_cache(maxsize=65536)
def _labels(word: str) -> dict[tuple[str, str], tuple[bool, bool]]:
    """(lemma, tag) -> (common noun, marked rare/obsolete) from morfeusz2's name and style labels:
    ``gminy`` is both ``gmina`` and the obsolete ``gmin`` ("common people", labelled
    ``przest.``); ``Grupy`` is also a surname."""
    out: dict[tuple[str, str], tuple[bool, bool]] = {}
    for a in morph.analyse_labelled(word):
        common = not a.names or "nazwa_pospolita" in a.names
        out[(a.lemma, a.tag)] = (common, _rare(a.quals))
    return out


_RARE_LABELS = frozenset({"przest", "daw", "rzad", "arch", "gw", "reg", "środ", "książk"})


def _rare(quals: tuple[str, ...]) -> bool:
    """A style label marks the reading rare or obsolete (labels may come joined: ``daw.,hom.``)."""
    return any(part.strip().rstrip(".") in _RARE_LABELS for q in quals for part in q.split(","))


def _subst_lemma(base: str, number: str, cases: tuple[str, ...]) -> str | None:
    cands = [(k, a) for k, a in enumerate(analyse(base)) if a.pos in _NOUN_POS and _fits(a, number, cases)]
    if not cands:
        return None
    labels = _labels(base)
    support = Counter(a.lemma for a in analyse(base) if a.pos in _NOUN_POS)
    dispreferred = _rules().dispreferred

    def rank(ka: tuple[int, Analysis]) -> tuple:
        k, a = ka
        common, rare = labels.get((a.lemma, a.tag), (True, False))
        # common noun > proper name; usual > obsolete/rare (also by counts.yaml);
        # normal > plurale tantum; then the lemma this form belongs to in more ways:
        # `rady` is gen sg and nom pl of `rada` but only nom pl of `rad`
        return (
            a.lemma[:1].isupper() or not common,
            rare or a.lemma.lower() in dispreferred,
            a.has("pt"),
            -support[a.lemma],
            k,
        )

    return min(cands, key=rank)[1].lemma.lower()


def _gerund_lemma(base: str, number: str, cases: tuple[str, ...]) -> str | None:
    """A gerund with no noun reading (``nasadzeń``, ``polubień``) is named by its noun form."""
    for a in analyse(base):
        if a.pos == "ger" and a.has("aff") and _fits(a, number, cases):
            noun = morph.gerund_noun(a.lemma)
            if noun:
                return noun.lower()
    return None


def _function_word(word: str) -> bool:
    """A usual preposition, conjunction or particle whose noun readings are all labelled
    special (``do``: the note, ``muz.``; ``jak``: the yak, ``zool.``) is not a noun here;
    ``miast`` (``daw.`` conjunction) stays the genitive of ``miasto``."""
    labelled = morph.analyse_labelled(word)
    usual_function = any(a.tag.split(":", 1)[0] in _FUNCTION_POS and not _rare(a.quals) for a in labelled)
    return usual_function and all(a.quals for a in labelled if a.tag.startswith("subst"))


@lru_cache(maxsize=65536)
def _noun_lemma(word: str, number: str, cases: tuple[str, ...]) -> str | None:
    """Lemma (lowercase) of ``word`` read as the noun counted by a number, or None.

    Any noun morfeusz2 knows (open vocabulary); a hyphenated word is read whole first
    (``e-usług`` -> ``e-usługa``), then by its last part. A word that also is a
    preposition, conjunction or particle is not taken (``2013 do kwietnia``: ``do`` is
    also the note, see :func:`_function_word`). A gerund counts only where no noun reading fits.
    """
    if len(word) < 2:
        return None
    if _is_acronym(word):  # `45 JST`; an all-caps noun (`120 OSÓB`) still by its lemma
        if any(a.lemma == word for a in analyse(word)):
            return word.lower()  # `15 OSP`: the acronym morfeusz2 knows, not `ospa` (pl gen `osp`)
        return _subst_lemma(word, number, cases) or word.lower()
    if _function_word(word):
        return None
    bases = (word,) if _last_part(word) == word else (word, _last_part(word))
    for find in (_subst_lemma, _gerund_lemma):
        for base in bases:
            lemma = find(base, number, cases)
            if lemma is not None:
                return lemma
    return _unknown_noun_lemma(word, number, cases)


def _unknown_noun_lemma(word: str, number: str, cases: tuple[str, ...]) -> str | None:
    """A lowercase word morfeusz2 does not know, with a plural ending of a masculine noun the number
    governs: a loanword (``12 webinarów``, ``5 startupów``, ``3 workshopów`` -> ``webinar`` ...); the
    endings and their lemma endings are in counts.yaml ``unknown_noun_endings``."""
    if not _unknown_plural(word, number):
        return None
    for ending, (case, lemma_ending) in _rules().unknown_noun_endings.items():
        if case in cases and word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: len(word) - len(ending)] + lemma_ending
    return None


def _unknown_plural(word: str, number: str) -> bool:
    """A lowercase word morfeusz2 does not know, after a number that governs the plural: its ending is all there is
    to read (:func:`_unknown_noun_lemma`, :func:`_unknown_adjective`)."""
    return number == "pl" and word.isalpha() and word.islower() and not morph.is_known(word)


def _is_modifier(word: str, number: str, cases: tuple[str, ...]) -> bool:
    return any(a.pos in _ADJ_POS and _fits(a, number, cases) for a in _word_analyses(word)) or _unknown_adjective(
        word, number, cases
    )


def _unknown_adjective(word: str, number: str, cases: tuple[str, ...]) -> bool:
    """A lowercase word morfeusz2 does not know with a plural adjective ending the number governs (``3
    zeroemisyjnych autobusów``); the endings are in counts.yaml ``unknown_adjective_endings``."""
    return _unknown_plural(word, number) and any(
        word.endswith(ending) and len(word) - len(ending) >= 4 and not set(cases).isdisjoint(fits)
        for ending, fits in _rules().unknown_adjective_endings.items()
    )


def _label_noun(words: list[re.Match[str]], n: int) -> tuple[int, str | None] | None:
    """The first word after the label word ``words[n]`` (``Liczba``) past its modifiers and adverbs (``Liczba
    pozytywnie zrealizowanych wniosków``): its index and its lemma read as the counted noun, in the genitive
    plural or the singular as written (``liczba złożonych oferty: 69``), None as the lemma when it is no noun;
    None when the label has no such word."""
    for k in range(n + 1, len(words)):
        v = words[k].group()
        if _is_modifier(v, "pl", ("gen",)) or _is_adverb(v):
            continue
        return k, _noun_lemma(v, "pl", ("gen",)) or _noun_lemma(v, "sg", ("gen",))
    return None


def _is_adverb(word: str) -> bool:
    return any(a.pos == "adv" for a in _word_analyses(word))


def _parse_digits(raw: str) -> Decimal | None:
    s = re.sub(r"[ \u00a0\u202f]", "", raw)
    if _THOUSANDS_DOT.fullmatch(s):
        return Decimal(s.replace(".", ""))
    if s.count(",") + s.count(".") > 1:
        return None
    try:
        return Decimal(s.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the regex only lets digits through
        return None


class _Extractor:
    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.lower = start
        self.toks = _tokenize(text, start, end)
        self.rules = _rules()
        self.out: list[Count] = []

    # -- token helpers -------------------------------------------------------
    def tok(self, i: int) -> _Tok | None:
        return self.toks[i] if 0 <= i < len(self.toks) else None

    def adjacent(self, i: int, j: int) -> bool:
        """Tokens i and j touch (no space between)."""
        a, b = self.tok(i), self.tok(j)
        return a is not None and b is not None and a.end == b.start

    def near(self, i: int, j: int) -> bool:
        """Token j follows token i with only spaces / a single line break between."""
        a, b = self.tok(i), self.tok(j)
        if a is None or b is None:
            return False
        return self.text.count("\n", a.end, b.start) < 2

    def is_word(self, i: int, *words: str) -> bool:
        t = self.tok(i)
        return t is not None and t.kind == "word" and (not words or t.text.lower() in words)

    def is_punct(self, i: int, chars: str) -> bool:
        t = self.tok(i)
        return t is not None and t.kind == "punct" and t.text in chars

    def is_dash(self, i: int) -> bool:
        t = self.tok(i)
        return t is not None and t.kind == "punct" and t.text in _DASHES

    def before(self, pos: int, width: int = 40) -> str:
        return self.text[max(self.lower, pos - width) : pos]

    # -- number expressions --------------------------------------------------
    def starts_number(self, i: int) -> bool:
        t = self.tok(i)
        if t is None:
            return False
        return t.kind == "num" or (t.kind == "word" and numerals.is_numeral(t.text))

    def parse_expr(self, i: int) -> _Expr | None:
        t = self.toks[i]
        if t.kind == "num":
            value = _parse_digits(t.text)
            if value is None:
                return None
            j = i + 1
            scaled = False
            nxt = self.tok(j)
            if nxt is not None and nxt.kind == "word" and self.near(i, j) and not self.adjacent(i, j):
                factor = numerals.scale_word(nxt.text)
                if factor is not None:
                    value *= factor
                    scaled = True
                    j += 1
                    j = self._after_scale_dot(j, nxt.text)
                    value, j = self._lower_scale_part(value, factor, j)
            if value != value.to_integral_value():
                return None
            n = int(value)
            return _Expr(n, n, j, True, scaled)
        if t.kind != "word":
            return None
        words = [t.text]
        k = i + 1
        while len(words) < 8 and self.is_word(k) and self.near(k - 1, k):
            words.append(self.toks[k].text)
            k += 1
        parsed = numerals.parse_words(words)
        if parsed is None:
            return None
        used, lo, hi = parsed
        # parse_words read every one of the first ``used`` words as a numeral
        scaled = any((num := numerals.lookup(w)) is not None and num.kind == "scale" for w in words[:used])
        return _Expr(lo, hi, i + used, False, scaled)

    def _after_scale_dot(self, j: int, word: str) -> int:
        """Past the full stop of an abbreviated scale word (``tys.``, ``mln.``) ending at token ``j - 1``."""
        if (
            numerals.scale_abbreviation(word) is not None
            and self.tok(j)
            and self.toks[j].text == "."
            and self.adjacent(j - 1, j)
        ):
            return j + 1
        return j

    def _lower_scale_part(self, value: Decimal, factor: int, j: int) -> tuple[Decimal, int]:
        """A figure of a lower scale after a scaled one adds to it, as money's grammar reads it: ``6 mln 940 tys.
        mieszkańców`` is 6 940 000."""
        num, word = self.tok(j), self.tok(j + 1)
        if num is None or word is None or num.kind != "num" or word.kind != "word" or not self.near(j - 1, j):
            return value, j
        part, lower = _parse_digits(num.text), numerals.scale_word(word.text)
        if part is None or lower is None or lower >= factor or not self.near(j, j + 1) or self.adjacent(j, j + 1):
            return value, j
        return value + part * lower, self._after_scale_dot(j + 2, word.text)

    def digit_blocked(self, i: int, expr: _Expr) -> bool:
        """Digits that are identifiers, ordinals, dates, times, percentages, years ..."""
        raw = re.sub(r"[ \u00a0\u202f]", "", self.toks[i].text)
        plain = raw.isdigit()
        if plain and (len(raw) >= 10 or (len(raw) > 1 and raw.startswith("0"))):
            return True
        return (
            self.glued_digits(i)
            or self.marked_digits(i, expr)
            or self.row_number(i, raw, plain)
            or self.postal_code(i, raw)
            or self.after_street_name(i)
            or self.hyphen_chain(i)
            or self.identifier_before(i)
            or self.year_in_context(i, raw, plain)
            # `2.2`, `3,25` without a multiplier: identifiers and decimals
            or (not plain and not expr.scaled and not _THOUSANDS_DOT.fullmatch(raw))
        )

    def row_number(self, i: int, raw: str, plain: bool) -> bool:
        """A row's ordinal number opening its line before a capitalised word (``1 Przebudowa drogi ...`` under
        ``Lp. rodzaj zadania``): numbering, not a count (a count opening a sentence is followed by its noun
        in lowercase: ``12 osób wzięło udział``)."""
        nxt = self.tok(i + 1)
        if not plain or len(raw) > 3 or nxt is None or nxt.kind != "word" or not nxt.text[:1].isupper():
            return False
        start = self.toks[i].start
        line_start = self.text.rfind("\n", 0, start) + 1
        return not self.text[line_start:start].strip()

    def glued_digits(self, i: int) -> bool:
        """Digits glued to letters (`wysokości1`, `COP14`, `000zł`, `10tej`), after `§`/`#`, glued
        after `/`, `+`, `.` (`2009/2010`, `+48`, `.5`), after an hour and a colon (`14:16`) or after letters and
        a dash (`B-3`)."""
        prev, nxt = self.tok(i - 1), self.tok(i + 1)
        if nxt is not None and self.adjacent(i, i + 1) and nxt.kind in ("word", "numadj"):
            return True
        if prev is None:
            return False
        glued_before = self.adjacent(i - 1, i)
        if glued_before and prev.kind in ("word", "num", "numadj"):
            return True
        if prev.kind == "punct" and self.near(i - 1, i) and prev.text in "§#№":
            return True
        if glued_before and prev.kind == "punct":
            if prev.text == "." and self.qualifier_before(self.toks[i].start) is not None:
                return False  # a qualifier's abbreviation with its stop: `ok.53 osób`
            if prev.text in "/+.":
                return True
            if prev.text == ":" and self.tok(i - 2) is not None and self.toks[i - 2].kind == "num":
                return self.adjacent(i - 2, i - 1)  # the minutes of a time: `14:16`
            if prev.text in _DASHES and self.is_word(i - 2) and self.adjacent(i - 2, i - 1):
                return True
        return False

    def marked_digits(self, i: int, expr: _Expr) -> bool:
        """A mark glued after the number: `50%`, `1.` (ordinal), `1/2`, `10:00`."""
        nxt = self.tok(i + 1)
        if nxt is None or not self.adjacent(i, i + 1) or nxt.kind != "punct" or expr.j != i + 1:
            return False
        if nxt.text == "." and self.closes_item(i + 1) and self.ends_predicate(self.toks[i].start):
            return False  # a sentence's end, no ordinal: `Z 18 ofert wybrano 11.`
        if nxt.text in "%‰°/.":
            return True
        return nxt.text == ":" and self.tok(i + 2) is not None and self.toks[i + 2].kind == "num"

    def ends_predicate(self, pos: int) -> bool:
        """The number at ``pos`` follows a verb (`wybrano 11.`) or a label's link (`Liczba uczestników
        wyniosła 120.`, ``wyniosła`` is also an adjective)."""
        return self.after_verb(pos) or self.rules.label_link_re.search(self.before(pos, 160)) is not None

    def postal_code(self, i: int, raw: str) -> bool:
        """`32-400 Myślenice` (the `00-001` kind is caught by the leading zero)."""
        return (
            len(raw) == 2
            and self.is_dash(i + 1)
            and self.adjacent(i, i + 1)
            and self.adjacent(i + 1, i + 2)
            and self.toks[i + 2].kind == "num"
            and len(self.toks[i + 2].text) == 3
            and self.is_word(i + 3)
            and self.toks[i + 3].text[:1].isupper()
        )

    def hyphen_chain(self, i: int) -> bool:
        """The second half of `2008-9`, `(2014- 2015)`, phone numbers; not a figure a spaced dash sets after a
        year or an identifier's number, smaller than a year and before a lowercase word, as a list of years or of a
        call's parts gives each one's figure (`w roku 2012 - 22 osoby`, `2014 – 20 umów`, `w Priorytecie 2 – 175
        ofert`; not `2021 - 1 KWIETNIA`)."""
        if not (self.is_dash(i - 1) and self.tok(i - 2) is not None and self.toks[i - 2].kind == "num"):
            return False
        nxt = self.tok(i + 1)
        lower_word = nxt is not None and nxt.kind == "word" and nxt.text[:1].islower()
        figure = self.toks[i].text.isdigit() and int(self.toks[i].text) < 1000
        labelled = self.is_year_like(i - 2) or self.identifier_before(i - 2)  # `w Priorytecie 2 – 175 ofert`
        return not (self.dash_before(i) and labelled and figure and lower_word)

    def identifier_before(self, i: int, depth: int = 0) -> bool:
        """An identifier noun or acronym before: `Działania 2.2`, `zadanie 1`, `COP 14`, `art. 3`, `NIP: 123`;
        also the later numbers of a coordination of identifiers (`klasy 7 i 8`, `zadania 1 oraz 2`)."""
        if depth < 3 and self.coordinated_number_before(i):
            return self.identifier_before(i - 2, depth + 1)
        prev = self.tok(i - 1)
        k, dotted = i - 1, False
        if prev is not None and prev.text == "." and self.adjacent(i - 2, i - 1):  # `art. 3`, `ust. 3`
            k, dotted = i - 2, True
        colon = False  # `NIP: 123`, `tel.: 22`, `Telefon: 600` (the word itself, not its lemma)
        if self.is_punct(i - 1, ":") and self.adjacent(i - 2, i - 1):
            k, colon = i - 2, True
            if self.is_punct(k, ".") and self.adjacent(k - 1, k):
                k -= 1
        p = self.tok(k)
        if p is None or p.kind != "word":
            return False
        if colon:
            return p.text.lower() in self.rules.identifier_words
        if not self.near(k, i):
            return False
        w = p.text.lower()
        if dotted:  # an abbreviation's stop (`pkt. 5`), not an inflected word's sentence end (`60 punktów. 52 oferty`)
            return w in self.rules.identifier_words
        if w in self.rules.identifier_words or any(
            a.lemma.lower() in self.rules.identifier_words for a in analyse(p.text) if a.pos == "subst"
        ):
            return True
        return k == i - 1 and (_is_acronym(p.text) or bool(is_roman(p.text)))

    def coordinated_number_before(self, i: int) -> bool:
        """A digit number and a coordinator right before token i (`7 i 8`; not a comma: `Działania 2.2, 15
        szkół` starts a new phrase)."""
        sep, num = self.tok(i - 1), self.tok(i - 2)
        if sep is None or num is None or num.kind != "num" or not self.near(i - 2, i - 1) or not self.near(i - 1, i):
            return False
        return self.is_word(i - 1, *self.rules.coordinators)

    def year_in_context(self, i: int, raw: str, plain: bool) -> bool:
        """A year after its context word: `w 2014`, `od 2015`, `roku 2001`."""
        return (
            plain
            and len(raw) == 4
            and self.rules.year_min <= int(raw) <= self.rules.year_max
            and self.is_word(i - 1)
            and self.toks[i - 1].text.lower() in self.rules.year_context
        )

    def after_street_name(self, i: int) -> bool:
        """A house number: `ul. Długa 15`, `przy ul. 3 Maja 36`, `al. Jana Pawła II 12`; not a figure a spaced
        dash sets after the street (`ul. Ukośnej – 648 głosów`: a list of places with their votes)."""
        if self.dash_before(i):
            return False
        k, named = i - 1, False
        while k >= 0 and i - k <= 7:
            t = self.toks[k]
            if t.kind == "word":
                if named and t.text.lower() in self.rules.address_markers:
                    # not `25 os.` (persons) nor `konto PL 61 ...` after a number
                    return self.tok(k - 1) is None or self.toks[k - 1].kind != "num"
                if not t.text[:1].isupper():
                    return False
                named = True
            elif t.kind == "num":
                named = True
            elif t.text == ".":
                # the dot of `ul.` or of an initial (`J. Pawła`), never a sentence end
                p = self.tok(k - 1)
                if p is None or p.kind != "word":
                    return False
                if not (p.text.lower() in self.rules.address_markers or len(p.text) == 1 or is_roman(p.text)):
                    return False
            elif t.text not in _DASHES:
                return False
            k -= 1
        return False

    def is_year_like(self, i: int) -> bool:
        t = self.toks[i]
        return (
            t.kind == "num"
            and t.text.isdigit()
            and len(t.text) == 4
            and self.rules.year_min <= int(t.text) <= self.rules.year_max
        )

    # -- nouns ---------------------------------------------------------------
    def find_noun(
        self, j: int, number: str, cases: tuple[str, ...], depth: int = 0, loose: bool = False
    ) -> tuple[int, str] | None:
        """The counted noun from token j on (past up to three modifiers); ``loose``: token j may stand after
        blank lines (a statistics tile's caption)."""
        t = self.tok(j)
        if t is None or depth > _MAX_MODIFIERS or not (loose or self.near(j - 1, j)):
            return None
        if t.kind == "numadj":  # `dwu 2-dniowych warsztatów`
            return self.find_noun(j + 1, number, cases, depth + 1)
        if t.kind != "word":
            return None
        skip = self.interposed_at(j)
        if skip:  # `ponad pół tysiąca różnego rodzaju projektów`
            return self.find_noun(j + skip, number, cases, depth + 1)
        abbr = self.rules.abbreviations.get(t.text.lower())
        if abbr is not None and self.is_punct(j + 1, ".") and self.adjacent(j, j + 1):
            return j + 1, abbr  # `3 tys. egz.`, `25 os.`: the evidence ends on the dot
        lemma = _noun_lemma(t.text, number, cases)
        if lemma is None and self.adverb_before_modifier(j, number, cases):
            return self.find_noun(j + 1, number, cases, depth + 1)  # `dwie zupełnie sprzeczne diagnozy`
        if _is_modifier(t.text, number, cases):
            r = self.find_noun(self.after_modifier(j, number, cases), number, cases, depth + 1)
            # `150 tysięcy złotych dotacji`: before a noun of money `złotych` is the currency, not
            # `golden` (`5 złotych medali` stays a count)
            if r is not None and lemma in self.rules.excluded_units and r[1] in self.rules.money_nouns:
                return j, lemma
            if r is not None:
                return r
        return (j, lemma) if lemma is not None else None

    def counted_after_piece(self, k: int) -> tuple[int, str] | None:
        """The noun in the genitive right after a word that counts pieces (token k: ``sztuk``, or the dot of
        ``szt.``), plural or singular (``8 000 szt. broszur``, ``22 sztuk taboru``); None if none follows."""
        for number in ("pl", "sg"):
            found = self.find_noun(k + 1, number, ("gen",))
            if found is not None and found[1] not in self.rules.piece_units:
                return found
        return None

    def adverb_before_modifier(self, j: int, number: str, cases: tuple[str, ...]) -> bool:
        """Token j is only an adverb and an agreeing modifier follows (`12 nowo powstałych świetlic`)."""
        w = self.toks[j].text
        if not _is_adverb(w) or _is_modifier(w, number, cases) or not self.is_word(j + 1) or not self.near(j, j + 1):
            return False
        return _is_modifier(self.toks[j + 1].text, number, cases)

    def after_modifier(self, j: int, number: str, cases: tuple[str, ...]) -> int:
        """The token to read after the modifier at j: past a coordinator or a comma joining another modifier
        (`30 polskich i ukraińskich uczniów`, `kilka jesiennych i zimowych wieczorów`)."""
        k = j + 1
        joins = self.is_word(k, *self.rules.coordinators) or self.is_punct(k, ",")
        if not (joins and self.near(j, k) and self.is_word(k + 1) and self.near(k, k + 1)):
            return k
        w = self.toks[k + 1].text
        return k + 1 if w.islower() and _is_modifier(w, number, cases) else k

    def interposed_at(self, j: int) -> int:
        """Tokens of a fixed genitive phrase at token j that stands between a number and its noun (`20 tego
        typu inicjatyw`, `różnego rodzaju`), 0 if none (counts.yaml ``interposed_phrases``)."""
        for phrase in self.rules.interposed:
            n = len(phrase)
            if all(self.is_word(j + k, phrase[k]) and self.near(j + k - 1, j + k) for k in range(n)):
                return n
        return 0

    # -- qualifiers ----------------------------------------------------------
    def qualifier_before(self, pos: int) -> tuple[int, str, bool] | None:
        m = self.rules.qualifier_re.search(self.before(pos))
        if m is None:
            return None
        phrase = re.sub(r"\s+", " ", m.group("q").lower())
        q, strict = self.rules.qualifiers[phrase]
        return pos - len(self.before(pos)) + m.start("q"), q, strict

    def frame_before(self, pos: int, word: str) -> int | None:
        m = re.search(rf"(?<!{_LETTER}){re.escape(word)}\s+$", self.before(pos, 20), re.IGNORECASE)
        return None if m is None else pos - len(self.before(pos, 20)) + m.start()

    # -- building ------------------------------------------------------------
    def emit(self, value, vmin, vmax, qualifier, unit, s, e) -> Count:
        c = Count(value, vmin, vmax, qualifier, unit, self.text[s:e], s, e)
        self.out.append(c)
        return c

    def emit_value(self, expr_lo, expr_hi, rng: bool, qual, unit, s, e) -> Count:
        if rng:
            return self.emit(None, expr_lo, expr_hi, "range", unit, s, e)
        if expr_lo != expr_hi:  # vague numeral
            if qual is not None and qual[1] == "at_least":
                return self.emit(None, expr_lo, None, "at_least", unit, s, e)
            if qual is not None and qual[1] == "at_most":
                return self.emit(None, None, expr_hi, "at_most", unit, s, e)
            return self.emit(None, expr_lo, expr_hi, "range", unit, s, e)
        n = expr_lo
        if qual is None:
            return self.emit(n, n, n, "exact", unit, s, e)
        _, q, strict = qual
        if q == "approx":
            return self.emit(n, None, None, "approx", unit, s, e)
        if q == "at_least":
            return self.emit(n, n + 1 if strict else n, None, "at_least", unit, s, e)
        return self.emit(n, None, n - 1 if strict else n, "at_most", unit, s, e)

    # -- the count at token i --------------------------------------------------
    def count_at(self, i: int) -> int:
        """Emit the count(s) starting at token i; return the next token to look at."""
        expr = self.parse_expr(i)
        if expr is None:
            return i + 1
        if expr.digits and self.digit_blocked(i, expr):
            return expr.j
        s = self.toks[i].start
        lo = expr.lo
        span = self.range_after(expr, s)
        if isinstance(span, int):
            return span
        hi, j, rng, frame_start = span

        number, cases = _agreement(lo, hi, expr.vague, expr.scaled)
        qual = None if frame_start is not None else self.qualifier_before(s)
        ev_start = frame_start if frame_start is not None else (qual[0] if qual else s)
        dist = self.rules.distributive_re.search(self.before(ev_start))
        if dist is not None:  # `po 2 przedstawicieli`: kept, `po` in the evidence
            ev_start = ev_start - len(self.before(ev_start)) + dist.start()

        found = self.find_noun(j, number, cases)
        if found is None:
            if not rng:
                return max(self.no_noun(i, expr, j, qual, ev_start), i + 1)
            return max(j, i + 1)
        k, unit = found
        if self.not_a_count(k, unit, number, cases, hi if expr.scaled else 0) or self.in_name(i, k, expr):
            return k + 1
        if unit in self.rules.piece_units:  # `23 szt. przepustów`: the pieces are culverts
            k, unit = self.counted_after_piece(k) or (k, unit)
        if self.years_before(i, j, rng, hi):
            return k + 1
        end = k
        # `60 miast i gmin`: the evidence takes in a coordinated second noun
        if (
            self.is_word(k + 1, *self.rules.coordinators)
            and self.near(k, k + 1)
            and self.is_word(k + 2)
            and self.near(k + 1, k + 2)
            and _noun_lemma(self.toks[k + 2].text, number, cases) is not None
            and not _is_modifier(self.toks[k + 2].text, number, cases)
        ):
            end = k + 2
        self.emit_value(lo, hi, rng, qual, unit, ev_start, self.toks[end].end)
        return end + 1

    def range_after(self, expr: _Expr, s: int) -> tuple[int, int, bool, int | None] | int:
        """The number's upper end, the token after it, whether it is a range and where a range's frame starts
        (``10-20 osób``, ``od 10 do 20 osób``, ``między 10 a 20 osób``), or the next token to look at where the
        dash after the number joins no range of counts."""
        lo, hi, j = expr.lo, expr.hi, expr.j
        if (
            expr.digits
            and not expr.scaled
            and self.is_dash(j)
            and self.tok(j + 1) is not None
            and self.toks[j + 1].kind == "num"
        ):
            second = self.parse_expr(j + 1)
            if second is None or self.digit_blocked_range(j + 1):
                return j + 2 if second is None else second.j
            if not lo < second.lo:  # no range (`2019 - 15 osób`): the second number is read on its own
                return j
            return second.hi, second.j, True, s
        for open_w, close_w in self.rules.range_frames:
            fs = self.frame_before(s, open_w)
            if fs is not None and self.is_word(j, close_w) and self.starts_number(j + 1):
                second = self.parse_expr(j + 1)
                if (
                    second is not None
                    and second.digits == expr.digits
                    and lo < second.hi
                    and not (second.digits and self.digit_blocked(j + 1, second))
                ):
                    return second.hi, second.j, True, fs
        return hi, j, False, None

    def years_before(self, i: int, j: int, rng: bool, hi: int) -> bool:
        """A year, then a name (`W Podprogramie 2018 PKPS rozdysponował`, `„Tenis stołowy 2023 Michałowice”`: a
        counted noun after a number is written in lowercase), or a span of years, then a line (`Program
        Operacyjny 2014-2020\nOś priorytetowa 3`): no count."""
        if not self.is_year_like(i):
            return False
        if rng:
            return self.rules.year_min <= hi <= self.rules.year_max
        return self.toks[j].text[:1].isupper()

    def in_name(self, i: int, k: int, expr: _Expr) -> bool:
        """A number in words with a capital, its noun capitalised too or the number inside a sentence, is part of
        a name (``LGD Kraina Trzech Rzek``, a heading ``Dwa Zadania``), not a count; a sentence may open with one
        (``Siedemnaście umów podpisano``, also glued to a figure where a page lost its line break: ``12 marca
        2018Trzy samorządy``)."""
        if expr.digits or not self.toks[i].text[:1].isupper():
            return False
        opening = _OPENS_SENTENCE.search(self.text[max(0, self.toks[i].start - 40) : self.toks[i].start])
        return opening is None or self.toks[k].text[:1].isupper()

    def adjective_after(self, k: int, number: str, cases: tuple[str, ...]) -> set[str] | None:
        """Lemmas of the agreeing adjective right after token k, or None if there is none."""
        t = self.tok(k + 1)
        if t is None or t.kind != "word" or not self.near(k, k + 1):
            return None
        lemmas = {a.lemma.lower() for a in _word_analyses(t.text) if a.pos in _ADJ_POS and _fits(a, number, cases)}
        return lemmas or None

    def not_a_count(self, k: int, unit: str, number: str, cases: tuple[str, ...], scaled_value: int) -> bool:
        """The noun at token k makes the number no count: a duration, money, a measure, a score ..."""
        rules = self.rules
        if unit in rules.counted_durations:  # `420 godzin lekcyjnych`
            adj = self.adjective_after(k, number, cases)
            if adj and adj & rules.counted_durations[unit]:
                return False
        word = self.toks[k].text
        if unit in rules.excluded_units or word.lower() in rules.excluded_units:
            return True
        if _is_acronym(word) and word.lower() in rules.identifier_words:  # `45 67\nNIP ...`
            return True
        if unit in rules.score_units:  # `45 punktów` (a score) / `3 punkty konsultacyjne` (places)
            adj = self.adjective_after(k, number, cases)
            return not adj or bool(adj & rules.score_adjectives)
        # `Jedenaście milionów dotacji`: an amount in words
        return unit in rules.money_nouns and scaled_value >= rules.money_min_scale

    def digit_blocked_range(self, i: int) -> bool:
        """The second number of `10-20` is fine unless it is followed by another dash (a chain)."""
        return self.is_dash(i + 1) and self.tok(i + 2) is not None and self.toks[i + 2].kind == "num"

    def no_noun(self, i: int, expr: _Expr, j: int, qual, ev_start: int) -> int:
        """A number with no noun after it; return the next token to look at.

        The noun may be elided and is then restored from context, in this order: a
        partitive (`Cztery z sześciu spotkań`), an ellipsis marker (`z których 3`), agreeing
        adjectives with no noun (`12 najlepszych`), a breakdown of the previous count
        (`408 z Polski`), a label (`Liczba złożonych wniosków: 116`) or a noun before
        the number in parentheses (`szkoły (29)`). Anything else is no count.
        """
        if self.is_year_like(i):
            return j
        # partitive: `Cztery z sześciu spotkań`
        if self.is_word(j, *self.rules.partitive) and self.near(j - 1, j) and self.starts_number(j + 1):
            before = len(self.out)
            nxt = self.count_at(j + 1)
            inner = self.out[before:]
            if inner and inner[0].char_start >= self.toks[j + 1].start and not expr.vague:
                unit, end = inner[0].unit, inner[0].char_end
                del self.out[before:]
                self.emit_value(expr.lo, expr.hi, False, qual, unit, ev_start, end)
                self.out.extend(inner)
            return nxt
        if self.ellipsis(i, expr, qual, ev_start):
            return j
        rules = (
            self.person_group_after,
            self.partitive_pronoun,
            self.elided_adjective,
            self.breakdown,
            self.fronted_noun,
            self.elided_after_verb,
            self.elided_before_verb,
            self.label,
            self.label_predicate,
            self.bare_label,
            self.listed_after_dash,
            self.table_row,
            self.tile,
        )
        for rule in (*rules, self.parenthetical):
            after = rule(i, expr, j, qual, ev_start)
            if after is not None:
                return after
        return j

    def antecedent(self, pos: int, width: int = 200, reach: int | None = None) -> Count | None:
        """The last count ending before ``pos`` in the same sentence, at most ``width`` characters back;
        with ``reach`` (a position before ``pos``) the sentence only needs to run on to ``reach``."""
        # counts are emitted in text order but for a partitive's pair: the last few suffice
        prior = [c for c in self.out[-4:] if c.char_end <= pos]
        if not prior:
            return None
        last = max(prior, key=lambda c: c.char_end)
        end = pos + 1 if reach is None else reach
        if pos - last.char_end > width or _SENTENCE_BREAK.search(self.text, last.char_end, end):
            return None
        return last

    def antecedent_of(self, c: Count, pos: int) -> bool:
        """``c`` ends before ``pos`` in the same sentence."""
        return c.char_end <= pos and not _SENTENCE_BREAK.search(self.text, c.char_end, pos + 1)

    def sentence_opening(self, pos: int) -> int | None:
        """Where the sentence end mark right before ``pos`` stands, when ``pos`` opens a sentence (`Wniosków
        wpłynęło 49. Z tego 29 ...`): the marker then refers back to the sentence before."""
        m = re.search(r"[.!?]\s+$", self.before(pos, 10))
        return None if m is None else pos - len(self.before(pos, 10)) + m.start()

    def sentence_mark(self, pos: int) -> int | None:
        """Where the break before the sentence holding ``pos`` stands (within 200 characters): a pronoun
        there points back into the sentence before (`Zgłoszono 60 projektów. Wybrano 16 z nich`)."""
        window = self.before(pos, 200)
        marks = list(_SENTENCE_BREAK.finditer(window))
        return None if not marks else pos - len(window) + marks[-1].start()

    def ellipsis(self, i: int, expr: _Expr, qual, ev_start: int) -> bool:
        """`ponad 600 jednostek ..., z czego 203 brały udział` -> 203 jednostka."""
        m = self.rules.ellipsis_re.search(self.before(ev_start, 30))
        if m is None:
            return False
        marker_start = ev_start - len(self.before(ev_start, 30)) + m.start("m")
        marker = re.sub(r"\s+", " ", m.group("m").lower())
        reach = self.sentence_opening(marker_start) if marker in self.rules.anaphoric_markers else None
        last = self.antecedent(marker_start, 300, reach)
        if last is None:
            return True  # a marker with nothing to restore: no count, and no other reading
        self.emit_value(expr.lo, expr.hi, False, qual, last.unit, marker_start, self.toks[i].end)
        return True

    def elided_adjective(self, i: int, expr: _Expr, j: int, qual, ev_start: int) -> int | None:
        """`Zgłoszono 40 projektów, nagrodzono 12 najlepszych` -> 12 projekt.

        One to three adjectives agree with the number and, in gender, with the noun of the
        previous count of the same sentence; there is no noun after them.
        """
        number, cases = _agreement(expr.lo, expr.hi, expr.vague, expr.scaled)
        adjs: list[int] = []
        k = j
        while len(adjs) < _MAX_MODIFIERS and self.is_word(k) and self.near(k - 1, k):
            w = self.toks[k].text
            if not w.islower() or not _is_modifier(w, number, cases):  # not `2 Polskie Stowarzyszenie`
                break
            adjs.append(k)
            k += 1
        if not adjs:
            return None
        last = self.antecedent(ev_start)
        if last is None:
            return None
        genders = morph.noun_genders(last.unit)
        for a in adjs:
            fits = [x for x in _word_analyses(self.toks[a].text) if x.pos in _ADJ_POS and _fits(x, number, cases)]
            if genders and not any(x.has(g) for x in fits for g in genders):
                return None
        self.emit_value(expr.lo, expr.hi, False, qual, last.unit, ev_start, self.toks[adjs[-1]].end)
        return adjs[-1] + 1

    def elided_after_verb(self, i: int, expr: _Expr, j: int, qual, ev_start: int) -> int | None:
        """`Z 18 ofert wybrano 11.`, `Złożono 13 ofert, dofinansowanie otrzymało 11.` -> 11 oferta.

        A number that closes its clause right after a verb (`wybrano`, `otrzymało`) is a part of
        the previous count of the sentence, when it is smaller and neither another number nor a
        word that can be a plural noun stands between.
        """
        if expr.vague or qual is not None or not self.closes_item(j) or not self.after_verb(ev_start):
            return None
        last = self.whole_of_part(i, expr, ev_start)
        if last is None:
            return None
        self.emit_value(expr.lo, expr.hi, False, qual, last.unit, ev_start, self.toks[j - 1].end)
        return j

    def whole_of_part(self, i: int, expr: _Expr, ev_start: int) -> Count | None:
        """The previous count of the sentence that the number at token ``i`` is a part of: it is larger, and
        neither another number nor a word that can be a plural noun stands between (`Zatrudniono 5 osób, a
        umowy podpisano 2`: the clause names its own noun)."""
        last = self.antecedent(ev_start)
        ref = None if last is None else (last.value if last.value is not None else last.value_min)
        if last is None or ref is None or expr.hi >= ref or self.number_between(i, last.char_end):
            return None
        return None if self.plural_noun_between(last.char_end, ev_start) else last

    def elided_before_verb(self, i: int, expr: _Expr, j: int, qual, ev_start: int) -> int | None:
        """`Złożono 160 wniosków – 112 zostanie dofinansowanych, 46 zostało odrzuconych` -> 112 and 46 wniosek.

        A number whose clause goes on with a verb (`zostało`, `otrzymało`, `dotyczą`) and no noun is a part of
        the previous count of the sentence, when it is smaller and no word that can be a plural noun stands
        between (the clause would name its own noun)."""
        if expr.vague or not self.is_word(j) or not self.near(j - 1, j) or not self.verb_only(j):
            return None
        last = self.whole_of_part(i, expr, ev_start)
        if last is None:
            return None
        self.emit_value(expr.lo, expr.hi, False, qual, last.unit, ev_start, self.toks[i].end)
        return j

    def listed_after_dash(self, i: int, expr: _Expr, j: int, qual, ev_start: int) -> int | None:
        """`w woj. śląskim dotację otrzymało 490 klubów, w woj. lubelskim — 349, woj. lubuskim — 153` -> 349 and 153
        klub: an item of a list that gives each place its figure after a spaced dash, closing the item, takes the
        unit of the count before it in the same sentence (the list's first item names the noun; each later one
        leaves it out). No other figure and no word that can be a plural noun stands between (the item would name
        its own noun; an adjective that is also a noun, `śląskim`, is an adjective there)."""
        if expr.vague or expr.scaled or not expr.digits or not self.closes_item(j) or not self.dash_before(i):
            return None
        last = self.antecedent(ev_start)
        if last is None or self.number_between(i, last.char_end):
            return None
        if self.plural_noun_between(last.char_end, self.toks[i - 1].start, adjectives=False):
            return None
        self.emit_value(expr.lo, expr.hi, False, qual, last.unit, ev_start, self.toks[i].end)
        return j

    def dash_before(self, i: int) -> bool:
        """A dash with a blank on either side stands right before token ``i`` (`lubelskim — 349`)."""
        return self.is_dash(i - 1) and not self.adjacent(i - 2, i - 1) and not self.adjacent(i - 1, i)

    def verb_only(self, k: int) -> bool:
        """Token k is a lowercase word read as a verb form of ``elided_after_verb_tags`` and never as a noun,
        adjective or particle (`zostanie` is also a gerund, `przeszło` also the particle ``over``)."""
        word = self.toks[k].text
        tags = {a.pos for a in _word_analyses(word.lower())}
        return word.islower() and bool(tags & self.rules.clause_verbs) and not tags & {"subst", "adj", "part", "depr"}

    def partitive_pronoun(self, i: int, expr: _Expr, j: int, qual, ev_start: int) -> int | None:
        """`Dwie z tych śrub` -> 2 śruba (the noun after a demonstrative); `Zgłoszono 40 projektów. 12 z nich
        nagrodzono`, `... Wybrano 16 z nich` -> 12, 16 projekt (the pronoun points back to the count before,
        also into the sentence before, wherever the number stands in its own)."""
        if not self.is_word(j, *self.rules.partitive) or not self.near(j - 1, j) or not self.is_word(j + 1):
            return None
        if not self.near(j, j + 1):
            return None
        w = self.toks[j + 1].text.lower()
        if w in self.rules.partitive_pronouns:
            last = self.antecedent(ev_start, 300, self.sentence_mark(ev_start))
            if last is None or expr.vague or (last.value is not None and expr.hi >= last.value):
                return None
            self.emit_value(expr.lo, expr.hi, False, qual, last.unit, ev_start, self.toks[j + 1].end)
            return j + 2
        if w not in self.rules.partitive_determiners:
            return None
        found = self.find_noun(j + 2, "pl", ("gen",))
        if found is None or self.unit_refused(found[1]) or not self.toks[found[0]].text.islower():
            return None
        self.emit_value(expr.lo, expr.hi, False, qual, found[1], ev_start, self.toks[found[0]].end)
        return found[0] + 1

    def fronted_noun(self, i: int, expr: _Expr, j: int, qual, ev_start: int) -> int | None:
        """`Wniosków wpłynęło 49.`, `Uczestników było 30`: the counted noun opens the clause in the plural
        genitive, a verb follows and the number closes the clause (Polish puts the topic first)."""
        if not self.closes_item(j) or not self.after_verb(ev_start):
            return None
        k = i - 1
        while k >= 0 and self.toks[k].end > ev_start:
            k -= 1
        verb, noun = k, k - 1  # the verb before the evidence, the noun before it
        if noun < 0 or not self.is_word(noun) or not self.near(noun, verb) or not self.opens_clause(noun):
            return None
        unit = _noun_lemma(self.toks[noun].text, "pl", ("gen",))
        if unit is None or self.unit_refused(unit) or _is_modifier(self.toks[noun].text, "pl", ("gen",)):
            return None
        self.emit_value(expr.lo, expr.hi, False, qual, unit, self.toks[noun].start, self.toks[j - 1].end)
        return j

    def opens_clause(self, k: int) -> bool:
        """Token k starts its clause: the text's start, a line start or after `.`, `!`, `?`, `;`, `:`, `,`."""
        prev = self.tok(k - 1)
        if prev is None or not self.near(k - 1, k) or self.text.count("\n", prev.end, self.toks[k].start):
            return True
        return prev.kind == "punct" and prev.text in ".!?;:,"

    def label_predicate(self, i: int, expr: _Expr, j: int, qual, ev_start: int) -> int | None:
        """`Liczba uczestników wyniosła 120`, `Łączna liczba wniosków – 45`: a label of a counted noun
        linked to the number by a verb or a dash (counts.yaml ``label_links``)."""
        if expr.vague or expr.hi >= 1_000_000:
            return None
        m = self.rules.label_link_re.search(self.before(ev_start, 160))
        if m is None:
            return None
        words = list(re.finditer(_LETTER + "+", m.group("label")))
        unit = self.label_unit(words)
        if unit is None or self.unit_refused(unit):
            return None
        start = ev_start - len(self.before(ev_start, 160)) + m.start("label")
        self.emit_value(expr.lo, expr.hi, False, qual, unit, start, self.toks[j - 1].end)
        return j

    def bare_label(self, i: int, expr: _Expr, j: int, qual, ev_start: int) -> int | None:
        """`Dzienny Dom – liczba miejsc 30 – kwota ...`, a label line `Liczba odbiorców` over a line `30 000`:
        a label of a counted noun right before the number, with no colon, dash or verb between. The label
        holds nothing but the noun's modifiers and genitive words after it (`liczba osób niepełnosprawnych
        21`); on the same line the number must close its field, on a line of its own the label is a line
        of its own too."""
        if not expr.digits or expr.vague or qual is not None or expr.hi >= 1_000_000 or not self.closes_item(j):
            return None
        s = self.toks[i].start
        if ev_start != s:
            return None
        m = self.rules.bare_label_re.search(self.before(s, 120))
        if m is None:
            return None
        start = s - len(self.before(s, 120)) + m.start("label")
        if "\n" in m.group("gap"):
            line_start = self.text.rfind("\n", self.lower, start) + 1
            if self.text[max(line_start, self.lower) : start].strip(" \t-–•*"):
                return None  # the label line holds more than the label
            line_end = self.text.find("\n", s)
            if self.text[self.toks[j - 1].end : len(self.text) if line_end < 0 else line_end].strip():
                return None  # the number's line holds more than the number
        words = list(re.finditer(_LETTER + "+", m.group("label")))
        if words[0].group().lower() not in self.rules.label_words or (noun := _label_noun(words, 0)) is None:
            return None
        k, unit = noun
        if unit is None or self.unit_refused(unit):
            return None
        for w in words[k + 1 :]:  # the rest of the label is genitive: `liczba osób niepełnosprawnych`
            x = w.group()
            if not any(_noun_lemma(x, n, ("gen",)) or _is_modifier(x, n, ("gen",)) for n in ("sg", "pl")):
                return None
        self.emit_value(expr.lo, expr.hi, False, None, unit, start, self.toks[j - 1].end)
        return j

    def tile(self, i: int, expr: _Expr, j: int, qual, ev_start: int) -> int | None:
        """A figure alone on its line with its noun on the next short lines after a blank one, as statistics
        tiles are flattened (`176\\n\\nnagrodzonych\\nprojektów`, `130\\n\\nsamorządów`)."""
        if not expr.digits or expr.vague or qual is not None or expr.hi < 2 or ev_start != self.toks[i].start:
            return None
        t, nxt = self.toks[i], self.tok(j)
        line_start = self.text.rfind("\n", self.lower, t.start) + 1
        if nxt is None or self.text[line_start : t.start].strip() or self.text[t.end : nxt.start].strip():
            return None
        if not 2 <= self.text.count("\n", t.end, nxt.start) <= 4 or not nxt.text[:1].islower():
            return None
        line_end = self.text.find("\n", nxt.start)
        if len(re.findall(_LETTER + "+", self.text[nxt.start : len(self.text) if line_end < 0 else line_end])) > 4:
            return None  # prose, not a tile's caption
        number, cases = _agreement(expr.lo, expr.hi, expr.vague, expr.scaled)
        found = self.find_noun(j, number, cases, loose=True)
        if found is None or self.not_a_count(found[0], found[1], number, cases, 0):
            return None
        self.emit_value(expr.lo, expr.hi, False, None, found[1], t.start, self.toks[found[0]].end)
        return found[0] + 1

    def plural_noun_between(self, start: int, end: int, adjectives: bool = True) -> bool:
        """A word in ``text[start:end]`` that can be a plural noun (without ``adjectives``: one that cannot also
        be an adjective)."""
        words = re.findall(rf"{_LETTER}+", self.text[start:end])
        for w in words:
            analyses = _word_analyses(w.lower())
            if not adjectives and any(a.pos in _ADJ_POS for a in analyses):
                continue
            if any(a.pos in _NOUN_POS and a.has("pl") for a in analyses):
                return True
        return False

    def after_verb(self, pos: int) -> bool:
        """The word right before ``pos`` is only a finite verb form (`wybrano`, `otrzymało`, `trafiło`)."""
        m = re.search(rf"({_LETTER}+)\s+$", self.before(pos, 30))
        if m is None:
            return False
        pos_tags = {a.pos for a in _word_analyses(m.group(1).lower())}
        return bool(pos_tags) and pos_tags <= self.rules.clause_verbs

    def number_between(self, i: int, start: int) -> bool:
        """A number token between ``start`` and token ``i`` that no emitted count holds."""
        k = i - 1
        while k >= 0 and self.toks[k].start >= start:
            t = self.toks[k]
            if t.kind == "num" and not any(c.char_start <= t.start < c.char_end for c in self.out[-8:]):
                return True
            k -= 1
        return False

    def breakdown(self, i: int, expr: _Expr, j: int, qual, ev_start: int) -> int | None:
        """`ponad 497 podmiotów` then `408 z Polski`: a part of the previous count, by origin."""
        if expr.vague or not self.is_word(j, *self.rules.breakdown) or not self.near(j - 1, j):
            return None
        if not self.is_word(j + 1) or not self.near(j, j + 1):
            return None
        last = self.antecedent(ev_start)
        if last is None:
            return None
        # the whole the parts break down: the largest count of the unit in the sentence (`539 ofert: 26 w
        # priorytecie I, 351 w priorytecie II`: 351 is a part of 539, not of 26)
        whole = [c for c in self.out[-8:] if c.unit == last.unit and self.antecedent_of(c, ev_start)]
        refs = [c.value if c.value is not None else c.value_min for c in whole]
        ref = max((r for r in refs if r is not None), default=None)
        if ref is None or expr.hi >= ref:
            return None
        # no other number between (`5 szkół otrzymało 500 zł, 300 z budżetu` is not 300 szkoła)
        if self.number_between(i, last.char_end):
            return None
        end = j + 1  # the evidence runs to the head of the origin (`17 z innych krajów`)
        for k in range(j + 1, j + 4):
            w = self.toks[k].text if self.is_word(k) and self.near(k - 1, k) else None
            if w is None:
                break
            if w[:1].isupper() or not _is_modifier(w, "pl", _ALL_CASES) and not _is_modifier(w, "sg", _ALL_CASES):
                end = k
                break
        self.emit_value(expr.lo, expr.hi, False, qual, last.unit, ev_start, self.toks[end].end)
        return end + 1

    def closes_item(self, j: int) -> bool:
        """Nothing but a line end or a closing punctuation mark after the number ending before token j (a
        bullet or a bar closes a field of a run flattened to one line: `Liczba wniosków: 9 • Na kwotę`)."""
        t = self.tok(j)
        if t is None or self.text.count("\n", self.toks[j - 1].end, t.start):
            return True
        if t.kind == "punct" and t.text in "–—-" and not self.adjacent(j - 1, j):
            return True  # a spaced dash closes a field of a run: `Liczba wniosków: 20 – na kwotę: ...`
        return (
            t.kind == "punct"
            and t.text in ",;.)•|"
            and (self.tok(j + 1) is None or not self.adjacent(j, j + 1) or self.toks[j + 1].kind == "punct")
        )

    def label(self, i: int, expr: _Expr, j: int, qual, ev_start: int) -> int | None:
        """`Liczba złożonych wniosków: 116` -> 116 wniosek; a line `Uczestnicy: 30` -> 30 uczestnik."""
        if not expr.digits or expr.vague or qual is not None or expr.hi >= 1_000_000 or not self.closes_item(j):
            return None
        s = self.toks[i].start
        if not self.text[max(self.lower, s - 8) : s].rstrip(" \t").endswith(":"):
            return None
        line_start = max(self.text.rfind("\n", self.lower, s) + 1, self.lower)
        head_start = max(line_start, s - 240)  # a label is short; a long line is not read whole
        m = _LABEL_RE.match(self.text[head_start:s])
        if m is None:
            return None
        words = list(re.finditer(_LETTER + "+", m.group("label")))
        unit = self.label_unit(words)
        if unit is None and not self.has_label_word(words):
            # a bare label line: `Uczestnicy: 30`, `Partnerzy projektu: 4`
            at_line_start = head_start == line_start and m.group("after") is None
            if words and len(words) <= 3 and at_line_start:
                unit = _noun_lemma(words[0].group(), "pl", _ALL_CASES)
        if unit is None or self.unit_refused(unit):
            return None
        self.emit_value(expr.lo, expr.hi, False, None, unit, head_start + m.start("label"), self.toks[i].end)
        return j

    def has_label_word(self, words: list[re.Match[str]]) -> bool:
        return any(w.group().lower() in self.rules.label_words for w in words[:3])

    def label_unit(self, words: list[re.Match[str]]) -> str | None:
        """The counted noun of a label `Liczba złożonych wniosków`, `Łączna liczba uczestników`: the first
        noun after the label word, past its modifiers (`Liczba pozytywnie zrealizowanych wniosków`)."""
        for n, w in enumerate(words[:3]):
            if w.group().lower() in self.rules.label_words:
                noun = _label_noun(words, n)
                return None if noun is None else noun[1]
        return None

    def table_row(self, i: int, expr: _Expr, j: int, qual, ev_start: int) -> int | None:
        """A row of a statistics table flattened to one line, labelled by a counted noun and followed only by
        figures, one per column (`Liczba projektów zgłoszonych do realizacji 82 85 54 69 63 353`, `Liczba
        głosów oddanych 23 060 36 936 ...` under `Budżet Obywatelski 2019 2020 2021 2022 2023 Suma`): every
        figure counts the label's noun; the header's columns tell where a space-grouped figure ends."""
        if not expr.digits or qual is not None or expr.scaled or ev_start != self.toks[i].start:
            return None
        s = self.toks[i].start
        line_start = max(self.text.rfind("\n", self.lower, s) + 1, self.lower)
        line_end = self.text.find("\n", s)
        line_end = len(self.text) if line_end < 0 else line_end
        m = _ROW_RE.fullmatch(self.text, line_start, s)
        if m is None or not _FIGURES_RE.fullmatch(self.text, s, line_end):
            return None
        unit = self.label_unit(list(re.finditer(_LETTER + "+", m.group("label"))))
        if unit is None or self.unit_refused(unit):
            return None
        axis = axis_above(self.text, line_start)
        figures = row_figures(self.text, s, line_end, axis.columns if axis else None)
        if not figures:
            return None
        for a, b in figures:
            n = int(re.sub(r"\D", "", self.text[a:b]))
            self.emit_value(n, n, False, None, unit, a, b)
        k = i
        while k < len(self.toks) and self.toks[k].start < line_end:
            k += 1
        return k

    def unit_refused(self, unit: str) -> bool:
        r = self.rules
        return unit in r.excluded_units or unit in r.money_nouns or unit in r.score_units or unit in r.counted_durations

    def parenthetical(self, i: int, expr: _Expr, j: int, qual, ev_start: int) -> int | None:
        """`organizacje pozarządowe (33), a także szkoły (29)` -> 33 organizacja, 29 szkoła."""
        if not expr.digits or expr.vague or qual is not None or expr.hi < 2 or ev_start != self.toks[i].start:
            return None
        if not (self.is_punct(i - 1, "(") and self.adjacent(i - 1, i) and self.is_punct(j, ")")):
            return None
        if not self.adjacent(j - 1, j) or self.adjacent(i - 2, i - 1):
            return None
        floor = max((c.char_end for c in self.out[-4:]), default=self.lower)
        k = i - 2
        for _ in range(3):  # the noun, or up to two adjectives after it (`organizacje pozarządowe`)
            t = self.tok(k)
            if t is None or t.kind != "word" or t.start < floor or not self.near(k, k + 1):
                return None
            if not _is_modifier(t.text, "pl", _ALL_CASES):
                unit = _noun_lemma(t.text, "pl", _ALL_CASES)
                if unit is None or self.unit_refused(unit) or _is_acronym(t.text):
                    return None
                self.emit_value(expr.lo, expr.hi, False, None, unit, t.start, self.toks[j].end)
                return j + 1
            k -= 1
        return None

    def person_group(self, i: int, value: int, adj: int) -> int | None:
        """`15-osobowa grupa` (token ``i`` the compound, ``adj`` == i) or `11 osobową grupę` (``adj`` the word
        after the number): a group of ``value`` persons -> value osoba, evidence up to the group's noun."""
        word = self.toks[adj].text.lower().split("-")[-1] if adj == i else self.toks[adj].text.lower()
        if (
            not word.startswith(self.rules.person_group_stem)
            or not self.is_word(adj + 1)
            or not self.near(adj, adj + 1)
        ):
            return None
        noun = self.toks[adj + 1].text.lower()
        if not any(
            a.pos in _NOUN_POS and a.lemma.lower() in self.rules.person_group_nouns for a in _word_analyses(noun)
        ):
            return None
        self.emit_value(value, value, False, None, "osoba", self.toks[i].start, self.toks[adj + 1].end)
        return adj + 2

    def person_group_after(self, i: int, expr: _Expr, j: int, qual, ev_start: int) -> int | None:
        """`11 osobową grupę`: the group's adjective written apart from its figure (:meth:`person_group`)."""
        if not expr.digits or expr.vague or not self.is_word(j) or not self.near(j - 1, j):
            return None
        return self.person_group(i, expr.lo, j)

    def compound(self, i: int) -> int | None:
        """A number-word compound at token i that is a count: a ``2-osobowa``-style group (:meth:`person_group`)
        or digits with a cardinal's case ending before their noun (``30-u obiektach``)."""
        m = re.fullmatch(rf"(\d{{1,4}})[{_DASH_CLASS}]({_LETTER}+)", self.toks[i].text)
        if m is None:
            return None
        value, ending = int(m.group(1)), m.group(2).lower()
        if ending not in self.rules.cardinal_endings:
            return self.person_group(i, value, i)
        number, cases = _agreement(value, value, False, False)
        found = self.find_noun(i + 1, number, cases)
        if found is None or self.not_a_count(found[0], found[1], number, cases, 0):
            return None
        qual = self.qualifier_before(self.toks[i].start)
        start = qual[0] if qual else self.toks[i].start
        self.emit_value(value, value, False, qual, found[1], start, self.toks[found[0]].end)
        return found[0] + 1

    def run(self) -> list[Count]:
        i = 0
        while i < len(self.toks):
            if self.starts_number(i):
                i = max(self.count_at(i), i + 1)
            elif self.toks[i].kind == "numadj":
                i = max(self.compound(i) or 0, i + 1)
            else:
                i += 1
        seen: set[tuple[int, int]] = set()
        result = []
        for c in sorted(self.out, key=lambda c: (c.char_start, c.char_end)):
            if (c.char_start, c.char_end) not in seen:
                seen.add((c.char_start, c.char_end))
                result.append(c)
        return result


def extract_counts(text: str, start: int = 0, end: int | None = None) -> list[Count]:
    """All counts in ``text[start:end]``, with absolute offsets into ``text``."""
    if end is None or end > len(text):
        end = len(text)
    start = max(0, start)
    if start >= end:
        return []
    return _Extractor(text, start, end).run()
