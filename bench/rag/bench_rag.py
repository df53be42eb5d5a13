"""havoc-rag benchmark: retrieval quality on the handbook, then latency/throughput at scale.

Quality: the labelled handbook questions (havoc_rag/data/handbook_questions.jsonl) scored by
recall@5, MRR and nDCG@10 for lexical, dense and hybrid retrieval (document level) of an index on
the hashing embedder (the one this scale test uses); bench_quality.py compares it with the neural
default.

Scale: a synthetic collection of N chunks (default 100k) made from the real handbook chunks with
their lines shuffled and grouped into synthetic documents of 50 chunks. We time the index build
(chunks/s) and per-query latency (p50/p99) of faiss dense search (IVF as configured past the
threshold, and exact flat), hybrid and lexical search, against brute-force numpy inner product
over the same vectors, in the same run. We also report the IVF's recall@10 against the exact top 10.

    uv run python bench/rag/bench_rag.py            # full run (100k chunks)
    uv run python bench/rag/bench_rag.py --n 20000  # quicker
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
from havoc_rag import Chunk, Index, IndexConfig, chunk_paths, handbook_dir, handbook_questions
from havoc_rag.evaluation import evaluate

HERE = Path(__file__).parent


def quality() -> dict:
    index = Index.from_paths([handbook_dir()])
    questions = handbook_questions()
    out = {"chunks": len(index), "notes": len(index.sources), "questions": len(questions)}
    for name, subset in (("all", questions), ("held_out_odd", questions[1::2])):
        out[name] = {
            m: evaluate(index, subset, m).to_dict() for m in ("lexical", "dense", "hybrid")
        }
    return out


def synthetic_chunks(n: int, seed: int = 0) -> list[Chunk]:
    base, _ = chunk_paths([handbook_dir()])
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        src = base[int(rng.integers(len(base)))]
        lines = src.text.splitlines()
        order = rng.permutation(len(lines))
        text = "\n".join(lines[j] for j in order)
        out.append(Chunk(text, f"synthetic/doc{i // 50:05d}.md", src.heading_path, 1, len(lines)))
    return out


def pct(xs: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(xs) * 1000.0, q))


def scale(n: int, n_queries: int) -> dict:
    import faiss

    faiss.omp_set_num_threads(2)
    chunks = synthetic_chunks(n)
    questions = [q.question for q in handbook_questions()]
    queries = [questions[i % len(questions)] for i in range(n_queries)]

    t0 = time.perf_counter()
    index = Index.build(chunks, progress=True)
    build_s = time.perf_counter() - t0

    # the exact vectors the index holds, for brute force and an exact faiss baseline
    vectors = np.vstack([index._contextual_vectors(p) for p in index._source_batches(chunks)])
    flat = faiss.IndexFlatIP(vectors.shape[1])
    flat.add(vectors)
    qvecs = index.embedder.embed(queries)
    k = 10

    def timed(fn) -> tuple[list[float], list]:
        fn(0)  # warm-up
        times, results = [], []
        for i in range(n_queries):
            t = time.perf_counter()
            results.append(fn(i))
            times.append(time.perf_counter() - t)
        return times, results

    def brute(i):
        scores = vectors @ qvecs[i]
        top = np.argpartition(-scores, k)[:k]
        return set(top[np.argsort(-scores[top])].tolist())

    def exact_faiss(i):
        return set(flat.search(qvecs[i : i + 1], k)[1][0].tolist())

    def ivf(i):
        _, ids = index._dense.search(qvecs[i : i + 1], k)
        return {index._row_of[int(x)] for x in ids[0] if x >= 0}

    results = {}
    brute_t, brute_res = timed(brute)
    flat_t, _ = timed(exact_faiss)
    ivf_t, ivf_res = timed(ivf)
    dense_full_t, _ = timed(lambda i: index.search(queries[i], k=k, mode="dense"))
    lex_t, _ = timed(lambda i: index.search(queries[i], k=k, mode="lexical"))
    hyb_t, _ = timed(lambda i: index.search(queries[i], k=k, mode="hybrid"))
    recall = float(np.mean([len(a & b) / k for a, b in zip(ivf_res, brute_res, strict=True)]))
    for name, ts in (
        ("numpy brute force (vector only)", brute_t),
        ("faiss flat exact (vector only)", flat_t),
        (f"faiss {index.dense_kind} (vector only)", ivf_t),
        ("Index.search dense (embed + search)", dense_full_t),
        ("Index.search lexical (BM25)", lex_t),
        ("Index.search hybrid (embed + both + RRF)", hyb_t),
    ):
        results[name] = {"p50_ms": pct(ts, 50), "p99_ms": pct(ts, 99)}
    return {
        "chunks": n,
        "dim": index.embedder.dim,
        "dense_kind": index.dense_kind,
        "nprobe": IndexConfig().nprobe,
        "build_seconds": build_s,
        "build_chunks_per_s": n / build_s,
        "ivf_recall_at_10_vs_exact": recall,
        "queries": n_queries,
        "latency": results,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=100_000, help="synthetic chunks for the scale test")
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--out", type=Path, default=HERE / "results.json")
    args = ap.parse_args()
    report = {"quality": quality(), "scale": scale(args.n, args.queries)}
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    q = report["quality"]
    print(f"\nQuality ({q['questions']} questions, {q['notes']} notes, {q['chunks']} chunks)")
    for subset in ("all", "held_out_odd"):
        for m, r in q[subset].items():
            print(
                f"  {subset:13s} {m:8s} recall@5 {r['recall@5']:.3f}  MRR {r['MRR']:.3f}  "
                f"nDCG@10 {r['nDCG@10']:.3f}"
            )
    s = report["scale"]
    print(
        f"\nScale: {s['chunks']} chunks, dim {s['dim']}, {s['dense_kind']}; build "
        f"{s['build_seconds']:.1f} s = {s['build_chunks_per_s']:.0f} chunks/s; IVF recall@10 vs "
        f"exact {s['ivf_recall_at_10_vs_exact']:.3f}"
    )
    for name, r in s["latency"].items():
        print(f"  {name:42s} p50 {r['p50_ms']:8.2f} ms   p99 {r['p99_ms']:8.2f} ms")
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
