"""Roles of organisations in a project record (lead, partner, funder, participant, other).

``assign_roles`` splits the record into sentences and gives each organisation
mention the role of the nearest cue phrase that governs it (cue phrases, their
scope and strength are data: ``pipeline/data/role_cues.yaml``), keeping the
cue's span as evidence. ``record_roles`` / ``org_roles`` reduce that to one
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

from pipeline.core.datatypes import OrgMention, OrgRole
from pipeline.extract.orgs import find_org_mentions
from pipeline.ruledata.resources import load_yaml
from schemas import fields

ROLES: tuple[str, ...] = fields.ROLES  # the closed vocabulary lives in schemas/fields.py
SCOPES = ("after", "before", "both")

Assigned = tuple[OrgMention, str, "tuple[int, int] | None"]


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


# --------------------------------------------------------------------------- sentences

ABBREVIATIONS = frozenset(
    {
        "r",
        "tzw",
        "m.in",
        "in",
        "dot",
        "pt",
        "ok",
        "np",
        "tj",
        "ww",
        "im",
        "ds",
        "św",
        "ul",
        "al",
        "prof",
        "dr",
        "hab",
        "inż",
        "mgr",
        "nr",
        "tys",
        "mln",
        "mld",
        "ang",
        "łac",
        "gen",
        "płk",
        "ks",
        "godz",
        "min",
        "ust",
        "art",
        "pkt",
        "poz",
        "ryc",
        "rys",
        "tab",
        "zob",
        "por",
        "wg",
        "itp",
        "itd",
        "jw",
        "sp",
        "tel",
        "woj",
        "pow",
        "gm",
    }
)
_END_RE = re.compile(r"[.!?…]+[”\"»)]?(?=\s)")


def split_sentences(
    text: str, start: int, end: int, keep_together: list[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]``.

    Boundaries: ``. ! ?`` followed by whitespace and a capital, quote or digit
    (not after an abbreviation such as ``r.``, ``tzw.``, ``m.in.``, ``dot.``,
    ``pt.``, ``ok.`` or an initial), a blank line, and a line break followed
    by a capital unless the break lies inside one of ``keep_together`` (the
    organisation mentions: ``Międzynarodowym\\nCentrum``).
    """
    cuts: set[int] = set()
    seg = text[start:end]
    for m in _END_RE.finditer(seg):
        j = m.end()
        k = j
        while k < len(seg) and seg[k].isspace():
            k += 1
        if k >= len(seg) or not (seg[k].isupper() or seg[k].isdigit() or seg[k] in '„"“«'):
            continue
        if seg[m.start()] == ".":
            w = re.search(r"([\w.]+)$", seg[max(0, m.start() - 40) : m.start()])  # the word before the dot
            word = w.group(1).lower() if w else ""
            if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
        cuts.add(start + j)
    for m in re.finditer(r"\n\s*\n", seg):
        cuts.add(start + m.start())
    for m in re.finditer(r"\n(?=\s*[^\W\d_])", seg):
        nxt = seg[m.end() :].lstrip()[:1]
        if nxt.isupper():
            pos = start + m.start()
            if not any(s < pos < e for s, e in keep_together):
                cuts.add(pos)
    bounds = sorted(c for c in cuts if start < c < end)
    out = []
    prev = start
    for c in bounds + [end]:
        if text[prev:c].strip():
            out.append((prev, c))
        prev = c
    return out


# --------------------------------------------------------------------------- roles in a sentence

