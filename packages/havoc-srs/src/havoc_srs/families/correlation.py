"""Correlation and association between two numeric columns: Pearson, Spearman, Kendall tau-b
and partial correlation controlling for named columns.

Reading: the first two numeric columns named (controls are the columns named after "controlling
for", "adjusting for", "holding ... constant"); with only two numeric columns in the table they
are used. Checks: sample size, Shapiro–Wilk per variable, far outliers, ties. The conclusion
rests on the method the user named; otherwise on Pearson when both variables look normal with
no far outliers, else Kendall for small or heavily tied samples, else Spearman. AUDIT re-derives
each coefficient from its formula in NumPy (r from centred sums, rho from ranks, tau-b by
counting pairs) and the Pearson p-value from the t distribution.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
from havoc_tools.dsl import ast as A

from havoc_srs.dslbuild import let, name, opts, program
from havoc_srs.families import _common as C
from havoc_srs.families.base import (
    FAILED,
    NOT_CHECKED,
    PASSED,
    AuditLog,
    Check,
    Method,
    Verdict,
    fmt,
    p_text,
)
from havoc_srs.plan import Plan
from havoc_srs.reader.text import split_name

PROTOCOL = "verdict"
name_ = "correlation"
ground_hint = "correlation coefficient Pearson Spearman Kendall"
METHODS = ("pearson", "spearman", "kendall", "partial_correlation")
LABELS = {
    "pearson": "Pearson correlation", "spearman": "Spearman rank correlation",
    "kendall": "Kendall tau-b", "partial_correlation": "partial correlation",
}  # fmt: skip
_SYMBOL = {"pearson": "r", "spearman": "rho", "kendall": "tau", "partial_correlation": "r"}


def _held_constant(reading: Any, ds: Any) -> list[str]:
    """Numeric columns whose words stand inside a control clause ("controlling for air flow"),
    wherever else the question also names them."""
    q = reading.question
    clauses = []
    for cue in C.CONTROL_CUES:
        for m in re.finditer(cue, q.lower()):
            clauses.append(q[m.start() : C.clause_end(q, m.start())].lower())
    out = []
    for m in C.column_mentions(reading):
        said = q[m.start : m.end].lower()
        if m.column in ds.numeric and len(said) >= 3 and any(said in c for c in clauses):
            out.append(m.column)
    return list(dict.fromkeys(out))


def plan(reading: Any, ds: Any) -> Plan:
    p = Plan(family=name_, analysis="correlation")
    ds = C.dataset_for(reading, ds)
    if ds is None:
        return C.need_data(p, "the two numeric columns to correlate")
    cut = C.cue_position(reading.question, C.CONTROL_CUES)
    named = C.ordered_columns(reading, ds.numeric)
    end = C.clause_end(reading.question, cut)
    in_clause = [m.column for m in C.column_mentions(reading)
                 if cut is not None and cut <= m.start < end and m.column in ds.numeric]  # fmt: skip
    after = [m.column for m in C.column_mentions(reading)
             if cut is not None and m.start >= cut and m.column in ds.numeric]  # fmt: skip
    rest = [m.column for m in C.column_mentions(reading)
            if m.column in ds.numeric and m.column not in in_clause]  # fmt: skip
    later = [m.column for m in C.column_mentions(reading)
             if cut is not None and m.start >= end and m.column in ds.numeric]  # fmt: skip
    if cut is not None and len(set(rest)) >= 2 and in_clause:
        controls, before = in_clause, rest  # "controlling for Z, is X related to Y"
    elif cut is not None and not in_clause and len(set(later)) >= 2 and cut < end:
        # "setting aside throughput, is X related to Y": Z is described inside the clause
        before = list(dict.fromkeys(later))[:2]
        found = C.described(reading, ds, ds.numeric, before, 1)
        controls = [m.column for m in reading.mentions
                    if m.column in found and cut <= m.start < end]  # fmt: skip
        if not controls:
            return C.need_columns(p, ds, "which numeric column to control for", ds.numeric)
    else:
        before = [m.column for m in C.ranked(C.column_mentions(reading))
                  if m.column in ds.numeric and (cut is None or m.start < cut)]  # fmt: skip
        controls = after

    fixed = set(C.numeric_filters(reading, ds))  # "(Weekend = 1)": the rows kept, no variable
    fixed |= {m.column for m in reading.mentions
              if m.kind == "value" and m.how == "condition" and m.column in ds.numeric}  # fmt: skip
    if fixed and len([c for c in dict.fromkeys(before) if c not in fixed]) >= 2:
        before = [c for c in before if c not in fixed]
    held = _held_constant(reading, ds)
    if held and len([c for c in dict.fromkeys(before) if c not in held]) >= 2:
        # "air flow drives the loss ... controlling for air flow": named twice, a control
        before = [c for c in before if c not in held]
        controls = list(dict.fromkeys([*controls, *held]))
    if not controls and "partial_correlation" in reading.methods:
        # "partial correlation of X, Y and Z" with no control phrase: the third named is held
        order = list(dict.fromkeys(m.column for m in C.column_mentions(reading)
                                   if m.column in ds.numeric))  # fmt: skip
        if len(order) >= 3:
            controls = order[2:3]
            before = [c for c in order if c not in controls]
    before = list(dict.fromkeys(before))
    if not controls and "partial_correlation" not in reading.methods:
        many = _matrix_columns(reading, ds, before)
        if many:
            return _plan_matrix(p, reading, ds, many)
    if len(before) > 2:  # "copper consumption": a one-word column naming the next one's kind
        from havoc_srs.families.contingency import _modifiers

        before = C.asked_first(reading, [c for c in before if c not in _modifiers(reading, before)])
    pair = before[:2]
    if len(pair) < 2:
        rest = [c for c in named if c not in pair and c not in controls]
        pair += rest[: 2 - len(pair)]
    naming: list[str] = []  # label columns whose value named a score column, not a subset
    if len(pair) < 2:  # "where people put Clinton" on vote = Clinton and clinton_lr: the score
        for m in reading.mentions:
            word = str(m.value).strip().lower()
            hits = [c for c in ds.numeric if word in split_name(c) and c not in pair + controls]
            if m.kind == "value" and len(hits) == 1 and len(pair) < 2:
                pair.append(hits[0])
                naming.append(m.column)
    if len(pair) < 2:
        pair += C.described(reading, ds, ds.numeric, pair + controls, 2 - len(pair))
    if len(pair) < 2:
        others = [c for c in C.analysable(ds, ds.numeric) if c not in pair and c not in controls]
        if len(others) == 2 - len(pair) and len(ds.numeric) - len(controls) <= 2:
            pair += others
            p.notes.append("the table has only these numeric columns, so they were used")
    if len(pair) < 2:
        return C.need_columns(p, ds, "which two numeric columns to correlate", ds.numeric)
    controls = [c for c in dict.fromkeys(controls) if c not in pair]
    cols = pair + controls
    # "only among first-class passengers": the rows of the one value named
    filters = C.row_filters(reading, ds, cols + naming)
    rows = C.filtered(ds, filters).index if filters else ds.frame.index
    if filters:
        p.notes.append(
            "rows restricted to " + ", ".join(f"{ds.header(c)} = {v}" for c, v in filters.items())
        )
    full = ds.frame.loc[rows, cols].dropna()
    dropped = len(rows) - len(full)
    if dropped:
        p.notes.append(
            f"{dropped} row(s) with a blank in {', '.join(cols)} left out (complete pairs only)"
        )
    frame, back = C.analysis_frame(ds, cols)
    frame = frame.loc[rows].dropna()
    x, y = (C.ident_of(back, c) for c in pair)
    ctl = [C.ident_of(back, c) for c in controls]
    alpha = C.alpha_of(reading, p.notes)
    stmts: list[Any] = []
    for m in ("pearson", "spearman", "kendall"):
        stmts.append(let(m, A.Command(verb="correlate", x=name(x), vs=name(y), table="tbl",
                                      options=opts(method=m, alpha=alpha))))  # fmt: skip
    if ctl:
        stmts.append(let("partial_correlation", A.Command(
            verb="partialcorr", x=name(x), vs=name(y), by=tuple(name(c) for c in ctl),
            table="tbl", options=opts(method="pearson", alpha=alpha))))  # fmt: skip
    for v in (x, y):
        if 3 <= len(frame) <= 5000:
            stmts.append(let(f"sw_{v}", A.Command(verb="shapiro", x=name(v), table="tbl")))
    p.program = program(*stmts)
    p.data = {"tbl": frame}
    p.primary = "pearson"
    p.explicit = bool(set(reading.methods) & set(METHODS))
    p.slots = {"x": pair[0], "y": pair[1], "controls": controls, "alpha": alpha,
               "asked": [m for m in reading.methods if m in METHODS]}  # fmt: skip
    p.context = {"columns": [ds.header(c) for c in cols + list(filters)], "x": x, "y": y, "labels": pair,
                 "controls": ctl, "frame": frame, "alpha": alpha}  # fmt: skip
    return p


def argue(p: Plan, results: dict[str, Any]) -> Verdict:
    ctx = p.context
    if ctx.get("matrix"):
        return _argue_matrix(p, results)
    frame = ctx["frame"]
    xs, ys = frame[ctx["x"]].to_numpy(float), frame[ctx["y"]].to_numpy(float)
    n = len(xs)
    lx, ly = ctx["labels"]
    checks = [
        C.size_check("the pairs", n, 3),
        C.normality_check(lx, xs, results.get(f"sw_{ctx['x']}")),
        C.normality_check(ly, ys, results.get(f"sw_{ctx['y']}")),
        C.outlier_check(lx, xs),
        C.outlier_check(ly, ys),
        _ties_check(lx, xs),
        _ties_check(ly, ys),
    ]
    normal = (
        all(c.outcome != FAILED for c in checks[1:3])
        and any(c.outcome == PASSED for c in checks[1:3])
        or (n > 5000)
    )
    no_far = all(c.outcome != FAILED for c in checks[3:5])
    tied = any(c.outcome == FAILED for c in checks[5:7])
    big_enough = n >= 3
    methods = []
    for m in ("pearson", "spearman", "kendall"):
        r = results.get(m)
        if m == "pearson":
            ok = big_enough and normal and no_far
            why = (
                "both variables look normal and have no far outliers"
                if ok
                else "assumes roughly normal variables without far outliers: " + _fails(checks[1:5])
            )
        elif m == "spearman":
            ok = big_enough
            why = "rank-based: needs only a monotone relationship" + (
                "; many ties, Kendall's tau-b handles them better" if tied else ""
            )
        else:
            ok = big_enough
            why = "rank-based, robust to ties and small samples" + (
                "" if n >= 10 else f" (n = {n})"
            )
        if not big_enough:
            why = f"needs at least 3 complete pairs (n = {n})"
        methods.append(_method(m, ok, why, r))
    pr = results.get("partial_correlation")
    if ctx["controls"]:
        ok = big_enough and n > len(ctx["controls"]) + 2
        methods.append(_method("partial_correlation", ok,
                               f"controls for {', '.join(ctx['columns'][2:])}" if ok else
                               "too few rows for the number of control variables", pr))  # fmt: skip
    else:
        methods.append(Method("partial_correlation", False, "no control variable named in the question",
                              label=LABELS["partial_correlation"]))  # fmt: skip
    v = Verdict(checks=checks, methods=methods)
    asked = [m for m in p.slots["asked"] if m in METHODS]
    if ctx["controls"]:
        asked = ["partial_correlation"] + [m for m in asked if m != "partial_correlation"]
    if asked:
        v.rests_on = asked[0]
        meth = v.method(asked[0])
        v.why = "the method you asked for"
        if meth is not None and not meth.applicable:
            v.caveats.append(f"{LABELS[asked[0]]} was asked for but {meth.reason}")
    elif normal and no_far and big_enough:
        v.rests_on, v.why = "pearson", "both variables look normal with no far outliers"
    elif tied or n < 10:
        v.rests_on, v.why = (
            "kendall",
            ("many tied values" if tied else f"a small sample (n = {n})")
            + (", where Kendall's tau-b is the safer rank correlation"),
        )
    else:
        v.rests_on, v.why = (
            "spearman",
            "normality or outlier checks failed, so the rank correlation is used",
        )
    rs = {m.name: m for m in methods if m.statistic is not None}
    if len({(m.p_value or 1) < ctx["alpha"] for m in rs.values() if m.applicable}) > 1:
        v.caveats.append(
            "the applicable methods disagree on significance at alpha = " + fmt(ctx["alpha"])
        )
    return v


def _fails(checks: list[Check]) -> str:
    bad = [f"{c.name} ({c.evidence})" for c in checks if c.outcome == FAILED]
    return "; ".join(bad) or "not enough evidence of normality"


def _ties_check(label: str, x: np.ndarray) -> Check:
    if len(x) < 3:
        return Check(f"ties in {label}", "distinct values", NOT_CHECKED, "too few values")
    distinct = len(np.unique(x))
    share = 1 - distinct / len(x)
    heavy = distinct <= 7 or share > 0.5
    return Check(f"ties in {label}", "distinct values", FAILED if heavy else PASSED,
                 f"{distinct} distinct value(s) among {len(x)}" + (" (ordinal or heavily tied)" if heavy else ""),
                 {"distinct": distinct})  # fmt: skip


def _method(m: str, ok: bool, why: str, r: dict[str, Any] | None) -> Method:
    coef = C.num(r, "r", "rho", "tau", "coefficient", "estimate", "statistic")
    return Method(
        m, ok, why, statistic=coef, p_value=C.num(r, "p_value"), value=coef, label=LABELS[m]
    )


def audit(p: Plan, results: dict[str, Any], v: Verdict) -> AuditLog:
    au = AuditLog()
    ctx = p.context
    if ctx.get("matrix"):
        return _audit_matrix(p, v, au)
    f = ctx["frame"]
    x, y = f[ctx["x"]].to_numpy(float), f[ctx["y"]].to_numpy(float)
    n = len(x)
    if n < 3:
        au.truth("enough pairs to re-derive", False, f"n = {n}")
        return au
    r_p = _pearson(x, y)
    for m in ("pearson", "spearman", "kendall"):
        meth = v.method(m)
        if meth is None or meth.statistic is None:
            au.truth(f"{m} coefficient reported", False, "the tool returned no coefficient")
            continue
        want = {"pearson": r_p, "spearman": _pearson(_rank(x), _rank(y)), "kendall": _tau_b(x, y)}[
            m
        ]
        au.value(f"{m} coefficient (formula)", meth.statistic, want, rel=1e-6, abs_=1e-9)
        au.truth(f"{m} coefficient in [-1, 1]", -1 - 1e-12 <= meth.statistic <= 1 + 1e-12)
        if meth.p_value is not None:
            au.truth(f"{m} p-value in [0, 1]", 0 <= meth.p_value <= 1)
    pm = v.method("pearson")
    if pm and pm.p_value is not None and abs(r_p) < 1:
        from scipy import stats

        t = r_p * np.sqrt((n - 2) / (1 - r_p**2))
        au.value(
            "pearson p-value (t distribution)",
            pm.p_value,
            2 * stats.t.sf(abs(t), n - 2),
            rel=1e-5,
            abs_=1e-12,
        )
    pc = v.method("partial_correlation")
    if pc and pc.statistic is not None and ctx["controls"]:
        z = f[ctx["controls"]].to_numpy(float)
        au.value(
            "partial correlation (residuals)", pc.statistic, _partial(x, y, z), rel=1e-6, abs_=1e-9
        )
    return au


def _pearson(x: np.ndarray, y: np.ndarray) -> float:
    dx, dy = x - x.mean(), y - y.mean()
    den = np.sqrt((dx @ dx) * (dy @ dy))
    return float(dx @ dy / den) if den > 0 else float("nan")


def _rank(x: np.ndarray) -> np.ndarray:
    """Average ranks (ties share their mean rank), by sorting."""
    order = np.argsort(x, kind="mergesort")
    xs = x[order]
    ranks = np.empty(len(x))
    i = 0
    while i < len(x):
        j = i
        while j + 1 < len(x) and xs[j + 1] == xs[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def _tau_b(x: np.ndarray, y: np.ndarray) -> float:
    """Kendall's tau-b by counting concordant and discordant pairs (chunked O(n²))."""
    n = len(x)
    conc = disc = tx = ty = 0.0
    for s in range(0, n, 512):
        dx = np.sign(x[s : s + 512, None] - x[None, :])
        dy = np.sign(y[s : s + 512, None] - y[None, :])
        prod = dx * dy
        conc += (prod > 0).sum()
        disc += (prod < 0).sum()
        tx += ((dx == 0) & (dy != 0)).sum()
        ty += ((dy == 0) & (dx != 0)).sum()
    conc, disc, tx, ty = conc / 2, disc / 2, tx / 2, ty / 2
    den = np.sqrt((conc + disc + tx) * (conc + disc + ty))
    return float((conc - disc) / den) if den > 0 else float("nan")


