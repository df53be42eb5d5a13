"""`havoc run`, `havoc check`, `havoc fmt` and `havoc repl`: the HAVOC DSL (havoc-tools)."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    """Attach this module's commands to the top-level app."""

    @app.command("run")
    def run_cmd(
        file: Path | None = typer.Argument(None, help="a .havoc program"),
        expr: list[str] | None = typer.Option(
            None, "-e", "--expr", help="a DSL statement instead of a file (repeat for more lines)"
        ),
        data: list[str] | None = typer.Option(
            None,
            "--data",
            help="a CSV file (or NAME=FILE.csv), loaded as a table named after the file's stem",
        ),
        json_out: bool = typer.Option(False, "--json", help="print one JSON document"),
        plots: Path | None = typer.Option(None, "--plots", help="folder for plot files"),
    ) -> None:
        """Run a DSL program (a file, or -e statements): one result per statement.

        Example: havoc run -e 'ttest line1 vs line2 in fill' --data fill.csv
        """
        from havoc_cli.dsl_bridge import UsageError, execute, fail, load_csv, report

        if (file is None) == (not expr):
            fail("give a program file or -e 'STATEMENT', not both and not neither")
        if file is not None and not data:
            from havoc_tools.dsl.cli import run_file

            code = run_file(str(file), as_json=json_out, plots=str(plots) if plots else None)
            raise typer.Exit(code)
        try:
            tables = [load_csv(spec) for spec in data or []]
        except UsageError as e:
            fail(str(e))
        names = [t.name for t in tables]
        clash = sorted({n for n in names if names.count(n) > 1})
        if clash:
            fail(f"two --data files would both be table {clash[0]!r}; use NAME=FILE.csv")
        if file is not None:
            if not file.is_file():
                fail(f"no such file: {file}")
            source, base_dir = file.read_text(encoding="utf-8"), file.resolve().parent
        else:
            source, base_dir = "\n".join(expr or []) + "\n", Path.cwd()
        result = execute(source, tables=tables, base_dir=base_dir, plots_dir=plots)
        raise typer.Exit(report(result, as_json=json_out, tables=tables, usage_on_check=False))

    @app.command("check")
    def check_cmd(file: Path = typer.Argument(..., help="a .havoc program")) -> None:
        """Check a DSL program (names, types, columns, factor counts) without running it."""
        from havoc_tools.dsl.cli import check_file

        raise typer.Exit(check_file(str(file)))

    @app.command("fmt")
    def fmt_cmd(
        file: Path = typer.Argument(..., help="a .havoc program"),
        write: bool = typer.Option(False, "--write", help="rewrite the file in place"),
    ) -> None:
        """Print a DSL program in canonical form."""
        from havoc_tools.dsl.cli import fmt_file

        raise typer.Exit(fmt_file(str(file), write=write))

    @app.command("repl")
    def repl_cmd(
        base_dir: Path = typer.Option(Path("."), "--base-dir", help="folder CSV paths resolve in"),
        plots: Path | None = typer.Option(None, "--plots", help="folder for plot files"),
    ) -> None:
        """Interactive DSL session: each line runs with everything defined before it."""
        from havoc_tools.dsl.repl import Session

        session = Session(base_dir=base_dir, plots_dir=plots)
        typer.echo("HAVOC DSL — one statement per line; :quit to leave, :show for the program")
        while True:
            try:
                line = input("havoc> ")
            except (EOFError, KeyboardInterrupt):
                typer.echo()
                break
            if line.strip() in (":q", ":quit", "exit"):
                break
            typer.echo(session.feed(line))
