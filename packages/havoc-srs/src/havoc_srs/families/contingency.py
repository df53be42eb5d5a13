"""Association between two categorical columns: chi-square test of independence (with the
expected-count check), Fisher's exact test for 2×2 tables and Mantel–Haenszel for 2×2 tables
stratified by a third column.

Reading: the two label columns named (a numeric column with at most 10 levels counts as a
label), a strata column named after "stratified by", "within each", "controlling for"; a count
table typed into the question ("men: 30 yes, 20 no; women: 25 yes, 35 no") or a table that is
itself a count table (one label column, count columns) is used as the table. AUDIT recomputes
chi-square from observed and expected counts, Fisher's p-value from the hypergeometric
probabilities, and the pooled Mantel–Haenszel odds ratio from its formula. Counts per category
typed with a goodness-of-fit ask ("fair?", "expected 9:3:3:1") run the chi-square goodness of
fit instead (``families/_gof.py``).
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import pandas as pd
from havoc_tools.dsl import ast as A

from havoc_srs.dslbuild import let, name, opts, program, val
from havoc_srs.families import _common as C
from havoc_srs.families.base import FAILED, PASSED, AuditLog, Check, Method, Verdict, fmt, p_text
from havoc_srs.plan import Plan

PROTOCOL = "verdict"
name_ = "contingency"
ground_hint = "contingency table chi-square test of independence Fisher exact"
METHODS = ("chi2_independence", "fisher_exact", "mantel_haenszel")
LABELS = {"chi2_independence": "chi-square test of independence",
          "fisher_exact": "Fisher's exact test", "mantel_haenszel": "Mantel–Haenszel test"}  # fmt: skip


def _categorical(ds: Any) -> list[str]:
    # a label unique to each row names the rows (household H001, H002, ...): no category
    rows = [c for c in ds.labels if len(ds.frame) >= 10 and ds.n_levels(c) == ds.frame[c].count()]
    return [c for c in ds.labels if c not in rows] + [c for c in ds.numeric if ds.n_levels(c) <= 10]


def _modifiers(reading: Any, pair: list[str]) -> set[str]:
    """Columns named by a single word that stands right before another column's name ("gender
    against travel class" on Type of Travel and Class): that word modifies the noun after it."""
    ms = [m for m in reading.mentions if m.kind == "column" and m.column in pair]
    out = set()
    for m in ms:
        gap = [o for o in ms if o.column != m.column and 0 < o.start - m.end <= 1]
        if gap and " " not in reading.question[m.start : m.end].strip():
            out.add(m.column)
    return out


# "with Z as (the) strata", "Z as the stratification variable", "treating Z as layers"
_AS_STRATA = re.compile(
    r"\b(?:as|for) (?:the |our |a |my )?(?:strat(?:a|um|ification|ifier|ifying)\w*|layers?|"
    r"blocks?|conditioning (?:variable|factor))\b",
    re.I,
)


def _named_as_strata(question: str, mentions: list[Any]) -> str | None:
    """The column named right before "as strata" / "as the stratification variable" (at most
    six words back, in the same clause): the stratum, though the cue comes after it."""
    cue = _AS_STRATA.search(question)
    if cue is None:
        return None
    before = [m for m in mentions if m.end <= cue.start()]
    if not before:
        return None
    last = max(before, key=lambda m: m.end)
    gap = question[last.end : cue.start()]
    if re.search(r"[,;.?!]", gap) or len(gap.split()) > 6:
        return None
    return last.column


# a column named as the place or set the rows come from: "at our clinics", "across the stores"
_SETTING = re.compile(
    r"\b(?:at|in|across|among|from|within|over) (?:our|the|all|their|its|these|those|all the|"
    r"all our|each of the|both)\s+$"
)


