"""FLOPs per token, model FLOPs utilisation, and the machine's measured matmul peak.

Two counts of the training FLOPs of one token (forward + backward, 2 FLOPs per multiply-add):

- `matmul_flops_per_token` (what ``mfu`` means in havoc-train's logs and in bench/train): every
  matmul the step executes, ``6 * (N_proj + V * d) + 12 * L * H * Q * T``. ``N_proj`` is every
  projection weight (q, k, v, o, gate, up, down), ``V * d`` the output head, counted whether or
  not it is tied to the embedding (a tied head is still a ``[tokens, d] x [d, V]`` product, and
  at our sizes it is 20-32% of the matmul FLOPs). The embedding lookup is a gather and the
  RMSNorm weights are element-wise: neither is a matmul, neither is counted. Attention counts
  the full ``T x T`` scores and weighted values (``4 * T * Q`` per head forward, x3 with
  backward), the convention of PaLM and of ``torch.utils.flop_counter``; the causal kernel skips
  roughly half of those blocks, so at long ``T`` this overstates the executed work by up to
  ``6 * L * H * Q * T``. Recomputation is not model work and is not counted (the flash
  backward recomputes ``Q K^T``: ``2 * L * H * Q * T`` more executed). A test checks the count
  against ``FlopCounterMode`` on a real forward + backward.
- `train_flops_per_token`: the PaLM appendix count ``6 * N_non_embedding + 12 * L * H * Q * T``
  (a tied head is left out with the embedding), reported beside it as ``mfu_palm`` for
  comparison with published figures.

MFU divides achieved FLOP/s by a peak; on a CPU there is no datasheet peak, so we measure the
best dense matmul rate over a few square shapes instead.
"""

from __future__ import annotations

import time

import torch


def train_flops_per_token(
    n_non_embedding: int, n_layers: int, n_heads: int, head_dim: int, seq_len: int
) -> float:
    """``6 N + 12 L H Q T`` FLOPs for one token of a training step (forward and backward)."""
    return 6.0 * n_non_embedding + 12.0 * n_layers * n_heads * head_dim * seq_len


def matmul_flops_per_token(config, seq_len: int) -> float:
    """Every matmul FLOP of one training token of a `havoc_model.ModelConfig` model (see the
    module docstring): ``6 * (N_proj + V * d) + 12 * L * H * Q * T``."""
    d, q, kv, f = config.d_model, config.q_dim, config.kv_dim, config.ffn_hidden
    projections = config.n_layers * (2 * d * q + 2 * d * kv + 3 * d * f)
    head = config.vocab_size * d
    attention = 12.0 * config.n_layers * config.n_heads * config.head_dim * seq_len
    return 6.0 * (projections + head) + attention


def palm_flops_per_token(config, seq_len: int) -> float:
    """The PaLM count for a `havoc_model.ModelConfig` model: non-embedding parameters (an untied
    head included, a tied one not; norms included) via `train_flops_per_token`."""
    from havoc_model.memory import count_parameters

    counts = count_parameters(config)
    return train_flops_per_token(
        counts.total - counts.embedding, config.n_layers, config.n_heads, config.head_dim, seq_len
    )


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
