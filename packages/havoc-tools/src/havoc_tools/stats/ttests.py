"""Student, Welch and paired t-tests, and TOST equivalence."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from havoc_tools._validate import as_1d, check_alpha, check_alternative, same_length
from havoc_tools.stats._common import (
    finite_or_none,
    ncp_interval,
    normality_checks,
    read_groups,
    t_ci,
    t_pvalue,
    variance_check,
)
from havoc_tools.stats.results import Assumption, EffectSize, TestResult


def _mean_var(x: np.ndarray) -> tuple[float, float]:
    # two-pass (centred) variance: stable when the values share many leading digits
    m = math.fsum(x) / x.size
    d = x - m
    m += math.fsum(d) / x.size
    d = x - m
    return m, math.fsum(d * d) / (x.size - 1)


def _common_scale(*arrays: np.ndarray) -> float:
    """A power of two near the largest |value|. t, df, p and d do not depend on the unit, and
    dividing by a power of two is exact, so the tests run on values of order 1: squares of
    values near 1e160 would overflow (and near 1e-170 underflow) otherwise."""
    top = max(float(np.max(np.abs(a))) for a in arrays)
    if top == 0 or not math.isfinite(top):
        return 1.0
    return math.ldexp(1.0, math.frexp(top)[1] - 1)  # top / scale in [1, 2)


def _hedges_j(df: float) -> float:
    return math.exp(math.lgamma(df / 2) - math.log(math.sqrt(df / 2)) - math.lgamma((df - 1) / 2))


def _d_effect(t: float, df: float, scale: float, d: float, alpha: float, name: str) -> EffectSize:
    lo, hi = ncp_interval(t, df, 1 - alpha)
    j = _hedges_j(df) if df > 1 else float("nan")
    return EffectSize(
        name,
        d,
        None if lo is None else lo * scale,
        None if hi is None else hi * scale,
        note=f"Hedges' g = {d * j:.6g}; CI by inverting the noncentral t",
    )


def ttest_1samp(
    x: Any, mu: float = 0.0, *, alternative: str = "two-sided", alpha: float = 0.05
) -> TestResult:
    """One-sample t-test of H0: mean(x) = mu.

    >>> ttest_1samp([5.1, 4.9, 5.3, 5.0, 5.2], mu=5).p_value  # doctest: +ELLIPSIS
    0.2...
    """
    check_alternative(alternative)
    alpha = check_alpha(alpha)
    a = as_1d(x, "x", min_n=2)
    return _t_on_values(
        a,
        mu,
        alpha,
        alternative,
        method="One-sample t-test",
        label="x",
        estimate_name="mean",
        effect_name="Cohen's d",
        n={"x": a.size},
        sd_key="sd",
        constant_error="x: all values are equal; the t statistic is undefined",
    )


def ttest_ind(
    x: Any = None,
    y: Any = None,
    *,
    equal_var: bool = False,
    alternative: str = "two-sided",
    alpha: float = 0.05,
    mu: float = 0.0,
    dv: str | None = None,
    group: str | None = None,
) -> TestResult:
    """Two-sample t-test of H0: mean(x) - mean(y) = mu. Welch (default) or Student.

    ``x`` may also be a long DataFrame with ``dv=``/``group=`` (exactly two groups) or a dict.
    """
    check_alternative(alternative)
    alpha = check_alpha(alpha)
    if y is None:
        names, (a, b) = _two_groups(x, dv=dv, group=group)
    else:
        names = ["x", "y"]
        a, b = as_1d(x, "x", min_n=2), as_1d(y, "y", min_n=2)
    unit = _common_scale(a, b)
    a, b = a / unit, b / unit
    m1, v1 = _mean_var(a)
    m2, v2 = _mean_var(b)
    return _two_sample_result(
        names,
        (a.size, m1, v1),
        (b.size, m2, v2),
        mu=mu,
        unit=unit,
        equal_var=equal_var,
        alpha=alpha,
        alternative=alternative,
        assumptions=normality_checks(names, [a, b], alpha) + [variance_check([a, b], alpha)],
    )


def _two_sample_result(
    names: list[str],
    first: tuple[int, float, float],
    second: tuple[int, float, float],
    *,
    mu: float,
    unit: float,
    equal_var: bool,
    alpha: float,
    alternative: str,
    assumptions: list[Any],
) -> TestResult:
    """The two-sample t-test from each sample's (n, mean, variance) in multiples of ``unit``."""
    (n1, m1, v1), (n2, m2, v2) = first, second
    mu_s = mu / unit
    if v1 == 0 and v2 == 0:
        raise ValueError("both groups are constant; the t statistic is undefined")
    diff = m1 - m2
    df_pooled = n1 + n2 - 2
    sp2 = ((n1 - 1) * v1 + (n2 - 1) * v2) / df_pooled
    if equal_var:
        se = math.sqrt(sp2 * (1 / n1 + 1 / n2))
        df = float(df_pooled)
        method = "Student two-sample t-test (equal variances)"
    else:
        s1, s2 = v1 / n1, v2 / n2
        se = math.sqrt(s1 + s2)
        df = (s1 + s2) ** 2 / (s1**2 / (n1 - 1) + s2**2 / (n2 - 1))  # Welch-Satterthwaite
        method = "Welch two-sample t-test (Welch-Satterthwaite df)"
    t = (diff - mu_s) / se
    lo, hi = t_ci(diff, se, df, alpha, alternative)
    d = (diff - mu_s) / math.sqrt(sp2)
    t_pooled = (diff - mu_s) / math.sqrt(sp2 * (1 / n1 + 1 / n2))
    effect = _d_effect(t_pooled, df_pooled, math.sqrt(1 / n1 + 1 / n2), d, alpha, "Cohen's d")
    return TestResult(
        method=method,
        statistic_name="t",
        statistic=t,
        p_value=t_pvalue(t, df, alternative),
        df=df,
        alternative=alternative,
        alpha=alpha,
        estimate_name=f"mean({names[0]}) - mean({names[1]})",
        estimate=diff * unit,
        ci_low=finite_or_none(float(lo) * unit),
        ci_high=finite_or_none(float(hi) * unit),
        effect_size=effect,
        n={names[0]: n1, names[1]: n2},
        assumptions=assumptions,
        extra={
            "mean_" + names[0]: m1 * unit,
            "mean_" + names[1]: m2 * unit,
            "se": se * unit,
            "mu": mu,
        },
    )


