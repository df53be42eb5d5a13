"""`havoc` commands backed by havoc-srs (filled in by the srs issue)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Attach this module's commands to the top-level app."""
