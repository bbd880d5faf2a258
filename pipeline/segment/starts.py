"""Where records and headings start: one check per record layout, and the heading test."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.segment.lines import (
    BULLET,
    LIST_ENTRY,
    QUOTE_OPENERS,
    QUOTED,
    SENTENCE_END,
    TITLE_YEARS,
    TRAILING_YEARS,
    YEAR_SPAN,
    Line,
    ends_sentence,
    is_prose,
    is_upper_heading,
    match_quoted,
    matches_any,
    parse_years,
    title_like,
    years_in,
)
from pipeline.segment.vocab import Config
from pipeline.text.sentences import split_sentences

TITLE_KINDS = ("title_years", "trailing_years", "list", "bare")


@dataclass
class Start:
    """A record start found at a line."""

    kind: str  # title_years | trailing_years | list | year_entry | bare | bullet | dash_grant | prose | quoted | field
    # | block_title | headline
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
        return self.kind in ("list", "bullet", "dash_grant") or self.bulleted


@dataclass(frozen=True)
class Context:
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


def _own_start(line: Line, cfg: Config) -> bool:
    """The line starts a record by itself (so a wrapped title cannot run through it)."""
    t = line.text
    return bool(
        TITLE_YEARS.match(t)
        or LIST_ENTRY.match(t)
        or TRAILING_YEARS.match(t)
        or BULLET.match(t)
        or cfg.field_re.match(t)
    )


def _strip_bullet(line: Line, title_start: int) -> int:
    m = BULLET.match(line.text)
    return line.start + m.start("title") if m and title_start == line.start else title_start


# --- record starts ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Probe:
    """Line ``i`` and what surrounds it, as every layout check sees them."""

    lines: list[Line]
    i: int
    cfg: Config
    ctx: Context
    line: Line
    nxt: Line | None  # the next line of the same block
    prev: Line | None  # the previous line of the same block

    @property
    def after_sentence(self) -> bool:
        """The previous line of the block ends a sentence."""
        return self.prev is not None and ends_sentence(self.prev)


def _probe(lines: list[Line], i: int, cfg: Config, ctx: Context) -> _Probe:
    line = lines[i]
    nxt = lines[i + 1] if i + 1 < len(lines) and lines[i + 1].block == line.block else None
    prev = lines[i - 1] if i > 0 and not line.first else None
    return _Probe(lines, i, cfg, ctx, line, nxt, prev)


# A line ending in the programme that funds it ("... w ramach Programu Operacyjnego Wiedza Edukacja
# Rozwój (2014-2020)"): the years are the programme's name (annotation conventions: years inside programme
# or fund names never give the project's years), so the line is no "Title (years)".
_FUNDING_PROGRAMME_END = re.compile(
    r"\b(?:w ramach|ze środków|ze śr\.|z)\s+(?:\w+\s+){0,2}(?:program\w*|fundusz\w*|funduszy)\b[^,;()]{0,80}$",
    re.IGNORECASE,
)


def _title_years(p: _Probe) -> Start | None:
    """``Title (2014-2015)``, ``(Act4T, 2013)``, a title wrapped over lines with the years on the last."""
    lines, i, cfg, line = p.lines, p.i, p.cfg, p.line
    m = TITLE_YEARS.match(line.text)
    if not m:
        return None
    years = parse_years(m["y1"], m["y2"], cfg)
    if years is None or len(m["title"]) > cfg.max_title or _FUNDING_PROGRAMME_END.search(m["title"]):
        return None
    title_limit = line.start + m.end("title")
    first = _wrapped_title_first(p, title_limit, continues=not m["title"] or m["title"][:1].islower())
    if not m["title"] and first == i:
        return None
    title_start = _strip_bullet(lines[first], lines[first].start)
    title_end = title_limit if m["title"] else lines[i - 1].end
    rest_start = line.start + m.start("rest") if m["rest"] else line.end
    suffix = f"({m['pre'].rstrip(', ').strip()})" if m["pre"] else ""
    bulleted = title_start != lines[first].start
    return Start("title_years", first, title_start, title_end, years, rest_start, suffix, i - first + 1, bulleted)


def _wrapped_title_first(p: _Probe, title_limit: int, continues: bool) -> int:
    """The line a title with years below starts on: earlier lines of the block that do not end a
    sentence, when the title starts its block, replaces a bare title or evidently wraps (``continues``)."""
    lines, i, cfg, ctx, line = p.lines, p.i, p.cfg, p.ctx, p.line
    first = i
    replaceable = ctx.open_first if ctx.open_kind == "bare" else None
    while first > 0 and not lines[first].first and lines[first - 1].block == line.block:
        prev = lines[first - 1]
        if ends_sentence(prev) or title_limit - prev.start > cfg.max_title:
            break
        if prev.idx != replaceable and (_own_start(prev, cfg) or prev.idx == ctx.open_first):
            break
        first -= 1
        if prev.idx == replaceable:
            break
    if first != i and not (lines[first].first or first == replaceable or continues):
        return i
    return first


def _list_entry(p: _Probe) -> Start | None:
    """``2009 Title``, ``2006 - Title``: at a block start, in a list, or under a heading."""
    ctx, line = p.ctx, p.line
    if not (line.first or ctx.in_list or ctx.title_list or ctx.after_heading):
        return None
    m = LIST_ENTRY.match(line.text)
    if m and (years := parse_years(m["y1"], m["y2"], p.cfg)):
        return Start("list", p.i, line.start + m.start("title"), line.end, years, line.end)
    return None


def _trailing_years(p: _Probe) -> Start | None:
    """``Program LOGON - ..., 1998-2003``, ``Title – 2016``; ``Title 2016`` only in a list of titles."""
    cfg, ctx, line, text = p.cfg, p.ctx, p.line, p.line.text
    if len(text) > cfg.max_title or SENTENCE_END.search(text):
        return None
    m = TRAILING_YEARS.match(text)
    if m and (line.first or ctx.title_list or p.after_sentence):
        years = parse_years(m["y1"], m["y2"], cfg)
        if years:
            ts = _strip_bullet(line, line.start)
            return Start("trailing_years", p.i, ts, line.start + m.end("title"), years, line.end)
    m = re.match(r"^(?P<title>.*?\S)\s+(?P<y1>\d{4})$", text)
    if m and ctx.title_list and (years := parse_years(m["y1"], None, cfg)):
        return Start("trailing_years", p.i, line.start, line.start + m.end("title"), years, line.end)
    return None


# ",,Majówka 2011”- rok 2011, koszty ogólne 11368,07 zł (dofinansowanie 7957,64 zł). W ramach ...":
# a paragraph opening with the project's name, its year as "rok YYYY", then its costs
_YEAR_WORD_ENTRY = re.compile(r"^(?P<title>\S.{2,200}?)\s*[-–—]?\s*\brok\s+(?P<y1>(?:19|20)\d{2})\s*[,;]")


def _year_word_entry(p: _Probe) -> Start | None:
    """A paragraph naming a project, then ``rok YYYY`` and the amounts it cost (see ``_YEAR_WORD_ENTRY``)."""
    line, cfg = p.line, p.cfg
    m = _YEAR_WORD_ENTRY.match(line.text) if line.first else None
    if m is None or not cfg.money_hint.search(line.text, m.end()) or (years := parse_years(m["y1"], None, cfg)) is None:
        return None
    ts = line.start
    te = line.start + m.end("title")
    q = _DOUBLE_COMMA_QUOTED.fullmatch(m["title"].strip())
    if q is not None:
        ts, te = line.start + m.start("title") + q.start("q"), line.start + m.start("title") + q.end("q")
    return Start("year_entry", p.i, ts, te, years, te)


_DOUBLE_COMMA_QUOTED = re.compile(r"(?:,,|[„\"“])(?P<q>[^„\"”“]{2,200})[”\"“]")


def _prose(p: _Probe) -> Start | None:
    """``W 2006 r. Związek zrealizował projekt pt. ...``: a paragraph opening with its year."""
    cfg, line, text = p.cfg, p.line, p.line.text
    if not line.first or not (m := cfg.prose_start.match(text)):
        return None
    years = parse_years(m["y1"], m["y2"], cfg)
    if years and cfg.prose_verbs.search(text[m.end() : m.end() + 80]):
        return Start("prose", p.i, line.start, line.start, years, line.start)
    return None


def _quoted(p: _Probe) -> Start | None:
    """``„Bezpieczny senior” – projekt zrealizowany w 2018 r. ...``: a paragraph opening with a quoted name."""
    cfg, line, text = p.cfg, p.line, p.line.text
    if not line.first or not (m := cfg.quoted_start.match(text)):
        return None
    first_sentence = text[: next((b for _, b in split_sentences(text)), len(text))]
    qs = line.start + m.start("q")
    return Start("quoted", p.i, qs, qs + len(m["q"]), years_in(first_sentence, cfg), line.start)


def _opens_with_quote(line: Line | None) -> re.Match[str] | None:
    return QUOTED.match(line.text) if line is not None else None


def _quoted_item(p: _Probe) -> Start | None:
    """A list of quoted names, one per line (``"Zgierski wehikuł czasu" - wydarzenie, galeria zdjęć;``):
    each line that opens with a quoted name, next to another such line, is a record titled by the name."""
    if _opens_with_quote(p.line) is None or not (_opens_with_quote(p.prev) or _opens_with_quote(p.nxt)):
        return None
    return Start("bullet", p.i, p.line.start, p.line.end, None, p.line.end)  # the quotes bound the title


def _block_opening_quote(lines: list[Line], k: int) -> re.Match[str] | None:
    """The quoted name that opens the paragraph whose first line is ``lines[k]``, else None."""
    if not (0 <= k < len(lines)) or not lines[k].first:
        return None
    return match_quoted(lines[k].text)


def _quoted_paragraph(p: _Probe) -> Start | None:
    """Paragraphs each opening with a quoted name (``„Poprawa infrastruktury komunikacyjnej na boisku w
    Wilkowicach” - w trakcie realizacji zadania, mieszkańcy ...``), the paragraph before or after this one
    opening alike: a list of projects, each titled by its quoted name and described below it."""
    lines, i = p.lines, p.i
    m = _block_opening_quote(lines, i)
    if m is None:
        return None
    prev_first = next((k for k in range(i - 1, -1, -1) if lines[k].first), None)
    next_first = next((k for k in range(i + 1, len(lines)) if lines[k].first), None)
    if not any(_block_opening_quote(lines, k) for k in (prev_first, next_first) if k is not None):
        return None
    qs = p.line.start + m.start("q")
    return Start("quoted", i, qs, qs + len(m["q"]), None, p.line.start)


# "Gmina Serniki - Przebudowa drogi gminnej nr 103559L - 1 000 000 zł.": grantee, task, amount on one line
_DASH_GRANT = re.compile(r"^(?P<org>[A-ZĄĆĘŁŃÓŚŹŻ][^-–—:|]{2,80}?)\s[-–—]\s+(?P<rest>\S.*)$")
# the amount ending the line, after a dash and maybe its label ("- 1 000 zł.", "– kwota dofinansowania: 15 000 zł.")
_MONEY_END = re.compile(
    r"\s[-–—]\s*(?:(?:kwota|wysokość|wartość)(?:\s+[^\W\d_]+)?\s*:?\s*)?\d[\d\s.,]*(?:\s*(?:zł|PLN|złotych))?\.?$",
    re.IGNORECASE,
)
# "projekt „X”", "zadanie pn. „X”": the task named by its kind, then its quoted name
_PROJECT_NOUN = re.compile(
    r"^(?:projekt|zadanie|inicjatywa)(?:\s+(?:pn\.|pt\.|pod nazwą))?\s*(?=[„\"“«])", re.IGNORECASE
)
_TASK_LABEL = re.compile(r"^(?:nazwa zadania|tytuł zadania|nazwa projektu|tytuł projektu)\s*:\s*", re.IGNORECASE)


def _grant_line(line: Line | None) -> re.Match[str] | None:
    """A ``grantee - task - amount`` line (the task at least three words), else None."""
    m = _DASH_GRANT.match(line.text) if line is not None else None
    if m is None or (money := _MONEY_END.search(m["rest"])) is None:
        return None
    return m if len(m["rest"][: money.start()].split()) >= 3 else None


def _grant_item(lines: list[Line], i: int) -> bool:
    """Line ``i`` is a ``grantee - task - amount`` line, or its first line when the amount wraps onto the
    next line of its paragraph (``... w miejscowości`` / ``Nowa Wieś - 3 000 000.``)."""
    if _grant_line(lines[i]):
        return True
    nxt = lines[i + 1] if i + 1 < len(lines) and lines[i + 1].block == lines[i].block else None
    wraps = nxt is not None and _grant_line(nxt) is None and _MONEY_END.search(nxt.text) is not None
    return wraps and _DASH_GRANT.match(lines[i].text) is not None


def _dash_grant(p: _Probe) -> Start | None:
    """A line of a grant list written ``grantee - task - amount`` next to another such line: a record
    titled by the task (its quoted name after ``Nazwa zadania:``, else the text up to the amount)."""
    line, lines, i = p.line, p.lines, p.i
    m = _DASH_GRANT.match(line.text)
    if m is None or not _grant_item(lines, i):
        return None
    if not any(_grant_item(lines, j) for j in (i - 2, i - 1, i + 1, i + 2) if 0 <= j < len(lines)):
        return None
    rest_start = line.start + m.start("rest")
    rest = m["rest"]
    label = _TASK_LABEL.match(rest) or _PROJECT_NOUN.match(rest)
    q = QUOTED.match(rest, label.end()) if label else None
    if q is not None:
        return Start("dash_grant", p.i, rest_start + q.start("q"), rest_start + q.end("q"), None, line.start)
    money = _MONEY_END.search(rest)
    end = rest_start + (money.start() if money else len(rest))
    return Start("dash_grant", p.i, rest_start + (label.end() if label else 0), end, None, line.start)


def _amount_row_at(line: Line | None, cfg: Config) -> re.Match[str] | None:
    """The line as a list row ``name – amount [na purpose]`` whose name is no label of a figure."""
    if line is None or (m := cfg.amount_row.match(line.text)) is None:
        return None
    name = m["name"].strip()
    if not (BULLET.match(line.text) or name[:1].isupper() or name[:1] in QUOTE_OPENERS):
        return None  # "i Dziedzictwa Narodowego – 42 300,50 zł": the wrapped end of the line above
    label = cfg.amount_row_label.match(name) or cfg.figure_item.match(line.text) or cfg.field_re.match(line.text)
    return None if label or name.endswith(":") else m


def _wraps_onto(lines: list[Line], i: int, cfg: Config) -> bool:
    """Line ``i`` continues the line above it (same paragraph, no bullet, the line above neither a row nor
    ended by a stop or a colon): ``1. Sąsiedzka pomoc – ... starszym,`` / ``Polsko-Amerykańska Fundacja ... –
    6 000 zł``."""
    prev = lines[i - 1] if i > 0 and lines[i - 1].block == lines[i].block else None
    if prev is None or BULLET.match(lines[i].text):
        return False
    return _amount_row_at(prev, cfg) is None and not prev.text.rstrip().endswith((":", ".", "!", "?"))


def _amount_row(p: _Probe) -> Start | None:
    """A list row pairing a name with its amount (``Familia – 21.000 zł``, ``• modernizacja placu zabaw -
    18 000 zł``) next to another such row: a grant or an item with its own allocation, titled by the purpose
    after the amount where the row states one (``– 65 tys. zł na turniej ITF``), else by the name (a fully
    quoted name without its quotes)."""
    m = _amount_row_at(p.line, p.cfg)
    return None if m is None else _amount_row_start(p, m)


def _amount_row_start(p: _Probe, m: re.Match[str]) -> Start | None:
    """The record the row ``m`` (a match of ``amount_row`` on the probed line) starts, if it stands in a list."""
    line, lines, i, cfg = p.line, p.lines, p.i, p.cfg
    if _parts_list(p) or _details(lines, i, cfg) or _wraps_onto(lines, i, cfg):
        return None
    if not any(_amount_row_at(lines[j], cfg) for j in (i - 2, i - 1, i + 1, i + 2) if 0 <= j < len(lines)):
        return None
    group = "purpose" if m["purpose"] else "bracketed" if m["bracketed"] else "name"
    a, b = line.start + m.start(group), line.start + m.end(group)
    text = line.text[m.start(group) : m.end(group)]
    if group == "name" and (q := QUOTED.fullmatch(text.strip())) is not None:
        lead = len(text) - len(text.lstrip())
        a, b = a + lead + q.start("q"), a + lead + q.end("q")
    return Start("dash_grant", i, a, b, None, line.start)


def _amount_row_for(p: _Probe) -> Start | None:
    """A row that states what its amount is for (``– 65 tys. zł na turniej ITF``) is titled by that purpose
    before a bullet's own title is tried (conventions: a grant is titled by its purpose)."""
    m = _amount_row_at(p.line, p.cfg)
    return _amount_row_start(p, m) if m is not None and (m["purpose"] or m["bracketed"]) else None


