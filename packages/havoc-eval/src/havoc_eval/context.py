"""What a benchmark gets to work with: the seed, the checkpoint (loaded lazily), an index, progress."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from havoc_eval.errors import EvalError, SkipBenchmark

T = TypeVar("T")
DTYPES = ("auto", "fp32", "bf16", "fp16")


def seed_everything(seed: int) -> None:
    """Seed Python, numpy and torch (all devices) so a benchmark's numbers repeat exactly."""
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)


@dataclass
class EvalContext:
    """Shared state for one run. The model, tokenizer and index load on first use and are reused.

    ``progress(total, description)`` returns a callback ``advance(n)`` that drives the live display
    (a no-op when nothing is displayed); ``track(items)`` wraps an iterable with it.
    """

    seed: int = 0
    checkpoint: Path | None = None
    device: str | None = None
    dtype: str = "auto"
    index_path: Path | None = None
    work_dir: Path | None = None
    limit: int | None = None
    progress_factory: Callable[[int, str], Callable[[int], None]] | None = None
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or self.seed < 0:
            raise EvalError(f"seed must be a non-negative integer, got {self.seed!r}")
        if self.limit is not None and (
            isinstance(self.limit, bool) or not isinstance(self.limit, int) or self.limit < 1
        ):
            raise EvalError(f"limit must be a positive integer, got {self.limit!r}")
        if self.dtype not in DTYPES:
            raise EvalError(f"dtype must be one of {DTYPES}, got {self.dtype!r}")
        if self.checkpoint is not None:
            self.checkpoint = Path(self.checkpoint)
            if not (self.checkpoint / "config.json").is_file():
                raise EvalError(
                    f"checkpoint {self.checkpoint} is not a HAVOC checkpoint folder "
                    "(no config.json; see docs/ARCHITECTURE.md §3)"
                )
        if self.index_path is not None:
            self.index_path = Path(self.index_path)
            if not self.index_path.is_dir():
                raise EvalError(f"index folder {self.index_path} does not exist")

    # ---- data subsets ----------------------------------------------------------------------
    def subset(self, items: list[T], key: Callable[[T], str] | None = None) -> list[T]:
        """At most ``limit`` items (all without a limit): round-robin over ``key`` groups, so a
        small subset still covers every group, in the original order."""
        if self.limit is None or len(items) <= self.limit:
            return list(items)
        if key is None:
            return list(items[: self.limit])
        groups: dict[str, list[int]] = {}
        for i, item in enumerate(items):
            groups.setdefault(key(item), []).append(i)
        chosen: list[int] = []
        depth = 0
        while len(chosen) < self.limit:
            for members in groups.values():
                if depth < len(members) and len(chosen) < self.limit:
                    chosen.append(members[depth])
            depth += 1
        return [items[i] for i in sorted(chosen)]

    def versioned(self, version: str, used: int, total: int) -> str:
        """``version`` marked with the subset size when a limit cut the data."""
        return version if used == total else f"{version}+subset-{used}-of-{total}"

    # ---- progress -------------------------------------------------------------------------
    def progress(self, total: int, description: str) -> Callable[[int], None]:
        if self.progress_factory is None:
            return lambda n=1: None
        return self.progress_factory(total, description)

    def track(self, items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
        items = list(items) if total is None else items
        advance = self.progress(total if total is not None else len(items), description)
        for item in items:
            yield item
            advance(1)

    # ---- resources ------------------------------------------------------------------------
    @property
    def torch_device(self):
        import torch

        if self.device:
            return torch.device(self.device)
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")

    def require_checkpoint(self) -> Path:
        if self.checkpoint is None:
            raise SkipBenchmark("needs a checkpoint (pass --checkpoint CKPT)")
        return self.checkpoint

    @property
    def model(self):
        """The checkpoint's model in eval mode (skips the benchmark when there is no checkpoint)."""
        if "model" not in self._cache:
            import torch
            from havoc_model import HavocModel

            ckpt = self.require_checkpoint()
            dtype = {
                "auto": None,
                "fp32": torch.float32,
                "bf16": torch.bfloat16,
                "fp16": torch.float16,
            }[self.dtype]
            model = HavocModel.from_pretrained(ckpt, device=self.torch_device, dtype=dtype)
            self._cache["model"] = model.eval()
        return self._cache["model"]

    @property
    def tokenizer(self):
        """The checkpoint's tokenizer (``<ckpt>/tokenizer/``)."""
        if "tokenizer" not in self._cache:
            from havoc_tokenizer import HavocTokenizer

            folder = self.require_checkpoint() / "tokenizer"
            if not (folder / "tokenizer.model").is_file():
                raise EvalError(
                    f"checkpoint {self.checkpoint} has no tokenizer/tokenizer.model; "
                    "save one with the checkpoint (havoc model init --tokenizer DIR)"
                )
            self._cache["tokenizer"] = HavocTokenizer.from_pretrained(folder)
        return self._cache["tokenizer"]

    @property
    def index(self):
        """The retrieval index: ``--index DIR`` if given, else the bundled handbook index."""
        if "index" not in self._cache:
            from havoc_rag import Index, default_index

            self._cache["index"] = (
                Index.load(self.index_path) if self.index_path is not None else default_index()
            )
        return self._cache["index"]

    def plot_path(self, name: str) -> Path | None:
        """Where to save a plot (``<out>/plots/<name>``), or None when the run writes no files."""
        if self.work_dir is None:
            return None
        folder = self.work_dir / "plots"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / name
