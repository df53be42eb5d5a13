"""Correlation: Pearson r, Spearman rho, Kendall tau-b, and partial correlation.

Pairs with a missing value in either variable are dropped (and counted). Pearson and Spearman
get a Fisher-z confidence interval (the interval R's ``cor.test`` gives for Pearson and
pingouin gives for both); Kendall's tau-b gets none.

>>> from havoc_tools.stats import correlation
>>> round(correlation([1, 2, 3, 4, 5], [2.1, 3.9, 6.2, 7.8, 10.1]).r, 4)
0.9987
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from havoc_tools._validate import as_1d, check_alpha, check_alternative, column, not_constant
from havoc_tools.stats.results import TestResult

METHODS = {"pearson": "r", "spearman": "rho", "kendall": "tau_b"}
_TITLES = {
    "pearson": "Pearson product-moment correlation",
    "spearman": "Spearman rank correlation",
    "kendall": "Kendall rank correlation tau-b",
}


@dataclass
class CorrelationResult(TestResult):
    """A correlation test: ``r`` is the coefficient (Pearson r, Spearman rho or Kendall tau-b,
    named by ``coefficient_name``); ``statistic`` repeats it. ``n_pairs`` complete pairs were
    used and ``n_dropped`` rows with a missing value were left out."""

    coefficient_name: str = "r"
    r: float = math.nan
    n_pairs: int = 0
    n_dropped: int = 0
    covariates: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = super().summary().splitlines()
        note = f"  pairs used = {self.n_pairs}, dropped (missing values) = {self.n_dropped}"
        if self.covariates:
            note += f"; controlling for {', '.join(self.covariates)}"
        lines.insert(1, note)
        if self.ci_low is None and self.method.startswith("Kendall"):
            lines.insert(2, "  (no confidence interval for Kendall's tau-b)")
        return "\n".join(lines)


def _pairs(x: Any, y: Any, names: tuple[str, str]) -> tuple[np.ndarray, np.ndarray, int]:
    a = as_1d(x, names[0], allow_nan=True)
    b = as_1d(y, names[1], allow_nan=True)
    if a.size != b.size:
        raise ValueError(
            f"{names[0]} and {names[1]} have different lengths ({a.size} and {b.size}); "
            "correlation needs paired values"
        )
    keep = ~(np.isnan(a) | np.isnan(b))
    return a[keep], b[keep], int(a.size - keep.sum())


def fisher_z_ci(r: float, n_eff: int, alpha: float, alternative: str) -> tuple[float, float]:
    """Fisher-z interval for a correlation: tanh(atanh(r) -/+ z * 1/sqrt(n_eff - 3))."""
    from scipy import stats

    if abs(r) >= 1.0:
        return r, r
    z, se = math.atanh(r), 1.0 / math.sqrt(n_eff - 3)
    if alternative == "two-sided":
        q = float(stats.norm.ppf(1 - alpha / 2))
        return math.tanh(z - q * se), math.tanh(z + q * se)
    q = float(stats.norm.ppf(1 - alpha))
    if alternative == "greater":
        return math.tanh(z - q * se), 1.0
    return -1.0, math.tanh(z + q * se)


def _t_test(r: float, df: int, alternative: str) -> tuple[float, float]:
    """t = r sqrt(df / (1 - r^2)) on df degrees of freedom (Student's t null of r = 0)."""
    from scipy import stats

    if abs(r) >= 1.0:
        t = math.copysign(math.inf, r)
    else:
        t = r * math.sqrt(df / (1.0 - r * r))
    if alternative == "two-sided":
        p = 2 * stats.t.sf(abs(t), df)
    elif alternative == "greater":
        p = stats.t.sf(t, df)
    else:
        p = stats.t.cdf(t, df)
    return t, float(min(1.0, p))


def correlation(
    x: Any,
    y: Any,
    *,
    method: str = "pearson",
    alternative: str = "two-sided",
    alpha: float = 0.05,
    names: tuple[str, str] = ("x", "y"),
) -> CorrelationResult:
    """Correlation of two paired samples with its test of H0: no association.

    ``method``: ``"pearson"`` (exact t-distribution p-value, Fisher-z CI), ``"spearman"``
    (Pearson r of the mid-ranks; t-approximation p-value as R and scipy, Fisher-z CI) or
    ``"kendall"`` (tau-b; exact p-value for small samples without ties, else the normal
    approximation with the tie-corrected variance, as scipy's ``kendalltau``).
    """
    from scipy import stats

    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    check_alternative(alternative)
    alpha = check_alpha(alpha)
    a, b, dropped = _pairs(x, y, names)
    n = int(a.size)
    if n < 3:
        raise ValueError(
            f"{names[0]}, {names[1]}: correlation needs at least 3 complete pairs, got {n}"
            + (f" ({dropped} dropped for missing values)" if dropped else "")
        )
    not_constant(a, names[0])
    not_constant(b, names[1])
    extra: dict[str, Any] = {}
    df: float | None = None
    ci: tuple[float | None, float | None] = (None, None)
    if method == "kendall":
        # scipy's rule: the exact null distribution for small samples without ties
        ties = np.unique(a).size < n or np.unique(b).size < n
        how = "asymptotic" if ties or n > 33 else "exact"
        res = stats.kendalltau(a, b, variant="b", alternative=alternative, method=how)
        r, p = float(res.statistic), float(res.pvalue)
        p_note = "exact p-value" if how == "exact" else "normal approximation with tie correction"
    else:
        if method == "pearson":
            r = float(stats.pearsonr(a, b).statistic)
        else:
            r = float(stats.spearmanr(a, b).statistic)
        r = min(1.0, max(-1.0, r))
        t, p = _t_test(r, n - 2, alternative)
        if method == "pearson":  # scipy's exact beta-distribution p-value (the same t test)
            p = float(stats.pearsonr(a, b, alternative=alternative).pvalue)
        df = float(n - 2)
        extra["t"] = t
        p_note = "exact t test" if method == "pearson" else "t-approximation p-value"
        if n > 3:
            ci = fisher_z_ci(r, n, alpha, alternative)
    name = METHODS[method]
    ci_note = ", Fisher-z CI" if ci[0] is not None else ""
    return CorrelationResult(
        f"{_TITLES[method]} ({p_note}{ci_note})",
        name,
        r,
        p,
        df,
        alternative,
        alpha,
        estimate_name=name,
        estimate=r,
        ci_low=ci[0],
        ci_high=ci[1],
        n={"pairs": n},
        extra={"n_dropped": dropped, **extra},
        coefficient_name=name,
        r=r,
        n_pairs=n,
        n_dropped=dropped,
    )


def _residuals(v: np.ndarray, design: np.ndarray) -> np.ndarray:
    coef, *_ = np.linalg.lstsq(design, v, rcond=None)
    return v - design @ coef


def partial_correlation(
    data: Any,
    x: str,
    y: str,
    covar: str | list[str] | tuple[str, ...],
    *,
    method: str = "pearson",
    alternative: str = "two-sided",
    alpha: float = 0.05,
) -> CorrelationResult:
    """Partial correlation of columns ``x`` and ``y`` of ``data`` controlling for ``covar``.

    The correlation of the residuals of ``x`` and ``y`` after least-squares regression on the
    covariates (ranks of every column first for ``method="spearman"``). Test: t on
    ``n - 2 - k`` df for ``k`` covariates; Fisher-z CI with SE ``1 / sqrt(n - k - 3)``. Rows
    with a missing value in any of the columns are dropped.
    """
    import pandas as pd

    if method not in ("pearson", "spearman"):
        raise ValueError(f"method must be 'pearson' or 'spearman', got {method!r}")
    check_alternative(alternative)
    alpha = check_alpha(alpha)
    if not hasattr(data, "columns"):
        data = pd.DataFrame(data)
    covars = [covar] if isinstance(covar, str) else list(covar)
    if not covars:
        raise ValueError("covar: give at least one covariate column (else use correlation)")
    cols = [x, y, *covars]
    if len(set(cols)) != len(cols):
        raise ValueError(f"x, y and covar must be different columns, got {cols}")
    frame = {}
    for c in cols:
        try:
            frame[c] = as_1d(column(data, c).to_numpy(), f"column {c!r}", allow_nan=True)
        except ValueError as e:
            if "not found" in str(e):
                raise
            raise ValueError(f"column {c!r} must hold numbers for a partial correlation") from None
    df = pd.DataFrame(frame)
    complete = df.dropna()
    dropped = len(df) - len(complete)
    n, k = len(complete), len(covars)
    if n < k + 4:
        raise ValueError(
            f"partial correlation with {k} covariate(s) needs at least {k + 4} complete rows, "
            f"got {n}"
        )
    for c in cols:
        not_constant(complete[c].to_numpy(), f"column {c!r}")
    if method == "spearman":
        complete = complete.rank()
    z = np.column_stack([np.ones(n), complete[covars].to_numpy()])
    if np.linalg.matrix_rank(z) < z.shape[1]:
        raise ValueError(f"covariates {covars} are collinear; drop a redundant one")
    rx = _residuals(complete[x].to_numpy(), z)
    ry = _residuals(complete[y].to_numpy(), z)
    for name, res in ((x, rx), (y, ry)):
        centred = complete[name].to_numpy() - complete[name].mean()
        if np.linalg.norm(res) <= 1e-10 * np.linalg.norm(centred):
            raise ValueError(f"column {name!r} is an exact linear function of the covariates")
    r = min(1.0, max(-1.0, float(rx @ ry) / math.sqrt(float(rx @ rx) * float(ry @ ry))))
    t, p = _t_test(r, n - 2 - k, alternative)
    lo, hi = fisher_z_ci(r, n - k, alpha, alternative) if n - k > 3 else (None, None)
    name = METHODS[method]
    return CorrelationResult(
        f"Partial {method.capitalize()} correlation controlling for {', '.join(covars)} "
        "(t test, Fisher-z CI)",
        name,
        r,
        p,
        float(n - 2 - k),
        alternative,
        alpha,
        estimate_name=f"partial {name}",
        estimate=r,
        ci_low=lo,
        ci_high=hi,
        n={"pairs": n},
        extra={"n_dropped": dropped, "t": t, "n_covariates": k},
        coefficient_name=name,
        r=r,
        n_pairs=n,
        n_dropped=dropped,
        covariates=covars,
    )
