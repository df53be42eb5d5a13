"""Session 15 (eng15): general classes of phrasing in the engineering families.

Each class is tested with phrasings written here (none copied from a corpus) and a near miss
the rule must not fire on:

- a limit written with its unit spelled out ("at most 60 litres") names the one column kept in
  that unit ("Water (L)");
- an acronym X-of-Y said as the English compound "Y X" ("performance coefficient" for COP), and
  the engineering families' column finder reads initials at all;
- a tolerance range given with a verb of acceptance ("we accept 9.8 to 10.6");
- a wide block of subgroup columns (G1..G5) chosen beside another measured column when the
  question states its width as the subgroup size, asks for an X-bar chart, or writes its unit;
- a subgroup size said as what a sample is ("each sample is 5 bottles");
- two short codes of one column set against each other name a t-test's groups ("D vs N");
- a mean said to have moved, drifted or crept, and in which direction ("drifted up");
- the value to test against after "target <quantity> is" ("target weight is 310 g");
- a one-sided claim the data are asked to contradict: the alternative is its opposite side;
- a significance level written number first ("1% alpha");
- "at or below 48" as a limit, and a defect rate asked per million as a capability question;
- identifier headers marked by a number sign ("Vat#", "Sample #");
- a setting adjusted "to hit" an outcome names the regression's response;
- a duration phrase ("wash length") resolved among the columns kept in time units;
- a test run "on the coded factorial" names the design, not a missing quantity;
- a control chart named by the two statistics it plots ("individuals + moving range").
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.data import Dataset
from havoc_srs.families._hypothesis_words import direction, mu_in_words
from havoc_srs.families._specs import spec_limits
from havoc_srs.families._sqc import subgroup_size
from havoc_srs.phrasing import Phrasing, read_phrasing
from havoc_srs.plan import mentioned
from havoc_srs.reader.columns import _is_id


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(index=False)


def _answered(r) -> None:
    assert r.status == "answered", r.answer.get("conclusion")


# ---------------------------------------------------------------------------------------------
# a unit spelled out in a limit names the column kept in that unit


@pytest.fixture(scope="module")
def dryer() -> pd.DataFrame:
    rng = np.random.default_rng(151)
    n = 80
    return pd.DataFrame(
        {
            "Run": range(1, n + 1),
            "Dwell (min)": rng.normal(42, 3, n).round(1),
            "Purge flow L": rng.normal(30, 2.5, n).round(2),
            "Ignition lag s": rng.normal(12, 2.0, n).round(2),
            "Mass kg": rng.normal(7.5, 0.4, n).round(3),
        }
    )


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("The burner must light within 20 seconds. Is the process capable?", "Ignition lag s"),
        ("purge flow is allowed to be at most 38 litres; what is the Ppk?", "Purge flow L"),
        ("the load may not exceed 9 kilograms - how capable is the line?", "Mass kg"),
    ],
)
def test_a_spelled_unit_names_the_column_of_a_limit(pipe, dryer, question, want) -> None:
    r = pipe.run(question, data=dryer)
    _answered(r)
    assert r.answer["family"] == "capability"
    assert r.answer["columns"] == [want]


def test_a_unit_no_column_has_names_nothing(pipe, dryer) -> None:
    # volts: no column of the sheet is kept in volts
    r = pipe.run("the supply must stay at most 24 volts. is the process capable?", data=dryer)
    assert r.status != "answered"


# ---------------------------------------------------------------------------------------------
# an X-of-Y acronym said as the compound "Y X"; initials in the engineering column finder


@pytest.fixture(scope="module")
def pumps() -> pd.DataFrame:
    rng = np.random.default_rng(152)
    n = 60
    return pd.DataFrame(
        {
            "day": range(1, n + 1),
            "T_supply_C": rng.normal(45, 2, n).round(1),
            "COP": rng.normal(3.8, 0.3, n).round(2),
            "ROS": rng.normal(0.12, 0.02, n).round(3),
            "Power_kW": rng.normal(5, 0.5, n).round(2),
        }
    )


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("an EWMA chart of the performance coefficient, please", "COP"),
        ("I-MR chart of the coefficient of performance", "COP"),
        ("plot the slope rate on an individuals chart", "ROS"),  # rate of slope
    ],
)
def test_an_of_acronym_said_as_a_compound(pipe, pumps, question, want) -> None:
    r = pipe.run(question, data=pumps)
    _answered(r)
    assert r.answer["family"] == "spc_chart"
    assert r.answer["columns"] == [want]


def test_a_compound_with_a_head_that_takes_no_of_is_no_acronym() -> None:
    # "power consumption": "consumption" is not a head read as "X of Y" here, so no COP
    assert "COP" not in mentioned("chart the power consumption", ["COP", "Power_kW", "day"])
    assert "COP" in mentioned("chart the performance coefficient", ["COP", "Power_kW", "day"])


# ---------------------------------------------------------------------------------------------
# a tolerance given with a verb of acceptance


@pytest.mark.parametrize(
    ("question", "lsl", "usl"),
    [
        ("We accept 4.5 to 5.5 on the gap. Cpk?", 4.5, 5.5),
        ("the customer allows 120-130 for hardness; capability please", 120.0, 130.0),
        ("our line tolerates 0.8 to 1.2 mm of burr height", 0.8, 1.2),
    ],
)
def test_a_range_with_a_verb_of_acceptance(question, lsl, usl) -> None:
    s = spec_limits(question)
    assert (s.lsl, s.usl) == (lsl, usl)
    assert s.strong


def test_a_range_without_any_limit_word_is_not_strong() -> None:
    s = spec_limits("the readings ran from 4.5 to 5.5 over the week")
    assert not s.strong


# ---------------------------------------------------------------------------------------------
# a wide block of subgroup columns chosen beside another measured column


@pytest.fixture(scope="module")
def wide() -> pd.DataFrame:
    rng = np.random.default_rng(153)
    n = 25
    out = {"Hour": range(1, n + 1), "Line speed (m/min)": rng.normal(80, 4, n).round(1)}
    for k in range(1, 5):
        out[f"W{k}_g"] = rng.normal(250, 1.5, n).round(2)
    return pd.DataFrame(out)


BLOCK = ["W1_g", "W2_g", "W3_g", "W4_g"]


@pytest.mark.parametrize(
    ("question", "family"),
    [
        ("Cp and Cpk please, spec 250 +/- 5 g, every sample is four bottles", "capability"),
        ("x-bar and R chart, please", "spc_chart"),
        ("Is the filling capable against 245 to 255 g?", "capability"),
    ],
)
def test_a_wide_block_is_chosen_when_the_question_points_at_it(
    pipe, wide, question, family
) -> None:
    r = pipe.run(question, data=wide)
    _answered(r)
    assert r.answer["family"] == family
    assert r.answer["columns"] == BLOCK


def test_a_wide_block_is_not_chosen_for_an_individuals_chart(pipe, wide) -> None:
    # no size, no x-bar, no unit: which column is charted stays a question
    r = pipe.run("individuals chart please", data=wide)
    assert r.status != "answered"


@pytest.mark.parametrize(
    ("question", "size"),
    [
        ("each sample is 5 bottles", 5),
        ("every subgroup has four castings", 4),
        ("a sample consists of 3 parts", 3),
    ],
)
def test_a_subgroup_size_said_as_what_a_sample_is(question, size) -> None:
    assert subgroup_size(question, Phrasing()) == size


def test_a_sample_weighed_in_a_unit_is_no_subgroup_size() -> None:
    assert subgroup_size("each sample is 5 g heavier than the last", Phrasing()) is None


# ---------------------------------------------------------------------------------------------
# two short codes of one column set against each other name a t-test's groups


@pytest.fixture(scope="module")
def shifts() -> pd.DataFrame:
    rng = np.random.default_rng(154)
    n = 60
    return pd.DataFrame(
        {
            "unit_id": [f"U{i:03d}" for i in range(n)],
            "Crew": np.tile(["E", "L"], n // 2),
            "Cell": np.repeat(["C1", "C2", "C3"], n // 3),
            "Torque_Nm": rng.normal(12, 0.8, n).round(2),
        }
    )


@pytest.mark.parametrize(
    "question",
    ["t-test torque, E vs L", "is torque different, L versus E? welch", "torque: E against L"],
)
def test_contrasted_codes_name_the_groups(pipe, shifts, question) -> None:
    r = pipe.run(question, data=shifts)
    _answered(r)
    assert r.answer["family"] == "hypothesis_test"
    assert sorted(r.answer["columns"]) == ["Crew", "Torque_Nm"]


def test_codes_of_two_columns_are_no_contrast(pipe, shifts) -> None:
    # E is a Crew code, C2 a Cell code: nothing is set against a code of its own column
    r = pipe.run("t-test torque, E vs C2", data=shifts)
    assert r.status != "answered" or "Crew" not in r.answer["columns"]


# ---------------------------------------------------------------------------------------------
# a mean said to have moved; the direction of a movement verb; the value after "target X is"


@pytest.mark.parametrize(
    ("question", "alternative"),
    [
        ("n = 12 cans, mean 331.2 ml, sd 1.4 ml; nominal is 330 ml. Has the fill crept up?",
         "greater"),
        ("n = 25, mean 9.62, sd 0.5. The target depth is 10. Has the mean shifted?", "two-sided"),
        ("sample of 18: mean 4.41, sd 0.2; the set point is 4.5. Did the process drift down?",
         "less"),
    ],
)  # fmt: skip
def test_a_mean_said_to_have_moved_is_tested(pipe, question, alternative) -> None:
    r = pipe.run(question)
    _answered(r)
    assert r.answer["family"] == "hypothesis_test"
    assert r.answer["key_numbers"]["alternative"] == alternative


def test_a_summary_without_a_change_asked_is_no_test(pipe) -> None:
    r = pipe.run("n = 12 cans, mean 331.2 ml, sd 1.4 ml. What is the standard error?")
    assert r.answer.get("family") != "hypothesis_test"


@pytest.mark.parametrize(
    ("text", "mu"),
    [
        ("the target diameter is 12.5 mm", 12.5),
        ("nominal thickness of 3.2", 3.2),
        ("the spec value says 40", 40.0),
    ],
)
def test_the_value_after_a_target_quantity(text, mu) -> None:
    assert mu_in_words(text) == (mu, False)


def test_direction_words_of_movement() -> None:
    assert direction("has the weight drifted up?") == "greater"
    assert direction("the bore has crept lower since May") == "less"
    assert direction("did the mean slide down a bit") == "less"
    # the noun "shift" is no movement: "the night shift higher" reads only "higher"-less words
    assert direction("is the night shift down the hall different from days?") != "less"


# ---------------------------------------------------------------------------------------------
# a one-sided claim the data are asked to contradict


@pytest.mark.parametrize(
    ("text", "alternative"),
    [
        ("The vendor claims the cells last at least 500 cycles. Do our data contradict that?",
         "less"),
        ("the supplier promises no more than 2 ppm. is there evidence against the promise?",
         "greater"),
        ("they advertise a minimum of 40 MPa; can we refute it?", "less"),
    ],
)  # fmt: skip
def test_the_alternative_of_a_contradicted_claim(text, alternative) -> None:
    assert direction(text.lower()) == alternative


def test_a_claim_not_questioned_keeps_its_own_side() -> None:
    # no contradiction asked: "at least" points the usual way
    assert direction("the vendor claims at least 500 cycles; is the mean at least 500?") == (
        "greater"
    )


# ---------------------------------------------------------------------------------------------
# a significance level written number first


@pytest.mark.parametrize(
    ("text", "alpha"),
    [
        ("how many pairs for 90% power with a 1% alpha?", 0.01),
        ("test at 10 percent significance please", 0.1),
        ("use a 0.02 significance level for this", 0.02),
    ],
)
def test_alpha_written_number_first(text, alpha) -> None:
    assert read_phrasing(text).slots.get("alpha") == pytest.approx(alpha)


def test_a_confidence_is_no_alpha() -> None:
    assert read_phrasing("95% confidence interval please").slots.get("alpha") is None


# ---------------------------------------------------------------------------------------------
# "at or below" as a limit; a defect rate asked per million


@pytest.mark.parametrize(
    ("text", "lsl", "usl"),
    [
        ("keep the scrap at or below 3 percent", None, 3.0),
        ("fill must be at or above 500 g", 500.0, None),
        ("the level should be equal to or less than 0.8", None, 0.8),
    ],
)
def test_at_or_below(text, lsl, usl) -> None:
    s = spec_limits(text)
    assert (s.lsl, s.usl) == (lsl, usl)


@pytest.mark.parametrize(
    "question",
    [
        "ash content must be at most 9 percent. How many lots in a million would fail?",
        "ash content 9 % max - what's the DPMO?",
        "with an upper limit of 9 on ash, how many loaves would be out of spec per million?",
    ],
)
def test_a_defect_rate_per_million_is_capability(pipe, question) -> None:
    rng = np.random.default_rng(155)
    frame = pd.DataFrame({"Lot": range(1, 61), "Ash (%)": rng.normal(7.5, 0.5, 60).round(2)})
    r = pipe.run(question, data=frame)
    _answered(r)
    assert r.answer["family"] == "capability"


def test_a_count_per_million_of_the_rows_is_no_capability(pipe) -> None:
    frame = pd.DataFrame({"Lot": range(1, 61), "Ash (%)": np.linspace(7, 8, 60)})
    r = pipe.run("what is the mean ash content?", data=frame)
    assert r.answer.get("family") != "capability"


# ---------------------------------------------------------------------------------------------
# identifier headers marked by a number sign


@pytest.mark.parametrize("header", ["Vat#", "Sample #", "Batch No."])
def test_a_number_sign_marks_an_identifier(header) -> None:
    ds = Dataset.from_frame(pd.DataFrame({header: range(1, 31), "y": np.arange(30) * 0.5}))
    assert _is_id(header, ds)


def test_a_hash_inside_a_measure_is_no_identifier() -> None:
    ds = Dataset.from_frame(pd.DataFrame({"C# score": np.arange(30) * 0.3, "y": range(30)}))
    assert not _is_id("C# score", ds)


# ---------------------------------------------------------------------------------------------
# a setting adjusted to hit an outcome; a duration phrase among time columns


@pytest.fixture(scope="module")
def oven() -> pd.DataFrame:
    rng = np.random.default_rng(156)
    n = 70
    t = rng.uniform(170, 190, n)
    s = rng.uniform(2, 6, n)
    return pd.DataFrame(
        {
            "Tray#": range(1, n + 1),
            "Oven T (C)": t.round(1),
            "Steam (kg/h)": s.round(2),
            "Bake [min]": rng.uniform(20, 30, n).round(1),
            "Wait to unload (min)": rng.uniform(1, 9, n).round(1),
            "Crust colour": (0.3 * t + 2 * s + rng.normal(0, 1, n)).round(2),
        }
    )


@pytest.mark.parametrize(
    "question",
    [
        "Bakers set oven temperature and steam to hit a crust colour. Fit a model.",
        "we tweak the steam and the oven temperature in order to reach the crust colour we want;"
        " regression please",
        "operators adjust steam and oven temperature so as to get a crust colour - model it",
    ],
)
def test_settings_adjusted_to_hit_an_outcome(pipe, oven, question) -> None:
    r = pipe.run(question, data=oven)
    _answered(r)
    assert r.answer["key_numbers"]["formula"].startswith("crust_colour ~")
    assert "Tray#" not in r.answer["columns"]


@pytest.mark.parametrize(
    "question",
    [
        "model crust colour from bake length and steam",
        "predict crust colour from the bake duration and the steam",
        "regress crust colour on how long the bake lasts and on steam",
    ],
)
def test_a_duration_phrase_means_the_time_column(pipe, oven, question) -> None:
    r = pipe.run(question, data=oven)
    _answered(r)
    assert sorted(r.answer["columns"]) == sorted(["Crust colour", "Bake [min]", "Steam (kg/h)"])


def test_a_duration_phrase_with_a_length_column_is_left_alone() -> None:
    from havoc_srs.families._regression_roles import _duration_pool

    cols = ["Bake [min]", "Loaf length (mm)", "Crust colour"]
    assert _duration_pool("bake length", cols) == []
    assert _duration_pool("bake length", ["Bake [min]", "Crust colour"]) == ["Bake [min]"]


# ---------------------------------------------------------------------------------------------
# a test run on the design itself; a chart named by its two statistics


def test_a_test_on_the_coded_factorial_names_no_quantity(pipe) -> None:
    rng = np.random.default_rng(157)
    runs = pd.DataFrame(
        [(a, b, c) for _ in range(2) for c in (-1, 1) for b in (-1, 1) for a in (-1, 1)],
        columns=["A: Speed", "B: Feed", "C: Depth"],
    )
    runs["Burr (um)"] = (
        20 + 3 * runs["A: Speed"] - 2 * runs["B: Feed"] + rng.normal(0, 0.5, 16)
    ).round(2)
    for q in (
        "anova on the coded factorial, the response is the burr",
        "analyse the full factorial for the burr height",
        "ANOVA of the design results, response burr",
    ):
        r = pipe.run(q, data=runs)
        _answered(r)
        assert r.answer["family"] == "doe_analysis"


@pytest.mark.parametrize(
    ("question", "analysis"),
    [
        ("individuals + moving range: 8.1 8.4 7.9 8.2 8.8 8.0 8.3 8.5 8.1 7.8 8.6 8.2", "chart_imr"),
        ("individual values and moving ranges for 3.2 3.5 3.1 3.3 3.6 3.4 3.2 3.0 3.5 3.3",
         "chart_imr"),
        ("individuals with the moving range please: 55 57 54 58 56 55 59 57 56 54", "chart_imr"),
    ],
)  # fmt: skip
def test_a_chart_named_by_its_two_statistics(pipe, question, analysis) -> None:
    r = pipe.run(question)
    _answered(r)
    assert r.answer["analysis"] == analysis


def test_a_moving_range_asked_alone_is_a_statistic() -> None:
    from havoc_srs.families.spc_chart import _PAIR_OF_STATS

    assert _PAIR_OF_STATS.search("what is the average moving range of 3 4 5 6") is None


# ---------------------------------------------------------------------------------------------
# counts typed over their sample sizes as fractions


@pytest.mark.parametrize(
    ("question", "analysis", "center"),
    [
        ("scrap / made per shift: 3/120, 5/118, 2/125, 6/122, 4/119, 3/121. p chart please",
         "chart_p", 23 / 725),
        ("failed over tested each day 12/400 9/410 15/395 11/402 10/398 - control chart?",
         "chart_p", 57 / 2005),
        ("scratches / panels inspected: 14/10, 9/8, 17/12, 11/9, 13/10. u-chart", "chart_u",
         64 / 49),
    ],
)  # fmt: skip
def test_counts_typed_as_fractions(pipe, question, analysis, center) -> None:
    r = pipe.run(question)
    _answered(r)
    assert r.answer["analysis"] == analysis
    assert r.answer["key_numbers"]["center"] == pytest.approx(center)


def test_dates_are_no_fractions() -> None:
    from havoc_srs.families.spc_chart import typed_fractions

    q = "readings on 12/05/2024, 13/05/2024, 14/05/2024 and 15/05/2024: p chart?"
    assert typed_fractions(q, "p", q.lower()) is None
    # a measurement chart asked: fractions are not its counts
    q2 = "xbar chart: 3/120, 5/118, 2/125, 6/122"
    assert typed_fractions(q2, "xbar_r", q2.lower()) is None


# ---------------------------------------------------------------------------------------------
# a gage study typed in: operators named in two words, a pasted pipe table


@pytest.mark.parametrize(
    "question",
    [
        "gage study:\nS1: tech Ann 2.11 2.12, tech Bob 2.15 2.14\nS2: tech Ann 2.31 2.30, "
        "tech Bob 2.33 2.35\nS3: tech Ann 1.98 1.99, tech Bob 2.02 2.01\n%GRR?",
        "part 1: op X 10.1 10.2, op Y 10.4 10.3; part 2: op X 9.6 9.7, op Y 9.9 9.8; "
        "part 3: op X 10.8 10.9, op Y 11.0 11.1. repeatability and reproducibility",
        "| sample | inspector | r1 | r2 |\n|---|---|---|---|\n| 1 | Kim | 3.1 | 3.2 |\n"
        "| 1 | Lee | 3.3 | 3.3 |\n| 2 | Kim | 2.7 | 2.8 |\n| 2 | Lee | 2.9 | 3.0 |\n"
        "| 3 | Kim | 3.6 | 3.5 |\n| 3 | Lee | 3.8 | 3.7 |\nR&R study on this",
    ],
)
def test_a_typed_gage_study(pipe, question) -> None:
    r = pipe.run(question)
    _answered(r)
    assert r.answer["family"] == "measurement_system"
    assert r.answer["key_numbers"]["n_parts"] == 3
    assert r.answer["key_numbers"]["n_operators"] == 2


def test_a_pasted_table_of_two_labels_without_a_gage_word_stays_a_table(pipe) -> None:
    q = (
        "| shift | outcome |\n|---|---|\n| day | pass |\n| day | fail |\n| night | pass |\n"
        "| night | fail |\n| day | pass |\n| night | fail |\nis outcome independent of shift?"
    )
    r = pipe.run(q)
    assert r.answer.get("family") == "contingency"


# ---------------------------------------------------------------------------------------------
# replicates typed after each sign tuple of a two-level design


@pytest.mark.parametrize(
    ("question", "n"),
    [
        ("duplicated 2^2: (-,-) 20, 22; (+,-) 30, 31; (-,+) 25, 24; (+,+) 41, 39", 8),
        ("(-,-) 5.1 / 5.3; (+,-) 6.0 / 6.2; (-,+) 4.8 / 4.9; (+,+) 7.7 / 7.5 - effects?", 8),
        ("three repeats each: (-,-) 10, 11, 12; (+,-) 14, 15, 13; (-,+) 9, 10, 10; "
         "(+,+) 20, 19, 21", 12),
    ],
)  # fmt: skip
def test_replicates_after_sign_tuples(question, n) -> None:
    from havoc_srs.reader.numbers import _sign_tuple_table

    t = _sign_tuple_table(question)
    assert t is not None and len(t) == n
    assert list(t.columns) == ["A", "B", "y"]
    assert t["A"].tolist()[:2] == [-1.0, -1.0]  # a run's replicates share its settings


def test_unequal_replicates_keep_one_response_per_run() -> None:
    from havoc_srs.reader.numbers import _sign_tuple_table

    t = _sign_tuple_table("(-,-) 20, 22; (+,-) 30; (-,+) 25, 24; (+,+) 41")
    assert t is not None and len(t) == 4


# ---------------------------------------------------------------------------------------------
# the variation a column explains is a model's question


@pytest.mark.parametrize(
    "question",
    [
        "does humidity explain the variation in drying time?",
        "how much of the variability in drying time is accounted for by humidity?",
        "is the spread of drying time explained by humidity?",
    ],
)
def test_explained_variation_is_a_regression(pipe, question) -> None:
    rng = np.random.default_rng(158)
    h = rng.uniform(30, 80, 50)
    frame = pd.DataFrame(
        {"humidity_pct": h.round(1), "drying_time_min": (20 + 0.3 * h + rng.normal(0, 2, 50))}
    )
    r = pipe.run(question, data=frame)
    _answered(r)
    assert r.answer["family"] == "regression"


def test_spread_compared_between_groups_stays_a_variance_question(pipe) -> None:
    rng = np.random.default_rng(159)
    frame = pd.DataFrame(
        {"line": np.repeat(["L1", "L2"], 30), "gap_mm": rng.normal(2, 0.1, 60).round(3)}
    )
    r = pipe.run("is the variation in gap different between the lines?", data=frame)
    assert r.answer.get("family") == "variance"


# ---------------------------------------------------------------------------------------------
# an equation solved when the unknown is asked by its letter or the verb is another language's


@pytest.mark.parametrize(
    ("question", "solutions"),
    [
        ("3*x - 7 = 8, x = ?", [5.0]),
        ("z^2 - 9 = 0", [-3.0, 3.0]),
        ("Résous : 2*y + 1 = 9", [4.0]),
    ],
)
def test_an_equation_without_an_english_verb(pipe, question, solutions) -> None:
    r = pipe.run(question)
    _answered(r)
    assert r.answer["family"] == "symbolic"
    assert sorted(r.answer["key_numbers"]["numeric_solutions"]) == solutions


def test_a_sample_size_asked_by_its_letter_is_no_equation(pipe) -> None:
    r = pipe.run("d = 0.4, alpha = 0.05, power = 0.9, n = ?")
    assert r.answer.get("family") == "power"


# ---------------------------------------------------------------------------------------------
# Polish: "in control", a chart's code kept whole, units and water in their cases


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("Czy temperatura wody jest pod kontrolą?", ["water", "in control"]),
        ("Karta kontrolna dla czasu w sekundach, proszę", ["control chart", "seconds"]),
        ("Czy zużycie energii w kilogramach pary jest pod kontrolą?", ["energy", "kilograms"]),
    ],
)
def test_polish_units_and_control(question, words) -> None:
    from havoc_srs.reader.foreign import to_english

    text = to_english(question) or ""
    assert all(w in text for w in words), text


def test_polish_hydrogen_is_not_water() -> None:
    from havoc_srs.reader.foreign import to_english

    assert "water" not in (to_english("Czy stężenie wodór jest pod kontrolą w próbce?") or "")


# ---------------------------------------------------------------------------------------------
# two samples said to follow one pattern (now that initials name both columns, the wording must
# carry the shape)


@pytest.mark.parametrize(
    "question",
    [
        "Do the North American and European revenues follow the same pattern?",
        "does EU_Revenue follow a similar shape to NA_Revenue?",
        "do European and North American revenue follow a common underlying form?",
    ],
)
def test_two_samples_following_one_pattern(pipe, question) -> None:
    rng = np.random.default_rng(160)
    frame = pd.DataFrame(
        {
            "EU_Revenue": rng.gamma(2.0, 1.0, 80).round(3),
            "NA_Revenue": rng.gamma(2.0, 1.4, 80).round(3),
        }
    )
    r = pipe.run(question, data=frame)
    _answered(r)
    assert r.answer["family"] == "distribution"


def test_following_a_procedure_is_no_shape() -> None:
    from havoc_srs.reader import _SAME_SHAPE

    assert re.search(_SAME_SHAPE, "do both plants follow the same procedure?") is None


# ---------------------------------------------------------------------------------------------
# one quantity in two columns, untreated and treated ("Cd baseline", "Cd w/ fairing")


@pytest.fixture(scope="module")
def treated() -> pd.DataFrame:
    rng = np.random.default_rng(161)
    base = rng.normal(80, 3, 20)
    return pd.DataFrame(
        {
            "Unit": [f"M{i:02d}" for i in range(20)],
            "Noise control": base.round(2),
            "Noise w/ damper": (base - 1.5 + rng.normal(0, 0.5, 20)).round(2),
            "Load (kg)": rng.uniform(10, 20, 20).round(1),
        }
    )


@pytest.mark.parametrize(
    ("question", "lowered"),
    [
        ("paired t-test on noise, control vs damper", False),
        ("did the damper lower the noise? one-sided paired test", True),
        ("paired comparison of the noise with and without the damper", False),
    ],
)
def test_a_baseline_and_treated_pair(pipe, treated, question, lowered) -> None:
    r = pipe.run(question, data=treated)
    _answered(r)
    assert r.answer["analysis"] == "ttest_paired"
    assert sorted(r.answer["columns"]) == ["Noise control", "Noise w/ damper"]
    alt = r.answer["key_numbers"]["alternative"]
    if not lowered:
        assert alt == "two-sided"
    else:  # the damper's noise below the control's, whichever sample the DSL puts first
        damper_first = r.answer["dsl"].index("noise_w_damper") < r.answer["dsl"].index(
            "noise_control"
        )
        assert alt == ("less" if damper_first else "greater")


def test_two_treated_columns_are_no_baseline_pair() -> None:
    from havoc_srs.families._hypothesis_words import baseline_pairs

    words = {"Noise w/ damper": ["noise", "w", "damper"], "Noise w/ foam": ["noise", "w", "foam"]}
    assert baseline_pairs(words) == []
    words["Noise bare"] = ["noise", "bare"]
    assert ("Noise bare", "Noise w/ damper", ["noise"]) in baseline_pairs(words)


def test_codes_listed_with_or_are_all_the_groups(pipe, shifts) -> None:
    # "(C1, C2 or C3)" lists the groups: an ANOVA over all of them, not C2 against C3
    r = pipe.run("torque by cell (C1, C2 or C3): do the cells differ on average?", data=shifts)
    _answered(r)
    assert r.answer["analysis"] in ("anova", "welch_anova")
