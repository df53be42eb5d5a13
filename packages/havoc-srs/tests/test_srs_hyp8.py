"""Test and power questions in wording the readers missed (hyp8). The phrasings and tables
were written for these tests, not copied from the corpus; each rule has a case where it must
not fire."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.reader.foreign import language, to_english
from scipy import stats
from statsmodels.stats.power import TTestIndPower

RNG = np.random.default_rng(8088)


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(index=False)


def _ask(pipe, question, data=None, family="hypothesis_test", analysis=None):
    r = pipe.run(question, data=data)
    a = r.answer
    assert a["family"] == family, (question, a["family"])
    assert r.status == "answered", (question, r.status, a.get("missing"), a.get("conclusion"))
    if analysis is not None:
        assert a["analysis"] == analysis, (question, a["analysis"])
    return a


# ---- the test and power glossary, now part of reader/foreign.py ----------------------------


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("¿Cuántas piezas por grupo necesitamos para detectar 0,4 desviaciones estándar?",
         ["how many", "per group", "need", "detect", "0.4 standard deviations"]),
        ("Wie viele Proben pro Arm brauchen wir bei einer Power von 90 %?",
         ["how many samples", "per arm", "need"]),
        ("Combien d'essais par groupe pour détecter un demi-écart type ?",
         ["how many", "per group", "detect", "half a standard deviation"]),
        ("Quanti campioni per gruppo servono per rilevare una differenza di 0,3?",
         ["how many samples", "per group", "detect", "0.3"]),
        ("Quantas amostras por grupo para detectar meio desvio padrão?",
         ["how many samples", "per group", "half a standard deviation"]),
        ("¿La media de las dos líneas es diferente? Use una prueba t pareada.",
         ["paired t-test", "different"]),
        ("Vergleiche die Ausbeute der Linien mit einem Welch-Test.", ["yield", "welch t-test"]),
    ],
)  # fmt: skip
def test_power_and_test_words_read_in_english(question, words):
    english = to_english(question).lower()
    for w in words:
        assert w in english, (w, english)


def test_romance_adjective_after_its_noun_goes_before_it():
    assert "internal resistance" in to_english(
        "¿Es diferente la resistencia interna de las celdas?"
    )
    assert "mean hardness" in to_english("La dureza media de los lotes es mayor que 60?")
    assert "mean temperature" in to_english("La temperatura media du four est-elle égale à 200 ?")
    # German writes its adjectives first: nothing moved
    assert "mean" not in to_english("Ist der Widerstand gleich? Mittel und Streuung bitte.")


def test_a_capital_letter_label_is_not_the_preposition_a():
    english = to_english("¿Es la línea A más rápida que la línea B?")
    assert "line A" in english and "line B" in english
    # the preposition "a", lower case, is still read as a word
    assert "to" in to_english("Compara el peso de la línea 1 a la línea 2, por favor")


def test_english_questions_are_left_alone():
    for q in (
        "how many per group for a 0.5 sd shift? values 2,4,6",
        "Is line A different from line B?",
        "power of a t test with 20 per arm",
    ):
        assert language(q) is None and to_english(q) is None


@pytest.mark.parametrize(
    ("question", "effect", "power"),
    [
        ("¿Cuántas piezas por grupo necesitamos para detectar 0,5 desviaciones estándar con "
         "una potencia del 90 %?", 0.5, 0.9),
        ("Quanti campioni per gruppo servono per rilevare mezza deviazione standard con potenza "
         "dell'80 %?", 0.5, 0.8),
    ],
)  # fmt: skip
def test_sample_size_in_another_language_runs(pipe, question, effect, power):
    a = _ask(pipe, question, family="power")
    k = a["key_numbers"]
    assert k["solved_for"] == "n"
    assert k["effect_size"] == pytest.approx(effect)
    want = TTestIndPower().solve_power(effect_size=effect, power=power, alpha=0.05)
    assert k["n"] == int(np.ceil(want))


def test_paired_test_asked_in_spanish(pipe):
    before = RNG.normal(50, 2, 15)
    d = pd.DataFrame({"Antes": before, "Despues": before - RNG.normal(0.8, 0.5, 15)})
    a = _ask(pipe, "¿Hay diferencia entre antes y después? Prueba t pareada.", d,
             analysis="ttest_paired")  # fmt: skip
    want = stats.ttest_rel(d["Antes"], d["Despues"])
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


# ---- a comparative names the quality a column measures ("weaker" -> a force column) -------


@pytest.mark.parametrize(
    ("question", "cols", "want"),
    [
        ("do the welds from robot 2 come out weaker?", ["Bead width mm", "Peel load (N)"],
         "Peel load (N)"),
        ("are the bags filled on the night shift heavier?", ["Seal temp", "Bag mass g"], "Bag mass g"),
        ("is oven B running hotter than oven A?", ["Dwell s", "Zone_Temp_C"], "Zone_Temp_C"),
        ("which resin gives the stiffer coupons?", ["Flex modulus GPa", "Void %"],
         "Flex modulus GPa"),
        ("is the new film thinner?", ["Haze %", "Thickness um"], "Thickness um"),
    ],
)  # fmt: skip
def test_comparative_names_the_column_measuring_its_quality(question, cols, want):
    from havoc_srs.reader.scales import dimension_column

    assert dimension_column(question, cols) == want


def test_comparative_without_a_matching_column_names_none():
    from havoc_srs.reader.scales import dimension_column

    # "longer" is a length or a time: no rule; two force columns: no choice
    assert dimension_column("is line 2 longer?", ["Length mm", "Cycle time s"]) is None
    assert dimension_column("are they weaker?", ["Peel force N", "Shear force N"]) is None
    # "elongation at break" measures ductility, not strength
    assert dimension_column("is it stronger?", ["Elongation at break %", "Width mm"]) is None


def test_weaker_units_compared_on_the_force_column(pipe):
    d = pd.DataFrame(
        {
            "Seam": range(40),
            "Welder": ["W1"] * 20 + ["W2"] * 20,
            "Seam width mm": RNG.normal(6, 0.2, 40),
            "Peel force N": np.r_[RNG.normal(120, 6, 20), RNG.normal(114, 6, 20)],
        }
    )
    a = _ask(pipe, "Are the seams from welder W2 weaker than the W1 seams?", d)
    assert sorted(a["columns"]) == ["Peel force N", "Welder"]
    assert a["key_numbers"]["alternative"] == "less"
    w1 = d.loc[d.Welder == "W1", "Peel force N"]
    w2 = d.loc[d.Welder == "W2", "Peel force N"]
    want = stats.ttest_ind(w2, w1, equal_var=False, alternative="less")
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


# ---- alpha said as the level a finding holds or stands at ---------------------------------


@pytest.mark.parametrize(
    ("question", "alpha"),
    [
        ("is press 2 really worse? tell me whether that holds at 1%", 0.01),
        ("does the difference stand up at 10%?", 0.10),
        ("run it at the 2.5% level", 0.025),
        ("a 1 % significance test, please", 0.01),
    ],
)
def test_alpha_as_the_level_a_finding_holds_at(question, alpha):
    from havoc_srs.families._hypothesis_words import alpha_in_words

    assert alpha_in_words(question) == pytest.approx(alpha)


def test_a_rate_at_a_percentage_is_not_alpha():
    from havoc_srs.families._hypothesis_words import alpha_in_words

    assert alpha_in_words("is the scrap rate at 5%?") is None
    assert alpha_in_words("at a 95% confidence level") == pytest.approx(0.05)  # confidence


# ---- a comparative whose 'than' names one of two samples -----------------------------------


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("since the new seals went in, are leak readings any lower than before?",
         ("Leak after", "Leak before", "less")),
        ("after the rebuild the values came out higher than they did before, right?",
         ("Leak after", "Leak before", "greater")),
        ("we fitted new seals; is the leak rate now smaller than before the change?",
         ("Leak after", "Leak before", "less")),
    ],
)  # fmt: skip
def test_than_names_one_sample_and_the_other_is_the_subject(question, want):
    from havoc_srs.families._hypothesis_words import ordered_comparison

    assert ordered_comparison(question, ["Leak before", "Leak after"]) == want


def test_than_with_no_sample_or_both_ways_gives_no_order():
    from havoc_srs.families._hypothesis_words import ordered_comparison

    labels = ["Leak before", "Leak after"]
    assert ordered_comparison("is it higher or lower than before?", labels) is None
    assert ordered_comparison("are both lower than 5 ppm?", labels) is None


# ---- power: fractions in words, group counts by the 'per' noun, a given sample size --------


@pytest.mark.parametrize(
    ("question", "effect"),
    [
        ("how many per group to detect a third of a standard deviation at 80% power?", 0.3333),
        ("n per arm for two thirds of an sd, 90% power", 0.6667),
        ("how many runs to catch a shift of one and a half sigma with 95% power?", 1.5),
        ("sample size to see a quarter of a standard deviation, power 0.8", 0.25),
    ],
)
def test_fraction_of_a_standard_deviation_in_words(question, effect):
    from havoc_srs.families.power import read_power

    assert read_power(question)["effect"] == pytest.approx(effect)


def test_ordinal_words_are_not_fractions():
    from havoc_srs.families.power import _words_to_numbers

    assert _words_to_numbers("the third shift of a plant") == "the third shift of a plant"
    assert "half of the parts" in _words_to_numbers("half of the parts failed")


@pytest.mark.parametrize(
    ("question", "k"),
    [
        ("one-way anova: how many castings per mould if we have 5 moulds, f = 0.25, 80% power?", 5),
        ("anova over 3 kilns with cohen's f 0.4 and 90% power: bricks per kiln?", 3),
        ("we compare 6 nozzles by anova; how many prints from each nozzle for f = 0.3?", 6),
    ],
)
def test_anova_group_count_is_the_count_of_the_per_noun(question, k):
    from havoc_srs.families.power import read_power

    assert read_power(question)["k"] == k


def test_per_noun_count_needs_an_anova():
    from havoc_srs.families.power import read_power

    # a two-sample question: the "4 fillers" the plant runs are no group count here
    assert "k" not in read_power("bottles per filler for d = 0.5 at 80% power? we run 4 fillers")


@pytest.mark.parametrize(
    "question",
    [
        "Power and Sample Size > 2-Sample t: sample sizes 12, differences 1, standard deviation 2. "
        "Power?",
        "sample size: 12 per group, delta 1, sd 2 -- what power?",
        "with a sample size of 12 in each group and a 1 unit difference (sd 2), what's the power?",
    ],
)
def test_a_given_sample_size_is_not_the_question(question):
    from havoc_srs.families.power import read_power

    r = read_power(question)
    assert r["solve_for"] == "power" and r["n"] == 12


def test_a_sample_size_asked_is_still_asked():
    from havoc_srs.families.power import read_power

    assert read_power("what sample size for d = 0.5 and 80% power?")["solve_for"] == "n"
    assert read_power("power and sample size: d = 0.5, 90% power")["solve_for"] == "n"


def test_the_usual_power_is_not_alpha():
    from havoc_srs.families.power import read_power

    r = read_power("with the usual 80% power and 5% significance, how many per arm for d = 0.4?")
    assert r["power"] == pytest.approx(0.8) and r["alpha"] == pytest.approx(0.05)


# ---- "X vs <number>": a column held against a value, not two samples ------------------------


def _two_ppm_columns():
    return pd.DataFrame(
        {
            "Batch": range(30),
            "Inlet Fe ppm": RNG.normal(3.0, 0.4, 30),
            "Iron (ppm)": RNG.normal(0.52, 0.05, 30),
        }
    )


@pytest.mark.parametrize(
    "question",
    ["t-test, iron vs 0.5 ppm", "iron versus .5 ppm -- one-sample t please",
     "one-sample t of the iron vs 0.5 ppm"],
)  # fmt: skip
def test_a_column_versus_a_value_is_one_sample(pipe, question):
    d = _two_ppm_columns()
    a = _ask(pipe, question, d, analysis="ttest_1samp")
    assert a["columns"] == ["Iron (ppm)"]
    want = stats.ttest_1samp(d["Iron (ppm)"], 0.5)
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


def test_a_column_versus_a_column_is_still_two_samples(pipe):
    d = _two_ppm_columns()
    a = _ask(pipe, "paired t-test: inlet fe vs iron", d, analysis="ttest_paired")
    assert sorted(a["columns"]) == ["Inlet Fe ppm", "Iron (ppm)"]


# ---- "more big than": a short adjective compared with "more" --------------------------------


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("is the mean of the bolts more long than 40 mm?", "longer than 40"),
        ("the new tips wear more fast than the old ones", "faster than"),
        ("are the coupons from oven 2 more strong?", "stronger"),
    ],
)
def test_more_with_a_short_adjective_is_its_comparative(question, want):
    from havoc_srs.families._hypothesis_words import plain_comparatives

    assert want in plain_comparatives(question)


def test_more_with_a_long_adjective_or_adverb_stays():
    from havoc_srs.families._hypothesis_words import plain_comparatives

    for q in ("is supplier b more reliable?", "do rejects happen more often at night?",
              "is it more high-pressure than before?"):  # fmt: skip
        assert plain_comparatives(q) == q


def test_more_big_than_a_value_is_one_sided(pipe):
    d = pd.DataFrame({"Bottle": range(25), "Net vol [ml]": RNG.normal(501, 2, 25)})
    a = _ask(pipe, "The mean of the bottle volume is more big than 500 ml? Only one side.", d,
             analysis="ttest_1samp")  # fmt: skip
    assert a["key_numbers"]["alternative"] == "greater"
    want = stats.ttest_1samp(d["Net vol [ml]"], 500, alternative="greater")
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


# ---- a gerund naming a measured column by its stem ("the filling" of Fill wt) ---------------


@pytest.mark.parametrize(
    ("question", "header"),
    [
        ("is the mean of the tube bending more than 30 degrees?", "Bend angle deg"),
        ("average panel plating above 12 um?", "Plate thk um"),
        ("mean of the carton sealing different from 180?", "Seal temp C"),
    ],
)
def test_gerund_names_the_measured_column(question, header):
    from havoc_srs.data import load_data
    from havoc_srs.reader.named import named_gaps

    ds = load_data(pd.DataFrame({"Unit": range(10), header: RNG.normal(20, 1, 10)}))
    assert named_gaps(question, ds) == []


def test_gerund_with_no_column_of_its_stem_is_still_a_gap():
    from havoc_srs.data import load_data
    from havoc_srs.reader.named import named_gaps

    ds = load_data(pd.DataFrame({"Unit": range(10), "Fill wt [mg]": RNG.normal(20, 1, 10)}))
    assert named_gaps("is the mean of the vial coating above 12?", ds) != []


# ---- a level with a decimal comma in an English question ------------------------------------


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("Kruskal-Wallis of torque by spindle, alpha = 0,01", "alpha = 0.01"),
        ("sample size for d = 0.5 with power 0,9?", "power 0.9"),
        ("is it significant at a significance level of 0,1?", "significance level of 0.1"),
        ("report it if p < 0,05", "p < 0.05"),
    ],
)
def test_level_with_a_decimal_comma(question, want):
    from havoc_srs.reader.foreign import level_commas

    assert want in level_commas(question)


def test_lists_and_other_numbers_keep_their_commas():
    from havoc_srs.reader.foreign import level_commas

    for q in ("factor levels 0,1,2", "the readings 0,5 and 0,7", "alpha 0,05,0,01 both"):
        assert level_commas(q) == q


def test_anova_with_a_decimal_comma_alpha_runs(pipe):
    d = pd.DataFrame(
        {"Spindle": np.repeat(["S1", "S2", "S3"], 10), "Torque Nm": RNG.normal(12, 0.5, 30)}
    )
    a = _ask(pipe, "One-way ANOVA of torque by spindle, α = 0,01.", d, analysis="anova")
    assert a["key_numbers"]["alpha"] == pytest.approx(0.01)


# ---- power: unit letters, shared percent signs, hyphenated halves, risk, "how likely" -----


def test_a_unit_n_after_a_number_is_not_n_asked():
    from havoc_srs.families.power import read_power

    r = read_power("groups of n = 15, sd 4 N: what power for a true difference of 3 N?")
    assert r["solve_for"] == "power" and r["n"] == 15
    r = read_power("n = 15 each, sd 4 kN, difference 3.0 kN, power?")
    assert r["solve_for"] == "power"
    # "n?" itself still asks the sample size
    assert read_power("sd 4, difference 3, 90% power, n?")["solve_for"] == "n"


@pytest.mark.parametrize(
    ("question", "p1", "p2"),
    [
        ("40 per arm, pass rate 70 versus 85 percent: what power?", 0.70, 0.85),
        ("how many per arm to see yield go from 76 to 82%?", 0.76, 0.82),
        ("30 units per line, defect rate 10 vs 4%, what is the power?", 0.10, 0.04),
    ],
)
def test_one_percent_sign_for_two_rates(question, p1, p2):
    from havoc_srs.families.power import read_power

    r = read_power(question)
    assert (r["p1"], r["p2"]) == (pytest.approx(p1), pytest.approx(p2))


def test_a_count_before_a_percentage_stays_a_count():
    from havoc_srs.families.power import _words_to_numbers

    assert _words_to_numbers("n = 20 and 80% power") == "n = 20 and 80% power"


@pytest.mark.parametrize(
    ("question", "alpha"),
    [
        ("30 per group, a half-sigma shift, 1% risk: enough?", 0.01),
        ("how many per arm for half sd, 90% power, a 5% false-alarm risk?", 0.05),
        ("d = 0.4, 10% risk, 80% power -- n per group?", 0.10),
    ],
)
def test_risk_of_a_false_alarm_is_alpha(question, alpha):
    from havoc_srs.families.power import read_power

    assert read_power(question)["alpha"] == pytest.approx(alpha)


def test_risk_of_missing_it_is_not_alpha():
    from havoc_srs.families.power import read_power

    assert "alpha" not in read_power("d = 0.4 and a 10% risk of missing it: n per group?")


@pytest.mark.parametrize(
    "question",
    [
        "20 parts per press, d = 0.6: how likely is the test to detect it?",
        "how probable is our comparison to pick up a 2 mm shift with 10 per line, sd 3 mm?",
        "with 15 per arm and d = 0.8, how likely is a t-test to catch it?",
    ],
)
def test_how_likely_is_the_test_to_detect_asks_power(pipe, question):
    a = _ask(pipe, question, family="power")
    assert a["key_numbers"]["solved_for"] == "power"


# ---- two settings of a numeric column named by value and unit as the groups ----------------


def _cure_table():
    temp = np.tile([150, 165, 180], 12)
    return pd.DataFrame(
        {
            "Cure temp (°C)": temp,
            "Cure time_min": np.repeat([10, 20, 30, 40], 9),
            "Peel strength N": RNG.normal(40, 2, 36) + 0.05 * (temp - 150),
        }
    )


@pytest.mark.parametrize(
    ("question", "levels"),
    [
        ("peel strength: 150 °C cure vs 180 °C cure, t-test", (150, 180)),
        ("is the peel strength different between a 10 min cure and a 40 min cure?", (10, 40)),
        ("t-test of peel strength, parts cured 20 minutes against 30 minutes", (20, 30)),
    ],
)
def test_settings_named_by_value_and_unit_are_the_groups(pipe, question, levels):
    d = _cure_table()
    a = _ask(pipe, question, d)
    assert a["analysis"] in ("ttest_welch", "ttest_pooled")
    g = next(c for c in a["columns"] if c != "Peel strength N")
    x = d.loc[d[g] == levels[0], "Peel strength N"]
    y = d.loc[d[g] == levels[1], "Peel strength N"]
    want = stats.ttest_ind(x, y, equal_var=a["analysis"] == "ttest_pooled")
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


def test_one_setting_named_is_not_a_group_column():
    from havoc_srs.data import load_data
    from havoc_srs.families.hypothesis_test import _settings_named

    ds = load_data(_cure_table())
    cols = ["Cure temp (°C)", "Cure time_min"]
    assert _settings_named("at 150 °c, is the peel strength above 40 n?", ds, cols) == []
    assert _settings_named("is the peel strength above 150 or 180?", ds, cols) == []  # no unit


# ---- test words mistyped, "across every X", a wall for its thickness ------------------------


def _reels():
    rng = np.random.default_rng(61)
    fails = np.zeros(60, bool)
    fails[[3, 11, 25, 44, 47, 58]] = True  # failures on every line
    return pd.DataFrame(
        {
            "Reel": [f"R{i}" for i in range(60)],
            "Line": np.repeat(["L1", "L2", "L3"], 20),
            "HV test": np.where(fails, "FAIL", "PASS"),
            "Jacket thk (mm)": rng.normal(1.21, 0.04, 60),
        }
    )


@pytest.mark.parametrize(
    "question",
    ["hv test fail rate overal -- is it differnt from 5%?",
     "is the overall hv test failure proportion diferent from 5 %?",
     "the overal fail rate of the hv test, significnt vs 5%?"],
)  # fmt: skip
def test_mistyped_overall_rate_is_one_proportion(pipe, question):
    d = _reels()
    a = _ask(pipe, question, d, analysis="proportion_1")
    assert a["columns"] == ["HV test"]


def test_rate_by_line_is_still_compared(pipe):
    a = _ask(pipe, "is the hv test fail rate different between L1 and L3?", _reels())
    assert a["analysis"] == "proportion_2"


@pytest.mark.parametrize(
    "question",
    ["Is the mean jacket wall above 1.2 mm across every reel?",
     "across all reels, is the average jacket wall thickness over 1.2?",
     "jacket wall across the whole run: mean above 1.2 mm? one-sided t"],
)  # fmt: skip
def test_across_every_unit_is_pooled_not_grouped(pipe, question):
    d = _reels()
    a = _ask(pipe, question, d, analysis="ttest_1samp")
    assert a["columns"] == ["Jacket thk (mm)"]
    want = stats.ttest_1samp(d["Jacket thk (mm)"], 1.2, alternative="greater")
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


def test_across_lines_still_compares_them(pipe):
    a = _ask(pipe, "does the jacket thickness differ across lines?", _reels())
    assert a["analysis"] in ("anova", "welch_anova", "kruskal")


def test_misspelt_comparison_of_named_groups_is_a_test(pipe):
    d = _reels()
    a = _ask(pipe, "do L1 and L2 have diffrent jacket thk on avg", d)
    assert sorted(a["columns"]) == ["Jacket thk (mm)", "Line"]


# ---- Dutch and Polish questions ---------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "lang", "words"),
    [
        ("Kunnen jullie een t-toets doen op de treksterkte tussen leverancier A en B?", "nl",
         ["t-test", "tensile strength", "between", "supplier A and B"]),
        ("Hoeveel monsters per groep hebben wij nodig voor een verschil van 0,5 "
         "standaardafwijking?", "nl", ["how many samples per group", "0.5 standard deviation"]),
        ("Is het gemiddelde groter dan 12? Significantieniveau 0,01.", "nl",
         ["mean greater than 12", "significance level 0.01"]),
        ("Czy średnia twardość jest większa niż 60? Poziom istotności 0,05.", "pl",
         ["mean hardness is greater than 60", "significance level 0.05"]),
        ("Ile próbek na grupę potrzebujemy, żeby wykryć różnicę 0,4 odchylenia standardowego?",
         "pl", ["how many", "per group", "need", "detect", "difference 0.4"]),
        ("Z 400 sprawdzonych łożysk 9 było wadliwych. Czy odsetek jest większy niż 1%?", "pl",
         ["of 400 checked bearings 9", "defective", "proportion is greater than 1%"]),
    ],
)  # fmt: skip
def test_dutch_and_polish_read_in_english(question, lang, words):
    assert language(question) == lang
    english = to_english(question)
    for w in words:
        assert w in english, (w, english)


@pytest.mark.parametrize(
    "question",
    ["OP14 vs OP11: different?", "is the door seal on line 2 leaking more?",
     "is the lager from tank 2 stronger?", "Dan's data: is die 3 hotter?"],
)  # fmt: skip
def test_english_with_dutch_or_polish_lookalikes_stays_english(question):
    assert language(question) is None


def test_a_rate_asked_in_polish_is_tested(pipe):
    a = _ask(pipe, "Z 400 sprawdzonych łożysk 9 było wadliwych. Czy odsetek wadliwych jest "
             "większy niż 1%? Poziom istotności 0,05.", analysis="proportion_1")  # fmt: skip
    k = a["key_numbers"]
    assert k["alternative"] == "greater" and k["alpha"] == pytest.approx(0.05)
    z = (9 / 400 - 0.01) / np.sqrt(0.01 * 0.99 / 400)  # the one-proportion z-test
    exact = stats.binomtest(9, 400, 0.01, alternative="greater").pvalue
    assert k["p_value"] == pytest.approx(stats.norm.sf(z), rel=1e-3) or k[
        "p_value"
    ] == pytest.approx(exact, rel=1e-3)


# ---- counts said as "of N units, X were ..." without a comma --------------------------------


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("of 250 boards inspected 12 had voids; is that above 3%?", [(12, 250)]),
        ("out of 80 coupons 5 were cracked", [(5, 80)]),
        ("Of the 600 caps 21 failed the torque check", [(21, 600)]),
    ],
)
def test_total_then_count_without_a_comma(question, want):
    from havoc_srs.families._hypothesis_words import counts_in_words

    assert counts_in_words(question.lower()) == want


def test_total_of_a_factor_is_no_count():
    from havoc_srs.families._hypothesis_words import counts_in_words

    assert counts_in_words("a design of 16 runs with 4 factors at 2 levels") == []


# ---- one-letter codes given in brackets after the words they code -------------------------


def _annealed():
    return pd.DataFrame(
        {
            "Cavity": np.tile(["K1", "K2"], 30),
            "Tempered": np.repeat(["Y", "N"], 30),
            "Wall mm": np.r_[RNG.normal(2.1, 0.1, 30), RNG.normal(2.2, 0.1, 30)],
        }
    )


@pytest.mark.parametrize(
    "question",
    ["Mann-Whitney on the wall between tempered (Y) and untempered (N) jars",
     "is the wall of heat-treated (Y) jars thinner than plain (N) ones? rank test",
     "Wilcoxon rank-sum: wall, treated (Y) vs untreated (N)"],
)  # fmt: skip
def test_bracketed_codes_name_the_groups(pipe, question):
    d = _annealed()
    a = _ask(pipe, question, d, analysis="mannwhitney")
    assert sorted(a["columns"]) == ["Tempered", "Wall mm"]


def test_one_bracketed_letter_is_not_a_group():
    from havoc_srs.families._hypothesis_words import _bracketed_code

    assert _bracketed_code("is the pull force (N) above 50?", "N", ["Y", "N"]) is None
    assert _bracketed_code("force (N) and width (mm)", "N", ["Y", "N"]) is None


# ---- Minitab session commands with worksheet column numbers --------------------------------


def _presses():
    rng = np.random.default_rng(77)
    return pd.DataFrame(
        {
            "Lot": [f"L{i}" for i in range(36)],
            "Mould": np.repeat(["M1", "M2", "M3"], 12),
            "Cycle s": rng.normal(40, 2, 36),
            "Durometer": np.r_[rng.normal(70, 1, 12), rng.normal(71, 1, 12), rng.normal(72, 1, 12)],
        }
    )


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("MTB > Oneway C4 C2", "one-way ANOVA of 'Durometer' by 'Mould'"),
        ("OneT C3; Test 41.", "one-sample t-test of 'Cycle s' against 41"),
        ("MTB > Kruskal C4 C2.\nC4 holds the hardness.", "Kruskal-Wallis test of 'Durometer' by"),
        ("Paired C3 C4; Alternative 1.", "paired t-test of 'Cycle s' vs 'Durometer', one-sided greater"),
    ],
)  # fmt: skip
def test_minitab_commands_read_in_words(question, want):
    from havoc_srs.reader.minitab import with_minitab_commands

    assert want in with_minitab_commands(question, list(_presses().columns))


def test_column_numbers_without_a_command_or_past_the_table_stay():
    from havoc_srs.reader.minitab import with_minitab_commands

    cols = list(_presses().columns)
    for q in ("is C3 above 41?", "MTB > Oneway C9 C2", "the c4 grade of steel, oneway?"):
        assert with_minitab_commands(q, cols) == q


def test_minitab_oneway_runs_the_anova(pipe):
    d = _presses()
    a = _ask(pipe, "MTB > Oneway C4 C2.\n(C4 = hardness, C2 = mould.) Give me the table.", d,
             analysis="anova")  # fmt: skip
    assert sorted(a["columns"]) == ["Durometer", "Mould"]
    want = stats.f_oneway(*[g["Durometer"] for _, g in d.groupby("Mould")])
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


# ---- "the mean X is above V?": a yes/no about the mean said as a statement with a "?" ---------


@pytest.mark.parametrize(
    "question",
    ["The mean of the can volume is bigger than 330 ml?",
     "the average fill of the cans is at least 330?",
     "our mean can volume is different from 330 ml?"],
)  # fmt: skip
def test_mean_against_a_value_asked_with_a_question_mark(pipe, question):
    rng = np.random.default_rng(3)
    d = pd.DataFrame({"Can": range(30), "Fill ml": rng.normal(331, 1.5, 30)})
    a = _ask(pipe, question, d, analysis="ttest_1samp")
    assert a["columns"] == ["Fill ml"]


def test_a_mean_reported_is_no_test(pipe):
    rng = np.random.default_rng(3)
    d = pd.DataFrame({"Can": range(30), "Fill ml": rng.normal(331, 1.5, 30)})
    r = pipe.run("What is the mean fill of the cans?", data=d)
    assert r.answer["family"] == "descriptive"


# ---- one quantity under two conditions, each row a unit named by its serial: paired --------


def _boards(with_id=True):
    rng = np.random.default_rng(9)
    a = rng.normal(20, 4, 16)
    d = {"Gap (fixture 1)": a, "Gap (fixture 2)": a - rng.normal(1.0, 0.5, 16)}
    if with_id:
        d = {"Serial": [f"SN-{700 + i}" for i in range(16)], **d}
    return pd.DataFrame(d)


@pytest.mark.parametrize(
    "question",
    ["Did moving to fixture 2 cut the gap?", "does the gap change between the fixtures?",
     "is there a difference in gap between fixture 1 and fixture 2?"],
)  # fmt: skip
def test_condition_columns_of_serialised_units_are_paired(pipe, question):
    d = _boards()
    a = _ask(pipe, question, d, analysis="ttest_paired")
    assert sorted(a["columns"]) == ["Gap (fixture 1)", "Gap (fixture 2)"]
    want = stats.ttest_rel(d["Gap (fixture 1)"], d["Gap (fixture 2)"])
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


def test_condition_columns_without_unit_ids_are_not_paired():
    from havoc_srs.data import load_data
    from havoc_srs.families._hypothesis_words import paired_columns

    assert paired_columns("is the gap different?", load_data(_boards(with_id=False))) is None
    # two quantities, not one under two conditions
    ds = load_data(_boards().rename(columns={"Gap (fixture 2)": "Flatness (fixture 2)"}))
    assert paired_columns("is the gap different?", ds) is None


# ---- the equal-variance assumption stated in other words -----------------------------------


@pytest.mark.parametrize(
    "question",
    ["compare the lines, you can pool them since the spreads are similar",
     "t-test, the standard deviations look about the same",
     "homoscedastic t-test of coating weight by booth",
     "assume homogeneity of variance and compare the two booths"],
)  # fmt: skip
def test_equal_spread_said_in_words_is_pooled(question):
    from havoc_srs.families._hypothesis_words import equal_variances

    assert equal_variances(question) is True


@pytest.mark.parametrize(
    "question",
    ["the booths have different spreads, so don't pool",
     "treat the variances as unequal please",
     "t-test; the variances look clearly different"],
)  # fmt: skip
def test_unequal_spread_said_in_words_is_welch(question):
    from havoc_srs.families._hypothesis_words import equal_variances

    assert equal_variances(question) is False


def test_asking_whether_spreads_are_equal_is_no_assumption():
    from havoc_srs.families._hypothesis_words import equal_variances

    assert equal_variances("are the variances equal?") is None
    assert equal_variances("is the spread of booth a different from booth b?") is None


def test_pooled_t_test_chosen_from_words(pipe):
    rng = np.random.default_rng(12)
    d = pd.DataFrame(
        {
            "Booth": np.repeat(["B1", "B2"], 15),
            "Coat g": np.r_[rng.normal(50, 2, 15), rng.normal(52, 2, 15)],
        }
    )
    a = _ask(pipe, "Do B1 and B2 differ in coat weight? The spreads are similar, so pool them.", d,
             analysis="ttest_pooled")  # fmt: skip
    want = stats.ttest_ind(d.loc[d.Booth == "B1", "Coat g"], d.loc[d.Booth == "B2", "Coat g"])
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


# ---- power: "s = 5" for the sd, "the one percent level" ------------------------------------


@pytest.mark.parametrize(
    ("question", "sd"),
    [
        ("specimens per group: delta = 3 MPa, s = 5 MPa, power 0.9", 5.0),
        ("n per arm? difference 0.2, s=0.4, 80% power", 0.4),
        ("with s: 1.5 mm and a 1 mm shift, how many per line for 90% power?", 1.5),
    ],
)
def test_s_is_the_standard_deviation(question, sd):
    from havoc_srs.families.power import read_power

    assert read_power(question)["sd"] == pytest.approx(sd)


def test_an_s_inside_a_word_is_no_sd():
    from havoc_srs.families.power import read_power

    assert "sd" not in read_power("n per arm for d = 0.5; the groups' sizes = 3")


@pytest.mark.parametrize(
    ("question", "alpha"),
    [
        ("d = 0.5, 90% power, at the one percent level: n per group?", 0.01),
        ("n per arm for d = 0.4 at the five percent level with 80% power", 0.05),
        ("how many per group, d = 0.3, power 0.9, alpha ten percent?", 0.10),
    ],
)
def test_a_level_in_percent_words_after_the(question, alpha):
    from havoc_srs.families.power import read_power

    assert read_power(question)["alpha"] == pytest.approx(alpha)


# ---- alpha as a fraction before "level" or after "p <" --------------------------------------


@pytest.mark.parametrize(
    ("question", "alpha"),
    [
        ("compare the presses at a 0.01 significance level", 0.01),
        ("use a .10 level of significance for line 3 vs line 4", 0.10),
        ("is the shift significant at p < 0.05?", 0.05),
        ("test it at the 0.025 level", 0.025),
    ],
)
def test_alpha_as_a_fraction_level(question, alpha):
    from havoc_srs.families._hypothesis_words import alpha_in_words

    assert alpha_in_words(question) == pytest.approx(alpha)


def test_a_fraction_that_is_no_level():
    from havoc_srs.families._hypothesis_words import alpha_in_words

    assert alpha_in_words("is the 0.95 level of confidence enough?") is None
    assert alpha_in_words("a 0.5 level shift in the tank") is None


# ---- an English question with a foreign test term in it ------------------------------------


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("Is the eficiencia of oven 1 different from oven 2? Prueba t de Welch, por favor.",
         ["efficiency of oven 1", "welch t-test", "please"]),
        ("compare the dureza of both lots, prueba t pareada", ["the hardness of both", "paired t-test"]),
        ("how many samples per group for a Standardabweichung of 2 and a difference of 1?",
         ["standard deviation of 2", "a difference of 1"]),
    ],
)  # fmt: skip
def test_foreign_terms_in_an_english_question(question, words):
    english = to_english(question)
    for w in words:
        assert w in english, (w, english)


def test_an_english_question_without_foreign_terms_is_untouched():
    assert to_english("Is line a different from line b at alpha 0.05? please test") is None


def test_sample_size_then_a_kind_is_still_asked():
    from havoc_srs.families.power import read_power

    r = read_power("sample size two proportions, on time 85% vs 92%, alpha 0.05, power 0.8")
    assert r["solve_for"] == "n"
    assert read_power("sample size 2-sample t, d = 0.5, power 0.9")["solve_for"] == "n"


def test_half_a_unit_after_a_verb_keeps_its_space():
    from havoc_srs.families.power import _words_to_numbers, read_power

    assert "is 0.5 efficiency point" in _words_to_numbers("the gap is half an efficiency point")
    r = read_power("10 per group; the difference is half a point, sd about 0.6: what power?")
    assert r["difference"] == pytest.approx(0.5) and r["sd"] == pytest.approx(0.6)
