"""The kind of an amount of money (total_value, grant, own_contribution, programme_budget,
organisation_finances, other), read from the words next to it, with the cue as evidence.

Pure: the document text, the amount and its record's span in; ``(kind, cue_span, share_pct)`` out.
What decides is data (``pipeline/data/amount_kinds.yaml``, read by :func:`parse_rules`, which rejects
unknown keys and missing values):

1. the column of a flattened table the amount stands in: its header (``| Kwota dotacji |``,
   ``KlubDotacja 2021Dotacja 2020Różnica`` over rows of amounts) names a money column;
2. the label of the field the amount is the value of (``Wartość projektu: 97 058,81 zł``);
3. cue phrases of running text in a bounded window around the amount: before it, back to the end of
   the previous sentence, the previous amount or at most ``before_chars``; after it, to the end of the
   clause, the next amount or at most ``after_chars``. The strongest cue wins; on a tie the nearest,
   then the longest, then the one before the amount;
4. otherwise ``default_kind`` (``other``: unclear).

``share_pct`` is the share of the total the page states next to the amount (``(85%)``, ``co stanowi
85% kosztów``, ``85% kosztów, tj. 850 zł``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any

from pipeline.core.datatypes import Money
from pipeline.extract.money import extract_money, lines_above
from pipeline.ruledata.resources import load_yaml
from pipeline.text.sentences import is_abbreviation
from schemas.fields import AMOUNT_KINDS

DATA_FILE = "amount_kinds.yaml"
SIDES = ("before", "after", "both")
MAX_LABEL_LINE = 80  # characters: a longer line ending in a colon is a sentence introducing a list
MAX_ROW_CHARS = 300  # a row or header of a table flattened without separators is a short line
LABEL_STRENGTH = 4  # a field label or column header outranks every cue of running text (strength 1-3)

# whole words: no letter right before or after (digits may touch: "wysokości1 mln USD")
_START, _END = r"(?<![^\W\d_])", r"(?![^\W\d_])"
_SENTENCE_END = re.compile(r"[.!?…]+[\"”»)]*(?=\s+[\"„«(]?[A-ZĄĆĘŁŃÓŚŹŻ0-9])")
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_LINE_START = re.compile(r"\n(?=[ \t]*(?:[-–•*]|[A-ZĄĆĘŁŃÓŚŹŻ]))")
_CLAUSE_END = re.compile(r"[,;:()\[\]\n]|[.!?…](?=\s|$)")
_LAST_WORD = re.compile(r"(\S+)$")


class AmountKindDataError(ValueError):
    """``amount_kinds.yaml`` does not have the expected shape."""


@dataclass(frozen=True)
class Cue:
    kind: str
    side: str  # before | after | both
    strength: int  # 1 verb / loose word, 2 noun, 3 fixed phrase
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Label:
    kind: str
    text: str
    regex: re.Pattern[str]  # the label at the start of a field line or a header cell


@dataclass(frozen=True)
class KindRules:
    before_chars: int
    after_chars: int
    table_lines: int
    default_kind: str
    cues: tuple[Cue, ...]
    labels: tuple[Label, ...]  # longest first
    any_label: re.Pattern[str]  # every label, longest first (one match per table cell)
    header_cell: re.Pattern[str]  # a line with a label at the start of a ``|`` cell
    share_after: re.Pattern[str]
    share_before: re.Pattern[str]


# --- the data file --------------------------------------------------------------------------------

_TOP_KEYS = ("before_chars", "after_chars", "table_lines", "default_kind", "cues", "labels", "share")
_CUE_KEYS = ("kind", "side", "strength", "pattern")
_SHARE_KEYS = ("after", "before")


def _keys(d: Any, expected: tuple[str, ...], where: str) -> dict:
    if not isinstance(d, dict):
        raise AmountKindDataError(f"{DATA_FILE}: {where} must be a mapping")
    unknown = sorted(set(d) - set(expected))
    if unknown:
        raise AmountKindDataError(f"{DATA_FILE}: {where}: unknown key(s) {', '.join(map(str, unknown))}")
    missing = [k for k in expected if d.get(k) is None or d.get(k) == ""]
    if missing:
        raise AmountKindDataError(f"{DATA_FILE}: {where}: missing value(s) for {', '.join(missing)}")
    return d


def _kind(value: Any, where: str) -> str:
    if value not in AMOUNT_KINDS:
        raise AmountKindDataError(f"{DATA_FILE}: {where}: unknown kind {value!r}; allowed: {', '.join(AMOUNT_KINDS)}")
    return value


def _int(value: Any, where: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise AmountKindDataError(f"{DATA_FILE}: {where} must be an integer >= {minimum}, not {value!r}")
    return value


def _regex(pattern: Any, where: str, words: bool = True) -> re.Pattern[str]:
    if not isinstance(pattern, str):
        raise AmountKindDataError(f"{DATA_FILE}: {where}: pattern must be a string")
    try:
        return re.compile(rf"{_START}(?:{pattern}){_END}" if words else pattern, re.IGNORECASE)
    except re.error as exc:
        raise AmountKindDataError(f"{DATA_FILE}: {where}: bad pattern: {exc}") from exc


def _norm(label: str) -> str:
    return " ".join(label.split()).casefold()


def _label_regex(text: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(w) for w in text.split())
    return re.compile(rf"(?:{words}){_END}", re.IGNORECASE)


def parse_rules(data: Any) -> KindRules:
    """The rules of a parsed ``amount_kinds.yaml``; every key required, no unknown key, no empty value."""
    d = _keys(data, _TOP_KEYS, "top level")
    cues = []
    if not isinstance(d["cues"], list):
        raise AmountKindDataError(f"{DATA_FILE}: cues must be a list")
    for i, c in enumerate(d["cues"]):
        where = f"cues[{i}]"
        c = _keys(c, _CUE_KEYS, where)
        if c["side"] not in SIDES:
            raise AmountKindDataError(f"{DATA_FILE}: {where}: unknown side {c['side']!r}; allowed: {', '.join(SIDES)}")
        strength = _int(c["strength"], f"{where}.strength", 1)
        if strength >= LABEL_STRENGTH:
            raise AmountKindDataError(f"{DATA_FILE}: {where}: strength must be below {LABEL_STRENGTH} (labels)")
        cues.append(Cue(_kind(c["kind"], where), c["side"], strength, _regex(c["pattern"], where)))
    labels = []
    if not isinstance(d["labels"], dict):
        raise AmountKindDataError(f"{DATA_FILE}: labels must be a mapping of kind -> label texts")
    for kind, texts in d["labels"].items():
        where = f"labels.{kind}"
        _kind(kind, where)
        if not isinstance(texts, list) or not texts:
            raise AmountKindDataError(f"{DATA_FILE}: {where} must be a non-empty list")
        for t in texts:
            if not isinstance(t, str) or not t.strip():
                raise AmountKindDataError(f"{DATA_FILE}: {where}: a label must be non-empty text")
            labels.append(Label(kind, t.strip(), _label_regex(t.strip())))
    # longest label first: "Wartość projektu" before "Wartość"
    labels.sort(key=lambda lab: -len(lab.text))
    if len({_norm(lab.text) for lab in labels}) != len(labels):
        raise AmountKindDataError(f"{DATA_FILE}: labels: a label is listed twice")
    any_label = re.compile("|".join(f"(?:{lab.regex.pattern})" for lab in labels), re.IGNORECASE)
    share = _keys(d["share"], _SHARE_KEYS, "share")
    for key in _SHARE_KEYS:
        if "(?P<pct>" not in share[key]:
            raise AmountKindDataError(f"{DATA_FILE}: share.{key} needs a group named pct")
    return KindRules(
        before_chars=_int(d["before_chars"], "before_chars", 1),
        after_chars=_int(d["after_chars"], "after_chars", 1),
        table_lines=_int(d["table_lines"], "table_lines", 0),
        default_kind=_kind(d["default_kind"], "default_kind"),
        cues=tuple(cues),
        labels=tuple(labels),
        any_label=any_label,
        header_cell=re.compile(rf"(?:^|\|)[ \t]*(?:{any_label.pattern})", re.IGNORECASE | re.MULTILINE),
        share_after=_regex(share["after"], "share.after", words=False),
        share_before=_regex(share["before"], "share.before", words=False),
    )


@cache
def rules() -> KindRules:
    return parse_rules(load_yaml(DATA_FILE))


# --- windows ----------------------------------------------------------------------------------------


def _before_start(text: str, lo: int, start: int) -> int:
    """Where the before-window of an amount at ``start`` begins: not before ``lo``, nor before the end
    of the sentence, paragraph or line the amount does not belong to."""
    cut = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        word = _LAST_WORD.search(text, max(lo, m.start() - 40), m.start() + 1)
        if m.group().startswith(".") and word and is_abbreviation(word.group(1)):
            continue
        cut = max(cut, m.end())
    for m in _PARAGRAPH.finditer(text, lo, start):
        if not _label_line_before(text, m.start()):
            cut = max(cut, m.end())
    for m in _LINE_START.finditer(text, lo, start):
        before = text[lo : m.start()].rstrip()[-1:]
        if not (before in (",", "-", "–", "(") or _label_line_before(text, m.start())):
            cut = max(cut, m.end())
    return cut


def _label_line_before(text: str, pos: int) -> bool:
    """The line ending at ``pos`` is a short label line ending in a colon ("Wysokość dofinansowania:"), whose
    value follows on the next line; a sentence introducing a list ("... jest następująca:") is not."""
    line = text[text.rfind("\n", 0, pos) + 1 : pos].strip()
    return line.endswith(":") and len(line) <= MAX_LABEL_LINE


def _after_end(text: str, end: int, hi: int) -> int:
    m = _CLAUSE_END.search(text, end, hi)
    return m.start() if m else hi


@dataclass(frozen=True)
class _Found:
    kind: str
    strength: int
    distance: int
    length: int
    before: bool
    span: tuple[int, int]

    def rank(self) -> tuple:
        return (-self.strength, self.distance, -self.length, not self.before)


def _cue_span(m: re.Match, offset: int) -> tuple[int, int]:
    if "cue" in m.re.groupindex and m.group("cue") is not None:
        return offset + m.start("cue"), offset + m.end("cue")
    return offset + m.start(), offset + m.end()


def _cues(text: str, r: KindRules, before: tuple[int, int], after: tuple[int, int]) -> list[_Found]:
    found = []
    b0, b1 = before
    a0, a1 = after
    window = text[a0:a1]
    for c in r.cues:
        if c.side in ("before", "both") and b1 > b0:
            hits = list(c.regex.finditer(text, b0, b1))
            if hits:
                a, b = _cue_span(hits[-1], 0)
                found.append(_Found(c.kind, c.strength, b1 - b, b - a, True, (a, b)))
        if c.side in ("after", "both") and a1 > a0:
            m = c.regex.search(window)
            if m:
                a, b = _cue_span(m, a0)
                found.append(_Found(c.kind, c.strength, a - a0, b - a, False, (a, b)))
    return found


# --- labels and table columns -------------------------------------------------------------------------


def _line(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, len(text) if b < 0 else b


_FIELD_TAIL = re.compile(r"[^\n:]{0,60}:[ \t]*(?:\n[ \t]*(?:[-–•*][ \t]*)?)?$")
_LINE_HEAD = re.compile(r"[ \t]*(?:[-–•*][ \t]*|\d{1,3}\.[ \t]*)?")


def _label_at(text: str, r: KindRules, a: int, b: int) -> tuple[str, tuple[int, int]] | None:
    """The label ``text[a:b]`` starts with, and its kind."""
    m = r.any_label.match(text, a, b)
    if not m:
        return None
    kind = next(lab.kind for lab in r.labels if _norm(lab.text) == _norm(m.group()))
    return kind, (m.start(), m.end())


def _field_label(text: str, r: KindRules, lo: int, start: int) -> tuple[str, tuple[int, int]] | None:
    """The label of the field whose value the amount is: ``Label[ qualifier]: amount`` on its line, or the
    label line right above (``Wysokość dofinansowania ze środków WFOŚiGW:`` / ``• 80 500,00 zł``)."""
    a, _ = _line(text, start)
    if not text[a:start].strip() and a > lo:  # the value on the line after its label
        a, _ = _line(text, a - 1)
    head = _LINE_HEAD.match(text, max(a, lo))
    assert head is not None  # every part of the pattern is optional: it matches anywhere
    found = _label_at(text, r, head.end(), start)
    if found and _FIELD_TAIL.match(text[found[1][1] : start]):
        return found
    return None


def _labels_in(text: str, r: KindRules, a: int, b: int) -> list[tuple[int, int, str]]:
    """Money-column labels of a header line, left to right: each at a word start, or glued to the previous
    cell at a lower-to-upper case change (``KlubDotacja 2021Dotacja 2020Różnica``)."""
    out: list[tuple[int, int, str]] = []
    pos = a
    while pos < b:
        starts_word = pos == a or not text[pos - 1].isalpha() or (text[pos - 1].islower() and text[pos].isupper())
        if starts_word and text[pos].isalpha() and (hit := _label_at(text, r, pos, b)):
            kind, (s, e) = hit
            out.append((s, e, kind))
            pos = e
            continue
        pos += 1
    return out


def _cell_label(text: str, r: KindRules, a: int, b: int) -> tuple[str, tuple[int, int]] | None:
    """The label a table cell ``text[a:b]`` starts with."""
    while a < b and text[a].isspace():
        a += 1
    return _label_at(text, r, a, b)


def _cells(text: str, a: int, b: int) -> list[tuple[int, int]]:
    bars = [a - 1, *(k for k in range(a, b) if text[k] == "|"), b]
    return [(x + 1, y) for x, y in zip(bars, bars[1:], strict=False)]


def _pipe_column(text: str, r: KindRules, m: Money) -> tuple[str, tuple[int, int]] | None:
    """The amount in a ``|`` table row: the kind of its column's header cell. The header is the nearest
    line above, in the same run of ``|`` lines, with a money label at the start of a cell; a row may run
    over several lines (it ends when it has as many bars as the header)."""
    a, b = _line(text, m.char_start)
    if text.find("|", a, b) < 0:
        return None
    top, lines_up = a, 0  # the first line of the run of "|" lines
    while top > 0 and lines_up < r.table_lines:
        pa = text.rfind("\n", 0, top - 1) + 1
        if text.find("|", pa, top - 1) < 0:
            break
        top, lines_up = pa, lines_up + 1
    headers = [h for h in _pipe_headers(text, top) if h[1] < a]
    if not headers:
        return None
    header = headers[-1]
    n = text.count("|", *header)
    row_start, bars, pos = header[1] + 1, 0, header[1] + 1
    while pos < a:
        la, lb = _line(text, pos)
        bars += text.count("|", la, lb)
        if bars >= n:
            row_start, bars = lb + 1, 0
        pos = lb + 1
    cell = text.count("|", row_start, m.char_start)
    cells = _cells(text, *header)
    return _cell_label(text, r, *cells[cell]) if cell < len(cells) else None


@lru_cache(maxsize=256)
def _pipe_headers(text: str, top: int) -> tuple[tuple[int, int], ...]:
    """Header lines (a money label at the start of a cell) of the run of ``|`` lines starting at ``top``
    (memoised: every row of a table looks for the same header)."""
    r = rules()
    out = []
    pos = top
    while pos < len(text):
        a, b = _line(text, pos)
        if text.find("|", a, b) < 0:
            break
        if text.count("|", a, b) >= 2 and r.header_cell.search(text, a, b):
            out.append((a, b))
        pos = b + 1
    return tuple(out)


def _row_column(text: str, r: KindRules, m: Money) -> tuple[str, tuple[int, int]] | None:
    """The amount in a row of a table flattened without separators (``Orion80 tys. zł81 tys. zł-1 tys. zł``
    under ``KlubDotacja 2021Dotacja 2020Różnica``): the i-th amount of the row takes the i-th money column
    of the header, the first line above the run of rows that holds no amount."""
    a, b = _line(text, m.char_start)
    if b - a > MAX_ROW_CHARS:
        return None
    row = _amounts_in(text, a, b)
    if len(row) < 2:
        return None
    index = next((i for i, x in enumerate(row) if x[0] == m.char_start), None)
    if index is None:
        return None
    pos, lines_up = a, 0
    while pos > 0 and lines_up < r.table_lines:
        pa, pb = _line(text, pos - 1)
        if not text[pa:pb].strip():
            return None
        if pb - pa > MAX_ROW_CHARS:
            return None
        if not _amounts_in(text, pa, pb):
            if text[pa:pb].rstrip()[-1:] in ".:!?":
                return None
            labels = _labels_in(text, r, pa, pb)
            if len(labels) >= len(row) and len(labels) >= 2:
                s, e, kind = labels[index]
                return kind, (s, e)
            return None
        pos, lines_up = pa, lines_up + 1
    return None


# --- tables flattened one cell per line ---------------------------------------------------------------

_ROW_MARK = re.compile(r"[ \t]*\d{1,3}\.?[ \t]*")  # a row's number on a line of its own: "1.", "2"
_HEAD_NOUN = re.compile(rf"{_START}(?:kwot|wartoś|koszt|wkład|wysokoś|sum|budżet|środk|pul)\w*", re.IGNORECASE)
MAX_CELL_LINES = 200  # lines an amount's cell looks up for its table's header
MAX_HEADER_CELLS = 20  # header cells above a table's first row


def _cell_lines(text: str, start: int) -> list[tuple[int, int]]:
    """The non-blank lines above the line starting at ``start``, nearest first, up to the first line that
    cannot be a cell (a long one, or a caption ending in a colon: ``Wykaz szkół, którym ...:``)."""
    out: list[tuple[int, int]] = []
    limit = MAX_CELL_LINES
    for a, b in lines_above(text, start):
        if len(out) >= limit:
            break
        line = text[a:b].strip()
        if len(line) > MAX_LABEL_LINE or line.endswith(":"):
            break
        if line:
            out.append((a, b))
            if line.rstrip(".") == "1":  # the first row: only its header is left above
                limit = min(limit, len(out) + MAX_HEADER_CELLS)
    return out


def _amount_cell(text: str, a: int, b: int) -> bool:
    """The line ``text[a:b]`` holds one amount and nothing else."""
    found = _amounts_in(text, a, b)
    return len(found) == 1 and not text[a : found[0][0]].strip() and not text[found[0][1] : b].strip()


def _header_columns(text: str, r: KindRules, header: list[tuple[int, int]]) -> list[tuple[str, tuple[int, int]]]:
    """The money columns of a header of one cell per line, left to right: each cell's strongest cue or
    label; a cell without a head noun of money continues the one before (``KWOTA PRZYZNANEJ`` / ``DOTACJI
    [zł]`` is one column)."""
    columns: list[tuple[str, tuple[int, int]]] = []
    prev_money = False
    for a, b in header:
        found = _cues(text, r, (a, b), (b, b))
        if not found:
            prev_money = False
            continue
        best = min(found, key=_Found.rank)
        if prev_money and not _HEAD_NOUN.search(text, a, b):
            continue
        columns.append((best.kind, best.span))
        prev_money = True
    return columns


def _cell_column(text: str, r: KindRules, m: Money) -> tuple[str, tuple[int, int]] | None:
    """The amount is a cell of a table flattened one cell per line (``Lp.`` / ``Nazwa szkoły`` / ``Kwota
    wkładu własnego`` / ``Kwota wsparcia finansowego`` / ``Koszt całkowity``, then rows ``1.`` / ``Szkoła
    ...`` / ``625,00 zł`` / ``2 500,00 zł`` / ``3 125,00 zł``): the i-th amount of its row takes the i-th
    money column of the header, the cells above the first row."""
    a, b = _line(text, m.char_start)
    if not _amount_cell(text, a, b):
        return None
    above = _cell_lines(text, a)
    marks = [k for k, (x, y) in enumerate(above) if _ROW_MARK.fullmatch(text, x, y)]
    if not marks:
        return None
    index = sum(1 for x, y in above[: marks[0]] if _amount_cell(text, x, y))
    first = next((k for k in marks if text[above[k][0] : above[k][1]].strip().rstrip(".") == "1"), None)
    if first is None:
        return None
    columns = _header_columns(text, r, above[first + 1 :][::-1])
    if index >= len(columns) or len(columns) < 2:
        return None
    return columns[index]


# --- share ------------------------------------------------------------------------------------------


def _pct(m: re.Match | None) -> float | None:
    if not m:
        return None
    v = float(m.group("pct").replace(",", "."))
    return v if 0 < v <= 100 else None


def share_pct(text: str, m: Money, lo: int, hi: int, r: KindRules | None = None) -> float | None:
    r = r or rules()
    a_end = text.find("\n", m.char_end, hi)
    after = text[m.char_end : min(hi, m.char_end + 60) if a_end < 0 else min(a_end, m.char_end + 60)]
    pct = _pct(r.share_after.match(after))
    if pct is not None:
        return pct
    b_start = text.rfind("\n", lo, m.char_start) + 1
    return _pct(r.share_before.search(text[max(lo, b_start, m.char_start - 80) : m.char_start]))


# --- the kind ---------------------------------------------------------------------------------------


@lru_cache(maxsize=512)
def _amounts_in(text: str, a: int, b: int) -> tuple[tuple[int, int], ...]:
    """Amounts of one line (memoised: the rows of a table are read again for every amount under them)."""
    return tuple((x.char_start, x.char_end) for x in extract_money(text, a, b))


class _Spans(list):
    """(char_start, char_end) of a record's amounts, sorted."""

    @classmethod
    def of(cls, amounts: list[Money]) -> _Spans:
        return cls(sorted((x.char_start, x.char_end) for x in amounts))


