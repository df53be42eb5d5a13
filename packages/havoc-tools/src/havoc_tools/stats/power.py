"""Power and sample size for t-tests, one-way ANOVA and two proportions.

Give all but one of ``effect_size``, ``n`` and ``power``; the missing one is solved for. Exact
noncentral t / F power (as G*Power and statsmodels compute it); normal approximation with Cohen's
h for proportions.
"""

from __future__ import annotations

import math

from havoc_tools._validate import check_alpha, check_alternative
from havoc_tools.stats.results import PowerResult

_KINDS = ("two-sample", "one-sample", "paired")


def _one_missing(**values: float | None) -> str:
    missing = [k for k, v in values.items() if v is None]
    if len(missing) != 1:
        raise ValueError(
            f"give all but exactly one of {list(values)}; missing: {missing or 'none'}"
        )
    return missing[0]


def _check_power(power: float | None) -> None:
    if power is not None and not 0 < power < 1:
        raise ValueError(f"power must be between 0 and 1 (exclusive), got {power}")


def _check_n(n: float | None, minimum: float) -> None:
    if n is not None and not (math.isfinite(n) and n >= minimum):
        raise ValueError(f"n must be at least {minimum:g}, got {n}")


def _solve(f, lo: float, hi: float, what: str) -> float:  # type: ignore[no-untyped-def]
    from scipy import optimize

    # f increases with its argument; bracket the root by doubling so the noncentral
    # distributions are never evaluated far beyond the answer (they lose accuracy there)
    if f(lo) > 0:
        where = ", where the test has one error degree of freedom" if what == "n" else ""
        raise ValueError(
            f"the requested power is already exceeded at the smallest {what} ({lo:g}{where}); "
            "ask for more power or a smaller effect"
        )
    a, b = lo, max(2 * lo, lo + 1.0)
    while True:
        fb = f(b)
        if math.isfinite(fb) and fb > 0:
            break
        if b >= hi:
            raise ValueError(f"no {what} up to {hi:g} reaches the requested power")
        a, b = b, min(2 * b, hi)
    return float(optimize.brentq(f, a, b, xtol=1e-10, rtol=1e-12))


def _t_power(d: float, n: float, alpha: float, kind: str, alternative: str, ratio: float) -> float:
    from scipy import stats

    if kind == "two-sample":
        n2 = n * ratio
        df = n + n2 - 2
        ncp = d * math.sqrt(n * n2 / (n + n2))
    else:
        df = n - 1
        ncp = d * math.sqrt(n)
    if alternative == "two-sided":
        c = stats.t.ppf(1 - alpha / 2, df)
        return _nct_above(c, df, ncp) + _nct_above(c, df, -ncp)
    c = stats.t.ppf(1 - alpha, df)
    if alternative == "greater":
        return _nct_above(c, df, ncp)
    return _nct_above(c, df, -ncp)


def _nct_above(c: float, df: float, ncp: float) -> float:
    """P(T > c) for T noncentral t(df, ncp); P(T < -c | ncp) is ``_nct_above(c, df, -ncp)``.

    scipy's noncentral t returns NaN far in a tail (``nct.cdf(-2.07, 22, 23.1)``; ``nct.sf``
    of the mirrored argument likewise at other points); there the normal approximation
    T ~ N(ncp, 1 + ncp^2 / (2 df)) is used, whose error is far below the probabilities
    involved (both are 0 or 1 to double precision)."""
    from scipy import stats

    p = float(stats.nct.sf(c, df, ncp))
    if not math.isfinite(p):
        p = float(stats.nct.cdf(-c, df, -ncp))
    if not math.isfinite(p):
        p = float(stats.norm.sf((c - ncp) / math.sqrt(1 + ncp * ncp / (2 * df))))
    return min(max(p, 0.0), 1.0)


def power_ttest(
    effect_size: float | None = None,
    n: float | None = None,
    power: float | None = None,
    *,
    alpha: float = 0.05,
    kind: str = "two-sample",
    alternative: str = "two-sided",
    ratio: float = 1.0,
) -> PowerResult:
    """Power of a t-test for Cohen's d. ``n`` is per group for ``kind="two-sample"`` (the second
    group has ``ratio * n``), the number of pairs for ``"paired"``.

    >>> round(power_ttest(effect_size=0.5, power=0.8).n, 2)
    63.77
    """
    alpha = check_alpha(alpha)
    check_alternative(alternative)
    if kind not in _KINDS:
        raise ValueError(f"kind must be one of {_KINDS}, got {kind!r}")
    if not ratio > 0:
        raise ValueError(f"ratio must be positive, got {ratio}")
    target = _one_missing(effect_size=effect_size, n=n, power=power)
    _check_power(power)
    _check_n(n, 2)
    if effect_size is not None and not math.isfinite(effect_size):
        raise ValueError(f"effect_size must be finite, got {effect_size}")
    if alternative == "less" and effect_size is not None:
        effect_size = -abs(effect_size) if effect_size > 0 else effect_size
    if target == "power":
        power = _t_power(effect_size, n, alpha, kind, alternative, ratio)  # type: ignore[arg-type]
    elif target == "n":
        # start where the t distribution has one error degree of freedom (n - 1 = 1, or
        # n (1 + ratio) - 2 = 1 with at least one observation per group): below that the
        # noncentral t is degenerate
        lo = max(3.0 / (1.0 + ratio), 1.0, 1.0 / ratio) if kind == "two-sample" else 2.0
        n = _solve(
            lambda v: _t_power(effect_size, v, alpha, kind, alternative, ratio) - power,
            lo,
            1e7,
            "n",
        )
    else:
        sign = -1.0 if alternative == "less" else 1.0
        effect_size = sign * _solve(
            lambda d: _t_power(sign * d, n, alpha, kind, alternative, ratio) - power,
            1e-8,
            100.0,
            "effect size",
        )
    meaning = {"two-sample": "per group", "one-sample": "observations", "paired": "pairs"}[kind]
    return PowerResult(
        f"Power of the {kind} t-test (noncentral t)",
        target,
        float(effect_size),
        float(n),
        alpha,
        float(power),
        alternative,
        math.ceil(n - 1e-9),
        {"n_meaning": meaning, "ratio": ratio, "effect_size_name": "Cohen's d"},
    )


