"""Capability, control charts, gage studies, power and symbolic maths asked in words nobody
wrote the rules for: spec limits in every form (ranges, ±, "tolerance of 0.1 around a nominal
of 12", decimal commas, "11.95 min 12.05 max"), charts in words, gage studies in plain words,
power settings in words, maths in words and unicode, and typing slips ("smaple", "stnadard",
"infiinty"). Numbers are checked against numpy / scipy / statsmodels / sympy."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import sympy as sp
from havoc_srs import Pipeline
from havoc_srs.families._specs import spec_limits
from havoc_srs.families._typos import correct_word, fix_typos
from havoc_srs.families.measurement_system import gage_tolerance
from havoc_srs.families.power import read_power
from havoc_srs.phrasing import read_phrasing

RNG = np.random.default_rng(20261207)

PINS = pd.DataFrame(
    {
        "Part ID": [f"P{i:03d}" for i in range(80)],
        "Lathe": np.tile(["L1", "L2"], 40),
        "Pin Diameter (mm)": np.round(12.0 + RNG.normal(0, 0.012, 80), 4),
    }
)
JARS = pd.DataFrame(
    {
        "Subgroup": np.repeat(np.arange(1, 21), 5),
        "Jar": np.tile(np.arange(1, 6), 20),
        "Net Weight (g)": np.round(502 + RNG.normal(0, 1.2, 100), 2),
    }
)
_SIZES = RNG.integers(150, 300, 30)
INSPECTION = pd.DataFrame(
    {
        "Day": np.arange(1, 31),
        "Units Inspected": _SIZES,
        "Defective Units": RNG.binomial(_SIZES, 0.04),
        "Scratches/Panel": RNG.poisson(5, 30),
    }
)


def _gage() -> pd.DataFrame:
    parts = RNG.normal(0, 0.05, 10)
    bias = {"Ana": 0.0, "Ben": 0.01, "Cy": -0.008}
    rows = [
        (p + 1, op, t + 1, round(25 + parts[p] + bias[op] + RNG.normal(0, 0.01), 4))
        for op in bias
        for t in range(3)
        for p in range(10)
    ]
    return pd.DataFrame(rows, columns=["Housing", "Inspector", "Trial", "Depth (mm)"])


GAGE = _gage()


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(index=False)


# ---------------------------------------------------------------------------------------------
# spec limits as people write them


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("spec is between 11.95 and 12.05", {"lsl": 11.95, "usl": 12.05}),
        ("10 +/- 0.05", {"lsl": 9.95, "usl": 10.05, "target": 10.0}),
        ("10 ± 0.05 mm", {"lsl": 9.95, "usl": 10.05, "target": 10.0}),
        ("LSL=2, USL=4", {"lsl": 2.0, "usl": 4.0}),
        ("must be no more than 0.8", {"usl": 0.8}),
        ("must be at least 50", {"lsl": 50.0}),
        ("a tolerance of 0.1 around a nominal of 25", {"lsl": 24.95, "usl": 25.05, "target": 25.0}),
        ("nominal 25 mm with a tolerance of ±0.02", {"lsl": 24.98, "usl": 25.02, "target": 25.0}),
        ("can we hold 12,00 ± 0,05 mm", {"lsl": 11.95, "usl": 12.05, "target": 12.0}),
        ("limits 11.94 / 12.06", {"lsl": 11.94, "usl": 12.06}),
        ("diameter spec 11.95 min, 12.05 max", {"lsl": 11.95, "usl": 12.05}),
        ("moisture should be within 1.5 to 3 percent", {"lsl": 1.5, "usl": 3.0}),
        ("18.5 plus minus 1.2 N/mm", {"lsl": 17.3, "usl": 19.7, "target": 18.5}),
        ("strength must be above 50 MPa", {"lsl": 50.0}),
        ("thickness 0,125 mm max", {"usl": 0.125}),
        ("impurity maximum allowed 0.8%", {"usl": 0.8}),
        ("it should stay under 35 N", {"usl": 35.0}),
        ("must not ecxeed 35 N", {"usl": 35.0}),
    ],
)
def test_spec_limits_in_words(text, want):
    assert spec_limits(text).as_slots() == pytest.approx(want)


@pytest.mark.parametrize(
    "text", ["cycle time 12 min, 4 operators", "counts 1,250 and 1,300", "readings 4, 6, 3, 5"]
)
def test_no_spec_limits_invented(text):
    assert spec_limits(text).as_slots() == {}


# ---------------------------------------------------------------------------------------------
# capability


def _ppk(x: np.ndarray, lsl: float | None, usl: float | None) -> float:
    m, s = x.mean(), x.std(ddof=1)
    return min(v for v in ((usl - m) / (3 * s) if usl is not None else None,
                           (m - lsl) / (3 * s) if lsl is not None else None) if v is not None)  # fmt: skip


@pytest.mark.parametrize(
    ("question", "lsl", "usl"),
    [
        ("what's the cpk of the pin diameter if the spec is between 11.95 and 12.05", 11.95, 12.05),
        ("Pin diameter has to be 12 +/- 0.04 mm, are we capable?", 11.96, 12.04),
        ("pin diameter capability, tolerance of 0.1 around a nominal of 12", 11.95, 12.05),
        ("can our lathes hold 12,00 ± 0,05 mm on the pin diameter?", 11.95, 12.05),
        ("are we able to meet a diameter spec of 11.95 min 12.05 max", 11.95, 12.05),
        (
            "how many ppm out of spec would we expect if the limits are 11.96 and 12.04",
            11.96,
            12.04,
        ),
        ("proecs caapbilty of the diameter, upper limit 12.03", None, 12.03),
        ("diameter must be at least 11.97 mm, what is Ppk", 11.97, None),
    ],
)
def test_capability_phrasings(pipe, question, lsl, usl):
    r = pipe.run(question, data=PINS)
    a = r.answer
    assert r.status == "answered" and a["family"] == "capability", (
        a.get("family"),
        a.get("missing"),
    )
    assert a["analysis"] == "capability"
    assert a["columns"] == ["Pin Diameter (mm)"]
    k = a["key_numbers"]
    assert k.get("lsl") == lsl and k.get("usl") == usl
    x = PINS["Pin Diameter (mm)"].to_numpy(float)
    assert k["Ppk"] == pytest.approx(_ppk(x, lsl, usl), rel=1e-9)
    if lsl is not None and usl is not None:
        assert k["Pp"] == pytest.approx((usl - lsl) / (6 * x.std(ddof=1)), rel=1e-9)


def test_capability_with_subgroups_in_words(pipe):
    r = pipe.run(
        "fill weight must be between 497 and 507 g - compute Cpk using the subgroups", data=JARS
    )
    a = r.answer
    assert r.status == "answered" and a["family"] == "capability"
    assert sorted(a["columns"]) == ["Net Weight (g)", "Subgroup"]
    k = a["key_numbers"]
    assert (k["lsl"], k["usl"]) == (497, 507)
    # within-subgroup sigma: pooled sd / c4(d + 1), d = 20 * 4 degrees of freedom
    g = JARS.groupby("Subgroup")["Net Weight (g)"]
    pooled = math.sqrt(((JARS["Net Weight (g)"] - g.transform("mean")) ** 2).sum() / 80)
    c4 = math.sqrt(2 / 80) * math.exp(math.lgamma(81 / 2) - math.lgamma(80 / 2))
    assert k["Cp"] == pytest.approx(10 / (6 * pooled / c4), rel=1e-6)


def test_capability_without_limits_asks_for_them(pipe):
    r = pipe.run("what's the cpk of the pin diameter", data=PINS)
    assert r.status == "needs_input" and r.answer["family"] == "capability"
    assert "specification limits" in str(r.answer["missing"])


# ---------------------------------------------------------------------------------------------
# control charts


@pytest.mark.parametrize(
    ("question", "data", "analysis", "columns"),
    [
        ("individuals chart for the pin diameter please", PINS, "chart_imr", ["Pin Diameter (mm)"]),
        ("is the diameter process stable? individuals and moving range chart", PINS, "chart_imr",
         ["Pin Diameter (mm)"]),
        ("xbar and r chart for net weight, subgroups of five", JARS, "chart_xbar_r",
         ["Net Weight (g)", "Subgroup"]),
        ("average and range chart of the jar weights", JARS, "chart_xbar_r",
         ["Net Weight (g)", "Subgroup"]),
        ("attribute chart for the defective rate per day", INSPECTION, "chart_p",
         ["Defective Units", "Units Inspected"]),
        ("control chart for the count of scratches", INSPECTION, "chart_c", ["Scratches/Panel"]),
        ("I need the c cnotrol chart for the scratches, plesae", INSPECTION, "chart_c",
         ["Scratches/Panel"]),
    ],
)  # fmt: skip
def test_chart_phrasings(pipe, question, data, analysis, columns):
    r = pipe.run(question, data=data)
    a = r.answer
    assert r.status == "answered" and a["family"] == "spc_chart", (
        a.get("family"),
        a.get("missing"),
    )
    assert a["analysis"] == analysis
    assert sorted(a["columns"]) == sorted(columns)
    k = a["key_numbers"]
    if analysis == "chart_imr":
        x = data[columns[0]].to_numpy(float)
        mr = np.abs(np.diff(x)).mean()
        assert k["center"] == pytest.approx(x.mean(), rel=1e-12)
        assert k["ucl"] == pytest.approx(x.mean() + 3 * mr / 1.128, rel=1e-3)  # d2(2) = 1.128
    if analysis == "chart_c":
        c = data[columns[0]].to_numpy(float).mean()
        assert k["center"] == pytest.approx(c) and k["ucl"] == pytest.approx(c + 3 * math.sqrt(c))
    if analysis == "chart_p":
        pbar = data["Defective Units"].sum() / data["Units Inspected"].sum()
        assert k["center"] == pytest.approx(pbar, rel=1e-9)


def test_np_chart_typed_with_a_slip(pipe):
    q = "Defectives found in daily sapmles of 200: 4, 6, 3, 5, 7, 4, 2, 5, 6, 14, 5, 4. np chart"
    r = pipe.run(q)
    a = r.answer
    assert r.status == "answered" and a["analysis"] == "chart_np"
    counts = np.array([4, 6, 3, 5, 7, 4, 2, 5, 6, 14, 5, 4], float)
    pbar = counts.mean() / 200
    assert a["key_numbers"]["center"] == pytest.approx(200 * pbar)
    assert a["key_numbers"]["ucl"] == pytest.approx(
        200 * pbar + 3 * math.sqrt(200 * pbar * (1 - pbar))
    )


# ---------------------------------------------------------------------------------------------
# gage studies


def _grr_reference(df: pd.DataFrame) -> dict[str, float]:
    """Crossed gage R&R variance components from statsmodels' ANOVA tables; an interaction
    with p >= 0.05 is pooled into repeatability (Minitab's "alpha to remove interaction")."""
    import statsmodels.api as sm
    import statsmodels.formula.api as smf

    d = df.rename(columns={"Housing": "p", "Inspector": "o", "Depth (mm)": "y"})
    t = sm.stats.anova_lm(smf.ols("y ~ C(p) * C(o)", data=d).fit(), typ=2)
    n_p, n_o, n_r = d["p"].nunique(), d["o"].nunique(), 3
    if t.loc["C(p):C(o)", "PR(>F)"] >= 0.05:
        t = sm.stats.anova_lm(smf.ols("y ~ C(p) + C(o)", data=d).fit(), typ=2)
        ms = t["sum_sq"] / t["df"]
        repeat, inter, denom = ms["Residual"], 0.0, ms["Residual"]
    else:
        ms = t["sum_sq"] / t["df"]
        repeat, denom = ms["Residual"], ms["C(p):C(o)"]
        inter = max(0.0, (denom - repeat) / n_r)
    oper = max(0.0, (ms["C(o)"] - denom) / (n_p * n_r))
    part = max(0.0, (ms["C(p)"] - denom) / (n_o * n_r))
    return {"repeat": repeat, "reprod": oper + inter, "part": part}


@pytest.mark.parametrize(
    "question",
    [
        "is our measurement system good enough?",
        "how much of the variation is the gauge?",
        "%GRR for depth",
        "number of distinct categories for the depth measurements",
        "is the measurement error acceptable compared to the part to part variation?",
        "are the inspectors measuring the same? variance components please",
        "How much of the variation in the depth readings is the micromeetr rather than the housings?",
        "gauge r and r study please",
    ],
)
def test_gage_phrasings(pipe, question):
    r = pipe.run(question, data=GAGE)
    a = r.answer
    assert r.status == "answered" and a["family"] == "measurement_system", (
        a.get("family"),
        a.get("missing"),
    )
    assert a["analysis"] == "gage_rr"
    assert a["columns"] == ["Housing", "Inspector", "Depth (mm)"]
    ref = _grr_reference(GAGE)
    k = a["key_numbers"]
    assert k["repeatability_var"] == pytest.approx(ref["repeat"], rel=1e-6)
    assert k["reproducibility_var"] == pytest.approx(ref["reprod"], rel=1e-6, abs=1e-12)
    assert k["part_var"] == pytest.approx(ref["part"], rel=1e-6)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("gage r&r, the housings are toleranced 25 ± 0.15 mm", 0.3),
        ("grr with spec 24.85 to 25.15", 0.3),
        ("msa, tolerance +/- 0.15", 0.3),
        ("%tol with a tolerance band of 0,3 mm", 0.3),
        ("gauge study, LSL 24.9 USL 25.1", 0.2),
        ("gage study of the depth", None),
    ],
)
def test_gage_tolerance_in_words(text, want):
    got = gage_tolerance(text, read_phrasing(text))
    assert got == (pytest.approx(want) if want is not None else None)


