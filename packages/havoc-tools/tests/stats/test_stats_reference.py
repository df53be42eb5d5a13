"""Agreement with scipy, statsmodels and pingouin (independent implementations) on shared data."""

from __future__ import annotations

import havoc_tools.stats as hs
import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from numpy.testing import assert_allclose
from scipy import stats

RNG = np.random.default_rng(20240501)
A = RNG.normal(10.0, 2.0, 14)
B = RNG.normal(11.5, 3.0, 17)
C = RNG.normal(9.0, 1.0, 11)


@pytest.mark.parametrize("alt", ["two-sided", "less", "greater"])
def test_ttest_1samp(alt: str) -> None:
    r = hs.ttest_1samp(A, 9.5, alternative=alt)
    ref = stats.ttest_1samp(A, 9.5, alternative=alt)
    assert_allclose([r.statistic, r.p_value, r.df], [ref.statistic, ref.pvalue, ref.df], rtol=1e-12)
    ci = ref.confidence_interval(0.95)
    if alt == "two-sided":
        assert_allclose([r.ci_low, r.ci_high], [ci.low, ci.high], rtol=1e-12)


@pytest.mark.parametrize("equal_var", [True, False])
def test_ttest_ind_and_effect_size(equal_var: bool) -> None:
    r = hs.ttest_ind(A, B, equal_var=equal_var)
    ref = stats.ttest_ind(A, B, equal_var=equal_var)
    assert_allclose([r.statistic, r.p_value, r.df], [ref.statistic, ref.pvalue, ref.df], rtol=1e-12)
    ci = ref.confidence_interval(0.95)
    assert_allclose([r.ci_low, r.ci_high], [ci.low, ci.high], rtol=1e-12)
    assert_allclose(r.effect_size.value, pg.compute_effsize(A, B, eftype="cohen"), rtol=1e-12)
    assert ("Welch" in r.method) != equal_var


@pytest.mark.parametrize("alt", ["two-sided", "less", "greater"])
@pytest.mark.parametrize("equal_var", [True, False])
def test_ttest_summary_against_scipy_from_stats(equal_var: bool, alt: str) -> None:
    m, s, n = [A.mean(), B.mean()], [A.std(ddof=1), B.std(ddof=1)], [A.size, B.size]
    r = hs.ttest_summary(n, m, s, equal_var=equal_var, alternative=alt)
    ref = stats.ttest_ind_from_stats(
        m[0], s[0], n[0], m[1], s[1], n[1], equal_var=equal_var, alternative=alt
    )
    assert_allclose([r.statistic, r.p_value], [ref.statistic, ref.pvalue], rtol=1e-12)
    raw = hs.ttest_ind(A, B, equal_var=equal_var, alternative=alt)  # the same test on the values
    assert_allclose(
        [r.df, r.ci_low or 0, r.ci_high or 0], [raw.df, raw.ci_low or 0, raw.ci_high or 0]
    )
    assert_allclose(r.effect_size.value, pg.compute_effsize(A, B, eftype="cohen"), rtol=1e-12)
    assert "summarized data" in r.method
    normality = [a for a in r.assumptions if a.name.startswith("normality")]
    assert len(normality) == 2 and all(a.passed is None for a in normality)  # not checked
    f = next(a for a in r.assumptions if a.name == "equal variances")
    ref_f = 2 * min(stats.f.cdf(s[0] ** 2 / s[1] ** 2, n[0] - 1, n[1] - 1),
                    stats.f.sf(s[0] ** 2 / s[1] ** 2, n[0] - 1, n[1] - 1))  # fmt: skip
    assert_allclose(f.p_value, ref_f, rtol=1e-10)


def test_ttest_summary_one_sample_matches_the_values() -> None:
    r = hs.ttest_summary(A.size, A.mean(), A.std(ddof=1), mu=9.5, alternative="greater")
    ref = stats.ttest_1samp(A, 9.5, alternative="greater")
    assert_allclose([r.statistic, r.p_value, r.df], [ref.statistic, ref.pvalue, ref.df], rtol=1e-12)


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((1, 5.0, 1.0), "whole number >= 2"),
        ((12.5, 5.0, 1.0), "whole number >= 2"),
        ((12, 5.0, -1.0), "cannot be negative"),
        ((12, 5.0, 0.0), "sd is 0"),
        (([12, 10], [5.0], [1.0, 1.0]), "one number per sample"),
        ((12, float("nan"), 1.0), "finite"),
        ((12, "abc", 1.0), "expected a number"),
    ],
)
def test_ttest_summary_rejects_bad_summaries(args, match) -> None:
    with pytest.raises(ValueError, match=match):
        hs.ttest_summary(*args)


