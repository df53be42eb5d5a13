"""Power for one proportion, TOST and 2-level factorials, and power curves, against statsmodels,
scipy, PowerTOST's published example and seeded simulations."""

from __future__ import annotations

import math

import numpy as np
import pytest
from havoc_tools.stats import (
    power_anova,
    power_curve,
    power_factorial,
    power_proportion,
    power_proportions,
    power_tost,
    power_ttest,
)
from scipy import stats

# ----------------------------------------------------------------------------- one proportion


@pytest.mark.parametrize("alternative", ["two-sided", "larger", "smaller"])
def test_normal_method_matches_statsmodels(alternative: str) -> None:
    from statsmodels.stats.power import NormalIndPower
    from statsmodels.stats.proportion import proportion_effectsize

    ours = {"larger": "greater", "smaller": "less"}.get(alternative, alternative)
    p, p0 = (0.62, 0.5) if alternative != "smaller" else (0.38, 0.5)
    h = proportion_effectsize(p, p0)
    want = NormalIndPower().power(h, nobs1=75, alpha=0.05, ratio=0, alternative=alternative)
    got = power_proportion(p, p0, n=75, method="normal", alternative=ours)
    assert got.power == pytest.approx(want, rel=1e-10)
    n_sm = NormalIndPower().solve_power(h, power=0.9, alpha=0.05, ratio=0, alternative=alternative)
    n_ours = power_proportion(p, p0, power=0.9, method="normal", alternative=ours).n
    assert n_ours == pytest.approx(n_sm, rel=1e-6)


@pytest.mark.parametrize(
    ("alternative", "p"), [("two-sided", 0.3), ("greater", 0.7), ("less", 0.3)]
)
def test_exact_power_is_the_binomtest_rejection_probability(alternative: str, p: float) -> None:
    n, p0, alpha = 40, 0.5, 0.05
    reject = [
        x
        for x in range(n + 1)
        if stats.binomtest(x, n, p0, alternative=alternative).pvalue <= alpha
    ]
    want = float(stats.binom.pmf(reject, n, p).sum())
    got = power_proportion(p, p0, n=n, alternative=alternative)
    assert got.power == pytest.approx(want, rel=1e-12)


@pytest.mark.parametrize(
    ("p", "p0", "alternative"), [(0.3, 0.5, "two-sided"), (0.2, 0.1, "greater"), (0.6, 0.8, "less")]
)
def test_exact_sample_size_is_the_smallest_reaching_the_power(p, p0, alternative) -> None:  # type: ignore[no-untyped-def]
    r = power_proportion(p, p0, power=0.8, alternative=alternative)
    assert r.power >= 0.8
    for n in range(1, int(r.n)):
        assert power_proportion(p, p0, n=n, alternative=alternative).power < 0.8


def test_exact_power_against_simulated_binomial_tests() -> None:
    rng = np.random.default_rng(7)
    x = rng.binomial(25, 0.75, size=4000)
    pval = {v: stats.binomtest(v, 25, 0.5).pvalue for v in range(26)}
    rej = np.mean([pval[int(v)] <= 0.05 for v in x])
    got = power_proportion(0.75, 0.5, n=25).power
    assert abs(rej - got) < 4 * math.sqrt(got * (1 - got) / x.size)


def test_power_proportion_bad_input() -> None:
    with pytest.raises(ValueError, match="no effect"):
        power_proportion(0.5, 0.5, n=10)
    with pytest.raises(ValueError, match="p0 must be"):
        power_proportion(0.5, 1.2, n=10)
    with pytest.raises(ValueError, match="whole number"):
        power_proportion(0.3, 0.5, n=10.5)
    with pytest.raises(ValueError, match="exactly one"):
        power_proportion(0.3, 0.5)
    with pytest.raises(ValueError, match="method"):
        power_proportion(0.3, 0.5, n=10, method="wald")
    with pytest.raises(ValueError, match="above n_max"):
        power_proportion(0.5, 0.51, power=0.9)


# ----------------------------------------------------------------------------- TOST


