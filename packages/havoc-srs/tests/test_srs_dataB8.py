"""Phrasings of the description and distribution families (dataB8): statistics named in other
words (the centre and the spread as such, "the middle of", superlative adjectives, "the best and
the worst", a standard deviation relative to the mean), statistic words inside column or value
spans, subsets by a two-level yes/no-like column, a pronoun as the subject of a distribution
question, two samples "from one distribution", three-letter values in the plural, and questions
in Dutch, Turkish and Polish. Each rule has phrasings of its own and a near miss it must not
fire on."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.data import Dataset
from havoc_srs.families.distribution import _polar_levels
from havoc_srs.reader import read
from havoc_srs.reader.columns import _value_forms
from havoc_srs.reader.foreign import language, to_english
from havoc_srs.reader.named import quantity_phrases
from havoc_srs.reader.statistic import asked_statistics

RNG = np.random.default_rng(11)


def _run(question: str, frame: pd.DataFrame | None):
    return Pipeline(index=False).run(question, data=frame)


def _stats(res) -> set[str]:
    return set((res.answer.get("key_numbers") or {}).get("statistics") or [])


def _pupils(n: int = 90) -> pd.DataFrame:
    return pd.DataFrame({
        "Exam Mark": RNG.normal(60, 12, n).round(1),
        "Homework Hours": RNG.gamma(3, 2, n).round(1),
        "Tutoring": ["completed", "none", "none"] * (n // 3),
        "Meal Plan": ["standard", "reduced"] * (n // 2),
        "House": ["Red", "Blue", "Green"] * (n // 3),
    })  # fmt: skip


# ---- the centre and the spread named as such -------------------------------------------------


@pytest.mark.parametrize(
    "q, want",
    [
        ("What are the centre and the spread of the exam marks?", ["mean", "std"]),
        ("Summarise homework hours: its center and its dispersion.", ["mean", "std"]),
        ("Give me a measure of central tendency for the exam marks.", ["mean"]),
        ("How dispersed are the homework hours?", ["std"]),
        ("Where is the middle of the exam marks?", ["median"]),
    ],
)
def test_centre_and_spread_words_name_statistics(q, want):
    assert sorted(asked_statistics(q)) == sorted(want)


def test_centre_and_spread_words_near_misses():
    # groups or values compared: a test, not a description
    assert asked_statistics("Is the spread of marks bigger in Red than in Blue?") == []
    # a place, not a statistic
    assert "mean" not in asked_statistics("How many stores are in the centre of the city?")
    # a time of day, not the median
    assert asked_statistics("What happens in the middle of the night shift?") == []
    # a spread of groups: left to the per-group or variance readers
    assert asked_statistics("How variable are marks across the houses?") == []


def test_centre_and_spread_run_as_a_description():
    res = _run("What are the centre and the spread of the exam marks?", _pupils())
    assert res.status == "answered" and res.answer["family"] == "descriptive"
    assert _stats(res) == {"mean", "std"} and res.answer["columns"] == ["Exam Mark"]


# ---- superlative adjectives, best and worst ---------------------------------------------------


@pytest.mark.parametrize(
    "q, want",
    [
        ("What was the weakest bond we measured?", ["min"]),
        ("the coldest morning and the hottest afternoon", ["min", "max"]),
        ("How thick is the thickest coating?", ["max"]),
        ("Which reading was the shallowest?", ["min"]),
    ],
)
def test_superlative_adjectives_name_the_extremes(q, want):
    assert sorted(asked_statistics(q)) == sorted(want)


def test_superlatives_near_miss():
    # a comparative is no extreme
    assert asked_statistics("Are the coatings thicker on line 2?") == []
    # a word one letter away from a superlative is read as written
    assert asked_statistics("Are the rice harvests in Chile more erratic?") == []
    assert asked_statistics("Which business units report weekly?") == []


@pytest.mark.parametrize(
    "q",
    [
        "Show the best and the worst exam mark.",
        "What were the worst and best homework hours logged?",
        "Exam mark: the best one, and the worst?",
    ],
)
def test_best_and_worst_are_both_ends(q):
    res = _run(q, _pupils())
    assert res.answer["family"] == "descriptive"
    assert {"min", "max"} <= _stats(res)


def test_best_and_worst_as_a_distance_is_the_range():
    r = read("How far apart are the best and the worst exam marks?", Dataset.from_frame(_pupils()))
    assert "range" in r.statistic and "min" not in r.statistic


def test_best_alone_is_no_minimum():
    r = read("What is the best exam mark?", Dataset.from_frame(_pupils()))
    assert "min" not in r.statistic


# ---- a standard deviation relative to the mean ------------------------------------------------


@pytest.mark.parametrize(
    "q",
    [
        "How large is the SD of the fill weights relative to their mean?",
        "Give the standard deviation as a percentage of the average, for each lane.",
        "sd divided by the mean of cycle time",
    ],
)
def test_spread_over_the_mean_is_the_cv(q):
    assert asked_statistics(q) == ["cv"]


def test_spread_over_the_mean_keeps_statistics_named_again():
    got = asked_statistics("Report the mean, the SD, and the SD relative to the mean.")
    assert set(got) == {"mean", "std", "cv"}


def test_spread_and_mean_without_a_ratio_near_miss():
    assert set(asked_statistics("The standard deviation and the mean of cycle time.")) == {
        "mean",
        "std",
    }


# ---- statistic words inside column or value spans ---------------------------------------------


def _trips() -> pd.DataFrame:
    n = 60
    return pd.DataFrame({
        "Heart Rate": RNG.normal(80, 9, n).round(),
        "Ride_duration_min": RNG.gamma(4, 8, n).round(1),
        "snow_depth_cm": RNG.gamma(5, 12, n).round(),
        "Tier": ["standard", "premium", "basic"] * (n // 3),
    })  # fmt: skip


@pytest.mark.parametrize(
    "q, want",
    [
        ("Heart rate: mean, SD, min and max.", {"mean", "std", "min", "max"}),
        ("Heart rate - give me the min and the median", {"min", "median"}),
        ("What were the shallowest and the deepest snow readings?", {"min", "max"}),
    ],
)
def test_statistic_words_next_to_a_header_word(q, want):
    r = read(q, Dataset.from_frame(_trips()))
    assert set(r.statistic) == want


def test_a_statistic_word_in_the_header_near_miss():
    frame = pd.DataFrame({"Max Temp": RNG.normal(20, 5, 40), "Min Temp": RNG.normal(8, 4, 40)})
    r = read("What is the average max temp?", Dataset.from_frame(frame))
    assert r.statistic == ["mean"]  # "max" is the column's own word


def test_a_statistic_name_is_no_cell_value():
    res = _run("Heart rate standard deviation, please", _trips())
    assert res.answer["columns"] == ["Heart Rate"]  # no rows of Tier = standard
    r = read("Mean heart rate for the standard tier", Dataset.from_frame(_trips()))
    assert any(m.kind == "value" and m.column == "Tier" for m in r.mentions)  # a value here


def test_column_words_are_no_test_cue():
    frame = pd.DataFrame({"Score": RNG.normal(50, 8, 60), "Test Prep": ["yes", "no"] * 30})
    res = _run("What is the variance of the score for pupils who did test prep?", frame)
    assert res.answer["family"] == "descriptive" and _stats(res) == {"variance"}


# ---- subsets by a two-level positive/negative column ------------------------------------------


def test_polar_levels():
    assert _polar_levels(["completed", "none"]) == ("completed", "none")
    assert _polar_levels(["Fail", "Pass"]) == ("Pass", "Fail")
    assert _polar_levels(["not improved", "improved"]) == ("improved", "not improved")
    assert _polar_levels(["non-metro", "metro"]) == ("metro", "non-metro")
    assert _polar_levels(["Red", "Blue"]) is None  # near miss: two names, no polarity


@pytest.mark.parametrize(
    "q, level",
    [
        ("Average exam mark of pupils who completed tutoring?", "completed"),
        ("Median homework hours among pupils who took tutoring", "completed"),
        ("Mean exam mark for pupils who did not have tutoring", "none"),
    ],
)
def test_subset_by_a_polar_column(q, level):
    res = _run(q, _pupils())
    assert res.status == "answered"
    assert "Tutoring" in res.answer["columns"]
    assert any(f"Tutoring = {level}" in n for n in res.answer.get("assumptions", []) + [
        str(res.answer)])  # fmt: skip


def test_a_polar_column_compared_is_no_subset():
    res = _run("Mean exam mark for tutoring vs no tutoring", _pupils())
    assert "Tutoring = completed" not in str(res.answer.get("assumptions"))


# ---- distribution questions -------------------------------------------------------------------


def test_a_pronoun_is_no_quantity_named():
    phrases = [p for p, _ in quantity_phrases("Do they follow an exponential distribution?")]
    assert not any(p.startswith("they") for p in phrases)
    phrases = [p for p, _ in quantity_phrases("Does anyone know if it is normal?")]
    assert not any(p.startswith("anyone") for p in phrases)


def test_a_pronoun_subject_runs_the_test():
    frame = pd.DataFrame({"Queue time (min)": RNG.exponential(6, 200).round(2)})
    res = _run("Our queue times look random. Can you test whether they are exponential?", frame)
    assert res.status == "answered"
    assert res.answer["method"] in ("ks_exponential", "lilliefors")  # both test an exponential


def _animals() -> pd.DataFrame:
    n = 120
    return pd.DataFrame({
        "Animal": ["Dog", "Cat", "Owl"] * (n // 3),
        "Body temp (C)": RNG.normal(38.6, 0.5, n).round(2),
    })  # fmt: skip


@pytest.mark.parametrize(
    "q",
    [
        "Could the body temperatures of dogs and cats come from a single distribution?",
        "Are dog and cat body temperatures drawn from one population?",
        "Do cats and dogs share the same shape and spread of body temperature?",
    ],
)
def test_two_samples_from_one_distribution(q):
    res = _run(q, _animals())
    assert res.answer["family"] == "distribution" and res.answer["method"] == "ks_two_sample"


def test_one_sample_from_a_named_distribution_near_miss():
    res = _run("Could the body temperatures come from a normal distribution?", _animals())
    assert res.answer["method"] != "ks_two_sample"


def test_three_letter_values_in_the_plural():
    assert "dogs" in _value_forms("dog") and "vans" in _value_forms("van")
    assert "news" not in _value_forms("new")  # near miss: "news" is another word
    assert "days" not in _value_forms("day")  # "days absent" names no day shift


# ---- Dutch, Turkish, Polish -------------------------------------------------------------------


@pytest.mark.parametrize(
    "q, lang, words",
    [
        ("Wat is de mediaan van de prijs per soort?", "nl", ["median", "price", "type"]),
        ("Is het gewicht normaal verdeeld?", "nl", ["weight", "normally distributed"]),
        ("Yaş ortalaması ve standart sapma nedir?", "tr", ["age", "mean", "standard deviation"]),
        ("Fiyatların dağılımı normal mi?", "tr", ["price", "distribution", "normal"]),
        ("Jaka jest mediana ceny?", "pl", ["median", "price"]),
        ("Czy rozkład wieku jest normalny?", "pl", ["distribution", "normal"]),
    ],
)
def test_new_languages_read_in_english(q, lang, words):
    assert language(q) == lang
    english = to_english(q)
    assert all(w in english for w in words), english


@pytest.mark.parametrize(
    "q",
    [
        "What is the mean of the van deliveries?",  # an English sentence with a Dutch-like word
        "Is the median price per site different?",
        "Mean and SD for the tier one pumps, please",
    ],
)
def test_english_is_not_read_as_a_new_language(q):
    assert language(q) is None


def test_a_turkish_question_runs():
    frame = pd.DataFrame({"Delay (min)": RNG.gamma(2, 5, 80).round(1),
                          "Route": ["North", "South"] * 40})  # fmt: skip
    res = _run("Gecikme medyanı nedir?", frame)
    assert res.status == "answered" and _stats(res) == {"median"}
    assert res.answer["columns"] == ["Delay (min)"]


# ---- more statistics in other words -----------------------------------------------------------


@pytest.mark.parametrize(
    "q, want",
    [
        ("Give the three measures of centre for the exam marks.", ["mean", "median", "mode"]),
        (
            "What are the measures of central tendency of homework hours?",
            ["mean", "median", "mode"],
        ),
        ("Where do the bottom and top quarters of exam marks begin?", ["quartiles"]),
        ("What mark marks off the lower quarter?", ["quartiles"]),
    ],
)
def test_measures_of_centre_and_quarters(q, want):
    r = read(q, Dataset.from_frame(_pupils()))
    assert sorted(r.statistic) == sorted(want)


def test_measures_of_centre_near_miss():
    r = read("What is the mean of the three measures of centre?", None)
    assert "mean" in r.statistic  # named: kept; nothing added twice
    r = read("In the last quarter, what was the mean exam mark?", Dataset.from_frame(_pupils()))
    assert "quartiles" not in r.statistic  # a quarter of the year


@pytest.mark.parametrize(
    "q",
    [
        "How much heavier is the heaviest parcel than the lightest?",
        "How many more marks did the top pupil get than the bottom one?",
        "How much longer is the longest homework stint than the shortest?",
    ],
)
def test_extremes_apart_is_the_range(q):
    frame = pd.DataFrame({"Parcel weight (kg)": RNG.gamma(3, 2, 50), "Exam Mark": RNG.normal(60, 10, 50),
                          "Homework Hours": RNG.gamma(3, 2, 50)})  # fmt: skip
    r = read(q, Dataset.from_frame(frame))
    assert "range" in r.statistic and "min" not in r.statistic


def test_extremes_named_without_a_difference_near_miss():
    r = read("What are the heaviest and the lightest parcel weights?", None)
    assert {"min", "max"} <= set(r.statistic) and "range" not in r.statistic


# ---- a condition inside a column's words; rows counted per group ------------------------------


def test_a_condition_inside_the_column_words():
    frame = pd.DataFrame({"Exam Mark": RNG.normal(60, 12, 90).round(1),
                          "Days Missed": RNG.integers(0, 12, 90)})  # fmt: skip
    res = _run("Mean exam mark of pupils who missed fewer than 3 days?", frame)
    assert res.status == "answered"
    assert "Days Missed < 3" in " ".join(res.answer.get("assumptions", []))
    res = _run("Mean exam mark of pupils with more than 4 days missed", frame)
    assert "Days Missed > 4" in " ".join(res.answer.get("assumptions", []))


def test_rows_counted_per_group():
    frame = pd.DataFrame({"Rider": [f"R{i:03d}" for i in range(60)],
                          "Club": ["North", "South", "East"] * 20,
                          "Watts": RNG.normal(250, 30, 60)})  # fmt: skip
    for q in ("How many riders does each club have?", "Number of riders per club",
              "Count the riders in each club."):  # fmt: skip
        res = _run(q, frame)
        assert res.status == "answered", q
        assert res.answer["key_numbers"]["count"] == {"East": 20, "North": 20, "South": 20}, q
        assert res.answer["columns"] == ["Club"], q
    # near miss: a count with no groups is the table's rows
    res = _run("How many riders are there?", frame)
    assert res.answer["key_numbers"].get("count") in (60, {"Rider": 60}) or res.status == "answered"


def test_counted_measures_are_no_groups():
    r = read("Three measures of centre for homework hours, please.", Dataset.from_frame(_pupils()))
    assert not any(m.column == "House" for m in r.mentions)  # House has three levels
    r = read("Mean exam mark in the three houses", Dataset.from_frame(_pupils()))
    assert any(m.column == "House" for m in r.mentions)  # near miss: a count of groups


# ---- everyday words for headers ---------------------------------------------------------------


def test_leaving_is_departure_and_per_head_is_per_capita():
    frame = pd.DataFrame({"Departure Delay (min)": RNG.gamma(2, 6, 40),
                          "Arrival Delay (min)": RNG.gamma(2, 6, 40),
                          "Flight Distance": RNG.normal(900, 200, 40)})  # fmt: skip
    res = _run("On average how many minutes late do flights leave?", frame)
    assert res.answer["columns"] == ["Departure Delay (min)"]
    res = _run("How late do planes land, on average?", frame)
    assert res.answer["columns"] == ["Arrival Delay (min)"]
    frame = pd.DataFrame({"gdp": RNG.normal(5, 1, 30), "gdp_per_capita": RNG.normal(30, 5, 30)})
    res = _run("Mean GDP per person", frame)
    assert res.answer["columns"] == ["gdp_per_capita"]
    res = _run("Mean GDP", frame)  # near miss: the total, not per head
    assert res.answer["columns"] == ["gdp"]


# ---- notations and references -----------------------------------------------------------------


@pytest.mark.parametrize(
    "q, want",
    [
        ("Report exam mark as M (SD).", {"mean", "std"}),
        ("Homework hours, M ± SD please", {"mean", "std"}),
        ("Exam mark: Q3 minus Q1?", {"iqr"}),
        ("What is the distance between the first and third quartiles of homework hours?", {"iqr"}),
        ("How far do exam marks typically stray from the average? (SD)", {"std"}),
        ("What's the top exam mark?", {"max"}),
        ("And the bottom homework hours figure?", {"min"}),
    ],
)
def test_notations_and_references(q, want):
    r = read(q, Dataset.from_frame(_pupils()))
    assert set(r.statistic) == want


def test_notations_near_misses():
    ds = Dataset.from_frame(_pupils())
    assert set(read("Give the SD and the mean of exam marks", ds).statistic) == {"mean", "std"}
    assert set(read("Q1 and Q3 of exam mark", ds).statistic) == {"quartiles"}
    assert "max" not in read("the top 10 exam marks", ds).statistic  # a rank, not the maximum


def test_statistics_for_each_group_named_with_versus():
    frame = pd.DataFrame({"Trip": ["business", "leisure"] * 40,
                          "Distance (km)": RNG.gamma(4, 200, 80)})  # fmt: skip
    for q in ("Distance for business versus leisure trips: mean and SD for each.",
              "Median distance of business vs leisure trips, respectively"):  # fmt: skip
        res = _run(q, frame)
        assert res.answer["family"] == "descriptive", q
    res = _run("Is the mean distance different for business versus leisure trips?", frame)
    assert res.answer["family"] != "descriptive"  # near miss: a difference tested


def test_the_same_x_distribution():
    frame = pd.DataFrame({"Star": ["Y", "N", "N"] * 40, "Points": RNG.gamma(3, 5, 120)})
    res = _run("Do stars and the rest have the same points distribution?", frame)
    assert res.answer["family"] == "distribution" and res.answer["method"] == "ks_two_sample"
    res = _run("Do stars have a normal points distribution?", frame)
    assert res.answer["method"] != "ks_two_sample"  # near miss: one sample against a normal


def test_described_by_a_distribution_is_a_fit():
    frame = pd.DataFrame({"Queue (min)": RNG.weibull(1.5, 150) * 10})
    for q in ("Are the queues better described by a Weibull?",
              "Would the queue times be described as lognormal?",
              "Can the queue be described with a plain exponential?"):  # fmt: skip
        res = _run(q, frame)
        assert res.answer["family"] == "distribution", q
    res = _run("Describe the queue times.", frame)  # near miss: a summary asked
    assert res.answer["family"] == "descriptive"


def test_runtime_and_systolic_words():
    frame = pd.DataFrame({"Runtime (min)": RNG.normal(110, 15, 80), "Seats": RNG.integers(20, 200, 80),
                          "SysBP": RNG.normal(125, 12, 80), "DiaBP": RNG.normal(80, 8, 80)})  # fmt: skip
    assert _run("Are the film lengths normal?", frame).answer["columns"] == ["Runtime (min)"]
    assert _run("Mean systolic pressure?", frame).answer["columns"] == ["SysBP"]
    assert _run("Mean seats?", frame).answer["columns"] == ["Seats"]  # near miss


@pytest.mark.parametrize(
    "q, gone",
    [
        ("Mean exam mark excluding the Red house", "Red"),
        ("Median homework hours, except for Blue", "Blue"),
        ("Average exam mark of all houses other than Green", "Green"),
    ],
)
def test_values_set_aside(q, gone):
    frame = _pupils()
    res = _run(q, frame)
    assert res.status == "answered" and "House" in res.answer["columns"]
    assert f"House = {gone} set aside" in " ".join(res.answer.get("assumptions", []))
    n = res.answer["key_numbers"]["n"]
    assert n == int((frame["House"] != gone).sum())


def test_a_value_named_is_kept_near_miss():
    res = _run("Mean exam mark in the Red house", _pupils())
    assert "set aside" not in " ".join(res.answer.get("assumptions", []))
    assert res.answer["key_numbers"]["n"] == 30


@pytest.mark.parametrize(
    "q, want",
    [
        ("Is pore size ~ N(mu, sigma^2)?", "normal"),
        ("Check whether gap ~ Exp(lambda)", "exponential"),
        ("Does cycle time ~ U(a, b) hold?", "uniform"),
        ("Is log(pore size) normally distributed?", "lognormal"),
        ("After taking logs, is the pore size normal?", "lognormal"),
    ],
)
def test_distribution_notation_and_log_normality(q, want):
    from havoc_srs.reader.statistic import target_distribution

    assert target_distribution(q) == want


def test_distribution_notation_near_misses():
    from havoc_srs.reader.statistic import target_distribution

    assert target_distribution("fit y ~ exp(x) as a regression") is None
    assert target_distribution("Is the pore size normally distributed?") == "normal"
    assert asked_statistics("Is pore size ~ N(mu, sigma^2)?") == []


def test_the_wear_distribution_the_same():
    frame = pd.DataFrame({"Supplier": ["North", "South"] * 50, "Wear": RNG.gamma(3, 1, 100)})
    for q in ("Is the wear distribution the same for both suppliers?",
              "Compare the whole distribution of wear between North and South."):  # fmt: skip
        res = _run(q, frame)
        assert res.answer["method"] == "ks_two_sample", q
    res = _run("Is the wear distribution normal for North?", frame)  # near miss
    assert res.answer["method"] != "ks_two_sample"


@pytest.mark.parametrize(
    "q",
    [
        "H0: mu = 250 ml, H1: mu > 250, alpha = 0.05",  # Greek letters, not Turkish "mu"
        "The median test score per class",  # English words that are Polish stems too
        "Is the mean cost different between Centrum and Oost?",  # Dutch place names only
    ],
)
def test_english_with_lookalike_words_stays_english(q):
    assert language(q) is None


def test_bills_name_the_invoice():
    frame = pd.DataFrame({"Invoice (EUR)": RNG.gamma(3, 40, 60), "Visits": RNG.integers(1, 9, 60),
                          "Branch": ["East", "West"] * 30})  # fmt: skip
    assert _run("Median bill per branch", frame).answer["columns"] == ["Invoice (EUR)", "Branch"]
    assert _run("How much were patients billed on average?", frame).answer["columns"] == [
        "Invoice (EUR)"
    ]
    assert _run("Two-sample KS on the bills, East vs West", frame).answer["method"] == (
        "ks_two_sample"
    )
    assert _run("Median visits per branch", frame).answer["columns"] == ["Visits", "Branch"]


def test_a_header_abbreviating_the_statistic_word():
    frame = pd.DataFrame({"MinTemp": RNG.normal(8, 4, 40), "Rainfall": RNG.gamma(2, 3, 40)})
    ds = Dataset.from_frame(frame)
    assert read("What's the average MinTemp?", ds).statistic == ["mean"]
    assert read("Median of the min temp", ds).statistic == ["median"]
    assert set(read("Lowest and highest MinTemp", ds).statistic) == {"min", "max"}  # near miss
