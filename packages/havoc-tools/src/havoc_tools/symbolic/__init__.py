"""Symbolic math from a safe grammar: derivatives, integrals, limits, solving, simplification,
series. Text goes through a lark grammar onto sympy objects; nothing is ever evaluated.

>>> from havoc_tools.symbolic import derive
>>> derive("x^3 + 2x").result
'3*x**2 + 2'
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "derive": "operations",
    "integrate": "operations",
    "limit": "operations",
    "solve": "operations",
    "simplify": "operations",
    "series": "operations",
    "SymbolicResult": "operations",
    "parse_expression": "grammar",
    "ExpressionError": "grammar",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