_COORD_RE = re.compile(
    r"^\s*\)?\s*(?:\([^()]{0,60}\)\s*)?"
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


def _sentence_roles(
    text: str, s: int, e: int, ms: list[OrgMention]
) -> dict[int, tuple[str, tuple[int, int], int]]:
    """mention index (in ms) -> (role, cue span, strength) for one sentence."""
    data = cue_data()
    found: list[tuple[Cue, int, int]] = []
    for cue in data.cues:
        for m in cue.regex.finditer(text, s, e):
            found.append((cue, m.start(), m.end()))
    if not found or not ms:
        return {}
    cands: dict[int, list[tuple[int, int, Cue, int, int]]] = {}  # idx -> (distance, -strength, cue, cs, ce)

    def add(i: int, dist: int, cue: Cue, cs: int, ce: int) -> None:
        cands.setdefault(i, []).append((dist, -cue.strength, cue, cs, ce))

    covered_after: set[int] = set()
    for cue, cs, ce in found:
        if cue.scope != "after":
            continue
        first = next((i for i, m in enumerate(ms) if m.char_start >= ce), None)
        if first is None or _words(text, ce, ms[first].char_start) > data.reach:
            continue
        for i in _chain(text, ms, first):
            add(i, ms[i].char_start - ce, cue, cs, ce)
            covered_after.add(i)
    for cue, cs, ce in found:
        if cue.scope == "after":
            continue
        before = [i for i, m in enumerate(ms) if m.char_end <= cs and i not in covered_after]
        if before:
            for i in _chain(text, ms, before[0], limit=cs):
                add(i, cs - ms[i].char_end, cue, cs, ce)
            continue
        if cue.scope == "both":
            first = next((i for i, m in enumerate(ms) if m.char_start >= ce), None)
            if first is not None and _words(text, ce, ms[first].char_start) <= data.subject_reach:
                for i in _chain(text, ms, first):
                    add(i, ms[i].char_start - ce, cue, cs, ce)
    out = {}
    for i, lst in cands.items():
        lst.sort(key=lambda x: (x[0], x[1], x[3]))
        _d, _s, cue, cs, ce = lst[0]
        out[i] = (cue.role, (cs, ce), cue.strength)
    return out


def _assign(text: str, record_start: int, record_end: int, mentions: list[OrgMention]):
    ms = sorted(
        (m for m in mentions if record_start <= m.char_start < record_end),
        key=lambda m: (m.char_start, m.char_end),
    )
    spans = [(m.char_start, m.char_end) for m in ms]
    out: list[tuple[OrgMention, str, tuple[int, int] | None, int]] = []
    for s, e in split_sentences(text, record_start, record_end, spans):
        sent = [m for m in ms if s <= m.char_start < e]
        roles = _sentence_roles(text, s, e, sent)
        for i, m in enumerate(sent):
            if i in roles:
                role, span, strength = roles[i]
                out.append((m, role, span, strength))
            else:
                out.append((m, "other", None, 0))
    return out


def assign_roles(
    text: str, record_start: int, record_end: int, mentions: list[OrgMention]
) -> list[tuple[OrgMention, str, tuple[int, int] | None]]:
    """Role of every mention inside the record, with the span of the cue that decided it
    (None: no cue, role ``other``)."""
    return [(m, role, span) for m, role, span, _s in _assign(text, record_start, record_end, mentions)]


def cue_strength(text: str, role: str, span: tuple[int, int] | None) -> int:
    """Strength of the cue at ``span`` for ``role`` (0 without a cue)."""
    if span is None:
        return 0
    phrase = text[span[0] : span[1]]
    return max(
        (c.strength for c in cue_data().cues if c.role == role and c.regex.fullmatch(phrase)), default=0
    )


def record_roles(
    text: str,
    assigned: list[tuple[OrgMention, str, tuple[int, int] | None]],
    org_id_of: Callable[[OrgMention], str],
) -> list[tuple[str, OrgMention, str, tuple[int, int] | None]]:
    """One role per organisation in a record: (org_id, first mention, role, cue span).

    The role with the strongest cue wins; ties go by ``priority`` in role_cues.yaml.
    """
    prio = {r: i for i, r in enumerate(cue_data().priority)}
    first: dict[str, OrgMention] = {}
    best: dict[str, tuple[int, int, str, tuple[int, int] | None]] = {}
    for m, role, span in sorted(assigned, key=lambda x: x[0].char_start):
        oid = org_id_of(m)
        first.setdefault(oid, m)
        key = (cue_strength(text, role, span), -prio[role], role, span)
        if oid not in best or key[:2] > best[oid][:2]:
            best[oid] = key
    return [(oid, first[oid], best[oid][2], best[oid][3]) for oid in first]


def org_roles(
    project_id: str,
    text: str,
    assigned: list[tuple[OrgMention, str, tuple[int, int] | None]],
    org_id_of: Callable[[OrgMention], str],
) -> list[OrgRole]:
    """``record_roles`` as :class:`OrgRole` rows (project_organisations table)."""
    out = []
    for oid, m, role, span in record_roles(text, assigned, org_id_of):
        out.append(
            OrgRole(
                project_id,
                oid,
                role,
                m.char_start,
                m.char_end,
                cue=text[span[0] : span[1]] if span else None,
                cue_start=span[0] if span else None,
                cue_end=span[1] if span else None,
            )
        )
    return out


def section_roles(
    heading_text: str, heading_start: int
) -> list[tuple[OrgMention, str, tuple[int, int] | None]]:
    """Funders named by a section heading (``Projekty polsko-niemieckie, wsparcie Fundacji Współpracy
    Polsko-Niemieckiej``), with absolute offsets; the caller applies them to the records under the heading.
    Organisations a heading names without a funding cue are not returned."""
    cue = None
    for rx in cue_data().section_funder:
        m = rx.search(heading_text)
        if m and (cue is None or m.start() < cue[0]):
            cue = (m.start(), m.end())
    if cue is None:
        return []
    out = []
    for m in find_org_mentions(heading_text):
        if m.char_start < cue[1]:
            continue
        shifted = replace(m, char_start=m.char_start + heading_start, char_end=m.char_end + heading_start)
        out.append((shifted, "funder", (cue[0] + heading_start, cue[1] + heading_start)))
    return out
