"""The FLOP counts behind MFU, against torch.utils.flop_counter on real forward+backward steps."""

import pytest
import torch
from havoc_model import HavocModel, ModelConfig
from havoc_model.memory import count_parameters
from havoc_train.flops import (
    matmul_flops_per_token,
    non_embedding_params,
    palm_flops_per_token,
    train_flops_per_token,
)
from torch.utils.flop_counter import FlopCounterMode


def _counted_step_flops(model: HavocModel, batch: int, seq: int) -> int:
    """FLOPs FlopCounterMode records for one training step's forward (with the fused loss)
    and backward, with the embedding trainable (so every layer's input gradient is needed)."""
    g = torch.Generator().manual_seed(0)
    ids = torch.randint(0, model.config.vocab_size, (batch, seq), generator=g)
    targets = torch.randint(0, model.config.vocab_size, (batch, seq), generator=g)
    with FlopCounterMode(display=False) as counter:
        model(ids, targets=targets).backward()
    return counter.get_total_flops()


@pytest.mark.parametrize("tie", [True, False])
@pytest.mark.parametrize("seq", [16, 48])
def test_matmul_count_equals_flop_counter(tie, seq) -> None:
    cfg = ModelConfig.from_preset("tiny").replace(tie_embeddings=tie, vocab_size=512)
    model = HavocModel(cfg).train()
    counted = _counted_step_flops(model, 2, seq)
    # Model FLOPs leave out recomputation: the flash-attention backward recomputes the scores
    # Q K^T (2 T Q per head per token), which FlopCounterMode records and MFU does not count.
    recompute = 2 * cfg.n_layers * cfg.n_heads * cfg.head_dim * seq
    assert counted == (matmul_flops_per_token(cfg, seq) + recompute) * 2 * seq


def test_head_is_what_palm_leaves_out_when_tied() -> None:
    cfg = ModelConfig.from_preset("base")
    full, palm = matmul_flops_per_token(cfg, 512), palm_flops_per_token(cfg, 512)
    counts = count_parameters(cfg)
    # full - palm = the tied head (6 V d) minus the norm weights PaLM's N includes
    assert full - palm == 6 * cfg.vocab_size * cfg.d_model - 6 * counts.norms
    attention = 12 * cfg.n_layers * cfg.n_heads * cfg.head_dim * 512
    assert 0.20 < 6 * cfg.vocab_size * cfg.d_model / (full - attention) < 0.32  # the range
    # PaLM's count from the module walk equals the closed form
    with torch.device("meta"):
        model = HavocModel(cfg)
    assert palm == train_flops_per_token(
        non_embedding_params(model), cfg.n_layers, cfg.n_heads, cfg.head_dim, 512
    )
    untied = cfg.replace(tie_embeddings=False)
    assert matmul_flops_per_token(untied, 512) == full  # the head is a matmul either way
    assert palm_flops_per_token(untied, 512) == palm + 6 * cfg.vocab_size * cfg.d_model
