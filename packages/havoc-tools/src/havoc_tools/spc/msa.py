"""Measurement systems analysis beyond the crossed Gage R&R (which lives in :mod:`.gage`).

* :func:`gage_type1` - Type 1 gage study: Cg, Cgk and the bias t-test on repeated measurements
  of one reference part (Minitab / Bosch convention: K = 20 % of the tolerance over a 6 s spread).
* :func:`gage_linearity` - gage linearity and bias (AIAG MSA 4th ed., ch. III section B): bias
  regressed on the reference value, linearity, %linearity and a t-test of the bias per reference.
* :func:`attribute_agreement` - attribute agreement analysis: within appraisers, each appraiser vs
  the standard, between appraisers and all appraisers vs the standard, as % matched with exact
  (Clopper-Pearson) intervals and Fleiss' kappa.
* :func:`cohen_kappa` - Cohen's kappa of two raters with its asymptotic interval.
* :func:`gage_nested` - nested Gage R&R (parts nested within operators, destructive testing).
"""

from __future__ import annotations

import dataclasses
import math
from numbers import Real
from typing import Any

import numpy as np

from .._result import ToolResult, fmt, fmt_p
from .._validate import as_1d, check_alpha, column
from ..stats.results import AnovaRow


def _positive(value: Any, name: str, fn: str) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(f"{fn}: {name} must be a number, got {value!r}")
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"{fn}: {name} must be positive, got {value}")
    return float(value)


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.2f}%"


def _p_is(p: float | None) -> str:
    text = fmt_p(p)
    return f"p {text}" if text.startswith("<") else f"p = {text}"


def _frame(data: Any, fn: str) -> Any:
    if not hasattr(data, "columns"):
        raise ValueError(f"{fn}: data must be a pandas DataFrame in long form (one row a reading)")
    return data


def _label_text(values: Any) -> np.ndarray:
    """Labels as text, numbers written the same however they were stored (1, 1.0 -> "1")."""
    out = []
    for v in np.asarray(values, dtype=object).ravel():
        if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool):
            out.append(f"{float(v):.15g}")
        else:
            out.append(str(v))
    return np.asarray(out, dtype=object)


def _labels(data: Any, name: str) -> np.ndarray:
    col = column(data, name)
    if col.isna().any():
        raise ValueError(f"column {name!r} has missing labels; drop those rows first")
    return _label_text(col.to_numpy())


# ---- Type 1 gage study ---------------------------------------------------------------------------


@dataclasses.dataclass
class Type1Gage(ToolResult):
    """A Type 1 gage study of ``n`` readings of one reference part."""

    n: int
    reference: float
    mean: float
    std: float
    bias: float
    t: float | None
    df: int
    p_value: float | None
    bias_ci: tuple[float, float] | None
    tolerance: float
    percent_tolerance: float  # K: the share of the tolerance the gage may use (20 %)
    study_var_multiplier: float  # L: the spread in standard deviations (6)
    study_var: float
    cg: float | None
    cgk: float | None
    pct_var_repeatability: float
    pct_var_repeatability_bias: float | None
    capable: bool | None
    limit: float  # Cg and Cgk must reach this (1.33)
    resolution: float | None
    resolution_ok: bool | None
    alpha: float
    values: list[float]
    verdict: str

    def summary(self) -> str:
        k, pct = self.study_var_multiplier, self.percent_tolerance
        ci = (
            f" ({100 * (1 - self.alpha):g}% CI {fmt(self.bias_ci[0])} to {fmt(self.bias_ci[1])})"
            if self.bias_ci
            else ""
        )
        lines = [
            f"Type 1 gage study: {self.n} readings of a reference part {fmt(self.reference)}",
            f"mean {fmt(self.mean)}, s {fmt(self.std)}, study var ({k:g} s) {fmt(self.study_var)},"
            f" tolerance {fmt(self.tolerance)}",
            f"bias {fmt(self.bias)}{ci}: t = {fmt(self.t)}, df = {self.df}, "
            f"p = {fmt_p(self.p_value)}",
            f"Cg = {fmt(self.cg)}, Cgk = {fmt(self.cgk)} (K = {pct:g}% of tolerance; both should "
            f"be >= {self.limit:g})",
            f"%Var(repeatability) = {_pct(self.pct_var_repeatability)}, %Var(repeatability and "
            f"bias) = {_pct(self.pct_var_repeatability_bias)}",
        ]
        if self.resolution is not None:
            state = "within" if self.resolution_ok else "more than"
            lines.append(f"resolution {fmt(self.resolution)}: {state} 5% of the tolerance")
        lines.append(self.verdict)
        return "\n".join(lines)


