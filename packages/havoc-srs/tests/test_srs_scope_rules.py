"""Scope rules: conceptual questions are explained, lookups are out of scope, and a measurement
the question names that the table lacks is asked for (phrasings written for these tests)."""

from __future__ import annotations

import pytest
from havoc_srs.reader.concept import conceptual, lookup


@pytest.mark.parametrize(
    "q",
    [
        "What does a negative skew tell you about the tail of a distribution?",
        "Why is the pooled variance used in the classic two-sample t-test?",
        "How does the number of replicates affect the width of a confidence interval?",
        "Could you explain, in simple terms, what an interaction effect is?",
        "Does it make sense to average percentages from different batch sizes?",
        "If the sample triples, does the standard error halve?",
        "Precision vs accuracy: which one is about repeat readings agreeing?",
        "What is a Pareto chart good for?",
    ],
)
def test_conceptual_wording_is_conceptual(q: str) -> None:
    assert conceptual(q)


@pytest.mark.parametrize(
    "q",
    [
        "What's the variance of our filling line this week?",
        "Compute the skewness of my readings.",
        "Is the process capable with n = 30 and sigma = 0.2?",
        "Explain nothing, just test whether pH differs by tank.",
        "Why is pressure so high? Plot the pressure by shift.",
    ],
)
def test_computation_requests_are_not_conceptual(q: str) -> None:
    assert not conceptual(q)


def test_a_grounded_question_is_about_the_data() -> None:
    assert not conceptual("What does the spread of pressure_kpa tell me?", grounded=True)


@pytest.mark.parametrize(
    "q",
    [
        "Which reorder point does the SAP system hold for part 4471?",
        "What's the OSHA exposure limit for noise over 8 hours?",
        "Tell me the recommended maximum level for nitrate in drinking water.",
    ],
)
def test_lookups(q: str) -> None:
    assert lookup(q)


@pytest.mark.parametrize(
    "q",
    [
        "Is our mean nitrate above the EPA limit of 10 mg/L?",
        "Compare the lead times of the two suppliers.",
    ],
)
def test_not_lookups(q: str) -> None:
    assert not lookup(q)


# ---- a measurement the question names must be a column --------------------------------------

import pandas as pd  # noqa: E402
from havoc_srs.data import Dataset  # noqa: E402
from havoc_srs.reader.named import named_gaps  # noqa: E402


def _kiln() -> Dataset:
    frame = pd.DataFrame(
        {
            "kiln": ["K1", "K2", "K3"] * 8,
            "operator": ["Ana", "Bo"] * 12,
            "entry_temp_C": [800.0 + i for i in range(24)],
            "firing_min": [50.0 + (i % 5) for i in range(24)],
            "shrinkage_pct": [3.0 + 0.1 * (i % 7) for i in range(24)],
        }
    )
    return Dataset.from_frame(frame, "kiln.csv")


@pytest.mark.parametrize(
    ("q", "gap"),
    [
        ("What is the median porosity of the tiles from each kiln?", "porosity"),
        ("Do the kilns differ in the variance of glaze colour?", "glaze colour"),
        ("X-bar chart of the crack counts by kiln", "crack"),
        ("Average exit temperature per kiln, please", "exit temperature"),
        ("Compare tile weight between K1 and K2.", "tile weight"),
    ],
)
def test_a_named_quantity_the_table_lacks_is_a_gap(q: str, gap: str) -> None:
    assert any(gap in g for g in named_gaps(q, _kiln()))


@pytest.mark.parametrize(
    "q",
    [
        "What is the median shrinkage of the tiles from each kiln?",
        "Do the kilns differ in the variance of the entry temperature?",
        "Average firing time per kiln, please",  # a duration: the minutes column
        "How long does a firing take on average in K2?",
        "Compare the % shrinkage readings between K1 and K2.",
        "Mean temp for operator Ana",
        "Is the spread of the readings different between Ana and Bo?",
    ],
)
def test_named_or_described_columns_are_not_gaps(q: str) -> None:
    assert named_gaps(q, _kiln()) == []


def test_pipeline_asks_for_the_missing_measurement(monkeypatch) -> None:
    from havoc_srs import Pipeline

    monkeypatch.setenv("HAVOC_SRS_CHECK_NAMED", "1")  # the check is opt-in (see reader/named.py)

    ds = _kiln()
    res = Pipeline(index=False).run("What is the median porosity for each kiln?", data=ds.frame)
    assert res.status == "needs_input"
    assert "porosity" in res.answer["conclusion"]
    ok = Pipeline(index=False).run("What is the median shrinkage for each kiln?", data=ds.frame)
    assert ok.status == "answered"


def test_with_a_table_a_bare_what_asks_for_numbers() -> None:
    assert conceptual("What are Pp and Ppk?")
    assert not conceptual("What are Pp and Ppk?", has_data=True)
    assert not conceptual("Why is Ppk below 1 with USL 12.5?", has_data=True)


def test_a_verb_after_the_statistic_is_no_quantity() -> None:
    assert named_gaps("How much of the variation comes from the operators?", _kiln()) == []


def test_the_named_check_is_off_unless_asked(monkeypatch) -> None:
    from havoc_srs.plan import Plan
    from havoc_srs.reader.named import check_named

    ds = _kiln()
    plan = Plan(family="descriptive", analysis="descriptive")
    monkeypatch.delenv("HAVOC_SRS_CHECK_NAMED", raising=False)
    assert check_named("What is the median porosity for each kiln?", ds, plan) is plan
    monkeypatch.setenv("HAVOC_SRS_CHECK_NAMED", "1")
    asked = check_named("What is the median porosity for each kiln?", ds, plan)
    assert asked is not plan and any("porosity" in m.what for m in asked.missing)
