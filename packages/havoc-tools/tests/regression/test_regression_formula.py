"""Formula parsing, OLS and logistic regression against statsmodels; bad inputs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
import statsmodels.formula.api as smf
from havoc_tools.regression import Formula, FormulaError, logistic, ols
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from statsmodels.stats.outliers_influence import variance_inflation_factor
from statsmodels.stats.stattools import durbin_watson

RNG = np.random.default_rng(11)
N = 60
DF = pd.DataFrame(
    {"x": RNG.normal(size=N), "z": RNG.normal(size=N), "g": RNG.choice(["lo", "mid", "hi"], N)}
)
DF["y"] = (
    2 + 1.5 * DF.x - 0.7 * DF.z + 0.4 * DF.x * DF.z + (DF.g == "hi") * 1.1 + RNG.normal(size=N)
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("y ~ a*b", "y ~ a + b + a:b"),
        ("y ~ (a + b + c)^2 - a:b", "y ~ a + b + c + a:c + b:c"),
        ("y ~ C + I", "y ~ C + I"),
        ("y ~ x - 1", "y ~ x + 0"),
        ("y ~ 0 + x", "y ~ x + 0"),
        ("log(y) ~ poly(x, 3)", "log(y) ~ poly(x, 3)"),
        ("y ~ `feed rate` + I(`feed rate`^2)", "y ~ `feed rate` + I(`feed rate`^2)"),
    ],
)
def test_formula_parsing(text: str, expected: str) -> None:
    assert str(Formula.parse(text)) == expected


@pytest.mark.parametrize(
    "text",
    ["y ~", "y x", "y ~ x +", "y ~ foo(x)", "y ~ 2", "y ~ x^a", "y ~ (x", "y ~ __import__('os')"],
)
def test_formula_errors(text: str) -> None:
    with pytest.raises(FormulaError):
        Formula.parse(text)


def test_ols_matches_statsmodels() -> None:
    ours = ols("y ~ x*z + C(g, ref=lo)", DF)
    ref = smf.ols("y ~ x*z + C(g, Treatment('lo'))", DF).fit()
    assert_allclose(sorted(ours.params.values()), sorted(ref.params.values), rtol=1e-10)
    by_name = {c.name: c for c in ours.coefficients}
    assert_allclose(by_name["x:z"].se, ref.bse["x:z"], rtol=1e-10)
    assert_allclose(by_name["x:z"].p_value, ref.pvalues["x:z"], rtol=1e-9)
    assert_allclose(by_name["x"].ci_low, ref.conf_int().loc["x", 0], rtol=1e-10)
    assert_allclose(
        [ours.r_squared, ours.adj_r_squared, ours.f_statistic, ours.f_p_value],
        [ref.rsquared, ref.rsquared_adj, ref.fvalue, ref.f_pvalue],
        rtol=1e-9,
    )
    assert_allclose(
        [ours.aic, ours.bic, ours.log_likelihood], [ref.aic, ref.bic, ref.llf], rtol=1e-10
    )
    infl = ref.get_influence()
    assert_allclose(ours.cooks_distance, infl.cooks_distance[0], rtol=1e-8)
    assert_allclose(ours.leverage, infl.hat_matrix_diag, rtol=1e-8)
    assert_allclose(ours.diagnostics.durbin_watson, durbin_watson(ref.resid), rtol=1e-10)
    exog = ref.model.exog
    for j, name in enumerate(ref.model.exog_names):
        if name != "Intercept":
            mine = by_name[name.replace("C(g, Treatment('lo'))", "C(g)")].vif
            assert_allclose(mine, variance_inflation_factor(exog, j), rtol=1e-8)


def test_prediction_intervals_match_statsmodels() -> None:
    fit = ols("y ~ x + I(x^2) + z", DF)
    ref = smf.ols("y ~ x + I(x**2) + z", DF).fit()
    new = pd.DataFrame({"x": [-1.0, 0.0, 2.5], "z": [0.3, -0.2, 1.0]})
    frame = ref.get_prediction(new).summary_frame(alpha=0.1)
    ci = fit.predict(new, interval="confidence", alpha=0.1)
    pi = fit.predict(new, interval="prediction", alpha=0.1)
    assert_allclose(ci.fit, frame["mean"], rtol=1e-10)
    assert_allclose(ci.lower, frame["mean_ci_lower"], rtol=1e-9)
    assert_allclose(pi.upper, frame["obs_ci_upper"], rtol=1e-9)


def test_columns_named_like_formula_functions() -> None:
    data = {
        "y": [3.1, 4.9, 7.2, 8.8, 11.1, 13.2],
        "C": [1, 2, 3, 4, 5, 6],
        "I": [0.5, 0.1, 0.4, 0.2, 0.9, 0.3],
    }
    fit = ols("y ~ C + I", data)
    X = sm.add_constant(np.column_stack([data["C"], data["I"]]))
    ref = sm.OLS(data["y"], X).fit()
    assert_allclose(list(fit.params.values()), ref.params, rtol=1e-10)
    cat = ols("y ~ C(C)", {"y": [1.0, 2.0, 3.0, 2.5, 4.0, 5.0], "C": list("aabbcc")})
    assert [c.name for c in cat.coefficients] == ["Intercept", "C(C)[T.b]", "C(C)[T.c]"]


def test_logistic_matches_statsmodels() -> None:
    d = DF.copy()
    d["pass"] = np.where(RNG.random(N) < 1 / (1 + np.exp(-(0.2 + 1.3 * d.x))), "yes", "no")
    ours = logistic("pass ~ x + z", d)
    ref = smf.logit("p ~ x + z", d.assign(p=(d["pass"] == "yes").astype(int))).fit(disp=0)
    assert ours.event_level == "yes"
    assert_allclose(
        list(ours.coef(n).estimate for n in ("Intercept", "x", "z")), ref.params, rtol=1e-7
    )
    assert_allclose([c.se for c in ours.coefficients], ref.bse, rtol=1e-6)
    assert_allclose(
        [ours.log_likelihood, ours.pseudo_r_squared, ours.lr_p_value],
        [ref.llf, ref.prsquared, ref.llr_pvalue],
        rtol=1e-8,
    )
    assert_allclose(ours.predict(d.head(4)), ref.predict(d.head(4)), rtol=1e-7)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: ols("y ~ w", DF), r"\['w'\] not found"),
        (lambda: ols("y ~ x", {"y": [1.0, 2.0, np.nan, 4.0], "x": [1.0, 2.0, 3.0, 5.0]}), "NaN"),
        (lambda: ols("y ~ x", {"y": [1.0, 2.0], "x": [1.0, 2.0]}), "too few"),
        (lambda: ols("y ~ x", {"y": [1.0, 2.0, 3.0], "x": [1.0, 2.0]}), "different lengths"),
        (
            lambda: ols(
                "y ~ x + z", {"y": [1.0, 2.0, 3.0, 5.0], "x": [1, 2, 3, 4], "z": [2, 4, 6, 8]}
            ),
            "rank deficient",
        ),
        (lambda: ols("y ~ x", {"y": [2.0, 2.0, 2.0, 2.0], "x": [1, 2, 3, 4]}), "constant"),
        (lambda: ols("y ~ log(x)", {"y": [1.0, 2.0, 3.0, 4.0], "x": [1, 0, 3, 4]}), "infinite"),
        (lambda: ols("y ~ g", {"y": [1.0, 2.0, 3.0], "g": ["a", "a", "a"]}), "single level"),
        (lambda: ols("y ~ x", [1, 2, 3]), "DataFrame"),
        (lambda: logistic("y ~ x", {"y": [0, 1, 2, 1], "x": [1.0, 2.0, 3.0, 4.0]}), "exactly 2"),
        (
            lambda: logistic("y ~ x", {"y": [0, 0, 0, 1, 1, 1], "x": [1.0, 2, 3, 4, 5, 6]}),
            "separation",
        ),
        (lambda: ols("y ~ C(g)", DF).predict(pd.DataFrame({"g": ["unseen"]})), "not in the fitted"),
    ],
)
def test_regression_bad_inputs(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.tuples(st.floats(-100, 100), st.floats(-100, 100)), min_size=4, max_size=40),
    st.floats(-10, 10),
    st.floats(-10, 10),
)
def test_ols_recovers_exact_lines(points, a: float, b: float) -> None:
    x = np.array([p[0] for p in points])
    if np.ptp(x) < 1e-3:
        return
    noise = np.array([p[1] for p in points]) * 1e-3
    y = a + b * x + noise
    if np.ptp(y) == 0:
        return
    fit = ols("y ~ x", {"x": x, "y": y})
    ref = np.polyfit(x, y, 1)
    assert_allclose(
        [fit.coef("x").estimate, fit.coef("Intercept").estimate], ref, rtol=1e-6, atol=1e-8
    )
    assert_allclose(np.sum(fit.residuals), 0.0, atol=1e-8 * max(1.0, np.abs(y).max()) * x.size)


def test_interaction_coefficient_in_either_order_matches_statsmodels() -> None:
    rng = np.random.default_rng(8)
    df = pd.DataFrame(
        {"a": rng.normal(size=40), "b": rng.normal(size=40), "g": rng.choice(["u", "v"], 40)}
    )
    df["y"] = 1 + df.a - df.b + 0.5 * df.a * df.b + (df.g == "v") * df.b + rng.normal(size=40)
    fit = ols("y ~ b*a + C(g):b", df)
    ref = smf.ols("y ~ b*a + C(g):b", df).fit()
    # statsmodels names the term b:a (as written); we name it a:b; both spellings work here
    assert fit.coef("b:a") is fit.coef("a:b")
    assert_allclose(fit.coef("b:a").estimate, ref.params["b:a"], rtol=1e-9)
    assert_allclose(fit.coef("b:C(g)[T.v]").estimate, ref.params["C(g)[T.v]:b"], rtol=1e-9)
    with pytest.raises(KeyError, match="no coefficient 'a:g'"):
        fit.coef("a:g")
    logit_df = df.assign(hit=(df.y > df.y.median()).astype(int))
    lg = logistic("hit ~ a*b", logit_df)
    assert lg.coef("b:a") is lg.coef("a:b")
