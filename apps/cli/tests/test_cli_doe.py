"""`havoc design dsd/doptimal/mixture` and `havoc run` with fold-over, D-optimal and
backward-reduced factorial analysis: the same numbers as the havoc-tools library."""

from __future__ import annotations

import json

import numpy as np
import pytest
from havoc_cli.main import app
from havoc_tools import doe
from typer.testing import CliRunner

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def first_result(res) -> dict:
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["ok"] is True
    return doc["results"][0]["result"]


def test_design_dsd_json_matches_library():
    r = first_result(invoke("design", "dsd", "--factors", "6", "--seed", "2", "--json"))
    assert r["coded"] == doe.definitive_screening(6, seed=2).coded
    X = np.array(r["coded"])
    assert X.shape == (13, 6) and np.allclose(X.T @ X, 10 * np.eye(6))


def test_design_doptimal_and_mixture_run_sheets(tmp_path):
    r = first_result(
        invoke("design", "doptimal", "--factors", "4", "--runs", "8", "--seed", "1", "--json")
    )
    assert r["d_efficiency"] == pytest.approx(100.0)
    r = first_result(
        invoke(
            "design",
            "doptimal",
            "--factors",
            "A,B",
            "--runs",
            "6",
            "--terms",
            "A + B + A:B + I(A^2)",
            "--seed",
            "1",
            "--json",
        )  # fmt: skip
    )
    assert r["model_terms"] == ["Intercept", "A", "B", "I(A^2)", "A:B"]
    sheet = tmp_path / "mix.csv"
    res = invoke(
        "design", "mixture", "--factors", "resin,filler,solvent", "--type", "centroid",
        "--axial", "--lower", "0.1,0.1,0.2", "--seed", "3", "--csv", sheet,
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    assert "simplex centroid" in res.stdout and "axial" in res.stdout
    import pandas as pd

    df = pd.read_csv(sheet)
    assert len(df) == 10
    assert np.allclose(df[["resin", "filler", "solvent"]].sum(axis=1), 1.0)


def test_design_doe_bad_input():
    res = invoke("design", "mixture", "--factors", "3", "--type", "vertex")
    assert res.exit_code == 2 and "type must be one of" in res.output
    res = invoke("design", "doptimal", "--factors", "3")
    assert res.exit_code == 2 and "runs" in res.output
    res = invoke("design", "dsd", "--factors", "2")
    assert res.exit_code != 0 and "at least 3 factors" in res.output


PROGRAM = """\
design frac = fractional(factors=7, generators=["D = AB", "E = AC", "F = BC", "G = ABC"], randomize=false)
design fold = foldover(design=frac, randomize=false)
design d = full(factors=4, randomize=false)
data y = [45, 71, 48, 65, 68, 60, 80, 65, 43, 100, 45, 104, 75, 86, 70, 96]
let r = analyze d response=y reduce=backward
"""


def test_havoc_run_foldover_and_reduced_analysis(tmp_path):
    f = tmp_path / "doe.havoc"
    f.write_text(PROGRAM)
    res = invoke("run", f, "--json")
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    kinds = [r["kind"] for r in doc["results"]]
    assert kinds == ["design fractional", "design foldover", "design full", "data", "analyze"]
    fold = doc["results"][1]["result"]
    assert fold["alias"]["resolution"] == 4 and len(fold["coded"]) == 16
    reduced = doc["results"][-1]["result"]
    assert reduced["terms"] == ["A", "C", "D", "AC", "AD"]
    assert [s["term"] for s in reduced["reduction"]][-1] == "B"
