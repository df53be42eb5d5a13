"""The correlation, contingency, spread, fit and descriptive verbs: checking and running."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from havoc_tools import stats
from havoc_tools.dsl import DslError, check, format_program, parse, run
from havoc_tools.dsl import ast as A

RNG = np.random.default_rng(3)
T = pd.DataFrame(
    {
        "x": RNG.normal(10, 2, 24),
        "y": RNG.normal(5, 1, 24),
        "z": RNG.normal(0, 1, 24),
        "g": np.repeat(["a", "b"], 12),
        "h": np.tile(["u", "v", "v"], 8),
        "s": np.tile(["s1", "s2", "s3", "s4"], 6),
    }
)
DATA = {"t": T}


@pytest.mark.parametrize(
    ("src", "message"),
    [
        ("correlate x in t", "needs two variables"),
        ("correlate x vs yy in t", "column 'yy' is not in t"),
        ("correlate x vs y in t method=pearsons", "method must be one of"),
        ("partialcorr x vs y in t", "needs 'by <columns>'"),
        ("partialcorr x vs y by z, zz in t", "column 'zz' is not in t"),
        ("mantelhaenszel g vs h in t", "needs 'by <columns>'"),
        ("mantelhaenszel g vs h by s, z in t", "at most 1"),
        ("ftest x vs y by g in t", "either 'vs' or 'by'"),
        ("ftest x in t", "needs 'by <group column>'"),
        ("mood x by gg in t", "column 'gg' is not in t"),
        ("fligner x in t", "needs 'by <group column>'"),
        ("kstest x in t dist=cauchy", "dist must be one of"),
        ("lilliefors x in t dist=expon", "did you mean 'exp'"),
        ("describe x, yy in t", "column 'yy' is not in t"),
        ("ttest x, y in t", "takes one data argument"),
        ("describe x by g in t method=type6", "method must be one of"),
        ("chisq g by hh in t", "column 'hh' is not in t"),
    ],
)
def test_checker_validates_the_new_verbs(src: str, message: str) -> None:
    with pytest.raises(DslError, match=message):
        check(src, data=DATA)


def test_program_checks_and_runs() -> None:
    src = """let r = correlate x vs y in t method=kendall
let p = partialcorr x vs y by z in t method=spearman
let m = mantelhaenszel g vs h by s in t
let f = ftest x by g in t
let ks = kstest t.x dist=norm
let d = describe x, y, z in t method=minitab
let dg = describe x by g in t
levene x vs y in t center=mean
"""
    check(src, data=DATA)
    res = run(src, data=DATA)
    assert res.ok, res.error and res.error["text"]
    json.dumps(res.to_dict(), allow_nan=False)
    r = res["r"].result
    assert r["coefficient_name"] == "tau_b" and r["n_pairs"] == 24 and r["statistic"] == r["r"]
    assert {"p_value", "method", "statistic_name", "n", "n_dropped"} <= set(r)
    assert res["p"].result["covariates"] == ["z"]
    ref = stats.mantel_haenszel(data=T, a="g", b="h", strata="s")
    assert res["m"].result["statistic"] == ref.statistic
    assert res["ks"].result["extra"]["estimated"] == ["loc", "scale"]
    assert [row["variable"] for row in res["d"].result["rows"]] == ["x", "y", "z"]
    assert [row["group"] for row in res["dg"].result["rows"]] == ["a", "b"]
    assert res["dg"].value.row("x", "b").n == 12
    assert "original Levene" in res.results[-1].result["method"]


def test_several_data_arguments_round_trip_and_validate() -> None:
    prog = parse("describe x, y, z in t\n")
    assert prog.code[0].more_x == (A.Name(id="y"), A.Name(id="z"))
    assert format_program(prog) == "describe x, y, z in t\n"
    assert parse(format_program(prog)) == prog
    with pytest.raises(DslError, match="more_x needs a first argument"):
        A.Command(verb="describe", more_x=(A.Name(id="y"),))


def test_runtime_errors_name_the_problem() -> None:
    res = run("ftest x by h in t\n", data={"t": T.assign(h=np.tile(["u", "v", "w"], 8))})
    assert not res.ok and "exactly 2 groups" in res.error["message"]
    res = run("describe g in t\n", data=DATA)
    assert not res.ok and "numeric" in res.error["message"]
    res = run("kstest x vs y in t dist=norm\n", data=DATA)
    assert not res.ok and "two-sample" in res.error["message"]
