"""Cross-tabulation, chi-square from label columns and the Cochran-Mantel-Haenszel test against
pandas, scipy, statsmodels' StratifiedTable and R's mantelhaen.test."""

from __future__ import annotations

import json

import havoc_tools.stats as hs
import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from scipy import stats
from statsmodels.stats.contingency_tables import StratifiedTable

# R's UCBAdmissions: Admit (Admitted, Rejected) x Gender (Male, Female), one table per department
UCB = np.array(
    [
        [[512, 89], [313, 19]],
        [[353, 17], [207, 8]],
        [[120, 202], [205, 391]],
        [[138, 131], [279, 244]],
        [[53, 94], [138, 299]],
        [[22, 24], [351, 317]],
    ],
    dtype=float,
)
# R's ?mantelhaen.test "Penicillin and Rabbits": cured / died by dose, in 5 strata
RABBITS = np.array(
    [
        [[0, 6], [0, 5]],
        [[3, 3], [0, 6]],
        [[6, 0], [2, 4]],
        [[5, 1], [6, 0]],
        [[2, 0], [5, 0]],
    ],
    dtype=float,
)


def _long(tables: np.ndarray) -> pd.DataFrame:
    rows = []
    for k, t in enumerate(tables):
        for i, a in enumerate(("a1", "a2")):
            for j, b in enumerate(("b1", "b2")):
                rows += [(a, b, f"s{k}")] * int(t[i, j])
    return pd.DataFrame(rows, columns=["a", "b", "s"])


def _statsmodels(tables: np.ndarray) -> StratifiedTable:
    return StratifiedTable(np.transpose(tables, (1, 2, 0)))


def test_crosstab_matches_pandas_and_counts_missing_labels() -> None:
    a = ["x", "y", None, "x", "y", "y", "x", np.nan]
    b = ["u", "u", "v", "v", "v", None, "u", "u"]
    t = hs.crosstab(a, b, names=("a", "b"))
    keep = [i for i in range(8) if a[i] is not None and a[i] == a[i] and b[i] is not None]
    ref = pd.crosstab(pd.Series([a[i] for i in keep]), pd.Series([b[i] for i in keep]))
    assert t.to_numpy().tolist() == ref.to_numpy().tolist() == [[2, 1], [1, 1]]
    assert t.attrs["n_dropped"] == 3


def test_chi2_from_label_columns_reports_expected_counts_and_labels() -> None:
    rng = np.random.default_rng(7)
    a = rng.choice(["low", "mid", "high"], 200)
    b = rng.choice(["pass", "fail"], 200, p=[0.7, 0.3])
    r = hs.chi2_independence(hs.crosstab(a, b))
    table = pd.crosstab(a, b).to_numpy()
    ref = stats.chi2_contingency(table)
    assert_allclose([r.statistic, r.p_value], [ref.statistic, ref.pvalue], rtol=1e-12)
    assert_allclose(r.extra["expected"], ref.expected_freq, rtol=1e-12)
    assert r.extra["observed"] == table.tolist()
    assert r.extra["row_labels"] == ["high", "low", "mid"]
    assert r.extra["column_labels"] == ["fail", "pass"]
    assert r.extra["n_expected_below_5"] == int((ref.expected_freq < 5).sum())
    assert r.assumptions[0].name == "expected counts"


def test_chi2_expected_below_5_is_flagged() -> None:
    r = hs.chi2_independence([[1, 2], [3, 9]])
    assert r.extra["n_expected_below_5"] == 3 and r.extra["min_expected"] == pytest.approx(0.8)
    assert r.assumptions[0].passed is False


def test_mantel_haenszel_r_ucb_admissions() -> None:
    # R: mantelhaen.test(UCBAdmissions, correct=FALSE): X-squared = 1.5246, p-value = 0.2169,
    # common odds ratio 0.9046968, 95% CI 0.7719074 1.0603298;
    # DescTools::BreslowDayTest(UCBAdmissions): X-squared = 18.826, df = 5, p-value = 0.002071
    r = hs.mantel_haenszel(UCB, correction=False)
    assert round(r.statistic, 4) == 1.5246 and round(r.p_value, 4) == 0.2169
    assert round(r.estimate, 7) == 0.9046968
    assert (round(r.ci_low, 7), round(r.ci_high, 7)) == (0.7719074, 1.0603298)
    assert round(r.extra["breslow_day"], 3) == 18.826 and r.extra["breslow_day_df"] == 5
    assert round(r.extra["breslow_day_p_value"], 6) == 0.002071
    assert r.assumptions[0].passed is False


