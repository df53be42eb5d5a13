"""Classes of phrasing for the five data-description families: calendar and plural cell
values, counts of a column versus the count statistic, verbs that look like headers, a
yes/no column as a subset, control clauses, and statistics asked for with no test."""

from __future__ import annotations

import numpy as np
import pandas as pd
from havoc_srs import Pipeline
from havoc_srs.data import Dataset
from havoc_srs.reader import read
from havoc_srs.reader.columns import ground_columns
from havoc_srs.reader.statistic import asked_statistics

RNG = np.random.default_rng(3)


def _mentions(question: str, frame: pd.DataFrame) -> list[tuple[str, str, object]]:
    ds = Dataset.from_frame(frame)
    return [(m.column, m.kind, m.value) for m in ground_columns(question, ds)]


def _run(question: str, frame: pd.DataFrame):
    return Pipeline(index=False).run(question, data=frame)


def test_abbreviated_weekday_values_are_named_in_full():
    frame = pd.DataFrame({"Weekday": ["Mon", "Thur", "Fri", "Mon", "Thur", "Fri"] * 5,
                          "Calls": RNG.normal(50, 5, 30)})  # fmt: skip
    got = _mentions("Are call volumes on Thursdays as variable as on Mondays?", frame)
    assert ("Weekday", "value", "Thur") in got and ("Weekday", "value", "Mon") in got


def test_plural_cell_value_named_in_the_singular():
    frame = pd.DataFrame({"Crop": ["Tomatoes", "Cherries", "Beans"] * 4, "kg": range(12)})
    got = _mentions("spread of kg for each cherry and tomato plot", frame)
    assert {v for c, k, v in got if k == "value"} == {"Tomatoes", "Cherries"}


def test_how_many_before_a_column_is_that_column_not_a_count():
    frame = pd.DataFrame({"rooms": [1, 2, 3, 2] * 10, "rent": RNG.normal(900, 100, 40)})
    ds = Dataset.from_frame(frame)
    r = read("Is rent tied to how many rooms a flat has?", ds)
    assert "count" not in r.statistic
    assert asked_statistics("Report the number of tenants and the mean rent.") == [
        "count",
        "mean",
    ]
    assert asked_statistics("What is the average number of visits?") == ["mean"]


def test_verb_before_an_article_is_not_a_one_word_header():
    frame = pd.DataFrame({"Run": range(1, 21), "yield_pct": RNG.normal(80, 3, 20)})
    got = _mentions("Could we run a normality check on the yield?", frame)
    assert [c for c, k, _ in got if k == "column"] == ["yield_pct"]
    # the header itself is still found when it is the noun
    assert "Run" in {c for c, _, _ in _mentions("is yield related to the run number?", frame)}


def test_statistic_word_does_not_match_a_header_by_typo():
    frame = pd.DataFrame({"State": ["A", "B", "C"] * 5, "cases": RNG.poisson(9, 15)})
    got = _mentions("basic stats for the cases please", frame)
    assert [c for c, k, _ in got if k == "column"] == ["cases"]


def test_only_content_word_of_a_header_matches_through_a_synonym():
    frame = pd.DataFrame({"fare_amount": RNG.gamma(3, 4, 40), "tip_amount": RNG.gamma(2, 1, 40),
                          "carrier": ["X", "Y"] * 20})  # fmt: skip
    got = _mentions("does the price of a trip vary more for one carrier?", frame)
    assert ("fare_amount", "column", None) in got
    assert "tip_amount" not in {c for c, _, _ in got}


def test_time_to_failure_header_is_a_life():
    frame = pd.DataFrame({"cycles_to_failure": RNG.weibull(1.5, 30) * 1e4,
                          "plant": ["P1", "P2", "P3"] * 10, "load_kn": RNG.normal(5, 1, 30)})  # fmt: skip
    got = _mentions("Do the valve lives look Weibull?", frame)
    assert ("cycles_to_failure", "column", None) in got