def _titled_fields(p: _Probe) -> Start | None:
    """A title line directly followed by ``Label: value`` fields (other than a title or a number)."""
    cfg, line, nxt = p.cfg, p.line, p.nxt
    if nxt is None or not title_like(line, cfg) or matches_any(cfg.link_res, line.text):
        return None
    if p.prev is not None and cfg.field_re.match(p.prev.text):
        return None  # a line among the fields ("Priorytet VIII ..." between "Wartość:" and "Termin:")
    nf = cfg.field_re.match(nxt.text)
    if nf and cfg.field_names[nf["label"].lower()] not in ("title", "number"):
        return Start("field", p.i, line.start, line.end, None, line.end)
    return None


def _block_title(p: _Probe) -> Start | None:
    """A title line opening a block, followed by prose."""
    line = p.line
    if line.first and p.nxt is not None and title_like(line, p.cfg) and is_prose(p.nxt, p.cfg):
        return Start("block_title", p.i, line.start, line.end, None, line.end)
    return None


# "– Stowarzyszenie X na realizację zadania pn. „Y”, kwota 1 940,00 zł": a dash item, read as a list
# item only under a heading or after another item (a dash also opens dialogue and asides, and lists
# of people), and only when it names an amount or a quoted title
DASH_ITEM = re.compile(r"^[–—]\s+(?P<title>\S.*)$")


