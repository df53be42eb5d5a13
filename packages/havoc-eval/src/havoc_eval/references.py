"""Published reference values that havoc-tools must reproduce (the ``domain.tools`` benchmark).

Every case names its source. Tolerances are half a unit in the last digit the source prints,
except where the source is exact (closed forms), where they are 1e-9 relative.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

# Student (1908) / Cushny & Peebles sleep data: extra hours of sleep under two drugs (R `sleep`).
SLEEP_DRUG1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
SLEEP_DRUG2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]
# Dobson (1983) plant growth: dried weight under a control and two treatments (R `PlantGrowth`).
PLANT_GROWTH = {
    "ctrl": [4.17, 5.58, 5.18, 6.11, 4.50, 4.61, 5.17, 4.53, 5.33, 5.14],
    "trt1": [4.81, 4.17, 4.41, 3.59, 5.87, 3.83, 6.03, 4.89, 4.32, 4.69],
    "trt2": [6.31, 5.12, 5.54, 5.50, 5.37, 5.29, 4.92, 6.15, 5.80, 5.26],
}
# Ezekiel (1930) stopping distance of cars against speed (R `cars`).
CARS_SPEED = [4, 4, 7, 7, 8, 9, 10, 10, 10, 11, 11, 12, 12, 12, 12, 13, 13, 13, 13, 14, 14, 14, 14,
              15, 15, 15, 16, 16, 17, 17, 17, 18, 18, 18, 18, 19, 19, 19, 20, 20, 20, 20, 20, 22,
              23, 24, 24, 24, 24, 25]  # fmt: skip
CARS_DIST = [2, 10, 4, 22, 16, 10, 18, 26, 34, 17, 28, 14, 20, 24, 28, 26, 34, 34, 46, 26, 36, 60,
             80, 20, 26, 54, 32, 40, 32, 40, 50, 42, 56, 76, 84, 36, 46, 68, 32, 48, 52, 56, 64, 66,
             54, 70, 92, 93, 120, 85]  # fmt: skip
# Montgomery, Design and Analysis of Experiments, Example 6.2: filtration rate, 2^4 in Yates order.
FILTRATION = [45, 71, 48, 65, 68, 60, 80, 65, 43, 100, 45, 104, 75, 86, 70, 96]


@dataclass(frozen=True)
class Check:
    """One quantity: what a tool computed against the published value."""

    case: str
    quantity: str
    computed: float
    reference: float
    tolerance: float  # absolute
    source: str

    @property
    def abs_error(self) -> float:
        return abs(self.computed - self.reference)

    @property
    def passed(self) -> bool:
        return math.isfinite(self.computed) and self.abs_error <= self.tolerance

    def to_dict(self) -> dict:
        return {
            "case": self.case,
            "quantity": self.quantity,
            "computed": self.computed,
            "reference": self.reference,
            "tolerance": self.tolerance,
            "abs_error": self.abs_error,
            "passed": self.passed,
            "source": self.source,
        }


def _half_ulp(printed: str) -> float:
    """Half a unit in the last printed digit: '0.07939' -> 5e-6."""
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    return 0.5 * 10.0**-decimals


def _checks(case: str, source: str, pairs: list[tuple[str, float, str]]) -> list[Check]:
    return [Check(case, q, float(v), float(ref), _half_ulp(ref), source) for q, v, ref in pairs]


def _welch_sleep() -> list[Check]:
    from havoc_tools.stats import ttest_ind

    r = ttest_ind(SLEEP_DRUG1, SLEEP_DRUG2)
    src = "R 4.x t.test(extra ~ group, data = sleep)"
    return _checks(
        "Welch t-test, sleep",
        src,
        [("t", r.statistic, "-1.8608"), ("df", r.df, "17.776"), ("p", r.p_value, "0.07939")],
    )


def _paired_sleep() -> list[Check]:
    from havoc_tools.stats import ttest_paired

    r = ttest_paired(SLEEP_DRUG1, SLEEP_DRUG2)
    src = "R 4.x t.test(sleep$extra[1:10], sleep$extra[11:20], paired = TRUE)"
    return _checks(
        "paired t-test, sleep",
        src,
        [("t", r.statistic, "-4.0621"), ("df", r.df, "9"), ("p", r.p_value, "0.002833")],
    )


def _anova_plants() -> list[Check]:
    from havoc_tools.stats import anova_oneway

    r = anova_oneway(PLANT_GROWTH)
    between = r.table[0]
    src = "R 4.x summary(aov(weight ~ group, data = PlantGrowth))"
    return _checks(
        "one-way ANOVA, PlantGrowth",
        src,
        [("F", r.F, "4.846"), ("p", r.p_value, "0.01591"), ("SS group", between.sum_sq, "3.766")],
    )


def _ols_cars() -> list[Check]:
    from havoc_tools.regression import ols

    fit = ols("dist ~ speed", {"speed": CARS_SPEED, "dist": CARS_DIST})
    coef = {c.name: c for c in fit.coefficients}
    src = "R 4.x summary(lm(dist ~ speed, data = cars))"
    return _checks(
        "OLS, cars",
        src,
        [
            ("intercept", coef["Intercept"].estimate, "-17.5791"),
            ("slope", coef["speed"].estimate, "3.9324"),
            ("slope SE", coef["speed"].se, "0.4155"),
            ("R^2", fit.r_squared, "0.6511"),
            ("residual SE", fit.residual_sd, "15.38"),
        ],
    )


def _fisher_tea() -> list[Check]:
    from havoc_tools.stats import fisher_exact

    r = fisher_exact([[3, 1], [1, 3]])
    src = "R 4.x fisher.test(TeaTasting) (Agresti 2002, p. 91)"
    return _checks(
        "Fisher exact, tea tasting",
        src,
        [("p", r.p_value, "0.4857"), ("conditional MLE odds ratio", r.estimate, "6.4083")],
    )


def _factorial_filtration() -> list[Check]:
    from havoc_tools.doe import analyze_factorial, full_factorial

    res = analyze_factorial(full_factorial(4, randomize=False), FILTRATION)
    src = "Montgomery, Design and Analysis of Experiments, Example 6.2"
    printed = {"A": "21.625", "C": "9.875", "D": "14.625", "AC": "-18.125", "AD": "16.625"}
    return _checks(
        "2^4 factorial, filtration",
        src,
        [(f"effect {k}", res.effects[k], v) for k, v in printed.items()],
    )


def _spc_constants() -> list[Check]:
    from havoc_tools.spc import constants

    c = constants(5)
    src = "ASTM STP 15D / Montgomery, Introduction to SQC, Appendix Table VI (n = 5)"
    return _checks(
        "control chart constants, n = 5",
        src,
        [
            ("A2", c.A2, "0.577"),
            ("d2", c.d2, "2.326"),
            ("d3", c.d3, "0.864"),
            ("c4", c.c4, "0.9400"),
        ],
    )


def _symbolic() -> list[Check]:
    from havoc_tools.symbolic import integrate, limit

    src = "closed form"
    gauss = integrate("exp(-x^2)", lower="-oo", upper="oo").numeric
    sinc = limit("sin(x)/x", point=0).numeric
    exact = [
        ("integral of exp(-x^2) over R = sqrt(pi)", gauss, math.sqrt(math.pi)),
        ("limit of sin(x)/x at 0 = 1", sinc, 1.0),
    ]
    return [
        Check("symbolic calculus", q, float(v), ref, 1e-9 * max(1.0, abs(ref)), src)
        for q, v, ref in exact
    ]


CASES: tuple[Callable[[], list[Check]], ...] = (
    _welch_sleep,
    _paired_sleep,
    _anova_plants,
    _ols_cars,
    _fisher_tea,
    _factorial_filtration,
    _spc_constants,
    _symbolic,
)
DATA_VERSION = "tool-references/1"
