"""The smoke suite: one seconds-long check of every part of HAVOC.

Without a checkpoint, the model and tokenizer checks use a seeded two-layer random decoder and a
tokenizer trained on the handbook in-process, so the suite runs on a fresh machine (this is what
``.ci/run`` does).
"""

from __future__ import annotations

import math

from havoc_eval.benchmarks import _shared
from havoc_eval.context import EvalContext
from havoc_eval.errors import SkipBenchmark
from havoc_eval.registry import BenchmarkOutput, Metric, benchmark

ROUND_TRIP_TEXTS = (
    "Cpk ≥ 1.33 at 20 °C; σ = 0.012 mm, x² − 1 and ½ inch",
    "def control_limits(x):\n\treturn x.mean() ± 3 * sigma  # tabs and  double spaces",
    "Welch's t-test (unequal variances): t = -1.8608, df = 17.776, p = 0.07939",
    "量具重复性 — gauge R&R 🙂 with NUL\x00 and \r\n line ends",
    "<SRS_PLAN> is plain text here, not a marker",
)


@benchmark(
    "smoke.model",
    suites=["smoke"],
    metrics=["forward_finite", "cache_agreement"],
    description="Forward pass is finite; KV-cache greedy decoding equals full recomputation.",
)
def model_forward_generate(ctx: EvalContext) -> BenchmarkOutput:
    import torch
    from havoc_model import GenerationConfig, generate

    model = _shared.smoke_model(ctx)
    vocab = model.config.vocab_size
    device = next(model.parameters()).device
    gen = torch.Generator().manual_seed(ctx.seed)
    prompt = torch.randint(64, vocab, (1, 12), generator=gen).tolist()[0]
    with torch.inference_mode():
        logits = model(torch.tensor([prompt], device=device))
    finite = bool(torch.isfinite(logits).all()) and tuple(logits.shape) == (1, len(prompt), vocab)
    steps = 16
    cached = [
        ev.token_id
        for ev in generate(model, [prompt], GenerationConfig(max_new_tokens=steps, greedy=True))
    ]
    # the same greedy decode without a cache: recompute the whole sequence at every step
    seq = list(prompt)
    reference: list[int] = []
    with torch.inference_mode():
        for _ in range(len(cached)):
            nxt = int(model(torch.tensor([seq], device=device))[0, -1].float().argmax())
            reference.append(nxt)
            seq.append(nxt)
    agree = sum(a == b for a, b in zip(cached, reference, strict=True)) / max(1, len(cached))
    return BenchmarkOutput(
        [
            Metric("forward_finite", float(finite), description="logits finite, shape right"),
            Metric("cache_agreement", agree, description="share of greedy tokens equal"),
        ],
        details={"prompt_ids": prompt, "generated_ids": cached, "recomputed_ids": reference},
        data_version=f"seed-{ctx.seed}-prompt",
    )


@benchmark(
    "smoke.tokenizer",
    suites=["smoke"],
    metrics=["round_trip_exact", "reserved_ids_fixed"],
    description="decode(encode(x)) == normalize(x) on hard strings; reserved ids are the documented ones.",
)
def tokenizer_round_trip(ctx: EvalContext) -> BenchmarkOutput:
    tok = _shared.smoke_tokenizer(ctx)
    exact = 0
    failures = []
    for text in ROUND_TRIP_TEXTS:
        back = tok.decode(tok.encode(text))
        if back == tok.normalize(text):
            exact += 1
        else:
            failures.append({"text": text, "decoded": back})
    documented = {
        "<pad>": 0,
        "<s>": 1,
        "</s>": 2,
        "<SRS_MODE>": 4,
        "<DSL_BEGIN>": 12,
        "<|end|>": 22,
    }
    fixed = all(tok.special_tokens.get(k) == v for k, v in documented.items())
    return BenchmarkOutput(
        [
            Metric("round_trip_exact", exact / len(ROUND_TRIP_TEXTS)),
            Metric("reserved_ids_fixed", float(fixed)),
        ],
        details={"failures": failures, "vocab_size": tok.vocab_size},
        data_version=_shared.fingerprint("round-trip-strings", list(ROUND_TRIP_TEXTS)),
    )


