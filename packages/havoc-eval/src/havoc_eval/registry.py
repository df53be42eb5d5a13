"""The benchmark registry: a decorator for code in this package and an entry point group for others.

A benchmark is a function ``fn(ctx: EvalContext) -> BenchmarkOutput``. Register it with
:func:`benchmark`; a package outside havoc-eval exposes its module (or the decorated function)
under the entry point group ``havoc_eval.benchmarks`` and it is loaded the first time the registry
is read::

    [project.entry-points."havoc_eval.benchmarks"]
    my_bench = "my_package.bench"
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any

from havoc_eval.errors import EvalError

if TYPE_CHECKING:
    from havoc_eval.context import EvalContext

ENTRY_POINT_GROUP = "havoc_eval.benchmarks"
SUITES = ("smoke", "domain")
NEEDS = ("checkpoint", "index")
_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")


@dataclass(frozen=True)
class Metric:
    """One measured number. ``higher_is_better`` drives ``compare`` (None: no direction)."""

    name: str
    value: float
    unit: str = ""
    higher_is_better: bool | None = True
    description: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise EvalError(f"a metric needs a non-empty name, got {self.name!r}")
        if isinstance(self.value, bool) or not isinstance(self.value, int | float):
            raise EvalError(f"metric {self.name!r}: value must be a number, got {self.value!r}")
        object.__setattr__(self, "value", float(self.value))


@dataclass
class BenchmarkOutput:
    """What a benchmark returns: its metrics, free-form details, plots it wrote, its data version."""

    metrics: list[Metric]
    details: dict[str, Any] = field(default_factory=dict)
    plots: list[str] = field(default_factory=list)
    data_version: str | None = None


BenchmarkFn = Callable[["EvalContext"], BenchmarkOutput]


@dataclass(frozen=True)
class Benchmark:
    """A registered benchmark: its name, suites, the metrics it reports and what it needs."""

    name: str
    fn: BenchmarkFn
    suites: tuple[str, ...]
    metrics: tuple[str, ...]
    needs: tuple[str, ...]
    description: str
    data_version: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "suites": list(self.suites),
            "metrics": list(self.metrics),
            "needs": list(self.needs),
            "description": self.description,
            "data_version": self.data_version,
        }


_REGISTRY: dict[str, Benchmark] = {}
_LOADED = False


def benchmark(
    name: str,
    *,
    suites: Iterable[str] = (),
    metrics: Iterable[str] = (),
    needs: Iterable[str] = (),
    data_version: str = "none",
    description: str | None = None,
) -> Callable[[BenchmarkFn], BenchmarkFn]:
    """Register ``fn`` as a benchmark.

    ``needs`` lists what it cannot run without: ``"checkpoint"`` (skipped without
    ``--checkpoint``) and/or ``"index"`` (a retrieval index; the bundled handbook by default).

    >>> from havoc_eval import Metric, BenchmarkOutput, benchmark
    >>> @benchmark("example.answer", metrics=["answer"])
    ... def answer(ctx):
    ...     return BenchmarkOutput([Metric("answer", 42.0)])
    """
    suites_t, needs_t, metrics_t = tuple(suites), tuple(needs), tuple(metrics)
    if not isinstance(name, str) or not _NAME.match(name):
        raise EvalError(
            f"benchmark name {name!r} must be lowercase words joined by dots/underscores"
        )
    if name in SUITES:
        raise EvalError(f"benchmark name {name!r} clashes with a suite name")
    for need in needs_t:
        if need not in NEEDS:
            raise EvalError(f"benchmark {name!r}: unknown need {need!r} (expected one of {NEEDS})")
    for suite in suites_t:
        if not isinstance(suite, str) or not _NAME.match(suite):
            raise EvalError(f"benchmark {name!r}: bad suite name {suite!r}")

    def register(fn: BenchmarkFn) -> BenchmarkFn:
        if not callable(fn):
            raise EvalError(f"benchmark {name!r} must decorate a callable")
        existing = _REGISTRY.get(name)
        if existing is not None and existing.fn is not fn:
            same = (existing.fn.__module__, existing.fn.__qualname__) == (
                fn.__module__,
                fn.__qualname__,
            )
            if not same:  # re-importing the same module re-registers; anything else is a clash
                raise EvalError(
                    f"benchmark {name!r} is already registered by "
                    f"{existing.fn.__module__}.{existing.fn.__qualname__}"
                )
        doc = (fn.__doc__ or "").strip().splitlines()
        _REGISTRY[name] = Benchmark(
            name=name,
            fn=fn,
            suites=suites_t,
            metrics=metrics_t,
            needs=needs_t,
            description=description if description is not None else (doc[0] if doc else ""),
            data_version=data_version,
        )
        return fn

    return register


def unregister(name: str) -> None:
    """Remove a benchmark (for tests and interactive use)."""
    _REGISTRY.pop(name, None)


def _load() -> None:
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    import havoc_eval.benchmarks  # noqa: F401 - registers the built-in benchmarks

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            ep.load()
        except Exception as exc:  # a broken plugin must not take the built-ins down
            import warnings

            warnings.warn(
                f"havoc-eval: could not load benchmark plugin {ep.name!r} ({ep.value}): {exc}",
                stacklevel=2,
            )


def all_benchmarks() -> dict[str, Benchmark]:
    """Every registered benchmark by name (built-ins plus entry-point plugins), sorted."""
    _load()
    return dict(sorted(_REGISTRY.items()))


def get_benchmark(name: str) -> Benchmark:
    """The benchmark called ``name``; an :class:`EvalError` names close matches otherwise."""
    registry = all_benchmarks()
    if name not in registry:
        import difflib

        close = difflib.get_close_matches(name, registry, n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise EvalError(f"unknown benchmark {name!r}{hint}; `havoc-eval list` shows them all")
    return registry[name]


def suites() -> dict[str, list[str]]:
    """Suite name -> the names of its benchmarks."""
    out: dict[str, list[str]] = {}
    for bench in all_benchmarks().values():
        for suite in bench.suites:
            out.setdefault(suite, []).append(bench.name)
    return out


def resolve(selection: Iterable[str]) -> list[Benchmark]:
    """Expand suite names and benchmark names into benchmarks, in order, without duplicates."""
    items = list(selection)
    if not items:
        raise EvalError("nothing to run: name a suite (smoke, domain) or benchmarks")
    by_suite = suites()
    chosen: dict[str, Benchmark] = {}
    for item in items:
        if not isinstance(item, str) or not item:
            raise EvalError(f"bad selection item {item!r}")
        if item in by_suite:
            for name in by_suite[item]:
                chosen.setdefault(name, get_benchmark(name))
        elif item in SUITES:
            raise EvalError(f"suite {item!r} has no benchmarks registered")
        else:
            chosen.setdefault(item, get_benchmark(item))
    return list(chosen.values())
