"""The learned segmenter: labels from keys, deterministic training, and a segmentation that keeps every
line in exactly one record or block whatever the model says."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.core.datatypes import Document
from pipeline.release.validate import coverage
from pipeline.segment.learned import example, learned_segment, line_labels, open_models, train, training_examples
from pipeline.segment.lines import split_lines
from pipeline.segment.rules import segment

ROOT = Path(__file__).resolve().parents[2]

NEWS = (
    "Aktualności\n\nŚwietlica w Nowej Wsi gotowa\n\nGmina zakończyła projekt pn. „Nowa świetlica” "
    "o wartości 500 000 zł.\nProjekt dofinansowano z PROW.\n\nCzytaj więcej\n"
)
LIST = (
    "Nasze projekty\n\n- Akademia Sołtysa (2018)\nSzkolenia dla 120 sołtysów.\n- Czysta Gmina (2019-2020)\n"
    "Sprzątanie lasów.\n- Zielona Szkoła (2021)\nWarsztaty.\n"
)


def _starts(text: str, *phrases: str) -> list[int]:
    return [text.index(p) for p in phrases]


def test_labels_mark_the_line_of_each_start():
    lines = split_lines(NEWS)
    assert line_labels(lines, _starts(NEWS, "Świetlica w Nowej")) == ["O", "B", "I", "I", "I"]


def test_training_is_deterministic_and_never_on_test(tmp_path):
    examples = [
        example("news", NEWS, _starts(NEWS, "Świetlica w Nowej")),
        example("list", LIST, _starts(LIST, "- Akademia", "- Czysta", "- Zielona")),
    ]
    a, b = train(examples, tmp_path / "a.crfsuite"), train(examples, tmp_path / "b.crfsuite")
    assert a.read_bytes() == b.read_bytes()
    with pytest.raises(ValueError, match="never trained on the test split"):
        training_examples(ROOT / "tests" / "gold", ROOT, ("dev", "test"))


@pytest.mark.parametrize("text", [NEWS, LIST, "Bez rekordów.\n", "Jeden\n\nDwa\n\nTrzy (2019)\nOpis.\n"])
def test_every_line_is_in_exactly_one_record_or_block(tmp_path, text):
    examples = [
        example("news", NEWS, _starts(NEWS, "Świetlica w Nowej")),
        example("list", LIST, _starts(LIST, "- Akademia", "- Czysta", "- Zielona")),
    ]
    models = open_models(train(examples, tmp_path / "m.crfsuite"))
    doc = Document("d", "d.txt", text, "0" * 64, "utf-8")
    seg = learned_segment(doc, segment(doc), models)
    spans = [(r.char_start, r.char_end) for r in seg.records] + [(b.char_start, b.char_end) for b in seg.blocks]
    uncovered, double, _ = coverage(text, spans)
    assert (uncovered, double) == (0, 0)
    assert all(r.title and text[r.title_start : r.title_end] for r in seg.records)
    assert [r.ordinal for r in seg.records] == list(range(1, len(seg.records) + 1))


def test_without_a_model_the_rules_segment(tmp_path, monkeypatch):
    monkeypatch.setenv("PROJEKTY_SEGMENTER", str(tmp_path / "none.crfsuite"))
    from pipeline.segment.learned import load_tagger

    load_tagger.cache_clear()
    doc = Document("d", "d.txt", LIST, "0" * 64, "utf-8")
    assert learned_segment(doc) == segment(doc)
    load_tagger.cache_clear()
