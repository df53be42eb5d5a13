"""Control charts, Nelson rules, capability and Gage R&R against hand formulas, constructed
series and a published Gage R&R example."""

import math

import numpy as np
import pandas as pd
import pytest
from havoc_tools.spc import (
    c_chart,
    capability,
    cusum,
    ewma,
    gage_rr,
    imr,
    nelson_rules,
    np_chart,
    p_chart,
    u_chart,
    xbar_r,
    xbar_s,
)
from hypothesis import given, settings
from hypothesis import strategies as st

RNG = np.random.default_rng(2024)
SUBGROUPS = RNG.normal(50, 2, (25, 5))


def test_xbar_r_limits_by_hand():
    ch = xbar_r(SUBGROUPS)
    xbb = SUBGROUPS.mean()
    rbar = np.ptp(SUBGROUPS, axis=1).mean()
    xb, r = ch.panel("Xbar"), ch.panel("R")
    # published A2, D4 for n=5 are 0.577, 2.114 (table); exact values reproduce them
    assert xb.ucl[0] == pytest.approx(xbb + 3 * rbar / (2.325929 * math.sqrt(5)), rel=1e-6)
    assert round((xb.ucl[0] - xbb) / rbar, 3) == 0.577
    assert round(r.ucl[0] / rbar, 3) == 2.114
    assert r.lcl[0] == 0.0
    assert ch.phase == "I" and ch.panel("Xbar").beyond_limits == []


def test_xbar_s_and_phase_two():
    ch = xbar_s(SUBGROUPS)
    sbar = SUBGROUPS.std(axis=1, ddof=1).mean()
    assert ch.panel("S").ucl[0] == pytest.approx(2.089 * sbar, rel=5e-4)
    p2 = xbar_s(SUBGROUPS, mean=50, sigma=2)
    assert p2.phase == "II"
    assert p2.panel("Xbar").ucl[0] == pytest.approx(50 + 3 * 2 / math.sqrt(5))
    assert p2.panel("S").ucl[0] == pytest.approx(1.964 * 2, rel=5e-4)  # B6(5) = 1.964
    r2 = xbar_r(SUBGROUPS, mean=50, sigma=2)
    assert r2.panel("R").ucl[0] == pytest.approx(4.918 * 2, rel=2e-4)  # D2(5) = 4.918


def test_phase_one_exclusion_re_estimates():
    data = SUBGROUPS.copy()
    data[10] += 8.0
    first = xbar_r(data)
    assert 10 in first.panel("Xbar").violations[1]
    ch = xbar_r(data, exclude_flagged=True)
    assert 10 in ch.excluded
    keep = np.delete(data, ch.excluded, axis=0)
    assert ch.estimates["mean"] == pytest.approx(keep.mean())
    assert 10 in ch.panel("Xbar").violations[1]  # still flagged against the revised limits


def test_imr_by_hand():
    x = np.array([10.0, 12.0, 11.0, 13.0, 12.0, 30.0, 11.0, 12.0])
    ch = imr(x)
    mrbar = np.abs(np.diff(x)).mean()
    sigma = mrbar / (2 / math.sqrt(math.pi))
    assert ch.panel("I").ucl[0] == pytest.approx(x.mean() + 3 * sigma)
    assert ch.panel("MR").ucl[0] == pytest.approx(3.267 * mrbar, rel=2e-4)
    assert ch.panel("MR").values[0] is None


def test_attribute_charts_by_hand():
    d = np.array([12, 15, 8, 10, 4, 7, 16, 9, 14, 10])
    n = np.array([100, 100, 80, 80, 100, 100, 120, 120, 100, 100])
    ch = p_chart(d, n)
    pbar = d.sum() / n.sum()
    assert ch.panel("p").ucl[2] == pytest.approx(pbar + 3 * math.sqrt(pbar * (1 - pbar) / 80))
    assert ch.panel("p").ucl[6] == pytest.approx(pbar + 3 * math.sqrt(pbar * (1 - pbar) / 120))
    npc = np_chart(d, 100)
    npbar = d.mean()
    assert npc.panel("np").ucl[0] == pytest.approx(npbar + 3 * math.sqrt(npbar * (1 - npbar / 100)))
    cc = c_chart([21, 24, 16, 12, 15, 5, 28, 20, 31, 25])
    assert cc.panel("c").ucl[0] == pytest.approx(19.7 + 3 * math.sqrt(19.7))
    uc = u_chart([10, 12, 8], [5, 6, 4])
    assert uc.panel("u").center[0] == pytest.approx(30 / 15)
    assert uc.panel("u").lcl[0] == pytest.approx(max(0, 2 - 3 * math.sqrt(2 / 5)))
    assert p_chart(d, n, p=0.05).phase == "II"