def _drop_setting(reading: Any, pair: list[str]) -> list[str]:
    """Columns named only as the setting of the rows ("at our clinics") leave the pair when
    another column has two or more of its values named and compared ("cats ... than dogs"):
    those values are one side of the table, the setting is no variable of it."""
    q = reading.question.lower()
    values: dict[str, set[str]] = {}
    for m in reading.mentions:
        if m.kind == "value":
            values.setdefault(m.column, set()).add(str(m.value))
    compared = {c for c, v in values.items() if len(v) >= 2 and c in pair}
    if not compared:
        return pair
    named = [m for m in reading.mentions if m.kind == "column" and m.column in pair]
    setting = {
        c for c in pair
        if c not in compared and (ms := [m for m in named if m.column == c])
        and all(_SETTING.search(q[max(0, m.start - 30) : m.start]) for m in ms)
    }  # fmt: skip
    kept = [c for c in pair if c not in setting]
    return kept if len(kept) >= 2 else pair


_GROUPED = re.compile(
    r"\b(?:across|by|over|per|within)\s+(?:the\s+|all\s+|our\s+|its\s+|each\s+)?([a-z][\w-]*)"
)


def _grouped_by(reading: Any, pair: list[str]) -> str | None:
    """The one column of ``pair`` (more than two) that a stratified test names after
    "across", "by", "over", "per" or "within" ("Cochran-Mantel-Haenszel across sites",
    "MH by clinic"): the word after it is one of the column's header words; None when no
    column or several are named so."""
    from havoc_srs.reader.text import split_name, word_match

    hits = set()
    for g in _GROUPED.finditer(reading.question.lower()):
        word = g.group(1)
        for c in pair:
            if any(word_match(word, w) >= 0.9 for w in split_name(str(c)) if len(w) >= 3):
                hits.add(c)
    return next(iter(hits)) if len(hits) == 1 else None


def _whole(ds: Any, column: str) -> bool:
    v = ds.frame[column].dropna().to_numpy(dtype=float)
    return len(v) > 0 and bool((v == np.round(v)).all())


def _count_matrix(ds: Any) -> pd.DataFrame | None:
    """A table that is itself a contingency table: one label column and integer count columns."""
    if len(ds.labels) != 1 or len(ds.numeric) < 2 or len(ds.frame) > 30:
        return None
    nums = ds.frame[ds.numeric]
    if (
        nums.isna().any().any()
        or not (nums.to_numpy() == np.round(nums.to_numpy())).all()
        or (nums < 0).any().any()
    ):
        return None
    return nums.set_axis(ds.frame[ds.labels[0]].astype(str).to_list(), axis=0)


