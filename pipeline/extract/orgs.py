"""Rule-based detection of organisation mentions in Polish project pages.

``find_org_mentions(text, start, end)`` returns :class:`OrgMention` values with
absolute offsets into ``text`` (``text[m.char_start:m.char_end] == m.text``).

Patterns (vocabularies are data in ``pipeline/data``):

* a capitalised head noun in any case form (``Związku``, ``Fundacją``; the
  lemmas are in ``org_heads.yaml``), possibly preceded by capitalised
  adjectives agreeing with it (``Polsko-Amerykańskiej Fundacji``), followed by
  name words: capitalised words, lowercase connectors (``i``, ``dla``,
  ``im.`` ...) when a capitalised word follows, and a quoted name
  (``Fundacja Pracownia ... „Stocznia”``);
* coordination splits the phrase where a connector is followed by a new head
  phrase or an acronym (``Związku Miast Polskich i Śląskiego Związku Gmin i
  Powiatów`` -> two mentions);
* foreign names built on an English/German head (``Canadian Urban Institute``);
* a programme name after a lowercase ``programu`` (``w ramach programu
  Obywatele dla Demokracji``);
* names of recurring bodies from ``domain_orgs.yaml`` (any inflected form,
  matched by lemmas), source ``gazetteer``;
* all-caps acronyms (``ZMP``, ``MSWiA``, ``ZGW RP``), minus a stoplist of
  common-noun abbreviations (``org_stoplist.yaml``) and Roman numerals;
* an acronym in parentheses right after a name is attached to it
  (``Związkiem Powiatów Polskich (ZPP)`` -> ``acronym="ZPP"``); when no
  mention precedes it, the capitalised words whose initials spell the acronym
  become the mention (``Polsko-Niemiecką Współpracą Młodzieży (PNWM)``).

``merge_mentions(rule, model)`` merges these with ORG spans of the trained NER
model. Model spans are taken by default (``model_mention``): their edges are
fixed (unpaired quotes, trailing punctuation, ``im.``/``pw.`` carried over the
name) and they are vetoed only by stated evidence (``model_org_veto``): a
stoplist (``org_stoplist.yaml``, ``model_org_veto.yaml``), a person or place
reading (the beam's or morfeusz's), an event/activity head noun or the name
given to a project or event, the record's title, an all-caps heading. Where a
model span overlaps a rule mention the rule's boundaries win.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache, lru_cache
from typing import NamedTuple

from pipeline.core.datatypes import OrgMention
from pipeline.ruledata.resources import load_yaml
from pipeline.text.morph import Analysis, analyse, is_known
from schemas import fields

# The closed vocabulary of organisations.org_type (docs/output-contract.md).
ORG_TYPES = fields.ORG_TYPES  # the closed vocabulary lives in schemas/fields.py


def check_org_type(value: str, where: str = "") -> str:
    return fields.check_code(value, ORG_TYPES, f"org_type{' in ' + where if where else ''}")


# --------------------------------------------------------------------------- data


class HeadInfo(NamedTuple):
    org_type: str
    needs_name: bool
    standalone: bool
    plural_ok: bool


class Heads(NamedTuple):
    polish: dict[str, HeadInfo]
    english: dict[str, HeadInfo]
    connectors: frozenset[str]
    programme_words: frozenset[str]
    sentence_case: dict[str, HeadInfo]  # foreign lowercase heads after a capitalised first word
    postposed: dict[str, HeadInfo]  # foreign heads that close the name

    def foreign(self, word: str) -> HeadInfo | None:
        """The head entry of ``word`` in any of the foreign head lists, else None."""
        return self.english.get(word) or self.sentence_case.get(word) or self.postposed.get(word)


@cache
def heads() -> Heads:
    raw = load_yaml("org_heads.yaml")

    def conv(section: str) -> dict[str, HeadInfo]:
        out = {}
        for key, val in raw[section].items():
            out[key] = HeadInfo(
                check_org_type(val["org_type"], f"org_heads.yaml:{section}:{key}"),
                bool(val.get("needs_name", False)),
                bool(val.get("standalone", True)),
                bool(val.get("plural_ok", False)),
            )
        return out

    return Heads(
        conv("polish"),
        conv("english"),
        frozenset(raw["connectors"]),
        frozenset(raw["programme_words"]),
        conv("foreign_sentence_case"),
        conv("foreign_postposed"),
    )


class TypeAcronym(NamedTuple):
    org_type: str
    expansion: tuple[frozenset[str], ...]  # lemma sets of the expansion's words


@cache
def type_acronyms() -> dict[str, TypeAcronym]:
    """Acronyms of a kind of local body (``LGD``, ``OSP``), see org_heads.yaml ``type_acronyms``."""
    out = {}
    for acr, val in load_yaml("org_heads.yaml")["type_acronyms"].items():
        words = str(val["expansion"]).split()
        out[acr] = TypeAcronym(check_org_type(val["org_type"], f"org_heads.yaml:type_acronyms:{acr}"),
                               tuple(_tok_lemmas(w) for w in words))
    return out


@cache
def _legal_suffix() -> re.Pattern:
    """``e.V.``, ``Sp. z o.o.``: a legal-form suffix right after a name belongs to it."""
    return re.compile(load_yaml("org_heads.yaml")["legal_suffix"])


@cache
def _programme_period() -> re.Pattern:
    return re.compile(load_yaml("org_heads.yaml")["programme_period"])


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
    period = _programme_period().match(text, run if run is not None else p, end)
    if run is not None and (strand or dashed or period):
        p = run
    if period and period.start() == p:
        p = period.end()
    return p


@cache
def _designated_names() -> frozenset[str]:
    return frozenset(d.name for d in domain_orgs() if d.designated)


def _designated_family_end(toks: list) -> int | None:
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


def _is_programme(toks: list) -> bool:
    """A funding programme or fund: one of its first words is a fund_or_programme head noun."""
    table = heads().polish
    return any((lem := head_lemma(t.text)) and table[lem].org_type == "fund_or_programme" for t in toks[:3])


class Stoplist(NamedTuple):
    stop: frozenset[str]
    allow_known: frozenset[str]


@cache
def stoplist() -> Stoplist:
    raw = load_yaml("org_stoplist.yaml")
    return Stoplist(frozenset(raw["stoplist"]), frozenset(raw["allow_known_words"]))


class DomainOrg(NamedTuple):
    name: str
    acronym: str | None
    acronym_variants: tuple[str, ...]
    aliases: tuple[str, ...]
    org_type: str
    source: str
    designated: bool = False  # a programme family named further by strand, regions and period


@cache
def domain_orgs() -> tuple[DomainOrg, ...]:
    raw = load_yaml("domain_orgs.yaml")
    out = []
    for e in raw["orgs"]:
        out.append(
            DomainOrg(
                e["name"],
                e.get("acronym"),
                tuple(e.get("acronym_variants") or ()),
                tuple(e.get("aliases") or ()),
                check_org_type(e["org_type"], f"domain_orgs.yaml:{e['name']}"),
                e["source"],
                bool(e.get("designated", False)),
            )
        )
    return tuple(out)


# --------------------------------------------------------------------------- tokens

UPPER = "A-ZĄĆĘŁŃÓŚŹŻÀ-ÖØ-ÞČĎĚŇŘŠŤŮŽ"
LOWER = "a-ząćęłńóśźżß-öø-ÿčďěňřšťůž"
_TOKEN_RE = re.compile(r"[^\W\d_][^\W_]*(?:[-'’][^\W_]+)*|\d+(?:[.,]\d+)*|\S")
_ACRONYM_RE = re.compile(rf"[{UPPER}](?:[{UPPER}]|[{LOWER}](?=[{UPPER}]))+")
_ROMAN_RE = re.compile(r"[IVXLCDM]+")
OPEN_QUOTES = '„"“«»‚'
CLOSE_QUOTES = '”"“»«’'


class Tok(NamedTuple):
    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()

    @property
    def is_cap(self) -> bool:
        return self.text[0].isupper()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Tok]:
    end = len(text) if end is None else end
    return [Tok(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text, start, end)]


def is_acronym_token(word: str) -> bool:
    """``ZMP``, ``MSWiA``, ``NFOŚiGW``, ``ČR``: two or more capitals, lowercase only between capitals."""
    if not _ACRONYM_RE.fullmatch(word):
        return False
    return sum(c.isupper() for c in word) >= 2


def is_roman(word: str) -> bool:
    return bool(_ROMAN_RE.fullmatch(word))


def _subst(word: str) -> tuple[Analysis, ...]:
    return tuple(a for a in analyse(word) if a.pos in ("subst", "depr"))


def _last_part(word: str) -> str:
    return re.split(r"[-'’]", word)[-1]


def adj_analyses(word: str) -> tuple[Analysis, ...]:
    """Adjective analyses of ``word``; for hyphenated words the last part (``Polsko-Amerykańskiej``)."""
    part = _last_part(word)
    return tuple(a for a in analyse(part) if a.pos == "adj")


def head_lemma(word: str, standalone_only: bool = False) -> str | None:
    """The head lemma (``związek``) if ``word`` is a capitalised form of a head noun."""
    if not word[:1].isupper() or "-" in word or (word.isupper() and len(word) > 1):
        return None  # all-caps words are headings ("PROGRAMY PRZYGOTOWAWCZE") or acronyms
    table = heads().polish
    for a in _subst(word):
        lem = a.lemma.lower()
        if lem in table and (not standalone_only or table[lem].standalone):
            if standalone_only and not table[lem].plural_ok and "sg" not in _num_gender_case(a)[0]:
                continue  # "między Związkami Władz Lokalnych": a plural common noun, not a name
            return lem
    return None


def head_analyses(word: str, lemma: str) -> tuple[Analysis, ...]:
    return tuple(a for a in _subst(word) if a.lemma.lower() == lemma)


def _slots(tag: str) -> list[set[str]]:
    return [set(s.split(".")) for s in tag.split(":")]


def _num_gender_case(a: Analysis) -> tuple[set[str], set[str], set[str]]:
    s = _slots(a.tag)
    # subst:sg:gen:m3[:ncol], adj:sg:gen:m1.m2.m3.n:pos
    return (s[1] if len(s) > 1 else set(), s[3] if len(s) > 3 else set(), s[2] if len(s) > 2 else set())


def agrees(adj: tuple[Analysis, ...], head: tuple[Analysis, ...], case: bool = True) -> bool:
    """Some adjective reading agrees with some head reading in number, gender (and case)."""
    for x in adj:
        xn, xg, xc = _num_gender_case(x)
        for h in head:
            hn, hg, hc = _num_gender_case(h)
            if xn & hn and xg & hg and (not case or xc & hc):
                return True
    return False


def is_polish_word(word: str) -> bool:
    """True for Polish common words (``projekt``), False for unknown/foreign words and proper names."""
    return any(a.pos != "ign" and not a.lemma[:1].isupper() for a in analyse(word.lower()))


_FUNCTION_POS = {"prep", "conj", "comp", "qub", "part", "pred", "ppron12", "ppron3", "adv", "interj"}


def _is_function_word(word: str) -> bool:
    """A capitalised preposition/conjunction (``W``, ``Oraz``) rather than a name word (``Miast``)."""
    if is_acronym_token(word):
        return False
    an = analyse(word.lower())
    return any(a.pos in _FUNCTION_POS for a in an) and not any(a.pos in ("subst", "adj", "ger") for a in an)


def _genitive_capable(word: str) -> bool:
    return any("gen" in _num_gender_case(a)[2] for a in _subst(word))


# --------------------------------------------------------------------------- domain (gazetteer) matching


def _tok_lemmas(word: str) -> frozenset[str]:
    out = {word.lower()}
    for a in analyse(word):
        if a.pos != "ign":
            out.add(a.lemma.lower())
    if "-" in word:
        head, _, last = word.rpartition("-")
        for a in analyse(last):
            if a.pos != "ign":
                out.add(f"{head.lower()}-{a.lemma.lower()}")
    return frozenset(out)


@cache
def _domain_patterns() -> dict[str, list[tuple[tuple[Tok, ...], int]]]:
    """first-token lemma -> [(pattern tokens, domain index)] for every name and alias."""
    index: dict[str, list[tuple[tuple[Tok, ...], int]]] = {}
    for i, e in enumerate(domain_orgs()):
        for name in (e.name, *e.aliases):
            toks = tuple(tokenize(name))
            if not toks:
                continue
            for lem in _tok_lemmas(toks[0].text) if toks[0].is_word else {toks[0].text}:
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
    return bool(_tok_lemmas(pat.text) & _tok_lemmas(tok.text))


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
    for lem in _tok_lemmas(t.text):
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
    return re.sub(r"[\s.\-]", "", acr).upper()


@cache
def domain_acronyms() -> dict[str, int]:
    """Normalised acronym -> domain index (acronyms claimed by two entries are left out)."""
    seen: dict[str, set[int]] = {}
    for i, e in enumerate(domain_orgs()):
        for a in ((e.acronym,) if e.acronym else ()) + e.acronym_variants:
            seen.setdefault(norm_acronym(a), set()).add(i)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


# --------------------------------------------------------------------------- phrase scanning


def _gap(text: str, a: Tok, b: Tok) -> str:
    return text[a.end : b.start]


def _plain_gap(text: str, a: Tok, b: Tok) -> bool:
    """Only whitespace between the tokens, and not a paragraph break."""
    g = _gap(text, a, b)
    return g.strip() == "" and "\n\n" not in g and len(g) <= 3


def _starts_head_phrase(toks: list[Tok], j: int, text: str) -> bool:
    """Token j starts a new organisation phrase (head noun, adjectives + head, acronym, domain name)."""
    t = toks[j]
    if not t.is_word or not t.is_cap:
        return False
    if is_acronym_token(t.text) and t.text not in stoplist().stop:
        return True
    if head_lemma(t.text, standalone_only=True):
        return True
    h = heads()
    if t.text in h.english or (j + 1 < len(toks) and toks[j + 1].text in h.sentence_case and not is_known(t.text)):
        return True  # "... i Fundación X", "... i Mládežnícka rada Y": a foreign name begins
    k = j
    while k < len(toks) and toks[k].is_word and toks[k].is_cap and adj_analyses(toks[k].text) and k - j < 3:
        if k + 1 < len(toks) and _plain_gap(text, toks[k], toks[k + 1]):
            nxt = toks[k + 1].text
            lem = head_lemma(nxt, standalone_only=True)
            if lem and agrees(adj_analyses(toks[k].text), head_analyses(nxt, lem), case=False):
                return True
        k += 1
    if t.text in heads().english:
        return True
    return match_domain_at(toks, j, text) is not None


def _extend_name(toks: list[Tok], j: int, text: str, head_case_src: tuple[Analysis, ...] | None) -> int:
    """Extend a name from token j (the first token after the head). Returns the end index (exclusive)."""
    conn = heads().connectors
    stop = stoplist().stop
    n = len(toks)
    while j < n:
        prev = toks[j - 1]
        t = toks[j]
        if not _plain_gap(text, prev, t):
            break
        if t.is_word and t.is_cap:
            if _is_function_word(t.text):
                break  # "... Związek Powiatów Polskich\nW ramach projektu"
            lem = head_lemma(t.text)
            if lem and head_case_src is not None and not _genitive_capable(t.text):
                own = {c for a in head_case_src for c in _num_gender_case(a)[2]}
                cand = {c for a in head_analyses(t.text, lem) for c in _num_gender_case(a)[2]}
                if not own & cand:
                    break  # "Na zlecenie Związku Miast Polskich Instytut ..." -> new mention
            if t.text in stop and t.text != "RP" and is_acronym_token(t.text):
                break
            j += 1
            continue
        if t.is_word and t.text.islower():
            word = t.text
            k = j + 1
            if word in ("im", "ds") and k < n and toks[k].text == "." and toks[k].start == t.end:
                word += "."
                k += 1
            if (
                word in conn
                and k < n
                and toks[k].is_word
                and toks[k].is_cap
                and _plain_gap(text, toks[k - 1], toks[k])
            ):
                if _starts_head_phrase(toks, k, text):
                    break
                j = k
                continue
            break
        if t.text in OPEN_QUOTES:
            close = _find_close_quote(toks, j, text)
            if close is not None:
                j = close + 1
                continue
        break
    return j


def _find_close_quote(toks: list[Tok], j: int, text: str) -> int | None:
    """Index of the closing quote of the quoted name opening at j (capitalised content, short)."""
    if j + 1 >= len(toks) or not toks[j + 1].is_cap:
        return None
    for k in range(j + 1, min(j + 12, len(toks))):
        if "\n\n" in _gap(text, toks[k - 1], toks[k]):
            return None
        if k > j + 1 and toks[k].text in CLOSE_QUOTES:
            return k
    return None


class _Span(NamedTuple):
    start: int  # token indices
    end: int
    source: str


def _scan_heads(toks: list[Tok], text: str) -> list[_Span]:
    out: list[_Span] = []
    h = heads()
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if not (t.is_word and t.is_cap):
            i += 1
            continue
        span = _phrase_at(toks, i, text, h)
        if span is None:
            i += 1
            continue
        out.append(span)
        i = span.end
    return out


def _phrase_at(toks: list[Tok], i: int, text: str, h: Heads) -> _Span | None:
    n = len(toks)
    # --- Polish: adjectives* head
    k = i
    while k < n and k - i <= 3:
        t = toks[k]
        if not (t.is_word and t.is_cap):
            break
        if k > i and not _plain_gap(text, toks[k - 1], t):
            break
        lem = head_lemma(t.text, standalone_only=True)
        if lem:
            ha = head_analyses(t.text, lem)
            if all(agrees(adj_analyses(toks[m].text), ha, case=False) for m in range(i, k)):
                info = h.polish[lem]
                end = _extend_name(toks, k + 1, text, ha)
                if end == k + 1 and (info.needs_name or k == i):
                    return None
                return _Span(i, end, "rule")
            return None
        if not adj_analyses(t.text) or is_acronym_token(t.text):
            break
        k += 1
    # --- foreign: Capitalised* EnglishHead (of Capitalised ...)*
    k = i
    while k < n and k - i <= 5:
        t = toks[k]
        if not (t.is_word and t.is_cap) or (k > i and not _plain_gap(text, toks[k - 1], t)):
            break
        if t.text in h.english:
            end = _extend_name(toks, k + 1, text, None)
            if end == k + 1 and k == i:
                return None
            return _Span(i, end, "rule")
        if is_polish_word(t.text) or is_acronym_token(t.text):
            break
        k += 1
    return _foreign_phrase_at(toks, i, text)


def _foreign_phrase_at(toks: list[Tok], i: int, text: str) -> _Span | None:
    """Foreign names the patterns above miss: sentence case with a lowercase head after a capitalised
    word that is not Polish (``Občianske združenie Synagóga Lučenec``, ``Mládežnícka rada Prešovského
    kraja``), and capitalised words closed by a postposed head (``Mozaik Egyesület``)."""
    h, n = heads(), len(toks)
    first = toks[i]
    if not (first.is_word and first.is_cap) or is_acronym_token(first.text):
        return None
    for k in range(i + 1, min(i + 4, n)):
        t = toks[k]
        if not (t.is_word and _plain_gap(text, toks[k - 1], t)):
            break
        if t.text in h.postposed:
            return _Span(i, k + 1, "rule")
        if not t.is_cap:
            break
    nxt = toks[i + 1] if i + 1 < n else None
    if nxt is None or nxt.text not in h.sentence_case or is_known(first.text):
        return None
    if not _plain_gap(text, first, nxt):
        return None
    end = _extend_name(toks, i + 2, text, None)
    # a lowercase word closing a foreign genitive ("Prešovského kraja"), if it is not Polish
    if end > i + 2 and end < n and toks[end].is_word and toks[end].text.islower() \
            and not is_polish_word(toks[end].text) and _plain_gap(text, toks[end - 1], toks[end]):
        end += 1
    return _Span(i, end, "rule")


@cache
def _expansion_openers() -> frozenset[str]:
    """Lemmas of the first words of the kinds' expansions (a quick test before matching them)."""
    return frozenset().union(*(t.expansion[0] for t in type_acronyms().values() if t.expansion))