def gage_type1(
    values: Any,
    reference: float,
    *,
    tolerance: float | None = None,
    lsl: float | None = None,
    usl: float | None = None,
    percent_tolerance: float = 20.0,
    study_var_multiplier: float = 6.0,
    limit: float = 1.33,
    resolution: float | None = None,
    alpha: float = 0.05,
) -> Type1Gage:
    """Type 1 gage study (Minitab *Stat > Quality Tools > Gage Study > Type 1 Gage Study*).

    ``values``: repeated readings of one reference part whose true value is ``reference``; the
    tolerance is ``tolerance`` or ``usl - lsl``. With K = ``percent_tolerance`` and
    L = ``study_var_multiplier``:

    * Cg = (K/100 * Tol) / (L * s)
    * Cgk = (K/200 * Tol - |mean - reference|) / (L/2 * s)
    * %Var(repeatability) = K / Cg, %Var(repeatability and bias) = K / Cgk
    * bias = mean - reference with a one-sample t-test (df = n - 1).

    >>> x = [10.012, 9.995, 10.02, 10.004, 9.985, 10.011, 10.003, 9.992]
    >>> r = gage_type1(x, 10.0, tolerance=0.5)
    >>> round(r.cg, 2), round(r.cgk, 2), r.capable
    (1.44, 1.36, True)
    """
    from scipy import stats

    fn = "gage_type1"
    x = as_1d(values, f"{fn}: values", min_n=2)
    if isinstance(reference, bool) or not isinstance(reference, Real):
        raise ValueError(f"{fn}: reference must be a number, got {reference!r}")
    if not math.isfinite(reference):
        raise ValueError(f"{fn}: reference must be finite, got {reference}")
    alpha = check_alpha(alpha)
    if tolerance is None:
        if lsl is None or usl is None:
            raise ValueError(f"{fn}: give tolerance=, or both lsl= and usl=")
        for name, v in (("lsl", lsl), ("usl", usl)):
            if isinstance(v, bool) or not isinstance(v, Real) or not math.isfinite(v):
                raise ValueError(f"{fn}: {name} must be a finite number, got {v!r}")
        if not usl > lsl:
            raise ValueError(f"{fn}: usl ({usl}) must be above lsl ({lsl})")
        tolerance = float(usl) - float(lsl)
    elif lsl is not None or usl is not None:
        raise ValueError(f"{fn}: give tolerance= or lsl=/usl=, not both")
    tol = _positive(tolerance, "tolerance", fn)
    pct = _positive(percent_tolerance, "percent_tolerance", fn)
    if pct >= 100:
        raise ValueError(f"{fn}: percent_tolerance is a percent below 100, got {pct}")
    mult = _positive(study_var_multiplier, "study_var_multiplier", fn)
    limit = _positive(limit, "limit", fn)
    if resolution is not None:
        resolution = _positive(resolution, "resolution", fn)
    n = int(x.size)
    mean = float(x.mean())
    s = float(x.std(ddof=1))
    bias = mean - float(reference)
    df = n - 1
    if s > 0:
        se = s / math.sqrt(n)
        t = bias / se
        p = float(2 * stats.t.sf(abs(t), df))
        half = float(stats.t.ppf(1 - alpha / 2, df)) * se
        ci: tuple[float, float] | None = (bias - half, bias + half)
        cg: float | None = (pct / 100 * tol) / (mult * s)
        cgk: float | None = (pct / 200 * tol - abs(bias)) / (mult / 2 * s)
        pct_rep = 100 * mult * s / tol  # = K / Cg
        pct_rep_bias = pct / cgk if cgk and cgk > 0 else None
    else:  # every reading identical: no spread to judge, so Cg and Cgk are undefined
        t = p = cg = cgk = pct_rep_bias = None
        ci = None
        pct_rep = 0.0
    capable = None if cg is None or cgk is None else bool(cg >= limit and cgk >= limit)
    if capable is None:
        verdict = "all readings are identical: Cg and Cgk are undefined (check the resolution)"
    elif capable:
        verdict = f"capable: Cg and Cgk >= {limit:g}"
    else:
        weak = "Cg" if cg is not None and cg < limit else "Cgk"
        verdict = f"not capable: {weak} < {limit:g}"
    return Type1Gage(
        n=n,
        reference=float(reference),
        mean=mean,
        std=s,
        bias=bias,
        t=t,
        df=df,
        p_value=p,
        bias_ci=ci,
        tolerance=tol,
        percent_tolerance=pct,
        study_var_multiplier=mult,
        study_var=mult * s,
        cg=cg,
        cgk=cgk,
        pct_var_repeatability=pct_rep,
        pct_var_repeatability_bias=pct_rep_bias,
        capable=capable,
        limit=limit,
        resolution=resolution,
        resolution_ok=None if resolution is None else bool(resolution <= 0.05 * tol),
        alpha=alpha,
        values=[float(v) for v in x],
        verdict=verdict,
    )


# ---- gage linearity and bias -----------------------------------------------------------------


def d2_star(m: int, g: int = 1) -> tuple[float, float]:
    """AIAG's d2* and its degrees of freedom for the average range of ``g`` subgroups of size
    ``m`` (MSA Appendix C): R-bar / d2* estimates sigma and is treated as sigma * chi_nu /
    sqrt(nu) (Patnaik's approximation), matching the mean d2 and variance d3^2 / g of the range.

    >>> [round(v, 4) for v in d2_star(2, 1)]
    [1.4142, 1.0]
    """
    from scipy import optimize, special

    from .constants import d2, d3

    if not (isinstance(m, (int, np.integer)) and 2 <= m <= 100):
        raise ValueError(f"d2_star: subgroup size m must be a whole number from 2 to 100, got {m}")
    if not (isinstance(g, (int, np.integer)) and g >= 1):
        raise ValueError(f"d2_star: the number of subgroups g must be a whole number >= 1, got {g}")

    def e(nu: float) -> float:  # E[chi_nu / sqrt(nu)]
        return math.exp(
            0.5 * math.log(2 / nu) + special.gammaln((nu + 1) / 2) - special.gammaln(nu / 2)
        )

    ratio = d3(int(m)) ** 2 / g / d2(int(m)) ** 2
    nu = float(optimize.brentq(lambda v: (1 - e(v) ** 2) / e(v) ** 2 - ratio, 0.01, 1e9))
    return d2(int(m)) / e(nu), nu


@dataclasses.dataclass
class BiasRow:
    """The bias at one reference value (or averaged over all: ``reference`` None)."""

    reference: float | None
    n: int
    bias: float
    std: float
    t: float | None
    df: float  # d2*'s degrees of freedom with the range method
    p_value: float | None
    pct_bias: float | None


