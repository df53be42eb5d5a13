"""Rank tests: Mann-Whitney U, Wilcoxon signed-rank, Kruskal-Wallis H."""

from __future__ import annotations

from typing import Any

import numpy as np

from havoc_tools._validate import as_1d, check_alpha, check_alternative, same_length
from havoc_tools.stats._common import read_groups
from havoc_tools.stats.results import EffectSize, TestResult


def mann_whitney(
    x: Any,
    y: Any = None,
    *,
    alternative: str = "two-sided",
    method: str = "auto",
    use_continuity: bool = True,
    alpha: float = 0.05,
    dv: str | None = None,
    group: str | None = None,
) -> TestResult:
    """Mann-Whitney U (Wilcoxon rank-sum) test. U is reported for ``x``; the effect size is the
    rank-biserial correlation r = 2 U / (n1 n2) - 1 (positive when x tends to be larger)."""
    from scipy import stats

    check_alternative(alternative)
    alpha = check_alpha(alpha)
    if method not in ("auto", "exact", "asymptotic"):
        raise ValueError(f"method must be 'auto', 'exact' or 'asymptotic', got {method!r}")
    if y is None:
        names, arrays = read_groups(x, dv=dv, group=group, min_groups=2, min_n=1)
        if len(arrays) != 2:
            raise ValueError(f"Mann-Whitney needs exactly 2 groups, got {len(arrays)}")
        a, b = arrays
    else:
        names = ["x", "y"]
        a, b = as_1d(x, "x"), as_1d(y, "y")
    if np.ptp(np.concatenate([a, b])) == 0:
        raise ValueError("all values are equal; the ranks carry no information")
    res = stats.mannwhitneyu(
        a, b, alternative=alternative, method=method, use_continuity=use_continuity
    )
    n1, n2 = a.size, b.size
    u = float(res.statistic)
    r = 2 * u / (n1 * n2) - 1
    used = method
    if method == "auto":
        ties = np.unique(np.concatenate([a, b])).size < n1 + n2
        used = "exact" if (n1 <= 8 or n2 <= 8) and not ties else "asymptotic"
    return TestResult(
        f"Mann-Whitney U test ({used} p-value)",
        "U",
        u,
        float(res.pvalue),
        None,
        alternative,
        alpha,
        "Hodges-Lehmann shift",
        float(np.median(np.subtract.outer(a, b))),
        effect_size=EffectSize(
            "rank-biserial r", r, note=f"common-language effect = {u / (n1 * n2):.6g}"
        ),
        n={names[0]: int(n1), names[1]: int(n2)},
    )


def wilcoxon(
    x: Any,
    y: Any = None,
    *,
    alternative: str = "two-sided",
    method: str = "auto",
    zero_method: str = "wilcox",
    correction: bool = False,
    alpha: float = 0.05,
) -> TestResult:
    """Wilcoxon signed-rank test on x - y (paired) or on x (one-sample about 0).
    Effect size: matched-pairs rank-biserial r = (T+ - T-) / (T+ + T-)."""
    from scipy import stats

    check_alternative(alternative)
    alpha = check_alpha(alpha)
    a = as_1d(x, "x")
    if y is not None:
        b = as_1d(y, "y")
        same_length([a, b], ["x", "y"])
        d = a - b
    else:
        d = a
    if np.all(d == 0):
        raise ValueError("all differences are zero; the signed-rank test is undefined")
    res = stats.wilcoxon(
        d, alternative=alternative, method=method, zero_method=zero_method, correction=correction
    )
    nz = d[d != 0] if zero_method == "wilcox" else d
    ranks = stats.rankdata(np.abs(nz))
    tp, tm = float(ranks[nz > 0].sum()), float(ranks[nz < 0].sum())
    r = (tp - tm) / (tp + tm)
    return TestResult(
        "Wilcoxon signed-rank test" + (" (paired)" if y is not None else ""),
        "W",
        float(res.statistic),
        float(res.pvalue),
        None,
        alternative,
        alpha,
        "median difference",
        float(np.median(d)),
        effect_size=EffectSize("matched-pairs rank-biserial r", r),
        n={"pairs" if y is not None else "x": int(d.size), "nonzero": int(nz.size)},
        extra={"T_plus": tp, "T_minus": tm},
    )


def kruskal_wallis(
    data: Any = None,
    *groups: Any,
    dv: str | None = None,
    group: str | None = None,
    alpha: float = 0.05,
) -> TestResult:
    """Kruskal-Wallis H test (tie-corrected). Effect size: epsilon^2 = H (N + 1) / (N^2 - 1)."""
    from scipy import stats

    alpha = check_alpha(alpha)
    names, arrays = read_groups(data, *groups, dv=dv, group=group, min_groups=2, min_n=1)
    if np.ptp(np.concatenate(arrays)) == 0:
        raise ValueError("all values are equal; the ranks carry no information")
    h, p = stats.kruskal(*arrays)
    N = sum(a.size for a in arrays)  # noqa: N806
    eps = float(h) * (N + 1) / (N**2 - 1)
    return TestResult(
        "Kruskal-Wallis H test (tie-corrected)",
        "H",
        float(h),
        float(p),
        float(len(arrays) - 1),
        "two-sided",
        alpha,
        effect_size=EffectSize("epsilon squared", eps),
        n={nm: int(a.size) for nm, a in zip(names, arrays, strict=True)},
    )
