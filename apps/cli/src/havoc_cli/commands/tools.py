"""`havoc run`, `havoc check`, `havoc fmt` and `havoc repl`: the HAVOC DSL (havoc-tools)."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    """Attach this module's commands to the top-level app."""

    @app.command("run")
    def run_cmd(
        file: Path = typer.Argument(..., help="a .havoc program"),
        json_out: bool = typer.Option(False, "--json", help="print one JSON document"),
        plots: Path | None = typer.Option(None, "--plots", help="folder for plot files"),
    ) -> None:
        """Run a DSL program: one result per statement."""
        from havoc_tools.dsl.cli import run_file

        raise typer.Exit(run_file(str(file), as_json=json_out, plots=str(plots) if plots else None))

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
