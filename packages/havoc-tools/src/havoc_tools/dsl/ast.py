"""The DSL syntax tree: frozen dataclasses, built by the parser or by hand.

Every node takes keyword arguments and validates them, so a program built in code (the reasoning
stack's PLAN stage does this) is as well-formed as a parsed one::

    >>> from havoc_tools.dsl.ast import Command, Name, Number, Option, Program, Ref
    >>> prog = Program(statements=(
    ...     Command(verb="ttest", x=Ref(parts=("fill", "line1")), vs=Ref(parts=("fill", "line2")),
    ...             options=(Option(key="alpha", value=Number(value=0.05)),)),
    ... ))

``loc`` (line/column of the source) is ignored by ``==`` so ``parse(format_program(p)) == p``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Union

from havoc_tools.dsl.errors import DslError

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z][A-Za-z0-9_]*)*\Z")

# Words the grammar reserves in some position; they cannot name data, results or options.
KEYWORDS = frozenset(
    "data let design spec goal chart power regress logistic analyze optimize plot derive "
    "integrate limit solve simplify series csv table vs by in wrt from to as for at true "
    "false".split()
)


@dataclass(frozen=True)
class Loc:
    """1-based line and column of a node's first character (and of its end)."""

    line: int
    column: int
    end_line: int | None = None
    end_column: int | None = None


def _loc() -> Loc | None:
    return field(default=None, compare=False, repr=False, kw_only=True)  # type: ignore[return-value]


def _ident(value: object, what: str, *, keywords_ok: bool = False) -> None:
    if not isinstance(value, str) or not _IDENT.match(value):
        raise DslError(f"{what} must be an identifier (letters, digits, _), got {value!r}")
    if not keywords_ok and value in KEYWORDS:
        raise DslError(f"{what} {value!r} is a reserved word; pick another name")


def _tuple_of(value: object, kinds: tuple[type, ...], what: str) -> None:
    if not isinstance(value, tuple) or not all(isinstance(v, kinds) for v in value):
        names = "/".join(k.__name__ for k in kinds)
        raise DslError(f"{what} must be a tuple of {names}")


# ---------------------------------------------------------------------------------------------
# values


@dataclass(frozen=True, kw_only=True)
class Number:
    """A numeric literal; ``int`` stays ``int`` and ``float`` stays ``float``."""

    value: int | float
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        v = self.value
        if isinstance(v, bool) or not isinstance(v, int | float):
            raise DslError(f"Number needs an int or float, got {v!r}")
        if isinstance(v, float) and not math.isfinite(v):
            raise DslError("Number must be finite (no NaN or infinity)")


@dataclass(frozen=True, kw_only=True)
class String:
    value: str
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        if not isinstance(self.value, str):
            raise DslError(f"String needs a str, got {self.value!r}")
        bad = [c for c in self.value if ord(c) < 32 and c not in "\n\t"]
        if bad:
            raise DslError(f"String may not contain control character {bad[0]!r}")


@dataclass(frozen=True, kw_only=True)
class Bool:
    value: bool
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        if not isinstance(self.value, bool):
            raise DslError(f"Bool needs True or False, got {self.value!r}")


@dataclass(frozen=True, kw_only=True)
class Name:
    """A bare word: a data name, a factor, or a choice such as ``two-sided``."""

    id: str
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        if isinstance(self.id, str) and self.id in KEYWORDS:
            raise DslError(f"{self.id!r} is a reserved word and cannot be used as a name here")
        if not isinstance(self.id, str) or not _WORD.match(self.id):
            raise DslError(f"Name must be a word such as weight or two-sided, got {self.id!r}")


@dataclass(frozen=True, kw_only=True)
class Ref:
    """A dotted reference ``table.column`` or ``result.field`` (two or more parts)."""

    parts: tuple[str, ...]
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        if not isinstance(self.parts, tuple) or len(self.parts) < 2:
            raise DslError(
                "Ref needs at least two parts, e.g. ('fill', 'weight'); use Name for one"
            )
        for p in self.parts:
            _ident(p, "each part of a Ref", keywords_ok=p not in ("true", "false"))
        if self.parts[0] in KEYWORDS:
            raise DslError(f"Ref cannot start with the reserved word {self.parts[0]!r}")


@dataclass(frozen=True, kw_only=True)
class ListValue:
    items: tuple[Value, ...]
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        _tuple_of(self.items, VALUE_TYPES, "ListValue.items")


