"""`havoc` commands backed by havoc-tools (filled in by the tools issue)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Attach this module's commands to the top-level app."""