def _dash_item(text: str, cfg: Config) -> re.Match[str] | None:
    m = DASH_ITEM.match(text)
    return m if m and (cfg.money_hint.search(text) or QUOTED.search(text)) else None


# open records whose title line names one project: a bullet list inside their body lists its parts
_TITLED_KINDS = ("title_years", "trailing_years", "list", "field")


def _parts_list(p: _Probe) -> bool:
    """The line is an item of a list that a line of the open record's body introduces with a colon
    (``Realizacja projektu objęła zadania:`` then ``• Szkolna Pracownia Internetowa – ...``): the
    parts of one project, not records of their own."""
    ctx, lines = p.ctx, p.lines
    if ctx.open_kind not in _TITLED_KINDS or ctx.open_first is None or not ctx.open_has_body:
        return False
    j = p.i - 1
    while j > ctx.open_first and BULLET.match(lines[j].text):
        j -= 1
    return j > ctx.open_first and lines[j].text.endswith(":")


def _two_sentences(text: str) -> bool:
    """``Informujemy, że wpłynęły 2 wnioski. Poniżej wyniki:``: prose introducing a list, not a heading."""
    return re.search(r"[a-ząćęłńóśźż]{2}[.!?]\s+[A-ZĄĆĘŁŃÓŚŹŻ]", text) is not None


