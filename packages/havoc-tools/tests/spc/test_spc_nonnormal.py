"""Non-normal capability, Box-Cox, Johnson and distribution identification against scipy."""

from __future__ import annotations

import doctest
import math

import numpy as np
import pytest
from havoc_tools import spc
from havoc_tools.plots import save_plot
from havoc_tools.spc import nonnormal
from havoc_tools.stats import anderson_darling
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats

RNG = np.random.default_rng(20261206)
WEIBULL = stats.weibull_min.rvs(2.5, scale=3.0, size=60, random_state=RNG)
SKEWED = stats.lognorm.rvs(0.6, scale=2.0, size=80, random_state=RNG)
SHIFTED = 10 + stats.weibull_min.rvs(2.2, scale=3.0, size=120, random_state=RNG)


def test_docstring_examples():
    for mod in (nonnormal,):
        res = doctest.testmod(mod)
        assert res.attempted >= 5 and res.failed == 0


# ---- Box-Cox ------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [WEIBULL, SKEWED, SHIFTED, 1 / SKEWED])
def test_boxcox_lambda_and_ci_match_scipy(data):
    """lambda by maximum likelihood as scipy.stats.boxcox, and its 95% likelihood interval."""
    _, lam, (lo, hi) = stats.boxcox(data, alpha=0.05)
    r = spc.boxcox_transform(data)
    assert r.lambda_mle == pytest.approx(lam, abs=1e-5)
    assert r.ci == pytest.approx([lo, hi], abs=1e-5)
    w = np.asarray(r.transformed)
    want = np.log(data) if r.lambda_used == 0 else data**r.lambda_used
    assert np.allclose(w, want)
    assert r.ad == pytest.approx(anderson_darling(w).statistic, rel=1e-9)
    assert r.ad_p == pytest.approx(anderson_darling(w).p_value, rel=1e-9)


def test_boxcox_rounding_follows_minitab():
    """Minitab rounds the optimum to 0.5 or the nearest integer when it lies in the CI."""
    r = spc.boxcox_transform(SKEWED, round_lambda=True)
    nearest = round(2 * r.lambda_mle) / 2
    assert r.ci[0] <= nearest <= r.ci[1]
    assert r.rounded and r.lambda_used == nearest
    fixed = spc.boxcox_transform(SKEWED, lam=0.0)
    assert np.allclose(fixed.transformed, np.log(SKEWED))
    assert "ln(Y)" in fixed.summary()


def test_boxcox_rounding_refused_outside_ci():
    y = np.random.default_rng(5).normal(10, 3, size=3000)
    x = y[y > 0.5] ** (1 / 0.75)  # optimum ~0.75 with a CI too narrow to reach 0.5 or 1
    r = spc.boxcox_transform(x, round_lambda=True)
    assert r.lambda_mle == pytest.approx(0.75, abs=0.03)
    assert not r.ci[0] <= 0.5 and not r.ci[1] >= 1.0
    assert not r.rounded and r.lambda_used == r.lambda_mle
    assert "outside the 95% CI" in r.summary()


def test_boxcox_needs_positive_data_unless_shifted():
    x = np.array([-1.0, 0.5, 2.0, 3.5, 1.0, 2.2])
    with pytest.raises(ValueError, match=r"every value > 0.*shift"):
        spc.boxcox_transform(x)
    r = spc.boxcox_transform(x, shift=2.0)
    _, lam = stats.boxcox(x + 2.0)
    assert r.lambda_mle == pytest.approx(lam, abs=1e-5) and r.shift == 2.0
    with pytest.raises(ValueError, match="lam must be between"):
        spc.boxcox_transform(WEIBULL, lam=7)


# ---- fitted distributions -----------------------------------------------------------------


@pytest.mark.parametrize(
    "dist, scipy_name, fixed",
    [
        ("weibull", "weibull_min", {"floc": 0}),
        ("gamma", "gamma", {"floc": 0}),
        ("lognormal", "lognorm", {"floc": 0}),
        ("exponential", "expon", {"floc": 0}),
        ("logistic", "logistic", {}),
        ("sev", "gumbel_l", {}),
        ("lev", "gumbel_r", {}),
    ],
)
def test_fits_match_scipy_mle(dist, scipy_name, fixed):
    for data in (WEIBULL, SKEWED):
        f = spc.fit_distribution(data, dist)
        want = getattr(stats, scipy_name).fit(data, **fixed)
        got = f.frozen()
        ref = getattr(stats, scipy_name)(*want)
        q = [0.01, 0.25, 0.5, 0.75, 0.99]
        assert np.allclose(got.ppf(q), ref.ppf(q), rtol=1e-4), dist
        assert f.log_likelihood >= float(np.sum(ref.logpdf(data))) - 1e-6


