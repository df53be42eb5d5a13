"""ANSWER: the key numbers under descriptive keys, a one-sentence conclusion, and markdown.

The engineering families' key numbers, conclusion and next step come from their modules
(``family.key_numbers``, ``family.conclusion``, ``family.next_step``); this module walks them and
renders any answer's markdown from its JSON form.
"""

from __future__ import annotations

import math
from typing import Any

from havoc_srs.plan import Plan


def number_text(x: Any, digits: int = 4) -> str:
    """A number as a sentence shows it (full precision stays in key_numbers)."""
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


_f = number_text


def key_numbers(plan: Plan, r: dict[str, Any], results: dict[str, Any]) -> dict[str, Any]:
    """Descriptive keys (t, p_value, df, F, slope, effects, ucl/lcl, Cp/Cpk, n ...) of ``r``."""
    from havoc_srs.families import TABLE

    k = TABLE[plan.family].key_numbers(plan, r)
    return {kk: v for kk, v in k.items() if v is not None}


def conclusion(plan: Plan, k: dict[str, Any], chosen: str) -> str:
    from havoc_srs.families import TABLE

    return TABLE[plan.family].conclusion(plan, k)


def next_step(plan: Plan, k: dict[str, Any], caveats: list[str]) -> str:
    from havoc_srs.families import TABLE

    return TABLE[plan.family].next_step(plan, k, caveats)


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
