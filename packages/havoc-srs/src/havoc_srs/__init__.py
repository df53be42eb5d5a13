"""havoc-srs: the eight-stage reasoning stack that answers engineering questions with real,
audited numbers (MODE → GROUND → PLAN → EXECUTE → ARGUE → ARBITER → AUDIT → ANSWER).

>>> from havoc_srs import Pipeline
>>> Pipeline(index=False).run("What is the derivative of x^3*sin(x)?").answer["key_numbers"]["result"]
'x**2*(x*cos(x) + 3*sin(x))'
"""

from __future__ import annotations

from havoc_srs.errors import SRSError
from havoc_srs.generator import FunctionGenerator, Generator
from havoc_srs.mode import FAMILIES
from havoc_srs.pipeline import STAGES, Pipeline, SRSResult

__version__ = "0.1.0"
__all__ = [
    "FAMILIES",
    "STAGES",
    "FunctionGenerator",
    "Generator",
    "Pipeline",
    "SRSError",
    "SRSResult",
    "__version__",
]
