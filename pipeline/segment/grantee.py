"""List items that open with the grantee's name and then name the task (``Gmina Lubrza „Modernizacja
plaży gminnej”``, ``Stowarzyszenie Emerytowanych Policjantów w Gołdapi – Figle-migle.``): the record's title
is the task, not the grantee (annotation conventions: grant lists are titled by the grant's purpose).

A name is recognised by its head noun, one of the organisation heads as the organisation finder reads them
(``pipeline.extract.orgs.vocab.heads``: ``Gmina``, ``Stowarzyszenie``, ``Biblioteka``, ``Straż``), among its
first three words, followed only by capitalised words, connectors (``w``, ``im.``, ``nr``) and short quoted
names (``Stowarzyszenie „Mazurski Zakątek”``)."""

from __future__ import annotations

import re

from pipeline.extract.orgs.vocab import heads
from pipeline.segment.lines import QUOTE_OPENERS, QUOTED
from pipeline.text.morph import analyse

# lowercase words that may stand inside a body's name
_CONNECTORS = frozenset(
    {"w", "we", "i", "im.", "nr", "na", "z", "ze", "pw.", "św.", "dla", "przy", "nad", "pod", "o", "do", "oraz"}
)
_DASH = re.compile(r"\s[-–—]\s*(?=\S)")
_NAME_QUOTE_WORDS = 3  # a quoted name inside a body's name is short ("Mazurski Zakątek"); a task's title is longer
_WORD = re.compile(r"\S+")
# an informal group named after its sponsoring body (the Działaj Lokalnie and FIO rule that a group applies
# through a registered body): "Biblioteka X – grupa nieformalna: Y – Task"
_GROUP = re.compile(r"grupa (?:nieformalna|inicjatywna)\b[^–—]{0,120}?\s[-–—]\s*(?=\S)", re.IGNORECASE)


def _head_first(words: list[str]) -> bool:
    """One of the first three words is an organisation head noun, the words before it capitalised."""
    for w in words[:3]:
        if not w[:1].isupper():
            return False
        if any(a.lemma.lower() in heads().polish for a in analyse(w.strip(".,:;"))):
            return True
    return False


def _name_like(text: str) -> bool:
    """``text`` reads as a body's name: a head noun first, then capitalised words, connectors, short quotes."""
    masked = QUOTED.sub(lambda m: "Q" if len(m["q"].split()) <= _NAME_QUOTE_WORDS else "\x00", text)
    if "\x00" in masked:
        return False
    words = _WORD.findall(masked)
    if not words or not _head_first(words):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _CONNECTORS or w in "-–—" for w in words)


def task_after_grantee(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The task's span in the item ``text[a:b]`` when the item opens with the grantee's name.

    The quoted title right after the name: a quote of more than three words, or one that ends the item's
    line (``KGW w Strzebieszewie „Integracja pod chmurką”``); a short quote followed by more is part of the
    name. Else the capitalised text after the first spaced dash (to the end of the item's line, its final
    stop dropped). None when the item does not open with a name. After a dash a title starts with a capital
    letter; a lowercase phrase there describes the line's own name (``Akademia Skarbnika – warsztaty z
    ...``: a project, not a grantee)."""
    item = text[a:b]
    for q in QUOTED.finditer(item):
        ends_line = not item[q.end() :].split("\n", 1)[0].strip(" .,;:")
        if len(q["q"].split()) > _NAME_QUOTE_WORDS or ends_line:
            if _name_like(item[: q.start()].strip()):
                return a + q.start("q"), a + q.end("q")
            break
    dash = _DASH.search(item)
    if dash is None or not _name_like(item[: dash.start()].strip()):
        return None
    start = dash.end()
    group = _GROUP.match(item, start)
    if group is not None:  # "– grupa nieformalna: Aktywni bibliotekarze – Jedwab-nie w bibliotece"
        start = group.end()
    elif not item[start : start + 1].isupper() and item[start : start + 1] not in QUOTE_OPENERS:
        return None  # "Akademia Skarbnika – warsztaty z ...": a project's name, then its description in lowercase
    rest = item[start:].split("\n", 1)[0].rstrip()  # a title wrapped onto the next lines is the item's own line
    rest = rest[:-1] if rest.endswith(".") else rest
    if not rest.strip():
        return None
    return a + start, a + start + len(rest)
