"""Embedders: the protocol, the default local hashing embedder and two optional model backends.

Every embedder returns float32 rows of unit L2 norm, so inner product equals cosine similarity.
An embedder is identified by its :meth:`~Embedder.config` (a JSON-able dict with a ``name``);
the index stores it and refuses to mix vectors from a different configuration.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
import scipy.sparse as sp

from havoc_rag.errors import EmbedderMismatchError, RagError
from havoc_rag.text import STOPWORDS, normalise, words


@runtime_checkable
class Embedder(Protocol):
    """What the index needs from an embedder.

    ``fit`` sees the corpus once when an index is built (a no-op for pretrained models);
    ``embed`` maps texts to an ``(n, dim)`` float32 array of unit-norm rows; ``config`` identifies
    the embedder and its settings; ``save``/``load_state`` persist whatever ``fit`` learned.
    """

    @property
    def dim(self) -> int: ...

    def config(self) -> dict[str, Any]: ...

    def fit(self, texts: Sequence[str]) -> None: ...

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...

    def save(self, directory: Path) -> None: ...

    def load_state(self, directory: Path) -> None: ...


def l2_normalise(matrix: np.ndarray) -> np.ndarray:
    """Scale each row to unit L2 norm (all-zero rows stay zero)."""
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


def _stable_hash(feature: str) -> int:
    # crc32 is stable across processes and platforms, unlike Python's salted hash().
    return zlib.crc32(feature.encode("utf-8"))


class HashingEmbedder:
    """Hashed word and character n-gram TF-IDF vectors: the default, download-free embedder.

    Half of the ``dim`` buckets hold word unigrams and bigrams (stop words dropped), the other
    half character n-grams (``char_ngrams``, inside word boundaries), each feature hashed with
    crc32 and a sign bit so collisions tend to cancel. Term counts get sublinear weighting
    ``1 + log(tf)``, buckets get a smoothed IDF ``log((1 + N) / (1 + df)) + 1`` fitted on the
    indexed corpus, each half is L2-normalised and the halves are mixed with ``char_weight``
    (so the character half lets "aliased" meet "aliasing" and "normality" meet "normal").

    >>> emb = HashingEmbedder(dim=256)
    >>> emb.fit(["Welch's t-test for unequal variances", "Levene's test of equal variances"])
    >>> emb.embed(["unequal variance t test"]).shape
    (1, 256)
    """

    name = "hashing"

    def __init__(
        self, dim: int = 4096, char_ngrams: tuple[int, int] = (3, 5), char_weight: float = 0.9
    ) -> None:
        if dim < 16 or dim % 2:
            raise RagError(f"HashingEmbedder dim must be an even number >= 16, got {dim}")
        lo, hi = char_ngrams
        if not 1 <= lo <= hi <= 8:
            raise RagError(f"char_ngrams must satisfy 1 <= lo <= hi <= 8, got {char_ngrams}")
        if not 0.0 <= char_weight <= 1.0:
            raise RagError(f"char_weight must be in [0, 1], got {char_weight}")
        self._dim = int(dim)
        self.char_ngrams = (int(lo), int(hi))
        self.char_weight = float(char_weight)
        self.idf: np.ndarray | None = None
        self._half = self._dim // 2
        self._word_cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    @property
    def dim(self) -> int:
        return self._dim

    def config(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "dim": self._dim,
            "char_ngrams": list(self.char_ngrams),
            "char_weight": self.char_weight,
        }

    # -- features ---------------------------------------------------------------------------
    def _bucket(self, feature: str, offset: int) -> tuple[int, float]:
        h = _stable_hash(feature)
        return offset + (h % self._half), (1.0 if h & 0x80000000 else -1.0)

    def _word_features(self, word: str) -> tuple[np.ndarray, np.ndarray]:
        """Bucket indices and signed weights of one word (unigram + its character n-grams)."""
        cached = self._word_cache.get(word)
        if cached is not None:
            return cached
        idx: list[int] = []
        val: list[float] = []
        if word not in STOPWORDS:
            b, s = self._bucket("w:" + word, 0)
            idx.append(b)
            val.append(s)
        padded = f"<{word}>"
        lo, hi = self.char_ngrams
        for n in range(lo, hi + 1):
            for i in range(len(padded) - n + 1):
                b, s = self._bucket("c:" + padded[i : i + n], self._half)
                idx.append(b)
                val.append(s)
        out = (np.asarray(idx, dtype=np.int64), np.asarray(val, dtype=np.float32))
        if len(self._word_cache) < 500_000:
            self._word_cache[word] = out
        return out

    def _counts(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Signed, hashed feature counts, one row per text (before TF and IDF weighting)."""
        rows: list[np.ndarray] = []
        cols: list[np.ndarray] = []
        vals: list[np.ndarray] = []
        for r, text in enumerate(texts):
            tokens = words(text)
            parts_i: list[np.ndarray] = []
            parts_v: list[np.ndarray] = []
            for w in tokens:
                i, v = self._word_features(w)
                parts_i.append(i)
                parts_v.append(v)
            content = [w for w in tokens if w not in STOPWORDS]
            if len(content) > 1:
                bi = [
                    self._bucket(f"b:{a} {b}", 0)
                    for a, b in zip(content, content[1:], strict=False)
                ]
                parts_i.append(np.fromiter((b for b, _ in bi), dtype=np.int64, count=len(bi)))
                parts_v.append(np.fromiter((s for _, s in bi), dtype=np.float32, count=len(bi)))
            if parts_i:
                ci = np.concatenate(parts_i)
                rows.append(np.full(ci.shape, r, dtype=np.int64))
                cols.append(ci)
                vals.append(np.concatenate(parts_v))
        n = len(texts)
        if not rows:
            return sp.csr_matrix((n, self._dim), dtype=np.float32)
        matrix = sp.coo_matrix(
            (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
            shape=(n, self._dim),
            dtype=np.float32,
        ).tocsr()
        matrix.sum_duplicates()
        matrix.eliminate_zeros()
        return matrix

    # -- protocol -------------------------------------------------------------------------
    def fit(self, texts: Sequence[str]) -> None:
        """Fit the bucket IDF on ``texts`` (the collection being indexed)."""
        if not texts:
            raise RagError("cannot fit the embedder on an empty collection")
        counts = self._counts(texts)
        df = np.bincount(counts.indices, minlength=self._dim).astype(np.float64)
        n = counts.shape[0]
        self.idf = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if self.idf is None:
            raise RagError("HashingEmbedder is not fitted: call fit() on the corpus first")
        if isinstance(texts, str):
            raise RagError("embed() takes a list of texts, not a single string")
        counts = self._counts(texts)
        data = counts.data
        counts.data = (np.sign(data) * (1.0 + np.log(np.abs(data)))).astype(np.float32)
        weighted = counts.multiply(self.idf[None, :]).tocsr()
        dense = weighted.toarray().astype(np.float32, copy=False)
        half = self._half
        out = np.empty_like(dense)
        out[:, :half] = l2_normalise(dense[:, :half]) * np.sqrt(1.0 - self.char_weight)
        out[:, half:] = l2_normalise(dense[:, half:]) * np.sqrt(self.char_weight)
        return l2_normalise(out)

    def save(self, directory: Path) -> None:
        if self.idf is None:
            raise RagError("cannot save an unfitted HashingEmbedder")
        np.save(Path(directory) / "idf.npy", self.idf)

    def load_state(self, directory: Path) -> None:
        path = Path(directory) / "idf.npy"
        try:
            idf = np.load(path, allow_pickle=False)
        except (OSError, ValueError) as exc:
            raise RagError(f"cannot read the embedder IDF at {path}: {exc}") from exc
        if idf.shape != (self._dim,):
            raise RagError(f"IDF at {path} has shape {idf.shape}, expected ({self._dim},)")
        self.idf = idf.astype(np.float32)


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded from a local folder (never downloaded).

    Needs the optional extra: ``pip install 'havoc-rag[st]'``.
    """

    name = "st"

    def __init__(self, model_path: str | Path, *, device: str | None = None, batch_size: int = 32):
        path = Path(model_path).expanduser()
        if not path.is_dir():
            raise RagError(
                f"sentence-transformers model folder not found: {model_path} "
                "(only local folders are loaded; nothing is downloaded)"
            )
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise RagError(
                "the 'st' embedder needs sentence-transformers: pip install 'havoc-rag[st]'"
            ) from exc
        self.model_path = str(path.resolve())
        self.batch_size = batch_size
        self._model = SentenceTransformer(self.model_path, device=device, local_files_only=True)
        get_dim = getattr(self._model, "get_sentence_embedding_dimension", None)
        self._dim = int(get_dim()) if get_dim else int(self.embed(["x"]).shape[1])

    @property
    def dim(self) -> int:
        return self._dim

    def config(self) -> dict[str, Any]:
        return {"name": self.name, "model_path": self.model_path, "dim": self._dim}

    def fit(self, texts: Sequence[str]) -> None:
        return None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self._model.encode(
            list(texts), batch_size=self.batch_size, convert_to_numpy=True, show_progress_bar=False
        )
        return l2_normalise(np.asarray(vectors, dtype=np.float32))

    def save(self, directory: Path) -> None:
        return None

    def load_state(self, directory: Path) -> None:
        return None


#: ``encode(texts) -> (hidden_states [batch, seq, d], attention_mask [batch, seq])``
HiddenStateEncoder = Callable[[Sequence[str]], tuple[Any, Any]]


def _to_numpy(x: Any) -> np.ndarray:
    """Accept numpy arrays and torch tensors (on any device, any dtype) without importing torch."""
    if hasattr(x, "detach"):
        x = x.detach().float().cpu().numpy()
    return np.asarray(x, dtype=np.float32)


class MeanPoolEmbedder:
    """Mean-pooled hidden states of a language model, e.g. a HAVOC checkpoint.

    havoc-rag does not depend on havoc-model (docs/ARCHITECTURE.md, dependency arrows), so this class takes any
    ``encode(texts) -> (hidden_states, attention_mask)`` callable: hidden states ``[batch, seq, d]``
    and a 0/1 mask ``[batch, seq]``, as numpy arrays or torch tensors on any device. Padding
    positions are excluded from the mean. ``identity`` names the model (for example the checkpoint
    path and its step) and is stored with the index so a different model is refused.

    >>> import numpy as np
    >>> enc = lambda texts: (np.ones((len(texts), 3, 4)), np.ones((len(texts), 3)))
    >>> MeanPoolEmbedder(enc, identity="demo", dim=4).embed(["a", "b"]).shape
    (2, 4)
    """

    name = "mean-pool"

    def __init__(
        self, encode: HiddenStateEncoder, *, identity: str, dim: int, batch_size: int = 16
    ) -> None:
        if not callable(encode):
            raise RagError("MeanPoolEmbedder needs a callable encode(texts) -> (hidden, mask)")
        if not identity:
            raise RagError("MeanPoolEmbedder needs an identity naming the model")
        self._encode = encode
        self.identity = identity
        self._dim = int(dim)
        self.batch_size = batch_size

    @property
    def dim(self) -> int:
        return self._dim

    def config(self) -> dict[str, Any]:
        return {"name": self.name, "identity": self.identity, "dim": self._dim}

    def fit(self, texts: Sequence[str]) -> None:
        return None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        for start in range(0, len(texts), self.batch_size):
            batch = list(texts[start : start + self.batch_size])
            hidden, mask = self._encode(batch)
            hidden, mask = _to_numpy(hidden), _to_numpy(mask)
            if hidden.ndim != 3 or mask.shape != hidden.shape[:2] or hidden.shape[2] != self._dim:
                raise RagError(
                    f"encode() returned hidden {hidden.shape} and mask {mask.shape}; expected "
                    f"[{len(batch)}, seq, {self._dim}] and [{len(batch)}, seq]"
                )
            summed = (hidden * mask[:, :, None]).sum(axis=1)
            counts = np.maximum(mask.sum(axis=1, keepdims=True), 1.0)
            out[start : start + len(batch)] = summed / counts
        return l2_normalise(out)

    def save(self, directory: Path) -> None:
        return None

    def load_state(self, directory: Path) -> None:
        return None


def make_embedder(spec: str = "hashing") -> Embedder:
    """Build an embedder from a CLI-style name.

    ``"hashing"`` (default) or ``"hashing:DIM"``; ``"minilm"`` for the bundled all-MiniLM-L6-v2
    (:class:`~havoc_rag.minilm.MiniLMEmbedder`, shared instance); ``"st:/path/to/model"`` for a local
    sentence-transformers folder. Model-backed :class:`MeanPoolEmbedder` objects are built in code
    (they wrap a loaded model) and passed to :meth:`Index.build` / :meth:`Index.load` directly.
    """
    kind, _, arg = spec.partition(":")
    kind = kind.strip().lower()
    if kind == "hashing":
        if not arg:
            return HashingEmbedder()
        try:
            return HashingEmbedder(dim=int(arg))
        except ValueError as exc:
            raise RagError(f"bad hashing embedder spec {spec!r}: {exc}") from exc
    if kind == "minilm":
        from havoc_rag.minilm import MiniLMEmbedder

        return MiniLMEmbedder.shared()
    if kind == "st":
        if not arg:
            raise RagError("the st embedder needs a local model folder: 'st:/path/to/model'")
        return SentenceTransformerEmbedder(arg)
    raise RagError(
        f"unknown embedder {spec!r}: use 'minilm', 'hashing', 'hashing:DIM' or "
        "'st:/path/to/model' "
        "(HAVOC checkpoints: build a MeanPoolEmbedder in Python)"
    )


def embedder_from_config(config: dict[str, Any]) -> Embedder:
    """Rebuild the embedder an index was saved with (hashing, minilm and st only)."""
    name = config.get("name")
    if name == "minilm":
        from havoc_rag.minilm import MiniLMEmbedder

        embedder = MiniLMEmbedder.shared()
        if config.get("max_tokens", embedder.max_tokens) != embedder.max_tokens:
            embedder = MiniLMEmbedder(max_tokens=int(config["max_tokens"]))
        return embedder
    if name == "hashing":
        return HashingEmbedder(
            dim=int(config["dim"]),
            char_ngrams=tuple(config["char_ngrams"]),  # type: ignore[arg-type]
            char_weight=float(config["char_weight"]),
        )
    if name == "st":
        return SentenceTransformerEmbedder(config["model_path"])
    raise EmbedderMismatchError(
        f"this index was built with the {name!r} embedder "
        f"({json.dumps(config, sort_keys=True)}); pass the same embedder to Index.load(...)"
    )


def check_same_config(expected: dict[str, Any], given: dict[str, Any]) -> None:
    """Raise :class:`EmbedderMismatchError` unless the two embedder configs are identical."""
    if expected != given:
        raise EmbedderMismatchError(
            "the index was built with embedder "
            f"{json.dumps(expected, sort_keys=True)} but {json.dumps(given, sort_keys=True)} "
            "was given; rebuild the index or load it with the original embedder"
        )


# Re-exported so users can normalise queries exactly as the embedder does.
__all__ = [
    "Embedder",
    "HashingEmbedder",
    "HiddenStateEncoder",
    "MeanPoolEmbedder",
    "SentenceTransformerEmbedder",
    "check_same_config",
    "embedder_from_config",
    "l2_normalise",
    "make_embedder",
    "normalise",
]
