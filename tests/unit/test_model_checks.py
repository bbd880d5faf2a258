"""The one extraction the check of the kind, role and title models shares (``projekty check-models``, run by ``make
check-models``, which reproduces every learned model and re-locks them) is the extraction each would make alone, and a
check compares every file a training writes."""

from __future__ import annotations

import click
import pytest

from pipeline.cli import _write_or_check
from pipeline.core.datatypes import Document
from pipeline.runner.document import extract_document, sharing_records

PAGE = (
    "Projekty zrealizowane\n\n"
    "1. Budowa boiska w Nowej Wsi. Wartość projektu: 120 000 zł, dofinansowanie z WFOŚiGW w Lublinie 80 000 zł.\n"
    "2. Remont świetlicy wiejskiej w Starej Wsi (2019-2020). Gmina Nowa Wieś otrzymała 45 000 zł.\n"
)


def test_a_shared_extraction_is_what_each_call_gives_alone(nlp):
    doc = Document("shared", "shared.txt", PAGE, "0" * 64, "utf-8")
    alone = [extract_document(doc, nlp, "both", None, kind_model=False), extract_document(doc, nlp, "both", "Gmina")]
    with sharing_records():
        first = extract_document(doc, nlp, "both", None, kind_model=False)
        second = extract_document(doc, nlp, "both", "Gmina")
        third = extract_document(doc)  # the NER pipeline loaded by default is the shipped one: the same records
    assert [first.values, second.values] == [a.values for a in alone]
    assert len(first.values) == 2
    assert second.values[0].record is first.values[0].record and third.values[0].record is first.values[0].record
    again = extract_document(doc, nlp, "both", None, kind_model=False)  # outside: extracted anew
    assert again.values == first.values and again.values[0].record is not first.values[0].record


def test_a_check_compares_every_file_training_writes(tmp_path, capsys):
    """``train --check`` compares the model and the files written beside it (the segmenter's page-kind step), and
    names the one that differs."""

    def write(path):
        path.write_text("lines", encoding="utf-8")
        path.with_name(path.name + ".page").write_text("pages", encoding="utf-8")
        return path

    def files(path):
        return (path, path.with_name(path.name + ".page"))

    target = write(tmp_path / "m.crfsuite")
    _write_or_check(target, True, write, "segment train", "2 pages", files=files)
    assert "m.crfsuite.page are current (2 pages)" in " ".join(capsys.readouterr().err.split())
    files(target)[1].write_text("other pages", encoding="utf-8")
    with pytest.raises(click.exceptions.Exit):
        _write_or_check(target, True, write, "segment train", "2 pages", files=files)
    said = " ".join(capsys.readouterr().err.split())
    assert "m.crfsuite.page is not what `projekty segment train` gives now" in said
    assert "m.crfsuite," not in said  # the line model itself is current
