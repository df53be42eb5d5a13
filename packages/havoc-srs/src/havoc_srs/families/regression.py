"""Regression: ordinary least squares of a response on one or more predictors (a quadratic term
when asked for curvature).

ARGUE checks the residuals (normality, influence, independence) and the sample size and fits the
quadratic alternative; AUDIT re-solves the least squares by ``numpy.linalg.lstsq`` and recomputes
R-squared.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import numpy as np
from havoc_tools.dsl import ast as A

from havoc_srs.answer import number_text as fmt
from havoc_srs.data import Dataset, ident
from havoc_srs.dslbuild import let, opts, program
from havoc_srs.execute import Execution
from havoc_srs.families._checks import NORMALITY_ALPHA, check, run
from havoc_srs.phrasing import Phrasing, normalise
from havoc_srs.plan import ID_LIKE, Missing, Plan, need_data, read_alpha

if TYPE_CHECKING:
    from havoc_srs.argue import Argument
    from havoc_srs.audit import Audit

name_ = "regression"
PROTOCOL = "arbiter"
ground_hint = "ordinary least squares regression residuals"
VERBS = ("regress",)

# ---------------------------------------------------------------------------------------------
# PLAN

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


def plan(question: str, ph: Phrasing, ds: Dataset | None) -> Plan:
    q = normalise(question)
    plan = Plan("regression", "regress")
    alpha = read_alpha(ph, plan.notes)
    if ds is None:
        return need_data(plan, "the response and predictor columns (e.g. strength,temperature)")
    numeric = [c for c in ds.numeric if not ID_LIKE.match(c.lower())]
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
# ARGUE and ARBITER


def argue(plan: Plan, ex: Execution, arg: Argument) -> None:
    r = ex.results["primary"]
    d = r.get("diagnostics", {})
    sp = d.get("shapiro_p")
    if sp is not None:
        arg.checks.append(
            check("normal residuals", "Shapiro-Wilk on residuals", sp >= NORMALITY_ALPHA,
                   "residuals consistent with normal" if sp >= NORMALITY_ALPHA else "non-normal residuals",
                   statistic=d.get("shapiro_w"), p_value=sp)
        )  # fmt: skip
    infl = d.get("influential") or []
    arg.checks.append(
        check("influential points", "Cook's distance > 4/n", not infl,
               f"rows {infl} are influential" if infl else "none",
               max_cooks_distance=d.get("max_cooks_distance"))
    )  # fmt: skip
    if infl:
        arg.caveats.append(f"influential observations at rows {infl}: check them")
    dw = d.get("durbin_watson")
    if dw is not None:
        ok = 1.5 <= dw <= 2.5
        arg.checks.append(
            check("independent residuals", "Durbin-Watson in [1.5, 2.5]", ok, f"DW = {dw:.3f}", statistic=dw)
        )  # fmt: skip
    n = r["n"]
    arg.checks.append(check("sample size", "n >= 10", n >= 10, f"n = {n}", n=n))
    xs = plan.context.get("xs", [])
    if len(xs) == 1 and n >= 5 and not plan.slots.get("quadratic"):
        x, y = xs[0], plan.context["y"]
        res = run(
            arg, plan,
            [let("quadratic", A.RegressStmt(verb="regress", formula=f"{y} ~ {x} + I({x}^2)", table="d"))],
        ).results  # fmt: skip
        if "quadratic" in res:
            arg.alternatives["quadratic"] = {
                "why": "curvature: adds a squared term",
                "result": res["quadratic"],
                "adj_r_squared": res["quadratic"]["adj_r_squared"],
            }


def prefer(plan: Plan, arg: Argument) -> list[tuple[str, str]]:
    """The quadratic fit is reported alongside, never switched to."""
    return []


# ---------------------------------------------------------------------------------------------
# AUDIT


def audit(au: Audit, plan: Plan, r: dict[str, Any]) -> None:
    """Least squares by ``numpy.linalg.lstsq`` (not the library's QR/statsmodels path)."""
    frame = plan.context["frame"]
    cols = [frame[c].to_numpy(float) for c in plan.context["xs"]]
    if plan.slots.get("quadratic"):  # y ~ x + I(x^2)
        cols.append(cols[0] ** 2)
    X = np.column_stack([np.ones(len(frame)), *cols])
    yv = frame[plan.context["y"]].to_numpy(float)
    beta, *_ = np.linalg.lstsq(X, yv, rcond=None)
    au.value("number of coefficients", len(r["coefficients"]), len(beta))
    for c, b in zip(r["coefficients"], beta, strict=False):
        au.value(f"coefficient {c['name']} (least squares)", c["estimate"], b, rel=1e-7, abs_=1e-9)
    fitted = X @ beta
    r2 = 1 - ((yv - fitted) ** 2).sum() / ((yv - yv.mean()) ** 2).sum()
    au.value("R-squared", r["r_squared"], r2)
    au.truth("R-squared in [0, 1]", 0 <= r["r_squared"] <= 1 + 1e-12)
    au.value("n", r["n"], len(frame))


# ---------------------------------------------------------------------------------------------
# ANSWER


def key_numbers(plan: Plan, r: dict[str, Any]) -> dict[str, Any]:
    k: dict[str, Any] = {}
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
    return k


def conclusion(plan: Plan, k: dict[str, Any]) -> str:
    return (
        f"The fitted line is {k.get('formula', '').split('~')[0].strip()} = {fmt(k['intercept'])} "
        f"+ {fmt(k.get('slope'))} x (R² = {fmt(k['r_squared'])}, p = {fmt(k['p_value'])})."
    )


def next_step(plan: Plan, k: dict[str, Any], caveats: list[str]) -> str:
    return "Check the residual plots and predict only inside the range of the data."
