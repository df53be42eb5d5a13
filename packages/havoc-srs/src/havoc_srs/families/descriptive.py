"""Descriptive statistics: mean, median, mode, range, quartiles, IQR, standard deviation,
variance, skewness, kurtosis, CV, min, max and counts, for the columns named, per group where
asked ("median charges by region", "mean yield in Nigeria").

The statistics asked for lead the answer; the others are listed too. AUDIT recomputes each
number with Python's ``statistics`` module and NumPy formulas (a different path from the
pandas/scipy code in havoc-tools).
"""

from __future__ import annotations

import math
import re
import statistics as st
from collections import Counter
from typing import Any

import numpy as np
from havoc_tools.dsl import ast as A

from havoc_srs.dslbuild import let, name, opts, program
from havoc_srs.families import _common as C
from havoc_srs.families.base import FAILED, PASSED, AuditLog, Check, Method, Verdict, fmt
from havoc_srs.plan import Plan
from havoc_srs.reader.thresholds import key_values, restrict, thresholds

PROTOCOL = "verdict"
name_ = "descriptive"
ground_hint = "descriptive statistics mean median standard deviation quartiles"
METHODS = ("mean", "median", "mode", "range", "quartiles", "std", "variance", "skewness", "kurtosis",
           "iqr", "cv", "min", "max", "count", "percentile", "ci_mean")  # fmt: skip
SUMMARY = ["count", "mean", "std", "min", "quartiles", "median", "max"]
_KEY = {"count": "n", "quartiles": ("q1", "q3")}
LABELS = {"mean": "mean", "median": "median", "mode": "mode", "range": "range", "quartiles": "quartiles (Q1, Q3)",
          "std": "standard deviation", "variance": "variance", "skewness": "skewness", "kurtosis": "excess kurtosis",
          "iqr": "interquartile range", "cv": "coefficient of variation", "min": "minimum", "max": "maximum",
          "count": "count", "percentile": "percentile",
          "ci_mean": "confidence interval for the mean (t)"}  # fmt: skip
# a confidence interval asked for the mean (the t interval): "95% CI for the mean", "margin of
# error of the average"; the level from "99%", "90 percent", "at 95% confidence"
_CI_ASK = re.compile(
    r"confidence interval|confidence limits|\bc\.?i\.?\b|margin of error|interval estimate",
    re.IGNORECASE,
)
_CI_LEVEL = re.compile(r"\b(80|90|95|98|99|99\.9)\s*(?:%|percent\b|pct\b)", re.IGNORECASE)
_OTHER_CI = re.compile(
    r"proportion|percentage of|fraction of|share of|median|variance|standard deviation|\bsd\b|"
    r"differen|slope|regression|correlation|odds",
    re.IGNORECASE,
)


def ci_level(question: str) -> float | None:
    """The confidence level of a confidence interval for a mean asked in the question, else None
    (an interval of a proportion, a median, a difference or a slope is not this one)."""
    ask = _CI_ASK.search(question)
    if not ask:
        return None
    # what the interval is of: the words after it ("... for the proportion defective")
    after = question[ask.end() : ask.end() + 45]
    if not re.search(r"\b(?:mean|average|avg)\b", after, re.I) and (
        _OTHER_CI.search(after) or _OTHER_CI.search(question[: ask.start()][-30:])
    ):
        return None
    m = _CI_LEVEL.search(question)
    return float(m.group(1)) / 100 if m else 0.95


# a percentile asked by its number: "the 90th percentile", "P95", "10th and 90th centiles",
# "the 0.9 quantile", "the top decile" (the 90th), "bottom 5%" is not one (a share of rows)
_PERCENTILE = re.compile(
    r"\b(\d{1,2}(?:\.\d+)?)\s*(?:st|nd|rd|th|%)?\s*(?:and\s+(\d{1,2}(?:\.\d+)?)\s*(?:st|nd|rd|th|%)?\s*)?"
    r"(?:percentiles?|centiles?|pctl)\b|\bp(\d{1,2})\b(?=\s*(?:of|for|and|,|\?|$))|"
    r"\b(0?\.\d{1,3})\s*(?:quantile|fractile)\b",
    re.IGNORECASE,
)
_QUARTILE_WORDS = re.compile(r"quartile|\biqr\b|interquartile|\bq1\b|\bq3\b|five[- ]number", re.I)


