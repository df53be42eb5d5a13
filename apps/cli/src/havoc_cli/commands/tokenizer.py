"""`havoc` commands backed by havoc-tokenizer (filled in by the tokenizer issue)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Attach this module's commands to the top-level app."""
