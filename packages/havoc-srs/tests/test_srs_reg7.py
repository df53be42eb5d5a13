"""Reader rules of the reg7 session (regression, DOE analysis, gage R&R, symbolic), each with
phrasings written for these tests and a case where the rule must not fire."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.data import load_data
from havoc_srs.families import doe_analysis, regression
from havoc_srs.families.measurement_system import slashed_gage
from havoc_srs.reader.numbers import inline_table


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(index=False)


def _factorial(seed: int = 3) -> pd.DataFrame:
    """A replicated 2^3 run sheet: Oven, Dwell, Belt; response Gloss."""
    rng = np.random.default_rng(seed)
    runs = [(a, b, c) for c in (-1, 1) for b in (-1, 1) for a in (-1, 1)] * 2
    a, b, c = (np.array(v, dtype=float) for v in zip(*runs, strict=True))
    y = 50 + 4 * a - 2 * b + 1.5 * a * b + 0.5 * c + rng.normal(0, 0.3, len(a))
    return pd.DataFrame({"Oven": a, "Dwell": b, "Belt": c, "Gloss": y.round(2)})


# ---- doe_analysis: a subset of factors only when the question restricts to it -------------------


def test_restricted_factors_analysed_alone(pipe: Pipeline) -> None:
    df = _factorial()
    r = pipe.run(
        "Belt stays fixed in production, so analyse the experiment for oven and dwell only: which effects on gloss are significant?",
        df,
    )
    assert r.status == "answered"
    assert sorted(r.answer["columns"]) == ["Dwell", "Gloss", "Oven"]


def test_named_factors_without_restriction_keep_the_whole_sheet(pipe: Pipeline) -> None:
    df = _factorial()
    r = pipe.run("Is the oven by dwell interaction real in this experiment?", df)
    assert r.status == "answered"
    assert sorted(r.answer["columns"]) == ["Belt", "Dwell", "Gloss", "Oven"]


# ---- doe_analysis: screening arrays and rotatable composites -------------------------------------


def test_plackett_burman_sheet_is_analysed(pipe: Pipeline) -> None:
    gen = [1, 1, -1, 1, 1, 1, -1, -1, -1, 1, -1]
    rows = [np.roll(gen, i) for i in range(11)] + [[-1] * 11]
    x = np.array(rows, dtype=float)[:, :6]
    y = 10 + 1.2 * x[:, 0] - 0.8 * x[:, 3] + np.random.default_rng(1).normal(0, 0.1, 12)
    df = pd.DataFrame(x, columns=["Feed", "Speed", "Coolant", "Tool", "Depth", "Insert"])
    df["Finish"] = y.round(3)
    assert doe_analysis.run_sheet(load_data(df))
    r = pipe.run("Which of the settings matter for finish in this screening run?", df)
    assert r.status == "answered"
    assert r.answer["family"] == "doe_analysis"
    assert r.answer["analysis"] == "analyze_plackett_burman"


def test_rotatable_composite_with_rounded_axial_settings(pipe: Pipeline) -> None:
    a = 1.414
    coded = [(-1, -1), (1, -1), (-1, 1), (1, 1), (-a, 0), (a, 0), (0, -a), (0, a)] + [(0, 0)] * 4
    x1 = np.round(60 + 5 * np.array([c[0] for c in coded]), 1)  # 52.9 .. 67.1
    x2 = np.round(2.0 + 0.5 * np.array([c[1] for c in coded]), 2)
    y = 80 - (x1 - 62) ** 2 / 10 - (x2 - 2.1) ** 2 * 8 + np.arange(12) % 3 * 0.05
    df = pd.DataFrame({"Bath (°C)": x1, "Dwell (min)": x2, "Yield %": y.round(2)})
    r = pipe.run("Fit the quadratic response surface for this composite design.", df)
    assert r.status == "answered"
    assert r.answer["family"] == "doe_analysis"
    assert r.answer["analysis"] == "analyze_quadratic"


def test_five_level_rating_is_not_a_factor() -> None:
    df = pd.DataFrame(
        {"A": [-1, 1, -1, 1] * 2, "B": [-1, -1, 1, 1] * 2, "Score": [1, 2, 3, 4, 5, 3, 2, 4]}
    )
    assert doe_analysis._axial_factors(load_data(df)) == []


# ---- factorials typed into the question ----------------------------------------------------------


def test_standard_order_response_takes_its_own_name() -> None:
    t = inline_table(
        "A 2^2 trial with spindle speed (800, 1200 rpm) and feed (0.1, 0.2 mm) gave Ra (um) "
        "in standard order: 1.8, 1.2, 2.6, 2.0."
    )
    assert list(t.columns) == ["spindle speed", "feed", "Ra"]


def test_rows_named_by_factor_signs() -> None:
    t = inline_table(
        "Bead width, duplicated runs:\nvolts - , wire - : 4.1, 4.3\nvolts + , wire - : 5.0, 5.2\n"
        "volts - , wire + : 4.6, 4.4\nvolts + , wire + : 5.9, 6.1\nWhat matters?"
    )
    assert list(t.columns) == ["volts", "wire", "Bead width"]
    assert len(t) == 8


def test_rows_under_a_caption_with_levels() -> None:
    t = inline_table(
        "Kiln test, dwell (20/40 min) x atmosphere (air/nitrogen), density:\n"
        "20 air 2.31 2.29\n40 air 2.40 2.42\n20 nitrogen 2.35 2.36\n40 nitrogen 2.47 2.45\n"
        "Analyse the effects."
    )
    assert list(t.columns) == ["dwell", "atmosphere", "density"]
    assert sorted(set(t["atmosphere"])) == [0.0, 1.0]


def test_incomplete_rows_are_not_a_factorial() -> None:
    q = "volts - , wire - : 4.1, 4.3\nvolts + , wire - : 5.0, 5.2\nvolts - , wire + : 4.6, 4.4\n"
    from havoc_srs.reader.design_rows import named_rows_table

    assert named_rows_table(q) is None  # three of the four combinations


# ---- measurement system ----------------------------------------------------------------------


def test_gage_typed_part_by_part_with_slashes() -> None:
    t = slashed_gage(
        "Caliper check, appraisers Ines and Tom, readings in mm: P1 4.01 4.02 / 4.03 4.03; "
        "P2 3.95 3.96 / 3.97 3.98; P3 4.10 4.09 / 4.12 4.11."
    )
    assert t is not None
    assert sorted(set(t["operator"])) == ["Ines", "Tom"]
    assert len(t) == 12


def test_uneven_slashed_cells_are_refused() -> None:
    assert (
        slashed_gage("P1 4.01 4.02 / 4.03; P2 3.95 3.96 / 3.97 3.98; P3 4.1 4.0 / 4.1 4.2.") is None
    )


def test_first_study_of_my_life_is_no_quantity(pipe: Pipeline) -> None:
    rng = np.random.default_rng(5)
    parts = np.repeat(np.arange(1, 9), 6)
    ops = np.tile(np.repeat(["Ann", "Bo", "Cy"], 2), 8)
    width = 10 + parts * 0.05 + rng.normal(0, 0.01, len(parts))
    df = pd.DataFrame({"Bracket": parts, "Checker": ops, "Width (mm)": width.round(4)})
    r = pipe.run("My first gauge study of my career: how much is gauge and how much parts?", df)
    assert r.status == "answered"
    assert r.answer["family"] == "measurement_system"


# ---- regression ---------------------------------------------------------------------------------


def test_sibling_columns_by_place_and_code() -> None:
    num = ["Run", "Probe1", "Probe2", "Probe3", "gap_N", "gap_S", "gap_E"]
    assert regression._phrase_column("the second probe reading", num) == "Probe2"
    assert regression._phrase_column("south (S)", num) == "gap_S"
    assert regression._phrase_column("the north gap", num) == "gap_N"
    assert regression._phrase_column("the probe reading", num) is None  # no place given


def test_hyphenated_initialism() -> None:
    num = ["Lab assay", "NIR scan %"]
    assert regression._phrase_column("the near-infrared result", num) == "NIR scan %"


def test_regress_on_all_the_other_columns() -> None:
    num = ["pH", "Temp", "Dose", "Turbidity"]
    assert regression._stated_roles("regression of turbidity on the other three", num) == (
        "Turbidity",
        ["pH", "Temp", "Dose"],
    )
    # the count must agree with the table
    assert regression._stated_roles("regression of turbidity on the other two", num) == (None, [])


def test_slope_per_extra_unit_cues_a_fit() -> None:
    assert regression._PER_UNIT.search(
        "how much does output drop for every extra kpa of back pressure"
    )
    assert not regression._PER_UNIT.search("what is the extra cost of the fix")


def test_clock_column_named_as_predictor() -> None:
    assert regression._clock_named("Hour", "regress the reading on the hour")
    assert not regression._clock_named("Hour", "what is the mean reading")


def test_typed_labels_with_units_and_prediction(pipe: Pipeline) -> None:
    q = (
        "Press force vs stroke:\nstroke mm: 2 4 6 8 10 12\nforce kN: 5.1 9.8 15.2 20.1 24.7 30.2\n"
        "Fit a line and predict the force for a 7 mm stroke."
    )
    r = pipe.run(q)
    assert r.status == "answered"
    assert r.answer["key_numbers"]["predict_at"] == {"stroke mm": 7.0}


def test_setting_unit_value_pairs() -> None:
    t = inline_table("Cure time vs oven temperature: 120 °C 42, 130 °C 35, 140 °C 30, 150 °C 27.")
    assert list(t.columns) == ["oven temperature", "Cure time"]
    assert list(t["oven temperature"]) == [120.0, 130.0, 140.0, 150.0]


def test_causing_verb_puts_the_response_after_it() -> None:
    num = ["Salinity (g/L)", "Corrosion rate"]
    q = "Is the salinity driving the corrosion rate?"
    assert regression._read_roles(q, num) == ("Corrosion rate", ["Salinity (g/L)"])
    q = "Is the corrosion rate affecting the salinity?"  # the order of the words decides
    assert regression._read_roles(q, num) == ("Salinity (g/L)", ["Corrosion rate"])


def test_categorical_joined_with_plus(pipe: Pipeline) -> None:
    rng = np.random.default_rng(4)
    n = 36
    df = pd.DataFrame(
        {
            "Resin": np.tile(["PA6", "PBT", "POM"], n // 3),
            "Wall (mm)": rng.uniform(1, 3, n).round(2),
            "Warp (mm)": rng.uniform(0.1, 0.9, n).round(3),
        }
    )
    r = pipe.run("Model warp using wall thickness plus the resin.", df)
    assert r.status == "answered"
    assert "Resin" in r.answer["columns"]


# ---- symbolic -----------------------------------------------------------------------------------


def test_simplify_with_a_cancelled_symbol(pipe: Pipeline) -> None:
    r = pipe.run("Simplify (p*q - p*r)/p please.")
    assert r.status == "answered"


def test_subscripted_symbol_between_operators(pipe: Pipeline) -> None:
    r = pipe.run("Differentiate Q = m·Cp·(T − T0) with respect to T.")
    assert r.status == "answered"
    assert r.answer["analysis"] == "derive"


def test_words_are_still_not_symbols(pipe: Pipeline) -> None:
    from havoc_srs.families.symbolic import _read

    assert _read("zero to infinity") is None


def test_second_order_model_in_two_predictors(pipe: Pipeline) -> None:
    rng = np.random.default_rng(7)
    flow = np.tile(np.linspace(10, 90, 12), 2)
    rpm = np.repeat([1000.0, 1500.0], 12)
    head = 2e-5 * rpm**2 * 0.01 - 0.002 * flow**2 + 0.05 * flow + rng.normal(0, 0.2, 24)
    df = pd.DataFrame({"Run": np.arange(1, 25), "rpm": rpm, "flow": flow, "head": head.round(3)})
    r = pipe.run("Fit a quadratic model of head in flow and rpm.", df)
    assert r.status == "answered"
    formula = r.answer["key_numbers"]["formula"]
    assert "I(flow^2)" in formula and "flow:rpm" in formula
    assert "I(rpm^2)" not in formula  # two levels carry no curvature
    assert sorted(r.answer["columns"]) == ["flow", "head", "rpm"]


def test_runs_typed_as_assignments_with_centre_runs() -> None:
    t = inline_table(
        "Our 2^2 with two centre points: P=-1 Q=-1 strength=12.0; P=+1 Q=-1 strength=15.5; "
        "P=-1 Q=+1 strength=13.1; P=+1 Q=+1 strength=18.2; centre strength=14.9, 15.1."
    )
    assert list(t.columns) == ["P", "Q", "strength"]
    assert len(t) == 6 and list(t["strength"][-2:]) == [14.9, 15.1]


def test_assignments_missing_a_corner_are_no_design() -> None:
    from havoc_srs.reader.design_rows import assigned_runs_table

    q = "P=-1 Q=-1 y=12.0; P=+1 Q=-1 y=15.5; P=-1 Q=+1 y=13.1; P=-1 Q=+1 y=13.3"
    assert assigned_runs_table(q) is None


def test_star_points_ask_for_a_composite_design(pipe: Pipeline) -> None:
    r = pipe.run(
        "Spray dryer: inlet temperature, feed rate and atomiser speed. We want a design with "
        "star points outside the cube to model curvature."
    )
    assert r.answer["family"] == "doe_design"
    assert r.answer["analysis"] == "design_ccd"
    assert r.answer["key_numbers"]["k"] == 3


def test_run_budget_is_a_bound_not_a_count(pipe: Pipeline) -> None:
    r = pipe.run("Six factors for the coater, fewer than 40 runs. Give me the design.")
    assert r.answer["analysis"] == "design_fractional"
    assert r.answer["key_numbers"]["runs"] == 32
    r = pipe.run("Six factors for the coater in 16 runs. Give me the design.")  # an exact count
    assert r.answer["key_numbers"]["runs"] == 16


def test_effect_with_other_inputs_accounted_for(pipe: Pipeline) -> None:
    rng = np.random.default_rng(9)
    n = 40
    speed = rng.uniform(5, 15, n)
    temp = rng.uniform(180, 220, n)
    wall = 3.0 - 0.03 * speed + 0.004 * temp + rng.normal(0, 0.02, n)
    df = pd.DataFrame(
        {"Line speed": speed.round(2), "Die temp": temp.round(1), "Wall": wall.round(3)}
    )
    r = pipe.run(
        "How much wall do we lose per unit of line speed once die temp is accounted for?", df
    )
    assert r.status == "answered"
    assert r.answer["family"] == "regression"
    assert sorted(r.answer["columns"]) == ["Die temp", "Line speed", "Wall"]


def test_in_control_for_is_no_adjustment() -> None:
    assert not regression._PARTIAL.search("has the line been in control for the last month")
    assert regression._PARTIAL.search("the slope controlling for humidity")


def test_measurement_study_named_in_german() -> None:
    from havoc_srs.mode import decide_mode
    from havoc_srs.phrasing import read_phrasing

    q = "Messsystemanalyse für den Durchmesser bitte."
    assert decide_mode(q, read_phrasing(q), None).scores["measurement_system"] > 0


def test_software_regression_commands() -> None:
    cols = ["Yield", "Temp (C)", "Time", "Catalyst"]
    jmp = 'Fit Model( Y( :Yield ), Effects( :Name("Temp (C)"), :Time ), Personality("Standard Least Squares"), Run );'
    assert regression._software_roles(jmp, cols) == ("Yield", ["Temp (C)", "Time"])
    mtb = "Regress; Response 'Yield'; Continuous 'Time' 'Temp (C)'; Categorical 'Catalyst'."
    assert regression._software_roles(mtb, cols) == ("Yield", ["Time", "Temp (C)", "Catalyst"])
    # a reference that is no column: no roles
    assert regression._software_roles("Fit Model( Y( :Strength ), Effects( :Time ) )", cols) == (
        None,
        [],
    )


def test_which_input_matters_more() -> None:
    assert regression._WHICH_MORE.search("which matters more for the yield, temperature or time")
    assert regression._WHICH_MORE.search("which one drives the shrinkage more")
    assert not regression._WHICH_MORE.search("which supplier is more consistent")


def test_the_lettered_part_asked_is_read_alone() -> None:
    from havoc_srs.reader.parts import asked_part

    q = (
        "Exercise 3. A process has four factors. (a) Define resolution. (b) Lay out a 2^(4-1) "
        "design. (c) Comment on blocking. Only part (b)."
    )
    assert asked_part(q) == "Exercise 3. A process has four factors. Lay out a 2^(4-1) design."
    q = "(a) Explain aliasing. (b) Build a 2^(4-1) design."  # no part chosen
    assert asked_part(q) == q


def test_quantity_named_by_what_its_unit_measures() -> None:
    num = ["Run temp (°C)", "Coil R (mOhm)", "Age (days)"]
    ms = regression._mentions("does a hotter run raise the resistance", num)
    assert "Coil R (mOhm)" in [c for _, _, c in ms]
    # two columns in the same kind of unit: the word names neither
    num = ["R1 (mOhm)", "R2 (mOhm)"]
    assert regression._mentions("is the resistance stable", num) == []


def test_a_rival_explanation_joins_the_predictors() -> None:
    cats = ["Supplier"]
    num = ["Load (kg)", "Wear"]
    q = "does more load really raise wear, or is it just the supplier?"
    assert regression._factor_named_as_predictor(q, cats, "Wear", ["Load (kg)"], num) == [
        "Supplier"
    ]
    q = "does more load raise wear for each supplier?"  # within each group: no predictor
    assert regression._factor_named_as_predictor(q, cats, "Wear", ["Load (kg)"], num) == []


def test_factorial_fit_command_is_no_regression_cue() -> None:
    df = pd.DataFrame({"A": [-1.0, 1, -1, 1] * 2, "B": [-1.0, -1, 1, 1] * 2, "Y": np.arange(8.0)})
    ds = load_data(df)
    q = "Fit Model( Y( :Y ), Effects( Full Factorial( :A, :B ) ), Run );"
    assert regression.mode_cue(q, ds)[0] == 0.0
    assert regression.mode_cue("Fit Model( Y( :Y ), Effects( :A, :B ), Run );", ds)[0] > 0
