"""Learned segmentation: which lines start a project record, from annotated pages.

The rule segmenter (:mod:`pipeline.segment.rules`) knows the layouts it was written for and nothing else. A
linear-chain CRF (python-crfsuite) labels every non-blank line ``B`` (a record starts on it), ``I``
(inside a record) or ``O`` (heading, intro, chrome before any record), using the rule segmenter's
verdicts as features beside the line's own shape (length, bullets, numbering, year spans, amounts,
quotes and ``pn.``/``pt.``, field labels, verbs of carrying out, position, neighbours, the first word's
part of speech). A new layout is then handled by adding a keyed page to the dev split and running
``projekty segment train``, not by a new branch.

Records start on predicted ``B`` lines. Where the rule segmenter started a record on the same line, its
record is kept as it is (title, years, fields: byte-identical values where the rules were right);
elsewhere a record is built from the lines with a generic title (the name after ``pn.``/``pt.`` or in
quotes, else the line) and years from the title line or first sentence. Every other line lands in a
block, so the accounting invariant holds.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.core.datatypes import Block, Document, Record
from pipeline.core.features import bucket
from pipeline.extract.counts import extract_counts
from pipeline.segment.lines import Line, norm, split_lines, years_in
from pipeline.segment.records import item_title, sentence_years
from pipeline.segment.rules import Segmentation, segment
from pipeline.segment.vocab import config
from pipeline.text.morph import first_word_pos
from pipeline.text.sentences import split_sentences, trim_title_end

if TYPE_CHECKING:
    import pycrfsuite

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "segmenter.crfsuite"
LABELS = ("B", "I", "O")

_YEAR = re.compile(r"(?<!\d)(19[4-9]\d|20[0-4]\d)(?!\d)")
_YEAR_SPAN = re.compile(r"(?<!\d)(19[4-9]\d|20[0-4]\d)\s*[-–—/]\s*(\d{4}|\d{2})(?!\d)")
_MONEY = re.compile(r"\d[\d \u00a0.,]*\s*(?:zł|złotych|PLN|EUR|euro|€|USD)\b", re.IGNORECASE)
_BULLET = re.compile(r"^(?:[-•*▪●◦–]\s)")
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s")
_QUOTE = re.compile(r"[„\"“«]")
_NAME_MARK = re.compile(r"\b(?:pn|pt|pod nazwą|pod tytułem|tytuł)\b\.?", re.IGNORECASE)
_QUOTED = re.compile(r"[„\"“«](?P<q>[^„\"”“«»\n]{3,250})[”\"“»]")
_VERB = re.compile(
    r"\b(?:zrealizował\w*|realizuje\w*|realizował\w*|otrzymał\w*|pozyskał\w*|przyznan\w*|"
    r"dofinansowan\w*|wspar\w*|przeprowadzi\w*|zorganizowa\w*)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_][\w-]*")
_LETTERS = re.compile(r"[^\W\d_]+")
# The words a unit opens with, each cut to its first letters (a cheap stem: ``otrzymała``/``otrzymało`` ->
# ``otrzy``): which words open a record (``Gmina``, ``Stowarzyszenie``, ``Kolejnym projektem``, ``Dofinansowanie
# otrzymało``) is learned from the keys instead of listed. Publisher-folded CV on 1 475 dev pages (twenty-third
# session), record-start F1: without 0.595; the first 6 / 12 / 25 / all words 0.602 / 0.610 / 0.606 / 0.605 at the
# old regularisation; stems of 4 / 5 / 6 / 20 letters 0.602 / 0.610 / 0.608 / 0.609.
BAG_WORDS = 12
BAG_STEM = 5


@dataclass(frozen=True)
class RuleView:
    """What the rule segmenter said of each line: a record starts here, inside a record, or a block kind."""

    start: frozenset[int]
    inside: frozenset[int]
    block_kind: dict[int, str]

    def labels(self, lines: list[Line]) -> list[str]:
        """The rules' reading line by line: ``B`` where a record starts, ``I`` inside one, ``O`` outside."""
        return ["B" if ln.idx in self.start else "I" if ln.idx in self.inside else "O" for ln in lines]


# A paragraph longer than this is labelled sentence by sentence: news and reports start a record in the middle
# of a line ("... otrzymała 5 tys. zł. Stowarzyszenie X dostało ..."), where a line's label cannot. Chosen on
# dev pages held out of training (MODEL_CARD.md): 160 over 100 and 300.
UNIT_CHARS = 160


# Where an enumeration inside a sentence may be cut: after a comma, semicolon or colon, or after a coordinating
# word. A piece is an item of the enumeration when it names an amount or a quoted name: the grants of a news
# sentence ("X za projekt "A", Y za projekt "B" oraz Z ...", "w Imielinie 740 tys. zł - ..., w Lędzinach 200 tys.
# zł ..."), 265 of the 1965 record starts of the dev keys, which a sentence unit cannot start. Publisher-folded CV
# (510 dev pages, eleventh session): projects F1 held out 0.669 -> 0.673, organisations per record 0.483 -> 0.489.
_ITEM_SEP = re.compile(r"[,;:]\s+|\s+(?:oraz|a także|zaś|natomiast)\s+")
_ITEM_MARK = re.compile(r"\d[\d \u00a0.,]*\s*(?:zł|złotych|PLN|EUR|euro|€|tys\.|tysięcy|mln)|[„\"“«]", re.IGNORECASE)


