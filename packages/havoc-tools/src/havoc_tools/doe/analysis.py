"""Analysis of two-level factorial designs: effects, coefficients, ANOVA, Lenth's method."""

from __future__ import annotations

import dataclasses
import math
from itertools import combinations
from typing import Any

import numpy as np

from .._result import ToolResult, fmt, fmt_p
from .._validate import check_alpha
from ..stats.results import AnovaRow
from ._data import design_matrix
from .design import Design


def term_name(idx: tuple[int, ...], names: list[str]) -> str:
    parts = [names[i] for i in idx]
    return "".join(parts) if all(len(n) == 1 for n in names) else "*".join(parts)


def lenth(effects: np.ndarray, alpha: float = 0.05) -> dict[str, float]:
    """Lenth's (1989) pseudo standard error, margin of error and simultaneous margin of error.

    s0 = 1.5 median|c|; PSE = 1.5 median{|c| : |c| < 2.5 s0}; ME = t(1-alpha/2, m/3) PSE;
    SME = t(gamma, m/3) PSE with gamma = (1 + (1-alpha)^(1/m)) / 2.
    """
    from scipy import stats

    c = np.abs(np.asarray(effects, dtype=np.float64))
    m = c.size
    if m < 2:
        raise ValueError("Lenth's method needs at least 2 effects")
    s0 = 1.5 * float(np.median(c))
    trimmed = c[c < 2.5 * s0]
    pse = 1.5 * float(np.median(trimmed)) if trimmed.size else 0.0
    d = m / 3.0
    gamma = (1.0 + (1.0 - alpha) ** (1.0 / m)) / 2.0
    return {
        "s0": s0,
        "pse": pse,
        "df": d,
        "me": float(stats.t.ppf(1 - alpha / 2, d)) * pse,
        "sme": float(stats.t.ppf(gamma, d)) * pse,
    }


@dataclasses.dataclass
class FactorialAnalysis(ToolResult):
    """Effects, coefficients and ANOVA of a two-level factorial (coded -1/+1) model."""

    method: str
    response_name: str
    factors: list[str]
    terms: list[str]
    term_index: list[list[int]]
    effects: dict[str, float]
    coefficients: dict[str, float]  # includes "Intercept" (and "Curvature", "Block<b>" if present)
    se: dict[str, float | None]
    t: dict[str, float | None]
    p: dict[str, float | None]
    anova: list[AnovaRow]
    aliased: dict[str, str]  # dropped term -> the estimated term (or "blocks") it is aliased with
    n: int
    df_resid: int
    sigma: float | None
    r_squared: float
    adj_r_squared: float | None
    pred_r_squared: float | None
    lenth: dict[str, float] | None
    active: list[str]
    alpha: float
    fitted: list[float]
    residuals: list[float]
    coded_runs: list[list[float]]
    response: list[float]
    ranges: dict[str, Any]
    notes: list[str] = dataclasses.field(default_factory=list)
    exact_fit: bool = False  # the model reproduces the response exactly: no error estimate
    # backward reduction (reduce="backward"): one entry per removed term, in order
    reduction: list[dict[str, Any]] = dataclasses.field(default_factory=list)

    def predict(self, coded: Any) -> np.ndarray:
        """Predicted response at coded settings (rows of k values); curvature/blocks at 0."""
        X = np.atleast_2d(np.asarray(coded, dtype=np.float64))
        if X.shape[1] != len(self.factors):
            raise ValueError(
                f"predict: expected {len(self.factors)} coded columns, got {X.shape[1]}"
            )
        out = np.full(len(X), self.coefficients["Intercept"])
        for name, idx in zip(self.terms, self.term_index, strict=True):
            out = out + self.coefficients[name] * np.prod(X[:, idx], axis=1)
        return out

    def half_normal(self) -> dict[str, list]:
        """Half-normal plot coordinates: sorted |effect| against half-normal quantiles."""
        from scipy import stats

        items = sorted(self.effects.items(), key=lambda kv: abs(kv[1]))
        m = len(items)
        q = stats.norm.ppf(0.5 + 0.5 * (np.arange(1, m + 1) - 0.5) / m)
        return {
            "terms": [k for k, _ in items],
            "abs_effect": [abs(v) for _, v in items],
            "quantile": q.tolist(),
        }

    def summary(self) -> str:
        lines = [f"Factorial analysis of {self.response_name} ({self.method}), n={self.n}"]
        lines.append(f"{'term':<14}{'effect':>12}{'coef':>12}{'SE':>10}{'t':>9}{'p':>10}")
        for name in self.terms:
            lines.append(
                f"{name:<14}{fmt(self.effects[name]):>12}{fmt(self.coefficients[name]):>12}"
                f"{fmt(self.se.get(name)):>10}{fmt(self.t.get(name)):>9}{fmt_p(self.p.get(name)):>10}"
            )
        if self.anova:
            lines.append("ANOVA:")
            lines.append(f"{'source':<22}{'df':>5}{'SS':>14}{'MS':>14}{'F':>10}{'p':>10}")
            for row in self.anova:
                lines.append(
                    f"{row.source:<22}{row.df:>5g}{fmt(row.sum_sq):>14}{fmt(row.mean_sq):>14}"
                    f"{fmt(row.F):>10}{fmt_p(row.p_value):>10}"
                )
        if self.lenth is not None:
            lines.append(
                f"Lenth: PSE={fmt(self.lenth['pse'])}, ME={fmt(self.lenth['me'])}, "
                f"SME={fmt(self.lenth['sme'])} (alpha={self.alpha})"
            )
        lines.append(
            f"R^2={fmt(self.r_squared)}"
            + (f", adj R^2={fmt(self.adj_r_squared)}" if self.adj_r_squared is not None else "")
        )
        lines.append("active effects: " + (", ".join(self.active) or "none"))
        if self.aliased:
            lines.append(
                "not estimated (aliased): " + ", ".join(f"{k}={v}" for k, v in self.aliased.items())
            )
        if self.reduction:
            lines.append("terms removed (backward, hierarchical, alpha=" + f"{self.alpha}):")
            for st in self.reduction:
                lines.append(
                    f"  step {st['step']}: {st['term']} (p={fmt_p(st['p_value'])}, {st['test']})"
                )
        lines.extend(self.notes)
        return "\n".join(lines)


