"""Control-chart constants computed exactly rather than copied from a table.

c4(n) = sqrt(2/(n-1)) Gamma(n/2) / Gamma((n-1)/2)                        (exact)
d2(n) = E[W] = integral of 1 - Phi(x)^n - (1 - Phi(x))^n over the real line    (W = range of n N(0,1))
d3(n) = sd(W), from E[W^2] = 2 * integral_0^inf w P(W > w) dw, with
        P(W <= w) = n * integral phi(x) (Phi(x + w) - Phi(x))^(n-1) dx
The integrals use Gauss–Legendre / trapezoid rules that converge to ~1e-12 (tested against the
closed forms d2(2) = 2/sqrt(pi), d3(2) = sqrt(2 - 4/pi) and the published tables).
Derived: A = 3/sqrt(n), A2 = 3/(d2 sqrt(n)), A3 = 3/(c4 sqrt(n)), B3/B4 = 1 -/+ 3 sqrt(1-c4^2)/c4
(B3 floored at 0), B5/B6 = c4 -/+ 3 sqrt(1-c4^2), D1/D2 = d2 -/+ 3 d3, D3/D4 = 1 -/+ 3 d3/d2.
"""

from __future__ import annotations

import dataclasses
import math
from functools import cache

import numpy as np

from .._result import ToolResult

MAX_N = 100


def _check_n(n: int) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise ValueError(f"subgroup size must be an integer, got {n!r}")
    if not 2 <= n <= MAX_N:
        raise ValueError(f"subgroup size must be between 2 and {MAX_N}, got {n}")
    return int(n)


def c4(n: int) -> float:
    n = _check_n(n)
    return math.sqrt(2.0 / (n - 1)) * math.exp(math.lgamma(n / 2.0) - math.lgamma((n - 1) / 2.0))


def _phi(x: np.ndarray) -> np.ndarray:
    return np.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)


def _Phi(x: np.ndarray) -> np.ndarray:
    from scipy.special import ndtr

    return ndtr(x)


_X = np.linspace(-12.0, 12.0, 4801)  # trapezoid on a smooth, fast-decaying integrand
_HX = _X[1] - _X[0]


@cache
def d2(n: int) -> float:
    n = _check_n(n)
    P = _Phi(_X)
    f = 1.0 - P**n - (1.0 - P) ** n
    return float(f.sum() * _HX)


@cache
def _ew2(n: int) -> float:
    # Gauss-Legendre on w in [0, 16] (P(W > 16) is negligible for n <= 100)
    nodes, weights = np.polynomial.legendre.leggauss(200)
    w = 8.0 * (nodes + 1.0)
    wt = 8.0 * weights
    P0 = _Phi(_X)
    phi = _phi(_X)
    surv = np.empty_like(w)
    for i, wi in enumerate(w):
        cdf = n * float((phi * (_Phi(_X + wi) - P0) ** (n - 1)).sum() * _HX)
        surv[i] = 1.0 - cdf
    return float(2.0 * (wt * w * surv).sum())


@cache
def d3(n: int) -> float:
    n = _check_n(n)
    return math.sqrt(max(_ew2(n) - d2(n) ** 2, 0.0))


@dataclasses.dataclass
class ChartConstants(ToolResult):
    """All Shewhart constants for subgroup size n (unrounded)."""

    n: int
    A: float
    A2: float
    A3: float
    c4: float
    B3: float
    B4: float
    B5: float
    B6: float
    d2: float
    d3: float
    D1: float
    D2: float
    D3: float
    D4: float
    method: str = (
        "c4 exact (gamma functions); d2, d3 by numerical integration of the range distribution"
    )

    def summary(self) -> str:
        names = ["A", "A2", "A3", "c4", "B3", "B4", "B5", "B6", "d2", "d3", "D1", "D2", "D3", "D4"]
        return f"n={self.n}: " + ", ".join(f"{k}={getattr(self, k):.4f}" for k in names)


@cache
def constants(n: int) -> ChartConstants:
    """Control-chart constants for subgroup size ``n`` (2 <= n <= 100).

    >>> round(constants(5).A2, 3), round(constants(5).D4, 3)
    (0.577, 2.114)
    """
    n = _check_n(n)
    c, dd2, dd3 = c4(n), d2(n), d3(n)
    s = math.sqrt(1.0 - c * c)
    return ChartConstants(
        n=n,
        A=3.0 / math.sqrt(n),
        A2=3.0 / (dd2 * math.sqrt(n)),
        A3=3.0 / (c * math.sqrt(n)),
        c4=c,
        B3=max(0.0, 1.0 - 3.0 * s / c),
        B4=1.0 + 3.0 * s / c,
        B5=max(0.0, c - 3.0 * s),
        B6=c + 3.0 * s,
        d2=dd2,
        d3=dd3,
        D1=max(0.0, dd2 - 3.0 * dd3),
        D2=dd2 + 3.0 * dd3,
        D3=max(0.0, 1.0 - 3.0 * dd3 / dd2),
        D4=1.0 + 3.0 * dd3 / dd2,
    )