def test_cohen_d_ci_matches_noncentral_t_by_simulation_free_check() -> None:
    # The exact CI for d: at its bounds the observed t sits at the 2.5% / 97.5% points of
    # the noncentral t with ncp = d * sqrt(n1 n2 / (n1 + n2)).
    r = hs.ttest_ind(A, B, equal_var=True)
    n1, n2 = A.size, B.size
    k = np.sqrt(n1 * n2 / (n1 + n2))
    t = r.effect_size.value * k
    assert_allclose(stats.nct.cdf(t, n1 + n2 - 2, r.effect_size.ci_low * k), 0.975, rtol=1e-8)
    assert_allclose(stats.nct.cdf(t, n1 + n2 - 2, r.effect_size.ci_high * k), 0.025, rtol=1e-8)


def test_paired_and_wilcoxon() -> None:
    x, y = A, A + RNG.normal(0.6, 1.0, A.size)
    r = hs.ttest_paired(x, y)
    ref = stats.ttest_rel(x, y)
    assert_allclose([r.statistic, r.p_value], [ref.statistic, ref.pvalue], rtol=1e-12)
    w = hs.wilcoxon(x, y)
    wref = stats.wilcoxon(x, y)
    assert_allclose([w.statistic, w.p_value], [wref.statistic, wref.pvalue], rtol=1e-12)
    pgw = pg.wilcoxon(x, y)
    assert_allclose(w.effect_size.value, pgw["RBC"].iloc[0], rtol=1e-12)


def test_anova_welch_posthoc_against_pingouin() -> None:
    df = pd.DataFrame(
        {"y": np.concatenate([A, B, C]), "g": ["a"] * A.size + ["b"] * B.size + ["c"] * C.size}
    )
    r = hs.anova_oneway(df, dv="y", group="g")
    ref = pg.anova(df, dv="y", between="g", detailed=True)
    assert_allclose(
        [r.F, r.p_value, r.table[0].sum_sq],
        [ref["F"].iloc[0], ref["p_unc"].iloc[0], ref["SS"].iloc[0]],
        rtol=1e-10,
    )
    assert_allclose(r.effect_size.value, ref["np2"].iloc[0], rtol=1e-10)
    w = hs.welch_anova(df, dv="y", group="g")
    wref = pg.welch_anova(df, dv="y", between="g")
    assert_allclose(
        [w.F, w.p_value, w.table[1].df],
        [wref["F"].iloc[0], wref["p_unc"].iloc[0], wref["ddof2"].iloc[0]],
        rtol=1e-10,
    )
    t = hs.tukey_hsd(df, dv="y", group="g")
    tref = stats.tukey_hsd(A, B, C)
    assert_allclose(t.pair("a", "b").p_adj, tref.pvalue[0, 1], rtol=1e-6)
    assert_allclose(t.pair("b", "c").p_adj, tref.pvalue[1, 2], rtol=1e-6)
    ci = tref.confidence_interval(0.95)
    assert_allclose(t.pair("a", "c").ci_low, -ci.high[0, 2], rtol=1e-6)
    gh = hs.games_howell(df, dv="y", group="g")
    ghref = pg.pairwise_gameshowell(df, dv="y", between="g")
    for _, row in ghref.iterrows():
        mine = gh.pair(row["A"], row["B"])
        assert_allclose(mine.p_adj, row["pval"], rtol=1e-6, atol=1e-12)
        assert_allclose(mine.df, row["df"], rtol=1e-10)


