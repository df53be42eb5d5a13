"""Retrieval quality on the handbook: lexical, hashing, neural (MiniLM) and hybrid, both halves.

The labelled questions (havoc_rag/data/handbook_questions.jsonl) are split by position: the
even-numbered half tunes the hybrid index, the odd-numbered half is held out and scored once with
the chosen settings. The grid (all choices made on the tuning half only):

- chunk text: with or without the note's lead paragraph (``IndexConfig.chunk_lead``; the
  title and section headings are always there),
- fusion level: ``"document"`` (note rankings fused) or ``"chunk"``,
- MiniLM's RRF weight (``dense_weight``: 0.5 or 1; BM25 and hashing weigh 1),
- ``doc_context`` (0 or 0.5) and ``rrf_k`` (30 or 60).

Best tuning MRR wins, then recall@5, then nDCG@10, then the larger ``rrf_k`` and
``doc_context``. The tuned settings and the shipped defaults (``havoc_rag.handbook_config()``) are
then scored on both halves; the held-out half is the one-shot check of whether the tuned settings
should replace the defaults. Metrics are document level (a note ranks at its best chunk).

    uv run python bench/rag/bench_quality.py          # writes bench/rag/quality.json
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from dataclasses import asdict, replace
from pathlib import Path

from _common import handbook_index
from havoc_rag import IndexConfig, handbook_config, handbook_questions
from havoc_rag.evaluation import evaluate

HERE = Path(__file__).parent


def tune(questions) -> tuple[IndexConfig, list[dict]]:
    """The grid above on the tuning half; returns the best config and the table."""
    table = []
    best = None
    for lead, doc_context in itertools.product((False, True), (0.0, 0.5)):
        config = IndexConfig(chunk_lead=lead, doc_context=doc_context)
        index = handbook_index("neural+hashing", config)
        for fusion, dense_weight, rrf_k in itertools.product(
            ("chunk", "document"), (0.5, 1.0), (30, 60)
        ):
            index.config = replace(config, fusion=fusion, dense_weight=dense_weight, rrf_k=rrf_k)
            s = evaluate(index, questions, "hybrid")
            table.append({**asdict(index.config), **s.to_dict()})
            key = (round(s.mrr, 6), round(s.recall_at_5, 6), round(s.ndcg_at_10, 6))
            key += (rrf_k, doc_context)
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
    default = handbook_config()
    print(
        f"chosen on the tuning half: chunk_lead={chosen.chunk_lead} fusion={chosen.fusion} "
        f"dense_weight={chosen.dense_weight} doc_context={chosen.doc_context} "
        f"rrf_k={chosen.rrf_k}; havoc_rag.handbook_config() "
        f"{'is the same' if chosen == default else 'differs'}"
    )
    shipped = handbook_index("neural+hashing", default)
    tuned = handbook_index("neural+hashing", chosen)
    neural = handbook_index("neural", default)
    hashing = handbook_index("hashing", default)
    rows = {
        "lexical (BM25)": (shipped, "lexical"),
        "lexical (BM25), tuned chunk text": (tuned, "lexical"),
        "dense hashing": (hashing, "dense"),
        "dense neural (MiniLM)": (neural, "dense"),
        "hybrid BM25 + hashing": (hashing, "hybrid"),
        "hybrid BM25 + neural": (neural, "hybrid"),
        "hybrid BM25 + neural + hashing (default)": (shipped, "hybrid"),
        "hybrid BM25 + neural + hashing, tuned on the even half": (tuned, "hybrid"),
    }
    results = []
    for name, (index, mode) in rows.items():
        for half, qs in halves.items():
            s = evaluate(index, qs, mode)
            results.append({"retrieval": name, **s.to_dict(), "half": half})
    report = {
        "chunks": len(shipped),
        "notes": len(shipped.sources),
        "questions": len(questions),
        "chosen_config": asdict(chosen),
        "default_config": asdict(default),
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
