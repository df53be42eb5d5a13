"""Power and sample size for one proportion, TOST equivalence, two-level factorial designs, and
power curves over n or the effect size.

- One proportion: the exact binomial test (power = P(X in the test's rejection region) under
  the true p; two-sided rejection region as scipy's ``binomtest``: outcomes no more likely than
  the observed one) or the normal approximation with Cohen's h = 2 asin sqrt p - 2 asin sqrt p0
  (as statsmodels' ``NormalIndPower`` with ``ratio=0``).
- TOST (two one-sided t-tests) for one-sample / paired or two-sample means: exact power, the
  integral over the sample SD of the probability that both one-sided tests reject (Owen 1965;
  what PowerTOST's "exact" method computes).
- Two-level factorial (Minitab "Power and Sample Size > 2-Level Factorial Design"): an effect
  Delta (high-level mean minus low-level mean) estimated from N = corner runs x replicates
  runs has standard error 2 sigma / sqrt(N); its t test on the error df of the model (total runs
  - terms - 1, minus one more for a centre-point term) has noncentral F(1, df_e) power with
  noncentrality N Delta^2 / (4 sigma^2).
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import numpy as np

from havoc_tools._result import ToolResult, fmt
from havoc_tools._validate import check_alpha, check_alternative
from havoc_tools.stats.power import _check_power, _one_missing, _solve
from havoc_tools.stats.results import PowerResult

# ----------------------------------------------------------------------------- one proportion

PROPORTION_METHODS = ("exact", "normal")


def _check_prob(name: str, p: float) -> None:
    if isinstance(p, bool) or not isinstance(p, (int, float)) or not 0 < p < 1:
        raise ValueError(f"{name} must be strictly between 0 and 1, got {p!r}")


def _binom_reject(n: int, p0: float, alpha: float, alternative: str) -> np.ndarray:
    """Boolean mask over x = 0..n of the exact binomial test's rejection region."""
    from scipy import stats

    x = np.arange(n + 1)
    if alternative == "greater":
        return stats.binom.sf(x - 1, n, p0) <= alpha
    if alternative == "less":
        return stats.binom.cdf(x, n, p0) <= alpha
    pmf = stats.binom.pmf(x, n, p0)
    # scipy.stats.binomtest: p-value = sum of pmf(y) over pmf(y) <= pmf(x) (relative tol 1e-7)
    order = np.sort(pmf)
    csum = np.cumsum(order)
    idx = np.searchsorted(order, pmf * (1 + 1e-7), side="right")
    pval = np.where(idx > 0, csum[np.maximum(idx - 1, 0)], 0.0)
    return np.minimum(pval, 1.0) <= alpha


def _exact_power(n: int, p: float, p0: float, alpha: float, alternative: str) -> float:
    from scipy import stats

    reject = _binom_reject(n, p0, alpha, alternative)
    return float(stats.binom.pmf(np.arange(n + 1), n, p)[reject].sum())


def _normal_power(h: float, n: float, alpha: float, alternative: str) -> float:
    from scipy import stats

    s = h * math.sqrt(n)
    if alternative == "two-sided":
        z = stats.norm.ppf(1 - alpha / 2)
        return float(stats.norm.sf(z - s) + stats.norm.cdf(-z - s))
    z = stats.norm.ppf(1 - alpha)
    return float(stats.norm.sf(z - s) if alternative == "greater" else stats.norm.cdf(-z - s))


