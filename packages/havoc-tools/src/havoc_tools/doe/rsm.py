"""Second-order response surface: fit, stationary point and canonical analysis."""

from __future__ import annotations

import dataclasses
import math
from itertools import combinations
from typing import Any

import numpy as np

from .._result import ToolResult, fmt, fmt_p
from ..stats.results import AnovaRow
from ._data import design_matrix
from .design import Design


@dataclasses.dataclass
class ResponseSurface(ToolResult):
    """Full quadratic model y = b0 + x'b + x'Bx with canonical analysis.

    Units are coded for a :class:`Design` (with ``stationary_point_actual`` in actual units) and
    the units of the given columns for a DataFrame.
    """

    method: str
    response_name: str
    factors: list[str]
    terms: list[str]
    coefficients: dict[str, float]
    se: dict[str, float | None]
    t: dict[str, float | None]
    p: dict[str, float | None]
    anova: list[AnovaRow]
    n: int
    df_resid: int
    sigma: float | None
    r_squared: float
    adj_r_squared: float | None
    b: list[float]
    B: list[list[float]]
    stationary_point: list[float] | None
    stationary_point_actual: list[float] | None
    predicted_at_stationary: float | None
    eigenvalues: list[float]
    eigenvectors: list[list[float]]  # columns are the canonical axes
    nature: str
    fitted: list[float]
    residuals: list[float]
    units: str
    ranges: dict[str, Any]

    def predict(self, x: Any) -> np.ndarray:
        X = np.atleast_2d(np.asarray(x, dtype=np.float64))
        if X.shape[1] != len(self.factors):
            raise ValueError(f"predict: expected {len(self.factors)} columns, got {X.shape[1]}")
        b, B = np.asarray(self.b), np.asarray(self.B)
        return self.coefficients["Intercept"] + X @ b + np.einsum("ij,jk,ik->i", X, B, X)

    def summary(self) -> str:
        lines = [f"Response surface for {self.response_name} ({self.method}; {self.units} units)"]
        lines.append(f"{'term':<16}{'coef':>12}{'SE':>10}{'t':>9}{'p':>10}")
        for name in ["Intercept"] + self.terms:
            lines.append(
                f"{name:<16}{fmt(self.coefficients[name]):>12}{fmt(self.se.get(name)):>10}"
                f"{fmt(self.t.get(name)):>9}{fmt_p(self.p.get(name)):>10}"
            )
        for row in self.anova:
            lines.append(
                f"  {row.source:<18}df={row.df:<4g} SS={fmt(row.sum_sq)}"
                + (f" F={fmt(row.F)} p={fmt_p(row.p_value)}" if row.F is not None else "")
            )
        lines.append(f"R^2={fmt(self.r_squared)}, adj R^2={fmt(self.adj_r_squared)}")
        if self.stationary_point is not None:
            sp = ", ".join(
                f"{n}={fmt(v)}" for n, v in zip(self.factors, self.stationary_point, strict=True)
            )
            lines.append(f"stationary point: {sp}; predicted {fmt(self.predicted_at_stationary)}")
        if self.stationary_point_actual is not None:
            sp = ", ".join(
                f"{n}={fmt(v)}"
                for n, v in zip(self.factors, self.stationary_point_actual, strict=True)
            )
            lines.append(f"  in actual units: {sp}")
        lines.append(
            "eigenvalues: " + ", ".join(fmt(v) for v in self.eigenvalues) + f" -> {self.nature}"
        )
        return "\n".join(lines)


def _names(k: int, names: list[str]) -> tuple[list[str], list[tuple[int, ...]]]:
    single = all(len(n) == 1 for n in names)
    terms, idx = [], []
    for j in range(k):
        terms.append(names[j])
        idx.append((j,))
    for j in range(k):
        terms.append(f"{names[j]}^2" if single else f"{names[j]}*{names[j]}")
        idx.append((j, j))
    for a, b in combinations(range(k), 2):
        terms.append(f"{names[a]}{names[b]}" if single else f"{names[a]}*{names[b]}")
        idx.append((a, b))
    return terms, idx