def _introduces_parts(ctx: Context, follows: Start | None) -> bool:
    """A colon line inside the body of a record titled by its own line, followed by bullets
    (``Realizacja projektu objęła zadania:`` then ``• Szkolna Pracownia Internetowa – ...``),
    introduces that project's parts, not a section of records (``Pozostałe projekty:`` followed
    by dated entries stays a heading)."""
    is_bullets = follows is not None and follows.kind == "bullet"
    return is_bullets and ctx.open_kind in _TITLED_KINDS and ctx.open_has_body


def _bullet_group(lines: list[Line], i: int) -> list[Line]:
    """The bulleted lines around line ``i`` in its block (none when line ``i`` is not bulleted)."""
    if not BULLET.match(lines[i].text):
        return []
    a = b = i
    while a > 0 and lines[a - 1].block == lines[i].block and BULLET.match(lines[a - 1].text):
        a -= 1
    while b + 1 < len(lines) and lines[b + 1].block == lines[i].block and BULLET.match(lines[b + 1].text):
        b += 1
    return lines[a : b + 1]


def _details(lines: list[Line], i: int, cfg: Config) -> bool:
    """Line ``i`` is in a bullet list of one project's details: two or more items, most of them a
    figure, a co-financing line or a year phrase (``• Wartość projektu wynosiła 225 240 zł``)."""
    group = _bullet_group(lines, i)
    items = [m["title"] for ln in group if (m := BULLET.match(ln.text))]
    detail = sum(1 for t in items if cfg.detail_item.search(t))
    return len(items) >= 2 and 2 * detail >= len(items)


