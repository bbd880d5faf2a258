"""The learned segmenter: labels from keys, deterministic training, and a segmentation that keeps every
line in exactly one record or block whatever the model says."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from pipeline.core.datatypes import Document, Record
from pipeline.release.validate import coverage
from pipeline.segment.learned import (
    TITLE_GUARD_LINES,
    RuleView,
    _crf_items,
    _keep_titles_whole,
    _residue_joins_record,
    example,
    learned_segment,
    line_features,
    line_labels,
    open_models,
    page_features,
    rule_view,
    split_units,
    train,
    training_examples,
)
from pipeline.segment.lines import split_lines
from pipeline.segment.rules import Segmentation, segment

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


def _examples():
    return [
        example("news", NEWS, _starts(NEWS, "Świetlica w Nowej")),
        example("list", LIST, _starts(LIST, "- Akademia", "- Czysta", "- Zielona")),
    ]


def test_labels_mark_the_line_of_each_start():
    lines = split_lines(NEWS)
    assert line_labels(lines, _starts(NEWS, "Świetlica w Nowej")) == ["O", "B", "I", "I", "I"]


def test_a_long_paragraph_is_labelled_sentence_by_sentence():
    """News start a record in the middle of a paragraph; the model labels its sentences (UNIT_CHARS)."""
    para = (
        "Stowarzyszenie Razem otrzymało 5 tys. zł na festyn rodzinny w Nowej Wsi dla mieszkańców gminy. "
        "Koło Gospodyń Wiejskich w Golach dostało 8 tys. zł na zakup strojów ludowych i naczyń kuchennych."
    )
    text = "Dotacje rozdane\n\n" + para + "\nKrótka linia.\n"
    units = split_units(text)
    assert [u.text for u in units[:3]] == ["Dotacje rozdane", para[: para.index(" Koło")], para[para.index("Koło") :]]
    assert [u.inline for u in units] == [False, False, True, False]
    assert [u.idx for u in units] == [0, 1, 2, 3]
    starts = _starts(text, "Stowarzyszenie Razem", "Koło Gospodyń")
    assert line_labels(units, starts) == ["O", "B", "B", "I"]  # a line's label could mark only one start
    assert [ln.text for ln in split_units("Krótka linia.\nDruga.")] == ["Krótka linia.", "Druga."]


def test_a_sentence_listing_grants_is_cut_before_each_item():
    """Grants enumerated in one sentence: a unit per item that names an amount or a quoted name, the words
    before the first item kept with it; an enumeration of plain words stays one unit."""
    para = (
        'Zwycięzcami zostali: Szkoła Podstawowa nr 7 w Bielawie za projekt "Nasza siła", Fundacja Helisa w Łodzi '
        'za projekt "Działaj w kole" oraz Hufiec Węgorzewo ZHP za projekt "Harcerski EkoRok".'
    )
    units = split_units(para + "\n")
    assert [u.text for u in units] == [
        'Zwycięzcami zostali: Szkoła Podstawowa nr 7 w Bielawie za projekt "Nasza siła", ',
        'Fundacja Helisa w Łodzi za projekt "Działaj w kole" oraz ',
        'Hufiec Węgorzewo ZHP za projekt "Harcerski EkoRok".',
    ]
    assert [u.inline for u in units] == [False, True, True]
    plain = (
        "Swoje pomysły zrealizują m.in. hufiec ZHP, gimnazja, szkoła podstawowa, stowarzyszenie, uczelnia wyższa "
        "oraz specjalny ośrodek wychowawczo-opiekuńczy z powiatu."
    )
    assert [u.text for u in split_units(plain + "\n")] == [plain]


def test_a_page_that_repeats_a_lines_shape_says_so():
    """A table flattened one cell per line repeats its entry's lines (number, title, grantee, amount, status); the
    features count how often the page repeats a line's shape and its first word, and mark a bare number."""
    rows = [
        ("12", "Senioralny Hub", "Caritas Zamość", "82 420,00 zł"),
        ("21", "Wolontariat", "Stowarzyszenie X", "40 250,00 zł"),
    ]
    rows += [("23", "Sprawni i aktywni!", "Fundacja Gaudium", "81 150,00 zł")]
    text = "Wyniki konkursu\n\nLp.\n\nTytuł\n\n" + "".join(
        f"{a}\n\n{b}\n\n{c}\n\n{d}\n\nPrzyjęta\n\n" for a, b, c, d in rows
    )
    lines = split_units(text)
    doc = Document("t", "t.txt", text, "0" * 64, "utf-8")
    feats = {ln.text: f for ln, f in zip(lines, line_features(lines, rule_view(lines, segment(doc))), strict=True)}
    assert feats["12"]["bare_number"] and not feats["Senioralny Hub"]["bare_number"]
    assert feats["Przyjęta"]["rep_w0"] == "<=5" and feats["Wolontariat"]["rep_w0"] == "<=1"  # three rows, one title
    assert feats["12"]["rep_shape"] == ">5"  # the short cells of every row share their shape
    assert feats["Wyniki konkursu"]["rep_w0"] == "<=1"
    assert feats["Senioralny Hub"]["-1:bare_number"] is True and feats["12"]["1:bare_number"] is False


