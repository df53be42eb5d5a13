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


# ---- control charts asked in other words -----------------------------------------------------

_T = np.arange(40)
BOTTLES = pd.DataFrame(
    {
        "Batch": np.arange(1, 41),
        "Cap1 Nm": np.round(2.0 + RNG.normal(0, 0.05, 40), 3),
        "Cap2 Nm": np.round(2.0 + RNG.normal(0, 0.05, 40), 3),
        "Cap3 Nm": np.round(2.0 + RNG.normal(0, 0.05, 40), 3),
        "Cap4 Nm": np.round(2.0 + RNG.normal(0, 0.05, 40), 3),
    }
)
CLINIC = pd.DataFrame(
    {
        "Day": np.arange(1, 41),
        "Mean visit length (min)": np.round(22 + RNG.normal(0, 2, 40), 1),
        "Missed appointments": RNG.poisson(6, 40),
    }
)
RIVER = pd.DataFrame(
    {
        "Date": pd.date_range("2026-01-01", periods=30).strftime("%Y-%m-%d"),
        "Viscosity (cP)": np.round(50 + RNG.normal(0, 1, 30), 2),
        "Density (kg/m3)": np.round(998 + RNG.normal(0, 0.5, 30), 2),
    }
)


@pytest.mark.parametrize(
    ("q", "analysis"),
    [
        ("please draw a chart of the sample averages with a chart of the sample ranges beneath "
         "it for the cap torques", "chart_xbar_r"),
        ("x̄–s for cap torque please", "chart_xbar_s"),
        ("carta de control de los torques, por favor", None),
        ("Did the cap torque level move at some point during these batches?", None),
    ],
)  # fmt: skip
def test_chart_asked_in_other_words(pipe: Pipeline, q: str, analysis: str | None) -> None:
    res = pipe.run(q, data=BOTTLES)
    assert res.answer["family"] == "spc_chart"
    assert res.status == "answered"
    if analysis:
        assert res.answer["analysis"] == analysis


def test_spc_cue_silent_without_chart_words() -> None:
    from havoc_srs.families.spc_chart import mode_cue

    # a change at a known moment is a before/after comparison, not a chart
    assert mode_cue("did the mean change after the new supplier started?", None)[0] == 0
    assert mode_cue("compare the means and the standard deviations of the two lines", None)[0] == 0
    assert mode_cue("which chart applies here?", None)[0] == 0  # no data: nothing to chart


def test_person_is_not_pearson() -> None:
    from havoc_srs.reader.spelling import spelled

    assert spelled("i am not a stats person") == "i am not a stats person"


def test_column_named_in_another_language(pipe: Pipeline) -> None:
    res = pipe.run("gráfico de control de la viscosidad, valores individuales", data=RIVER)
    assert res.status == "answered"
    assert res.answer["analysis"] == "chart_imr"
    assert res.answer["columns"] == ["Viscosity (cP)"]


def test_named_counts_get_a_c_chart(pipe: Pipeline) -> None:
    res = pipe.run("control chart of the daily missed appointments", data=CLINIC)
    assert res.status == "answered"
    assert res.answer["analysis"] == "chart_c"
    assert res.answer["columns"] == ["Missed appointments"]


def test_named_measurement_is_not_charted_as_counts(pipe: Pipeline) -> None:
    res = pipe.run("control chart of the daily mean visit length", data=CLINIC)
    assert res.answer["analysis"] == "chart_imr"
    assert res.answer["columns"] == ["Mean visit length (min)"]
