"""In-control false-alarm risk of a set of run rules: ARL0 and P(any signal in N points).

For a plotted statistic that is standard normal and independent from point to point (an
X-bar or individuals chart with known limits, in control):

- rule 1 alone is exact: a point signals with p = 2 Phi(-3) = 0.0027, ARL0 = 1/p = 370.4;
- rules 1, 2, 5, 6, 7 and 8 depend only on which sigma zone each point falls in, so they are
  computed exactly with a Markov chain over the zone history the rules need (Champ & Woodall,
  1987): ARL0 = e0' (I - Q)^-1 1 and P(no signal in N points) = e0' Q^N 1;
- rules 3 (trend) and 4 (alternation) depend on the order of the values, not only their zones;
  with either of them the whole set is estimated by a seeded Monte Carlo (``n_sim`` runs to
  the first signal, the seed and the standard errors reported).

The R, S and MR panels plot non-normal statistics; :func:`dispersion_false_alarm` gives the
exact per-point rule-1 probability for them (range, chi and half-normal distributions).

>>> round(false_alarm_rate([1]).arl0, 1)
370.4
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable
from typing import Any

import numpy as np

from .._result import ToolResult, fmt
from .rules import check_rules

ZONE_RULES = frozenset({1, 2, 5, 6, 7, 8})
DEFAULT_SEED = 20240601


@dataclasses.dataclass
class FalseAlarm(ToolResult):
    """In-control risk of a rule set on one chart panel.

    ``arl0`` is the expected number of points up to the first (false) signal, ``p_per_point``
    the per-point signal probability where the points are independent (else ``None``), and
    ``p_any_signal`` the probability of at least one signal among ``n_points`` points.
    """

    panel: str
    rules: list[int]
    n_points: int
    arl0: float | None
    p_any_signal: float | None
    p_per_point: float | None
    method: str
    arl0_se: float | None = None
    p_any_signal_se: float | None = None
    n_sim: int | None = None
    seed: int | None = None
    note: str = ""

    def summary(self) -> str:
        arl = fmt(self.arl0, 5) if self.arl0 is not None else "n/a"
        if self.arl0_se is not None:
            arl += f" (MC s.e. {fmt(self.arl0_se, 3)})"
        p_any = "n/a" if self.p_any_signal is None else f"{self.p_any_signal:.2%}"
        line = (
            f"{self.panel} rules {self.rules}: in-control ARL0 = {arl}, "
            f"P(any false signal in {self.n_points} points) = {p_any} [{self.method}]"
        )
        return line + (f"; {self.note}" if self.note else "")


# ----------------------------------------------------------------------------- zone Markov chain


def _zone_probs() -> list[tuple[int, int, float]]:
    """(sign, zone, probability) for the 8 cells: zone 0 = within 1 sigma, 1 = 1-2, 2 = 2-3,
    3 = beyond 3 sigma, on each side."""
    from scipy import stats

    cuts = stats.norm.cdf([0.0, 1.0, 2.0, 3.0])
    probs = [cuts[1] - cuts[0], cuts[2] - cuts[1], cuts[3] - cuts[2], stats.norm.sf(3.0)]
    return [(s, b, float(p)) for s in (1, -1) for b, p in enumerate(probs)]


def _zone_step(rules: frozenset[int], side_run: int) -> Callable[[tuple, int, int], tuple | None]:
    """The transition of the zone chain: state x (sign, zone) -> next state, or None on a signal.

    A state is (history of the last 4 (or 2) points as sign * level, signed run on one side,
    run within 1 sigma, run beyond 1 sigma); components a rule set does not need stay 0.
    """
    hist_len = 4 if 6 in rules else (2 if 5 in rules else 0)

    def step(state: tuple, sign: int, zone: int) -> tuple | None:
        hist, side, run_in, run_out = state
        if 1 in rules and zone == 3:
            return None
        if 5 in rules and zone >= 2 and sum(h * sign >= 2 for h in hist[-2:]) >= 1:
            return None
        if 6 in rules and zone >= 1 and sum(h * sign >= 1 for h in hist[-4:]) >= 3:
            return None
        if 2 in rules:
            side = side + sign if side * sign > 0 else sign
            if abs(side) >= side_run:
                return None
        if 7 in rules:
            run_in = run_in + 1 if zone == 0 else 0
            if run_in >= 15:
                return None
        if 8 in rules:
            run_out = run_out + 1 if zone >= 1 else 0
            if run_out >= 8:
                return None
        if hist_len:
            level = min(zone, 2) if 6 in rules else (2 if zone >= 2 else 0)
            hist = (hist + (sign * level,))[-hist_len:]
        return (hist, side, run_in, run_out)

    return step


def _transient_matrix(cells: Any, step: Any) -> Any:
    """The transient part Q of the run-rule Markov chain (sparse CSR; state 0 = start): every
    state reachable from the start by points in ``cells`` = (sign, zone, probability), with
    ``step`` returning None when a point signals."""
    from scipy import sparse

    init: tuple = ((), 0, 0, 0)
    index = {init: 0}
    frontier = [init]
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    while frontier:
        nxt = []
        for state in frontier:
            i = index[state]
            for sign, zone, p in cells:
                new = step(state, sign, zone)
                if new is None:
                    continue
                if new not in index:
                    index[new] = len(index)
                    nxt.append(new)
                rows.append(i)
                cols.append(index[new])
                vals.append(p)
        frontier = nxt
    size = len(index)
    return sparse.csr_matrix((vals, (rows, cols)), shape=(size, size))


@functools.lru_cache(maxsize=64)
def _zone_chain(rules: frozenset[int], n_points: int, side_run: int = 9) -> tuple[float, float]:
    """Exact (ARL0, P(any signal in n_points)) for a set of zone rules."""
    from scipy import sparse
    from scipy.sparse.linalg import spsolve

    q = _transient_matrix(_zone_probs(), _zone_step(rules, side_run))
    size = q.shape[0]
    ones = np.ones(size)
    arl = float(spsolve((sparse.identity(size, format="csc") - q.tocsc()), ones)[0])
    v = np.zeros(size)
    v[0] = 1.0
    for _ in range(n_points):
        v = q.T @ v
    return arl, float(1.0 - v.sum())


# ----------------------------------------------------------------------------- Monte Carlo


def first_signals(
    rules: Any, draw: Callable[[int, np.ndarray], np.ndarray], n: int, max_len: int
) -> np.ndarray:
    """Run ``n`` series point by point until each signals under ``rules``; return the 1-based
    index of each series' first signal (``max_len + 1`` if none by ``max_len``).

    ``draw(t, rows)`` returns the standardised values at time ``t`` (0-based) for the series
    ``rows`` still running. The rules are those of :func:`~havoc_tools.spc.rules.rule_violations`
    (a signal at the point that completes the pattern)."""
    rs = set(check_rules(rules))
    first = np.full(n, max_len + 1, dtype=np.int64)
    rows = np.arange(n)
    prev = np.zeros(n)
    prev_dz = np.zeros(n)
    up = np.zeros(n, dtype=np.int64)
    down = np.zeros(n, dtype=np.int64)
    alt = np.zeros(n, dtype=np.int64)
    side = np.zeros(n, dtype=np.int64)
    run_in = np.zeros(n, dtype=np.int64)
    run_out = np.zeros(n, dtype=np.int64)
    hist = np.zeros((n, 4))  # the last 4 values, oldest first; NaN = before the start
    hist[:] = np.nan
    for t in range(max_len):
        if rows.size == 0:
            break
        z = np.asarray(draw(t, rows), dtype=np.float64)
        sig = np.zeros(rows.size, dtype=bool)
        if 1 in rs:
            sig |= np.abs(z) > 3
        if 2 in rs:
            s = np.sign(z).astype(np.int64)
            side = np.where(side * s > 0, side + s, s)
            sig |= np.abs(side) >= 9
        dz = z - prev if t > 0 else np.zeros_like(z)
        if 3 in rs:
            up = np.where(dz > 0, up + 1, 0) if t > 0 else up
            down = np.where(dz < 0, down + 1, 0) if t > 0 else down
            sig |= (up >= 5) | (down >= 5)
        if 4 in rs:
            alt = np.where(dz * prev_dz < 0, alt + 1, 0) if t > 1 else alt
            sig |= alt >= 12
        if 5 in rs:
            for sgn in (1.0, -1.0):
                beyond = np.nan_to_num(hist[:, 2:] * sgn, nan=0.0) > 2
                sig |= (z * sgn > 2) & (beyond.sum(axis=1) >= 1)
        if 6 in rs:
            for sgn in (1.0, -1.0):
                beyond = np.nan_to_num(hist * sgn, nan=0.0) > 1
                sig |= (z * sgn > 1) & (beyond.sum(axis=1) >= 3)
        if 7 in rs:
            run_in = np.where(np.abs(z) < 1, run_in + 1, 0)
            sig |= run_in >= 15
        if 8 in rs:
            run_out = np.where(np.abs(z) > 1, run_out + 1, 0)
            sig |= run_out >= 8
        first[rows[sig]] = t + 1
        keep = ~sig
        rows = rows[keep]
        prev_dz, prev = dz[keep], z[keep]
        up, down, alt, side = up[keep], down[keep], alt[keep], side[keep]
        run_in, run_out = run_in[keep], run_out[keep]
        hist = np.concatenate([hist[keep, 1:], z[keep, None]], axis=1)
    return first


@functools.lru_cache(maxsize=32)
def _monte_carlo(
    rules: frozenset[int], n_points: int, n_sim: int, seed: int
) -> tuple[float, float, float, float, int]:
    rng = np.random.default_rng(seed)
    max_len = 1_000_000
    first = first_signals(
        sorted(rules), lambda t, rows: rng.standard_normal(rows.size), n_sim, max_len
    )
    censored = int((first > max_len).sum())
    rl = first.astype(np.float64)
    arl, arl_se = float(rl.mean()), float(rl.std(ddof=1) / math.sqrt(n_sim))
    p_any = float((first <= n_points).mean())
    return arl, arl_se, p_any, math.sqrt(p_any * (1 - p_any) / n_sim), censored


# ----------------------------------------------------------------------------- public


def false_alarm_rate(
    rules: Any = (1,),
    n_points: int = 25,
    *,
    n_sim: int = 20_000,
    seed: int = DEFAULT_SEED,
    panel: str = "standard normal",
) -> FalseAlarm:
    """In-control ARL0 and P(at least one false signal in ``n_points`` points) of a rule set
    applied to independent standard-normal points (an in-control X-bar or I chart with known
    limits). Exact for rule 1 and for sets of the zone rules 1, 2, 5, 6, 7, 8; a seeded Monte
    Carlo of ``n_sim`` runs when rule 3 or 4 is in the set.

    >>> r = false_alarm_rate([1], n_points=25)
    >>> round(r.arl0, 2), round(r.p_any_signal, 4)
    (370.4, 0.0654)
    """
    rs = check_rules(rules)
    if not rs:
        raise ValueError("false_alarm_rate: give at least one rule")
    if isinstance(n_points, bool) or not isinstance(n_points, (int, np.integer)) or n_points < 1:
        raise ValueError(f"n_points must be a positive integer, got {n_points!r}")
    if isinstance(n_sim, bool) or not isinstance(n_sim, (int, np.integer)) or n_sim < 100:
        raise ValueError(f"n_sim must be an integer of at least 100, got {n_sim!r}")
    n_points = int(n_points)
    if rs == [1]:
        from scipy import stats

        p = float(2 * stats.norm.sf(3.0))
        return FalseAlarm(
            panel,
            rs,
            n_points,
            1.0 / p,
            float(-np.expm1(n_points * np.log1p(-p))),
            p,
            "exact: p = 2 Phi(-3) per independent point, ARL0 = 1/p",
        )
    if set(rs) <= ZONE_RULES:
        arl, p_any = _zone_chain(frozenset(rs), n_points)
        return FalseAlarm(
            panel, rs, n_points, arl, p_any, None, "exact: Markov chain over sigma zones"
        )
    arl, arl_se, p_any, p_se, censored = _monte_carlo(frozenset(rs), n_points, int(n_sim), seed)
    note = f"{censored} runs had no signal in 10^6 points (ARL0 understated)" if censored else ""
    return FalseAlarm(
        panel,
        rs,
        n_points,
        arl,
        p_any,
        None,
        f"Monte Carlo: {n_sim} in-control runs to the first signal, seed {seed}",
        arl0_se=arl_se,
        p_any_signal_se=p_se,
        n_sim=int(n_sim),
        seed=seed,
        note=note,
    )


@functools.lru_cache(maxsize=256)
def _range_cdf(w: float, n: int) -> float:
    """P(range of n standard normals <= w) = n int phi(x) (Phi(x + w) - Phi(x))^(n-1) dx."""
    from scipy import integrate, stats

    if w <= 0:
        return 0.0

    def f(x: float) -> float:
        return float(stats.norm.pdf(x) * (stats.norm.cdf(x + w) - stats.norm.cdf(x)) ** (n - 1))

    val, _ = integrate.quad(f, -np.inf, np.inf, epsabs=1e-13, epsrel=1e-11, limit=200)
    return float(n * val)


def dispersion_false_alarm(
    chart: str, n: int, n_points: int, rules: list[int], *, lcl: float, ucl: float
) -> FalseAlarm:
    """Rule-1 false-alarm risk of an R (``chart="R"``), S or MR panel whose limits are
    ``lcl``..``ucl`` in units of the process sigma (normal data, known sigma)."""
    from scipy import stats

    panel = chart
    if rules != [1]:
        return FalseAlarm(
            panel,
            rules,
            n_points,
            None,
            None,
            None,
            "not computed",
            note="only rule 1 is computed for a dispersion panel (its points are not normal)",
        )
    if chart == "R":
        p = 1.0 - _range_cdf(ucl, n) + _range_cdf(lcl, n)
        how = f"exact: distribution of the range of {n} normals"
    elif chart == "S":
        df = n - 1
        p = float(stats.chi2.sf(df * ucl**2, df) + stats.chi2.cdf(df * lcl**2, df))
        how = f"exact: (n-1) S^2 / sigma^2 ~ chi-square({df})"
    elif chart == "MR":
        # |x_i - x_{i-1}| / sigma ~ sqrt(2) |N(0, 1)|
        p = float(2 * stats.norm.sf(ucl / math.sqrt(2)))
        how = "exact per point: MR / sigma ~ sqrt(2) |N(0, 1)|"
    else:
        raise ValueError(f"chart must be 'R', 'S' or 'MR', got {chart!r}")
    if chart == "MR":
        return FalseAlarm(
            panel,
            rules,
            n_points,
            None,
            None,
            p,
            how,
            note="successive moving ranges share a point, so ARL0 is not 1/p",
        )
    return FalseAlarm(
        panel, rules, n_points, 1.0 / p, float(-np.expm1(n_points * np.log1p(-p))), p, how
    )
