"""KPWr (n82, BIO column format) -> spaCy ``DocBin`` with coarse labels PER / ORG / LOC.

Input format (``train.txt`` / ``test.txt``): one ``token LABEL`` per line, sentences separated by a
blank line (empty or a single space). ``test-morph.txt`` has ``token lemma tag LABEL`` (tab
separated); the label is always the last column, so both formats are read by :func:`read_kpwr`.

The fine -> coarse label mapping lives in ``pipeline/data/kpwr_labels.yaml`` (commented per entry);
:func:`load_mapping` / :func:`map_label` apply it.

The corpus itself must never be copied into the repository: write DocBins to ``corpus/``
(git-ignored) or ``/tmp``.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from pipeline.ruledata.resources import check

MAPPING_PATH = Path(__file__).resolve().parent.parent / "data" / "kpwr_labels.yaml"

# No space is put BEFORE these tokens and AFTER the opening ones when rebuilding text.
_NO_SPACE_BEFORE = set(",.;:!?)]}%…”»'") | {"...", "''"}
_NO_SPACE_AFTER = set("([{„«")


@dataclass(frozen=True)
class Sentence:
    words: tuple[str, ...]
    labels: tuple[str, ...]  # fine BIO labels as in KPWr ("B-nam_org_institution", "O")


@dataclass(frozen=True)
class LabelMapping:
    rules: dict[str, str]
    keep_labels: frozenset[str]

    def coarse(self, fine: str) -> str:
        """Coarse label (``PER``/``ORG``/``LOC``/``MISC``) or ``"O"`` for a fine KPWr category."""
        best = None
        for key in self.rules:
            if (fine == key or fine.startswith(key + "_")) and (best is None or len(key) > len(best)):
                best = key
        if best is None:
            raise KeyError(f"KPWr category {fine!r} has no rule in {MAPPING_PATH.name}")
        label = self.rules[best]
        return label if label in self.keep_labels else "O"


@cache
def _load_yaml(path: str) -> dict:
    """The mapping file, checked against the schema of kpwr_labels.yaml (pipeline/ruledata/schemas.py)."""
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    check(data, MAPPING_PATH.name, shown=path)
    return data


def load_mapping(path: str | Path = MAPPING_PATH, keep_labels: Iterable[str] | None = None) -> LabelMapping:
    """Read the label mapping; ``keep_labels`` overrides the file's ``keep_labels`` (e.g. add MISC)."""
    data = _load_yaml(str(path))
    keep = frozenset(keep_labels if keep_labels is not None else data["keep_labels"])
    return LabelMapping(rules={k: str(v) for k, v in data["rules"].items()}, keep_labels=keep)


def read_kpwr(path: str | Path) -> list[Sentence]:
    """Read a KPWr BIO file into sentences (label = last whitespace-separated column)."""
    sentences: list[Sentence] = []
    words: list[str] = []
    labels: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if words:
                    sentences.append(Sentence(tuple(words), tuple(labels)))
                    words, labels = [], []
                continue
            parts = line.split("\t") if "\t" in line else line.split(" ")
            parts = [p for p in parts if p != ""]
            if len(parts) < 2:
                raise ValueError(f"{path}: malformed line {line!r}")
            words.append(parts[0])
            labels.append(parts[-1])
    if words:
        sentences.append(Sentence(tuple(words), tuple(labels)))
    return sentences


def coarse_bio(labels: Sequence[str], mapping: LabelMapping) -> list[str]:
    """Map fine BIO labels to coarse BIO labels, repairing orphan I- tags."""
    out: list[str] = []
    prev = "O"
    for lab in labels:
        if lab == "O":
            out.append("O")
            prev = "O"
            continue
        prefix, _, fine = lab.partition("-")
        coarse = mapping.coarse(fine)
        if coarse == "O":
            out.append("O")
            prev = "O"
            continue
        if prefix == "I" and prev == coarse:
            out.append("I-" + coarse)
        else:
            out.append("B-" + coarse)
        prev = coarse
    return out


def spaces_for(words: Sequence[str]) -> list[bool]:
    """Whitespace after each token: yes, except before closing punctuation / after opening one."""
    spaces = []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        spaces.append(nxt is not None and nxt not in _NO_SPACE_BEFORE and w not in _NO_SPACE_AFTER)
    return spaces


