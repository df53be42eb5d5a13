"""Plots of a least-squares fit (:class:`havoc_tools.regression.OLSResult`).

Residuals against fitted values, a normal Q-Q plot of the residuals, and (for a model in one
numeric predictor, e.g. ``y ~ x + I(x^2)``) the fitted-line plot with confidence and prediction
bands. matplotlib is imported only when a plot is drawn.
"""

from __future__ import annotations

import re
from typing import Any


def _plt() -> Any:
    from havoc_tools.plots import _plt as plt

    return plt()


def _residuals(result: Any) -> tuple[Any, Any]:
    import numpy as np

    r = np.asarray(result.residuals, dtype=float)
    f = np.asarray(result.fitted, dtype=float)
    if r.size == 0 or r.size != f.size:
        raise ValueError("this regression result carries no residuals to plot")
    return r, f


def residuals_vs_fitted(result: Any) -> Any:
    """Residuals against fitted values with the zero line; influential rows (Cook's D > 4/n)
    are circled and numbered (0-based, as in ``diagnostics.influential``)."""
    plt = _plt()
    r, f = _residuals(result)
    fig, ax = plt.subplots(figsize=(7, 4.5))
    ax.plot(f, r, "o", ms=5, color="#1f4e79", label="residuals")
    ax.axhline(0, color="grey", lw=1)
    influential = [i for i in result.diagnostics.influential if 0 <= i < r.size]
    if influential:
        ax.plot(
            f[influential],
            r[influential],
            "o",
            ms=11,
            mfc="none",
            color="red",
            label="Cook's D > 4/n",
        )
        for i in influential:
            ax.annotate(
                str(i),
                (f[i], r[i]),
                xytext=(6, 4),
                textcoords="offset points",
                color="red",
                fontsize=8,
            )
        ax.legend(fontsize=8)
    ax.set(xlabel="fitted value", ylabel="residual", title=f"Residuals vs fitted: {result.formula}")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def normal_qq(result: Any) -> Any:
    """Ordered residuals against normal quantiles (Filliben plotting positions, as
    ``scipy.stats.probplot``) with the least-squares reference line and the Shapiro-Wilk p."""
    from scipy import stats

    plt = _plt()
    r, _ = _residuals(result)
    (osm, osr), (slope, inter, _) = stats.probplot(r, dist="norm")
    fig, ax = plt.subplots(figsize=(6, 5))
    ax.plot(osm, osr, "o", ms=5, color="#1f4e79", label="residuals")
    ax.plot(osm, slope * osm + inter, "r-", lw=1, label="reference line")
    p = result.diagnostics.shapiro_p
    title = "Normal Q-Q plot of residuals"
    if p is not None:
        title += f" (Shapiro-Wilk p = {p:.3g})"
    ax.set(xlabel="theoretical normal quantile", ylabel="ordered residual", title=title)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def _single_predictor(result: Any) -> tuple[str, Any]:
    """The one numeric predictor of the model and its observed values."""
    import numpy as np

    state = getattr(result, "_state", None)
    if not state:
        raise ValueError("fitted-line plot needs a result fitted by havoc_tools.regression.ols")
    f = state["formula"]
    predictors = sorted(f.variables - {f.response_name})
    if len(predictors) != 1:
        raise ValueError(
            f"fitted-line plot needs a model in one predictor; {result.formula} has "
            f"{len(predictors)} ({', '.join(predictors) or 'none'}); use kind=residuals instead"
        )
    (name,) = predictors
    word = re.compile(rf"(?<![\w.]){re.escape(name)}(?![\w])")
    if any(word.search(key) for key in state["levels"]):  # g, C(g), C(g, ref=...)
        raise ValueError(f"fitted-line plot needs a numeric predictor; {name!r} is categorical")
    columns = [c.name for c in result.coefficients]
    if name not in columns:
        raise ValueError(
            f"fitted-line plot needs {name!r} itself as a term of the model (e.g. y ~ {name} + "
            f"I({name}^2)); {result.formula} only uses it inside other terms"
        )
    return name, np.asarray(state["X"][:, columns.index(name)], dtype=float)


def fitted_line_plot(result: Any, points: int = 200) -> Any:
    """Data, fitted curve, and the confidence (mean) and prediction (new observation) bands at
    the result's alpha, over the observed range of the single predictor."""
    import numpy as np

    plt = _plt()
    name, x = _single_predictor(result)
    r, f = _residuals(result)
    y = f + r
    grid = np.linspace(x.min(), x.max(), points)
    ci = result.predict({name: grid}, interval="confidence")
    pi = result.predict({name: grid}, interval="prediction")
    level = f"{1 - result.alpha:.0%}"
    fig, ax = plt.subplots(figsize=(7, 4.8))
    ax.plot(x, y, "o", ms=5, color="#1f4e79", label="data")
    ax.plot(grid, ci.fit, "-", color="red", lw=1.5, label="fit")
    ax.plot(grid, ci.lower, "--", color="green", lw=1, label=f"{level} CI")
    ax.plot(grid, ci.upper, "--", color="green", lw=1)
    ax.plot(grid, pi.lower, ":", color="purple", lw=1.2, label=f"{level} PI")
    ax.plot(grid, pi.upper, ":", color="purple", lw=1.2)
    response = result._state["formula"].response_name
    ax.set(
        xlabel=name,
        ylabel=response,
        title=f"Fitted line: {result.formula}\nS = {result.residual_sd:.4g}, "
        f"R² = {result.r_squared:.4g}, adjusted R² = {result.adj_r_squared:.4g}",
    )
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


__all__ = ["fitted_line_plot", "normal_qq", "residuals_vs_fitted"]
