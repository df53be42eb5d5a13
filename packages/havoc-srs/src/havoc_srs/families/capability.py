"""Process capability: Cp, Cpk, Pp, Ppk, Cpm and expected/observed PPM against specification
limits, with sigma within subgroups (or from moving ranges) and overall.

ARGUE checks stability (a control chart with Nelson rules 1-4) and normality; AUDIT recomputes
the mean, the within-subgroup sigma (d2 table or pooled sd / c4) and the indices from their
formulas.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

import numpy as np
from havoc_tools.dsl import ast as A

from havoc_srs.answer import number_text as fmt
from havoc_srs.data import Dataset, ident
from havoc_srs.dslbuild import comment, let, name, opts, program
from havoc_srs.execute import Execution
from havoc_srs.families import _capability_summary
from havoc_srs.families._checks import NO_P, NORMALITY_ALPHA, check, flagged, p_holds, run
from havoc_srs.families._spec_scale import measured, scale_limit, scale_range
from havoc_srs.families._spec_words import bare_limit
from havoc_srs.families._specs import spec_limits
from havoc_srs.families._sqc import D2, TABLE_TOL, c4, inline_values, spc_series
from havoc_srs.families._unit_words import spelled_unit
from havoc_srs.phrasing import Phrasing, normalise
from havoc_srs.plan import Missing, Plan, mentioned, need_data
from havoc_srs.reader.summaries import summaries

if TYPE_CHECKING:
    from havoc_srs.argue import Argument
    from havoc_srs.audit import Audit

name_ = "capability"
PROTOCOL = "arbiter"
ground_hint = "process capability Cp Cpk"
VERBS = ("capability",)

# ---------------------------------------------------------------------------------------------
# PLAN


def plan(question: str, ph: Phrasing, ds: Dataset | None) -> Plan:
    q = normalise(question)
    plan = Plan("capability", "capability")
    plan.context["asked"] = sorted(asked_figures(question))
    sp = spec_limits(question)
    if sp.lsl is not None or sp.usl is not None:
        lsl, usl = sp.lsl, sp.usl
    else:
        lsl, usl = ph.slots.get("lsl"), ph.slots.get("usl")
    target = sp.target if sp.target is not None else ph.slots.get("target")
    from havoc_srs.families.spc_chart import inline_subgroups

    typed = inline_subgroups(question)  # subgroups typed one per bracket or line
    if typed is not None and (ds is None or ds.name == "question"):
        ds = typed
    if ds is None:
        ds = inline_values(question)
        if ds is not None and len(ds.frame) < 3 and summaries(question, need_n=False):
            # "n=50, mean 10.021, s = 0.0148": a number or two picked out of a summary are
            # no sample; the summary is the process
            ds = None
    summary = summaries(question, need_n=False) if ds is None else []
    if len(summary) == 1 and (lsl is not None or usl is not None):
        # "mean 50.2, standard deviation 0.4, specification 49.0 to 51.0": no values needed
        return _capability_summary.plan(plan, summary[0], lsl, usl, target)
    if lsl is None and usl is None and ds is not None:  # "capability, 11.4 to 12.6 Nm"
        lsl, usl = scale_range(question, ds) or (None, None)
    bare = bare_limit(q) if lsl is None and usl is None and ds is not None else None
    if lsl is None and usl is None and bare is None and ds is not None:
        bare = scale_limit(question, ds)  # one number on the data's scale, in limit talk
    if lsl is None and usl is None and bare is None:
        plan.missing.append(
            Missing(
                "the specification limits",
                "give them in the question, e.g. 'LSL 9.5 and USL 10.5' or 'spec 10 +/- 0.5'",
            )
        )
    if ds is None:
        need_data(plan, "the measurements (and a subgroup column if they were taken in subgroups)")
    if plan.missing:
        return plan
    if lsl is not None and usl is not None and lsl >= usl:
        plan.missing.append(Missing("LSL below USL", f"got LSL {lsl:g} and USL {usl:g}"))
        return plan
    series = spc_series(
        q,
        ph,
        ds,
        plan,
        prefer=spec_column(question, ds, lsl if bare is None else bare, usl),
        force=_limits_column(q, ds, lsl, usl, plan),
    )
    if series is None:
        return plan
    if bare is not None:  # "the limit of 0.20": the side the data stay on tells which limit
        values = np.asarray(plan.data["d"][series["x"]], dtype=float)
        below = float(np.mean(values < bare))
        if abs(below - 0.5) < 0.3:  # the data straddle it: no side to read
            plan.missing.append(
                Missing(
                    "which side the limit is on",
                    f"say 'upper limit {bare:g}' or 'lower limit {bare:g}'",
                )
            )
            return plan
        lsl, usl = (None, bare) if below > 0.5 else (bare, None)
        plan.notes.append(
            f"the limit {bare:g} is read as the {'upper' if usl is not None else 'lower'} "
            f"specification limit: {below:.0%} of the values lie below it"
        )
    lsl, usl, target = (
        _in_column_time_unit(question, v, series["label"], plan) for v in (lsl, usl, target)
    )
    # Cpm needs both limits: with one limit the target is kept in the slots, not computed with
    o: dict[str, Any] = {"lsl": lsl, "usl": usl}
    if lsl is not None and usl is not None:
        o = {"lsl": lsl, "target": target, "usl": usl}  # the DSL's order of the arguments
    elif target is not None:
        plan.notes.append(f"target {target:g} noted; Cpm needs both specification limits")
    by = (name(series["by"]),) if series["by"] else ()
    plan.analysis = "capability"
    plan.slots.update(
        lsl=lsl, usl=usl, target=target, column=series["label"], subgroup_size=series["size"]
    )
    wide, sub_col = series.get("wide"), series.get("subgroup_column")
    if sub_col and not mentioned(q, [sub_col]) and not _subgroups_said(q):
        sub_col = None  # subgroups the table implies, not a column the question is about
    plan.program = program(
        comment(  # the DSL names the table's own columns it read
            "subgroups are the rows of the columns: " + ", ".join(ds.idents.get(c, c) for c in wide)
        )
        if wide
        else comment("subgroups from the column: " + ds.idents.get(sub_col, ident(sub_col)))
        if sub_col
        else None,
        let(
            "primary",
            A.Command(verb="capability", x=name(series["x"]), by=by, table="d", options=opts(**o)),
        ),
    )
    plan.context.update(series=series, frame=plan.data["d"])
    return plan


# the question speaks of the subgroups the table's subgroup column holds ("subgroups of 5")
_SUBGROUPS_SAID = re.compile(r"\bsub-?groups?\b|\bsubgrp\w*")
# "data are in one column, subgroup size 5" (Minitab's dialog): a constant size, not a column
_ONE_COLUMN = re.compile(r"\b(?:one|a single|single) column\b")


def _subgroups_said(q: str) -> bool:
    return bool(_SUBGROUPS_SAID.search(q)) and not _ONE_COLUMN.search(q)


# capability asked as a software call or menu path: qcc's process.capability(...), Minitab's
# "Stat > Quality Tools > Capability Analysis", JMP's "Process Capability" platform, Sixpack
_SOFTWARE = re.compile(
    r"\bprocess\.capability\b|\b(?:cpk|ppk|cp|capability)\s*\(|\bcapability[ _]?(?:analysis|sixpack|"
    r"report|platform)\b|>\s*(?:process )?capability\b|\bcapability[ _]?(?:study|index|indices)\s*\("
    # the index's formula typed out: "(USL-mean)/(3*sd)", "(x̄ - LSL) / 3σ"
    r"|\(\s*usl\s*-\s*(?:mean|avg|average|x̄|xbar|μ|mu)\s*\)\s*/\s*\(?\s*3"
    r"|\(\s*(?:mean|avg|average|x̄|xbar|μ|mu)\s*-\s*lsl\s*\)\s*/\s*\(?\s*3"
)


# the share of future output beyond a limit, predicted from the process (the expected PPM):
# "what percentage will fall outside 498-506", "how often would we miss the minimum", "how many
# would be under 498", "expected fallout"; and the process's sigma level against its limits
_PREDICTED_OUT = re.compile(
    r"\b(?:will|would|are going to|is going to|expect\w*|likely to|predict\w*|going to|could)\b"
    r"(?: \w+){0,3}? (?:fall|be|end up|land|come out|lie|sit)s? (?:\w+ )?(?:outside|beyond|under|"
    r"below|above|over|out of)\b"
    r"|\bhow (?:often|many times|frequently) (?:will|would|do|does|are|is) (?:we|it|they|the \w+) "
    r"(?:miss|fail|break|exceed|violate|fall (?:short|outside|below|under))\w*"
    r"|\b(?:expected|predicted|projected|long[- ]term) (?:fallout|fall-out|scrap|reject|defect|"
    r"nonconform\w*|out[- ]of[- ](?:spec|tolerance))\w*"
    r"|\bsigma (?:level|capability|quality level)\b"
    # the defect rate asked per million ("how many batches per million would fail", "failures
    # in a million", "DPMO"): a prediction from the process, not a count of the rows
    r"|\bhow many\b[^.?!]{0,40}?\b(?:per|in a|in every|out of a|in one) million\b"
    r"|\b(?:per|in a|in one) million\b[^.?!]{0,20}?\b(?:would|will|fail\w*|reject\w*|defect\w*|"
    r"out of spec\w*|nonconform\w*)|\bdpmo\b"
    r"|\bhow many\b[^.?!]{0,40}?\b(?:would|will|are going to|might|could)\s+(?:\w+\s+)?(?:fail|miss|"
    r"exceed|break|fall outside|be out of spec\w*|be rejected)\b"
)


def mode_cue(question: str, data: Dataset | None) -> tuple[float, str]:
    """MODE evidence: capability called by its software name or menu path (a chart the same
    call draws, "qcc(..., type = 'xbar')", does not make it a control-chart request); the
    expected share beyond stated limits, or the sigma level against them, asked of data."""
    q = normalise(question)
    m = _SOFTWARE.search(q)
    if m:
        return 5.0, f"capability called by its software name ({m.group(0).strip()})"
    if data is None and _ASKED_SHARE.search(q):
        # "mean 20.3, SD 0.05, limits 20.0-20.5: what percent out of spec?": the process given
        # by its mean and SD, and its share beyond limits written as limits
        sp = spec_limits(question)
        if sp.strong and len(summaries(question, need_n=False)) == 1:
            return 6.0, "a process given by its mean and SD, its share beyond the limits asked"
    m = _PREDICTED_OUT.search(q)
    if m and data is not None:
        sp = spec_limits(question)
        if (
            sp.lsl is not None
            or sp.usl is not None
            or scale_range(question, data)
            or scale_limit(question, data) is not None
        ):
            return 6.0, f"the share beyond the limits predicted ({m.group(0).strip()[:40]})"
    return 0, ""


# the room left to a limit, asked in words ("with margin", "how many sigmas of room")
_MARGIN = re.compile(
    r"\b(?:with (?:a |some |enough |any )?(?:margin|room|headroom|cushion|safety)|margin|headroom|"
    r"how many (?:sigmas?|standard deviations?|std\.? devs?|sds?)\b|sigmas? of (?:room|margin|headroom)|"
    r"comfortabl\w*|"
    r"how (?:far|close) (?:\w+ ){0,4}(?:from|to) (?:the |our |its )?(?:\S+ ){0,2}(?:limit|spec\w*|minimum|"
    r"maximum))"
)


def margin_asked(q: str) -> bool:
    """The question asks how much room the process leaves to its limit(s), a capability
    question however it is worded."""
    return bool(_MARGIN.search(q))


_UNIT_AFTER_NUMBER = re.compile(r"\d\s*(%|[a-zµ°][a-zµ°/]*)")


def _header_unit(column: str) -> str | None:
    m = re.search(r"\(([^)]+)\)\s*$|[\s_](%|pct|percent|[a-zµω]{1,4})$", column.lower())
    if not m:
        return None
    unit = (m.group(1) or m.group(2)).strip().replace("µ", "u").replace("ω", "ohm")
    return "%" if unit in ("pct", "percent") else unit


_SECONDS = {"s": 1, "sec": 1, "second": 1, "min": 60, "minute": 60, "h": 3600, "hr": 3600,
            "hour": 3600, "day": 86400, "week": 604800}  # fmt: skip
_TIME_AFTER = re.compile(
    r"(\d+(?:\.\d+)?)\s*(s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?)\b"
)


def _time_unit(text: str | None) -> int | None:
    if not text:
        return None
    t = text.lower().rstrip("s") if len(text) > 1 else text.lower()
    return _SECONDS.get(t) or _SECONDS.get(t.rstrip("c"))


def _in_column_time_unit(
    question: str, value: float | None, column: str, plan: Plan
) -> float | None:
    """A limit written in another time unit than the column's ("within 3 days" against
    Delivery time (h)): converted to the column's unit."""
    if value is None:
        return None
    col_unit = _time_unit(_header_unit(column))
    if col_unit is None:
        return value
    from havoc_srs.families.power import _words_to_numbers

    for m in _TIME_AFTER.finditer(_words_to_numbers(question.lower())):
        unit = _time_unit(m.group(2))
        if float(m.group(1)) == value and unit and unit != col_unit:
            out = round(value * unit / col_unit, 10)
            plan.notes.append(f"limit {value:g} {m.group(2)} = {out:g} in the unit of {column!r}")
            return out
    return value


