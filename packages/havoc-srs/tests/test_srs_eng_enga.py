"""Power and symbolic requests in plain, terse and misspelled wording, end to end, checked
against statsmodels and hand-built sympy (phrasings written for these tests)."""

from __future__ import annotations

import math

import pytest
import sympy
from havoc_srs import Pipeline
from havoc_srs.families import power as power_family
from havoc_srs.families import symbolic as symbolic_family
from havoc_tools.symbolic import parse_expression
from statsmodels.stats.power import FTestAnovaPower, NormalIndPower, TTestIndPower, TTestPower
from statsmodels.stats.proportion import proportion_effectsize


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(index=False)


def _power(pipe, question):
    r = pipe.run(question)
    assert r.answer["family"] == "power", (question, r.answer.get("family"))
    assert r.status == "answered", (question, r.answer.get("missing"))
    return r.answer["key_numbers"]


def test_sample_size_for_a_fraction_of_a_standard_deviation(pipe):
    k = _power(pipe, "how many bolts per batch to pick up a shift of a quarter of a standard "
                     "deviation with 85% power?")  # fmt: skip
    want = TTestIndPower().solve_power(effect_size=0.25, power=0.85, alpha=0.05)
    assert k["solved_for"] == "n" and k["effect_size"] == pytest.approx(0.25)
    assert k["n"] == math.ceil(want) and k["power"] >= 0.85


def test_terse_misspelled_power_with_delta_and_sigma(pipe):
    k = _power(pipe, "pwr check: 18 per arm, delta 3, sigma 4")
    assert k["solved_for"] == "power" and k["n"] == 18
    want = TTestIndPower().power(effect_size=0.75, nobs1=18, alpha=0.05)
    assert k["power"] == pytest.approx(want, rel=1e-4)


def test_two_rates_apart_is_a_two_proportion_power(pipe):
    k = _power(pipe, "Will 40 welds from each cell be enough to tell a 5% reject rate apart "
                     "from a 12% one?")  # fmt: skip
    h = abs(proportion_effectsize(0.05, 0.12))
    want = NormalIndPower().power(effect_size=h, nobs1=40, alpha=0.05)
    assert k["solved_for"] == "power" and k["power"] == pytest.approx(want, rel=1e-3)


def test_paired_power_from_pairs_and_sd_of_differences(pipe):
    k = _power(pipe, "paired design, 10 pairs, average difference 0.8 with an sd of the "
                     "differences of 1.1: what power do we have?")  # fmt: skip
    want = TTestPower().power(effect_size=0.8 / 1.1, nobs=10, alpha=0.05)
    assert k["power"] == pytest.approx(want, rel=1e-4)


def test_anova_sample_size_with_groups_in_words(pipe):
    k = _power(pipe, "sample size for ANOVA with four machines, Cohen's f = 0.35, 90% power")
    want = FTestAnovaPower().solve_power(effect_size=0.35, k_groups=4, power=0.9, alpha=0.05)
    # statsmodels solves for the total N; ours is per group
    assert k["n"] == math.ceil(want / 4)


def test_one_sample_from_a_shift_above_the_target(pipe):
    k = _power(pipe, "How many coupons must we measure to show the coating sits 1.5 um over "
                     "the target when the spread is 3 um, 80% sure, at the 1% level?")  # fmt: skip
    want = TTestPower().solve_power(effect_size=0.5, power=0.8, alpha=0.01)
    assert k["alpha"] == pytest.approx(0.01) and k["n"] == math.ceil(want)


def test_power_without_an_effect_asks_for_it(pipe):
    r = pipe.run("How many parts per group do we need for the trial?")
    assert r.answer["family"] == "power" and r.status == "needs_input"


def test_reader_keeps_rates_apart_from_power_and_alpha():
    r = power_family.read_power("n for p1 = 0.2 vs p2 = 0.35 at 90 percent power, alpha 0.1")
    assert (r["p1"], r["p2"], r["power"], r["alpha"], r["solve_for"]) == (0.2, 0.35, 0.9, 0.1, "n")
    r = power_family.read_power("what power with 14 per group for a 2-sigma gap")
    assert (r["effect"], r["n"], r["solve_for"]) == (2.0, 14, "power")


