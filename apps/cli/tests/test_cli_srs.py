"""`havoc ask` end to end on examples from every family (in-process CliRunner + one subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from havoc_cli.main import app
from scipy import stats
from typer.testing import CliRunner

runner = CliRunner()
RNG = np.random.default_rng(11)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("ask")
    a, b = RNG.normal(10, 1, 12), RNG.normal(11, 1, 9)
    pd.DataFrame({"line1": list(a), "line2": list(b) + [None] * 3}).to_csv(
        d / "wide.csv", index=False
    )
    x = np.arange(12.0)
    pd.DataFrame({"temp": x, "strength": 2 + 0.5 * x + RNG.normal(0, 0.3, 12)}).to_csv(
        d / "xy.csv", index=False
    )
    grid = np.array(np.meshgrid([-1, 1], [-1, 1], [-1, 1], indexing="ij")).reshape(3, -1).T
    y = 50 + 5 * grid[:, 0] + RNG.normal(0, 1, 8)
    pd.DataFrame(grid, columns=["A", "B", "C"]).assign(y=y).to_csv(d / "doe.csv", index=False)
    pd.DataFrame({"weight": RNG.normal(500, 1, 30)}).to_csv(d / "spc.csv", index=False)
    rows = [
        (p, o, 10 + p * 0.5 + RNG.normal(0, 0.1))
        for p in range(1, 6)
        for o in "AB"
        for _ in range(2)
    ]
    pd.DataFrame(rows, columns=["part", "operator", "measurement"]).to_csv(
        d / "gage.csv", index=False
    )
    return d, a, b


def _ask(*args):
    return runner.invoke(app, ["ask", *args, "--json", "--no-rag"])


def test_ask_hypothesis_json_matches_scipy(files):
    d, a, b = files
    res = _ask("Is line1 different from line2?", "--data", str(d / "wide.csv"))
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    ref = stats.ttest_ind(a, b, equal_var=False)
    k = doc["key_numbers"]
    assert k["t"] == pytest.approx(ref.statistic, rel=1e-9)
    assert k["p_value"] == pytest.approx(ref.pvalue, rel=1e-9)
    assert k["df"] == pytest.approx(ref.df, rel=1e-9) and k["n"] == 21


@pytest.mark.parametrize(
    ("question", "file", "keys"),
    [
        ("Regress strength on temp", "xy.csv", {"slope", "intercept", "r_squared", "n"}),
        ("Design a half fraction for 5 factors", None, {"runs", "resolution"}),
        ("Which factors are significant for y?", "doe.csv", {"effects", "effect_A"}),
        ("Is the process in control?", "spc.csv", {"ucl", "lcl", "center"}),
        ("What is the Cpk? spec 500 +/- 4", "spc.csv", {"Cp", "Cpk", "Ppk", "n"}),
        ("Run a gage R&R study", "gage.csv", {"pct_contribution_grr", "ndc"}),
        ("How many samples per group for effect size 0.5 at 80% power?", None, {"n", "power"}),
        ("What is the derivative of x^3*sin(x)?", None, {"result"}),
    ],
)
def test_ask_every_family(files, question, file, keys):
    d = files[0]
    args = [question] + (["--data", str(d / file)] if file else [])
    res = _ask(*args)
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["status"] == "answered"
    assert keys <= set(doc["key_numbers"]), doc["key_numbers"].keys()


def test_ask_general_question_answers_from_the_handbook():
    res = runner.invoke(app, ["ask", "What is the difference between Cp and Cpk?", "--json"])
    assert res.exit_code == 0
    doc = json.loads(res.stdout)
    assert doc["answer"]["family"] == "general"
    assert "cp-cpk.md" in [c["source"] for c in doc["answer"]["citations"]]


def test_ask_missing_information_exits_nonzero(files):
    d = files[0]
    res = _ask("What is the Cpk?", "--data", str(d / "spc.csv"))
    assert res.exit_code == 3
    doc = json.loads(res.stdout)
    assert doc["status"] == "needs_input" and doc["key_numbers"] == {}
    assert "specification limits" in doc["markdown"]


def test_ask_bad_input(tmp_path):
    res = runner.invoke(
        app, ["ask", "Is a different from b?", "--data", str(tmp_path / "nope.csv")]
    )
    assert res.exit_code == 2
    res = runner.invoke(app, ["ask", "x", "--checkpoint", str(tmp_path)])
    assert res.exit_code == 2


def test_ask_trace_text(files):
    d = files[0]
    res = runner.invoke(
        app,
        ["ask", "Is the process in control?", "--data", str(d / "spc.csv"), "--trace", "--no-rag"],
    )
    assert res.exit_code == 0
    for stage in ("MODE", "GROUND", "PLAN", "EXECUTE", "ARGUE", "ARBITER", "AUDIT", "ANSWER"):
        assert stage in res.stdout


def test_python_m_routes_a_bare_question():
    proc = subprocess.run(
        [sys.executable, "-m", "havoc_cli", "Solve x^2 - 5x + 6 = 0", "--json", "--no-rag"],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert sorted(doc["key_numbers"]["numeric_solutions"]) == [2.0, 3.0]