def spec_column(question: str, ds: Dataset, lsl: float | None, usl: float | None) -> str | None:
    """The measurement the limits belong to, when the question does not name it: the one
    numeric column whose unit the limits are written in ("at least 50 MPa" -> "Tensile (MPa)"),
    else the one whose median lies between two-sided limits."""
    cols = [c for c in ds.numeric if ds.n_levels(c) > 2]
    written = {u.replace("µ", "u") for u in _UNIT_AFTER_NUMBER.findall(question.lower())}
    # a unit spelled out in the question ("60 seconds", "48 litres") is the header's symbol
    units = written | {spelled_unit(u) for u in written} - {""}
    by_unit = [
        c for c in cols
        if (u := _header_unit(c)) and (u in units or u.split("/")[0].strip() in units and "/" in u)
    ]  # fmt: skip
    if len(by_unit) == 1:
        return by_unit[0]
    pool = by_unit or cols
    if lsl is not None and usl is not None:
        inside = [c for c in pool if lsl <= float(ds.frame[c].median()) <= usl]
        if len(inside) == 1:
            return inside[0]
    elif lsl is not None or usl is not None:  # one limit: the one column on whose scale it lies
        v = lsl if lsl is not None else usl
        near = [c for c in pool if c in measured(ds) and _on_scale(ds.values(c), v)]
        if len(near) == 1:
            return near[0]
    return None


