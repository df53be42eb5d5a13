"""EXECUTE: run a plan's DSL program through havoc-tools, and draw its result."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from typing import Any

from havoc_tools.dsl import run

from havoc_srs.plan import Plan


@dataclass
class Execution:
    ok: bool
    results: dict[str, Any] = field(default_factory=dict)  # let-name -> result dict
    values: dict[str, Any] = field(default_factory=dict)  # let-name -> tool result object
    tool_calls: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None


def run_program(program: Any, data: dict[str, Any]) -> Execution:
    """Run a program and collect its named results and one tool call per statement."""
    res = run(program, data=data)
    out = Execution(ok=res.ok)
    for r in res.results:
        if r.kind == "data":
            continue
        out.tool_calls.append({"tool": r.kind, "dsl": r.statement, "result": r.result})
        if r.name:
            out.results[r.name] = r.result
            out.values[r.name] = r.value
    if not res.ok:
        out.error = res.error.get("text") or res.error.get("message") if res.error else "error"
    return out


def execute_plan(plan: Plan) -> Execution:
    if plan.program is None:
        return Execution(ok=False, error="no program (the plan is missing information)")
    return run_program(plan.program, plan.data)


def figure_uri(fig: Any) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def plots_for(plan: Plan, ex: Execution) -> list[dict[str, str]]:
    """PNG data URIs of the primary result: control chart, histogram, Pareto, fit, components."""
    value = ex.values.get("primary")
    if value is None:
        return []
    kinds = {
        "chart": ("control", "Control chart"),
        "capability": ("histogram", "Capability histogram"),
        "analyze": ("pareto", "Pareto of effects"),
        "gage": ("components", "Gage R&R components"),
    }
    key = plan.analysis.split("_")[0]
    try:
        import matplotlib

        matplotlib.use("Agg")
        if key in kinds:
            from havoc_tools.plots import make_plot

            kind, title = kinds[key]
            return [{"title": title, "data_uri": figure_uri(make_plot(value, kind))}]
        if key == "regress" and len(plan.context.get("xs", [])) == 1:
            return [{"title": "Data and fitted line", "data_uri": _fit_plot(plan, ex)}]
    except (ValueError, TypeError, KeyError) as e:  # a figure is a nicety; report, don't fail
        return [{"title": f"plot unavailable: {e}", "data_uri": ""}]
    return []


def _fit_plot(plan: Plan, ex: Execution) -> str:
    import matplotlib.pyplot as plt
    import numpy as np

    frame = plan.context["frame"]
    x, y = frame[plan.context["xs"][0]].to_numpy(float), frame[plan.context["y"]].to_numpy(float)
    fitted = np.asarray(ex.results["primary"]["fitted"], dtype=float)
    order = np.argsort(x)
    fig, ax = plt.subplots(figsize=(5, 3.5))
    ax.scatter(x, y, s=18, label="data")
    ax.plot(x[order], fitted[order], color="C3", label="fit")
    ax.set_xlabel(plan.context["xs"][0])
    ax.set_ylabel(plan.context["y"])
    ax.legend()
    return figure_uri(fig)