def ttest_paired(
    x: Any, y: Any, *, alternative: str = "two-sided", alpha: float = 0.05, mu: float = 0.0
) -> TestResult:
    """Paired t-test of H0: mean(x - y) = mu."""
    check_alternative(alternative)
    alpha = check_alpha(alpha)
    a, b = as_1d(x, "x", min_n=2), as_1d(y, "y", min_n=2)
    same_length([a, b], ["x", "y"])
    unit = _common_scale(a, b)  # a - b could overflow near the top of the float range
    return _t_on_values(
        a / unit - b / unit,
        mu,
        alpha,
        alternative,
        method="Paired t-test",
        label="x - y",
        estimate_name="mean(x - y)",
        effect_name="Cohen's d_z",
        n={"pairs": a.size},
        sd_key="sd_diff",
        constant_error="the differences x - y are all equal; the t statistic is undefined",
        unit=unit,
    )


def tost(
    x: Any,
    y: Any = None,
    *,
    low: float,
    high: float,
    paired: bool = False,
    equal_var: bool = False,
    alpha: float = 0.05,
) -> TestResult:
    """Two one-sided tests (TOST) for equivalence: H0 is that the mean (or mean difference)
    lies outside [low, high]; a small p-value shows equivalence within the bounds.

    One-sample when ``y`` is None, paired with ``paired=True``, else two-sample (Welch default).
    """
    alpha = check_alpha(alpha)
    low, high = float(low), float(high)
    if not (math.isfinite(low) and math.isfinite(high)) or not low < high:
        raise ValueError(f"equivalence bounds must be finite with low < high, got [{low}, {high}]")
    if y is None:
        lower = ttest_1samp(x, low, alternative="greater", alpha=alpha)
        upper = ttest_1samp(x, high, alternative="less", alpha=alpha)
        kind = "one-sample"
    elif paired:
        lower = ttest_paired(x, y, mu=low, alternative="greater", alpha=alpha)
        upper = ttest_paired(x, y, mu=high, alternative="less", alpha=alpha)
        kind = "paired"
    else:
        lower = ttest_ind(x, y, mu=low, alternative="greater", alpha=alpha, equal_var=equal_var)
        upper = ttest_ind(x, y, mu=high, alternative="less", alpha=alpha, equal_var=equal_var)
        kind = "two-sample " + ("Student" if equal_var else "Welch")
    worst = lower if lower.p_value >= upper.p_value else upper
    # the (1 - 2 alpha) interval: equivalence iff it lies inside [low, high]
    two_sided = (
        ttest_1samp(x, 0.0, alpha=2 * alpha)
        if y is None
        else ttest_paired(x, y, alpha=2 * alpha)
        if paired
        else ttest_ind(x, y, alpha=2 * alpha, equal_var=equal_var)
    )
    return TestResult(
        method=f"TOST equivalence test ({kind} t), bounds [{low:g}, {high:g}]",
        statistic_name="t",
        statistic=worst.statistic,
        p_value=max(lower.p_value, upper.p_value),
        df=worst.df,
        alternative="equivalence",
        alpha=alpha,
        estimate_name=two_sided.estimate_name,
        estimate=two_sided.estimate,
        ci_low=two_sided.ci_low,
        ci_high=two_sided.ci_high,
        effect_size=two_sided.effect_size,
        n=two_sided.n,
        assumptions=two_sided.assumptions,
        extra={
            "t_lower": lower.statistic,
            "p_lower": lower.p_value,
            "t_upper": upper.statistic,
            "p_upper": upper.p_value,
            "ci_level": 1 - 2 * alpha,
        },
    )


