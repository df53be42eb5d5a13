"""Errors raised by havoc-data."""

from __future__ import annotations


class DataError(ValueError):
    """Bad data input: missing files, bad YAML, empty corpus, malformed JSONL, bad indices."""
