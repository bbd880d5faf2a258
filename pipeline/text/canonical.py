"""The text extraction reads: NFC, with format characters removed, and the map back to the raw text.

Pages arrive in NFD (``a`` + combining ogonek) as often as in NFC, and with invisible format characters
(Unicode category Cf: zero-width space, joiners, word joiner, soft hyphen, BOM, bidi controls) inside
numbers and names. Read as they are, ``1\u200b000 zł`` is two numbers and an NFD page loses half its
counts. Extraction therefore runs on a canonical copy; every offset it produces is mapped back with
:meth:`CanonicalView.span`, so evidence still quotes the raw text exactly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Category Cf (Unicode 14, as Python 3.11's unicodedata has it); tests check this against unicodedata.
FORMAT_CHARS = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


@dataclass(frozen=True)
class CanonicalView:
    """``text``: the canonical copy; ``starts[i]``/``ends[i]``: the raw span of its character ``i``."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    raw_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The raw span of the canonical span ``[start, end)``."""
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else self.raw_length
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def position(self, offset: int) -> int:
        """The raw offset of a canonical boundary (a span's start)."""
        return self.starts[offset] if offset < len(self.starts) else self.raw_length


def canonical_view(raw: str) -> CanonicalView | None:
    """The canonical copy of ``raw`` with its offset map, or None when ``raw`` is canonical already
    (the common case: then extraction reads the raw text itself)."""
    nfc = unicodedata.is_normalized("NFC", raw)
    if nfc and not FORMAT_CHARS.search(raw):
        return None
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    if nfc and unicodedata.is_normalized("NFC", FORMAT_CHARS.sub("", raw)):
        # only format characters to drop (none of them kept a mark from composing): keep the runs between
        pos = 0
        for m in FORMAT_CHARS.finditer(raw):
            _keep(raw, pos, m.start(), out, starts, ends)
            pos = m.end()
        _keep(raw, pos, len(raw), out, starts, ends)
    else:
        _compose(raw, out, starts, ends)
    return CanonicalView("".join(out), tuple(starts), tuple(ends), len(raw))


def _keep(raw: str, a: int, b: int, out: list[str], starts: list[int], ends: list[int]) -> None:
    if b > a:
        out.append(raw[a:b])
        starts.extend(range(a, b))
        ends.extend(range(a + 1, b + 1))


def _compose(raw: str, out: list[str], starts: list[int], ends: list[int]) -> None:
    """NFC by clusters (a character and the combining marks after it): each composed character maps to
    its whole raw cluster; format characters inside or between clusters are dropped."""
    i, n = 0, len(raw)
    while i < n:
        if FORMAT_CHARS.match(raw, i):
            i += 1
            continue
        j = i + 1
        while j < n and (unicodedata.combining(raw[j]) or FORMAT_CHARS.match(raw, j)):
            j += 1
        cluster = FORMAT_CHARS.sub("", raw[i:j])
        for ch in unicodedata.normalize("NFC", cluster):
            out.append(ch)
            starts.append(i)
            ends.append(j)
        i = j