Value = Union[Number, String, Bool, Name, Ref, ListValue]  # noqa: UP007
VALUE_TYPES: tuple[type, ...] = (Number, String, Bool, Name, Ref, ListValue)


@dataclass(frozen=True, kw_only=True)
class Option:
    """``key=value``."""

    key: str
    value: Value
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        _ident(self.key, "an option name", keywords_ok=True)
        if not isinstance(self.value, VALUE_TYPES):
            raise DslError(f"option {self.key}: value must be a DSL value node")


def _options(opts: object, what: str = "options") -> None:
    _tuple_of(opts, (Option,), what)


# ---------------------------------------------------------------------------------------------
# symbolic math expressions


@dataclass(frozen=True, kw_only=True)
class MNum:
    value: int | float
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        v = self.value
        if isinstance(v, bool) or not isinstance(v, int | float):
            raise DslError(f"MNum needs an int or float, got {v!r}")
        if not math.isfinite(v) or v < 0:
            raise DslError("MNum must be finite and non-negative (write MNeg for a minus sign)")


@dataclass(frozen=True, kw_only=True)
class MSym:
    name: str
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        _ident(self.name, "a symbol")


@dataclass(frozen=True, kw_only=True)
class MCall:
    func: str
    args: tuple[MathExpr, ...]
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        _ident(self.func, "a function name")
        _tuple_of(self.args, MATH_TYPES, "MCall.args")
        if not self.args:
            raise DslError(f"{self.func}() needs at least one argument")


@dataclass(frozen=True, kw_only=True)
class MBin:
    op: str  # one of + - * / ^
    left: MathExpr
    right: MathExpr
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        if self.op not in ("+", "-", "*", "/", "^"):
            raise DslError(f"MBin.op must be one of + - * / ^, got {self.op!r}")
        if not isinstance(self.left, MATH_TYPES) or not isinstance(self.right, MATH_TYPES):
            raise DslError("MBin operands must be math nodes")


@dataclass(frozen=True, kw_only=True)
class MNeg:
    operand: MathExpr
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        if not isinstance(self.operand, MATH_TYPES):
            raise DslError("MNeg operand must be a math node")


MathExpr = Union[MNum, MSym, MCall, MBin, MNeg]  # noqa: UP007
MATH_TYPES: tuple[type, ...] = (MNum, MSym, MCall, MBin, MNeg)


# ---------------------------------------------------------------------------------------------
# statements


@dataclass(frozen=True, kw_only=True)
class Csv:
    """``csv("path", columns=[...], group=col)`` — a path relative to the program's base_dir."""

    path: str
    options: tuple[Option, ...] = ()
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        if not isinstance(self.path, str) or not self.path:
            raise DslError("Csv.path must be a non-empty string")
        String(value=self.path)
        _options(self.options)


@dataclass(frozen=True, kw_only=True)
class Table:
    """``table(x=[...], y=[...])`` — an inline table of equal-length columns."""

    columns: tuple[Option, ...]
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        _options(self.columns, "Table.columns")
        if not self.columns:
            raise DslError("Table needs at least one column")


DataSource = Union[Csv, Table, Number, String, Bool, Name, Ref, ListValue]  # noqa: UP007


@dataclass(frozen=True, kw_only=True)
class DataStmt:
    """``data NAME = csv(...) | table(...) | [..] | other.field``."""

    name: str
    source: DataSource
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        _ident(self.name, "a data name")
        if not isinstance(self.source, (Csv, Table, *VALUE_TYPES)):
            raise DslError("DataStmt.source must be Csv, Table or a value")


@dataclass(frozen=True, kw_only=True)
class DesignStmt:
    """``design NAME = kind(key=value, ...)``."""

    name: str
    kind: str
    options: tuple[Option, ...] = ()
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        _ident(self.name, "a design name")
        _ident(self.kind, "a design kind")
        _options(self.options)


@dataclass(frozen=True, kw_only=True)
class SpecStmt:
    """``spec NAME lsl=.. target=.. usl=..``: named specification limits."""

    name: str
    options: tuple[Option, ...] = ()
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        _ident(self.name, "a spec name")
        _options(self.options)