def power_proportion(
    p: float,
    p0: float,
    n: float | None = None,
    power: float | None = None,
    *,
    alpha: float = 0.05,
    alternative: str = "two-sided",
    method: str = "exact",
    n_max: int = 5_000,
) -> PowerResult:
    """Power of the one-sample proportion test of H0: p = ``p0`` when the true proportion is
    ``p``; give one of ``n`` and ``power``. ``method="exact"`` (binomial test; the power is a
    saw-tooth in n, so the n returned is the smallest n up to ``n_max`` that reaches the power,
    searched from half (three quarters above 400) of the normal-approximation n)
    or ``"normal"`` (Cohen's h, continuous n).

    >>> round(power_proportion(0.3, 0.5, n=30, method="normal").power, 4)
    0.6156
    """
    alpha = check_alpha(alpha)
    check_alternative(alternative)
    _check_prob("p", p)
    _check_prob("p0", p0)
    if p == p0:
        raise ValueError("p equals p0: there is no effect to detect")
    if method not in PROPORTION_METHODS:
        raise ValueError(f"method must be one of {PROPORTION_METHODS}, got {method!r}")
    target = _one_missing(n=n, power=power)
    _check_power(power)
    if (alternative == "greater" and p < p0) or (alternative == "less" and p > p0):
        note = f"p = {p} lies on the other side of p0 than alternative={alternative!r}"
    else:
        note = ""
    h = 2 * math.asin(math.sqrt(p)) - 2 * math.asin(math.sqrt(p0))
    if method == "exact":
        if n is not None and (isinstance(n, bool) or int(n) != n or not 1 <= n <= 10**6):
            raise ValueError(f"n must be a whole number from 1 to 10^6 (exact method), got {n}")
        if target == "power":
            power = _exact_power(int(n), p, p0, alpha, alternative)  # type: ignore[arg-type]
        else:
            # the exact power is a saw-tooth around the normal approximation; well below the
            # approximate n it is short of the target, so the scan starts there
            approx = _solve(
                lambda v: _normal_power(h, v, alpha, alternative) - power, 1e-6, 1e9, "n"
            )
            if approx > n_max:
                raise ValueError(
                    f"about {math.ceil(approx)} observations are needed (normal approximation), "
                    f"above n_max={n_max}; use method='normal' or raise n_max"
                )
            n = None
            start = int(approx * (0.5 if approx < 400 else 0.75))
            for size in range(max(1, start), n_max + 1):
                if _exact_power(size, p, p0, alpha, alternative) >= power:  # type: ignore[operator]
                    n = size
                    break
            if n is None:
                raise ValueError(f"no n up to n_max={n_max} reaches power {power}")
            power = _exact_power(int(n), p, p0, alpha, alternative)
        how = "exact binomial test"
    else:
        if n is not None and not (math.isfinite(n) and n > 0):
            raise ValueError(f"n must be positive, got {n}")
        if target == "power":
            power = _normal_power(h, n, alpha, alternative)  # type: ignore[arg-type]
        else:
            n = _solve(lambda v: _normal_power(h, v, alpha, alternative) - power, 1e-6, 1e9, "n")
        how = "normal approximation, Cohen's h"
    extra = {"n_meaning": "observations", "p": p, "p0": p0, "effect_size_name": "Cohen's h"}
    if note:
        extra["note"] = note
    return PowerResult(
        f"Power of the one-proportion test ({how})",
        target,
        h,
        float(n),
        alpha,
        float(power),
        alternative,
        math.ceil(n - 1e-9),
        extra,
    )


# ----------------------------------------------------------------------------- TOST

TOST_KINDS = ("one-sample", "paired", "two-sample")


def _tost_power(
    diff: float,
    sigma: float,
    n: float,
    low: float,
    high: float,
    alpha: float,
    kind: str,
    ratio: float,
) -> float:
    """P(both one-sided t tests reject) = int [Phi((high - d - t se u)/se) - Phi((low - d +
    t se u)/se)]^+ f(u) du over u = s / sigma, (df u^2 ~ chi-square(df))."""
    from scipy import integrate, stats

    if kind == "two-sample":
        n2 = n * ratio
        c, df = 1 / n + 1 / n2, n + n2 - 2
    else:
        c, df = 1 / n, n - 1
    se = sigma * math.sqrt(c)
    t = float(stats.t.ppf(1 - alpha, df))
    u_max = (high - low) / (2 * t * se)  # beyond it the acceptance interval is empty

    def f(u: float) -> float:
        band = stats.norm.cdf((high - diff) / se - t * u) - stats.norm.cdf(
            (low - diff) / se + t * u
        )
        return max(float(band), 0.0) * 2 * df * u * float(stats.chi2.pdf(df * u * u, df))

    val, _ = integrate.quad(f, 0.0, u_max, epsabs=1e-12, epsrel=1e-10, limit=200)
    return float(min(max(val, 0.0), 1.0))