def _detailed_title(p: _Probe) -> Start | None:
    """A standalone title line followed by a bullet list of its project's details (``Górska Przygoda``,
    then ``• Wartość projektu wynosiła 225 240 zł``, ``• Dofinansowanie ze środków PFRON ...``):
    one record, the bullets its body."""
    lines, i, cfg, line = p.lines, p.i, p.cfg, p.line
    if not (line.first and line.last) or i + 1 >= len(lines) or matches_any(cfg.link_res, line.text):
        return None
    quoted = QUOTED.fullmatch(line.text) is not None and len(line.text) <= cfg.max_title
    if not (title_like(line, cfg) or quoted) or not _details(lines, i + 1, cfg):
        return None
    return Start("block_title", i, line.start, line.end, None, line.end)


def _grant_item_text(text: str, cfg: Config) -> bool:
    """An item naming its own task and amount (``• w zakresie kultury na zadanie „X” w wysokości 21000,00
    złotych``): a grant of a list, even in lowercase, not a phrase of an enumeration."""
    return cfg.money_hint.search(text) is not None and QUOTED.search(text) is not None


_NUMBER = re.compile(r"^(\d{1,3})[.)]\s")


def _numbered_entry(p: _Probe) -> bool:
    """A numbered item that names a quoted title (``1. Koło Gospodyń Wiejskich w X „Integracja pod
    chmurką”``) with the next number further down at a line start: the entries of a numbered list of
    projects, each followed by its description, even where no heading or colon announces the list."""
    m = _NUMBER.match(p.line.text)
    q = QUOTED.search(p.line.text) if m else None
    if m is None or q is None or len(q["q"].split()) < 2 or len(p.line.text) > p.cfg.max_title:
        return False
    nxt = f"{int(m.group(1)) + 1}"
    return any((n := _NUMBER.match(ln.text)) and n.group(1) == nxt for ln in p.lines[p.i + 1 :])


