"""An incremental session: statements accumulate; each new line runs against what came before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from havoc_tools.dsl import ast as A
from havoc_tools.dsl.checker import check
from havoc_tools.dsl.errors import DslError
from havoc_tools.dsl.executor import Context, execute
from havoc_tools.dsl.parser import parse
from havoc_tools.dsl.printer import format_program


class Session:
    """Feed lines one at a time; the names they define stay for later lines.

    >>> s = Session()
    >>> _ = s.feed("data a = [1.0, 2.0, 4.0]")
    >>> "Shapiro-Wilk" in s.feed("shapiro a")
    True
    """

    def __init__(self, *, base_dir: str | Path = ".", plots_dir: str | Path | None = None) -> None:
        self.base_dir = base_dir
        self.statements: list[A.Statement] = []
        self.ctx = Context(base_dir=base_dir, data=None, plots_dir=plots_dir, allow_outside=False)

    def feed(self, line: str) -> str:
        if line.strip() == ":show":
            return format_program(A.Program(statements=tuple(self.statements))).rstrip()
        if not line.strip():
            return ""
        try:
            new = parse(line).code
            whole = A.Program(statements=(*self.statements, *new))
            check(whole, base_dir=self.base_dir, data=None)
        except DslError as e:
            e.with_source(line)
            return str(e)
        result = execute(A.Program(statements=new), self.ctx, line)
        if result.error is None:
            self.statements.extend(new)
        out: list[Any] = [r.text for r in result.results]
        if result.error is not None:
            out.append(result.error["text"])
        return "\n".join(out)
