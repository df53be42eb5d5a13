"""report.json schema, report.md contents, and loading/validation errors."""

from __future__ import annotations

import json

import pytest
from havoc_eval import SCHEMA, EvalError, load_report, run, validate_report


@pytest.fixture(scope="module")
def written(tmp_path_factory, tiny_checkpoint):
    out = tmp_path_factory.mktemp("report")
    report = run(
        [
            "smoke.tools",
            "domain.tools",
            "domain.retrieval",
            "domain.generation",
            "domain.perplexity",
        ],
        checkpoint=tiny_checkpoint,
        limit=30,
        out_dir=out,
        seed=5,
        show_progress=False,
    )
    return report, out


def test_report_json_carries_every_metric_with_provenance(written):
    report, out = written
    data = json.loads((out / "report.json").read_text())
    validate_report(data)
    assert data["schema"] == SCHEMA and data["seed"] == 5
    assert data["checkpoint"] and data["environment"]["havoc-eval"]
    assert data["summary"] == {"ok": 5, "skipped": 0, "error": 0}
    assert len(data["metrics"]) == sum(len(b["metrics"]) for b in data["benchmarks"]) > 10
    for m in data["metrics"]:
        assert set(m) >= {
            "benchmark",
            "name",
            "value",
            "unit",
            "higher_is_better",
            "data_version",
            "seed",
            "duration_s",
        }
        assert m["seed"] == 5 and m["duration_s"] >= 0 and m["data_version"]
    versions = {m["benchmark"]: m["data_version"] for m in data["metrics"]}
    assert versions["domain.retrieval"].startswith("handbook-questions/havoc-rag-")
    assert versions["domain.perplexity"].startswith("heldout/1@sha256:")
    assert versions["domain.retrieval"].endswith("+subset-30-of-75")
    assert data["limit"] == 30
    assert load_report(out)["metrics"] == data["metrics"]


def test_report_md_is_a_table_with_plots_and_samples(written):
    report, out = written
    md = (out / "report.md").read_text()
    assert "| benchmark | metric | value |" in md
    assert "| domain.tools | pass_rate | 1 |" in md
    assert "hybrid.recall@5" in md
    assert "![domain.retrieval](plots/retrieval.png)" in md
    assert (out / "plots" / "retrieval.png").stat().st_size > 1000
    assert "## Samples (domain.generation)" in md
    assert "The two-sample t-test compares" in md


def test_skipped_benchmarks_are_listed_with_their_reason(tmp_path):
    run(["domain.perplexity"], out_dir=tmp_path, show_progress=False)
    data = load_report(tmp_path / "report.json")
    assert data["metrics"] == [] and data["benchmarks"][0]["status"] == "skipped"
    assert "needs a checkpoint" in (tmp_path / "report.md").read_text()


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(schema="other/9"), "schema"),
        (lambda d: d.pop("metrics"), "metrics"),
        (lambda d: d["metrics"][0].pop("data_version"), "data_version"),
        (lambda d: d["metrics"][0].update(value="high"), "value"),
        (lambda d: d["metrics"][0].update(higher_is_better="yes"), "higher_is_better"),
        (lambda d: d["benchmarks"][0].update(status="great"), "status"),
    ],
)
def test_validation_names_the_problem(written, mutate, message):
    _, out = written
    data = json.loads((out / "report.json").read_text())
    mutate(data)
    with pytest.raises(EvalError, match=message):
        validate_report(data)


def test_load_report_errors(tmp_path):
    with pytest.raises(EvalError, match="no report"):
        load_report(tmp_path / "missing")
    bad = tmp_path / "report.json"
    bad.write_text("{not json")
    with pytest.raises(EvalError, match="not valid JSON"):
        load_report(bad)
