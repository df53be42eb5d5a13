"""Multiple comparisons and tests on related samples: p-value adjustment (Bonferroni, Holm,
Benjamini-Hochberg), Dunnett's many-to-one comparisons, Friedman, McNemar and Cochran's Q.

>>> [round(p, 3) for p in p_adjust([0.01, 0.04, 0.03], method="holm").p_adjusted]
[0.03, 0.06, 0.06]
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from havoc_tools._result import ToolResult, fmt_p
from havoc_tools._validate import check_alpha, check_alternative
from havoc_tools.stats._common import read_groups
from havoc_tools.stats.results import PairwiseRow, PostHocResult, TestResult

P_ADJUST_METHODS = ("bonferroni", "holm", "fdr_bh")


@dataclass
class AdjustedPValues(ToolResult):
    """p-values adjusted for multiplicity; ``reject`` is ``p_adjusted <= alpha``."""

    method: str
    labels: list[str]
    p_values: list[float]
    p_adjusted: list[float]
    reject: list[bool]
    alpha: float = 0.05
    controls: str = ""

    def summary(self) -> str:
        lines = [f"p-value adjustment: {self.method} ({self.controls})"]
        lines.append(f"  {'test':<16}{'p':>10}{'p-adj':>10}")
        for lab, p, q, r in zip(
            self.labels, self.p_values, self.p_adjusted, self.reject, strict=True
        ):
            lines.append(f"  {lab:<16}{fmt_p(p):>10}{fmt_p(q):>10}{'  *' if r else ''}")
        lines.append(f"  * = rejected at alpha = {self.alpha:g}")
        return "\n".join(lines)


def p_adjust(
    p_values: Any, method: str = "holm", *, alpha: float = 0.05, labels: Any = None
) -> AdjustedPValues:
    """Adjust p-values for multiple testing.

    ``bonferroni``: min(1, m p). ``holm`` (step-down, family-wise error): the running maximum of
    min(1, (m - i + 1) p_(i)) over the sorted p-values. ``fdr_bh`` (Benjamini-Hochberg, false
    discovery rate): the running minimum from the top of min(1, m p_(i) / i).
    """
    alpha = check_alpha(alpha)
    if method not in P_ADJUST_METHODS:
        raise ValueError(f"method must be one of {P_ADJUST_METHODS}, got {method!r}")
    try:
        p = np.asarray(p_values, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        raise ValueError("p_values must be a list of numbers") from None
    if p.size == 0:
        raise ValueError("p_values is empty")
    bad = [float(v) for v in p if not (np.isfinite(v) and 0 <= v <= 1)]
    if bad:
        raise ValueError(f"p-values must lie in [0, 1]; got {bad[:5]}")
    m = p.size
    order = np.argsort(p, kind="stable")
    ps = p[order]
    if method == "bonferroni":
        adj_sorted = np.minimum(1.0, ps * m)
        controls = "family-wise error rate"
    elif method == "holm":
        adj_sorted = np.maximum.accumulate(np.minimum(1.0, ps * (m - np.arange(m))))
        controls = "family-wise error rate, step-down"
    else:
        ranks = np.arange(1, m + 1)
        adj_sorted = np.minimum.accumulate((ps * m / ranks)[::-1])[::-1]
        adj_sorted = np.minimum(1.0, adj_sorted)
        controls = "false discovery rate"
    adj = np.empty(m)
    adj[order] = adj_sorted
    if labels is None:
        names = [f"test{i + 1}" for i in range(m)]
    else:
        names = [str(v) for v in labels]
        if len(names) != m:
            raise ValueError(f"labels has {len(names)} entries for {m} p-values")
    return AdjustedPValues(
        method, names, p.tolist(), adj.tolist(), (adj <= alpha).tolist(), alpha, controls
    )


def dunnett(
    data: Any = None,
    *groups: Any,
    control: str | None = None,
    dv: str | None = None,
    group: str | None = None,
    alternative: str = "two-sided",
    alpha: float = 0.05,
    seed: int = 20240601,
) -> PostHocResult:
    """Dunnett's many-to-one comparisons of every group with ``control`` (default: the first
    group), pooled variance. The statistic of each row is t = (mean_i - mean_control) / se with
    se = s_p sqrt(1/n_i + 1/n_control); p-values and the simultaneous confidence bounds come from
    the multivariate t distribution of the k - 1 statistics (correlations
    sqrt(n_i n_j / ((n_i + n_0)(n_j + n_0)))), integrated by scipy's randomised quasi-Monte Carlo
    with ``seed`` (about 3-4 correct digits)."""
    from scipy import optimize, stats

    alpha = check_alpha(alpha)
    check_alternative(alternative)
    names, arrays = read_groups(data, *groups, dv=dv, group=group, min_groups=2, min_n=2)
    ctrl = names[0] if control is None else str(control)
    if ctrl not in names:
        raise ValueError(f"control {ctrl!r} is not one of the groups {names}")
    c = names.index(ctrl)
    n = np.array([a.size for a in arrays], dtype=float)
    means = np.array([float(a.mean()) for a in arrays])
    ssw = sum(float(((a - a.mean()) ** 2).sum()) for a in arrays)
    df = int(n.sum()) - len(arrays)
    if ssw == 0:
        raise ValueError("every group is constant; the pooled variance is zero")
    sp = math.sqrt(ssw / df)
    others = [i for i in range(len(arrays)) if i != c]
    se = np.array([sp * math.sqrt(1 / n[i] + 1 / n[c]) for i in others])
    diff = np.array([means[i] - means[c] for i in others])
    t = diff / se
    lam = np.sqrt(n[others] / (n[others] + n[c]))
    corr = np.outer(lam, lam)
    np.fill_diagonal(corr, 1.0)
    mvt = stats.multivariate_t(shape=corr, df=df, seed=seed)
    k1 = len(others)

    def cdf_max(q: float, two_sided: bool) -> float:
        """P(max_i T_i <= q) (one-sided) or P(max_i |T_i| <= q)."""
        upper = np.full(k1, q)
        lower = -upper if two_sided else np.full(k1, -np.inf)
        return float(mvt.cdf(upper, lower_limit=lower))

    two = alternative == "two-sided"
    if two:
        p = [1.0 - cdf_max(abs(v), True) for v in t]
    elif alternative == "greater":
        p = [1.0 - cdf_max(v, False) for v in t]
    else:
        p = [1.0 - cdf_max(-v, False) for v in t]
    crit = optimize.brentq(lambda q: cdf_max(q, two) - (1 - alpha), 0.0, 50.0, xtol=1e-6)
    rows = []
    for j, i in enumerate(others):
        half = crit * se[j]
        lo = diff[j] - half if alternative != "less" else -math.inf
        hi = diff[j] + half if alternative != "greater" else math.inf
        pj = min(1.0, max(0.0, p[j]))
        rows.append(
            PairwiseRow(
                ctrl,
                names[i],
                float(diff[j]),
                float(se[j]),
                float(t[j]),
                float(df),
                pj,
                float(lo),
                float(hi),
                pj < alpha,
                "t",
            )
        )
    return PostHocResult(
        f"Dunnett many-to-one comparisons with control {ctrl!r} ({alternative}), pooled variance",
        rows,
        alpha,
        {nm: int(v) for nm, v in zip(names, n, strict=True)},
        dict(zip(names, means.tolist(), strict=True)),
    )


def _matrix(data: Any, what: str) -> tuple[np.ndarray, list[str]]:
    """(subjects x conditions) array and condition names from a DataFrame, dict or 2-D list."""
    if hasattr(data, "columns"):
        cols = [str(c) for c in data.columns]
        arr = data.to_numpy()
    elif isinstance(data, dict):
        cols = [str(k) for k in data]
        lengths = {len(v) for v in data.values()}
        if len(lengths) != 1:
            raise ValueError(f"{what}: every condition needs one value per subject")
        arr = np.column_stack([np.asarray(v) for v in data.values()])
    else:
        arr = np.asarray(data)
        if arr.ndim != 2:
            raise ValueError(f"{what}: data must be subjects x conditions (2-D), got {arr.ndim}-D")
        cols = [f"condition{j + 1}" for j in range(arr.shape[1])]
    try:
        arr = np.asarray(arr, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{what}: values must be numbers") from None
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{what}: values must be finite (no NaN: subjects need every condition)")
    return arr, cols


def friedman(data: Any, *, alpha: float = 0.05) -> TestResult:
    """Friedman test for k related samples (``data``: subjects x conditions as a DataFrame,
    dict of equal-length columns or 2-D list). Ranks within each subject (mid-ranks for ties);
    chi^2 = [12 / (n k (k + 1)) sum R_j^2 - 3 n (k + 1)] / (1 - sum(t^3 - t) / (n (k^3 - k)))
    on k - 1 df. Kendall's W = chi^2 / (n (k - 1)) is the effect size."""
    from scipy import stats

    from havoc_tools.stats.results import EffectSize

    alpha = check_alpha(alpha)
    x, cols = _matrix(data, "friedman")
    n, k = x.shape
    if k < 3:
        raise ValueError(f"friedman: needs at least 3 conditions, got {k} (use wilcoxon for 2)")
    if n < 2:
        raise ValueError(f"friedman: needs at least 2 subjects, got {n}")
    ranks = np.apply_along_axis(stats.rankdata, 1, x)
    rsum = ranks.sum(axis=0)
    chi2 = 12.0 / (n * k * (k + 1)) * float((rsum**2).sum()) - 3.0 * n * (k + 1)
    ties = 0.0
    for row in x:
        _, counts = np.unique(row, return_counts=True)
        ties += float((counts**3 - counts).sum())
    denom = 1.0 - ties / (n * (k**3 - k))
    if denom <= 0:
        raise ValueError("friedman: every subject gives the same value to all conditions")
    chi2 /= denom
    return TestResult(
        method="Friedman test (chi-square approximation, tie-corrected)",
        statistic_name="chi2",
        statistic=chi2,
        p_value=float(stats.chi2.sf(chi2, k - 1)),
        df=float(k - 1),
        alpha=alpha,
        effect_size=EffectSize("Kendall's W", chi2 / (n * (k - 1))),
        n={"subjects": n, "conditions": k},
        extra={f"rank_sum_{c}": float(r) for c, r in zip(cols, rsum, strict=True)},
    )