def plan(reading: Any, ds: Any) -> Plan:
    p = Plan(family=name_, analysis="contingency")
    alpha = C.alpha_of(reading, p.notes)
    asked = [m for m in reading.methods if m in METHODS]
    p.explicit = bool(asked)
    gof = getattr(reading, "gof", None)
    if gof is not None and (ds is None or getattr(ds, "name", "") == "question"):
        from havoc_srs.families import _gof  # counts per category typed with a fit asked

        return _gof.plan(p, gof, alpha)
    if ds is None and reading.counts is not None:
        return _plan_matrix(p, reading.counts, alpha, asked, columns=[])
    if ds is None:
        return C.need_data(p, "two categorical columns (one row per case), or type the counts")
    if getattr(ds, "name", "") == "question" and _count_matrix(ds) is not None:
        # a grid of counts typed into the question (row labels, one column per level): the
        # contingency table itself, not one row per case
        return _plan_matrix(p, _count_matrix(ds), alpha, asked, columns=[])
    cats = _categorical(ds)
    # a whole-number column with a few dozen levels ("hour of day") named by a question that
    # asks for a contingency test by name, or named beside a single category
    lone = len({m.column for m in C.column_mentions(reading) if m.column in cats}) < 2
    cats += [m.column for m in C.column_mentions(reading)
             if (asked or lone) and m.column in ds.numeric and m.column not in cats and ds.n_levels(m.column) <= 30
             and not m.how.startswith("distinctive") and _whole(ds, m.column)]  # fmt: skip
    cut = C.cue_position(reading.question, C.STRATA_CUES)
    mentions = [m for m in C.column_mentions(reading) if m.column in cats]
    end = C.clause_end(reading.question, cut)
    in_clause = [m.column for m in mentions if cut is not None and cut <= m.start < end]
    named_as = _named_as_strata(reading.question, mentions)
    if named_as is not None:  # "using the three cultivars as strata": the column said before
        in_clause = [named_as]
    outside = [m.column for m in mentions if m.column not in in_clause]
    if named_as is not None and len(set(outside)) >= 1:
        pair, strata = list(dict.fromkeys(outside)), [named_as]
    elif cut is not None and len(set(outside)) >= 2 and in_clause:
        pair, strata = outside, in_clause[:1]  # "stratified by Z, is X associated with Y"
    elif (
        cut is not None
        and in_clause
        and outside
        and min(m.start for m in mentions if m.column in outside) >= end
    ):  # "controlling for Z, is X tied to <a described Y>": the clause comes first
        pair, strata = list(dict.fromkeys(outside)), in_clause[:1]
    else:
        pair = [m.column for m in mentions if cut is None or m.start < cut]
        strata = [m.column for m in mentions if cut is not None and m.start >= cut]
    for m in reading.mentions:  # "between smokers and cancer" may name values, not headers
        if m.kind == "value" and m.column in cats and m.column not in pair + strata:
            (strata if cut is not None and m.start >= cut else pair).append(m.column)
    pair = list(dict.fromkeys(pair))
    again = [c for c in pair if c in strata]  # "We farm at three sites. ... across sites?": the
    if again and len([c for c in pair if c not in again]) >= 2:  # sites told, then the strata
        pair = [c for c in pair if c not in again]
    if len(pair) > 2:  # "cats neutered more often than dogs at our clinics": the clinics set
        pair = _drop_setting(reading, pair)  # the scene, the species compared are a side
    if len(pair) > 2:  # the columns of the sentence that asks, before the background's
        pair = C.asked_first(reading, pair)
    if len(pair) > 2:  # "travel class": the first word modifies the column named after it
        pair = [c for c in pair if c not in _modifiers(reading, pair)] or pair
    strata = [s for s in dict.fromkeys(strata) if s not in pair]
    if len(pair) > 2 and not strata and "mantel_haenszel" in asked:
        grouped = _grouped_by(reading, pair)  # "Mantel-Haenszel across sites": the strata
        if grouped is not None:
            pair, strata = [c for c in pair if c != grouped], [grouped]
        else:
            pair, strata = pair[:2], pair[2:3]
    if len(pair) < 2:
        matrix = _count_matrix(ds)
        if matrix is not None:
            p.notes.append("the table was read as a table of counts (rows × columns)")
            return _plan_matrix(
                p, matrix, alpha, asked, columns=[ds.header(c) for c in ds.frame.columns]
            )
        rest = [c for c in cats if c not in pair + strata]
        if len(pair) + len(rest) == 2 and len(cats) <= 2:
            pair += rest
            p.notes.append("the table has only these categorical columns, so they were used")
    if len(pair) < 2:
        pair += C.described(reading, ds, cats, pair + strata, 2 - len(pair))
    if len(pair) < 2:
        return C.need_columns(p, ds, "which two categorical columns to cross-tabulate", cats)
    a, b = pair[:2]
    cols = [a, b] + strata[:1]
    frame, back = C.analysis_frame(ds, cols)
    frame = frame.dropna().astype(str)
    xa, xb = C.ident_of(back, a), C.ident_of(back, b)
    xs = C.ident_of(back, strata[0]) if strata else None
    if xs:  # "copper nets ... across sites": the one level named against the others
        for col, x in ((a, xa), (b, xb)):
            frame = _one_level_against_rest(reading, ds, frame, col, x, p.notes)
    table = pd.crosstab(frame[xa], frame[xb])
    stmts: list[Any] = [let("chi2_independence", A.Command(verb="chisq", x=name(xa), vs=name(xb), table="tbl",
                                                             options=opts(alpha=alpha)))]  # fmt: skip
    if table.shape == (2, 2):
        stmts.append(let("fisher_exact", A.Command(verb="fisher", x=name(xa), vs=name(xb), table="tbl",
                                                   options=opts(alpha=alpha))))  # fmt: skip
    binary = frame[xa].nunique() == 2 and frame[xb].nunique() == 2
    if xs and binary:
        stmts.append(let("mantel_haenszel", A.Command(verb="mantelhaenszel", x=name(xa), vs=name(xb),
                                                      by=(name(xs),), table="tbl", options=opts(alpha=alpha))))  # fmt: skip
    p.program = program(*stmts)
    p.data = {"tbl": frame}
    p.slots = {"rows": a, "columns": b, "strata": strata[:1], "alpha": alpha, "asked": asked}
    p.context = {"table": table, "columns": [ds.header(c) for c in cols], "alpha": alpha,
                 "frame": frame, "a": xa, "b": xb, "s": xs, "labels": [a, b]}  # fmt: skip
    return p


