"""ANSWER: the key numbers under descriptive keys, a one-sentence conclusion, and markdown."""

from __future__ import annotations

import math
from typing import Any

from havoc_srs.plan import Plan


def _f(x: Any, digits: int = 4) -> str:
    if x is None:
        return "n/a"
    if isinstance(x, bool):
        return str(x)
    if isinstance(x, int):
        return str(x)
    if isinstance(x, float):
        if not math.isfinite(x):
            return str(x)
        if x != 0 and (abs(x) < 1e-3 or abs(x) >= 1e6):
            return f"{x:.{digits}g}"
        return f"{x:.{digits}g}" if abs(x) >= 1 else f"{x:.{digits}f}".rstrip("0").rstrip(".")
    return str(x)


def key_numbers(plan: Plan, r: dict[str, Any], results: dict[str, Any]) -> dict[str, Any]:
    """Descriptive keys: t, p_value, df, F, slope, intercept, effects, ucl/lcl, Cp/Cpk, n ..."""
    a = plan.analysis
    k: dict[str, Any] = {}
    if "statistic_name" in r:  # TestResult
        k[r["statistic_name"]] = r["statistic"]
        k["statistic"] = r["statistic"]
        k["p_value"] = r["p_value"]
        if r.get("df") is not None:
            k["df"] = r["df"]
        if r.get("estimate") is not None:
            k["estimate"] = r["estimate"]
            k["estimate_name"] = r.get("estimate_name")
        if r.get("ci_low") is not None:
            k["ci_low"], k["ci_high"] = r["ci_low"], r["ci_high"]
        n = r.get("n") or {}
        k["n"] = (
            int(sum(v for v in n.values() if isinstance(v, int | float)))
            if isinstance(n, dict)
            else n
        )
        k["n_per_sample"] = n
        k["alpha"] = r.get("alpha")
        k["significant"] = r.get("significant")
        k["method"] = r.get("method")
        k["alternative"] = r.get("alternative")
        es = r.get("effect_size")
        if es:
            k["effect_size"] = {es["name"]: es["value"]}
        ex = r.get("extra") or {}
        for m in ("mean_x", "mean_y"):
            if m in ex:
                k[m] = ex[m]
    elif "table" in r and r.get("kind") == "AnovaResult":
        row = r["table"][0]
        k.update(
            F=row["F"], p_value=row["p_value"], df_between=row["df"], df_within=r["table"][1]["df"],
            df=[row["df"], r["table"][1]["df"]], eta_sq=row.get("eta_sq"),
            n=int(sum(r["n"].values())), n_per_group=r["n"], alpha=r["alpha"], method=r["method"],
            significant=row["p_value"] < r["alpha"],
        )  # fmt: skip
        means = (r.get("extra") or {}).get("means")
        if means:
            k["means"] = means
    elif a == "regress":
        coefs = {c["name"]: c for c in r["coefficients"]}
        k["intercept"] = coefs["Intercept"]["estimate"]
        xs = [c for c in coefs if c != "Intercept"]
        if len(xs) >= 1:
            k["slope"] = coefs[xs[0]]["estimate"]
            k["slope_p_value"] = coefs[xs[0]]["p_value"]
            k["slope_ci"] = [coefs[xs[0]]["ci_low"], coefs[xs[0]]["ci_high"]]
        k["coefficients"] = {n: c["estimate"] for n, c in coefs.items()}
        k["p_values"] = {n: c["p_value"] for n, c in coefs.items()}
        k.update(
            r_squared=r["r_squared"], adj_r_squared=r["adj_r_squared"], F=r["f_statistic"],
            p_value=r["f_p_value"], df=[r["df_model"], r["df_resid"]], n=r["n"],
            residual_sd=r["residual_sd"], formula=r["formula"],
        )  # fmt: skip
    elif a.startswith("analyze"):
        k["effects"] = r["effects"]
        k["coefficients"] = r["coefficients"]
        k["active"] = r["active"]
        k["p_values"] = {t: p for t, p in (r.get("p") or {}).items() if p is not None}
        k["n"] = r["n"]
        k["r_squared"] = r.get("r_squared")
        for name, v in r["effects"].items():
            k[f"effect_{name}"] = v
        if r.get("lenth"):
            k["lenth_pse"] = r["lenth"].get("pse")
            k["lenth_me"] = r["lenth"].get("me")
    elif a.startswith("design"):
        alias = r.get("alias") or {}
        k.update(
            runs=len(r["coded"]), factors=r["factor_names"], k=len(r["factor_names"]),
            design_type=r["design_type"], resolution=alias.get("resolution"),
            defining_relation=alias.get("defining_relation"), generators=alias.get("generators"),
            center_points=r.get("center_points"), replicates=r.get("replicates"),
        )  # fmt: skip
    elif a.startswith("chart_"):
        p0 = r["panels"][0]
        k.update(
            chart=r["chart"],
            center=p0["center"][0],
            ucl=p0["ucl"][0],
            lcl=p0["lcl"][0],
            n=r["n_points"],
        )
        if len(set(p0["ucl"])) > 1:
            k["ucl_per_point"], k["lcl_per_point"] = p0["ucl"], p0["lcl"]
        if len(r["panels"]) > 1:
            p1 = r["panels"][1]
            nm = p1["name"].lower()
            k[f"{nm}_center"], k[f"{nm}_ucl"], k[f"{nm}_lcl"] = (
                p1["center"][0],
                p1["ucl"][0],
                p1["lcl"][0],
            )
        flagged = sorted({int(i) for p in r["panels"] for v in p["violations"].values() for i in v})
        k["out_of_control_points"] = [i + 1 for i in flagged]  # 1-based, as the chart numbers them
        k["in_control"] = not flagged
        k["estimates"] = r["estimates"]
    elif a == "capability":
        k.update(
            Cp=r["cp"], Cpk=r["cpk"], Pp=r["pp"], Ppk=r["ppk"], Cpm=r.get("cpm"), mean=r["mean"],
            sigma_within=r["sigma_within"], sigma_overall=r["sigma_overall"], n=r["n"],
            lsl=r["lsl"], usl=r["usl"], ppm_expected_overall=r["ppm_expected_overall"]["total"],
            ppm_observed=r["ppm_observed"]["total"],
        )  # fmt: skip
    elif a == "gage_rr":
        k.update(
            pct_contribution_grr=r["pct_contribution"]["Total Gage R&R"],
            pct_study_var_grr=r["pct_study_var"]["Total Gage R&R"],
            pct_tolerance_grr=(r.get("pct_tolerance") or {}).get("Total Gage R&R"),
            ndc=r.get("ndc"), repeatability_var=r["variance_components"]["Repeatability"],
            reproducibility_var=r["variance_components"]["Reproducibility"],
            part_var=r["variance_components"]["Part-to-Part"], n_parts=r["n_parts"],
            n_operators=r["n_operators"],
        )  # fmt: skip
    elif a.startswith("power"):
        k.update(
            n=r["n_rounded"] if r["solved_for"] == "n" else r["n"], n_exact=r["n"],
            power=r["power"], effect_size=r["effect_size"], alpha=r["alpha"],
            solved_for=r["solved_for"], n_meaning=(r.get("extra") or {}).get("n_meaning"),
        )  # fmt: skip
    elif plan.family == "symbolic":
        k.update(operation=r["operation"], result=r["result"], latex=r.get("latex"))
        if r.get("numeric") is not None:
            k["numeric"] = r["numeric"]
        if r.get("solutions"):
            k["solutions"] = r["solutions"]
            k["numeric_solutions"] = r.get("numeric_solutions")
    return {kk: v for kk, v in k.items() if v is not None}