def _two_groups(
    data: Any, *, dv: str | None, group: str | None
) -> tuple[list[str], list[np.ndarray]]:
    names, arrays = read_groups(data, dv=dv, group=group, min_groups=2, min_n=2)
    if len(arrays) != 2:
        raise ValueError(f"a two-sample test needs exactly 2 groups, got {len(arrays)}: {names}")
    return names, arrays


def _t_on_values(
    values: Any,
    mu: float,
    alpha: float,
    alternative: str,
    *,
    method: str,
    label: str,
    estimate_name: str,
    effect_name: str,
    n: dict[str, int],
    sd_key: str,
    constant_error: str,
    unit: float = 1.0,
) -> TestResult:
    """The one-sample t-test on ``values`` given in multiples of ``unit`` (a paired test is this
    on the differences)."""
    inner = _common_scale(values)
    values = values / inner
    m, v = _mean_var(values)
    return _one_sample_result(
        (values.size, m, v),
        mu,
        unit * inner,
        alpha,
        alternative,
        method=method,
        estimate_name=estimate_name,
        effect_name=effect_name,
        n=n,
        sd_key=sd_key,
        constant_error=constant_error,
        assumptions=normality_checks([label], [values], alpha),
    )


def _one_sample_result(
    sample: tuple[int, float, float],
    mu: float,
    unit: float,
    alpha: float,
    alternative: str,
    *,
    method: str,
    estimate_name: str,
    effect_name: str,
    n: dict[str, int],
    sd_key: str,
    constant_error: str,
    assumptions: list[Any],
) -> TestResult:
    """The one-sample t-test from the sample's (n, mean, variance) in multiples of ``unit``."""
    size, m, v = sample
    mu_s = mu / unit
    if v == 0:
        raise ValueError(constant_error)
    se = math.sqrt(v / size)
    df = size - 1
    t = (m - mu_s) / se
    lo, hi = t_ci(m, se, df, alpha, alternative)
    return TestResult(
        method=method,
        statistic_name="t",
        statistic=t,
        p_value=t_pvalue(t, df, alternative),
        df=float(df),
        alternative=alternative,
        alpha=alpha,
        estimate_name=estimate_name,
        estimate=m * unit,
        ci_low=finite_or_none(float(lo) * unit),
        ci_high=finite_or_none(float(hi) * unit),
        effect_size=_d_effect(
            t, df, 1 / math.sqrt(size), (m - mu_s) / math.sqrt(v), alpha, effect_name
        ),
        n=n,
        assumptions=assumptions,
        extra={"mu": mu, sd_key: math.sqrt(v) * unit, "se": se * unit},
    )


