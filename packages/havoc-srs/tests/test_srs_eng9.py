"""eng9: classes of phrasing for symbolic maths, regression, designs and gage studies, each
with phrasings written for these tests (none copied from the corpus) and a near miss the rule
must not fire on."""

from __future__ import annotations

import pytest
from havoc_srs import Pipeline
from havoc_srs.families._latex import latex_request
from havoc_srs.families.symbolic import find_verb


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(index=False)


def _sym(pipe, q: str) -> tuple[str, str | None, str | None]:
    r = pipe.run(q)
    kn = r.answer.get("key_numbers") or {}
    return r.status, r.answer.get("analysis"), kn.get("result")


# -- class: a calculus task typeset in LaTeX (\frac{d}{dx}, \int_a^b ... dx, \lim_{x \to a})


@pytest.mark.parametrize(
    ("q", "verb", "result"),
    [
        (r"\frac{d}{dx}\left( x^2 \cos x \right)", "derive", "x*(-x*sin(x) + 2*cos(x))"),
        (r"Please evaluate $\int_{0}^{2} 3t^{2} \, dt$.", "integrate", "8"),
        (r"\int_1^{e} \frac{1}{x}\,\mathrm{d}x", "integrate", "1"),
        (r"What is $\lim_{h \to 0} \frac{\sin(3h)}{h}$?", "limit", "3"),
        (r"\dfrac{d^2}{dz^2} z^{4}", "derive", "12*z**2"),
        (r"simplify \frac{x^2 - 4}{x + 2}", "simplify", "x - 2"),
    ],
)
def test_latex_calculus(pipe, q, verb, result):
    status, analysis, got = _sym(pipe, q)
    assert (status, analysis) == ("answered", verb)
    assert str(got).replace(" ", "") == result.replace(" ", "")


def test_latex_reads_into_words():
    assert latex_request(r"\int_0^{\pi} \sin x \, dx") == "integrate sin x from 0 to pi dx"
    assert latex_request(r"\lim_{x \to 0^+} x \ln x") == "limit of x ln x as x -> 0 from the right"
    assert latex_request(r"\frac{\partial}{\partial y} (x y^2)").startswith("derivative of")


def test_latex_near_miss():
    # no LaTeX command: the plain words are left to the usual reader
    assert latex_request("integrate x^2 from 0 to 1") is None
    assert latex_request("the price per unit went from 10 to 12 over the year") is None


# -- class: solving asked as "at what x does ... equal ...", "find where ... = ..."


@pytest.mark.parametrize(
    "q",
    [
        "At what s does s^2 - 9 equal zero?",
        "Find where 3^x = 81.",
        "For what y is 4y + 1 equal to 13?",
        "Work out where ln(x) = 2.",
    ],
)
def test_solve_where_equal(pipe, q):
    status, analysis, _ = _sym(pipe, q)
    assert (status, analysis) == ("answered", "solve")


def test_solve_where_near_miss():
    # "find where" with no equality asks nothing to be solved
    assert find_verb("find where the largest reading is in this list") is None
    assert find_verb("at what time does the shift start") is None


# -- class: simplification asked as "lowest terms"


@pytest.mark.parametrize(
    "q",
    [
        "Write (x^2 - 25)/(x - 5) in lowest terms.",
        "Reduce (3x^2 + 6x)/(3x) to its lowest terms",
        "can you put (t^2 - 1)/(t + 1) into lowest terms",
    ],
)
def test_lowest_terms(pipe, q):
    status, analysis, _ = _sym(pipe, q)
    assert (status, analysis) == ("answered", "simplify")


def test_lowest_terms_near_miss():
    assert find_verb("the cost was the lowest in the terms of the contract") is None


# -- class: the area between a curve and the x-axis (the integral of that curve)


@pytest.mark.parametrize(
    ("q", "result"),
    [
        ("Find the area between y = 2x and the x-axis from x = 0 to x = 5.", "25"),
        ("area enclosed by 9 - x^2 and the x axis from -3 to 3", "36"),
        ("What's the area bounded by the graph of x^3 and the horizontal axis from 0 to 2?", "4"),
    ],
)
def test_area_to_axis(pipe, q, result):
    status, analysis, got = _sym(pipe, q)
    assert (status, analysis, str(got)) == ("answered", "integrate", result)


def test_area_between_two_curves_not_answered(pipe):
    # between two curves the integrand is their difference: never integrate one of them
    status, _, _ = _sym(pipe, "area between y = x^2 and y = x from 0 to 1")
    assert status != "answered"


# -- class: an equation in a named function of the grammar ("ln(x) = 2" is not a definition)


