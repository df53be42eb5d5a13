"""Regression roles described by meaning, DOE design calls and gage studies in wording written
for these tests (never corpus text), checked against statsmodels OLS and published design
sizes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from havoc_srs import Pipeline


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(index=False)


def _tables() -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(7)
    n = 24
    dwell, oven = rng.uniform(5, 30, n), rng.choice([150.0, 160.0, 170.0], n)
    cure = pd.DataFrame({
        "Batch": [f"B{i}" for i in range(n)], "Oven set (°C)": oven, "Dwell (min)": dwell.round(1),
        "Shore A": (40 + 0.8 * dwell + 0.1 * oven + rng.normal(0, 1.5, n)).round(1),
    })  # fmt: skip
    feed, spindle = rng.uniform(0.05, 0.3, n), rng.uniform(800, 2000, n)
    mill = pd.DataFrame({
        "Part": range(1, n + 1), "Feed (mm/rev)": feed.round(3), "Spindle (rpm)": spindle.round(0),
        "Ra (µm)": (0.3 + 8 * feed - 0.0001 * spindle + rng.normal(0, 0.1, n)).round(3),
    })  # fmt: skip
    wfs, volts = rng.uniform(4, 12, n), rng.uniform(18, 28, n)
    weld = pd.DataFrame({
        "Weld": range(n), "Shielding gas": rng.choice(["Ar", "ArCO2", "He"], n),
        "WFS (m/min)": wfs.round(2), "Voltage (V)": volts.round(1),
        "Bead w (mm)": (2 + 0.5 * wfs + 0.1 * volts + rng.normal(0, 0.3, n)).round(2),
    })  # fmt: skip
    k = rng.uniform(20, 120, n)
    potato = pd.DataFrame({
        "Field": rng.choice(["north", "south"], n), "K2O (kg/ha)": k.round(0),
        "Irrigation (mm)": rng.uniform(50, 200, n).round(0),
        "Tuber yield (t/ha)": (30 + 0.1 * k + rng.normal(0, 2, n)).round(2),
    })  # fmt: skip
    return {"cure": cure, "mill": mill, "weld": weld, "potato": potato}


TABLES = _tables()

ROLES = [
    # a response and a predictor described, not named, in a role pattern
    ("cure", "How does the shore hardness change with dwell time? Fit a line.",
     "Shore A", ["Dwell (min)"]),
    ("mill", "regress surface roughness on feed per rev", "Ra (µm)", ["Feed (mm/rev)"]),
    ("weld", "I'm predicting bead width from the wire feed speed, what slope do I get?",
     "Bead w (mm)", ["WFS (m/min)"]),
    # "effect of X on Y" with a word between "of" and the predictor's name
    ("weld", "What is the effect of arc voltage on the width of the bead?",
     "Bead w (mm)", ["Voltage (V)"]),
    # a header abbreviating an element by its chemical symbol
    ("potato", "regress tuber yield on potash rate", "Tuber yield (t/ha)", ["K2O (kg/ha)"]),
    ("potato", "What tuber yield should we expect with 90 kg of potash per hectare?",
     "Tuber yield (t/ha)", ["K2O (kg/ha)"]),
]  # fmt: skip


@pytest.mark.parametrize(("table", "question", "y", "xs"), ROLES)
def test_roles_described_by_meaning(pipe, table, question, y, xs):
    df = TABLES[table]
    r = pipe.run(question, data=df)
    assert r.status == "answered", (question, r.answer.get("missing"))
    assert r.answer["family"] == "regression"
    assert sorted(r.answer["columns"]) == sorted([y, *xs])
    # the slope is the one statsmodels fits on the same columns
    d = df[[y, *xs]].dropna().rename(columns={y: "y", xs[0]: "x"})
    ref = smf.ols("y ~ x", data=d).fit()
    k = r.answer["key_numbers"]
    assert k["slope"] == pytest.approx(ref.params["x"], rel=1e-6)
    assert k["r_squared"] == pytest.approx(ref.rsquared, rel=1e-6)


# Designs asked for as calls of R, Python and Minitab, or in shorthand; run counts from the
# designs' definitions (2^(k-p) for a regular fraction, Box-Behnken 2k(k-1) edge points plus
# centre points, central composite 2^k + 2k + centre points, Plackett-Burman the run count).
DESIGN_CALLS = [
    ("FrF2(nruns = 32, nfactors = 8)", "design_fractional", 8, 32),
    ("FrF2::FrF2(16, 5, ncenter = 3)", "design_fractional", 5, 19),
    ("rsm::bbd(4, n0 = 2)", "design_box_behnken", 4, 2 * 4 * 3 + 2),
    ("from pyDOE2 import ff2n; ff2n(4)", "design_full", 4, 16),
    ('pyDOE3.fracfact("a b c d abc abd")', "design_fractional", 6, 16),
    ("ccdesign(2, center=(2, 3))", "design_ccd", 2, 4 + 4 + 5),
    ("MTB > PBDesign 11 12", "design_plackett_burman", 11, 12),
    ("need a frac fact: 7 factors, 16 runs, 3 ctr pts", "design_fractional", 7, 19),
]


@pytest.mark.parametrize(("question", "analysis", "k", "runs"), DESIGN_CALLS)
def test_design_calls_and_shorthand(pipe, question, analysis, k, runs):
    r = pipe.run(question)
    assert r.status == "answered", (question, r.answer.get("missing"))
    assert r.answer["family"] == "doe_design" and r.answer["analysis"] == analysis
    assert r.answer["key_numbers"]["k"] == k and r.answer["key_numbers"]["runs"] == runs


def test_design_words_reads_calls_without_evaluating():
    from havoc_srs.families._design_calls import design_words

    assert (
        design_words("ccd(3, n0 = c(4, 2))")
        == "central composite design, 3 factors, 6 centre points"
    )
    assert design_words("lhs(5, samples=40)") == "latin hypercube design, 5 factors, 40 runs"
    assert design_words("What is a fractional factorial?") is None
    assert design_words("__import__('os').system('ls')") is None


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("plot the individual cycle times on a CUSUM to catch a slow drift", "cusum"),
        ("each individual fill weight, exponentially weighted moving average, lambda 0.2", "ewma"),
        ("individual readings, one per shift: I-MR chart", "imr"),
    ],
)
def test_ewma_and_cusum_of_individual_values(question, kind):
    from havoc_srs.families.spc_chart import chart_kind

    assert chart_kind(question.lower()) == kind


def _crossed_study() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    parts = np.repeat(np.arange(1, 9), 6)
    people = np.tile(np.repeat(["Ines", "Joao", "Kai"], 2), 8)
    truth = rng.normal(12.0, 0.05, 9)[parts]
    bias = {"Ines": 0.0, "Joao": 0.004, "Kai": -0.003}
    reading = truth + np.array([bias[p] for p in people]) + rng.normal(0, 0.003, len(parts))
    return pd.DataFrame({"Shaft": parts, "Tech": people, "OD (mm)": reading.round(4)})


@pytest.mark.parametrize(
    "question",
    [
        "Gage R&R on the new micrometer, tolerance 0.1 mm",
        "we ran an MSA of the bench calipers; how much of the spread is the gauge?",
        "MSA done on the OD mic. Need %study var and %tol, tolerance 0.06 mm",
    ],
)
def test_gage_study_named_by_its_instrument(pipe, question):
    r = pipe.run(question, data=_crossed_study())
    assert r.status == "answered", (question, r.answer.get("missing"))
    assert r.answer["family"] == "measurement_system"
    assert sorted(r.answer["columns"]) == ["OD (mm)", "Shaft", "Tech"]


def test_gage_study_of_a_quantity_the_table_lacks_still_asks(pipe):
    r = pipe.run("Gage R&R on the runout readings", data=_crossed_study())
    assert r.status == "needs_input"


def _shipments() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    size = rng.integers(40, 120, 20)
    return pd.DataFrame({
        "Shipment": [f"S{i}" for i in range(20)], "Cartons in shipment": size,
        "Crushed corners": rng.poisson(size * 0.05), "Cartons rejected": rng.binomial(size, 0.04),
        "Weight (kg)": rng.normal(500, 10, 20).round(1),
    })  # fmt: skip


@pytest.mark.parametrize(
    ("question", "analysis", "count"),
    [
        ("Crushed corners per carton change with shipment size; which attributes chart shows an "
         "unusual shipment?", "chart_u", "Crushed corners"),
        ("Is the share of cartons rejected stable from shipment to shipment? attribute control "
         "chart please", "chart_p", "Cartons rejected"),
    ],
)  # fmt: skip
def test_attributes_chart_without_its_letter(pipe, question, analysis, count):
    df = _shipments()
    r = pipe.run(question, data=df)
    assert r.status == "answered", (question, r.answer.get("missing"))
    assert r.answer["analysis"] == analysis
    assert sorted(r.answer["columns"]) == sorted([count, "Cartons in shipment"])
    # centre line of a u or p chart with varying sizes (Montgomery): total count / total inspected
    want = df[count].sum() / df["Cartons in shipment"].sum()
    assert r.answer["key_numbers"]["center"] == pytest.approx(want, rel=1e-9)
