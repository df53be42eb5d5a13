"""Turning user data (DataFrame, dict of columns) into a column environment for formulas."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np


def environment(data: Any, needed: set[str]) -> dict[str, Any]:
    if data is None:
        raise ValueError("data: no data given")
    if hasattr(data, "columns"):
        cols = {str(c): data[c] for c in data.columns}
    elif isinstance(data, Mapping):
        cols = {str(k): v for k, v in data.items()}
    else:
        raise ValueError("data must be a pandas DataFrame or a dict of column name -> values")
    missing = sorted(needed - set(cols))
    if missing:
        raise ValueError(f"column(s) {missing} not found; available: {', '.join(cols)}")
    env: dict[str, Any] = {}
    n = None
    for name in needed:
        v = cols[name]
        if hasattr(v, "dtype") and getattr(v.dtype, "name", "") == "category":
            arr = np.asarray(v.astype(object))
        else:
            arr = np.asarray(v)
        if arr.ndim != 1:
            raise ValueError(f"column {name!r} must be 1-D, got shape {arr.shape}")
        if n is None:
            n = arr.size
        elif arr.size != n:
            raise ValueError(
                f"columns have different lengths ({name!r} has {arr.size}, others {n})"
            )
        env[name] = arr
    if n == 0:
        raise ValueError("data is empty")
    return env


def _interaction_parts(name: str) -> tuple[str, ...]:
    """The factors of a coefficient name split at ':' outside brackets, in sorted order, so
    ``b:a`` and ``a:b`` (and ``x:C(g)[T.b]``) name the same term."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(name):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == ":" and depth == 0:
            parts.append(name[start:i].strip())
            start = i + 1
    parts.append(name[start:].strip())
    return tuple(sorted(parts))


def find_coefficient(coefficients: list[Any], name: str) -> Any:
    """The coefficient called ``name``, in any order of an interaction's factors."""
    for c in coefficients:
        if c.name == name:
            return c
    key = _interaction_parts(name)
    for c in coefficients:
        if _interaction_parts(c.name) == key:
            return c
    raise KeyError(f"no coefficient {name!r}; have {[c.name for c in coefficients]}")
