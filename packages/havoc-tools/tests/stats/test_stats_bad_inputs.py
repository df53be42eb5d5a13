"""Every bad input gives a ValueError that names the problem; hypothesis properties."""

from __future__ import annotations

import math

import havoc_tools.stats as hs
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

GOOD = [1.0, 2.0, 3.5, 4.0, 2.2]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: hs.ttest_1samp([1.0, float("nan"), 2.0]), "NaN"),
        (lambda: hs.ttest_1samp([1.0, float("inf"), 2.0]), "infinite"),
        (lambda: hs.ttest_1samp([]), "empty"),
        (lambda: hs.ttest_1samp([3.0, 3.0, 3.0]), "equal"),
        (lambda: hs.ttest_1samp([1.0]), "at least 2"),
        (lambda: hs.ttest_paired(GOOD, GOOD[:3]), "lengths differ"),
        (lambda: hs.ttest_ind(GOOD, ["a", "b"]), "numbers"),
        (lambda: hs.ttest_ind(GOOD, GOOD, alternative="bigger"), "alternative"),
        (lambda: hs.ttest_ind(GOOD, GOOD, alpha=1.5), "alpha"),
        (
            lambda: hs.ttest_ind(
                pd.DataFrame({"y": GOOD, "g": list("aabbb")}), dv="y", group="grp"
            ),
            "'grp' not found",
        ),
        (lambda: hs.anova_oneway([1.0, 2.0]), "groups"),
        (lambda: hs.anova_oneway([1.0, 1.0], [2.0, 2.0]), "constant"),
        (lambda: hs.welch_anova(GOOD, [1.0, 1.0, 1.0]), "constant"),
        (lambda: hs.anova_rm([[1.0, 2.0], [np.nan, 3.0]]), "NaN"),
        (lambda: hs.anova_rm([1.0, 2.0, 3.0]), "2-D"),
        (
            lambda: hs.anova_twoway(
                pd.DataFrame({"y": GOOD, "a": list("aabbb"), "b": list("xxxxx")}),
                dv="y",
                factors=("a", "b"),
            ),
            "at least 2 levels",
        ),
        (lambda: hs.chi2_gof([5, -1, 3]), "non-negative"),
        (lambda: hs.chi2_gof([5, 3], expected=[1, 2, 3]), "categories"),
        (lambda: hs.chi2_independence([[1, 2, 3]]), "2x2"),
        (lambda: hs.chi2_independence([[0, 0], [1, 2]]), "sums to zero"),
        (lambda: hs.fisher_exact([[1, 2, 3], [4, 5, 6]]), "2x2"),
        (lambda: hs.prop_test_1(12, 10), "exceed"),
        (lambda: hs.prop_test_1(3, 10, p0=1.0), "p0"),
        (lambda: hs.prop_test_2(3, 0, 2, 5), "trial"),
        (lambda: hs.shapiro_wilk([1.0, 2.0]), "at least 3"),
        (lambda: hs.anderson_darling([2.0] * 10), "equal"),
        (lambda: hs.levene(GOOD, GOOD, center="mode"), "center"),
        (lambda: hs.mann_whitney([1.0, 1.0], [1.0, 1.0]), "equal"),
        (lambda: hs.wilcoxon(GOOD, GOOD), "zero"),
        (lambda: hs.tost(GOOD, low=1.0, high=-1.0), "low < high"),
        (lambda: hs.power_ttest(0.5), "exactly one"),
        (lambda: hs.power_ttest(0.5, n=20, power=1.2), "exactly one"),
        (lambda: hs.power_ttest(0.5, power=1.2), "power"),
        (lambda: hs.power_anova(0.25, power=0.8, k=1), "k"),
        (lambda: hs.power_proportions(0.3, 0.3, power=0.8), "no effect"),
    ],
)
def test_bad_input_raises_named_value_error(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_results_are_json_serialisable() -> None:
    import json

    for res in (
        hs.ttest_ind(GOOD, [2.0, 5.0, 6.0, 4.4]),
        hs.anova_oneway(GOOD, [5.0, 6.0, 7.5]),
        hs.tukey_hsd(GOOD, [5.0, 6.0, 7.5], [1.0, 0.5, 2.0]),
        hs.power_anova(0.4, n=10, k=3),
    ):
        d = json.loads(res.to_json())
        assert d["kind"] == type(res).__name__
        assert isinstance(res.summary(), str) and res.summary()


def test_long_dataframe_and_dict_inputs_agree() -> None:
    a, b = [1.0, 2.0, 3.5, 4.0], [2.0, 5.0, 6.0, 4.4, 7.0]
    df = pd.DataFrame({"y": a + b, "g": ["p"] * 4 + ["q"] * 5})
    r1 = hs.ttest_ind(a, b)
    r2 = hs.ttest_ind(df, dv="y", group="g")
    r3 = hs.ttest_ind({"p": a, "q": pd.Series(b)})
    assert r1.statistic == r2.statistic == r3.statistic
    assert r2.n == {"p": 4, "q": 5}


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@settings(max_examples=40, deadline=None)
@given(st.lists(finite, min_size=3, max_size=30), st.floats(-100, 100), st.floats(0.01, 100))
def test_ttest_location_scale_invariance(xs: list[float], shift: float, scale: float) -> None:
    x = np.array(xs)
    if np.ptp(x) < 1e-3 * max(1.0, np.abs(x).max()):
        return
    base = hs.ttest_1samp(x, float(np.mean(x)) + 1.0)
    moved = hs.ttest_1samp(x * scale + shift, (float(np.mean(x)) + 1.0) * scale + shift)
    assert math.isclose(base.statistic, moved.statistic, rel_tol=1e-6, abs_tol=1e-6)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(finite, min_size=2, max_size=12), min_size=2, max_size=5))
def test_anova_matches_scipy_and_partitions_ss(groups: list[list[float]]) -> None:
    arrays = [np.array(g) for g in groups]
    allv = np.concatenate(arrays)
    if np.ptp(allv) < 1e-3 * max(1.0, np.abs(allv).max()) or all(np.ptp(a) == 0 for a in arrays):
        return
    res = hs.anova_oneway(arrays)
    b, w, t = res.table
    assert math.isclose(b.sum_sq + w.sum_sq, t.sum_sq, rel_tol=1e-9, abs_tol=1e-9)
    assert math.isclose(
        t.sum_sq, float(np.sum((allv - allv.mean()) ** 2)), rel_tol=1e-7, abs_tol=1e-6
    )
    ref = stats.f_oneway(*arrays)
    if np.isfinite(ref.statistic) and ref.statistic < 1e8:
        assert math.isclose(res.F, ref.statistic, rel_tol=1e-6, abs_tol=1e-9)


@settings(max_examples=25, deadline=None)
@given(st.floats(0.1, 1.5), st.floats(0.5, 0.95))
def test_power_solve_roundtrip(d: float, power: float) -> None:
    n = hs.power_ttest(d, power=power).n
    back = hs.power_ttest(d, n=n).power
    assert math.isclose(back, power, rel_tol=1e-7)
