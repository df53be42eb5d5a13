"""Symbolic mathematics: derivatives, integrals, limits, series, equation solving and
simplification through the DSL's math grammar (no text is ever evaluated).

There are no data assumptions to check; AUDIT verifies the answer by a different operation
through the DSL: residuals of solutions, central differences against a derivative, the
derivative of an antiderivative.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from havoc_tools.dsl import ast as A

from havoc_srs.data import Dataset
from havoc_srs.dslbuild import let, opts, program
from havoc_srs.execute import Execution
from havoc_srs.phrasing import Phrasing
from havoc_srs.plan import Missing, Plan

if TYPE_CHECKING:
    from havoc_srs.argue import Argument
    from havoc_srs.audit import Audit

name_ = "symbolic"
PROTOCOL = "arbiter"
ground_hint = ""
VERBS = ("math",)

# ---------------------------------------------------------------------------------------------
# PLAN

_LEAD = re.compile(
    r"^(please\s+)?(can you\s+|could you\s+)?(what is|what's|find|compute|calculate|evaluate|"
    r"determine|give me|get)?\s*(the\s+)?"
)


_STOP = r"\s*[?.!]*\s*$"


def _math_text(text: str) -> str:
    t = text.strip().strip("?.!").strip()
    t = re.sub(r"(\d)\s*([a-z(])", r"\1*\2", t)  # 5x -> 5*x, 2(x+1) -> 2*(x+1)
    t = re.sub(r"\)\s*\(", ")*(", t)
    t = t.replace("**", "^").replace("·", "*").replace("−", "-")
    return t


def _math_expr(text: str) -> A.MathExpr | None:
    from havoc_tools.dsl import DslError, parse

    try:
        prog = parse(f"simplify {_math_text(text)}\n")
    except DslError:
        return None
    st = prog.code[0] if prog.code else None
    return st.expr if isinstance(st, A.MathStmt) else None


def _symbols(e: Any) -> set[str]:
    if isinstance(e, A.MSym):
        return {e.name} - {"pi", "e", "E", "oo", "I"}
    out: set[str] = set()
    for attr in ("left", "right", "operand"):
        if hasattr(e, attr):
            out |= _symbols(getattr(e, attr))
    for a in getattr(e, "args", ()):
        out |= _symbols(a)
    return out


def plan(question: str, ph: Phrasing, ds: Dataset | None) -> Plan:
    plan = Plan("symbolic", "symbolic")
    q = _LEAD.sub("", question.strip().lower().rstrip("?.! "))
    q = re.sub(r"\s+", " ", q)
    verb = expr_text = var = None
    lower = upper = point = rhs = None
    direction = None
    order = ph.slots.get("order")
    wrt = r"(?:\s+(?:with respect to|wrt|w\.r\.t\.)\s+(?P<v>[a-z]\w*))?"
    pats = [
        ("derive", r"(?:(?:second|third|2nd|3rd)\s+)?(?:derivative|differentiate)\s+(?:of\s+)?(?P<e>.+?)" + wrt + _STOP),
        ("derive", r"d/d(?P<v>[a-z])\s*(?:of\s+)?(?P<e>.+?)" + _STOP),
        ("integrate", r"(?:definite\s+)?(?:integrate|integral of|antiderivative of|integral)\s+(?P<e>.+?)(?:\s*d(?P<v2>[a-z])\b)?" + wrt + r"(?:\s+(?:from|between)\s+(?P<a>[^\s]+)\s+(?:to|and)\s+(?P<b>[^\s?]+))?" + _STOP),
        ("limit", r"limit\s+of\s+(?P<e>.+?)\s+as\s+(?P<v>[a-z]\w*)\s*(?:->|→|approaches|goes to|tends to)\s*(?P<p>[^\s?]+)(?:\s+from the (?P<dir>left|right|above|below))?" + _STOP),
        ("series", r"(?:taylor|maclaurin|power)?\s*series(?: expansion)?\s+(?:of|for)\s+(?P<e>.+?)(?:\s+(?:around|about|at)\s+(?:[a-z]\s*=\s*)?(?P<p>[^\s?,]+))?(?:\s*,?\s*(?:to|up to|through)\s+order\s+(?P<n>\d+))?" + _STOP),
        ("solve", r"(?:solve|roots? of|zeros? of)\s+(?:the equation\s+)?(?P<e>.+?)(?:\s+for\s+(?P<v>[a-z]\w*))?" + _STOP),
        ("simplify", r"simplify\s+(?P<e>.+?)" + _STOP),
    ]  # fmt: skip
    m = None
    for v, pat in pats:
        m = re.search(pat, q)
        if m:
            verb = v
            break
    if m is None or verb is None:
        plan.missing.append(
            Missing(
                "the operation and the expression",
                "ask e.g. 'derivative of x^3*sin(x)', 'integrate x^2 from 0 to 1', 'solve "
                "x^2 - 5x + 6 = 0', 'limit of sin(x)/x as x -> 0'",
            )
        )
        return plan
    gd = m.groupdict()
    expr_text = gd["e"]
    var = gd.get("v") or gd.get("v2") or ph.slots.get("var")
    if verb == "solve" and "=" in expr_text:
        expr_text, rhs_text = expr_text.split("=", 1)
        rhs = _math_expr(rhs_text)
        if rhs is None:
            plan.missing.append(Missing("a readable right-hand side", f"cannot read {rhs_text!r}"))
            return plan
        if isinstance(rhs, A.MNum) and rhs.value == 0:
            rhs = None
    expr = _math_expr(expr_text)
    if isinstance(expr, A.MSym) and len(expr.name) > 1:  # "differentiate this": a word, no math
        expr = None
    if expr is None:
        plan.missing.append(
            Missing(
                "a readable expression",
                f"cannot read {expr_text.strip()!r}; write it with * ^ / and function calls, "
                "e.g. x^2*sin(x)",
            )
        )
        return plan
    free = _symbols(expr) | (_symbols(rhs) if rhs is not None else set())
    if var is None and verb != "simplify":
        if len(free) == 1:
            var = next(iter(free))
        else:
            plan.missing.append(
                Missing(
                    "the variable",
                    f"the expression has {sorted(free) or 'no'} symbols; say 'with respect to x'",
                )
            )
            return plan
    if verb == "integrate" and gd.get("a") and gd.get("b"):
        lower, upper = _math_expr(gd["a"]), _math_expr(gd["b"])
        if lower is None or upper is None:
            plan.missing.append(Missing("readable bounds", f"cannot read {gd['a']} / {gd['b']}"))
            return plan
    o: dict[str, Any] = {}
    if verb == "limit":
        point = _math_expr(gd["p"].replace("infinity", "oo").replace("∞", "oo"))
        if point is None:
            plan.missing.append(Missing("a readable limit point", f"cannot read {gd['p']!r}"))
            return plan
        if gd.get("dir"):
            direction = "right" if gd["dir"] in ("right", "above") else "left"
            o["direction"] = direction
    if verb == "series":
        point = _math_expr(gd.get("p") or "0")
        if not gd.get("p"):
            plan.notes.append("series about 0 (no point given)")
        o["order"] = int(gd["n"]) if gd.get("n") else 6
        if not gd.get("n"):
            plan.notes.append("series to order 6 (say 'to order 4' to change)")
    if verb == "derive" and order:
        o["order"] = order
    stmt = A.MathStmt(
        verb=verb, expr=expr, var=var if verb != "simplify" else None, lower=lower, upper=upper,
        point=point, rhs=rhs, options=opts(**o),
    )  # fmt: skip
    plan.analysis = verb
    plan.slots.update(operation=verb, expression=_math_text(expr_text), variable=var)
    plan.program = program(let("primary", stmt))
    return plan


# ---------------------------------------------------------------------------------------------
# ARGUE and ARBITER


def argue(plan: Plan, ex: Execution, arg: Argument) -> None:
    arg.skipped = "nothing to argue for this kind of request"


def prefer(plan: Plan, arg: Argument) -> list[tuple[str, str]]:
    return []


# ---------------------------------------------------------------------------------------------
# AUDIT


def audit(au: Audit, plan: Plan, r: dict[str, Any]) -> None:
    """Check the answer through the DSL by a different operation (no text is evaluated)."""
    from havoc_tools.dsl import run

    verb, var = plan.analysis, plan.slots.get("variable")
    expr = plan.slots.get("expression")
    try:
        if verb == "solve" and r.get("numeric_solutions"):
            for sol in [repr(float(v)) for v in r["numeric_solutions"][:4]]:
                prog = f"simplify ({_lhs(plan)}) - ({_rhs(plan)}) \n"
                res = run(f"let z = simplify {_sub(prog, var, sol)}\n")
                val = res["z"].result.get("numeric") if res.ok else None
                au.truth(
                    f"residual at {var} = {sol} is 0", val is not None and abs(val) < 1e-8, str(val)
                )
        elif verb == "derive" and not plan.program.code[0].command.options:
            # central difference of f against f' at two points, each evaluated by the DSL
            deriv = r["result"].replace("**", "^")
            for x0 in (0.37, 1.13):
                h = 1e-4
                fp, fm, d0 = (
                    _value(expr, var, x0 + h),
                    _value(expr, var, x0 - h),
                    _value(deriv, var, x0),
                )
                ok = None not in (fp, fm, d0) and math.isclose(
                    (fp - fm) / (2 * h), d0, rel_tol=1e-5, abs_tol=1e-6
                )
                au.truth(f"central difference matches f'({x0})", bool(ok), f"{d0}")
        elif verb == "integrate" and r.get("numeric") is None:
            res = run(f"let chk = derive {r['result'].replace('**', '^')} wrt {var}\n")
            if res.ok:
                back = run(
                    f"let z = simplify ({res['chk'].result['result'].replace('**', '^')}) - ({expr})\n"
                )
                au.truth(
                    "derivative of the antiderivative is the integrand",
                    back.ok and back["z"].result["result"] in ("0", "0.0"),
                    back["z"].result["result"] if back.ok else "",
                )
        elif verb == "integrate":
            au.truth(
                "definite integral is finite",
                r["numeric"] is not None and math.isfinite(r["numeric"]),
            )
            _audit_definite(au, plan, r, expr, var)
        elif verb == "limit" and r.get("numeric") is not None:
            _audit_limit(au, plan, r, expr, var)
        elif verb == "simplify" and r.get("result"):
            for x0 in (0.37, 1.13):
                a, b = _at(expr, None, x0), _at(r["result"], None, x0)
                au.truth(
                    f"simplified form equals the original at {x0}",
                    a is not None
                    and b is not None
                    and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12),
                    f"{a} vs {b}",
                )
        elif verb == "series" and r.get("result"):
            _audit_series(au, plan, r, expr, var)
    except (KeyError, TypeError, ValueError) as e:
        au.truth("independent symbolic check", False, f"could not run: {e}")
    if not au.checks:
        au.truth("a result was produced", bool(r.get("result")))


def _at(text: str, var: str | None, x0: float) -> float | None:
    """``text`` at ``var = x0`` (every free symbol when ``var`` is None), numerically: the
    expression grammar builds the sympy tree (no text is evaluated) and sympy evaluates it."""
    from havoc_tools.symbolic.grammar import parse_expression

    try:
        e = parse_expression(text.replace("**", "^"))
        subs = {sym: x0 + 0.11 * i for i, sym in enumerate(sorted(e.free_symbols, key=str))
                if var is None or sym.name == var}  # fmt: skip
        v = complex(e.subs(subs).evalf())
    except (ValueError, TypeError, ArithmeticError):
        return None
    return (
        v.real if abs(v.imag) <= 1e-12 * max(1.0, abs(v.real)) and math.isfinite(v.real) else None
    )


def _point_text(plan: Plan) -> str:
    st = plan.program.code[0].command
    return _math_source(st.point) if st.point is not None else "0"


def _math_source(e: Any) -> str:
    from havoc_tools.dsl import format_program

    text = format_program(A.Program(statements=(A.MathStmt(verb="simplify", expr=e),)))
    return text.strip()[len("simplify ") :]


def _audit_series(au: Audit, plan: Plan, r: dict[str, Any], expr: str, var: str) -> None:
    """A Taylor polynomial to order n misses f by O(h^n): halving the step must shrink the
    error about 2^n-fold (a wrong coefficient of degree m < n shrinks it only 2^m-fold)."""
    opts_ = {o.key: getattr(o.value, "value", None) for o in plan.program.code[0].command.options}
    n = int(opts_.get("order") or 6)
    p = _at(_point_text(plan), None, 0.0) or 0.0
    poly = re.sub(r"\s*\+\s*O\(.*\)\s*$", "", r["result"])
    errs = []
    for h in (0.1, 0.05):
        f, t = _at(expr, var, p + h), _at(poly, var, p + h)
        errs.append(None if f is None or t is None else (abs(f - t), max(1.0, abs(f))))
    if None in errs:
        au.truth("series evaluates near the point", False, "could not evaluate")
        return
    (e1, scale), (e2, _) = errs
    ok = e1 <= 1e-12 * scale or (e2 > 0 and e1 / e2 >= 2 ** (n - 0.5))
    au.truth(
        f"series error shrinks like h^{n} (steps 0.1, 0.05 from the point)",
        ok,
        f"errors {e1:.3g}, {e2:.3g}",
    )


def _audit_limit(au: Audit, plan: Plan, r: dict[str, Any], expr: str, var: str) -> None:
    """f a small step from the point (or far out for +-oo) approaches the stated limit."""
    point = _point_text(plan).replace(" ", "")
    direction = dict(
        (o.key, getattr(o.value, "id", None)) for o in plan.program.code[0].command.options
    ).get("direction")
    if point in ("oo", "+oo", "-oo"):
        xs = [-1e7] if point == "-oo" else [1e7]
    else:
        p = _at(point, None, 0.0)
        if p is None:
            return
        xs = {"right": [p + 1e-6], "left": [p - 1e-6]}.get(direction or "", [p - 1e-6, p + 1e-6])
    for x0 in xs:
        v = _at(expr, var, x0)
        au.truth(
            f"f({var} = {x0:.8g}) is near the limit",
            v is not None and math.isclose(v, r["numeric"], rel_tol=1e-4, abs_tol=1e-4),
            f"{v} vs {r['numeric']}",
        )


def _audit_definite(au: Audit, plan: Plan, r: dict[str, Any], expr: str, var: str) -> None:
    """Simpson's rule on 200 panels against the exact definite integral (finite bounds)."""
    st = plan.program.code[0].command
    lo, hi = _at(_math_source(st.lower), None, 0.0), _at(_math_source(st.upper), None, 0.0)
    if lo is None or hi is None or r.get("numeric") is None:
        return
    xs = [lo + (hi - lo) * i / 200 for i in range(201)]
    ys = [_at(expr, var, x) for x in xs]
    if any(y is None for y in ys):
        return  # a singular point inside: no quadrature check
    simpson = (
        (hi - lo)
        / 600
        * sum(y * (1 if i in (0, 200) else 4 if i % 2 else 2) for i, y in enumerate(ys))
    )
    au.value(
        "definite integral by Simpson's rule (200 panels)",
        r["numeric"],
        simpson,
        rel=1e-6,
        abs_=1e-8,
    )