def test_row_numbers_of_a_table_flattened_one_cell_per_line_are_marked():
    """A row number is a bare number next in a sequence (``1`` ... ``2`` ... ``3``); an amount alone on its line
    (``1000``) and a number out of sequence are none."""
    text = "Lp.\n\nTytuł\n\ndotacja\n\n" + "".join(
        f"{n}\n\nSzkoła nr {n} w Ełku\n\nProjekt {t}\n\n1000\n\n" for n, t in ((1, "A"), (2, "B"), (3, "C"))
    )
    text += "Razem\n\n7\n"
    lines = split_units(text)
    doc = Document("t", "t.txt", text, "0" * 64, "utf-8")
    features = line_features(lines, rule_view(lines, segment(doc)))
    feats = [(ln.text, f["row_number"]) for ln, f in zip(lines, features, strict=True)]
    assert [t for t, on in feats if on] == ["1", "2", "3"]
    assert dict(feats)["1000"] is False and dict(feats)["7"] is False


def test_the_page_kind_step_sees_how_often_each_line_feature_occurs():
    """A list of grants repeats money lines and rule starts; a one-project page has one of each: the page-kind step
    reads every line feature's count over the page (log-scaled), not only a few coarse buckets."""
    import math

    items = [{"rule=start": 1.0, "money": 1.0, "b:dotac": 1.0}, {"money": 1.0, "bullet": 0.0}, {"money": 1.0}]
    f = page_features(items, [0.9, 0.1, 0.2])
    assert f["n:money"] == math.log1p(3) and f["n:rule=start"] == math.log1p(1) and f["n:b:dotac"] == math.log1p(1)
    assert "n:bullet" not in f  # a feature off on every line is not counted
    assert f["money=<=4"] == 1.0  # the coarse buckets stay


def test_training_is_deterministic_and_never_on_test(tmp_path):
    a, b = train(_examples(), tmp_path / "a.crfsuite"), train(_examples(), tmp_path / "b.crfsuite")
    assert a.read_bytes() == b.read_bytes()
    with pytest.raises(ValueError, match="never trained on the test split"):
        training_examples(ROOT / "tests" / "gold", ROOT, ("dev", "test"))


@pytest.mark.parametrize("text", [NEWS, LIST, "Bez rekordów.\n", "Jeden\n\nDwa\n\nTrzy (2019)\nOpis.\n"])
def test_every_line_is_in_exactly_one_record_or_block(tmp_path, text):
    models = open_models(train(_examples(), tmp_path / "m.crfsuite"))
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


@pytest.mark.parametrize("text", [NEWS, LIST, "Jeden\n\nDwa\n\nTrzy (2019)\nOpis.\n"])
def test_the_model_moves_starts_never_the_extent_of_records(tmp_path, text):
    models = open_models(train(_examples(), tmp_path / "m.crfsuite"))
    doc = Document("d", "d.txt", text, "0" * 64, "utf-8")
    lines = split_lines(text)
    rules = rule_view(lines, segment(doc))
    ruled = rules.labels(lines)
    labels = models.starts(models.read(_crf_items(line_features(lines, rules))), ruled)
    assert [lab == "O" for lab in labels] == [lab == "O" for lab in ruled]


