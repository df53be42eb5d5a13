"""Fused int8 projections (q/k/v and gate/up as one matrix each): same numbers as the separate
quantised projections, unchanged checkpoint format, conversion on load."""

import copy

import pytest
import torch
from havoc_model import HavocModel, ModelConfig, kernels_int8, quantize
from havoc_model.checkpoint import load_model_files, save_checkpoint
from havoc_model.quantize import FusedQuantizedLinear
from safetensors import safe_open

needs_kernel = pytest.mark.skipif(not kernels_int8.available(), reason="int8 kernel not built")


def _unfused(model: HavocModel) -> HavocModel:
    """A copy of a quantised model that calls q/k/v and gate/up separately."""
    plain = copy.deepcopy(model)
    for block in plain.layers:
        block.attention.qkv_proj = None
        block.mlp.gate_up_proj = None
    return plain


def _shares_storage(part: torch.Tensor, whole: torch.Tensor) -> bool:
    return part.untyped_storage().data_ptr() == whole.untyped_storage().data_ptr()


@pytest.mark.parametrize("preset", ["tiny", "small"])
def test_fused_forward_equals_unfused(preset) -> None:
    """Bit-for-bit for decode (1-8 rows: the kernel computes every output row the same way
    whatever matrix it sits in, blocks of four rows staying aligned); prefill (> GEMM_ROWS rows,
    torch's GEMM on the dequantised matrix) within 1e-5 relative, GEMM blocking being torch's."""
    torch.manual_seed(0)
    model = quantize(HavocModel(ModelConfig.from_preset(preset)).eval())
    att, mlp = model.layers[0].attention, model.layers[0].mlp
    assert isinstance(att.qkv_proj, FusedQuantizedLinear)
    assert isinstance(mlp.gate_up_proj, FusedQuantizedLinear)
    assert _shares_storage(att.k_proj.weight, att.qkv_proj.weight)
    plain = _unfused(model)
    assert plain.layers[0].attention.qkv_proj is None
    ids = torch.randint(0, model.config.vocab_size, (3, 12))
    with torch.no_grad():
        for rows in (1, 3):
            pos = torch.full((rows, 1), 11)
            fused = model(ids[:rows, -1:], position_ids=pos)
            assert torch.equal(fused, plain(ids[:rows, -1:], position_ids=pos)), rows
        got, ref = model(ids), plain(ids)
    torch.testing.assert_close(got, ref, rtol=1e-5, atol=1e-5 * float(ref.abs().max()))


def test_fused_checkpoint_format_and_round_trip(tmp_path) -> None:
    torch.manual_seed(0)
    fp = HavocModel(ModelConfig.from_preset("tiny")).eval()
    fp.save_pretrained(tmp_path / "fp")
    model = quantize(copy.deepcopy(fp))
    state = model.state_dict()
    assert not any("qkv_proj" in k or "gate_up_proj" in k for k in state)  # unfused names
    assert set(state) == set(_unfused(model).state_dict())
    assert not _shares_storage(
        state["layers.0.attention.k_proj.weight"], state["layers.0.attention.q_proj.weight"]
    )
    save_checkpoint(model, tmp_path / "q")
    with safe_open(str(tmp_path / "q" / "model.safetensors"), framework="pt") as fh:
        assert "layers.0.attention.q_proj.weight" in fh.keys()
        assert not any("qkv" in k for k in fh.keys())
    ids = torch.tensor([[5, 9, 200, 7]])
    for loaded in (
        load_model_files(tmp_path / "q"),  # saved int8: fused again on load
        HavocModel.from_pretrained(tmp_path / "fp", quantize="int8"),  # fp -> int8 fused
    ):
        att = loaded.layers[1].attention
        assert isinstance(att.qkv_proj, FusedQuantizedLinear)
        assert _shares_storage(att.v_proj.weight, att.qkv_proj.weight)
        assert torch.equal(
            att.qkv_proj.weight,
            torch.cat([att.q_proj.weight, att.k_proj.weight, att.v_proj.weight]),
        )
        for name, t in state.items():
            assert torch.equal(loaded.state_dict()[name], t), name
        with torch.no_grad():
            assert torch.equal(loaded(ids), model(ids))


def test_fused_buffers_follow_moves_and_loads() -> None:
    torch.manual_seed(0)
    model = quantize(HavocModel(ModelConfig.from_preset("tiny")).eval())
    mlp = model.layers[0].mlp
    model.to(torch.bfloat16)  # scales change dtype: the parts are views of the new buffers
    assert mlp.gate_up_proj.scales.dtype == torch.bfloat16
    assert _shares_storage(mlp.up_proj.scales, mlp.gate_up_proj.scales)
    model.to(torch.float32)
    # an in-place load into the parts lands in the fused matrix
    state = {k: v.clone() for k, v in model.state_dict().items()}
    state["layers.0.mlp.up_proj.weight"].fill_(3)
    model.load_state_dict(state)
    n = model.config.ffn_hidden
    assert bool((mlp.gate_up_proj.weight[n:] == 3).all())
    # a load that assigns new tensors: the fused matrix is rebuilt from them
    state["layers.0.mlp.gate_proj.weight"].fill_(-2)
    model.load_state_dict(state, assign=True)
    assert bool((mlp.gate_up_proj.weight[:n] == -2).all())
    assert _shares_storage(mlp.gate_proj.weight, mlp.gate_up_proj.weight)


@needs_kernel
@pytest.mark.parametrize("m", [2, 5, 8])
def test_kernel_batched_rows_past_one_column_chunk(m) -> None:
    """k > 1024 (the batched AVX2 path sums in column chunks) and not a multiple of 8."""
    g = torch.Generator().manual_seed(m)
    w = torch.randint(-127, 128, (12, 1500), dtype=torch.int8, generator=g)
    x, s = torch.randn(m, 1500, generator=g), torch.rand(12, generator=g) / 50
    y = torch.ops.havoc_int8.linear(x, w, s)
    ref = (x.double() @ w.double().T) * s.double()
    bound = (x.double().abs() @ w.double().abs().T) * s.double() * 1500 * 2**-23 + 1e-12
    assert bool(((y.double() - ref).abs() <= bound).all())


def test_fused_model_pickles(tmp_path) -> None:
    """torch.save of the whole module (pickle) keeps working, and the copy stays fused."""
    torch.manual_seed(0)
    model = quantize(HavocModel(ModelConfig.from_preset("tiny")).eval())
    torch.save(model, tmp_path / "m.pt")
    again = torch.load(tmp_path / "m.pt", weights_only=False)
    ids = torch.tensor([[4, 8, 15]])
    with torch.no_grad():
        assert torch.equal(again(ids), model(ids))
    att = again.layers[0].attention
    assert _shares_storage(att.q_proj.weight, att.qkv_proj.weight)
