import pytest
import torch
from havoc_model import HavocModel, ModelConfig, list_presets
from havoc_model.memory import (
    activation_elements_per_token_per_layer,
    count_parameters,
    count_parameters_meta,
    kv_cache_bytes_per_token,
    memory_plan,
)


def test_7b_count_meta_equals_closed_form_and_in_range() -> None:
    cfg = ModelConfig.from_preset("havoc-7b")
    closed = count_parameters(cfg)
    assert count_parameters_meta(cfg) == closed.total
    assert 6.5e9 <= closed.total <= 7.5e9
    parts = closed.embedding + closed.lm_head + closed.attention + closed.mlp + closed.norms
    assert parts == closed.total


@pytest.mark.parametrize("name", ["tiny", "small", "base"])
def test_presets_meta_count(name) -> None:
    cfg = ModelConfig.from_preset(name)
    assert count_parameters_meta(cfg) == count_parameters(cfg).total


def test_preset_sizes_as_documented() -> None:
    sizes = {n: count_parameters(ModelConfig.from_preset(n)).total for n in list_presets()}
    assert 2e6 <= sizes["tiny"] <= 8e6
    assert 25e6 <= sizes["small"] <= 30e6
    assert 110e6 <= sizes["base"] <= 140e6


def test_kv_bytes_per_token_7b() -> None:
    cfg = ModelConfig.from_preset("havoc-7b")
    # 2 (K and V) x 32 layers x 8 heads x 128 dims x 2 bytes
    assert kv_cache_bytes_per_token(cfg, "bf16") == 2 * 32 * 8 * 128 * 2
    assert kv_cache_bytes_per_token(cfg, torch.float32) == 2 * 32 * 8 * 128 * 4


def test_plan_states_and_sharding() -> None:
    cfg = ModelConfig.from_preset("havoc-7b")
    n = count_parameters(cfg).total
    single = memory_plan(cfg, 1, 2048, "bf16")
    assert single.weights_bytes == 2 * n
    assert single.master_weights_bytes == 4 * n
    assert single.gradients_bytes == 2 * n
    assert single.optimizer_bytes == 8 * n
    fsdp = memory_plan(cfg, 1, 2048, "bf16", world_size=8, sharding="fsdp")
    assert fsdp.optimizer_bytes == 8 * n // 8
    assert fsdp.per_device_bytes < single.per_device_bytes
    ckpt = memory_plan(cfg, 1, 2048, "bf16", activation_checkpointing=True)
    assert ckpt.activations_bytes < single.activations_bytes
    fp32 = memory_plan(cfg, 1, 2048, "fp32")
    assert fp32.master_weights_bytes == 0 and fp32.weights_bytes == 4 * n
    assert "GiB" in single.summary()


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"micro_batch": 0}, "micro_batch"),
        ({"dtype": "int8"}, "dtype"),
        ({"optimizer": "lion"}, "optimizer"),
        ({"sharding": "zero3"}, "sharding"),
    ],
)
def test_plan_bad_args(kwargs, needle) -> None:
    args = {"micro_batch": 1, "seq_len": 16} | kwargs
    with pytest.raises(ValueError, match=needle):
        memory_plan(ModelConfig.from_preset("tiny"), **args)


def test_activation_estimate_matches_autograd_saved_tensors() -> None:
    """The per-layer activation formula against what autograd really keeps (fp32, one layer)."""
    cfg = ModelConfig(
        vocab_size=64,
        d_model=64,
        n_layers=1,
        n_heads=4,
        n_kv_heads=2,
        head_dim=16,
        ffn_hidden=160,
        max_seq_len=64,
    )
    model = HavocModel(cfg)
    block = model.layers[0]
    b, t = 2, 32
    x = torch.randn(b, t, cfg.d_model, requires_grad=True)
    rope = model.rope[:, torch.arange(t).expand(b, t)]
    seen: dict[tuple, int] = {}

    def pack(tensor):
        if tensor.is_floating_point() and tensor.numel() >= t:
            storage = tensor.untyped_storage()
            seen[(storage.data_ptr(),)] = storage.nbytes()
        return tensor

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda x: x):
        block(x, rope[0][:, None], rope[1][:, None], None, True)
    measured = sum(seen.values()) - sum(p.numel() * 4 for p in block.parameters())
    estimate = activation_elements_per_token_per_layer(cfg) * b * t * 4
    assert 0.9 * estimate <= measured <= 1.1 * estimate, (measured, estimate)