def _enumeration_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence ``start``..``end`` cut before every item of an enumeration it holds (each item with an amount
    or a quoted name; the words before the first item stay with it): one span when it holds fewer than two."""
    cuts = [m.end() for m in _ITEM_SEP.finditer(text, start, end)]
    bounds = [start, *cuts, end]
    pieces = [(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1) if bounds[k] < bounds[k + 1]]
    spans: list[tuple[int, int]] = []
    marked = False  # an item was seen: the next item opens a span of its own
    for a, b in pieces:
        item = bool(_ITEM_MARK.search(text, a, b))
        if spans and not (item and marked):
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
        marked = marked or item
    return spans if len(spans) > 1 else [(start, end)]


def split_units(text: str) -> list[Line]:
    """The units the model labels: the page's lines (:func:`split_lines`), a long one cut into its sentences and
    a sentence into the items of an enumeration it holds."""
    out: list[Line] = []
    for ln in split_lines(text):
        spans: list[tuple[int, int]] = []
        if len(ln.text) > UNIT_CHARS:
            sentences = split_sentences(text, ln.start, ln.end) or [(ln.start, ln.end)]
            spans = [item for a, b in sentences for item in _enumeration_items(text, a, b)]
        if len(spans) <= 1:
            out.append(Line(len(out), ln.start, ln.end, ln.text, ln.block, ln.first, ln.last))
            continue
        for k, (a, b) in enumerate(spans):
            first, last = ln.first and k == 0, ln.last and k == len(spans) - 1
            out.append(Line(len(out), a, b, text[a:b], ln.block, first, last, inline=k > 0))
    return out


def first_line(lines: list[Line], pos: int) -> int | None:
    """The index of the line that holds offset ``pos`` (the first line ending after it), None past the last."""
    return next((ln.idx for ln in lines if ln.end > pos), None)


def rule_view(lines: list[Line], seg: Segmentation) -> RuleView:
    starts: set[int] = set()
    inside: set[int] = set()
    kinds: dict[int, str] = {}
    for r in seg.records:
        first = first_line(lines, r.char_start)
        if first is not None:
            starts.add(first)
        inside.update(ln.idx for ln in lines if ln.start < r.char_end and ln.end > r.char_start)
    for b in seg.blocks:
        for ln in lines:
            if ln.start < b.char_end and ln.end > b.char_start:
                kinds.setdefault(ln.idx, b.kind)
    return RuleView(frozenset(starts), frozenset(inside), kinds)


def _own(line: Line, k: int, n: int, rules: RuleView) -> dict[str, float | str]:
    t = line.text
    cfg = config()
    words = _WORD.findall(t)
    caps = sum(1 for w in words if w[:1].isupper())
    f: dict[str, float | str] = {
        "rule": "start"
        if line.idx in rules.start
        else "in"
        if line.idx in rules.inside
        else rules.block_kind.get(line.idx, "none"),
        "len": bucket(len(t), (15, 40, 80, 160, 400)),
        "words": bucket(len(words), (2, 5, 10, 25)),
        "end": t[-1] if t[-1] in '.:;,!?)”"' else "other",
        "bullet": bool(_BULLET.match(t)),
        "numbered": bool(_NUMBERED.match(t)),
        "year_span": bool(_YEAR_SPAN.search(t)),
        "year": bool(_YEAR.search(t)),
        "starts_year": bool(_YEAR.match(t)),
        "money": bool(_MONEY.search(t)),
        "quote": bool(_QUOTE.search(t)),
        "name_mark": bool(_NAME_MARK.search(t)),
        "verb": bool(_VERB.search(t)),
        "field": bool(cfg.field_re.match(t)),
        "upper": len(t) > 3 and t.upper() == t and any(c.isalpha() for c in t),
        "caps": bucket(int(10 * caps / max(1, len(words))), (2, 5, 8)),
        "first": line.first,
        "last": line.last,
        "inline": line.inline,
        "pos": bucket(k, (0, 1, 2, 5, 10, 30)),
        "from_end": bucket(n - 1 - k, (0, 1, 3, 10)),
        "w0": (words[0].lower() if words else "")[:12],
        "pos0": first_word_pos(t),
        "bare_number": bool(_BARE_NUMBER.fullmatch(t.strip())),
    }
    # sorted: a set's order follows the hash seed, and crfsuite numbers features in the order it meets them
    for w in sorted({w.lower()[:BAG_STEM] for w in _LETTERS.findall(t)[:BAG_WORDS]}):
        f[f"b:{w}"] = True
    return f


_SHAPE_KEYS = ("len", "end", "bullet", "numbered", "money", "year_span", "upper", "quote", "field")
_BARE_NUMBER = re.compile(r"\d{1,4}\.?")


def _with_repetition(own: list[dict[str, float | str]]) -> list[dict[str, float | str]]:
    """Each line's features plus how often the page repeats its shape and its first word: a list, or a table
    flattened one cell per line, repeats its entry's lines (``12`` / ``3890`` / title / grantee / amount /
    ``Przyjęta``, ``Parafia ...``) where prose does not. Publisher-folded CV on 1 034 dev pages (sixteenth session):
    projects 0.675 -> 0.681, titles 0.485 -> 0.490, record counts in range 536 -> 540."""
    shape = [tuple(f[k] for k in _SHAPE_KEYS) for f in own]
    shapes, words = Counter(shape), Counter(str(f["w0"]) for f in own)
    return [
        {
            **f,
            "rep_shape": bucket(shapes[sh], (1, 2, 5)),
            "rep_w0": bucket(words[str(f["w0"])], (1, 2, 5)) if f["w0"] else "none",
        }
        for f, sh in zip(own, shape, strict=True)
    ]


def _row_numbers(own: list[dict[str, float | str]], lines: list[Line]) -> list[dict[str, float | str]]:
    """Mark the bare numbers that count rows: ``n`` alone on a line with ``n - 1`` alone on one of the lines just
    before it, or ``1`` with ``2`` just after. A table flattened one cell per line numbers its rows so (``1`` /
    grantee / title / ``1000`` / ``2`` / ...), where an amount or a count alone on its line stands in no sequence."""
    value = [int(ln.text.strip().rstrip(".")) if f["bare_number"] else None for f, ln in zip(own, lines, strict=True)]
    out = []
    for k, f in enumerate(own):
        v = value[k]
        seq = (
            v is not None
            and 0 < v < 1000
            and ((v - 1) in value[max(0, k - ROW_REACH) : k] or (v == 1 and 2 in value[k + 1 : k + 1 + ROW_REACH]))
        )
        out.append({**f, "row_number": bool(seq)})
    return out


ROW_REACH = 12  # lines a row number looks back for the one before it (a row of a dozen cells)


def line_features(lines: list[Line], rules: RuleView) -> list[dict[str, float | str]]:
    """One feature mapping per line: its own shape, and its neighbours' main features."""
    own = _row_numbers(_with_repetition([_own(ln, k, len(lines), rules) for k, ln in enumerate(lines)]), lines)
    out = []
    keys = (
        "rule",
        "len",
        "end",
        "bullet",
        "numbered",
        "year_span",
        "money",
        "field",
        "first",
        "upper",
        "bare_number",
        "row_number",
    )
    for k, f in enumerate(own):
        g = dict(f)
        for d in (-1, 1, -2):
            j = k + d
            for key in keys:
                g[f"{d}:{key}"] = own[j][key] if 0 <= j < len(own) else "none"
        g["bias"] = 1.0
        out.append(g)
    return out


# Publisher-folded CV of the whole pipeline (1 638 dev pages, twenty-fifth session), RUN_CONFIDENCE none / 0.5 / 0.4 /
# 0.3: projects 0.700 / 0.702 / 0.703 / 0.704, titles 0.446 / 0.448 / 0.450 / 0.455, record counts in range 976 / 977 /
# 977 / 982, counts per record 0.622 / 0.623 / 0.625 / 0.623, organisations in the page 0.763 / 0.763 / 0.763 / 0.762.
RUN_LINES = 3  # a run of parallel list lines this long ...
RUN_CONFIDENCE = 0.3  # ... where the line model is this sure on average starts a record on each (Models.fill_runs)
_RUN_KEYS = ("bullet", "numbered", "money", "end")


