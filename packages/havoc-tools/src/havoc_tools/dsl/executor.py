"""Run a checked program: one typed, JSON-serialisable result per statement.

A library ``ValueError`` (bad data, too few runs, ...) becomes a runtime :class:`DslError` at
the statement's line; the program stops there and :class:`ProgramResult` keeps what ran before.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from havoc_tools._result import ToolResult, fmt, to_jsonable
from havoc_tools.dsl import ast as A
from havoc_tools.dsl.errors import DslError
from havoc_tools.dsl.printer import format_statement
from havoc_tools.dsl.sandbox import check_plot_path, resolve_inside

# ---------------------------------------------------------------------------------------------
# results


@dataclass
class StatementResult(ToolResult):
    """The outcome of one statement: its text, name, kind, location and the tool's result."""

    index: int
    statement: str
    name: str | None
    kind: str
    line: int | None
    column: int | None
    result: dict[str, Any]
    text: str
    value: Any = field(default=None, repr=False, compare=False)  # the tool's result object

    def to_dict(self) -> dict[str, Any]:
        out = {f.name: to_jsonable(getattr(self, f.name)) for f in dataclasses.fields(self)}
        out.pop("value")
        out["kind_of_result"] = "StatementResult"
        return out

    def summary(self) -> str:
        head = f"[line {self.line}] {self.statement}" if self.line else self.statement
        return head + "\n" + "\n".join("  " + ln for ln in self.text.splitlines())


@dataclass
class ProgramResult(ToolResult):
    """Every statement's result, in order; ``error`` is set when the program stopped early."""

    results: list[StatementResult]
    ok: bool
    error: dict[str, Any] | None = None
    plots: list[str] = field(default_factory=list)

    def __getitem__(self, name: str) -> StatementResult:
        for r in self.results:
            if r.name == name:
                return r
        raise KeyError(name)

    def raise_for_error(self) -> ProgramResult:
        if self.error is not None:
            raise DslError(
                self.error["message"],
                line=self.error.get("line"),
                column=self.error.get("column"),
                length=self.error.get("length") or 1,
                source_line=self.error.get("source_line"),
                fix=self.error.get("fix"),
                phase=self.error.get("phase", "runtime"),
            )
        return self

    def summary(self) -> str:
        parts = [r.summary() for r in self.results]
        if self.error is not None:
            parts.append(self.error["text"])
        parts.append(
            f"{len(self.results)} statement(s) ran" + ("" if self.ok else "; stopped at an error")
        )
        return "\n\n".join(parts)


@dataclass
class DataResult(ToolResult):
    """What a ``data`` statement loaded."""

    name: str
    data_kind: str  # table | vector
    n_rows: int
    columns: list[str]
    source: str

    def summary(self) -> str:
        if self.data_kind == "table":
            cols = ", ".join(self.columns[:8]) + (" ..." if len(self.columns) > 8 else "")
            return f"{self.name}: table, {self.n_rows} rows x {len(self.columns)} columns ({cols})"
        return f"{self.name}: {self.n_rows} values"


@dataclass
class SpecResult(ToolResult):
    """Specification limits from a ``spec`` statement."""

    name: str
    lsl: float | None
    target: float | None
    usl: float | None

    def summary(self) -> str:
        return (
            f"spec {self.name}: LSL {fmt(self.lsl)}, target {fmt(self.target)}, USL {fmt(self.usl)}"
        )


@dataclass
class GoalResult(ToolResult):
    """A desirability goal from a ``goal`` statement (checked by :class:`havoc_tools.doe.Goal`)."""

    name: str
    goal: str
    response: str
    low: float
    high: float
    target: float
    weight: float
    weight_upper: float
    importance: float

    def to_goal(self) -> Any:
        from havoc_tools.doe import Goal

        return Goal(
            self.response,
            self.goal,
            self.low,
            self.high,
            self.target,
            self.weight,
            self.weight_upper,
            self.importance,
        )

    def summary(self) -> str:
        return (
            f"goal {self.name}: {self.goal} {self.response} within [{fmt(self.low)}, "
            f"{fmt(self.high)}], target {fmt(self.target)}, weight {fmt(self.weight)}, "
            f"importance {fmt(self.importance)}"
        )


@dataclass
class PlotResult(ToolResult):
    """A figure written by a ``plot`` statement."""

    target: str
    plot_kind: str
    path: str

    def summary(self) -> str:
        return f"{self.plot_kind} plot of {self.target} written to {self.path}"


# ---------------------------------------------------------------------------------------------
# the runtime context handed to every binding


