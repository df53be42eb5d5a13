"""ARL of Shewhart, EWMA and CUSUM charts against published tables and seeded simulations.

Published values: Montgomery, Introduction to Statistical Quality Control (6th ed.),
Table 9.3 "ARL performance of the tabular CUSUM with k = 1/2 and h = 4 or h = 5" (from the
Brook & Evans chain) and Table 9.11 "Average run lengths for several EWMA control schemes"
(adapted from Lucas & Saccucci 1990, Technometrics 32(1)). The tables print 3 significant
digits (two below 10), so the comparison is to 1% or half a unit of the last printed digit.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from havoc_tools.spc import arl, arl_cusum, arl_ewma, arl_shewhart, false_alarm_rate
from havoc_tools.spc.false_alarm import first_signals


def _close(got: list[float], printed: list[float]) -> None:
    for g, p in zip(got, printed, strict=True):
        decimals = len(repr(float(p)).split(".")[1]) if p < 10 else 0
        tol = max(0.01 * p, 0.5 * 10.0**-decimals + 1e-9)
        assert abs(g - p) <= tol, (g, p)


SHIFTS = [0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0]

# Montgomery Table 9.3
CUSUM_TABLE = {
    4.0: [168, 74.2, 26.6, 13.3, 8.38, 4.75, 3.34, 2.62, 2.19, 1.71],
    5.0: [465, 139, 38.0, 17.0, 10.4, 5.75, 4.01, 3.11, 2.57, 2.01],
}
# Montgomery Table 9.11 (Lucas & Saccucci 1990): (lambda, L) -> ARLs
EWMA_TABLE = {
    (0.40, 3.054): [500, 224, 71.2, 28.4, 14.3, 5.9, 3.5, 2.5, 2.0, 1.4],
    (0.25, 2.998): [500, 170, 48.2, 20.1, 11.1, 5.5, 3.6, 2.7, 2.3, 1.7],
    (0.20, 2.962): [500, 150, 41.8, 18.2, 10.5, 5.5, 3.7, 2.9, 2.4, 1.9],
    (0.10, 2.814): [500, 106, 31.3, 15.9, 10.3, 6.1, 4.4, 3.4, 2.9, 2.2],
    (0.05, 2.615): [500, 84.1, 28.8, 16.4, 11.4, 7.1, 5.2, 4.2, 3.5, 2.7],
}


@pytest.mark.parametrize("h", sorted(CUSUM_TABLE))
def test_cusum_matches_montgomery_table_9_3(h: float) -> None:
    _close(arl_cusum(SHIFTS, k=0.5, h=h).arl, CUSUM_TABLE[h])


def test_cusum_headline_values() -> None:
    r = arl_cusum([0, 1], k=0.5, h=5)
    assert round(r.arl[0]) == 465 and round(r.arl[1], 1) == 10.4


@pytest.mark.parametrize("lam_L", sorted(EWMA_TABLE))
def test_ewma_matches_lucas_saccucci(lam_L: tuple[float, float]) -> None:
    lam, L = lam_L
    _close(arl_ewma(SHIFTS, lam=lam, L=L).arl, EWMA_TABLE[lam_L])


def test_shewhart_rule_one_is_geometric() -> None:
    r = arl_shewhart([0, 1, 2])
    assert r.arl[0] == pytest.approx(370.398, abs=1e-3)
    assert r.arl[1] == pytest.approx(43.89, abs=0.01)  # Montgomery: ARL1 = 43.9 for a 1-sigma shift
    # subgroups of 4: a 1-sigma process shift is a 2-sigma shift of X-bar
    assert arl_shewhart([1], subgroup_size=4).arl[0] == pytest.approx(r.arl[2])


@pytest.mark.parametrize("rules", [[1, 2], [1, 5, 6], [1, 2, 5, 6, 7, 8]])
def test_shewhart_zone_chain_in_control_equals_false_alarm(rules: list[int]) -> None:
    assert arl_shewhart([0], rules=rules).arl[0] == pytest.approx(
        false_alarm_rate(rules).arl0, rel=1e-9
    )


def test_shewhart_zone_chain_against_simulation() -> None:
    rng = np.random.default_rng(11)
    rules = [1, 2, 5, 6]
    exact = arl_shewhart([1.0], rules=rules)
    first = first_signals(rules, lambda t, rows: rng.standard_normal(rows.size) + 1.0, 6000, 10**5)
    mc = first.mean()
    se = first.std(ddof=1) / math.sqrt(first.size)
    assert abs(mc - exact.arl[0]) < 4 * se
    assert first.std(ddof=1) == pytest.approx(exact.sdrl[0], rel=0.06)


def test_shewhart_monte_carlo_for_trend_rule_is_seeded() -> None:
    a = arl_shewhart([2.0], rules=[1, 3], n_sim=500, seed=5)
    b = arl_shewhart([2.0], rules=[1, 3], n_sim=500, seed=5)
    assert a.arl == b.arl and a.arl_se is not None
    assert a.arl[0] < arl_shewhart([2.0]).arl[0] + 4 * a.arl_se[0]


def _simulate(step, n: int, rng: np.random.Generator, max_len: int = 2000) -> np.ndarray:  # type: ignore[no-untyped-def]
    state = np.zeros((2, n))
    first = np.full(n, max_len + 1)
    alive = np.ones(n, dtype=bool)
    for t in range(1, max_len + 1):
        x = rng.standard_normal(n)
        state, signal = step(state, x)
        hit = alive & signal
        first[hit] = t
        alive &= ~signal
        if not alive.any():
            break
    return first


def test_ewma_and_cusum_against_seeded_simulation() -> None:
    rng = np.random.default_rng(2024)
    delta, lam, L = 1.0, 0.2, 2.962
    lim = L * math.sqrt(lam / (2 - lam))

    def ewma_step(s, x):  # type: ignore[no-untyped-def]
        z = lam * (x + delta) + (1 - lam) * s[0]
        return np.vstack([z, s[1]]), np.abs(z) > lim

    def cusum_step(s, x):  # type: ignore[no-untyped-def]
        up = np.maximum(0, s[0] + x + delta - 0.5)
        down = np.maximum(0, s[1] - (x + delta) - 0.5)
        return np.vstack([up, down]), (up > 4) | (down > 4)

    for step, exact in (
        (ewma_step, arl_ewma([delta], lam=lam, L=L)),
        (cusum_step, arl_cusum([delta], k=0.5, h=4)),
    ):
        rl = _simulate(step, 8000, rng)
        se = rl.std(ddof=1) / math.sqrt(rl.size)
        assert abs(rl.mean() - exact.arl[0]) < 4 * se, (rl.mean(), exact.arl[0])


def test_one_sided_cusum_and_dispatch() -> None:
    one = arl_cusum([0], k=0.5, h=5, two_sided=False).arl[0]
    two = arl_cusum([0], k=0.5, h=5).arl[0]
    assert two == pytest.approx(one / 2)
    assert arl("ewma", [0.5], lam=0.2, L=2.962).arl == arl_ewma([0.5], lam=0.2, L=2.962).arl


def test_arl_bad_input() -> None:
    with pytest.raises(ValueError, match="chart must be one of"):
        arl("xbar", [0])
    with pytest.raises(ValueError, match="lambda. must be in"):
        arl_ewma([0], lam=1.5)
    with pytest.raises(ValueError, match="h must be"):
        arl_cusum([0], h=-1)
    with pytest.raises(ValueError, match="shifts"):
        arl_cusum([])
    with pytest.raises(ValueError, match="n_states"):
        arl_ewma([0], n_states=5)
    with pytest.raises(ValueError, match="at most 50 shifts"):
        arl_cusum(list(range(51)))
    with pytest.raises(ValueError, match="n_sim must be at most"):
        arl_shewhart([0], rules=[1, 3], n_sim=10**7)
    with pytest.raises(ValueError, match="Nelson|rule"):
        arl_shewhart([0], rules=[9])
