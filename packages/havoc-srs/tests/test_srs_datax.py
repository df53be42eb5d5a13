"""Classes of phrasing for distribution and descriptive questions: statistic words in other
roles (groups ranked, a count column, a distance, a correction), yes/no shape questions,
two-sample distribution questions, numbered columns picked by an ordinal, yes/no feature
columns as subsets, processed header qualifiers. Numbers are checked against pandas/scipy."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.reader import read
from scipy import stats

RNG = np.random.default_rng(11)


def _run(question: str, frame: pd.DataFrame):
    return Pipeline(index=False).run(question, data=frame)


def _stats(res) -> set[str]:
    return set(res.answer.get("key_numbers", {}).get("statistics") or [])


@pytest.fixture(scope="module")
def flights() -> pd.DataFrame:
    n = 90
    return pd.DataFrame({
        "carrier": np.repeat(["AA", "DL", "UA"], n // 3),
        "dep_delay_min": RNG.gamma(2.0, 9.0, n).round(1),
        "seats_sold": RNG.integers(40, 180, n),
        "is_international": RNG.choice(["yes", "no"], n),
    })  # fmt: skip


@pytest.mark.parametrize(
    "question",
    [
        "Median departure delay per carrier, and which carrier has the longest?",
        "What's the mean dep delay for each carrier? Which one comes out on top?",
        "average delay by carrier - which carrier is the worst?",
    ],
)
def test_groups_ranked_by_the_statistic_ask_no_extreme(flights, question):
    res = _run(question, flights)
    assert res.status == "answered"
    assert not _stats(res) & {"max", "min"}
    assert res.answer["columns"] == ["dep_delay_min", "carrier"]


@pytest.mark.parametrize(
    "question, want",
    [
        ("Give the spread of the middle half of the departure delays.", {"iqr"}),
        ("How far is it from the shortest delay to the longest one?", {"range"}),
        ("What's the gap between the lowest and the highest departure delay?", {"range"}),
    ],
)
def test_distance_and_middle_half(flights, question, want):
    res = _run(question, flights)
    assert res.status == "answered" and _stats(res) == want
    x = flights["dep_delay_min"]
    kn = res.answer["key_numbers"]
    if want == {"iqr"}:
        assert kn["iqr"] == pytest.approx(x.quantile(0.75) - x.quantile(0.25))
    else:
        assert kn["range"] == pytest.approx(x.max() - x.min())


def test_count_words_describing_a_count_column(flights):
    res = _run("What is the mean and sd of how many seats were sold per flight?", flights)
    assert res.status == "answered" and _stats(res) == {"mean", "std"}
    assert res.answer["key_numbers"]["std"] == pytest.approx(flights["seats_sold"].std())


@pytest.mark.parametrize(
    "question, want",
    [
        (
            "What's the variance of the delays, I mean how far apart the lowest and highest are?",
            {"range"},
        ),
        (
            "Typical delay - the average, I mean the middle value when sorted, not the mean.",
            {"median"},
        ),
    ],
)
def test_a_corrected_statistic_is_withdrawn(flights, question, want):
    res = _run(question, flights)
    assert res.answer.get("family") == "descriptive" and _stats(res) == want


@pytest.mark.parametrize(
    "question",
    [
        "Are the departure delays bell-shaped or skewed?",
        "Is the delay roughly a normal curve, or is it lopsided?",
        "Do the delays look Gaussian, or heavy-tailed?",
    ],
)
def test_yes_no_shape_question_with_a_normal_curve_is_a_test(flights, question):
    res = _run(question, flights)
    assert res.answer.get("family") == "distribution"
    assert res.answer["columns"] == ["dep_delay_min"]
    w = stats.shapiro(flights["dep_delay_min"])
    kn = res.answer["key_numbers"]
    assert kn.get("statistic", w.statistic) == pytest.approx(w.statistic, rel=1e-6)


def test_a_degree_of_skew_stays_a_statistic(flights):
    res = _run("How lopsided are the departure delays?", flights)
    assert res.answer.get("family") == "descriptive" and _stats(res) == {"skewness"}
    assert res.answer["key_numbers"]["skewness"] == pytest.approx(
        stats.skew(flights["dep_delay_min"], bias=False)
    )


@pytest.mark.parametrize(
    "question",
    [
        "Is the distribution of departure delay the same for AA and DL?",
        "Compare the delays of AA and UA with a Kolmogorov-Smirnov test for two samples.",
        "Do the distributions of delay for DL and UA differ?",
    ],
)
def test_two_samples_compared(flights, question):
    res = _run(question, flights)
    assert res.answer.get("family") == "distribution"
    assert res.answer["rests_on"]["method"] == "ks_two_sample"
    groups = list(res.answer["key_numbers"]["n"])
    assert len(groups) == 2 and all(g in question for g in groups)
    a, b = (flights.loc[flights.carrier == g, "dep_delay_min"] for g in groups)
    assert res.answer["key_numbers"]["statistic"] == pytest.approx(stats.ks_2samp(a, b).statistic)


def test_ordinal_picks_one_of_numbered_columns():
    frame = pd.DataFrame({f"Width{i}": RNG.normal(10 + i, 1, 40) for i in (1, 2, 3)})
    for q, col in [
        ("Is the second width normally distributed?", "Width2"),
        ("what's the mean of the third width measurement", "Width3"),
        ("Range of the first of the width readings, please.", "Width1"),
    ]:
        res = _run(q, frame)
        assert res.answer["columns"] == [col], q


def test_yes_no_feature_column_as_a_subset(flights):
    res = _run("Average departure delay of flights that are international?", flights)
    assert res.answer["columns"] == ["dep_delay_min", "is_international"]
    sub = flights.loc[flights.is_international == "yes", "dep_delay_min"]
    assert res.answer["key_numbers"]["mean"] == pytest.approx(sub.mean())


def test_processed_header_qualifier_does_not_hide_the_quantity():
    frame = pd.DataFrame({"AdjustedIncomeYearly": RNG.lognormal(11, 0.5, 60),
                          "HoursWeekly": RNG.normal(40, 5, 60)})  # fmt: skip
    res = _run("Is the salary log-normally distributed?", frame)
    assert res.answer["columns"] == ["AdjustedIncomeYearly"]
    res = _run("median pay?", frame)
    assert res.answer["columns"] == ["AdjustedIncomeYearly"]
    assert res.answer["key_numbers"]["median"] == pytest.approx(frame.AdjustedIncomeYearly.median())


def test_reading_keeps_the_statistic_when_a_group_is_only_named():
    r = read("What's the highest delay per carrier?", None)
    assert r.statistic == ["max"]


@pytest.fixture(scope="module")
def homes() -> pd.DataFrame:
    rng = np.random.default_rng(4)
    return pd.DataFrame({"price": rng.normal(300, 60, 120), "bedrooms": rng.integers(1, 6, 120),
                         "town": rng.choice(["Leeds", "York"], 120)})  # fmt: skip


@pytest.mark.parametrize(
    "question, mask, stat",
    [
        ("What is the average price of homes with more than 3 bedrooms?",
         lambda f: f.bedrooms > 3, "mean"),
        ("Median price for rows where bedrooms <= 2, to two decimals.",
         lambda f: f.bedrooms <= 2, "median"),
        ("sd of the price among houses that have between 2 and 4 bedrooms",
         lambda f: f.bedrooms.between(2, 4), "std"),
    ],
)  # fmt: skip
def test_numeric_condition_restricts_the_rows(homes, question, mask, stat):
    res = _run(question, homes)
    assert res.answer.get("family") == "descriptive"
    assert sorted(res.answer["columns"]) == ["bedrooms", "price"]
    want = getattr(homes.loc[mask(homes), "price"], stat)()
    assert res.answer["key_numbers"][stat] == pytest.approx(want)


def test_count_of_rows_meeting_a_condition(homes):
    res = _run("How many homes have 4 or more bedrooms?", homes)
    assert res.answer["key_numbers"]["count"] == int((homes.bedrooms >= 4).sum())


def test_normality_on_a_subset_of_rows(homes):
    res = _run("Is price normally distributed for homes with fewer than 3 bedrooms?", homes)
    assert sorted(res.answer["columns"]) == ["bedrooms", "price"]
    w = stats.shapiro(homes.loc[homes.bedrooms < 3, "price"])
    assert res.answer["key_numbers"]["statistic"] == pytest.approx(w.statistic, rel=1e-6)


@pytest.mark.parametrize(
    "question, values, stat",
    [
        ("Find the mean and median of these delivery times: 12 min, 15 min, 9 min, 22 min, "
         "18 min.", [12, 15, 9, 22, 18], {"mean", "median"}),
        ("Ticket prices were $12.50, $9.99, $15.00, $11.25 and $13.40 - what is the standard "
         "deviation?", [12.5, 9.99, 15.0, 11.25, 13.4], {"std"}),
        ("Batch weights: 1,250 kg; 980 kg; 1,100 kg; 1,420 kg; 1,005 kg. Median?",
         [1250, 980, 1100, 1420, 1005], {"median"}),
    ],
)  # fmt: skip
def test_typed_values_with_units(question, values, stat):
    res = Pipeline(index=False).run(question)
    assert res.status == "answered" and _stats(res) == stat
    kn = res.answer["key_numbers"]
    ref = {"mean": np.mean(values), "median": np.median(values), "std": np.std(values, ddof=1)}
    for s in stat:
        assert kn[s] == pytest.approx(ref[s])


@pytest.fixture(scope="module")
def clinic() -> pd.DataFrame:
    rng = np.random.default_rng(9)
    n = 150
    return pd.DataFrame({
        "age": rng.choice(["[20-30)", "[30-40)", "[60-70)", "[70-80)"], n),
        "visits": rng.poisson(4, n),
        "year": rng.choice([2019, 2020, 2021], n),
        "cost": rng.gamma(3, 100, n),
    })  # fmt: skip


def test_condition_on_a_banded_column(clinic):
    res = _run("Average number of visits for patients aged 60 or older?", clinic)
    assert sorted(res.answer["columns"]) == ["age", "visits"]
    keep = clinic.age.isin(["[60-70)", "[70-80)"])
    assert res.answer["key_numbers"]["mean"] == pytest.approx(clinic.loc[keep, "visits"].mean())
    res = _run("Median visits of people aged under 40.", clinic)
    keep = clinic.age.isin(["[20-30)", "[30-40)"])
    assert res.answer["key_numbers"]["median"] == pytest.approx(clinic.loc[keep, "visits"].median())


@pytest.mark.parametrize(
    "question", ["What was the mean cost in 2020?", "Mean cost for the year 2020 only, please."]
)
def test_a_year_value_restricts_the_rows(clinic, question):
    res = _run(question, clinic)
    assert sorted(res.answer["columns"]) == ["cost", "year"]
    want = clinic.loc[clinic.year == 2020, "cost"].mean()
    assert res.answer["key_numbers"]["mean"] == pytest.approx(want)


def test_a_year_value_restricts_a_normality_test(clinic):
    res = _run("Shapiro-Wilk on cost, 2021 rows only", clinic)
    assert sorted(res.answer["columns"]) == ["cost", "year"]
    w = stats.shapiro(clinic.loc[clinic.year == 2021, "cost"])
    assert res.answer["key_numbers"]["statistic"] == pytest.approx(w.statistic, rel=1e-6)


def test_a_range_of_numbered_columns():
    rng = np.random.default_rng(2)
    frame = pd.DataFrame({f"item{i}": rng.integers(1, 6, 50) for i in range(1, 7)})
    res = _run("median of item2-item5", frame)
    assert res.answer["columns"] == ["item2", "item3", "item4", "item5"]
    assert res.answer["key_numbers"]["median"]["item4"] == pytest.approx(frame.item4.median())


def test_middle_half_beside_the_median_and_best_to_worst(flights):
    res = _run(
        "What's the midpoint value of the delays and how wide is their middle half?", flights
    )
    assert _stats(res) == {"median", "iqr"}
    res = _run("How far apart are the best and the worst departure delays?", flights)
    assert _stats(res) == {"range"}


def test_counts_naming_a_column_are_no_count(flights):
    res = _run("Give the coefficient of variation of the seats_sold counts.", flights)
    assert _stats(res) == {"cv"}
    x = flights["seats_sold"]
    assert res.answer["key_numbers"]["cv"] == pytest.approx(x.std() / x.mean(), rel=1e-6)
