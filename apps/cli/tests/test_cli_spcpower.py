"""`havoc run` reaches the Laney/Z-MR charts, ARL and the new power statements."""

from __future__ import annotations

import json

from havoc_cli.main import app
from typer.testing import CliRunner

PROGRAM = (
    "data d = table(defects=[12, 15, 8, 20, 11, 30, 9], size=[500, 520, 480, 510, 490, 505, "
    "470])\n"
    "let lp = chart laney_p defects in d n=size\n"
    "let a = arl chart=cusum k=0.5 h=5 shifts=[0, 1]\n"
    "power tost low=-0.5 high=0.5 n=30 kind=one-sample\n"
    "let c = powercurve test=proportion values=[20, 40, 80] p=0.3 p0=0.5\n"
    'plot c to "curve.png"\n'
)


def test_havoc_run_spc_and_power_statements(tmp_path):
    f = tmp_path / "p.havoc"
    f.write_text(PROGRAM)
    res = CliRunner().invoke(app, ["run", str(f), "--json", "--plots", str(tmp_path / "plots")])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["ok"]
    kinds = [r["kind"] for r in doc["results"]]
    assert kinds == ["data", "chart laney_p", "arl", "power tost", "powercurve", "plot"]
    arl = doc["results"][2]["result"]
    assert round(arl["arl"][0]) == 465 and round(arl["arl"][1], 1) == 10.4
    assert doc["results"][1]["result"]["estimates"]["sigma_z"] > 1
    assert (tmp_path / "plots" / "curve.png").stat().st_size > 0


def test_havoc_check_flags_a_bad_power_statement(tmp_path):
    f = tmp_path / "bad.havoc"
    f.write_text("power factorial factors=3 effect=2\n")
    res = CliRunner().invoke(app, ["check", str(f)])
    assert res.exit_code == 1
    assert "line 1" in res.output and "replicates" in res.output
