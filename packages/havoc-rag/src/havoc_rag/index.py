"""The retrieval index: faiss dense vectors + BM25, fused by reciprocal rank fusion, on disk.

Dense search is exact inner product (``IndexFlatIP``) for small collections and an inverted file
(``IndexIVFFlat``, ``nlist ~ sqrt(n)``, ``nprobe`` probes) from ``ivf_threshold`` chunks on; both
are wrapped with 64-bit ids so chunks can be removed by source without rebuilding. Hybrid search
fuses the dense and lexical rankings with weighted reciprocal rank fusion (Cormack et al., 2009):

``rrf(d) = sum over rankers r of w_r / (rrf_k + rank_r(d))`` (ranks start at 1; a ranker that did
not return ``d`` among its candidates contributes nothing).

With ``fusion="document"`` the fusion runs on documents first: each ranker's chunk
ranking becomes a document ranking (a document ranks at its best chunk), those are fused, and the
hits are each document's best chunk in fused document order, then each one's second chunk, ...
Evidence that a note is the right one then adds up across rankers even when each ranker picked a
different section of it.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Literal

import numpy as np

from havoc_rag.chunking import Chunk, SkippedFile, chunk_paths
from havoc_rag.embedders import (
    Embedder,
    HashingEmbedder,
    check_same_config,
    embedder_from_config,
    l2_normalise,
)
from havoc_rag.errors import EmbedderMismatchError, IndexFormatError, RagError
from havoc_rag.lexical import BM25
from havoc_rag.query import clean_query
from havoc_rag.terms import table_digest

#: Bumped whenever the on-disk layout changes; an index of another version is refused. (Chunk
#: records gained an optional ``lead`` and the config new keys: both default to the old behaviour.)
FORMAT_VERSION = 1
Mode = Literal["hybrid", "dense", "lexical"]
MODES = ("hybrid", "dense", "lexical")
FUSIONS = ("document", "chunk")


@dataclass(frozen=True)
class IndexConfig:
    """Index settings (persisted with the index)."""

    max_tokens: int = 200  #: chunk size used by :meth:`Index.from_paths`
    overlap_tokens: int = 30  #: chunk overlap used by :meth:`Index.from_paths`
    ivf_threshold: int = 50_000  #: from this many chunks on, dense search uses IVF
    nprobe: int = 32  #: IVF lists probed per query
    rrf_k: int = 60  #: the RRF constant
    candidates: int = 50  #: candidates each ranker contributes to fusion / MMR
    bm25_k1: float = 1.2
    bm25_b: float = 0.75
    batch_size: int = 2048  #: texts embedded per batch
    doc_context: float = 0.5  #: weight of the document centroid mixed into each chunk vector
    fusion: str = "chunk"  #: ``"chunk"`` or ``"document"`` (fuse note rankings first)
    dense_weight: float = 1.0  #: RRF weight of the main dense ranking
    lexical_weight: float = 1.0  #: RRF weight of the BM25 ranking
    aux_weight: float = 1.0  #: RRF weight of the auxiliary dense ranking
    chunk_lead: bool = False  #: :meth:`Index.from_paths` repeats each document's lead in its chunks
    #: BM25 analyses text with :func:`havoc_rag.terms.lexical_terms` (statistics acronyms and
    #: synonyms share a concept word) on both chunks and queries; off by default: it raised BM25's
    #: MRR on both halves of the handbook questions but not the hybrid's (BENCHMARKS.md, RAG)
    lexical_terms: bool = False

    def __post_init__(self) -> None:
        if self.fusion not in FUSIONS:
            raise RagError(f"fusion must be one of {', '.join(FUSIONS)}, got {self.fusion!r}")
        for name in ("dense_weight", "lexical_weight", "aux_weight", "doc_context"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise RagError(f"IndexConfig.{name} must be a number >= 0, got {value!r}")
        if not isinstance(self.lexical_terms, bool):
            raise RagError(
                f"IndexConfig.lexical_terms must be True or False, got {self.lexical_terms!r}"
            )
        if isinstance(self.rrf_k, bool) or not isinstance(self.rrf_k, int) or self.rrf_k < 0:
            raise RagError(f"IndexConfig.rrf_k must be an integer >= 0, got {self.rrf_k!r}")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> IndexConfig:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        # an index saved before the term table existed was analysed with plain content words
        values.setdefault("lexical_terms", False)  # (also the default; explicit for old indexes)
        return cls(**values)


@dataclass(frozen=True)
class Hit:
    """One search result. ``score`` is the fused RRF score (hybrid; with document fusion, that of
    the chunk's document), the cosine (dense) or the BM25 score (lexical)."""

    chunk: Chunk
    score: float
    rank: int
    mode: str
    dense_score: float | None = None
    dense_rank: int | None = None
    lexical_score: float | None = None
    lexical_rank: int | None = None
    aux_score: float | None = None
    aux_rank: int | None = None
    embedder: str | None = None  #: name of the embedder behind ``dense_score`` ("minilm", ...)

    @property
    def source(self) -> str:
        return self.chunk.source

    @property
    def heading(self) -> str:
        return self.chunk.heading

    @property
    def text(self) -> str:
        return self.chunk.text

    def to_dict(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "score": self.score,
            "mode": self.mode,
            "source": self.chunk.source,
            "heading": self.chunk.heading,
            "heading_path": list(self.chunk.heading_path),
            "line_start": self.chunk.line_start,
            "line_end": self.chunk.line_end,
            "text": self.chunk.text,
            "dense_score": self.dense_score,
            "dense_rank": self.dense_rank,
            "lexical_score": self.lexical_score,
            "lexical_rank": self.lexical_rank,
            "aux_score": self.aux_score,
            "aux_rank": self.aux_rank,
            "embedder": self.embedder,
        }


def _check_weights(rankings: Sequence[Sequence[int]], weights: Sequence[float] | None) -> list:
    if weights is None:
        return [1.0] * len(rankings)
    weights = list(weights)
    if len(weights) != len(rankings):
        raise RagError(f"{len(weights)} fusion weights given for {len(rankings)} rankings")
    if any(isinstance(w, bool) or not isinstance(w, int | float) or w < 0 for w in weights):
        raise RagError(f"fusion weights must be numbers >= 0, got {weights!r}")
    return [float(w) for w in weights]


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[int]], rrf_k: int = 60, weights: Sequence[float] | None = None
) -> list[tuple[int, float]]:
    """Fuse ranked lists of ids; returns ``(id, score)`` best first.

    ``weights`` (one per ranking, default 1) scale each ranking's ``1 / (rrf_k + rank)``. Ties
    are broken by the best single rank, then by id, so the order is deterministic.

    >>> reciprocal_rank_fusion([[7, 3], [3, 9]], rrf_k=60)[0][0]
    3
    """
    weights = _check_weights(rankings, weights)
    scores: dict[int, float] = {}
    best: dict[int, int] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (rrf_k + rank)
            best[item] = min(best.get(item, rank), rank)
    return sorted(scores.items(), key=lambda kv: (-kv[1], best[kv[0]], kv[0]))