def test_ewma_recursion_and_limits():
    x = np.array([10.5, 9.8, 10.2, 11.0, 10.9, 11.3, 11.8, 12.0])
    ch = ewma(x, lam=0.2, L=3, mean=10, sigma=1)
    z, prev = [], 10.0
    for v in x:
        prev = 0.2 * v + 0.8 * prev
        z.append(prev)
    p = ch.panel("EWMA")
    assert p.values == pytest.approx(z)
    i = np.arange(1, 9)
    assert p.ucl == pytest.approx(10 + 3 * np.sqrt(0.2 / 1.8 * (1 - 0.8 ** (2 * i))))
    assert p.violations[1] == [i for i in range(8) if z[i] > p.ucl[i]]


def test_cusum_montgomery_style():
    # shift of one sigma after point 10 is detected by the upper CUSUM and not before
    x = np.concatenate([np.zeros(10), np.ones(15)])
    ch = cusum(x, k=0.5, h=5, mean=0, sigma=1)
    up = ch.panel("C+")
    # C+ grows 0.5 per point after the shift: exceeds 5 at the 11th shifted point
    assert up.values[9] == 0
    assert up.violations[1][0] == 10 + 10
    assert ch.panel("C-").violations[1] == []


# --- Nelson rules on series built so that the violating indices are known -----------------


def _flat(n=40):
    # alternating +-0.5 pattern breaks no rule except 4 (alternation), so use a gentle
    # non-alternating pattern within 1 sigma
    base = np.array([0.3, -0.4, -0.2, 0.5, 0.1, -0.3, 0.4, 0.2, -0.5, -0.1, 0.6, 0.0])
    return np.resize(base, n).astype(float)


def test_rule1():
    x = _flat()
    x[17] = 3.5
    x[30] = -4
    v = nelson_rules(x, 0, 1, rules=[1]).violations
    assert v[1] == [17, 30]


def test_rule2_nine_same_side():
    x = _flat()
    x[5:14] = 0.5  # nine points above centre: indices 5..13, flagged at 13
    x[4] = x[14] = -0.5
    v = nelson_rules(x, 0, 1, rules=[2]).violations
    assert v[2] == [13]


def test_rule3_six_increasing():
    x = _flat()
    x[20:26] = [-0.9, -0.5, -0.1, 0.2, 0.5, 0.8]
    x[26] = 0.0
    assert nelson_rules(x, 0, 1, rules=[3]).violations[3] == [25]


def test_rule4_fourteen_alternating():
    x = np.zeros(30)
    x[5:19] = [0.2 if i % 2 else -0.2 for i in range(14)]
    x[4] = x[5]  # break alternation before the run
    x[19] = x[18]
    assert nelson_rules(x, 0, 1, rules=[4]).violations[4] == [18]


def test_rule5_and_rule6():
    x = _flat()
    x[8] = 2.5
    x[10] = 2.2  # 2 of 3 (8, 9, 10) beyond +2 sigma -> flagged at 10
    v = nelson_rules(x, 0, 1, rules=[5]).violations
    assert v[5] == [10]
    y = _flat()
    y[20:25] = [1.5, 1.2, 0.2, 1.8, 1.1]  # 4 of 5 beyond +1 sigma -> flagged at 24
    assert nelson_rules(y, 0, 1, rules=[6]).violations[6] == [24]


def test_rule7_and_rule8():
    x = np.resize(np.array([1.5, -1.5, 1.2, -1.2, 0.0]), 40)
    x[10:25] = _flat(15)  # fifteen within 1 sigma: 10..24, flagged at 24
    x[9] = x[25] = 1.5
    v = nelson_rules(x, 0, 1, rules=[7]).violations
    assert v[7] == [24]
    y = _flat(30)
    y[3:11] = [1.5, -1.5, 2.0, -1.2, 1.3, -1.6, 1.1, -2.0]  # eight beyond 1 sigma, both sides
    assert nelson_rules(y, 0, 1, rules=[8]).violations[8] == [10]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(-2.9, 2.9), min_size=1, max_size=60))