def test_anova_twoway_and_rm_against_pingouin() -> None:
    rng = np.random.default_rng(7)
    a = np.repeat(["lo", "hi"], 18)
    b = np.tile(np.repeat(["x", "y", "z"], 6), 2)
    yv = (
        rng.normal(0, 1, 36)
        + (a == "hi") * 1.0
        + (b == "z") * 0.7
        + ((a == "hi") & (b == "y")) * 0.9
    )
    df = pd.DataFrame({"y": yv, "A": a, "B": b})
    r = hs.anova_twoway(df, dv="y", factors=("A", "B"))
    ref = pg.anova(df, dv="y", between=["A", "B"]).set_index("Source")
    for src in ("A", "B", "A * B"):
        mine = r.row(src.replace(" * ", ":"))
        assert_allclose(
            [mine.F, mine.p_value, mine.sum_sq],
            [ref.loc[src, "F"], ref.loc[src, "p_unc"], ref.loc[src, "SS"]],
            rtol=1e-9,
        )
    # unbalanced: type 2 against statsmodels
    import statsmodels.api as sm
    import statsmodels.formula.api as smf

    ub = df.drop(index=[0, 1, 20]).reset_index(drop=True)
    r2 = hs.anova_twoway(ub, dv="y", factors=("A", "B"), typ=2)
    sref = sm.stats.anova_lm(smf.ols("y ~ A * B", ub).fit(), typ=2)
    assert_allclose(r2.row("A").F, sref.loc["A", "F"], rtol=1e-9)
    assert_allclose(r2.row("A:B").sum_sq, sref.loc["A:B", "sum_sq"], rtol=1e-9)
    # repeated measures
    subj = np.repeat(np.arange(10), 4)
    cond = np.tile(["t1", "t2", "t3", "t4"], 10)
    yv = rng.normal(0, 1, 40) + np.repeat(rng.normal(0, 2, 10), 4) + (cond == "t3") * 0.8
    long = pd.DataFrame({"s": subj, "c": cond, "y": yv})
    rm = hs.anova_rm(long, dv="y", within="c", subject="s")
    ref = pg.rm_anova(long, dv="y", within="c", subject="s", correction=True, detailed=True)
    assert_allclose([rm.F, rm.p_value], [ref["F"].iloc[0], ref["p_unc"].iloc[0]], rtol=1e-9)
    assert_allclose(rm.extra["eps_gg"], ref["eps"].iloc[0], rtol=1e-9)
    assert_allclose(rm.extra["p_gg"], ref["p_GG_corr"].iloc[0], rtol=1e-9)
    assert_allclose(rm.assumptions[0].statistic, ref["W_spher"].iloc[0], rtol=1e-8)
    assert_allclose(rm.assumptions[0].p_value, ref["p_spher"].iloc[0], rtol=1e-8)


def test_counts_tests() -> None:
    obs = [18, 22, 31, 29]
    r = hs.chi2_gof(obs, probs=[0.2, 0.2, 0.3, 0.3])
    ref = stats.chisquare(obs, np.array([0.2, 0.2, 0.3, 0.3]) * 100)
    assert_allclose([r.statistic, r.p_value], [ref.statistic, ref.pvalue], rtol=1e-12)
    tab = [[12, 5, 9], [7, 15, 11]]
    r = hs.chi2_independence(tab)
    ref = stats.chi2_contingency(tab)
    assert_allclose([r.statistic, r.p_value], [ref.statistic, ref.pvalue], rtol=1e-12)
    assert_allclose(
        r.effect_size.value, stats.contingency.association(tab, method="cramer"), rtol=1e-12
    )
    f = hs.fisher_exact([[8, 2], [1, 5]])
    fref = stats.fisher_exact([[8, 2], [1, 5]])
    assert_allclose([f.statistic, f.p_value], [fref.statistic, fref.pvalue], rtol=1e-12)


def test_proportions_against_statsmodels() -> None:
    from statsmodels.stats.proportion import proportion_confint, proportions_ztest

    r = hs.prop_test_1(37, 60, 0.5)
    z, p = proportions_ztest(37, 60, 0.5, prop_var=0.5)
    assert_allclose([r.statistic, r.p_value], [z, p], rtol=1e-12)
    lo, hi = proportion_confint(37, 60, method="wilson")
    assert_allclose([r.ci_low, r.ci_high], [lo, hi], rtol=1e-12)
    ex = hs.prop_test_1(7, 20, 0.6, method="exact")
    assert_allclose(ex.p_value, stats.binomtest(7, 20, 0.6).pvalue, rtol=1e-12)
    r2 = hs.prop_test_2(45, 100, 30, 90)
    z, p = proportions_ztest([45, 30], [100, 90])
    assert_allclose([r2.statistic, r2.p_value], [z, p], rtol=1e-12)


