"""Build the SRS task set: natural-language tasks with data and independently computed answers.

Expected values come from scipy / statsmodels / numpy / sympy directly (never havoc-tools), so
the task set checks the whole pipeline against an outside reference.

    uv run python bench/srs/make_tasks.py      # writes packages/havoc-srs/src/havoc_srs/tasks/
"""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import sympy as sp
from scipy import integrate, stats
from statsmodels.stats.power import TTestIndPower, TTestPower

OUT = Path(__file__).resolve().parents[2] / "packages/havoc-srs/src/havoc_srs/tasks"
rng = np.random.default_rng(20240808)
TASKS: list[dict] = []


def csv(name: str, frame: pd.DataFrame) -> str:
    (OUT / "data").mkdir(parents=True, exist_ok=True)
    frame.to_csv(OUT / "data" / f"{name}.csv", index=False)
    return f"data/{name}.csv"


def task(family: str, question: str, numbers: dict | None = None, data: str | None = None,
         status: str = "answered", **extra) -> None:  # fmt: skip
    TASKS.append(
        {
            "id": f"{family}-{sum(t['family'] == family for t in TASKS) + 1:02d}",
            "family": family,
            "question": question,
            "data": data,
            "expected": {"status": status, "numbers": numbers or {}, **extra},
        }
    )


def wide(cols: dict[str, np.ndarray]) -> pd.DataFrame:
    n = max(len(v) for v in cols.values())
    return pd.DataFrame(
        {k: list(np.round(v, 3)) + [np.nan] * (n - len(v)) for k, v in cols.items()}
    )


# ---- hypothesis tests --------------------------------------------------------------------------
def hypothesis() -> None:
    phr = [
        "Is there a difference between line1 and line2?",
        "Do line1 and line2 have the same mean fill weight?",
        "Compare the means of line1 and line2.",
        "Is the mean of line1 significantly different from line2 at the 5% level?",
    ]
    for i, q in enumerate(phr):
        a, b = rng.normal(500, 1.0, 12 + i), rng.normal(500.8, 1.6, 9 + i)
        df = wide({"line1": a, "line2": b})
        x, y = df["line1"].dropna(), df["line2"].dropna()
        r = stats.ttest_ind(x, y, equal_var=False)
        task(
            "hypothesis_test",
            q,
            {"t": r.statistic, "p_value": r.pvalue, "df": r.df},
            csv(f"welch{i}", df),
        )
    for i, q in enumerate(["Run a pooled t-test of supplierA vs supplierB.",
                           "Assuming equal variances, is supplierA different from supplierB at alpha = 0.01?"]):  # fmt: skip
        a, b = rng.normal(20, 2, 10), rng.normal(22, 2, 11)
        df = wide({"supplierA": a, "supplierB": b})
        r = stats.ttest_ind(df["supplierA"].dropna(), df["supplierB"].dropna(), equal_var=True)
        task(
            "hypothesis_test",
            q,
            {"t": r.statistic, "p_value": r.pvalue, "df": r.df},
            csv(f"pooled{i}", df),
        )
    for i, q in enumerate(["Paired t-test: did the coating change wear (before vs after)?",
                           "The same parts were measured before and after heat treatment; is there a difference?"]):  # fmt: skip
        before = rng.normal(50, 5, 10)
        after = before - rng.normal(1.5, 1.0, 10)
        df = wide({"before": before, "after": after})
        r = stats.ttest_rel(df["before"], df["after"])
        task(
            "hypothesis_test",
            q,
            {"t": r.statistic, "p_value": r.pvalue, "df": r.df},
            csv(f"paired{i}", df),
        )
    for i, (q, mu, alt) in enumerate([
        ("Is the mean weight different from 500 g?", 500, "two-sided"),
        ("Test whether the average weight equals 499.5.", 499.5, "two-sided"),
        ("Is the mean weight greater than 499.8?", 499.8, "greater"),
    ]):  # fmt: skip
        w = np.round(rng.normal(500.2, 0.8, 20), 3)
        r = stats.ttest_1samp(w, mu, alternative=alt)
        task(
            "hypothesis_test",
            q,
            {"t": r.statistic, "p_value": r.pvalue, "df": r.df},
            csv(f"onesample{i}", pd.DataFrame({"weight": w})),
        )
    for i, q in enumerate(["Do the three machines produce the same mean diameter?",
                           "Is there a significant difference between machines?",
                           "Run a one-way ANOVA of diameter by machine."]):  # fmt: skip
        groups = {
            m: np.round(rng.normal(10 + 0.3 * j, 0.4, 8), 3)
            for j, m in enumerate(["M1", "M2", "M3"])
        }
        df = pd.DataFrame({"diameter": np.concatenate(list(groups.values())),
                           "machine": np.repeat(list(groups), 8)})  # fmt: skip
        r = stats.f_oneway(*groups.values())
        task("hypothesis_test", q, {"F": r.statistic, "p_value": r.pvalue}, csv(f"anova{i}", df))
    a, b = rng.exponential(2, 14), rng.exponential(3.5, 13)
    df = wide({"old": a, "new": b})
    r = stats.mannwhitneyu(df["old"].dropna(), df["new"].dropna(), alternative="two-sided")
    task("hypothesis_test", "Use a Mann-Whitney test to compare old and new.",
         {"p_value": r.pvalue}, csv("mw0", df))  # fmt: skip
    task("hypothesis_test", "Is the mean weight different?", data=csv("onesample_missing", pd.DataFrame({"weight": np.round(rng.normal(5, 1, 10), 3)})), status="needs_input")  # fmt: skip
    task("hypothesis_test", "Is line1 different from line2?", status="needs_input")


