"""bf16/fp16 products through the fp32 GEMM on CPUs that have no low-precision GEMM.

Under ``torch.autocast(dtype=torch.bfloat16)`` every projection runs as a bf16 GEMM. On GPUs
and on x86 CPUs with AVX512-BF16/AMX that is the fast path; on a CPU without them (AVX2 only)
torch's bf16 GEMM is a portable loop: 1-23 GFLOP/s on this project's AVX2 host against ~80
for fp32 (one thread, depending on the operand layout; the backward's ``grad @ W`` is the
slowest), so a bf16 training step there spends >95% of its time in matmuls.

A bf16 GEMM multiplies bf16 operands exactly and accumulates in fp32, then rounds the result to
bf16. The same arithmetic, up to the order of the fp32 sums, is: round both operands to bf16,
widen them to fp32, multiply with the fp32 GEMM, round the result to bf16. That is what
`linear` does (forward and backward, with the roundings autocast would make), so training
under bf16 autocast keeps bf16 numerics and activations while the products run at the fp32
rate. `HavocModel` uses it only where `native_gemm` is False (CPU without a bf16 GEMM in
oneDNN); ``HAVOC_LOWP_GEMM=native`` turns it off, ``=fp32`` forces it (tests, comparisons).

>>> import torch
>>> x, w = torch.randn(3, 8), torch.randn(5, 8)
>>> y = linear(x, w, torch.bfloat16)
>>> y.dtype, torch.equal(y, linear(x.bfloat16(), w.bfloat16(), torch.bfloat16))
(torch.bfloat16, True)
"""

from __future__ import annotations

import os

import torch
import torch.nn.functional as F


def _native_cpu(dtype: torch.dtype) -> bool:
    try:
        if dtype == torch.bfloat16:
            return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
        if dtype == torch.float16:
            return bool(torch.ops.mkldnn._is_mkldnn_fp16_supported())
    except (AttributeError, RuntimeError):  # a build without oneDNN: no fast path either
        return False
    return True


# Decided once at import (a constant, so compiled graphs do not guard on it).
_MODE = os.environ.get("HAVOC_LOWP_GEMM", "auto")
if _MODE not in ("auto", "native", "fp32"):
    raise ValueError(f"HAVOC_LOWP_GEMM must be auto, native or fp32, got {_MODE!r}")
_NATIVE_CPU = {dt: _native_cpu(dt) for dt in (torch.bfloat16, torch.float16)}


def native_gemm(device_type: str, dtype: torch.dtype) -> bool:
    """Whether products in ``dtype`` on ``device_type`` should run as they are (True) or
    through `linear`'s fp32 route (False: a CPU without a bf16/fp16 GEMM)."""
    if dtype not in _NATIVE_CPU or _MODE == "native":
        return True
    if _MODE == "fp32":
        return False
    return device_type != "cpu" or _NATIVE_CPU[dtype]


def as_operand(t: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    """``t`` rounded to ``dtype`` and widened to fp32: a GEMM operand with ``dtype``'s values."""
    return t.to(dtype).float()


class _Linear(torch.autograd.Function):
    """``F.linear`` with autocast's bf16 roundings and fp32 products (see the module doc).

    Saves the input in ``dtype`` (as autocast does) and the weight as its fp32 widening of the
    ``dtype`` rounding, which backward multiplies with directly (one weight pass fewer).
    """

    @staticmethod
    def forward(ctx, x: torch.Tensor, weight: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
        x_low, w_op = x.to(dtype), as_operand(weight, dtype)
        ctx.save_for_backward(x_low, w_op)
        ctx.dtypes = (x.dtype, weight.dtype, dtype)
        return F.linear(x_low.float(), w_op).to(dtype)

    @staticmethod
    def backward(ctx, grad: torch.Tensor):
        x_low, w_op = ctx.saved_tensors
        x_dtype, w_dtype, dtype = ctx.dtypes
        g = as_operand(grad, dtype)
        grad_x = grad_w = None
        if ctx.needs_input_grad[0]:
            grad_x = (g @ w_op).to(dtype).to(x_dtype)
        if ctx.needs_input_grad[1]:
            g2 = g.reshape(-1, g.shape[-1])
            grad_w = (g2.t() @ x_low.reshape(-1, x_low.shape[-1]).float()).to(dtype)
            grad_w = grad_w.to(w_dtype)
        return grad_x, grad_w, None


def linear(x: torch.Tensor, weight: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    """``F.linear(x, weight)`` as autocast to ``dtype`` computes it (result in ``dtype``), with
    the products in fp32. Call it with autocast off; any device, any float input dtypes."""
    if torch.is_grad_enabled() and (x.requires_grad or weight.requires_grad):
        return _Linear.apply(x, weight, dtype)
    return F.linear(as_operand(x, dtype), as_operand(weight, dtype)).to(dtype)
