"""Mixture designs against the published point sets (Scheffe 1958, 1963; Cornell, Experiments
with Mixtures, 3rd ed., 2002) and the pseudo-component transformation."""

from fractions import Fraction
from math import comb

import numpy as np
import pytest
from havoc_tools.doe import mixture_design
from havoc_tools.doe.mixture import simplex_centroid_points, simplex_lattice_points

F = Fraction


def _rows(d):
    return {tuple(round(v, 12) for v in r) for r in d.coded_matrix.tolist()}


def test_simplex_lattice_3_2_is_the_published_six_points():
    """Cornell (2002), Chapter 2: the {3, 2} lattice is the three vertices and the three
    binary blends (1/2, 1/2, 0), (1/2, 0, 1/2), (0, 1/2, 1/2)."""
    d = mixture_design(3, degree=2, randomize=False)
    h = 0.5
    assert _rows(d) == {(1, 0, 0), (0, 1, 0), (0, 0, 1), (h, h, 0), (h, 0, h), (0, h, h)}
    assert d.point_type.count("vertex") == 3 and d.point_type.count("blend2") == 3


def test_simplex_lattice_3_3_has_thirds_and_the_centroid():
    """{3, 3}: vertices, the six (2/3, 1/3, 0) permutations and (1/3, 1/3, 1/3) - 10 points."""
    pts = set(simplex_lattice_points(3, 3))
    third, two = F(1, 3), F(2, 3)
    want = {(F(1), F(0), F(0)), (F(0), F(1), F(0)), (F(0), F(0), F(1)), (third, third, third)}
    for i in range(3):
        for j in range(3):
            if i != j:
                p = [F(0)] * 3
                p[i], p[j] = two, third
                want.add(tuple(p))
    assert pts == want


@pytest.mark.parametrize("q, m", [(3, 2), (3, 3), (4, 2), (4, 3), (5, 4), (6, 2)])
def test_lattice_size_is_binomial(q, m):
    """Scheffe (1958): a {q, m} lattice has C(q + m - 1, m) points."""
    assert len(simplex_lattice_points(q, m)) == comb(q + m - 1, m)


def test_simplex_centroid_and_axial_points():
    """Scheffe (1963): 2^q - 1 points, the centroids of all faces. Axial check blends sit halfway
    between the centroid and each vertex: ((q+1)/(2q), 1/(2q), ...)."""
    assert len(simplex_centroid_points(4)) == 15
    d = mixture_design(3, kind="centroid", axial=True, randomize=False)
    assert d.n_runs == 7 + 3
    assert (1 / 3, 1 / 3, 1 / 3) in {tuple(r) for r in d.coded_matrix.tolist()}
    axial = d.coded_matrix[np.array(d.point_type) == "axial"]
    assert np.allclose(np.sort(axial, axis=1), [[1 / 6, 1 / 6, 2 / 3]] * 3)


def test_every_design_sums_to_the_total():
    d = mixture_design(["resin", "filler", "solvent", "pigment"], degree=3, total=200, seed=1)
    tab = d.table
    assert np.allclose(tab[["resin", "filler", "solvent", "pigment"]].sum(axis=1), 200.0)
    assert np.allclose(d.coded_matrix.sum(axis=1), 1.0)


def test_lower_bounds_through_pseudo_components():
    """x_i = L_i + (1 - sum L) z_i: the vertices of the pseudo-component simplex are the points
    where one component takes all the slack 1 - sum L."""
    L = [0.2, 0.1, 0.3]
    d = mixture_design({"a": 0.2, "b": 0.1, "c": 0.3}, kind="centroid", randomize=False)
    X = d.table[["a", "b", "c"]].to_numpy()
    Z = d.coded_matrix
    assert np.allclose(X, np.array(L) + 0.4 * Z)
    assert np.allclose(X.sum(axis=1), 1.0)
    assert np.all(X >= np.array(L) - 1e-12)
    assert np.allclose(X[0], [0.6, 0.1, 0.3])


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"components": 1}, "at least 2 components"),
        ({"components": 3, "lower": [0.5, 0.4, 0.2]}, "sum to less than 1"),
        ({"components": 3, "lower": [0.1, 0.1]}, "2 lower bounds for 3"),
        ({"components": 3, "kind": "vertex"}, "lattice' or 'centroid"),
        ({"components": 3, "degree": 0}, "degree must be at least 1"),
        ({"components": 3, "total": -1}, "total must be a positive"),
    ],
)
def test_mixture_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        mixture_design(**kwargs)


def test_large_lattice_is_generated_without_enumerating_the_grid():
    # {20, 3}: C(22, 3) = 1540 points; a product over 4^20 grid cells would never finish
    d = mixture_design(20, degree=3, randomize=False)
    assert d.n_runs == comb(22, 3)
    assert np.allclose(d.coded_matrix.sum(axis=1), 1.0)