class Context:
    def __init__(
        self,
        *,
        base_dir: str | Path,
        data: dict[str, Any] | None,
        plots_dir: str | Path | None,
        allow_outside: bool,
    ) -> None:
        self.base_dir = Path(base_dir)
        self.plots_dir = Path(plots_dir) if plots_dir is not None else None
        self.allow_outside = allow_outside
        self.env: dict[str, Any] = {}
        self.groups: dict[str, str] = {}  # table -> its default subgroup column (csv group=)
        for name, value in (data or {}).items():
            self.env[name] = _caller_value(name, value)
        self.plots: list[str] = []

    # -- errors --------------------------------------------------------------------------------
    @staticmethod
    def fail(node: Any, message: str, fix: str | None = None) -> DslError:
        loc = getattr(node, "loc", None)
        length = 1
        if loc and loc.end_line == loc.line and loc.end_column:
            length = max(1, loc.end_column - loc.column)
        return DslError(
            message,
            line=loc.line if loc else None,
            column=loc.column if loc else None,
            length=length,
            fix=fix,
            phase="runtime",
        )

    # -- values --------------------------------------------------------------------------------
    def lookup(self, node: Any, name: str) -> Any:
        if name not in self.env:
            raise self.fail(node, f"unknown name '{name}'", "define it first")
        return self.env[name]

    def frame(self, node: Any, name: str) -> Any:
        obj = self.lookup(node, name)
        if hasattr(obj, "columns"):
            return obj
        if hasattr(obj, "table") and hasattr(obj, "factor_names"):  # a Design
            return obj.table
        raise self.fail(node, f"'{name}' is not a table")

    def vector(self, v: A.Value, table: str | None = None) -> Any:
        """A 1-D numpy array (numbers or labels) for a data reference."""
        import numpy as np

        if isinstance(v, A.ListValue):
            values = [self.scalar(i) for i in v.items]
            if all(isinstance(x, int | float) for x in values):
                return np.asarray(values, dtype=np.float64)
            return np.asarray(values, dtype=object)
        if isinstance(v, A.Name):
            if table is not None:
                df = self.frame(v, table)
                if v.id in df.columns:
                    return df[v.id].to_numpy()
                if isinstance(self.env.get(v.id), np.ndarray):
                    return self.env[v.id]
                raise self.fail(v, f"column '{v.id}' is not in {table}")
            obj = self.lookup(v, v.id)
            if isinstance(obj, np.ndarray):
                return obj
            raise self.fail(v, f"'{v.id}' is not a list of values")
        if isinstance(v, A.Ref):
            obj = self.lookup(v, v.parts[0])
            for depth, part in enumerate(v.parts[1:], start=1):
                obj = self._field(v, obj, part, ".".join(v.parts[:depth]))
            return self._as_array(v, obj)
        raise self.fail(v, "expected data (a name, table.column, result.field or a list)")

    def _field(self, node: Any, obj: Any, part: str, where: str) -> Any:
        if hasattr(obj, "columns") and part in obj.columns:
            return obj[part].to_numpy()
        if hasattr(obj, "factor_names") and hasattr(obj, "table"):
            tab = obj.table
            if part in tab.columns:
                return tab[part].to_numpy()
        if isinstance(obj, dict) and part in obj:
            return obj[part]
        if dataclasses.is_dataclass(obj) and part in {f.name for f in dataclasses.fields(obj)}:
            return getattr(obj, part)
        if isinstance(obj, ToolResult) and isinstance(getattr(type(obj), part, None), property):
            return getattr(obj, part)
        choices = _fields_of(obj)
        from havoc_tools.dsl.checker import did_you_mean

        raise self.fail(
            node,
            f"'{where}' has no field '{part}'",
            did_you_mean(part, choices, "fields: " + ", ".join(choices[:12])),
        )

    def _as_array(self, node: Any, obj: Any) -> Any:
        import numpy as np

        if isinstance(obj, np.ndarray):
            return obj
        if hasattr(obj, "to_numpy") and not hasattr(obj, "columns"):
            return obj.to_numpy()
        if (
            isinstance(obj, list | tuple)
            and obj
            and all(isinstance(x, int | float) and not isinstance(x, bool) for x in obj)
        ):
            return np.asarray(obj, dtype=np.float64)
        if isinstance(obj, int | float) and not isinstance(obj, bool):
            return np.asarray([obj], dtype=np.float64)
        raise self.fail(node, "this reference is not a list of numbers", "pick a numeric field")

    def scalar(self, v: A.Value) -> Any:
        if isinstance(v, A.Number | A.String | A.Bool):
            return v.value
        if isinstance(v, A.Name):
            return v.id
        if isinstance(v, A.ListValue):
            return [self.scalar(i) for i in v.items]
        if isinstance(v, A.Ref):
            return self.vector(v).tolist()
        raise self.fail(v, "unexpected value")  # pragma: no cover

    def options(self, stmt: Any) -> dict[str, A.Value]:
        return {o.key: o.value for o in stmt.options}

    def opt(self, stmt: Any, key: str, default: Any = None) -> Any:
        for o in stmt.options:
            if o.key == key:
                return self.scalar(o.value)
        return default

    def label(self, v: A.Value, fallback: str) -> str:
        if isinstance(v, A.Name):
            return v.id
        if isinstance(v, A.Ref):
            return v.parts[-1]
        return fallback

    def long_frame(self, y: A.Value, by: tuple[A.Value, ...], table: str | None, extra=()) -> Any:
        """A long DataFrame of response and grouping columns, with the names the user wrote."""
        import pandas as pd

        cols: dict[str, Any] = {}
        names = []
        for i, v in enumerate((y, *by, *extra)):
            name = self.label(v, f"v{i}")
            while name in cols:
                name += "_"
            cols[name] = self.vector(v, table)
            names.append(name)
        lengths = {n: len(c) for n, c in cols.items()}
        if len(set(lengths.values())) > 1:
            desc = ", ".join(f"{k}={n}" for k, n in lengths.items())
            raise self.fail(y, f"columns have different lengths ({desc})")
        return pd.DataFrame(cols), names

    # -- files ---------------------------------------------------------------------------------
    def plot_path(self, node: Any, path: str) -> Path:
        if self.plots_dir is None:
            raise self.fail(
                node,
                "no plots directory was given, so plots cannot be written",
                "run with --plots DIR (or plots_dir=... in Python)",
            )
        try:
            check_plot_path(path)
            self.plots_dir.mkdir(parents=True, exist_ok=True)
            out = resolve_inside(self.plots_dir, path, "plot")
        except DslError as e:
            raise self.fail(node, e.message, e.fix) from None
        out.parent.mkdir(parents=True, exist_ok=True)
        return out


