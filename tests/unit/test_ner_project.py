"""ORG spans of the answer keys projected onto their pages as NER training sentences (pipeline/ner/project.py):
the spans land on the right characters, labels are ORG / missing / O as documented, and the real-page corpus's
test split is never a source (its keys and pages are not even opened)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import spacy

from pipeline.evaluate.score import OrgRow, RecordRow
from pipeline.ner import project as pr
from pipeline.ner.train import parse_projected
from pipeline.text.fold import TYPOGRAPHIC, fold

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "gold" / "real"

TEXT = (
    "Nowe wyzwania (2016)\n\n"
    "Projekt zrealizował Związek\u00a0Miast Polskich we współpracy z Fundacją Batorego. "
    "Jan Kowalski z Krakowa prowadził szkolenia. "
    "ZMP podsumował projekt, a Związkowi Miast Polskich podziękowano.\n"
)


def _at(needle: str, nth: int = 1) -> tuple[int, int]:
    pos = -1
    for _ in range(nth):
        pos = TEXT.index(needle, pos + 1)
    return pos, pos + len(needle)


def _record(orgs: list[OrgRow]) -> RecordRow:
    return RecordRow("Nowe wyzwania", "", 2016, 2016, 0, len(TEXT), organisations=tuple(orgs))


def _org(surface: str, name: str, acronym: str | None = None, optional: bool = False) -> OrgRow:
    a, b = _at(surface)
    return OrgRow(name, acronym, "lead", text=surface, char_start=a, char_end=b, optional=optional)


def test_key_spans_land_on_their_characters_in_the_normalised_sentence():
    rec = _record(
        [
            _org("Związek\u00a0Miast Polskich", "Związek Miast Polskich", "ZMP"),
            _org("Fundacją Batorego", "Fundacja Batorego"),
        ]
    )
    sents = pr.project_record(TEXT, rec, doc_id="t", source="seen")
    first = sents[0]
    assert first.text == "Projekt zrealizował Związek Miast Polskich we współpracy z Fundacją Batorego."
    assert [first.text[a:b] for a, b in first.orgs] == ["Związek Miast Polskich", "Fundacją Batorego"]
    # the sentence is the page's own text (NBSP folded), where the pipeline's sentence splitter puts it
    assert TEXT[first.raw_start : first.raw_end].replace("\u00a0", " ") == first.text
    # the acronym of a key organisation is labelled where it stands again in the record; the person's
    # sentence holds no key span and is left out
    assert [s.text[a:b] for s in sents[1:] for a, b in s.orgs] == ["ZMP"]
    assert not any("Kowalski" in s.text for s in sents)


def test_labels_org_missing_and_outside():
    rec = _record(
        [
            _org("Związek\u00a0Miast Polskich", "Związek Miast Polskich", "ZMP"),
            _org("Fundacją Batorego", "Fundacja Batorego", optional=True),
        ]
    )
    sents = pr.project_record(TEXT, rec, doc_id="t", source="seen")
    (doc, *_rest) = pr.to_docs(spacy.blank("pl").vocab, sents)
    iob = {t.text: (t.ent_iob_, t.ent_type_) for t in doc}
    assert [e.text for e in doc.ents] == ["Związek Miast Polskich"]
    assert iob["Fundacją"] == ("", "") and iob["Batorego"] == ("", "")  # optional key item: missing
    assert iob["zrealizował"] == ("O", "") and iob["Projekt"] == ("O", "")  # a capitalised common word: O
    assert doc[0].is_sent_start and not any(t.is_sent_start for t in doc[1:])


def test_a_later_mention_in_another_form_is_missing_not_outside():
    rec = _record([_org("Związek\u00a0Miast Polskich", "Związek Miast Polskich", "ZMP")])
    sents = pr.project_record(TEXT, rec, doc_id="t", source="seen")
    docs = pr.to_docs(spacy.blank("pl").vocab, sents)
    last = next(d for d in docs if "Związkowi" in d.text)
    assert {t.text: t.ent_iob_ for t in last}["Związkowi"] == ""  # the rules' mention, no key span: unknown
    assert [e.text for e in last.ents] == ["ZMP"]


def test_a_span_across_a_sentence_boundary_drops_its_sentence():
    text = "Grant dała Fundacja Wsi.\n\nPolskiej Rady projektu nie było.\n"
    a = text.index("Fundacja")
    b = text.index("Rady") + 4
    rec = RecordRow(
        "t",
        "",
        None,
        None,
        0,
        len(text),
        organisations=(OrgRow("Fundacja", None, "funder", text=text[a:b], char_start=a, char_end=b),),
    )
    stats = pr.ProjectionStats()
    assert pr.project_record(text, rec, stats=stats) == []
    assert sum(stats.dropped.values()) == 2


@pytest.fixture(scope="module")
def projected() -> tuple[list, list[str]]:
    """The seen and dev keys projected once for the tests below (a minute or more on a slow machine), with the doc_ids
    whose real-page key was opened on the way."""
    import pipeline.evaluate.realkeys as rk

    opened: list[str] = []
    real_key_document = rk.key_document

    def spy(key_path, page, root, pages_rel):
        opened.append(page.doc_id)
        return real_key_document(key_path, page, root, pages_rel)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(rk, "key_document", spy)
        sents = pr.projected_sentences(["seen", "dev"], ROOT)
    return sents, opened


def test_projection_of_the_real_keys_quotes_the_pages(projected):
    sents, _opened = projected
    assert sents and {s.source for s in sents} == {"seen", "dev"}
    pages = {p.stem: p for p in [*ROOT.glob("tests/gold/**/*.txt"), *ROOT.glob("raw/*.txt")]}
    texts: dict[str, str] = {}
    for s in sents:
        for a, b in s.orgs:
            assert s.text[a:b].strip() == s.text[a:b] and s.text[a:b]
        if s.doc_id not in texts:
            texts[s.doc_id] = pages[s.doc_id].read_text(encoding="utf-8")
        assert fold(texts[s.doc_id], s.raw_start, s.raw_end, rules=TYPOGRAPHIC).text == s.text


def _split(split: str) -> set[str]:
    with (REAL / "sources.csv").open(encoding="utf-8", newline="") as fh:
        return {r["doc_id"] for r in csv.DictReader(fh) if r["split"] == split}


def test_test_pages_are_never_opened(projected):
    sents, opened = projected
    test_ids = _split("test")
    assert opened and set(opened) <= _split("dev") and not set(opened) & test_ids
    assert not {s.doc_id for s in sents} & test_ids


@pytest.mark.parametrize("sources", [["test"], ["dev", "test"], ["all"]])
def test_the_test_split_is_refused(sources):
    with pytest.raises(ValueError):
        pr.gold_documents(sources, ROOT)


def test_cli_value_of_projected_sources():
    assert parse_projected("seen,dev") == ("seen", "dev")
    assert parse_projected("none") == ()
    with pytest.raises(ValueError):
        parse_projected("dev,test")