def asked_percentiles(question: str) -> list[float]:
    """The percentiles a question asks for by number (0-100 exclusive), in order, once each."""
    out: list[float] = []
    for m in _PERCENTILE.finditer(question):
        if m.group(4):
            vals = [float(m.group(4)) * 100]
        else:
            vals = [float(v) for v in (m.group(1), m.group(2), m.group(3)) if v]
        out += [v for v in vals if 0 < v < 100 and v not in out]
    return out


_CONTRAST = re.compile(
    r"\W*(vs\.?|versus|and|or|against|compared (to|with))\s+((for|among|in|with|from)\s+)?"
    r"(the\s+)?(non[- ]?[a-z]|"
    # "the legendary vs the regular monsters": a yes/no column set against its other rows
    r"(regular|ordinary|normal|other|others|rest|remaining|standard)\b)",
    re.I,
)
_NEGATED = re.compile(r"\w\s*(vs\.?|versus|and|or|against)\s+(the\s+)?non[- ]?$", re.I)


def _right_after_cue(question: str, start: int) -> bool:
    """A numeric column of few levels splits the rows only when a grouping cue stands right
    before it ("per number of rooms"); "for each room type, the typical minimum stay" summarises
    minimum_nights per room type."""
    return any(
        0 <= start - m.end() <= 5
        for cue in C.GROUP_CUES
        for m in re.finditer(cue, question.lower())
    )


def _row_names(ds: Any, column: str) -> bool:
    """A label column that names each row (``Player``: one distinct value a row)."""
    col = ds.frame[column].dropna()
    return column in ds.labels and len(col) >= 10 and col.nunique() == len(col)


def _unit_nouns(reading: Any) -> set[str]:
    """ "How much does a household spend on food": a header word after "a" / "each" / "every"
    and before a verb is the unit measured (one household), not ``household_income``."""
    q = reading.question
    out = set()
    for m in C.column_mentions(reading):
        if not m.how.startswith("distinctive"):
            continue
        before = re.search(r"\b(a|an|each|every|one)\s+$", q[: m.start].lower())
        after = re.match(r"\s+(spends?|earns?|pays?|uses?|buys?|gets?|takes?|needs?|has|have|"
                         r"makes?|owns?|consumes?|eats?|drinks?)\b", q[m.end :].lower())  # fmt: skip
        if before and after:
            out.add(m.column)
    return out


# what the values are pooled over, just before a column's name ("over inspectors and", "across
# all", "regardless of the")
_POOLED = re.compile(
    r"\b(?:(?:pooled|averaged|aggregated|summed|combined) (?:over|across)|over|across all|"
    r"regardless of|irrespective of|ignoring|whatever)\s+(?:the\s+|all\s+|each\s+)?"
    r"(?:[\w-]+\s*(?:,|and|or)\s+(?:the\s+)?)?$",
    re.I,
)


