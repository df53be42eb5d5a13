"""PLAN: fill the slots of the request from the question and the data, and write a DSL program.

Each family module (:mod:`havoc_srs.families`) holds its own planner; this module holds what they
share (the :class:`Plan`, :class:`Missing`, column mentions, the significance level) and
:func:`plan_request`, which hands the question to the family's planner. Every planner returns a
:class:`Plan`. When something essential is missing (no data for a test,
no hypothesised mean, no spec limits for a capability study, ...) the plan has no program and
``missing`` says exactly what is needed and how to give it; nothing is invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from havoc_tools.dsl import ast as A
from havoc_tools.dsl import format_program

from havoc_srs.data import Dataset
from havoc_srs.phrasing import Phrasing, normalise

# What a family planner may raise on a reading it cannot use: PLAN turns it into a request for a
# clearer question (needs_input) instead of a crash.
PLAN_ERRORS = (ValueError, KeyError, TypeError, AttributeError, IndexError)


@dataclass
class Missing:
    what: str
    how: str

    def to_dict(self) -> dict[str, str]:
        return {"what": self.what, "how": self.how}


@dataclass
class Plan:
    """The filled slots, the DSL program (or what is missing) and the named data it runs on."""

    family: str
    analysis: str
    slots: dict[str, Any] = field(default_factory=dict)
    program: A.Program | None = None
    data: dict[str, Any] = field(default_factory=dict)
    missing: list[Missing] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    explicit: bool = False  # the user named the method
    primary: str = "primary"  # the let-name of the main result
    context: dict[str, Any] = field(default_factory=dict)
    decided_by: str = "rules"

    @property
    def dsl(self) -> str:
        return format_program(self.program) if self.program is not None else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "family": self.family,
            "analysis": self.analysis,
            "slots": _jsonable(self.slots),
            "dsl": self.dsl,
            "data": sorted(self.data),
            "missing": [m.to_dict() for m in self.missing],
            "notes": list(self.notes),
            "explicit_method": self.explicit,
        }


def _jsonable(x: Any) -> Any:
    if isinstance(x, dict):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_jsonable(v) for v in x]
    if isinstance(x, np.generic):
        return x.item()
    return x


ID_LIKE = re.compile(
    r"^(id|run|runs|run_order|std_order|order|obs|observation|index|no|number|time|date|day|"
    r"hour|timestamp|sample_id|part_id)$"
)


def mentioned(question: str, columns: list[str]) -> list[str]:
    """Columns named in the question, in order of first mention (spaces/underscores flexible)."""
    q = normalise(question)
    found = []
    for c in columns:
        parts = [re.escape(p) for p in re.split(r"[\s_\-]+", str(c).lower()) if p]
        if not parts:
            continue
        pat = r"(?<![a-z0-9])" + r"[\s_\-]*".join(parts) + r"(?![a-z0-9])"
        m = re.search(pat, q)
        if m:
            found.append((m.start(), c))
    exact = [c for _, c in sorted(found)]
    # headers as people write them ("cure temperature" for cure_temp_C), after the exact ones
    from havoc_srs.reader.columns import _resolve, match_headers

    loose = [m.column for m in _resolve(match_headers(question, list(columns)))]
    found = exact + [c for c in loose if c not in exact]
    # a header spelt by the initials of the question's words ("coefficient of performance" or
    # "performance coefficient" for COP): after the headers named by their words
    from types import SimpleNamespace

    import pandas as pd

    from havoc_srs.reader.acronym import acronym_mentions

    stub = SimpleNamespace(frame=pd.DataFrame(columns=list(columns)))
    spelt = [m.column for m in acronym_mentions(question, stub) if m.column not in found]
    return found + [c for c in dict.fromkeys(spelt) if c in columns]


def read_alpha(ph: Phrasing, notes: list[str]) -> float:
    """The significance level the question gives (``alpha = 0.05`` noted when it gives none)."""
    a = ph.slots.get("alpha")
    if a is None and "confidence" in ph.slots:
        a = 1.0 - ph.slots["confidence"]
    if a is None:
        notes.append("alpha = 0.05 (not given; say e.g. 'at the 1% level' to change it)")
        return 0.05
    if a >= 1 and a < 50:
        a = a / 100.0
    return float(round(a, 10))


def plan_request(family: str, question: str, ph: Phrasing, ds: Dataset | None) -> Plan:
    """The plan of ``family``'s module for the question (its slots, program, or what is missing)."""
    from havoc_srs.families import TABLE

    if family not in TABLE:
        raise ValueError(f"unknown family {family!r}; expected one of {', '.join(TABLE)}")
    return TABLE[family].plan(question, ph, ds)


def need_data(plan: Plan, example: str) -> Plan:
    """Record that the plan needs a data file (with what it should hold) and return it."""
    plan.missing.append(
        Missing(
            "a data file",
            f"attach a CSV (havoc ask ... --data FILE.csv, or data_csv in the API) with {example}",
        )
    )
    return plan


__all__ = ["ID_LIKE", "Missing", "Plan", "mentioned", "need_data", "plan_request", "read_alpha"]
