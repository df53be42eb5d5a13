"""AST → canonical text. ``parse(format_program(p)) == p`` for every valid program ``p``.

Canonical form: one statement per line, single spaces, options in the order given, minimal
parentheses in math, lists wrapped (four-space indent) only when a line would pass 100 columns.
"""

from __future__ import annotations

from havoc_tools.dsl import ast as A
from havoc_tools.dsl.errors import DslError

LINE_WIDTH = 100


def format_program(program: A.Program) -> str:
    """The canonical text of ``program`` (ends with a newline unless it is empty)."""
    if not isinstance(program, A.Program):
        raise DslError(f"format_program needs a Program, got {type(program).__name__}")
    lines = [format_statement(s) for s in program.statements]
    return "\n".join(lines) + ("\n" if lines else "")


def format_statement(stmt: A.Statement) -> str:
    """One statement as canonical text (may span lines when a long list wraps)."""
    text = _statement(stmt)
    if "\n" not in text and len(text) > LINE_WIDTH:
        text = _statement(stmt, wrap=True)
    return text


def _statement(s: A.Statement, wrap: bool = False) -> str:
    v = _Values(wrap)
    if isinstance(s, A.Blank):
        return ""
    if isinstance(s, A.Comment):
        return f"# {s.text}" if s.text else "#"
    if isinstance(s, A.DataStmt):
        src = s.source
        if isinstance(src, A.Csv):
            rest = "".join(f", {v.kwarg(o)}" for o in src.options)
            body = f"csv({format_string(src.path)}{rest})"
        elif isinstance(src, A.Table):
            body = "table(" + ", ".join(v.kwarg(o) for o in src.columns) + ")"
        else:
            body = v.value(src)
        return f"data {s.name} = {body}"
    if isinstance(s, A.DesignStmt):
        return f"design {s.name} = {s.kind}(" + ", ".join(v.kwarg(o) for o in s.options) + ")"
    if isinstance(s, A.SpecStmt):
        return _join("spec", s.name, v.options(s.options))
    if isinstance(s, A.GoalStmt):
        return _join("goal", s.name, "=", s.goal, s.response, v.options(s.options))
    if isinstance(s, A.OptimizeStmt):
        return _join("optimize", ", ".join(s.goals), v.options(s.options))
    if isinstance(s, A.Let):
        return f"let {s.name} = {_statement(s.command, wrap)}"
    if isinstance(s, A.PlotStmt):
        return _join("plot", s.target, "to", format_string(s.path), v.options(s.options))
    if isinstance(s, A.Command):
        return _join(
            s.verb,
            ", ".join(v.value(x) for x in (s.x, *s.more_x)) if s.x is not None else "",
            f"vs {v.value(s.vs)}" if s.vs is not None else "",
            _by(v, s.by),
            f"in {s.table}" if s.table else "",
            v.options(s.options),
        )
    if isinstance(s, A.ChartStmt):
        return _join(
            "chart",
            s.kind,
            v.value(s.x),
            _by(v, s.by),
            f"in {s.table}" if s.table else "",
            v.options(s.options),
        )
    if isinstance(s, A.PowerStmt):
        return _join("power", s.test, v.options(s.options))
    if isinstance(s, A.RegressStmt):
        return _join(s.verb, s.formula, f"in {s.table}", v.options(s.options))
    if isinstance(s, A.AnalyzeStmt):
        return _join("analyze", s.design, v.options(s.options))
    if isinstance(s, A.MathStmt):
        return _math_statement(s, v)
    raise DslError(f"cannot format {type(s).__name__}")


def _math_statement(s: A.MathStmt, v: _Values) -> str:
    e = format_math(s.expr)
    opts = v.options(s.options)
    if s.verb == "derive":
        return _join("derive", e, "wrt", s.var, opts)
    if s.verb == "integrate":
        bounds = ""
        if s.lower is not None and s.upper is not None:
            bounds = f"from {format_math(s.lower)} to {format_math(s.upper)}"
        return _join("integrate", e, "wrt", s.var, bounds, opts)
    if s.verb == "limit":
        return _join("limit", e, "as", s.var, "->", format_math(s.point), opts)
    if s.verb == "solve":
        rhs = f"= {format_math(s.rhs)}" if s.rhs is not None else ""
        return _join("solve", e, rhs, "for", s.var, opts)
    if s.verb == "series":
        at = f"at {format_math(s.point)}" if s.point is not None else ""
        return _join("series", e, "wrt", s.var, at, opts)
    return _join("simplify", e, opts)


