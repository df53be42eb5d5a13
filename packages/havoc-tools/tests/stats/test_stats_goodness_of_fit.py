"""Kolmogorov-Smirnov and Lilliefors tests against scipy, statsmodels and a seeded simulation of
the Lilliefors null distribution."""

from __future__ import annotations

import json

import havoc_tools.stats as hs
import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy import stats
from statsmodels.stats.diagnostic import lilliefors as sm_lilliefors

RNG = np.random.default_rng(31)
POSITIVE = RNG.gamma(2.0, 1.5, 40)
NORMAL = RNG.normal(5, 2, 30)
SCIPY_NAME = {"weibull": "weibull_min"}


@pytest.mark.parametrize("dist", ["norm", "expon", "uniform", "gamma", "weibull", "lognorm"])
def test_estimated_parameters_and_statistic_match_scipy(dist: str) -> None:
    r = hs.ks_test(POSITIVE, dist)
    name = SCIPY_NAME.get(dist, dist)
    fixed = {"floc": 0.0} if dist in ("expon", "gamma", "weibull", "lognorm") else {}
    params = getattr(stats, name).fit(POSITIVE, **fixed)
    assert_allclose(list(r.extra["params"].values()), params, rtol=1e-12)
    ref = stats.kstest(POSITIVE, name, args=params)
    assert_allclose([r.statistic, r.p_value], [ref.statistic, ref.pvalue], rtol=1e-12)
    assert r.extra["p_value_approximate"] is True
    assert "loc" not in r.extra["estimated"] or not fixed
    assert "approximate p-value" in r.method and "conservative" in r.method


@pytest.mark.parametrize("alt", ["two-sided", "less", "greater"])
def test_given_parameters_all_alternatives_match_scipy(alt: str) -> None:
    r = hs.ks_test(NORMAL, "norm", [5, 2], alternative=alt)
    ref = stats.kstest(NORMAL, "norm", args=(5, 2), alternative=alt)
    assert_allclose([r.statistic, r.p_value], [ref.statistic, ref.pvalue], rtol=1e-12)
    assert r.extra["estimated"] == [] and "parameters given" in r.method
    by_name = hs.ks_test(NORMAL, "norm", {"loc": 5, "scale": 2}, alternative=alt)
    assert by_name.statistic == r.statistic


def test_lilliefors_matches_statsmodels() -> None:
    for x, dist in ((NORMAL, "norm"), (POSITIVE, "norm"), (POSITIVE, "exp")):
        r = hs.lilliefors(x, dist)
        d, p = sm_lilliefors(x, dist=dist, pvalmethod="table")
        assert_allclose([r.statistic, r.p_value], [d, p], rtol=1e-12)


def _simulated_lilliefors_p(d_obs: float, n: int, dist: str, reps: int = 20000) -> float:
    rng = np.random.default_rng(2026)
    if dist == "norm":
        sims = np.sort(rng.normal(size=(reps, n)), axis=1)
        m, s = sims.mean(axis=1, keepdims=True), sims.std(axis=1, ddof=1, keepdims=True)
        cdf = stats.norm.cdf((sims - m) / s)
    else:
        sims = np.sort(rng.exponential(size=(reps, n)), axis=1)
        cdf = stats.expon.cdf(sims / sims.mean(axis=1, keepdims=True))
    i = np.arange(1, n + 1)
    d = np.maximum(np.max(i / n - cdf, axis=1), np.max(cdf - (i - 1) / n, axis=1))
    return float(np.mean(d >= d_obs))


@pytest.mark.parametrize("dist", ["norm", "exp"])
def test_lilliefors_p_value_agrees_with_simulated_null(dist: str) -> None:
    rng = np.random.default_rng(5)
    x = rng.gamma(4.0, 1.0, 20) if dist == "norm" else rng.weibull(1.3, 20)
    r = hs.lilliefors(x, dist)
    assert 0.02 < r.p_value < 0.9  # a region where the comparison means something
    assert abs(r.p_value - _simulated_lilliefors_p(r.statistic, 20, dist)) < 0.015


@pytest.mark.parametrize("alt", ["two-sided", "less", "greater"])
@pytest.mark.parametrize("sizes", [(12, 9), (150, 120)])
def test_two_sample_matches_scipy(alt: str, sizes: tuple[int, int]) -> None:
    rng = np.random.default_rng(sum(sizes))
    x, y = rng.normal(0, 1, sizes[0]), rng.normal(0.4, 1.3, sizes[1])
    r = hs.ks_2samp(x, y, alternative=alt)
    ref = stats.ks_2samp(x, y, alternative=alt)
    assert_allclose([r.statistic, r.p_value], [ref.statistic, ref.pvalue], rtol=1e-10)
    assert "exact p-value" in r.method
    json.dumps(r.to_dict(), allow_nan=False)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: hs.ks_test(NORMAL, "cauchy"), "dist must be one of"),
        (lambda: hs.ks_test(NORMAL - 10, "gamma"), "needs values > 0"),
        (lambda: hs.ks_test(NORMAL - 10, "expon"), "needs values >= 0"),
        (lambda: hs.ks_test(NORMAL, "norm", [1.0]), "need 2 values"),
        (lambda: hs.ks_test(NORMAL, "norm", {"mu": 1, "sigma": 2}), "params for norm"),
        (lambda: hs.ks_test(NORMAL, "norm", [0, -1]), "scale must be positive"),
        (lambda: hs.ks_test([1.0, 1.0, 1.0, 1.0], "norm"), "all values are equal"),
        (lambda: hs.ks_test([1.0, 2.0], "norm"), "at least 3"),
        (lambda: hs.lilliefors(NORMAL, "t"), "'norm' or 'exp'"),
        (lambda: hs.lilliefors(NORMAL - 10, "exp"), ">= 0"),
        (lambda: hs.ks_2samp(NORMAL, POSITIVE, NORMAL), "exactly 2 groups"),
    ],
)
def test_bad_input_is_a_named_value_error(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()
