"""Organisation resolution: canonical nominative names and one id per body.

``canonical_name(text)`` puts an organisation name as written in the text into
the nominative: the head noun and the adjectives agreeing with it (before and
after it) are inflected with morfeusz2 (``Związkiem Powiatów Polskich`` ->
``Związek Powiatów Polskich``, ``Polsko-Amerykańskiej Fundacji Wolności`` ->
``Polsko-Amerykańska Fundacja Wolności``); the genitive dependents and
everything else are kept as written; foreign names are kept.

``resolve_organisations(mentions)`` groups the (project_id, mention) pairs of
the whole dataset into organisations: same nominative name, an acronym
defined in the text (``Związku Powiatów Polskich (ZPP)``), the acronyms and
aliases of the domain list (``MSZ`` = ``Ministerstwo Spraw Zagranicznych``),
acronym spelling variants (``ZGW RP`` = ``ZGWRP``) and near-identical names
(rapidfuzz; ``resolve.fuzzy_threshold`` below, overridable).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from pipeline.core.datatypes import Organisation, OrgMention
from pipeline.extract.orgs.domain_list import domain_acronyms, match_domain_name, norm_acronym
from pipeline.extract.orgs.kinds import kind_org_type
from pipeline.extract.orgs.morphology import adj_analyses, agrees, head_analyses, head_lemma
from pipeline.extract.orgs.programmes import designated_family
from pipeline.extract.orgs.tokens import tokenize
from pipeline.extract.orgs.vocab import ORG_TYPES, check_org_type, heads
from pipeline.ruledata.domain_orgs import domain_orgs
from pipeline.text.acronyms import is_acronym
from pipeline.text.morph import Analysis, generate

__all__ = [
    "ORG_TYPES",
    "FUZZY_THRESHOLD",
    "canonical_name",
    "org_type_of",
    "resolve_organisations",
    "slugify",
]

# Names of two mentions whose rapidfuzz ratio is at least this (and whose first
# word is the same, and whose acronyms/domain entries do not conflict) are one
# body: "Związek Powiatów Polski" (typo) = "Związek Powiatów Polskich",
# "Związek Gmin Wiejskich" = "Związek Gmin Wiejskich RP".
FUZZY_THRESHOLD = 92.0


# --------------------------------------------------------------------------- morphology


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


def _nominative_adj(word: str, number: str, gender: set[str]) -> str:
    """An adjective (possibly hyphenated: inflect the last part) in the nominative."""
    prefix, sep, last = word.rpartition("-")
    ads = adj_analyses(last)
    if not ads:
        return word
    for g in generate(ads[0].lemma):
        gs = _slots(g.tag)
        if g.pos == "adj" and number in gs[1] and "nom" in gs[2] and gs[3] & gender and "pos" in gs[-1]:
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


def _strict_common_noun(word: str) -> str | None:
    """A common noun that cannot be read as an adjective (``Norweskim`` can, so it is not a head)."""
    if adj_analyses(word):
        return None
    return _common_noun_lemma(word)


def head_analyses_any(word: str) -> tuple[Analysis, ...]:
    from pipeline.text.morph import analyse

    return tuple(a for a in analyse(word) if a.pos == "subst" and a.lemma[:1].islower())


@lru_cache(maxsize=65536)
def canonical_name(text: str) -> str:
    """Nominative form of an organisation name as written (whitespace normalised); cached, as a corpus
    writes the same names over and over."""
    norm = re.sub(r"\s+", " ", text).strip()
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
            if finder(t.text):
                h = i
                break
            if not adj_analyses(t.text):
                break
        if h is not None:
            break
    if h is None:
        return norm
    lem = head_lemma(toks[h].text) or _common_noun_lemma(toks[h].text)
    assert lem is not None
    has = head_analyses(toks[h].text, lem)
    pre = [i for i in range(h)]
    # number: singular unless the head (with its adjectives) can only be plural
    numbers = [n for n in ("sg", "pl") if any(n in _slots(a.tag)[1] for a in has)]
    number = numbers[0] if numbers else "sg"
    head_an = next(a for a in has if number in _slots(a.tag)[1])
    gender = _slots(head_an.tag)[3]
    new = {h: _nominative_noun(toks[h].text, head_an, number)}
    for i in pre:
        new[i] = _nominative_adj(toks[i].text, number, gender)
    # adjectives after the head that agree with it in case, number and gender
    same_num = tuple(a for a in has if number in _slots(a.tag)[1])
    j = h + 1
    while j < len(toks) and toks[j].is_word and toks[j].is_cap:
        ads = tuple(a for a in adj_analyses(toks[j].text) if number in _slots(a.tag)[1])
        if not ads or not agrees(ads, same_num, case=True) or head_lemma(toks[j].text):
            break
        new[j] = _nominative_adj(toks[j].text, number, gender)
        j += 1
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


_PL = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")


def slugify(name: str) -> str:
    s = name.translate(_PL)
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")
    s = re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")
    return s or "org"


def _initials_variants(name: str) -> set[str]:
    """Initials of a name, with and without its lowercase connectors (``Ministerstwo Spraw Wewnętrznych i
    Administracji`` -> MSWIA, MSWA)."""
    words = [w for w in re.split(r"\s+", name) if w and w[0].isalpha()]
    caps = "".join(p[0] for w in words if w[0].isupper() for p in w.split("-") if p).upper()
    full = "".join(p[0] for w in words for p in w.split("-") if p).upper()
    return {caps, full} if len(caps) >= 2 else set()


def _name_key(name: str) -> str:
    s = re.sub(r"[„”“\"«»]", '"', name)
    return re.sub(r"\s+", " ", s).strip().casefold()


# --------------------------------------------------------------------------- resolution


def _weighted(items) -> Counter:
    """Counter of (value, weight) pairs; keys in order of first appearance."""
    out: Counter = Counter()
    for value, n in items:
        out[value] += n
    return out


class _UF:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class Form(NamedTuple):
    """What resolution reads of a mention: two mentions of one form always resolve to the same body."""

    text: str
    is_acronym: bool
    acronym: str | None


def mention_form(m: OrgMention) -> Form:
    return Form(m.text, m.is_acronym, m.acronym)


class Forms:
    """The distinct mention forms of a dataset, in order of first appearance, with how often each occurs.

    Resolution works on forms, not mentions, so what it holds grows with the number of distinct names,
    not with the corpus: a name repeated on a thousand pages is one entry."""

    def __init__(self) -> None:
        self.count: dict[Form, int] = {}

    def add(self, m: OrgMention) -> None:
        f = mention_form(m)
        self.count[f] = self.count.get(f, 0) + 1

    def __len__(self) -> int:
        return len(self.count)


def resolve_organisations(
    mentions: list[tuple[str, OrgMention]],
    fuzzy_threshold: float = FUZZY_THRESHOLD,
) -> tuple[list[Organisation], dict[tuple[str, int], str]]:
    """Distinct organisations of the whole dataset and (project_id, mention.char_start) -> org_id."""
    forms = Forms()
    for _pid, m in mentions:
        forms.add(m)
    orgs, of_form = resolve_forms(forms, fuzzy_threshold)
    return orgs, {(pid, m.char_start): of_form[mention_form(m)] for pid, m in mentions}


def resolve_forms(forms: Forms, fuzzy_threshold: float = FUZZY_THRESHOLD) -> tuple[list[Organisation], dict[Form, str]]:
    """Distinct organisations of the whole dataset and mention form -> org_id.

    Frequencies (which name and acronym a body takes) count every occurrence of a form; ties go to
    the form seen first, as if every mention were resolved one by one."""
    dom = domain_orgs()
    dom_acr = domain_acronyms()
    uf = _UF()
    mentions = [(n, form) for form, n in forms.count.items()]  # (occurrences, form)
    canon: list[str | None] = []
    for idx, (_n, m) in enumerate(mentions):
        node = f"m:{idx}"
        uf.find(node)
        if m.is_acronym:
            canon.append(None)
            a = norm_acronym(m.text)
            uf.union(node, f"a:{a}")
            if a in dom_acr:
                uf.union(node, f"d:{dom_acr[a]}")
            continue
        name = canonical_name(m.text)
        canon.append(name)
        uf.union(node, f"n:{_name_key(name)}")
        di = match_domain_name(name)
        if di is None:
            di = match_domain_name(re.sub(r"\s+", " ", m.text).strip())
        if di is not None:
            uf.union(node, f"d:{di}")
        if m.acronym:
            a = norm_acronym(m.acronym)
            # a defined acronym links to this body, unless the domain list gives it to another one
            if a not in dom_acr or di is None or dom_acr[a] == di:
                uf.union(node, f"a:{a}")
    # acronym nodes of domain entries join their entry (only if the acronym is unambiguous)
    for a, di in dom_acr.items():
        if f"a:{a}" in uf.parent:
            uf.union(f"a:{a}", f"d:{di}")

    # fuzzy: near-identical nominative names
    by_key: dict[str, str] = {}
    for name in canon:
        if name:
            by_key.setdefault(_name_key(name), name)
    keys = sorted(by_key)

    def comp_info(root: str) -> tuple[set[str], set[str]]:
        return dom_of[root], acr_of[root]

    dom_of: dict[str, set[str]] = defaultdict(set)
    acr_of: dict[str, set[str]] = defaultdict(set)

    def refresh() -> None:
        dom_of.clear()
        acr_of.clear()
        for x in list(uf.parent):
            r = uf.find(x)
            if x.startswith("d:"):
                dom_of[r].add(x)
            elif x.startswith("a:"):
                acr_of[r].add(x)

    refresh()
    # only names with the same first word are compared: bucket them (same pairs, same order as
    # comparing every pair, without the quadratic walk over the whole dataset's names)
    buckets: dict[str, list[str]] = defaultdict(list)
    position: dict[str, int] = {}
    for k in keys:
        bucket = buckets[k.split(" ", 1)[0]]
        position[k] = len(bucket)
        bucket.append(k)
    for k1 in keys:
        for k2 in buckets[k1.split(" ", 1)[0]][position[k1] + 1 :]:
            if fuzz.ratio(k1, k2) < fuzzy_threshold:
                continue
            r1, r2 = uf.find(f"n:{k1}"), uf.find(f"n:{k2}")
            if r1 == r2:
                continue
            d1, a1 = comp_info(r1)
            d2, a2 = comp_info(r2)
            if (d1 and d2 and d1 != d2) or (a1 and a2 and not a1 & a2):
                continue
            uf.union(r1, r2)
            refresh()

    # a bare acronym nobody defined: link it to the one named body whose initials spell it
    # ("ISP" -> Instytut Spraw Publicznych, "PRI" -> Program Rozwoju Instytucjonalnego)
    by_initials: dict[str, set[str]] = defaultdict(set)
    for idx, name in enumerate(canon):
        if name:
            for ini in _initials_variants(name):
                by_initials[ini].add(uf.find(f"m:{idx}"))
    named_idx = [j for j, c in enumerate(canon) if c]

    def named_roots() -> set[str]:
        return {uf.find(f"m:{j}") for j in named_idx}

    named = named_roots()  # roots of groups that have a written name (recomputed after each union)
    for idx, (_pid, m) in enumerate(mentions):
        if not m.is_acronym:
            continue
        root = uf.find(f"m:{idx}")
        if root in named:
            continue
        cands = {uf.find(r) for r in by_initials.get(norm_acronym(m.text), ())}
        if len(cands) == 1:
            other = next(iter(cands))
            d1, a1 = comp_info(root)
            d2, a2 = comp_info(other)
            if not (d1 and d2 and d1 != d2) and not (a1 and a2 and not a1 & a2):
                uf.union(root, other)
                refresh()
                named = named_roots()

    # groups
    groups: dict[str, list[int]] = defaultdict(list)
    for idx in range(len(mentions)):
        groups[uf.find(f"m:{idx}")].append(idx)
    refresh()

    drafts = []
    for root, idxs in groups.items():
        dnodes = sorted(dom_of.get(root, ()))
        entry = dom[int(dnodes[0][2:])] if dnodes else None
        names = [i for i in idxs if canon[i]]
        if entry is not None:
            name = entry.name
        elif names:
            freq = _weighted((canon[i], mentions[i][0]) for i in names)
            first = {n: k for k, n in reversed(list(enumerate(canon[i] for i in names)))}
            name = max(freq, key=lambda n: (len(n.split()), freq[n], -first[n]))
        else:
            freq = _weighted((re.sub(r"\s+", " ", mentions[i][1].text), mentions[i][0]) for i in idxs)
            name = max(freq, key=lambda n: (freq[n], -len(n)))
        # acronym as used in the text: defined in parentheses first, else the most frequent bare acronym
        defined = [(mentions[i][1].acronym, mentions[i][0]) for i in idxs if mentions[i][1].acronym]
        bare = [(re.sub(r"\s+", " ", mentions[i][1].text), mentions[i][0]) for i in idxs if mentions[i][1].is_acronym]
        acronym = None
        if bare or defined:
            freq = _weighted(bare + defined)
            defined_set = {a for a, _n in defined}
            acronym = max(freq, key=lambda a: (freq[a], a in defined_set, -len(a)))
        if entry is not None:
            org_type = entry.org_type
        elif names:
            org_type = org_type_of(name)
        else:
            org_type = "other"
        check_org_type(org_type, f"organisation {name!r}")
        drafts.append((name, acronym, org_type, idxs))

    # stable ids: slug of the name; clashes get the acronym, then a counter
    drafts.sort(key=lambda d: (d[0], d[1] or ""))
    used: set[str] = set()
    orgs: list[Organisation] = []
    mapping: dict[Form, str] = {}
    for name, acronym, org_type, idxs in drafts:
        oid = slugify(name)
        if oid in used and acronym:
            oid = f"{oid}-{slugify(acronym)}"
        base, n = oid, 2
        while oid in used:
            oid = f"{base}-{n}"
            n += 1
        used.add(oid)
        orgs.append(Organisation(oid, name, acronym, org_type))
        for i in idxs:
            mapping[mentions[i][1]] = oid
    orgs.sort(key=lambda o: o.org_id)
    return orgs, mapping
