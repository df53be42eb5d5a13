"""Shared test model: a 2-layer GQA decoder with sharpened weights."""

import pytest
import torch
from havoc_model import HavocModel, ModelConfig

GEN_CONFIG = ModelConfig(
    vocab_size=61,
    d_model=64,
    n_layers=2,
    n_heads=4,
    n_kv_heads=2,
    head_dim=16,
    ffn_hidden=128,
    max_seq_len=96,
)


def _sharp_model() -> HavocModel:
    torch.manual_seed(0)
    m = HavocModel(GEN_CONFIG).eval()
    with torch.no_grad():  # sharper logits than the default init, so greedy paths are distinct
        for p in m.parameters():
            if p.dim() > 1:
                p.normal_(0.0, 0.3)
    return m


@pytest.fixture(scope="session")
def gen_config() -> ModelConfig:
    return GEN_CONFIG


@pytest.fixture(scope="session")
def make_sharp_model():
    """A factory: each call returns a fresh, identically initialised test model."""
    return _sharp_model
