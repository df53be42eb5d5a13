"""Design generators against published catalogues and structural properties."""

import itertools
import math

import numpy as np
import pytest
from havoc_tools.doe import (
    box_behnken,
    ccd_alpha,
    central_composite,
    fractional_factorial,
    full_factorial,
    latin_hypercube,
    plackett_burman,
    taguchi,
    taguchi_array,
)
from havoc_tools.doe.catalogue import CATALOGUE
from hypothesis import given, settings
from hypothesis import strategies as st


def test_full_factorial_yates_order_and_actual_units():
    d = full_factorial({"T": (150, 200), "t": (10, 20)}, randomize=False)
    tab = d.table
    assert list(tab["T_coded"]) == [-1, 1, -1, 1]
    assert list(tab["t_coded"]) == [-1, -1, 1, 1]
    assert list(tab["T"]) == [150, 200, 150, 200]
    assert list(tab["run_order"]) == [1, 2, 3, 4]


def test_replicates_centre_points_and_seeded_randomisation(tmp_path):
    a = full_factorial(3, replicates=2, center_points=3, seed=7)
    b = full_factorial(3, replicates=2, center_points=3, seed=7)
    assert a.n_runs == 2 * 8 + 3
    assert a.std_order == b.std_order  # reproducible by seed
    assert sorted(a.std_order) == list(range(1, 20))
    assert a.point_type.count("center") == 3
    a.to_csv(tmp_path / "d.csv")
    import pandas as pd

    back = pd.read_csv(tmp_path / "d.csv")
    assert list(back.columns[:4]) == ["std_order", "run_order", "block", "point_type"]
    assert len(back) == 19


def test_general_factorial():
    d = full_factorial({"T": [150, 175, 200], "cat": ["x", "y"]}, randomize=False)
    assert d.n_runs == 6
    assert d.table["T"].tolist() == [150, 175, 200, 150, 175, 200]
    assert d.table["cat"].tolist() == ["x", "x", "x", "y", "y", "y"]


def test_blocks_by_confounding_highest_interaction():
    d = full_factorial(3, blocks=2, randomize=False)
    X = d.coded_matrix
    abc = X.prod(axis=1)
    blocks = np.array(d.block)
    # ABC is confounded with blocks: constant within each block
    for b in (1, 2):
        assert len(set(abc[blocks == b])) == 1
    assert "ABC" in d.notes[0]


@pytest.mark.parametrize(
    ("k", "gens", "res", "runs"),
    [
        (5, "E = ABCD", 5, 16),
        (7, "D = AB, E = AC, F = BC, G = ABC", 3, 8),
        (8, "E = BCD, F = ACD, G = ABC, H = ABD", 4, 16),
        (4, "D = ABC", 4, 8),
    ],
)
def test_known_resolutions(k, gens, res, runs):
    d = fractional_factorial(k, generators=gens, randomize=False)
    assert d.alias.resolution == res
    assert d.n_runs == runs


def test_alias_structure_of_half_fraction():
    a = fractional_factorial(5, generators="E = ABCD", randomize=False).alias
    assert a.defining_relation == ["I", "ABCDE"]
    assert a.word_length_pattern == [0, 0, 0, 0, 1]
    assert a.aliases["A"] == []  # up to order 3: A = BCDE is order 4
    assert a.aliases["AB"] == ["CDE"]


def test_signed_generator_and_2_7_4_aliases():
    d = fractional_factorial(4, generators="D = -ABC", randomize=False)
    X = d.coded_matrix
    assert np.allclose(X[:, 3], -X[:, 0] * X[:, 1] * X[:, 2])
    assert d.alias.defining_relation == ["I", "-ABCD"]
    a = fractional_factorial(7, runs=8, randomize=False).alias
    # Montgomery: in the 2^(7-4)_III with D=AB, E=AC, F=BC, G=ABC, A is aliased with BD, CE, FG
    assert {"BD", "CE", "FG"} <= set(a.aliases["A"])


def test_wlp_of_known_minimum_aberration_designs():
    # 2^(7-3)_IV: seven words of length 4; 2^(8-4)_IV: fourteen words of length 4, one of 8
    assert fractional_factorial(7, runs=16).alias.word_length_pattern[3] == 7
    assert fractional_factorial(8, runs=16).alias.word_length_pattern == [0, 0, 0, 14, 0, 0, 0, 1]


