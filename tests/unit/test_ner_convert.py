"""KPWr -> spaCy conversion: label mapping, BIO repair, dev split, train+dev folding (no corpus needed)."""

from pathlib import Path

import pytest
from spacy.tokens import DocBin

from pipeline.ner.convert import coarse_bio, convert, load_mapping, read_kpwr

SENTENCES = [
    [
        ("Związek", "B-nam_org_institution"),
        ("Miast", "I-nam_org_institution"),
        ("Polskich", "I-nam_org_institution"),
        ("obradował", "O"),
        ("w", "O"),
        ("Poznaniu", "B-nam_loc_gpe_city"),
        (".", "O"),
    ],
    [("Polacy", "B-nam_org_nation"), ("lubią", "O"), ("polski", "B-nam_adj_country"), ("chleb", "O"), (".", "O")],
    [
        ("Jan", "B-nam_liv_person"),
        ("Kowalski", "I-nam_liv_person"),
        ("mieszka", "O"),
        ("przy", "O"),
        ("ulicy", "O"),
        ("Długiej", "B-nam_fac_road"),
        (".", "O"),
    ],
]


def _write_corpus(folder: Path, n_train: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, n in (("train.txt", n_train), ("test.txt", 3)):
        blocks = ["\n".join(f"{w} {lab}" for w, lab in SENTENCES[i % len(SENTENCES)]) for i in range(n)]
        (folder / name).write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return folder


def test_label_mapping_is_the_documented_one():
    m = load_mapping()
    labels = [lab for _w, lab in SENTENCES[0] + SENTENCES[1] + SENTENCES[2]]
    assert coarse_bio(labels, m) == [
        "B-ORG",
        "I-ORG",
        "I-ORG",
        "O",
        "O",
        "B-LOC",
        "O",
        "O",
        "O",
        "O",
        "O",
        "O",  # demonyms and adjectives are not entities
        "B-PER",
        "I-PER",
        "O",
        "O",
        "O",
        "B-LOC",
        "O",  # facilities (streets) are places
    ]


def test_an_i_tag_of_another_label_starts_a_new_span():
    assert coarse_bio(["B-nam_liv_person", "I-nam_org_institution"], load_mapping()) == ["B-PER", "B-ORG"]


@pytest.mark.parametrize("fold_dev", [False, True])
def test_convert_splits_dev_in_blocks_and_can_fold_it_into_train(tmp_path, fold_dev):
    corpus = _write_corpus(tmp_path / "kpwr", n_train=200)
    assert len(read_kpwr(corpus / "train.txt")) == 200
    paths = convert(corpus, tmp_path / "out", dev_fraction=0.25, max_window=1, fold_dev=fold_dev)

    def n_docs(name: str) -> int:
        return len(DocBin().from_disk(paths[name]))

    assert n_docs("dev") == 50  # one block of 50 consecutive sentences out of four
    assert n_docs("test") == 3
    assert n_docs("train") == (200 if fold_dev else 150)
