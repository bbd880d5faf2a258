"""A larger corpus for the benchmark, made from the pages in the repository.

Every page of ``raw/*.txt`` and ``tests/gold/pages/*.txt`` is copied many times, each copy with other
numbers (amounts, counts; years shifted by a few years, consistently within the copy), other place names
(stems that inflect alike: Kraków/Tarnów/Rzeszów, Gorlice/Słubice/Gliwice) and its records in another
order, under varied file names in nested folders. Deterministic for a given seed.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_OW = ("Krak", "Tarn", "Rzesz", "Chorz", "Gorz")  # -ów, -owa, -owie, -owem
_ICE = ("Gorlic", "Słubic", "Gliwic", "Katowic", "Siedlc")  # -e, -ach, -om, -ami, bare genitive
_OW_RE = re.compile(r"\b(" + "|".join(_OW) + r")(ów|owa|owie|owem|owowi)\b")
_ICE_RE = re.compile(r"\b(" + "|".join(_ICE) + r")(e|ach|om|ami)?\b")
_NUM_RE = re.compile(r"\d+")
_TABLE_ROW = re.compile(r"^\d+ \|", re.M)


def source_pages() -> list[Path]:
    pages = sorted((ROOT / "raw").glob("*.txt")) + sorted((ROOT / "tests" / "gold" / "pages").glob("*.txt"))
    return [p for p in pages if p.stat().st_size > 0]


def _numbers(text: str, rng: random.Random) -> str:
    shift = rng.randint(-3, 3)

    def sub(m: re.Match) -> str:
        s = m.group()
        if len(s) == 4 and 1990 <= int(s) <= 2026:
            return str(min(2026, int(s) + shift))
        if len(s) == 1 or s.startswith("0"):
            return s
        return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in s[1:])

    return _NUM_RE.sub(sub, text)


def _names(text: str, rng: random.Random) -> str:
    ow, ice = rng.choice(_OW), rng.choice(_ICE)
    text = _OW_RE.sub(lambda m: ow + m.group(2), text)
    return _ICE_RE.sub(lambda m: ice + (m.group(2) or ""), text)


def _reorder(text: str, rng: random.Random) -> str:
    """Records in another order: table rows among themselves, else units of paragraphs (a short
    paragraph, such as a title, and the longer ones after it) after the first unit."""
    lines = text.split("\n")
    rows = [i for i, line in enumerate(lines) if _TABLE_ROW.match(line)]
    if len(rows) > 1:
        picked = [lines[i] for i in rows]
        rng.shuffle(picked)
        for i, line in zip(rows, picked, strict=True):
            lines[i] = line
        return "\n".join(lines)
    paras = text.split("\n\n")
    units: list[list[str]] = []
    for p in paras:
        if not units or len(p) < 200:
            units.append([p])
        else:
            units[-1].append(p)
    head, rest = units[:1], units[1:]
    rng.shuffle(rest)
    return "\n\n".join("\n\n".join(u) for u in head + rest)


def vary(text: str, rng: random.Random) -> str:
    return _reorder(_names(_numbers(text, rng), rng), rng)


def build_corpus(dest: Path, min_bytes: int = 20_000_000, seed: int = 1) -> tuple[int, int]:
    """Write copies of the repository's pages into ``dest`` (nested folders) until ``min_bytes``;
    returns (documents, bytes)."""
    rng = random.Random(seed)
    pages = [(p.stem, p.read_text(encoding="utf-8")) for p in source_pages()]
    dest.mkdir(parents=True, exist_ok=True)
    n = total = 0
    while total < min_bytes:
        stem, text = pages[n % len(pages)]
        folder = dest / f"batch{n // 500:03d}" / f"site{rng.randint(0, 9)}"
        folder.mkdir(parents=True, exist_ok=True)
        data = vary(text, rng).encode("utf-8")
        (folder / f"{stem}-{n:05d}.txt").write_bytes(data)
        n += 1
        total += len(data)
    return n, total
