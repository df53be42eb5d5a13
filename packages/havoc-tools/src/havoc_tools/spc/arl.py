"""Average run length (ARL) of Shewhart, EWMA and CUSUM charts for a shift of the mean.

The plotted statistic is normal with sigma 1 in control; a shift moves its mean by ``delta``
sigma (with ``subgroup_size=n`` the shift is in process-sigma units and the plotted mean moves by
delta sqrt(n)). ARL = expected number of points up to the first signal.

- Shewhart with run rules: rule 1 alone is exact (p = Phi(-3 - d) + Phi(-3 + d), ARL = 1/p);
  sets of the zone rules 1, 2, 5, 6, 7, 8 are exact by a Markov chain over the sigma-zone
  history (Champ & Woodall 1987; the chain of :mod:`havoc_tools.spc.false_alarm` with shifted
  zone probabilities); with rule 3 or 4 a seeded Monte Carlo.
- EWMA (lambda, L; asymptotic limits +-L sqrt(lambda / (2 - lambda))): the Markov chain of Lucas &
  Saccucci (1990): the in-control interval cut into ``n_states`` cells, the EWMA taken at the
  cell centre.
- CUSUM (k, h): the Markov chain of Brook & Evans (1972) for each one-sided CUSUM (state 0 is
  C = 0, the others cells of width w = 2h / (2m - 1)); the two-sided ARL combines the two sides
  as 1/ARL = 1/ARL+ + 1/ARL- (exact when k >= 0 and the sides cannot both be non-zero; the
  standard approximation, as Montgomery tabulates it).

The run length's standard deviation (SDRL) comes from the same chain where there is one.

>>> round(arl_cusum([0, 1], k=0.5, h=5).arl[1], 1)
10.4
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import numpy as np

from .._result import ToolResult, fmt
from .false_alarm import DEFAULT_SEED, ZONE_RULES, _transient_matrix, _zone_step, first_signals
from .rules import check_rules

DEFAULT_SHIFTS = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0)
CHARTS = ("shewhart", "ewma", "cusum")


@dataclasses.dataclass
class ARLResult(ToolResult):
    """ARL (and SDRL where the chain gives it) of one chart for each mean shift."""

    chart: str
    parameters: dict[str, Any]
    shifts: list[float]
    arl: list[float]
    sdrl: list[float | None]
    method: str
    arl_se: list[float] | None = None

    def summary(self) -> str:
        par = ", ".join(f"{k}={v}" for k, v in self.parameters.items())
        lines = [f"ARL of the {self.chart} chart ({par})", f"  method: {self.method}"]
        lines.append("  shift (sigma)      ARL     SDRL")
        for i, d in enumerate(self.shifts):
            sd = self.sdrl[i]
            se = f" (MC s.e. {fmt(self.arl_se[i], 3)})" if self.arl_se else ""
            lines.append(
                f"  {d:>13g} {fmt(self.arl[i], 5):>8} {fmt(sd, 4) if sd is not None else 'n/a':>8}"
                + se
            )
        return "\n".join(lines)


# ----------------------------------------------------------------------------- helpers


def _shifts(shifts: Any) -> list[float]:
    if isinstance(shifts, (int, float, np.integer, np.floating)) and not isinstance(shifts, bool):
        shifts = [shifts]
    try:
        arr = np.asarray(shifts, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        raise ValueError(f"shifts must be numbers, got {shifts!r}") from None
    if arr.size == 0:
        raise ValueError("shifts: give at least one shift")
    if arr.size > 50:
        raise ValueError(f"shifts: at most 50 shifts at a time, got {arr.size}")
    if not np.isfinite(arr).all():
        raise ValueError("shifts must be finite numbers")
    if (np.abs(arr) > 20).any():
        raise ValueError("shifts above 20 sigma are out of range")
    return arr.tolist()


def _scale(subgroup_size: int) -> float:
    n = subgroup_size
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"subgroup_size must be a positive integer, got {n!r}")
    return math.sqrt(n)


def _n_states(n_states: int, lo: int = 11) -> int:
    ok = isinstance(n_states, (int, np.integer)) and not isinstance(n_states, bool)
    if not ok or not lo <= n_states <= 1000:
        raise ValueError(f"n_states must be an integer from {lo} to 1000, got {n_states!r}")
    return int(n_states)


def _chain_moments(q: np.ndarray, start: int) -> tuple[float, float]:
    """ARL and SDRL from the transient matrix Q: mu = (I - Q)^-1 1, E[N^2] = 2 M mu - mu."""
    from scipy.linalg import lu_factor, lu_solve

    lu = lu_factor(np.eye(q.shape[0]) - q)
    mu = lu_solve(lu, np.ones(q.shape[0]))
    second = 2 * lu_solve(lu, mu) - mu
    var = max(float(second[start] - mu[start] ** 2), 0.0)
    return float(mu[start]), math.sqrt(var)


# ----------------------------------------------------------------------------- Shewhart


def _zone_cells(delta: float) -> list[tuple[int, int, float]]:
    """(sign, zone, probability) of a N(delta, 1) point over the 8 sigma zones."""
    from scipy import stats

    out = []
    for sign in (1, -1):
        for b, (lo, hi) in enumerate(((0, 1), (1, 2), (2, 3), (3, math.inf))):
            if sign > 0:
                p = stats.norm.cdf(hi - delta) - stats.norm.cdf(lo - delta)
            else:
                p = stats.norm.cdf(-lo - delta) - stats.norm.cdf(-hi - delta)
            out.append((sign, b, float(p)))
    return out


def _zone_arl(rules: frozenset[int], delta: float) -> tuple[float, float]:
    from scipy import sparse
    from scipy.sparse.linalg import spsolve

    q = _transient_matrix(_zone_cells(delta), _zone_step(rules, 9)).tocsc()
    size = q.shape[0]
    a = sparse.identity(size, format="csc") - q
    mu = spsolve(a, np.ones(size))
    second = 2 * spsolve(a, mu) - mu
    return float(mu[0]), math.sqrt(max(float(second[0] - mu[0] ** 2), 0.0))


def arl_shewhart(
    shifts: Any = DEFAULT_SHIFTS,
    *,
    rules: Any = (1,),
    subgroup_size: int = 1,
    n_sim: int = 5000,
    seed: int = DEFAULT_SEED,
) -> ARLResult:
    """ARL of a Shewhart X-bar / individuals chart with known 3-sigma limits and run ``rules``.

    >>> round(arl_shewhart([0, 1]).arl[1], 2)
    43.89
    """
    from scipy import stats

    ds = _shifts(shifts)
    root_n = _scale(subgroup_size)
    rs = check_rules(rules)
    if not rs:
        raise ValueError("arl_shewhart: give at least one rule")
    if isinstance(n_sim, bool) or not isinstance(n_sim, (int, np.integer)) or n_sim < 100:
        raise ValueError(f"n_sim must be an integer of at least 100, got {n_sim!r}")
    if n_sim > 200_000:
        raise ValueError(f"n_sim must be at most 200000, got {n_sim}")
    arl, sdrl, se = [], [], None
    if rs == [1]:
        for d in ds:
            m = d * root_n
            p = float(stats.norm.cdf(-3 - m) + stats.norm.sf(3 - m))
            arl.append(1 / p)
            sdrl.append(math.sqrt(1 - p) / p)
        method = "exact: geometric run length, p = Phi(-3 - d) + Phi(-3 + d)"
    elif set(rs) <= ZONE_RULES:
        for d in ds:
            a, s = _zone_arl(frozenset(rs), d * root_n)
            arl.append(a)
            sdrl.append(s)
        method = "exact: Markov chain over sigma zones (Champ & Woodall 1987)"
    else:
        se = []
        for j, d in enumerate(ds):
            rng = np.random.default_rng(seed + j)
            m = d * root_n
            first = first_signals(
                rs, lambda t, rows, m=m, rng=rng: rng.standard_normal(rows.size) + m, n_sim, 10**6
            )
            rl = first.astype(np.float64)
            arl.append(float(rl.mean()))
            sdrl.append(float(rl.std(ddof=1)))
            se.append(float(rl.std(ddof=1) / math.sqrt(n_sim)))
        method = f"Monte Carlo: {n_sim} runs per shift, seed {seed} (+ shift index)"
    return ARLResult(
        "Shewhart",
        {"rules": rs, "subgroup_size": int(subgroup_size)},
        ds,
        arl,
        sdrl,
        method,
        se,
    )


# ----------------------------------------------------------------------------- EWMA


def arl_ewma(
    shifts: Any = DEFAULT_SHIFTS,
    *,
    lam: float = 0.2,
    L: float = 3.0,
    subgroup_size: int = 1,
    n_states: int = 301,
) -> ARLResult:
    """ARL of an EWMA chart with asymptotic limits +-L sigma sqrt(lam / (2 - lam)), started at
    the centre (Lucas & Saccucci 1990 Markov chain with ``n_states`` cells, an odd number).

    >>> round(arl_ewma([1], lam=0.1, L=2.814).arl[0], 1)
    10.3
    """
    from scipy import stats

    ds = _shifts(shifts)
    root_n = _scale(subgroup_size)
    if not (isinstance(lam, (int, float)) and 0 < lam <= 1):
        raise ValueError(f"lam (the EWMA weight lambda) must be in (0, 1], got {lam!r}")
    if not (isinstance(L, (int, float)) and 0 < L <= 10):
        raise ValueError(f"L must be in (0, 10], got {L!r}")
    m = _n_states(n_states)
    if m % 2 == 0:
        m += 1  # an odd count puts a cell centre at the starting value 0
    h = L * math.sqrt(lam / (2 - lam))
    w = 2 * h / m
    centres = -h + w * (np.arange(m) + 0.5)
    start = m // 2
    arl, sdrl = [], []
    for d in ds:
        mu = d * root_n
        base = (1 - lam) * centres[:, None]
        up = (centres[None, :] + w / 2 - base) / lam - mu
        lo = (centres[None, :] - w / 2 - base) / lam - mu
        q = stats.norm.cdf(up) - stats.norm.cdf(lo)
        a, s = _chain_moments(q, start)
        arl.append(a)
        sdrl.append(s)
    return ARLResult(
        "EWMA",
        {"lambda": lam, "L": L, "subgroup_size": int(subgroup_size), "n_states": m},
        ds,
        arl,
        sdrl,
        f"Markov chain (Lucas & Saccucci 1990), {m} states, asymptotic limits",
    )


# ----------------------------------------------------------------------------- CUSUM


def _cusum_one_sided(mu: float, k: float, h: float, m: int) -> tuple[float, float]:
    """Upper CUSUM C_i = max(0, C_{i-1} + x_i - k), x ~ N(mu, 1), signal when C > h
    (Brook & Evans 1972: state 0 is C = 0, state j the cell ((j - 1/2) w, (j + 1/2) w])."""
    from scipy import stats

    w = 2 * h / (2 * m - 1)
    c = w * np.arange(m)
    # from state i to state j >= 1: (j - 1/2) w < c_i + x - k <= (j + 1/2) w
    up = (c[None, :] + w / 2 - c[:, None] + k) - mu
    lo = (c[None, :] - w / 2 - c[:, None] + k) - mu
    q = stats.norm.cdf(up) - stats.norm.cdf(lo)
    q[:, 0] = stats.norm.cdf(w / 2 - c + k - mu)
    return _chain_moments(q, 0)


def arl_cusum(
    shifts: Any = DEFAULT_SHIFTS,
    *,
    k: float = 0.5,
    h: float = 5.0,
    subgroup_size: int = 1,
    two_sided: bool = True,
    n_states: int = 200,
) -> ARLResult:
    """ARL of the tabular CUSUM with reference value k and decision interval h (sigma units),
    both sums starting at 0 (Brook & Evans 1972 Markov chain with ``n_states`` states per side).

    >>> round(arl_cusum([0], k=0.5, h=5).arl[0])
    465
    """
    ds = _shifts(shifts)
    root_n = _scale(subgroup_size)
    if not (isinstance(k, (int, float)) and 0 <= k <= 5):
        raise ValueError(f"k must be in [0, 5], got {k!r}")
    if not (isinstance(h, (int, float)) and 0 < h <= 30):
        raise ValueError(f"h must be in (0, 30], got {h!r}")
    m = _n_states(n_states)
    arl, sdrl = [], []
    for d in ds:
        mu = d * root_n
        a_up, s_up = _cusum_one_sided(mu, k, h, m)
        if not two_sided:
            arl.append(a_up)
            sdrl.append(s_up)
            continue
        a_down, _ = _cusum_one_sided(-mu, k, h, m)
        arl.append(1.0 / (1.0 / a_up + 1.0 / a_down))
        sdrl.append(None)
    how = "two-sided: 1/ARL = 1/ARL+ + 1/ARL-" if two_sided else "upper one-sided"
    return ARLResult(
        "CUSUM",
        {
            "k": k,
            "h": h,
            "subgroup_size": int(subgroup_size),
            "n_states": m,
            "sides": 2 if two_sided else 1,
        },
        ds,
        arl,
        sdrl,
        f"Markov chain (Brook & Evans 1972), {m} states per side, {how}",
    )


def arl(chart: str, shifts: Any = DEFAULT_SHIFTS, **kwargs: Any) -> ARLResult:
    """ARL of ``chart`` ("shewhart", "ewma" or "cusum") for each shift; keyword arguments go to
    :func:`arl_shewhart`, :func:`arl_ewma` or :func:`arl_cusum`."""
    fns = {"shewhart": arl_shewhart, "ewma": arl_ewma, "cusum": arl_cusum}
    if chart not in fns:
        raise ValueError(f"chart must be one of {CHARTS}, got {chart!r}")
    return fns[chart](shifts, **kwargs)


__all__ = ["CHARTS", "DEFAULT_SHIFTS", "ARLResult", "arl", "arl_cusum", "arl_ewma", "arl_shewhart"]
