"""t-tests from summary statistics typed into the question ("n = 12, mean 10.2, sd 0.3").

The hypothesis-test family's path when the question gives each sample's size, mean and standard
deviation instead of the values (:mod:`havoc_srs.reader.summaries`): PLAN builds a ``tsummary``
statement (one sample against a stated mean, or two samples, Welch unless the question asks for
the pooled test), ARGUE records what can and cannot be checked without the values (normality
cannot; equal variances can, by the F-test on the two SDs; the sample sizes), and AUDIT
re-derives t, df and p from the textbook formulas, not through havoc-tools.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from havoc_tools.dsl import ast as A

from havoc_srs.dslbuild import comment, let, opts, program
from havoc_srs.families import _hypothesis_words as W
from havoc_srs.families._checks import VARIANCE_ALPHA, check, run
from havoc_srs.plan import Missing
from havoc_srs.reader.summaries import Summary, without_summaries

if TYPE_CHECKING:
    from havoc_srs.argue import Argument
    from havoc_srs.audit import Audit
    from havoc_srs.execute import Execution
    from havoc_srs.phrasing import Phrasing
    from havoc_srs.plan import Plan

# asked of summaries but not a test of means: capability from a mean and SD, power, sample size
_NOT_A_TEST = re.compile(
    r"\bc[pr]k?\b|\bp[pr]k?\b|\bcapab|\bpower\b|\bhow many\b|\bconfidence interval\b|\bc\.?i\.?\b|"
    r"\bmargin of error\b|\bconfidence limits\b|"
    r"\bcontrol (?:chart|limits?)\b|\bstandard error\b|"
    r"\bsample size\b(?!\s*(?:=|:|of|is|was)?\s*\d)",  # "sample size = 36" is given, not asked
    re.IGNORECASE,
)
_TEST_ASKED = re.compile(
    r"\bt[- ]?test\b|\btest\b|\bsignifican|\bdiffer|\bdifference\b|\bsame\b|\bequal\b|\bchanged?\b|"
    r"\bhigher\b|\blower\b|\bgreater\b|\bless\b|\babove\b|\bbelow\b|\bexceed|\bmeets?\b|"
    r"\bh0\b|\bh1\b|\bnull\b|\bp[- ]?value\b|\bcompare|\bbetter\b|\bworse\b|\bimprove|"
    r"\bdrop\w*|\bris\w*|\brose\b|\bfell\b|\bfall\w*|\b(?:go|goes|went|gone|going) (?:up|down)\b|\bweaker\b|\bstronger\b|"
    # a claim held against the data: "does this contradict the claimed 100", "consistent with"
    r"\bunder\b|\bshort of\b|\bmore than\b|\bat (?:least|most)\b|\bno (?:more|less) than\b|"
    r"\bcontradict\w*|\brefut\w*|\bdisprov\w*|\b(?:in)?consistent with\b|\bcompatible with\b|"
    r"\b(?:dis)?agrees? with\b|\bin line with\b|\bevidence (?:against|for|that)\b|\bdeviat\w*|\bdepart\w*|"
    r"\bcast\w* doubt\b|\b(?:back|hold)s? up\b|\bjustif\w*|\bsupports? (?:the|a|their|our|this|that)\b|"
    # the mean said to have moved away from where it was or should be: "has the mean moved",
    # "the filler drifted up", "shifted", "crept", "strayed", "still on target"
    r"\bmoved\b|\bmoving (?:away|off|up|down)\b|\bshifted\b|\bdrift(?:ed|ing|s)?\b|\bcrept\b|"
    r"\bcreep(?:ing|s)?\b|\bstray(?:ed|ing)?\b|\bwander(?:ed|ing)?\b|\bslipped\b|\b(?:on|off)[- ]target\b",
    re.IGNORECASE,
)


def asks_test(question: str, found: list[Summary]) -> bool:
    """The summaries are there to be tested (not a capability, a power or an interval asked)."""
    return bool(found) and not _NOT_A_TEST.search(question) and bool(_TEST_ASKED.search(question))


def plan(
    plan_: Plan, ph: Phrasing, found: list[Summary], q: str, alpha: float, named: str | None
) -> Plan:
    """The ``tsummary`` program for one or two summarised samples."""
    if named in ("mannwhitney", "wilcoxon", "kruskal", "rank"):
        plan_.missing.append(
            Missing(
                "the values themselves",
                f"a {named} test ranks the values, which summary statistics do not give; "
                "paste the values or ask for the t-test",
            )
        )
        return plan_
    if re.search(r"\bpaired\b|\bbefore\b.*\bafter\b", q):
        plan_.missing.append(
            Missing(
                "the differences of the pairs (or their mean and SD)",
                "a paired test needs the pairs' differences: give 'differences: n = .., mean "
                "= .., sd = ..' or paste the pairs",
            )
        )
        return plan_
    plan_.context["summary"] = [s.__dict__ for s in found]
    plan_.slots["groups"] = [s.label for s in found]
    plan_.slots["n"] = {s.label: s.n for s in found}
    plan_.explicit = True
    stmts: list[Any] = [
        comment("summary statistics typed in the question: " + "; ".join(
            f"{s.label}: n = {s.n}, mean = {s.mean:g}, sd = {s.sd:g}" for s in found
        ))
    ]  # fmt: skip
    if len(found) == 1:
        s = found[0]
        rest = without_summaries(q)
        worded = W.mu_in_words(rest)  # read with the typed statistics blanked out
        mu = None
        if worded:  # "above 95 %" of a mean of 95.2 % is 95, of a mean of 0.952 it is 0.95
            mu = worded[0] / 100 if worded[1] and abs(s.mean) <= 1.5 else worded[0]
        if mu is None:  # the grammar read the whole question: never one of the typed statistics
            mu = ph.slots.get("mu", ph.slots.get("target"))
            if mu in (s.mean, s.sd, float(s.n)):
                mu = None
        if mu is None:
            plan_.missing.append(
                Missing(
                    "the hypothesised mean (the value to test against)",
                    "say it in the question, e.g. 'is the mean different from 500?'",
                )
            )
            return plan_
        alt = W.direction(rest) or ph.slots.get("mu_direction") or "two-sided"
        plan_.analysis = "ttest_1samp"
        plan_.slots.update(mu=mu, alternative=alt)
        cmd = A.Command(
            verb="tsummary",
            options=opts(n=s.n, mean=s.mean, sd=s.sd, mu=mu, alternative=alt, alpha=alpha),
        )
    else:
        a, b = found
        alt = "two-sided"
        order = W.ordered_comparison(q, [a.label, b.label])
        if order:
            if order[0] == b.label:
                a, b = b, a
            alt = order[2]
        else:  # "before: ..., after: ...; did it drop?": before against after, one-sided
            from havoc_srs.families.hypothesis_test import _before_after_direction

            change = _before_after_direction(q, a.label, b.label) or _before_after_direction(
                q, b.label, a.label
            )
            if change:
                if _before_after_direction(q, b.label, a.label):
                    a, b = b, a
                alt = "greater" if change == "less" else "less"
        said = W.equal_variances(q)
        equal_var = said if said is not None else ("pooled" in ph.cues and "welch" not in ph.cues)
        plan_.analysis = "ttest_pooled" if equal_var else "ttest_welch"
        plan_.slots.update(alternative=alt, equal_var=equal_var, groups=[a.label, b.label])
        plan_.context["summary"] = [a.__dict__, b.__dict__]
        if not equal_var and said is None:
            plan_.notes.append(
                "Welch's t-test (no equal-variance assumption); say 'pooled' for Student's"
            )
        cmd = A.Command(
            verb="tsummary",
            options=opts(
                n=[a.n, b.n], mean=[a.mean, b.mean], sd=[a.sd, b.sd],
                equal_var=True if equal_var else None, alternative=alt, alpha=alpha,
            ),
        )  # fmt: skip
    stmts.append(let("primary", cmd))
    plan_.program = program(*stmts)
    return plan_


def argue(plan_: Plan, ex: Execution, arg: Argument) -> None:
    """What summaries let us check: not normality; equal variances (F-test); sample size."""
    found = plan_.context["summary"]
    for s in found:
        arg.checks.append(
            check(
                f"normality of {s['label']}", "Shapiro-Wilk", None,
                "not checked: only the mean and SD were given; the values are needed to check "
                "normality (the t-test is robust to it when n is 30 or more)",
            )
        )  # fmt: skip
    small = [s for s in found if s["n"] < 30]
    arg.checks.append(
        check(
            "sample size", "n >= 30 (central limit theorem)", not small,
            "every sample has 30 or more" if not small else
            "n < 30 in " + ", ".join(f"{s['label']} ({s['n']})" for s in small)
            + ": the t-test then leans on normality, which could not be checked",
        )
    )  # fmt: skip
    if len(found) == 2:
        a, b = found
        r = (ex.results.get("primary") or {}) if ex is not None else {}
        f = next(
            (x for x in r.get("assumptions") or [] if x.get("name") == "equal variances"), None
        )
        if f and f.get("p_value") is not None:
            eq = f["p_value"] >= VARIANCE_ALPHA
            arg.checks.append(
                check(
                    "equal variances", "F-test on the two SDs", eq,
                    "variances consistent" if eq else "variances differ",
                    statistic=f["statistic"], p_value=f["p_value"],
                )
            )  # fmt: skip
            plan_.context["equal_var_ok"] = eq
        alt = plan_.slots.get("alternative", "two-sided")
        other = "welch" if plan_.analysis == "ttest_pooled" else "pooled"
        cmd = A.Command(
            verb="tsummary",
            options=opts(
                n=[a["n"], b["n"]], mean=[a["mean"], b["mean"]], sd=[a["sd"], b["sd"]],
                equal_var=True if other == "pooled" else None, alternative=alt,
                alpha=plan_.slots.get("alpha", 0.05),
            ),
        )  # fmt: skip
        res = run(arg, plan_, [let(other, cmd)]).results
        if other in res:
            arg.alternatives[other] = {
                "why": "does not assume equal variances"
                if other == "welch"
                else "Student's t, assumes equal variances",
                "result": res[other],
            }


def audit(au: Audit, plan_: Plan, r: dict[str, Any]) -> None:
    """t, df and p from the textbook formulas on the typed summaries (not havoc-tools)."""
    from scipy import stats as st

    found = plan_.context["summary"]
    alt = r["alternative"]
    if len(found) == 1:
        s = found[0]
        se = s["sd"] / math.sqrt(s["n"])
        t, df = (s["mean"] - plan_.slots["mu"]) / se, s["n"] - 1
    else:
        a, b = found
        v1, v2, n1, n2 = a["sd"] ** 2, b["sd"] ** 2, a["n"], b["n"]
        if plan_.analysis == "ttest_pooled":
            sp2 = ((n1 - 1) * v1 + (n2 - 1) * v2) / (n1 + n2 - 2)
            se, df = math.sqrt(sp2 * (1 / n1 + 1 / n2)), n1 + n2 - 2
        else:
            se = math.sqrt(v1 / n1 + v2 / n2)
            df = (v1 / n1 + v2 / n2) ** 2 / ((v1 / n1) ** 2 / (n1 - 1) + (v2 / n2) ** 2 / (n2 - 1))
        t = (a["mean"] - b["mean"]) / se
    p = (
        st.t.sf(t, df)
        if alt == "greater"
        else st.t.cdf(t, df)
        if alt == "less"
        else 2 * st.t.sf(abs(t), df)
    )
    au.value("t from the formula on the typed summaries", r["statistic"], t)
    au.value("df", r["df"], df)
    au.value("p from the t distribution", r["p_value"], float(p))
