"""Tolerant reading of hand-written maths: the notation people type, rewritten into the strict
text that :func:`~havoc_tools.symbolic.grammar.parse_expression` (and the DSL's math grammar)
reads, with every product written ``*`` and every function called with brackets.

Nothing is evaluated: a tokenizer and a small recursive-descent parser build a tree of tuples
and print it. The strict grammar then checks the printed text against the resource limits as
usual; the reader itself bounds the text length, the number of parts and the nesting depth by
the same :class:`~havoc_tools.symbolic.limits.SymbolicLimits`.

Read besides the strict syntax:

- implicit multiplication: ``3x``, ``2(x + 1)``, ``x sin x``, ``(x + 1)(x - 1)``, ``2 pi r``;
- functions without brackets: ``sin x``, ``ln x^2``, ``sin 3x``, ``sinx``, ``cos^2 x``;
- unicode: ``·`` ``×`` ``⋅`` ``−`` ``÷`` ``²`` ``³`` ``√`` ``π`` ``∞`` and a few Greek letters;
- ``|x|`` for ``abs(x)``, ``e^2x`` and ``e^-x`` (the exponent of ``e`` takes ``2x`` whole);
- words: "e to the 2x", "x to the power of 3", "x squared", "x cubed", "minus", "plus",
  "times", "over", "divided by", "square root of", "natural log of", "sine of", number words
  "zero" ... "twelve" and "infinity".

>>> read_notation("x^2 sin x")
'x^2*sin(x)'
>>> read_notation("e to the minus 2x")
'e^(-2*x)'
>>> read_notation("3x + 7 = 22")
'3*x + 7 = 22'
"""

from __future__ import annotations

import re
from typing import Any

from havoc_tools.symbolic.grammar import CONSTANTS, FUNCTIONS, ExpressionError

MAX_TEXT = 10_000

_UNICODE = {
    "·": "*", "⋅": "*", "×": "*", "∗": "*", "÷": "/", "−": "-", "–": "-", "—": "-",
    "²": "^2", "³": "^3", "π": " pi ", "∞": " oo ", "√": " sqrt ", "θ": " theta ",
    "α": " alpha ", "β": " beta ", "λ": " lambda_ ", "μ": " mu ", "σ": " sigma ", "ω": " omega ",
    "φ": " phi ", "τ": " tau ", "ρ": " rho ",
}  # fmt: skip
_NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
    "infinity": "oo", "half": "(1/2)",
}  # fmt: skip
# (pattern, replacement) on whole words, longest phrases first
_WORDS: list[tuple[str, str]] = [
    (r"(?:raised )?to the power of|raised to the power|raised to the|to the power|to the", " ^ "),
    (r"raised to", " ^ "),
    (r"squared", " ^2 "), (r"cubed", " ^3 "),
    (r"(?:the )?square root of|(?:the )?root of|sqrt of", " sqrt "),
    (r"(?:the )?natural log(?:arithm)? of|(?:the )?natural log(?:arithm)?", " ln "),
    (r"(?:the )?log(?:arithm)? of", " log "), (r"ln of", " ln "),
    (r"(?:the )?sine of", " sin "), (r"(?:the )?cosine of", " cos "),
    (r"(?:the )?tangent of", " tan "), (r"(?:the )?exponential of|exp of", " exp "),
    (r"(?:the )?absolute value of", " abs "),
    (r"multiplied by|times", " * "), (r"divided by|over", " / "),
    (r"minus|negative", " - "), (r"plus", " + "),
]  # fmt: skip
_WORD_RE = [(re.compile(rf"\b(?:{p})\b", re.IGNORECASE), r) for p, r in _WORDS]
_NUMWORD_RE = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)
# function name glued to a one-letter variable: sinx, lnx, cosy
_GLUED = re.compile(
    r"^("
    + "|".join(sorted((f for f in FUNCTIONS if f.isalpha()), key=len, reverse=True))
    + r")([xyzuvw])$"
)
_TOKEN = re.compile(
    r"\s*(?:(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(?P<name>[A-Za-z_][A-Za-z_0-9]*)"
    r"|(?P<op>\*\*|[-+*/^=!(),|\[\]]))"
)


