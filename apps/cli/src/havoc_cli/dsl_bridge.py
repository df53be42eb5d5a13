"""What `havoc run -e` and the short analysis commands share: CSV tables and running a program.

The short commands (`havoc ttest`, `havoc chart`, ...) never compute anything themselves: they
build a DSL program from their arguments with the AST constructors of ``havoc_tools.dsl.ast``
(which validate every name, so user text never becomes program text) and run it here.

Exit codes: 0 success; 2 bad input (no such file, unknown column, options the analysis does not
take); 1 the analysis itself failed on the data (for example a constant column).
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import typer

EXIT_FAILED, EXIT_USAGE = 1, 2


class UsageError(ValueError):
    """Bad command-line input; reported as ``error: ...`` with exit code 2."""


def fail(message: str, code: int = EXIT_USAGE) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def identifier(text: str, fallback: str) -> str:
    """A DSL name for a file stem or column header: ``fill-2024`` -> ``fill_2024``.

    Reserved words of the DSL (``data``, ``table``, ...) get a ``_csv`` suffix for tables and a
    trailing ``_`` for columns, so every CSV can be named.
    """
    from havoc_tools.dsl.ast import KEYWORDS

    name = re.sub(r"[^A-Za-z0-9_]+", "_", text.strip()).strip("_")
    if not name:
        return fallback
    if name[0].isdigit():
        name = "_" + name
    if name in KEYWORDS:
        name += "_csv" if fallback == "table" else "_"
    return name


@dataclass
class CsvTable:
    """A CSV file loaded for the DSL: its table name, the frame and header -> DSL column names."""

    path: Path
    name: str
    frame: Any  # pandas.DataFrame with DSL-safe column names
    columns: dict[str, str] = field(default_factory=dict)  # original header -> DSL name

    def column(self, wanted: str, what: str = "column") -> str:
        """The DSL name of column ``wanted`` (its header or its DSL name), or a UsageError."""
        if wanted in self.columns:
            return self.columns[wanted]
        if wanted in self.columns.values():
            return wanted
        headers = list(self.columns)
        close = difflib.get_close_matches(wanted, headers, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise UsageError(
            f"{what} {wanted!r} is not in {self.path.name} (columns: {', '.join(headers)}){hint}"
        )

    def describe(self) -> str:
        renamed = [f"{k} -> {v}" for k, v in self.columns.items() if k != v]
        cols = ", ".join(self.columns.values())
        note = f"; renamed for the DSL: {', '.join(renamed)}" if renamed else ""
        return f"{self.path.name} is loaded as table {self.name!r} (columns: {cols}{note})"


def load_csv(spec: str, name: str | None = None) -> CsvTable:
    """Read ``FILE.csv`` (or ``NAME=FILE.csv``) into a table named after the file's stem."""
    import pandas as pd

    if name is None and "=" in spec and not Path(spec).exists():
        name, spec = (part.strip() for part in spec.split("=", 1))
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise UsageError(f"table name {name!r} must be letters, digits and _ (NAME=FILE.csv)")
    path = Path(spec)
    if not path.is_file():
        raise UsageError(f"no such file: {spec}")
    try:
        frame = pd.read_csv(path, skipinitialspace=True)
    except (OSError, UnicodeDecodeError, ValueError, pd.errors.ParserError) as e:
        raise UsageError(f"cannot read {spec} as CSV: {e}") from None
    if frame.empty or len(frame.columns) == 0:
        raise UsageError(f"{spec} has no data rows")
    table_name = identifier(name or path.stem, "table")
    if name is not None and table_name != name:
        raise UsageError(f"table name {name!r} is a reserved word of the DSL; pick another")
    columns: dict[str, str] = {}
    for i, header in enumerate(frame.columns):
        safe = identifier(str(header), f"col{i + 1}")
        if safe in columns.values():
            other = next(k for k, v in columns.items() if v == safe)
            raise UsageError(
                f"columns {other!r} and {header!r} of {spec} both become {safe!r} in the DSL; "
                "rename one of them"
            )
        columns[str(header)] = safe
    frame.columns = list(columns.values())
    return CsvTable(path=path, name=table_name, frame=frame, columns=columns)


def plot_target(plot: Path | None) -> tuple[str | None, Path | None]:
    """``--plot out/chart.png`` -> (file name for the plot statement, folder for plots_dir)."""
    if plot is None:
        return None, None
    if plot.suffix.lower() not in (".png", ".svg"):
        raise UsageError(f"--plot {plot}: the file must end in .png or .svg")
    folder = plot.expanduser().resolve().parent
    folder.mkdir(parents=True, exist_ok=True)
    return plot.name, folder


def execute(
    program: Any,
    *,
    tables: Sequence[CsvTable] = (),
    base_dir: Path | str = ".",
    plots_dir: Path | str | None = None,
) -> Any:
    """Run a DSL program (text or ``Program``) with the CSV tables pre-loaded."""
    from havoc_tools.dsl import run

    data = {t.name: t.frame for t in tables}
    return run(program, base_dir=base_dir, data=data or None, plots_dir=plots_dir)


def report(
    result: Any, *, as_json: bool, tables: Sequence[CsvTable] = (), usage_on_check: bool = True
) -> int:
    """Print a program's results (readable text or one JSON document); return the exit code.

    ``usage_on_check``: a syntax/check error means the command line was wrong (exit 2) — true for
    the short commands, which write the program themselves; `havoc run` keeps exit 1 for any
    error in the user's own program.
    """
    if as_json:
        sys.stdout.write(json.dumps(result.to_dict(), indent=2, allow_nan=False) + "\n")
    else:
        from rich.console import Console
        from rich.rule import Rule
        from rich.text import Text

        console = Console(highlight=False, soft_wrap=True)
        for r in result.results:
            console.print(Rule(Text(r.statement, style="bold"), align="left"))
            console.print(Text(r.text))
            console.print()
    if result.error is not None:
        err = result.error
        typer.echo(err["text"], err=True)
        for other in err.get("others", []):
            typer.echo(other["text"], err=True)
        if err.get("phase") != "runtime":
            for t in tables:
                typer.echo(f"note: {t.describe()}", err=True)
            return EXIT_USAGE if usage_on_check else EXIT_FAILED
        return EXIT_FAILED
    return 0
