"""Hypothesis tests, regressions and designed experiments asked in wording the rules were not
written for (terse, chatty, a manager's, misspelled, group values named instead of the group
column, a slope asked in words, a design described in words), end to end, with the numbers
checked against scipy, statsmodels and the design's own arithmetic. The phrasings were written
for these tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from havoc_srs import Pipeline
from scipy import stats
from statsmodels.stats.proportion import proportions_ztest

TABLES = Path(__file__).resolve().parents[3] / "bench" / "srs" / "corpus" / "tables"


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(index=False)


def _table(name: str) -> pd.DataFrame:
    return pd.read_csv(TABLES / name)


def _ask(pipe, question, table=None, family=None, analysis=None):
    r = pipe.run(question, data=_table(table) if table else None)
    a = r.answer
    assert a["family"] == family, (question, a["family"])
    assert r.status == "answered", (question, r.status, a.get("missing"))
    if analysis is not None:
        assert a["analysis"] == analysis, (question, a["analysis"])
    return a


def _group(df, value, by, level):
    return df.loc[df[by] == level, value].dropna().to_numpy(dtype=float)


# ---- hypothesis tests --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Is Acme's turnaround slower than Dunmore's?",
        "acme vs dunmore cycle times - any real difference?",
    ],
)
def test_two_supplier_values_named_compare_their_cycle_times(pipe, question):
    a = _ask(pipe, question, "supplier_cycle_times_e.csv", "hypothesis_test", "ttest_welch")
    assert set(a["columns"]) == {"Supplier", "cycle_time_hrs"}
    df = _table("supplier_cycle_times_e.csv")
    x = _group(df, "cycle_time_hrs", "Supplier", "Acme")
    y = _group(df, "cycle_time_hrs", "Supplier", "Dunmore")
    want = stats.ttest_ind(x, y, equal_var=False)
    assert abs(a["key_numbers"]["t"]) == pytest.approx(abs(want.statistic), rel=1e-6)


def test_reactor_values_named_with_more_than(pipe):
    a = _ask(pipe, "Does R1 give more impurity than R2?", "assay_batches_e.csv", "hypothesis_test")
    assert a["analysis"] == "ttest_welch"
    assert set(a["columns"]) == {"Impurity %", "Reactor"}


def test_groups_counted_not_named_is_an_anova(pipe):
    a = _ask(
        pipe,
        "do the three CNC machines turn the same diameter?",
        "machining_diameters_e.csv",
        "hypothesis_test",
        "anova",
    )
    assert set(a["columns"]) == {"Machine", "Diameter (mm)"}


def test_does_the_group_matter_reads_a_label_column(pipe):
    a = _ask(
        pipe, "does the reactor matter for moisture?", "assay_batches_e.csv", "hypothesis_test"
    )
    assert set(a["columns"]) == {"Moisture_pct", "Reactor"}


@pytest.mark.parametrize(
    "question",
    [
        "Does the mean diameter sit at the 12 mm nominal?",
        "we claim the parts average 12 mm. does the data back that up?",
    ],
)
def test_one_sample_against_a_value_in_words(pipe, question):
    a = _ask(pipe, question, "machining_diameters_e.csv", "hypothesis_test", "ttest_1samp")
    x = _table("machining_diameters_e.csv")["Diameter (mm)"].dropna()
    want = stats.ttest_1samp(x, 12.0)
    assert a["key_numbers"]["t"] == pytest.approx(want.statistic, rel=1e-6)
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


def test_label_claim_of_a_percentage(pipe):
    a = _ask(
        pipe,
        "Is the average assay different from the label claim of 100%?",
        "assay_batches_e.csv",
        "hypothesis_test",
        "ttest_1samp",
    )
    want = stats.ttest_1samp(_table("assay_batches_e.csv")["Assay (%)"], 100.0)
    assert a["key_numbers"]["t"] == pytest.approx(want.statistic, rel=1e-6)


def test_one_sided_order_and_alpha_in_words(pipe):
    a = _ask(
        pipe,
        "Is CNC-3 making bigger parts than CNC-1? use alpha of one percent",
        "machining_diameters_e.csv",
        "hypothesis_test",
        "ttest_welch",
    )
    df = _table("machining_diameters_e.csv")
    x = _group(df, "Diameter (mm)", "Machine", "CNC-3")
    y = _group(df, "Diameter (mm)", "Machine", "CNC-1")
    want = stats.ttest_ind(x, y, equal_var=False, alternative="greater")
    assert a["key_numbers"]["t"] == pytest.approx(want.statistic, rel=1e-6)
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)
    assert a["key_numbers"]["alpha"] == pytest.approx(0.01)


def test_rank_test_without_its_name_is_mann_whitney_for_two_groups(pipe):
    a = _ask(
        pipe,
        "Do Acme and Castell take the same time on average? use a rank test",
        "supplier_cycle_times_e.csv",
        "hypothesis_test",
        "mannwhitney",
    )
    df = _table("supplier_cycle_times_e.csv")
    x = _group(df, "cycle_time_hrs", "Supplier", "Acme")
    y = _group(df, "cycle_time_hrs", "Supplier", "Castell")
    want = stats.mannwhitneyu(x, y, alternative="two-sided")
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-3)


def test_kruskal_named_for_two_groups_runs_kruskal(pipe):
    a = _ask(
        pipe,
        "Kruskal-Wallis for tensile strength across reactors",
        "assay_batches_e.csv",
        "hypothesis_test",
        "kruskal",
    )
    df = _table("assay_batches_e.csv")
    groups = [_group(df, "Tensile Strength (MPa)", "Reactor", g) for g in ("R1", "R2")]
    assert a["key_numbers"]["H"] == pytest.approx(stats.kruskal(*groups).statistic, rel=1e-6)


def test_before_after_columns_are_paired_by_the_table(pipe):
    a = _ask(
        pipe,
        "did the fix help? compare each pump's reading before with after",
        "pump_vibration_e.csv",
        "hypothesis_test",
        "ttest_paired",
    )
    df = _table("pump_vibration_e.csv")
    want = stats.ttest_rel(df["Vibration Before (mm/s)"], df["Vibration After (mm/s)"])
    assert a["key_numbers"]["t"] == pytest.approx(want.statistic, rel=1e-6)


def test_one_sided_drop_after_maintenance(pipe):
    a = _ask(
        pipe,
        "Has the vibration gone down after maintenance? One-sided please",
        "pump_vibration_e.csv",
        "hypothesis_test",
        "ttest_paired",
    )
    df = _table("pump_vibration_e.csv")
    want = stats.ttest_rel(
        df["Vibration Before (mm/s)"], df["Vibration After (mm/s)"], alternative="greater"
    )
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


def test_pass_rates_of_two_lines_one_sided(pipe):
    a = _ask(
        pipe,
        "is line B's pass rate lower than line A's?",
        "final_test_e.csv",
        "hypothesis_test",
        "proportion_2",
    )
    df = _table("final_test_e.csv")
    passes = [int(((df["Line"] == g) & (df["Test Result"] == "PASS")).sum()) for g in "BA"]
    sizes = [int((df["Line"] == g).sum()) for g in "BA"]
    z, p = proportions_ztest(passes, sizes, alternative="smaller")
    assert a["key_numbers"]["z"] == pytest.approx(z, rel=1e-6)
    assert a["key_numbers"]["p_value"] == pytest.approx(p, rel=1e-6)


def test_counts_typed_in_the_question(pipe):
    a = _ask(
        pipe,
        "12 failures out of 400 from line A and 25 out of 410 from line B - is B worse?",
        family="hypothesis_test",
        analysis="proportion_2",
    )
    z, _ = proportions_ztest([12, 25], [400, 410])
    assert a["key_numbers"]["z"] == pytest.approx(z, rel=1e-6)


def test_one_count_against_an_allowed_rate(pipe):
    a = _ask(
        pipe,
        "We had 9 rejects in 300 parts. Is that more than the 2% allowed?",
        family="hypothesis_test",
        analysis="proportion_1",
    )
    assert a["key_numbers"]["alternative"] == "greater"
    z = (9 / 300 - 0.02) / np.sqrt(0.02 * 0.98 / 300)
    assert a["key_numbers"]["z"] == pytest.approx(z, rel=1e-6)


def test_two_inline_samples_compared(pipe):
    a = _ask(
        pipe,
        "line1 = 5.2, 5.4, 5.1, 5.3, 5.5 and line2 = 5.6, 5.8, 5.5, 5.9, 5.7 - is line 2 higher?",
        family="hypothesis_test",
    )
    want = stats.ttest_ind([5.2, 5.4, 5.1, 5.3, 5.5], [5.6, 5.8, 5.5, 5.9, 5.7], equal_var=False)
    assert abs(a["key_numbers"]["t"]) == pytest.approx(abs(want.statistic), rel=1e-6)


def test_named_supplier_values_on_a_two_by_two_table_are_a_comparison(pipe):
    # Coiler x Wire Supplier is balanced like a 2^2 run sheet, but two suppliers are compared
    a = _ask(
        pipe,
        "Is the rate from Sandvik wire higher than from Suzuki-Garphyttan?",
        "spring_rate_e.csv",
        "hypothesis_test",
        "ttest_welch",
    )
    df = _table("spring_rate_e.csv")
    x = _group(df, "Rate (N/mm)", "Wire Supplier", "Sandvik")
    y = _group(df, "Rate (N/mm)", "Wire Supplier", "Suzuki-Garphyttan")
    want = stats.ttest_ind(x, y, equal_var=False, alternative="greater")
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


# ---- regression ----------------------------------------------------------------------------------

_CURE = {"Cure Temp (°C)": "temp", "Cure Time (min)": "time", "Hardness (Shore D)": "hardness"}


def _cure_fit(formula):
    d = _table("cure_hardness_e.csv").rename(columns=_CURE)
    return smf.ols(formula, data=d).fit()


def test_slope_asked_in_words(pipe):
    a = _ask(
        pipe,
        "how much does hardness go up per degree of cure temp?",
        "cure_hardness_e.csv",
        "regression",
    )
    assert a["columns"] == ["Cure Temp (°C)", "Hardness (Shore D)"]
    assert a["key_numbers"]["slope"] == pytest.approx(_cure_fit("hardness ~ temp").params["temp"])


@pytest.mark.parametrize(
    "question",
    [
        "predict hardness from temp and time",
        "regress hardnes on temprature and tiem",
        "give me an equation for hardness in terms of temp and time",
    ],
)
def test_two_predictors_named_loosely(pipe, question):
    a = _ask(pipe, question, "cure_hardness_e.csv", "regression")
    assert set(a["columns"]) == set(_CURE)
    fit = _cure_fit("hardness ~ temp + time")
    coefs = a["key_numbers"]["coefficients"]
    assert coefs["Intercept"] == pytest.approx(fit.params["Intercept"], rel=1e-6)
    assert sorted(coefs.values()) == pytest.approx(sorted(fit.params.values), rel=1e-6)


def test_prediction_at_settings_written_with_units(pipe):
    r = pipe.run(
        "what hardness would we get if we cure at 160 C for 60 min?",
        data=_table("cure_hardness_e.csv"),
    )
    assert r.answer["family"] == "regression" and r.status == "answered"
    fit = _cure_fit("hardness ~ temp + time")
    want = float(fit.predict(pd.DataFrame({"temp": [160.0], "time": [60.0]}))[0])
    assert f"{want:.2f}" in r.markdown or f"{want:.3g}" in r.markdown


@pytest.mark.parametrize(
    "question",
    [
        "model units sold using both tv and online spending",
        "How many units would we sell with 25k on TV and 10k online?",
    ],
)
def test_sales_on_both_channels(pipe, question):
    a = _ask(pipe, question, "ad_spend_e.csv", "regression")
    assert set(a["columns"]) == {"TV Spend (k$)", "Online Spend (k$)", "Units Sold"}
    d = _table("ad_spend_e.csv").rename(
        columns={"TV Spend (k$)": "tv", "Online Spend (k$)": "online", "Units Sold": "units"}
    )
    fit = smf.ols("units ~ tv + online", data=d).fit()
    assert a["key_numbers"]["r_squared"] == pytest.approx(fit.rsquared, rel=1e-6)


def test_does_x_drive_y_model_it(pipe):
    a = _ask(pipe, "does online spend drive sales? model it", "ad_spend_e.csv", "regression")
    assert a["columns"] == ["Online Spend (k$)", "Units Sold"]


# ---- designs -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "analysis", "k", "runs"),
    [
        ("four things to vary at two settings each, half the runs", "design_fractional", 4, 8),
        ("Give me a 2^(5-1) design", "design_fractional", 5, 16),
        ("seven factors, eight runs", "design_fractional", 7, 8),
        ("I want to screen 15 factors in 16 runs", "design_plackett_burman", 15, 16),
        ("I have 5 knobs to test and can only afford 16 runs", "design_fractional", 5, 16),
        ("a response surface for 3 factors with centre points", "design_ccd", 3, None),
        (
            "We're testing oven temp, belt speed and humidity and want every combination at "
            "two levels",
            "design_full",
            3,
            8,
        ),
    ],
)
def test_designs_described_in_words(pipe, question, analysis, k, runs):
    a = _ask(pipe, question, family="doe_design", analysis=analysis)
    kn = a["key_numbers"]
    assert kn["k"] == k
    if runs is not None:
        assert kn["runs"] == runs
    if analysis == "design_ccd":  # 2^k corners + 2k axial + centre runs
        assert kn["runs"] == 2**k + 2 * k + kn["center_points"] and kn["center_points"] > 0


def test_factors_listed_after_a_verb_keep_their_names(pipe):
    a = _ask(
        pipe,
        "We're testing oven temp, belt speed and humidity and want every combination at two levels",
        family="doe_design",
    )
    assert a["key_numbers"]["factors"] == ["oven_temp", "belt_speed", "humidity"]


# ---- analysis of a run sheet -------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "which knobs matter for yield?",
        "what drives the yield here",
        "Does catalyst make a difference to yield?",
    ],
)
def test_run_sheet_questions_in_plain_words(pipe, question):
    a = _ask(pipe, question, "reactor_doe_e.csv", "doe_analysis", "analyze_full")
    d = _table("reactor_doe_e.csv")
    t = d["Temp (C)"]
    hi, lo = d.loc[t == t.max(), "Yield %"].mean(), d.loc[t == t.min(), "Yield %"].mean()
    assert a["key_numbers"]["effects"]["Temp_C"] == pytest.approx(hi - lo, rel=1e-9)


# ---- second round: units, optimisation, resolution in words, inline before/after ------------


def test_stated_value_with_a_unit_picks_the_column_in_that_unit(pipe):
    # "jars" names the Jar counter; "500 g" points to the column kept in grams
    a = _ask(
        pipe,
        "are the jars underweight compared with the 500 g label?",
        "filling_weights_e.csv",
        "hypothesis_test",
        "ttest_1samp",
    )
    assert a["columns"] == ["Net Weight (g)"]
    x = _table("filling_weights_e.csv")["Net Weight (g)"].dropna()
    want = stats.ttest_1samp(x, 500.0, alternative="less")
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6, abs=1e-12)


def test_inline_before_after_lists_are_paired(pipe):
    a = _ask(
        pipe,
        "before: 12.1 11.8 12.4 12.0 11.9 after: 11.6 11.5 12.0 11.7 11.4 - did it drop?",
        family="hypothesis_test",
        analysis="ttest_paired",
    )
    want = stats.ttest_rel([12.1, 11.8, 12.4, 12.0, 11.9], [11.6, 11.5, 12.0, 11.7, 11.4])
    assert a["key_numbers"]["t"] == pytest.approx(want.statistic, rel=1e-6)


def test_optimising_two_settings_is_a_response_surface(pipe):
    a = _ask(
        pipe,
        "what experiment should I run to optimise temperature and pressure, looking for a maximum?",
        family="doe_design",
        analysis="design_ccd",
    )
    assert a["key_numbers"]["factors"] == ["temperature", "pressure"]


def test_resolution_in_words(pipe):
    a = _ask(pipe, "five variables, resolution five", family="doe_design")
    assert a["key_numbers"]["k"] == 5 and a["key_numbers"]["resolution"] >= 5


def test_typos_in_design_words(pipe):
    a = _ask(
        pipe, "box benhkin design 4 factros with 3 center points", family="doe_design",
        analysis="design_box_behnken",
    )  # fmt: skip
    assert a["key_numbers"]["runs"] == 2 * 4 * 3 + 3  # 4 C(4,2) edge runs + 3 centre runs


def test_lower_case_generator_of_an_inline_half_fraction(pipe):
    a = _ask(
        pipe,
        "half fraction 2^(3-1) with i = abc. runs: (a,b,c) = (-,-,+) y=12.1; (+,-,-) y=15.3; "
        "(-,+,-) y=11.0; (+,+,+) y=16.8. compute the main effects",
        family="doe_analysis",
    )
    assert a["key_numbers"]["effects"]["a"] == pytest.approx((15.3 + 16.8 - 12.1 - 11.0) / 2)


@pytest.mark.parametrize(
    ("question", "p0"),
    [("is the defect rate above 2%?", 0.02), ("Are more than 5 percent of parts rejected?", 0.05)],
)
def test_rate_from_a_count_column_and_its_sample_sizes(pipe, question, p0):
    a = _ask(pipe, question, "lot_inspection_e.csv", "hypothesis_test", "proportion_1")
    d = _table("lot_inspection_e.csv")
    x, n = int(d["rejects"].sum()), int(d["sample_size"].sum())
    z = (x / n - p0) / np.sqrt(p0 * (1 - p0) / n)
    assert a["key_numbers"]["z"] == pytest.approx(z, rel=1e-9)
    assert a["key_numbers"]["p_value"] == pytest.approx(stats.norm.sf(z), rel=1e-6)


@pytest.mark.parametrize(
    ("question", "family"),
    [
        ("what's the average diameter for CNC-1 and CNC-2?", "descriptive"),
        ("do the machines differ in spread?", "variance"),
        ("is hardness correlated with cure temperature?", "correlation"),
        ("Cpk for diameter, spec 11.97 to 12.03", "capability"),
    ],
)
def test_other_analyses_are_left_alone(pipe, question, family):
    table = "cure_hardness_e.csv" if "hardness" in question else "machining_diameters_e.csv"
    r = pipe.run(question, data=_table(table))
    assert r.answer["family"] == family, (question, r.answer["family"])


@pytest.mark.parametrize(
    ("question", "runs"),
    [
        ("I need a screening design for 6 factors but we can only afford 8", 8),
        ("Screening plan for seven factors, budget of 12, which design?", 12),
    ],
)
def test_a_run_budget_without_the_word_runs(question: str, runs: int) -> None:
    # the budget alternative of the run-count pattern used to crash PLAN (group 1 was None)
    res = Pipeline(index=False).run(question)
    assert res.status == "answered"
    assert res.answer["family"] == "doe_design"
    assert res.answer["key_numbers"]["runs"] == runs


def test_a_planner_error_is_a_clear_request_not_a_crash(monkeypatch) -> None:
    import havoc_srs.pipeline as pipeline

    def broken(*args, **kwargs):
        raise AttributeError("'NoneType' object has no attribute 'isdigit'")

    monkeypatch.setattr(pipeline, "plan_request", broken)
    res = Pipeline(index=False).run("Design a 2^3 full factorial for speed, feed and depth")
    assert res.status == "needs_input"
    assert "could not be planned" in str(res.answer)
