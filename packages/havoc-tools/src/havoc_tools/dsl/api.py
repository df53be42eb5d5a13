"""The four entry points: parse, check, run and format_program."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from havoc_tools.dsl import ast as A
from havoc_tools.dsl.checker import check
from havoc_tools.dsl.errors import DslError
from havoc_tools.dsl.executor import Context, ProgramResult, execute
from havoc_tools.dsl.parser import parse
from havoc_tools.dsl.printer import format_program

__all__ = ["check", "format_program", "parse", "run"]


def run(
    source: str | A.Program,
    *,
    base_dir: str | Path = ".",
    data: dict[str, Any] | None = None,
    plots_dir: str | Path | None = None,
    allow_outside: bool = False,
) -> ProgramResult:
    """Parse, check and execute a program; one result per statement.

    ``data`` holds pre-loaded named data (DataFrames, dicts of columns, 1-D arrays, earlier tool
    results). CSV paths resolve under ``base_dir``; plots are written only under ``plots_dir``.
    ``allow_outside=True`` lets CSV paths leave ``base_dir`` (for trusted programs only).

    Syntax and check errors come back as a ProgramResult with ``ok=False`` and no results (call
    ``.raise_for_error()`` to turn them into a :class:`DslError`); so do runtime errors, after the
    results of the statements that ran.
    """
    text = source if isinstance(source, str) else None
    try:
        program = check(source, data=data, base_dir=base_dir, allow_outside=allow_outside)
        ctx = Context(
            base_dir=base_dir, data=data, plots_dir=plots_dir, allow_outside=allow_outside
        )
    except DslError as err:
        if text is not None:
            err.with_source(text.replace("\r\n", "\n"))
        info = err.to_dict()
        info["others"] = [e.to_dict() for e in err.others]
        return ProgramResult(results=[], ok=False, error=info)
    if text is None:
        text = format_program(program)
    return execute(program, ctx, text.replace("\r\n", "\n"))
