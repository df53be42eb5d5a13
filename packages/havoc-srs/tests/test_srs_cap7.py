"""Capability and control charts asked in forms the readers did not know: limits said as
compound number words ("two hundred and forty newtons"), digits grouped by spaces ("12 500 N"),
a limit stated as a multiple of another figure ("three times the 80 kPa design pressure"), and
the cases where these readings must stay silent."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.families._spec_words import compound_numbers
from havoc_srs.families._specs import spec_limits

RNG = np.random.default_rng(7707)


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(index=False)


# ---- spec limits: numbers said in words, grouped digits, multiples -------------------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("three hundred twelve", "312"),
        ("four thousand and sixty", "4060"),
        ("a hundred and five grams", "105 grams"),
        ("nine hundred", "900"),
        ("one or two parts", "one or two parts"),  # no hundred/thousand: left as it is
    ],
)
def test_compound_number_words(text: str, want: str) -> None:
    assert compound_numbers(text) == want


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("peel strength minimum of two hundred and forty newtons", {"lsl": 240.0}),
        ("rated at 12 500 N ± 300 N", {"lsl": 12200.0, "usl": 12800.0, "target": 12500.0}),
        ("spec window 1 200 to 1 350 mm", {"lsl": 1200.0, "usl": 1350.0}),
        ("LSL is three times the 80 kPa design pressure", {"lsl": 240.0}),
        ("the seal must hold at least twice the nominal 15 bar", {"lsl": 30.0}),
    ],
)
def test_spec_number_forms(q: str, want: dict) -> None:
    assert spec_limits(q).as_slots() == want


def test_spaced_list_is_not_a_grouped_number() -> None:
    # a list of numbers separated by spaces is not one number written in thousands
    assert spec_limits("readings 4 250 310 280, spec 200 to 400").as_slots() == {
        "lsl": 200.0,
        "usl": 400.0,
    }


def test_times_without_a_multiplication_word_does_not_multiply() -> None:
    assert spec_limits("checked 3 times a shift, USL 20").as_slots() == {"usl": 20.0}


def test_capability_with_worded_lower_limit(pipe: Pipeline) -> None:
    df = pd.DataFrame({"Peel force (N)": np.round(260 + RNG.normal(0, 5, 60), 1)})
    res = pipe.run("how capable is peel force, lower limit two hundred and forty newtons", data=df)
    assert res.status == "answered"
    assert res.answer["key_numbers"]["lsl"] == 240.0
    assert res.answer["key_numbers"].get("usl") is None