def parallel_runs(features: list[dict[str, float | str]]) -> list[range]:
    """Runs of at least :data:`RUN_LINES` consecutive list lines of one shape: bulleted or numbered, or holding an
    amount, and alike in bullet, numbering, amount and closing mark (``- Cybinka: 54 270,00 zł.``)."""
    if not RUN_LINES:
        return []
    sig = [tuple(f[k] for k in _RUN_KEYS) if f["bullet"] or f["numbered"] or f["money"] else None for f in features]
    runs, i = [], 0
    while i < len(sig):
        j = i
        while sig[i] is not None and j + 1 < len(sig) and sig[j + 1] == sig[i]:
            j += 1
        if sig[i] is not None and j - i + 1 >= RUN_LINES:
            runs.append(range(i, j + 1))
        i = j + 1
    return runs


def _crf_items(features: list[dict]) -> list[dict[str, float]]:
    """python-crfsuite items: string values become ``name=value`` indicators, booleans 0/1 weights."""
    items = []
    for f in features:
        item: dict[str, float] = {}
        for key, v in f.items():
            if isinstance(v, bool):
                if v:
                    item[key] = 1.0
            elif isinstance(v, float | int):
                item[key] = float(v)
            else:
                item[f"{key}={v}"] = 1.0
        items.append(item)
    return items


def line_labels(lines: list[Line], starts: Iterable[int]) -> list[str]:
    """Gold labels: ``B`` on the line holding a record start, ``I`` after it, ``O`` before any record."""
    starts = sorted(set(starts))
    labels, seen = [], False
    marks = {first_line(lines, s) for s in starts}
    for ln in lines:
        if ln.idx in marks:
            labels.append("B")
            seen = True
        else:
            labels.append("I" if seen else "O")
    return labels


# --- page kind: one record or several ----------------------------------------------------


def page_features(items: list[dict[str, float]], margins: Sequence[float]) -> dict[str, float]:
    """What the whole page looks like, from its lines' features: the page-kind step's input. Besides the
    coarse counts, every line feature's count over the page (log-scaled: ``n:rule=start``, ``n:b:dotac``,
    ``n:1:money``), so the step can learn which layouts and words make a page one project's or a list's.
    Publisher-folded CV of the step alone over the 1 949 training pages (twenty-seventh session): right on
    0.712 of the pages with the coarse counts (c2 0.1), 0.732 with the non-lexical counts added, 0.777 with all
    (c2 10; 3 / 30 / 100: 0.775 / 0.771 / 0.757). And how sure the line model is of starts on it, ``margins``
    (:func:`margin_page_features`)."""

    count: Counter[str] = Counter(k for it in items for k, v in it.items() if v)  # lines with each feature on
    f = {
        "bias": 1.0,
        f"lines={bucket(len(items), (3, 6, 12, 25, 50))}": 1.0,
        f"rule_starts={bucket(count['rule=start'], (0, 1, 2, 4, 8))}": 1.0,
        f"bullets={bucket(count['bullet'], (0, 1, 3, 6))}": 1.0,
        f"numbered={bucket(count['numbered'], (0, 1, 3, 6))}": 1.0,
        f"money={bucket(count['money'], (0, 1, 2, 4, 8))}": 1.0,
        f"year_span={bucket(count['year_span'], (0, 1, 3, 6))}": 1.0,
        f"quotes={bucket(count['quote'], (0, 1, 3, 6))}": 1.0,
        f"name_marks={bucket(count['name_mark'], (0, 1, 2, 4))}": 1.0,
        f"verbs={bucket(count['verb'], (0, 1, 2, 4))}": 1.0,
        f"fields={bucket(count['field'], (0, 1, 3))}": 1.0,
        # a line's length is one bucket, so a line is in at most one of the two
        f"long={bucket(count['len=>400'] + count['len=<=400'], (0, 1, 3, 6))}": 1.0,
    }
    return f | {f"n:{k}": math.log1p(v) for k, v in count.items()} | margin_page_features(margins)


def page_label(labels: list[str]) -> str:
    return "one" if labels.count("B") == 1 else "many"


# --- training -----------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    doc_id: str
    items: list[dict[str, float]]
    labels: list[str]
    group: str = ""  # a real page's publisher (its site): training holds the page's start probabilities out by it


def example(doc_id: str, text: str, starts: Iterable[int]) -> Example:
    lines = split_units(text)
    doc = Document(doc_id, f"{doc_id}.txt", text, "0" * 64, "utf-8")
    rules = rule_view(lines, segment(doc))
    return Example(doc_id, _crf_items(line_features(lines, rules)), line_labels(lines, starts))


# L1 weight 1.0 (was 0.05): with the word stems (BAG_STEM) the model has many more features, most of them rare, and
# a stronger L1 keeps the ones that carry over. Publisher-folded CV on 1 475 dev pages (twenty-third session),
# record-start F1 with the stems: c1 0.02 / 0.05 / 0.1 / 0.2 / 0.5 / 1 / 2 / 4 -> 0.610 / 0.610 / 0.612 / 0.620 /
# 0.628 / 0.634 / 0.627 / 0.619; without them c1 0.05 / 0.2 / 1 -> 0.595 / 0.603 / 0.601.
# L-BFGS with these weights, over crfsuite's other trainers (forty-third session, the line model alone, record-start F1
# held out by publisher on 3 258 dev pages: L-BFGS 0.661, averaged perceptron 0.654, passive-aggressive 0.652, L2 SGD
# 0.658, AROW 0.504); pages with several records counted twice or three times, to trade the starts' precision for
# recall, 0.659 and 0.651. Checked again on 3 712 dev pages (forty-seventh session, the whole pipeline held out with
# its title models): c1 0.5 / 1 / 2 -> projects 0.7313 / 0.7340 / 0.7310, amounts per record 0.6914 / 0.6963 / 0.6925.
TRAIN_PARAMS = {"c1": 1.0, "c2": 0.05, "max_iterations": 200, "feature.possible_transitions": True}


def train(examples: list[Example], model_path: Path = MODEL_PATH) -> Path:
    """Train the line CRF and the page-kind classifier (a CRF over one-item sequences, i.e. a maximum entropy
    model, saved beside the line model as ``<name>.page``) on ``examples``; deterministic (L-BFGS, fixed
    parameters, doc_id order). The page-kind step reads the line model's start probabilities too
    (:func:`margin_page_features`): on each training page as a line model trained without its publisher gives
    them (:data:`MARGIN_FOLDS`), as on a page the shipped model has not seen."""
    import pycrfsuite

    model_path.parent.mkdir(parents=True, exist_ok=True)
    examples = sorted((ex for ex in examples if ex.items), key=lambda e: e.doc_id)
    _train_lines(examples, model_path)
    margins = _held_out_margins(examples)
    pages = pycrfsuite.Trainer(verbose=False)
    for ex in examples:
        pages.append([page_features(ex.items, margins[ex.doc_id])], [page_label(ex.labels)])
    pages.set_params(PAGE_PARAMS)
    pages.train(str(page_path(model_path)))
    load_tagger.cache_clear()
    return model_path


def _train_lines(examples: list[Example], path: Path) -> Path:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for ex in examples:
        trainer.append(ex.items, ex.labels)
    trainer.set_params(TRAIN_PARAMS)
    trainer.train(str(path))
    return path


