"""`havoc run` reaches the non-normal capability and tolerance-interval verbs."""

from __future__ import annotations

import json

from havoc_cli.main import app
from typer.testing import CliRunner

PROGRAM = (
    "data x = [2.1, 3.4, 1.7, 2.9, 4.2, 2.5, 3.1, 1.9, 2.7, 3.6, 2.2, 3.0, 5.9, 2.4, 1.6, 3.3]\n"
    "let c = capability x lsl=0.5 usl=7 dist=weibull\n"
    "let t = tolerance x coverage=0.9 confidence=0.95\n"
    "let d = distid x lsl=0.5 usl=7\n"
    'plot d to "id.png"\n'
)


def test_havoc_run_nonnormal_capability_and_tolerance(tmp_path):
    from havoc_tools import spc, stats

    f = tmp_path / "cap.havoc"
    f.write_text(PROGRAM)
    res = CliRunner().invoke(app, ["run", str(f), "--json", "--plots", str(tmp_path / "plots")])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["ok"]
    kinds = [r["kind"] for r in doc["results"]]
    assert kinds == ["data", "capability", "tolerance", "distid", "plot"]
    x = [2.1, 3.4, 1.7, 2.9, 4.2, 2.5, 3.1, 1.9, 2.7, 3.6, 2.2, 3.0, 5.9, 2.4, 1.6, 3.3]
    cap = doc["results"][1]["result"]
    assert cap["ppk"] == spc.capability_nonnormal(x, lsl=0.5, usl=7).ppk
    tol = doc["results"][2]["result"]
    assert tol["upper"] == stats.tolerance_interval(x, coverage=0.9).upper
    assert (tmp_path / "plots" / "id.png").stat().st_size > 0


def test_havoc_check_locates_a_bad_distribution(tmp_path):
    f = tmp_path / "bad.havoc"
    f.write_text("data x = [1, 2, 3]\ncapability x lsl=0 dist=weibul\n")
    res = CliRunner().invoke(app, ["check", str(f)])
    assert res.exit_code == 1
    assert "line 2, column 25" in res.output and "did you mean 'weibull'" in res.output