def _kind_at(toks: list[Tok], i: int) -> tuple[int, TypeAcronym] | None:
    """A kind-of-body acronym or its expansion starting at ``i`` (``LGD``, ``Lokalnej Grupy
    Działania``): (index of the token after it, the kind), else None."""
    types = type_acronyms()
    if toks[i].text in types:
        return i + 1, types[toks[i].text]
    if not _tok_lemmas(toks[i].text) & _expansion_openers():
        return None
    for t in types.values():
        n = len(t.expansion)
        if i + n <= len(toks) and all(
            toks[i + k].is_word and _tok_lemmas(toks[i + k].text) & t.expansion[k] for k in range(n)
        ):
            return i + n, t
    return None


def kind_org_type(toks: list[Tok]) -> str | None:
    """org_type of a name that starts with a kind-of-body acronym or its expansion, else None."""
    kind = _kind_at(toks, 0) if toks else None
    return kind[1].org_type if kind else None


def _scan_type_names(toks: list[Tok], text: str) -> list[_Span]:
    """A kind of local body with the name that makes it one body: ``LGD „Podlaski Przełom Bugu”``,
    ``OSP Podlesie``, ``Lokalna Grupa Działania Ziemi Bialskiej``."""
    out = []
    for i in range(len(toks)):
        if not (toks[i].is_word and toks[i].is_cap):
            continue
        kind = _kind_at(toks, i)
        if kind is None:
            continue
        j = kind[0]
        if j >= len(toks) or not _plain_gap(text, toks[j - 1], toks[j]):
            continue
        nxt = toks[j]
        if nxt.text in OPEN_QUOTES:
            close = _find_close_quote(toks, j, text)
            if close is not None:
                out.append(_Span(i, close + 1, "rule"))
        elif (nxt.is_word and nxt.is_cap and not is_acronym_token(nxt.text) and not _is_function_word(nxt.text)
              and not _starts_head_phrase(toks, j, text)):
            out.append(_Span(i, _extend_name(toks, j, text, None), "rule"))
    return out