def _one_level_against_rest(
    reading: Any, ds: Any, frame: pd.DataFrame, column: str, x: str, notes: list[str]
) -> pd.DataFrame:
    """A stratified 2×2 analysis of a column with more than two levels of which the question
    names exactly one ("do copper nets go with needing treatment, across sites" on net_type =
    Copper / Nylon / Polyester): that level against all the others, said in the notes."""
    if frame[x].nunique() <= 2:
        return frame
    named = list(dict.fromkeys(
        str(m.value) for m in reading.mentions if m.kind == "value" and m.column == column))  # fmt: skip
    if len(named) != 1 or named[0] not in set(frame[x]):
        return frame
    level = named[0]
    frame = frame.copy()
    frame[x] = np.where(frame[x] == level, level, f"not {level}")
    notes.append(
        f"{ds.header(column)} has more than two levels: {level} compared with all the others "
        "(a stratified 2×2 analysis needs two)"
    )
    return frame


def _plan_matrix(
    p: Plan, matrix: pd.DataFrame, alpha: float, asked: list[str], columns: list[str]
) -> Plan:
    counts = matrix.to_numpy(dtype=float)
    rows = [[int(v) if float(v).is_integer() else float(v) for v in r] for r in counts]
    stmts: list[Any] = [
        let("chi2_independence", A.Command(verb="chisq", x=val(rows), options=opts(alpha=alpha)))
    ]
    if counts.shape == (2, 2):
        stmts.append(
            let("fisher_exact", A.Command(verb="fisher", x=val(rows), options=opts(alpha=alpha)))
        )
    p.program = program(*stmts)
    p.data = {}
    p.slots = {"rows": "rows", "columns": "columns", "strata": [], "alpha": alpha, "asked": asked}
    p.context = {"table": matrix, "columns": columns, "alpha": alpha, "frame": None, "s": None,
                 "labels": ["rows", "columns"]}  # fmt: skip
    return p


def _expected(obs: np.ndarray) -> np.ndarray:
    return np.outer(obs.sum(1), obs.sum(0)) / obs.sum()