def fit_response_surface(
    data: Design | Any,
    response: Any,
    factors: list[str] | None = None,
    *,
    response_name: str = "y",
    ridge_tol: float = 1e-6,
) -> ResponseSurface:
    """Fit the full second-order model by least squares (QR) and analyse its stationary point.

    The stationary point is x_s = -B^{-1} b / 2; the eigenvalues of B classify it (all negative:
    maximum, all positive: minimum, mixed: saddle point; an eigenvalue near zero: a ridge).

    >>> from havoc_tools.doe import central_composite
    >>> d = central_composite(2, center_points=5, randomize=False)
    >>> y = [76.5, 78.0, 77.0, 79.5, 75.6, 78.4, 77.0, 78.5, 79.9, 80.3, 80.0, 79.7, 79.8]
    >>> round(fit_response_surface(d, y).predicted_at_stationary, 2)
    80.21
    """
    from scipy import stats

    X, y, names, _, ranges = design_matrix(
        data, response, factors, what="fit_response_surface", code=False
    )
    if isinstance(response, str):
        response_name = response
    n, k = X.shape
    terms, idx = _names(k, names)
    p = 1 + len(terms)
    if n < p:
        raise ValueError(f"fit_response_surface: {k} factors need at least {p} runs, got {n}")
    M = np.column_stack([np.ones(n)] + [np.prod(X[:, list(t)], axis=1) for t in idx])
    if np.linalg.matrix_rank(M) < p:
        raise ValueError(
            "fit_response_surface: the design cannot estimate every quadratic term (needs at least "
            "3 levels per factor, e.g. a central composite or Box-Behnken design)"
        )
    Q, R = np.linalg.qr(M)
    beta = np.linalg.solve(R, Q.T @ y)
    fitted = M @ beta
    resid = y - fitted
    sse = float(resid @ resid)
    sst = float(((y - y.mean()) ** 2).sum())
    df_resid = n - p
    coef = dict(zip(["Intercept"] + terms, beta.tolist(), strict=True))
    se: dict[str, float | None] = {}
    tv: dict[str, float | None] = {}
    pv: dict[str, float | None] = {}
    sigma = adj = None
    anova: list[AnovaRow] = []
    if df_resid > 0:
        mse = sse / df_resid
        sigma = math.sqrt(mse)
        Rinv = np.linalg.inv(R)
        cov = Rinv @ Rinv.T * mse
        for j, name in enumerate(["Intercept"] + terms):
            s = math.sqrt(cov[j, j])
            se[name], tv[name] = s, (coef[name] / s if s > 0 else None)
            pv[name] = float(2 * stats.t.sf(abs(tv[name]), df_resid)) if s > 0 else None
        adj = 1 - (sse / sst) * (n - 1) / df_resid if sst > 0 else None

        def extra(drop: list[int], label: str) -> AnovaRow:
            keep = [j for j in range(p) if j not in drop]
            b2, *_ = np.linalg.lstsq(M[:, keep], y, rcond=None)
            r2 = y - M[:, keep] @ b2
            ss = max(float(r2 @ r2) - sse, 0.0)
            f = (ss / len(drop)) / mse if mse > 0 else None
            pval = float(stats.f.sf(f, len(drop), df_resid)) if f is not None else None
            return AnovaRow(label, len(drop), ss, ss / len(drop), f, pval)

        anova.append(extra(list(range(1, p)), "Model"))
        anova.append(extra(list(range(1, 1 + k)), "Linear"))
        anova.append(extra(list(range(1 + k, 1 + 2 * k)), "Square"))
        if k > 1:
            anova.append(extra(list(range(1 + 2 * k, p)), "2-way interaction"))
        groups: dict[tuple, list[float]] = {}
        for row, v in zip(X.tolist(), y.tolist(), strict=True):
            groups.setdefault(tuple(np.round(row, 10)), []).append(v)
        df_pe = sum(len(g) - 1 for g in groups.values())
        anova.append(AnovaRow("Residual error", df_resid, sse, mse))
        if 0 < df_pe < df_resid:
            ss_pe = float(sum(((np.array(g) - np.mean(g)) ** 2).sum() for g in groups.values()))
            df_lof = df_resid - df_pe
            ss_lof = max(sse - ss_pe, 0.0)
            f_lof = (ss_lof / df_lof) / (ss_pe / df_pe) if ss_pe > 0 else None
            p_lof = float(stats.f.sf(f_lof, df_lof, df_pe)) if f_lof is not None else None
            anova.append(AnovaRow("Lack of fit", df_lof, ss_lof, ss_lof / df_lof, f_lof, p_lof))
            anova.append(AnovaRow("Pure error", df_pe, ss_pe, ss_pe / df_pe))
        anova.append(AnovaRow("Total", n - 1, sst, None))
    b = beta[1 : 1 + k]
    B = np.diag(beta[1 + k : 1 + 2 * k])
    for (a, c), v in zip(combinations(range(k), 2), beta[1 + 2 * k :], strict=True):
        B[a, c] = B[c, a] = v / 2.0
    lam, vec = np.linalg.eigh(B)
    scale = max(np.max(np.abs(lam)), 1e-300)
    if np.any(np.abs(lam) <= ridge_tol * scale) or abs(np.linalg.det(B)) == 0:
        nature = "ridge (an eigenvalue is near zero)"
        xs = None
    else:
        xs = -0.5 * np.linalg.solve(B, b)
        if np.all(lam < 0):
            nature = "maximum"
        elif np.all(lam > 0):
            nature = "minimum"
        else:
            nature = "saddle point"
    ys = float(coef["Intercept"] + 0.5 * xs @ b) if xs is not None else None
    xs_actual = None
    if xs is not None and isinstance(data, Design):
        xs_actual = []
        for j, nm in enumerate(names):
            lo, hi = ranges[nm]
            xs_actual.append(
                (float(lo) + float(hi)) / 2 + (float(hi) - float(lo)) / 2 * float(xs[j])
            )
    return ResponseSurface(
        method="full quadratic, least squares (QR)",
        response_name=response_name,
        factors=names,
        terms=terms,
        coefficients=coef,
        se=se,
        t=tv,
        p=pv,
        anova=anova,
        n=n,
        df_resid=df_resid,
        sigma=sigma,
        r_squared=1 - sse / sst if sst > 0 else 1.0,
        adj_r_squared=adj,
        b=b.tolist(),
        B=B.tolist(),
        stationary_point=None if xs is None else xs.tolist(),
        stationary_point_actual=xs_actual,
        predicted_at_stationary=ys,
        eigenvalues=lam.tolist(),
        eigenvectors=vec.tolist(),
        nature=nature,
        fitted=fitted.tolist(),
        residuals=resid.tolist(),
        units="coded" if isinstance(data, Design) else "given",
        ranges={k2: list(v) for k2, v in ranges.items()},
    )
