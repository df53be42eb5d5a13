"""Correlation and partial correlation against scipy, pingouin and R's cor.test."""

from __future__ import annotations

import json

import havoc_tools.stats as hs
import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from numpy.testing import assert_allclose
from scipy import stats

RNG = np.random.default_rng(20261206)
X = RNG.normal(10, 2, 25)
Y = 0.6 * X + RNG.normal(0, 1.5, 25)
Z1 = 0.3 * X + RNG.normal(0, 1, 25)
Z2 = RNG.normal(0, 1, 25) - 0.2 * Y
FRAME = pd.DataFrame({"x": X, "y": Y, "z1": Z1, "z2": Z2})

SCIPY = {"pearson": stats.pearsonr, "spearman": stats.spearmanr, "kendall": stats.kendalltau}
ALTS = ["two-sided", "less", "greater"]


@pytest.fixture(autouse=True)
def _pingouin_full_precision(monkeypatch):
    # pingouin rounds CI95 columns to 2 decimals for display unless told otherwise
    monkeypatch.setitem(pg.options, "round.column.CI95", None)


@pytest.mark.parametrize("method", ["pearson", "spearman", "kendall"])
@pytest.mark.parametrize("alt", ALTS)
def test_coefficient_and_p_value_match_scipy(method: str, alt: str) -> None:
    r = hs.correlation(X, Y, method=method, alternative=alt)
    ref = SCIPY[method](X, Y, alternative=alt)
    assert_allclose([r.r, r.statistic], [ref.statistic, ref.statistic], rtol=1e-13)
    assert_allclose(r.p_value, ref.pvalue, rtol=1e-10)
    assert r.coefficient_name == {"pearson": "r", "spearman": "rho", "kendall": "tau_b"}[method]
    assert r.n_pairs == 25 and r.n == {"pairs": 25}


@pytest.mark.parametrize("method", ["pearson", "spearman", "kendall"])
@pytest.mark.parametrize("alt", ALTS)
def test_matches_pingouin_corr_including_ci(method: str, alt: str) -> None:
    r = hs.correlation(X, Y, method=method, alternative=alt)
    ref = pg.corr(X, Y, method=method, alternative=alt).iloc[0]
    assert_allclose(r.r, ref["r"], rtol=1e-12)
    assert_allclose(r.p_value, ref["p_val"], rtol=1e-9)
    assert int(ref["n"]) == r.n_pairs
    if method == "kendall":  # pingouin puts a Pearson-style Fisher-z CI on tau; we give none
        assert r.ci_low is None and r.ci_high is None
    else:  # pingouin rounds its CI to 6 decimals
        assert_allclose([r.ci_low, r.ci_high], list(ref["CI95"]), atol=5e-7)


def test_r_cor_test_documentation_example() -> None:
    # ?cor.test in R: Hollander & Wolfe (1973) p. 187
    x = [44.4, 45.9, 41.9, 53.3, 44.7, 44.1, 50.7, 45.2, 60.1]
    y = [2.6, 3.1, 2.5, 5.0, 3.6, 4.0, 5.2, 2.8, 3.8]
    p = hs.correlation(x, y)  # t = 1.8411, df = 7, p-value = 0.1082, CI -0.1497426 0.8955795
    assert round(p.extra["t"], 4) == 1.8411 and p.df == 7
    assert round(p.p_value, 4) == 0.1082
    assert round(p.r, 7) == 0.5711816
    assert (round(p.ci_low, 7), round(p.ci_high, 7)) == (-0.1497426, 0.8955795)
    k = hs.correlation(x, y, method="kendall", alternative="greater")  # T = 26, p = 0.05972
    assert round(k.r, 7) == 0.4444444 and round(k.p_value, 5) == 0.05972


def test_fisher_z_interval_by_formula() -> None:
    r = hs.correlation(X, Y, alpha=0.1)
    z, se = np.arctanh(r.r), 1 / np.sqrt(25 - 3)
    q = stats.norm.ppf(0.95)
    assert_allclose([r.ci_low, r.ci_high], np.tanh([z - q * se, z + q * se]), rtol=1e-14)
    g = hs.correlation(X, Y, alternative="greater")
    assert g.ci_high == 1.0
    assert_allclose(g.ci_low, np.tanh(z - stats.norm.ppf(0.95) * se), rtol=1e-14)


