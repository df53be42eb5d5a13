"""Assumption checks shared by the engineering families (normality, outliers, sample size, chart
signals), each recorded with one of three outcomes and its evidence.

A check that could not be made (too few values, a design assumed from the question) is recorded
``not_checked`` with the reason, never ``passed``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from havoc_tools.dsl import ast as A

from havoc_srs.dslbuild import let, name, program
from havoc_srs.execute import Execution, run_program
from havoc_srs.families.base import FAILED, NOT_CHECKED, PASSED, Check

if TYPE_CHECKING:
    from havoc_srs.argue import Argument
    from havoc_srs.plan import Plan

NORMALITY_ALPHA = 0.05
VARIANCE_ALPHA = 0.05


def check(name_: str, test: str, passed: bool | None, note: str, **numbers: Any) -> dict[str, Any]:
    """A check as the stages carry it; ``passed=None`` means it was not checked."""
    outcome = NOT_CHECKED if passed is None else (PASSED if passed else FAILED)
    return Check(name_, test, outcome, note, numbers).to_dict()


def p_holds(result: dict[str, Any] | None, alpha: float) -> bool | None:
    """Whether a check's p-value is at least ``alpha``; None when the test gave no finite
    p-value (a sample without spread makes Levene's and Shapiro-Wilk's statistic 0/0)."""
    p = (result or {}).get("p_value")
    if p is None or not np.isfinite(p):
        return None
    return bool(p >= alpha)


NO_P = "not checked: the test gave no p-value (a sample or group has no spread)"


def run(
    arg: Argument, plan: Plan, stmts: list[Any], extra: dict[str, Any] | None = None
) -> Execution:
    """Run check statements on the plan's data (plus ``extra``); their tool calls join ARGUE's."""
    data = dict(plan.data)
    data.update(extra or {})
    ex = run_program(program(*stmts), data)
    arg.tool_calls.extend(ex.tool_calls)
    return ex


def iqr_outliers(x: np.ndarray) -> list[int]:
    q1, q3 = np.percentile(x, [25, 75])
    iqr = q3 - q1
    return [int(i) for i in np.where((x < q1 - 1.5 * iqr) | (x > q3 + 1.5 * iqr))[0]]


def normality(arg: Argument, plan: Plan, samples: dict[str, np.ndarray]) -> bool:
    """Shapiro-Wilk per sample; False when any tested sample departs from normal. A sample of
    fewer than 3 values cannot be tested and is recorded ``not_checked``."""
    labels = plan.context.get("samples", {})
    testable = {k: v for k, v in samples.items() if len(v) >= 3}
    ex = (
        run(
            arg,
            plan,
            [let(f"sw_{k}", A.Command(verb="shapiro", x=name(k))) for k in testable],
            samples,
        )
        if testable
        else None
    )
    ok = True
    for k, v in samples.items():
        label = labels.get(k, k)
        if k not in testable:
            arg.checks.append(
                check(f"normality of {label}", "Shapiro-Wilk", None,
                      f"not checked: {len(v)} value(s), Shapiro-Wilk needs at least 3", n=len(v))
            )  # fmt: skip
            continue
        r = ex.results.get(f"sw_{k}") if ex is not None else None
        one = ex
        if r is None and ex is not None and ex.error and len(testable) > 1:
            # the program stopped at another sample's error: this sample's own test
            one = run(arg, plan, [let(f"sw_{k}", A.Command(verb="shapiro", x=name(k)))], samples)
            r = one.results.get(f"sw_{k}")
        if r is None:
            arg.checks.append(
                check(f"normality of {label}", "Shapiro-Wilk", None,
                      "not checked: the test could not run (" + ((one and one.error) or "no result").splitlines()[0] + ")")
            )  # fmt: skip
            continue
        passed = p_holds(r, NORMALITY_ALPHA)
        ok &= passed is not False
        arg.checks.append(
            check(
                f"normality of {label}", "Shapiro-Wilk", passed,
                NO_P if passed is None
                else "consistent with normal" if passed else "evidence of non-normality",
                statistic=r["statistic"], p_value=r["p_value"],
            )
        )  # fmt: skip
    return ok


def outliers(arg: Argument, plan: Plan, samples: dict[str, np.ndarray]) -> None:
    for k, v in samples.items():
        label = plan.context.get("samples", {}).get(k, k)
        x = np.asarray(v, dtype=float)
        if len(x) < 4:
            arg.checks.append(
                check(f"outliers in {label}", "1.5 x IQR fences", None,
                      f"not checked: {len(x)} value(s), the quartile fences need at least 4")
            )  # fmt: skip
            continue
        idx = iqr_outliers(x)
        arg.checks.append(
            check(
                f"outliers in {label}", "1.5 x IQR fences", not idx,
                f"{len(idx)} value(s) outside the fences" if idx else "none",
                indices=idx,
            )
        )  # fmt: skip
        if idx:
            arg.caveats.append(
                f"{label} has {len(idx)} outlying value(s) (1.5 IQR rule): check them before "
                "trusting a mean-based test"
            )


def small_sample(arg: Argument, samples: dict[str, np.ndarray]) -> bool:
    n_min = min(len(v) for v in samples.values())
    small = n_min < 15
    arg.checks.append(
        check(
            "sample size", "n per sample >= 15", not small,
            f"smallest sample has {n_min} values"
            + ("; normality checks have little power" if small else ""),
            n_min=n_min,
        )
    )  # fmt: skip
    return small


def flagged(chart: dict[str, Any]) -> list[int]:
    """The 0-based points any panel of a chart result flags."""
    pts: set[int] = set()
    for p in chart.get("panels", []):
        for idx in (p.get("violations") or {}).values():
            pts.update(int(i) for i in idx)
    return sorted(pts)


def failed_checks(checks: list[dict[str, Any]]) -> list[str]:
    return [
        c["name"] for c in checks if c.get("outcome", PASSED if c["passed"] else FAILED) == FAILED
    ]


__all__ = [
    "NORMALITY_ALPHA", "VARIANCE_ALPHA", "check", "failed_checks", "flagged", "iqr_outliers",
    "normality", "outliers", "run", "small_sample",
]  # fmt: skip
