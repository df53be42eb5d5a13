"""Hypothesis tests, capability, regression and power asked the way the blind corpora showed
people ask them, in phrasings written for these tests (not copied from any corpus): tables
pasted into the question, coded group values named by their number ("oven 2" for O2), one
sample named with a comparative and no "than", a yes/no column's rate, spec limits and
power settings in words. Numbers are checked against scipy and statsmodels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.reader.pasted import pasted_table
from scipy import stats
from statsmodels.stats.proportion import proportions_ztest


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(index=False)


def _ask(pipe, question, data=None, family=None, analysis=None):
    r = pipe.run(question, data=data)
    a = r.answer
    assert a["family"] == family, (question, a["family"])
    assert r.status == "answered", (question, r.status, a.get("missing"))
    if analysis is not None:
        assert a["analysis"] == analysis, (question, a["analysis"])
    return a


# ---- tables pasted into the question ----------------------------------------------------------

PASTED = [
    (
        "Temp (°C);Viscosity (mPa s)\n20;1,52\n30;1,21\n40;0,98\n50;0,80\n60;0,66\n"
        "Regress viscosity on temperature.",
        [20, 30, 40, 50, 60],
        [1.52, 1.21, 0.98, 0.80, 0.66],
    ),
    (
        "Torque (Nm) vs twist angle (deg): 5 -> 12.1, 10 -> 23.4, 15 -> 35.2, 20 -> 46.0, "
        "25 -> 57.9. Fit a straight line of angle on torque.",
        [5, 10, 15, 20, 25],
        [12.1, 23.4, 35.2, 46.0, 57.9],
    ),
    (
        "Spindle speed (rpm) and power draw (W): 500 61; 750 90; 1000 122; 1250 149; 1500 183. "
        "Linear regression of power draw on spindle speed.",
        [500, 750, 1000, 1250, 1500],
        [61, 90, 122, 149, 183],
    ),
]


@pytest.mark.parametrize("question,x,y", PASTED)
def test_pasted_pairs_regressed_like_scipy(pipe, question, x, y):
    a = _ask(pipe, question, family="regression")
    want = stats.linregress(x, y)
    assert a["key_numbers"]["slope"] == pytest.approx(want.slope, rel=1e-6)
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)
    assert len(a["columns"]) == 2


def test_pasted_block_with_spaces_multiple_regression(pipe):
    import statsmodels.api as sm

    q = (
        "From the bench log:\nload hours wear\n10 100 0.21\n20 100 0.35\n10 200 0.40\n"
        "20 200 0.62\n15 150 0.39\nRegress wear on load and hours."
    )
    a = _ask(pipe, q, family="regression")
    assert sorted(a["columns"]) == ["hours", "load", "wear"]
    frame = pasted_table(q)
    fit = sm.OLS(frame["wear"], sm.add_constant(frame[["load", "hours"]])).fit()
    assert a["key_numbers"]["r_squared"] == pytest.approx(fit.rsquared, rel=1e-6)


def test_pasted_table_layouts_and_refusals():
    t = pasted_table("rig data\nA\tB\n1\t2,5\n2\t3,5\n3\t4,5")
    assert t.columns.tolist() == ["A", "B"] and t["B"].tolist() == [2.5, 3.5, 4.5]
    # a comma-separated file: a comma is never a decimal point there
    t = pasted_table("x,y,z\n1,2,3\n4,5,6\n7,8,9")
    assert t.shape == (3, 3)
    # one row is not a table; rows of different widths are not one table; no header, no table
    assert pasted_table("a;b\n1;2") is None
    assert pasted_table("a b\n1 2\n3 4 5\n6 7") is None
    assert pasted_table("1 2\n3 4\n5 6") is None
    assert pasted_table("is the mean 5 -> 6?") is None


# ---- coded group values named by their number --------------------------------------------------


def _coded(prefix: str, column: str, response: str, k: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(1, k + 1):
        for v in rng.normal(50 + 1.5 * i, 2.0, 12):
            rows.append({column: f"{prefix}{i}", response: round(float(v), 3)})
    return pd.DataFrame(rows)


@pytest.mark.parametrize(
    "question,prefix,column,response,pair",
    [
        ("Welch t-test on cure time: oven 1 against oven 3.", "O", "Oven", "Cure time (min)", (1, 3)),
        ("press no. 4 vs press 2, t test on the burst pressure", "P-", "Press line", "Burst (bar)", (4, 2)),
        ("compare the hardness from mixer #2 and mixer #1 with a two-sample t-test", "MX", "Mixer", "Hardness", (2, 1)),
    ],
)  # fmt: skip
def test_coded_groups_named_by_number(pipe, question, prefix, column, response, pair):
    data = _coded(prefix, column, response, 4, seed=len(question))
    a = _ask(pipe, question, data, family="hypothesis_test")
    assert sorted(a["columns"]) == sorted([column, response])
    x = data.loc[data[column] == f"{prefix}{pair[0]}", response]
    y = data.loc[data[column] == f"{prefix}{pair[1]}", response]
    want = stats.ttest_ind(x, y, equal_var=False)
    assert abs(a["key_numbers"]["t"]) == pytest.approx(abs(want.statistic), rel=1e-6)
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


def test_one_sample_named_with_a_comparative(pipe):
    data = _coded("K", "Kiln", "Density (g/cm3)", 2, seed=3)
    a = _ask(pipe, "Mann-Whitney on density, kiln 1 vs kiln 2: is K2 actually higher?", data,
             family="hypothesis_test", analysis="mannwhitney")  # fmt: skip
    assert a["key_numbers"]["alternative"] == "greater"
    x = data.loc[data["Kiln"] == "K2", "Density (g/cm3)"]
    y = data.loc[data["Kiln"] == "K1", "Density (g/cm3)"]
    want = stats.mannwhitneyu(x, y, alternative="greater")
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)
    # both ways asked: two-sided
    a = _ask(pipe, "t-test, kiln 1 vs kiln 2: is K2 higher or lower?", data,
             family="hypothesis_test")  # fmt: skip
    assert a["key_numbers"]["alternative"] == "two-sided"


def test_yes_no_column_rate_by_means_of_a_z_test(pipe):
    rng = np.random.default_rng(11)
    rows = [{"Site": s, "Shipped complete": "Y" if rng.random() < p else "N", "Weight (kg)": 5.0}
            for s, p in (("Leeds", 0.9), ("Derby", 0.75)) for _ in range(80)]  # fmt: skip
    data = pd.DataFrame(rows)
    q = (
        "By means of a two-proportion z-test, establish whether the shipped-complete rate of "
        "Derby is inferior to that of Leeds."
    )
    a = _ask(pipe, q, data, family="hypothesis_test", analysis="proportion_2")
    assert sorted(a["columns"]) == ["Shipped complete", "Site"]
    assert a["key_numbers"]["alternative"] == "less"
    counts = [
        int((data[data.Site == s]["Shipped complete"] == "Y").sum()) for s in ("Derby", "Leeds")
    ]
    z, p = proportions_ztest(counts, [80, 80], alternative="smaller")
    assert a["key_numbers"]["p_value"] == pytest.approx(p, rel=1e-6)


# ---- capability: limits in words, one-sided limits, time units, wide subgroups -----------------


def _ppk(x: np.ndarray, lsl: float | None, usl: float | None) -> float:
    m, s = x.mean(), x.std(ddof=1)
    sides = [(usl - m) / (3 * s) if usl is not None else None,
             (m - lsl) / (3 * s) if lsl is not None else None]  # fmt: skip
    return min(v for v in sides if v is not None)


def test_wide_subgroups_beside_a_row_counter(pipe):
    rng = np.random.default_rng(5)
    block = rng.normal(2.0, 0.02, (20, 4)).round(4)
    data = pd.DataFrame(block, columns=["p1_mm", "p2_mm", "p3_mm", "p4_mm"])
    data.insert(0, "Board", range(1, 21))
    a = _ask(pipe, "What are Pp and Ppk of the thickness against 2.00 mm ± 0.06 mm?", data,
             family="capability")  # fmt: skip
    assert sorted(a["columns"]) == ["p1_mm", "p2_mm", "p3_mm", "p4_mm"]
    x = block.ravel()
    assert a["key_numbers"]["Pp"] == pytest.approx(0.12 / (6 * x.std(ddof=1)), rel=1e-6)
    assert a["key_numbers"]["Ppk"] == pytest.approx(_ppk(x, 1.94, 2.06), rel=1e-6)


@pytest.mark.parametrize(
    "question,column,lsl,usl",
    [
        ("Ppk of the peel strength against the 12 N min requirement, nothing on the upper side",
         "Peel strength (N)", 12.0, None),
        ("Jobs must be finished within two hours of release. What is our Ppk on that?",
         "Cycle time (min)", None, 120.0),
        ("Report the process performance of the cabin noise against the rule that it must not "
         "exceed 68 dB.", "Cabin noise (dB)", None, 68.0),
        ("capability of the bond line against a minimum requirement of 0.8 MPa", "Bond (MPa)",
         0.8, None),
    ],
)  # fmt: skip
def test_one_sided_limits_in_words(pipe, question, column, lsl, usl):
    rng = np.random.default_rng(len(question))
    centre = {"Peel strength (N)": 14.0, "Cycle time (min)": 95.0, "Cabin noise (dB)": 64.0,
              "Bond (MPa)": 1.1}[column]  # fmt: skip
    x = rng.normal(centre, centre * 0.03, 60).round(3)
    data = pd.DataFrame({"Lot": [f"L{i % 6}" for i in range(60)], column: x})
    a = _ask(pipe, question, data, family="capability")
    assert a["columns"] == [column]
    k = a["key_numbers"]
    assert k.get("lsl") == (pytest.approx(lsl) if lsl is not None else None)
    assert k.get("usl") == (pytest.approx(usl) if usl is not None else None)
    assert k["Ppk"] == pytest.approx(_ppk(x, lsl, usl), rel=1e-6)


# ---- power: the difference in the sd's unit, percent settings, shorthand ----------------------


def _power(pipe, question):
    return _ask(pipe, question, family="power")["key_numbers"]


@pytest.mark.parametrize(
    "question,kind,d",
    [
        ("Two kiln settings, sd about 12 kPa, a 9 kPa gap is what we would act on. How many "
         "specimens per setting for 90% power at 5%?", "two", 0.75),
        ("Bore diameter: the spread is about 2.5 µm and we must catch a drift of 1.5 µm from the "
         "nominal. Sample size for 80% power?", "one", 0.6),
        ("two coating lines, sigma roughly 0.8 g/m², we care about 0.6 g/m² between them -- how "
         "many panels each for 90% power?", "two", 0.75),
    ],
)  # fmt: skip
def test_difference_written_in_the_sd_unit(pipe, question, kind, d):
    import math

    from statsmodels.stats.power import TTestIndPower, TTestPower

    k = _power(pipe, question)
    assert k["solved_for"] == "n" and k["effect_size"] == pytest.approx(d)
    solver = TTestIndPower() if kind == "two" else TTestPower()
    want = solver.solve_power(effect_size=d, power=k["power"], alpha=0.05)
    assert k["n"] == math.ceil(want - 1e-9)


def test_percent_sd_and_change_and_batches_each(pipe):
    from statsmodels.stats.power import TTestIndPower

    k = _power(pipe, "the sd of yield is about 1.2 %, and a change of 1.5 % is what matters. "
                     "What power do 10 runs per recipe give at the 5% level?")  # fmt: skip
    assert k["power"] == pytest.approx(TTestIndPower().power(1.25, nobs1=10, alpha=0.05), rel=1e-6)
    k = _power(
        pipe, "With 6 batches each, sd 2 MPa and a difference of 3 MPa, what power do we get?"
    )
    assert k["power"] == pytest.approx(TTestIndPower().power(1.5, nobs1=6, alpha=0.05), rel=1e-6)


@pytest.mark.parametrize(
    "question,p1,p2,power",
    [
        ("n? 2 prop, 0.20 vs 0.12 scrap, a=0.05, 1-b=0.9", 0.20, 0.12, 0.9),
        ("We compare the scrap rates of two dies, expected at 6% and 2.5%. How many parts per die "
         "for 80% power?", 0.06, 0.025, 0.8),
    ],
)  # fmt: skip
def test_two_proportions_shorthand_and_sentence_end(pipe, question, p1, p2, power):
    import math

    from statsmodels.stats.power import NormalIndPower
    from statsmodels.stats.proportion import proportion_effectsize

    k = _power(pipe, question)
    h = proportion_effectsize(p1, p2)
    assert k["effect_size"] == pytest.approx(abs(h), rel=1e-9)
    assert k["n"] == math.ceil(NormalIndPower().solve_power(abs(h), power=power, alpha=0.05))


# ---- direction: a change after a treatment, times compared by speed words -----------------------


def test_paired_change_one_way_is_after_against_before(pipe):
    before = [3.10, 2.95, 3.30, 3.05, 3.22, 2.88, 3.15, 3.01]
    after = [3.02, 2.90, 3.18, 3.06, 3.10, 2.80, 3.09, 2.97]
    q = ("Wear depth before: " + " ".join(map(str, before)) + "; after: "
         + " ".join(map(str, after)) + ". Does the new coating cut the wear? Paired test please.")  # fmt: skip
    a = _ask(pipe, q, family="hypothesis_test", analysis="ttest_paired")
    want = stats.ttest_rel(before, after, alternative="greater")
    assert a["key_numbers"]["alternative"] == "greater"
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)
    rng = np.random.default_rng(2)
    pre = rng.normal(20, 2, 12).round(2)
    data = pd.DataFrame({"Unit": range(1, 13), "Throughput pre (pcs/h)": pre,
                         "Throughput post (pcs/h)": (pre + rng.normal(0.8, 1, 12)).round(2)})  # fmt: skip
    a = _ask(pipe, "after the firmware update is throughput higher than before? paired t", data,
             family="hypothesis_test", analysis="ttest_paired")  # fmt: skip
    want = stats.ttest_rel(data.iloc[:, 1], data.iloc[:, 2], alternative="less")
    assert a["key_numbers"]["alternative"] == "less"
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)
    # a change without a direction stays two-sided
    a = _ask(pipe, "did the firmware update change throughput, before vs after? paired t", data,
             family="hypothesis_test", analysis="ttest_paired")  # fmt: skip
    assert a["key_numbers"]["alternative"] == "two-sided"


def test_times_compared_by_speed_words(pipe):
    rng = np.random.default_rng(8)
    data = pd.DataFrame({"Crew": ["Day"] * 15 + ["Night"] * 15,
                         "Changeover time (min)": np.r_[rng.normal(42, 5, 15), rng.normal(47, 5, 15)]})  # fmt: skip
    a = _ask(pipe, "Are the night crew's changeovers slower than the day crew's?", data,
             family="hypothesis_test")  # fmt: skip
    night = data.loc[data.Crew == "Night", "Changeover time (min)"]
    day = data.loc[data.Crew == "Day", "Changeover time (min)"]
    want = stats.ttest_ind(night, day, equal_var=False, alternative="greater")
    assert a["key_numbers"]["alternative"] == "greater"
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


# ---- counts written total first with a longer phrase; the limit's percentage --------------------


@pytest.mark.parametrize(
    "question,x,n,p0,alt",
    [
        ("400 solder joints were X-rayed and 14 had voiding above 25% of the pad. The process "
         "limit is no more than 2% voided joints. Is the voiding rate above that limit?",
         14, 400, 0.02, "larger"),
        ("250 castings were checked by dye penetrant and 11 showed cracks. The customer allows "
         "at most 3% cracked. Are we above that?", 11, 250, 0.03, "larger"),
        ("We pulled 180 crimped terminals off the line and 4 failed the pull test; target is "
         "under 5% failures. Is the failure rate below 5%?", 4, 180, 0.05, "smaller"),
    ],
)  # fmt: skip
def test_one_proportion_total_first_against_the_limit(pipe, question, x, n, p0, alt):
    a = _ask(pipe, question, family="hypothesis_test", analysis="proportion_1")
    z, p = proportions_ztest(x, n, p0, alternative=alt, prop_var=p0)
    assert a["key_numbers"]["n"] == n
    assert a["key_numbers"]["p_value"] == pytest.approx(p, rel=1e-6)


# ---- the value a mean is held against: 'vs 27', in words, a spec window's centre ---------------


@pytest.mark.parametrize(
    "question,mu,alpha",
    [
        ("one-sample t: bolt preload vs 27, alpha ten percent", 27.0, 0.10),
        ("Test whether the mean bolt preload differs from twenty-seven kN", 27.0, 0.05),
        ("t-test: is the mean bolt preload centred in the 24-30 kN window?", 27.0, 0.05),
        ("Does the average preload sit mid-spec (spec 25 to 30 kN)? one-sample t", 27.5, 0.05),
    ],
)  # fmt: skip
def test_one_sample_value_in_words(pipe, question, mu, alpha):
    rng = np.random.default_rng(4)
    x = rng.normal(27.3, 1.2, 40).round(2)
    data = pd.DataFrame({"Bolt": [f"B{i:02d}" for i in range(40)], "Preload (kN)": x})
    a = _ask(pipe, question, data, family="hypothesis_test", analysis="ttest_1samp")
    want = stats.ttest_1samp(x, mu)
    assert a["key_numbers"]["alpha"] == pytest.approx(alpha)
    assert a["key_numbers"]["t"] == pytest.approx(want.statistic, rel=1e-6)
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


def test_a_word_one_is_not_a_value(pipe):
    rng = np.random.default_rng(6)
    data = pd.DataFrame({"Gun": ["G1"] * 10 + ["G2"] * 10, "Force (kN)": rng.normal(27, 1, 20)})
    a = _ask(
        pipe, "does the force differ from one gun to the other?", data, family="hypothesis_test"
    )
    assert a["analysis"] in ("ttest_welch", "ttest_pooled")


def test_formula_in_words_names_each_column_once(pipe):
    import statsmodels.api as sm

    rng = np.random.default_rng(9)
    temp, time_ = rng.normal(150, 8, 40), rng.normal(30, 4, 40)
    data = pd.DataFrame({
        "Cure temp (°C)": temp, "Cure time (min)": time_,
        "Cure shrink %": rng.normal(1.2, 0.1, 40),
        "Hardness (Shore D)": 20 + 0.3 * temp + 0.4 * time_ + rng.normal(0, 2, 40),
    })  # fmt: skip
    a = _ask(pipe, "hardness ~ cure time + cure temp, multiple regression? does temp add anything",
             data, family="regression")  # fmt: skip
    assert sorted(a["columns"]) == ["Cure temp (°C)", "Cure time (min)", "Hardness (Shore D)"]
    fit = sm.OLS(
        data["Hardness (Shore D)"], sm.add_constant(data[["Cure time (min)", "Cure temp (°C)"]])
    ).fit()
    assert a["key_numbers"]["r_squared"] == pytest.approx(fit.rsquared, rel=1e-6)


@pytest.mark.parametrize(
    "question,column,lsl,usl",
    [
        ("Cpk of the seal torque: nominal 12 Nm, tolerance plus or minus 1.5", "Seal torque (Nm)",
         10.5, 13.5),
        ("Ppk for the pick time? Orders must leave the shelf within 40 minutes.",
         "Pick time (min)", None, 40.0),
        ("how capable is the ramp time? the customer allows 9 minutes at most", "Ramp (min)",
         None, 9.0),
        ("The minimum coating is 0.25 mm. Ppk please.", "Coating (mm)", 0.25, None),
        ("leakage current must stay under 4.2 mOhm, cpk pls", "Leak (mΩ)", None, 4.2),
    ],
)  # fmt: skip
def test_more_limits_in_words(pipe, question, column, lsl, usl):
    rng = np.random.default_rng(len(question))
    centre = (
        0.5 * ((lsl or 0) + (usl or 0)) if lsl and usl else (lsl or usl) * (1.2 if lsl else 0.8)
    )
    x = rng.normal(centre, abs(centre) * 0.03, 50).round(4)
    data = pd.DataFrame({"Lot": [f"L{i % 5}" for i in range(50)], "Temp (°C)": rng.normal(20, 1, 50),
                         column: x})  # fmt: skip
    a = _ask(pipe, question, data, family="capability")
    assert a["columns"] == [column]
    k = a["key_numbers"]
    assert k.get("lsl") == (pytest.approx(lsl) if lsl is not None else None)
    assert k.get("usl") == (pytest.approx(usl) if usl is not None else None)
    assert k["Ppk"] == pytest.approx(_ppk(x, lsl, usl), rel=1e-6)