def _summary_values(value: Any, name: str, k: int) -> list[float]:
    items = list(value) if isinstance(value, list | tuple | np.ndarray) else [value]
    if len(items) != k:
        raise ValueError(
            f"{name}: give {'one number' if k == 1 else 'one number per sample (two)'}, "
            f"got {len(items)}"
        )
    out = []
    for item in items:
        try:
            f = float(item)
        except (TypeError, ValueError):
            raise ValueError(f"{name}: expected a number, got {item!r}") from None
        if not math.isfinite(f):
            raise ValueError(f"{name}: must be finite, got {item!r}")
        out.append(f)
    return out


def ttest_summary(
    n: Any,
    mean: Any,
    sd: Any,
    *,
    mu: float = 0.0,
    equal_var: bool = False,
    alternative: str = "two-sided",
    alpha: float = 0.05,
) -> TestResult:
    """t-test from summary statistics (Minitab's "summarized data"; scipy's
    ``ttest_ind_from_stats``): one sample when ``n``, ``mean`` and ``sd`` are numbers, two
    samples (Welch, or Student with ``equal_var=True``) when each is a pair.

    Normality cannot be checked without the values and is recorded as not checked; for two
    samples the equal-variance assumption is checked with the F-test on the two variances.

    >>> round(ttest_summary(12, 10.2, 0.3, mu=10).p_value, 4)
    0.0413
    """
    check_alternative(alternative)
    alpha = check_alpha(alpha)
    k = 2 if isinstance(n, list | tuple | np.ndarray) else 1
    sizes = _summary_values(n, "n", k)
    means = _summary_values(mean, "mean", k)
    sds = _summary_values(sd, "sd", k)
    for size in sizes:
        if size != int(size) or size < 2:
            raise ValueError(f"n: each sample size must be a whole number >= 2, got {size:g}")
    for s_ in sds:
        if s_ < 0:
            raise ValueError(f"sd: a standard deviation cannot be negative, got {s_:g}")
    ns = [int(size) for size in sizes]
    unit = _common_scale(np.array(means + sds + [mu]))
    ms = [m / unit for m in means]
    vs = [(s_ / unit) ** 2 for s_ in sds]
    names = ["x"] if k == 1 else ["x", "y"]
    normality = [
        Assumption(
            f"normality of {name}",
            "Shapiro-Wilk",
            None,
            None,
            None,
            "only summary statistics given: the values are needed to check normality",
        )
        for name in names
    ]
    if k == 1:
        return _one_sample_result(
            (ns[0], ms[0], vs[0]),
            mu,
            unit,
            alpha,
            alternative,
            method="One-sample t-test from summarized data",
            estimate_name="mean",
            effect_name="Cohen's d",
            n={"x": ns[0]},
            sd_key="sd",
            constant_error="sd is 0: the t statistic is undefined",
            assumptions=normality,
        )
    res = _two_sample_result(
        names,
        (ns[0], ms[0], vs[0]),
        (ns[1], ms[1], vs[1]),
        mu=mu,
        unit=unit,
        equal_var=equal_var,
        alpha=alpha,
        alternative=alternative,
        assumptions=normality + [_variance_f_check(ns, vs, alpha)],
    )
    res.method = res.method.replace(" (", " from summarized data (", 1)
    return res


def _variance_f_check(ns: list[int], vs: list[float], alpha: float) -> Assumption:
    """Equal variances from two summaries: the two-sided F-test on s1^2 / s2^2."""
    from scipy import stats

    if vs[0] == 0 or vs[1] == 0:
        return Assumption(
            "equal variances", "F-test", None, None, None, "a standard deviation of 0"
        )
    f = vs[0] / vs[1]
    lower = float(stats.f.cdf(f, ns[0] - 1, ns[1] - 1))
    p = min(1.0, 2 * min(lower, 1 - lower))
    return Assumption("equal variances", "F-test", f, p, bool(p >= alpha))
