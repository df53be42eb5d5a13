"""The HAVOC DSL: a small statement language for DOE, SPC and statistics studies.

>>> from havoc_tools.dsl import run
>>> res = run("data a = [5.1, 4.9, 5.3, 5.0, 5.2]\\nlet t = ttest a mu=5")
>>> res.ok, res.results[1].kind
(True, 'ttest')

The reference is ``DSL.md`` next to this package's README.
"""

from __future__ import annotations

from havoc_tools.dsl.api import check, format_program, parse, run
from havoc_tools.dsl.ast import Program
from havoc_tools.dsl.errors import DslError
from havoc_tools.dsl.executor import ProgramResult, StatementResult

__all__ = [
    "DslError",
    "Program",
    "ProgramResult",
    "StatementResult",
    "check",
    "format_program",
    "parse",
    "run",
]
