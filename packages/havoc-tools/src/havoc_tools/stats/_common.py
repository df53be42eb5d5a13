"""Shared plumbing for the tests: reading groups, assumption checks, CI helpers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from havoc_tools._validate import as_1d, check_alpha, column
from havoc_tools.stats.results import Assumption


def read_groups(
    data: Any = None,
    *groups: Any,
    dv: str | None = None,
    group: str | None = None,
    min_groups: int = 2,
    min_n: int = 2,
) -> tuple[list[str], list[np.ndarray]]:
    """Groups from any of: several arrays, a list of arrays, a dict name -> values, or a long
    DataFrame with ``dv=`` and ``group=`` columns. Returns (names, arrays)."""
    names: list[str]
    arrays: list[Any]
    if data is not None and hasattr(data, "columns") and not groups:
        if dv is None or group is None:
            raise ValueError("a DataFrame needs dv= (the response column) and group= (the factor)")
        y = column(data, dv)
        g = column(data, group)
        if g.isna().any():
            raise ValueError(f"column {group!r} has missing group labels")
        names, arrays = [], []
        for level in _ordered_levels(g):
            names.append(str(level))
            arrays.append(y[g == level].to_numpy())
    elif isinstance(data, Mapping) and not groups:
        names = [str(k) for k in data]
        arrays = list(data.values())
    elif groups:
        arrays = [data, *groups]
        names = [f"group{i + 1}" for i in range(len(arrays))]
    elif isinstance(data, (list, tuple)) and data and all(np.ndim(a) >= 1 for a in data):
        arrays = list(data)
        names = [f"group{i + 1}" for i in range(len(arrays))]
    else:
        raise ValueError(
            "give the groups as separate arrays, a list of arrays, a dict name -> values, "
            "or a long DataFrame with dv= and group="
        )
    if len(arrays) < min_groups:
        raise ValueError(f"needs at least {min_groups} groups, got {len(arrays)}")
    if len(set(names)) != len(names):
        raise ValueError(f"group names must be unique, got {names}")
    out = [as_1d(a, f"group {n!r}", min_n=min_n) for n, a in zip(names, arrays, strict=True)]
    return names, out


def _ordered_levels(series: Any) -> list[Any]:
    # keep a categorical's declared order, otherwise order of first appearance
    if hasattr(series, "cat"):
        return [c for c in series.cat.categories if (series == c).any()]
    seen: dict[Any, None] = {}
    for v in series.tolist():
        seen.setdefault(v, None)
    return list(seen)


def normality_checks(names: list[str], arrays: list[np.ndarray], alpha: float) -> list[Assumption]:
    """Shapiro-Wilk on each group (3 <= n <= 5000), recorded rather than enforced."""
    from scipy import stats

    out = []
    for name, a in zip(names, arrays, strict=True):
        if a.size < 3 or a.size > 5000 or np.ptp(a) == 0:
            out.append(
                Assumption(
                    f"normality of {name}",
                    "Shapiro-Wilk",
                    None,
                    None,
                    None,
                    "needs 3..5000 non-constant values",
                )
            )
            continue
        w, p = stats.shapiro(a)
        out.append(
            Assumption(f"normality of {name}", "Shapiro-Wilk", float(w), float(p), bool(p >= alpha))
        )
    return out


def variance_check(arrays: list[np.ndarray], alpha: float) -> Assumption:
    from scipy import stats

    if any(a.size < 2 for a in arrays) or all(np.ptp(a) == 0 for a in arrays):
        return Assumption(
            "equal variances", "Levene (median)", None, None, None, "too few values to check"
        )
    stat, p = stats.levene(*arrays, center="median")
    return Assumption("equal variances", "Levene (median)", float(stat), float(p), bool(p >= alpha))


def t_ci(
    estimate: float, se: float, df: float, alpha: float, alternative: str
) -> tuple[float, float]:
    from scipy import stats

    if alternative == "two-sided":
        q = stats.t.ppf(1 - alpha / 2, df)
        return estimate - q * se, estimate + q * se
    q = stats.t.ppf(1 - alpha, df)
    if alternative == "greater":
        return estimate - q * se, float("inf")
    return float("-inf"), estimate + q * se


def t_pvalue(t: float, df: float, alternative: str) -> float:
    from scipy import stats

    if alternative == "two-sided":
        return float(2 * stats.t.sf(abs(t), df))
    if alternative == "greater":
        return float(stats.t.sf(t, df))
    return float(stats.t.cdf(t, df))


def z_pvalue(z: float, alternative: str) -> float:
    from scipy import stats

    if alternative == "two-sided":
        return float(2 * stats.norm.sf(abs(z)))
    if alternative == "greater":
        return float(stats.norm.sf(z))
    return float(stats.norm.cdf(z))


def ncp_interval(t_obs: float, df: float, conf: float) -> tuple[float | None, float | None]:
    """Confidence interval for the noncentrality parameter of a t statistic (Steiger & Fouladi)."""
    from scipy import optimize, stats

    lo_q, hi_q = (1 + conf) / 2, (1 - conf) / 2

    def solve(q: float) -> float | None:
        f = lambda ncp: stats.nct.cdf(t_obs, df, ncp) - q  # noqa: E731
        # cdf falls as ncp grows: walk from t_obs towards the root in unit steps so the
        # noncentral t is never evaluated deep in a tail (where it returns NaN)
        a = float(t_obs)
        fa = f(a)
        step = 1.0 if fa > 0 else -1.0
        for _ in range(200):
            b = a + step
            fb = f(b)
            if not np.isfinite(fb):
                return None
            if (fb > 0) != (fa > 0):
                lo, hi = (a, b) if a < b else (b, a)
                return float(optimize.brentq(f, lo, hi, xtol=1e-12))
            a, fa = b, fb
        return None

    return solve(lo_q), solve(hi_q)


def check_conf(alpha: float) -> float:
    return check_alpha(alpha)


def finite_or_none(x: float) -> float | None:
    return float(x) if np.isfinite(x) else None