# Folds of the line model's held-out start probabilities the page-kind step trains on (fortieth session). A page's
# own features made a list of grantees whose every line the line model was sure of look like one project's page.
# Publisher-folded CV, the whole pipeline held out with its title models (2 872 dev pages), the page-kind step without
# -> with them: projects 0.7308 -> 0.7319, titles 0.511 -> 0.512, counts per record 0.648 -> 0.650, amounts 0.697 ->
# 0.698, dates 0.618 -> 0.617, record counts in range 1 853 -> 1 853; over salted folds projects 0.7351 -> 0.7351,
# titles 0.521 -> 0.522, counts 0.646 -> 0.648, dates 0.615 -> 0.616, in range 1 837 -> 1 844; values in the page
# within 0.001 on both. The step alone (record-start CV): right on 0.778 -> 0.789 of the pages. A second line CRF
# stacked on the first one's held-out probabilities (theirs on the line, its neighbours and the page's lines of the
# same shape) raised record-start F1 0.658 -> 0.662 but lost whole-pipeline: projects 0.731 -> 0.730, titles 0.511 ->
# 0.508, amounts per record 0.697 -> 0.691; not kept.
MARGIN_FOLDS = 3


def _held_out_margins(examples: list[Example]) -> dict[str, list[float]]:
    """Each example's start probabilities from a line model trained on the other :data:`MARGIN_FOLDS` folds'
    publishers (``Example.group``; a seen page and its copies are one group)."""
    import tempfile

    import pycrfsuite

    fold = {ex.doc_id: publisher_fold(f"margins:{ex.group or ex.doc_id}", MARGIN_FOLDS) for ex in examples}
    out: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(MARGIN_FOLDS):
            held = [ex for ex in examples if fold[ex.doc_id] == k]
            kept = [ex for ex in examples if fold[ex.doc_id] != k]
            if not kept:  # too few publishers to hold any out: no start is sure
                out |= {ex.doc_id: [0.0] * len(ex.items) for ex in held}
                continue
            path = _train_lines(kept, Path(tmp) / f"lines{k}.crfsuite")
            tagger = pycrfsuite.Tagger()
            tagger.open(str(path))
            out |= {ex.doc_id: start_margins(tagger, ex.items) for ex in held}
            tagger.close()
    return out


def start_margins(tagger: pycrfsuite.Tagger, items: list[dict[str, float]]) -> list[float]:
    """The line CRF's probability that a record starts on each line (none where no training page had a start)."""
    if "B" not in tagger.labels():
        return [0.0] * len(items)
    tagger.set(items)
    return [tagger.marginal("B", i) for i in range(len(items))]


def margin_page_features(margins: Sequence[float]) -> dict[str, float]:
    """What the line model makes of the whole page: how many lines it is sure start a record, its two surest.
    The page-kind step alone, from the lines' features, reads a list of grantees whose lines the line model is
    sure of as one project's page."""
    ranked = sorted(margins, reverse=True)
    return {
        "m:sum": math.log1p(sum(margins)),
        f"m:n5={min(6, sum(1 for m in margins if m >= 0.5))}": 1.0,
        f"m:n8={min(6, sum(1 for m in margins if m >= 0.8))}": 1.0,
        f"m:max={int(5 * ranked[0]) if ranked else 'none'}": 1.0,
        f"m:second={int(5 * ranked[1]) if len(ranked) > 1 else 'none'}": 1.0,
    }


