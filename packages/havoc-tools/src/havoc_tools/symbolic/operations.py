"""Calculus and algebra on parsed expressions: derivatives, integrals, limits, solving,
simplification and series. Every function takes text (or a sympy object from
:func:`parse_expression`) and returns a :class:`SymbolicResult`.

Each call is checked against :class:`SymbolicLimits` here, before anything is computed, then runs
in a worker process (see :mod:`havoc_tools.symbolic.worker`) that is killed when it overruns its
time or memory; such a call returns a result with ``status == "gave_up"`` and the reason in
``detail`` instead of raising.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from havoc_tools._result import ToolResult
from havoc_tools.symbolic.grammar import ExpressionError, parse_expression
from havoc_tools.symbolic.limits import LimitError, SymbolicLimits, resolve


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
    status: str = "ok"  # "ok" | "gave_up" (the worker hit its time or memory limit)
    detail: str = ""  # why it gave up

    @property
    def gave_up(self) -> bool:
        return self.status == "gave_up"

    def summary(self) -> str:
        var = f" with respect to {self.variable}" if self.variable else ""
        if self.gave_up:
            return f"{self.operation} of {self.input}{var}: {self.detail}"
        lines = [f"{self.operation} of {self.input}{var}:", f"  {self.result}"]
        if self.numeric is not None:
            lines.append(f"  ~= {self.numeric:.12g}")
        return "\n".join(lines)

    @property
    def expr(self) -> Any:
        return getattr(self, "_expr", None)


def _expr(x: Any, allow_equation: bool = False, limits: SymbolicLimits | None = None) -> Any:
    return _parse(x, allow_equation, limits)[0]


def _parse(x: Any, allow_equation: bool = False, limits: SymbolicLimits | None = None) -> Any:
    """``(expression, TreeFacts | None)``; facts only for text."""
    import sympy

    if isinstance(x, sympy.Basic):
        return x, None
    if isinstance(x, bool) or not isinstance(x, (int, float, str)):
        raise ExpressionError(f"expected an expression as text or a number, got {x!r}")
    if isinstance(x, (int, float)):
        x = repr(x) if isinstance(x, float) else str(x)
        if x in ("inf", "-inf", "nan"):
            raise ExpressionError(f"expected a finite number, got {x}")
    return parse_expression(x, allow_equation=allow_equation, limits=limits, with_facts=True)


def _variable(e: Any, var: str | None) -> Any:
    import sympy

    if var is not None:
        if not isinstance(var, str) or not var.isidentifier():
            raise ExpressionError(f"variable must be a name like 'x', got {var!r}")
        # the expression's own symbol of that name (it may carry an assumption: positive)
        same = [s for s in e.free_symbols if s.name == var]
        return same[0] if len(same) == 1 else sympy.Symbol(var)
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


def _text(value: Any) -> tuple[str, str]:
    import sympy

    try:
        return sympy.sstr(value), sympy.latex(value)
    except ValueError as exc:  # Python's int -> str digit limit, in-process only
        raise LimitError(
            "the result is a number too long to write out (more than 4300 digits)", "max_digits"
        ) from exc


def _result(op: str, text: Any, var: Any, value: Any, **kw: Any) -> SymbolicResult:
    r = SymbolicResult(
        op,
        str(text),
        None if var is None else str(var),
        *_text(value),
        _numeric(value),
        **kw,
    )
    object.__setattr__(r, "_expr", value)
    return r


def _derive_local(
    expr: Any, var: str | None = None, order: int = 1, *, limits: SymbolicLimits | None = None
) -> SymbolicResult:
    """Derivative of ``expr`` (``order`` times). ``derive("x^3 sin(x)")``."""
    import sympy

    if int(order) != order or order < 1:
        raise ExpressionError(f"order must be a whole number >= 1, got {order}")
    e = _expr(expr, limits=limits)
    v = _variable(e, var)
    return _result(
        "derivative" if order == 1 else f"derivative of order {order}",
        expr,
        v,
        sympy.simplify(sympy.diff(e, v, int(order))),
    )


def _integrate_local(
    expr: Any,
    var: str | None = None,
    lower: Any = None,
    upper: Any = None,
    *,
    positive: bool = False,
    limits: SymbolicLimits | None = None,
) -> SymbolicResult:
    """Indefinite integral, or definite when both ``lower`` and ``upper`` are given
    (numbers or expressions such as ``"pi/2"`` or ``"oo"``). ``positive``: the variable is
    taken as positive ("for x > 0": |x| is x, sqrt(x^2) is x), and the operation says so."""
    import sympy

    e = _expr(expr, limits=limits)
    v = _variable(e, var)
    if positive:
        pv = sympy.Symbol(v.name, positive=True)
        out = _integrate_local(e.xreplace({v: pv}), pv.name, lower, upper, limits=limits)
        back = out.expr.xreplace({pv: v}) if out.expr is not None else None
        res = _result(out.operation + f" (for {v.name} > 0)", expr, v, back)
        return res
    if (lower is None) != (upper is None):
        raise ExpressionError("give both lower and upper for a definite integral, or neither")
    if lower is None:
        out = sympy.integrate(e, v)
        op = "indefinite integral (constant omitted)"
    else:
        lo, hi = _expr(lower, limits=limits), _expr(upper, limits=limits)
        out = sympy.integrate(e, (v, lo, hi))
        op = f"integral from {lower} to {upper}"
        if out.has(sympy.Integral) or isinstance(out, sympy.Piecewise):
            # converges only for some values of the other letters ("exp(-t/tau) from 0 to
            # oo": tau > 0), or takes another form where one is zero ("exp(-k*t) from 0 to
            # T"): the parameters taken as positive, and the answer says so
            params = sorted((e.free_symbols | lo.free_symbols | hi.free_symbols) - {v}, key=str)
            pos = {s: sympy.Symbol(s.name, positive=True) for s in params}
            if pos:
                again = sympy.integrate(e.xreplace(pos), (v, lo.xreplace(pos), hi.xreplace(pos)))
                if not again.has(sympy.Integral) and not isinstance(again, sympy.Piecewise):
                    out = again.xreplace({p: s for s, p in pos.items()})
                    op += f" (assuming {', '.join(str(s) for s in params)} > 0)"
    if out.has(sympy.Integral):
        raise ExpressionError(f"no closed form found for the integral of {expr}")
    return _result(op, expr, v, sympy.simplify(out))


def _limit_local(
    expr: Any,
    var: str | None = None,
    point: Any = 0,
    direction: str = "+-",
    *,
    limits: SymbolicLimits | None = None,
) -> SymbolicResult:
    """Limit of ``expr`` as ``var`` tends to ``point``; ``direction`` is ``"+-"`` (two-sided),
    ``"+"`` (from above) or ``"-"`` (from below)."""
    import sympy

    if direction not in ("+-", "+", "-"):
        raise ExpressionError(f"direction must be '+-', '+' or '-', got {direction!r}")
    e = _expr(expr, limits=limits)
    v = _variable(e, var)
    p = _expr(point, limits=limits)
    if p in (sympy.oo, -sympy.oo) and direction == "+-":
        direction = "-" if p == sympy.oo else "+"
    out = sympy.limit(e, v, p, dir=direction)
    if isinstance(out, sympy.AccumBounds) or out.has(sympy.Limit):
        raise ExpressionError(f"the limit of {expr} at {point} does not exist or was not found")
    return _result(f"limit as {v} -> {point} ({direction})", expr, v, out)


def _solve_local(
    equation: Any,
    var: Any = None,
    *,
    domain: str = "complex",
    limits: SymbolicLimits | None = None,
) -> SymbolicResult:
    """Solve ``lhs = rhs`` (or ``expr = 0`` when no ``=``) for ``var``. ``domain="real"`` keeps
    real solutions only. A list of equations with ``var`` a list of names solves a system."""
    import sympy

    if domain not in ("complex", "real"):
        raise ExpressionError(f"domain must be 'complex' or 'real', got {domain!r}")
    if isinstance(equation, (list, tuple)):
        eqs = [_as_eq(_expr(q, True, limits)) for q in equation]
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
    q = _as_eq(_expr(equation, True, limits))
    if isinstance(q, sympy.Equality) and sympy.simplify(q.lhs - q.rhs) == 0:
        q = sympy.true  # an identity ("2*(x + 1) = 2*x + 2")
    if q is sympy.true or q is sympy.false:
        # the equation reduced to a constant truth as it was read ("x = x", "2 = 3"): every
        # value of the variable solves it, or none does
        name = var if isinstance(var, str) and var.isidentifier() else "x"
        text = f"every value of {name}" if q is sympy.true else "no solution"
        r = SymbolicResult(f"solve for {name}", str(equation), name, text, text, None, [], [])
        object.__setattr__(r, "_expr", q)
        return r
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

    if isinstance(e, sympy.Equality) or e is sympy.true or e is sympy.false:
        return e
    # unevaluated: sympy would turn "exp(x) = 0" into False before it is solved
    return sympy.Eq(e, 0, evaluate=False)


def _simplify_local(expr: Any, *, limits: SymbolicLimits | None = None) -> SymbolicResult:
    """Simplified form of ``expr``."""
    import sympy

    e = _expr(expr, limits=limits)
    return _result("simplification", expr, None, sympy.simplify(e))


def _series_local(
    expr: Any,
    var: str | None = None,
    point: Any = 0,
    order: int = 6,
    *,
    limits: SymbolicLimits | None = None,
) -> SymbolicResult:
    """Taylor/Laurent series of ``expr`` about ``point`` up to (not including) ``var^order``."""
    import sympy

    if int(order) != order or order < 1:
        raise ExpressionError(f"order must be a whole number >= 1, got {order}")
    e = _expr(expr, limits=limits)
    v = _variable(e, var)
    out = sympy.series(e, v, _expr(point, limits=limits), int(order))
    return _result(f"series about {v} = {point} to order {order}", expr, v, out)


# ---------------------------------------------------------------------------------------------
# checks before computing, and the public functions that run in the worker


def _check_order(order: Any, limits: SymbolicLimits, what: str) -> None:
    if isinstance(order, bool) or not isinstance(order, (int, float)) or int(order) != order:
        raise ExpressionError(f"order must be a whole number >= 1, got {order!r}")
    if order < 1:
        raise ExpressionError(f"order must be a whole number >= 1, got {order}")
    if order > limits.max_order:
        raise LimitError(
            f"a {what} of order {int(order)} is above the limit of order {limits.max_order}",
            "max_order",
        )


def _check_expand(expr: Any, facts: Any, limits: SymbolicLimits, op: str) -> None:
    if facts is not None and facts.expand_degree > limits.max_degree:
        raise LimitError(
            f"{op} {_short(expr)} would expand a power of a sum to degree about "
            f"{facts.expand_degree:.0f}; the limit is degree {limits.max_degree}",
            "max_degree",
        )


def _check_degree(expr: Any, facts: Any, limits: SymbolicLimits) -> None:
    if facts is not None and max(facts.degree, facts.expand_degree) > limits.max_degree:
        degree = max(facts.degree, facts.expand_degree)
        raise LimitError(
            f"solving {_short(expr)} means a polynomial of degree up to about {degree:.0f}; "
            f"the limit is degree {limits.max_degree}",
            "max_degree",
        )


def _short(x: Any, width: int = 40) -> str:
    text = " ".join(str(x).split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _precheck(name: str, args: tuple, kwargs: dict, lim: SymbolicLimits) -> None:
    """Everything that can be refused without sympy computing: parse with limits, orders,
    polynomial degrees. Runs in the caller's process, so refusals cost no worker."""
    first = args[0]
    if name == "solve":
        items = first if isinstance(first, (list, tuple)) else [first]
        for item in items:
            _check_degree(item, _parse(item, True, lim)[1], lim)
        return
    _, facts = _parse(first, False, lim)
    if name == "derive":
        _check_order(args[2], lim, "derivative")
    elif name == "series":
        _check_order(args[3], lim, "series")
        _parse(args[2], False, lim)
    elif name == "limit":
        _parse(args[2], False, lim)
    elif name == "integrate":
        _check_expand(first, facts, lim, "integrating")
        for bound in args[2:4]:
            if bound is not None:
                _parse(bound, False, lim)
    elif name == "simplify":
        _check_expand(first, facts, lim, "simplifying")


