"""Distribution fit: is a column normal (Shapiro–Wilk, Anderson–Darling, Kolmogorov–Smirnov,
Lilliefors), exponential, uniform, gamma, Weibull or lognormal (KS with fitted parameters,
Lilliefors for the exponential), and do two samples follow the same distribution (two-sample KS).

Failing to reject a distribution is reported as "no evidence against", never as proof. AUDIT
recomputes W by Royston's approximation and its p-value, the Anderson–Darling A² from the
ordered standardised values, and each KS distance from the empirical CDF, in NumPy.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import numpy as np
from havoc_tools.dsl import ast as A

from havoc_srs.dslbuild import let, name, opts, program
from havoc_srs.families import _common as C
from havoc_srs.families.base import PASSED, AuditLog, Check, Method, Verdict, fmt, p_text
from havoc_srs.families.variance import long_samples
from havoc_srs.plan import Plan
from havoc_srs.reader.thresholds import key_values, restrict, thresholds

PROTOCOL = "verdict"
name_ = "distribution"
ground_hint = (
    "normality test goodness of fit distribution Shapiro-Wilk Anderson-Darling Kolmogorov-Smirnov"
)
NORMAL = ("shapiro_wilk", "anderson_darling", "ks_normal", "lilliefors")
KS = {"exponential": ("ks_exponential", "expon"), "uniform": ("ks_uniform", "uniform"),
      "gamma": ("ks_gamma", "gamma"), "weibull": ("ks_weibull", "weibull"),
      "lognormal": ("ks_lognormal", "lognorm")}  # fmt: skip
METHODS = (
    *NORMAL,
    "ks_uniform",
    "ks_exponential",
    "ks_gamma",
    "ks_weibull",
    "ks_lognormal",
    "ks_two_sample",
)
LABELS = {"shapiro_wilk": "Shapiro–Wilk test", "anderson_darling": "Anderson–Darling test",
          "ks_normal": "Kolmogorov–Smirnov test against a normal", "lilliefors": "Lilliefors test",
          "ks_uniform": "Kolmogorov–Smirnov test against a uniform",
          "ks_exponential": "Kolmogorov–Smirnov test against an exponential",
          "ks_gamma": "Kolmogorov–Smirnov test against a gamma",
          "ks_weibull": "Kolmogorov–Smirnov test against a Weibull",
          "ks_lognormal": "Kolmogorov–Smirnov test against a lognormal",
          "ks_two_sample": "two-sample Kolmogorov–Smirnov test"}  # fmt: skip


def _target(reading: Any) -> str:
    asked = [m for m in reading.methods if m in METHODS]
    if "ks_two_sample" in asked or reading.same_distribution:
        return "same"
    t = reading.target
    if t:
        return t
    return "normal"


_YES = ("yes", "y", "1", "1.0", "true", "t", "pass", "passed", "completed", "complete", "done",
        "accept", "accepted", "approved", "present", "positive", "improved")  # fmt: skip
_NO = ("no", "n", "0", "0.0", "false", "f", "fail", "failed", "none", "not completed",
       "reject", "rejected", "denied", "absent", "negative", "not improved")  # fmt: skip
_TWO_GROUPS = r"\bseparately\b|\beach\b|\bboth\b|\bnon[- ]|\bvs\.?\b|\bversus\b|\bcompar|\bthan\b"
# "students who did not take the prep course", "batches without a QC pass": the other level
_NEGATED_BEFORE = re.compile(
    r"\b(not|never|without|no)\b[^.?!,;]{0,25}$|n't\b[^.?!,;]{0,25}$|\b(un|non)[- ]?$"
)


def _polar_levels(levels: list[Any]) -> tuple[Any, Any] | None:
    """The (yes, no) levels of a two-level column whose levels are a positive and a negative
    (yes/no, pass/fail, completed/none, "improved"/"not improved", "metro"/"non-metro")."""
    if len(levels) != 2:
        return None
    low = [str(v).strip().lower() for v in levels]
    yes = [v for v, t in zip(levels, low, strict=True) if t in _YES]
    no = [v for v, t in zip(levels, low, strict=True) if t in _NO]
    if len(yes) == 1 and len(no) == 1:
        return yes[0], no[0]
    for i in (0, 1):  # "X" and "not X" / "non-X" / "no X"
        m = re.fullmatch(r"(not|non|no)[- ]?(.+)", low[1 - i])
        if m and m.group(2).strip() == low[i]:
            return levels[i], levels[1 - i]
    return None


def _yes_subset(reading: Any, ds: Any) -> dict[str, Any]:
    """A yes/no column named beside the measurement of a one-sample test ("smokers only",
    "among the customers who responded"): the rows where it is yes, not a second sample; the
    rows where it is no when the column is named after a negation ("students who did not take
    the prep course")."""
    if re.search(_TWO_GROUPS, reading.question.lower()):
        return {}
    out: dict[str, Any] = {}
    for m in C.column_mentions(reading):
        levels = list(ds.frame[m.column].dropna().unique())
        polar = _polar_levels(levels)
        if polar is not None and not m.how.startswith("dist"):
            negated = _NEGATED_BEFORE.search(reading.question[: m.start].lower())
            out[m.column] = polar[1] if negated else polar[0]
    return out if len(out) == 1 else {}


def plan(reading: Any, ds: Any) -> Plan:
    p = Plan(family=name_, analysis="distribution")
    ds = C.dataset_for(reading, ds)
    if ds is None:
        return C.need_data(p, "the numeric column to test")
    target = _target(reading)
    alpha = C.alpha_of(reading, p.notes)
    asked = [m for m in reading.methods if m in METHODS]
    if target in KS and "ks_normal" in asked:  # "KS test" against the distribution asked about
        asked = [KS[target][0] if m == "ks_normal" else m for m in asked]
    nums = C.ordered_columns(reading, ds.numeric)
    one_sample = bool(reading.target) or any(m != "ks_two_sample" for m in asked)
    subset = _yes_subset(reading, ds) if one_sample and target != "same" else {}
    nums = [c for c in nums if c not in subset]
    conds = thresholds(reading, ds)  # "for rows where age is over 40"
    keys = key_values(reading, ds)  # "for the year 2019 only", "the 28-day strengths"
    nums = [c for c in nums if c not in {t.column for t in conds} | set(keys)] or nums
    named = [m.column for m in C.column_mentions(reading)
             if m.column in ds.numeric and not m.how.startswith("distinctive")
             and m.column not in subset and ds.n_levels(m.column) > 2]  # fmt: skip
    if (
        target != "same"
        and len(nums) >= 2
        and reading.two_columns_compared
        and not (one_sample and len(set(named)) <= 1)
        and not reading.target  # "do the lives at 12.5 kN follow a Weibull?": one sample
    ):
        target = "same"  # two columns and no one-sample test asked: same distribution?
    if target == "same":
        frame, cols = long_samples(_two_measures(reading, ds), ds, p)
        if frame is not None and frame["group"].nunique() > 2:
            keep = list(dict.fromkeys(frame["group"]))[:2]
            frame = frame[frame["group"].isin(keep)]
            cols = cols[:2] if len(cols) > 2 and cols[-1] not in ds.labels else cols
        if frame is None or frame["group"].nunique() != 2:
            return C.need_columns(
                p,
                ds,
                "the two samples (two numeric columns, or a value and a two-level group column)",
                ds.numeric,
            )
        groups = list(dict.fromkeys(frame["group"]))
        xa = frame.loc[frame["group"] == groups[0], "value"].to_numpy(float)
        xb = frame.loc[frame["group"] == groups[1], "value"].to_numpy(float)
        p.program = program(let("ks_two_sample", A.Command(verb="kstest", x=name("a"), vs=name("b"),
                                                             options=opts(alpha=alpha))))  # fmt: skip
        p.data = {"a": xa, "b": xb}
        p.slots = {
            "target": "same",
            "columns": cols,
            "groups": groups,
            "alpha": alpha,
            "asked": asked,
        }
        p.context = {"columns": [ds.header(c) for c in cols], "a": xa, "b": xb, "alpha": alpha,
                     "labels": [str(g) for g in groups], "target": "same"}  # fmt: skip
        return p
    if not nums:
        nums = C.described(reading, ds, ds.numeric, [], 1)
    measures = C.analysable(ds, ds.numeric)
    col = nums[0] if nums else (measures[0] if len(measures) == 1 else None)
    if col is None:
        return C.need_columns(p, ds, "which numeric column to test", ds.numeric)
    if not nums:
        p.notes.append(f"{ds.header(col)} is the only numeric column, so it was tested")
    x = ds.values(col)
    cols = [col]
    filters = C.row_filters(reading, ds, []) | subset | {c: v for c, v in keys.items() if c != col}
    # "fewer than 3 bedrooms": the number belongs to the condition, not to a key value
    filters = {c: v for c, v in filters.items() if c not in {t.column for t in conds}}
    # "Texas alone is 37!" on a table with one row per state: a row named as an example; a
    # fit of one row is no subset anyone asks for
    filters = {c: v for c, v in filters.items() if not _row_name(ds, c)}
    if filters:  # "is rainfall in Kenya normal?" -> the rows of Kenya
        sub = C.filtered(ds, filters)
        x = sub[col].dropna().to_numpy(float)
        cols += list(filters)
        p.notes.append(
            "rows restricted to " + ", ".join(f"{ds.header(c)} = {v}" for c, v in filters.items())
        )
    if conds:
        kept = restrict(C.filtered(ds, filters) if filters else ds.frame, conds)
        x = kept[col].dropna().to_numpy(float)
        cols += [t.column for t in conds if t.column not in cols]
        p.notes.append(
            "rows restricted to " + ", ".join(t.text(ds.header(t.column)) for t in conds)
        )
    by, levels = _per_group(reading, ds, col, filters)
    if by is not None:
        frame = restrict(C.filtered(ds, filters) if filters else ds.frame, conds)
        xs = {str(g): frame.loc[frame[by] == g, col].dropna().to_numpy(float) for g in levels}
        stmts, data, dropped = [], {}, 0
        for i, (g, xg) in enumerate(xs.items()):
            xg, d = _positive(xg, target, p.notes, f" in {g}")
            xs[g], dropped = xg, dropped + d
            stmts += _tests(target, alpha, len(xg), f"x{i}", f"__{i}")
            data[f"x{i}"] = xg
        cols = cols + [by]
        p.program = program(*stmts)
        p.data = data
        p.explicit = bool(asked)
        p.slots = {"target": target, "column": col, "alpha": alpha, "asked": asked, "by": by}
        p.context = {"columns": [ds.header(c) for c in cols], "x": np.concatenate(list(xs.values())),
                     "xs": xs, "alpha": alpha, "target": target, "labels": [col],
                     "dropped": dropped}  # fmt: skip
        p.notes.append(f"tested separately in each group of {ds.header(by)}: {', '.join(xs)}")
        return p
    x, dropped = _positive(x, target, p.notes)
    p.program = program(*_tests(target, alpha, len(x), "x", ""))
    p.data = {"x": x}
    p.explicit = bool(asked)
    p.slots = {"target": target, "column": col, "alpha": alpha, "asked": asked}
    p.context = {"columns": [ds.header(c) for c in cols], "x": x, "alpha": alpha, "target": target,
                 "labels": [col], "dropped": dropped}  # fmt: skip
    return p


def _row_name(ds: Any, column: str) -> bool:
    """A label column holding a different value in every row (a state per row, a name)."""
    col = ds.frame[column].dropna()
    return column in ds.labels and len(col) >= 10 and col.nunique() == len(col)


def _two_measures(reading: Any, ds: Any) -> Any:
    """ "Are the 2010 and 2020 figures distributed the same way across countries?": two
    measured columns named, and the rows' own noun described ("across countries") is who is
    measured, not a grouping; the two columns are the two samples."""
    measured = {m.column for m in C.column_mentions(reading)
                if m.column in ds.numeric and not C.groupable(ds, m.column)}  # fmt: skip
    described = [m for m in reading.mentions if m.how.startswith("group described")]
    if len(measured) < 2 or not described or any(m.kind == "value" for m in reading.mentions):
        return reading
    out = copy.copy(reading)
    out.mentions = [m for m in reading.mentions if m not in described]
    return out


def _positive(x: np.ndarray, target: str, notes: list[str], where: str = "") -> tuple[Any, int]:
    """The gamma, Weibull and lognormal live on x > 0: a count or duration with a few zeros (0
    years at the company) is fitted on its positive values, and the answer says how many were
    set aside. Mostly non-positive data are left as they are (the fit is then not applicable)."""
    if target not in ("gamma", "weibull", "lognormal") or not (x <= 0).any():
        return x, 0
    if (x > 0).mean() < 0.8:
        return x, 0
    dropped = int((x <= 0).sum())
    notes.append(
        f"{dropped} value(s) ≤ 0{where} set aside: the {target} distribution is defined for x > 0"
    )
    return x[x > 0], dropped


def _tests(target: str, alpha: float, n: int, x: str, suffix: str) -> list[Any]:
    """The DSL statements testing sample ``x`` against ``target`` (results named method+suffix)."""
    stmts: list[Any] = []
    if target == "normal":
        if 3 <= n <= 5000:
            stmts.append(
                let(
                    "shapiro_wilk" + suffix,
                    A.Command(verb="shapiro", x=name(x), options=opts(alpha=alpha)),
                )
            )
        if n >= 8:  # the Anderson-Darling p-value approximation needs eight values
            stmts.append(
                let(
                    "anderson_darling" + suffix,
                    A.Command(verb="anderson", x=name(x), options=opts(alpha=alpha)),
                )
            )
        stmts += [
            let("ks_normal" + suffix, A.Command(verb="kstest", x=name(x), options=opts(dist="norm", alpha=alpha))),
            let("lilliefors" + suffix, A.Command(verb="lilliefors", x=name(x), options=opts(dist="norm", alpha=alpha))),
        ]  # fmt: skip
        return stmts
    key, dist = KS[target]
    stmts.append(
        let(key + suffix, A.Command(verb="kstest", x=name(x), options=opts(dist=dist, alpha=alpha)))
    )
    if target == "exponential":
        stmts.append(let("lilliefors" + suffix, A.Command(
            verb="lilliefors", x=name(x), options=opts(dist="exp", alpha=alpha))))  # fmt: skip
    return stmts


_PER_GROUP = re.compile(
    r"\b(separately|for each|in each|within each|for every|in every|per|by|across|"
    r"within (the )?(different|various))\b"
)


def _per_group(reading: Any, ds: Any, col: str, filters: dict[str, Any]) -> tuple[Any, list[Any]]:
    """The group column of a one-sample fit asked group by group ("normal, separately for red
    and white", "is X normal within each region"), and its levels; (None, []) otherwise."""
    gcol, gvals = C.value_groups(reading, ds)
    q = reading.question.lower()
    if gcol is not None and gcol != col and len(gvals) >= 2 and gcol not in filters:
        levels = gvals
        by = gcol
    else:
        cue = _PER_GROUP.search(q)
        if cue is None:
            return None, []
        named = [m.column for m in C.column_mentions(reading)
                 if m.start >= cue.start() and m.column != col and m.column not in filters
                 and C.groupable(ds, m.column) and ds.n_levels(m.column) <= 12]  # fmt: skip
        if not named:
            return None, []
        by = named[0]
        levels = list(dict.fromkeys(ds.frame[by].dropna()))
    frame = C.filtered(ds, filters) if filters else ds.frame
    sizes = [int((frame[by] == g).sum()) for g in levels]
    if len(levels) < 2 or min(sizes) < 3:
        return None, []
    return by, levels


def _in_group(p: Plan, i: int, g: str) -> Plan:
    """The plan of a per-group fit seen as the one-sample fit of group ``g``."""
    q = copy.copy(p)
    q.context = {k: v for k, v in p.context.items() if k != "xs"} | {"x": p.context["xs"][g]}
    q.slots = p.slots | {"column": f"{p.slots['column']} ({g})"}
    return q


def _group_results(results: dict[str, Any], i: int) -> dict[str, Any]:
    suffix = f"__{i}"
    return {k[: -len(suffix)]: v for k, v in results.items() if k.endswith(suffix)}


def _per_group_verdicts(p: Plan, results: dict[str, Any]) -> list[tuple[str, Plan, dict, Verdict]]:
    out = []
    for i, g in enumerate(p.context["xs"]):
        q, r = _in_group(p, i, g), _group_results(results, i)
        out.append((g, q, r, argue(q, r)))
    return out


def _argue_groups(p: Plan, results: dict[str, Any]) -> Verdict:
    """Each group tested on its own; a method's p-value over the groups is the smallest one
    times the number of groups (Bonferroni: does any group depart from the distribution?)."""
    per = _per_group_verdicts(p, results)
    k = len(per)
    v = Verdict()
    for g, _, _, vg in per:
        v.checks += [Check(f"{c.name} ({g})", c.test, c.outcome, c.evidence, c.numbers)
                     for c in vg.checks]  # fmt: skip
    for m in METHODS:
        ms = [(g, vg.method(m)) for g, _, _, vg in per]
        if all(x.applicable and x.p_value is not None for _, x in ms):
            g0, m0 = min(ms, key=lambda gm: gm[1].p_value)
            value = {g: {"statistic": x.statistic, "p_value": x.p_value} for g, x in ms}
            why = f"{m0.reason}; run in each of {k} groups, smallest p in {g0} (Bonferroni)"
            v.methods.append(Method(m, True, why, m0.statistic, min(1.0, k * m0.p_value), value,
                                    LABELS[m]))  # fmt: skip
        else:
            why = next(x.reason for _, x in ms if not x.applicable or x.p_value is None)
            v.methods.append(Method(m, False, why, label=LABELS[m]))
    first = per[0][3]
    if first.rests_on and v.method(first.rests_on).applicable:
        v.rests_on, v.why = first.rests_on, f"{first.why}, in each group"
    else:
        ok = [m.name for m in v.methods if m.applicable]
        v.rests_on = ok[0] if ok else first.rests_on
        v.why = "the test that ran in every group"
    v.caveats = list(dict.fromkeys(c for *_, vg in per for c in vg.caveats))
    return v


def argue(p: Plan, results: dict[str, Any]) -> Verdict:
    ctx = p.context
    if ctx.get("xs"):
        return _argue_groups(p, results)
    target = ctx["target"]
    methods: list[Method] = []
    checks: list[Check] = []
    if target == "same":
        na, nb = len(ctx["a"]), len(ctx["b"])
        checks += [C.size_check(ctx["labels"][0], na, 2), C.size_check(ctx["labels"][1], nb, 2)]
        for m in METHODS:
            if m == "ks_two_sample":
                r = results.get(m)
                methods.append(Method(m, r is not None and min(na, nb) >= 2, "compares the two empirical distributions",
                                      C.num(r, "statistic"), C.num(r, "p_value"), C.num(r, "statistic"), LABELS[m]))  # fmt: skip
            else:
                methods.append(Method(m, False, "tests one sample against a named distribution; the question compares two samples",
                                      label=LABELS[m]))  # fmt: skip
        v = Verdict(
            checks=checks,
            methods=methods,
            rests_on="ks_two_sample",
            why="it tests whether two samples come from the same distribution",
        )
        return v
    x = ctx["x"]
    n = len(x)
    checks.append(C.size_check(p.slots["column"], n, 3 if target == "normal" else 5))
    ties = len(np.unique(x)) < len(x)
    checks.append(
        Check(
            "ties",
            "distinct values",
            PASSED if not ties else "failed",
            f"{len(np.unique(x))} distinct of {n}"
            + ("; KS tests assume a continuous variable" if ties else ""),
        )
    )
    # the exponential lives on x >= 0 (a count of zero is in its support); the others on x > 0
    positive = bool((x >= 0).all() if target == "exponential" else (x > 0).all())
    if target in ("exponential", "gamma", "weibull", "lognormal"):
        checks.append(
            Check(
                "positive values",
                "all > 0",
                PASSED if positive else "failed",
                (
                    "all values are positive"
                    if not ctx.get("dropped")
                    else f"positive after setting aside {ctx['dropped']} value(s) ≤ 0"
                )
                if positive
                else f"min = {x.min():.4g}; the {target} distribution needs positive values",
            )
        )
    for m in METHODS:
        r = results.get(m)
        stat, pv = C.num(r, "statistic"), C.num(r, "p_value")
        if m in NORMAL and target == "normal":
            ok, why = (
                r is not None,
                {
                    "shapiro_wilk": "the most powerful general normality test for 3 ≤ n ≤ 5000",
                    "anderson_darling": "weights the tails; good for detecting heavy tails",
                    "ks_normal": "parameters are estimated from the data, so the plain KS p-value is conservative; Lilliefors corrects it",
                    "lilliefors": "KS with the correction for estimated mean and standard deviation",
                }[m],
            )
            if m == "shapiro_wilk" and r is None:
                why = f"needs 3 ≤ n ≤ 5000 (n = {n})"
            if m == "anderson_darling" and r is None:
                why = f"its p-value approximation needs n ≥ 8 (n = {n})"
            if m == "ks_normal" and ties:
                why += "; ties present"
        elif m == "lilliefors" and target == "exponential":
            ok, why = r is not None, "KS for an exponential with the rate estimated from the data"
        elif m == KS.get(target, ("",))[0]:
            ok = r is not None and (positive or target == "uniform")
            why = (
                "parameters fitted to the data (maximum likelihood), so the KS p-value is approximate"
                if ok
                else "the data are not all positive"
                if not positive
                else "did not run"
            )
        else:
            ok, why = (
                False,
                f"the question asks about the {target} distribution"
                if target != "normal"
                else "the question asks about normality",
            )
            if m == "ks_two_sample":
                why = "compares two samples; the question tests one"
        methods.append(Method(m, ok, why, stat, pv, stat, LABELS[m]))
    v = Verdict(checks=checks, methods=methods)
    asked = [m for m in p.slots["asked"] if v.method(m) and v.method(m).applicable]
    if asked:
        v.rests_on, v.why = asked[0], "the method you asked for"
    elif target == "normal":
        if v.method("shapiro_wilk").applicable:
            v.rests_on, v.why = (
                "shapiro_wilk",
                "the most powerful general normality test at this sample size",
            )
        else:
            v.rests_on, v.why = "anderson_darling", f"Shapiro–Wilk needs 3 ≤ n ≤ 5000 (n = {n})"
    elif target == "exponential" and v.method("lilliefors").applicable:
        v.rests_on, v.why = "lilliefors", "it accounts for the rate being estimated from the data"
    else:
        v.rests_on, v.why = KS[target][0], "KS against the fitted distribution"
    named = [m for m in p.slots["asked"] if m not in asked]
    for m in named:
        why = v.method(m).reason if v.method(m) and m in NORMAL and target == "normal" else ""
        v.caveats.append(
            f"{LABELS[m]} was asked for but could not run: {why}"
            if why.startswith(("needs", "its p-value"))
            else f"{LABELS[m]} was asked for but does not fit this question"
        )
    caveat = C.disagreement(methods, ctx["alpha"], LABELS, "rejects", "does not reject")
    if caveat:
        v.caveats.append(caveat)
    return v


def audit(p: Plan, results: dict[str, Any], v: Verdict) -> AuditLog:
    from scipy import stats

    au = AuditLog()
    ctx = p.context
    if ctx.get("xs"):  # each group's numbers re-derived on its own
        for g, q, r, vg in _per_group_verdicts(p, results):
            for c in audit(q, r, vg).checks:
                au.checks.append(c | {"check": f"{c['check']} ({g})"})
        return au
    if ctx["target"] == "same":
        m = v.method("ks_two_sample")
        if m.statistic is not None:
            au.value(
                "two-sample KS distance (empirical CDFs)",
                m.statistic,
                _ks2(ctx["a"], ctx["b"]),
                rel=1e-9,
            )
        else:
            au.truth("a statistic to re-derive", False, "no test result was returned")
        return au
    x = np.sort(np.asarray(ctx["x"], float))
    sw = v.method("shapiro_wilk")
    if sw and sw.statistic is not None and len(x) >= 4:
        w, pw = _royston(x)
        au.value("Shapiro–Wilk W (Royston's approximation)", sw.statistic, w, rel=1e-4)
        au.value(
            "Shapiro–Wilk p-value (Royston's approximation)", sw.p_value, pw, rel=0.05, abs_=2e-3
        )
    ad = v.method("anderson_darling")
    if ad and ad.statistic is not None:
        w = (x - x.mean()) / x.std(ddof=1)
        n = len(x)
        i = np.arange(1, n + 1)
        # log F and log(1 - F) taken directly: a point 9 SD out has 1 - F below 1e-16, where
        # the CDF itself rounds to 1 and a clipped log(1 - F) understates A² (a false failure)
        a2 = -n - np.mean((2 * i - 1) * (stats.norm.logcdf(w) + stats.norm.logsf(w[::-1])))
        a2_star = a2 * (1 + 0.75 / n + 2.25 / n**2)
        au.truth(
            "Anderson–Darling A² (formula)",
            _close_any(ad.statistic, (a2, a2_star)),
            f"A² = {a2:.6g}, adjusted A²* = {a2_star:.6g}, tool {ad.statistic:.6g}",
        )
    for m in ("ks_normal", "lilliefors"):
        r = v.method(m)
        if r and r.statistic is not None and ctx["target"] == "normal":
            d = _ks_d(x, stats.norm(x.mean(), x.std(ddof=1)).cdf)
            d0 = _ks_d(x, stats.norm(x.mean(), x.std(ddof=0)).cdf)
            au.truth(
                f"{m} distance (empirical CDF)",
                _close_any(r.statistic, (d, d0), rel=1e-6),
                f"D = {d:.6g} (ddof 1) / {d0:.6g} (MLE), tool {r.statistic:.6g}",
            )
    for target, (key, _dist) in KS.items():
        r = v.method(key)
        if r and r.statistic is not None and ctx["target"] == target:
            params = (results.get(key) or {}).get("params") or (results.get(key) or {}).get(
                "extra", {}
            ).get("params")
            au.truth(f"{key} distance in [0, 1]", 0 <= r.statistic <= 1, f"D = {r.statistic:.6g}")
            if target == "exponential":
                d = _ks_d(x, stats.expon(0, x.mean()).cdf)
                au.truth(
                    "exponential KS distance (empirical CDF, MLE rate)",
                    _close_any(r.statistic, (d,), rel=1e-4) or bool(params),
                    f"D = {d:.6g}, tool {r.statistic:.6g}",
                )
            if target == "uniform":
                d = _ks_d(x, stats.uniform(x.min(), x.max() - x.min()).cdf)
                au.truth(
                    "uniform KS distance (empirical CDF, range)",
                    _close_any(r.statistic, (d,), rel=1e-4) or bool(params),
                    f"D = {d:.6g}, tool {r.statistic:.6g}",
                )
    if not au.checks:
        au.truth("a statistic to re-derive", False, "no test result was returned")
    return au


def _close_any(v: float, cands: tuple[float, ...], rel: float = 1e-4) -> bool:
    return any(abs(v - c) <= rel * max(abs(v), abs(c), 1e-12) for c in cands)


def _ks_d(xs: np.ndarray, cdf: Any) -> float:
    n = len(xs)
    f = cdf(xs)
    i = np.arange(1, n + 1)
    return float(max((i / n - f).max(), (f - (i - 1) / n).max()))


def _ks2(a: np.ndarray, b: np.ndarray) -> float:
    allv = np.sort(np.concatenate([a, b]))
    fa = np.searchsorted(np.sort(a), allv, side="right") / len(a)
    fb = np.searchsorted(np.sort(b), allv, side="right") / len(b)
    return float(np.abs(fa - fb).max())


def _royston(x: np.ndarray) -> tuple[float, float]:
    """Shapiro–Wilk W and p by Royston (1992/1995), written from the published polynomials."""
    from scipy.stats import norm

    n = len(x)
    m = norm.ppf((np.arange(1, n + 1) - 0.375) / (n + 0.25))
    mm = m @ m
    u = 1 / np.sqrt(n)
    a = m / np.sqrt(mm)
    an = (
        a[-1] + 0.221157 * u - 0.147981 * u**2 - 2.071190 * u**3 + 4.434685 * u**4 - 2.706056 * u**5
    )
    if n > 5:
        an1 = (
            a[-2]
            + 0.042981 * u
            - 0.293762 * u**2
            - 1.752461 * u**3
            + 5.682633 * u**4
            - 3.582633 * u**5
        )
        phi = (mm - 2 * m[-1] ** 2 - 2 * m[-2] ** 2) / (1 - 2 * an**2 - 2 * an1**2)
        a = m / np.sqrt(phi)
        a[-1], a[-2], a[0], a[1] = an, an1, -an, -an1
    else:
        phi = (mm - 2 * m[-1] ** 2) / (1 - 2 * an**2)
        a = m / np.sqrt(phi)
        a[-1], a[0] = an, -an
    w = float((a @ x) ** 2 / ((x - x.mean()) ** 2).sum())
    w = min(w, 1.0)
    ln = np.log(n)
    if n >= 12:
        mu = 0.0038915 * ln**3 - 0.083751 * ln**2 - 0.31082 * ln - 1.5861
        s = np.exp(0.0030302 * ln**2 - 0.082676 * ln - 0.4803)
        z = (np.log(1 - w) - mu) / s
    else:
        g = 0.459 * n - 2.273
        mu = 0.5440 - 0.39978 * n + 0.025054 * n**2 - 0.0006714 * n**3
        s = np.exp(1.3822 - 0.77857 * n + 0.062767 * n**2 - 0.0020322 * n**3)
        z = (-np.log(g - np.log(1 - w)) - mu) / s
    return w, float(norm.sf(z))


def answer(p: Plan, results: dict[str, Any], v: Verdict) -> dict[str, Any]:
    ctx = p.context
    m = v.method(v.rests_on)
    k: dict[str, Any] = {"method": m.name, "alpha": ctx["alpha"], "target": ctx["target"]}
    if m.p_value is None:
        return {"key_numbers": k, "conclusion": f"{LABELS[m.name]} could not be computed."}
    rej = m.p_value < ctx["alpha"]
    k.update(statistic=m.statistic, p_value=m.p_value, rejected=rej, significant=rej)
    if ctx["target"] == "same":
        a, b = ctx["labels"]
        k["n"] = {a: len(ctx["a"]), b: len(ctx["b"])}
        text = (f"{a} and {b} " + ("do not follow the same distribution" if rej else
                                     "show no evidence of different distributions")
                + f" ({LABELS[m.name]}: D = {fmt(m.statistic)}, {p_text(m.p_value)}, alpha = {fmt(ctx['alpha'])}).")  # fmt: skip
        return {"key_numbers": k, "conclusion": text}
    col = p.slots["column"]
    if ctx.get("xs"):
        k["n"] = {g: len(x) for g, x in ctx["xs"].items()}
        k["per_group"] = m.value
        parts = [f"{g}: {fmt(r['statistic'])}, {p_text(r['p_value'])}" for g, r in m.value.items()]
        dist = "normal" if ctx["target"] == "normal" else ctx["target"]
        text = (
            (f"{col} departs from a {dist} distribution in at least one group" if rej else
             f"No evidence against a {dist} distribution for {col} in any group")
            + f" ({LABELS[m.name]} in each group of {p.slots['by']}: " + "; ".join(parts)
            + f"; smallest p × {len(parts)} = {fmt(m.p_value)}, alpha = {fmt(ctx['alpha'])})."
        )  # fmt: skip
        return {"key_numbers": k, "conclusion": text}
    k["n"] = len(ctx["x"])
    dist = (
        "a normal distribution" if ctx["target"] == "normal" else f"a {ctx['target']} distribution"
    )
    text = (
        (f"{col} does not follow {dist}" if rej else f"No evidence against {dist} for {col}")
        + f" ({LABELS[m.name]}: statistic = {fmt(m.statistic)}, {p_text(m.p_value)}, n = {k['n']}, alpha = {fmt(ctx['alpha'])})"
        + ("" if rej else "; this does not prove the distribution, it only fails to reject it")
        + f". Based on {LABELS[m.name]}: {v.why}."
    )
    return {"key_numbers": k, "conclusion": text}
