"""Inputs that used to crash a stage: each must end in a status, never an exception."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(index=False)


def test_capability_by_a_column_with_one_value_per_level_uses_individual_values(pipe):
    # "by lot" where every lot has one reading: no subgroups exist, so sigma within is the
    # moving range MR-bar / d2(2) (before: the audit divided by zero degrees of freedom)
    rng = np.random.default_rng(7)
    x = rng.normal(50.0, 0.4, 30).round(2)
    df = pd.DataFrame({"Lot": [f"L{i:03d}" for i in range(30)], "Fill height (mm)": x})
    r = pipe.run("Cp and Cpk of the fill height by lot, spec 48.5 to 51.5", data=df)
    assert r.status == "answered", r.answer
    sigma_within = np.abs(np.diff(x)).mean() / 1.128379
    assert r.answer["key_numbers"]["sigma_within"] == pytest.approx(sigma_within, rel=1e-6)
    assert r.answer["key_numbers"]["Cp"] == pytest.approx(3.0 / (6 * sigma_within), rel=1e-6)
    assert any("one value per level" in a for a in r.answer["assumptions"])


def test_a_stage_that_raises_gives_a_failed_answer_naming_the_stage(pipe, monkeypatch):
    import havoc_srs.pipeline as pipeline_module

    def broken_audit(plan, results, chosen="primary"):
        raise RuntimeError("audit exploded")

    monkeypatch.setattr(pipeline_module, "audit", broken_audit)
    df = pd.DataFrame(
        {
            "line": ["A"] * 6 + ["B"] * 6,
            "gap_mm": [1.0, 1.1, 0.9, 1.0, 1.2, 1.1, 1.4, 1.5, 1.3, 1.6, 1.4, 1.5],
        }
    )
    r = pipe.run("Is the mean gap different between line A and line B?", data=df)
    assert r.status == "failed"
    stages = r.trace["stages"]
    assert [s["stage"] for s in stages] == [
        "MODE",
        "GROUND",
        "PLAN",
        "EXECUTE",
        "ARGUE",
        "ARBITER",
        "AUDIT",
        "ANSWER",
    ]
    audit_stage = stages[6]
    assert audit_stage["status"] == "failed" and "audit exploded" in audit_stage["summary"]
    assert "internal error in AUDIT" in r.answer["conclusion"]
    assert r.answer["key_numbers"] == {}


def test_a_regression_with_a_response_but_no_predictor_asks_for_the_predictors(pipe):
    # before: the planner wrote "regress y ~" (no terms); the failed execution then made the
    # result-table builder raise KeyError
    rng = np.random.default_rng(3)
    df = pd.DataFrame(
        {
            "Yield (%)": rng.normal(80, 3, 20).round(1),
            "Batch": [f"B{i}" for i in range(20)],
            "Shift": ["day", "night"] * 10,
        }
    )
    r = pipe.run("Fit a regression predicting the yield from every other column", data=df)
    assert r.status in {"needs_input", "failed"}
    assert r.status == "needs_input", r.answer["conclusion"]
    assert "predictor" in " ".join(m["what"] for m in r.answer["missing"])


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # a test kind written with a digit right after "power" is not a power of 1
        ("power 1-sample t, n 20, delta 0.8 mm, sd 1.6, alpha 0.05", ("one", 0.5, 20)),
        # "what power ... at 5%?": the power is the unknown, 5% is alpha, 12 rigs is n
        (
            "paired trial on 12 rigs, mean gain 0.3 bar, sd of differences 0.5, what power at 5%?",
            ("paired", 0.6, 12),
        ),
    ],
)
def test_power_reads_n_and_asks_for_the_power(pipe, question, expected):
    from statsmodels.stats.power import TTestPower

    _, effect, n = expected
    r = pipe.run(question)
    assert r.status == "answered", r.answer["conclusion"]
    k = r.answer["key_numbers"]
    assert k["solved_for"] == "power" and k["n"] == n and k["alpha"] == 0.05
    want = TTestPower().power(effect_size=effect, nobs=n, alpha=0.05)
    assert k["power"] == pytest.approx(want, rel=1e-6)


def test_power_and_alpha_written_in_words():
    from havoc_srs.families.power import read_power

    r = read_power(
        "n per arm, two sample t, effect size 0.3, power ninety-five percent, alpha one percent"
    )
    assert (r["power"], r["alpha"], r["effect"], r["solve_for"]) == (0.95, 0.01, 0.3, "n")
    r = read_power("sample size for an anova, 5 kilns, effect size f 0.3, 90 percent power")
    assert (r["k"], r["effect_f"], r["power"]) == (5, 0.3, 0.9)