def test_weibull_shape_and_scale_digits():
    c, _, b = stats.weibull_min.fit(WEIBULL, floc=0)
    f = spc.fit_distribution(WEIBULL, "weibull")
    assert f.params["shape"] == pytest.approx(c, rel=1e-5)
    assert f.params["scale"] == pytest.approx(b, rel=1e-5)


def test_three_parameter_weibull_matches_scipy():
    c, loc, b = stats.weibull_min.fit(SHIFTED)
    f = spc.fit_distribution(SHIFTED, "weibull3")
    ref_ll = float(np.sum(stats.weibull_min.logpdf(SHIFTED, c, loc, b)))
    assert f.log_likelihood >= ref_ll - 1e-6
    assert f.params["threshold"] == pytest.approx(loc, rel=1e-3)
    assert f.params["shape"] == pytest.approx(c, rel=1e-2)
    assert f.params["scale"] == pytest.approx(b, rel=1e-2)


@pytest.mark.parametrize(
    "dist, scipy_dist, transform",
    [
        ("weibull", "gumbel_l", np.log),  # ln of a Weibull is a smallest extreme value
        ("exponential", "expon", None),
        ("logistic", "logistic", None),
        ("sev", "gumbel_l", None),
        ("lev", "gumbel_r", None),
    ],
)
def test_anderson_darling_statistic_and_p_match_scipy(dist, scipy_dist, transform):
    for data in (WEIBULL, SKEWED):
        f = spc.fit_distribution(data, dist)
        y = transform(data) if transform else data
        ref = stats.anderson(y, scipy_dist, method="interpolate")
        assert f.ad == pytest.approx(float(ref.statistic), rel=1e-3)
        assert f.ad_p == pytest.approx(float(ref.pvalue), abs=2e-3)


def test_normal_anderson_darling_is_the_normality_test():
    f = spc.fit_distribution(WEIBULL, "normal")
    ad = anderson_darling(WEIBULL)
    assert f.ad == pytest.approx(ad.statistic, rel=1e-10)
    assert f.ad_p == pytest.approx(ad.p_value, rel=1e-10)
    assert f.ad == pytest.approx(
        float(stats.anderson(WEIBULL, "norm", method="interpolate").statistic)
    )


# ---- percentile capability ----------------------------------------------------------------


def test_percentile_capability_from_the_fitted_weibull():
    """Pp = (USL - LSL) / (X0.99865 - X0.00135), PPL/PPU about the median (ISO 22514-2)."""
    c, _, b = stats.weibull_min.fit(WEIBULL, floc=0)
    ref = stats.weibull_min(c, scale=b)
    lo, mid, hi = ref.ppf([0.00135, 0.5, 0.99865])
    r = spc.capability_nonnormal(WEIBULL, lsl=0.2, usl=8.0, dist="weibull")
    assert r.pp == pytest.approx((8.0 - 0.2) / (hi - lo), rel=1e-5)
    assert r.ppl == pytest.approx((mid - 0.2) / (mid - lo), rel=1e-5)
    assert r.ppu == pytest.approx((8.0 - mid) / (hi - mid), rel=1e-4)
    # the two fits differ only in optimiser tolerance; ours is at least as likely
    assert r.fit.log_likelihood >= float(np.sum(ref.logpdf(WEIBULL))) - 1e-9
    assert r.ppk == min(r.ppl, r.ppu)
    assert r.ppm_expected_overall["below_lsl"] == pytest.approx(ref.cdf(0.2) * 1e6, rel=1e-4)
    assert r.ppm_expected_overall["above_usl"] == pytest.approx(ref.sf(8.0) * 1e6, rel=1e-3)
    assert "PPK" in r.summary() and r.to_json()


def test_normal_percentile_capability_equals_the_normal_pp():
    """For the normal distribution the percentile method reduces to (USL - LSL) / 6s."""
    x = stats.norm.rvs(10, 0.5, size=50, random_state=RNG)
    r = spc.capability_nonnormal(x, lsl=8.5, usl=11.5, dist="normal")
    normal = spc.capability(x, lsl=8.5, usl=11.5)
    z = stats.norm.ppf(0.99865)  # 3.00003..., so the two agree to 1e-5
    assert r.pp == pytest.approx(normal.pp * 3 / z, rel=1e-12)
    assert r.ppk == pytest.approx(normal.ppk * 3 / z, rel=1e-12)


def test_one_sided_limit_gives_ppk_only():
    r = spc.capability_nonnormal(SKEWED, usl=12.0, dist="lognormal")
    assert r.pp is None and r.ppl is None and r.ppk == r.ppu


# ---- Johnson ------------------------------------------------------------------------------


