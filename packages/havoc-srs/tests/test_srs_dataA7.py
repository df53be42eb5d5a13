"""Phrasings of the verdict families (correlation, contingency, variance): a test named next to
a formula, Kendall's "rank correlation", the rows' own names among the columns, spread words
with the measure left unsaid, and the cases where each rule must not fire."""

from __future__ import annotations

import numpy as np
import pandas as pd
from havoc_srs import Pipeline
from havoc_srs.reader.statistic import named_methods

RNG = np.random.default_rng(7)


def _run(question: str, frame: pd.DataFrame | None):
    return Pipeline(index=False).run(question, data=frame)


def _method(res) -> str | None:
    return (res.answer.get("rests_on") or {}).get("method") or res.answer.get("method")


def _measures(n: int = 60) -> pd.DataFrame:
    x = RNG.normal(20, 4, n)
    return pd.DataFrame({"humidity": x, "rust_rate": 0.5 * x + RNG.normal(0, 2, n),
                         "line": ["L1", "L2", "L3"] * (n // 3)})  # fmt: skip


def test_a_named_correlation_beats_a_formula():
    res = _run("rust_rate ~ humidity spearman", _measures())
    assert res.answer.get("family") == "correlation" and _method(res) == "spearman"
    assert sorted(res.answer.get("columns")) == ["humidity", "rust_rate"]


def test_a_variance_test_called_on_a_formula():
    res = _run("fligner.test(rust_rate ~ line)", _measures())
    assert res.answer.get("family") == "variance" and _method(res) == "fligner"


def test_a_formula_with_a_model_asked_stays_a_regression():
    res = _run("fit rust_rate ~ humidity and report the slope (pearson r too)", _measures())
    assert res.answer.get("family") == "regression"


def test_kendalls_rank_correlation_is_kendall_only():
    assert named_methods("Give me Kendall's rank correlation of the two scores") == ["kendall"]
    assert set(named_methods("rank correlation of X and Y, Spearman and Kendall both")) == {
        "spearman",
        "kendall",
    }


def test_spearman_written_as_two_words_and_a_linear_association():
    assert named_methods("corelation of a and b with spear man") == ["spearman"]
    assert named_methods("how strong is the linear association of a and b") == ["pearson"]


def test_the_rows_own_names_are_no_variable_of_the_relation():
    n = 40
    x = RNG.normal(30, 5, n)
    frame = pd.DataFrame({"Town": [f"T{i}" for i in range(n)], "Commute": x,
                          "Jobless": 0.2 * x + RNG.normal(0, 1, n)})  # fmt: skip
    res = _run(
        "Do towns with longer commute also have more jobless people? any relationship?", frame
    )
    assert res.answer.get("family") == "correlation"
    assert sorted(res.answer.get("columns")) == ["Commute", "Jobless"]


def test_spread_compared_between_named_groups_with_the_measure_unsaid():
    n = 40
    frame = pd.DataFrame({"Country": ["Peru"] * n + ["Chile"] * n, "Crop": ["Rice"] * (2 * n),
                          "Value": np.r_[RNG.normal(100, 5, n), RNG.normal(100, 25, n)]})  # fmt: skip
    res = _run("Are the rice harvests in Chile more erratic than in Peru?", frame)
    assert res.answer.get("family") == "variance"
    assert res.answer.get("columns")[:2] == ["Value", "Country"]


def test_groups_differing_in_how_variable_a_measure_is():
    n = 30
    frame = pd.DataFrame({"Breed": ["A"] * n + ["B"] * n + ["C"] * n,
                          "Weight": np.r_[RNG.normal(10, 1, n), RNG.normal(10, 3, n), RNG.normal(10, 2, n)]})  # fmt: skip
    res = _run("Do the breeds differ in how variable their weight is?", frame)
    assert res.answer.get("family") == "variance"


def test_groups_differing_in_level_stay_a_test_of_means():
    n = 30
    frame = pd.DataFrame({"Breed": ["A"] * n + ["B"] * n + ["C"] * n,
                          "Weight": np.r_[RNG.normal(10, 1, n), RNG.normal(12, 1, n), RNG.normal(11, 1, n)]})  # fmt: skip
    # "vary by" is a level compared as often as a spread: the rule must not fire
    res = _run("Does the weight vary by breed?", frame)
    assert res.answer.get("family") != "variance"


def test_two_typed_samples_more_up_and_down():
    q = ("Line A: 50, 51, 49, 50, 52, 50, 49. Line B: 40, 62, 55, 38, 60, 45, 58. "
         "Is line B more up and down than line A?")  # fmt: skip
    res = _run(q, None)
    assert res.answer.get("family") == "variance"


def _plots(n: int = 120) -> pd.DataFrame:
    return pd.DataFrame({"field": RNG.choice(["F1", "F2", "F3", "F4"], n),
                         "seed_mix": RNG.choice(["S1", "S2", "S3"], n),
                         "blight": RNG.choice(["yes", "no"], n)})  # fmt: skip


def test_the_asking_sentence_names_the_pair():
    q = ("We sowed four fields with three seed mixes this spring. The blight seemed worse in "
         "some fields. Is blight related to the field?")  # fmt: skip
    res = _run(q, _plots())
    assert res.answer.get("family") == "contingency"
    assert sorted(res.answer.get("columns")) == ["blight", "field"]


def test_a_pair_said_again_in_the_asking_sentence():
    q = ("Some seed mixes had blight and I wonder if it is tied to the field. "
         "Can you run a chi-square on field vs blight?")  # fmt: skip
    res = _run(q, _plots())
    assert sorted(res.answer.get("columns")) == ["blight", "field"]


def test_one_sentence_keeps_the_order_of_mention():
    from havoc_srs.data import Dataset
    from havoc_srs.families._common import asked_first
    from havoc_srs.reader import read

    ds = Dataset.from_frame(_plots())
    r = read("Is seed_mix related to blight within each field?", ds)
    cols = [m.column for m in r.mentions if m.kind == "column"]
    assert asked_first(r, cols) == cols  # no other sentence: nothing to prefer


def test_a_one_word_modifier_of_another_column_is_not_the_pair():
    n = 50
    x = RNG.normal(100, 10, n)
    frame = pd.DataFrame({"Zinc Price": RNG.normal(5, 1, n), "World Demand (kt)": x,
                          "Wealth Index": x / 10 + RNG.normal(0, 1, n)})  # fmt: skip
    res = _run("Did zinc demand go up as the wealth index went up?", frame)
    assert sorted(res.answer.get("columns")) == ["Wealth Index", "World Demand (kt)"]


def test_counts_written_with_a_verb_per_group():
    from havoc_srs.reader.numbers import count_table

    t = count_table(
        "batch 1 showed 9 cracked and 41 sound, batch 2 showed 20 cracked and 30 sound."
    )
    assert t.shape == (2, 2) and list(t.columns) == ["cracked", "sound"]
    assert t.to_numpy().tolist() == [[9, 41], [20, 30]]
    t = count_table("group A had 14 pupils pass and 6 not; group B had 8 pass and 12 not")
    assert list(t.columns) == ["pass", "not pass"] and t.to_numpy().tolist() == [[14, 6], [8, 12]]


def test_counts_as_n_improved_m_not_and_of_n_so_many():
    from havoc_srs.reader.numbers import count_table

    t = count_table("counts: dosed 11 healed 9 not; placebo 5 healed 15 not.")
    assert t.to_numpy().tolist() == [[11, 9], [5, 15]]
    t = count_table("Of 60 workers who wore masks 4 fell ill; of the 50 who did not, 12 fell ill.")
    assert t.to_numpy().tolist() == [[4, 56], [12, 38]]


def test_numbers_with_words_that_are_not_counts_of_outcomes():
    from havoc_srs.reader.numbers import count_table

    # a machine's number, hours and stops: no two outcomes counted per group
    assert count_table("Machine 1 ran 20 hours and 3 stops, machine 2 ran 30 hours") is None


def test_a_typed_two_by_two_gets_fisher():
    q = ("Ward A had 15 patients recover and 5 not; ward B had 7 recover and 13 not. "
         "Fisher's exact test please.")  # fmt: skip
    res = _run(q, None)
    assert res.status == "answered" and res.answer.get("family") == "contingency"
    assert _method(res) == "fisher_exact"


def _kinds_of(question: str, frame: pd.DataFrame) -> list[str]:
    from havoc_srs.data import Dataset
    from havoc_srs.reader.meaning import kind_mentions

    ds = Dataset.from_frame(frame)
    return [m.column for m in kind_mentions(question, ds, list(ds.numeric))]


def test_quantities_said_by_what_they_are_like():
    n = 12
    frame = pd.DataFrame({"route_km": RNG.normal(10, 2, n), "air_temp_c": RNG.normal(15, 5, n),
                          "rider_kg": RNG.normal(70, 9, n), "stops": RNG.integers(1, 9, n)})  # fmt: skip
    assert _kinds_of("do riders go further on some days?", frame) == ["route_km"]
    assert _kinds_of("are the rides shorter when it is cold?", frame) == ["air_temp_c"]
    assert _kinds_of("do heavier riders stop more?", frame) == ["rider_kg"]
    frame2 = pd.DataFrame({"salary_k": RNG.normal(50, 9, n), "tenure": RNG.integers(1, 20, n)})
    assert _kinds_of("how much do people make here?", frame2) == ["salary_k"]


def test_a_kind_held_by_two_columns_names_neither():
    n = 12
    frame = pd.DataFrame({"inlet_temp": RNG.normal(80, 5, n), "outlet_temp": RNG.normal(60, 5, n),
                          "flow": RNG.normal(3, 1, n)})  # fmt: skip
    assert _kinds_of("is the flow lower when it runs hot?", frame) == []


def test_a_temperature_described_completes_a_correlation():
    n = 80
    t = RNG.normal(20, 6, n)
    frame = pd.DataFrame({"Site": RNG.choice(["N", "S"], n), "Ozone": 2 * t + RNG.normal(0, 5, n),
                          "Air Temp (C)": t, "Wind (m/s)": RNG.normal(4, 1, n)})  # fmt: skip
    res = _run("warmer days and ozone, anything there?", frame)
    assert res.answer.get("family") == "correlation"
    assert sorted(res.answer.get("columns")) == ["Air Temp (C)", "Ozone"]


def test_a_few_level_whole_number_column_beside_one_category():
    n = 200
    frame = pd.DataFrame({"shift_hour": RNG.choice(np.arange(6, 18), n),
                          "lane_type": RNG.choice(["bus", "car", "bike"], n),
                          "speed": RNG.normal(40, 8, n)})  # fmt: skip
    res = _run("Test whether the shift hour is associated with the lane type.", frame)
    assert res.answer.get("family") == "contingency" and res.status == "answered"
    assert sorted(res.answer.get("columns")) == ["lane_type", "shift_hour"]


def test_a_code_with_digits_that_starts_a_header_is_known():
    from havoc_srs.data import Dataset
    from havoc_srs.reader.columns import unknown_names

    ds = Dataset.from_frame(
        pd.DataFrame({"HbA1cLevel": ["high", "norm"] * 5, "sex": ["F", "M"] * 5})
    )
    assert unknown_names("chi square: HbA1c vs sex", ds) == []
    assert unknown_names("chi square: HbA2c vs sex", ds) == ["HbA2c"]  # not a part of any header


def test_a_long_table_measure_with_the_groups_named_by_their_column():
    n = 15
    frame = pd.DataFrame({"Area": np.repeat(["Chad", "Mali", "Niger"], n * 2),
                          "Item": np.tile(np.repeat(["Millet", "Sorghum"], n), 3),
                          "Year": np.tile(np.arange(2000, 2000 + n), 6),
                          "Value": RNG.normal(100, 15, 6 * n)})  # fmt: skip
    res = _run("Levene's test: millet across the countries.", frame)
    assert res.status == "answered" and res.answer.get("family") == "variance"
    assert res.answer.get("columns") == ["Value", "Area", "Item"]


def test_everyday_words_for_crowds_and_surface_finish():
    from havoc_srs.data import Dataset
    from havoc_srs.reader.columns import ground_columns

    ds = Dataset.from_frame(pd.DataFrame({"Attendance": [1.0, 2.0], "Ra_roughness": [0.1, 0.2]}))
    got = {m.column for m in ground_columns("were crowds bigger where the finish was rough?", ds)}
    assert got == {"Attendance", "Ra_roughness"}


def _cereal(n: int = 60) -> pd.DataFrame:
    s = RNG.integers(0, 15, n).astype(float)
    return pd.DataFrame({"sugars": s, "rating": 60 - 2 * s + RNG.normal(0, 5, n)})


def test_goes_with_and_relate_to_ask_for_a_relation_not_a_summary():
    res = _run(
        "Do the sweetest ones rate worst? how strongly sugars goes with the rating", _cereal()
    )
    assert res.answer.get("family") == "correlation"
    res = _run("How does the median rating relate to sugars?", _cereal())
    assert res.answer.get("family") == "correlation"


def test_a_summary_with_no_relation_word_stays_a_summary():
    res = _run("What is the highest rating and the median sugars?", _cereal())
    assert res.answer.get("family") == "descriptive"


def test_rho_as_the_hypothesised_parameter_beside_pearson():
    assert named_methods("Test H0: rho = 0 with Pearson's product-moment correlation") == [
        "pearson"
    ]
    # Spearman named by its own name stays
    assert set(named_methods("Pearson or Spearman's rho, which fits?")) == {"pearson", "spearman"}


def test_hypothesis_names_are_no_columns():
    from havoc_srs.data import Dataset
    from havoc_srs.reader.columns import unknown_names

    ds = Dataset.from_frame(pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, 4.0]}))
    assert unknown_names("Test H0: rho = 0 against H1: rho > 0 for a and b", ds) == []
    assert unknown_names("correlate a with PM10", ds) == ["PM10"]