def test_gage_tolerance_reaches_the_answer(pipe):
    r = pipe.run("gauge repeatability & reproducibility for the depth, tol ±0.15 mm", data=GAGE)
    k = r.answer["key_numbers"]
    assert r.status == "answered" and k["tolerance"] == pytest.approx(0.3)
    total = k["repeatability_var"] + k["reproducibility_var"]
    assert k["pct_tolerance_grr"] == pytest.approx(100 * 6 * math.sqrt(total) / 0.3, rel=1e-6)


# ---------------------------------------------------------------------------------------------
# power and sample size


def _n_two_sample(d: float, power: float, alpha: float = 0.05) -> int:
    from statsmodels.stats.power import TTestIndPower

    return math.ceil(TTestIndPower().solve_power(effect_size=d, power=power, alpha=alpha))


def _power_two_sample(d: float, n: float, alpha: float = 0.05) -> float:
    from statsmodels.stats.power import TTestIndPower

    return TTestIndPower().power(effect_size=d, nobs1=n, alpha=alpha)


@pytest.mark.parametrize(
    ("question", "d", "power", "alpha"),
    [
        ("how many samples do I need to detect a shift of 2 units when sigma is 3? 80% power",
         2 / 3, 0.8, 0.05),
        ("sample size for a two sample t test, medium effect, 90% power", 0.5, 0.9, 0.05),
        ("I want a 90% chance to detect a difference of half a standard deviation between two "
         "machines. How many parts each?", 0.5, 0.9, 0.05),
        ("how many parts per group, beta of 0.2, effect size 0.5, at 95% confidence", 0.5, 0.8, 0.05),
        ("how many per group for d=0.5 with 80% power at 99% confidence", 0.5, 0.8, 0.01),
        ("samples needed to spot a 1.5 unit shift, sigma 2, 90 pct power", 0.75, 0.9, 0.05),
        ("How much sample I need for detect a difference of 5 gram bewteen two filling machine, "
         "the stnadard deviation is 8 gram, power 80 percent?", 5 / 8, 0.8, 0.05),
    ],
)  # fmt: skip
def test_sample_size_phrasings(pipe, question, d, power, alpha):
    r = pipe.run(question)
    a = r.answer
    assert r.status == "answered" and a["family"] == "power", (a.get("family"), a.get("missing"))
    k = a["key_numbers"]
    assert k["solved_for"] == "n"
    assert k["effect_size"] == pytest.approx(d) and k["power"] == power and k["alpha"] == alpha
    assert k["n"] == _n_two_sample(d, power, alpha)