def test_counts_to_compare_are_not_a_power_request():
    q = "Line A rejected 14 of 520 and line B 29 of 610; is line B's reject rate different?"
    assert power_family.mode_cue(q, has_data=False) == 0.0


# ---- symbolic --------------------------------------------------------------------------------

y, t, x, r_ = sympy.symbols("y t x r")


def _sym(pipe, question, verb):
    r = pipe.run(question)
    a = r.answer
    assert a["family"] == "symbolic", (question, a.get("family"))
    assert r.status == "answered", (question, a.get("missing"))
    assert a["analysis"] == verb
    return a["key_numbers"]


@pytest.mark.parametrize(
    ("question", "verb", "expected"),
    [
        ("diferentiate y^3 ln y", "derive", sympy.diff(y**3 * sympy.log(y), y)),
        ("how quickly does the area A(r) = pi r^2 change with r", "derive", 2 * sympy.pi * r_),
        ("simplyfy (t^2 - 9)/(t + 3)", "simplify", t - 3),
        ("could you make this simpler: 2(x + 1) - 2x", "simplify", sympy.Integer(2)),
        ("intergrate t e^-t from zero to infinity", "integrate", sympy.Integer(1)),
        ("whats the area under 3x^2 between 0 and 2", "integrate", sympy.Integer(8)),
        ("limit of sin 2x over x as x approaches 0", "limit", sympy.Integer(2)),
    ],
)
def test_symbolic_plain_wording(pipe, question, verb, expected):
    k = _sym(pipe, question, verb)
    got = parse_expression(k["result"].replace("**", "^"))
    assert sympy.simplify(got - expected) == 0


def test_solve_from_words_for_equals(pipe):
    k = _sym(pipe, "which t makes 4t - 9 equal to 11?", "solve")
    assert [float(v) for v in k["numeric_solutions"]] == [5.0]


def test_find_verb_by_stem_typo_and_wording():
    fv = symbolic_family.find_verb
    assert fv("antiderivative of 2x") == "integrate"
    assert fv("derivitive of x^2") == "derive"
    assert fv("for what value of y is 2y + 1 = 9") == "solve"
    assert fv("integrate from the lower limit 0 to the upper limit 1") == "integrate"
    assert fv("what is the mean of the diameters") is None


def test_reader_beta_variance_two_means_and_named_sizes():
    r = power_family.read_power("n1 = n2 = 16, means of 40 and 43, variance 36, beta 0.25")
    assert (r["n"], r["difference"], r["sd"], r["power"]) == (16, 3.0, 6.0, 0.75)
    r = power_family.read_power("per-line sample size for a large effect, 3 lines, anova")
    assert r["effect_f"] == 0.4 and r["solve_for"] == "n"
    r = power_family.read_power("how big should each group be for d = 0.6 at 90% power")
    assert (r["effect"], r["power"], r["solve_for"]) == (0.6, 0.9, "n")


@pytest.mark.parametrize(
    ("question", "verb", "expected"),
    [
        ("Find dz/dt for z = t^4 - 3t", "derive", 4 * t**3 - 3),
        ("where does y^2 - 5y + 4 cross zero?", "solve", {1.0, 4.0}),
        ("what does (3t + 2)/(t - 1) approach as t grows without bound", "limit", 3),
        ("lim t→0 (e^t - 1)/t", "limit", 1),
        ("reduce (y^2 + 2y + 1)/(y + 1)", "simplify", y + 1),
    ],
)
def test_symbolic_more_wordings(pipe, question, verb, expected):
    k = _sym(pipe, question, verb)
    if verb == "solve":
        assert {float(v) for v in k["numeric_solutions"]} == expected
    else:
        got = parse_expression(k["result"].replace("**", "^"))
        assert sympy.simplify(got - expected) == 0
