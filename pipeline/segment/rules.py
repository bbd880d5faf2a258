"""Document -> project records, section headings and non-record blocks.

Pages of this genre write records in a handful of layouts, often mixed on one
page; each layout has a start pattern (see ``_record_start``):

- title line with a year span: ``Title (2014-2015)``, ``(Act4T, 2013)``, a title
  wrapped over lines with ``(2008-2009) - description`` on the last one;
- title line with trailing years: ``Program LOGON - ..., 1998-2003``, ``Title – 2016``;
- list entry: ``2009 Title``, ``2006 - Title``, ``2009/2010 – Title`` (continuation
  lines belong to it), and bulleted entries directly under a heading;
- prose record: ``W 2006 r. Związek zrealizował projekt pt. ...``;
- field-style record: ``Tytuł projektu:`` / ``Okres realizacji:`` / ...;
- news item: a standalone headline followed by prose.

Everything that is not a record is kept as a :class:`Block` (heading, intro,
link, chrome, residue) so no text is lost. Vocabulary lives in
``data/segment.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from pipeline.core.datatypes import Block, Document, Record
from pipeline.ruledata.common import common
from pipeline.ruledata.resources import load_yaml
from pipeline.text.sentences import split_sentences

# --- configuration ---------------------------------------------------------


@dataclass(frozen=True)
class _Config:
    year_min: int
    year_max: int
    max_title: int
    max_heading: int
    upper_ratio: float
    field_re: re.Pattern
    field_names: dict[str, str]
    link_res: tuple[re.Pattern, ...]
    chrome_res: tuple[re.Pattern, ...]
    prose_start: re.Pattern
    prose_verbs: re.Pattern
    quoted_start: re.Pattern
    title_marker: re.Pattern
    heading_year: re.Pattern
    date_line: re.Pattern
    item_title_end: re.Pattern
    news_years: re.Pattern
    body_period: re.Pattern


@cache
def _config() -> _Config:
    d = load_yaml("segment.yaml")
    names = {label.lower(): name for name, labels in d["fields"].items() for label in labels}
    labels = sorted(names, key=len, reverse=True)
    field_re = re.compile(
        r"^\s*(?:[-•*]\s*)?(?P<label>" + "|".join(map(re.escape, labels)) + r")\s*:\s*(?P<value>.*?)\s*$",
        re.IGNORECASE,
    )
    return _Config(
        year_min=common().project_years.min,
        year_max=common().project_years.max,
        max_title=d["max_title_chars"],
        max_heading=d["max_heading_chars"],
        upper_ratio=d["upper_heading_ratio"],
        field_re=field_re,
        field_names=names,
        link_res=tuple(re.compile(p, re.IGNORECASE) for p in d["link_patterns"]),
        chrome_res=tuple(re.compile(p, re.IGNORECASE) for p in d["chrome_patterns"]),
        prose_start=re.compile(d["prose_year_start"]),
        prose_verbs=re.compile(d["prose_record_verbs"], re.IGNORECASE),
        quoted_start=re.compile(d["quoted_start"], re.IGNORECASE),
        title_marker=re.compile(d["title_markers"], re.IGNORECASE),
        heading_year=re.compile(d["heading_year"]),
        date_line=re.compile(d["date_line"], re.IGNORECASE),
        item_title_end=re.compile(d["item_title_end"]),
        news_years=re.compile(d["news_years"]),
        body_period=re.compile(d["body_period"]),
    )


# --- lines -----------------------------------------------------------------


@dataclass
class Line:
    idx: int
    start: int  # offset of the first non-space character
    end: int  # offset after the last non-space character
    text: str  # text[start:end]
    block: int = -1
    first: bool = False  # first line of its block
    last: bool = False  # last line of its block


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with trimmed spans, numbered into blocks (runs without blank lines)."""
    lines: list[Line] = []
    block = -1
    prev_blank = True
    for m in re.finditer(r"[^\n]*(?:\n|$)", text):
        raw_start, raw = m.start(), m.group().rstrip("\n")
        if m.start() == m.end():
            break
        stripped = raw.strip()
        if not stripped:
            if lines:
                lines[-1].last = True
            prev_blank = True
            continue
        lead = len(raw) - len(raw.lstrip())
        start = raw_start + lead
        if prev_blank:
            block += 1
        lines.append(Line(len(lines), start, start + len(stripped), stripped, block, first=prev_blank))
        prev_blank = False
    if lines:
        lines[-1].last = True
    return lines


