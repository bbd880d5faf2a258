"""Roles of organisations in a project record (lead, partner, funder, participant, other).

``assign_roles`` splits the record into sentences
(:func:`pipeline.text.sentences.split_sentences`, label lines kept apart) and
gives each organisation mention the role of the nearest cue phrase that governs
it (cue phrases, their scope and strength are data:
``pipeline/data/role_cues.yaml``): an :class:`~pipeline.core.datatypes.Assignment`
keeping the cue's span and text as evidence and its strength. ``record_roles`` / ``org_roles`` reduce that to one
role per organisation and record (the strongest cue; ties broken by the
priority list of the data file). ``section_roles`` reads a sub-heading that
names a funder for all the records under it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from typing import NamedTuple

from pipeline.core.datatypes import Assignment, OrgMention, OrgRole
from pipeline.extract.orgs import find_org_mentions
from pipeline.ruledata.resources import load_yaml
from pipeline.text.morph import FINITE_POS, analyse
from pipeline.text.sentences import split_sentences
from schemas import fields

ROLES: tuple[str, ...] = fields.ROLES  # the closed vocabulary lives in schemas/fields.py
SCOPES = ("after", "before", "both")


class Cue(NamedTuple):
    role: str
    regex: re.Pattern[str]
    scope: str
    strength: int


class CueData(NamedTuple):
    cues: tuple[Cue, ...]
    priority: tuple[str, ...]
    reach: int
    subject_reach: int
    section_funder: tuple[re.Pattern[str], ...]


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)


@cache
def cue_data() -> CueData:
    raw = load_yaml("role_cues.yaml")
    cues = []
    for c in raw["cues"]:
        if c["role"] not in ROLES:
            raise ValueError(f"role_cues.yaml: unknown role {c['role']!r}")
        if c["scope"] not in SCOPES:
            raise ValueError(f"role_cues.yaml: unknown scope {c['scope']!r}")
        cues.append(Cue(c["role"], _compile(c["pattern"]), c["scope"], int(c["strength"])))
    priority = tuple(raw["priority"])
    if sorted(priority) != sorted(ROLES):
        raise ValueError("role_cues.yaml: priority must list every role once")
    return CueData(
        tuple(cues),
        priority,
        int(raw["reach"]),
        int(raw["subject_reach"]),
        tuple(_compile(p) for p in raw["section_funder_cues"]),
    )


# --------------------------------------------------------------------------- roles in a sentence

_COORD_RE = re.compile(
    r"^\s*\)?\s*(?:\([^()]{0,60}\)\s*)?"
    r"(?:[-–—]\s*[a-ząćęłńóśźż][^,;.:()\n]{0,30}?(?=,))?"  # an apposition: "A - lider projektu, B, C"
    r"(?:\(\s*"  # "MAiC (MSWiA)"
    r"|,\s*(?:(?:a także|oraz|i|jak i)\s+)?"
    r"|(?:i|oraz|a także|lub|albo|jak i|czy)\s+)"
    r"(?:[a-ząćęłńóśźż]+\s+)?$"
)


def _coordinated(text: str, a: OrgMention, b: OrgMention) -> bool:
    return bool(_COORD_RE.match(text[a.char_end : b.char_start]))


def _chain(text: str, ms: list[OrgMention], i: int, limit: int | None = None) -> list[int]:
    out = [i]
    while i + 1 < len(ms) and _coordinated(text, ms[i], ms[i + 1]):
        if limit is not None and ms[i + 1].char_end > limit:
            break
        i += 1
        out.append(i)
    return out


def _words(text: str, a: int, b: int) -> int:
    return len(re.findall(r"\w+", text[a:b]))


class _Candidate(NamedTuple):
    distance: int  # characters between the cue and the mention
    cue: Cue
    start: int  # the cue's span
    end: int

    def rank(self) -> tuple[int, int, int]:
        """Nearest cue first, then the strongest, then the earliest."""
        return (self.distance, -self.cue.strength, self.start)


def _cues_in(text: str, s: int, e: int, ms: list[OrgMention]) -> list[tuple[Cue, int, int]]:
    """The cues in ``text[s:e]`` outside the names of the mentions (``Fundusz Grantowy dla Płocka``,
    ``Klub Sportowy „Orzeł”``: words of a name are no cue). A pattern's group named ``cue`` is the cue
    itself, the rest its context, which may hold names (``programu „X” Fundacji Y realizowanego przez``)."""
    out = []
    for cue in cue_data().cues:
        for m in cue.regex.finditer(text, s, e):
            a, b = m.span("cue") if "cue" in cue.regex.groupindex else m.span()
            if not any(o.char_start < b and a < o.char_end for o in ms):
                out.append((cue, a, b))
    return out


def _first_after(ms: list[OrgMention], pos: int) -> int | None:
    return next((i for i, m in enumerate(ms) if m.char_start >= pos), None)


_TITLE_MARK = re.compile(r"(?<!\w)(?:pt|pn)\.|pod (?:nazwą|tytułem)", re.IGNORECASE)


def _governed_after(text: str, ms: list[OrgMention], ce: int, reach: int, verbs_break: bool = True) -> list[int]:
    """The mentions a cue governs forward: the first one within ``reach`` words, and those coordinated with it;
    not past a title's marker (``grant pt. „Termomodernizacja budynku Ochotniczej Straży Pożarnej”``: a body
    named in the project's title is not what the cue is about), nor past a finite verb when ``verbs_break``
    (an inverted subject may follow one: "Honorowy patronat nad projektem objęła Fundacja X")."""
    first = _first_after(ms, ce)
    if first is None or _words(text, ce, ms[first].char_start) > reach:
        return []
    if _TITLE_MARK.search(text, ce, ms[first].char_start):
        return []
    if verbs_break and _verb_between(text, ce, ms[first].char_start):
        return []
    return _chain(text, ms, first)


COPULAS = frozenset({"być", "zostać"})  # "Realizatorem projektu był X": the copula's subject is what the noun names


def _verb_between(text: str, a: int, b: int) -> bool:
    """A finite verb stands between a cue and a mention: the mention is that verb's subject or object, not
    what the cue names ("Z przyznanego grantu zrezygnowało Stowarzyszenie X": X gave the grant up, it did
    not pay it)."""
    for w in re.findall(r"[^\W\d_]+", text[a:b]):
        found = analyse(w)
        tags = {x.pos for x in found}
        if tags and tags <= FINITE_POS and not {x.lemma for x in found} & COPULAS:
            return True
    return False


_APPOSITION = re.compile(r"\s*[-–—]\s*")


def _labelled(text: str, ms: list[OrgMention], found: list[tuple[Cue, int, int]]) -> set[int]:
    """Mentions whose own apposition is a role cue ("Gmina X - lider projektu, Gmina Y, ..."): the label
    after the dash decides their role, not a cue that governs the list they stand in."""
    starts = [cs for cue, cs, _ in found if cue.scope != "after"]
    return {i for i, m in enumerate(ms) if any(_APPOSITION.fullmatch(text, m.char_end, cs) for cs in starts)}


_RELATIVE = re.compile(r"\s*[,–—-]?\s*któr(?:y|a|e|zy)\b[^,.;:()\n]*", re.IGNORECASE)


def _subjects(text: str, ms: list[OrgMention], cs: int, since: int, covered_after: set[int]) -> list[int]:
    """The mentions a subject-taking cue at ``cs`` governs: the antecedent of the relative pronoun it follows
    ("Stowarzyszenie X – które otrzymało 1.000,00 zł": X), else the earliest mention of its clause that no
    ``after`` cue governs, with those coordinated with it."""
    last = max((i for i, m in enumerate(ms) if since <= m.char_start and m.char_end <= cs), default=None)
    if last is not None and _RELATIVE.fullmatch(text, ms[last].char_end, cs):
        return [last]
    before = [i for i, m in enumerate(ms) if since <= m.char_start and m.char_end <= cs and i not in covered_after]
    return _chain(text, ms, before[0], limit=cs) if before else []


def _previous_verb_end(verbs: list[tuple[int, int]], cs: int) -> int:
    """The end of the last subject-taking cue before ``cs`` in the sentence (0: none): a clause's subject
    stands after the previous clause's verb ("A otrzyma 6900 zł ..., B otrzyma 3500 zł ..., zaś C otrzyma
    1100 zł": C is the subject of the third ``otrzyma``, not A)."""
    return max((e for s, e in verbs if e <= cs), default=0)


