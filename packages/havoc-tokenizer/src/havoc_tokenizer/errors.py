"""Errors raised by havoc-tokenizer."""

from __future__ import annotations


class TokenizerError(ValueError):
    """Bad input to the tokenizer or its trainer (missing files, empty corpus, bad ids, ...)."""