# ---- regression --------------------------------------------------------------------------------
def regression() -> None:
    phr = [
        "Regress strength on temperature.",
        "Predict strength from temperature.",
        "Fit a line: strength vs temperature.",
        "What is the effect of temperature on strength?",
        "How does strength change with temperature?",
        "Does strength depend on temperature? Give the slope.",
    ]
    for i, q in enumerate(phr):
        x = np.round(np.sort(rng.uniform(100, 200, 15 + i)), 1)
        y = np.round(12 + 0.35 * x + rng.normal(0, 3, len(x)), 2)
        r = stats.linregress(x, y)
        task("regression", q, {"slope": r.slope, "intercept": r.intercept, "r_squared": r.rvalue**2,
                               "n": len(x)}, csv(f"reg{i}", pd.DataFrame({"temperature": x, "strength": y})))  # fmt: skip
    for i in range(2):
        x1, x2 = rng.uniform(0, 10, 20), rng.uniform(0, 5, 20)
        y = np.round(3 + 1.5 * x1 - 2 * x2 + rng.normal(0, 1, 20), 3)
        X = np.column_stack([np.ones(20), np.round(x1, 3), np.round(x2, 3)])
        beta = np.linalg.lstsq(X, y, rcond=None)[0]
        df = pd.DataFrame({"speed": X[:, 1], "feed": X[:, 2], "roughness": y})
        task("regression", "Regress roughness on speed and feed.",
             {"intercept": beta[0], "coefficients.speed": beta[1], "coefficients.feed": beta[2]}, csv(f"mreg{i}", df))  # fmt: skip
    task("regression", "Is there a relationship in this data?", data=csv("reg_missing", pd.DataFrame({"a": rng.normal(0, 1, 8), "b": rng.normal(0, 1, 8)})), status="needs_input")  # fmt: skip
    task("regression", "Regress yield on temperature.", status="needs_input")


