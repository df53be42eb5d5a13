"""Backward hierarchical reduction in analyze_factorial against Montgomery's reduced model and
statsmodels OLS step by step."""

import itertools

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from havoc_tools.doe import analyze_factorial, full_factorial

FILTRATION = [45, 71, 48, 65, 68, 60, 80, 65, 43, 100, 45, 104, 75, 86, 70, 96]


def test_filtration_rate_reduces_to_montgomerys_model():
    """Montgomery, Design and Analysis of Experiments, 8th ed., Example 6.2: the unreplicated
    2^4 filtration experiment reduces to A, C, D, AC, AD; its ANOVA (Table 6.13) has
    SS_A = 1870.56, SS_C = 390.06, SS_D = 855.56, SS_AC = 1314.06, SS_AD = 1105.56 and error
    SS 195.13 on 10 df."""
    d = full_factorial(4, randomize=False)
    a = analyze_factorial(d, FILTRATION, reduce="backward")
    assert a.terms == ["A", "C", "D", "AC", "AD"]
    assert a.df_resid == 10
    ss = {r.source.strip(): r.sum_sq for r in a.anova}
    for term, want in {
        "A": 1870.56,
        "C": 390.06,
        "D": 855.56,
        "AC": 1314.06,
        "AD": 1105.56,
    }.items():
        assert ss[term] == pytest.approx(want, abs=0.005)
    assert ss["Residual error"] == pytest.approx(195.13, abs=0.005)
    assert [s["test"] for s in a.reduction] == ["Lenth"] * 10
    assert {s["term"] for s in a.reduction} == {
        "B",
        "AB",
        "BC",
        "BD",
        "CD",
        "ABC",
        "ABD",
        "ACD",
        "BCD",
        "ABCD",
    }
    # the reduced fit agrees with statsmodels OLS on the same model
    df = pd.DataFrame(d.coded_matrix, columns=list("ABCD")).assign(y=FILTRATION)
    ols = smf.ols("y ~ A + C + D + A:C + A:D", df).fit()
    assert a.coefficients["AC"] == pytest.approx(ols.params["A:C"])
    assert a.p["AD"] == pytest.approx(ols.pvalues["A:D"])
    assert a.r_squared == pytest.approx(ols.rsquared)


def _label(t):
    return ":".join(t)


def test_each_step_removes_the_largest_removable_p_value_per_statsmodels():
    """Replicated 2^3 with a strong A, B, AB signal: at every step the removed term is, among
    the terms no remaining higher-order term contains, the one with the largest OLS p-value
    (statsmodels), and it is above alpha; the final model's p-values are all below alpha or
    protected by hierarchy."""
    d = full_factorial(3, replicates=2, randomize=False)
    X = d.coded_matrix
    rng = np.random.default_rng(12)
    y = 10 + 3 * X[:, 0] + 2 * X[:, 1] + 1.5 * X[:, 0] * X[:, 1] + rng.normal(0, 0.8, len(X))
    a = analyze_factorial(d, y, reduce="backward", alpha=0.05)
    df = pd.DataFrame(X, columns=list("ABC")).assign(y=y)
    current = [t for r in (1, 2, 3) for t in itertools.combinations("ABC", r)]
    for step in a.reduction:
        ols = smf.ols("y ~ " + " + ".join(_label(t) for t in current), df).fit()
        removable = [t for t in current if not any(set(t) < set(u) for u in current)]
        worst = max(removable, key=lambda t: ols.pvalues[_label(t)])
        assert step["term"] == "".join(worst)
        assert step["p_value"] == pytest.approx(ols.pvalues[_label(worst)])
        assert step["p_value"] > 0.05 and step["test"] == "t"
        current.remove(worst)
    final = smf.ols("y ~ " + " + ".join(_label(t) for t in current), df).fit()
    assert a.terms == ["".join(t) for t in current]
    removable = [t for t in current if not any(set(t) < set(u) for u in current)]
    assert all(final.pvalues[_label(t)] <= 0.05 for t in removable)
    for t in current:
        assert a.p["".join(t)] == pytest.approx(final.pvalues[_label(t)])
    assert {"A", "B", "AB"} <= set(a.terms)


def test_hierarchy_keeps_a_weak_main_effect_under_its_interaction():
    d = full_factorial(2, replicates=3, randomize=False)
    X = d.coded_matrix
    rng = np.random.default_rng(3)
    y = 5 + 2 * X[:, 0] * X[:, 1] + rng.normal(0, 0.3, len(X))
    a = analyze_factorial(d, y, reduce="backward")
    assert "AB" in a.terms and {"A", "B"} <= set(a.terms)
    assert a.reduction == []


def test_terms_subset_and_bad_reduce():
    d = full_factorial(3, replicates=2, randomize=False)
    y = np.arange(16.0) ** 1.5
    a = analyze_factorial(d, y, terms=["A", "B", "AB"])
    assert a.terms == ["A", "B", "AB"]
    with pytest.raises(ValueError, match="reduce must be 'backward'"):
        analyze_factorial(d, y, reduce="forward")
    with pytest.raises(ValueError, match="not made of the factors"):
        analyze_factorial(d, y, terms=["A", "Q"])
    exact = full_factorial(3, randomize=False)
    y_exact = 10 + 2 * exact.coded_matrix[:, 0] + exact.coded_matrix[:, 1]
    with pytest.raises(ValueError, match="fits the response exactly"):
        analyze_factorial(exact, y_exact, reduce="backward")
