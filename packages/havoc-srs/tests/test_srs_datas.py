"""Classes of phrasing for the five data-description families (own phrasings, small tables).

Each test names a class of wording the reader used to miss: groups compared by their spread,
only categorical columns named, a zero in data fitted to a positive distribution, a fit asked
group by group, "spread evenly" for the uniform, abbreviations cut short, synonyms in another
grammatical form.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.reader.text import word_match
from scipy import stats


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(index=False)


@pytest.fixture(scope="module")
def shop() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    n = 120
    region = np.repeat(["Harbour", "Uplands", "Midtown"], n // 3)
    return pd.DataFrame(
        {
            "Region": region,
            "Member": rng.choice(["Yes", "No"], n),
            "Basket (EUR)": np.where(
                region == "Harbour", rng.normal(40, 3, n), rng.normal(40, 12, n)
            ).round(2),
            "Stars": rng.integers(1, 6, n),
            "Weekend": rng.integers(0, 2, n),
            "VisitsYr": rng.poisson(4, n),
        }
    )


def _run(pipe: Pipeline, q: str, df: pd.DataFrame):
    r = pipe.run(q, data=df)
    return r, r.answer


def test_spread_compared_between_named_values_is_variance(pipe, shop):
    r, a = _run(pipe, "Are basket sizes in Harbour any less erratic than in Uplands?", shop)
    assert r.status == "answered" and a["family"] == "variance"
    assert sorted(a["columns"]) == ["Basket (EUR)", "Region"]


def test_spread_word_with_a_level_word_stays_a_comparison_of_levels(pipe, shop):
    r, a = _run(pipe, "Is the average basket higher in Harbour than in Uplands?", shop)
    assert a["family"] != "variance"


def test_only_categorical_columns_named_is_contingency(pipe, shop):
    # a label column and a 0/1 code, with "differ" wording and no statistic asked
    r, a = _run(pipe, "Do members come in on weekends differently from non-members?", shop)
    assert r.status == "answered" and a["family"] == "contingency"
    assert sorted(a["columns"]) == ["Member", "Weekend"]


def test_two_coded_columns_and_independence_is_contingency(pipe, shop):
    r, a = _run(pipe, "Are the star rating and the weekend flag independent of each other?", shop)
    assert r.status == "answered" and a["family"] == "contingency"


def test_two_coded_columns_and_correlation_word_stays_correlation(pipe, shop):
    r, a = _run(pipe, "Kendall correlation of Stars with VisitsYr?", shop)
    assert a["family"] == "correlation"


def test_zero_values_set_aside_for_a_gamma_fit(pipe):
    rng = np.random.default_rng(5)
    x = np.round(rng.gamma(2.0, 3.0, 200)).astype(int)  # some zeros after rounding
    assert (x == 0).any()
    df = pd.DataFrame({"tenure_years": x, "team": rng.choice(["a", "b"], 200)})
    r, a = _run(pipe, "could tenure years be gamma distributed? KS test please", df)
    assert r.status == "answered" and a["rests_on"]["method"] == "ks_gamma"
    assert "set aside" in r.markdown
    pos = x[x > 0].astype(float)
    shape, loc, scale = stats.gamma.fit(pos, floc=0)
    d = stats.kstest(pos, "gamma", args=(shape, loc, scale)).statistic
    assert a["key_numbers"]["statistic"] == pytest.approx(d, rel=1e-3)


def test_mostly_zero_data_is_not_fitted_to_a_weibull(pipe):
    df = pd.DataFrame({"defects": [0] * 30 + [1, 2, 3, 1, 2]})
    r, a = _run(pipe, "Do the defects follow a Weibull?", df)
    assert r.status != "answered"


def test_normality_per_group_runs_in_each_group(pipe, shop):
    r, a = _run(pipe, "Check the basket values for normality, separately for each region.", shop)
    assert r.status == "answered" and a["family"] == "distribution"
    assert sorted(a["columns"]) == ["Basket (EUR)", "Region"]
    kn = a["key_numbers"]
    per = kn["per_group"]
    assert set(per) == {"Harbour", "Uplands", "Midtown"}
    for g, res in per.items():
        w, p = stats.shapiro(shop.loc[shop.Region == g, "Basket (EUR)"])
        assert res["statistic"] == pytest.approx(w, rel=1e-9)
        assert res["p_value"] == pytest.approx(p, rel=1e-9)
    pmin = min(res["p_value"] for res in per.values())
    assert kn["p_value"] == pytest.approx(min(1.0, 3 * pmin))


def test_normality_for_two_named_values(pipe, shop):
    r, a = _run(pipe, "Is the basket Gaussian for Harbour and for Midtown?", shop)
    assert r.status == "answered"
    assert set(a["key_numbers"]["per_group"]) == {"Harbour", "Midtown"}


def test_a_binary_code_beside_the_measure_is_a_group_not_a_second_sample(pipe, shop):
    r, a = _run(pipe, "Is the basket normal, separately for weekend and weekday visits?", shop)
    assert r.status == "answered"
    assert a["rests_on"]["method"] == "shapiro_wilk"
    assert sorted(a["columns"]) == ["Basket (EUR)", "Weekend"]


def test_spread_evenly_is_the_uniform(pipe):
    rng = np.random.default_rng(8)
    df = pd.DataFrame({"arrival_minute": rng.uniform(0, 60, 90).round(1)})
    r, a = _run(pipe, "Are the arrival minutes spread evenly over the hour?", df)
    assert r.status == "answered" and a["rests_on"]["method"] == "ks_uniform"


def test_truncated_header_words_and_synonym_forms():
    assert word_match("leaving", "attrition") >= 0.9  # the synonym "leave" in another form
    assert word_match("leaving", "left") >= 0.9
    assert word_match("leaflet", "attrition") == 0.0


def test_header_asked_by_its_cut_short_form(pipe):
    rng = np.random.default_rng(2)
    df = pd.DataFrame(
        {"Cholesterol": rng.normal(200, 30, 60).round(), "Humidity": rng.uniform(20, 90, 60)}
    )
    r, a = _run(pipe, "sd of chol?", df)
    assert r.status == "answered" and a["columns"] == ["Cholesterol"]


def test_counts_typed_level_first(pipe):
    q = "Ward A: recovered 20, died 5. Ward B: recovered 15, died 11. Chi-square please."
    r, a = _run(pipe, q, None)
    assert r.status == "answered" and a["family"] == "contingency"
    chi2, p, _, _ = stats.chi2_contingency([[20, 5], [15, 11]])
    assert a["key_numbers"]["p_value"] == pytest.approx(p, rel=1e-6)


def test_header_written_as_one_word_asked_as_two(pipe):
    rng = np.random.default_rng(4)
    df = pd.DataFrame(
        {"weekday": rng.integers(0, 2, 80), "load_kw": rng.normal(50, 5, 80).round(2)}
    )
    r, a = _run(pipe, "does the load vary more on a week day? levene", df)
    assert r.status == "answered" and sorted(a["columns"]) == ["load_kw", "weekday"]


def test_a_column_named_with_its_negation_splits_the_summary(pipe, shop):
    r, a = _run(pipe, "median basket for members vs non-members", shop)
    assert r.status == "answered" and sorted(a["columns"]) == ["Basket (EUR)", "Member"]
    rows = a["key_numbers"]["rows"] if "rows" in a["key_numbers"] else None
    want = shop.groupby("Member")["Basket (EUR)"].median()
    text = r.markdown
    for g, v in want.items():
        assert f"{v:.4g}" in text or f"{v:g}" in text, (g, v, rows)