def test_rule1_never_fires_inside_limits(values):
    assert nelson_rules(values, 0, 1, rules=[1]).violations[1] == []


# --- capability ---------------------------------------------------------------------------


def test_capability_by_hand_and_scipy():
    from scipy import stats

    x = RNG.normal(10, 0.5, 100)
    r = capability(x, lsl=8.5, usl=11.8, target=10)
    s = x.std(ddof=1)
    m = x.mean()
    sw = np.abs(np.diff(x)).mean() / (2 / math.sqrt(math.pi))
    assert r.pp == pytest.approx((11.8 - 8.5) / (6 * s))
    assert r.ppk == pytest.approx(min(11.8 - m, m - 8.5) / (3 * s))
    assert r.cp == pytest.approx((11.8 - 8.5) / (6 * sw))
    assert r.cpm == pytest.approx(3.3 / (6 * math.sqrt(((x - 10) ** 2).sum() / 99)))
    ppm = (stats.norm.cdf(8.5, m, s) + stats.norm.sf(11.8, m, s)) * 1e6
    assert r.ppm_expected_overall["total"] == pytest.approx(ppm)
    lo, hi = r.ci["pp"]
    assert lo == pytest.approx(r.pp * math.sqrt(stats.chi2.ppf(0.025, 99) / 99))
    assert hi == pytest.approx(r.pp * math.sqrt(stats.chi2.ppf(0.975, 99) / 99))
    half = stats.norm.ppf(0.975) * math.sqrt(1 / (9 * 100) + r.ppk**2 / 198)
    assert r.ci["ppk"] == pytest.approx([r.ppk - half, r.ppk + half])


def test_capability_subgroups_pooled_and_one_sided():
    r = capability(SUBGROUPS.ravel(), usl=58, subgroup_size=5)
    dev = SUBGROUPS - SUBGROUPS.mean(axis=1, keepdims=True)
    sp = math.sqrt((dev**2).sum() / 100)
    c4_101 = math.sqrt(2 / 100) * math.exp(math.lgamma(50.5) - math.lgamma(50))
    assert r.sigma_within == pytest.approx(sp / c4_101)
    assert r.cp is None and r.cpk == r.cpu
    assert r.ppm_expected_within["below_lsl"] == 0


# --- Gage R&R: spcforexcel "ANOVA Gage R&R" example (3 operators x 5 parts x 3 trials) -----

GAGE = np.array(
    [
        [
            [3.29, 3.41, 3.64],
            [2.44, 2.32, 2.42],
            [4.34, 4.17, 4.27],
            [3.47, 3.50, 3.64],
            [2.20, 2.08, 2.16],
        ],
        [
            [3.08, 3.25, 3.07],
            [2.53, 1.78, 2.32],
            [4.19, 3.94, 4.34],
            [3.01, 4.03, 3.20],
            [2.44, 1.80, 1.72],
        ],
        [
            [3.04, 2.89, 2.85],
            [1.62, 1.87, 2.04],
            [3.88, 4.09, 3.67],
            [3.14, 3.20, 3.11],
            [1.54, 1.93, 1.55],
        ],
    ]
)


def _gage_frame():
    rows = [
        (f"P{j + 1}", f"Op{i + 1}", GAGE[i, j, t])
        for i in range(3)
        for j in range(5)
        for t in range(3)
    ]
    return pd.DataFrame(rows, columns=["part", "operator", "measurement"])


def test_gage_rr_matches_published_anova():
    g = gage_rr(_gage_frame(), interaction_alpha=None)
    rows = {r.source: r for r in g.anova}
    # published: SS operator 1.630, part 28.909, interaction 0.065, repeatability 1.712, total 32.317
    assert round(rows["Operator"].sum_sq, 3) == 1.630
    assert round(rows["Part"].sum_sq, 3) == 28.909
    assert round(rows["Part*Operator"].sum_sq, 3) == 0.065
    assert round(rows["Repeatability"].sum_sq, 3) == 1.712
    assert round(rows["Total"].sum_sq, 3) == 32.317
    # F operator = 100.322, F part = 889.458, interaction F 0.142 (p 0.996)
    assert round(rows["Operator"].F, 3) == 100.322
    assert round(rows["Part"].F, 3) == 889.458
    assert round(rows["Part*Operator"].p_value, 3) == 0.996
    assert g.to_dict()["anova"][0]["F"] == rows["Part"].F  # the same row type as stats
    # variance components: operator 0.054, part 0.802, repeatability 0.057
    vc = g.variance_components
    assert round(vc["Operator"], 3) == 0.054
    assert round(vc["Part-to-Part"], 3) == 0.802
    assert round(vc["Repeatability"], 3) == 0.057
    assert vc["Part*Operator"] == 0.0


