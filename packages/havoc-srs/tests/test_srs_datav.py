"""Classes of phrasing for distribution fit and descriptive statistics: cell values named in
other words (one-letter codes of a pair of opposites, misspelt values, a "yes" several columns
hold), headers with units glued on ("floor_area_m2", "kWh") or abbreviated ("ARR_DELAY",
"EU_Sales"), software commands written without brackets (Stata), several statistics in one
ask. Numbers are checked against SciPy, pandas and NumPy."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.data import Dataset
from havoc_srs.reader.columns import ground_columns
from scipy import stats

RNG = np.random.default_rng(23)


def _run(question: str, frame: pd.DataFrame | None):
    return Pipeline(index=False).run(question, data=frame)


def _mentions(question: str, frame: pd.DataFrame) -> list[tuple[str, str, object]]:
    return [
        (m.column, m.kind, m.value) for m in ground_columns(question, Dataset.from_frame(frame))
    ]


def _method(r) -> str | None:
    return (r.answer.get("rests_on") or {}).get("method") or r.answer.get("method")


# --- cell values in other words -------------------------------------------------------------

N = 120
LESIONS = pd.DataFrame(
    {
        "status": RNG.choice(["B", "M"], N),
        "width_mm": RNG.gamma(4.0, 2.0, N).round(2),
        "grade": RNG.choice(list("ABCDF"), N),
    }
)
EXAMS = pd.DataFrame(
    {
        "result": RNG.choice(["P", "F"], N),
        "marks": RNG.normal(60, 12, N).round(1),
        "course": RNG.choice(["Chemistry", "History", "Geography"], N),
    }
)


@pytest.mark.parametrize(
    ("q", "frame", "column", "value"),
    [
        ("Is lesion width normally distributed for the malignant ones?", LESIONS, "status", "M"),
        ("shapiro test of width_mm among benign lesions", LESIONS, "status", "B"),
        ("Are the marks of students who failed bell shaped?", EXAMS, "result", "F"),
        ("Normality of marks in Chemestry, please", EXAMS, "course", "Chemistry"),
        ("Does the marks column look gaussian for Histroy?", EXAMS, "course", "History"),
    ],
)
def test_subset_named_in_other_words_restricts_a_normality_test(q, frame, column, value):
    r = _run(q, frame)
    assert r.status == "answered" and r.answer["family"] == "distribution"
    measure = "width_mm" if "width_mm" in frame else "marks"
    assert sorted(r.answer["columns"]) == sorted([measure, column])
    x = frame.loc[frame[column] == value, measure].to_numpy(float)
    assert r.answer["key_numbers"]["n"] == len(x)
    if _method(r) == "shapiro_wilk":
        assert r.answer["key_numbers"]["statistic"] == pytest.approx(stats.shapiro(x)[0], rel=1e-6)


def test_one_letter_codes_need_the_whole_pair():
    # grades A-F are no pair of opposites: "benign" names status, never grade
    got = _mentions("width of the benign ones", LESIONS)
    assert ("status", "value", "B") in got and not any(c == "grade" for c, _, _ in got)


def test_two_sample_ks_between_coded_groups_matches_scipy():
    r = _run("Two-sample KS on width_mm: malignant vs benign", LESIONS)
    assert r.status == "answered" and _method(r) == "ks_two_sample"
    assert sorted(r.answer["columns"]) == ["status", "width_mm"]
    a = LESIONS.loc[LESIONS["status"] == "M", "width_mm"]
    b = LESIONS.loc[LESIONS["status"] == "B", "width_mm"]
    assert r.answer["key_numbers"]["statistic"] == pytest.approx(stats.ks_2samp(a, b)[0])


SURVEY = pd.DataFrame(
    {
        "income": RNG.lognormal(10, 0.5, N).round(0),
        "owns_car": RNG.choice(["yes", "no"], N),
        "has_pet": RNG.choice(["yes", "no"], N),
        "target": RNG.choice(["yes", "no"], N),
    }
)


@pytest.mark.parametrize(
    "q",
    [
        "median income of the respondents who said yes",
        "What is the median income, only those answering yes?",
        "median of income where the answer was yes",
    ],
)
def test_a_yes_several_columns_hold_is_the_outcome(q):
    r = _run(q, SURVEY)
    assert r.status == "answered"
    assert sorted(r.answer["columns"]) == ["income", "target"]
    want = SURVEY.loc[SURVEY["target"] == "yes", "income"].median()
    assert r.answer["key_numbers"]["median"] == pytest.approx(want)


# --- headers with units or abbreviations -------------------------------------------------------

PLOTS = pd.DataFrame(
    {
        "plot_area_m2": RNG.lognormal(6, 0.4, 80).round(1),
        "plots": RNG.integers(1, 5, 80),
        "energy_kWh": RNG.gamma(3, 100, 80).round(1),
        "year_built": RNG.integers(1950, 2020, 80),
    }
)


@pytest.mark.parametrize(
    ("q", "column"),
    [
        ("Is the plot area log-normally distributed?", "plot_area_m2"),
        ("KS test of plot area against a lognormal", "plot_area_m2"),
        ("does the kWh used per building follow a gamma distribution?", "energy_kWh"),
    ],
)
def test_unit_glued_to_a_header(q, column):
    r = _run(q, PLOTS)
    assert r.status == "answered" and r.answer["columns"] == [column]


FLIGHTS = pd.DataFrame(
    {
        "CARRIER": RNG.choice(["AA", "DL", "UA"], 90),
        "DEP_DELAY": RNG.normal(8, 15, 90).round(0),
        "ARR_DELAY": RNG.normal(5, 18, 90).round(0),
    }
)


@pytest.mark.parametrize(
    "q",
    [
        "average arrival delay per airline",
        "mean arrival delay for each airline",
        "What's the mean delay on arrival by airline?",
    ],
)
def test_abbreviated_headers_and_a_synonym_for_the_group(q):
    r = _run(q, FLIGHTS)
    assert r.status == "answered"
    assert sorted(r.answer["columns"]) == ["ARR_DELAY", "CARRIER"]
    want = FLIGHTS.groupby("CARRIER")["ARR_DELAY"].mean()
    got = r.answer["key_numbers"]["mean"]
    assert {k.split("[")[-1].rstrip("]"): v for k, v in got.items()} == pytest.approx(
        want.to_dict()
    )


# --- commands without brackets, conditions written as code ---------------------------------------

SHOP = pd.DataFrame(
    {
        "basket_value": RNG.gamma(2.0, 20.0, 150).round(2),
        "store_id": RNG.choice([1, 2, 3], 150),
        "channel": RNG.choice(["online", "in store"], 150),
    }
)


@pytest.mark.parametrize(
    ("q", "stats_"),
    [
        ("summarize basket_value", ["count", "mean", "std", "min", "max"]),
        ("sum basket_value, detail", ["count", "mean", "std", "variance", "skewness",
                                      "kurtosis", "min", "quartiles", "median", "max"]),
        ("tabstat basket_value, stats(median iqr n)", ["median", "iqr", "count"]),
        ("DESCRIPTIVES VARIABLES=basket_value", ["count", "mean", "std", "min", "max"]),
    ],
)  # fmt: skip
def test_stata_and_spss_commands_name_their_statistics(q, stats_):
    r = _run(q, SHOP)
    assert r.status == "answered" and r.answer["family"] == "descriptive"
    assert r.answer["key_numbers"]["statistics"] == stats_
    assert r.answer["columns"] == ["basket_value"]
    if "median" in stats_:
        assert r.answer["key_numbers"]["median"] == pytest.approx(SHOP["basket_value"].median())


def test_sum_as_an_english_word_is_no_command():
    from havoc_srs.reader.commands import command_calls

    assert command_calls("sum of the basket values by channel") == []
    assert command_calls("sum up what the table shows") == []
    assert command_calls("Summarize basket_value: mean and sd") == []  # capitalised: English
    assert command_calls("summarize income") == []  # a plain word may be English
    assert [c.name for c in command_calls("stata: swilk basket_value")] == ["swilk"]


def test_an_english_summarise_keeps_the_statistics_listed():
    r = _run("Summarise basket_value: mean, median, sd.", SHOP)
    assert r.answer["key_numbers"]["statistics"] == ["mean", "median", "std"]


@pytest.mark.parametrize(
    "q",
    [
        "summarize basket_value if store_id == 2",
        "mean of basket_value where store_id = 2",
        "df[df.store_id == 2].basket_value.mean()",
    ],
)
def test_a_condition_written_as_code_restricts_the_rows(q):
    r = _run(q, SHOP)
    assert r.status == "answered"
    assert sorted(r.answer["columns"]) == ["basket_value", "store_id"]
    want = SHOP.loc[SHOP["store_id"] == 2, "basket_value"]
    assert r.answer["key_numbers"]["mean"] == pytest.approx(want.mean())
    assert r.answer["key_numbers"]["n"] == len(want)


@pytest.mark.parametrize(
    "q",
    [
        "swilk basket_value",
        "sfrancia basket_value",
        "stats.shapiro(df.query('channel == \"online\"').basket_value)",
    ],
)
def test_normality_commands(q):
    r = _run(q, SHOP)
    assert r.status == "answered" and _method(r) == "shapiro_wilk"
    x = (
        SHOP["basket_value"]
        if "online" not in q
        else SHOP.loc[SHOP.channel == "online", "basket_value"]
    )
    assert r.answer["key_numbers"]["statistic"] == pytest.approx(stats.shapiro(x)[0], rel=1e-6)


def test_ks_2samp_between_two_queries_matches_scipy():
    q = (
        "stats.ks_2samp(df.query('channel == \"online\"').basket_value, "
        "df.query('channel == \"in store\"').basket_value)"
    )
    r = _run(q, SHOP)
    assert r.status == "answered" and _method(r) == "ks_two_sample"
    a = SHOP.loc[SHOP.channel == "online", "basket_value"]
    b = SHOP.loc[SHOP.channel == "in store", "basket_value"]
    assert r.answer["key_numbers"]["statistic"] == pytest.approx(stats.ks_2samp(a, b)[0])


def test_code_repeating_its_names_is_no_word_salad():
    frame = pd.DataFrame({f"{k}_sales": RNG.gamma(2, 1, 60) for k in ("us", "uk", "de")})
    r = _run("df[['us_sales','uk_sales','de_sales']].kurt()", frame)
    assert r.status == "answered" and r.answer["key_numbers"]["statistics"] == ["kurtosis"]
    assert r.answer["key_numbers"]["kurtosis"]["uk_sales"] == pytest.approx(
        frame["uk_sales"].kurt()
    )


# --- several statistics in one ask -------------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("skew and kurt of basket_value", ["skewness", "kurtosis"]),
        ("frequencies of channel, and which is the mode?", ["count", "mode"]),
        ("the typical basket_value and the most anyone spent", ["median", "max"]),
        ("mean basket_value and how far it ranges from the lowest to the highest", ["mean", "range"]),
        ("median basket_value; I prefer medians over averages", ["median"]),
    ],
)  # fmt: skip
def test_several_statistics_in_one_ask(q, want):
    r = _run(q, SHOP)
    assert r.status == "answered"
    assert sorted(r.answer["key_numbers"]["statistics"]) == sorted(want)


# --- two samples' shapes compared; abbreviations written out -------------------------------------

MARKETS = pd.DataFrame(
    {
        "EU_Revenue": RNG.gamma(2.0, 1.0, 100).round(3),
        "NA_Revenue": RNG.gamma(2.0, 1.5, 100).round(3),
        "JP_Revenue": RNG.gamma(1.0, 1.0, 100).round(3),
    }
)


@pytest.mark.parametrize(
    "q",
    [
        "Is the shape of European revenue different from North American revenue?",
        "Do European and North American revenues follow the same pattern?",
        "Are EU_Revenue and NA_Revenue shaped alike?",
    ],
)
def test_shapes_compared_is_a_two_sample_ks(q):
    r = _run(q, MARKETS)
    assert r.status == "answered" and _method(r) == "ks_two_sample"
    assert sorted(r.answer["columns"]) == ["EU_Revenue", "NA_Revenue"]
    want = stats.ks_2samp(MARKETS["EU_Revenue"], MARKETS["NA_Revenue"])[0]
    assert r.answer["key_numbers"]["statistic"] == pytest.approx(want)


def test_an_abbreviation_written_out_names_its_column():
    got = _mentions("median of the North American ones", MARKETS)
    assert ("NA_Revenue", "column", None) in got


@pytest.mark.parametrize(
    "q",
    [
        "five-number summary of basket_value",
        "Give me the 5 number summary for basket value",
        "basket_value: five number summary please",
    ],
)
def test_five_number_summary_is_min_quartiles_max(q):
    # Tukey's five numbers: the minimum, the three quartiles (Q2 is the median) and the maximum
    r = _run(q, SHOP)
    assert r.status == "answered"
    assert r.answer["key_numbers"]["statistics"] == ["min", "quartiles", "max"]
    x = SHOP["basket_value"]
    assert r.answer["key_numbers"]["min"] == pytest.approx(x.min())
    assert r.answer["key_numbers"]["quartiles"]["q1"] == pytest.approx(x.quantile(0.25))
    assert r.answer["key_numbers"]["quartiles"]["q3"] == pytest.approx(x.quantile(0.75))


# --- headers spelt by initials; wide tables named by month ---------------------------------------

LAB = pd.DataFrame(
    {
        "BP": RNG.normal(120, 12, 70).round(0),
        "hr_rest": RNG.normal(70, 8, 70).round(0),
        "GS": RNG.normal(35, 6, 70).round(1),
        "arm": RNG.choice(["drug", "placebo"], 70),
    }
)


@pytest.mark.parametrize(
    ("q", "column"),
    [
        ("What is the skewness of grip strength?", "GS"),
        ("standard deviation of the grip strenght", "GS"),
        ("Is grip strength normally distributed?", "GS"),
    ],
)
def test_a_header_spelt_by_initials(q, column):
    r = _run(q, LAB)
    assert r.status == "answered" and r.answer["columns"] == [column]


def test_initials_never_spelt_by_statistics_words():
    frame = pd.DataFrame({"MS": RNG.normal(0, 1, 30), "price": RNG.normal(9, 1, 30)})
    got = [c for c, _, _ in _mentions("mean and standard deviation of price", frame)]
    assert got == ["price"]


WIDE = pd.DataFrame({f"{m} rain_mm": RNG.gamma(2, 30, 40).round(1)
                     for m in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul")})  # fmt: skip


@pytest.mark.parametrize(
    ("q", "cols"),
    [
        ("average rainfall in March", ["Mar rain_mm"]),
        ("median for February and for June", ["Feb rain_mm", "Jun rain_mm"]),
        ("Is the April rain exponentially distributed?", ["Apr rain_mm"]),
    ],
)
def test_month_named_in_full_picks_its_column_of_a_wide_table(q, cols):
    r = _run(q, WIDE)
    assert r.status == "answered" and sorted(r.answer["columns"]) == sorted(cols)


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("What's the average basket_value? I mean the one in the middle, not the mean.", ["median"]),
        ("the average basket value, i.e. the median one", ["median"]),
        ("meen basket_value", ["mean"]),
        ("median, Q1 and Q3 of basket_value", ["median", "quartiles"]),
        ("psych::describe(df$basket_value)", ["count", "mean", "std", "median", "min", "max",
                                              "range", "skewness", "kurtosis"]),
    ],
)  # fmt: skip
def test_corrections_typos_and_codes_of_statistics(q, want):
    r = _run(q, SHOP)
    assert r.status == "answered"
    assert r.answer["key_numbers"]["statistics"] == want
    if "median" in want:
        assert r.answer["key_numbers"]["median"] == pytest.approx(SHOP["basket_value"].median())


# --- subsets: a yes/no column named with "only", a value the table cuts short --------------------

GAMES = pd.DataFrame(
    {
        "moves": RNG.integers(10, 120, 90),
        "ranked": RNG.choice([True, False], 90),
        "tier": RNG.choice(["Prem", "Std", "Basic"], 90),
    }
)


@pytest.mark.parametrize(
    ("q", "col", "val"),
    [
        ("median number of moves for ranked games only", "ranked", True),
        ("Only ranked matches: what is the mean of moves?", "ranked", True),
        ("mean moves for the Premium tier", "tier", "Prem"),
        ("Premium tier players only - average moves?", "tier", "Prem"),
    ],
)
def test_subset_rows_of_descriptive(q, col, val):
    r = _run(q, GAMES)
    assert r.status == "answered"
    assert sorted(r.answer["columns"]) == sorted(["moves", col])
    x = GAMES.loc[GAMES[col] == val, "moves"]
    stat = r.answer["key_numbers"]["statistics"][0]
    assert r.answer["key_numbers"][stat] == pytest.approx(getattr(x, stat)())


RACE = pd.DataFrame(
    {"sex": RNG.choice(["M", "F"], 80), "lap_secs": RNG.normal(300, 30, 80).round(0)}
)
RACE["lap_time"] = [f"{int(s) // 60}:{int(s) % 60:02d}" for s in RACE["lap_secs"]]


@pytest.mark.parametrize(
    "q",
    [
        "Is the lap time normally distributed?",
        "median lap time of the women",
        "Do lap times of men and women follow the same distribution?",
    ],
)
def test_a_clock_time_stored_as_text_uses_its_numeric_twin(q):
    r = _run(q, RACE)
    assert r.status == "answered" and "lap_secs" in r.answer["columns"]
    assert "lap_time" not in r.answer["columns"]
