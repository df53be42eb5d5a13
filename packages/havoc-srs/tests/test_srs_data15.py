"""Session 15 (data15): general classes of phrasing for the data families.

- A column named by its unit used as a noun ("the median kilos per tree", "IQR of the gf
  values", "the cubic metres sawn") or by the quantity its unit measures ("average power" is
  ``AvgWatts``, "sugar content" is ``Brix (°Bx)``, "download speed after" is ``DL Mbps post``).
- Headers of a span up to an event ("hrs_to_dull" is a life) and of the time since the
  previous event ("Hrs since prev alarm" is the gap between alarms).
- A quantity named by its adjective ("how damp" is the moisture, "the warm days" the
  temperature); two-word verbs read as a header's one word ("come back" is Would_Return).
- An identifier or row-index column that only says what a row is ("per shift" on a table with
  one row per ``Shift#``, "the days with ...", "on weekend days") groups nothing.
- Software words that are no columns ("PROC GLM", Minitab's "StDev"); statistics listed after
  "meaning"; the range written as its formula ("max minus min"); "slowest" the maximum time.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.data import Dataset
from havoc_srs.reader.columns import ground_columns, phrasal_verbs, unknown_names
from havoc_srs.reader.named import named_gaps
from havoc_srs.reader.statistic import asked_statistics


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(index=False)


def _cols(question: str, frame: pd.DataFrame) -> set[str]:
    return {m.column for m in ground_columns(question, Dataset.from_frame(frame))}


@pytest.fixture(scope="module")
def vines() -> pd.DataFrame:
    """A vineyard sheet: units in brackets and as header words."""
    rng = np.random.default_rng(7)
    n = 40
    return pd.DataFrame(
        {
            "Row#": range(1, n + 1),
            "Variety": rng.choice(["Merlot", "Syrah"], n),
            "Crop/vine [kg]": rng.normal(4.0, 0.6, n).round(2),
            "Berry Mass [g]": rng.normal(1.2, 0.1, n).round(3),
            "Must (°Bx)": rng.normal(22, 1.5, n).round(1),
            "PumpWatts": rng.normal(300, 20, n).round(0),
            "Press [kgf]": rng.normal(12, 2, n).round(1),
        }
    )


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("what is the median kilos per vine?", "Crop/vine [kg]"),
        ("IQR of the kgf readings", "Press [kgf]"),
        ("give me the spread of the kilograms harvested", "Crop/vine [kg]"),
    ],
)
def test_a_unit_used_as_the_noun_names_its_column(vines, question, want) -> None:
    assert want in _cols(question, vines)


def test_a_number_before_a_unit_is_a_value_not_the_column(vines) -> None:
    # "over 4 kg" is a threshold; and "per kilo" is a rate's denominator
    assert "Crop/vine [kg]" not in _cols("how many berries weigh over 4 kg?", vines)
    assert "Crop/vine [kg]" not in _cols("the price per kilo of Syrah", vines)


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("is the pump power related to the sugar content?", {"PumpWatts", "Must (°Bx)"}),
        ("mean sweetness by variety", {"Must (°Bx)", "Variety"}),
        ("does the pressing force vary more for Syrah?", {"Press [kgf]", "Variety"}),
    ],
)
def test_the_quantity_a_unit_measures_names_its_column(vines, question, want) -> None:
    assert want <= _cols(question, vines)


def test_the_power_of_a_test_is_no_wattage(vines) -> None:
    assert "PumpWatts" not in _cols("what sample size gives 80% power for berry mass?", vines)


def test_a_measured_quantity_is_no_gap_for_the_named_check(vines) -> None:
    ds = Dataset.from_frame(vines)
    assert named_gaps("What is the spread of the sugar content?", ds) == []
    assert named_gaps("What is the spread of the median kilos?", ds) == []
    # a quantity no unit measures is still a gap
    assert named_gaps("What is the spread of the acidity?", ds) != []


@pytest.fixture(scope="module")
def network() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    n = 30
    return pd.DataFrame(
        {
            "Cell": [f"C{i}" for i in range(n)],
            "UL Mbps pre": rng.normal(20, 3, n).round(1),
            "UL Mbps post": rng.normal(24, 3, n).round(1),
            "Latency post (ms)": rng.normal(30, 4, n).round(1),
        }
    )


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("average upload speed after the upgrade", "UL Mbps post"),
        ("sd of the throughput before the upgrade", "UL Mbps pre"),
        ("median bandwidth post-upgrade", "UL Mbps post"),
    ],
)
def test_one_of_several_columns_in_a_unit_by_its_other_words(network, question, want) -> None:
    got = _cols(question, network)
    assert want in got
    assert len(got & {"UL Mbps pre", "UL Mbps post"}) == 1


def test_a_unit_shared_by_two_columns_and_no_other_word_grounds_neither(network) -> None:
    got = _cols("what is the average throughput?", network)
    assert not got & {"UL Mbps pre", "UL Mbps post"}


@pytest.fixture(scope="module")
def tools() -> pd.DataFrame:
    rng = np.random.default_rng(11)
    n = 30
    return pd.DataFrame(
        {
            "Drill": rng.choice(["D1", "D2", "D3"], n),
            "holes_to_blunt": rng.integers(200, 400, n),
            "Days since last service": rng.exponential(20, n).round(1),
            "Torque [Nm]": rng.normal(40, 3, n).round(1),
        }
    )


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("mean bit life by drill", "holes_to_blunt"),
        ("is tool lifetime normally distributed?", "holes_to_blunt"),
        ("are the intervals between services exponential?", "Days since last service"),
        ("the time between services: Weibull?", "Days since last service"),
    ],
)
def test_spans_to_an_event_and_since_the_last_one(tools, question, want) -> None:
    assert want in _cols(question, tools)


def test_a_span_word_alone_is_no_life(tools) -> None:
    # "to" between two ordinary words ("ratio_to_mean") makes no lifetime
    frame = pd.DataFrame({"ratio_to_mean": [1.0, 2.0, 3.0], "g": ["a", "b", "a"]})
    assert "ratio_to_mean" not in _cols("what is the average life?", frame)


@pytest.fixture(scope="module")
def dryer() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    n = 40
    return pd.DataFrame(
        {
            "Day": range(1, n + 1),
            "Dryer": rng.choice(["A", "B"], n),
            "Exit Moisture (%)": rng.normal(8, 1, n).round(2),
            "Ambient Temp (°C)": rng.normal(15, 5, n).round(1),
            "Output_t": rng.normal(50, 5, n).round(1),
            "Holiday": rng.choice([0, 1], n),
        }
    )


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("how wet is the grain leaving each dryer? mean and sd", {"Exit Moisture (%)", "Dryer"}),
        ("is output lower on the colder days?", {"Output_t", "Ambient Temp (°C)"}),
        ("spread of dampness, dryer A against B", {"Exit Moisture (%)", "Dryer"}),
    ],
)
def test_a_quantity_named_by_its_adjective(dryer, question, want) -> None:
    assert want <= _cols(question, dryer)


@pytest.mark.parametrize(
    "question",
    [
        "is output higher on the days with a warm ambient temperature?",
        "mean output on holiday days only",
        "output per day by dryer",
    ],
)
def test_a_row_index_column_only_says_what_a_row_is(dryer, question) -> None:
    assert "Day" not in _cols(question, dryer)


def test_a_row_index_named_as_the_axis_stays(dryer) -> None:
    # "over the days": the time axis itself; "day" alone is the column
    assert "Day" in _cols("does output drift over the days?", dryer)
    assert "Day" in _cols("correlation of output with day", dryer)


def test_an_identifier_after_per_beside_a_measure_is_dropped() -> None:
    frame = pd.DataFrame(
        {"Batch#": range(1, 21), "Scrap items": np.arange(20) % 7, "Line": ["L1", "L2"] * 10}
    )
    assert _cols("median scrap items per batch", frame) == {"Scrap items"}
    # grouped by a real grouping column, the group stays
    assert _cols("median scrap items per line", frame) == {"Scrap items", "Line"}


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("would the guests come back? split by tier", "return"),
        ("share who dropped out, by cohort", "dropout"),
        ("did fewer members show up in winter?", "attend"),
    ],
)
def test_two_word_verbs_read_as_one(question, want) -> None:
    out = phrasal_verbs(question)
    assert want in out and len(out) == len(question)


def test_two_word_verbs_name_the_header(pipe) -> None:
    frame = pd.DataFrame(
        {"Tier": ["Gold", "Basic"] * 30, "Returned": ["Y", "N", "N", "Y", "Y", "Y"] * 10}
    )
    assert "Returned" in _cols("did the gold guests come back more often?", frame)
    assert phrasal_verbs("the back pain came again after surgery").count("return") == 1
    assert phrasal_verbs("the back of the card") == "the back of the card"


def test_software_words_are_no_unknown_columns() -> None:
    ds = Dataset.from_frame(pd.DataFrame({"cure": [1.0, 2.0, 3.0], "oven": ["a", "b", "a"]}))
    assert unknown_names("PROC GLM; CLASS oven; MODEL cure = oven; RUN;", ds) == []
    assert unknown_names("N, Mean, StDev and CoefVar of cure please", ds) == []
    assert unknown_names("fit a GLMM then report SumSq", ds) == []
    # a quantity code the table lacks is still reported
    assert unknown_names("mean LDL by oven", ds) == ["LDL"]


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("a graphical summary, meaning N, mean, StDev, median and max",
         ["count", "mean", "std", "median", "max"]),
        ("what's the range (max minus min) of the cure time?", ["range"]),
        ("fastest-growing? no: the quickest and slowest fill times", ["min", "max"]),
        ("range of the weights, i.e. highest - lowest", ["range"]),
    ],
)  # fmt: skip
def test_statistics_lists_formulas_and_superlatives(question, want) -> None:
    assert sorted(asked_statistics(question)) == sorted(want)


def test_a_correction_to_the_median_still_drops_the_mean() -> None:
    assert asked_statistics("the average salary, I mean the median one") == ["median"]
    # the min and max asked on their own beside the range stay
    assert set(asked_statistics("the min, the max and the range (max minus min)")) == {
        "min",
        "max",
        "range",
    }


def test_a_preposition_of_place_ends_a_quantity_phrase() -> None:
    ds = Dataset.from_frame(
        pd.DataFrame({"Arrival min past hour": [1.0, 20.0, 40.0, 55.0], "Gate": list("ABAB")})
    )
    assert named_gaps("are arrivals spread evenly through the hour?", ds) == []
    assert named_gaps("is the spread around the mean the same for each gate?", ds) == []


def test_units_as_quantities_answer_end_to_end(pipe, vines) -> None:
    r = pipe.run("Levene test: sugar content by variety", data=vines)
    assert r.status == "answered", r.answer.get("conclusion")
    assert set(r.answer["columns"]) == {"Must (°Bx)", "Variety"}
    r = pipe.run("median kilos per vine", data=vines)
    assert r.status == "answered", r.answer.get("conclusion")
    assert r.answer["columns"] == ["Crop/vine [kg]"]


@pytest.fixture(scope="module")
def rig() -> pd.DataFrame:
    """Paired readings (pre/post, left/right) and a numbered series of positions."""
    rng = np.random.default_rng(21)
    n = 30
    return pd.DataFrame(
        {
            "Patient": [f"P{i}" for i in range(n)],
            "Reach_pre (cm)": rng.normal(30, 4, n).round(1),
            "Reach_post (cm)": rng.normal(33, 4, n).round(1),
            "Hand_L": rng.normal(20, 2, n).round(1),
            "Hand_R": rng.normal(21, 2, n).round(1),
            "T1_mm": rng.normal(5, 0.1, n).round(3),
            "T2_mm": rng.normal(5, 0.1, n).round(3),
            "T3_mm": rng.normal(5, 0.1, n).round(3),
            "Torque A": rng.normal(9, 1, n).round(2),
            "Torque B": rng.normal(9, 1, n).round(2),
        }
    )


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("did the reach improve from pre to post?", {"Reach_pre (cm)", "Reach_post (cm)"}),
        ("is reach post more variable than pre?", {"Reach_pre (cm)", "Reach_post (cm)"}),
        ("correlate hand L with R", {"Hand_L", "Hand_R"}),
    ],
)
def test_a_sibling_column_named_by_its_one_other_word(rig, question, want) -> None:
    assert want <= _cols(question, rig)


def test_a_sibling_word_said_of_something_else_adds_nothing(rig) -> None:
    # "post" is not said: only the reach before
    assert _cols("mean reach pre, by patient", rig) & {"Reach_post (cm)"} == set()


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("F test on the two torque columns", {"Torque A", "Torque B"}),
        ("are both Hand readings normal?", {"Hand_L", "Hand_R"}),
        ("Bartlett across the three T columns", {"T1_mm", "T2_mm", "T3_mm"}),
    ],
)
def test_the_n_x_columns_are_every_column_with_that_word(rig, question, want) -> None:
    assert want <= _cols(question, rig)


def test_a_count_that_does_not_fit_names_no_columns(rig) -> None:
    # three torque columns asked, the table has two: not both are added for the count
    assert not {"Torque A", "Torque B"} <= _cols("the three torque columns", rig)


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("cv of thickness 2", {"T2_mm"}),
        ("is the third thickness reading wider than the first one?", {"T3_mm", "T1_mm"}),
        ("median of the 2nd tile", {"T2_mm"}),
    ],
)
def test_a_numbered_series_by_its_noun_and_number(rig, question, want) -> None:
    assert want <= _cols(question, rig)


def test_a_noun_of_other_letters_is_no_member_of_the_series(rig) -> None:
    assert not _cols("the first patient and the second one", rig) & {"T1_mm", "T2_mm"}


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("Vergelijk de spreiding van de levertijd tussen de busjes", "vans"),
        ("Hoeveel pakketten per bestelbus?", "parcels"),
        ("Is de sorteertijd gelijk voor alle depots?", "sort time"),
    ],
)
def test_dutch_words_of_deliveries(question, want) -> None:
    from havoc_srs.reader.foreign import to_english

    assert want in (to_english(question) or "")


def test_dutch_van_as_a_word_of_another_language_is_not_glossed() -> None:
    from havoc_srs.reader.foreign import to_english

    # an English question that mentions a van is not read as Dutch
    assert to_english("Is the sort time longer for the electric van?") is None


@pytest.mark.parametrize(
    "question",
    [
        "does the pass rate differ across the four kilns?",
        "crack vs kiln?",
        "is the reject rate by kiln any different?",
    ],
)
def test_a_yes_no_column_over_more_than_two_groups_is_a_contingency_question(
    pipe, question
) -> None:
    rng = np.random.default_rng(2)
    frame = pd.DataFrame(
        {
            "Kiln": rng.choice(["K1", "K2", "K3", "K4"], 80),
            "Crack": rng.choice(["Y", "N"], 80),
            "Pass": rng.choice(["Y", "N"], 80),
            "Reject": rng.choice(["Y", "N"], 80),
        }
    )
    r = pipe.run(question, data=frame)
    assert r.answer["family"] == "contingency", r.answer.get("conclusion")


def test_two_groups_of_a_yes_no_column_stay_a_test_of_two_proportions(pipe) -> None:
    rng = np.random.default_rng(4)
    frame = pd.DataFrame(
        {
            "Line": rng.choice(["L1", "L2"], 200),
            "Defect": rng.choice(["Y", "N"], 200, p=[0.1, 0.9]),
        }
    )
    r = pipe.run("is the defect rate of L1 higher than L2? two-proportion z test", data=frame)
    assert r.answer["family"] == "hypothesis_test"


def test_a_model_word_keeps_two_measurements_a_regression(pipe, vines) -> None:
    r = pipe.run("Is the pressing force explained by the berry mass?", data=vines)
    assert r.answer["family"] == "regression"
    r = pipe.run("Does berry mass predict the sugar content?", data=vines)
    assert r.answer["family"] == "regression"
    # no model word: a relation of two measurements stays a correlation
    r = pipe.run("Is the pressing force related to the berry mass?", data=vines)
    assert r.answer["family"] == "correlation"


@pytest.fixture(scope="module")
def filler() -> pd.DataFrame:
    rng = np.random.default_rng(9)
    n = 60
    return pd.DataFrame(
        {
            "CanNo": range(1, n + 1),
            "Nozzle": rng.choice(["N1", "N2", "N3"], n),
            "Fill (ml)": rng.normal(330, 2, n).round(2),
            "Gap between cans (s)": rng.exponential(3, n).round(2),
            "Fill_pre (ml)": rng.normal(330, 2, n).round(2),
            "Fill_post (ml)": rng.normal(331, 2, n).round(2),
            "Seal after (N)": rng.normal(40, 3, n).round(1),
        }
    )


@pytest.mark.parametrize(
    "question",
    [
        "Does the spread of fill volumes depend on the nozzle?",
        "is the variability in fill different between nozzles?",
        "does the scatter of the fill vary by nozzle?",
    ],
)
def test_the_spread_as_what_depends_is_a_variance_question(pipe, filler, question) -> None:
    r = pipe.run(question, data=filler)
    assert r.answer["family"] == "variance", r.answer.get("conclusion")


def test_a_value_that_depends_stays_no_variance_question(pipe, filler) -> None:
    r = pipe.run("Does the fill volume depend on the gap between cans?", data=filler)
    assert r.answer["family"] != "variance"


@pytest.mark.parametrize(
    "question",
    [
        "Does a Weibull describe the gaps between cans?",
        "would a gamma fit the gap between cans?",
        "Is the gap between cans modelled well by an exponential? does an exponential capture it",
    ],
)
def test_a_distribution_said_to_describe_the_values_is_a_fit(pipe, filler, question) -> None:
    r = pipe.run(question, data=filler)
    assert r.answer["family"] == "distribution", r.answer.get("conclusion")


def test_describe_the_values_alone_is_a_summary(pipe, filler) -> None:
    r = pipe.run("describe the gaps between cans", data=filler)
    assert r.answer["family"] == "descriptive"


@pytest.mark.parametrize(
    "question",
    [
        "does the fill look the same pre and post, shape and all?",
        "fill pre vs post: alike including the shape?",
        "do pre and post fills match, form and all?",
    ],
)
def test_shape_and_all_asks_for_the_whole_distribution(pipe, filler, question) -> None:
    r = pipe.run(question, data=filler)
    assert r.answer["family"] == "distribution", r.answer.get("conclusion")


def test_a_sibling_takes_its_word_from_a_weaker_reading(filler) -> None:
    # "after" is the one word of "Seal after" but here it says the other fill reading
    got = _cols("is the fill before the service correlated with the fill after?", filler)
    assert {"Fill_pre (ml)", "Fill_post (ml)"} <= got
    assert "Seal after (N)" not in got


@pytest.fixture(scope="module")
def shop() -> pd.DataFrame:
    rng = np.random.default_rng(13)
    n = 50
    return pd.DataFrame(
        {
            "Basket (EUR)": rng.gamma(3, 20, n).round(2),
            "Aisle": rng.choice(["Food", "Toys"], n),
            "Brix": rng.normal(12, 1, n).round(1),
            "Q1": rng.integers(1, 6, n),
            "Q2": rng.integers(1, 6, n),
            "Q3": rng.integers(1, 6, n),
            "Q4": rng.integers(1, 6, n),
        }
    )


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("is what people spend more scattered in Toys?", "Basket (EUR)"),
        ("median money paid per visit", "Basket (EUR)"),
        ("how sweet is it: the sugar reading's mean", "Brix"),
    ],
)
def test_money_and_sugar_by_what_their_unit_measures(shop, question, want) -> None:
    assert want in _cols(question, shop)


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("correlate the first question with the last question", {"Q1", "Q4"}),
        ("is the final question score skewed?", {"Q4"}),
        ("the second quiz item against the third item", {"Q2"}),
    ],
)
def test_ordinals_and_last_in_a_numbered_series(shop, question, want) -> None:
    assert want <= _cols(question, shop)


def test_an_ordinal_of_another_noun_names_no_member(shop) -> None:
    assert not _cols("the first aisle against the last aisle", shop) & {"Q1", "Q4"}


@pytest.fixture(scope="module")
def gauge() -> pd.DataFrame:
    rng = np.random.default_rng(17)
    rows = [(p, o, t) for p in range(1, 6) for o in ("Ann", "Bo", "Cy") for t in (1, 2)]
    return pd.DataFrame(
        {
            "Part": [r[0] for r in rows],
            "Operator": [r[1] for r in rows],
            "Trial": [r[2] for r in rows],
            "Width (mm)": rng.normal(10, 0.05, len(rows)).round(3),
        }
    )


@pytest.mark.parametrize(
    "question",
    [
        "mean width for each part, averaged over operators and trials",
        "median width per part regardless of the operator",
        "average width by part (pooled over trials)",
    ],
)
def test_columns_pooled_over_are_neither_summarised_nor_a_split(pipe, gauge, question) -> None:
    r = pipe.run(question, data=gauge)
    assert r.status == "answered", r.answer.get("conclusion")
    assert set(r.answer["columns"]) == {"Width (mm)", "Part"}


def test_a_split_by_the_column_stays(pipe, gauge) -> None:
    r = pipe.run("mean width for each operator", data=gauge)
    assert set(r.answer["columns"]) == {"Width (mm)", "Operator"}


def test_a_measurement_of_few_values_between_two_lines_stays_a_test(pipe) -> None:
    # gap_mm has only seven distinct values, but it is a measurement, not a category
    df = pd.DataFrame(
        {
            "line": ["A"] * 6 + ["B"] * 6,
            "gap_mm": [1.0, 1.1, 0.9, 1.0, 1.2, 1.1, 1.4, 1.5, 1.3, 1.6, 1.4, 1.5],
        }
    )
    r = pipe.run("Is the mean gap different between line A and line B?", data=df)
    assert r.answer["family"] == "hypothesis_test"
