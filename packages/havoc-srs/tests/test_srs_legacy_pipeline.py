"""Through the whole pipeline, per engineering family: a corrupted primary result fails AUDIT and
the status becomes ``failed``; model PLAN proposals are accepted only when they hold up."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import FunctionGenerator, Pipeline

RNG = np.random.default_rng(7)
WIDE = pd.DataFrame({"line1": RNG.normal(10, 1, 12), "line2": RNG.normal(11, 1, 12)})
XY = pd.DataFrame({"temp": np.arange(12.0), "strength": 3 + 2 * np.arange(12.0) + RNG.normal(0, 0.5, 12)})  # fmt: skip
SERIES = pd.DataFrame({"width": RNG.normal(10.5, 0.2, 40)})
FACTORIAL = pd.DataFrame(
    {
        "A": [-1, 1, -1, 1] * 2,
        "B": [-1, -1, 1, 1] * 2,
        "y": [8.1, 14.2, 4.0, 10.1, 7.9, 13.8, 4.2, 9.9],
    }
)
GAGE = pd.DataFrame(
    [
        (p, o, 5 + 0.8 * p + 0.05 * j + RNG.normal(0, 0.05))
        for p in range(10)
        for j, o in enumerate("ABC")
        for _ in range(2)
    ],
    columns=["part", "operator", "diameter"],
)


def _scale(key, factor=1.1):
    def corrupt(r):
        r[key] = r[key] * factor

    return corrupt


def _flip_first_coded(r):
    r["coded"][0][0] = -r["coded"][0][0]


def _first_effect(r):
    first = next(iter(r["effects"]))
    r["effects"][first] *= 1.1


def _ucl(r):
    r["panels"][0]["ucl"][0] += 0.5


def _slope(r):
    r["coefficients"][1]["estimate"] *= 1.1


def _ss_part(r):
    next(row for row in r["anova"] if row["source"] == "Part")["sum_sq"] *= 1.1


def _derivative(r):
    r["result"] = r["result"].replace("cos", "sin")


CASES = [
    ("hypothesis_test", "Is line1 different from line2?", WIDE, _scale("statistic")),
    ("regression", "Regress strength on temp", XY, _slope),
    ("doe_design", "Full factorial design for 3 factors", None, _flip_first_coded),
    ("doe_analysis", "Analyse the factorial experiment: effects on y", FACTORIAL, _first_effect),
    ("spc_chart", "I-MR control chart of width", SERIES, _ucl),
    ("capability", "What are Cp and Cpk? LSL 9.5 and USL 11.5", SERIES, _scale("cp")),
    ("measurement_system", "Gage R&R study of the diameter", GAGE, _ss_part),
    ("power", "What is the power with 20 per group and effect size 0.5?", None, _scale("power")),
    ("symbolic", "derivative of x^3*sin(x)", None, _derivative),
]


@pytest.mark.parametrize(("family", "question", "data", "corrupt"), CASES)
def test_corrupted_primary_fails_the_audit(monkeypatch, family, question, data, corrupt):
    import havoc_srs.pipeline as pipeline

    pipe = Pipeline(index=False)
    clean = pipe.run(question, data=data)
    assert clean.answer["family"] == family
    assert clean.status == "answered" and clean.answer["audit"]["passed"] is True, clean.answer

    real = pipeline.execute_plan

    def corrupted(plan):
        ex = real(plan)
        corrupt(ex.results["primary"])
        return ex

    monkeypatch.setattr(pipeline, "execute_plan", corrupted)
    res = pipe.run(question, data=data)
    audit_stage = next(s for s in res.trace["stages"] if s["stage"] == "AUDIT")
    assert audit_stage["status"] == "failed" and res.answer["audit"]["passed"] is False
    assert res.status == "failed" and "audit did not hold" in res.answer["conclusion"]


def test_an_explanation_is_never_answered_without_an_analysis():
    res = Pipeline(index=False).run("What is the difference between Cp and Cpk?")
    assert res.answer["family"] == "general" and res.status != "answered"
    assert next(s for s in res.trace["stages"] if s["stage"] == "AUDIT")["status"] == "skipped"


# ---- model proposals ------------------------------------------------------------------------


def _with_model(program_text, question="Is line1 different from line2?", data=WIDE):
    def fn(prompt, max_tokens, stop):
        return "hypothesis_test" if prompt.startswith("Classify") else program_text

    res = Pipeline(index=False, generator=FunctionGenerator(fn)).run(question, data=data)
    plan = next(s for s in res.trace["stages"] if s["stage"] == "PLAN")
    return res, plan


def test_a_good_proposal_is_accepted():
    res, plan = _with_model("let primary = ttest line1 vs line2 alpha=0.01\n")
    assert plan["decided_by"] == "model" and "accepted" in plan["outputs"]["model"]
    assert res.status == "answered" and res.answer["key_numbers"]["alpha"] == 0.01


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("let primary = ttest line1 vs line9\n", "unknown name 'line9'"),  # no such column
        ("let primary = chart imr line1\n", "belongs to spc_chart"),  # wrong family
        ("}{ the answer is 42 !!", "does not check as DSL"),  # garbage
        ("", "empty proposal"),
        ("let primary = mannwhitney line1 vs line2\n", "where the plan runs ttest"),
        ("let primary = ttest line2 vs line1\n", "where the plan reads line1, line2"),
        ("let other = ttest line1 vs line2\n", "no 'let primary"),
    ],
)
def test_a_bad_proposal_leaves_the_rules_plan(text, why):
    res, plan = _with_model(text)
    note = plan["outputs"]["model"]
    assert plan["decided_by"] == "rules" and "rejected" in note and why in note, note
    assert res.status == "answered" and res.answer["audit"]["passed"] is True


def test_a_proposal_naming_a_missing_table_column_is_rejected():
    def fn(prompt, max_tokens, stop):
        assert "d(strength, temp)" in prompt or "d(temp, strength)" in prompt
        return "let primary = regress strength ~ pressure in d\n"

    res = Pipeline(index=False, generator=FunctionGenerator(fn)).run(
        "Regress strength on temp", data=XY
    )
    plan = next(s for s in res.trace["stages"] if s["stage"] == "PLAN")
    assert plan["decided_by"] == "rules" and "pressure" in plan["outputs"]["model"]
    assert res.status == "answered"
