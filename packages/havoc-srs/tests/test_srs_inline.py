"""Data typed into the question: each form read into a table, and the analysis on it checked
against scipy / statsmodels on the same numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.reader.numbers import inline_table
from havoc_srs.reader.pasted import pasted_table
from scipy import stats


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(index=False)


def _run(pipe, q):
    r = pipe.run(q)
    assert r.status == "answered", (r.status, r.answer.get("missing"), r.answer.get("conclusion"))
    return r.answer


# ---- pasted text tables ----------------------------------------------------------------------

TAB_LONG = (
    "Cure times (h) from three ovens, copied from the log:\n\n"
    "oven\tcure_h\nO1\t6.2\nO1\t6.0\nO1\t6.4\nO2\t5.1\nO2\t5.3\nO2\t5.0\nO3\t6.8\nO3\t7.1\nO3\t6.9\n\n"
    "Do the ovens differ? One-way ANOVA."
)


def test_pasted_tab_table_long_format_anova(pipe):
    t = pasted_table(TAB_LONG)
    assert list(t.columns) == ["oven", "cure_h"] and len(t) == 9
    a = _run(pipe, TAB_LONG)
    assert a["family"] == "hypothesis_test" and sorted(a["columns"]) == ["cure_h", "oven"]
    ref = stats.f_oneway([6.2, 6.0, 6.4], [5.1, 5.3, 5.0], [6.8, 7.1, 6.9])
    assert a["key_numbers"]["F"] == pytest.approx(ref.statistic, rel=1e-9)
    assert a["key_numbers"]["p_value"] == pytest.approx(ref.pvalue, rel=1e-9)


MARKDOWN = (
    "Here is the calibration run:\n\n"
    "| load_kN | strain_ue |\n|---|---|\n| 2 | 101 |\n| 4 | 198 |\n| 6 | 305 |\n"
    "| 8 | 399 |\n| 10 | 502 |\n| 12 | 596 |\n\n"
    "Fit a straight line of strain on load."
)


def test_pasted_markdown_table_regression(pipe):
    t = pasted_table(MARKDOWN)
    assert t.to_dict("list") == {
        "load_kN": [2, 4, 6, 8, 10, 12],
        "strain_ue": [101, 198, 305, 399, 502, 596],
    }
    a = _run(pipe, MARKDOWN)
    assert a["family"] == "regression"
    ref = stats.linregress([2, 4, 6, 8, 10, 12], [101, 198, 305, 399, 502, 596])
    kn = a["key_numbers"]
    assert kn["r_squared"] == pytest.approx(ref.rvalue**2, rel=1e-9)


SPACES_PAIRED = (
    "Bond strength (MPa) of the same 7 coupons before and after ageing\n"
    "coupon   before   after\n"
    "C1       31.2     29.8\n"
    "C2       30.5     29.9\n"
    "C3       32.8     31.0\n"
    "C4       29.9     29.5\n"
    "C5       31.7     30.2\n"
    "C6       30.8     30.9\n"
    "C7       33.1     31.4\n"
    "Paired t-test: did ageing lower the strength?"
)


def test_pasted_space_aligned_paired(pipe):
    t = pasted_table(SPACES_PAIRED)
    assert list(t.columns) == ["coupon", "before", "after"]
    a = _run(pipe, SPACES_PAIRED)
    assert a["analysis"] == "ttest_paired"
    before = [31.2, 30.5, 32.8, 29.9, 31.7, 30.8, 33.1]
    after = [29.8, 29.9, 31.0, 29.5, 30.2, 30.9, 31.4]
    ref = stats.ttest_rel(before, after)
    assert abs(a["key_numbers"]["t"]) == pytest.approx(abs(ref.statistic), rel=1e-9)


def test_pasted_csv_lines_and_missing_cells():
    q = "temp,yield,batch\n20,3.1,A\n25,NA,B\n30,4.0,C\n35,4.6,D\nregress yield on temp"
    t = pasted_table(q)
    assert list(t.columns) == ["temp", "yield", "batch"]
    assert t["temp"].tolist() == [20, 25, 30, 35]
    assert np.isnan(t["yield"][1]) and t["batch"].tolist() == ["A", "B", "C", "D"]


def test_pasted_table_needs_a_header_and_two_rows():
    assert pasted_table("x y\n1 2\nno more") is None
    assert pasted_table("1 2\n3 4\n5 6") is None  # no header: not read as a table
    assert pasted_table("The plan.\nWe ran it twice.\nIt worked.") is None
    # prose lines after the table are not rows
    t = pasted_table("a  b\n1  2\n3  4\nthe spec is 10 to 20")
    assert len(t) == 2


def test_pasted_table_wins_over_loose_numbers():
    q = "Run sheet\nrun  x  y\n1  2.0  4.1\n2  3.0  6.2\n3  4.0  7.9\nSpec 5 to 9, year 2024."
    t = inline_table(q)
    assert list(t.columns) == ["run", "x", "y"] and len(t) == 3


def test_pasted_label_header_left_blank():
    q = "\tpass\tfail\nday\t45\t5\nnight\t30\t12\nchi-square?"
    t = pasted_table(q)
    assert list(t.columns) == ["row", "pass", "fail"]
    assert t["row"].tolist() == ["day", "night"]
    assert isinstance(t, pd.DataFrame)


SEMICOLON_DECIMAL_COMMA = (
    "Kiln run, exported from the spreadsheet:\n"
    "Gas flow (m3/h);Temperature (°C)\n10;812,5\n12;840,1\n14;861,9\n16;889,4\n18;910,2\n"
    "Linear regression of temperature on gas flow."
)


def test_pasted_semicolons_with_decimal_commas(pipe):
    t = pasted_table(SEMICOLON_DECIMAL_COMMA)
    assert t["Temperature (°C)"].tolist() == [812.5, 840.1, 861.9, 889.4, 910.2]
    a = _run(pipe, SEMICOLON_DECIMAL_COMMA)
    assert a["family"] == "regression"
    ref = stats.linregress([10, 12, 14, 16, 18], [812.5, 840.1, 861.9, 889.4, 910.2])
    assert a["key_numbers"]["r_squared"] == pytest.approx(ref.rvalue**2, rel=1e-9)


def test_pasted_sign_columns_are_coded_levels():
    q = "Two-level screening on weld strength:\nA B strength\n- - 410\n+ - 455\n- + 428\n+ + 470\n"
    t = pasted_table(q)
    assert t["A"].tolist() == [-1.0, 1.0, -1.0, 1.0] and t["B"].tolist() == [-1, -1, 1, 1]
    # a lone dash in a numeric column is a missing cell, not a level
    t = pasted_table("day\tcount\nMon\t4\nTue\t-\nWed\t6\n")
    assert np.isnan(t["count"][1])


# ---- pairs typed in a row: "x → y, ..." and "x y; x y; ..." ----------------------------------


@pytest.mark.parametrize(
    ("q", "x", "y"),
    [
        (
            "Oven setpoint (°C) vs bake loss (g): 180 → 41, 190 → 45, 200 → 50, 210 → 52, "
            "220 → 58. Fit a straight line.",
            [180, 190, 200, 210, 220],
            [41, 45, 50, 52, 58],
        ),
        (
            "Line speed vs scrap %: 10 -> 2.1, 12 -> 2.6, 14 -> 2.9, 16 -> 3.7, 18 -> 4.0, "
            "20 -> 4.6. Linear regression please.",
            [10, 12, 14, 16, 18, 20],
            [2.1, 2.6, 2.9, 3.7, 4.0, 4.6],
        ),
        (
            "Pump speed (rpm) and discharge pressure (bar): 1500 3.2; 1800 3.9; 2100 4.5; "
            "2400 5.4; 2700 6.0. Regress pressure on speed.",
            [1500, 1800, 2100, 2400, 2700],
            [3.2, 3.9, 4.5, 5.4, 6.0],
        ),
    ],
)
def test_pairs_in_a_row_regression(pipe, q, x, y):
    t = inline_table(q)
    assert t.iloc[:, 0].tolist() == x and t.iloc[:, 1].tolist() == y
    a = _run(pipe, q)
    assert a["family"] == "regression"
    ref = stats.linregress(x, y)
    assert a["key_numbers"]["r_squared"] == pytest.approx(ref.rvalue**2, rel=1e-9)


def test_pair_labels_drop_a_trailing_in_phrase():
    t = inline_table("yield % vs months in storage: 0 -> 96, 2 -> 95, 4 -> 93, 6 -> 92")
    assert list(t.columns) == ["yield %", "months"]
    # a year or a spec written after the pairs is not a pair
    t = inline_table("Torque vs angle: 10 -> 5, 20 -> 9, 30 -> 14. Spec 2024 rev 3.")
    assert len(t) == 3


# ---- parts x operators typed per part: "Part 1: Lee 5.02 5.03; Kim 5.05 5.04. Part 2: ..." --

CROSSED = [
    "Gauge R&R on bore diameter. Part 1: Lee 5.02 5.03 5.02; Kim 5.05 5.04 5.05. "
    "Part 2: Lee 4.98 4.97 4.98; Kim 5.00 5.01 5.00. Part 3: Lee 5.10 5.11 5.10; "
    "Kim 5.13 5.12 5.13. Gage R&R please.",
    "Torque gauge study, 3 housings, 2 technicians, 2 repeats (N m):\n"
    "housing H1: Ann 12.1 12.3, Bob 12.6 12.5\nhousing H2: Ann 14.0 13.8, Bob 14.4 14.3\n"
    "housing H3: Ann 10.9 11.2, Bob 11.5 11.4\nGage R&R please.",
    "Gauge R&R, film thickness (um). Sample 1: op1 20.1, 20.3; op2 20.6, 20.4. "
    "Sample 2: op1 22.0, 21.8; op2 22.5, 22.3. Sample 3: op1 18.7, 18.9; op2 19.2, 19.0. "
    "Sample 4: op1 21.1, 21.0; op2 21.4, 21.6.",
]


@pytest.mark.parametrize("q", CROSSED)
def test_crossed_parts_operators_gage(pipe, q):
    t = inline_table(q)
    assert list(t.columns) == ["part", "operator", "measurement"]
    cells = t.groupby(["part", "operator"])["measurement"]
    assert cells.size().nunique() == 1 and cells.size().iloc[0] >= 2
    a = _run(pipe, q)
    assert a["family"] == "measurement_system"
    # ANOVA method (AIAG): repeatability = MS error, with the part x operator interaction
    # pooled into the error when its p-value is above 0.25; reference: statsmodels anova_lm
    import statsmodels.formula.api as smf
    from statsmodels.stats.anova import anova_lm

    aov = anova_lm(smf.ols("measurement ~ C(part) * C(operator)", data=t).fit())
    inter, err = aov.loc["C(part):C(operator)"], aov.loc["Residual"]
    if inter["PR(>F)"] > 0.25:
        ref = (inter["sum_sq"] + err["sum_sq"]) / (inter["df"] + err["df"])
    else:
        ref = err["mean_sq"]
    assert a["key_numbers"]["repeatability_var"] == pytest.approx(ref, rel=1e-9)


def test_crossed_needs_same_operators_and_repeats():
    assert inline_table("Part 1: Lee 5.02 5.03; Kim 5.05. Part 2: Lee 4.98 4.97; Kim 5.0") is None
    # counts per row are a contingency table, not parts x operators
    assert inline_table("Town A: 30 yes, 20 no. Town B: 18 yes, 32 no.") is None