def power_tost(
    low: float,
    high: float,
    *,
    diff: float = 0.0,
    sigma: float = 1.0,
    n: float | None = None,
    power: float | None = None,
    alpha: float = 0.05,
    kind: str = "two-sample",
    ratio: float = 1.0,
) -> PowerResult:
    """Power / sample size of the TOST equivalence test of a mean (``kind="one-sample"``), a mean
    difference of pairs (``"paired"``) or of two groups (``"two-sample"``: ``n`` in group 1,
    ``ratio * n`` in group 2) within [``low``, ``high``], when the true difference is ``diff``
    and the SD is ``sigma`` (of the differences for paired data). Give one of ``n`` and ``power``.

    >>> round(power_tost(-0.5, 0.5, n=30, kind="one-sample").power, 4)
    0.6965
    """
    alpha = check_alpha(alpha)
    if kind not in TOST_KINDS:
        raise ValueError(f"kind must be one of {TOST_KINDS}, got {kind!r}")
    for name, v in (("low", low), ("high", high), ("diff", diff), ("sigma", sigma)):
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
            raise ValueError(f"{name} must be a finite number, got {v!r}")
    if not low < high:
        raise ValueError(f"low must be below high, got low={low}, high={high}")
    if not sigma > 0:
        raise ValueError(f"sigma must be positive, got {sigma}")
    if not (isinstance(ratio, (int, float)) and ratio > 0):
        raise ValueError(f"ratio must be positive, got {ratio!r}")
    target = _one_missing(n=n, power=power)
    _check_power(power)
    lo_n = max(3.0 / (1.0 + ratio), 1.0, 1.0 / ratio) if kind == "two-sample" else 2.0
    if n is not None and not (math.isfinite(n) and n >= lo_n):
        raise ValueError(f"n must be at least {lo_n:g} (one error degree of freedom), got {n}")
    note = ""
    if not low < diff < high:
        note = "the true difference is outside the equivalence interval: power <= alpha"
    if target == "power":
        power = _tost_power(diff, sigma, n, low, high, alpha, kind, ratio)  # type: ignore[arg-type]
    else:
        if note:
            raise ValueError(
                f"diff = {diff} lies outside [{low}, {high}]: no n reaches power {power}"
            )
        n = _solve(
            lambda v: _tost_power(diff, sigma, v, low, high, alpha, kind, ratio) - power,
            lo_n,
            1e7,
            "n",
        )
    meaning = {"two-sample": "in group 1", "one-sample": "observations", "paired": "pairs"}[kind]
    extra: dict[str, Any] = {
        "n_meaning": meaning,
        "low": low,
        "high": high,
        "diff": diff,
        "sigma": sigma,
        "ratio": ratio,
        "effect_size_name": "true difference / sigma",
    }
    if note:
        extra["note"] = note
    return PowerResult(
        f"Power of the {kind} TOST equivalence test (exact, noncentral t integral)",
        target,
        diff / sigma,
        float(n),
        alpha,
        float(power),
        "equivalence",
        math.ceil(n - 1e-9),
        extra,
    )


# ----------------------------------------------------------------------------- 2^k factorial


def _factorial_layout(
    factors: int,
    runs: int | None,
    replicates: int,
    center: int,
    terms: int | None,
    center_term: bool,
) -> tuple[int, int, int, int]:
    def whole(name: str, v: Any, lo: int) -> int:
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < lo:
            raise ValueError(f"{name} must be a whole number >= {lo}, got {v!r}")
        return int(v)

    k = whole("factors", factors, 1)
    if k > 15:
        raise ValueError(f"factors must be at most 15, got {k}")
    corner = 2**k if runs is None else whole("runs", runs, 2)
    if corner > 2**k or corner & (corner - 1):
        raise ValueError(
            f"runs (corner points of one replicate) must be a power of 2 up to 2^{k}, got {corner}"
        )
    r = whole("replicates", replicates, 1)
    c = whole("center", center, 0)
    n_terms = corner - 1 if terms is None else whole("terms", terms, 1)
    if n_terms > corner - 1:
        raise ValueError(
            f"terms must be at most {corner - 1} (the design's columns), got {n_terms}"
        )
    total = corner * r + c
    df_e = total - 1 - n_terms - (1 if center_term and c > 0 else 0)
    return corner, r, total, df_e


