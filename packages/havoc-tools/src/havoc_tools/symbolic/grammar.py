"""A safe expression grammar (lark) mapped onto sympy objects.

User text is parsed by the grammar below and each node is turned into a sympy object by hand:
no ``eval``, ``sympify`` or ``parse_expr`` ever sees it. Names become plain ``Symbol``s; only the
whitelisted functions and constants in :data:`FUNCTIONS` / :data:`CONSTANTS` are recognised.

Syntax: ``+ - * /``, powers ``^`` or ``**`` (right-associative), unary minus, ``n!``, implicit
multiplication after a number (``2x``, ``3(x + 1)``, ``2x^2`` is ``2*(x^2)``), function calls ``sin(x)``, ``log(x, 2)``,
equations ``lhs = rhs``. Decimals are exact rationals (``0.1`` is 1/10).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

GRAMMAR = r"""
?start: equation | sum
equation: sum "=" sum

?sum: product
    | sum "+" product   -> add
    | sum "-" product   -> sub

?product: unary
    | product "*" unary -> mul
    | product "/" unary -> div

?unary: power
    | "-" unary         -> neg
    | "+" unary

?power: postfix
    | postfix ("^" | "**") exponent -> pow
    | NUMBER implicit_power         -> implicit_mul

// an exponent never takes implicit multiplication: x^2y is an error, not x^(2y)
?exponent: postfix
    | "-" exponent                  -> neg
    | postfix ("^" | "**") exponent -> pow

?implicit_power: implicit
    | implicit ("^" | "**") exponent -> pow

?postfix: atom
    | postfix "!"       -> factorial

?implicit: NAME                  -> symbol
    | NAME "(" args ")"          -> call
    | "(" sum ")"

?atom: NUMBER                    -> number
    | NAME                       -> symbol
    | NAME "(" args ")"          -> call
    | "(" sum ")"

args: sum ("," sum)*

