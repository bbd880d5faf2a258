"""A record's title as the keys read it: which part of its title line, or of the lines after it, names the
project (learned).

The segmenters give each record a title span: a rule's title field, a list item without its bullet and
closing amount, a first line or sentence. Where the project's name is only part of it (``Do WSS w Legnicy
trafi 4 142 825 zł - na przebudowę ...``, ``Lęborskie Stowarzyszenie Sympatyków Sportu: piłka nożna ...``)
or stands on a line after it (``Projekt`` / ``Od korzeni do demokracji``), a linear model picks the span
that names it among candidates: the title span cut at punctuation, dashes, quotes, amounts and a clause's
verb, starting after any mark, opener or verb among its first words, the same cuts of the rest of its line, of
the next lines and of the record's first line above a title span below it, and the
names in quotes or after a naming mark (``pn.``, ``pod tytułem``) in the record's head. The title span
itself is a candidate, so the segmenter's title stands unless the model prefers another. Trained by
``projekty titles train`` on the seen pages and the dev split (never test: :mod:`.title_train`);
``PROJEKTY_TITLE_MODEL=none`` keeps the segmenters' titles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path

from pipeline.core.datatypes import Record
from pipeline.core.features import bucket, neighbour_words
from pipeline.core.linear import LinearModel, read_model, shipped_model
from pipeline.segment.lines import norm
from pipeline.text.morph import analyse, first_word_pos
from pipeline.text.sentences import is_abbreviation, trim_title_end
from pipeline.text.tokens import tokenize

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "title_model.json"
FORMAT = "projekty-title-model/1"
LABELS = ("yes", "no")  # the candidate is the record's title as the key reads it, or not

# a candidate replaces the title span only when the model's probability of it is higher by more than this. It
# was 0.3 while closer calls changed which key record a predicted one matched more than they fixed titles (59
# held-out pages, ninth session); publisher-folded CV on 838 dev pages (fourteenth session) measures none
# needed: exact titles 0.456 -> 0.479, every value per record within 0.003 (model card)
MARGIN = 0.0
# A title may start after a mark, an opener or a verb among its span's first words ("... zł - na X"). Cuts before
# amounts and verbs, starts after verbs, names after naming marks and in ,,typed'' quotes through the record's head
# (twenty-seventh session): of the dev records whose key title no candidate gave, 293 had it inside the title span
# and 254 further in the record. Publisher-folded CV of the title model alone, same 1 849 dev pages: records whose
# key title the model picks 2 637 -> 2 733 (25 first words instead of 15: +19 on 1 798 pages); candidates 31 300 ->
# 54 857. Model card: the steps, and the end-to-end scores.
FIRST_WORDS = 25
# The next lines are candidates whatever the title span's length (until the twenty-fourth session only after a
# title of three words or fewer): a grant's purpose on the line after its grantee, a name after a long headline.
# Publisher-folded CV, the whole pipeline with held-out title models (1 554 dev pages; two fold partitions):
# projects 0.687 -> 0.689 / 0.691 -> 0.693, titles 0.433 -> 0.434 / 0.435 -> 0.439, amounts per record 0.635 ->
# 0.641 / 0.626 -> 0.629, counts 0.614 -> 0.615 / 0.608 -> 0.617; five lines within 600 characters: titles 0.437,
# dates per record 0.595 -> 0.585, not taken.
# The rest of the title span's line is cut the same way (source ``rest``): a grant list's ``Gmina X – task, with
# commas – amount`` whose title span stops at the grantee or at a comma, a grant sentence's ``X w wysokości N zł na
# Y``. Thirty-fourth session, 2 478 dev pages, the whole pipeline held out (fold segmenters, fold title models):
# projects 0.725 -> 0.730, titles 0.493 -> 0.506, amounts per record 0.690 -> 0.693, counts 0.656 -> 0.654, dates
# 0.623 -> 0.624, organisations 0.578 -> 0.582. The model alone (2 505 pages): records whose key title it picks
# with the rest of lines of at most 150 / 300 / 600 / 1 000 characters: 3 622 / 3 648 / 3 657 / 3 654.
NEXT_LINES = 3  # lines after the title span that may hold the name ("Projekt" / "Od korzeni do demokracji")
NEXT_REACH = 300  # ... starting this near the title's start
LINE_CHARS = 300  # longer lines are prose, not a name
# quoted names and names after a naming mark (``pn.``, ``pod tytułem``) are looked for this far into the record:
# in news the name often stands in the second paragraph (``... zrealizuje zadanie pn. „X”``)
HEAD_CHARS = 1500
NAME_CHARS = 250  # a named span ends within this many characters of its mark
_CUTS = frozenset(':–—-,;(„"“”»«)|/.')
_OPEN, _CLOSE = '„"“«', '”"“»'
# a name in quotes: „X”, "X", “X”, «X», and the typed ,,X'' / ,,X"
_QUOTED = re.compile(r'(?:[„"“«]|,,)([^„"”“«»\n]{3,250}?)(?:[”"“»]|\'\')')
# words a project's name follows (``pn. X``, ``pod tytułem X``)
_MARKS = r"\b(?:pn|pt)\.|\bpod\s+(?:nazwą|hasłem)|\btytułem"
_NAME_MARK = re.compile(rf"(?:{_MARKS})\s*$", re.IGNORECASE)  # a candidate right after one (a feature)
# ... and the field labels of a name, with the name's opening quote if any: where a named candidate starts
_NAMED = re.compile(rf"(?:{_MARKS}|\bzadani[ea]\s*:|\bprojekt(?:u)?\s*:)\s*(?:,,|[„\"“«])?", re.IGNORECASE)
_NAME_END = re.compile(r"[”\"“»;\n]|,,|\.(?:\s|$)")
_AMOUNT = re.compile(r"\d[\d \u00a0.,]*\s*(?:zł|złotych|PLN|EUR|euro|€|tys\.?|mln)", re.IGNORECASE)


def _cuts(text: str, start: int, end: int) -> set[tuple[int, int]]:
    """Sub-spans of ``text[start:end]``: starting at any of its first words after a mark, an opener or a
    clause's verb (``otrzymała Akademia Piłkarska``), ending at its end, before a punctuation mark, a dash, an
    opening quote, an amount (``COOLturalne Lubuskie 8.000 zł``) or a clause's verb (``Jednostka OSP w X
    otrzymała``), or after a closing quote."""
    toks = tokenize(text, start, end)
    if not toks:
        return set()
    verb = [t.is_word and _is_verb(t.text) for t in toks]
    starts = [start] + [
        t.start for i, t in enumerate(toks[:FIRST_WORDS]) if i > 0 and (_opens_after(toks[i - 1]) or verb[i - 1])
    ]
    ends = {end}
    for i, t in enumerate(toks):
        amount = t.text[0].isdigit() and _AMOUNT.match(text, t.start)
        if i > 0 and (t.text in _CUTS or not (t.is_word or t.text[0].isdigit()) or verb[i] or amount):
            ends.add(toks[i - 1].end)
        if t.text in _CLOSE:
            ends.add(t.end)
        if t.text in _OPEN:
            ends.add(t.start)
    return {(a, b) for a in starts for b in ends if b > a and _balanced(text[a:b])} | {(start, end)}


# words after which a name starts: "pn. X", "pod tytułem X", "na X" (what a grant pays for), "projekt X"
_OPENERS = frozenset({"pn", "pt", "nazwą", "tytułem", "na", "projekt", "projektu", "zadanie", "zadania"})


def _opens_after(tok) -> bool:
    """A name may start after this token: a punctuation mark, dash, quote or bullet, or an opener word."""
    return not (tok.is_word or tok.text[0].isdigit()) or tok.text.lower() in _OPENERS


def _balanced(span: str) -> bool:
    """No quote or parenthesis left open or closed without its pair (``Klub „Jedynka`` and ``ulic Orlej i
    Łukowej)`` are no names). The typed low quote ``,,`` opens like „ and ``’’``/``''`` may close it; a
    straight quote may close a low one (``„ISKRA"``)."""
    low = span.count("„") + span.count(",,")
    opened = low + span.count("«") + (span.count("“") if not low else 0)
    closed = span.count("”") + span.count("»") + span.count("’’") + span.count("''") + (span.count("“") if low else 0)
    straight = span.count('"')
    quotes = (opened == closed and straight % 2 == 0) or (opened == closed + 1 and straight % 2 == 1 and low > 0)
    return quotes and span.count("(") == span.count(")")


def _line_from(text: str, a: int, end: int) -> tuple[int, int]:
    """The line that starts at the first character from ``a`` on that is no blank, cut at ``end``."""
    while a < end and text[a] in " \t\n":
        a += 1
    b = text.find("\n", a, end)
    return a, end if b < 0 else b


def _next_lines(text: str, record: Record) -> list[tuple[int, int]]:
    """The first lines after the title span, within the record and near its title."""
    out: list[tuple[int, int]] = []
    pos = record.title_end
    while len(out) < NEXT_LINES:
        nl = text.find("\n", pos, record.char_end)
        if nl < 0:
            break
        a, b = _line_from(text, nl + 1, record.char_end)
        if a >= record.char_end or a - record.title_start > NEXT_REACH:
            break
        out.append((a, b))
        pos = b
    return out


# The record's first line is a candidate where the title span stands below it (source ``head``; forty-fifth session):
# of the dev records whose title was wrong, 60 had the key's title as the headline above the title span (``Gmina
# Olsztyn pozyskała ...`` over a task the segmenter took from the body). Publisher-folded CV, the whole pipeline held
# out with fold title models retrained either way (3 497 dev pages): titles 0.5096 -> 0.5103, projects 0.7332 ->
# 0.7334, counts per record 0.6427 -> 0.6441, organisations 0.5893 -> 0.5912, dates 0.5922 -> 0.5905; values in the
# page unchanged.
def _head_line(text: str, record: Record) -> tuple[int, int] | None:
    """The record's first line when its title span stands on a later line (a headline above a title the
    segmenter took from the body)."""
    a, b = _line_from(text, record.char_start, record.char_end)
    if record.title_start <= b or b - a > LINE_CHARS or b <= a:
        return None
    return a, b


def _line_end(text: str, record: Record) -> int:
    """The end of the title span's line, within the record."""
    nl = text.find("\n", record.title_end, record.char_end)
    return record.char_end if nl < 0 else nl


def title_candidates(text: str, record: Record) -> list[tuple[int, int, str]]:
    """Spans that may name the record's project, each with where it comes from (``title``, ``rest`` of its
    line, ``head``: the record's first line, ``line1``.., ``named``, ``quoted``); the title span first."""
    whole = (record.title_start, record.title_end)
    out = [(*whole, "title")]
    seen = {whole}
    for a, b in sorted(_cuts(text, *whole) - seen):
        out.append((a, b, "title"))
        seen.add((a, b))
    line_end = _line_end(text, record)
    if line_end > record.title_end and line_end - record.title_start <= LINE_CHARS:
        for a, b in sorted(_cuts(text, record.title_start, line_end) - seen):
            out.append((a, b, "rest"))
            seen.add((a, b))
    head = _head_line(text, record)
    if head is not None:
        for a, b in sorted(_cuts(text, *head) - seen):
            out.append((a, b, "head"))
            seen.add((a, b))
    for k, (la, lb) in enumerate(_next_lines(text, record), 1):
        if lb - la <= LINE_CHARS:
            for a, b in sorted(_cuts(text, la, lb) - seen):
                out.append((a, b, f"line{k}"))
                seen.add((a, b))
    head_end = min(record.char_end, record.char_start + HEAD_CHARS)
    for m in _NAMED.finditer(text, record.char_start, head_end):
        ab = _named_span(text, m.end(), record.char_end)
        if ab is not None and ab not in seen:
            out.append((*ab, "named"))
            seen.add(ab)
    for m in _QUOTED.finditer(text, record.char_start, head_end):
        ab = (m.start(1), m.end(1))
        if ab not in seen:
            out.append((*ab, "quoted"))
            seen.add(ab)
    return out


def _named_span(text: str, a: int, limit: int) -> tuple[int, int] | None:
    """The name after a naming mark at ``a``: to its closing quote, the sentence's end, a semicolon or the
    line's end, within ``NAME_CHARS``."""
    while a < limit and text[a] == " ":
        a += 1
    e = _NAME_END.search(text, a, min(limit, a + NAME_CHARS))
    if e is None:
        return None
    b = e.start()
    while b > a and text[b - 1] in " ,:–-":
        b -= 1
    return (a, b) if b - a >= 3 and _balanced(text[a:b]) else None


def title_text(text: str, record: Record, a: int, b: int) -> str:
    """The title a candidate gives: the record's own for its title span, else the span's words."""
    if (a, b) == (record.title_start, record.title_end):
        return record.title
    return trim_title_end(norm(text[a:b]))


Spans = Sequence[tuple[int, int]]


def title_features(text: str, record: Record, a: int, b: int, src: str, orgs: Spans = ()) -> dict[str, float]:
    """What a candidate looks like: where it comes from and what it covers of the title span, its length,
    the characters and words around it, its first and last words, quotes, amounts, colons, dashes, and
    whether it is, opens with or holds one of the record's organisation mentions ``orgs`` (a grant list's
    grantee is not its project's name)."""
    span = text[a:b]
    f = {"bias": 1.0, f"src={src}": 1.0, f"whole={(a, b) == (record.title_start, record.title_end)}": 1.0}
    f[f"is_org={any(x == a and y >= b - 1 for x, y in orgs)}"] = 1.0
    f[f"opens_with_org={any(x == a for x, _ in orgs)}"] = 1.0
    f[f"holds_org={any(a <= x and y <= b for x, y in orgs)}"] = 1.0
    if src == "title":
        cover = (b - a) / max(1, record.title_end - record.title_start)
        f[f"at_start={a == record.title_start}"] = 1.0
        f[f"at_end={b == record.title_end}"] = 1.0
        f["cover=" + bucket(cover, (0.2, 0.4, 0.6, 0.8, 0.99))] = 1.0
        f["title_words=" + bucket(len(record.title.split()), (3, 6, 10, 15, 25))] = 1.0
    f["words=" + bucket(len(span.split()), (1, 2, 3, 5, 8, 12, 18, 25))] = 1.0
    # how far into the record it starts, per source: a quoted name deep in a record is more often a programme's
    # (publisher-folded CV of the model alone, 1 849 dev pages: 2 733 -> 2 740 records' titles picked)
    f[f"depth={src}:" + bucket(a - record.char_start, (40, 150, 400, 800))] = 1.0
    before = text[text.rfind("\n", 0, a) + 1 : a].strip()
    f[f"line_start={not before}"] = 1.0
    f["prev_char=" + (before[-1] if before else "<s>")] = 1.0
    after = text[b : b + 2].strip()[:1]
    f["next_char=" + (after or ("<nl>" if text[b : b + 1] == "\n" else "</s>"))] = 1.0
    f |= neighbour_words(text, a, b, max(0, a - 60), min(len(text), b + 60))
    toks = tokenize(text, a, b)
    if toks:
        first, last = toks[0], toks[-1]
        f["first=" + first.text.lower()] = 1.0
        f["last=" + last.text.lower()] = 1.0
        f[f"first_cap={first.text[:1].isupper()}"] = 1.0
        kind = first_word_pos(first.text) if first.is_word else "digit" if first.text[0].isdigit() else "punct"
        f["first_pos=" + kind] = 1.0
        f[f"quoted={first.text in _OPEN and last.text in _CLOSE}"] = 1.0
    f[f"amount={bool(_AMOUNT.search(span))}"] = 1.0
    f[f"colon={':' in span}"] = 1.0
    f[f"dash={' – ' in span or ' - ' in span}"] = 1.0
    f[f"sentences={'. ' in span}"] = 1.0
    f[f"after_name_mark={bool(_NAME_MARK.search(text[max(0, a - 15) : a]))}"] = 1.0
    f |= _span_features(text, a, b)
    return {re.sub(r"\s", "_", k): v for k, v in f.items()}  # crfsuite's model dump reads names without spaces


_LAST = re.compile(r"(\w+)$")
_NEXT = re.compile(r"[^\W\d_]+")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
VERB_WORDS = 20  # a candidate's first words read for a finite verb
# morfeusz2's verb forms that make a clause (finite, past, imperative, impersonal; ``będzie``, ``winien``)
_VERB_POS = frozenset({"fin", "praet", "impt", "imps", "bedzie", "winien"})
_NOT_ONLY_VERB = frozenset({"subst", "adj", "ger", "prep", "conj", "qub", "adv"})


def _is_verb(word: str) -> bool:
    """Every reading of ``word`` is a clause-making verb form (``otrzymała``, ``przeznaczył``)."""
    pos = {a.pos for a in analyse(word.lower())}
    return bool(pos & _VERB_POS) and not pos & _NOT_ONLY_VERB


def _span_features(text: str, a: int, b: int) -> dict[str, float]:
    """What a name rarely does: hold a finite verb (``Gmina otrzymała dotację na ...`` is a sentence about
    a project, not its name) or end inside a sentence, before an abbreviation's stop or a single letter's
    (``p.w.``, ``c.o.``, ``ul.``) or before a lowercase word on its line; and whether it holds a year and
    ends its line. Publisher-folded CV of exact titles over 2 877 records (twenty-sixth session): 0.839 ->
    0.846 (without the verb 0.840, the year 0.844, the line end 0.845)."""
    words = _NEXT.findall(text, a, b)[:VERB_WORDS]
    f = {
        f"has_verb={any(_is_verb(w) for w in words)}": 1.0,
        f"has_year={_YEAR.search(text, a, b) is not None}": 1.0,
    }
    line_end = text.find("\n", b)
    f[f"line_end={not text[b : len(text) if line_end < 0 else line_end].strip()}"] = 1.0
    if text[b : b + 1] == ".":
        m = _LAST.search(text, a, b)
        word = m.group(1) if m else ""
        f[f"abbrev_cut={(len(word) == 1 and word.islower()) or is_abbreviation(word)}"] = 1.0
    nxt = _NEXT.search(text, b, min(len(text), b + 40))
    if nxt and "\n" not in text[b : nxt.start()]:
        f[f"next_lower={nxt.group()[0].islower()}"] = 1.0
    return f


def chosen(probabilities: list[float]) -> int:
    """Which candidate stands, given each one's probability of being the key's title (the first: the title
    span): the likeliest (the first of equals), when it beats the title span by more than ``MARGIN``."""
    best = max(range(len(probabilities)), key=lambda i: (probabilities[i], -i))
    return best if probabilities[best] - probabilities[0] > MARGIN else 0


def choose_title(text: str, record: Record, model: LinearModel, orgs: Spans = ()) -> Record:
    """The record with the title the model prefers (:func:`chosen`); ``orgs``: its organisation mentions."""
    candidates = title_candidates(text, record)
    p = [model.probabilities(title_features(text, record, a, b, src, orgs))["yes"] for a, b, src in candidates]
    k = chosen(p)
    if k == 0:
        return record  # the segmenter's title stands unless another is likelier
    a, b, _ = candidates[k]
    title = title_text(text, record, a, b)
    if not title or title == record.title:
        return record  # the same name further on (`pt. „X”` in the body) leaves the heading as its evidence
    return replace(record, title=title, title_start=a, title_end=b)


def read_title_model(path: Path) -> LinearModel:
    return read_model(path, FORMAT, LABELS, "title model")


@cache
def load_title_model(path: str | None = None) -> LinearModel | None:
    """The shipped title model (or the one at ``path``, or ``$PROJEKTY_TITLE_MODEL``; ``none`` disables it);
    None when there is none: the segmenters' titles stand."""
    return shipped_model(path, "PROJEKTY_TITLE_MODEL", MODEL_PATH, read_title_model)


def retitle(
    text: str, records: list[Record], model: LinearModel | None = None, orgs: Sequence[Spans] | None = None
) -> list[Record]:
    """Every record with the title the model chooses; the records as they are without a model. ``orgs``: per
    record, the spans of its organisation mentions (as extraction kept them)."""
    model = model if model is not None else load_title_model()
    if model is None:
        return records
    per_record = orgs if orgs is not None else [()] * len(records)
    return [choose_title(text, r, model, o) for r, o in zip(records, per_record, strict=True)]