@dataclasses.dataclass
class GageLinearity(ToolResult):
    n: int
    n_references: int
    method: str  # how the bias tests estimate repeatability: range (Minitab) or stdev (AIAG)
    intercept: float
    slope: float
    se_intercept: float
    se_slope: float
    t_intercept: float
    t_slope: float
    p_intercept: float
    p_slope: float
    s: float
    r_squared: float
    df_resid: int
    linearity: float | None
    pct_linearity: float
    process_variation: float | None
    average: BiasRow
    biases: list[BiasRow]
    mean_reference: float  # x-bar and Sxx of the regression, for the confidence band
    sxx: float
    alpha: float
    reference_values: list[float]  # one (reference, bias) point per reading, for the plot
    bias_values: list[float]
    verdict: str

    def band(self, x0: Any) -> tuple[np.ndarray, np.ndarray]:
        """The (1 - alpha) confidence band of the fitted bias line at ``x0`` (AIAG)."""
        from scipy import stats

        x0 = np.asarray(x0, dtype=float)
        t = stats.t.ppf(1 - self.alpha / 2, self.df_resid)
        half = t * self.s * np.sqrt(1 / self.n + (x0 - self.mean_reference) ** 2 / self.sxx)
        fit = self.intercept + self.slope * x0
        return fit - half, fit + half

    def summary(self) -> str:
        lines = [
            f"Gage linearity and bias: {self.n} readings of {self.n_references} reference values "
            f"(bias tests: repeatability by {self.method})",
            f"bias = {fmt(self.intercept)} {'-' if self.slope < 0 else '+'} {fmt(abs(self.slope))}"
            " * reference  "
            f"(S = {fmt(self.s)}, R-sq = {100 * self.r_squared:.1f}%)",
            f"{'term':<10}{'coef':>11}{'SE':>11}{'t':>9}{'p':>10}",
            f"{'constant':<10}{fmt(self.intercept):>11}{fmt(self.se_intercept):>11}"
            f"{fmt(self.t_intercept):>9}{fmt_p(self.p_intercept):>10}",
            f"{'slope':<10}{fmt(self.slope):>11}{fmt(self.se_slope):>11}"
            f"{fmt(self.t_slope):>9}{fmt_p(self.p_slope):>10}",
            f"%linearity = {self.pct_linearity:.2f}%"
            + (
                f", linearity = {fmt(self.linearity)} (process variation "
                f"{fmt(self.process_variation)})"
                if self.linearity is not None
                else ""
            ),
            f"{'reference':<10}{'n':>4}{'bias':>11}{'s':>10}{'t':>9}{'p':>10}"
            + ("%bias".rjust(8) if self.process_variation else ""),
        ]
        for r in (self.average, *self.biases):
            label = "average" if r.reference is None else fmt(r.reference)
            pb = f"{r.pct_bias:>8.2f}" if r.pct_bias is not None else ""
            lines.append(
                f"{label:<10}{r.n:>4}{fmt(r.bias):>11}{fmt(r.std):>10}{fmt(r.t):>9}"
                f"{fmt_p(r.p_value):>10}{pb}"
            )
        lines.append(self.verdict)
        return "\n".join(lines)


