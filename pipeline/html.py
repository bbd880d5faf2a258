"""HTML pages -> plain text with their structure kept as lines and blank lines.

A real parser (BeautifulSoup, html.parser backend) reads the page; navigation and
other furniture are dropped (tags and CMS class names in data/html.yaml); headings,
paragraphs, list items and table rows become the line layouts the segmenter knows:
section headings stand alone, record titles (h3-h6) sit on the line above their
text, list items become ``- item`` lines and table rows ``cell | cell``. The text
produced here is the document's text: evidence offsets refer to it, and the release
saves it beside the tables so every quote can be checked.
"""

from __future__ import annotations

import re
from functools import cache

from bs4 import BeautifulSoup, NavigableString, Tag

from pipeline.resources import load_yaml


@cache
def _config() -> dict:
    d = dict(load_yaml("html.yaml"))
    d["drop_attr"] = re.compile(d["drop_attr_pattern"])
    return d


def _is_furniture(tag: Tag, cfg: dict) -> bool:
    if tag.name in cfg["drop_tags"] or tag.get("role") in cfg["drop_roles"] or tag.get("hidden") is not None:
        return True
    names = " ".join([tag.get("id") or "", *(tag.get("class") or [])])
    return bool(names.strip()) and bool(cfg["drop_attr"].search(names))


def _inline_text(node: Tag) -> str:
    """Text of an element on one line (``<br>`` keeps a line break)."""
    parts: list[str] = []
    for child in node.descendants:
        if isinstance(child, NavigableString):
            parts.append(str(child))
        elif child.name == "br":
            parts.append("\n")
    lines = [re.sub(r"[ \t\r\f\v\u00a0]+", lambda m: " " if "\u00a0" not in m.group() else "\u00a0", ln).strip()
             for ln in "".join(parts).split("\n")]
    return "\n".join(ln for ln in lines if ln)


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

    def title(self, text: str) -> None:
        self.flush_title()
        self.pending_title = text

    def flush_title(self) -> None:
        if self.pending_title is not None:
            title, self.pending_title = self.pending_title, None
            self.blocks.append([title])

    def text(self) -> str:
        self.flush_title()
        return "\n\n".join("\n".join(b) for b in self.blocks) + "\n"


def _walk(node: Tag, out: _Writer, cfg: dict) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            text = str(child).strip()
            if text:  # loose text between blocks is a paragraph of its own
                out.block([re.sub(r"\s+", " ", text)])
            continue
        if not isinstance(child, Tag) or _is_furniture(child, cfg):
            continue
        name = child.name
        if name in cfg["section_headings"]:
            out.flush_title()
            out.block([_inline_text(child).replace("\n", " ")])
        elif name in cfg["title_headings"]:
            out.title(_inline_text(child).replace("\n", " "))
        elif name in cfg["paragraphs"]:
            out.block(_inline_text(child).split("\n"))
        elif name in ("ul", "ol"):
            lines = []
            for k, li in enumerate(child.find_all("li", recursive=False), 1):
                text = _inline_text(li).replace("\n", " ")
                if text:
                    lines.append(f"{k}. {text}" if name == "ol" else f"- {text}")
            out.block(lines)
        elif name == "table":
            rows = []
            for tr in child.find_all("tr"):
                cells = [_inline_text(c).replace("\n", " ").replace("|", "/") for c in tr.find_all(["th", "td"])]
                if any(cells):
                    rows.append(" | ".join(cells))
            out.block(rows)
        else:
            _walk(child, out, cfg)


def html_to_text(html: str) -> str:
    """The page's text, furniture dropped, structure kept as lines (see module docstring)."""
    cfg = _config()
    soup = BeautifulSoup(html, "html.parser")
    for comment in soup.find_all(string=lambda s: s.__class__.__name__ in ("Comment", "Doctype", "Declaration")):
        comment.extract()
    body = soup.body or soup
    out = _Writer()
    _walk(body, out, cfg)
    return out.text()
