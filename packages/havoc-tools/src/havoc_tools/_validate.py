"""Input checks shared by every tool: each failure is a ValueError that names the input."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np


def as_1d(x: Any, name: str, *, min_n: int = 1, allow_nan: bool = False) -> np.ndarray:
    """``x`` as a 1-D float64 array, or a ValueError that says what is wrong with it."""
    if x is None:
        raise ValueError(f"{name}: no data given")
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name}: values must be numbers ({exc})") from None
    if arr.ndim == 0:
        arr = arr.reshape(1)
    if arr.ndim != 1:
        arr = np.squeeze(arr)
        if arr.ndim != 1:
            raise ValueError(f"{name}: expected a 1-D sequence of numbers, got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name}: is empty")
    if not allow_nan and np.isnan(arr).any():
        idx = int(np.flatnonzero(np.isnan(arr))[0])
        raise ValueError(f"{name}: contains NaN (first at position {idx}); drop or impute it first")
    if np.isinf(arr).any():
        idx = int(np.flatnonzero(np.isinf(arr))[0])
        raise ValueError(f"{name}: contains an infinite value at position {idx}")
    if arr.size < min_n:
        raise ValueError(f"{name}: needs at least {min_n} observations, got {arr.size}")
    return arr


def not_constant(arr: np.ndarray, name: str) -> np.ndarray:
    if arr.size > 0 and np.ptp(arr) == 0:
        raise ValueError(f"{name}: all values are equal ({arr[0]:g}); the statistic is undefined")
    return arr


def same_length(arrays: Sequence[np.ndarray], names: Sequence[str]) -> None:
    lengths = {n: a.size for a, n in zip(arrays, names, strict=True)}
    if len(set(lengths.values())) > 1:
        desc = ", ".join(f"{n}={k}" for n, k in lengths.items())
        raise ValueError(f"lengths differ ({desc}); paired data needs equal lengths")


def check_alpha(alpha: float) -> float:
    if not (0.0 < float(alpha) < 1.0):
        raise ValueError(f"alpha must be between 0 and 1 (exclusive), got {alpha}")
    return float(alpha)


ALTERNATIVES = ("two-sided", "less", "greater")


def check_alternative(alternative: str) -> str:
    if alternative not in ALTERNATIVES:
        raise ValueError(f"alternative must be one of {ALTERNATIVES}, got {alternative!r}")
    return alternative


def column(df: Any, name: str) -> Any:
    """A column of a DataFrame, or a ValueError listing the columns there are."""
    if name not in df.columns:
        raise ValueError(f"column {name!r} not found; available: {', '.join(map(str, df.columns))}")
    return df[name]
