"""Tests of equal spread (F, Levene / Brown-Forsythe, Bartlett, Mood, Fligner-Killeen) against
scipy, the F-distribution formulas of R's var.test, and R's published InsectSprays results."""

from __future__ import annotations

import havoc_tools.stats as hs
import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from scipy import stats

# R's InsectSprays: insect counts after six sprays
SPRAYS = {
    "A": [10, 7, 20, 14, 14, 12, 10, 23, 17, 20, 14, 13],
    "B": [11, 17, 21, 11, 16, 14, 17, 17, 19, 21, 7, 13],
    "C": [0, 1, 7, 2, 3, 1, 2, 1, 3, 0, 1, 4],
    "D": [3, 5, 12, 6, 4, 3, 5, 5, 5, 5, 2, 4],
    "E": [3, 5, 3, 5, 3, 6, 1, 1, 3, 2, 6, 4],
    "F": [11, 9, 15, 22, 15, 16, 13, 10, 26, 26, 24, 13],
}
LONG = pd.DataFrame(
    {"count": sum(SPRAYS.values(), []), "spray": np.repeat(list(SPRAYS), 12).tolist()}
)
RNG = np.random.default_rng(99)
X = RNG.normal(0, 1.0, 14)
Y = RNG.normal(0.5, 1.8, 11)


def test_insect_sprays_published_r_values() -> None:
    # R: bartlett.test(count ~ spray): Bartlett's K-squared = 25.96, df = 5, p-value = 9.085e-05
    b = hs.bartlett(SPRAYS)
    assert round(b.statistic, 2) == 25.96 and b.df == 5 and round(b.p_value, 8) == 9.085e-05
    # R: fligner.test(count ~ spray): med chi-squared = 14.483, df = 5, p-value = 0.01282
    f = hs.fligner(LONG, dv="count", group="spray")
    assert round(f.statistic, 3) == 14.483 and f.df == 5 and round(f.p_value, 5) == 0.01282
    # R: car::leveneTest(count ~ spray) (center = median): F = 3.8214, Pr(>F) = 0.004223
    lv = hs.levene(SPRAYS)
    assert round(lv.statistic, 4) == 3.8214 and round(lv.p_value, 6) == 0.004223


@pytest.mark.parametrize("center", ["median", "mean"])
def test_levene_centres_are_selectable_and_named(center: str) -> None:
    r = hs.levene(LONG, dv="count", group="spray", center=center)
    ref = stats.levene(*SPRAYS.values(), center=center)
    assert_allclose([r.statistic, r.p_value], [ref.statistic, ref.pvalue], rtol=1e-12)
    assert r.extra["center"] == center
    assert ("Brown-Forsythe" in r.method) == (center == "median")
    assert ("original Levene" in r.method) == (center == "mean")


@pytest.mark.parametrize("alt", ["two-sided", "less", "greater"])
def test_f_test_matches_the_var_test_formulas(alt: str) -> None:
    r = hs.f_test_variances(X, Y, alternative=alt, alpha=0.1)
    vx, vy = np.var(X, ddof=1), np.var(Y, ddof=1)
    f, d1, d2 = vx / vy, X.size - 1, Y.size - 1
    lower, upper = stats.f.cdf(f, d1, d2), stats.f.sf(f, d1, d2)
    p = {"two-sided": 2 * min(lower, upper), "less": lower, "greater": upper}[alt]
    assert_allclose([r.statistic, r.p_value], [f, p], rtol=1e-13)
    assert r.df == [d1, d2]
    lo_q = {"two-sided": 0.95, "greater": 0.9, "less": None}[alt]
    hi_q = {"two-sided": 0.05, "less": 0.1, "greater": None}[alt]
    assert r.ci_low == (0.0 if lo_q is None else pytest.approx(f / stats.f.ppf(lo_q, d1, d2)))
    if hi_q is None:
        assert r.ci_high == float("inf") and r.to_dict()["ci_high"] is None
    else:
        assert_allclose(r.ci_high, f / stats.f.ppf(hi_q, d1, d2), rtol=1e-13)


def test_f_test_ratio_and_long_table() -> None:
    r = hs.f_test_variances(X, Y, ratio=0.5)
    assert_allclose(r.statistic, np.var(X, ddof=1) / np.var(Y, ddof=1) / 0.5, rtol=1e-14)
    assert_allclose(r.estimate, np.var(X, ddof=1) / np.var(Y, ddof=1), rtol=1e-14)
    df = pd.DataFrame({"y": np.r_[X, Y], "g": ["p"] * X.size + ["q"] * Y.size})
    long = hs.f_test_variances(df, dv="y", group="g")
    assert long.statistic == hs.f_test_variances(X, Y).statistic and set(long.n) == {"p", "q"}
    assert [a.name for a in long.assumptions] == ["normality of p", "normality of q"]


@pytest.mark.parametrize("alt", ["two-sided", "less", "greater"])
@pytest.mark.parametrize("ties", [False, True])
def test_mood_matches_scipy(alt: str, ties: bool) -> None:
    x, y = (np.round(X, 0), np.round(Y, 0)) if ties else (X, Y)
    r = hs.mood_scale(x, y, alternative=alt)
    ref = stats.mood(x, y, alternative=alt)
    assert_allclose([r.statistic, r.p_value], [ref.statistic, ref.pvalue], rtol=1e-11)


def test_mood_without_ties_by_formula() -> None:
    n_all = X.size + Y.size
    ranks = stats.rankdata(np.r_[X, Y])[: X.size]
    m = np.sum((ranks - (n_all + 1) / 2) ** 2)
    e = X.size * (n_all**2 - 1) / 12
    v = X.size * Y.size * (n_all + 1) * (n_all**2 - 4) / 180
    assert_allclose(hs.mood_scale(X, Y).statistic, (m - e) / np.sqrt(v), rtol=1e-13)


@pytest.mark.parametrize("ties", [False, True])
def test_fligner_matches_scipy(ties: bool) -> None:
    groups = [X, Y, RNG.normal(0, 3, 9)]
    if ties:
        groups = [np.round(g, 0) for g in groups]
    r = hs.fligner(*groups)
    ref = stats.fligner(*groups)
    assert_allclose([r.statistic, r.p_value], [ref.statistic, ref.pvalue], rtol=1e-12)
    assert r.df == 2


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: hs.f_test_variances(X, Y, np.r_[X, 1.0]), "exactly 2 groups"),
        (lambda: hs.f_test_variances(X, [2.0, 2.0, 2.0]), "variance is zero"),
        (lambda: hs.f_test_variances(X, [1.0]), "at least 2"),
        (lambda: hs.f_test_variances(X, Y, ratio=0), "ratio"),
        (lambda: hs.mood_scale([1.0, 1.0], [1.0, 1.0]), "all values are equal"),
        (lambda: hs.mood_scale(X, ["a", "b"]), "numbers"),
        (lambda: hs.fligner(X), "give the groups"),
        (
            lambda: hs.fligner(pd.DataFrame({"y": X, "g": "a"}), dv="y", group="h"),
            "'h' not found",
        ),
    ],
)
def test_bad_input_is_a_named_value_error(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()