def gage_linearity(
    data: Any,
    reference: str = "reference",
    measurement: str = "measurement",
    *,
    part: str | None = None,
    process_variation: float | None = None,
    method: str = "range",
    alpha: float = 0.05,
) -> GageLinearity:
    """Gage linearity and bias study (AIAG MSA 4th ed., ch. III-B; Minitab *Gage Linearity and
    Bias Study*).

    ``data``: long form, one row per reading, with the ``reference`` value of the part measured
    and the ``measurement``; ``part`` (optional) names the parts, each of which must have one
    reference value. The bias of every reading (measurement - reference) is regressed on the
    reference value by least squares over all readings (AIAG); %linearity = 100 |slope| and, given
    the ``process_variation`` (6 sigma of the process, or the tolerance), linearity =
    |slope| * process variation and %bias = 100 |bias| / process variation.

    The bias t-tests estimate the repeatability standard deviation by ``method``:

    * ``"range"`` (Minitab's default): sigma = R-bar / d2* of the part ranges at a reference
      (all parts for the average bias), with the degrees of freedom of d2* (AIAG Appendix C,
      see :func:`d2_star`); needs the same number of readings of every part;
    * ``"stdev"`` (AIAG 4th ed.): the sample standard deviation at each reference (df = m - 1)
      and the pooled within-reference standard deviation for the average (df = n - g).
    """
    from scipy import stats

    fn = "gage_linearity"
    data = _frame(data, fn)
    alpha = check_alpha(alpha)
    y = as_1d(column(data, measurement), f"measurement column {measurement!r}", min_n=3)
    ref = as_1d(column(data, reference), f"reference column {reference!r}", min_n=3)
    if process_variation is not None:
        process_variation = _positive(process_variation, "process_variation", fn)
    if method not in ("range", "stdev"):
        raise ValueError(f"{fn}: method must be 'range' or 'stdev', got {method!r}")
    parts = _labels(data, part) if part is not None else _label_text(ref)
    if part is not None:
        for p_id in sorted(set(parts)):
            refs = set(ref[parts == p_id].tolist())
            if len(refs) > 1:
                raise ValueError(
                    f"{fn}: part {p_id!r} has more than one reference value "
                    f"({', '.join(f'{r:g}' for r in sorted(refs))}); a part has one true value"
                )
    levels = sorted(set(ref.tolist()))
    if len(levels) < 2:
        raise ValueError(f"{fn}: needs at least 2 different reference values, got {len(levels)}")
    bias = y - ref
    n, g = int(y.size), len(levels)
    if n - g < 1:
        raise ValueError(f"{fn}: needs repeated readings of the reference parts (n > {g})")
    xbar = float(ref.mean())
    sxx = float(((ref - xbar) ** 2).sum())
    slope = float(((ref - xbar) * (bias - bias.mean())).sum() / sxx)
    intercept = float(bias.mean() - slope * xbar)
    resid = bias - intercept - slope * ref
    df_resid = n - 2
    sse = float((resid**2).sum())
    s = math.sqrt(sse / df_resid)
    syy = float(((bias - bias.mean()) ** 2).sum())
    r2 = 1 - sse / syy if syy > 0 else 1.0
    if s == 0:
        raise ValueError(f"{fn}: the bias lies exactly on a line (no scatter); nothing to test")
    se_slope = s / math.sqrt(sxx)
    se_int = s * math.sqrt(1 / n + xbar**2 / sxx)
    t_slope, t_int = slope / se_slope, intercept / se_int
    p_slope = float(2 * stats.t.sf(abs(t_slope), df_resid))
    p_int = float(2 * stats.t.sf(abs(t_int), df_resid))

    def pct_of_pv(b: float) -> float | None:
        return None if process_variation is None else 100 * abs(b) / process_variation

    def test(b_mean: float, sd: float, n_b: int, df: float) -> tuple[float | None, float | None]:
        if sd > 0 and df > 0:
            t = b_mean / (sd / math.sqrt(n_b))
            return float(t), float(2 * stats.t.sf(abs(t), df))
        return None, None

    ranges: dict[float, list[float]] = {lv: [] for lv in levels}
    sizes = set()
    for p_id in dict.fromkeys(parts):
        b = bias[parts == p_id]
        ranges[float(ref[parts == p_id][0])].append(float(b.max() - b.min()))
        sizes.add(int(b.size))
    if method == "range" and (len(sizes) != 1 or min(sizes) < 2):
        raise ValueError(
            f"{fn}: method='range' needs the same number (>= 2) of readings of every part; "
            f"counts found: {sorted(sizes)} (use method='stdev')"
        )
    rows, ss_within = [], 0.0
    for lv in levels:
        b = bias[ref == lv]
        m = int(b.size)
        ss_within += float(((b - b.mean()) ** 2).sum())
        if method == "range":
            ds, df = d2_star(sizes.copy().pop(), len(ranges[lv]))
            sd = float(np.mean(ranges[lv])) / ds
        else:
            sd, df = (float(b.std(ddof=1)) if m > 1 else 0.0), m - 1
        t, p = test(float(b.mean()), sd, m, df)
        rows.append(BiasRow(float(lv), m, float(b.mean()), sd, t, df, p, pct_of_pv(b.mean())))
    avg = float(bias.mean())
    if method == "range":
        all_ranges = [r for rs in ranges.values() for r in rs]
        ds, df_avg = d2_star(sizes.pop(), len(all_ranges))
        s_avg = float(np.mean(all_ranges)) / ds
    else:
        s_avg, df_avg = math.sqrt(ss_within / (n - g)), n - g
    t_avg, p_avg = test(avg, s_avg, n, df_avg)
    average = BiasRow(None, n, avg, s_avg, t_avg, df_avg, p_avg, pct_of_pv(avg))
    linear = p_slope < alpha
    biased = [r.reference for r in rows if r.p_value is not None and r.p_value < alpha]
    verdict = (
        f"linearity present: the slope differs from 0 ({_p_is(p_slope)}, alpha {alpha:g})"
        if linear
        else f"no evidence of linearity (slope {_p_is(p_slope)}, alpha {alpha:g})"
    )
    if biased:
        verdict += "; significant bias at reference " + ", ".join(fmt(b) for b in biased)
    return GageLinearity(
        n=n,
        n_references=g,
        method=method,
        intercept=intercept,
        slope=slope,
        se_intercept=se_int,
        se_slope=se_slope,
        t_intercept=t_int,
        t_slope=t_slope,
        p_intercept=p_int,
        p_slope=p_slope,
        s=s,
        r_squared=r2,
        df_resid=df_resid,
        linearity=None if process_variation is None else abs(slope) * process_variation,
        pct_linearity=100 * abs(slope),
        process_variation=process_variation,
        average=average,
        biases=rows,
        mean_reference=xbar,
        sxx=sxx,
        alpha=alpha,
        reference_values=[float(v) for v in ref],
        bias_values=[float(v) for v in bias],
        verdict=verdict,
    )


# ---- attribute agreement -----------------------------------------------------------------------


@dataclasses.dataclass
class KappaStat:
    """Fleiss' kappa with its standard error under kappa = 0 (Fleiss, Nee & Landis 1979) and
    the one-sided p-value of kappa > 0, overall and per response category."""

    kappa: float | None
    se: float | None
    z: float | None
    p_value: float | None
    by_category: dict[str, float | None]
    category_se: float  # the same for every category under H0: sqrt(2 / (N m (m - 1)))


@dataclasses.dataclass
class AgreementRow:
    label: str
    inspected: int
    matched: int
    percent: float
    ci_low: float
    ci_high: float
    kappa: KappaStat | None