@benchmark(
    "smoke.tools",
    suites=["smoke"],
    metrics=["checks_passed"],
    description="A havoc-tools call (Welch t-test on the sleep data) against R's printed values.",
)
def tools_call(ctx: EvalContext) -> BenchmarkOutput:
    from havoc_eval import references

    checks = references.CASES[0]()
    return BenchmarkOutput(
        [Metric("checks_passed", sum(c.passed for c in checks) / len(checks))],
        details={"checks": [c.to_dict() for c in checks]},
        data_version=references.DATA_VERSION,
    )


DSL_PROGRAM = """\
data drug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
data drug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]
let paired = ttest drug1 vs drug2 paired=true
let gauss = integrate exp(-x^2) wrt x from -oo to oo
"""


@benchmark(
    "smoke.dsl",
    suites=["smoke"],
    metrics=["statements_ok", "values_match"],
    description="A DSL program (paired t-test, a definite integral) runs and gives the reference values.",
)
def dsl_program(ctx: EvalContext) -> BenchmarkOutput:
    from havoc_tools.dsl import run

    result = run(DSL_PROGRAM)
    statements = result.results
    ok = result.ok and len(statements) == 4
    values = {s.name: s.result for s in statements if s.name in ("paired", "gauss")}
    expected = [
        (values.get("paired", {}).get("statistic"), -4.0621, 5e-5),  # R t.test, paired
        (values.get("gauss", {}).get("numeric"), math.sqrt(math.pi), 1e-9),
    ]
    match = sum(v is not None and abs(v - ref) <= tol for v, ref, tol in expected) / len(expected)
    return BenchmarkOutput(
        [Metric("statements_ok", float(ok)), Metric("values_match", match)],
        details={"program": DSL_PROGRAM, "error": str(result.error) if result.error else None},
        data_version=_shared.fingerprint("dsl-program", [DSL_PROGRAM]),
    )


SMOKE_QUERIES = (
    ("two machines with different scatter, compare their mean diameter", "welch-t-test"),
    ("same shafts measured before and after heat treatment", "paired-t-test"),
    ("how much of the observed variation comes from the measurement system", "gage-rr"),
)


@benchmark(
    "smoke.retrieval",
    suites=["smoke"],
    metrics=["hit@5"],
    needs=["index"],
    description="Three handbook questions find their note in the top 5 (hybrid retrieval).",
)
def retrieval(ctx: EvalContext) -> BenchmarkOutput:
    from havoc_rag.evaluation import document_ranking

    index = ctx.index
    hits, ranks = 0, {}
    for question, slug in SMOKE_QUERIES:
        ranked = document_ranking(index, question, "hybrid")
        ranks[question] = ranked[:5]
        hits += slug in ranked[:5]
    return BenchmarkOutput(
        [Metric("hit@5", hits / len(SMOKE_QUERIES))],
        details={"top5": ranks},
        data_version=_shared.fingerprint("smoke-queries", [q for q, _ in SMOKE_QUERIES]),
    )


@benchmark(
    "smoke.server",
    suites=["smoke"],
    metrics=["endpoints_ok"],
    description="The server app in-process: /health, /v1/models and a completion (needs havoc-server).",
)
def server_in_process(ctx: EvalContext) -> BenchmarkOutput:
    # havoc-eval must not depend on havoc-server (docs/ARCHITECTURE.md §2): run only where it is installed.
    try:
        from fastapi.testclient import TestClient
        from havoc_server.app import create_app
    except ImportError as exc:
        raise SkipBenchmark(f"havoc-server (and httpx) not installed here: {exc}") from exc
    app = create_app(_shared.smoke_model(ctx), _shared.smoke_tokenizer(ctx))
    checks: dict[str, bool] = {}
    with TestClient(app) as client:
        health = client.get("/health")
        checks["GET /health"] = health.status_code == 200
        models = client.get("/v1/models")
        checks["GET /v1/models"] = models.status_code == 200 and bool(models.json().get("data"))
        model_id = models.json()["data"][0]["id"] if checks["GET /v1/models"] else "havoc"
        done = client.post(
            "/v1/completions",
            json={"model": model_id, "prompt": "The mean", "max_tokens": 4, "temperature": 0},
        )
        checks["POST /v1/completions"] = done.status_code == 200 and "choices" in done.json()
        bad = client.post("/v1/completions", json={"model": model_id, "max_tokens": -1})
        checks["bad request -> 4xx"] = 400 <= bad.status_code < 500
    return BenchmarkOutput(
        [Metric("endpoints_ok", sum(checks.values()) / len(checks))],
        details={"checks": checks},
        data_version="server-endpoints/1",
    )