def _partial(x: np.ndarray, y: np.ndarray, z: np.ndarray) -> float:
    design = np.column_stack([np.ones(len(x)), z])
    rx = x - design @ np.linalg.lstsq(design, x, rcond=None)[0]
    ry = y - design @ np.linalg.lstsq(design, y, rcond=None)[0]
    return _pearson(rx, ry)


def _strength(r: float) -> str:
    a = abs(r)
    return ("very weak" if a < 0.2 else "weak" if a < 0.4 else "moderate" if a < 0.6
            else "strong" if a < 0.8 else "very strong")  # fmt: skip


def answer(p: Plan, results: dict[str, Any], v: Verdict) -> dict[str, Any]:
    ctx = p.context
    if ctx.get("matrix"):
        return _answer_matrix(p, v)
    m = v.method(v.rests_on or "pearson")
    lx, ly = (p.slots["x"], p.slots["y"])
    k: dict[str, Any] = {"method": m.name, "n": int(len(ctx["frame"])), "alpha": ctx["alpha"]}
    if m.statistic is None:
        return {"key_numbers": k, "conclusion": f"{LABELS[m.name]} could not be computed."}
    sym = _SYMBOL[m.name]
    k.update({sym: m.statistic, "coefficient": m.statistic, "p_value": m.p_value,
              "significant": m.p_value is not None and m.p_value < ctx["alpha"]})  # fmt: skip
    for other in v.methods:
        if other.statistic is not None:
            k[f"{other.name}"] = other.statistic
    direction = "positive" if m.statistic > 0 else "negative"
    sig = k["significant"]
    ctl = (
        f" controlling for {', '.join(p.slots['controls'])}"
        if m.name == "partial_correlation"
        else ""
    )
    text = (
        f"{lx} and {ly}{ctl} show a {_strength(m.statistic)} {direction} association "
        f"({LABELS[m.name]} {sym} = {fmt(m.statistic)}, {p_text(m.p_value)}, n = {k['n']}); "
        + ("it is statistically significant" if sig else "it is not statistically significant")
        + f" at alpha = {fmt(ctx['alpha'])}. Based on {LABELS[m.name]}: {v.why}."
    )
    return {"key_numbers": k, "conclusion": text}