# ---- DOE design --------------------------------------------------------------------------------
def doe_design() -> None:
    cases = [
        ("Design a full factorial experiment for 3 factors.", {"runs": 8, "k": 3}),
        ("Create a 2^4 full factorial design.", {"runs": 16, "k": 4}),
        (
            "Full factorial with factors temperature, pressure and time, 2 replicates.",
            {"runs": 16, "k": 3},
        ),
        ("Set up a full factorial design for 2 factors with 3 center points.", {"runs": 7, "k": 2}),
        ("Design a half fraction for 5 factors.", {"runs": 16, "resolution": 5, "k": 5}),
        ("I need a half fraction for 6 factors.", {"runs": 32, "resolution": 6, "k": 6}),
        ("Plan a fractional factorial for 7 factors in 16 runs.", {"runs": 16, "k": 7}),
        ("Screening design for 11 factors, Plackett-Burman.", {"runs": 12, "k": 11}),
        (
            "Design a central composite design for 3 factors with 6 center points.",
            {"runs": 8 + 6 + 6, "k": 3},
        ),
        ("Box-Behnken design for 3 factors with 3 center points.", {"runs": 12 + 3, "k": 3}),
        (
            "Design an experiment for temperature from 150 to 200 and pressure from 1 to 3.",
            {"runs": 4, "k": 2},
        ),
    ]
    for q, nums in cases:
        task("doe_design", q, nums)
    task("doe_design", "Design an experiment for me.", status="needs_input")
    task("doe_design", "Design a fractional factorial for 6 factors.", status="needs_input")


# ---- DOE analysis ------------------------------------------------------------------------------
def _effects(coded: np.ndarray, y: np.ndarray, names: list[str]) -> dict[str, float]:
    out = {}
    k = coded.shape[1]
    for j in range(k):
        out[names[j]] = y[coded[:, j] > 0].mean() - y[coded[:, j] < 0].mean()
    for i in range(k):
        for j in range(i + 1, k):
            c = coded[:, i] * coded[:, j]
            out[names[i] + names[j]] = y[c > 0].mean() - y[c < 0].mean()
    return out


def doe_analysis() -> None:
    phr = [
        "Which factors are significant for yield?",
        "Analyze this factorial experiment (response yield).",
        "Analyse the DOE results: what are the main effects on yield?",
        "Which effects are active in this 2^3 experiment on yield?",
        "Estimate the effects of A, B and C on yield.",
    ]
    for i, q in enumerate(phr):
        k = 3 if i < 4 else 3
        grid = np.array(np.meshgrid(*[[-1, 1]] * k, indexing="ij")).reshape(k, -1).T[:, ::-1]
        reps = 2 if i % 2 else 1
        coded = np.repeat(grid, reps, axis=0)
        y = (
            50
            + 6 * coded[:, 0]
            - 3 * coded[:, 1]
            + 2.5 * coded[:, 0] * coded[:, 2]
            + rng.normal(0, 1, len(coded))
        )
        y = np.round(y, 2)
        perm = rng.permutation(len(coded))
        df = pd.DataFrame(coded[perm], columns=["A", "B", "C"]).assign(**{"yield": y[perm]})
        eff = _effects(coded, y, ["A", "B", "C"])
        task("doe_analysis", q, {f"effects.{n}": v for n, v in eff.items()}, csv(f"fact{i}", df))
    for i in range(2):  # 2^4 in actual units
        grid = np.array(np.meshgrid(*[[-1, 1]] * 4, indexing="ij")).reshape(4, -1).T
        y = np.round(
            70
            + 5 * grid[:, 0]
            + 4 * grid[:, 2]
            - 3 * grid[:, 0] * grid[:, 3]
            + rng.normal(0, 1, 16),
            2,
        )
        act = pd.DataFrame({"temp": np.where(grid[:, 0] > 0, 200, 150), "pressure": np.where(grid[:, 1] > 0, 3, 1),
                            "conc": np.where(grid[:, 2] > 0, 10, 5), "rate": np.where(grid[:, 3] > 0, 20, 10),
                            "filtration": y})  # fmt: skip
        eff = _effects(grid, y, ["temp", "pressure", "conc", "rate"])
        sel = {f"effects.{n}": eff[n] for n in ("temp", "pressure", "conc", "rate")}
        task("doe_analysis", "Which factors are significant for filtration? Analyse the experiment.", sel, csv(f"fact4_{i}", act.sample(frac=1, random_state=i)))  # fmt: skip
    for i in range(2):  # 2^(4-1), D = ABC
        base = np.array(np.meshgrid(*[[-1, 1]] * 3, indexing="ij")).reshape(3, -1).T
        d = base.prod(axis=1)
        coded = np.column_stack([base, d])
        y = np.round(60 + 4 * coded[:, 0] + 3 * coded[:, 3] + rng.normal(0, 0.8, 8), 2)
        df = pd.DataFrame(coded, columns=["A", "B", "C", "D"]).assign(y=y)
        eff = _effects(coded, y, ["A", "B", "C", "D"])
        task("doe_analysis", "Analyse this fractional factorial experiment.",
             {f"effects.{n}": eff[n] for n in "ABCD"}, csv(f"frac{i}", df))  # fmt: skip


