"""Fixtures for havoc-eval: a tokenizer trained on the handbook and a tiny random checkpoint."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session", autouse=True)
def _single_thread_torch():
    # tiny models gain nothing from intra-op threads; on a loaded 2-core machine they oversubscribe
    # the cores and run ~50x slower
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    # the handbook index is cached under $HAVOC_CACHE_DIR; keep the tests' copy private
    old = os.environ.get("HAVOC_CACHE_DIR")
    os.environ["HAVOC_CACHE_DIR"] = str(tmp_path_factory.mktemp("havoc-cache"))
    yield
    if old is None:
        os.environ.pop("HAVOC_CACHE_DIR", None)
    else:
        os.environ["HAVOC_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def tiny_tokenizer(tmp_path_factory):
    from havoc_rag import handbook_dir
    from havoc_tokenizer import train_tokenizer

    return train_tokenizer(
        [handbook_dir()], 512, tmp_path_factory.mktemp("tok"), show_progress=False
    )


@pytest.fixture(scope="session")
def tiny_checkpoint(tmp_path_factory, tiny_tokenizer):
    """A seeded random 2-layer decoder with a 128-token context, saved with its tokenizer."""
    import torch
    from havoc_model import HavocModel, ModelConfig

    cfg = ModelConfig(
        vocab_size=tiny_tokenizer.vocab_size,
        d_model=64,
        n_layers=2,
        n_heads=4,
        n_kv_heads=2,
        head_dim=16,
        ffn_hidden=128,
        max_seq_len=128,
    )
    torch.manual_seed(1234)
    model = HavocModel(cfg)
    ckpt = tmp_path_factory.mktemp("ckpt") / "tiny"
    model.save_pretrained(ckpt)
    tiny_tokenizer.save_pretrained(ckpt / "tokenizer")
    return ckpt