def _fields_of(obj: Any) -> list[str]:
    if dataclasses.is_dataclass(obj):
        names = [f.name for f in dataclasses.fields(obj)]
        names += [n for n, a in vars(type(obj)).items() if isinstance(a, property)]
        return names
    if isinstance(obj, dict):
        return [str(k) for k in obj]
    if hasattr(obj, "columns"):
        return [str(c) for c in obj.columns]
    return []


def _caller_value(name: str, value: Any) -> Any:
    import numpy as np
    import pandas as pd

    if isinstance(value, pd.DataFrame):
        return value.copy()
    if isinstance(value, dict):
        try:
            return pd.DataFrame({str(k): list(v) for k, v in value.items()})
        except (TypeError, ValueError) as e:
            raise DslError(f"data {name!r}: cannot make a table ({e})", phase="check") from None
    if isinstance(value, ToolResult):
        return value
    arr = np.asarray(value)
    if arr.ndim != 1:
        raise DslError(f"data {name!r} must be 1-D (or a DataFrame/dict), got shape {arr.shape}")
    return arr


# ---------------------------------------------------------------------------------------------
# statements that are not library calls


def run_data(ctx: Context, s: A.DataStmt) -> DataResult:
    import numpy as np
    import pandas as pd

    src = s.source
    if isinstance(src, A.Csv):
        path = resolve_inside(ctx.base_dir, src.path, "csv", allow_outside=ctx.allow_outside)
        opts = {o.key: o.value for o in src.options}
        sep = opts["sep"].value if "sep" in opts else ","
        cols = [i.id for i in opts["columns"].items] if "columns" in opts else None
        group = opts["group"].id if "group" in opts else None
        usecols = None if cols is None else list(dict.fromkeys(cols + ([group] if group else [])))
        try:
            df = pd.read_csv(path, sep=sep, usecols=usecols, skipinitialspace=True)
        except (OSError, ValueError, pd.errors.ParserError) as e:
            raise ctx.fail(src, f"cannot read {src.path!r}: {e}") from None
        df.columns = [str(c).strip() for c in df.columns]
        if group:
            ctx.groups[s.name] = group
        value: Any = df
        where = f"csv {src.path}"
    elif isinstance(src, A.Table):
        data = {c.key: ctx.vector(c.value) for c in src.columns}
        lengths = {len(v) for v in data.values()}
        if len(lengths) > 1:
            raise ctx.fail(src, "table columns have different lengths")
        value = pd.DataFrame(data)
        where = "inline table"
    elif isinstance(src, A.Name):
        obj = ctx.lookup(src, src.id)
        value = obj.copy() if hasattr(obj, "copy") else obj
        where = f"copy of {src.id}"
    else:
        value = ctx.vector(src)
        where = "inline list" if isinstance(src, A.ListValue) else ".".join(src.parts)
    ctx.env[s.name] = value
    if hasattr(value, "columns"):
        return DataResult(s.name, "table", len(value), [str(c) for c in value.columns], where)
    n = int(np.size(value)) if isinstance(value, np.ndarray) else 1
    return DataResult(s.name, "vector", n, [], where)


