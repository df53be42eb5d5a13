"""Session 15 (lead): general classes found on a new writer's tables.

- Engineering test sheets name dimensionless groups and coefficients by their symbol ("Cd" the
  drag coefficient, "Re" the Reynolds number, "Nu" the Nusselt number).
- Samples typed one per line or item under a code label without a colon ("K1 6.1 6.3 ...").
- Rows of counts whose label is two words ("Line A 14 defective 186 ok").
- Sign tuples of a two-level experiment without a tuple of factor names ("Temp lo/hi, Time
  lo/hi, yield: (-,-) 61, (+,-) 70, ..."), unsigned 1 for the high level and centre points
  typed after the runs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.reader.numbers import _sign_tuple_table, count_table, inline_table


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(index=False)


@pytest.fixture(scope="module")
def tunnel() -> pd.DataFrame:
    """A wind-tunnel sheet: drag and lift coefficients by Reynolds number and angle."""
    rng = np.random.default_rng(15)
    re_ = rng.uniform(1.5, 6.0, 30).round(2)
    cd = (0.42 - 0.02 * re_ + rng.normal(0, 0.01, 30)).round(4)
    return pd.DataFrame(
        {
            "Run": [f"R{i:02d}" for i in range(1, 31)],
            "Re_1e5": re_,
            "Cd": cd,
            "CL": (0.8 + 0.05 * re_ + rng.normal(0, 0.03, 30)).round(3),
            "Nu": (40 + 6 * re_ + rng.normal(0, 2, 30)).round(1),
            "AoA (deg)": rng.choice([0, 4, 8], 30),
        }
    )


@pytest.mark.parametrize(
    ("question", "want"),
    [
        (
            "does the drag coefficient fall as the Reynolds number rises? correlation",
            {"Cd", "Re_1e5"},
        ),
        ("Spearman between Nusselt number and Reynolds number", {"Nu", "Re_1e5"}),
        ("is lift related to drag? pearson", {"CL", "Cd"}),
    ],
)
def test_engineering_symbols_name_their_quantity(pipe, tunnel, question, want) -> None:
    r = pipe.run(question, data=tunnel)
    assert r.status == "answered", r.answer.get("conclusion")
    assert set(r.answer["columns"]) == want


def test_a_symbol_does_not_capture_an_unrelated_quantity(pipe, tunnel) -> None:
    # nothing in the sheet is a pressure drop: the question must not be grounded on "Cd"
    r = pipe.run("is the pressure drop correlated with the angle of attack?", data=tunnel)
    assert r.status != "answered" or "Cd" not in r.answer.get("columns", [])


@pytest.mark.parametrize(
    ("question", "labels"),
    [
        ("shrinkage by kiln:\nK1 6.1 6.3 6.0 6.4 6.2\nK2 6.5 5.7 6.9 6.0 6.6\nK3 6.2 6.1 6.3 6.2 6.0",
         ["K1", "K2", "K3"]),
        ("cavity C1 2.31 2.29 2.35 2.30; cavity C2 2.41 2.38 2.44 2.40 - same spread?",
         ["cavity C1", "cavity C2"]),
        ("Line7 14.2 14.8 14.1 15.0 14.6 and Line9 13.9 14.0 14.3 13.8 14.1", ["Line7", "Line9"]),
    ],
)  # fmt: skip
def test_samples_under_code_labels_without_a_colon(question, labels) -> None:
    t = inline_table(question)
    assert t is not None and list(t.columns) == labels
    assert all(t[c].notna().sum() >= 4 for c in labels)


def test_code_labelled_lines_run_the_test_asked(pipe) -> None:
    q = "three ovens, cure %:\nOv1 6.1 6.3 6.0 6.4 6.2\nOv2 6.5 5.7 6.9 6.0 6.6\nOv3 6.2 6.1 6.3 6.2 6.0\nlevene"
    r = pipe.run(q)
    assert r.status == "answered", r.answer.get("conclusion")
    assert r.answer["family"] == "variance"
    assert "levene" in r.answer["dsl"]


def test_a_single_measurement_with_a_code_is_not_a_sample() -> None:
    # "CO2 400" then one more number is not two samples of four
    assert inline_table("the CO2 was 400 ppm and the O2 21 percent. is that normal?") is None


@pytest.mark.parametrize(
    ("question", "rows", "cells"),
    [
        ("Line A 14 defective 186 ok, Line B 27 defective 173 ok. chi-square?",
         ["Line A", "Line B"], [[14, 186], [27, 173]]),
        ("night shift 3 scrap 97 good, day shift 5 scrap 195 good; independent?",
         ["night shift", "day shift"], [[3, 97], [5, 195]]),
        ("Press 4 12 cracked 88 sound, Press 5 4 cracked 96 sound. fisher",
         ["Press 4", "Press 5"], [[12, 88], [4, 96]]),
    ],
)  # fmt: skip
def test_count_rows_with_two_word_labels(question, rows, cells) -> None:
    t = count_table(question)
    assert t is not None
    assert [r.lower() for r in t.index] == [r.lower() for r in rows]
    assert t.to_numpy().tolist() == cells


def test_one_word_count_rows_still_read() -> None:
    t = count_table("exposed 2 cases 18 controls, unexposed 9 cases 11 controls")
    assert t is not None and list(t.index) == ["exposed", "unexposed"]


def test_two_word_rows_run_a_contingency_test(pipe) -> None:
    r = pipe.run(
        "Van A 14 late 186 on-time, Van B 27 late 173 on-time; is lateness tied to the van?"
    )
    assert r.status == "answered", r.answer.get("conclusion")
    assert r.answer["family"] == "contingency"
    assert "[[14, 186], [27, 173]]" in r.answer["dsl"]


def test_sign_tuples_take_factor_names_from_low_high_words() -> None:
    t = _sign_tuple_table(
        "Speed lo/hi, Feed low/high, finish: (-,-) 3.1, (+,-) 2.2, (-,+) 4.0, (+,+) 2.9"
    )
    assert t is not None
    assert list(t.columns) == ["Speed", "Feed", "finish"]
    assert t["Speed"].tolist() == [-1, 1, -1, 1]
    assert t["finish"].tolist() == [3.1, 2.2, 4.0, 2.9]


def test_sign_tuples_with_unsigned_ones_and_centre_points() -> None:
    t = _sign_tuple_table(
        "2^2 with centre points: (-1,-1) 61, (1,-1) 70, (-1,1) 64, (1,1) 79, centre 68.5 69.1 68.0"
    )
    assert t is not None
    assert list(t.columns) == ["A", "B", "y"]
    assert t["A"].tolist() == [-1, 1, -1, 1, 0, 0, 0]
    assert t["y"].tolist()[-3:] == [68.5, 69.1, 68.0]


def test_number_pairs_are_not_sign_tuples() -> None:
    # every "tuple" at (1, 1) or (1, 0): points, not runs of a design
    assert _sign_tuple_table("(1,1) 5, (1,0) 6, (0,1) 7, (1,1) 8 are the readings") is None


def test_typed_factorial_with_centre_points_is_analysed(pipe) -> None:
    q = (
        "Pressure lo/hi, Dwell lo/hi, strength: (-,-) 61, (+,-) 70, (-,+) 64, (+,+) 79, "
        "centre points 68.5, 69.1, 68.0. Effects and curvature?"
    )
    r = pipe.run(q)
    assert r.status == "answered", r.answer.get("conclusion")
    assert r.answer["family"] == "doe_analysis"
    effects = r.answer["key_numbers"]["effects"]
    # main effect of the first factor: (70 + 79 - 61 - 64) / 2
    assert effects[next(iter(effects))] == pytest.approx(12.0)
    assert "Curvature" in r.answer["key_numbers"]["coefficients"]


# ---- symbolic: the value an expression reaches, in words ------------------------------------
@pytest.mark.parametrize(
    ("question", "rhs", "solution"),
    [
        ("at what x does exp(-0.2 x) fall to one half? solve", "0.5", 5 * np.log(2)),
        ("for which t does 100*exp(-0.05 t) decay to 20? solve for t", "20", 20 * np.log(5)),
        ("when does 3*t^2 + 2*t reach 16, solve for t", "16", 2.0),
    ],
)
def test_solve_for_the_value_an_expression_reaches(pipe, question, rhs, solution) -> None:
    r = pipe.run(question)
    assert r.status == "answered", r.answer.get("conclusion")
    assert f"= {rhs} for" in r.answer["dsl"]
    assert f"= {rhs} for" in r.answer["conclusion"]
    nums = [v for v in r.answer["key_numbers"]["numeric_solutions"] if v is not None]
    assert any(v == pytest.approx(solution) for v in nums)


def test_solve_with_no_value_is_against_zero(pipe) -> None:
    r = pipe.run("solve x^2 - 9 = 0")
    assert r.status == "answered"
    assert "= 0 for x" in r.answer["conclusion"]


def test_an_equation_without_solution_is_not_an_internal_error(pipe) -> None:
    # sympy folds exp(x) = 0 to False; the answer says there is no solution
    r = pipe.run("solve exp(-0.5 x) for x")
    assert r.status in ("answered", "failed")
    assert "internal error" not in r.answer.get("conclusion", "")


# ---- checks whose test gives no p-value ------------------------------------------------------
def test_p_holds_is_none_without_a_finite_p() -> None:
    from havoc_srs.families._checks import p_holds

    assert p_holds({"p_value": None}, 0.05) is None
    assert p_holds({"p_value": float("nan")}, 0.05) is None
    assert p_holds(None, 0.05) is None
    assert p_holds({"p_value": 0.2}, 0.05) is True
    assert p_holds({"p_value": 0.01}, 0.05) is False


def test_one_constant_group_leaves_the_others_normality_checked(pipe) -> None:
    df = pd.DataFrame(
        {"y": [5.0] * 4 + [5.1, 5.3, 4.9, 5.2] + [6, 6.2, 6.1, 5.9], "g": list("aaaabbbbcccc")}
    )
    r = pipe.run("one-way anova of y by g", data=df)
    text = "\n".join(r.answer["assumptions"])
    assert "normality of a: Shapiro-Wilk — not checked" in text
    assert "normality of b: Shapiro-Wilk — passed" in text
    assert "normality of c: Shapiro-Wilk — passed" in text


def test_a_named_t_test_is_not_a_contingency_table_of_few_valued_columns(pipe) -> None:
    r = pipe.run("A: 5.0 5.0 5.0 5.0 5.0, B: 6.1 6.3 6.0 6.2 6.1. t-test")
    assert r.answer["family"] == "hypothesis_test"
    assert r.status == "answered"
    r = pipe.run("Anova on these: P: 2 2 2 2 3, Q: 4 4 4 4 5, R: 2 3 2 3 2")
    assert r.answer["family"] == "hypothesis_test"


def test_few_valued_columns_without_a_test_name_stay_a_table(pipe) -> None:
    df = pd.DataFrame({"Shift": [1, 2] * 20, "Pass": [0, 1, 1, 1, 0, 1, 1, 0] * 5})
    r = pipe.run("is passing related to shift?", data=df)
    assert r.answer["family"] == "contingency"


# ---- calculus asked in another language -----------------------------------------------------
@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("Résous x² − 7x + 12 = 0, merci", "solve"),
        ("Lösen Sie bitte x^2 - 16 = 0", "solve"),
        ("risolvi 2x + 3 = 11", "solve"),
        ("Rozwiąż x^2 - 25 = 0", "solve"),
        ("calcola la derivata di x^2 * cos(x)", "derive"),
        ("quelle est la dérivée de exp(2x) ?", "derive"),
        ("förenkla (x^2 - 4)/(x - 2)", "simplify"),
    ],
)
def test_calculus_verbs_in_other_languages(pipe, question, verb) -> None:
    from havoc_srs.families.symbolic import find_verb

    assert find_verb(question) == verb
    r = pipe.run(question)
    assert r.status == "answered", r.answer.get("conclusion")
    assert r.answer["family"] == "symbolic"
    assert r.answer["dsl"].split("=", 1)[1].strip().startswith(verb)


def test_foreign_verb_stems_do_not_fire_on_english_words() -> None:
    from havoc_srs.families.symbolic import find_verb

    # "lose" and "resolution" are English words, not "lösen" or "résoudre"
    assert find_verb("did we lose yield after the resolution of the ticket backlog?") is None
    assert find_verb("median losses per team, and the loser's share") is None


# ---- typed data: shapes written by the lead, not drawn from any corpus ----------------------
@pytest.mark.parametrize(
    ("question", "response", "predictor"),
    [
        ("x = [2, 4, 6, 8, 10], y = [3.9, 8.2, 11.8, 16.1, 20.2]; fit a line", "y", "x"),
        ("y = [3.9, 8.2, 11.8, 16.1, 20.2] and x = [2, 4, 6, 8, 10], least squares", "y", "x"),
        ("dose mg 5 10 15 20 25 and response time 41 37 33 30 26, linear regression",
         "response time", "dose mg"),
    ],
)  # fmt: skip
def test_two_typed_lists_regression_takes_y_or_the_second_as_response(
    pipe, question, response, predictor
) -> None:
    r = pipe.run(question)
    assert r.status == "answered", r.answer.get("conclusion")
    assert r.answer["family"] == "regression"
    assert any(f"response taken as {response!r}" in a for a in r.answer["assumptions"])
    assert r.answer["dsl"].split("=", 1)[1].strip().startswith("regress")


def test_a_stated_response_is_not_overridden(pipe) -> None:
    r = pipe.run("x: 1 2 3 4 5, y: 2.1 3.9 6.2 7.8 10.1. regress x on y")
    assert r.status == "answered"
    assert "regress x ~ y" in r.answer["dsl"]
    assert not any("response taken as" in a for a in r.answer["assumptions"])


def test_lists_in_brackets_after_their_labels() -> None:
    from havoc_srs.reader.numbers import paren_lists

    got = paren_lists(
        "is there a link between cure time (10, 20, 30, 40) and hardness (55, 61, 70, 74)?"
    )
    assert got == {"cure time": [10, 20, 30, 40], "hardness": [55, 61, 70, 74]}
    # units in brackets are not lists
    assert paren_lists("mean of weight (kg) and height (cm)") == {}


def test_values_typed_before_what_they_are_for() -> None:
    from havoc_srs.reader.numbers import for_label_lists

    got = for_label_lists("7.1, 7.3, 7.0 from supplier X and 7.6, 7.8 and 7.5 from supplier Y")
    assert got == {"supplier X": [7.1, 7.3, 7.0], "supplier Y": [7.6, 7.8, 7.5]}
    # one count "for" a label is not a sample
    assert for_label_lists("12 out of 200 for line A and 9 out of 180 for line B") == {}


def test_values_before_labels_run_a_two_sample_test(pipe) -> None:
    q = "we measured 4.1, 4.4, 4.0 and 4.3 on press 1 and 4.9, 5.1, 4.8 and 5.2 on press 2. t-test"
    r = pipe.run(q)
    assert r.status == "answered", r.answer.get("conclusion")
    assert r.answer["family"] == "hypothesis_test"
    assert "press_1 vs press_2" in r.answer["dsl"]


def test_a_frequency_list_weights_the_values(pipe) -> None:
    r = pipe.run("score: 1 2 3 4 5; frequency: 2 3 10 3 2. mean and standard deviation please")
    assert r.status == "answered"
    k = r.answer["key_numbers"]
    assert k["n"] == 20
    values = np.repeat([1, 2, 3, 4, 5], [2, 3, 10, 3, 2])
    assert k["mean"] == pytest.approx(values.mean())
    assert k["std"] == pytest.approx(values.std(ddof=1))


def test_a_count_list_is_not_a_frequency_weight() -> None:
    # "defect count" per day is data of its own (a c chart), not how often a day occurred
    t = inline_table("days: 1 2 3 4 5 6; defect count: 3 5 2 7 4 6. c chart")
    assert t is not None and len(t) == 6


@pytest.mark.parametrize(
    "question",
    [
        "A 2x3 table: row 1: 10 20 30, row 2: 15 25 20. chi-square test",
        "R1: 8 12 20, R2: 14 9 17 - chi square",
        "Plant A: 30 12 8, Plant B: 22 18 10 as a table of counts; chi-square please",
    ],
)
def test_labelled_rows_of_a_count_table(pipe, question) -> None:
    r = pipe.run(question)
    assert r.status == "answered", r.answer.get("conclusion")
    assert r.answer["family"] == "contingency"
    assert "chisq [[" in r.answer["dsl"]


def test_labelled_samples_with_a_location_test_stay_samples(pipe) -> None:
    r = pipe.run("A: 12 15 11 14, B: 22 19 17 20. kruskal wallis")
    assert r.answer["family"] == "hypothesis_test"


# ---- chi-square goodness of fit on counts typed per category --------------------------------
@pytest.mark.parametrize(
    ("question", "observed", "chi2"),
    [
        # Mendel's F2 peas against 9:3:3:1: the textbook chi-square of 0.470
        ("Mendel expected 9:3:3:1 and counted 315, 108, 101 and 32 peas. Does it fit?",
         [315, 108, 101, 32], 0.470),
        # a die: sum((O - 10)^2 / 10) = (4 + 4 + 1 + 1) / 10
        ("I rolled a die 60 times; faces 1-6 came up 8, 12, 9, 11, 10, 10 times. Fair?",
         [8, 12, 9, 11, 10, 10], 1.0),
        ("Complaints by weekday Mon 12 Tue 9 Wed 11 Thu 8 Fri 20 - equally likely every day?",
         [12, 9, 11, 8, 20], 7.5),
    ],
)  # fmt: skip
def test_goodness_of_fit_on_typed_counts(pipe, question, observed, chi2) -> None:
    r = pipe.run(question)
    assert r.status == "answered", r.answer.get("conclusion")
    assert r.answer["family"] == "contingency"
    k = r.answer["key_numbers"]
    assert k["observed"] == observed
    assert k["chi2"] == pytest.approx(chi2, abs=5e-4)
    assert k["df"] == len(observed) - 1


def test_goodness_of_fit_against_percentages_matches_scipy(pipe) -> None:
    from scipy import stats

    q = "shares should be 40%, 35% and 25% for brands X, Y, Z; a survey found X 90, Y 60, Z 50. goodness of fit"
    r = pipe.run(q)
    assert r.status == "answered"
    ref = stats.chisquare([90, 60, 50], f_exp=[80, 70, 50])
    assert r.answer["key_numbers"]["chi2"] == pytest.approx(ref.statistic)
    assert r.answer["key_numbers"]["p_value"] == pytest.approx(ref.pvalue)
    assert r.answer["key_numbers"]["categories"] == ["X", "Y", "Z"]


def test_measurements_said_to_be_even_are_not_counts() -> None:
    from havoc_srs.reader.gof import gof_counts

    assert gof_counts("are the line speeds 12, 15, 11, 14 evenly spread?") is None
    assert gof_counts("Is the distribution uniform? 3.2 7.1 2.5 9.9 5.0 4.4") is None
    # a two-way table is a test of independence, not of fit
    assert gof_counts("men: 40 yes, 60 no; women: 25 yes, 75 no. independent?") is None


def test_goodness_of_fit_corrupted_statistic_fails_the_audit(pipe, monkeypatch) -> None:
    import havoc_srs.stages as stages

    real = stages.run_program

    def corrupt(program, data):
        ex = real(program, data)
        if "chi2_gof" in ex.results:
            ex.results["chi2_gof"]["statistic"] *= 1.1
        return ex

    monkeypatch.setattr(stages, "run_program", corrupt)
    r = pipe.run("Mendel expected 9:3:3:1 and counted 315, 108, 101 and 32 peas. Does it fit?")
    assert r.answer["audit"]["passed"] is False
    assert r.status == "failed"


def test_two_labelled_samples_with_a_fairness_word_are_not_a_fit() -> None:
    from havoc_srs.reader.gof import gof_counts

    assert gof_counts("is it fair to say defects rose? before: 3 5 4 6, after: 7 8 6 9") is None
    got = gof_counts("goodness of fit: observed: 25 30 45, expected: 33.3 33.3 33.4")
    assert got is not None and got.observed == [25, 30, 45]


# ---- percentiles asked by number -------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("the 90th percentile please", [90.0]),
        ("10th and 90th percentiles of cycle time", [10.0, 90.0]),
        ("what is P95 of the delay?", [95.0]),
        ("the 0.975 quantile", [97.5]),
        ("2.5th centile", [2.5]),
        ("mean and sd of the delay", []),
        ("delay for the top 10% of orders", []),
    ],
)
def test_asked_percentiles(question, want) -> None:
    from havoc_srs.families.descriptive import asked_percentiles

    assert asked_percentiles(question) == want


@pytest.fixture(scope="module")
def loads() -> pd.DataFrame:
    return pd.DataFrame({"Load (kg)": np.arange(1, 41) * 1.5, "Line": list("AB") * 20})


def test_percentile_is_computed_not_the_quartiles(pipe, loads) -> None:
    r = pipe.run("what are the 10th and 90th percentiles of the load?", data=loads)
    assert r.status == "answered"
    got = r.answer["key_numbers"]["percentile"]
    ref = np.percentile(loads["Load (kg)"], [10, 90])
    assert got == {"P10": pytest.approx(ref[0]), "P90": pytest.approx(ref[1])}
    assert "quartiles" not in r.answer["key_numbers"]["statistics"]


def test_percentile_beside_other_statistics_and_per_group(pipe, loads) -> None:
    r = pipe.run("median and 90th percentile of load", data=loads)
    assert r.answer["key_numbers"]["statistics"] == ["median", "percentile"]
    r = pipe.run("90th percentile of load for each line", data=loads)
    assert r.status == "answered"
    per = r.answer["key_numbers"]["percentile"]
    a = loads.loc[loads["Line"] == "A", "Load (kg)"]
    assert per["Load (kg) [A]"]["P90"] == pytest.approx(np.percentile(a, 90))


def test_typed_values_percentile(pipe) -> None:
    r = pipe.run("Compute the 90th percentile of 12, 15, 11, 19, 14, 13, 17, 16, 18, 20")
    assert r.status == "answered"
    assert r.answer["key_numbers"]["percentile"] == {"P90": pytest.approx(19.1)}


def test_corrupted_percentile_fails_the_audit(pipe, loads, monkeypatch) -> None:
    import havoc_srs.stages as stages

    real = stages.run_program

    def corrupt(program, data):
        ex = real(program, data)
        for r in ex.results.values():
            for row in r.get("rows", []) if isinstance(r, dict) else []:
                row["percentiles"] = {
                    k: v * 1.01 for k, v in (row.get("percentiles") or {}).items()
                }
        return ex

    monkeypatch.setattr(stages, "run_program", corrupt)
    r = pipe.run("95th percentile of the load", data=loads)
    assert r.answer["audit"]["passed"] is False
    assert r.status == "failed"


# ---- a confidence interval for the mean --------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "level"),
    [
        ("95% confidence interval for the mean load", 0.95),
        ("give me a 99 percent CI on average load", 0.99),
        ("margin of error of the mean load at 90%", 0.90),
        ("confidence limits for the load average", 0.95),
    ],
)
def test_t_interval_for_the_mean_matches_scipy(pipe, loads, question, level) -> None:
    from scipy import stats

    r = pipe.run(question, data=loads)
    assert r.status == "answered", r.answer.get("conclusion")
    iv = r.answer["key_numbers"]["ci_mean"]
    x = loads["Load (kg)"].to_numpy()
    lo, hi = stats.t.interval(level, len(x) - 1, loc=x.mean(), scale=stats.sem(x))
    assert iv == {"low": pytest.approx(lo), "high": pytest.approx(hi), "level": level}


def test_t_interval_per_group(pipe, loads) -> None:
    from scipy import stats

    r = pipe.run("95% confidence interval for the mean load by line", data=loads)
    assert r.status == "answered"
    iv = r.answer["key_numbers"]["ci_mean"]
    b = loads.loc[loads["Line"] == "B", "Load (kg)"].to_numpy()
    lo, hi = stats.t.interval(0.95, len(b) - 1, loc=b.mean(), scale=stats.sem(b))
    assert iv["Load (kg) [B]"]["low"] == pytest.approx(lo)
    assert iv["Load (kg) [B]"]["high"] == pytest.approx(hi)


def test_interval_of_something_else_is_not_the_mean_interval() -> None:
    from havoc_srs.families.descriptive import ci_level

    assert ci_level("95% CI for the proportion defective") is None
    assert ci_level("confidence interval for the slope") is None
    assert ci_level("mean of the load") is None
    assert ci_level("99% confidence interval for the mean") == 0.99


def test_corrupted_interval_fails_the_audit(pipe, loads, monkeypatch) -> None:
    import havoc_srs.stages as stages

    real = stages.run_program

    def corrupt(program, data):
        ex = real(program, data)
        for name, r in ex.results.items():
            if name.startswith("ci_"):
                r["ci_high"] *= 1.01
        return ex

    monkeypatch.setattr(stages, "run_program", corrupt)
    r = pipe.run("95% confidence interval for the mean load", data=loads)
    assert r.answer["audit"]["passed"] is False
    assert r.status == "failed"


@pytest.mark.parametrize(
    ("question", "n", "mean", "sd", "level"),
    [
        ("Construct a 95% confidence interval for the mean given n = 16, x̄ = 24.3, s = 2.1",
         16, 24.3, 2.1, 0.95),
        ("20 rods averaged 4.52 mm with a standard deviation of 0.08 mm. 99% CI for the mean?",
         20, 4.52, 0.08, 0.99),
        ("mean 71.2, sd 3.4, n 30 - margin of error at 90 percent for the average",
         30, 71.2, 3.4, 0.90),
    ],
)  # fmt: skip
def test_t_interval_from_typed_summary(pipe, question, n, mean, sd, level) -> None:
    from scipy import stats

    r = pipe.run(question)
    assert r.status == "answered", r.answer.get("conclusion")
    assert r.answer["family"] == "descriptive"
    lo, hi = stats.t.interval(level, n - 1, loc=mean, scale=sd / np.sqrt(n))
    assert r.answer["key_numbers"]["ci_mean"] == {
        "low": pytest.approx(lo), "high": pytest.approx(hi), "level": level,
    }  # fmt: skip


def test_a_mean_stated_as_x_bar_is_not_a_chart(pipe) -> None:
    from havoc_srs.families.spc_chart import mode_cue

    assert mode_cue("n = 16, x̄ = 24.3, s = 2.1; is the mean above 23?", None)[0] == 0
    assert mode_cue("draw the x̄ chart of the diameters", None)[0] > 0


def test_summary_mean_is_not_read_across_a_condition() -> None:
    from havoc_srs.reader.summaries import summaries

    got = summaries("the mean given n = 16, x̄ = 24.3, s = 2.1")
    assert [(s.n, s.mean, s.sd) for s in got] == [(16, 24.3, 2.1)]


def test_a_verb_whose_accent_is_its_meaning_is_read_as_written() -> None:
    # words are read without accents, phrases as written: "çöz" (Turkish: solve) must not
    # become the English "coz"
    from havoc_srs.families.symbolic import find_verb

    assert find_verb("çöz: 2x + 3 = 11") == "solve"
    assert find_verb("coz I need the mean of x") is None