# --- a correlation matrix: every pair of three or more named measurements -----------------

# a matrix or table of correlations asked, or the plural "correlations" of several columns
_MATRIX = re.compile(
    r"\bcorr\w*[\s-]+(?:matri(?:x|ces)|table|heat ?map)\b|\bmatri(?:x|ces) of (?:the )?"
    r"(?:pairwise )?correl\w*|\bpairwise (?:\w+ )?correl\w*|\.corr\(|\bcorrelations\b|"
    r"\bcorrelat\w* (?:among|amongst|between all|between each|of all|for all|for each pair)\b|"
    r"\b(?:all|each|every) (?:the )?pairs?\b"
)


def _matrix_columns(reading: Any, ds: Any, named: list[str]) -> list[str]:
    """Three or more numeric columns named with a matrix asked (see ``_MATRIX``): every pair is
    correlated. Two columns, or no word of a matrix, stay a single correlation."""
    q = reading.question
    cols = [c for c in dict.fromkeys(named) if c in C.analysable(ds, ds.numeric)]
    if len(cols) < 3 or not _MATRIX.search(q.lower()) and ".corr(" not in q:
        return []
    return cols


def _plan_matrix(p: Plan, reading: Any, ds: Any, cols: list[str]) -> Plan:
    filters = C.row_filters(reading, ds, cols)
    rows = C.filtered(ds, filters).index if filters else ds.frame.index
    if filters:
        p.notes.append(
            "rows restricted to " + ", ".join(f"{ds.header(c)} = {v}" for c, v in filters.items())
        )
    frame, back = C.analysis_frame(ds, cols)
    frame = frame.loc[rows].dropna()
    dropped = len(rows) - len(frame)
    if dropped:
        p.notes.append(f"{dropped} row(s) with a blank in one of the columns left out")
    ids = [C.ident_of(back, c) for c in cols]
    alpha = C.alpha_of(reading, p.notes)
    pairs = [(i, j) for i in range(len(ids)) for j in range(i + 1, len(ids))]
    stmts: list[Any] = []
    for m in ("pearson", "spearman", "kendall"):
        for i, j in pairs:
            stmts.append(let(f"{m}_{i}_{j}", A.Command(
                verb="correlate", x=name(ids[i]), vs=name(ids[j]), table="tbl",
                options=opts(method=m, alpha=alpha))))  # fmt: skip
    for k, v in enumerate(ids):
        if 3 <= len(frame) <= 5000:
            stmts.append(let(f"sw_{k}", A.Command(verb="shapiro", x=name(v), table="tbl")))
    p.program = program(*stmts)
    p.data = {"tbl": frame}
    p.primary = "pearson"
    p.explicit = bool(set(reading.methods) & set(METHODS))
    p.slots = {"x": cols[0], "y": cols[1], "controls": [], "alpha": alpha,
               "asked": [m for m in reading.methods if m in METHODS]}  # fmt: skip
    p.context = {"columns": [ds.header(c) for c in cols + list(filters)], "matrix": True,
                 "ids": ids, "labels": cols, "pairs": pairs, "frame": frame, "alpha": alpha,
                 "controls": []}  # fmt: skip
    p.notes.append(f"a correlation matrix: every pair of the {len(cols)} columns named")
    return p


