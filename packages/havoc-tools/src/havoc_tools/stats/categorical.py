"""Tests on counts: chi-square goodness of fit and independence, Fisher's exact, proportions."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from havoc_tools._validate import as_1d, check_alpha, check_alternative
from havoc_tools.stats._common import finite_or_none, z_pvalue
from havoc_tools.stats.results import Assumption, EffectSize, TestResult


def _counts(x: Any, name: str) -> np.ndarray:
    a = as_1d(x, name)
    if np.any(a < 0):
        raise ValueError(f"{name}: counts must be non-negative")
    return a


def _table(table: Any) -> np.ndarray:
    if hasattr(table, "to_numpy"):
        table = table.to_numpy()
    try:
        t = np.asarray(table, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"table: values must be counts ({exc})") from None
    if t.ndim != 2 or t.shape[0] < 2 or t.shape[1] < 2:
        raise ValueError(f"table: expected a 2-D table of at least 2x2 counts, got shape {t.shape}")
    if not np.isfinite(t).all():
        raise ValueError("table: contains NaN or infinite values")
    if np.any(t < 0):
        raise ValueError("table: counts must be non-negative")
    return t


def _table_info(table: Any, t: np.ndarray) -> dict[str, Any]:
    """Observed counts, and the labels / dropped rows of a table made by ``crosstab``."""
    info: dict[str, Any] = {"observed": t.tolist()}
    if hasattr(table, "index") and hasattr(table, "columns"):
        info["row_labels"] = [str(v) for v in table.index]
        info["column_labels"] = [str(v) for v in table.columns]
        if "n_dropped" in getattr(table, "attrs", {}):
            info["n_dropped"] = int(table.attrs["n_dropped"])
    return info


def _expected_check(expected: np.ndarray) -> Assumption:
    small = float(np.mean(expected < 5))
    ok = bool(expected.min() >= 1 and small <= 0.2)
    return Assumption(
        "expected counts",
        "Cochran's rule (all >= 1, at most 20% below 5)",
        None,
        None,
        ok,
        f"min expected = {expected.min():.4g}, {small:.0%} below 5",
    )


def chi2_gof(
    observed: Any, expected: Any = None, *, probs: Any = None, ddof: int = 0, alpha: float = 0.05
) -> TestResult:
    """Chi-square goodness of fit. Give expected counts, or ``probs`` (rescaled to sum 1),
    or neither for a uniform null. ``ddof`` removes extra df for estimated parameters."""
    from scipy import stats

    alpha = check_alpha(alpha)
    obs = _counts(observed, "observed")
    if obs.size < 2:
        raise ValueError("observed: needs at least 2 categories")
    total = obs.sum()
    if total == 0:
        raise ValueError("observed: all counts are zero")
    if expected is not None and probs is not None:
        raise ValueError("give expected counts or probs, not both")
    if probs is not None:
        pr = _counts(probs, "probs")
        if pr.size != obs.size:
            raise ValueError(f"probs has {pr.size} entries for {obs.size} categories")
        exp = pr / pr.sum() * total
    elif expected is not None:
        exp = _counts(expected, "expected")
        if exp.size != obs.size:
            raise ValueError(f"expected has {exp.size} entries for {obs.size} categories")
        if not math.isclose(exp.sum(), total, rel_tol=1e-8):
            raise ValueError(f"expected counts sum to {exp.sum():g} but observed to {total:g}")
    else:
        exp = np.full(obs.size, total / obs.size)
    if np.any(exp <= 0):
        raise ValueError("expected: every expected count must be positive")
    chi2 = math.fsum((obs - exp) ** 2 / exp)
    df = obs.size - 1 - int(ddof)
    if df < 1:
        raise ValueError(f"ddof={ddof} leaves no degrees of freedom")
    p = float(stats.chi2.sf(chi2, df))
    w = math.sqrt(chi2 / total)
    return TestResult(
        "Chi-square goodness-of-fit test",
        "chi2",
        chi2,
        p,
        float(df),
        "two-sided",
        alpha,
        effect_size=EffectSize("Cohen's w", w),
        n={"total": int(total)},
        assumptions=[_expected_check(exp)],
        extra={"expected": exp.tolist()},
    )


def chi2_independence(table: Any, *, correction: bool = True, alpha: float = 0.05) -> TestResult:
    """Pearson chi-square test of independence on an r x c table (Yates' correction on 2x2 when
    ``correction``). Effect size: Cramer's V."""
    from scipy import stats

    alpha = check_alpha(alpha)
    t = _table(table)
    if np.any(t.sum(axis=0) == 0) or np.any(t.sum(axis=1) == 0):
        raise ValueError("table: a row or column sums to zero; drop it first")
    res = stats.chi2_contingency(t, correction=correction)
    n = t.sum()
    r, c = t.shape
    v = math.sqrt(stats.chi2_contingency(t, correction=False).statistic / (n * (min(r, c) - 1)))
    yates = correction and t.shape == (2, 2)
    return TestResult(
        "Pearson chi-square test of independence"
        + (" (Yates' continuity correction)" if yates else ""),
        "chi2",
        float(res.statistic),
        float(res.pvalue),
        float(res.dof),
        "two-sided",
        alpha,
        effect_size=EffectSize("Cramer's V", v),
        n={"total": int(n)},
        assumptions=[_expected_check(res.expected_freq)],
        extra={
            "expected": res.expected_freq.tolist(),
            "min_expected": float(res.expected_freq.min()),
            "n_expected_below_5": int(np.sum(res.expected_freq < 5)),
            **_table_info(table, t),
        },
    )


