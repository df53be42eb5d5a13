"""Double-exponential (tanh-sinh) quadrature: the symbolic family's independent check of a
definite integral.

The library integrates symbolically (sympy); this re-derives the number from the integrand's
values alone. Tanh-sinh crowds its nodes towards the ends of the interval with weights that
fall off double-exponentially, so an integrable singularity or a square-root kink at an end
(sqrt(x) or 1/sqrt(x) on [0, 1]) costs it nothing, where Simpson's rule loses most of its
digits. The integrand is never evaluated at an end itself. A half-line [a, oo) is mapped by
the exp-sinh rule, the whole line by sinh-sinh.

>>> round(tanh_sinh(lambda x: x ** 0.5, 0.0, 4.0)[0], 12)
5.333333333333
>>> round(tanh_sinh(lambda x: x ** -0.5, 0.0, 1.0)[0], 10)
2.0
"""

from __future__ import annotations

import math
from collections.abc import Callable

Fn = Callable[[float], "float | None"]


def _nodes(a: float, b: float, t: float) -> tuple[float, float] | None:
    """The node at parameter ``t`` and its weight, for the interval's kind."""
    s = 0.5 * math.pi * math.sinh(t)
    c = 0.5 * math.pi * math.cosh(t)
    if math.isfinite(a) and math.isfinite(b):
        half = 0.5 * (b - a)
        if abs(s) > 700:
            return None
        # distance to the nearer end computed directly (1 - tanh(s) loses digits near 1)
        e = math.exp(-2.0 * abs(s))
        gap = 2.0 * e / (1.0 + e) * half  # (1 - tanh|s|) * half
        x = (b - gap) if s > 0 else (a + gap)
        if gap <= 0.0 or not a < x < b:
            return None
        w = half * c / math.cosh(s) ** 2
        return x, w
    if math.isfinite(a):  # [a, oo): x = a + exp(s)
        if abs(s) > 700:
            return None
        ex = math.exp(s)
        return a + ex, ex * c
    if math.isfinite(b):  # (-oo, b]: the mirror image
        if abs(s) > 700:
            return None
        ex = math.exp(s)
        return b - ex, ex * c
    if abs(s) > 700:  # (-oo, oo): x = sinh(s)
        return None
    return math.sinh(s), math.cosh(s) * c


def tanh_sinh(
    f: Fn, a: float, b: float, levels: int = 7, tmax: float = 4.0
) -> tuple[float | None, float]:
    """The integral of ``f`` over [a, b] (either end may be +-inf) and the difference between
    the last two step halvings (the error estimate). ``f`` returning None or a non-finite value
    at a node where the weight matters means no estimate: (None, inf)."""
    if a == b:
        return 0.0, 0.0
    if a > b:
        val, err = tanh_sinh(f, b, a, levels, tmax)
        return (None if val is None else -val), err
    cache: dict[int, float] = {}  # node index at the finest step -> weighted value

    def term(k: int, h: float) -> float | None:
        node = _nodes(a, b, k * h)
        if node is None:
            return 0.0
        x, w = node
        if w == 0.0 or not math.isfinite(w):
            return 0.0
        y = f(x)
        if y is None or not math.isfinite(y):
            # a value that cannot be had where the weight is negligible is no obstacle
            return 0.0 if w < 1e-300 else None
        return w * y

    h0 = 1.0
    n_max = int(math.ceil(tmax / h0))
    finest = 2**levels
    prev: float | None = None
    err = math.inf
    total = 0.0
    for level in range(levels + 1):
        h = h0 / 2**level
        step = finest // 2**level
        # the new nodes at this level: odd multiples of h (all nodes at level 0)
        ks = range(-n_max * 2**level, n_max * 2**level + 1)
        new = [k for k in ks if level == 0 or k % 2]
        for k in new:
            key = k * step
            if key not in cache:
                v = term(k, h)
                if v is None:
                    return None, math.inf
                cache[key] = v
            total += cache[key]
        est = total * h
        if prev is not None:
            err = abs(est - prev)
            if err <= 1e-13 * max(1.0, abs(est)):
                return est, err
        prev = est
    return prev, err