def test_distribution_and_rank_tests() -> None:
    w = hs.shapiro_wilk(B)
    assert_allclose([w.statistic, w.p_value], list(stats.shapiro(B)), rtol=1e-12)
    from statsmodels.stats.diagnostic import normal_ad

    ad = hs.anderson_darling(B)
    a2, p = normal_ad(B)
    assert_allclose([ad.statistic, ad.p_value], [a2, p], rtol=1e-9)
    assert_allclose(ad.statistic, stats.anderson(B).statistic, rtol=1e-9)
    lv = hs.levene(A, B, C)
    assert_allclose(lv.p_value, stats.levene(A, B, C).pvalue, rtol=1e-12)
    bt = hs.bartlett(A, B, C)
    assert_allclose(bt.p_value, stats.bartlett(A, B, C).pvalue, rtol=1e-12)
    mw = hs.mann_whitney(A, B)
    ref = stats.mannwhitneyu(A, B)
    assert_allclose([mw.statistic, mw.p_value], [ref.statistic, ref.pvalue], rtol=1e-12)
    pgmw = pg.mwu(A, B)
    assert_allclose(mw.effect_size.value, pgmw["RBC"].iloc[0], rtol=1e-12)
    kw = hs.kruskal_wallis(A, B, C)
    assert_allclose(kw.p_value, stats.kruskal(A, B, C).pvalue, rtol=1e-12)


def test_tost_against_pingouin() -> None:
    r = hs.tost(A, B, low=-2.0, high=2.0, equal_var=True)
    ref = pg.tost(A, B, bound=2.0)
    assert_allclose(r.p_value, ref["pval"].iloc[0], rtol=1e-10)
    assert r.alternative == "equivalence"


@pytest.mark.parametrize("alt", ["two-sided", "greater", "less"])
@pytest.mark.parametrize("d", [0.3, 1.0, 2.5])
def test_power_ttest_tails_against_statsmodels(d: float, alt: str) -> None:
    from statsmodels.stats.power import TTestIndPower

    sm_alt = {"two-sided": "two-sided", "greater": "larger", "less": "smaller"}[alt]
    sign = -1.0 if alt == "less" else 1.0
    assert_allclose(
        hs.power_ttest(sign * d, n=12, alternative=alt).power,
        TTestIndPower().power(sign * d, 12, 0.05, alternative=sm_alt),
        rtol=1e-9,
    )


@pytest.mark.parametrize("alt", ["two-sided", "greater", "less"])
def test_power_ttest_far_tail_is_one_not_nan(alt: str) -> None:
    # scipy's nct.cdf(-c, 22, 23.1) is NaN (statsmodels' power is NaN here too); a difference
    # of 6.7 standard deviations with 12 per group is detected with certainty
    sign = -1.0 if alt == "less" else 1.0
    for d in (6.6667, 9.43, 20.0):
        r = hs.power_ttest(sign * d, n=12, alternative=alt)
        assert r.power == pytest.approx(1.0, abs=1e-12)
    assert hs.power_ttest(0.0, n=12).power == pytest.approx(0.05, rel=1e-9)


def test_power_against_statsmodels() -> None:
    from statsmodels.stats.power import FTestAnovaPower, NormalIndPower, TTestIndPower, TTestPower
    from statsmodels.stats.proportion import proportion_effectsize

    assert_allclose(
        hs.power_ttest(0.5, power=0.8).n,
        TTestIndPower().solve_power(0.5, power=0.8, alpha=0.05),
        rtol=1e-6,
    )
    assert_allclose(
        hs.power_ttest(0.4, n=30, kind="paired").power, TTestPower().power(0.4, 30, 0.05), rtol=1e-8
    )
    assert_allclose(
        hs.power_ttest(n=25, power=0.9, alternative="greater").effect_size,
        TTestIndPower().solve_power(nobs1=25, power=0.9, alpha=0.05, alternative="larger"),
        rtol=1e-6,
    )
    assert_allclose(
        hs.power_anova(0.25, n=20, k=4).power,
        FTestAnovaPower().power(0.25, 80, 0.05, k_groups=4),
        rtol=1e-8,
    )
    h = proportion_effectsize(0.3, 0.45)
    assert_allclose(
        hs.power_proportions(0.3, 0.45, power=0.8).n,
        NormalIndPower().solve_power(h, power=0.8, alpha=0.05),
        rtol=1e-6,
    )