@pytest.mark.parametrize(
    ("question", "d", "n"),
    [
        ("what power do I have with 12 per group for an effect size of 0.8?", 0.8, 12),
        ("we can only afford 8 samples per group; what's the probability of detecting a 1 sigma "
         "shift?", 1.0, 8),
        ("chance of detecting a difference of 4 with 10 per group if the standard deviation is 5",
         0.8, 10),
        ("If each group has 15 units, what's the power to detect a difference of two standard "
         "deviations?", 2.0, 15),
    ],
)  # fmt: skip
def test_power_phrasings(pipe, question, d, n):
    r = pipe.run(question)
    a = r.answer
    assert r.status == "answered" and a["family"] == "power", (a.get("family"), a.get("missing"))
    k = a["key_numbers"]
    assert k["solved_for"] == "power" and k["n"] == n
    assert k["power"] == pytest.approx(_power_two_sample(d, n), rel=1e-6)


def test_anova_power_in_words(pipe):
    from statsmodels.stats.power import FTestAnovaPower

    r = pipe.run("power for one way anova with 4 groups, 10 per group, f = 0.25")
    k = r.answer["key_numbers"]
    assert r.status == "answered" and r.answer["analysis"] == "power_anova"
    want = FTestAnovaPower().power(effect_size=0.25, nobs=40, alpha=0.05, k_groups=4)
    assert k["power"] == pytest.approx(want, rel=1e-4)