def _percentile_fit_is_exact(j, data):
    q = np.quantile(data, stats.norm.cdf([-3 * j.z, -j.z, j.z, 3 * j.z]), method="weibull")
    return np.allclose(j.transform(q), [-3 * j.z, -j.z, j.z, 3 * j.z], atol=1e-8)


@pytest.mark.parametrize(
    "family, inverse",
    [
        ("SL", lambda t, lam: np.exp(t)),
        ("SU", lambda t, lam: lam * np.sinh(t)),
        ("SB", lambda t, lam: lam / (1 + np.exp(-t))),
    ],
)
def test_slifker_shapiro_estimates_are_exact_on_exact_percentiles(family, inverse):
    """Percentiles of an exact Johnson distribution, X = eps + inverse((Z - gamma) / eta), give
    back the family and its parameters (Slifker & Shapiro 1980)."""
    gamma, eta, eps, lam, z = -1.0, 1.5, 2.0, 2.0, 0.7
    zs = np.array([-3 * z, -z, z, 3 * z])
    q = eps + inverse((zs - gamma) / eta, lam)
    got_family, params = nonnormal._johnson_params(q, z)
    assert got_family == family
    want = (gamma, eta, eps, None if family == "SL" else lam)
    assert params[:3] == pytest.approx(want[:3], abs=1e-9)
    assert (params[3] is None) == (want[3] is None)
    if want[3] is not None:
        assert params[3] == pytest.approx(lam, abs=1e-9)


def test_johnson_su_recovers_scipy_johnsonsu():
    """Data from scipy.stats.johnsonsu(a, b, loc, scale): Z = a + b asinh((X - loc) / scale).
    The chosen family is SU, the four percentiles map exactly onto -3z, -z, z, 3z, and the
    estimates are near the generating parameters."""
    a, b, loc, scale = 1.0, 1.6, 5.0, 2.0
    x = stats.johnsonsu.rvs(a, b, loc=loc, scale=scale, size=4000, random_state=RNG)
    j = spc.johnson_transform(x)
    assert j.family == "SU"
    assert _percentile_fit_is_exact(j, x)
    assert j.gamma == pytest.approx(a, abs=0.25)
    assert j.eta == pytest.approx(b, rel=0.15)
    assert j.epsilon == pytest.approx(loc, abs=0.6)
    assert j.lam == pytest.approx(scale, rel=0.25)
    assert j.acceptable and j.ad_p > 0.10


def test_johnson_sb_recovers_scipy_johnsonsb():
    a, b, loc, scale = 0.5, 1.2, 2.0, 10.0
    x = stats.johnsonsb.rvs(a, b, loc=loc, scale=scale, size=4000, random_state=RNG)
    j = spc.johnson_transform(x)
    assert j.family == "SB"
    assert _percentile_fit_is_exact(j, x)
    assert j.eta == pytest.approx(b, rel=0.2)
    assert j.epsilon == pytest.approx(loc, abs=0.8)
    assert j.epsilon + j.lam == pytest.approx(loc + scale, rel=0.1)


def test_johnson_picks_the_best_candidate_by_anderson_darling():
    j = spc.johnson_transform(SKEWED)
    w = np.asarray(j.transformed)
    ad = anderson_darling(w)
    assert j.ad == pytest.approx(ad.statistic, rel=1e-9)
    assert j.ad_p == pytest.approx(ad.p_value, rel=1e-9)
    for z in (0.3, 0.5, 0.8, 1.1):  # no other percentile set does better
        q = np.quantile(SKEWED, stats.norm.cdf([-3 * z, -z, z, 3 * z]), method="weibull")
        est = nonnormal._johnson_params(q, z)
        if est is None:
            continue
        other = nonnormal._johnson_apply(SKEWED, *est)
        if np.all(np.isfinite(other)):
            assert anderson_darling(other).p_value <= j.ad_p + 1e-12
    assert j.family in j.summary() and j.to_json()


def test_johnson_needs_eight_values():
    with pytest.raises(ValueError, match="at least 8"):
        spc.johnson_transform([1.0, 2.0, 3.0])


# ---- capability after a transformation ----------------------------------------------------


def test_boxcox_capability_transforms_data_and_limits():
    r = spc.capability_transformed(SKEWED, lsl=0.3, usl=9.0, transform="boxcox")
    lam = r.transformation.lambda_used
    w = SKEWED**lam if lam != 0 else np.log(SKEWED)
    lo, hi = (math.log(0.3), math.log(9.0)) if lam == 0 else (0.3**lam, 9.0**lam)
    ref = spc.capability(w, lsl=lo, usl=hi)
    assert r.ppk == pytest.approx(ref.ppk) and r.cpk == pytest.approx(ref.cpk)
    assert r.pp == pytest.approx(ref.pp)
    assert (r.lsl_transformed, r.usl_transformed) == pytest.approx((lo, hi))


