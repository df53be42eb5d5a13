"""Regression from formulas: ordinary least squares and logistic regression.

>>> from havoc_tools.regression import ols
>>> fit = ols("y ~ x + I(x^2)", {"x": [0, 1, 2, 3, 4], "y": [1.1, 1.9, 5.2, 10.1, 16.8]})
>>> round(fit.r_squared, 4)
0.9992
"""

from __future__ import annotations

from havoc_tools._lazy import lazy_exports

_WHERE = {
    "ols": "linear",
    "OLSResult": "linear",
    "Coefficient": "linear",
    "Diagnostics": "linear",
    "Prediction": "linear",
    "logistic": "binary",
    "LogisticResult": "binary",
    "Formula": "formula",
    "FormulaError": "formula",
}

__all__ = sorted(_WHERE)

__getattr__, __dir__ = lazy_exports(__name__, _WHERE)