@pytest.mark.parametrize(("k", "p"), sorted(CATALOGUE))
def test_catalogue_resolutions_are_what_the_table_says(k, p):
    res, gens = CATALOGUE[(k, p)]
    d = fractional_factorial(k, generators=list(gens), randomize=False)
    assert d.alias.resolution == res
    assert d.n_runs == 2 ** (k - p)
    X = d.coded_matrix
    assert np.allclose(X.T @ X, d.n_runs * np.eye(k))


@pytest.mark.parametrize(
    ("k", "res", "runs"),
    [(5, 5, 16), (6, 4, 16), (7, 4, 16), (7, 3, 8), (11, 3, 16), (9, 6, 128), (3, 5, 8)],
)
def test_design_by_resolution_is_smallest(k, res, runs):
    d = fractional_factorial(k, resolution=res, randomize=False)
    assert d.n_runs == runs
    assert d.alias.resolution is None or d.alias.resolution >= res


@pytest.mark.parametrize(
    "bad", ["E = ABCE", "E ABCD", "E = AXCD", "E = AACD", "E = ABCD, E = ABC", "F = ABC"]
)
def test_bad_generators(bad):
    with pytest.raises(ValueError, match="generator"):
        fractional_factorial(5, generators=bad)


@pytest.mark.parametrize("n", [8, 12, 16, 20, 24, 32])
def test_plackett_burman_orthogonal(n):
    d = plackett_burman(n - 1, randomize=False)
    X = d.coded_matrix
    assert X.shape == (n, n - 1)
    assert np.allclose(X.T @ X, n * np.eye(n - 1))


def test_plackett_burman_default_size_and_published_first_row():
    d = plackett_burman(11, randomize=False)
    assert d.n_runs == 12
    # Plackett & Burman (1946) N=12 generating row
    assert d.coded_matrix[0].tolist() == [1, 1, -1, 1, 1, 1, -1, -1, -1, 1, -1]
    assert plackett_burman(12, randomize=False).n_runs == 16


def _strength_two(A):
    for i, j in itertools.combinations(range(A.shape[1]), 2):
        pairs = {}
        for a, b in zip(A[:, i], A[:, j], strict=True):
            pairs[(a, b)] = pairs.get((a, b), 0) + 1
        if len(pairs) != len(set(A[:, i])) * len(set(A[:, j])) or len(set(pairs.values())) != 1:
            return False
    return True


@pytest.mark.parametrize(
    ("name", "shape"),
    [
        ("L4", (4, 3)),
        ("L8", (8, 7)),
        ("L9", (9, 4)),
        ("L12", (12, 11)),
        ("L16", (16, 15)),
        ("L18", (18, 8)),
        ("L27", (27, 13)),
    ],
)
def test_taguchi_arrays_orthogonal(name, shape):
    A = taguchi_array(name)
    assert A.shape == shape
    assert _strength_two(A)


def test_taguchi_l8_l16_follow_the_column_rule_and_l27_the_gf3_rule():
    # L8 printed table equals the first 7 columns rule used to generate L16 (bits -> XOR)
    runs = np.arange(8)
    basic = [(runs >> (2 - b)) & 1 for b in range(3)]
    for j in range(1, 8):
        v = np.zeros(8, dtype=int)
        for b in range(3):
            if j >> b & 1:
                v ^= basic[b]
        assert (taguchi_array("L8")[:, j - 1] == v + 1).all()
    runs = np.arange(27)
    a, b, c = runs // 9, (runs // 3) % 3, runs % 3
    coeffs = [
        (1, 0, 0),
        (0, 1, 0),
        (1, 1, 0),
        (2, 1, 0),
        (0, 0, 1),
        (1, 0, 1),
        (2, 0, 1),
        (0, 1, 1),
        (1, 1, 1),
        (2, 1, 1),
        (0, 2, 1),
        (1, 2, 1),
        (2, 2, 1),
    ]
    L27 = taguchi_array("L27")
    for j, (x, y, z) in enumerate(coeffs):
        assert ((x * a + y * b + z * c) % 3 + 1 == L27[:, j]).all()


