"""HTML pages -> plain text with their structure kept as lines and blank lines.

A real parser (BeautifulSoup, html.parser backend) reads the page as users save it. The main
content is found first (``<main>``, articles, the content containers of common CMSs), else the
whole page is read; furniture is dropped wherever it sits, also inside a paragraph or a cell
(tags, roles and whole class words, so a WordPress ``entry-header`` or ``<body
class="cookies-not-set">`` stays content; vocabularies in data/html.yaml). Headings, paragraphs,
list items and table rows become the line layouts the segmenter knows: section headings stand
alone, record titles (h3-h6) sit on the line above their text, list items become ``- item`` lines
and table rows ``cell | cell``; ``<pre>`` keeps its lines. The text produced here is the
document's text: evidence offsets refer to it, and the release saves it beside the tables so
every quote can be checked. Every walk uses an explicit stack, so a page nested thousands of
levels deep is read, not a crash.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import soupsieve
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, Tag, XMLParsedAsHTMLWarning
from bs4.element import PageElement, PreformattedString
from bs4.exceptions import ParserRejectedMarkup

from pipeline.ruledata.resources import load_yaml


class HtmlError(ValueError):
    """A page that cannot be read as HTML, or a bad main-content selector. The message is one line
    without the file name, which the caller adds."""


@dataclass(frozen=True)
class HtmlText:
    """A page's text and what was left out, so the pipeline can report it per document.

    ``dropped_chars``/``kept_chars``: non-space characters of the page's visible text (scripts,
    styles and the like are not visible) left out as furniture or as outside the main content,
    and read. ``main``: what was read: the CSS selectors that found the main content (``main``,
    ``#tresc``, the caller's selector), or ``page`` for the whole page.
    """

    text: str
    dropped_chars: int
    kept_chars: int
    main: str


@dataclass(frozen=True)
class _Config:
    never_text: frozenset[str]
    furniture_tags: frozenset[str]
    page_furniture_tags: frozenset[str]
    sectioning: frozenset[str]
    form_content: frozenset[str]
    never_furniture: frozenset[str]
    drop_roles: frozenset[str]
    content_names: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    content_first: frozenset[str]
    anywhere: frozenset[str]
    first: frozenset[str]
    ignore: re.Pattern
    main_content: tuple[tuple[str, ...], ...]
    main_min_share: float
    block_tags: frozenset[str]
    layout_table_markers: frozenset[str]
    section_headings: frozenset[str]
    title_headings: frozenset[str]
    paragraphs: frozenset[str]


@cache
def _config() -> _Config:
    d = load_yaml("html.yaml")
    names = d["furniture_names"]
    sets = {
        k: frozenset(d[k])
        for k in (
            "never_text",
            "furniture_tags",
            "page_furniture_tags",
            "sectioning",
            "form_content",
            "never_furniture",
            "drop_roles",
            "block_tags",
            "layout_table_markers",
            "section_headings",
            "title_headings",
            "paragraphs",
        )
    }
    return _Config(
        **sets,
        content_names=frozenset(names["content_names"]),
        phrases=tuple(tuple(p.split()) for p in names["phrases"]),
        content_first=frozenset(names["content_first"]),
        anywhere=frozenset(names["anywhere"]),
        first=frozenset(names["first"]),
        ignore=re.compile(names["ignore"]),
        main_content=tuple(tuple(rule) for rule in d["main_content"]),
        main_min_share=float(d["main_min_share"]),
    )


_CASE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
_SEPARATORS = re.compile(r"[\W_]+")


def name_words(token: str) -> list[str]:
    """A class token or id as lowercase words: ``ctl00_MainMenu`` -> ``["main", "menu"]``."""
    ignore = _config().ignore
    return [w for w in _SEPARATORS.split(_CASE.sub(" ", token).lower()) if w and not ignore.match(w)]


@lru_cache(maxsize=8192)
def _name_kind(token: str) -> str | None:
    """``"content"``, ``"furniture"`` or None for one class token or id (rules in html.yaml)."""
    cfg = _config()
    words = name_words(token)
    if not words:
        return None
    if "-".join(words) in cfg.content_names:
        return "content"
    for phrase in cfg.phrases:
        n = len(phrase)
        if any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1)):
            return "furniture"
    if words[0] in cfg.content_first:
        return None
    if words[0] in cfg.first or any(w in cfg.anywhere for w in words):
        return "furniture"
    return None


def _classes(tag: Tag) -> list[str]:
    classes: str | Sequence[str] = tag.get("class") or []
    return classes.split() if isinstance(classes, str) else list(classes)


def _tokens(tag: Tag) -> list[str]:
    """The class tokens and the id: what furniture and content are named by."""
    ident = tag.get("id")
    return [*_classes(tag), ident] if isinstance(ident, str) else _classes(tag)


_BAD_CHARS = re.compile("[\x00\ud800-\udfff]")  # NUL and lone surrogates (&#0;, &#xD800;): U+FFFD, as browsers do
_NEWLINES = re.compile(r"[\r\n]")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_WHITESPACE = re.compile(r"\s+")
_BREAK = None  # stack marker: the end of a block inside inline text


def _nonspace(text: str) -> int:
    return len(_WHITESPACE.sub("", text))


def _lines(raw: str) -> list[str]:
    """Inline text as its non-empty lines, spaces folded (a run holding a no-break space stays one)."""
    lines = (_SPACES.sub(lambda m: "\u00a0" if "\u00a0" in m.group() else " ", ln).strip() for ln in raw.split("\n"))
    return [ln for ln in lines if ln]


def _one_line(raw: str) -> str:
    return " ".join(_lines(raw))


def _pre_lines(raw: str) -> list[str]:
    """A ``<pre>``'s lines as written (trailing spaces dropped), blank lines kept as ``""``."""
    lines = [ln.rstrip() for ln in re.split(r"\r\n|\r|\n", raw)]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _holders(tags: Iterable[Tag], names: frozenset[str]) -> set[int]:
    """ids of the elements that hold an element named in ``names`` below them: one pass up from
    each such element, stopping at an ancestor already marked, so the whole page costs O(n)."""
    held: set[int] = set()
    for tag in tags:
        if tag.name in names:
            parent = tag.parent
            while parent is not None and id(parent) not in held:
                held.add(id(parent))
                parent = parent.parent
    return held


class _Writer:
    """Collects blocks: a block is a list of lines; blocks are separated by blank lines."""

    def __init__(self) -> None:
        self.blocks: list[list[str]] = []
        self.pending_title: str | None = None

    def block(self, lines: list[str]) -> None:
        lines = [ln for ln in lines if ln.strip()]
        if not lines:
            return
        if self.pending_title is not None:
            lines = [self.pending_title, *lines]
            self.pending_title = None
        self.blocks.append(lines)

    def pre(self, lines: list[str]) -> None:
        """Preformatted lines: a blank line starts a new block, so each line stays a line."""
        chunk: list[str] = []
        for ln in [*lines, ""]:
            if ln.strip():
                chunk.append(ln)
            elif chunk:
                self.block(chunk)
                chunk = []

    def title(self, text: str) -> None:
        self.flush_title()
        if text:
            self.pending_title = text

    def flush_title(self) -> None:
        if self.pending_title is not None:
            title, self.pending_title = self.pending_title, None
            self.blocks.append([title])

    def text(self) -> str:
        self.flush_title()
        return "\n\n".join("\n".join(b) for b in self.blocks) + "\n"


_Item = tuple[Tag | list[PageElement], bool]  # an element or a run of inline nodes; inside sectioning content?


class _Page:
    """One parsed page and its readers. Which elements hold blocks, form content or layout markers
    is computed once up front, so no check walks a subtree again."""

    def __init__(self, soup: BeautifulSoup, cfg: _Config) -> None:
        self.soup = soup
        self.cfg = cfg
        self.tags: list[Tag] = [t for t in soup.find_all(True) if isinstance(t, Tag)]  # find_all(True) yields Tags only
        self.has_block = _holders(self.tags, cfg.block_tags)
        self.has_content = _holders(self.tags, cfg.form_content)
        self.has_marker = _holders(self.tags, cfg.layout_table_markers)
        self._furniture: dict[tuple[int, bool], bool] = {}
        self._index: dict[str, dict[str, list[Tag]]] = {}

    # --- what is left out -------------------------------------------------

    def furniture(self, tag: Tag, sectioned: bool) -> bool:
        """Page furniture: by tag, role, ``hidden``, a form wrapping no content, or class/id words.
        ``sectioned``: the element sits inside sectioning content (a header there is the title's)."""
        key = (id(tag), sectioned)
        if key not in self._furniture:
            self._furniture[key] = self._is_furniture(tag, sectioned)
        return self._furniture[key]

    def _is_furniture(self, tag: Tag, sectioned: bool) -> bool:
        cfg = self.cfg
        name = tag.name
        if name in cfg.never_furniture:
            return False
        if name in cfg.furniture_tags or (name in cfg.page_furniture_tags and not sectioned):
            return True
        role = tag.get("role")
        if isinstance(role, str) and any(r in cfg.drop_roles for r in role.lower().split()):
            return True
        if tag.get("hidden") is not None or (name == "form" and id(tag) not in self.has_content):
            return True
        kinds = {_name_kind(t) for t in _tokens(tag)}
        return "furniture" in kinds and "content" not in kinds

    def left_out(self, tag: Tag, sectioned: bool) -> bool:
        return tag.name in self.cfg.never_text or self.furniture(tag, sectioned)

    def counts(self) -> tuple[int, int]:
        """Non-space characters of the page's visible text (never-text elements left out), and of
        the part outside furniture: about what reading the whole page keeps, without reading it."""
        visible = readable = 0
        stack: list[tuple[PageElement, bool, bool]] = [(self.soup, False, False)]
        while stack:
            item, sectioned, dropped = stack.pop()
            if isinstance(item, Tag):
                if item.name not in self.cfg.never_text:
                    dropped = dropped or (item is not self.soup and self.furniture(item, sectioned))
                    inner = sectioned or item.name in self.cfg.sectioning
                    stack.extend((c, inner, dropped) for c in item.contents)
            elif isinstance(item, NavigableString) and not isinstance(item, PreformattedString):
                n = _nonspace(str(item))
                visible += n
                readable += 0 if dropped else n
        return visible, readable

    # --- text of one element ---------------------------------------------

    def segments(
        self,
        nodes: Sequence[PageElement],
        sectioned: bool,
        *,
        pre: bool = False,
        split: frozenset[str] = frozenset(),
        nest: frozenset[str] = frozenset(),
    ) -> list[str]:
        """Text of ``nodes`` in page order, never-text and furniture left out, cut into segments:
        each ``split`` element (a cell, a list item) met outside a ``nest`` element starts one, the
        text before the first is ``[0]``. ``<br>`` and block boundaries give "\\n"; with ``pre`` white
        space is kept and only ``<br>`` breaks."""
        segments: list[list[str]] = [[]]
        stack: list[tuple[PageElement | None, int]] = [(n, 0) for n in reversed(nodes)]
        while stack:
            item, depth = stack.pop()
            if item is _BREAK:
                segments[-1].append("\n")
            elif isinstance(item, NavigableString):
                if not isinstance(item, PreformattedString):
                    text = _BAD_CHARS.sub("\ufffd", str(item))
                    segments[-1].append(text if pre else _NEWLINES.sub(" ", text))
            elif isinstance(item, Tag) and not self.left_out(item, sectioned):
                if item.name == "br":
                    segments[-1].append("\n")
                    continue
                if item.name in split and depth == 0:
                    segments.append([])
                if not pre and item.name in self.cfg.block_tags:
                    segments[-1].append("\n")
                    stack.append((_BREAK, depth))
                inner = depth + (item.name in nest)
                stack.extend((c, inner) for c in reversed(item.contents))
        return ["".join(s) for s in segments]

    def children(self, tag: Tag, sectioned: bool) -> list[_Item]:
        """A container's children as items: block elements, and runs of text and inline elements
        (``Projekt <b>X</b> zrealizowano`` is one paragraph, not three)."""
        inner = sectioned or tag.name in self.cfg.sectioning
        items: list[_Item] = []
        run: list[PageElement] = []
        for child in tag.contents:
            if isinstance(child, Tag):
                if self.left_out(child, inner):
                    continue
                if child.name not in self.cfg.block_tags and id(child) not in self.has_block:
                    run.append(child)
                    continue
                if run:
                    items.append((run, inner))
                    run = []
                items.append((child, inner))
            elif isinstance(child, NavigableString) and not isinstance(child, PreformattedString):
                run.append(child)
        if run:
            items.append((run, inner))
        return items

    # --- the walk ----------------------------------------------------------

    def read(self, roots: list[Tag], sectioned: bool) -> tuple[str, int]:
        """The text of ``roots`` (in order) and its count of non-space characters read."""
        cfg = self.cfg
        out = _Writer()
        kept = 0
        stack: list[_Item] = [(root, sectioned) for root in reversed(roots)]
        while stack:
            node, sec = stack.pop()
            if isinstance(node, list):
                raw = self.segments(node, sec)[0]
                kept += _nonspace(raw)
                out.block(_lines(raw))
                continue
            name = node.name
            holds_blocks = id(node) in self.has_block
            if name in cfg.section_headings or name in cfg.title_headings:
                raw = self.segments(node.contents, sec)[0]
                kept += _nonspace(raw)
                if name in cfg.section_headings:
                    out.flush_title()
                    out.block([_one_line(raw)])
                else:
                    out.title(_one_line(raw))
            elif name == "pre":
                raw = self.segments(node.contents, sec, pre=True)[0]
                kept += _nonspace(raw)
                out.pre(_pre_lines(raw))
            elif name in cfg.paragraphs and not holds_blocks:
                raw = self.segments(node.contents, sec)[0]
                kept += _nonspace(raw)
                out.block(_lines(raw))
            elif name in ("ul", "ol"):
                kept += self._list(node, sec, out)
            elif name == "table" and id(node) not in self.has_marker:
                kept += self._table(node, sec, out)
            else:
                stack.extend(reversed(self.children(node, sec)))
        return out.text(), kept

    def _list(self, node: Tag, sectioned: bool, out: _Writer) -> int:
        """``- item`` / ``1. item`` lines; an unclosed ``<li>`` still ends the item before it, a
        nested list runs on in its item."""
        segments = self.segments(node.contents, sectioned, split=frozenset({"li"}), nest=frozenset({"ul", "ol"}))
        lines = _lines(segments[0])  # stray text before the first item
        for k, raw in enumerate(segments[1:], 1):
            text = _one_line(raw)
            if text:
                lines.append(f"{k}. {text}" if node.name == "ol" else f"- {text}")
        out.block(lines)
        return sum(_nonspace(s) for s in segments)

    def _table(self, node: Tag, sectioned: bool, out: _Writer) -> int:
        """A data table (no table inside): its caption, then one ``cell | cell`` line per row. One
        pass in page order: a ``<tr>`` starts a row and a cell a cell wherever html.parser put them
        (an unclosed ``<tr>`` or ``<td>`` nests the next one), so each cell is read once; text
        outside any cell comes before the rows, where browsers show it."""
        captions: list[str] = []
        stray: list[str] = []
        rows: list[list[list[str]]] = []
        cell = stray
        stack: list[PageElement | None] = list(reversed(node.contents))
        while stack:
            item = stack.pop()
            if item is _BREAK:
                cell.append("\n")
            elif isinstance(item, NavigableString):
                if not isinstance(item, PreformattedString):
                    cell.append(_NEWLINES.sub(" ", _BAD_CHARS.sub("\ufffd", str(item))))
            elif isinstance(item, Tag) and not self.left_out(item, sectioned):
                if item.name == "caption":
                    captions.append(self.segments(item.contents, sectioned)[0])
                    continue
                if item.name == "tr":
                    rows.append([])
                    cell = stray
                elif item.name in ("td", "th"):
                    if not rows:
                        rows.append([])
                    rows[-1].append([])
                    cell = rows[-1][-1]
                elif item.name == "br":
                    cell.append("\n")
                elif item.name in self.cfg.block_tags:
                    cell.append("\n")
                    stack.append(_BREAK)
                stack.extend(reversed(item.contents))
        for raw in [*captions, "".join(stray)]:
            out.block(_lines(raw))
        lines = []
        for row in rows:
            cells = [_one_line("".join(c)).replace("|", "/") for c in row]
            if any(cells):
                lines.append(" | ".join(cells))
        out.block(lines)
        return (
            sum(_nonspace(raw) for raw in captions)
            + _nonspace("".join(stray))
            + sum(_nonspace("".join(c)) for row in rows for c in row)
        )

    # --- the main content ---------------------------------------------------

    def matching(self, selectors: Sequence[str]) -> dict[int, str]:
        """ids of the elements matching one of ``selectors``, each with the first it matches. Simple
        selectors (``tag#id.class[attr=value]``, each part optional) use an index of the page;
        others go to soupsieve, which is far slower on a large page."""
        hits: dict[int, str] = {}
        for selector in selectors:
            simple = _simple_selector(selector)
            found: list[Tag]
            if simple is None:
                found = self.soup.select(selector)
            else:
                name, ident, cls, attr, value = simple
                key, wanted = next(
                    (k, v) for k, v in (("#", ident), (".", cls), ("", name), ("@" + str(attr), value)) if v
                )
                found = [
                    t
                    for t in self._indexed(key).get(wanted, [])
                    if (not name or t.name == name)
                    and (not ident or t.get("id") == ident)
                    and (not cls or cls in _classes(t))
                    and (not attr or t.get(attr) == value)
                ]
            for tag in found:
                hits.setdefault(id(tag), selector)
        return hits

    def _indexed(self, key: str) -> dict[str, list[Tag]]:
        """The page's elements by id (``#``), class (``.``), name (``""``) or an attribute's value
        (``@attr``), built on first use."""
        if key not in self._index:
            index: dict[str, list[Tag]] = {}
            for tag in self.tags:
                if key == "#" or key.startswith("@"):
                    value = tag.get(key[1:] or "id")
                    values = [value] if isinstance(value, str) else []
                else:
                    values = _classes(tag) if key == "." else [tag.name]
                for v in values:
                    index.setdefault(v, []).append(tag)
            self._index[key] = index
        return self._index[key]

    def outermost(self, hits: dict[int, str], avoid_furniture: bool) -> list[Tag]:
        """The outermost elements in ``hits``, in page order; with ``avoid_furniture`` none inside
        (or being) furniture: an article in a sidebar is not the main content."""
        if not hits:
            return []
        found: list[Tag] = []
        stack: list[tuple[PageElement, bool]] = [(c, False) for c in reversed(self.soup.contents)]
        while stack:  # page order: children are pushed last-first
            node, sectioned = stack.pop()
            if not isinstance(node, Tag) or node.name in self.cfg.never_text:
                continue
            if avoid_furniture and self.furniture(node, sectioned):
                continue
            if id(node) in hits:
                found.append(node)
                continue
            inner = sectioned or node.name in self.cfg.sectioning
            stack.extend((c, inner) for c in reversed(node.contents))
        return found


_SIMPLE_SELECTOR = re.compile(
    r"(?P<name>[a-z][a-z0-9-]*)?(?:#(?P<id>[\w-]+))?(?:\.(?P<cls>[\w-]+))?"
    r"(?:\[(?P<attr>[\w-]+)=(?P<quote>['\"]?)(?P<value>[\w-]+)(?P=quote)\])?"
)


@lru_cache(maxsize=256)
def _simple_selector(selector: str) -> tuple[str | None, ...] | None:
    """``(name, id, class, attr, value)`` of a selector like ``div#id.class[attr=value]`` (each part
    optional), or None for any other selector."""
    parts = _SIMPLE_SELECTOR.fullmatch(selector.strip())
    if parts is None or not any(parts.group("name", "id", "cls", "attr")):
        return None
    return parts.group("name", "id", "cls", "attr", "value")


def check_main_selector(selector: str) -> None:
    """Raise :class:`HtmlError` when ``selector`` (the ``--html-main`` option) is not valid CSS."""
    try:
        soupsieve.compile(selector)
    except Exception as exc:  # soupsieve's SelectorSyntaxError, or a ValueError for odd input
        raise HtmlError(f"main-content selector {selector!r} is not valid CSS ({_first_line(exc)})") from exc


def _first_line(exc: Exception) -> str:
    lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
    return lines[-1] if isinstance(exc, ParserRejectedMarkup) and lines else (lines or [type(exc).__name__])[0]


def read_html(html: str, main: str | None = None) -> HtmlText:
    """The page's text, furniture dropped, structure kept as lines (see module docstring).

    ``main``: a CSS selector for the main content; when it matches, only the matched elements are
    read, else the main content is found as data/html.yaml says. Raises :class:`HtmlError` for a
    page too deeply nested for the parser, or an invalid ``main``.
    """
    if main:
        check_main_selector(main)
    try:
        with warnings.catch_warnings():  # XHTML read as HTML, or a page that looks like a file name: fine here
            warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
            warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
            return _read(html, main)
    except RecursionError as exc:
        raise HtmlError("HTML nested too deeply to read") from exc
    except ParserRejectedMarkup as exc:
        raise HtmlError(f"HTML the parser rejects ({_first_line(exc)})") from exc


def html_to_text(html: str, main: str | None = None) -> str:
    """The page's text (see :func:`read_html`)."""
    return read_html(html, main).text


def _read(html: str, main: str | None) -> HtmlText:
    cfg = _config()
    page = _Page(BeautifulSoup(html, "html.parser"), cfg)
    total, whole = page.counts()  # whole: about what reading the whole page would keep

    def result(text: str, kept: int, label: str) -> HtmlText:
        return HtmlText(text=text, dropped_chars=total - kept, kept_chars=kept, main=label)

    if main:
        roots = page.outermost({id(t): main for t in page.soup.select(main)}, avoid_furniture=False)
        if roots:
            return result(*page.read(roots, True), main)
    # First pass: main content outside furniture, holding enough of what the page gives. Second:
    # inside furniture (a <main> in a wrapper whose class says "sidebar-right"), holding enough of
    # what the page gives with it; a few teaser articles in a sidebar never are.
    for avoid in (True, False):
        for rule in cfg.main_content:
            hits = page.matching(rule)
            roots = page.outermost(hits, avoid_furniture=avoid)
            if not roots:
                continue
            text, kept = page.read(roots, True)
            if kept and kept >= cfg.main_min_share * (whole if avoid else whole + kept):
                used = {hits[id(r)] for r in roots}
                return result(text, kept, ", ".join(s for s in rule if s in used))
    return result(*page.read([page.soup], False), "page")