def test_classifying_the_strength_of_a_correlation_is_in_scope():
    res = _run("How strongly is rust_rate related to humidity? Use Pearson's r and classify the "
               "strength as weak, moderate or strong.", _measures())  # fmt: skip
    assert res.status == "answered" and res.answer.get("family") == "correlation"


def test_classifying_each_row_is_still_a_classifier():
    from havoc_srs.reader.offer import _PREDICTIVE

    assert _PREDICTIVE.search("classify each line as good or bad from its humidity")
    assert not _PREDICTIVE.search("classify the strength as weak or strong")


def test_two_typed_samples_named_by_letters_for_an_f_test():
    q = ("Bore sizes from two lathes: K = 10.2, 9.8, 10.1, 10.4, 9.9, 10.0; M = 10.9, 9.1, 10.6, "
         "9.4, 10.8, 9.3. Test for equal variances with an F-test.")  # fmt: skip
    res = _run(q, None)
    assert res.status == "answered" and _method(res) == "f_test_variance"


def test_a_typed_grid_of_counts_is_the_contingency_table():
    q = ("Grade by school (counts):\nschool  A   B   C\nNorth  20  15  10\nSouth  12  18  25\n"
         "Any association between school and grade?")  # fmt: skip
    res = _run(q, None)
    assert res.status == "answered" and res.answer.get("family") == "contingency"
    assert _method(res) == "chi2_independence"


