"""PLAN's check that a test against a stated value has the value.

"Is the mean torque equal to the target? one-sample t-test please" names a reference (a
target, nominal, specification, label claim) but gives no number, and no column of the table
holds it: a planner that runs anyway tests something else (a paired test of two columns, a test
against zero). The check asks for the value instead (``needs_input``).

>>> reference_missing("Is the average fill on target? One-sample t-test.")
True
>>> reference_missing("Is the average fill equal to the target of 500 g?")
False
>>> reference_missing("Do line 1 and line 2 differ in mean fill?")
False
"""

from __future__ import annotations

import re
from typing import Any

from havoc_srs.reader.text import split_name

_REFERENCE = (
    r"(the |our |its |their |a |an )?(stated |nominal |agreed |required |customer'?s? )?"
    r"(target|nominal|spec|specification|set ?point|label(led)? (value|claim|weight|volume)|"
    r"claimed value|standard value|reference value|stated value|requirement)s?\b"
)
# one mean held against a reference: "mean ... equal to the target", "on target", "one-sample"
_AGAINST = re.compile(
    r"\b(mean|average|median|typical)\b.{0,80}?\b(equal to|equals?|on|at|hit(s|ting)?|meets?|"
    r"match(es)?|reach(es)?|different from|differs? from|off|above|below|exceeds?|against|"
    r"versus|vs\.?|than|to|with) "
    + _REFERENCE
    + r"|\bone[- ]sample\b.{0,80}?\b"
    + _REFERENCE
    + r"|\b"
    + _REFERENCE
    + r".{0,80}?\bone[- ]sample\b"
)
# a number that can be a reference value (not a group code such as "P1", not "one-sample")
_NUMBER = re.compile(r"(?<![A-Za-z0-9_.])-?\d+(\.\d+)?(?![A-Za-z0-9_])")
_REF_HEADER = frozenset("target nominal spec setpoint label".split())


def reference_missing(question: str, ds: Any = None) -> bool:
    """True when the question tests a mean against a named reference it gives no number for,
    and no column of ``ds`` is that reference."""
    q = " ".join(question.lower().split())
    if not _AGAINST.search(q) or _NUMBER.search(q):
        return False
    if ds is not None and any(_REF_HEADER & set(split_name(str(c))) for c in ds.frame.columns):
        return False
    return True


def check_reference(question: str, ds: Any, plan: Any) -> Any:
    """``plan`` unchanged, or a plan that asks for the reference value (a hypothesis test
    against a target with no number; see the module doc)."""
    if plan.family != "hypothesis_test" or plan.missing or not reference_missing(question, ds):
        return plan
    from havoc_srs.plan import Missing, Plan

    out = Plan(family=plan.family, analysis=plan.analysis)
    out.missing.append(
        Missing(
            "the reference value (the target, nominal or specification) to test against",
            "give the number, e.g. 'is the mean equal to the target of 12.5?'",
        )
    )
    return out


__all__ = ["check_reference", "reference_missing"]
