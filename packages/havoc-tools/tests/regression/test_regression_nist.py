"""NIST StRD linear least squares: certified coefficients, SDs, residual SD and R^2."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from havoc_tools.regression import ols  # noqa: E402
from nist_data import LLS_SETS, lls_formula_and_data, load_lls, lre  # noqa: E402

# Minimum LRE (correct significant digits) demanded per dataset for (coefficients, their SDs).
# Filip is a degree-10 polynomial with condition number ~1e15 in raw powers; its SDs need
# (X'X)^-1, which float64 QR gets to ~7 digits.
FLOORS = {"Filip": (9.0, 7.0), "Wampler5": (9.0, 9.0)}


def _fit(name: str):
    ds = load_lls(name)
    formula, data = lls_formula_and_data(ds)
    return ds, ols(formula, data)


@pytest.mark.parametrize("name", LLS_SETS)
def test_certified_values(name: str) -> None:
    ds, fit = _fit(name)
    b_floor, sd_floor = FLOORS.get(name, (9.0, 9.0))
    est = np.array([c.estimate for c in fit.coefficients])
    se = np.array([c.se for c in fit.coefficients])
    assert est.size == ds["beta"].size
    b_lre = min(lre(e, c) for e, c in zip(est, ds["beta"], strict=True))
    sd_lre = min(lre(e, c) for e, c in zip(se, ds["sd"], strict=True))
    assert b_lre >= b_floor, f"{name}: coefficients only {b_lre:.1f} digits"
    assert sd_lre >= sd_floor, f"{name}: standard deviations only {sd_lre:.1f} digits"
    assert lre(fit.residual_sd, ds["residual_sd"]) >= 9.0
    assert lre(fit.r_squared, ds["r_squared"]) >= 9.0


def test_wampler_family_consistent() -> None:
    # Wampler3-5 are Wampler1 plus 1, 100 and 10000 times the same perturbation: a typing check
    w = {k: load_lls(f"Wampler{k}")["y"] for k in (1, 3, 4, 5)}
    d = w[3] - w[1]
    np.testing.assert_array_equal(w[4] - w[1], 100 * d)
    np.testing.assert_array_equal(w[5] - w[1], 10000 * d)
    x = load_lls("Wampler1")["x"][:, 0]
    np.testing.assert_array_equal(w[1], sum(x**k for k in range(6)))


def test_lre_table_shape() -> None:
    # the table printed by bench/tools/bench_stats_nist.py comes from the same fits
    for name in ("Norris", "Longley"):
        _, fit = _fit(name)
        assert fit.n > 0
