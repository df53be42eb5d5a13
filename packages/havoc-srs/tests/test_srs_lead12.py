"""Session 12 (lead): samples written as code or set against each other unlabelled, tables of
counts written as code, values named in the plural, Anderson–Darling below eight values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.data import Dataset
from havoc_srs.reader.columns import ground_columns
from havoc_srs.reader.numbers import code_matrix, code_sample_lists, count_table, inline_table
from scipy import stats


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(index=False)


# ---- samples written as code -------------------------------------------------------------------
@pytest.mark.parametrize(
    "q, n",
    [
        ("scipy.stats.bartlett([1.2, 1.4, 1.1], [2.0, 2.6, 1.5])", 2),
        ("fligner.test(list(c(5.1,5.3,5.0), c(4.8,5.9,5.5), c(5.0, 5.2, 5.1)))", 3),
        ("run stats.mannwhitneyu on [3, 5, 4, 6] and [7, 9, 8, 10]", 2),
        ("oneway anova: [20.1, 20.4, 19.8]; [21.0, 21.3, 20.9]; [19.5, 19.9, 19.7]", 3),
    ],
)
def test_code_lists_become_samples(q: str, n: int) -> None:
    t = inline_table(q)
    assert t is not None and list(t.columns) == [f"sample {i + 1}" for i in range(n)]
    assert t.notna().sum().min() >= 3


def test_code_lists_keep_labels_when_given() -> None:
    t = inline_table("before = [5, 6, 7, 8], after = [6, 7, 9, 9]")
    assert list(t.columns) == ["before", "after"]


def test_one_code_list_is_one_sample() -> None:
    assert inline_table("np.percentile([3, 7, 8, 12, 15], 75)") is not None
    assert inline_table("np.std([2.5, 2.7, 2.6])")["x"].tolist() == [2.5, 2.7, 2.6]
    assert (
        code_sample_lists("the [1] footnote and [2]") == []
    )  # one number per bracket: a reference


@pytest.mark.parametrize(
    "q",
    [
        "Two gauges on the same block: 10.02 10.01 10.03 10.02 versus 10.05 9.98 10.04 9.99",
        "is one scale more erratic? 5.1, 5.3, 4.9, 5.2 vs. 4.2, 6.1, 5.5, 3.9",
        "readings 7 8 7 9 8 against 6 10 5 11 9, which is steadier",
    ],
)
def test_unlabelled_runs_set_against_each_other(q: str) -> None:
    t = inline_table(q)
    assert t is not None and list(t.columns) == ["sample 1", "sample 2"]


def test_a_single_list_with_vs_in_words_is_not_split() -> None:
    t = inline_table("pressure vs time: 1.2 1.5 1.7 1.9 2.4")
    assert t is not None and t.shape[1] == 1


# ---- tables of counts written as code -----------------------------------------------------------
def test_nested_list_is_a_count_table_when_counts_are_asked() -> None:
    t = count_table("fisher_exact([[3, 12], [9, 4]])")
    assert t.to_numpy().tolist() == [[3, 12], [9, 4]]
    assert inline_table("fisher_exact([[3, 12], [9, 4]])") is None  # not two samples
    t = count_table("chi2_contingency([[20, 15, 5], [10, 25, 25]]) please")
    assert t.shape == (2, 3)


def test_r_matrix_fills_by_column_unless_byrow() -> None:
    t = count_table("chisq.test(matrix(c(12, 5, 7, 9), nrow=2))")
    assert t.to_numpy().tolist() == [[12, 7], [5, 9]]
    t = count_table("fisher.test(matrix(c(12, 5, 7, 9), ncol = 2, byrow = TRUE))")
    assert t.to_numpy().tolist() == [[12, 5], [7, 9]]


def test_nested_list_without_a_count_question_is_not_counts() -> None:
    assert code_matrix("bartlett([[1.2, 1.4, 1.1], [2.0, 2.6, 1.5]])") is None
    assert code_matrix("chi-square on [[2.5, 9], [8, 3]]") is None  # not whole numbers


def test_levene_on_three_code_lists_matches_scipy(pipe: Pipeline) -> None:
    a, b, c = [12, 15, 11, 14, 13], [22, 9, 17, 25, 8], [14, 16, 13, 15, 17]
    res = pipe.run(f"levene({a}, {b}, {c})")
    assert res.status == "answered"
    assert res.answer["columns"] == ["sample 1", "sample 2", "sample 3"]
    ref = stats.levene(a, b, c, center="mean")
    assert res.answer["key_numbers"]["statistic"] == pytest.approx(ref.statistic, rel=1e-6)


def test_fisher_on_a_nested_list_matches_scipy(pipe: Pipeline) -> None:
    res = pipe.run("[[2, 9], [8, 3]] -> fisher_exact, two-sided")
    assert res.status == "answered" and res.answer["family"] == "contingency"
    ref = stats.fisher_exact([[2, 9], [8, 3]])
    assert res.answer["key_numbers"]["p_value"] == pytest.approx(ref.pvalue, rel=1e-6)


# ---- values named in the plural -----------------------------------------------------------------
def test_short_values_in_the_plural_are_grounded() -> None:
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        {
            "Kind": ["Dog", "Cat", "Cow", "Fox"] * 10,
            "Place": ["Batch", "Box", "Mill", "Bench"] * 10,
            "Mass": rng.normal(10, 1, 40),
        }
    )
    ds = Dataset.from_frame(frame)
    vals = {m.value for m in ground_columns("mass of the cows versus the foxes", ds)}
    assert {"Cow", "Fox"} <= vals
    vals = {m.value for m in ground_columns("do the boxes and the batches weigh the same", ds)}
    assert {"Box", "Batch"} <= vals
    vals = {m.value for m in ground_columns("a catalogue of dogma", ds)}
    assert not vals & {"Cat", "Dog"}  # a word that starts with a value is not the value


# ---- Anderson–Darling below eight values ---------------------------------------------------------
def test_shapiro_on_seven_values_runs_without_anderson(pipe: Pipeline) -> None:
    res = pipe.run("shapiro.test(c(10.1, 10.3, 9.9, 10.2, 10.0, 10.4, 9.8))")
    assert res.status == "answered"
    assert res.answer["rests_on"]["method"] == "shapiro_wilk"


def test_anderson_asked_on_seven_values_says_why_it_did_not_run(pipe: Pipeline) -> None:
    res = pipe.run("Anderson-Darling normality test on 10.1 10.3 9.9 10.2 10.0 10.4 9.8")
    assert any("needs n ≥ 8" in c for c in res.answer["caveats"])
    assert "normality test on" not in res.answer["conclusion"]


# ---- a decimal comma after a zero in an English question -----------------------------------------
def test_zero_comma_is_a_decimal_in_english(pipe: Pipeline) -> None:
    from havoc_srs.reader.foreign import level_commas

    assert level_commas("alpha = 0,01 please") == "alpha = 0.01 please"
    assert level_commas("test it at 0,05") == "test it at 0.05"
    assert level_commas("power 0,9 wanted") == "power 0.9 wanted"
    assert level_commas("codes 0,1,2,3") == "codes 0,1,2,3"  # a list stays
    assert level_commas("coded 0,1 for no/yes") == "coded 0,1 for no/yes"  # a pair of codes
    assert level_commas("1,500 parts") == "1,500 parts"  # thousands stay
    frame = pd.DataFrame({"Line": ["L1", "L2", "L3"] * 6, "Gap": np.linspace(1.0, 1.3, 18)})
    res = pipe.run("one-way ANOVA of the gap by line, significance 0,01", data=frame)
    assert res.status == "answered"
    assert "alpha = 0.01" in res.answer["conclusion"]


# ---- Kruskal-Wallis speaks of ranks, not means ----------------------------------------------------
def test_kruskal_conclusion_does_not_claim_a_mean_difference(pipe: Pipeline) -> None:
    res = pipe.run("kruskal.test(list(c(1,2,3,4), c(3,4,5,6), c(7,8,9,10)))")
    assert res.status == "answered"
    assert "mean" not in res.answer["conclusion"].split("(")[0]
    assert "Dunn" in res.answer["next_step"]


# ---- one reader per written form (session 13 consolidation) ----------------------------------
def test_code_lists_skip_the_rows_of_a_list_of_lists_when_asked() -> None:
    q = "bartlett([[1.2, 1.4, 1.1], [2.0, 2.6, 1.5], [3.1, 3.0, 3.3]]) and [9, 8, 7]"
    assert code_sample_lists(q, 3, False) == [[9.0, 8.0, 7.0]]
    assert len(code_sample_lists(q)) == 4  # the rows are samples too when not skipped
    assert code_sample_lists("MATLAB: vartest2([4.1 4.3 4.0], [3.2 5.9 2.8])", 3, False) == [
        [4.1, 4.3, 4.0],
        [3.2, 5.9, 2.8],
    ]


def test_three_unlabelled_runs_against_each_other() -> None:
    t = inline_table("spread: 5 6 5 7 vs 2 9 1 10 vs 5 5 6 5, which line is steadiest?")
    assert list(t.columns) == ["sample 1", "sample 2", "sample 3"]
    assert t["sample 2"].tolist() == [2, 9, 1, 10]


def test_a_year_against_a_year_is_no_pair_of_samples() -> None:
    assert inline_table("sales 2019 vs 2020 by region") is None


def test_nested_list_counts_without_commas_inside() -> None:
    t = count_table("chi2_contingency([[12 5], [7 14]])")
    assert t is not None and t.to_numpy().tolist() == [[12, 5], [7, 14]]


# ---- a table whose two-level columns never form a whole run (session 13: it raised) ----------
def test_true_false_column_does_not_break_the_run_sheet_check(pipe: Pipeline) -> None:
    from havoc_srs.data import Dataset
    from havoc_srs.families.doe_analysis import run_sheet

    rng = np.random.default_rng(3)
    frame = pd.DataFrame(
        {
            "Season": [2022, 2023] * 20,
            "Side": ["Red", "Blue"] * 20,
            "Win": rng.integers(0, 2, 40),
            "FirstBlood": [True, False, False, True] * 10,
            "Kills": rng.integers(5, 30, 40),
        }
    )
    assert run_sheet(Dataset.from_frame(frame, "m.csv")) is False
    res = pipe.run("Does the blue side win more often? yes or no", data=frame)
    assert res.status in ("answered", "needs_input", "out_of_scope", "failed")
