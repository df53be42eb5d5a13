"""`PackedDataset`: fixed-length windows over packed shards, a pure function of (seed, step)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

from havoc_data.build import read_index
from havoc_data.errors import DataError


class PackedDataset:
    """Fixed-length training windows over a built dataset, deterministic from (seed, step).

    The split's shards form one token stream of N tokens. Epoch e uses windows starting at
    ``offset_e + k * seq_len`` (``offset_e`` in [0, seq_len) drawn from (seed, e)) visited in a
    permutation drawn from (seed, e). Global sample g is window ``g % num_windows`` of epoch
    ``g // num_windows``, and ``batch(step, B, rank, world_size)`` holds global samples
    ``(step * world_size + rank) * B + i``. So a run resumed at step s sees exactly the batches
    it would have seen, on any number of ranks, with no iterator state to save.

    >>> ds = PackedDataset("runs/data", seq_len=256, split="train", seed=0)  # doctest: +SKIP
    >>> inputs, targets = ds.batch(step=0, batch_size=8)   # LongTensors [8, 256]
    """

    def __init__(
        self, directory: str | os.PathLike[str], seq_len: int, split: str = "train", seed: int = 0
    ) -> None:
        self.directory = Path(directory)
        self.index = read_index(self.directory)
        if split not in self.index["splits"]:
            raise DataError(f"split must be one of {sorted(self.index['splits'])}, got {split!r}")
        if not isinstance(seq_len, int) or seq_len < 1:
            raise DataError(f"seq_len must be a positive integer, got {seq_len!r}")
        self.split, self.seq_len, self.seed = split, seq_len, int(seed)
        info = self.index["splits"][split]
        dtype = np.dtype(self.index["dtype"])
        self._shards: list[np.ndarray] = []
        for shard in info["shards"]:
            path = self.directory / shard["file"]
            if not path.is_file():
                raise DataError(f"shard missing: {path}")
            if path.stat().st_size != shard["tokens"] * dtype.itemsize:
                raise DataError(
                    f"shard {path} has {path.stat().st_size} bytes, index says "
                    f"{shard['tokens']} tokens of {dtype.name}"
                )
            self._shards.append(np.memmap(path, dtype=dtype, mode="r"))
        self._ends = np.cumsum([len(s) for s in self._shards], dtype=np.int64)
        self.num_tokens = int(self._ends[-1]) if len(self._ends) else 0
        # Highest offset is seq_len - 1 and a window reads seq_len + 1 tokens.
        self.num_windows = self.num_tokens // seq_len - 1
        if self.num_windows < 1:
            raise DataError(
                f"{split} split has {self.num_tokens} tokens; seq_len={seq_len} needs at least "
                f"{2 * seq_len} (use a smaller seq_len or more data)"
            )
        self._epoch = -1
        self._perm: np.ndarray = np.empty(0, dtype=np.int64)
        self._offset = 0

    def __len__(self) -> int:
        """Windows per epoch."""
        return self.num_windows

    def tokens(self, start: int, stop: int) -> np.ndarray:
        """Tokens [start, stop) of the split's stream (across shard boundaries)."""
        if not 0 <= start <= stop <= self.num_tokens:
            raise DataError(f"token range [{start}, {stop}) outside [0, {self.num_tokens})")
        parts = []
        shard = int(np.searchsorted(self._ends, start, side="right"))
        pos = start
        while pos < stop:
            base = int(self._ends[shard - 1]) if shard else 0
            end = min(stop, int(self._ends[shard]))
            parts.append(np.asarray(self._shards[shard][pos - base : end - base]))
            pos = end
            shard += 1
        return np.concatenate(parts) if len(parts) != 1 else parts[0]

    def _epoch_state(self, epoch: int) -> None:
        if epoch != self._epoch:
            rng = np.random.default_rng([self.seed, epoch])
            self._offset = int(rng.integers(0, self.seq_len))
            self._perm = rng.permutation(self.num_windows)
            self._epoch = epoch

    def window_start(self, sample: int) -> int:
        """Stream position where global sample `sample` starts."""
        if sample < 0:
            raise DataError(f"sample index must be >= 0, got {sample}")
        epoch, k = divmod(int(sample), self.num_windows)
        self._epoch_state(epoch)
        return self._offset + int(self._perm[k]) * self.seq_len

    def window(self, sample: int) -> np.ndarray:
        """The ``seq_len + 1`` tokens of global sample `sample`."""
        start = self.window_start(sample)
        return self.tokens(start, start + self.seq_len + 1)

    def batch(
        self, step: int, batch_size: int, rank: int = 0, world_size: int = 1
    ) -> tuple[Any, Any]:
        """(inputs, targets), int64 tensors of shape [batch_size, seq_len] for this rank."""
        import torch

        if batch_size < 1 or world_size < 1 or not 0 <= rank < world_size or step < 0:
            raise DataError(
                f"need step >= 0, batch_size >= 1, 0 <= rank < world_size; got step={step}, "
                f"batch_size={batch_size}, rank={rank}, world_size={world_size}"
            )
        first = (int(step) * world_size + rank) * batch_size
        rows = np.stack([self.window(first + i) for i in range(batch_size)]).astype(np.int64)
        data = torch.from_numpy(rows)
        return data[:, :-1].contiguous(), data[:, 1:].contiguous()

    def epoch_of(self, step: int, batch_size: int, world_size: int = 1) -> float:
        """Fractional epochs completed after `step` steps."""
        return step * batch_size * world_size / self.num_windows
