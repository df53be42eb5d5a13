"""Limits on symbolic work: refused before computing (reproducers of server freezes), and the
worker process that stops sympy calls that run too long."""

from __future__ import annotations

import math
import pickle

import pytest
import sympy
from havoc_tools.dsl import run
from havoc_tools.symbolic import (
    LimitError,
    SymbolicLimits,
    derive,
    integrate,
    parse_expression,
    series,
    simplify,
    solve,
)
from havoc_tools.symbolic.worker import pool


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9^9^9", r"9\^9\^9 gives a number of about 3\.7e\+08 digits; the limit is 10000 digits"),
        ("2^(2^40)", r"about 3\.3e\+11 digits; the limit is 10000 digits"),
        ("factorial(10^8)", r"factorial\(10\^8\) gives a number of about 7\.6e\+08 digits"),
        ("(10^8)!", r"about 7\.6e\+08 digits"),
        ("10^1000000", r"about 1e\+06 digits; the limit is 10000 digits"),
        ("gamma(1/2 + 10^6)", r"about 5\.6e\+06 digits"),
        ("binomial(10^6, 500000)", r"about 301027 digits"),
        ("(2x)^(10^6)", r"coefficient of about 301030 digits"),
        ("10^9999 * 10^9999", r"gives a number of about 19999 digits"),
        ("1e20000", r"the number 1e20000 has about 20001 digits"),
        (
            "floor(exp(exp(100)))",
            r"floor\(\) of a number of about 1\.2e\+43 digits; the limit is 100",
        ),
        ("sqrt(10^9999 + 1)", r"sqrt\(\) of a number of about 9999 digits"),
        ("sin(" * 120 + "x" + ")" * 120, r"nested more than 100 levels"),
        ("+".join(f"x{i}" for i in range(1500)), r"more than 2000 parts"),
    ],
)
def test_refused_before_computing(text: str, expected: str) -> None:
    with pytest.raises(LimitError, match=expected):
        parse_expression(text)


def test_reproducers_refused_by_the_operations() -> None:
    with pytest.raises(LimitError, match="3.7e"):
        simplify("9^9^9")
    with pytest.raises(LimitError, match="degree up to about 200; the limit is degree 100"):
        solve("x^200 - 3x^7 + 1 = 0")
    with pytest.raises(LimitError, match="degree about 100000; the limit is degree 100") as e:
        simplify("(x+1)^100000")
    assert e.value.limit == "max_degree"
    with pytest.raises(LimitError, match="order 1000 is above the limit of order 50"):
        derive("x^3", order=1000)
    with pytest.raises(LimitError, match="order 500"):
        series("exp(x)", order=500)
    with pytest.raises(LimitError) as e:
        simplify("10^1000000")
    assert "set_int_max_str_digits" not in str(e.value)
    # the limit travels through the worker's pipe
    again = pickle.loads(pickle.dumps(e.value))
    assert isinstance(again, LimitError) and again.limit == "max_digits"


def test_limits_are_configurable() -> None:
    small = SymbolicLimits(max_digits=50, max_degree=5)
    with pytest.raises(LimitError, match="the limit is 50 digits"):
        parse_expression("2^200", limits=small)
    with pytest.raises(LimitError, match="degree 5"):
        solve("x^6 - 1", limits=small)
    assert parse_expression("2^100", limits=small) == 2**100
    with pytest.raises(ValueError, match="max_digits must be a positive integer"):
        SymbolicLimits(max_digits=0)


@pytest.mark.parametrize(("a", "b"), [(9, 9), (2, 1000), (7, 3000), (12345, 700), (3, -2000)])
def test_digit_estimate_matches_python(a: int, b: int) -> None:
    # allowed powers are computed exactly; the estimate is the true digit count to within 2
    value = parse_expression(f"{a}^({b})")
    exact = sympy.Integer(a) ** b
    assert value == exact
    with pytest.raises(LimitError, match=r"about (\d+) digits") as e:
        parse_expression(f"{a}^({b})", limits=SymbolicLimits(max_digits=6))
    estimate = float(str(e.value).split("about ")[1].split(" ")[0])
    true_digits = len(str(abs(exact.p))) + (len(str(exact.q)) if exact.q != 1 else 0)
    assert abs(estimate - true_digits) <= 2


def test_allowed_exact_values() -> None:
    assert parse_expression("factorial(20)") == math.factorial(20)
    assert parse_expression("binomial(100, 50)") == math.comb(100, 50)
    assert parse_expression("8^(1/3)") == 2
    # 5000 digits passes the limit; Python's 4300-digit str limit must not surface
    r = simplify("10^5000")
    assert r.result == "1" + "0" * 5000


def test_slow_sympy_call_is_stopped_and_the_worker_replaced() -> None:
    started = pool().started
    r = integrate("exp(x^3)*sin(x^7)*log(x)", limits=SymbolicLimits(timeout=2))
    assert r.gave_up and r.status == "gave_up"
    assert r.detail == "gave up after 2 s (the time limit)"
    assert r.to_dict()["status"] == "gave_up" and "gave up" in r.summary()
    # the killed worker is replaced: the next call answers
    assert derive("x^3").result == "3*x**2"
    assert pool().started - started <= 1


def test_dsl_reproducers() -> None:
    for program, expected in [
        ("simplify 9^9^9", "the limit is 10000 digits"),
        ("simplify 2^(2^40)", "the limit is 10000 digits"),
        ("simplify factorial(10^8)", "the limit is 10000 digits"),
        ("simplify " + "9" * 5000, "at most 4000 digits"),
    ]:
        result = run(program)
        assert not result.ok
        assert expected in result.error["message"]
        assert "set_int_max_str_digits" not in result.error["message"]
