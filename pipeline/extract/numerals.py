"""Polish number words -> values, through morfeusz2 lemmas.

spaCy's ``like_num`` knows only a handful of nominative forms; Polish numerals
inflect (``dwie``, ``dwu``, ``dwóch``, ``trzystu``, ``kilkunastu``), so every
word is looked up by its morfeusz2 lemma in ``pipeline/data/numerals.yaml``.

Values are closed intervals ``(lo, hi)``: exact numbers have ``lo == hi``,
vague numerals (``kilkanaście`` -> 11..19) have ``lo < hi``. Compounds are
summed and multiplied as written: ``trzydziestu pięciu`` -> 35,
``dwa tysiące pięćset`` -> 2500, ``dwadzieścia kilka`` -> 23..29,
``kilka tysięcy`` -> 3000..9000. ``pół`` / ``półtora`` are read only right
before a multiplier: ``pół tysiąca`` -> 500, ``półtora miliona`` -> 1 500 000.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from pipeline.ruledata.resources import load_yaml
from pipeline.text.morph import analyse


@dataclass(frozen=True)
class Numeral:
    kind: str  # number | vague | scale | fraction (lo = hi = value in quarters)
    lo: int
    hi: int
    lemma: str

    @property
    def vague(self) -> bool:
        return self.lo != self.hi


@cache
def _table() -> dict:
    data = load_yaml("numerals.yaml")
    numbers = {str(k): int(v) for k, v in data["numbers"].items()}
    vague = {str(k): (int(v[0]), int(v[1])) for k, v in data["vague"].items()}
    scales = {str(k): int(v) for k, v in data["scales"].items()}
    abbrevs = {str(k): int(v) for k, v in data["scale_abbreviations"].items()}
    fractions = {str(k): int(v) for k, v in data["fractions"].items()}
    ordinals = {str(k): int(v) for k, v in (data.get("ordinals") or {}).items()}
    return {
        "numbers": numbers,
        "vague": vague,
        "scales": scales,
        "abbrevs": abbrevs,
        "fractions": fractions,
        "ordinals": ordinals,
    }


def is_ordinal(lemma: str) -> bool:
    """``lemma`` is an ordinal numeral's (``trzeci``): an adjective in morfeusz's tagset, like any other."""
    return lemma.lower() in _table()["ordinals"]


def lookup(word: str) -> Numeral | None:
    """The numeral ``word`` is a form of, or None (``trzystu`` -> 300, ``kilku`` -> 3..9)."""
    if not word or not word.isalpha():
        return None
    t = _table()
    for a in analyse(word):
        lemma = a.lemma.lower()
        if a.pos == "num":
            if lemma in t["numbers"]:
                v = t["numbers"][lemma]
                return Numeral("number", v, v, lemma)
            if lemma in t["vague"]:
                lo, hi = t["vague"][lemma]
                return Numeral("vague", lo, hi, lemma)
            if lemma in t["fractions"]:
                v = t["fractions"][lemma]
                return Numeral("fraction", v, v, lemma)
        if a.pos in ("num", "subst") and lemma in t["scales"]:
            v = t["scales"][lemma]
            return Numeral("scale", v, v, lemma)
    return None


def scale_abbreviation(word: str) -> int | None:
    """Factor of an abbreviated multiplier (``tys`` / ``mln`` / ``mld``, dot not included)."""
    return _table()["abbrevs"].get(word.lower().rstrip("."))


def scale_word(word: str) -> int | None:
    """Factor of a multiplier written out or abbreviated (``tysięcy``, ``mln``), else None."""
    f = scale_abbreviation(word)
    if f is not None:
        return f
    n = lookup(word)
    return n.lo if n is not None and n.kind == "scale" else None


def _singular_scale(word: str) -> bool:
    """``tysiąc`` / ``milion`` (one thousand) as opposed to ``tysiące`` (thousands)."""
    for a in analyse(word):
        if a.pos in ("num", "subst") and a.lemma.lower() in _table()["scales"] and a.has("sg"):
            return True
    return False


def _digits(n: int) -> int:
    return len(str(n))


def parse_words(words: Sequence[str]) -> tuple[int, int, int] | None:
    """Read the longest numeral phrase at the start of ``words``.

    Returns ``(n_words_used, lo, hi)`` or None when ``words[0]`` is no numeral.
    Within a group each word must be of a smaller order than the one before
    (``sto dwadzieścia trzy``); a teen or a vague numeral ends its group;
    multipliers must decrease (``dwa miliony trzysta tysięcy``). A fraction is read
    only as the first word and right before a multiplier (``pół tysiąca`` -> 500).
    """
    first = lookup(words[0]) if words else None
    if first is not None and first.kind == "fraction":
        scale = lookup(words[1]) if len(words) > 1 else None
        if scale is None or scale.kind != "scale" or (first.lo * scale.lo) % 4:
            return None
        return 2, first.lo * scale.lo // 4, first.lo * scale.lo // 4
    total_lo = total_hi = 0
    grp_lo = grp_hi = 0
    grp_has = False
    last_mag = 99
    closed = False
    last_scale = None
    used = 0
    for w in words:
        num = lookup(w)
        if num is None or num.kind == "fraction":
            break
        if num.kind == "scale":
            if last_scale is not None and num.lo >= last_scale:
                break
            if not grp_has:
                if used or not _singular_scale(w):
                    break
                grp_lo = grp_hi = 1
            total_lo += grp_lo * num.lo
            total_hi += grp_hi * num.lo
            grp_lo = grp_hi = 0
            grp_has = False
            last_mag, closed, last_scale = 99, False, num.lo
            used += 1
            continue
        mag = _digits(num.lo)
        if grp_has and (closed or mag >= last_mag):
            break
        if last_scale is not None and num.hi >= last_scale:
            break
        grp_lo += num.lo
        grp_hi += num.hi
        grp_has = True
        last_mag = mag
        closed = 10 <= num.lo <= 19 or num.vague and mag == 1
        used += 1
    if used == 0:
        return None
    return used, total_lo + grp_lo, total_hi + grp_hi


def words_to_value(text: str) -> int | tuple[int, int] | None:
    """Convenience: the value of a phrase made only of number words.

    ``"trzydziestu pięciu"`` -> 35, ``"kilkanaście"`` -> (11, 19); None if any
    word is left unread.
    """
    words = text.split()
    r = parse_words(words)
    if r is None or r[0] != len(words):
        return None
    _, lo, hi = r
    return lo if lo == hi else (lo, hi)


def is_numeral(word: str) -> bool:
    """True for any form of a listed number word (the ``like_num`` spaCy lacks for Polish)."""
    return lookup(word) is not None
