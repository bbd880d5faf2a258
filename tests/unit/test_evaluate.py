"""The scorer: a perfect prediction scores 1.0, and each kind of mistake lowers exactly its metrics.

The gold here is a tiny invented page (three records, one of them optional),
written as YAML with offsets filled by tests/gold/fill_offsets.py, as the real
answer key is.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from pathlib import Path

import pandas as pd
import pytest
from rich.table import Table

from pipeline.evaluate.score import (
    GoldFormatError,
    MatchConfig,
    check_thresholds,
    errors_report,
    gold_files,
    gold_to_tables,
    load_gold,
    load_thresholds,
    metrics,
    render,
    score,
    scores_to_dict,
    slug,
    to_markdown,
    update_readme,
)

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "tests" / "gold"


def _fill_offsets_module():
    spec = importlib.util.spec_from_file_location("fill_offsets", GOLD_DIR / "fill_offsets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FILL = _fill_offsets_module()

TEXT = (
    "PROJEKTY ZAKOŃCZONE\n\n"
    "Sieć miast dla klimatu (2015-2016)\n"
    "Projekt realizował Związek Miast Polskich (ZMP) we współpracy z Fundacją Batorego. "
    "Budżet wyniósł 3,25 mln zł, w tym 100 tys. euro z Funduszu Wyszehradzkiego. "
    "W spotkaniach wzięło udział 120 samorządowców z kilkunastu miast. "
    "Konferencja odbyła się w lipcu 2015.\n\n"
    "Gra o Budżet (2014)\n"
    "ZMP przeszkolił ponad 600 urzędników w marcu. "
    "Projekt finansowała Komisja Europejska, wsparł go rząd Kanady.\n\n"
    "Mapa współpracy (2013)\n"
    "Mapę przygotowała Fundacja Batorego.\n"
)

ZMP = {"name": "Związek Miast Polskich", "acronym": "ZMP", "aliases": ["ZMP"]}
GOLD = {
    "doc_id": "mini",
    "source_file": "mini.txt",
    "records": [
        {
            "title": "Sieć miast dla klimatu",
            "title_text": "Sieć miast dla klimatu",
            "section": "PROJEKTY ZAKOŃCZONE",
            "year_start": 2015,
            "year_end": 2016,
            "amounts": [
                {"value": 3250000.0, "currency": "PLN", "text": "3,25 mln zł"},
                {"value": 100000.0, "currency": "EUR", "text": "100 tys. euro"},
            ],
            "counts": [
                {
                    "value": 120,
                    "value_min": 120,
                    "value_max": 120,
                    "qualifier": "exact",
                    "unit": "samorządowiec",
                    "text": "120 samorządowców",
                },
                {
                    "value": None,
                    "value_min": 11,
                    "value_max": 19,
                    "qualifier": "range",
                    "unit": "miasto",
                    "text": "kilkunastu miast",
                },
            ],
            "dates": [
                {
                    "start": dt.date(2015, 7, 1),
                    "end": dt.date(2015, 7, 31),
                    "precision": "month",
                    "year_inferred": False,
                    "text": "lipcu 2015",
                },
            ],
            "organisations": [
                {**ZMP, "role": "lead", "text": "Związek Miast Polskich"},
                {"name": "Fundacja Batorego", "acronym": None, "role": "partner", "text": "Fundacją Batorego"},
                {"name": "Fundusz Wyszehradzki", "acronym": None, "role": "funder", "text": "Funduszu Wyszehradzkiego"},
            ],
        },
        {
            "title": "Gra o Budżet",
            "title_text": "Gra o Budżet",
            "section": "PROJEKTY ZAKOŃCZONE",
            "year_start": 2014,
            "year_end": 2014,
            "amounts": [],
            "counts": [
                {
                    "value": 600,
                    "value_min": 601,
                    "value_max": None,
                    "qualifier": "at_least",
                    "unit": "urzędnik",
                    "text": "ponad 600 urzędników",
                },
            ],
            "dates": [
                {
                    "start": dt.date(2014, 3, 1),
                    "end": dt.date(2014, 3, 31),
                    "precision": "month",
                    "year_inferred": True,
                    "text": "marcu",
                },
            ],
            "organisations": [
                {**ZMP, "role": "lead", "text": "ZMP"},
                {"name": "Komisja Europejska", "acronym": None, "role": "funder", "text": "Komisja Europejska"},
                {"name": "Rząd Kanady", "acronym": None, "role": "funder", "text": "rząd Kanady", "optional": True},
            ],
        },
        {
            "title": "Mapa współpracy",
            "title_text": "Mapa współpracy",
            "section": "PROJEKTY ZAKOŃCZONE",
            "year_start": 2013,
            "year_end": 2013,
            "optional": True,
            "amounts": [],
            "counts": [],
            "dates": [],
            "organisations": [
                {"name": "Fundacja Batorego", "acronym": None, "role": "lead", "text": "Fundacja Batorego"},
            ],
        },
    ],
}
# Non-optional gold sizes: 2 records, 2 amounts, 3 counts, 2 dates, 5 organisations.


def _write_gold(tmp_path: Path, gold: dict) -> Path:
    (tmp_path / "mini.txt").write_text(TEXT, encoding="utf-8")
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir(exist_ok=True)
    filled = FILL.fill(json.loads(json.dumps(gold, default=str)), TEXT, "mini.yaml")
    (gold_dir / "mini.yaml").write_text(FILL.dump(filled), encoding="utf-8")
    return gold_dir


@pytest.fixture
def gold(tmp_path):
    return load_gold(_write_gold(tmp_path, GOLD), root=tmp_path)


@pytest.fixture
def perfect(gold):
    return gold_to_tables(gold)


def _m(gold, tables) -> dict:
    """The measured metrics (an accuracy measured on no pair, e.g. amount kinds the key does not state,
    is left out)."""
    return {k: v for k, v in metrics(score(gold, tables).overall).items() if v is not None}


def _drop_project(tables: dict, project_id: str) -> dict:
    return {k: df[df["project_id"] != project_id] if "project_id" in df.columns else df for k, df in tables.items()}


def _set_org(tables: dict, org_id: str, **changes) -> dict:
    orgs = tables["organisations"].copy()
    for col, value in changes.items():
        orgs.loc[orgs["org_id"] == org_id, col] = value
    return {**tables, "organisations": orgs}


# ---------------------------------------------------------------------------


def test_gold_loads_with_offsets_and_record_ends(gold):
    (doc,) = gold
    assert doc.doc_id == "mini" and len(doc.records) == 3
    first, second, third = doc.records
    assert TEXT[first.char_start :].startswith("Sieć miast dla klimatu")
    assert first.char_end == second.char_start and third.char_end == len(TEXT)
    assert first.dates[0].start == dt.date(2015, 7, 1)
    assert TEXT[second.organisations[0].char_start : second.organisations[0].char_end] == "ZMP"


def test_perfect_prediction_scores_one_everywhere(gold, perfect):
    scores = score(gold, perfect)
    values = metrics(scores.overall)
    assert all(v == 1.0 for v in values.values() if v is not None), values
    assert values["amount_kind_accuracy"] is None  # the seen keys state no amount kinds yet
    assert metrics(scores.documents["mini"]) == values
    assert scores.errors == []
    # the optional record, its organisation and the optional organisation are predicted yet not counted
    assert scores.overall.prf["projects"].n_pred == 2
    assert scores.overall.prf["organisations"].n_pred == 5


def test_missing_record_lowers_recall_exactly(gold, perfect):
    m = _m(gold, _drop_project(perfect, "mini-002"))
    assert m["projects.recall"] == 0.5 and m["projects.precision"] == 1.0
    assert m["counts.recall"] == pytest.approx(2 / 3)
    assert m["dates.recall"] == 0.5
    assert m["organisations.recall"] == pytest.approx(3 / 5) and m["organisations.precision"] == 1.0
    assert m["amounts.f1"] == 1.0  # the missing record had no amounts
    assert m["title_exact_rate"] == 0.5  # 1 exact title / 2 gold records


def test_optional_items_count_neither_way(gold, perfect):
    without_optional = _drop_project(perfect, "mini-003")
    links = without_optional["project_organisations"]
    without_optional["project_organisations"] = links[links["org_id"] != slug("Rząd Kanady")]
    assert all(v == 1.0 for v in _m(gold, without_optional).values())


def test_genitive_name_without_acronym_is_a_miss_and_a_false_positive(gold, perfect):
    tables = _set_org(perfect, slug("Związek Miast Polskich"), name="Związku Miast Polskich", acronym=None)
    scores = score(gold, tables)
    m = metrics(scores.overall)
    assert m["organisations.precision"] == pytest.approx(3 / 5)
    assert m["organisations.recall"] == pytest.approx(3 / 5)
    assert m["organisations.f1"] == pytest.approx(3 / 5)
    assert m["org_name_accuracy"] == 1.0  # the 3 matched ones are right
    # reported as near misses (one line each, in both records), still counted as a miss + a false positive
    assert [e.error for e in scores.errors] == ["wrong_name_form", "wrong_name_form"]


def test_genitive_name_with_acronym_matches_but_is_not_canonical(gold, perfect):
    tables = _set_org(perfect, slug("Związek Miast Polskich"), name="Związku Miast Polskich")
    m = _m(gold, tables)
    assert m["organisations.f1"] == 1.0  # matched on the acronym
    assert m["org_name_accuracy"] == pytest.approx(3 / 5)


def test_alias_matches_but_is_not_canonical(gold, perfect):
    tables = _set_org(perfect, slug("Związek Miast Polskich"), name="ZMP", acronym=None)
    m = _m(gold, tables)
    assert m["organisations.f1"] == 1.0
    assert m["org_name_accuracy"] == pytest.approx(3 / 5)


def test_wrong_currency_lowers_amounts(gold, perfect):
    amounts = perfect["amounts"].copy()
    amounts.loc[amounts["currency"] == "EUR", "currency"] = "PLN"
    scores = score(gold, {**perfect, "amounts": amounts})
    m = metrics(scores.overall)
    assert (m["amounts.precision"], m["amounts.recall"], m["amounts.f1"]) == (0.5, 0.5, 0.5)
    assert [e.error for e in scores.errors] == ["wrong_currency"]


def test_amount_within_half_a_percent_matches(gold, perfect):
    amounts = perfect["amounts"].copy()
    amounts["value"] = amounts["value"] * 1.004
    assert _m(gold, {**perfect, "amounts": amounts})["amounts.f1"] == 1.0
    amounts["value"] = perfect["amounts"]["value"] * 1.006
    assert _m(gold, {**perfect, "amounts": amounts})["amounts.f1"] == 0.0


def test_wrong_role_lowers_role_accuracy_not_org_match(gold, perfect):
    links = perfect["project_organisations"].copy()
    links.loc[links["org_id"] == slug("Fundacja Batorego"), "role"] = "funder"
    m = _m(gold, {**perfect, "project_organisations": links})
    assert m["organisations.f1"] == 1.0
    assert m["org_role_accuracy"] == pytest.approx(4 / 5)
    assert m["org_roles.f1"] == pytest.approx(4 / 5)


def test_wrong_unit_keeps_the_value_match(gold, perfect):
    counts = perfect["counts"].copy()
    counts.loc[counts["unit"] == "samorządowiec", "unit"] = "samorządowców"
    counts.loc[counts["unit"] == "urzędnik", "qualifier"] = "approx"
    m = _m(gold, {**perfect, "counts": counts})
    assert m["counts.f1"] == pytest.approx(2 / 3)
    assert m["count_values.f1"] == 1.0
    assert m["count_unit_accuracy"] == pytest.approx(2 / 3)
    assert m["count_qualifier_accuracy"] == pytest.approx(2 / 3)


def test_wrong_date_and_precision(gold, perfect):
    dates = perfect["dates"].copy()
    dates.loc[dates["start"] == dt.date(2014, 3, 1), "year_inferred"] = False
    dates.loc[dates["start"] == dt.date(2015, 7, 1), "end"] = dt.date(2015, 12, 31)
    scores = score(gold, {**perfect, "dates": dates})
    m = metrics(scores.overall)
    assert m["dates.f1"] == 0.5
    assert m["date_year_inferred_accuracy"] == 0.0 and m["date_precision_accuracy"] == 1.0
    assert sorted(e.error for e in scores.errors) == ["wrong_period", "wrong_precision"]


def test_spurious_record_lowers_precision(gold, perfect):
    extra = pd.DataFrame(
        [
            {
                "project_id": "mini-009",
                "doc_id": "mini",
                "ordinal": 9,
                "section": "X",
                "title": "MULTIMEDIA",
                "year_start": 2013,
                "year_end": 2013,
                "char_start": len(TEXT) - 1,
                "char_end": len(TEXT),
            }
        ]
    )
    extra_amount = pd.DataFrame(
        [
            {
                "amount_id": "x",
                "project_id": "mini-009",
                "value": 5.0,
                "currency": "PLN",
                "raw_text": "5 zł",
                "char_start": None,
                "char_end": None,
            }
        ]
    )
    tables = {
        **perfect,
        "projects": pd.concat([perfect["projects"], extra], ignore_index=True),
        "amounts": pd.concat([perfect["amounts"], extra_amount], ignore_index=True),
    }
    m = _m(gold, tables)
    assert m["projects.precision"] == pytest.approx(2 / 3) and m["projects.recall"] == 1.0
    assert m["amounts.precision"] == pytest.approx(2 / 3) and m["amounts.recall"] == 1.0


def test_wrong_title_and_years_still_match_the_record(gold, perfect):
    projects = perfect["projects"].copy()
    projects.loc[projects["project_id"] == "mini-001", "title"] = "Sieć miast dla klimatu (2015-2016)"
    projects.loc[projects["project_id"] == "mini-002", "year_end"] = 2015
    m = _m(gold, {**perfect, "projects": projects})
    assert m["projects.f1"] == 1.0
    assert m["title_exact_rate"] == 0.5 and m["year_accuracy"] == 0.5


def test_records_of_other_documents_are_ignored(gold, perfect):
    other = perfect["projects"].assign(doc_id="other", project_id=lambda d: "other-" + d["project_id"])
    tables = {**perfect, "projects": pd.concat([perfect["projects"], other], ignore_index=True)}
    assert all(v == 1.0 for v in _m(gold, tables).values())


def test_check_thresholds(gold, perfect):
    missing = score(gold, _drop_project(perfect, "mini-002"))
    thresholds = {
        "overall": {"projects.recall": 0.9, "projects.precision": 0.9},
        "mini": {"organisations.recall": 0.7},
        "matching": {"min_record_score": 0.5},
    }
    messages = check_thresholds(missing, thresholds)
    assert len(messages) == 2
    assert "projects.recall = 0.500 < minimum 0.900" in messages[0]
    assert messages[1].startswith("mini: organisations.recall")
    assert check_thresholds(score(gold, perfect), thresholds) == []
    assert check_thresholds(missing, {"overall": {"projects.recal": 0.1}, "nope": {}}) == [
        "overall: unknown metric 'projects.recal'",
        "nope: no such gold document",
    ]
    assert MatchConfig.from_thresholds(thresholds).min_record_score == 0.5


def test_repo_thresholds_file_names_known_metrics(gold, perfect):
    thresholds = load_thresholds(GOLD_DIR / "thresholds.yaml")
    assert check_thresholds(score(gold, perfect), {"overall": thresholds["overall"]}) == []


def test_reports(gold, perfect):
    scores = score(gold, _drop_project(perfect, "mini-002"))
    assert isinstance(render(scores), Table)
    markdown = to_markdown(scores)
    assert "| projects | 1.000 | 0.500 | 0.667 | 2 | 1 | 0.667 |" in markdown
    data = json.loads(json.dumps(scores_to_dict(scores)))
    assert data["overall"]["metrics"]["projects.recall"] == 0.5
    assert data["documents"]["mini"]["counts"]["projects"] == {"tp": 1, "n_gold": 2, "n_pred": 1}
    report = errors_report(scores)
    assert "[projects] missed" in report and "ponad 600 urzędników" in report


def test_update_readme(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# X\n\n## Quality\n<!-- quality:seen:start -->\nold\n<!-- quality:seen:end -->\nrest\n")
    update_readme(readme, "| a |\n")
    expected = "# X\n\n## Quality\n<!-- quality:seen:start -->\n| a |\n<!-- quality:seen:end -->\nrest\n"
    assert readme.read_text() == expected
    readme.write_text("# X\n")
    with pytest.raises(ValueError, match="markers"):
        update_readme(readme, "x")


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("records", 0, "counts", 0, "unit"), None, "missing field"),
        (("records", 1, "organisations", 0, "role"), "boss", "role 'boss'"),
        (("records", 0, "char_start"), None, "fill_offsets"),
        (("doc_id",), "other", "differs from the file name"),
    ],
)
def test_malformed_gold_fails_naming_the_file(tmp_path, path, value, message):
    gold_dir = _write_gold(tmp_path, GOLD)
    import yaml

    data = yaml.safe_load((gold_dir / "mini.yaml").read_text(encoding="utf-8"))
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is None:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    (gold_dir / "mini.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(GoldFormatError, match=message) as info:
        load_gold(gold_dir, root=tmp_path)
    assert "mini.yaml" in str(info.value)


def test_real_answer_key_scores_one_against_itself():
    if not gold_files(GOLD_DIR):
        pytest.skip("no answer key yet")
    gold = load_gold(GOLD_DIR)
    scores = score(gold, gold_to_tables(gold))
    assert all(v in (1.0, None) for v in metrics(scores.overall).values())
    assert scores.errors == []


def test_page_scores_count_the_values_of_an_optional_record_neither_way():
    from pipeline.evaluate import score as ev

    money = ev.AmountRow(100.0, "PLN", "100 zł", 0, 6)
    round_money = ev.AmountRow(500.0, "PLN", "500 zł", 10, 16)
    gold = [
        ev.GoldDocument(
            "d",
            "d.txt",
            (
                ev.RecordRow("A", None, None, None, 0, 8, amounts=(money,)),
                ev.RecordRow("Round", None, None, None, 10, 20, amounts=(round_money,), optional=True),
            ),
        )
    ]
    tables = ev.gold_to_tables(gold)
    found = ev.page_scores(gold, tables).overall.prf["amounts"]
    assert (found.tp, found.n_gold, found.n_pred) == (1, 1, 1)


def test_ponad_n_matches_by_its_lower_bound_whichever_value_a_key_records():
    """``ponad 600 osób``: the conventions fix only min = 601; keys record the value as 600 or 601."""
    from pipeline.evaluate.score import CountRow, count_strict

    pred = CountRow(600, 601, None, "at_least", "osoba")
    assert count_strict(CountRow(600, 601, None, "at_least", "osoba"), pred) == 1.0
    assert count_strict(CountRow(601, 601, None, "at_least", "osoba"), pred) == 1.0
    assert count_strict(CountRow(601, 601, None, "at_least", "osoba"), CountRow(601, 601, 601, "exact", "osoba")) == 1.0
    assert (
        count_strict(CountRow(601, 601, None, "at_least", "osoba"), CountRow(600, 600, 600, "exact", "osoba")) is None
    )
    assert count_strict(CountRow(600, 600, 600, "exact", "osoba"), CountRow(601, 601, 601, "exact", "osoba")) is None


def test_an_organisation_name_matches_up_to_its_quote_glyphs():
    """Blind keys write an inner name in straight, Polish or English quotes: typography, not the name."""
    from pipeline.evaluate.score import OrgRow, org_name_quality

    gold = OrgRow('Uczniowski Klub Sportowy "Sparta" Wszemirów', None, "lead")
    assert org_name_quality(gold, OrgRow("Uczniowski Klub Sportowy „Sparta” Wszemirów", None, "lead")) == 3.0
    assert org_name_quality(gold, OrgRow("Uczniowski Klub Sportowy “Sparta” Wszemirów", None, "lead")) == 3.0
    assert org_name_quality(gold, OrgRow("Uczniowski Klub Sportowy Sparta Wszemirów", None, "lead")) is None
    assert org_name_quality(gold, OrgRow("uczniowski klub sportowy „sparta” wszemirów", None, "lead")) == 2.0
