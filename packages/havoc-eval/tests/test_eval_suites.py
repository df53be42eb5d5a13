"""Each suite runs end to end, with and without a checkpoint, deterministically."""

from __future__ import annotations

import math

import pytest
import torch
from havoc_eval import run
from havoc_eval.scoring import score_texts


def _by_name(report):
    return {b.name: b for b in report.benchmarks}


def _values(report):
    return {(m["benchmark"], m["name"]): m["value"] for m in report.metrics()}


def test_smoke_without_checkpoint_checks_every_part():
    report = run(["smoke"], show_progress=False, seed=3)
    results = _by_name(report)
    for name, b in results.items():
        if name == "smoke.server" and b.status == "skipped":
            assert "havoc-server" in b.reason  # only where the server app is not installed
            continue
        assert b.status == "ok", (name, b.reason, b.details.get("traceback"))
        assert all(m["value"] == 1.0 for m in b.metrics), (name, b.metrics)


def test_smoke_with_checkpoint_uses_it(tiny_checkpoint):
    report = run(
        ["smoke.model", "smoke.tokenizer"], checkpoint=tiny_checkpoint, show_progress=False
    )
    results = _by_name(report)
    assert all(b.status == "ok" for b in results.values())
    assert results["smoke.tokenizer"].details["vocab_size"] == 512
    assert _values(report)[("smoke.model", "cache_agreement")] == 1.0


def test_domain_without_checkpoint_skips_cleanly():
    from havoc_rag import default_index, handbook_questions
    from havoc_rag.evaluation import evaluate

    report = run(["domain"], show_progress=False, limit=20)
    results = _by_name(report)
    for name in ("domain.perplexity", "domain.generation"):
        assert results[name].status == "skipped"
        assert "--checkpoint" in results[name].reason
        assert results[name].metrics == []
    for name in ("domain.tools", "domain.retrieval", "domain.srs"):
        assert results[name].status == "ok", (name, results[name].reason)
    values = _values(report)
    assert values[("domain.tools", "pass_rate")] == 1.0  # tools need no subset: all 27 checks
    assert values[("domain.tools", "checks")] == 27
    # retrieval on the first 20 labelled questions, as havoc-rag scores them itself
    ref = evaluate(default_index(), handbook_questions()[:20], "hybrid")
    assert values[("domain.retrieval", "hybrid.recall@5")] == pytest.approx(ref.recall_at_5)
    assert values[("domain.retrieval", "hybrid.nDCG@10")] == pytest.approx(ref.ndcg_at_10)
    assert "+subset-20-of-" in results["domain.retrieval"].data_version
    # the SRS subset covers every family of the task set
    from havoc_srs.tasks import load_tasks

    families = {t["family"] for t in load_tasks()}
    assert values[("domain.srs", "tasks")] == 20
    assert {k[1].removesuffix(".accuracy") for k in values if k[0] == "domain.srs"} >= families
    assert 0 <= values[("domain.srs", "accuracy")] <= 1


def test_subset_is_round_robin_over_groups():
    from havoc_eval import EvalContext

    items = [("a", i) for i in range(5)] + [("b", i) for i in range(3)] + [("c", 0)]
    ctx = EvalContext(limit=5)
    picked = ctx.subset(items, key=lambda x: x[0])
    assert picked == [("a", 0), ("a", 1), ("b", 0), ("b", 1), ("c", 0)]
    assert EvalContext().subset(items) == items
    assert ctx.subset(items) == items[:5]
    assert ctx.versioned("v1", 5, 9) == "v1+subset-5-of-9" and ctx.versioned("v1", 9, 9) == "v1"


def test_domain_with_checkpoint_is_deterministic(tiny_checkpoint, tmp_path):
    selection = ["domain.perplexity", "domain.generation", "domain.srs"]
    first = run(
        selection,
        checkpoint=tiny_checkpoint,
        seed=7,
        limit=10,
        show_progress=False,
        out_dir=tmp_path / "a",
    )
    second = run(selection, checkpoint=tiny_checkpoint, seed=7, limit=10, show_progress=False)
    assert all(b.status == "ok" for b in first.benchmarks), [b.reason for b in first.benchmarks]
    assert _values(first) == _values(second)
    samples = _by_name(first)["domain.generation"].details["samples"]
    assert _by_name(first)["domain.srs"].details["model"] is True  # the model was the generator
    assert len(samples) == 8 and all(isinstance(s["completion"], str) for s in samples)
    assert (tmp_path / "a" / "plots" / "perplexity_bits_per_byte.png").stat().st_size > 0


def test_bits_per_byte_of_a_uniform_model_is_log2_vocab_per_byte(tiny_checkpoint):
    """Independent reference: zero (tied) embeddings give all-zero logits, a uniform distribution,
    so every token costs exactly log2(V) bits whatever the windowing."""
    from havoc_model import HavocModel
    from havoc_tokenizer import HavocTokenizer

    model = HavocModel.from_pretrained(tiny_checkpoint).eval()
    with torch.no_grad():
        for p in model.parameters():
            p.zero_()
    tok = HavocTokenizer.from_pretrained(tiny_checkpoint / "tokenizer")
    text = "Short-run SPC charts plot deviation from nominal so parts share one chart. " * 8
    (score,) = score_texts(model, tok, [text], max_len=32)
    n = len(tok.encode(text))
    assert n > 64  # several rolling windows
    assert score.tokens == n
    assert score.logprob == pytest.approx(-n * math.log(tok.vocab_size), rel=1e-6)
    assert score.bits_per_byte == pytest.approx(n * math.log2(tok.vocab_size) / len(text.encode()))
    assert score.perplexity == pytest.approx(tok.vocab_size, rel=1e-6)


def test_a_failing_benchmark_is_reported_not_raised(monkeypatch):
    from havoc_eval import benchmark
    from havoc_eval.registry import unregister

    @benchmark("test_suites.broken", metrics=["x"])
    def broken(ctx):
        raise RuntimeError("boom")

    try:
        report = run(["test_suites.broken", "smoke.tools"], show_progress=False)
    finally:
        unregister("test_suites.broken")
    results = _by_name(report)
    assert results["test_suites.broken"].status == "error"
    assert "RuntimeError: boom" in results["test_suites.broken"].reason
    assert results["smoke.tools"].status == "ok"
    assert len(report.failed) == 1
