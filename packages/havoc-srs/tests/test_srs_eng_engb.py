"""Gage R&R, capability and control charts read from phrasings the families were not written
with: column roles from a crossed layout, spec limits written many ways, chart names in words,
attribute tables with a sample-size column. Numbers are checked against numpy/statsmodels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.data import Dataset
from havoc_srs.families._specs import spec_limits
from havoc_srs.families.measurement_system import gage_roles, gage_tolerance, inline_gage
from havoc_srs.families.spc_chart import chart_kind, stated_size
from havoc_srs.phrasing import Phrasing


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(index=False)


def _crossed(headers: tuple[str, str, str, str], parts=8, opers=("Ada", "Bo", "Cy"), reps=2):
    rng = np.random.default_rng(11)
    true = rng.normal(50.0, 0.8, parts)
    bias = {o: b for o, b in zip(opers, (0.0, 0.15, -0.1), strict=False)}
    rows = [
        (p + 1, o, r + 1, round(true[p] + bias[o] + rng.normal(0, 0.12), 3))
        for o in opers
        for p in range(parts)
        for r in range(reps)
    ]
    return pd.DataFrame(rows, columns=list(headers))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("the drawing calls for 4.80 to 5.20 mm", {"lsl": 4.8, "usl": 5.2}),
        ("nominal 7.5 plus or minus 0.25", {"lsl": 7.25, "usl": 7.75, "target": 7.5}),
        ("USL = 0.45 and nothing below", {"usl": 0.45}),
        ("it has to stay under 120 ppm", {"usl": 120.0}),
        ("pull-off force no less than 8.5 N", {"lsl": 8.5}),
        ("the 19.6–20.4 tolerance band", {"lsl": 19.6, "usl": 20.4}),
        ("length 40 mm, +0.3/-0.1", {"lsl": 39.9, "usl": 40.3, "target": 40.0}),
        ("moisture spec 4 % to 6 %", {"lsl": 4.0, "usl": 6.0}),
    ],
)
def test_spec_limits_written_many_ways(text, want):
    assert spec_limits(text).as_slots() == pytest.approx(want)


def test_spec_limits_ignore_plain_numbers():
    assert spec_limits("compare the 3 lines over 20 days").as_slots() == {}


def test_gage_roles_from_structure_alone():
    """Headers that say nothing: the crossed, replicated layout decides (part = most levels)."""
    frame = _crossed(("A", "B", "C", "y"))
    assert gage_roles("variation study", Dataset.from_frame(frame)) == ("A", "B", "C")


def test_gage_roles_from_header_words():
    frame = _crossed(("Specimen", "Tester", "Repeat", "Length_mm"))
    assert gage_roles("", Dataset.from_frame(frame)) == ("Specimen", "Tester", "Repeat")


def test_gage_tolerance_phrasings():
    assert gage_tolerance("tolerance is ± 0.2 mm", Phrasing()) == pytest.approx(0.4)
    assert gage_tolerance("tol = 1.5", Phrasing()) == pytest.approx(1.5)
    assert gage_tolerance("a +/- 0.05 tolerance", Phrasing()) == pytest.approx(0.1)
    assert gage_tolerance("no limits given", Phrasing()) is None


def test_inline_gage_reads_operators_parts_and_repeats():
    g = inline_gage("Ana: A1 5.01/5.03, A2 4.87/4.90; Raj: A1 5.04/5.02, A2 4.91/4.89")
    assert g is not None and len(g) == 8
    assert sorted(g["operator"].unique()) == ["Ana", "Raj"]
    assert g["measurement"].sum() == pytest.approx(5.01 + 5.03 + 4.87 + 4.90 + 5.04 + 5.02 + 9.80)


def test_gage_without_the_word_gage(pipe):
    """The people / instrument split, with the variance components against statsmodels."""
    import statsmodels.api as sm
    from statsmodels.formula.api import ols

    frame = _crossed(("Specimen", "Tester", "Repeat", "Length_mm"))
    r = pipe.run(
        "How much of the scatter in the length readings comes from the testers and the "
        "instrument rather than the specimens? Tolerance is ±1.5 mm.",
        data=frame,
    )
    a = r.answer
    assert r.status == "answered" and a["family"] == "measurement_system"
    assert sorted(a["columns"]) == ["Length_mm", "Specimen", "Tester"]
    k = a["key_numbers"]
    fit = ols("Length_mm ~ C(Specimen) * C(Tester)", data=frame).fit()
    tab = sm.stats.anova_lm(fit, typ=2)
    ms = tab["sum_sq"] / tab["df"]
    n_o, reps = 3, 2
    if tab.loc["C(Specimen):C(Tester)", "PR(>F)"] >= 0.05:  # pooled, as the tool's default
        pooled = (tab.loc["C(Specimen):C(Tester)", "sum_sq"] + tab.loc["Residual", "sum_sq"]) / (
            tab.loc["C(Specimen):C(Tester)", "df"] + tab.loc["Residual", "df"]
        )
        part_var = (ms["C(Specimen)"] - pooled) / (n_o * reps)
        repeat_var = pooled
    else:
        part_var = (ms["C(Specimen)"] - ms["C(Specimen):C(Tester)"]) / (n_o * reps)
        repeat_var = ms["Residual"]
    assert k["part_var"] == pytest.approx(part_var, rel=1e-6)
    assert k["repeatability_var"] == pytest.approx(repeat_var, rel=1e-6)
    grr_sd = np.sqrt(k["repeatability_var"] + k["reproducibility_var"])
    assert k["pct_tolerance_grr"] == pytest.approx(100 * 6 * grr_sd / 3.0, rel=1e-6)


def test_gage_typed_into_the_question(pipe):
    r = pipe.run(
        "Gauge study, can we trust it? Ana: A1 5.01/5.03, A2 4.87/4.90, A3 5.20/5.18, "
        "A4 4.95/4.97; Raj: A1 5.04/5.02, A2 4.91/4.89, A3 5.22/5.21, A4 4.99/4.98."
    )
    assert r.status == "answered" and r.answer["family"] == "measurement_system"
    assert r.answer["key_numbers"]["n_parts"] == 4 and r.answer["key_numbers"]["n_operators"] == 2


@pytest.fixture(scope="module")
def coating():
    rng = np.random.default_rng(5)
    return pd.DataFrame(
        {
            "Panel": np.arange(1, 61),
            "Coat Thickness (µm)": rng.normal(42.0, 1.6, 60).round(2),
            "Gloss (GU)": rng.normal(70.0, 2.5, 60).round(1),
        }
    )


def test_capability_one_sided_limit_finds_column_by_unit(pipe, coating):
    r = pipe.run("The coat must be no thinner than 36 µm. Ppk?", data=coating)
    a = r.answer
    assert r.status == "answered" and a["family"] == "capability"
    assert a["columns"] == ["Coat Thickness (µm)"]
    x = coating["Coat Thickness (µm)"]
    assert a["key_numbers"]["lsl"] == 36 and "usl" not in a["key_numbers"]
    assert a["key_numbers"]["Ppk"] == pytest.approx((x.mean() - 36) / (3 * x.std(ddof=1)))


def test_capability_window_without_the_word_capability(pipe, coating):
    r = pipe.run("Would the gloss still sit inside a 62 to 78 window often enough?", data=coating)
    a = r.answer
    assert r.status == "answered" and a["family"] == "capability"
    assert a["columns"] == ["Gloss (GU)"]
    x = coating["Gloss (GU)"]
    assert a["key_numbers"]["Pp"] == pytest.approx(16 / (6 * x.std(ddof=1)))


def test_capability_inline_values(pipe):
    vals = [12.1, 12.4, 11.9, 12.2, 12.0, 12.3, 12.1, 11.8, 12.2, 12.0]
    r = pipe.run(f"Torque readings {', '.join(map(str, vals))} Nm; spec 11 to 13 Nm. Cpk?")
    a = r.answer
    assert r.status == "answered" and a["family"] == "capability"
    assert a["key_numbers"]["n"] == 10 and a["key_numbers"]["usl"] == 13
    x = np.array(vals)
    assert a["key_numbers"]["Ppk"] == pytest.approx((13 - x.mean()) / (3 * x.std(ddof=1)))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("plot the share of failed boards week by week", "p"),
        ("exponentially weighted moving average of the bore", "ewma"),
        ("cumulative sum chart", "cusum"),
        ("chart the averages and ranges", "xbar_r"),
        ("means and standard deviations chart", "xbar_s"),
        ("c chrat of blemishes", "c"),
        ("an np control chart", "np"),
        ("xbar–s chart", "xbar_s"),
        ("faults per board", "u"),
        ("is the line stable", None),
    ],
)
def test_chart_names_in_words(text, kind):
    assert chart_kind(text) == kind


def test_stated_sample_sizes():
    assert stated_size("rejects in lots of 80", Phrasing()) == 80
    assert stated_size("n = 125 per lot", Phrasing()) == 125
    assert stated_size("we pull 50 units per sample", Phrasing()) == 50
    assert stated_size("rejects per day", Phrasing()) is None


@pytest.fixture(scope="module")
def boards():
    rng = np.random.default_rng(3)
    checked = rng.integers(150, 260, 30)
    return pd.DataFrame(
        {
            "Week": np.arange(1, 31),
            "Boards Checked": checked,
            "Boards Failed": rng.binomial(checked, 0.04),
            "Solder Faults": rng.poisson(checked * 0.08),
        }
    )


def test_p_chart_from_words_with_size_column(pipe, boards):
    r = pipe.run("Plot the share of failed boards week by week on a control chart.", data=boards)
    a = r.answer
    assert r.status == "answered" and a["analysis"] == "chart_p"
    assert sorted(a["columns"]) == ["Boards Checked", "Boards Failed"]
    p = boards["Boards Failed"].sum() / boards["Boards Checked"].sum()
    assert a["key_numbers"]["center"] == pytest.approx(p)


def test_u_chart_unnamed_from_counts_and_sizes(pipe, boards):
    r = pipe.run(
        "Are solder faults per board creeping up over the weeks, given that the number of "
        "boards checked changes?",
        data=boards,
    )
    a = r.answer
    assert r.status == "answered" and a["analysis"] == "chart_u"
    assert sorted(a["columns"]) == ["Boards Checked", "Solder Faults"]
    u = boards["Solder Faults"].sum() / boards["Boards Checked"].sum()
    assert a["key_numbers"]["center"] == pytest.approx(u)


def test_np_chart_inline_with_stated_lot_size(pipe):
    counts = [3, 5, 2, 4, 6, 1, 3, 4, 2, 5]
    r = pipe.run(f"Rejects from lots of 80: {', '.join(map(str, counts))}. np chart please.")
    a = r.answer
    assert r.status == "answered" and a["analysis"] == "chart_np"
    nbar = np.mean(counts)
    assert a["key_numbers"]["center"] == pytest.approx(nbar)
    assert a["key_numbers"]["ucl"] == pytest.approx(nbar + 3 * np.sqrt(nbar * (1 - nbar / 80)))


def test_xbar_chart_of_row_subgroups(pipe):
    rng = np.random.default_rng(9)
    wide = pd.DataFrame(
        {"Hour": np.arange(1, 21), **{f"Probe {i}": rng.normal(8, 0.1, 20) for i in range(1, 5)}}
    )
    r = pipe.run("xbar-s chart of the probe readings", data=wide)
    a = r.answer
    assert r.status == "answered" and a["analysis"] == "chart_xbar_s"
    assert sorted(a["columns"]) == [f"Probe {i}" for i in range(1, 5)]
    grand = wide[[f"Probe {i}" for i in range(1, 5)]].to_numpy().mean()
    assert a["key_numbers"]["center"] == pytest.approx(grand)


def test_xbar_chart_of_subgroups_typed_in(pipe):
    r = pipe.run(
        "subgroup 1: 4.1 4.3 4.2, subgroup 2: 4.4 4.0 4.2, subgroup 3: 4.3 4.1 4.2, "
        "subgroup 4: 4.0 4.2 4.1 - averages and ranges chart please"
    )
    a = r.answer
    assert r.status == "answered" and a["analysis"] == "chart_xbar_r"
    assert a["key_numbers"]["center"] == pytest.approx(np.mean([4.2, 4.2, 4.2, 4.1]))


def test_drift_question_goes_to_a_chart(pipe):
    rng = np.random.default_rng(4)
    frame = pd.DataFrame({"Reading": rng.normal(200, 1.5, 40).round(2)})
    r = pipe.run("Did the reading drift at some point, or has it stayed steady?", data=frame)
    assert r.answer["family"] == "spc_chart" and r.status == "answered"
    assert r.answer["analysis"] == "chart_imr" and r.answer["columns"] == ["Reading"]