# The page-kind step's own weights (see page_features). Forty-second session, 3 132 dev pages held out by publisher
# with the same line models: the step right on 0.793 of the pages with c2 10 (0.785 / 0.798 with 3 / 30; a
# gradient-boosted classifier on the same features, 0.807); c2 30 in the whole pipeline: projects 0.7316 -> 0.7319,
# counts 0.6462 -> 0.6459, no more; reading "one" only at 0.6 or 0.4 of its probability instead of the likelier:
# projects 0.7322 / 0.7303, organisations 0.5935 / 0.5937 (0.5951); again on 3 712 dev pages (forty-seventh session),
# 0.6 / 0.5 / 0.4: projects 0.7331 / 0.7340 / 0.7336, dates per record 0.5820 / 0.5855 / 0.5861. Even the keys' own
# page kind (one record or several) would raise projects only 0.7316 -> 0.7360: the loss is in the line model's
# starts, not in this step.
PAGE_PARAMS = {"c1": 0.0, "c2": 10.0, "max_iterations": 200}
# A rule start is replaced only where the model's label has at least this marginal probability. Chosen by
# publisher-folded cross-validation over 510 dev pages (eleventh session, MODEL_CARD.md), projects F1 held out,
# with the segmenter as shipped (enumeration units, trained with batches Z and AA): 0.5 -> 0.680, 0.6 -> 0.683,
# 0.7 -> 0.681, 0.8 -> 0.678, 0.9 -> 0.673, 0.95 -> 0.672. Batch AB at first contact: 0.5 -> 0.648, 0.6 -> 0.652,
# 0.7 -> 0.623, 0.9 -> 0.578. Before the enumeration units and those 47 pages the same CV had favoured 0.9 (0.668
# against 0.649 at 0.5), as had batch Z: the best threshold moves with the training data (0.02 in CV, 0.07 on
# one batch). Separate thresholds for adding and removing a start were no better. Twenty-second session, the whole
# pipeline held out (`segment cv --whole`, 1 450 dev pages, segmenter trained with batch BN): 0.5 -> projects 0.680,
# titles 0.481, record counts in range 835; 0.6 -> 0.680, 0.483, 839; 0.7 -> 0.683, 0.489, 847; 0.8 -> 0.678, 0.486,
# 836; values per record at 0.7 level or up (amounts 0.614 -> 0.616, dates 0.593 -> 0.595), in the page within 0.002.
# Over another publisher partition (folds salted) 0.6 / 0.7 gave projects 0.6825 / 0.6827, in range 835 / 839, values
# in the page 0.001 lower at 0.7: no difference beyond the folds' noise, so it stays 0.6. Twenty-third session, with
# the word stems and c1 1.0 (1 475 dev pages, the whole pipeline held out with its title model, `--titles`): 0.4 / 0.5
# / 0.6 / 0.7 -> projects 0.685 / 0.684 / 0.683 / 0.676, counts per record 0.624 / 0.623 / 0.605 / 0.595, record
# counts in range 860 / 866 / 869 / 857; over salted folds 0.5 / 0.6 -> projects 0.688 / 0.688, counts 0.631 / 0.620,
# in range 880 / 871, dates in the page 0.781 / 0.787. Counts per record are higher at 0.5 on both partitions, but at
# 0.5 the model dropped a start of a seen page (`Tytuł projektu:` alone on its line, the model's `I` 0.53 sure), so a
# start is added at 0.5 and dropped only at 0.6 (`DROP_CONFIDENCE`): projects 0.687, amounts per record 0.639, counts
# 0.616, in range 868 (first partition; 0.5 alone: 0.684, 0.631, 0.623, 866), every seen page as keyed.
# Forty-sixth session, publisher-folded CV of the whole pipeline on 3 604 dev pages (the forty-fifth session's fold
# segmenters and title models, the start alone changed): 0.55 / 0.5 / 0.45 / 0.4 / 0.35 -> projects 0.7303 / 0.7317 /
# 0.7333 / 0.7328 / 0.7330, titles 0.5145 / 0.5175 / 0.5189 / 0.5195 / 0.5201, amounts per record 0.6905 / 0.6924 /
# 0.6948 / 0.6945 / 0.6949, counts 0.6406 / 0.6391 / 0.6400 / 0.6403 / 0.6401, dates 0.5870 / 0.5872 / 0.5868 / 0.5854
# / 0.5875, organisations 0.5905 / 0.5917 / 0.5924 / 0.5923 / 0.5926; in the page amounts 0.9523 / 0.9535 / 0.9538 /
# 0.9542 / 0.9545, counts 0.8754 / 0.8770 / 0.8777 / 0.8781 / 0.8785. With 3 604 pages the model's starts are worth
# taking below even odds: 0.4, the middle of the plateau.
START_CONFIDENCE = 0.4
# Forty-fifth session, publisher-folded CV of the whole pipeline on 3 604 dev pages (fold segmenters and title models):
# DROP_CONFIDENCE 0.6 / 0.65 / 0.7 -> projects 0.7313 / 0.7318 / 0.7317, titles 0.5127 / 0.5151 / 0.5175, amounts
# per record 0.6900 / 0.6914 / 0.6924, counts 0.6414 / 0.6396 / 0.6391, dates 0.5876 / 0.5860 / 0.5872,
# organisations 0.5901 / 0.5902 / 0.5915; values in the page within 0.0003. At 0.6 the seen page's `Tytuł projektu:`
# start (the model's ``I`` 0.63 sure) joined the record before it.
DROP_CONFIDENCE = 0.7  # a rule start is dropped (its lines join the record before it) only this sure
# On a page the page-kind step reads as one record, a rule start is dropped (its lines join the record before it)
# where the line model's ``I`` has at least this marginal probability. Chosen by `projekty segment cv --whole`
# (publisher-folded, the whole pipeline, 1 281 dev pages, nineteenth session): 0.6 (as other lines) -> 0.45 -> 0.3
# -> 0.15 -> 0.0: record counts in range 721 -> 724 -> 731 -> 733 -> 733, projects 0.686 -> 0.686 -> 0.687 -> 0.686
# -> 0.686, titles 0.490 -> 0.489 -> 0.487 -> 0.486 -> 0.486, counts per record 0.621 -> 0.622 -> 0.625 -> 0.625 ->
# 0.626, dates 0.588 -> 0.589 -> 0.591 -> 0.590 -> 0.590, organisations 0.533 -> 0.534 -> 0.536 -> 0.535 -> 0.536;
# values in the page unchanged. Below 0.3 little changes; 0.3 leaves the line model a say where the page-kind step
# (right about 72% of the time in CV; 78% with the line-feature counts of the twenty-seventh session) errs.
ONE_PAGE_CONFIDENCE = 0.3
# The page-kind step's "one record" is overruled where the line model starts at least MANY_STARTS records, each at
# least MANY_CONFIDENCE sure (0: never): on 165 of the 1 583 dev pages with three or more key records the pipeline gave
# one record or none, and on 88 of them the page-kind step had said "one" over a line model sure of several starts
# (grantees of a call's results, a report's projects). Publisher-folded CV, the whole pipeline held out with its title
# models (1 583 dev pages, twenty-fourth session): never -> 2 at 0.7 / 0.8 / 0.9: projects 0.691 -> 0.698 / 0.698 /
# 0.698, titles 0.441 -> 0.448 / 0.445 / 0.446, amounts per record 0.642 -> 0.647 / 0.650 / 0.647, counts 0.622 ->
# 0.621 / 0.623 / 0.624, organisations 0.553 -> 0.556 (all three); values in the page unchanged. Over a second
# (salted) fold partition, never -> 2 at 0.8: projects 0.694 -> 0.700, titles 0.437 -> 0.443, counts 0.618 -> 0.626.
MANY_STARTS = 2
MANY_CONFIDENCE = 0.8
# On a page the rules find no record on, the model starts one only this sure (:func:`_lone_records`). Every keyed page
# has a record; with the model consulted only where the rules had found one, 6 of 2 665 dev pages held out got none
# (thirty-eighth session), all six without a rule record. The shipped model is 0.74-0.98 sure of a start on five of
# them (0.14 on the sixth, three sentences about a donation) and 0.56 sure on the address line of a contact page
# (`Kontakt` / `ul. Długa 1, 00-001 Warszawa, tel. ...`), which stays without records. At 0.5 (forty-seventh session,
# 3 712 dev pages held out) 4 more dev pages got a record (14 -> 10 without one) and projects rose 0.7340 -> 0.7342,
# but that contact page would become a project: kept at 0.7.
LONE_CONFIDENCE = 0.7
# The seen pages (our own, the source page among them) weigh twenty times in training: with one copy the model
# moved two starts of the source page the rules read right, with three (after batch Q) one, with four (ninth
# session) two, with six (after batch Y, tenth session) one, and with eight (after batch BE, eighteenth session) one
# (the LOGON programme joined the record before it). Ten kept them all until the twenty-seventh session, when with
# 1 849 dev pages a `Tytuł projektu:` alone on its line (fundacja-projekty-pola) joined the record before it; twelve
# kept them until the twenty-eighth, when with 1 982 dev pages the same line joined again; fourteen kept them until
# the thirty-first, when with 2 292 dev pages it joined once more; sixteen kept them until the thirty-eighth, when with
# 2 720 dev pages it joined again; eighteen kept them until the forty-second, when with 3 258 dev pages it joined once
# more; twenty kept them until the forty-fourth, when with 3 497 dev pages it joined again; twenty-two keep them. In
# the forty-fifth, with 3 604 dev pages, it joined again at twenty-two and at twenty-four (the line model's ``I`` 0.63
# sure): a rule start is now dropped only at 0.7 (``DROP_CONFIDENCE``), which keeps it.
# Publisher-folded CV on 1 235 dev pages: record starts F1 0.606 with eight, 0.606 with ten; on 2 292 dev pages
# (thirty-first session) 0.659 with fourteen, 0.658 with sixteen.
SEEN_COPIES = 22


def page_path(model_path: Path) -> Path:
    """Where the page-kind step is saved: beside the line model."""
    return model_path.with_name(model_path.name + ".page")


@dataclass(frozen=True)
class PageItems:
    """One page as the segmenter reads it: its lines' items and the line model's start probability on each."""

    lines: list[dict[str, float]]
    margins: list[float]