# ---- SPC ---------------------------------------------------------------------------------------
def d2(n: int) -> float:
    f = lambda x: 1 - (1 - stats.norm.cdf(x)) ** n - stats.norm.cdf(x) ** n  # noqa: E731
    return integrate.quad(f, -np.inf, np.inf)[0]


def c4(n: int) -> float:
    return math.sqrt(2 / (n - 1)) * math.exp(math.lgamma(n / 2) - math.lgamma((n - 1) / 2))


def spc() -> None:
    for i, q in enumerate(["Is the process in control?", "Make an individuals chart of thickness.",
                           "Plot an I-MR control chart.", "What are the control limits for thickness?"]):  # fmt: skip
        x = np.round(rng.normal(2.5, 0.05, 30), 4)
        mr = np.abs(np.diff(x)).mean()
        s = mr / d2(2)
        task("spc_chart", q, {"center": x.mean(), "ucl": x.mean() + 3 * s, "lcl": x.mean() - 3 * s},
             csv(f"imr{i}", pd.DataFrame({"thickness": x})))  # fmt: skip
    for i, q in enumerate(["Make an X-bar R chart.", "X-bar and R control chart for these subgroups, is it stable?",
                           "Compute X-bar R control limits."]):  # fmt: skip
        n = 5
        data = np.round(rng.normal(10, 0.2, (20, n)), 3)
        xbb, rbar = data.mean(), np.ptp(data, axis=1).mean()
        a2 = 3 / (d2(n) * math.sqrt(n))
        df = pd.DataFrame(data, columns=[f"x{j}" for j in range(1, n + 1)])
        task(
            "spc_chart",
            q,
            {"center": xbb, "ucl": xbb + a2 * rbar, "lcl": xbb - a2 * rbar},
            csv(f"xbarr{i}", df),
        )
    for i in range(2):
        n = 4
        data = np.round(rng.normal(74, 0.01, (25, n)), 4)
        df = pd.DataFrame({"diameter": data.ravel(), "subgroup": np.repeat(np.arange(1, 26), n)})
        xbb, rbar = data.mean(), np.ptp(data, axis=1).mean()
        a2 = 3 / (d2(n) * math.sqrt(n))
        task("spc_chart", "Is the diameter process in statistical control? Use an xbar-r chart.",
             {"center": xbb, "ucl": xbb + a2 * rbar, "lcl": xbb - a2 * rbar}, csv(f"xbarr_long{i}", df))  # fmt: skip
    n = 10
    data = np.round(rng.normal(50, 2, (20, n)), 3)
    df = pd.DataFrame({"length": data.ravel(), "subgroup": np.repeat(np.arange(1, 21), n)})
    sbar = data.std(axis=1, ddof=1).mean()
    a3 = 3 / (c4(n) * math.sqrt(n))
    task("spc_chart", "Make an X-bar S chart of length.",
         {"center": data.mean(), "ucl": data.mean() + a3 * sbar, "lcl": data.mean() - a3 * sbar}, csv("xbars0", df))  # fmt: skip
    d = rng.binomial(100, 0.06, 20)
    ns = np.full(20, 100)
    p = d.sum() / ns.sum()
    task("spc_chart", "Make a p chart of the defectives.",
         {"center": p, "ucl": p + 3 * math.sqrt(p * (1 - p) / 100)}, csv("pchart0", pd.DataFrame({"defectives": d, "n": ns})))  # fmt: skip
    c = rng.poisson(8, 25)
    task("spc_chart", "c chart for the defects per board.",
         {"center": c.mean(), "ucl": c.mean() + 3 * math.sqrt(c.mean())}, csv("cchart0", pd.DataFrame({"defects": c})))  # fmt: skip
    task("spc_chart", "Is the process in control?", status="needs_input")