@pytest.mark.parametrize(
    ("q", "result"),
    [
        ("solve ln(x) = 3", "exp(3)"),
        ("Where does exp(t) = 4?  Solve for t.", "log(4)"),
        ("solve sqrt(x) = 7", "49"),
    ],
)
def test_function_equation_not_definition(pipe, q, result):
    status, analysis, got = _sym(pipe, q)
    assert (status, analysis, str(got)) == ("answered", "solve", result)


# -- class: a function defined by name, then used by name in the request


@pytest.mark.parametrize(
    ("q", "result"),
    [
        ("Let q(x) = x^2 - 9. Solve q(x) = 0.", "-3, 3"),
        ("With v(t) = 2t + 6, for what t is v(t) = 0?", "-3"),
        ("Given k(s) = s^2 + s, solve k(s) = 6 for s", "-3, 2"),
    ],
)
def test_defined_function_used_by_name(pipe, q, result):
    status, analysis, got = _sym(pipe, q)
    assert (status, analysis, str(got)) == ("answered", "solve", result)


def test_defined_function_near_miss(pipe):
    # the definition alone (no later call by name): its body is the expression, as before
    status, analysis, got = _sym(pipe, "m(x) = x^4, differentiate")
    assert (status, analysis, str(got)) == ("answered", "derive", "4*x**3")


# -- regression tables written for these tests


def _mill():
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(11)
    n = 32
    rpm = rng.uniform(800, 2400, n)
    feed = rng.uniform(0.05, 0.4, n)
    cool = rng.choice(["Y", "N"], n)
    ra = 0.4 + 0.0002 * rpm + 4 * feed + 0.3 * (cool == "N") + rng.normal(0, 0.05, n)
    return pd.DataFrame(
        {
            "Pass": range(1, n + 1),
            "Cutter speed (rpm)": rpm.round(0),
            "Feed (mm/tooth)": feed.round(3),
            "Coolant (Y/N)": cool,
            "Finish Ra (µm)": ra.round(3),
        }
    )


def _fit(pipe, q: str):
    r = pipe.run(q, data=_mill())
    kn = r.answer.get("key_numbers") or {}
    return r.status, r.answer.get("family"), str(kn.get("formula") or "")


# -- class: a control clause in a request for a model is a covariate, not a partial correlation


@pytest.mark.parametrize(
    ("q", "terms"),
    [
        ("Fit finish against feed, controlling for cutter speed.", ("feed", "cutter_speed")),
        ("Regress the finish on feed while adjusting for cutter speed", ("feed", "cutter_speed")),
        ("Model Ra from feed, controlling for the coolant.", ("feed", "coolant")),
    ],
)
def test_control_clause_is_a_covariate(pipe, q, terms):
    status, fam, formula = _fit(pipe, q)
    assert (status, fam) == ("answered", "regression")
    assert formula.startswith("finish_ra") and all(t in formula for t in terms)


def test_control_clause_near_miss(pipe):
    # a correlation asked with a control clause stays a partial correlation
    r = pipe.run("Is finish correlated with feed, controlling for cutter speed?", data=_mill())
    assert r.answer.get("family") == "correlation"


# -- class: a formula term written as the unit or a short word of its header


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("Ra ~ rpm + feed", {"finish_ra", "cutter_speed", "feed"}),
        ("Ra ~ rpm", {"finish_ra", "cutter_speed"}),
        ("lm(Ra ~ rpm)", {"finish_ra", "cutter_speed"}),
    ],
)
def test_formula_term_by_unit_or_token(pipe, q, want):
    status, fam, formula = _fit(pipe, q)
    assert (status, fam) == ("answered", "regression")
    assert formula.split(" ~ ")[0].startswith("finish_ra")
    assert all(any(w in part for part in formula.split()) for w in want)


def test_formula_unit_near_miss():
    from havoc_srs.families.regression import _by_token, _by_unit

    cols = ["Cutter speed (rpm)", "Spindle speed (rpm)", "Finish Ra (µm)"]
    assert _by_unit("rpm", cols) is None  # two headers of that unit: none chosen
    assert _by_unit("x", cols) is None  # a one-letter term is a variable
    assert _by_token("speed", cols) is None  # only short words, and only one header


# -- class: "what effect / slope does X have on Y": X is the input, Y the response


@pytest.mark.parametrize(
    "q",
    [
        "What effect does feed have on the finish?",
        "What slope does feed have on finish once we control for cutter speed?",
        "How big an influence does the feed exert upon the finish?",
    ],
)
def test_effect_of_x_on_y(pipe, q):
    status, fam, formula = _fit(pipe, q)
    assert (status, fam) == ("answered", "regression")
    assert formula.startswith("finish_ra") and "feed" in formula.split(" ~ ")[1]


