"""describe() against pandas, scipy and hand-worked quartile positions (numpy linear and
Minitab's (n + 1)p)."""

from __future__ import annotations

import json

import havoc_tools.stats as hs
import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from scipy import stats

RNG = np.random.default_rng(8)
X = np.round(RNG.gamma(3.0, 2.0, 37), 1)  # rounded so that modes exist


def test_single_sample_matches_pandas_and_scipy() -> None:
    r = hs.describe(X)
    s = pd.Series(X)
    want = {
        "n": 37,
        "n_missing": 0,
        "mean": s.mean(),
        "median": s.median(),
        "min": s.min(),
        "max": s.max(),
        "range": s.max() - s.min(),
        "q1": s.quantile(0.25),
        "q3": s.quantile(0.75),
        "iqr": s.quantile(0.75) - s.quantile(0.25),
        "std": s.std(),
        "variance": s.var(),
        "se_mean": s.sem(),
        "skewness": s.skew(),
        "kurtosis": s.kurt(),
        "cv": s.std() / s.mean(),
        "sum": s.sum(),
    }
    for key, value in want.items():
        assert_allclose(getattr(r, key), value, rtol=1e-13, err_msg=key)
    assert_allclose(r.skewness, stats.skew(X, bias=False), rtol=1e-13)
    assert_allclose(r.kurtosis, stats.kurtosis(X, bias=False, fisher=True), rtol=1e-13)
    assert r.mode == sorted(s.mode().tolist())
    assert r.mode_count == int(s.value_counts().max())


def test_quartile_definitions_by_hand() -> None:
    data = [7.0, 1.0, 3.0, 9.0, 4.0, 12.0, 5.0, 8.0, 10.0, 2.0]  # sorted: 1 2 3 4 5 7 8 9 10 12
    lin = hs.describe(data)  # positions 1 + 9p: 3.25 -> 3.25, 7.75 -> 8.75
    assert (lin.q1, lin.median, lin.q3) == (3.25, 6.0, 8.75)
    mtb = hs.describe(data, method="minitab")  # positions 11p: 2.75 -> 2.75, 8.25 -> 9.25
    assert (mtb.q1, mtb.median, mtb.q3) == (2.75, 6.0, 9.25)
    assert "Minitab" in mtb.quantile_method and "type 7" in lin.quantile_method
    assert_allclose([mtb.q1, mtb.q3], np.quantile(data, [0.25, 0.75], method="weibull"), rtol=1e-15)


def test_missing_values_are_counted_not_used() -> None:
    x = np.r_[X, np.nan, np.nan]
    r = hs.describe(pd.Series(x, name="thickness"))
    assert r.n == 37 and r.n_missing == 2 and r.variable == "thickness"
    assert_allclose(r.mean, np.nanmean(x), rtol=1e-14)


def test_modes_and_undefined_statistics() -> None:
    assert hs.describe([1, 2, 3, 4]).mode == []
    assert "all values are unique" in hs.describe([1, 2, 3, 4]).mode_note
    two = hs.describe([1, 1, 2, 2, 3])
    assert two.mode == [1.0, 2.0] and "no unique mode" in two.mode_note
    one = hs.describe([4.2])
    assert one.std is None and one.se_mean is None and one.skewness is None and one.cv is None
    flat = hs.describe([3.0, 3.0, 3.0, 3.0])
    assert flat.std == 0 and flat.skewness is None and flat.kurtosis is None
    assert hs.describe([-1.0, 1.0, -2.0, 2.0]).cv is None  # mean 0: no CV rather than inf
    assert hs.describe([1.0, 2.0, 4.0]).kurtosis is None  # needs 4 values


