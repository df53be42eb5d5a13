"""Turn a Design or a DataFrame plus a response into coded numeric arrays for the analyses."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._validate import as_1d, column
from .design import Design


def design_matrix(
    data: Any, response: Any, factors: list[str] | None, *, what: str, code: bool
) -> tuple[np.ndarray, np.ndarray, list[str], np.ndarray, dict[str, tuple[Any, Any]]]:
    """Return (X, y, names, block, actual ranges).

    With a :class:`Design`, X is its coded matrix and ``response`` is a sequence in run order (or
    a column name of ``design.table``). With a DataFrame, ``factors`` names the columns; when
    ``code`` is true two-level numeric columns are coded to -1/+1 from their min and max (a middle
    value becomes 0, a centre point), two-level text columns to -1/+1 in sorted order.
    """
    if isinstance(data, Design):
        X = data.coded_matrix
        names = list(data.factor_names)
        block = np.asarray(data.block, dtype=int)
        if isinstance(response, str):
            raise ValueError(f"{what}: with a Design pass the response values in run order")
        y = as_1d(response, "response", min_n=2)
        if y.size != X.shape[0]:
            raise ValueError(
                f"{what}: response has {y.size} values but the design has {X.shape[0]} runs"
            )
        ranges = {n: (data.factor_levels[n][0], data.factor_levels[n][-1]) for n in names}
        return X, y, names, block, ranges
    if not hasattr(data, "columns"):
        raise ValueError(f"{what}: data must be a Design or a pandas DataFrame")
    if not factors:
        raise ValueError(f"{what}: name the factor columns with factors=[...]")
    if isinstance(response, str):
        y = as_1d(column(data, response), f"response column {response!r}", min_n=2)
    else:
        y = as_1d(response, "response", min_n=2)
    if y.size != len(data):
        raise ValueError(f"{what}: response has {y.size} values but data has {len(data)} rows")
    cols, ranges = [], {}
    for f in factors:
        raw = column(data, f)
        if code:
            values, rng = _code_column(raw, f, what)
        else:
            values = as_1d(raw, f"factor column {f!r}")
            rng = (float(values.min()), float(values.max()))
        cols.append(values)
        ranges[f] = rng
    X = np.stack(cols, axis=1)
    block = np.ones(len(y), dtype=int)
    if "block" in data.columns:
        block = np.asarray(data["block"]).astype(int)
    return X, y, list(factors), block, ranges


def _code_column(raw: Any, name: str, what: str) -> tuple[np.ndarray, tuple[Any, Any]]:
    vals = list(raw)
    try:
        x = np.asarray(vals, dtype=np.float64)
        numeric = True
    except (TypeError, ValueError):
        numeric = False
    if not numeric:
        levels = sorted(set(map(str, vals)))
        if len(levels) != 2:
            raise ValueError(
                f"{what}: text factor {name!r} must have exactly 2 levels, got {levels}"
            )
        return np.array([-1.0 if str(v) == levels[0] else 1.0 for v in vals]), (
            levels[0],
            levels[1],
        )
    if not np.all(np.isfinite(x)):
        raise ValueError(f"{what}: factor column {name!r} contains NaN or inf")
    lo, hi = float(x.min()), float(x.max())
    if lo == hi:
        raise ValueError(f"{what}: factor column {name!r} is constant ({lo:g})")
    mid, half = (lo + hi) / 2, (hi - lo) / 2
    coded = (x - mid) / half
    bad = ~np.isclose(np.abs(coded), 1.0) & ~np.isclose(coded, 0.0)
    if bad.any():
        raise ValueError(
            f"{what}: factor column {name!r} has values other than low, high and centre "
            f"(e.g. {x[bad][0]:g}); use fit_response_surface for more levels"
        )
    return np.round(coded), (lo, hi)
