"""Classes of phrasing for the relationship families (correlation, contingency, variance):
short codes set against each other ("M vs B"), identifiers repeated down a long table, control
clauses without "for" ("when we control the age", "once you take X into account"), misspelled
synonyms ("maritial status"), software function names that are not columns, everyday words for
public tables' headers ("marks", "storeys"). Numbers are checked against SciPy and a least-squares
residual computation of the partial correlation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.data import Dataset
from havoc_srs.reader.columns import ground_columns, unknown_names
from havoc_srs.reader.contrast import contrasted_codes
from havoc_srs.reader.text import word_match
from scipy import stats

RNG = np.random.default_rng(2026)


def _partial_r(frame: pd.DataFrame, x: str, y: str, control: str) -> float:
    """Pearson r of the residuals of x and y after least squares on the control (with an
    intercept): the textbook definition of the partial correlation."""
    z = np.column_stack([np.ones(len(frame)), frame[control].to_numpy(float)])

    def resid(col: str) -> np.ndarray:
        v = frame[col].to_numpy(float)
        return v - z @ np.linalg.lstsq(z, v, rcond=None)[0]

    return float(stats.pearsonr(resid(x), resid(y))[0])


def _run(question: str, frame: pd.DataFrame | None):
    return Pipeline(index=False).run(question, data=frame)


def _method(r) -> str | None:
    return (r.answer.get("rests_on") or {}).get("method") or r.answer.get("method")


# --- short codes set against each other -------------------------------------------------------

LINES = pd.DataFrame(
    {
        "line": ["K"] * 30 + ["P"] * 30 + ["Q"] * 30,
        "fill_volume": np.r_[
            RNG.normal(500, 2, 30), RNG.normal(500, 5, 30), RNG.normal(500, 3, 30)
        ],
        "speed": RNG.normal(120, 10, 90),
    }
)


@pytest.mark.parametrize(
    "q",
    [
        "Mood's test on fill_volume, K vs P",
        "is the scatter of fill volume bigger for P versus K? mood test",
        "fill_volume: compare the spread K against P with Mood",
    ],
)
def test_two_codes_of_one_column_are_its_groups(q):
    r = _run(q, LINES)
    assert r.status == "answered" and _method(r) == "mood"
    assert sorted(r.answer["columns"]) == ["fill_volume", "line"]
    k = LINES[LINES.line == "K"].fill_volume
    p = LINES[LINES.line == "P"].fill_volume
    want = stats.mood(k, p)
    assert r.answer["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


def test_codes_in_lower_case_or_of_different_columns_are_not_contrasted():
    ds = Dataset.from_frame(LINES)
    assert contrasted_codes("is k vs p wider", ds, []) == []
    assert contrasted_codes("is K vs K wider", ds, []) == []
    assert [m.value for m in contrasted_codes("Q or K: which varies more?", ds, [])] == ["Q", "K"]


# --- an identifier repeated down a long table is not a measurement --------------------------

PUPILS = pd.DataFrame(
    {
        "student_id": np.repeat(np.arange(101, 161), 2),
        "term": ["Autumn", "Spring"] * 60,
        "score": np.r_[RNG.normal(60, 8, 120)].round(1),
    }
)
PUPILS.loc[PUPILS.term == "Spring", "score"] = (
    PUPILS.loc[PUPILS.term == "Spring", "score"] * 1.6 - 36
).round(1)


@pytest.mark.parametrize(
    "q",
    [
        "Are the marks more spread out in Spring than in Autumn? Levene please.",
        "levene test: do autumn and spring grades vary by the same amount",
        "Is the variability of results in the Spring term different from Autumn? Use Levene.",
    ],
)
def test_repeated_id_is_not_the_value_column(q):
    r = _run(q, PUPILS)
    assert r.status == "answered" and _method(r) == "levene"
    assert sorted(r.answer["columns"]) == ["score", "term"]
    a = PUPILS[PUPILS.term == "Autumn"].score
    s = PUPILS[PUPILS.term == "Spring"].score
    for center in ("mean", "median"):
        want = stats.levene(s, a, center=center)
        if r.answer["key_numbers"]["statistic"] == pytest.approx(want.statistic, rel=1e-6):
            break
    else:
        raise AssertionError("Levene statistic matches neither centre")


# --- control clauses without "for" ----------------------------------------------------------

SHOP = pd.DataFrame({"age": RNG.uniform(20, 70, 80).round(0)})
SHOP["income"] = (SHOP["age"] * 900 + RNG.normal(0, 9000, 80)).round(0)
SHOP["spending"] = (SHOP["income"] * 0.2 + SHOP["age"] * 50 + RNG.normal(0, 2000, 80)).round(0)


@pytest.mark.parametrize(
    "q",
    [
        "Partial correlation of income with spending when we control the age.",
        "Is income tied to spending once you take age into account? partial correlation",
        "Does spending go with income, allowing for age? I want the partial correlation.",
        "partial correlation between income and spending, keeping age fixed",
    ],
)
def test_control_clauses_name_the_control(q):
    r = _run(q, SHOP)
    assert r.status == "answered" and _method(r) == "partial_correlation"
    assert sorted(r.answer["columns"]) == ["age", "income", "spending"]
    want = _partial_r(SHOP, "income", "spending", "age")
    got = r.answer["key_numbers"].get("r") or r.answer["key_numbers"].get("estimate")
    assert got == pytest.approx(want, rel=1e-6)


# --- misspelled synonyms, function names, everyday header words -------------------------------

CLIENTS = pd.DataFrame(
    {
        "MARRIAGE": RNG.choice(["married", "single", "other"], 300, p=[0.45, 0.45, 0.1]),
        "churned": RNG.choice(["yes", "no"], 300),
        "tenure": RNG.integers(1, 60, 300),
    }
)


def test_a_misspelled_synonym_still_matches():
    assert word_match("maritial", "marriage") >= 0.8
    assert word_match("storys", "floors") >= 0.8  # "storeys" misspelled
    assert word_match("blanket", "marriage") == 0.0


@pytest.mark.parametrize(
    "q",
    [
        "chi-square: is churn linked to maritial status?",
        "crosstab of churned against marital state, chi squared test",
        "Does whether customers churned depend on their marital situation? chi-square",
    ],
)
def test_marital_status_grounds_marriage(q):
    r = _run(q, CLIENTS)
    assert r.status == "answered" and r.answer["family"] == "contingency"
    assert sorted(r.answer["columns"]) == ["MARRIAGE", "churned"]
    want = stats.chi2_contingency(pd.crosstab(CLIENTS.MARRIAGE, CLIENTS.churned))
    assert r.answer["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


def test_called_function_names_are_not_missing_columns():
    ds = Dataset.from_frame(CLIENTS)
    assert unknown_names("stats.chi2_contingency(pd.crosstab(df.MARRIAGE, df.churned))", ds) == []
    assert unknown_names("chi2_contingency on churned vs income_band", ds) == ["income_band"]
    r = _run("scipy.stats.chi2_contingency(pd.crosstab(df.MARRIAGE, df.churned))", CLIENTS)
    assert r.status == "answered" and sorted(r.answer["columns"]) == ["MARRIAGE", "churned"]


BUILDINGS = pd.DataFrame(
    {
        "floors": RNG.integers(1, 30, 60),
        "year_built": RNG.integers(1950, 2020, 60),
        "site_area": RNG.uniform(200, 5000, 60).round(0),
    }
)
BUILDINGS["kwh_per_year"] = (BUILDINGS["floors"] * 9000 + RNG.normal(0, 20000, 60)).round(0)


@pytest.mark.parametrize(
    "q",
    [
        "Do towers with more storeys burn more electricity? Spearman.",
        "spearman rank correlation between the number of stories and annual kwh",
    ],
)
def test_everyday_words_for_headers(q):
    r = _run(q, BUILDINGS)
    assert r.status == "answered" and _method(r) == "spearman"
    assert sorted(r.answer["columns"]) == ["floors", "kwh_per_year"]
    want = stats.spearmanr(BUILDINGS.floors, BUILDINGS.kwh_per_year).statistic
    assert r.answer["key_numbers"]["rho"] == pytest.approx(want, rel=1e-9)


def test_a_synonym_that_is_a_cell_value_stays_a_value():
    frame = pd.DataFrame(
        {
            "marital": RNG.choice(["married", "single", "divorced"], 200),
            "duration": RNG.gamma(2, 100, 200).round(0),
        }
    )
    found = ground_columns("duration, married versus single clients", Dataset.from_frame(frame))
    assert [(m.column, m.kind, m.value) for m in found if m.column == "marital"] == [
        ("marital", "value", "married"),
        ("marital", "value", "single"),
    ]


@pytest.mark.parametrize(
    "q",
    [
        "partial correlation: income, spending, age",
        "Give me the partial correlation of income and spending with age as the third variable.",
    ],
)
def test_third_named_column_is_the_control_of_a_partial_correlation(q):
    r = _run(q, SHOP)
    assert r.status == "answered" and _method(r) == "partial_correlation"
    want = _partial_r(SHOP, "income", "spending", "age")
    got = r.answer["key_numbers"].get("r") or r.answer["key_numbers"].get("estimate")
    assert got == pytest.approx(want, rel=1e-6)


def test_square_units_glued_to_a_header_are_set_aside():
    frame = pd.DataFrame(
        {
            "floors": RNG.integers(1, 9, 30),
            "floor_area_m2": RNG.uniform(100, 900, 30),
            "rent": RNG.uniform(1, 9, 30),
        }
    )
    found = ground_columns(
        "is rent higher where the floor area is larger", Dataset.from_frame(frame)
    )
    assert "floor_area_m2" in [m.column for m in found]
    assert "floors" not in [m.column for m in found]


def test_two_headers_sharing_a_word_both_ground():
    frame = pd.DataFrame(
        {
            "NA_Sales": RNG.uniform(0, 5, 40),
            "JP_Sales": RNG.uniform(0, 5, 40),
            "EU_Sales": RNG.uniform(0, 5, 40),
        }  # fmt: skip
    )
    q = "Do titles that sell in Europe also sell in Japan? Spearman."
    r = _run(q, frame)
    assert r.status == "answered" and sorted(r.answer["columns"]) == ["EU_Sales", "JP_Sales"]
    want = stats.spearmanr(frame.EU_Sales, frame.JP_Sales).statistic
    assert r.answer["key_numbers"]["rho"] == pytest.approx(want, rel=1e-9)


@pytest.mark.parametrize(
    ("q", "family"),
    [
        ("Is there a correlation between smoker and sex?", "contingency"),
        ("Is whether someone smokes tied to their sex? Just the stats please", "contingency"),
        ("How much is the length of stay tied to the age of the patient?", "correlation"),
    ],
)
def test_column_kinds_decide_the_relationship_family(q, family):
    frame = pd.DataFrame(
        {
            "smoker": RNG.choice(["yes", "no"], 120),
            "sex": RNG.choice(["F", "M"], 120),
            "age": RNG.integers(18, 90, 120),
            "length_of_stay": RNG.gamma(2, 3, 120).round(1),
        }
    )
    r = _run(q, frame)
    assert r.answer["family"] == family


# --- initials, numbered levels, reserved words -----------------------------------------------

MATCHES = pd.DataFrame(
    {
        "Division": RNG.choice(["North", "South"], 200),
        "FTR": RNG.choice(["H", "D", "A"], 200, p=[0.45, 0.25, 0.3]),
        "adverse_event": RNG.choice(["Y", "N"], 200),
        "goal": RNG.integers(1, 9, 200),
        "backers": RNG.integers(1, 400, 200),
    }
)


@pytest.mark.parametrize(
    "q",
    [
        "chi-square of the division against the full-time result",
        "does the full-time result depend on the division? chi square please",
    ],
)
def test_a_header_acronym_is_found_by_initials(q):
    r = _run(q, MATCHES)
    assert r.status == "answered" and sorted(r.answer["columns"]) == ["Division", "FTR"]
    want = stats.chi2_contingency(pd.crosstab(MATCHES.Division, MATCHES.FTR))
    assert r.answer["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)


def test_a_question_acronym_names_a_header_by_its_initials():
    ds = Dataset.from_frame(MATCHES)
    assert "adverse_event" in [m.column for m in ground_columns("was an AE more common?", ds)]
    assert "FTR" not in [m.column for m in ground_columns("the first result", ds)]
    assert "FTR" not in [m.column for m in ground_columns("fit the regression", ds)]


def test_numbered_levels_after_the_header_word_are_the_groups():
    frame = pd.DataFrame({"grade": np.repeat([1, 2, 3], 25), "strength": RNG.normal(50, 4, 75)})
    frame.loc[frame.grade == 3, "strength"] *= 2
    r = _run("F-test: does strength vary more for grade 1 than for grade 3?", frame)
    assert r.status == "answered" and _method(r) == "f_test_variance"
    a, b = frame[frame.grade == 1].strength, frame[frame.grade == 3].strength
    f = a.var() / b.var()
    want = 2 * min(stats.f.cdf(f, 24, 24), stats.f.sf(f, 24, 24))
    assert r.answer["key_numbers"]["p_value"] == pytest.approx(want, rel=1e-6)


def test_a_column_named_like_a_dsl_keyword_is_analysed():
    r = _run("Spearman correlation between goal and backers", MATCHES)
    assert r.status == "answered" and sorted(r.answer["columns"]) == ["backers", "goal"]
    want = stats.spearmanr(MATCHES.goal, MATCHES.backers).statistic
    assert r.answer["key_numbers"]["rho"] == pytest.approx(want, rel=1e-9)


@pytest.mark.parametrize(
    ("frame", "question", "column"),
    [
        (
            pd.DataFrame({"RI": [1.51, 1.52], "Na": [13.1, 13.6]}),
            "spread of refractive index",
            "RI",
        ),
        (
            pd.DataFrame({"rt_ms": [310, 295], "cond": ["a", "b"]}),
            "is reaction time skewed",
            "rt_ms",
        ),
        (pd.DataFrame({"LOS": [3, 5], "ward": ["A", "B"]}), "median length of stay", "LOS"),
        (
            pd.DataFrame({f"{m} kWh": [1.0, 2.0] for m in "Jan Feb Mar Apr May Jun".split()}),
            "average use in March",
            "Mar kWh",
        ),
    ],
)
def test_initials_and_months_name_their_one_column(frame, question, column):
    assert [m.column for m in ground_columns(question, Dataset.from_frame(frame))] == [column]


def test_initials_need_content_words_and_a_unique_first_word():
    glass = Dataset.from_frame(pd.DataFrame({"RI": [1.51, 1.52], "Na": [13.1, 13.6]}))
    assert "RI" not in [m.column for m in ground_columns("rank it by sodium", glass)]
    twins = Dataset.from_frame(pd.DataFrame({"rt_a": [1.0, 2.0], "rt_b": [2.0, 3.0]}))
    assert [m.column for m in ground_columns("reaction time", twins)] == []


def test_a_header_without_words_does_not_stop_the_reader():
    frame = pd.DataFrame({"#": range(1, 41), "Speed": RNG.normal(70, 12, 40).round()})
    r = _run("what is the median speed?", frame)
    assert r.status == "answered" and r.answer["columns"] == ["Speed"]
    assert r.answer["key_numbers"]["median"] == pytest.approx(frame.Speed.median())
