"""Factorial analysis, response surfaces and desirability against textbook values and
independent references (statsmodels OLS, hand formulas)."""

import math

import numpy as np
import pandas as pd
import pytest
from havoc_tools.doe import (
    Goal,
    analyze_factorial,
    central_composite,
    desirability,
    fit_response_surface,
    fractional_factorial,
    full_factorial,
    lenth,
)

# Montgomery, Design and Analysis of Experiments, Example 6.2 (filtration rate, 2^4 unreplicated),
# responses in standard order (1), a, b, ab, c, ...
FILTRATION = [45, 71, 48, 65, 68, 60, 80, 65, 43, 100, 45, 104, 75, 86, 70, 96]
PUBLISHED_EFFECTS = {
    "A": 21.625,
    "B": 3.125,
    "C": 9.875,
    "D": 14.625,
    "AB": 0.125,
    "AC": -18.125,
    "AD": 16.625,
    "BC": 2.375,
    "BD": -0.375,
    "CD": -1.125,
    "ABC": 1.875,
    "ABD": 4.125,
    "ACD": -1.625,
    "BCD": -2.625,
    "ABCD": 1.375,
}


def test_filtration_rate_effects_match_montgomery():
    d = full_factorial(4, randomize=False)
    a = analyze_factorial(d, FILTRATION)
    for name, eff in PUBLISHED_EFFECTS.items():
        assert a.effects[name] == pytest.approx(eff, abs=1e-12)
    assert a.coefficients["Intercept"] == pytest.approx(70.0625)
    # Lenth by hand: s0 = 1.5*2.625; effects below 2.5*s0 have median 1.75 -> PSE = 2.625
    assert a.lenth["pse"] == pytest.approx(2.625)
    from scipy import stats

    assert a.lenth["me"] == pytest.approx(stats.t.ppf(0.975, 5) * 2.625)
    assert set(a.active) == {"A", "C", "D", "AC", "AD"}


def test_randomised_run_order_gives_the_same_effects():
    d = full_factorial(4, seed=11)
    y = [FILTRATION[s - 1] for s in d.std_order]
    a = analyze_factorial(d, y)
    assert a.effects["AD"] == pytest.approx(16.625)


def test_projected_model_anova_matches_statsmodels():
    import statsmodels.formula.api as smf

    d = full_factorial(4, randomize=False)
    df = d.table.rename(columns={"A_coded": "xa", "C_coded": "xc", "D_coded": "xd"})
    df["y"] = FILTRATION
    a = analyze_factorial(df, "y", ["A", "C", "D"])
    ols = smf.ols("y ~ xa * xc * xd", data=df).fit()
    assert a.sigma == pytest.approx(math.sqrt(ols.scale), rel=1e-10)
    assert a.coefficients["AC"] == pytest.approx(ols.params["xa:xc"], rel=1e-10)
    assert a.p["AD"] == pytest.approx(ols.pvalues["xa:xd"], rel=1e-8)
    model = a.anova[0]
    assert model.F == pytest.approx(ols.fvalue, rel=1e-10)
    assert a.r_squared == pytest.approx(ols.rsquared, rel=1e-12)


def test_centre_points_curvature_and_pure_error():
    d = full_factorial(2, center_points=4, randomize=False)
    y = np.array([10.0, 14.0, 12.0, 18.0, 16.0, 16.5, 15.5, 16.2])
    a = analyze_factorial(d, y)
    rows = {r.source.strip(): r for r in a.anova}
    # curvature SS by hand: nF nC (ybarF - ybarC)^2 / (nF + nC)
    yf, yc = y[:4].mean(), y[4:].mean()
    assert rows["Curvature"].sum_sq == pytest.approx(4 * 4 * (yf - yc) ** 2 / 8)
    # the model is saturated on the factorial points, so the residual is the centre-point scatter
    assert rows["Residual error"].sum_sq == pytest.approx(((y[4:] - yc) ** 2).sum())
    assert a.df_resid == 8 - 5


def test_fractional_design_drops_aliased_terms():
    d = fractional_factorial(4, generators="D = ABC", randomize=False)
    y = np.arange(8.0) ** 1.5
    a = analyze_factorial(d, y)
    assert "BCD" in a.aliased and a.aliased["BCD"] == "A"
    assert a.aliased["CD"] == "AB"
    assert len(a.terms) == 7


