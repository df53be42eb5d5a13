"""What a family module provides, and the small types its stages share.

A family is one module holding its reading slots, plan, checks, audits and key numbers. The
pipeline walks the registry (:mod:`havoc_srs.families`): PLAN calls ``family.plan``, ARGUE
``family.argue``, AUDIT ``family.audit`` and ANSWER ``family.answer``.

Checks have three outcomes: ``passed``, ``failed`` and ``not_checked`` (an assumption that was
not tested says so; it is never recorded as passed). Every method of a family is reported with
``applicable`` and the reason, from executed checks on the data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Protocol

from havoc_srs.audit import Audit

PASSED, FAILED, NOT_CHECKED = "passed", "failed", "not_checked"


@dataclass
class Check:
    """One assumption check: its outcome and the evidence behind it."""

    name: str
    test: str
    outcome: str  # passed | failed | not_checked
    evidence: str
    numbers: dict[str, Any] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.outcome == PASSED

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "test": self.test,
            "outcome": self.outcome,
            "passed": self.outcome == PASSED,
            "note": self.evidence,
            **{k: _clean(v) for k, v in self.numbers.items()},
        }


@dataclass
class Method:
    """One candidate method of a family with its verdict on this data."""

    name: str
    applicable: bool
    reason: str
    statistic: float | None = None
    p_value: float | None = None
    value: Any = None
    label: str = ""  # the method's display name, e.g. "Spearman rank correlation"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "applicable": bool(self.applicable),
            "reason": self.reason,
            "statistic": _clean(self.statistic),
            "p_value": _clean(self.p_value),
            "value": _clean(self.value),
        }


class AuditLog(Audit):
    """Independent re-derivations (the engineering families' ``Audit``); an audit that checked
    nothing has not held."""

    @property
    def passed(self) -> bool:
        return bool(self.checks) and all(c["passed"] for c in self.checks)


@dataclass
class Verdict:
    """ARGUE's output for a family module: checks, every method's verdict, caveats."""

    checks: list[Check] = field(default_factory=list)
    methods: list[Method] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)
    rests_on: str | None = None  # the method the conclusion rests on
    why: str = ""

    def method(self, name: str) -> Method | None:
        return next((m for m in self.methods if m.name == name), None)


class Family(Protocol):
    """The interface every family module implements (see the module docstring)."""

    name_: str
    ground_hint: str

    def plan(self, reading: Any, ds: Any) -> Any: ...

    def argue(self, plan: Any, results: dict[str, Any]) -> Verdict: ...

    def audit(self, plan: Any, results: dict[str, Any], verdict: Verdict) -> AuditLog: ...

    def answer(self, plan: Any, results: dict[str, Any], verdict: Verdict) -> dict[str, Any]: ...


class EngineeringFamily(Protocol):
    """The interface of an engineering family module (``PROTOCOL = "arbiter"``): its checks
    point to alternative methods that ARGUE runs and ARBITER may switch to.

    ``argue`` appends check dicts (``_checks.check``: passed, failed or not_checked with the
    evidence), alternatives and caveats to the :class:`~havoc_srs.argue.Argument`; ``prefer``
    lists the alternatives ARBITER switches to, in order, with the failed check behind each;
    ``audit`` re-derives the primary result's numbers by a path independent of the library.
    """

    name_: str
    ground_hint: str
    VERBS: tuple[str, ...]  # the DSL statements its programs run as the primary result

    def plan(self, question: str, ph: Any, ds: Any) -> Any: ...

    def argue(self, plan: Any, ex: Any, arg: Any) -> None: ...

    def prefer(self, plan: Any, arg: Any) -> list[tuple[str, str]]: ...

    def audit(self, au: Audit, plan: Any, r: dict[str, Any]) -> None: ...

    def key_numbers(self, plan: Any, r: dict[str, Any]) -> dict[str, Any]: ...

    def conclusion(self, plan: Any, k: dict[str, Any]) -> str: ...

    def next_step(self, plan: Any, k: dict[str, Any], caveats: list[str]) -> str: ...


def _clean(x: Any) -> Any:
    if hasattr(x, "item") and not isinstance(x, list | dict):
        try:
            x = x.item()
        except (TypeError, ValueError):
            return x
    if isinstance(x, float) and not math.isfinite(x):
        return None
    if isinstance(x, dict):
        return {str(k): _clean(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_clean(v) for v in x]
    return x


def fmt(x: Any, digits: int = 4) -> str:
    """A number for a sentence (full precision stays in key_numbers)."""
    if x is None:
        return "n/a"
    if isinstance(x, bool | int | str):
        return str(x)
    x = float(x)
    if not math.isfinite(x):
        return str(x)
    if x != 0 and (abs(x) < 1e-3 or abs(x) >= 1e6):
        return f"{x:.{digits}g}"
    return f"{x:.{digits}g}" if abs(x) >= 1 else f"{x:.{digits}f}".rstrip("0").rstrip(".")


def p_text(p: float | None) -> str:
    if p is None:
        return "p = n/a"
    return "p < 0.0001" if p < 1e-4 else f"p = {fmt(p)}"
