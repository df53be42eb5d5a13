"""Retrieval metrics over a labelled question set (recall@k, MRR, nDCG@k) at the document level.

Hits are chunks; a document (a handbook note) is ranked at the position of its best chunk, so
several chunks of one note count once.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from havoc_rag.errors import RagError
from havoc_rag.handbook import LabelledQuestion
from havoc_rag.index import Index, Mode


def recall_at_k(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    """Share of the relevant documents found in the top ``k``."""
    return len(set(ranked[:k]) & relevant) / len(relevant)


def reciprocal_rank(ranked: Sequence[str], relevant: set[str]) -> float:
    """1 / rank of the first relevant document (0 when none is retrieved)."""
    for rank, doc in enumerate(ranked, start=1):
        if doc in relevant:
            return 1.0 / rank
    return 0.0


def ndcg_at_k(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    """Normalised discounted cumulative gain with binary relevance."""
    dcg = sum(1.0 / math.log2(i + 2) for i, doc in enumerate(ranked[:k]) if doc in relevant)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return dcg / ideal


@dataclass(frozen=True)
class RetrievalScores:
    """Mean metrics over a question set for one retrieval mode."""

    mode: str
    questions: int
    recall_at_5: float
    mrr: float
    ndcg_at_10: float

    def to_dict(self) -> dict:
        return {
            "mode": self.mode,
            "questions": self.questions,
            "recall@5": self.recall_at_5,
            "MRR": self.mrr,
            "nDCG@10": self.ndcg_at_10,
        }


def document_ranking(index: Index, question: str, mode: Mode, depth: int = 40) -> list[str]:
    """Document slugs (source file stems) in rank order of their best chunk."""
    hits = index.search(question, k=depth, mode=mode)
    return list(dict.fromkeys(PurePosixPath(h.source).stem for h in hits))


def evaluate(
    index: Index, questions: Sequence[LabelledQuestion], mode: Mode, depth: int = 40
) -> RetrievalScores:
    """Score ``index`` on ``questions`` in one ``mode``."""
    if not questions:
        raise RagError("no labelled questions to evaluate")
    r5 = rr = nd = 0.0
    for q in questions:
        relevant = set(q.relevant)
        if not relevant:
            raise RagError(f"question {q.question!r} has no relevant documents")
        ranked = document_ranking(index, q.question, mode, depth)
        r5 += recall_at_k(ranked, relevant, 5)
        rr += reciprocal_rank(ranked, relevant)
        nd += ndcg_at_k(ranked, relevant, 10)
    n = len(questions)
    return RetrievalScores(mode, n, r5 / n, rr / n, nd / n)
