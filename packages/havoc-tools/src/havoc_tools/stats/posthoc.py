"""Pairwise comparisons after an ANOVA: Tukey HSD (Tukey-Kramer) and Games-Howell."""

from __future__ import annotations

import math
from itertools import combinations
from typing import Any

import numpy as np

from havoc_tools._validate import check_alpha
from havoc_tools.stats._common import read_groups
from havoc_tools.stats.results import PairwiseRow, PostHocResult


def _means_vars(arrays: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = np.array([a.size for a in arrays], dtype=float)
    m = np.array([math.fsum(a) / a.size for a in arrays])
    v = np.array([math.fsum((a - mi) ** 2) / (a.size - 1) for a, mi in zip(arrays, m, strict=True)])
    return n, m, v


def tukey_hsd(
    data: Any = None,
    *groups: Any,
    dv: str | None = None,
    group: str | None = None,
    alpha: float = 0.05,
) -> PostHocResult:
    """Tukey's honestly significant difference (Tukey-Kramer for unequal n), pooled variance.

    Each row's ``statistic`` is the studentized range q = |mean diff| / se with
    se = sqrt(MS_within / 2 (1/n_i + 1/n_j)) (``statistic_name="q"``). Every group needs at
    least 2 values.
    """
    from scipy import stats

    alpha = check_alpha(alpha)
    names, arrays = read_groups(data, *groups, dv=dv, group=group, min_groups=2, min_n=1)
    small = [nm for nm, a in zip(names, arrays, strict=True) if a.size < 2]
    if small:
        raise ValueError(
            f"tukey_hsd: every group needs at least 2 values; too few in "
            f"{', '.join(repr(nm) for nm in small)}"
        )
    n, m, _ = _means_vars(arrays)
    k, N = len(arrays), n.sum()  # noqa: N806
    df = N - k
    if df <= 0:
        raise ValueError("needs more observations than groups")
    ssw = math.fsum(math.fsum((a - mi) ** 2) for a, mi in zip(arrays, m, strict=True))
    if ssw == 0:
        raise ValueError("every group is constant; the pooled variance is zero")
    msw = ssw / df
    q_crit = float(stats.studentized_range.ppf(1 - alpha, k, df))
    rows = []
    for i, j in combinations(range(k), 2):
        diff = m[j] - m[i]
        se = math.sqrt(msw / 2 * (1 / n[i] + 1 / n[j]))
        q = abs(diff) / se
        p = float(stats.studentized_range.sf(q, k, df))
        half = q_crit * se
        rows.append(
            PairwiseRow(
                names[i],
                names[j],
                diff,
                se,
                q,
                df,
                min(1.0, p),
                diff - half,
                diff + half,
                p < alpha,
                "q",
            )
        )
    return PostHocResult(
        "Tukey HSD (Tukey-Kramer), pooled variance",
        rows,
        alpha,
        {nm: int(c) for nm, c in zip(names, n, strict=True)},
        dict(zip(names, m.tolist(), strict=True)),
    )


def games_howell(
    data: Any = None,
    *groups: Any,
    dv: str | None = None,
    group: str | None = None,
    alpha: float = 0.05,
) -> PostHocResult:
    """Games-Howell pairwise comparisons: unequal variances and sizes (Welch df per pair).

    Each row's ``statistic`` is Welch's t = mean diff / se with se = sqrt(s_i^2/n_i + s_j^2/n_j)
    (``statistic_name="t"``); the p-value is from the studentized range at q = sqrt(2) |t|.
    """
    from scipy import stats

    alpha = check_alpha(alpha)
    names, arrays = read_groups(data, *groups, dv=dv, group=group, min_groups=2, min_n=2)
    n, m, v = _means_vars(arrays)
    if np.any(v == 0):
        raise ValueError(
            f"Games-Howell needs non-constant groups; constant: "
            f"{[nm for nm, vi in zip(names, v, strict=True) if vi == 0]}"
        )
    k = len(arrays)
    rows = []
    for i, j in combinations(range(k), 2):
        diff = m[j] - m[i]
        s2 = v[i] / n[i] + v[j] / n[j]
        se = math.sqrt(s2 / 2)
        df = s2**2 / ((v[i] / n[i]) ** 2 / (n[i] - 1) + (v[j] / n[j]) ** 2 / (n[j] - 1))
        q = abs(diff) / se
        p = float(stats.studentized_range.sf(q, k, df))
        half = float(stats.studentized_range.ppf(1 - alpha, k, df)) * se
        rows.append(
            PairwiseRow(
                names[i],
                names[j],
                diff,
                math.sqrt(s2),
                diff / math.sqrt(s2),
                df,
                min(1.0, p),
                diff - half,
                diff + half,
                p < alpha,
                "t",
            )
        )
    return PostHocResult(
        "Games-Howell (unequal variances, Welch df)",
        rows,
        alpha,
        {nm: int(c) for nm, c in zip(names, n, strict=True)},
        dict(zip(names, m.tolist(), strict=True)),
    )
