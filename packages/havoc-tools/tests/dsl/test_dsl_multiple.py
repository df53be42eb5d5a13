"""The multiple-comparison and related-samples verbs give what the library calls give."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from havoc_tools import stats
from havoc_tools.dsl import run

LONG = pd.DataFrame(
    {
        "score": [8, 6, 7, 9, 5, 6, 7, 4, 6, 8, 7, 7],
        "cond": list("pqr") * 4,
        "id": np.repeat([1, 2, 3, 4], 3),
    }
)
SCORE = "score=[8, 6, 7, 9, 5, 6, 7, 4, 6, 8, 7, 7]"
COND = 'cond=["p", "q", "r", "p", "q", "r", "p", "q", "r", "p", "q", "r"]'
IDS = "id=[1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]"


def _last(src: str) -> dict:
    res = run(src)
    assert res.ok, res.error and res.error["text"]
    return res.to_dict()["results"][-1]["result"]


def _same(got: dict, direct) -> None:  # type: ignore[no-untyped-def]
    want = json.loads(direct.to_json())
    assert got == want


def test_padjust() -> None:
    got = _last("padjust [0.01, 0.04, 0.03] method=fdr_bh alpha=0.1")
    _same(got, stats.p_adjust([0.01, 0.04, 0.03], method="fdr_bh", alpha=0.1))


def test_dunnett() -> None:
    src = (
        'data d = table(y=[7.4, 8.5, 7.2, 9.8, 8.8, 7.7, 12.8, 9.7, 12.2], grp=["c", "c", "c", '
        '"a", "a", "a", "b", "b", "b"])\ndunnett y by grp in d control="c" alternative=greater'
    )
    df = pd.DataFrame(
        {"y": [7.4, 8.5, 7.2, 9.8, 8.8, 7.7, 12.8, 9.7, 12.2], "grp": list("cccaaabbb")}
    )
    _same(_last(src), stats.dunnett(df, dv="y", group="grp", control="c", alternative="greater"))


@pytest.mark.parametrize("verb", ["friedman", "cochranq"])
def test_friedman_and_cochran_from_long_data(verb: str) -> None:
    data = LONG.assign(score=(LONG.score > 6).astype(int)) if verb == "cochranq" else LONG
    values = "[" + ", ".join(str(v) for v in data.score) + "]"
    src = f"data r = table(score={values}, {COND}, {IDS})\n{verb} score by cond in r subject=id"
    wide = data.pivot(index="id", columns="cond", values="score")
    fn = stats.friedman if verb == "friedman" else stats.cochran_q
    _same(_last(src), fn(wide))


def test_mcnemar_table_and_columns() -> None:
    _same(_last("mcnemar [[30, 12], [4, 54]]"), stats.mcnemar([[30, 12], [4, 54]]))
    got = _last("mcnemar [1, 1, 0, 0, 1, 0, 1, 1] vs [1, 0, 0, 1, 0, 0, 0, 1] exact=true")
    _same(got, stats.mcnemar([[2, 1], [3, 2]], exact=True))


def test_friedman_needs_complete_blocks() -> None:
    src = f"data r = table({SCORE}, {COND}, id=[1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5])\n"
    res = run(src + "friedman score by cond in r subject=id")
    assert not res.ok and "every subject needs" in res.error["text"]