def run_spec(ctx: Context, s: A.SpecStmt) -> SpecResult:
    vals = {o.key: float(o.value.value) for o in s.options if isinstance(o.value, A.Number)}
    res = SpecResult(s.name, vals.get("lsl"), vals.get("target"), vals.get("usl"))
    ctx.env[s.name] = res
    return res


def run_goal(ctx: Context, s: A.GoalStmt) -> GoalResult:
    from havoc_tools.doe import Goal

    model = ctx.lookup(s, s.response)
    if not (hasattr(model, "predict") and hasattr(model, "factors")):
        raise ctx.fail(
            s,
            f"'{s.response}' is not a fitted design model",
            f"fit one first: let {s.response} = analyze <design> response=<data>",
        )
    vals = {o.key: float(o.value.value) for o in s.options if isinstance(o.value, A.Number)}
    goal = Goal(s.response, s.goal, **vals)  # the library checks low < target < high etc.
    res = GoalResult(
        s.name,
        goal.goal,
        goal.response,
        float(goal.low),
        float(goal.high),
        float(goal.target),
        float(goal.weight),
        float(goal.weight_upper),
        float(goal.importance),
    )
    ctx.env[s.name] = res
    return res


def execute(program: A.Program, ctx: Context, source: str | None) -> ProgramResult:
    from havoc_tools.dsl.bindings import run_analysis, run_design, run_plot

    results: list[StatementResult] = []
    error: dict[str, Any] | None = None
    for i, stmt in enumerate(program.code):
        name = getattr(stmt, "name", None)
        if isinstance(stmt, A.PlotStmt):
            name = None
        try:
            if isinstance(stmt, A.DataStmt):
                value, kind = run_data(ctx, stmt), "data"
            elif isinstance(stmt, A.SpecStmt):
                value, kind = run_spec(ctx, stmt), "spec"
            elif isinstance(stmt, A.GoalStmt):
                value, kind = run_goal(ctx, stmt), f"goal {stmt.goal}"
            elif isinstance(stmt, A.DesignStmt):
                value, kind = run_design(ctx, stmt), f"design {stmt.kind}"
                ctx.env[stmt.name] = value
            elif isinstance(stmt, A.PlotStmt):
                value, kind = run_plot(ctx, stmt), "plot"
            elif isinstance(stmt, A.Let):
                value, kind = run_analysis(ctx, stmt.command)
                ctx.env[stmt.name] = value
            else:
                value, kind = run_analysis(ctx, stmt)
        except DslError as e:
            if e.line is None and stmt.loc is not None:
                e.line, e.column = stmt.loc.line, stmt.loc.column
            e.phase = "runtime"
            error = (e.with_source(source) if source else e).to_dict()
            break
        except (ValueError, TypeError, ArithmeticError, KeyError, IndexError) as e:
            # the library says what is wrong with the data; place it at the statement
            err = Context.fail(stmt, _clean(e))
            err.length = 1
            error = (err.with_source(source) if source else err).to_dict()
            break
        loc = stmt.loc
        results.append(
            StatementResult(
                index=i,
                statement=format_statement(stmt),
                name=name,
                kind=kind,
                line=loc.line if loc else None,
                column=loc.column if loc else None,
                result=value.to_dict(),
                text=value.summary(),
                value=value,
            )
        )
    return ProgramResult(results=results, ok=error is None, error=error, plots=list(ctx.plots))


def _clean(e: BaseException) -> str:
    text = str(e).strip() or type(e).__name__
    if isinstance(e, KeyError):
        text = f"missing key {text}"
    if isinstance(e, ArithmeticError) and not isinstance(e, ValueError):
        text = f"numerical problem: {text}"
    return text


def finite(x: Any) -> bool:
    return isinstance(x, int | float) and math.isfinite(x)
