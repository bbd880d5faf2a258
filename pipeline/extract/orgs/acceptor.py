"""Which organisation mentions the answer keys would keep: a learned acceptor over the rules' and the model's mentions.

The rules find names by their form (a head noun, an acronym, a domain-list body) and the NER model by
its context; neither knows which of the names a page mentions are bodies taking part in its projects
(the keys' organisations) and which are committees, a programme's own name, a school's abbreviation or
the project itself. That is learned from the keyed pages (``projekty orgs train``): a logistic
regression (a one-item linear-chain CRF of python-crfsuite, already our segmenter's library) over the
mention's own evidence — where it came from (rule scanner, domain list, model, acronym), the model's
agreement and confidence, its head noun, its length and shape, the words just before and after it (the
cue words of roles: ``przez``, ``dla``, ``ze środków``, ``partnerem``), whether it opens the record's
title or a line, how often the page names it — so a new kind of false name is handled by keying pages,
not by one more stoplist entry.

The model is a JSON file of weights (``pipeline/models/org_acceptor.json``): the pipeline scores a
mention with a dot product, no learning library loaded. Without the file every mention is accepted.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.core.datatypes import Entity, OrgMention, Record
from pipeline.core.features import bucket, neighbour_words
from pipeline.extract.orgs.morphology import head_analyses, head_lemma, num_gender_case
from pipeline.extract.orgs.rows import is_row_grantee
from pipeline.extract.orgs.vocab import heads
from pipeline.text.tokens import tok_lemmas

MODEL_PATH = Path(__file__).resolve().parents[2] / "models" / "org_acceptor.json"
FORMAT = "projekty-org-acceptor-1"

_WORD = re.compile(r"[^\W\d_][\w-]*|\d+")
_QUOTES = '„”"“«»'


def norm_name(text: str) -> str:
    """A mention's text for counting repeats on the page: whitespace collapsed, case folded."""
    return " ".join(text.split()).casefold()


def _model_agreement(m: OrgMention, entities: Iterable[Entity]) -> tuple[str, float | None, set[str]]:
    """How the NER model read the mention's span: an ORG span with the same edges, an overlapping one or
    none; its confidence; the labels of other entities overlapping it (a person, a place)."""
    agree, conf, others = "none", None, set()
    for e in entities:
        if e.char_end <= m.char_start or m.char_end <= e.char_start or e.source == "tagger":
            continue
        if e.label != "ORG":
            others.add(e.label)
            continue
        same = e.char_start == m.char_start and e.char_end == m.char_end
        if same or agree == "none":
            agree, conf = ("exact" if same else "overlap"), e.confidence
    return agree, conf, others


def _line_start(text: str, pos: int) -> bool:
    """The mention opens its line (after a bullet, a number or spaces)."""
    line = text[text.rfind("\n", 0, pos) + 1 : pos]
    return not re.sub(r"^[\s\d.)•\-–*▪●◦]*", "", line)


# what only the NER models give (the spaCy model, the domain tagger)
MODEL_FEATURES = ("model=", "model_conf=", "overlaps=", "src=model", "tagger", "src=tagger")


def rules_only(features: dict[str, float]) -> dict[str, float]:
    """The features a run without the model (``--no-ner``) has."""
    return {k: v for k, v in features.items() if not k.startswith(MODEL_FEATURES)}


def _head(first: str) -> tuple[str | None, str]:
    """The first word's head-noun lemma (``fundacja``), if it is one, and the word as a feature: that lemma,
    ``cap`` for another capitalised word, the word itself when lowercase, ``-`` for none."""
    if not first:
        return None, "-"
    lemma = head_lemma(first)
    return lemma, lemma or ("cap" if first[:1].isupper() else first.lower())


def _name_features(m: OrgMention) -> dict[str, float]:
    """What the mention itself looks like: its source, acronym or head noun, length and shape."""
    words = _WORD.findall(m.text)
    f: dict[str, float] = {"bias": 1.0, f"src={m.source}": 1.0}
    if m.is_acronym:
        f["acronym"] = 1.0
        f[f"acr_len={bucket(len(m.text), (2, 3, 4, 6))}"] = 1.0
    else:
        lemma, head = _head(words[0] if words else "")
        f[f"head={head}"] = 1.0
        f[f"src_head={m.source}|{lemma or '-'}"] = 1.0
        f[f"nwords={bucket(len(words), (1, 2, 3, 5, 8))}"] = 1.0
        f["caps_share"] = sum(1 for w in words if w[:1].isupper()) / max(1, len(words))
        if m.text.isupper():
            f["all_caps"] = 1.0
        if any(q in m.text for q in _QUOTES):
            f["quoted"] = 1.0
        if re.search(r"\s(?:w|we)\s", m.text):
            f["w_place"] = 1.0
    if m.acronym:
        f["with_acronym"] = 1.0
    if m.implied_name:
        f["enumerated"] = 1.0  # a place in a list after its kind (enumerated.py)
    if any(c.isdigit() for c in m.text):
        f["digit"] = 1.0
    return f


def _model_features(m: OrgMention, entities: Sequence[Entity]) -> dict[str, float]:
    """How the NER model read the mention's span (:func:`_model_agreement`)."""
    agree, conf, others = _model_agreement(m, entities)
    f = {f"model={agree}": 1.0}
    if conf is not None:
        f[f"model_conf={bucket(conf, (0.5, 0.8, 0.95))}"] = 1.0
    for label in sorted(others):
        f[f"overlaps={label}"] = 1.0
    tagged = [e for e in entities if e.source == "tagger" and e.char_start < m.char_end and m.char_start < e.char_end]
    exact = [e for e in tagged if (e.char_start, e.char_end) == (m.char_start, m.char_end)]
    f[f"tagger={'exact' if exact else 'overlap' if tagged else 'none'}"] = 1.0
    if tagged:
        f[f"tagger_conf={bucket(max(e.confidence or 0.0 for e in tagged), (0.5, 0.8, 0.95))}"] = 1.0
    return f