def _sentence_roles(text: str, s: int, e: int, ms: list[OrgMention]) -> dict[int, _Candidate]:
    """mention index (in ms) -> the cue that governs it in one sentence."""
    data = cue_data()
    found = _cues_in(text, s, e, ms) if ms else []
    cands: dict[int, list[_Candidate]] = {}
    covered_after: set[int] = set()
    labelled = _labelled(text, ms, found)
    for cue, cs, ce in found:
        if cue.scope == "after":
            for i in _governed_after(text, ms, ce, data.reach):
                if i in labelled:
                    continue
                cands.setdefault(i, []).append(_Candidate(ms[i].char_start - ce, cue, cs, ce))
                covered_after.add(i)
    verbs = sorted((cs, ce) for cue, cs, ce in found if cue.scope != "after")
    for cue, cs, ce in found:
        if cue.scope == "after":
            continue
        before = _subjects(text, ms, cs, _previous_verb_end(verbs, cs), covered_after)
        if before:
            for i in before:
                cands.setdefault(i, []).append(_Candidate(cs - ms[i].char_end, cue, cs, ce))
        elif cue.scope == "both":
            for i in _governed_after(text, ms, ce, data.subject_reach, verbs_break=False):
                cands.setdefault(i, []).append(_Candidate(ms[i].char_start - ce, cue, cs, ce))
    return {i: min(lst, key=_Candidate.rank) for i, lst in cands.items()}


