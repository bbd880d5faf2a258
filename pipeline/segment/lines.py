"""A page's lines and what each looks like: spans, year spans, headings, titles, prose, furniture."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.segment.vocab import Config

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
    inline: bool = False  # a unit that goes on a line after another one (a sentence of a paragraph)


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

YEAR_SPAN = r"(?P<y1>\d{4})(?:\s*[-–—−/]\s*(?P<y2>\d{4}|\d{1,2})(?!\d))?"  # − is U+2212 (minus)
# "2004 – nadal", "2019 - obecnie": a list entry's open-ended span (the title follows)
OPEN_END = r"(?:\s*[-–—−]\s*(?:nadal|obecnie|do dziś|do teraz)\b)?"
TITLE_YEARS = re.compile(
    r"^(?P<title>.*?)\s*\((?P<pre>[^()]{1,40}?,\s*)?" + YEAR_SPAN + r"\s*\)\s*(?P<rest>(?:[-–—].*)?)$"
)
TRAILING_YEARS = re.compile(r"^(?P<title>.*?\S)\s*(?:,|\s[-–—])\s*" + YEAR_SPAN + r"\s*(?:r\.|roku)?\s*$")
LIST_ENTRY = re.compile(
    r"^(?:[-•*]\s*)?" + YEAR_SPAN + OPEN_END + r"(?:\s*r\.)?\s*(?:[-–—−:.|]\s*|\s+)(?P<title>(?!r\.|rok|roku\b)\S.*)$"
)
BULLET = re.compile(r"^(?:[-•*▪●◦]|\d{1,3}[.)])\s+(?P<title>\S.*)$")
# „X”, "X", “X”, «X», and the Polish single quotes ‚X’ (the closing ’ is also an apostrophe, so it
# closes only a name opened with ‚)
QUOTED = re.compile(r"(?:(?P<sq>‚)|[„\"“«])(?P<q>(?(sq)[^‚’„”\n]|[^„\"”“«»]){3,200})(?(sq)’|[”\"“»])")
# A quoted name that quotes a name inside it, ending the phrase: „Wspieranie sportu – Klub Sportowy „Budowlani”
# Wojcieszów”, „Utrzymanie obiektów Klubu Sportowego ”Orzeł” Wojcieszów”.
_NESTED = re.compile(
    r"[„\"“«](?P<q>[^„”“\"«»\n]{2,200}[„”“\"][^„”“\"«»\n]{1,60}[”\"“][^„”“\"«»\n]{1,100})[”\"“»](?=\s*(?:[.,;:)!?]|$))",
    re.MULTILINE,
)


# "Nazwa zadania - X", "Przyznane środki na realizację zadania - 6.000,00 zł", "Tytuł projektu: X": a label, a colon
# or a spaced dash, its value
LABELLED = re.compile(r"^(?P<label>[A-ZĄĆĘŁŃÓŚŹŻ][\w ]{2,60}?)\s*(?::|\s[-–—])\s*(?P<value>\S.*?)\s*$")


QUOTE_OPENERS = '„"“«‚'  # the characters ``QUOTED`` opens a name with


def match_quoted(s: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
    """The quoted name at ``s[pos:]`` (group ``q``), a name quoted inside it kept."""
    end = len(s) if endpos is None else endpos
    return _NESTED.match(s, pos, end) or QUOTED.match(s, pos, end)


SENTENCE_END = re.compile(r"[.!?;:]$")
SEPARATOR = re.compile(r"^[-=_*~#•·\s]{3,}$")  # "-----", "* * *": layout, not text


def parse_years(y1: str, y2: str | None, cfg: Config) -> tuple[int, int] | None:
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


def years_in(s: str, cfg: Config) -> tuple[int, int] | None:
    found = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", s)]
    found = [y for y in found if cfg.year_min <= y <= cfg.year_max]
    if not found:
        m = re.search(r"(?<!\d)((?:19|20)\d{2})\s*[-–/]\s*(\d{2})(?!\d)", s)
        return parse_years(m[1], m[2], cfg) if m else None
    short = re.search(r"(?<!\d)((?:19|20)\d{2})\s*[-–/]\s*(\d{1,2})(?![\d.])", s)
    if short and len(found) == 1:
        return parse_years(short[1], short[2], cfg)
    return min(found), max(found)


def heading_years(s: str, cfg: Config) -> tuple[int, int] | None:
    m = cfg.heading_year.search(s)
    return parse_years(m["y1"], m["y2"], cfg) if m else None


# --- line classification -------------------------------------------------------


def _letters(s: str) -> list[str]:
    return [c for c in s if c.isalpha()]


def is_upper_heading(line: Line, cfg: Config) -> bool:
    letters = _letters(line.text)
    if len(letters) < 4 or len(line.text) > cfg.max_heading:
        return False
    upper = sum(c.isupper() for c in letters)
    return upper / len(letters) >= cfg.upper_ratio


MAX_FURNITURE_CHARS = 400  # links and chrome are short lines; longer ones are never tested (and never slow)


def matches_any(patterns: tuple[re.Pattern, ...], s: str) -> bool:
    return len(s) <= MAX_FURNITURE_CHARS and any(p.search(s) for p in patterns)


def heading_text(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().rstrip(":").strip()


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def ends_sentence(line: Line) -> bool:
    return bool(SENTENCE_END.search(line.text))


def title_like(line: Line, cfg: Config) -> bool:
    t = line.text
    return len(t) <= cfg.max_heading and t[:1].isupper() and not re.search(r"[.:;,!?]$", t)


def is_prose(line: Line, cfg: Config) -> bool:
    """A line of running text: long, or ending a sentence; not a field, date, link or list item."""
    t = line.text
    if cfg.field_re.match(t) or cfg.date_line.match(t) or BULLET.match(t) or matches_any(cfg.link_res, t):
        return False
    return len(t) > cfg.max_heading or bool(re.search(r"[.!?]$", t))
