"""`SFTDataset`: chat JSONL -> (inputs, targets) with the loss masked outside assistant turns."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from havoc_data.errors import DataError

IGNORE_INDEX = -100


class SFTDataset:
    """Supervised fine-tuning examples from chat JSONL (``{"messages": [...]}`` per line).

    Each conversation is encoded with the tokenizer's chat template; targets are the next token
    where that token belongs to an assistant turn (its content and closing ``<|end|>``) and
    ``-100`` everywhere else, including padding. Conversations longer than ``seq_len + 1`` tokens
    are truncated. Order is a pure function of (seed, step), like `PackedDataset`.

    >>> ds = SFTDataset("chats.jsonl", tok, seq_len=512, seed=0)  # doctest: +SKIP
    >>> inputs, targets = ds.batch(step=0, batch_size=4)
    """

    def __init__(
        self,
        paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
        tokenizer: Any,
        seq_len: int,
        seed: int = 0,
        field: str = "messages",
    ) -> None:
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        if not isinstance(seq_len, int) or seq_len < 2:
            raise DataError(f"seq_len must be an integer >= 2, got {seq_len!r}")
        from havoc_tokenizer import TokenizerError

        self.tokenizer, self.seq_len, self.seed = tokenizer, seq_len, int(seed)
        self.examples: list[tuple[np.ndarray, np.ndarray]] = []
        self.truncated = 0
        for raw in paths:
            path = Path(raw)
            if not path.is_file():
                raise DataError(f"SFT file not found: {path}")
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as err:
                    raise DataError(f"{path}:{n}: invalid JSON ({err.msg})") from err
                messages = record.get(field) if isinstance(record, dict) else None
                if not isinstance(messages, list):
                    raise DataError(f"{path}:{n}: expected a message list under {field!r}")
                try:
                    ids, mask = tokenizer.encode_chat_with_mask(messages)
                except TokenizerError as err:
                    raise DataError(f"{path}:{n}: {err}") from err
                if not any(mask):
                    raise DataError(f"{path}:{n}: conversation has no assistant turn to learn")
                if len(ids) > seq_len + 1:
                    ids, mask = ids[: seq_len + 1], mask[: seq_len + 1]
                    self.truncated += 1
                self.examples.append((np.asarray(ids, np.int64), np.asarray(mask, bool)))
        if not self.examples:
            raise DataError(f"no conversations in {[str(p) for p in paths]}")
        self._epoch = -1
        self._perm = np.empty(0, dtype=np.int64)

    def __len__(self) -> int:
        return len(self.examples)

    def example(self, sample: int) -> tuple[np.ndarray, np.ndarray]:
        """(inputs, targets) of global sample `sample`, unpadded."""
        epoch, k = divmod(int(sample), len(self.examples))
        if epoch != self._epoch:
            self._perm = np.random.default_rng([self.seed, epoch]).permutation(len(self.examples))
            self._epoch = epoch
        ids, mask = self.examples[int(self._perm[k])]
        targets = np.where(mask[1:], ids[1:], IGNORE_INDEX)
        return ids[:-1], targets

    def batch(
        self, step: int, batch_size: int, rank: int = 0, world_size: int = 1
    ) -> tuple[Any, Any]:
        """(inputs, targets) int64 tensors [batch_size, seq_len]; pad id / -100 after the end."""
        import torch

        if batch_size < 1 or world_size < 1 or not 0 <= rank < world_size or step < 0:
            raise DataError("need step >= 0, batch_size >= 1 and 0 <= rank < world_size")
        inputs = np.full((batch_size, self.seq_len), self.tokenizer.pad_id, dtype=np.int64)
        targets = np.full((batch_size, self.seq_len), IGNORE_INDEX, dtype=np.int64)
        first = (int(step) * world_size + rank) * batch_size
        for i in range(batch_size):
            x, y = self.example(first + i)
            inputs[i, : len(x)] = x
            targets[i, : len(y)] = y
        return torch.from_numpy(inputs), torch.from_numpy(targets)
