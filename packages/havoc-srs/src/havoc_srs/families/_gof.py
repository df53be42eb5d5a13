"""Chi-square goodness of fit for counts per category typed into a question (the contingency
family's test on one row of counts): observed against equal shares, a ratio ("9:3:3:1"),
percentages or expected counts.

ARGUE checks the expected counts (Cochran's rule); AUDIT recomputes the statistic from
sum((O - E)^2 / E) and the p-value from the chi-square distribution with k - 1 degrees of
freedom, neither through havoc-tools.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from havoc_tools.dsl import ast as A

from havoc_srs.dslbuild import let, opts, program, val
from havoc_srs.families import _common as C
from havoc_srs.families.base import FAILED, PASSED, AuditLog, Check, Method, Verdict, fmt, p_text
from havoc_srs.plan import Plan

ANALYSIS = "goodness_of_fit"
LABEL = "chi-square goodness-of-fit test"


def plan(p: Plan, gof: Any, alpha: float) -> Plan:
    observed = [int(v) for v in gof.observed]
    k = len(observed)
    probs = gof.probs or [1.0 / k] * k
    p.analysis = ANALYSIS
    options = {"alpha": alpha}
    if gof.probs is not None:
        options["probs"] = [round(x, 12) for x in probs]
    p.program = program(
        let("chi2_gof", A.Command(verb="chisq", x=val(observed), options=opts(**options)))
    )
    p.data = {}
    p.slots = {"alpha": alpha, "asked": [], "categories": list(gof.labels)}
    p.context = {
        "observed": np.asarray(observed, dtype=float),
        "probs": np.asarray(probs, dtype=float),
        "labels": list(gof.labels),
        "expected_from": gof.expected_from,
        "alpha": alpha,
    }
    p.notes.append(f"expected shares: {gof.expected_from}")
    return p


def argue(p: Plan, results: dict[str, Any]) -> Verdict:
    ctx = p.context
    obs, probs = ctx["observed"], ctx["probs"]
    exp = probs * obs.sum()
    small = float((exp < 5).mean())
    ok_exp = bool(exp.min() >= 1 and small <= 0.2)
    checks = [
        Check("categories", "two or more", PASSED if len(obs) >= 2 else FAILED,
              f"{len(obs)} categories, {int(obs.sum())} counted"),
        Check("expected counts", "Cochran's rule (all ≥ 1, at most 20% below 5)",
              PASSED if ok_exp else FAILED,
              f"smallest expected count {exp.min():.3g}; {small:.0%} of categories below 5",
              {"min_expected": float(exp.min()), "share_below_5": small}),
    ]  # fmt: skip
    r = results.get("chi2_gof")
    method = Method(
        "chi2_gof",
        True,
        "counts in categories against their expected shares",
        statistic=C.num(r, "statistic"),
        p_value=C.num(r, "p_value"),
        label=LABEL,
    )
    v = Verdict(checks=checks, methods=[method])
    v.rests_on, v.why = "chi2_gof", "one count per category, compared with " + ctx["expected_from"]
    if not ok_exp:
        v.caveats.append(
            "expected counts are small: the chi-square p-value is approximate; merge categories "
            "or use an exact multinomial test"
        )
    return v


def audit(p: Plan, results: dict[str, Any], v: Verdict) -> AuditLog:
    from scipy import special

    au = AuditLog()
    m = v.method("chi2_gof")
    obs, probs = p.context["observed"], p.context["probs"]
    if m is None or m.statistic is None:
        au.truth("a statistic to re-derive", False, "no test result was returned")
        return au
    exp = probs * obs.sum()
    x2 = float(((obs - exp) ** 2 / exp).sum())
    df = len(obs) - 1
    au.value("chi-square from observed and expected counts", m.statistic, x2, rel=1e-6)
    # the upper tail of chi-square(df) as the regularised upper incomplete gamma Q(df/2, x/2)
    au.value("p-value (incomplete gamma)", m.p_value, float(special.gammaincc(df / 2, x2 / 2)),
             rel=1e-5, abs_=1e-12)  # fmt: skip
    return au


def answer(p: Plan, results: dict[str, Any], v: Verdict) -> dict[str, Any]:
    ctx = p.context
    m = v.method("chi2_gof")
    obs, probs = ctx["observed"], ctx["probs"]
    exp = probs * obs.sum()
    k: dict[str, Any] = {
        "method": "chi2_gof", "alpha": ctx["alpha"], "n": int(obs.sum()),
        "observed": obs.astype(int).tolist(), "expected": [round(float(e), 6) for e in exp],
        "categories": ctx["labels"], "df": len(obs) - 1,
    }  # fmt: skip
    if m is None or m.p_value is None:
        return {"key_numbers": k, "conclusion": f"The {LABEL} could not be computed."}
    k.update(chi2=m.statistic, statistic=m.statistic, p_value=m.p_value,
             significant=m.p_value < ctx["alpha"])  # fmt: skip
    worst = int(np.argmax((obs - exp) ** 2 / exp))
    text = (
        f"Chi-square goodness of fit against {ctx['expected_from']}: "
        + (
            "the counts depart from the expected shares"
            if k["significant"]
            else "no evidence that the counts depart from the expected shares"
        )
        + f" (chi-square = {fmt(m.statistic)}, df = {k['df']}, {p_text(m.p_value)}, n = {k['n']}, "
        f"alpha = {fmt(ctx['alpha'])}). Largest contribution: {ctx['labels'][worst]} "
        f"({int(obs[worst])} observed, {fmt(float(exp[worst]))} expected)."
    )
    return {"key_numbers": k, "conclusion": text}
