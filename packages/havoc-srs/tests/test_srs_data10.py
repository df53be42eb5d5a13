"""Classes of phrasing for the five data families (session data10), each with phrasings
written here (not copied from the corpus) and near-misses the rule must leave alone:

- a chemical element named where the header writes its symbol ("chlorine" for ``FreeCl_ppm``);
- statistics software named in the question (SPSS, JMP, StatsBase) is no missing column;
- sound levels written as their standard acronyms (LAeq, Leq, LAmax) and a unit header word's
  quantity in the named-quantity check (dB -> noise);
- a how-much noun after the thing a measurement column counts ("lice load", "mite burden");
- a yes/no column split (proportion, share, mix) over more than two groups of a coded column;
- a cell value of several words named by its head noun ("on the bus" for "Mobile bus");
- questions in other languages: the table's own values kept untranslated, everyday nouns;
- header codes spelled letter by letter ("the a b v"), brewing codes, energy units;
- "mean" as a verb ("do bigger leads mean shorter games?");
- count rows typed without a colon ("exposed 2 cases 18 controls, unexposed ...");
- a band named by a bound ("the under-35s" for AgeGroup 18-34);
- an inter- header as the time between events; a unit-only header by its quantity;
- a test named by its initials (BF test = Brown-Forsythe, a median-centred Levene);
- the two ends asked as a pair of "how" adjectives ("how young, how old") -> min and max.
Numbers are checked against pandas/scipy where an answer is run."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.data import Dataset
from havoc_srs.reader.columns import ground_columns, unknown_names

RNG = np.random.default_rng(10)


def _run(question: str, frame: pd.DataFrame):
    return Pipeline(index=False).run(question, data=frame)


def _cols(question: str, frame: pd.DataFrame) -> set[str]:
    return {m.column for m in ground_columns(question, Dataset.from_frame(frame))}


@pytest.fixture(scope="module")
def water() -> pd.DataFrame:
    n = 60
    return pd.DataFrame({
        "Tank": np.repeat(["North", "South", "East"], n // 3),
        "TotalFe_mgL": RNG.gamma(2.0, 0.1, n).round(3),
        "Pb (ppb)": RNG.gamma(2.0, 2.0, n).round(2),
        "FreeCl_ppm": RNG.normal(1.5, 0.3, n).round(2),
        "Turbidity": RNG.gamma(2.0, 0.5, n).round(2),
    })  # fmt: skip


# -- a chemical element named where the header writes its symbol ----------------------------


@pytest.mark.parametrize(
    ("question", "column"),
    [
        ("What is the average iron content in each tank?", "TotalFe_mgL"),
        ("Is the lead level more variable at the South tank than at the North tank?", "Pb (ppb)"),
        ("median chlorine residual by tank", "FreeCl_ppm"),
        ("Does turbidity go up when chlorine goes down?", "FreeCl_ppm"),
    ],
)
def test_element_name_grounds_symbol_header(water, question, column):
    assert column in _cols(question, water)


def test_element_symbol_needs_its_own_capitalised_word():
    # "Name", "Cost", "AgeGroup": letters of a symbol inside a word are no element
    frame = pd.DataFrame({"Name": ["a", "b"], "Cost": [1.0, 2.0], "AgeGroup": ["x", "y"]})
    assert _cols("What is the average sodium intake?", frame) == set()
    assert _cols("mean silver price", frame) <= {"Cost"}


def test_element_question_answered(water):
    res = _run("Lowest and highest chlorine at the East tank, please.", water)
    assert res.status == "answered"
    assert set(res.answer["columns"]) == {"FreeCl_ppm", "Tank"}
    east = water.loc[water["Tank"] == "East", "FreeCl_ppm"]
    kn = res.answer["key_numbers"]
    assert {"min", "max"} <= set(kn["statistics"])
    assert str(east.max()) in res.markdown or f"{east.max():.2f}" in res.markdown


# -- statistics software named in the question is no missing column ------------------------


@pytest.mark.parametrize(
    "question",
    [
        "In SPSS I would get Levene from the Explore box; can you run it for turbidity by tank?",
        "JMP Fit Y by X: Pearson correlation of turbidity and chlorine please",
        "kurtosis(turbidity) from StatsBase, compute it",
        "GraphPad gives me a Shapiro-Wilk for turbidity; can you check it?",
        "I usually do this in Stata: summarize the lead readings by tank",
    ],
)
def test_software_names_are_not_columns(water, question):
    assert unknown_names(question, Dataset.from_frame(water)) == []


def test_unknown_quantity_code_still_reported(water):
    # a measured quantity written as a capital code the table lacks is still a missing column
    assert unknown_names("Is the TDS level related to turbidity?", Dataset.from_frame(water)) == [
        "TDS"
    ]
    assert unknown_names("Mean NH3 by tank", Dataset.from_frame(water)) == ["NH3"]


def test_software_named_question_answered(water):
    res = _run(
        "In SPSS I would get Levene from the Explore box; can you run it for turbidity across the tanks?",
        water,
    )
    assert res.status == "answered"
    assert res.answer["family"] == "variance"
    assert set(res.answer["columns"]) == {"Turbidity", "Tank"}


# -- sound levels written as their standard acronyms (LAeq, LAmax, Leq) -----------------------


@pytest.fixture(scope="module")
def noise() -> pd.DataFrame:
    n = 90
    return pd.DataFrame({
        "Area": np.repeat(["Harbour", "Centre", "Suburb"], n // 3),
        "TimeOfDay": np.tile(["Day", "Evening", "Night"], n // 3),
        "LAeq dB(A)": RNG.normal(60, 5, n).round(1),
        "LCmax dB": RNG.normal(80, 6, n).round(1),
        "Vehicles": RNG.integers(10, 400, n),
    })  # fmt: skip


@pytest.mark.parametrize(
    ("question", "column"),
    [
        (
            "Is the equivalent continuous sound level more variable in the harbour area?",
            "LAeq dB(A)",
        ),
        ("mean Leq per area", "LAeq dB(A)"),
        ("Does the equivalent noise level follow a normal distribution?", "LAeq dB(A)"),
        ("What is the highest Lmax recorded at night?", "LCmax dB"),
        ("Do more vehicles go with a higher maximum level?", "LCmax dB"),
    ],
)
def test_sound_level_acronyms(noise, question, column):
    assert column in _cols(question, noise)


def test_sound_level_near_miss(noise):
    # "level" alone, or an unrelated "equivalent", names no sound level column
    assert _cols("Is the service level the same in each area?", noise) <= {"Area"}
    assert "LAeq dB(A)" not in _cols("How many vehicles is that equivalent to per area?", noise)


def test_noise_described_by_decibel_unit_answered(noise):
    res = _run(
        "Is the distribution of the equivalent noise level the same in the Harbour and Centre areas?",
        noise,
    )
    assert res.status == "answered"
    assert res.answer["family"] == "distribution"
    assert set(res.answer["columns"]) == {"LAeq dB(A)", "Area"}


def test_noise_word_not_a_gap_only_with_decibel_column():
    from havoc_srs.reader.named import named_gaps

    with_db = Dataset.from_frame(pd.DataFrame({"site": ["a", "b"] * 5, "Leq dB": range(10)}))
    without = Dataset.from_frame(pd.DataFrame({"site": ["a", "b"] * 5, "flow_l_min": range(10)}))
    assert named_gaps("Compare the spread of noise between the sites", with_db) == []
    assert named_gaps("Compare the spread of noise between the sites", without) != []


# -- a German compound in the genitive ("des Maximalpegels") -----------------------------------


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        ("Sind die Varianzen des Maximalpegels gleich?", "maximum level"),
        ("Wie hoch ist der mittlere Pegel in der Nacht?", "mean level"),
        ("Bartlett-Test für die Zeiträume Tag, Abend und Nacht", "evening and night"),
    ],
)
def test_german_level_words(question, expect):
    from havoc_srs.reader.foreign import to_english

    assert expect in (to_english(question, []) or "")


def test_german_genitive_needs_known_parts():
    from havoc_srs.reader.foreign import _compound

    assert _compound("maximalpegels", {}) == "maximum level"
    assert _compound("maximalbretts", {}) is None


# -- "how much of it" nouns after the thing a rate column counts ("lice load") ----------------


@pytest.fixture(scope="module")
def hens() -> Dataset:
    return Dataset.from_frame(pd.DataFrame({
        "farm": ["a", "b", "c"] * 10, "eggs_per_hen": RNG.integers(3, 7, 30),
        "mites_per_bird": RNG.gamma(2.0, 3.0, 30).round(1), "feed_kg": RNG.normal(5, 1, 30),
    }))  # fmt: skip


@pytest.mark.parametrize(
    "question",
    [
        "What is the average mite load on each farm?",
        "Is the mite burden more variable on farm a than farm b?",
        "median egg levels by farm",
    ],
)
def test_amount_noun_is_the_columns_quantity(hens, question):
    from havoc_srs.reader.named import named_gaps

    assert named_gaps(question, hens) == []


@pytest.mark.parametrize(
    "question", ["mean egg weight by farm", "spread of egg colour by farm", "median mite colour"]
)
def test_other_quantity_of_the_thing_is_still_a_gap(hens, question):
    from havoc_srs.reader.named import named_gaps

    assert named_gaps(question, hens) != []


def test_amount_noun_question_answered(hens):
    res = Pipeline(index=False).run("Mean mite load per farm, please.", data=hens.frame)
    assert res.status == "answered"
    assert set(res.answer["columns"]) == {"mites_per_bird", "farm"}


# -- a yes/no column split over the groups of a coded column: contingency ---------------------


@pytest.fixture(scope="module")
def lines() -> pd.DataFrame:
    n = 160
    return pd.DataFrame({
        "Line": np.tile([1.1, 1.2, 2.1, 2.4], n // 4),
        "Press": np.tile([1, 2], n // 2),
        "Rejected": RNG.choice([0, 1], n, p=[0.8, 0.2]),
        "Cycle time (s)": RNG.normal(40, 3, n).round(1),
    })  # fmt: skip


@pytest.mark.parametrize(
    "question",
    [
        "Does the proportion of rejected parts differ across the lines?",
        "Is the share of rejections the same on every line? Test at 5%.",
        "Check whether the mix of rejected and accepted parts varies by line.",
    ],
)
def test_yes_no_split_over_coded_groups_is_contingency(lines, question):
    res = _run(question, lines)
    assert res.answer["family"] == "contingency", res.markdown[:300]
    assert res.status == "answered"
    assert set(res.answer["columns"]) == {"Rejected", "Line"}
    table = pd.crosstab(lines["Line"], lines["Rejected"]).to_numpy()
    from scipy import stats

    chi2 = stats.chi2_contingency(table, correction=False)[0]
    assert abs(res.answer["key_numbers"]["statistic"] - chi2) < 1e-2


def test_two_group_proportion_not_rerouted(lines):
    from havoc_srs.mode import decide_mode
    from havoc_srs.phrasing import Phrasing
    from havoc_srs.reader import read
    from havoc_srs.reader.relation import relation_family

    ds = Dataset.from_frame(lines)
    q = "Is the proportion of rejected parts different on press 1 and press 2?"
    assert relation_family("hypothesis_test", read(q, ds), ds) is None
    q = "Is the mean cycle time different across the lines?"
    assert relation_family("hypothesis_test", read(q, ds), ds) is None
    assert decide_mode(q, Phrasing(), ds) is not None


def test_exact_distinctive_word_before_another_header_is_a_modifier():
    frame = pd.DataFrame({
        "GameLength_min": RNG.normal(30, 5, 40), "Patch": np.tile([1.1, 1.2, 1.3, 1.4], 10),
        "Win": RNG.choice([0, 1], 40),
    })  # fmt: skip
    assert _cols("Did the win rate change between game patches?", frame) == {"Win", "Patch"}
    assert "GameLength_min" in _cols("Is the game length different between patches?", frame)
    assert "GameLength_min" in _cols("average game by patch", frame)


# -- a value of several words named by its head noun ("on the bus" for "Mobile bus") ---------


@pytest.fixture(scope="module")
def donors() -> pd.DataFrame:
    n = 60
    return pd.DataFrame({
        "Venue": np.tile(["Mobile van", "Town hall", "Business Park", "Science Park"], n // 4),
        "SysBP": RNG.normal(125, 12, n).round(0),
        "Pulse": RNG.normal(72, 9, n).round(0),
    })  # fmt: skip


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("highest systolic in the van", "Mobile van"),
        ("What is the mean pulse of donors at the hall?", "Town hall"),
        ("median SysBP for the vans", "Mobile van"),
    ],
)
def test_value_named_by_head_noun(donors, question, value):
    ms = ground_columns(question, Dataset.from_frame(donors))
    assert any(m.kind == "value" and m.value == value for m in ms)


def test_shared_head_noun_names_no_value(donors):
    # both Business Park and Science Park end in "park"; "a van" in passing is fine, but a
    # bare noun without an article is not taken
    ms = ground_columns("mean pulse at the park", Dataset.from_frame(donors))
    assert not any(m.kind == "value" for m in ms)
    ms = ground_columns("mean pulse for hall staff", Dataset.from_frame(donors))
    assert not any(m.kind == "value" for m in ms)


def test_value_by_head_noun_answered(donors):
    res = _run("highest systolic in the van", donors)
    assert res.status == "answered"
    assert set(res.answer["columns"]) == {"SysBP", "Venue"}
    want = donors.loc[donors["Venue"] == "Mobile van", "SysBP"].max()
    assert f"{want:g}" in res.markdown


# -- questions in other languages: everyday nouns of the table, and the table's own values ----


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("¿Los minutos de tratamiento siguen una distribución normal?", ["minutes", "treatment"]),
        ("C'è differenza nella mortalità tra i siti? Stessa varianza?", ["mortality", "sites"]),
        ("Unterscheiden sich die Ausgänge zwischen den Standorten?", ["outcomes", "sites"]),
        ("Jaki jest najdłuższy czas w aptece?", ["longest", "pharmacy"]),
        ("¿Hay relación entre el seguro y la receta?", ["insurance", "prescription"]),
        (
            "¿Cuál es el precio medio de las casas según la proximidad al océano?",
            ["houses", "proximity", "ocean"],
        ),
        ("Zuschauerzahlen pro Saison: ist die Streuung gleich?", ["attendance"]),
    ],
)
def test_foreign_everyday_nouns(question, words):
    from havoc_srs.reader.foreign import to_english

    english = to_english(question, []) or ""
    assert all(w in english for w in words), english


def test_table_value_kept_untranslated():
    from havoc_srs.reader.foreign import table_words, to_english

    frame = pd.DataFrame({"Filiale": ["Station", "Markt", "Zentrum"] * 4, "Wartezeit": range(12)})
    q = "Wie lang ist die mittlere Wartezeit in der Filiale Station?"
    assert "Station" in table_words(q, frame)
    assert "Station" in (to_english(q, table_words(q, frame)) or "")
    # written in lower case it is the German word (a ward), not the table's value
    q2 = "Wie lang ist die mittlere Wartezeit auf der station?"
    assert "Station" not in table_words(q2, frame)
    assert "ward" in (to_english(q2, table_words(q2, frame)) or "")


def test_foreign_question_on_table_value_answered():
    frame = pd.DataFrame({
        "Branch": np.repeat(["Station", "Centrum", "Haven"], 20),
        "Insurance": np.tile(["Public", "Private"], 30),
        "WaitTime (mins)": RNG.gamma(2.0, 4.0, 60).round(1),
    })  # fmt: skip
    res = _run("Jaki jest średni i najdłuższy czas oczekiwania w aptece Station?", frame)
    assert res.status == "answered"
    assert set(res.answer["columns"]) == {"WaitTime (mins)", "Branch"}
    want = frame.loc[frame["Branch"] == "Station", "WaitTime (mins)"]
    assert f"{want.max():g}" in res.markdown


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("Kedilerin barınakta kalış süresi normal dağılıyor mu?", ["cats", "shelter", "stay"]),
        ("Köpeklerin tedavi süresinin varyansı farklı mı?", ["dogs", "treatment"]),
        ("Is de mijtenbelasting hoger na de behandeling?", ["mite load", "treatment"]),
    ],
)
def test_turkish_and_dutch_nouns(question, words):
    from havoc_srs.reader.foreign import to_english

    english = to_english(question, []) or ""
    assert all(w in english for w in words), english


def test_foreign_noun_not_read_into_english_word():
    from havoc_srs.reader.foreign import to_english

    # an English question keeps its own words ("stay", "load" are not touched)
    assert to_english("Is the hospital stay longer under the heavier load?", []) is None


# -- header codes: spelled letter by letter, brewing codes, a unit of energy ------------------


@pytest.fixture(scope="module")
def brews() -> pd.DataFrame:
    n = 48
    return pd.DataFrame({
        "Style": np.tile(["Stout", "IPA", "Lager"], n // 3),
        "OG": RNG.normal(1.055, 0.008, n).round(3), "ABV (%)": RNG.normal(5.5, 0.8, n).round(2),
        "IBU": RNG.normal(40, 12, n).round(0), "kcal": RNG.normal(180, 25, n).round(0),
        "Tank": np.tile(["T1", "T2", "T3", "T4"], n // 4),
    })  # fmt: skip


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("is the a b v related to the original gravity?", {"ABV (%)", "OG"}),
        ("median I.B.U. per style", {"IBU", "Style"}),
        ("How does bitterness vary across styles?", {"IBU", "Style"}),
        ("Is the energy per bottle higher for stouts?", {"kcal", "Style"}),
        ("alcohol by volume against original gravity, Spearman", {"ABV (%)", "OG"}),
    ],
)
def test_header_codes_read(brews, question, want):
    assert want <= _cols(question, brews)


def test_letters_that_spell_no_header_are_left(brews):
    from havoc_srs.reader.columns import spelled_letters

    q = "is plan a b better than c?"
    assert spelled_letters(q, list(brews.columns)) == q
    assert "ABV (%)" not in _cols("do tanks a b differ in gravity?", brews)


def test_spelled_code_question_answered(brews):
    res = _run("whats the relation between the original gravity and the a b v?", brews)
    assert res.status == "answered"
    assert res.answer["family"] == "correlation"
    assert set(res.answer["columns"]) == {"OG", "ABV (%)"}
    r = np.corrcoef(brews["OG"], brews["ABV (%)"])[0, 1]
    assert (
        abs(res.answer["key_numbers"]["r"] - r) < 1e-3
        or res.answer["key_numbers"].get("method") != "pearson"
    )


# -- "mean" as a verb ("do bigger leads mean shorter games?") ---------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Do longer rallies mean fewer aces?",
        "Does a heavier serve mean a shorter match?",
        "Would more aces mean quicker matches in general?",
    ],
)
def test_mean_as_a_verb_is_no_statistic(question):
    from havoc_srs.reader.statistic import asked_statistics

    assert "mean" not in asked_statistics(question)


@pytest.mark.parametrize(
    "question",
    [
        "Is the mean higher for clay courts?",
        "Does clay have a mean higher than grass?",
        "Do clay matches have a higher mean order of play?",
    ],
)
def test_mean_statistic_still_read(question):
    from havoc_srs.reader.statistic import asked_statistics

    assert "mean" in asked_statistics(question)


def test_mean_verb_question_is_a_correlation():
    frame = pd.DataFrame({"Rally Length (shots)": RNG.normal(5, 1.5, 50).round(1)})
    frame["Aces"] = (12 - frame["Rally Length (shots)"] + RNG.normal(0, 1, 50)).round(0)
    frame["Surface"] = np.tile(["Clay", "Grass"], 25)
    res = _run("Do longer rallies mean fewer aces? yes or no and the number", frame)
    assert res.status == "answered"
    assert res.answer["family"] == "correlation"
    assert set(res.answer["columns"]) == {"Rally Length (shots)", "Aces"}


# -- count rows typed without a colon ("exposed 2 cases 18 controls, unexposed ...") ----------


@pytest.mark.parametrize(
    ("question", "shape"),
    [
        ("smokers 30 sick 70 healthy; nonsmokers 12 sick 88 healthy. chi-square?", (2, 2)),
        (
            "2x2 table: vaccinated 4 infected 46 spared, unvaccinated 15 infected 35 spared. Fisher?",
            (2, 2),
        ),
        ("urban 20 yes 30 no 10 unsure, rural 25 yes 15 no 20 unsure - independent?", (2, 3)),
    ],
)
def test_colonless_count_rows(question, shape):
    from havoc_srs.reader.numbers import count_table

    t = count_table(question)
    assert t is not None and t.shape == shape


@pytest.mark.parametrize(
    "question",
    [
        "line A 30 pass 5 fail, line B 28 pass",  # the rows do not share their column words
        "we tested 30 units and 12 failed, then 40 units",
        "smokers 30 sick 70 healthy",  # one row is no table
    ],
)
def test_colonless_count_rows_near_miss(question):
    from havoc_srs.reader.numbers import count_table

    assert count_table(question) is None


def test_colonless_counts_answered_with_fisher():
    res = Pipeline(index=False).run(
        "2x2: exposed 3 cases 17 controls, unexposed 10 cases 10 controls. exact test"
    )
    assert res.status == "answered"
    assert res.answer["family"] == "contingency"
    from scipy import stats

    p = stats.fisher_exact([[3, 17], [10, 10]])[1]
    assert abs(res.answer["key_numbers"]["p_value"] - p) < 1e-3


# -- a band of a banded column named by a bound ("the under-35s", "the over-55s") ------------


@pytest.fixture(scope="module")
def survey() -> pd.DataFrame:
    n = 90
    return pd.DataFrame({
        "AgeBand": np.tile(["18-34", "35-54", "55+"], n // 3),
        "Coffees per day": RNG.integers(0, 6, n),
        "Sleep hours": RNG.normal(7, 1, n).round(1),
    })  # fmt: skip


@pytest.mark.parametrize(
    ("question", "band"),
    [
        ("How many coffees a day do the under-35s drink on average?", "18-34"),
        ("median sleep hours for the over-55s", "55+"),
        ("Is sleep normally distributed among people under 35?", "18-34"),
    ],
)
def test_band_named_by_bound(survey, question, band):
    ms = ground_columns(question, Dataset.from_frame(survey))
    assert any(m.kind == "value" and m.value == band for m in ms)


def test_bound_that_splits_a_band_names_none(survey):
    # under 40: 18-34 lies below, 35-54 straddles 40 -> still one band wholly below; under 50
    # and over 40 cut through 35-54: over 40 leaves only 55+, under 60 leaves two bands
    ms = ground_columns("mean sleep of the under-60s", Dataset.from_frame(survey))
    assert not any(m.kind == "value" for m in ms)


def test_band_answer_has_no_bound_on_the_measure(survey):
    res = _run("How many coffees a day do the under-35s have? mean and median", survey)
    assert res.status == "answered"
    assert set(res.answer["columns"]) == {"Coffees per day", "AgeBand"}
    young = survey.loc[survey["AgeBand"] == "18-34", "Coffees per day"]
    assert res.answer["key_numbers"]["n"] == len(young)
    assert "< -35" not in res.markdown and "< 35" not in res.markdown


def test_hyphenated_bound_is_no_minus_sign():
    from havoc_srs.reader.thresholds import _conditions

    assert _conditions("the under-35s")[0][3] == 35.0
    assert _conditions("days below -5 degrees")[0][3] == -5.0


# -- an "inter-" header is the time between events ("time between requests") ----------------


@pytest.fixture(scope="module")
def requests_log() -> pd.DataFrame:
    n = 60
    return pd.DataFrame({
        "inter_arrival_s": RNG.exponential(3.0, n).round(3),
        "server": np.tile(["alpha", "beta"], n // 2),
        "response_ms": RNG.gamma(3.0, 20.0, n).round(1),
    })  # fmt: skip


@pytest.mark.parametrize(
    "question",
    [
        "Is the time between consecutive requests exponentially distributed?",
        "mean gap between arrivals on each server",
        "Are the gaps between hits more variable on alpha than on beta?",
    ],
)
def test_time_between_is_inter_column(requests_log, question):
    assert "inter_arrival_s" in _cols(question, requests_log)


def test_time_between_near_miss(requests_log):
    assert "inter_arrival_s" not in _cols(
        "Does the response time differ between servers?", requests_log
    )
    other = pd.DataFrame({"interest_rate": RNG.random(20), "bank": ["a", "b"] * 10})
    assert _cols("mean time between payments by bank", other) == {"bank"}


def test_time_between_answered(requests_log):
    res = _run("Is the time between consecutive requests exponentially distributed?", requests_log)
    assert res.status == "answered"
    assert res.answer["columns"] == ["inter_arrival_s"]
    assert res.answer["family"] == "distribution"


# -- a header that is only a unit and a processing word ("km_driven" is a distance) ---------


@pytest.fixture(scope="module")
def cars() -> pd.DataFrame:
    n = 40
    return pd.DataFrame({
        "km_driven": RNG.gamma(2.0, 30000, n).round(0), "kwh_used": RNG.gamma(3.0, 5.0, n).round(1),
        "fuel": np.tile(["petrol", "diesel"], n // 2), "Price (EUR)": RNG.normal(9000, 2000, n).round(0),
    })  # fmt: skip


@pytest.mark.parametrize(
    ("question", "column"),
    [
        ("Is the distance on the odometer exponentially distributed?", "km_driven"),
        ("median distance driven by fuel type", "km_driven"),
        ("Is the energy consumption more spread out for diesel cars?", "kwh_used"),
    ],
)
def test_unit_only_header_named_by_its_quantity(cars, question, column):
    assert column in _cols(question, cars)


def test_unit_header_with_a_content_word_unchanged(cars):
    # "Price (EUR)" keeps its own word; "distance" names no column that holds one
    assert "Price (EUR)" in _cols("median price by fuel", cars)
    frame = pd.DataFrame({"Distance (km)": RNG.random(10), "Time (min)": RNG.random(10)})
    assert _cols("mean mileage", frame) == set()


@pytest.mark.parametrize(
    "question",
    [
        "BF test for the spread of yield by line",
        "run a BF-test on fill weight by nozzle",
        "bf test please",
    ],
)
def test_bf_test_is_brown_forsythe(question):
    from havoc_srs.reader.statistic import named_methods

    assert named_methods(question) == ["levene"]


def test_bf_letters_in_other_words_name_no_test():
    from havoc_srs.reader.statistic import named_methods

    assert named_methods("best friend test of the yields") == []


# -- the two ends asked as a pair of "how" adjectives ("how young, how old") ----------------


@pytest.mark.parametrize(
    "question",
    [
        "how light and how heavy are the parcels?",
        "How short, how long, and on average how long are the calls?",
        "Tell me how cheap and how expensive the rooms get.",
    ],
)
def test_how_pair_asks_min_and_max(question):
    from havoc_srs.reader.statistic import asked_statistics

    assert {"min", "max"} <= set(asked_statistics(question))


@pytest.mark.parametrize(
    "question", ["How long does the average call last?", "How old is the typical customer?"]
)
def test_single_how_adjective_asks_no_extremes(question):
    from havoc_srs.reader.statistic import asked_statistics

    assert not {"min", "max"} & set(asked_statistics(question))


def test_how_pair_answered():
    frame = pd.DataFrame({"Parcel weight (kg)": RNG.gamma(2.0, 1.5, 40).round(2)})
    res = _run("How light, how heavy, and on average how heavy are the parcels?", frame)
    assert res.status == "answered"
    assert set(res.answer["key_numbers"]["statistics"]) == {"min", "max", "mean"}
    assert res.answer["key_numbers"]["max"] == pytest.approx(frame.iloc[:, 0].max())


def test_unit_header_not_taken_for_fuel_economy():
    frame = pd.DataFrame({
        "km_driven": RNG.gamma(2.0, 30000, 30).round(0), "mileage (kmpl)": RNG.normal(18, 3, 30),
        "year": RNG.integers(2005, 2020, 30),
    })  # fmt: skip
    got = _cols("As the cars get older, does their fuel economy drop?", frame)
    assert "km_driven" not in got