def _scan_programmes(toks: list[Tok], text: str) -> list[_Span]:
    """The capitalised name after a lowercase ``programu``.

    ``w ramach programu Obywatele dla Demokracji`` -> ``Obywatele dla Demokracji``.
    """
    out = []
    pw = heads().programme_words
    for i in range(len(toks) - 1):
        if toks[i].text not in pw:
            continue
        j = i + 1
        t = toks[j]
        if not _plain_gap(text, toks[i], t):
            continue
        if t.text in OPEN_QUOTES:
            close = _find_close_quote(toks, j, text)
            inner = toks[j + 1] if j + 1 < len(toks) else None
            if close is not None and inner is not None and inner.is_word and not head_lemma(inner.text):
                # the name part of the quote: „Europa dla Obywateli – środki wsparcia 2013”
                end = min(_extend_name(toks, j + 2, text, None), close)
                out.append(_Span(j + 1, end, "rule"))
            continue
        if not (t.is_word and t.is_cap) or is_acronym_token(t.text) or head_lemma(t.text):
            continue
        end = _extend_name(toks, j + 1, text, None)
        out.append(_Span(j, end, "rule"))
    return out


def _scan_gazetteer(toks: list[Tok], text: str) -> list[_Span]:
    out = []
    for i in range(len(toks)):
        m = match_domain_at(toks, i, text)
        if m:
            out.append(_Span(i, m[0], "gazetteer"))
    return out


