"""First-use preparation and the data the trainer reads (through havoc-tokenizer / havoc-data).

On a fresh machine :func:`prepare_data` harvests the bundled corpus, trains the tokenizer and
packs the shards, caching each under ``cache_dir`` (default ``$HAVOC_CACHE_DIR`` or
``~/.cache/havoc``); later runs reuse them. Under torchrun only rank 0 builds, the others wait.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch

from havoc_train.config import TrainConfig
from havoc_train.parallel import DistInfo

BYTE_PIECE = re.compile(r"^<0x[0-9A-Fa-f]{2}>$")


def default_cache_dir() -> Path:
    env = os.environ.get("HAVOC_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "havoc"


@dataclass
class DataModule:
    """Tokenizer plus train/validation datasets with ``batch(step, B, rank, world_size)``."""

    tokenizer: Any
    tokenizer_dir: Path
    train: Any  # havoc_data.PackedDataset or SFTDataset
    val: Any
    kind: str
    unigram_loss: float

    @property
    def vocab_size(self) -> int:
        return self.tokenizer.vocab_size

    @property
    def eos_id(self) -> int:
        return self.tokenizer.end_of_turn_id if self.kind == "sft" else self.tokenizer.eos_id

    @property
    def bytes_per_token(self) -> torch.Tensor:
        """UTF-8 bytes each token id stands for (0 for reserved ids), for bits per byte."""
        if not hasattr(self, "_bytes"):
            self._bytes = bytes_per_token(self.tokenizer)
        return self._bytes

    def train_batch(self, step: int, rows: int, rank: int = 0, world_size: int = 1):
        return self.train.batch(step, rows, rank, world_size)

    def val_batch(self, index: int, rows: int, rank: int = 0, world_size: int = 1):
        return self.val.batch(index, rows, rank, world_size)

    def encode_prompt(self, prompt: str) -> list[int]:
        if self.kind == "sft":
            return self.tokenizer.encode_chat([{"role": "user", "content": prompt}])
        return self.tokenizer.encode(prompt, add_bos=True)


def bytes_per_token(tokenizer: Any) -> torch.Tensor:
    table = torch.zeros(tokenizer.vocab_size, dtype=torch.float64)
    for i in range(tokenizer.vocab_size):
        if tokenizer.is_special(i):
            continue
        piece = tokenizer.id_to_piece(i)
        table[i] = 1 if BYTE_PIECE.match(piece) else len(piece.replace("\u2581", " ").encode())
    return table


def unigram_cross_entropy(train_tokens: np.ndarray, eval_tokens: np.ndarray, vocab: int) -> float:
    """Nats/token of ``eval_tokens`` under the training unigram distribution (add-½ smoothed):
    the baseline a model that ignores context would reach."""
    counts = np.bincount(train_tokens.astype(np.int64), minlength=vocab).astype(np.float64) + 0.5
    logp = np.log(counts / counts.sum())
    return float(-logp[eval_tokens.astype(np.int64)].mean())


def _hash(obj: Any) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True, default=str).encode()).hexdigest()[:12]


def _barrier(dist_info: DistInfo) -> None:
    if dist_info.enabled:
        import torch.distributed as dist

        dist.barrier()


def prepare_tokenizer(
    cfg: TrainConfig, cache: Path, dist_info: DistInfo, progress: bool
) -> tuple[Any, Path]:
    """The run's tokenizer: ``tokenizer.path``, the ``init_from`` checkpoint's, or trained on
    the bundled corpus on first use (cached by vocabulary size and corpus content)."""
    from havoc_tokenizer import HavocTokenizer

    if cfg.tokenizer.path:
        path = Path(cfg.tokenizer.path)
    elif cfg.model.init_from:
        path = resolve_init_from(cfg.model.init_from, cache, progress) / "tokenizer"
    else:
        from havoc_data import bundled_corpus
        from havoc_tokenizer import train_from_config, train_tokenizer

        if dist_info.is_main:
            files = bundled_corpus(cache / "bundled")
        _barrier(dist_info)
        files = bundled_corpus(cache / "bundled")
        key = _hash(
            {
                "files": [(f.name, f.stat().st_size) for f in files],
                "vocab": cfg.tokenizer.vocab_size,
                "config": cfg.tokenizer.config,
            }
        )
        path = cache / f"tokenizer-{cfg.tokenizer.vocab_size}-{key}"
        if dist_info.is_main and not (path / "tokenizer.model").is_file():
            if cfg.tokenizer.config:
                train_from_config(
                    cfg.tokenizer.config, path, files, cfg.tokenizer.vocab_size, progress
                )
            else:
                train_tokenizer(files, cfg.tokenizer.vocab_size, path, show_progress=progress)
        _barrier(dist_info)
    if not (path / "tokenizer.model").is_file():
        raise FileNotFoundError(f"no tokenizer at {path} (tokenizer.model missing)")
    return HavocTokenizer.from_pretrained(path), path


def resolve_init_from(init_from: str, cache: Path, progress: bool) -> Path:
    """``demo`` → the cached demo checkpoint (trained on first use); else a folder."""
    if init_from == "demo":
        from havoc_train.demo import ensure_demo_checkpoint

        return ensure_demo_checkpoint(cache, progress=progress)
    path = Path(init_from)
    if not (path / "config.json").is_file():
        raise FileNotFoundError(f"model.init_from: {path} is not a checkpoint (no config.json)")
    return path


def prepare_data(
    cfg: TrainConfig,
    cache_dir: str | Path | None,
    dist_info: DistInfo,
    progress: bool = True,
) -> DataModule:
    """Tokenizer + datasets for ``cfg.data``, building and caching what is missing."""
    cache = Path(cache_dir) if cache_dir else default_cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    tok, tok_dir = prepare_tokenizer(cfg, cache, dist_info, progress)
    if cfg.data.kind == "sft":
        return _sft_data(cfg, cache, tok, tok_dir, dist_info)
    return _pretrain_data(cfg, cache, tok, tok_dir, dist_info, progress)


def _pretrain_data(cfg, cache, tok, tok_dir, dist_info, progress) -> DataModule:
    from havoc_data import PackedDataset, build_dataset

    d = cfg.data
    if d.path:
        data_dir = Path(d.path)
    else:
        if d.mixture:
            mixture: Any = str(d.mixture)
            key = _hash({"mixture": Path(d.mixture).read_text(encoding="utf-8")})
        else:
            mixture = {
                "name": "bundled",
                "seed": cfg.seed,
                "val_fraction": d.val_fraction,
                "shard_tokens": 4_194_304,
                "bundled_dir": str(cache / "bundled"),
                "sources": [{"name": "bundled", "type": "bundled", "weight": 1.0}],
            }
            key = _hash(mixture)
        data_dir = cache / f"data-{tok.fingerprint[:12]}-{key}"
        if dist_info.is_main:
            build_dataset(mixture, data_dir, tok, show_progress=progress)
        _barrier(dist_info)
    train = PackedDataset(data_dir, d.seq_len, "train", seed=cfg.seed)
    val = PackedDataset(data_dir, d.seq_len, "val", seed=cfg.seed)
    if train.index.get("tokenizer_sha256") not in (None, tok.fingerprint):
        raise ValueError(f"data.path {data_dir} was built with a different tokenizer")
    unigram = unigram_cross_entropy(
        train.tokens(0, train.num_tokens), val.tokens(1, val.num_tokens), tok.vocab_size
    )
    return DataModule(tok, tok_dir, train, val, "pretrain", unigram)


def _sft_data(cfg, cache, tok, tok_dir, dist_info) -> DataModule:
    """Chat JSONL split by a stable hash of each line into train / validation files."""
    from havoc_data import SFTDataset

    from havoc_train.sft_data import bundled_chat_file

    d = cfg.data
    if d.path:
        src = Path(d.path)
        files = sorted(src.glob("*.jsonl")) if src.is_dir() else [src]
        if not files or not all(f.is_file() for f in files):
            raise FileNotFoundError(f"data.path: no chat JSONL at {src}")
    else:
        files = [bundled_chat_file(cache / "sft")]
    lines = [ln for f in files for ln in f.read_text(encoding="utf-8").splitlines() if ln.strip()]
    split_dir = cache / f"sft-split-{_hash({'lines': _hash(lines), 'val': d.val_fraction})}"
    if dist_info.is_main and not (split_dir / "val.jsonl").is_file():
        split_dir.mkdir(parents=True, exist_ok=True)
        train_lines, val_lines = [], []
        for ln in lines:
            u = int(hashlib.sha256(ln.encode()).hexdigest()[:8], 16) / 16**8
            (val_lines if u < d.val_fraction else train_lines).append(ln)
        if not val_lines:
            val_lines.append(train_lines.pop())
        (split_dir / "train.jsonl").write_text("\n".join(train_lines) + "\n", encoding="utf-8")
        (split_dir / "val.jsonl.tmp").write_text("\n".join(val_lines) + "\n", encoding="utf-8")
        (split_dir / "val.jsonl.tmp").replace(split_dir / "val.jsonl")
    _barrier(dist_info)
    train = SFTDataset(split_dir / "train.jsonl", tok, d.seq_len, seed=cfg.seed)
    val = SFTDataset(split_dir / "val.jsonl", tok, d.seq_len, seed=cfg.seed)
    train_targets = np.concatenate([ex[0][1:][ex[1][1:]] for ex in train.examples])
    val_targets = np.concatenate([ex[0][1:][ex[1][1:]] for ex in val.examples])
    unigram = unigram_cross_entropy(train_targets, val_targets, tok.vocab_size)
    if not math.isfinite(unigram):
        raise ValueError("SFT data has no assistant tokens to learn")
    return DataModule(tok, tok_dir, train, val, "sft", unigram)
