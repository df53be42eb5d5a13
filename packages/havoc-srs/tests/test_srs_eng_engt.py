"""Capability and hypothesis-test questions in classes of wording the readers missed, with
phrasings and tables written for these tests: one limit in words no reader knew (another
language, "criterion", "minimum side only"), found as the one number on the data's scale; a
target with a single limit (no Cpm); deviations written apart from the nominal ("-0.1 / +0.3");
limits passed to software ("spec.limits = c(9.5, 10.5)") and capability called by its software
name or menu path; the subgroup column reported when the question names it.
Indices are checked against their textbook formulas, tests against scipy."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.families._specs import spec_limits
from scipy import stats
from statsmodels.stats.proportion import proportions_ztest

RNG = np.random.default_rng(20261207)


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(index=False)


def _ask(pipe, question, data=None, family="capability", analysis=None):
    r = pipe.run(question, data=data)
    a = r.answer
    assert a["family"] == family, (question, a["family"])
    assert r.status == "answered", (question, r.status, a.get("missing"), a.get("conclusion"))
    if analysis is not None:
        assert a["analysis"] == analysis, (question, a["analysis"])
    return a


def _ppk(x, lsl=None, usl=None):
    x = np.asarray(x, float)
    m, s = x.mean(), x.std(ddof=1)
    sides = [(usl - m) / (3 * s) if usl is not None else None]
    sides.append((m - lsl) / (3 * s) if lsl is not None else None)
    return min(v for v in sides if v is not None)


# ---- capability: one limit on the data's scale -------------------------------------------------


@pytest.fixture(scope="module")
def seals():
    n = 40
    return pd.DataFrame(
        {
            "Seal no": np.arange(1, n + 1),
            "Peel strength (N)": RNG.normal(24.0, 1.2, n),
            "Jaw temp (°C)": RNG.normal(165.0, 2.0, n),
        }
    )


@pytest.mark.parametrize(
    ("question", "side", "limit"),
    [
        ("Los sellos deben quedar por encima de 20 N. ¿Cuál es el Ppk?",
         "lsl", 20.0),
        ("Peel strength capability against the customer's criterion of 20 (minimum side only).",
         "lsl", 20.0),
        ("Audit item 7: show the peel results stay clear of the 29 N requirement. Ppk?",
         "usl", 29.0),
    ],
)  # fmt: skip
def test_one_limit_read_from_the_data_scale(pipe, seals, question, side, limit):
    a = _ask(pipe, question, seals)
    k = a["key_numbers"]
    assert a["columns"] == ["Peel strength (N)"]
    assert k[side] == pytest.approx(limit)
    assert k.get("lsl" if side == "usl" else "usl") is None
    x = seals["Peel strength (N)"]
    ref = _ppk(x, lsl=limit) if side == "lsl" else _ppk(x, usl=limit)
    assert k["Ppk"] == pytest.approx(ref, rel=1e-9)


def test_no_number_on_the_scale_still_asks(pipe, seals):
    r = pipe.run("What is the Cpk of the peel strength? Our spec is in document 4471.", seals)
    assert r.status == "needs_input"


def test_one_limit_picks_the_column_on_whose_scale_it_lies(pipe, seals):
    a = _ask(pipe, "Ppk please; the limit below which a seal is rejected is 19.5", seals)
    assert a["columns"] == ["Peel strength (N)"]
    assert a["key_numbers"]["lsl"] == pytest.approx(19.5)


def test_target_with_one_limit_runs_without_cpm(pipe, seals):
    a = _ask(pipe, "Peel strength capability, LSL 20 N, target 24 N.", seals)
    k = a["key_numbers"]
    assert k["lsl"] == 20 and k.get("usl") is None
    assert k["Ppk"] == pytest.approx(_ppk(seals["Peel strength (N)"], lsl=20), rel=1e-9)


# ---- capability: limits written as deviations or passed to software ----------------------------


@pytest.mark.parametrize(
    ("text", "lsl", "usl"),
    [
        ("the nominal is 40.0 mm and the drawing allows -0.1 / +0.3", 39.9, 40.3),
        ("target 12.00, tolerance +0.05/-0.02", 11.98, 12.05),
        ("nominal 250 g, we accept +6, -2", 248.0, 256.0),
        ("process.capability(q, spec.limits = c(9.5, 10.5))", 9.5, 10.5),
        ("capability(x, limits=(0.8, 1.2))", 0.8, 1.2),
    ],
)
def test_limits_as_deviations_or_code(text, lsl, usl):
    sp = spec_limits(text)
    assert (sp.lsl, sp.usl) == (pytest.approx(lsl), pytest.approx(usl))


@pytest.fixture(scope="module")
def rings():
    # five rings measured per subgroup, one row per subgroup
    data = RNG.normal(10.0, 0.08, (20, 5))
    return pd.DataFrame(data, columns=[f"d{i}_mm" for i in range(1, 6)])


@pytest.mark.parametrize(
    "question",
    [
        "Run the equivalent of qcc::process.capability(qcc(rings, type='xbar'), "
        "spec.limits = c(9.7, 10.3)) on these subgroups.",
        "Minitab: Stat > Quality Tools > Capability Analysis > Normal, LSL 9.7, USL 10.3, "
        "subgroups across rows.",
    ],
)
def test_capability_called_by_software(pipe, rings, question):
    a = _ask(pipe, question, rings)
    k = a["key_numbers"]
    assert (k["lsl"], k["usl"]) == (9.7, 10.3)
    x = rings.to_numpy().ravel()
    assert k["Pp"] == pytest.approx(0.6 / (6 * x.std(ddof=1)), rel=1e-9)


def test_subgroup_column_reported_when_named(pipe):
    n = 60
    frame = pd.DataFrame(
        {"Sample grp": np.repeat(np.arange(1, 13), 5), "Torque Nm": RNG.normal(12.0, 0.2, n)}
    )
    a = _ask(
        pipe, "torque capability, 11.4 to 12.6 Nm, subgroups given by the Sample grp column", frame
    )
    assert sorted(a["columns"]) == ["Sample grp", "Torque Nm"]
    # sigma within from the pooled subgroup sd (the table's own subgroups)
    g = frame.groupby("Sample grp")["Torque Nm"]
    pooled = np.sqrt(((frame["Torque Nm"] - g.transform("mean")) ** 2).sum() / (n - 12))
    assert a["key_numbers"]["sigma_within"] > 0
    assert a["key_numbers"]["Cp"] == pytest.approx(
        1.2 / (6 * a["key_numbers"]["sigma_within"]), rel=1e-9
    )
    assert a["key_numbers"]["sigma_within"] == pytest.approx(pooled, rel=0.05)


# ---- hypothesis tests --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pads():
    rows = []
    for kind, mean, sd in (("Semi-met", 0.42, 0.09), ("Ceramic", 0.30, 0.03), ("NAO", 0.35, 0.04)):
        for _ in range(12):
            rows.append({"Pad type": kind, "Wear (mm)": RNG.normal(mean, sd),
                         "Disc temp (°C)": RNG.normal(300, 20)})  # fmt: skip
    return pd.DataFrame(rows)


@pytest.mark.parametrize(
    "question",
    [
        "Compare the average wear of semi-metallic and ceramic pads; the variances are clearly "
        "not equal.",
        "Mean wear, semi-metallic against ceramic, and please don't pool the variances.",
        "t.test(Wear ~ Pad, subset Semi-met vs Ceramic, var.equal = FALSE)",
    ],
)
def test_variance_assumption_of_a_means_test_stays_a_test(pipe, pads, question):
    a = _ask(pipe, question, pads, family="hypothesis_test", analysis="ttest_welch")
    x = pads.loc[pads["Pad type"] == "Semi-met", "Wear (mm)"]
    y = pads.loc[pads["Pad type"] == "Ceramic", "Wear (mm)"]
    ref = stats.ttest_ind(x, y, equal_var=False)
    assert abs(a["key_numbers"]["t"]) == pytest.approx(abs(ref.statistic), rel=1e-9)
    assert a["key_numbers"]["p_value"] == pytest.approx(ref.pvalue, rel=1e-9)


@pytest.fixture(scope="module")
def fills():
    return pd.DataFrame({"Cup no": np.arange(1, 31), "Fill (ml)": RNG.normal(251.0, 1.5, 30)})


@pytest.mark.parametrize(
    ("question", "alt"),
    [
        ("H0: mu = 250 ml, H1: mu > 250, alpha = 0.05", "greater"),
        ("Ho: μ = 250 ; Ha: μ ≠ 250 on the fill volumes", "two-sided"),
        ("Are the cups filled above 250 ml on average, yes or no at 5 %?", "greater"),
    ],
)
def test_hypotheses_in_notation_or_decision_at_a_level(pipe, fills, question, alt):
    a = _ask(pipe, question, fills, family="hypothesis_test", analysis="ttest_1samp")
    ref = stats.ttest_1samp(fills["Fill (ml)"], 250, alternative=alt)
    assert a["key_numbers"]["alternative"] == alt
    assert a["key_numbers"]["p_value"] == pytest.approx(ref.pvalue, rel=1e-9)


@pytest.mark.parametrize(
    "question",
    [
        "My data are skewed and I don't trust ANOVA; is there a rank-based way to see whether "
        "the pad types wear differently?",
        "Non-parametric comparison of wear across pad types rather than an ANOVA, please.",
    ],
)
def test_rank_based_way_over_a_named_anova(pipe, pads, question):
    a = _ask(pipe, question, pads, family="hypothesis_test", analysis="kruskal")
    groups = [g["Wear (mm)"].to_numpy() for _, g in pads.groupby("Pad type")]
    assert a["key_numbers"]["p_value"] == pytest.approx(stats.kruskal(*groups).pvalue, rel=1e-9)


def test_before_after_headers_that_differ_in_units(pipe):
    before = RNG.normal(0.22, 0.01, 15)
    frame = pd.DataFrame(
        {"Pos": np.arange(1, 16), "Gap_before_mm": before, "Gap after (mm)": before - 0.01}
    )
    frame["Gap after (mm)"] += RNG.normal(0, 0.004, 15)
    a = _ask(pipe, "We shimmed the fixture to make the gap smaller. Did it really work?", frame,
             family="hypothesis_test", analysis="ttest_paired")  # fmt: skip
    ref = stats.ttest_rel(frame["Gap_before_mm"], frame["Gap after (mm)"], alternative="greater")
    assert a["key_numbers"]["alternative"] == "greater"
    assert a["key_numbers"]["p_value"] == pytest.approx(ref.pvalue, rel=1e-9)


def test_software_call_sets_paired_and_direction(pipe):
    old = RNG.normal(1.6, 0.1, 12)
    frame = pd.DataFrame(
        {"Ra_old_tool_um": old, "Ra new tool (µm)": old - RNG.normal(0.2, 0.05, 12)}
    )
    a = _ask(pipe, "scipy.stats.ttest_rel(old, new, alternative='greater') on the Ra readings",
             frame, family="hypothesis_test", analysis="ttest_paired")  # fmt: skip
    ref = stats.ttest_rel(frame["Ra_old_tool_um"], frame["Ra new tool (µm)"], alternative="greater")
    assert a["key_numbers"]["p_value"] == pytest.approx(ref.pvalue, rel=1e-9)


@pytest.mark.parametrize(
    ("question", "x", "alt"),
    [
        ("Before the retrofit 30 of 400 lamps flickered; after it, 14 of 410 did. Is the flicker "
         "rate after lower than before?", [14, 30], "smaller"),
        ("Line A had 9 rejects out of 300 and line B 21 out of 310. Is line B's reject rate higher "
         "than line A's?", [21, 9], "larger"),
        ("Vendor Kato: 7 of 250 cracked, vendor Ruiz: 15 of 260 cracked. Is Kato's crack rate "
         "lower than Ruiz's?", [7, 15], "smaller"),
    ],
)  # fmt: skip
def test_typed_counts_compared_by_their_clauses(pipe, question, x, alt):
    a = _ask(pipe, question, None, family="hypothesis_test", analysis="proportion_2")
    sizes = {14: 410, 30: 400, 21: 310, 9: 300, 7: 250, 15: 260}
    _, p = proportions_ztest(x, [sizes[v] for v in x], alternative=alt)
    assert a["key_numbers"]["p_value"] == pytest.approx(p, rel=1e-6)
