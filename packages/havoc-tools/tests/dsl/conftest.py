"""Fixtures for the DSL tests: a small fill-line CSV written to a temporary folder."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def fill_frame() -> pd.DataFrame:
    """25 subgroups of 5 bottle weights (g) from two filling lines, deterministic."""
    rng = np.random.default_rng(20240611)
    n = 125
    return pd.DataFrame(
        {
            "line1": np.round(500 + rng.normal(0, 0.8, n), 2),
            "line2": np.round(500.4 + rng.normal(0, 0.9, n), 2),
            "weight": np.round(500 + rng.normal(0, 0.7, n), 2),
            "subgroup": np.repeat(np.arange(1, 26), 5),
            "shift": np.tile(["a", "b", "c", "d", "e"], 25),
        }
    )


@pytest.fixture()
def fill_dir(tmp_path):
    fill_frame().to_csv(tmp_path / "fill.csv", index=False)
    return tmp_path