def test_the_shipped_model_keeps_the_source_pages_records():
    """The seen pages weigh more in training, so on the source page the model confirms every rule start."""
    from pipeline.ingest.decode import read_document
    from pipeline.segment.learned import MODEL_PATH

    if not MODEL_PATH.exists():
        pytest.skip("no segmenter shipped")
    raw = read_document(ROOT / "raw" / "zmp-projekty-zakonczone.txt", ROOT).text
    doc = Document("zmp", "zmp.txt", raw, "0" * 64, "utf-8")
    seg = segment(doc)
    assert learned_segment(doc, seg, open_models(MODEL_PATH)) is seg


def test_seen_pages_weigh_several_times_in_training():
    """... and a page's copies are one group with it, as a real page is one with its publisher's other pages: the
    start probabilities the page-kind step trains on are held out by group."""
    from pipeline.evaluate.realkeys import read_sources
    from pipeline.segment.learned import SEEN_COPIES

    examples = training_examples(ROOT / "tests" / "gold", ROOT)
    ids = [e.doc_id for e in examples]
    assert ids.count("zmp-projekty-zakonczone") == 1
    assert sum(1 for i in ids if i.startswith("zmp-projekty-zakonczone~")) == SEEN_COPIES - 1
    assert {e.group for e in examples if e.doc_id.startswith("zmp-projekty-zakonczone")} == {"zmp-projekty-zakonczone"}
    site = {p.doc_id: p.site for p in read_sources(ROOT / "tests" / "gold" / "real")}
    real = [e for e in examples if e.doc_id in site]
    assert real and all(e.group == site[e.doc_id] for e in real)


def test_the_page_kind_step_reads_how_sure_the_line_model_is_of_starts():
    """A grantee list the page's own features make look like one project's page: the line model's start
    probabilities tell the page-kind step how many lines it is sure of."""
    from pipeline.segment.learned import margin_page_features, page_features

    sure = margin_page_features([0.95, 0.1, 0.85, 0.6, 0.02])
    assert sure == {
        "m:sum": pytest.approx(math.log1p(2.52)),
        "m:n5=3": 1.0,
        "m:n8=2": 1.0,
        "m:max=4": 1.0,
        "m:second=4": 1.0,
    }
    assert margin_page_features([0.3]) == {
        "m:sum": pytest.approx(math.log1p(0.3)),
        "m:n5=0": 1.0,
        "m:n8=0": 1.0,
        "m:max=1": 1.0,
        "m:second=none": 1.0,
    }
    items = [{"bias": 1.0, "rule=start": 1.0}, {"bias": 1.0}]
    assert page_features(items, [0.9, 0.2]).items() >= margin_page_features([0.9, 0.2]).items()


class _StartsEverywhere:
    """A model that starts a record on every line: the worst case for the rebuild."""

    def read(self, items):
        return items

    def starts(self, items, rules, runs=()):
        return ["B"] * len(rules)


@pytest.mark.parametrize(
    "text",
    [
        "Renowacja kościoła\n\nParafia zrealizowała projekt pn. „Renowacja ołtarza” za 100 000 zł. Ołtarz z 1518 r.\n",
        LIST,
        NEWS,
    ],
)
def test_no_record_starts_inside_a_rule_records_title_and_every_character_stays_covered(text):
    doc = Document("d", "d.txt", text, "0" * 64, "utf-8")
    seg = learned_segment(doc, segment(doc), _StartsEverywhere())
    spans = [(r.char_start, r.char_end) for r in seg.records] + [(b.char_start, b.char_end) for b in seg.blocks]
    assert coverage(text, spans)[:2] == (0, 0)
    assert all(r.char_start <= r.title_start <= r.title_end <= r.char_end for r in seg.records)


def _rule_record(text: str, start: int, title: str) -> Record:
    a = text.index(title)
    return Record("d", 1, "", title, None, None, start, len(text), a, a + len(title), a + len(title), len(text))


def test_a_rule_records_title_guards_only_the_headline_above_it():
    """The model may not start a record on the line that names the project right under a headline (the rules'
    title line), but a title the rules found further down (``Drugie zadanie pt. „X”`` under a paragraph per
    grant) does not stop the model's starts above it or on it."""
    assert TITLE_GUARD_LINES == 1
    near = "Nowa świetlica\nProjekt pn. „Świetlica w Zalesiu”\nGmina otrzymała 50 000 zł.\n"
    lines = split_lines(near)
    seg = Segmentation([_rule_record(near, 0, "Świetlica w Zalesiu")], [])
    assert _keep_titles_whole(lines, seg, ["B", "I", "I"], ["B", "B", "I"]) == ["B", "I", "I"]
    far = (
        "Granty dla gminy\nPierwszy projekt pt. Budowa placu zabaw za 20 000 zł.\nCelem jest integracja.\n"
        "Drugie zadanie pt. „Kapliczki gminy” za 10 000 zł.\n"
    )
    lines = split_lines(far)
    seg = Segmentation([_rule_record(far, 0, "Kapliczki gminy")], [])
    labels = ["B", "B", "I", "B"]
    assert _keep_titles_whole(lines, seg, ["B", "I", "I", "I"], labels) == labels


