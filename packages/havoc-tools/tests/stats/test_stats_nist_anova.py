"""NIST StRD one-way ANOVA: certified sums of squares, mean squares, F, R^2, residual SD."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from havoc_tools.stats import anova_oneway  # noqa: E402
from nist_data import ANOVA_SETS, anova_dataset, load_anova_dat, lre, smls_groups  # noqa: E402

# SmLs07-09 put 13 significant digits (1000000000000.4) into float64, which stores 1e12 + 0.4
# with an error of ~3e-5 -- a relative error of ~3e-4 in the 0.1 deviations the ANOVA measures.
# No float64 input can beat that, so those sets are held to what the data representation allows.
FLOORS = {"SmLs07": 3.0, "SmLs08": 3.0, "SmLs09": 3.0}


@pytest.mark.parametrize("name", ANOVA_SETS)
def test_certified_anova(name: str) -> None:
    groups, cert = anova_dataset(name)
    res = anova_oneway(groups)
    floor = FLOORS.get(name, 9.0)
    between, within = res.table[0], res.table[1]
    assert between.df == cert["df_between"] and within.df == cert["df_within"]
    checks = {
        "ss_between": lre(between.sum_sq, cert["ss_between"]),
        "ms_between": lre(between.mean_sq, cert["ms_between"]),
        "F": lre(between.F, cert["F"]),
        "ss_within": lre(within.sum_sq, cert["ss_within"]),
        "ms_within": lre(within.mean_sq, cert["ms_within"]),
        "r_squared": lre(res.extra["r_squared"], cert["r_squared"]),
        "residual_sd": lre(res.extra["residual_sd"], cert["residual_sd"]),
    }
    worst = min(checks, key=checks.get)
    assert checks[worst] >= floor, f"{name}: {worst} only {checks[worst]:.1f} digits ({checks})"


@pytest.mark.parametrize("name", ["SmLs01", "SmLs04", "SmLs07"])
def test_smls_generator_matches_published_file(name: str) -> None:
    published, _ = load_anova_dat(name)
    generated = smls_groups(name)
    assert len(published) == len(generated) == 9
    for a, b in zip(published, generated, strict=True):
        np.testing.assert_array_equal(a, b)