def _part_of_numbered(p: _Probe) -> bool:
    """An unnumbered bullet inside the body of a numbered entry: a part of that project (``- Rozgrywki
    szachowe.`` under ``1. KGW w X „Integracja pod chmurką”``), not a record."""
    ctx = p.ctx
    if ctx.open_kind != "bullet" or ctx.open_first is None or not ctx.open_has_body:
        return False
    return _NUMBER.match(p.lines[ctx.open_first].text) is not None and _NUMBER.match(p.line.text) is None


def _bullet(p: _Probe) -> Start | None:
    """A bulleted or numbered item in a list, outside any record, or under a heading."""
    ctx, line = p.ctx, p.line
    if _parts_list(p) or _details(p.lines, p.i, p.cfg) or _part_of_numbered(p):
        return None
    m = BULLET.match(line.text) or (_dash_item(line.text, p.cfg) if ctx.in_list or ctx.after_heading else None)
    announced = ctx.open_kind == "headline" and p.i > 0 and p.lines[p.i - 1].text.endswith(":")
    names_grant = m is not None and _grant_item_text(m["title"], p.cfg)
    in_news = ctx.open_kind in ("headline", "block_title")
    # a numbered project entry, or a bullet that names its task (quoted) and amount, starts a record in news
    announced = announced or (in_news and (names_grant or _numbered_entry(p)))
    if (ctx.in_list or ctx.open_kind is None or ctx.after_heading or announced) and m:
        if p.cfg.figure_item.match(m["title"]):
            return None  # "2. Liczba złożonych wniosków: 116": a figure of a statistics list
        if m["title"][:1].islower() and not names_grant:
            return None  # "- staże zawodowe;": an enumeration inside prose (Polish writes its items in lowercase)
        return Start("bullet", p.i, line.start + m.start("title"), line.end, None, line.end)
    return None