def test_tost_matches_powertost_published_example() -> None:
    """PowerTOST vignette "ABE" (Labes, Schuetz, Lang): sampleN.TOST(CV = 0.30) for a 2x2
    crossover, theta0 = 0.95, limits 0.80-1.25, alpha 0.05, gives n = 40 with power 0.815845.
    On the log scale the crossover is a two-sample comparison of n/2 per sequence with
    sigma_w = sqrt(log(CV^2 + 1)) and SE = sigma_w sqrt(2/n): sigma = sigma_w / sqrt(2) here."""
    sw = math.sqrt(math.log(0.3**2 + 1))
    kw = {"diff": math.log(0.95), "sigma": sw / math.sqrt(2), "kind": "two-sample"}
    r = power_tost(math.log(0.8), math.log(1.25), n=20, **kw)
    assert r.power == pytest.approx(0.815845, abs=5e-7)
    assert power_tost(math.log(0.8), math.log(1.25), n=19, **kw).power < 0.8
    solved = power_tost(math.log(0.8), math.log(1.25), power=0.8, **kw)
    assert 19 < solved.n < 20 and solved.n_rounded == 20


def test_tost_power_against_statsmodels_ttost_simulation() -> None:
    from statsmodels.stats.weightstats import ttost_ind, ttost_paired

    rng = np.random.default_rng(12)
    n_sim = 2000
    hits_ind = hits_paired = 0
    for _ in range(n_sim):
        a = rng.normal(0.1, 1.0, 25)
        b = rng.normal(0.0, 1.0, 25)
        hits_ind += ttost_ind(a, b, -0.6, 0.6, usevar="pooled")[0] < 0.05
        d = rng.normal(0.1, 1.0, 20)
        hits_paired += ttost_paired(d, np.zeros(20), -0.5, 0.5)[0] < 0.05
    for hits, res in (
        (hits_ind, power_tost(-0.6, 0.6, diff=0.1, n=25)),
        (hits_paired, power_tost(-0.5, 0.5, diff=0.1, n=20, kind="paired")),
    ):
        se = math.sqrt(res.power * (1 - res.power) / n_sim)
        assert abs(hits / n_sim - res.power) < 4 * se, (hits / n_sim, res.power)


def test_tost_symmetry_and_bad_input() -> None:
    a = power_tost(-1, 1, diff=0.3, n=15, kind="one-sample").power
    b = power_tost(-1, 1, diff=-0.3, n=15, kind="one-sample").power
    assert a == pytest.approx(b, rel=1e-9)
    assert power_tost(-0.2, 0.2, diff=0.5, n=50).power <= 0.05
    with pytest.raises(ValueError, match="low must be below high"):
        power_tost(1, -1, n=10)
    with pytest.raises(ValueError, match="outside"):
        power_tost(-0.2, 0.2, diff=0.5, power=0.8)
    with pytest.raises(ValueError, match="sigma"):
        power_tost(-1, 1, sigma=0, n=10)
    with pytest.raises(ValueError, match="kind"):
        power_tost(-1, 1, n=10, kind="three-sample")


# ----------------------------------------------------------------------------- factorial


@pytest.mark.parametrize(
    ("k", "runs", "reps", "center", "terms"),
    [(3, None, 2, 0, 6), (4, 8, 2, 4, 7), (2, None, 3, 3, 3), (5, 16, 1, 6, 15)],
)
def test_factorial_power_matches_statsmodels_ftest(k, runs, reps, center, terms) -> None:  # type: ignore[no-untyped-def]
    from statsmodels.stats.power import FTestPower, ftest_power

    effect, sigma = 2.0, 1.5
    r = power_factorial(
        k, effect=effect, replicates=reps, sigma=sigma, runs=runs, center=center, terms=terms
    )
    corner = (runs or 2**k) * reps
    df_e = corner + center - 1 - terms - (1 if center else 0)
    lam = corner * effect**2 / (4 * sigma**2)
    f = math.sqrt(lam / (1 + df_e))  # statsmodels: ncp = f^2 (df1 + df2 + ncc), ncc = 0
    want = ftest_power(f, df_e, 1, 0.05, ncc=0)
    assert r.extra["df_error"] == df_e
    assert r.power == pytest.approx(want, rel=1e-9)
    # the class API, whose df_num/df_denom names are swapped (statsmodels documents this)
    cls = FTestPower().power(effect_size=f, df_num=df_e, df_denom=1, alpha=0.05, ncc=0)
    assert r.power == pytest.approx(cls, rel=1e-9)


