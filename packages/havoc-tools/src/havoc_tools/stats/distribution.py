"""Normality (Shapiro-Wilk, Anderson-Darling) and equal-variance (Levene, Bartlett) tests."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from havoc_tools._validate import as_1d, check_alpha, not_constant
from havoc_tools.stats._common import read_groups
from havoc_tools.stats.results import TestResult


def shapiro_wilk(x: Any, *, alpha: float = 0.05) -> TestResult:
    """Shapiro-Wilk W test of normality (Royston's algorithm, 3 <= n <= 5000 for exact p)."""
    from scipy import stats

    alpha = check_alpha(alpha)
    a = not_constant(as_1d(x, "x", min_n=3), "x")
    w, p = stats.shapiro(a)
    note = {"warning": "p-value may be inaccurate for n > 5000"} if a.size > 5000 else {}
    return TestResult(
        "Shapiro-Wilk normality test",
        "W",
        float(w),
        float(p),
        None,
        "two-sided",
        alpha,
        n={"x": int(a.size)},
        extra=note,
    )


def _ad_pvalue(a2star: float) -> float:
    # D'Agostino & Stephens (1986), Table 4.9: normal with mean and variance estimated
    if a2star >= 0.6:
        return math.exp(1.2937 - 5.709 * a2star + 0.0186 * a2star**2)
    if a2star >= 0.34:
        return math.exp(0.9177 - 4.279 * a2star - 1.38 * a2star**2)
    if a2star >= 0.2:
        return 1 - math.exp(-8.318 + 42.796 * a2star - 59.938 * a2star**2)
    return 1 - math.exp(-13.436 + 101.14 * a2star - 223.73 * a2star**2)


def anderson_darling(x: Any, *, alpha: float = 0.05) -> TestResult:
    """Anderson-Darling test of normality (mean and variance estimated); p-value from the
    D'Agostino-Stephens approximation on the small-sample corrected A*^2."""
    alpha = check_alpha(alpha)
    a = not_constant(as_1d(x, "x", min_n=8), "x")
    from scipy import stats

    n = a.size
    s = np.sort(a)
    z = (s - s.mean()) / s.std(ddof=1)
    logcdf = stats.norm.logcdf(z)
    logsf = stats.norm.logsf(z)
    i = np.arange(1, n + 1)
    a2 = -n - math.fsum((2 * i - 1) * (logcdf + logsf[::-1])) / n
    a2star = a2 * (1 + 0.75 / n + 2.25 / n**2)
    p = min(1.0, max(0.0, _ad_pvalue(a2star)))
    return TestResult(
        "Anderson-Darling normality test",
        "A2",
        a2,
        p,
        None,
        "two-sided",
        alpha,
        n={"x": int(n)},
        extra={"A2_star": a2star},
    )


def levene(
    data: Any = None,
    *groups: Any,
    dv: str | None = None,
    group: str | None = None,
    center: str = "median",
    alpha: float = 0.05,
) -> TestResult:
    """Levene's test of equal variances; ``center="median"`` (default) is Brown-Forsythe."""
    from scipy import stats

    alpha = check_alpha(alpha)
    if center not in ("median", "mean", "trimmed"):
        raise ValueError(f"center must be 'median', 'mean' or 'trimmed', got {center!r}")
    names, arrays = read_groups(data, *groups, dv=dv, group=group, min_groups=2, min_n=2)
    if all(np.ptp(a) == 0 for a in arrays):
        raise ValueError("every group is constant; the variances are all zero")
    stat, p = stats.levene(*arrays, center=center)
    k, N = len(arrays), sum(a.size for a in arrays)  # noqa: N806
    label = {
        "median": "Brown-Forsythe, center = median",
        "mean": "original Levene, center = mean",
        "trimmed": "center = 10% trimmed mean",
    }[center]
    return TestResult(
        f"Levene's test of equal variances ({label})",
        "W",
        float(stat),
        float(p),
        [float(k - 1), float(N - k)],
        "two-sided",
        alpha,
        n={nm: int(a.size) for nm, a in zip(names, arrays, strict=True)},
        extra={"center": center},
    )


def bartlett(
    data: Any = None,
    *groups: Any,
    dv: str | None = None,
    group: str | None = None,
    alpha: float = 0.05,
) -> TestResult:
    """Bartlett's test of equal variances (sensitive to non-normality; prefer Levene then)."""
    from scipy import stats

    alpha = check_alpha(alpha)
    names, arrays = read_groups(data, *groups, dv=dv, group=group, min_groups=2, min_n=2)
    const = [nm for nm, a in zip(names, arrays, strict=True) if np.ptp(a) == 0]
    if const:
        raise ValueError(f"Bartlett's test needs non-constant groups; constant: {const}")
    stat, p = stats.bartlett(*arrays)
    return TestResult(
        "Bartlett's test of equal variances",
        "chi2",
        float(stat),
        float(p),
        float(len(arrays) - 1),
        "two-sided",
        alpha,
        n={nm: int(a.size) for nm, a in zip(names, arrays, strict=True)},
    )
