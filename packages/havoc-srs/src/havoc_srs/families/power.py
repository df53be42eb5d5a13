"""Power and sample size: t-tests (one-sample, paired, two-sample), one-way ANOVA (Cohen's f)
and two proportions; solves for n or for power.

There are no data assumptions to check; AUDIT recomputes the power from the noncentral t
distribution and checks that the rounded n reaches the target and one fewer does not.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from havoc_tools.dsl import ast as A

from havoc_srs.answer import number_text as fmt
from havoc_srs.data import Dataset
from havoc_srs.dslbuild import let, opts, program
from havoc_srs.execute import Execution
from havoc_srs.phrasing import Phrasing, normalise
from havoc_srs.plan import Missing, Plan, read_alpha

if TYPE_CHECKING:
    from havoc_srs.argue import Argument
    from havoc_srs.audit import Audit

name_ = "power"
PROTOCOL = "arbiter"
ground_hint = "power and sample size"
VERBS = ("power",)

# ---------------------------------------------------------------------------------------------
# PLAN


def plan(question: str, ph: Phrasing, ds: Dataset | None) -> Plan:
    q = normalise(question)
    plan = Plan("power", "power")
    s = ph.slots
    alpha = read_alpha(ph, plan.notes)
    alt = "two-sided"
    if re.search(r"\bone[- ]sided\b|\bone[- ]tailed\b", q):
        alt = "greater"
        plan.notes.append("one-sided test (alternative 'greater')")
    n = s.get("n")
    power = s.get("power")
    if power is None and n is None:
        power = 0.8
        plan.notes.append("power = 0.80 (not given; the usual convention; say e.g. '90% power')")
    o: dict[str, Any]
    if "p1" in s and "p2" in s:
        test = "proportions"
        o = {
            "p1": s["p1"],
            "p2": s["p2"],
            "n": n,
            "power": power,
            "alternative": alt,
            "alpha": alpha,
        }
    elif s.get("effect_f") is not None or (s.get("k", 0) or 0) >= 3:
        test = "anova"
        if s.get("effect_f") is None or not s.get("k"):
            plan.missing.append(
                Missing(
                    "the number of groups and Cohen's f",
                    "say e.g. '3 groups, effect size f = 0.25'",
                )
            )
            return plan
        o = {"k": s["k"], "effect": s["effect_f"], "n": n, "power": power, "alpha": alpha}
    else:
        test = "ttest"
        effect = s.get("effect")
        if effect is None and s.get("difference") is not None and s.get("sd"):
            effect = s["difference"] / s["sd"]
            plan.notes.append(
                f"effect size d = difference / sd = {s['difference']:g} / {s['sd']:g} = {effect:.4g}"
            )
        if effect is None:
            what = (
                "the standard deviation"
                if s.get("difference") is not None
                else "the effect to detect"
            )
            plan.missing.append(
                Missing(
                    what,
                    "give Cohen's d ('effect size 0.5') or a difference and a standard deviation "
                    "('detect a difference of 2 with a standard deviation of 4')",
                )
            )
            return plan
        kind = "two-sample"
        if "paired" in ph.cues:
            kind = "paired"
        elif re.search(
            r"\bone[- ]sample\b|\bsingle sample\b|\b(against|versus|vs\.?|to) (a|the) (target|standard|nominal|reference)\b",
            q,
        ):
            kind = "one-sample"
        else:
            plan.notes.append("two independent groups (say 'paired' or 'one-sample' otherwise)")
        o = {
            "effect": effect,
            "n": n,
            "power": power,
            "kind": kind,
            "alternative": alt,
            "alpha": alpha,
        }
    plan.analysis = f"power_{test}"
    plan.slots.update(test=test, **{k: v for k, v in o.items() if v is not None})
    plan.slots["solve_for"] = "power" if n is not None else "n"
    plan.program = program(let("primary", A.PowerStmt(test=test, options=opts(**o))))
    return plan


# ---------------------------------------------------------------------------------------------
# ARGUE and ARBITER


def argue(plan: Plan, ex: Execution, arg: Argument) -> None:
    arg.skipped = "a power calculation has no data assumptions to check"


def prefer(plan: Plan, arg: Argument) -> list[tuple[str, str]]:
    return []


# ---------------------------------------------------------------------------------------------
# AUDIT


def audit(au: Audit, plan: Plan, r: dict[str, Any]) -> None:
    from scipy import stats as st

    s = plan.slots
    alpha, alt = s["alpha"], s.get("alternative", "two-sided")
    if s["test"] not in ("ttest", "anova") or alt not in ("two-sided", "greater"):
        au.truth("power in [0, 1]", 0 <= r["power"] <= 1)
        return

    def power_at(n: float) -> float:
        if s["test"] == "anova":  # noncentral F with lambda = f^2 N
            k = s["k"]
            big_n = k * n
            fc = st.f.ppf(1 - alpha, k - 1, big_n - k)
            return float(st.ncf.sf(fc, k - 1, big_n - k, s["effect"] ** 2 * big_n))
        kind, d = s.get("kind", "two-sample"), s["effect"]
        if kind == "two-sample":
            df, nc = 2 * n - 2, d * math.sqrt(n / 2)
        else:
            df, nc = n - 1, d * math.sqrt(n)
        if alt == "greater":
            return float(st.nct.sf(st.t.ppf(1 - alpha, df), df, nc))
        tc = st.t.ppf(1 - alpha / 2, df)
        return float(st.nct.sf(tc, df, nc) + st.nct.cdf(-tc, df, nc))

    if s["solve_for"] == "n":
        n = r["n_rounded"]
        au.truth(
            "power at the rounded n reaches the target (noncentral t or F)",
            power_at(n) >= s["power"] - 1e-9,
            f"{power_at(n):.4f}",
        )
        au.truth(
            "one fewer is not enough",
            n <= 2 or power_at(n - 1) < s["power"],
            f"{power_at(n - 1):.4f}",
        )
    else:
        au.value("power from the noncentral t or F", r["power"], power_at(s["n"]), rel=1e-5)


# ---------------------------------------------------------------------------------------------
# ANSWER


def key_numbers(plan: Plan, r: dict[str, Any]) -> dict[str, Any]:
    k: dict[str, Any] = {}
    k.update(
        n=r["n_rounded"] if r["solved_for"] == "n" else r["n"], n_exact=r["n"],
        power=r["power"], effect_size=r["effect_size"], alpha=r["alpha"],
        solved_for=r["solved_for"], n_meaning=(r.get("extra") or {}).get("n_meaning"),
    )  # fmt: skip
    return k


def conclusion(plan: Plan, k: dict[str, Any]) -> str:
    if k["solved_for"] == "n":
        return (
            f"You need n = {k['n']} ({k.get('n_meaning') or 'per group'}) for power "
            f"{fmt(k['power'])} at alpha = {fmt(k['alpha'])}."
        )
    return f"With n = {fmt(k['n'])} the power is {fmt(k['power'])} at alpha = {fmt(k['alpha'])}."


def next_step(plan: Plan, k: dict[str, Any], caveats: list[str]) -> str:
    return "Collect the planned sample; randomise the run order."