def fisher_exact(table: Any, *, alternative: str = "two-sided", alpha: float = 0.05) -> TestResult:
    """Fisher's exact test on a 2x2 table; odds ratio with its conditional-MLE estimate and
    exact confidence interval."""
    from scipy import stats
    from scipy.stats.contingency import odds_ratio

    check_alternative(alternative)
    alpha = check_alpha(alpha)
    t = _table(table)
    if t.shape != (2, 2):
        raise ValueError(f"fisher_exact needs a 2x2 table, got shape {t.shape}")
    if np.any(t != np.round(t)):
        raise ValueError("table: Fisher's exact test needs whole-number counts")
    ti = t.astype(np.int64)
    res = stats.fisher_exact(ti, alternative=alternative)
    orr = odds_ratio(ti, kind="conditional")
    ci = orr.confidence_interval(confidence_level=1 - alpha, alternative=alternative)
    sample_or = float(res.statistic)
    return TestResult(
        "Fisher's exact test (2x2)",
        "odds ratio",
        sample_or,
        float(res.pvalue),
        None,
        alternative,
        alpha,
        estimate_name="conditional MLE odds ratio",
        estimate=float(orr.statistic),
        ci_low=finite_or_none(ci.low),
        ci_high=finite_or_none(ci.high),
        effect_size=EffectSize(
            "odds ratio (conditional MLE)",
            float(orr.statistic),
            finite_or_none(ci.low),
            finite_or_none(ci.high),
        ),
        n={"total": int(ti.sum())},
        extra=_table_info(table, t),
    )


def _count(x: Any, name: str) -> int:
    try:
        v = float(x)
    except (TypeError, ValueError):
        raise ValueError(f"{name}: expected a count, got {x!r}") from None
    if not math.isfinite(v) or v < 0 or v != int(v):
        raise ValueError(f"{name}: expected a non-negative whole count, got {x!r}")
    return int(v)


def _wilson(x: int, n: int, alpha: float) -> tuple[float, float]:
    from scipy import stats

    z = stats.norm.ppf(1 - alpha / 2)
    p = x / n
    den = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / den
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return max(0.0, centre - half), min(1.0, centre + half)