def _limits_column(
    q: str, ds: Dataset, lsl: float | None, usl: float | None, plan: Plan
) -> str | None:
    """The column two-sided limits belong to when the words point at another one whose values
    lie nowhere near them ("bath acidity, target 4.20 +/- 0.20" read as "Bath temp" at 55 degC
    beside a pH column at 4.2): the limits are written on the measured quantity's scale, so the
    one numeric column whose median lies between them is the measurement."""
    if lsl is None or usl is None or usl <= lsl:
        return None
    from havoc_srs.families._sqc import ID_LIKE, _row_index
    from havoc_srs.reader.columns import _is_id

    cols = [
        c
        for c in ds.numeric
        if ds.n_levels(c) > 2
        and not ID_LIKE.match(c.lower())
        and not _is_id(c, ds)
        and not _row_index(ds, c)  # "Batch" 1..n numbers the rows
    ]
    named = [c for c in mentioned(q, cols) if c in cols]
    if len(named) != 1:
        return None
    width = usl - lsl

    def median(c: str) -> float:
        return float(ds.frame[c].median())

    if lsl - 5 * width <= median(named[0]) <= usl + 5 * width:
        return None
    inside = [c for c in cols if lsl <= median(c) <= usl]
    if len(inside) != 1:
        return None
    plan.notes.append(
        f"the limits {lsl:g} to {usl:g} are on the scale of {ds.header(inside[0])!r} "
        f"(median {median(inside[0]):.4g}), not of {ds.header(named[0])!r} "
        f"(median {median(named[0]):.4g}): {ds.header(inside[0])!r} is the measurement"
    )
    return inside[0]


