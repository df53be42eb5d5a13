"""One-way (classic and Welch), two-way and repeated-measures ANOVA."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from havoc_tools._validate import as_1d, check_alpha, column
from havoc_tools.stats._common import normality_checks, read_groups, variance_check
from havoc_tools.stats.results import AnovaResult, AnovaRow, Assumption, EffectSize


def _group_stats(
    arrays: list[np.ndarray],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float, float]:
    """Centred, compensated sums: (n_i, mean_i - shift, within SS_i, grand mean - shift, shift).

    Subtracting a common shift first (the median) keeps the leading digits out of every sum, and
    ``math.fsum`` plus a second pass removes the rounding of the means; this is what lets the
    NIST SmLs sets come out to the last certified digit.
    """
    allv = np.concatenate(arrays)
    shift = float(np.median(allv))
    ns, means, ss = [], [], []
    for a in arrays:
        c = a - shift
        m = math.fsum(c) / c.size
        r = c - m
        m += math.fsum(r) / c.size
        r = c - m
        ns.append(c.size)
        means.append(m)
        ss.append(math.fsum(r * r))
    n = np.array(ns, dtype=float)
    means_arr = np.array(means)
    grand = math.fsum(n * means_arr) / n.sum()
    return n, means_arr, np.array(ss), grand, shift


def _eta_sq_ci(
    F: float, df1: float, df2: float, N: float, conf: float
) -> tuple[float | None, float | None]:  # noqa: N803
    """CI for eta^2 by inverting the noncentral F in its noncentrality (lambda = eta^2/(1-eta^2) N)."""
    from scipy import optimize, stats

    def bound(q: float) -> float | None:
        f = lambda lam: stats.ncf.cdf(F, df1, df2, lam) - q  # noqa: E731
        if f(0.0) < 0:
            return 0.0
        lo, hi = 0.0, 1.0
        while True:  # the cdf falls as lambda grows; bracket the root by doubling
            fh = f(hi)
            if not np.isfinite(fh) or hi > 1e8:
                return None  # noncentral F unreliable this far out: no interval
            if fh < 0:
                break
            lo, hi = hi, 2 * hi
        lam = optimize.brentq(f, lo, hi, xtol=1e-10)
        return lam / (lam + N)

    return bound((1 + conf) / 2), bound((1 - conf) / 2)


def anova_oneway(
    data: Any = None,
    *groups: Any,
    dv: str | None = None,
    group: str | None = None,
    alpha: float = 0.05,
) -> AnovaResult:
    """Classic one-way ANOVA (equal variances assumed; see :func:`welch_anova` otherwise).

    >>> anova_oneway([1.0, 2.0, 3.0], [2.0, 3.0, 4.0], [5.0, 6.0, 7.0]).F
    13.0
    """
    from scipy import stats

    alpha = check_alpha(alpha)
    names, arrays = read_groups(data, *groups, dv=dv, group=group, min_groups=2, min_n=1)
    n, means, ss_i, grand, shift = _group_stats(arrays)
    k, N = len(arrays), float(n.sum())  # noqa: N806
    df_b, df_w = k - 1, N - k
    if df_w <= 0:
        raise ValueError(f"needs more observations than groups ({int(N)} values in {k} groups)")
    ss_b = math.fsum(n * (means - grand) ** 2)
    ss_w = math.fsum(ss_i)
    if ss_w == 0:
        raise ValueError("every group is constant; the F statistic is undefined")
    ms_b, ms_w = ss_b / df_b, ss_w / df_w
    F = ms_b / ms_w  # noqa: N806
    p = float(stats.f.sf(F, df_b, df_w))
    ss_t = ss_b + ss_w
    eta = ss_b / ss_t
    omega = (ss_b - df_b * ms_w) / (ss_t + ms_w)
    lo, hi = _eta_sq_ci(F, df_b, df_w, N, 1 - alpha)
    table = [
        AnovaRow("between groups", df_b, ss_b, ms_b, F, p, eta, eta, omega),
        AnovaRow("within groups", df_w, ss_w, ms_w),
        AnovaRow("total", N - 1, ss_t, None),
    ]
    return AnovaResult(
        method="One-way ANOVA (classic F test, equal variances assumed)",
        table=table,
        alpha=alpha,
        n={nm: int(c) for nm, c in zip(names, n, strict=True)},
        effect_size=EffectSize("eta squared", eta, lo, hi, note=f"omega squared = {omega:.6g}"),
        assumptions=normality_checks(names, arrays, alpha) + [variance_check(arrays, alpha)],
        extra={
            "r_squared": eta,
            "residual_sd": math.sqrt(ms_w),
            "means": {nm: m + shift for nm, m in zip(names, means, strict=True)},
        },
    )


def welch_anova(
    data: Any = None,
    *groups: Any,
    dv: str | None = None,
    group: str | None = None,
    alpha: float = 0.05,
) -> AnovaResult:
    """Welch's one-way ANOVA (Welch 1951): no equal-variance assumption."""
    from scipy import stats

    alpha = check_alpha(alpha)
    names, arrays = read_groups(data, *groups, dv=dv, group=group, min_groups=2, min_n=2)
    n, means, ss_i, _, shift = _group_stats(arrays)
    var = ss_i / (n - 1)
    if np.any(var == 0):
        bad = [nm for nm, v in zip(names, var, strict=True) if v == 0]
        raise ValueError(f"Welch ANOVA needs non-constant groups; constant: {bad}")
    k = len(arrays)
    w = n / var
    mw = math.fsum(w * means) / w.sum()
    a = math.fsum(w * (means - mw) ** 2) / (k - 1)
    tmp = math.fsum((1 - w / w.sum()) ** 2 / (n - 1))
    b = 1 + 2 * (k - 2) / (k**2 - 1) * tmp
    F = a / b  # noqa: N806
    df1, df2 = k - 1, (k**2 - 1) / (3 * tmp)
    p = float(stats.f.sf(F, df1, df2))
    # omega^2-like effect from the Welch F (Carroll & Nordholm's adjusted estimate)
    N = n.sum()  # noqa: N806
    est_omega = df1 * (F - 1) / (df1 * (F - 1) + N)
    return AnovaResult(
        method="Welch one-way ANOVA (unequal variances)",
        table=[
            AnovaRow("between groups", df1, None, None, F, p),
            AnovaRow("within groups (Welch df)", df2, None, None),
        ],
        alpha=alpha,
        n={nm: int(c) for nm, c in zip(names, n, strict=True)},
        effect_size=EffectSize("omega squared (Welch)", est_omega),
        assumptions=normality_checks(names, arrays, alpha),
        extra={"means": {nm: m + shift for nm, m in zip(names, means, strict=True)}},
    )