def test_a_typed_grid_of_measurements_is_not_a_count_table():
    from havoc_srs.data import Dataset
    from havoc_srs.families.contingency import _count_matrix

    grid = pd.DataFrame({"line": ["L1", "L2"], "a": [1.25, 2.5], "b": [3.5, 0.75]})
    assert _count_matrix(Dataset.from_frame(grid, "question")) is None


def _matches(n: int = 120) -> pd.DataFrame:
    return pd.DataFrame({"winner": RNG.choice(["home", "away", "draw"], n),
                         "ranked": RNG.choice(["yes", "no"], n), "moves": RNG.integers(20, 90, n)})  # fmt: skip


def test_who_won_of_a_table_of_games_is_a_column():
    res = _run("Is who won related to whether the match was ranked?", _matches())
    assert res.status == "answered" and res.answer.get("family") == "contingency"
    assert sorted(res.answer.get("columns")) == ["ranked", "winner"]


def test_who_won_with_no_table_is_still_off_topic():
    res = _run("Who won the world cup in 2014 and is it related to the weather?", None)
    assert res.status != "answered"


def test_whether_something_happens_names_the_yes_no_column():
    n = 150
    frame = pd.DataFrame({"item_kind": RNG.choice(["toy", "book", "tool"], n),
                          "sent_back": RNG.choice(["Y", "N"], n), "units": RNG.integers(1, 5, n),
                          "unit_cost": RNG.normal(20, 5, n)})  # fmt: skip
    res = _run(
        "Is whether an order gets sent back related to which kind of item was bought?", frame
    )
    assert res.answer.get("family") == "contingency" and res.status == "answered"
    assert sorted(res.answer.get("columns")) == ["item_kind", "sent_back"]