def mcnemar(table: Any, *, exact: bool | None = None, alpha: float = 0.05) -> TestResult:
    """McNemar's test on a paired 2 x 2 table [[a, b], [c, d]] (b and c the discordant pairs).

    ``exact=True``: two-sided binomial test of b against Bin(b + c, 1/2); ``False``: chi^2 =
    (|b - c| - 1)^2 / (b + c) with continuity correction on 1 df. Default: exact when b + c < 25.
    """
    from scipy import stats

    alpha = check_alpha(alpha)
    try:
        t = np.asarray(table, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError("mcnemar: table must be a 2 x 2 table of counts") from None
    if t.shape != (2, 2):
        raise ValueError(f"mcnemar: table must be 2 x 2, got shape {t.shape}")
    if np.any(t < 0) or not np.allclose(t, np.round(t)):
        raise ValueError("mcnemar: the table must hold non-negative whole counts")
    b, c = int(t[0, 1]), int(t[1, 0])
    if b + c == 0:
        raise ValueError("mcnemar: there are no discordant pairs (b + c = 0); nothing to test")
    if exact is None:
        exact = b + c < 25
    if exact:
        stat = float(min(b, c))
        p = min(1.0, 2.0 * float(stats.binom.cdf(min(b, c), b + c, 0.5)))
        method, name, df = (
            "McNemar exact test (binomial on the discordant pairs)",
            "min(b, c)",
            None,
        )
    else:
        stat = (abs(b - c) - 1.0) ** 2 / (b + c)
        p = float(stats.chi2.sf(stat, 1))
        method, name, df = "McNemar chi-square test (continuity-corrected)", "chi2", 1.0
    return TestResult(
        method=method,
        statistic_name=name,
        statistic=stat,
        p_value=p,
        df=df,
        alpha=alpha,
        estimate_name="b / (b + c)",
        estimate=b / (b + c),
        n={"pairs": int(t.sum()), "discordant": b + c},
        extra={"b": b, "c": c},
    )


def cochran_q(data: Any, *, alpha: float = 0.05) -> TestResult:
    """Cochran's Q test that k related binary outcomes have the same success rate (``data``:
    subjects x conditions of 0/1). Q = (k - 1) (k sum C_j^2 - N^2) / (k N - sum R_i^2) on k - 1
    df, with C_j the condition totals, R_i the subject totals and N the grand total."""
    from scipy import stats

    alpha = check_alpha(alpha)
    x, cols = _matrix(data, "cochran_q")
    if not np.all((x == 0) | (x == 1)):
        raise ValueError("cochran_q: outcomes must be 0 or 1")
    n, k = x.shape
    if k < 2:
        raise ValueError(f"cochran_q: needs at least 2 conditions, got {k}")
    col, row = x.sum(axis=0), x.sum(axis=1)
    total = float(x.sum())
    denom = k * total - float((row**2).sum())
    if denom == 0:
        raise ValueError("cochran_q: every subject has the same outcome in all conditions")
    q = (k - 1) * (k * float((col**2).sum()) - total**2) / denom
    return TestResult(
        method="Cochran's Q test (chi-square approximation)",
        statistic_name="Q",
        statistic=q,
        p_value=float(stats.chi2.sf(q, k - 1)),
        df=float(k - 1),
        alpha=alpha,
        n={"subjects": n, "conditions": k},
        extra={f"proportion_{c}": float(v) / n for c, v in zip(cols, col, strict=True)},
    )


__all__ = ["AdjustedPValues", "cochran_q", "dunnett", "friedman", "mcnemar", "p_adjust"]
