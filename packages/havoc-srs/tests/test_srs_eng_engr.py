"""Hypothesis tests, capability, regression and power read from phrasings the families were
not written with, one class of wording per test: the settings of a power request given as
software arguments, as "the sd of the differences", as a chance asked for; one-sided spec
limits in words; the mean held against a value; the direction of a one-sided test; the named
groups of a column with more groups; predictors named by meaning. Numbers are checked against
statsmodels and scipy."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.families.power import read_power


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(index=False)


# ---- power: the settings in any words ---------------------------------------------------------


def _n_ttest(effect: float, power: float, alpha: float, kind: str) -> int:
    from statsmodels.stats.power import TTestIndPower, TTestPower

    solver = TTestIndPower() if kind == "two-sample" else TTestPower()
    return math.ceil(solver.solve_power(effect_size=effect, power=power, alpha=alpha))


def _power_ttest(effect: float, n: int, alpha: float, kind: str) -> float:
    from statsmodels.stats.power import TTestIndPower, TTestPower

    solver = TTestIndPower() if kind == "two-sample" else TTestPower()
    return float(solver.power(effect, n, alpha))


@pytest.mark.parametrize(
    "question, delta, sd, power, alpha",
    [
        (
            "How many paired weighings do we need to detect a mean drift of 0.8 g when the sd "
            "of the differences is 1.2 g, power 0.9, alpha 0.05?",
            0.8, 1.2, 0.9, 0.05,
        ),
        (
            "Sample size for the paired re-test: Δ = 3 HV, s_d = 4 HV, power 0.85",
            3.0, 4.0, 0.85, 0.05,
        ),
        (
            "D2 plan: number of paired torque readings needed to detect an average loss of 6 Nm "
            "when the standard deviation of the differences is 5 Nm, power 0.95, α = 0.01",
            6.0, 5.0, 0.95, 0.01,
        ),
    ],
)  # fmt: skip
def test_paired_sample_size_from_sd_of_differences(pipe, question, delta, sd, power, alpha):
    r = pipe.run(question)
    assert r.status == "answered" and r.answer["family"] == "power", r.answer.get("missing")
    k = r.answer["key_numbers"]
    assert k["solved_for"] == "n" and k["power"] == pytest.approx(power)
    assert k["effect_size"] == pytest.approx(delta / sd)
    assert k["n"] == _n_ttest(delta / sd, power, alpha, "paired")


@pytest.mark.parametrize(
    "question, delta, sd, n, kind",
    [
        (
            "We can only afford 15 tanks; if the true mean is 2 ppm above the limit and the sd "
            "is about 3 ppm, what is the probability a one-sample t-test flags it?",
            2.0, 3.0, 15, "one-sample",
        ),
        (
            "With 8 coupons per alloy, the hardness difference we hope to see is 4 HV and the sd "
            "is like 3 HV. what's the real power?",
            4.0, 3.0, 8, "two-sample",
        ),
        (
            "Paired design on 10 riders, the change is about 0.5 s and the sd of the "
            "differences maybe 0.6 s - what power is that, roughly?",
            0.5, 0.6, 10, "paired",
        ),
    ],
)  # fmt: skip
def test_power_asked_as_a_chance_or_in_chat(pipe, question, delta, sd, n, kind):
    r = pipe.run(question)
    assert r.status == "answered" and r.answer["family"] == "power", r.answer.get("missing")
    k = r.answer["key_numbers"]
    assert k["solved_for"] == "power" and k["n"] == n
    assert k["power"] == pytest.approx(_power_ttest(delta / sd, n, 0.05, kind), abs=1e-6)


def test_power_settings_as_software_arguments(pipe):
    r = pipe.run("TTestIndPower().solve_power(effect_size=0.45, alpha=0.05, power=0.85) - n?")
    assert r.status == "answered" and r.answer["family"] == "power"
    assert r.answer["key_numbers"]["n"] == _n_ttest(0.45, 0.85, 0.05, "two-sample")
    s = read_power(
        'power.t.test(delta = 1.5, sd = 2, sig.level = 0.01, power = 0.9, type = "one.sample")'
    )
    assert (s["difference"], s["sd"], s["alpha"], s["power"], s["kind"]) == (
        1.5,
        2,
        0.01,
        0.9,
        "one-sample",
    )
    assert read_power("TTestPower().solve_power(effect_size=0.3, nobs=25)")["n"] == 25


def test_power_of_two_rates_written_as_percent_vs_percent(pipe):
    from statsmodels.stats.power import NormalIndPower
    from statsmodels.stats.proportion import proportion_effectsize

    r = pipe.run("seed lots: 82% vs 88% emergence, how many trays per lot for 90% power at 5%?")
    assert r.status == "answered" and r.answer["family"] == "power"
    k = r.answer["key_numbers"]
    assert k["power"] == pytest.approx(0.9) and k["alpha"] == pytest.approx(0.05)
    h = abs(proportion_effectsize(0.82, 0.88))
    want = NormalIndPower().solve_power(effect_size=h, power=0.9, alpha=0.05)
    assert abs(k["n"] - math.ceil(want)) <= 1


def test_power_after_a_percentage_is_alpha_not_power():
    s = read_power("how many per group for 85% power at 1%, d = 0.6?")
    assert s["power"] == 0.85 and s["alpha"] == 0.01 and s["effect"] == 0.6
    s = read_power("to be picked up with a probability of ninety per cent, delta 2, sd 4")
    assert s["power"] == 0.9


def test_a_document_code_is_not_cohens_d():
    assert "effect" not in read_power("8D step D3: how many parts to see a 2 mm shift, sd 3 mm?")
    assert read_power("8D step D3: d = 0.4, power 0.8, n?")["effect"] == 0.4


# ---- capability: limits in words --------------------------------------------------------------


@pytest.mark.parametrize(
    "question, lsl, usl",
    [
        ("Supply is 24 V ±5%, what is the Cpk of the rail voltage?", 22.8, 25.2),
        ("a 2% tolerance on the 250 mm nominal", 245.0, 255.0),
        ("resistors of nominal value 470 ohm and 5% tolerance", 446.5, 493.5),
        ("assay NLT 98.5 percent, capability?", 98.5, None),
        ("residual solvent limit NMT 0.5 %", None, 0.5),
        ("Cpk with 12.5 as the upper spec limit", None, 12.5),
        ("use 3.2 as our lower limit and tell me Ppk", 3.2, None),
        ("Cpk of fill: we reject a bottle if it is under 495 ml, anything over 510 ml is scrapped",
         495.0, 510.0),
        ("the release spec is ninety-eight point five minimum", 98.5, None),
        ("Especificación de 4,5 a 5,5 mm, ¿cuál es el Cpk?", 4.5, 5.5),
    ],
)  # fmt: skip
def test_spec_limits_in_words(question, lsl, usl):
    from havoc_srs.families._specs import spec_limits

    s = spec_limits(question)
    assert (s.lsl, s.usl) == (
        pytest.approx(lsl) if lsl else None,
        pytest.approx(usl) if usl else None,
    )


def _ppk(x: np.ndarray, lsl: float | None, usl: float | None) -> float:
    m, s = x.mean(), x.std(ddof=1)
    sides = [(m - lsl) / (3 * s)] if lsl is not None else []
    sides += [(usl - m) / (3 * s)] if usl is not None else []
    return min(sides)


def _table(seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "Panel": [f"P{i:03d}" for i in range(60)],
            "Gap (mm)": rng.normal(2.0, 0.1, 60).round(3),
            "Flush (mm)": rng.normal(0.0, 0.2, 60).round(3),
            "Torque (Nm)": rng.normal(31.0, 0.8, 60).round(2),
        }
    )


@pytest.mark.parametrize(
    "question, column, lsl, usl",
    [
        ("Wind-noise complaints start once a gap is wider than 2.35 mm, that counts as a "
         "defect. What capability index do the gaps give?", "Gap (mm)", None, 2.35),
        ("Do the door bolts clear the 28 Nm minimum torque with enough headroom?",
         "Torque (Nm)", 28.0, None),
        ("How many sigmas of room do the torques have above the 28 Nm floor? spec min 28 Nm",
         "Torque (Nm)", 28.0, None),
    ],
)  # fmt: skip
def test_capability_one_sided_in_words_matches_formula(pipe, question, column, lsl, usl):
    d = _table()
    r = pipe.run(question, data=d)
    assert r.status == "answered" and r.answer["family"] == "capability", r.answer.get("missing")
    assert r.answer["columns"] == [column]
    k = r.answer["key_numbers"]
    assert k.get("lsl") == lsl and k.get("usl") == usl
    assert k["Ppk"] == pytest.approx(_ppk(d[column].to_numpy(), lsl, usl), rel=1e-6)


def test_a_limit_with_no_side_is_placed_by_the_data(pipe):
    d = _table()
    r = pipe.run("What is the Ppk of the gap against the customer limit of 2.4?", data=d)
    assert r.status == "answered" and r.answer["key_numbers"]["usl"] == 2.4
    r = pipe.run("What is the Ppk of the torque against the limit of 28?", data=d)
    assert r.status == "answered" and r.answer["key_numbers"]["lsl"] == 28
    r = pipe.run("What is the Ppk of the gap against the limit of 2.0?", data=d)
    assert r.status == "needs_input"  # the data straddle it: no side to read


# ---- hypothesis tests: groups, directions and names in other words -----------------------------


def _kilns(seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    kiln = np.repeat(["K-1", "K-2", "K-3"], 15)
    shift = np.tile(["Day", "Night", "Day"], 15)
    mor = np.r_[rng.normal(30, 2, 15), rng.normal(28.5, 2, 15), rng.normal(30.5, 2.5, 15)]
    status = np.where(rng.random(45) < 0.12, "FAIL", "PASS")
    return pd.DataFrame(
        {"Tile": range(1, 46), "Kiln": kiln, "Shift": shift, "MOR (MPa)": mor.round(2),
         "QC": status}
    )  # fmt: skip


def _groups(d: pd.DataFrame, a: str, b: str) -> tuple[np.ndarray, np.ndarray]:
    return (
        d.loc[d["Kiln"] == a, "MOR (MPa)"].to_numpy(),
        d.loc[d["Kiln"] == b, "MOR (MPa)"].to_numpy(),
    )


@pytest.mark.parametrize(
    "question, first, second, alt",
    [
        ("Is kiln two producing weaker tiles than kiln one? t-test that doesn't assume the two "
         "kilns have the same spread, one-sided.", "K-2", "K-1", "less"),
        ("kiln 3 vs kiln 2 bending strength, one-tailed (kiln 3 higher), Welch", "K-3", "K-2",
         "greater"),
        ("Welch t-test of kiln one against kiln three on the modulus of rupture, two-sided; the "
         "crew thinks kiln three fires stronger tiles.", "K-1", "K-3", "two-sided"),
    ],
)  # fmt: skip
def test_two_groups_by_word_and_number_and_direction(pipe, question, first, second, alt):
    from scipy import stats

    d = _kilns()
    r = pipe.run(question, data=d)
    assert r.status == "answered" and r.answer["analysis"] == "ttest_welch", r.answer.get("missing")
    assert sorted(r.answer["columns"]) == ["Kiln", "MOR (MPa)"]
    k = r.answer["key_numbers"]
    assert k["alternative"] == alt
    want = stats.ttest_ind(*_groups(d, first, second), equal_var=False, alternative=alt)
    assert k["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


def test_software_call_and_normality_waived(pipe):
    from scipy import stats

    d = _kilns()
    r = pipe.run("scipy.stats.ttest_1samp(MOR, popmean=29.0) on the tiles, please", data=d)
    assert r.status == "answered" and r.answer["analysis"] == "ttest_1samp"
    want = stats.ttest_1samp(d["MOR (MPa)"], 29.0)
    assert r.answer["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)
    r = pipe.run(
        "Does the bending strength differ between the three kilns? It is skewed, so please "
        "don't assume normality.",
        data=d,
    )
    assert r.status == "answered" and r.answer["analysis"] == "kruskal"
    want = stats.kruskal(*[g["MOR (MPa)"].to_numpy() for _, g in d.groupby("Kiln")])
    assert r.answer["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


def test_overall_rate_of_a_pass_fail_column_against_a_stated_percent(pipe):
    from statsmodels.stats.proportion import proportions_ztest

    d = _kilns()
    r = pipe.run(
        "The kiln supplier promises at most 5% of tiles fail QC. Check whether the overall "
        "share of failing tiles exceeds that five percent.",
        data=d,
    )
    assert r.status == "answered" and r.answer["analysis"] == "proportion_1", r.answer
    assert r.answer["columns"] == ["QC"]
    x = int((d["QC"] == "FAIL").sum())
    k = r.answer["key_numbers"]
    assert k["alternative"] == "greater"
    z, p = proportions_ztest(x, len(d), 0.05, alternative="larger", prop_var=0.05)
    assert k["p_value"] == pytest.approx(p, rel=1e-6)


def test_numbered_units_named_as_the_factor(pipe):
    from scipy import stats

    rng = np.random.default_rng(11)
    coil = np.repeat(np.arange(7101, 7109), 4)
    d = pd.DataFrame({"Coil No": coil, "Point #": np.tile([1, 2, 3, 4], 8),
                      "Coating (g/m2)": (rng.normal(60, 1.5, 32) + (coil % 3)).round(2)})  # fmt: skip
    r = pipe.run("One-way ANOVA of coating weight with the coil as the factor, please.", data=d)
    assert r.status == "answered" and r.answer["analysis"] == "anova"
    assert sorted(r.answer["columns"]) == ["Coating (g/m2)", "Coil No"]
    want = stats.f_oneway(*[g["Coating (g/m2)"].to_numpy() for _, g in d.groupby("Coil No")])
    assert r.answer["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


# ---- regression: roles by meaning, categorical predictors ------------------------------------


def _bench(seed: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = 40
    t = rng.uniform(180, 240, n)
    ht = rng.choice([0.1, 0.2, 0.3], n)
    mat = rng.choice(["PLA", "PETG", "ABS"], n)
    uts = 20 + 0.12 * t - 25 * ht + np.select([mat == "PETG", mat == "ABS"], [3, -2], 0)
    return pd.DataFrame({"Nozzle T (°C)": t.round(1), "Layer ht (mm)": ht, "Material": mat,
                         "UTS MPa": (uts + rng.normal(0, 1, n)).round(2)})  # fmt: skip


@pytest.mark.parametrize(
    "question, predictors",
    [
        ("regresion of the strenght on temp and layer hight pls", ["Nozzle T (°C)", "Layer ht (mm)"]),
        ("I'd like the tensile strength expressed as a linear function of the nozzle temperature "
         "and the layer height, the coefficients being estimated by least squares.",
         ["Nozzle T (°C)", "Layer ht (mm)"]),
        ("fit a model of tensile strength on the two print settings (nozzle temperature, layer "
         "height)", ["Nozzle T (°C)", "Layer ht (mm)"]),
    ],
)  # fmt: skip
def test_regression_roles_by_meaning_match_ols(pipe, question, predictors):
    import statsmodels.api as sm

    d = _bench()
    r = pipe.run(question, data=d)
    assert r.status == "answered" and r.answer["family"] == "regression", r.answer.get("missing")
    assert sorted(r.answer["columns"]) == sorted([*predictors, "UTS MPa"])
    fit = sm.OLS(d["UTS MPa"], sm.add_constant(d[predictors])).fit()
    assert r.answer["key_numbers"]["r_squared"] == pytest.approx(fit.rsquared, rel=1e-9)


@pytest.mark.parametrize(
    "question",
    [
        "smf.ols('UTS ~ temp + C(material)', data=df).fit().summary() on this sheet",
        "regression of the strength on the nozzle temperature and the material",
        "lm(strength ~ temperature + material) please",
    ],
)
def test_categorical_predictor_matches_statsmodels(pipe, question):
    import statsmodels.formula.api as smf

    d = _bench()
    r = pipe.run(question, data=d)
    assert r.status == "answered" and r.answer["family"] == "regression", r.answer.get("missing")
    assert sorted(r.answer["columns"]) == ["Material", "Nozzle T (°C)", "UTS MPa"]
    frame = d.rename(columns={"Nozzle T (°C)": "t", "UTS MPa": "uts"})
    fit = smf.ols("uts ~ t + C(Material)", frame).fit()
    assert r.answer["key_numbers"]["r_squared"] == pytest.approx(fit.rsquared, rel=1e-9)
