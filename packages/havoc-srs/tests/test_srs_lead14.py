"""Session 14 (lead): a factorial run sheet whose factor headers carry a ``_coded`` suffix (as
Minitab and many exports write them) or are called like a design table's own columns."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.families.doe_analysis import _factor_ids


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(index=False)


def _sheet(names: list[str], response: str) -> pd.DataFrame:
    """A replicated 2^3 in coded units with a known model: y = 50 + 4A - 2B + 1.5AB + noise."""
    rng = np.random.default_rng(14)
    rows = [r for _ in range(2) for r in itertools.product((-1, 1), repeat=3)]
    x = np.array(rows, dtype=float)
    y = 50 + 4 * x[:, 0] - 2 * x[:, 1] + 1.5 * x[:, 0] * x[:, 1] + rng.normal(0, 0.5, len(x))
    frame = pd.DataFrame(x, columns=names)
    frame[response] = y.round(2)
    return frame


def test_factor_ids_avoid_design_table_names() -> None:
    fids, taken = _factor_ids(["Temp_coded", "Time_CODED", "block", "Std_Order"])
    assert fids == {
        "Temp_coded": "Temp",
        "Time_CODED": "Time",
        "block": "block_f",
        "Std_Order": "Std_Order_f",
    }
    assert set(fids.values()) <= taken
    # a stem already taken by another factor stays unique
    fids, _ = _factor_ids(["Fat", "Fat_coded"])
    assert len(set(fids.values())) == 2 and not any(v.endswith("_coded") for v in fids.values())


@pytest.mark.parametrize(
    "names, q",
    [
        (["Fat_coded", "Speed_coded", "Press_coded"], "which effects are significant for yield?"),
        (["A_coded", "B_coded", "C_coded"], "analyse this two-level factorial: main effects and interactions on yield"),
        (["temp_coded", "time_coded", "Dose_Coded"], "Analyze Factorial Design for yield, all 2-way terms"),
    ],
)  # fmt: skip
def test_coded_suffix_headers_are_analysed(pipe: Pipeline, names: list[str], q: str) -> None:
    frame = _sheet(names, "yield")
    res = pipe.run(q, data=frame)
    assert res.status == "answered", res.answer.get("missing") or res.answer.get("conclusion")
    assert res.answer["family"] == "doe_analysis"
    assert sorted(res.answer["columns"]) == sorted([*names, "yield"])
    assert "_coded_coded" not in res.answer["dsl"]


# ---- a word of a longer header in a list is its own column, not a modifier ------------------
def _survey() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    n = 240
    return pd.DataFrame(
        {
            "Headphones_daily": rng.choice(["Y", "N"], n),
            "Outcome": rng.choice(["pass", "refer"], n),
            "Clinic": rng.choice(["North", "South", "East"], n),
            "Score": rng.normal(50, 10, n).round(1),
        }
    )


@pytest.mark.parametrize(
    "q",
    [
        "mantelhaen.test(table(Headphones, Outcome, Clinic))",
        "chi-square of Headphones, Outcome",
        "cross-tab Headphones; Outcome - is there an association?",
    ],
)
def test_listed_header_word_is_its_own_column(pipe: Pipeline, q: str) -> None:
    from havoc_srs.data import Dataset
    from havoc_srs.reader.columns import ground_columns

    got = {m.column for m in ground_columns(q, Dataset.from_frame(_survey()))}
    assert {"Headphones_daily", "Outcome"} <= got, got


def test_header_word_right_before_another_header_still_modifies_it() -> None:
    """The near-miss: "headphones outcome" (no comma) is the outcome of headphone users, one
    column, as before."""
    from havoc_srs.data import Dataset
    from havoc_srs.reader.columns import ground_columns

    got = {
        m.column
        for m in ground_columns(
            "what is the headphones outcome split?", Dataset.from_frame(_survey())
        )
    }
    assert "Outcome" in got and "Headphones_daily" not in got, got


# ---- the Anderson-Darling audit on a far outlier -------------------------------------------
@pytest.mark.parametrize("far", [12.0, 20.0, 40.0])
def test_anderson_darling_audit_holds_with_a_far_outlier(pipe: Pipeline, far: float) -> None:
    """Idle times with a long tail: the largest value lies ~9+ SD above the mean, so 1 - F
    underflows below 1e-16. The audit's own A² must still equal the tool's (it used to clip
    and report a failed audit on a correct result)."""
    rng = np.random.default_rng(3)
    x = np.concatenate([rng.exponential(4.0, 300), [far * 40.0]])
    res = pipe.run("Anderson-Darling test of normality on idle", data=pd.DataFrame({"idle": x}))
    assert res.status == "answered", res.answer.get("conclusion")
    assert res.answer["audit"]["passed"] is True
