"""Contingency tables from label columns, and the stratified 2x2 (Cochran-Mantel-Haenszel) test.

>>> from havoc_tools.stats import crosstab
>>> crosstab(["a", "b", "a", "a"], ["x", "y", "y", "x"]).to_numpy().tolist()
[[2, 1], [0, 1]]
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from havoc_tools._validate import check_alpha, column
from havoc_tools.stats.results import Assumption, EffectSize, TestResult


def _labels(values: Any, name: str) -> Any:
    import pandas as pd

    s = pd.Series(
        np.asarray(values, dtype=object).ravel() if not hasattr(values, "iloc") else values
    )
    if len(s) == 0:
        raise ValueError(f"{name}: is empty")
    return s.reset_index(drop=True).rename(name)


def crosstab(a: Any, b: Any, *, names: tuple[str, str] = ("a", "b")) -> Any:
    """Counts of each (a, b) label pair as a DataFrame (rows: levels of ``a``, columns: levels of
    ``b``, both sorted). Rows with a missing label are left out; how many is in
    ``table.attrs["n_dropped"]``."""
    import pandas as pd

    sa, sb = _labels(a, names[0]), _labels(b, names[1])
    if len(sa) != len(sb):
        raise ValueError(
            f"{names[0]} and {names[1]} have different lengths ({len(sa)} and {len(sb)})"
        )
    keep = sa.notna() & sb.notna()
    sa, sb = sa[keep], sb[keep]
    for s, nm in ((sa, names[0]), (sb, names[1])):
        if s.nunique() < 2:
            raise ValueError(
                f"column {nm!r} needs at least 2 different labels to cross-tabulate, "
                f"got {s.nunique()}"
            )
    table = pd.crosstab(sa, sb)
    table.attrs["n_dropped"] = int((~keep).sum())
    return table


def _strata_tables(data: Any, a: str, b: str, strata: str) -> tuple[np.ndarray, list[str], dict]:
    import pandas as pd

    if not hasattr(data, "columns"):
        data = pd.DataFrame(data)
    frame = pd.DataFrame({k: column(data, k) for k in (a, b, strata)})
    n_all = len(frame)
    frame = frame.dropna()
    levels = {}
    for c in (a, b):
        lv = sorted(frame[c].unique().tolist(), key=str)
        if len(lv) != 2:
            raise ValueError(
                f"column {c!r} must have exactly 2 levels for a stratified 2x2 analysis, "
                f"got {len(lv)}: {lv[:6]}"
            )
        levels[c] = lv
    names, tables = [], []
    for s, grp in frame.groupby(strata, sort=True):
        t = pd.crosstab(grp[a], grp[b]).reindex(index=levels[a], columns=levels[b], fill_value=0)
        names.append(str(s))
        tables.append(t.to_numpy(dtype=float))
    info = {"rows": [str(v) for v in levels[a]], "columns": [str(v) for v in levels[b]]}
    info["n_dropped"] = n_all - len(frame)
    return np.array(tables), names, info


def _check_tables(tables: Any) -> np.ndarray:
    try:
        t = np.asarray(tables, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"tables: values must be counts ({exc})") from None
    if t.ndim != 3 or t.shape[1:] != (2, 2):
        raise ValueError(f"tables: expected K 2x2 tables (shape (K, 2, 2)), got shape {t.shape}")
    if t.shape[0] < 1 or not np.isfinite(t).all() or np.any(t < 0):
        raise ValueError("tables: counts must be finite and non-negative")
    return t


def _breslow_day(t: np.ndarray, odds: float) -> tuple[float, float, np.ndarray]:
    """Breslow-Day statistic (and Tarone's adjusted one): each stratum's a against the a it
    would have, margins fixed, if its odds ratio were the pooled one."""
    from scipy import optimize

    a, r1, c1 = t[:, 0, 0], t[:, 0, :].sum(axis=1), t[:, :, 0].sum(axis=1)
    n = t.sum(axis=(1, 2))
    fitted, var = np.empty(len(t)), np.zeros(len(t))
    for k in range(len(t)):
        lo, hi = max(0.0, r1[k] + c1[k] - n[k]), min(r1[k], c1[k])
        if hi <= lo:  # margins leave one possible table: no information
            fitted[k] = a[k]
            continue

        def gap(e: float, k: int = k) -> float:
            return e * (n[k] - r1[k] - c1[k] + e) - odds * (r1[k] - e) * (c1[k] - e)

        e = optimize.brentq(gap, lo, hi, xtol=1e-14, rtol=4 * np.finfo(float).eps)
        cells = np.array([e, r1[k] - e, c1[k] - e, n[k] - r1[k] - c1[k] + e])
        fitted[k] = e
        var[k] = 1.0 / np.sum(1.0 / cells) if np.all(cells > 0) else 0.0
    used = var > 0
    bd = float(np.sum((a[used] - fitted[used]) ** 2 / var[used]))
    tarone = bd - float(np.sum(a[used] - fitted[used]) ** 2 / np.sum(var[used]))
    return bd, tarone, used


def mantel_haenszel(
    tables: Any = None,
    a: str | None = None,
    b: str | None = None,
    strata: str | None = None,
    *,
    data: Any = None,
    correction: bool = True,
    alpha: float = 0.05,
) -> TestResult:
    """Cochran-Mantel-Haenszel test of conditional independence in K stratified 2x2 tables.

    Give ``tables`` (shape (K, 2, 2)), or a long table (first argument or ``data=``) with
    two-level label columns ``a`` (rows) and ``b`` (columns) and a ``strata`` column:
    ``mantel_haenszel(df, "treatment", "outcome", "site")``. Reports the Mantel-Haenszel
    pooled odds ratio with the Robins-Breslow-Greenland CI, the CMH chi-square with and without
    the continuity correction (``statistic`` is the one ``correction`` picks, as R's
    ``mantelhaen.test``), and the Breslow-Day test of homogeneous odds ratios (with Tarone's
    adjustment) among the assumptions.
    """
    from scipy import stats

    alpha = check_alpha(alpha)
    info: dict[str, Any] = {}
    if tables is not None and hasattr(tables, "columns"):
        data, tables = tables, None
    if tables is None:
        if data is None or a is None or b is None or strata is None:
            raise ValueError("give tables=, or data= with a=, b= and strata= column names")
        t, names, info = _strata_tables(data, a, b, strata)
    else:
        t = _check_tables(tables)
        names = [f"stratum{i + 1}" for i in range(len(t))]
    n = t.sum(axis=(1, 2))
    small = [nm for nm, nk in zip(names, n, strict=True) if nk < 2]
    if small:
        raise ValueError(f"every stratum needs at least 2 observations; too few in {small}")
    a11, b12, c21, d22 = t[:, 0, 0], t[:, 0, 1], t[:, 1, 0], t[:, 1, 1]
    r1, r2, c1, c2 = a11 + b12, c21 + d22, a11 + c21, b12 + d22
    var = r1 * r2 * c1 * c2 / (n**2 * (n - 1))
    if np.sum(var) <= 0:
        raise ValueError("every stratum has a zero row or column total; the test is undefined")
    delta = float(np.sum(a11 - r1 * c1 / n))
    chi2_plain = delta**2 / float(np.sum(var))
    yates = 0.5 if abs(delta) >= 0.5 else 0.0  # as R: never correct past zero
    chi2_cc = (abs(delta) - yates) ** 2 / float(np.sum(var))
    p_plain, p_cc = float(stats.chi2.sf(chi2_plain, 1)), float(stats.chi2.sf(chi2_cc, 1))
    R, S = a11 * d22 / n, b12 * c21 / n  # noqa: N806 - Robins-Breslow-Greenland notation
    P, Q = (a11 + d22) / n, (b12 + c21) / n  # noqa: N806
    sr, ss = float(np.sum(R)), float(np.sum(S))
    odds = sr / ss if ss > 0 else math.inf
    lo = hi = None
    if 0 < odds < math.inf:
        var_log = (
            np.sum(P * R) / (2 * sr**2)
            + np.sum(P * S + Q * R) / (2 * sr * ss)
            + np.sum(Q * S) / (2 * ss**2)
        )
        q = float(stats.norm.ppf(1 - alpha / 2))
        half = q * math.sqrt(float(var_log))
        lo, hi = math.exp(math.log(odds) - half), math.exp(math.log(odds) + half)
    homogeneity = Assumption(
        "homogeneous odds ratios", "Breslow-Day", None, None, None, "needs a finite pooled OR"
    )
    bd_extra: dict[str, Any] = {}
    if 0 < odds < math.inf and len(t) > 1:
        bd, tarone, used = _breslow_day(t, odds)
        df_bd = int(used.sum()) - 1
        if df_bd >= 1:
            p_bd, p_tar = float(stats.chi2.sf(bd, df_bd)), float(stats.chi2.sf(tarone, df_bd))
            homogeneity = Assumption(
                "homogeneous odds ratios",
                "Breslow-Day",
                bd,
                p_bd,
                bool(p_bd >= alpha),
                f"df = {df_bd}; Tarone-adjusted chi2 = {tarone:.4g}, p = {p_tar:.4g}",
            )
            bd_extra = {
                "breslow_day": bd,
                "breslow_day_p_value": p_bd,
                "breslow_day_df": df_bd,
                "breslow_day_tarone": tarone,
                "breslow_day_tarone_p_value": p_tar,
            }
    with np.errstate(divide="ignore", invalid="ignore"):
        per = np.where(b12 * c21 > 0, a11 * d22 / (b12 * c21), np.inf)
    per = np.where((a11 * d22 == 0) & (b12 * c21 == 0), np.nan, per)
    chi2, p = (chi2_cc, p_cc) if correction else (chi2_plain, p_plain)
    return TestResult(
        "Cochran-Mantel-Haenszel chi-square test"
        + (" with continuity correction" if correction and yates else "")
        + ", Mantel-Haenszel common odds ratio (Robins-Breslow-Greenland CI)",
        "CMH chi2",
        chi2,
        p,
        1.0,
        "two-sided",
        alpha,
        estimate_name="Mantel-Haenszel common odds ratio",
        estimate=odds,
        ci_low=lo,
        ci_high=hi,
        effect_size=EffectSize("common odds ratio (Mantel-Haenszel)", odds, lo, hi),
        n={**{nm: int(nk) for nm, nk in zip(names, n, strict=True)}, "total": int(n.sum())},
        assumptions=[homogeneity],
        extra={
            "chi2_corrected": chi2_cc,
            "p_value_corrected": p_cc,
            "chi2_uncorrected": chi2_plain,
            "p_value_uncorrected": p_plain,
            **bd_extra,
            "pooled_odds_ratio": odds,
            "strata": names,
            "stratum_odds_ratios": per.tolist(),
            "tables": t.tolist(),
            **info,
        },
    )