def test_effect_on_near_miss_run_sheet(pipe):
    # on a two-level run sheet "what effect does A have on y" asks for the design's effects
    import pandas as pd

    sheet = pd.DataFrame(
        {
            "A": [-1, 1, -1, 1, -1, 1, -1, 1],
            "B": [-1, -1, 1, 1, -1, -1, 1, 1],
            "C": [-1, -1, -1, -1, 1, 1, 1, 1],
            "y": [20.1, 24.3, 21.0, 25.2, 20.6, 24.9, 21.4, 25.8],
        }
    )
    r = pipe.run("What effect does A have on y?", data=sheet)
    assert r.answer.get("family") == "doe_analysis"


# -- class: gage repeats side by side named by ordinals ("1st", "Second reading", "3")


@pytest.mark.parametrize(
    "names",
    [("1st", "2nd", "3rd"), ("First reading", "Second reading", "Third reading"), ("1", "2", "3")],
)
def test_gage_ordinal_repeat_columns(pipe, names):
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(5)
    rows = []
    for p in range(8):
        true = 5 + rng.normal(0, 0.4)
        for o in ("Kim", "Lee", "Max"):
            rows.append([f"P{p}", o, *(true + rng.normal(0, 0.03, 3)).round(3)])
    frame = pd.DataFrame(rows, columns=["Piece", "Measurer", *names])
    r = pipe.run("gage R&R on these readings please", data=frame)
    assert r.status == "answered" and r.answer.get("family") == "measurement_system"


def test_gage_repeat_key_near_miss():
    from havoc_srs.families.measurement_system import _repeat_key

    assert _repeat_key("Operator") is None
    assert _repeat_key("Second shift") == "#shift"  # an ordinal names a repeat only alike others
    assert _repeat_key("Diameter (mm)") is None


# -- designs: the plan alone (no execution needed to read the request)


def _design(q: str):
    from havoc_srs.families import doe_design
    from havoc_srs.phrasing import read_phrasing

    p = doe_design.plan(q, read_phrasing(q), None)
    return p.slots.get("kind"), p.slots.get("k"), p.slots.get("runs"), p.slots.get("resolution")


# -- class: the fraction named as a share ("quarter-fraction", "1/8 fraction", "one-eighth")


@pytest.mark.parametrize(
    ("q", "k", "runs"),
    [
        ("quarter-fraction layout for 6 factors", 6, 16),
        ("I'd like a 1/8 fraction with 8 factors", 8, 32),
        ("one-eighth fraction of a 2^7 please", 7, 16),
    ],
)
def test_fraction_as_share(q, k, runs):
    kind, kk, rr, _ = _design(q)
    assert (kind, kk, rr) == ("fractional", k, runs)


def test_fraction_share_near_miss():
    # "half the factors" is no fraction of the runs
    kind, k, _, _ = _design("full factorial on 4 factors; half the factors are temperatures")
    assert (kind, k) == ("full", 4)


# -- class: the resolution described by what it keeps apart


@pytest.mark.parametrize(
    ("q", "res"),
    [
        (
            "two-level design for 6 factors that keeps main effects free of two-factor interactions",
            4,
        ),
        ("5 factors, and I must be able to distinguish main effects and 2-way interactions", 4),
        ("7 factors; two-factor interactions must be unconfounded with one another", 5),
    ],
)
def test_resolution_in_words(q, res):
    kind, _, _, rr = _design(q)
    assert (kind, rr) == ("fractional", res)


def test_resolution_words_near_miss():
    kind, _, _, rr = _design("full factorial for 3 factors; report main effects and interactions")
    assert (kind, rr) == ("full", None)


# -- class: a count of settings per factor is not a count of factors


@pytest.mark.parametrize(
    ("q", "k"),
    [
        ("Plan runs varying speed, feed, depth and coolant at two settings each, 16 runs.", 4),
        ("Study pressure, time and temperature, two settings per factor, full factorial", 3),
        ("Five parameters at two settings each, full factorial", 5),
    ],
)
def test_settings_each_not_factor_count(q, k):
    kind, kk, _, _ = _design(q)
    assert (kind, kk) == ("full", k)


def test_settings_count_near_miss():
    # "four settings" with nothing per factor is the factor count
    assert _design("four settings to vary, full factorial")[1] == 4


# -- class: curvature to be modelled, with no design named: a response-surface design