def _exact_ci(matched: int, n: int, confidence: float) -> tuple[float, float]:
    """Clopper-Pearson interval for matched / n, in percent, as Minitab reports it: when every
    item (or none) matched, the one bound that exists takes the whole alpha (15/15 -> 81.90)."""
    from scipy import stats

    alpha = 1 - confidence
    if matched == n:
        return 100 * alpha ** (1 / n), 100.0
    if matched == 0:
        return 0.0, 100 * (1 - alpha ** (1 / n))
    ci = stats.binomtest(matched, n).proportion_ci(confidence_level=confidence, method="exact")
    return 100 * float(ci.low), 100 * float(ci.high)


def fleiss_kappa(counts: Any, categories: list[str] | None = None) -> KappaStat:
    """Fleiss' kappa of a subjects x categories table of counts (every row sums to the same
    number of ratings m >= 2), with per-category kappas and the standard errors under H0."""
    from scipy import stats

    x = np.asarray(counts, dtype=float)
    if x.ndim != 2 or x.shape[0] < 1:
        raise ValueError("fleiss_kappa: counts must be a subjects x categories table")
    m_set = set(x.sum(axis=1).tolist())
    if len(m_set) != 1:
        raise ValueError("fleiss_kappa: every subject needs the same number of ratings")
    m = m_set.pop()
    if m < 2:
        raise ValueError("fleiss_kappa: needs at least 2 ratings per subject")
    n_sub, k = x.shape
    cats = categories or [str(j) for j in range(k)]
    p = x.sum(axis=0) / (n_sub * m)
    q = 1 - p
    p_i = ((x**2).sum(axis=1) - m) / (m * (m - 1))
    pe = float((p**2).sum())
    by_cat: dict[str, float | None] = {}
    for j, c in enumerate(cats):
        if p[j] * q[j] > 0:
            disagree = float((x[:, j] * (m - x[:, j])).sum())
            by_cat[c] = 1 - disagree / (n_sub * m * (m - 1) * p[j] * q[j])
        else:
            by_cat[c] = None
    se_cat = math.sqrt(2 / (n_sub * m * (m - 1)))
    if pe >= 1:  # one category used throughout: chance agreement is certain, kappa undefined
        return KappaStat(None, None, None, None, by_cat, se_cat)
    kappa = float((p_i.mean() - pe) / (1 - pe))
    spq = float((p * q).sum())
    var = (spq**2 - float((p * q * (q - p)).sum())) * 2 / (n_sub * m * (m - 1) * spq**2)
    se = math.sqrt(var) if var > 0 else None
    z = kappa / se if se else None
    pv = float(stats.norm.sf(z)) if z is not None else None
    return KappaStat(kappa, se, z, pv, by_cat, se_cat)


def _counts(ratings: np.ndarray, cats: list[str]) -> np.ndarray:
    """Rows of ratings (subjects x raters, labels) as a subjects x categories table of counts."""
    return np.stack([(ratings == c).sum(axis=1) for c in cats], axis=1)


@dataclasses.dataclass
class AttributeAgreement(ToolResult):
    n_samples: int
    n_appraisers: int
    n_trials: int
    categories: list[str]
    confidence: float
    within: list[AgreementRow]  # empty with one trial
    vs_standard: list[AgreementRow]  # empty without a standard
    between: AgreementRow | None  # None with one appraiser
    all_vs_standard: AgreementRow | None  # None with one appraiser or without a standard

    def summary(self) -> str:
        lines = [
            f"Attribute agreement: {self.n_samples} samples x {self.n_appraisers} appraisers x "
            f"{self.n_trials} trials; categories {', '.join(self.categories)}"
        ]
        ci = f"{100 * self.confidence:g}% CI"

        def block(title: str, rows: list[AgreementRow]) -> None:
            lines.append(title)
            lines.append(
                f"  {'':<14}{'inspected':>10}{'matched':>9}{'percent':>9}  {ci:<18}{'kappa':>8}"
                f"{'p(>0)':>9}"
            )
            for r in rows:
                k = r.kappa
                lines.append(
                    f"  {r.label:<14}{r.inspected:>10}{r.matched:>9}{r.percent:>9.2f}  "
                    f"{f'({r.ci_low:.2f}, {r.ci_high:.2f})':<18}"
                    f"{fmt(k.kappa if k else None):>8}{fmt_p(k.p_value if k else None):>9}"
                )

        if self.within:
            block("Within appraisers (all trials agree)", self.within)
        if self.vs_standard:
            block(
                "Each appraiser vs standard (all trials agree with the standard)", self.vs_standard
            )
        if self.between is not None:
            block("Between appraisers (all ratings agree)", [self.between])
        if self.all_vs_standard is not None:
            block("All appraisers vs standard", [self.all_vs_standard])
        return "\n".join(lines)


