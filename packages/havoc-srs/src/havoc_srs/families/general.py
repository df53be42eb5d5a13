"""Explanatory questions ("what is Cpk?"): answered from the handbook with its sources, no
calculation. The plan records that; there is nothing to execute, argue or audit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from havoc_srs.data import Dataset
from havoc_srs.execute import Execution
from havoc_srs.phrasing import Phrasing
from havoc_srs.plan import Plan

if TYPE_CHECKING:
    from havoc_srs.argue import Argument
    from havoc_srs.audit import Audit

name_ = "general"
PROTOCOL = "arbiter"
ground_hint = ""
VERBS: tuple[str, ...] = ()


def plan(question: str, ph: Phrasing, ds: Dataset | None) -> Plan:
    plan = Plan("general", "explain")
    plan.notes.append("an explanatory question: answered from the handbook, no calculation")
    return plan


def argue(plan: Plan, ex: Execution, arg: Argument) -> None:
    arg.skipped = "an explanation has no computed result to argue about"


def prefer(plan: Plan, arg: Argument) -> list[tuple[str, str]]:
    return []


def audit(au: Audit, plan: Plan, r: dict[str, Any]) -> None:
    """Nothing is computed, so nothing is re-derived (the stage is skipped upstream)."""


def key_numbers(plan: Plan, r: dict[str, Any]) -> dict[str, Any]:
    return {}


def conclusion(plan: Plan, k: dict[str, Any]) -> str:
    return ""


def next_step(plan: Plan, k: dict[str, Any], caveats: list[str]) -> str:
    return ""