def test_replicated_factorial_t_tests_vs_statsmodels():
    import statsmodels.formula.api as smf

    d = full_factorial(3, replicates=2, randomize=False)
    rng = np.random.default_rng(5)
    X = d.coded_matrix
    y = 5 + 2 * X[:, 0] - X[:, 1] * X[:, 2] + rng.normal(0, 0.5, len(X))
    a = analyze_factorial(d, y)
    df = pd.DataFrame(X, columns=["a", "b", "c"]).assign(y=y)
    ols = smf.ols("y ~ a * b * c", data=df).fit()
    assert a.se["A"] == pytest.approx(ols.bse["a"], rel=1e-10)
    assert a.t["BC"] == pytest.approx(ols.tvalues["b:c"], rel=1e-10)
    rows = {r.source.strip(): r for r in a.anova}
    assert rows["Residual error"].df == 8


def test_lenth_by_definition():
    c = np.array([10.0, -8.0, 1.0, 0.5, -0.7, 0.2, 0.9])
    r = lenth(c)
    s0 = 1.5 * np.median(np.abs(c))
    pse = 1.5 * np.median(np.abs(c)[np.abs(c) < 2.5 * s0])
    assert r["pse"] == pytest.approx(pse)


# Montgomery, Example 11.2: chemical process yield, rotatable CCD with 5 centre points.
YIELD = [76.5, 78.0, 77.0, 79.5, 75.6, 78.4, 77.0, 78.5, 79.9, 80.3, 80.0, 79.7, 79.8]


def test_response_surface_matches_montgomery_example_11_2():
    d = central_composite({"time": (80, 90), "temp": (170, 180)}, center_points=5, randomize=False)
    m = fit_response_surface(d, YIELD, response_name="yield")
    c = m.coefficients
    # published: y = 79.94 + 0.995 x1 + 0.515 x2 - 1.376 x1^2 - 1.001 x2^2 + 0.250 x1 x2
    assert c["Intercept"] == pytest.approx(79.94, abs=0.005)
    assert c["time"] == pytest.approx(0.995, abs=0.0005)
    assert c["temp"] == pytest.approx(0.515, abs=0.0005)
    assert c["time*time"] == pytest.approx(-1.376, abs=0.0005)
    assert c["temp*temp"] == pytest.approx(-1.001, abs=0.0005)
    assert c["time*temp"] == pytest.approx(0.250, abs=1e-9)
    # stationary point x1 = 0.389, x2 = 0.306; yhat = 80.21; eigenvalues -0.9634, -1.4141
    assert m.stationary_point == pytest.approx([0.389, 0.306], abs=0.0005)
    assert m.predicted_at_stationary == pytest.approx(80.21, abs=0.005)
    assert sorted(m.eigenvalues) == pytest.approx([-1.4141, -0.9634], abs=0.0001)
    assert m.nature == "maximum"
    # actual units: time = 85 + 5 * 0.389 = 86.95, temp = 175 + 5 * 0.306 = 176.53
    assert m.stationary_point_actual == pytest.approx([86.95, 176.53], abs=0.01)


def test_response_surface_vs_statsmodels():
    import statsmodels.formula.api as smf

    d = central_composite(2, center_points=5, randomize=False)
    df = pd.DataFrame(d.coded_matrix, columns=["a", "b"]).assign(y=YIELD)
    m = fit_response_surface(df, "y", ["a", "b"])
    ols = smf.ols("y ~ a + b + I(a**2) + I(b**2) + a:b", data=df).fit()
    assert m.r_squared == pytest.approx(ols.rsquared, rel=1e-12)
    assert m.adj_r_squared == pytest.approx(ols.rsquared_adj, rel=1e-12)
    assert m.p["ab"] == pytest.approx(ols.pvalues["a:b"], rel=1e-8)


def test_response_surface_needs_three_levels():
    d = full_factorial(2, replicates=3, randomize=False)
    with pytest.raises(ValueError, match="quadratic"):
        fit_response_surface(d, np.arange(12.0))


