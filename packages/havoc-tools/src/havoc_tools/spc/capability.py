"""Process capability: Cp, Cpk, Pp, Ppk, Cpm with confidence intervals and expected PPM."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import numpy as np

from .._result import ToolResult, fmt
from .._validate import as_1d, check_alpha
from .constants import constants


@dataclasses.dataclass
class Capability(ToolResult):
    method: str
    n: int
    mean: float
    sigma_within: float
    sigma_overall: float
    df_within: float
    lsl: float | None
    usl: float | None
    target: float | None
    cp: float | None
    cpl: float | None
    cpu: float | None
    cpk: float | None
    pp: float | None
    ppl: float | None
    ppu: float | None
    ppk: float | None
    cpm: float | None
    ci: dict[str, list[float] | None]
    confidence: float
    ppm_expected_within: dict[str, float]
    ppm_expected_overall: dict[str, float]
    ppm_observed: dict[str, float]
    normality_p: float | None
    data: list[float]
    notes: list[str] = dataclasses.field(default_factory=list)

    def summary(self) -> str:
        size = self.n if self.n else "not given"
        lines = [f"Capability ({self.method}), n={size}, mean={fmt(self.mean, 5)}"]
        lines.append(
            f"sigma within={fmt(self.sigma_within, 5)}, overall={fmt(self.sigma_overall, 5)}; "
            f"LSL={fmt(self.lsl)}, USL={fmt(self.usl)}, target={fmt(self.target)}"
        )
        pct = int(round(self.confidence * 100))
        for key in ("cp", "cpk", "pp", "ppk", "cpm"):
            v = getattr(self, key)
            if v is None:
                continue
            ci = self.ci.get(key)
            cis = f"  ({pct}% CI {fmt(ci[0])} .. {fmt(ci[1])})" if ci else ""
            lines.append(f"  {key.upper():<4}= {fmt(v)}{cis}")
        observed = f"; observed {fmt(self.ppm_observed['total'])}" if self.data else ""
        lines.append(
            "expected PPM out of spec: within "
            f"{fmt(self.ppm_expected_within['total'])}, overall "
            f"{fmt(self.ppm_expected_overall['total'])}{observed}"
        )
        if self.normality_p is not None:
            lines.append(f"Anderson-Darling normality p ~ {fmt(self.normality_p)}")
        lines.extend(self.notes)
        return "\n".join(lines)


def _ppm(mean: float, sigma: float, lsl: float | None, usl: float | None) -> dict[str, float]:
    from scipy.stats import norm

    below = float(norm.cdf((lsl - mean) / sigma)) * 1e6 if lsl is not None else 0.0
    above = float(norm.sf((usl - mean) / sigma)) * 1e6 if usl is not None else 0.0
    return {"below_lsl": below, "above_usl": above, "total": below + above}


def _check_limits(lsl: float | None, usl: float | None, target: float | None) -> None:
    if lsl is None and usl is None:
        raise ValueError("capability: give at least one specification limit (lsl or usl)")
    for name, v in (("lsl", lsl), ("usl", usl), ("target", target)):
        if v is not None and not math.isfinite(v):
            raise ValueError(f"capability: {name} must be finite, got {v}")
    if lsl is not None and usl is not None and not lsl < usl:
        raise ValueError(f"capability: lsl ({lsl}) must be below usl ({usl})")


def _indices(
    mean: float, sig: float, lsl: float | None, usl: float | None
) -> tuple[float | None, float | None, float | None, float]:
    """(Cp, Cpl, Cpu, Cpk) for one sigma (Pp, Ppl, Ppu, Ppk with the overall sigma)."""
    lo = (mean - lsl) / (3 * sig) if lsl is not None else None
    hi = (usl - mean) / (3 * sig) if usl is not None else None
    both = (usl - lsl) / (6 * sig) if lsl is not None and usl is not None else None
    k = min(v for v in (lo, hi) if v is not None)
    return both, lo, hi, k


def _interval_makers(conf: float) -> tuple[Any, Any]:
    """The chi-square CI of Cp-type indices and Bissell's (1990) normal CI of Cpk-type ones."""
    from scipy import stats

    a = 1 - conf
    z = float(stats.norm.ppf(1 - a / 2))

    def chi_ci(v: float | None, df: float) -> list[float] | None:
        if v is None:
            return None
        return [
            v * math.sqrt(float(stats.chi2.ppf(a / 2, df)) / df),
            v * math.sqrt(float(stats.chi2.ppf(1 - a / 2, df)) / df),
        ]

    def bissell(v: float, m: float) -> list[float]:
        half = z * math.sqrt(1 / (9 * m) + v * v / (2 * (m - 1)))
        return [v - half, v + half]

    return chi_ci, bissell


