"""predict: regression predictions with confidence / prediction intervals from the DSL."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from havoc_tools.dsl import DslError, check, run
from havoc_tools.regression import ols

X = [0, 1, 2, 3, 4, 5, 6]
Y = [1.1, 1.9, 5.2, 10.1, 16.8, 26.1, 37.2]
NEW = [2.5, 7, -1]
SRC = f"""
data xy = table(x={X}, y={Y})
let fit = regress y ~ x + I(x^2) in xy
data new = table(x={NEW})
let pi = predict fit in new interval=prediction alpha=0.1
let ci = predict fit in new interval=confidence
let plain = predict fit
"""


@pytest.fixture(scope="module")
def result():
    res = run(SRC)
    assert res.ok, res.error and res.error["text"]
    return res


def test_predict_equals_library_call(result):
    fit = ols("y ~ x + I(x^2)", pd.DataFrame({"x": X, "y": Y}))
    new = pd.DataFrame({"x": NEW})
    cases = {
        "pi": fit.predict(new, interval="prediction", alpha=0.1),
        "ci": fit.predict(new, interval="confidence"),
        "plain": fit.predict(),
    }
    for name, direct in cases.items():
        assert result[name].kind == "predict"
        assert result[name].result == json.loads(direct.to_json()), name
    json.dumps(result.to_dict(), allow_nan=False)


def test_intervals_match_statsmodels(result):
    import statsmodels.api as sm

    x = np.asarray(X, dtype=float)
    model = sm.OLS(np.asarray(Y), np.column_stack([np.ones_like(x), x, x**2])).fit()
    xn = np.asarray(NEW, dtype=float)
    pred = model.get_prediction(np.column_stack([np.ones_like(xn), xn, xn**2]))
    ci = pred.summary_frame(alpha=0.05)
    pi = pred.summary_frame(alpha=0.1)
    got_ci, got_pi = result["ci"].result, result["pi"].result
    np.testing.assert_allclose(got_ci["fit"], ci["mean"], rtol=1e-10)
    np.testing.assert_allclose(got_ci["se_fit"], ci["mean_se"], rtol=1e-9)
    np.testing.assert_allclose(got_ci["lower"], ci["mean_ci_lower"], rtol=1e-9)
    np.testing.assert_allclose(got_ci["upper"], ci["mean_ci_upper"], rtol=1e-9)
    np.testing.assert_allclose(got_pi["lower"], pi["obs_ci_lower"], rtol=1e-9)
    np.testing.assert_allclose(got_pi["upper"], pi["obs_ci_upper"], rtol=1e-9)
    assert result["plain"].result["lower"] is None
    np.testing.assert_allclose(result["plain"].result["fit"], model.fittedvalues, rtol=1e-10)


@pytest.mark.parametrize(
    "extra,line,col,msg,fix",
    [
        (
            "data new = table(z=[1, 2])\npredict fit in new\n",
            4,
            16,
            "lacks the predictor(s) x",
            "new has: z",
        ),
        ("predict xy.x\n", 3, 9, "needs the name of a regress result", "predict fit in"),
        ("let s = shapiro xy.y\npredict s\n", 4, 9, "'s' is a shapiro result", "regress y ~ x"),
        ("predict fti\n", 3, 9, "unknown name 'fti'", "'fit'"),
        ("predict fit interval=both\n", 3, 22, "interval must be one of none, confidence", None),
        ("predict fit alpha=2\n", 3, 19, "alpha must be a number between 0 and 1", None),
        ("predict\n", 3, 1, "predict needs data", None),
        ("predict fit vs fit\n", 3, 16, "does not compare two samples", None),
        ("predict fit in nope\n", 3, 1, "unknown name 'nope'", None),
    ],
)
def test_checker_catches_predict_mistakes(extra, line, col, msg, fix):
    src = "data xy = table(x=[1, 2, 3, 4], y=[2, 4, 7, 8])\nlet fit = regress y ~ x in xy\n"
    src += extra
    with pytest.raises(DslError) as info:
        check(src)
    err = info.value
    assert msg in err.message, str(err)
    assert (err.line, err.column) == (line, col), str(err)
    if fix is not None:
        assert fix in (err.fix or ""), str(err)
    assert err.source_line == src.splitlines()[line - 1]
    assert err.caret.startswith(" " * (col - 1) + "^")


def test_logistic_results_are_refused():
    src = (
        "data b = table(d=[1, 2, 3, 4, 5, 6, 7, 8], ok=[0, 0, 1, 0, 1, 0, 1, 1])\n"
        "let m = logistic ok ~ d in b\npredict m\n"
    )
    with pytest.raises(DslError, match="'m' is a logistic result"):
        check(src)


def test_runtime_error_for_bad_new_rows_is_located():
    src = SRC + 'data odd = table(x=["a", "b"])\npredict fit in odd\n'
    res = run(src)
    assert not res.ok
    assert res.error["line"] == 9
    assert [r.name for r in res.results][-1] == "odd"
