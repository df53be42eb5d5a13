"""Phrasings of the verdict families (correlation, contingency, variance), dataA9: a header
abbreviation with a second common reading ("Exp" = experience), the doer's noun against its
verb ("rides" is no Rider), values of one column whose shared last word is said once ("the
Zone A and Zone C taps"), everyday words for an inconsistent quantity ("hit-and-miss") and a
size said as "bigger"; each with the cases where the rule must not fire."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.data import Dataset
from havoc_srs.reader.columns import ground_columns
from havoc_srs.reader.text import word_match

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


# --- the doer's noun is not a typo of its verb -------------------------------------------------


@pytest.mark.parametrize(
    "q,c",
    [("rides", "rider"), ("riding", "rider"), ("played", "player"), ("drives", "driver"),
     ("owned", "owner"), ("shopping", "shopper"), ("riders", "rides")],
)  # fmt: skip
def test_verb_forms_do_not_match_the_doer(q, c):
    assert word_match(q, c) == 0.0


@pytest.mark.parametrize(
    "q,c",
    [("players", "player"), ("plyer", "player"), ("riders", "rider"), ("higher", "high"),
     ("numbers", "number")],
)  # fmt: skip
def test_plurals_typos_and_comparatives_still_match(q, c):
    assert word_match(q, c) > 0.8


def test_the_rows_noun_does_not_ground_the_doer_column():
    n = 30
    frame = pd.DataFrame(
        {
            "rider": RNG.choice(["Ann", "Bo", "Cy"], n),
            "distance_km": RNG.normal(40, 8, n).round(1),
            "climb_m": RNG.normal(400, 90, n).round(0),
        }
    )
    assert "rider" not in _cols("For the logged rides, does distance go with climb?", frame)
    assert "rider" in _cols("Does the rider matter for the distance?", frame)


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