def capability(
    data: Any,
    *,
    lsl: float | None = None,
    usl: float | None = None,
    target: float | None = None,
    subgroup_size: int = 1,
    within: str = "auto",
    confidence: float = 0.95,
) -> Capability:
    """Capability indices of a normal process.

    Within-subgroup sigma: individuals (``subgroup_size=1``) use MR-bar/d2(2); subgroups use the
    pooled standard deviation / c4(d+1) (``within="pooled"``, Minitab's default) or R-bar/d2
    (``"rbar"``) or s-bar/c4 (``"sbar"``). Overall sigma is the sample standard deviation.
    Confidence intervals: Cp, Pp chi-square; Cpk, Ppk Bissell (1990) normal approximation;
    Cpm Boyles (1991) chi-square with adjusted df. Expected PPM from the normal model.

    >>> r = capability([9.9, 10.1, 10.0, 10.2, 9.8, 10.0], lsl=9.0, usl=11.0)
    >>> round(r.pp, 3)
    2.357
    """

    x = as_1d(data, "data", min_n=2)
    _check_limits(lsl, usl, target)
    conf = 1 - check_alpha(1 - confidence)
    n = x.size
    mean = float(x.mean())
    s_overall = float(x.std(ddof=1))
    if s_overall == 0:
        raise ValueError(
            "capability: all values are equal; sigma is zero and the indices undefined"
        )
    if (
        isinstance(subgroup_size, bool)
        or not isinstance(subgroup_size, (int, np.integer))
        or subgroup_size < 1
    ):
        raise ValueError(
            f"capability: subgroup_size must be a positive integer, got {subgroup_size!r}"
        )
    notes = []
    if subgroup_size == 1:
        mr = np.abs(np.diff(x))
        sw = float(mr.mean() / constants(2).d2)
        dfw = float(n - 1)
        method = "within sigma = MR-bar/d2(2)"
    else:
        if n % subgroup_size:
            raise ValueError(
                f"capability: {n} values do not split into subgroups of {subgroup_size}"
            )
        g = x.reshape(-1, subgroup_size)
        if g.shape[0] < 2:
            raise ValueError("capability: needs at least 2 subgroups")
        mode = "pooled" if within == "auto" else within
        c = constants(subgroup_size)
        if mode == "pooled":
            dfw = float(g.shape[0] * (subgroup_size - 1))
            sp = math.sqrt(float(((g - g.mean(axis=1, keepdims=True)) ** 2).sum()) / dfw)
            c4d = math.sqrt(2.0 / dfw) * math.exp(math.lgamma((dfw + 1) / 2) - math.lgamma(dfw / 2))
            sw = sp / c4d
            method = "within sigma = pooled SD / c4(d+1)"
        elif mode == "rbar":
            sw = float(np.ptp(g, axis=1).mean() / c.d2)
            dfw = float(g.shape[0] * (subgroup_size - 1))
            method = f"within sigma = R-bar/d2({subgroup_size})"
        elif mode == "sbar":
            sw = float(g.std(axis=1, ddof=1).mean() / c.c4)
            dfw = float(g.shape[0] * (subgroup_size - 1))
            method = f"within sigma = s-bar/c4({subgroup_size})"
        else:
            raise ValueError(
                f"capability: within must be 'auto', 'pooled', 'rbar' or 'sbar', got {within!r}"
            )
    if sw == 0:
        raise ValueError("capability: within-subgroup variation is zero; indices undefined")

    cp, cpl, cpu, cpk = _indices(mean, sw, lsl, usl)
    pp, ppl, ppu, ppk = _indices(mean, s_overall, lsl, usl)
    chi_ci, bissell = _interval_makers(conf)
    ci: dict[str, list[float] | None] = {}
    ci["cp"] = chi_ci(cp, dfw)
    ci["pp"] = chi_ci(pp, n - 1)
    ci["cpk"] = bissell(cpk, dfw + 1)
    ci["ppk"] = bissell(ppk, n)
    cpm = None
    if target is not None:
        if lsl is None or usl is None:
            raise ValueError("capability: Cpm needs both lsl and usl")
        if not lsl <= target <= usl:
            raise ValueError("capability: target must lie within the specification limits")
        tau = math.sqrt(float(((x - target) ** 2).sum()) / (n - 1))
        cpm = (usl - lsl) / (6 * tau)
        aa = (mean - target) / s_overall
        nu = n * (1 + aa * aa) ** 2 / (1 + 2 * aa * aa)
        ci["cpm"] = chi_ci(cpm, nu)
    obs_below = float((x < lsl).sum()) / n * 1e6 if lsl is not None else 0.0
    obs_above = float((x > usl).sum()) / n * 1e6 if usl is not None else 0.0
    normal_p = None
    if n >= 8:
        normal_p = _anderson_darling_p(x)
        if normal_p < 0.05:
            notes.append(
                "warning: data look non-normal (AD p < 0.05); normal-based indices and PPM may mislead"
            )
    return Capability(
        method=method + "; overall sigma = sample SD",
        n=n,
        mean=mean,
        sigma_within=sw,
        sigma_overall=s_overall,
        df_within=dfw,
        lsl=lsl,
        usl=usl,
        target=target,
        cp=cp,
        cpl=cpl,
        cpu=cpu,
        cpk=cpk,
        pp=pp,
        ppl=ppl,
        ppu=ppu,
        ppk=ppk,
        cpm=cpm,
        ci=ci,
        confidence=conf,
        ppm_expected_within=_ppm(mean, sw, lsl, usl),
        ppm_expected_overall=_ppm(mean, s_overall, lsl, usl),
        ppm_observed={
            "below_lsl": obs_below,
            "above_usl": obs_above,
            "total": obs_below + obs_above,
        },
        normality_p=normal_p,
        data=x.tolist(),
        notes=notes,
    )