# a number word said before a one-letter variable is its coefficient: "two t" is 2t, as in
# "e to the minus two t" (never the articles "a", "i")
_SPOKEN_COEFFICIENT = re.compile(
    r"\b(" + "|".join(k for k in _NUMBER_WORDS if k not in ("infinity", "half")) + r")\s+"
    r"([b-hj-z])\b(?!\s*\()",
    re.IGNORECASE,
)


def _prepare(text: str) -> str:
    for k, v in _UNICODE.items():
        text = text.replace(k, v)
    text = _SPOKEN_COEFFICIENT.sub(lambda m: _NUMBER_WORDS[m.group(1).lower()] + m.group(2), text)
    for pat, rep in _WORD_RE:
        text = pat.sub(rep, text)
    return _NUMWORD_RE.sub(lambda m: _NUMBER_WORDS[m.group(1).lower()], text)


def _tokens(text: str) -> list[tuple[str, str, bool, int]]:
    """(kind, text, space before, column) for each token; a clear error for anything else."""
    out: list[tuple[str, str, bool, int]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if m is None:
            col = len(text[:pos]) + len(text[pos:]) - len(text[pos:].lstrip()) + 1
            raise ExpressionError(
                f"cannot read {text[col - 1]!r} at column {col}\n  {text}\n  {' ' * (col - 1)}^"
            )
        kind = m.lastgroup or "op"
        tok = m.group(kind)
        if kind == "op":
            tok = {"**": "^", "[": "(", "]": ")"}.get(tok, tok)
        out.append((kind, tok, m.start(kind) > pos, m.start(kind) + 1))
        pos = m.end()
    return out


class _Reader:
    def __init__(self, toks: list[tuple[str, str, bool, int]], text: str, limits: Any) -> None:
        self.toks, self.text, self.i = toks, text, 0
        self.max_depth, self.max_nodes = limits.max_depth, limits.max_nodes
        self.depth = self.nodes = 0
        self.abs_open = 0

    # -- helpers -------------------------------------------------------------------------------
    def peek(self, k: int = 0) -> tuple[str, str, bool, int] | None:
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else None

    def is_op(self, op: str, k: int = 0) -> bool:
        t = self.peek(k)
        return t is not None and t[0] == "op" and t[1] == op

    def take(self) -> tuple[str, str, bool, int]:
        t = self.toks[self.i]
        self.i += 1
        return t

    def fail(self, what: str) -> ExpressionError:
        t = self.peek()
        col = t[3] if t is not None else len(self.text) + 1
        return ExpressionError(f"{what} at column {col}\n  {self.text}\n  {' ' * max(0, col - 1)}^")

    def node(self, *parts: Any) -> tuple:
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise ExpressionError(
                f"the expression has more than {self.max_nodes} parts; the limit is "
                f"{self.max_nodes}"
            )
        return parts

    def enter(self) -> None:
        self.depth += 1
        if self.depth > self.max_depth:
            raise ExpressionError(
                f"the expression is nested more than {self.max_depth} levels deep; the limit "
                f"is {self.max_depth}"
            )

    # -- grammar -------------------------------------------------------------------------------
    def equation(self) -> tuple:
        left = self.sum()
        if self.is_op("="):
            self.take()
            right = self.sum()
            left = self.node("eq", left, right)
        if self.peek() is not None:
            raise self.fail(f"unexpected {self.peek()[1]!r}")  # type: ignore[index]
        return left

    def sum(self) -> tuple:
        self.enter()
        acc = self.term()
        while self.is_op("+") or self.is_op("-"):
            op = self.take()[1]
            acc = self.node("add" if op == "+" else "sub", acc, self.term())
        self.depth -= 1
        return acc

    def starts_factor(self) -> bool:
        """Juxtaposition: a name, a bracket or an opening bar starts an implicit factor."""
        t = self.peek()
        if t is None:
            return False
        if t[0] == "name":
            return True
        if t[0] == "op" and t[1] == "(":
            return True
        return t[0] == "op" and t[1] == "|" and self.abs_open == 0

    def term(self) -> tuple:
        acc = self.unary()
        while True:
            if self.is_op("*") or self.is_op("/"):
                op = self.take()[1]
                acc = self.node("mul" if op == "*" else "div", acc, self.unary())
            elif self.starts_factor():
                acc = self.node("mul", acc, self.power())
            else:
                return acc

    def unary(self) -> tuple:
        if self.is_op("-"):
            self.take()
            self.enter()
            out = self.node("neg", self.unary())
            self.depth -= 1
            return out
        if self.is_op("+"):
            self.take()
            return self.unary()
        return self.power()

    def power(self) -> tuple:
        base = self.postfix()
        if self.is_op("^"):
            self.take()
            self.enter()
            exp = self.exponent(tight=base == ("sym", "e"))
            self.depth -= 1
            return self.node("pow", base, exp)
        return base

    def exponent(self, tight: bool) -> tuple:
        if self.is_op("-") or self.is_op("+"):
            sign = self.take()[1]
            self.enter()
            inner = self.exponent(tight)
            self.depth -= 1
            return self.node("neg", inner) if sign == "-" else inner
        base = self.postfix()
        if tight and base[0] == "num" and self.starts_factor() and not self.peek()[2]:  # type: ignore[index]
            return self.node("mul", base, self.exponent(tight=False))  # e^2x is e^(2x)
        if self.is_op("^"):
            self.take()
            self.enter()
            out = self.node("pow", base, self.exponent(tight=False))
            self.depth -= 1
            return out
        return base

    def postfix(self) -> tuple:
        out = self.atom()
        while self.is_op("!"):
            self.take()
            out = self.node("call", "factorial", [out])
        return out

    def atom(self) -> tuple:
        t = self.peek()
        if t is None:
            raise self.fail("the expression ends too early")
        kind, tok = t[0], t[1]
        if kind == "num":
            self.take()
            return self.node("num", tok)
        if kind == "name":
            self.take()
            glued = _GLUED.match(tok)
            if tok not in FUNCTIONS and tok not in CONSTANTS and glued:
                return self.node("call", glued.group(1), [self.node("sym", glued.group(2))])
            if tok in FUNCTIONS:
                return self.function(tok)
            if len(tok) > 1 and tok not in CONSTANTS and self.is_op("(") and not self.peek()[2]:  # type: ignore[index]
                known = ", ".join(sorted(FUNCTIONS))
                raise self.fail(f"unknown function {tok!r}; known: {known}")
            return self.node("sym", tok)
        if tok == "(":
            self.take()
            self.enter()
            inner = self.sum()
            self.depth -= 1
            if not self.is_op(")"):
                raise self.fail("missing ')'")
            self.take()
            return inner
        if tok == "|" and self.abs_open == 0:
            self.take()
            self.abs_open += 1
            self.enter()
            inner = self.sum()
            self.depth -= 1
            self.abs_open -= 1
            if not self.is_op("|"):
                raise self.fail("missing closing '|'")
            self.take()
            return self.node("call", "abs", [inner])
        raise self.fail(f"unexpected {tok!r}")

    def function(self, name: str) -> tuple:
        """``f(a, b)``, ``f x``, ``f 3x``, ``f x^2`` and ``f^2 x`` (the square of f(x))."""
        self.enter()
        power = None
        if self.is_op("^") and name in (
            "sin",
            "cos",
            "tan",
            "sinh",
            "cosh",
            "tanh",
            "sec",
            "csc",
            "cot",
        ):
            self.take()
            power = self.postfix()
        if self.is_op("("):
            self.take()
            args = [self.sum()]
            while self.is_op(","):
                self.take()
                args.append(self.sum())
            if not self.is_op(")"):
                raise self.fail(f"missing ')' after the arguments of {name}")
            self.take()
        else:
            args = [self.bare_argument(name)]
        self.depth -= 1
        out = self.node("call", name, args)
        return self.node("pow", out, power) if power is not None else out

    def bare_argument(self, name: str) -> tuple:
        """The argument of a function written without brackets: a signed power, with a number
        glued to a name taken whole (``sin 3x`` is sin(3x), ``sin x cos x`` is two calls)."""
        if self.is_op("-"):
            self.take()
            self.enter()
            out = self.node("neg", self.bare_argument(name))
            self.depth -= 1
            return out
        if self.peek() is None:
            raise self.fail(f"{name} needs an argument")
        arg = self.power()
        t = self.peek()
        if arg[0] == "num" and t is not None and t[0] == "name" and not t[2]:
            arg = self.node("mul", arg, self.power())
        return arg


_PREC = {"eq": 0, "add": 1, "sub": 1, "mul": 2, "div": 2, "neg": 3, "pow": 4, "num": 5,
         "sym": 5, "call": 5}  # fmt: skip


def _show(n: tuple, ctx: int = 0, right: bool = False) -> str:
    kind = n[0]
    if kind in ("num", "sym"):
        text = n[1]
    elif kind == "call":
        text = f"{n[1]}({', '.join(_show(a) for a in n[2])})"
    elif kind == "neg":
        text = "-" + _show(n[1], 2)
        return f"({text})" if ctx > 1 or (ctx == 1 and right) else text
    elif kind == "pow":
        base = _show(n[1], 5)
        exp = _show(n[2], 5)
        text = f"{base}^{exp}"
    elif kind == "eq":
        text = f"{_show(n[1])} = {_show(n[2])}"
    else:
        op = {"add": " + ", "sub": " - ", "mul": "*", "div": "/"}[kind]
        p = _PREC[kind]
        text = _show(n[1], p) + op + _show(n[2], p, right=True)
        if ctx > p or (ctx == p and right):
            return f"({text})"
        return text
    return text if _PREC[kind] >= ctx else f"({text})"


def read_notation(text: str, *, limits: Any = None) -> str:
    """Rewrite hand-written maths into the strict grammar's text (see the module docstring).

    Raises :class:`ExpressionError` (a ``ValueError``) naming the column for text it cannot
    read, and for text longer than 10000 characters or beyond ``limits`` (``max_nodes``,
    ``max_depth``; the ``HAVOC_SYMBOLIC_*`` defaults when ``None``).

    >>> read_notation("2(x+1)(x-1) + ln x")
    '2*(x + 1)*(x - 1) + ln(x)'
    """
    from havoc_tools.symbolic.limits import resolve

    if not isinstance(text, str) or not text.strip():
        raise ExpressionError("expression must be a non-empty string")
    if len(text) > MAX_TEXT:
        raise ExpressionError(f"expression is longer than {MAX_TEXT} characters")
    prepared = _prepare(text)
    toks = _tokens(prepared)
    if not toks:
        raise ExpressionError(f"no expression in {text!r}")
    reader = _Reader(toks, prepared.strip(), resolve(limits))
    tree = reader.equation()
    return _show(tree)


def parse_notation(text: str, *, allow_equation: bool = False, limits: Any = None) -> Any:
    """:func:`read_notation`, then the strict :func:`parse_expression` with its limits.

    >>> parse_notation("x sin x")
    x*sin(x)
    """
    from havoc_tools.symbolic.grammar import parse_expression

    return parse_expression(
        read_notation(text, limits=limits), allow_equation=allow_equation, limits=limits
    )
