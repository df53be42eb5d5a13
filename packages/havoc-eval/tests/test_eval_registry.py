"""The benchmark registry: built-ins, the decorator's checks, suites, entry-point plugins."""

from __future__ import annotations

import importlib.metadata
import sys
import textwrap

import havoc_eval.registry as registry
import pytest
from havoc_eval import BenchmarkOutput, EvalError, Metric, benchmark, get_benchmark, resolve, suites

SMOKE = {
    "smoke.model",
    "smoke.tokenizer",
    "smoke.tools",
    "smoke.dsl",
    "smoke.retrieval",
    "smoke.server",
}
DOMAIN = {"domain.perplexity", "domain.generation", "domain.tools", "domain.retrieval"}


def test_builtin_suites_hold_every_part():
    by_suite = suites()
    assert SMOKE <= set(by_suite["smoke"])
    assert DOMAIN <= set(by_suite["domain"])
    assert get_benchmark("domain.perplexity").needs == ("checkpoint",)
    assert get_benchmark("domain.retrieval").needs == ("index",)
    assert get_benchmark("domain.tools").needs == ()
    info = get_benchmark("domain.retrieval").to_dict()
    assert "hybrid.recall@5" in info["metrics"] and info["description"]


def test_resolve_expands_suites_and_dedups():
    names = [b.name for b in resolve(["smoke.tools", "smoke", "domain.tools"])]
    assert names[0] == "smoke.tools"
    assert names.count("smoke.tools") == 1
    assert set(names) == SMOKE | {"domain.tools"} | (set(names) - SMOKE - {"domain.tools"})
    assert "domain.tools" in names


def test_unknown_names_are_clear_errors():
    with pytest.raises(EvalError, match="did you mean smoke.tools"):
        get_benchmark("smoke.tool")
    with pytest.raises(EvalError, match="nothing to run"):
        resolve([])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "Bad Name"}, "lowercase"),
        ({"name": "smoke"}, "clashes"),
        ({"name": "x.y", "needs": ["gpu"]}, "unknown need"),
        ({"name": "x.y", "suites": ["Not A Suite"]}, "bad suite"),
    ],
)
def test_decorator_rejects_bad_declarations(kwargs, message):
    name = kwargs.pop("name")
    with pytest.raises(EvalError, match=message):
        benchmark(name, **kwargs)


def test_register_run_and_clash():
    @benchmark("test_registry.answer", suites=["test_registry_suite"], metrics=["answer"])
    def answer(ctx):
        """The answer."""
        return BenchmarkOutput([Metric("answer", 42)])

    try:
        bench = get_benchmark("test_registry.answer")
        assert bench.description == "The answer." and bench.suites == ("test_registry_suite",)
        assert [b.name for b in resolve(["test_registry_suite"])] == ["test_registry.answer"]

        def other(ctx):
            return BenchmarkOutput([])

        with pytest.raises(EvalError, match="already registered"):
            benchmark("test_registry.answer")(other)
    finally:
        registry.unregister("test_registry.answer")
    with pytest.raises(EvalError):
        get_benchmark("test_registry.answer")


def test_metric_values_are_checked():
    with pytest.raises(EvalError, match="must be a number"):
        Metric("x", "1.0")
    with pytest.raises(EvalError, match="non-empty name"):
        Metric("", 1.0)


def test_entry_point_plugins_are_loaded(tmp_path, monkeypatch):
    (tmp_path / "havoc_eval_test_plugin.py").write_text(
        textwrap.dedent(
            '''
            from havoc_eval import BenchmarkOutput, Metric, benchmark

            @benchmark("plugin.echo", suites=["plugin_suite"], metrics=["one"])
            def echo(ctx):
                """A plugin benchmark."""
                return BenchmarkOutput([Metric("one", 1.0)])
            '''
        )
    )
    broken = importlib.metadata.EntryPoint(
        "broken", "no_such_module_xyz", registry.ENTRY_POINT_GROUP
    )
    good = importlib.metadata.EntryPoint(
        "echo", "havoc_eval_test_plugin", registry.ENTRY_POINT_GROUP
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(
        registry,
        "entry_points",
        lambda group: [good, broken] if group == registry.ENTRY_POINT_GROUP else [],
    )
    monkeypatch.setattr(registry, "_LOADED", False)
    try:
        with pytest.warns(UserWarning, match="broken"):
            names = registry.all_benchmarks()
        assert "plugin.echo" in names and "smoke.tools" in names
        from havoc_eval import run

        report = run(["plugin_suite"], show_progress=False)
        assert report.benchmarks[0].metrics[0]["value"] == 1.0
    finally:
        registry.unregister("plugin.echo")
        sys.modules.pop("havoc_eval_test_plugin", None)