@dataclass(frozen=True, kw_only=True)
class Command:
    """``verb [x] [vs y] [by g, ...] [in table] [key=value ...]`` (tests, ANOVA, capability...)."""

    verb: str
    x: Value | None = None
    vs: Value | None = None
    by: tuple[Value, ...] = ()
    table: str | None = None
    options: tuple[Option, ...] = ()
    more_x: tuple[Value, ...] = ()  # `describe a, b, c`: the data arguments after the first
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        _ident(self.verb, "a statement verb")
        for v in (self.x, self.vs):
            if v is not None and not isinstance(v, VALUE_TYPES):
                raise DslError(f"{self.verb}: x and vs must be value nodes")
        if self.vs is not None and self.x is None:
            raise DslError(f"{self.verb}: 'vs' needs a first argument")
        _tuple_of(self.more_x, VALUE_TYPES, "Command.more_x")
        if self.more_x and self.x is None:
            raise DslError(f"{self.verb}: more_x needs a first argument x")
        _tuple_of(self.by, VALUE_TYPES, "Command.by")
        if self.table is not None:
            _ident(self.table, "a table name")
        _options(self.options)


@dataclass(frozen=True, kw_only=True)
class ChartStmt:
    """``chart kind x [by subgroup] [in table] [key=value ...]``."""

    kind: str
    x: Value
    by: tuple[Value, ...] = ()
    table: str | None = None
    options: tuple[Option, ...] = ()
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        _ident(self.kind, "a chart kind")
        if not isinstance(self.x, VALUE_TYPES):
            raise DslError("ChartStmt.x must be a value node")
        _tuple_of(self.by, VALUE_TYPES, "ChartStmt.by")
        if self.table is not None:
            _ident(self.table, "a table name")
        _options(self.options)


@dataclass(frozen=True, kw_only=True)
class PowerStmt:
    """``power test key=value ...`` (solve for whichever of n/effect/power is left out)."""

    test: str
    options: tuple[Option, ...] = ()
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        _ident(self.test, "a power-analysis test")
        _options(self.options)


@dataclass(frozen=True, kw_only=True)
class RegressStmt:
    """``regress|logistic FORMULA in table [key=value ...]`` (formula text, whitespace-normalised)."""

    verb: str
    formula: str
    table: str
    options: tuple[Option, ...] = ()
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        if self.verb not in ("regress", "logistic"):
            raise DslError(f"RegressStmt.verb must be regress or logistic, got {self.verb!r}")
        if not isinstance(self.formula, str):
            raise DslError("RegressStmt.formula must be a string")
        norm = normalise_formula(self.formula)
        if norm != self.formula:
            object.__setattr__(self, "formula", norm)
        if not norm or "#" in norm or re.search(r"\sin\s*\Z|\Ain\s", norm + " "):
            raise DslError(f"not a usable formula: {self.formula!r}")
        _ident(self.table, "a table name")
        _options(self.options)


def normalise_formula(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True, kw_only=True)
class AnalyzeStmt:
    """``analyze design response=y [key=value ...]``."""

    design: str
    options: tuple[Option, ...] = ()
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        _ident(self.design, "a design name")
        _options(self.options)


@dataclass(frozen=True, kw_only=True)
class MathStmt:
    """``derive|integrate|limit|solve|simplify|series`` on a math expression.

    ``var`` is the variable (``wrt``/``as``/``for``); ``lower``/``upper`` are integration bounds;
    ``point`` is the limit point or series centre; ``rhs`` the right side of ``solve a = b``.
    """

    verb: str
    expr: MathExpr
    var: str | None = None
    lower: MathExpr | None = None
    upper: MathExpr | None = None
    point: MathExpr | None = None
    rhs: MathExpr | None = None
    options: tuple[Option, ...] = ()
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        need_var = {"derive", "integrate", "limit", "solve", "series"}
        if self.verb not in need_var | {"simplify"}:
            raise DslError(f"MathStmt.verb {self.verb!r} is not a symbolic statement")
        for e in (self.expr, self.lower, self.upper, self.point, self.rhs):
            if e is not None and not isinstance(e, MATH_TYPES):
                raise DslError(f"{self.verb}: expressions must be math nodes")
        if self.verb in need_var:
            _ident(self.var, f"{self.verb}: the variable")
        elif self.var is not None:
            raise DslError("simplify takes no variable")
        if (self.lower is None) != (self.upper is None) or (
            self.lower is not None and self.verb != "integrate"
        ):
            raise DslError("lower/upper bounds go together and only on integrate")
        if self.verb == "limit" and self.point is None:
            raise DslError("limit needs a point (as x -> point)")
        if self.point is not None and self.verb not in ("limit", "series"):
            raise DslError("point is only for limit and series")
        if self.rhs is not None and self.verb != "solve":
            raise DslError("rhs is only for solve")
        _options(self.options)