_LOCAL = {
    "derive": _derive_local,
    "integrate": _integrate_local,
    "limit": _limit_local,
    "solve": _solve_local,
    "simplify": _simplify_local,
    "series": _series_local,
}


def run_local(name: str, args: tuple, kwargs: dict) -> SymbolicResult:
    """Run an operation in this process (what the worker calls)."""
    return _LOCAL[name](*args, **kwargs)


def _run(name: str, args: tuple, kwargs: dict, limits: SymbolicLimits | None) -> SymbolicResult:
    from havoc_tools.symbolic.worker import pool

    lim = resolve(limits)
    _precheck(name, args, kwargs, lim)
    kwargs = {**kwargs, "limits": lim}
    if not lim.isolate:
        return run_local(name, args, kwargs)
    status, payload = pool(lim.workers).call(name, args, kwargs, lim)
    if status == "ok":
        return payload
    if status == "raise":
        raise payload
    first = args[0]
    text = "; ".join(map(str, first)) if isinstance(first, (list, tuple)) else str(first)
    var = args[1] if len(args) > 1 and isinstance(args[1], str) else None
    r = SymbolicResult(name, text, var, "", "", status="gave_up", detail=str(payload))
    object.__setattr__(r, "_expr", None)
    return r


def derive(
    expr: Any, var: str | None = None, order: int = 1, *, limits: SymbolicLimits | None = None
) -> SymbolicResult:
    """Derivative of ``expr`` (``order`` times). ``derive("x^3 sin(x)")``."""
    return _run("derive", (expr, var, order), {}, limits)


