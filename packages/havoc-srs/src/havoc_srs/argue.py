"""ARGUE and ARBITER for the engineering families: the generic walk over their modules.

ARGUE hands the executed plan to its family module (``family.argue``), which runs assumption
checks (normality, equal variances, outliers, sample size, stability, confounding) as DSL and,
where a check points to another method, runs that method too. Each check has three outcomes:
passed, failed or not_checked (with the reason). ARBITER keeps the primary result unless a failed
check undermines it (``family.prefer`` names the alternatives) and the user did not name the
method; every choice comes with its reasons.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from havoc_srs.execute import Execution
from havoc_srs.families._checks import NORMALITY_ALPHA, VARIANCE_ALPHA, failed_checks
from havoc_srs.plan import Plan


@dataclass
class Argument:
    checks: list[dict[str, Any]] = field(default_factory=list)
    alternatives: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> info
    tool_calls: list[dict[str, Any]] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)
    skipped: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "checks": self.checks,
            "alternatives": {
                k: {kk: vv for kk, vv in v.items() if kk != "result"} | {"summary": _brief(v)}
                for k, v in self.alternatives.items()
            },
            "caveats": self.caveats,
        }


def _brief(alt: dict[str, Any]) -> dict[str, Any]:
    r = alt.get("result") or {}
    keys = ("method", "statistic_name", "statistic", "p_value", "df", "significant")
    return {k: r[k] for k in keys if k in r}


def argue(plan: Plan, ex: Execution) -> Argument:
    from havoc_srs.families import TABLE

    arg = Argument()
    if not ex.ok or "primary" not in ex.results:
        arg.skipped = "no executed result to argue about"
        return arg
    TABLE[plan.family].argue(plan, ex, arg)
    return arg


# ---------------------------------------------------------------------------------------------
# ARBITER


@dataclass
class Decision:
    chosen: str  # "primary" or an alternative's name
    reasons: list[str]
    result: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"chosen": self.chosen, "reasons": self.reasons}


def arbitrate(plan: Plan, ex: Execution, arg: Argument) -> Decision:
    primary = ex.results.get("primary", {})
    reasons: list[str] = []
    alts = arg.alternatives
    from havoc_srs.families import TABLE

    for alt, why in TABLE[plan.family].prefer(plan, arg):
        if alt not in alts:
            continue
        if plan.explicit:
            reasons.append(f"{why}, but you asked for this method: kept, {alt} reported alongside")
            continue
        reasons.append(why + f": switched to {alt}")
        return Decision(alt, reasons, alts[alt]["result"])
    failed = failed_checks(arg.checks)
    if failed:
        reasons.append(
            "kept the primary result; failed checks are reported as caveats: " + ", ".join(failed)
        )
    else:
        unchecked = [c["name"] for c in arg.checks if c.get("outcome") == "not_checked"]
        reasons.append(
            ("every executed check passed" if arg.checks else "no alternative needed")
            + (f" (not checked: {', '.join(unchecked)})" if unchecked else "")
        )
    agree = _agreement(primary, alts)
    if agree:
        reasons.append(agree)
    return Decision("primary", reasons, primary)


def _agreement(primary: dict[str, Any], alts: dict[str, dict[str, Any]]) -> str:
    if "significant" not in primary:
        return ""
    same, differ = [], []
    for k, v in alts.items():
        r = v.get("result") or {}
        if "significant" in r and "p_value" in r:
            (same if r["significant"] == primary["significant"] else differ).append(k)
    if differ:
        return f"alternatives disagree on significance: {', '.join(differ)}"
    if same:
        return f"alternatives reach the same conclusion: {', '.join(same)}"
    return ""


__all__ = ["NORMALITY_ALPHA", "VARIANCE_ALPHA", "Argument", "Decision", "arbitrate", "argue"]