def _on_scale(x: np.ndarray, v: float) -> bool:
    """``v`` lies within four standard deviations of the values' range."""
    x = x[np.isfinite(x)]
    if len(x) < 3:
        return False
    sd = float(np.std(x, ddof=1))
    return float(x.min()) - 4 * sd <= v <= float(x.max()) + 4 * sd


# ---------------------------------------------------------------------------------------------
# ARGUE and ARBITER


def argue(plan: Plan, ex: Execution, arg: Argument) -> None:
    if "summary" in plan.context:
        return _capability_summary.argue(plan, ex, arg)
    s = plan.context["series"]
    kind = "xbar_r" if s["by"] else "imr"
    by = (name("subgroup"),) if s["by"] else ()
    x = np.asarray(plan.data["d"][s["x"]], dtype=float)
    ex_checks = run(
        arg, plan,
        [
            let("stability", A.ChartStmt(kind=kind, x=name(s["x"]), by=by, table="d", options=opts(rules=[1, 2, 3, 4]))),
            let("normality", A.Command(verb="shapiro", x=name("values"))),
        ],
        {"values": x},
    )  # fmt: skip
    res = ex_checks.results
    st = res.get("stability")
    if st:
        pts = flagged(st)
        ok = not pts
        plan.context["stable"] = ok
        arg.checks.append(
            check("process stability", f"{st['chart']} chart, Nelson rules 1-4", ok,
                   "in control" if ok else f"out of control at points {[i + 1 for i in pts[:20]]} (1-based)",
                   flagged=pts)
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
        ok = p_holds(nr, NORMALITY_ALPHA)
        arg.checks.append(
            check("normality", "Shapiro-Wilk", ok, NO_P if ok is None else "normal model fits" if ok
                   else "non-normal: the PPM estimates are unreliable", p_value=nr["p_value"])
        )  # fmt: skip
        if ok is False:
            arg.caveats.append("the data are not normal: indices and PPM assume normality")
    why = (
        "not checked: the check could not run ("
        + (ex_checks.error or "no result").splitlines()[0]
        + ")"
    )
    if not st:
        arg.checks.append(check("process stability", "control chart, Nelson rules 1-4", None, why))
    if not nr:
        arg.checks.append(check("normality", "Shapiro-Wilk", None, why, n=len(x)))


def prefer(plan: Plan, arg: Argument) -> list[tuple[str, str]]:
    """The stability chart supports the indices; it never replaces them."""
    return []


# ---------------------------------------------------------------------------------------------
# AUDIT


def audit(au: Audit, plan: Plan, r: dict[str, Any]) -> None:
    if "summary" in plan.context:
        return _capability_summary.audit(au, plan, r)
    s = plan.context["series"]
    x = np.asarray(plan.data["d"][s["x"]], float)
    lsl, usl = plan.slots.get("lsl"), plan.slots.get("usl")
    sd = x.std(ddof=1)
    mean = x.mean()
    au.value("mean", r["mean"], mean)
    if s["by"] is None:
        sw = np.abs(np.diff(x)).mean() / D2[2]
        au.value("sigma within = MR-bar/d2 (table)", r["sigma_within"], sw, rel=TABLE_TOL)
    else:
        g = plan.data["d"].groupby("subgroup", sort=False)[s["x"]]
        ss = ((g.transform("mean") - plan.data["d"][s["x"]]) ** 2).sum()
        dof = (g.size() - 1).sum()
        sw = math.sqrt(ss / dof) / c4(int(dof) + 1) if dof > 0 else math.nan
        if "pooled" in str(r.get("method", "")).lower():
            au.value("sigma within = pooled sd / c4(d+1)", r["sigma_within"], sw, rel=1e-6)
        sw = r["sigma_within"]
    if lsl is not None and usl is not None:
        au.value("Pp = (USL - LSL) / 6 s", r["pp"], (usl - lsl) / (6 * sd))
        au.value(
            "Cp = (USL - LSL) / 6 sigma_within", r["cp"], (usl - lsl) / (6 * r["sigma_within"])
        )
        au.truth("Cpk <= Cp", r["cpk"] <= r["cp"] + 1e-12)
        au.truth("Ppk <= Pp", r["ppk"] <= r["pp"] + 1e-12)
    ppk = min(v for v in ((usl - mean) / (3 * sd) if usl is not None else None,
                          (mean - lsl) / (3 * sd) if lsl is not None else None) if v is not None)  # fmt: skip
    au.value("Ppk = min(USL - mean, mean - LSL) / 3 s", r["ppk"], ppk)


# ---------------------------------------------------------------------------------------------
# ANSWER


def key_numbers(plan: Plan, r: dict[str, Any]) -> dict[str, Any]:
    k: dict[str, Any] = {}
    k.update(
        Cp=r["cp"], Cpk=r["cpk"], Pp=r["pp"], Ppk=r["ppk"], Cpm=r.get("cpm"), mean=r["mean"],
        sigma_within=r["sigma_within"], sigma_overall=r["sigma_overall"], n=r["n"],
        lsl=r["lsl"], usl=r["usl"], ppm_expected_overall=r["ppm_expected_overall"]["total"],
        ppm_observed=r["ppm_observed"]["total"] if r.get("data") else None,
    )  # fmt: skip
    return k


# which figure the question asks for, beyond Cp/Cpk: the share out of specification (PPM,
# percent, yield), the overall (performance) indices, the index against the target
_ASKED_SHARE = re.compile(
    r"\bppm\b|\bparts per million\b|\bdpmo\b|\byield\b|\bfall-?out\b|\b(?:percent(?:age)?|%|share|"
    r"fraction|proportion|rate|how many|how much|how often|probability|chance|likelihood)\b.{0,60}?"
    r"\b(?:out(?:side)?|beyond|under|below|above|over|miss\w*|fail\w*|reject\w*|scrap\w*|"
    r"nonconform\w*|non-conform\w*|defective|in spec|within)\b"
)
_ASKED_OVERALL = re.compile(r"\bppk?\b|\bp_?p_?k\b|\bperformance\b|\boverall\b|\blong[- ]term\b")
_ASKED_TARGET = re.compile(r"\bcpm\b|\btaguchi\b|\bon target\b|\boff target\b|\btarget\b")


def asked_figures(question: str) -> set[str]:
    """The figures the question asks for besides Cp and Cpk: "share" (expected PPM / percent
    out of specification), "overall" (Pp, Ppk), "target" (Cpm)."""
    q = normalise(question)
    out = set()
    if _ASKED_SHARE.search(q):
        out.add("share")
    if _ASKED_OVERALL.search(q):
        out.add("overall")
    if _ASKED_TARGET.search(q):
        out.add("target")
    return out


def _asked_text(plan: Plan, k: dict[str, Any]) -> str:
    asked = plan.context.get("asked") or set()
    parts = []
    if "overall" in asked and k.get("Ppk") is not None:
        pp = f"Pp = {fmt(k['Pp'])}, " if k.get("Pp") is not None else ""
        parts.append(f"overall (performance) indices {pp}Ppk = {fmt(k['Ppk'])}")
    if "target" in asked and k.get("Cpm") is not None:
        parts.append(f"Cpm = {fmt(k['Cpm'])} against the target")
    ppm = k.get("ppm_expected_overall")
    if "share" in asked and ppm is not None:
        obs = k.get("ppm_observed")
        seen = f"; observed {fmt(obs)} PPM in the data" if obs is not None else ""
        parts.append(
            f"expected out of specification {fmt(ppm)} PPM ({fmt(ppm / 1e4)} %, from the "
            f"overall sigma and a normal model){seen}"
        )
    return (" Asked: " + "; ".join(parts) + ".") if parts else ""


def conclusion(plan: Plan, k: dict[str, Any]) -> str:
    verdict = (
        "capable (Cpk >= 1.33)"
        if k["Cpk"] >= 1.33
        else ("marginal (1 <= Cpk < 1.33)" if k["Cpk"] >= 1 else "not capable (Cpk < 1)")
    )
    return (
        f"The process is {verdict}: Cp = {fmt(k.get('Cp'))}, Cpk = {fmt(k['Cpk'])}, "
        f"Ppk = {fmt(k.get('Ppk'))}." + _asked_text(plan, k)
    )


def next_step(plan: Plan, k: dict[str, Any], caveats: list[str]) -> str:
    if any("control" in c for c in caveats):
        return "Remove special causes first; then centre the process if Cpk is well below Cp."
    return "Centre the process if Cpk is well below Cp; monitor with a control chart."
