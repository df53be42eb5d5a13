"""Laney p'/u' charts and the short-run Z-MR chart.

The Laney formulas are those of Laney (2002) as Minitab documents them ("Methods and formulas for
Laney P' Chart": z_i = (p_i - p-bar)/sigma_pi, sigma_z = MR-bar(z)/1.128, limits
p-bar +- 3 sigma_pi sigma_z, LCL >= 0, UCL <= 1). The checks are against the classic p/u charts
(sigma_z = 1 gives exactly them) and against the dispersion that beta-binomial and gamma-Poisson
data have in theory: Var(p_i) = p (1 - p)/n (1 + (n - 1) rho) and Var(u_i) = u/n + u^2/a, so
sigma_z -> sqrt(1 + (n - 1) rho) and sqrt(1 + n u / a).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from havoc_tools.spc import imr, laney_p, laney_u, p_chart, u_chart, zmr

D = [12, 15, 8, 20, 11, 30, 9, 14, 17, 10]
N = [500, 520, 480, 510, 490, 505, 470, 500, 515, 495]


def test_laney_p_is_p_chart_scaled_by_sigma_z() -> None:
    lp = laney_p(D, N)
    pc = p_chart(D, N)
    pbar = sum(D) / sum(N)
    z = (np.array(D) / N - pbar) / np.sqrt(pbar * (1 - pbar) / np.array(N))
    sz = np.abs(np.diff(z)).mean() / 1.128379
    assert lp.estimates["sigma_z"] == pytest.approx(sz, rel=1e-6)
    a, b = lp.panels[0], pc.panels[0]
    assert a.values == pytest.approx(b.values)
    assert a.center == pytest.approx(b.center)
    width_p = np.array(b.ucl) - pbar
    assert np.array(a.ucl) - pbar == pytest.approx(width_p * sz)
    assert a.lcl == pytest.approx(np.maximum(pbar - width_p * sz, 0))


def test_sigma_z_one_reduces_to_the_classic_charts() -> None:
    for fixed, classic in (
        (laney_p(D, N, sigma_z=1.0), p_chart(D, N)),
        (laney_u(D, N, sigma_z=1.0), u_chart(D, N)),
    ):
        a, b = fixed.panels[0], classic.panels[0]
        assert a.ucl == pytest.approx(b.ucl) and a.lcl == pytest.approx(b.lcl)
        assert a.flagged == b.flagged


def test_binomial_data_give_sigma_z_near_one() -> None:
    rng = np.random.default_rng(1)
    n = rng.integers(800, 1200, size=3000)
    d = rng.binomial(n, 0.05)
    assert laney_p(d, n).estimates["sigma_z"] == pytest.approx(1.0, abs=0.04)


def test_beta_binomial_over_dispersion_matches_theory() -> None:
    rng = np.random.default_rng(2)
    p, rho, n = 0.05, 0.002, 1000
    a = p * (1 / rho - 1)
    b = (1 - p) * (1 / rho - 1)
    d = rng.binomial(n, rng.beta(a, b, size=4000))
    sz = laney_p(d, np.full(d.size, n)).estimates["sigma_z"]
    assert sz == pytest.approx(math.sqrt(1 + (n - 1) * rho), rel=0.04)
    # the classic p chart flags many in-control points; Laney's few
    flagged_p = len(p_chart(d, np.full(d.size, n)).panels[0].flagged)
    flagged_l = len(laney_p(d, np.full(d.size, n)).panels[0].flagged)
    assert flagged_p > 10 * max(flagged_l, 1)


def test_gamma_poisson_over_dispersion_u_chart() -> None:
    rng = np.random.default_rng(3)
    u, shape, n = 2.0, 50.0, 100.0
    counts = rng.poisson(n * u * rng.gamma(shape, 1 / shape, size=4000))
    sz = laney_u(counts, np.full(counts.size, n)).estimates["sigma_z"]
    assert sz == pytest.approx(math.sqrt(1 + n * u / shape), rel=0.04)


def test_laney_phase_two_and_bad_input() -> None:
    ch = laney_p(D, N, p=0.03, sigma_z=1.5)
    assert ch.phase == "II" and ch.estimates["p"] == 0.03
    assert ch.panels[0].ucl[0] == pytest.approx(0.03 + 3 * 1.5 * math.sqrt(0.03 * 0.97 / 500))
    with pytest.raises(ValueError, match="exceed"):
        laney_p([5, 600], [500, 500])
    with pytest.raises(ValueError, match="sigma_z"):
        laney_p(D, N, sigma_z=-1)
    with pytest.raises(ValueError, match="centre line is 0"):
        laney_u([0, 0, 0], [5, 5, 5])
    with pytest.raises(ValueError, match="sizes"):
        laney_p(D, N[:-1])


def test_zmr_one_part_is_the_standardised_imr() -> None:
    x = np.array([10.2, 9.8, 10.5, 10.1, 9.6, 10.9, 10.0, 9.7, 13.9, 10.3])
    ch = zmr(x, ["A"] * x.size)
    ref = imr(x)
    mu, s = ref.estimates["mean"], ref.estimates["sigma"]
    assert ch.panel("Z").values == pytest.approx((x - mu) / s)
    assert ch.panel("Z").flagged == ref.panel("I").flagged
    mr = ch.panel("MR")
    assert mr.values[1:] == pytest.approx(np.abs(np.diff(x)) / s)
    assert mr.center[0] == pytest.approx(1.128379, abs=1e-6)
    assert mr.ucl[0] == pytest.approx(3.686, abs=1e-3)


def test_zmr_parts_constant_and_known() -> None:
    x = [5.1, 5.3, 4.9, 20.4, 19.6, 20.2, 5.0, 5.2, 19.9, 20.5]
    parts = ["s", "s", "s", "L", "L", "L", "s", "s", "L", "L"]
    by_part = zmr(x, parts)
    xs = np.array([5.1, 5.3, 4.9, 5.0, 5.2])
    assert by_part.estimates["mean[s]"] == pytest.approx(xs.mean())
    assert by_part.estimates["sigma[s]"] == pytest.approx(np.abs(np.diff(xs)).mean() / 1.128379)
    const = zmr(x, parts, method="constant")
    assert const.estimates["sigma[s]"] == const.estimates["sigma[L]"]
    xl = np.array([20.4, 19.6, 20.2, 19.9, 20.5])
    pooled = np.concatenate([np.abs(np.diff(xs)), np.abs(np.diff(xl))]).mean() / 1.128379
    assert const.estimates["sigma[s]"] == pytest.approx(pooled)
    known = zmr(x, parts, method="known", means={"s": 5, "L": 20}, sigmas={"s": 0.1, "L": 0.1})
    assert known.panel("Z").values[0] == pytest.approx(1.0)
    assert known.phase == "II"
    assert 3 in known.panel("Z").flagged  # 20.4 is 4 sigma above 20


def test_zmr_bad_input() -> None:
    with pytest.raises(ValueError, match="single value"):
        zmr([1.0, 2.0, 3.0, 9.0], ["a", "a", "a", "b"])
    with pytest.raises(ValueError, match="part labels"):
        zmr([1.0, 2.0, 3.0], ["a", "a"])
    with pytest.raises(ValueError, match="method"):
        zmr([1.0, 2.0, 3.0], ["a"] * 3, method="runs")
    with pytest.raises(ValueError, match="no value for part"):
        zmr([1.0, 2.0, 3.0], ["a", "b", "b"], method="known", means={"a": 1}, sigmas={"a": 1})
    with pytest.raises(ValueError, match="constant values"):
        zmr([1.0, 1.0, 3.0, 4.0], ["a", "a", "b", "b"])
