"""Measurement system analysis: a crossed Gage R&R study by two-way ANOVA (repeatability,
reproducibility, part-to-part; %contribution, %study variation, %tolerance, ndc).

ARGUE checks the part x operator interaction against its cut-off and the number of distinct
categories; AUDIT recomputes the sums of squares from the part, operator and cell means, the
interaction's F test and the pooling decision, and the variance-component identities.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

import pandas as pd
from havoc_tools.dsl import ast as A

from havoc_srs.answer import number_text as fmt
from havoc_srs.data import Dataset
from havoc_srs.dslbuild import let, name, opts, program
from havoc_srs.execute import Execution
from havoc_srs.families._checks import check
from havoc_srs.phrasing import Phrasing, normalise
from havoc_srs.plan import ID_LIKE, Missing, Plan, mentioned, need_data

if TYPE_CHECKING:
    from havoc_srs.argue import Argument
    from havoc_srs.audit import Audit

name_ = "measurement_system"
PROTOCOL = "arbiter"
ground_hint = "gage R&R measurement system analysis"
VERBS = ("gage",)

# ---------------------------------------------------------------------------------------------
# PLAN

# Header words for each role (searched inside the header: "Part No.", "SampleID", "Inspector 2").
_PART = re.compile(
    r"part|sample|specimen|item|piece|unit|serial|component|housing|sheet|coupon|board|wafer|"
    r"shaft|pin|bore|standard|reference|object|\bpn\b"
)
_OPER = re.compile(
    r"operator|appraiser|inspector|technician|\btech\b|rater|gau?ger|measurer|person|analyst|"
    r"\bop\b|\bwho\b|\buser\b|metrologist|assessor|checker|examiner|tester|\bname\b"
)
_REPL = re.compile(r"trial|\brep|repeat|replica|attempt|reading|\brun\b|\bcycle|iteration|order")
_NUM = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)"
_TOL = re.compile(
    rf"\b(?:tolerance|tol|tolerancia|toleranz|tolérance)\b(?:\s*(?:width|band|range|interval|is|"
    rf"of|=|:|\bat\b|de|von))*\s*"
    rf"(±|\+/-|\+-|plus or minus)?\s*({_NUM})"
)
_TOL_RANGE = re.compile(
    rf"\b(?:tolerance|tol|tolerancia|toleranz|tolérance)\b[^\d±+\-]{{0,12}}({_NUM})\s*[a-zµ%]*\s*"
    rf"(?:-|–|to|a|bis|à|\.\.)\s*({_NUM})(?!\s*%)"
)
_TOL_BEFORE = re.compile(rf"(±|\+/-|\+-|plus or minus)\s*({_NUM})\s*[a-zµ%]*\s*tolerance")


def _factor_like(ds: Dataset, c: str) -> bool:
    """A column that can index parts, operators or trials: labels, or whole numbers with few
    levels (each level repeated)."""
    col = ds.frame[c].dropna()
    if len(col) == 0:
        return False
    levels = col.nunique()
    if c in ds.numeric:
        v = col.to_numpy(dtype=float)
        if not (v == v.round()).all():
            return False
    return 2 <= levels <= max(2, len(col) // 2)


def _crossed(frame: pd.DataFrame, a: str, b: str) -> int:
    """Cells per (a, b) combination when every combination is present, else 0."""
    sizes = frame.groupby([a, b]).size()
    if len(sizes) != frame[a].nunique() * frame[b].nunique():
        return 0
    return int(sizes.min())


def gage_roles(question: str, ds: Dataset) -> tuple[str, str, str | None] | None:
    """Part, operator and (when there is one) trial column of a crossed gage study, from the
    headers' words and the table's structure: every part measured by every operator, each
    combination at least twice (or once per trial), part the factor with the most levels."""
    q = " ".join(question.lower().split())
    factors = [c for c in ds.frame.columns if _factor_like(ds, c)]
    best: tuple[float, str, str, str | None] | None = None
    for a in factors:
        for b in factors:
            if a == b:
                continue
            cells = _crossed(ds.frame, a, b)
            if cells < 1:
                continue
            trial = next(
                (
                    t for t in factors
                    if t not in (a, b) and ds.frame.groupby([a, b, t]).size().max() == 1
                ),
                None,
            )  # fmt: skip
            if cells < 2 and trial is None:
                continue
            la, lb = ds.n_levels(a), ds.n_levels(b)
            score = 3.0 * bool(_PART.search(a.lower())) + 3.0 * bool(_OPER.search(b.lower()))
            score -= 3.0 * bool(_REPL.search(a.lower())) + 3.0 * bool(_REPL.search(b.lower()))
            score += 1.0 * (la > lb) + 0.5 * (b in ds.labels)
            score += 1.0 * bool(re.search(rf"\b{re.escape(a.lower())}\b[^.,;]{{0,12}}part", q))
            score += 1.0 * bool(re.search(rf"\b{re.escape(b.lower())}\b[^.,;]{{0,12}}operator", q))
            if best is None or score > best[0]:
                best = (score, a, b, trial)
    return None if best is None else best[1:]


def gage_tolerance(question: str, ph: Phrasing) -> float | None:
    """The tolerance width: "tolerance 0.3", "tolerance is ±0.15" (= 0.3), or USL - LSL."""
    from havoc_srs.families._specs import _DECIMAL_COMMA

    q = normalise(_DECIMAL_COMMA.sub(r"\1.\2", question))
    m = _TOL_RANGE.search(q)
    if m and float(m.group(2)) > float(m.group(1)):  # "tolerance 42-48 HRC": its two limits
        return round(float(m.group(2)) - float(m.group(1)), 10)
    m = _TOL.search(q)
    if m and float(m.group(2)) > 0:
        return float(m.group(2)) * (2 if m.group(1) else 1)
    m = _TOL_BEFORE.search(q)
    if m:
        return 2 * float(m.group(2))
    if ph.slots.get("tolerance") is not None:
        return float(ph.slots["tolerance"])
    if ph.slots.get("lsl") is not None and ph.slots.get("usl") is not None:
        return round(float(ph.slots["usl"] - ph.slots["lsl"]), 10)
    from havoc_srs.families._specs import spec_limits

    sp = spec_limits(question)  # "parts are 25 ± 0.15", "spec 24.85-25.15", "LSL 2 USL 4"
    if sp.strong and sp.lsl is not None and sp.usl is not None:
        return round(sp.usl - sp.lsl, 10)
    return None


_V = r"[-+]?\d+(?:\.\d+)?"
_READS = rf"{_V}(?:\s*/\s*{_V})+"
_INLINE_OPER = re.compile(
    rf"([A-Za-z][\w\-]*)\s*:\s*((?:[A-Za-z#]*\s*\d+\s*[:=]?\s+{_READS}[,;]?\s*)+)"
)
_INLINE_PART = re.compile(rf"([A-Za-z#]*\s*\d+)\s*[:=]?\s+({_READS})")


def inline_gage(question: str) -> pd.DataFrame | None:
    """Gage data typed into the question, one operator at a time with each part's repeats
    separated by slashes: "Kim: P1 10.2/10.3, P2 9.8/9.9; Lee: P1 10.4/10.4, P2 10.0/9.9"."""
    rows = []
    for m in _INLINE_OPER.finditer(question):
        for pm in _INLINE_PART.finditer(m.group(2)):
            for v in pm.group(2).split("/"):
                rows.append((pm.group(1).replace(" ", ""), m.group(1), float(v)))
    frame = pd.DataFrame(rows, columns=["part", "operator", "measurement"])
    if frame.empty or frame["operator"].nunique() < 2 or frame["part"].nunique() < 2:
        return None
    return frame


_NUMS = rf"{_V}(?:\s+{_V})*"
_SLASHED_PART = re.compile(
    rf"(?:^|(?<=[;:.\n]))\s*([A-Za-z]{{0,12}}\s*#?\s*\d+)\s*[:=]?\s+({_NUMS}(?:\s*/\s*{_NUMS})+)"
    rf"\s*(?=;|\.\s|\.?$|\n)"
)
_OPERATOR_NAMES = re.compile(
    r"\b(?:operators?|appraisers?|inspectors?|technicians?|techs?|people|raters?|measurers?)\s*"
    r"[:(]?\s*([A-Z][\w-]*(?:\s*,\s*[A-Z][\w-]*)*\s*(?:,?\s*and\s+|\s*&\s*|\s*,\s*)[A-Z][\w-]*)"
)


def slashed_gage(question: str) -> pd.DataFrame | None:
    """Gage data typed one part at a time, each operator's repeats between slashes in the order
    the question names the operators: "inspectors Kim and Ola: T1 8.02 8.04 / 8.06 8.05; T2
    ..." (operators 1, 2, ... when unnamed). Every part must carry the same number of operators
    (two or more) and every cell the same number of repeats (two or more)."""
    found = list(_SLASHED_PART.finditer(question))
    if len(found) < 2:
        return None
    cells = [[[float(x) for x in c.split()] for c in m.group(2).split("/")] for m in found]
    n_ops, reps = len(cells[0]), len(cells[0][0])
    if (
        n_ops < 2
        or reps < 2
        or any(len(c) != n_ops or {len(v) for v in c} != {reps} for c in cells)
    ):
        return None
    names_m = _OPERATOR_NAMES.search(question)
    names = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", names_m.group(1)) if names_m else []
    if len(names) != n_ops:
        names = [str(j + 1) for j in range(n_ops)]
    rows = [
        (m.group(1).replace(" ", ""), names[j], x)
        for m, part in zip(found, cells, strict=True)
        for j, vals in enumerate(part)
        for x in vals
    ]
    return pd.DataFrame(rows, columns=["part", "operator", "measurement"])


# "part 1 op A 5.01 5.02, op B 5.03 5.03; part 2 op A ...": parts one after another, each
# operator's repeats after the operator's label, no colons
_PART_SEGMENT = re.compile(
    r"\b(?:part|sample|piece|specimen|item|unit|coupon|board|pin)\s*(?:no\.?\s*|#\s*)?"
    r"([A-Za-z]?\d+|[A-Za-z])\b\s*[:=,-]?\s*(.+?)(?=[;\n]|\b(?:part|sample|piece|specimen|item|"
    r"unit|coupon|board|pin)\s*(?:no\.?\s*|#\s*)?(?:[A-Za-z]?\d+|[A-Za-z])\b|$)",
    re.I | re.S,
)
_OPER_CELL = re.compile(
    rf"(?:\b(?:op|oper|operator|appraiser|inspector|tech|technician)\.?\s*)?\b([A-Za-z][\w-]*)"
    rf"\s*[:=]?\s+({_V}(?:\s*[\s/]\s*{_V})+)"
)


def labelled_gage(question: str) -> pd.DataFrame | None:
    """Gage data typed part by part with each operator's repeats after its label:
    "part 1 op A 5.01 5.02, op B 5.03 5.03; part 2 op A 4.96 4.95, op B 4.98 4.97; ...".
    Every part must carry the same operators (two or more) and every cell the same number of
    repeats (two or more)."""
    rows: list[tuple[str, str, float]] = []
    ops_seen: list[str] | None = None
    reps: int | None = None
    segments = list(_PART_SEGMENT.finditer(question))
    if len(segments) < 2:
        return None
    for seg in segments:
        cells = [
            (c.group(1), [float(v) for v in re.split(r"[\s/]+", c.group(2).strip())])
            for c in _OPER_CELL.finditer(seg.group(2))
        ]
        ops = [op for op, _ in cells]
        if len(ops) < 2 or len(set(ops)) != len(ops) or (ops_seen and ops != ops_seen):
            return None
        if any(len(v) < 2 or (reps and len(v) != reps) for _, v in cells):
            return None
        ops_seen, reps = ops, len(cells[0][1])
        rows += [(seg.group(1), op, x) for op, v in cells for x in v]
    return pd.DataFrame(rows, columns=["part", "operator", "measurement"])


def _stem(col: str) -> str:
    return re.sub(r"[\s_#.-]*\d+$", "", str(col).strip()).lower()


# a repeat named by its place in the order: "1st", "second", "3rd reading", "Reading three"
_ORDINAL = (
    r"(?:\d+\s*(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|one|two|three|four|five|six)"
)
_ORDINAL_HEAD = re.compile(rf"^(?:{_ORDINAL})\b[\s_.-]*", re.IGNORECASE)
_ORDINAL_TAIL = re.compile(rf"[\s_#.-]*\b(?:{_ORDINAL})$", re.IGNORECASE)


def _repeat_key(col: str) -> str | None:
    """What repeat columns side by side share: the header but for a trailing number ("trial1",
    "Reading 2"), an ordinal before or after it ("1st reading", "Measurement second"), or
    nothing at all ("1", "2nd"); None for a header that does not count a repeat."""
    c = str(col).strip()
    if re.fullmatch(r"\d{1,2}", c) or re.fullmatch(_ORDINAL, c, re.IGNORECASE):
        return "#"
    if re.search(r"\d+$", c) and _stem(c):
        return _stem(c)
    for rx in (_ORDINAL_HEAD, _ORDINAL_TAIL):
        rest = rx.sub("", c)
        if rest != c and rest.strip():
            return "#" + rest.strip().lower()
    return None


def wide_repeats(ds: Dataset) -> pd.DataFrame | None:
    """A gage table written one row per part and operator with the repeat readings side by
    side (``part, op, trial1, trial2`` or ``Part, Appraiser, Reading 1, Reading 2, Reading
    3``): the long table part / operator / measurement, or None. The repeats are two or more
    numeric columns named alike but for a trailing number; the other two columns must cross."""
    groups: dict[str, list[str]] = {}
    for c in ds.numeric:
        key = _repeat_key(c)
        if key:
            groups.setdefault(key, []).append(c)
    reps = [g for g in groups.values() if len(g) >= 2]
    if len(reps) != 1:
        return None
    rep = reps[0]
    others = [c for c in ds.frame.columns if c not in rep]
    if len(others) != 2:
        return None
    frame = ds.frame
    if _crossed(frame, others[0], others[1]) != 1:
        return None
    a, b = others
    if ds.n_levels(b) > ds.n_levels(a) or (
        _OPER.search(str(a).lower()) and not _OPER.search(str(b).lower())
    ):
        a, b = b, a  # the part has the most levels; the operator is named as one
    long = frame.melt(id_vars=[a, b], value_vars=rep, value_name="measurement")
    return long[[a, b, "measurement"]].rename(columns={a: str(a), b: str(b)})


def plan(question: str, ph: Phrasing, ds: Dataset | None) -> Plan:
    plan = Plan("measurement_system", "gage")
    typed = slashed_gage(question) if ds is None or ds.name == "question" else None
    typed = typed if typed is not None else inline_gage(question)
    if typed is None and (ds is None or ds.name == "question"):
        typed = labelled_gage(question)
    if typed is not None:
        ds = Dataset.from_frame(typed, "question")
    if ds is not None and gage_roles(question, ds) is None:
        long = wide_repeats(ds)
        if long is not None:  # repeats side by side: one reading per row
            ds = Dataset.from_frame(long, ds.name)
            plan.notes.append("the repeat readings side by side were read as one column")
    if ds is None:
        return need_data(
            plan,
            "columns part, operator and measurement (each part measured by each operator, repeated)",
        )
    cols = list(ds.frame.columns)
    roles = gage_roles(question, ds)
    if roles is None:
        plan.missing.append(
            Missing(
                "part, operator and measurement columns",
                "a crossed study: every part measured by every operator, each at least twice "
                f"(found columns {cols})",
            )
        )
        return plan
    part, oper, trial = roles
    meas = [
        c for c in ds.numeric
        if c not in (part, oper, trial) and not ID_LIKE.match(c.lower())
    ]  # fmt: skip
    ment = mentioned(question, meas)
    if len(meas) > 1 and not ment:
        ment = [c for c in meas if not _factor_like(ds, c)]
    meas = ment[:1] or meas
    if len(meas) != 1:
        plan.missing.append(
            Missing(
                "the measurement column",
                f"name the column that holds the readings (candidates: {meas or cols})",
            )
        )
        return plan
    tol = gage_tolerance(question, ph)
    if tol is None:
        plan.notes.append("no tolerance given: %tolerance is not computed (say 'tolerance 1.5')")
    if trial is not None:
        plan.notes.append(f"{trial!r} numbers the repeat readings (not a factor)")
    frame = ds.frame[[part, oper, meas[0]]].dropna()
    names = [ds.idents.get(c, c) for c in (part, oper, meas[0])]
    plan.data["g"] = pd.DataFrame(
        {
            names[0]: frame[part].astype(str).to_numpy(),
            names[1]: frame[oper].astype(str).to_numpy(),
            names[2]: frame[meas[0]].to_numpy(dtype=float),
        }
    )
    plan.analysis = "gage_rr"
    plan.slots.update(part=part, operator=oper, measurement=meas[0], tolerance=tol)
    plan.program = program(
        let(
            "primary",
            A.Command(
                verb="gage",
                x=name(names[2]),
                by=(name(names[0]), name(names[1])),
                table="g",
                options=opts(tolerance=tol),
            ),
        )
    )
    plan.context["frame"] = pd.DataFrame(
        {
            "part": frame[part].astype(str).to_numpy(),
            "operator": frame[oper].astype(str).to_numpy(),
            "y": frame[meas[0]].to_numpy(dtype=float),
        }
    )
    return plan


# ---------------------------------------------------------------------------------------------
# ARGUE and ARBITER


def argue(plan: Plan, ex: Execution, arg: Argument) -> None:
    r = ex.results["primary"]
    p, cut = r.get("interaction_p_value"), r.get("interaction_alpha")
    if p is None or not math.isfinite(p):
        arg.checks.append(
            check("part x operator interaction", "two-way ANOVA F test", None,
                  "not checked: the interaction has no error term (one measurement per cell)")
        )  # fmt: skip
    elif cut is None:
        arg.checks.append(
            check("part x operator interaction", "two-way ANOVA F test (no cut-off)", None,
                  f"not checked against a cut-off (p = {fmt(p)}); the term is kept", p_value=p)
        )  # fmt: skip
    else:
        absent = p >= cut
        arg.checks.append(
            check(
                "part x operator interaction", f"two-way ANOVA F test, p >= {cut:g}", absent,
                (f"no interaction (p = {fmt(p)} >= {cut:g}): pooled into repeatability" if absent
                 else f"interaction present (p = {fmt(p)} < {cut:g}): operators measure parts "
                 "differently; the term is kept"),
                p_value=p, cut_off=cut,
            )
        )  # fmt: skip
        if not absent:
            arg.caveats.append(
                "operators rank the parts differently (part x operator interaction): look at the "
                "interaction plot before trusting reproducibility"
            )
    ndc = r.get("ndc")
    if ndc is not None:
        arg.checks.append(
            check("distinct categories", "ndc >= 5", ndc >= 5, f"ndc = {ndc}", ndc=ndc)
        )  # fmt: skip
    n_parts = r.get("n_parts", 0)
    if n_parts < 10:
        arg.caveats.append(f"only {n_parts} parts: AIAG recommends 10 parts for a gage study")


def prefer(plan: Plan, arg: Argument) -> list[tuple[str, str]]:
    """A gage study has no alternative analysis to switch to."""
    return []


# ---------------------------------------------------------------------------------------------
# AUDIT


def audit(au: Audit, plan: Plan, r: dict[str, Any]) -> None:
    f = plan.context["frame"]
    grand = f["y"].mean()
    n_o = f["operator"].nunique()
    reps = len(f) / (f["part"].nunique() * n_o)
    ss_part = (f.groupby("part")["y"].mean().sub(grand) ** 2).sum() * n_o * reps
    ss_oper = (f.groupby("operator")["y"].mean().sub(grand) ** 2).sum() * f["part"].nunique() * reps
    rows = {row["source"]: row for row in r["anova"]}
    au.value("SS part from the part means", rows["Part"]["sum_sq"], ss_part)
    au.value("SS operator from the operator means", rows["Operator"]["sum_sq"], ss_oper)
    pc = r["pct_contribution"]
    au.value(
        "%contribution: GRR + part = 100",
        pc["Total Gage R&R"] + pc["Part-to-Part"],
        100.0,
        rel=1e-9,
        abs_=1e-6,
    )
    vc = r["variance_components"]
    au.truth("variance components >= 0", all(v >= 0 for v in vc.values()))
    if r.get("ndc") is not None and vc["Total Gage R&R"] > 0:
        ndc = math.floor(1.41 * math.sqrt(vc["Part-to-Part"]) / math.sqrt(vc["Total Gage R&R"]))
        au.truth(
            "ndc = floor(1.41 sd_part / sd_grr)", abs(r["ndc"] - ndc) <= 1, f"{ndc} vs {r['ndc']}"
        )
    _audit_interaction(au, f, r)


def _audit_interaction(au: Audit, f: pd.DataFrame, r: dict[str, Any]) -> None:
    """The interaction F test from cell means, and the pooling decision against the cut-off."""
    from scipy import stats as st

    cells = f.groupby(["part", "operator"])["y"]
    sizes = cells.size()
    p_n, o_n, reps = f["part"].nunique(), f["operator"].nunique(), int(sizes.iloc[0])
    if sizes.nunique() != 1 or len(sizes) != p_n * o_n or reps < 2:
        return  # unbalanced or unreplicated: the formula below does not apply
    grand = f["y"].mean()
    ss_cells = ((cells.mean() - grand) ** 2).sum() * reps
    ss_part = (f.groupby("part")["y"].mean().sub(grand) ** 2).sum() * o_n * reps
    ss_oper = (f.groupby("operator")["y"].mean().sub(grand) ** 2).sum() * p_n * reps
    ss_po = ss_cells - ss_part - ss_oper
    ss_e = ((f["y"] - cells.transform("mean")) ** 2).sum()
    df_po, df_e = (p_n - 1) * (o_n - 1), p_n * o_n * (reps - 1)
    if ss_e <= 0:
        return
    p = float(st.f.sf((ss_po / df_po) / (ss_e / df_e), df_po, df_e))
    au.value(
        "interaction p from the cell means (F test)", r.get("interaction_p_value"), p, rel=1e-6
    )
    cut = r.get("interaction_alpha")
    if cut is not None:
        au.truth(
            "interaction pooled exactly when p >= the cut-off",
            bool(r.get("interaction_pooled")) == (p >= cut),
            f"p = {p:.4g}, cut-off {cut:g}, pooled = {r.get('interaction_pooled')}",
        )


# ---------------------------------------------------------------------------------------------
# ANSWER


def key_numbers(plan: Plan, r: dict[str, Any]) -> dict[str, Any]:
    k: dict[str, Any] = {}
    k.update(
        pct_contribution_grr=r["pct_contribution"]["Total Gage R&R"],
        pct_study_var_grr=r["pct_study_var"]["Total Gage R&R"],
        pct_tolerance_grr=(r.get("pct_tolerance") or {}).get("Total Gage R&R"),
        ndc=r.get("ndc"), repeatability_var=r["variance_components"]["Repeatability"],
        reproducibility_var=r["variance_components"]["Reproducibility"],
        part_var=r["variance_components"]["Part-to-Part"], n_parts=r["n_parts"],
        n_operators=r["n_operators"], tolerance=plan.slots.get("tolerance"),
    )  # fmt: skip
    return k


def conclusion(plan: Plan, k: dict[str, Any]) -> str:
    g = k["pct_study_var_grr"]
    verdict = (
        "acceptable (< 10%)"
        if g < 10
        else ("marginal (10-30%)" if g <= 30 else "not acceptable (> 30%)")
    )
    return f"The measurement system is {verdict}: %study variation {fmt(g)}%, ndc = {k.get('ndc')}."


def next_step(plan: Plan, k: dict[str, Any], caveats: list[str]) -> str:
    if k.get("pct_study_var_grr", 0) > 30:
        return "Improve the gage before using it for capability studies"
    return "Use the gage; re-check it periodically."
