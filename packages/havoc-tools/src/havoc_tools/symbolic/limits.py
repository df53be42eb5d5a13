"""Bounds on symbolic work, checked on the parse tree BEFORE sympy computes anything.

One big-integer operation (``9^9^9``, ``factorial(10^8)``) holds the interpreter lock until it
ends, so every thread of the process stops with it; such work must be refused, not started.
:func:`check_tree` walks the lark tree with exact fractions for numeric sub-expressions and
estimates the size of every power, factorial, gamma and binomial from logarithms
(digits of a^b ~ b * log10|a|) before anything is multiplied out.

The defaults come from environment variables, so a server can tune them without code:

=============================  =======  ================================================
variable                       default  meaning
=============================  =======  ================================================
HAVOC_SYMBOLIC_MAX_DIGITS      10000    digits of any exact number built from the input
HAVOC_SYMBOLIC_MAX_ARG_DIGITS  100      digits of a numeric argument of sqrt, floor, sign...
HAVOC_SYMBOLIC_MAX_DEGREE      100      polynomial degree for solve, expanded powers of sums
HAVOC_SYMBOLIC_MAX_NODES       2000     operators, numbers and names in one expression
HAVOC_SYMBOLIC_MAX_DEPTH       100      nesting depth of one expression
HAVOC_SYMBOLIC_MAX_ORDER       50       derivative and series order
HAVOC_SYMBOLIC_TIMEOUT         10       wall-clock seconds per operation in the worker
HAVOC_SYMBOLIC_CPU_SECONDS     timeout  CPU seconds per operation (RLIMIT_CPU)
HAVOC_SYMBOLIC_MEMORY_MB       1024     address space of a worker process (RLIMIT_AS)
HAVOC_SYMBOLIC_WORKERS         2        worker processes (started when needed, reused)
HAVOC_SYMBOLIC_ISOLATE         1        0 runs operations in-process (no time limit)
=============================  =======  ================================================
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from havoc_tools.symbolic.grammar import ExpressionError

_LN10 = math.log(10)


class LimitError(ExpressionError):
    """The input asks for more work than the configured limits allow (refused before computing).

    ``limit`` names the limit (``max_digits``, ``max_degree``, ...)."""

    def __init__(self, message: str, limit: str = "") -> None:
        super().__init__(message)
        self.limit = limit

    def __reduce__(self) -> Any:  # keep ``limit`` across the worker's pipe
        return (type(self), (str(self), self.limit))


def _env_number(name: str, default: float, kind: type = int) -> Any:
    text = os.environ.get(name)
    if text is None or not text.strip():
        return default
    try:
        value = kind(text)
    except ValueError:
        raise ValueError(f"{name} must be a number, got {text!r}") from None
    if value <= 0:
        raise ValueError(f"{name} must be > 0, got {text!r}")
    return value


@dataclass(frozen=True)
class SymbolicLimits:
    """How much one symbolic operation may ask for. ``SymbolicLimits.from_env()`` reads the
    ``HAVOC_SYMBOLIC_*`` variables; pass ``limits=`` to any operation to override them.

    >>> SymbolicLimits(max_digits=50).max_degree
    100
    """

    max_digits: int = 10_000
    max_arg_digits: int = 100
    max_degree: int = 100
    max_nodes: int = 2_000
    max_depth: int = 100
    max_order: int = 50
    timeout: float = 10.0
    cpu_seconds: float | None = None
    memory_mb: int = 1024
    workers: int = 2
    isolate: bool = True

    def __post_init__(self) -> None:
        for name in ("max_digits", "max_arg_digits", "max_degree", "max_nodes", "max_depth"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive integer, got {value!r}")
        for name in ("max_order", "memory_mb", "workers"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive integer, got {value!r}")
        if not self.timeout > 0:
            raise ValueError(f"timeout must be > 0 seconds, got {self.timeout!r}")
        if self.cpu_seconds is not None and not self.cpu_seconds > 0:
            raise ValueError(f"cpu_seconds must be > 0, got {self.cpu_seconds!r}")

    @property
    def cpu_limit(self) -> float:
        return self.cpu_seconds if self.cpu_seconds is not None else self.timeout

    @classmethod
    def from_env(cls) -> SymbolicLimits:
        return cls(
            max_digits=_env_number("HAVOC_SYMBOLIC_MAX_DIGITS", 10_000),
            max_arg_digits=_env_number("HAVOC_SYMBOLIC_MAX_ARG_DIGITS", 100),
            max_degree=_env_number("HAVOC_SYMBOLIC_MAX_DEGREE", 100),
            max_nodes=_env_number("HAVOC_SYMBOLIC_MAX_NODES", 2_000),
            max_depth=_env_number("HAVOC_SYMBOLIC_MAX_DEPTH", 100),
            max_order=_env_number("HAVOC_SYMBOLIC_MAX_ORDER", 50),
            timeout=_env_number("HAVOC_SYMBOLIC_TIMEOUT", 10.0, float),
            cpu_seconds=_env_number("HAVOC_SYMBOLIC_CPU_SECONDS", 0, float) or None,
            memory_mb=_env_number("HAVOC_SYMBOLIC_MEMORY_MB", 1024),
            workers=_env_number("HAVOC_SYMBOLIC_WORKERS", 2),
            isolate=os.environ.get("HAVOC_SYMBOLIC_ISOLATE", "1").strip() not in ("0", "false"),
        )


def resolve(limits: SymbolicLimits | None) -> SymbolicLimits:
    return limits if limits is not None else SymbolicLimits.from_env()


# ---------------------------------------------------------------------------------------------
# exact numbers from literal text, without Python's 4300-digit int/str conversion limit


def literal_fraction(text: str, limits: SymbolicLimits | None = None) -> Fraction:
    """``"12.5e3"`` -> Fraction(12500); refuses literals whose value has more digits than
    ``limits.max_digits`` (no check when ``limits`` is None: the tree walk has checked)."""
    mantissa, _, exp_text = text.lower().partition("e")
    exponent = int(exp_text) if exp_text else 0
    whole, _, frac = mantissa.partition(".")
    digits = (whole + frac).lstrip("0") or "0"
    scale = exponent - len(frac)
    size = len(digits) + abs(scale)
    if limits is not None and size > limits.max_digits:
        raise LimitError(
            f"the number {_clip(text)} has about {_fmt(size)} digits; the limit is "
            f"{limits.max_digits} digits",
            "max_digits",
        )
    value = _int_from_digits(digits)
    return Fraction(value * 10**scale) if scale >= 0 else Fraction(value, 10**-scale)


def _int_from_digits(digits: str) -> int:
    value = 0
    for start in range(0, len(digits), 4000):
        chunk = digits[start : start + 4000]
        value = value * 10 ** len(chunk) + int(chunk)
    return value


def _clip(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _fmt(x: float) -> str:
    if math.isinf(x):
        return "more than 1e308"
    return f"{x:.0f}" if x < 1e6 else f"{x:.2g}"


def _log10_int(n: int) -> float:
    n = abs(n)
    return math.log10(n) if n > 0 else 0.0  # math.log10 takes ints of any size


def _digits(q: Fraction) -> float:
    """Digits to write the fraction exactly (numerator plus denominator)."""
    den = _log10_int(q.denominator) + 1 if q.denominator != 1 else 0.0
    return _log10_int(q.numerator) + 1 + den


def _log10_abs(q: Fraction) -> float:
    """log10 of the larger of |numerator| and denominator (the size a power multiplies)."""
    return max(_log10_int(q.numerator), _log10_int(q.denominator))


# ---------------------------------------------------------------------------------------------
# the tree walk


@dataclass
class _Info:
    """What the walk knows about a sub-expression."""

    exact: Fraction | None = None  # an exact rational value
    log_mag: float | None = None  # numeric but not rational: log10 of an upper bound on |value|
    degree: float = 0.0  # polynomial degree bound in its symbols
    expand_degree: float = 0.0  # largest degree a power of a sum would expand to
    has_sum: bool = False
    coef: float = 0.0  # log10 of the numeric factors a power would distribute over: (2x)^n

    def coefficient(self) -> float:
        return self.magnitude() if self.numeric else self.coef

    @property
    def numeric(self) -> bool:
        return self.exact is not None or self.log_mag is not None

    def magnitude(self) -> float:
        if self.exact is not None:
            return _log10_abs(self.exact)
        return self.log_mag if self.log_mag is not None else math.inf


@dataclass(frozen=True)
class TreeFacts:
    """Summary of a checked expression (used by the operations' own bounds)."""

    nodes: int
    depth: int
    degree: float
    expand_degree: float


_EVALUATING_BOUNDED = {"sin", "cos", "tanh", "atan", "erf", "erfc", "sign", "asin", "acos"}
_NUMERIC_CONSTANTS = {"pi", "e", "E"}


class _Checker:
    def __init__(self, text: str, limits: SymbolicLimits, constants: Any, functions: Any) -> None:
        self.text = text
        self.limits = limits
        self.constants = constants
        self.functions = functions
        self.nodes = 0
        self.depth = 0

    def source(self, tree: Any) -> str:
        meta = getattr(tree, "meta", None)
        if meta is not None and not getattr(meta, "empty", True):
            return _clip(self.text[meta.start_pos : meta.end_pos])
        return "a sub-expression"

    def refuse(self, what: str, size: float, limit_name: str, unit: str = "digits") -> None:
        limit = getattr(self.limits, limit_name)
        raise LimitError(
            f"{what} of about {_fmt(size)} {unit}; the limit is {limit} {unit}", limit_name
        )

    def exact_ok(self, tree: Any, value: Fraction, verb: str) -> _Info:
        size = _digits(value)
        if size > self.limits.max_digits:
            self.refuse(f"{self.source(tree)} {verb} a number", size, "max_digits")
        return _Info(exact=value)

    def walk(self, tree: Any, depth: int = 1) -> _Info:
        from lark import Token

        self.nodes += 1
        self.depth = max(self.depth, depth)
        if self.nodes > self.limits.max_nodes:
            raise LimitError(
                f"the expression has more than {self.limits.max_nodes} parts; the limit is "
                f"{self.limits.max_nodes}",
                "max_nodes",
            )
        if depth > self.limits.max_depth:
            raise LimitError(
                f"the expression is nested more than {self.limits.max_depth} levels deep; the "
                f"limit is {self.limits.max_depth}",
                "max_depth",
            )
        if isinstance(tree, Token):
            return _Info()
        kind, ch = tree.data, tree.children
        if kind == "number":
            return _Info(exact=literal_fraction(str(ch[0]), self.limits))
        if kind == "symbol":
            name = str(ch[0])
            if name in _NUMERIC_CONSTANTS:
                return _Info(log_mag=0.5)
            if name in self.constants:  # oo: not a number to compute with
                return _Info(log_mag=math.inf)
            return _Info(degree=1.0)
        if kind == "call":
            args = [self.walk(a, depth + 1) for a in ch[1].children]
            return self.call(tree, str(ch[0]), args)
        if kind == "implicit_mul":
            left = _Info(exact=literal_fraction(str(ch[0]), self.limits))
            return self.binary(tree, "mul", left, self.walk(ch[1], depth + 1))
        if kind in _CHAINS:
            # a + b + c + ... is a left-deep tree; walk its spine in a loop, one level deep
            spine = list(_spine(tree))
            self.nodes += len(spine) - 2  # the operators (this node was counted above)
            acc = self.walk(spine[0][1], depth + 1)
            for node, right in spine[1:]:
                acc = self.binary(node, node.data, acc, self.walk(right, depth + 1))
            return acc
        args = [self.walk(c, depth + 1) for c in ch if not isinstance(c, Token)]
        if kind in ("pow", "equation") and len(args) == 2:
            return self.binary(tree, kind, args[0], args[1])
        if kind == "neg" and args:
            a = args[0]
            return _Info(
                -a.exact if a.exact is not None else None,
                a.log_mag,
                a.degree,
                a.expand_degree,
                a.has_sum,
            )
        if kind == "factorial" and args:
            return self.call(tree, "factorial", args)
        return args[0] if args else _Info()

    def binary(self, tree: Any, kind: str, a: _Info, b: _Info) -> _Info:
        expand = max(a.expand_degree, b.expand_degree)
        if kind == "pow":
            return self.power(tree, a, b, expand)
        if a.exact is not None and b.exact is not None:
            if kind == "div" and b.exact == 0:
                return _Info(log_mag=math.inf)  # the grammar reports the division by zero
            value = {
                "add": lambda: a.exact + b.exact,
                "sub": lambda: a.exact - b.exact,
                "mul": lambda: a.exact * b.exact,
                "div": lambda: a.exact / b.exact,
                "equation": lambda: a.exact - b.exact,
            }[kind]()
            return self.exact_ok(tree, value, "gives")
        both = a.numeric and b.numeric
        if kind in ("add", "sub", "equation"):
            degree = max(a.degree, b.degree)
            log_mag = max(a.magnitude(), b.magnitude()) + 0.31 if both else None
            return _Info(None, log_mag, degree, expand, kind != "equation")
        # mul, div (clearing a denominator adds degrees too)
        coef = a.coefficient() + b.coefficient()
        log_mag = coef if both else None
        return _Info(None, log_mag, a.degree + b.degree, expand, a.has_sum or b.has_sum, coef)

    def power(self, tree: Any, a: _Info, b: _Info, expand: float) -> _Info:
        if b.exact is None:
            # a symbolic or irrational exponent: sympy keeps the power unevaluated
            if a.numeric and b.numeric:
                bound = 10 ** min(b.magnitude(), 300.0)
                return _Info(log_mag=min(a.magnitude() * bound, math.inf), expand_degree=expand)
            return _Info(degree=a.degree, expand_degree=expand, has_sum=a.has_sum)
        e = b.exact
        if a.exact is not None:
            base = a.exact
            if base == 0 and e < 0:
                return _Info(log_mag=math.inf)  # zoo
            if base in (0, 1, -1) or e == 0:
                return _Info(log_mag=0.5) if e.denominator != 1 else _Info(exact=base**e.numerator)
            size = _approx_times(abs(e), _log10_abs(base))
            if size > self.limits.max_digits:
                self.refuse(f"the power {self.source(tree)} gives a number", size, "max_digits")
            if e.denominator == 1:
                p = e.numerator
                return self.exact_ok(tree, base**p if p > 0 else 1 / base ** (-p), "gives")
            # a root: sympy looks for perfect powers, costly for big bases
            if _digits(base) > self.limits.max_arg_digits:
                self.refuse(
                    f"the root {self.source(tree)} is taken of a number",
                    _digits(base),
                    "max_arg_digits",
                )
            return _Info(log_mag=size)
        if a.numeric:
            size = _approx_times(abs(e), a.magnitude())
            if size > self.limits.max_digits:
                self.refuse(f"the power {self.source(tree)} gives a number", size, "max_digits")
            return _Info(log_mag=size)
        coef = _approx_times(abs(e), a.coef)
        if coef > self.limits.max_digits:  # (2x)^n distributes: 2^n * x^n
            self.refuse(f"the power {self.source(tree)} gives a coefficient", coef, "max_digits")
        degree = _approx_times(abs(e), a.degree) if e.denominator == 1 else a.degree
        if a.has_sum and e.denominator == 1:
            expand = max(expand, degree)
        return _Info(degree=degree, expand_degree=expand, has_sum=a.has_sum, coef=coef)

    def call(self, tree: Any, name: str, args: list[_Info]) -> _Info:
        numeric = [a for a in args if a.numeric]
        if name in ("factorial", "gamma", "binomial") and numeric:
            size = _special_digits(name, args)
            if size > self.limits.max_digits:
                self.refuse(f"{self.source(tree)} gives a number", size, "max_digits")
        for a in numeric:
            mag = a.magnitude()
            if mag > self.limits.max_arg_digits and name not in _EVALUATING_BOUNDED | {"log", "ln"}:
                self.refuse(
                    f"{self.source(tree)} evaluates {name}() of a number",
                    mag,
                    "max_arg_digits",
                )
        degree = max((a.degree for a in args), default=0.0)
        expand = max((a.expand_degree for a in args), default=0.0)
        if args and all(a.numeric for a in args):
            return _Info(log_mag=_call_magnitude(name, args), expand_degree=expand)
        return _Info(degree=degree, expand_degree=expand, has_sum=any(a.has_sum for a in args))


_CHAINS = {"add": "sum", "sub": "sum", "mul": "product", "div": "product"}


def _spine(tree: Any) -> list[tuple[Any, Any]]:
    """``((a + b) - c)`` -> ``[(None, a), (add-node, b), (sub-node, c)]``, iteratively."""
    from lark import Tree

    links = []
    node = tree
    family = _CHAINS[tree.data]
    while isinstance(node, Tree) and _CHAINS.get(node.data) == family:
        links.append((node, node.children[1]))
        node = node.children[0]
    links.append((None, node))
    return links[::-1]


def _approx_times(e: Fraction, log10_base: float) -> float:
    """|e| * log10|base| without overflowing for astronomically large exponents."""
    if log10_base == 0:
        return 0.0
    try:
        return float(e) * log10_base
    except OverflowError:
        return math.inf


def _value_bound(a: _Info) -> float:
    """An upper bound on |value| as a float (inf when too large)."""
    if a.exact is not None:
        try:
            return abs(float(a.exact))
        except OverflowError:
            return math.inf
    mag = a.magnitude()
    return math.inf if mag > 300 else 10**mag


def _lgamma_digits(x: float) -> float:
    if math.isinf(x) or x > 1e300:
        return math.inf
    return math.lgamma(x + 1) / _LN10 if x > 0 else 1.0


def _special_digits(name: str, args: list[_Info]) -> float:
    """Digits of factorial(n), gamma(x), binomial(n, k) from log-gamma."""
    if name == "factorial":
        return _lgamma_digits(_value_bound(args[0]))
    if name == "gamma":
        return _lgamma_digits(max(0.0, _value_bound(args[0]) - 1))
    n, k = (_value_bound(a) for a in args)
    if math.isinf(n) or math.isinf(k):
        return math.inf
    if args[0].exact is not None and args[1].exact is not None and n >= k:
        return max(1.0, _lgamma_digits(n) - _lgamma_digits(k) - _lgamma_digits(n - k))
    # non-integer n: the product of k factors
    return k * (math.log10(n + k + 1) + 1)


def _call_magnitude(name: str, args: list[_Info]) -> float:
    a = args[0]
    if name in _EVALUATING_BOUNDED:
        return 0.5
    if name in ("exp", "sinh", "cosh"):
        return min(_value_bound(a) / _LN10, math.inf)
    if name in ("log", "ln"):
        return math.log10(a.magnitude() * _LN10 + 2) if math.isfinite(a.magnitude()) else 300
    if name in ("sqrt", "cbrt"):
        return a.magnitude() / 2
    if name in ("factorial", "gamma", "binomial"):
        return _special_digits(name, args)
    return max(x.magnitude() for x in args)


def check_tree(tree: Any, text: str, limits: SymbolicLimits) -> TreeFacts:  # noqa: D401
    """Refuse (``LimitError``) a parsed expression whose evaluation would exceed ``limits``."""
    from havoc_tools.symbolic.grammar import CONSTANTS, FUNCTIONS

    checker = _Checker(text, limits, CONSTANTS, FUNCTIONS)
    info = checker.walk(tree)
    return TreeFacts(checker.nodes, checker.depth, info.degree, info.expand_degree)