# --- year spans --------------------------------------------------------------

_YEAR_SPAN = r"(?P<y1>\d{4})(?:\s*[-–—/]\s*(?P<y2>\d{4}|\d{1,2})(?!\d))?"
_TITLE_YEARS = re.compile(
    r"^(?P<title>.*?)\s*\((?P<pre>[^()]{1,40}?,\s*)?" + _YEAR_SPAN + r"\s*\)\s*(?P<rest>(?:[-–—].*)?)$"
)
_TRAILING_YEARS = re.compile(r"^(?P<title>.*?\S)\s*(?:,|\s[-–—])\s*" + _YEAR_SPAN + r"\s*(?:r\.|roku)?\s*$")
_LIST_ENTRY = re.compile(
    r"^(?:[-•*]\s*)?" + _YEAR_SPAN + r"(?:\s*r\.)?\s*(?:[-–—:.]\s*|\s+)(?P<title>(?!r\.|rok|roku\b)\S.*)$"
)
_BULLET = re.compile(r"^(?:[-•*▪●◦]|\d{1,3}[.)])\s+(?P<title>\S.*)$")
_QUOTED = re.compile(r"[„\"“«](?P<q>[^„\"”“«»]{3,200})[”\"“»]")
_SENTENCE_END = re.compile(r"[.!?;:]$")
_SEPARATOR = re.compile(r"^[-=_*~#•·\s]{3,}$")  # "-----", "* * *": layout, not text


def parse_years(y1: str, y2: str | None, cfg: _Config) -> tuple[int, int] | None:
    start = int(y1)
    if y2 is None:
        end = start
    elif len(y2) < 4:  # "2008-9", "1999-01"
        end = int(str(start)[: 4 - len(y2)] + y2)
    else:
        end = int(y2)
    if not (cfg.year_min <= start <= end <= cfg.year_max):
        return None
    return start, end


# --- line classification -------------------------------------------------------


def _letters(s: str) -> list[str]:
    return [c for c in s if c.isalpha()]


def is_upper_heading(line: Line, cfg: _Config) -> bool:
    letters = _letters(line.text)
    if len(letters) < 4 or len(line.text) > cfg.max_heading:
        return False
    upper = sum(c.isupper() for c in letters)
    return upper / len(letters) >= cfg.upper_ratio


MAX_FURNITURE_CHARS = 400  # links and chrome are short lines; longer ones are never tested (and never slow)


def matches_any(patterns: tuple[re.Pattern, ...], s: str) -> bool:
    return len(s) <= MAX_FURNITURE_CHARS and any(p.search(s) for p in patterns)


