"""Plots of non-normal capability and distribution identification results (matplotlib)."""

from __future__ import annotations

import math
from typing import Any


def _plt() -> Any:
    from havoc_tools.plots import _plt

    return _plt()


def _spec_lines(ax: Any, lsl: float | None, usl: float | None) -> None:
    for v, name in ((lsl, "LSL"), (usl, "USL")):
        if v is not None:
            ax.axvline(v, color="darkred", ls="-.", lw=1.2)
            ax.text(v, ax.get_ylim()[1] * 0.95, name, ha="center", fontsize=8)


def nonnormal_capability_histogram(result: Any) -> Any:
    """Histogram of the data with the fitted density and the specification limits."""
    import numpy as np

    plt = _plt()
    x = np.asarray(result.data, dtype=float)
    fit = result.fit.frozen()
    fig, ax = plt.subplots(figsize=(8, 4.5))
    ax.hist(x, bins="auto", density=True, color="#9dc3e6", edgecolor="white")
    ends = [x.min(), x.max(), result.percentiles["0.00135"], result.percentiles["0.99865"]]
    ends += [v for v in (result.lsl, result.usl) if v is not None]
    lo, hi = min(ends), max(ends)
    grid = np.linspace(lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo), 400)
    ax.plot(grid, fit.pdf(grid), "k-", lw=1.4, label=f"{result.fit.label} fit")
    _spec_lines(ax, result.lsl, result.usl)
    ax.set_title(
        f"Process capability ({result.fit.label}): Pp={_f(result.pp)}, Ppk={_f(result.ppk)}"
    )
    ax.set_xlabel("measured value")
    ax.set_ylabel("density")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def transformed_capability_histogram(result: Any) -> Any:
    """The normal capability histogram of the transformed data and limits."""
    from havoc_tools.plots import capability_histogram

    fig = capability_histogram(result.capability)
    ax = fig.axes[0]
    ax.set_xlabel(f"transformed value ({result.transform})")
    return fig


def probability_grid(result: Any) -> Any:
    """One probability plot per fitted distribution (and the transformations): ordered data
    against the fitted quantiles at Benard's median ranks (i - 0.3) / (n + 0.4), with the
    identity line; the panel title carries AD and p."""
    import numpy as np
    from scipy import stats

    plt = _plt()
    rows = result.rows
    cols = 3
    nrows = math.ceil(len(rows) / cols)
    fig, axes = plt.subplots(nrows, cols, figsize=(4 * cols, 3.4 * nrows), squeeze=False)
    x = np.sort(np.asarray(result.data, dtype=float))
    n = x.size
    probs = (np.arange(1, n + 1) - 0.3) / (n + 0.4)
    for ax, row in zip(axes.ravel(), rows, strict=False):
        if row.dist in result.fits:
            theo = result.fits[row.dist].frozen().ppf(probs)
            obs = x
        else:  # a transformation: transformed data against the normal
            tr = result.boxcox if row.dist == "boxcox" else result.johnson
            obs = np.sort(np.asarray(tr.transformed, dtype=float))
            theo = stats.norm(obs.mean(), obs.std(ddof=1)).ppf(probs)
        ax.plot(theo, obs, "o", ms=3, color="#1f4e79")
        both = np.concatenate([theo, obs])
        lo, hi = float(both.min()), float(both.max())
        ax.plot([lo, hi], [lo, hi], "r-", lw=1)
        ax.set_title(f"{row.label}\nAD={_f(row.ad)}, p {row.p_text}", fontsize=9)
        ax.set_xlabel("fitted quantile", fontsize=8)
        ax.set_ylabel("data", fontsize=8)
        ax.tick_params(labelsize=7)
    for ax in axes.ravel()[len(rows) :]:
        ax.axis("off")
    fig.suptitle("Probability plots (individual distribution identification)")
    fig.tight_layout()
    return fig


def _f(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.3g}"
