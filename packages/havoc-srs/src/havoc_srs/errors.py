"""The one error type of havoc-srs: bad input to the pipeline (a ValueError)."""

from __future__ import annotations


class SRSError(ValueError):
    """A question or data set the pipeline cannot take, with what was expected."""
