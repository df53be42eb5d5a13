"""MiniLMEmbedder speed: load time, one short question after warm-up, and passage throughput.

A short question runs with BLAS limited to one thread (havoc_rag.minilm._SingleThreadBlas); the
same questions are also timed through the column-block path (the fallback without threadpoolctl,
and the default before), interleaved with the first so both see the same load. One question is
profiled stage by stage (tokenisation, embeddings, each encoder layer's parts, pooling). The
machine's load average is printed with the figures because on shared cores it dominates.

    uv run python bench/rag/bench_minilm.py           # writes bench/rag/minilm.json
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
QUESTIONS = [
    "my two groups have different spread, which t-test?",
    "What is the capital of France?",
    "how do I compute Cpk with spec limits 10 and 12?",
    "is my gauge good enough for this tolerance?",
]


def stage_profile(embedder, minilm, question: str, repeats: int = 200) -> dict[str, float]:
    """Median ms per question of each stage of the forward pass (BLAS on one thread).

    Layer parts are summed over the 6 layers; "encoder (6 layers)" is their total as timed.
    """
    totals: dict[str, list[float]] = {}
    e = embedder
    for _ in range(repeats):
        current: dict[str, float] = {}

        def timed(name, fn, *a, current=current, **kw):
            t = time.perf_counter()
            out = fn(*a, **kw)
            current[name] = current.get(name, 0.0) + (time.perf_counter() - t) * 1000
            return out

        ids = np.asarray(timed("tokenise", e.tokenize, [question]), dtype=np.int64)
        with minilm._single_thread_blas:

            def embed(ids):
                n = ids.shape[1]
                x = e.word[ids] + (e.position[:n] + e.token_type0)
                return minilm._layer_norm(x.reshape(n, e.dim), e.emb_ln_w, e.emb_ln_b, e.eps)

            x = timed("embeddings + LayerNorm", embed, ids)
            start = time.perf_counter()
            for layer in e.layers:
                x = _layer(e, minilm, layer, x, timed)
            current["encoder (6 layers)"] = (time.perf_counter() - start) * 1000

            def pool(x):
                v = x.mean(axis=0)
                return v / np.linalg.norm(v)

            timed("pooling + normalise", pool, x)
        for name, value in current.items():
            totals.setdefault(name, []).append(value)
    return {name: float(np.median(v)) for name, v in totals.items()}


def _layer(e, minilm, layer, x, timed):
    """One encoder layer (as ``MiniLMEmbedder._encoder`` runs it), timing its parts."""
    t, h = x.shape
    nh = e.n_heads
    qkv = timed("layers: QKV projection", minilm._linear, x, layer.w_qkv, layer.b_qkv, blocks=False)

    def attention(qkv):
        q, k, v = qkv.reshape(1, t, 3, nh, h // nh).transpose(2, 0, 3, 1, 4)
        scores = np.matmul(q, k.transpose(0, 1, 3, 2)) * np.float32(1 / np.sqrt(h // nh))
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=-1, keepdims=True)
        return np.matmul(scores, v).transpose(0, 2, 1, 3).reshape(t, h)

    context = timed("layers: attention (scores, softmax, context)", attention, qkv)
    out = timed(
        "layers: output projection", minilm._linear, context, layer.w_o, layer.b_o, blocks=False
    )
    x = timed("layers: LayerNorms", minilm._layer_norm, out + x, layer.ln1_w, layer.ln1_b, e.eps)
    inner = timed("layers: FFN in", minilm._linear, x, layer.w_in, layer.b_in, blocks=False)
    inner = timed("layers: GELU", minilm._gelu, inner)
    out = timed("layers: FFN out", minilm._linear, inner, layer.w_out, layer.b_out, blocks=False)
    return timed("layers: LayerNorms", minilm._layer_norm, out + x, layer.ln2_w, layer.ln2_b, e.eps)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--out", type=Path, default=HERE / "minilm.json")
    args = ap.parse_args()
    load_before = os.getloadavg()

    t0 = time.perf_counter()
    from havoc_rag import MiniLMEmbedder  # the import is part of a cold start

    t1 = time.perf_counter()
    embedder = MiniLMEmbedder()
    t2 = time.perf_counter()

    import havoc_rag.minilm as minilm

    guard = minilm._single_thread_blas

    def single(q: str) -> None:
        embedder.encode([q])

    def blocked(q: str) -> None:
        guard.available = False  # the column-block path, as without threadpoolctl
        try:
            embedder.encode([q])
        finally:
            guard.available = True

    for q in QUESTIONS * 5:  # warm-up (and the guard's first-use setup)
        embedder.encode([q])
        blocked(q)
    times, block_times, cpu, block_cpu = [], [], [], []
    for i in range(args.queries):
        q = QUESTIONS[i % len(QUESTIONS)]
        order = ((times, cpu, single), (block_times, block_cpu, blocked))
        for sink, cpu_sink, run in order if i % 2 else order[::-1]:
            c = time.thread_time()  # this thread's CPU time: BLAS runs in it (one thread)
            t = time.perf_counter()
            run(q)
            sink.append(time.perf_counter() - t)
            cpu_sink.append(time.thread_time() - c)
    ms = np.asarray(times) * 1000
    block_ms = np.asarray(block_times) * 1000
    profile = stage_profile(embedder, minilm, QUESTIONS[0])
    from havoc_rag import chunk_paths, handbook_dir

    chunks, _ = chunk_paths([handbook_dir()])
    texts = [c.embed_text for c in chunks]
    tokens = sum(len(ids) for ids in embedder.tokenize(texts))
    t = time.perf_counter()
    embedder.encode(texts)
    passages_s = time.perf_counter() - t

    report = {
        "import_s": t1 - t0,
        "load_s": t2 - t1,
        "query_ms": {
            "p50": float(np.percentile(ms, 50)),
            "p90": float(np.percentile(ms, 90)),
            "p99": float(np.percentile(ms, 99)),
            "min": float(ms.min()),
        },
        "query_ms_column_blocks": {
            "p50": float(np.percentile(block_ms, 50)),
            "p90": float(np.percentile(block_ms, 90)),
            "p99": float(np.percentile(block_ms, 99)),
            "min": float(block_ms.min()),
        },
        "query_cpu_ms_p50": float(np.median(cpu) * 1000),
        "query_cpu_ms_p50_column_blocks": float(np.median(block_cpu) * 1000),
        "profile_ms_median_of_200": profile,
        "queries": args.queries,
        "handbook_chunks": len(texts),
        "handbook_tokens": tokens,
        "handbook_encode_s": passages_s,
        "tokens_per_s": tokens / passages_s,
        "loadavg_before": load_before,
        "loadavg_after": os.getloadavg(),
        "cpus": os.cpu_count(),
    }
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
