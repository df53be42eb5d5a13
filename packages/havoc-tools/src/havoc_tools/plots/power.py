"""Power curves and ARL curves (matplotlib; imported only when a plot is made)."""

from __future__ import annotations

from typing import Any


def power_curve_plot(result: Any) -> Any:
    """Power against n (or the effect size), with the target power as a dashed line."""
    from havoc_tools.plots import _plt

    plt = _plt()
    fig, ax = plt.subplots(figsize=(7, 4.5))
    ax.plot(result.values, result.power, "o-", color="#1f4e79", ms=4, label=result.test)
    if result.target is not None:
        ax.axhline(result.target, color="red", ls="--", lw=1, label=f"target {result.target:g}")
        hit = result.first_reaching()
        if hit is not None:
            ax.axvline(hit, color="grey", ls=":", lw=1)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel(result.vary)
    ax.set_ylabel("power")
    ax.set_title(f"Power curve: {result.method}", fontsize=9)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig


def arl_curve_plot(result: Any) -> Any:
    """ARL against the shift of the mean, on a log scale."""
    from havoc_tools.plots import _plt

    plt = _plt()
    fig, ax = plt.subplots(figsize=(7, 4.5))
    ax.plot(result.shifts, result.arl, "o-", color="#1f4e79", ms=4)
    ax.set_yscale("log")
    ax.set_xlabel("shift of the mean (sigma)")
    ax.set_ylabel("average run length")
    par = ", ".join(f"{k}={v}" for k, v in result.parameters.items() if k != "n_states")
    ax.set_title(f"ARL of the {result.chart} chart ({par})", fontsize=9)
    ax.grid(alpha=0.3, which="both")
    fig.tight_layout()
    return fig
