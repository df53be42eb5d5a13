"""ARGUE and ARBITER: alternatives grounded in executed checks, and the choice between them.

ARGUE runs assumption checks (normality, equal variances, outliers, sample size, stability,
confounding) as DSL and, where a check points to another method, runs that method too. ARBITER
keeps the primary result unless a failed check undermines it and the user did not name the
method; every choice comes with its reasons.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from havoc_tools.dsl import ast as A

from havoc_srs.dslbuild import let, name, opts, program
from havoc_srs.execute import Execution, run_program
from havoc_srs.plan import Plan

NORMALITY_ALPHA = 0.05
VARIANCE_ALPHA = 0.05


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


def _iqr_outliers(x: np.ndarray) -> list[int]:
    if len(x) < 4:
        return []
    q1, q3 = np.percentile(x, [25, 75])
    iqr = q3 - q1
    return [int(i) for i in np.where((x < q1 - 1.5 * iqr) | (x > q3 + 1.5 * iqr))[0]]


def _check(name_: str, test: str, passed: bool, note: str, **numbers: Any) -> dict[str, Any]:
    return {"name": name_, "test": test, "passed": bool(passed), "note": note, **numbers}


def argue(plan: Plan, ex: Execution) -> Argument:
    arg = Argument()
    if not ex.ok or "primary" not in ex.results:
        arg.skipped = "no executed result to argue about"
        return arg
    a = plan.analysis
    if a in ("ttest_welch", "ttest_pooled", "mannwhitney"):
        _argue_two_sample(plan, ex, arg)
    elif a in ("ttest_paired", "wilcoxon", "ttest_1samp", "wilcoxon_1samp"):
        _argue_one_sample(plan, ex, arg)
    elif a in ("anova", "kruskal", "welch_anova"):
        _argue_groups(plan, ex, arg)
    elif a.startswith("proportion"):
        _argue_proportion(plan, ex, arg)
    elif a == "regress":
        _argue_regression(plan, ex, arg)
    elif a.startswith("analyze"):
        _argue_factorial(plan, ex, arg)
    elif a.startswith("design"):
        _argue_design(plan, ex, arg)
    elif a.startswith("chart_"):
        _argue_chart(plan, ex, arg)
    elif a == "capability":
        _argue_capability(plan, ex, arg)
    elif a == "gage_rr":
        _argue_gage(plan, ex, arg)
    else:
        arg.skipped = {
            "power": "a power calculation has no data assumptions to check",
        }.get(plan.family, "nothing to argue for this kind of request")
    return arg


def _run(arg: Argument, plan: Plan, stmts: list[Any], extra: dict[str, Any] | None = None):
    data = dict(plan.data)
    data.update(extra or {})
    ex = run_program(program(*stmts), data)
    arg.tool_calls.extend(ex.tool_calls)
    return ex


def _normality(arg: Argument, plan: Plan, samples: dict[str, np.ndarray]) -> bool:
    stmts = [
        let(f"sw_{k}", A.Command(verb="shapiro", x=name(k)))
        for k, v in samples.items()
        if len(v) >= 3
    ]
    if not stmts:
        arg.checks.append(
            _check("normality", "Shapiro-Wilk", True, "too few values to check (n < 3)")
        )
        return True
    ex = _run(arg, plan, stmts, samples)
    ok = True
    for k in samples:
        r = ex.results.get(f"sw_{k}")
        if r is None:
            continue
        passed = r["p_value"] >= NORMALITY_ALPHA
        ok &= passed
        label = plan.context.get("samples", {}).get(k, k)
        arg.checks.append(
            _check(
                f"normality of {label}", "Shapiro-Wilk", passed,
                "consistent with normal" if passed else "evidence of non-normality",
                statistic=r["statistic"], p_value=r["p_value"],
            )
        )  # fmt: skip
    return ok


def _outliers(arg: Argument, plan: Plan, samples: dict[str, np.ndarray]) -> None:
    for k, v in samples.items():
        idx = _iqr_outliers(np.asarray(v, dtype=float))
        label = plan.context.get("samples", {}).get(k, k)
        arg.checks.append(
            _check(
                f"outliers in {label}", "1.5 x IQR fences", not idx,
                f"{len(idx)} value(s) outside the fences" if idx else "none",
                indices=idx,
            )
        )  # fmt: skip
        if idx:
            arg.caveats.append(
                f"{label} has {len(idx)} outlying value(s) (1.5 IQR rule): check them before "
                "trusting a mean-based test"
            )


def _small(arg: Argument, samples: dict[str, np.ndarray], plan: Plan) -> bool:
    n_min = min(len(v) for v in samples.values())
    small = n_min < 15
    arg.checks.append(
        _check(
            "sample size", "n per sample >= 15", not small,
            f"smallest sample has {n_min} values"
            + ("; normality checks have little power" if small else ""),
            n_min=n_min,
        )
    )  # fmt: skip
    return small


def _argue_two_sample(plan: Plan, ex: Execution, arg: Argument) -> None:
    xa, xb = plan.context["order"]
    samples = {xa: plan.data[xa], xb: plan.data[xb]}
    alpha = plan.slots.get("alpha", 0.05)
    alt = plan.slots.get("alternative", "two-sided")
    normal = _normality(arg, plan, samples)
    _outliers(arg, plan, samples)
    _small(arg, samples, plan)
    lev = _run(
        arg, plan,
        [let("levene", A.Command(verb="levene", x=name("value"), by=(name("group"),), table="stacked"))],
        {"stacked": plan.context["stacked"]},
    ).results.get("levene")  # fmt: skip
    if lev:
        eq = lev["p_value"] >= VARIANCE_ALPHA
        arg.checks.append(
            _check(
                "equal variances", "Levene (Brown-Forsythe)", eq,
                "variances consistent" if eq else "variances differ",
                statistic=lev["statistic"], p_value=lev["p_value"],
            )
        )  # fmt: skip
        plan.context["equal_var_ok"] = eq
    plan.context["normal_ok"] = normal
    o = opts(alternative=alt, alpha=alpha)
    stmts = []
    if plan.analysis != "mannwhitney":
        stmts.append(
            let("mannwhitney", A.Command(verb="mannwhitney", x=name(xa), vs=name(xb), options=o))
        )
    if plan.analysis != "ttest_welch":
        stmts.append(let("welch", A.Command(verb="ttest", x=name(xa), vs=name(xb), options=o)))
    if plan.analysis != "ttest_pooled":
        stmts.append(
            let("pooled", A.Command(verb="ttest", x=name(xa), vs=name(xb), options=opts(equal_var=True, alternative=alt, alpha=alpha)))
        )  # fmt: skip
    alts = _run(arg, plan, stmts)
    why = {
        "mannwhitney": "no normality assumption (rank-based)",
        "welch": "does not assume equal variances",
        "pooled": "Student's t, assumes equal variances",
    }
    for k, r in alts.results.items():
        arg.alternatives[k] = {"why": why[k], "result": r}


def _argue_one_sample(plan: Plan, ex: Execution, arg: Argument) -> None:
    alpha = plan.slots.get("alpha", 0.05)
    alt = plan.slots.get("alternative", "two-sided")
    if plan.analysis in ("ttest_paired", "wilcoxon"):
        xa, xb = plan.context["order"]
        diffs = np.asarray(plan.data[xa]) - np.asarray(plan.data[xb])
        samples = {"differences": diffs}
    else:
        x = next(k for k in plan.data if k != "mu_shifted")
        diffs = np.asarray(plan.data[x]) - plan.slots["mu"]
        samples = {x: np.asarray(plan.data[x])}
    normal = _normality(arg, plan, samples)
    _outliers(arg, plan, samples)
    _small(arg, samples, plan)
    plan.context["normal_ok"] = normal
    o = opts(alternative=alt, alpha=alpha)
    if plan.analysis in ("ttest_paired", "ttest_1samp"):
        stmts = [let("wilcoxon", A.Command(verb="wilcoxon", x=name("shifted_diffs"), options=o))]
        why = "signed-rank test of the differences: no normality assumption"
    else:
        stmts = [
            let(
                "ttest",
                A.Command(
                    verb="ttest",
                    x=name("shifted_diffs"),
                    options=opts(mu=0, alternative=alt, alpha=alpha),
                ),
            )
        ]
        why = "t-test of the differences: more power when they are normal"
    alts = _run(arg, plan, stmts, {"shifted_diffs": diffs})
    for k, r in alts.results.items():
        arg.alternatives[k] = {"why": why, "result": r}


def _argue_groups(plan: Plan, ex: Execution, arg: Argument) -> None:
    stacked = plan.data["stacked"]
    samples = {
        g: stacked.loc[stacked["group"] == g, "value"].to_numpy(float)
        for g in pd.unique(stacked["group"])
    }
    named = {f"g{i}": v for i, v in enumerate(samples.values())}
    plan.context["samples"] = {f"g{i}": g for i, g in enumerate(samples)}
    normal = _normality(arg, plan, named)
    _outliers(arg, plan, named)
    _small(arg, named, plan)
    alpha = plan.slots.get("alpha", 0.05)
    by, t = (name("group"),), "stacked"
    ao = opts(alpha=alpha)
    res = _run(
        arg, plan,
        [
            let("levene", A.Command(verb="levene", x=name("value"), by=by, table=t)),
            let("welch_anova", A.Command(verb="anova", x=name("value"), by=by, table=t, options=opts(welch=True, alpha=alpha))),
            let("kruskal", A.Command(verb="kruskal", x=name("value"), by=by, table=t, options=ao)),
            let("anova", A.Command(verb="anova", x=name("value"), by=by, table=t, options=ao)),
            let("tukey", A.Command(verb="tukey", x=name("value"), by=by, table=t, options=ao)),
            let("gameshowell", A.Command(verb="gameshowell", x=name("value"), by=by, table=t, options=ao)),
        ],
    ).results  # fmt: skip
    lev = res.get("levene")
    eq = True
    if lev:
        eq = lev["p_value"] >= VARIANCE_ALPHA
        arg.checks.append(
            _check("equal variances", "Levene (Brown-Forsythe)", eq,
                   "variances consistent" if eq else "variances differ",
                   statistic=lev["statistic"], p_value=lev["p_value"])
        )  # fmt: skip
    plan.context.update(normal_ok=normal, equal_var_ok=eq)
    why = {
        "welch_anova": "does not assume equal variances",
        "kruskal": "rank-based: no normality assumption",
        "anova": "classic F test (equal variances)",
        "tukey": "pairwise comparisons with family-wise error control (Tukey HSD)",
        "gameshowell": "pairwise comparisons without equal variances (Games-Howell)",
    }
    primary_verb = {"anova": "anova", "kruskal": "kruskal", "welch_anova": "welch_anova"}[
        plan.analysis
    ]
    for k in ("welch_anova", "kruskal", "anova", "tukey", "gameshowell"):
        if k in res and k != primary_verb:
            arg.alternatives[k] = {"why": why[k], "result": res[k]}
    k_groups = len(samples)
    arg.checks.append(
        _check(
            "multiple comparisons", "family-wise error", True,
            f"{k_groups * (k_groups - 1) // 2} pairwise comparisons: use Tukey/Games-Howell "
            "adjusted p-values, not repeated t-tests",
        )
    )  # fmt: skip


def _argue_proportion(plan: Plan, ex: Execution, arg: Argument) -> None:
    counts = plan.slots["counts"]
    if plan.analysis == "proportion_1":
        (x, n), p0 = counts[0], plan.slots["p0"]
        ok = n * p0 >= 10 and n * (1 - p0) >= 10
        arg.checks.append(
            _check("normal approximation", "n*p0 >= 10 and n*(1-p0) >= 10", ok,
                   f"n*p0 = {n * p0:g}, n*(1-p0) = {n * (1 - p0):g}")
        )  # fmt: skip
        plan.context["approx_ok"] = ok
        res = _run(
            arg, plan,
            [let("exact", A.Command(verb="proportion", options=opts(x=x, n=n, p0=p0, method="exact", alternative=plan.slots["alternative"], alpha=plan.slots["alpha"])))],
        ).results  # fmt: skip
        if "exact" in res:
            arg.alternatives["exact"] = {
                "why": "exact binomial test: no approximation",
                "result": res["exact"],
            }
    else:
        arg.checks.append(
            _check("independent samples", "design", True, "assumed from the question")
        )


def _argue_regression(plan: Plan, ex: Execution, arg: Argument) -> None:
    r = ex.results["primary"]
    d = r.get("diagnostics", {})
    sp = d.get("shapiro_p")
    if sp is not None:
        arg.checks.append(
            _check("normal residuals", "Shapiro-Wilk on residuals", sp >= NORMALITY_ALPHA,
                   "residuals consistent with normal" if sp >= NORMALITY_ALPHA else "non-normal residuals",
                   statistic=d.get("shapiro_w"), p_value=sp)
        )  # fmt: skip
    infl = d.get("influential") or []
    arg.checks.append(
        _check("influential points", "Cook's distance > 4/n", not infl,
               f"rows {infl} are influential" if infl else "none",
               max_cooks_distance=d.get("max_cooks_distance"))
    )  # fmt: skip
    if infl:
        arg.caveats.append(f"influential observations at rows {infl}: check them")
    dw = d.get("durbin_watson")
    if dw is not None:
        ok = 1.5 <= dw <= 2.5
        arg.checks.append(
            _check("independent residuals", "Durbin-Watson in [1.5, 2.5]", ok, f"DW = {dw:.3f}", statistic=dw)
        )  # fmt: skip
    n = r["n"]
    arg.checks.append(_check("sample size", "n >= 10", n >= 10, f"n = {n}", n=n))
    xs = plan.context.get("xs", [])
    if len(xs) == 1 and n >= 5 and not plan.slots.get("quadratic"):
        x, y = xs[0], plan.context["y"]
        res = _run(
            arg, plan,
            [let("quadratic", A.RegressStmt(verb="regress", formula=f"{y} ~ {x} + I({x}^2)", table="d"))],
        ).results  # fmt: skip
        if "quadratic" in res:
            arg.alternatives["quadratic"] = {
                "why": "curvature: adds a squared term",
                "result": res["quadratic"],
                "adj_r_squared": res["quadratic"]["adj_r_squared"],
            }


def _argue_factorial(plan: Plan, ex: Execution, arg: Argument) -> None:
    r = ex.results["primary"]
    if r.get("df_resid", 0) == 0:
        arg.checks.append(
            _check("error estimate", "replicates or centre points", False,
                   "unreplicated: effects judged with Lenth's pseudo standard error")
        )  # fmt: skip
    design = ex.results.get("runs") or {}
    alias = design.get("alias") or {}
    res = alias.get("resolution")
    if plan.slots.get("kind") == "fractional":
        aliases = alias.get("aliases") or {}
        confounded = {k: v for k, v in aliases.items() if v and len(k) == 1}
        arg.checks.append(
            _check("confounding", f"resolution {res}", (res or 0) >= 5,
                   f"defining relation {alias.get('defining_relation')}; main effects aliased: "
                   + ("; ".join(f"{k} = {' = '.join(v)}" for k, v in confounded.items()) or "none"),
                   resolution=res)
        )  # fmt: skip
        if res is not None and res <= 4:
            arg.caveats.append(
                f"resolution {res} fraction: an active effect may be its alias; run the fold-over "
                "or more runs to separate them"
            )
    if r.get("df_resid", 0) > 0 and r.get("residuals"):
        res_ = _run(arg, plan, [let("sw_res", A.Command(verb="shapiro", x=name("res")))],
                    {"res": np.asarray(r["residuals"], dtype=float)}).results.get("sw_res")  # fmt: skip
        if res_:
            arg.checks.append(
                _check("normal residuals", "Shapiro-Wilk", res_["p_value"] >= NORMALITY_ALPHA, "",
                       p_value=res_["p_value"])
            )  # fmt: skip


def _argue_design(plan: Plan, ex: Execution, arg: Argument) -> None:
    r = ex.results.get("primary") or {}
    alias = r.get("alias") or {}
    res = alias.get("resolution")
    if res is not None:
        arg.checks.append(
            _check("confounding", "resolution", res >= 4,
                   f"resolution {res}: "
                   + ("main effects clear of two-factor interactions" if res >= 4
                      else "main effects are aliased with two-factor interactions"),
                   resolution=res)
        )  # fmt: skip
        if res == 3:
            arg.caveats.append(
                "resolution III: main effects are confounded with 2-factor interactions"
            )
        elif res == 4:
            arg.caveats.append("resolution IV: two-factor interactions are aliased with each other")
    if not r.get("center_points") and plan.slots.get("kind") in ("full", "fractional"):
        arg.caveats.append("no centre points: curvature cannot be detected")


def _argue_chart(plan: Plan, ex: Execution, arg: Argument) -> None:
    r = ex.results["primary"]
    flagged = _flagged(r)
    arg.checks.append(
        _check("stability", "Nelson rules " + ",".join(map(str, r.get("rules", []))), not flagged,
               f"{len(flagged)} point(s) flagged (1-based, as on the chart): {[i + 1 for i in flagged[:20]]}"
               if flagged else "no rule violations",
               flagged=flagged)
    )  # fmt: skip
    kind = plan.slots.get("chart")
    if flagged and kind in ("xbar_r", "xbar_s", "imr"):
        by = (name("subgroup"),) if kind != "imr" else ()
        res = _run(
            arg, plan,
            [let("revised", A.ChartStmt(kind=kind, x=name(plan.context["series"]["x"]), by=by, table="d", options=opts(exclude=True)))],
        ).results  # fmt: skip
        if "revised" in res:
            arg.alternatives["revised"] = {
                "why": "phase I: flagged subgroups dropped and limits re-estimated",
                "result": res["revised"],
            }


def _flagged(chart: dict[str, Any]) -> list[int]:
    pts: set[int] = set()
    for p in chart.get("panels", []):
        for idx in (p.get("violations") or {}).values():
            pts.update(int(i) for i in idx)
    return sorted(pts)


def _argue_capability(plan: Plan, ex: Execution, arg: Argument) -> None:
    s = plan.context["series"]
    kind = "xbar_r" if s["by"] else "imr"
    by = (name("subgroup"),) if s["by"] else ()
    x = np.asarray(plan.data["d"][s["x"]], dtype=float)
    res = _run(
        arg, plan,
        [
            let("stability", A.ChartStmt(kind=kind, x=name(s["x"]), by=by, table="d", options=opts(rules=[1, 2, 3, 4]))),
            let("normality", A.Command(verb="shapiro", x=name("values"))),
        ],
        {"values": x},
    ).results  # fmt: skip
    st = res.get("stability")
    if st:
        flagged = _flagged(st)
        ok = not flagged
        plan.context["stable"] = ok
        arg.checks.append(
            _check("process stability", f"{st['chart']} chart, Nelson rules 1-4", ok,
                   "in control" if ok else f"out of control at points {[i + 1 for i in flagged[:20]]} (1-based)",
                   flagged=flagged)
        )  # fmt: skip
        arg.alternatives["stability_chart"] = {
            "why": "capability needs a stable process",
            "result": st,
        }
        if not ok:
            arg.caveats.append(
                "the process is not in statistical control: Cp/Cpk do not predict future output; "
                "report Pp/Ppk as a description and remove the special causes first"
            )
    nr = res.get("normality")
    if nr:
        ok = nr["p_value"] >= NORMALITY_ALPHA
        arg.checks.append(
            _check("normality", "Shapiro-Wilk", ok, "normal model fits" if ok
                   else "non-normal: the PPM estimates are unreliable", p_value=nr["p_value"])
        )  # fmt: skip
        if not ok:
            arg.caveats.append("the data are not normal: indices and PPM assume normality")


def _argue_gage(plan: Plan, ex: Execution, arg: Argument) -> None:
    r = ex.results["primary"]
    arg.checks.append(
        _check("part x operator interaction", "removed when ANOVA p >= alpha (0.05)", True,
               r.get("interaction_decision")
               or ("pooled into repeatability" if r.get("interaction_pooled") else "kept"))
    )  # fmt: skip
    ndc = r.get("ndc")
    if ndc is not None:
        arg.checks.append(
            _check("distinct categories", "ndc >= 5", ndc >= 5, f"ndc = {ndc}", ndc=ndc)
        )  # fmt: skip
    n_parts = r.get("n_parts", 0)
    if n_parts < 10:
        arg.caveats.append(f"only {n_parts} parts: AIAG recommends 10 parts for a gage study")


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
    a = plan.analysis

    def pick(alt: str, why: str) -> Decision | None:
        if alt in alts:
            if plan.explicit:
                reasons.append(
                    f"{why}, but you asked for this method: kept, {alt} reported alongside"
                )
                return None
            reasons.append(why + f": switched to {alt}")
            return Decision(alt, reasons, alts[alt]["result"])
        return None

    small = any(c["name"] == "sample size" and not c["passed"] for c in arg.checks)
    if a in ("ttest_welch", "ttest_pooled") and not plan.context.get("normal_ok", True) and small:
        d = pick("mannwhitney", "normality fails in a small sample")
        if d:
            return d
    if a == "ttest_pooled" and not plan.context.get("equal_var_ok", True):
        d = pick("welch", "the variances differ (Levene)")
        if d:
            return d
    if a in ("ttest_paired", "ttest_1samp") and not plan.context.get("normal_ok", True) and small:
        d = pick("wilcoxon", "normality fails in a small sample")
        if d:
            return d
    if a == "anova":
        if not plan.context.get("equal_var_ok", True):
            d = pick("welch_anova", "the variances differ (Levene)")
            if d:
                return d
        if not plan.context.get("normal_ok", True) and small:
            d = pick("kruskal", "normality fails in small samples")
            if d:
                return d
    if a == "proportion_1" and not plan.context.get("approx_ok", True):
        d = pick("exact", "too few expected counts for the normal approximation")
        if d:
            return d
    failed = [c["name"] for c in arg.checks if not c["passed"]]
    if failed:
        reasons.append(
            "kept the primary result; failed checks are reported as caveats: " + ", ".join(failed)
        )
    else:
        reasons.append("every executed check passed" if arg.checks else "no alternative needed")
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