def place_reading(text: str, m: OrgMention, lo: int) -> dict[str, float]:
    """Evidence that a lowercase territorial head names a place, not the body: a word of territory before it
    (``na terenie gminy X``; ``territory_words`` of org_heads.yaml) or a head in the locative (``w gminie
    X``). The keys take such a mention for the body where it gets money or acts: learned, not a rule."""
    first = _WORD.match(m.text)
    if first is None or not first.group()[:1].islower():
        return {}
    head = first.group().capitalize()
    lemma = head_lemma(head)
    if lemma is None or heads().polish[lemma].org_type != "municipality":
        return {}
    f = {}
    before = _WORD.findall(text[max(lo, m.char_start - 30) : m.char_start])
    if before and tok_lemmas(before[-1]) & heads().territory_words:
        f["territory_before"] = 1.0
    if any("loc" in num_gender_case(a)[2] for a in head_analyses(head, lemma)):
        f["locative_head"] = 1.0
    return f


def _context_features(text: str, m: OrgMention, record: Record, page_names: Counter[str]) -> dict[str, float]:
    """Where the mention stands: the cue words around it, the title, its line, and its repeats on the page."""
    f = neighbour_words(text, m.char_start, m.char_end, record.char_start, record.char_end)
    if text[max(0, m.char_start - 1) : m.char_start] == "(":
        f["in_paren"] = 1.0
    if m.char_start < record.title_end and record.title_start < m.char_end:
        f["in_title"] = 1.0
        if m.char_start == record.title_start:
            f["opens_title"] = 1.0
    if _line_start(text, m.char_start):
        f["line_start"] = 1.0
    if is_row_grantee(text, m):
        f["row_grantee"] = 1.0
    f |= place_reading(text, m, record.char_start)
    f[f"page_freq={bucket(page_names[norm_name(m.text)], (1, 2, 4))}"] = 1.0
    return f


def mention_features(
    text: str,
    m: OrgMention,
    record: Record,
    entities: Sequence[Entity],
    page_names: Counter[str],
    with_model: bool = True,
) -> dict[str, float]:
    """The evidence on one mention in its record, as named indicator features (1.0) and a scaled one
    (``caps_share``); ``with_model=False``: without the NER model's reading of the span (``--no-ner``)."""
    f = _name_features(m)
    if with_model:
        f |= _model_features(m, entities)
    return f | _context_features(text, m, record, page_names)


@dataclass(frozen=True)
class Acceptor:
    """A trained acceptor: log-odds weights of features for "the keys keep this mention", and the
    probability under which a mention is dropped; ``with_model``: whether its features include the NER
    model's reading (the weights for a run with the model) or not (those for ``--no-ner``)."""

    weights: dict[str, float]
    threshold: float
    with_model: bool = True

    def probability(self, features: dict[str, float]) -> float:
        z = sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def read_acceptor(path: Path, with_model: bool = True) -> Acceptor:
    """The acceptor in ``path``: its weights for a run with the NER model, or without it."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    if raw.get("format") != FORMAT:
        raise ValueError(f"{path}: not an organisation acceptor ({FORMAT})")
    weights = raw["weights"] if with_model else raw["weights_rules_only"]
    return Acceptor({str(k): float(v) for k, v in weights.items()}, float(raw["threshold"]), with_model)


@cache
def load_acceptor(with_model: bool = True, path: str | None = None) -> Acceptor | None:
    """The shipped acceptor (or the one at ``path``, or ``$PROJEKTY_ORG_ACCEPTOR``; ``none`` disables it);
    None when there is none: every mention is then accepted."""
    import os

    where = path or os.environ.get("PROJEKTY_ORG_ACCEPTOR") or str(MODEL_PATH)
    if where == "none" or not Path(where).is_file():
        return None
    return read_acceptor(Path(where), with_model)


def page_name_counts(mentions: Iterable[OrgMention]) -> Counter[str]:
    return Counter(norm_name(m.text) for m in mentions)


def accepted(
    text: str,
    record: Record,
    mentions: list[OrgMention],
    entities: Sequence[Entity],
    page_names: Counter[str],
    acceptor: Acceptor | None,
) -> list[OrgMention]:
    """The record's mentions the acceptor keeps (all of them without an acceptor); of mentions that overlap
    (the domain tagger's other edges for a rule mention, :func:`pipeline.extract.orgs.merge_mentions`) the
    most probable one."""
    if acceptor is None:
        return one_per_overlap(mentions, [0.0 if m.source == "tagger" else 1.0 for m in mentions])
    probs = [
        acceptor.probability(mention_features(text, m, record, entities, page_names, acceptor.with_model))
        for m in mentions
    ]
    kept = [(m, p) for m, p in zip(mentions, probs, strict=True) if p >= acceptor.threshold]
    return one_per_overlap([m for m, _ in kept], [p for _, p in kept])


def one_per_overlap(mentions: list[OrgMention], scores: list[float]) -> list[OrgMention]:
    """Of a tagger mention and the mentions its span overlaps, the one with the highest score (the first on a
    tie); order kept. Mentions of the rules that overlap each other all stay."""
    order = sorted(range(len(mentions)), key=lambda i: (-scores[i], i))
    chosen: list[int] = []
    for i in order:
        m = mentions[i]
        if not any(
            m.char_start < mentions[j].char_end
            and mentions[j].char_start < m.char_end
            and "tagger" in (m.source, mentions[j].source)
            for j in chosen
        ):
            chosen.append(i)
    return [mentions[i] for i in sorted(chosen)]
