"""Regression, DOE analysis and DOE design read from phrasings the families were not written
with: roles from cue words, described columns and formulas, polynomial degrees, predictions at a
stated point, run sheets recognised by their structure (natural or coded units, bookkeeping
columns, label factors, a fraction whose generated column comes first), experiments typed into
the question, and designs described in words. Numbers are checked against numpy/statsmodels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from havoc_srs import Pipeline
from havoc_srs.data import Dataset
from havoc_srs.families.doe_analysis import run_sheet
from havoc_srs.families.doe_design import _named_levels
from havoc_srs.families.regression import polynomial_degree
from havoc_srs.reader.numbers import design_table


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(index=False)


@pytest.fixture(scope="module")
def bakery():
    rng = np.random.default_rng(11)
    temp = rng.uniform(160, 220, 36).round(1)
    bake = rng.uniform(10, 25, 36).round(1)
    crush = 5 + 0.3 * temp + 0.8 * bake - 0.0015 * (temp - 190) ** 2 + rng.normal(0, 1.5, 36)
    return pd.DataFrame({
        "Tray": [f"T{i:02d}" for i in range(36)], "Oven Temp (°C)": temp,
        "Bake Time (min)": bake, "Crush Strength (N)": crush.round(2),
    })  # fmt: skip


def _ols(df, y, xs, degree=1):
    cols = [df[x].to_numpy(float) for x in xs]
    if degree > 1:
        cols += [cols[0] ** p for p in range(2, degree + 1)]
    X = sm.add_constant(np.column_stack(cols))
    return sm.OLS(df[y].to_numpy(float), X).fit()


def _coefs(ans):
    return list(ans["key_numbers"]["coefficients"].values())


# ---- regression -----------------------------------------------------------------------------


def test_comparatives_name_the_response_and_predictor(pipe, bakery):
    r = pipe.run("When the oven runs hotter, do the biscuits end up stronger?", data=bakery)
    assert r.status == "answered" and r.answer["family"] == "regression"
    assert sorted(r.answer["columns"]) == ["Crush Strength (N)", "Oven Temp (°C)"]
    ref = _ols(bakery, "Crush Strength (N)", ["Oven Temp (°C)"])
    assert np.allclose(_coefs(r.answer), ref.params, rtol=1e-8)


def test_both_settings_in_one_model_and_a_stated_point(pipe, bakery):
    q = "Estimate crush strength if we bake for 18 minutes at an oven temp of 200, using both inputs."
    r = pipe.run(q, data=bakery)
    assert r.status == "answered" and r.answer["family"] == "regression"
    assert sorted(r.answer["columns"]) == [
        "Bake Time (min)",
        "Crush Strength (N)",
        "Oven Temp (°C)",
    ]
    k = r.answer["key_numbers"]
    xs = list(k["predict_at"])
    assert k["predict_at"] == {"Bake Time (min)": 18.0, "Oven Temp (°C)": 200.0}
    ref = _ols(bakery, "Crush Strength (N)", xs)
    x0 = np.r_[1.0, [k["predict_at"][x] for x in xs]]
    pr = ref.get_prediction(x0.reshape(1, -1)).summary_frame(alpha=0.05)
    assert k["prediction"] == pytest.approx(float(pr["mean"].iloc[0]), rel=1e-9)
    assert k["prediction_interval"][0] == pytest.approx(float(pr["obs_ci_lower"].iloc[0]), rel=1e-7)


@pytest.mark.parametrize(
    ("question", "degree"),
    [
        ("crush ~ oven temp, quadratic please", 2),
        ("Third-order fit of crush strength against oven temperature", 3),
        ("I'd like a polynomal curve (degree two) for strength vs the oven temperature", 2),
    ],
)
def test_polynomial_fits_from_words_and_formulas(pipe, bakery, question, degree):
    r = pipe.run(question, data=bakery)
    assert r.status == "answered" and r.answer["family"] == "regression"
    assert sorted(r.answer["columns"]) == ["Crush Strength (N)", "Oven Temp (°C)"]
    ref = _ols(bakery, "Crush Strength (N)", ["Oven Temp (°C)"], degree)
    assert np.allclose(_coefs(r.answer), ref.params, rtol=1e-6)


def test_polynomial_degree_words():
    assert polynomial_degree("cubic model please") == 3
    assert polynomial_degree("a 2nd-order curve") == 2
    assert polynomial_degree("a straight line") == 1


def test_equation_form_with_inline_numbers(pipe):
    q = "u = 1, 2, 3, 4, 5, 6 and w = 3.1, 4.9, 7.2, 8.8, 11.1, 13.0; fit w = c0 + c1*u"
    r = pipe.run(q)
    assert r.status == "answered" and r.answer["family"] == "regression"
    slope, intercept = np.polyfit([1, 2, 3, 4, 5, 6], [3.1, 4.9, 7.2, 8.8, 11.1, 13.0], 1)
    assert r.answer["key_numbers"]["slope"] == pytest.approx(slope, rel=1e-9)
    assert r.answer["key_numbers"]["intercept"] == pytest.approx(intercept, rel=1e-9)


# ---- DOE analysis ---------------------------------------------------------------------------


def _sheet(seed=4):
    """A replicated 2^3 in natural units with bookkeeping columns and a label factor."""
    rng = np.random.default_rng(seed)
    base = [(a, b, c) for c in (-1, 1) for b in (-1, 1) for a in (-1, 1)]
    rows = []
    for rep in (1, 2):
        for a, b, c in base:
            y = 40 + 3 * a - 2 * b + 1.5 * a * b + 0.2 * c + rng.normal(0, 0.4)
            rows.append([rep, 70 + 10 * a, 1.5 + 0.5 * b, "added" if c > 0 else "none", y])
    df = pd.DataFrame(rows, columns=["Block", "Bath Temp (C)", "Dwell (s)", "Additive", "Gloss"])
    df.insert(0, "RunOrder", rng.permutation(len(df)) + 1)
    return df


def test_a_run_sheet_is_recognised_by_its_structure(bakery):
    assert run_sheet(Dataset.from_frame(_sheet()))
    assert not run_sheet(Dataset.from_frame(bakery))


def test_run_sheet_effects_without_naming_the_analysis(pipe):
    df = _sheet()
    r = pipe.run("Which of these settings actually move the gloss?", data=df)
    assert r.status == "answered" and r.answer["family"] == "doe_analysis"
    assert sorted(r.answer["columns"]) == sorted(
        ["Bath Temp (C)", "Dwell (s)", "Additive", "Gloss"]
    )
    eff = r.answer["key_numbers"]["effects"]
    temp = [v for k, v in eff.items() if "bath" in k.lower() and ":" not in k]
    hi = df["Bath Temp (C)"] == 80
    assert temp and temp[0] == pytest.approx(df.Gloss[hi].mean() - df.Gloss[~hi].mean(), rel=1e-9)


def test_fraction_with_the_generated_column_first(pipe):
    base = [(a, b, c) for c in (-1, 1) for b in (-1, 1) for a in (-1, 1)]
    rng = np.random.default_rng(5)
    df = pd.DataFrame(
        [(a * b * c, a, b, c, 10 + 2 * a - b + rng.normal(0, 0.3)) for a, b, c in base],
        columns=["Mix", "Speed", "Feed", "Tool", "Finish"],
    )
    r = pipe.run("Pareto of the standardised effects for the finish, please", data=df)
    assert r.status == "answered" and r.answer["family"] == "doe_analysis"
    assert r.answer["analysis"] == "analyze_fractional"
    assert sorted(r.answer["columns"]) == ["Feed", "Finish", "Mix", "Speed", "Tool"]


def test_experiments_typed_into_the_question():
    t = design_table(
        "Coded runs: R = -1 1 -1 1, S = -1 -1 1 1 and thickness = 5 7 4 9 then 6 8 4 10"
    )
    assert list(t.columns) == ["R", "S", "thickness"] and len(t) == 8
    assert t["R"].tolist() == [-1, 1, -1, 1] * 2
    t = design_table("2^2 in standard order over Heat and Load, response wear = 3 5 4 8")
    assert t["Heat"].tolist() == [-1, 1, -1, 1] and t["Load"].tolist() == [-1, -1, 1, 1]
    t = design_table("runs (X,Z) = (-,-) 4.0; (+,-) 6.5; (-,+) 3.9; (+,+) 7.7")
    assert t.shape == (4, 3) and t.iloc[1].tolist() == [1.0, -1.0, 6.5]
    assert design_table("A: 10.1 10.3 9.9, B: 10.4 10.6 10.5") is None


def test_typed_standard_order_experiment_is_analysed(pipe):
    y = [20.0, 31.0, 22.0, 35.0, 21.0, 30.0, 24.0, 36.0]
    q = "Yates order 2^3 with Heat, Load and Speed; wear = " + ", ".join(map(str, y))
    r = pipe.run(q + ". Which effects are big?")
    assert r.status == "answered" and r.answer["family"] == "doe_analysis"
    eff = r.answer["key_numbers"]["effects"]
    a = np.array([-1, 1] * 4)
    assert any(
        v == pytest.approx(np.mean(np.array(y)[a > 0]) - np.mean(np.array(y)[a < 0]))
        for v in eff.values()
    )


# ---- DOE design -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "analysis", "k"),
    [
        ("Three settings to vary on the laminator: roll temp (150 to 170 C), line speed (2 vs 4) "
         "and nip load (5-9 kg). We can run all combinations.", "design_full", 3),
        ("Nine candidate knobs on the extruder, budget of 12 trials: what should the trials be?",
         "design_plackett_burman", 9),
        ("Seven two-level factors in 16 runs, and I don't want main effects mixed up with "
         "two-factor interactions", "design_fractional", 7),
        ("box behnkan layout with 5 factors", "design_box_behnken", 5),
        ("face-centred CCD with k = 3", "design_ccd", 3),
        ("A 2-level plan for factors A to F in 32 runs", "design_fractional", 6),
        ("Lay out a Box-Behnken over feed, spindle speed and coolant flow", "design_box_behnken", 3),
    ],
)  # fmt: skip
def test_designs_described_in_words(pipe, question, analysis, k):
    r = pipe.run(question)
    assert r.status == "answered" and r.answer["family"] == "doe_design", r.answer.get("missing")
    assert r.answer["analysis"] == analysis
    assert r.answer["key_numbers"]["k"] == k


def test_face_centred_axial_points_sit_on_the_faces(pipe):
    # the audit holds the axial distance to 1 for a faced design (rotatable would be 2^(3/4))
    r = pipe.run("face-centred CCD with k = 3")
    assert r.status == "answered" and "type=faced" in r.answer["dsl"].replace(" ", "")


def test_named_levels_are_read_with_units():
    lv = _named_levels("spray pressure (2 vs 3 bar), nozzle height 10–20 mm and dwell 5 to 8 s")
    assert lv == {"spray pressure": (2.0, 3.0), "nozzle height": (10.0, 20.0), "dwell": (5.0, 8.0)}