def test_a_line_the_rules_placed_nowhere_joins_the_record_before_it():
    """Residue after a record's start lies in the record (the keys run a record up to the next start); residue
    before any record, and headings, stay blocks."""
    text = "Menu\n1. Oświetlenie\nWydatki w 2019 roku – 15 990,00 zł\nWykaz\n1. Szkoła\nWydatki 2020 – 100 zł\n"
    lines = split_lines(text)
    rules = RuleView(frozenset({1, 4}), frozenset({1, 4}), {0: "residue", 2: "residue", 3: "heading", 5: "residue"})
    labels = ["O", "B", "O", "O", "B", "O"]
    assert _residue_joins_record(lines, rules, labels) == ["O", "B", "I", "O", "B", "I"]


def test_an_intro_after_the_only_record_start_joins_that_record():
    """On a page with one record start, an intro paragraph after it is the record's body (a page about one
    project is one record); with two starts a section's intro stays a block, as does a heading."""
    text = "Projekt pn. „Wakacje”\nO projekcie\nWyjechały dzieci z gminy.\nGranty\n1. Szkoła\nOpis szkoły\n"
    lines = split_lines(text)
    kinds = {1: "heading", 2: "intro", 3: "heading", 5: "intro"}
    one = RuleView(frozenset({0}), frozenset({0}), kinds)
    assert _residue_joins_record(lines, one, ["B", "O", "O", "O", "O", "O"]) == ["B", "O", "I", "O", "O", "I"]
    two = RuleView(frozenset({0, 4}), frozenset({0, 4}), kinds)
    assert _residue_joins_record(lines, two, ["B", "O", "O", "O", "B", "O"]) == ["B", "O", "O", "O", "B", "O"]


def test_block_lines_up_to_the_last_figure_join_the_record_before_them():
    """After a record's start, block lines up to the last one naming an amount or a count join the record (the
    keys give those figures to a record); a heading without a figure ends the reach (it introduces the next
    records), and lines before the first start stay blocks."""
    text = (
        "Łącznie 40 000 zł\n1. Szkoła\nOpis\nW ramach modułu powstało 35 klubów.\nZdjęcia\n"
        "Podsumowanie\nRazem 12 500,00 zł\n2. Klub\nŁącznie 3 000 zł\nProjekty 2020\nWpłynęło 9 ofert.\n3. Dom\n"
    )
    lines = split_lines(text)
    kinds = {0: "intro", 2: "intro", 3: "intro", 4: "chrome", 5: "heading", 6: "intro", 8: "heading", 9: "heading"}
    kinds |= {10: "intro"}
    rules = RuleView(frozenset({1, 7, 11}), frozenset({1, 7, 11}), kinds)
    labels = ["O", "B", "O", "O", "O", "O", "O", "B", "O", "O", "O", "B"]
    joined = ["O", "B", "I", "I", "O", "O", "O", "B", "I", "O", "O", "B"]
    assert _residue_joins_record(lines, rules, labels) == joined


class _Marginals:
    """A stand-in line tagger: the model's labels with their marginal probabilities."""

    def __init__(self, labels: list[str], confidence: list[float]):
        self.labels, self.confidence = labels, confidence

    def marginal(self, label: str, i: int) -> float:
        return self.confidence[i] if label == self.labels[i] else 1.0 - self.confidence[i]


def _join(model: list[str], out: list[str], rules: list[str], confidence: list[float]) -> list[str]:
    from pipeline.segment.learned import Models

    return Models(_Marginals(model, confidence), None)._heading_joins_first_record(model, out, rules)