def conclusion(plan: Plan, k: dict[str, Any], chosen: str) -> str:
    a = plan.analysis
    if plan.family == "hypothesis_test":
        sig = k.get("significant", k.get("p_value", 1) < k.get("alpha", 0.05))
        alpha = k.get("alpha", 0.05)
        what = "the groups differ" if a in ("anova", "kruskal", "welch_anova") else (
            "the difference is statistically significant" if sig else "no significant difference"
        )  # fmt: skip
        stat = next((s for s in ("t", "F", "U", "W", "H", "z", "chi2") if s in k), None)
        statv = f"{stat} = {_f(k[stat])}, " if stat else ""
        if a in ("anova", "kruskal", "welch_anova"):
            what = (
                "at least one group mean differs"
                if sig
                else "no significant difference between the groups"
            )
        return f"{what[0].upper() + what[1:]} at alpha = {_f(alpha)} ({statv}p = {_f(k.get('p_value'))})."
    if a == "regress":
        return (
            f"The fitted line is {k.get('formula', '').split('~')[0].strip()} = {_f(k['intercept'])} "
            f"+ {_f(k.get('slope'))} x (R² = {_f(k['r_squared'])}, p = {_f(k['p_value'])})."
        )
    if a.startswith("analyze"):
        act = k.get("active") or []
        return (
            (
                f"Active effects: {', '.join(act)}."
                if act
                else "No effect stands out from the noise."
            )
            + f" Largest: {max(k['effects'], key=lambda e: abs(k['effects'][e]))} = {_f(max(k['effects'].values(), key=abs))}."
        )
    if a.startswith("design"):
        res = f", resolution {k['resolution']}" if k.get("resolution") else ""
        return f"A {k['design_type']} design for {k['k']} factors in {k['runs']} runs{res}."
    if a.startswith("chart_"):
        pts = k["out_of_control_points"]
        state = (
            "is in statistical control"
            if not pts
            else f"shows {len(pts)} out-of-control signal(s) (points {pts[:10]})"
        )
        return f"The process {state}; {k['chart']} limits: CL {_f(k['center'])}, UCL {_f(k['ucl'])}, LCL {_f(k['lcl'])}."
    if a == "capability":
        verdict = (
            "capable (Cpk >= 1.33)"
            if k["Cpk"] >= 1.33
            else ("marginal (1 <= Cpk < 1.33)" if k["Cpk"] >= 1 else "not capable (Cpk < 1)")
        )
        return f"The process is {verdict}: Cp = {_f(k.get('Cp'))}, Cpk = {_f(k['Cpk'])}, Ppk = {_f(k.get('Ppk'))}."
    if a == "gage_rr":
        g = k["pct_study_var_grr"]
        verdict = (
            "acceptable (< 10%)"
            if g < 10
            else ("marginal (10-30%)" if g <= 30 else "not acceptable (> 30%)")
        )
        return (
            f"The measurement system is {verdict}: %study variation {_f(g)}%, ndc = {k.get('ndc')}."
        )
    if a.startswith("power"):
        if k["solved_for"] == "n":
            return f"You need n = {k['n']} ({k.get('n_meaning') or 'per group'}) for power {_f(k['power'])} at alpha = {_f(k['alpha'])}."
        return f"With n = {_f(k['n'])} the power is {_f(k['power'])} at alpha = {_f(k['alpha'])}."
    if plan.family == "symbolic":
        if plan.analysis == "solve":
            return f"Solutions of {plan.slots.get('expression')} = 0 for {plan.slots.get('variable')}: {k['result']}."
        return f"The {k['operation']} of {plan.slots.get('expression')} is {k['result']}."
    return ""