def _by(v: _Values, by: tuple[A.Value, ...]) -> str:
    return ("by " + ", ".join(v.value(b) for b in by)) if by else ""


def _join(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


def format_string(s: str) -> str:
    out = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{out}"'


def format_number(x: int | float) -> str:
    if isinstance(x, int):
        return str(x)
    return repr(float(x))


class _Values:
    def __init__(self, wrap: bool) -> None:
        self.wrap = wrap

    def options(self, opts: tuple[A.Option, ...]) -> str:
        return " ".join(self.kwarg(o) for o in opts)

    def kwarg(self, o: A.Option) -> str:
        return f"{o.key}={self.value(o.value)}"

    def value(self, x: A.Value) -> str:
        if isinstance(x, A.Number):
            return format_number(x.value)
        if isinstance(x, A.String):
            return format_string(x.value)
        if isinstance(x, A.Bool):
            return "true" if x.value else "false"
        if isinstance(x, A.Name):
            return x.id
        if isinstance(x, A.Ref):
            return ".".join(x.parts)
        if isinstance(x, A.ListValue):
            items = [self.value(i) for i in x.items]
            flat = "[" + ", ".join(items) + "]"
            if not self.wrap or len(flat) <= LINE_WIDTH - 20 or any("\n" in i for i in items):
                return flat
            return _wrap_list(items)
        raise DslError(f"cannot format value {type(x).__name__}")


def _wrap_list(items: list[str]) -> str:
    lines: list[str] = []
    cur = ""
    for it in items:
        piece = it + ","
        if cur and len(cur) + 1 + len(piece) > LINE_WIDTH - 4:
            lines.append(cur)
            cur = piece
        else:
            cur = f"{cur} {piece}" if cur else piece
    if cur:
        lines.append(cur)
    return "[\n" + "\n".join("    " + ln for ln in lines) + "\n]"


# ---------------------------------------------------------------------------------------------
# math: precedence-aware printing with the fewest parentheses that parse back to the same tree

_PREC = {"+": 1, "-": 1, "*": 2, "/": 2}
_NEG, _POW, _ATOM = 3, 4, 5


def _prec(e: A.MathExpr) -> int:
    if isinstance(e, A.MBin):
        return _POW if e.op == "^" else _PREC[e.op]
    if isinstance(e, A.MNeg):
        return _NEG
    return _ATOM


def format_math(e: A.MathExpr | None) -> str:
    """Math expression text, e.g. ``x^3 * sin(x)``."""
    if e is None:
        raise DslError("missing math expression")
    if isinstance(e, A.MNum):
        return format_number(e.value)
    if isinstance(e, A.MSym):
        return e.name
    if isinstance(e, A.MCall):
        return f"{e.func}(" + ", ".join(format_math(a) for a in e.args) + ")"
    if isinstance(e, A.MNeg):
        inner = format_math(e.operand)
        if _prec(e.operand) < _NEG:
            inner = f"({inner})"
        return "-" + inner
    if isinstance(e, A.MBin):
        left, right = format_math(e.left), format_math(e.right)
        if e.op == "^":
            # grammar: atom ^ unary (right-associative); the base must be an atom
            if _prec(e.left) < _ATOM:
                left = f"({left})"
            if _prec(e.right) < _NEG:
                right = f"({right})"
            return f"{left}^{right}"
        p = _PREC[e.op]
        if _prec(e.left) < p:
            left = f"({left})"
        if _prec(e.right) <= p:
            right = f"({right})"
        return f"{left} {e.op} {right}"
    raise DslError(f"cannot format math node {type(e).__name__}")
