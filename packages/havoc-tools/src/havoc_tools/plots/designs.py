"""Plots of a generated :class:`havoc_tools.doe.Design`.

``correlation_map``: the absolute correlations between the model terms a design is meant to
separate (main effects, two-factor interactions and, for designs with more than two levels,
quadratic effects), the colour map Jones & Nachtsheim (2011, Figure 1) use to show a definitive
screening design's structure. ``simplex_plot``: the points of a three-component mixture design
on the simplex (in pseudo-components). matplotlib is imported only when a plot is drawn.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any


def _plt() -> Any:
    from havoc_tools.plots import _plt as plt

    return plt()


def term_correlations(design: Any) -> tuple[Any, list[str]]:
    """|r| between main-effect, 2FI and (when the design has a middle level) quadratic columns;
    constant columns (e.g. a square of a two-level factor) are left out."""
    import numpy as np

    X = np.asarray(design.coded_matrix, dtype=float)
    names = list(design.factor_names)
    if X.shape[0] < 3:
        raise ValueError("a correlation map needs at least 3 runs")
    cols, labels = [], []
    for j, n in enumerate(names):
        cols.append(X[:, j])
        labels.append(n)
    for i, j in combinations(range(len(names)), 2):
        cols.append(X[:, i] * X[:, j])
        labels.append(f"{names[i]}*{names[j]}")
    for j, n in enumerate(names):
        cols.append(X[:, j] ** 2)
        labels.append(f"{n}^2")
    M = np.column_stack(cols)
    keep = M.std(axis=0) > 1e-12
    M, labels = M[:, keep], [lab for lab, k in zip(labels, keep, strict=True) if k]
    return np.abs(np.corrcoef(M, rowvar=False)), labels


def correlation_map(design: Any) -> Any:
    plt = _plt()
    R, labels = term_correlations(design)
    size = min(3 + 0.28 * len(labels), 16)
    fig, ax = plt.subplots(figsize=(size + 1.2, size))
    im = ax.imshow(R, vmin=0, vmax=1, cmap="Blues")
    if len(labels) <= 60:
        ax.set_xticks(range(len(labels)), labels, rotation=90, fontsize=7)
        ax.set_yticks(range(len(labels)), labels, fontsize=7)
    fig.colorbar(im, ax=ax, label="|r|")
    ax.set_title(f"{design.design_type}: correlations between model terms")
    fig.tight_layout()
    return fig


def simplex_plot(design: Any) -> Any:
    import numpy as np

    if design.design_type != "mixture" or len(design.factor_names) != 3:
        raise ValueError(
            "a simplex plot needs a mixture design with 3 components, got a "
            f"{design.design_type} design with {len(design.factor_names)} factors"
        )
    plt = _plt()
    Z = np.asarray(design.coded_matrix, dtype=float)
    # barycentric -> Cartesian: vertices of an equilateral triangle
    V = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3) / 2]])
    P = Z @ V
    fig, ax = plt.subplots(figsize=(6, 5.4))
    ax.plot(*np.vstack([V, V[:1]]).T, color="grey", lw=1)
    styles = {"vertex": "s", "center": "*", "axial": "^"}
    for t in dict.fromkeys(design.point_type):
        idx = [i for i, p in enumerate(design.point_type) if p == t]
        ax.plot(P[idx, 0], P[idx, 1], styles.get(t, "o"), ms=9, label=t, ls="none")
    for name, v, off in zip(
        design.factor_names, V, [(-0.06, -0.05), (0.02, -0.05), (-0.02, 0.03)], strict=True
    ):
        ax.annotate(name, v, xytext=(v[0] + off[0], v[1] + off[1]), fontsize=11)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.legend(loc="upper right", fontsize=8)
    ax.set_title(f"{design.method} (pseudo-components)")
    fig.tight_layout()
    return fig