def _sse(X: np.ndarray, y: np.ndarray) -> float:
    if X.shape[1] == 0:
        return float(y @ y)
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    r = y - X @ beta
    return float(r @ r)


def analyze_factorial(
    data: Design | Any,
    response: Any,
    factors: list[str] | None = None,
    *,
    max_order: int | None = None,
    alpha: float = 0.05,
    response_name: str = "y",
    terms: list[str] | None = None,
    reduce: str | None = None,
) -> FactorialAnalysis:
    """Fit the two-level factorial model by least squares (QR) and report effects and ANOVA.

    ``data`` is a :class:`Design` (``response`` in run order) or a DataFrame with ``factors``
    columns (coded from their low/high, centre points allowed) and a ``response`` column or
    array. Terms: every interaction up to ``max_order`` (default: all that the design can
    estimate; main effects only for non-regular designs such as Plackett–Burman). Terms aliased
    with an earlier (lower-order) term or with blocks are dropped and listed in ``aliased``.
    Centre points add a curvature term; blocks enter as block effects. With no residual degrees
    of freedom, Lenth's pseudo standard error judges the effects instead, unless the response
    is fitted exactly (the inactive effects are zero up to rounding, so Lenth's PSE would be
    rounding noise): then ``exact_fit`` is true and no standard errors or p-values are given.

    >>> from havoc_tools.doe import full_factorial
    >>> d = full_factorial(2, randomize=False)
    >>> round(analyze_factorial(d, [1.0, 3.0, 2.0, 6.0]).effects["A"], 3)
    3.0

    ``terms`` fits only the named terms (``["A", "B", "AB"]``; ``"A*B"`` style when factor names
    are longer than one letter). ``reduce="backward"`` removes terms one at a time, the largest
    p-value above ``alpha`` first, keeping the model hierarchical (a term stays while any
    higher-order term containing it stays); a saturated start is first reduced by Lenth's
    method. The removed terms are listed in ``reduction`` (see :mod:`.reduction`).
    """
    if reduce is not None:
        from .reduction import backward_reduce

        if reduce != "backward":
            raise ValueError(
                f"analyze_factorial: reduce must be 'backward' or None, got {reduce!r}"
            )
        return backward_reduce(
            data,
            response,
            factors,
            max_order=max_order,
            alpha=alpha,
            response_name=response_name,
            terms=terms,
        )
    from scipy import stats

    alpha = check_alpha(alpha)
    X, y, names, block, ranges = design_matrix(
        data, response, factors, what="analyze_factorial", code=True
    )
    if isinstance(response, str):
        response_name = response
    n, k = X.shape
    if isinstance(data, Design) and data.design_type not in (
        "full factorial",
        "fractional factorial",
        "Plackett-Burman",
        "D-optimal",  # two-level only: the run check below refuses other levels
    ):
        raise ValueError(
            f"analyze_factorial: a {data.design_type} design is not two-level; use "
            "fit_response_surface"
        )
    center = np.all(X == 0, axis=1)
    corner = np.all(np.abs(X) == 1, axis=1)
    if not np.all(center | corner):
        raise ValueError(
            "analyze_factorial: every run must be at coded -1/+1 (or an all-zero centre point)"
        )
    if corner.sum() < 2:
        raise ValueError("analyze_factorial: needs at least 2 factorial (non-centre) runs")
    regular = isinstance(data, Design) and data.alias is not None
    n_distinct = len({tuple(r) for r in X[corner]})
    if max_order is None:
        max_order = k if (regular or n_distinct == 2**k) else 1
    if isinstance(max_order, bool) or not isinstance(max_order, int) or max_order < 1:
        raise ValueError(
            f"analyze_factorial: max_order must be a positive integer, got {max_order!r}"
        )
    max_order = min(max_order, k)
    n_candidates = sum(math.comb(k, r) for r in range(1, max_order + 1))
    wanted = None if terms is None else parse_terms(terms, names)
    del terms  # the name is reused below for the fitted terms
    if wanted is not None:
        n_candidates = len(wanted)
    if n_candidates > 4096:
        raise ValueError(f"analyze_factorial: {n_candidates} candidate terms; lower max_order")

    cols = [np.ones(n)]
    col_names = ["Intercept"]
    blocks = sorted(set(block.tolist()))
    for b in blocks[1:]:
        cols.append(np.where(block == b, 1.0, 0.0) - np.where(block == blocks[0], 1.0, 0.0))
        col_names.append(f"Block{b}")
    n_block_cols = len(blocks) - 1
    has_curv = bool(center.any())
    if has_curv:
        cols.append(center.astype(float))
        col_names.append("Curvature")
    current = np.stack(cols, axis=1)
    terms: list[tuple[int, ...]] = []
    aliased: dict[str, str] = {}
    if wanted is not None:
        candidates = sorted(wanted, key=lambda t: (len(t), t))
    else:
        candidates = [
            idx for order in range(1, max_order + 1) for idx in combinations(range(k), order)
        ]
    for idx in candidates:
        col = np.prod(X[:, list(idx)], axis=1)
        name = term_name(idx, names)
        # exact aliasing with an existing column (regular designs) is reported by name
        match = None
        for j in range(current.shape[1]):
            if np.allclose(col, current[:, j]) or np.allclose(col, -current[:, j]):
                match = j
                break
        if match is not None:
            sign = "" if np.allclose(col, current[:, match]) else "-"
            other = col_names[match]
            aliased[name] = sign + ("blocks" if other.startswith("Block") else other)
            continue
        trial = np.column_stack([current, col])
        if np.linalg.matrix_rank(trial) <= np.linalg.matrix_rank(current) or trial.shape[1] > n:
            aliased[name] = "not estimable"
            continue
        current = trial
        col_names.append(name)
        terms.append(idx)
    Xm = current
    p = Xm.shape[1]
    Q, R = np.linalg.qr(Xm)
    beta = np.linalg.solve(R, Q.T @ y)
    fitted = Xm @ beta
    resid = y - fitted
    sse = float(resid @ resid)
    df_resid = n - p
    sst = float(((y - y.mean()) ** 2).sum())
    if sst <= (1e-13 * max(abs(float(y.mean())), 1e-300)) ** 2 * n:
        raise ValueError(
            f"analyze_factorial: the response is constant ({float(y[0]):g} in every run); "
            "there are no effects to estimate"
        )
    r2 = 1.0 - sse / sst
    coef = dict(zip(col_names, beta.tolist(), strict=True))
    term_names = [term_name(t, names) for t in terms]
    # coded -1/+1: an effect is twice its coefficient (high mean minus low mean when balanced)
    effects = {name: 2.0 * coef[name] for name in term_names}
    se: dict[str, float | None] = {}
    tv: dict[str, float | None] = {}
    pv: dict[str, float | None] = {}
    sigma = None
    adj_r2 = pred_r2 = None
    anova: list[dict[str, Any]] = []
    lenth_res = None
    active: list[str] = []
    notes: list[str] = []
    eff_arr = np.array([effects[nm] for nm in term_names])
    scale = float(np.abs(eff_arr).max()) if eff_arr.size else 0.0
    # an exact fit: residuals (or, saturated, the smallest effects Lenth's PSE is built from)
    # are rounding noise, ~1e-16 of the response; judging effects against them means nothing
    if df_resid > 0:
        exact = sse <= 1e-20 * sst
    else:
        exact = eff_arr.size < 2 or lenth(eff_arr, alpha)["pse"] <= 1e-10 * scale
    if exact:
        nonzero = [nm for nm in term_names if abs(effects[nm]) > 1e-10 * scale]
        method = "least squares (QR), exact fit: no error estimate"
        notes.append(
            "exact fit: the model reproduces every response"
            + (
                f" (residual SS {sse:.3g} on {df_resid} df)"
                if df_resid > 0
                else " with no residual degrees of freedom, and the remaining effects are zero "
                "up to rounding, so Lenth's PSE has nothing to estimate"
            )
            + "; no standard errors, t or p-values. Effects not zero: "
            + (", ".join(nonzero) or "none")
        )
        r2 = 1.0
        if df_resid > 0:
            anova = _anova(
                Xm,
                y,
                col_names,
                terms,
                n_block_cols,
                has_curv,
                X,
                block,
                sse,
                df_resid,
                sst,
                exact=True,
            )
    elif df_resid > 0:
        mse = sse / df_resid
        sigma = math.sqrt(mse)
        Rinv = np.linalg.inv(R)
        cov_unscaled = Rinv @ Rinv.T
        for j, name in enumerate(col_names):
            s = math.sqrt(cov_unscaled[j, j] * mse)
            se[name] = s
            tv[name] = coef[name] / s if s > 0 else None
            pv[name] = float(2 * stats.t.sf(abs(tv[name]), df_resid)) if s > 0 else None
        adj_r2 = 1.0 - (1 - r2) * (n - 1) / df_resid if sst > 0 else None
        h = (Q**2).sum(axis=1)
        if np.all(h < 1 - 1e-10) and sst > 0:
            press = float(((resid / (1 - h)) ** 2).sum())
            pred_r2 = 1.0 - press / sst
        anova = _anova(
            Xm, y, col_names, terms, n_block_cols, has_curv, X, block, sse, df_resid, sst
        )
        active = [nm for nm in term_names if pv.get(nm) is not None and pv[nm] < alpha]
        method = "least squares (QR), t tests on residual error"
    else:
        if eff_arr.size >= 2:
            lenth_res = lenth(eff_arr, alpha)
            pse = lenth_res["pse"]
            for nm in term_names:
                if pse > 0:
                    t_l = effects[nm] / pse
                    tv[nm] = t_l
                    pv[nm] = float(2 * stats.t.sf(abs(t_l), lenth_res["df"]))
                    se[nm] = pse / 2.0  # the coefficient's pseudo standard error
            active = [nm for nm in term_names if abs(effects[nm]) > lenth_res["me"]]
        method = "least squares (QR), saturated model: Lenth's pseudo standard error"
        notes.append("no residual degrees of freedom: effects judged by Lenth's method (ME, SME)")
    return FactorialAnalysis(
        method=method,
        response_name=response_name,
        factors=names,
        terms=term_names,
        term_index=[list(t) for t in terms],
        effects=effects,
        coefficients=coef,
        se=se,
        t=tv,
        p=pv,
        anova=anova,
        aliased=aliased,
        n=n,
        df_resid=df_resid,
        sigma=sigma,
        r_squared=r2,
        adj_r_squared=adj_r2,
        pred_r_squared=pred_r2,
        lenth=lenth_res,
        active=active,
        alpha=alpha,
        fitted=fitted.tolist(),
        residuals=resid.tolist(),
        coded_runs=X.tolist(),
        response=y.tolist(),
        ranges={k2: list(v) for k2, v in ranges.items()},
        notes=notes,
        exact_fit=exact,
    )


