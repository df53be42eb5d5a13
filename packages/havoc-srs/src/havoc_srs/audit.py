"""AUDIT: re-derive the key numbers by an independent path and check ranges and consistency.

The library results are recomputed here from their formulas with numpy/scipy (t from means and
variances, F from sums of squares, OLS from the normal equations, control limits from the
published constants tables, effects from contrasts, ...). Each check records pass/fail.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from havoc_srs.plan import Plan

# Montgomery, Introduction to SQC, Appendix VI (n = 2..10): d2, A2, D3, D4
_D2 = {2: 1.128, 3: 1.693, 4: 2.059, 5: 2.326, 6: 2.534, 7: 2.704, 8: 2.847, 9: 2.970, 10: 3.078}
_A2 = {2: 1.880, 3: 1.023, 4: 0.729, 5: 0.577, 6: 0.483, 7: 0.419, 8: 0.373, 9: 0.337, 10: 0.308}
_D3 = {2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0.076, 8: 0.136, 9: 0.184, 10: 0.223}
_D4 = {2: 3.267, 3: 2.574, 4: 2.282, 5: 2.114, 6: 2.004, 7: 1.924, 8: 1.864, 9: 1.816, 10: 1.777}
TABLE_TOL = 2e-3  # the tables carry 3-4 significant digits


def _c4(n: int) -> float:
    return math.sqrt(2.0 / (n - 1)) * math.exp(math.lgamma(n / 2) - math.lgamma((n - 1) / 2))


def _close(a: Any, b: Any, rel: float = 1e-6, abs_: float = 1e-9) -> bool:
    if a is None or b is None:
        return False
    return math.isclose(float(a), float(b), rel_tol=rel, abs_tol=abs_)


class Audit:
    def __init__(self) -> None:
        self.checks: list[dict[str, Any]] = []

    def value(
        self, name: str, got: Any, expected: Any, rel: float = 1e-6, abs_: float = 1e-9
    ) -> None:
        ok = _close(got, expected, rel, abs_)
        self.checks.append(
            {"check": name, "expected": _num(expected), "got": _num(got), "passed": ok,
             "tolerance": rel}
        )  # fmt: skip

    def truth(self, name: str, ok: bool, detail: str = "") -> None:
        self.checks.append({"check": name, "passed": bool(ok), "detail": detail})

    @property
    def passed(self) -> bool:
        return all(c["passed"] for c in self.checks)


def _num(x: Any) -> Any:
    if x is None:
        return None
    try:
        return float(x)
    except (TypeError, ValueError):
        return x


def audit(plan: Plan, results: dict[str, Any], chosen: str = "primary") -> Audit:
    """Audit the primary result (and the chosen alternative's range checks)."""
    au = Audit()
    r = results.get("primary")
    if r is None:
        return au
    a = plan.analysis
    from scipy import stats as st

    if "p_value" in r and r["p_value"] is not None:
        au.truth("p in [0, 1]", 0 <= r["p_value"] <= 1, f"p = {r['p_value']}")
        if "significant" in r and "alpha" in r:
            au.truth(
                "conclusion agrees with alpha",
                r["significant"] == (r["p_value"] < r["alpha"]),
                f"p = {r['p_value']:.4g}, alpha = {r['alpha']}",
            )
    if a in ("ttest_welch", "ttest_pooled"):
        xa, xb = plan.context["order"]
        x, y = np.asarray(plan.data[xa], float), np.asarray(plan.data[xb], float)
        n1, n2 = len(x), len(y)
        v1, v2 = x.var(ddof=1), y.var(ddof=1)
        if a == "ttest_welch":
            se = math.sqrt(v1 / n1 + v2 / n2)
            df = (v1 / n1 + v2 / n2) ** 2 / ((v1 / n1) ** 2 / (n1 - 1) + (v2 / n2) ** 2 / (n2 - 1))
        else:
            sp2 = ((n1 - 1) * v1 + (n2 - 1) * v2) / (n1 + n2 - 2)
            se = math.sqrt(sp2 * (1 / n1 + 1 / n2))
            df = n1 + n2 - 2
        t = (x.mean() - y.mean()) / se
        au.value("t from the formula", r["statistic"], t)
        au.value("df", r["df"], df)
        au.value("p from the t distribution", r["p_value"], _p_t(t, df, r["alternative"]))
        au.truth(
            "df sensible", min(n1, n2) - 1 <= r["df"] <= n1 + n2 - 2 + 1e-9, f"df = {r['df']:.3f}"
        )
    elif a in ("ttest_paired", "ttest_1samp"):
        if a == "ttest_paired":
            xa, xb = plan.context["order"]
            d = np.asarray(plan.data[xa], float) - np.asarray(plan.data[xb], float)
            mu = 0.0
        else:
            xa = next(k for k in plan.data if k != "mu_shifted")
            d, mu = np.asarray(plan.data[xa], float), plan.slots["mu"]
        n = len(d)
        t = (d.mean() - mu) / (d.std(ddof=1) / math.sqrt(n))
        au.value("t from the formula", r["statistic"], t)
        au.value("df = n - 1", r["df"], n - 1)
        au.value("p from the t distribution", r["p_value"], _p_t(t, n - 1, r["alternative"]))
    elif a == "mannwhitney":
        xa, xb = plan.context["order"]
        x, y = np.asarray(plan.data[xa], float), np.asarray(plan.data[xb], float)
        ranks = st.rankdata(np.concatenate([x, y]))
        u1 = ranks[: len(x)].sum() - len(x) * (len(x) + 1) / 2
        au.truth(
            "U from the rank sums",
            _close(r["statistic"], u1) or _close(r["statistic"], len(x) * len(y) - u1),
            f"U1 = {u1:g}",
        )
    elif a in ("anova", "welch_anova", "kruskal"):
        s = plan.data["stacked"]
        groups = [g["value"].to_numpy(float) for _, g in s.groupby("group", sort=False)]
        if a == "anova":
            grand = np.concatenate(groups).mean()
            ssb = sum(len(g) * (g.mean() - grand) ** 2 for g in groups)
            ssw = sum(((g - g.mean()) ** 2).sum() for g in groups)
            k, n = len(groups), sum(len(g) for g in groups)
            f = (ssb / (k - 1)) / (ssw / (n - k))
            row = r["table"][0]
            au.value("F from sums of squares", row["F"], f)
            au.value("df between = k - 1", row["df"], k - 1)
            au.value("p from the F distribution", row["p_value"], st.f.sf(f, k - 1, n - k))
            au.truth("p in [0, 1]", 0 <= row["p_value"] <= 1)
        elif a == "kruskal":
            h = st.kruskal(*groups).statistic
            au.value("H (scipy.stats.kruskal)", r["statistic"], h)
    elif a.startswith("proportion_1"):
        (x, n), p0 = plan.slots["counts"][0], plan.slots["p0"]
        z = (x / n - p0) / math.sqrt(p0 * (1 - p0) / n)
        au.value("z from the score formula", r["statistic"], z)
    elif a == "regress":
        frame = plan.context["frame"]
        X = np.column_stack(
            [np.ones(len(frame))] + [frame[c].to_numpy(float) for c in plan.context["xs"]]
        )
        yv = frame[plan.context["y"]].to_numpy(float)
        if not plan.slots.get("quadratic"):
            beta, *_ = np.linalg.lstsq(X, yv, rcond=None)
            got = [c["estimate"] for c in r["coefficients"]]
            for i, c in enumerate(r["coefficients"]):
                au.value(
                    f"coefficient {c['name']} (least squares)", got[i], beta[i], rel=1e-7, abs_=1e-9
                )
            fitted = X @ beta
            r2 = 1 - ((yv - fitted) ** 2).sum() / ((yv - yv.mean()) ** 2).sum()
            au.value("R-squared", r["r_squared"], r2)
        au.truth("R-squared in [0, 1]", 0 <= r["r_squared"] <= 1 + 1e-12)
        au.value("n", r["n"], len(frame))
    elif a.startswith("analyze"):
        coded, yv = np.asarray(plan.context["coded"], float), np.asarray(plan.context["y"], float)
        corner = ~np.all(coded == 0, axis=1)
        for j, f in enumerate(plan.context["factors"]):
            letter = chr(ord("A") + j + (1 if j >= 8 else 0))
            key = f if f in r["effects"] else letter
            if key not in r["effects"]:
                continue
            col = coded[corner, j]
            eff = yv[corner][col > 0].mean() - yv[corner][col < 0].mean()
            au.value(f"effect {key} = mean(+) - mean(-)", r["effects"][key], eff)
    elif a.startswith("design"):
        _audit_design(au, plan, r)
    elif a.startswith("chart_"):
        _audit_chart(au, plan, r)
    elif a == "capability":
        _audit_capability(au, plan, r)
    elif a == "gage_rr":
        _audit_gage(au, plan, r)
    elif a.startswith("power"):
        _audit_power(au, plan, r)
    elif plan.family == "symbolic":
        _audit_symbolic(au, plan, r)
    return au


def _p_t(t: float, df: float, alternative: str) -> float:
    from scipy import stats as st

    if alternative == "greater":
        return float(st.t.sf(t, df))
    if alternative == "less":
        return float(st.t.cdf(t, df))
    return float(2 * st.t.sf(abs(t), df))


def _audit_design(au: Audit, plan: Plan, r: dict[str, Any]) -> None:
    coded = np.asarray(r["coded"], dtype=float)
    s = plan.slots
    k, kind = s["k"], s["kind"]
    reps, center = s.get("replicates") or 1, s.get("center") or 0
    au.value("factors", coded.shape[1], k)
    if kind == "full":
        au.value("runs = 2^k x replicates + centre", coded.shape[0], 2**k * reps + center)
    elif kind == "fractional":
        if s.get("runs"):
            au.value(
                "runs = 2^(k-p) x replicates + centre", coded.shape[0], s["runs"] * reps + center
            )
        if s.get("resolution"):
            au.truth(
                "resolution at least as asked", (r["alias"]["resolution"] or 0) >= s["resolution"]
            )
        words = r["alias"].get("defining_relation") or []
        lengths = [len(w.lstrip("-")) for w in words if w not in ("I",)]
        if lengths:
            au.value("resolution = shortest word", r["alias"]["resolution"], min(lengths))
    elif kind == "ccd":
        au.value(
            "runs = 2^k + 2k + centre",
            coded.shape[0],
            2**k + 2 * k + (center or coded.shape[0] - 2**k - 2 * k),
        )
    if kind in ("full", "fractional", "plackett_burman"):
        corner = coded[~np.all(coded == 0, axis=1)]
        au.truth(
            "balanced columns (sum of coded levels = 0)", bool(np.allclose(corner.sum(axis=0), 0))
        )
        xtx = corner.T @ corner
        au.truth("orthogonal main effects", bool(np.allclose(xtx - np.diag(np.diag(xtx)), 0)))


def _audit_chart(au: Audit, plan: Plan, r: dict[str, Any]) -> None:
    kind = plan.slots["chart"]
    panel = r["panels"][0]
    if kind == "imr":
        x = np.asarray(plan.data["d"][plan.context["series"]["x"]], float)
        mr = np.abs(np.diff(x)).mean()
        sigma = mr / _D2[2]
        au.value("CL = mean", panel["center"][0], x.mean(), rel=1e-9)
        au.value(
            "UCL - CL = 3 MR-bar/d2 (table)", panel["ucl"][0] - x.mean(), 3 * sigma, rel=TABLE_TOL
        )
        au.value(
            "CL - LCL = 3 MR-bar/d2 (table)", x.mean() - panel["lcl"][0], 3 * sigma, rel=TABLE_TOL
        )
        au.value("MR chart UCL = D4 MR-bar", r["panels"][1]["ucl"][0], _D4[2] * mr, rel=TABLE_TOL)
    elif kind in ("xbar_r", "xbar_s"):
        d = plan.data["d"]
        g = d.groupby("subgroup", sort=False)[plan.context["series"]["x"]]
        sizes = g.size().to_numpy()
        if r.get("excluded"):
            au.truth("limits re-estimated after exclusions", True)
            return
        if len(set(sizes)) != 1 or sizes[0] not in _D2:
            au.truth("constant subgroup size in 2..10 for the table check", False, "skipped")
            return
        n = int(sizes[0])
        xbb = g.mean().mean()
        if kind == "xbar_r":
            rbar = (g.max() - g.min()).mean()
            au.value(
                "UCL - CL = A2 R-bar (table)", panel["ucl"][0] - xbb, _A2[n] * rbar, rel=TABLE_TOL
            )
            au.value(
                "CL - LCL = A2 R-bar (table)", xbb - panel["lcl"][0], _A2[n] * rbar, rel=TABLE_TOL
            )
            au.value("CL = grand mean", panel["center"][0], xbb, rel=1e-9)
            au.value("R UCL = D4 R-bar", r["panels"][1]["ucl"][0], _D4[n] * rbar, rel=TABLE_TOL)
            au.value(
                "R LCL = D3 R-bar",
                r["panels"][1]["lcl"][0],
                _D3[n] * rbar,
                rel=TABLE_TOL,
                abs_=2e-3 * rbar,
            )
        else:
            sbar = g.std(ddof=1).mean()
            a3 = 3 / (_c4(n) * math.sqrt(n))
            au.value("UCL - CL = A3 s-bar (c4 formula)", panel["ucl"][0] - xbb, a3 * sbar, rel=1e-6)
            au.value("CL = grand mean", panel["center"][0], xbb, rel=1e-9)
    elif kind == "p":
        d = np.asarray(plan.context["counts"], float)
        n = np.asarray(plan.context["sizes"], float)
        p = d.sum() / n.sum()
        au.value("p-bar = total defectives / total inspected", panel["center"][0], p)
        au.value(
            "UCL of sample 1 = p + 3 sqrt(p(1-p)/n)",
            panel["ucl"][0],
            p + 3 * math.sqrt(p * (1 - p) / n[0]),
        )
    elif kind == "c":
        c = np.asarray(plan.context["counts"], float).mean()
        au.value("c-bar", panel["center"][0], c)
        au.value("UCL = c + 3 sqrt(c)", panel["ucl"][0], c + 3 * math.sqrt(c))
    elif kind == "u":
        d = np.asarray(plan.context["counts"], float)
        n = np.asarray(plan.context["sizes"], float)
        u = d.sum() / n.sum()
        au.value("u-bar", panel["center"][0], u)
        au.value("UCL of sample 1 = u + 3 sqrt(u/n)", panel["ucl"][0], u + 3 * math.sqrt(u / n[0]))
    elif kind == "np":
        d = np.asarray(plan.context["counts"], float)
        n = float(plan.context["sizes"])
        p = d.sum() / (n * len(d))
        au.value("np-bar", panel["center"][0], n * p)
    for p in r["panels"]:
        ok = all(
            lo is None or hi is None or lo <= hi for lo, hi in zip(p["lcl"], p["ucl"], strict=False)
        )
        au.truth(f"{p['name']}: LCL <= UCL", ok)


def _audit_capability(au: Audit, plan: Plan, r: dict[str, Any]) -> None:
    s = plan.context["series"]
    x = np.asarray(plan.data["d"][s["x"]], float)
    lsl, usl = plan.slots.get("lsl"), plan.slots.get("usl")
    sd = x.std(ddof=1)
    mean = x.mean()
    au.value("mean", r["mean"], mean)
    if s["by"] is None:
        sw = np.abs(np.diff(x)).mean() / _D2[2]
        au.value("sigma within = MR-bar/d2 (table)", r["sigma_within"], sw, rel=TABLE_TOL)
    else:
        g = plan.data["d"].groupby("subgroup", sort=False)[s["x"]]
        ss = ((g.transform("mean") - plan.data["d"][s["x"]]) ** 2).sum()
        dof = (g.size() - 1).sum()
        sw = math.sqrt(ss / dof) / _c4(int(dof) + 1)
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


def _audit_gage(au: Audit, plan: Plan, r: dict[str, Any]) -> None:
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


def _audit_power(au: Audit, plan: Plan, r: dict[str, Any]) -> None:
    from scipy import stats as st

    s = plan.slots
    if s["test"] != "ttest" or s.get("alternative", "two-sided") != "two-sided":
        au.truth("power in [0, 1]", 0 <= r["power"] <= 1)
        return
    kind, d, alpha = s.get("kind", "two-sample"), s["effect"], s["alpha"]

    def power_at(n: float) -> float:
        if kind == "two-sample":
            df, nc = 2 * n - 2, d * math.sqrt(n / 2)
        else:
            df, nc = n - 1, d * math.sqrt(n)
        tc = st.t.ppf(1 - alpha / 2, df)
        return float(st.nct.sf(tc, df, nc) + st.nct.cdf(-tc, df, nc))

    if s["solve_for"] == "n":
        n = r["n_rounded"]
        au.truth(
            "power at the rounded n reaches the target (noncentral t)",
            power_at(n) >= s["power"] - 1e-9,
            f"{power_at(n):.4f}",
        )
        au.truth(
            "one fewer is not enough",
            n <= 2 or power_at(n - 1) < s["power"],
            f"{power_at(n - 1):.4f}",
        )
    else:
        au.value("power from the noncentral t", r["power"], power_at(s["n"]), rel=1e-5)


def _audit_symbolic(au: Audit, plan: Plan, r: dict[str, Any]) -> None:
    """Check the answer through the DSL by a different operation (no text is evaluated)."""
    from havoc_tools.dsl import run

    verb, var = plan.analysis, plan.slots.get("variable")
    expr = plan.slots.get("expression")
    try:
        if verb == "solve" and r.get("numeric_solutions"):
            for sol in [repr(float(v)) for v in r["numeric_solutions"][:4]]:
                prog = f"simplify ({_lhs(plan)}) - ({_rhs(plan)}) \n"
                res = run(f"let z = simplify {_sub(prog, var, sol)}\n")
                val = res["z"].result.get("numeric") if res.ok else None
                au.truth(
                    f"residual at {var} = {sol} is 0", val is not None and abs(val) < 1e-8, str(val)
                )
        elif verb == "derive" and not plan.program.code[0].command.options:
            # central difference of f against f' at two points, each evaluated by the DSL
            deriv = r["result"].replace("**", "^")
            for x0 in (0.37, 1.13):
                h = 1e-4
                fp, fm, d0 = (
                    _value(expr, var, x0 + h),
                    _value(expr, var, x0 - h),
                    _value(deriv, var, x0),
                )
                ok = None not in (fp, fm, d0) and math.isclose(
                    (fp - fm) / (2 * h), d0, rel_tol=1e-5, abs_tol=1e-6
                )
                au.truth(f"central difference matches f'({x0})", bool(ok), f"{d0}")
        elif verb == "integrate" and r.get("numeric") is None:
            res = run(f"let chk = derive {r['result'].replace('**', '^')} wrt {var}\n")
            if res.ok:
                back = run(
                    f"let z = simplify ({res['chk'].result['result'].replace('**', '^')}) - ({expr})\n"
                )
                au.truth(
                    "derivative of the antiderivative is the integrand",
                    back.ok and back["z"].result["result"] in ("0", "0.0"),
                    back["z"].result["result"] if back.ok else "",
                )
        elif verb == "integrate":
            au.truth(
                "definite integral is finite",
                r["numeric"] is not None and math.isfinite(r["numeric"]),
            )
    except (KeyError, TypeError, ValueError) as e:
        au.truth("independent symbolic check", False, f"could not run: {e}")
    if not au.checks:
        au.truth("a result was produced", bool(r.get("result")))


def _value(expr: str, var: str, x0: float) -> float | None:
    """``expr`` at ``var = x0`` through the DSL (a constant integrated over [0, 1])."""
    from havoc_tools.dsl import run

    res = run(f"let z = simplify {_sub('simplify ' + expr, var, repr(x0))}\n")
    return res["z"].result.get("numeric") if res.ok else None


def _lhs(plan: Plan) -> str:
    return plan.slots["expression"]


def _rhs(plan: Plan) -> str:
    st = plan.program.code[0].command
    if st.rhs is None:
        return "0"
    from havoc_tools.dsl import ast as A
    from havoc_tools.dsl import format_program

    text = format_program(A.Program(statements=(A.MathStmt(verb="simplify", expr=st.rhs),)))
    return text.strip()[len("simplify ") :]


def _sub(text: str, var: str, value: str) -> str:
    """Substitute a solution for the variable: a check integrand constant in t."""
    import re

    body = text.strip()[len("simplify ") :]
    return re.sub(rf"\b{re.escape(var)}\b", f"({value.replace('**', '^')})", body)


def corrupt(results: dict[str, Any], key: str, factor: float = 1.1) -> dict[str, Any]:
    """A copy of ``results`` with the primary's ``key`` scaled (for testing the audit)."""
    import copy

    out = copy.deepcopy(results)
    out["primary"][key] = out["primary"][key] * factor
    return out


__all__ = ["Audit", "audit", "corrupt", "pd"]
