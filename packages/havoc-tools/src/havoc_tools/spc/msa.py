"""Measurement systems analysis beyond the crossed Gage R&R (which lives in :mod:`.gage`).

* :func:`gage_type1` - Type 1 gage study: Cg, Cgk and the bias t-test on repeated measurements
  of one reference part (Minitab / Bosch convention: K = 20 % of the tolerance over a 6 s spread).
* :func:`gage_linearity` - gage linearity and bias (AIAG MSA 4th ed., ch. III section B): bias
  regressed on the reference value, linearity, %linearity and a t-test of the bias per reference.
* :func:`attribute_agreement`, :func:`fleiss_kappa`, :func:`cohen_kappa` - attribute agreement
  and kappa statistics (in :mod:`.agreement`, re-exported here).
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
from .agreement import (  # noqa: F401 - re-exported: the MSA tools live together
    AgreementRow,
    AttributeAgreement,
    CohenKappa,
    KappaStat,
    _frame,
    _label_text,
    _labels,
    _natural,
    attribute_agreement,
    cohen_kappa,
    fleiss_kappa,
)


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
    m_part = next(iter(sizes))  # readings per part (all equal for the range method)
    rows, ss_within = [], 0.0
    for lv in levels:
        b = bias[ref == lv]
        m = int(b.size)
        ss_within += float(((b - b.mean()) ** 2).sum())
        if method == "range":
            ds, df = d2_star(m_part, len(ranges[lv]))
            sd = float(np.mean(ranges[lv])) / ds
        else:
            sd, df = (float(b.std(ddof=1)) if m > 1 else 0.0), m - 1
        t, p = test(float(b.mean()), sd, m, df)
        rows.append(BiasRow(float(lv), m, float(b.mean()), sd, t, df, p, pct_of_pv(b.mean())))
    avg = float(bias.mean())
    if method == "range":
        all_ranges = [r for rs in ranges.values() for r in rs]
        ds, df_avg = d2_star(m_part, len(all_ranges))
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
