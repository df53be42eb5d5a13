"""Model proposals for PLAN: a DSL program from the Generator, accepted only when it holds up.

A proposal replaces the rules' program only when all of these hold, checked in this order:

1. the whole text parses and type-checks against the plan's named data (the DSL checker: every
   name, column and option must exist and fit);
2. it keeps its main result as ``let primary = ...`` (or ``design primary = ...``);
3. that statement belongs to the question's family (``VERBS`` of the family module);
4. it runs the same analysis on the same data as the rules' plan, so the family's checks and its
   independent audit apply to it (options such as ``alpha`` may differ).

Otherwise the rules' plan stands and :class:`Review` says why, for the trace.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from havoc_tools.dsl import ast as A

from havoc_srs.plan import Plan


@dataclass
class Review:
    accepted: bool
    reason: str
    program: A.Program | None = None

    @property
    def note(self) -> str:
        if self.accepted:
            return "model proposal accepted (parsed, checked against the data, same family and analysis)"
        return f"model proposal rejected ({self.reason}); rules decide"


def prompt_for(question: str, plan: Plan) -> str:
    """The PLAN prompt: the question and the named data (with a table's columns)."""
    names = []
    for key in sorted(plan.data):
        cols = getattr(plan.data[key], "columns", None)
        names.append(f"{key}({', '.join(map(str, cols))})" if cols is not None else key)
    return (
        f"Write a HAVOC DSL program for: {question}\nData names: {', '.join(names)}\n"
        "Keep the main result as 'let primary = ...'.\n<DSL_BEGIN>\n"
    )


def review(text: Any, plan: Plan) -> Review:
    """Whether the proposed program ``text`` may replace ``plan.program`` (see the module doc)."""
    from havoc_tools.dsl import DslError, check

    from havoc_srs.families import TABLE

    if not isinstance(text, str) or not text.strip():
        return Review(False, "empty proposal")
    try:
        prog = check(text, data=plan.data)
    except DslError as e:
        where = f" at line {e.line}" if getattr(e, "line", None) else ""
        return Review(False, f"does not check as DSL against the data{where}: {e.message}")
    primary = _primary(prog)
    if primary is None:
        return Review(False, "no 'let primary = ...' holding the main result")
    family = family_of(primary)
    if family is None or family not in TABLE[plan.family].VERBS:
        fams = [f for f, m in TABLE.items() if family in getattr(m, "VERBS", ())]
        return Review(
            False,
            f"its main statement ({family or type(primary).__name__}) belongs to "
            f"{', '.join(fams) or 'no family'}, not to the question's family {plan.family}",
        )
    planned = _primary(plan.program) if plan.program is not None else None
    if planned is None:
        return Review(False, "the rules made no program to compare with")
    if _key(primary) != _key(planned):
        return Review(
            False,
            f"it runs {_key(primary)} where the plan runs {_key(planned)}; the checks and the "
            "audit are written for the planned analysis",
        )
    known = set(plan.data)
    for value in plan.data.values():
        known.update(str(c) for c in getattr(value, "columns", ()))
    got, want = _data_names(primary, known), _data_names(planned, known)
    if got != want:
        return Review(
            False,
            f"it reads {', '.join(got[0] + tuple(sorted(got[1])))} where the plan reads "
            f"{', '.join(want[0] + tuple(sorted(want[1])))}",
        )
    return Review(True, "", prog)


def family_of(stmt: Any) -> str | None:
    """The DSL word that says what a statement computes: ttest, chart, regress, design, ..."""
    if isinstance(stmt, A.DesignStmt):
        return "design"
    if isinstance(stmt, A.Command):
        return stmt.verb
    if isinstance(stmt, A.RegressStmt):
        return "regress"
    return {
        A.ChartStmt: "chart",
        A.PowerStmt: "power",
        A.AnalyzeStmt: "analyze",
        A.MathStmt: "math",
    }.get(type(stmt))


def _primary(prog: A.Program) -> Any:
    for s in prog.code:
        if isinstance(s, A.Let) and s.name == "primary":
            return s.command
        if isinstance(s, A.DesignStmt) and s.name == "primary":
            return s
    return None


def _key(stmt: Any) -> str:
    """The analysis a statement runs: its verb and kind (``chart xbar_r``, ``power ttest``)."""
    word = family_of(stmt) or type(stmt).__name__
    sub = getattr(stmt, "kind", None) or getattr(stmt, "test", None)
    if isinstance(stmt, A.MathStmt):
        sub = stmt.verb
    return f"{word} {sub}" if sub and word != sub else word


def _data_names(stmt: Any, known: set[str]) -> tuple[tuple[str, ...], frozenset[str]]:
    """The data names, tables and columns (of ``known``) a statement reads: its arguments in
    order (``x vs y`` is not ``y vs x``), and those its options name."""
    args: list[str] = []
    in_options: set[str] = set()

    def walk(x: Any, into: Any) -> None:
        if isinstance(x, A.Name):
            into(x.id)
        elif isinstance(x, A.Option):
            walk(x.value, in_options.add)
        elif dataclasses.is_dataclass(x) and not isinstance(x, type):
            for f in dataclasses.fields(x):
                if f.name != "loc":
                    walk(getattr(x, f.name), into)
        elif isinstance(x, tuple | list):
            for v in x:
                walk(v, into)
        elif isinstance(x, str) and x in known:  # a table named by a plain string field
            into(x)

    walk(stmt, args.append)
    return tuple(a for a in args if a in known), frozenset(in_options & known)


__all__ = ["Review", "family_of", "prompt_for", "review"]