@dataclass
class Models:
    """The line tagger and the page-kind tagger of one trained segmenter."""

    lines: pycrfsuite.Tagger
    pages: pycrfsuite.Tagger

    def read(self, items: list[dict[str, float]]) -> PageItems:
        return PageItems(items, start_margins(self.lines, items))

    def page_kind(self, page: PageItems) -> str:
        return self.pages.tag([page_features(page.lines, page.margins)])[0]

    def tag(self, page: PageItems) -> list[str]:
        """Line labels; on a page the page-kind step reads as one record, exactly one ``B``: the line the
        line model finds likeliest to start it."""
        return self._tag(page)[0]

    def _tag(self, page: PageItems) -> tuple[list[str], bool]:
        """:meth:`tag`'s labels, and whether the page-kind step read the page as one record."""
        items = page.lines
        labels = self.lines.tag(items)
        one = bool(items) and self.page_kind(page) == "one"
        if not one:
            return labels, False
        sure = sum(1 for label, m in zip(labels, page.margins, strict=True) if label == "B" and m >= MANY_CONFIDENCE)
        if MANY_STARTS and sure >= MANY_STARTS:
            return labels, False  # the line model is sure of several starts: not one record
        best = max(range(len(items)), key=lambda i: page.margins[i])
        return ["O"] * best + ["B"] + ["I"] * (len(items) - best - 1), True

    def sure_of_a_start(self, page: PageItems) -> bool:
        """Whether the line model is at least :data:`LONE_CONFIDENCE` sure that a record starts on some line."""
        return any(m >= LONE_CONFIDENCE for m in page.margins)

    def starts(self, page: PageItems, rules: list[str], runs: Sequence[range] = ()) -> list[str]:
        """The rules' line labels ``rules`` with the model's record starts where it is confident: a line
        becomes ``B`` (a record starts) when the model's label has a marginal probability of at least
        :data:`START_CONFIDENCE`, and stops being one at :data:`DROP_CONFIDENCE`. Which lines lie inside records
        stays the rules' call (the model never moves a line out of a record nor into one by ``I``): the keys mark
        every line after a record's start as inside it, so the model cannot tell a heading or chrome between
        records from the record. On a page the page-kind step reads as one record, a rule start joins the record
        before it with less confidence (:data:`ONE_PAGE_CONFIDENCE`)."""
        model, one_record = self._tag(page)
        self.lines.set(page.lines)
        out = []
        for i, (rule, label) in enumerate(zip(rules, model, strict=True)):
            moves_extent = label == "O" or (rule == "O" and label == "I")
            drops = rule == "B" and label == "I"  # a rule start would join the record before it
            needed = (ONE_PAGE_CONFIDENCE if one_record else DROP_CONFIDENCE) if drops else START_CONFIDENCE
            confident = self.lines.marginal(label, i) >= needed
            out.append(label if label != rule and confident and not moves_extent else rule)
        if runs and not one_record:
            out = self.fill_runs(out, runs, page.margins)
        return self._heading_joins_first_record(model, out, rules)

    @staticmethod
    def fill_runs(labels: list[str], runs: Sequence[range], margins: Sequence[float]) -> list[str]:
        """Every line of a run of parallel list lines (:func:`parallel_runs`) starts a record when one of them
        does and the line model's mean start probability (``margins``) over the run is at least
        :data:`RUN_CONFIDENCE`: a list of grantees with their amounts is one record per line, where the model's
        labels, read line by line, started records only from the run's middle on. Lines inside a record only (``I``)
        change."""
        out = list(labels)
        for run in runs:
            if not any(out[i] == "B" for i in run):
                continue
            if sum(margins[i] for i in run) / len(run) < RUN_CONFIDENCE:
                continue
            for i in run:
                if out[i] == "I":
                    out[i] = "B"
        return out

    def _heading_joins_first_record(self, model: list[str], out: list[str], rules: list[str]) -> list[str]:
        """A rule record that starts on a heading before the model's first record start (a headline, a page or
        menu heading the model confidently reads as ``O``), with only its own lines up to that start, and the
        record the model starts there are one record: the model's start is dropped, so the headline stays the
        record's title and its lines' values stay in it, where two records (the headline alone and the body)
        gave one spurious record. Only a start the model adds (not one the rules also made) is joined.
        Publisher-folded CV, the whole pipeline on 1 164 dev pages with held-out segmenters (eighteenth session):
        record counts in range 623 -> 650, per record dates 0.570 -> 0.579, counts 0.597 -> 0.602, organisations
        0.521 -> 0.524, projects 0.683 -> 0.683, titles 0.495 -> 0.490, amounts 0.607 -> 0.604. Leaving the
        heading and its lines outside records instead lost values in the page (counts 0.857 -> 0.842) and titles
        (0.478): the keys title such a record by its headline."""
        first = next((i for i, (label, kept) in enumerate(zip(model, out, strict=True)) if label == kept == "B"), None)
        if first is None or rules[first] == "B":
            return out
        heads = [
            i
            for i in range(first)
            if out[i] == "B" and model[i] == "O" and self.lines.marginal("O", i) >= START_CONFIDENCE
        ]
        if not heads or any(out[j] != "I" for j in range(heads[-1] + 1, first)):
            return out
        return [*out[:first], "I", *out[first + 1 :]]


def open_models(path: Path) -> Models:
    import pycrfsuite

    lines, pages = pycrfsuite.Tagger(), pycrfsuite.Tagger()
    lines.open(str(path))
    pages.open(str(page_path(path)))
    return Models(lines, pages)


@cache
def load_tagger(model_path: str | None = None) -> Models | None:
    """The trained segmenter, or None when no model file is shipped or ``PROJEKTY_SEGMENTER=none`` (then the
    rules alone segment)."""
    import os

    where = model_path or os.environ.get("PROJEKTY_SEGMENTER") or str(MODEL_PATH)
    path = Path(where)
    if where == "none" or not path.exists() or not page_path(path).exists():
        return None
    return open_models(path)


# --- segmentation -------------------------------------------------------------------


def _generic_title(text: str, lines: list[Line]) -> tuple[int, int]:
    """A record's title where no rule built one: the quoted name or the name after ``pn.``/``pt.`` in its
    first lines, else its first line when short, else its first sentence."""
    cfg = config()
    first, last = lines[0], lines[min(len(lines) - 1, 3)]
    window = text[first.start : last.end]
    mark = _NAME_MARK.search(window)
    quoted = _QUOTED.search(window, mark.end() if mark else 0)
    if quoted is not None and (mark is not None or quoted.start() < 200):
        return first.start + quoted.start("q"), first.start + quoted.end("q")
    if len(first.text) <= cfg.max_title:
        return item_title(text, (first.start, first.end))
    a, b = split_sentences(text, first.start, first.end)[0]
    return a, min(b, a + cfg.max_title)


