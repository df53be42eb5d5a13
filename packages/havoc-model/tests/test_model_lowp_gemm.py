"""bf16 products through the fp32 GEMM (havoc_model.lowp_gemm) against torch's own bf16 GEMM
and against exact float64 products of the same bf16 operands."""

import pytest
import torch
import torch.nn.functional as F
from havoc_model import HavocModel, ModelConfig, linear_cross_entropy, lowp_gemm

BF16 = torch.bfloat16
# bf16 keeps 8 significant bits: one rounding is at most 2^-8 relative; two results rounded
# from fp32 sums taken in different orders can differ by one bf16 step (2^-7 relative).
ONE_ROUNDING = 2.0**-8 + 1e-6
ONE_STEP = 2.0**-7 + 1e-6


def _exact(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """``a @ b.T`` of the bf16 roundings, in float64 (no rounding of the products or sums)."""
    return a.to(BF16).double() @ b.to(BF16).double().t()


@pytest.fixture
def mode(monkeypatch):
    def set_mode(value: str) -> None:
        monkeypatch.setattr(lowp_gemm, "_MODE", value)

    return set_mode


def test_forward_is_the_bf16_product_rounded_once() -> None:
    torch.manual_seed(0)
    x, w = torch.randn(3, 7, 96), torch.randn(40, 96)
    y = lowp_gemm.linear(x, w, BF16)
    assert y.dtype == BF16 and y.shape == (3, 7, 40)
    exact = _exact(x.reshape(-1, 96), w).reshape(3, 7, 40)
    torch.testing.assert_close(y.double(), exact, rtol=ONE_ROUNDING, atol=1e-6)
    native = F.linear(x.to(BF16), w.to(BF16))  # torch's bf16 GEMM
    torch.testing.assert_close(y.float(), native.float(), rtol=ONE_STEP, atol=1e-6)


def test_gradients_match_autocast_and_exact_products() -> None:
    torch.manual_seed(1)
    x = torch.randn(2, 5, 64, requires_grad=True)
    w = torch.randn(24, 64, requires_grad=True)
    g = torch.randn(2, 5, 24)
    y = lowp_gemm.linear(x, w, BF16)
    y.backward(g.to(BF16))
    assert x.grad.dtype == torch.float32 and w.grad.dtype == torch.float32

    x_ref, w_ref = x.detach().clone().requires_grad_(), w.detach().clone().requires_grad_()
    with torch.autocast("cpu", dtype=BF16):
        y_ref = F.linear(x_ref, w_ref)  # torch's bf16 GEMM forward and backward
    y_ref.backward(g.to(BF16))
    torch.testing.assert_close(y.float(), y_ref.float(), rtol=ONE_STEP, atol=1e-6)
    torch.testing.assert_close(x.grad, x_ref.grad, rtol=ONE_STEP, atol=1e-5)
    torch.testing.assert_close(w.grad, w_ref.grad, rtol=ONE_STEP, atol=1e-5)

    gb = g.to(BF16).double().reshape(-1, 24)
    exact_gx = (gb @ w.detach().to(BF16).double()).reshape(2, 5, 64)
    exact_gw = gb.t() @ x.detach().to(BF16).double().reshape(-1, 64)
    torch.testing.assert_close(x.grad.double(), exact_gx, rtol=ONE_ROUNDING, atol=1e-5)
    torch.testing.assert_close(w.grad.double(), exact_gw, rtol=ONE_ROUNDING, atol=1e-5)


def test_fp32_dtype_is_plain_linear_and_no_grad_path_matches() -> None:
    torch.manual_seed(2)
    x, w = torch.randn(4, 32), torch.randn(8, 32)
    torch.testing.assert_close(lowp_gemm.linear(x, w, torch.float32), F.linear(x, w))
    with torch.no_grad():
        a = lowp_gemm.linear(x, w, BF16)
    b = lowp_gemm.linear(x.requires_grad_(), w, BF16)
    assert torch.equal(a, b.detach())


def test_native_gemm_decision(mode) -> None:
    assert lowp_gemm.native_gemm("cuda", BF16)
    assert lowp_gemm.native_gemm("cpu", torch.float32)
    mode("fp32")
    assert not lowp_gemm.native_gemm("cpu", BF16)
    assert not lowp_gemm.native_gemm("cuda", torch.float16)
    assert lowp_gemm.native_gemm("cpu", torch.float32)
    mode("native")
    assert lowp_gemm.native_gemm("cpu", BF16)


def _loss_and_grads(model: HavocModel, x, y) -> tuple[torch.Tensor, list[torch.Tensor]]:
    model.zero_grad(set_to_none=True)
    with torch.autocast("cpu", dtype=BF16):
        loss = model(x, targets=y)
    loss.backward()
    return loss.detach(), [p.grad.clone() for p in model.parameters()]


@pytest.mark.parametrize("tied", [True, False])
def test_model_step_equals_native_bf16(mode, tied: bool) -> None:
    """A bf16-autocast loss and every gradient through the fp32 route equal torch's bf16 GEMM
    route to bf16 precision (the sums are taken in a different order)."""
    cfg = ModelConfig(
        vocab_size=97,
        d_model=64,
        n_layers=2,
        n_heads=4,
        n_kv_heads=2,
        head_dim=16,
        ffn_hidden=128,
        max_seq_len=32,
        tie_embeddings=tied,
    )
    torch.manual_seed(0)
    model = HavocModel(cfg)
    x, y = torch.randint(0, 97, (2, 16)), torch.randint(0, 97, (2, 16))
    mode("native")
    loss_native, grads_native = _loss_and_grads(model, x, y)
    mode("fp32")
    loss_fp32, grads_fp32 = _loss_and_grads(model, x, y)
    torch.testing.assert_close(loss_fp32, loss_native, rtol=1e-3, atol=0)
    for (name, _), a, b in zip(model.named_parameters(), grads_fp32, grads_native, strict=True):
        scale = b.abs().max()
        err = (a - b).abs().max()
        assert err <= 2e-2 * scale, f"{name}: max diff {err:.3g} vs max |grad| {scale:.3g}"


def test_fused_loss_fp32_products_match_native(mode) -> None:
    torch.manual_seed(3)
    h = torch.randn(6, 32, requires_grad=True)
    w = torch.randn(50, 32, requires_grad=True)
    t = torch.randint(0, 50, (6,))
    t[2] = -100
    out = {}
    for m in ("native", "fp32"):
        mode(m)
        h.grad = w.grad = None
        with torch.autocast("cpu", dtype=BF16):
            loss = linear_cross_entropy(h, w, t)
        loss.backward()
        out[m] = (loss.detach(), h.grad.clone(), w.grad.clone())
    for a, b in zip(out["fp32"], out["native"], strict=True):
        torch.testing.assert_close(a, b, rtol=ONE_STEP, atol=1e-4)
    # And against the materialised reference: bf16 logits, fp32 cross-entropy.
    logits = (h.detach().to(BF16) @ w.detach().to(BF16).t()).float()
    ref = F.cross_entropy(logits, t, reduction="sum")
    torch.testing.assert_close(out["fp32"][0], ref, rtol=1e-4, atol=1e-4)
