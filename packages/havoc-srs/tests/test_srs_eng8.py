"""eng8: classes of phrasing for regression, designs, gage studies and symbolic maths, each
with phrasings written for these tests (none copied from the corpus) and a near miss the rule
must not fire on."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.data import load_data


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(index=False)


def _kiln() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    n = 40
    t = rng.uniform(1000, 1300, n)
    soak = rng.choice([20, 40, 60], n)
    moist = rng.uniform(4, 8, n)
    shrink = 2 + 0.02 * (t - 1000) - 0.00003 * (t - 1000) ** 2 + 0.01 * soak + rng.normal(0, 0.2, n)
    return pd.DataFrame(
        {
            "Firing Temp (°C)": t.round(0),
            "Soak (min)": soak,
            "Moisture (%)": moist.round(2),
            "Linear Shrinkage (%)": shrink.round(2),
            "Kiln": rng.choice(["K1", "K2", "K3"], n),
        }
    )


def _plant() -> pd.DataFrame:
    """A water plant: two turbidity columns (one by its unit only) and a dose."""
    rng = np.random.default_rng(3)
    n = 45
    raw = rng.uniform(2, 40, n)
    dose = 8 + 0.4 * raw + rng.normal(0, 1, n)
    return pd.DataFrame(
        {
            "Day": np.arange(1, n + 1),
            "Inlet water NTU": raw.round(1),
            "Coagulant dose mg/L": dose.round(1),
            "Turbidity (NTU)": (0.1 + rng.normal(0, 0.02, n)).round(3),
            "Flow (L/min)": rng.uniform(300, 500, n).round(0),
        }
    )


def _springs() -> pd.DataFrame:
    rng = np.random.default_rng(11)
    n = 50
    d = rng.uniform(1.8, 2.4, n)
    D = rng.uniform(16, 22, n)
    coils = rng.choice([5, 6, 7, 8], n)
    rate = 80000 * d**4 / (8 * D**3 * coils) + rng.normal(0, 0.1, n)
    return pd.DataFrame(
        {
            "Spring ID": [f"S{i}" for i in range(n)],
            "Wire dia (mm)": d.round(3),
            "Mean coil D (mm)": D.round(2),
            "Active coils": coils,
            "Rate (N/mm)": rate.round(3),
        }
    )


def _farm() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    n = 48
    n_rate = rng.choice([0, 60, 120, 180], n)
    p = rng.choice([0, 40, 80], n)
    rain = rng.uniform(150, 350, n)
    yld = 4 + 0.012 * n_rate + 0.005 * p + 0.004 * rain + rng.normal(0, 0.3, n)
    return pd.DataFrame(
        {
            "Field": [f"F{i}" for i in range(n)],
            "N applied (kg/ha)": n_rate,
            "P2O5 kg/ha": p,
            "Rain (mm)": rain.round(0),
            "Grain yield (t/ha)": yld.round(2),
        }
    )


def _fit(pipe, q, frame):
    """The answer of a fit; ``columns`` reordered as [response, predictors in table order]."""
    from havoc_srs.data import ident

    r = pipe.run(q, data=frame)
    assert r.answer.get("family") == "regression", (q, r.answer.get("family"), r.status)
    assert r.status == "answered", (q, r.markdown[:300])
    a = dict(r.answer)
    y = a["key_numbers"]["formula"].split("~")[0].strip()
    resp = [c for c in a["columns"] if ident(c) == y]
    assert len(resp) == 1, (a["columns"], y)
    a["columns"] = resp + [c for c in a["columns"] if c != resp[0]]
    return a


# ---------------------------------------------------------------------------------------------
# roles named by the words statistics uses for them (dependent/independent, response, outcome,
# predictor, explanatory, covariate, DV/IV)


@pytest.mark.parametrize(
    ("q", "y", "xs"),
    [
        ("Treat linear shrinkage as the dependent variable and firing temperature as the "
         "independent variable.", "Linear Shrinkage (%)", ["Firing Temp (°C)"]),
        ("Shrinkage is my outcome; moisture and soak time are the explanatory variables.",
         "Linear Shrinkage (%)", ["Moisture (%)", "Soak (min)"]),
        ("DV: linear shrinkage. IVs: firing temperature, moisture. Ordinary least squares please.",
         "Linear Shrinkage (%)", ["Firing Temp (°C)", "Moisture (%)"]),
        ("Using moisture as the predictor, with shrinkage being the response, fit a line.",
         "Linear Shrinkage (%)", ["Moisture (%)"]),
    ],
)  # fmt: skip
def test_roles_named_by_statistics_words(pipe, q, y, xs):
    a = _fit(pipe, q, _kiln())
    assert a["columns"][0] == y and sorted(a["columns"][1:]) == sorted(xs)


def test_named_roles_reader_and_near_miss():
    from havoc_srs.families._regression_roles import named_roles

    frame = _kiln()
    ds = load_data(frame)
    pool = list(ds.numeric)
    y, xs = named_roles("With soak time as the x variable and shrinkage as y, fit it.", pool, ds)
    assert y == "Linear Shrinkage (%)" and xs == ["Soak (min)"]
    # a percentage "as a" unit is no role; a response alone is no model
    assert named_roles("Report shrinkage as a percentage of length.", pool, ds) == (None, [])
    assert named_roles("Shrinkage is the response.", pool, ds) == (None, [])


# ---------------------------------------------------------------------------------------------
# a relation stated as a function, a passive, or two quantities moving together


@pytest.mark.parametrize(
    ("q", "cols"),
    [
        ("Is the spring rate a linear function of wire diameter?", ["Rate (N/mm)", "Wire dia (mm)"]),
        ("Is the stiffness of these springs explained by the wire thickness?",
         ["Rate (N/mm)", "Wire dia (mm)"]),
        ("Does the spring rate fall when the mean coil diameter goes up? Fit it.",
         ["Rate (N/mm)", "Mean coil D (mm)"]),
        ("Model it: does the rate shrink as the number of active coils increases?",
         ["Rate (N/mm)", "Active coils"]),
    ],
)  # fmt: skip
def test_relation_as_function_passive_or_co_change(pipe, q, cols):
    a = _fit(pipe, q, _springs())
    assert a["columns"] == cols


def test_co_change_cue_near_miss():
    from havoc_srs.families.regression import _CO_CHANGE

    assert _CO_CHANGE.search("does the rate drop when the diameter increases")
    assert _CO_CHANGE.search("yield rises as rainfall goes up")
    assert not _CO_CHANGE.search("does the rate drop after the coiler was serviced")


# ---------------------------------------------------------------------------------------------
# a column named by its header words and the quantity its unit measures, merged when two
# mentions sit side by side ("inlet water turbidity" is ``Inlet water NTU``)


@pytest.mark.parametrize(
    "q",
    [
        "coagulant dose vs inlet water turbidity - fit the regression line",
        "Model the coagulant dose as a quadratic function of the inlet-water turbidity.",
        "Regress the dose in milligrams per litre on inlet water cloudiness.",
    ],
)
def test_phrase_of_header_words_and_unit_quantity(pipe, q):
    a = _fit(pipe, q, _plant())
    assert sorted(a["columns"]) == ["Coagulant dose mg/L", "Inlet water NTU"]


def test_merge_adjacent_near_miss():
    from havoc_srs.families.regression import _mentions

    numeric = list(load_data(_plant()).numeric)
    ms = _mentions("inlet water turbidity", numeric)
    assert [c for _, _, c in ms] == ["Inlet water NTU"]
    # two columns named side by side in a list stay two
    ms = _mentions("the flow, turbidity and dose", numeric)
    assert {c for _, _, c in ms} == {"Flow (L/min)", "Turbidity (NTU)", "Coagulant dose mg/L"}


# ---------------------------------------------------------------------------------------------
# units written out ("a 12 minute soak", "per millimetre", "a 45-minute cure")


def test_spelled_units():
    from havoc_srs.families._unit_words import spelled_unit, unit_pattern

    assert spelled_unit("minutes") == "min" and spelled_unit("kilos") == "kg"
    assert spelled_unit("millimetre") == "mm" and spelled_unit("degrees") == "°c"
    assert spelled_unit("minutiae") == "" and spelled_unit("barn") == ""
    import re

    assert re.fullmatch(unit_pattern("min"), "minutes")
    assert not re.fullmatch(unit_pattern("min"), "minimum")


@pytest.mark.parametrize(
    ("q", "cols", "at"),
    [
        ("What shrinkage would a 40 minute soak give?", ["Linear Shrinkage (%)", "Soak (min)"],
         {"Soak (min)": 40.0}),
        ("Predict the shrinkage after a 30-minute soak.", ["Linear Shrinkage (%)", "Soak (min)"],
         {"Soak (min)": 30.0}),
        ("What linear shrinkage should we expect firing at 1150 degrees?",
         ["Linear Shrinkage (%)", "Firing Temp (°C)"], {"Firing Temp (°C)": 1150.0}),
    ],
)  # fmt: skip
def test_prediction_at_a_value_with_a_spelled_unit(pipe, q, cols, at):
    a = _fit(pipe, q, _kiln())
    assert a["columns"] == cols
    assert a["key_numbers"]["predict_at"] == at


def test_slope_per_spelled_unit_is_no_count(pipe):
    from havoc_srs.reader.statistic import asked_statistics

    assert "count" not in asked_statistics(
        "By how many newtons per mm does the rate rise per millimetre of wire?"
    )
    assert "count" not in asked_statistics("How many extra tonnes do we get per additional kilo?")
    assert "count" in asked_statistics("How many springs per batch were measured?")
    a = _fit(pipe, "By how much does the rate rise per millimetre of wire diameter?", _springs())
    assert a["columns"] == ["Rate (N/mm)", "Wire dia (mm)"]


# ---------------------------------------------------------------------------------------------
# chemicals named in words for a header's symbol, in a list of predictors


@pytest.mark.parametrize(
    "q",
    [
        "Regress grain yield on nitrogen, phosphate and rain.",
        "How much extra grain do we get per kilo of nitrogen?",
        "Fit grain yield against the nitrogen and phosphate rates.",
    ],
)
def test_chemical_names_for_symbols(pipe, q):
    a = _fit(pipe, q, _farm())
    assert a["columns"][0] == "Grain yield (t/ha)"
    assert "N applied (kg/ha)" in a["columns"]


def test_symbol_near_miss():
    from havoc_srs.families.regression import _mentions

    numeric = list(load_data(_farm()).numeric)
    # "nitrogenous" is no chemical name; "n" alone is no mention
    assert not [c for _, _, c in _mentions("nitrogenous soils", numeric) if c.startswith("N ")]


# ---------------------------------------------------------------------------------------------
# a regression named outright, a word of another analysis that is the table's own quantity,
# a curvature asked


def test_regression_named_beats_a_vague_verb(pipe):
    frame = _plant()
    frame["Power kW"] = (0.002 * frame["Flow (L/min)"] + 0.1).round(3)
    a = _fit(pipe, "How does power scale with flow? Give me the regression.", frame)
    assert a["columns"] == ["Power kW", "Flow (L/min)"]
    a = _fit(pipe, "Least squares line of power draw on flow, please.", frame)
    assert a["columns"] == ["Power kW", "Flow (L/min)"]


@pytest.mark.parametrize(
    "q",
    [
        "Does shrinkage level off at high firing temperatures?",
        "Is shrinkage vs firing temperature straight, or does it bend?",
        "Is the link between firing temperature and shrinkage non-linear?",
    ],
)
def test_curvature_asked(pipe, q):
    a = _fit(pipe, q, _kiln())
    assert sorted(a["columns"]) == ["Firing Temp (°C)", "Linear Shrinkage (%)"]


def test_curvature_near_miss(pipe):
    r = pipe.run("Is firing temperature correlated with shrinkage?", data=_kiln())
    assert r.answer["family"] == "correlation"


def test_fitted_line_is_no_plot_by_itself(pipe):
    a = _fit(
        pipe, "Plot shrinkage against firing temperature and give me the fitted line.", _kiln()
    )
    assert a["columns"] == ["Linear Shrinkage (%)", "Firing Temp (°C)"]
    r = pipe.run("Plot shrinkage against firing temperature.", data=_kiln())
    assert r.status != "answered" or r.answer["family"] != "regression"


def test_other_n_columns_followed_by_words(pipe):
    a = _fit(pipe, "What does a regression of shrinkage on the other three columns look like?",
             _kiln().drop(columns=["Kiln"]))  # fmt: skip
    assert len(a["columns"]) == 4


# ---------------------------------------------------------------------------------------------
# designs: factors listed after any verb of studying, runs counted by what the budget allows


@pytest.mark.parametrize(
    ("q", "k", "analysis"),
    [
        ("We'd like to look at line speed, oven temperature and belt tension. Could you lay out a "
         "full factorial for those three?", 3, "design_full"),
        ("Six things could matter for the glaze and I can do eight firings. Which eight?", 6,
         "design_fractional"),
        ("I'd like to try adjusting feed, speed, coolant flow and tool angle. Time for eight "
         "cuts only - what should I run?", 4, "design_fractional"),
    ],
)  # fmt: skip
def test_design_in_words(pipe, q, k, analysis):
    r = pipe.run(q)
    assert r.answer["family"] == "doe_design" and r.status == "answered", (q, r.markdown[:300])
    assert r.answer["key_numbers"]["k"] == k and r.answer["analysis"] == analysis


def test_runs_capacity_near_miss():
    from havoc_srs.families.doe_design import _RUNS_IN_WORDS

    m = _RUNS_IN_WORDS.search("i can do eight bakes")
    assert m and "eight" in m.group(0)
    assert not _RUNS_IN_WORDS.search("we can do three levels")
    assert not _RUNS_IN_WORDS.search("i can do it in two days")


# ---------------------------------------------------------------------------------------------
# a fit written as a spreadsheet or library call, arguments in the function's own order


@pytest.mark.parametrize(
    ("q", "y", "x", "degree"),
    [
        ("=LINEST(Shrinkage, Moisture, TRUE, TRUE) - same numbers please", "Linear Shrinkage (%)",
         "Moisture (%)", 1),
        ("What would =SLOPE(shrinkage, firing temp) be, with its p-value?", "Linear Shrinkage (%)",
         "Firing Temp (°C)", 1),
        ("stats.linregress(df['Moisture (%)'], df['Linear Shrinkage (%)'])", "Linear Shrinkage (%)",
         "Moisture (%)", 1),
        ("numpy.polyfit(df.moisture, df.shrinkage, 2)", "Linear Shrinkage (%)", "Moisture (%)", 2),
    ],
)  # fmt: skip
def test_fit_as_a_call(pipe, q, y, x, degree):
    a = _fit(pipe, q, _kiln())
    assert a["columns"] == [y, x]
    formula = a["key_numbers"]["formula"]
    assert ("^2" in formula) == (degree == 2), formula


def test_call_roles_near_miss():
    from havoc_srs.families._regression_roles import call_roles

    ds = load_data(_kiln())
    pool = list(ds.numeric)
    # a range of cells names no column; a call of something else is no fit
    assert call_roles("=LINEST(B2:B41, A2:A41)", pool, ds)[0] is None
    assert call_roles("=AVERAGE(Shrinkage)", pool, ds)[0] is None


# ---------------------------------------------------------------------------------------------
# the direction from the table's values: a setting at a few repeated levels is the predictor


def _bars() -> pd.DataFrame:
    rng = np.random.default_rng(2)
    n = 60
    infill = rng.choice([20, 40, 60, 80, 100], n)
    layer = rng.choice([0.1, 0.2, 0.3], n)
    return pd.DataFrame(
        {
            "Specimen": [f"S{i}" for i in range(n)],
            "Infill (%)": infill,
            "Layer_mm": layer,
            "UTS [MPa]": (20 + 0.2 * infill - 10 * layer + rng.normal(0, 1, n)).round(2),
            "Elongation at break %": (2 + 0.02 * infill + rng.normal(0, 0.3, n)).round(3),
        }
    )


@pytest.mark.parametrize(
    "q",
    [
        "Between infill and elongation at break: a straight line, or does it need a squared term?",
        "Elongation at break and infill - is the relation straight or curved?",
        "Is there curvature between infill and the elongation at break?",
    ],
)
def test_direction_from_levels(pipe, q):
    a = _fit(pipe, q, _bars())
    assert a["columns"] == ["Elongation at break %", "Infill (%)"]


def test_levels_roles_near_miss():
    from havoc_srs.families.regression import _levels_roles

    frame = _bars()
    frame["Elongation at break %"] = frame["Infill (%)"] // 10  # also a few levels
    ds = load_data(frame)
    assert _levels_roles("infill and elongation at break", list(ds.numeric), ds) == (None, [])


# ---------------------------------------------------------------------------------------------
# the response asked by its adjective ("how strong"), a count that names the settings given,
# a quantity said in its unit ("the preload in kilonewtons")


@pytest.mark.parametrize(
    ("q", "cols"),
    [
        ("How strong will a bar be at 40 % infill and 0.2 mm layers? Use both settings.",
         ["UTS [MPa]", "Infill (%)", "Layer_mm"]),
        ("I want to know how strong the bars come out at 60% infill.", ["UTS [MPa]", "Infill (%)"]),
        ("Regress UTS on infill and layer height - all two predictors, nothing else.",
         ["UTS [MPa]", "Infill (%)", "Layer_mm"]),
    ],
)  # fmt: skip
def test_adjective_response_and_counted_settings(pipe, q, cols):
    a = _fit(pipe, q, _bars())
    assert a["columns"] == cols


def _bolts() -> pd.DataFrame:
    rng = np.random.default_rng(9)
    n = 32
    lube = np.tile(["Y", "N"], n // 2)
    lot = np.repeat(["L1", "L2"], n // 2)
    torque = rng.uniform(20, 80, n).round(1)
    load = (0.4 * torque + 5 * (lube == "Y") + rng.normal(0, 1, n)).round(2)
    return pd.DataFrame(
        {"Lube (Y/N)": lube, "Lot": lot, "Torque [N·m]": torque, "Clamp load (kN)": load}
    )


@pytest.mark.parametrize(
    "q",
    [
        "How much does the preload in kilonewtons change per newton-metre of torque?",
        "Fit the clamp force in kilonewtons against torque.",
        "By how much does the clamp load rise for each extra newton metre of torque?",
    ],
)
def test_quantity_in_its_unit_on_a_sheet_with_two_level_columns(pipe, q):
    a = _fit(pipe, q, _bolts())
    assert a["columns"] == ["Clamp load (kN)", "Torque [N·m]"]


def test_two_level_factors_still_a_design(pipe):
    from havoc_srs.families.regression import continuous_named

    ds = load_data(_bolts())
    assert continuous_named("How much does clamp load change per newton-metre of torque?", ds)
    assert not continuous_named("Does the lube change the clamp load?", ds)


# ---------------------------------------------------------------------------------------------
# gauge studies: a method named by its statistics, a software call, the data typed part by
# part or with the repeats side by side, the instrument named in another language


def _gage_long(parts: int = 6, ops=("Kim", "Lee", "Ola"), reps: int = 2) -> pd.DataFrame:
    rng = np.random.default_rng(4)
    rows = []
    for p in range(1, parts + 1):
        true = 10 + 0.05 * p
        for o in ops:
            for t in range(1, reps + 1):
                rows.append((p, o, t, round(true + rng.normal(0, 0.01), 4)))
    return pd.DataFrame(rows, columns=["Part", "Appraiser", "Trial", "Thickness (mm)"])


@pytest.mark.parametrize(
    "q",
    [
        "Please run the average and range R&R on the thickness readings.",
        "Do the X-bar and R method R&R for this study, not the ANOVA one.",
        "qualityTools::gageRR(thickness, part = Part, appraiser = Appraiser)",
        "ss.rr(var = Thickness, part = Part, appr = Appraiser, data = d)",
    ],
)
def test_gauge_study_named_by_method_or_call(pipe, q):
    r = pipe.run(q, data=_gage_long())
    assert r.answer["family"] == "measurement_system" and r.status == "answered", (
        q,
        r.answer.get("family"),
        r.markdown[:200],
    )


def test_method_statistics_are_not_asked():
    from havoc_srs.reader.statistic import asked_statistics

    assert asked_statistics("the average-and-range R&R please") == []
    assert asked_statistics("use the xbar & R method") == []
    assert asked_statistics("ss.rr(var = y, part = p)") == []
    assert "range" in asked_statistics("what is the average and range of the readings?")


@pytest.mark.parametrize(
    "q",
    [
        "gage R&R please: part 1 op A 2.01 2.02, op B 2.03 2.02; part 2 op A 2.11 2.10, op B "
        "2.12 2.13; part 3 op A 1.95 1.96, op B 1.97 1.97; part 4 op A 2.05 2.04, op B 2.06 2.06",
        "R&R study. sample 1: Ann 7.1 7.2, Bob 7.3 7.2; sample 2: Ann 6.8 6.9, Bob 7.0 7.0; "
        "sample 3: Ann 7.5 7.4, Bob 7.6 7.6",
    ],
)
def test_gauge_data_typed_part_by_part(pipe, q):
    r = pipe.run(q)
    assert r.answer["family"] == "measurement_system" and r.status == "answered", r.markdown[:300]


def test_gauge_repeats_side_by_side():
    from havoc_srs.families.measurement_system import gage_roles, wide_repeats

    long = _gage_long()
    wide = long.pivot_table(
        index=["Part", "Appraiser"], columns="Trial", values="Thickness (mm)"
    ).reset_index()
    wide.columns = ["Part", "Appraiser", "Reading 1", "Reading 2"]
    ds = load_data(wide)
    melted = wide_repeats(ds)
    assert melted is not None and len(melted) == len(long)
    assert gage_roles("gage r&r", load_data(melted))[:2] == ("Part", "Appraiser")
    # no numbered repeats: nothing to melt
    assert wide_repeats(load_data(long)) is None


def test_gauge_repeats_pasted(pipe):
    q = (
        "piece appraiser r1 r2 r3\n1 A 3.02 3.03 3.02\n1 B 3.05 3.04 3.05\n2 A 2.91 2.90 2.92\n"
        "2 B 2.94 2.95 2.94\n3 A 3.11 3.12 3.11\n3 B 3.15 3.14 3.15\ngauge r&r, tolerance 0.4"
    )
    r = pipe.run(q)
    assert r.answer["family"] == "measurement_system" and r.status == "answered", r.markdown[:300]


def test_gauge_words_in_other_languages():
    from havoc_srs.reader.foreign import to_english

    assert "gauge" in (to_english("Estudio R&R del calibre para el espesor de la pieza") or "")
    assert "thickness" in (to_english("Studio R&R del calibro per lo spessore dei pezzi") or "")


# ---------------------------------------------------------------------------------------------
# maths in prose: a number word before a one-letter variable is its coefficient


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("e to the minus two t", "e^(-2*t)"),
        ("three x plus one", "3*x + 1"),
        ("five y squared", "5*y^2"),
    ],
)
def test_spoken_coefficient(text, want):
    from havoc_tools.symbolic.notation import read_notation

    assert read_notation(text) == want


def test_spoken_coefficient_near_miss(pipe):
    from havoc_tools.symbolic.notation import read_notation

    assert read_notation("two times x") == "2*x"  # a word between: no coefficient glued
    r = pipe.run("Integrate e to the minus three s from zero to infinity.")
    assert r.status == "answered" and r.answer["key_numbers"].get("numeric") == pytest.approx(1 / 3)


# ---------------------------------------------------------------------------------------------
# "forecast" of a response at a stated setting is a prediction, not a time-series forecast


@pytest.mark.parametrize(
    "q",
    [
        "What linear shrinkage would you forecast for a firing temperature of 1200 °C?",
        "Forecast the shrinkage at 7 % moisture from a regression on moisture.",
        "Can you forecast shrinkage when the soak is 50 min?",
    ],
)
def test_forecast_at_a_setting(pipe, q):
    a = _fit(pipe, q, _kiln())
    assert a["key_numbers"].get("prediction") is not None


def test_forecast_over_time_is_still_out_of_scope():
    from havoc_srs.reader.decide import UNSUPPORTED

    assert UNSUPPORTED.search("forecast sales for the next 12 weeks")
    assert UNSUPPORTED.search("please forecast demand for 3 months")
    assert not UNSUPPORTED.search("forecast the hardness at 160 c")
