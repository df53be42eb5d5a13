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
from havoc_srs.phrasing import Phrasing
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

_PART = re.compile(r"^(part|parts|part_id|sample|item|specimen|unit|piece|partno|part_no)$")


_OPER = re.compile(r"^(operator|operators|appraiser|inspector|technician|op|tech|rater|gauger)$")


def plan(question: str, ph: Phrasing, ds: Dataset | None) -> Plan:
    plan = Plan("measurement_system", "gage")
    if ds is None:
        return need_data(
            plan,
            "columns part, operator and measurement (each part measured by each operator, repeated)",
        )
    cols = list(ds.frame.columns)
    part = [c for c in cols if _PART.match(c.lower())]
    oper = [c for c in cols if _OPER.match(c.lower())]
    meas = [
        c for c in ds.numeric
        if c not in part + oper and not ID_LIKE.match(c.lower()) and c.lower() not in ("trial", "replicate", "rep")
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
        n_operators=r["n_operators"],
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