def argue(p: Plan, results: dict[str, Any]) -> Verdict:
    if p.analysis == "goodness_of_fit":
        from havoc_srs.families import _gof

        return _gof.argue(p, results)
    ctx = p.context
    obs = ctx["table"].to_numpy(float)
    exp = _expected(obs) if obs.sum() > 0 else np.zeros_like(obs)
    small = float((exp < 5).mean()) if exp.size else 1.0
    ok_exp = exp.size > 0 and exp.min() >= 1 and small <= 0.2
    checks = [
        Check("table size", "rows × columns", PASSED if min(obs.shape) >= 2 else FAILED,
              f"{obs.shape[0]} × {obs.shape[1]} table of {int(obs.sum())} case(s)"),
        Check("expected counts", "Cochran's rule (all ≥ 1, at most 20% below 5)", PASSED if ok_exp else FAILED,
              f"smallest expected count {exp.min():.3g}; {small:.0%} of cells below 5",
              {"min_expected": float(exp.min()), "share_below_5": small}),
    ]  # fmt: skip
    two = obs.shape == (2, 2)
    methods = [
        _method("chi2_independence", min(obs.shape) >= 2 and ok_exp,
                "expected counts are large enough" if ok_exp else
                f"expected counts too small (min {exp.min():.3g}, {small:.0%} below 5)",
                results.get("chi2_independence")),
        _method("fisher_exact", two, "exact for a 2×2 table, whatever the counts" if two else
                f"needs a 2×2 table (this one is {obs.shape[0]} × {obs.shape[1]})", results.get("fisher_exact")),
    ]  # fmt: skip
    mh = results.get("mantel_haenszel")
    if ctx.get("s"):
        ok = mh is not None
        strata_n = ctx["frame"][ctx["s"]].nunique()
        checks.append(Check("strata", "2×2 per stratum", PASSED if ok else FAILED,
                            f"{strata_n} strata of {ctx['columns'][2]}" if ok else "both variables must have two levels"))  # fmt: skip
        methods.append(_method("mantel_haenszel", ok, f"2×2 tables stratified by {ctx['columns'][2]}" if ok else
                               "needs two binary variables", mh))  # fmt: skip
    else:
        methods.append(
            Method(
                "mantel_haenszel",
                False,
                "no stratifying column named",
                label=LABELS["mantel_haenszel"],
            )
        )
    v = Verdict(checks=checks, methods=methods)
    asked = p.slots["asked"]
    if ctx.get("s") and mh is not None:
        asked = ["mantel_haenszel"] + [a for a in asked if a != "mantel_haenszel"]
    if asked:
        v.rests_on, v.why = asked[0], "the method you asked for"
        m = v.method(asked[0])
        if m is not None and not m.applicable:
            v.caveats.append(f"{LABELS[asked[0]]} was asked for but {m.reason}")
    elif ok_exp:
        v.rests_on, v.why = (
            "chi2_independence",
            "expected counts are large enough for the chi-square approximation",
        )
    elif two:
        v.rests_on, v.why = (
            "fisher_exact",
            "expected counts are too small for chi-square; Fisher's test is exact",
        )
    else:
        v.rests_on, v.why = "chi2_independence", "the only test for a table larger than 2×2 here"
        v.caveats.append(
            "expected counts are small: the chi-square p-value is approximate; consider merging categories"
        )
    return v


def _method(m: str, ok: bool, why: str, r: dict[str, Any] | None) -> Method:
    stat = C.num(r, "statistic")
    value = C.num(r, "odds_ratio", "estimate", "common_odds_ratio")
    return Method(
        m, ok, why, statistic=stat, p_value=C.num(r, "p_value"), value=value, label=LABELS[m]
    )