def attribute_agreement(
    data: Any,
    rating: str = "rating",
    sample: str = "sample",
    appraiser: str = "appraiser",
    *,
    standard: str | None = None,
    confidence: float = 0.95,
) -> AttributeAgreement:
    """Attribute agreement analysis (Minitab *Stat > Quality Tools > Attribute Agreement
    Analysis*; AIAG MSA 4th ed. ch. III-C).

    ``data``: long form, one row per rating, with the ``rating`` (a label), the ``sample`` rated
    and the ``appraiser``; repeated rows of the same appraiser and sample are the trials, in
    order. ``standard`` (optional) names a column with each sample's known rating. Every appraiser
    rates every sample the same number of times.

    Percent matched (with an exact Clopper-Pearson interval, one-sided when all or none matched,
    as Minitab):

    * within appraiser: samples whose trials all agree;
    * each appraiser vs standard: samples where all the appraiser's trials equal the standard;
    * between appraisers: samples where every rating agrees;
    * all appraisers vs standard: samples where every rating equals the standard.

    Fleiss' kappa: within an appraiser, trials are the raters of each sample; between
    appraisers, every appraiser-trial is a rater; against the standard, every rating is paired
    with the standard (two raters of each sample-trial).
    """
    fn = "attribute_agreement"
    data = _frame(data, fn)
    if isinstance(confidence, bool) or not (isinstance(confidence, Real) and 0 < confidence < 1):
        raise ValueError(f"{fn}: confidence must be between 0 and 1, got {confidence!r}")
    r_col = _labels(data, rating)
    s_col = _labels(data, sample)
    a_col = _labels(data, appraiser)
    samples = sorted(set(s_col), key=_natural)
    appraisers = list(dict.fromkeys(a_col))
    if len(samples) < 2:
        raise ValueError(f"{fn}: needs at least 2 samples, got {len(samples)}")
    cells: dict[tuple[str, str], list[str]] = {}
    for a, s, r in zip(a_col, s_col, r_col, strict=True):
        cells.setdefault((a, s), []).append(r)
    counts = {len(cells.get((a, s), [])) for a in appraisers for s in samples}
    if len(counts) != 1 or 0 in counts:
        raise ValueError(
            f"{fn}: every appraiser must rate every sample the same number of times; "
            f"trial counts found: {sorted(counts)}"
        )
    trials = counts.pop()
    if len(appraisers) == 1 and trials == 1 and standard is None:
        raise ValueError(
            f"{fn}: one appraiser rating each sample once, with no standard, has nothing to "
            "agree with; add trials, appraisers or standard="
        )
    # ratings[a, s, t]
    ratings = np.array([[cells[(a, s)] for s in samples] for a in appraisers], dtype=object)
    std: np.ndarray | None = None
    if standard is not None:
        st_col = _labels(data, standard)
        per: dict[str, set[str]] = {}
        for s, v in zip(s_col, st_col, strict=True):
            per.setdefault(s, set()).add(v)
        bad = [s for s, v in per.items() if len(v) > 1]
        if bad:
            raise ValueError(f"{fn}: sample {bad[0]!r} has more than one standard rating")
        std = np.array([next(iter(per[s])) for s in samples], dtype=object)
    cats = sorted(set(r_col) | (set(std.tolist()) if std is not None else set()), key=_natural)
    n_s = len(samples)

    def row(label: str, matched: np.ndarray, kappa: KappaStat | None) -> AgreementRow:
        k = int(matched.sum())
        lo, hi = _exact_ci(k, n_s, confidence)
        return AgreementRow(label, n_s, k, 100 * k / n_s, lo, hi, kappa)

    def vs_std_kappa(r: np.ndarray) -> KappaStat:
        # r: samples x raters; each rating is paired with the standard
        flat = r.reshape(-1)
        pairs = np.stack([flat, np.repeat(std, r.shape[1])], axis=1)
        return fleiss_kappa(_counts(pairs, cats), cats)

    within, vs = [], []
    for i, a in enumerate(appraisers):
        r = ratings[i]  # samples x trials
        if trials > 1:
            same = np.all(r == r[:, :1], axis=1)
            within.append(row(a, same, fleiss_kappa(_counts(r, cats), cats)))
        if std is not None:
            ok = np.all(r == std[:, None], axis=1)
            vs.append(row(a, ok, vs_std_kappa(r)))
    everyone = np.transpose(ratings, (1, 0, 2)).reshape(n_s, -1)  # samples x (appraiser, trial)
    between = all_vs = None
    if len(appraisers) > 1:
        kappa = fleiss_kappa(_counts(everyone, cats), cats)
        between = row("all", np.all(everyone == everyone[:, :1], axis=1), kappa)
    if std is not None and len(appraisers) > 1:
        all_vs = row("all", np.all(everyone == std[:, None], axis=1), vs_std_kappa(everyone))
    return AttributeAgreement(
        n_samples=n_s,
        n_appraisers=len(appraisers),
        n_trials=trials,
        categories=cats,
        confidence=float(confidence),
        within=within,
        vs_standard=vs,
        between=between,
        all_vs_standard=all_vs,
    )


def _natural(label: str) -> tuple[int, float, str]:
    """Sort numeric labels by value, the rest alphabetically after them."""
    try:
        return (0, float(label), "")
    except ValueError:
        return (1, 0.0, label)


@dataclasses.dataclass
class CohenKappa(ToolResult):
    n: int
    categories: list[str]
    table: list[list[int]]  # rows: rater 1, columns: rater 2
    agreement: float  # observed proportion of agreement
    agreement_ci: tuple[float, float]  # exact (Clopper-Pearson)
    expected: float  # chance agreement
    kappa: float | None
    se: float | None  # asymptotic standard error (Fleiss, Cohen & Everitt 1969)
    ci: tuple[float, float] | None
    se0: float | None  # standard error under kappa = 0
    z: float | None
    p_value: float | None  # one-sided, kappa > 0 (as Minitab reports it)
    confidence: float
    raters: tuple[str, str]

    def summary(self) -> str:
        c = f"{100 * self.confidence:g}%"
        lines = [
            f"Cohen's kappa: {self.raters[0]} vs {self.raters[1]}, {self.n} items, "
            f"categories {', '.join(self.categories)}",
            f"agreement {100 * self.agreement:.2f}% ({c} exact CI {100 * self.agreement_ci[0]:.2f}"
            f" to {100 * self.agreement_ci[1]:.2f}%), chance {100 * self.expected:.2f}%",
        ]
        if self.kappa is None:
            lines.append("kappa undefined: both raters used one category throughout")
        else:
            ci = f" ({c} CI {fmt(self.ci[0])} to {fmt(self.ci[1])})" if self.ci else ""
            lines.append(
                f"kappa = {fmt(self.kappa)}{ci}, SE {fmt(self.se)}; z = {fmt(self.z)}, "
                f"p(kappa > 0) = {fmt_p(self.p_value)}"
            )
        return "\n".join(lines)


