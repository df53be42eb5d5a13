"""Regression plots: what is drawn equals independent computations (numpy, scipy, statsmodels)."""

from __future__ import annotations

import numpy as np
import pytest
from havoc_tools.plots import KINDS, make_plot, save_plot
from havoc_tools.regression import ols

X = np.array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], dtype=float)
Y = np.array([1.1, 1.9, 5.2, 10.1, 16.8, 26.1, 37.2, 49.5, 65.8, 80.1])


def _lines(fig) -> dict[str, object]:
    return {ln.get_label(): ln for ln in fig.axes[0].get_lines()}


@pytest.fixture(scope="module")
def fit():
    return ols("y ~ x + I(x^2)", {"x": X, "y": Y})


def test_kinds_are_registered():
    assert KINDS["OLSResult"] == ("residuals", "vs-fitted", "qq", "fitted-line")


def test_residuals_vs_fitted_draws_the_fit_residuals(fit):
    coef = np.polyfit(X, Y, 2)
    fig = make_plot(fit, "vs-fitted")
    pts = _lines(fig)["residuals"]
    np.testing.assert_allclose(pts.get_xdata(), np.polyval(coef, X), rtol=1e-9)
    np.testing.assert_allclose(pts.get_ydata(), Y - np.polyval(coef, X), atol=1e-9)


def test_qq_plot_matches_scipy_probplot(fit):
    from scipy import stats

    resid = Y - np.polyval(np.polyfit(X, Y, 2), X)
    (osm, osr), (slope, inter, _) = stats.probplot(resid, dist="norm")
    fig = make_plot(fit, "qq")
    lines = _lines(fig)
    np.testing.assert_allclose(lines["residuals"].get_xdata(), osm, rtol=1e-12)
    np.testing.assert_allclose(lines["residuals"].get_ydata(), osr, atol=1e-9)
    np.testing.assert_allclose(lines["reference line"].get_ydata(), slope * osm + inter, atol=1e-8)
    assert "Shapiro-Wilk" in fig.axes[0].get_title()


def test_fitted_line_and_bands_match_statsmodels(fit):
    import statsmodels.api as sm

    fig = make_plot(fit, "fitted-line")
    lines = _lines(fig)
    grid = lines["fit"].get_xdata()
    assert grid[0] == X.min() and grid[-1] == X.max()
    model = sm.OLS(Y, np.column_stack([np.ones_like(X), X, X**2])).fit()
    frame = model.get_prediction(
        np.column_stack([np.ones_like(grid), grid, grid**2])
    ).summary_frame(alpha=0.05)
    np.testing.assert_allclose(lines["fit"].get_ydata(), frame["mean"], rtol=1e-9)
    np.testing.assert_allclose(lines["95% CI"].get_ydata(), frame["mean_ci_lower"], rtol=1e-9)
    np.testing.assert_allclose(lines["95% PI"].get_ydata(), frame["obs_ci_lower"], rtol=1e-9)
    np.testing.assert_allclose(lines["data"].get_xdata(), X)
    np.testing.assert_allclose(lines["data"].get_ydata(), Y, rtol=1e-9)


def test_four_in_one_residual_plot_accepts_an_ols_result(fit):
    fig = make_plot(fit)  # the default kind
    assert len(fig.axes) == 4


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_every_regression_kind_saves(fit, tmp_path, suffix):
    for kind in KINDS["OLSResult"]:
        data = save_plot(fit, tmp_path / f"{kind}.{suffix}", kind, dpi=50).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" if suffix == "png" else b"<svg" in data[:2000]


@pytest.mark.parametrize(
    "formula,data,msg",
    [
        ("y ~ x + z", {"x": X, "z": X**0.5, "y": Y}, "one predictor"),
        ("y ~ I(x^2)", {"x": X, "y": Y}, "only uses it inside other terms"),
        ("y ~ C(g)", {"g": ["a", "b"] * 5, "y": Y}, "categorical"),
    ],
)
def test_fitted_line_refuses_models_it_cannot_draw(formula, data, msg):
    with pytest.raises(ValueError, match=msg):
        make_plot(ols(formula, data), "fitted-line")


def test_unknown_kind_is_a_clear_error(fit):
    with pytest.raises(ValueError, match="not 'pareto'"):
        make_plot(fit, "pareto")