def _argue_matrix(p: Plan, results: dict[str, Any]) -> Verdict:
    ctx = p.context
    frame, ids, labels = ctx["frame"], ctx["ids"], ctx["labels"]
    n = len(frame)
    xs = [frame[v].to_numpy(float) for v in ids]
    checks = [C.size_check("the rows", n, 3)]
    normal_checks = [C.normality_check(lb, x, results.get(f"sw_{k}"))
                     for k, (lb, x) in enumerate(zip(labels, xs, strict=True))]  # fmt: skip
    far_checks = [C.outlier_check(lb, x) for lb, x in zip(labels, xs, strict=True)]
    checks += normal_checks + far_checks
    normal = all(c.outcome != FAILED for c in normal_checks) or n > 5000
    no_far = all(c.outcome != FAILED for c in far_checks)
    big = n >= 3
    methods = []
    for m in ("pearson", "spearman", "kendall"):
        coefs, ps = {}, {}
        for i, j in ctx["pairs"]:
            r = results.get(f"{m}_{i}_{j}")
            key = f"{labels[i]} × {labels[j]}"
            coefs[key] = C.num(r, "r", "rho", "tau", "coefficient", "estimate", "statistic")
            ps[key] = C.num(r, "p_value")
        ok = big and (m != "pearson" or (normal and no_far))
        why = ("every pair's coefficient" if ok else
               f"needs at least 3 complete rows (n = {n})" if not big else
               "assumes roughly normal variables without far outliers: " + _fails(checks[1:]))  # fmt: skip
        first = next(iter(coefs))
        methods.append(Method(m, ok, why, statistic=coefs[first], p_value=ps[first],
                              value={"coefficients": coefs, "p_values": ps}, label=LABELS[m]))  # fmt: skip
    v = Verdict(checks=checks, methods=methods)
    asked = [m for m in p.slots["asked"] if m in ("pearson", "spearman", "kendall")]
    if asked:
        v.rests_on, v.why = asked[0], "the method you asked for"
        meth = v.method(asked[0])
        if meth is not None and not meth.applicable:
            v.caveats.append(f"{LABELS[asked[0]]} was asked for but {meth.reason}")
    elif normal and no_far and big:
        v.rests_on, v.why = "pearson", "every variable looks normal with no far outliers"
    else:
        v.rests_on, v.why = (
            "spearman",
            "normality or outlier checks failed, so rank correlations are used",
        )
    return v