def cohen_kappa(
    rater1: Any,
    rater2: Any,
    *,
    confidence: float = 0.95,
    names: tuple[str, str] = ("rater 1", "rater 2"),
) -> CohenKappa:
    """Cohen's kappa of two raters' labels of the same items, with the asymptotic standard error
    of Fleiss, Cohen & Everitt (1969) for the interval and the null standard error for the test.

    >>> round(cohen_kappa(["a", "a", "b", "b"], ["a", "b", "b", "b"]).kappa, 3)
    0.5
    """
    from scipy import stats

    fn = "cohen_kappa"
    a = _label_text(list(rater1))
    b = _label_text(list(rater2))
    if a.size != b.size:
        raise ValueError(f"{fn}: the raters rated different numbers of items ({a.size}, {b.size})")
    if a.size < 2:
        raise ValueError(f"{fn}: needs at least 2 rated items, got {a.size}")
    if isinstance(confidence, bool) or not (isinstance(confidence, Real) and 0 < confidence < 1):
        raise ValueError(f"{fn}: confidence must be between 0 and 1, got {confidence!r}")
    cats = sorted(set(a) | set(b), key=_natural)
    idx = {c: i for i, c in enumerate(cats)}
    k, n = len(cats), int(a.size)
    table = np.zeros((k, k), dtype=int)
    for u, v in zip(a, b, strict=True):
        table[idx[u], idx[v]] += 1
    p = table / n
    rows, cols = p.sum(axis=1), p.sum(axis=0)
    po = float(np.trace(p))
    pe = float((rows * cols).sum())
    matched = int(np.trace(table))
    ci_lo, ci_hi = _exact_ci(matched, n, confidence)
    kappa = se = se0 = z = pv = None
    ci = None
    if pe < 1:
        kappa = (po - pe) / (1 - pe)
        # Fleiss, Cohen & Everitt (1969): large-sample variance of kappa
        diag = sum(p[i, i] * (1 - (rows[i] + cols[i]) * (1 - kappa)) ** 2 for i in range(k))
        off = sum(p[i, j] * (cols[i] + rows[j]) ** 2 for i in range(k) for j in range(k) if i != j)
        var = (diag + (1 - kappa) ** 2 * off - (kappa - pe * (1 - kappa)) ** 2) / (
            n * (1 - pe) ** 2
        )
        se = math.sqrt(max(var, 0.0))
        zc = float(stats.norm.ppf(0.5 + confidence / 2))
        ci = (kappa - zc * se, kappa + zc * se)
        var0 = (pe + pe**2 - float((rows * cols * (rows + cols)).sum())) / (n * (1 - pe) ** 2)
        se0 = math.sqrt(var0) if var0 > 0 else None
        z = kappa / se0 if se0 else None
        pv = float(stats.norm.sf(z)) if z is not None else None
    return CohenKappa(
        n=n,
        categories=cats,
        table=table.tolist(),
        agreement=po,
        agreement_ci=(ci_lo / 100, ci_hi / 100),
        expected=pe,
        kappa=kappa,
        se=se,
        ci=ci,
        se0=se0,
        z=z,
        p_value=pv,
        confidence=float(confidence),
        raters=(str(names[0]), str(names[1])),
    )


# ---- nested Gage R&R ---------------------------------------------------------------------------


@dataclasses.dataclass
class NestedGageRR(ToolResult):
    method: str
    n_operators: int
    n_parts_per_operator: int
    n_replicates: int
    anova: list[AnovaRow]
    variance_components: dict[str, float]
    std_dev: dict[str, float]
    study_var: dict[str, float]
    pct_contribution: dict[str, float]
    pct_study_var: dict[str, float]
    pct_tolerance: dict[str, float] | None
    tolerance: float | None
    k: float
    ndc: int
    verdict: str

    def summary(self) -> str:
        lines = [
            f"Gage R&R ({self.method}): {self.n_operators} operators x "
            f"{self.n_parts_per_operator} parts each x {self.n_replicates} replicates",
            f"{'source':<22}{'df':>4}{'SS':>12}{'MS':>12}{'F':>10}{'p':>10}",
        ]
        for r in self.anova:
            lines.append(
                f"{r.source:<22}{r.df:>4g}{fmt(r.sum_sq):>12}{fmt(r.mean_sq):>12}"
                f"{fmt(r.F):>10}{fmt_p(r.p_value):>10}"
            )
        lines.append(
            f"{'component':<22}{'VarComp':>12}{'%Contrib':>10}{'StdDev':>10}{'%StudyVar':>11}"
            + ("%Tol".rjust(9) if self.pct_tolerance else "")
        )
        for key in self.variance_components:
            tol = f"{self.pct_tolerance[key]:>9.2f}" if self.pct_tolerance else ""
            lines.append(
                f"{key:<22}{fmt(self.variance_components[key]):>12}"
                f"{self.pct_contribution[key]:>10.2f}{fmt(self.std_dev[key]):>10}"
                f"{self.pct_study_var[key]:>11.2f}{tol}"
            )
        lines.append(f"number of distinct categories = {self.ndc}; {self.verdict}")
        return "\n".join(lines)


