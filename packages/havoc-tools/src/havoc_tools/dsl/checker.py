"""Static checks before anything runs: names, argument types, columns, factor counts.

Every problem becomes a :class:`DslError` (phase ``"check"``) with line, column, caret and a fix;
:func:`check` raises the first one and attaches the rest as ``err.others``.
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from havoc_tools.dsl import ast as A
from havoc_tools.dsl import signatures as S
from havoc_tools.dsl.errors import DslError
from havoc_tools.dsl.parser import STATEMENT_KEYWORDS
from havoc_tools.dsl.sandbox import check_plot_path, resolve_inside


@dataclass
class Symbol:
    kind: str  # table | vector | design | spec | result
    line: int | None
    columns: tuple[str, ...] | None = None  # tables and designs (None: not known before running)
    factors: tuple[str, ...] | None = None  # designs
    verb: str | None = None  # results: the statement that made it
    formula: str | None = None  # regress results: the model formula


def closest(word: str, options: Any) -> str | None:
    match = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return match[0] if match else None


def did_you_mean(word: str, options: Any, fallback: str) -> str:
    best = closest(word, options)
    return f"did you mean '{best}'?" if best else fallback


def symbols_from_data(data: dict[str, Any] | None) -> dict[str, Symbol]:
    """Symbols for data a caller hands to :func:`run` (DataFrames, dicts of columns, arrays)."""
    env: dict[str, Symbol] = {}
    for name, value in (data or {}).items():
        if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise DslError(f"data name {name!r} is not an identifier", phase="check")
        if name in A.KEYWORDS:
            raise DslError(f"data name {name!r} is a reserved word", phase="check")
        if hasattr(value, "columns"):
            env[name] = Symbol("table", None, columns=tuple(str(c) for c in value.columns))
        elif isinstance(value, dict):
            env[name] = Symbol("table", None, columns=tuple(str(c) for c in value))
        else:
            env[name] = Symbol("vector", None)
    return env


class Checker:
    def __init__(
        self,
        *,
        data: dict[str, Any] | None = None,
        base_dir: str | Path = ".",
        allow_outside: bool = False,
    ) -> None:
        self.env = symbols_from_data(data)
        self.base_dir = base_dir
        self.allow_outside = allow_outside
        self.errors: list[DslError] = []

    # -- helpers -------------------------------------------------------------------------------
    def err(
        self,
        node: Any,
        message: str,
        fix: str | None = None,
        length: int | None = None,
        anchor: str | None = None,
    ) -> None:
        """Record an error at ``node``; ``anchor`` moves the caret onto that word of the line."""
        loc = getattr(node, "loc", None) if node is not None else None
        line = loc.line if loc else None
        col = loc.column if loc else None
        if length is None and loc and loc.end_line == loc.line and loc.end_column:
            length = loc.end_column - loc.column
        e = DslError(message, line=line, column=col, length=length or 1, fix=fix, phase="check")
        e.anchor = anchor  # type: ignore[attr-defined]
        self.errors.append(e)

    def define(self, node: Any, name: str, sym: Symbol) -> None:
        if name in self.env:
            prev = self.env[name]
            where = f" on line {prev.line}" if prev.line else " by the caller"
            self.err(
                node,
                f"'{name}' is already defined{where}",
                fix="pick a new name (names cannot be reassigned)",
                length=len(name) + 5,
            )
            return
        self.env[name] = sym

    # -- entry ---------------------------------------------------------------------------------
    def check(self, program: A.Program) -> list[DslError]:
        for stmt in program.code:
            try:
                self.statement(stmt)
            except DslError as e:  # defensive: a check helper raised instead of recording
                e.phase = "check"
                self.errors.append(e)
        return self.errors

    def statement(self, s: A.Statement) -> None:
        line = s.loc.line if s.loc else None
        if isinstance(s, A.DataStmt):
            sym = self.data_source(s.source, line)
            if sym is not None:
                self.define(s, s.name, sym)
        elif isinstance(s, A.SpecStmt):
            self.spec(s)
            self.define(s, s.name, Symbol("spec", line))
        elif isinstance(s, A.DesignStmt):
            factors = self.design(s)
            self.define(s, s.name, Symbol("design", line, factors=factors, verb=s.kind))
        elif isinstance(s, A.GoalStmt):
            self.define(s, s.name, self.goal(s))
        elif isinstance(s, A.Let):
            ok = self.analysis(s.command)
            factors = None
            if isinstance(s.command, A.AnalyzeStmt) and s.command.design in self.env:
                factors = self.env[s.command.design].factors
            formula = s.command.formula if isinstance(s.command, A.RegressStmt) else None
            self.define(
                s, s.name, Symbol("result", line, factors=factors, verb=ok, formula=formula)
            )
        elif isinstance(s, A.PlotStmt):
            self.plot(s)
        else:
            self.analysis(s)

    # -- data ----------------------------------------------------------------------------------
    def data_source(self, src: Any, line: int | None) -> Symbol | None:
        if isinstance(src, A.Csv):
            return self.csv(src, line)
        if isinstance(src, A.Table):
            lengths: dict[str, int] = {}
            for col in src.columns:
                if not isinstance(col.value, A.ListValue) or not self.flat_list(col.value):
                    self.err(col, f"column {col.key} must be a list of numbers or strings")
                    continue
                lengths[col.key] = len(col.value.items)
            if len(set(lengths.values())) > 1:
                desc = ", ".join(f"{k}={n}" for k, n in lengths.items())
                self.err(src, f"table columns have different lengths ({desc})", "make them equal")
            return Symbol("table", line, columns=tuple(c.key for c in src.columns))
        if isinstance(src, A.ListValue):
            if not src.items or not self.flat_list(src):
                self.err(src, "data needs a non-empty list of numbers (or of labels)")
            return Symbol("vector", line)
        if isinstance(src, A.Name):
            sym = self.lookup(src, src.id)
            if sym is None:
                return None
            return Symbol(sym.kind, line, columns=sym.columns, factors=sym.factors, verb=sym.verb)
        if isinstance(src, A.Ref):
            self.data_ref(src, None)
            return Symbol("vector", line)
        self.err(
            src,
            "data needs a list, table(...), csv(...) or a reference",
            fix='e.g. data x = [1.2, 3.4] or data d = csv("file.csv")',
        )
        return None

    def flat_list(self, lst: A.ListValue) -> bool:
        kinds = {type(i) for i in lst.items}
        return kinds <= {A.Number} or kinds <= {A.String} or kinds <= {A.String, A.Name}

    def csv(self, src: A.Csv, line: int | None) -> Symbol | None:
        allowed = {
            "columns": S.Param(S.NAMES),
            "group": S.Param("colname"),
            "sep": S.Param(S.STRING),
        }
        self.options("csv", src.options, allowed, src, table=None)
        try:
            path = resolve_inside(self.base_dir, src.path, "csv", allow_outside=self.allow_outside)
        except DslError as e:
            self.err(src, e.message, e.fix)
            return None
        if not path.is_file():
            self.err(src, f"file {src.path!r} not found under {self.base_dir}", "check the name")
            return None
        opts = {o.key: o for o in src.options}
        sep = (
            opts["sep"].value.value
            if "sep" in opts and isinstance(opts["sep"].value, A.String)
            else ","
        )
        try:
            with path.open(newline="", encoding="utf-8-sig") as fh:
                header = next(csv.reader(fh, delimiter=sep or ","), [])
        except (OSError, UnicodeDecodeError, csv.Error) as e:
            self.err(src, f"cannot read {src.path!r}: {e}")
            return None
        header = [h.strip() for h in header]
        columns = tuple(header)
        if "columns" in opts and isinstance(opts["columns"].value, A.ListValue):
            chosen = []
            for item in opts["columns"].value.items:
                name = getattr(item, "id", None)
                if name is None:
                    continue
                if name not in header:
                    self.err(
                        item,
                        f"column '{name}' is not in {src.path}",
                        did_you_mean(name, header, f"columns: {', '.join(header)}"),
                    )
                chosen.append(name)
            columns = tuple(chosen)
        if "group" in opts:
            g = opts["group"].value
            if isinstance(g, A.Name) and g.id not in columns:
                self.err(
                    g,
                    f"group column '{g.id}' is not among the columns",
                    did_you_mean(g.id, columns, f"columns: {', '.join(columns)}"),
                )
        return Symbol("table", line, columns=columns)

    def lookup(
        self,
        node: Any,
        name: str,
        kinds: tuple[str, ...] | None = None,
        *,
        anchor: str | None = None,
    ) -> Symbol | None:
        sym = self.env.get(name)
        if sym is None:
            self.err(
                node,
                f"unknown name '{name}'",
                did_you_mean(name, self.env, "define it first with data/let/design/spec/goal"),
                length=len(name),
                anchor=anchor,
            )
            return None
        if kinds and sym.kind not in kinds:
            self.err(
                node,
                f"'{name}' is a {sym.kind}, expected a {' or '.join(kinds)}",
                length=len(name),
                anchor=anchor,
            )
            return None
        return sym

    def table_columns(self, table: str | None, node: Any) -> tuple[str, ...] | None:
        if table is None:
            return None
        sym = self.lookup(node, table, ("table", "design"))
        return sym.columns if sym else None

    def data_ref(self, v: A.Value, table: str | None, *, what: str = "data") -> None:
        """A value that must name data: a list, a column of ``table``, a vector, a.b."""
        if isinstance(v, A.ListValue):
            if not v.items or not self.flat_list(v):
                self.err(v, f"{what}: a list of numbers (or labels) is needed")
            return
        if isinstance(v, A.Name):
            if table is not None and table in self.env:
                sym = self.env[table]
                cols = sym.columns
                if cols is not None and v.id not in cols:
                    if v.id in self.env and self.env[v.id].kind == "vector":
                        return
                    self.err(
                        v,
                        f"column '{v.id}' is not in {table}",
                        did_you_mean(v.id, cols, f"{table} has: {', '.join(cols)}"),
                        length=len(v.id),
                    )
                return
            sym = self.lookup(v, v.id)
            if sym and sym.kind in ("table", "design"):
                cols = ", ".join((sym.columns or ())[:6])
                self.err(
                    v,
                    f"'{v.id}' is a {sym.kind}; name one of its columns",
                    f"write {v.id}.<column>"
                    + (f" (columns: {cols})" if cols else "")
                    + f" or add 'in {v.id}'",
                    length=len(v.id),
                )
            elif sym and sym.kind == "spec":
                self.err(v, f"'{v.id}' is a spec, not data", length=len(v.id))
            return
        if isinstance(v, A.Ref):
            head, field_ = v.parts[0], v.parts[1]
            sym = self.lookup(v, head)
            if sym is None:
                return
            if sym.kind in ("table", "design") and len(v.parts) == 2:
                cols = sym.columns if sym.kind == "table" else None
                if cols is not None and field_ not in cols:
                    self.err(
                        v,
                        f"column '{field_}' is not in {head}",
                        did_you_mean(field_, cols, f"{head} has: {', '.join(cols)}"),
                        length=len(".".join(v.parts)),
                    )
            elif sym.kind in ("vector", "spec"):
                self.err(v, f"'{head}' is a {sym.kind} and has no fields", length=len(head))
            return
        self.err(v, f"{what}: expected {S.TYPE_WORDS[S.DATA]}")

    # -- options -------------------------------------------------------------------------------
    def options(
        self,
        what: str,
        opts: tuple[A.Option, ...],
        allowed: dict[str, S.Param],
        stmt: Any,
        *,
        table: str | None,
    ) -> dict[str, A.Value]:
        given: dict[str, A.Value] = {}
        for o in opts:
            p = allowed.get(o.key)
            if p is None:
                names = ", ".join(sorted(allowed)) or "none"
                self.err(
                    o,
                    f"{what} has no option '{o.key}'",
                    did_you_mean(o.key, allowed, f"its options are: {names}"),
                    length=len(o.key),
                )
                continue
            self.value_type(o.value, p, f"{o.key}", table)
            given[o.key] = o.value
        for key, p in allowed.items():
            if p.required and key not in given:
                self.err(
                    stmt,
                    f"{what} needs {key}=...",
                    f"add {key}=<{S.TYPE_WORDS[p.type]}>",
                    length=len(what),
                )
        return given

    def value_type(self, v: A.Value, p: S.Param, key: str, table: str | None) -> None:
        t = p.type
        bad = f"{key} must be {S.TYPE_WORDS.get(t, t)}"

        def num(x: Any) -> bool:
            return isinstance(x, A.Number)

        if t in (S.NUMBER, S.NONNEG):
            if not num(v) or (t == S.NONNEG and v.value < 0):
                self.err(v, bad)
        elif t in (S.INT, S.POSINT):
            if not (num(v) and isinstance(v.value, int)) or (t == S.POSINT and v.value < 1):
                self.err(v, bad)
            elif p.choices and str(v.value) not in p.choices:
                self.err(v, f"{key} must be one of {', '.join(p.choices)}")
        elif t == S.PROB:
            if not num(v) or not 0 < v.value < 1:
                self.err(v, bad)
        elif t == S.BOOL:
            if not isinstance(v, A.Bool):
                self.err(v, bad)
        elif t == S.CHOICE:
            word = v.id if isinstance(v, A.Name) else v.value if isinstance(v, A.String) else None
            if word not in p.choices:
                self.err(
                    v,
                    f"{key} must be one of {', '.join(p.choices)}",
                    did_you_mean(str(word), p.choices, f"use one of {', '.join(p.choices)}"),
                )
        elif t == S.STRING:
            if not isinstance(v, A.String):
                self.err(v, bad)
        elif t in (S.NUMBERS, S.INTS, S.NAMES, S.STRINGS):
            ok_item = {
                S.NUMBERS: lambda x: num(x),
                S.INTS: lambda x: num(x) and isinstance(x.value, int),
                S.NAMES: lambda x: isinstance(x, A.Name),
                S.STRINGS: lambda x: isinstance(x, A.String),
            }[t]
            if not isinstance(v, A.ListValue) or not v.items:
                self.err(v, bad)
            else:
                for item in v.items:
                    if not ok_item(item):
                        self.err(item, bad)
                        break
        elif t == S.LEVELS:
            if not isinstance(v, A.ListValue) or not v.items:
                self.err(v, bad)
            elif not all(num(i) for i in v.items) and not all(
                isinstance(i, A.ListValue) and i.items and all(num(j) for j in i.items)
                for i in v.items
            ):
                self.err(v, bad)
        elif t == S.COUNTS:
            ok = (num(v) and isinstance(v.value, int) and v.value >= 0) or (
                isinstance(v, A.ListValue)
                and len(v.items) == 2
                and all(num(i) and isinstance(i.value, int) and i.value >= 0 for i in v.items)
            )
            if not ok:
                self.err(v, bad)
        elif t == S.NUMPAIR:
            if not (
                num(v)
                or (isinstance(v, A.ListValue) and len(v.items) == 2 and all(map(num, v.items)))
            ):
                self.err(v, bad)
        elif t == S.COLUMN:
            if isinstance(v, A.Name | A.Ref):
                self.data_ref(v, table, what=key)
            else:
                self.err(v, bad)
        elif t == S.DATA:
            self.data_ref(v, table, what=key)
        elif t == S.SPEC:
            if not isinstance(v, A.Name):
                self.err(v, bad)
            else:
                self.lookup(v, v.id, ("spec",))
        elif t == S.DESIGN_REF:  # --- doe ---
            if not isinstance(v, A.Name):
                self.err(v, bad)
            else:
                self.lookup(v, v.id, ("design",))
        elif t == S.MATRIX:
            self.matrix(v, table, key)
        elif t == "colname":
            if not isinstance(v, A.Name):
                self.err(v, f"{key} must be a column name")
        elif t == S.RULES:
            if isinstance(v, A.Name) and v.id == "all":
                return
            if not isinstance(v, A.ListValue) or not v.items:
                self.err(v, bad)
                return
            from havoc_tools.spc.rules import RULE_NAMES

            for item in v.items:
                if isinstance(item, A.Name) and item.id in RULE_NAMES:
                    continue
                if not (num(item) and isinstance(item.value, int) and 1 <= item.value <= 8):
                    self.err(
                        item,
                        f"Nelson rules are numbered 1 to 8, got {S_value(item)}",
                        "pick rule numbers from 1 to 8 or names: " + ", ".join(RULE_NAMES),
                    )
        elif t == "factors":
            ok = (num(v) and isinstance(v.value, int) and v.value >= 1) or (
                isinstance(v, A.ListValue)
                and v.items
                and all(isinstance(i, A.Name) for i in v.items)
            )
            if not ok:
                self.err(v, bad)
        elif t == S.POSNUM:
            if not num(v) or v.value <= 0:
                self.err(v, bad)
        elif t == S.BOUNDS:
            pairs = v.items if isinstance(v, A.ListValue) else ()
            ok = bool(pairs) and all(
                isinstance(pr, A.ListValue)
                and len(pr.items) == 2
                and all(num(i) for i in pr.items)
                and pr.items[0].value < pr.items[1].value
                for pr in pairs
            )
            if not ok:
                self.err(v, bad, "write each pair as [low, high] with low < high")
        elif t == "ccd_alpha":
            if not (num(v) and v.value > 0) and not (isinstance(v, A.Name) and v.id in p.choices):
                self.err(v, bad)

    def matrix(self, v: A.Value, table: str | None, what: str) -> None:
        if isinstance(v, A.ListValue) and v.items and isinstance(v.items[0], A.ListValue):
            widths = set()
            for row in v.items:
                if not isinstance(row, A.ListValue) or not all(
                    isinstance(c, A.Number) for c in row.items
                ):
                    self.err(row, f"{what}: every row of a table of counts is a list of numbers")
                    return
                widths.add(len(row.items))
            if len(widths) != 1:
                self.err(
                    v,
                    f"{what}: rows of the table have different lengths",
                    "give every row the same number of counts",
                )
            return
        self.data_ref(v, table, what=what)

    # -- statements ----------------------------------------------------------------------------
    def signature(self, key: str, node: Any, word: str, form: str) -> S.Signature | None:
        sig = S.SIGNATURES.get(key)
        if sig is not None and sig.form == form:
            return sig
        if form == "command":
            options = S.command_verbs()
            self.err(
                node,
                f"unknown statement '{word}'",
                did_you_mean(word, options + STATEMENT_KEYWORDS, "see DSL.md for the statements"),
                length=len(word),
            )
        else:
            options = S.kinds(form)
            self.err(
                node,
                f"unknown {form} kind '{word}'",
                did_you_mean(word, options, f"kinds: {', '.join(options)}"),
                anchor=word,
            )
        return None

    def analysis(self, s: Any) -> str | None:
        if isinstance(s, A.Command):
            sig = self.signature(s.verb, s, s.verb, "command")
            if sig is None:
                return None
            self.command_args(sig, s)
            self.option_group(sig.key, s)  # --- spcpower ---
            return sig.key
        if isinstance(s, A.ChartStmt):
            sig = self.signature(f"chart {s.kind}", s, s.kind, "chart")
            if sig is None:
                return None
            self.command_args(sig, s)
            return sig.key
        if isinstance(s, A.PowerStmt):
            sig = self.signature(f"power {s.test}", s, s.test, "power")
            if sig:
                given = self.options(sig.key, s.options, sig.options, s, table=None)
                solve = [k for k in ("effect", "n", "power") if k in sig.options and k not in given]
                # --- spcpower ---
                trio = S.POWER_SOLVE.get(sig.key)
                if trio is not None:
                    solve = [k for k in trio if k not in given]
                    if len(solve) != 1:
                        self.err(
                            s,
                            f"{sig.key}: give all but exactly one of {', '.join(trio)} (the "
                            f"missing one is solved for); {len(solve)} are missing",
                            "leave out only the quantity to solve for",
                        )
                    return sig.key
                # --- end spcpower ---
                if sig.key != "power proportions" and len(solve) != 1:
                    self.err(
                        s,
                        f"{sig.key}: leave out exactly one of effect, n, power "
                        f"(it is solved for); {len(solve)} are missing",
                        "give the other two",
                    )
                if sig.key == "power proportions" and len(solve) != 1:
                    self.err(s, "power proportions: give exactly one of n, power", None)
            return sig.key if sig else None
        if isinstance(s, A.RegressStmt):
            return self.regress(s)
        if isinstance(s, A.AnalyzeStmt):
            return self.analyze(s)
        if isinstance(s, A.OptimizeStmt):
            return self.optimize(s)
        if isinstance(s, A.MathStmt):
            return self.math(s)
        raise DslError(f"not an analysis statement: {type(s).__name__}")  # pragma: no cover

    # --- spcpower ---
    def option_group(self, key: str, s: Any) -> None:
        """Options that the chosen setting of a selector (arl chart=, powercurve test=) does
        not take are errors at the option."""
        group = S.OPTION_GROUPS.get(key)
        if group is None:
            return
        selector, allowed = group
        chosen = next((o.value for o in s.options if o.key == selector), None)
        if not isinstance(chosen, A.Name) or chosen.id not in allowed:
            return
        ok = allowed[chosen.id]
        for o in s.options:
            if o.key not in ok and o.key in S.SIGNATURES[key].options:
                self.err(
                    o,
                    f"{key} {selector}={chosen.id} takes no option '{o.key}'",
                    f"its options: {', '.join(ok)}",
                    length=len(o.key),
                )

    # --- end spcpower ---
    def command_args(self, sig: S.Signature, s: Any) -> None:
        table = getattr(s, "table", None)
        if table is not None:
            self.table_columns(table, s)
        x = getattr(s, "x", None)
        vs = getattr(s, "vs", None)
        label = sig.key
        if sig.x == "none" and x is not None:
            self.err(x, f"{label} takes no data argument, only options", "remove it")
        elif sig.x == "required" and x is None:
            self.err(s, f"{label} needs data", f"e.g. {sig.verb} mydata.column", length=len(label))
        elif x is not None:
            if sig.x_type == S.FIT:
                self.fit_ref(x, table, label)
            elif sig.x_type == S.MATRIX:
                self.matrix(x, table, label)
            else:
                self.data_ref(x, table)
        for extra in getattr(s, "more_x", ()):
            if not sig.many_x:
                self.err(extra, f"{label} takes one data argument", "remove ', ...'")
                break
            self.data_ref(extra, table)
        if vs is not None:
            if sig.vs == "none":
                self.err(vs, f"{label} does not compare two samples ('vs')", "remove 'vs ...'")
            else:
                self.data_ref(vs, table)
        elif sig.vs == "required" and x is not None:
            self.err(s, f"{label} needs two variables: x vs y", f"e.g. {sig.verb} a vs b in data")
        lo, hi = sig.by
        n_by = len(s.by)
        either = vs is not None and lo == 1 and not sig.vs_and_by
        if n_by and hi == 0:
            self.err(s.by[0], f"{label} takes no 'by' grouping", "remove 'by ...'")
        elif n_by > hi:
            self.err(s.by[hi], f"{label} takes at most {hi} grouping column(s) after 'by'")
        elif n_by < lo and not either:
            what, example = ("'by <group column>'", "y by group in data")
            if sig.vs_and_by:
                what, example = "'by <columns>'", "a vs b by z in data"
            self.err(s, f"{label} needs {what}", f"e.g. {sig.verb} {example}", length=len(label))
        if n_by and vs is not None and not sig.vs_and_by:
            self.err(s.by[0], f"{label}: use either 'vs' or 'by', not both")
        for b in s.by:
            self.data_ref(b, table, what="by")
        self.options(label, s.options, sig.options, s, table=table)

    def fit_ref(self, x: A.Value, table: str | None, label: str) -> None:
        """``predict FIT [in TABLE]``: FIT is a regress result; TABLE has its predictors."""
        if not isinstance(x, A.Name):
            self.err(x, f"{label} needs {S.TYPE_WORDS[S.FIT]}", "e.g. predict fit in new_rows")
            return
        sym = self.lookup(x, x.id, ("result",))
        if sym is None:
            return
        if sym.verb != "regress":
            self.err(
                x,
                f"'{x.id}' is a {sym.verb} result; {label} needs a regress result",
                "fit one first: let fit = regress y ~ x in mydata",
                length=len(x.id),
            )
            return
        cols = self.env[table].columns if table in self.env else None
        if cols is None or sym.formula is None:
            return
        from havoc_tools.regression.formula import Formula

        try:
            f = Formula.parse(sym.formula)
        except ValueError:  # reported where the model was fitted
            return
        missing = sorted(f.variables - {f.response_name} - set(cols))
        if missing:
            self.err(
                x,
                f"{table} lacks the predictor(s) {', '.join(missing)} of {x.id} ({sym.formula})",
                f"{table} has: {', '.join(cols)}",
                anchor=table,
            )

    def spec(self, s: A.SpecStmt) -> None:
        allowed = {k: S.Param(S.NUMBER) for k in ("lsl", "target", "usl")}
        given = self.options("spec", s.options, allowed, s, table=None)
        nums = {k: v.value for k, v in given.items() if isinstance(v, A.Number)}
        if "lsl" not in given and "usl" not in given:
            self.err(s, "a spec needs lsl= and/or usl=", "e.g. spec w lsl=498 target=500 usl=502")
        order = [nums[k] for k in ("lsl", "target", "usl") if k in nums]
        if order != sorted(order) or len(set(order)) != len(order):
            self.err(s, "spec limits must satisfy lsl < target < usl", "check the numbers")

    def design(self, s: A.DesignStmt) -> tuple[str, ...] | None:
        sig = self.signature(f"design {s.kind}", s, s.kind, "design")
        if sig is None:
            return None
        given = self.options(sig.key, s.options, sig.options, s, table=None)
        if s.kind in DOE_KINDS:  # --- doe ---
            return doe_design_check(self, s, given)
        return design_factor_check(self, s, given)

    def regress(self, s: A.RegressStmt) -> str | None:
        sig = S.SIGNATURES.get(s.verb)
        cols = self.table_columns(s.table, s)
        from havoc_tools.regression.formula import Formula

        try:
            names = sorted(Formula.parse(s.formula).variables)
        except ValueError as e:
            self.err(
                s, f"formula {s.formula!r}: {e}", "e.g. y ~ x1 + x2 + I(x1^2)", anchor=s.formula
            )
            names = []
        if cols is not None:
            for name in names:
                if name not in cols:
                    self.err(
                        s,
                        f"formula uses '{name}', which is not a column of {s.table}",
                        did_you_mean(name, cols, f"{s.table} has: {', '.join(cols)}"),
                    )
        if sig is not None:
            self.options(s.verb, s.options, sig.options, s, table=s.table)
        return s.verb

    def analyze(self, s: A.AnalyzeStmt) -> str | None:
        sym = self.lookup(s, s.design, ("design",))
        sig = S.SIGNATURES.get("analyze")
        if sig is None:  # pragma: no cover - analyze is always registered with designs
            return None
        self.options("analyze", s.options, sig.options, s, table=None)
        if sym is None:
            return None
        return "analyze"

    def goal(self, s: A.GoalStmt) -> Symbol:
        line = s.loc.line if s.loc else None
        sig = self.signature(f"goal {s.goal}", s, s.goal, "goal")
        model = self.lookup(s, s.response, ("result",), anchor=s.response)
        if model is not None and model.verb != "analyze":
            self.err(
                s,
                f"'{s.response}' is a {model.verb} result; a goal needs a fitted design model",
                f"fit one first: let {s.response} = analyze <design> response=<data>",
                anchor=s.response,
            )
        if sig is not None:
            given = self.options(sig.key, s.options, sig.options, s, table=None)
            nums = {k: v.value for k, v in given.items() if isinstance(v, A.Number)}
            lo, hi, tg = nums.get("low"), nums.get("high"), nums.get("target")
            if lo is not None and hi is not None and not lo < hi:
                self.err(s, f"goal {s.name}: low ({lo}) must be below high ({hi})", "swap them")
            elif tg is not None and lo is not None and hi is not None and not lo <= tg <= hi:
                self.err(given["target"], f"goal {s.name}: target {tg} lies outside [{lo}, {hi}]")
        factors = model.factors if model is not None else None
        return Symbol("goal", line, factors=factors, verb=s.response)

    def optimize(self, s: A.OptimizeStmt) -> str | None:
        sig = S.SIGNATURES["optimize"]
        given = self.options("optimize", s.options, sig.options, s, table=None)
        designs: dict[tuple[str, ...], str] = {}
        seen: set[str] = set()
        for g in s.goals:
            if g in seen:
                self.err(s, f"goal '{g}' is listed twice", "list each goal once", anchor=g)
            seen.add(g)
            sym = self.lookup(s, g, ("goal",), anchor=g)
            if sym is not None and sym.factors is not None:
                designs.setdefault(sym.factors, g)
        if len(designs) > 1:
            desc = "; ".join(f"{g}: {', '.join(f)}" for f, g in designs.items())
            self.err(
                s,
                f"the goals' models use different factors ({desc})",
                "optimise models fitted on the same design",
            )
        bounds = given.get("bounds")
        if len(designs) == 1 and isinstance(bounds, A.ListValue):
            (factors,) = designs
            if len(bounds.items) != len(factors):
                self.err(
                    bounds,
                    f"bounds has {len(bounds.items)} pairs but the models have "
                    f"{len(factors)} factors ({', '.join(factors)})",
                    "give one [low, high] pair per factor",
                )
        return "optimize"

    def math(self, s: A.MathStmt) -> str | None:
        sig = S.SIGNATURES.get(f"math {s.verb}")
        if sig is None:
            self.err(s, f"'{s.verb}' is not available", length=len(s.verb))
            return None
        self.options(s.verb, s.options, sig.options, s, table=None)
        known = S.math_functions()
        for node in walk_math(s):
            if isinstance(node, A.MCall) and known and node.func not in known:
                self.err(
                    node,
                    f"unknown function '{node.func}'",
                    did_you_mean(node.func, known, f"functions: {', '.join(sorted(known))}"),
                    length=len(node.func),
                )
        return sig.key

    def plot(self, s: A.PlotStmt) -> None:
        sym = self.lookup(s, s.target, ("result", "design"))
        try:
            check_plot_path(s.path)
        except DslError as e:
            self.err(s, e.message, e.fix)
        sig = S.SIGNATURES.get("plot")
        if sig is not None:
            self.options("plot", s.options, sig.options, s, table=None)
        nothing = ("math", "power", "optimize", "predict", "logistic")
        if sym is not None and sym.verb == "regress":
            from havoc_tools.plots import KINDS

            kind = next((o.value for o in s.options if o.key == "kind"), None)
            allowed = KINDS["OLSResult"]
            if (
                isinstance(kind, A.Name)
                and kind.id in S.SIGNATURES["plot"].options["kind"].choices
                and kind.id not in allowed
            ):
                self.err(
                    kind,
                    f"a regress result has plots {', '.join(allowed)}, not {kind.id}",
                    f"use one of {', '.join(allowed)}",
                )
        if sym is not None and sym.verb and sym.verb.split()[0] in nothing:
            self.err(
                s,
                f"'{s.target}' ({sym.verb}) has nothing to plot",
                "plot a chart, regress, design analysis, capability or gage result",
            )


def S_value(v: A.Value) -> str:  # noqa: N802 - reads as a value's source text
    from havoc_tools.dsl.printer import _Values

    return _Values(False).value(v)


def walk_math(s: A.MathStmt):
    stack = [e for e in (s.expr, s.lower, s.upper, s.point, s.rhs) if e is not None]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, A.MBin):
            stack += [node.left, node.right]
        elif isinstance(node, A.MNeg):
            stack.append(node.operand)
        elif isinstance(node, A.MCall):
            stack += list(node.args)


def design_factor_check(ck: Checker, s: A.DesignStmt, given: dict[str, A.Value]):
    """Factor counts must agree across factors=, low=, high=, levels=, generators=."""
    factors = given.get("factors")
    names: tuple[str, ...] | None = None
    k: int | None = None
    if isinstance(factors, A.ListValue):
        names = tuple(getattr(i, "id", "") for i in factors.items)
        k = len(names)
        dupes = {n for n in names if names.count(n) > 1}
        if dupes:
            ck.err(factors, f"factor names repeat: {', '.join(sorted(dupes))}", "use unique names")
    elif isinstance(factors, A.Number) and isinstance(factors.value, int):
        k = factors.value
        names = tuple(design_letters(k))
    if k is None:
        return None
    for key in ("low", "high", "levels", "n_levels"):
        v = given.get(key)
        if isinstance(v, A.ListValue) and key in ("low", "high", "n_levels"):
            if len(v.items) != k:
                ck.err(
                    v,
                    f"{key} has {len(v.items)} values but there are {k} factors",
                    f"give one {key} value per factor",
                )
        if key == "levels" and isinstance(v, A.ListValue) and v.items:
            if isinstance(v.items[0], A.ListValue) and len(v.items) != k:
                ck.err(
                    v,
                    f"levels has {len(v.items)} lists but there are {k} factors",
                    "give one list of levels per factor (or one list for all)",
                )
    gens = given.get("generators")
    if isinstance(gens, A.ListValue) and names is not None:
        letters = set(names) if all(len(n) == 1 for n in names) else set(design_letters(k))
        for g in gens.items:
            if not isinstance(g, A.String):
                continue
            text = g.value.replace(" ", "")
            m = re.fullmatch(r"([A-Za-z])=-?([A-Za-z]+)", text)
            if not m:
                ck.err(
                    g,
                    f'generator {g.value!r} is not of the form "E = ABCD"',
                    'write the new factor, "=", and the product of base factors',
                )
                continue
            used = set(m.group(1) + m.group(2))
            unknown = sorted(used - letters)
            if unknown:
                ck.err(
                    g,
                    f"generator {g.value!r} uses {', '.join(unknown)}, which are not factors "
                    f"({', '.join(sorted(letters))})",
                    "use the factor letters only",
                )
        if len(gens.items) >= k:
            ck.err(
                gens,
                f"{len(gens.items)} generators for {k} factors leaves no base factors",
                "use fewer generators than factors",
            )
    return names


# --- doe --- (fold-over, D-optimal and mixture statements: cross-option checks)
DOE_KINDS = ("foldover", "dsd", "doptimal", "mixture")


def doe_design_check(ck: Checker, s: A.DesignStmt, given: dict[str, A.Value]):
    """Factor names of the new design; fold=, terms= and lower= checked against them."""
    if s.kind == "foldover":
        ref = given.get("design")
        source = ck.env.get(ref.id) if isinstance(ref, A.Name) else None
        names = source.factors if source is not None and source.kind == "design" else None
        fold = given.get("fold")
        if names is not None and isinstance(fold, A.ListValue):
            letters = design_letters(len(names))
            for item in fold.items:
                word = getattr(item, "id", None)
                if word is not None and word not in names and word not in letters:
                    ck.err(
                        item,
                        f"'{word}' is not a factor of design {ref.id}",
                        did_you_mean(word, names, f"its factors are: {', '.join(names)}"),
                    )
        return names
    if s.kind == "doptimal":
        base = given.get("augment")
        if base is not None and "factors" in given:
            ck.err(given["factors"], "give factors= or augment=, not both", "drop factors=")
        elif base is None and "factors" not in given:
            ck.err(s, "design doptimal needs factors=... (or augment=<design>)", length=6)
        if isinstance(base, A.Name):
            source = ck.env.get(base.id)
            if source is not None and source.kind == "design" and source.factors is not None:
                given = {
                    **given,
                    "factors": A.ListValue(items=tuple(A.Name(id=n) for n in source.factors)),
                }
    names = design_factor_check(ck, s, given)
    if names is None:
        return None
    terms = given.get("terms")
    if s.kind == "doptimal" and isinstance(terms, A.String):
        if "model" in given:
            ck.err(terms, "give model= or terms=, not both", "drop one of them")
        from havoc_tools.regression.formula import Formula

        try:
            used = sorted(Formula.parse("_y ~ " + terms.value.split("~")[-1]).variables - {"_y"})
        except ValueError as e:
            ck.err(terms, f"terms {terms.value!r}: {e}", 'e.g. terms="A + B + A:B + I(A^2)"')
            used = []
        for v in used:
            if v not in names:
                ck.err(
                    terms,
                    f"terms use '{v}', which is not a factor",
                    did_you_mean(v, names, f"the factors are: {', '.join(names)}"),
                )
    lower = given.get("lower")
    if s.kind == "mixture" and isinstance(lower, A.ListValue) and len(lower.items) != len(names):
        ck.err(
            lower,
            f"lower has {len(lower.items)} values but there are {len(names)} components",
            "give one lower bound per component",
        )
    return names


# --- end doe ---


def design_letters(k: int) -> list[str]:
    letters = [c for c in "ABCDEFGHJKLMNOPQRSTUVWXYZ"]  # I is skipped, as in Minitab
    return letters[:k] if k <= len(letters) else [f"X{i + 1}" for i in range(k)]


def check(
    program: A.Program | str,
    *,
    data: dict[str, Any] | None = None,
    base_dir: str | Path = ".",
    allow_outside: bool = False,
) -> A.Program:
    """Parse (if given text) and check a program; raise the first :class:`DslError`.

    The error's ``others`` attribute lists any further problems. Returns the Program.
    """
    from havoc_tools.dsl.parser import parse

    source = program if isinstance(program, str) else None
    prog = parse(program) if isinstance(program, str) else program
    if not isinstance(prog, A.Program):
        raise DslError(f"check() needs program text or a Program, got {type(program).__name__}")
    errors = Checker(data=data, base_dir=base_dir, allow_outside=allow_outside).check(prog)
    if errors:
        if source is not None:
            for e in errors:
                e.with_source(source.replace("\r\n", "\n"))
                _move_to_anchor(e)
        first = errors[0]
        first.others = errors[1:]
        raise first
    return prog


def _move_to_anchor(e: DslError) -> None:
    anchor = getattr(e, "anchor", None)
    if not anchor or e.source_line is None or e.column is None:
        return
    m = re.compile(rf"(?<![\w]){re.escape(anchor)}(?![\w])").search(e.source_line, e.column - 1)
    if m:
        e.column, e.length = m.start() + 1, len(anchor)