def prop_test_1(
    x: int,
    n: int,
    p0: float = 0.5,
    *,
    alternative: str = "two-sided",
    method: str = "score",
    correction: bool = False,
    alpha: float = 0.05,
) -> TestResult:
    """One-proportion test of H0: p = p0. ``method="score"`` (z test with the null standard
    error, Wilson CI) or ``"exact"`` (binomial test, Clopper-Pearson CI)."""
    from scipy import stats

    check_alternative(alternative)
    alpha = check_alpha(alpha)
    x, n = _count(x, "x"), _count(n, "n")
    if n == 0:
        raise ValueError("n: needs at least one trial")
    if x > n:
        raise ValueError(f"x={x} successes exceed n={n} trials")
    if not 0 < p0 < 1:
        raise ValueError(f"p0 must be strictly between 0 and 1, got {p0}")
    phat = x / n
    h = 2 * math.asin(math.sqrt(phat)) - 2 * math.asin(math.sqrt(p0))
    if method == "exact":
        res = stats.binomtest(x, n, p0, alternative=alternative)
        ci = res.proportion_ci(confidence_level=1 - alpha, method="exact")
        return TestResult(
            "Exact binomial test (Clopper-Pearson CI)",
            "successes",
            float(x),
            float(res.pvalue),
            None,
            alternative,
            alpha,
            "proportion",
            phat,
            float(ci.low),
            float(ci.high),
            EffectSize("Cohen's h", h),
            {"trials": n},
            extra={"p0": p0},
        )
    if method != "score":
        raise ValueError(f"method must be 'score' or 'exact', got {method!r}")
    se = math.sqrt(p0 * (1 - p0) / n)
    diff = phat - p0
    cc = 0.5 / n if correction else 0.0
    if alternative == "two-sided":
        z = math.copysign(max(abs(diff) - cc, 0.0), diff) / se
    elif alternative == "greater":
        z = (diff - cc) / se
    else:
        z = (diff + cc) / se
    lo, hi = _wilson(x, n, alpha)
    assumptions = [
        Assumption(
            "normal approximation",
            "n p0 >= 5 and n (1 - p0) >= 5",
            None,
            None,
            bool(n * p0 >= 5 and n * (1 - p0) >= 5),
        )
    ]
    return TestResult(
        "One-proportion z test (score)"
        + (" with continuity correction" if correction else "")
        + ", Wilson CI",
        "z",
        z,
        z_pvalue(z, alternative),
        None,
        alternative,
        alpha,
        "proportion",
        phat,
        lo,
        hi,
        EffectSize("Cohen's h", h),
        {"trials": n},
        assumptions,
        extra={"p0": p0},
    )


def prop_test_2(
    x1: int,
    n1: int,
    x2: int,
    n2: int,
    *,
    alternative: str = "two-sided",
    correction: bool = False,
    alpha: float = 0.05,
) -> TestResult:
    """Two-proportion z test of H0: p1 = p2 (pooled standard error); Wald CI for p1 - p2."""
    from scipy import stats

    check_alternative(alternative)
    alpha = check_alpha(alpha)
    x1, n1, x2, n2 = (_count(v, nm) for v, nm in ((x1, "x1"), (n1, "n1"), (x2, "x2"), (n2, "n2")))
    if n1 == 0 or n2 == 0:
        raise ValueError("n1 and n2 need at least one trial each")
    if x1 > n1 or x2 > n2:
        raise ValueError("successes cannot exceed trials")
    p1, p2 = x1 / n1, x2 / n2
    pp = (x1 + x2) / (n1 + n2)
    if pp in (0.0, 1.0):
        raise ValueError("all trials are successes (or all failures); the z statistic is undefined")
    se0 = math.sqrt(pp * (1 - pp) * (1 / n1 + 1 / n2))
    diff = p1 - p2
    cc = 0.5 * (1 / n1 + 1 / n2) if correction else 0.0
    if alternative == "two-sided":
        z = math.copysign(max(abs(diff) - cc, 0.0), diff) / se0
    elif alternative == "greater":
        z = (diff - cc) / se0
    else:
        z = (diff + cc) / se0
    se = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    q = stats.norm.ppf(1 - alpha / 2) if alternative == "two-sided" else stats.norm.ppf(1 - alpha)
    lo = diff - q * se if alternative != "less" else -1.0
    hi = diff + q * se if alternative != "greater" else 1.0
    h = 2 * math.asin(math.sqrt(p1)) - 2 * math.asin(math.sqrt(p2))
    ok = min(x1, n1 - x1, x2, n2 - x2) >= 5
    return TestResult(
        "Two-proportion z test (pooled SE)"
        + (" with continuity correction" if correction else "")
        + ", Wald CI for the difference",
        "z",
        z,
        z_pvalue(z, alternative),
        None,
        alternative,
        alpha,
        "p1 - p2",
        diff,
        max(-1.0, lo),
        min(1.0, hi),
        EffectSize("Cohen's h", h),
        {"n1": n1, "n2": n2},
        [
            Assumption(
                "normal approximation",
                "at least 5 successes and failures per group",
                None,
                None,
                ok,
            )
        ],
        extra={"p1": p1, "p2": p2, "pooled_p": pp},
    )
