"""Fold-over, alias structure, DSD, D-efficiency and mixture point sets against PyDOE
(the `pydoe` package, a declared dev dependency), an independent implementation."""

from __future__ import annotations

import numpy as np
import pytest
from havoc_tools.doe import (
    d_optimal,
    definitive_screening,
    foldover,
    fractional_factorial,
    mixture_design,
)
from havoc_tools.doe.mixture import simplex_centroid_points, simplex_lattice_points
from havoc_tools.doe.optimal import model_matrix

# a dev dependency of havoc-tools: present in the member's test environment; the standalone-wheel
# CI step installs only pytest, hypothesis and pingouin next to the wheel, so it skips here
pydoe = pytest.importorskip("pydoe")


def _rows(a) -> list[tuple[float, ...]]:
    return sorted(tuple(round(float(v), 12) for v in r) for r in np.asarray(a))


@pytest.mark.parametrize(
    "k, gens, fold",
    [
        (7, "D = AB, E = AC, F = BC, G = ABC", None),
        (7, "D = AB, E = AC, F = BC, G = ABC", ["D"]),
        (6, "D = AB, E = AC, F = BC", None),
        (5, "D = AB, E = AC", ["A", "E"]),
    ],
)
def test_foldover_runs_and_aliases_match_pydoe(k, gens, fold):
    d = fractional_factorial(k, generators=gens, randomize=False)
    f = foldover(d, fold, randomize=False)
    letters = "ABCDEFGH"
    cols = None if fold is None else [letters.index(c) for c in fold]
    want = pydoe.fold(d.coded_matrix, cols)
    assert np.array_equal(f.coded_matrix, want)
    # pydoe's alias map of the folded runs, cut to effects of order <= 3 (pydoe matches equal
    # columns only, so the generators here are positive: every defining word has sign +)
    alias_map, _ = pydoe.fracfact_aliasing(want)
    theirs = {}
    for line in alias_map:
        words = [w.strip().upper() for w in line.split("=")]
        for w in words:
            theirs[w] = {x for x in words if x != w and len(x) <= 3}
    for effect, ours in f.alias.aliases.items():
        assert {a.lstrip("-") for a in ours} == theirs[effect], effect


@pytest.mark.parametrize("m", [6, 14, 18])
def test_dsd_rows_equal_pydoe_paley_designs(m):
    ours = definitive_screening(m, randomize=False).coded_matrix
    assert _rows(ours) == _rows(pydoe.definitive_screening_design(m))


@pytest.mark.parametrize("m", range(3, 21))
def test_dsd_run_counts_match_pydoe(m):
    assert definitive_screening(m).n_runs == pydoe.definitive_screening_design(m).shape[0]


@pytest.mark.parametrize("model, runs", [("quadratic", 10), ("interactions", 12), ("linear", 6)])
def test_d_efficiency_matches_pydoe(model, runs):
    d = d_optimal(3, runs, model=model, seed=2)
    X, _ = model_matrix(d.coded_matrix, d.factor_names, model)
    assert d.d_efficiency == pytest.approx(pydoe.d_efficiency(X), rel=1e-12)


@pytest.mark.parametrize("q, m", [(3, 2), (3, 3), (4, 2), (4, 4), (5, 3)])
def test_simplex_lattice_matches_pydoe(q, m):
    ours = [[float(v) for v in p] for p in simplex_lattice_points(q, m)]
    assert _rows(ours) == _rows(pydoe.simplex_lattice_design(q, m))


@pytest.mark.parametrize("q", [3, 4, 5])
def test_simplex_centroid_and_axial_match_pydoe(q):
    ours = [[float(v) for v in p] for p in simplex_centroid_points(q)]
    assert _rows(ours) == _rows(pydoe.simplex_centroid_design(q))
    d = mixture_design(q, kind="lattice", degree=1, axial=True, center=True, randomize=False)
    axial_and_centre = d.coded_matrix[[t in ("axial", "center") for t in d.point_type]]
    assert _rows(axial_and_centre) == _rows(pydoe.mixture_axial_design(q, 0.5))


@pytest.mark.parametrize("lower", [[0.2, 0.1, 0.3], [0.05, 0.1, 0.15, 0.2]])
def test_lower_bound_vertices_match_pydoe_extreme_vertices(lower):
    """With lower bounds only, the feasible region is the simplex of the L-pseudo-components:
    its vertices (pydoe's extreme vertices with upper bounds 1) are our degree-1 lattice."""
    q = len(lower)
    names = [f"x{i}" for i in range(q)]
    d = mixture_design(names, degree=1, lower=lower, randomize=False)
    ours = d.table[names].to_numpy()
    assert _rows(ours) == _rows(pydoe.extreme_vertices_design(lower, [1.0] * q))
