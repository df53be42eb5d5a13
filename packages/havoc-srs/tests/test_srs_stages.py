"""Stage units: phrasing grammar, MODE, PLAN catalogue, missing data, ARGUE/ARBITER, AUDIT."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest
from havoc_srs.argue import arbitrate, argue
from havoc_srs.audit import audit, corrupt
from havoc_srs.data import load_data
from havoc_srs.errors import SRSError
from havoc_srs.execute import execute_plan
from havoc_srs.mode import decide_mode
from havoc_srs.phrasing import read_phrasing
from havoc_srs.plan import plan_request
from havoc_tools.dsl import parse
from scipy import stats

RNG = np.random.default_rng(7)
WIDE = pd.DataFrame(
    {"line1": list(RNG.normal(10, 1, 12)), "line2": list(RNG.normal(11, 1, 10)) + [np.nan] * 2}
)
LONG = pd.DataFrame({"y": RNG.normal(5, 1, 15), "supplier": ["a"] * 5 + ["b"] * 5 + ["c"] * 5})
XY = pd.DataFrame(
    {"temp": np.arange(10.0), "strength": 3 + 2 * np.arange(10.0) + RNG.normal(0, 0.5, 10)}
)
SPC = pd.DataFrame({"weight": RNG.normal(500, 1, 40)})


@pytest.mark.parametrize(
    ("question", "slots"),
    [
        ("Is the mean different from 500 at the 1% level?", {"mu": 500.0, "alpha": 0.01}),
        ("LSL = 498 and USL of 502", {"lsl": 498.0, "usl": 502.0}),
        ("spec 10 +/- 0.5", {"lsl": 9.5, "usl": 10.5, "target": 10.0}),
        ("with 95% confidence", {"confidence": 0.95}),
        ("subgroups of 5", {"subgroup_size": 5}),
        (
            "a half fraction for five factors with 3 center points",
            {"fraction_p": 1, "factor_count": 5, "center_points": 3},
        ),
        ("resolution IV in 16 runs", {"resolution": 4, "runs": 16}),
        (
            "detect a difference of 2 with a standard deviation of 4 at 90% power",
            {"difference": 2.0, "sd": 4.0, "power": 0.9},
        ),
        ("effect size 0.5", {"effect": 0.5}),
        ("12 out of 200 were defective", {"counts": [(12, 200)]}),
        ("second derivative of x^2 with respect to x", {"order": 2, "var": "x"}),
    ],
)
def test_phrasing_grammar_reads_slots(question, slots):
    got = read_phrasing(question).slots
    for k, v in slots.items():
        assert got[k] == v, (k, got)


def test_phrasing_levels_and_cues():
    p = read_phrasing("temperature from 150 to 200 and pressure between 1 and 3; paired, pooled")
    assert p.levels == {"temperature": (150.0, 200.0), "pressure": (1.0, 3.0)}
    assert {"paired", "pooled"} <= set(p.cues)


@pytest.mark.parametrize("bad", ["", "   ", None, 42])
def test_bad_question_is_a_clear_error(bad):
    with pytest.raises(SRSError):
        read_phrasing(bad)


MODE_CASES = [
    ("Is line1 different from line2?", WIDE, "hypothesis_test"),
    ("Compare the three suppliers", LONG, "hypothesis_test"),
    ("Regress strength on temp", XY, "regression"),
    ("Predict strength from temp", XY, "regression"),
    ("Design a half fraction for 5 factors", None, "doe_design"),
    ("Set up a Box-Behnken design for 3 factors", None, "doe_design"),
    ("Which factors are significant?", XY, "doe_analysis"),
    ("Is the process in control?", SPC, "spc_chart"),
    ("Make an X-bar R chart", SPC, "spc_chart"),
    ("What is the Cpk? LSL 497, USL 503", SPC, "capability"),
    ("Is the process capable to 500 +/- 3?", SPC, "capability"),
    ("Run a gage R&R study", None, "measurement_system"),
    ("How many samples do I need for effect size 0.5?", None, "power"),
    ("What is the derivative of x^3*sin(x)?", None, "symbolic"),
    ("Integrate x^2 from 0 to 1", None, "symbolic"),
    ("What is the difference between Cp and Cpk?", None, "general"),
    ("When should I use Welch's t-test?", None, "general"),
    ("Explain the Nelson rules", None, "general"),
]


@pytest.mark.parametrize(("question", "data", "family"), MODE_CASES)
def test_mode_catalogue(question, data, family):
    d = decide_mode(question, read_phrasing(question), load_data(data))
    assert d.family == family, d.to_dict()
    assert 0 < d.confidence <= 1 and d.decided_by in ("rules", "grammar")


PLAN_CASES = [
    (
        "hypothesis_test",
        "Is line1 different from line2?",
        WIDE,
        "ttest_welch",
        "ttest line1 vs line2",
    ),
    (
        "hypothesis_test",
        "Pooled t-test: is line1 greater than line2?",
        WIDE,
        "ttest_pooled",
        "equal_var=true alternative=greater",
    ),
    (
        "hypothesis_test",
        "Paired: before vs after?",
        pd.DataFrame({"before": [1.0, 2, 3, 4], "after": [1.1, 2.3, 2.9, 4.4]}),
        "ttest_paired",
        "paired=true",
    ),
    ("hypothesis_test", "Is the mean weight different from 500?", SPC, "ttest_1samp", "mu=500"),
    (
        "hypothesis_test",
        "Mann-Whitney test of line1 vs line2",
        WIDE,
        "mannwhitney",
        "mannwhitney line1 vs line2",
    ),
    (
        "hypothesis_test",
        "Do the suppliers differ?",
        LONG,
        "anova",
        "anova value by group in stacked",
    ),
    (
        "hypothesis_test",
        "Kruskal-Wallis: do suppliers differ?",
        LONG,
        "kruskal",
        "kruskal value by group",
    ),
    (
        "hypothesis_test",
        "Is line1 different from line2 at alpha = 0.01?",
        WIDE,
        "ttest_welch",
        "alpha=0.01",
    ),
    (
        "hypothesis_test",
        "12 out of 200 were defective; is the rate above 5%?",
        None,
        "proportion_1",
        "p0=0.05 alternative=greater",
    ),
    ("regression", "Regress strength on temp", XY, "regress", "regress strength ~ temp in d"),
    ("regression", "How does strength change with temp?", XY, "regress", "strength ~ temp"),
    ("regression", "Fit a quadratic: regress strength on temp", XY, "regress", "I(temp^2)"),
    (
        "doe_design",
        "Design a half fraction for 5 factors with 3 center points",
        None,
        "design_fractional",
        "runs=16, center=3",
    ),
    (
        "doe_design",
        "Full factorial with factors temperature, pressure and time, 2 replicates",
        None,
        "design_full",
        "factors=[temperature, pressure, time], replicates=2",
    ),
    (
        "doe_design",
        "Resolution IV fractional factorial for 7 factors",
        None,
        "design_fractional",
        "resolution=4",
    ),
    (
        "doe_design",
        "Plackett-Burman for 11 factors",
        None,
        "design_plackett_burman",
        "plackett_burman(factors=11",
    ),
    ("doe_design", "Central composite design for 2 factors", None, "design_ccd", "ccd(factors=2"),
    ("spc_chart", "Is the process in control?", SPC, "chart_imr", "chart imr weight"),
    (
        "spc_chart",
        "X-bar R chart with subgroups of 5",
        SPC,
        "chart_xbar_r",
        "chart xbar_r weight by subgroup",
    ),
    ("spc_chart", "EWMA chart of weight", SPC, "chart_ewma", "chart ewma"),
    (
        "capability",
        "What is the Cpk? spec 500 +/- 3",
        SPC,
        "capability",
        "lsl=497 target=500 usl=503",
    ),
    (
        "power",
        "Sample size to detect a difference of 2 with sd 4 at 90% power",
        None,
        "power_ttest",
        "effect=0.5 power=0.9",
    ),
    (
        "power",
        "Power with 20 per group and effect size 0.5",
        None,
        "power_ttest",
        "effect=0.5 n=20",
    ),
    (
        "power",
        "Paired design, effect size 0.4, how many pairs?",
        None,
        "power_ttest",
        "kind=paired",
    ),
    (
        "symbolic",
        "Differentiate exp(2x)*cos(x) with respect to x",
        None,
        "derive",
        "derive exp(2 * x) * cos(x) wrt x",
    ),
    ("symbolic", "Solve x^2 - 5x + 6 = 0", None, "solve", "solve x^2 - 5 * x + 6 for x"),
    ("symbolic", "limit of sin(x)/x as x -> 0", None, "limit", "limit sin(x) / x as x -> 0"),
    ("symbolic", "Taylor series of exp(x) about 0 to order 4", None, "series", "order=4"),
]


@pytest.mark.parametrize(("family", "question", "data", "analysis", "fragment"), PLAN_CASES)
def test_plan_catalogue(family, question, data, analysis, fragment):
    plan = plan_request(family, question, read_phrasing(question), load_data(data))
    assert not plan.missing, plan.missing
    assert plan.analysis == analysis
    assert fragment in plan.dsl, plan.dsl
    assert parse(plan.dsl) == parse(plan.dsl)  # the emitted text is valid DSL
    assert execute_plan(plan).ok


MISSING_CASES = [
    ("hypothesis_test", "Is line1 different from line2?", None, "a data file"),
    ("hypothesis_test", "Is the mean weight different?", SPC, "hypothesised mean"),
    ("regression", "Is there a relationship?", XY, "response"),
    ("doe_design", "Design an experiment", None, "the factors"),
    ("doe_design", "Fractional factorial for 6 factors", None, "size of the fraction"),
    ("capability", "What is the Cpk?", SPC, "specification limits"),
    ("capability", "What is the Cpk? LSL 1, USL 2", None, "a data file"),
    ("spc_chart", "X-bar R chart", SPC, "subgroups"),
    ("power", "How many samples do I need?", None, "effect"),
    ("power", "Detect a difference of 2; how many samples?", None, "standard deviation"),
    ("symbolic", "Differentiate this", None, "expression"),
    (
        "hypothesis_test",
        "Paired test of before vs after",
        pd.DataFrame({"before": [1.0, 2, 3], "after": [1.0, 2, np.nan]}),
        "equal numbers",
    ),
]


@pytest.mark.parametrize(("family", "question", "data", "what"), MISSING_CASES)
def test_missing_information_stops_the_plan(family, question, data, what):
    plan = plan_request(family, question, read_phrasing(question), load_data(data))
    assert plan.program is None
    assert any(what in m.what for m in plan.missing), plan.missing
    assert all(m.how for m in plan.missing)


def test_wide_unequal_columns_drop_blanks_only():
    plan = plan_request(
        "hypothesis_test", "Is line1 different from line2?", read_phrasing("x y"), load_data(WIDE)
    )
    assert len(plan.data["line1"]) == 12 and len(plan.data["line2"]) == 10


def test_long_format_groups():
    text = "value,line\n1.0,A\n1.2,A\n0.9,A\n2.0,B\n2.2,B\n1.9,B\n"
    plan = plan_request(
        "hypothesis_test", "Do the lines differ?", read_phrasing("q"), load_data(text)
    )
    assert plan.slots["group"] == "line" and plan.analysis == "ttest_welch"


def _run(family, question, data):
    plan = plan_request(family, question, read_phrasing(question), load_data(data))
    ex = execute_plan(plan)
    assert ex.ok, ex.error
    return plan, ex


def test_argue_raises_nonparametric_and_arbiter_switches_on_skewed_small_data():
    rng = np.random.default_rng(3)
    a = np.r_[rng.normal(1, 0.1, 9), 9.0]
    b = np.r_[rng.normal(1.6, 0.1, 9), 12.0]
    plan, ex = _run("hypothesis_test", "Is a different from b?", pd.DataFrame({"a": a, "b": b}))
    arg = argue(plan, ex)
    assert "mannwhitney" in arg.alternatives
    assert any(c["name"].startswith("normality") and not c["passed"] for c in arg.checks)
    assert any(c["name"].startswith("outliers") and not c["passed"] for c in arg.checks)
    dec = arbitrate(plan, ex, arg)
    assert dec.chosen == "mannwhitney"
    ref = stats.mannwhitneyu(a, b, alternative="two-sided")
    assert dec.result["p_value"] == pytest.approx(ref.pvalue, rel=1e-9)


def test_arbiter_keeps_the_named_test():
    rng = np.random.default_rng(3)
    a, b = np.r_[rng.normal(1, 0.1, 9), 9.0], np.r_[rng.normal(1.6, 0.1, 9), 12.0]
    plan, ex = _run(
        "hypothesis_test", "t-test: is a different from b?", pd.DataFrame({"a": a, "b": b})
    )
    dec = arbitrate(plan, ex, argue(plan, ex))
    assert dec.chosen == "primary" and any("asked" in r for r in dec.reasons)


def test_argue_welch_anova_when_variances_differ():
    rng = np.random.default_rng(5)
    df = pd.DataFrame({"y": np.r_[rng.normal(0, 0.1, 30), rng.normal(0.2, 3, 30), rng.normal(0.1, 0.1, 30)],
                       "machine": ["m1"] * 30 + ["m2"] * 30 + ["m3"] * 30})  # fmt: skip
    plan, ex = _run("hypothesis_test", "Do the machines differ?", df)
    arg = argue(plan, ex)
    assert {"welch_anova", "kruskal", "tukey", "gameshowell"} <= set(arg.alternatives)
    assert arbitrate(plan, ex, arg).chosen == "welch_anova"


def test_argue_capability_flags_out_of_control_process():
    x = np.r_[np.full(20, 10.0) + np.random.default_rng(1).normal(0, 0.05, 20), np.full(10, 11.0)]
    plan, ex = _run("capability", "Cpk? spec 9 to 12", pd.DataFrame({"width": x}))
    arg = argue(plan, ex)
    st = next(c for c in arg.checks if c["name"] == "process stability")
    assert not st["passed"] and any("not in statistical control" in c for c in arg.caveats)


def test_argue_confounding_in_fractional_design():
    plan, ex = _run(
        "doe_design", "Resolution III fractional factorial for 7 factors in 8 runs", None
    )
    arg = argue(plan, ex)
    conf = next(c for c in arg.checks if c["name"] == "confounding")
    assert not conf["passed"] and conf["resolution"] == 3


AUDIT_CASES = [
    ("hypothesis_test", "Is line1 different from line2?", WIDE, "statistic"),
    ("hypothesis_test", "Is the mean weight different from 500?", SPC, "statistic"),
    ("hypothesis_test", "Do the suppliers differ?", LONG, None),
    ("regression", "Regress strength on temp", XY, "r_squared"),
    ("capability", "Cpk? spec 500 +/- 3", SPC, "cp"),
    ("power", "Power with 20 per group and effect size 0.5", None, "power"),
]


@pytest.mark.parametrize(("family", "question", "data", "key"), AUDIT_CASES)
def test_audit_passes_and_catches_a_corrupted_result(family, question, data, key):
    plan, ex = _run(family, question, data)
    good = audit(plan, ex.results)
    assert good.checks and good.passed, [c for c in good.checks if not c["passed"]]
    if key is None:  # ANOVA: corrupt the F in its table
        bad_results = copy.deepcopy(ex.results)
        bad_results["primary"]["table"][0]["F"] *= 1.05
    else:
        bad_results = corrupt(ex.results, key, 1.05)
    bad = audit(plan, bad_results)
    assert not bad.passed


def test_audit_chart_limits_from_constants_catch_corruption():
    plan, ex = _run("spc_chart", "X-bar R chart with subgroups of 5", SPC)
    assert audit(plan, ex.results).passed
    bad = copy.deepcopy(ex.results)
    bad["primary"]["panels"][0]["ucl"][0] += 0.5
    assert not audit(plan, bad).passed


def test_audit_flags_p_value_out_of_range():
    plan, ex = _run("hypothesis_test", "Is line1 different from line2?", WIDE)
    bad = corrupt(ex.results, "p_value", 50.0)
    checks = {c["check"]: c["passed"] for c in audit(plan, bad).checks}
    assert checks["p in [0, 1]"] is False