def test_negative_lambda_swaps_the_limits():
    x = 1 / stats.norm.rvs(5.0, 0.8, size=80, random_state=RNG)  # optimum lambda near -1
    r = spc.capability_transformed(x, lsl=0.1, usl=0.5, transform="boxcox", round_lambda=False)
    lam = r.transformation.lambda_used
    assert lam < 0
    assert r.lsl_transformed == pytest.approx(0.5**lam)
    assert r.usl_transformed == pytest.approx(0.1**lam)
    assert any("swap" in n for n in r.notes)
    ref = spc.capability(x**lam, lsl=0.5**lam, usl=0.1**lam)
    assert r.ppk == pytest.approx(ref.ppk)


def test_johnson_capability():
    r = spc.capability_transformed(SKEWED, lsl=0.3, usl=9.0, transform="johnson")
    j = r.transformation
    lo, hi = j.transform([0.3, 9.0])
    if np.isfinite(lo) and np.isfinite(hi):
        ref = spc.capability(np.asarray(j.transformed), lsl=lo, usl=hi)
        assert r.ppk == pytest.approx(ref.ppk)
    assert "Johnson" in r.summary()


# ---- distribution identification ----------------------------------------------------------


def test_identify_distribution_fits_everything_and_sorts_by_ad(tmp_path):
    r = spc.identify_distribution(WEIBULL, lsl=0.2, usl=8.0)
    names = [row.dist for row in r.rows]
    assert sorted(names) == sorted([*nonnormal.DISTRIBUTIONS, "boxcox", "johnson"])
    ads = [row.ad for row in r.rows]
    assert ads == sorted(ads) and r.best == names[0]
    assert r.row("gamma").p_value is None and r.row("gamma").p_text == "n/a"
    w3 = r.row("weibull3")
    lr = 2 * (r.fits["weibull3"].log_likelihood - r.fits["weibull"].log_likelihood)
    assert w3.lrt_p == pytest.approx(stats.chi2.sf(max(lr, 0), 1))
    wei = r.row("weibull")
    assert wei.ppk == pytest.approx(spc.capability_nonnormal(WEIBULL, lsl=0.2, usl=8.0).ppk)
    text = r.summary()
    assert "3-Parameter Weibull" in text and "Johnson Transformation" in text
    path = save_plot(r, tmp_path / "id.png")
    assert path.stat().st_size > 0
    assert r.to_json()


def test_identify_distribution_skips_positive_only_fits_for_negative_data():
    x = WEIBULL - 2.0
    r = spc.identify_distribution(x)
    for d in ("lognormal", "weibull", "gamma", "exponential", "boxcox"):
        assert d in r.skipped
    assert {"normal", "weibull3", "logistic", "sev", "lev", "johnson"} <= {
        row.dist for row in r.rows
    }


def test_capability_plots(tmp_path):
    a = spc.capability_nonnormal(WEIBULL, lsl=0.2, usl=8.0)
    b = spc.capability_transformed(WEIBULL, lsl=0.2, usl=8.0)
    for i, res in enumerate((a, b)):
        assert save_plot(res, tmp_path / f"c{i}.png").stat().st_size > 0


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: spc.fit_distribution(WEIBULL, "cauchy"), "dist must be one of"),
        (lambda: spc.fit_distribution(WEIBULL - 5, "weibull"), "every value > 0"),
        (lambda: spc.capability_nonnormal(WEIBULL, dist="gamma"), "specification limit"),
        (lambda: spc.capability_nonnormal(WEIBULL, lsl=5, usl=1), "must be below"),
        (lambda: spc.capability_transformed(WEIBULL, lsl=1, transform="log"), "transform"),
        (lambda: spc.identify_distribution(WEIBULL[:5]), "at least 8"),
        (lambda: spc.fit_distribution([3.0, 3.0, 3.0, 3.0], "normal"), "all values are equal"),
    ],
)
def test_bad_input_is_a_clear_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# ---- odd data: a result or a ValueError, never a crash ------------------------------------

_samples = st.lists(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False),
    min_size=0,
    max_size=40,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_samples, dist=st.sampled_from(nonnormal.DISTRIBUTIONS))
def test_odd_data_never_crash_the_fits(data, dist):
    for call in (
        lambda: spc.fit_distribution(data, dist),
        lambda: spc.capability_nonnormal(data, lsl=-1.0, usl=1e5, dist=dist),
        lambda: spc.boxcox_transform(data),
        lambda: spc.johnson_transform(data),
    ):
        try:
            res = call()
        except ValueError as exc:
            assert str(exc)
        else:
            assert res.to_json()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_samples)
def test_odd_data_never_crash_identification(data):
    try:
        res = spc.identify_distribution(data, lsl=0.0, usl=100.0)
    except ValueError as exc:
        assert str(exc)
    else:
        assert res.rows and res.to_json()
