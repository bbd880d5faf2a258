"""ORG spans of the answer keys projected onto their pages, as sentence-level NER training examples.

The project pages' answer keys say where each organisation of a record is written (``char_start`` /
``char_end`` into the page text). :func:`projected_sentences` turns them into training sentences in
the form the pipeline feeds the model (:func:`pipeline.nlp.annotate.find_entities`): the record is cut into
sentences with :func:`pipeline.text.sentences.split_sentences` (and :func:`pipeline.nlp.annotate.bounded_pieces`),
each sentence in its normalised view (:func:`pipeline.text.fold.fold` with :data:`~pipeline.text.fold.TYPOGRAPHIC`).

Sources (never the real-page corpus's ``test`` split: its keys and pages are not opened):

* ``seen`` - the YAML keys of ``tests/gold`` (the source page and our own pages),
  :func:`pipeline.evaluate.score.load_gold`;
* ``dev`` - the JSON keys of the real-page corpus's dev split, :func:`pipeline.evaluate.realkeys.load_real`.

Labels of a sentence (only sentences holding at least one ORG span are kept):

* ``ORG``: every key organisation's evidence span, and within the record every other occurrence,
  as a whole word sequence, of its evidence, name, acronym or aliases (a key gives the first mention
  only); overlapping spans keep the longest;
* missing (no label, no loss): ``optional`` key items (borderline by the conventions); organisation
  mentions the rules find (:func:`pipeline.extract.orgs.find_org_mentions`) that no key span overlaps
  but that share a capitalised word's lemma with a key organisation of the record (a later mention in
  another inflected form: ``Gminy`` after ``Gmina Jaworzna Wola``); other rule mentions the key leaves
  out are ``O`` (project names such as ``Akademia Skarbnika``); capitalised words that morfeusz knows only as
  proper names or not at all (persons and places, which the keys do not annotate);
* ``O``: everything else, so capitalised common words of titles and headings teach the model what is
  *not* an organisation.

A key span that crosses a sentence boundary of the splitter, or that does not fall on token
boundaries of the model's tokenizer, makes its sentence unusable: the sentence is dropped and counted.
Keys annotate organisations with a role in the record, so a body named in passing may stay unlabelled.

Everything is deterministic (files in name order, no randomness, no model): the same keys give the
same examples.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.evaluate.score import GoldDocument, RecordRow

REPO_ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = Path("tests/gold")
REAL_DIR = GOLD_DIR / "real"
SOURCES = ("seen", "dev")  # the real-page corpus's test split is never a source


@dataclass(frozen=True)
class ProjectedSentence:
    """One training sentence: its normalised text, ORG spans and missing spans (view offsets)."""

    doc_id: str
    source: str  # seen | dev
    text: str
    orgs: tuple[tuple[int, int], ...]
    missing: tuple[tuple[int, int], ...] = ()
    raw_start: int = 0  # where the sentence stands in the page text
    raw_end: int = 0


@dataclass
class ProjectionStats:
    pages: Counter = field(default_factory=Counter)  # source -> pages with at least one sentence
    sentences: Counter = field(default_factory=Counter)
    key_spans: Counter = field(default_factory=Counter)  # key evidence spans put on sentences
    repeat_spans: Counter = field(default_factory=Counter)  # further occurrences labelled in the record
    dropped: Counter = field(default_factory=Counter)  # reason -> sentences or spans left out
    doc_ids: dict = field(default_factory=dict)  # source -> pages that gave sentences

    def as_dict(self) -> dict:
        out = {
            k: dict(sorted(getattr(self, k).items()))
            for k in ("pages", "sentences", "key_spans", "repeat_spans", "dropped")
        }
        out["doc_ids"] = {k: sorted(v) for k, v in sorted(self.doc_ids.items())}
        return out


def gold_documents(sources: Iterable[str] = SOURCES, root: Path = REPO_ROOT) -> list[tuple[str, GoldDocument]]:
    """``(source, GoldDocument)`` for the wanted sources, in a fixed order; ``test`` is refused."""
    from pipeline.evaluate.realkeys import load_real
    from pipeline.evaluate.score import load_gold

    wanted = list(dict.fromkeys(sources))
    bad = [s for s in wanted if s not in SOURCES]
    if bad:
        raise ValueError(f"projection sources must be among {SOURCES} (never the test split): {bad}")
    root = Path(root)
    out: list[tuple[str, GoldDocument]] = []
    if "seen" in wanted:
        out += [("seen", g) for g in load_gold(root / GOLD_DIR, root)]
    if "dev" in wanted:
        out += [("dev", g) for g in load_real(root / REAL_DIR, root, ["dev"])]
    return out


def _word_bounded(text: str, needle: str, start: int, end: int) -> list[tuple[int, int]]:
    """Occurrences of ``needle`` in ``text[start:end]`` not glued to a letter or digit on either side."""
    if not needle.strip():
        return []
    pattern = re.compile(r"(?<![^\W_])" + r"\s+".join(re.escape(w) for w in needle.split()) + r"(?![^\W_])")
    return [(m.start(), m.end()) for m in pattern.finditer(text, start, end)]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _longest_first(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    for s in sorted(set(spans), key=lambda s: (-(s[1] - s[0]), s[0])):
        if not any(_overlaps(s, k) for k in kept):
            kept.append(s)
    return sorted(kept)


def _name_like(word: str) -> bool:
    """A capitalised word that morfeusz knows only as a proper name, or does not know (a person, a place,
    a foreign word): the keys do not say whether it is part of a PER or LOC entity."""
    from pipeline.text.morph import morph_features

    if not word[:1].isupper():
        return False
    _lemma, sig = morph_features(word)
    if sig == "ign":
        return True
    names, _, _poses = sig.partition("/")
    classes = set(names.split("+")) - {""}
    return bool(classes) and not classes <= {"pospol"} and "pospol" not in classes


def _lemmas(phrase: str) -> set[str]:
    """Lemmas of the capitalised words of a phrase (``Gminy Jaworzna Wola`` -> gmina, jaworzna, wola)."""
    from pipeline.text.morph import morph_features

    return {morph_features(w)[0].lower() for w in re.findall(r"[^\W\d_][^\W_]*", phrase) if w[:1].isupper()}


def project_record(
    text: str,
    record: RecordRow,
    *,
    doc_id: str = "",
    source: str = "",
    stats: ProjectionStats | None = None,
    keep_empty: bool = False,
) -> list[ProjectedSentence]:
    """The training sentences of one key record over ``text``; ``keep_empty``: also those without an
    organisation (the ORG tagger learns from every sentence of a keyed record)."""
    from pipeline.extract.orgs import find_org_mentions
    from pipeline.nlp.annotate import bounded_pieces
    from pipeline.text.fold import TYPOGRAPHIC, fold
    from pipeline.text.sentences import split_sentences

    stats = stats if stats is not None else ProjectionStats()
    start = record.gold_start()
    end = record.char_end if record.char_end is not None else len(text)
    gold: list[tuple[int, int]] = []
    optional: list[tuple[int, int]] = []
    forms: set[str] = set()
    for o in record.organisations:
        if o.char_start is None or o.char_end is None:
            continue
        (optional if o.optional else gold).append((o.char_start, o.char_end))
        if not o.optional:
            forms.update(f for f in (text[o.char_start : o.char_end], o.name, o.acronym, *o.aliases) if f)
    if not gold and not keep_empty:
        return []
    repeats = [s for f in sorted(forms) for s in _word_bounded(text, f, start, end)]
    orgs = _longest_first([*gold, *(s for s in repeats if not any(_overlaps(s, o) for o in optional))])
    key_lemmas = set().union(*(_lemmas(f) for f in forms), *(_lemmas(text[a:b]) for a, b in optional))
    rule = [(m.char_start, m.char_end) for m in find_org_mentions(text, start, end)]
    missing = optional + [
        r for r in rule if not any(_overlaps(r, o) for o in orgs) and _lemmas(text[r[0] : r[1]]) & key_lemmas
    ]
    out = []
    gold_set = set(gold)
    for s, e in split_sentences(text, start, end):
        for a, b in bounded_pieces(text, s, e):
            inside = [o for o in orgs if a <= o[0] and o[1] <= b]
            if any(_overlaps(o, (a, b)) and o not in inside for o in orgs):
                stats.dropped["sentence: an ORG span crosses the sentence boundary"] += 1
                continue
            if not inside and not keep_empty:
                continue
            view, offsets = fold(text, a, b, rules=TYPOGRAPHIC)
            to_view = {raw: i for i, raw in enumerate(offsets[:-1])}

            def vspan(span, to_view=to_view, view=view):
                lo = next((to_view[i] for i in range(span[0], span[1]) if i in to_view), None)
                hi = next((to_view[i] + 1 for i in range(span[1] - 1, span[0] - 1, -1) if i in to_view), None)
                return None if lo is None or hi is None else (lo, hi)

            v_orgs = [vspan(o) for o in inside]
            v_missing = [v for m in missing if _overlaps(m, (a, b)) and (v := vspan((max(m[0], a), min(m[1], b))))]
            out.append(ProjectedSentence(doc_id, source, view, tuple(v for v in v_orgs if v), tuple(v_missing), a, b))
            stats.key_spans[source] += sum(1 for o in inside if o in gold_set)
            stats.repeat_spans[source] += sum(1 for o in inside if o not in gold_set)
    return out


def projected_sentences(
    sources: Iterable[str] = SOURCES,
    root: Path = REPO_ROOT,
    stats: ProjectionStats | None = None,
    keep_empty: bool = False,
) -> list[ProjectedSentence]:
    """Training sentences from the keys of ``sources`` (``seen``, ``dev``; never ``test``)."""
    stats = stats if stats is not None else ProjectionStats()
    out: list[ProjectedSentence] = []
    for source, g in gold_documents(sources, root):
        text = (Path(root) / g.source_file).read_bytes().decode("utf-8")
        found = []
        for r in g.records:
            found += project_record(text, r, doc_id=g.doc_id, source=source, stats=stats, keep_empty=keep_empty)
        if found:
            stats.pages[source] += 1
            stats.doc_ids.setdefault(source, set()).add(g.doc_id)
            stats.sentences[source] += len(found)
        out += found
    return out


def to_docs(vocab, sentences: Sequence[ProjectedSentence], stats: ProjectionStats | None = None) -> list:
    """spaCy Docs (tokenised like the model's input) with ORG entities, missing spans and ``O`` elsewhere.

    Name-like capitalised words outside ORG spans are missing (see the module docstring). A sentence
    whose ORG span does not fall on token boundaries is left out."""
    import spacy

    stats = stats if stats is not None else ProjectionStats()
    tokenizer = spacy.blank("pl", vocab=vocab).tokenizer
    docs = []
    for s in sentences:
        doc = tokenizer(s.text)
        spans = [doc.char_span(a, b, label="ORG") for a, b in s.orgs]
        ents = [e for e in spans if e is not None]
        if len(ents) < len(spans):
            stats.dropped["sentence: an ORG span is not on token boundaries"] += 1
            continue
        covered = {i for e in ents for i in range(e.start, e.end)}
        missing_tok: set[int] = set()
        for a, b in s.missing:
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is not None:
                missing_tok.update(range(span.start, span.end))
        missing_tok.update(t.i for t in doc if _name_like(t.text))
        missing_tok -= covered
        doc.set_ents(ents, missing=[doc[i : i + 1] for i in sorted(missing_tok)], default="outside")
        for t in doc:
            t.is_sent_start = t.i == 0
        docs.append(doc)
    return docs