def _bare_title(p: _Probe) -> bool:
    """A title without years inside a dense list of titles (one per line, no blank lines)."""
    lines, i, cfg, ctx, line = p.lines, p.i, p.cfg, p.ctx, p.line
    if line.first or not title_like(line, cfg) or matches_any(cfg.link_res, line.text):
        return False
    if ctx.open_kind not in TITLE_KINDS or ctx.open_first is None:
        return False
    if ctx.open_kind == "list" and lines[ctx.open_first].first:
        return False  # blank-separated list entries: the following lines continue the entry
    if p.nxt is not None and p.nxt.text[:1].islower():
        return False  # a sentence wrapped onto the next line
    if ctx.title_list:
        return True
    body_lines = i - ctx.open_first - 1
    return p.after_sentence and body_lines <= 2


def _bare(p: _Probe) -> Start | None:
    """A title without years inside a dense list of titles (see ``_bare_title``)."""
    if _bare_title(p):
        return Start("bare", p.i, p.line.start, p.line.end, None, p.line.end)
    return None


# The layouts a record can start in, tried in this order after the field-style record; the first match wins.
_LAYOUTS: tuple[Callable[[_Probe], Start | None], ...] = (
    _title_years,
    _list_entry,
    _trailing_years,
    _year_word_entry,
    _prose,
    _quoted,
    _quoted_item,
    _quoted_paragraph,
    _dash_grant,
    _titled_fields,
    _detailed_title,
    _block_title,
    _amount_row_for,
    _bullet,
    _amount_row,
    _bare,
)


def _field_start(p: _Probe, fm: re.Match[str]) -> Start | None:
    """A field line (``fm``, its match) starts a field-style record when its label is a title's
    (``Tytuł projektu: X``, or the label alone with the value on the next line); any other field line starts nothing."""
    cfg, line, nxt = p.cfg, p.line, p.nxt
    if cfg.field_names[fm["label"].lower()] != "title":
        return None
    if fm["value"]:
        vs = line.start + fm.start("value")
        return Start("field", p.i, vs, vs + len(fm["value"]), None, line.end)
    if nxt is not None:
        return Start("field", p.i, nxt.start, nxt.end, None, nxt.end, title_lines=2)
    return None


def _is_field_value(p: _Probe) -> bool:
    """The line is the value of a field whose label stands alone on the previous line."""
    return p.prev is not None and (pf := p.cfg.field_re.match(p.prev.text)) is not None and not pf["value"]


def record_start(lines: list[Line], i: int, cfg: Config, ctx: Context) -> Start | None:
    """The record that starts at line ``i``, if any."""
    p = _probe(lines, i, cfg, ctx)
    if _is_field_value(p):
        return None
    if (fm := cfg.field_re.match(p.line.text)) is not None:
        return _field_start(p, fm)
    for check in _LAYOUTS:
        if (start := check(p)) is not None:
            return start
    return None


# --- headings ---------------------------------------------------------------------


def _is_headline(lines: list[Line], i: int, cfg: Config) -> bool:
    """A short title-like line directly followed by a dateline."""
    nxt = i + 1
    return (
        nxt < len(lines)
        and lines[nxt].block == lines[i].block
        and title_like(lines[i], cfg)
        and bool(cfg.date_line.match(lines[nxt].text))
    )


def _never_heading(text: str, cfg: Config, ctx: Context) -> bool:
    """Long lines, links and fields are never headings; nor is a line stating an amount inside a record
    titled by its own line (``Wartość projektu – 2023 rok: 237 491,00 PLN``: its figure)."""
    if len(text) > cfg.max_heading or matches_any(cfg.link_res, text) or cfg.field_re.match(text):
        return True
    if cfg.salutation.match(text):
        return True  # "Szanowni Państwo": a letter's opening
    return ctx.open_kind in _TITLED_KINDS and bool(cfg.money_hint.search(text))