def audit(p: Plan, results: dict[str, Any], v: Verdict) -> AuditLog:
    from scipy import stats

    if p.analysis == "goodness_of_fit":
        from havoc_srs.families import _gof

        return _gof.audit(p, results, v)
    au = AuditLog()
    obs = p.context["table"].to_numpy(float)
    chi = v.method("chi2_independence")
    if chi and chi.statistic is not None:
        exp = _expected(obs)
        dof = (obs.shape[0] - 1) * (obs.shape[1] - 1)
        diff = np.abs(obs - exp)
        if dof == 1 and "Yates" in str((results.get("chi2_independence") or {}).get("method", "")):
            diff = np.maximum(diff - 0.5, 0)
        x2 = float((diff**2 / exp).sum())
        au.value("chi-square from observed and expected counts", chi.statistic, x2, rel=1e-6)
        au.value(
            "chi-square p-value (chi-square distribution)",
            chi.p_value,
            stats.chi2.sf(x2, dof),
            rel=1e-5,
            abs_=1e-12,
        )
    fe = v.method("fisher_exact")
    if fe and fe.p_value is not None and obs.shape == (2, 2):
        au.value(
            "Fisher p-value (hypergeometric sum)",
            fe.p_value,
            _fisher_p(obs.astype(int)),
            rel=1e-6,
            abs_=1e-12,
        )
    mh = v.method("mantel_haenszel")
    if mh and mh.value is not None and p.context.get("s"):
        au.value(
            "Mantel–Haenszel pooled odds ratio (formula)", mh.value, _mh_or(p.context), rel=1e-6
        )
    if not au.checks:
        au.truth("a statistic to re-derive", False, "no test result was returned")
    return au


def _fisher_p(t: np.ndarray) -> float:
    (a, b), (c, d) = t
    r1, c1, n = a + b, a + c, a + b + c + d
    lo, hi = max(0, r1 + c1 - n), min(r1, c1)

    def prob(k: int) -> float:
        return math.comb(c1, k) * math.comb(n - c1, r1 - k) / math.comb(n, r1)

    p_obs = prob(a)
    return float(min(1.0, sum(prob(k) for k in range(lo, hi + 1) if prob(k) <= p_obs * (1 + 1e-7))))


def _mh_or(ctx: dict[str, Any]) -> float:
    f = ctx["frame"]
    la, lb = sorted(f[ctx["a"]].unique()), sorted(f[ctx["b"]].unique())
    num = den = 0.0
    for _, g in f.groupby(ctx["s"]):
        t = (
            pd.crosstab(g[ctx["a"]], g[ctx["b"]])
            .reindex(index=la, columns=lb, fill_value=0)
            .to_numpy(float)
        )
        n = t.sum()
        if n:
            num += t[0, 0] * t[1, 1] / n
            den += t[0, 1] * t[1, 0] / n
    return num / den if den else float("inf")


def answer(p: Plan, results: dict[str, Any], v: Verdict) -> dict[str, Any]:
    if p.analysis == "goodness_of_fit":
        from havoc_srs.families import _gof

        return _gof.answer(p, results, v)
    ctx = p.context
    m = v.method(v.rests_on or "chi2_independence")
    k: dict[str, Any] = {"method": m.name, "alpha": ctx["alpha"], "n": int(ctx["table"].to_numpy().sum()),
                         "table": ctx["table"].to_numpy().tolist()}  # fmt: skip
    if m.p_value is None:
        return {"key_numbers": k, "conclusion": f"{LABELS[m.name]} could not be computed."}
    k.update(p_value=m.p_value, statistic=m.statistic, significant=m.p_value < ctx["alpha"])
    if m.name == "chi2_independence":
        k["chi2"] = m.statistic
        k["df"] = (ctx["table"].shape[0] - 1) * (ctx["table"].shape[1] - 1)
    if m.value is not None:
        k["odds_ratio"] = m.value
    a, b = p.slots["rows"], p.slots["columns"]
    subject = f"{a} and {b}" if ctx["columns"] else "the rows and columns of the table"
    stat = (
        f"chi-square = {fmt(m.statistic)}, df = {k.get('df')}, "
        if m.name == "chi2_independence"
        else (f"odds ratio = {fmt(m.value)}, " if m.value is not None else "")
    )
    text = (
        f"{LABELS[m.name].capitalize()}: "
        + (
            f"{subject} are associated"
            if k["significant"]
            else f"no evidence that {subject} are associated"
        )
        + f" ({stat}{p_text(m.p_value)}, n = {k['n']}, alpha = {fmt(ctx['alpha'])}). Based on {LABELS[m.name]}: {v.why}."
    )
    return {"key_numbers": k, "conclusion": text}