NUMBER: /(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/
NAME: /[A-Za-z_][A-Za-z_0-9]*/

%import common.WS
%ignore WS
"""

#: function name -> (sympy attribute, allowed argument counts)
FUNCTIONS: dict[str, tuple[str, tuple[int, ...]]] = {
    "sin": ("sin", (1,)),
    "cos": ("cos", (1,)),
    "tan": ("tan", (1,)),
    "cot": ("cot", (1,)),
    "sec": ("sec", (1,)),
    "csc": ("csc", (1,)),
    "asin": ("asin", (1,)),
    "acos": ("acos", (1,)),
    "atan": ("atan", (1,)),
    "atan2": ("atan2", (2,)),
    "sinh": ("sinh", (1,)),
    "cosh": ("cosh", (1,)),
    "tanh": ("tanh", (1,)),
    "asinh": ("asinh", (1,)),
    "acosh": ("acosh", (1,)),
    "atanh": ("atanh", (1,)),
    "exp": ("exp", (1,)),
    "log": ("log", (1, 2)),
    "ln": ("log", (1,)),
    "sqrt": ("sqrt", (1,)),
    "cbrt": ("cbrt", (1,)),
    "abs": ("Abs", (1,)),
    "sign": ("sign", (1,)),
    "floor": ("floor", (1,)),
    "ceiling": ("ceiling", (1,)),
    "ceil": ("ceiling", (1,)),
    "factorial": ("factorial", (1,)),
    "gamma": ("gamma", (1,)),
    "erf": ("erf", (1,)),
    "erfc": ("erfc", (1,)),
    "min": ("Min", (2, 3, 4)),
    "max": ("Max", (2, 3, 4)),
    "binomial": ("binomial", (2,)),
}
#: constant name -> sympy attribute
CONSTANTS = {"pi": "pi", "e": "E", "E": "E", "oo": "oo", "inf": "oo", "infinity": "oo"}


class ExpressionError(ValueError):
    """Text the grammar rejects; the message carries the position and a caret."""


@lru_cache(maxsize=1)
def _parser() -> Any:
    from lark import Lark

    return Lark(GRAMMAR, parser="lalr", maybe_placeholders=False, propagate_positions=True)


def _rational(text: str) -> Any:
    """The exact value of a number literal (no float, no 4300-digit str->int limit)."""
    import sympy

    from havoc_tools.symbolic.limits import literal_fraction

    q = literal_fraction(text)
    return sympy.Rational(q.numerator, q.denominator)


def _to_sympy(tree: Any) -> Any:
    import sympy
    from lark import Token

    if isinstance(tree, Token):
        raise ExpressionError(f"unexpected token {tree!s}")
    kind = tree.data
    ch = tree.children
    if kind == "number":
        return _rational(str(ch[0]))
    if kind == "symbol":
        name = str(ch[0])
        if name in CONSTANTS:
            return getattr(sympy, CONSTANTS[name])
        if name in FUNCTIONS:
            raise ExpressionError(f"{name!r} is a function; call it like {name}(x)")
        return sympy.Symbol(name)
    if kind == "call":
        name = str(ch[0])
        if name not in FUNCTIONS:
            raise ExpressionError(
                f"unknown function {name!r}; known: {', '.join(sorted(FUNCTIONS))}"
            )
        attr, arities = FUNCTIONS[name]
        args = [_to_sympy(a) for a in ch[1].children]
        if len(args) not in arities:
            raise ExpressionError(
                f"{name}() takes {' or '.join(map(str, arities))} argument(s), got {len(args)}"
            )
        return getattr(sympy, attr)(*args)
    if kind == "implicit_mul":
        return _rational(str(ch[0])) * _to_sympy(ch[1])
    if kind in ("add", "sub", "mul", "div"):
        from havoc_tools.symbolic.limits import _spine

        # long sums and products are left-deep trees: build them in a loop, not by recursion
        spine = _spine(tree)
        acc = _to_sympy(spine[0][1])
        for node, right in spine[1:]:
            acc = _combine(node.data, acc, _to_sympy(right))
        return acc
    args = [_to_sympy(c) for c in ch]
    if kind == "add":
        return args[0] + args[1]
    if kind == "sub":
        return args[0] - args[1]
    if kind == "mul":
        return args[0] * args[1]
    if kind == "div":
        if args[1] == 0:
            raise ExpressionError("division by zero")
        return args[0] / args[1]
    if kind == "neg":
        return -args[0]
    if kind == "pow":
        return args[0] ** args[1]
    if kind == "factorial":
        return sympy.factorial(args[0])
    if kind == "equation":
        return sympy.Eq(args[0], args[1], evaluate=False)
    if kind in ("unary", "sum", "start"):
        return args[0]
    raise ExpressionError(f"unsupported construct {kind!r}")


def _combine(kind: str, a: Any, b: Any) -> Any:
    if kind == "add":
        return a + b
    if kind == "sub":
        return a - b
    if kind == "mul":
        return a * b
    if b == 0:
        raise ExpressionError("division by zero")
    return a / b


def parse_expression(
    text: str, *, allow_equation: bool = False, limits: Any = None, with_facts: bool = False
) -> Any:
    """Parse ``text`` into a sympy expression (or ``Eq`` when ``allow_equation``).

    The parse tree is checked against ``limits`` (a :class:`SymbolicLimits`; the
    ``HAVOC_SYMBOLIC_*`` environment defaults when ``None``) before sympy builds anything, so
    ``9^9^9`` or ``factorial(10^8)`` is refused with a :class:`LimitError` instead of computed.
    ``with_facts`` returns ``(expression, TreeFacts)`` (size, depth, polynomial degree bounds).

    >>> parse_expression("2x^2 + sin(x)")
    2*x**2 + sin(x)
    """
    from lark.exceptions import UnexpectedInput

    if not isinstance(text, str) or not text.strip():
        raise ExpressionError("expression must be a non-empty string")
    if len(text) > 10_000:
        raise ExpressionError("expression is longer than 10000 characters")
    try:
        tree = _parser().parse(text)
    except UnexpectedInput as exc:
        col = getattr(exc, "column", None) or 1
        line = text.splitlines()[max(0, getattr(exc, "line", 1) - 1)] if text.splitlines() else text
        caret = " " * (col - 1) + "^"
        raise ExpressionError(
            f"cannot parse expression at column {col}\n  {line}\n  {caret}"
        ) from None
    from havoc_tools.symbolic.limits import check_tree, resolve

    facts = check_tree(tree, text, resolve(limits))
    try:
        out = _to_sympy(tree)
    except RecursionError:
        raise ExpressionError("expression is nested too deeply") from None
    import sympy

    if isinstance(out, sympy.Equality) and not allow_equation:
        raise ExpressionError("an equation ('=') is only allowed where one is expected (solve)")
    if with_facts:
        return out, facts
    return out
