"""The measurement-systems verbs give what the spc.msa calls give; bad arguments are DSL errors."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from havoc_tools import spc
from havoc_tools.dsl import run

DATA = Path(__file__).resolve().parent / "data"
READINGS = [10.012, 9.995, 10.02, 10.004, 9.985, 10.011, 10.003, 9.992]
NESTED = (
    "data n = table(m=[1.1, 2.0, 3.2, 2.4, 5.0, 6.1, 5.2, 7.0, 3.3, 4.0, 3.1, 5.2], "
    "part=[1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2], "
    'op=["A", "A", "A", "A", "B", "B", "B", "B", "C", "C", "C", "C"])\n'
)


def _last(src: str, **kw) -> dict:  # type: ignore[no-untyped-def]
    res = run(src, base_dir=DATA, **kw)
    assert res.ok, res.error and res.error["text"]
    return res.to_dict()["results"][-1]["result"]


def _same(got: dict, direct) -> None:  # type: ignore[no-untyped-def]
    assert got == json.loads(direct.to_json())


def test_gage_type1() -> None:
    src = f"data w = {READINGS}\ngage_type1 w reference=10 lsl=9.75 usl=10.25 percent=15 k=5.15"
    direct = spc.gage_type1(
        READINGS, 10, lsl=9.75, usl=10.25, percent_tolerance=15, study_var_multiplier=5.15
    )
    _same(_last(src), direct)


def test_gage_linearity_from_csv() -> None:
    src = (
        'data lin = csv("linearity.csv")\n'
        "gage_linearity measurement by part in lin reference=reference process_variation=14.1941"
    )
    df = pd.read_csv(DATA / "linearity.csv")
    _same(_last(src), spc.gage_linearity(df, part="part", process_variation=14.1941))
    # without parts: the reference values group the readings
    got = _last(
        'data lin = csv("linearity.csv")\ngage_linearity lin.measurement reference=lin.reference'
    )
    assert got["slope"] == pytest.approx(-0.131667, abs=5e-7)


def test_agreement_and_kappa() -> None:
    df = pd.read_csv(DATA / "agreement.csv")
    src = (
        'data a = csv("agreement.csv")\n'
        "agreement rating by appraiser in a sample=item standard=standard confidence=0.9"
    )
    direct = spc.attribute_agreement(
        df.astype({"item": float}), "rating", "item", "appraiser", standard="standard",
        confidence=0.9,
    )  # fmt: skip
    _same(_last(src), direct)
    t1 = df[(df.appraiser == "bob") & (df.trial == 1)].rating.tolist()
    t2 = df[(df.appraiser == "bob") & (df.trial == 2)].rating.tolist()
    src = f"data b1 = {json.dumps(t1)}\ndata b2 = {json.dumps(t2)}\nkappa b1 vs b2"
    _same(_last(src), spc.cohen_kappa(t1, t2, names=("b1", "b2")))


def test_gage_nested_and_plots(tmp_path) -> None:
    got = _last(NESTED + "gage_nested m by part, op in n tolerance=10")
    df = pd.DataFrame(
        {
            "m": [1.1, 2.0, 3.2, 2.4, 5.0, 6.1, 5.2, 7.0, 3.3, 4.0, 3.1, 5.2],
            "part": [1.0, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2],
            "op": list("AAAABBBBCCCC"),
        }
    )
    _same(got, spc.gage_nested(df, "part", "op", "m", tolerance=10))
    src = (
        NESTED
        + f"data w = {READINGS}\n"
        + 'data lin = csv("linearity.csv")\ndata a = csv("agreement.csv")\n'
        + 'let g = gage_nested m by part, op in n\nplot g to "nested.png"\n'
        + 'let t = gage_type1 w reference=10 tolerance=0.5\nplot t to "type1.png" kind=run\n'
        + "let l = gage_linearity measurement in lin reference=reference\n"
        + 'plot l to "lin.svg"\n'
        + "let aa = agreement rating by appraiser in a sample=item standard=standard\n"
        + 'plot aa to "agree.png"\n'
    )
    res = run(src, base_dir=DATA, plots_dir=tmp_path)
    assert res.ok, res.error and res.error["text"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "agree.png",
        "lin.svg",
        "nested.png",
        "type1.png",
    ]
    assert all(p.stat().st_size > 0 for p in tmp_path.iterdir())


@pytest.mark.parametrize(
    ("src", "message", "line", "column"),
    [
        ("data w = [1.0, 2.0]\ngage_type1 w tolerance=1", "gage_type1 needs reference=", 2, 1),
        ("data w = [1.0, 2.0]\ngage_type1 w reference=1 tolerance=-1", "tolerance must be", 2, 36),
        (
            'data lin = csv("linearity.csv")\ngage_linearity measurement in lin',
            "gage_linearity needs reference=",
            2,
            1,
        ),
        (
            'data lin = csv("linearity.csv")\ngage_linearity measurement in lin reference=refs',
            "refs",
            2,
            45,
        ),
        (
            'data a = csv("agreement.csv")\nagreement rating in a sample=item',
            "agreement needs 'by <group column>'",
            2,
            1,
        ),
        ("kappa [1, 2, 1]", "kappa needs two variables", 1, 1),
        (NESTED + "gage_nested m by part in n", "gage_nested needs", 2, 1),
    ],
)
def test_bad_arguments_are_check_errors(src: str, message: str, line: int, column: int) -> None:
    res = run(src, base_dir=DATA)
    assert not res.ok
    err = res.error
    assert err["phase"] == "check" and message in err["message"], err["text"]
    assert (err["line"], err["column"]) == (line, column), err["text"]


def test_library_errors_carry_the_line() -> None:
    res = run(f"data w = {READINGS}\ngage_type1 w reference=10")
    assert not res.ok and res.error["line"] == 2
    assert "give tolerance=, or both lsl= and usl=" in res.error["message"]
    unbalanced = NESTED.replace('"C", "C", "C", "C"', '"C", "C", "B", "B"')
    res = run(unbalanced + "gage_nested m by part, op in n")
    assert not res.ok and res.error["phase"] == "runtime" and res.error["line"] == 2
    assert "same number of parts" in res.error["message"]