def _heading_text(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().rstrip(":").strip()


TITLE_KINDS = ("title_years", "trailing_years", "list", "bare")


@dataclass
class _Start:
    """A record start found at a line."""

    kind: str  # title_years | trailing_years | list | bare | bullet | prose | quoted | field | block_title | headline
    first_line: int  # line where the record begins (a wrapped title starts above the matched line)
    title_start: int
    title_end: int
    years: tuple[int, int] | None
    body_start: int  # offset where the body begins
    title_suffix: str = ""  # "(Act4T)"
    title_lines: int = 1  # lines consumed by the title (the body starts after them)
    bulleted: bool = False  # the title line is a list item ("- Title (2022) – ...")

    @property
    def is_item(self) -> bool:
        """A list entry: a new paragraph after it is not its continuation."""
        return self.kind in ("list", "bullet") or self.bulleted


@dataclass(frozen=True)
class _Context:
    """What the segmenter knows when it looks at a line."""

    open_kind: str | None = None  # kind of the open record
    open_first: int | None = None  # its first line
    open_has_body: bool = False  # it has lines beyond its title
    in_list: bool = False  # the open record is a list entry or bullet
    after_heading: bool = False  # the previous line was a heading

    @property
    def title_list(self) -> bool:
        """Inside a list of bare titles: the open record is a title without a body."""
        return self.open_kind in TITLE_KINDS and not self.open_has_body


def _ends_sentence(line: Line) -> bool:
    return bool(_SENTENCE_END.search(line.text))


def _title_like(line: Line, cfg: _Config) -> bool:
    t = line.text
    return len(t) <= cfg.max_heading and t[:1].isupper() and not re.search(r"[.:;,!?]$", t)


def _own_start(line: Line, cfg: _Config) -> bool:
    """The line starts a record by itself (so a wrapped title cannot run through it)."""
    t = line.text
    return bool(
        _TITLE_YEARS.match(t) or _LIST_ENTRY.match(t) or _TRAILING_YEARS.match(t) or _BULLET.match(t)
        or cfg.field_re.match(t)
    )


def _strip_bullet(line: Line, title_start: int) -> int:
    m = _BULLET.match(line.text)
    return line.start + m.start("title") if m and title_start == line.start else title_start


def _title_years_start(lines: list[Line], i: int, cfg: _Config, ctx: _Context) -> _Start | None:
    line = lines[i]
    m = _TITLE_YEARS.match(line.text)
    if not m:
        return None
    years = parse_years(m["y1"], m["y2"], cfg)
    if years is None or len(m["title"]) > cfg.max_title:
        return None
    title_limit = line.start + m.end("title")
    # A title wrapped over lines: earlier lines of the block that do not end a sentence.
    first = i
    replaceable = ctx.open_first if ctx.open_kind == "bare" else None
    while first > 0 and not lines[first].first and lines[first - 1].block == line.block:
        prev = lines[first - 1]
        if _ends_sentence(prev) or title_limit - prev.start > cfg.max_title:
            break
        if prev.idx != replaceable and (_own_start(prev, cfg) or prev.idx == ctx.open_first):
            break
        first -= 1
        if prev.idx == replaceable:
            break
    continues = not m["title"] or m["title"][:1].islower()
    if first != i and not (lines[first].first or first == replaceable or continues):
        first = i  # a wrapped title starts its block, replaces a bare title, or is evidently wrapped
    if not m["title"] and first == i:
        return None
    title_start = _strip_bullet(lines[first], lines[first].start)
    title_end = title_limit if m["title"] else lines[i - 1].end
    rest_start = line.start + m.start("rest") if m["rest"] else line.end
    suffix = f"({m['pre'].rstrip(', ').strip()})" if m["pre"] else ""
    bulleted = title_start != lines[first].start
    return _Start("title_years", first, title_start, title_end, years, rest_start, suffix, i - first + 1, bulleted)


def _record_start(lines: list[Line], i: int, cfg: _Config, ctx: _Context) -> _Start | None:
    """The record that starts at line ``i``, if any."""
    line = lines[i]
    text = line.text
    nxt = lines[i + 1] if i + 1 < len(lines) and lines[i + 1].block == line.block else None
    prev = lines[i - 1] if i > 0 and not line.first else None
    if prev is not None and (pf := cfg.field_re.match(prev.text)) and not pf["value"]:
        return None  # the value of a field written on the next line
    fm = cfg.field_re.match(text)
    if fm:
        if cfg.field_names[fm["label"].lower()] != "title":
            return None
        if fm["value"]:
            vs = line.start + fm.start("value")
            return _Start("field", i, vs, vs + len(fm["value"]), None, line.end)
        if nxt is not None:
            return _Start("field", i, nxt.start, nxt.end, None, nxt.end, title_lines=2)
        return None
    start = _title_years_start(lines, i, cfg, ctx)
    if start:
        return start
    after_sentence = prev is not None and _ends_sentence(prev)
    if line.first or ctx.in_list or ctx.title_list or ctx.after_heading:
        m = _LIST_ENTRY.match(text)
        if m and (years := parse_years(m["y1"], m["y2"], cfg)):
            ts = line.start + m.start("title")
            return _Start("list", i, ts, line.end, years, line.end)
    if len(text) <= cfg.max_title and not _SENTENCE_END.search(text):
        m = _TRAILING_YEARS.match(text)
        if m and (line.first or ctx.title_list or after_sentence):
            years = parse_years(m["y1"], m["y2"], cfg)
            if years:
                ts = _strip_bullet(line, line.start)
                return _Start("trailing_years", i, ts, line.start + m.end("title"), years, line.end)
        m = re.match(r"^(?P<title>.*?\S)\s+(?P<y1>\d{4})$", text)
        if m and ctx.title_list and (years := parse_years(m["y1"], None, cfg)):
            return _Start("trailing_years", i, line.start, line.start + m.end("title"), years, line.end)
    if line.first and (m := cfg.prose_start.match(text)):
        years = parse_years(m["y1"], m["y2"], cfg)
        if years and cfg.prose_verbs.search(text[m.end() : m.end() + 80]):
            return _Start("prose", i, line.start, line.start, years, line.start)
    if line.first and (m := cfg.quoted_start.match(text)):
        first_sentence = text[: next((b for _, b in split_sentences(text)), len(text))]
        years = _years_in(first_sentence, cfg)
        qs = line.start + m.start("q")
        return _Start("quoted", i, qs, qs + len(m["q"]), years, line.start)
    if nxt is not None and _title_like(line, cfg) and not matches_any(cfg.link_res, text):
        nf = cfg.field_re.match(nxt.text)
        if nf and cfg.field_names[nf["label"].lower()] not in ("title", "number"):
            return _Start("field", i, line.start, line.end, None, line.end)
    if line.first and nxt is not None and _title_like(line, cfg) and _is_prose(nxt, cfg):
        return _Start("block_title", i, line.start, line.end, None, line.end)
    if (ctx.in_list or ctx.open_kind is None or ctx.after_heading) and (m := _BULLET.match(text)):
        ts = line.start + m.start("title")
        return _Start("bullet", i, ts, line.end, None, line.end)
    if _bare_title(lines, i, cfg, ctx, after_sentence):
        return _Start("bare", i, line.start, line.end, None, line.end)
    return None


def _is_prose(line: Line, cfg: _Config) -> bool:
    """A line of running text: long, or ending a sentence; not a field, date, link or list item."""
    t = line.text
    if cfg.field_re.match(t) or cfg.date_line.match(t) or _BULLET.match(t) or matches_any(cfg.link_res, t):
        return False
    return len(t) > cfg.max_heading or bool(re.search(r"[.!?]$", t))


def _bare_title(lines: list[Line], i: int, cfg: _Config, ctx: _Context, after_sentence: bool) -> bool:
    """A title without years inside a dense list of titles (one per line, no blank lines)."""
    line = lines[i]
    if line.first or not _title_like(line, cfg) or matches_any(cfg.link_res, line.text):
        return False
    if ctx.open_kind not in TITLE_KINDS or ctx.open_first is None:
        return False
    if ctx.open_kind == "list" and lines[ctx.open_first].first:
        return False  # blank-separated list entries: the following lines continue the entry
    nxt = lines[i + 1] if i + 1 < len(lines) and lines[i + 1].block == line.block else None
    if nxt is not None and nxt.text[:1].islower():
        return False  # a sentence wrapped onto the next line
    if ctx.title_list:
        return True
    body_lines = i - ctx.open_first - 1
    return after_sentence and body_lines <= 2


# --- tables ------------------------------------------------------------------------


@dataclass
class _Table:
    header: Line
    columns: list[str]  # field name per column ("other" when the label is unknown)
    rows: list[list[Line]]
    next_line: int


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Trimmed (start, end) spans of the ``|``-separated cells of text[start:end]."""
    spans, cell_start = [], start
    for pos in [*(k for k in range(start, end) if text[k] == "|"), end]:
        a, b = cell_start, pos
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        spans.append((a, b))
        cell_start = pos + 1
    return spans


def _table_at(lines: list[Line], i: int, cfg: _Config) -> _Table | None:
    """A table flattened to text: a ``|`` header row naming a title column, then rows."""
    header = lines[i]
    if header.text.count("|") < 2:
        return None
    labels = [c.strip().lower() for c in header.text.split("|")]
    columns = [cfg.field_names.get(label, "other") for label in labels]
    if "title" not in columns:
        return None
    rows: list[list[Line]] = []
    current: list[Line] = []
    j = i + 1
    while j < len(lines) and lines[j].block == header.block:
        current.append(lines[j])
        if sum(ln.text.count("|") for ln in current) >= len(columns) - 1:
            rows.append(current)
            current = []
        j += 1
    if current:
        rows.append(current)
    return _Table(header, columns, rows, j)


# --- the segmenter ---------------------------------------------------------------


@dataclass
class _Open:
    start: _Start
    section: str
    section_years: tuple[int, int] | None
    lines: list[Line] = field(default_factory=list)


@dataclass
class Segmentation:
    records: list[Record]
    blocks: list[Block]


def _prose_title(text: str, first_sentence: tuple[int, int], cfg: _Config) -> tuple[int, int]:
    """Where an implicit title is written in a record's first sentence."""
    a, b = first_sentence
    sentence = text[a:b]
    m = cfg.title_marker.search(sentence)
    if m:
        rest = sentence[m.end() :]
        q = _QUOTED.match(rest)
        if q:
            return a + m.end() + q.start("q"), a + m.end() + q.end("q")
        end = b - 1 if sentence.endswith(".") else b
        return a + m.end(), end
    q = _QUOTED.search(sentence)
    if q and cfg.prose_verbs.search(sentence[: q.start()]):
        return a + q.start("q"), a + q.end("q")
    return a, (b - 1 if sentence.endswith(".") else b)


_PROJECT_NOUN = re.compile(r"\b(?:projekt\w*|program\w*|zadani\w*|inicjatyw\w*|akcj\w*)\b", re.IGNORECASE)


def _news_title(text: str, start: int, end: int, headline: tuple[int, int], cfg: _Config) -> tuple[int, int]:
    """A news item's title: the project name when the text gives one, else the headline."""
    body = text[start:end]
    for m in cfg.title_marker.finditer(body):
        q = _QUOTED.match(body, m.end())
        if q and _PROJECT_NOUN.search(body[max(0, m.start() - 40) : m.start()]):
            return start + q.start("q"), start + q.end("q")
    for m in _PROJECT_NOUN.finditer(body):
        q = _QUOTED.match(body, m.end() + 1)
        if q:
            return start + q.start("q"), start + q.end("q")
    return headline


def _cut_item_title(text: str, span: tuple[int, int], cfg: _Config) -> tuple[int, int]:
    """``Title – details, Funder – 25 000 zł``: the title is the text before the first
    spaced dash, or before a comma that opens a funder, partner or amount."""
    a, b = span
    item = text[a:b]
    q = _QUOTED.match(item)
    if q:  # "„Budżet obywatelski – i co dalej?” – badanie ...": the quotes bound the title
        return a + q.start("q"), a + q.end("q")
    m = cfg.item_title_end.search(item)
    end = a + m.start() if m else b
    q = _QUOTED.fullmatch(text[a:end].strip())
    if q:
        lead = len(text[a:end]) - len(text[a:end].lstrip())
        return a + lead + q.start("q"), a + lead + q.end("q")
    return a, end


def _own_quoted_name(text: str, span: tuple[int, int], cfg: _Config) -> tuple[int, int]:
    """``Projekt pn. „Aktywni na rynku pracy”``: a title line that names the project in quotes."""
    line = text[span[0] : span[1]]
    m = cfg.title_marker.search(line)
    q = _QUOTED.match(line, m.end()) if m else None
    return (span[0] + q.start("q"), span[0] + q.end("q")) if q else span


def _body_years(text: str, start: int, end: int, cfg: _Config) -> tuple[int, int] | None:
    """The project's period as the body states it (``Okres realizacji: ...``, ``w latach ...``),
    else the year of a record-opening ``W 2017 r.``."""
    body = text[start:end]
    m = cfg.body_period.search(body)
    if m:
        return _years_in(m["span"], cfg)
    m = cfg.prose_start.match(body.lstrip())
    return parse_years(m["y1"], m["y2"], cfg) if m else None


def _news_years(text: str, lines: list[Line], cfg: _Config) -> tuple[tuple[int, int] | None, str | None]:
    """Years a news item's project ran, and where they come from: a ``w latach``/``W 2021 roku``
    phrase of the body, else the dateline."""
    body = " ".join(ln.text for ln in lines[1:] if not cfg.date_line.match(ln.text))
    m = cfg.news_years.search(body)
    if m:
        return parse_years(m["y1"], m["y2"], cfg), "body"
    dateline = next((ln for ln in lines[1:3] if cfg.date_line.match(ln.text)), None)
    return (_years_in(dateline.text, cfg), "dateline") if dateline else (None, None)


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _years_in(s: str, cfg: _Config) -> tuple[int, int] | None:
    found = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", s)]
    found = [y for y in found if cfg.year_min <= y <= cfg.year_max]
    if not found:
        m = re.search(r"(?<!\d)((?:19|20)\d{2})\s*[-–/]\s*(\d{2})(?!\d)", s)
        return parse_years(m[1], m[2], cfg) if m else None
    short = re.search(r"(?<!\d)((?:19|20)\d{2})\s*[-–/]\s*(\d{1,2})(?![\d.])", s)
    if short and len(found) == 1:
        return parse_years(short[1], short[2], cfg)
    return min(found), max(found)


def _fields(text: str, lines: list[Line], cfg: _Config) -> list[tuple[str, int, int]]:
    """(field, value_start, value_end) of ``Label: value`` lines (value maybe on the next line)."""
    out = []
    for j, line in enumerate(lines):
        fm = cfg.field_re.match(line.text)
        if not fm:
            continue
        name = cfg.field_names[fm["label"].lower()]
        if fm["value"]:
            vs = line.start + fm.start("value")
            out.append((name, vs, vs + len(fm["value"])))
        elif j + 1 < len(lines) and not cfg.field_re.match(lines[j + 1].text):
            out.append((name, lines[j + 1].start, lines[j + 1].end))
    return out


def _record(
    doc: Document,
    ordinal: int,
    section: str,
    span: tuple[int, int],
    title_span: tuple[int, int],
    body_start: int,
    years: tuple[int, int] | None,
    section_years: tuple[int, int] | None,
    fields: list[tuple[str, int, int]] = (),
    suffix: str = "",
    years_source: str | None = None,
) -> Record | None:
    years_inferred = False
    if years is None and section_years:
        years, years_inferred, years_source = section_years, True, "heading"
    title = _norm(doc.text[title_span[0] : title_span[1]])
    title = f"{title} {suffix}" if suffix else title
    if (q := _QUOTED.fullmatch(title)) is not None:
        title = q["q"]
    title = title.rstrip(" -–—:,|").strip()
    if not title:
        return None
    return Record(
        doc_id=doc.doc_id,
        ordinal=ordinal,
        section=section,
        title=title,
        year_start=years[0] if years else None,
        year_end=years[1] if years else None,
        char_start=span[0],
        char_end=span[1],
        title_start=title_span[0],
        title_end=title_span[1],
        body_start=body_start,
        body_end=span[1],
        years_inferred=years_inferred,
        fields=tuple(fields),
        years_source=years_source if years else None,
    )


def _close(doc: Document, rec: _Open, ordinal: int, cfg: _Config, blocks: list[Block]) -> Record | None:
    """Turn an open record into a Record; tail link lines become link blocks."""
    text = doc.text
    lines = list(rec.lines)
    while len(lines) > rec.start.title_lines and matches_any(cfg.link_res, lines[-1].text):
        tail = lines.pop()
        blocks.append(Block(doc.doc_id, "link", tail.start, tail.end, rec.section))
    st = rec.start
    span = (lines[0].start, lines[-1].end)
    body_start = min(max(st.body_start, span[0]), span[1])
    title_span = (st.title_start, st.title_end)
    years = st.years
    years_source = "title"
    fields = _fields(text, lines, cfg)
    if st.kind == "field":
        period = next((f for f in fields if f[0] == "period"), None)
        if period:
            years, years_source = _years_in(text[period[1] : period[2]], cfg), "field"
    elif st.kind == "prose":
        first = split_sentences(text, span[0], span[1])[0]
        title_span = _prose_title(text, first, cfg)
        years_source = "body"
    elif st.kind == "quoted":
        years_source = "body"
    elif st.kind == "block_title":
        title_span = _own_quoted_name(text, title_span, cfg)
        years, years_source = _body_years(text, body_start, span[1], cfg), "body"
    elif st.kind == "headline":
        title_span = _news_title(text, body_start, span[1], title_span, cfg)
        years, years_source = _news_years(text, lines, cfg)
    elif st.kind in ("list", "bullet"):
        continuation = [ln for ln in lines[1:] if not cfg.field_re.match(ln.text)]
        if len(continuation) == len(lines) - 1:  # continuation lines wrap the entry's title
            title_span = (title_span[0], span[1])
            body_start = span[1]
        if st.kind == "bullet":  # a grant-list item: the title ends where its details begin
            title_span = _cut_item_title(text, title_span, cfg)
            body_start = title_span[1]
    return _record(doc, ordinal, rec.section, span, title_span, body_start, years, rec.section_years, fields,
                   st.title_suffix, years_source)


def _table_records(doc: Document, table: _Table, first_ordinal: int, section: str,
                   section_years: tuple[int, int] | None, cfg: _Config) -> list[Record]:
    out = []
    text = doc.text
    for row in table.rows:
        start, end = row[0].start, row[-1].end
        cells = _cells(text, start, end)
        fields = [(name, a, b) for name, (a, b) in zip(table.columns, cells, strict=False) if b > a]
        title = next(((a, b) for name, a, b in fields if name == "title"), None)
        if title is None:
            continue
        period = next(((a, b) for name, a, b in fields if name == "period"), None)
        years = _years_in(text[period[0] : period[1]], cfg) if period else None
        rec = _record(doc, first_ordinal + len(out), section, (start, end), title, title[1], years,
                      section_years, fields, years_source="field")
        if rec:
            out.append(rec)
    return out


def unit_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut before every field line (``Partnerzy: ...``): names never run across fields."""
    cfg = _config()
    cuts = [start]
    for m in re.finditer(r"\n[ \t]*", text[start:end]):
        line_start = start + m.end()
        line_end = text.find("\n", line_start, end)
        if cfg.field_re.match(text[line_start : end if line_end < 0 else line_end]):
            cuts.append(line_start)
    cuts.append(end)
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def description(doc_text: str, record: Record) -> str:
    """The record's body, whitespace-normalised, without a leading dash or cell bar."""
    return _norm(doc_text[record.body_start : record.body_end]).lstrip("-–—| ").strip()


def _is_headline(lines: list[Line], i: int, cfg: _Config) -> bool:
    """A short title-like line directly followed by a dateline."""
    nxt = i + 1
    return (
        nxt < len(lines) and lines[nxt].block == lines[i].block and _title_like(lines[i], cfg)
        and bool(cfg.date_line.match(lines[nxt].text))
    )


def _heading_years(s: str, cfg: _Config) -> tuple[int, int] | None:
    m = cfg.heading_year.search(s)
    return parse_years(m["y1"], m["y2"], cfg) if m else None


def _heading_kind(lines: list[Line], i: int, cfg: _Config, ctx: _Context, seen_content: bool) -> str | None:
    """top | sub | headline | None: is line ``i`` a heading or a news headline?"""
    line = lines[i]
    text = line.text
    if len(text) > cfg.max_heading or matches_any(cfg.link_res, text) or cfg.field_re.match(text):
        return None
    standalone = line.first and line.last
    nxt = i + 1 if i + 1 < len(lines) else None
    same_block_next = nxt is not None and lines[nxt].block == line.block
    if _is_headline(lines, i, cfg):
        return "headline"
    follows = None
    if nxt is not None:
        follows = _record_start(lines, nxt, cfg, _Context(in_list=True))
        if follows is not None and follows.first_line <= i:
            follows = None  # the next line's title includes this line
    if not standalone and not (same_block_next and follows is not None):
        return None
    if is_upper_heading(line, cfg):
        return "top"
    if re.fullmatch(r"\s*" + _YEAR_SPAN + r"\s*(?:r\.|rok|roku)?\s*:?\s*", text):
        return "sub"  # a bare year heading: "2019"
    if re.search(r"[.!?;,]$", text) or not text[:1].isupper():
        return None
    if text.endswith(":"):
        return "sub"
    if not standalone and not line.first:
        return None  # a mixed-case heading inside a block must end with a colon
    if nxt is None:
        return None
    next_is_heading = lines[nxt].first and lines[nxt].last and is_upper_heading(lines[nxt], cfg)
    if follows is not None or next_is_heading or (lines[nxt].first and _is_headline(lines, nxt, cfg)):
        return "sub" if seen_content else "top"
    next_is_short_line = lines[nxt].last and _title_like(lines[nxt], cfg)
    if standalone and (ctx.open_kind in (None, "headline")) and lines[nxt].first and not next_is_short_line:
        after = _next_block(lines, nxt)
        if after is not None and _record_start(lines, after, cfg, _Context(in_list=True)) is not None:
            return "sub" if seen_content else "top"  # a heading, its intro paragraph, then records
        return "headline"
    return None


def _next_block(lines: list[Line], i: int) -> int | None:
    """Index of the first line of the block after line ``i``'s block."""
    j = i + 1
    while j < len(lines) and lines[j].block == lines[i].block:
        j += 1
    return j if j < len(lines) else None


def segment(doc: Document) -> Segmentation:
    """Split a document into records and blocks; every non-blank line lands in exactly one."""
    cfg = _config()
    lines = split_lines(doc.text)
    records: list[Record] = []
    blocks: list[Block] = []
    top: str | None = None
    sub: str | None = None
    section_years: tuple[int, int] | None = None
    open_rec: _Open | None = None
    pending: list[Line] = []  # lines outside records: intro or residue
    seen_content = False

    def section() -> str:
        return " / ".join(s for s in (top, sub) if s)

    def flush() -> None:
        if pending:
            kind = "intro" if (top or sub) else "residue"
            blocks.append(Block(doc.doc_id, kind, pending[0].start, pending[-1].end, section()))
            pending.clear()

    def close() -> None:
        nonlocal open_rec
        if open_rec is not None:
            rec = _close(doc, open_rec, len(records) + 1, cfg, blocks)
            if rec is not None:
                records.append(rec)
            else:
                first, last = open_rec.lines[0], open_rec.lines[-1]
                blocks.append(Block(doc.doc_id, "residue", first.start, last.end, open_rec.section))
            open_rec = None

    def context() -> _Context:
        if open_rec is None:
            return _Context(after_heading=bool(blocks) and blocks[-1].kind == "heading" and i > 0
                            and blocks[-1].char_end == lines[i - 1].end)
        st = open_rec.start
        return _Context(st.kind, st.first_line, len(open_rec.lines) > st.title_lines, st.is_item)

    i = 0
    while i < len(lines):
        line = lines[i]
        if open_rec and i < open_rec.start.first_line + open_rec.start.title_lines:
            open_rec.lines.append(line)
            i += 1
            continue
        table = _table_at(lines, i, cfg)
        if table:
            close()
            flush()
            blocks.append(Block(doc.doc_id, "table_header", line.start, line.end, section()))
            records.extend(_table_records(doc, table, len(records) + 1, section(), section_years, cfg))
            seen_content = True
            i = table.next_line
            continue
        is_chrome = matches_any(cfg.chrome_res, line.text) and len(line.text) <= cfg.max_heading
        if is_chrome or _SEPARATOR.match(line.text):
            close()
            flush()
            blocks.append(Block(doc.doc_id, "chrome", line.start, line.end, section()))
            i += 1
            continue
        ctx = context()
        start = _record_start(lines, i, cfg, ctx)
        if start is None or start.kind == "bare":
            heading = _heading_kind(lines, i, cfg, ctx, seen_content)
            if heading in ("top", "sub"):
                close()
                flush()
                name = _heading_text(line.text)
                if heading == "top":
                    top, sub = name, None
                    section_years = _heading_years(name, cfg)
                else:
                    sub = name
                    section_years = _heading_years(name, cfg) or _heading_years(top or "", cfg)
                blocks.append(Block(doc.doc_id, "heading", line.start, line.end, section()))
                seen_content = True
                i += 1
                continue
            if heading == "headline":
                start = _Start("headline", i, line.start, line.end, None, line.end)
        if start is not None:
            if start.first_line < i:  # wrapped title lines were taken as body, intro or a bare title
                pending[:] = [ln for ln in pending if ln.idx < start.first_line]
                if open_rec:
                    open_rec.lines = [ln for ln in open_rec.lines if ln.idx < start.first_line]
                    if not open_rec.lines:
                        open_rec = None
            close()
            flush()
            open_rec = _Open(start, section(), section_years)
            open_rec.lines.extend(lines[start.first_line : i + 1])
            seen_content = True
            i += 1
            continue
        if open_rec is not None:
            if line.first and open_rec.start.is_item:
                close()  # a new paragraph after a list entry is not its continuation
                pending.append(line)
            else:
                open_rec.lines.append(line)
        elif matches_any(cfg.link_res, line.text):
            flush()
            blocks.append(Block(doc.doc_id, "link", line.start, line.end, section()))
        else:
            if pending and line.first:
                flush()
            pending.append(line)
            seen_content = True
        i += 1
    close()
    flush()
    blocks.sort(key=lambda b: b.char_start)
    return Segmentation(records, blocks)
