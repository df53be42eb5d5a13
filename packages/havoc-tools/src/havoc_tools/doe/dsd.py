"""Definitive screening designs (Jones & Nachtsheim 2011) from conference matrices.

A conference matrix C of order n has a zero diagonal, +-1 elsewhere and C'C = (n-1) I. The
design of fold-over pairs (C; -C) plus a centre run (Xiao, Lin & Bai 2012, J. Quality Technology 44, 2-8) has 2n+1 runs at three
levels, and it is a definitive screening design: main effects are orthogonal to each other and,
by the fold-over, to every two-factor interaction and quadratic effect; quadratic effects are
estimable and no two second-order effects are fully aliased. For m factors the order is m (m
even) or m+1 (m odd, the last column dropped), as in Jones & Nachtsheim (2011); orders with no
construction here are replaced by the next larger one, with the extra columns dropped.

Constructions: Paley (1933) from the quadratic character of GF(q), q = n-1 a prime or the square
of a prime (symmetric for q = 1 mod 4, antisymmetric for q = 3 mod 4), and the doubling
[[A, A+I], [(A+I)', -A']] of an antisymmetric A of order n/2.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

import numpy as np

from .design import Design, build_design, check_count, parse_factors

MAX_ORDER = 50


def _is_prime(n: int) -> bool:
    return n >= 2 and all(n % d for d in range(2, int(n**0.5) + 1))


def _field(q: int) -> tuple[list[tuple[int, int]], Any, Any] | None:
    """Elements of GF(q) for q = p or p^2 (p odd prime), with subtraction and squaring."""
    if _is_prime(q):
        elems = [(a, 0) for a in range(q)]
        return elems, (lambda x, y: ((x[0] - y[0]) % q, 0)), (lambda x: ((x[0] * x[0]) % q, 0))
    p = round(q**0.5)
    if p * p != q or not _is_prime(p) or p == 2:
        return None
    # GF(p^2) = GF(p)[t] / (t^2 - r) with r a quadratic non-residue mod p
    r = next(a for a in range(2, p) if pow(a, (p - 1) // 2, p) == p - 1)
    elems = [(a, b) for a in range(p) for b in range(p)]

    def sub(x: tuple[int, int], y: tuple[int, int]) -> tuple[int, int]:
        return ((x[0] - y[0]) % p, (x[1] - y[1]) % p)

    def square(x: tuple[int, int]) -> tuple[int, int]:
        a, b = x
        return ((a * a + r * b * b) % p, (2 * a * b) % p)

    return elems, sub, square


def _paley(n: int) -> np.ndarray | None:
    q = n - 1
    if q % 2 == 0:
        return None
    f = _field(q)
    if f is None:
        return None
    elems, sub, square = f
    squares = {square(x) for x in elems if x != (0, 0)}
    zero = (0, 0)

    def chi(x: tuple[int, int]) -> int:
        return 0 if x == zero else (1 if x in squares else -1)

    Q = np.array([[chi(sub(a, b)) for b in elems] for a in elems], dtype=float)
    eps = 1.0 if q % 4 == 1 else -1.0
    C = np.zeros((n, n))
    C[0, 1:] = 1.0
    C[1:, 0] = eps
    C[1:, 1:] = Q
    return C


def conference_matrix(n: int) -> np.ndarray:
    """A conference matrix of order ``n`` (zero diagonal, +-1 elsewhere, C'C = (n-1) I).

    >>> C = conference_matrix(6)
    >>> bool(np.allclose(C.T @ C, 5 * np.eye(6)))
    True
    """
    n = check_count(n, "conference matrix order", minimum=2)
    C = _paley(n)
    if C is None and n % 4 == 0:
        A = _paley(n // 2)
        if A is not None and np.allclose(A, -A.T):
            B = A + np.eye(n // 2)
            C = np.block([[A, B], [B.T, -A.T]])
    if C is None or not np.allclose(C.T @ C, (n - 1) * np.eye(n)):
        raise ValueError(
            f"conference_matrix: no construction here for order {n}; available orders: "
            + ", ".join(map(str, available_orders()))
        )
    return C


def available_orders(limit: int = MAX_ORDER) -> list[int]:
    out = []
    for n in range(2, limit + 1, 2):
        q = n - 1
        ok = _field(q) is not None
        if not ok and n % 4 == 0:
            half = _paley(n // 2)
            ok = half is not None and np.allclose(half, -half.T)
        if ok:
            out.append(n)
    return out


def definitive_screening(
    factors: Any,
    *,
    extra_factors: int = 0,
    center_points: int = 1,
    randomize: bool = True,
    seed: int | None = None,
) -> Design:
    """Definitive screening design for m >= 3 continuous factors: fold-over pairs (C_j, -C_j) of
    the rows of a conference matrix C, then centre runs.

    ``extra_factors`` (fake factors, Jones & Nachtsheim 2013) enlarges the conference matrix
    before its extra columns are dropped: more runs, better power for second-order effects.
    The design's ``notes`` report the largest absolute correlations between main effects,
    two-factor interactions and quadratic effects (the DSD properties).

    >>> d = definitive_screening(6, randomize=False)
    >>> d.n_runs
    13
    """
    facs = parse_factors(factors, what="definitive_screening")
    m = len(facs)
    if m < 3:
        raise ValueError(f"definitive_screening: needs at least 3 factors, got {m}")
    if any(not f.numeric for f in facs):
        raise ValueError("definitive_screening: all factors must be numeric (three levels)")
    extra = check_count(extra_factors, "extra_factors", minimum=0)
    center_points = check_count(center_points, "center_points", minimum=0)
    want = m + extra
    want += want % 2
    order = next((n for n in available_orders() if n >= want), None)
    if order is None:
        raise ValueError(
            f"definitive_screening: at most {available_orders()[-1]} factors here, got {m + extra}"
        )
    C = conference_matrix(order)[:, :m]
    # fold-over pairs (C_j, -C_j) in consecutive runs, factor j at its centre in pair j, then the
    # centre runs: the layout of Jones & Nachtsheim (2011), Table 1
    pairs = np.empty((2 * order, m))
    pairs[0::2], pairs[1::2] = C, -C
    coded = np.vstack([pairs, np.zeros((center_points, m))])
    types = ["other"] * (2 * order) + ["center"] * center_points
    notes = [
        f"conference matrix of order {order}"
        + (f", {order - m} column(s) dropped" if order > m else "")
        + "; runs 2j-1 and 2j are a fold-over pair with factor j at its centre",
    ]
    notes += dsd_correlations(coded).lines()
    return build_design(
        design_type="definitive screening",
        method=f"Jones-Nachtsheim DSD from a conference matrix of order {order}",
        factors=facs,
        coded=coded,
        point_type=types,
        std_order=np.arange(1, len(coded) + 1),
        block=np.ones(len(coded), dtype=int),
        randomize=randomize,
        seed=seed,
        center_points=center_points,
        notes=notes,
    )


class _Corr:
    def __init__(self, me_me: float, me_second: float, quad_quad: float, second_max: float):
        self.me_me, self.me_second = me_me, me_second
        self.quad_quad, self.second_max = quad_quad, second_max

    def lines(self) -> list[str]:
        return [
            f"max |r| main effect vs main effect: {self.me_me:.3g}",
            f"max |r| main effect vs 2FI or quadratic: {self.me_second:.3g}",
            f"max |r| quadratic vs quadratic: {self.quad_quad:.3g}",
            f"max |r| among second-order effects: {self.second_max:.3g} "
            "(below 1: none fully aliased)",
        ]


def model_columns(coded: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Main-effect, two-factor-interaction and quadratic columns of a coded design."""
    X = np.asarray(coded, dtype=float)
    k = X.shape[1]
    twofi = np.column_stack([X[:, i] * X[:, j] for i, j in combinations(range(k), 2)])
    return X, twofi, X**2


def dsd_correlations(coded: np.ndarray) -> _Corr:
    """Largest absolute correlations between the effect columns (JN 2011, Figure 1 style)."""
    me, twofi, quad = model_columns(coded)
    R = np.corrcoef(np.column_stack([me, twofi, quad]), rowvar=False)
    k, t = me.shape[1], twofi.shape[1]
    off = np.abs(R - np.eye(len(R)))
    me_me = off[:k, :k].max()
    me_second = off[:k, k:].max()
    quad_quad = off[k + t :, k + t :].max()
    second = off[k:, k:].max()
    return _Corr(float(me_me), float(me_second), float(quad_quad), float(second))