def _anderson_darling_p(x: np.ndarray) -> float:
    """Anderson-Darling normality test p-value (mean and sigma estimated; D'Agostino &
    Stephens 1986 adjustment)."""
    from scipy import stats

    n = x.size
    y = np.sort((x - x.mean()) / x.std(ddof=1))
    cdf = np.clip(stats.norm.cdf(y), 1e-300, 1 - 1e-16)
    i = np.arange(1, n + 1)
    a2 = -n - np.mean((2 * i - 1) * (np.log(cdf) + np.log(1 - cdf[::-1])))
    a = a2 * (1 + 0.75 / n + 2.25 / n**2)
    if a >= 0.6:
        p = math.exp(1.2937 - 5.709 * a + 0.0186 * a * a)
    elif a >= 0.34:
        p = math.exp(0.9177 - 4.279 * a - 1.38 * a * a)
    elif a >= 0.2:
        p = 1 - math.exp(-8.318 + 42.796 * a - 59.938 * a * a)
    else:
        p = 1 - math.exp(-13.436 + 101.14 * a - 223.73 * a * a)
    return float(min(max(p, 0.0), 1.0))


def capability_summary(
    mean: float,
    sd: float,
    *,
    lsl: float | None = None,
    usl: float | None = None,
    target: float | None = None,
    n: int | None = None,
    confidence: float = 0.95,
) -> Capability:
    """Capability indices from a process mean and standard deviation (no values), as in a
    textbook or certification question: "mean 10.2, s = 0.1, specification 10.0 +/- 0.5".

    One standard deviation cannot be split into within and overall variation, so Cp = Pp and
    Cpk = Ppk, both from ``sd``. Confidence intervals need the sample size ``n`` (chi-square
    for Cp, Bissell for Cpk) and are omitted without it; normality cannot be checked.

    >>> r = capability_summary(10.2, 0.1, lsl=9.5, usl=10.5)
    >>> round(r.cp, 4), round(r.cpk, 4)
    (1.6667, 1.0)
    """
    for name, v in (("mean", mean), ("sd", sd)):
        if not isinstance(v, int | float) or isinstance(v, bool) or not math.isfinite(v):
            raise ValueError(f"capability: {name} must be a finite number, got {v!r}")
    if sd <= 0:
        raise ValueError(f"capability: sd must be positive, got {sd}")
    _check_limits(lsl, usl, target)
    conf = 1 - check_alpha(1 - confidence)
    if n is not None and (isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 2):
        raise ValueError(f"capability: n must be a whole number >= 2, got {n!r}")
    mean, sd = float(mean), float(sd)
    cp, cpl, cpu, cpk = _indices(mean, sd, lsl, usl)
    ci: dict[str, list[float] | None] = {}
    if n is not None:
        chi_ci, bissell = _interval_makers(conf)
        ci["cp"] = ci["pp"] = chi_ci(cp, n - 1)
        ci["cpk"] = ci["ppk"] = bissell(cpk, n)
    cpm = None
    if target is not None:
        if lsl is None or usl is None:
            raise ValueError("capability: Cpm needs both lsl and usl")
        if not lsl <= target <= usl:
            raise ValueError("capability: target must lie within the specification limits")
        # sum((x - T)^2) / (n - 1) = s^2 + n/(n-1) (mean - T)^2; without n, its limit
        shift = (mean - target) ** 2 * (n / (n - 1) if n is not None else 1.0)
        cpm = (usl - lsl) / (6 * math.sqrt(sd * sd + shift))
    notes = [
        "from summary statistics: one standard deviation, so Cp = Pp and Cpk = Ppk; "
        "normality and stability could not be checked without the values"
    ]
    if n is None:
        notes.append("no sample size given: no confidence intervals")
    return Capability(
        method="from summary statistics (mean and standard deviation)",
        n=int(n) if n is not None else 0,
        mean=mean,
        sigma_within=sd,
        sigma_overall=sd,
        df_within=float(n - 1) if n is not None else float("nan"),
        lsl=lsl,
        usl=usl,
        target=target,
        cp=cp,
        cpl=cpl,
        cpu=cpu,
        cpk=cpk,
        pp=cp,
        ppl=cpl,
        ppu=cpu,
        ppk=cpk,
        cpm=cpm,
        ci=ci,
        confidence=conf,
        ppm_expected_within=_ppm(mean, sd, lsl, usl),
        ppm_expected_overall=_ppm(mean, sd, lsl, usl),
        ppm_observed={"below_lsl": 0.0, "above_usl": 0.0, "total": 0.0},
        normality_p=None,
        data=[],
        notes=notes,
    )
