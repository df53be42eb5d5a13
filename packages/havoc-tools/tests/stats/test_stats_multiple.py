"""Multiple comparisons and related-samples tests against statsmodels and scipy."""

from __future__ import annotations

import havoc_tools.stats as hs
import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy import stats

RNG = np.random.default_rng(20240601)

# Dunnett (1955): blood counts, control and two drugs (the example in scipy's documentation)
CONTROL = [7.40, 8.50, 7.20, 8.24, 9.84, 8.32]
DRUG_A = [9.76, 8.80, 7.68, 9.36]
DRUG_B = [12.80, 9.68, 12.16, 9.20, 10.55]


@pytest.mark.parametrize("method", ["bonferroni", "holm", "fdr_bh"])
@pytest.mark.parametrize("seed", range(5))
def test_p_adjust_matches_statsmodels(method: str, seed: int) -> None:
    from statsmodels.stats.multitest import multipletests

    rng = np.random.default_rng(seed)
    p = np.concatenate([rng.uniform(0, 0.05, 4), rng.uniform(0, 1, 8), [0.03, 0.03]])
    r = hs.p_adjust(p, method=method, alpha=0.05)
    reject, ref, _, _ = multipletests(p, alpha=0.05, method=method)
    assert_allclose(r.p_adjusted, ref, rtol=1e-14)
    assert r.reject == reject.tolist()
    assert r.p_values == p.tolist()


def test_p_adjust_bad_input() -> None:
    with pytest.raises(ValueError, match="method"):
        hs.p_adjust([0.1], method="sidak-ish")
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        hs.p_adjust([0.1, 1.5])
    with pytest.raises(ValueError, match="empty"):
        hs.p_adjust([])


@pytest.mark.parametrize("alternative", ["two-sided", "greater", "less"])
def test_dunnett_matches_scipy(alternative: str) -> None:
    r = hs.dunnett({"ctl": CONTROL, "a": DRUG_A, "b": DRUG_B}, alternative=alternative)
    ref = stats.dunnett(DRUG_A, DRUG_B, control=CONTROL, alternative=alternative, random_state=1)
    ci = ref.confidence_interval(0.95)
    assert [row.group2 for row in r.comparisons] == ["a", "b"]
    assert_allclose([row.statistic for row in r.comparisons], ref.statistic, rtol=1e-12)
    # both integrate the multivariate t by randomised QMC: ~3-4 digits
    assert_allclose([row.p_adj for row in r.comparisons], ref.pvalue, atol=2e-3)
    for row, lo, hi in zip(r.comparisons, ci.low, ci.high, strict=True):
        if np.isfinite(lo):
            assert row.ci_low == pytest.approx(lo, abs=5e-3)
        if np.isfinite(hi):
            assert row.ci_high == pytest.approx(hi, abs=5e-3)
    assert all(row.statistic_name == "t" for row in r.comparisons)


def test_dunnett_control_by_name_and_errors() -> None:
    r = hs.dunnett({"a": DRUG_A, "ctl": CONTROL, "b": DRUG_B}, control="ctl")
    assert {row.group1 for row in r.comparisons} == {"ctl"}
    with pytest.raises(ValueError, match="control 'zzz'"):
        hs.dunnett({"a": DRUG_A, "ctl": CONTROL}, control="zzz")


def test_friedman_matches_scipy_with_ties() -> None:
    x = RNG.integers(1, 6, (12, 4)).astype(float)
    r = hs.friedman(x)
    ref = stats.friedmanchisquare(*x.T)
    assert_allclose([r.statistic, r.p_value], [ref.statistic, ref.pvalue], rtol=1e-12)
    assert r.df == 3
    with pytest.raises(ValueError, match="at least 3 conditions"):
        hs.friedman(x[:, :2])


@pytest.mark.parametrize("table", [[[10, 5], [12, 30]], [[100, 40], [20, 60]], [[3, 0], [4, 9]]])
@pytest.mark.parametrize("exact", [True, False])
def test_mcnemar_matches_statsmodels(table: list, exact: bool) -> None:
    from statsmodels.stats.contingency_tables import mcnemar

    r = hs.mcnemar(table, exact=exact)
    ref = mcnemar(np.array(table), exact=exact, correction=True)
    assert_allclose([r.statistic, r.p_value], [ref.statistic, ref.pvalue], rtol=1e-12)


def test_mcnemar_bad_tables() -> None:
    with pytest.raises(ValueError, match="2 x 2"):
        hs.mcnemar([[1, 2, 3], [4, 5, 6]])
    with pytest.raises(ValueError, match="discordant"):
        hs.mcnemar([[5, 0], [0, 7]])


def test_cochran_q_matches_statsmodels_and_pingouin() -> None:
    import pandas as pd
    import pingouin as pg
    from statsmodels.stats.contingency_tables import cochrans_q

    x = RNG.integers(0, 2, (20, 4))
    r = hs.cochran_q(x)
    ref = cochrans_q(x)
    assert_allclose([r.statistic, r.p_value], [ref.statistic, ref.pvalue], rtol=1e-12)
    long = pd.DataFrame(
        [(i, f"c{j}", x[i, j]) for i in range(20) for j in range(4)], columns=["s", "c", "y"]
    )
    pref = pg.cochran(long, dv="y", within="c", subject="s")
    assert_allclose(r.statistic, pref["Q"].iloc[0], rtol=1e-12)
    with pytest.raises(ValueError, match="0 or 1"):
        hs.cochran_q([[0, 2], [1, 1]])
