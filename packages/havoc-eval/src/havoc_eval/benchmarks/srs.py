"""SRS benchmarks: one pipeline run for the smoke suite, the whole natural-language task set for
the domain suite. With a checkpoint the pipeline gets the model through its Generator protocol."""

from __future__ import annotations

from collections.abc import Sequence

from havoc_eval.benchmarks import _shared
from havoc_eval.context import EvalContext
from havoc_eval.registry import BenchmarkOutput, Metric, benchmark


class CheckpointGenerator:
    """havoc-srs's Generator protocol over a HAVOC model: greedy, stops at any ``stop`` string."""

    def __init__(self, model, tokenizer) -> None:
        self.model, self.tokenizer = model, tokenizer

    def generate(self, prompt: str, *, max_tokens: int = 256, stop: Sequence[str] = ()) -> str:
        from havoc_model import GenerationConfig, generate_text

        budget = self.model.config.max_seq_len - len(self.tokenizer.encode(prompt))
        if budget < 1:
            return ""  # the prompt fills the context: propose nothing, the rules decide
        config = GenerationConfig(
            max_new_tokens=min(max_tokens, budget), greedy=True, stop_strings=tuple(stop)
        )
        return generate_text(self.model, self.tokenizer, prompt, config)


def _pipeline(ctx: EvalContext):
    from havoc_srs import Pipeline

    generator = None
    if ctx.checkpoint is not None:
        generator = CheckpointGenerator(ctx.model, ctx.tokenizer)
    return Pipeline(index=ctx.index, generator=generator)


def _run_task(pipeline, task, base):
    from havoc_srs.tasks import TaskScore, score_task

    data = base / task["data"] if task.get("data") else None
    try:
        return score_task(task, pipeline.run(task["question"], data=data))
    except Exception as exc:  # a crash on one task is a failed task, not a failed benchmark
        return TaskScore(task["id"], task["family"], False, [f"error: {type(exc).__name__}: {exc}"])


@benchmark(
    "smoke.srs",
    suites=["smoke"],
    metrics=["tasks_passed"],
    needs=["index"],
    description="The SRS pipeline answers a symbolic and a data question with the expected numbers.",
)
def srs_smoke(ctx: EvalContext) -> BenchmarkOutput:
    from havoc_srs.tasks import load_tasks, tasks_dir

    tasks = load_tasks()
    # the first task of a data-free and of a data-backed family: both paths through the stages
    picked = [next(t for t in tasks if not t.get("data")), next(t for t in tasks if t.get("data"))]
    pipeline = _pipeline(ctx)
    scores = [_run_task(pipeline, t, tasks_dir()) for t in ctx.track(picked, "SRS questions")]
    return BenchmarkOutput(
        [Metric("tasks_passed", sum(s.passed for s in scores) / len(scores))],
        details={"tasks": [s.to_dict() for s in scores], "model": ctx.checkpoint is not None},
        data_version=_shared.fingerprint("srs-smoke", [t["id"] for t in picked]),
    )


@benchmark(
    "domain.srs",
    suites=["domain"],
    metrics=["accuracy", "passed", "tasks"],
    needs=["index"],
    description="SRS end-to-end accuracy on havoc-srs's natural-language task set, per family.",
)
def srs_tasks(ctx: EvalContext) -> BenchmarkOutput:
    import json

    import havoc_srs
    from havoc_srs.tasks import load_tasks, tasks_dir

    all_tasks = load_tasks()
    tasks = ctx.subset(all_tasks, key=lambda t: t["family"])
    pipeline = _pipeline(ctx)
    scores = [_run_task(pipeline, t, tasks_dir()) for t in ctx.track(tasks, "SRS tasks")]
    families: dict[str, list[bool]] = {}
    for s in scores:
        families.setdefault(s.family, []).append(s.passed)
    passed = sum(s.passed for s in scores)
    metrics = [
        Metric("accuracy", passed / len(scores)),
        Metric("passed", float(passed), "tasks"),
        Metric("tasks", float(len(scores)), "tasks", None),
    ]
    metrics += [Metric(f"{f}.accuracy", sum(v) / len(v)) for f, v in sorted(families.items())]
    plots = []
    path = ctx.plot_path("srs_accuracy_by_family.png")
    if path is not None:
        from havoc_eval.benchmarks.domain import _bar_plot

        names = sorted(families)
        _bar_plot(
            path,
            [f"{n} ({len(families[n])})" for n in names],
            [sum(families[n]) / len(families[n]) for n in names],
            "accuracy",
            f"SRS task set: {passed}/{len(scores)} passed",
        )
        plots.append(str(path))
    lines = [json.dumps(t, sort_keys=True) for t in all_tasks]
    return BenchmarkOutput(
        metrics,
        details={
            "model": ctx.checkpoint is not None,
            "failures": [s.to_dict() for s in scores if not s.passed],
        },
        plots=plots,
        data_version=ctx.versioned(
            _shared.fingerprint(f"srs-tasks/havoc-srs-{havoc_srs.__version__}", lines),
            len(tasks),
            len(all_tasks),
        ),
    )
