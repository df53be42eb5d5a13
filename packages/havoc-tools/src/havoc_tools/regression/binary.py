"""Binary logistic regression from a formula (maximum likelihood by Newton-Raphson / IRLS)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from havoc_tools._result import ToolResult, fmt, fmt_p
from havoc_tools._validate import check_alpha
from havoc_tools.regression._data import environment, find_coefficient
from havoc_tools.regression.formula import Formula
from havoc_tools.regression.linear import design_for_new_data


@dataclass
class LogisticCoefficient:
    name: str
    estimate: float
    se: float
    z: float
    p_value: float
    ci_low: float
    ci_high: float
    odds_ratio: float
    or_ci_low: float
    or_ci_high: float


@dataclass
class LogisticResult(ToolResult):
    formula: str
    method: str
    n: int
    events: int
    event_level: str
    coefficients: list[LogisticCoefficient]
    log_likelihood: float
    null_log_likelihood: float
    deviance: float
    null_deviance: float
    lr_chi2: float
    lr_df: int
    lr_p_value: float
    pseudo_r_squared: float  # McFadden
    aic: float
    bic: float
    iterations: int
    converged: bool
    alpha: float

    def coef(self, name: str) -> LogisticCoefficient:
        """The coefficient called ``name``; an interaction's factors may come in any order
        (``coef("b:a")`` finds ``a:b``)."""
        return find_coefficient(self.coefficients, name)

    def predict(self, data: Any = None) -> list[float]:
        """Predicted probabilities of the event for new data (fitted data when None)."""
        st = self._state
        X0 = st["X"] if data is None else design_for_new_data(st["formula"], data, st["levels"])  # noqa: N806
        b = np.array([c.estimate for c in self.coefficients])
        return (1 / (1 + np.exp(-(X0 @ b)))).tolist()

    def summary(self) -> str:
        lines = [
            f"{self.method}: {self.formula}",
            f"  n = {self.n}, events ({self.event_level}) = {self.events}",
            f"  {'term':<24}{'estimate':>12}{'SE':>11}{'z':>9}{'p':>10}{'odds ratio':>12}",
        ]
        for c in self.coefficients:
            lines.append(
                f"  {c.name:<24}{fmt(c.estimate):>12}{fmt(c.se):>11}{fmt(c.z):>9}"
                f"{fmt_p(c.p_value):>10}{fmt(c.odds_ratio):>12}"
            )
        lines.append(
            f"  log-likelihood = {fmt(self.log_likelihood)}, deviance = {fmt(self.deviance)}"
            f", AIC = {fmt(self.aic)}, McFadden R^2 = {fmt(self.pseudo_r_squared)}"
        )
        lines.append(
            f"  LR chi2 = {fmt(self.lr_chi2)} on {self.lr_df} df, p = {fmt_p(self.lr_p_value)}"
        )
        return "\n".join(lines)


def _binary_response(raw: np.ndarray, name: str) -> tuple[np.ndarray, str]:
    vals = raw.tolist()
    if any(v is None or (isinstance(v, float) and math.isnan(v)) for v in vals):
        raise ValueError(f"response {name!r} has missing values")
    levels = sorted(set(vals), key=lambda v: (str(type(v)), v))
    if len(levels) != 2:
        raise ValueError(
            f"logistic regression needs a response with exactly 2 values; {name!r} has "
            f"{len(levels)}: {levels[:6]}"
        )
    if set(levels) <= {0, 1}:
        event = 1
    else:
        event = levels[1]
    return np.array([1.0 if v == event else 0.0 for v in vals]), str(event)


def logistic(
    formula: str | Formula,
    data: Any,
    *,
    alpha: float = 0.05,
    max_iter: int = 100,
    tol: float = 1e-10,
) -> LogisticResult:
    """Logistic regression of a two-valued response (0/1, bool, or two labels: the later label
    in sorted order is the event). Wald CIs; likelihood-ratio test against the intercept model.
    """
    from scipy import linalg, stats
    from scipy.special import expit, log_expit

    alpha = check_alpha(alpha)
    f = formula if isinstance(formula, Formula) else Formula.parse(formula)
    if f.response.op != "var":
        raise ValueError("the logistic response must be a column name")
    env = environment(data, f.variables)
    y, event = _binary_response(
        np.asarray(env[f.response.args[0]], dtype=object), f.response.args[0]
    )
    dm = f.design(env)
    X = dm.matrix  # noqa: N806
    n, p = X.shape
    if n <= p:
        raise ValueError(f"too few observations: {n} rows for {p} coefficients")
    scale = np.sqrt(np.sum(X * X, axis=0))
    if np.any(scale == 0):
        raise ValueError("a design column is all zero")
    A = X / scale  # noqa: N806
    beta = np.zeros(p)
    ll_old = -math.inf
    converged = False
    iterations = 0
    for it in range(1, max_iter + 1):
        iterations = it
        eta = A @ beta
        mu = expit(eta)
        w = np.clip(mu * (1 - mu), 1e-300, None)
        sw = np.sqrt(w)
        z = eta + (y - mu) / w
        q, r, perm = linalg.qr(A * sw[:, None], mode="economic", pivoting=True)
        d = np.abs(np.diag(r))
        if d[-1] <= max(n, p) * np.finfo(float).eps * d[0] * 10:
            if it > 1:  # full rank at the start, degenerate weights now: fitted p -> 0 or 1
                raise ValueError(
                    "perfect (quasi-)separation: some combination of predictors predicts the "
                    "response exactly, so the maximum-likelihood estimates do not exist"
                )
            aliased = [dm.columns[j] for j in perm[np.flatnonzero(d <= d[0] * 1e-12)]]
            raise ValueError(f"the design matrix is rank deficient; aliased columns: {aliased}")
        new = np.empty(p)
        new[perm] = linalg.solve_triangular(r, q.T @ (sw * z))
        ll = float(np.sum(y * log_expit(A @ new) + (1 - y) * log_expit(-(A @ new))))
        beta = new
        if abs(ll - ll_old) <= tol * (abs(ll) + tol):
            converged = True
            break
        ll_old = ll
    mu = expit(A @ beta)
    if np.max(np.minimum(mu, 1 - mu)[(y == 1) | (y == 0)]) < 1e-6 or (
        np.all((mu > 0.5) == (y == 1)) and np.min(np.where(y == 1, mu, 1 - mu)) > 1 - 1e-8
    ):
        raise ValueError(
            "perfect (quasi-)separation: some combination of predictors predicts the "
            "response exactly, so the maximum-likelihood estimates do not exist"
        )
    if not converged:
        raise ValueError(
            f"logistic regression did not converge in {max_iter} iterations (possible separation)"
        )
    w = mu * (1 - mu)
    q, r, perm = linalg.qr(A * np.sqrt(w)[:, None], mode="economic", pivoting=True)
    ri = linalg.solve_triangular(r, np.eye(p))
    cov_p = ri @ ri.T
    cov = np.empty((p, p))
    cov[np.ix_(perm, perm)] = cov_p
    coef = beta / scale
    se = np.sqrt(np.diag(cov)) / scale
    zq = stats.norm.ppf(1 - alpha / 2)
    coefs = []
    for j, name in enumerate(dm.columns):
        b, e = float(coef[j]), float(se[j])
        zval = b / e
        lo, hi = b - zq * e, b + zq * e
        coefs.append(
            LogisticCoefficient(
                name,
                b,
                e,
                zval,
                float(2 * stats.norm.sf(abs(zval))),
                lo,
                hi,
                math.exp(b),
                math.exp(lo),
                math.exp(hi),
            )
        )
    ll = float(np.sum(y * log_expit(A @ beta) + (1 - y) * log_expit(-(A @ beta))))
    ybar = y.mean()
    if f.intercept:
        ll0 = float(n * (ybar * math.log(ybar) + (1 - ybar) * math.log(1 - ybar)))
        lr_df = p - 1
    else:
        ll0 = n * math.log(0.5)
        lr_df = p
    lr = 2 * (ll - ll0)
    res = LogisticResult(
        formula=str(f),
        method="Logistic regression (maximum likelihood, IRLS)",
        n=n,
        events=int(y.sum()),
        event_level=event,
        coefficients=coefs,
        log_likelihood=ll,
        null_log_likelihood=ll0,
        deviance=-2 * ll,
        null_deviance=-2 * ll0,
        lr_chi2=lr,
        lr_df=lr_df,
        lr_p_value=float(stats.chi2.sf(lr, lr_df)) if lr_df > 0 else 1.0,
        pseudo_r_squared=1 - ll / ll0,
        aic=-2 * ll + 2 * p,
        bic=-2 * ll + p * math.log(n),
        iterations=iterations,
        converged=converged,
        alpha=alpha,
    )
    object.__setattr__(res, "_state", {"X": X, "formula": f, "levels": dm.levels})
    return res