def document_rank_fusion(
    rankings: Sequence[Sequence[int]],
    document_of: Callable[[int], str],
    rrf_k: int = 60,
    weights: Sequence[float] | None = None,
) -> list[tuple[int, float]]:
    """Fuse chunk rankings at the document level; returns ``(chunk id, document score)``.

    Each ranking of chunk ids is turned into a ranking of documents (``document_of(id)``; a
    document ranks at its best chunk) and the document rankings are fused with
    :func:`reciprocal_rank_fusion` (documents with equal scores in the order of their best
    chunks). Inside a document, chunks are ordered by their own chunk-level fused score. The
    output takes the best chunk of every document in document order, then every document's
    second-best chunk, and so on: the first hits come from different documents, and a document
    first appears at its fused rank.

    >>> doc = {1: "a", 2: "a", 3: "b"}.__getitem__
    >>> [c for c, _ in document_rank_fusion([[3, 1], [2, 3]], doc)]
    [3, 2, 1]
    """
    weights = _check_weights(rankings, weights)
    doc_rankings = [list(dict.fromkeys(document_of(i) for i in ranking)) for ranking in rankings]
    doc_score: dict[str, float] = {}
    for ranking, weight in zip(doc_rankings, weights, strict=True):
        for rank, doc in enumerate(ranking, start=1):
            doc_score[doc] = doc_score.get(doc, 0.0) + weight / (rrf_k + rank)
    chunk_order = reciprocal_rank_fusion(rankings, rrf_k, weights)
    position = {item: pos for pos, (item, _) in enumerate(chunk_order)}
    first: dict[str, int] = {}  # a document's best chunk position breaks ties between documents
    for item, pos in position.items():
        first.setdefault(document_of(item), pos)

    doc_order = {
        doc: n for n, doc in enumerate(sorted(first, key=lambda d: (-doc_score[d], first[d])))
    }
    seen: dict[str, int] = {}
    nth = {}  # 0 for a document's best chunk, 1 for its second, ...
    for item in position:
        doc = document_of(item)
        nth[item] = seen.get(doc, 0)
        seen[doc] = nth[item] + 1
    ordered = sorted(position, key=lambda item: (nth[item], doc_order[document_of(item)]))
    return [(item, doc_score[document_of(item)]) for item in ordered]


