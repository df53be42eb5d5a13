"""How long the question reader takes: model load once per process, then per question.

The reader is MODE's part of the pipeline that generalises (the cue rules, column grounding,
inline numbers and the embedding classifier), measured on the corpus questions with their
tables, after one warm-up question: wall clock, and the CPU time of the measuring thread (the
embedder's BLAS runs on it), which a busy machine does not inflate by the wait for a core. Compared with the phrasing grammar (the Earley parser the
engineering families still use) on the same questions, as the named peer.

    uv run python bench/srs/bench_reader.py [--n 200]
"""

from __future__ import annotations

import argparse
import statistics
import time

from eval_corpus import load, read_table


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    args = ap.parse_args()
    t0 = time.perf_counter()
    from havoc_srs.data import load_data
    from havoc_srs.mode import decide_mode
    from havoc_srs.phrasing import Phrasing, read_phrasing
    from havoc_srs.reader import read
    from havoc_srs.reader.classifier import FamilyClassifier
    from havoc_srs.reader.decide import choose_family

    FamilyClassifier.shared()
    load_s = time.perf_counter() - t0
    items = load()[: args.n]
    tables = {it.get("table"): load_data(read_table(it.get("table"))) for it in items}
    q0 = items[0]
    read(q0["question"], tables[q0.get("table")])
    reader_ms, reader_cpu_ms, grammar_ms = [], [], []
    for it in items:
        ds = tables[it.get("table")]
        t, c = time.perf_counter(), time.thread_time()
        r = read(it["question"], ds)
        choose_family(decide_mode(it["question"], Phrasing(), ds), r, ds)
        reader_cpu_ms.append((time.thread_time() - c) * 1000)
        reader_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        read_phrasing(it["question"] + " ")  # a fresh parse (the cache keys on the text)
        grammar_ms.append((time.perf_counter() - t) * 1000)
    q = statistics.quantiles(reader_ms, n=20)
    g = statistics.quantiles(grammar_ms, n=20)
    print(f"load (embedder + classifier, cached fit): {load_s:.2f} s")
    print(
        f"reader per question: median {statistics.median(reader_ms):.1f} ms, p95 {q[18]:.1f} ms (n={len(items)})"
    )
    qc = statistics.quantiles(reader_cpu_ms, n=20)
    print(
        f"reader CPU time of the thread: median {statistics.median(reader_cpu_ms):.1f} ms, "
        f"p95 {qc[18]:.1f} ms (independent of other jobs waiting for the cores)"
    )
    print(f"phrasing grammar:    median {statistics.median(grammar_ms):.1f} ms, p95 {g[18]:.1f} ms")
    print(
        f"ratio grammar/reader (median): {statistics.median(grammar_ms) / statistics.median(reader_ms):.2f}x"
    )


if __name__ == "__main__":
    main()
