"""Measurement systems analysis (spc.msa) against published examples, scipy and statsmodels."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from havoc_tools import spc
from scipy import stats

# AIAG MSA 4th ed. (2010), ch. III section B, "Guidelines for Determining Linearity", worked
# example (the same example as the 3rd ed., pp. 94-96): five parts with reference values 2, 4, 6,
# 8, 10, each measured 12 times by one appraiser. The readings as printed in the manual.
AIAG_READINGS = {
    2.0: [2.7, 2.5, 2.4, 2.5, 2.7, 2.3, 2.5, 2.5, 2.4, 2.4, 2.6, 2.4],
    4.0: [5.1, 3.9, 4.2, 5.0, 3.8, 3.9, 3.9, 3.9, 3.9, 4.0, 4.1, 3.8],
    6.0: [5.8, 5.7, 5.9, 5.9, 6.0, 6.1, 6.0, 6.1, 6.4, 6.3, 6.0, 6.1],
    8.0: [7.6, 7.7, 7.8, 7.7, 7.8, 7.8, 7.8, 7.7, 7.8, 7.5, 7.6, 7.7],
    10.0: [9.1, 9.3, 9.5, 9.3, 9.4, 9.5, 9.5, 9.5, 9.6, 9.2, 9.3, 9.4],
}
AIAG = pd.DataFrame(
    [(i + 1, ref, v) for i, (ref, vs) in enumerate(AIAG_READINGS.items()) for v in vs],
    columns=["part", "reference", "measurement"],
)

# Montgomery, Design and Analysis of Experiments, Example 14.1 (two-stage nested design): coded
# purity of raw material from 3 suppliers, 4 batches per supplier, 3 determinations per batch.
PURITY = [
    [[1, -1, 0], [-2, -3, -4], [-2, 0, 1], [1, 4, 0]],
    [[1, -2, -3], [0, 4, 2], [-1, 0, -2], [0, 3, 2]],
    [[2, 4, 0], [-2, 0, 2], [1, -1, 2], [3, 2, 1]],
]
MONTGOMERY = pd.DataFrame(
    [
        (s + 1, b + 1, v)
        for s, batches in enumerate(PURITY)
        for b, values in enumerate(batches)
        for v in values
    ],
    columns=["supplier", "batch", "purity"],
)


# ---- gage linearity and bias -----------------------------------------------------------------


def test_linearity_matches_the_aiag_worked_example():
    """AIAG MSA 4th ed. ch. III-B linearity example: bias = 0.736667 - 0.131667 * reference,
    s = 0.23954, R-sq = 0.71, t(slope) = 12.043 and t(intercept) = 10.158 (printed as absolute
    values), and the bias averages 0.491667, 0.125, 0.025, -0.291667, -0.616667."""
    r = spc.gage_linearity(AIAG, part="part")
    assert r.slope == pytest.approx(-0.131667, abs=5e-7)
    assert r.intercept == pytest.approx(0.736667, abs=5e-7)
    assert r.s == pytest.approx(0.23954, abs=5e-6)
    assert r.r_squared == pytest.approx(0.71, abs=0.005)
    assert abs(r.t_slope) == pytest.approx(12.043, abs=1e-3)
    assert abs(r.t_intercept) == pytest.approx(10.158, abs=1e-3)
    published = [0.491667, 0.125, 0.025, -0.291667, -0.616667]
    assert [b.bias for b in r.biases] == pytest.approx(published, abs=5e-7)
    assert r.pct_linearity == pytest.approx(13.1667, abs=1e-4)
    assert "linearity present" in r.verdict


def test_linearity_as_minitab_example():
    """Minitab's Gage Linearity and Bias Study example runs the same AIAG data with process
    variation 14.1941 and reports Linearity 1.86889, %Linearity 13.2, %Bias 0.4 (average), 3.5,
    0.9, 0.2, 2.1, 4.3 and, with its default range method, bias p-values 0.040 (average), 0.000,
    0.293, 0.688, 0.000, 0.000."""
    r = spc.gage_linearity(AIAG, process_variation=14.1941)
    assert r.method == "range"
    assert r.linearity == pytest.approx(1.86889, abs=5e-6)
    assert round(r.pct_linearity, 1) == 13.2
    assert round(r.average.pct_bias, 1) == 0.4
    assert [round(b.pct_bias, 1) for b in r.biases] == [3.5, 0.9, 0.2, 2.1, 4.3]
    assert round(r.average.p_value, 3) == 0.040
    assert [round(b.p_value, 3) for b in r.biases] == [0.0, 0.293, 0.688, 0.0, 0.0]


def test_d2_star_matches_aiag_appendix_c():
    """AIAG MSA Appendix C (d2* table, g = 1 subgroup): m = 2 -> d2* 1.41421 with 1.0 df;
    m = 15 -> d2* 3.55333 with 10.8 df (the values the bias study of the 3rd ed. uses)."""
    d, nu = spc.d2_star(2, 1)
    assert d == pytest.approx(1.41421, abs=5e-5) and round(nu, 1) == 1.0
    d, nu = spc.d2_star(15, 1)
    assert d == pytest.approx(3.55333, abs=2e-4) and round(nu, 1) == 10.8
    # many subgroups: d2* tends to d2 and the df grow without bound
    assert spc.d2_star(5, 10_000)[0] == pytest.approx(spc.d2(5), rel=1e-4)
    with pytest.raises(ValueError, match="subgroup size m"):
        spc.d2_star(1, 1)


def test_linearity_regression_matches_statsmodels_ols():
    import statsmodels.api as sm

    r = spc.gage_linearity(AIAG, alpha=0.1)
    x = AIAG.reference.to_numpy()
    fit = sm.OLS(AIAG.measurement.to_numpy() - x, sm.add_constant(x)).fit()
    assert [r.intercept, r.slope] == pytest.approx(fit.params, rel=1e-12)
    assert [r.se_intercept, r.se_slope] == pytest.approx(fit.bse, rel=1e-10)
    assert [r.p_intercept, r.p_slope] == pytest.approx(fit.pvalues, rel=1e-8)
    assert r.r_squared == pytest.approx(fit.rsquared, rel=1e-12)
    # the AIAG confidence band is the confidence interval of the fitted mean bias
    x0 = np.array([2.0, 5.0, 10.0])
    lo, hi = r.band(x0)
    ci = fit.get_prediction(sm.add_constant(x0)).conf_int(alpha=0.1)
    assert lo == pytest.approx(ci[:, 0], rel=1e-10)
    assert hi == pytest.approx(ci[:, 1], rel=1e-10)


def test_linearity_bias_tests_match_scipy_one_sample_t():
    r = spc.gage_linearity(AIAG, method="stdev")
    for row, (ref, values) in zip(r.biases, AIAG_READINGS.items(), strict=True):
        t = stats.ttest_1samp(np.array(values) - ref, 0.0)
        assert row.reference == ref and row.n == 12
        assert row.t == pytest.approx(t.statistic, rel=1e-9)
        assert row.p_value == pytest.approx(t.pvalue, rel=1e-9)
    # average bias: pooled within-reference s with n - g df
    resid = np.concatenate([np.array(v) - np.mean(v) for v in AIAG_READINGS.values()])
    s_pool = math.sqrt((resid**2).sum() / (60 - 5))
    t_avg = r.average.bias / (s_pool / math.sqrt(60))
    assert r.average.t == pytest.approx(t_avg, rel=1e-12)
    assert r.average.p_value == pytest.approx(2 * stats.t.sf(abs(t_avg), 55), rel=1e-10)
    json.loads(r.to_json())
    assert "average" in r.summary()


def test_linearity_bad_input():
    with pytest.raises(ValueError, match="more than one reference value"):
        bad = AIAG.assign(part=1)
        spc.gage_linearity(bad, part="part")
    with pytest.raises(ValueError, match="at least 2 different reference values"):
        spc.gage_linearity(AIAG[AIAG.reference == 2.0])
    with pytest.raises(ValueError, match="method must be 'range' or 'stdev'"):
        spc.gage_linearity(AIAG, method="mad")
    with pytest.raises(ValueError, match="needs the same number"):
        spc.gage_linearity(AIAG.iloc[1:])
    assert spc.gage_linearity(AIAG.iloc[1:], method="stdev").biases[0].n == 11
    with pytest.raises(ValueError, match="process_variation must be positive"):
        spc.gage_linearity(AIAG, process_variation=-1.0)
    with pytest.raises(ValueError, match="column 'ref' not found"):
        spc.gage_linearity(AIAG, reference="ref")


# ---- Type 1 gage study -------------------------------------------------------------------------

TYPE1 = [
    10.012, 9.995, 10.020, 10.004, 9.985, 10.011, 10.003, 9.992, 10.008, 9.997,
    10.015, 10.001, 9.989, 10.006, 10.010, 9.994, 10.002, 10.013, 9.998, 10.004,
]  # fmt: skip


def test_type1_formulas_and_bias_test():
    """Cg = 0.2 Tol / 6 s and Cgk = (0.1 Tol - |bias|) / 3 s (Minitab, Type 1 Gage Study,
    Methods and formulas; the same as qualityTools::cg in R); the bias test is scipy's one-sample
    t-test of the readings against the reference."""
    x = np.array(TYPE1)
    r = spc.gage_type1(TYPE1, 10.0, lsl=9.7, usl=10.3)
    s = x.std(ddof=1)
    assert r.tolerance == pytest.approx(0.6)
    assert r.cg == pytest.approx(0.2 * 0.6 / (6 * s), rel=1e-12)
    assert r.cgk == pytest.approx((0.1 * 0.6 - abs(x.mean() - 10.0)) / (3 * s), rel=1e-12)
    assert r.pct_var_repeatability == pytest.approx(20 / r.cg, rel=1e-12)
    assert r.pct_var_repeatability_bias == pytest.approx(20 / r.cgk, rel=1e-12)
    t = stats.ttest_1samp(x, 10.0)
    assert r.t == pytest.approx(t.statistic, rel=1e-10)
    assert r.p_value == pytest.approx(t.pvalue, rel=1e-10)
    ci = t.confidence_interval(0.95)
    assert r.bias_ci == pytest.approx((ci.low - 10.0, ci.high - 10.0), rel=1e-10)
    assert r.capable is True and "capable" in r.summary()


def test_type1_other_conventions_and_verdict():
    r = spc.gage_type1(TYPE1, 10.0, tolerance=0.1, percent_tolerance=15, study_var_multiplier=4)
    s = np.std(TYPE1, ddof=1)
    assert r.cg == pytest.approx(0.15 * 0.1 / (4 * s), rel=1e-12)
    assert r.cgk == pytest.approx((0.075 * 0.1 - abs(np.mean(TYPE1) - 10.0)) / (2 * s), rel=1e-12)
    assert r.capable is False and r.verdict.startswith("not capable")
    assert spc.gage_type1(TYPE1, 10.0, tolerance=0.6, resolution=0.04).resolution_ok is False


def test_type1_bad_input():
    with pytest.raises(ValueError, match="give tolerance=, or both lsl= and usl="):
        spc.gage_type1(TYPE1, 10.0)
    with pytest.raises(ValueError, match="usl .* must be above lsl"):
        spc.gage_type1(TYPE1, 10.0, lsl=10.3, usl=9.7)
    with pytest.raises(ValueError, match="tolerance must be positive"):
        spc.gage_type1(TYPE1, 10.0, tolerance=0)
    with pytest.raises(ValueError, match="lsl must be a finite number"):
        spc.gage_type1(TYPE1, 10.0, lsl="low", usl=10.3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not both"):
        spc.gage_type1(TYPE1, 10.0, tolerance=0.6, usl=10.3)
    with pytest.raises(ValueError, match="reference must be a number"):
        spc.gage_type1(TYPE1, "ten", tolerance=1)  # type: ignore[arg-type]
    r = spc.gage_type1([5.0, 5.0, 5.0], 5.0, tolerance=1)
    assert r.cg is None and "identical" in r.verdict


# ---- attribute agreement and kappa -------------------------------------------------------------


def test_exact_intervals_match_minitab_essay_example():
    """Minitab's Attribute Agreement Analysis example (ESSAY.MTW, 15 essays, each appraiser vs
    standard): 8/15 -> (26.59, 78.73), 13/15 -> (59.54, 98.34), 14/15 -> (68.05, 99.83),
    15/15 -> (81.90, 100.00) percent, and SE kappa 0.258199 per response (one trial)."""
    from havoc_tools.spc.agreement import _exact_ci

    for k, lo, hi in [(8, 26.59, 78.73), (13, 59.54, 98.34), (14, 68.05, 99.83), (15, 81.90, 100)]:
        got = _exact_ci(k, 15, 0.95)
        assert got == pytest.approx((lo, hi), abs=0.005)
    # one trial vs the standard: two ratings of each of 15 essays
    rng = np.random.default_rng(1)
    std = rng.choice(["-1", "0", "1"], 15)
    df = pd.DataFrame({"essay": range(15), "who": "D", "rating": std, "standard": std})
    res = spc.attribute_agreement(df, "rating", "essay", "who", standard="standard")
    assert res.vs_standard[0].kappa.category_se == pytest.approx(0.258199, abs=5e-7)


def _study(seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    truth = rng.choice(["good", "bad", "rework"], 20)
    rows = []
    for a, err in (("ann", 0.1), ("bob", 0.25), ("cy", 0.4)):
        for t in range(3):
            for s, v in enumerate(truth):
                r = v if rng.random() > err else rng.choice(["good", "bad", "rework"])
                rows.append((s, a, t, r, v))
    return pd.DataFrame(rows, columns=["sample", "appraiser", "trial", "rating", "standard"])


def test_attribute_agreement_matches_statsmodels_fleiss_kappa():
    from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

    df = _study()
    res = spc.attribute_agreement(df, "rating", "sample", "appraiser", standard="standard")
    assert (res.n_samples, res.n_appraisers, res.n_trials) == (20, 3, 3)
    wide = df.pivot_table(
        index="sample", columns=["appraiser", "trial"], values="rating", aggfunc="first"
    )
    std = df.groupby("sample").standard.first()
    for row in res.within:
        ratings = wide[row.label].to_numpy()
        assert row.kappa.kappa == pytest.approx(fleiss_kappa(aggregate_raters(ratings)[0]))
        matched = int((ratings == ratings[:, :1]).all(axis=1).sum())
        assert row.matched == matched and row.percent == pytest.approx(100 * matched / 20)
        ci = stats.binomtest(matched, 20).proportion_ci(method="exact")
        assert (row.ci_low, row.ci_high) == pytest.approx((100 * ci.low, 100 * ci.high))
    for row in res.vs_standard:
        ratings = wide[row.label].to_numpy()
        pairs = np.column_stack([ratings.reshape(-1), np.repeat(std.to_numpy(), 3)])
        assert row.kappa.kappa == pytest.approx(fleiss_kappa(aggregate_raters(pairs)[0]))
        assert row.matched == int((ratings == std.to_numpy()[:, None]).all(axis=1).sum())
    everyone = wide.to_numpy()
    assert res.between.kappa.kappa == pytest.approx(fleiss_kappa(aggregate_raters(everyone)[0]))
    assert res.between.matched == int((everyone == everyone[:, :1]).all(axis=1).sum())
    assert res.all_vs_standard.matched == int((everyone == std.to_numpy()[:, None]).all(1).sum())
    json.loads(res.to_json())
    assert "Within appraisers" in res.summary() and "All appraisers vs standard" in res.summary()


def test_fleiss_kappa_per_category_and_null_se():
    """Two categories: the overall kappa equals each category's kappa and its null SE equals
    the per-category SE sqrt(2 / (N m (m - 1))) (Fleiss, Nee & Landis 1979)."""
    counts = np.array([[3, 0], [2, 1], [0, 3], [1, 2], [3, 0], [0, 3]])
    k = spc.fleiss_kappa(counts, ["a", "b"])
    assert k.by_category["a"] == pytest.approx(k.kappa) and k.by_category["b"] == pytest.approx(
        k.kappa
    )
    assert k.se == pytest.approx(math.sqrt(2 / (6 * 3 * 2)))
    assert k.p_value == pytest.approx(stats.norm.sf(k.kappa / k.se))
    with pytest.raises(ValueError, match="same number of ratings"):
        spc.fleiss_kappa([[2, 1], [1, 1]])


def test_attribute_agreement_bad_input():
    df = _study()
    with pytest.raises(ValueError, match="same number of times"):
        spc.attribute_agreement(df.iloc[1:], "rating", "sample", "appraiser")
    with pytest.raises(ValueError, match="more than one standard rating"):
        spc.attribute_agreement(
            df.assign(standard=np.arange(len(df)).astype(str)),
            "rating",
            "sample",
            "appraiser",
            standard="standard",
        )
    with pytest.raises(ValueError, match="column 'grade' not found"):
        spc.attribute_agreement(df, "grade", "sample", "appraiser")
    one = df[(df.appraiser == "ann") & (df.trial == 0)]
    with pytest.raises(ValueError, match="nothing to agree with"):
        spc.attribute_agreement(one, "rating", "sample", "appraiser")
    alone = spc.attribute_agreement(one, "rating", "sample", "appraiser", standard="standard")
    assert alone.between is None and alone.all_vs_standard is None and not alone.within
    # numbers stored as int and as float are the same label
    mixed = one.assign(rating=(one.rating == "good").astype(int))
    mixed = mixed.assign(standard=(one.standard == "good").astype(float))
    res = spc.attribute_agreement(mixed, "rating", "sample", "appraiser", standard="standard")
    assert res.categories == ["0", "1"]
    assert res.vs_standard[0].matched == int((mixed.rating == mixed.standard).sum())


KAPPA_A = list("aabbaabbccabcabcaacb")
KAPPA_B = list("abbbaabcccabcaacabcb")


def test_cohen_kappa_matches_sklearn():
    sklearn_metrics = pytest.importorskip("sklearn.metrics")  # not a declared dependency
    r = spc.cohen_kappa(KAPPA_A, KAPPA_B)
    assert r.kappa == pytest.approx(sklearn_metrics.cohen_kappa_score(KAPPA_A, KAPPA_B), rel=1e-12)


def test_cohen_kappa_matches_statsmodels():
    from statsmodels.stats.inter_rater import cohens_kappa

    a, b = KAPPA_A, KAPPA_B
    r = spc.cohen_kappa(a, b)
    table = pd.crosstab(pd.Series(a), pd.Series(b)).to_numpy()
    assert r.table == table.tolist()
    sm = cohens_kappa(table)
    assert r.kappa == pytest.approx(sm.kappa, rel=1e-12)
    assert r.se == pytest.approx(sm.std_kappa, rel=1e-10)
    assert r.se0 == pytest.approx(sm.std_kappa0, rel=1e-10)
    assert r.ci == pytest.approx((sm.kappa_low, sm.kappa_upp), rel=1e-10)
    assert r.p_value == pytest.approx(sm.pvalue_one_sided, rel=1e-10)
    ci = stats.binomtest(sum(u == v for u, v in zip(a, b)), 20).proportion_ci(method="exact")
    assert r.agreement_ci == pytest.approx((ci.low, ci.high))
    with pytest.raises(ValueError, match="different numbers of items"):
        spc.cohen_kappa(a, b[:-1])
    assert spc.cohen_kappa(["x", "x"], ["x", "x"]).kappa is None


# ---- nested Gage R&R ---------------------------------------------------------------------------


def test_nested_anova_matches_montgomery_example_14_1():
    """Montgomery, Design and Analysis of Experiments, Example 14.1, ANOVA table: suppliers
    SS 15.06 (2 df, MS 7.53, F 0.97, P 0.42), batches within suppliers SS 69.92 (9 df, MS 7.77,
    F 2.94, P 0.02), error SS 63.33 (24 df, MS 2.64), total SS 148.31 (35 df); variance
    components sigma^2 = 2.64 and sigma^2_batch = (7.77 - 2.64) / 3 = 1.71."""
    r = spc.gage_nested(MONTGOMERY, part="batch", operator="supplier", measurement="purity")
    op, part, err, total = r.anova
    assert (op.df, part.df, err.df, total.df) == (2, 9, 24, 35)
    assert [round(x.sum_sq, 2) for x in r.anova] == [15.06, 69.92, 63.33, 148.31]
    assert [round(x.mean_sq, 2) for x in r.anova[:3]] == [7.53, 7.77, 2.64]
    assert (round(op.F, 2), round(part.F, 2)) == (0.97, 2.94)
    assert (round(op.p_value, 2), round(part.p_value, 2)) == (0.42, 0.02)
    assert round(r.variance_components["Repeatability"], 2) == 2.64
    assert round(r.variance_components["Part-to-Part"], 2) == 1.71
    assert r.variance_components["Reproducibility"] == 0  # MS_O < MS_P(O): truncated at zero


def test_nested_anova_matches_statsmodels():
    import statsmodels.formula.api as smf
    from statsmodels.stats.anova import anova_lm

    fit = smf.ols("purity ~ C(supplier) + C(supplier):C(batch)", MONTGOMERY).fit()
    table = anova_lm(fit)
    r = spc.gage_nested(MONTGOMERY, part="batch", operator="supplier", measurement="purity")
    assert [x.sum_sq for x in r.anova[:3]] == pytest.approx(table.sum_sq.to_numpy(), rel=1e-10)
    assert r.anova[1].p_value == pytest.approx(table["PR(>F)"].iloc[1], rel=1e-8)


def test_nested_variance_components_match_mixedlm_reml():
    """Balanced data with interior estimates: REML equals the ANOVA (EMS) estimators."""
    import statsmodels.formula.api as smf

    rng = np.random.default_rng(7)
    rows = []
    for o, op_eff in enumerate([-3.0, -1.0, 1.5, 3.0]):
        for p in range(5):
            part_eff = rng.normal(0, 1.0)
            rows += [(f"op{o}", p, 50 + op_eff + part_eff + rng.normal(0, 0.5)) for _ in range(3)]
    df = pd.DataFrame(rows, columns=["op", "part", "y"])
    r = spc.gage_nested(df, part="part", operator="op", measurement="y")
    assert r.variance_components["Reproducibility"] > 0
    df["op_part"] = df.op + ":" + df.part.astype(str)
    m = smf.mixedlm(
        "y ~ 1", df, groups="op", re_formula="1", vc_formula={"part": "0 + C(op_part)"}
    ).fit(reml=True)
    assert r.variance_components["Reproducibility"] == pytest.approx(m.cov_re.iloc[0, 0], rel=1e-3)
    assert r.variance_components["Part-to-Part"] == pytest.approx(m.vcomp[0], rel=1e-3)
    assert r.variance_components["Repeatability"] == pytest.approx(m.scale, rel=1e-3)
    total = sum(r.variance_components[k] for k in ("Repeatability", "Reproducibility"))
    assert r.variance_components["Total Gage R&R"] == pytest.approx(total)
    sd = r.std_dev
    assert r.ndc == max(1, math.floor(1.41 * sd["Part-to-Part"] / sd["Total Gage R&R"]))
    assert sum(r.pct_contribution[k] for k in ("Total Gage R&R", "Part-to-Part")) == pytest.approx(
        100
    )


def test_nested_bad_input():
    with pytest.raises(ValueError, match="same number of parts"):
        spc.gage_nested(
            MONTGOMERY[~((MONTGOMERY.supplier == 1) & (MONTGOMERY.batch == 4))],
            part="batch",
            operator="supplier",
            measurement="purity",
        )
    with pytest.raises(ValueError, match="same number of readings"):
        spc.gage_nested(MONTGOMERY.iloc[1:], "batch", "supplier", "purity")
    with pytest.raises(ValueError, match="at least 2 operators"):
        spc.gage_nested(MONTGOMERY[MONTGOMERY.supplier == 1], "batch", "supplier", "purity")
    with pytest.raises(ValueError, match="pandas DataFrame"):
        spc.gage_nested([1, 2, 3])