def assign_roles(text: str, record_start: int, record_end: int, mentions: list[OrgMention]) -> list[Assignment]:
    """Role of every mention inside the record, with the cue that decided it (its span, text and
    strength); a mention no cue governs is ``other``, without a cue."""
    ms = sorted(
        (m for m in mentions if record_start <= m.char_start < record_end),
        key=lambda m: (m.char_start, m.char_end),
    )
    spans = [(m.char_start, m.char_end) for m in ms]
    out: list[Assignment] = []
    for s, e in split_sentences(text, record_start, record_end, spans, continued_lines=False):
        sent = [m for m in ms if s <= m.char_start < e]
        roles = _sentence_roles(text, s, e, sent)
        for i, m in enumerate(sent):
            c = roles.get(i)
            out.append(
                Assignment(m, c.cue.role, (c.start, c.end), text[c.start : c.end], c.cue.strength)
                if c
                else Assignment(m, "other")
            )
    return out


class RecordRole(NamedTuple):
    """An organisation's one role in a record: its first mention there and the assignment that won."""

    org_id: str
    mention: OrgMention
    assignment: Assignment


def record_roles(assigned: list[Assignment], org_id_of: Callable[[OrgMention], str]) -> list[RecordRole]:
    """One role per organisation in a record, in the order of their first mentions.

    The role with the strongest cue wins; ties go by ``priority`` in role_cues.yaml.
    """
    prio = {r: i for i, r in enumerate(cue_data().priority)}
    first: dict[str, OrgMention] = {}
    best: dict[str, Assignment] = {}
    for a in sorted(assigned, key=lambda x: x.mention.char_start):
        oid = org_id_of(a.mention)
        first.setdefault(oid, a.mention)
        if oid not in best or (a.strength, -prio[a.role]) > (best[oid].strength, -prio[best[oid].role]):
            best[oid] = a
    return [RecordRole(oid, first[oid], best[oid]) for oid in first]


def org_roles(project_id: str, assigned: list[Assignment], org_id_of: Callable[[OrgMention], str]) -> list[OrgRole]:
    """``record_roles`` as :class:`OrgRole` rows (project_organisations table)."""
    out = []
    for oid, m, a in record_roles(assigned, org_id_of):
        span = a.cue_span
        out.append(
            OrgRole(
                project_id,
                oid,
                a.role,
                m.char_start,
                m.char_end,
                cue=a.cue_text,
                cue_start=span[0] if span else None,
                cue_end=span[1] if span else None,
            )
        )
    return out


def phrase_strength(role: str, phrase: str) -> int:
    """What ``phrase`` is worth as a cue for ``role``: the strength of the strongest such cue it is
    (0: none). For cues found outside the cue list (a heading's funding phrase)."""
    return max((c.strength for c in cue_data().cues if c.role == role and c.regex.fullmatch(phrase)), default=0)


def section_roles(heading_text: str, heading_start: int) -> list[Assignment]:
    """Funders named by a section heading (``Projekty polsko-niemieckie, wsparcie Fundacji Współpracy
    Polsko-Niemieckiej``), with absolute offsets; the caller applies them to the records under the heading.
    Organisations a heading names without a funding cue, or further from it than a cue reaches
    (``reach`` of role_cues.yaml, and those coordinated with the first), are not returned."""
    cue = None
    for rx in cue_data().section_funder:
        m = rx.search(heading_text)
        if m and (cue is None or m.start() < cue[0]):
            cue = (m.start(), m.end())
    if cue is None:
        return []
    phrase = heading_text[cue[0] : cue[1]]
    span, strength = (cue[0] + heading_start, cue[1] + heading_start), phrase_strength("funder", phrase)
    out: list[Assignment] = []
    found = find_org_mentions(heading_text)
    governed = set(_governed_after(heading_text, found, cue[1], cue_data().reach))
    for i, mention in enumerate(found):
        if i not in governed:
            continue  # "wnioski, które otrzymały dofinansowanie ... z Gminy X": not what the cue names
        shifted = replace(
            mention, char_start=mention.char_start + heading_start, char_end=mention.char_end + heading_start
        )
        out.append(Assignment(shifted, "funder", span, phrase, strength))
    return out
