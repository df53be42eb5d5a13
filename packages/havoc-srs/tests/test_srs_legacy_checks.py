"""The engineering families' checks and audits can fail: one case per check showing it failing
(or not checked where it cannot be made), and audits that take a different path than EXECUTE."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest
from havoc_srs.argue import argue
from havoc_srs.audit import audit
from havoc_srs.data import load_data
from havoc_srs.dslbuild import let, name, opts, program
from havoc_srs.execute import execute_plan, run_program
from havoc_srs.families import LEGACY, TABLE, hypothesis_test
from havoc_srs.phrasing import read_phrasing
from havoc_srs.plan import Plan, plan_request
from havoc_tools.dsl import ast as A
from scipy import stats


def _run(family, question, data):
    plan = plan_request(family, question, read_phrasing(question), load_data(data))
    assert not plan.missing, plan.missing
    ex = execute_plan(plan)
    assert ex.ok, ex.error
    return plan, ex


def _outcomes(plan, ex):
    return {c["name"]: c for c in argue(plan, ex).checks}


def test_every_engineering_family_is_a_module_in_the_table():
    assert len(LEGACY) == 10 and len(TABLE) == 15
    for fam in LEGACY:
        mod = TABLE[fam]
        assert mod.name_ == fam and mod.PROTOCOL == "arbiter"
        for fn in ("plan", "argue", "prefer", "audit", "key_numbers", "conclusion", "next_step"):
            assert callable(getattr(mod, fn)), (fam, fn)


# ---- hypothesis tests ----------------------------------------------------------------------


def test_normality_with_fewer_than_three_values_is_not_checked():
    plan, ex = _run(
        "hypothesis_test", "Is a different from b?", pd.DataFrame({"a": [1.0, 2.0], "b": [3, 4.5]})
    )
    checks = _outcomes(plan, ex)
    for label in ("a", "b"):
        c = checks[f"normality of {label}"]
        assert c["outcome"] == "not_checked" and c["passed"] is False and "at least 3" in c["note"]
        assert checks[f"outliers in {label}"]["outcome"] == "not_checked"


def test_two_sample_checks_fail_on_skewed_small_unequal_data():
    rng = np.random.default_rng(3)
    a = np.r_[rng.normal(1, 0.1, 9), 9.0]
    b = np.r_[rng.normal(1.6, 3.0, 9), 12.0]
    plan, ex = _run("hypothesis_test", "Is a different from b?", pd.DataFrame({"a": a, "b": b}))
    checks = _outcomes(plan, ex)
    assert checks["normality of a"]["outcome"] == "failed"
    assert checks["outliers in a"]["outcome"] == "failed"
    assert checks["sample size"]["outcome"] == "failed"


def test_equal_variances_fails_when_the_spreads_differ():
    rng = np.random.default_rng(5)
    a, b = rng.normal(0, 0.1, 30), rng.normal(0, 3.0, 30)
    plan, ex = _run("hypothesis_test", "Is a different from b?", pd.DataFrame({"a": a, "b": b}))
    lev = _outcomes(plan, ex)["equal variances"]
    assert lev["outcome"] == "failed"
    ref = stats.levene(a, b, center="median")
    assert lev["p_value"] == pytest.approx(ref.pvalue, rel=1e-9)


def test_two_sample_checks_pass_on_large_normal_data():
    rng = np.random.default_rng(11)
    df = pd.DataFrame({"a": rng.normal(10, 1, 40), "b": rng.normal(10.5, 1, 40)})
    checks = _outcomes(*_run("hypothesis_test", "Is a different from b?", df))
    assert all(c["outcome"] == "passed" for c in checks.values()), checks


def test_normal_approximation_fails_with_few_expected_counts():
    plan, ex = _run(
        "hypothesis_test", "3 out of 40 were defective; is the defect rate above 5%?", None
    )
    c = _outcomes(plan, ex)["normal approximation"]
    assert c["outcome"] == "failed" and "n*p0 = 2" in c["note"]


def test_independent_samples_of_two_proportions_is_not_checked():
    ph = read_phrasing("compare the two proportions")
    plan = hypothesis_test._plan_proportion(
        Plan("hypothesis_test", "test"), ph, [(12, 200), (30, 210)], 0.05
    )
    ex = execute_plan(plan)
    assert ex.ok, ex.error
    c = _outcomes(plan, ex)["independent samples"]
    assert c["outcome"] == "not_checked" and c["passed"] is False and "assumed" in c["note"]


def test_multiple_comparisons_is_a_note_with_the_family_wise_error():
    rng = np.random.default_rng(5)
    df = pd.DataFrame({"y": rng.normal(0, 1, 24), "machine": ["m1", "m2", "m3", "m4"] * 6})
    plan, ex = _run("hypothesis_test", "Do the machines differ?", df)
    arg = argue(plan, ex)
    assert not any("multiple" in c["name"] for c in arg.checks)
    note = next(c for c in arg.caveats if "pairwise comparisons" in c)
    assert "6 pairwise comparisons" in note and f"{1 - 0.95**6:.3f}" in note


def test_kruskal_h_by_formula_matches_scipy_with_ties():
    groups = [np.array([1.0, 2, 2, 3, 5]), np.array([2.0, 3, 3, 4]), np.array([5.0, 6, 6, 6, 7, 1])]
    h, corr = hypothesis_test.kruskal_h(groups)
    assert corr < 1  # the data have ties
    assert h == pytest.approx(stats.kruskal(*groups).statistic, rel=1e-12)


def test_kruskal_audit_is_independent_and_catches_a_corrupted_h():
    df = pd.DataFrame({"y": [1.0, 2, 2, 3, 5, 2, 3, 3, 4, 9, 5, 6, 6, 6, 7],
                       "supplier": ["a"] * 5 + ["b"] * 5 + ["c"] * 5})  # fmt: skip
    plan, ex = _run("hypothesis_test", "Kruskal-Wallis: do the suppliers differ?", df)
    assert plan.analysis == "kruskal"
    good = audit(plan, ex.results)
    assert good.passed and any("mid-ranks" in c["check"] for c in good.checks)
    bad = copy.deepcopy(ex.results)
    bad["primary"]["statistic"] *= 1.01
    assert not audit(plan, bad).passed


# ---- regression ----------------------------------------------------------------------------

X40 = np.arange(40.0)


@pytest.mark.parametrize(
    ("check", "y", "x"),
    [
        ("sample size", 2 + X40[:6] + np.array([0.1, -0.2, 0.05, 0.3, -0.1, 0.0]), X40[:6]),
        ("independent residuals", X40 + 3 * np.sin(X40 / 4), X40),
        ("normal residuals", X40 + np.random.default_rng(1).exponential(1, 40) ** 3, X40),
        ("influential points", np.r_[X40 + np.random.default_rng(2).normal(0, 1, 40), 0.0],
         np.r_[X40, 120.0]),
    ],
)  # fmt: skip
def test_regression_checks_fail(check, y, x):
    plan, ex = _run("regression", "Regress y on x", pd.DataFrame({"x": x, "y": y}))
    assert _outcomes(plan, ex)[check]["outcome"] == "failed"


def test_regression_checks_pass_on_a_clean_line():
    rng = np.random.default_rng(2)  # Durbin-Watson 2.10 for these residuals
    df = pd.DataFrame({"x": X40, "y": 1 + 2 * X40 + rng.normal(0, 1, 40)})
    checks = _outcomes(*_run("regression", "Regress y on x", df))
    for name_ in ("normal residuals", "independent residuals", "sample size"):
        assert checks[name_]["outcome"] == "passed", checks[name_]


# ---- design and analysis of experiments ------------------------------------------------------


def _factorial(k, reps=1, seed=0, fraction=False):
    rng = np.random.default_rng(seed)
    base = np.array(np.meshgrid(*[[-1, 1]] * k, indexing="ij")).reshape(k, -1).T[:, ::-1]
    cols = {chr(ord("A") + j): base[:, j] for j in range(k)}
    if fraction:
        cols["D"] = base[:, 0] * base[:, 1] * base[:, 2]
    df = pd.DataFrame(cols)
    df = pd.concat([df] * reps, ignore_index=True)
    df["y"] = 10 + 3 * df["A"] - 2 * df["B"] + rng.normal(0, 0.5, len(df))
    return df


def test_doe_analysis_error_estimate_fails_unreplicated_and_passes_replicated():
    unrep = _outcomes(*_run("doe_analysis", "Analyse y", _factorial(3)))
    assert unrep["error estimate"]["outcome"] == "failed"
    rep = _outcomes(*_run("doe_analysis", "Analyse y", _factorial(2, reps=3)))
    assert rep["error estimate"]["outcome"] == "passed"


def test_doe_analysis_confounding_fails_for_a_resolution_iv_fraction():
    checks = _outcomes(*_run("doe_analysis", "Analyse y", _factorial(3, fraction=True)))
    assert checks["confounding"]["outcome"] == "failed" and checks["confounding"]["resolution"] == 4


def test_doe_analysis_normal_residuals_fail_with_an_outlier():
    df = _factorial(2, reps=4, seed=3)
    df.loc[5, "y"] += 25.0
    checks = _outcomes(*_run("doe_analysis", "Analyse y", df))
    assert checks["normal residuals"]["outcome"] == "failed"


def test_doe_design_confounding_passes_for_resolution_v():
    plan, ex = _run("doe_design", "Fractional factorial for 5 factors, resolution V", None)
    assert _outcomes(plan, ex)["confounding"]["outcome"] == "passed"


# ---- control charts and capability --------------------------------------------------------

SHIFTED = np.r_[np.random.default_rng(8).normal(10, 0.2, 40), np.full(5, 13.0)]


def test_chart_stability_fails_on_a_shift_and_passes_without():
    assert (
        _outcomes(*_run("spc_chart", "I-MR chart of w", pd.DataFrame({"w": SHIFTED})))["stability"][
            "outcome"
        ]
        == "failed"
    )
    assert (
        _outcomes(*_run("spc_chart", "I-MR chart of w", pd.DataFrame({"w": SHIFTED[:40]})))[
            "stability"
        ]["outcome"]
        == "passed"
    )


def test_xbar_limits_after_exclusions_are_recomputed_in_the_audit():
    rng = np.random.default_rng(21)
    w = np.r_[rng.normal(10, 0.2, 50), rng.normal(13, 0.2, 5)]
    plan, _ = _run("spc_chart", "X-bar R chart with subgroups of 5", pd.DataFrame({"w": w}))
    x = plan.context["series"]["x"]
    revised = A.ChartStmt(kind="xbar_r", x=name(x), by=(name("subgroup"),), table="d",
                          options=opts(exclude=True))  # fmt: skip
    ex = run_program(program(let("primary", revised)), plan.data)
    assert ex.ok, ex.error
    r = ex.results["primary"]
    assert 10 in r["excluded"]
    good = audit(plan, ex.results)
    assert good.passed, [c for c in good.checks if not c["passed"]]
    assert any("re-estimated without" in c["check"] for c in good.checks)
    bad = copy.deepcopy(ex.results)
    bad["primary"]["excluded"] = []  # limits that claim no exclusion do not fit the data
    assert not audit(plan, bad).passed
    bad = copy.deepcopy(ex.results)
    bad["primary"]["panels"][0]["ucl"][0] += 0.05
    assert not audit(plan, bad).passed


def test_capability_normality_fails_on_skewed_data():
    x = 10 + np.random.default_rng(6).exponential(0.2, 60)
    checks = _outcomes(*_run("capability", "Cpk? spec 9 to 13", pd.DataFrame({"width": x})))
    assert checks["normality"]["outcome"] == "failed"


# ---- gage R&R -----------------------------------------------------------------------------


def _gage(part_sd, inter_sd, seed):
    rng = np.random.default_rng(seed)
    parts, ops = np.arange(10), ["A", "B", "C"]
    pe = rng.normal(0, part_sd, 10)
    oe = {"A": 0.0, "B": 0.1, "C": -0.1}
    inter = rng.normal(0, inter_sd, (10, 3))
    rows = [
        (p, o, 5 + pe[p] + oe[o] + inter[p, j] + rng.normal(0, 0.1))
        for p in parts
        for j, o in enumerate(ops)
        for _ in range(2)
    ]
    return pd.DataFrame(rows, columns=["part", "operator", "diameter"])


def test_gage_interaction_is_judged_by_its_p_value():
    strong = _gage(part_sd=1.0, inter_sd=0.5, seed=1)
    plan, ex = _run("measurement_system", "Gage R&R", strong)
    c = _outcomes(plan, ex)["part x operator interaction"]
    assert c["outcome"] == "failed" and c["p_value"] < 0.05
    none = _gage(part_sd=1.0, inter_sd=0.0, seed=2)
    plan, ex = _run("measurement_system", "Gage R&R", none)
    c = _outcomes(plan, ex)["part x operator interaction"]
    assert c["outcome"] == "passed" and c["p_value"] >= 0.05


def test_gage_distinct_categories_fail_when_parts_barely_differ():
    plan, ex = _run("measurement_system", "Gage R&R", _gage(part_sd=0.05, inter_sd=0.0, seed=3))
    assert _outcomes(plan, ex)["distinct categories"]["outcome"] == "failed"


def test_gage_audit_recomputes_the_interaction_test():
    plan, ex = _run("measurement_system", "Gage R&R", _gage(part_sd=1.0, inter_sd=0.5, seed=1))
    good = audit(plan, ex.results)
    assert good.passed and any("interaction p" in c["check"] for c in good.checks)
    bad = copy.deepcopy(ex.results)
    bad["primary"]["interaction_pooled"] = not bad["primary"]["interaction_pooled"]
    assert not audit(plan, bad).passed


def _welch_case():
    rng = np.random.default_rng(5)
    y = np.r_[rng.normal(0, 0.1, 30), rng.normal(0.2, 3, 30), rng.normal(0.1, 0.1, 30)]
    df = pd.DataFrame({"y": y, "machine": ["m1"] * 30 + ["m2"] * 30 + ["m3"] * 30})
    return _run("hypothesis_test", "Welch's ANOVA: do the machines differ?", df)


def _wilcoxon_case():
    rng = np.random.default_rng(9)
    df = pd.DataFrame({"before": rng.normal(10, 1, 12), "after": rng.normal(10.5, 1, 12)})
    return _run("hypothesis_test", "Wilcoxon signed-rank test: paired before and after", df)


def _wilcoxon_1samp_case():
    df = pd.DataFrame({"weight": np.random.default_rng(3).normal(500.3, 1, 15)})
    return _run("hypothesis_test", "Is the mean weight different from 500? Use a Wilcoxon test", df)


def _two_proportions_case():
    ph = read_phrasing("compare the two proportions")
    plan = hypothesis_test._plan_proportion(
        Plan("hypothesis_test", "test"), ph, [(12, 200), (30, 210)], 0.05
    )
    return plan, execute_plan(plan)


@pytest.mark.parametrize(
    ("case", "analysis"),
    [
        (_welch_case, "welch_anova"),
        (_wilcoxon_case, "wilcoxon"),
        (_wilcoxon_1samp_case, "wilcoxon_1samp"),
        (_two_proportions_case, "proportion_2"),
    ],
)
def test_rank_welch_and_proportion_audits_recompute_and_catch_corruption(case, analysis):
    plan, ex = case()
    assert plan.analysis == analysis
    good = audit(plan, ex.results)
    assert good.passed and len(good.checks) >= 1
    bad = copy.deepcopy(ex.results)
    if analysis == "welch_anova":
        bad["primary"]["table"][0]["F"] *= 1.02
    else:
        bad["primary"]["statistic"] += 1.0
    assert not audit(plan, bad).passed


def test_signed_rank_sums_match_scipy():
    d = np.array([0.5, -1.2, 2.0, 0.5, -0.3, 1.1, 0.0, 2.0, -0.7])
    w_plus, w_minus = hypothesis_test.signed_rank_sums(d)
    assert min(w_plus, w_minus) == pytest.approx(stats.wilcoxon(d).statistic)
    assert w_plus + w_minus == 8 * 9 / 2


@pytest.mark.parametrize("question", ["EWMA chart of w", "CUSUM chart of w"])
def test_ewma_and_cusum_audits_follow_the_recursions(question):
    w = np.r_[np.random.default_rng(1).normal(10, 1, 30), np.full(6, 12.0)]
    plan, ex = _run("spc_chart", question, pd.DataFrame({"w": w}))
    good = audit(plan, ex.results)
    assert good.passed and any("recursion" in c["check"] for c in good.checks)
    bad = copy.deepcopy(ex.results)
    bad["primary"]["panels"][0]["values"][3] += 0.2
    assert not audit(plan, bad).passed


@pytest.mark.parametrize(
    "question",
    [
        "Latin hypercube design for 3 factors in 10 runs",
        "Box-Behnken design for 4 factors with 3 center points",
        "Central composite design for 3 factors with 4 center points",
    ],
)
def test_response_surface_and_space_filling_design_audits(question):
    plan, ex = _run("doe_design", question, None)
    good = audit(plan, ex.results)
    assert good.passed and len(good.checks) >= 3
    bad = copy.deepcopy(ex.results)
    row = next(i for i, r in enumerate(bad["primary"]["coded"]) if any(r))
    bad["primary"]["coded"][row][0] = 0.5 * bad["primary"]["coded"][row][0] + 0.3
    assert not audit(plan, bad).passed


@pytest.mark.parametrize(
    ("question", "key", "wrong"),
    [
        ("limit of sin(x)/x as x -> 0", "numeric", 1.01),
        ("limit of (1+1/x)^x as x -> infinity", "numeric", 2.7),
        ("taylor series of exp(x) around 0 to order 4", "result", "1 + x + x**2 + O(x**4)"),
        ("integrate sin(x) from 0 to pi", "numeric", 2.001),
        ("simplify (x^2-1)/(x-1)", "result", "x - 1"),
    ],
)
def test_symbolic_audits_check_by_another_route(question, key, wrong):
    plan, ex = _run("symbolic", question, None)
    good = audit(plan, ex.results)
    assert good.passed and not any(c["check"] == "a result was produced" for c in good.checks)
    bad = copy.deepcopy(ex.results)
    bad["primary"][key] = wrong
    assert not audit(plan, bad).passed


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("Power for 3 groups with 20 per group, effect size f = 0.25", "power"),
        ("Sample size for 4 groups, effect size f = 0.25, 80% power", "n_rounded"),
        ("One-sided test: sample size for effect size 0.5 at 90% power", "n_rounded"),
    ],
)
def test_power_audits_for_anova_and_one_sided_tests(question, key):
    plan, ex = _run("power", question, None)
    good = audit(plan, ex.results)
    assert good.passed and not any(c["check"] == "power in [0, 1]" for c in good.checks)
    bad = copy.deepcopy(ex.results)
    bad["primary"][key] = bad["primary"][key] * 1.1 if key == "power" else bad["primary"][key] - 2
    assert not audit(plan, bad).passed


def test_d2_beyond_the_table_matches_published_values():
    from havoc_srs.families._sqc import d2

    # Montgomery, Introduction to SQC, Appendix VI
    for n, ref in ((12, 3.258), (15, 3.472), (20, 3.735), (25, 3.931)):
        assert d2(n) == pytest.approx(ref, abs=6e-4)


def test_xbar_r_with_subgroups_beyond_the_table_is_audited_not_failed():
    w = pd.DataFrame({"w": np.random.default_rng(3).normal(10, 1, 120)})
    plan, ex = _run("spc_chart", "X-bar R chart with subgroups of 12", w)
    good = audit(plan, ex.results)
    assert good.passed and any("d2 by integration" in c["check"] for c in good.checks)
    bad = copy.deepcopy(ex.results)
    bad["primary"]["panels"][0]["ucl"][0] += 0.01
    assert not audit(plan, bad).passed
