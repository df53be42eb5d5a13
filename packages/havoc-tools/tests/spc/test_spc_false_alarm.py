"""Run-rule defaults and the in-control false-alarm risk of a rule set.

References: ARL0 = 1/(2 Phi(-3)) = 370.4 for rule 1; Champ & Woodall (1987, Technometrics 29,
Table 2) for the Western Electric zone rules with "8 in a row on one side": 225.44 (3 sigma +
2 of 3), 166.05 (3 sigma + 4 of 5), 152.73 (3 sigma + 8 in a row), 91.75 (all four); scipy's
studentized range at df = inf for the distribution of the range; plain simulation for the rest.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from havoc_tools.spc import (
    RULE_NAMES,
    false_alarm_rate,
    imr,
    nelson_rules,
    xbar_r,
    xbar_s,
)
from havoc_tools.spc.false_alarm import _monte_carlo, _zone_chain, first_signals
from havoc_tools.spc.rules import rule_violations
from scipy import stats


def test_rule_one_arl_is_one_over_p() -> None:
    p = 2 * stats.norm.sf(3.0)
    r = false_alarm_rate([1], n_points=25)
    assert r.arl0 == pytest.approx(1 / p, rel=1e-12)
    assert round(r.arl0, 1) == 370.4
    assert r.p_any_signal == pytest.approx(1 - (1 - p) ** 25, rel=1e-12)
    assert round(r.p_any_signal, 4) == 0.0654


@pytest.mark.parametrize(
    ("rules", "published"),
    [([1, 5], 225.44), ([1, 6], 166.05), ([1, 2], 152.73), ([1, 2, 5, 6], 91.75)],
)
def test_zone_chain_reproduces_champ_woodall(rules: list[int], published: float) -> None:
    # their run rule is 8 in a row on one side; ours (Nelson) is 9, so the chain is asked for 8
    arl, _ = _zone_chain(frozenset(rules), 25, side_run=8)
    assert round(arl, 2) == published


def test_zone_chain_p_any_signal_matches_the_tail_for_one_rule() -> None:
    arl, p_any = _zone_chain(frozenset({1}), 25)
    p = 2 * stats.norm.sf(3.0)
    assert arl == pytest.approx(1 / p, rel=1e-10)
    assert p_any == pytest.approx(1 - (1 - p) ** 25, rel=1e-10)


def test_chain_and_simulation_agree_on_the_zone_rules() -> None:
    rules = frozenset({1, 2, 5, 6, 7, 8})
    arl, p_any = _zone_chain(rules, 25)
    mc_arl, arl_se, mc_p, p_se, censored = _monte_carlo(rules, 25, 20_000, 7)
    assert censored == 0
    assert abs(mc_arl - arl) < 4 * arl_se
    assert abs(mc_p - p_any) < 4 * p_se


def test_vectorised_detector_matches_rule_violations() -> None:
    rng = np.random.default_rng(11)
    z = rng.normal(0, 1.4, (400, 40)) + np.linspace(-1, 1, 40) * rng.choice([-1, 0, 1], (400, 1))
    z[:50] = np.cumsum(rng.normal(0, 0.3, (50, 40)), axis=1)  # trends and same-side runs
    z[50:80] = np.tile([1.5, -1.5], 20) * rng.uniform(0.2, 1.0, (30, 1))  # alternation
    for rules in ([1], [2], [3], [4], [5], [6], [7], [8], list(range(1, 9))):
        first = first_signals(rules, lambda t, rows: z[rows, t], len(z), z.shape[1])
        for i in range(len(z)):
            hits = [j for v in rule_violations(z[i], rules).values() for j in v]
            want = min(hits) + 1 if hits else z.shape[1] + 1
            assert first[i] == want, (rules, i)


def test_monte_carlo_is_used_and_reported_for_trend_rules() -> None:
    r = false_alarm_rate("all", n_points=25, n_sim=5000, seed=3)
    assert r.n_sim == 5000 and r.seed == 3 and "Monte Carlo" in r.method
    assert r.arl0_se is not None and r.p_any_signal_se is not None
    # all eight rules: far more false alarms than rule 1 alone
    assert 60 < r.arl0 < 90
    assert 0.2 < r.p_any_signal < 0.3
    again = false_alarm_rate("all", n_points=25, n_sim=5000, seed=3)
    assert again.arl0 == r.arl0  # seeded


def test_range_distribution_against_scipy_studentized_range() -> None:
    from havoc_tools.spc.constants import constants
    from havoc_tools.spc.false_alarm import _range_cdf, dispersion_false_alarm

    for n in (2, 5, 10):
        for w in (0.5, 2.0, 4.0):
            assert _range_cdf(w, n) == pytest.approx(
                stats.studentized_range.cdf(w, n, np.inf), abs=1e-9
            )
    c = constants(5)
    r = dispersion_false_alarm("R", 5, 25, [1], lcl=c.D1, ucl=c.D2)
    assert r.p_per_point == pytest.approx(stats.studentized_range.sf(c.D2, 5, np.inf), rel=1e-6)
    # not the normal-theory 0.0027: the range is skewed
    assert 0.004 < r.p_per_point < 0.005


def test_default_charts_apply_rule_one_on_both_panels() -> None:
    data = np.random.default_rng(5).normal(10, 1, (25, 5))
    for ch in (xbar_r(data), xbar_s(data), imr(data[:, 0])):
        assert ch.rules == [1]
        assert all(list(p.violations) == [1] for p in ch.panels)
        centre = ch.panels[0].name
        assert round(ch.false_alarm[centre].arl0, 1) == 370.4
        assert ch.false_alarm[centre].n_points == len(ch.panels[0].values)
    ch = xbar_s(data)
    df = 4
    c = xbar_s(data).false_alarm["S"]
    from havoc_tools.spc.constants import constants

    k = constants(5)
    assert c.p_per_point == pytest.approx(
        stats.chi2.sf(df * k.B6**2, df) + stats.chi2.cdf(df * k.B5**2, df), rel=1e-12
    )
    mr = imr(data[:, 0]).false_alarm["MR"]
    assert mr.p_per_point == pytest.approx(2 * stats.norm.sf(constants(2).D2 / math.sqrt(2)))
    assert mr.arl0 is None  # successive moving ranges are dependent
    assert "ARL0" in ch.summary()


def test_default_false_alarms_on_in_control_data_are_rare() -> None:
    # the old default (all eight rules, rules 1-4 on the R panel too) flagged about a third of
    # in-control 25-point charts; with rule 1 on both panels it is about 1 - (1 - 0.0027)^25 x
    # (1 - p_R)^25 ~ 16 % in phase II, and simulation agrees
    rng = np.random.default_rng(99)
    n_charts = 400
    flagged = sum(
        not xbar_r(rng.normal(0, 1, (25, 5)), mean=0.0, sigma=1.0).in_control
        for _ in range(n_charts)
    )
    ch = xbar_r(rng.normal(0, 1, (25, 5)), mean=0.0, sigma=1.0)
    expected = 1 - (1 - ch.false_alarm["Xbar"].p_any_signal) * (
        1 - ch.false_alarm["R"].p_any_signal
    )
    se = math.sqrt(expected * (1 - expected) / n_charts)
    assert abs(flagged / n_charts - expected) < 4 * se
    old = sum(
        not xbar_r(rng.normal(0, 1, (25, 5)), mean=0.0, sigma=1.0, rules="all").in_control
        for _ in range(100)
    )
    assert old / 100 > expected + 0.1


def test_rules_opt_in_by_number_name_or_all() -> None:
    data = np.random.default_rng(5).normal(10, 1, (25, 5))
    ch = xbar_r(data, rules=["same_side", "two_of_three", 1])
    assert ch.rules == [1, 2, 5]
    assert list(ch.panel("R").violations) == [1, 2]  # only rules 1-4 on the R panel
    assert ch.false_alarm["Xbar"].method.startswith("exact: Markov")
    assert ch.false_alarm["R"].arl0 is None  # runs rules on R are not computed
    ch = xbar_r(data, rules=[1, 2, 5], dispersion_rules=[1])
    assert list(ch.panel("R").violations) == [1]
    assert xbar_r(data, rules="all").rules == list(range(1, 9))
    assert set(RULE_NAMES.values()) == set(range(1, 9))
    assert nelson_rules([0, 0, 0, 4, 0], 0, 1, rules="beyond_limits").violations == {1: [3]}
    with pytest.raises(ValueError, match="rule numbers 1-8 or names"):
        xbar_r(data, rules=["nonsense"])
    with pytest.raises(ValueError, match="only rules 1-4"):
        xbar_r(data, dispersion_rules=[5])


@pytest.mark.parametrize(
    "call",
    [
        lambda: xbar_r(np.full((10, 4), 3.0)),
        lambda: xbar_s(np.full((10, 4), 3.0)),
        lambda: imr(np.full(10, 3.0)),
    ],
)
def test_constant_data_has_no_limits(call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="constant data"):
        call()


def test_constant_data_is_fine_against_given_standards() -> None:
    ch = xbar_r(np.full((10, 4), 3.0), mean=3.0, sigma=0.5)
    assert ch.in_control


def test_false_alarm_rate_bad_input() -> None:
    with pytest.raises(ValueError, match="n_points"):
        false_alarm_rate([1], n_points=0)
    with pytest.raises(ValueError, match="at least one rule"):
        false_alarm_rate([])
    with pytest.raises(ValueError, match="rule"):
        false_alarm_rate([9])


def test_dsl_rules_by_name() -> None:
    from havoc_tools.dsl import run

    data = "data t = table(x=[1.0, 2.1, 1.5, 1.8, 2.2, 1.9, 1.7, 2.0])\n"
    res = run(data + "chart imr t.x rules=[beyond_limits, same_side, 5]")
    assert res.ok and res.results[-1].result["rules"] == [1, 2, 5]
    assert run(data + "chart imr t.x").results[-1].result["rules"] == [1]
    bad = run(data + "chart imr t.x rules=[bogus]")
    assert not bad.ok and "same_side" in bad.error["text"]
