"""Accurate linear least squares: scaled, pivoted Householder QR plus Bjorck's refinement.

Columns are scaled to unit length (so the rank test and the conditioning do not depend on units),
factored with column pivoting, and the solution of the augmented system
``[I A; A^T 0][r; x] = [y; 0]`` is refined a few times with residuals accumulated in extended
precision (``np.longdouble``) -- Bjorck (1967). Refining the augmented system, not just ``x``,
is what removes the kappa^2 term that ruins high-residual problems such as NIST Wampler4/5; on
platforms where ``longdouble`` is plain double the refinement simply stops helping.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class LstsqFit:
    coef: np.ndarray  # float64, original column scale
    coef_ext: np.ndarray  # extended precision copy
    resid: np.ndarray  # float64 (computed in extended precision)
    rss: float
    r_inv: np.ndarray  # inverse of R for the scaled, permuted columns
    perm: np.ndarray
    scale: np.ndarray
    q: np.ndarray
    rank: int


def solve(
    X: np.ndarray,
    y: np.ndarray,
    X_ext: np.ndarray | None = None,  # noqa: N803
    names: list[str] | None = None,
    refine: int = 12,
) -> LstsqFit:
    from scipy import linalg

    n, p = X.shape
    if n < p:
        raise ValueError(f"more coefficients ({p}) than observations ({n})")
    scale = np.sqrt(np.sum(X * X, axis=0))
    if np.any(scale == 0):
        bad = [names[j] if names else str(j) for j in np.flatnonzero(scale == 0)]
        raise ValueError(f"design columns are all zero: {bad}")
    A = X / scale  # noqa: N806
    q, r, perm = linalg.qr(A, mode="economic", pivoting=True)
    d = np.abs(np.diag(r))
    tol = max(n, p) * np.finfo(float).eps * d[0] * 10
    rank = int(np.sum(d > tol))
    if rank < p:
        aliased = [names[j] if names else str(j) for j in perm[rank:]]
        raise ValueError(
            f"the design matrix is rank deficient (rank {rank} of {p}); these columns "
            f"are linear combinations of the others: {aliased}"
        )
    Ap = A[:, perm]  # noqa: N806
    x = linalg.solve_triangular(r, q.T @ y)
    ext = np.longdouble
    sc = scale[perm].astype(ext)
    Ae = (X_ext[:, perm] if X_ext is not None else Ap.astype(ext) * sc) / sc  # noqa: N806
    ye = y.astype(ext)
    xe = x.astype(ext)
    re = ye - Ae @ xe
    for _ in range(refine):
        f = (ye - re - Ae @ xe).astype(np.float64)
        g = (-(Ae.T @ re)).astype(np.float64)
        u = linalg.solve_triangular(r, g, trans="T")
        qf = q.T @ f
        dx = linalg.solve_triangular(r, qf - u)
        dr = q @ u + f - q @ qf
        xe = xe + dx.astype(ext)
        re = re + dr.astype(ext)
        if not np.any(dx) and not np.any(dr):
            break
    resid_e = ye - Ae @ xe
    coef_e = np.empty(p, dtype=ext)
    coef_e[perm] = xe / sc
    resid = resid_e.astype(np.float64)
    rss = float(np.sum(resid_e * resid_e))
    r_inv = linalg.solve_triangular(r, np.eye(p))
    return LstsqFit(coef_e.astype(np.float64), coef_e, resid, rss, r_inv, perm, scale, q, rank)


def cov_unscaled(fit: LstsqFit) -> np.ndarray:
    """(X^T X)^-1 in the original column order and scale."""
    p = fit.perm.size
    ri = fit.r_inv
    c_perm = ri @ ri.T
    c = np.empty((p, p))
    c[np.ix_(fit.perm, fit.perm)] = c_perm
    return c / np.outer(fit.scale, fit.scale)


def row_norms(fit: LstsqFit, X0: np.ndarray) -> np.ndarray:  # noqa: N803
    """sqrt(x0^T (X^T X)^-1 x0) for each row of X0, computed stably through R^-1."""
    z = (X0 / fit.scale)[:, fit.perm] @ fit.r_inv
    return np.sqrt(np.sum(z * z, axis=1))
