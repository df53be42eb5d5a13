"""`havoc run/check/fmt/repl` and `python -m havoc_tools` on small programs."""

from __future__ import annotations

import json
import subprocess
import sys

from havoc_cli.main import app
from typer.testing import CliRunner

PROGRAM = (
    "# weights\n"
    "data w = [5.0, 5.2, 4.9, 5.1, 5.3, 5.0, 4.8, 5.1]\n"
    "let t = ttest w mu=5\n"
    "let c = chart imr w rules=[1, 2]\n"
    'plot c to "imr.png"\n'
)


def test_havoc_run_json_and_plots(tmp_path):
    f = tmp_path / "p.havoc"
    f.write_text(PROGRAM)
    res = CliRunner().invoke(app, ["run", str(f), "--json", "--plots", str(tmp_path / "plots")])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["ok"] and [r["kind"] for r in doc["results"]] == [
        "data",
        "ttest",
        "chart imr",
        "plot",
    ]
    assert (tmp_path / "plots" / "imr.png").exists()


def test_havoc_check_reports_location_and_exit_code(tmp_path):
    f = tmp_path / "bad.havoc"
    f.write_text("data w = [1, 2, 3]\nttest ww mu=5\n")
    res = CliRunner().invoke(app, ["check", str(f)])
    assert res.exit_code == 1
    assert "line 2, column 7" in res.output and "did you mean 'w'" in res.output


def test_havoc_fmt_prints_canonical_form(tmp_path):
    f = tmp_path / "p.havoc"
    f.write_text("data  w=[1,2,\n 3]\nttest w   mu=2\n")
    res = CliRunner().invoke(app, ["fmt", str(f)])
    assert res.exit_code == 0
    assert res.stdout == "data w = [1, 2, 3]\nttest w mu=2\n"


def test_havoc_run_runtime_error_exit_code(tmp_path):
    f = tmp_path / "p.havoc"
    f.write_text("data c = [5, 5, 5]\nttest c mu=5\n")
    res = CliRunner().invoke(app, ["run", str(f)])
    assert res.exit_code == 1 and "line 2" in res.output


def test_havoc_repl_keeps_names():
    res = CliRunner().invoke(
        app, ["repl"], input="data a = [1, 2, 4]\nshapiro a\nshapiro b\n:quit\n"
    )
    assert res.exit_code == 0
    assert "Shapiro-Wilk" in res.output and "unknown name 'b'" in res.output


def test_python_m_havoc_tools(tmp_path):
    f = tmp_path / "p.havoc"
    f.write_text(PROGRAM)
    out = subprocess.run(
        [sys.executable, "-m", "havoc_tools", "run", str(f), "--plots", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "One-sample t-test" in out.stdout
    out = subprocess.run(
        [sys.executable, "-m", "havoc_tools", "check", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2 and "no such file" in out.stderr