def _effect_columns(codes: np.ndarray, k: int) -> np.ndarray:
    """Sum-to-zero (effect) coding: k-1 columns, last level -1 everywhere."""
    out = np.zeros((codes.size, k - 1))
    for j in range(k - 1):
        out[codes == j, j] = 1.0
    out[codes == k - 1, :] = -1.0
    return out


def _rss(X: np.ndarray, y: np.ndarray) -> float:  # noqa: N803
    q, r = np.linalg.qr(X)
    resid = y - q @ (q.T @ y)
    return math.fsum(resid * resid)


def anova_twoway(
    data: Any, *, dv: str, factors: tuple[str, str] | list[str], typ: int = 2, alpha: float = 0.05
) -> AnovaResult:
    """Two-way ANOVA with interaction from a long DataFrame.

    ``typ`` is the sums-of-squares type: 1 (sequential), 2 (default, as statsmodels ``typ=2``) or 3
    (with sum-to-zero coding). For balanced data the three agree.
    """
    from scipy import stats

    alpha = check_alpha(alpha)
    if typ not in (1, 2, 3):
        raise ValueError(f"typ must be 1, 2 or 3, got {typ!r}")
    if not hasattr(data, "columns"):
        raise ValueError("anova_twoway needs a long DataFrame with dv= and factors=(A, B)")
    if len(factors) != 2:
        raise ValueError(f"factors must name exactly two columns, got {factors!r}")
    fa, fb = factors
    y = as_1d(column(data, dv).to_numpy(), f"column {dv!r}", min_n=4)
    cols = []
    levels = {}
    for f in (fa, fb):
        s = column(data, f)
        if s.isna().any():
            raise ValueError(f"column {f!r} has missing factor levels")
        lv = list(dict.fromkeys(s.tolist()))
        if len(lv) < 2:
            raise ValueError(f"factor {f!r} needs at least 2 levels, got {lv}")
        levels[f] = lv
        cols.append(np.array([lv.index(v) for v in s.tolist()]))
    ka, kb = len(levels[fa]), len(levels[fb])
    cells = {
        (i, j): int(np.sum((cols[0] == i) & (cols[1] == j))) for i in range(ka) for j in range(kb)
    }
    empty = [(levels[fa][i], levels[fb][j]) for (i, j), c in cells.items() if c == 0]
    if empty:
        raise ValueError(f"empty cells (every combination needs data): {empty}")
    A = _effect_columns(cols[0], ka)  # noqa: N806
    B = _effect_columns(cols[1], kb)  # noqa: N806
    AB = np.column_stack([A[:, i] * B[:, j] for i in range(ka - 1) for j in range(kb - 1)])  # noqa: N806
    one = np.ones((y.size, 1))
    yc = y - np.median(y)
    full = np.hstack([one, A, B, AB])
    df_res = y.size - full.shape[1]
    if df_res <= 0:
        raise ValueError(
            "no residual degrees of freedom: replicate the cells to test the interaction"
        )
    rss_full = _rss(full, yc)
    if rss_full <= 0:
        raise ValueError(f"column {dv!r} fits exactly; the residual variance is zero")
    terms = {fa: A, fb: B, f"{fa}:{fb}": AB}
    ss = {}
    if typ == 1:
        ss[fa] = _rss(one, yc) - _rss(np.hstack([one, A]), yc)
        ss[fb] = _rss(np.hstack([one, A]), yc) - _rss(np.hstack([one, A, B]), yc)
        ss[f"{fa}:{fb}"] = _rss(np.hstack([one, A, B]), yc) - rss_full
    elif typ == 2:
        ss[fa] = _rss(np.hstack([one, B]), yc) - _rss(np.hstack([one, A, B]), yc)
        ss[fb] = _rss(np.hstack([one, A]), yc) - _rss(np.hstack([one, A, B]), yc)
        ss[f"{fa}:{fb}"] = _rss(np.hstack([one, A, B]), yc) - rss_full
    else:
        for name in terms:
            others = [m for nm, m in terms.items() if nm != name]
            ss[name] = _rss(np.hstack([one, *others]), yc) - rss_full
    ms_res = rss_full / df_res
    rows = []
    ss_total = math.fsum((yc - yc.mean()) ** 2)
    for name, m in terms.items():
        df = m.shape[1]
        F = (ss[name] / df) / ms_res  # noqa: N806
        rows.append(
            AnovaRow(
                name,
                df,
                ss[name],
                ss[name] / df,
                F,
                float(stats.f.sf(F, df, df_res)),
                ss[name] / ss_total,
                ss[name] / (ss[name] + rss_full),
                (ss[name] - df * ms_res) / (ss_total + ms_res),
            )
        )
    rows.append(AnovaRow("residual", df_res, rss_full, ms_res))
    groups = [y[(cols[0] == i) & (cols[1] == j)] for i in range(ka) for j in range(kb)]
    gnames = [f"{levels[fa][i]}/{levels[fb][j]}" for i in range(ka) for j in range(kb)]
    balanced = len(set(cells.values())) == 1
    return AnovaResult(
        method=f"Two-way ANOVA with interaction (type {typ} sums of squares"
        f"{', balanced' if balanced else ', unbalanced'})",
        table=rows,
        alpha=alpha,
        n={g: int(a.size) for g, a in zip(gnames, groups, strict=True)},
        effect_size=EffectSize(f"partial eta squared ({fa})", rows[0].partial_eta_sq or 0.0),
        assumptions=[variance_check(groups, alpha)] if all(g.size >= 2 for g in groups) else [],
        extra={"residual_sd": math.sqrt(ms_res)},
    )


