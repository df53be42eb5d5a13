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
    report = run(["domain"], show_progress=False)
    results = _by_name(report)
    for name in ("domain.perplexity", "domain.generation"):
        assert results[name].status == "skipped"
        assert "--checkpoint" in results[name].reason
        assert results[name].metrics == []
    assert results["domain.tools"].status == "ok"
    assert _values(report)[("domain.tools", "pass_rate")] == 1.0
    retrieval = _values(report)
    # the published havoc-rag figures for the bundled handbook (BENCHMARKS.md, RAG section)
    assert retrieval[("domain.retrieval", "hybrid.recall@5")] > 0.9
    assert 0 < retrieval[("domain.retrieval", "lexical.MRR")] <= 1


def test_domain_with_checkpoint_is_deterministic(tiny_checkpoint, tmp_path):
    first = run(
        ["domain.perplexity", "domain.generation"],
        checkpoint=tiny_checkpoint,
        seed=7,
        show_progress=False,
        out_dir=tmp_path / "a",
    )
    second = run(
        ["domain.perplexity", "domain.generation"],
        checkpoint=tiny_checkpoint,
        seed=7,
        show_progress=False,
    )
    assert all(b.status == "ok" for b in first.benchmarks), [b.reason for b in first.benchmarks]
    assert _values(first) == _values(second)
    samples = _by_name(first)["domain.generation"].details["samples"]
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