def _audit_matrix(p: Plan, v: Verdict, au: AuditLog) -> AuditLog:
    ctx = p.context
    frame, ids, labels = ctx["frame"], ctx["ids"], ctx["labels"]
    n = len(frame)
    if n < 3:
        au.truth("enough rows to re-derive", False, f"n = {n}")
        return au
    xs = [frame[c].to_numpy(float) for c in ids]
    from scipy import stats

    for m in ("pearson", "spearman", "kendall"):
        meth = v.method(m)
        coefs = (meth.value or {}).get("coefficients", {}) if meth else {}
        ps = (meth.value or {}).get("p_values", {}) if meth else {}
        for i, j in ctx["pairs"]:
            key = f"{labels[i]} × {labels[j]}"
            got = coefs.get(key)
            if got is None:
                au.truth(f"{m} {key} reported", False, "the tool returned no coefficient")
                continue
            x, y = xs[i], xs[j]
            want = {"pearson": _pearson(x, y), "spearman": _pearson(_rank(x), _rank(y)),
                    "kendall": _tau_b(x, y)}[m]  # fmt: skip
            au.value(f"{m} {key} (formula)", got, want, rel=1e-6, abs_=1e-9)
            if m == "pearson" and ps.get(key) is not None and abs(want) < 1:
                t = want * np.sqrt((n - 2) / (1 - want**2))
                au.value(f"pearson p-value {key} (t distribution)", ps[key],
                         2 * stats.t.sf(abs(t), n - 2), rel=1e-5, abs_=1e-12)  # fmt: skip
    return au


