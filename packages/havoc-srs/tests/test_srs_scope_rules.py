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
