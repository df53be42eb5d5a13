"""`havoc run` on the measurement-systems verbs (gage_type1, gage_linearity, gage_nested,
agreement, kappa): published numbers and library references through the command line."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from havoc_cli.main import app
from typer.testing import CliRunner

# AIAG MSA 4th ed., ch. III-B, linearity example: 5 reference parts x 12 readings
AIAG = {
    2: [2.7, 2.5, 2.4, 2.5, 2.7, 2.3, 2.5, 2.5, 2.4, 2.4, 2.6, 2.4],
    4: [5.1, 3.9, 4.2, 5.0, 3.8, 3.9, 3.9, 3.9, 3.9, 4.0, 4.1, 3.8],
    6: [5.8, 5.7, 5.9, 5.9, 6.0, 6.1, 6.0, 6.1, 6.4, 6.3, 6.0, 6.1],
    8: [7.6, 7.7, 7.8, 7.7, 7.8, 7.8, 7.8, 7.7, 7.8, 7.5, 7.6, 7.7],
    10: [9.1, 9.3, 9.5, 9.3, 9.4, 9.5, 9.5, 9.5, 9.6, 9.2, 9.3, 9.4],
}
# Montgomery, Design and Analysis of Experiments, Example 14.1 (suppliers, batches, purity)
PURITY = [
    [[1, -1, 0], [-2, -3, -4], [-2, 0, 1], [1, 4, 0]],
    [[1, -2, -3], [0, 4, 2], [-1, 0, -2], [0, 3, 2]],
    [[2, 4, 0], [-2, 0, 2], [1, -1, 2], [3, 2, 1]],
]

PROGRAM = """\
let t1 = gage_type1 w reference=10 tolerance=0.5
let lb = gage_linearity measurement by part in lin reference=reference
let gn = gage_nested purity by batch, supplier in nest
let kp = kappa r1 vs r2
plot lb to "linearity.png"
"""


@pytest.fixture
def files(tmp_path):
    lin = pd.DataFrame(
        [(i + 1, r, v) for i, (r, vs) in enumerate(AIAG.items()) for v in vs],
        columns=["part", "reference", "measurement"],
    )
    lin.to_csv(tmp_path / "lin.csv", index=False)
    nest = pd.DataFrame(
        [
            (s + 1, b + 1, v)
            for s, batches in enumerate(PURITY)
            for b, vals in enumerate(batches)
            for v in vals
        ],
        columns=["supplier", "batch", "purity"],
    )
    nest.to_csv(tmp_path / "nest.csv", index=False)
    prog = tmp_path / "msa.havoc"
    prog.write_text(
        "data w = [10.012, 9.995, 10.02, 10.004, 9.985, 10.011, 10.003, 9.992]\n"
        'data r1 = ["ok", "ok", "bad", "bad", "ok", "bad", "ok", "ok"]\n'
        'data r2 = ["ok", "bad", "bad", "bad", "ok", "bad", "ok", "ok"]\n' + PROGRAM
    )
    return tmp_path, prog


def test_havoc_run_msa_program(files):
    from statsmodels.stats.inter_rater import cohens_kappa

    tmp, prog = files
    res = CliRunner().invoke(
        app,
        [
            "run",
            str(prog),
            "--data",
            str(tmp / "lin.csv"),
            "--data",
            str(tmp / "nest.csv"),
            "--json",
            "--plots",
            str(tmp / "plots"),
        ],
    )
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["ok"]
    by_name = {r["name"]: r["result"] for r in doc["results"] if r.get("name")}
    w = np.array([10.012, 9.995, 10.02, 10.004, 9.985, 10.011, 10.003, 9.992])
    assert by_name["t1"]["cg"] == pytest.approx(0.1 / (6 * w.std(ddof=1)), rel=1e-12)
    # AIAG published: bias = 0.736667 - 0.131667 * reference
    assert by_name["lb"]["slope"] == pytest.approx(-0.131667, abs=5e-7)
    assert by_name["lb"]["intercept"] == pytest.approx(0.736667, abs=5e-7)
    # Montgomery Table 14.4: SS 15.06, 69.92, 63.33
    ss = [round(row["sum_sq"], 2) for row in by_name["gn"]["anova"][:3]]
    assert ss == [15.06, 69.92, 63.33]
    r1 = ["ok", "ok", "bad", "bad", "ok", "bad", "ok", "ok"]
    r2 = ["ok", "bad", "bad", "bad", "ok", "bad", "ok", "ok"]
    table = pd.crosstab(pd.Series(r1), pd.Series(r2)).to_numpy()  # rows/cols: bad, ok
    assert by_name["kp"]["table"] == table.tolist()
    assert by_name["kp"]["kappa"] == pytest.approx(cohens_kappa(table).kappa, rel=1e-12)
    assert (tmp / "plots" / "linearity.png").stat().st_size > 0


def test_havoc_check_reports_msa_option_errors(tmp_path):
    prog = tmp_path / "bad.havoc"
    prog.write_text("data w = [1.0, 2.0, 3.0]\ngage_type1 w tolerance=1 referense=2\n")
    res = CliRunner().invoke(app, ["check", str(prog)])
    assert res.exit_code == 1
    assert "line 2" in res.output and "did you mean 'reference'" in res.output
