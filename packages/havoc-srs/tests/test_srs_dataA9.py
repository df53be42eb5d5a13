"""Phrasings of the verdict families (correlation, contingency, variance), dataA9: a header
abbreviation with a second common reading ("Exp" = experience), values of one column whose
shared last word is said once ("the Zone A and Zone C taps"), everyday words for an
inconsistent quantity ("hit-and-miss"), a size said as "bigger", the length of an event as its
duration, the years of a year column as its values, a unit written as such ("km/h"), software
test names and options, a method chosen among several, the strata of a stratified 2x2; each
with the cases where the rule must not fire."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.data import Dataset
from havoc_srs.reader.columns import ground_columns

RNG = np.random.default_rng(9)


def _run(question: str, frame: pd.DataFrame | None):
    return Pipeline(index=False).run(question, data=frame)


def _cols(question: str, frame: pd.DataFrame) -> list[str]:
    return [
        m.column for m in ground_columns(question, Dataset.from_frame(frame)) if m.kind == "column"
    ]


def _values(question: str, frame: pd.DataFrame) -> list[tuple[str, str]]:
    found = ground_columns(question, Dataset.from_frame(frame))
    return sorted((m.column, str(m.value)) for m in found if m.kind == "value")


# --- a header abbreviation with a second common reading ---------------------------------------


def _staff() -> pd.DataFrame:
    n = 40
    return pd.DataFrame(
        {
            "NurseExpYrs": RNG.integers(1, 30, n),
            "WeeklyHours": RNG.normal(38, 4, n).round(1),
            "SongPop": RNG.integers(0, 100, n),
            "SchoolDist": RNG.choice(["North", "South", "East"], n),
        }
    )


@pytest.mark.parametrize(
    "q,col",
    [
        ("Do nurses with more nurse experience work longer weekly hours?", "NurseExpYrs"),
        ("is song popularity linked to weekly hours", "SongPop"),
        ("Does the school district matter for the hours?", "SchoolDist"),
    ],
)
def test_second_reading_of_an_abbreviation_names_the_header(q, col):
    assert col in _cols(q, _staff())


def test_first_reading_of_an_abbreviation_still_holds():
    frame = pd.DataFrame({"HealthExp": [1.0, 2.0, 3.0], "GDP": [4.0, 5.0, 6.0]})
    assert "HealthExp" in _cols("Is health expenditure related to GDP?", frame)


def test_other_words_do_not_take_the_second_reading():
    # "experiment" is no experience, "population" stays the first reading of "pop"
    assert "NurseExpYrs" not in _cols("Did the weekly hours change in the experiment?", _staff())


# --- values of one column with their shared last word said once ------------------------------


def _sites() -> pd.DataFrame:
    n = 60
    return pd.DataFrame(
        {
            "Site": RNG.choice(["Zone A Tap", "Zone B Tap", "Zone C Tap", "Reservoir"], n),
            "Shift": RNG.choice(["Night Shift", "Day Shift", "Swing Shift"], n),
            "Chlorine": RNG.normal(0.6, 0.2, n).round(3),
        }
    )


@pytest.mark.parametrize(
    "q,want",
    [
        ("Is the chlorine as variable at the Zone A and Zone C taps?",
         [("Site", "Zone A Tap"), ("Site", "Zone C Tap")]),
        ("zone a, zone b or zone c taps: same scatter in chlorine?",
         [("Site", "Zone A Tap"), ("Site", "Zone B Tap"), ("Site", "Zone C Tap")]),
        ("Compare the chlorine spread of the night vs day shifts",
         [("Shift", "Day Shift"), ("Shift", "Night Shift")]),
    ],
)  # fmt: skip
def test_values_sharing_their_last_word(q, want):
    assert _values(q, _sites()) == want


def test_a_word_not_joined_to_the_value_is_no_level():
    # "Day" stands in no "X and Zone C taps" phrase of Site: not a Site level, and the lone
    # value is not doubled
    assert _values("The Zone C taps only, by day", _sites()) == [("Site", "Zone C Tap")]
    assert ("Site", "Zone A Tap") not in _values("zone a and the zone c taps", _sites())


def test_shared_last_word_values_compared_for_spread_run():
    frame = _sites()
    res = _run("Is the chlorine equally variable at the Zone A and Zone C taps? Levene.", frame)
    assert res.status == "answered"
    assert res.answer["family"] == "variance"
    assert sorted(res.answer["columns"]) == ["Chlorine", "Site"]
    assert set(res.answer["key_numbers"].get("groups", ["Zone A Tap", "Zone C Tap"])) <= {
        "Zone A Tap",
        "Zone C Tap",
    }


# --- everyday words for an inconsistent quantity ----------------------------------------------


def _wards() -> pd.DataFrame:
    n = 90
    ward = RNG.choice(["North", "South", "East"], n)
    score = RNG.normal(80, 5, n) * np.where(ward == "East", 1.0, 1.0)
    score = np.where(ward == "East", 80 + (score - 80) * 3, score).round(1)
    return pd.DataFrame({"Ward": ward, "Hygiene Score": score, "Beds": RNG.integers(10, 40, n)})


@pytest.mark.parametrize(
    "q",
    [
        "Is the hygiene score more hit or miss in some wards than in others?",
        "Are the hygiene scores patchier on the East ward than on the North ward?",
        "Which ward is the most hit-and-miss on its hygiene score, or are they all alike?",
    ],
)
def test_everyday_words_for_spread_ask_for_equal_variances(q):
    res = _run(q, _wards())
    assert res.answer["family"] == "variance", res.answer.get("family")
    assert res.status == "answered"
    assert sorted(res.answer["columns"]) == ["Hygiene Score", "Ward"]


def test_a_hit_that_is_no_spread_word():
    from havoc_srs.reader import read

    r = read(
        "Did the East ward hit its hygiene score target more often?", Dataset.from_frame(_wards())
    )
    assert not any("variance" in e and "hit" in e for e in r.evidence)


# --- a size said as "bigger", "larger", "smaller" ---------------------------------------------


def _homes() -> pd.DataFrame:
    n = 50
    area = RNG.normal(120, 30, n).round(0)
    return pd.DataFrame(
        {
            "home_id": [f"H{i:03d}" for i in range(n)],
            "floor_area_m2": area,
            "occupants": RNG.integers(1, 6, n),
            "annual_kwh": (area * 40 + RNG.normal(0, 500, n)).round(0),
        }
    )


@pytest.mark.parametrize(
    "q",
    [
        "Do larger homes burn through more annual kWh? Give me a correlation.",
        "correlation: are the smaller houses also the ones with the lowest annual kwh?",
        "How strongly does a home's size go with its annual kWh?",
    ],
)
def test_a_size_word_names_the_area_column(q):
    res = _run(q, _homes())
    assert res.status == "answered"
    assert res.answer["family"] == "correlation"
    assert sorted(res.answer["columns"]) == ["annual_kwh", "floor_area_m2"]


def test_a_size_word_with_two_size_columns_picks_none():
    from havoc_srs.reader.meaning import kind_mentions

    frame = _homes().assign(garden_area_m2=RNG.normal(50, 10, 50).round(0))
    ds = Dataset.from_frame(frame)
    pool = ["floor_area_m2", "garden_area_m2", "occupants"]
    assert kind_mentions("Do bigger homes use more power?", ds, pool) == []
    # no size word: no size column
    assert (
        kind_mentions("Do fuller homes use more power?", Dataset.from_frame(_homes()), pool[:1])
        == []
    )


# --- a table with a True/False column is no run sheet (no crash) ------------------------------


def test_a_true_false_column_does_not_crash_the_run_sheet_check():
    n = 40
    frame = pd.DataFrame(
        {
            "Side": RNG.choice(["Blue", "Red"], n),
            "Win": RNG.integers(0, 2, n),
            "Kills": RNG.integers(5, 40, n),
            "FirstBlood": RNG.choice([True, False], n),
        }
    )
    for q in (
        "fisher exact test, first blood vs win",
        "Do blue side kills vary more than red side kills?",
        "Does blue side win more often?",
    ):
        res = _run(q, frame)
        assert res.status != "failed", (q, res.markdown[:300])


# --- "the length of the stay / call / visit": a duration ---------------------------------------


def _shelter() -> pd.DataFrame:
    n = 80
    return pd.DataFrame(
        {
            "IntakeYear": RNG.choice([2022, 2023], n),
            "Species": RNG.choice(["Cat", "Dog"], n),
            "Weight_kg": RNG.normal(12, 4, n).round(1),
            "DaysInShelter": RNG.integers(1, 90, n),
            "Age (months)": RNG.integers(2, 120, n),
        }
    )


@pytest.mark.parametrize(
    "q",
    [
        "Is the length of stay related to the weight of the animal?",
        "Do heavier animals have a longer length of their stay? Correlation please.",
        "weight vs the length of the stays, spearman",
    ],
)
def test_length_of_an_event_is_its_duration(q):
    res = _run(q, _shelter())
    assert res.status == "answered"
    assert sorted(res.answer["columns"]) == ["DaysInShelter", "Weight_kg"]


def test_length_of_a_thing_is_no_duration():
    from havoc_srs.reader.meaning import kind_mentions

    ds = Dataset.from_frame(_shelter())
    assert kind_mentions("the length of the animal", ds, ["DaysInShelter", "Weight_kg"]) == []


# --- the years of a numeric year column named as its values ------------------------------------


@pytest.mark.parametrize(
    "q",
    [
        "Was the time in the shelter (DaysInShelter) more variable in 2023 than in 2022?",
        "Levene: DaysInShelter, 2022 vs 2023",
        "Is the spread of DaysInShelter the same for the 2022 and 2023 intakes?",
    ],
)
def test_two_years_of_a_year_column_are_its_groups(q):
    res = _run(q, _shelter())
    assert res.status == "answered"
    assert res.answer["family"] == "variance"
    assert sorted(res.answer["columns"]) == ["DaysInShelter", "IntakeYear"]


def test_a_year_outside_the_year_column_is_no_value():
    found = ground_columns("DaysInShelter spread in 2019 vs 2020", Dataset.from_frame(_shelter()))
    assert not any(m.kind == "value" and m.column == "IntakeYear" for m in found)
    # a number column that is no year column: its numbers stay numbers
    frame = _shelter().assign(Pens=RNG.choice([2022, 2023], 80))
    found = ground_columns("DaysInShelter for 2022 and 2023 pens", Dataset.from_frame(frame))
    assert not any(m.kind == "value" and m.column == "Pens" for m in found)


@pytest.mark.parametrize(
    "q", ["For 2023 on its own, is the weight related to DaysInShelter?",
          "2022 alone: correlation of weight and DaysInShelter",
          "Only 2023: weight against DaysInShelter, Pearson"],
)  # fmt: skip
def test_a_year_kept_on_its_own_restricts_the_rows(q):
    res = _run(q, _shelter())
    assert res.status == "answered"
    assert "IntakeYear" in res.answer["columns"] or "IntakeYear" in res.markdown


# --- a unit that is no English word, written in the question, names its column ----------------


def _serves() -> pd.DataFrame:
    n = 50
    return pd.DataFrame(
        {
            "Player": RNG.choice(["Ana", "Bea", "Cleo"], n),
            "First Serve Speed (km/h)": RNG.normal(180, 8, n).round(1),
            "FirstServeIn%": RNG.normal(62, 5, n).round(1),
            "Aces": RNG.integers(0, 20, n),
            "Chlorine (mg/L)": RNG.normal(1.0, 0.2, n).round(2),
            "Energy (kWh)": RNG.normal(30, 5, n).round(1),
        }
    )


@pytest.mark.parametrize(
    "q,col",
    [
        ("pearson: serve km/h against aces", "First Serve Speed (km/h)"),
        ("Are the mg / L readings tied to the aces?", "Chlorine (mg/L)"),
        ("does the kWh go with aces", "Energy (kWh)"),
    ],
)
def test_a_written_unit_names_the_column(q, col):
    cols = _cols(q, _serves())
    assert col in cols and "Aces" in cols
    if "serve" in q:
        assert "FirstServeIn%" not in cols


def test_a_unit_two_columns_share_names_neither():
    frame = _serves().assign(**{"Second Serve Speed (km/h)": RNG.normal(150, 8, 50).round(1)})
    cols = _cols("km/h against aces", frame)
    assert "First Serve Speed (km/h)" not in cols and "Second Serve Speed (km/h)" not in cols
    # a unit that is an English word ("min", "days") is not read this way
    frame = pd.DataFrame({"Wait (min)": [1.0, 2.0, 3.0], "Aces": [1, 2, 3]})
    assert _cols("the min of the aces", frame) == ["Aces"]


# --- a test's name in software and an exercise's number are no columns -------------------------


def _shelter_ds() -> Dataset:
    return Dataset.from_frame(_shelter().assign(Branch=RNG.choice(["East", "West"], 80)))


@pytest.mark.parametrize(
    "q",
    [
        "HypothesisTests.FisherExactTest on Branch x Species, please",
        "Run FlignerKilleenTest on DaysInShelter grouped by Species",
        "In Mathematica: LeveneTest of DaysInShelter for cats vs dogs",
        "Q3(a). Test whether Species is independent of Branch.",
        "E2: is DaysInShelter as variable for cats as for dogs?",
    ],
)
def test_software_test_names_and_exercise_numbers_are_no_columns(q):
    from havoc_srs.reader.columns import unknown_names

    assert unknown_names(q, _shelter_ds()) == []


@pytest.mark.parametrize(
    "q,name",
    [
        ("Is BloodTest related to Species?", "BloodTest"),
        ("Is the LDL of cats higher?", "LDL"),
        ("Is Species tied to the Q5 score?", "Q5"),
    ],
)
def test_a_missing_column_is_still_flagged(q, name):
    from havoc_srs.reader.columns import unknown_names

    assert name in unknown_names(q, _shelter_ds())


# --- "the time of day": the column of clock hours ----------------------------------------------


def _charging() -> pd.DataFrame:
    n = 60
    return pd.DataFrame(
        {
            "StartHour": RNG.uniform(0, 23.9, n).round(2),
            "ChargeHours": RNG.uniform(0.5, 30, n).round(1),
            "Energy (kWh)": RNG.normal(20, 6, n).round(1),
        }
    )


@pytest.mark.parametrize(
    "q",
    [
        "Is the time of day a session starts related to the energy delivered? Spearman.",
        "Do sessions that begin at a later hour of the day deliver more energy (correlation)?",
        "correlation between what o'clock the car plugs in and the energy",
    ],
)
def test_time_of_day_names_the_clock_hour_column(q):
    res = _run(q, _charging())
    assert res.status == "answered"
    assert sorted(res.answer["columns"]) == ["Energy (kWh)", "StartHour"]


def test_a_count_of_hours_is_no_clock_hour():
    from havoc_srs.reader.meaning import kind_mentions

    ds = Dataset.from_frame(_charging())
    # ChargeHours is a duration (hours, plural), and values above 24 are no clock time
    assert [m.column for m in kind_mentions("the time of day", ds, ["ChargeHours"])] == []
    frame = _charging().assign(StartHour=RNG.uniform(0, 48, 60))
    assert kind_mentions("the time of day", Dataset.from_frame(frame), ["StartHour"]) == []


# --- a method given as a software option, or chosen among several named ----------------------


@pytest.mark.parametrize(
    "q,want",
    [
        ("corr(x, y, 'Type', 'Spearman')", "spearman"),
        ('[r, p] = corr(a, b, "type", "kendall")', "kendall"),
        ("vartestn(y, g, 'TestType', 'LeveneAbsolute')", "levene"),
        ("vartestn(y, g)", "bartlett"),
        ("vartest2(a, b)", "f_test_variance"),
    ],
)
def test_software_options_name_the_method(q, want):
    from havoc_srs.reader.calls import call_methods

    assert call_methods(q)[0] == want


@pytest.mark.parametrize(
    "q,want",
    [
        ("SPSS gives me Levene by default, but I need Bartlett for the report.", "bartlett"),
        ("My supervisor said Spearman, I decided to go with Kendall.", "kendall"),
        ("Pearson or Spearman? EDIT: going with Spearman, the data are ranks.", "spearman"),
    ],
)
def test_the_method_chosen_comes_first(q, want):
    from havoc_srs.reader.statistic import named_methods

    assert named_methods(q)[0] == want


def test_methods_without_a_choice_keep_their_order():
    from havoc_srs.reader.statistic import named_methods

    assert named_methods("Run Levene and Bartlett on the fill weights.")[0] == "levene"
    # a choice that names no method leaves the order alone
    assert named_methods("Levene and Bartlett, but I need it by Friday.")[0] == "levene"


def test_a_name_value_option_is_no_missing_column():
    from havoc_srs.reader.columns import unknown_names

    ds = _shelter_ds()
    assert unknown_names("vartestn(DaysInShelter, Species, 'TestType','Bartlett')", ds) == []
    assert unknown_names("vartestn(DaysInShelter, PenSize)", ds) == ["PenSize"]


# --- a stratified 2x2: the strata named after "across", one level named against the rest ------


def _pens() -> pd.DataFrame:
    n = 240
    return pd.DataFrame(
        {
            "farm": RNG.choice(["Ardmore", "Bray", "Clew"], n),
            "net_type": RNG.choice(["Copper", "Nylon", "Polyester"], n),
            "treated": RNG.choice(["Y", "N"], n),
            "lice_count": RNG.integers(0, 9, n),
        }
    )


@pytest.mark.parametrize(
    "q",
    [
        "We have three farms. Are copper nets associated with being treated? Mantel-Haenszel across farms.",
        "Is a copper net_type linked to treated, CMH by farm please",
        "Our farms differ. Cochran-Mantel-Haenszel over the farms: Copper nets vs treated?",
    ],
)
def test_stratified_two_by_two_with_one_level_named(q):
    res = _run(q, _pens())
    assert res.status == "answered", res.markdown[:400]
    assert sorted(res.answer["columns"]) == ["farm", "net_type", "treated"]
    assert (res.answer.get("rests_on") or {}).get("method") == "mantel_haenszel"
    assert "Copper compared with all the others" in res.markdown


def test_no_level_named_keeps_the_levels():
    from havoc_srs.data import load_data
    from havoc_srs.families import contingency
    from havoc_srs.reader import read

    ds = load_data(_pens())
    r = read("Is net_type associated with treated? Mantel-Haenszel across farms.", ds)
    p = contingency.plan(r, ds)
    assert set(p.context["frame"][p.context["a"]]) == {"Copper", "Nylon", "Polyester"}
    assert not any("compared with all the others" in n for n in p.notes)
