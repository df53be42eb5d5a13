"""The `havoc` command line.

Each command group lives in its own module under `havoc_cli.commands` and registers itself
through `register(app)`. Modules import only typer at import time, so `havoc --help` stays fast;
the heavy packages are imported inside the command functions.
"""

from __future__ import annotations

import typer

from havoc_cli.commands import analyses, data, design, model, rag, srs, tokenizer, tools

app = typer.Typer(
    name="havoc",
    help="HAVOC: a from-scratch language-model stack for math, statistics, DOE and SPC.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _module in (model, tokenizer, data, tools, analyses, design, rag, srs):
    _module.register(app)


@app.command("version")
def version() -> None:
    """Print the versions of the HAVOC packages installed here."""
    import importlib.metadata as md

    for dist in (
        "havoc-cli",
        "havoc-model",
        "havoc-tokenizer",
        "havoc-data",
        "havoc-tools",
        "havoc-rag",
        "havoc-srs",
    ):
        try:
            typer.echo(f"{dist} {md.version(dist)}")
        except md.PackageNotFoundError:
            typer.echo(f"{dist} (not installed)")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