_PAREN_RE = re.compile(r"\s?\(([^()\n]{2,24})\)")


def _paren_acronym(text: str, pos: int, end: int) -> tuple[str, int, int] | None:
    """An acronym in parentheses starting at ``pos``: (acronym, start, end) of its content."""
    m = _PAREN_RE.match(text, pos, end)
    if not m:
        return None
    content = m.group(1).strip()
    parts = content.split()
    if not parts or len(parts) > 3:
        return None
    if not all(is_acronym_token(p) for p in parts):
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
        if seq and not _plain_gap(text, t, seq[0]):
            break
        seq.insert(0, t)
        if t.is_cap:
            caps = "".join(_initials(x.text).upper() for x in seq if x.is_cap)
            full = "".join(_initials(x.text).upper() for x in seq)
            if letters in (caps, full):
                best = j
        j -= 1
    return best


def _is_heading_context(toks: list[Tok], i: int, text: str) -> bool:
    """An all-caps word next to a long all-caps Polish word: a heading line, not an acronym."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(toks) and toks[j].is_word and toks[j].text.isupper() and len(toks[j].text) >= 4:
            lo, hi = sorted((toks[i], toks[j]), key=lambda x: x.start)
            if "\n" not in text[lo.end : hi.start] and is_polish_word(toks[j].text):
                return True
    return False


def _acceptable_acronym(tok: Tok, toks: list[Tok], i: int, text: str, defined: set[str]) -> bool:
    w = tok.text
    if not is_acronym_token(w) or w in stoplist().stop or is_roman(w):
        return False
    if norm_acronym(w) in defined or norm_acronym(w) in domain_acronyms() or w in stoplist().allow_known:
        return True
    if len(w) >= 4 and w.isupper() and is_polish_word(w):
        return False
    return not _is_heading_context(toks, i, text)


# --------------------------------------------------------------------------- public API


def find_org_mentions(text: str, start: int = 0, end: int | None = None) -> list[OrgMention]:
    """Organisation mentions in ``text[start:end]``, sorted, non-overlapping, absolute offsets."""
    end = len(text) if end is None else end
    toks = tokenize(text, start, end)
    spans = (_scan_heads(toks, text) + _scan_programmes(toks, text) + _scan_gazetteer(toks, text)
             + _scan_type_names(toks, text))
    chosen = _select(spans)

    mentions: list[OrgMention] = []
    covered: set[int] = set()
    paren_used: set[int] = set()  # token index of the first token inside an attached "(ACR)"
    tok_at = {t.start: idx for idx, t in enumerate(toks)}
    for sp in chosen:
        s, e = toks[sp.start].start, toks[sp.end - 1].end
        if (suffix := _legal_suffix().match(text, e, end)) is not None:
            e = suffix.end()
        elif (family := _designated_family_end(toks[sp.start : sp.end])) is not None:
            e = max(e, programme_designation_end(text, family, end))
        elif _is_programme(toks[sp.start : sp.end]) and (period := _programme_period().match(text, e, end)):
            e = period.end()
        acr = None
        pa = _paren_acronym(text, e, end)
        if pa:
            acr = pa[0]
            paren_used.add(tok_at.get(pa[1], -1))
        mentions.append(OrgMention(text[s:e], s, e, sp.source, acronym=acr))
        covered.update(range(sp.start, sp.end))

    # acronyms defined in parentheses anywhere in the slice
    defined = {norm_acronym(m.acronym) for m in mentions if m.acronym}
    extra: list[OrgMention] = []
    for idx, t in enumerate(toks):
        if t.text != "(" or idx + 1 >= len(toks) or idx + 1 in paren_used or idx in covered:
            continue
        pa = _paren_acronym(text, t.start, end)
        if not pa or not is_acronym_token(pa[0].split()[0]) or pa[0].split()[0] in stoplist().stop:
            continue
        lo = max((i for i in covered if i < idx), default=-1) + 1
        j = _initials_match(toks, pa[0], text, idx, lo)
        if j is not None:
            s, e = toks[j].start, toks[idx - 1].end
            extra.append(OrgMention(text[s:e], s, e, "rule", acronym=pa[0]))
            covered.update(range(j, idx))
            paren_used.add(idx + 1)
            defined.add(norm_acronym(pa[0]))
        else:
            # a bare "(MSWiA)" after an acronym: a mention of its own
            defined.add(norm_acronym(pa[0]))
    mentions += extra

    # bare acronyms
    skip = set(covered)
    for idx in paren_used:
        # tokens inside an attached parenthesis
        k = idx
        while 0 <= k < len(toks) and toks[k].text != ")":
            skip.add(k)
            k += 1
    dom = domain_acronyms()
    i = 0
    while i < len(toks):
        t = toks[i]
        if i in skip or not t.is_word or not _acceptable_acronym(t, toks, i, text, defined) or (
            t.text in type_acronyms() and norm_acronym(t.text) not in defined
        ):
            i += 1  # a kind of body ("LGD") without its name is a common noun
            continue
        j = i + 1
        # "ZGW RP", and "SMO ČR" inside parentheses
        inside_paren = i > 0 and toks[i - 1].text == "("
        while (
            j < len(toks)
            and toks[j].is_word
            and _plain_gap(text, toks[j - 1], toks[j])
            and (toks[j].text == "RP" or (inside_paren and is_acronym_token(toks[j].text)))
        ):
            j += 1
        s, e = t.start, toks[j - 1].end
        src = "gazetteer" if norm_acronym(text[s:e]) in dom else "rule"
        mentions.append(OrgMention(text[s:e], s, e, src, is_acronym=True))
        i = j
    mentions.sort(key=lambda m: (m.char_start, m.char_end))
    return mentions


def _select(spans: list[_Span]) -> list[_Span]:
    """Non-overlapping spans: longer first; on equal spans the gazetteer wins."""
    order = sorted(spans, key=lambda s: (-(s.end - s.start), s.source != "gazetteer", s.start))
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


def merge_mentions(rule: list[OrgMention], model: list[OrgMention]) -> list[OrgMention]:
    """Merge rule mentions with a model's ORG spans.

    Rules win wherever they overlap a model span: they are more specific (they
    split coordinations, attach acronyms, know the domain list). A model span
    that overlaps no rule mention is kept. A model span that covers exactly
    one rule mention and only extends it by capitalised words is NOT used to
    widen it (the rule boundaries are kept). Result sorted by offset.
    """
    out = list(rule)
    for m in model:
        if any(m.char_start < r.char_end and r.char_start < m.char_end for r in rule):
            continue
        out.append(m if m.source == "model" else replace(m, source="model"))
    out.sort(key=lambda m: (m.char_start, m.char_end))
    return out


# --------------------------------------------------------------------------- model ORG spans

class ModelVeto(NamedTuple):
    event_heads: frozenset[str]
    phrases: frozenset[str]


@cache
def model_veto() -> ModelVeto:
    """The data of :func:`model_org_veto` (``model_org_veto.yaml``)."""
    raw = load_yaml("model_org_veto.yaml")
    return ModelVeto(frozenset(str(x).lower() for x in raw["event_heads"]),
                     frozenset(" ".join(str(x).split()).lower() for x in raw["phrases"]))


_PERSON_PLACE = {"imie", "nazw", "geo"}  # SGJP name classes (pipeline.ner.components abbreviations)
_ORG_NAME_CLASSES = {"org", "firma", "nazwa_"}  # SGJP qualifiers of organisation and company names


def person_or_place_name(words: list[str]) -> bool:
    """For morfeusz the span names a person or a place: its words are names (first name, surname, place:
    the most frequent lemma is a proper one, ``Jan Kowalski``, ``Gruzji``, ``Dąbrowy``) or adjectives
    (``Dąbrowy Górniczej``), lowercase connectors aside (``Kazimierz nad Wisłą``); no common noun
    (``Fundacja``, ``Akcja``), no acronym, no word morfeusz does not know (foreign names)."""
    from pipeline.ner.components import morph_features

    has_name = False
    for w in words:
        if w in heads().connectors or w in ("nad", "pod", "przy"):
            continue
        if not w[:1].isupper() or is_acronym_token(w):
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
    from pipeline.ner.components import morph_features

    if is_acronym_token(word) or not word[:1].isupper():
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


def model_org_veto(text: str, char_start: int, char_end: int, entities=(),
                   title: tuple[int, int] | None = None) -> str | None:
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
    * an event, activity or document head noun (``model_org_veto.yaml``: ``Konferencja Miast ...``), or
      such a noun right before the span names it (``projekt „Jasielska Strefa Usług Publicznych”``);

    * title position: the span lies inside the record's ``title`` (start, end): the model over-tags
      capitalised title phrases (``Bezpieczne plaże – Safe Beaches``); acronyms are kept. (Any
      mention that opens the title is the project's own name: :func:`pipeline.extract.record.record_orgs`.)
    * a number first (``4 Grupy Wymiany Doświadczeń``), an all-caps heading (a Polish word in capitals,
      as the rules read it), an enumeration (``Marneuli, Bolnisi i Dmanisi``), a kind of body without
      its name (``LGD``);
    * a place by its position: after a locative preposition with no organisation head noun in the span
      (``w Brzezince i Ostrówku``), or one bracketed word right after a name (``... Comunitate (Sybin)``,
      the body's seat)."""
    surface = text[char_start:char_end]
    words = surface.split()
    if not words or not words[0][:1].isalpha():
        return "no word"  # punctuation, or a number ("4 Grupy Wymiany"): a count, not a name
    if title is not None and title[0] <= char_start and char_end <= title[1] and title[0] < title[1] \
            and not all(is_acronym_token(w) for w in words):
        return "in the record's title"
    veto = model_veto()
    if " ".join(words).lower() in veto.phrases:
        return "stoplist"
    if len(words) == 1 and words[0] in type_acronyms():
        return "a kind of body without its name"  # "LGD", "OSP": a common noun, as for the rules
    if all(is_acronym_token(w) for w in words):
        if surface in stoplist().stop or any(w in stoplist().stop for w in words) or any(is_roman(w) for w in words):
            return "stoplist"
        if text[char_start - 1 : char_start] == "(":
            return "acronym defining the name before it"
        return None
    if re.search(r"\w,\s", surface):
        return "an enumeration"  # "Marneuli, Bolnisi i Dmanisi": several names, not one
    if words[0] in stoplist().stop and words[0] != "RP":
        return "stoplist"  # "PDF & Email", "JST Podkarpacia"
    for e in entities:
        if e.label in ("PER", "LOC") and _overlap(e.char_start, e.char_end, char_start, char_end) >= 0.8:
            return "person or place reading (model)"
    if person_or_place_name(words):
        return "person or place name (morfeusz)"
    if _after_locative(text, char_start) and not any(head_lemma(w) or heads().foreign(w) for w in words):
        return "a place after a locative preposition"  # "w Brzezince i Ostrówku", "w Sybinie"
    if len(words) == 1 and text[char_start - 1 : char_start] == "(" and text[char_end : char_end + 1] == ")" \
            and re.search(r"\w\s*$", text[max(0, char_start - 3) : char_start - 1]):
        return "a bracketed word after a name (its seat)"  # "Asociația Tineri pentru Comunitate (Sybin)"
    if len(words) > 1 and any(len(w) >= 4 and w.isupper() and is_polish_word(w) for w in words):
        return "an all-caps heading"  # "USŁUGI GEODEZYJNE I KARTOGRAFICZNE": the rules skip these too
    if len(words) == 1 and common_noun_only(words[0]):
        return "a common noun alone"  # "Fundusz", "Biblioteka": a reference to a body named elsewhere
    head = _span_head(words)
    if head is not None and head in veto.event_heads:
        return "event or activity head"
    if _named_event_before(text, char_start):
        return "the name of a project or event"
    return None


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
_NAME_LINKS = ("im.", "pw.")  # "Szkoła Podstawowa im.", "Parafia pw.": the name follows
_LINK_WORD = re.compile(r"[ \t]+((?:Św\.|św\.|bł\.|Bł\.|[^\W\d_][^\W_]*(?:-[^\W\d_][^\W_]*)*))")


