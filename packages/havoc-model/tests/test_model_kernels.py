"""The AVX512-BF16 GEMV kernel against an fp32 reference, and its fallback."""

import pytest
import torch
from havoc_model import GenerationConfig, HavocModel, ModelConfig, generate, kernels

needs_kernel = pytest.mark.skipif(
    not kernels.cpu_has_avx512_bf16(), reason="CPU without AVX512-BF16: torch.mv is used"
)


def _reference(w: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    return (w.double() @ x.double()).to(torch.bfloat16)


@needs_kernel
@pytest.mark.parametrize(
    "n,k", [(1, 1), (3, 31), (4, 32), (5, 33), (7, 64), (130, 95), (1408, 512), (512, 1408)]
)
def test_gemv_matches_reference(n, k) -> None:
    assert kernels.available()
    g = torch.Generator().manual_seed(n * 1000 + k)
    w = torch.randn(n, k, generator=g).bfloat16()
    x = torch.randn(k, generator=g).bfloat16()
    y = kernels.gemv_bf16(w, x)
    assert y.dtype == torch.bfloat16 and y.shape == (n,)
    ref = _reference(w, x)
    # fp32 accumulation, one bf16 rounding: within bf16 resolution of the exact dot product,
    # scaled by the magnitude of the terms (cancellation can make the result itself tiny).
    scale = (w.double().abs() @ x.double().abs()).float()
    err = (y.float() - ref.float()).abs()
    assert bool((err <= 2**-7 * scale + 1e-6).all()), float((err / scale).max())


@needs_kernel
def test_gemv_non_contiguous_and_special_values() -> None:
    w = torch.randn(40, 64).bfloat16().t()  # [64, 40] view, not contiguous
    x = torch.randn(40).bfloat16()
    torch.testing.assert_close(
        kernels.gemv_bf16(w, x).float(), _reference(w, x).float(), rtol=2e-2, atol=2e-2
    )
    w = torch.zeros(4, 8).bfloat16()
    w[1, 0] = float("nan")
    w[2, 0] = float("inf")
    y = kernels.gemv_bf16(w, torch.ones(8).bfloat16())
    assert y[0] == 0 and torch.isnan(y[1]) and torch.isinf(y[2]) and y[2] > 0


@needs_kernel
def test_gemv_errors() -> None:
    with pytest.raises(RuntimeError, match="bf16 tensors only"):
        torch.ops.havoc_kernels.gemv_bf16(torch.randn(4, 8), torch.randn(8))
    with pytest.raises(RuntimeError, match="expected w"):
        kernels.gemv_bf16(torch.randn(4, 8).bfloat16(), torch.randn(7).bfloat16())


@needs_kernel
def test_bf16_decode_uses_kernel_and_matches_mv(monkeypatch) -> None:
    torch.manual_seed(0)
    model = HavocModel(ModelConfig.from_preset("tiny")).eval().to(torch.bfloat16)
    ids = torch.tensor([[5, 6, 7]])
    calls = []
    real = torch.ops.havoc_kernels.gemv_bf16
    monkeypatch.setattr(
        torch.ops.havoc_kernels, "gemv_bf16", lambda w, x: calls.append(1) or real(w, x)
    )
    with torch.inference_mode():
        fast = model(ids[:, -1:])[0, -1]
    assert len(calls) == 7 * model.config.n_layers + 1  # q k v o gate up down, head
    monkeypatch.setattr(kernels, "READY", False)
    monkeypatch.setattr(kernels, "_state", {"ok": False})
    with torch.inference_mode():
        slow = model(ids[:, -1:])[0, -1]
    assert len(calls) == 7 * model.config.n_layers + 1  # the fallback did not call it
    torch.testing.assert_close(fast, slow, rtol=0.05, atol=0.05)


def test_disabled_by_environment(monkeypatch) -> None:
    monkeypatch.setenv("HAVOC_BF16_GEMV", "0")
    monkeypatch.setattr(kernels, "_state", {})
    monkeypatch.setattr(kernels, "READY", False)
    assert kernels.gemv_bf16(torch.randn(4, 8).bfloat16(), torch.randn(8).bfloat16()) is None
    assert not kernels.available()
    torch.manual_seed(0)
    model = HavocModel(ModelConfig.from_preset("tiny")).eval().to(torch.bfloat16)
    events = list(generate(model, [[1, 2, 3]], GenerationConfig(max_new_tokens=4, greedy=True)))
    assert len(events) == 4