# ---- capability --------------------------------------------------------------------------------
def capability() -> None:
    cases = [
        ("What is the Cpk? LSL 9.4, USL 10.6.", 9.4, 10.6),
        ("Is the process capable? Spec is 10 +/- 0.5.", 9.5, 10.5),
        ("Compute Cp and Cpk with spec limits 9.2 to 10.8.", 9.2, 10.8),
        ("Capability study: lower spec limit 9.3 and upper spec limit 10.9.", 9.3, 10.9),
    ]
    for i, (q, lsl, usl) in enumerate(cases):
        x = np.round(rng.normal(10.05, 0.15, 40), 4)
        s_w = np.abs(np.diff(x)).mean() / d2(2)
        s = x.std(ddof=1)
        m = x.mean()
        task("capability", q, {"Cp": (usl - lsl) / (6 * s_w), "Cpk": min(usl - m, m - lsl) / (3 * s_w),
                               "Ppk": min(usl - m, m - lsl) / (3 * s), "Pp": (usl - lsl) / (6 * s)},
             csv(f"cap{i}", pd.DataFrame({"width": x})))  # fmt: skip
    for i, q in enumerate(["What is the Cpk of the fill weight? LSL 498, USL 502.",
                           "Is the filling process capable to 500 +/- 2 g?",
                           "Cp and Cpk for weight, spec 498 to 502."]):  # fmt: skip
        n = 5
        data = np.round(rng.normal(500.3, 0.5, (20, n)), 3)
        dev = data - data.mean(axis=1, keepdims=True)
        dof = 20 * (n - 1)
        s_w = math.sqrt((dev**2).sum() / dof) / c4(dof + 1)
        m, s = data.mean(), data.std(ddof=1)
        df = pd.DataFrame({"weight": data.ravel(), "subgroup": np.repeat(np.arange(1, 21), n)})
        task("capability", q, {"Cp": 4 / (6 * s_w), "Cpk": min(502 - m, m - 498) / (3 * s_w), "Ppk": min(502 - m, m - 498) / (3 * s)},
             csv(f"capsub{i}", df))  # fmt: skip
    x = np.round(rng.normal(5, 0.1, 30), 4)
    m, s_w = x.mean(), np.abs(np.diff(x)).mean() / d2(2)
    task("capability", "Only an upper spec: USL 5.4. What is Cpk?", {"Cpk": (5.4 - m) / (3 * s_w)}, csv("capusl", pd.DataFrame({"torque": x})))  # fmt: skip
    task("capability", "What is the Cpk of this process?", data=csv("capnospec", pd.DataFrame({"width": x})), status="needs_input")  # fmt: skip
    task("capability", "What is the Cpk? LSL 1, USL 2.", status="needs_input")


