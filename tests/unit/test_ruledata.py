"""Rule data (pipeline/data/*.yaml): every file has a schema, loads through it, and a file that does not
fit it is rejected with one line naming the file and the key."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from pipeline.ruledata.common import common
from pipeline.ruledata.resources import DATA_DIR, RuleDataError, check, check_file, load_rules, load_yaml, read_yaml
from pipeline.ruledata.schemas import SCHEMAS, Rules

DATA_FILES = sorted(p.name for p in DATA_DIR.glob("*.yaml"))


def test_every_data_file_has_a_schema():
    assert DATA_FILES, DATA_DIR
    assert set(DATA_FILES) == set(SCHEMAS)


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_data_file_loads_through_its_schema(name):
    model = load_rules(name)
    assert type(model) is SCHEMAS[name]
    assert model.model_config["extra"] == "forbid" and model.model_config["frozen"]
    # the stages get the file as written: validation checks it, it does not rewrite it
    assert load_yaml(name) == read_yaml(DATA_DIR / name)


def test_every_schema_forbids_unknown_keys_and_is_frozen():
    for schema in SCHEMAS.values():
        assert issubclass(schema, Rules)
    assert Rules.model_config == {"extra": "forbid", "frozen": True, "strict": True}


def _copy(tmp_path: Path, name: str, edit) -> Path:
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    edited = edit(text)
    assert edited != text, "the edit did not apply"
    path = tmp_path / name
    path.write_text(edited, encoding="utf-8")
    return path


def _one_line_error(path: Path) -> str:
    with pytest.raises(RuleDataError) as info:
        check_file(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    return message[len(f"{path}: ") :]


def test_an_unknown_key_is_rejected(tmp_path):
    path = _copy(tmp_path, "role_cues.yaml", lambda t: t.replace("\nreach: 3", "\nreach: 3\nreachh: 4"))
    assert _one_line_error(path) == "reachh: unknown key"


def test_an_unknown_key_in_an_entry_is_rejected(tmp_path):
    path = _copy(tmp_path, "role_cues.yaml", lambda t: t.replace("scope: after, strength: 3}", "scop: after}", 1))
    assert _one_line_error(path) == "cues[0].scop: unknown key (and 2 more errors)"


def test_a_missing_key_is_rejected(tmp_path):
    path = _copy(tmp_path, "role_cues.yaml", lambda t: re.sub(r"\nreach: 3[^\n]*", "", t))
    assert _one_line_error(path) == "reach: missing required key"


def test_a_missing_year_bound_is_rejected(tmp_path):
    path = _copy(tmp_path, "common.yaml", lambda t: t.replace("project_years: {min: 1945, max: 2100}", ""))
    assert _one_line_error(path) == "project_years: missing required key"


def test_a_value_of_the_wrong_type_is_rejected(tmp_path):
    path = _copy(tmp_path, "role_cues.yaml", lambda t: t.replace("\nreach: 3", '\nreach: "3"'))
    assert _one_line_error(path) == "reach: Input should be a valid integer (got '3')"
    path = _copy(tmp_path, "release.yaml", lambda t: t.replace("rows_per_run: 50000", "rows_per_run: [50000]"))
    assert _one_line_error(path) == "rows_per_run: Input should be a valid integer (got [50000])"


def test_a_value_outside_its_vocabulary_is_rejected(tmp_path):
    path = _copy(tmp_path, "role_cues.yaml", lambda t: t.replace("{role: partner,", "{role: partnr,", 1))
    assert _one_line_error(path).startswith("cues[0].role: Input should be 'lead', 'partner',")
    path = _copy(tmp_path, "domain_orgs.yaml", lambda t: t.replace("org_type: association,", "org_type: club,", 1))
    assert _one_line_error(path).startswith("orgs[0].org_type: Input should be 'association',")


def test_a_bad_pattern_is_rejected(tmp_path):
    path = _copy(tmp_path, "field_roles.yaml", lambda t: re.sub(r"\nbefore_amount: [^\n]*", "\nbefore_amount: '(x'", t))
    assert _one_line_error(path).startswith("before_amount: Value error, not a regular expression: missing ),")


def test_inconsistent_year_bounds_are_rejected(tmp_path):
    path = _copy(tmp_path, "common.yaml", lambda t: t.replace("{min: 1945, max: 2100}", "{min: 2100, max: 1945}"))
    assert _one_line_error(path).startswith("project_years: Value error, min 2100 is above max 1945")
    path = _copy(
        tmp_path, "common.yaml", lambda t: t.replace("historical_years: {min: 1000}", "historical_years: {min: 1950}")
    )
    assert "historical_years.min must be below written_years.min" in _one_line_error(path)


def test_a_file_without_a_schema_cannot_be_loaded():
    with pytest.raises(RuleDataError, match=r"^extra\.yaml: no schema is declared"):
        check({"a": 1}, "extra.yaml")
    with pytest.raises(RuleDataError, match=r"^role_cues\.yaml: top level: Input should be a valid dictionary"):
        check(["a"], "role_cues.yaml")


def test_the_year_bounds_live_in_common_yaml_only():
    c = common()
    assert (c.written_years.min, c.written_years.max) == (1900, 2100)
    assert (c.project_years.min, c.project_years.max) == (1945, 2100)
    assert c.historical_years.min == 1000
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.project_years.min = 1900  # type: ignore[misc]
    year_keys = re.compile(
        r"^\s*(year_min|year_max|year_range|written_years|project_years|historical_years)\s*:", re.MULTILINE
    )
    for name in DATA_FILES:
        if name != "common.yaml":
            assert not year_keys.search((DATA_DIR / name).read_text(encoding="utf-8")), name


def _fresh_load(monkeypatch, data_dir: Path, cache: Path) -> list[str]:
    """Point the loader at ``data_dir`` with an empty in-process cache; return the list the checks append to."""
    import pipeline.ruledata.resources as res

    monkeypatch.setattr(res, "DATA_DIR", data_dir)
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    checked: list[str] = []
    real_check = res.check
    monkeypatch.setattr(
        res, "check", lambda data, name, shown=None: checked.append(name) or real_check(data, name, shown)
    )
    res._load.cache_clear()
    monkeypatch.setattr(res, "_load", res._load)  # cleared again when the test ends (below)
    return checked


def test_a_file_is_checked_once_per_content_and_an_edited_file_again(monkeypatch, tmp_path):
    import pipeline.ruledata.resources as res

    data = tmp_path / "data"
    data.mkdir()
    (data / "counts.yaml").write_bytes((DATA_DIR / "counts.yaml").read_bytes())
    try:
        checked = _fresh_load(monkeypatch, data, tmp_path / "cache")
        assert load_yaml("counts.yaml") == read_yaml(DATA_DIR / "counts.yaml")
        assert checked == ["counts.yaml"]
        assert len(list((tmp_path / "cache" / "projekty" / "ruledata-checked").iterdir())) == 1

        res._load.cache_clear()  # a new process: the marker says this content passed
        load_yaml("counts.yaml")
        assert checked == ["counts.yaml"]

        res._load.cache_clear()  # the same file edited: checked again, and rejected
        (data / "counts.yaml").write_text(
            (DATA_DIR / "counts.yaml").read_text(encoding="utf-8") + "\nspurious_key: 1\n", encoding="utf-8"
        )
        with pytest.raises(RuleDataError, match=r"^pipeline/data/counts\.yaml: spurious_key: unknown key"):
            load_yaml("counts.yaml")
        assert checked == ["counts.yaml", "counts.yaml"]
    finally:
        res._load.cache_clear()


def test_an_unwritable_cache_folder_means_checking_every_time(monkeypatch, tmp_path):
    import pipeline.ruledata.resources as res

    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder would be")
    try:
        checked = _fresh_load(monkeypatch, DATA_DIR, blocker)
        load_yaml("counts.yaml")
        res._load.cache_clear()
        load_yaml("counts.yaml")
        assert checked == ["counts.yaml", "counts.yaml"]
    finally:
        res._load.cache_clear()
