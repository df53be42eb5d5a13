"""`havoc run -e`, `havoc ttest/anova/chart/capability/design`: numbers against scipy/numpy and
published constants, and every kind of bad input (exit 2 with a message naming the problem)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from havoc_cli.main import app
from scipy import stats
from typer.testing import CliRunner

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FILL = EXAMPLES / "fill.csv"
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def first_result(res) -> dict:
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["ok"] is True
    return doc["results"][0]["result"]


@pytest.fixture(scope="module")
def fill() -> pd.DataFrame:
    return pd.read_csv(FILL)


# ---- havoc run -e --------------------------------------------------------------------------


def test_run_inline_statement_with_csv_table_named_after_stem(fill):
    res = invoke("run", "-e", "ttest line1 vs line2 in fill", "--data", FILL, "--json")
    r = first_result(res)
    ref = stats.ttest_ind(fill.line1, fill.line2, equal_var=False)
    assert r["statistic"] == pytest.approx(ref.statistic, rel=1e-10)
    assert r["p_value"] == pytest.approx(ref.pvalue, rel=1e-9)


def test_run_inline_several_lines_and_named_table(fill):
    res = invoke(
        "run",
        "-e",
        "let t = ttest weight in w mu=500",
        "-e",
        "shapiro t.estimate",
        "--data",
        f"w={FILL}",
        "--json",
    )
    # shapiro on one number is a runtime error: exit 1, after the first statement's result
    assert res.exit_code == 1
    doc = json.loads(res.stdout)
    assert doc["results"][0]["result"]["p_value"] == pytest.approx(
        stats.ttest_1samp(fill.weight, 500).pvalue, rel=1e-9
    )
    assert doc["error"]["phase"] == "runtime" and doc["error"]["line"] == 2


def test_run_inline_text_output_shows_statement():
    res = invoke("run", "-e", "anova weight by shift in fill", "--data", FILL)
    assert res.exit_code == 0, res.output
    assert "anova weight by shift in fill" in res.stdout and "One-way ANOVA" in res.stdout


def test_run_inline_error_names_the_loaded_table():
    res = invoke("run", "-e", "ttest line1 vs line2 in data", "--data", FILL)
    assert res.exit_code == 1
    assert "reserved word 'data'" in res.output
    assert "fill.csv is loaded as table 'fill'" in res.output


def test_run_needs_exactly_one_program(tmp_path):
    prog = tmp_path / "p.havoc"
    prog.write_text("data a = [1, 2, 3]\n")
    both = invoke("run", prog, "-e", "shapiro [1, 2, 3]")
    neither = invoke("run")
    assert both.exit_code == 2 and neither.exit_code == 2
    assert "not both and not neither" in both.output


def test_run_file_with_data(tmp_path, fill):
    prog = tmp_path / "p.havoc"
    prog.write_text("kruskal weight by shift in fill\n")
    r = first_result(invoke("run", prog, "--data", FILL, "--json"))
    ref = stats.kruskal(*[g.weight for _, g in fill.groupby("shift")])
    assert r["statistic"] == pytest.approx(ref.statistic, rel=1e-10)


def test_run_missing_csv_and_clashing_tables(tmp_path):
    res = invoke("run", "-e", "shapiro [1, 2, 3]", "--data", tmp_path / "nope.csv")
    assert res.exit_code == 2 and "no such file" in res.output
    other = tmp_path / "fill.csv"
    other.write_text("a\n1\n2\n")
    res = invoke("run", "-e", "shapiro [1, 2, 3]", "--data", FILL, "--data", other)
    assert res.exit_code == 2 and "both be table 'fill'" in res.output


# ---- havoc ttest ----------------------------------------------------------------------------


def test_ttest_two_sample_welch_matches_scipy(fill):
    r = first_result(invoke("ttest", FILL, "line1", "line2", "--json"))
    ref = stats.ttest_ind(fill.line1, fill.line2, equal_var=False)
    assert r["statistic"] == pytest.approx(ref.statistic, rel=1e-10)
    assert r["df"] == pytest.approx(ref.df, rel=1e-10)
    assert r["p_value"] == pytest.approx(ref.pvalue, rel=1e-9)


def test_ttest_one_sample_paired_and_alternative(fill):
    r = first_result(invoke("ttest", FILL, "weight", "--mu", "500", "--json"))
    assert r["p_value"] == pytest.approx(stats.ttest_1samp(fill.weight, 500).pvalue, rel=1e-9)
    r = first_result(
        invoke("ttest", FILL, "line1", "line2", "--paired", "--alternative", "less", "--json")
    )
    ref = stats.ttest_rel(fill.line1, fill.line2, alternative="less")
    assert r["p_value"] == pytest.approx(ref.pvalue, rel=1e-9)


def test_ttest_by_two_group_column(tmp_path):
    rng = np.random.default_rng(3)
    a, b = rng.normal(10, 1, 12), rng.normal(11, 1, 15)
    df = pd.DataFrame({"y": [*a, *b], "g": ["a"] * 12 + ["b"] * 15})
    df.to_csv(tmp_path / "two.csv", index=False)
    r = first_result(invoke("ttest", tmp_path / "two.csv", "y", "--by", "g", "--json"))
    assert r["p_value"] == pytest.approx(stats.ttest_ind(a, b, equal_var=False).pvalue, rel=1e-9)


def test_ttest_readable_output():
    res = invoke("ttest", FILL, "line1", "line2")
    assert res.exit_code == 0
    assert "ttest line1 vs line2 in fill" in res.stdout
    assert "Welch two-sample t-test" in res.stdout and "95% CI" in res.stdout


def test_ttest_missing_column_exit_2():
    res = invoke("ttest", FILL, "line1", "line3")
    assert res.exit_code == 2
    assert "column 'line3' is not in fill.csv" in res.output
    assert "line1, line2, weight, subgroup, shift" in res.output


def test_ttest_bad_alternative_and_both_y_and_by():
    res = invoke("ttest", FILL, "line1", "--alternative", "bigger")
    assert res.exit_code == 2 and "--alternative must be one of" in res.output
    res = invoke("ttest", FILL, "line1", "line2", "--by", "shift")
    assert res.exit_code == 2 and "not both" in res.output


def test_ttest_constant_column_is_a_runtime_failure(tmp_path):
    pd.DataFrame({"x": [5.0] * 6}).to_csv(tmp_path / "flat.csv", index=False)
    res = invoke("ttest", tmp_path / "flat.csv", "x", "--mu", "5")
    assert res.exit_code == 1 and "runtime error" in res.output


# ---- havoc anova ----------------------------------------------------------------------------


def test_anova_one_way_matches_scipy_and_posthoc(fill):
    res = invoke("anova", FILL, "weight", "--by", "shift", "--posthoc", "tukey", "--json")
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    groups = [g.weight.to_numpy() for _, g in fill.groupby("shift")]
    ref = stats.f_oneway(*groups)
    row = doc["results"][0]["result"]["table"][0]
    assert row["F"] == pytest.approx(ref.statistic, rel=1e-10)
    assert row["p_value"] == pytest.approx(ref.pvalue, rel=1e-9)
    assert doc["results"][1]["kind"] == "tukey"


def test_anova_welch_and_bad_input():
    res = invoke("anova", FILL, "weight", "--by", "shift", "--welch")
    assert res.exit_code == 0 and "Welch" in res.stdout
    res = invoke("anova", FILL, "weight", "--by", "shfit")
    assert res.exit_code == 2 and "factor column 'shfit'" in res.output
    assert "did you mean 'shift'" in res.output
    res = invoke("anova", FILL, "weight")
    assert res.exit_code == 2 and "--by" in res.output
    res = invoke("anova", FILL, "weight", "--by", "shift", "--posthoc", "scheffe")
    assert res.exit_code == 2 and "tukey, gameshowell" in res.output


# ---- havoc chart ----------------------------------------------------------------------------


def test_chart_xbar_r_limits_from_published_constants(fill, tmp_path):
    png = tmp_path / "plots" / "xbar.png"
    res = invoke(
        "chart", FILL, "weight", "--type", "xbar_r", "--subgroup", "subgroup", "--plot", png
    )
    assert res.exit_code == 0, res.output
    assert png.stat().st_size > 1000 and png.read_bytes()[:4] == b"\x89PNG"
    r = first_result(
        invoke("chart", FILL, "weight", "--type", "xbar_r", "--subgroup", "subgroup", "--json")
    )
    sub = fill.groupby("subgroup").weight
    xbarbar, rbar = sub.mean().mean(), (sub.max() - sub.min()).mean()
    a2, d4 = 0.577, 2.114  # Montgomery, Appendix VI, n = 5
    xbar, rng = r["panels"]
    assert xbar["center"][0] == pytest.approx(xbarbar, rel=1e-12)
    assert xbar["ucl"][0] == pytest.approx(xbarbar + a2 * rbar, abs=1e-3 * rbar)
    assert rng["ucl"][0] == pytest.approx(d4 * rbar, rel=1e-3)


def test_chart_imr_rules_and_bad_input(tmp_path, fill):
    r = first_result(invoke("chart", FILL, "line1", "--rules", "1,2", "--json"))
    mr_bar = np.abs(np.diff(fill.line1)).mean()
    x_panel = r["panels"][0]
    assert x_panel["ucl"][0] == pytest.approx(fill.line1.mean() + 2.66 * mr_bar, rel=1e-3)
    assert sorted(x_panel["violations"]) == ["1", "2"]
    res = invoke("chart", FILL, "weight", "--type", "xbar_q")
    assert res.exit_code == 2 and "--type must be one of" in res.output
    res = invoke("chart", FILL, "weight", "--rules", "one")
    assert res.exit_code == 2 and "--rules" in res.output
    res = invoke("chart", FILL, "weight", "--plot", tmp_path / "c.jpg")
    assert res.exit_code == 2 and ".png or .svg" in res.output
    res = invoke("chart", FILL, "weight", "--type", "p")
    assert res.exit_code == 2 and "needs --n COLUMN" in res.output
    res = invoke("chart", FILL, "weight", "--type", "xbar_r", "--subgroup", "lot")
    assert res.exit_code == 2 and "subgroup column 'lot'" in res.output


# ---- havoc capability -----------------------------------------------------------------------


def test_capability_pp_ppk_from_sample_sd(fill, tmp_path):
    svg = tmp_path / "cap.svg"
    res = invoke("capability", FILL, "weight", "--lsl", "498", "--usl", "502", "--json")
    r = first_result(res)
    sd, mean = fill.weight.std(ddof=1), fill.weight.mean()
    assert r["pp"] == pytest.approx(4 / (6 * sd), rel=1e-10)
    assert r["ppk"] == pytest.approx(min(502 - mean, mean - 498) / (3 * sd), rel=1e-10)
    res = invoke(
        "capability", FILL, "weight", "--usl", "502", "--subgroup", "subgroup", "--plot", svg
    )
    assert res.exit_code == 0, res.output
    assert svg.read_text().lstrip().startswith("<?xml")
    assert "CPK" in res.stdout


def test_capability_bad_input():
    res = invoke("capability", FILL, "weight")
    assert res.exit_code == 2 and "--lsl and/or --usl" in res.output
    res = invoke("capability", FILL, "wieght", "--usl", "502")
    assert res.exit_code == 2 and "did you mean 'weight'" in res.output
    res = invoke("capability", FILL, "weight", "--usl", "502", "--within", "best")
    assert res.exit_code == 2 and "--within" in res.output


# ---- havoc design ---------------------------------------------------------------------------


def test_design_full_factorial_run_sheet():
    res = invoke("design", "full", "--factors", "3", "--center", "2", "--seed", "4")
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert "Run sheet" in out and "A (coded)" in out and "C (coded)" in out
    r = first_result(invoke("design", "full", "--factors", "3", "--center", "2", "--json"))
    coded = np.array(r["coded"])
    assert coded.shape == (10, 3)
    corners = {tuple(row) for row in coded if np.all(np.abs(row) == 1)}
    assert len(corners) == 8 and (np.abs(coded).sum(axis=1) == 0).sum() == 2
    assert sorted(r["run_order"]) == list(range(1, 11))


def test_design_ccd_natural_levels_include_axial_points(tmp_path):
    sheet = tmp_path / "ccd.csv"
    res = invoke(
        "design", "ccd", "--factors", "T,P", "--low", "150,1", "--high", "200,2",
        "--center", "3", "--seed", "1", "--csv", sheet,
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    assert "axial" in res.stdout and "210.355" in res.stdout  # 175 + 25 * sqrt(2)
    df = pd.read_csv(sheet)
    assert list(df["run"]) == list(range(1, 12)) and len(df) == 2**2 + 2 * 2 + 3
    alpha = math.sqrt(2)  # rotatable: (2^k)^(1/4) for k = 2
    axial = df[df.point == "axial"]
    assert (
        sorted(np.round(np.abs(axial[["T (coded)", "P (coded)"]].to_numpy()).max(axis=1), 9))
        == [round(alpha, 9)] * 4
    )
    assert np.allclose(df["T"], 175 + 25 * df["T (coded)"])
    assert np.allclose(df["P"], 1.5 + 0.5 * df["P (coded)"])


def test_design_fractional_with_generator_and_no_randomize():
    r = first_result(
        invoke(
            "design",
            "fractional",
            "--factors",
            "A,B,C,D,E",
            "--generator",
            "E = ABCD",
            "--no-randomize",
            "--json",
        )  # fmt: skip
    )
    coded = np.array(r["coded"])
    assert coded.shape == (16, 5)
    assert np.array_equal(coded[:, 4], coded[:, :4].prod(axis=1))
    assert r["std_order"] == r["run_order"]


def test_design_bad_input():
    res = invoke("design", "fancy", "--factors", "3")
    assert res.exit_code == 2 and "must be one of" in res.output
    res = invoke("design", "full")
    assert res.exit_code == 2 and "--factors" in res.output
    res = invoke("design", "full", "--factors", "3", "--low", "1,2", "--high", "3,4")
    assert res.exit_code == 2 and "low" in res.output
    res = invoke("design", "lhs", "--factors", "2", "--center", "2", "--samples", "5")
    assert res.exit_code == 2 and "center" in res.output
    res = invoke("design", "ccd", "--factors", "2", "--alpha", "steep")
    assert res.exit_code == 2 and "rotatable, orthogonal or a number" in res.output
    r = first_result(invoke("design", "ccd", "--factors", "2", "--alpha", "1.5", "--json"))
    assert max(abs(v) for row in r["coded"] for v in row) == pytest.approx(1.5)