def test_yes_no_column_restricts_a_one_sample_fit():
    n = 60
    frame = pd.DataFrame({"member": ["yes"] * (n // 2) + ["no"] * (n // 2),
                          "basket_eur": np.r_[RNG.lognormal(3, 0.4, n // 2), np.zeros(n // 2)]})  # fmt: skip
    r = _run("For members only, is the basket value lognormal? Use a KS test.", frame)
    assert r.status == "answered"
    assert r.answer["family"] == "distribution"
    assert sorted(r.answer["columns"]) == ["basket_eur", "member"]
    assert r.answer["rests_on"]["method"] == "ks_lognormal"


def test_column_named_in_a_control_clause_is_a_control_even_if_named_before():
    n = 40
    z = RNG.normal(0, 1, n)
    frame = pd.DataFrame({"feed rate": z, "wear": z + RNG.normal(0, 1, n),
                          "spindle speed": RNG.normal(0, 1, n)})  # fmt: skip
    q = ("Feed rate drives wear, I know. Is spindle speed still related to wear once we adjust "
         "for feed rate?")  # fmt: skip
    r = _run(q, frame)
    assert r.status == "answered" and r.answer["family"] == "correlation"
    assert r.answer["rests_on"]["method"] == "partial_correlation"
    assert r.answer["columns"][-1] == "feed rate"


def test_relative_spread_is_the_coefficient_of_variation_not_a_test():
    frame = pd.DataFrame({"weight_g": RNG.normal(250, 10, 30), "line": ["A", "B", "C"] * 10})
    r = _run("How large is the spread of weight relative to its mean?", frame)
    assert r.answer["family"] == "descriptive"
    assert r.answer["key_numbers"]["statistics"] == ["cv"]


def test_no_test_wanted_gives_the_statistics():
    frame = pd.DataFrame({"score": RNG.normal(70, 8, 40), "class": ["red", "blue"] * 20})
    r = _run("Variance of score in the red and in the blue class, no test needed.", frame)
    assert r.status == "answered" and r.answer["family"] == "descriptive"


def test_statistic_after_a_determiner_is_read():
    assert asked_statistics("tell me the mode, and also the range") == ["mode", "range"]
    assert asked_statistics("median cost by travel mode") == ["median"]


def test_rank_based_wording_names_spearman():
    from havoc_srs.reader.statistic import named_methods

    assert named_methods("are the two related? something rank-based please") == ["spearman"]


def test_rising_together_is_a_correlation_cue():
    from havoc_srs.reader import cue_scores

    scores, _ = cue_scores("do rents and wages climb together over the decades?")
    assert scores["correlation"] >= 3


def test_derived_noun_names_its_header_word():
    frame = pd.DataFrame(
        {"pct_rural": RNG.uniform(0, 1, 20), "crime_per_1k": RNG.uniform(0, 9, 20)}
    )
    got = _mentions("Is ruralisation linked to crime?", frame)
    assert ("pct_rural", "column", None) in got


def test_the_two_of_a_shared_header_word_names_both_columns():
    frame = pd.DataFrame({"Probe 1 (C)": RNG.normal(20, 1, 15), "Probe 2 (C)": RNG.normal(20, 1, 15),
                          "batch": range(15)})  # fmt: skip
    got = {c for c, k, _ in _mentions("do both probes read with the same spread?", frame)}
    assert got == {"Probe 1 (C)", "Probe 2 (C)"}


def test_near_word_before_another_header_modifies_it():
    frame = pd.DataFrame({"Driver": ["a", "b"] * 10, "Route": ["x", "y", "z", "w"] * 5,
                          "minutes": RNG.normal(30, 4, 20)})  # fmt: skip
    got = [c for c, k, _ in _mentions("spread of minutes across the driving routes", frame)]
    assert "Route" in got and "Driver" not in got


def test_word_naming_the_dataset_is_not_a_column():
    frame = pd.DataFrame({"Ward": ["N", "S"] * 10, "Smoker": ["y", "n"] * 10,
                          "Diet": ["veg", "meat", "mixed", "veg"] * 5})  # fmt: skip
    got = [c for c, k, _ in _mentions("In this ward data, is diet tied to being a smoker?", frame)]
    assert sorted(got) == ["Diet", "Smoker"]


def test_past_tense_of_a_cell_value():
    frame = pd.DataFrame({"Outcome": ["Approve", "Decline"] * 6, "amount": range(12)})
    got = _mentions("how many loans were declined?", frame)
    assert ("Outcome", "value", "Decline") in got


def test_two_years_joined_by_between_are_the_two_columns():
    frame = pd.DataFrame({str(y): RNG.normal(2, 0.5, 30) for y in range(2001, 2011)})
    got = [c for c, k, _ in _mentions("correlation between 2003 and 2009 values", frame)]
    assert got == ["2003", "2009"]
    got = [c for c, k, _ in _mentions("spread between 2003 and 2009", frame)]
    assert len(got) == 7


def test_variance_value_is_the_measurement_not_a_numbered_group():
    frame = pd.DataFrame({"Part": np.repeat(np.arange(1, 11), 6), "Inspector": ["p", "q", "r"] * 20,
                          "Gap (mm)": RNG.normal(1, 0.05, 60)})  # fmt: skip
    r = _run("Across 10 parts, do the three inspectors show similar spread in gap?", frame)
    assert r.status == "answered" and r.answer["family"] == "variance"
    assert sorted(r.answer["columns"]) == ["Gap (mm)", "Inspector"]


def test_thanks_around_a_data_question_keeps_it_in_scope():
    frame = pd.DataFrame({"plan": ["basic", "pro"] * 30, "churned": ["yes", "no", "no"] * 20})
    r = _run("Hello! Is churned independent of the plan? Thanks so much!", frame)
    assert r.status == "answered" and r.answer["family"] == "contingency"


def _long_table() -> pd.DataFrame:
    rows = [(a, i, y, float(RNG.normal(50 if a == "Peru" else 60, 5)), float(RNG.normal(800, 50)))
            for a in ("Peru", "Ghana", "Chile") for i in ("Rice", "Beans")
            for y in range(2000, 2015)]  # fmt: skip
    return pd.DataFrame(rows, columns=["Area", "Item", "Year", "Value", "rain_mm"])


def test_people_of_a_place_name_the_place():
    got = _mentions("typical Ghanaian rice output", _long_table())
    assert ("Area", "value", "Ghana") in got and ("Item", "value", "Rice") in got


def test_long_table_measure_is_its_value_column():
    r = _run("Is the variability of bean output the same in Peru and Chile? Levene.", _long_table())
    assert r.status == "answered" and r.answer["family"] == "variance"
    assert sorted(r.answer["columns"]) == ["Area", "Item", "Value"]


def test_shared_generic_word_is_not_a_clash():
    frame = pd.DataFrame({"Oral Score": RNG.normal(60, 9, 30), "Essay Score": RNG.normal(60, 9, 30),
                          "Class": ["a", "b"] * 15})  # fmt: skip
    got = {c for c, k, _ in _mentions("the two scores, oral and essay: same distribution?", frame)}
    assert got == {"Oral Score", "Essay Score"}


def test_harvest_names_a_yield_column():
    frame = pd.DataFrame({"Yield (t/ha)": RNG.normal(6, 1, 20), "Variety": ["v1", "v2"] * 10})
    got = _mentions("are harvests more variable for one variety?", frame)
    assert ("Yield (t/ha)", "column", None) in got


def test_ordinary_word_close_to_a_method_name_is_not_that_method():
    from havoc_srs.reader.statistic import named_methods

    assert named_methods("a first-time stats person here: rank it with Kendall") == ["kendall"]


def test_cell_value_that_heads_a_score_column_names_that_score():
    frame = pd.DataFrame({"pick": ["Lopez", "Kim"] * 15, "lopez_rating": RNG.integers(1, 8, 30),
                          "kim_rating": RNG.integers(1, 8, 30)})  # fmt: skip
    r = _run("Is how people grade Lopez tied to how they grade kim_rating? Spearman.", frame)
    assert r.status == "answered" and r.answer["family"] == "correlation"
    assert sorted(r.answer["columns"]) == ["kim_rating", "lopez_rating"]


def test_one_word_of_an_abbreviation_expansion_does_not_name_the_column():
    frame = pd.DataFrame({"CSAT": RNG.integers(1, 6, 20), "WaitSec": RNG.gamma(2, 30, 20)})
    got = [c for c, k, _ in _mentions("median wait of our customers", frame)]
    assert got == ["WaitSec"]
