"""Roles of organisation mentions, learned from the keyed pages, with the cue phrases as evidence.

A cue phrase (``ze środków``, ``partnerem projektu``, ``wspólnie z``), a field (``Beneficjent:``) or an amount
after a name leans to a role; most mentions have none of these (``Stowarzyszenie X`` heading a grant, ``Gmina
Y`` in a news item), where the rules give ``other``, or ``lead`` for the first body of a record without a lead,
and the keys agree with that for about half of them; and a cue may govern the wrong name. Which body is the
lead, the funder or a participant depends on evidence a list of rules does not weigh well together: its kind of
body (a commune, a ministry, a club), its place in the record and on its line, the words around it, an amount
beside it, which roles the record's cues gave, and what gave the rules' role, with its strength. So a
multinomial logistic regression (a one-item CRF of python-crfsuite, as the organisation acceptor) decides the
role of every mention; the cue, field value or amount stays the role's evidence.
``projekty roles train`` rebuilds it from the seen keys and the dev split.

The model is a JSON file of weights per role (``pipeline/models/role_model.json``): the pipeline scores a
mention with dot products, no learning library loaded. Without the file, or with
``PROJEKTY_ROLE_MODEL=none``, the rules' roles stand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path

from pipeline.core.datatypes import Assignment, Money, OrgMention, Record
from pipeline.core.features import bucket, cue_letters, neighbour_words
from pipeline.core.linear import LinearModel, read_model, shipped_model
from schemas import fields

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "role_model.json"
FORMAT = "projekty-role-model-1"
ROLES: tuple[str, ...] = fields.ROLES

NEAR_AMOUNT = 80  # characters: an amount this close to a mention is "beside" it


# Every mention the rules gave a role is the model's to decide, with what gave it (a cue phrase of role_cues.yaml, a
# field value, an amount a grantee stands before) among the features and kept as the evidence; a heading's funder
# cue is added after the model. Publisher-folded CV of the model on the dev examples (forty-third session, 3 258 dev
# pages), right on 12 872 of 15 871 mentions when it decided only those no cue, field or amount governed (the rules
# the others), on 13 141 deciding all: it beats the rules on field values and amounts (0.845 -> 0.936, 779
# mentions) and on cues of every strength (1 a loose word 0.404 -> 0.596, 2 a verb or preposition 0.904 -> 0.938, 3 a
# role noun or fixed phrase 0.910 -> 0.934).


def _cue_features(a: Assignment) -> dict[str, float]:
    """What gave the rules' role (a cue phrase, a field value or an amount: its role and strength, its first
    letters) or its absence."""
    if a.cue_text is None:
        return {"cue=none": 1.0}
    return {f"cue_role_strength={a.role}:{a.strength}": 1.0, f"cue={cue_letters(a.cue_text)}": 1.0}


def _org_type(m: OrgMention) -> tuple[str, bool]:
    from pipeline.resolve.nominative import name_reading

    if m.is_acronym:
        return "acronym", False
    reading = name_reading(m.name_text)
    return reading.org_type, reading.domain is not None


def _position_features(text: str, m: OrgMention, record: Record, assigned: Sequence[Assignment]) -> dict[str, float]:
    f: dict[str, float] = {}
    if m.char_start < record.title_end and record.title_start < m.char_end:
        f["in_title"] = 1.0
    line_start = text.rfind("\n", 0, m.char_start) + 1
    if not text[line_start : m.char_start].strip():
        f["line_start"] = 1.0
    starts = sorted({a.mention.char_start for a in assigned})
    f[f"index={min(starts.index(m.char_start), 2) if m.char_start in starts else 0}"] = 1.0
    f[f"n_orgs={bucket(len(starts), (1, 2, 4))}"] = 1.0
    return f


def _record_features(m: OrgMention, amounts: Sequence[Money], assigned: Sequence[Assignment]) -> dict[str, float]:
    f: dict[str, float] = {f"n_amounts={bucket(len(amounts), (0, 1, 3))}": 1.0}
    if any(0 <= x.char_start - m.char_end <= NEAR_AMOUNT for x in amounts):
        f["amount_after"] = 1.0
    if any(0 <= m.char_start - x.char_end <= NEAR_AMOUNT for x in amounts):
        f["amount_before"] = 1.0
    for role in ("lead", "funder", "partner"):
        if any(a.role == role and a.strength > 0 and a.mention.char_start != m.char_start for a in assigned):
            f[f"has_cued_{role}"] = 1.0
    return f


def role_features(
    text: str,
    a: Assignment,
    record: Record,
    amounts: Sequence[Money],
    assigned: Sequence[Assignment],
    publisher_ref: OrgMention | None = None,
) -> dict[str, float]:
    """The evidence on one mention: the rules' role and the cue they read, its kind of body, the words around
    it, its place in the record and on its line, amounts beside it, the roles cues gave in the record."""
    m = a.mention
    org_type, domain = _org_type(m)
    f = {"bias": 1.0, f"rule={a.role}": 1.0, f"type={org_type}": 1.0, f"src={m.source}": 1.0} | _cue_features(a)
    if domain:
        f["domain"] = 1.0
    f |= neighbour_words(text, m.char_start, m.char_end, record.char_start, record.char_end)
    if publisher_ref is not None and m == publisher_ref:
        f["publisher"] = 1.0
    return f | _position_features(text, m, record, assigned) | _record_features(m, amounts, assigned)


RoleModel = LinearModel  # weights per role


def read_role_model(path: Path) -> RoleModel:
    return read_model(path, FORMAT, ROLES, "role model")


@cache
def load_role_model(path: str | None = None) -> RoleModel | None:
    """The shipped role model (or the one at ``path``, or ``$PROJEKTY_ROLE_MODEL``; ``none`` disables it);
    None when there is none: the rules' roles stand."""
    return shipped_model(path, "PROJEKTY_ROLE_MODEL", MODEL_PATH, read_role_model)


def learned_roles(
    text: str,
    record: Record,
    amounts: Sequence[Money],
    assigned: list[Assignment],
    publisher_ref: OrgMention | None,
    model: RoleModel | None,
) -> list[Assignment]:
    """The record's assignments with every mention's role given by ``model`` (features read on the rules'
    assignments, so training and use see the same evidence; the cue stays)."""
    if model is None:
        return assigned
    return [
        replace(a, role=model.label(role_features(text, a, record, amounts, assigned, publisher_ref))) for a in assigned
    ]