def _before_window(text: str, r: KindRules, lo: int, start: int, spans: list[tuple[int, int]]) -> int:
    """Start of the before-window: the sentence so far, after the previous amount, unless that amount
    opens a range ("od 5 tys. do 40 tys. zł": the second end reads the words before the first) or is the
    first of two coordinated amounts ("stawki wyniosą odpowiednio 2,5 tys. zł oraz 1 tys. zł", "stawkę
    3,5 tys. zł na komputer oraz 1,5 tys. zł na tablet": the second conjunct shares the words before the
    first)."""
    begin = max(lo, start - r.before_chars)
    k = bisect.bisect_left(spans, (start, start))  # spans[:k]: the amounts before this one
    if k and spans[k - 1][1] > begin:
        s, e = spans[k - 1]
        if _RANGE_GAP.fullmatch(text, e, start) or _COORD_GAP.fullmatch(text, e, start):
            begin = max(lo, s - r.before_chars)
            if k > 1 and spans[k - 2][1] > begin:
                begin = spans[k - 2][1]
        else:
            begin = _after_own_words(text, e, start)
    return _before_start(text, begin, start)


def _after_own_words(text: str, end: int, start: int) -> int:
    """Where the words of the amount ending at ``end`` stop, for the next amount at ``start``: the words
    right after an amount up to the end of its clause are its own after-window ("13 870 zł wkład własny
    biblioteki, 40 800 zł środki finansowe Ministra": "wkład własny" is not a cue of 40 800 zł)."""
    m = _CLAUSE_END.search(text, end, start)
    return m.end() if m and text[end : m.start()].strip() else end