@pytest.mark.parametrize(
    "q",
    [
        "Which plan for 3 factors lets us fit the curvature? generate it",
        "Two factors, and we must model the quadratic terms; lay out the runs",
        "design for 4 variables able to estimate second-order effects",
    ],
)
def test_curvature_model_is_response_surface(q):
    assert _design(q)[0] == "ccd"


def test_curvature_near_miss():
    # centre points to check curvature belong to a factorial; a named design is kept
    assert _design("full factorial, 3 factors, centre points to detect curvature")[0] == "full"
    assert _design("full factorial for 3 factors to model curvature")[0] == "full"


# -- class: inflected operation verbs ("solving", "solved") and number words up to the forties


@pytest.mark.parametrize(
    ("q", "verb"),
    [
        ("Solving 2^t = 64 for t, what do we get?", "solve"),
        ("I solved 5y - 3 = 12 by hand; check it", "solve"),
        ("Need help solving x^2 = 49", "solve"),
    ],
)
def test_solve_inflections(q, verb):
    assert find_verb(q) == verb


def test_solve_inflection_near_miss():
    assert find_verb("the solvent ratio is 3:1") is None


@pytest.mark.parametrize(
    ("q", "k"),
    [
        ("Eighteen candidate additives in a screening design", 18),
        ("Seventeen possible causes, screening study in twenty runs", 17),
        ("a screening design for nineteen factors", 19),
    ],
)
def test_factor_count_number_words(q, k):
    assert _design(q)[1] == k


# -- class: the F test of a fitted model is not a variance-ratio test


@pytest.mark.parametrize(
    "q",
    [
        "Regress finish on feed and give the F test for the regression.",
        "Fit finish vs feed: coefficients, R² and the F test please",
        "Model finish from feed and report the overall F statistic",
    ],
)
def test_model_f_test_is_regression(pipe, q):
    status, fam, _ = _fit(pipe, q)
    assert (status, fam) == ("answered", "regression")


def test_model_f_near_miss(pipe):
    r = pipe.run("F test: is the finish spread the same with and without coolant?", data=_mill())
    assert r.answer.get("family") == "variance"


# -- class: a gage study described as the same parts measured repeatedly by several people


@pytest.mark.parametrize(
    "q",
    [
        "Kim, Lee and Max each measured the same eight pieces three times. Is the spread us or the gauge?",
        "We all checked the same parts twice; how much of the variation is the people?",
        "Same pieces measured three times by each of us - where does the variation come from?",
    ],
)
def test_gage_described_as_repeats(pipe, q):
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(9)
    rows = []
    for p in range(8):
        true = 12 + rng.normal(0, 0.5)
        for o in ("Kim", "Lee", "Max"):
            for t in (1, 2, 3):
                rows.append([f"P{p}", o, t, round(true + rng.normal(0, 0.04), 3)])
    frame = pd.DataFrame(rows, columns=["Piece", "Person", "Trial", "Length (mm)"])
    r = pipe.run(q, data=frame)
    assert r.answer.get("family") == "measurement_system"


def test_gage_repeats_near_miss():
    from havoc_srs.mode import decide_mode
    from havoc_srs.phrasing import Phrasing

    # the same parts measured is the study; "the same as last time" is not
    m = decide_mode(
        "Is the average the same as last time? Three times the batch size.", Phrasing(), None
    )
    assert m.scores.get("measurement_system", 0.0) < 2


# -- class: a run sheet called "the experiment": a model asked of it is the design's own model


def _sheet():
    import pandas as pd

    return pd.DataFrame(
        {
            "Temp": [-1, 1, -1, 1, -1, 1, -1, 1],
            "Time": [-1, -1, 1, 1, -1, -1, 1, 1],
            "Catalyst": [-1, -1, -1, -1, 1, 1, 1, 1],
            "Yield": [60.2, 71.9, 62.0, 74.1, 60.8, 72.5, 63.1, 75.0],
        }
    )


@pytest.mark.parametrize(
    "q",
    [
        "In the experiment, can catalyst be dropped from the model for yield?",
        "Model yield from the designed runs and tell me which settings matter",
        "From our yield experiments, fit the model and drop what does not matter",
    ],
)
def test_experiment_run_sheet_is_doe(pipe, q):
    assert pipe.run(q, data=_sheet()).answer.get("family") == "doe_analysis"


def test_experiment_near_miss(pipe):
    # not a run sheet: "the experiment" of measured inputs stays a regression
    status, fam, _ = _fit(pipe, "From the machining experiment, model finish from feed")
    assert (status, fam) == ("answered", "regression")