def _generic_record(doc: Document, lines: list[Line], ordinal: int, section: str) -> Record:
    text = doc.text
    title_start, title_end = _generic_title(text, lines)
    title = trim_title_end(norm(text[title_start:title_end]))
    years: tuple[int, int | None] | None = years_in(lines[0].text, config())
    source = "title"
    if years is None:
        first = split_sentences(text, lines[0].start, lines[-1].end)
        if first:
            years, source = sentence_years(text[first[0][0] : first[0][1]], config()), "body"
    start, end = lines[0].start, lines[-1].end
    return Record(
        doc_id=doc.doc_id,
        ordinal=ordinal,
        section=section,
        title=title or text[start:end][:80],
        year_start=years[0] if years else None,
        year_end=years[1] if years else None,
        char_start=start,
        char_end=end,
        title_start=title_start,
        title_end=title_end,
        body_start=min(title_end, end),
        body_end=end,
        years_source=source if years else None,
    )


def learned_segment(doc: Document, seg: Segmentation | None = None, tagger=None) -> Segmentation:
    """The document's records as the trained model reads them (see the module docstring); the rule
    segmentation ``seg`` is its input. Without a model, ``seg`` itself."""
    seg = seg if seg is not None else segment(doc)
    tagger = tagger if tagger is not None else load_tagger()
    lines = split_units(doc.text)
    if tagger is None or not lines:
        return seg
    rules = rule_view(lines, seg)
    features = line_features(lines, rules)
    page = tagger.read(_crf_items(features))
    if not seg.records:
        return _lone_records(doc, seg, lines, rules, page, tagger)
    ruled = rules.labels(lines)
    starts = tagger.starts(page, ruled, parallel_runs(features))
    labels = _keep_titles_whole(lines, seg, ruled, starts)
    labels = _residue_joins_record(lines, rules, labels)
    if labels == ruled:
        return seg  # the model confirms the rules' starts: keep their records and blocks as they are
    return _rebuild(doc, seg, lines, rules, labels)


def _lone_records(
    doc: Document, seg: Segmentation, lines: list[Line], rules: RuleView, page: PageItems, tagger: Models
) -> Segmentation:
    """A page on which no layout the rules know starts a record (a news item told in prose, a foundation's note on
    one donation) is read by the model alone where it is sure that a record starts on it (:data:`LONE_CONFIDENCE`):
    its labels (one record on a page the page-kind step reads as one) make the records. Where it is not, the page
    stays without records (a contact page)."""
    if not tagger.sure_of_a_start(page):
        return seg
    labels = tagger.tag(page)
    return _rebuild(doc, seg, lines, rules, labels) if "B" in labels else seg


def _residue_joins_record(lines: list[Line], rules: RuleView, labels: list[str]) -> list[str]:
    """A line the rules could place nowhere (a ``residue`` block) after a record's start lies in that record:
    the keys run a record up to the next one's start (``Wydatki w 2020 roku – 17 667,00 zł`` under a
    numbered investment). Headings, intros, links and chrome stay blocks. Publisher-folded CV (eleventh
    session): projects 0.678 -> 0.681, counts per record 0.585 -> 0.596, amounts in the page 0.920 -> 0.926.
    Letting the model's ``I`` move any block line into a record scored higher on dev (0.683) but took section
    intros and tables of our own pages into records (source page: a count and five organisations wrong).
    On a page with one record start, an intro after it lies in that record too (the conventions: a page about
    one project is one record; its paragraphs under a sub-heading are still its body): dev, 1 330 pages, counts
    in the page 0.867 -> 0.872, amounts 0.931 -> 0.933, dates 0.786 -> 0.788, nothing lower. Headings stay
    blocks; taking every block after the page's last start scored lower on records' dates and organisations.
    After a start, the lines up to the last one stating an amount or a count (an intro, a heading or residue)
    before the next record or the next heading without a figure lie in the record too: the keys give such
    figures to a record (a round's tally after its list, a total under a table), and a figure outside every
    record is lost. A heading without a figure ends the reach: what follows it introduces the next records
    (the source page's ``Zrealizowano kilkanaście projektów`` under a section heading). Publisher-folded CV
    on 1 849 dev pages (twenty-eighth session): amounts in the page 0.933 -> 0.938, counts 0.868 -> 0.874, dates
    0.789 -> 0.791, records unchanged. Every such line with a figure, past headings too, scored the same (0.939,
    0.876, 0.791) but took the source page's section intro into the record before it."""
    joining = ("residue", "intro") if labels.count("B") == 1 else ("residue",)
    out, begun = list(labels), False
    for ln, label in zip(lines, labels, strict=True):
        begun = begun or label == "B"
        if label == "O" and begun and rules.block_kind.get(ln.idx) in joining:
            out[ln.idx] = "I"
    return _figures_join(lines, rules, out)


_FIGURE_KINDS = ("intro", "heading", "residue")  # block kinds whose figures belong to the record before them


def _figures_join(lines: list[Line], rules: RuleView, labels: list[str]) -> list[str]:
    """Each run of block lines after the first start joins the record before it up to its last line stating a
    figure, unless a heading without one comes first (see :func:`_residue_joins_record`)."""
    out, n = list(labels), len(labels)
    i = labels.index("B") if "B" in labels else n
    while i < n:
        if out[i] != "O":
            i += 1
            continue
        j = i
        while j < n and out[j] == "O":
            j += 1
        last = None
        for k in range(i, j):
            kind = rules.block_kind.get(k)
            figure = kind in _FIGURE_KINDS and _states_a_figure(lines[k].text)
            if kind == "heading" and not figure:
                break
            last = k if figure else last
        if last is not None:
            out[i : last + 1] = ["I"] * (last + 1 - i)
        i = j
    return out


def _states_a_figure(text: str) -> bool:
    """The line names an amount of money or a count (the rules of ``extract/counts.py``)."""
    return bool(_MONEY.search(text)) or bool(extract_counts(text))


# A rule record's title guards the lines before it only when it starts this many lines after the record's first
# line at most: a headline, then the line that names the project. A title the rules found further down (a quoted
# name in the body, ``Drugie zadanie pt. „X”`` under a headline and one paragraph per grant) does not keep the model
# from starting records above it or on it. Publisher-folded CV, the whole pipeline held out (2 836 dev pages, the
# same fold segmenters and title models; thirty-ninth session), any distance -> 1 / 3 lines: projects 0.733 -> 0.734 /
# 0.734, titles 0.509 -> 0.511 / 0.510, amounts per record 0.697 -> 0.698 / 0.698, counts 0.655 -> 0.657 / 0.657,
# organisations 0.598 -> 0.599 / 0.599, record counts in range 1 836 -> 1 833 / 1 836; with 1, 31 pages change, key
# records matched on 16 of them up, on none down.
TITLE_GUARD_LINES = 1


def _keep_titles_whole(lines: list[Line], seg: Segmentation, ruled: list[str], labels: list[str]) -> list[str]:
    """No record starts inside a rule record's title (a headline line, then the line that names the project):
    the lines after a record's first line up to its title's end keep the rules' labels, where the title starts at
    most :data:`TITLE_GUARD_LINES` lines after that first line."""
    out = list(labels)
    for r in seg.records:
        first = first_line(lines, r.char_start)
        title_line = first_line(lines, r.title_start)
        if first is None or title_line is None or title_line - first > TITLE_GUARD_LINES:
            continue
        for k in range(first + 1, len(lines)):
            if lines[k].start >= r.title_end:
                break
            out[k] = ruled[k]
    return out