def test_factorial_power_against_simulated_regressions() -> None:
    """Simulate a replicated 2^3 design, fit the main-effects + two-factor-interaction model
    with statsmodels OLS and count how often the A effect is significant."""
    import itertools

    import statsmodels.api as sm

    base = np.array(list(itertools.product([-1, 1], repeat=3)), dtype=float)
    X = np.vstack([base, base])
    A, B, C = X.T
    design = sm.add_constant(np.column_stack([A, B, C, A * B, A * C, B * C]))
    rng = np.random.default_rng(5)
    effect, sigma, n_sim = 2.0, 1.5, 1500
    hits = 0
    for _ in range(n_sim):
        y = effect / 2 * A + rng.normal(0, sigma, A.size)
        hits += sm.OLS(y, design).fit().pvalues[1] < 0.05
    want = power_factorial(3, effect=effect, replicates=2, sigma=sigma, terms=6).power
    assert abs(hits / n_sim - want) < 4 * math.sqrt(want * (1 - want) / n_sim)


def test_factorial_solves_replicates_and_effect() -> None:
    r = power_factorial(3, effect=2.0, power=0.9, sigma=1.5, terms=6)
    assert r.solved_for == "replicates" and r.power >= 0.9
    reps = r.extra["replicates"]
    below = power_factorial(3, effect=2.0, replicates=reps - 1, sigma=1.5, terms=6).power
    assert below < 0.9
    e = power_factorial(3, replicates=2, power=0.8, sigma=1.5, terms=6)
    again = power_factorial(3, effect=e.extra["effect"], replicates=2, sigma=1.5, terms=6)
    assert again.power == pytest.approx(0.8, abs=1e-8)


def test_factorial_bad_input() -> None:
    with pytest.raises(ValueError, match="error degrees of freedom"):
        power_factorial(3, effect=1.0, replicates=1)  # saturated 2^3, no error df
    with pytest.raises(ValueError, match="power of 2"):
        power_factorial(3, effect=1.0, replicates=2, runs=6)
    with pytest.raises(ValueError, match="terms must be at most"):
        power_factorial(2, effect=1.0, replicates=2, terms=5)
    with pytest.raises(ValueError, match="nothing to detect"):
        power_factorial(2, effect=0.0, replicates=2)


# ----------------------------------------------------------------------------- curves


def test_power_curve_is_the_pointwise_power() -> None:
    c = power_curve("ttest", [10, 20, 64], effect_size=0.5)
    assert c.power == [power_ttest(0.5, n=v).power for v in (10, 20, 64)]
    assert c.first_reaching() == 64
    a = power_curve("anova", [0.1, 0.25, 0.4], vary="effect", n=20, k=3)
    assert a.vary == "effect_size"
    assert a.power == [power_anova(v, n=20, k=3).power for v in (0.1, 0.25, 0.4)]
    pp = power_curve("proportions", [50, 100], p1=0.5, p2=0.3)
    assert pp.power[1] == power_proportions(0.5, 0.3, n=100).power
    f = power_curve("factorial", [1, 2, 3], factors=3, effect=2.0, sigma=1.5, terms=6)
    assert f.vary == "replicates" and f.power == sorted(f.power)
    t = power_curve("tost", [10, 40], low=-0.5, high=0.5)
    assert t.power[1] == power_tost(-0.5, 0.5, n=40).power
    one = power_curve("proportion", [20, 40], p=0.3, p0=0.5)
    assert one.power[0] == power_proportion(0.3, 0.5, n=20).power


def test_power_curve_plot(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from havoc_tools.plots import save_plot

    c = power_curve("ttest", [10, 20, 40, 80], effect_size=0.5)
    out = save_plot(c, tmp_path / "curve.png")
    assert out.stat().st_size > 1000


def test_power_curve_bad_input() -> None:
    with pytest.raises(ValueError, match="test must be"):
        power_curve("chisq", [10])
    with pytest.raises(ValueError, match="vary must be"):
        power_curve("ttest", [10], vary="alpha", effect_size=0.5)
    with pytest.raises(ValueError, match="do not pass power"):
        power_curve("ttest", [10], effect_size=0.5, power=0.8)
    with pytest.raises(ValueError, match="whole numbers"):
        power_curve("factorial", [1.5], factors=3, effect=1.0)
    with pytest.raises(ValueError, match="unexpected keyword|got an unexpected"):
        power_curve("ttest", [10], effect_size=0.5, bogus=1)
