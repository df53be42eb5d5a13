"""Phrasings of the description and distribution families (dataB9): the kurtosis asked by the
shape's adjective ("how peaked", "flat-topped or pointy"), both ends named as "the extremes",
the distance between the two ends (the range, not the ends), the middle half of the values
(its width: the IQR; its bounds: the quartiles), the exponential named by its properties (no
memory, a Poisson process, a constant hazard) and two samples asked to share a shape without
"as". Each rule has phrasings of its own and a near miss it must not fire on."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.reader import read
from havoc_srs.reader.statistic import asked_statistics, target_distribution

RNG = np.random.default_rng(19)


def _run(question: str, frame: pd.DataFrame | None):
    return Pipeline(index=False).run(question, data=frame)


def _stats(res) -> set[str]:
    return set((res.answer.get("key_numbers") or {}).get("statistics") or [])


def _method(res) -> str | None:
    return (res.answer.get("rests_on") or {}).get("method") or res.answer.get("method")


def _shop(n: int = 120) -> pd.DataFrame:
    return pd.DataFrame({
        "Basket Value": RNG.lognormal(3, 0.5, n).round(2),
        "Queue Minutes": RNG.exponential(4, n).round(2),
        "Staff Age": RNG.normal(38, 9, n).round(0),
        "Branch": ["Harbour", "Uptown", "Mall"] * (n // 3),
        "Loyalty Card": ["yes", "no"] * (n // 2),
    })  # fmt: skip


# ---- the kurtosis by the shape's adjective ----------------------------------------------------


@pytest.mark.parametrize(
    "q",
    [
        "How peaked is the distribution of staff ages?",
        "Is the basket value curve flat-topped or pointy?",
        "How fat-tailed are the queue minutes?",
        "How spiky does the histogram of basket values look?",
    ],
)
def test_shape_adjective_names_the_kurtosis(q):
    assert "kurtosis" in asked_statistics(q)


def test_shape_adjective_near_misses():
    # "peaked" as a verb: when something reached its top, no shape
    assert "kurtosis" not in asked_statistics("Sales peaked in March; what was the mean?")
    assert "kurtosis" not in asked_statistics("How long had the queue peaked for at noon?")


def test_shape_adjective_runs_as_a_description():
    res = _run("How peaked is the distribution of staff ages?", _shop())
    assert res.status == "answered" and res.answer["family"] == "descriptive"
    assert _stats(res) == {"kurtosis"} and res.answer["columns"] == ["Staff Age"]


# ---- both ends as "the extremes"; the distance between the ends -------------------------------


@pytest.mark.parametrize(
    "q",
    [
        "What are the extremes of the basket values?",
        "Report both extremes of staff age.",
        "Tell me the two extremes we saw for queue minutes.",
    ],
)
def test_the_extremes_are_min_and_max(q):
    assert sorted(asked_statistics(q)) == ["max", "min"]


def test_the_extremes_near_misses():
    assert asked_statistics("Were there extreme queues on some days?") == []
    # the extremes set aside: a subset of the rows, the statistic asked is the mean
    assert asked_statistics("What is the mean basket value once the extremes are removed?") == [
        "mean"
    ]


@pytest.mark.parametrize(
    "q",
    [
        "How far apart are the youngest and the oldest staff member?",
        "What is the gap between the cheapest and the priciest basket?",
        "Give the distance from the smallest to the largest queue time.",
    ],
)
def test_distance_between_the_ends_is_the_range(q):
    assert read(q, None).statistic == ["range"]


def test_distance_between_the_ends_near_misses():
    # the two ends asked on their own
    assert sorted(read("Give the youngest and the oldest staff age.", None).statistic) == [
        "max",
        "min",
    ]


@pytest.mark.parametrize(
    "q",
    [
        "What are the lowest and highest basket, and the gap between them?",
        "Give the min, the max and the distance separating the two for staff age.",
        "Youngest and oldest staff member, plus the difference between those two?",
    ],
)
def test_the_ends_and_the_gap_between_them(q):
    assert sorted(read(q, None).statistic) == ["max", "min", "range"]


def test_distance_between_the_ends_runs_as_the_range():
    res = _run("How far apart are the cheapest and the priciest basket values?", _shop())
    assert res.status == "answered" and _stats(res) == {"range"}
    assert res.answer["columns"] == ["Basket Value"]


# ---- the middle half of the values --------------------------------------------------------------


@pytest.mark.parametrize(
    "q",
    [
        "How wide is the middle half of the staff ages?",
        "What is the spread of the central 50 percent of basket values?",
        "Give the width of the central half of queue minutes.",
    ],
)
def test_middle_half_width_is_the_iqr(q):
    assert read(q, None).statistic == ["iqr"]


@pytest.mark.parametrize(
    "q",
    [
        "What are the bounds for the inner half of staff ages?",
        "What are the limits of the central half of the basket values?",
        "Where does the middle half of queue minutes fall?",
    ],
)
def test_middle_half_bounds_are_the_quartiles(q):
    assert read(q, None).statistic == ["quartiles"]


def test_middle_half_near_misses():
    # the ends of something else, no statistic
    assert read("What are the ends of the table?", None).statistic == []
    # its width, not its bounds
    assert read("How wide is the middle half of the staff ages?", None).statistic == ["iqr"]


# ---- the exponential by its properties --------------------------------------------------------


@pytest.mark.parametrize(
    "q",
    [
        "Are queue minutes memoryless?",
        "Do the queue minutes behave like waiting times of a Poisson process?",
        "Is a constant hazard plausible for the queue minutes?",
        "Do these lifetimes fit a constant failure rate model?",
    ],
)
def test_exponential_by_its_properties(q):
    assert target_distribution(q) == "exponential"


def test_exponential_properties_near_misses():
    assert target_distribution("Is the count of calls per hour a constant?") is None
    assert target_distribution("Did the hazard change after the constant rework?") is None


def test_exponential_by_property_runs_a_fit():
    res = _run("Is a constant hazard plausible for the queue minutes?", _shop())
    assert res.status == "answered" and res.answer["family"] == "distribution"
    assert _method(res) in ("ks_exponential", "lilliefors")
    assert res.answer["columns"] == ["Queue Minutes"]


# ---- two samples asked to share a shape -------------------------------------------------------


@pytest.mark.parametrize(
    "q",
    [
        "Do the Harbour and Uptown basket values have the same shape?",
        "Are basket values of card holders and non-holders similarly shaped?",
        "Do queue minutes at Harbour and at Mall share a common shape?",
    ],
)
def test_shared_shape_is_two_samples(q):
    res = _run(q, _shop())
    assert res.status == "answered" and res.answer["family"] == "distribution"
    assert _method(res) == "ks_two_sample"


def test_shared_shape_near_miss_named_distribution():
    # one sample against a named distribution: not two samples
    res = _run("Does staff age have the same shape as a bell curve?", _shop())
    assert res.answer["family"] == "distribution" and _method(res) != "ks_two_sample"
    assert res.answer["columns"] == ["Staff Age"]


# ---- "usually" in a comparison is no centre asked ---------------------------------------------


@pytest.mark.parametrize(
    "q, want",
    [
        ("Is the basket value skewed, like spending data usually is?", ["skewness"]),
        ("Are the staff ages heavy tailed, as ages usually are not?", ["kurtosis"]),
        ("Is the queue longer than usual today?", []),
    ],
)
def test_usually_in_a_simile_is_no_mean(q, want):
    assert asked_statistics(q) == want


@pytest.mark.parametrize(
    "q", ["What does a basket usually come to?", "How long do people usually queue?"]
)
def test_usually_of_this_measure_is_the_mean(q):
    assert asked_statistics(q) == ["mean"]


# ---- "n" as an item of a list of statistics -----------------------------------------------------


@pytest.mark.parametrize(
    "q, want",
    [
        ("Queue minutes: median, IQR, n.", ["median", "iqr", "count"]),
        ("Give n and the mean of staff age", ["count", "mean"]),
        ("Table of (n, mean, sd) per branch please", ["count", "mean", "std"]),
    ],
)
def test_listed_n_is_the_count(q, want):
    assert asked_statistics(q) == want


def test_listed_n_near_misses():
    assert asked_statistics("With n = 40 shoppers, what is the mean basket?") == ["mean"]
    assert asked_statistics("The mean of x over n, is it stable?") == ["mean"]
    assert asked_statistics("Is n big enough here?") == []


# ---- a table whose yes/no column reads as blanks is no run sheet (no crash) -------------------


def test_true_false_column_is_no_run_sheet():
    from havoc_srs.data import load_data
    from havoc_srs.families.doe_analysis import run_sheet

    n = 40
    frame = pd.DataFrame({
        "Season": [2022, 2023] * (n // 2),
        "Side": ["Red", "Blue", "Blue", "Red"] * (n // 4),
        "Win": [0, 1, 1, 0, 1, 0, 0, 1] * (n // 8),
        "FirstBlood": [True, False] * (n // 2),
        "GameLength": RNG.normal(31, 5, n).round(1),
    })  # fmt: skip
    assert run_sheet(load_data(frame)) is False
    res = _run("Is game length the same distribution for Red and Blue sides?", frame)
    assert res.status == "answered" and res.answer["family"] == "distribution"


# ---- "dist" / "distn" cut short for distribution ------------------------------------------------


@pytest.mark.parametrize(
    "q",
    [
        "basket value dist Harbour vs Uptown same?",
        "Is the queue minutes dist the same at Harbour and at Mall?",
        "staff age distn card holders versus the rest: different?",
    ],
)
def test_distribution_cut_short_two_samples(q):
    res = _run(q, _shop())
    assert res.status == "answered" and res.answer["family"] == "distribution"
    assert _method(res) == "ks_two_sample"


def test_distribution_cut_short_near_misses():
    from havoc_srs.reader.spelling import distribution_cut

    # "dist" for a distance: left as written
    assert distribution_cut("mean dist to the depot in km?") == "mean dist to the depot in km?"
    assert distribution_cut("lognormal dist for queue times?") == (
        "lognormal distribution for queue times?"
    )
    # no two samples compared: a one-sample fit stays one
    res = _run("queue minutes distn: exponential?", _shop())
    assert res.answer["family"] == "distribution" and _method(res) != "ks_two_sample"


# ---- a header word written as its everyday contraction ("wt", "ht", "qty") --------------------


def _clinic(n: int = 60) -> pd.DataFrame:
    return pd.DataFrame({
        "Weight_kg": RNG.normal(72, 11, n).round(1),
        "Waist_cm": RNG.normal(88, 9, n).round(1),
        "Height (cm)": RNG.normal(171, 8, n).round(0),
        "Qty Prescribed": RNG.integers(1, 9, n),
        "Ward": ["A", "B", "C"] * (n // 3),
    })  # fmt: skip


@pytest.mark.parametrize(
    "q, col",
    [
        ("mean wt ± sd please", "Weight_kg"),
        ("what's the median ht of the patients?", "Height (cm)"),
        ("avg qty prescribed on each ward", "Qty Prescribed"),
        ("Is body wt normally distributed?", "Weight_kg"),
    ],
)
def test_contracted_header_word_names_the_column(q, col):
    res = _run(q, _clinic())
    assert res.status == "answered" and col in res.answer["columns"]


def test_contracted_header_word_near_misses():
    from havoc_srs.reader.columns import _CONTRACTED, _contraction

    # "no" (number), "min" (minute) are words of their own: never a contraction
    assert not _contraction("no", "number") and not _contraction("min", "minute")
    assert "minute" not in _CONTRACTED and "number" not in _CONTRACTED
    # "wt" is the weight, not the waist
    res = _run("mean wt please", _clinic())
    assert res.answer["columns"] == ["Weight_kg"]


# ---- a category's superlative beside the mode is the mode ---------------------------------------


def _visits(n: int = 90) -> pd.DataFrame:
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    return pd.DataFrame({
        "Day": [days[i % 6] if i % 5 else "Sat" for i in range(n)],
        "Clinic": ["North", "South", "North"] * (n // 3),
        "Wait (min)": RNG.gamma(2, 8, n).round(1),
    })  # fmt: skip


@pytest.mark.parametrize(
    "q",
    [
        "busiest day (mode) at the clinics?",
        "Which day is the most common, the biggest one for visits?",
        "the top clinic by visits - the modal one?",
    ],
)
def test_category_superlative_beside_the_mode(q):
    res = _run(q, _visits())
    assert res.status == "answered" and _stats(res) == {"mode"}


def test_category_superlative_near_miss():
    # a numeric column named: its maximum is a number, asked as well
    res = _run("What is the modal wait and the longest wait in minutes?", _visits())
    assert _stats(res) == {"mode", "max"} and res.answer["columns"] == ["Wait (min)"]
