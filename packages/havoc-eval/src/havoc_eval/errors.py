"""Errors raised by havoc-eval."""

from __future__ import annotations


class EvalError(ValueError):
    """Bad input to havoc-eval: an unknown benchmark or suite, a malformed report, a bad option."""


class SkipBenchmark(Exception):  # noqa: N818 - a control-flow signal, not an error
    """Raised inside a benchmark to skip it cleanly with a reason (e.g. an optional part is absent)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