def mmr_select(
    relevance: np.ndarray, vectors: np.ndarray, k: int, lambda_: float = 0.7
) -> list[int]:
    """Maximal marginal relevance (Carbonell & Goldstein, 1998) over candidate positions.

    Greedily picks ``argmax lambda * rel(d) - (1 - lambda) * max_{s in selected} cos(d, s)``;
    ``relevance`` should be on a [0, 1] scale and ``vectors`` unit-norm rows.
    """
    if not 0.0 <= lambda_ <= 1.0:
        raise RagError(f"MMR lambda must be in [0, 1], got {lambda_}")
    n = len(relevance)
    sims = vectors @ vectors.T
    chosen: list[int] = []
    max_sim = np.full(n, -np.inf)
    available = np.ones(n, dtype=bool)
    for _ in range(min(k, n)):
        penalty = np.where(np.isfinite(max_sim), max_sim, 0.0)
        value = lambda_ * relevance - (1.0 - lambda_) * penalty
        value[~available] = -np.inf
        pick = int(np.argmax(value))
        chosen.append(pick)
        available[pick] = False
        max_sim = np.maximum(max_sim, sims[pick])
    return chosen


@contextlib.contextmanager
def _progress(enabled: bool, description: str, total: int) -> Iterator[Any]:
    """A rich progress bar with rate and ETA, or a no-op when disabled."""
    if not enabled:

        class _Null:
            def advance(self, n: int) -> None:
                return None

        yield _Null()
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    class _RateColumn(TextColumn):
        def __init__(self) -> None:
            super().__init__("")

        def render(self, task: Any) -> Any:
            from rich.text import Text

            speed = task.finished_speed or task.speed
            return Text(f"{speed:,.0f} chunks/s" if speed else "-- chunks/s", style="cyan")

    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, transient=False) as bar:
        task = bar.add_task(description, total=total)

        class _Bar:
            def advance(self, n: int) -> None:
                bar.advance(task, n)

        yield _Bar()


