"""Control charts, gage studies, designs, their analysis and symbolic requests read from
phrasings the families were not written with: tables pasted into the question, subgroups laid
out as alike columns, chart letters written as they sound, defects vs defectives told by the
question's words, a run sheet asked about in everyday words, designs described in words.
Numbers are checked against statsmodels, scipy, sympy and the published SQC constants."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import sympy as sp
from havoc_srs import Pipeline
from havoc_srs.families.spc_chart import chart_kind, stated_size
from havoc_srs.phrasing import Phrasing
from havoc_srs.reader.pasted import pasted_table
from havoc_tools.symbolic.grammar import parse_expression

# Montgomery, Introduction to SQC, Appendix VI
A2 = {4: 0.729, 5: 0.577}
D4 = {4: 2.282, 5: 2.114}


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(index=False)


# ---- tables pasted into the question ---------------------------------------------------------


def test_pasted_table_delimiters_and_decimal_commas():
    t = pasted_table("oven|rack|crust\nO1|top|3,4\nO1|low|3,9\nO2|top|4,1\nO2|low|4,4\nthanks")
    assert list(t.columns) == ["oven", "rack", "crust"]
    assert t["crust"].tolist() == [3.4, 3.9, 4.1, 4.4]
    signs = pasted_table("runs below\nspeed feed finish\n- - 1.2\n+ - 1.9\n- + 1.4\n+ + 2.3")
    assert signs["speed"].tolist() == [-1.0, 1.0, -1.0, 1.0]
    assert signs["finish"].tolist() == [1.2, 1.9, 1.4, 2.3]


def test_pasted_table_needs_a_header_and_rows():
    assert pasted_table("the values 1 2 3\n4 5 6\n7 8 9\n10 11 12") is None  # no header
    assert pasted_table("Is machine A better than B?\nThanks in advance.") is None


def test_pasted_factorial_semicolons_effects_match_ols(pipe):
    import statsmodels.formula.api as smf

    rows = [(-1, -1, 61.0), (1, -1, 68.5), (-1, 1, 63.2), (1, 1, 74.9)] * 2
    noise = [0.4, -0.3, 0.2, -0.5, -0.2, 0.3, -0.4, 0.6]
    text = "dwell;force;bond\n" + "\n".join(
        f"{a};{b};{str(round(y + e, 2)).replace('.', ',')}" for (a, b, y), e in zip(rows, noise)
    )
    r = pipe.run(text + "\nTwo-level trial, doubled. Which settings change the bond strength?")
    assert r.status == "answered" and r.answer["family"] == "doe_analysis"
    frame = pd.DataFrame(
        [(a, b, round(y + e, 2)) for (a, b, y), e in zip(rows, noise)],
        columns=["dwell", "force", "bond"],
    )
    fit = smf.ols("bond ~ dwell * force", frame).fit()
    eff = r.answer["key_numbers"]["effects"]
    assert eff["dwell"] == pytest.approx(2 * fit.params["dwell"], rel=1e-9)
    assert eff["force"] == pytest.approx(2 * fit.params["force"], rel=1e-9)


def test_pasted_gage_study_tabs_repeatability_matches_anova(pipe):
    import statsmodels.api as sm
    import statsmodels.formula.api as smf

    rng = np.random.default_rng(5)
    true = {p: 7.0 + 0.3 * p for p in range(1, 7)}
    rows = [
        (p, o, round(true[p] + (0.05 if o == "Mia" else 0) + rng.normal(0, 0.04), 3))
        for p in true
        for o in ("Mia", "Raj")
        for _ in range(2)
    ]
    text = "Coupon\tInspector\tGap\n" + "\n".join(f"{p}\t{o}\t{y}" for p, o, y in rows)
    r = pipe.run(text + "\nCopied from the sheet: how good is our feeler-gauge method?")
    assert r.status == "answered" and r.answer["family"] == "measurement_system"
    frame = pd.DataFrame(rows, columns=["Coupon", "Inspector", "Gap"])
    aov = sm.stats.anova_lm(smf.ols("Gap ~ C(Coupon) * C(Inspector)", frame).fit())
    inter, resid = aov.loc["C(Coupon):C(Inspector)"], aov.loc["Residual"]
    want = resid["mean_sq"]
    if inter["PR(>F)"] > 0.25:  # AIAG: a weak interaction is pooled into repeatability
        want = (inter["sum_sq"] + resid["sum_sq"]) / (inter["df"] + resid["df"])
    assert r.answer["key_numbers"]["repeatability_var"] == pytest.approx(want, rel=1e-6)


def test_pasted_wide_subgroups_xbar_r_limits_from_a2(pipe):
    rng = np.random.default_rng(8)
    block = np.round(rng.normal(20.0, 0.1, (10, 4)), 3)
    text = "lot;w1;w2;w3;w4\n" + "\n".join(
        f"{i + 1};" + ";".join(str(v).replace(".", ",") for v in row) for i, row in enumerate(block)
    )
    r = pipe.run(text + "\naverage and range chart please, decimal commas")
    kn = r.answer["key_numbers"]
    assert r.status == "answered" and r.answer["analysis"] == "chart_xbar_r"
    rbar = (block.max(axis=1) - block.min(axis=1)).mean()
    assert kn["ucl"] - kn["center"] == pytest.approx(A2[4] * rbar, rel=2e-3)
    assert kn["center"] == pytest.approx(block.mean(), rel=1e-9)


# ---- subgroups laid out as alike columns -------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "question"),
    [
        (["bore_mm_N", "bore_mm_S", "bore_mm_E", "bore_mm_W", "bore_mm_C"],
         "X-bar R chart of the bore, the five positions of one casting are a subgroup"),
        (["g1_wt", "g2_wt", "g3_wt", "g4_wt", "g5_wt"], "xbar-r chart for the capsule weights"),
        (["Fill A", "Fill B", "Fill C", "Fill D", "Fill E"], "averages and ranges chart of fill"),
    ],
)  # fmt: skip
def test_wide_subgroups_by_alike_headers(pipe, headers, question):
    rng = np.random.default_rng(3)
    block = np.round(rng.normal(50.0, 0.5, (12, 5)), 2)
    frame = pd.DataFrame(block, columns=headers)
    frame.insert(0, "Casting", np.arange(1, 13))  # a row number, not a measurement
    frame.insert(1, "Line", ["L1", "L2"] * 6)
    r = pipe.run(question, data=frame)
    kn = r.answer["key_numbers"]
    assert r.status == "answered" and r.answer["analysis"] == "chart_xbar_r"
    assert sorted(r.answer["columns"]) == sorted(headers)
    rbar = (block.max(axis=1) - block.min(axis=1)).mean()
    assert kn["ucl"] - kn["center"] == pytest.approx(A2[5] * rbar, rel=2e-3)
    assert kn["r_ucl"] == pytest.approx(D4[5] * rbar, rel=2e-3)


# ---- chart letters written as they sound, sizes stated in words --------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ex bar are chart of the gap widths", "xbar_r"),
        ("an ex-bar ess chart for the torque", "xbar_s"),
        ("pee chart of the rejected tins", "p"),
        ("en pee chart, lots of 60", "np"),
        ("i em are chart on the viscosity", "imr"),
        ("construct the x̄–s chart", "xbar_s"),
    ],
)
def test_chart_letters_as_they_sound(text, kind):
    assert chart_kind(text) == kind


@pytest.mark.parametrize(
    ("text", "n"),
    [("the lot size was 40 each day", 40), ("batch size of 120", 120), ("subgroup size = 6", 6)],
)
def test_sizes_stated_as_lot_or_batch_size(text, n):
    assert stated_size(text, Phrasing()) == n


def _inspection(seed=2):
    rng = np.random.default_rng(seed)
    n = rng.integers(150, 260, 20)
    return pd.DataFrame(
        {
            "Day": np.arange(1, 21),
            "n_checked": n,
            "nonconf": rng.binomial(n, 0.05),
            "defects": rng.poisson(0.09 * n),
        }
    )


@pytest.mark.parametrize(
    "question",
    [
        "pee chart for the rejected cartons, the sample size changes every day",
        "Which shifts produced unusually many rejected cartons? Chart it.",
        "control chart for the failed units, the number checked varies",
    ],
)
def test_defectives_column_from_the_questions_words(pipe, question):
    frame = _inspection()
    r = pipe.run(question, data=frame)
    assert r.status == "answered" and r.answer["analysis"] == "chart_p"
    assert sorted(r.answer["columns"]) == ["n_checked", "nonconf"]
    pbar = frame["nonconf"].sum() / frame["n_checked"].sum()
    assert r.answer["key_numbers"]["center"] == pytest.approx(pbar, rel=1e-9)


def test_defects_column_from_the_questions_words(pipe):
    frame = _inspection()
    r = pipe.run("Chart the scratches found; did any day go out of control?", data=frame)
    assert r.status == "answered" and r.answer["analysis"] == "chart_u"
    assert sorted(r.answer["columns"]) == ["defects", "n_checked"]
    ubar = frame["defects"].sum() / frame["n_checked"].sum()
    assert r.answer["key_numbers"]["center"] == pytest.approx(ubar, rel=1e-9)


@pytest.mark.parametrize(
    "question",
    [
        "Paint runs counted on each door panel at the end of the booth: 4 2 6 3 5 1 4 9 3 2 4 5."
        " Is the booth in control?",
        "Flaws per reel of wire, one reel a shift: 4 2 6 3 5 1 4 9 3 2 4 5 -- any special cause?",
        "we count bubbles in one windscreen per hour: 4, 2, 6, 3, 5, 1, 4, 9, 3, 2, 4, 5. chart?",
    ],
)
def test_typed_defect_counts_get_a_c_chart(pipe, question):
    counts = np.array([4, 2, 6, 3, 5, 1, 4, 9, 3, 2, 4, 5], float)
    r = pipe.run(question)
    kn = r.answer["key_numbers"]
    assert r.status == "answered" and r.answer["analysis"] == "chart_c"
    cbar = counts.mean()
    assert kn["center"] == pytest.approx(cbar) and kn["ucl"] == pytest.approx(
        cbar + 3 * np.sqrt(cbar)
    )


def test_typed_defectives_with_a_lot_size_get_an_np_chart(pipe):
    d = np.array([3, 1, 2, 4, 0, 2, 3, 7, 1, 2, 3, 2], float)
    q = "Lot size was 80 throughout; rejected pieces per lot: " + " ".join(f"{v:g}" for v in d)
    r = pipe.run(q + ". Any lot out of control?")
    kn = r.answer["key_numbers"]
    assert r.status == "answered" and r.answer["analysis"] == "chart_np"
    p = d.sum() / (80 * len(d))
    assert kn["ucl"] == pytest.approx(80 * p + 3 * np.sqrt(80 * p * (1 - p)))


# ---- a run sheet asked about in everyday words -------------------------------------------------


def _run_sheet():
    rng = np.random.default_rng(4)
    rows = []
    for _ in range(2):
        for a in (150, 180):
            for b in (2, 4):
                for c in ("N2", "Ar"):
                    y = 30 + 0.1 * (a - 165) + 1.5 * (b - 3) + (a - 165) * (b - 3) * 0.05
                    rows.append((a, b, c, round(y + rng.normal(0, 0.3), 2)))
    return pd.DataFrame(rows, columns=["Temp (C)", "Dwell (s)", "Purge", "Peel (N)"])


@pytest.mark.parametrize(
    "question",
    [
        "How much does raising the temperature shift the peel force, and does that depend on "
        "the dwell?",
        "Does the dwell effect on peel depend on the temperature setting?",
        "Is the purge gas tied to the temperature in these trials, and what drives peel?",
    ],
)
def test_run_sheet_questions_are_its_effects(pipe, question):
    r = pipe.run(question, data=_run_sheet())
    assert r.status == "answered" and r.answer["family"] == "doe_analysis"


def test_run_sheet_with_regression_words_stays_regression(pipe):
    r = pipe.run("Regress Peel (N) on Temp (C) and predict the peel at 170 C.", data=_run_sheet())
    assert r.answer["family"] == "regression"


# ---- gage studies described in words ----------------------------------------------------------


def _gage():
    rng = np.random.default_rng(9)
    rows = [
        (
            f"S{p}",
            o,
            t,
            round(3.0 + 0.05 * p + (0.01 if o == "Eve" else 0) + rng.normal(0, 0.01), 4),
        )
        for p in range(1, 11)
        for o in ("Eve", "Sam", "Lou")
        for t in (1, 2)
    ]
    return pd.DataFrame(rows, columns=["Specimen", "Tech", "Trial", "Wall (mm)"])


@pytest.mark.parametrize(
    "question",
    [
        "The wall spec is 2.9 to 3.7 mm. What percent of that tolerance is eaten up by the "
        "measuring system?",
        "What share of the 0.8 mm tolerance goes to measurement error from the gauge?",
        "How much of the variation in the wall readings is down to the technicians rather than "
        "the specimens?",
    ],
)
def test_gage_questions_in_words(pipe, question):
    r = pipe.run(question, data=_gage())
    assert r.status == "answered" and r.answer["family"] == "measurement_system"
    assert sorted(r.answer["columns"]) == ["Specimen", "Tech", "Wall (mm)"]


# ---- designs described in words ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "analysis", "runs"),
    [
        ("box be ken layout for pH, dose and contact time", "design_box_behnken", 15),
        ("Three knobs, three levels each, but the rig must never see all of them at the "
         "extremes together.", "design_box_behnken", 15),
        ("two-level plan for 4 factors, not a fraction, with 3 centre points", "design_full", 19),
    ],
)  # fmt: skip
def test_designs_described_in_words(pipe, question, analysis, runs):
    r = pipe.run(question)
    assert r.status == "answered" and r.answer["analysis"] == analysis
    assert len(r.answer["key_numbers"].get("runs_table") or []) in (0, runs)
    assert r.answer["key_numbers"]["runs"] == runs


# ---- symbolic --------------------------------------------------------------------------------


def test_derivative_with_respect_to_a_named_letter(pipe):
    r = pipe.run("Differentiate V*(1 - exp(-t/(R*C))) with respect to the time t.")
    assert r.status == "answered"
    got = parse_expression(r.answer["key_numbers"]["result"].replace("**", "^"))
    v, t, rr, c = (next(s for s in got.free_symbols if s.name == n) for n in "vtrc")
    want = sp.diff(v * (1 - sp.exp(-t / (rr * c))), t)
    assert sp.simplify(got - want) == 0


@pytest.mark.parametrize(
    ("question", "f", "lo", "hi"),
    [
        ("The work done is the integral of F0*s from 0 to L; evaluate it.", "f0*s", "0", "l"),
        ("integrate c*t^2 from a to b", "c*t**2", "a", "b"),
        ("find the integral of w*cos(t) from 0 to p", "w*cos(t)", "0", "p"),
    ],
)
def test_definite_integrals_with_letters_pass_the_audit(pipe, question, f, lo, hi):
    r = pipe.run(question)
    assert r.status == "answered" and r.answer["analysis"] == "integrate"
    del f, lo, hi  # the audit itself compared the result with scipy quad at fixed values


# ---- a two-level experiment typed in Yates notation ---------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Yates labels, one run each: (1) 52, a 60, b 49, ab 63. Estimate the effects.",
        "Crack length (mm), 2^3 unreplicated: (1) 12.1, a 14.0, b 11.8, ab 15.2, c 12.5, "
        "ac 14.6, bc 12.0, abc 15.9. Which factors matter?",
        "standard deviation of fill, runs (1)=3.2, a=2.1, b=3.5, ab=2.0, c=3.1, ac=2.2, bc=3.6, "
        "abc=1.9 -- what are the effects?",
    ],
)
def test_yates_notation_is_a_design_to_analyse(pipe, question):
    import re

    runs = re.findall(r"(\(1\)|\b[a-c]{1,3}\b)\s*=?\s*(\d+(?:\.\d+)?)", question)
    r = pipe.run(question)
    assert r.status == "answered" and r.answer["family"] == "doe_analysis"
    y = np.array([float(v) for _, v in runs])
    has_a = np.array(["a" in lab for lab, _ in runs])
    assert r.answer["key_numbers"]["effects"]["A"] == pytest.approx(
        y[has_a].mean() - y[~has_a].mean()
    )


# ---- a chart named by name decides over descriptive words ---------------------------------------


@pytest.mark.parametrize(
    ("question", "analysis"),
    [
        ("Apply a CUSUM to the daily oxygen readings to catch a shift of one standard deviation.",
         "chart_cusum"),
        ("EWMA of the oxygen readings; we care about a drift of half a standard deviation.",
         "chart_ewma"),
        ("I-MR chart of the oxygen readings, and what is their average?", "chart_imr"),
    ],
)  # fmt: skip
def test_named_chart_wins_over_summary_words(pipe, question, analysis):
    rng = np.random.default_rng(12)
    frame = pd.DataFrame({"Day": np.arange(1, 41), "Oxygen (mg/L)": rng.normal(8.0, 0.2, 40)})
    r = pipe.run(question, data=frame)
    assert r.status == "answered" and r.answer["analysis"] == analysis
    x = frame["Oxygen (mg/L)"].to_numpy()
    if analysis == "chart_imr":  # CL = mean, UCL - CL = 3 MR-bar / d2 (d2 = 1.128)
        kn = r.answer["key_numbers"]
        assert kn["center"] == pytest.approx(x.mean())
        assert kn["ucl"] - kn["center"] == pytest.approx(
            3 * np.abs(np.diff(x)).mean() / 1.128, rel=2e-3
        )


@pytest.mark.parametrize(
    "question",
    [
        "Every casting is measured at four places. Treat each casting as a subgroup and chart the "
        "average and the range of the measured wall.",
        "Each row is one casting measured in 4 spots; is the measured wall stable over time?",
        "Control chart of the wall, the four measuring positions of a casting form a subgroup.",
    ],
)
def test_alike_columns_with_crossed_labels_are_subgroups_not_a_gage_study(pipe, question):
    rng = np.random.default_rng(21)
    block = np.round(rng.normal(6.0, 0.05, (16, 4)), 3)
    frame = pd.DataFrame(block, columns=["wall_N", "wall_S", "wall_E", "wall_W"])
    frame.insert(0, "Heat", [f"H{i // 4 + 1}" for i in range(16)])
    frame.insert(1, "Mould", ["M1", "M2"] * 8)
    frame.insert(2, "Slot", [i % 4 + 1 for i in range(16)])
    r = pipe.run(question, data=frame)
    assert r.status == "answered" and r.answer["family"] == "spc_chart"
    assert sorted(r.answer["columns"]) == sorted(["wall_N", "wall_S", "wall_E", "wall_W"])


@pytest.mark.parametrize("header", ["Sample grp", "Coil No", "Lot #"])
def test_subgroup_column_named_as_a_number_or_group(pipe, header):
    rng = np.random.default_rng(30)
    y = np.round(rng.normal(12.0, 0.3, 40), 2)
    frame = pd.DataFrame({header: np.repeat(np.arange(1, 11), 4), "Width (mm)": y})
    r = pipe.run("xbar r chart of the width", data=frame)
    kn = r.answer["key_numbers"]
    assert r.status == "answered" and r.answer["analysis"] == "chart_xbar_r"
    g = y.reshape(10, 4)
    rbar = (g.max(axis=1) - g.min(axis=1)).mean()
    assert kn["ucl"] - kn["center"] == pytest.approx(A2[4] * rbar, rel=2e-3)
