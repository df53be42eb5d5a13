"""A preallocated key/value cache with one independent length per batch row ("slot").

Each layer owns two buffers of shape ``[slots, n_kv_heads, max_len, head_dim]``. Slot ``b``
holds ``lengths[b]`` valid positions; a forward call with ``kv_cache=`` writes its new tokens
at ``lengths[b], lengths[b] + 1, ...`` of each row it touches, attends to everything before,
then advances the lengths. Rows never see each other's entries, so a server can prefill a new
request into a free slot (``cache.slots([s])``) while other slots are mid-decode, and decode
all active slots together (``cache.slots(active)``), each at its own position.

>>> import torch
>>> from havoc_model import HavocModel, KVCache, ModelConfig
>>> model = HavocModel(ModelConfig.from_preset("tiny")).eval()
>>> cache = KVCache.for_model(model, batch_size=2, max_len=32)
>>> logits = model(torch.tensor([[5, 6, 7]]), kv_cache=cache.slots([1]))   # prefill slot 1
>>> cache.lengths.tolist()
[0, 3]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import torch


class KVCache:
    """Per-layer K/V buffers ``[batch, n_kv_heads, max_len, head_dim]`` plus per-row lengths.

    ``lengths`` is a CPU ``int64`` tensor (bookkeeping stays on the host, so checking bounds
    never synchronises with an accelerator). Use ``slots(rows)`` to run a forward call on a
    subset of rows and ``reset(rows)`` to free them.
    """

    def __init__(
        self,
        n_layers: int,
        batch_size: int,
        max_len: int,
        n_kv_heads: int,
        head_dim: int,
        *,
        device: torch.device | str | None = None,
        dtype: torch.dtype = torch.float32,
    ) -> None:
        for name, value in (
            ("n_layers", n_layers),
            ("batch_size", batch_size),
            ("max_len", max_len),
            ("n_kv_heads", n_kv_heads),
            ("head_dim", head_dim),
        ):
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"KVCache {name} must be a positive integer, got {value!r}")
        shape = (batch_size, n_kv_heads, max_len, head_dim)
        self.keys = [torch.zeros(shape, device=device, dtype=dtype) for _ in range(n_layers)]
        self.values = [torch.zeros(shape, device=device, dtype=dtype) for _ in range(n_layers)]
        self.lengths = torch.zeros(batch_size, dtype=torch.long)
        self.batch_size = batch_size
        self.max_len = max_len
        self.n_layers = n_layers

    @classmethod
    def for_model(
        cls,
        model: torch.nn.Module,
        batch_size: int,
        max_len: int | None = None,
        *,
        device: torch.device | str | None = None,
        dtype: torch.dtype | None = None,
    ) -> KVCache:
        """A cache shaped for ``model`` (defaults: its device and dtype, ``max_seq_len``)."""
        cfg = model.config
        max_len = cfg.max_seq_len if max_len is None else max_len
        if isinstance(max_len, int) and max_len > cfg.max_seq_len:
            raise ValueError(
                f"KVCache max_len {max_len} exceeds the model's max_seq_len {cfg.max_seq_len}"
            )
        ref = next(model.parameters())
        return cls(
            cfg.n_layers,
            batch_size,
            max_len,
            cfg.n_kv_heads,
            cfg.head_dim,
            device=ref.device if device is None else device,
            dtype=ref.dtype if dtype is None else dtype,
        )

    @property
    def device(self) -> torch.device:
        return self.keys[0].device

    def slots(self, rows: Sequence[int] | torch.Tensor) -> KVCacheView:
        """A view of some rows; pass it as ``kv_cache=`` with a batch of ``len(rows)``."""
        return KVCacheView(self, _as_row_index(rows, self.batch_size))

    def reset(self, rows: Sequence[int] | torch.Tensor | None = None) -> None:
        """Free rows (all by default): their length goes back to 0, old entries are ignored."""
        if rows is None:
            self.lengths.zero_()
        else:
            self.lengths[_as_row_index(rows, self.batch_size)] = 0

    def nbytes(self) -> int:
        return sum(t.numel() * t.element_size() for t in (*self.keys, *self.values))


@dataclass(frozen=True)
class KVCacheView:
    """Some rows of a `KVCache` (made by `KVCache.slots`)."""

    cache: KVCache
    rows: torch.Tensor  # CPU int64, unique, in the order of the forward call's batch

    @property
    def lengths(self) -> torch.Tensor:
        return self.cache.lengths[self.rows]


def _as_row_index(rows: Sequence[int] | torch.Tensor, batch_size: int) -> torch.Tensor:
    index = torch.as_tensor(rows, dtype=torch.long).cpu().reshape(-1)
    if index.numel() == 0:
        raise ValueError("KVCache rows must not be empty")
    if int(index.min()) < 0 or int(index.max()) >= batch_size:
        raise ValueError(f"KVCache rows {index.tolist()} out of range for {batch_size} slots")
    if index.unique().numel() != index.numel():
        raise ValueError(f"KVCache rows must be distinct, got {index.tolist()}")
    return index


class CacheStep:
    """What one forward call does to the cache: where to write, what to read, the mask.

    Built once per forward by the model and shared by all layers.
    """

    def __init__(
        self,
        kv_cache: KVCache | KVCacheView,
        batch: int,
        seq_len: int,
        n_new: torch.Tensor,
        device: torch.device,
    ) -> None:
        if isinstance(kv_cache, KVCacheView):
            cache, rows = kv_cache.cache, kv_cache.rows
        elif isinstance(kv_cache, KVCache):
            cache, rows = kv_cache, torch.arange(kv_cache.batch_size)
        else:
            raise ValueError(f"kv_cache must be a KVCache or KVCacheView, got {type(kv_cache)}")
        if rows.numel() != batch:
            raise ValueError(
                f"input batch has {batch} rows but the kv_cache selects {rows.numel()} slot(s)"
            )
        # Bookkeeping in Python ints: a decode step then costs no tensor ops here but the
        # positions tensor (and, for uneven rows, the write mask).
        row_list = rows.tolist()
        all_lengths = cache.lengths.tolist()
        start_list = [all_lengths[r] for r in row_list]
        key_len = max(start_list) + seq_len
        if key_len > cache.max_len:
            raise ValueError(
                f"kv_cache overflow: slot lengths {start_list} + {seq_len} new tokens exceed "
                f"max_len {cache.max_len}"
            )
        self.cache = cache
        self.rows = rows
        self.n_new = n_new
        self.key_len = key_len  # attend only to the filled prefix of the buffers
        lo = row_list[0]
        contiguous = row_list == list(range(lo, lo + batch))
        self._row_slice = slice(lo, lo + batch) if contiguous else None
        same_start = all(s == start_list[0] for s in start_list)
        self._start = start_list[0] if same_start else None
        self.start = self._start  # the common start position of all rows, or None
        if same_start:
            start = start_list[0]
            self.positions = torch.arange(start, start + seq_len, device=device).expand(
                batch, seq_len
            )  # [B, T] default RoPE positions
        else:
            starts = torch.tensor(start_list)
            self.positions = (starts[:, None] + torch.arange(seq_len)).to(device)
            self._rows_dev = rows.to(device)[:, None]
            self._write_pos = self.positions
        # Mask: query t of row b sees key j iff j <= start_b + t (the row's own past + causal).
        if same_start and seq_len == 1:
            self.mask = None  # every row sees all key_len entries
            self.causal = False
        elif same_start and self._start == 0:
            self.mask = None
            self.causal = True  # a plain causal prefill
        else:
            keys = torch.arange(self.key_len, device=device)
            self.mask = (keys[None, None, :] <= self.positions[:, :, None])[:, None]
            self.causal = False

    def update(
        self, layer: int, k: torch.Tensor, v: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Store new ``k``/``v`` ``[B, Hkv, T, D]`` and return the keys/values to attend to."""
        kbuf, vbuf = self.cache.keys[layer], self.cache.values[layer]
        rs = self._row_slice
        if self._start is not None:
            t = slice(self._start, self._start + k.shape[2])
            if rs is not None:
                kbuf[rs, :, t] = k
                vbuf[rs, :, t] = v
            else:
                rows = self.rows.to(kbuf.device)
                kbuf[rows, :, t] = k
                vbuf[rows, :, t] = v
        else:
            kbuf[self._rows_dev, :, self._write_pos] = k.transpose(1, 2)
            vbuf[self._rows_dev, :, self._write_pos] = v.transpose(1, 2)
        if rs is not None:
            return kbuf[rs, :, : self.key_len], vbuf[rs, :, : self.key_len]
        rows = self.rows.to(kbuf.device)
        return kbuf[rows, :, : self.key_len], vbuf[rows, :, : self.key_len]

    def commit(self) -> None:
        """Advance the lengths of the touched rows by their number of real new tokens."""
        self.cache.lengths[self.rows] += self.n_new


class StaticStep:
    """One decode token per row at explicit positions, over the whole of every buffer.

    The static-shape counterpart of `CacheStep` for `HavocModel.decode_step`: shapes depend
    only on the cache (``[slots, n_kv_heads, max_len, head_dim]``), never on how full it is,
    so a compiled step is traced once. Entries past a row's position are masked out.
    """

    def __init__(self, cache: KVCache, positions: torch.Tensor) -> None:
        self.cache = cache
        self.positions = positions  # [B] int64 on the cache's device
        self.rows = torch.arange(positions.shape[0], device=positions.device)
        keys = torch.arange(cache.max_len, device=positions.device)
        # [B, 1, 1, max_len]: row b's query sees keys 0..positions[b].
        self.mask = (keys[None, :] <= positions[:, None])[:, None, None]
        self.causal = False

    def update(
        self, layer: int, k: torch.Tensor, v: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        kbuf, vbuf = self.cache.keys[layer], self.cache.values[layer]
        kbuf[self.rows, :, self.positions] = k[:, :, 0].to(kbuf.dtype)
        vbuf[self.rows, :, self.positions] = v[:, :, 0].to(vbuf.dtype)
        return kbuf, vbuf