def integrate(
    expr: Any,
    var: str | None = None,
    lower: Any = None,
    upper: Any = None,
    *,
    positive: bool = False,
    limits: SymbolicLimits | None = None,
) -> SymbolicResult:
    """Indefinite integral, or definite when both ``lower`` and ``upper`` are given
    (numbers or expressions such as ``"pi/2"`` or ``"oo"``); ``positive``: the variable taken
    as positive."""
    return _run("integrate", (expr, var, lower, upper), {"positive": bool(positive)}, limits)


def limit(
    expr: Any,
    var: str | None = None,
    point: Any = 0,
    direction: str = "+-",
    *,
    limits: SymbolicLimits | None = None,
) -> SymbolicResult:
    """Limit of ``expr`` as ``var`` tends to ``point``; ``direction`` is ``"+-"`` (two-sided),
    ``"+"`` (from above) or ``"-"`` (from below)."""
    if direction not in ("+-", "+", "-"):
        raise ExpressionError(f"direction must be '+-', '+' or '-', got {direction!r}")
    return _run("limit", (expr, var, point, direction), {}, limits)


def solve(
    equation: Any,
    var: Any = None,
    *,
    domain: str = "complex",
    limits: SymbolicLimits | None = None,
) -> SymbolicResult:
    """Solve ``lhs = rhs`` (or ``expr = 0`` when no ``=``) for ``var``. ``domain="real"`` keeps
    real solutions only. A list of equations with ``var`` a list of names solves a system."""
    if domain not in ("complex", "real"):
        raise ExpressionError(f"domain must be 'complex' or 'real', got {domain!r}")
    return _run("solve", (equation, var), {"domain": domain}, limits)


def simplify(expr: Any, *, limits: SymbolicLimits | None = None) -> SymbolicResult:
    """Simplified form of ``expr``."""
    return _run("simplify", (expr,), {}, limits)


def series(
    expr: Any,
    var: str | None = None,
    point: Any = 0,
    order: int = 6,
    *,
    limits: SymbolicLimits | None = None,
) -> SymbolicResult:
    """Taylor/Laurent series of ``expr`` about ``point`` up to (not including) ``var^order``."""
    return _run("series", (expr, var, point, order), {}, limits)
