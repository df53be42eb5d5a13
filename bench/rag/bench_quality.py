"""Retrieval quality on the handbook: lexical, hashing, neural (MiniLM) and hybrid, both halves.

The labelled questions (havoc_rag/data/handbook_questions.jsonl) are split by position: the
even-numbered half tunes the hybrid fusion (``IndexConfig.doc_context`` and ``rrf_k``), the
odd-numbered half is held out. Metrics are document level (a note ranks at its best chunk).

    uv run python bench/rag/bench_quality.py          # writes bench/rag/quality.json
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import asdict, replace
from pathlib import Path

from _common import handbook_index
from havoc_rag import IndexConfig, handbook_questions
from havoc_rag.evaluation import evaluate

HERE = Path(__file__).parent


def tune(questions) -> tuple[IndexConfig, list[dict]]:
    """Grid over the fusion settings on the tuning half; best MRR, then recall@5."""
    table = []
    best = None
    for doc_context in (0.0, 0.25, 0.5):
        index = handbook_index("neural+hashing", IndexConfig(doc_context=doc_context))
        for rrf_k in (10, 30, 60):
            index.config = replace(index.config, rrf_k=rrf_k)
            s = evaluate(index, questions, "hybrid")
            row = {"doc_context": doc_context, "rrf_k": rrf_k, **s.to_dict()}
            table.append(row)
            key = (round(s.mrr, 6), round(s.recall_at_5, 6), doc_context, rrf_k)
            if best is None or key > best[0]:
                best = (key, index.config)
    assert best is not None
    return best[1], table


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=HERE / "quality.json")
    args = ap.parse_args()
    t0 = time.perf_counter()
    questions = handbook_questions()
    halves = {"tuning (even)": questions[0::2], "held-out (odd)": questions[1::2]}
    chosen, grid = tune(halves["tuning (even)"])
    print(f"chosen on the tuning half: doc_context={chosen.doc_context} rrf_k={chosen.rrf_k}")
    fused = handbook_index("neural+hashing", chosen)
    neural = handbook_index("neural", chosen)
    hashing = handbook_index("hashing", chosen)
    rows = {
        "lexical (BM25)": (fused, "lexical"),
        "dense hashing": (hashing, "dense"),
        "dense neural (MiniLM)": (neural, "dense"),
        "hybrid BM25 + hashing (previous default)": (hashing, "hybrid"),
        "hybrid BM25 + neural": (neural, "hybrid"),
        "hybrid BM25 + neural + hashing (default)": (fused, "hybrid"),
    }
    results = []
    for name, (index, mode) in rows.items():
        for half, qs in halves.items():
            s = evaluate(index, qs, mode)
            results.append({"retrieval": name, **s.to_dict(), "half": half})
    report = {
        "chunks": len(fused),
        "notes": len(fused.sources),
        "questions": len(questions),
        "chosen_config": asdict(chosen),
        "tuning_grid": grid,
        "results": results,
        "seconds": time.perf_counter() - t0,
    }
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print("| retrieval | questions | recall@5 | MRR | nDCG@10 |\n| --- | --- | --- | --- | --- |")
    for r in results:
        print(
            f"| {r['retrieval']} | {r['half']}, {r['questions']} | {r['recall@5']:.3f} "
            f"| {r['MRR']:.3f} | {r['nDCG@10']:.3f} |"
        )
    print(f"({report['seconds']:.0f} s)")


if __name__ == "__main__":
    main()
