"""Gradients of the hand-written RMSNorm / RoPE backward passes against independent references:
torch.autograd.gradcheck (finite differences, float64) and transformers' LlamaForCausalLM."""

import pytest
import torch
import torch.nn.functional as F
from havoc_model import HavocModel, ModelConfig
from havoc_model.model import RMSNorm, _RMSNormFunction, apply_rope, rope_tables
from transformers import LlamaConfig, LlamaForCausalLM


def test_rmsnorm_gradcheck_float64() -> None:
    torch.manual_seed(0)
    x = torch.randn(2, 3, 12, dtype=torch.float64, requires_grad=True)
    w = torch.empty(12, dtype=torch.float64).uniform_(0.5, 1.5).requires_grad_()
    assert torch.autograd.gradcheck(
        lambda x, w: _RMSNormFunction.apply(x, w, 1e-5, None), (x, w), eps=1e-6, atol=1e-7
    )
    norm = RMSNorm(12, eps=1e-5).double()
    assert torch.autograd.gradcheck(norm, (x,), eps=1e-6, atol=1e-7)


def test_rope_gradcheck_float64() -> None:
    torch.manual_seed(0)
    tables = rope_tables(8, 16, 10000.0).double()
    cos, sin = tables[0][None, None, :5], tables[1][None, None, :5]
    x = torch.randn(2, 3, 5, 8, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(lambda t: apply_rope(t, cos, sin), (x,), eps=1e-6, atol=1e-7)


def test_rmsnorm_bf16_matches_reference_decomposition() -> None:
    """bf16 input: forward and gradients equal the fp32-then-cast reference (HF's arithmetic)."""
    torch.manual_seed(0)
    norm = RMSNorm(64, eps=1e-6)
    with torch.no_grad():
        norm.weight.uniform_(0.5, 1.5)
    x = torch.randn(4, 7, 64).to(torch.bfloat16).requires_grad_()
    x_ref = x.detach().clone().requires_grad_()
    w_ref = norm.weight.detach().clone().requires_grad_()
    x32 = x_ref.float()
    ref = w_ref * (x32 * torch.rsqrt(x32.pow(2).mean(-1, keepdim=True) + 1e-6)).to(torch.bfloat16)
    out = norm(x)
    assert out.dtype == ref.dtype == torch.float32
    torch.testing.assert_close(out, ref, atol=1e-2, rtol=1e-2)
    g = torch.randn_like(ref)
    out.backward(g)
    ref.backward(g)
    torch.testing.assert_close(x.grad.float(), x_ref.grad.float(), atol=2e-2, rtol=2e-2)
    torch.testing.assert_close(norm.weight.grad, w_ref.grad, atol=1e-3, rtol=1e-3)


@pytest.mark.parametrize("n_kv_heads,tied", [(2, False), (4, True)])
def test_gradients_match_llama(n_kv_heads: int, tied: bool) -> None:
    """Loss and every parameter gradient equal transformers' on the same weights (fp32)."""
    cfg = ModelConfig(
        vocab_size=97,
        d_model=64,
        n_layers=2,
        n_heads=4,
        n_kv_heads=n_kv_heads,
        head_dim=16,
        ffn_hidden=112,
        max_seq_len=64,
        rope_theta=5000.0,
        norm_eps=1e-6,
        tie_embeddings=tied,
    )
    torch.manual_seed(0)
    model = HavocModel(cfg)
    with torch.no_grad():  # non-trivial norm weights so a wrong norm gradient shows
        for p in model.parameters():
            p.normal_(0.0, 0.2) if p.dim() > 1 else p.uniform_(0.5, 1.5)
    hf = LlamaForCausalLM(
        LlamaConfig(
            vocab_size=97,
            hidden_size=64,
            intermediate_size=112,
            num_hidden_layers=2,
            num_attention_heads=4,
            num_key_value_heads=n_kv_heads,
            head_dim=16,
            max_position_embeddings=64,
            rms_norm_eps=1e-6,
            rope_parameters={"rope_type": "default", "rope_theta": 5000.0},
            tie_word_embeddings=tied,
            attn_implementation="sdpa",
        )
    )
    names = {
        "embed.weight": "model.embed_tokens.weight",
        "norm.weight": "model.norm.weight",
        "lm_head.weight": "lm_head.weight",
    }
    for i in range(2):
        names[f"layers.{i}.attention_norm.weight"] = f"model.layers.{i}.input_layernorm.weight"
        names[f"layers.{i}.mlp_norm.weight"] = f"model.layers.{i}.post_attention_layernorm.weight"
        for n in ("q_proj", "k_proj", "v_proj", "o_proj"):
            names[f"layers.{i}.attention.{n}.weight"] = f"model.layers.{i}.self_attn.{n}.weight"
        for n in ("gate_proj", "up_proj", "down_proj"):
            names[f"layers.{i}.mlp.{n}.weight"] = f"model.layers.{i}.mlp.{n}.weight"
    hf_params = dict(hf.named_parameters())
    with torch.no_grad():
        for ours, theirs in names.items():
            if ours in dict(model.named_parameters()):
                hf_params[theirs].copy_(dict(model.named_parameters())[ours])
    ids = torch.randint(0, 97, (3, 33), generator=torch.Generator().manual_seed(1))
    x, y = ids[:, :-1], ids[:, 1:]
    loss = F.cross_entropy(model(x).reshape(-1, 97), y.reshape(-1))
    loss_hf = F.cross_entropy(hf(x).logits.reshape(-1, 97), y.reshape(-1))
    loss.backward()
    loss_hf.backward()
    torch.testing.assert_close(loss, loss_hf, atol=1e-5, rtol=1e-5)
    for ours, p in model.named_parameters():
        torch.testing.assert_close(
            p.grad, hf_params[names[ours]].grad, atol=1e-5, rtol=1e-4, msg=lambda m: f"{ours}: {m}"
        )


def test_rmsnorm_out_dtype_rounds_once_like_autocast() -> None:
    """``out_dtype`` gives exactly what autocast's cast of the fp32 result would give."""
    torch.manual_seed(0)
    norm = RMSNorm(32, eps=1e-5)
    with torch.no_grad():
        norm.weight.uniform_(0.5, 1.5)
    x = torch.randn(3, 5, 32, requires_grad=True)
    x_ref = x.detach().clone().requires_grad_()
    w_ref = norm.weight.detach().clone().requires_grad_()
    ref = (w_ref * (x_ref * torch.rsqrt(x_ref.pow(2).mean(-1, keepdim=True) + 1e-5))).to(
        torch.bfloat16
    )
    out = norm(x, torch.bfloat16)
    assert out.dtype == torch.bfloat16
    torch.testing.assert_close(out.float(), ref.float(), atol=0, rtol=2**-8)
    g = torch.randn(3, 5, 32).to(torch.bfloat16)
    out.backward(g)
    ref.backward(g)
    torch.testing.assert_close(x.grad, x_ref.grad, atol=1e-5, rtol=1e-4)
    torch.testing.assert_close(norm.weight.grad, w_ref.grad, atol=1e-5, rtol=1e-4)