# ---- gage R&R ----------------------------------------------------------------------------------
def _grr(df: pd.DataFrame) -> dict[str, float]:
    p, o, r = (
        df["part"].nunique(),
        df["operator"].nunique(),
        len(df) // (df["part"].nunique() * df["operator"].nunique()),
    )
    y, g = df["measurement"], df["measurement"].mean()
    ss_p = o * r * ((df.groupby("part")["measurement"].mean() - g) ** 2).sum()
    ss_o = p * r * ((df.groupby("operator")["measurement"].mean() - g) ** 2).sum()
    cell = df.groupby(["part", "operator"])["measurement"].mean()
    ss_po = r * ((cell - g) ** 2).sum() - ss_p - ss_o
    ss_e = ((y - df.groupby(["part", "operator"])["measurement"].transform("mean")) ** 2).sum()
    df_p, df_o, df_po, df_e = p - 1, o - 1, (p - 1) * (o - 1), p * o * (r - 1)
    ms_p, ms_o, ms_po, ms_e = ss_p / df_p, ss_o / df_o, ss_po / df_po, ss_e / df_e
    p_po = stats.f.sf(ms_po / ms_e, df_po, df_e)
    if p_po > 0.25:
        ms_e = (ss_po + ss_e) / (df_po + df_e)
        var_po = 0.0
    else:
        var_po = max(0.0, (ms_po - ms_e) / r)
    den = ms_e if p_po > 0.25 else ms_po
    var_o = max(0.0, (ms_o - den) / (p * r))
    var_p = max(0.0, (ms_p - den) / (o * r))
    grr = ms_e + var_o + var_po
    return {"pct_contribution_grr": 100 * grr / (grr + var_p),
            "pct_study_var_grr": 100 * math.sqrt(grr / (grr + var_p))}  # fmt: skip


def gage() -> None:
    phr = [
        "Run a gage R&R study.", "Is the measurement system adequate?", "Gage R&R: how much variation comes from the gauge?",
        "Evaluate repeatability and reproducibility.", "MSA: what is the %study variation of the gage?",
        "Run a gage R&R, tolerance 2.", "Analyse this measurement system study.",
    ]  # fmt: skip
    for i, q in enumerate(phr):
        parts, ops, reps = 10, 3, 2 + (i % 2)
        true = rng.normal(10, 0.6 + 0.2 * i, parts)
        bias = rng.normal(0, 0.05 + 0.03 * i, ops)
        rows = [
            (pp + 1, "ABC"[oo], true[pp] + bias[oo] + rng.normal(0, 0.1))
            for pp in range(parts)
            for oo in range(ops)
            for _ in range(reps)
        ]
        df = pd.DataFrame(rows, columns=["part", "operator", "measurement"]).round(
            {"measurement": 4}
        )
        task("measurement_system", q, _grr(df), csv(f"gage{i}", df))
    task("measurement_system", "Run a gage R&R study.", status="needs_input")


# ---- power -------------------------------------------------------------------------------------
def power() -> None:
    ind, one = TTestIndPower(), TTestPower()
    cases = [
        ("How many samples per group do I need to detect an effect size of 0.5 with 80% power?", ind, 0.5, 0.05, 0.8),
        ("Sample size for effect size 0.8, alpha 0.05, power 90%.", ind, 0.8, 0.05, 0.9),
        ("How many parts per group to detect a difference of 2 mm with a standard deviation of 4 mm at 90% power?", ind, 0.5, 0.05, 0.9),
        ("What sample size do I need to detect a shift of 1.5 with sd 2, alpha 0.01, power 0.8?", ind, 0.75, 0.01, 0.8),
        ("Power analysis: effect size 0.3, 85% power, two groups. How many per group?", ind, 0.3, 0.05, 0.85),
        ("How many pairs do I need for a paired t-test with effect size 0.4 and power 80%?", one, 0.4, 0.05, 0.8),
        ("One-sample t-test against a target: effect size 0.6, power 0.9. What n?", one, 0.6, 0.05, 0.9),
    ]  # fmt: skip
    for q, eng, d, a, pw in cases:
        n = eng.solve_power(effect_size=d, alpha=a, power=pw, alternative="two-sided")
        task("power", q, {"n": math.ceil(n - 1e-9)})
    for q, d, n in [("What is the power with 20 per group and effect size 0.5?", 0.5, 20),
                    ("With n = 30 per group, what power do I have to detect effect size 0.7?", 0.7, 30)]:  # fmt: skip
        task("power", q, {"power": ind.power(effect_size=d, nobs1=n, alpha=0.05)})
    task("power", "How many samples do I need?", status="needs_input")


