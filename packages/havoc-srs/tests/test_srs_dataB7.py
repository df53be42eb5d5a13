"""Classes of phrasing for distribution and descriptive questions (session dataB7): two
samples said as "distributed the same way", a named distribution keeping a one-sample fit,
"per <event>" as a rate's denominator, the degree of a shape as a description, statistics said
in words ("the most X anyone", "a tail to the right", "between which values"), header
conventions (a % sign, ticker symbols, ordinals "primary"/"secondary", accents), and the cases
where each rule must not fire."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.reader import read
from havoc_srs.reader.text import tokens, word_match

RNG = np.random.default_rng(707)


def _run(question: str, frame: pd.DataFrame):
    return Pipeline(index=False).run(question, data=frame)


def _stats(res) -> set[str]:
    return set(res.answer.get("key_numbers", {}).get("statistics") or [])


def _method(res) -> str | None:
    return (res.answer.get("rests_on") or {}).get("method") or res.answer.get("method")


@pytest.fixture(scope="module")
def clinic() -> pd.DataFrame:
    n = 120
    return pd.DataFrame({
        "ward": RNG.choice(["North", "South", "East"], n),
        "discharge_status": np.repeat(["home", "transfer"], n // 2),
        "stay_days": RNG.gamma(2.0, 2.5, n).round(1),
        "blood_tests": RNG.poisson(12, n),
        "age": RNG.integers(20, 90, n),
    })  # fmt: skip


@pytest.mark.parametrize(
    "question",
    [
        "Are blood tests distributed the same way for patients sent home as for transfers?",
        "Does the stay length differ in its whole distribution between home and transfer "
        "discharges?",
    ],
)
def test_same_way_is_two_samples(clinic, question):
    res = _run(question, clinic)
    assert res.status == "answered"
    assert _method(res) == "ks_two_sample"
    assert "discharge_status" in res.answer["columns"]


def test_one_column_normal_stays_one_sample(clinic):
    res = _run("Are the stay days normally distributed?", clinic)
    assert res.status == "answered"
    assert _method(res) == "shapiro_wilk"
    assert res.answer["columns"] == ["stay_days"]


@pytest.fixture(scope="module")
def springs() -> pd.DataFrame:
    n = 90
    return pd.DataFrame({
        "Load (kN)": np.repeat([4.5, 6.0, 7.5], n // 3),
        "Cycles to failure": RNG.weibull(1.8, n) * 1e5 + 1e3,
        "Batch": RNG.choice(["B1", "B2"], n),
    })  # fmt: skip


def test_named_distribution_with_a_load_level_is_one_sample(springs):
    res = _run("Do the cycles to failure at the 7.5 kN load follow a Weibull?", springs)
    assert res.status == "answered"
    assert _method(res) == "ks_weibull"
    assert sorted(res.answer["columns"]) == ["Cycles to failure", "Load (kN)"]
    assert res.answer["key_numbers"]["n"] == 30


@pytest.fixture(scope="module")
def league() -> pd.DataFrame:
    n = 80
    return pd.DataFrame({
        "Player": [f"P{i}" for i in range(n)],
        "Team": RNG.choice(["LAL", "BOS", "MIA", "DEN"], n),
        "AST": RNG.gamma(2.0, 1.5, n).round(1),
        "GP": RNG.integers(20, 82, n),
        "Save%": RNG.normal(35, 4, n).round(1),
    })  # fmt: skip


def test_per_game_is_a_rate_not_a_group(league):
    res = _run("What are the mean and median assists per game?", league)
    assert res.status == "answered"
    assert res.answer["columns"] == ["AST"]
    assert _stats(res) == {"mean", "median"}


def test_per_team_still_groups(league):
    res = _run("What is the mean number of assists per team?", league)
    assert res.status == "answered"
    assert res.answer["columns"] == ["AST", "Team"]


def test_percent_sign_header_is_the_percentage(league):
    r = read("Is the save percentage normal?", _ds(league))
    assert [m.column for m in r.mentions if m.kind == "column"] == ["Save%"]


def _ds(frame: pd.DataFrame):
    from havoc_srs.data import load_data

    return load_data(frame)


@pytest.fixture(scope="module")
def deliveries() -> pd.DataFrame:
    n = 100
    return pd.DataFrame({
        "courier": RNG.choice(["Fast", "Slow"], n),
        "delivery_hours": RNG.lognormal(2.0, 0.6, n).round(2),
        "parcels": RNG.integers(1, 9, n),
    })  # fmt: skip


@pytest.mark.parametrize(
    "question, want",
    [
        ("How asymmetric is the distribution of delivery hours?", {"skewness"}),
        ("Is the distribution of delivery hours symmetric? Give me its skewness.", {"skewness"}),
        ("How skewed are the delivery hours - is there a long tail to the right?", {"skewness"}),
        ("Average delivery hours, and the most hours any parcel ever took?", {"mean", "max"}),
        ("Typical delivery hours, and between which values do the middle half fall?",
         {"median", "quartiles"}),
    ],
)  # fmt: skip
def test_statistics_said_in_words(deliveries, question, want):
    res = _run(question, deliveries)
    assert res.status == "answered"
    assert res.answer["family"] == "descriptive"
    assert _stats(res) == want


def test_a_shape_question_with_a_curve_named_stays_a_test(deliveries):
    res = _run("Are the delivery hours normally distributed, or skewed?", deliveries)
    assert res.answer["family"] == "distribution"


def test_width_of_middle_half_stays_the_iqr(deliveries):
    res = _run("How wide is the middle half of the delivery hours?", deliveries)
    assert _stats(res) == {"iqr"}


def test_distribution_as_subject_of_describe(deliveries):
    res = _run("Would a lognormal describe the delivery hours well?", deliveries)
    assert res.answer["family"] == "distribution"
    assert _method(res) == "ks_lognormal"


def test_describe_alone_is_a_summary(deliveries):
    res = _run("Describe the delivery hours.", deliveries)
    assert res.answer["family"] == "descriptive"
    assert "mean" in _stats(res)


@pytest.fixture(scope="module")
def rentals() -> pd.DataFrame:
    n = 60
    return pd.DataFrame({
        "weekday": np.tile(np.arange(7), 9)[:n],
        "rentals": RNG.integers(200, 900, n),
    })  # fmt: skip


def test_how_many_on_an_average_day_is_no_row_count(rentals):
    r = read("On an average day how many rentals are there, and what's the busiest?", _ds(rentals))
    assert "count" not in r.statistic
    r = read("How many rows does the table have?", _ds(rentals))
    assert "count" in r.statistic


@pytest.fixture(scope="module")
def creatures() -> pd.DataFrame:
    n = 60
    return pd.DataFrame({
        "Kind 1": RNG.choice(["Fire", "Water", "Rock"], n),
        "Kind 2": RNG.choice(["Air", "Ice", "None"], n),
        "Power": RNG.integers(10, 120, n),
    })  # fmt: skip


def test_primary_and_secondary_pick_numbered_columns(creatures):
    r = read("How many creatures are there of each primary kind?", _ds(creatures))
    assert [m.column for m in r.mentions if m.kind == "column"] == ["Kind 1"]
    r = read("Mean power by secondary kind?", _ds(creatures))
    assert "Kind 2" in [m.column for m in r.mentions]


def test_re_prefix_is_another_word():
    assert word_match("reinstallation", "installation") == 0.0
    assert word_match("resubmitted", "submitted") == 0.0
    assert word_match("readmission", "readmitted") >= 0.85  # the same action, noun and verb


@pytest.fixture(scope="module")
def habits() -> pd.DataFrame:
    n = 80
    return pd.DataFrame({
        "water_litres": RNG.uniform(1, 3, n).round(2),
        "smokes": RNG.choice(["yes", "no"], n),
        "snacks": RNG.choice(["yes", "no"], n),
    })  # fmt: skip


def test_a_yes_reply_is_no_filter(habits):
    res = _run("Do the water litres follow a uniform distribution? My guess is yes.", habits)
    assert res.status == "answered"
    assert res.answer["columns"] == ["water_litres"]


def test_a_yes_of_a_named_flag_still_filters(habits):
    r = read("Mean water litres where smokes is yes?", _ds(habits))
    assert ("smokes", "yes") in [(m.column, m.value) for m in r.mentions if m.kind == "value"]


@pytest.fixture(scope="module")
def stocks() -> pd.DataFrame:
    n = 100
    return pd.DataFrame({
        "Date": pd.date_range("2023-01-02", periods=n).astype(str),
        "TSLA": RNG.standard_t(4, n).round(3),
        "NVDA": RNG.normal(0, 2, n).round(3),
    })  # fmt: skip


def test_company_names_for_ticker_columns(stocks):
    res = _run("Are Nvidia's daily returns normal? My chart looks spiky.", stocks)
    assert res.status == "answered"
    assert res.answer["columns"] == ["NVDA"]
    res = _run("Do Tesla and Nvidia returns come from the same distribution?", stocks)
    assert _method(res) == "ks_two_sample"
    assert sorted(res.answer["columns"]) == ["NVDA", "TSLA"]


def test_accents_are_folded_in_tokens():
    assert [t.text for t in tokens("l'âge moyen")] == ["l", "age", "moyen"]
    assert [t.text for t in tokens("café")] == ["cafe"]


@pytest.fixture(scope="module")
def films() -> pd.DataFrame:
    n = 60
    return pd.DataFrame({
        "rating": RNG.choice(["G", "PG", "R"], n),
        "budget": RNG.integers(1, 200, n) * 1e6,
    })  # fmt: skip


def test_rated_names_a_one_letter_code(films):
    res = _run("How many films are rated R, and what is their average budget?", films)
    assert res.status == "answered"
    assert sorted(res.answer["columns"]) == ["budget", "rating"]


def test_most_common_any_is_the_mode_not_the_maximum(deliveries):
    r = read("What is the most common number of parcels any courier took?", _ds(deliveries))
    assert "max" not in r.statistic
    assert "mode" in r.statistic


def test_given_the_skew_is_a_reason_and_well_corrects(deliveries):
    r = read("How long does a parcel take on average - well, what does a typical parcel take, "
             "given the skew?", _ds(deliveries))  # fmt: skip
    assert r.statistic == ["median"]
    r = read("What is the skewness of the delivery hours?", _ds(deliveries))
    assert r.statistic == ["skewness"]


@pytest.fixture(scope="module")
def towns() -> pd.DataFrame:
    n = 90
    return pd.DataFrame({
        "party": RNG.choice(["Red", "Blue"], n),
        "pop_density": RNG.lognormal(5, 1, n).round(1),
        "age": RNG.integers(18, 90, n),
    })  # fmt: skip


def test_distribution_wise_compares_two_groups(towns):
    res = _run("Do Red and Blue voters live in equally crowded towns, distribution-wise?", towns)
    assert res.status == "answered"
    assert _method(res) == "ks_two_sample"
    assert sorted(res.answer["columns"]) == ["party", "pop_density"]


@pytest.fixture(scope="module")
def counties() -> pd.DataFrame:
    n = 120
    return pd.DataFrame({
        "State": RNG.choice(["TX", "OH", "CA", "NY"], n),
        "Median Rent": RNG.normal(1100, 150, n).round(0),
    })  # fmt: skip


def test_state_name_for_a_postal_code(counties):
    r = read("Is the median rent normal among Ohio counties?", _ds(counties))
    assert ("State", "OH") in [(m.column, m.value) for m in r.mentions if m.kind == "value"]
    assert r.statistic == []  # "counties" is no count


def test_the_three_things_are_the_three_measures(stocks):
    res = _run("What's the standard deviation of each of the two shares?", stocks)
    assert res.status == "answered"
    assert sorted(res.answer["columns"]) == ["NVDA", "TSLA"]


@pytest.fixture(scope="module")
def emissions() -> pd.DataFrame:
    return pd.DataFrame({
        "region": np.repeat(["A", "B", "C"], 8),
        "year": np.tile(np.arange(2000, 2008), 3),
        "gas_co2": RNG.normal(50, 10, 24).round(1),
    })  # fmt: skip


def test_hyphenated_row_unit_is_not_asked(emissions):
    r = read("How many region-year rows have a gas CO2 value?", _ds(emissions))
    assert [m.column for m in r.mentions if m.kind == "column"] == ["gas_co2"]


@pytest.fixture(scope="module")
def listings() -> pd.DataFrame:
    n = 60
    return pd.DataFrame({
        "Rooms": RNG.integers(1, 6, n),
        "Price (€)": RNG.normal(300000, 50000, n).round(0),
        "Listing type": RNG.choice(["Private sale", "Agency sale"], n),
        "runtime": RNG.normal(100, 10, n).round(0),
    })  # fmt: skip


def test_sell_for_is_the_money_column(listings):
    res = _run("On average, what does a flat sell for here?", listings)
    assert res.answer["columns"] == ["Price (€)"]


def test_head_word_of_a_value_before_its_column(listings):
    r = read("Median price of private listings?", _ds(listings))
    assert not any(m.kind == "value" for m in r.mentions)  # "private" is no head word
    r = read("What is the median price of agency sale listings?", _ds(listings))
    assert ("Listing type", "Agency sale") in [(m.column, m.value) for m in r.mentions]


def test_inflected_halves_of_a_one_word_header(listings):
    r = read("Are the running times normal?", _ds(listings))
    assert [m.column for m in r.mentions if m.kind == "column"] == ["runtime"]


@pytest.fixture(scope="module")
def hotel() -> pd.DataFrame:
    n = 80
    return pd.DataFrame({
        "hotel": RNG.choice(["City", "Resort"], n),
        "adr": RNG.normal(100, 20, n).round(2),
    })  # fmt: skip


def test_a_statistic_inside_a_column_name(hotel):
    res = _run("What's the average daily rate at each hotel?", hotel)
    assert res.answer["family"] == "descriptive"
    assert _stats(res) == {"mean"}
    r = read("Is the average daily rate higher at the resort than in the city?", _ds(hotel))
    assert r.statistic == []  # a comparison: the test's business, not a summary


@pytest.fixture(scope="module")
def budgets() -> pd.DataFrame:
    n = 70
    return pd.DataFrame({
        "family_income": RNG.normal(50000, 9000, n).round(0),
        "fuel_expenditure": RNG.normal(2000, 300, n).round(0),
    })  # fmt: skip


def test_the_unit_measured_is_not_a_column(budgets):
    res = _run("On average how much does a family spend on fuel?", budgets)
    assert res.answer["columns"] == ["fuel_expenditure"]
    res = _run("What are the mean family income and fuel expenditure?", budgets)
    assert sorted(res.answer["columns"]) == ["family_income", "fuel_expenditure"]
