"""Statistical tolerance intervals: normal (exact or Howe) and nonparametric (order statistics).

A tolerance interval claims, with confidence ``confidence``, that at least the proportion
``coverage`` of the population lies inside it.

- ``method="normal"``: x-bar +- k s with the *exact* factor. Two-sided k solves the Odeh-Owen
  integral (Krishnamoorthy & Mathew 2009, eq. 2.3.4):
  ``confidence = 2 int_0^inf P(chi2_nu > nu chi2_{1,p}(u^2/n) / k^2) phi(u) du`` with nu = n - 1
  and chi2_{1,p}(d) the p-quantile of the noncentral chi-square with 1 df and noncentrality d;
  it is integrated by Gauss-Legendre quadrature and solved for k by Brent's method. One-sided
  k = t'_{confidence}(nu, z_p sqrt(n)) / sqrt(n), the noncentral t quantile (exact).
- ``method="howe"``: Howe's (1969) two-sided approximation
  ``k = sqrt(nu (1 + 1/n) z_{(1+p)/2}^2 / chi2_{1-confidence, nu})`` (NIST/SEMATECH e-Handbook
  7.2.6.3); one-sided bounds are the exact noncentral-t ones in either case.
- ``method="nonparametric"``: the interval between order statistics X(r) and X(s). Its coverage
  is Beta(s - r, n - s + r + 1), so the achieved confidence is ``binom.cdf(s - r - 1, n, p)``;
  the narrowest symmetric pair (s = n + 1 - r) that reaches the confidence is used. A one-sided
  bound X(r) has confidence ``P(Binomial(n, 1 - p) >= r)``. When even the sample extremes do not
  reach the confidence, the result says so and gives the smallest n that would.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import numpy as np

from .._result import ToolResult, fmt
from .._validate import as_1d

METHODS = ("normal", "howe", "nonparametric")


@dataclasses.dataclass
class ToleranceInterval(ToolResult):
    method: str
    n: int
    coverage: float
    confidence: float
    sides: int
    lower: float | None
    upper: float | None
    mean: float
    sd: float
    k: float | None  # the normal tolerance factor (None for nonparametric)
    achieved_confidence: float
    order_statistics: list[int] | None  # 1-based ranks (r, s) of the nonparametric limits
    adequate: bool  # False when n is too small to reach the requested confidence
    min_n: int | None  # nonparametric: the smallest n that reaches coverage and confidence
    notes: list[str] = dataclasses.field(default_factory=list)

    def summary(self) -> str:
        pc, pg = self.coverage * 100, self.confidence * 100
        kind = "two-sided interval" if self.sides == 2 else "one-sided bounds"
        lines = [
            f"Tolerance {kind} ({self.method}), n={self.n}: at least {pc:g}% of the population "
            f"with {pg:g}% confidence"
        ]
        if self.sides == 2:
            lines.append(f"  interval: [{fmt(self.lower, 6)}, {fmt(self.upper, 6)}]")
        else:
            lines.append(
                f"  lower bound: {fmt(self.lower, 6)} (at least {pc:g}% above); "
                f"upper bound: {fmt(self.upper, 6)} (at least {pc:g}% below)"
            )
        if self.k is not None:
            lines.append(f"  k = {fmt(self.k, 6)}, mean = {fmt(self.mean, 6)}, sd = {fmt(self.sd)}")
        if self.order_statistics is not None:
            r, s = self.order_statistics
            lines.append(
                f"  order statistics X({r}) .. X({s}); achieved confidence "
                f"{fmt(self.achieved_confidence)}"
            )
        lines.extend(self.notes)
        return "\n".join(lines)


def normal_tolerance_factor(
    n: int, coverage: float = 0.95, confidence: float = 0.95, *, sides: int = 2, exact: bool = True
) -> float:
    """The factor k of a normal tolerance interval x-bar +- k s (s on n - 1 df).

    >>> round(normal_tolerance_factor(40, 0.90, 0.99, sides=1), 4)  # noncentral t, exact
    1.9017
    >>> round(normal_tolerance_factor(43, 0.90, 0.99, exact=False), 4)  # Howe: NIST 7.2.6.3
    2.2173
    """
    from scipy import stats

    n = _check_n(n)
    p, g = _check_prob(coverage, "coverage"), _check_prob(confidence, "confidence")
    sides = _check_sides(sides)
    nu = n - 1
    if sides == 1:
        zp = float(stats.norm.ppf(p))
        return float(stats.nct.ppf(g, nu, zp * math.sqrt(n))) / math.sqrt(n)
    if not exact:
        z = float(stats.norm.ppf((1 + p) / 2))
        return math.sqrt(nu * (1 + 1 / n) * z * z / float(stats.chi2.ppf(1 - g, nu)))
    return _odeh_owen_k(n, p, g)


def _odeh_owen_k(n: int, p: float, g: float) -> float:
    from scipy import optimize, special, stats

    nu = n - 1
    # u = sqrt(n) * (x-bar - mu) / sigma is standard normal; beyond 9 its weight is < 1e-18
    nodes, weights = np.polynomial.legendre.leggauss(160)
    u = 4.5 * (nodes + 1.0)
    w = 4.5 * weights * np.exp(-0.5 * u * u) / math.sqrt(2 * math.pi)
    r2 = stats.ncx2.ppf(p, 1, u * u / n)  # half-width^2 that covers p around a mean at u/sqrt(n)

    def conf(k: float) -> float:
        return float(2.0 * np.sum(w * special.chdtrc(nu, nu * r2 / (k * k)))) - g

    lo = float(stats.norm.ppf((1 + p) / 2))  # the factor with known mu and sigma: conf < g
    hi = 2 * lo
    while conf(hi) < 0:
        hi *= 2
        if hi > 1e7:
            raise ValueError("tolerance: the exact factor did not converge")  # pragma: no cover
    return float(optimize.brentq(conf, lo, hi, xtol=1e-12, rtol=1e-12))


def tolerance_interval(
    data: Any,
    *,
    coverage: float = 0.95,
    confidence: float = 0.95,
    sides: int = 2,
    method: str = "normal",
) -> ToleranceInterval:
    """Tolerance interval (``sides=2``) or lower and upper bounds (``sides=1``).

    >>> r = tolerance_interval([9.8, 10.1, 10.0, 10.3, 9.9, 10.2, 10.0, 9.7], coverage=0.9)
    >>> round(r.k, 4), r.method
    (3.156, 'normal (exact Odeh-Owen factor)')
    """
    if method not in METHODS:
        raise ValueError(f"tolerance: method must be one of {', '.join(METHODS)}, got {method!r}")
    x = as_1d(data, "data", min_n=2)
    p, g = _check_prob(coverage, "coverage"), _check_prob(confidence, "confidence")
    sides = _check_sides(sides)
    n = x.size
    mean, sd = float(x.mean()), float(x.std(ddof=1))
    if method == "nonparametric":
        return _nonparametric(x, p, g, sides, mean, sd)
    if sd == 0:
        raise ValueError("tolerance: all values are equal; the normal interval is undefined")
    exact = method == "normal"
    k = normal_tolerance_factor(n, p, g, sides=sides, exact=exact)
    notes = []
    if sides == 2:
        label = "normal (exact Odeh-Owen factor)" if exact else "normal (Howe approximation)"
    else:
        label = "normal (exact noncentral-t factor)"
        if not exact:
            notes.append("one-sided bounds use the exact noncentral-t factor (Howe is two-sided)")
    from .distribution import anderson_darling

    if n >= 8:
        ad = anderson_darling(x)
        if ad.p_value < 0.05:
            notes.append(
                f"warning: the data look non-normal (Anderson-Darling p = {ad.p_value:.4f}); "
                "consider method=nonparametric"
            )
    return ToleranceInterval(
        method=label,
        n=n,
        coverage=p,
        confidence=g,
        sides=sides,
        lower=mean - k * sd,
        upper=mean + k * sd,
        mean=mean,
        sd=sd,
        k=k,
        achieved_confidence=g,
        order_statistics=None,
        adequate=True,
        min_n=None,
        notes=notes,
    )


def _nonparametric(
    x: np.ndarray, p: float, g: float, sides: int, mean: float, sd: float
) -> ToleranceInterval:
    from scipy import stats

    n = x.size
    xs = np.sort(x)
    if sides == 2:
        # interval X(r) .. X(n + 1 - r): coverage ~ Beta(n + 1 - 2r, 2r)
        def achieved(r: int) -> float:
            return float(stats.binom.cdf(n - 2 * r, n, p))

        min_n = 2
        while float(stats.binom.cdf(min_n - 2, min_n, p)) < g:
            min_n += 1
    else:
        # lower bound X(r) covers >= p above it when at least r values fall below the (1-p) point
        def achieved(r: int) -> float:
            return float(stats.binom.sf(r - 1, n, 1 - p))

        min_n = math.ceil(math.log(1 - g) / math.log(p) - 1e-12)
    best = 1
    r_max = n // 2 if sides == 2 else n
    for r in range(1, r_max + 1):
        if achieved(r) >= g:
            best = r
        else:
            break
    conf = achieved(best)
    adequate = conf >= g
    r, s = best, n + 1 - best
    notes = []
    if not adequate:
        notes.append(
            f"n = {n} is too small: even X(1) .. X({n}) reach only {conf:.4f} confidence for "
            f"{p:g} coverage; {min_n} observations are needed for {g:g}"
        )
    return ToleranceInterval(
        method="nonparametric (order statistics)",
        n=n,
        coverage=p,
        confidence=g,
        sides=sides,
        lower=float(xs[r - 1]),
        upper=float(xs[s - 1]),
        mean=mean,
        sd=sd,
        k=None,
        achieved_confidence=conf,
        order_statistics=[r, s],
        adequate=adequate,
        min_n=min_n,
        notes=notes,
    )


def _check_n(n: Any) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2:
        raise ValueError(f"tolerance: n must be a whole number >= 2, got {n!r}")
    return int(n)


def _check_prob(v: Any, name: str) -> float:
    try:
        f = float(v)
    except (TypeError, ValueError):
        raise ValueError(f"tolerance: {name} must be a number between 0 and 1, got {v!r}") from None
    if not 0.0 < f < 1.0:
        raise ValueError(f"tolerance: {name} must be between 0 and 1 (exclusive), got {v}")
    return f


def _check_sides(sides: Any) -> int:
    if sides not in (1, 2) or isinstance(sides, bool):
        raise ValueError(f"tolerance: sides must be 1 or 2, got {sides!r}")
    return int(sides)