def test_power_reader_keeps_confidence_apart_from_power():
    r = read_power("a 95% confidence and 90% power, d 0.4, n?")
    assert (r["alpha"], r["power"], r["effect"], r["solve_for"]) == (0.05, 0.9, 0.4, "n")
    r = read_power("n per group for effect 0.5, power .9, significance 1%")
    assert (r["alpha"], r["power"], r["effect"]) == (0.01, 0.9, 0.5)


# ---------------------------------------------------------------------------------------------
# symbolic maths

X = sp.Symbol("x")


@pytest.mark.parametrize(
    ("question", "verb", "want"),
    [
        ("x squared times sine x, derivative", "derive", sp.diff(X**2 * sp.sin(X), X)),
        ("what is the antiderivative of 3x^2 + 2x", "integrate", X**3 + X**2),
        ("differentiate √x + π x²", "derive", sp.diff(sp.sqrt(X) + sp.pi * X**2, X)),
        ("d/dx of e to the x times cos x", "derive", sp.diff(sp.exp(X) * sp.cos(X), X)),
        ("integrate x² from 0 to 3", "integrate", sp.Integer(9)),
        ("itnegrat 1/(1+x^2) from 0 to 1", "integrate", sp.pi / 4),
        ("simlpfy (x^2 - 1)/(x - 1)", "simplify", X + 1),
        ("Find the limit of (1 + 1/x)^x as x goes to infiinty.", "limit", sp.E),
        ("derivitive of tan x", "derive", sp.diff(sp.tan(X), X)),
    ],
)
def test_symbolic_phrasings(pipe, question, verb, want):
    r = pipe.run(question)
    a = r.answer
    assert r.status == "answered" and a["family"] == "symbolic", (a.get("family"), a.get("missing"))
    assert a["analysis"] == verb
    got = sp.parse_expr(a["key_numbers"]["result"], local_dict={"x": X, "E": sp.E})
    assert sp.simplify(got - want) == 0


