"""Is a hit relevant at all? A calibrated threshold on the dense cosine of a hit.

Retrieval always ranks something first; for "What is the capital of France?" the best handbook
chunk is still a handbook chunk. A hit is kept as relevant when its dense cosine
(``Hit.dense_score``: query vector against the stored chunk vector, which is mixed with its
note's centroid, see ``IndexConfig.doc_context``) reaches a threshold calibrated per embedder.

The thresholds below come from ``bench/rag/calibrate_relevance.py`` on the bundled handbook
index (default settings). Labelled pairs: *relevant* = each handbook question with each of its
gold notes (score: the note's best chunk); *irrelevant* = each off-topic query
(``data/off_topic_queries.txt``: geography, cooking, sports, programming help, prompt injection,
greetings, ...) with its top hit, plus each handbook question with the best note that is not
one of its gold notes. The threshold serves the decision "is any note relevant?": it maximises
the balanced accuracy of (handbook question keeps its gold note, off-topic query keeps nothing)
on the even-numbered half of both query sets (middle of the best plateau); the odd half is held
out. Precision/recall on the pairs and the per-query rates are in the repository's
BENCHMARKS.md. A near-miss note (Student's t-test for a Welch question) often scores like the
gold note: the threshold separates "about statistics in the handbook" from "not", and ranking
(not the threshold) decides between neighbouring notes.
"""

from __future__ import annotations

from collections.abc import Sequence

from havoc_rag.errors import RagError
from havoc_rag.index import Hit

#: Calibrated minimum dense cosine for all-MiniLM-L6-v2 (``MiniLMEmbedder``) hits of the handbook
#: index: maximises the balanced accuracy of "gold note kept" (handbook questions) vs "nothing
#: kept" (off-topic queries) on the tuning half. Re-derive: ``bench/rag/calibrate_relevance.py``.
RELEVANCE_THRESHOLD = 0.218

#: The same calibration for the hashing fallback embedder (``HashingEmbedder`` defaults).
HASHING_RELEVANCE_THRESHOLD = 0.172

_THRESHOLDS = {"minilm": RELEVANCE_THRESHOLD, "hashing": HASHING_RELEVANCE_THRESHOLD}


def calibrated_threshold(embedder_name: str | None) -> float | None:
    """The calibrated threshold for hits of the named embedder, ``None`` if it has none."""
    return _THRESHOLDS.get(embedder_name or "")


def relevant(hits: Sequence[Hit], min_score: float | None = None) -> list[Hit]:
    """The hits whose dense cosine reaches ``min_score`` (default: the calibrated threshold).

    An empty result means "no relevant note": out of scope for the indexed documents. Hits
    without a dense score (lexical-only candidates) are not relevant.

    >>> from havoc_rag import default_index
    >>> index = default_index()
    >>> relevant(index.search("What is the capital of France?", k=3))
    []
    >>> [h.source for h in relevant(index.search("Welch test for unequal variances", k=1))]
    ['handbook/welch-t-test.md']
    """
    out = []
    for hit in hits:
        if not isinstance(hit, Hit):
            raise RagError(f"relevant() expects Hit objects, got {type(hit).__name__}")
        threshold = min_score if min_score is not None else calibrated_threshold(hit.embedder)
        if threshold is None:
            raise RagError(
                f"no calibrated relevance threshold for the {hit.embedder!r} embedder; "
                "pass min_score explicitly"
            )
        if hit.dense_score is not None and hit.dense_score >= threshold:
            out.append(hit)
    return out


__all__ = ["HASHING_RELEVANCE_THRESHOLD", "RELEVANCE_THRESHOLD", "calibrated_threshold", "relevant"]