def test_taguchi_with_levels():
    d = taguchi("L9", {"T": [150, 175, 200], "P": [1, 2, 3]})
    assert d.table["T"].tolist()[:4] == [150, 150, 150, 175]
    with pytest.raises(ValueError, match="levels"):
        taguchi("L8", {"T": [1, 2, 3]})


def test_ccd_alpha_values():
    for k in (2, 3, 4, 5):
        d = central_composite(k, randomize=False)
        assert d.alpha == pytest.approx((2**k) ** 0.25)
    assert central_composite(2, design="faced").alpha == 1.0
    # orthogonal alpha (Montgomery): k=2, F=4, 1 centre point -> alpha = 1.0; n0=5 -> 1.267...
    F, T = 4, 4 + 1
    assert ccd_alpha(2, "orthogonal", n_center=1) == pytest.approx(
        ((math.sqrt(F + T) - math.sqrt(F)) ** 2 * F / 4) ** 0.25
    )
    assert ccd_alpha(2, "orthogonal", n_center=1) == pytest.approx(1.0)


def test_ccd_structure_and_inscribed():
    d = central_composite(3, center_points=6, randomize=False)
    assert d.n_runs == 8 + 6 + 6
    X = d.coded_matrix
    assert np.allclose(np.sort(np.abs(X).max(axis=0)), (8) ** 0.25)
    ci = central_composite(3, design="inscribed", randomize=False).coded_matrix
    assert np.abs(ci).max() == pytest.approx(1.0)
    # rotatable CCD: X'X of the quadratic model has the rotatability moment condition [iiii] = 3[iijj]
    x1, x2 = X[:, 0], X[:, 1]
    assert np.sum(x1**4) == pytest.approx(3 * np.sum(x1**2 * x2**2))


@pytest.mark.parametrize(("k", "runs"), [(3, 15), (4, 27), (5, 46), (6, 54), (7, 62)])
def test_box_behnken_run_counts(k, runs):
    d = box_behnken(k, randomize=False)
    assert d.n_runs == runs
    X = d.coded_matrix
    assert set(np.unique(X)) == {-1.0, 0.0, 1.0}
    assert np.allclose(X.sum(axis=0), 0)


def test_latin_hypercube_strata():
    d = latin_hypercube({"x": (0, 10), "y": (5, 6)}, 20, seed=3)
    u = (d.coded_matrix + 1) / 2
    for j in range(2):
        assert sorted(np.floor(u[:, j] * 20).astype(int)) == list(range(20))
    x = np.array(d.table["x"])
    assert x.min() >= 0 and x.max() <= 10


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: full_factorial(0), "at least 1"),
        (lambda: full_factorial(3, replicates=0), "replicates"),
        (lambda: full_factorial({"A": (1,)}), "2 levels"),
        (lambda: full_factorial(["A", "A"]), "unique"),
        (lambda: fractional_factorial(5, runs=12), "power of two"),
        (lambda: central_composite(1), "at least 2"),
        (lambda: box_behnken(2), "3 to 7"),
        (lambda: plackett_burman(12, runs=12), "at most 11"),
        (lambda: taguchi("L99"), "unknown Taguchi"),
        (lambda: full_factorial(3, seed="x"), "seed"),
        (lambda: full_factorial(3, blocks=3), "power of two"),
        (lambda: full_factorial({"c": ("a", "b")}, center_points=1), "categorical"),
    ],
)
def test_bad_input_names_the_problem(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@settings(max_examples=25, deadline=None)
@given(k=st.integers(3, 9), p=st.integers(0, 5), data=st.data())
def test_two_level_designs_balanced_and_orthogonal(k, p, data):
    if (k, p) not in CATALOGUE and p != 0:
        p = 0
    d = fractional_factorial(k, runs=2 ** (k - p), seed=data.draw(st.integers(0, 10**6)))
    X = d.coded_matrix
    assert np.allclose(X.sum(axis=0), 0)  # balanced
    assert np.allclose(X.T @ X, len(X) * np.eye(k))  # orthogonal