def _rebuild(doc: Document, seg: Segmentation, lines: list[Line], rules: RuleView, labels: list[str]) -> Segmentation:
    by_first_line = {}
    for r in seg.records:
        first = first_line(lines, r.char_start)
        if first is not None:
            by_first_line[first] = r
    section_of = _sections(seg, lines)
    groups, outside = _groups(lines, labels)
    records: list[Record] = []
    for group in groups:
        kept = by_first_line.get(group[0].idx)
        ordinal = len(records) + 1
        if kept is not None and kept.title_end <= group[-1].end:
            records.append(_with(kept, ordinal, group[0].start, group[-1].end))
        else:
            records.append(_generic_record(doc, group, ordinal, section_of.get(group[0].idx, "")))
    covered = [(r.char_start, r.char_end) for r in records]
    blocks = []
    for run in outside:
        ln = run[0]
        if any(a <= ln.start and ln.end <= b for a, b in covered):
            continue
        kind = rules.block_kind.get(ln.idx, "residue")
        blocks.append(
            Block(
                doc.doc_id, kind if kind != "table_header" else "heading", ln.start, ln.end, section_of.get(ln.idx, "")
            )
        )
    return Segmentation(records, sorted(blocks, key=lambda b: b.char_start))


def _sections(seg: Segmentation, lines: list[Line]) -> dict[int, str]:
    """Line index -> the section the rules put it in (the first block or record over it)."""
    section_of: dict[int, str] = {}
    for b in seg.blocks:
        for ln in lines:
            if ln.start < b.char_end and ln.end > b.char_start:
                section_of.setdefault(ln.idx, b.section)
    for r in seg.records:
        for ln in lines:
            if ln.start < r.char_end and ln.end > r.char_start:
                section_of.setdefault(ln.idx, r.section)
    return section_of


def _groups(lines: list[Line], labels: list[str]) -> tuple[list[list[Line]], list[list[Line]]]:
    """The model's records (a ``B`` line and the ``I`` lines after it) and its ``O`` lines, one list per line."""
    groups: list[list[Line]] = []
    outside: list[list[Line]] = []
    for ln, lab in zip(lines, labels, strict=True):
        if lab == "B" or (lab == "I" and not groups):
            groups.append([ln])
        elif lab == "I":
            groups[-1].append(ln)
        else:
            outside.append([ln])
    return groups, outside


def _with(r: Record, ordinal: int, start: int, end: int) -> Record:
    """The rule record ``r`` over the lines of its group, ``start`` to ``end`` (from its line's start: a record
    the rules began inside a line keeps the line's opening words, so that every character stays covered)."""
    body_end = max(end, r.body_start)
    return replace(
        r,
        ordinal=ordinal,
        char_start=min(start, r.char_start),
        char_end=end,
        body_end=body_end,
        body_start=min(r.body_start, body_end),
    )


# --- data from the answer keys ---------------------------------------------------------


def _canonical(text: str) -> tuple[str, list[int] | None]:
    from pipeline.text.canonical import canonical_view

    view = canonical_view(text)
    return (text, None) if view is None else (view.text, list(view.starts))


def _to_view(starts: list[int] | None, raw_offset: int) -> int:
    if starts is None:
        return raw_offset
    import bisect

    return bisect.bisect_left(starts, raw_offset)


def training_examples(gold_dir: Path, root: Path, splits: Sequence[str] = ("dev",)) -> list[Example]:
    """Examples from the seen keys (``gold_dir/*.yaml``) and the real-page keys of ``splits`` (never
    ``test``): each page's text as the pipeline reads it, its records' start offsets as labels."""
    from pipeline.evaluate.realkeys import load_real
    from pipeline.evaluate.score import load_gold
    from pipeline.ingest.decode import read_document

    if "test" in splits:
        raise ValueError("the segmenter is never trained on the test split")
    from pipeline.evaluate.realkeys import read_sources

    seen = load_gold(gold_dir, root)
    site = {p.doc_id: p.site for p in read_sources(gold_dir / "real")}
    out = []
    for g in seen + load_real(gold_dir / "real", root, splits):
        raw = read_document(root / g.source_file, root).text
        text, starts = _canonical(raw)
        ex = example(g.doc_id, text, [_to_view(starts, r.gold_start()) for r in g.records])
        out.append(replace(ex, group=site.get(g.doc_id, g.doc_id)))
    seen_ids = {g.doc_id for g in seen}
    copies = [
        replace(ex, doc_id=f"{ex.doc_id}~{k}") for ex in out if ex.doc_id in seen_ids for k in range(1, SEEN_COPIES)
    ]
    return out + copies


def start_scores(gold: list[str], pred: list[str]) -> tuple[int, int, int]:
    """(true positives, gold starts, predicted starts) of ``B`` labels."""
    tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == p == "B")
    return tp, gold.count("B"), pred.count("B")


def publisher_fold(site: str, folds: int) -> int:
    """The fold of a publisher (its site): the same in every cross-validation of the segmenter."""
    import hashlib

    return int(hashlib.sha256(site.encode()).hexdigest(), 16) % folds


def cross_validate(
    examples: list[Example], folds: int = 5, groups: dict[str, str] | None = None, always: Collection[str] = frozenset()
) -> dict[str, float]:
    """Record-start F1 of the model and of the rules alone, each dev page predicted by a model trained
    without its publisher (``groups``: doc_id -> publisher; ``always``: doc_ids kept in every training
    fold, the seen pages)."""
    import tempfile

    groups = groups or {}

    def fold_of(ex: Example) -> int:
        return publisher_fold(groups.get(ex.doc_id, ex.doc_id), folds)

    model_tp = model_g = model_p = rule_tp = rule_g = rule_p = 0
    held = [ex for ex in examples if ex.doc_id not in always]
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(folds):
            test = [ex for ex in held if fold_of(ex) == k]
            if not test:
                continue
            path = Path(tmp) / f"fold{k}.crfsuite"
            train([ex for ex in examples if ex.doc_id in always or fold_of(ex) != k], path)
            tagger = open_models(path)
            for ex in test:
                tp, g, p = start_scores(ex.labels, tagger.tag(tagger.read(ex.items)))
                model_tp, model_g, model_p = model_tp + tp, model_g + g, model_p + p
                rules = ["B" if it.get("rule=start") else "I" for it in ex.items]
                tp, g, p = start_scores(ex.labels, rules)
                rule_tp, rule_g, rule_p = rule_tp + tp, rule_g + g, rule_p + p

    def f1(tp: int, g: int, p: int) -> float:
        return 2 * tp / (g + p) if g + p else 1.0

    return {
        "model_f1": f1(model_tp, model_g, model_p),
        "rules_f1": f1(rule_tp, rule_g, rule_p),
        "gold_starts": model_g,
        "pages": len(held),
    }
