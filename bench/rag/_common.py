"""Shared by the RAG quality and relevance benchmarks: handbook indexes whose MiniLM vectors are
computed once per run (a memo wrapper), so several index settings can be compared cheaply."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from havoc_rag import (
    Chunk,
    HashingEmbedder,
    Index,
    IndexConfig,
    MiniLMEmbedder,
    chunk_paths,
    handbook_config,
    handbook_dir,
)


class MemoEmbedder:
    """Wraps an embedder and remembers each text's vector (same config, so same identity)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name = inner.name
        self._memo: dict[str, np.ndarray] = {}

    @property
    def dim(self) -> int:
        return self.inner.dim

    def config(self) -> dict[str, Any]:
        return self.inner.config()

    def fit(self, texts: Sequence[str]) -> None:
        self.inner.fit(texts)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._memo]
        if missing:
            for text, vector in zip(missing, self.inner.embed(missing), strict=True):
                self._memo[text] = vector
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._memo[t] for t in texts])

    def save(self, directory: Path) -> None:
        self.inner.save(directory)

    def load_state(self, directory: Path) -> None:
        self.inner.load_state(directory)


_NEURAL: MemoEmbedder | None = None


def neural() -> MemoEmbedder:
    global _NEURAL
    if _NEURAL is None:
        _NEURAL = MemoEmbedder(MiniLMEmbedder.shared())
    return _NEURAL


def handbook_chunks(lead: bool = True) -> list[Chunk]:
    """The handbook's chunks, with or without each note's lead paragraph in their text."""
    config = IndexConfig()
    chunks, _ = chunk_paths(
        [handbook_dir()],
        max_tokens=config.max_tokens,
        overlap_tokens=config.overlap_tokens,
        lead=lead,
    )
    return chunks


def handbook_index(kind: str, config: IndexConfig | None = None) -> Index:
    """``"neural+hashing"`` (the default handbook index), ``"neural"`` or ``"hashing"``."""
    config = config or handbook_config()
    chunks = handbook_chunks(config.chunk_lead)
    if kind == "neural+hashing":
        return Index.build(chunks, neural(), config, aux_embedder=HashingEmbedder())
    if kind == "neural":
        return Index.build(chunks, neural(), config)
    if kind == "hashing":
        return Index.build(chunks, HashingEmbedder(), config)
    raise ValueError(f"unknown index kind {kind!r}")
