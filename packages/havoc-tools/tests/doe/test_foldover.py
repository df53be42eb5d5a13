"""Fold-over of two-level fractions against Montgomery's worked example and by construction."""

import numpy as np
import pytest
from havoc_tools.doe import (
    analyze_factorial,
    foldover,
    fractional_factorial,
    full_factorial,
    plackett_burman,
)

EYE_FOCUS_GENERATORS = "D = AB, E = AC, F = BC, G = ABC"


def _eye_focus():
    return fractional_factorial(7, generators=EYE_FOCUS_GENERATORS, randomize=False)


def _word_column(X: np.ndarray, word: str) -> np.ndarray:
    letters = "ABCDEFGH"
    return np.prod(X[:, [letters.index(c) for c in word]], axis=1)


def test_full_foldover_of_2_7_4_is_montgomery_resolution_iv():
    """Montgomery, Design and Analysis of Experiments, 8th ed., Section 8.6.2 (eye focus time,
    Example 8.7): the 2^(7-4)_III design with D = AB, E = AC, F = BC, G = ABC folded over on all
    factors gives a 2^(7-3)_IV design with defining relation
    I = ABCG = BCDE = ACDF = ADEG = BDFG = ABEF = CEFG."""
    f = foldover(_eye_focus(), randomize=False)
    published = {"ABCG", "BCDE", "ACDF", "ADEG", "BDFG", "ABEF", "CEFG"}
    assert f.n_runs == 16
    assert f.alias.resolution == 4
    assert set(f.alias.defining_relation[1:]) == published
    assert f.alias.word_length_pattern[3] == 7 and sum(f.alias.word_length_pattern) == 7
    # main effects are clear of two-factor interactions (aliases of order <= 2 are empty)
    for me in "ABCDEFG":
        assert all(len(a.lstrip("-")) >= 3 for a in f.alias.aliases[me])
    # the claimed defining words really are constant columns of the combined runs
    X = f.coded_matrix
    for w in published:
        assert np.all(_word_column(X, w) == 1.0)
    for w in _eye_focus().alias.defining_relation[1:]:
        if len(w.lstrip("-")) % 2:  # odd words are dropped by a full fold-over
            assert abs(_word_column(X, w.lstrip("-")).sum()) == 0


def test_single_factor_foldover_frees_that_factor_and_its_interactions():
    """Montgomery 8th ed., Section 8.6.2: folding the eye-focus design on D alone de-aliases D
    and every two-factor interaction involving D; the words without D remain."""
    d = _eye_focus()
    f = foldover(d, "D", randomize=False)
    original = [w for w in d.alias.defining_relation[1:] if "D" not in w]
    assert set(f.alias.defining_relation[1:]) == set(original)
    assert f.alias.aliases["D"] == []  # no alias of order <= 3
    for other in "ABCEFG":
        two_fi = "".join(sorted("D" + other))
        assert all(len(a.lstrip("-")) >= 3 for a in f.alias.aliases[two_fi])
    X = f.coded_matrix
    assert np.allclose(X[8:, 3], -X[:8, 3]) and np.allclose(X[8:, [0, 1, 2]], X[:8, [0, 1, 2]])


def test_signs_follow_the_fold_and_runs_are_unique():
    d = fractional_factorial(5, generators="D = AB, E = AC", randomize=False)
    f = foldover(d, ["A", "C"], randomize=False)
    X = f.coded_matrix
    assert np.allclose(X[8:], X[:8] * np.array([-1, 1, -1, 1, 1]))
    assert len({tuple(r) for r in X}) == 16
    # words meeting {A, C} evenly survive: ACDE = (ABD)(BCE)... check against the columns
    for w in f.alias.defining_relation[1:]:
        sign = -1.0 if w.startswith("-") else 1.0
        assert np.all(_word_column(X, w.lstrip("-")) == sign)


def test_blocked_foldover_and_analysis():
    d = _eye_focus()
    f = foldover(d, block=True, randomize=True, seed=3)
    assert sorted(set(f.block)) == [1, 2]
    assert any("blocks are aliased with" in n for n in f.notes)
    rng = np.random.default_rng(0)
    y = 3 * f.coded_matrix[:, 0] + rng.normal(0, 0.1, f.n_runs)
    a = analyze_factorial(f, y, max_order=1)
    assert a.effects["A"] == pytest.approx(6.0, abs=0.3)


def test_plackett_burman_foldover_and_centre_points_kept_once():
    d = plackett_burman(11, center_points=2, randomize=False)
    f = foldover(d, randomize=False)
    assert f.n_runs == 26 and f.point_type.count("center") == 2
    X = f.coded_matrix[f.coded_matrix.any(axis=1)]
    # a folded design is orthogonal: main effects orthogonal to all 2FIs
    for i in range(11):
        for j in range(11):
            for k2 in range(j + 1, 11):
                assert X[:, i] @ (X[:, j] * X[:, k2]) == 0


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: foldover(full_factorial(3, randomize=False)), "same runs again"),
        (lambda: foldover(_eye_focus(), "Z"), "not a factor"),
        (lambda: foldover(_eye_focus(), ["A", "A"]), "named twice"),
        (lambda: foldover([[1, 2]]), "needs a Design"),
    ],
)
def test_foldover_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()
