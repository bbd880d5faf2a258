"""Year axes of flattened tables and the figures of their rows (pipeline/extract/axes.py)."""

from __future__ import annotations

from pipeline.extract.axes import axes, axis_above, in_axis, row_figures


def test_axis_line_with_a_total_column():
    text = "Budżet Obywatelski 2019 2020 2021 2022 2023 Suma\nLiczba głosów 1 2 3 4 5 15\n"
    (axis,) = axes(text)
    assert axis.columns == 6 and len(axis.years) == 5
    assert in_axis(text, 19, 23) and not in_axis(text, 60, 61)
    assert axis_above(text, text.index("Liczba")) == axis


def test_no_axis_for_unordered_years_or_two_years():
    assert axes("Edycje 2019 2018 2021\n") == ()
    assert axes("Lata 2019 2020\n") == ()


def test_axis_stops_at_a_blank_line():
    text = "Rok 2019 2020 2021\n\nLiczba osób 1 2 3\n"
    assert axis_above(text, text.index("Liczba")) is None


def test_row_figures_split_space_grouped_numbers_by_columns():
    row = "23 060 36 936 18 757 28 035 32 719 139 507"
    spans = row_figures(row, 0, len(row), 6)
    assert [row[a:b] for a, b in spans] == ["23 060", "36 936", "18 757", "28 035", "32 719", "139 507"]
    row = "82 85 54 69 63 353"
    assert [row[a:b] for a, b in row_figures(row, 0, len(row), 6)] == row.split()
    assert row_figures(row, 0, len(row), None) is None  # `63 353` may be one figure
    assert row_figures(row, 0, len(row), 7) is None  # more columns than groups
