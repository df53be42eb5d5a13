"""Re-derive havoc_rag.relevance's thresholds and report their precision/recall on a held-out half.

Labelled pairs on the bundled handbook index (default settings), scored by the dense cosine a
hit would carry (``Hit.dense_score``; a note scores its best chunk):

- relevant: each handbook question with each of its gold notes;
- irrelevant: each off-topic query (havoc_rag/data/off_topic_queries.txt) with its top note,
  and each handbook question with its best-scoring note that is not a gold note.

The threshold is chosen for the decision it serves, "is any note relevant to this query?": it
maximises the balanced accuracy of that decision on the even-numbered handbook questions (gold
note kept) and off-topic queries (no hit kept), taking the middle of the best plateau. The
odd-numbered ones are held out. Reported on both halves: pair precision/recall/F1 and the two
per-query rates.

    uv run python bench/rag/calibrate_relevance.py    # writes bench/rag/relevance.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path, PurePosixPath

import numpy as np
from _common import handbook_index
from havoc_rag import Index, clean_query, handbook_questions, off_topic_queries

HERE = Path(__file__).parent


def note_scores(index: Index, queries: list[str]) -> tuple[np.ndarray, list[str]]:
    """``[query, note]`` best-chunk dense cosine, exactly as search scores hits (flat index)."""
    vectors, ids = index._flat_vectors()
    rows = np.asarray([index._row_of[int(i)] for i in ids])
    by_row = np.empty_like(vectors)
    by_row[rows] = vectors
    notes = sorted({PurePosixPath(c.source).stem for c in index.chunks})
    note_of = np.asarray([notes.index(PurePosixPath(c.source).stem) for c in index.chunks])
    q = index.embedder.embed([clean_query(x) or x for x in queries])
    cos = q @ by_row.T
    out = np.full((len(queries), len(notes)), -np.inf, dtype=np.float32)
    for j in range(len(notes)):
        out[:, j] = cos[:, note_of == j].max(axis=1)
    return out, notes


def pairs(index: Index, questions, off_topic: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Scores and labels (1 relevant, 0 irrelevant) of the labelled pairs."""
    scores, labels = [], []
    q_scores, notes = note_scores(index, [q.question for q in questions])
    for q, row in zip(questions, q_scores, strict=True):
        gold = [notes.index(s) for s in q.relevant]
        for j in gold:
            scores.append(row[j])
            labels.append(1)
        others = np.delete(row, gold)
        scores.append(others.max())
        labels.append(0)
    o_scores, _ = note_scores(index, off_topic)
    scores.extend(o_scores.max(axis=1))
    labels.extend([0] * len(off_topic))
    return np.asarray(scores, dtype=np.float64), np.asarray(labels)


def prf(scores: np.ndarray, labels: np.ndarray, t: float) -> dict[str, float]:
    keep = scores >= t
    tp = int(np.sum(keep & (labels == 1)))
    fp = int(np.sum(keep & (labels == 0)))
    fn = int(np.sum(~keep & (labels == 1)))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1, "pairs": int(len(labels))}


def decision_scores(index: Index, questions, off_topic: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Per handbook question its best gold note's score; per off-topic query its top score."""
    q_scores, notes = note_scores(index, [q.question for q in questions])
    gold = np.asarray(
        [
            max(row[notes.index(s)] for s in q.relevant)
            for q, row in zip(questions, q_scores, strict=True)
        ]
    )
    o_scores, _ = note_scores(index, off_topic)
    return gold, o_scores.max(axis=1)


def best_threshold(gold: np.ndarray, off: np.ndarray) -> float:
    """Maximise (gold kept + off-topic rejected) / 2; the middle of the best plateau, 3 decimals."""
    values = np.unique(np.round(np.concatenate([gold, off]).astype(np.float64), 6))
    cands = (values[:-1] + values[1:]) / 2
    acc = np.asarray([(np.mean(gold >= t) + np.mean(off < t)) / 2 for t in cands])
    plateau = cands[acc >= acc.max() - 1e-12]
    return round(float(plateau.min() + plateau.max()) / 2, 3)


def query_level(gold: np.ndarray, off: np.ndarray, t: float) -> dict[str, float]:
    return {
        "in_scope_questions_gold_note_kept": float(np.mean(gold >= t)),
        "off_topic_queries_rejected": float(np.mean(off < t)),
    }


def calibrate(kind: str) -> dict:
    index = handbook_index(kind)
    questions, off_topic = handbook_questions(), off_topic_queries()
    tune = (questions[0::2], off_topic[0::2])
    held = (questions[1::2], off_topic[1::2])
    s_tune, l_tune = pairs(index, *tune)
    s_held, l_held = pairs(index, *held)
    d_tune, d_held = decision_scores(index, *tune), decision_scores(index, *held)
    t = best_threshold(*d_tune)
    return {
        "embedder": index.embedder.config()["name"],
        "threshold": t,
        "tuning": {**prf(s_tune, l_tune, t), **query_level(*d_tune, t)},
        "held_out": {**prf(s_held, l_held, t), **query_level(*d_held, t)},
        "held_out_by_threshold": {
            f"{x:.2f}": {**prf(s_held, l_held, x), **query_level(*d_held, x)}
            for x in np.arange(0.16, 0.42, 0.02)
        },
        "off_topic_queries": len(off_topic),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=HERE / "relevance.json")
    args = ap.parse_args()
    report = {kind: calibrate(kind) for kind in ("neural+hashing", "hashing")}
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    for kind, r in report.items():
        print(f"{kind}: {r['embedder']} threshold {r['threshold']}")
        for half in ("tuning", "held_out"):
            h = r[half]
            print(
                f"  {half:9s} precision {h['precision']:.3f} recall {h['recall']:.3f} "
                f"F1 {h['f1']:.3f} ({h['pairs']} pairs); off-topic rejected "
                f"{h['off_topic_queries_rejected']:.3f}, gold note kept "
                f"{h['in_scope_questions_gold_note_kept']:.3f}"
            )
        print("  held out by threshold: t  precision recall  off-topic-rejected gold-kept")
        for x, h in r["held_out_by_threshold"].items():
            print(
                f"    {x}  {h['precision']:.3f} {h['recall']:.3f}  "
                f"{h['off_topic_queries_rejected']:.3f} {h['in_scope_questions_gold_note_kept']:.3f}"
            )


if __name__ == "__main__":
    main()