@pytest.mark.parametrize(
    ("question", "expr", "x0"),
    [
        ("slope of f(x) = x^3 - 2x at x = 2", X**3 - 2 * X, 2),
        ("rate of change of y = x^2 + 3x at x = 1", X**2 + 3 * X, 1),
        ("what is the gradient of y = e^x at x = 0?", sp.exp(X), 0),
    ],
)
def test_slope_at_a_point(pipe, question, expr, x0):
    r = pipe.run(question)
    a = r.answer
    assert r.status == "answered" and a["analysis"] == "derive"
    k = a["key_numbers"]
    assert k["at"] == x0
    assert k["value_at"] == pytest.approx(float(sp.diff(expr, X).subs(X, x0)))


def test_roots_in_words(pipe):
    r = pipe.run("where does x^2 - 5x + 6 equal zero?")
    assert r.status == "answered" and r.answer["analysis"] == "solve"
    got = sorted(float(v) for v in r.answer["key_numbers"]["numeric_solutions"])
    assert got == [float(v) for v in sorted(sp.solve(X**2 - 5 * X + 6, X))]


# ---------------------------------------------------------------------------------------------
# typing slips


def test_typing_slips_put_right():
    assert fix_typos("smaple size, effcet 0.5, stnadard deviation") == (
        "sample size, effect 0.5, standard deviation"
    )
    assert correct_word("micromeetr") == "micrometer"
    assert correct_word("porportions") == "proportions"
    # real words and inflections are left alone
    for w in ("simple", "interval", "squares", "measurements", "processes", "integrity", "trial"):
        assert correct_word(w) == w
    for w in ("production", "charges", "headings"):
        assert correct_word(w) == w  # two wrong letters, or one in a short word: another word


