"""Equality of variances between two columns or across the groups of a long table: F-test for
two variances, Levene (mean-centred) and Brown–Forsythe (median-centred, reported under
``levene``), Bartlett, Mood's scale test and Fligner–Killeen.

Reading: two numeric columns named, or a value column with a group column (named, or found
through the group values the question names: "between Nigeria and Indonesia"). Checks: group
sizes, Shapiro–Wilk per group. Rests on the named method; otherwise F (two groups) or Bartlett
(more) when every group looks normal, else Brown–Forsythe. AUDIT recomputes the variance ratio,
Levene's W as a one-way ANOVA on absolute deviations, and Bartlett's statistic, in NumPy.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from havoc_tools.dsl import ast as A

from havoc_srs.dslbuild import let, name, opts, program
from havoc_srs.families import _common as C
from havoc_srs.families.base import PASSED, AuditLog, Method, Verdict, fmt, p_text
from havoc_srs.plan import Plan

PROTOCOL = "verdict"
name_ = "variance"
ground_hint = "equality of variances Levene Bartlett F-test homogeneity of variance"
METHODS = ("f_test_variance", "levene", "bartlett", "mood", "fligner")
LABELS = {"f_test_variance": "F-test for two variances", "levene": "Levene's test",
          "bartlett": "Bartlett's test", "mood": "Mood's scale test", "fligner": "Fligner–Killeen test"}  # fmt: skip


def long_samples(
    reading: Any, ds: Any, p: Plan, min_groups: int = 2
) -> tuple[pd.DataFrame | None, list[str]]:
    """(value, group) rows and the used columns: two numeric columns, or value + group column."""
    nums = C.ordered_columns(reading, ds.numeric)
    if not nums and getattr(ds, "name", "") == "question" and not ds.labels:
        nums = list(ds.numeric)  # samples typed into the question, none named: all of them
    gcol, gvals = C.value_groups(reading, ds)
    if gcol in nums and not C.groupable(ds, gcol):
        gcol, gvals = None, []  # "A = 501.2, ...": a number of a sample named, not a group
    labels_named = [
        c for c in C.ordered_columns(reading, ds.labels + ds.numeric) if C.groupable(ds, c)
    ]
    group = gcol
    other = next((c for c in labels_named if c not in nums[:1] and c != gcol), None)
    if gcol is not None and len(gvals) == 1 and other is not None:
        group, gvals = other, []  # "PM2.5 across the four stations": PM2.5 is a subset
    if group is None:
        group = other
    value_cols = [c for c in nums if c != group]
    value_cols = [c for c in value_cols if c in C.analysable(ds, ds.numeric)]
    if group is not None:  # "10 parts ... scatter in the thickness": a measurement, not Part
        value_cols.sort(key=lambda c: C.groupable(ds, c) and ds.n_levels(c) < 0.5 * len(ds.frame))
    if group is None and len(value_cols) >= 2:
        cols = value_cols
        rows = [(ds.header(c), v) for c in cols for v in ds.values(c)]
        frame = pd.DataFrame({"value": [r[1] for r in rows], "group": [r[0] for r in rows]})
        return frame, cols
    if group is not None:
        filters = C.row_filters(reading, ds, [group])
        value = value_cols[0] if value_cols else None
        if value is None:
            found = C.described(reading, ds, [c for c in ds.numeric if c != group], [], 1)
            value = found[0] if found else None
        if value is None and C.value_column(ds, [group]):
            value = C.value_column(ds, [group])  # "potato yields in India and Kenya"
            p.notes.append(f"{ds.header(value)} is the table's measure column, so it was used")
        if value is None:
            cand = [c for c in C.analysable(ds, ds.numeric) if c != group]
            if len(cand) == 1:
                value = cand[0]
                p.notes.append(f"{ds.header(value)} is the only numeric column, so it was used")
        if value is None:
            return None, []
        sub = C.filtered(ds, filters)[[value, group]].dropna()
        if filters:
            p.notes.append(
                "rows restricted to "
                + ", ".join(f"{ds.header(c)} = {v}" for c, v in filters.items())
            )
        if len(gvals) == 1:  # "is the UV-Vis less precise than the others": every group
            p.notes.append(
                f"only one group ({gvals[0]}) was named: all groups of {ds.header(group)} compared"
            )
            gvals = []
        if gvals:
            sub = sub[sub[group].isin(gvals)]
        frame = pd.DataFrame(
            {
                "value": sub[value].astype(float).to_numpy(),
                "group": sub[group].astype(str).to_numpy(),
            }
        )
        if gvals:  # the groups in the order the question names them (F = first / second)
            frame = pd.concat([frame[frame["group"] == str(g)] for g in gvals], ignore_index=True)
        return frame, [value, group, *filters]
    typed = getattr(ds, "name", "") == "question"
    if (len(ds.numeric) == 2 or typed and len(ds.numeric) >= 2) and not ds.labels:
        # the table has two numeric columns, or the question typed its samples (every one used)
        cols = list(ds.numeric)
        p.notes.append(
            "the samples typed into the question were compared"
            if typed
            else "the table has only these two numeric columns, so they were compared"
        )
        rows = [(ds.header(c), v) for c in cols for v in ds.values(c)]
        return pd.DataFrame({"value": [r[1] for r in rows], "group": [r[0] for r in rows]}), cols
    return None, []


def plan(reading: Any, ds: Any) -> Plan:
    p = Plan(family=name_, analysis="variance")
    ds = C.dataset_for(reading, ds)
    if ds is None:
        return C.need_data(p, "two numeric columns, or a value column and a group column")
    frame, cols = long_samples(reading, ds, p)
    if frame is None:
        return C.need_columns(
            p,
            ds,
            "which columns (or which value and group columns) to compare",
            ds.numeric + ds.labels,
        )
    sizes = frame["group"].value_counts()
    tiny = [str(g) for g in sizes.index if sizes[g] < 2]
    if tiny:  # a group of one value has no variance
        frame = frame[~frame["group"].isin(tiny)]
        p.notes.append(f"group(s) with fewer than 2 values left out: {', '.join(tiny[:10])}")
    groups = list(dict.fromkeys(frame["group"]))
    if len(groups) < 2:
        return C.need_columns(p, ds, "at least two groups to compare", ds.labels)
    alpha = C.alpha_of(reading, p.notes)
    asked = [m for m in reading.methods if m in METHODS]
    stmts: list[Any] = [
        let("levene", A.Command(verb="levene", x=name("value"), by=(name("group"),), table="tbl",
                                options=opts(center="mean", alpha=alpha))),
        let("brown_forsythe", A.Command(verb="levene", x=name("value"), by=(name("group"),), table="tbl",
                                        options=opts(center="median", alpha=alpha))),
        let("bartlett", A.Command(verb="bartlett", x=name("value"), by=(name("group"),), table="tbl",
                                  options=opts(alpha=alpha))),
        let("fligner", A.Command(verb="fligner", x=name("value"), by=(name("group"),), table="tbl",
                                 options=opts(alpha=alpha))),
    ]  # fmt: skip
    if len(groups) == 2:
        stmts += [
            let("f_test_variance", A.Command(verb="ftest", x=name("value"), by=(name("group"),), table="tbl",
                                             options=opts(alpha=alpha))),
            let("mood", A.Command(verb="mood", x=name("value"), by=(name("group"),), table="tbl",
                                  options=opts(alpha=alpha))),
        ]  # fmt: skip
    samples = {}
    for i, g in enumerate(groups):
        x = frame.loc[frame["group"] == g, "value"].to_numpy(float)
        samples[g] = x
        if 3 <= len(x) <= 5000:
            stmts.append(let(f"sw_{i}", A.Command(verb="shapiro", x=name(f"g{i}"))))
    p.program = program(*stmts)
    p.data = {"tbl": frame} | {f"g{i}": samples[g] for i, g in enumerate(groups)}
    p.explicit = bool(asked)
    p.slots = {"groups": groups, "alpha": alpha, "asked": asked, "columns": cols}
    p.context = {"columns": [ds.header(c) for c in cols], "samples": samples, "alpha": alpha}
    return p


def argue(p: Plan, results: dict[str, Any]) -> Verdict:
    samples = p.context["samples"]
    groups = list(samples)
    checks = [C.size_check(str(g), len(x), 2) for g, x in samples.items()]
    norm = [
        C.normality_check(str(g), x, results.get(f"sw_{i}"))
        for i, (g, x) in enumerate(samples.items())
    ]
    checks += norm
    all_normal = all(c.outcome == PASSED for c in norm)
    sizes_ok = all(len(x) >= 2 for x in samples.values())
    two = len(groups) == 2
    methods: list[Method] = []

    def add(m: str, ok: bool, why: str, key: str | None = None) -> None:
        r = results.get(key or m)
        methods.append(Method(m, ok and r is not None, why if r is not None or not ok else "did not run",
                              statistic=C.num(r, "statistic"), p_value=C.num(r, "p_value"),
                              value=C.num(r, "ratio", "variance_ratio", "estimate"), label=LABELS[m]))  # fmt: skip

    fail_norm = ", ".join(c.name for c in norm if c.outcome != PASSED)
    add(
        "f_test_variance",
        two and sizes_ok and all_normal,
        (
            "both samples look normal"
            if all_normal
            else f"very sensitive to non-normality ({fail_norm} not passed)"
        )
        if two
        else f"compares exactly two samples ({len(groups)} groups here)",
    )
    bf = not all_normal
    add(
        "levene",
        sizes_ok,
        (
            "Brown–Forsythe (median-centred) variant: robust to non-normality"
            if bf
            else "mean-centred Levene test: fine for roughly normal data"
        ),
        key="brown_forsythe" if bf else "levene",
    )
    add(
        "bartlett",
        sizes_ok and all_normal,
        "all groups look normal"
        if all_normal
        else f"sensitive to non-normality ({fail_norm} not passed)",
    )
    add(
        "mood",
        two and sizes_ok,
        "rank-based scale test for two samples"
        if two
        else f"compares exactly two samples ({len(groups)} groups here)",
    )
    add("fligner", sizes_ok, "rank-based, robust to non-normality and outliers")
    v = Verdict(checks=checks, methods=methods)
    asked = p.slots["asked"]
    if asked:
        v.rests_on, v.why = asked[0], "the method you asked for"
        m = v.method(asked[0])
        if m is not None and not m.applicable:
            v.caveats.append(f"{LABELS[asked[0]]} was asked for but {m.reason}")
    elif all_normal and two:
        v.rests_on, v.why = (
            "f_test_variance",
            "both samples look normal, where the F-test is the most powerful",
        )
    elif all_normal:
        v.rests_on, v.why = (
            "bartlett",
            "every group looks normal, where Bartlett's test is the most powerful",
        )
    else:
        v.rests_on, v.why = (
            "levene",
            "normality is not established, so the robust Brown–Forsythe (median) Levene test is used",
        )
    caveat = C.disagreement(methods, p.context["alpha"], LABELS, "significant", "not significant")
    if caveat:
        v.caveats.append(caveat)
    return v


def audit(p: Plan, results: dict[str, Any], v: Verdict) -> AuditLog:
    from scipy import stats

    au = AuditLog()
    xs = [np.asarray(x, float) for x in p.context["samples"].values()]
    f = v.method("f_test_variance")
    if f and f.statistic is not None and len(xs) == 2:
        ratio = xs[0].var(ddof=1) / xs[1].var(ddof=1)
        au.value("F = s1²/s2² (formula)", f.statistic, ratio, rel=1e-6)
        d1, d2 = len(xs[0]) - 1, len(xs[1]) - 1
        pf = 2 * min(stats.f.cdf(ratio, d1, d2), stats.f.sf(ratio, d1, d2))
        au.value("F-test p-value (F distribution)", f.p_value, min(1.0, pf), rel=1e-5, abs_=1e-12)
    lev = v.method("levene")
    if lev and lev.statistic is not None:
        bf = "Brown" in lev.reason
        w = _levene(xs, np.median if bf else np.mean)
        au.value(
            ("Brown–Forsythe" if bf else "Levene") + " W (ANOVA on absolute deviations)",
            lev.statistic,
            w,
            rel=1e-6,
        )
    b = v.method("bartlett")
    if b and b.statistic is not None:
        au.value("Bartlett statistic (formula)", b.statistic, _bartlett(xs), rel=1e-6)
    if not au.checks:
        au.truth("a statistic to re-derive", False, "no test result was returned")
    return au


def _levene(xs: list[np.ndarray], center: Any) -> float:
    z = [np.abs(x - center(x)) for x in xs]
    n, k = sum(len(a) for a in z), len(z)
    grand = np.concatenate(z).mean()
    between = sum(len(a) * (a.mean() - grand) ** 2 for a in z) / (k - 1)
    within = sum(((a - a.mean()) ** 2).sum() for a in z) / (n - k)
    return float(between / within) if within > 0 else float("inf")


def _bartlett(xs: list[np.ndarray]) -> float:
    k, ns = len(xs), np.array([len(x) for x in xs], float)
    vs = np.array([x.var(ddof=1) for x in xs])
    n = ns.sum()
    sp = ((ns - 1) * vs).sum() / (n - k)
    num = (n - k) * np.log(sp) - ((ns - 1) * np.log(vs)).sum()
    den = 1 + (1 / (3 * (k - 1))) * ((1 / (ns - 1)).sum() - 1 / (n - k))
    return float(num / den)


def answer(p: Plan, results: dict[str, Any], v: Verdict) -> dict[str, Any]:
    ctx = p.context
    m = v.method(v.rests_on or "levene")
    sds = {
        str(g): float(np.std(x, ddof=1)) if len(x) > 1 else None for g, x in ctx["samples"].items()
    }
    k: dict[str, Any] = {"method": m.name, "alpha": ctx["alpha"], "std": sds,
                         "variance": {g: (s**2 if s is not None else None) for g, s in sds.items()},
                         "n": {str(g): len(x) for g, x in ctx["samples"].items()}}  # fmt: skip
    if m.p_value is None:
        return {"key_numbers": k, "conclusion": f"{LABELS[m.name]} could not be computed."}
    k.update(statistic=m.statistic, p_value=m.p_value, significant=m.p_value < ctx["alpha"])
    names = (
        " and ".join(str(g) for g in ctx["samples"])
        if len(ctx["samples"]) <= 3
        else f"the {len(ctx['samples'])} groups"
    )
    sd_text = ", ".join(f"{g}: {fmt(s)}" for g, s in list(sds.items())[:6])
    text = (
        (
            f"The variances of {names} differ"
            if k["significant"]
            else f"No evidence that the variances of {names} differ"
        )
        + f" ({LABELS[m.name]}: statistic = {fmt(m.statistic)}, {p_text(m.p_value)}, alpha = {fmt(ctx['alpha'])}; "
        f"standard deviations {sd_text}). Based on {LABELS[m.name]}: {v.why}."
    )
    return {"key_numbers": k, "conclusion": text}
