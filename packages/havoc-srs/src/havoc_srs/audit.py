"""AUDIT: re-derive the key numbers by an independent path and check ranges and consistency.

This module holds the :class:`Audit` record and the generic walk: :func:`audit` checks what every
result shares (p in [0, 1], the conclusion against alpha) and hands the rest to the family
module's ``audit``, which recomputes the library's numbers from their formulas by a different
path (t from means and variances, F from sums of squares, H from mid-ranks, OLS from the normal
equations, control limits from the published constants tables, effects from contrasts, ...).
Each check records pass/fail.
"""

from __future__ import annotations

import math
from typing import Any

from havoc_srs.plan import Plan


def close(a: Any, b: Any, rel: float = 1e-6, abs_: float = 1e-9) -> bool:
    if a is None or b is None:
        return False
    return math.isclose(float(a), float(b), rel_tol=rel, abs_tol=abs_)


class Audit:
    def __init__(self) -> None:
        self.checks: list[dict[str, Any]] = []

    def value(
        self, name: str, got: Any, expected: Any, rel: float = 1e-6, abs_: float = 1e-9
    ) -> None:
        ok = close(got, expected, rel, abs_)
        self.checks.append(
            {"check": name, "expected": _num(expected), "got": _num(got), "passed": ok,
             "tolerance": rel}
        )  # fmt: skip

    def truth(self, name: str, ok: bool, detail: str = "") -> None:
        self.checks.append({"check": name, "passed": bool(ok), "detail": detail})

    @property
    def passed(self) -> bool:
        return all(c["passed"] for c in self.checks)


def _num(x: Any) -> Any:
    if x is None:
        return None
    try:
        return float(x)
    except (TypeError, ValueError):
        return x


def audit(plan: Plan, results: dict[str, Any], chosen: str = "primary") -> Audit:
    """Audit the primary result: the shared range checks, then the family's re-derivations."""
    from havoc_srs.families import TABLE

    au = Audit()
    r = results.get("primary")
    if r is None:
        return au
    if "p_value" in r and r["p_value"] is not None:
        au.truth("p in [0, 1]", 0 <= r["p_value"] <= 1, f"p = {r['p_value']}")
        if "significant" in r and "alpha" in r:
            au.truth(
                "conclusion agrees with alpha",
                r["significant"] == (r["p_value"] < r["alpha"]),
                f"p = {r['p_value']:.4g}, alpha = {r['alpha']}",
            )
    TABLE[plan.family].audit(au, plan, r)
    return au


def corrupt(results: dict[str, Any], key: str, factor: float = 1.1) -> dict[str, Any]:
    """A copy of ``results`` with the primary's ``key`` scaled (for testing the audit)."""
    import copy

    out = copy.deepcopy(results)
    out["primary"][key] = out["primary"][key] * factor
    return out


__all__ = ["Audit", "audit", "close", "corrupt"]
