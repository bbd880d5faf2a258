"""The README's ablation table: organisations by source (rules alone, model alone, both)."""

from pipeline.evaluate.ablation import COLUMNS, MODES, Ablation, _markdown, section
from pipeline.evaluate.score import readme_with_quality


def _table(both: float, rules: float) -> dict:
    heads = [h for _k, h, _p in COLUMNS]
    values = {"rules": rules, "model": 0.3, "both": both}
    return {mode: dict.fromkeys(heads, values[mode]) for mode, _label in MODES}


def test_the_table_has_a_row_per_source_and_states_the_models_gain():
    md = _markdown("test", 33, _table(0.55, 0.5))
    rows = [line for line in md.splitlines() if line.startswith("| ")]
    assert [r.split(" | ")[0] for r in rows[1:]] == [
        "| rules only (`--no-ner`)",
        "| model only",
        "| both (`projekty run`)",
    ]
    assert "| both (`projekty run`) | 0.550 | 0.550 |" in md
    assert "+0.050 organisations F1, per record" in md
    assert "33 pages" in md and "--split test --ablation" in md


def test_gain_is_both_minus_rules_and_the_section_has_its_own_markers():
    head = COLUMNS[0][1]
    result = Ablation("dev", 2, _table(0.4, 0.45), "x\n")
    assert round(result.gain(head) or 0, 3) == -0.05
    readme = "a\n<!-- quality:dev:start -->\nold\n<!-- quality:dev:end -->\n<!-- quality:dev-ablation:start -->\n"
    readme += "<!-- quality:dev-ablation:end -->\n"
    new = readme_with_quality(readme, "table\n", split=section("dev"))
    assert "old" in new and "<!-- quality:dev-ablation:start -->\ntable\n<!-- quality:dev-ablation:end -->" in new
