"""Distribution fit: Kolmogorov-Smirnov (one- and two-sample) and Lilliefors tests.

>>> from havoc_tools.stats import ks_test
>>> ks_test([0.2, 1.4, 0.7, 2.9, 0.1, 0.9, 1.8, 0.4], dist="expon").extra["estimated"]
['scale']
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from havoc_tools._validate import as_1d, check_alpha, check_alternative, not_constant
from havoc_tools.stats.results import TestResult

# name -> (scipy distribution, its parameter names, parameters fixed when fitting)
DISTRIBUTIONS: dict[str, tuple[str, tuple[str, ...], dict[str, float]]] = {
    "norm": ("norm", ("loc", "scale"), {}),
    "expon": ("expon", ("loc", "scale"), {"loc": 0.0}),
    "uniform": ("uniform", ("loc", "scale"), {}),
    "gamma": ("gamma", ("a", "loc", "scale"), {"loc": 0.0}),
    "weibull": ("weibull_min", ("c", "loc", "scale"), {"loc": 0.0}),
    "lognorm": ("lognorm", ("s", "loc", "scale"), {"loc": 0.0}),
}
_POSITIVE = {"gamma", "weibull", "lognorm"}


def _params(dist: str, a: np.ndarray, params: Any, name: str) -> tuple[dict[str, float], list[str]]:
    from scipy import stats

    scipy_name, names, fixed = DISTRIBUTIONS[dist]
    if params is not None:
        given = dict(params) if isinstance(params, dict) else dict(zip(names, params, strict=False))
        if isinstance(params, dict) and set(given) - set(names):
            raise ValueError(f"params for {dist} are {list(names)}, got {sorted(given)}")
        if len(given) != len(names):
            raise ValueError(f"params for {dist} need {len(names)} values {list(names)}")
        out = {k: float(given[k]) for k in names}
        if out["scale"] <= 0:
            raise ValueError(f"params: scale must be positive, got {out['scale']}")
        return out, []
    if dist in _POSITIVE and np.any(a <= 0):
        raise ValueError(f"{name}: fitting a {dist} distribution (loc 0) needs values > 0")
    if dist == "expon" and np.any(a < 0):
        raise ValueError(f"{name}: fitting an exponential distribution (loc 0) needs values >= 0")
    fit_kw = {"f" + k: v for k, v in fixed.items()}
    values = getattr(stats, scipy_name).fit(a, **fit_kw)
    out = {k: float(v) for k, v in zip(names, values, strict=True)}
    return out, [k for k in names if k not in fixed]


def _ks_statistic(cdf: np.ndarray) -> tuple[float, float]:
    """D+ and D- of a sorted sample's CDF values against the empirical CDF."""
    n = cdf.size
    i = np.arange(1, n + 1)
    return float(np.max(i / n - cdf)), float(np.max(cdf - (i - 1) / n))


def ks_test(
    x: Any,
    dist: str = "norm",
    params: Any = None,
    *,
    alternative: str = "two-sided",
    alpha: float = 0.05,
    name: str = "x",
) -> TestResult:
    """One-sample Kolmogorov-Smirnov test of ``x`` against ``dist``.

    ``params``: the distribution's parameters in scipy's order (a list, or a dict by name; see
    :data:`DISTRIBUTIONS`). When ``None`` they are estimated by maximum likelihood
    (``scipy.stats.<dist>.fit``, with ``loc`` fixed at 0 for expon, gamma, weibull and
    lognorm): the p-value then assumes known parameters and is conservative (too large); use
    :func:`lilliefors` for the normal and exponential cases.
    """
    from scipy import stats

    if dist not in DISTRIBUTIONS:
        raise ValueError(f"dist must be one of {', '.join(DISTRIBUTIONS)}, got {dist!r}")
    check_alternative(alternative)
    alpha = check_alpha(alpha)
    a = not_constant(as_1d(x, name, min_n=3), name)
    par, estimated = _params(dist, a, params, name)
    frozen = getattr(stats, DISTRIBUTIONS[dist][0])(**par)
    d_plus, d_minus = _ks_statistic(frozen.cdf(np.sort(a)))
    n = a.size
    if alternative == "two-sided":
        stat, p, name = max(d_plus, d_minus), float(stats.kstwo.sf(max(d_plus, d_minus), n)), "D"
    elif alternative == "greater":  # the data's CDF lies above the hypothesised one
        stat, p, name = d_plus, float(stats.ksone.sf(d_plus, n)), "D+"
    else:
        stat, p, name = d_minus, float(stats.ksone.sf(d_minus, n)), "D-"
    how = "parameters given"
    if estimated:
        how = (
            f"{', '.join(estimated)} estimated by maximum likelihood; approximate p-value: it "
            "treats them as known, which makes it conservative"
        )
    return TestResult(
        f"One-sample Kolmogorov-Smirnov test against {dist} ({how})",
        name,
        stat,
        min(1.0, p),
        None,
        alternative,
        alpha,
        n={name: int(n)},
        extra={
            "dist": dist,
            "params": par,
            "estimated": estimated,
            "p_value_approximate": bool(estimated),
            "D_plus": d_plus,
            "D_minus": d_minus,
        },
    )


