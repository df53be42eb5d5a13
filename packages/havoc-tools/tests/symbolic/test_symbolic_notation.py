"""Tolerant notation: hand-written maths read into the strict grammar's text, compared with
sympy trees built by hand (no text is ever sympified)."""

from __future__ import annotations

import pytest
import sympy
from havoc_tools.dsl import run
from havoc_tools.symbolic import ExpressionError, LimitError, SymbolicLimits
from havoc_tools.symbolic.notation import parse_notation, read_notation

x, y, t, n, r = sympy.symbols("x y t n r")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4t cos t", 4 * t * sympy.cos(t)),
        ("y^3 ln y", y**3 * sympy.log(y)),
        ("sin 5x", sympy.sin(5 * x)),
        ("tan^2 x + 1", sympy.tan(x) ** 2 + 1),
        ("cosx·sinx", sympy.cos(x) * sympy.sin(x)),
        ("(x − 3)(x + 4)", (x - 3) * (x + 4)),
        ("7 × x ÷ 2", sympy.Rational(7, 2) * x),
        ("x³ − 2x²", x**3 - 2 * x**2),
        ("e^-3t", sympy.exp(-3 * t)),
        ("e^3t^2", sympy.exp(3 * t**2)),
        ("e to the power of minus 4t", sympy.exp(-4 * t)),
        ("e raised to 3", sympy.exp(3)),
        ("t cubed minus t over two", t**3 - t / 2),
        ("the square root of x plus one", sympy.sqrt(x) + 1),
        ("natural log of y", sympy.log(y)),
        ("|y + 2| times three", 3 * sympy.Abs(y + 2)),
        ("4!", sympy.Integer(24)),
        ("2 π r", 2 * sympy.pi * r),
        ("1 over (1 + n squared)", 1 / (1 + n**2)),
        ("x(2x - 1)", x * (2 * x - 1)),
        ("sqrt x^2 + 9", sympy.sqrt(x**2) + 9),
        ("-(x - 2)^2", -((x - 2) ** 2)),
        ("2*-y", -2 * y),
        ("x - -y", x + y),
    ],
)
def test_read_notation_matches_hand_built_sympy(text: str, expected: sympy.Expr) -> None:
    assert sympy.simplify(parse_notation(text) - expected) == 0


def test_equation_is_kept_and_only_when_asked() -> None:
    assert read_notation("5t - 1 = 2t + 8") == "5*t - 1 = 2*t + 8"
    eq = parse_notation("5t - 1 = 2t + 8", allow_equation=True)
    assert sympy.solve(eq, t) == [3]
    with pytest.raises(ExpressionError, match="equation"):
        parse_notation("5t - 1 = 2t + 8")


def test_printed_text_runs_through_the_dsl() -> None:
    text = read_notation("e to the minus 2t")
    res = run(f"let z = integrate {text} wrt t from 0 to oo\n")
    assert res.ok
    assert res["z"].result["result"] == "1/2"
    res = run(f"let d = derive {read_notation('t^2 sin t')} wrt t\n")
    assert res.ok
    got = sympy.Symbol("t")
    assert res["d"].result["result"].replace(" ", "") in (
        str(sympy.diff(got**2 * sympy.sin(got), got)).replace(" ", ""),
        "t*(t*cos(t)+2*sin(t))",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "non-empty"),
        ("x +", "ends too early"),
        ("x # 2", "cannot read '#'"),
        ("(x + 1", "missing '\\)'"),
        ("x 2", "unexpected '2'"),
        ("g2(x)", "unknown function 'g2'"),
        ("sin", "needs an argument"),
        ("|x", "missing closing"),
    ],
)
def test_unreadable_text_is_a_clear_value_error(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_notation(text)


def test_limits_hold_before_anything_is_built() -> None:
    with pytest.raises(ExpressionError, match="nested more than 5"):
        read_notation("(" * 6 + "x" + ")" * 6, limits=SymbolicLimits(max_depth=5))
    with pytest.raises(ExpressionError, match="more than 10 parts"):
        read_notation(" + ".join("x" * 1 for _ in range(12)), limits=SymbolicLimits(max_nodes=10))
    with pytest.raises(ExpressionError, match="longer than"):
        read_notation("x+" * 6000 + "x")
    # the strict grammar's size limits apply to the printed text as before
    with pytest.raises(LimitError):
        parse_notation("9^9^9")
