"""The SRS task set (natural-language tasks with data and independently computed answers) and
its scorer.

>>> tasks = load_tasks()
>>> len(tasks) >= 100
True

``bench/srs/make_tasks.py`` writes ``tasks.jsonl`` and ``data/*.csv`` here; the expected values
come from scipy/statsmodels/numpy/sympy directly. ``evaluate(Pipeline(), tasks)`` runs the whole
pipeline on each task and scores status, family and every expected number.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

REL_TOL = 1e-6


def tasks_dir() -> Path:
    return Path(str(resources.files("havoc_srs").joinpath("tasks")))


def load_tasks(path: str | Path | None = None) -> list[dict[str, Any]]:
    """The task list (each: id, family, question, data, expected)."""
    p = Path(path) if path else tasks_dir() / "tasks.jsonl"
    with open(p, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@dataclass
class TaskScore:
    id: str
    family: str
    passed: bool
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "family": self.family,
            "passed": self.passed,
            "reasons": self.reasons,
        }


def _lookup(numbers: dict[str, Any], key: str) -> Any:
    cur: Any = numbers
    for part in key.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def _same_expression(got: str, expected: str) -> bool:
    import sympy as sp
    from havoc_tools.symbolic import parse_expression

    try:
        a, b = (
            parse_expression(got.replace("**", "^")),
            parse_expression(expected.replace("**", "^")),
        )
    except ValueError:
        return False
    return sp.simplify(a - b) == 0


def score_task(task: dict[str, Any], result: Any) -> TaskScore:
    """Compare one pipeline result (SRSResult) with the task's expectation."""
    exp = task["expected"]
    ans = result.answer
    reasons = []
    if result.status != exp["status"]:
        reasons.append(f"status {result.status!r}, expected {exp['status']!r}")
    if ans.get("family") != task["family"]:
        reasons.append(f"family {ans.get('family')!r}, expected {task['family']!r}")
    if exp["status"] == "needs_input":
        if ans.get("key_numbers"):
            reasons.append("results were given although information was missing")
        return TaskScore(task["id"], task["family"], not reasons, reasons)
    k = ans.get("key_numbers") or {}
    for key, want in exp.get("numbers", {}).items():
        got = _lookup(k, key)
        if isinstance(want, list):
            ok = (
                isinstance(got, list)
                and len(got) == len(want)
                and all(math.isclose(g, w, rel_tol=REL_TOL, abs_tol=1e-9) for g, w in zip(sorted(got), want, strict=True))
            )  # fmt: skip
        elif key == "n" and isinstance(want, int | float) and float(want).is_integer():
            ok = got is not None and float(got) == float(want)
        else:
            ok = isinstance(got, int | float) and math.isclose(
                got, want, rel_tol=REL_TOL, abs_tol=1e-9
            )
        if not ok:
            reasons.append(f"{key}: got {got!r}, expected {want!r}")
    if "expression" in exp:
        got = k.get("result")
        if not isinstance(got, str) or not _same_expression(got, exp["expression"]):
            reasons.append(f"result {got!r} is not {exp['expression']!r}")
    if "citation" in exp:
        sources = [c["source"] for c in ans.get("citations", [])]
        if exp["citation"] not in sources:
            reasons.append(f"citations {sources} miss {exp['citation']}")
    return TaskScore(task["id"], task["family"], not reasons, reasons)


def evaluate(
    pipeline: Any, tasks: list[dict[str, Any]] | None = None, progress: bool = False
) -> dict[str, Any]:
    """Run and score every task; accuracy overall and per family."""
    tasks = tasks if tasks is not None else load_tasks()
    base = tasks_dir()
    scores: list[TaskScore] = []
    bar = None
    if progress:
        from rich.progress import (
            BarColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )

        bar = Progress(TextColumn("SRS tasks"), BarColumn(), TaskProgressColumn(),
                       TextColumn("{task.speed} tasks/s" if False else ""), TimeRemainingColumn())  # fmt: skip
        bar.start()
        job = bar.add_task("tasks", total=len(tasks))
    try:
        for t in tasks:
            data = base / t["data"] if t.get("data") else None
            try:
                res = pipeline.run(t["question"], data=data)
                scores.append(score_task(t, res))
            except ValueError as e:
                scores.append(TaskScore(t["id"], t["family"], False, [f"error: {e}"]))
            if bar is not None:
                bar.advance(job)
    finally:
        if bar is not None:
            bar.stop()
    fams: dict[str, list[bool]] = {}
    for s in scores:
        fams.setdefault(s.family, []).append(s.passed)
    return {
        "n": len(scores),
        "passed": sum(s.passed for s in scores),
        "accuracy": sum(s.passed for s in scores) / max(1, len(scores)),
        "by_family": {
            f: {"n": len(v), "accuracy": sum(v) / len(v)} for f, v in sorted(fams.items())
        },
        "failures": [s.to_dict() for s in scores if not s.passed],
    }


__all__ = ["TaskScore", "evaluate", "load_tasks", "score_task", "tasks_dir"]