def plan(reading: Any, ds: Any) -> Plan:
    p = Plan(family=name_, analysis="descriptive")
    ds = C.dataset_for(reading, ds)
    level = ci_level(reading.question)
    if ds is None and level is not None:  # "95% CI for the mean given n = 16, x̄ = 24.3, s = 2.1"
        from havoc_srs.reader.summaries import summaries

        typed = summaries(reading.question)
        if len(typed) == 1:
            return _plan_ci_summary(p, typed[0], level)
    if ds is None:
        return C.need_data(p, "the column(s) to summarise")
    asked = [s for s in reading.statistic if s in METHODS] or list(SUMMARY)
    if level is not None:  # "95% CI for the mean": the t interval (with the mean itself)
        asked = [a for a in asked if a not in SUMMARY or reading.statistic or a == "mean"]
        asked = list(dict.fromkeys(["mean", *asked, "ci_mean"]))
    pcts = asked_percentiles(reading.question)
    if pcts and set(pcts) - {25.0, 50.0, 75.0}:
        # "the 90th percentile": that percentile, not the quartiles the word "percentile" reads as
        keep_q = bool(_QUARTILE_WORDS.search(reading.question))
        said_median = bool(re.search(r"\bmedians?\b", reading.question, re.I))
        asked = [
            a for a in asked if (keep_q or a != "quartiles") and (said_median or a != "median")
        ]
        asked = [a for a in asked if a not in SUMMARY or reading.statistic] or []
        asked.append("percentile")
    else:
        pcts = []
    gcol, gvals = C.value_groups(reading, ds)
    cut = C.cue_position(reading.question, C.GROUP_CUES)
    named = [m.column for m in C.column_mentions(reading)]
    by = None
    group_named = [m.column for m in C.column_mentions(reading)
                   if cut is not None and m.start > cut and C.groupable(ds, m.column)
                   and (m.column in ds.labels or _right_after_cue(reading.question, m.start))]  # fmt: skip
    # "for smokers vs non-smokers", "members and non-members": a column named with its negation
    # splits the rows
    group_named += [m.column for m in C.column_mentions(reading)
                    if C.groupable(ds, m.column) and m.column not in group_named
                    and (_CONTRAST.match(reading.question[m.end:])
                         or _NEGATED.search(reading.question[: m.start]))]  # fmt: skip
    # "average length per leg (over inspectors and trials)", "regardless of shift": columns
    # the values are pooled over, neither summarised nor a split
    pooled = {
        m.column
        for m in C.column_mentions(reading)
        if _POOLED.search(reading.question[max(0, m.start - 60) : m.start])
    }
    if pooled and [c for c in dict.fromkeys(named) if c not in pooled]:
        named = [c for c in named if c not in pooled]
        group_named = [c for c in group_named if c not in pooled]
    targets = [c for c in dict.fromkeys(named) if c not in group_named]
    # "the most common RAM size across the phones": the rows' own noun ("phones" for brand) is
    # who is measured, not a second column summarised
    population = {
        m.column for m in C.column_mentions(reading) if m.how.startswith("group described")
    } | _unit_nouns(reading)
    if any(c not in population for c in targets):
        targets = [c for c in targets if c not in population or c in group_named]
    if (
        "mode" in asked
        and {"min", "max"} & set(asked)
        and targets
        and all(c in ds.labels for c in targets)
    ):  # "the busiest weekday (mode)": a category's superlative is its most frequent level
        asked = [a for a in asked if a not in ("min", "max")]
    if set(asked) - {"count", "mode"}:  # a mean of "the welds" is not a mean of Welder
        targets = [c for c in targets if c in ds.numeric]
    if group_named:
        by = group_named[0]
    elif gcol is not None and len(gvals) >= 2:  # "in Kenya and Brazil": one row per value
        by = gcol
    if by is not None and len(targets) > 1:
        targets = [c for c in targets if c != by]  # the group column is not summarised
    if set(asked) - {"count", "mode"} and targets and not C.analysable(ds, targets):
        # "the averages for the two years": Year splits the rows, it is not summarised
        if by is None and C.groupable(ds, targets[0]):
            by = targets[0]
        targets = []
    full = {m.column for m in C.column_mentions(reading)
            if not m.how.startswith(("distinctive", "group described"))}  # fmt: skip
    if any(c in full for c in targets):  # "household spend on food": food_expenditure only
        targets = [c for c in targets if c in full]
    if not targets and by is not None and set(asked) <= {"count", "mode"}:
        targets = [by] if asked != ["count"] else []
    if not targets and asked != ["count"]:
        targets = C.described(reading, ds, ds.numeric, [by] if by else [], 1)
    if not targets and asked != ["count"] and any(m.kind == "value" for m in reading.mentions):
        measure = C.value_column(ds, [by] if by else [])  # "mean maize yield in Kenya"
        targets = [measure] if measure else []
    if not targets:
        if len(C.analysable(ds, ds.numeric)) == 1:
            targets = C.analysable(ds, ds.numeric)
            p.notes.append(
                f"{ds.header(targets[0])} is the only numeric column, so it was summarised"
            )
        elif asked == ["count"]:
            targets = []
        else:
            return C.need_columns(p, ds, "which column(s) to summarise", ds.numeric + ds.labels)
    frame = ds.frame
    if by is not None and gvals and by == gcol:
        frame = frame[frame[by].isin(gvals)]
    filters = C.row_filters(reading, ds, [by] if by else [])
    filters |= {c: v for c, v in key_values(reading, ds).items() if c != by}  # "in 2015"
    if set(asked) - {"count", "mode"} and not filters and by is None:
        from havoc_srs.families.distribution import _yes_subset

        filters = _yes_subset(reading, ds)  # "turns for rated games only": rated == True
    if set(asked) - {"count", "mode"} and any(c not in filters for c in targets):
        targets = [c for c in targets if c not in filters]  # "tip if payment_type == 1"
    excluded = C.excluded_values(reading, ds)  # "excluding School B": the other rows
    filters = {c: v for c, v in filters.items() if v not in excluded.get(c, ())}
    if by in excluded:
        excluded.pop(by)
    conds = thresholds(reading, ds)  # "rows with a score above 80"
    # "more than 3 bedrooms": the number belongs to the condition, not to a key value
    filters = {c: v for c, v in filters.items() if c not in {t.column for t in conds}}
    if filters:  # "mean yield of maize" -> the rows of maize
        for c, v in filters.items():
            frame = frame[frame[c] == v]
        p.notes.append(
            "rows restricted to " + ", ".join(f"{ds.header(c)} = {v}" for c, v in filters.items())
        )
    for c, vs in excluded.items():
        frame = frame[~frame[c].isin(vs)]
        p.notes.append(f"rows of {ds.header(c)} = {', '.join(map(str, vs))} set aside")
    if conds:
        frame = restrict(frame, conds)
        p.notes.append(
            "rows restricted to " + ", ".join(t.text(ds.header(t.column)) for t in conds)
        )
        kept = [c for c in targets if c not in {t.column for t in conds}]
        targets = kept or targets  # "mean price with more than 3 bedrooms": price only
    if by is not None and asked == ["count"]:
        # "how many players does each team have": the rows' own names (one per row) are who
        # is counted per group, not a column summarised
        targets = [c for c in targets if not _row_names(ds, c)]
    numeric_t = [c for c in targets if c in ds.numeric]
    label_t = [c for c in targets if c not in ds.numeric]
    if numeric_t and not set(asked) & {"count", "mode"}:
        label_t = []  # "poverty rate across the states": State is not summarised
    label_t = [c for c in label_t if c != by]  # counted per group already
    cols = list(
        dict.fromkeys(
            numeric_t
            + label_t
            + ([by] if by else [])
            + [c for c in filters if c not in targets and c != by]
            + [c for c in excluded if c not in targets and c != by and c not in filters]
            + [t.column for t in conds if t.column not in targets and t.column != by]
        )
    )
    sub, back = C.analysis_frame(ds, cols) if cols else (frame.iloc[:, :0], {})
    sub = sub.loc[frame.index] if cols else sub
    stmts: list[Any] = []
    ci_vectors: dict[str, Any] = {}
    ci_names: dict[tuple[str, str], str] = {}
    for c in numeric_t:
        x = C.ident_of(back, c)
        g = (name(C.ident_of(back, by)),) if by else ()
        o = opts(percentiles=pcts) if pcts else ()
        stmts.append(
            let(f"d_{x}", A.Command(verb="describe", x=name(x), by=g, table="tbl", options=o))
        )
        if level is not None:
            alpha = round(1 - level, 6)
            ci_opts = opts(mu=0, alpha=alpha)
            if not by:
                stmts.append(let(f"ci_{x}", A.Command(verb="ttest", x=name(x), table="tbl",
                                                      options=ci_opts)))  # fmt: skip
            else:  # one interval per group: each group's values as a sample of its own
                gcol = sub[C.ident_of(back, by)]
                for i, lv in enumerate(dict.fromkeys(gcol.dropna().tolist())):
                    vals = sub.loc[gcol == lv, x].dropna().to_numpy(dtype=float)
                    ci_vectors[f"g_{x}_{i}"] = vals
                    ci_names[(c, str(lv))] = f"ci_{x}_{i}"
                    stmts.append(let(f"ci_{x}_{i}", A.Command(verb="ttest", x=name(f"g_{x}_{i}"),
                                                              options=ci_opts)))  # fmt: skip
    p.program = program(*stmts) if stmts else None
    p.data = {"tbl": sub, **ci_vectors}
    p.slots = {"columns": targets, "by": by, "groups": [str(v) for v in gvals], "asked": asked,
               "ci_level": level}  # fmt: skip
    p.context = {"columns": [ds.header(c) for c in cols], "frame": sub, "back": back,
                 "numeric": numeric_t, "labels": label_t, "by": by, "rows_total": len(frame),
                 "idents": {c: C.ident_of(back, c) for c in cols}, "ci_names": ci_names}  # fmt: skip
    if not stmts:
        p.notes.append("counted without a numeric summary (no numeric column asked)")
    return p


