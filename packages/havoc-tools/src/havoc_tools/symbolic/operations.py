"""Calculus and algebra on parsed expressions: derivatives, integrals, limits, solving,
simplification and series. Every function takes text (or a sympy object from
:func:`parse_expression`) and returns a :class:`SymbolicResult`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from havoc_tools._result import ToolResult
from havoc_tools.symbolic.grammar import ExpressionError, parse_expression


@dataclass
class SymbolicResult(ToolResult):
    operation: str
    input: str
    variable: str | None
    result: str
    latex: str
    numeric: float | None = None
    solutions: list[str] = field(default_factory=list)
    numeric_solutions: list[float | None] = field(default_factory=list)

    def summary(self) -> str:
        var = f" with respect to {self.variable}" if self.variable else ""
        lines = [f"{self.operation} of {self.input}{var}:", f"  {self.result}"]
        if self.numeric is not None:
            lines.append(f"  ~= {self.numeric:.12g}")
        return "\n".join(lines)

    @property
    def expr(self) -> Any:
        return self._expr


def _expr(x: Any, allow_equation: bool = False) -> Any:
    import sympy

    if isinstance(x, sympy.Basic):
        return x
    if isinstance(x, (int, float)):
        return sympy.nsimplify(x) if isinstance(x, float) else sympy.Integer(x)
    return parse_expression(x, allow_equation=allow_equation)


def _variable(e: Any, var: str | None) -> Any:
    import sympy

    if var is not None:
        if not isinstance(var, str) or not var.isidentifier():
            raise ExpressionError(f"variable must be a name like 'x', got {var!r}")
        return sympy.Symbol(var)
    free = sorted(e.free_symbols, key=str)
    if len(free) == 1:
        return free[0]
    if not free:
        return sympy.Symbol("x")
    raise ExpressionError(
        f"the expression has several variables {[str(s) for s in free]}; say which one with var="
    )


def _numeric(v: Any) -> float | None:
    try:
        if v.free_symbols:
            return None
        c = complex(v.evalf(30))
    except (TypeError, ValueError, AttributeError):
        return None
    if abs(c.imag) > 1e-12 * max(1.0, abs(c.real)):
        return None
    return float(c.real)


def _result(op: str, text: Any, var: Any, value: Any, **kw: Any) -> SymbolicResult:
    import sympy

    r = SymbolicResult(
        op,
        str(text),
        None if var is None else str(var),
        sympy.sstr(value),
        sympy.latex(value),
        _numeric(value),
        **kw,
    )
    object.__setattr__(r, "_expr", value)
    return r


def derive(expr: Any, var: str | None = None, order: int = 1) -> SymbolicResult:
    """Derivative of ``expr`` (``order`` times). ``derive("x^3 sin(x)")``."""
    import sympy

    if int(order) != order or order < 1:
        raise ExpressionError(f"order must be a whole number >= 1, got {order}")
    e = _expr(expr)
    v = _variable(e, var)
    return _result(
        "derivative" if order == 1 else f"derivative of order {order}",
        expr,
        v,
        sympy.simplify(sympy.diff(e, v, int(order))),
    )


def integrate(
    expr: Any, var: str | None = None, lower: Any = None, upper: Any = None
) -> SymbolicResult:
    """Indefinite integral, or definite when both ``lower`` and ``upper`` are given
    (numbers or expressions such as ``"pi/2"`` or ``"oo"``)."""
    import sympy

    e = _expr(expr)
    v = _variable(e, var)
    if (lower is None) != (upper is None):
        raise ExpressionError("give both lower and upper for a definite integral, or neither")
    if lower is None:
        out = sympy.integrate(e, v)
        op = "indefinite integral (constant omitted)"
    else:
        lo, hi = _expr(lower), _expr(upper)
        out = sympy.integrate(e, (v, lo, hi))
        op = f"integral from {lower} to {upper}"
    if out.has(sympy.Integral):
        raise ExpressionError(f"no closed form found for the integral of {expr}")
    return _result(op, expr, v, sympy.simplify(out))


def limit(
    expr: Any, var: str | None = None, point: Any = 0, direction: str = "+-"
) -> SymbolicResult:
    """Limit of ``expr`` as ``var`` tends to ``point``; ``direction`` is ``"+-"`` (two-sided),
    ``"+"`` (from above) or ``"-"`` (from below)."""
    import sympy

    if direction not in ("+-", "+", "-"):
        raise ExpressionError(f"direction must be '+-', '+' or '-', got {direction!r}")
    e = _expr(expr)
    v = _variable(e, var)
    p = _expr(point)
    if p in (sympy.oo, -sympy.oo) and direction == "+-":
        direction = "-" if p == sympy.oo else "+"
    out = sympy.limit(e, v, p, dir=direction)
    if isinstance(out, sympy.AccumBounds) or out.has(sympy.Limit):
        raise ExpressionError(f"the limit of {expr} at {point} does not exist or was not found")
    return _result(f"limit as {v} -> {point} ({direction})", expr, v, out)


def solve(equation: Any, var: str | None = None, *, domain: str = "complex") -> SymbolicResult:
    """Solve ``lhs = rhs`` (or ``expr = 0`` when no ``=``) for ``var``. ``domain="real"`` keeps
    real solutions only. A list of equations with ``var`` a list of names solves a system."""
    import sympy

    if domain not in ("complex", "real"):
        raise ExpressionError(f"domain must be 'complex' or 'real', got {domain!r}")
    if isinstance(equation, (list, tuple)):
        eqs = [_as_eq(_expr(q, allow_equation=True)) for q in equation]
        names = var if isinstance(var, (list, tuple)) else None
        syms = (
            [sympy.Symbol(n) for n in names]
            if names
            else sorted(set().union(*(q.free_symbols for q in eqs)), key=str)
        )
        sols = sympy.solve(eqs, syms, dict=True)
        texts = [", ".join(f"{k} = {sympy.sstr(vv)}" for k, vv in s.items()) for s in sols]
        r = SymbolicResult(
            "solve system",
            "; ".join(map(str, equation)),
            ", ".join(map(str, syms)),
            "; ".join(texts) or "no solution",
            sympy.latex(sols),
            None,
            texts,
            [],
        )
        object.__setattr__(r, "_expr", sols)
        return r
    q = _as_eq(_expr(equation, allow_equation=True))
    v = _variable(q.lhs - q.rhs, var)
    if domain == "real":
        v_real = sympy.Symbol(v.name, real=True)
        q = q.subs(v, v_real)
        v = v_real
    sols = sympy.solve(q, v)
    if domain == "real":
        sols = [s for s in sols if s.is_real is not False]
    nums = [_numeric(s) for s in sols]
    r = SymbolicResult(
        f"solve for {v}",
        str(equation),
        str(v),
        ", ".join(sympy.sstr(s) for s in sols) or "no solution",
        sympy.latex(sols),
        None,
        [sympy.sstr(s) for s in sols],
        nums,
    )
    object.__setattr__(r, "_expr", sols)
    return r


def _as_eq(e: Any) -> Any:
    import sympy

    return e if isinstance(e, sympy.Equality) else sympy.Eq(e, 0)


def simplify(expr: Any) -> SymbolicResult:
    """Simplified form of ``expr``."""
    import sympy

    e = _expr(expr)
    return _result("simplification", expr, None, sympy.simplify(e))


def series(expr: Any, var: str | None = None, point: Any = 0, order: int = 6) -> SymbolicResult:
    """Taylor/Laurent series of ``expr`` about ``point`` up to (not including) ``var^order``."""
    import sympy

    if int(order) != order or order < 1:
        raise ExpressionError(f"order must be a whole number >= 1, got {order}")
    e = _expr(expr)
    v = _variable(e, var)
    out = sympy.series(e, v, _expr(point), int(order))
    return _result(f"series about {v} = {point} to order {order}", expr, v, out)