def _factorial_power(effect: float, sigma: float, n_corner: int, df_e: int, alpha: float) -> float:
    from scipy import stats

    lam = n_corner * effect**2 / (4 * sigma**2)
    crit = stats.f.ppf(1 - alpha, 1, df_e)
    return float(stats.ncf.sf(crit, 1, df_e, lam))


def power_factorial(
    factors: int,
    effect: float | None = None,
    replicates: int | None = None,
    power: float | None = None,
    *,
    sigma: float = 1.0,
    runs: int | None = None,
    center: int = 0,
    terms: int | None = None,
    center_term: bool = True,
    alpha: float = 0.05,
    max_replicates: int = 1000,
) -> PowerResult:
    """Power of detecting an effect (mean at high minus mean at low) of size ``effect`` in a
    two-level factorial with ``factors`` factors, ``runs`` corner points per replicate (default
    2^factors; fewer for a fraction), ``replicates``, ``center`` centre points and ``terms`` model
    terms besides the constant (default: every column of the design). Give two of ``effect``,
    ``replicates`` and ``power``; the smallest whole number of replicates is solved for.

    >>> r = power_factorial(3, effect=2.0, replicates=2, sigma=1.5, terms=6)
    >>> round(r.power, 4)
    0.6614
    """
    alpha = check_alpha(alpha)
    target = _one_missing(effect=effect, replicates=replicates, power=power)
    _check_power(power)
    if not (isinstance(sigma, (int, float)) and math.isfinite(sigma) and sigma > 0):
        raise ValueError(f"sigma must be a positive number, got {sigma!r}")
    if effect is not None and not (isinstance(effect, (int, float)) and math.isfinite(effect)):
        raise ValueError(f"effect must be a finite number, got {effect!r}")
    if effect == 0:
        raise ValueError("effect is 0: there is nothing to detect")

    def layout(r: int) -> tuple[int, int, int, int]:
        corner, r, total, df_e = _factorial_layout(factors, runs, r, center, terms, center_term)
        if df_e < 1:
            raise ValueError(
                f"{total} runs leave {df_e} error degrees of freedom for {terms or corner - 1} "
                "terms: add replicates or centre points, or fit fewer terms"
            )
        return corner, r, total, df_e

    if target == "replicates":
        corner = _factorial_layout(factors, runs, 1, center, terms, center_term)[0]
        found = None
        for r in range(1, max_replicates + 1):
            c_, _, _, df_e = _factorial_layout(factors, runs, r, center, terms, center_term)
            if df_e >= 1 and _factorial_power(effect, sigma, c_ * r, df_e, alpha) >= power:
                found = r
                break
        if found is None:
            raise ValueError(
                f"no number of replicates up to {max_replicates} reaches power {power}"
            )
        replicates = found
    corner, r, total, df_e = layout(replicates)  # type: ignore[arg-type]
    n_corner = corner * r
    if target == "effect":
        effect = sigma * _solve(
            lambda e: _factorial_power(e, 1.0, n_corner, df_e, alpha) - power, 1e-8, 1e3, "effect"
        )
    pw = _factorial_power(effect, sigma, n_corner, df_e, alpha)  # type: ignore[arg-type]
    return PowerResult(
        f"Power of a 2-level factorial effect test, {factors} factors (noncentral F(1, {df_e}))",
        target,
        float(effect) / sigma,  # type: ignore[arg-type]
        float(total),
        alpha,
        pw,
        "two-sided",
        total,
        {
            "n_meaning": f"total runs ({r} replicate(s) of {corner} corner points + {center} centre)",
            "replicates": r,
            "corner_runs": corner,
            "center": center,
            "terms": terms if terms is not None else corner - 1,
            "df_error": df_e,
            "effect": float(effect),  # type: ignore[arg-type]
            "sigma": sigma,
            "noncentrality": n_corner * float(effect) ** 2 / (4 * sigma**2),  # type: ignore[arg-type]
            "effect_size_name": "effect / sigma",
        },
    )


# ----------------------------------------------------------------------------- power curves

CURVE_TESTS = ("ttest", "anova", "proportions", "proportion", "tost", "factorial")
_VARY = {
    "ttest": ("n", "effect_size"),
    "anova": ("n", "effect_size"),
    "proportions": ("n", "p1"),
    "proportion": ("n", "p"),
    "tost": ("n", "diff"),
    "factorial": ("replicates", "effect"),
}