def test_gage_rr_against_statsmodels_and_pooling():
    import statsmodels.api as sm
    import statsmodels.formula.api as smf

    df = _gage_frame()
    tab = sm.stats.anova_lm(smf.ols("measurement ~ C(part) * C(operator)", data=df).fit(), typ=2)
    g = gage_rr(df, tolerance=4.0)
    assert g.interaction_pooled  # p = 0.996 >= 0.05
    pooled_ms = (tab.loc["C(part):C(operator)", "sum_sq"] + tab.loc["Residual", "sum_sq"]) / 38
    assert g.variance_components["Repeatability"] == pytest.approx(pooled_ms)
    assert g.pct_contribution["Total Variation"] == pytest.approx(100)
    assert g.pct_tolerance["Total Gage R&R"] == pytest.approx(
        100 * 6 * g.std_dev["Total Gage R&R"] / 4
    )
    assert g.ndc == math.floor(1.41 * g.std_dev["Part-to-Part"] / g.std_dev["Total Gage R&R"])


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: xbar_r([1, 2, 3, 4, 5]), "subgroup_size"),
        (lambda: xbar_r([1, 2, 3, 4, 5], subgroup_size=2), "do not split"),
        (lambda: xbar_r([[1, 2], [np.nan, 3]]), "NaN"),
        (lambda: xbar_r([[1, 2]]), "at least 2 subgroups"),
        (lambda: xbar_r(SUBGROUPS, mean=50), "both mean and sigma"),
        (lambda: xbar_r(SUBGROUPS, mean=50, sigma=-1), "sigma"),
        (lambda: imr([1.0, np.inf, 2.0]), "infinite"),
        (lambda: imr([1.0, 1.0, 1.0]), "moving range is zero"),
        (lambda: p_chart([5, 20], [10, 10]), "exceed"),
        (lambda: p_chart([1, 2], [10]), "entries"),
        (lambda: c_chart([-1, 2, 3]), "non-negative"),
        (lambda: nelson_rules([1, 2, 3], rules=[9]), "1-8"),
        (lambda: capability([1, 2, 3]), "specification"),
        (lambda: capability([1, 1, 1], lsl=0), "equal"),
        (lambda: capability([1, 2, 3], lsl=5, usl=4), "below"),
        (lambda: gage_rr(_gage_frame().iloc[:-1]), "balanced"),
        (lambda: gage_rr(_gage_frame(), part="pieza"), "not found"),
        (lambda: ewma([1, 2, 3], lam=0), "lam"),
    ],
)
def test_bad_input_names_the_problem(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_json_round_trip():
    import json

    ch = xbar_r(SUBGROUPS)
    d = json.loads(ch.to_json())
    assert d["kind"] == "ControlChart"
    assert d["panels"][0]["name"] == "Xbar"
    assert "Xbar-R" in ch.summary()


# --- Gage R&R: the interaction cut-off (Minitab: remove the term when p >= alpha, 0.05) -----


def _gage_with_interaction_p(target: float):
    """A balanced study whose part x operator p-value lands near ``target``."""
    rng = np.random.default_rng(3)
    best = None
    for _ in range(400):
        parts = rng.normal(0, 2, 6)
        ops = rng.normal(0, 0.3, 3)
        inter = rng.normal(0, 0.25, (6, 3))
        rows = [
            (f"P{i}", f"O{j}", parts[i] + ops[j] + inter[i, j] + rng.normal(0, 0.5))
            for i in range(6)
            for j in range(3)
            for _ in range(2)
        ]
        df = pd.DataFrame(rows, columns=["part", "operator", "measurement"])
        p = gage_rr(df, interaction_alpha=None).interaction_p_value
        if best is None or abs(p - target) < abs(best[0] - target):
            best = (p, df)
    return best


def test_gage_interaction_cutoff_follows_minitab_default():
    import statsmodels.api as sm
    import statsmodels.formula.api as smf

    p, df = _gage_with_interaction_p(0.15)
    assert 0.05 < p < 0.25
    tab = sm.stats.anova_lm(smf.ols("measurement ~ C(part) * C(operator)", data=df).fit(), typ=2)
    assert p == pytest.approx(tab.loc["C(part):C(operator)", "PR(>F)"], rel=1e-9)
    g = gage_rr(df)  # default 0.05: p >= 0.05 -> removed and pooled
    assert g.interaction_alpha == 0.05 and g.interaction_pooled
    assert (
        "removed" in g.interaction_decision and ">= alpha to remove 0.05" in g.interaction_decision
    )
    assert [r.source for r in g.anova] == ["Part", "Operator", "Repeatability", "Total"]
    assert "Part*Operator" in [r.source for r in g.anova_full]
    kept = gage_rr(df, interaction_alpha=0.25)  # the older cut-off keeps it
    assert not kept.interaction_pooled and "kept" in kept.interaction_decision
    assert "Part*Operator" in kept.variance_components
    # the boundary: p equal to alpha removes the term, as Minitab's ">= alpha" says
    assert gage_rr(df, interaction_alpha=p).interaction_pooled
    assert "interaction" in g.summary() and "removed" in g.summary()
    with pytest.raises(ValueError, match="interaction_alpha"):
        gage_rr(df, interaction_alpha=1.5)


def test_capability_summary_matches_the_overall_indices_of_the_same_values():
    from havoc_tools.spc import capability, capability_summary

    x = np.random.default_rng(11).normal(10.1, 0.12, 60)
    full = capability(x, lsl=9.7, usl=10.6, target=10.15)
    s = capability_summary(x.mean(), x.std(ddof=1), lsl=9.7, usl=10.6, target=10.15, n=60)
    # one SD: Cp = Pp and Cpk = Ppk, equal to the overall indices of the values themselves
    for key in ("cp", "cpk", "cpm"):
        want = {"cp": full.pp, "cpk": full.ppk, "cpm": full.cpm}[key]
        assert getattr(s, key) == pytest.approx(want, rel=1e-12)
    assert s.ci["cp"] == pytest.approx(full.ci["pp"], rel=1e-12)
    assert s.ci["cpk"] == pytest.approx(full.ci["ppk"], rel=1e-12)
    assert s.ppm_expected_overall["total"] == pytest.approx(
        full.ppm_expected_overall["total"], rel=1e-9
    )
    # by hand: (USL - LSL) / 6s and min(mean - LSL, USL - mean) / 3s
    sd = x.std(ddof=1)
    assert s.cp == pytest.approx(0.9 / (6 * sd)) and s.cpk == pytest.approx(
        min(x.mean() - 9.7, 10.6 - x.mean()) / (3 * sd)
    )


def test_capability_summary_textbook_case_and_bad_inputs():
    from havoc_tools.spc import capability_summary

    r = capability_summary(10.2, 0.1, lsl=9.5, usl=10.5)  # 1.0 / 0.6 and 0.3 / 0.3
    assert (r.cp, r.cpk, r.cpu) == (pytest.approx(5 / 3), pytest.approx(1.0), pytest.approx(1.0))
    assert r.ci == {} and "no confidence intervals" in r.summary()
    one_sided = capability_summary(4.2, 0.3, lsl=3.0)
    assert one_sided.cp is None and one_sided.cpk == pytest.approx(1.2 / 0.9)
    for kw, match in [
        ({"mean": 1.0, "sd": 0.0, "usl": 2.0}, "sd must be positive"),
        ({"mean": 1.0, "sd": 0.1}, "at least one specification limit"),
        ({"mean": float("nan"), "sd": 0.1, "usl": 2.0}, "finite"),
        ({"mean": 1.0, "sd": 0.1, "usl": 2.0, "n": 1}, "whole number >= 2"),
        ({"mean": 1.0, "sd": 0.1, "lsl": 2.0, "usl": 1.5}, "must be below"),
    ]:
        with pytest.raises(ValueError, match=match):
            capability_summary(**kw)