def gage_nested(
    data: Any,
    part: str = "part",
    operator: str = "operator",
    measurement: str = "measurement",
    *,
    tolerance: float | None = None,
    k: float = 6.0,
) -> NestedGageRR:
    """Nested Gage R&R (Minitab *Gage R&R Study (Nested)*): each operator measures parts of
    their own (destructive tests measure "identical" parts from one batch), so parts are nested
    within operators. A part label is read within its operator: part 1 of operator A and part 1
    of operator B are different parts.

    Balanced data: every operator has the same number of parts, every part the same number
    (>= 2) of readings. Nested ANOVA: F(operator) = MS_O / MS_P(O), F(part) = MS_P(O) / MS_E;
    variance components repeatability = MS_E, part-to-part = (MS_P(O) - MS_E) / r,
    reproducibility = (MS_O - MS_P(O)) / (b r) (negative estimates set to 0). %contribution,
    %study var (``k`` sd's), %tolerance and ndc = floor(1.41 sd_part / sd_GRR) as the crossed
    study.
    """
    from scipy import stats

    fn = "gage_nested"
    data = _frame(data, fn)
    y = as_1d(column(data, measurement), f"measurement column {measurement!r}", min_n=4)
    parts = _labels(data, part)
    ops = _labels(data, operator)
    k = _positive(k, "k", fn)
    if tolerance is not None:
        tolerance = _positive(tolerance, "tolerance", fn)
    op_ids = sorted(set(ops), key=_natural)
    o = len(op_ids)
    if o < 2:
        raise ValueError(f"{fn}: needs at least 2 operators, got {o}")
    cells: dict[str, dict[str, list[float]]] = {op: {} for op in op_ids}
    for p_id, op, v in zip(parts, ops, y, strict=True):
        cells[op].setdefault(p_id, []).append(float(v))
    n_parts = {op: len(cells[op]) for op in op_ids}
    if len(set(n_parts.values())) != 1:
        desc = ", ".join(f"{op}: {c}" for op, c in n_parts.items())
        raise ValueError(f"{fn}: every operator needs the same number of parts ({desc})")
    b = n_parts[op_ids[0]]
    if b < 2:
        raise ValueError(f"{fn}: every operator needs at least 2 parts")
    reps = {len(v) for op in op_ids for v in cells[op].values()}
    if len(reps) != 1:
        raise ValueError(
            f"{fn}: every part needs the same number of readings; counts found: {sorted(reps)}"
        )
    r = reps.pop()
    if r < 2:
        raise ValueError(f"{fn}: every part needs at least 2 readings (replicates)")
    Y = np.array([[cells[op][p] for p in sorted(cells[op], key=_natural)] for op in op_ids])
    grand = Y.mean()
    mo = Y.mean(axis=(1, 2))
    mp = Y.mean(axis=2)
    ss_o = b * r * float(((mo - grand) ** 2).sum())
    ss_p = r * float(((mp - mo[:, None]) ** 2).sum())
    ss_e = float(((Y - mp[:, :, None]) ** 2).sum())
    ss_t = float(((Y - grand) ** 2).sum())
    df_o, df_p, df_e = o - 1, o * (b - 1), o * b * (r - 1)
    ms_o, ms_p, ms_e = ss_o / df_o, ss_p / df_p, ss_e / df_e
    if ms_e == 0:
        raise ValueError(f"{fn}: repeatability is zero (identical replicates); nothing to analyse")
    f_o = ms_o / ms_p if ms_p > 0 else None
    f_p = ms_p / ms_e
    anova = [
        AnovaRow(
            "Operator",
            df_o,
            ss_o,
            ms_o,
            f_o,
            float(stats.f.sf(f_o, df_o, df_p)) if f_o is not None else None,
        ),
        AnovaRow(
            "Part (Operator)",
            df_p,
            ss_p,
            ms_p,
            f_p,
            float(stats.f.sf(f_p, df_p, df_e)),
        ),
        AnovaRow("Repeatability", df_e, ss_e, ms_e),
        AnovaRow("Total", o * b * r - 1, ss_t, ss_t / (o * b * r - 1)),
    ]
    var_e = ms_e
    var_p = max((ms_p - ms_e) / r, 0.0)
    var_o = max((ms_o - ms_p) / (b * r), 0.0)
    grr = var_e + var_o
    total = grr + var_p
    vc = {
        "Total Gage R&R": grr,
        "Repeatability": var_e,
        "Reproducibility": var_o,
        "Part-to-Part": var_p,
        "Total Variation": total,
    }
    sd = {key: math.sqrt(v) for key, v in vc.items()}
    sv = {key: k * s for key, s in sd.items()}
    pct_c = {key: 100 * v / total for key, v in vc.items()}
    pct_sv = {key: 100 * s / sd["Total Variation"] for key, s in sd.items()}
    pct_tol = {key: 100 * s / tolerance for key, s in sv.items()} if tolerance else None
    ndc = max(int(math.floor(1.41 * sd["Part-to-Part"] / sd["Total Gage R&R"])), 1)
    g = pct_sv["Total Gage R&R"]
    verdict = (
        "acceptable (%StudyVar < 10%)"
        if g < 10
        else "marginal (10-30 %StudyVar)"
        if g <= 30
        else "unacceptable (%StudyVar > 30%)"
    )
    return NestedGageRR(
        method="ANOVA, parts nested within operators",
        n_operators=o,
        n_parts_per_operator=b,
        n_replicates=r,
        anova=anova,
        variance_components=vc,
        std_dev=sd,
        study_var=sv,
        pct_contribution=pct_c,
        pct_study_var=pct_sv,
        pct_tolerance=pct_tol,
        tolerance=tolerance,
        k=k,
        ndc=ndc,
        verdict=verdict,
    )
