"""The generic stage walk for a registered family module (see :mod:`havoc_srs.families`):
PLAN → EXECUTE → ARGUE → ARBITER → AUDIT → ANSWER, after MODE and GROUND."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from havoc_srs.answer import render_markdown
from havoc_srs.execute import Execution, run_program

STATUSES = ("answered", "explained", "needs_input", "out_of_scope", "failed")


def family_events(run: Any, mode: Any, fam: Any) -> Iterator[dict[str, Any]]:
    reading = run.reading
    t = time.perf_counter()
    yield run._ground(t, mode)

    # PLAN
    t = time.perf_counter()
    from havoc_srs.plan import PLAN_ERRORS as _PLAN_ERRORS
    from havoc_srs.plan import Missing, Plan
    from havoc_srs.reader.columns import unknown_names
    from havoc_srs.reader.named import check_named

    unknown = unknown_names(run.q, run.ds)
    try:
        plan = fam.plan(reading, run.ds)
        if unknown and run.ds is not None:
            plan = Plan(family=mode.family, analysis=mode.family)
            cols = ", ".join(repr(run.ds.header(c)) for c in list(run.ds.frame.columns)[:15])
            plan.missing.append(Missing(
                f"the column(s) {', '.join(repr(u) for u in unknown)}, which the table does not have",
                f"name a column of the table: {cols}"))  # fmt: skip
        plan = check_named(run.q, run.ds, plan)  # a measurement named must be a column
    except _PLAN_ERRORS as e:  # a reading the planner cannot use
        plan = Plan(family=mode.family, analysis=mode.family)
        plan.missing.append(
            Missing(
                "a clearer question", f"the question could not be planned ({type(e).__name__}: {e})"
            )
        )
    summary = (
        ("missing: " + "; ".join(m.what for m in plan.missing))
        if plan.missing
        else (
            plan.dsl.strip().splitlines()[-1]
            if plan.program is not None
            else (plan.notes or [""])[0]
        )
    )
    yield run._event(
        "PLAN", t, decided_by="reader", summary=summary, status="failed" if plan.missing else "ok",
        inputs={"family": mode.family, "reading": reading.to_dict()},
        outputs=plan.to_dict() | {"columns": plan.context.get("columns", [])},
    )  # fmt: skip

    # EXECUTE
    t = time.perf_counter()
    ex = Execution(ok=False, error="no program")
    if plan.program is not None:
        ex = run_program(plan.program, plan.data)
        yield run._event(
            "EXECUTE", t, decided_by="tools", status="ok" if ex.ok else "failed",
            summary=f"{len(ex.results)} result(s)" if ex.ok else "failed: " + (ex.error or "").splitlines()[0],
            inputs={"dsl": plan.dsl}, outputs={"ok": ex.ok, "error": ex.error, "results": ex.results},
            tool_calls=ex.tool_calls,
        )  # fmt: skip
    elif not plan.missing and plan.family == "descriptive":
        ex = Execution(ok=True)
        yield run._event(
            "EXECUTE",
            t,
            decided_by="tools",
            summary="counted rows and categories (no numeric summary)",
        )
    else:
        yield run._skip(
            "EXECUTE", t, "not run: " + ("; ".join(m.what for m in plan.missing) or "no program")
        )

    # ARGUE
    t = time.perf_counter()
    verdict = None
    if ex.ok:
        verdict = fam.argue(plan, ex.results)
        checks = [c.to_dict() for c in verdict.checks]
        n_fail = sum(c["outcome"] == "failed" for c in checks)
        n_nc = sum(c["outcome"] == "not_checked" for c in checks)
        yield run._event(
            "ARGUE", t, decided_by="tools",
            summary=f"{len(checks)} check(s): {n_fail} failed, {n_nc} not checked; "
            f"{sum(m.applicable for m in verdict.methods)} of {len(verdict.methods)} method(s) applicable",
            outputs={"checks": checks, "methods": [m.to_dict() for m in verdict.methods], "caveats": verdict.caveats},
            tables=[_checks_table(checks), _methods_table(verdict)],
        )  # fmt: skip
    else:
        yield run._skip("ARGUE", t, "nothing was executed")

    # ARBITER
    t = time.perf_counter()
    if verdict is not None:
        yield run._event(
            "ARBITER", t, summary=f"rests on {verdict.rests_on}: {verdict.why}",
            outputs={"chosen": verdict.rests_on, "reasons": [verdict.why] + verdict.caveats},
        )  # fmt: skip
    else:
        yield run._skip("ARBITER", t, "no results to choose between")

    # AUDIT
    t = time.perf_counter()
    au = None
    if verdict is not None:
        au = fam.audit(plan, ex.results, verdict)
        n_fail = sum(not c["passed"] for c in au.checks)
        yield run._event(
            "AUDIT", t, decided_by="tools", status="ok" if au.passed else "failed",
            summary=f"{len(au.checks)} independent check(s), {n_fail} failed",
            outputs={"passed": au.passed, "checks": au.checks},
            tables=[_audit_table(au.checks)] if au.checks else [],
        )  # fmt: skip
    else:
        yield run._skip("AUDIT", t, "nothing to audit")

    # ANSWER
    t = time.perf_counter()
    doc = build_answer(run, mode, fam, plan, ex, verdict, au)
    md = render_markdown(doc)
    yield run._event(
        "ANSWER", t, status="failed" if doc["status"] == "failed" else "ok", summary=doc["conclusion"],
        inputs={"status": doc["status"]}, outputs={"answer": doc}, citations=run.citations,
    )  # fmt: skip
    yield {"type": "answer", "id": run.rid, "status": doc["status"], "markdown": md, "answer": doc}


def build_answer(
    run: Any, mode: Any, fam: Any, plan: Any, ex: Execution, verdict: Any, au: Any
) -> dict[str, Any]:
    columns = list(plan.context.get("columns", []))
    if getattr(run.ds, "name", "") == "question" and len(run.ds.frame.columns) == 1:
        columns = []  # one unlabelled list typed into the question: no header was used
    doc: dict[str, Any] = {
        "question": getattr(run, "asked", run.q), "family": mode.family, "analysis": plan.analysis, "dsl": plan.dsl,
        "columns": columns, "citations": run.citations, "caveats": [],
        "assumptions": list(plan.notes), "missing": [m.to_dict() for m in plan.missing], "methods": [],
    }  # fmt: skip
    if plan.missing:
        doc.update(status="needs_input", key_numbers={},
                   conclusion="I need more information before I can answer: " + "; ".join(
                       f"{m.what} ({m.how})" for m in plan.missing) + ".",
                   next_step="Add what is listed and ask again.")  # fmt: skip
        return doc
    if not ex.ok or verdict is None:
        first = (ex.error or "the analysis did not run").splitlines()[0]
        doc.update(status="failed", key_numbers={}, conclusion=f"The analysis could not run: {first}",
                   next_step="Check the named columns hold enough numbers (or categories) and ask again.")  # fmt: skip
        return doc
    doc["methods"] = [m.to_dict() for m in verdict.methods]
    doc["checks"] = [c.to_dict() for c in verdict.checks]
    for c in verdict.checks:
        doc["assumptions"].append(
            f"{c.name}: {c.test} — {c.outcome.replace('_', ' ')}; {c.evidence}"
        )
    doc["caveats"] += verdict.caveats
    body = fam.answer(plan, ex.results, verdict)
    doc["key_numbers"] = body["key_numbers"]
    doc["conclusion"] = body["conclusion"]
    doc["method"] = verdict.rests_on
    doc["rests_on"] = {"method": verdict.rests_on, "why": verdict.why}
    doc["arbiter"] = {"chosen": verdict.rests_on, "reasons": [verdict.why]}
    doc["audit"] = {"passed": bool(au and au.passed), "checks": len(au.checks) if au else 0}
    if au is None or not au.passed:
        failed = [c["check"] for c in (au.checks if au else []) if not c["passed"]]
        doc["status"] = "failed"
        doc["conclusion"] = ("The audit did not hold, so this result is not confirmed: " + ", ".join(failed)
                             + ". Library result: " + doc["conclusion"])  # fmt: skip
        doc["next_step"] = (
            "Report this with the data; the independent re-derivation disagrees with the library."
        )
        return doc
    rests = verdict.method(verdict.rests_on) if verdict.rests_on else None
    if verdict.rests_on and rests is None:
        doc["status"] = "failed"
        doc["conclusion"] = f"{verdict.rests_on} was not computed for the columns used."
        doc["next_step"] = "Name the column the statistic is about and ask again."
        return doc
    if (
        rests is not None
        and rests.statistic is None
        and rests.value is None
        and rests.p_value is None
    ):
        doc["status"] = "failed"
        doc["conclusion"] = f"{rests.label or rests.name} could not be computed: {rests.reason}."
        doc["next_step"] = "Check the data and ask again."
        return doc
    doc["status"] = "answered"
    doc["next_step"] = _next_step(mode.family, verdict)
    return doc


def _next_step(family: str, verdict: Any) -> str:
    return {
        "correlation": "Plot the two columns (a scatter plot) before reading much into a coefficient; correlation is not causation.",
        "contingency": "Look at the row percentages to see where the association comes from.",
        "variance": "If the variances differ, compare means with Welch's t-test or Welch's ANOVA.",
        "distribution": "Look at a normal probability plot or histogram alongside the test.",
        "descriptive": "Ask for a test or a chart if you want to compare groups or check stability.",
    }.get(family, "")


def _checks_table(checks: list[dict[str, Any]]) -> dict[str, Any]:
    return {"title": "Assumption checks", "columns": ["check", "test", "outcome", "evidence"],
            "rows": [[c["name"], c["test"], c["outcome"], c["note"]] for c in checks]}  # fmt: skip


def _methods_table(verdict: Any) -> dict[str, Any]:
    rows = [
        [m.name, "yes" if m.applicable else "no", m.statistic, m.p_value, m.reason]
        for m in verdict.methods
    ]
    return {
        "title": "Methods",
        "columns": ["method", "applicable", "statistic", "p", "reason"],
        "rows": rows,
    }


def _audit_table(checks: list[dict[str, Any]]) -> dict[str, Any]:
    from havoc_srs.pipeline import _audit_table as table

    return table(checks)


CAPABILITIES = (
    "HAVOC answers statistics and engineering questions about your data: hypothesis tests, "
    "ANOVA, regression, correlation, contingency tables, equality of variances, distribution "
    "fit, descriptive statistics, control charts, process capability, Gage R&R, design and "
    "analysis of experiments, power and sample size, and symbolic maths; and it explains these "
    "methods from its handbook."
)


def out_of_scope_events(run: Any, mode: Any, why: str) -> Iterator[dict[str, Any]]:
    """Every later stage skipped; the answer says what HAVOC can do instead."""
    for stage in ("GROUND", "PLAN", "EXECUTE", "ARGUE", "ARBITER", "AUDIT"):
        yield run._skip(stage, time.perf_counter(), f"not run: {why}")
    t = time.perf_counter()
    yield from _no_result_answer(
        run, t, mode.family, "out_of_scope",
        f"This is outside what I can answer ({why}). {CAPABILITIES}",
        "Ask a statistics or engineering question, e.g. 'Is line1 different from line2?' with a CSV attached.",
    )  # fmt: skip


def _no_result_answer(
    run: Any, t: float, family: str, status: str, conclusion: str, next_step: str
) -> Iterator[dict[str, Any]]:
    """The ANSWER event and the answer of a run that reports no analysis (out of scope, or a
    stage that raised)."""
    doc = {
        "question": getattr(run, "asked", run.q), "family": family, "analysis": "none", "dsl": "", "columns": [],
        "citations": [], "caveats": [], "assumptions": [], "missing": [], "methods": [],
        "status": status, "key_numbers": {}, "conclusion": conclusion, "next_step": next_step,
    }  # fmt: skip
    md = render_markdown(doc)
    yield run._event(
        "ANSWER", t, status=status if status == "failed" else "ok", summary=conclusion,
        inputs={"status": status}, outputs={"answer": doc},
    )  # fmt: skip
    yield {"type": "answer", "id": run.rid, "status": status, "markdown": md, "answer": doc}


STAGE_ORDER = ("MODE", "GROUND", "PLAN", "EXECUTE", "ARGUE", "ARBITER", "AUDIT")


def internal_error_events(run: Any, exc: BaseException) -> Iterator[dict[str, Any]]:
    """A stage raised where it should have reported: the stage is marked failed, the rest are
    skipped, and the answer is ``failed`` naming the stage and the error (never a result)."""
    done = min(run.index, len(STAGE_ORDER))
    where = STAGE_ORDER[done] if done < len(STAGE_ORDER) else "ANSWER"
    error = f"{type(exc).__name__}: {exc}"
    t = time.perf_counter()
    if done < len(STAGE_ORDER):
        yield run._event(where, t, status="failed", summary=f"internal error: {error}")
        for stage in STAGE_ORDER[done + 1 :]:
            yield run._skip(stage, time.perf_counter(), f"not run: {where} failed")
    yield from _no_result_answer(
        run, time.perf_counter(),
        getattr(getattr(run, "reading", None), "family", None) or "general", "failed",
        f"The analysis stopped with an internal error in {where} ({error}); no result is reported.",
        "Rephrase the question or check the data; if it persists, report it with the question and the table.",
    )  # fmt: skip
