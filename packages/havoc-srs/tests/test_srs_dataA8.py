"""Phrasings of the verdict families (correlation, contingency, variance), dataA8: statistic
words matched only as typos or abbreviations of themselves, "how many X" as one side of a
relation, a symmetric relation with a variable held fixed (a partial correlation, not a
regression), a header said by its first two words, a control clause ahead of a stratified
association; each with the cases where the rule must not fire."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.data import Dataset
from havoc_srs.families.regression import _symmetric_held
from havoc_srs.reader import read
from havoc_srs.reader.columns import match_headers
from havoc_srs.reader.statistic import asked_statistics

RNG = np.random.default_rng(8)


def _run(question: str, frame: pd.DataFrame | None):
    return Pipeline(index=False).run(question, data=frame)


def _method(res) -> str | None:
    return (res.answer.get("rests_on") or {}).get("method") or res.answer.get("method")


# --- statistic words: typos and abbreviations of themselves, not synonyms or longer words ---


@pytest.mark.parametrize(
    "q",
    [
        "Is the statement balance related to the customer's age?",
        "Do the units of beer sold move with the temperature?",
        "Does the stated income line up with the loan size?",
    ],
)
def test_other_words_near_statistic_words_ask_no_statistic(q):
    assert asked_statistics(q) == []


@pytest.mark.parametrize(
    "q,want",
    [
        ("the standrad deviation of the fill weight", ["std"]),
        ("avrage and medain of the delay", ["mean", "median"]),
        ("kurtossis of the returns", ["kurtosis"]),
        ("give me the stats for the weight", ["count", "mean", "std", "min", "quartiles", "median", "max"]),
    ],
)  # fmt: skip
def test_misspelled_statistic_words_still_count(q, want):
    assert asked_statistics(q) == want


# --- "how many X" / "the number of X" as one side of a relation ---


@pytest.mark.parametrize(
    "q",
    [
        "Is a shop's revenue tied to how many staff it employs?",
        "Does the waiting time depend on how many nurses are on shift?",
        "Any link between how many hours they sleep and their test marks?",
        "Is the number of complaints related to the delivery delay?",
    ],
)
def test_how_many_naming_one_side_of_a_relation_is_no_count(q):
    assert "count" not in asked_statistics(q)


@pytest.mark.parametrize(
    "q",
    [
        "How many orders are there per region?",
        "how many rows are there, and is age related to income?",
        "What is the number of patients in each ward?",
    ],
)
def test_a_count_asked_outright_is_still_a_count(q):
    assert "count" in asked_statistics(q)


# --- a symmetric relation with a variable held fixed: partial correlation, not regression ---


@pytest.mark.parametrize(
    "q",
    [
        "is rent related to commute time once you allow for flat size?",
        "are sleep and mood still linked after adjusting for age?",
        "after accounting for dose, is weight loss associated with adherence?",
    ],
)
def test_symmetric_relation_held_fixed_is_no_regression_cue(q):
    assert _symmetric_held(q)


@pytest.mark.parametrize(
    "q",
    [
        "what is the effect of dose on weight loss, controlling for age?",
        "fit a model of rent on size adjusting for district",
        "how much does yield go up per unit of fertiliser, holding rain constant?",
    ],
)
def test_a_model_asked_with_a_variable_held_fixed_stays_a_regression(q):
    assert not _symmetric_held(q)


def _three_measures(n: int = 80) -> pd.DataFrame:
    size = RNG.normal(60, 15, n)
    rent = 12 * size + RNG.normal(0, 80, n)
    commute = RNG.normal(30, 8, n) + 0.02 * rent
    return pd.DataFrame({"flat_size_m2": size, "monthly_rent": rent, "commute_min": commute})


def test_related_once_you_allow_for_runs_a_partial_correlation():
    res = _run(
        "Is monthly rent related to commute time once you allow for flat size?",
        _three_measures(),
    )
    assert res.status == "answered"
    assert res.answer.get("family") == "correlation"
    assert _method(res) == "partial_correlation"
    assert sorted(res.answer.get("columns")) == ["commute_min", "flat_size_m2", "monthly_rent"]


# --- a header of three or more words said by its first two ---


def _people(n: int = 120) -> pd.DataFrame:
    return pd.DataFrame({
        "gender": RNG.choice(["female", "male"], n),
        "test preparation course": RNG.choice(["none", "completed"], n),
        "parental level of education": RNG.choice(["high school", "degree"], n),
        "customer loyalty programme tier": RNG.choice(["gold", "silver"], n),
        "customer loyalty points balance": RNG.integers(0, 500, n),
        "math score": RNG.integers(30, 100, n),
    })  # fmt: skip


@pytest.mark.parametrize(
    "q,col",
    [
        ("fisher: gender vs test prep", "test preparation course"),
        ("is test preparation linked to gender?", "test preparation course"),
        ("chi-square of gender against the test prep", "test preparation course"),
    ],
)
def test_a_long_header_said_by_its_first_two_words(q, col):
    cols = [m.column for m in match_headers(q, list(_people().columns))]
    assert col in cols


def test_two_headers_sharing_their_first_two_words_are_not_named_by_them():
    cols = [m.column for m in match_headers("gender vs customer loyalty", list(_people().columns))]
    assert "customer loyalty programme tier" not in cols
    assert "customer loyalty points balance" not in cols


def test_fisher_on_a_long_header_said_short_is_answered():
    res = _run("fisher exact test: gender vs test prep", _people())
    assert res.status == "answered" and _method(res) == "fisher_exact"
    assert sorted(res.answer.get("columns")) == ["gender", "test preparation course"]


# --- a control clause ahead of a stratified association ---


def _clinic(n: int = 400) -> pd.DataFrame:
    sex = RNG.choice(["F", "M"], n)
    smoker = RNG.choice(["yes", "no"], n)
    p = np.where(smoker == "yes", 0.5, 0.25)
    return pd.DataFrame({"sex": sex, "smoker": smoker,
                         "cough": np.where(RNG.random(n) < p, "yes", "no"),
                         "age": RNG.integers(20, 80, n)})  # fmt: skip


@pytest.mark.parametrize(
    "q",
    [
        "Controlling for sex via Mantel-Haenszel, is being a smoker associated with cough?",
        "Once sex is taken into account, is smoker tied to cough? Mantel-Haenszel please.",
        "cough vs smoker conditional on sex, CMH test",
    ],
)
def test_a_stratum_named_in_a_control_clause(q):
    res = _run(q, _clinic())
    assert res.status == "answered" and _method(res) == "mantel_haenszel"
    assert res.answer.get("columns") == ["smoker", "cough", "sex"] or sorted(
        res.answer.get("columns")[:2]
    ) == ["cough", "smoker"]
    assert res.answer.get("columns")[2] == "sex"


def test_no_control_clause_no_stratum():
    res = _run("is being a smoker associated with cough? chi-square", _clinic())
    assert res.status == "answered" and _method(res) == "chi2_independence"
    assert sorted(res.answer.get("columns")) == ["cough", "smoker"]


def test_reader_family_for_a_count_side_of_a_relation():
    n = 80
    kids = RNG.integers(0, 4, n)
    frame = pd.DataFrame({"Teenhome": kids, "Response": (RNG.random(n) < 0.1 + 0.1 * kids).astype(int),
                          "Income": RNG.normal(50, 10, n)})  # fmt: skip
    r = read(
        "Is the income tied to how many teenagers live in the home?", Dataset.from_frame(frame)
    )
    assert r.scores["descriptive"] < r.scores["correlation"]
