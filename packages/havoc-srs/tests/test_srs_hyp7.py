"""Test and power questions in wording the readers missed: the request written in Spanish,
German or French (with decimal commas), a group count written as a hyphenated adjective ("a
6-arm ANOVA"), power functions called by their software names, "will n give at least 80%
power", a quantity named in words whose column is headed by its scale or symbol (hardness of
a Shore D column, colour difference of a dE2000 column), one of two samples named with a bare
comparative, a label told apart by one letter ("is Y slower"), and Minitab's "2-Sample t" menu
item with its "Assume equal variances" box. The phrasings and tables were written for these
tests; each rule has a case where it must not fire."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.families import _hypothesis_words as W
from havoc_srs.families.power import mode_cue, read_power
from scipy import stats
from statsmodels.stats.power import FTestAnovaPower, TTestIndPower

RNG = np.random.default_rng(7070)


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


# ---- other languages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "effect", "power"),
    [
        ("¿Cuántos tubos por grupo necesitamos para detectar 0,6 desviaciones estándar con "
         "potencia del 85 % y alfa 0,05?", 0.6, 0.85),
        ("Wie viele Proben pro Gruppe brauchen wir? Unterschied 1,2 mm, Standardabweichung 2,0 mm, "
         "Power 0,8, alpha 0,05.", 0.6, 0.8),
        ("Combien d'échantillons par groupe pour détecter une différence de 0,6 écart-type avec "
         "une puissance de 85 % ?", 0.6, 0.85),
    ],
)  # fmt: skip
def test_sample_size_asked_in_another_language(pipe, question, effect, power):
    a = _ask(pipe, question, family="power")
    k = a["key_numbers"]
    assert k["solved_for"] == "n"
    assert k["effect_size"] == pytest.approx(effect)
    assert k["power"] == pytest.approx(power)
    want = TTestIndPower().solve_power(effect_size=effect, power=power, alpha=0.05)
    assert k["n"] == int(np.ceil(want))


def test_welch_asked_in_spanish_on_a_table(pipe):
    d = pd.DataFrame(
        {
            "Lote": [f"X{i}" for i in range(40)],
            "Horno": ["H1"] * 20 + ["H2"] * 20,
            "Densidad (g/cm3)": np.r_[RNG.normal(2.30, 0.05, 20), RNG.normal(2.34, 0.08, 20)],
            "Eficiencia %": np.r_[RNG.normal(81, 2, 20), RNG.normal(83, 3, 20)],
        }
    )
    a = _ask(
        pipe,
        "Quiero comparar la eficiencia del horno H1 contra el H2 con una prueba t de Welch, "
        "nivel de significancia 0,01.",
        d,
        analysis="ttest_welch",
    )
    assert sorted(a["columns"]) == ["Eficiencia %", "Horno"]
    assert a["key_numbers"]["alpha"] == pytest.approx(0.01)
    h1 = d.loc[d.Horno == "H1", "Eficiencia %"]
    h2 = d.loc[d.Horno == "H2", "Eficiencia %"]
    want = stats.ttest_ind(h1, h2, equal_var=False)
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


# ---- power: hyphenated counts, software calls, a power held against a target -----------------


def test_group_count_as_hyphenated_adjective(pipe):
    assert read_power("sample size for a 6-arm anova, f = 0.2, 90% power")["k"] == 6
    # "2-sample" is the kind of test, not a count of groups
    assert "k" not in read_power("power of a 2-sample t-test with d = 0.5 and n = 20")
    a = _ask(pipe, "How many per group for a 4-group ANOVA with Cohen's f of 0.25 at 80% power?",
             family="power")  # fmt: skip
    want = FTestAnovaPower().solve_power(effect_size=0.25, k_groups=4, power=0.8, alpha=0.05)
    assert a["key_numbers"]["effect_size"] == pytest.approx(0.25)
    assert a["key_numbers"]["n"] * 4 >= want


def test_power_function_called_by_its_software_name(pipe):
    assert mode_cue("pwr.t.test(d = 0.4, power = 0.9, sig.level = 0.05)", False) >= 6
    assert mode_cue("the power.t.test help page says what?", False) < 6  # no call
    a = _ask(pipe, 'power.t.test(n = 15, delta = 3, sd = 4, type = "two.sample")', family="power")
    want = TTestIndPower().power(effect_size=0.75, nobs1=15, alpha=0.05)
    assert a["key_numbers"]["solved_for"] == "power"
    assert a["key_numbers"]["power"] == pytest.approx(want, rel=1e-3)


def test_will_n_reach_a_stated_power(pipe):
    a = _ask(
        pipe,
        "Would 25 units per line be enough for at least 90% power to pick up a 3 g difference "
        "when the SD is 5 g?",
        family="power",
    )
    k = a["key_numbers"]
    assert k["solved_for"] == "power"
    want = TTestIndPower().power(effect_size=0.6, nobs1=25, alpha=0.05)
    assert k["power"] == pytest.approx(want, rel=1e-3)
    # a sample size asked with a power target stays a sample-size question
    a = _ask(pipe, "How many per line for 90% power to see a 3 g difference, SD 5 g?",
             family="power")  # fmt: skip
    assert a["key_numbers"]["solved_for"] == "n"


# ---- a quantity in words, its column headed by a scale or symbol ------------------------------


def _moulds():
    return pd.DataFrame(
        {
            "Mould": np.repeat(["M1", "M2", "M3"], 12),
            "Cycle s": RNG.normal(40, 2, 36).round(1),
            "Shore D": np.r_[RNG.normal(60, 1, 12), RNG.normal(61, 1, 12), RNG.normal(62.5, 1, 12)],
        }
    )


def test_hardness_of_a_shore_column(pipe):
    d = _moulds()
    a = _ask(pipe, "Is the hardness the same from all three moulds? One-way ANOVA.", d,
             analysis="anova")  # fmt: skip
    assert sorted(a["columns"]) == ["Mould", "Shore D"]
    want = stats.f_oneway(*[g["Shore D"] for _, g in d.groupby("Mould")])
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


def test_colour_difference_of_a_delta_e_column_one_sample(pipe):
    d = pd.DataFrame(
        {"Sheet": [f"S{i}" for i in range(30)], "Gloss": RNG.normal(80, 3, 30),
         "dE2000": RNG.gamma(4, 0.3, 30).round(2)}
    )  # fmt: skip
    a = _ask(pipe, "Is the mean colour difference under 1.5? one-sided t", d,
             analysis="ttest_1samp")  # fmt: skip
    assert a["columns"] == ["dE2000"]
    want = stats.ttest_1samp(d["dE2000"], 1.5, alternative="less")
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


def test_scale_word_does_not_pick_an_unrelated_header():
    from havoc_srs.families.hypothesis_test import _scale_column

    # "density" is not a hardness word; "shore" in a header is a scale only after hardness words
    assert _scale_column("is the density different?", ["Density", "Shore A"]) is None
    assert _scale_column("compare the hardness", ["Shore A", "Shore D"]) is None  # two scales
    assert _scale_column("is it harder?", ["Cure min", "Shore A"]) == "Shore A"


# ---- one sample of two named with a bare comparative -----------------------------------------


def test_bare_comparative_said_of_the_nearer_sample():
    assert W.ordered_comparison("kiln 7 vs kiln 4: is k-4 stronger?", ["K-7", "K-4"]) == (
        "K-4",
        "K-7",
        "greater",
    )
    # both named before a comparative with the other in between and no subject: nothing
    assert W.ordered_comparison("k-7 and k-4 -- any difference?", ["K-7", "K-4"]) is None


def test_label_told_apart_by_one_letter():
    assert W.ordered_comparison(
        "press x: 1, 2. press y: 3, 4. is y slower?", ["Press X", "Press Y"]
    ) == (
        "Press Y",
        "Press X",
        "less",
    )
    # "a" is an article, never a label's letter
    assert W.ordered_comparison("is a faster press needed?", ["Press A", "Press B"]) is None


def test_letter_labels_inline_welch_direction(pipe):
    x = [4.1, 4.4, 3.9, 4.6, 4.2, 4.0, 4.5, 4.3]
    y = [4.9, 5.2, 4.7, 5.0, 5.4, 4.8, 5.1, 4.6]
    q = ("Seal leak rate (mbar l/s) from two presses. Press X: " + ", ".join(map(str, x))
         + ". Press Y: " + ", ".join(map(str, y)) + ". Is Y worse (higher leak rate)? Welch test.")  # fmt: skip
    a = _ask(pipe, q, analysis="ttest_welch")
    assert a["key_numbers"]["alternative"] == "greater"
    want = stats.ttest_ind(y, x, equal_var=False, alternative="greater")
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


# ---- Minitab's menu item and its equal-variances box -----------------------------------------


def _two_lines():
    return pd.DataFrame(
        {
            "Reel": [f"R{i}" for i in range(40)],
            "Line": ["L1"] * 20 + ["L2"] * 20,
            "Speed (m/min)": RNG.normal(30, 1, 40),
            "gauge_um": np.r_[RNG.normal(50, 1, 20), RNG.normal(51, 2.5, 20)],
        }
    )


def test_equal_variances_box():
    assert W.equal_variances("leave 'assume equal variances' unticked") is False
    assert W.equal_variances("with the assume equal variances box ticked") is True
    assert W.equal_variances("untick assume equal variances") is False
    assert W.equal_variances("compare the two means") is None


@pytest.mark.parametrize(
    ("question", "analysis"),
    [
        ("Stat > Basic Statistics > 2-Sample t, gauge_um by Line, 'Assume equal variances' "
         "not ticked.", "ttest_welch"),
        ("Stat > Basic Statistics > 2-Sample t, gauge_um by Line, tick 'Assume equal variances'.",
         "ttest_pooled"),
    ],
)  # fmt: skip
def test_minitab_two_sample_t_menu(pipe, question, analysis):
    d = _two_lines()
    a = _ask(pipe, question, d, analysis=analysis)
    assert sorted(a["columns"]) == ["Line", "gauge_um"]
    l1 = d.loc[d.Line == "L1", "gauge_um"]
    l2 = d.loc[d.Line == "L2", "gauge_um"]
    want = stats.ttest_ind(l1, l2, equal_var=analysis == "ttest_pooled")
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


# ---- an identifier is no category; R's wilcox.test on a two-level run sheet ------------------


def _cells():
    rng = np.random.default_rng(11)
    return pd.DataFrame(
        {
            "Pack ID": [f"PK-{i:04d}" for i in range(60)],
            "Cell line": ["C1", "C2", "C3"] * 20,
            "Voltage (V)": rng.normal(3.7, 0.02, 60),
            "Result": np.where(rng.random(60) < 0.12, "FAIL", "PASS"),
        }
    )


def test_identifier_is_no_side_of_a_contingency(pipe):
    d = _cells()
    a = _ask(pipe, "The vendor claims at most 5% of packs fail. Test whether the overall "
             "proportion of failed packs exceeds 5%.", d, analysis="proportion_1")  # fmt: skip
    assert a["columns"] == ["Result"]
    # two real categories said to be related still make a contingency question
    r = pipe.run("Is the result related to the cell line? chi-square", data=d)
    assert r.answer["family"] == "contingency"


def test_r_wilcox_test_formula_is_the_rank_sum(pipe):
    rng = np.random.default_rng(5)
    d = pd.DataFrame(
        {
            "Tool": ["T1", "T2"] * 12,
            "Coolant": ["on", "on", "off", "off"] * 6,
            "Burr (um)": rng.gamma(3, 4, 24).round(1),
        }
    )
    a = _ask(pipe, "wilcox.test(Burr ~ Tool, data = d) please, tool T1 vs T2", d,
             analysis="mannwhitney")  # fmt: skip
    t1 = d.loc[d.Tool == "T1", "Burr (um)"]
    t2 = d.loc[d.Tool == "T2", "Burr (um)"]
    want = stats.mannwhitneyu(t1, t2)
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


# ---- a t-test from summary statistics ---------------------------------------------------------


def test_summary_statistics_read():
    from havoc_srs.reader.summaries import summaries

    (one,) = summaries("bolt length, n = 18, x̄ = 50.3 mm, s = 0.4 mm; is the mean above 50?")
    assert (one.n, one.mean, one.sd) == (18, 50.3, 0.4)
    # a mean against a value with no sd typed is no summary: the data are asked for
    assert summaries("is the mean fill above 500 g? n = 20") == []


def test_one_sample_t_from_summary_statistics(pipe):
    q = ("Coating weight: 14 panels averaged 212.5 g/m2 with a standard deviation of 6.1 g/m2. "
         "The spec minimum is 208. Is the mean above 208 at alpha 0.01?")  # fmt: skip
    a = _ask(pipe, q, analysis="ttest_1samp")
    k = a["key_numbers"]
    t = (212.5 - 208) / (6.1 / np.sqrt(14))
    assert k["t"] == pytest.approx(t, rel=1e-9)
    assert k["alternative"] == "greater" and k["alpha"] == pytest.approx(0.01)
    assert k["p_value"] == pytest.approx(stats.t.sf(t, 13), rel=1e-6)


def test_two_sample_welch_from_summary_statistics(pipe):
    q = ("Supplier P: n=10, mean 4.82, sd 0.21. Supplier Q: n=13, mean 5.05, sd 0.35. "
         "Do the suppliers differ in mean? Welch t-test.")  # fmt: skip
    a = _ask(pipe, q, analysis="ttest_welch")
    want = stats.ttest_ind_from_stats(4.82, 0.21, 10, 5.05, 0.35, 13, equal_var=False)
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


def test_rank_test_from_summary_statistics_asks_for_the_values(pipe):
    r = pipe.run("n=10, mean 4.8, sd 0.2; Wilcoxon signed-rank test against 5?")
    assert r.status == "needs_input"


# ---- a group value mistyped; speed words of a time column; a value referred to by "that" -----


def _quarries():
    rng = np.random.default_rng(9)
    return pd.DataFrame(
        {
            "Batch": [f"B{i}" for i in range(36)],
            "Source pit": np.repeat(["Gravel North", "Gravel South", "Import"], 12),
            "Fines %": rng.normal(6, 1, 36),
            "Cure [min]": np.r_[
                rng.normal(95, 6, 12), rng.normal(104, 6, 12), rng.normal(99, 6, 12)
            ],
        }
    )


def test_group_value_with_a_typing_slip():
    d = _quarries()
    from havoc_srs.data import load_data

    ds = load_data(d)
    q = "does gravl north cure faster than gravel south?"
    assert W.named_levels(q, q, ds, ["Source pit"]) == {
        "Source pit": ["Gravel North", "Gravel South"]
    }
    # a short word is never read as a slip of a value ("gravel" alone names no group)
    q = "is the gravel curing faster?"
    assert W.named_levels(q, q, ds, ["Source pit"]) == {}


def test_speed_words_pick_the_time_column(pipe):
    d = _quarries()
    a = _ask(pipe, "Does Gravl North cure faster than Gravel South? Mann-Whitney please.", d,
             analysis="mannwhitney")  # fmt: skip
    assert sorted(a["columns"]) == ["Cure [min]", "Source pit"]
    # faster = less time
    assert a["key_numbers"]["alternative"] == "less"
    n = d.loc[d["Source pit"] == "Gravel North", "Cure [min]"]
    s = d.loc[d["Source pit"] == "Gravel South", "Cure [min]"]
    want = stats.mannwhitneyu(n, s, alternative="less")
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


def test_value_referred_to_by_a_pronoun():
    q = "the contract asks for a 62 n·m breakaway torque. is our average above that?"
    assert W.mu_in_words(q) == (62.0, False)
    # alpha is never the value referred to; no pronoun, no value
    assert W.mu_in_words("we test at alpha 0.05. is the mean above that?") is None
    assert W.mu_in_words("the spec was 62 last year. what is the mean now?") is None


def test_summary_statistics_more_wordings(pipe):
    # the hypothesised "true mean" is no typed mean; "sample size = 36" is the n
    q = "Sample mean = 0.512, sample std dev = 0.021, sample size = 36. Test whether the true mean equals 0.5."
    a = _ask(pipe, q, analysis="ttest_1samp")
    t = (0.512 - 0.5) / (0.021 / 6)
    assert a["key_numbers"]["t"] == pytest.approx(t, rel=1e-9)
    # two samples typed before and after a change, and a drop asked
    q = "Old die: n=20, mean 8.4, sd 0.6. New die: n=22, mean 8.0, sd 0.7. Did the burr height go down?"
    a = _ask(pipe, q, analysis="ttest_welch")
    want = stats.ttest_ind_from_stats(8.4, 0.6, 20, 8.0, 0.7, 22, equal_var=False,
                                      alternative="greater")  # fmt: skip
    assert a["key_numbers"]["alternative"] == "greater"
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)
    # a summary asked for no comparison stays a description
    r = pipe.run("n = 30, mean 12.1, sd 0.4: what is the standard error of the mean?")
    assert r.answer["family"] != "hypothesis_test"


# ---- counts written "of N ..., X failed"; a bad rate worse than target; plural of a header ----


def test_counts_with_the_total_after_of():
    q = "of 180 castings from pour a, 12 had porosity; pour b had 20 of 175. do the pours differ?"
    assert W.counts_in_words(q) == [(12, 180), (20, 175)]
    assert W.counts_in_words("out of 400 cells, 9 failed the hipot test") == [(9, 400)]
    # a list of sizes is no count
    assert W.counts_in_words("of 3 machines, 2 lines and 4 shifts, which is best?") == []


def test_reject_rate_worse_than_a_target(pipe):
    from statsmodels.stats.proportion import proportions_ztest

    a = _ask(pipe, "Out of 640 crimps, 21 were rejected. Our target reject rate is 2%. Are we "
             "doing worse than target?", analysis="proportion_1")  # fmt: skip
    assert a["key_numbers"]["alternative"] == "greater"
    z, p = proportions_ztest(21, 640, 0.02, alternative="larger", prop_var=0.02)
    assert a["key_numbers"]["p_value"] == pytest.approx(p, rel=1e-6)
    # a yield (a good rate) worse than target is a lower rate
    a = _ask(pipe, "Of 300 dies, 282 passed. The yield target is 97%. Is our yield worse than "
             "the 97% target?", analysis="proportion_1")  # fmt: skip
    assert a["key_numbers"]["alternative"] == "less"


def test_plural_of_a_shared_header_word_names_the_wide_columns(pipe):
    rng = np.random.default_rng(3)
    d = pd.DataFrame(
        {"Spindle 1": rng.normal(5, 0.2, 10), "Spindle 2": rng.normal(5.2, 0.2, 10),
         "Spindle 3": rng.normal(5.1, 0.2, 10), "Room temp": rng.normal(21, 0.5, 10)}
    )  # fmt: skip
    a = _ask(pipe, "Is there any difference between the spindles?", d, analysis="anova")
    assert sorted(a["columns"]) == ["Spindle 1", "Spindle 2", "Spindle 3"]
    from havoc_srs.families.hypothesis_test import _columns_named_together

    assert _columns_named_together("compare spindle 1 and room temp", list(d.columns)) == []


def test_mean_off_by_against_a_nominal():
    r = read_power("if we test 20 parts against the 50.0 mm nominal and the true mean is off by "
                   "0.1 mm with sd 0.15 mm, what is the chance we detect it?")  # fmt: skip
    assert r["difference"] == pytest.approx(0.1) and r["sd"] == pytest.approx(0.15)
    assert r["kind"] == "one-sample"
    # a nominal is never the difference, even in the sd's unit
    r = read_power("sd 0.2 mm, the 12 mm nominal, how many parts for 80% power?")
    assert r.get("difference") != 12.0


def test_spanish_is_and_if(pipe):
    a = _ask(pipe, "¿Cuántas piezas por grupo para detectar una diferencia de 4 unidades si la "
             "desviación estándar es 8, con potencia del 90 %?", family="power")  # fmt: skip
    assert a["key_numbers"]["effect_size"] == pytest.approx(0.5)
    want = TTestIndPower().solve_power(effect_size=0.5, power=0.9, alpha=0.05)
    assert a["key_numbers"]["n"] == int(np.ceil(want))


def test_yes_no_question_about_the_means_value(pipe):
    rng = np.random.default_rng(4)
    d = pd.DataFrame(
        {"Bag": [f"B{i}" for i in range(30)], "Net mass (kg)": rng.normal(25.1, 0.2, 30)}
    )
    a = _ask(pipe, "Is the mean net mass 25 kg?", d, analysis="ttest_1samp")
    want = stats.ttest_1samp(d["Net mass (kg)"], 25.0)
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)
    # asking for the value itself is a description, not a test
    r = pipe.run("What is the mean net mass?", data=d)
    assert r.answer["family"] == "descriptive"
