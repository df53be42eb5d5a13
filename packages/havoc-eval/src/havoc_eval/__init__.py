"""Benchmark registry, smoke and domain suites, reports, and an lm-evaluation-harness adapter.

>>> from havoc_eval import run
>>> report = run(["smoke.tools", "smoke.dsl"], show_progress=False)
>>> [b.status for b in report.benchmarks]
['ok', 'ok']
"""

from importlib.metadata import version as _version

from havoc_eval.compare import MetricChange, compare_reports
from havoc_eval.context import EvalContext
from havoc_eval.errors import EvalError, SkipBenchmark
from havoc_eval.registry import (
    ENTRY_POINT_GROUP,
    Benchmark,
    BenchmarkOutput,
    Metric,
    all_benchmarks,
    benchmark,
    get_benchmark,
    resolve,
    suites,
)
from havoc_eval.report import SCHEMA, BenchmarkResult, Report, load_report, validate_report
from havoc_eval.runner import run

__version__ = _version("havoc-eval")

__all__ = [
    "ENTRY_POINT_GROUP",
    "SCHEMA",
    "Benchmark",
    "BenchmarkOutput",
    "BenchmarkResult",
    "EvalContext",
    "EvalError",
    "Metric",
    "MetricChange",
    "Report",
    "SkipBenchmark",
    "__version__",
    "all_benchmarks",
    "benchmark",
    "compare_reports",
    "get_benchmark",
    "load_report",
    "resolve",
    "run",
    "suites",
    "validate_report",
]
