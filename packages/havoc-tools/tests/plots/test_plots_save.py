"""Every plottable result saves as PNG and SVG; wrong kinds and suffixes are clear errors."""

import numpy as np
import pandas as pd
import pytest
from havoc_tools.doe import (
    analyze_factorial,
    central_composite,
    fit_response_surface,
    full_factorial,
)
from havoc_tools.plots import make_plot, save_plot
from havoc_tools.spc import capability, gage_rr, imr, p_chart, xbar_r

FILTRATION = [45, 71, 48, 65, 68, 60, 80, 65, 43, 100, 45, 104, 75, 86, 70, 96]


def _results():
    rng = np.random.default_rng(1)
    fa = analyze_factorial(full_factorial(4, randomize=False), FILTRATION)
    rs = fit_response_surface(
        central_composite(2, center_points=5, randomize=False),
        [76.5, 78.0, 77.0, 79.5, 75.6, 78.4, 77.0, 78.5, 79.9, 80.3, 80.0, 79.7, 79.8],
    )
    x = rng.normal(10, 1, (20, 4))
    x[5] += 4
    gage = pd.DataFrame(
        [
            (p, o, p + 0.1 * o + rng.normal(0, 0.2))
            for p in range(5)
            for o in range(3)
            for _ in range(2)
        ],
        columns=["part", "operator", "measurement"],
    )
    return [
        (xbar_r(x), "control"),
        (p_chart([3, 5, 2, 9], [100, 100, 100, 100]), "control"),
        (fa, "pareto"),
        (fa, "half-normal"),
        (fa, "main-effects"),
        (fa, "interaction"),
        (fa, "residuals"),
        (rs, "contour"),
        (rs, "residuals"),
        (capability(x.ravel(), lsl=6, usl=15, target=10), "histogram"),
        (gage_rr(gage), "components"),
    ]


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_save_every_plot(tmp_path, suffix):
    for i, (res, kind) in enumerate(_results()):
        path = save_plot(res, tmp_path / f"p{i}.{suffix}", kind, dpi=50)
        data = path.read_bytes()
        if suffix == "png":
            assert data[:8] == b"\x89PNG\r\n\x1a\n"
        else:
            assert b"<svg" in data[:2000]


def _has_label(ax, axis):
    """An axis is labelled if it, or an axes it shares that axis with, has a label."""
    get = "get_xlabel" if axis == "x" else "get_ylabel"
    shared = ax.get_shared_x_axes() if axis == "x" else ax.get_shared_y_axes()
    return any(getattr(other, get)().strip() for other in shared.get_siblings(ax))


def test_every_plot_has_labelled_axes():
    import matplotlib.pyplot as plt

    for res, kind in _results():
        fig = make_plot(res, kind)
        try:
            for ax in fig.axes:
                if not ax.axison or ax.get_label() == "<colorbar>":
                    continue
                name = f"{kind} plot, panel {ax.get_title()!r}"
                assert _has_label(ax, "x"), f"{name} has no x-axis label"
                assert _has_label(ax, "y"), f"{name} has no y-axis label"
        finally:
            plt.close(fig)


def test_control_chart_marks_flagged_points():
    x = np.array([10.0, 10.2, 9.9, 10.1, 15.0, 10.0, 9.8, 10.1])
    fig = make_plot(imr(x, mean=10, sigma=0.2))
    ax = fig.axes[0]
    labels = [line.get_label() for line in ax.get_lines()]
    assert "flagged" in labels
    flagged = [line for line in ax.get_lines() if line.get_label() == "flagged"][0]
    assert 5 in flagged.get_xdata()  # point index 4 is plotted at x = 5


def test_plot_errors(tmp_path):
    res = imr([1.0, 2.0, 1.5, 2.5])
    with pytest.raises(ValueError, match=".png or .svg"):
        save_plot(res, tmp_path / "x.jpg")
    with pytest.raises(ValueError, match="not 'pareto'"):
        save_plot(res, tmp_path / "x.png", "pareto")
    with pytest.raises(ValueError, match="no plot"):
        save_plot(object(), tmp_path / "x.png")


def test_import_does_not_load_matplotlib():
    import subprocess
    import sys

    code = "import sys, havoc_tools.plots, havoc_tools.doe, havoc_tools.spc; print('matplotlib' in sys.modules, 'scipy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
