"""t-tests far from unit scale, Tukey's small-group error and named pairwise statistics,
against scipy, statsmodels and pingouin."""

from __future__ import annotations

import warnings

import havoc_tools.stats as hs
import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from numpy.testing import assert_allclose
from scipy import stats

A0 = np.array([1.0, 2.0, 3.0, 4.5, 2.2])
B0 = np.array([2.0, 3.5, 4.0, 5.0, 4.1, 3.3])


@pytest.mark.parametrize("scale", [1e160, 1e-170, 2.0**900, 1e300])
@pytest.mark.parametrize("equal_var", [True, False])
def test_ttest_ind_far_from_unit_scale_matches_scipy_on_scaled_data(
    scale: float, equal_var: bool
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow on the way
        r = hs.ttest_ind(A0 * scale, B0 * scale, equal_var=equal_var)
    ref = stats.ttest_ind(A0, B0, equal_var=equal_var)
    assert_allclose([r.statistic, r.p_value, r.df], [ref.statistic, ref.pvalue, ref.df], rtol=1e-12)
    assert_allclose(r.estimate, (A0.mean() - B0.mean()) * scale, rtol=1e-12)
    ci = ref.confidence_interval(0.95)
    assert_allclose([r.ci_low, r.ci_high], [ci.low * scale, ci.high * scale], rtol=1e-12)
    assert_allclose(r.effect_size.value, pg.compute_effsize(A0, B0, eftype="cohen"), rtol=1e-10)


@pytest.mark.parametrize("scale", [1e160, 1e-170])
def test_one_sample_and_paired_far_from_unit_scale(scale: float) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        one = hs.ttest_1samp(A0 * scale, 2.0 * scale)
        paired = hs.ttest_paired(A0 * scale, B0[:5] * scale)
    ref1 = stats.ttest_1samp(A0, 2.0)
    ref2 = stats.ttest_rel(A0, B0[:5])
    assert_allclose([one.statistic, one.p_value], [ref1.statistic, ref1.pvalue], rtol=1e-12)
    assert_allclose([paired.statistic, paired.p_value], [ref2.statistic, ref2.pvalue], rtol=1e-12)
    assert_allclose(paired.estimate, (A0 - B0[:5]).mean() * scale, rtol=1e-12)


def test_ttest_unit_scale_results_unchanged_by_the_rescaling() -> None:
    # a power-of-two rescaling is exact: ordinary data give scipy's numbers to the last digits
    r = hs.ttest_ind(A0, B0)
    ref = stats.ttest_ind(A0, B0, equal_var=False)
    assert_allclose([r.statistic, r.p_value], [ref.statistic, ref.pvalue], rtol=1e-14)


def test_tukey_names_the_groups_with_too_few_values() -> None:
    with pytest.raises(ValueError, match="'group1', 'group2'"):
        hs.tukey_hsd([1.0], [2.0], [3.0, 4.0])
    with pytest.raises(ValueError, match="at least 2 values; too few in 'b'"):
        hs.tukey_hsd({"a": [1.0, 2.0], "b": [5.0], "c": [3.0, 4.0]})


def test_pairwise_rows_name_their_statistic() -> None:
    from statsmodels.stats.multicomp import pairwise_tukeyhsd

    rng = np.random.default_rng(1)
    groups = {"a": rng.normal(0, 1, 5), "b": rng.normal(1, 1, 7), "c": rng.normal(2, 1.5, 6)}
    tk = hs.tukey_hsd(groups)
    ref = pairwise_tukeyhsd(
        np.concatenate(list(groups.values())), np.repeat(list("abc"), [5, 7, 6])
    )
    assert all(r.statistic_name == "q" for r in tk.comparisons)
    assert_allclose([r.se for r in tk.comparisons], ref.std_pairs, rtol=1e-12)
    assert_allclose(
        [r.statistic for r in tk.comparisons], np.abs(ref.meandiffs) / ref.std_pairs, rtol=1e-12
    )
    gh = hs.games_howell(groups)
    assert all(r.statistic_name == "t" for r in gh.comparisons)
    df = pd.DataFrame(
        {"y": np.concatenate(list(groups.values())), "g": np.repeat(list("abc"), [5, 7, 6])}
    )
    for _, row in pg.pairwise_gameshowell(df, dv="y", between="g").iterrows():
        mine = gh.pair(row["A"], row["B"])
        assert_allclose(abs(mine.statistic), abs(row["T"]), rtol=1e-10)
    assert tk.to_dict()["comparisons"][0]["statistic_name"] == "q"
    assert " q " in tk.summary().splitlines()[1] + " "
