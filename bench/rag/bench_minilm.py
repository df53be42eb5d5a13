"""MiniLMEmbedder speed: load time, one short question after warm-up, and passage throughput.

Threads are left as the process has them (no global thread settings); the machine's load
average is printed with the figures because on shared cores it dominates the spread.

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

    for q in QUESTIONS * 5:  # warm-up
        embedder.encode([q])
    times = []
    for i in range(args.queries):
        q = QUESTIONS[i % len(QUESTIONS)]
        t = time.perf_counter()
        embedder.encode([q])
        times.append(time.perf_counter() - t)
    ms = np.asarray(times) * 1000

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
