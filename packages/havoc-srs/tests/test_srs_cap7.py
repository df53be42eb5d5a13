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


# ---- attribute charts: sample sizes said in passing, counts per an amount --------------------

_N = np.full(30, 80)
VALVES = pd.DataFrame(
    {
        "Shift": np.arange(1, 31),
        "Units tested": _N,
        "Leakers": RNG.binomial(_N, 0.05),
        "Seat scratches": RNG.poisson(3, 30),
    }
)
_LOT = RNG.integers(300, 500, 30)
CARDS = pd.DataFrame(
    {
        "Lot": np.arange(1, 31),
        "Cards in lot": _LOT,
        "Cards failed": RNG.binomial(_LOT, 0.03),
        "ICT fails (of 40)": RNG.binomial(40, 0.08, 30),
    }
)
_M2 = np.round(RNG.uniform(8, 30, 24), 1)
PAINT = pd.DataFrame(
    {"Panel": [f"P{i}" for i in range(24)], "Area m2": _M2, "Runs": RNG.poisson(_M2 * 0.4)}
)


def test_sample_size_said_with_the_sampling_verb() -> None:
    from havoc_srs.families.spc_chart import stated_size
    from havoc_srs.phrasing import Phrasing

    assert stated_size("np chart, 120 cartons checked each hour", Phrasing()) == 120
    assert stated_size("35 valves tested per shift", Phrasing()) == 35
    assert stated_size("we made 120 cartons today", Phrasing()) is None


def test_typed_np_with_sampling_verb(pipe: Pipeline) -> None:
    res = pipe.run(
        "np chart: 150 cartons inspected each shift, bad ones 5, 7, 3, 6, 4, 9, 5, 6", data=None
    )
    assert res.status == "answered"
    assert res.answer["analysis"] == "chart_np"
    assert res.answer["key_numbers"]["center"] == pytest.approx(45 / 8)


def test_header_states_its_own_sample_size(pipe: Pipeline) -> None:
    res = pipe.run("np chart of the ICT fails please", data=CARDS)
    assert res.status == "answered"
    assert res.answer["analysis"] == "chart_np"
    assert res.answer["columns"] == ["ICT fails (of 40)"]


def test_size_said_in_the_question_is_not_read_from_the_column(pipe: Pipeline) -> None:
    res = pipe.run("np chart of the leakers, n = 80", data=VALVES)
    assert res.status == "answered"
    assert res.answer["columns"] == ["Leakers"]


def test_counts_per_an_amount_column_get_a_u_chart(pipe: Pipeline) -> None:
    res = pipe.run("control chart of runs per area please", data=PAINT)
    assert res.status == "answered"
    assert res.answer["analysis"] == "chart_u"
    assert sorted(res.answer["columns"]) == ["Area m2", "Runs"]


def test_per_a_row_counter_is_not_an_amount() -> None:
    from havoc_srs.data import load_data
    from havoc_srs.families.spc_chart import _per_column

    # Shift numbers the rows: "scratches per shift" is counts in time order, not a rate
    assert _per_column("chart the seat scratches per shift", load_data(VALVES)) is None


# ---- subgroups typed one per line; the subgroup column the question speaks of ---------------


def test_subgroups_typed_one_per_line(pipe: Pipeline) -> None:
    q = "Xbar-S chart of bore size, 4 subgroups of 4:\nA1: 5.01 5.03 4.99 5.00\nA2: 5.02 5.00 5.01 4.98\nA3: 5.04 5.02 5.03 5.05\nA4: 4.99 5.01 5.00 5.02"
    res = pipe.run(q, data=None)
    assert res.status == "answered"
    assert res.answer["analysis"] == "chart_xbar_s"
    assert res.answer["key_numbers"]["n"] == 4


def test_capability_of_subgroups_typed_one_per_line(pipe: Pipeline) -> None:
    q = "Cpk for spec 4.9 to 5.1 with these subgroups:\n1: 5.01 5.03 4.99\n2: 5.02 5.00 5.01\n3: 5.00 5.02 5.03\n4: 4.99 5.01 5.00\n5: 5.02 4.98 5.01"
    res = pipe.run(q, data=None)
    assert res.status == "answered"
    assert res.answer["key_numbers"]["n"] == 15


JUICE = pd.DataFrame(
    {
        "Sample no": np.repeat(np.arange(1, 21), 4),
        "Brix": np.round(11 + RNG.normal(0, 0.15, 80), 2),
    }
)


def test_capability_reads_the_subgroup_column_it_is_told_of(pipe: Pipeline) -> None:
    res = pipe.run("Brix capability, 10.5 to 11.5, subgroups of 4", data=JUICE)
    assert res.status == "answered"
    assert sorted(res.answer["columns"]) == ["Brix", "Sample no"]


def test_capability_subgroup_size_of_one_column_is_a_constant(pipe: Pipeline) -> None:
    q = "Brix in a single column, subgroup size 4, spec 10.5 to 11.5: capability"
    res = pipe.run(q, data=JUICE)
    assert res.status == "answered"
    assert res.answer["columns"] == ["Brix"]


