"""plot of regress results: residuals, vs-fitted, qq and fitted-line, as the library draws them."""

from __future__ import annotations

import pandas as pd
import pytest
from havoc_tools.dsl import DslError, check, run
from havoc_tools.plots import KINDS, save_plot
from havoc_tools.regression import ols

X = [0, 1, 2, 3, 4, 5, 6]
Y = [1.1, 1.9, 5.2, 10.1, 16.8, 26.1, 37.2]
HEAD = f"data xy = table(x={X}, y={Y})\nlet fit = regress y ~ x + I(x^2) in xy\n"


@pytest.mark.parametrize("kind", KINDS["OLSResult"])
def test_plot_file_equals_the_library_plot(kind, tmp_path):
    res = run(HEAD + f'plot fit to "{kind}.png" kind={kind}\n', plots_dir=tmp_path / "dsl")
    assert res.ok, res.error and res.error["text"]
    out = res.results[-1]
    assert out.kind == "plot" and out.result["plot_kind"] == kind
    direct = save_plot(
        ols("y ~ x + I(x^2)", pd.DataFrame({"x": X, "y": Y})), tmp_path / "lib.png", kind
    )
    assert (tmp_path / "dsl" / f"{kind}.png").read_bytes() == direct.read_bytes()


def test_default_regression_plot_is_the_four_in_one(tmp_path):
    res = run(HEAD + 'plot fit to "r.svg"\n', plots_dir=tmp_path)
    assert res.ok and res.results[-1].result["plot_kind"] == "residuals"


@pytest.mark.parametrize(
    "extra,line,col,msg",
    [
        ('plot fit to "a.png" kind=pareto\n', 3, 26, "a regress result has plots residuals"),
        ('plot fit to "a.png" kind=qqq\n', 3, 26, "kind must be one of"),
        (
            "data b = table(d=[1, 2, 3, 4, 5, 6], ok=[0, 1, 0, 1, 1, 0])\n"
            'let m = logistic ok ~ d in b\nplot m to "m.png"\n',
            5,
            1,
            "'m' (logistic) has nothing to plot",
        ),
        ('let p = predict fit\nplot p to "p.png"\n', 4, 1, "'p' (predict) has nothing to plot"),
    ],
)
def test_checker_catches_regression_plot_mistakes(extra, line, col, msg):
    with pytest.raises(DslError) as info:
        check(HEAD + extra)
    err = info.value
    assert msg in err.message, str(err)
    assert (err.line, err.column) == (line, col), str(err)


def test_fitted_line_of_a_two_predictor_model_is_a_located_runtime_error(tmp_path):
    src = (
        "data t = table(a=[1, 2, 3, 4, 5, 6], b=[2, 1, 4, 3, 6, 5], y=[3, 4, 8, 8, 12, 12])\n"
        "let fit = regress y ~ a + b in t\n"
        'plot fit to "f.png" kind=fitted-line\n'
    )
    res = run(src, plots_dir=tmp_path)
    assert not res.ok
    assert res.error["line"] == 3 and "one predictor" in res.error["message"]
    assert len(res.results) == 2
