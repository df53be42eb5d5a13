"""Classes of phrasing for the relationship families (correlation, contingency, variance):
a grouping column named by its number of groups ("the four clinics"), a column named by the
unit in its header ("in hours"), a noun of action for a verb-form header ("readmission" for
``readmitted``), the partner of a relation described rather than named, rows spread over the
levels of a score, two categories asked as a regression. Numbers are checked against SciPy."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.data import Dataset
from havoc_srs.reader.columns import ground_columns
from havoc_srs.reader.text import word_match
from scipy import stats

RNG = np.random.default_rng(41)
N = 160


def _run(question: str, frame: pd.DataFrame | None):
    return Pipeline(index=False).run(question, data=frame)


def _columns(question: str, frame: pd.DataFrame) -> set[str]:
    return {m.column for m in ground_columns(question, Dataset.from_frame(frame))}


def _method(r) -> str | None:
    return (r.answer.get("rests_on") or {}).get("method") or r.answer.get("method")


CLINICS = pd.DataFrame(
    {
        "clinic": RNG.choice(["North", "South", "East", "West"], N),
        "sex": RNG.choice(["male", "female"], N),
        "wait_min": RNG.gamma(3.0, 8.0, N).round(1),
        "ward": RNG.choice(["A", "B", "C", "D", "E", "F"], N),
        "age": RNG.integers(18, 90, N),
    }
)
STORES = pd.DataFrame(
    {
        "outlet": RNG.choice(["Mall", "Airport", "Station"], N),
        "basket_value": RNG.normal(40, 9, N).round(2),
        "payment": RNG.choice(["card", "cash"], N),
        "items": RNG.integers(1, 30, N),
    }
)
FARMS = pd.DataFrame(
    {
        "field": RNG.choice([f"F{i}" for i in range(1, 8)], N),
        "yield_t": RNG.normal(6, 1.2, N).round(2),
        "rainfall_mm": RNG.normal(500, 80, N).round(0),
        "soil": RNG.choice(["clay", "loam"], N),
    }
)


# --- a grouping column named by its number of groups ----------------------------------------


@pytest.mark.parametrize(
    ("q", "frame", "column"),
    [
        ("Did the four clinics see men and women in similar proportions?", CLINICS, "clinic"),
        ("Is spending per visit equally spread out in the three shops?", STORES, "outlet"),
        ("Do the seven plots differ in how erratic the harvest is?", FARMS, "field"),
    ],
)
def test_group_named_by_its_count(q, frame, column):
    assert column in _columns(q, frame)


def test_count_of_no_groups_names_nothing():
    # "two decimals" and "top three" are no groups of rows
    assert "outlet" not in _columns("Report the top three basket values to two decimals", STORES)
    assert "clinic" not in _columns("Round the wait to four decimals", CLINICS)


def test_count_named_contingency_matches_scipy():
    r = _run("Did the four clinics see men and women in similar proportions?", CLINICS)
    assert r.status == "answered" and r.answer["family"] == "contingency"
    assert sorted(r.answer["columns"]) == ["clinic", "sex"]
    chi2, p, _, _ = stats.chi2_contingency(pd.crosstab(CLINICS["clinic"], CLINICS["sex"]))
    assert r.answer["key_numbers"]["p_value"] == pytest.approx(p, rel=1e-6)


def test_count_named_variance_matches_scipy():
    r = _run("Is the basket value equally spread out in the three shops?", STORES)
    assert r.status == "answered" and r.answer["family"] == "variance"
    assert sorted(r.answer["columns"]) == ["basket_value", "outlet"]
    groups = [g["basket_value"].to_numpy() for _, g in STORES.groupby("outlet")]
    method = _method(r)
    ref = {
        "levene": stats.levene(*groups, center="mean").pvalue,
        "brown_forsythe": stats.levene(*groups, center="median").pvalue,
        "bartlett": stats.bartlett(*groups).pvalue,
        "fligner": stats.fligner(*groups).pvalue,
    }
    assert r.answer["key_numbers"]["p_value"] == pytest.approx(ref[method], rel=1e-6)


# --- a column named by the unit in its header -----------------------------------------------

GYM = pd.DataFrame(
    {
        "Session (hours)": RNG.uniform(0.5, 2.0, N).round(2),
        "Height (m)": RNG.normal(1.72, 0.08, N).round(2),
        "Energy_kcal": RNG.normal(900, 200, N).round(0),
        "Body mass (kg)": RNG.normal(75, 12, N).round(1),
        "Temp (F)": RNG.normal(70, 8, N).round(1),
    }
)


@pytest.mark.parametrize(
    ("q", "column"),
    [
        ("relate how long people train, in hours, to the energy they use", "Session (hours)"),
        ("Is the room warmth measured in fahrenheit tied to energy use?", "Temp (F)"),
        ("correlate what each member weighs in kilograms with energy", "Body mass (kg)"),
    ],
)
def test_column_named_by_its_unit(q, column):
    assert column in _columns(q, GYM)


def test_unit_named_correlation_matches_scipy():
    r = _run("How strongly does the time spent training in hours go with Energy_kcal?", GYM)
    assert r.status == "answered" and r.answer["family"] == "correlation"
    assert sorted(r.answer["columns"]) == ["Energy_kcal", "Session (hours)"]
    rho = {
        "pearson": stats.pearsonr(GYM["Session (hours)"], GYM["Energy_kcal"])[0],
        "spearman": stats.spearmanr(GYM["Session (hours)"], GYM["Energy_kcal"])[0],
        "kendall": stats.kendalltau(GYM["Session (hours)"], GYM["Energy_kcal"])[0],
    }[_method(r)]
    kn = r.answer["key_numbers"]
    assert kn["coefficient"] == pytest.approx(rho, rel=1e-6)


# --- a noun of action for a header in a verb form ------------------------------------------


@pytest.mark.parametrize(
    ("noun", "verb"),
    [
        ("readmission", "readmitted"),
        ("conversion", "converted"),
        ("promotion", "promoted"),
        ("cancellation", "cancelled"),
        ("decision", "decided"),
    ],
)
def test_action_noun_matches_verb_header(noun, verb):
    assert word_match(noun, verb) >= 0.85


def test_action_noun_leaves_unrelated_words():
    assert word_match("station", "stated") < 0.85
    assert word_match("session", "sessed") < 0.85


LEADS = pd.DataFrame(
    {
        "converted": RNG.choice(["yes", "no"], N),
        "channel": RNG.choice(["email", "search", "social"], N),
        "promoted": RNG.choice([0, 1], N),
        "region": RNG.choice(["EU", "US"], N),
    }
)


def test_action_noun_contingency_matches_scipy():
    r = _run("chi-square of the channel against conversion please", LEADS)
    assert r.status == "answered" and r.answer["family"] == "contingency"
    assert sorted(r.answer["columns"]) == ["channel", "converted"]
    chi2, p, _, _ = stats.chi2_contingency(pd.crosstab(LEADS["channel"], LEADS["converted"]))
    assert r.answer["key_numbers"]["p_value"] == pytest.approx(p, rel=1e-6)


# --- the family from the kinds of the columns: categories asked as a relation ----------------

MATCHES = pd.DataFrame(
    {
        "winner": RNG.choice(["white", "black", "draw"], N),
        "rated": RNG.choice([True, False], N),
        "opening_moves": RNG.integers(2, 25, N),
        "time_control": RNG.choice(["5+0", "10+0", "15+10"], N),
    }
)


@pytest.mark.parametrize(
    "q",
    [
        "Is who won related to whether the game was rated?",
        "Does the winner depend on the time control used?",
        "Any dependence between the time control and who won the game?",
    ],
)
def test_two_categories_asked_as_relation_are_contingency(q):
    r = _run(q, MATCHES)
    assert r.answer["family"] == "contingency"


SURVEY = pd.DataFrame(
    {
        "period": RNG.choice(["day", "night"], N),
        "severity": RNG.integers(1, 5, N),
        "distance_km": RNG.gamma(2.0, 3.0, N).round(2),
    }
)


@pytest.mark.parametrize(
    "q",
    [
        "Are night incidents spread across the 1-4 severity levels differently from day ones?",
        "Do day-time incidents fall into the severity grades differently than night ones?",
        "Is the way incidents are distributed over severity 1 to 4 different at night?",
    ],
)
def test_rows_spread_over_levels_are_contingency(q):
    r = _run(q, SURVEY)
    assert r.answer["family"] == "contingency"
    assert sorted(r.answer["columns"]) == ["period", "severity"]


# --- a label unique to each row is no category; a word that modifies the next column ---------

TEAMS = pd.DataFrame(
    {
        "team": [f"T{i:03d}" for i in range(N)],
        "team_size": RNG.choice(["1-3", "4-6", "7+"], N),
        "office": RNG.choice(["Lyon", "Oslo", "Pune"], N),
        "Type of Work": RNG.choice(["remote", "onsite"], N),
        "Grade": RNG.choice(["junior", "senior", "lead"], N),
    }
)


@pytest.mark.parametrize(
    "q",
    [
        "Cross-tabulate the office against how many people are in the team; test independence.",
        "Is the number of members of a team related to the office? chi-square please",
        "chi square of office versus the head count of the team",
    ],
)
def test_row_name_label_is_no_category(q):
    r = _run(q, TEAMS)
    assert r.answer["family"] == "contingency"
    assert "team" not in r.answer["columns"]


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("Crosstab office against work grade and give the chi-square.", ["Grade", "office"]),
        ("chi-square test: the work grade by office", ["Grade", "office"]),
        ("Is office associated with the work grade? chi2 please", ["Grade", "office"]),
    ],
)
def test_word_modifying_the_next_column_is_dropped(q, want):
    r = _run(q, TEAMS)
    assert r.answer["family"] == "contingency"
    assert sorted(r.answer["columns"]) == want


# --- a column of one-letter codes named by spelling its levels out ----------------------------

GAMES = pd.DataFrame(
    {
        "result": RNG.choice(["W", "D", "L"], N),
        "venue": RNG.choice(["home", "away"], N),
        "Lost_balls": RNG.integers(0, 6, N),
        "coach": RNG.choice(["Ann", "Ben", "Cy"], N),
    }
)
ORDERS = pd.DataFrame(
    {
        "st": RNG.choice(["S", "R", "C"], N),
        "courier": RNG.choice(["fast", "cheap"], N),
        "weight_kg": RNG.gamma(2.0, 1.5, N).round(2),
    }
)


@pytest.mark.parametrize(
    ("q", "frame", "column"),
    [
        ("Is the mix of wins, draws and losses different at home and away?", GAMES, "result"),
        ("do coaches differ in their share of win / draw / loss?", GAMES, "result"),
        ("Are orders shipped, returned or cancelled at different rates by courier?", ORDERS, "st"),
    ],
)
def test_codes_spelled_out_name_their_column(q, frame, column):
    assert column in _columns(q, frame)


def test_codes_spelled_out_contingency_matches_scipy():
    r = _run("Does the share of wins, draws and losses depend on the coach?", GAMES)
    assert r.status == "answered" and r.answer["family"] == "contingency"
    assert sorted(r.answer["columns"]) == ["coach", "result"]
    chi2, p, _, _ = stats.chi2_contingency(pd.crosstab(GAMES["coach"], GAMES["result"]))
    assert r.answer["key_numbers"]["p_value"] == pytest.approx(p, rel=1e-6)


# --- levels of a numeric column given with its unit; a value inside a longer value ------------

CUBES = pd.DataFrame(
    {
        "Strength (MPa)": RNG.normal(40, 6, N).round(1),
        "Age (day)": RNG.choice([7, 28, 90], N),
        "Cement (kg)": RNG.normal(300, 40, N).round(0),
    }
)


@pytest.mark.parametrize(
    "q",
    [
        "Is strength equally variable at 7 and at 90 days? Levene please.",
        "Does the spread of strength differ between 28 and 90 days of curing?",
        "levene test of strength, 7 vs 28 days",
    ],
)
def test_levels_given_with_unit_match_scipy(q):
    r = _run(q, CUBES)
    assert r.status == "answered" and r.answer["family"] == "variance"
    assert sorted(r.answer["columns"]) == ["Age (day)", "Strength (MPa)"]
    nums = sorted({int(x) for x in __import__("re").findall(r"\b\d+\b", q)})
    groups = [CUBES.loc[CUBES["Age (day)"] == d, "Strength (MPa)"] for d in nums]
    if _method(r) == "levene":  # mean-centred, or median-centred when a group is not normal
        got = r.answer["key_numbers"]["p_value"]
        assert any(
            got == pytest.approx(stats.levene(*groups, center=c).pvalue, rel=1e-6)
            for c in ("mean", "median")
        )


PAYROLL = pd.DataFrame(
    {
        "Department": RNG.choice(["Police", "Fire"], N),
        "Job Title": RNG.choice(["Police Officer", "Firefighter"], N),
        "Overtime Pay": RNG.gamma(2.0, 5000, N).round(0),
    }
)


def test_value_inside_a_longer_value_is_no_filter():
    r = _run(
        "Is overtime pay more dispersed for police officers than firefighters? F-test", PAYROLL
    )
    assert r.status == "answered" and r.answer["family"] == "variance"
    assert sorted(r.answer["columns"]) == ["Job Title", "Overtime Pay"]
    a = PAYROLL.loc[PAYROLL["Job Title"] == "Police Officer", "Overtime Pay"].to_numpy()
    b = PAYROLL.loc[PAYROLL["Job Title"] == "Firefighter", "Overtime Pay"].to_numpy()
    f = np.var(a, ddof=1) / np.var(b, ddof=1)
    p = 2 * min(stats.f.cdf(f, len(a) - 1, len(b) - 1), stats.f.sf(f, len(a) - 1, len(b) - 1))
    assert r.answer["key_numbers"]["p_value"] == pytest.approx(p, rel=1e-6)