def test_capability_without_subgroup_talk_reads_the_measurement_only(pipe: Pipeline) -> None:
    res = pipe.run("Brix capability, 10.5 to 11.5", data=JUICE)
    assert res.status == "answered"
    assert res.answer["columns"] == ["Brix"]


# ---- one column of a block of alike headers named by its code ------------------------------

COOLANT = pd.DataFrame(
    {
        "Run": np.arange(1, 41),
        "IT (°C)": np.round(20 + RNG.normal(0, 0.3, 40), 2),
        "OT (°C)": np.round(27 + RNG.normal(0, 0.3, 40), 2),
    }
)


def test_member_of_a_block_named_by_its_initials(pipe: Pipeline) -> None:
    res = pipe.run("outlet temperature must be 26 to 28 °C: capability?", data=COOLANT)
    assert res.status == "answered"
    assert res.answer["columns"] == ["OT (°C)"]


def test_block_charted_when_no_member_is_named(pipe: Pipeline) -> None:
    res = pipe.run("xbar-r chart of the cap torques", data=BOTTLES)
    assert res.status == "answered"
    assert sorted(res.answer["columns"]) == ["Cap1 Nm", "Cap2 Nm", "Cap3 Nm", "Cap4 Nm"]


# ---- before / after columns ------------------------------------------------------------------

COATING = pd.DataFrame(
    {
        "Coupon": np.arange(1, 31),
        "Gloss pre-cure (GU)": np.round(88 + RNG.normal(0, 1, 30), 1),
        "Gloss post-cure (GU)": np.round(84 + RNG.normal(0, 1, 30), 1),
    }
)


def test_side_named_by_time_words() -> None:
    from havoc_srs.families._sqc import side_named

    cols = list(COATING.columns[1:])
    assert side_named("gloss once the coupons have cured", cols) == "Gloss post-cure (GU)"
    assert side_named("gloss measured before the oven", cols) == "Gloss pre-cure (GU)"
    # both sides spoken of: no side is chosen
    assert side_named("gloss before and after the oven", cols) is None
    # columns that are not a before/after pair
    assert side_named("after the oven", ["Gloss (GU)", "Haze (HU)"]) is None


def test_chart_of_the_side_asked(pipe: Pipeline) -> None:
    res = pipe.run("individuals chart of gloss after curing", data=COATING)
    assert res.status == "answered"
    assert res.answer["columns"] == ["Gloss post-cure (GU)"]


def test_site_letter_named_by_its_position() -> None:
    from havoc_srs.families._sqc import _member_named

    group = ["wall_mm_T", "wall_mm_M", "wall_mm_B"]
    assert _member_named("bottom wall thickness capability", group) == "wall_mm_B"
    assert _member_named("wall thickness capability", group) is None


def test_first_last_pair_named_before_the_shared_noun() -> None:
    from havoc_srs.families._sqc import side_named

    cols = ["First pallet (s)", "Last pallet (s)"]
    assert side_named("cusum of the time to the final pallet", cols) == "Last pallet (s)"
    assert side_named("chart the earliest pallet times", cols) == "First pallet (s)"
    # "first" not before the shared noun: no side
    assert side_named("first, chart the pallet times", cols) is None


def test_chemical_symbol_named_by_its_element() -> None:
    from havoc_srs.families._sqc import described

    cols = ["Dissolved O2 (mg/L)", "Turbidity (NTU)"]
    assert described("ewma of the oxygen readings", cols) == ["Dissolved O2 (mg/L)"]
    assert described("ewma of the nitrogen readings", cols) == []


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("Cpk, spec 7.5 ~ 8.5 mm", {"lsl": 7.5, "usl": 8.5}),
        ("runout spec ≤ 0.02 mm", {"usl": 0.02}),
        ("capability of flatness < 0.04 mm", {"usl": 0.04}),
        ("bore 30 mm nominal ±0.05", {"lsl": 29.95, "usl": 30.05, "target": 30.0}),
        ("length 50.0 (+0.3 / -0.1) mm", {"lsl": 49.9, "usl": 50.3, "target": 50.0}),
        ("allowed 0.2 mm either side of 8 mm", {"lsl": 7.8, "usl": 8.2, "target": 8.0}),
        ("inside ±1.5 of the 40 nominal", {"lsl": 38.5, "usl": 41.5, "target": 40.0}),
        ("USL 9 LSL 7 target 8", {"lsl": 7.0, "usl": 9.0, "target": 8.0}),
    ],
)
def test_more_spec_forms(q: str, want: dict) -> None:
    assert spec_limits(q).as_slots() == want


def test_p_value_threshold_is_no_spec() -> None:
    assert spec_limits("is the drop significant at p < 0.05?").as_slots() == {}


def test_units_taken_per_sample_are_a_size_but_counted_things_are_not() -> None:
    from havoc_srs.families.spc_chart import stated_size
    from havoc_srs.phrasing import Phrasing

    assert stated_size("p chart of rejects (40 springs per sample)", Phrasing()) == 40
    assert stated_size("about 4 scratches per panel", Phrasing()) is None
    assert stated_size("roughly 9 alarms per shift", Phrasing()) is None
