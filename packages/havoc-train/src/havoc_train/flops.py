"""FLOPs per token, model FLOPs utilisation, and the machine's measured matmul peak.

Training FLOPs per token follow the PaLM appendix: ``6 * N_non_embedding + 12 * L * H * Q * T``
(forward + backward of the weight matmuls, plus attention scores and values over a context of
``T`` tokens with ``H`` heads of width ``Q`` in ``L`` layers). MFU divides achieved FLOP/s by a
peak; on a CPU there is no datasheet peak, so we measure the best dense matmul rate over a few
square shapes instead.
"""

from __future__ import annotations

import time

import torch


def train_flops_per_token(
    n_non_embedding: int, n_layers: int, n_heads: int, head_dim: int, seq_len: int
) -> float:
    """``6 N + 12 L H Q T`` FLOPs for one token of a training step (forward and backward)."""
    return 6.0 * n_non_embedding + 12.0 * n_layers * n_heads * head_dim * seq_len


def non_embedding_params(model: torch.nn.Module) -> int:
    """Parameters excluding embedding tables (an untied output head counts: it is a matmul)."""
    emb = {
        id(m.weight) for m in model.modules() if isinstance(m, torch.nn.Embedding)
    }  # a tied head shares the embedding tensor and is excluded with it
    seen: set[int] = set()
    total = 0
    for p in model.parameters():
        if id(p) in seen or id(p) in emb:
            continue
        seen.add(id(p))
        total += p.numel()
    return total


def measure_matmul_peak(
    dtype: torch.dtype = torch.float32,
    device: torch.device | str = "cpu",
    sizes: tuple[int, ...] = (512, 1024, 2048),
    min_seconds: float = 0.3,
) -> float:
    """Best achieved FLOP/s of ``a @ b`` over square shapes (the MFU denominator on CPUs)."""
    device = torch.device(device)
    # a private generator: measuring never touches the global RNG (exact resume depends on it)
    gen = torch.Generator(device=device).manual_seed(0)
    best = 0.0
    for n in sizes:
        a = torch.randn(n, n, device=device, generator=gen).to(dtype)
        b = torch.randn(n, n, device=device, generator=gen).to(dtype)
        for _ in range(2):
            a @ b  # warm up the kernel choice and caches
        _sync(device)
        reps, t0 = 0, time.perf_counter()
        while True:
            a @ b
            reps += 1
            _sync(device)
            elapsed = time.perf_counter() - t0
            if elapsed >= min_seconds:
                break
        best = max(best, 2.0 * n**3 * reps / elapsed)
    return best


def _sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)