def make_doc(vocab: Vocab, sentences: Sequence[Sentence], mapping: LabelMapping, *, with_ents: bool = True) -> Doc:
    """One Doc from consecutive sentences (coarse BIO entities unless ``with_ents=False``)."""
    words: list[str] = []
    spaces: list[bool] = []
    ents: list[str] = []
    sent_starts: list[bool | int | None] = []  # the element type Doc(sent_starts=) declares (a list is invariant)
    for s in sentences:
        sp = spaces_for(s.words)
        if spaces:
            spaces[-1] = True  # space between sentences
        words.extend(s.words)
        spaces.extend(sp)
        ents.extend(coarse_bio(s.labels, mapping))
        sent_starts.extend([True] + [False] * (len(s.words) - 1))
    if not with_ents:
        return Doc(vocab, words=words, spaces=spaces)
    return Doc(vocab, words=words, spaces=spaces, ents=ents, sent_starts=sent_starts)


def windows(sentences: Sequence[Sentence], max_window: int, seed: int) -> list[list[Sentence]]:
    """Partition consecutive sentences into windows of random size 1..max_window (fixed seed).

    KPWr sentences are stored in document order, so a window is a realistic paragraph. Mixing
    single sentences and windows teaches the model that a capitalised word after a full stop is
    usually *not* a name (in single-sentence training every first word is sentence-initial).
    """
    rng = random.Random(seed)
    out: list[list[Sentence]] = []
    i = 0
    while i < len(sentences):
        k = rng.randint(1, max_window)
        out.append(list(sentences[i : i + k]))
        i += k
    return out


def split_train_dev(
    sentences: Sequence[Sentence], dev_fraction: float, seed: int, block: int = 50
) -> tuple[list[Sentence], list[Sentence]]:
    """Carve a dev set from train: whole blocks of ``block`` consecutive sentences (fixed seed).

    Blocks rather than single sentences, so dev sentences do not share a paragraph (and its
    repeated names) with training sentences.
    """
    blocks = [list(sentences[i : i + block]) for i in range(0, len(sentences), block)]
    idx = list(range(len(blocks)))
    random.Random(seed).shuffle(idx)
    n_dev = max(1, round(len(blocks) * dev_fraction))
    dev_ids = set(idx[:n_dev])
    train = [s for i, b in enumerate(blocks) if i not in dev_ids for s in b]
    dev = [s for i, b in enumerate(blocks) if i in dev_ids for s in b]
    return train, dev


def to_docbin(vocab: Vocab, groups: Iterable[Sequence[Sentence]], mapping: LabelMapping) -> DocBin:
    db = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE", "SENT_START"], store_user_data=False)
    for g in groups:
        db.add(make_doc(vocab, g, mapping))
    return db


def convert(
    corpus_dir: str | Path,
    out_dir: str | Path,
    *,
    dev_fraction: float = 0.1,
    max_window: int = 5,
    also_singles: bool = False,
    keep_labels: Iterable[str] | None = None,
    seed: int = 42,
    fold_dev: bool = False,
    extra_train: Sequence[Doc] = (),
) -> dict[str, Path]:
    """Write ``train.spacy`` (windows), ``dev.spacy`` and ``test.spacy`` (single sentences).

    Returns the paths. ``also_singles`` adds every training sentence once more as its own Doc.
    ``fold_dev`` also trains on the dev sentences (dev scores are then optimistic: use a fixed
    number of steps and the last model, not the best dev checkpoint). ``extra_train`` Docs (the ORG
    spans projected from the answer keys, :mod:`pipeline.ner.project`) are appended to ``train.spacy``
    as they are; dev and test stay KPWr only.
    """
    import spacy

    corpus_dir, out_dir = Path(corpus_dir), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    mapping = load_mapping(keep_labels=keep_labels)
    vocab = spacy.blank("pl").vocab
    train_s, dev_s = split_train_dev(read_kpwr(corpus_dir / "train.txt"), dev_fraction, seed)
    test_s = read_kpwr(corpus_dir / "test.txt")
    if fold_dev:
        train_s = train_s + dev_s
    train_groups = windows(train_s, max_window, seed) if max_window > 1 else [[s] for s in train_s]
    if also_singles and max_window > 1:
        train_groups += [[s] for s in train_s]
    paths = {}
    for name, groups in (
        ("train", train_groups),
        ("dev", [[s] for s in dev_s]),
        ("test", [[s] for s in test_s]),
    ):
        p = out_dir / f"{name}.spacy"
        db = to_docbin(vocab, groups, mapping)
        if name == "train":
            for doc in extra_train:
                db.add(doc)
        db.to_disk(p)
        paths[name] = p
    return paths
