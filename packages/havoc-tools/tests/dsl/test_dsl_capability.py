"""The boxcox, johnson, distid and tolerance verbs and capability dist= / transform= give what
the library calls give; bad arguments are DSL errors with line and column."""

from __future__ import annotations

import json

import numpy as np
import pytest
from havoc_tools import spc, stats
from havoc_tools.dsl import DslError, check, run
from havoc_tools.dsl.signatures import CAPABILITY_DISTS
from havoc_tools.spc.nonnormal import DISTRIBUTIONS

X = [2.1, 3.4, 1.7, 2.9, 4.2, 2.5, 3.1, 1.9, 2.7, 3.6, 2.2, 3.0, 5.9, 2.4, 1.6, 3.3]
DATA = "data x = [" + ", ".join(map(str, X)) + "]\n"


def _last(src: str) -> dict:
    res = run(DATA + src)
    assert res.ok, res.error and res.error["text"]
    return res.to_dict()["results"][-1]["result"]


def _same(got: dict, direct) -> None:  # type: ignore[no-untyped-def]
    assert got == json.loads(direct.to_json())


def test_signature_choices_follow_the_library():
    assert CAPABILITY_DISTS == DISTRIBUTIONS


@pytest.mark.parametrize("dist", ["weibull", "lognormal", "gamma", "exponential", "weibull3"])
def test_capability_dist(dist):
    got = _last(f'capability x lsl=0.5 usl=7 dist="{dist}"')
    _same(got, spc.capability_nonnormal(X, lsl=0.5, usl=7, dist=dist))


def test_capability_dist_normal_is_the_normal_capability():
    _same(_last("capability x lsl=0.5 usl=7 dist=normal"), spc.capability(X, lsl=0.5, usl=7))


def test_capability_transform_with_spec():
    src = "spec s lsl=0.5 target=3 usl=7\ncapability x spec=s transform=boxcox round=false"
    want = spc.capability_transformed(X, lsl=0.5, target=3, usl=7, round_lambda=False)
    _same(_last(src), want)
    src = "capability x lsl=0.5 usl=7 transform=johnson"
    _same(_last(src), spc.capability_transformed(X, lsl=0.5, usl=7, transform="johnson"))
    got = _last("capability x lsl=0.5 usl=7 transform=boxcox lambda=0")
    assert got["transformation"]["lambda_used"] == 0


def test_boxcox_johnson_distid_tolerance_verbs():
    _same(_last("boxcox x round=true"), spc.boxcox_transform(X, round_lambda=True))
    _same(_last("boxcox x lambda=0.5 shift=1"), spc.boxcox_transform(X, lam=0.5, shift=1))
    _same(_last("johnson x criterion=0.05"), spc.johnson_transform(X, p_criterion=0.05))
    _same(_last("distid x lsl=0.5 usl=7"), spc.identify_distribution(X, lsl=0.5, usl=7))
    src = "tolerance x coverage=0.9 confidence=0.99 sides=1 method=howe"
    want = stats.tolerance_interval(X, coverage=0.9, confidence=0.99, sides=1, method="howe")
    _same(_last(src), want)
    got = _last('tolerance x method="nonparametric"')
    assert got["adequate"] is False and got["min_n"] == 93


def test_results_feed_later_statements_and_plots(tmp_path):
    src = (
        DATA + "let t = tolerance x coverage=0.9\n"
        "let d = distid x lsl=0.5 usl=7\n"
        'plot d to "id.png"\n'
        "let c = capability x lsl=0.5 usl=7 dist=gamma\n"
        'plot c to "c.png"\n'
        "data lo = t.lower\n"
        "describe lo\n"
    )
    res = run(src, plots_dir=tmp_path)
    assert res.ok, res.error and res.error["text"]
    assert len(res.plots) == 2
    assert res.to_dict()["results"][-1]["result"]["mean"] == pytest.approx(
        stats.tolerance_interval(X, coverage=0.9).lower
    )


@pytest.mark.parametrize(
    "line, col, msg",
    [
        ("capability x lsl=1 dist=weibul", 25, "dist must be one of"),
        ("capability x lsl=1 transform=log", 30, "transform must be one of"),
        ("tolerance x sides=3", 19, "sides must be one of 1, 2"),
        ("tolerance x coverage=95", 22, "coverage must be a number between 0 and 1"),
        ("tolerance x method=exact", 20, "method must be one of"),
        ("boxcox x lamda=0.5", 10, "has no option 'lamda'"),
        ("johnson x criterion=2", 21, "criterion must be a number between 0 and 1"),
        ("distid", 1, "distid needs data"),
    ],
)
def test_bad_arguments_are_located(line, col, msg):
    with pytest.raises(DslError) as info:
        check(DATA + line + "\n")
    err = info.value
    assert msg in err.message, str(err)
    assert (err.line, err.column) == (2, col), str(err)


@pytest.mark.parametrize(
    "line, msg",
    [
        ("capability x lsl=1 dist=weibull transform=boxcox", "not both"),
        ("capability x lsl=1 dist=weibull size=4", "individual values"),
        ("capability x lsl=1 dist=weibull target=2", "takes no target"),
        ("capability x lsl=1 transform=johnson lambda=1", "belong to transform=boxcox"),
        ("boxcox [-1, 2, 3, 4]", "every value > 0"),
        ("capability x lsl=5 usl=1 dist=gamma", "must be below"),
    ],
)
def test_runtime_errors_name_the_problem(line, msg):
    res = run(DATA + line + "\n")
    assert not res.ok
    assert msg in res.error["message"] and res.error["line"] == 2


def test_normal_capability_is_unchanged():
    x = np.asarray(X)
    _same(_last("capability x lsl=0.5 usl=7 within=auto"), spc.capability(x, lsl=0.5, usl=7))
