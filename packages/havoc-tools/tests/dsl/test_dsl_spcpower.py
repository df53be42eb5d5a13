"""The Laney/Z-MR chart, arl, power proportion/tost/factorial and powercurve statements give
what the library calls give, and bad arguments are DSL errors with a line and column."""

from __future__ import annotations

import json

import pytest
from havoc_tools import spc, stats
from havoc_tools.dsl import run

D = [12, 15, 8, 20, 11, 30, 9]
N = [500, 520, 480, 510, 490, 505, 470]
TABLE = (
    f"data d = table(defects={D}, size={N}, "
    'part=["a", "a", "a", "b", "b", "b", "b"], w=[10, 11, 10.5, 20, 21, 20.2, 20.8])\n'
)


def _last(src: str) -> dict:
    res = run(src)
    assert res.ok, res.error and res.error["text"]
    return res.to_dict()["results"][-1]["result"]


def _same(got: dict, direct) -> None:  # type: ignore[no-untyped-def]
    assert got == json.loads(direct.to_json())


def test_laney_charts() -> None:
    _same(_last(TABLE + "chart laney_p defects in d n=size"), spc.laney_p(D, N))
    _same(
        _last(TABLE + "chart laney_u d.defects n=d.size sigma_z=1.2"),
        spc.laney_u(D, N, sigma_z=1.2),
    )


def test_zmr_by_parts_and_known() -> None:
    w = [10, 11, 10.5, 20, 21, 20.2, 20.8]
    parts = list("aaabbbb")
    _same(_last(TABLE + "chart zmr w by part in d"), spc.zmr(w, parts))
    got = _last(TABLE + "chart zmr w by part in d method=known means=[10, 20] sigmas=[0.5, 1]")
    _same(
        got, spc.zmr(w, parts, method="known", means={"a": 10, "b": 20}, sigmas={"a": 0.5, "b": 1})
    )


def test_arl_statements() -> None:
    _same(_last("arl chart=cusum k=0.5 h=5 shifts=[0, 1]"), spc.arl_cusum([0, 1], k=0.5, h=5))
    _same(
        _last("arl chart=ewma lambda=0.1 L=2.814 shifts=[0, 1] states=101"),
        spc.arl_ewma([0, 1], lam=0.1, L=2.814, n_states=101),
    )
    _same(
        _last("arl chart=shewhart rules=[1, 2, 5, 6] shifts=[1] size=4"),
        spc.arl_shewhart([1], rules=[1, 2, 5, 6], subgroup_size=4),
    )


def test_power_statements() -> None:
    _same(
        _last("power proportion p=0.3 p0=0.5 power=0.8"),
        stats.power_proportion(0.3, 0.5, power=0.8),
    )
    _same(
        _last("power proportion p=0.6 p0=0.5 n=100 method=normal alternative=greater"),
        stats.power_proportion(0.6, 0.5, n=100, method="normal", alternative="greater"),
    )
    _same(
        _last("power tost low=-0.5 high=0.5 diff=0.1 n=30 kind=paired"),
        stats.power_tost(-0.5, 0.5, diff=0.1, n=30, kind="paired"),
    )
    _same(
        _last("power factorial factors=4 runs=8 center=3 effect=2 sigma=1.5 power=0.9 terms=7"),
        stats.power_factorial(4, effect=2, power=0.9, sigma=1.5, runs=8, center=3, terms=7),
    )


def test_powercurve_and_its_plot(tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = 'let c = powercurve test=ttest values=[10, 20, 64] effect=0.5\nplot c to "c.png"\n'
    res = run(src, plots_dir=tmp_path)
    assert res.ok, res.error and res.error["text"]
    _same(
        res.to_dict()["results"][0]["result"],
        stats.power_curve("ttest", [10, 20, 64], effect_size=0.5),
    )
    assert (tmp_path / "c.png").stat().st_size > 1000
    got = _last(
        "powercurve test=factorial vary=effect values=[1, 2] factors=3 replicates=2 terms=6"
    )
    _same(
        got, stats.power_curve("factorial", [1, 2], vary="effect", factors=3, replicates=2, terms=6)
    )


@pytest.mark.parametrize(
    ("src", "line", "column", "words"),
    [
        ("power factorial factors=3 effect=2", 1, 1, "exactly one of effect, replicates, power"),
        ("power tost low=-1 high=1", 1, 1, "exactly one of n, power"),
        ("data x = [1, 2]\npower proportion p=1.5 p0=0.5 n=10", 2, 20, "between 0 and 1"),
        ("arl chart=ewma k=0.5", 1, 16, "takes no option 'k'"),
        ("arl chart=xbar", 1, 11, "chart must be one of"),
        ("powercurve test=ttest values=[10] p=0.3", 1, 35, "takes no option 'p'"),
        ("chart zmr [1, 2, 3]", 1, 1, "needs 'by"),
        ("chart laney_p [1, 2, 3]", 1, 1, "needs n="),
    ],
)
def test_check_errors_have_locations(src: str, line: int, column: int, words: str) -> None:
    res = run(src)
    assert not res.ok
    err = res.error
    assert err["phase"] == "check", err["text"]
    assert words in err["message"], err["message"]
    assert (err["line"], err["column"]) == (line, column), err["text"]


def test_runtime_errors_name_the_problem() -> None:
    res = run("power factorial factors=3 effect=1 replicates=1")
    assert not res.ok and res.error["phase"] == "runtime"
    assert "error degrees of freedom" in res.error["message"]
    res = run(TABLE + "chart zmr w by part in d method=known means=[10] sigmas=[1]")
    assert not res.ok and "one value per part" in (res.error["fix"] or "")
