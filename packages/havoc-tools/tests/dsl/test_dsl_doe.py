"""foldover / dsd / doptimal / mixture designs and `analyze ... reduce=backward` through the DSL
give what the library calls give; bad arguments are DSL errors with line and column."""

from __future__ import annotations

import json

import pytest
from havoc_tools import doe
from havoc_tools.dsl import DslError, check, run

FRAC = 'design frac = fractional(factors=7, generators=["D = AB", "E = AC", "F = BC", "G = ABC"], randomize=false)\n'
FILTRATION = [45, 71, 48, 65, 68, 60, 80, 65, 43, 100, 45, 104, 75, 86, 70, 96]


def _last(src: str) -> dict:
    res = run(src)
    assert res.ok, res.error and res.error["text"]
    return res.to_dict()["results"][-1]["result"]


def _same(got: dict, direct) -> None:  # type: ignore[no-untyped-def]
    assert got == json.loads(direct.to_json())


def _frac():
    return doe.fractional_factorial(
        7, generators=["D = AB", "E = AC", "F = BC", "G = ABC"], randomize=False
    )


def test_foldover_full_and_single_factor():
    got = _last(FRAC + "design f = foldover(design=frac, randomize=false)")
    _same(got, doe.foldover(_frac(), randomize=False))
    assert got["alias"]["resolution"] == 4
    got = _last(FRAC + "design g = foldover(design=frac, fold=[D], block=true, seed=4)")
    _same(got, doe.foldover(_frac(), ["D"], block=True, seed=4))


def test_dsd():
    got = _last(
        "design s = dsd(factors=[a, b, c, d, e, f], low=[1, 1, 1, 1, 1, 1], "
        "high=[3, 3, 3, 3, 3, 3], center=2, seed=5)"
    )
    names = ["a", "b", "c", "d", "e", "f"]
    _same(got, doe.definitive_screening({n: (1, 3) for n in names}, center_points=2, seed=5))
    assert len(got["coded"]) == 14


def test_doptimal_model_and_terms():
    got = _last("design o = doptimal(factors=3, runs=10, model=quadratic, seed=3)")
    _same(got, doe.d_optimal(3, 10, model="quadratic", seed=3))
    got = _last('design o = doptimal(factors=[T, P], runs=6, terms="T + P + T:P + I(T^2)", seed=1)')
    _same(got, doe.d_optimal(["T", "P"], 6, model="T + P + T:P + I(T^2)", seed=1))
    assert got["kind"] == "OptimalDesign" and got["d_efficiency"] > 0


def test_doptimal_augment():
    src = (
        'design half = fractional(factors=[A, B, C], generators=["C = AB"], randomize=false)\n'
        "design more = doptimal(augment=half, runs=4, model=interactions, seed=2)"
    )
    got = _last(src)
    half = doe.fractional_factorial(["A", "B", "C"], generators=["C = AB"], randomize=False)
    _same(got, doe.d_optimal(None, 4, model="interactions", augment=half, seed=2))
    assert got["d_efficiency"] == pytest.approx(100.0)


def test_mixture():
    got = _last(
        "design m = mixture(factors=[x1, x2, x3], type=centroid, axial=true, "
        "lower=[0.1, 0.1, 0.2], total=2, seed=9)"
    )
    _same(
        got,
        doe.mixture_design(
            ["x1", "x2", "x3"], kind="centroid", axial=True, lower=[0.1, 0.1, 0.2], total=2, seed=9
        ),
    )


def test_analyze_reduce_backward():
    src = (
        "design d = full(factors=4, randomize=false)\n"
        f"data y = {FILTRATION}\n"
        "let r = analyze d response=y reduce=backward"
    )
    got = _last(src)
    direct = doe.analyze_factorial(
        doe.full_factorial(4, randomize=False), FILTRATION, response_name="y", reduce="backward"
    )
    _same(got, direct)
    assert got["terms"] == ["A", "C", "D", "AC", "AD"]


@pytest.mark.parametrize(
    "src, line, at, msg",
    [
        ("design f = foldover(design=nope)", 1, "nope", "nope"),
        ("data x = [1, 2]\ndesign f = foldover(design=x)", 2, "x)", "design"),
        ("design f = foldover(fold=[A])", 1, "design f", "needs design="),
        ("design o = doptimal(factors=3, model=linear)", 1, "design o", "needs runs="),
        ("design o = doptimal(factors=3, runs=8, model=cubic)", 1, "cubic", "model must be one of"),
        ("design m = mixture(factors=3, type=vertex)", 1, "vertex", "type must be one of"),
        ("design m = mixture(factors=3, total=0)", 1, "0)", "total must be"),
        ("design s = dsd(factors=6, low=[1, 2], high=[3, 4])", 1, "[1, 2]", "2 values but"),
        (
            "design d = full(factors=[T, P])\ndesign f = foldover(design=d, fold=[Q])",
            2,
            "Q",
            "'Q' is not a factor of design d",
        ),
        (
            'design o = doptimal(factors=[T, P], runs=6, terms="T + P + T:Q")',
            1,
            '"T + P',
            "terms use 'Q', which is not a factor",
        ),
        (
            'design o = doptimal(factors=[T, P], runs=6, model=linear, terms="T + P")',
            1,
            '"T + P',
            "model= or terms=, not both",
        ),
        ("design o = doptimal(runs=6)", 1, "design o", "needs factors="),
        (
            "design d = full(factors=2)\ndesign o = doptimal(factors=2, augment=d, runs=2)",
            2,
            "2, augment",
            "factors= or augment=, not both",
        ),
        (
            "design d = full(factors=[T, P])\n"
            'design o = doptimal(augment=d, runs=2, terms="T + Q")',
            2,
            '"T + Q',
            "terms use 'Q'",
        ),
        (
            "design m = mixture(factors=[a, b, c], lower=[0.1, 0.2])",
            1,
            "[0.1",
            "lower has 2 values but there are 3 components",
        ),
        (
            "design f = full(factors=2)\nanalyze f response=[1, 2, 3, 4] reduce=forward",
            2,
            "forward",
            "reduce must be one of",
        ),
    ],
)
def test_checker_errors_have_line_and_column(src, line, at, msg):
    with pytest.raises(DslError) as info:
        check(src)
    err = info.value
    assert msg in err.message, str(err)
    col = src.splitlines()[line - 1].index(at) + 1
    assert (err.line, err.column) == (line, col), str(err)
    assert err.caret.startswith(" " * (col - 1) + "^")


@pytest.mark.parametrize(
    "src, msg",
    [
        (FRAC + "design f = foldover(design=frac, fold=[Q])", "not a factor"),
        ("design d = ccd(factors=2)\ndesign f = foldover(design=d)", "not a two-level"),
        ("design s = dsd(factors=2)", "at least 3 factors"),
        ("design o = doptimal(factors=3, runs=4, model=quadratic)", "at least 10 runs"),
        ("design m = mixture(factors=3, lower=[0.5, 0.3, 0.3])", "sum to less than 1"),
    ],
)
def test_library_errors_become_runtime_dsl_errors(src, msg):
    res = run(src)
    assert not res.ok and msg in res.error["message"], res.error
    assert res.error["line"] == src.count("\n") + 1
