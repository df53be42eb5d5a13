"""`havoc` commands backed by havoc-rag (filled in by the rag issue)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Attach this module's commands to the top-level app."""