def next_step(plan: Plan, k: dict[str, Any], caveats: list[str]) -> str:
    a = plan.analysis
    steps = {
        "hypothesis_test": "Report the confidence interval with the p-value; if the difference matters "
        "practically, confirm it with a follow-up sample sized by a power analysis.",
        "regression": "Check the residual plots and predict only inside the range of the data.",
        "doe_design": "Run the experiment in the randomised order shown, record the response, then "
        "ask for the analysis with the results attached.",
        "doe_analysis": "Confirm the active effects with confirmation runs at the best settings.",
        "spc_chart": "Investigate the flagged points for special causes before using the limits."
        if k.get("out_of_control_points") else "Use these limits to monitor new data (phase II).",
        "capability": "Remove special causes first; then centre the process if Cpk is well below Cp."
        if any("control" in c for c in caveats) else "Centre the process if Cpk is well below Cp; "
        "monitor with a control chart.",
        "measurement_system": "Improve the gage before using it for capability studies"
        if k.get("pct_study_var_grr", 0) > 30 else "Use the gage; re-check it periodically.",
        "power": "Collect the planned sample; randomise the run order.",
        "symbolic": "Use the result in the DSL (havoc run) to evaluate it numerically.",
    }  # fmt: skip
    if plan.family == "hypothesis_test" and a in ("anova", "welch_anova", "kruskal"):
        return (
            "Look at the pairwise comparisons (Tukey or Games-Howell) to see which groups differ."
        )
    return steps.get(plan.family, "")


def render_markdown(doc: dict[str, Any]) -> str:
    """The ANSWER markdown from its JSON form (one source of truth)."""
    lines = [f"**{doc['conclusion']}**", ""]
    if doc["status"] == "needs_input":
        lines += ["### What is needed", ""]
        lines += [f"- **{m['what']}** — {m['how']}" for m in doc["missing"]]
        lines += ["", "No test was run, so no results are shown."]
    else:
        if doc.get("key_numbers"):
            lines += ["### Key numbers", "", "| quantity | value |", "| --- | --- |"]
            for kk, v in doc["key_numbers"].items():
                if isinstance(v, dict | list) and len(str(v)) > 120:
                    continue
                lines.append(f"| {kk} | {_cell(v)} |")
            lines.append("")
        if doc.get("method"):
            lines += [f"Method: {doc['method']}", ""]
        if doc.get("assumptions"):
            lines += ["### Assumptions and how they were checked", ""]
            lines += [f"- {a}" for a in doc["assumptions"]]
            lines.append("")
    if doc.get("caveats"):
        lines += ["### Caveats", ""] + [f"- {c}" for c in doc["caveats"]] + [""]
    if doc.get("citations"):
        lines += ["### Sources", ""]
        lines += [f"- [{c['n']}] {c['source']} — {c['heading']}" for c in doc["citations"]]
        lines.append("")
    if doc.get("next_step"):
        lines += ["### Next step", "", doc["next_step"]]
    return "\n".join(lines).strip() + "\n"


def _cell(v: Any) -> str:
    if isinstance(v, dict):
        return ", ".join(f"{a}: {_f(b)}" for a, b in v.items())
    if isinstance(v, list):
        return "[" + ", ".join(_f(x) for x in v[:12]) + (" ..." if len(v) > 12 else "") + "]"
    return _f(v)
