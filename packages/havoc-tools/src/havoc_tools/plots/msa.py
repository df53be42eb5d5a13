"""Plots of measurement systems studies (:mod:`havoc_tools.spc.msa`).

The Type 1 run chart, the bias-vs-reference linearity plot and the attribute agreement plot
(percent matched with its interval, per appraiser). matplotlib is imported only when drawing.
"""

from __future__ import annotations

from typing import Any


def _plt() -> Any:
    from havoc_tools.plots import _plt as plt

    return plt()


def type1_run_chart(result: Any) -> Any:
    """Readings in order with the reference, reference +/- (K/200) * tolerance (0.1 * tolerance
    at K = 20 %) and the mean, as Minitab's Type 1 gage run chart."""
    import numpy as np

    plt = _plt()
    y = np.asarray(result.values, dtype=float)
    idx = np.arange(1, y.size + 1)
    half = result.percent_tolerance / 200 * result.tolerance
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.plot(idx, y, "o-", ms=4, lw=1, color="#1f4e79", label="reading")
    ax.axhline(result.reference, color="green", lw=1.2, label=f"reference {result.reference:g}")
    for sign in (1, -1):
        ax.axhline(
            result.reference + sign * half,
            color="red",
            ls="--",
            lw=1,
            label=f"reference ± {half:.4g}" if sign == 1 else None,
        )
    ax.axhline(result.mean, color="grey", ls=":", lw=1, label=f"mean {result.mean:.6g}")
    cg = "n/a" if result.cg is None else f"{result.cg:.3g}"
    cgk = "n/a" if result.cgk is None else f"{result.cgk:.3g}"
    ax.set_title(f"Type 1 gage study: Cg = {cg}, Cgk = {cgk}")
    ax.set_xlabel("reading (order)")
    ax.set_ylabel("measurement")
    ax.legend(fontsize=8, loc="best")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def linearity_plot(result: Any) -> Any:
    """Bias of every reading and the mean bias per reference against the reference value, with
    the fitted line, its confidence band and the zero-bias line (AIAG)."""
    import numpy as np

    plt = _plt()
    x = np.asarray(result.reference_values, dtype=float)
    b = np.asarray(result.bias_values, dtype=float)
    grid = np.linspace(x.min(), x.max(), 100)
    lo, hi = result.band(grid)
    fig, ax = plt.subplots(figsize=(7, 4.5))
    ax.plot(x, b, "o", ms=4, color="#1f4e79", alpha=0.6, label="bias of a reading")
    refs = [r.reference for r in result.biases]
    ax.plot(refs, [r.bias for r in result.biases], "s", color="red", ms=7, label="mean bias")
    ax.plot(grid, result.intercept + result.slope * grid, color="black", lw=1.2, label="fit")
    ax.fill_between(grid, lo, hi, color="grey", alpha=0.25, label=f"{1 - result.alpha:.0%} CI")
    ax.axhline(0, color="green", ls="--", lw=1)
    ax.set_xlabel("reference value")
    ax.set_ylabel("bias")
    sign = "-" if result.slope < 0 else "+"
    ax.set_title(
        f"Gage linearity: bias = {result.intercept:.4g} {sign} {abs(result.slope):.4g} x "
        f"reference (%linearity {result.pct_linearity:.3g})"
    )
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def agreement_plot(result: Any) -> Any:
    """Percent matched with its interval per appraiser: within appraisers and vs the standard."""
    plt = _plt()
    panels = [(t, rows) for t, rows in (("Within appraisers", result.within),
              ("Appraiser vs standard", result.vs_standard)) if rows]  # fmt: skip
    if not panels and result.between is not None:
        panels = [("Between appraisers", [result.between])]
    if not panels:  # pragma: no cover - attribute_agreement refuses such a study
        raise ValueError("this agreement study has nothing to plot")
    fig, axes = plt.subplots(1, len(panels), figsize=(5 * len(panels), 4), squeeze=False)
    for ax, (title, rows) in zip(axes[0], panels, strict=True):
        pos = range(len(rows))
        for i, r in zip(pos, rows, strict=True):
            ax.plot([i, i], [r.ci_low, r.ci_high], color="red", lw=2)
            ax.plot(i, r.percent, "o", color="#1f4e79", ms=7)
        ax.set_xticks(list(pos), [r.label for r in rows])
        ax.set_xlim(-0.5, len(rows) - 0.5)
        ax.set_ylim(-2, 102)
        ax.set_ylabel("percent matched")
        ax.set_xlabel("appraiser")
        ax.set_title(title)
        ax.grid(alpha=0.3)
    fig.suptitle(f"Assessment agreement ({result.confidence:.0%} exact CI)")
    fig.tight_layout()
    return fig