def test_desirability_definitions_and_optimum():
    g = Goal("y", "maximize", low=10, high=20, weight=2)
    assert g.d(np.array([5, 15, 25])).tolist() == pytest.approx([0, 0.25, 1])
    t = Goal("z", "target", low=0, high=10, target=4)
    assert t.d(np.array([2, 4, 7, 11])).tolist() == pytest.approx([0.5, 1, 0.5, 0])

    class Quad:
        factors = ["a", "b"]

        def __init__(self, ca, cb):
            self.ca, self.cb = ca, cb

        def predict(self, x):
            x = np.atleast_2d(x)
            return 10 - (x[:, 0] - self.ca) ** 2 - (x[:, 1] - self.cb) ** 2

    r = desirability(
        {"y": Quad(0.3, -0.2)}, [{"response": "y", "goal": "maximize", "low": 5, "high": 10}]
    )
    assert r.optimum_coded == pytest.approx([0.3, -0.2], abs=1e-4)
    assert r.composite == pytest.approx(1.0, abs=1e-6)
    # two competing responses with equal importance: the optimum is the geometric-mean balance
    r2 = desirability(
        {"y": Quad(1, 0), "w": Quad(-1, 0)},
        [
            {"response": "y", "goal": "maximize", "low": 5, "high": 10},
            {"response": "w", "goal": "maximize", "low": 5, "high": 10},
        ],
    )
    assert r2.optimum_coded[0] == pytest.approx(0.0, abs=1e-3)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: analyze_factorial(full_factorial(2, randomize=False), [1, 2, 3]), "4 runs"),
        (lambda: analyze_factorial(full_factorial(2, randomize=False), [1, 2, np.nan, 4]), "NaN"),
        (lambda: analyze_factorial(central_composite(2), np.ones(13)), "not two-level"),
        (
            lambda: analyze_factorial(
                pd.DataFrame({"a": [1, 2, 3, 5], "y": [1, 2, 3, 4]}), "y", ["a"]
            ),
            "low, high",
        ),
        (lambda: analyze_factorial(pd.DataFrame({"a": [1, 2]}), "y", ["a"]), "not found"),
        (lambda: Goal("y", "maximise", 0, 1), "goal"),
        (lambda: Goal("y", "maximize", 1, 0), "below"),
    ],
)
def test_analysis_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_results_serialise_to_json():
    import json

    a = analyze_factorial(full_factorial(4, randomize=False), FILTRATION)
    out = json.loads(a.to_json())
    assert out["kind"] == "FactorialAnalysis"
    assert out["effects"]["A"] == pytest.approx(21.625, abs=1e-12)
    assert "Lenth" in a.summary()


# --- exact fits: no error estimate, so no standard errors or p-values ----------------------


def test_saturated_exact_fit_reports_no_p_values():
    d = full_factorial(3, randomize=False)
    X = d.coded_matrix
    y = 10 + 3 * X[:, 0] - 2 * X[:, 1] + 0.5 * X[:, 0] * X[:, 2]
    a = analyze_factorial(d, y)
    assert a.df_resid == 0 and a.exact_fit
    assert a.p == {} and a.t == {} and a.se == {} and a.lenth is None
    assert a.active == [] and a.anova == []
    assert "exact fit" in a.notes[0] and "A, B, AC" in a.notes[0]
    # the effects themselves are still the least-squares ones (numpy as the reference)
    M = np.column_stack([np.ones(8), X, X[:, 0] * X[:, 1], X[:, 0] * X[:, 2], X[:, 1] * X[:, 2]])
    beta = np.linalg.lstsq(M, y, rcond=None)[0]
    assert a.effects["A"] == pytest.approx(2 * beta[1]) and a.effects["A"] == pytest.approx(6.0)
    assert a.effects["AC"] == pytest.approx(1.0)
    assert a.r_squared == 1.0
    assert "exact fit" in a.summary()


def test_replicated_exact_fit_has_anova_without_f_tests():
    d = full_factorial(3, replicates=2, randomize=False)
    X = d.coded_matrix
    a = analyze_factorial(d, 5 + 2 * X[:, 0] - X[:, 1] * X[:, 2])
    assert a.df_resid == 8 and a.exact_fit and a.p == {}
    assert a.sigma is None
    assert all(r.F is None and r.p_value is None for r in a.anova)
    rows = {r.source.strip(): r for r in a.anova}
    assert rows["A"].sum_sq == pytest.approx(16 * 2.0**2)


def test_saturated_noisy_response_still_uses_lenth():
    d = full_factorial(3, randomize=False)
    y = np.array([45.0, 71, 48, 65, 68, 60, 80, 65])
    a = analyze_factorial(d, y)
    assert not a.exact_fit and a.lenth is not None and a.p


def test_constant_response_is_an_error():
    with pytest.raises(ValueError, match="constant"):
        analyze_factorial(full_factorial(2, randomize=False), [3.0, 3.0, 3.0, 3.0])
