"""Run benchmarks: resolve the selection, seed, time and catch each one, show progress, report."""

from __future__ import annotations

import contextlib
import datetime as dt
import platform
import time
import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path

from havoc_eval.context import EvalContext, seed_everything
from havoc_eval.errors import EvalError, SkipBenchmark
from havoc_eval.registry import Benchmark, BenchmarkOutput, resolve
from havoc_eval.report import BenchmarkResult, Report


def _environment() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    env = {"python": platform.python_version(), "platform": platform.platform(terse=True)}
    for dist in ("havoc-eval", "havoc-model", "havoc-tools", "havoc-rag", "havoc-srs", "torch"):
        try:
            env[dist] = version(dist)
        except PackageNotFoundError:
            pass
    return env


def run_one(bench: Benchmark, ctx: EvalContext) -> BenchmarkResult:
    """Run one benchmark with the run's seed; a skip or an exception becomes its status."""
    seed_everything(ctx.seed)
    start = time.perf_counter()
    status, reason, output = "ok", "", None
    if "checkpoint" in bench.needs and ctx.checkpoint is None:
        status, reason = "skipped", "needs a checkpoint (pass --checkpoint CKPT)"
    else:
        try:
            output = bench.fn(ctx)
            if not isinstance(output, BenchmarkOutput):
                raise EvalError(
                    f"benchmark {bench.name!r} returned {type(output).__name__}, "
                    "expected BenchmarkOutput"
                )
        except SkipBenchmark as skip:
            status, reason = "skipped", skip.reason
        except Exception as exc:  # one broken benchmark must not stop the run
            status = "error"
            reason = f"{type(exc).__name__}: {exc}"
            tb = traceback.format_exc(limit=-3)
            output = BenchmarkOutput([], details={"traceback": tb})
    duration = time.perf_counter() - start
    metrics = []
    if output is not None and status == "ok":
        metrics = [
            {
                "name": m.name,
                "value": m.value,
                "unit": m.unit,
                "higher_is_better": m.higher_is_better,
                "description": m.description,
            }
            for m in output.metrics
        ]
    return BenchmarkResult(
        name=bench.name,
        suites=list(bench.suites),
        status=status,
        reason=reason,
        data_version=(
            output.data_version if output and output.data_version else bench.data_version
        ),
        seed=ctx.seed,
        duration_s=round(duration, 4),
        metrics=metrics,
        details=output.details if output is not None else {},
        plots=output.plots if output is not None else [],
    )


@contextlib.contextmanager
def _live_progress(enabled: bool, total: int) -> Iterator[tuple[object | None, object | None]]:
    if not enabled:
        yield None, None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    progress = Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=False,
    )
    with progress:
        overall = progress.add_task("benchmarks", total=total, rate="")
        yield progress, overall


def _rate(task) -> str:
    speed = task.speed
    return f"{speed:.2f}/s" if speed else ""


def run(
    selection: Iterable[str],
    *,
    checkpoint: str | Path | None = None,
    out_dir: str | Path | None = None,
    seed: int = 0,
    device: str | None = None,
    dtype: str = "auto",
    index: str | Path | None = None,
    limit: int | None = None,
    show_progress: bool = True,
) -> Report:
    """Run the suites / benchmarks in ``selection`` and return the :class:`Report`.

    With ``out_dir`` the plots go to ``out_dir/plots`` and ``report.json`` / ``report.md`` are
    written there. ``limit`` caps every dataset benchmark at that many items (a deterministic
    subset covering every group; the data version records it) for quick checks.

    >>> report = run(["smoke.tools"], show_progress=False)
    >>> report.benchmarks[0].status
    'ok'
    """
    selection = list(selection)
    benches = resolve(selection)
    out = Path(out_dir) if out_dir is not None else None
    ctx = EvalContext(
        seed=seed,
        checkpoint=Path(checkpoint) if checkpoint is not None else None,
        device=device,
        dtype=dtype,
        index_path=Path(index) if index is not None else None,
        work_dir=out,
        limit=limit,
    )
    started = time.perf_counter()
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    results: list[BenchmarkResult] = []
    with _live_progress(show_progress, len(benches)) as (progress, overall):
        sub: list[int] = []

        def factory(total: int, description: str):
            if progress is None:
                return lambda n=1: None
            for t in sub:  # one sub-bar at a time: the current benchmark's
                progress.remove_task(t)
            sub.clear()
            task = progress.add_task(f"  {description}", total=total, rate="")
            sub.append(task)

            def advance(n: int = 1) -> None:
                progress.advance(task, n)
                progress.update(task, rate=_rate(progress.tasks[progress.task_ids.index(task)]))

            return advance

        ctx.progress_factory = factory
        for bench in benches:
            if progress is not None:
                progress.update(overall, description=f"benchmarks: {bench.name}")
            result = run_one(bench, ctx)
            results.append(result)
            if progress is not None:
                for t in sub:
                    progress.remove_task(t)
                sub.clear()
                progress.advance(overall)
                ov = progress.tasks[progress.task_ids.index(overall)]
                progress.update(overall, rate=_rate(ov))
                mark = {"ok": "[green]ok", "skipped": "[yellow]skipped", "error": "[red]FAILED"}
                note = f" ({result.reason})" if result.reason else ""
                progress.console.print(
                    f"{mark[result.status]}[/] {bench.name} {result.duration_s:.2f}s{note}"
                )
        if progress is not None:
            progress.update(overall, description="benchmarks")
    report = Report(
        selection=selection,
        seed=seed,
        limit=limit,
        checkpoint=str(checkpoint) if checkpoint is not None else None,
        created=created,
        environment=_environment(),
        duration_s=round(time.perf_counter() - started, 3),
        benchmarks=results,
    )
    if out is not None:
        report.write(out)
    return report