def _answer_matrix(p: Plan, v: Verdict) -> dict[str, Any]:
    ctx = p.context
    m = v.method(v.rests_on or "pearson")
    coefs = (m.value or {}).get("coefficients", {})
    ps = (m.value or {}).get("p_values", {})
    alpha = ctx["alpha"]
    n = int(len(ctx["frame"]))
    k: dict[str, Any] = {"method": m.name, "n": n, "alpha": alpha, "matrix": coefs,
                         "p_values": ps, "variables": list(ctx["labels"])}  # fmt: skip
    if any(c is None for c in coefs.values()):
        return {"key_numbers": k, "conclusion": f"{LABELS[m.name]} could not be computed."}
    sym = _SYMBOL[m.name]
    parts = []
    for key, r in coefs.items():
        pv = ps.get(key)
        sig = pv is not None and pv < alpha
        parts.append(f"{key}: {sym} = {fmt(r)} ({_strength(r)} {'positive' if r > 0 else 'negative'}, "
                     f"{p_text(pv)}{', significant' if sig else ''})")  # fmt: skip
    strongest = max(coefs, key=lambda key: abs(coefs[key]))
    k["strongest_pair"] = strongest
    text = (
        f"{LABELS[m.name]} matrix of {', '.join(ctx['labels'])} (n = {n}, alpha = {fmt(alpha)}): "
        + "; ".join(parts)
        + f". The strongest association is {strongest}. Based on {LABELS[m.name]}: {v.why}."
    )
    return {"key_numbers": k, "conclusion": text}
