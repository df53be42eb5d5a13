"""`python -m havoc_cli ...`: the `havoc` CLI; a bare question is treated as `havoc ask`."""

from __future__ import annotations

import sys

from havoc_cli.main import app


def _argv(argv: list[str]) -> list[str]:
    if argv and not argv[0].startswith("-"):
        import typer.main

        known = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
        if argv[0] not in known and "ask" in known:
            return ["ask", *argv]
    return argv


def main() -> None:
    app(args=_argv(sys.argv[1:]), prog_name="havoc")


if __name__ == "__main__":
    main()