def test_mantel_haenszel_r_rabbits() -> None:
    # R ?mantelhaen.test: Mantel-Haenszel X-squared = 3.9286, df = 1, p-value = 0.04747,
    # common odds ratio 7, 95% CI 1.026713 47.725133
    r = hs.mantel_haenszel(RABBITS)
    assert round(r.statistic, 4) == 3.9286 and round(r.p_value, 5) == 0.04747
    assert r.estimate == pytest.approx(7.0, rel=1e-14)
    assert (round(r.ci_low, 6), round(r.ci_high, 6)) == (1.026713, 47.725133)
    # strata 1 and 5 have a zero margin: no information on homogeneity, df = 3 informative - 1
    assert r.extra["breslow_day_df"] == 2


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_mantel_haenszel_matches_statsmodels(seed: int) -> None:
    tables = np.random.default_rng(seed).integers(3, 40, size=(5, 2, 2)).astype(float)
    r = hs.mantel_haenszel(tables)
    st = _statsmodels(tables)
    assert_allclose(r.estimate, st.oddsratio_pooled, rtol=1e-13)
    assert_allclose([r.ci_low, r.ci_high], st.oddsratio_pooled_confint(), rtol=1e-12)
    n = tables.sum(axis=(1, 2))
    delta = np.sum(tables[:, 0, 0] - tables[:, 0].sum(1) * tables[:, :, 0].sum(1) / n)
    # statsmodels subtracts 0.5 even past zero; R (and we) skip the correction when |delta| < .5
    for corr, key in ((abs(delta) >= 0.5, "chi2_corrected"), (False, "chi2_uncorrected")):
        ref = st.test_null_odds(correction=corr)
        assert_allclose(r.extra[key], ref.statistic, rtol=1e-12)
        p_key = "p_value_corrected" if corr else "p_value_uncorrected"
        assert_allclose(r.extra[p_key], ref.pvalue, rtol=1e-9)
    bd, tarone = st.test_equal_odds(adjust=False), st.test_equal_odds(adjust=True)
    assert_allclose(r.extra["breslow_day"], bd.statistic, rtol=1e-9)
    assert_allclose(r.extra["breslow_day_p_value"], bd.pvalue, rtol=1e-7)
    assert_allclose(r.extra["breslow_day_tarone"], tarone.statistic, rtol=1e-9)
    assert r.statistic == r.extra["chi2_corrected"] and r.df == 1


def test_mantel_haenszel_from_long_data_equals_tables() -> None:
    tables = np.random.default_rng(4).integers(1, 12, size=(3, 2, 2)).astype(float)
    df = _long(tables)
    from_data = hs.mantel_haenszel(data=df, a="a", b="b", strata="s")
    from_tables = hs.mantel_haenszel(tables)
    positional = hs.mantel_haenszel(df, "a", "b", "s")
    assert positional.statistic == from_data.statistic
    assert_allclose(from_data.statistic, from_tables.statistic, rtol=1e-14)
    assert_allclose(from_data.estimate, from_tables.estimate, rtol=1e-14)
    assert from_data.extra["rows"] == ["a1", "a2"] and from_data.extra["strata"] == [
        "s0",
        "s1",
        "s2",
    ]
    json.dumps(from_data.to_dict(), allow_nan=False)
    assert "Breslow-Day" in from_data.summary()


def test_mantel_haenszel_continuity_never_overcorrects() -> None:
    # |sum(a - E a)| < 0.5: R applies no correction rather than crossing zero
    tables = np.array([[[5, 5], [5, 5]], [[6, 4], [4, 6]], [[4, 6], [6, 4]]], dtype=float)
    r = hs.mantel_haenszel(tables)
    assert r.statistic == pytest.approx(0.0) and r.extra["chi2_uncorrected"] == pytest.approx(0.0)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: hs.mantel_haenszel([[1, 2], [3, 4]]), "shape"),
        (lambda: hs.mantel_haenszel([[[1, 2], [3, -4]]]), "non-negative"),
        (lambda: hs.mantel_haenszel([[[1, 0], [0, 0]], [[2, 3], [4, 5]]]), "at least 2"),
        (lambda: hs.mantel_haenszel(data=pd.DataFrame({"a": [1]})), "strata="),
        (
            lambda: hs.mantel_haenszel(
                data=pd.DataFrame({"a": list("xyzx"), "b": list("uvuv"), "s": [1] * 4}),
                a="a",
                b="b",
                strata="s",
            ),
            "column 'a' must have exactly 2 levels",
        ),
        (lambda: hs.crosstab(["a", "a", "a"], ["x", "y", "x"]), "at least 2 different labels"),
        (lambda: hs.crosstab(["a", "b"], ["x", "y", "x"]), "different lengths"),
    ],
)
def test_bad_input_is_a_named_value_error(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()