class Index:
    """A hybrid (dense + BM25) index over :class:`Chunk` objects, persisted to a folder.

    ``aux_embedder`` adds a second dense ranker whose ranking joins the hybrid fusion: the
    handbook index runs all-MiniLM-L6-v2 as ``embedder`` and the hashing n-gram embedder as
    ``aux_embedder`` (the neural model brings paraphrases, the hashing one the exact technical
    terms and their inflections).

    >>> from havoc_rag import Chunk, Index
    >>> index = Index.build([Chunk("Welch's t-test compares two means.", "welch.md"),
    ...                      Chunk("Levene's test compares variances.", "levene.md")])
    >>> index.search("compare two means", k=1)[0].source
    'welch.md'
    """

    def __init__(
        self,
        embedder: Embedder | None = None,
        config: IndexConfig | None = None,
        *,
        aux_embedder: Embedder | None = None,
    ):
        self.embedder: Embedder = embedder if embedder is not None else HashingEmbedder()
        self.aux_embedder: Embedder | None = aux_embedder
        self.config = config or IndexConfig()
        self.chunks: list[Chunk] = []
        self.ids = np.zeros(0, dtype=np.int64)  # faiss id of each chunk row
        self.next_id = 0
        self.bm25 = BM25(self.config.bm25_k1, self.config.bm25_b, terms=self.config.lexical_terms)
        self.skipped: list[SkippedFile] = []
        self._dense: Any = None
        self._aux_dense: Any = None
        self._row_of: dict[int, int] = {}
        self._fitted = False

    # -- construction ----------------------------------------------------------------------
    @classmethod
    def build(
        cls,
        chunks: Iterable[Chunk],
        embedder: Embedder | None = None,
        config: IndexConfig | None = None,
        *,
        aux_embedder: Embedder | None = None,
        progress: bool = False,
    ) -> Index:
        """Fit the embedder(s) on ``chunks`` and index them."""
        chunks = list(chunks)
        if not chunks:
            raise RagError("cannot build an index from zero chunks")
        index = cls(embedder, config, aux_embedder=aux_embedder)
        index._fit([c.embed_text for c in chunks])
        index._fitted = True
        index.add(chunks, progress=progress)
        return index

    @classmethod
    def from_paths(
        cls,
        paths: Sequence[str | Path],
        embedder: Embedder | None = None,
        config: IndexConfig | None = None,
        *,
        aux_embedder: Embedder | None = None,
        progress: bool = False,
    ) -> Index:
        """Chunk every text file under ``paths`` and build an index; see :func:`chunk_paths`."""
        config = config or IndexConfig()
        chunks, skipped = chunk_paths(
            paths,
            max_tokens=config.max_tokens,
            overlap_tokens=config.overlap_tokens,
            lead=config.chunk_lead,
        )
        index = cls.build(chunks, embedder, config, aux_embedder=aux_embedder, progress=progress)
        index.skipped = skipped
        return index

    def __len__(self) -> int:
        return len(self.chunks)

    @property
    def sources(self) -> list[str]:
        """The distinct sources in the index, in first-seen order."""
        return list(dict.fromkeys(c.source for c in self.chunks))

    @property
    def relevance_threshold(self) -> float | None:
        """The calibrated ``min_score`` for this index's embedder (``None`` if not calibrated)."""
        from havoc_rag.relevance import calibrated_threshold

        return calibrated_threshold(self.embedder.config().get("name"))

    @property
    def dense_kind(self) -> str:
        """``"flat"`` (exact inner product) or ``"ivf"``."""
        if self._dense is None:
            return "flat"
        import faiss

        return "ivf" if faiss.try_extract_index_ivf(self._dense) is not None else "flat"

    def _fit(self, texts: list[str]) -> None:
        self.embedder.fit(texts)
        if self.aux_embedder is not None:
            self.aux_embedder.fit(texts)
        self._fitted = True

    # -- dense store -----------------------------------------------------------------------
    def _new_flat(self, dim: int) -> Any:
        import faiss

        return faiss.IndexIDMap2(faiss.IndexFlatIP(dim))

    def _new_ivf(self, sample: np.ndarray) -> Any:
        import faiss

        n, dim = sample.shape
        nlist = max(1, min(int(math.sqrt(n)), n // 39))
        quantizer = faiss.IndexFlatIP(dim)
        ivf = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss.METRIC_INNER_PRODUCT)
        rng = np.random.default_rng(0)  # deterministic training sample
        take = min(n, nlist * 64)
        train = sample[np.sort(rng.choice(n, size=take, replace=False))] if take < n else sample
        ivf.train(np.ascontiguousarray(train, dtype=np.float32))
        ivf.nprobe = min(self.config.nprobe, nlist)
        return ivf

    def _flat_vectors(self, store: Any = None) -> tuple[np.ndarray, np.ndarray]:
        import faiss

        store = self._dense if store is None else store
        flat = faiss.downcast_index(store.index)
        vectors = flat.reconstruct_n(0, flat.ntotal) if flat.ntotal else np.zeros((0, flat.d))
        return vectors.astype(np.float32), faiss.vector_to_array(store.id_map)

    def _grow_store(self, store: Any, vectors: np.ndarray, ids: np.ndarray) -> Any:
        """Add ``vectors`` to a dense store (created, or moved from flat to IVF, as it grows)."""
        import faiss

        total = len(self.chunks) + len(vectors)
        if store is None:
            big = total >= self.config.ivf_threshold
            store = self._new_ivf(vectors) if big else self._new_flat(vectors.shape[1])
        elif faiss.try_extract_index_ivf(store) is None and total >= self.config.ivf_threshold:
            old_vectors, old_ids = self._flat_vectors(store)
            both = np.vstack([old_vectors, vectors])
            store = self._new_ivf(both)
            store.add_with_ids(old_vectors, old_ids)
        store.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), ids)
        return store

    # -- mutation --------------------------------------------------------------------------
    def add(self, chunks: Iterable[Chunk], *, replace: bool = True, progress: bool = False) -> int:
        """Add chunks; with ``replace`` (default), chunks of a source already indexed replace it.

        The embedder keeps the state it was fitted with (the hashing embedder's IDF), so vectors
        stay comparable; rebuild the index after large changes to refit it. Returns the number
        of chunks added.
        """
        chunks = list(chunks)
        for c in chunks:
            if not isinstance(c, Chunk):
                raise RagError(f"Index.add expects Chunk objects, got {type(c).__name__}")
        if not chunks:
            return 0
        if replace:
            for source in dict.fromkeys(c.source for c in chunks):
                self.remove_source(source)
        if not self._fitted:
            self._fit([c.embed_text for c in chunks])
        with _progress(progress, "embedding", len(chunks)) as bar:
            for part in self._source_batches(chunks):
                ids = np.arange(self.next_id, self.next_id + len(part), dtype=np.int64)
                self._dense = self._grow_store(self._dense, self._contextual_vectors(part), ids)
                if self.aux_embedder is not None:
                    aux = self._contextual_vectors(part, self.aux_embedder)
                    self._aux_dense = self._grow_store(self._aux_dense, aux, ids)
                self.next_id += len(part)
                self.ids = np.concatenate([self.ids, ids])
                self.chunks.extend(part)
                self.bm25.add([c.embed_text for c in part])
                bar.advance(len(part))
        self._reindex_rows()
        return len(chunks)

    def _source_batches(self, chunks: list[Chunk]) -> Iterator[list[Chunk]]:
        """Batches of about ``batch_size`` chunks that never split one source's chunks."""
        by_source: dict[str, list[Chunk]] = {}
        for c in chunks:
            by_source.setdefault(c.source, []).append(c)
        batch: list[Chunk] = []
        for group in by_source.values():
            if batch and len(batch) + len(group) > self.config.batch_size:
                yield batch
                batch = []
            batch.extend(group)
        if batch:
            yield batch

    def _contextual_vectors(
        self, part: list[Chunk], embedder: Embedder | None = None
    ) -> np.ndarray:
        """Chunk vectors mixed with their document's centroid (contextual chunk embeddings).

        ``v = normalise((1 - w) * chunk + w * normalise(mean of the document's chunks))`` with
        ``w = config.doc_context``: a chunk then also matches questions about its document as a
        whole (a note's "Common mistakes" section still carries what the note is about).
        """
        embedder = self.embedder if embedder is None else embedder
        vectors = np.asarray(embedder.embed([c.embed_text for c in part]), dtype=np.float32)
        if vectors.shape != (len(part), embedder.dim):
            raise RagError(
                f"embedder returned shape {vectors.shape}, expected ({len(part)}, {embedder.dim})"
            )
        w = self.config.doc_context
        if w <= 0:
            return vectors
        sources = np.asarray([c.source for c in part])
        mixed = np.empty_like(vectors)
        for source in dict.fromkeys(sources.tolist()):
            rows = sources == source
            centroid = l2_normalise(vectors[rows].mean(axis=0, keepdims=True))
            mixed[rows] = (1.0 - w) * vectors[rows] + w * centroid
        return l2_normalise(mixed)

    def remove_source(self, source: str | Path) -> int:
        """Remove every chunk whose source is ``source`` (or lies under it, for a folder).

        Returns the number of chunks removed (0 when the source is not in the index).
        """
        import faiss

        name = Path(source).as_posix() if isinstance(source, Path) else str(source)
        prefix = name.rstrip("/") + "/"
        rows = np.asarray(
            [
                i
                for i, c in enumerate(self.chunks)
                if c.source == name or c.source.startswith(prefix)
            ],
            dtype=np.int64,
        )
        if rows.size == 0:
            return 0
        self._dense.remove_ids(faiss.IDSelectorBatch(self.ids[rows]))
        if self._aux_dense is not None:
            self._aux_dense.remove_ids(faiss.IDSelectorBatch(self.ids[rows]))
        keep = np.ones(len(self.chunks), dtype=bool)
        keep[rows] = False
        self.chunks = [c for c, k in zip(self.chunks, keep, strict=True) if k]
        self.ids = self.ids[keep]
        self.bm25.delete(rows)
        self._reindex_rows()
        return int(rows.size)

    def _reindex_rows(self) -> None:
        self._row_of = {int(i): r for r, i in enumerate(self.ids)}

    # -- search ----------------------------------------------------------------------------
    def _dense_search(
        self, qvec: np.ndarray, k: int, store: Any = None
    ) -> tuple[np.ndarray, np.ndarray]:
        k = min(k, len(self.chunks))
        store = self._dense if store is None else store
        scores, ids = store.search(np.ascontiguousarray(qvec, dtype=np.float32), k)
        rows, kept = [], []
        for s, i in zip(scores[0], ids[0], strict=True):
            if i >= 0:
                rows.append(self._row_of[int(i)])
                kept.append(float(s))
        return np.asarray(rows, dtype=np.int64), np.asarray(kept, dtype=np.float32)

    def search(
        self,
        query: str,
        k: int = 5,
        mode: Mode = "hybrid",
        mmr: bool | float = False,
        *,
        clean: bool = True,
        min_score: float | None = None,
    ) -> list[Hit]:
        """Return the ``k`` best chunks for ``query``.

        ``mode`` is ``"hybrid"`` (RRF of the dense ranking, the auxiliary dense ranking if the
        index has one, and BM25), ``"dense"`` or ``"lexical"``. ``mmr`` re-ranks the candidates
        for diversity: ``True`` uses lambda 0.7, a float sets lambda (1.0 = pure relevance). With
        ``clean`` (default) pasted data is removed from the query first
        (:func:`~havoc_rag.query.clean_query`); a query that is nothing but data is searched as
        it is. ``min_score`` keeps only hits whose dense cosine (``Hit.dense_score``, the main
        embedder) reaches it, so fewer than ``k`` (or no) hits can come back; use
        :attr:`relevance_threshold` for the calibrated value (see :mod:`havoc_rag.relevance`).
        """
        if not isinstance(query, str) or not query.strip():
            raise RagError("the query is empty")
        if clean:
            query = clean_query(query) or query
        if not isinstance(k, int) or isinstance(k, bool) or k < 1:
            raise RagError(f"k must be a positive integer, got {k!r}")
        if mode not in MODES:
            raise RagError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
        if not self.chunks:
            raise RagError("the index is empty: add documents before searching")
        if min_score is not None and (
            isinstance(min_score, bool) or not isinstance(min_score, int | float)
        ):
            raise RagError(f"min_score must be a number or None, got {min_score!r}")
        # each ranker contributes the same candidates whatever k is (up to `candidates`), so the
        # first hits of a search do not change with k
        depth = max(self.config.candidates, k)

        def ranking(rows: np.ndarray, scores: np.ndarray) -> dict[int, tuple[int, float]]:
            pairs = zip(rows, scores, strict=True)
            return {int(r): (i + 1, float(s)) for i, (r, s) in enumerate(pairs)}

        dense_rank: dict[int, tuple[int, float]] = {}
        aux_rank: dict[int, tuple[int, float]] = {}
        lexical_rank: dict[int, tuple[int, float]] = {}
        if mode in ("hybrid", "dense") or min_score is not None:
            qvec = np.asarray(self.embedder.embed([query]), dtype=np.float32)
            dense_rank = ranking(*self._dense_search(qvec, depth))
        if mode == "hybrid" and self.aux_embedder is not None:
            avec = np.asarray(self.aux_embedder.embed([query]), dtype=np.float32)
            aux_rank = ranking(*self._dense_search(avec, depth, self._aux_dense))
        if mode in ("hybrid", "lexical"):
            lexical_rank = ranking(*self.bm25.search(query, depth))
        if mode == "hybrid":
            cfg = self.config
            rankings = [list(dense_rank), list(lexical_rank)]
            weights = [cfg.dense_weight, cfg.lexical_weight]
            if self.aux_embedder is not None:
                rankings.append(list(aux_rank))
                weights.append(cfg.aux_weight)
            if cfg.fusion == "document":
                ranked = document_rank_fusion(
                    rankings, lambda row: self.chunks[row].source, cfg.rrf_k, weights
                )
            else:
                ranked = reciprocal_rank_fusion(rankings, rrf_k=cfg.rrf_k, weights=weights)
        elif mode == "dense":
            ranked = [(r, s) for r, (_, s) in dense_rank.items()]
        else:
            ranked = [(r, s) for r, (_, s) in lexical_rank.items()]
        if min_score is not None:
            ranked = [
                (r, s) for r, s in ranked if r in dense_rank and dense_rank[r][1] >= min_score
            ]
        if mmr is not False and mmr is not None and ranked:
            lam = 0.7 if mmr is True else float(mmr)
            top = max((s for _, s in ranked), default=1.0) or 1.0
            relevance = np.asarray([s / top for _, s in ranked])
            vectors = np.asarray(
                self.embedder.embed([self.chunks[r].embed_text for r, _ in ranked]),
                dtype=np.float32,
            )
            ranked = [ranked[i] for i in mmr_select(relevance, vectors, k, lam)]
        hits = []
        for pos, (row, score) in enumerate(ranked[:k], start=1):
            d = dense_rank.get(row)
            lx = lexical_rank.get(row)
            ax = aux_rank.get(row)
            hits.append(
                Hit(
                    chunk=self.chunks[row],
                    score=float(score),
                    rank=pos,
                    mode=mode,
                    dense_score=d[1] if d else None,
                    dense_rank=d[0] if d else None,
                    lexical_score=lx[1] if lx else None,
                    lexical_rank=lx[0] if lx else None,
                    aux_score=ax[1] if ax else None,
                    aux_rank=ax[0] if ax else None,
                    embedder=self.embedder.config().get("name"),
                )
            )
        return hits

    # -- persistence -----------------------------------------------------------------------
    def manifest(self) -> dict[str, Any]:
        from importlib.metadata import version

        return {
            "format": "havoc-rag-index",
            "format_version": FORMAT_VERSION,
            "havoc_rag_version": version("havoc-rag"),
            "embedder": self.embedder.config(),
            "aux_embedder": self.aux_embedder.config() if self.aux_embedder else None,
            "config": asdict(self.config),
            "n_chunks": len(self.chunks),
            "next_id": self.next_id,
            "dense_kind": self.dense_kind,
            "term_table": table_digest() if self.config.lexical_terms else None,
        }

    def save(self, path: str | Path) -> Path:
        """Write the index to folder ``path`` atomically (a temporary folder renamed into place)."""
        import faiss

        if not self.chunks:
            raise RagError("refusing to save an empty index")
        target = Path(path).expanduser()
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() and not (target / "manifest.json").is_file():
            if not target.is_dir() or any(target.iterdir()):
                raise RagError(f"{target} exists and is not a havoc-rag index; choose another path")
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
        try:
            (tmp / "embedder").mkdir()
            self.embedder.save(tmp / "embedder")
            faiss.write_index(self._dense, str(tmp / "dense.faiss"))
            if self.aux_embedder is not None:
                (tmp / "aux_embedder").mkdir()
                self.aux_embedder.save(tmp / "aux_embedder")
                faiss.write_index(self._aux_dense, str(tmp / "aux_dense.faiss"))
            np.save(tmp / "ids.npy", self.ids)
            self.bm25.save(tmp)
            with open(tmp / "chunks.jsonl", "w", encoding="utf-8") as fh:
                for c in self.chunks:
                    fh.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
            (tmp / "manifest.json").write_text(json.dumps(self.manifest(), indent=2) + "\n")
            if target.exists():
                old = target.with_name(f".{target.name}.old-{os.getpid()}")
                target.rename(old)
                tmp.rename(target)
                shutil.rmtree(old, ignore_errors=True)
            else:
                tmp.rename(target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return target

    @classmethod
    def load(
        cls,
        path: str | Path,
        embedder: Embedder | None = None,
        *,
        aux_embedder: Embedder | None = None,
    ) -> Index:
        """Load an index folder written by :meth:`save`.

        Pass ``embedder`` for model-backed embedders (and to assert which embedder you expect):
        an index built with a different embedder configuration raises
        :class:`~havoc_rag.errors.EmbedderMismatchError`; another format version raises
        :class:`~havoc_rag.errors.IndexFormatError`.
        """
        import faiss

        folder = Path(path).expanduser()
        manifest_path = folder / "manifest.json"
        if not manifest_path.is_file():
            raise IndexFormatError(f"{folder} is not a havoc-rag index (no manifest.json)")
        try:
            manifest = json.loads(manifest_path.read_text())
        except (OSError, json.JSONDecodeError) as exc:
            raise IndexFormatError(f"cannot read {manifest_path}: {exc}") from exc
        if manifest.get("format") != "havoc-rag-index":
            raise IndexFormatError(f"{folder} is not a havoc-rag index")
        version = manifest.get("format_version")
        if version != FORMAT_VERSION:
            raise IndexFormatError(
                f"{folder} has index format version {version}; this havoc-rag reads version "
                f"{FORMAT_VERSION}. Rebuild it with `havoc rag index`."
            )
        stored = manifest["embedder"]
        if embedder is None:
            embedder = embedder_from_config(stored)
        else:
            check_same_config(stored, embedder.config())
        stored_aux = manifest.get("aux_embedder")
        if stored_aux is None and aux_embedder is not None:
            raise EmbedderMismatchError(f"index {folder} has no auxiliary embedder, one was given")
        if stored_aux is not None:
            if aux_embedder is None:
                aux_embedder = embedder_from_config(stored_aux)
            else:
                check_same_config(stored_aux, aux_embedder.config())
            aux_embedder.load_state(folder / "aux_embedder")
        config = IndexConfig.from_dict(manifest.get("config", {}))
        index = cls(embedder, config, aux_embedder=aux_embedder)
        embedder.load_state(folder / "embedder")
        index._fitted = True
        try:
            index._dense = faiss.read_index(str(folder / "dense.faiss"))
            if aux_embedder is not None:
                index._aux_dense = faiss.read_index(str(folder / "aux_dense.faiss"))
            index.ids = np.load(folder / "ids.npy", allow_pickle=False).astype(np.int64)
            with open(folder / "chunks.jsonl", encoding="utf-8") as fh:
                index.chunks = [Chunk.from_dict(json.loads(line)) for line in fh if line.strip()]
        except (OSError, RuntimeError, ValueError, KeyError) as exc:
            raise IndexFormatError(f"index {folder} is damaged: {exc}") from exc
        if config.lexical_terms and manifest.get("term_table") != table_digest():
            raise IndexFormatError(
                f"index {folder} was analysed with another statistics term table "
                f"({manifest.get('term_table')!r}, this havoc-rag has {table_digest()!r}); "
                "rebuild it with `havoc rag index`"
            )
        index.bm25 = BM25.load(folder, config.bm25_k1, config.bm25_b, terms=config.lexical_terms)
        index.next_id = int(manifest.get("next_id", len(index.chunks)))
        n = len(index.chunks)
        if not (index._dense.ntotal == len(index.ids) == len(index.bm25) == n):
            raise IndexFormatError(
                f"index {folder} is inconsistent: {n} chunks, {index._dense.ntotal} vectors, "
                f"{len(index.ids)} ids, {len(index.bm25)} lexical rows"
            )
        if index._dense.d != embedder.dim:
            raise IndexFormatError(
                f"index {folder} stores {index._dense.d}-d vectors; the embedder makes "
                f"{embedder.dim}-d ones"
            )
        if index._aux_dense is not None and index._aux_dense.ntotal != n:
            raise IndexFormatError(
                f"index {folder} is inconsistent: {n} chunks, {index._aux_dense.ntotal} aux vectors"
            )
        for store in (index._dense, index._aux_dense):
            ivf = faiss.try_extract_index_ivf(store) if store is not None else None
            if ivf is not None:
                ivf.nprobe = min(config.nprobe, ivf.nlist)
        index._reindex_rows()
        return index


__all__ = [
    "FORMAT_VERSION",
    "Hit",
    "Index",
    "IndexConfig",
    "document_rank_fusion",
    "mmr_select",
    "reciprocal_rank_fusion",
]