def heading_kind(lines: list[Line], i: int, cfg: Config, ctx: Context, seen_content: bool) -> str | None:
    """top | sub | headline | None: is line ``i`` a heading or a news headline?"""
    line = lines[i]
    text = line.text
    if _never_heading(text, cfg, ctx):
        return None
    standalone = line.first and line.last
    nxt = i + 1 if i + 1 < len(lines) else None
    same_block_next = nxt is not None and lines[nxt].block == line.block
    if _is_headline(lines, i, cfg):
        return "headline"
    follows = None
    if nxt is not None:
        follows = record_start(lines, nxt, cfg, Context(in_list=True))
        if follows is not None and follows.first_line <= i:
            follows = None  # the next line's title includes this line
    if not standalone and not (same_block_next and follows is not None):
        return None
    if is_upper_heading(line, cfg):
        return "top"
    if re.fullmatch(r"\s*" + YEAR_SPAN + r"\s*(?:r\.|rok|roku)?\s*:?\s*", text):
        return "sub"  # a bare year heading: "2019"
    if re.search(r"[.!?;,]$", text) or not text[:1].isupper():
        return None
    if text.endswith(":"):
        return None if _introduces_parts(ctx, follows) or _two_sentences(text) else "sub"
    if not standalone and not line.first:
        return None  # a mixed-case heading inside a block must end with a colon
    if nxt is None:
        return None
    next_is_heading = lines[nxt].first and lines[nxt].last and is_upper_heading(lines[nxt], cfg)
    if follows is not None or next_is_heading or (lines[nxt].first and _is_headline(lines, nxt, cfg)):
        return "sub" if seen_content else "top"
    next_is_short_line = lines[nxt].last and title_like(lines[nxt], cfg)
    if standalone and (ctx.open_kind in (None, "headline")) and lines[nxt].first and not next_is_short_line:
        return _over_paragraph(lines, nxt, cfg, seen_content)
    return None


def _over_paragraph(lines: list[Line], nxt: int, cfg: Config, seen_content: bool) -> str:
    """A standalone line over the paragraph at ``nxt``: a heading when records follow the paragraph
    (its intro), unless the paragraph reports a call's results (the round is a record, its grantees
    records of their own); a news headline otherwise."""
    after = _next_block(lines, nxt)
    if after is None or record_start(lines, after, cfg, Context(in_list=True)) is None:
        return "headline"
    if not seen_content and cfg.round_words.search(lines[nxt].text):
        return "headline"
    return "sub" if seen_content else "top"


_YEAR_HEADING = re.compile(r"(?:rok\s+)?" + YEAR_SPAN + r"\s*(?:r\.|rok|roku)?\s*:?", re.IGNORECASE)


def leaf_heading(lines: list[Line], i: int, cfg: Config) -> bool:
    """A heading whose content is prose paragraphs only, up to the next heading or the page's end
    (``LOTERIA FANTOWA „KONICZYNKA 2017”`` with its paragraph, under a year heading): it names what the
    paragraphs tell, a record of its own. A heading followed by records, or by nothing, is a section's."""
    line = lines[i]
    if not (is_upper_heading(line, cfg) or title_like(line, cfg)) or _YEAR_HEADING.fullmatch(line.text):
        return False  # "Rok 2010", "2017": a year heading dates the records under it
    if not (line.first and line.last) or i + 1 >= len(lines) or not is_prose(lines[i + 1], cfg):
        return False
    j: int | None = i + 1
    while j is not None and is_prose(lines[j], cfg):
        j = _next_block(lines, j)
    if j is None:
        return True
    nxt = lines[j]
    shaped = is_upper_heading(nxt, cfg) or title_like(nxt, cfg) or _YEAR_HEADING.fullmatch(nxt.text)
    heading_like = nxt.first and nxt.last and bool(shaped)
    return heading_like and record_start(lines, j, cfg, Context()) is None


def _next_block(lines: list[Line], i: int) -> int | None:
    """Index of the first line of the block after line ``i``'s block."""
    j = i + 1
    while j < len(lines) and lines[j].block == lines[i].block:
        j += 1
    return j if j < len(lines) else None
