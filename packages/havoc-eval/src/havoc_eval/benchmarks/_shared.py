"""Helpers the built-in benchmarks share: bundled data, a small stand-in model for smoke checks."""

from __future__ import annotations

import hashlib
import tempfile
from importlib.resources import files
from pathlib import Path

from havoc_eval.context import EvalContext

SMOKE_VOCAB = 512


def data_path(*parts: str) -> Path:
    return Path(str(files("havoc_eval").joinpath("data", *parts)))


def heldout_texts() -> list[tuple[str, str]]:
    """``(name, text)`` of the held-out domain passages (``.txt``: havoc-data's bundled corpus
    harvests ``.md``/``.jsonl`` from HAVOC packages, never these)."""
    folder = data_path("heldout")
    out = [(p.stem, p.read_text(encoding="utf-8").strip()) for p in sorted(folder.glob("*.txt"))]
    if not out:
        raise FileNotFoundError(f"no held-out texts in {folder}; reinstall havoc-eval")
    return out


def generation_prompts() -> list[str]:
    text = data_path("generation_prompts.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def fingerprint(name: str, chunks: list[str]) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk.encode("utf-8"))
        digest.update(b"\0")
    return f"{name}@sha256:{digest.hexdigest()[:12]}"


def smoke_tokenizer(ctx: EvalContext):
    """The checkpoint's tokenizer, else a 512-piece tokenizer trained on the handbook (~2 s)."""
    if ctx.checkpoint is not None:
        return ctx.tokenizer
    if "smoke_tokenizer" not in ctx._cache:
        from havoc_rag import handbook_dir
        from havoc_tokenizer import HavocTokenizer, train_tokenizer

        with tempfile.TemporaryDirectory(prefix="havoc-eval-tok-") as tmp:
            train_tokenizer([handbook_dir()], SMOKE_VOCAB, tmp, show_progress=False)
            ctx._cache["smoke_tokenizer"] = HavocTokenizer.from_pretrained(tmp)
    return ctx._cache["smoke_tokenizer"]


def smoke_model(ctx: EvalContext):
    """The checkpoint's model, else a seeded two-layer random decoder sized for the smoke tokenizer."""
    if ctx.checkpoint is not None:
        return ctx.model
    if "smoke_model" not in ctx._cache:
        import torch
        from havoc_model import HavocModel, ModelConfig

        cfg = ModelConfig(
            vocab_size=smoke_tokenizer(ctx).vocab_size,
            d_model=64,
            n_layers=2,
            n_heads=4,
            n_kv_heads=2,
            head_dim=16,
            ffn_hidden=128,
            max_seq_len=256,
        )
        gen = torch.random.fork_rng()
        with gen:
            torch.manual_seed(ctx.seed)
            model = HavocModel(cfg)
        ctx._cache["smoke_model"] = model.to(ctx.torch_device).eval()
    return ctx._cache["smoke_model"]