def trim_model_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Fix a model span's edges: an unpaired quote at either end is dropped (``Kraina Dinozaurów”``),
    so are trailing punctuation and whitespace; a span ending in ``im.`` or ``pw.`` is carried over
    the capitalised name words after it (``Parafia Prawosławna pw. Świętej Trójcy``)."""
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
    words = text[start:end].split()
    if words and words[-1] in _NAME_LINKS:
        n = 0
        while n < 4 and (m := _LINK_WORD.match(text, end)) and m.group(1)[:1].isupper():
            end, n = m.end(), n + 1
    return start, end


_FORM_VETOES = ("stoplist", "no word", "acronym defining the name before it")


def model_mention(text: str, e, entities=(), title: tuple[int, int] | None = None) -> OrgMention | None:
    """A model (or domain-list ruler) ORG entity as a mention, its edges fixed (:func:`trim_model_span`),
    unless :func:`model_org_veto` vetoes it (a domain-list span only by the stoplist); the beam's
    probability stays on it as ``confidence``."""
    start, end = (e.char_start, e.char_end) if e.source == "gazetteer" else trim_model_span(
        text, e.char_start, e.char_end)
    if start >= end:
        return None
    reason = model_org_veto(text, start, end, entities, title)
    if reason is not None and (e.source != "gazetteer" or reason in _FORM_VETOES):
        return None  # the domain list is curated: only what the span's form says overrides it
    surface = text[start:end]
    acronym = all(is_acronym_token(w) for w in surface.split())
    source = "gazetteer" if e.source == "gazetteer" else "model"
    return OrgMention(surface, start, end, source, is_acronym=acronym, confidence=getattr(e, "confidence", None))