def anova_rm(
    data: Any,
    *,
    dv: str | None = None,
    within: str | None = None,
    subject: str | None = None,
    alpha: float = 0.05,
) -> AnovaResult:
    """One-way repeated-measures ANOVA with Mauchly's sphericity test and the Greenhouse-Geisser
    and Huynh-Feldt corrections.

    ``data`` is a long DataFrame (``dv=``, ``within=``, ``subject=``) or a 2-D array with one row
    per subject and one column per condition.
    """
    from scipy import stats

    alpha = check_alpha(alpha)
    if hasattr(data, "columns"):
        if dv is None or within is None or subject is None:
            raise ValueError("a DataFrame needs dv=, within= and subject= column names")
        for c in (dv, within, subject):
            column(data, c)
        wide = data.pivot_table(
            index=subject, columns=within, values=dv, aggfunc="mean", sort=False
        )
        if wide.isna().any().any():
            raise ValueError("every subject needs a value in every condition (missing cells)")
        conds = [str(c) for c in wide.columns]
        Y = wide.to_numpy(dtype=float)  # noqa: N806
    else:
        try:
            Y = np.asarray(data, dtype=float)  # noqa: N806
        except (TypeError, ValueError) as exc:
            raise ValueError(f"data: values must be numbers ({exc})") from None
        if Y.ndim != 2:
            raise ValueError(f"data: expected subjects x conditions (2-D), got shape {Y.shape}")
        conds = [f"condition{j + 1}" for j in range(Y.shape[1])]
    if not np.isfinite(Y).all():
        raise ValueError("data: contains NaN or infinite values")
    n, k = Y.shape
    if k < 2:
        raise ValueError(f"needs at least 2 conditions, got {k}")
    if n < 2:
        raise ValueError(f"needs at least 2 subjects, got {n}")
    Yc = Y - np.median(Y)  # noqa: N806
    grand = Yc.mean()
    ss_cond = n * math.fsum((Yc.mean(axis=0) - grand) ** 2)
    ss_subj = k * math.fsum((Yc.mean(axis=1) - grand) ** 2)
    ss_tot = math.fsum(((Yc - grand) ** 2).ravel())
    ss_err = ss_tot - ss_cond - ss_subj
    df_c, df_e = k - 1, (k - 1) * (n - 1)
    if ss_err <= 0:
        raise ValueError("the residual (condition x subject) variation is zero; F is undefined")
    ms_c, ms_e = ss_cond / df_c, ss_err / df_e
    F = ms_c / ms_e  # noqa: N806
    p = float(stats.f.sf(F, df_c, df_e))
    # sphericity: Greenhouse-Geisser epsilon from the double-centred covariance of conditions
    S = np.cov(Yc, rowvar=False)  # noqa: N806
    C = np.eye(k) - 1.0 / k  # noqa: N806
    Sd = C @ S @ C  # noqa: N806
    eps_gg = float(np.trace(Sd) ** 2 / ((k - 1) * np.sum(Sd * Sd)))
    eps_hf = float(min(1.0, (n * (k - 1) * eps_gg - 2) / ((k - 1) * (n - 1 - (k - 1) * eps_gg))))
    p_gg = float(stats.f.sf(F, df_c * eps_gg, df_e * eps_gg))
    p_hf = float(stats.f.sf(F, df_c * eps_hf, df_e * eps_hf))
    assumptions = []
    if k > 2 and n > k - 1:
        # Mauchly's W on orthonormal contrasts
        from scipy.linalg import null_space

        M = null_space(np.ones((1, k)))  # noqa: N806
        T = M.T @ S @ M  # noqa: N806
        p_ = k - 1
        W = float(np.linalg.det(T) / (np.trace(T) / p_) ** p_)  # noqa: N806
        f = 1 - (2 * p_**2 + p_ + 2) / (6 * p_ * (n - 1))
        chi = -(n - 1) * f * math.log(W) if W > 0 else float("inf")
        dfm = p_ * (p_ + 1) / 2 - 1
        # second-order (Box) correction as in R's mauchly.test, which uses k in the last factor
        w2 = (
            (p_ + 2)
            * (p_ - 1)
            * (p_ - 2)
            * (2 * p_**3 + 6 * p_**2 + 3 * k + 2)
            / (288 * ((n - 1) * p_ * f) ** 2)
        )
        p1, p2 = stats.chi2.sf(chi, dfm), stats.chi2.sf(chi, dfm + 4)
        pm = float(p1 + w2 * (p2 - p1))
        assumptions.append(
            Assumption(
                "sphericity",
                "Mauchly's test",
                W,
                pm,
                bool(pm >= alpha),
                f"chi2 = {chi:.4g}, df = {dfm:g}",
            )
        )
    else:
        assumptions.append(
            Assumption(
                "sphericity",
                "Mauchly's test",
                None,
                None,
                True,
                "two conditions: sphericity holds trivially",
            )
        )
    eta_p = ss_cond / (ss_cond + ss_err)
    eta_g = ss_cond / (ss_cond + ss_subj + ss_err)
    return AnovaResult(
        method="Repeated-measures ANOVA (one within-subject factor)",
        table=[
            AnovaRow("conditions", df_c, ss_cond, ms_c, F, p, eta_g, eta_p),
            AnovaRow("subjects", n - 1, ss_subj, ss_subj / (n - 1)),
            AnovaRow("residual", df_e, ss_err, ms_e),
        ],
        alpha=alpha,
        n={"subjects": n, "conditions": k},
        effect_size=EffectSize(
            "partial eta squared", eta_p, note=f"generalized eta^2 = {eta_g:.6g}"
        ),
        assumptions=assumptions,
        extra={"eps_gg": eps_gg, "eps_hf": eps_hf, "p_gg": p_gg, "p_hf": p_hf, "conditions": conds},
    )


__all__ = ["anova_oneway", "welch_anova", "anova_twoway", "anova_rm"]