def test_cusum_and_ewma_settings_read_from_the_question(pipe):
    x = PINS["Pin Diameter (mm)"].to_numpy(float)
    sigma = np.abs(np.diff(x)).mean() / 1.128  # MR-bar / d2(2)
    r = pipe.run("cusum chart of the pin diameter with k = 0.25 and h = 4", data=PINS)
    assert r.status == "answered" and r.answer["analysis"] == "chart_cusum"
    assert r.answer["key_numbers"]["ucl"] == pytest.approx(4 * sigma, rel=1e-3)
    r = pipe.run("ewma of the pin diameter, lambda 0.1, 2.7 sigma limits", data=PINS)
    assert r.status == "answered" and r.answer["analysis"] == "chart_ewma"
    # EWMA limits: mean + L sigma sqrt(lambda / (2 - lambda) (1 - (1 - lambda)^(2i)))
    k = r.answer["key_numbers"]
    assert k["ucl"] == pytest.approx(x.mean() + 2.7 * sigma * 0.1, rel=1e-3)  # i = 1
    steady = x.mean() + 2.7 * sigma * math.sqrt(0.1 / 1.9)
    assert k["ucl_per_point"][-1] == pytest.approx(steady, rel=1e-3)


def test_a_polynomial_is_not_a_spec():
    assert spec_limits("factor x^2 - 5x + 6").as_slots() == {}
    assert spec_limits("Cpk for 502 g nominal, minus 5 plus 8").as_slots() == {
        "lsl": 497.0,
        "usl": 510.0,
        "target": 502.0,
    }


def test_partial_derivative_passes_its_audit(pipe):
    y = sp.Symbol("y")
    r = pipe.run("partial derivative of x^2*y + sin(x*y) wrt x")
    assert r.status == "answered" and r.answer["analysis"] == "derive"
    got = sp.parse_expr(r.answer["key_numbers"]["result"], local_dict={"x": X, "y": y})
    assert sp.simplify(got - sp.diff(X**2 * y + sp.sin(X * y), X)) == 0