def test_money_and_running_time_said_by_what_they_are():
    n = 12
    frame = pd.DataFrame({"budget_musd": RNG.normal(50, 9, n), "runtime": RNG.normal(110, 9, n),
                          "score": RNG.normal(6, 1, n)})  # fmt: skip
    got = _kinds_of("does a film that runs longer also cost more money?", frame)
    assert sorted(got) == ["budget_musd", "runtime"]


def test_two_measurements_with_a_link_asked_are_a_correlation():
    n = 80
    x = RNG.normal(7, 1.5, n)
    frame = pd.DataFrame({"Chlorine": x, "Turbidity": 0.5 * x + RNG.normal(0, 1, n),
                          "Safe": RNG.choice([0, 1], n)})  # fmt: skip
    res = _run("Are the samples with more chlorine also cloudier? Is there a link?", frame)
    assert res.answer.get("family") == "correlation"
    assert sorted(res.answer.get("columns")) == ["Chlorine", "Turbidity"]


def test_two_measurements_with_a_difference_asked_stay_a_test():
    n = 30
    before = RNG.normal(10, 1, n)
    frame = pd.DataFrame({"before": before, "after": before + RNG.normal(0.5, 0.5, n)})
    res = _run("Is there a link between before and after, or do the means differ?", frame)
    assert res.answer.get("family") == "hypothesis_test"


