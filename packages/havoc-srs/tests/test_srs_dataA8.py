"""Phrasings of the verdict families (correlation, contingency, variance), dataA8: statistic
words matched only as typos or abbreviations of themselves, "how many X" as one side of a
relation, a symmetric relation with a variable held fixed (a partial correlation, not a
regression), a header said by its first two words, a control clause ahead of a stratified
association; each with the cases where the rule must not fire."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.data import Dataset
from havoc_srs.families.regression import _symmetric_held
from havoc_srs.reader import read
from havoc_srs.reader.columns import match_headers
from havoc_srs.reader.statistic import asked_statistics

RNG = np.random.default_rng(8)


def _run(question: str, frame: pd.DataFrame | None):
    return Pipeline(index=False).run(question, data=frame)


def _method(res) -> str | None:
    return (res.answer.get("rests_on") or {}).get("method") or res.answer.get("method")


# --- statistic words: typos and abbreviations of themselves, not synonyms or longer words ---


@pytest.mark.parametrize(
    "q",
    [
        "Is the statement balance related to the customer's age?",
        "Do the units of beer sold move with the temperature?",
        "Does the stated income line up with the loan size?",
    ],
)
def test_other_words_near_statistic_words_ask_no_statistic(q):
    assert asked_statistics(q) == []


@pytest.mark.parametrize(
    "q,want",
    [
        ("the standrad deviation of the fill weight", ["std"]),
        ("avrage and medain of the delay", ["mean", "median"]),
        ("kurtossis of the returns", ["kurtosis"]),
        ("give me the stats for the weight", ["count", "mean", "std", "min", "quartiles", "median", "max"]),
    ],
)  # fmt: skip
def test_misspelled_statistic_words_still_count(q, want):
    assert asked_statistics(q) == want


# --- "how many X" / "the number of X" as one side of a relation ---


@pytest.mark.parametrize(
    "q",
    [
        "Is a shop's revenue tied to how many staff it employs?",
        "Does the waiting time depend on how many nurses are on shift?",
        "Any link between how many hours they sleep and their test marks?",
        "Is the number of complaints related to the delivery delay?",
    ],
)
def test_how_many_naming_one_side_of_a_relation_is_no_count(q):
    assert "count" not in asked_statistics(q)


@pytest.mark.parametrize(
    "q",
    [
        "How many orders are there per region?",
        "how many rows are there, and is age related to income?",
        "What is the number of patients in each ward?",
    ],
)
def test_a_count_asked_outright_is_still_a_count(q):
    assert "count" in asked_statistics(q)


# --- a symmetric relation with a variable held fixed: partial correlation, not regression ---


@pytest.mark.parametrize(
    "q",
    [
        "is rent related to commute time once you allow for flat size?",
        "are sleep and mood still linked after adjusting for age?",
        "after accounting for dose, is weight loss associated with adherence?",
    ],
)
def test_symmetric_relation_held_fixed_is_no_regression_cue(q):
    assert _symmetric_held(q)


@pytest.mark.parametrize(
    "q",
    [
        "what is the effect of dose on weight loss, controlling for age?",
        "fit a model of rent on size adjusting for district",
        "how much does yield go up per unit of fertiliser, holding rain constant?",
    ],
)
def test_a_model_asked_with_a_variable_held_fixed_stays_a_regression(q):
    assert not _symmetric_held(q)


def _three_measures(n: int = 80) -> pd.DataFrame:
    size = RNG.normal(60, 15, n)
    rent = 12 * size + RNG.normal(0, 80, n)
    commute = RNG.normal(30, 8, n) + 0.02 * rent
    return pd.DataFrame({"flat_size_m2": size, "monthly_rent": rent, "commute_min": commute})


def test_related_once_you_allow_for_runs_a_partial_correlation():
    res = _run(
        "Is monthly rent related to commute time once you allow for flat size?",
        _three_measures(),
    )
    assert res.status == "answered"
    assert res.answer.get("family") == "correlation"
    assert _method(res) == "partial_correlation"
    assert sorted(res.answer.get("columns")) == ["commute_min", "flat_size_m2", "monthly_rent"]


# --- a header of three or more words said by its first two ---


def _people(n: int = 120) -> pd.DataFrame:
    return pd.DataFrame({
        "gender": RNG.choice(["female", "male"], n),
        "test preparation course": RNG.choice(["none", "completed"], n),
        "parental level of education": RNG.choice(["high school", "degree"], n),
        "customer loyalty programme tier": RNG.choice(["gold", "silver"], n),
        "customer loyalty points balance": RNG.integers(0, 500, n),
        "math score": RNG.integers(30, 100, n),
    })  # fmt: skip


@pytest.mark.parametrize(
    "q,col",
    [
        ("fisher: gender vs test prep", "test preparation course"),
        ("is test preparation linked to gender?", "test preparation course"),
        ("chi-square of gender against the test prep", "test preparation course"),
    ],
)
def test_a_long_header_said_by_its_first_two_words(q, col):
    cols = [m.column for m in match_headers(q, list(_people().columns))]
    assert col in cols


def test_two_headers_sharing_their_first_two_words_are_not_named_by_them():
    cols = [m.column for m in match_headers("gender vs customer loyalty", list(_people().columns))]
    assert "customer loyalty programme tier" not in cols
    assert "customer loyalty points balance" not in cols


def test_fisher_on_a_long_header_said_short_is_answered():
    res = _run("fisher exact test: gender vs test prep", _people())
    assert res.status == "answered" and _method(res) == "fisher_exact"
    assert sorted(res.answer.get("columns")) == ["gender", "test preparation course"]


# --- a control clause ahead of a stratified association ---


def _clinic(n: int = 400) -> pd.DataFrame:
    sex = RNG.choice(["F", "M"], n)
    smoker = RNG.choice(["yes", "no"], n)
    p = np.where(smoker == "yes", 0.5, 0.25)
    return pd.DataFrame({"sex": sex, "smoker": smoker,
                         "cough": np.where(RNG.random(n) < p, "yes", "no"),
                         "age": RNG.integers(20, 80, n)})  # fmt: skip


@pytest.mark.parametrize(
    "q",
    [
        "Controlling for sex via Mantel-Haenszel, is being a smoker associated with cough?",
        "Once sex is taken into account, is smoker tied to cough? Mantel-Haenszel please.",
        "cough vs smoker conditional on sex, CMH test",
    ],
)
def test_a_stratum_named_in_a_control_clause(q):
    res = _run(q, _clinic())
    assert res.status == "answered" and _method(res) == "mantel_haenszel"
    assert res.answer.get("columns") == ["smoker", "cough", "sex"] or sorted(
        res.answer.get("columns")[:2]
    ) == ["cough", "smoker"]
    assert res.answer.get("columns")[2] == "sex"


def test_no_control_clause_no_stratum():
    res = _run("is being a smoker associated with cough? chi-square", _clinic())
    assert res.status == "answered" and _method(res) == "chi2_independence"
    assert sorted(res.answer.get("columns")) == ["cough", "smoker"]


def test_reader_family_for_a_count_side_of_a_relation():
    n = 80
    kids = RNG.integers(0, 4, n)
    frame = pd.DataFrame({"Teenhome": kids, "Response": (RNG.random(n) < 0.1 + 0.1 * kids).astype(int),
                          "Income": RNG.normal(50, 10, n)})  # fmt: skip
    r = read(
        "Is the income tied to how many teenagers live in the home?", Dataset.from_frame(frame)
    )
    assert r.scores["descriptive"] < r.scores["correlation"]


# --- "Z as strata": the stratum named before its cue ---


def _trial(n: int = 360) -> pd.DataFrame:
    farm = RNG.choice(["North", "South", "East"], n)
    treated = RNG.choice(["yes", "no"], n)
    p = np.where(treated == "yes", 0.2, 0.4)
    return pd.DataFrame({"farm": farm, "treated": treated,
                         "blight": np.where(RNG.random(n) < p, "yes", "no")})  # fmt: skip


@pytest.mark.parametrize(
    "q",
    [
        "Using the farms as strata, is treated associated with blight? CMH test.",
        "Mantel-Haenszel for treated vs blight with farm as the stratification variable",
        "treating farm as layers, run a Cochran-Mantel-Haenszel test of treated and blight",
    ],
)
def test_a_column_named_as_strata_is_the_stratum(q):
    res = _run(q, _trial())
    assert res.status == "answered" and _method(res) == "mantel_haenszel"
    cols = res.answer.get("columns")
    assert cols[2] == "farm" and sorted(cols[:2]) == ["blight", "treated"]


def test_as_strata_far_from_any_column_names_no_stratum():
    from havoc_srs.families.contingency import _named_as_strata

    q = "Is treated associated with blight, or should I use something as strata?"
    ms = read(q, Dataset.from_frame(_trial())).mentions
    assert _named_as_strata(q, [m for m in ms if m.kind == "column"]) is None


# --- values of three letters named in the plural; concentration units; numbered subjects ---


def _clinic_animals(n: int = 150) -> pd.DataFrame:
    species = RNG.choice(["Dog", "Cat", "Cow"], n)
    return pd.DataFrame({
        "Species": species,
        "Weight [kg]": np.where(species == "Dog", RNG.normal(20, 9, n), RNG.normal(4.5, 1, n)),
        "Hb_g_dL": RNG.normal(14, 1.5, n), "Glucose_mmol_L": RNG.normal(5.5, 1, n),
        "Age_yrs": RNG.uniform(1, 15, n),
    })  # fmt: skip


@pytest.mark.parametrize(
    "q,groups",
    [
        ("Is the weight spread different for dogs and cats?", {"Dog", "Cat"}),
        ("Do cows and cats vary equally in weight? Levene please", {"Cow", "Cat"}),
        ("F-test: weight variance, dogs vs cows", {"Dog", "Cow"}),
    ],
)
def test_three_letter_values_named_in_the_plural(q, groups):
    r = read(q, Dataset.from_frame(_clinic_animals()))
    assert {m.value for m in r.mentions if m.kind == "value"} >= groups
    res = _run(q, _clinic_animals())
    assert res.status == "answered" and res.answer.get("family") == "variance"
    assert res.answer.get("columns")[:2] == ["Weight [kg]", "Species"]


def test_a_three_letter_word_is_not_a_plural_value_inside_another_word():
    r = read("Is the weight of the category related to age?", Dataset.from_frame(_clinic_animals()))
    assert not [m for m in r.mentions if m.kind == "value"]


@pytest.mark.parametrize(
    "q,col",
    [
        ("Does age relate to Hb level? Spearman", "Hb_g_dL"),
        ("spearman between hb and age", "Hb_g_dL"),
        ("is glucose linked with age (pearson)?", "Glucose_mmol_L"),
    ],
)
def test_a_header_with_a_concentration_unit_is_named_by_its_word(q, col):
    res = _run(q, _clinic_animals())
    assert res.status == "answered" and res.answer.get("family") == "correlation"
    assert sorted(res.answer.get("columns")) == sorted(["Age_yrs", col])


def test_numbered_subjects_are_no_measure():
    from havoc_srs.families._common import analysable

    n = 30
    frame = pd.DataFrame({"Subject": np.tile(np.arange(n), 2), "Month": ["Jan"] * n + ["Jun"] * n,
                          "Score": RNG.normal(5, 1, 2 * n)})  # fmt: skip
    ds = Dataset.from_frame(frame)
    assert analysable(ds, ds.numeric) == ["Score"]
    res = _run("Do the January and June results of the people vary by the same amount?", frame)
    assert res.status == "answered" and res.answer.get("columns") == ["Score", "Month"]


def test_a_count_of_patients_is_a_measure_not_a_numbering():
    from havoc_srs.families._common import analysable

    frame = pd.DataFrame({"Patients": RNG.integers(3, 40, 30), "Ward": ["A", "B", "C"] * 10})
    ds = Dataset.from_frame(frame)
    assert analysable(ds, ds.numeric) == ["Patients"]


# --- a correlation matrix of three or more named measurements ---


def _plant(n: int = 90) -> pd.DataFrame:
    temp = RNG.normal(70, 5, n)
    return pd.DataFrame({
        "oven_temp": temp, "line_speed": RNG.normal(3, 0.4, n),
        "scrap_rate": 0.3 * temp + RNG.normal(0, 2, n),
        "energy_kwh": 2 * temp + RNG.normal(0, 6, n), "shift": ["A", "B", "C"] * (n // 3),
    })  # fmt: skip


@pytest.mark.parametrize(
    "q,method",
    [
        ("correlation matrix of oven temp, line speed and scrap rate", None),
        ("Spearman correlations among oven temperature, line speed, scrap rate and energy", "spearman"),
        ("df[['oven_temp','line_speed','scrap_rate']].corr(method='kendall')", "kendall"),
        ("pairwise Pearson correlations for oven temp, scrap rate and energy please", "pearson"),
    ],
)  # fmt: skip
def test_a_correlation_matrix_matches_pandas(q, method):
    frame = _plant()
    res = _run(q, frame)
    assert res.status == "answered" and res.answer.get("family") == "correlation"
    cols = res.answer.get("columns")
    assert len(cols) >= 3 and set(cols) <= {"oven_temp", "line_speed", "scrap_rate", "energy_kwh"}
    got = _method(res)
    if method:
        assert got == method
    kn = res.answer["key_numbers"]
    want = frame[kn["variables"]].corr(method=got)
    assert len(kn["matrix"]) == len(cols) * (len(cols) - 1) // 2
    for key, r in kn["matrix"].items():
        a, b = key.split(" × ")
        assert r == pytest.approx(want.loc[a, b], abs=1e-9)
    from scipy import stats

    if got == "pearson":
        a, b = kn["variables"][:2]
        p = stats.pearsonr(frame[a], frame[b]).pvalue
        assert kn["p_values"][f"{a} × {b}"] == pytest.approx(p, rel=1e-6)


def test_two_columns_with_correlations_plural_stay_one_pair():
    res = _run("what are the correlations between oven temp and scrap rate?", _plant())
    assert res.status == "answered"
    assert sorted(res.answer.get("columns")) == ["oven_temp", "scrap_rate"]
    assert "matrix" not in res.answer["key_numbers"]


def test_three_columns_with_a_control_stay_a_partial_correlation():
    res = _run(
        "correlation of oven temp and scrap rate controlling for energy, and all pairs?", _plant()
    )
    assert res.status == "answered" and _method(res) == "partial_correlation"
    assert "matrix" not in res.answer["key_numbers"]


def test_three_columns_without_a_matrix_word_stay_one_pair():
    res = _run("is oven temp correlated with scrap rate? (energy is in kwh)", _plant())
    assert "matrix" not in (res.answer.get("key_numbers") or {})


# --- samples typed as code: lists, lists of lists, and two runs set against each other ---


@pytest.mark.parametrize(
    "q,method",
    [
        ("levene([4.1, 4.4, 4.0, 4.3], [3.2, 5.9, 2.8, 6.1], [4.2, 4.1, 4.3, 4.2])", "levene"),
        ("bartlett.test(list(c(10, 12, 11, 13), c(9, 15, 7, 17), c(11, 11, 12, 10)))", "bartlett"),
        ("fligner on [3,4,3,5,4] [1,8,2,9,5] [4,4,5,4,3] please", "fligner"),
    ],
)
def test_samples_written_as_code_lists(q, method):
    from havoc_srs.reader.numbers import code_sample_lists
    from scipy import stats

    samples = code_sample_lists(q, 3, False)
    assert len(samples) == 3
    res = _run(q, None)
    assert res.status == "answered" and res.answer.get("family") == "variance"
    assert _method(res) == method
    want = {"levene": lambda *a: stats.levene(*a, center="mean"), "bartlett": stats.bartlett,
            "fligner": stats.fligner}[method](*samples)  # fmt: skip
    got = next(m for m in res.answer["methods"] if m["name"] == method)
    assert got["statistic"] == pytest.approx(want.statistic, rel=1e-6)


def test_one_code_list_is_no_set_of_samples():
    from havoc_srs.reader.numbers import code_sample_lists, inline_table, nested_counts

    assert len(code_sample_lists("is [3, 4, 5, 6, 7] normal?", 3, False)) == 1
    assert list(inline_table("is [3, 4, 5, 6, 7] normal?").columns) == ["x"]
    assert nested_counts("is [3, 4, 5, 6, 7] normal?") is None


@pytest.mark.parametrize(
    "q,shape",
    [
        ("[[12, 5], [7, 14]] fisher exact please", (2, 2)),
        ("chi-square on [[20, 15, 9], [11, 18, 25]]", (2, 3)),
        ("scipy.stats.chi2_contingency([[3, 8], [9, 2], [5, 5]])", (3, 2)),
    ],
)
def test_counts_written_as_a_list_of_lists(q, shape):
    from havoc_srs.reader.numbers import nested_counts

    t = nested_counts(q)
    assert t is not None and t.shape == shape
    res = _run(q, None)
    assert res.status == "answered" and res.answer.get("family") == "contingency"


def test_a_list_of_lists_with_decimals_is_no_count_table():
    from havoc_srs.reader.numbers import nested_counts

    assert nested_counts("[[1.5, 2.2], [3.1, 0.4]]") is None
    assert nested_counts("[[1, 2, 3], [4, 5]]") is None


@pytest.mark.parametrize(
    "q",
    [
        "Two scales weighed the same bag: 5.01 5.03 4.99 5.02 versus 4.90 5.12 5.05 4.95. Which is steadier?",
        "Old gauge 3.2 3.3 3.1 3.2 3.3 vs 3.0 3.6 2.9 3.5 3.4 from the new one: is the spread the same?",
        "readings 10, 11, 10, 12 compared with 8, 14, 9, 13 - equal variances?",
    ],
)  # fmt: skip
def test_two_unlabelled_runs_set_against_each_other(q):
    res = _run(q, None)
    assert res.status == "answered" and res.answer.get("family") == "variance"
    assert len(res.answer.get("columns")) == 2


def test_versus_between_words_reads_no_runs():
    from havoc_srs.reader.numbers import _VERSUS_RUNS

    assert _VERSUS_RUNS.search("plant A versus plant B, 3 4 5 and 6 7 8") is None


# --- a column named by the denominator of its rate ---


def _glasshouse(n: int = 120) -> pd.DataFrame:
    section = np.repeat(["S1", "S2", "S3", "S4"], n // 4)
    return pd.DataFrame({
        "Section": section,
        "Yield kg/m2": np.r_[RNG.normal(40, 2, n // 2), RNG.normal(40, 8, n // 2)],
        "Mites /100 leaves": RNG.poisson(5, n).astype(float),
        "Cost_per_ha": RNG.normal(900, 50, n), "Speed (km/h)": RNG.normal(5, 1, n),
        "Plants": RNG.integers(50, 90, n).astype(float),
    })  # fmt: skip


@pytest.mark.parametrize(
    "q,col",
    [
        ("Is production per square metre more erratic in some sections than in others?", "Yield kg/m2"),
        ("do the sections differ in the spread of the count per 100 leaves? levene", "Mites /100 leaves"),
        ("is spending per hectare more variable in some sections? bartlett", "Cost_per_ha"),
    ],
)  # fmt: skip
def test_a_rate_named_by_its_denominator(q, col):
    from havoc_srs.reader.counted import per_unit_mentions

    ds = Dataset.from_frame(_glasshouse())
    assert [m.column for m in per_unit_mentions(q, ds, [])] == [col]
    res = _run(q, _glasshouse())
    assert res.status == "answered" and res.answer.get("family") == "variance"
    assert res.answer.get("columns")[:2] == [col, "Section"]


def test_per_hour_and_per_visit_name_no_rate_column():
    from havoc_srs.reader.counted import per_unit_mentions

    ds = Dataset.from_frame(_glasshouse())
    assert per_unit_mentions("how many plants per hour are checked per section?", ds, []) == []
    assert per_unit_mentions("mites per visit by section", ds, []) == []


# --- questions written in Dutch; compound nouns of two glossary words ---


@pytest.mark.parametrize(
    "q,want",
    [
        ("Is er samenhang tussen leeftijd en gewicht?", "relationship|association"),
        ("Verschilt de spreiding van het gewicht tussen de groepen? Levene graag.", "spread"),
        ("Partiële correlatie tussen prijs en leeftijd, gecorrigeerd voor gewicht.", "partial correlation"),
    ],
)  # fmt: skip
def test_dutch_questions_are_read_in_english(q, want):

    from havoc_srs.reader.foreign import language, to_english

    assert language(q) == "nl"
    assert re.search(want, to_english(q))


@pytest.mark.parametrize(
    "q",
    [
        "Is the van weight different for the men?",
        "Does the delivery van depend on the driver?",
        "Is de-icing time related to temperature?",
    ],
)
def test_english_with_a_dutch_looking_word_stays_english(q):
    from havoc_srs.reader.foreign import language

    assert language(q) is None


def test_compound_nouns_of_two_glossary_words():
    from havoc_srs.reader.foreign import _compound

    assert _compound("vruchtgewicht", {}) == "fruit weight"
    assert _compound("leeftijdsgroep", {}) == "age group"
    assert _compound("onbekendwoord", {}) is None


def _sizes(n: int = 90) -> pd.DataFrame:
    g = np.repeat(["A", "B", "C"], n // 3)
    return pd.DataFrame({"groep": g, "Weight_kg": np.r_[RNG.normal(10, 1, n // 3),
                         RNG.normal(10, 3, n // 3), RNG.normal(10, 1, n // 3)],
                         "Age": RNG.uniform(20, 60, n)})  # fmt: skip


def test_a_dutch_spread_question_is_answered():
    res = _run("Verschilt de spreiding van het gewicht tussen de groepen? Levene graag.", _sizes())
    assert res.status == "answered" and res.answer.get("family") == "variance"
    assert _method(res) == "levene" and res.answer.get("columns")[:2] == ["Weight_kg", "groep"]


def test_a_compound_that_is_a_header_word_stays_as_written():
    from havoc_srs.reader.foreign import to_english

    q = "Verschilt de spreiding van het vruchtgewicht tussen de groepen?"
    assert "vruchtgewicht" in to_english(q, headers=["Vruchtgewicht", "Groep"])
    assert "fruit weight" in to_english(q)


# --- a column named as the setting of the rows is no side of the table ---


def _shelter(n: int = 300) -> pd.DataFrame:
    return pd.DataFrame({
        "Shelter": RNG.choice(["North", "South", "West"], n),
        "Species": RNG.choice(["Dog", "Cat", "Rabbit"], n),
        "Adopted": RNG.choice(["yes", "no"], n),
        "Microchipped": RNG.choice(["yes", "no"], n),
    })  # fmt: skip


@pytest.mark.parametrize(
    "q",
    [
        "Do cats get adopted more often than dogs and rabbits at our shelters?",
        "Across all the shelters, are rabbits adopted less often than cats?",
        "Are dogs adopted more than cats in the shelters? chi-square",
    ],
)
def test_values_compared_beat_the_setting(q):
    res = _run(q, _shelter())
    assert res.status == "answered" and res.answer.get("family") == "contingency"
    assert sorted(res.answer.get("columns")) == ["Adopted", "Species"]


def test_a_setting_with_no_values_compared_stays():
    from havoc_srs.families.contingency import _drop_setting

    q = "Is adoption tied to microchipping at our shelters?"
    r = read(q, Dataset.from_frame(_shelter()))
    pair = ["Adopted", "Microchipped", "Shelter"]
    assert _drop_setting(r, pair) == pair


# --- a relation's verb and preposition ("depending on") names no header ---


@pytest.mark.parametrize(
    "q,cols,absent",
    [
        ("Does approval vary depending on the area?", ["Dependents", "Area", "Approved"], "Dependents"),
        ("Is churn related to plan type?", ["Relation", "Churn", "Plan type"], "Relation"),
        ("Are prices based on the size?", ["Base", "Price", "Size"], "Base"),
    ],
)  # fmt: skip
def test_a_relation_connective_names_no_header(q, cols, absent):
    assert absent not in [m.column for m in match_headers(q, cols)]


@pytest.mark.parametrize(
    "q,cols,present",
    [
        ("Is the number of dependents tied to approval?", ["Dependents", "Approved"], "Dependents"),
        ("does the relation to the owner matter for the rent?", ["Relation", "Rent"], "Relation"),
    ],
)  # fmt: skip
def test_the_header_noun_itself_is_still_named(q, cols, present):
    assert present in [m.column for m in match_headers(q, cols)]


# --- a value named in a background sentence is no row filter ---


def _mill(n: int = 90) -> pd.DataFrame:
    t = RNG.normal(40, 3, n)
    return pd.DataFrame({"Shift": ["Day", "Night", "Late"] * (n // 3), "Spindle_Temp": t,
                         "Bore_mm": 20 + 0.01 * t + RNG.normal(0, 0.02, n)})  # fmt: skip


@pytest.mark.parametrize(
    "q",
    [
        "The night crew says bores grow when it runs hot. Is bore size correlated with spindle temp?",
        "Our day shift lead has a theory. Is there a link between spindle temp and bore mm?",
        "Night people think heat matters. Spearman between spindle temp and bore size?",
    ],
)
def test_a_value_in_a_background_sentence_is_no_filter(q):
    res = _run(q, _mill())
    assert res.status == "answered" and res.answer.get("family") == "correlation"
    assert sorted(res.answer.get("columns")) == ["Bore_mm", "Spindle_Temp"]


@pytest.mark.parametrize(
    "q",
    [
        "Night shift only. Is bore size correlated with spindle temp?",
        "Is bore size correlated with spindle temp on the night shift?",
    ],
)
def test_a_value_that_restricts_the_rows_is_still_a_filter(q):
    res = _run(q, _mill())
    assert res.status == "answered"
    assert sorted(res.answer.get("columns")) == ["Bore_mm", "Shift", "Spindle_Temp"]


# --- Stata commands of the verdict families, written without brackets ---


@pytest.mark.parametrize(
    "q,method",
    [
        ("robvar weight, by(group)", "levene"),
        ("sdtest weight, by(group)", "f_test_variance"),
        ("pwcorr height weight, sig", "pearson"),
        ("ktau height weight", "kendall"),
        ("tabulate smoker cancer, chi2", "chi2_independence"),
        ("tab smoker cancer, exact", "fisher_exact"),
        ("tabulate smoker cancer, chi2 exact", "chi2_independence"),
        ("tab smoker cancer, exact chi2", "fisher_exact"),
    ],
)
def test_stata_commands_name_their_test(q, method):
    from havoc_srs.reader.calls import call_methods

    assert call_methods(q) == [method]


@pytest.mark.parametrize("q", ["tab region", "summarize income for me", "robvar"])
def test_english_or_bare_commands_name_no_test(q):
    from havoc_srs.reader.calls import call_methods

    assert call_methods(q) == []


def test_robvar_runs_levene():
    n = 60
    frame = pd.DataFrame({"weight": np.r_[RNG.normal(10, 1, n), RNG.normal(10, 3, n)],
                          "group": ["a"] * n + ["b"] * n})  # fmt: skip
    res = _run("robvar weight, by(group)", frame)
    assert res.status == "answered" and _method(res) == "levene"
    assert res.answer.get("columns") == ["weight", "group"]


# --- numeric restrictions: a year kept with "only", a column set equal to a number ---


def _water(n: int = 120) -> pd.DataFrame:
    return pd.DataFrame({
        "Year": np.repeat([2021, 2022, 2023], n // 3), "Site": ["S1", "S2", "S3", "S4"] * (n // 4),
        "Nitrate": RNG.normal(5, 1, n), "Conductivity": RNG.normal(300, 30, n),
        "Holiday": RNG.integers(0, 2, n),
    })  # fmt: skip


@pytest.mark.parametrize(
    "q,want",
    [
        ("Only the 2022 samples: Pearson between conductivity and nitrate.", {"Year": 2022.0}),
        ("Pearson of conductivity vs nitrate, 2021 only", {"Year": 2021.0}),
        ("Holiday samples only (Holiday = 1): spearman between conductivity and nitrate", {"Holiday": 1.0}),
    ],
)  # fmt: skip
def test_a_number_that_keeps_some_rows_is_a_filter(q, want):
    from havoc_srs.families._common import numeric_filters

    ds = Dataset.from_frame(_water())
    assert numeric_filters(read(q, ds), ds) == want
    res = _run(q, _water())
    assert res.status == "answered" and res.answer.get("family") == "correlation"
    assert sorted(res.answer.get("columns")) == sorted(["Conductivity", "Nitrate", *want])
    assert res.answer["key_numbers"]["n"] < 120


@pytest.mark.parametrize(
    "q",
    [
        "Pearson between conductivity and nitrate since 2021",
        "Is nitrate spread equal across sites? alpha = 0.05",
        "only report the correlation of conductivity and nitrate for 2030",
    ],
)
def test_a_number_that_keeps_no_rows_is_no_filter(q):
    from havoc_srs.families._common import numeric_filters

    ds = Dataset.from_frame(_water())
    assert numeric_filters(read(q, ds), ds) == {}


# --- a noun of action in -ment named by its verb ---


@pytest.mark.parametrize(
    "q,cols,col",
    [
        ("Is the product line independent of how the customer paid?", ["Product line", "Payment", "Customer type"], "Payment"),
        ("Does the region depend on how the parcel was shipped?", ["Region", "Shipment", "Weight"], "Shipment"),
        ("Is recovery tied to how the patients were treated?", ["Recovery", "Treatment", "Age"], "Treatment"),
    ],
)  # fmt: skip
def test_a_ment_noun_named_by_its_verb(q, cols, col):
    assert col in [m.column for m in match_headers(q, cols)]


@pytest.mark.parametrize(
    "word,noun",
    [("departed", "department"), ("apart", "apartment"), ("segmented", "segment"),
     ("pay", "payment"), ("commented", "comment")],
)  # fmt: skip
def test_a_word_like_a_ment_noun_that_names_no_act(word, noun):
    from havoc_srs.reader.text import _ment_match

    assert not _ment_match(word, noun)


# --- a short code written in the plural ("RTs", "KPIs") ---


def test_a_code_in_the_plural_is_one_token():
    from havoc_srs.reader.text import tokens

    assert [t.text for t in tokens("RTs and KPIs of MntWines in kWh")] == [
        "rts", "and", "kpis", "of", "mnt", "wines", "in", "kwh",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "q,cols,col",
    [
        ("is the spread of RTs the same in both conditions?", ["rt_ms", "condition"], "rt_ms"),
        ("are the KPIs linked to the budget?", ["KPI", "budget"], "KPI"),
        ("do the BMIs vary more for smokers? levene", ["BMI", "smoker"], "BMI"),
    ],
)
def test_a_code_in_the_plural_names_its_header(q, cols, col):
    assert col in [m.column for m in match_headers(q, cols)]


@pytest.mark.parametrize(
    "q,cols,col",
    [("is its spread larger?", ["IT", "spread"], "IT"), ("send it to us", ["U", "x"], "U")],
)
def test_a_word_that_is_no_plural_of_a_code(q, cols, col):
    assert col not in [m.column for m in match_headers(q, cols) if m.how == "words"]


# --- vital signs said in other languages ---


@pytest.mark.parametrize(
    "q,want",
    [
        ("¿Hay correlación entre la presión arterial y la frecuencia cardíaca?", ["blood pressure", "heart rate"]),
        ("Gibt es einen Zusammenhang zwischen Blutdruck und Herzfrequenz?", ["blood pressure", "heart rate"]),
        ("C'è una correlazione tra la temperatura corporea e il peso?", ["body temperature"]),
    ],
)  # fmt: skip
def test_vital_signs_in_other_languages(q, want):
    from havoc_srs.reader.foreign import to_english

    got = to_english(q)
    assert all(w in got for w in want)


def test_an_english_question_on_vital_signs_is_left_alone():
    from havoc_srs.reader.foreign import to_english

    assert to_english("Is heart rate related to body temperature?") is None


# --- a header's words on both sides of "than" are not said together ---


@pytest.mark.parametrize(
    "q",
    [
        "Do app orders have more erratic basket values than web orders?",
        "Are web values steadier than app orders?",
        "Do app orders swing more against web values?",
    ],
)
def test_header_words_across_a_comparison_are_no_mention(q):
    from havoc_srs.reader.columns import _unordered

    toks = __import__("havoc_srs.reader.text", fromlist=["tokens"]).tokens(q)
    m = _unordered(["order", "value"], toks, "Order Value")
    assert m is None or not re.search(r"\b(than|against)\b", q[m.start : m.end])


def test_header_words_in_another_order_still_named():
    from havoc_srs.reader.columns import _unordered
    from havoc_srs.reader.text import tokens

    m = _unordered(
        ["order", "value"],
        tokens("is the value of each order more variable on the app?"),
        "Order Value",
    )
    assert m is not None


def test_spread_compared_between_channels_is_variance():
    n = 80
    frame = pd.DataFrame({"Channel": ["App", "Web"] * (n // 2),
                          "Order Value": np.where(np.arange(n) % 2 == 0, RNG.normal(50, 20, n), RNG.normal(50, 5, n))})  # fmt: skip
    res = _run("Do app orders have more erratic basket values than web orders?", frame)
    assert res.status == "answered" and res.answer.get("family") == "variance"
    assert res.answer.get("columns") == ["Order Value", "Channel"]


def test_an_identifier_is_not_named_by_its_first_two_words():
    n = 40
    frame = pd.DataFrame({"count_point_id": np.arange(n), "road_type": ["Motorway", "A road"] * (n // 2),
                          "cars_and_taxis": RNG.gamma(2, 100, n)})  # fmt: skip
    ds = Dataset.from_frame(frame)
    q = "only Motorway count points: is cars_and_taxis gamma?"
    got = [m.column for m in match_headers(q, list(frame.columns), ds)]
    assert "count_point_id" not in got and "cars_and_taxis" in got
