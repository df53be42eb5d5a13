"""goal / optimize: desirability over several responses equals the direct library call."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from havoc_tools.doe import Goal, central_composite, desirability, fit_response_surface
from havoc_tools.dsl import DslError, check, run

# Montgomery, Design and Analysis of Experiments, Table 11.6 (chemical process CCD; yield and
# viscosity), in the run order of ccd(factors=2, center=5, randomize=false).
YIELD = [76.5, 78.0, 77.0, 79.5, 75.6, 78.4, 77.0, 78.5, 79.9, 80.3, 80.0, 79.7, 79.8]
VISC = [62, 66, 60, 59, 71, 68, 57, 58, 72, 69, 68, 70, 71]

PROGRAM = f"""
design rs = ccd(factors=2, center=5, randomize=false)
data yield = {YIELD}
data viscosity = {VISC}
let fy = analyze rs response=yield model=quadratic
let fv = analyze rs response=viscosity model=quadratic
goal g_yield = maximize fy low=78.5 high=80
goal g_visc = target fv low=62 target=65 high=68 weight=2 importance=3
let best = optimize g_yield, g_visc grid=15 starts=4
"""


def _direct(**kw):
    d = central_composite(2, center_points=5, randomize=False)
    models = {
        "fy": fit_response_surface(d, YIELD, response_name="yield"),
        "fv": fit_response_surface(d, VISC, response_name="viscosity"),
    }
    goals = [
        Goal("fy", "maximize", 78.5, 80),
        Goal("fv", "target", 62, 68, target=65, weight=2, importance=3),
    ]
    return models, desirability(models, goals, **kw)


def test_optimize_equals_library_call():
    res = run(PROGRAM)
    assert res.ok, res.error and res.error["text"]
    models, direct = _direct(grid=15, starts=4)
    assert res["best"].kind == "optimize"
    assert res["best"].result == json.loads(direct.to_json())
    json.dumps(res.to_dict(), allow_nan=False)
    # independent of the library's bookkeeping: D is the importance-weighted geometric mean of
    # Derringer-Suich d values of the models' predictions at the reported optimum
    x = np.array(res["best"].result["optimum_coded"])
    y1 = float(models["fy"].predict(x)[0])
    y2 = float(models["fv"].predict(x)[0])
    d1 = min(max((y1 - 78.5) / (80 - 78.5), 0.0), 1.0)
    d2 = ((y2 - 62) / 3) ** 2 if y2 <= 65 else ((68 - y2) / 3) if 62 <= y2 <= 68 else 0.0
    d2 = 0.0 if not 62 <= y2 <= 68 else d2
    assert math.isclose(res["best"].result["composite"], (d1 * d2**3) ** 0.25, rel_tol=1e-9)
    assert res["best"].result["composite"] > 0.9


def test_goal_statement_result_and_default_target():
    res = run(PROGRAM)
    g = res["g_yield"].result
    assert (g["goal"], g["response"], g["low"], g["high"], g["target"]) == (
        "maximize",
        "fy",
        78.5,
        80.0,
        80.0,  # the library's default target when maximising is high
    )
    assert res["g_visc"].kind == "goal target"


def test_bounds_reach_the_library():
    src = PROGRAM.replace("grid=15 starts=4", "bounds=[[-0.5, 0.5], [0, 1]] grid=9 starts=2")
    res = run(src)
    assert res.ok, res.error and res.error["text"]
    _, direct = _direct(bounds=[(-0.5, 0.5), (0, 1)], grid=9, starts=2)
    assert res["best"].result == json.loads(direct.to_json())
    a, b = res["best"].result["optimum_coded"]
    assert -0.5 <= a <= 0.5 and 0 <= b <= 1


BASE = "\n".join(PROGRAM.strip().splitlines()[:5]) + "\n"


@pytest.mark.parametrize(
    "extra,line,col,msg,fix",
    [
        ("goal g = maximise fy low=1 high=2\n", 6, 10, "unknown goal kind 'maximise'", "maximize"),
        ("goal g = maximize fyy low=1 high=2\n", 6, 19, "unknown name 'fyy'", "'fy'"),
        ("goal g = target fy low=1 high=2\n", 6, 1, "needs target=", "add target="),
        ("goal g = maximize fy low=3 high=2\n", 6, 1, "low (3) must be below high (2)", "swap"),
        (
            "goal g = maximize fy low=1 high=2 weight=0\n",
            6,
            42,
            "weight must be a number > 0",
            None,
        ),
        ("goal g = target fy low=1 target=5 high=2\n", 6, 33, "target 5 lies outside [1, 2]", None),
        ("goal g = target fy low=1 target=5 high=9 x=1\n", 6, 42, "has no option 'x'", None),
        (
            "let f = regress y ~ x in t\ngoal g = maximize f low=1 high=2\n",
            7,
            19,
            "a goal needs a fitted design model",
            "analyze",
        ),
        ("goal g = maximize fy low=1 high=2\noptimize g, h\n", 7, 13, "unknown name 'h'", None),
        ("goal g = maximize fy low=1 high=2\noptimize g, g\n", 7, 10, "listed twice", None),
        (
            "goal g = maximize fy low=1 high=2\noptimize rs\n",
            7,
            10,
            "'rs' is a design, expected a goal",
            None,
        ),
        (
            "goal g = maximize fy low=1 high=2\noptimize g bounds=[[-1, 1]]\n",
            7,
            19,
            "bounds has 1 pairs but the models have 2 factors",
            "one [low, high] pair",
        ),
        (
            "goal g = maximize fy low=1 high=2\noptimize g bounds=[[1, -1], [0, 1]]\n",
            7,
            19,
            "bounds must be one [low, high] pair per factor",
            None,
        ),
        (
            "goal g = maximize fy low=1 high=2\noptimize g grid=0\n",
            7,
            17,
            "grid must be a positive whole number",
            None,
        ),
        ('goal g = maximize fy low=1 high=2\nplot g to "g.png"\n', 7, 1, "'g' is a goal", None),
    ],
)
def test_checker_catches_goal_mistakes(extra, line, col, msg, fix):
    src = BASE + extra
    if "regress" in extra:
        src = "data t = table(x=[1, 2, 3, 4], y=[2, 4, 7, 8])\n" + BASE + extra
        line += 1
    with pytest.raises(DslError) as info:
        check(src)
    err = info.value
    assert msg in err.message, str(err)
    assert (err.line, err.column) == (line, col), str(err)
    if fix is not None:
        assert fix in (err.fix or ""), str(err)
    assert err.caret.startswith(" " * (col - 1) + "^")
    assert err.source_line == src.splitlines()[line - 1]


def test_goals_on_models_of_different_designs_are_refused():
    src = BASE + (
        "design d3 = full(factors=3, randomize=false)\n"
        "let f3 = analyze d3 response=[1, 3, 2, 5, 4, 6, 5, 8]\n"
        "goal a = maximize fy low=78 high=80\n"
        "goal b = minimize f3 low=1 high=8\n"
        "optimize a, b\n"
    )
    with pytest.raises(DslError, match="different factors") as info:
        check(src)
    assert info.value.line == 10


def test_goal_on_caller_data_is_refused():
    # a Program built in code: the "model" is a plain vector handed in by the caller
    from havoc_tools.dsl.ast import GoalStmt, Number, Option, Program

    prog = Program(
        statements=(
            GoalStmt(
                name="g",
                goal="maximize",
                response="m",
                options=(
                    Option(key="low", value=Number(value=1)),
                    Option(key="high", value=Number(value=2)),
                ),
            ),
        )
    )
    res = run(prog, data={"m": [1.0, 2.0]})
    assert not res.ok
    assert "'m' is a vector, expected a result" in res.error["message"]
