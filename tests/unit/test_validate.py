"""The validator reports every kind of broken release at once."""

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st

from pipeline.core.datatypes import Document
from pipeline.release.tables import tables_of
from pipeline.release.validate import ValidationFailed, validate
from pipeline.runner.document import process_document

TEXT = (
    "PROJEKTY\n\nSzkoła liderów (2019-2020)\n\nProjekt o wartości 1,5 mln zł zrealizował Związek Miast "
    "Polskich we współpracy z Fundacją Batorego. Wzięło w nim udział 120 samorządowców w maju 2019 r.\n"
)


@pytest.fixture(scope="module")
def tables():
    doc = Document("t", "t.txt", TEXT, "0" * 64, "utf-8")
    return tables_of([process_document(doc, spacy.blank("pl"))])


def _copy(tables):
    return {k: v.copy() for k, v in tables.items()}


def test_built_tables_are_valid(tables):
    validate(tables, {"t": TEXT})
    assert tables["amounts"]["value"].tolist() == [1_500_000.0]
    assert tables["counts"]["unit"].tolist() == ["samorządowiec"]
    assert set(tables["organisations"]["name"]) >= {"Związek Miast Polskich"}


def test_every_problem_is_reported(tables):
    broken = _copy(tables)
    broken["amounts"].loc[0, "raw_text"] = "1,5 mln EUR"
    broken["amounts"]["currency"] = broken["amounts"]["currency"].cat.add_categories(["XYZ"])
    broken["amounts"].loc[0, "currency"] = "XYZ"
    broken["counts"].loc[0, "project_id"] = "t-999"
    broken["projects"] = broken["projects"].iloc[[0, 0]].reset_index(drop=True)
    with pytest.raises(ValidationFailed) as err:
        validate(broken, {"t": TEXT})
    report = err.value.report()
    assert "amounts.currency" in report and "XYZ" in report
    assert "amounts: 1 evidence span(s) do not quote their text" in report
    assert "counts.project_id: 1 value(s) not in projects.project_id" in report
    assert "projects: primary key ('project_id',) not unique" in report


def test_every_character_is_in_one_record_or_block(tables):
    from pipeline.release.validate import coverage

    spans = [
        (s, e)
        for name in ("projects", "blocks")
        for s, e in zip(tables[name].char_start, tables[name].char_end, strict=True)
    ]
    assert coverage(TEXT, spans)[:2] == (0, 0)
    broken = _copy(tables)
    broken["blocks"] = broken["blocks"].iloc[0:0]
    with pytest.raises(ValidationFailed, match="validation problem"):
        validate(broken, {"t": TEXT})


def test_coverage_counts_gaps_and_overlaps():
    from pipeline.release.validate import coverage

    assert coverage("ab cd", [(0, 2)]) == (2, 0, 2)
    assert coverage("ab cd", [(0, 5), (3, 5)]) == (0, 2, 4)


def _coverage_char_by_char(text, spans):
    level = [0] * len(text)
    for s, e in spans:
        for i in range(s, e):
            level[i] += 1
    solid = [lv for ch, lv in zip(text, level, strict=True) if not ch.isspace()]
    return sum(lv == 0 for lv in solid), sum(lv > 1 for lv in solid), sum(lv > 0 for lv in solid)


@given(
    text=st.text(alphabet="ab \n\t\u00a0ż", max_size=40),
    cuts=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=6),
)
def test_coverage_sweep_equals_counting_every_character(text, cuts):
    from pipeline.release.validate import coverage

    spans = [(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in cuts]
    assert coverage(text, spans) == _coverage_char_by_char(text, spans)


def test_keys_are_unique_across_runs_of_documents(tables):
    """The release is validated a run of documents at a time: a key given again in a later run is a
    duplicate, though each run alone is valid."""
    from pipeline.release.validate import Validator

    per_doc = {name: df for name, df in tables.items() if name != "organisations"}
    v = Validator(org_ids=set(tables["organisations"]["org_id"]))
    v.check(per_doc, {"t": TEXT})
    v.check({"organisations": tables["organisations"]}, {"t": TEXT})
    v.finish()
    assert v.rows["mentions"] == len(tables["mentions"])
    assert 0.5 < v.record_share <= 1.0
    v.check({"amounts": tables["amounts"], "projects": tables["projects"]}, {"t": TEXT})
    with pytest.raises(ValidationFailed) as err:
        v.finish()
    assert err.value.problems == [
        f"projects: primary key ('project_id',) not unique in {2 * len(tables['projects'])} rows",
        f"amounts: primary key ('amount_id',) not unique in {2 * len(tables['amounts'])} rows",
    ]


def test_a_foreign_key_must_name_an_organisation_of_the_corpus(tables):
    from pipeline.release.validate import Validator

    per_doc = {name: df for name, df in tables.items() if name != "organisations"}
    v = Validator(org_ids={"somebody-else"})
    v.check(per_doc, {"t": TEXT})
    with pytest.raises(ValidationFailed) as err:
        v.finish()
    (problem,) = err.value.problems
    assert problem.startswith("project_organisations.org_id: 2 value(s) not in organisations.org_id, e.g. [")


def test_key_check_finds_every_duplicate_across_runs_and_buckets():
    import pandas as pd

    from pipeline.release.validate import KeyCheck

    keys = KeyCheck()
    ids = [f"d{i}-b{i:03d}" for i in range(5000)]
    for start in range(0, 5000, 700):  # runs of 700 rows
        keys.add("blocks", pd.DataFrame({"block_id": ids[start : start + 700]}))
    assert keys.duplicated("blocks") == 0
    keys.add("blocks", pd.DataFrame({"block_id": [ids[3], ids[4999], ids[4999], "new"]}))
    assert keys.duplicated("blocks") == 5  # ids[3] twice, ids[4999] three times
    assert keys.duplicated("mentions") == 0
    keys.close()
