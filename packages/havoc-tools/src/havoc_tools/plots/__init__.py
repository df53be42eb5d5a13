"""Plots of havoc-tools results with matplotlib (Agg backend), saved as PNG or SVG.

``save_plot(result, path, kind=None)`` picks the natural plot for a result; the individual
functions return a matplotlib Figure. matplotlib is imported only when a plot is made.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

KINDS = {
    "ControlChart": ("control",),
    "FactorialAnalysis": ("pareto", "half-normal", "main-effects", "interaction", "residuals"),
    "ResponseSurface": ("residuals", "contour"),
    "Capability": ("histogram",),
    "GageRR": ("components",),
    "OLSResult": ("residuals", "vs-fitted", "qq", "fitted-line"),
}


def _plt() -> Any:
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def control_chart(result: Any) -> Any:
    """One panel per chart statistic: points, centre line, limits; flagged points in red."""
    import numpy as np

    plt = _plt()
    panels = result.panels
    fig, axes = plt.subplots(len(panels), 1, figsize=(9, 3.2 * len(panels)), squeeze=False)
    for ax, p in zip(axes[:, 0], panels, strict=True):
        idx = np.arange(1, len(p.values) + 1)
        vals = np.array([np.nan if v is None else v for v in p.values], dtype=float)
        ax.plot(idx, vals, marker="o", ms=4, lw=1, color="#1f4e79")
        ax.step(idx, p.center, where="mid", color="green", lw=1, label="CL")
        ax.step(idx, p.ucl, where="mid", color="red", lw=1, ls="--", label="UCL")
        lcl = np.array([np.nan if v is None else v for v in p.lcl], dtype=float)
        if np.isfinite(lcl).any():
            ax.step(idx, lcl, where="mid", color="red", lw=1, ls="--", label="LCL")
        flagged = p.flagged
        if flagged:
            fi = np.array(flagged)
            ax.plot(fi + 1, vals[fi], "s", color="red", ms=7, mfc="none", label="flagged")
        ax.set_ylabel(p.name)
        ax.set_xlabel("sample (1-based)")
        ax.grid(alpha=0.3)
    axes[0, 0].set_title(f"{result.chart} chart (phase {result.phase})")
    axes[0, 0].legend(loc="upper right", fontsize=8)
    fig.tight_layout()
    return fig


def pareto_plot(result: Any) -> Any:
    """Pareto chart of |effects| (or |t| when a t statistic exists) with the reference line."""
    from scipy import stats

    plt = _plt()
    names = list(result.effects)
    use_t = all(result.t.get(n) is not None for n in names)
    vals = {n: abs(result.t[n]) if use_t else abs(result.effects[n]) for n in names}
    order = sorted(names, key=lambda n: vals[n])
    fig, ax = plt.subplots(figsize=(7, 0.3 * len(order) + 1.5))
    ax.barh(order, [vals[n] for n in order], color="#1f4e79")
    if result.lenth is not None:
        ref = result.lenth["me"] / result.lenth["pse"] if use_t else result.lenth["me"]
        label = "Lenth ME"
    elif use_t and result.df_resid > 0:
        ref = float(stats.t.ppf(1 - result.alpha / 2, result.df_resid))
        label = f"t({1 - result.alpha / 2:g}, {result.df_resid})"
    else:
        ref = None
    if ref is not None:
        ax.axvline(ref, color="red", ls="--", label=f"{label} = {ref:.3g}")
        ax.legend(fontsize=8)
    ax.set_xlabel("|standardized effect|" if use_t else "|effect|")
    ax.set_ylabel("term")
    ax.set_title(f"Pareto chart of effects ({result.response_name})")
    fig.tight_layout()
    return fig


def half_normal_plot(result: Any) -> Any:
    plt = _plt()
    hn = result.half_normal()
    fig, ax = plt.subplots(figsize=(6, 5))
    ax.plot(hn["abs_effect"], hn["quantile"], "o", color="#1f4e79")
    active = set(result.active)
    for name, x, y in zip(hn["terms"], hn["abs_effect"], hn["quantile"], strict=True):
        if name in active:
            ax.annotate(name, (x, y), xytext=(4, 0), textcoords="offset points", color="red")
    if result.lenth is not None:
        ax.axvline(result.lenth["me"], color="red", ls="--", lw=1, label="Lenth ME")
        ax.legend(fontsize=8)
    ax.set_xlabel("|effect|")
    ax.set_ylabel("half-normal quantile")
    ax.set_title(f"Half-normal plot of effects ({result.response_name})")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def main_effects_plot(result: Any) -> Any:
    """Mean response at the low and high level of each factor (centre points excluded)."""
    import numpy as np

    plt = _plt()
    X = np.asarray(result.coded_runs, dtype=float)
    y = np.asarray(result.response, dtype=float)
    corner = np.all(np.abs(X) == 1, axis=1)
    k = X.shape[1]
    fig, axes = plt.subplots(1, k, figsize=(2.4 * k + 1, 3.2), sharey=True, squeeze=False)
    for j, ax in enumerate(axes[0]):
        lo = y[corner & (X[:, j] < 0)].mean()
        hi = y[corner & (X[:, j] > 0)].mean()
        ax.plot([-1, 1], [lo, hi], "o-", color="#1f4e79")
        ax.axhline(y[corner].mean(), color="grey", ls=":", lw=1)
        ax.set_xticks([-1, 1])
        ax.set_title(result.factors[j])
        ax.set_xlabel("coded level")
    axes[0, 0].set_ylabel(f"mean of {result.response_name}")
    fig.suptitle("Main effects plot")
    fig.tight_layout()
    return fig


def interaction_plot(result: Any) -> Any:
    """Matrix of two-factor interaction plots: mean response against one factor at the low and
    high level of the other."""
    import numpy as np

    plt = _plt()
    X = np.asarray(result.coded_runs, dtype=float)
    y = np.asarray(result.response, dtype=float)
    corner = np.all(np.abs(X) == 1, axis=1)
    k = X.shape[1]
    if k < 2:
        raise ValueError("interaction plot needs at least 2 factors")
    fig, axes = plt.subplots(
        k - 1, k - 1, figsize=(2.6 * (k - 1) + 1, 2.4 * (k - 1) + 0.5), squeeze=False
    )
    for a in range(k - 1):
        for b in range(1, k):
            ax = axes[a, b - 1]
            if b <= a:
                ax.axis("off")
                continue
            for lev, style in ((-1, "o--"), (1, "s-")):
                means = [y[corner & (X[:, a] == xa) & (X[:, b] == lev)].mean() for xa in (-1, 1)]
                ax.plot([-1, 1], means, style, label=f"{result.factors[b]}={lev:+d}")
            ax.set_title(f"{result.factors[a]} x {result.factors[b]}", fontsize=9)
            ax.set_xticks([-1, 1])
            ax.set_xlabel(f"{result.factors[a]} (coded)", fontsize=8)
            ax.set_ylabel(f"mean of {result.response_name}", fontsize=8)
            ax.legend(fontsize=7)
    fig.suptitle("Interaction plot")
    fig.tight_layout()
    return fig


def residual_plots(result: Any) -> Any:
    """Normal probability plot, residuals vs fitted, histogram, residuals vs order."""
    import numpy as np
    from scipy import stats

    plt = _plt()
    r = np.asarray(result.residuals, dtype=float)
    f = np.asarray(result.fitted, dtype=float)
    fig, axes = plt.subplots(2, 2, figsize=(9, 7))
    (osm, osr), (slope, inter, _) = stats.probplot(r, dist="norm")
    axes[0, 0].plot(osr, osm, "o", ms=4)
    axes[0, 0].plot(slope * osm + inter, osm, "r-", lw=1)
    axes[0, 0].set(title="Normal probability plot", xlabel="residual", ylabel="normal quantile")
    axes[0, 1].plot(f, r, "o", ms=4)
    axes[0, 1].axhline(0, color="grey", lw=1)
    axes[0, 1].set(title="Residuals vs fitted", xlabel="fitted", ylabel="residual")
    axes[1, 0].hist(r, bins="auto", color="#1f4e79", alpha=0.8)
    axes[1, 0].set(title="Histogram", xlabel="residual", ylabel="count")
    axes[1, 1].plot(np.arange(1, r.size + 1), r, "o-", ms=4)
    axes[1, 1].axhline(0, color="grey", lw=1)
    axes[1, 1].set(title="Residuals vs order", xlabel="observation", ylabel="residual")
    fig.tight_layout()
    return fig


def contour_plot(result: Any, factors: tuple[int, int] = (0, 1)) -> Any:
    """Contours of a fitted response surface over two factors (others at 0)."""
    import numpy as np

    plt = _plt()
    k = len(result.factors)
    a, b = factors
    lim = 1.5 if result.units == "coded" else None
    if lim is None:
        (lo_a, hi_a), (lo_b, hi_b) = (
            result.ranges[result.factors[a]],
            result.ranges[result.factors[b]],
        )
    else:
        lo_a, hi_a, lo_b, hi_b = -lim, lim, -lim, lim
    ga, gb = np.meshgrid(np.linspace(lo_a, hi_a, 80), np.linspace(lo_b, hi_b, 80))
    pts = np.zeros((ga.size, k))
    pts[:, a], pts[:, b] = ga.ravel(), gb.ravel()
    z = result.predict(pts).reshape(ga.shape)
    fig, ax = plt.subplots(figsize=(6, 5))
    cs = ax.contourf(ga, gb, z, levels=15, cmap="viridis")
    ax.contour(ga, gb, z, levels=15, colors="k", linewidths=0.4)
    fig.colorbar(cs, ax=ax, label=result.response_name)
    if result.stationary_point is not None:
        ax.plot(
            result.stationary_point[a], result.stationary_point[b], "r*", ms=12, label=result.nature
        )
        ax.legend(fontsize=8)
    ax.set(xlabel=result.factors[a], ylabel=result.factors[b], title="Response surface contours")
    fig.tight_layout()
    return fig


def capability_histogram(result: Any) -> Any:
    """Histogram with spec limits, target and the within / overall normal curves."""
    import numpy as np
    from scipy import stats

    plt = _plt()
    x = np.asarray(result.data, dtype=float)
    fig, ax = plt.subplots(figsize=(8, 4.5))
    if x.size:
        ax.hist(x, bins="auto", density=True, color="#9dc3e6", edgecolor="white")
    else:  # from a mean and SD alone: the normal model against the limits, no histogram
        x = np.array(
            [result.mean - 4 * result.sigma_overall, result.mean + 4 * result.sigma_overall]
        )
    lo = min([x.min()] + [v for v in (result.lsl,) if v is not None])
    hi = max([x.max()] + [v for v in (result.usl,) if v is not None])
    pad = 0.1 * (hi - lo)
    grid = np.linspace(lo - pad, hi + pad, 400)
    ax.plot(
        grid, stats.norm.pdf(grid, result.mean, result.sigma_within), "r-", lw=1.5, label="within"
    )
    ax.plot(
        grid,
        stats.norm.pdf(grid, result.mean, result.sigma_overall),
        "k--",
        lw=1.2,
        label="overall",
    )
    for v, name in ((result.lsl, "LSL"), (result.usl, "USL"), (result.target, "target")):
        if v is not None:
            ax.axvline(v, color="darkred" if name != "target" else "green", ls="-.", lw=1.2)
            ax.text(v, ax.get_ylim()[1] * 0.95, name, ha="center", fontsize=8)
    title = "Process capability" + ("" if result.data else " (from mean and SD)")
    if result.cpk is not None:
        title += f": Cpk={result.cpk:.3g}, Ppk={result.ppk:.3g}"
    ax.set_title(title)
    ax.set_xlabel("measured value")
    ax.set_ylabel("density")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def gage_components_plot(result: Any) -> Any:
    import numpy as np

    plt = _plt()
    keys = [k for k in ("Total Gage R&R", "Repeatability", "Reproducibility", "Part-to-Part")]
    x = np.arange(len(keys))
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.bar(x - 0.2, [result.pct_contribution[k] for k in keys], 0.4, label="% contribution")
    ax.bar(x + 0.2, [result.pct_study_var[k] for k in keys], 0.4, label="% study variation")
    ax.set_xticks(x, keys)
    ax.set_xlabel("source of variation")
    ax.set_ylabel("percent")
    ax.set_title(f"Gage R&R components (ndc = {result.ndc})")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


_DISPATCH = {
    ("ControlChart", "control"): control_chart,
    ("FactorialAnalysis", "pareto"): pareto_plot,
    ("FactorialAnalysis", "half-normal"): half_normal_plot,
    ("FactorialAnalysis", "main-effects"): main_effects_plot,
    ("FactorialAnalysis", "interaction"): interaction_plot,
    ("FactorialAnalysis", "residuals"): residual_plots,
    ("ResponseSurface", "residuals"): residual_plots,
    ("ResponseSurface", "contour"): contour_plot,
    ("Capability", "histogram"): capability_histogram,
    ("GageRR", "components"): gage_components_plot,
}


def _regression_plot(name: str) -> Any:
    def draw(result: Any) -> Any:
        from havoc_tools.plots import regression

        return getattr(regression, name)(result)

    draw.__name__ = name
    return draw


_DISPATCH.update(
    {
        ("OLSResult", "residuals"): residual_plots,
        ("OLSResult", "vs-fitted"): _regression_plot("residuals_vs_fitted"),
        ("OLSResult", "qq"): _regression_plot("normal_qq"),
        ("OLSResult", "fitted-line"): _regression_plot("fitted_line_plot"),
    }
)


# --- msa ---
def _msa_plot(name: str) -> Any:
    def draw(result: Any) -> Any:
        from havoc_tools.plots import msa

        return getattr(msa, name)(result)

    draw.__name__ = name
    return draw


# --- doe --- (designs: term correlation map; simplex plot of a 3-component mixture)
def _design_plot(name: str) -> Any:
    def draw(result: Any) -> Any:
        from havoc_tools.plots import designs

        return getattr(designs, name)(result)

    draw.__name__ = name
    return draw


# --- spcpower ---
def _power_plot(name: str) -> Any:
    def draw(result: Any) -> Any:
        from havoc_tools.plots import power

        return getattr(power, name)(result)

    draw.__name__ = name
    return draw


KINDS.update(
    {
        "Type1Gage": ("run",),
        "GageLinearity": ("linearity",),
        "AttributeAgreement": ("agreement",),
        "NestedGageRR": ("components",),
    }
)
_DISPATCH.update(
    {
        ("Type1Gage", "run"): _msa_plot("type1_run_chart"),
        ("GageLinearity", "linearity"): _msa_plot("linearity_plot"),
        ("AttributeAgreement", "agreement"): _msa_plot("agreement_plot"),
        ("NestedGageRR", "components"): gage_components_plot,
    }
)
# --- end msa ---
KINDS["PowerCurve"] = ("power-curve",)
KINDS["ARLResult"] = ("arl-curve",)
_DISPATCH[("PowerCurve", "power-curve")] = _power_plot("power_curve_plot")
_DISPATCH[("ARLResult", "arl-curve")] = _power_plot("arl_curve_plot")
# --- end spcpower ---
# --- capability --- (non-normal capability and distribution identification)
KINDS.update(
    {
        "NonNormalCapability": ("histogram",),
        "TransformedCapability": ("histogram",),
        "DistributionID": ("probability",),
    }
)


def _nonnormal_plot(name: str) -> Any:
    def draw(result: Any) -> Any:
        from havoc_tools.plots import nonnormal

        return getattr(nonnormal, name)(result)

    draw.__name__ = name
    return draw


_DISPATCH.update(
    {
        ("NonNormalCapability", "histogram"): _nonnormal_plot("nonnormal_capability_histogram"),
        ("TransformedCapability", "histogram"): _nonnormal_plot("transformed_capability_histogram"),
        ("DistributionID", "probability"): _nonnormal_plot("probability_grid"),
    }
)
KINDS["Design"] = ("correlations", "simplex")
KINDS["OptimalDesign"] = ("correlations",)
_DISPATCH.update(
    {
        ("Design", "correlations"): _design_plot("correlation_map"),
        ("Design", "simplex"): _design_plot("simplex_plot"),
        ("OptimalDesign", "correlations"): _design_plot("correlation_map"),
    }
)
# --- end doe ---


def make_plot(result: Any, kind: str | None = None) -> Any:
    """The matplotlib Figure for ``result`` (``kind`` defaults to the first in :data:`KINDS`)."""
    name = type(result).__name__
    if name not in KINDS:
        raise ValueError(f"no plot for a {name}; plottable results: {', '.join(KINDS)}")
    kind = kind or KINDS[name][0]
    if (name, kind) not in _DISPATCH:
        raise ValueError(f"a {name} has plots {KINDS[name]}, not {kind!r}")
    return _DISPATCH[(name, kind)](result)


def save_plot(result: Any, path: str | Path, kind: str | None = None, *, dpi: int = 120) -> Path:
    """Draw ``result`` and save it; the format (PNG or SVG) follows the file suffix.

    >>> from havoc_tools.spc import imr
    >>> import tempfile, os
    >>> p = save_plot(imr([1.0, 2.0, 1.5, 3.0, 2.0]), os.path.join(tempfile.mkdtemp(), "c.png"))
    >>> p.suffix
    '.png'
    """
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg"):
        raise ValueError(f"save_plot: the path must end in .png or .svg, got {path.name!r}")
    fig = make_plot(result, kind)
    plt = _plt()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, format=fmt, dpi=dpi)
    finally:
        plt.close(fig)
    return path


__all__ = [
    "KINDS",
    "capability_histogram",
    "contour_plot",
    "control_chart",
    "gage_components_plot",
    "half_normal_plot",
    "interaction_plot",
    "main_effects_plot",
    "make_plot",
    "pareto_plot",
    "residual_plots",
    "save_plot",
]
