"""Design plots: the term-correlation map (its numbers) and the simplex plot of a mixture."""

from __future__ import annotations

import numpy as np
import pytest
from havoc_tools.doe import d_optimal, definitive_screening, full_factorial, mixture_design
from havoc_tools.dsl import run
from havoc_tools.plots import save_plot
from havoc_tools.plots.designs import term_correlations


def test_correlation_map_numbers_for_a_dsd():
    d = definitive_screening(6, randomize=False)
    R, labels = term_correlations(d)
    assert labels[:6] == list("ABCDEF") and labels[-1] == "F^2" and len(labels) == 6 + 15 + 6
    assert np.allclose(R[:6, 6:], 0.0, atol=1e-12)  # main effects clear of second order
    assert np.allclose(R[-6:, -6:][~np.eye(6, dtype=bool)], 2 / 15)


def test_two_level_design_leaves_out_constant_squares():
    _, labels = term_correlations(full_factorial(3, randomize=False))
    assert labels == ["A", "B", "C", "A*B", "A*C", "B*C"]


@pytest.mark.parametrize(
    "design, kind",
    [
        (definitive_screening(5, seed=1), None),
        (d_optimal(3, 10, model="quadratic", seed=1), None),
        (mixture_design(3, kind="centroid", axial=True, seed=1), "simplex"),
    ],
)
def test_design_plots_are_written(tmp_path, design, kind):
    p = save_plot(design, tmp_path / "d.png", kind)
    assert p.stat().st_size > 1000


def test_simplex_needs_three_component_mixture(tmp_path):
    with pytest.raises(ValueError, match="mixture design with 3 components"):
        save_plot(full_factorial(3), tmp_path / "x.png", "simplex")


def test_plot_statement_on_a_design(tmp_path):
    res = run(
        'design s = dsd(factors=4, seed=1)\nplot s to "s.png"\n'
        'design m = mixture(factors=3)\nplot m to "m.svg" kind=simplex',
        plots_dir=tmp_path,
    )
    assert res.ok, res.error and res.error["text"]
    assert (tmp_path / "s.png").stat().st_size > 0 and (tmp_path / "m.svg").stat().st_size > 0
