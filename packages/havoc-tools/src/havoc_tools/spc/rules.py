"""The eight Western Electric / Nelson run rules.

Each rule reports the indices (0-based) of the points at which the rule is broken, i.e. the
last point of every window that satisfies the rule (the Minitab convention), so a long run
flags every point from the one that completes the pattern onwards.

1. one point beyond 3 sigma                       5. 2 of 3 points beyond 2 sigma, same side
2. 9 points in a row on the same side of centre   6. 4 of 5 points beyond 1 sigma, same side
3. 6 points in a row steadily rising or falling   7. 15 points in a row within 1 sigma
4. 14 points in a row alternating up and down     8. 8 points in a row beyond 1 sigma, either side
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

import numpy as np

from .._result import ToolResult
from .._validate import as_1d

RULE_TEXT = {
    1: "1 point more than 3 sigma from the centre line",
    2: "9 points in a row on the same side of the centre line",
    3: "6 points in a row, all increasing or all decreasing",
    4: "14 points in a row, alternating up and down",
    5: "2 out of 3 points more than 2 sigma from the centre line (same side)",
    6: "4 out of 5 points more than 1 sigma from the centre line (same side)",
    7: "15 points in a row within 1 sigma of the centre line (either side)",
    8: "8 points in a row more than 1 sigma from the centre line (either side)",
}


# the usual short names of the rules, accepted wherever rule numbers are
RULE_NAMES = {
    "beyond_limits": 1,
    "same_side": 2,
    "trend": 3,
    "alternating": 4,
    "two_of_three": 5,
    "four_of_five": 6,
    "stratification": 7,
    "mixture": 8,
}


def _windows(flags: np.ndarray, length: int, need: int) -> list[int]:
    """Indices i such that at least ``need`` of flags[i-length+1 .. i] are true and flags[i] is
    true (the window ends on a qualifying point; shorter windows at the start count)."""
    out = []
    c = np.concatenate([[0], np.cumsum(flags.astype(int))])
    for i in range(len(flags)):
        if flags[i] and c[i + 1] - c[max(0, i + 1 - length)] >= need:
            out.append(i)
    return out


def _run(flags: np.ndarray, length: int) -> list[int]:
    out, run = [], 0
    for i, f in enumerate(flags):
        run = run + 1 if f else 0
        if run >= length:
            out.append(i)
    return out


def rule_violations(z: np.ndarray, rules: Iterable[int] = range(1, 9)) -> dict[int, list[int]]:
    """Violations of the chosen rules for standardised values z = (x - centre) / sigma."""
    z = np.asarray(z, dtype=np.float64)
    out: dict[int, list[int]] = {}
    for r in rules:
        if r == 1:
            out[1] = np.flatnonzero(np.abs(z) > 3).tolist()
        elif r == 2:
            out[2] = sorted(set(_run(z > 0, 9)) | set(_run(z < 0, 9)))
        elif r == 3:
            dz = np.diff(z)
            up = np.concatenate([[False], dz > 0])
            down = np.concatenate([[False], dz < 0])
            out[3] = sorted(set(_run(up, 5)) | set(_run(down, 5)))
        elif r == 4:
            dz = np.diff(z)
            alt = np.concatenate([[False], np.concatenate([[False], dz[1:] * dz[:-1] < 0])])
            out[4] = _run(alt, 12)
        elif r == 5:
            out[5] = sorted(set(_windows(z > 2, 3, 2)) | set(_windows(z < -2, 3, 2)))
        elif r == 6:
            out[6] = sorted(set(_windows(z > 1, 5, 4)) | set(_windows(z < -1, 5, 4)))
        elif r == 7:
            out[7] = _run(np.abs(z) < 1, 15)
        elif r == 8:
            out[8] = _run(np.abs(z) > 1, 8)
        else:
            raise ValueError(f"rules must be numbers 1-8, got {r!r}")
    return out


def _rule_number(r: Any) -> int:
    if isinstance(r, str) and r.strip().lower() in RULE_NAMES:
        return RULE_NAMES[r.strip().lower()]
    if isinstance(r, bool) or isinstance(r, float) and not r.is_integer():
        raise ValueError(r)
    return int(r)


def check_rules(rules: Any) -> list[int]:
    """Rule numbers from ``"all"``, a number, a name (see ``RULE_NAMES``) or a list of them."""
    if rules is None:
        return []
    if isinstance(rules, str) and rules.strip().lower() == "all":
        return list(range(1, 9))
    if isinstance(rules, (str, int)):
        rules = [rules]
    try:
        rs = [_rule_number(r) for r in rules]
    except (TypeError, ValueError):
        raise ValueError(
            f"rules must be 'all' or a list of rule numbers 1-8 or names "
            f"{sorted(RULE_NAMES)}, got {rules!r}"
        ) from None
    bad = [r for r in rs if not 1 <= r <= 8]
    if bad:
        raise ValueError(f"rules must be numbers 1-8, got {bad}")
    return sorted(set(rs))


@dataclasses.dataclass
class RuleReport(ToolResult):
    method: str
    center: float
    sigma: float
    violations: dict[int, list[int]]
    descriptions: dict[int, str]

    @property
    def flagged(self) -> list[int]:
        return sorted({i for v in self.violations.values() for i in v})

    def summary(self) -> str:
        lines = [f"Nelson rules (centre {self.center:g}, sigma {self.sigma:g}):"]
        for r, idx in self.violations.items():
            lines.append(
                f"  rule {r} ({self.descriptions[r]}): " + (", ".join(map(str, idx)) or "none")
            )
        return "\n".join(lines)


def nelson_rules(
    values: Any, center: float | None = None, sigma: float | None = None, *, rules: Any = "all"
) -> RuleReport:
    """Check a series against the Nelson rules.

    ``center`` defaults to the mean, ``sigma`` to the moving-range estimate MR-bar / d2(2).

    >>> nelson_rules([0, 0, 0, 4, 0], center=0, sigma=1).violations[1]
    [3]
    """
    x = as_1d(values, "values")
    rs = check_rules(rules)
    if center is None:
        center = float(x.mean())
    if sigma is None:
        if x.size < 2:
            raise ValueError("nelson_rules: estimating sigma needs at least 2 values; pass sigma")
        sigma = float(np.abs(np.diff(x)).mean() / (2 / np.sqrt(np.pi)))
    if not np.isfinite(sigma) or sigma <= 0:
        raise ValueError(f"nelson_rules: sigma must be positive, got {sigma}")
    z = (x - float(center)) / float(sigma)
    return RuleReport(
        method="Nelson / Western Electric run rules on (x - centre) / sigma",
        center=float(center),
        sigma=float(sigma),
        violations=rule_violations(z, rs),
        descriptions={r: RULE_TEXT[r] for r in rs},
    )