def _rows(p: Plan, results: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for c in p.context["numeric"]:
        r = results.get(f"d_{p.context['idents'][c]}") or {}
        for row in r.get("rows", []):
            out.append(row | {"column": c})
    return out


def _value(row: dict[str, Any], stat: str) -> Any:
    if stat == "percentile":
        return {f"P{k}": v for k, v in (row.get("percentiles") or {}).items()} or None
    key = _KEY.get(stat, stat)
    if isinstance(key, tuple):
        return {k: row.get(k) for k in key}
    return row.get(key)


def argue(p: Plan, results: dict[str, Any]) -> Verdict:
    if p.analysis == "ci_summary":
        return _ci_summary_verdict(p, results)
    rows = _rows(p, results)
    checks: list[Check] = []
    methods: list[Method] = []
    for row in rows:
        label = row["column"] + (f" [{row['group']}]" if row.get("group") is not None else "")
        checks.append(Check(f"values in {label}", "n ≥ 1", PASSED if row["n"] >= 1 else FAILED,
                            f"n = {row['n']}, {row['n_missing']} blank"))  # fmt: skip
    single = len(rows) == 1
    for stat in METHODS:
        if not rows:
            break
        vals = {_label(r): _value(r, stat) for r in rows}
        ok = all(v is not None and v != [] for v in vals.values())
        why = "computed"
        if stat == "mode":
            notes = {r.get("mode_note", "") for r in rows}
            why = "; ".join(n for n in notes if n) or "computed"
            ok = ok and not any(
                "no mode" in (r.get("mode_note") or "")
                or "all values" in (r.get("mode_note") or "")
                for r in rows
            )
        if stat in ("skewness", "kurtosis", "std", "variance", "cv") and not ok:
            why = "undefined for these values (too few, constant, or a zero mean for CV)"
        value = next(iter(vals.values())) if single else vals
        methods.append(Method(stat, ok, why, value=value, label=LABELS[stat]))
    methods = [m for m in methods if m.name != "ci_mean"]
    if p.slots.get("ci_level") is not None and rows:
        ivs = {}
        for r in rows:
            res = results.get(_ci_name(p, r)) or {}
            if res.get("ci_low") is not None:
                ivs[_label(r)] = {"low": res["ci_low"], "high": res["ci_high"],
                                  "level": p.slots["ci_level"]}  # fmt: skip
        ok = len(ivs) == len(rows)
        methods.append(Method(
            "ci_mean", ok, "the t interval, mean ± t(1 − α/2, n − 1) · s/√n" if ok
            else "not computed (fewer than 2 values)",
            value=(next(iter(ivs.values())) if len(ivs) == 1 else ivs) if ivs else None,
            label=LABELS["ci_mean"]))  # fmt: skip
    for c in p.context["labels"]:
        col = p.context["frame"][p.context["idents"][c]].dropna().astype(str)
        counts = col.value_counts()
        top = counts[counts == counts.max()].index.tolist() if len(counts) else []
        methods.append(
            Method(
                "count",
                True,
                f"{c}: {len(col)} non-blank value(s), {len(counts)} distinct",
                value=int(len(col)),
            )
        )
        methods.append(Method("mode", bool(top), f"{c}: most frequent category" if top else f"{c}: empty",
                              value={"mode": top, "frequency": int(counts.max()) if len(counts) else 0}))  # fmt: skip
    by = p.context["by"]
    if not rows and not p.context["labels"] and by is not None:
        # "how many rows for each team": the rows counted per group, not the table's total
        col = p.context["frame"][p.context["idents"][by]].dropna().astype(str)
        per = {str(g): int(n) for g, n in col.value_counts(sort=False).sort_index().items()}
        methods.append(Method("count", bool(per), f"rows per {by}", value=per))
    elif not rows and not p.context["labels"]:
        methods.append(
            Method("count", True, "rows in the table", value=int(p.context["rows_total"]))
        )
    got = {m.name for m in methods if m.applicable}
    missing = [a for a in p.slots["asked"] if a not in got]
    checks.append(Check(
        "statistics asked", "each one computed", FAILED if missing else PASSED,
        f"not computed: {', '.join(missing)}" if missing else
        f"computed: {', '.join(p.slots['asked'])}"))  # fmt: skip
    v = Verdict(
        checks=checks,
        methods=methods,
        rests_on=p.slots["asked"][0],
        why="the statistic you asked for",
    )
    return v


def _plan_ci_summary(p: Plan, sm: Any, level: float) -> Plan:
    """The t interval of a mean from its typed summary (n, mean, sd), through havoc-tools'
    one-sample t on summary statistics."""
    p.analysis = "ci_summary"
    cmd = A.Command(verb="tsummary", options=opts(n=sm.n, mean=sm.mean, sd=sm.sd, mu=0,
                                                  alpha=round(1 - level, 6)))  # fmt: skip
    p.program = program(let("ci_summary", cmd))
    p.data = {}
    p.slots = {"columns": [], "by": None, "groups": [], "asked": ["ci_mean"], "ci_level": level}
    p.context = {"summary": {"n": sm.n, "mean": sm.mean, "sd": sm.sd}, "columns": []}
    p.notes.append(f"summary statistics typed: n = {sm.n}, mean = {sm.mean:g}, sd = {sm.sd:g}")
    return p


def _ci_summary_verdict(p: Plan, results: dict[str, Any]) -> Verdict:
    r = results.get("ci_summary") or {}
    sm = p.context["summary"]
    ok = r.get("ci_low") is not None
    iv = {"low": r.get("ci_low"), "high": r.get("ci_high"), "level": p.slots["ci_level"]}
    checks = [Check("sample size", "n ≥ 2", PASSED if sm["n"] >= 2 else FAILED, f"n = {sm['n']}"),
              Check("standard deviation", "sd > 0", PASSED if sm["sd"] > 0 else FAILED,
                    f"sd = {fmt(sm['sd'])}")]  # fmt: skip
    m = Method("ci_mean", ok, "the t interval, mean ± t(1 − α/2, n − 1) · s/√n",
               value=iv if ok else None, label=LABELS["ci_mean"])  # fmt: skip
    return Verdict(checks=checks, methods=[m], rests_on="ci_mean", why="the interval you asked for")


def _ci_name(p: Plan, row: dict[str, Any]) -> str:
    """The statement holding the t interval of a described row (of its group, if any)."""
    if row.get("group") is not None:
        return p.context.get("ci_names", {}).get((row["column"], str(row["group"])), "")
    return f"ci_{p.context['idents'][row['column']]}"


def _label(r: dict[str, Any]) -> str:
    return r["column"] + (f" [{r['group']}]" if r.get("group") is not None else "")


def audit(p: Plan, results: dict[str, Any], v: Verdict) -> AuditLog:
    au = AuditLog()
    if p.analysis == "ci_summary":
        from scipy.stats import t as t_dist

        sm, r = p.context["summary"], results.get("ci_summary") or {}
        if r.get("ci_low") is None:
            au.truth("an interval to re-derive", False, "no interval was returned")
            return au
        half = (
            t_dist.ppf(0.5 + p.slots["ci_level"] / 2, sm["n"] - 1) * sm["sd"] / math.sqrt(sm["n"])
        )
        au.value("CI low (mean − t·s/√n)", r["ci_low"], sm["mean"] - half, rel=1e-7)
        au.value("CI high (mean + t·s/√n)", r["ci_high"], sm["mean"] + half, rel=1e-7)
        return au
    f, idents, by = p.context["frame"], p.context["idents"], p.context["by"]
    for row in _rows(p, results):
        x = f[idents[row["column"]]]
        if by is not None and row.get("group") is not None:
            x = x[f[idents[by]].astype(str) == str(row["group"])]
        x = [float(t) for t in x.dropna()]
        lab = _label(row)
        if not x:
            au.truth(f"{lab}: values present", False)
            continue
        au.value(f"{lab} n", row["n"], len(x))
        au.value(f"{lab} mean (statistics.fmean)", row["mean"], st.fmean(x))
        au.value(f"{lab} median (statistics.median)", row["median"], st.median(x))
        au.value(f"{lab} min", row["min"], min(x))
        au.value(f"{lab} max", row["max"], max(x))
        if len(x) >= 2:
            au.value(f"{lab} std (statistics.stdev)", row["std"], st.stdev(x))
            au.value(f"{lab} variance (statistics.variance)", row["variance"], st.variance(x))
            q = st.quantiles(x, n=4, method="inclusive")
            if "linear" in str(
                (results.get(f"d_{idents[row['column']]}") or {}).get("quantile_method", "linear")
            ):
                au.value(f"{lab} Q1 (statistics.quantiles)", row["q1"], q[0])
                au.value(f"{lab} Q3 (statistics.quantiles)", row["q3"], q[2])
        ci = results.get(_ci_name(p, row))
        if ci and p.slots.get("ci_level") is not None and len(x) >= 2:
            from scipy.stats import t as t_dist

            half = (
                t_dist.ppf(0.5 + p.slots["ci_level"] / 2, len(x) - 1)
                * st.stdev(x)
                / math.sqrt(len(x))
            )
            au.value(f"{lab} CI low (mean − t·s/√n)", ci["ci_low"], st.fmean(x) - half, rel=1e-7)
            au.value(f"{lab} CI high (mean + t·s/√n)", ci["ci_high"], st.fmean(x) + half, rel=1e-7)
        for key, got in (row.get("percentiles") or {}).items():
            minitab = (
                "minitab"
                in str(
                    (results.get(f"d_{idents[row['column']]}") or {}).get("quantile_method", "")
                ).lower()
            )
            au.value(f"{lab} P{key} (order statistics by hand)", got,
                     _percentile_by_hand(x, float(key), minitab), rel=1e-9, abs_=1e-12)  # fmt: skip
        modes = st.multimode(x)
        if row.get("mode") and len(modes) < len(x):
            au.truth(
                f"{lab} mode (statistics.multimode)",
                sorted(row["mode"]) == sorted(modes),
                f"{row['mode'][:5]} vs {modes[:5]}",
            )
        if len(x) >= 3 and row.get("skewness") is not None:
            g1, g2 = _shape(np.asarray(x))
            au.value(
                f"{lab} skewness (adjusted Fisher–Pearson)",
                row["skewness"],
                g1,
                rel=1e-6,
                abs_=1e-9,
            )
            if len(x) >= 4 and row.get("kurtosis") is not None:
                au.value(
                    f"{lab} excess kurtosis (adjusted)", row["kurtosis"], g2, rel=1e-6, abs_=1e-9
                )
    for c in p.context["labels"]:
        col = [str(t) for t in f[idents[c]].dropna()]
        counts = Counter(col)
        top = max(counts.values()) if counts else 0
        m = next(
            (
                m
                for m in v.methods
                if m.name == "mode" and isinstance(m.value, dict) and m.reason.startswith(c)
            ),
            None,
        )
        if m is not None:
            au.truth(
                f"{c} most frequent (Counter)",
                sorted(m.value["mode"]) == sorted(k for k, n in counts.items() if n == top),
            )
    if not au.checks and v.methods:
        m = v.methods[0]
        if isinstance(m.value, dict) and by is not None:  # rows per group
            counts = Counter(str(t) for t in f[idents[by]].dropna())
            au.truth("rows per group (Counter)", m.value == dict(counts), f"{m.value}")
            au.truth("groups sum to the rows", sum(m.value.values()) <= p.context["rows_total"])
        else:
            au.truth("row count", m.value == p.context["rows_total"], f"{m.value}")
    return au


def _percentile_by_hand(x: list[float], pct: float, minitab: bool) -> float:
    """The percentile from the sorted values: position 1 + (n - 1)p (R type 7), or Minitab's
    (n + 1)p clamped to the ends (R type 6), interpolating between neighbours."""
    v = sorted(x)
    n = len(v)
    pos = (n + 1) * pct / 100 if minitab else 1 + (n - 1) * pct / 100
    pos = min(max(pos, 1.0), float(n))
    lo = int(math.floor(pos))
    frac = pos - lo
    return v[lo - 1] if lo >= n else v[lo - 1] + frac * (v[lo] - v[lo - 1])


def _shape(x: np.ndarray) -> tuple[float, float]:
    n = len(x)
    d = x - x.mean()
    m2, m3, m4 = (d**2).mean(), (d**3).mean(), (d**4).mean()
    if m2 == 0:
        return float("nan"), float("nan")
    g1 = m3 / m2**1.5 * math.sqrt(n * (n - 1)) / (n - 2)
    g2 = ((n + 1) * (m4 / m2**2 - 3) + 6) * (n - 1) / ((n - 2) * (n - 3)) if n > 3 else float("nan")
    return float(g1), float(g2)


def answer(p: Plan, results: dict[str, Any], v: Verdict) -> dict[str, Any]:
    asked = p.slots["asked"]
    k: dict[str, Any] = {"statistics": asked}
    parts = []
    for stat in asked:
        ms = [m for m in v.methods if m.name == stat]
        for m in ms:
            k.setdefault(stat, m.value)
            parts.append(
                f"{LABELS[stat]}"
                + (f" ({m.reason.split(':')[0]})" if ":" in m.reason else "")
                + f": {_show(m.value)}"
            )
    cols = ", ".join(p.slots["columns"]) or "the table"
    by = f" by {p.slots['by']}" if p.slots["by"] else ""
    text = (
        f"{cols}{by} — " + "; ".join(parts) + "."
        if parts
        else f"No statistics could be computed for {cols}."
    )
    if p.analysis == "ci_summary":
        k["n"] = p.context["summary"]["n"]
        k["mean"] = p.context["summary"]["mean"]
        text = (
            f"Mean {fmt(p.context['summary']['mean'])} (n = {p.context['summary']['n']}, "
            f"sd = {fmt(p.context['summary']['sd'])}): " + "; ".join(parts) + "."
            if parts
            else text
        )
    elif rows := _rows(p, results):
        k["n"] = {_label(r): r["n"] for r in rows} if len(rows) > 1 else rows[0]["n"]
    return {"key_numbers": k, "conclusion": text}


def _show(v: Any) -> str:
    if isinstance(v, dict):
        if set(v) == {"q1", "q3"}:
            return f"Q1 = {fmt(v['q1'])}, Q3 = {fmt(v['q3'])}"
        if set(v) == {"low", "high", "level"}:
            return f"{v['level']:.0%} CI [{fmt(v['low'])}, {fmt(v['high'])}]"
        if "mode" in v and "frequency" in v:
            return f"{', '.join(map(str, v['mode'][:5]))} ({v['frequency']} times)"
        return "; ".join(f"{g}: {_show(x)}" for g, x in list(v.items())[:12])
    if isinstance(v, list):
        return ", ".join(fmt(t) for t in v[:5]) + (" ..." if len(v) > 5 else "") if v else "none"
    return fmt(v)