def test_a_headline_and_the_record_the_model_starts_under_it_are_one_record():
    """The rules start on the headline, the model (sure it is a heading) one line lower: one record, from the
    headline, whose title the keys take from it."""
    from pipeline.segment.learned import START_CONFIDENCE

    unsure = START_CONFIDENCE - 0.05
    rules = ["B", "I", "I", "I"]
    model = ["O", "B", "I", "I"]
    merged = ["B", "B", "I", "I"]
    assert _join(model, merged, rules, [0.9, 0.8, 0.9, 0.9]) == ["B", "I", "I", "I"]
    # an unsure model (under START_CONFIDENCE), or a start the rules made too, leaves both records
    assert _join(model, merged, rules, [unsure, 0.8, 0.9, 0.9]) == merged
    assert _join(model, merged, ["B", "B", "I", "I"], [0.9, 0.8, 0.9, 0.9]) == merged
    # a record the model is unsure of between the headline and the model's start: nothing joins
    between = ["B", "B", "B", "I"]
    assert _join(["O", "O", "B", "I"], between, ["B", "B", "I", "I"], [0.9, unsure, 0.9, 0.9]) == between


class _Lines:
    """A line tagger with fixed labels and marginals (python-crfsuite's Tagger interface)."""

    def __init__(self, labels: list[str], marginals: list[float]):
        self.fixed, self.marginals = labels, marginals

    def labels(self):
        return ["B", "I", "O"]

    def tag(self, items):
        return list(self.fixed)

    def set(self, items):
        pass

    def marginal(self, label, i):
        return self.marginals[i] if label == self.fixed[i] else 1.0 - self.marginals[i]


class _Pages:
    def __init__(self, kind: str):
        self.kind = kind

    def tag(self, items):
        return [self.kind]


@pytest.mark.parametrize(("kind", "expected"), [("one", ["B", "I", "I", "I"]), ("many", ["B", "I", "B", "I"])])
def test_on_a_page_read_as_one_record_a_rule_start_joins_with_less_confidence(kind, expected):
    from pipeline.segment.learned import DROP_CONFIDENCE, ONE_PAGE_CONFIDENCE, Models

    unsure = (ONE_PAGE_CONFIDENCE + DROP_CONFIDENCE) / 2  # the model's "I" on the rule's second start
    lines = _Lines(["B", "I", "I", "I"], [0.9, 0.9, unsure, 0.9])
    models = Models(lines, _Pages(kind))
    assert models.starts(models.read([{"bias": 1.0}] * 4), ["B", "I", "B", "I"]) == expected


def test_a_line_model_sure_of_several_starts_overrules_the_page_kinds_one_record():
    """The page-kind step says "one record"; where the line model starts MANY_STARTS records each MANY_CONFIDENCE
    sure the page keeps them, where only one is that sure the page is one record (its likeliest start)."""
    from pipeline.segment.learned import MANY_CONFIDENCE, MANY_STARTS, Models

    assert MANY_STARTS == 2
    items = [{"bias": 1.0}] * 4
    sure = Models(_Lines(["B", "I", "B", "I"], [0.95, 0.9, MANY_CONFIDENCE, 0.9]), _Pages("one"))
    assert sure.tag(sure.read(items)) == ["B", "I", "B", "I"]
    unsure = Models(_Lines(["B", "I", "B", "I"], [0.95, 0.9, MANY_CONFIDENCE - 0.1, 0.9]), _Pages("one"))
    assert unsure.tag(unsure.read(items)) == ["B", "I", "I", "I"]


def test_a_run_of_parallel_list_lines_starts_a_record_on_every_line_when_the_model_leans_so():
    """A grant list read line by line started records only from its middle on: every line of a run of list lines
    alike in shape starts one when one of them does and the mean start probability reaches RUN_CONFIDENCE."""
    from pipeline.segment.learned import RUN_CONFIDENCE, Models, parallel_runs

    def feats(text):
        return {"bullet": text.startswith("- "), "numbered": False, "money": "zł" in text, "end": text[-1]}

    page = [
        "Dotacje otrzymają:",
        "- Cybinka: 54 270,00 zł.",
        "- Kłodawa: 13 416,00 zł.",
        "- Otyń: 13 416,75 zł.",
        "- Siedlisko: 67 234,00 zł.",
        "Źródło: urząd",
    ]
    runs = parallel_runs([feats(t) for t in page])
    assert runs == [range(1, 5)]
    items = [{"bias": 1.0}] * len(page)
    leaning = _Lines(["B", "I", "I", "B", "B", "I"], [0.9, 0.6, 0.6, 0.8, 0.8, 0.9])  # B: 0.4 0.4 0.8 0.8
    assert RUN_CONFIDENCE <= (0.4 + 0.4 + 0.8 + 0.8) / 4
    rules = ["B", "I", "I", "I", "I", "I"]
    models = Models(leaning, _Pages("many"))
    assert models.starts(models.read(items), rules, runs) == ["B", "B", "B", "B", "B", "I"]
    doubtful = _Lines(["B", "I", "I", "I", "B", "I"], [0.9, 0.9, 0.9, 0.9, 0.8, 0.9])  # B: 0.1 0.1 0.1 0.8
    assert RUN_CONFIDENCE > (0.1 + 0.1 + 0.1 + 0.8) / 4
    models = Models(doubtful, _Pages("many"))
    assert models.starts(models.read(items), rules, runs) == ["B", "I", "I", "I", "B", "I"]
    assert parallel_runs([feats(t) for t in ["- a 1 zł.", "- b 2 zł.", "Koniec."]]) == []  # two lines: no run


