"""Capability from a process mean and standard deviation typed into the question.

The certification-exam and supplier-email form of the question: "A process has mean 50.2 and
standard deviation 0.4 (n = 30); the specification is 49.0 to 51.0. Compute Cp and Cpk." There
are no values, so PLAN runs havoc-tools' ``capsummary`` (one SD: Cp = Pp, Cpk = Ppk), ARGUE
records stability and normality as not checked (they need the values) and checks the sample
size when one is given, and AUDIT re-derives Cp and Cpk from the textbook formulas.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from havoc_tools.dsl import ast as A

from havoc_srs.dslbuild import comment, let, opts, program
from havoc_srs.families._checks import check
from havoc_srs.reader.summaries import Summary

if TYPE_CHECKING:
    from havoc_srs.argue import Argument
    from havoc_srs.audit import Audit
    from havoc_srs.execute import Execution
    from havoc_srs.plan import Plan

MIN_N = 30  # fewer values leave Cpk's confidence interval too wide to judge capability


def plan(
    plan_: Plan, found: Summary, lsl: float | None, usl: float | None, target: float | None
) -> Plan:
    o: dict[str, Any] = {"mean": found.mean, "sd": found.sd, "lsl": lsl, "usl": usl}
    if lsl is not None and usl is not None and target is not None:
        o["target"] = target
    if found.n:
        o["n"] = found.n
    plan_.analysis = "capability"
    plan_.slots.update(lsl=lsl, usl=usl, target=target, column=None, subgroup_size=1)
    plan_.context["summary"] = {"mean": found.mean, "sd": found.sd, "n": found.n}
    plan_.program = program(
        comment(
            f"summary statistics typed in the question: mean = {found.mean:g}, "
            f"sd = {found.sd:g}" + (f", n = {found.n}" if found.n else "")
        ),
        let("primary", A.Command(verb="capsummary", options=opts(**o))),
    )
    return plan_


def argue(plan_: Plan, ex: Execution, arg: Argument) -> None:
    n = plan_.context["summary"]["n"]
    why = "not checked: only the mean and SD were given; the values are needed"
    arg.checks.append(check("process stability", "control chart, Nelson rules 1-4", None, why))
    arg.checks.append(check("normality", "Shapiro-Wilk", None, why))
    if n:
        ok = n >= MIN_N
        arg.checks.append(
            check(
                "sample size", f"n >= {MIN_N}", ok,
                f"n = {n}" + ("" if ok else ": Cpk's confidence interval is wide; collect more"),
            )
        )  # fmt: skip
    else:
        arg.checks.append(
            check("sample size", f"n >= {MIN_N}", None, "not checked: no sample size given")
        )
    arg.caveats.append(
        "from a mean and SD alone: stability and normality could not be checked, and one SD "
        "cannot separate within from overall variation (Cp = Pp, Cpk = Ppk)"
    )


def audit(au: Audit, plan_: Plan, r: dict[str, Any]) -> None:
    s = plan_.context["summary"]
    lsl, usl = plan_.slots.get("lsl"), plan_.slots.get("usl")
    mean, sd = s["mean"], s["sd"]
    if lsl is not None and usl is not None:
        au.value("Cp = (USL - LSL) / 6 s", r["cp"], (usl - lsl) / (6 * sd))
    sides = [(usl - mean) / (3 * sd) if usl is not None else math.inf,
             (mean - lsl) / (3 * sd) if lsl is not None else math.inf]  # fmt: skip
    au.value("Cpk = min(USL - mean, mean - LSL) / 3 s", r["cpk"], min(sides))
