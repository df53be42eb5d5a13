"""Test and power questions in wording the readers missed (hyp9). The phrasings and tables
were written for these tests, not copied from the corpus; each rule has a case where it must
not fire."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.families import _hypothesis_words as W
from havoc_srs.families.hypothesis_test import rank_described
from havoc_srs.families.power import read_power
from havoc_srs.mode import decide_mode
from havoc_srs.phrasing import Phrasing
from havoc_srs.reader import read
from havoc_srs.reader.decide import choose_family
from scipy import stats

RNG = np.random.default_rng(9099)


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


def _family(question, data=None):
    from havoc_srs.data import load_data

    ds = load_data(data) if data is not None else None
    reading = read(question, ds)
    return choose_family(decide_mode(question, Phrasing(), ds), reading, ds).family


@pytest.fixture(scope="module")
def vendors():
    return pd.DataFrame(
        {
            "Vendor": ["Kestrel"] * 9 + ["Osprey"] * 9 + ["Merlin"] * 9,
            "Peel force (N)": np.r_[
                RNG.normal(14, 1, 9), RNG.normal(15.5, 1, 9), RNG.normal(14.5, 1, 9)
            ],
        }
    )


@pytest.fixture(scope="module")
def bores():
    return pd.DataFrame({"Bore (mm)": RNG.normal(8.03, 0.02, 18)})


# ---- a rank test described, not named -------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "compare peel force of kestrel and osprey without assuming a bell curve",
        "kestrel vs osprey peel force, please work on the ranks instead of the raw numbers",
        "Peel force is badly skewed here. Is Kestrel different from Osprey?",
        "Peel force doesn't look remotely normal; do Kestrel and Osprey differ?",
        "Do the median peel forces of Kestrel and Osprey differ?",
    ],
)
def test_rank_test_described_for_two_groups(pipe, vendors, question):
    _ask(pipe, question, vendors, analysis="mannwhitney")


def test_rank_test_described_for_three_groups(pipe, vendors):
    _ask(pipe, "Peel force has heavy tails. Do the three vendors differ?", vendors,
         analysis="kruskal")  # fmt: skip


def test_median_against_a_value_is_the_signed_rank_test(pipe, bores):
    _ask(pipe, "Is the median bore different from 8 mm?", bores, analysis="wilcoxon_1samp")


def test_means_or_normal_in_its_everyday_sense_are_no_rank_request(pipe, vendors):
    assert not rank_described("do the vendors differ in mean peel force?")
    assert not rank_described("under normal operation, does kestrel differ from osprey?")
    assert not rank_described("are the mean and median peel force different between vendors?")
    a = _ask(pipe, "Do the vendors differ in average peel force?", vendors)
    assert a["analysis"] in ("anova", "welch_anova")


def test_a_skew_remark_on_typed_summaries_keeps_the_t_test(pipe):
    # a rank test needs the values; typed means and SDs are tested by the t-test
    a = _ask(
        pipe,
        "Cell A: n = 14, mean 3.41, sd 0.22. Cell B: n = 16, mean 3.60, sd 0.25. The values "
        "are a bit skewed; do the cells differ?",
    )
    assert a["analysis"] in ("ttest_welch", "ttest_pooled")


# ---- a claim held against summaries or data ------------------------------------------------


@pytest.mark.parametrize(
    ("question", "mu"),
    [
        ("is this consistent with the 25 kg on the label?", 25.0),
        ("does this contradict the claimed 100?", 100.0),
        ("is the life in line with the advertised 4.5 hours?", 4.5),
        ("do the bores match the 8 mm in the drawing?", 8.0),
        ("is it compatible with 0.35?", 0.35),
    ],
)
def test_value_held_against_by_a_claim(question, mu):
    assert W.mu_in_words(question) == (mu, False)


def test_no_claimed_value_is_read_from_counts():
    assert W.mu_in_words("is the spread consistent with 5 parts") is None
    assert W.mu_in_words("the advertised battery is better, is it?") is None


@pytest.mark.parametrize(
    "question",
    [
        "We timed 22 cycles: average 41.8 s, std dev 2.6 s. Does this contradict the "
        "supplier's claimed 40 s?",
        "A sample of 18 coupons had mean 212 MPa and standard deviation 9 MPa; is that "
        "consistent with the 220 MPa on the certificate?",
        "n = 35, mean 0.482, sd 0.031 - does this cast doubt on the stated 0.5?",
    ],
)
def test_summaries_tested_against_a_claim(pipe, question):
    a = _ask(pipe, question, analysis="ttest_1samp")
    assert a["family"] == "hypothesis_test"


def test_summaries_with_no_test_asked_are_no_test():
    q = "n = 35, mean 0.482, sd 0.031 - what is the standard error?"
    assert _family(q) != "hypothesis_test"


# ---- "independent samples" names the test's variant ----------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Kiln 1 vs kiln 2, independent samples: do they differ?",
        "treat kiln 1 and kiln 2 as independent groups and compare them",
        "unpaired comparison of kiln 1 and kiln 2 please",
    ],
)
def test_independent_samples_is_a_two_sample_test(pipe, question):
    wide = pd.DataFrame(
        {"Kiln 1": RNG.normal(3, 0.2, 12), "Kiln 2": RNG.normal(3.2, 0.2, 14).tolist()[:12]}
    )
    a = _ask(pipe, question, wide)
    assert a["analysis"] in ("ttest_welch", "ttest_pooled")


def test_independence_of_two_categories_stays_contingency():
    table = pd.DataFrame(
        {"Shift": ["day", "night"] * 20, "Defect": (["yes"] * 5 + ["no"] * 15) * 2}
    )
    assert _family("Is defect independent of shift?", table) == "contingency"


# ---- power asked as a chance of detection, verbs in any inflection --------------------------


@pytest.mark.parametrize(
    "question",
    [
        "What are the odds a two-sample t-test with 15 per arm spots a 0.8 standard deviation shift?",
        "With 12 pumps per group and a 5 bar difference (sd 6 bar), how likely is it that the "
        "test flags it?",
        "What chance does a t-test with 20 per line have of catching a 0.6 sd change?",
    ],
)
def test_chance_that_a_named_test_detects_is_power(pipe, question):
    a = _ask(pipe, question, family="power")
    assert a["key_numbers"]["solved_for"] == "power"


def test_a_test_on_data_named_with_chance_words_is_still_a_test(pipe, vendors):
    a = _ask(pipe, "Is there a real chance that Kestrel and Osprey differ? t-test please", vendors)
    assert a["analysis"] in ("ttest_welch", "ttest_pooled")


# ---- the smallest detectable effect as the unknown ------------------------------------------


@pytest.mark.parametrize(
    ("question", "n", "power", "kind"),
    [
        ("With 20 per group and sd 4, what is the smallest difference we could detect with 80% "
         "power?", 20, 0.8, "two-sample"),
        ("We can only test 15 parts per machine. What's the minimum detectable difference at 90% "
         "power if sigma is 0.3 mm?", 15, 0.9, "two-sample"),
        ("How small a shift could 12 pairs pick up with 80% power?", 12, 0.8, "paired"),
        ("What difference could a one-sample t-test with 25 observations detect with 85% power, "
         "sd 2?", 25, 0.85, "one-sample"),
    ],
)  # fmt: skip
def test_smallest_detectable_effect_is_solved(pipe, question, n, power, kind):
    r = read_power(question)
    assert r["solve_for"] == "effect" and r["n"] == n and r["kind"] == kind
    a = _ask(pipe, question, family="power")
    k = a["key_numbers"]
    assert k["solved_for"] == "effect"
    d = abs(k["effect_size"])
    # the power of a t-test of n at that d is the power asked
    if kind == "two-sample":
        df, nc = 2 * n - 2, d * np.sqrt(n / 2)
    else:
        df, nc = n - 1, d * np.sqrt(n)
    tc = stats.t.ppf(1 - 0.025, df)
    got = stats.nct.sf(tc, df, nc) + stats.nct.cdf(-tc, df, nc)
    assert got == pytest.approx(power, abs=1e-4)


def test_detectable_difference_in_the_data_unit(pipe):
    a = _ask(pipe, "With 20 per group and sd 4, what is the smallest shift we could catch with "
             "80% power?", family="power")  # fmt: skip
    k = a["key_numbers"]
    assert k["detectable_difference"] == pytest.approx(4 * abs(k["effect_size"]))
    assert "smallest effect" in a["conclusion"]


@pytest.mark.parametrize(
    "question",
    [
        "The smallest difference that matters is 2 units, sd 3. With 20 per group what power do "
        "we have?",
        "With 20 per group, can we detect the smallest difference we care about, which is 2 "
        "(sd 3)?",
    ],
)
def test_a_smallest_difference_given_is_not_asked(question):
    r = read_power(question)
    assert r["solve_for"] == "power"
    assert r.get("difference") == 2


def test_how_many_for_the_smallest_difference_is_still_n():
    r = read_power("How many per group to detect the smallest difference of 1.5 with sd 2?")
    assert r["solve_for"] == "n"


@pytest.mark.parametrize(
    ("question", "diff"),
    [
        ("the shift which would hurt us is 0.4, sd 0.5; how many per group?", 0.4),
        ("the change worth detecting is 3 with sd 5. n per arm?", 3.0),
        ("the gap that matters is 12 and the sd is 20: sample size?", 12.0),
    ],
)
def test_difference_after_a_relative_clause(question, diff):
    assert read_power(question)["difference"] == diff


def test_relative_clause_in_sd_units_is_no_raw_difference():
    r = read_power("the shift that matters is 0.5 sd; how many per group?")
    assert "difference" not in r and r["effect"] == 0.5


# ---- a comparative is not a misspelled superlative ------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Plant P: 7 bad in 300; plant Q: 19 bad in 310. Is Q worse?",
        "is the east kiln's output larger than the west kiln's?",
        "are the night shift readings heavier than the day shift readings?",
    ],
)
def test_comparative_names_no_extreme(question):
    from havoc_srs.reader.statistic import DESCRIPTIVE, find_phrases

    assert not [k for _, k in find_phrases(question, DESCRIPTIVE, 0.85) if k in ("min", "max")]


def test_superlatives_and_their_typos_still_name_the_extreme():
    from havoc_srs.reader.statistic import DESCRIPTIVE, find_phrases

    assert "max" in [k for _, k in find_phrases("what was the worst reading", DESCRIPTIVE)]
    assert "max" in [k for _, k in find_phrases("which is the larget value", DESCRIPTIVE)]


def test_counts_compared_by_a_comparative_are_two_proportions(pipe):
    a = _ask(pipe, "Plant P: 7 bad in 300; plant Q: 19 bad in 310. Is Q worse?")
    assert a["analysis"] == "proportion_2"


# ---- sample sizes written around the summaries ----------------------------------------------


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("Press 1 averaged 7.1 kN with an sd of 0.4 over 18 strokes; press 2 averaged 7.5 kN, "
         "sd 0.5, 21 strokes. Do the presses differ?", [(18, 7.1, 0.4), (21, 7.5, 0.5)]),
        ("We timed 22 cycles: average 41.8 s, std dev 2.6 s.", [(22, 41.8, 2.6)]),
        ("I logged 30 runs, mean 5.2 min, sd 0.4 min; is that under 5.5?", [(30, 5.2, 0.4)]),
        ("mean 3.3 and sd 0.2 across 16 panels", [(16, 3.3, 0.2)]),
    ],
)  # fmt: skip
def test_sample_size_around_the_summaries(question, want):
    from havoc_srs.reader.summaries import summaries

    assert [(s.n, s.mean, s.sd) for s in summaries(question)] == want


def test_a_duration_is_no_sample_size():
    from havoc_srs.reader.summaries import summaries

    assert summaries("mean 3.3 and sd 0.2 over 16 hours") == []


@pytest.mark.parametrize(
    "question",
    [
        "A sample of 15 rods averaged 49.2 mm (s = 0.6). Is the mean under 50?",
        "n = 40, mean 7.8, sd 1.1: is the mean at least 7.5?",
        "12 cans, mean 331 ml, sd 2.5 ml - is the average more than 330 ml?",
    ],
)
def test_summary_tested_by_a_bound_word(pipe, question):
    _ask(pipe, question, analysis="ttest_1samp")


# ---- groups compared in short or idiomatic words --------------------------------------------


@pytest.mark.parametrize(
    ("question", "analysis"),
    [
        ("peel force: kestrel v osprey", ("ttest_welch", "ttest_pooled")),
        ("Kestrel v. Merlin on peel force please", ("ttest_welch", "ttest_pooled")),
        ("Is there any vendor that stands out on peel force?", ("anova", "welch_anova")),
        ("Does one vendor stick out from the rest on peel force?", ("anova", "welch_anova")),
    ],
)
def test_groups_compared_in_short_words(pipe, vendors, question, analysis):
    a = _ask(pipe, question, vendors)
    assert a["analysis"] in analysis


def test_a_v_after_a_number_is_volts_not_versus():
    from havoc_srs.families.hypothesis_test import _COMPARING

    assert not _COMPARING.search("the supply is 12 v nominal")
    assert _COMPARING.search("line a v line b")


# ---- one side said by an over-/under- word or "running large" -------------------------------


@pytest.mark.parametrize(
    ("question", "side"),
    [
        ("are we making the shafts oversize? nominal 20 mm", "greater"),
        ("are the holes undersized against the 6.35 mm drawing value?", "less"),
        ("is the fill running a bit light compared with 250 g?", "less"),
        ("are the bars on the heavy side of the 500 g target?", "greater"),
        ("are we overdosing relative to the 5 ml target?", "greater"),
    ],
)
def test_one_side_in_size_words(question, side):
    assert W.direction(question) == side


def test_both_sides_or_a_machine_described_is_no_side():
    assert W.direction("are we under- or oversizing the holes?") == "two-sided"
    assert W.direction("the oven runs hot; is the mean diameter 12?") is None
    assert W.direction("is the overall mean 12?") is None


# ---- power settings and unknowns named indirectly --------------------------------------------


@pytest.mark.parametrize(
    ("question", "sd"),
    [
        ("parts vary by about 3 mm; how many per batch to catch a 2 mm shift?", 3.0),
        ("the readings scatter by roughly 0.4 and we want to see a 0.3 change: n per group?", 0.4),
        ("sd of the changes 1.8, expected change 1.2, number of pairs for 80% power?", 1.8),
        ("sd of the paired differences: 0.6, shift 0.5, how many pairs?", 0.6),
    ],
)
def test_spread_said_with_a_verb_or_of_a_plural(question, sd):
    assert read_power(question)["sd"] == sd


def test_vary_with_a_percentage_power_is_no_sd():
    r = read_power("results vary 90% of the time; how many per group for d = 0.5?")
    assert "sd" not in r


@pytest.mark.parametrize(
    "question",
    [
        "If each group has 30 units, and the means differ by 2 with sd 5, how often would we get "
        "a significant result?",
        "With 40 per group, what is the probability of rejecting the null when the true effect "
        "is 0.5 sd?",
        "What's the risk of missing a 3 unit drop if we sample 10 per line and sd is 4?",
    ],
)
def test_power_asked_by_what_it_means(pipe, question):
    a = _ask(pipe, question, family="power")
    assert a["key_numbers"]["solved_for"] == "power"


def test_risk_of_missing_reports_beta(pipe):
    a = _ask(pipe, "What's the risk of missing a 3 unit drop if we sample 10 per line and sd is 4?",
             family="power")  # fmt: skip
    k = a["key_numbers"]
    assert "beta" in a["conclusion"]
    a2 = _ask(pipe, "With 10 per line, sd 4, what power do we have to detect a 3 unit drop?",
              family="power")  # fmt: skip
    assert "beta" not in a2["conclusion"]
    assert a2["key_numbers"]["power"] == pytest.approx(k["power"])


@pytest.mark.parametrize("noun", ["deviation", "departure", "drift", "jump", "step"])
def test_effect_in_sd_units_before_any_change_noun(noun):
    r = read_power(f"how many parts to detect a 0.5 sd {noun} with 95% power?")
    assert r["effect"] == 0.5 and r["solve_for"] == "n"


# ---- the mean's value asked with a modal, "off", or a symbol --------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Could the true average bore be 8.00?",
        "Might the mean bore still be 8 mm?",
        "Is the bore significantly off 8 mm?",
        "mean bore > 8.01? one-sided t please",
    ],
)
def test_mean_value_asked_in_other_words(pipe, bores, question):
    a = _ask(pipe, question, bores, analysis="ttest_1samp")
    assert a["columns"] == ["Bore (mm)"]


def test_a_bore_off_by_an_amount_is_no_hypothesised_mean():
    assert W.mu_in_words("if the bore is off by 0.02 how would we know") is None


@pytest.mark.parametrize(
    ("question", "value", "side"),
    [
        ("mean ph > 4.20 setpoint?", 4.2, "greater"),
        ("is avg fill <= 500?", 500.0, "less"),
        ("μ ≥ 12 for the shaft diameter?", 12.0, "greater"),
    ],
)
def test_inequality_symbol_names_value_and_side(question, value, side):
    assert W.mu_in_words(question) == (value, False)
    assert W.direction(question) == side


def test_p_or_n_with_a_symbol_is_no_hypothesis():
    assert W.mu_in_words("is it significant (p < 0.05)?") is None
    assert W.direction("n > 30 so normality does not matter") is None


def test_row_filter_with_a_symbol_stays_descriptive(pipe):
    table = pd.DataFrame({"pH": RNG.normal(4.2, 0.05, 30), "Ni [g/L]": RNG.normal(80, 2, 30)})
    a = _ask(pipe, "what is the mean Ni for readings with pH > 4.2?", table, family="descriptive")
    assert "Ni [g/L]" in a["columns"]


# ---- the pairing said, or denied, in words ---------------------------------------------------


@pytest.fixture(scope="module")
def old_new():
    return pd.DataFrame(
        {"Old mould": RNG.normal(5, 0.3, 14), "New mould": RNG.normal(5.1, 0.3, 14)}
    )


@pytest.mark.parametrize(
    "question",
    [
        "the old and new mould readings come from different parts; is the new mould higher?",
        "old mould vs new mould, moulded in separate batches - do they differ?",
        "these are not the same parts: compare old mould and new mould",
    ],
)
def test_samples_from_different_units_are_not_paired(pipe, old_new, question):
    a = _ask(pipe, question, old_new)
    assert a["analysis"] in ("ttest_welch", "ttest_pooled")


@pytest.mark.parametrize(
    "question",
    [
        "the same parts were read on both gauges: do old gauge and new gauge differ?",
        "each part was measured twice, old gauge and new gauge; any bias?",
        "with each part as its own control, compare old gauge and new gauge",
    ],
)
def test_pairing_described_is_paired(question):
    assert W.says_paired(question.lower())


def test_same_units_of_measure_is_no_pairing():
    assert not W.says_paired("are both gauges in the same units? compare old and new")


# ---- power in other software and past-tense wording ------------------------------------------


def test_sas_proc_power_arguments(pipe):
    q = "proc power; twosamplemeans meandiff = 2 stddev = 5 power = 0.9 npergroup = .; run;"
    r = read_power(q)
    assert r["difference"] == 2 and r["sd"] == 5 and r["power"] == 0.9 and r["solve_for"] == "n"
    a = _ask(pipe, q, family="power")
    assert a["key_numbers"]["solved_for"] == "n"
    assert a["key_numbers"]["effect_size"] == pytest.approx(0.4)


def test_sas_paired_power_is_paired():
    r = read_power("proc power; pairedmeans meandiff = 1 stddev = 2 npairs = 20 power = .; run;")
    assert r["kind"] == "paired" and r["n"] == 20 and r["solve_for"] == "power"


@pytest.mark.parametrize(
    "question",
    [
        "They checked 6 parts. If the real shift were 0.1 mm with an SD of 0.08 mm, how likely "
        "were they to have caught it?",
        "We sampled 9 bottles per line; with a 2 ml difference and sd 3 ml, how likely was the "
        "test to see it?",
    ],
)
def test_power_asked_in_the_past_tense(pipe, question):
    a = _ask(pipe, question, family="power")
    assert a["key_numbers"]["solved_for"] == "power"


def test_a_menu_path_is_no_inequality():
    q = "stat > basic statistics > 2-sample t, gauge_um by line"
    assert W.mu_in_words(q) is None
    assert W.direction(q) is None