def test_a_start_is_added_more_readily_than_a_rule_start_is_dropped():
    """Between START_CONFIDENCE and DROP_CONFIDENCE the model adds a record start but leaves the rules' own."""
    from pipeline.segment.learned import DROP_CONFIDENCE, START_CONFIDENCE, Models

    between = (START_CONFIDENCE + DROP_CONFIDENCE) / 2
    lines = _Lines(["B", "B", "I", "I"], [0.9, between, between, 0.9])
    items = [{"bias": 1.0}] * 4
    models = Models(lines, _Pages("many"))
    assert models.starts(models.read(items), ["B", "I", "B", "I"]) == ["B", "B", "B", "I"]
    sure = Models(_Lines(["B", "B", "I", "I"], [0.9, DROP_CONFIDENCE, DROP_CONFIDENCE, 0.9]), _Pages("many"))
    assert sure.starts(sure.read(items), ["B", "I", "B", "I"]) == ["B", "B", "I", "I"]


def test_a_unit_carries_the_stems_of_its_first_words():
    """Which words open a record is learned, not listed: each unit has the five-letter stems of its first twelve
    words (letters only, lowercased) as features."""
    text = "Gmina Barczewo pozyskała również środki na 3 projekty: jeden, dwa, trzy, cztery, pięć, sześć.\n"
    (items,) = [example("stems", text, []).items]
    assert {k for k in items[0] if k.startswith("b:")} == {
        "b:gmina",
        "b:barcz",
        "b:pozys",
        "b:równi",
        "b:środk",
        "b:na",
        "b:proje",
        "b:jeden",
        "b:dwa",
        "b:trzy",
        "b:czter",
        "b:pięć",
    }
    stems = [k for k in items[0] if k.startswith("b:")]
    assert stems == sorted(stems)  # in one order whatever the hash seed: the same model from every process


PROSE = (
    "W lutym dofinansowaliśmy wyjazd dla dzieci z Ośrodka Wychowawczego w Kłaninie.\n\n"
    "Nasze wsparcie pozwoliło zabrać na ferie 50 dzieci, które nie miałyby możliwości wyjazdu.\n"
)


@pytest.mark.parametrize(("sure", "records"), [(0.95, 1), (0.6, 0)])
def test_a_page_without_a_rule_record_is_one_record_where_the_model_is_sure_of_its_start(sure, records):
    """No layout the rules know starts a record on a page told in prose; the model starts the page's record where it
    is at least LONE_CONFIDENCE sure (the line it finds likeliest), and every character stays in a record or block.
    Under that (a contact page's address line, 0.56 with the shipped model) the page stays without records."""
    from pipeline.segment.learned import LONE_CONFIDENCE, Models

    assert 0.6 < LONE_CONFIDENCE < 0.95
    doc = Document("prose", "prose.txt", PROSE, "0" * 64, "utf-8")
    assert segment(doc).records == []
    tagger = Models(_Lines(["B", "I"], [sure, 0.9]), _Pages("one"))
    seg = learned_segment(doc, tagger=tagger)
    assert len(seg.records) == records
    if records:
        assert (seg.records[0].char_start, seg.records[0].char_end) == (0, len(PROSE.rstrip("\n")))
    spans = [(r.char_start, r.char_end) for r in seg.records] + [(b.char_start, b.char_end) for b in seg.blocks]
    assert coverage(PROSE, spans)[:2] == (0, 0)
