"""Engineering questions in classes of wording the readers missed: a position counter beside the
measurement, a sample named by the one word of its header the others lack, a limit stated
before the question asks which way, counts written total first ("checked 250, 11 had cracks"),
a header that abbreviates the words the question spells out ("relative humidity" for RH_pct),
and roles stated outright ("y = density, x = sand, gravel"). Numbers are checked against scipy
and statsmodels. The phrasings and tables were written for these tests."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from havoc_srs import Pipeline
from havoc_srs.families import _hypothesis_words as W
from havoc_srs.families._typos import DESIGN_WORDS, correct_word, fix_typos
from scipy import stats
from statsmodels.stats.proportion import proportions_ztest

RNG = np.random.default_rng(20261206)


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(index=False)


def _ask(pipe, question, data=None, family="hypothesis_test", analysis=None):
    r = pipe.run(question, data=data)
    a = r.answer
    assert a["family"] == family, (question, a["family"])
    assert r.status == "answered", (question, r.status, a.get("missing"))
    if analysis is not None:
        assert a["analysis"] == analysis, (question, a["analysis"])
    return a


# ---- one module for typing slips ---------------------------------------------------------------


def test_one_typo_module_serves_both_strengths():
    assert fix_typos("sampel size for a stnadard deviation of 2") == (
        "sample size for a standard deviation of 2"
    )
    assert correct_word("fcator", DESIGN_WORDS) == "factor"
    assert correct_word("Desgin", DESIGN_WORDS) == "design"
    assert correct_word("actor", DESIGN_WORDS) == "actor"  # a real word stays
    assert correct_word("simple") == "simple"


# ---- hypothesis tests --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lots():
    rows = []
    for lot, mean in (("L-A", 80.0), ("L-B", 81.2)):
        for i in range(30):
            rows.append({"Lot": lot, "Unit #": i % 5 + 1, "Mass (g)": RNG.normal(mean, 1.5)})
    return pd.DataFrame(rows)


def test_position_counter_is_not_the_measurement(pipe, lots):
    a = _ask(pipe, "do the L-B units come out heavier than the L-A units?", lots)
    assert set(a["columns"]) == {"Lot", "Mass (g)"}
    b = lots.loc[lots.Lot == "L-B", "Mass (g)"]
    x = lots.loc[lots.Lot == "L-A", "Mass (g)"]
    want = stats.ttest_ind(b, x, equal_var=False, alternative="greater")
    assert a["key_numbers"]["alternative"] == "greater"
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


def test_sample_named_by_its_own_header_word():
    labels = ["Gap before [mm]", "Gap after [mm]"]
    assert W.ordered_comparison("is the gap after smaller than before?", labels) == (
        "Gap after [mm]",
        "Gap before [mm]",
        "less",
    )
    assert W.ordered_comparison("is team blue slower then team grey", ["Grey", "Blue"]) == (
        "Blue",
        "Grey",
        "less",
    )


def test_paired_one_sided_by_header_word(pipe):
    before = RNG.normal(2.0, 0.2, 15)
    df = pd.DataFrame(
        {"Gap before [mm]": before, "Gap after [mm]": before - 0.1 + RNG.normal(0, 0.05, 15)}
    )
    a = _ask(
        pipe,
        "Same housings, measured twice. Paired test: is the gap after smaller than before?",
        df,
    )
    assert a["analysis"] == "ttest_paired"
    want = stats.ttest_rel(df["Gap after [mm]"], df["Gap before [mm]"], alternative="less")
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


def test_promised_within_a_value_is_the_mean_tested(pipe):
    hours = RNG.normal(45.0, 6.0, 40)
    df = pd.DataFrame({"Ticket": [f"T{i:03d}" for i in range(40)], "Resolution (h)": hours})
    q = "Tickets are promised to be closed within 48 hours on average. Is the mean resolution below that?"
    a = _ask(pipe, q, df, analysis="ttest_1samp")
    want = stats.ttest_1samp(hours, 48.0, alternative="less")
    assert a["key_numbers"]["alternative"] == "less"
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


def test_counts_written_total_first():
    assert W.counts_in_words("we checked 250 castings; 11 of them showed cracks") == [(11, 250)]
    assert W.counts_in_words("inspected 120 boards, of which 7 failed") == [(7, 120)]
    assert W.counts_in_words("the 3 lines ran 8 hours") == []


def test_limit_stated_then_the_question_points_the_way(pipe):
    q = "The spec tolerates at most 5% scrap. From 300 pieces, 24 were scrapped - are we above 5%?"
    assert W.direction(q.lower()) == "greater"
    a = _ask(pipe, q, None, analysis="proportion_1")
    z, p = proportions_ztest(24, 300, 0.05, alternative="larger", prop_var=0.05)
    assert a["key_numbers"]["alternative"] == "greater"
    assert a["key_numbers"]["z"] == pytest.approx(z, rel=1e-9)
    assert a["key_numbers"]["p_value"] == pytest.approx(p, rel=1e-9)


# ---- regression --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mixes():
    n = 30
    sand = RNG.uniform(600, 900, n)
    gravel = RNG.uniform(900, 1200, n)
    rh = RNG.uniform(30, 80, n)
    dens = 1.2 * sand / gravel * 1000 + 0.1 * sand + RNG.normal(0, 15, n)
    return pd.DataFrame(
        {
            "Sand (kg)": sand.round(1),
            "Gravel (kg)": gravel.round(1),
            "s/g ratio": (sand / gravel).round(3),
            "RH_pct": rh.round(1),
            "Density": dens.round(1),
        }
    )


def _ols(df, y, xs):
    d = df.rename(columns={c: f"v{i}" for i, c in enumerate([y, *xs])})
    return smf.ols("v0 ~ " + " + ".join(f"v{i + 1}" for i in range(len(xs))), d).fit()


def test_header_initials_spelled_out(pipe, mixes):
    a = _ask(pipe, "Fit a line predicting density from the relative humidity.", mixes, "regression")
    assert set(a["columns"]) == {"Density", "RH_pct"}
    assert a["key_numbers"]["slope"] == pytest.approx(
        _ols(mixes, "Density", ["RH_pct"]).params.iloc[1]
    )


def test_slash_ratio_spelled_out_is_one_column(pipe, mixes):
    a = _ask(
        pipe,
        "How does density change as the sand-gravel ratio goes up? A straight line.",
        mixes,
        "regression",
    )
    assert set(a["columns"]) == {"Density", "s/g ratio"}
    assert a["key_numbers"]["slope"] == pytest.approx(
        _ols(mixes, "Density", ["s/g ratio"]).params.iloc[1]
    )


def test_roles_stated_outright(pipe, mixes):
    a = _ask(pipe, "OLS please: y = density, x = sand, gravel.", mixes, "regression")
    assert set(a["columns"]) == {"Density", "Sand (kg)", "Gravel (kg)"}
    fit = _ols(mixes, "Density", ["Sand (kg)", "Gravel (kg)"])
    assert a["key_numbers"]["r_squared"] == pytest.approx(fit.rsquared, rel=1e-9)


def test_fit_of_described_y_on_described_x(pipe, mixes):
    a = _ask(
        pipe,
        "Is density tied to gravel at all? A quick fit of density on gravel will do.",
        mixes,
        "regression",
    )
    assert set(a["columns"]) == {"Density", "Gravel (kg)"}
    assert a["key_numbers"]["slope"] == pytest.approx(
        _ols(mixes, "Density", ["Gravel (kg)"]).params.iloc[1]
    )


# ---- power -------------------------------------------------------------------------------------


def test_power_settings_in_other_words():
    from havoc_srs.families.power import read_power

    r = read_power(
        "would 25 parts from each press be enough to notice if press B runs 0.4 mm thicker? "
        "the sd is around 0.6 mm"
    )
    assert (r["difference"], r["sd"], r["n"], r["solve_for"]) == (0.4, 0.6, 25, "power")
    r = read_power(
        "how many per arm if the first-pass yield should climb from 60% to 70%, 90% power"
    )
    assert (r["p1"], r["p2"], r["power"], r["solve_for"]) == (0.6, 0.7, 0.9, "n")
    r = read_power("sample size for an anova across 5 recipes, effect size f 0.3, power 0.85.")
    assert (r["k"], r["effect_f"], r["power"]) == (5, 0.3, 0.85)
    r = read_power("n per group to see a 2 percentage-point gap, sd 3, and what if it were 4")
    assert r["difference"] == 2
    assert read_power("the true offset were 1.2 g, sd 2 g, 10 per line")["difference"] == 1.2


def test_power_without_data_is_not_a_summary_of_a_stated_sd(pipe):
    from statsmodels.stats.power import TTestIndPower

    q = (
        "Suppose line 2 really fills 1.5 g heavier on average; are 20 bags per line enough to "
        "see it? The SD of bag weight is 3 g."
    )
    a = _ask(pipe, q, None, "power")
    want = TTestIndPower().power(effect_size=0.5, nobs1=20, alpha=0.05)
    assert a["key_numbers"]["power"] == pytest.approx(want, rel=1e-4)


def test_anova_power_groups_named_by_their_noun(pipe):
    from statsmodels.stats.power import FTestAnovaPower

    a = _ask(
        pipe,
        "Which power do we get for an ANOVA of 4 coatings, 15 panels each, effect f 0.25?",
        None,
        "power",
    )
    want = FTestAnovaPower().power(effect_size=0.25, nobs=60, alpha=0.05, k_groups=4)
    assert a["key_numbers"]["power"] == pytest.approx(want, rel=1e-3)