def lilliefors(x: Any, dist: str = "norm", *, alpha: float = 0.05, name: str = "x") -> TestResult:
    """Lilliefors test: the KS statistic with the parameters estimated (normal: mean and
    sample SD; exponential: mean), referred to the null distribution that allows for the
    estimation (statsmodels' tables from Lilliefors' and Dallal-Wilkinson's simulations)."""
    from scipy import stats
    from statsmodels.stats.diagnostic import lilliefors as sm_lilliefors

    if dist not in ("norm", "exp"):
        raise ValueError(f"dist must be 'norm' or 'exp', got {dist!r}")
    alpha = check_alpha(alpha)
    a = not_constant(as_1d(x, name, min_n=4), name)
    s = np.sort(a)
    if dist == "norm":
        par = {"loc": float(a.mean()), "scale": float(a.std(ddof=1))}
        cdf = stats.norm.cdf(s, **par)
    else:
        if np.any(a < 0):
            raise ValueError(f"{name}: the exponential Lilliefors test needs values >= 0")
        par = {"loc": 0.0, "scale": float(a.mean())}
        cdf = stats.expon.cdf(s, **par)
    d = max(_ks_statistic(cdf))
    _, p = sm_lilliefors(a, dist=dist, pvalmethod="table")
    label = "normal" if dist == "norm" else "exponential"
    return TestResult(
        f"Lilliefors test of {label} fit (parameters estimated; tabled null distribution)",
        "D",
        d,
        float(p),
        None,
        "two-sided",
        alpha,
        n={"x": int(a.size)},
        extra={
            "dist": dist,
            "params": par,
            "estimated": list(par) if dist == "norm" else ["scale"],
        },
    )


def ks_2samp(
    data: Any = None,
    *groups: Any,
    dv: str | None = None,
    group: str | None = None,
    alternative: str = "two-sided",
    alpha: float = 0.05,
) -> TestResult:
    """Two-sample Kolmogorov-Smirnov test of equal distributions: D = max |F1 - F2|; exact
    p-value when neither sample exceeds 10000 values, else the asymptotic one (scipy's
    ``ks_2samp``)."""
    from scipy import stats

    from havoc_tools.stats.variances import _two_groups

    check_alternative(alternative)
    alpha = check_alpha(alpha)
    names, (x, y) = _two_groups(data, groups, dv, group, 1, "the two-sample KS test")
    pooled = np.sort(np.concatenate([x, y]))
    f1 = np.searchsorted(np.sort(x), pooled, side="right") / x.size
    f2 = np.searchsorted(np.sort(y), pooled, side="right") / y.size
    d_plus, d_minus = float(np.max(f1 - f2)), float(np.max(f2 - f1))
    d = {"two-sided": max(d_plus, d_minus), "greater": d_plus, "less": d_minus}[alternative]
    mode = "exact" if max(x.size, y.size) <= 10000 else "asymp"
    ref = stats.ks_2samp(x, y, alternative=alternative, method=mode)
    if not math.isclose(float(ref.statistic), d, rel_tol=1e-12, abs_tol=1e-12):
        raise ArithmeticError("two-sample KS statistic disagrees with scipy's")  # pragma: no cover
    name = {"two-sided": "D", "greater": "D+", "less": "D-"}[alternative]
    return TestResult(
        "Two-sample Kolmogorov-Smirnov test ("
        + ("exact p-value" if mode == "exact" else "asymptotic p-value")
        + ")",
        name,
        d,
        float(ref.pvalue),
        None,
        alternative,
        alpha,
        n={nm: int(a.size) for nm, a in zip(names, (x, y), strict=True)},
        extra={"D_plus": d_plus, "D_minus": d_minus},
    )
