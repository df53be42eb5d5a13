"""Control charts and designed experiments read by the table's structure rather than by the
question's words: a subgroup column told from a position-within-subgroup column by its runs, a
position column that cycles 1..k naming consecutive subgroups, EWMA and CUSUM of subgrouped
data charting the subgroup means, a sequence number that is no measurement, a measurement named
by what its header abbreviates, chart names with "/" and "and", and a three-level (Box-Behnken
or face-centred) run sheet analysed with the second-order model. Numbers are checked against
the published SQC constants, a hand recursion and statsmodels."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.families._sqc import subgroup_size
from havoc_srs.families.spc_chart import chart_kind
from havoc_srs.phrasing import Phrasing

# Montgomery, Introduction to SQC, Appendix VI
A2 = {4: 0.729, 5: 0.577}
C4 = {4: 0.9213, 5: 0.9400}


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(index=False)


def _long(
    label: str, n_sub: int, size: int, seed: int, cycle: str | None = "Reading"
) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            label: np.repeat(np.arange(101, 101 + n_sub), size),
            "Thickness (um)": np.round(rng.normal(25.0, 0.8, n_sub * size), 2),
        }
    )
    if cycle:
        frame.insert(1, cycle, np.tile(np.arange(1, size + 1), n_sub))
    return frame


# ---- which chart the words name ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text,kind",
    [
        ("x-bar/s chart for the bore diameters", "xbar_s"),
        ("Xbar with an S chart on the fill volume", "xbar_s"),
        ("exbar and ess chart of the wall gauge", "xbar_s"),
        ("xbar and range chart of the torque", "xbar_r"),
        ("plot the subgroup means and beneath them a chart of subgroup ranges", "xbar_r"),
        ("one chart of the sample averages plus one of the sample standard deviations", "xbar_s"),
    ],
)
def test_chart_names_with_separators_and_words(text, kind):
    assert chart_kind(text.lower()) == kind


@pytest.mark.parametrize(
    "text,n",
    [
        ("five gauge readings on each coil", 5),
        ("4 cans from every pallet", 4),
        ("n = 6/panel", 6),
        ("dosed at 10 mg per ml", None),
        ("3 per minute on average", None),
    ],
)
def test_subgroup_size_in_words(text, n):
    assert subgroup_size(text, Phrasing()) == n


# ---- the subgroups a long table holds --------------------------------------------------------


def test_blocked_subgroup_column_is_read_and_reported(pipe):
    """'Panel No' runs 101 101 101 101 102 ...; 'Reading' cycles 1..4 and is no subgroup."""
    frame = _long("Panel No", 20, 4, seed=3)
    r = pipe.run("X-bar/R chart of the coating thickness, four readings per panel", data=frame)
    assert r.status == "answered" and r.answer["analysis"] == "chart_xbar_r"
    assert sorted(r.answer["columns"]) == ["Panel No", "Thickness (um)"]
    g = frame.groupby("Panel No")["Thickness (um)"]
    xbb, rbar = g.mean().mean(), (g.max() - g.min()).mean()
    kn = r.answer["key_numbers"]
    assert kn["center"] == pytest.approx(xbb, rel=1e-9)
    assert kn["ucl"] - kn["center"] == pytest.approx(A2[4] * rbar, rel=2e-3)


def test_cycling_position_column_gives_consecutive_subgroups(pipe):
    """No subgroup label, only a position that counts 1..5 over and over: subgroups of 5."""
    rng = np.random.default_rng(11)
    frame = pd.DataFrame(
        {
            "Spool": np.repeat([f"SP-{i}" for i in range(16)], 5),
            "Sample": np.tile(np.arange(1, 6), 16),
            "Tensile (N)": np.round(rng.normal(410, 6, 80), 1),
        }
    )
    r = pipe.run("Xbar-S chart for the tensile strength", data=frame)
    assert r.status == "answered" and r.answer["analysis"] == "chart_xbar_s"
    assert r.answer["columns"] == ["Tensile (N)"]
    blocks = frame["Tensile (N)"].to_numpy().reshape(16, 5)
    sbar = blocks.std(axis=1, ddof=1).mean()
    kn = r.answer["key_numbers"]
    assert kn["center"] == pytest.approx(blocks.mean(), rel=1e-9)
    assert kn["ucl"] - kn["center"] == pytest.approx(3 * sbar / (C4[5] * math.sqrt(5)), rel=1e-3)


def test_ewma_of_subgrouped_data_charts_subgroup_means(pipe):
    frame = _long("Batch No", 18, 4, seed=5)
    r = pipe.run("EWMA chart, lambda 0.15, on the batch averages of the thickness", data=frame)
    assert r.status == "answered" and r.answer["analysis"] == "chart_ewma"
    assert sorted(r.answer["columns"]) == ["Batch No", "Thickness (um)"]
    blocks = frame["Thickness (um)"].to_numpy().reshape(18, 4)
    means = blocks.mean(axis=1)
    sigma = blocks.std(axis=1, ddof=1).mean() / C4[4] / 2.0  # of one subgroup mean
    z, prev = [], means.mean()
    for v in means:
        prev = 0.15 * v + 0.85 * prev
        z.append(prev)
    kn = r.answer["key_numbers"]
    assert kn["n"] == 18
    last = means.mean() + 3 * sigma * math.sqrt(0.15 / 1.85 * (1 - 0.85 ** (2 * 18)))
    chart = r.answer["key_numbers"]
    assert chart["center"] == pytest.approx(means.mean(), rel=1e-9)
    assert chart["ucl_per_point"][-1] == pytest.approx(last, rel=2e-3)


# ---- which column is the measurement ---------------------------------------------------------


@pytest.mark.parametrize(
    "question,column",
    [
        ("CUSUM of the outer diameter, one tube after another", "OD (mm)"),
        ("individuals chart for the surface roughness of each part", "Ra (um)"),
        ("is the conversion stable from batch to batch? control chart please", "Conv_pct"),
    ],
)
def test_measurement_named_by_what_its_header_abbreviates(pipe, question, column):
    rng = np.random.default_rng(2)
    frame = pd.DataFrame(
        {
            "Seq": np.arange(1, 41),
            "OD (mm)" if "OD" in column else "Wall (mm)": rng.normal(20, 0.1, 40).round(3),
            column if "OD" not in column else "Weight (g)": rng.normal(5, 0.2, 40).round(3),
        }
    )
    r = pipe.run(question, data=frame)
    assert r.status == "answered" and r.answer["family"] == "spc_chart"
    assert r.answer["columns"] == [column]


def test_sequence_number_is_no_measurement(pipe):
    rng = np.random.default_rng(8)
    frame = pd.DataFrame({"Unit": np.arange(1, 31), "Gap [mm]": rng.normal(0.8, 0.02, 30).round(3)})
    r = pipe.run("I-MR chart of the gap, one reading per unit in build order", data=frame)
    assert r.status == "answered" and r.answer["columns"] == ["Gap [mm]"]
    x = frame["Gap [mm]"].to_numpy()
    mrbar = np.abs(np.diff(x)).mean()
    assert r.answer["key_numbers"]["ucl"] == pytest.approx(x.mean() + 3 * mrbar / 1.128, rel=2e-3)


# ---- three-level run sheets: the second-order model --------------------------------------------


def _bbd(seed: int) -> pd.DataFrame:
    from havoc_tools.doe import box_behnken

    d = box_behnken(3, center_points=3, randomize=False)
    coded = np.asarray(d.coded_matrix, float)
    rng = np.random.default_rng(seed)
    x1, x2, x3 = coded.T
    y = 70 + 3 * x1 - 2 * x2 + 1.5 * x1 * x3 - 4 * x1**2 - 2.5 * x3**2 + rng.normal(0, 0.4, len(x1))
    order = rng.permutation(len(x1))  # the sheet in run order, not standard order
    return pd.DataFrame(
        {
            "Run": np.arange(1, len(x1) + 1),
            "Dose (g/L)": (2 + x1)[order],
            "Temp (C)": (60 + 10 * x2)[order],
            "Stir (rpm)": (300 + 100 * x3)[order],
            "Colour index": (10 + rng.normal(0, 1, len(x1))).round(2),
            "Recovery %": y[order].round(2),
        }
    )


@pytest.mark.parametrize(
    "question",
    [
        "Fit the response surface to the recovery from this Box-Behnken run",
        "which terms matter for the recovry? squared terms too",
        "analyse the experiment, response = recovery",
    ],
)
def test_box_behnken_sheet_fits_the_quadratic_model(pipe, question):
    import statsmodels.formula.api as smf

    frame = _bbd(4)
    r = pipe.run(question, data=frame)
    assert r.status == "answered" and r.answer["family"] == "doe_analysis"
    assert r.answer["analysis"] == "analyze_quadratic"
    assert sorted(r.answer["columns"]) == sorted(
        ["Dose (g/L)", "Temp (C)", "Stir (rpm)", "Recovery %"]
    )
    coded = pd.DataFrame(
        {
            "a": frame["Dose (g/L)"] - 2,
            "b": (frame["Temp (C)"] - 60) / 10,
            "c": (frame["Stir (rpm)"] - 300) / 100,
            "y": frame["Recovery %"],
        }
    )
    fit = smf.ols("y ~ a + b + c + a:b + a:c + b:c + I(a**2) + I(b**2) + I(c**2)", coded).fit()
    kn = r.answer["key_numbers"]
    assert kn["r_squared"] == pytest.approx(fit.rsquared, rel=1e-9)
    got = sorted(kn["coefficients"].values())
    assert got == pytest.approx(sorted(fit.params.to_numpy()), rel=1e-6, abs=1e-9)


def test_three_level_layouts_told_apart():
    from havoc_srs.families.doe_analysis import rsm_layout
    from havoc_tools.doe import box_behnken, central_composite

    bbd = np.asarray(box_behnken(4, center_points=3, randomize=False).coded_matrix, float)
    assert rsm_layout(bbd) == "box_behnken"
    ccf = central_composite(3, center_points=2, design="faced", randomize=False)
    assert rsm_layout(np.asarray(ccf.coded_matrix, float)) == "faced"
    # a face-centred composite missing an axial run, and one with no centre run: neither
    assert rsm_layout(np.asarray(ccf.coded_matrix, float)[1:]) is None
    assert rsm_layout(bbd[np.any(bbd != 0, axis=1)]) is None


def test_incomplete_three_level_sheet_asks_instead_of_guessing(pipe):
    frame = _bbd(6).iloc[:-2]  # two runs lost: the design cannot be rebuilt
    r = pipe.run("analyse the experiment, response = recovery", data=frame)
    assert r.status != "answered" or r.answer.get("analysis") != "analyze_quadratic"


# ---- designs asked for in words ----------------------------------------------------------------


@pytest.mark.parametrize(
    "question,analysis,k",
    [
        (
            "Kindly draw up a Box\u2013Behnken plan for four variables of the extruder.",
            "box_behnken",
            4,
        ),
        (
            "a response-surface plan for 3 factors that stays away from the corners",
            "box_behnken",
            3,
        ),
        (
            "response surface design for 4 knobs; the rig must skip the extreme corners",
            "box_behnken",
            4,
        ),
        ("central composite design in feed level, screw speed and barrel temperature", "ccd", 3),
        ("we are screening 9 surfactants and have 12 pots available", "plackett_burman", 9),
        ("7 candidate solvents, 8 runs at most: which layout?", "fractional_factorial", 7),
    ],
)
def test_designs_in_words(pipe, question, analysis, k):
    r = pipe.run(question)
    assert r.status == "answered" and r.answer["family"] == "doe_design"
    want = {"fractional_factorial": "design_fractional"}.get(analysis, f"design_{analysis}")
    assert r.answer["analysis"] == want
    assert r.answer["key_numbers"]["k"] == k


# ---- gage studies typed in ---------------------------------------------------------------------


def _gage_reference(parts: dict[str, list[list[float]]]) -> tuple[float, float]:
    """Repeatability and reproducibility variances from statsmodels' two-way ANOVA (AIAG:
    interaction pooled when p > 0.25)."""
    import statsmodels.api as sm
    import statsmodels.formula.api as smf

    rows = [(p, str(j), x) for p, ops in parts.items() for j, reps in enumerate(ops) for x in reps]
    f = pd.DataFrame(rows, columns=["part", "op", "y"])
    r_ = len(next(iter(parts.values()))[0])
    n_p = f["part"].nunique()
    full = sm.stats.anova_lm(smf.ols("y ~ C(part) * C(op)", f).fit(), typ=2)
    if full.loc["C(part):C(op)", "PR(>F)"] > 0.25:
        t = sm.stats.anova_lm(smf.ols("y ~ C(part) + C(op)", f).fit(), typ=2)
        ms_e = t.loc["Residual", "sum_sq"] / t.loc["Residual", "df"]
        ms_o = t.loc["C(op)", "sum_sq"] / t.loc["C(op)", "df"]
        return ms_e, max(0.0, (ms_o - ms_e) / (n_p * r_))
    ms = full["sum_sq"] / full["df"]
    ms_e, ms_o, ms_po = ms["Residual"], ms["C(op)"], ms["C(part):C(op)"]
    return ms_e, max(0.0, (ms_o - ms_po) / (n_p * r_)) + max(0.0, (ms_po - ms_e) / r_)


def test_gage_typed_with_bars_between_operators(pipe):
    parts = {
        "coupon 1": [[2.31, 2.33], [2.36, 2.35], [2.30, 2.32]],
        "coupon 2": [[2.52, 2.50], [2.55, 2.56], [2.49, 2.51]],
        "coupon 3": [[2.11, 2.14], [2.17, 2.15], [2.10, 2.12]],
        "coupon 4": [[2.42, 2.40], [2.45, 2.47], [2.41, 2.40]],
    }
    text = "; ".join(
        f"{p}: " + " | ".join(", ".join(f"{x:.2f}" for x in reps) for reps in ops)
        for p, ops in parts.items()
    )
    r = pipe.run(
        "Coating thickness precision study, three technicians, two repeats each (technicians "
        f"in order): {text}. Split the variation into repeatability and reproducibility."
    )
    assert r.status == "answered" and r.answer["family"] == "measurement_system"
    kn = r.answer["key_numbers"]
    rep, repro = _gage_reference(parts)
    assert kn["n_parts"] == 4 and kn["n_operators"] == 3
    assert kn["repeatability_var"] == pytest.approx(rep, rel=1e-9)
    assert kn["reproducibility_var"] == pytest.approx(repro, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize(
    "text,width",
    [
        ("tolerance 42\u201348 HRC", 6.0),
        ("the tolerance runs from 9.95 to 10.05 mm", 0.1),
        ("tolerancia de 2,40 a 2,60 mm", 0.2),
        ("Toleranz 0,15 mm", 0.15),
        ("tolerance is \u00b10.02", 0.04),
    ],
)
def test_tolerance_width_from_limits_and_other_languages(text, width):
    from havoc_srs.families.measurement_system import gage_tolerance

    assert gage_tolerance(text, Phrasing()) == pytest.approx(width, rel=1e-9)


# ---- symbolic requests typed as code, in other languages, or as a target value -----------------


def _sym(text: str):
    import sympy as sp

    return sp.sympify(text, locals={"E": sp.E})  # the test's own reference strings only


@pytest.mark.parametrize(
    "question,analysis,reference",
    [
        ("sympy: simplify(cosh(t)**2 - sinh(t)**2)", "simplify", "1"),
        (
            "Mathematica gives me what for D[Exp[2 x] Sin[x], x]?",
            "derive",
            "2*exp(2*x)*sin(x) + exp(2*x)*cos(x)",
        ),
        ("Integrate[x^2 Exp[-x], {x, 0, Infinity}]", "integrate", "2"),
        ("limit(tan(2*u)/u, u, 0)", "limit", "2"),
        ("diff(x**5, x, 2) please", "derive", "20*x**3"),
        ("Solve[3 z^2 - 12 == 0, z]", "solve", None),
        ("Berechne die Ableitung von sin(x)^3 nach x", "derive", "3*sin(x)**2*cos(x)"),
        ("Calcula la derivada de x^2*log(x) con respecto a x", "derive", "2*x*log(x) + x"),
    ],
)
def test_symbolic_code_calls_and_languages(pipe, question, analysis, reference):
    import sympy as sp

    r = pipe.run(question)
    assert r.status == "answered" and r.answer["family"] == "symbolic"
    assert r.answer["analysis"] == analysis
    got = r.answer["key_numbers"]["result"]
    if reference is None:  # the roots of 3 z^2 - 12
        assert sorted(float(v) for v in got.split(",")) == [-2.0, 2.0]
    else:
        assert sp.simplify(_sym(got) - _sym(reference)) == 0


@pytest.mark.parametrize(
    "question,roots",
    [
        (
            "A tank drains as V(t) = 900 - 45 t (litres, t in minutes). How long until it is down to 360?",
            [12.0],
        ),
        (
            "Drag is F = 0.02 v^2 (F in N, v in m/s). At what speed does the drag reach 8 N?",
            [-20.0, 20.0],
        ),
        (
            "Revenue R = 40 + 6 p where p is the promo budget. How much budget gives R equal to 100?",
            [10.0],
        ),
    ],
)
def test_formula_and_target_value_is_solved(pipe, question, roots):
    r = pipe.run(question)
    assert r.status == "answered" and r.answer["family"] == "symbolic"
    assert r.answer["analysis"] == "solve"
    got = sorted(float(v) for v in r.answer["key_numbers"]["numeric_solutions"] if v is not None)
    assert got == pytest.approx(roots, rel=1e-9)


def test_code_call_parser_reads_only_brackets():
    from havoc_srs.families._symcalls import code_request, target_request

    assert (
        code_request("series(exp(x), x, 0, 5)") == "taylor series of exp(x) about x = 0 to order 5"
    )
    assert code_request("the upper control limit (UCL) is 12") is None
    assert code_request("solve(x**2 - 2, x") is None  # unbalanced: not read
    assert target_request("with sigma = 2.5 and n = 20, what power reaches 0.8?") is None


@pytest.mark.parametrize(
    "q",
    [
        "Simplify (x^2 - 1)/(x - 1).",
        "simplify (t^2 - 9) / (t - 3) for me",
        "Simplify (y^3 - y)/(y + 1)",
    ],
)
def test_a_bracket_that_groups_is_no_call(q: str) -> None:
    """A word before a bracket is a call only when the bracket holds the whole argument list:
    "Simplify (x^2 - 1)/(x - 1)" simplifies the quotient, not its numerator."""
    import sympy as sp
    from havoc_srs.families._symcalls import code_request

    assert code_request(q) is None
    r = Pipeline(index=False).run(q)
    assert r.status == "answered" and r.answer["family"] == "symbolic"
    expr = q.split(" ", 1)[1].replace("for me", "").rstrip(". ").replace("^", "**")
    want = sp.simplify(sp.sympify(expr))  # the test's own strings, not user text
    got = sp.sympify(r.answer["key_numbers"]["result"])
    assert sp.simplify(got - want) == 0


# ---- attribute tables with two count/size pairs ------------------------------------------------


def _two_pairs() -> pd.DataFrame:
    rng = np.random.default_rng(21)
    calls = rng.integers(300, 600, 20)
    scanned = rng.integers(1500, 2500, 20)
    return pd.DataFrame(
        {
            "Shift": [f"S{i:02d}" for i in range(20)],
            "Labels scanned": scanned,
            "Misreads": rng.binomial(scanned, 0.002),
            "Parcels shipped": calls,
            "Parcels w/ damage": rng.binomial(calls, 0.01),
        }
    )


@pytest.mark.parametrize(
    "question,analysis,count,size",
    [
        (
            "control chart of misreads per thousand labels; the shifts differ in size",
            "chart_u",
            "Misreads",
            "Labels scanned",
        ),
        (
            "what share of shipped parcels arrived damaged, and is any shift out of control?",
            "chart_p",
            "Parcels w/ damage",
            "Parcels shipped",
        ),
        (
            "p chart of parcels with damage per shift",
            "chart_p",
            "Parcels w/ damage",
            "Parcels shipped",
        ),
    ],
)
def test_count_paired_with_its_own_size_column(pipe, question, analysis, count, size):
    frame = _two_pairs()
    r = pipe.run(question, data=frame)
    assert r.status == "answered" and r.answer["analysis"] == analysis
    assert sorted(r.answer["columns"]) == sorted([count, size])
    d, n = frame[count].to_numpy(float), frame[size].to_numpy(float)
    centre = d.sum() / n.sum()
    kn = r.answer["key_numbers"]
    assert kn["center"] == pytest.approx(centre, rel=1e-9)
    spread = (
        math.sqrt(centre * (1 - centre) / n[0])
        if analysis == "chart_p"
        else math.sqrt(centre / n[0])
    )
    assert kn["ucl_per_point"][0] == pytest.approx(centre + 3 * spread, rel=1e-9)


# ---- design requests in other languages and loose counts ---------------------------------------


@pytest.mark.parametrize(
    "question,analysis,k",
    [
        (
            "Wir brauchen einen vollfaktoriellen Versuchsplan für 3 Faktoren mit 2 Zentralpunkten",
            "design_full",
            3,
        ),
        (
            "Necesito un diseño factorial fraccionado para 7 factores, resolución IV",
            "design_fractional",
            7,
        ),
        ("a half fraction of the six-factor factorial please", "design_fractional", 6),
        (
            "We can vary 5 oven settings and afford 8 bakes at most. Give me the plan.",
            "design_fractional",
            5,
        ),
    ],
)
def test_design_requests_other_languages_and_counts(pipe, question, analysis, k):
    r = pipe.run(question)
    assert r.status == "answered" and r.answer["family"] == "doe_design"
    assert r.answer["analysis"] == analysis and r.answer["key_numbers"]["k"] == k


def test_sensitivity_of_a_formula_is_its_derivative(pipe):
    import sympy as sp

    r = pipe.run("The flow is given by Q = C*A*sqrt(h). How sensitive is the flow to the head h?")
    assert r.status == "answered" and r.answer["analysis"] == "derive"
    C, A, h = sp.symbols("C A h", positive=True)
    got = sp.sympify(r.answer["key_numbers"]["result"].replace("c", "C").replace("a", "A"))
    assert (
        sp.simplify(
            got.subs({sp.Symbol("C"): C, sp.Symbol("A"): A, sp.Symbol("h"): h})
            - sp.diff(C * A * sp.sqrt(h), h)
        )
        == 0
    )
