"""Ordinary least squares from a formula, with inference, VIF and residual diagnostics."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from havoc_tools._result import ToolResult, fmt, fmt_p
from havoc_tools._validate import check_alpha
from havoc_tools.regression._data import environment, find_coefficient
from havoc_tools.regression._lstsq import cov_unscaled, row_norms, solve
from havoc_tools.regression.formula import Formula


@dataclass
class Coefficient:
    name: str
    estimate: float
    se: float
    t: float | None
    p_value: float | None
    ci_low: float
    ci_high: float
    vif: float | None = None


@dataclass
class Diagnostics:
    """Residual checks: normality of residuals, autocorrelation, influential points."""

    shapiro_w: float | None
    shapiro_p: float | None
    durbin_watson: float
    max_cooks_distance: float
    influential: list[int]  # rows with Cook's D > 4 / n
    max_leverage: float
    high_leverage: list[int]  # rows with leverage > 2 p / n
    condition_number: float


@dataclass
class Prediction(ToolResult):
    interval: str
    alpha: float
    fit: list[float]
    se_fit: list[float]
    lower: list[float] | None = None
    upper: list[float] | None = None

    def summary(self) -> str:
        lines = [f"Predictions ({self.interval} interval, {1 - self.alpha:.0%})"]
        for i, f in enumerate(self.fit[:20]):
            band = ""
            if self.lower is not None and self.upper is not None:
                band = f"  [{fmt(self.lower[i])}, {fmt(self.upper[i])}]"
            lines.append(f"  {i:>4}: {fmt(f)}{band}")
        if len(self.fit) > 20:
            lines.append(f"  ... {len(self.fit) - 20} more")
        return "\n".join(lines)


@dataclass
class OLSResult(ToolResult):
    formula: str
    method: str
    n: int
    df_model: int
    df_resid: int
    coefficients: list[Coefficient]
    r_squared: float
    adj_r_squared: float
    f_statistic: float | None
    f_p_value: float | None
    residual_sd: float
    ss_residual: float
    ss_model: float
    ss_total: float
    log_likelihood: float
    aic: float
    bic: float
    alpha: float
    diagnostics: Diagnostics
    fitted: list[float] = field(default_factory=list)
    residuals: list[float] = field(default_factory=list)
    cooks_distance: list[float] = field(default_factory=list)
    leverage: list[float] = field(default_factory=list)

    def coef(self, name: str) -> Coefficient:
        """The coefficient called ``name``; an interaction's factors may come in any order
        (``coef("b:a")`` finds ``a:b``)."""
        return find_coefficient(self.coefficients, name)

    @property
    def params(self) -> dict[str, float]:
        return {c.name: c.estimate for c in self.coefficients}

    def predict(
        self, data: Any = None, *, interval: str = "none", alpha: float | None = None
    ) -> Prediction:
        """Predicted means for new data (the fitted data when None), with a ``"confidence"``
        interval for the mean or a ``"prediction"`` interval for a new observation."""
        from scipy import stats

        if interval not in ("none", "confidence", "prediction"):
            raise ValueError(
                f"interval must be 'none', 'confidence' or 'prediction', got {interval!r}"
            )
        alpha = check_alpha(self.alpha if alpha is None else alpha)
        st = self._state
        if data is None:
            X0 = st["X"]  # noqa: N806
        else:
            X0 = design_for_new_data(st["formula"], data, st["levels"])  # noqa: N806
        b = np.array([c.estimate for c in self.coefficients])
        fit = X0 @ b
        se_fit = self.residual_sd * row_norms(st["fit"], X0)
        lo = hi = None
        if interval != "none":
            q = stats.t.ppf(1 - alpha / 2, self.df_resid)
            half = q * (
                se_fit if interval == "confidence" else np.sqrt(se_fit**2 + self.residual_sd**2)
            )
            lo, hi = (fit - half).tolist(), (fit + half).tolist()
        return Prediction(interval, alpha, fit.tolist(), se_fit.tolist(), lo, hi)

    def summary(self) -> str:
        lines = [
            f"{self.method}: {self.formula}",
            f"  n = {self.n}, df model = {self.df_model}, df residual = {self.df_resid}",
        ]
        lines.append(f"  {'term':<26}{'estimate':>13}{'SE':>12}{'t':>10}{'p':>10}{'VIF':>8}")
        for c in self.coefficients:
            lines.append(
                f"  {c.name:<26}{fmt(c.estimate):>13}{fmt(c.se):>12}{fmt(c.t):>10}"
                f"{fmt_p(c.p_value):>10}{(fmt(c.vif) if c.vif else ''):>8}"
            )
        lines.append(
            f"  R^2 = {fmt(self.r_squared)}, adjusted R^2 = {fmt(self.adj_r_squared)}, "
            f"residual SD = {fmt(self.residual_sd)}"
        )
        if self.f_statistic is not None:
            lines.append(
                f"  F = {fmt(self.f_statistic)} on ({self.df_model}, {self.df_resid}) df, "
                f"p = {fmt_p(self.f_p_value)}"
            )
        d = self.diagnostics
        lines.append(
            f"  residuals: Shapiro-Wilk p = {fmt_p(d.shapiro_p)}, Durbin-Watson = "
            f"{fmt(d.durbin_watson)}, max Cook's D = {fmt(d.max_cooks_distance)}"
            + (f" (influential rows {d.influential[:10]})" if d.influential else "")
        )
        if any(c.vif and c.vif > 10 for c in self.coefficients):
            lines.append("  warning: VIF > 10 -- strong multicollinearity")
        return "\n".join(lines)


def design_for_new_data(f: Formula, data: Any, levels: dict[str, list[Any]]) -> np.ndarray:
    """The design matrix of ``f`` for new rows, coded with the fitted categorical levels."""
    needed: set[str] = set()
    for t in f.terms:
        for fa in t.factors:
            needed |= fa.expr.variables()
    if needed:
        env = environment(data, needed)
    else:  # intercept-only model: only the row count matters
        rows = len(data) if hasattr(data, "columns") else len(next(iter(data.values())))
        env = {"_rows": np.zeros(rows)}
    return f.design(env, levels=levels).matrix


def _vif(X: np.ndarray, names: list[str], intercept: bool) -> list[float | None]:  # noqa: N803
    out: list[float | None] = []
    p = X.shape[1]
    for j in range(p):
        if names[j] == "Intercept" or p - intercept < 2:
            out.append(None)
            continue
        others = np.delete(X, j, axis=1)
        coef, *_ = np.linalg.lstsq(others, X[:, j], rcond=None)
        resid = X[:, j] - others @ coef
        xj = X[:, j] - (X[:, j].mean() if intercept else 0.0)
        tss = float(xj @ xj)
        r2 = 1 - float(resid @ resid) / tss if tss > 0 else 1.0
        out.append(1 / (1 - r2) if r2 < 1 else float("inf"))
    return out


def ols(formula: str | Formula, data: Any, *, alpha: float = 0.05) -> OLSResult:
    """Fit ``formula`` by least squares on ``data`` (a DataFrame or dict of columns).

    >>> r = ols("y ~ x", {"x": [1, 2, 3, 4, 5], "y": [2.1, 3.9, 6.2, 7.8, 10.1]})
    >>> round(r.coef("x").estimate, 3)
    1.99
    """
    from scipy import stats

    alpha = check_alpha(alpha)
    f = formula if isinstance(formula, Formula) else Formula.parse(formula)
    env = environment(data, f.variables)
    y = f.response_values(env)
    dm = f.design(env)
    X = dm.matrix  # noqa: N806
    n, p = X.shape
    if n <= p:
        raise ValueError(
            f"too few observations: {n} rows for {p} coefficients (need more rows "
            "than coefficients)"
        )
    X_ext = f.design(env, levels=dm.levels, dtype=np.longdouble).matrix  # noqa: N806
    fit = solve(X, y, X_ext, dm.columns)
    df_resid = n - p
    rss = fit.rss
    s2 = rss / df_resid
    s = math.sqrt(s2)
    cov = cov_unscaled(fit)
    se = s * np.sqrt(np.diag(cov))
    q = stats.t.ppf(1 - alpha / 2, df_resid)
    vif = _vif(X, dm.columns, f.intercept)
    coefs = []
    with np.errstate(divide="ignore", invalid="ignore"):
        for j, name in enumerate(dm.columns):
            b, e = float(fit.coef[j]), float(se[j])
            t = b / e if e > 0 else (math.copysign(math.inf, b) if b else math.nan)
            pv = (
                float(2 * stats.t.sf(abs(t), df_resid))
                if math.isfinite(t)
                else (0.0 if math.isinf(t) else None)
            )
            coefs.append(
                Coefficient(
                    name, b, e, t if math.isfinite(t) else None, pv, b - q * e, b + q * e, vif[j]
                )
            )
    ye = y.astype(np.longdouble)
    if f.intercept:
        ybar = ye.mean()
        tss = float(np.sum((ye - ybar) ** 2))
        df_model = p - 1
    else:
        tss = float(np.sum(ye * ye))
        df_model = p
    if tss == 0:
        raise ValueError(f"the response {f.response_name!r} is constant; R^2 is undefined")
    r2 = 1 - rss / tss
    adj = 1 - (1 - r2) * (n - (1 if f.intercept else 0)) / df_resid
    ssm = tss - rss
    if df_model > 0:
        with np.errstate(divide="ignore"):
            F = (ssm / df_model) / s2 if s2 > 0 else math.inf  # noqa: N806
        fp = float(stats.f.sf(F, df_model, df_resid)) if math.isfinite(F) else 0.0
    else:
        F, fp = None, None  # noqa: N806
    ll = -n / 2 * (math.log(2 * math.pi) + math.log(rss / n) + 1) if rss > 0 else math.inf
    resid = fit.resid
    fitted = y - resid
    h = np.sum(fit.q**2, axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        cooks = resid**2 * h / (p * s2 * (1 - h) ** 2) if s2 > 0 else np.zeros(n)
    cooks = np.where(np.isfinite(cooks), cooks, np.nan)
    sw = sp = None
    if 3 <= n <= 5000 and np.ptp(resid) > 0:
        w, pw = stats.shapiro(resid)
        sw, sp = float(w), float(pw)
    dw = float(np.sum(np.diff(resid) ** 2) / np.sum(resid**2)) if rss > 0 else math.nan
    sv = np.linalg.svd(X / fit.scale, compute_uv=False)
    diag = Diagnostics(
        sw,
        sp,
        dw,
        float(np.nanmax(cooks)) if np.any(np.isfinite(cooks)) else math.nan,
        [int(i) for i in np.flatnonzero(cooks > 4 / n)],
        float(h.max()),
        [int(i) for i in np.flatnonzero(h > 2 * p / n)],
        float(sv[0] / sv[-1]),
    )
    res = OLSResult(
        formula=str(f),
        method="OLS (scaled pivoted QR, refined)",
        n=n,
        df_model=df_model,
        df_resid=df_resid,
        coefficients=coefs,
        r_squared=r2,
        adj_r_squared=adj,
        f_statistic=F,
        f_p_value=fp,
        residual_sd=s,
        ss_residual=rss,
        ss_model=ssm,
        ss_total=tss,
        log_likelihood=ll,
        aic=-2 * ll + 2 * p,
        bic=-2 * ll + p * math.log(n),
        alpha=alpha,
        diagnostics=diag,
        fitted=fitted.tolist(),
        residuals=resid.tolist(),
        cooks_distance=cooks.tolist(),
        leverage=h.tolist(),
    )
    object.__setattr__(
        res, "_state", {"fit": fit, "X": X, "formula": f, "levels": dm.levels, "cov": cov}
    )
    return res