def _value(expr: str, var: str, x0: float) -> float | None:
    """``expr`` at ``var = x0`` through the DSL (a constant integrated over [0, 1])."""
    from havoc_tools.dsl import run

    res = run(f"let z = simplify {_sub('simplify ' + expr, var, repr(x0))}\n")
    return res["z"].result.get("numeric") if res.ok else None


def _lhs(plan: Plan) -> str:
    return plan.slots["expression"]


def _rhs(plan: Plan) -> str:
    st = plan.program.code[0].command
    if st.rhs is None:
        return "0"
    from havoc_tools.dsl import ast as A
    from havoc_tools.dsl import format_program

    text = format_program(A.Program(statements=(A.MathStmt(verb="simplify", expr=st.rhs),)))
    return text.strip()[len("simplify ") :]


def _sub(text: str, var: str, value: str) -> str:
    """Substitute a solution for the variable: a check integrand constant in t."""
    import re

    body = text.strip()[len("simplify ") :]
    return re.sub(rf"\b{re.escape(var)}\b", f"({value.replace('**', '^')})", body)


# ---------------------------------------------------------------------------------------------
# ANSWER


def key_numbers(plan: Plan, r: dict[str, Any]) -> dict[str, Any]:
    k: dict[str, Any] = {}
    k.update(operation=r["operation"], result=r["result"], latex=r.get("latex"))
    if r.get("numeric") is not None:
        k["numeric"] = r["numeric"]
    if r.get("solutions"):
        k["solutions"] = r["solutions"]
        k["numeric_solutions"] = r.get("numeric_solutions")
    return k


def conclusion(plan: Plan, k: dict[str, Any]) -> str:
    if plan.analysis == "solve":
        return (
            f"Solutions of {plan.slots.get('expression')} = 0 for {plan.slots.get('variable')}: "
            f"{k['result']}."
        )
    return f"The {k['operation']} of {plan.slots.get('expression')} is {k['result']}."


def next_step(plan: Plan, k: dict[str, Any], caveats: list[str]) -> str:
    return "Use the result in the DSL (havoc run) to evaluate it numerically."
