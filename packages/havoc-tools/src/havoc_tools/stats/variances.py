"""Comparing spreads: the F test for two variances, Mood's squared-rank test of scale and the
Fligner-Killeen test (Levene, Brown-Forsythe and Bartlett live in :mod:`.distribution`).

Every function takes two or more samples side by side, a dict, or a long DataFrame with
``dv=``/``group=``, like the other group tests.

>>> from havoc_tools.stats import f_test_variances
>>> round(f_test_variances([4.1, 5.2, 6.3, 5.0], [5.0, 5.1, 4.9, 5.2]).statistic, 3)
49.0
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from havoc_tools._validate import check_alpha, check_alternative
from havoc_tools.stats._common import normality_checks, read_groups
from havoc_tools.stats.results import TestResult


def _two_groups(data: Any, groups: tuple, dv: str | None, group: str | None, min_n: int, test: str):
    names, arrays = read_groups(data, *groups, dv=dv, group=group, min_groups=2, min_n=min_n)
    if len(arrays) != 2:
        raise ValueError(f"{test} compares exactly 2 groups, got {len(arrays)}: {names}")
    return names, arrays


def f_test_variances(
    data: Any = None,
    *groups: Any,
    dv: str | None = None,
    group: str | None = None,
    ratio: float = 1.0,
    alternative: str = "two-sided",
    alpha: float = 0.05,
) -> TestResult:
    """F test of H0: var1 / var2 = ``ratio`` for two normal samples (R's ``var.test``).

    F = (s1^2 / s2^2) / ratio on (n1 - 1, n2 - 1) df; the two-sided p-value is twice the smaller
    tail. The estimate is s1^2 / s2^2 with its exact F-based CI. Very sensitive to
    non-normality: the Shapiro-Wilk checks are recorded; prefer Levene / Brown-Forsythe then.
    """
    from scipy import stats

    check_alternative(alternative)
    alpha = check_alpha(alpha)
    if not (math.isfinite(ratio) and ratio > 0):
        raise ValueError(f"ratio must be a positive number, got {ratio}")
    names, (x, y) = _two_groups(data, groups, dv, group, 2, "the F test of two variances")
    vx, vy = float(np.var(x, ddof=1)), float(np.var(y, ddof=1))
    for nm, v in zip(names, (vx, vy), strict=True):
        if v == 0:
            raise ValueError(f"group {nm!r}: all values are equal; its variance is zero")
    df1, df2 = x.size - 1, y.size - 1
    est = vx / vy
    f = est / ratio
    lower, upper = float(stats.f.cdf(f, df1, df2)), float(stats.f.sf(f, df1, df2))
    p = {"two-sided": min(1.0, 2 * min(lower, upper)), "less": lower, "greater": upper}
    if alternative == "two-sided":
        lo = est / stats.f.ppf(1 - alpha / 2, df1, df2)
        hi = est / stats.f.ppf(alpha / 2, df1, df2)
    elif alternative == "greater":
        lo, hi = est / stats.f.ppf(1 - alpha, df1, df2), math.inf
    else:
        lo, hi = 0.0, est / stats.f.ppf(alpha, df1, df2)
    return TestResult(
        "F test to compare two variances",
        "F",
        f,
        p[alternative],
        [float(df1), float(df2)],
        alternative,
        alpha,
        estimate_name=f"variance ratio {names[0]} / {names[1]}",
        estimate=est,
        ci_low=float(lo),
        ci_high=float(hi),
        n={nm: int(a.size) for nm, a in zip(names, (x, y), strict=True)},
        assumptions=normality_checks(names, [x, y], alpha),
        extra={"variance_1": vx, "variance_2": vy, "ratio_null": ratio},
    )


def _permutation_moments(scores: np.ndarray, m: int) -> tuple[float, float]:
    """Mean and variance of the sum of ``m`` scores drawn without replacement from ``scores``."""
    big_n = scores.size
    mean = m * float(scores.mean())
    var = m * (big_n - m) / (big_n * (big_n - 1)) * float(np.sum((scores - scores.mean()) ** 2))
    return mean, var


def _tie_averaged(values: np.ndarray, scores_of_rank: np.ndarray) -> np.ndarray:
    """Each value's score averaged over its block of tied values (Mielke's tie handling)."""
    order = np.argsort(values, kind="stable")
    sorted_v = values[order]
    out = np.empty(values.size)
    start = 0
    while start < values.size:
        stop = start + 1
        while stop < values.size and sorted_v[stop] == sorted_v[start]:
            stop += 1
        out[order[start:stop]] = scores_of_rank[start:stop].mean()
        start = stop
    return out


def mood_scale(
    data: Any = None,
    *groups: Any,
    dv: str | None = None,
    group: str | None = None,
    alternative: str = "two-sided",
    alpha: float = 0.05,
) -> TestResult:
    """Mood's squared-rank test of equal scale for two samples (a location-free rank test).

    M = sum over the first sample of (rank - (N + 1) / 2)^2, standardised by its permutation
    mean and variance (tied values share the average score); normal approximation.
    ``alternative="greater"``: the first sample is more spread out.
    """
    from scipy import stats

    check_alternative(alternative)
    alpha = check_alpha(alpha)
    names, (x, y) = _two_groups(data, groups, dv, group, 1, "Mood's test")
    xy = np.concatenate([x, y])
    big_n = xy.size
    if big_n < 3:
        raise ValueError(f"Mood's test needs at least 3 values in all, got {big_n}")
    if np.ptp(xy) == 0:
        raise ValueError("all values are equal; there is no spread to compare")
    ranks = np.arange(1, big_n + 1, dtype=float)
    scores = _tie_averaged(xy, (ranks - (big_n + 1) / 2) ** 2)
    m_stat = float(scores[: x.size].sum())
    mean, var = _permutation_moments(scores, x.size)
    z = (m_stat - mean) / math.sqrt(var)
    p = {
        "two-sided": 2 * stats.norm.sf(abs(z)),
        "greater": stats.norm.sf(z),
        "less": stats.norm.cdf(z),
    }[alternative]
    return TestResult(
        "Mood's two-sample test of scale (normal approximation)",
        "z",
        z,
        float(p),
        None,
        alternative,
        alpha,
        n={nm: int(a.size) for nm, a in zip(names, (x, y), strict=True)},
        extra={"M": m_stat, "M_expected": mean, "M_variance": var},
    )


def fligner(
    data: Any = None,
    *groups: Any,
    dv: str | None = None,
    group: str | None = None,
    alpha: float = 0.05,
) -> TestResult:
    """Fligner-Killeen (median-centred) test of equal variances for k groups, robust to
    non-normality: normal scores of the ranks of |x - group median|, chi-square on k - 1 df
    (R's ``fligner.test``)."""
    from scipy import stats

    alpha = check_alpha(alpha)
    names, arrays = read_groups(data, *groups, dv=dv, group=group, min_groups=2, min_n=1)
    dev = np.concatenate([np.abs(a - np.median(a)) for a in arrays])
    if np.ptp(dev) == 0:
        raise ValueError("every absolute deviation from the group medians is equal; no spread")
    big_n = dev.size
    # scores of the mid-ranks (R's fligner.test), not mid-scores as in Mood's test
    scores = stats.norm.ppf(0.5 + stats.rankdata(dev) / (2 * (big_n + 1)))
    grand = scores.mean()
    var = float(np.var(scores, ddof=1))
    stat, start = 0.0, 0
    for a in arrays:
        part = scores[start : start + a.size]
        stat += a.size * (part.mean() - grand) ** 2
        start += a.size
    stat /= var
    k = len(arrays)
    return TestResult(
        "Fligner-Killeen test of equal variances (median-centred)",
        "chi2",
        float(stat),
        float(stats.chi2.sf(stat, k - 1)),
        float(k - 1),
        "two-sided",
        alpha,
        n={nm: int(a.size) for nm, a in zip(names, arrays, strict=True)},
    )