def test_a_word_said_again_inside_another_columns_name_does_not_count():
    n = 120
    frame = pd.DataFrame({"YearsWed": RNG.integers(1, 9, n), "HadFight": RNG.choice([0, 1], n),
                          "RateWed": RNG.integers(1, 6, n)})  # fmt: skip
    q = ("My essay is on wed life. Is having had a fight independent of how people rate their "
         "wed life (1 to 5)? Chi-square please.")  # fmt: skip
    from havoc_srs.data import Dataset
    from havoc_srs.families._common import asked_first
    from havoc_srs.reader import read

    ds = Dataset.from_frame(frame)
    r = read(q, ds)
    cols = list(dict.fromkeys(m.column for m in r.mentions if m.kind == "column"))
    if len(cols) > 2:
        assert asked_first(r, cols)[:2] != cols[:2] or "YearsWed" not in cols[:2]


def test_how_someone_paid_names_the_payment_column():
    n = 150
    frame = pd.DataFrame({"Branch": RNG.choice(["East", "West", "North"], n),
                          "Payment": RNG.choice(["Cash", "Card", "Wallet"], n),
                          "Total": RNG.normal(50, 10, n)})  # fmt: skip
    res = _run("Is the branch independent of the way shoppers pay?", frame)
    assert res.answer.get("family") == "contingency" and res.status == "answered"
    assert sorted(res.answer.get("columns")) == ["Branch", "Payment"]


def test_longer_journeys_are_a_distance():
    n = 12
    frame = pd.DataFrame({"rider_age": RNG.integers(18, 70, n), "route_km": RNG.normal(9, 2, n),
                          "wait_min": RNG.normal(5, 1, n)})  # fmt: skip
    assert _kinds_of("do older riders take longer journeys?", frame)[0] == "route_km"


def test_the_data_of_something_names_the_table():
    from havoc_srs.data import Dataset
    from havoc_srs.reader.columns import ground_columns

    frame = pd.DataFrame(
        {"shopper": ["a", "b"], "Basket Cost": [1.0, 2.0], "Delivery Cost": [3.0, 4.0]}
    )
    ds = Dataset.from_frame(frame)
    q = "In the data of shoppers, are the basket cost and the delivery cost correlated?"
    assert {m.column for m in ground_columns(q, ds)} == {"Basket Cost", "Delivery Cost"}
    # named as a column elsewhere, not as the table: kept
    q2 = "Is the shopper related to the basket cost?"
    assert "shopper" in {m.column for m in ground_columns(q2, ds)}


def test_a_control_clause_alone_does_not_turn_a_regression_into_a_correlation():
    from havoc_srs.reader import read
    from havoc_srs.reader.decide import _named_verdict

    r = read("Does humidity affect rust_rate ~ line, controlling for line?", None)
    assert _named_verdict(r, r.question.lower(), "regression") is None
    r = read("rust_rate ~ humidity, Bartlett", None)
    assert _named_verdict(r, r.question.lower(), "regression") == "variance"


def test_the_total_paid_is_an_amount_not_the_payment_type():
    from havoc_srs.data import Dataset
    from havoc_srs.reader.columns import ground_columns

    frame = pd.DataFrame({"payment_type": [1, 2, 1, 2], "total_amount": [9.0, 12.5, 7.0, 30.0],
                          "trip_km": [1.0, 2.0, 3.0, 4.0]})  # fmt: skip
    got = {
        m.column
        for m in ground_columns(
            "the trip km and the total paid, correlated?", Dataset.from_frame(frame)
        )
    }
    assert "payment_type" not in got
