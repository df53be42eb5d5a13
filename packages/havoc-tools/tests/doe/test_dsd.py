"""Definitive screening designs: the conference-matrix construction and the published DSD
properties (Jones & Nachtsheim 2011, J. Quality Technology 43, 1-15; Xiao, Lin & Bai 2012,
J. Quality Technology 44, 2-8)."""

from itertools import combinations

import numpy as np
import pytest
from havoc_tools.doe import conference_matrix, definitive_screening
from havoc_tools.doe.dsd import available_orders


@pytest.mark.parametrize("n", available_orders())
def test_conference_matrices(n):
    C = conference_matrix(n)
    assert np.all(np.diag(C) == 0)
    off = C[~np.eye(n, dtype=bool)]
    assert np.all(np.abs(off) == 1)
    assert np.allclose(C.T @ C, (n - 1) * np.eye(n))


def test_paley_order_6_is_the_quadratic_residue_matrix_of_gf5():
    """Paley (1933): for q = 5 the core is chi(a - b) with squares {1, 4} mod 5, symmetric."""
    C = conference_matrix(6)
    chi = {0: 0, 1: 1, 2: -1, 3: -1, 4: 1}
    core = np.array([[chi[(a - b) % 5] for b in range(5)] for a in range(5)])
    assert np.array_equal(C[1:, 1:], core)
    assert np.array_equal(C, C.T)


def _effects(X):
    k = X.shape[1]
    twofi = np.column_stack([X[:, i] * X[:, j] for i, j in combinations(range(k), 2)])
    return X, twofi, X**2


def test_six_factor_dsd_has_the_published_structure():
    """JN 2011, Section 2 and Table 1 (m = 6), and Montgomery, Design and Analysis of
    Experiments, Table 11.15 (general structure of a DSD): 2m + 1 = 13 runs; runs 2j-1 and 2j
    are a fold-over pair with factor j at its centre level (the zeros march down the diagonal);
    the last run is the overall centre."""
    d = definitive_screening(6, randomize=False)
    X = d.coded_matrix
    assert X.shape == (13, 6)
    assert np.array_equal(X[1:12:2], -X[0:12:2])
    for j in range(6):
        assert X[2 * j, j] == 0 and X[2 * j + 1, j] == 0
    assert np.all((X[:12] == 0).sum(axis=1) == 1)
    assert np.all(X[12] == 0)
    assert np.all((X[:12] == 0).sum(axis=0) == 2)
    assert set(np.unique(X)) == {-1.0, 0.0, 1.0}


@pytest.mark.parametrize("m", [3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 15, 16])
def test_dsd_properties_from_the_correlation_matrix(m):
    """JN 2011 properties 1-4: main effects orthogonal to each other and to every 2FI and
    quadratic effect; quadratic effects not aliased with main effects and estimable; no
    second-order effect fully aliased with another (|r| < 1). Runs: 2m+1 (m even), 2m+3 (odd)."""
    d = definitive_screening(m, randomize=False)
    assert d.n_runs == (2 * m + 1 if m % 2 == 0 else 2 * m + 3)
    me, twofi, quad = _effects(d.coded_matrix)
    R = np.corrcoef(np.column_stack([me, twofi, quad]), rowvar=False)
    k = me.shape[1]
    assert np.allclose(R[:k, :k], np.eye(k), atol=1e-12)
    assert np.allclose(R[:k, k:], 0.0, atol=1e-12)
    second = R[k:, k:] - np.eye(R.shape[0] - k)
    assert np.abs(second).max() < 1 - 1e-9
    # intercept + main effects + quadratics are jointly estimable
    Xq = np.column_stack([np.ones(d.n_runs), me, quad])
    assert np.linalg.matrix_rank(Xq) == 1 + 2 * m


def test_quadratic_correlation_matches_the_closed_form():
    """By hand for [C; -C; 0] with n = 6 (13 runs): x_i^2 is 1 in 10 runs (0 in runs i, 6+i and
    the centre); two such columns are both 1 in 8 runs. Mean 10/13, covariance
    8/13 - 100/169 = 4/169, variance 10/13 - 100/169 = 30/169, so r = 4/30 = 2/15."""
    d = definitive_screening(6, randomize=False)
    q = d.coded_matrix**2
    r = np.corrcoef(q, rowvar=False)
    off = r[~np.eye(6, dtype=bool)]
    assert np.allclose(off, 2 / 15)


def test_actual_units_extra_factors_and_centre_points():
    d = definitive_screening(
        {"T": (100, 200), "P": (1, 3), "t": (5, 15), "c": (0, 1)},
        extra_factors=2,
        center_points=3,
        seed=2,
    )
    assert d.n_runs == 2 * 6 + 3 and d.point_type.count("center") == 3
    tab = d.table
    assert set(tab["T"]) == {100.0, 150.0, 200.0}
    assert "2 column(s) dropped" in d.notes[0]


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: definitive_screening(2), "at least 3 factors"),
        (lambda: definitive_screening(60), "at most"),
        (lambda: definitive_screening({"a": ("x", "y"), "b": (0, 1), "c": (0, 1)}), "numeric"),
        (lambda: conference_matrix(22), "no construction"),
    ],
)
def test_dsd_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()
