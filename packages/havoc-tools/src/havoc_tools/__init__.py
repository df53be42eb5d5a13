"""Statistics, regression, DOE, SPC and symbolic math for quality engineers, with the HAVOC DSL.

No torch. The subpackages load on first attribute access, so ``import havoc_tools`` stays fast:

>>> import havoc_tools as ht
>>> round(ht.stats.ttest_ind([5.1, 4.9, 5.3, 5.0], [5.6, 5.8, 5.5, 5.9]).p_value, 4)
0.0025
>>> ht.doe.fractional_factorial(5, generators=["E = ABCD"]).alias.resolution
5
"""

from __future__ import annotations

import importlib
from importlib.metadata import version as _version
from typing import TYPE_CHECKING, Any

from havoc_tools._result import ToolResult

__version__ = _version("havoc-tools")

_SUBPACKAGES = ("stats", "regression", "symbolic", "doe", "spc", "plots", "dsl")

if TYPE_CHECKING:  # pragma: no cover
    from havoc_tools import doe, dsl, plots, regression, spc, stats, symbolic

__all__ = [
    "ToolResult",
    "__version__",
    "doe",
    "dsl",
    "plots",
    "regression",
    "spc",
    "stats",
    "symbolic",
]


def __getattr__(name: str) -> Any:
    if name in _SUBPACKAGES:
        module = importlib.import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'havoc_tools' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