@dataclasses.dataclass
class PowerCurve(ToolResult):
    """Power of one test at each value of ``vary`` (n, replicates or an effect size)."""

    test: str
    vary: str
    values: list[float]
    power: list[float]
    fixed: dict[str, Any]
    target: float | None
    method: str

    def first_reaching(self, target: float | None = None) -> float | None:
        t = self.target if target is None else target
        if t is None:
            return None
        return next((v for v, p in zip(self.values, self.power, strict=True) if p >= t), None)

    def summary(self) -> str:
        fixed = ", ".join(f"{k}={v}" for k, v in self.fixed.items())
        lines = [f"Power curve of {self.method} over {self.vary} ({fixed})"]
        lines += [f"  {self.vary} = {fmt(v, 5):>10}  power = {p:.4f}" for v, p in self._pairs()]
        if self.target is not None:
            hit = self.first_reaching()
            where = (
                "not reached" if hit is None else f"first reached at {self.vary} = {fmt(hit, 5)}"
            )
            lines.append(f"  target power {self.target:g}: {where}")
        return "\n".join(lines)

    def _pairs(self) -> list[tuple[float, float]]:
        return list(zip(self.values, self.power, strict=True))


def power_curve(
    test: str,
    values: Any,
    *,
    vary: str = "n",
    target: float | None = 0.8,
    **fixed: Any,
) -> PowerCurve:
    """Power of ``test`` at each of ``values`` of ``vary`` with the other arguments ``fixed``.

    ``test``: "ttest" (:func:`~havoc_tools.stats.power_ttest`), "anova", "proportions" (two
    proportions), "proportion" (one), "tost" or "factorial"; ``vary`` is "n" ("replicates" for a
    factorial) or the test's effect argument ("effect_size", "p1", "p", "diff" or "effect").

    >>> c = power_curve("ttest", [10, 20, 64], effect_size=0.5)
    >>> [round(p, 3) for p in c.power]
    [0.185, 0.338, 0.801]
    """
    from havoc_tools.stats import power as base

    if test not in CURVE_TESTS:
        raise ValueError(f"test must be one of {CURVE_TESTS}, got {test!r}")
    allowed = _VARY[test]
    if vary == "n" and test == "factorial":
        vary = "replicates"
    if vary in ("effect", "effect_size") and vary not in allowed:
        vary = allowed[1]
    if vary not in allowed:
        raise ValueError(f"{test}: vary must be one of {allowed}, got {vary!r}")
    try:
        xs = [float(v) for v in np.asarray(values, dtype=np.float64).reshape(-1)]
    except (TypeError, ValueError):
        raise ValueError(f"values must be numbers, got {values!r}") from None
    if not xs:
        raise ValueError("values: give at least one value")
    if len(xs) > 500:
        raise ValueError(f"values: at most 500 points, got {len(xs)}")
    if target is not None and not 0 < target < 1:
        raise ValueError(f"target must be between 0 and 1, got {target}")
    for bad in ("power", vary):
        if bad in fixed:
            raise ValueError(f"power_curve: do not pass {bad}= (it is what the curve varies)")
    fns = {
        "ttest": base.power_ttest,
        "anova": base.power_anova,
        "proportions": base.power_proportions,
        "proportion": power_proportion,
        "tost": power_tost,
        "factorial": power_factorial,
    }
    fn = fns[test]
    whole = vary == "replicates" or (
        test == "proportion" and vary == "n" and fixed.get("method", "exact") == "exact"
    )
    out, method = [], ""
    for x in xs:
        arg = int(x) if whole else x
        if whole and arg != x:
            raise ValueError(f"{vary} must be whole numbers here, got {x}")
        try:
            res = fn(**{vary: arg}, **fixed)
        except TypeError as exc:
            raise ValueError(f"power_curve({test!r}): {exc}") from None
        out.append(float(res.power))
        method = res.method
    return PowerCurve(test, vary, xs, out, dict(fixed), target, method)


__all__ = [
    "CURVE_TESTS",
    "PROPORTION_METHODS",
    "TOST_KINDS",
    "PowerCurve",
    "power_curve",
    "power_factorial",
    "power_proportion",
    "power_tost",
]
