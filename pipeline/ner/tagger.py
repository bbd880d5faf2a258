"""A domain ORG tagger: a linear-chain CRF over the NER model's tokens, trained on the dev keys.

The spaCy model (``ner_pl``) learnt its notion of an organisation from KPWr's news and wiki text; the
keys of the project pages hold a different one (grantees written without a head noun, ``Aktywne
Korzeńsko``; programmes and funds; a body as a grant list's first cell). Fine-tuning the network on the
projected keys moved it away from KPWr without helping the pipeline (model card). This tagger learns the
pages' notion directly: python-crfsuite over the tokens the NER sees, with the token's form, morfeusz
lemma and name class, head nouns of ``org_heads.yaml``, the domain list's spans, the spaCy model's own
label, quotes and line position as features, and ``B``/``I``/``O`` labels projected from the keys of the
dev split and our own pages (:mod:`pipeline.ner.project`; never ``test``). Every sentence of a keyed
record is an example, with or without an organisation, so the tagger also learns what the keys leave out.

Its spans are NER entities with ``source="tagger"`` and the span's marginal probability as confidence:
they are candidates beside the rules' and the model's, vetoed on the same evidence, and the organisation
acceptor learns how far to trust them (``tagger=`` features). ``--no-ner`` runs without it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.core.features import bucket

if TYPE_CHECKING:
    import pycrfsuite

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "org_tagger.crfsuite"
TRAIN_PARAMS = {"c1": 0.05, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True}
MIN_CONFIDENCE = 0.3  # a span whose tokens' least marginal is under this is not proposed

_OPEN = "„“«\"‚'"
_CLOSE = "”“»\"’'"


@lru_cache(maxsize=200_000)
def _shape(w: str) -> str:
    if w.isdigit():
        return "d"
    if not any(c.isalpha() for c in w):
        return "p"
    if w.isupper():
        return "X" if len(w) > 1 else "Xs"
    if w[:1].isupper():
        return "Xx"
    return "x" if w.islower() else "mix"


def _sig(tag: str) -> tuple[str, str]:
    """morfeusz name classes and parts of speech of a token (``geo+nazw/subst`` -> ``geo+nazw``, ``subst``)."""
    names, _, poses = tag.partition("/")
    return names or "-", poses or "-"


@cache
def _head_types() -> dict[str, str]:
    from pipeline.extract.orgs.vocab import heads

    return {k: v.org_type for k, v in heads().polish.items()}


def token_features(
    words: Sequence[str],
    lemmas: Sequence[str],
    tags: Sequence[str],
    ner: Sequence[str],
    known: Sequence[str],
    lines: Sequence[tuple[bool, int, bool]],
) -> list[list[str]]:
    """crfsuite attribute lists, one per token: the token, its neighbours (two each side), quotes, and its
    line (``lines[i]``: opens its line, index in the line, the line holds an amount)."""
    heads = _head_types()
    n = len(words)
    lw = [w.lower() for w in words]
    sh = [_shape(w) for w in words]
    llem = [x.lower() for x in lemmas]
    nm = [_sig(t)[0] for t in tags]
    own: list[list[str]] = []
    quoted = False
    for i in range(n):
        w, shape = words[i], sh[i]
        f = [
            f"w={lw[i]}",
            f"lem={llem[i]}",
            f"sh={shape}",
            f"nm={nm[i]}",
            f"pos={_sig(tags[i])[1]}",
            f"suf={lw[i][-3:]}",
            f"len={bucket(len(w), (1, 2, 3, 5, 8))}",
            f"ner={ner[i]}",
            f"kn={known[i]}",
        ]
        if llem[i] in heads:
            f.append(f"head={heads[llem[i]]}" if shape == "Xx" else "head_lc")
        if quoted:
            f.append("in_quote")
        if w in _OPEN and not quoted:
            quoted = True
        elif w in _CLOSE and quoted:
            quoted = False
        opens, at, money = lines[i]
        if opens:
            f.append("line_start")
        f.append(f"line_at={bucket(at, (0, 1, 2, 4, 8))}")
        if money:
            f.append("line_money")
        own.append(f)
    near = [
        (f"w={lw[j]}", f"sh={sh[j]}", f"lem={llem[j]}", f"nm={nm[j]}", f"ner={ner[j]}", f"kn={known[j]}")
        for j in range(n)
    ]
    out = []
    for i in range(n):
        f = own[i]
        if i == 0:
            f.append("BOS")
        if i == n - 1:
            f.append("EOS")
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                x = near[j]
                f += (f"{d}:{x[0]}", f"{d}:{x[1]}")
                if d in (-1, 1):
                    f += (f"{d}:{x[2]}", f"{d}:{x[3]}", f"{d}:{x[4]}", f"{d}:{x[5]}")
        if i > 0:
            f.append(f"sh2={sh[i - 1]}|{sh[i]}")
        out.append(f)
    return out


def bio_labels(spans: Iterable[tuple[int, int]], starts: Sequence[int], ends: Sequence[int], label: str) -> list[str]:
    """Token labels ``B-label``/``I-label``/``O`` of character spans (tokens overlapping a span)."""
    tags = ["O"] * len(starts)
    for a, b in spans:
        first = True
        for i, (s, e) in enumerate(zip(starts, ends, strict=True)):
            if s < b and a < e:
                tags[i] = ("B-" if first else "I-") + label
                first = False
    return tags


_MONEY = re.compile(r"\d[\d \u00a0.,]*\s*(?:zł|złotych|PLN|EUR|euro|€|USD|tys\.|mln)", re.IGNORECASE)
_BULLET = re.compile(r"[\s\d.)•\-–*▪●◦]*")


def line_features(raw: str, offsets: Sequence[int], starts: Sequence[int]) -> list[tuple[bool, int, bool]]:
    """Per token (view offsets ``starts``): whether it opens its line of ``raw`` (after a bullet or a
    number), its index among the line's tokens in the piece, and whether the line holds an amount."""
    out: list[tuple[bool, int, bool]] = []
    line_of_prev, at = -1, 0
    money: dict[int, bool] = {}
    for s in starts:
        pos = offsets[s]
        lo = raw.rfind("\n", 0, pos) + 1
        if lo != line_of_prev:
            line_of_prev, at = lo, 0
        else:
            at += 1
        if lo not in money:
            hi = raw.find("\n", pos)
            money[lo] = bool(_MONEY.search(raw, lo, len(raw) if hi < 0 else hi))
        opens = _BULLET.fullmatch(raw, lo, pos) is not None
        out.append((opens, at, money[lo]))
    return out


