"""Symbolic math from a safe grammar: derivatives, integrals, limits, solving, simplification,
series. Text goes through a lark grammar onto sympy objects; nothing is ever evaluated.

>>> from havoc_tools.symbolic import derive
>>> derive("x^3 + 2x").result
'3*x**2 + 2'
"""

from __future__ import annotations

from havoc_tools._lazy import lazy_exports

_WHERE = {
    "derive": "operations",
    "integrate": "operations",
    "limit": "operations",
    "solve": "operations",
    "simplify": "operations",
    "series": "operations",
    "SymbolicResult": "operations",
    "parse_expression": "grammar",
    "read_notation": "notation",
    "parse_notation": "notation",
    "ExpressionError": "grammar",
    "LimitError": "limits",
    "SymbolicLimits": "limits",
}

__all__ = sorted(_WHERE)

__getattr__, __dir__ = lazy_exports(__name__, _WHERE)