_RANGE_GAP = re.compile(r"\s*(?:-|–|—|do|a)\s*", re.IGNORECASE)
# a conjunction between two amounts, maybe after the first one's own short complement ("na komputer")
_COORD_GAP = re.compile(
    r"[ \t]*(?:,[ \t]*(?:(?:oraz|i|lub|albo)[ \t]+)?|(?:oraz|i|lub|albo)[ \t]+)"  # "2,5 tys. zł oraz 1 tys. zł"
    r"|[ \t]+[^\W\d_][^.,;:!?\n\d]{0,40}?[ \t]+(?:oraz|i|lub|albo)[ \t]+",  # "3,5 tys. zł na komputer oraz 1,5 ..."
    re.IGNORECASE,
)


LABEL_STRENGTH = 4  # a field label or a column header: above every cue's strength (1-3)


def amount_kind(
    text: str,
    money: Money,
    record_span: tuple[int, int],
    amounts: list[Money] | _Spans | None = None,
) -> tuple[str, tuple[int, int] | None, float | None]:
    """``(kind, cue_span, share_pct)`` of ``money`` in the record ``text[record_span[0]:record_span[1]]``.

    ``amounts``: every amount of the record (read again when not given), so that the window stops at
    the neighbouring amounts. ``cue_span`` is the evidence of the kind (a cue phrase, a field label or
    a column header, which may stand above the record in a table); None when nothing decided and the
    kind is the default.
    """
    kind, cue, share, _ = _decide(text, money, record_span, amounts)
    return kind, cue, share


