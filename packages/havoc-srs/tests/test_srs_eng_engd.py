"""Hypothesis tests asked in engineering words: groups named by their values, one-sample tests
against a value stated in words, one-sided alternatives, named methods honoured, paired
before/after columns, two proportions typed as counts and alpha in words. Every numeric answer
is checked against scipy / statsmodels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.families import _hypothesis_words as W
from scipy import stats

RNG = np.random.default_rng(20261206)


def _long() -> pd.DataFrame:
    presses = np.repeat(["P-7", "P-9", "P-12"], 12)
    crews = np.tile(["Red", "Blue", "Green", "Red"], 9)
    shift = np.tile(["AM", "PM"], 18)
    base = {"P-7": 2.50, "P-9": 2.53, "P-12": 2.56}
    y = [base[p] + RNG.normal(0, 0.02 + 0.01 * (p == "P-12")) for p in presses]
    return pd.DataFrame(
        {
            "Sheet No": [f"S{i:03d}" for i in range(36)],
            "Press": presses,
            "Crew": crews,
            "Cell": shift,
            "Thickness (mm)": np.round(y, 4),
        }
    )


LONG = _long()


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(index=False)


def _group(df: pd.DataFrame, col: str, level: str, y: str) -> np.ndarray:
    return df.loc[df[col] == level, y].to_numpy(float)


def test_groups_named_by_their_values_welch(pipe):
    r = pipe.run("welch test on sheet thickness, press P-7 against P-12", data=LONG)
    a = r.answer
    assert r.status == "answered" and a["family"] == "hypothesis_test", a.get("missing")
    assert a["analysis"] == "ttest_welch"
    assert sorted(a["columns"]) == ["Press", "Thickness (mm)"]
    want = stats.ttest_ind(
        _group(LONG, "Press", "P-7", "Thickness (mm)"),
        _group(LONG, "Press", "P-12", "Thickness (mm)"),
        equal_var=False,
    )
    assert a["key_numbers"]["t"] == pytest.approx(want.statistic, rel=1e-9)
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


def test_named_rank_test_runs_on_the_two_named_groups_only(pipe):
    r = pipe.run("Use a rank-sum (Mann-Whitney) test: is P-9 thicker than P-7?", data=LONG)
    a = r.answer
    assert r.status == "answered" and a["analysis"] == "mannwhitney", a.get("missing")
    assert sorted(a["columns"]) == ["Press", "Thickness (mm)"]
    x = _group(LONG, "Press", "P-9", "Thickness (mm)")
    y = _group(LONG, "Press", "P-7", "Thickness (mm)")
    want = stats.mannwhitneyu(x, y, alternative="two-sided")
    u = a["key_numbers"]["U"]
    assert u == pytest.approx(want.statistic) or u == pytest.approx(
        len(x) * len(y) - want.statistic
    )


def test_two_sample_test_of_three_groups_asks_which_two(pipe):
    r = pipe.run("Mann-Whitney test of thickness across the presses", data=LONG)
    assert r.status == "needs_input"
    assert any("which two groups" in m["what"] for m in r.answer["missing"])


def test_unequal_variances_turned_down_in_words_is_welch_not_a_variance_test(pipe):
    q = "Two-sample t-test of thickness, P-9 versus P-12, without assuming the presses share equal variances."
    r = pipe.run(q, data=LONG)
    assert r.answer["family"] == "hypothesis_test"
    assert r.answer["analysis"] == "ttest_welch"


def test_group_column_from_the_number_of_groups_named(pipe):
    # neither header is written; "the two" picks the two-level column
    r = pipe.run(
        "Is thickness any different between the two production halves of the day?", data=LONG
    )
    a = r.answer
    assert r.status == "answered", a.get("missing")
    assert sorted(a["columns"]) == ["Cell", "Thickness (mm)"]


def test_one_sample_against_a_nominal_in_words_one_sided(pipe):
    df = pd.DataFrame({"Batch": [f"B{i}" for i in range(20)],
                       "Bore (mm)": np.round(25.0 + RNG.normal(0.01, 0.02, 20), 4)})  # fmt: skip
    q = "Our customer says the bores run big. Is the average bore above the 25 mm nominal? Check at 1%."
    r = pipe.run(q, data=df)
    a = r.answer
    assert r.status == "answered" and a["analysis"] == "ttest_1samp", a.get("missing")
    assert a["columns"] == ["Bore (mm)"]
    kn = a["key_numbers"]
    assert kn["alternative"] == "greater" and kn["alpha"] == pytest.approx(0.01)
    want = stats.ttest_1samp(df["Bore (mm)"], 25.0, alternative="greater")
    assert kn["t"] == pytest.approx(want.statistic, rel=1e-9)
    assert kn["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


def test_percent_reference_on_percent_data_keeps_its_scale(pipe):
    df = pd.DataFrame({"Purity (%)": np.round(99.4 + RNG.normal(0, 0.2, 15), 3)})
    r = pipe.run("Can we say the mean purity is 99.5% or not? one-sample t", data=df)
    a = r.answer
    assert r.status == "answered" and a["analysis"] == "ttest_1samp"
    want = stats.ttest_1samp(df["Purity (%)"], 99.5)
    assert a["key_numbers"]["t"] == pytest.approx(want.statistic, rel=1e-9)


def test_paired_before_after_columns_with_a_misspelling(pipe):
    before = np.round(70 + RNG.normal(0, 3, 12), 1)
    df = pd.DataFrame({"Fan": [f"F{i}" for i in range(12)], "Noise Before (dB)": before,
                       "Noise After (dB)": np.round(before - 1.5 + RNG.normal(0, 1, 12), 1)})  # fmt: skip
    r = pipe.run("piared t-test of the noise, before vs after the new blades", data=df)
    a = r.answer
    assert r.status == "answered" and a["analysis"] == "ttest_paired", a.get("missing")
    assert a["columns"] == ["Noise Before (dB)", "Noise After (dB)"]
    want = stats.ttest_rel(df["Noise Before (dB)"], df["Noise After (dB)"])
    assert a["key_numbers"]["t"] == pytest.approx(want.statistic, rel=1e-9)


def test_two_proportions_typed_as_counts(pipe):
    from statsmodels.stats.proportion import proportions_ztest

    q = "Oven one scrapped 18 of 400 boards last week and oven two scrapped 35 of 420. Is the scrap rate different?"
    r = pipe.run(q)
    a = r.answer
    assert r.status == "answered" and a["family"] == "hypothesis_test", a.get("missing")
    assert a["analysis"] == "proportion_2"
    z, p = proportions_ztest([18, 35], [400, 420])
    assert abs(a["key_numbers"]["z"]) == pytest.approx(abs(z), rel=1e-9)
    assert a["key_numbers"]["p_value"] == pytest.approx(p, rel=1e-6)


@pytest.mark.parametrize(
    "q, want",
    [("is the average bore equal to the 25 mm nominal?", (25.0, False)),
     ("the drawing value is 7.5 and i want to know if we hit it", (7.5, False)),
     ("the mean resistance should be 100 ohm", (100.0, False)),
     ("alpha = 0.05; do the shafts run longer than 120.5?", (120.5, False)),
     ("is the mean yield at least 92%?", (92.0, True)),
     ("is there a difference between line1 and line2?", None)],
)  # fmt: skip
def test_reference_value_in_words(q, want):
    assert W.mu_in_words(q) == want


@pytest.mark.parametrize(
    "q, want",
    [("are the cartons underweight on average?", "less"),
     ("does the torque exceed 40 n·m?", "greater"),
     ("are we under- or overfilling? both matter", "two-sided"),
     ("is it different from 12?", "two-sided"),
     ("what is the mean?", None)],
)  # fmt: skip
def test_direction_in_words(q, want):
    assert W.direction(q) == want


def test_alpha_paired_and_variances_in_words():
    assert W.alpha_in_words("one-tailed test at 1%, please") == pytest.approx(0.01)
    assert W.alpha_in_words("use alpha=.10") == pytest.approx(0.10)
    assert W.alpha_in_words("is the yield at 95% of target?") is None
    assert W.says_paired("paird t test") and W.says_paired("before and after the repair")
    assert not W.says_paired("the pump was repaired") and not W.says_paired("costs were pared")
    assert W.equal_variances("a t-test that does not assume equal variances") is False
    assert W.equal_variances("pooled t-test please") is True
    assert W.equal_variances("a t-test") is None


def test_pass_fail_column_by_group_is_a_two_proportion_test(pipe):
    from statsmodels.stats.proportion import proportions_ztest

    df = pd.DataFrame(
        {
            "Board": [f"B{i}" for i in range(300)],
            "Cell": ["East"] * 150 + ["West"] * 150,
            "Outcome": ["OK"] * 141 + ["NG"] * 9 + ["OK"] * 130 + ["NG"] * 20,
            "Solder Temp": np.round(RNG.normal(245, 3, 300), 1),
        }
    )
    r = pipe.run("Do East and West reject boards at a different rate?", data=df)
    a = r.answer
    assert r.status == "answered" and a["analysis"] == "proportion_2", a.get("missing")
    assert sorted(a["columns"]) == ["Cell", "Outcome"]
    z, p = proportions_ztest([9, 20], [150, 150])
    assert a["key_numbers"]["z"] == pytest.approx(z, rel=1e-9)
    assert a["key_numbers"]["p_value"] == pytest.approx(p, rel=1e-6)


def test_order_and_direction_of_two_named_groups():
    assert W.ordered_comparison("is p-12 running thicker than p-7?", ["P-7", "P-12"]) == (
        "P-12",
        "P-7",
        "greater",
    )
    assert W.ordered_comparison(
        "are parts from op3 lighter than those from op1", ["OP1", "OP3"]
    ) == (
        "OP3",
        "OP1",
        "less",
    )
    assert W.ordered_comparison("is a different from b", ["a", "b"]) is None


def test_misspelled_method_and_one_group_of_a_long_table(pipe):
    r = pipe.run("Man-Whitney on thickness for P-9 against P-12", data=LONG)
    assert r.answer["family"] == "hypothesis_test" and r.answer["analysis"] == "mannwhitney"
    r = pipe.run(
        "Is the mean thickness from press P-9 equal to 2.5? significance of 0.1", data=LONG
    )
    a = r.answer
    assert r.status == "answered" and a["analysis"] == "ttest_1samp", a.get("missing")
    assert a["key_numbers"]["alpha"] == pytest.approx(0.1)
    want = stats.ttest_1samp(_group(LONG, "Press", "P-9", "Thickness (mm)"), 2.5)
    assert a["key_numbers"]["t"] == pytest.approx(want.statistic, rel=1e-9)
    assert a["key_numbers"]["n"] == 12


def test_average_compared_with_a_nominal_is_a_one_sample_test(pipe):
    r = pipe.run("Compare the average sheet thickness with the 2.5 mm nominal, please.", data=LONG)
    a = r.answer
    assert r.status == "answered" and a["analysis"] == "ttest_1samp", a.get("missing")
    assert a["columns"] == ["Thickness (mm)"]
    want = stats.ttest_1samp(LONG["Thickness (mm)"], 2.5)
    assert a["key_numbers"]["t"] == pytest.approx(want.statistic, rel=1e-9)