def doc_features(doc, known: Iterable[tuple[int, int]], raw: str, offsets: Sequence[int]) -> list[list[str]]:
    """Features of a spaCy Doc over a folded view of ``raw`` (tokens, morfeusz lemma/tag, the model's
    entities), the domain list's spans (view offsets) and the raw lines the tokens stand on."""
    toks = [(t.text, t.idx, t.lemma_, t.tag_, t.ent_iob_, t.ent_type_) for t in doc]
    words = [t[0] for t in toks]
    starts = [t[1] for t in toks]
    ends = [t[1] + len(t[0]) for t in toks]
    ner = [(t[4] + "-" + t[5]) if t[5] else "O" for t in toks]
    kn = bio_labels(known, starts, ends, "K")
    lines = line_features(raw, offsets, starts)
    return token_features(words, [t[2] or t[0] for t in toks], [t[3] for t in toks], ner, kn, lines)


def spans_of(labels: Sequence[str], probs: Sequence[float]) -> list[tuple[int, int, float]]:
    """Token spans ``(start, end, confidence)`` of ``B``/``I`` runs; the confidence is the run's least
    marginal probability."""
    out, i = [], 0
    while i < len(labels):
        if labels[i] == "O":
            i += 1
            continue
        j = i + 1
        while j < len(labels) and labels[j] == "I-ORG":
            j += 1
        out.append((i, j, min(probs[i:j])))
        i = j
    return out


class OrgTagger:
    """The trained tagger: ``tag(doc, known)`` gives character spans and their confidence."""

    def __init__(self, path: Path):
        import pycrfsuite

        self._tagger: pycrfsuite.Tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        self._path = path

    @cached_property
    def digest(self) -> str:
        """Which tagger: its file's hash, read only when the entity cache asks for a key."""
        return hashlib.sha256(self._path.read_bytes()).hexdigest()

    def tag(
        self, doc, known: Iterable[tuple[int, int]], raw: str, offsets: Sequence[int]
    ) -> list[tuple[int, int, float]]:
        """ORG spans (view offsets) of a Doc over a folded view of ``raw`` (see :func:`doc_features`)."""
        if not len(doc):
            return []
        labels = self._tagger.tag(doc_features(doc, known, raw, offsets))
        if all(x == "O" for x in labels):
            return []
        probs = [self._tagger.marginal(x, i) for i, x in enumerate(labels)]
        out = []
        for a, b, p in spans_of(labels, probs):
            if p >= MIN_CONFIDENCE:
                out.append((doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text), round(p, 4)))
        return out


@cache
def load_tagger(path: str | None = None) -> OrgTagger | None:
    """The shipped tagger (or ``path``, or ``$PROJEKTY_ORG_TAGGER``; ``none`` disables it); None if absent."""
    import os

    where = path or os.environ.get("PROJEKTY_ORG_TAGGER") or str(MODEL_PATH)
    if where == "none" or not Path(where).is_file():
        return None
    return OrgTagger(Path(where))


_IN_USE: list[OrgTagger | None] = []  # a tagger set for a while (held-out training, :func:`tagger_in_use`)


@contextmanager
def tagger_in_use(tagger: OrgTagger | None) -> Iterator[None]:
    """Run with ``tagger`` instead of the shipped one (None: none): the organisation acceptor learns from
    each page tagged by a tagger that never saw its publisher."""
    _IN_USE.append(tagger)
    try:
        yield
    finally:
        _IN_USE.pop()


def current_tagger() -> OrgTagger | None:
    """The tagger the NLP stage uses now: one set by :func:`tagger_in_use`, else the shipped one."""
    return _IN_USE[-1] if _IN_USE else load_tagger()


def raw_to_view(offsets: Sequence[int], spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Raw-text character spans as spans of a folded view (``offsets[i]``: raw position of view char ``i``)."""
    to_view = {raw: i for i, raw in enumerate(offsets[:-1])}
    out = []
    for a, b in spans:
        inside = [to_view[i] for i in range(a, b) if i in to_view]
        if inside:
            out.append((min(inside), max(inside) + 1))
    return out
