"""D-optimal designs by exchange against brute force and known orthogonal designs."""

import itertools

import numpy as np
import pandas as pd
import pytest
from havoc_tools.doe import d_optimal
from havoc_tools.doe.optimal import candidate_grid, model_matrix


def test_main_effects_from_full_factorial_is_orthogonal_and_100_percent():
    """From the 2^4 candidates an 8-run main-effects design exists with X'X = 8 I (a 2^(4-1)
    fraction); the exchange must find one: D-efficiency 100%, |X'X| = 8^5."""
    d = d_optimal(4, 8, model="linear", seed=5, randomize=False)
    X, _ = model_matrix(d.coded_matrix, d.factor_names, "linear")
    assert np.allclose(X.T @ X, 8 * np.eye(5))
    assert d.d_efficiency == pytest.approx(100.0)
    assert d.det_xtx == pytest.approx(8.0**5)


def test_twelve_runs_for_eleven_factors_reach_a_hadamard_design():
    """12 runs, 11 factors, main effects: a Plackett-Burman (Hadamard) design is optimal with
    X'X = 12 I. Candidates: the 2^11 grid."""
    d = d_optimal(11, 12, model="linear", seed=1, starts=40, randomize=False)
    assert d.d_efficiency == pytest.approx(100.0)


@pytest.mark.parametrize("model, levels, runs", [("quadratic", 3, 7), ("interactions", 2, 9)])
def test_exchange_matches_brute_force(model, levels, runs):
    """Every multiset of `runs` candidates enumerated: the exchange reaches the maximum |X'X|."""
    names = ["A", "B"] if model == "quadratic" else ["A", "B", "C"]
    cand = candidate_grid(len(names), levels)
    F, _ = model_matrix(cand, names, model)
    best = max(
        np.linalg.det(F[list(c)].T @ F[list(c)])
        for c in itertools.combinations_with_replacement(range(len(cand)), runs)
    )
    d = d_optimal(names, runs, model=model, seed=0, randomize=False)
    assert d.det_xtx == pytest.approx(best, rel=1e-9)
    X, _ = model_matrix(d.coded_matrix, names, model)
    assert np.linalg.det(X.T @ X) == pytest.approx(d.det_xtx, rel=1e-9)


def test_formula_model_and_user_candidates():
    cand = pd.DataFrame(candidate_grid(3, 3), columns=["x", "y", "z"])
    d = d_optimal(["x", "y", "z"], 9, model="x + y + z + x:y + I(x^2)", candidates=cand, seed=4)
    assert d.model_terms == ["Intercept", "x", "y", "z", "I(x^2)", "x:y"]
    F, _ = model_matrix(cand.to_numpy(), ["x", "y", "z"], "x + y + z + x:y + I(x^2)")
    assert F.shape == (27, 6)
    X, _ = model_matrix(d.coded_matrix, ["x", "y", "z"], "x + y + z + x:y + I(x^2)")
    assert np.linalg.slogdet(X.T @ X)[1] == pytest.approx(d.log_det_xtx)
    # actual units follow the low/high mapping
    d2 = d_optimal({"T": (100, 200), "P": (1, 2)}, 4, seed=1)
    assert set(d2.table["T"]) <= {100.0, 200.0}


def test_seed_reproducible_and_json():
    a = d_optimal(3, 10, model="quadratic", seed=7)
    b = d_optimal(3, 10, model="quadratic", seed=7)
    assert a.coded == b.coded and a.run_order == b.run_order
    doc = a.to_dict()
    assert doc["kind"] == "OptimalDesign" and doc["d_efficiency"] == a.d_efficiency
    assert "D-efficiency" in a.summary()


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: d_optimal(3, 5, model="quadratic"), "needs at least 10 runs"),
        (lambda: d_optimal(2, 6, model="quadratic", levels=2), "rank deficient"),
        (lambda: d_optimal(2, 4, model="A + Q"), "not factors"),
        (lambda: d_optimal(2, 4, model="cubic"), "unexpected|formula|model"),
        (lambda: d_optimal(2, 4, candidates=[[0, 1, 2]]), "one column per factor"),
        (lambda: d_optimal(2, 0), "runs must be at least 1"),
    ],
)
def test_d_optimal_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_too_much_work_is_refused_before_starting():
    with pytest.raises(ValueError, match="too much work"):
        d_optimal(6, 200, model="quadratic", starts=50)


def test_two_level_d_optimal_design_can_be_analysed():
    from havoc_tools.doe import analyze_factorial

    d = d_optimal(4, 12, model="interactions", seed=3)
    X = d.coded_matrix
    rng = np.random.default_rng(0)
    y = 5 + 2 * X[:, 0] - X[:, 1] * X[:, 2] + rng.normal(0, 0.05, len(X))
    a = analyze_factorial(d, y, max_order=2)
    assert a.coefficients["A"] == pytest.approx(2.0, abs=0.1)
    with pytest.raises(ValueError, match="coded -1/\\+1"):
        analyze_factorial(d_optimal(2, 6, model="quadratic", seed=1), np.arange(6.0))


def test_augmenting_a_half_fraction_finds_the_other_half():
    """The 2^(3-1) with C = AB cannot estimate 2FIs; 4 added runs for the interactions model
    are best as the complementary half: the 2^3 in two blocks, D-efficiency 100%."""
    from havoc_tools.doe import fractional_factorial

    d = fractional_factorial({"T": (100, 200), "P": (1, 2), "C": (0, 1)}, generators="C = AB")
    a = d_optimal(None, 4, model="interactions", augment=d, seed=2, randomize=False)
    assert a.n_runs == 8 and a.d_efficiency == pytest.approx(100.0)
    assert len({tuple(r) for r in a.coded}) == 8
    assert a.block == [1] * 4 + [2] * 4
    assert set(a.table["T"]) == {100.0, 200.0}


def test_augmentation_matches_brute_force():
    """Kept runs: a 2^2 factorial (coded). Added: 2 runs from the 3^2 grid for the quadratic
    model; every multiset of 2 candidates is tried."""
    from havoc_tools.doe import full_factorial

    base = full_factorial(["A", "B"], center_points=1, randomize=False)
    cand = candidate_grid(2, 3)
    F0, _ = model_matrix(base.coded_matrix, ["A", "B"], "quadratic")
    F, _ = model_matrix(cand, ["A", "B"], "quadratic")
    best = max(
        np.linalg.det(F0.T @ F0 + F[list(c)].T @ F[list(c)])
        for c in itertools.combinations_with_replacement(range(9), 2)
    )
    a = d_optimal(None, 2, model="quadratic", augment=base, seed=1)
    assert a.det_xtx == pytest.approx(best, rel=1e-9)
    assert a.d_efficiency == pytest.approx(100 * best ** (1 / 6) / 7)


def test_augment_bad_input():
    from havoc_tools.doe import full_factorial, mixture_design

    with pytest.raises(ValueError, match="differ from the augmented design"):
        d_optimal(["X", "Y"], 2, augment=full_factorial(["A", "B"]))
    with pytest.raises(ValueError, match="not coded on"):
        d_optimal(None, 2, augment=mixture_design(3))
    with pytest.raises(ValueError, match="augment must be a Design"):
        d_optimal(None, 2, augment=[[1, 1]])