def test_pairs_with_missing_values_are_dropped_and_counted() -> None:
    x, y = X.copy(), Y.copy()
    x[[2, 7]] = np.nan
    y[[7, 11]] = np.nan
    r = hs.correlation(x, y, method="spearman")
    keep = ~(np.isnan(x) | np.isnan(y))
    ref = stats.spearmanr(x[keep], y[keep])
    assert r.n_pairs == 22 and r.n_dropped == 3 and r.extra["n_dropped"] == 3
    assert_allclose([r.r, r.p_value], [ref.statistic, ref.pvalue], rtol=1e-12)
    assert "dropped (missing values) = 3" in r.summary()
    json.dumps(r.to_dict(), allow_nan=False)
    assert r.to_dict()["r"] == r.r and r.to_dict()["p_value"] == r.p_value


@pytest.mark.parametrize("method", ["pearson", "spearman"])
@pytest.mark.parametrize("covar", [["z1"], ["z1", "z2"]])
@pytest.mark.parametrize("alt", ALTS)
def test_partial_correlation_matches_pingouin(method: str, covar: list, alt: str) -> None:
    r = hs.partial_correlation(FRAME, "x", "y", covar, method=method, alternative=alt)
    ref = pg.partial_corr(FRAME, "x", "y", covar=covar, method=method, alternative=alt).iloc[0]
    assert_allclose(r.r, ref["r"], rtol=1e-10)
    assert_allclose(r.p_value, ref["p_val"], rtol=1e-8)
    assert_allclose([r.ci_low, r.ci_high], list(ref["CI95"]), atol=5e-7)
    assert r.df == 25 - 2 - len(covar) and r.covariates == covar


def test_partial_correlation_with_one_covariate_by_formula() -> None:
    # r_xy.z = (r_xy - r_xz r_yz) / sqrt((1 - r_xz^2)(1 - r_yz^2))
    rxy, rxz, ryz = (stats.pearsonr(a, b).statistic for a, b in ((X, Y), (X, Z1), (Y, Z1)))
    want = (rxy - rxz * ryz) / np.sqrt((1 - rxz**2) * (1 - ryz**2))
    assert_allclose(hs.partial_correlation(FRAME, "x", "y", "z1").r, want, rtol=1e-12)


def test_partial_correlation_drops_incomplete_rows() -> None:
    df = FRAME.copy()
    df.loc[[0, 5], "z1"] = np.nan
    r = hs.partial_correlation(df, "x", "y", ["z1"])
    ref = pg.partial_corr(df, "x", "y", covar=["z1"]).iloc[0]
    assert r.n_dropped == 2 and r.n_pairs == 23 == int(ref["n"])
    assert_allclose(r.r, ref["r"], rtol=1e-10)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: hs.correlation([1, 2], [3, 4]), "at least 3 complete pairs"),
        (lambda: hs.correlation([1, 2, np.nan, 4], [1, np.nan, 3, 4]), "2 dropped"),
        (lambda: hs.correlation([1, 2, 3], [5, 5, 5]), "y: all values are equal"),
        (lambda: hs.correlation([1, 2, 3], [1, 2]), "different lengths"),
        (lambda: hs.correlation([1, 2, 3], ["a", "b", "c"]), "numbers"),
        (lambda: hs.correlation(X, Y, method="pearsons"), "method"),
        (lambda: hs.partial_correlation(FRAME, "x", "y", []), "at least one covariate"),
        (lambda: hs.partial_correlation(FRAME, "x", "y", ["zz"]), "'zz' not found"),
        (lambda: hs.partial_correlation(FRAME, "x", "x", ["z1"]), "different columns"),
        (
            lambda: hs.partial_correlation(FRAME.assign(g="a"), "x", "y", ["g"]),
            "column 'g' must hold numbers",
        ),
        (
            lambda: hs.partial_correlation(FRAME.assign(w=2 * FRAME.z1 + 1), "x", "y", ["z1", "w"]),
            "collinear",
        ),
        (
            lambda: hs.partial_correlation(FRAME.assign(w=FRAME.x * 3), "w", "y", ["x"]),
            "linear function",
        ),
        (lambda: hs.partial_correlation(FRAME.head(4), "x", "y", ["z1"]), "at least 5"),
    ],
)
def test_bad_input_is_a_named_value_error(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_exports_stay_functions_after_their_modules_are_imported() -> None:
    # a submodule named like one of its functions would shadow it on the package
    import importlib
    import types

    for module in set(hs._WHERE.values()):
        importlib.import_module(f"havoc_tools.stats.{module}")
    for name in hs.__all__:
        assert not isinstance(getattr(hs, name), types.ModuleType), name
