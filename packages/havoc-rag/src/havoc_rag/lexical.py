"""Okapi BM25 over a scipy sparse term-count matrix (no extra dependency).

Scores follow Robertson & Zaragoza (2009) with the Lucene IDF ``log(1 + (N - df + 0.5)/(df + 0.5))``,
which is never negative:

``score(q, d) = sum_t idf(t) * tf(t, d) * (k1 + 1) / (tf(t, d) + k1 * (1 - b + b * |d| / avgdl))``

Rows can be appended and deleted, so the lexical index follows incremental adds and removals.
With ``terms=True`` documents and queries are analysed by :func:`havoc_rag.terms.lexical_terms`
(statistics acronyms and synonyms share a concept word) instead of plain
:func:`content_words`; the same analyser runs on both sides.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from havoc_rag.errors import IndexFormatError
from havoc_rag.terms import lexical_terms
from havoc_rag.text import content_words


class BM25:
    """A BM25 index over documents given as strings (tokenised by :func:`content_words`, or by
    :func:`~havoc_rag.terms.lexical_terms` with ``terms=True``)."""

    def __init__(self, k1: float = 1.2, b: float = 0.75, *, terms: bool = False) -> None:
        self.k1 = float(k1)
        self.b = float(b)
        self.terms = bool(terms)
        self.vocab: dict[str, int] = {}
        self.counts = sp.csr_matrix((0, 0), dtype=np.float32)
        self._cache: tuple[sp.csc_matrix, np.ndarray] | None = None

    def __len__(self) -> int:
        return self.counts.shape[0]

    def analyse(self, text: str) -> list[str]:
        """The index terms of ``text`` (documents and queries go through the same analyser)."""
        return lexical_terms(text) if self.terms else content_words(text)

    def add(self, texts: Sequence[str]) -> None:
        """Append one row per text."""
        rows, cols, vals = [], [], []
        for r, text in enumerate(texts):
            for term, tf in Counter(self.analyse(text)).items():
                col = self.vocab.setdefault(term, len(self.vocab))
                rows.append(r)
                cols.append(col)
                vals.append(tf)
        new = sp.csr_matrix(
            (np.asarray(vals, dtype=np.float32), (rows, cols)),
            shape=(len(texts), len(self.vocab)),
        )
        old = self.counts
        old.resize((old.shape[0], len(self.vocab)))
        self.counts = sp.vstack([old, new], format="csr")
        self._cache = None

    def delete(self, rows: np.ndarray) -> None:
        """Remove the given row positions."""
        keep = np.ones(len(self), dtype=bool)
        keep[np.asarray(rows, dtype=np.int64)] = False
        self.counts = self.counts[keep]
        self._cache = None

    def _weights(self) -> tuple[sp.csc_matrix, np.ndarray]:
        """BM25 term weights per (doc, term), column-major for fast query-term lookup."""
        if self._cache is None:
            counts = self.counts.tocsr()
            n = counts.shape[0]
            lengths = np.asarray(counts.sum(axis=1)).ravel()
            avgdl = lengths.mean() if n and lengths.mean() > 0 else 1.0
            df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64)
            idf = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)
            norm = self.k1 * (1.0 - self.b + self.b * lengths / avgdl)
            row_of = np.repeat(np.arange(n), np.diff(counts.indptr))
            tf = counts.data
            data = tf * (self.k1 + 1.0) / (tf + norm[row_of]) * idf[counts.indices]
            weights = sp.csr_matrix(
                (data.astype(np.float32), counts.indices, counts.indptr), shape=counts.shape
            ).tocsc()
            self._cache = (weights, idf)
        return self._cache

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every document for ``query`` (a repeated query term counts once per use)."""
        weights, _ = self._weights()
        out = np.zeros(len(self), dtype=np.float32)
        for term, qtf in Counter(self.analyse(query)).items():
            col = self.vocab.get(term)
            if col is None:
                continue
            start, stop = weights.indptr[col], weights.indptr[col + 1]
            out[weights.indices[start:stop]] += qtf * weights.data[start:stop]
        return out

    def search(self, query: str, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Top-``k`` row positions and scores (only documents sharing a term with the query)."""
        scores = self.scores(query)
        hit = np.flatnonzero(scores > 0)
        if hit.size == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        if hit.size > k:
            hit = hit[np.argpartition(-scores[hit], k - 1)[:k]]
        order = np.lexsort((hit, -scores[hit]))  # score desc, then position asc (deterministic)
        hit = hit[order]
        return hit, scores[hit]

    # -- persistence -----------------------------------------------------------------------
    def save(self, directory: Path) -> None:
        terms = sorted(self.vocab, key=self.vocab.__getitem__)
        sp.save_npz(Path(directory) / "bm25_counts.npz", self.counts.tocsr())
        (Path(directory) / "bm25_vocab.txt").write_text("\n".join(terms), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path, k1: float, b: float, *, terms: bool = False) -> BM25:
        bm25 = cls(k1=k1, b=b, terms=terms)
        try:
            bm25.counts = sp.load_npz(Path(directory) / "bm25_counts.npz").tocsr()
            text = (Path(directory) / "bm25_vocab.txt").read_text(encoding="utf-8")
        except (OSError, ValueError) as exc:
            raise IndexFormatError(f"cannot read the lexical index in {directory}: {exc}") from exc
        terms = text.split("\n") if text else []
        bm25.vocab = {t: i for i, t in enumerate(terms)}
        if bm25.counts.shape[1] != len(terms):
            raise IndexFormatError(
                f"lexical index in {directory} is inconsistent: {bm25.counts.shape[1]} columns, "
                f"{len(terms)} terms"
            )
        return bm25