# ---- symbolic ----------------------------------------------------------------------------------
def symbolic() -> None:
    x = sp.Symbol("x")
    exprs = [
        ("What is the derivative of x^3*sin(x)?", sp.diff(x**3 * sp.sin(x), x)),
        ("Differentiate exp(2*x)*cos(x) with respect to x.", sp.diff(sp.exp(2 * x) * sp.cos(x), x)),
        ("Find the second derivative of x^4 - 3x^2.", sp.diff(x**4 - 3 * x**2, x, 2)),
        ("d/dx log(x^2 + 1)", sp.diff(sp.log(x**2 + 1), x)),
        ("Integrate x*exp(x).", sp.integrate(x * sp.exp(x), x)),
        ("Simplify (x^2 - 1)/(x - 1).", sp.simplify((x**2 - 1) / (x - 1))),
    ]  # fmt: skip
    for q, e in exprs:
        task("symbolic", q, {}, expression=str(e))
    nums = [
        ("Integrate x^2 from 0 to 3.", float(sp.integrate(x**2, (x, 0, 3)))),
        ("What is the integral of sin(x) from 0 to pi?", float(sp.integrate(sp.sin(x), (x, 0, sp.pi)))),
        ("Compute the definite integral of exp(-x) from 0 to 2.", float(sp.integrate(sp.exp(-x), (x, 0, 2)))),
        ("What is the limit of sin(x)/x as x -> 0?", float(sp.limit(sp.sin(x) / x, x, 0))),
        ("limit of (1 - cos(x))/x^2 as x approaches 0", float(sp.limit((1 - sp.cos(x)) / x**2, x, 0))),
    ]  # fmt: skip
    for q, v in nums:
        task("symbolic", q, {"numeric": v})
    for q, e in [("Solve x^2 - 5x + 6 = 0.", x**2 - 5 * x + 6), ("Find the roots of x^2 - 2 for x.", x**2 - 2),
                 ("Solve 2x + 3 = 11.", 2 * x + 3 - 11)]:  # fmt: skip
        sols = sorted(float(s) for s in sp.solve(e, x))
        task("symbolic", q, {"numeric_solutions": sols})
    task("symbolic", "Differentiate this for me.", status="needs_input")


# ---- general -----------------------------------------------------------------------------------
def general() -> None:
    cases = [
        ("What is the difference between Cp and Cpk?", "cp-cpk.md"),
        ("When should I use Welch's t-test?", "welch-t-test.md"),
        ("Explain the Nelson rules.", "nelson-rules.md"),
        ("What is Gage R&R?", "gage-rr.md"),
        (
            "What does resolution mean in a fractional factorial design?",
            "fractional-factorial-design.md",
        ),
        ("What is Lenth's method?", "lenth-method.md"),
        ("Why use a Box-Behnken design?", "box-behnken-design.md"),
        ("How do I interpret a p-value?", "p-values.md"),
        ("What is an EWMA chart?", "ewma-chart.md"),
        ("When should I use the Kruskal-Wallis test?", "kruskal-wallis-test.md"),
        ("Explain Tukey's HSD.", "tukey-hsd.md"),
    ]
    for q, slug in cases:
        task("general", q, {}, citation=slug, status="explained")


def main() -> None:
    if OUT.joinpath("data").exists():
        shutil.rmtree(OUT / "data")
    for f in (
        hypothesis,
        regression,
        doe_design,
        doe_analysis,
        spc,
        capability,
        gage,
        power,
        symbolic,
        general,
    ):
        f()
    with open(OUT / "tasks.jsonl", "w", encoding="utf-8") as fh:
        for t in TASKS:
            fh.write(json.dumps(t, allow_nan=False, default=float) + "\n")
    fams = pd.Series([t["family"] for t in TASKS]).value_counts()
    print(f"{len(TASKS)} tasks written to {OUT}\n{fams.to_string()}")


if __name__ == "__main__":
    main()