@dataclass(frozen=True, kw_only=True)
class GoalStmt:
    """``goal NAME = maximize|minimize|target MODEL low=.. high=.. [target=..]``: one response's
    desirability goal; ``MODEL`` names a fitted design analysis (``let m = analyze ...``)."""

    name: str
    goal: str
    response: str
    options: tuple[Option, ...] = ()
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        _ident(self.name, "a goal name")
        _ident(self.goal, "a goal kind")
        _ident(self.response, "the model a goal is about")
        _options(self.options)


@dataclass(frozen=True, kw_only=True)
class OptimizeStmt:
    """``optimize GOAL, GOAL ... [grid=..] [starts=..] [bounds=[[lo, hi], ...]]``: the
    Derringer-Suich desirability optimum over several responses."""

    goals: tuple[str, ...]
    options: tuple[Option, ...] = ()
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        if not isinstance(self.goals, tuple) or not self.goals:
            raise DslError("optimize needs at least one goal name")
        for g in self.goals:
            _ident(g, "a goal name")
        _options(self.options)


@dataclass(frozen=True, kw_only=True)
class PlotStmt:
    """``plot result to "file.png" [kind=...]`` (written under the caller's plots_dir)."""

    target: str
    path: str
    options: tuple[Option, ...] = ()
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        _ident(self.target, "the result to plot")
        String(value=self.path)
        if not self.path:
            raise DslError("plot needs a file name")
        _options(self.options)


AnalysisStmt = Union[  # noqa: UP007
    Command, ChartStmt, PowerStmt, RegressStmt, AnalyzeStmt, OptimizeStmt, MathStmt
]
ANALYSIS_TYPES: tuple[type, ...] = (
    Command,
    ChartStmt,
    PowerStmt,
    RegressStmt,
    AnalyzeStmt,
    OptimizeStmt,
    MathStmt,
)


@dataclass(frozen=True, kw_only=True)
class Let:
    """``let NAME = <analysis>``: keep a result under a name for later statements."""

    name: str
    command: AnalysisStmt
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        _ident(self.name, "a result name")
        if not isinstance(self.command, ANALYSIS_TYPES):
            raise DslError("Let.command must be an analysis statement")


@dataclass(frozen=True, kw_only=True)
class Comment:
    """A ``# ...`` line (kept so that ``fmt`` does not lose it)."""

    text: str
    loc: Loc | None = _loc()

    def __post_init__(self) -> None:
        if not isinstance(self.text, str) or "\n" in self.text or "\r" in self.text:
            raise DslError("Comment text must be a single line")
        object.__setattr__(self, "text", self.text.strip())


@dataclass(frozen=True, kw_only=True)
class Blank:
    """One blank line between groups of statements (runs of blank lines collapse to one)."""

    loc: Loc | None = _loc()


Statement = Union[  # noqa: UP007
    DataStmt, DesignStmt, SpecStmt, GoalStmt, Let, PlotStmt, Comment, Blank, AnalysisStmt
]
STATEMENT_TYPES: tuple[type, ...] = (
    DataStmt,
    DesignStmt,
    SpecStmt,
    GoalStmt,
    Let,
    PlotStmt,
    Comment,
    Blank,
    *ANALYSIS_TYPES,
)


@dataclass(frozen=True, kw_only=True)
class Program:
    """A whole program. Blank lines are normalised: none at the ends, never two in a row."""

    statements: tuple[Statement, ...]

    def __post_init__(self) -> None:
        _tuple_of(self.statements, STATEMENT_TYPES, "Program.statements")
        out: list[Statement] = []
        for s in self.statements:
            if isinstance(s, Blank) and (not out or isinstance(out[-1], Blank)):
                continue
            out.append(s)
        while out and isinstance(out[-1], Blank):
            out.pop()
        object.__setattr__(self, "statements", tuple(out))

    @property
    def code(self) -> tuple[Statement, ...]:
        """The statements that do something (no comments or blank lines)."""
        return tuple(s for s in self.statements if not isinstance(s, Comment | Blank))
