"""Shewhart (X-bar-R, X-bar-S, I-MR, p, np, c, u), EWMA and CUSUM control charts.

Phase I (no standards given): the centre line and limits are estimated from the data; with
``exclude_flagged=True`` subgroups beyond the 3-sigma limits (rule 1, on any panel) are dropped
and the limits re-estimated until none remain (at most ``max_iter`` rounds). Phase II: pass the
standards (``mean``/``sigma``, ``p``, ``c``, ``u``) and every point is judged against them.

Run rules: by default only rule 1 (a point beyond the 3-sigma limits) on every panel, as Minitab
and Montgomery do; more rules are opt-in (``rules=[1, 2, 5]``, names, or ``"all"``). Each
variables chart reports the in-control false-alarm risk of its rule set in ``false_alarm``
(ARL0 and the chance of at least one false signal over the chart's points).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from typing import Any

import numpy as np

from .._result import ToolResult, fmt
from .._validate import as_1d
from .constants import constants
from .false_alarm import FalseAlarm, dispersion_false_alarm, false_alarm_rate
from .rules import RULE_TEXT, check_rules, rule_violations


@dataclasses.dataclass
class ChartPanel:
    """One plotted statistic with per-point centre line, limits and the rule violations."""

    name: str
    values: list[float | None]
    center: list[float]
    ucl: list[float]
    lcl: list[float | None]
    sigma: list[float]
    violations: dict[int, list[int]]

    @property
    def flagged(self) -> list[int]:
        return sorted({i for v in self.violations.values() for i in v})

    @property
    def beyond_limits(self) -> list[int]:
        out = []
        for i, v in enumerate(self.values):
            if v is None:
                continue
            lo = self.lcl[i]
            if v > self.ucl[i] or (lo is not None and v < lo):
                out.append(i)
        return out


@dataclasses.dataclass
class ControlChart(ToolResult):
    chart: str
    method: str
    phase: str
    panels: list[ChartPanel]
    estimates: dict[str, float]
    subgroup_size: int | None
    n_points: int
    excluded: list[int]
    iterations: int
    rules: list[int]
    notes: list[str] = dataclasses.field(default_factory=list)
    false_alarm: dict[str, FalseAlarm] = dataclasses.field(default_factory=dict)

    @property
    def in_control(self) -> bool:
        return not any(p.flagged for p in self.panels)

    def panel(self, name: str) -> ChartPanel:
        for p in self.panels:
            if p.name == name:
                return p
        raise ValueError(f"no panel {name!r}; panels: {[p.name for p in self.panels]}")

    def summary(self) -> str:
        lines = [f"{self.chart} chart, phase {self.phase} ({self.method}), {self.n_points} points"]
        lines.append(
            "estimates: " + ", ".join(f"{k}={fmt(v, 5)}" for k, v in self.estimates.items())
        )
        for p in self.panels:
            const = len(set(p.ucl)) == 1
            lim = (
                f"CL={fmt(p.center[0], 5)} UCL={fmt(p.ucl[0], 5)} LCL={fmt(p.lcl[0], 5)}"
                if const
                else "limits vary with subgroup size"
            )
            lines.append(f"  {p.name}: {lim}")
            for r, idx in p.violations.items():
                if idx:
                    lines.append(
                        f"    rule {r} ({RULE_TEXT[r]}): points {[i + 1 for i in idx]} (1-based)"
                    )
        if self.excluded:
            lines.append(f"excluded from estimation: {self.excluded} ({self.iterations} rounds)")
        lines.append("in control" if self.in_control else "OUT OF CONTROL")
        for risk in self.false_alarm.values():
            lines.append("  " + risk.summary())
        lines.extend(self.notes)
        return "\n".join(lines)


# ----------------------------------------------------------------------------- helpers


def _subgroups(data: Any, subgroup_size: int | None, what: str) -> np.ndarray:
    """(m, n) float array of equal-size subgroups from a 2-D array/DataFrame or 1-D + size."""
    if hasattr(data, "to_numpy"):
        data = data.to_numpy()
    try:
        arr = np.asarray(data, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{what}: data must be numbers ({exc})") from None
    if arr.ndim == 1:
        if subgroup_size is None:
            raise ValueError(f"{what}: 1-D data needs subgroup_size=")
        if isinstance(subgroup_size, bool) or not isinstance(subgroup_size, (int, np.integer)):
            raise ValueError(f"{what}: subgroup_size must be an integer, got {subgroup_size!r}")
        if subgroup_size < 2:
            raise ValueError(f"{what}: subgroup_size must be at least 2, got {subgroup_size}")
        if arr.size % subgroup_size:
            raise ValueError(
                f"{what}: {arr.size} values do not split into subgroups of {subgroup_size}"
            )
        arr = arr.reshape(-1, subgroup_size)
    if arr.ndim != 2:
        raise ValueError(
            f"{what}: data must be 2-D (subgroups x observations), got shape {arr.shape}"
        )
    if arr.size == 0:
        raise ValueError(f"{what}: data is empty")
    if np.isnan(arr).any():
        raise ValueError(
            f"{what}: data contains NaN (subgroups must be complete and equal in size)"
        )
    if np.isinf(arr).any():
        raise ValueError(f"{what}: data contains an infinite value")
    m, n = arr.shape
    if n < 2:
        raise ValueError(f"{what}: subgroups need at least 2 observations (use imr for n = 1)")
    if n > 25:
        raise ValueError(f"{what}: subgroup size {n} is above 25 (the tabulated range)")
    if m < 2:
        raise ValueError(f"{what}: needs at least 2 subgroups, got {m}")
    return arr


def _panel(
    name: str,
    values: np.ndarray,
    center: Any,
    sigma: Any,
    rules: list[int],
    *,
    k: float = 3.0,
    floor_zero: bool = False,
    ucl: Any = None,
    lcl: Any = None,
) -> ChartPanel:
    m = len(values)
    center = np.broadcast_to(np.asarray(center, dtype=float), (m,)).copy()
    sigma = np.broadcast_to(np.asarray(sigma, dtype=float), (m,)).copy()
    u = center + k * sigma if ucl is None else np.broadcast_to(np.asarray(ucl, float), (m,))
    if lcl is None:
        lo = center - k * sigma
        if floor_zero:
            lo = np.maximum(lo, 0.0)
    else:
        lo = np.broadcast_to(np.asarray(lcl, float), (m,))
    ok = np.isfinite(values)
    z = np.zeros(m)
    with np.errstate(divide="ignore", invalid="ignore"):
        z[ok] = (values[ok] - center[ok]) / sigma[ok]
    z[~np.isfinite(z)] = 0.0
    viol = rule_violations(z[ok], rules) if ok.any() else {r: [] for r in rules}
    idx_map = np.flatnonzero(ok)
    viol = {r: [int(idx_map[i]) for i in v] for r, v in viol.items()}
    # rule 1 against the actual (possibly asymmetric, floored) limits
    if 1 in rules:
        viol[1] = [i for i in range(m) if ok[i] and (values[i] > u[i] or values[i] < lo[i])]
    return ChartPanel(
        name=name,
        values=[float(v) if np.isfinite(v) else None for v in values],
        center=center.tolist(),
        ucl=np.asarray(u, float).tolist(),
        lcl=np.asarray(lo, float).tolist(),
        sigma=sigma.tolist(),
        violations=viol,
    )


def _run_phase(
    m: int,
    estimate: Callable[[np.ndarray], dict[str, float]],
    build: Callable[[dict[str, float]], list[ChartPanel]],
    *,
    phase_two: bool,
    exclude_flagged: bool,
    max_iter: int,
) -> tuple[list[ChartPanel], dict[str, float], list[int], int]:
    include = np.ones(m, dtype=bool)
    est = estimate(include)
    panels = build(est)
    rounds = 1
    if phase_two or not exclude_flagged:
        return panels, est, [], rounds
    while rounds < max_iter:
        bad = {i for p in panels for i in p.beyond_limits if include[i]}
        if not bad:
            break
        include[list(bad)] = False
        if include.sum() < 2:
            raise ValueError("phase I: fewer than 2 subgroups remain after excluding flagged ones")
        est = estimate(include)
        panels = build(est)
        rounds += 1
    return panels, est, np.flatnonzero(~include).tolist(), rounds


def _check_sigma(sigma: float | None, name: str = "sigma") -> None:
    if sigma is not None and (not math.isfinite(sigma) or sigma <= 0):
        raise ValueError(f"{name} must be a positive number, got {sigma}")


def _dispersion_rules(rules: list[int], chosen: Any) -> list[int]:
    """Rules for the R/S/MR panel: as Minitab, only rules 1-4 apply there; by default those of
    ``rules`` (so rule 1 alone unless more are asked for)."""
    if chosen is None:
        return [r for r in rules if r <= 4]
    rs = check_rules(chosen)
    bad = [r for r in rs if r > 4]
    if bad:
        raise ValueError(f"dispersion_rules: only rules 1-4 apply to an R/S/MR panel, got {bad}")
    return rs


def _risks(
    panels: list[ChartPanel], rules: list[int], disp_rules: list[int], n: int, m: int
) -> dict[str, FalseAlarm]:
    """False-alarm risk of each panel's rules under normal, in-control data with the limits
    taken as known (sigma units: the dispersion limits are what the constants give)."""
    c = constants(max(n, 2))
    centre, disp = panels
    out = {centre.name: false_alarm_rate(rules, m, panel=centre.name)} if rules else {}
    if disp_rules:
        lcl, ucl = {"R": (c.D1, c.D2), "S": (c.B5, c.B6), "MR": (0.0, c.D2)}[disp.name]
        m_disp = m - 1 if disp.name == "MR" else m
        out[disp.name] = dispersion_false_alarm(
            disp.name, max(n, 2), m_disp, disp_rules, lcl=lcl, ucl=ucl
        )
    return out


# ----------------------------------------------------------------------------- variables charts


def xbar_r(
    data: Any,
    subgroup_size: int | None = None,
    *,
    mean: float | None = None,
    sigma: float | None = None,
    rules: Any = (1,),
    dispersion_rules: Any = None,
    exclude_flagged: bool = False,
    max_iter: int = 10,
) -> ControlChart:
    """X-bar and R chart for equal subgroups of size 2-25.

    Phase I: X-double-bar +- A2 R-bar, R chart D3 R-bar .. D4 R-bar (sigma = R-bar/d2).
    Phase II (``mean`` and ``sigma`` given): mean +- 3 sigma/sqrt(n), R chart D1 sigma .. D2 sigma.
    ``rules`` apply to the X-bar panel (default rule 1 only); the R panel gets those of them
    numbered 1-4 unless ``dispersion_rules`` says otherwise. Constant data (R-bar = 0) has no
    phase I limits and raises ``ValueError``.

    >>> ch = xbar_r([[1, 2], [2, 3], [1, 3], [2, 2]])
    >>> round(ch.estimates["rbar"], 3)
    0.75
    """
    x = _subgroups(data, subgroup_size, "xbar_r")
    m, n = x.shape
    rs = check_rules(rules)
    dr = _dispersion_rules(rs, dispersion_rules)
    c = constants(n)
    means, ranges = x.mean(axis=1), np.ptp(x, axis=1)
    phase_two = mean is not None or sigma is not None
    if phase_two and (mean is None or sigma is None):
        raise ValueError("xbar_r: phase II needs both mean and sigma")
    _check_sigma(sigma)

    def estimate(inc: np.ndarray) -> dict[str, float]:
        if phase_two:
            return {"mean": float(mean), "sigma": float(sigma), "rbar": c.d2 * float(sigma)}
        rbar = float(ranges[inc].mean())
        if rbar == 0:
            raise ValueError(
                "xbar_r: every subgroup range is zero (constant data); sigma cannot be "
                "estimated, so there are no control limits (give mean= and sigma= for phase II)"
            )
        return {"mean": float(means[inc].mean()), "rbar": rbar, "sigma": rbar / c.d2}

    def build(e: dict[str, float]) -> list[ChartPanel]:
        s = e["sigma"]
        p1 = _panel("Xbar", means, e["mean"], s / math.sqrt(n), rs)
        if phase_two:
            p2 = _panel("R", ranges, c.d2 * s, c.d3 * s, dr, ucl=c.D2 * s, lcl=c.D1 * s)
        else:
            rbar = e["rbar"]
            p2 = _panel("R", ranges, rbar, c.d3 * s, dr, ucl=c.D4 * rbar, lcl=c.D3 * rbar)
        return [p1, p2]

    panels, est, excl, rounds = _run_phase(
        m, estimate, build, phase_two=phase_two, exclude_flagged=exclude_flagged, max_iter=max_iter
    )
    return ControlChart(
        chart="Xbar-R",
        method=f"sigma = R-bar/d2 with d2({n}) = {c.d2:.6f}"
        if not phase_two
        else "given standards",
        phase="II" if phase_two else "I",
        panels=panels,
        estimates=est,
        subgroup_size=n,
        n_points=m,
        excluded=excl,
        iterations=rounds,
        rules=rs,
        false_alarm=_risks(panels, rs, dr, n, m),
    )


def xbar_s(
    data: Any,
    subgroup_size: int | None = None,
    *,
    mean: float | None = None,
    sigma: float | None = None,
    rules: Any = (1,),
    dispersion_rules: Any = None,
    exclude_flagged: bool = False,
    max_iter: int = 10,
) -> ControlChart:
    """X-bar and S chart: X-double-bar +- A3 s-bar, S chart B3 s-bar .. B4 s-bar (sigma = s-bar/c4).
    Phase II: mean +- 3 sigma/sqrt(n), S chart B5 sigma .. B6 sigma."""
    x = _subgroups(data, subgroup_size, "xbar_s")
    m, n = x.shape
    rs = check_rules(rules)
    dr = _dispersion_rules(rs, dispersion_rules)
    c = constants(n)
    means, sds = x.mean(axis=1), x.std(axis=1, ddof=1)
    phase_two = mean is not None or sigma is not None
    if phase_two and (mean is None or sigma is None):
        raise ValueError("xbar_s: phase II needs both mean and sigma")
    _check_sigma(sigma)
    s_sigma = math.sqrt(1 - c.c4**2)

    def estimate(inc: np.ndarray) -> dict[str, float]:
        if phase_two:
            return {"mean": float(mean), "sigma": float(sigma), "sbar": c.c4 * float(sigma)}
        sbar = float(sds[inc].mean())
        if sbar == 0:
            raise ValueError(
                "xbar_s: every subgroup standard deviation is zero (constant data); sigma "
                "cannot be estimated, so there are no control limits (give mean= and sigma=)"
            )
        return {"mean": float(means[inc].mean()), "sbar": sbar, "sigma": sbar / c.c4}

    def build(e: dict[str, float]) -> list[ChartPanel]:
        s = e["sigma"]
        p1 = _panel("Xbar", means, e["mean"], s / math.sqrt(n), rs)
        if phase_two:
            p2 = _panel("S", sds, c.c4 * s, s_sigma * s, dr, ucl=c.B6 * s, lcl=c.B5 * s)
        else:
            sb = e["sbar"]
            p2 = _panel("S", sds, sb, s_sigma * s, dr, ucl=c.B4 * sb, lcl=c.B3 * sb)
        return [p1, p2]

    panels, est, excl, rounds = _run_phase(
        m, estimate, build, phase_two=phase_two, exclude_flagged=exclude_flagged, max_iter=max_iter
    )
    return ControlChart(
        chart="Xbar-S",
        method=f"sigma = s-bar/c4 with c4({n}) = {c.c4:.6f}"
        if not phase_two
        else "given standards",
        phase="II" if phase_two else "I",
        panels=panels,
        estimates=est,
        subgroup_size=n,
        n_points=m,
        excluded=excl,
        iterations=rounds,
        rules=rs,
        false_alarm=_risks(panels, rs, dr, n, m),
    )


def imr(
    data: Any,
    *,
    mean: float | None = None,
    sigma: float | None = None,
    rules: Any = (1,),
    dispersion_rules: Any = None,
    exclude_flagged: bool = False,
    max_iter: int = 10,
) -> ControlChart:
    """Individuals and moving-range chart: sigma = MR-bar / d2(2) (MR of span 2); I chart
    x-bar +- 3 sigma; MR chart 0 .. D4(2) MR-bar. Excluded points also drop their moving ranges.

    >>> imr([1.0, 2.0, 1.0, 2.0]).estimates["mrbar"]
    1.0
    """
    x = as_1d(data, "data", min_n=3)
    m = x.size
    rs = check_rules(rules)
    dr = _dispersion_rules(rs, dispersion_rules)
    c = constants(2)
    mr = np.concatenate([[np.nan], np.abs(np.diff(x))])
    phase_two = mean is not None or sigma is not None
    if phase_two and (mean is None or sigma is None):
        raise ValueError("imr: phase II needs both mean and sigma")
    _check_sigma(sigma)

    def estimate(inc: np.ndarray) -> dict[str, float]:
        if phase_two:
            return {"mean": float(mean), "sigma": float(sigma), "mrbar": c.d2 * float(sigma)}
        ok = inc & np.concatenate([[False], inc[:-1]])
        if not ok.any():
            raise ValueError("imr: no moving ranges left to estimate sigma")
        mrbar = float(mr[ok].mean())
        if mrbar == 0:
            raise ValueError(
                "imr: every moving range is zero (constant data); sigma cannot be estimated, "
                "so there are no control limits (give mean= and sigma= for phase II)"
            )
        return {"mean": float(x[inc].mean()), "mrbar": mrbar, "sigma": mrbar / c.d2}

    def build(e: dict[str, float]) -> list[ChartPanel]:
        s = e["sigma"]
        p1 = _panel("I", x, e["mean"], s, rs)
        p2 = _panel("MR", mr, c.d2 * s, c.d3 * s, dr, ucl=c.D4 * c.d2 * s, lcl=0.0)
        return [p1, p2]

    panels, est, excl, rounds = _run_phase(
        m, estimate, build, phase_two=phase_two, exclude_flagged=exclude_flagged, max_iter=max_iter
    )
    return ControlChart(
        chart="I-MR",
        method="sigma = MR-bar/d2(2) = MR-bar/1.128379" if not phase_two else "given standards",
        phase="II" if phase_two else "I",
        panels=panels,
        estimates=est,
        subgroup_size=1,
        n_points=m,
        excluded=excl,
        iterations=rounds,
        rules=rs,
        false_alarm=_risks(panels, rs, dr, 1, m),
    )


# ----------------------------------------------------------------------------- attributes charts


def _counts(x: Any, name: str, *, integer: bool = True) -> np.ndarray:
    arr = as_1d(x, name, min_n=2)
    if (arr < 0).any():
        raise ValueError(
            f"{name}: counts must be non-negative (first negative at {int(np.argmax(arr < 0))})"
        )
    if integer and not np.allclose(arr, np.round(arr)):
        raise ValueError(f"{name}: counts must be whole numbers")
    return arr


def _sizes(sizes: Any, m: int, name: str = "sizes") -> np.ndarray:
    if isinstance(sizes, (int, float, np.integer, np.floating)) and not isinstance(sizes, bool):
        arr = np.full(m, float(sizes))
    else:
        arr = as_1d(sizes, name)
    if arr.size != m:
        raise ValueError(f"{name}: has {arr.size} entries for {m} subgroups")
    if (arr <= 0).any():
        raise ValueError(f"{name}: subgroup sizes must be positive")
    return arr


def _attr_chart(
    chart: str,
    stat: np.ndarray,
    center_fn: Callable[[np.ndarray], float],
    sigma_fn: Callable[[float], np.ndarray],
    standard: float | None,
    rs: list[int],
    exclude_flagged: bool,
    max_iter: int,
    method: str,
    est_name: str,
    extra: dict[str, float] | None = None,
    upper_one: bool = False,
) -> ControlChart:
    m = stat.size
    phase_two = standard is not None

    def estimate(inc: np.ndarray) -> dict[str, float]:
        val = float(standard) if phase_two else center_fn(inc)
        if val <= 0:
            raise ValueError(f"{chart}: the centre line is 0 (no defects); limits are undefined")
        return {est_name: val}

    def build(e: dict[str, float]) -> list[ChartPanel]:
        cl = e[est_name]
        sig = sigma_fn(cl)
        ucl = cl + 3 * sig
        if upper_one:
            ucl = np.minimum(ucl, 1.0)
        return [_panel(chart, stat, cl, sig, rs, floor_zero=True, ucl=ucl)]

    panels, est, excl, rounds = _run_phase(
        m, estimate, build, phase_two=phase_two, exclude_flagged=exclude_flagged, max_iter=max_iter
    )
    est.update(extra or {})
    return ControlChart(
        chart=chart,
        method=method if not phase_two else "given standard",
        phase="II" if phase_two else "I",
        panels=panels,
        estimates=est,
        subgroup_size=None,
        n_points=m,
        excluded=excl,
        iterations=rounds,
        rules=rs,
    )


def p_chart(
    defectives: Any,
    sizes: Any,
    *,
    p: float | None = None,
    rules: Any = (1,),
    exclude_flagged: bool = False,
    max_iter: int = 10,
) -> ControlChart:
    """Fraction-defective chart; limits p-bar +- 3 sqrt(p-bar (1 - p-bar) / n_i) vary with n_i.
    Run rules on standardised values (default: rule 1 only)."""
    d = _counts(defectives, "defectives")
    n = _sizes(sizes, d.size)
    if (d > n).any():
        raise ValueError(f"defectives exceed the subgroup size at subgroup {int(np.argmax(d > n))}")
    if p is not None and not 0 < p < 1:
        raise ValueError(f"p must be between 0 and 1, got {p}")
    return _attr_chart(
        "p",
        d / n,
        lambda inc: float(d[inc].sum() / n[inc].sum()),
        lambda pb: np.sqrt(pb * (1 - pb) / n),
        p,
        check_rules(rules),
        exclude_flagged,
        max_iter,
        "p-bar = total defectives / total inspected",
        "p",
        upper_one=True,
    )


def np_chart(
    defectives: Any,
    size: int,
    *,
    p: float | None = None,
    rules: Any = (1,),
    exclude_flagged: bool = False,
    max_iter: int = 10,
) -> ControlChart:
    """Number-defective chart for a constant subgroup size: n p-bar +- 3 sqrt(n p-bar (1 - p-bar))."""
    d = _counts(defectives, "defectives")
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 1:
        raise ValueError(f"size must be a positive integer, got {size!r}")
    if (d > size).any():
        raise ValueError(f"defectives exceed the subgroup size {size}")
    if p is not None and not 0 < p < 1:
        raise ValueError(f"p must be between 0 and 1, got {p}")
    res = _attr_chart(
        "np",
        d,
        lambda inc: float(d[inc].mean()),
        lambda npb: np.full(d.size, math.sqrt(npb * (1 - npb / size))),
        None if p is None else p * size,
        check_rules(rules),
        exclude_flagged,
        max_iter,
        "np-bar = mean number defective",
        "np",
    )
    res.estimates["p"] = res.estimates["np"] / size
    res.subgroup_size = int(size)
    return res


def c_chart(
    counts: Any,
    *,
    c: float | None = None,
    rules: Any = (1,),
    exclude_flagged: bool = False,
    max_iter: int = 10,
) -> ControlChart:
    """Defects chart (Poisson): c-bar +- 3 sqrt(c-bar)."""
    x = _counts(counts, "counts")
    if c is not None and not c > 0:
        raise ValueError(f"c must be positive, got {c}")
    return _attr_chart(
        "c",
        x,
        lambda inc: float(x[inc].mean()),
        lambda cb: np.full(x.size, math.sqrt(cb)),
        c,
        check_rules(rules),
        exclude_flagged,
        max_iter,
        "c-bar = mean defects per unit",
        "c",
    )


def u_chart(
    counts: Any,
    sizes: Any,
    *,
    u: float | None = None,
    rules: Any = (1,),
    exclude_flagged: bool = False,
    max_iter: int = 10,
) -> ControlChart:
    """Defects-per-unit chart: u-bar +- 3 sqrt(u-bar / n_i)."""
    x = _counts(counts, "counts")
    n = _sizes(sizes, x.size)
    if u is not None and not u > 0:
        raise ValueError(f"u must be positive, got {u}")
    return _attr_chart(
        "u",
        x / n,
        lambda inc: float(x[inc].sum() / n[inc].sum()),
        lambda ub: np.sqrt(ub / n),
        u,
        check_rules(rules),
        exclude_flagged,
        max_iter,
        "u-bar = total defects / total units",
        "u",
    )


# ----------------------------------------------------------------------------- time-weighted


def _series_and_sigma(
    data: Any, sigma: float | None, what: str
) -> tuple[np.ndarray, float, int, str]:
    """Individual values (or subgroup means) and the sigma of one plotted value."""
    arr = np.asarray(data.to_numpy() if hasattr(data, "to_numpy") else data, dtype=object)
    if arr.ndim == 2:
        x = _subgroups(data, None, what)
        n = x.shape[1]
        if sigma is None:
            sigma = float(x.std(axis=1, ddof=1).mean() / constants(n).c4)
            how = f"sigma = s-bar/c4({n})"
        else:
            how = "given sigma"
        return x.mean(axis=1), sigma / math.sqrt(n), n, how
    x = as_1d(data, "data", min_n=2)
    if sigma is None:
        mrbar = float(np.abs(np.diff(x)).mean())
        if mrbar == 0:
            raise ValueError(f"{what}: all moving ranges are zero; pass sigma")
        sigma = mrbar / constants(2).d2
        how = "sigma = MR-bar/d2(2)"
    else:
        how = "given sigma"
    return x, sigma, 1, how


def ewma(
    data: Any,
    *,
    lam: float = 0.2,
    L: float = 3.0,
    mean: float | None = None,
    sigma: float | None = None,
) -> ControlChart:
    """EWMA chart: z_i = lam x_i + (1 - lam) z_{i-1}, z_0 = mean; exact time-varying limits
    mean +- L sigma sqrt(lam / (2 - lam) (1 - (1 - lam)^(2i))). 2-D data charts subgroup means."""
    if not 0 < lam <= 1:
        raise ValueError(f"lam must be in (0, 1], got {lam}")
    if not L > 0:
        raise ValueError(f"L must be positive, got {L}")
    _check_sigma(sigma)
    x, s, n, how = _series_and_sigma(data, sigma, "ewma")
    mu = float(x.mean()) if mean is None else float(mean)
    z = np.empty_like(x)
    prev = mu
    for i, v in enumerate(x):
        prev = lam * v + (1 - lam) * prev
        z[i] = prev
    i = np.arange(1, x.size + 1)
    sz = s * np.sqrt(lam / (2 - lam) * (1 - (1 - lam) ** (2 * i)))
    panel = _panel("EWMA", z, mu, sz, [1], k=L)
    return ControlChart(
        chart="EWMA",
        method=f"lambda={lam}, L={L}, {how}",
        phase="II" if mean is not None and sigma is not None else "I",
        panels=[panel],
        estimates={"mean": mu, "sigma": s * math.sqrt(n), "lam": lam, "L": L},
        subgroup_size=n,
        n_points=x.size,
        excluded=[],
        iterations=1,
        rules=[1],
    )


def cusum(
    data: Any,
    *,
    k: float = 0.5,
    h: float = 5.0,
    mean: float | None = None,
    sigma: float | None = None,
) -> ControlChart:
    """Tabular CUSUM: C+_i = max(0, x_i - (mean + K) + C+_{i-1}), C-_i = max(0, (mean - K) - x_i
    + C-_{i-1}) with K = k sigma and decision interval H = h sigma. Panels "C+" and "C-"."""
    if not k >= 0 or not h > 0:
        raise ValueError(f"k must be >= 0 and h > 0, got k={k}, h={h}")
    _check_sigma(sigma)
    x, s, n, how = _series_and_sigma(data, sigma, "cusum")
    mu = float(x.mean()) if mean is None else float(mean)
    K, H = k * s, h * s
    cp, cm = np.empty_like(x), np.empty_like(x)
    up = down = 0.0
    for i, v in enumerate(x):
        up = max(0.0, v - (mu + K) + up)
        down = max(0.0, (mu - K) - v + down)
        cp[i], cm[i] = up, down
    panels = []
    for name, vals in (("C+", cp), ("C-", cm)):
        panels.append(
            ChartPanel(
                name=name,
                values=vals.tolist(),
                center=[0.0] * x.size,
                ucl=[H] * x.size,
                lcl=[None] * x.size,
                sigma=[s] * x.size,
                violations={1: np.flatnonzero(vals > H).tolist()},
            )
        )
    return ControlChart(
        chart="CUSUM",
        method=f"tabular CUSUM, k={k}, h={h}, {how}",
        phase="II" if mean is not None and sigma is not None else "I",
        panels=panels,
        estimates={"mean": mu, "sigma": s * math.sqrt(n), "K": K, "H": H},
        subgroup_size=n,
        n_points=x.size,
        excluded=[],
        iterations=1,
        rules=[1],
        notes=["rule 1 here means the cumulative sum exceeded the decision interval H"],
    )