def _f_power(f: float, k: int, n: float, alpha: float) -> float:
    from scipy import stats

    df1, df2 = k - 1, k * (n - 1)
    crit = stats.f.ppf(1 - alpha, df1, df2)
    return float(stats.ncf.sf(crit, df1, df2, f * f * k * n))


def power_anova(
    effect_size: float | None = None,
    n: float | None = None,
    power: float | None = None,
    *,
    k: int,
    alpha: float = 0.05,
) -> PowerResult:
    """Power of the one-way ANOVA F test for Cohen's f with ``k`` groups of ``n`` each
    (noncentrality f^2 k n, error df k (n - 1)).

    ``n`` is per group. statsmodels' ``FTestAnovaPower`` takes and returns the *total*
    ``nobs = k * n`` instead; G*Power reports the total sample size too.

    >>> round(power_anova(effect_size=0.25, power=0.8, k=4).n, 2)
    44.6
    """
    alpha = check_alpha(alpha)
    if int(k) != k or k < 2:
        raise ValueError(f"k (number of groups) must be an integer >= 2, got {k}")
    target = _one_missing(effect_size=effect_size, n=n, power=power)
    _check_power(power)
    _check_n(n, 2)
    if effect_size is not None and not (math.isfinite(effect_size) and effect_size > 0):
        raise ValueError(f"effect_size (Cohen's f) must be positive, got {effect_size}")
    if target == "power":
        power = _f_power(effect_size, k, n, alpha)  # type: ignore[arg-type]
    elif target == "n":
        # bracket from the n where the error df k (n - 1) reaches 1: closer to n = 1 the
        # noncentral F is degenerate (its power jumps to ~1 at df2 -> 0, which wrongly read
        # as "power already exceeded")
        n_min = 1.0 + 1.0 / k
        n = _solve(lambda v: _f_power(effect_size, k, v, alpha) - power, n_min, 1e7, "n")  # type: ignore[arg-type]
    else:
        effect_size = _solve(lambda f: _f_power(f, k, n, alpha) - power, 1e-8, 100.0, "effect size")  # type: ignore[arg-type]
    return PowerResult(
        f"Power of the one-way ANOVA F test, k = {k} (noncentral F)",
        target,
        float(effect_size),
        float(n),
        alpha,
        float(power),
        "two-sided",
        math.ceil(n - 1e-9),
        {"n_meaning": "per group", "k": k, "effect_size_name": "Cohen's f"},
    )


def _prop_power(h: float, n: float, alpha: float, alternative: str, ratio: float) -> float:
    from scipy import stats

    scale = math.sqrt(n * n * ratio / (n + n * ratio))
    if alternative == "two-sided":
        z = stats.norm.ppf(1 - alpha / 2)
        return float(stats.norm.sf(z - h * scale) + stats.norm.cdf(-z - h * scale))
    z = stats.norm.ppf(1 - alpha)
    if alternative == "greater":
        return float(stats.norm.sf(z - h * scale))
    return float(stats.norm.cdf(-z - h * scale))


def power_proportions(
    p1: float,
    p2: float,
    n: float | None = None,
    power: float | None = None,
    *,
    alpha: float = 0.05,
    alternative: str = "two-sided",
    ratio: float = 1.0,
) -> PowerResult:
    """Power of the two-proportion z test (arcsine effect size h = 2 asin sqrt p1 - 2 asin sqrt p2,
    normal approximation). ``n`` is the size of the first group; the second has ``ratio * n``."""
    alpha = check_alpha(alpha)
    check_alternative(alternative)
    for name, p in (("p1", p1), ("p2", p2)):
        if not 0 < p < 1:
            raise ValueError(f"{name} must be strictly between 0 and 1, got {p}")
    if p1 == p2:
        raise ValueError("p1 equals p2: there is no effect to detect")
    if not ratio > 0:
        raise ValueError(f"ratio must be positive, got {ratio}")
    target = _one_missing(n=n, power=power)
    _check_power(power)
    _check_n(n, 1)
    h = 2 * math.asin(math.sqrt(p1)) - 2 * math.asin(math.sqrt(p2))
    if target == "power":
        power = _prop_power(h, n, alpha, alternative, ratio)  # type: ignore[arg-type]
    else:
        n = _solve(lambda v: _prop_power(h, v, alpha, alternative, ratio) - power, 1e-6, 1e9, "n")
    return PowerResult(
        "Power of the two-proportion z test (Cohen's h, normal approximation)",
        target,
        h,
        float(n),
        alpha,
        float(power),
        alternative,
        math.ceil(n - 1e-9),
        {
            "n_meaning": "in group 1",
            "p1": p1,
            "p2": p2,
            "ratio": ratio,
            "effect_size_name": "Cohen's h",
        },
    )
