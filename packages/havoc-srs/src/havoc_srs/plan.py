"""PLAN: fill the slots of the request from the question and the data, and write a DSL program.

Every planner returns a :class:`Plan`. When something essential is missing (no data for a test,
no hypothesised mean, no spec limits for a capability study, ...) the plan has no program and
``missing`` says exactly what is needed and how to give it; nothing is invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from havoc_tools.dsl import ast as A
from havoc_tools.dsl import format_program

from havoc_srs.data import Dataset, ident
from havoc_srs.dslbuild import comment, let, name, opts, program, val
from havoc_srs.phrasing import Phrasing, normalise


@dataclass
class Missing:
    what: str
    how: str

    def to_dict(self) -> dict[str, str]:
        return {"what": self.what, "how": self.how}


@dataclass
class Plan:
    """The filled slots, the DSL program (or what is missing) and the named data it runs on."""

    family: str
    analysis: str
    slots: dict[str, Any] = field(default_factory=dict)
    program: A.Program | None = None
    data: dict[str, Any] = field(default_factory=dict)
    missing: list[Missing] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    explicit: bool = False  # the user named the method
    primary: str = "primary"  # the let-name of the main result
    context: dict[str, Any] = field(default_factory=dict)
    decided_by: str = "rules"

    @property
    def dsl(self) -> str:
        return format_program(self.program) if self.program is not None else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "family": self.family,
            "analysis": self.analysis,
            "slots": _jsonable(self.slots),
            "dsl": self.dsl,
            "data": sorted(self.data),
            "missing": [m.to_dict() for m in self.missing],
            "notes": list(self.notes),
            "explicit_method": self.explicit,
        }


def _jsonable(x: Any) -> Any:
    if isinstance(x, dict):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_jsonable(v) for v in x]
    if isinstance(x, np.generic):
        return x.item()
    return x


_ID_LIKE = re.compile(
    r"^(id|run|runs|run_order|std_order|order|obs|observation|index|no|number|time|date|day|"
    r"hour|timestamp|sample_id|part_id)$"
)


def mentioned(question: str, columns: list[str]) -> list[str]:
    """Columns named in the question, in order of first mention (spaces/underscores flexible)."""
    q = normalise(question)
    found = []
    for c in columns:
        parts = [re.escape(p) for p in re.split(r"[\s_\-]+", str(c).lower()) if p]
        if not parts:
            continue
        pat = r"(?<![a-z0-9])" + r"[\s_\-]*".join(parts) + r"(?![a-z0-9])"
        m = re.search(pat, q)
        if m:
            found.append((m.start(), c))
    exact = [c for _, c in sorted(found)]
    # headers as people write them ("cure temperature" for cure_temp_C), after the exact ones
    from havoc_srs.reader.columns import _resolve, match_headers

    loose = [m.column for m in _resolve(match_headers(question, list(columns)))]
    return exact + [c for c in loose if c not in exact]


def _alpha(ph: Phrasing, notes: list[str]) -> float:
    a = ph.slots.get("alpha")
    if a is None and "confidence" in ph.slots:
        a = 1.0 - ph.slots["confidence"]
    if a is None:
        notes.append("alpha = 0.05 (not given; say e.g. 'at the 1% level' to change it)")
        return 0.05
    if a >= 1 and a < 50:
        a = a / 100.0
    return float(round(a, 10))


def plan_request(family: str, question: str, ph: Phrasing, ds: Dataset | None) -> Plan:  # noqa: C901
    planner = PLANNERS[family]
    return planner(question, ph, ds)


def _need_data(plan: Plan, example: str) -> Plan:
    plan.missing.append(
        Missing(
            "a data file",
            f"attach a CSV (havoc ask ... --data FILE.csv, or data_csv in the API) with {example}",
        )
    )
    return plan


# ---------------------------------------------------------------------------------------------
# hypothesis tests

_GROUPISH = re.compile(
    r"(group|line|machine|supplier|vendor|operator|shift|batch|lot|method|treatment|site|"
    r"plant|material|process|condition|type|cavity|tool|brand|catalyst|additive|setting)"
)


def _samples(q: str, ds: Dataset, plan: Plan) -> dict[str, np.ndarray] | None:
    """The samples to compare, by label: wide columns or the groups of a long table."""
    cols = list(ds.frame.columns)
    ment = mentioned(q, cols)
    numeric = [c for c in ds.numeric if not _ID_LIKE.match(c.lower())]
    labels = [c for c in ds.labels]
    # integer-coded group columns in long tables (machine = 1, 2, 3)
    for c in ds.numeric:
        if (
            c not in labels
            and _GROUPISH.search(c.lower())
            and ds.n_levels(c) <= 10
            and ds.n_levels(c) < 0.5 * ds.frame[c].notna().sum()
            and np.allclose(ds.values(c), np.round(ds.values(c)))
        ):
            labels.append(c)
            numeric = [n for n in numeric if n != c]
    if labels and numeric:
        group_cols = [c for c in ment if c in labels] or labels
        if len(group_cols) > 1:
            plan.missing.append(
                Missing(
                    "which column holds the groups",
                    f"name one of {', '.join(group_cols)} in the question (e.g. 'by {group_cols[0]}')",
                )
            )
            return None
        resp = [c for c in ment if c in numeric] or numeric
        if len(resp) > 1:
            plan.missing.append(
                Missing(
                    "which column is the response",
                    f"name one of {', '.join(resp)} in the question",
                )
            )
            return None
        g, y = group_cols[0], resp[0]
        frame = ds.frame[[y, g]].dropna()
        out = {}
        for level in pd.unique(frame[g]):
            out[str(level)] = frame.loc[frame[g] == level, y].to_numpy(dtype=float)
        plan.context["layout"] = f"long: response {y!r} by group column {g!r}"
        plan.slots["response"], plan.slots["group"] = y, g
        return out
    chosen = [c for c in ment if c in numeric] or numeric
    if not chosen:
        plan.missing.append(
            Missing("numeric data", f"{ds.name} has no numeric column to test; add one")
        )
        return None
    plan.context["layout"] = "wide: one column per sample" + (
        " (unequal lengths; blanks dropped)" if len({len(ds.values(c)) for c in chosen}) > 1 else ""
    )
    return {c: ds.values(c) for c in chosen}


_NAMED_TESTS = [
    (r"\bmann[- ]whitney\b|\brank[- ]sum\b|\bu[- ]test\b", "mannwhitney"),
    (r"\bwilcoxon\b|\bsigned[- ]rank\b", "wilcoxon"),
    (r"\bkruskal\b", "kruskal"),
    (r"\bwelch'?s? anova\b", "welch_anova"),
    (r"\banova\b|\banalysis of variance\b", "anova"),
    (r"\bt[- ]?test\b|\bstudent'?s?\b|\bwelch\b", "ttest"),
]


def plan_hypothesis(question: str, ph: Phrasing, ds: Dataset | None) -> Plan:
    q = normalise(question)
    plan = Plan("hypothesis_test", "test")
    notes = plan.notes
    named = next((t for pat, t in _NAMED_TESTS if re.search(pat, q)), None)
    # a question about means is answered by a test of means: rank tests stay alternatives
    plan.explicit = named is not None or bool(re.search(r"\bmeans?\b|\baverages?\b", q))
    alpha = _alpha(ph, notes)
    plan.slots["alpha"] = alpha
    counts = ph.slots.get("counts") or []
    if counts and (ds is None or re.search(r"\bproportion|\brate\b|\bfraction|\bpercent", q)):
        return _plan_proportion(plan, ph, counts, alpha)
    if ds is None:
        return _need_data(
            plan,
            "one column per sample (e.g. line1,line2) or a value column and a group column",
        )
    samples = _samples(q, ds, plan)
    if samples is None:
        return plan
    samples = {k: v for k, v in samples.items() if len(v)}
    small = [k for k, v in samples.items() if len(v) < 2]
    if small:
        plan.missing.append(
            Missing(
                f"more data in {', '.join(small)}",
                "each sample needs at least 2 values (3 or more for the normality check)",
            )
        )
        return plan
    taken: set[str] = set()
    idents = {k: ident(k, taken) for k in samples}
    plan.data = {idents[k]: v for k, v in samples.items()}
    plan.context["samples"] = {idents[k]: k for k in samples}
    k = len(samples)
    plan.slots["groups"] = list(samples)
    plan.slots["n"] = {lab: len(v) for lab, v in samples.items()}
    paired = "paired" in ph.cues
    alt = "two-sided"
    if re.search(r"\bone[- ]sided\b|\bone[- ]tailed\b", q) or k == 1:
        direction = ph.slots.get("mu_direction")
        if k == 1 and direction:
            alt = direction
    stmts: list[Any] = []
    if k == 1:
        mu = ph.slots.get("mu", ph.slots.get("target"))
        if mu is None:
            plan.missing.append(
                Missing(
                    "the hypothesised mean (the value to test against)",
                    "say it in the question, e.g. 'is the mean different from 500?'",
                )
            )
            return plan
        x = next(iter(idents.values()))
        plan.slots.update(mu=mu, alternative=alt)
        if named == "wilcoxon":
            plan.analysis = "wilcoxon_1samp"
            plan.data["mu_shifted"] = plan.data[x] - mu
            stmts.append(comment(f"signed-rank test of {x} about {mu:g} (values minus mu)"))
            cmd = A.Command(
                verb="wilcoxon", x=name("mu_shifted"), options=opts(alternative=alt, alpha=alpha)
            )
        else:
            plan.analysis = "ttest_1samp"
            cmd = A.Command(
                verb="ttest", x=name(x), options=opts(mu=mu, alternative=alt, alpha=alpha)
            )
        stmts.append(let("primary", cmd))
    elif k == 2:
        (la, xa), (lb, xb) = list(idents.items())
        m = re.search(
            r"\b(\w+)\s+(?:is\s+|are\s+|has\s+|have\s+)?(?:significantly\s+|on average\s+)?"
            r"(greater|higher|larger|more|bigger|less|lower|smaller|fewer)"
            r"\s+than\s+(?:that of |those of |the )?(\w+)",
            q,
        )
        if m:
            first = {c.lower(): c for c in samples}
            lo = {ident(c): c for c in samples}
            a_, b_ = m.group(1), m.group(3)
            ca = first.get(a_) or lo.get(a_)
            cb = first.get(b_) or lo.get(b_)
            if ca and cb and ca != cb:
                bigger = m.group(2) in ("greater", "higher", "larger", "more", "bigger")
                if ca == lb:  # the question names the second sample first: swap the order
                    (la, xa), (lb, xb) = (lb, xb), (la, xa)
                alt = "greater" if bigger else "less"
        plan.slots["alternative"] = alt
        if alt == "two-sided" and ({"onesided_greater", "onesided_less"} & set(ph.cues)):
            notes.append(
                "the question hints at a direction but names no order; a two-sided test was run "
                f"(say e.g. '{la} greater than {lb}' for a one-sided test)"
            )
        if paired:
            if len(samples[la]) != len(samples[lb]):
                plan.missing.append(
                    Missing(
                        "equal numbers of paired values",
                        f"a paired test needs one {lb} value per {la} value "
                        f"({len(samples[la])} vs {len(samples[lb])}); fix the data or drop 'paired'",
                    )
                )
                return plan
            plan.slots["paired"] = True
        equal_var = "pooled" in ph.cues and "welch" not in ph.cues
        if named == "mannwhitney" and not paired:
            plan.analysis = "mannwhitney"
            cmd = A.Command(
                verb="mannwhitney",
                x=name(xa),
                vs=name(xb),
                options=opts(alternative=alt, alpha=alpha),
            )
        elif named == "wilcoxon" or (named == "mannwhitney" and paired):
            plan.analysis = "wilcoxon"
            cmd = A.Command(
                verb="wilcoxon", x=name(xa), vs=name(xb), options=opts(alternative=alt, alpha=alpha)
            )
        elif paired:
            plan.analysis = "ttest_paired"
            cmd = A.Command(
                verb="ttest", x=name(xa), vs=name(xb),
                options=opts(paired=True, alternative=alt, alpha=alpha),
            )  # fmt: skip
        else:
            plan.analysis = "ttest_pooled" if equal_var else "ttest_welch"
            plan.slots["equal_var"] = equal_var
            if not equal_var and "welch" not in ph.cues:
                notes.append(
                    "Welch's t-test (no equal-variance assumption); say 'pooled' for Student's"
                )
            cmd = A.Command(
                verb="ttest", x=name(xa), vs=name(xb),
                options=opts(equal_var=equal_var if equal_var else None, alternative=alt, alpha=alpha),
            )  # fmt: skip
        plan.context["order"] = (xa, xb)
        stmts.append(let("primary", cmd))
    else:
        values = np.concatenate(list(samples.values()))
        labels = np.concatenate([[lab] * len(v) for lab, v in samples.items()])
        plan.data["stacked"] = pd.DataFrame({"value": values, "group": labels})
        stmts.append(comment(f"{k} samples stacked as value by group"))
        if named == "kruskal":
            plan.analysis = "kruskal"
            cmd = A.Command(
                verb="kruskal",
                x=name("value"),
                by=(name("group"),),
                table="stacked",
                options=opts(alpha=alpha),
            )
        elif named == "welch_anova":
            plan.analysis = "welch_anova"
            cmd = A.Command(
                verb="anova",
                x=name("value"),
                by=(name("group"),),
                table="stacked",
                options=opts(welch=True, alpha=alpha),
            )
        else:
            plan.analysis = "anova"
            cmd = A.Command(
                verb="anova",
                x=name("value"),
                by=(name("group"),),
                table="stacked",
                options=opts(alpha=alpha),
            )
        stmts.append(let("primary", cmd))
    if k == 2:
        values = np.concatenate(list(samples.values()))
        labels = np.concatenate([[lab] * len(v) for lab, v in samples.items()])
        plan.context["stacked"] = pd.DataFrame({"value": values, "group": labels})
    plan.program = program(*stmts)
    return plan


def _plan_proportion(plan: Plan, ph: Phrasing, counts: list, alpha: float) -> Plan:
    for x, n in counts:
        if n <= 0 or x < 0 or x > n:
            plan.missing.append(
                Missing(f"valid counts ({x} of {n})", "give 'X out of N' with 0 <= X <= N")
            )
            return plan
    if len(counts) >= 2:
        (x1, n1), (x2, n2) = counts[:2]
        plan.analysis = "proportion_2"
        cmd = A.Command(verb="proportion", options=opts(x=[x1, x2], n=[n1, n2], alpha=alpha))
    else:
        (x1, n1) = counts[0]
        p0 = ph.slots.get("mu", ph.slots.get("target"))
        if p0 is None or not 0 < p0 < 1:
            plan.missing.append(
                Missing(
                    "the reference proportion p0",
                    "say it as a percentage or fraction, e.g. 'is the rate above 5%?'",
                )
            )
            return plan
        alt = ph.slots.get("mu_direction", "two-sided")
        plan.analysis = "proportion_1"
        plan.slots.update(p0=p0, alternative=alt)
        cmd = A.Command(
            verb="proportion", options=opts(x=x1, n=n1, p0=p0, alternative=alt, alpha=alpha)
        )
    plan.slots["counts"] = counts
    plan.explicit = True
    plan.program = program(let("primary", cmd))
    return plan


# ---------------------------------------------------------------------------------------------
# regression

_REG_PATTERNS = [
    (r"\bregress(?:ion of)?\s+(?P<y>\w+)\s+(?:on|against)\s+(?P<x>[\w ,]+?)(?:[?.;]|$| in | at |"
     r" with | using )", "y_on_x"),
    (r"\bpredict\s+(?P<y>\w+)\s+(?:from|using|with|based on)\s+(?P<x>[\w ,]+?)(?:[?.;]|$)",
     "y_on_x"),
    (r"\b(?P<y>\w+)\s+(?:vs\.?|versus|against)\s+(?P<x>\w+)", "y_on_x"),
    (r"\b(?:effect|influence|impact) of\s+(?P<x>[\w ,]+?)\s+on\s+(?:the\s+)?(?P<y>\w+)", "y_on_x"),
    (r"\bhow (?:does|do)\s+(?:the\s+)?(?P<y>\w+)\s+(?:change|vary|increase|decrease|depend|respond)"
     r"\s+(?:with|on)\s+(?:the\s+)?(?P<x>\w+)", "y_on_x"),
    (r"\b(?:does|do)\s+(?:the\s+)?(?P<y>\w+)\s+depend\s+on\s+(?:the\s+)?(?P<x>[\w ,]+?)(?:[?.;]|$)",
     "y_on_x"),
    (r"\b(?:does|do)\s+(?:the\s+)?(?P<x>\w+)\s+(?:affect|influence|predict|drive)\s+(?:the\s+)?"
     r"(?P<y>\w+)", "y_on_x"),
    (r"\bslope of\s+(?P<y>\w+)\s+(?:on|against|with respect to|vs\.?|versus)\s+(?P<x>\w+)", "y_on_x"),
    (r"\bfit\s+(?P<y>\w+)\s+(?:as a function of|on|against)\s+(?P<x>[\w ,]+?)(?:[?.;]|$)",
     "y_on_x"),
]  # fmt: skip


def _match_col(word: str, columns: list[str]) -> str | None:
    w = word.strip().lower()
    for c in columns:
        if c.lower() == w or ident(c) == w:
            return c
    return None


_Y_THEN_X = re.compile(
    r"\b(from|on|using|with|vs\.?|versus|against|as a function of|in terms of|given|by)\b"
)
_X_THEN_Y = re.compile(
    r"\b(effect|influence|impact) of\b|\b(affects?|influences?|drives?|predicts?|explains?|"
    r"determines?)\b"
)


def _roles_from_mentions(question: str, numeric: list[str]) -> tuple[str | None, list[str]]:
    """Response and predictor from headers as people write them ("predicting hardness_shoreD from
    cure temperature"): the words between the two columns say which is which."""
    from havoc_srs.reader.columns import _resolve, match_headers

    ms = [m for m in _resolve(match_headers(question, numeric)) if m.kind == "column"]
    cols = list(dict.fromkeys(m.column for m in ms))
    if len(cols) != 2:
        return None, []
    first = next(m for m in ms if m.column == cols[0])
    second = next(m for m in ms if m.column == cols[1])
    between = question[first.end : second.start].lower()
    before = question[: first.start].lower()
    if _X_THEN_Y.search(between) or re.search(r"\b(effect|influence|impact) of\s*$", before):
        return cols[1], [cols[0]]
    if _Y_THEN_X.search(between):
        return cols[0], [cols[1]]
    return None, []


def plan_regression(question: str, ph: Phrasing, ds: Dataset | None) -> Plan:
    q = normalise(question)
    plan = Plan("regression", "regress")
    alpha = _alpha(ph, plan.notes)
    if ds is None:
        return _need_data(plan, "the response and predictor columns (e.g. strength,temperature)")
    numeric = [c for c in ds.numeric if not _ID_LIKE.match(c.lower())]
    y = None
    xs: list[str] = []
    for pat, _ in _REG_PATTERNS:
        m = re.search(pat, q)
        if not m:
            continue
        yc = _match_col(m.group("y"), numeric)
        xcs = [
            _match_col(w, numeric) for w in re.split(r"\s*,\s*|\s+and\s+|\s+", m.group("x")) if w
        ]
        xcs = [c for c in xcs if c and c != yc]
        if yc and xcs:
            y, xs = yc, list(dict.fromkeys(xcs))
            break
    if y is None:
        y, xs = _roles_from_mentions(question, numeric)
    if y is None:
        plan.missing.append(
            Missing(
                "which column is the response and which the predictor(s)",
                "say e.g. 'regress "
                + (numeric[-1] if numeric else "y")
                + " on "
                + (numeric[0] if numeric else "x")
                + f"' (numeric columns: {', '.join(numeric) or 'none'})",
            )
        )
        return plan
    taken: set[str] = set()
    ids = {c: ident(c, taken) for c in [y, *xs]}
    frame = ds.frame[[y, *xs]].dropna()
    if len(frame) < len(xs) + 2:
        plan.missing.append(
            Missing(
                "more rows", f"{len(frame)} complete rows cannot fit {len(xs) + 1} coefficients"
            )
        )
        return plan
    plan.data["d"] = frame.rename(columns=ids).reset_index(drop=True)
    terms = [ids[x] for x in xs]
    if re.search(r"\bquadratic\b|\bcurv|\bsecond[- ]order\b|\bpolynomial\b", q) and len(xs) == 1:
        terms.append(f"I({ids[xs[0]]}^2)")
        plan.slots["quadratic"] = True
    formula = f"{ids[y]} ~ {' + '.join(terms)}"
    plan.slots.update(response=y, predictors=xs, formula=formula, alpha=alpha, n=len(frame))
    plan.program = program(
        let(
            "primary",
            A.RegressStmt(verb="regress", formula=formula, table="d", options=opts(alpha=alpha)),
        )
    )
    plan.context["frame"] = plan.data["d"]
    plan.context["y"], plan.context["xs"] = ids[y], [ids[x] for x in xs]
    return plan


# ---------------------------------------------------------------------------------------------
# DOE design

_KINDS = [
    (r"\bplackett[- ]burman\b|\bpb design\b", "plackett_burman"),
    (r"\bbox[- ]behnken\b", "box_behnken"),
    (r"\bcentral composite\b|\bccd\b|\bresponse surface\b", "ccd"),
    (r"\blatin hypercube\b|\blhs\b", "lhs"),
    (r"\bfractional\b|\bfraction\b|\bresolution\b|\b2\^\(?\d+ ?- ?\d+\)?", "fractional"),
    (r"\bfull factorial\b|\bfull 2\^\d+\b|\b2\^\d+ (full )?factorial\b", "full"),
    (r"\bscreening\b|\bscreen\b", "screening"),
    (r"\bfactorial\b", "full"),
]


def _factor_names(q: str, ph: Phrasing) -> tuple[list[str] | None, int | None]:
    names = ph.slots.get("factor_names")
    if names:
        return [ident(n) for n in names], len(names)
    if ph.levels:
        return [ident(n) for n in ph.levels], len(ph.levels)
    k = ph.slots.get("factor_count")
    m = re.search(r"\b2\^(\d+)\b", q)
    if k is None and m:
        k = int(m.group(1))
    return None, k


def plan_doe_design(question: str, ph: Phrasing, ds: Dataset | None) -> Plan:
    q = normalise(question)
    plan = Plan("doe_design", "design")
    kind = next((k for pat, k in _KINDS if re.search(pat, q)), None)
    names, k = _factor_names(q, ph)
    if ph.slots.get("factor_count") and names and len(names) != ph.slots["factor_count"]:
        plan.notes.append(f"{len(names)} factor names given; using them, not the count")
    if k is None:
        plan.missing.append(
            Missing(
                "the factors",
                "say how many factors or name them, e.g. '4 factors' or 'factors temperature, "
                "pressure and time'",
            )
        )
        return plan
    if k < 2 or k > 15:
        plan.missing.append(Missing("a usable number of factors", f"{k} factors: give 2 to 15"))
        return plan
    factors: Any = names if names else k
    if kind is None:
        if k <= 4:
            kind = "full"
            plan.notes.append("no design type named: a full factorial (2^k runs) is planned")
        else:
            plan.missing.append(
                Missing(
                    "the design type",
                    f"with {k} factors say 'full factorial', 'fractional factorial, resolution "
                    "IV' (or 'in 16 runs'), 'Plackett-Burman', 'central composite' or "
                    "'Box-Behnken'",
                )
            )
            return plan
    low = high = None
    if names and ph.levels:
        lv = {ident(n): v for n, v in ph.levels.items()}
        if set(lv) >= set(names):
            low = [min(lv[n]) for n in names]
            high = [max(lv[n]) for n in names]
        else:
            plan.notes.append(
                "levels were not given for every factor; the design is in coded units"
            )
    center = ph.slots.get("center_points")
    reps = ph.slots.get("replicates")
    runs = ph.slots.get("runs")
    res = ph.slots.get("resolution")
    p = ph.slots.get("fraction_p")
    if kind == "screening":
        if res or runs or p:
            kind = "fractional"
        else:
            kind = "plackett_burman"
            plan.notes.append(
                "screening design: Plackett-Burman in the fewest runs (a multiple of 4)"
            )
    o: dict[str, Any] = {"factors": factors, "low": low, "high": high}
    if kind == "full":
        o.update(replicates=reps, center=center)
    elif kind == "fractional":
        if p is not None:
            runs = 2 ** (k - p)
        if res is None and runs is None:
            plan.missing.append(
                Missing(
                    "the size of the fraction",
                    "give a resolution ('resolution IV'), a run count ('in 16 runs') or a "
                    "fraction ('half fraction')",
                )
            )
            return plan
        if runs is not None and (runs & (runs - 1) or runs >= 2**k or runs < k + 1):
            plan.missing.append(
                Missing(
                    "a valid run count",
                    f"a regular fraction of {k} factors has a power-of-two run count between "
                    f"{k + 1} and {2 ** (k - 1)}; {runs} is not",
                )
            )
            return plan
        o.update(
            resolution=res if runs is None else None, runs=runs, replicates=reps, center=center
        )
    elif kind == "plackett_burman":
        o.update(runs=runs)
    elif kind == "ccd":
        o.update(center=center)
        plan.notes.append("central composite: rotatable axial distance (the library default)")
    elif kind == "box_behnken":
        if not 3 <= k <= 7:
            plan.missing.append(
                Missing("3 to 7 factors", "Box-Behnken designs exist for 3-7 factors")
            )
            return plan
        o.update(center=center)
    elif kind == "lhs":
        if runs is None:
            plan.missing.append(Missing("the number of runs", "say e.g. 'in 20 runs'"))
            return plan
        o = {"factors": factors, "samples": runs}
    o["seed"] = 1
    plan.notes.append("run order randomised with seed 1 (reproducible)")
    plan.analysis = f"design_{kind}"
    plan.slots.update(kind=kind, k=k, **{kk: v for kk, v in o.items() if v is not None})
    plan.program = program(A.DesignStmt(name="primary", kind=kind, options=opts(**o)))
    return plan


# ---------------------------------------------------------------------------------------------
# DOE analysis


def _two_level(ds: Dataset, col: str) -> bool:
    vals = np.unique(ds.values(col))
    if len(vals) == 2:
        return True
    if len(vals) == 3:  # center points at the midpoint
        return bool(np.isclose(vals[1], (vals[0] + vals[2]) / 2))
    return False


def plan_doe_analysis(question: str, ph: Phrasing, ds: Dataset | None) -> Plan:
    q = normalise(question)
    plan = Plan("doe_analysis", "analyze")
    alpha = _alpha(ph, plan.notes)
    if ds is None:
        return _need_data(plan, "one column per factor (its low/high settings) and the response")
    numeric = [c for c in ds.numeric if not _ID_LIKE.match(c.lower())]
    ment = mentioned(q, numeric)
    factor_cols = [c for c in numeric if _two_level(ds, c)]
    resp = [c for c in ment if c not in factor_cols] or [c for c in numeric if c not in factor_cols]
    if len(resp) != 1 or len(factor_cols) < 2:
        plan.missing.append(
            Missing(
                "the response column and at least two two-level factor columns",
                f"found factor columns {factor_cols or 'none'} and candidate responses "
                f"{resp or 'none'}; name the response in the question (e.g. 'analyse yield')",
            )
        )
        return plan
    y = resp[0]
    frame = ds.frame[[*factor_cols, y]].dropna()
    k = len(factor_cols)
    coded = {}
    levels = {}
    for c in factor_cols:
        v = frame[c].to_numpy(dtype=float)
        lo, hi = float(v.min()), float(v.max())
        levels[c] = (lo, hi)
        coded[c] = np.round((v - (lo + hi) / 2) / ((hi - lo) / 2), 6)
    cm = np.column_stack([coded[c] for c in factor_cols])
    center_mask = np.all(cm == 0, axis=1)
    corner = cm[~center_mask]
    if np.any((corner != 1) & (corner != -1)):
        plan.missing.append(
            Missing(
                "a two-level design",
                "every factor column must hold two levels (plus optional centre runs at all midpoints)",
            )
        )
        return plan
    combos = {tuple(r) for r in corner.astype(int)}
    n_unique = len(combos)
    counts = pd.Series([tuple(r) for r in corner.astype(int)]).value_counts()
    if counts.nunique() != 1:
        plan.missing.append(
            Missing("a balanced design", "every factor combination must be run equally often")
        )
        return plan
    reps = int(counts.iloc[0])
    n_center = int(center_mask.sum())
    base_k = int(round(np.log2(n_unique)))
    if 2**base_k != n_unique:
        plan.missing.append(
            Missing("a regular two-level design", f"{n_unique} distinct runs is not a power of two")
        )
        return plan
    taken: set[str] = set()
    fids = {c: ident(c, taken, keep_case=True) for c in factor_cols}
    letters = [chr(ord("A") + i + (1 if i >= 8 else 0)) for i in range(k)]  # skips I
    generators: list[str] = []
    if base_k < k:
        base = cm[~center_mask][:, :base_k]
        if len({tuple(r) for r in base.astype(int)}) != n_unique:
            plan.missing.append(
                Missing(
                    "factor columns in base-first order",
                    "put the full-factorial base factors first in the table",
                )
            )
            return plan
        from itertools import combinations

        for j in range(base_k, k):
            col = corner[:, j]
            found = None
            for size in range(2, base_k + 1):
                for sub in combinations(range(base_k), size):
                    prod = np.prod(corner[:, list(sub)], axis=1)
                    if np.array_equal(prod, col):
                        found = ("", sub)
                    elif np.array_equal(prod, -col):
                        found = ("-", sub)
                    if found:
                        break
                if found:
                    break
            if not found:
                plan.missing.append(
                    Missing(
                        "a regular fraction",
                        f"factor {factor_cols[j]} is not a product of the base factors",
                    )
                )
                return plan
            sign, sub = found
            generators.append(f"{letters[j]} = {sign}{''.join(letters[i] for i in sub)}")
        kind = "fractional"
        o = {"factors": [fids[c] for c in factor_cols], "generators": generators}
    else:
        kind = "full"
        o = {"factors": [fids[c] for c in factor_cols]}
    o.update(
        low=[levels[c][0] for c in factor_cols],
        high=[levels[c][1] for c in factor_cols],
        replicates=reps if reps > 1 else None,
        center=n_center or None,
        randomize=False,
    )
    from havoc_tools.dsl import run as dsl_run

    probe = program(A.DesignStmt(name="runs", kind=kind, options=opts(**o)))
    res = dsl_run(probe)
    if not res.ok:
        plan.missing.append(Missing("a design the tools can rebuild", res.error["message"]))
        return plan
    design = res.results[0].value
    dcoded = design.coded_matrix if hasattr(design, "coded_matrix") else None
    dcoded = np.asarray(dcoded, dtype=float)
    # match each design run to a data row with the same coded settings (replicates in turn)
    pool: dict[tuple, list[int]] = {}
    for i, r in enumerate(cm):
        pool.setdefault(tuple(np.round(r, 6)), []).append(i)
    order = []
    for r in dcoded:
        key = tuple(np.round(r, 6))
        if not pool.get(key):
            plan.missing.append(
                Missing("runs matching the design", f"no data row for coded settings {key}")
            )
            return plan
        order.append(pool[key].pop(0))
    yv = frame[y].to_numpy(dtype=float)[order]
    yid = ident(y, taken)
    plan.data[yid] = yv
    plan.slots.update(
        response=y, factors=factor_cols, kind=kind, generators=generators, replicates=reps,
        center_points=n_center, runs=len(frame), alpha=alpha,
    )  # fmt: skip
    plan.notes.append(
        f"the response was put in the rebuilt design's standard order ({len(order)} runs)"
    )
    plan.analysis = f"analyze_{kind}"
    plan.program = program(
        A.DesignStmt(name="runs", kind=kind, options=opts(**o)),
        let("primary", A.AnalyzeStmt(design="runs", options=opts(response=name(yid), alpha=alpha))),
    )
    plan.context.update(coded=dcoded, y=yv, factors=[fids[c] for c in factor_cols])
    return plan


# ---------------------------------------------------------------------------------------------
# SPC and capability

_CHARTS = [
    (r"\bx[- ]?bar[- ]?(and[- ])?r\b|\bxbar[- ]?r\b|\bx̄[- ]?r\b", "xbar_r"),
    (r"\bx[- ]?bar[- ]?(and[- ])?s\b|\bxbar[- ]?s\b", "xbar_s"),
    (r"\bi[- ]?mr\b|\bindividuals?\b|\bmoving range\b|\bx[- ]?mr\b", "imr"),
    (r"\bnp[- ]?chart\b", "np"),
    (r"\bp[- ]?chart\b|\bfraction defective\b|\bproportion defective\b", "p"),
    (r"\bu[- ]?chart\b|\bdefects per unit\b", "u"),
    (r"\bc[- ]?chart\b|\bcount of defects\b", "c"),
    (r"\bewma\b", "ewma"),
    (r"\bcusum\b", "cusum"),
]
_SUBGROUP_COL = re.compile(r"^(subgroup|sub_group|sample|batch|lot|hour|group|shift_no|sg)s?$")
_SIZE_COL = re.compile(r"^(n|size|sample_size|inspected|units|n_inspected|sample_n)$")
_COUNT_COL = re.compile(r"^(defectives|defects|count|nonconforming|nc|failures|rejects|d|c)$")


def _spc_series(q: str, ph: Phrasing, ds: Dataset, plan: Plan) -> dict[str, Any] | None:
    """The measurement column and its subgroups (column, fixed size or rows of a wide table)."""
    numeric = [c for c in ds.numeric if not _ID_LIKE.match(c.lower())]
    sub_cols = [c for c in ds.frame.columns if _SUBGROUP_COL.match(c.lower())]
    ment = mentioned(q, numeric)
    values = [c for c in numeric if c not in sub_cols]
    size = ph.slots.get("subgroup_size")
    wide_rows = (
        len(values) >= 2
        and not ment
        and all(
            re.match(r"^(x|m|obs|meas|sample|s|reading|value|v)_?\d+$", c.lower()) for c in values
        )
    )
    if wide_rows:
        block = ds.frame[values]
        if block.isna().any().any():
            plan.missing.append(
                Missing("complete subgroups", "every row (subgroup) must have all its measurements")
            )
            return None
        n = len(values)
        flat = block.to_numpy(dtype=float).ravel()
        sg = np.repeat(np.arange(1, len(block) + 1), n)
        plan.data["d"] = pd.DataFrame({"value": flat, "subgroup": sg})
        plan.context["layout"] = f"wide: each row is a subgroup of {n} ({', '.join(values)})"
        return {"x": "value", "by": "subgroup", "size": n, "label": "value"}
    chosen = [c for c in ment if c in values] or values
    if len(chosen) != 1:
        plan.missing.append(
            Missing(
                "which column holds the measurements",
                f"name one of {', '.join(chosen) or 'the numeric columns'} in the question",
            )
        )
        return None
    col = chosen[0]
    vid = ident(col)
    if sub_cols and size is None:
        sc = sub_cols[0]
        frame = ds.frame[[col, sc]].dropna()
        sizes = frame.groupby(sc, sort=False).size()
        plan.data["d"] = pd.DataFrame(
            {vid: frame[col].to_numpy(dtype=float), "subgroup": frame[sc].to_numpy()}
        )
        plan.context["layout"] = f"subgroups from column {sc!r} (sizes {sorted(set(sizes))})"
        return {
            "x": vid,
            "by": "subgroup",
            "size": int(sizes.iloc[0]) if sizes.nunique() == 1 else None,
            "label": col,
        }
    x = ds.values(col)
    plan.data["d"] = pd.DataFrame({vid: x})
    if size and size > 1:
        if len(x) % size:
            plan.missing.append(
                Missing(
                    "whole subgroups",
                    f"{len(x)} values do not split into subgroups of {size}; add a subgroup column",
                )
            )
            return None
        plan.data["d"]["subgroup"] = np.repeat(np.arange(1, len(x) // size + 1), size)
        plan.context["layout"] = f"consecutive subgroups of {size}"
        return {"x": vid, "by": "subgroup", "size": size, "label": col}
    plan.context["layout"] = "individual values (no subgroups)"
    return {"x": vid, "by": None, "size": 1, "label": col}


def plan_spc(question: str, ph: Phrasing, ds: Dataset | None) -> Plan:
    q = normalise(question)
    plan = Plan("spc_chart", "chart")
    kind = next((k for pat, k in _CHARTS if re.search(pat, q)), None)
    plan.explicit = kind is not None
    if ds is None:
        return _need_data(plan, "the measurements in time order (and a subgroup column if any)")
    if kind in ("p", "np", "c", "u"):
        return _plan_attribute(plan, kind, q, ds)
    series = _spc_series(q, ph, ds, plan)
    if series is None:
        return plan
    size = series["size"]
    if kind is None:
        if series["by"] is None:
            kind = "imr"
        else:
            kind = "xbar_r" if (size or 5) <= 8 else "xbar_s"
        plan.notes.append(
            f"no chart named: {'I-MR for individual values' if kind == 'imr' else kind.replace('_', '-') + ' for subgroups of ' + str(size)}"
        )
    if kind in ("xbar_r", "xbar_s") and series["by"] is None:
        plan.missing.append(
            Missing(
                "subgroups",
                "an X-bar chart needs subgroups: add a subgroup column or say 'subgroups of 5'",
            )
        )
        return plan
    by = (name(series["by"]),) if series["by"] and kind in ("xbar_r", "xbar_s") else ()
    if kind in ("imr", "ewma", "cusum") and series["by"]:
        plan.notes.append("the values are charted individually in time order (subgroups ignored)")
    o: dict[str, Any] = {}
    if kind == "ewma":
        o = {"lambda": 0.2, "L": 3}
        plan.notes.append("EWMA with lambda 0.2 and L = 3 (standard choices)")
    elif kind == "cusum":
        o = {"k": 0.5, "h": 5}
        plan.notes.append("tabular CUSUM with k = 0.5 sigma and h = 5 sigma (standard choices)")
    plan.analysis = f"chart_{kind}"
    plan.slots.update(chart=kind, column=series["label"], subgroup_size=size)
    plan.program = program(
        let(
            "primary",
            A.ChartStmt(kind=kind, x=name(series["x"]), by=by, table="d", options=opts(**o)),
        )
    )
    plan.context.update(series=series, frame=plan.data["d"])
    return plan


def _plan_attribute(plan: Plan, kind: str, q: str, ds: Dataset) -> Plan:
    numeric = list(ds.numeric)
    count = [c for c in numeric if _COUNT_COL.match(c.lower())]
    size = [c for c in numeric if _SIZE_COL.match(c.lower())]
    if not count:
        others = [c for c in numeric if c not in size and not _ID_LIKE.match(c.lower())]
        count = others[:1] if len(others) == 1 else []
    if not count:
        plan.missing.append(
            Missing("the counts column", "name it 'defectives' (p/np) or 'defects' (c/u)")
        )
        return plan
    frame = ds.frame.dropna(subset=[count[0]] + size[:1])
    counts = frame[count[0]].to_numpy(dtype=float)
    o: dict[str, Any] = {}
    if kind in ("p", "u"):
        if not size:
            plan.missing.append(
                Missing(
                    "the sample sizes",
                    f"a {kind} chart needs the number inspected per sample: add a column 'n'",
                )
            )
            return plan
        o["n"] = frame[size[0]].to_numpy(dtype=float).tolist()
    elif kind == "np":
        sizes = frame[size[0]].unique() if size else []
        if len(sizes) != 1:
            plan.missing.append(
                Missing("one constant sample size", "an np chart needs a constant 'n' column")
            )
            return plan
        o["size"] = float(sizes[0])
    plan.data["counts"] = counts
    plan.analysis = f"chart_{kind}"
    plan.slots.update(chart=kind, column=count[0], samples=len(counts))
    plan.program = program(
        let("primary", A.ChartStmt(kind=kind, x=name("counts"), options=opts(**o)))
    )
    plan.context.update(counts=counts, sizes=o.get("n", o.get("size")))
    return plan


def plan_capability(question: str, ph: Phrasing, ds: Dataset | None) -> Plan:
    q = normalise(question)
    plan = Plan("capability", "capability")
    lsl, usl, target = ph.slots.get("lsl"), ph.slots.get("usl"), ph.slots.get("target")
    if lsl is None and usl is None:
        plan.missing.append(
            Missing(
                "the specification limits",
                "give them in the question, e.g. 'LSL 9.5 and USL 10.5' or 'spec 10 +/- 0.5'",
            )
        )
    if ds is None:
        _need_data(plan, "the measurements (and a subgroup column if they were taken in subgroups)")
    if plan.missing:
        return plan
    if lsl is not None and usl is not None and lsl >= usl:
        plan.missing.append(Missing("LSL below USL", f"got LSL {lsl:g} and USL {usl:g}"))
        return plan
    series = _spc_series(q, ph, ds, plan)
    if series is None:
        return plan
    o: dict[str, Any] = {"lsl": lsl, "target": target, "usl": usl}
    by = (name(series["by"]),) if series["by"] else ()
    plan.analysis = "capability"
    plan.slots.update(
        lsl=lsl, usl=usl, target=target, column=series["label"], subgroup_size=series["size"]
    )
    plan.program = program(
        let(
            "primary",
            A.Command(verb="capability", x=name(series["x"]), by=by, table="d", options=opts(**o)),
        )
    )
    plan.context.update(series=series, frame=plan.data["d"])
    return plan


_PART = re.compile(r"^(part|parts|part_id|sample|item|specimen|unit|piece|partno|part_no)$")
_OPER = re.compile(r"^(operator|operators|appraiser|inspector|technician|op|tech|rater|gauger)$")


def plan_gage(question: str, ph: Phrasing, ds: Dataset | None) -> Plan:
    plan = Plan("measurement_system", "gage")
    if ds is None:
        return _need_data(
            plan,
            "columns part, operator and measurement (each part measured by each operator, repeated)",
        )
    cols = list(ds.frame.columns)
    part = [c for c in cols if _PART.match(c.lower())]
    oper = [c for c in cols if _OPER.match(c.lower())]
    meas = [
        c for c in ds.numeric
        if c not in part + oper and not _ID_LIKE.match(c.lower()) and c.lower() not in ("trial", "replicate", "rep")
    ]  # fmt: skip
    ment = mentioned(question, meas)
    meas = ment[:1] or meas
    if not part or not oper or len(meas) != 1:
        plan.missing.append(
            Missing(
                "part, operator and measurement columns",
                f"name the columns part, operator and measurement (found {cols})",
            )
        )
        return plan
    tol = ph.slots.get("tolerance")
    if tol is None and ph.slots.get("lsl") is not None and ph.slots.get("usl") is not None:
        tol = ph.slots["usl"] - ph.slots["lsl"]
    if tol is None:
        plan.notes.append("no tolerance given: %tolerance is not computed (say 'tolerance 1.5')")
    frame = ds.frame[[part[0], oper[0], meas[0]]].dropna()
    plan.data["g"] = pd.DataFrame(
        {
            "part": frame[part[0]].astype(str).to_numpy(),
            "operator": frame[oper[0]].astype(str).to_numpy(),
            "y": frame[meas[0]].to_numpy(dtype=float),
        }
    )
    plan.analysis = "gage_rr"
    plan.slots.update(part=part[0], operator=oper[0], measurement=meas[0], tolerance=tol)
    plan.program = program(
        let(
            "primary",
            A.Command(
                verb="gage",
                x=name("y"),
                by=(name("part"), name("operator")),
                table="g",
                options=opts(tolerance=tol),
            ),
        )
    )
    plan.context["frame"] = plan.data["g"]
    return plan


# ---------------------------------------------------------------------------------------------
# power and sample size


def plan_power(question: str, ph: Phrasing, ds: Dataset | None) -> Plan:
    q = normalise(question)
    plan = Plan("power", "power")
    s = ph.slots
    alpha = _alpha(ph, plan.notes)
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
# symbolic math

_LEAD = re.compile(
    r"^(please\s+)?(can you\s+|could you\s+)?(what is|what's|find|compute|calculate|evaluate|"
    r"determine|give me|get)?\s*(the\s+)?"
)
_STOP = r"\s*[?.!]*\s*$"


def _math_text(text: str) -> str:
    t = text.strip().strip("?.!").strip()
    t = re.sub(r"(\d)\s*([a-z(])", r"\1*\2", t)  # 5x -> 5*x, 2(x+1) -> 2*(x+1)
    t = re.sub(r"\)\s*\(", ")*(", t)
    t = t.replace("**", "^").replace("·", "*").replace("−", "-")
    return t


def _math_expr(text: str) -> A.MathExpr | None:
    from havoc_tools.dsl import DslError, parse

    try:
        prog = parse(f"simplify {_math_text(text)}\n")
    except DslError:
        return None
    st = prog.code[0] if prog.code else None
    return st.expr if isinstance(st, A.MathStmt) else None


def _symbols(e: Any) -> set[str]:
    if isinstance(e, A.MSym):
        return {e.name} - {"pi", "e", "E", "oo", "I"}
    out: set[str] = set()
    for attr in ("left", "right", "operand"):
        if hasattr(e, attr):
            out |= _symbols(getattr(e, attr))
    for a in getattr(e, "args", ()):
        out |= _symbols(a)
    return out


def plan_symbolic(question: str, ph: Phrasing, ds: Dataset | None) -> Plan:
    plan = Plan("symbolic", "symbolic")
    q = _LEAD.sub("", question.strip().lower().rstrip("?.! "))
    q = re.sub(r"\s+", " ", q)
    verb = expr_text = var = None
    lower = upper = point = rhs = None
    direction = None
    order = ph.slots.get("order")
    wrt = r"(?:\s+(?:with respect to|wrt|w\.r\.t\.)\s+(?P<v>[a-z]\w*))?"
    pats = [
        ("derive", r"(?:(?:second|third|2nd|3rd)\s+)?(?:derivative|differentiate)\s+(?:of\s+)?(?P<e>.+?)" + wrt + _STOP),
        ("derive", r"d/d(?P<v>[a-z])\s*(?:of\s+)?(?P<e>.+?)" + _STOP),
        ("integrate", r"(?:definite\s+)?(?:integrate|integral of|antiderivative of|integral)\s+(?P<e>.+?)(?:\s*d(?P<v2>[a-z])\b)?" + wrt + r"(?:\s+(?:from|between)\s+(?P<a>[^\s]+)\s+(?:to|and)\s+(?P<b>[^\s?]+))?" + _STOP),
        ("limit", r"limit\s+of\s+(?P<e>.+?)\s+as\s+(?P<v>[a-z]\w*)\s*(?:->|→|approaches|goes to|tends to)\s*(?P<p>[^\s?]+)(?:\s+from the (?P<dir>left|right|above|below))?" + _STOP),
        ("series", r"(?:taylor|maclaurin|power)?\s*series(?: expansion)?\s+(?:of|for)\s+(?P<e>.+?)(?:\s+(?:around|about|at)\s+(?:[a-z]\s*=\s*)?(?P<p>[^\s?,]+))?(?:\s*,?\s*(?:to|up to|through)\s+order\s+(?P<n>\d+))?" + _STOP),
        ("solve", r"(?:solve|roots? of|zeros? of)\s+(?:the equation\s+)?(?P<e>.+?)(?:\s+for\s+(?P<v>[a-z]\w*))?" + _STOP),
        ("simplify", r"simplify\s+(?P<e>.+?)" + _STOP),
    ]  # fmt: skip
    m = None
    for v, pat in pats:
        m = re.search(pat, q)
        if m:
            verb = v
            break
    if m is None or verb is None:
        plan.missing.append(
            Missing(
                "the operation and the expression",
                "ask e.g. 'derivative of x^3*sin(x)', 'integrate x^2 from 0 to 1', 'solve "
                "x^2 - 5x + 6 = 0', 'limit of sin(x)/x as x -> 0'",
            )
        )
        return plan
    gd = m.groupdict()
    expr_text = gd["e"]
    var = gd.get("v") or gd.get("v2") or ph.slots.get("var")
    if verb == "solve" and "=" in expr_text:
        expr_text, rhs_text = expr_text.split("=", 1)
        rhs = _math_expr(rhs_text)
        if rhs is None:
            plan.missing.append(Missing("a readable right-hand side", f"cannot read {rhs_text!r}"))
            return plan
        if isinstance(rhs, A.MNum) and rhs.value == 0:
            rhs = None
    expr = _math_expr(expr_text)
    if isinstance(expr, A.MSym) and len(expr.name) > 1:  # "differentiate this": a word, no math
        expr = None
    if expr is None:
        plan.missing.append(
            Missing(
                "a readable expression",
                f"cannot read {expr_text.strip()!r}; write it with * ^ / and function calls, "
                "e.g. x^2*sin(x)",
            )
        )
        return plan
    free = _symbols(expr) | (_symbols(rhs) if rhs is not None else set())
    if var is None and verb != "simplify":
        if len(free) == 1:
            var = next(iter(free))
        else:
            plan.missing.append(
                Missing(
                    "the variable",
                    f"the expression has {sorted(free) or 'no'} symbols; say 'with respect to x'",
                )
            )
            return plan
    if verb == "integrate" and gd.get("a") and gd.get("b"):
        lower, upper = _math_expr(gd["a"]), _math_expr(gd["b"])
        if lower is None or upper is None:
            plan.missing.append(Missing("readable bounds", f"cannot read {gd['a']} / {gd['b']}"))
            return plan
    o: dict[str, Any] = {}
    if verb == "limit":
        point = _math_expr(gd["p"].replace("infinity", "oo").replace("∞", "oo"))
        if point is None:
            plan.missing.append(Missing("a readable limit point", f"cannot read {gd['p']!r}"))
            return plan
        if gd.get("dir"):
            direction = "right" if gd["dir"] in ("right", "above") else "left"
            o["direction"] = direction
    if verb == "series":
        point = _math_expr(gd.get("p") or "0")
        if not gd.get("p"):
            plan.notes.append("series about 0 (no point given)")
        o["order"] = int(gd["n"]) if gd.get("n") else 6
        if not gd.get("n"):
            plan.notes.append("series to order 6 (say 'to order 4' to change)")
    if verb == "derive" and order:
        o["order"] = order
    stmt = A.MathStmt(
        verb=verb, expr=expr, var=var if verb != "simplify" else None, lower=lower, upper=upper,
        point=point, rhs=rhs, options=opts(**o),
    )  # fmt: skip
    plan.analysis = verb
    plan.slots.update(operation=verb, expression=_math_text(expr_text), variable=var)
    plan.program = program(let("primary", stmt))
    return plan


def plan_general(question: str, ph: Phrasing, ds: Dataset | None) -> Plan:
    plan = Plan("general", "explain")
    plan.notes.append("an explanatory question: answered from the handbook, no calculation")
    return plan


PLANNERS = {
    "hypothesis_test": plan_hypothesis,
    "regression": plan_regression,
    "doe_design": plan_doe_design,
    "doe_analysis": plan_doe_analysis,
    "spc_chart": plan_spc,
    "capability": plan_capability,
    "measurement_system": plan_gage,
    "power": plan_power,
    "symbolic": plan_symbolic,
    "general": plan_general,
}

__all__ = ["PLANNERS", "Missing", "Plan", "mentioned", "plan_request", "val"]
