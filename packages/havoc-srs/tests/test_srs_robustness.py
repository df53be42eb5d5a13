"""Inputs that used to crash a stage: each must end in a status, never an exception."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(index=False)


def test_capability_by_a_column_with_one_value_per_level_uses_individual_values(pipe):
    # "by lot" where every lot has one reading: no subgroups exist, so sigma within is the
    # moving range MR-bar / d2(2) (before: the audit divided by zero degrees of freedom)
    rng = np.random.default_rng(7)
    x = rng.normal(50.0, 0.4, 30).round(2)
    df = pd.DataFrame({"Lot": [f"L{i:03d}" for i in range(30)], "Fill height (mm)": x})
    r = pipe.run("Cp and Cpk of the fill height by lot, spec 48.5 to 51.5", data=df)
    assert r.status == "answered", r.answer
    sigma_within = np.abs(np.diff(x)).mean() / 1.128379
    assert r.answer["key_numbers"]["sigma_within"] == pytest.approx(sigma_within, rel=1e-6)
    assert r.answer["key_numbers"]["Cp"] == pytest.approx(3.0 / (6 * sigma_within), rel=1e-6)
    assert any("one value per level" in a for a in r.answer["assumptions"])