def _decide(
    text: str, money: Money, record_span: tuple[int, int], amounts: list[Money] | _Spans | None
) -> tuple[str, tuple[int, int] | None, float | None, int]:
    """:func:`amount_kind` and how firmly it was decided: 0 nothing (the default kind), the winning cue's
    strength (1-3), or :data:`LABEL_STRENGTH` for a field label or a column header."""
    r = rules()
    lo, hi = record_span
    if amounts is None:
        amounts = extract_money(text, lo, hi)
    spans = amounts if isinstance(amounts, _Spans) else _Spans.of(amounts)
    share = share_pct(text, money, lo, hi, r)

    decided = (
        _pipe_column(text, r, money)
        or _row_column(text, r, money)
        or _cell_column(text, r, money)
        or _field_label(text, r, lo, money.char_start)
    )
    if decided:
        return decided[0], decided[1], share, LABEL_STRENGTH
    start = _before_window(text, r, lo, money.char_start, spans)
    end = min(hi, money.char_end + r.after_chars)
    k = bisect.bisect_left(spans, (money.char_end, money.char_end))
    if k < len(spans) and spans[k][0] < end:
        end = spans[k][0]
    end = _after_end(text, money.char_end, end)
    found = _cues(text, r, (start, money.char_start), (money.char_end, end))
    if not found:
        return r.default_kind, None, share, 0
    best = min(found, key=_Found.rank)
    return best.kind, best.span, share, best.strength


def with_kinds(text: str, amounts: list[Money], record_span: tuple[int, int]) -> list[Money]:
    """The record's amounts, each with its kind, the cue as evidence and the stated share."""
    out = []
    spans = _Spans.of(amounts)
    for m in amounts:
        kind, cue, share, strength = _decide(text, m, record_span, spans)
        out.append(
            replace(
                m,
                kind=kind,
                share_pct=share,
                kind_cue=text[cue[0] : cue[1]] if cue else None,
                kind_cue_start=cue[0] if cue else None,
                kind_cue_end=cue[1] if cue else None,
                kind_strength=strength,
            )
        )
    return out
