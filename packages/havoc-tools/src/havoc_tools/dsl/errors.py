"""The one error type of the DSL: every user mistake is a DslError with a location and a fix."""

from __future__ import annotations

from typing import Any


class DslError(ValueError):
    """A mistake in a DSL program (syntax, check or run time).

    ``line``/``column`` are 1-based; ``source_line`` is the offending line, ``fix`` a plain
    sentence saying what to write instead. ``str(err)`` shows all of it with a caret::

        error at line 2, column 7: unknown data 'fil'
          2 | ttest fil.line1 vs fill.line2
            |       ^^^
        fix: did you mean 'fill'?
    """

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        length: int = 1,
        source_line: str | None = None,
        fix: str | None = None,
        phase: str = "syntax",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.length = max(1, int(length))
        self.source_line = source_line
        self.fix = fix
        self.phase = phase
        self.others: list[DslError] = []  # further problems found by the same check

    @property
    def caret(self) -> str | None:
        """The marker line: spaces up to the column, then ``^`` under the offending text."""
        if self.column is None or self.source_line is None:
            return None
        prefix = "".join(c if c == "\t" else " " for c in self.source_line[: self.column - 1])
        room = max(1, len(self.source_line) - (self.column - 1))
        return prefix + "^" * min(self.length, room)

    def with_source(self, source: str) -> DslError:
        """Fill in ``source_line`` from the program text (no-op without a line number)."""
        if self.line is not None and self.source_line is None:
            lines = source.splitlines()
            if 1 <= self.line <= len(lines):
                self.source_line = lines[self.line - 1]
        return self

    def __str__(self) -> str:
        where = ""
        if self.line is not None:
            where = f" at line {self.line}" + (
                f", column {self.column}" if self.column is not None else ""
            )
        head = "runtime error" if self.phase == "runtime" else "error"
        out = [f"{head}{where}: {self.message}"]
        if self.source_line is not None and self.line is not None:
            gutter = str(self.line)
            out.append(f"  {gutter} | {self.source_line}")
            if self.caret is not None:
                out.append(f"  {' ' * len(gutter)} | {self.caret}")
        if self.fix:
            out.append(f"fix: {self.fix}")
        return "\n".join(out)

    def to_dict(self) -> dict[str, Any]:
        return {
            "message": self.message,
            "phase": self.phase,
            "line": self.line,
            "column": self.column,
            "length": self.length,
            "source_line": self.source_line,
            "caret": self.caret,
            "fix": self.fix,
            "text": str(self),
        }
