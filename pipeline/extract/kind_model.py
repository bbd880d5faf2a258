"""Kinds of amounts, learned from the keyed pages, with the cue phrases as evidence.

A field label or a column header states what an amount is (``Wartość projektu:``, ``| Kwota dotacji |``)
and stands. A cue phrase in the running text (``dofinansowanie``, ``wkład własny``, ``otrzymały``:
:mod:`pipeline.extract.amount_kind`) only leans: ``16 mln zł dotacji otrzymają organizacje`` is a round's
total (``programme_budget``), not a grant, and about a quarter of the amounts on the dev pages have no cue at
all (the rules' default, ``grant``, is right for seven in ten). What tells the kinds apart is spread over the
page: how many records and amounts it has, whether the amount is the largest one or the sum of the others,
whether its sentence counts projects or grantees, the words around it, and the cue with its strength. A
multinomial logistic regression (a one-item CRF of python-crfsuite, as the role model) weighs that evidence
for every amount no label or column decided; the cue stays the amount's evidence (``kind_cue``).
``projekty kinds train`` rebuilds it from the seen keys and the dev split.

The model is a JSON file of weights per kind (``pipeline/models/kind_model.json``), scored with dot products.
Without the file, or with ``PROJEKTY_KIND_MODEL=none``, the rules' kinds stand.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path

from pipeline.core.datatypes import Money, Record, RecordValues
from pipeline.core.features import bucket, cue_letters, neighbour_words
from pipeline.core.linear import LinearModel, read_model, shipped_model
from schemas.fields import AMOUNT_KINDS

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "kind_model.json"
FORMAT = "projekty-kind-model-1"

# a cardinal of two or more and a lowercase word: the sentence counts projects, grantees, tasks
_PLURAL_COUNT = re.compile(r"(?<![\d.,])(?:[2-9]|[1-9]\d{1,3})[ \t\u00a0]+[a-ząćęłńóśźż]{3,}")
_SENTENCE_BREAK = re.compile(r"[.!?][ \t\u00a0]|\n")
_SENTENCE_WORD = re.compile(r"[^\W\d_]{4,}")
SENTENCE_REACH = 300  # characters: how far a sentence is read on each side of the amount
SENTENCE_WORD_WEIGHT = 0.3  # a word anywhere in the sentence is weaker evidence than a neighbour


# The strongest cue the model may overrule: every cue (1 a verb, 2 a noun, 3 a fixed phrase), not a field label
# or a column header (4). Publisher-folded CV of the model on the dev examples (forty-third session, 3 258 dev
# pages; the model deciding the amounts of strength up to 0 / 1 / 2 / 3, the rules the others): right on 7 544 /
# 7 634 / 7 775 / 7 852 of the 8 883 amounts with a cue of strength up to 3 or none.
MODEL_STRENGTH = 3


def model_decides(m: Money) -> bool:
    """No label or column decided this amount's kind, and no cue firmer than :data:`MODEL_STRENGTH`."""
    return m.kind_strength <= MODEL_STRENGTH


def _cue_features(m: Money) -> dict[str, float]:
    """The cue the rules read (its kind, its strength, its first letters) or its absence."""
    if m.kind_cue is None:
        return {"cue=none": 1.0}
    return {
        f"cue_kind={m.kind}": 1.0,
        f"cue_kind_strength={m.kind}:{m.kind_strength}": 1.0,
        f"cue={cue_letters(m.kind_cue)}": 1.0,
    }


def _sentence(text: str, start: int, end: int, lo: int, hi: int) -> str:
    """The sentence around ``text[start:end]`` inside ``lo``..``hi`` (its record), at most ``SENTENCE_REACH``
    characters on each side."""
    a = max(lo, start - SENTENCE_REACH)
    a = max((m.end() for m in _SENTENCE_BREAK.finditer(text, a, start)), default=a)
    m = _SENTENCE_BREAK.search(text, end, min(hi, end + SENTENCE_REACH))
    return text[a : m.start() if m else min(hi, end + SENTENCE_REACH)]


def _page_features(m: Money, index: int, n_records: int, record: Sequence[Money], page: Sequence[Money]) -> dict:
    """Where the amount stands among the page's records and amounts, and how large it is among them."""
    value = float(m.value)
    in_page = [float(x.value) for x in page if x.currency == m.currency]
    in_record = [float(x.value) for x in record if x.currency == m.currency]
    f = {
        f"n_records={bucket(n_records, (1, 2, 4, 8))}": 1.0,
        f"first_record={index == 0}": 1.0,
        f"n_amounts_record={bucket(len(record), (1, 2, 3))}": 1.0,
        f"n_amounts_page={bucket(len(page), (1, 2, 4, 8))}": 1.0,
        f"magnitude={bucket(int(math.log10(max(value, 1.0))), (3, 4, 5, 6, 7))}": 1.0,
        f"qualifier={m.qualifier}": 1.0,
    }
    if len(in_page) >= 2 and value >= max(in_page):
        f["page_max"] = 1.0
    if len(in_record) >= 2 and value >= max(in_record):
        f["record_max"] = 1.0
    if len(in_page) >= 3 and value >= 0.9 * (sum(in_page) - value):
        f["sum_of_others"] = 1.0
    return f


def kind_features(
    text: str, m: Money, record: Record, index: int, n_records: int, amounts: Sequence[Money], page: Sequence[Money]
) -> dict[str, float]:
    """The evidence on one amount of the ``index``-th of ``n_records`` records: the cue the rules read, its place
    among the page's records and amounts (``amounts``: its record's, ``page``: the page's), its size among them,
    the words around it and in its sentence, whether the sentence counts several things."""
    f = {"bias": 1.0} | _page_features(m, index, n_records, amounts, page) | _cue_features(m)
    f |= neighbour_words(text, m.char_start, m.char_end, record.char_start, record.char_end)
    sentence = _sentence(text, m.char_start, m.char_end, record.char_start, record.char_end)
    if _PLURAL_COUNT.search(sentence):
        f["counts_several"] = 1.0
    for w in sorted({w.lower()[:6] for w in _SENTENCE_WORD.findall(sentence)}):
        f[f"sentence={w}"] = SENTENCE_WORD_WEIGHT
    return f


KindModel = LinearModel  # weights per amount kind


def read_kind_model(path: Path) -> KindModel:
    return read_model(path, FORMAT, AMOUNT_KINDS, "kind model")


@cache
def load_kind_model(path: str | None = None) -> KindModel | None:
    """The shipped kind model (or the one at ``path``, or ``$PROJEKTY_KIND_MODEL``; ``none`` disables it);
    None when there is none: the rules' kinds stand."""
    return shipped_model(path, "PROJEKTY_KIND_MODEL", MODEL_PATH, read_kind_model)


def page_amount_features(text: str, values: Sequence[RecordValues]) -> list[list[dict[str, float] | None]]:
    """Per record, per amount: the features of an amount the model decides, None for one a label or column
    decided."""
    page = [m for v in values for m in v.amounts]
    return [
        [
            kind_features(text, m, v.record, i, len(values), v.amounts, page) if model_decides(m) else None
            for m in v.amounts
        ]
        for i, v in enumerate(values)
    ]


def learned_kinds(text: str, values: list[RecordValues], model: KindModel | None) -> list[RecordValues]:
    """The page's records with the kind of every amount no label or column decided given by ``model``."""
    if model is None:
        return values
    out = []
    for v, feats in zip(values, page_amount_features(text, values), strict=True):
        amounts = [m if f is None else replace(m, kind=model.label(f)) for m, f in zip(v.amounts, feats, strict=True)]
        out.append(replace(v, amounts=amounts))
    return out