def test_grouped_and_several_columns_match_pandas_groupby() -> None:
    df = pd.DataFrame(
        {"y": X[:36], "z": X[:36] ** 0.5, "g": np.tile(["b", "a", "c"], 12), "t": "x"}
    )
    r = hs.describe(df, ["y", "z"], by="g")
    assert [(row.variable, row.group) for row in r.rows] == [
        (v, g) for v in ("y", "z") for g in ("b", "a", "c")
    ]
    ref = df.groupby("g")[["y", "z"]].agg(["mean", "std", "skew", "median"])
    for row in r.rows:
        for stat in ("mean", "std", "skew", "median"):
            key = {"skew": "skewness"}.get(stat, stat)
            assert_allclose(getattr(row, key), ref.loc[row.group, (row.variable, stat)], 1e-13)
    assert r.row("z", "c").n == 12
    every = hs.describe(df)  # numeric columns only
    assert [row.variable for row in every.rows] == ["y", "z"]
    with pytest.raises(AttributeError):
        _ = every.mean  # several rows: no single mean


def test_json_and_summary() -> None:
    r = hs.describe(X)
    d = r.to_dict()
    json.dumps(d, allow_nan=False)
    assert d["mean"] == r.mean and d["rows"][0]["q3"] == r.q3 and d["kind"] == "DescriptiveResult"
    text = r.summary()
    assert "median" in text and "mode" in text and "quartiles" in text


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: hs.describe(["a", "b"]), "numeric"),
        (lambda: hs.describe([np.nan, np.nan]), "at least 1 non-missing"),
        (lambda: hs.describe([1.0, np.inf]), "infinite"),
        (lambda: hs.describe(X, method="type9"), "method"),
        (lambda: hs.describe(pd.DataFrame({"a": [1, 2]}), "b"), "'b' not found"),
        (lambda: hs.describe(pd.DataFrame({"a": ["u", "v"]}), "a"), "a: describe needs numeric"),
        (lambda: hs.describe(pd.DataFrame({"a": ["u", "v"]})), "no numeric columns"),
        (lambda: hs.describe(X, by="g"), "need a table"),
        (
            lambda: hs.describe(pd.DataFrame({"a": [1.0, np.nan], "g": ["p", "q"]}), "a", by="g"),
            "group 'q'",
        ),
    ],
)
def test_bad_input_is_a_named_value_error(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


# ---- percentiles asked for ------------------------------------------------------------------
def test_percentiles_match_numpy_and_pandas_by_each_rule() -> None:
    x = np.array([12, 15, 11, 19, 14, 13, 17, 16, 18, 20, np.nan], dtype=float)
    r = hs.describe(x, percentiles=[2.5, 10, 90])
    got = r.rows[0].percentiles
    assert list(got) == ["2.5", "10", "90"]
    ref = pd.Series(x).quantile([0.025, 0.10, 0.90])  # pandas: linear, R type 7
    assert_allclose([got["2.5"], got["10"], got["90"]], ref.to_numpy())
    # Minitab's (n + 1)p positions: the 90th of 10 values sits at 9.9, 19 + 0.9 * (20 - 19)
    m = hs.describe(x, percentiles=[90], method="minitab").rows[0].percentiles
    assert m["90"] == pytest.approx(19.9)
    assert m["90"] == pytest.approx(np.nanpercentile(x, 90, method="weibull"))


def test_percentiles_per_group_and_in_the_dict() -> None:
    t = pd.DataFrame({"y": [1, 2, 3, 4, 5, 10, 20, 30, 40, 50], "g": list("aaaaabbbbb")})
    r = hs.describe(t, "y", by="g", percentiles=[80])
    assert [row.percentiles["80"] for row in r.rows] == pytest.approx([4.2, 42.0])
    assert json.loads(json.dumps(r.to_dict()))["rows"][1]["percentiles"] == {"80": 42.0}


@pytest.mark.parametrize("bad", [0, 100, -5, 150, "90", True])
def test_percentiles_out_of_range_are_refused(bad) -> None:
    with pytest.raises(ValueError, match="percentiles must be numbers between 0 and 100"):
        hs.describe([1.0, 2.0, 3.0], percentiles=[bad])


def test_percentiles_through_the_dsl() -> None:
    from havoc_tools.dsl import run

    data = {"t": pd.DataFrame({"y": [12, 15, 11, 19, 14, 13, 17, 16, 18, 20]})}
    res = run("let d = describe y in t percentiles=[10, 90]", data=data)
    assert res.ok, res.error
    row = res["d"].result["rows"][0]
    assert row["percentiles"] == {"10": pytest.approx(11.9), "90": pytest.approx(19.1)}