def parse_terms(terms: list[str], names: list[str]) -> set[tuple[int, ...]]:
    """Term names ("A", "AB", "T*P") to sorted factor-index tuples."""
    if isinstance(terms, str) or not isinstance(terms, (list, tuple)) or not terms:
        raise ValueError(
            f"analyze_factorial: terms must be a non-empty list of names, got {terms!r}"
        )
    single = all(len(n) == 1 for n in names)
    out: set[tuple[int, ...]] = set()
    for t in terms:
        text = str(t).strip()
        parts = text.split("*") if "*" in text or not single else list(text)
        if any(p not in names for p in parts):
            raise ValueError(
                f"analyze_factorial: term {text!r} is not made of the factors {', '.join(names)}"
            )
        idx = tuple(sorted(names.index(p) for p in parts))
        if len(set(idx)) != len(idx):
            raise ValueError(f"analyze_factorial: term {text!r} repeats a factor")
        out.add(idx)
    return out


def _anova(
    Xm: np.ndarray,
    y: np.ndarray,
    col_names: list[str],
    terms: list[tuple[int, ...]],
    n_block_cols: int,
    has_curv: bool,
    X: np.ndarray,
    block: np.ndarray,
    sse: float,
    df_resid: int,
    sst: float,
    *,
    exact: bool = False,
) -> list[AnovaRow]:
    """ANOVA with adjusted (extra-sum-of-squares) SS for each source and group of sources
    (no F or p when the fit is exact: there is no error to test against)."""
    from scipy import stats

    mse = sse / df_resid

    def row(source: str, drop: list[int]) -> AnovaRow:
        keep = [j for j in range(Xm.shape[1]) if j not in drop]
        ss = max(_sse(Xm[:, keep], y) - sse, 0.0)
        df = len(drop)
        ms = ss / df
        f = ms / mse if mse > 0 and not exact else None
        pval = float(stats.f.sf(f, df, df_resid)) if f is not None else None
        return AnovaRow(source, df, ss, ms, f, pval)

    rows = [row("Model", list(range(1, Xm.shape[1])))]
    offset = 1
    if n_block_cols:
        rows.append(row("Blocks", list(range(offset, offset + n_block_cols))))
        offset += n_block_cols
    if has_curv:
        curv_col = offset
        offset += 1
    by_order: dict[int, list[int]] = {}
    for i, t in enumerate(terms):
        by_order.setdefault(len(t), []).append(offset + i)
    labels = {1: "Main effects", 2: "2-way interactions", 3: "3-way interactions"}
    for order, idxs in by_order.items():
        rows.append(row(labels.get(order, f"{order}-way interactions"), idxs))
        for j in idxs:
            r = row(col_names[j], [j])
            r.source = "  " + col_names[j]
            rows.append(r)
    if has_curv:
        rows.append(row("Curvature", [curv_col]))
    rows.append(AnovaRow("Residual error", df_resid, sse, mse))
    # pure error from runs repeated at identical settings (and block)
    keys = [tuple(r) + (b,) for r, b in zip(X.tolist(), block.tolist(), strict=True)]
    groups: dict[tuple, list[float]] = {}
    for key, v in zip(keys, y.tolist(), strict=True):
        groups.setdefault(key, []).append(v)
    df_pe = sum(len(g) - 1 for g in groups.values())
    if 0 < df_pe < df_resid:
        ss_pe = float(sum(((np.array(g) - np.mean(g)) ** 2).sum() for g in groups.values()))
        ss_lof = max(sse - ss_pe, 0.0)
        df_lof = df_resid - df_pe
        ms_pe = ss_pe / df_pe
        f_lof = (ss_lof / df_lof) / ms_pe if ms_pe > 0 and not exact else None
        p_lof = float(stats.f.sf(f_lof, df_lof, df_pe)) if f_lof is not None else None
        rows.append(AnovaRow("  Lack of fit", df_lof, ss_lof, ss_lof / df_lof, f_lof, p_lof))
        rows.append(AnovaRow("  Pure error", df_pe, ss_pe, ms_pe))
    rows.append(AnovaRow("Total", len(y) - 1, sst, None))
    return rows
