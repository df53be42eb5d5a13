"""The run report: ``report.json`` (machine-readable, every metric with its provenance) and
``report.md`` (a table a person reads, with the plots and generation samples)."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from havoc_eval.errors import EvalError

SCHEMA = "havoc-eval-report/1"
STATUSES = ("ok", "skipped", "error")


@dataclass
class BenchmarkResult:
    """The outcome of one benchmark in a run."""

    name: str
    suites: list[str]
    status: str  # ok | skipped | error
    reason: str  # why skipped / the error; "" when ok
    data_version: str
    seed: int
    duration_s: float
    metrics: list[dict[str, Any]] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    plots: list[str] = field(default_factory=list)


@dataclass
class Report:
    """Everything one ``havoc-eval run`` measured."""

    selection: list[str]
    seed: int
    limit: int | None
    checkpoint: str | None
    created: str
    environment: dict[str, str]
    duration_s: float
    benchmarks: list[BenchmarkResult]

    @property
    def failed(self) -> list[BenchmarkResult]:
        return [b for b in self.benchmarks if b.status == "error"]

    def metrics(self) -> list[dict[str, Any]]:
        """The flat metric list: each with its benchmark, data version, seed and duration."""
        rows = []
        for b in self.benchmarks:
            for m in b.metrics:
                rows.append(
                    {
                        "benchmark": b.name,
                        **m,
                        "data_version": b.data_version,
                        "seed": b.seed,
                        "duration_s": b.duration_s,
                    }
                )
        return rows

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "selection": self.selection,
            "seed": self.seed,
            "limit": self.limit,
            "checkpoint": self.checkpoint,
            "created": self.created,
            "environment": self.environment,
            "duration_s": self.duration_s,
            "summary": {s: sum(b.status == s for b in self.benchmarks) for s in STATUSES},
            "metrics": self.metrics(),
            "benchmarks": [asdict(b) for b in self.benchmarks],
        }

    def write(self, out_dir: str | Path) -> tuple[Path, Path]:
        """Write ``report.json`` and ``report.md`` into ``out_dir``; returns both paths."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        json_path, md_path = out / "report.json", out / "report.md"
        json_path.write_text(
            json.dumps(self.to_dict(), indent=2, default=_json_default, allow_nan=False) + "\n",
            encoding="utf-8",
        )
        md_path.write_text(render_markdown(self, out), encoding="utf-8")
        return json_path, md_path


def _json_default(obj: Any) -> Any:
    try:
        import numpy as np

        if isinstance(obj, np.generic):
            return obj.item()
        if isinstance(obj, np.ndarray):
            return obj.tolist()
    except ImportError:  # pragma: no cover - numpy is a dependency
        pass
    if isinstance(obj, Path):
        return str(obj)
    if isinstance(obj, set | tuple):
        return list(obj)
    return str(obj)


def _fmt(value: float) -> str:
    if not math.isfinite(value):
        return str(value)
    if value != 0 and (abs(value) >= 1e5 or abs(value) < 1e-3):
        return f"{value:.4g}"
    return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value)}"


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(report: Report, out_dir: Path | None = None) -> str:
    """The human-readable report."""
    counts = {s: sum(b.status == s for b in report.benchmarks) for s in STATUSES}
    lines = [
        "# HAVOC evaluation report",
        "",
        f"- selection: `{' '.join(report.selection)}`",
        f"- checkpoint: `{report.checkpoint or 'none'}`",
        f"- seed: {report.seed}" + (f"; subset limit {report.limit}" if report.limit else ""),
        f"- created: {report.created}; took {report.duration_s:.1f} s",
        f"- benchmarks: {counts['ok']} ok, {counts['skipped']} skipped, {counts['error']} failed",
        "- environment: " + ", ".join(f"{k} {v}" for k, v in report.environment.items()),
        "",
        "| benchmark | metric | value | unit | better | data version | time (s) |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    arrow = {True: "higher", False: "lower", None: ""}
    for b in report.benchmarks:
        if b.status != "ok":
            continue
        for m in b.metrics:
            lines.append(
                f"| {b.name} | {_cell(m['name'])} | {_fmt(m['value'])} | {_cell(m['unit'])} | "
                f"{arrow[m['higher_is_better']]} | `{_cell(b.data_version)}` | {b.duration_s:.2f} |"
            )
    not_run = [b for b in report.benchmarks if b.status != "ok"]
    if not_run:
        lines += [
            "",
            "## Skipped or failed",
            "",
            "| benchmark | status | reason |",
            "| --- | --- | --- |",
        ]
        lines += [f"| {b.name} | {b.status} | {_cell(b.reason)} |" for b in not_run]
    plots = [(b.name, p) for b in report.benchmarks for p in b.plots]
    if plots:
        lines += ["", "## Plots", ""]
        for name, p in plots:
            rel = Path(p)
            if out_dir is not None:
                try:
                    rel = Path(p).resolve().relative_to(Path(out_dir).resolve())
                except ValueError:
                    pass
            lines += [f"**{name}**", "", f"![{name}]({rel.as_posix()})", ""]
    for b in report.benchmarks:
        samples = b.details.get("samples") if b.status == "ok" else None
        if samples:
            lines += ["", f"## Samples ({b.name})", ""]
            for s in samples:
                lines += [f"- **{_cell(s['prompt'])}** {_cell(s['completion'])}"]
    return "\n".join(lines).rstrip() + "\n"


def load_report(path: str | Path) -> dict[str, Any]:
    """Read and validate a ``report.json`` (or a folder holding one)."""
    p = Path(path)
    if p.is_dir():
        p = p / "report.json"
    if not p.is_file():
        raise EvalError(f"no report at {path} (expected report.json or a folder holding one)")
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise EvalError(f"{p} is not valid JSON: {exc}") from exc
    validate_report(data, str(p))
    return data


def validate_report(data: Any, where: str = "report") -> None:
    """Raise :class:`EvalError` naming the first thing wrong with a report dict."""
    if not isinstance(data, dict):
        raise EvalError(f"{where}: a report is a JSON object")
    if data.get("schema") != SCHEMA:
        raise EvalError(f"{where}: schema is {data.get('schema')!r}, expected {SCHEMA!r}")
    for key, kind in (("seed", int), ("metrics", list), ("benchmarks", list)):
        if not isinstance(data.get(key), kind):
            raise EvalError(f"{where}: {key!r} must be a {kind.__name__}")
    required = {
        "benchmark": str,
        "name": str,
        "value": (int, float),
        "data_version": str,
        "seed": int,
        "duration_s": (int, float),
    }
    for i, m in enumerate(data["metrics"]):
        if not isinstance(m, dict):
            raise EvalError(f"{where}: metrics[{i}] must be an object")
        for key, kind in required.items():
            if not isinstance(m.get(key), kind) or isinstance(m.get(key), bool):
                raise EvalError(f"{where}: metrics[{i}].{key} missing or not {kind}")
        if m.get("higher_is_better") not in (True, False, None):
            raise EvalError(f"{where}: metrics[{i}].higher_is_better must be true, false or null")
    for i, b in enumerate(data["benchmarks"]):
        if not isinstance(b, dict) or b.get("status") not in STATUSES:
            raise EvalError(f"{where}: benchmarks[{i}].status must be one of {STATUSES}")
