"""Output projection + cross-entropy in one pass over token chunks (no full logits tensor).

``linear_cross_entropy(hidden, weight, targets)`` equals
``F.cross_entropy(F.linear(hidden, weight).float(), targets, reduction="sum")`` (ignoring
``ignore_index`` targets) but never holds the ``[tokens, vocab]`` logits: it walks the tokens
in chunks of ~32M logits, and when gradients are needed computes them in the same pass
(softmax - one-hot, then the two products with the chunk), so backward is a multiply by the
incoming scalar. Saves the logits memory (``tokens x vocab x 4`` bytes twice: logits and their
gradient) and the separate log-softmax forward/backward passes. Under autocast the products run
in the autocast dtype and the softmax in fp32, like ``F.linear`` followed by ``.float()``
(through the fp32 GEMM with the same roundings where the CPU has no bf16 GEMM; `lowp_gemm`).
"""

from __future__ import annotations

import torch

from havoc_model import lowp_gemm

IGNORE_INDEX = -100
_CHUNK_ELEMENTS = 1 << 25  # logits per chunk (128 MB in fp32)


def _chunk_rows(vocab: int) -> int:
    return max(1, _CHUNK_ELEMENTS // vocab)


def _chunks(n: int, vocab: int):
    step = _chunk_rows(vocab)
    for start in range(0, n, step):
        yield start, min(n, start + step)


class _LinearCrossEntropy(torch.autograd.Function):
    @staticmethod
    def forward(ctx, hidden, weight, targets, ignore_index, compute_dtype, fp32_products):
        # hidden [N, d], weight [V, d], targets [N]; returns the summed loss (fp32 scalar).
        # fp32_products: operands hold compute_dtype values but multiply in fp32, each product
        # rounded to compute_dtype (havoc_model.lowp_gemm: a CPU without a bf16 GEMM).
        n, vocab = hidden.shape[0], weight.shape[0]
        need_h, need_w = ctx.needs_input_grad[0], ctx.needs_input_grad[1]
        operand = torch.float32 if fp32_products else compute_dtype

        def product(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
            return (a @ b).to(compute_dtype)

        w = weight.to(compute_dtype).to(operand)
        h_all = hidden.to(compute_dtype).to(operand)
        grad_h = torch.empty_like(hidden) if need_h else None
        grad_w = None  # fp32 sum over chunks (the first chunk's product is taken as is)
        total = torch.zeros((), dtype=torch.float32, device=hidden.device)
        for s, e in _chunks(n, vocab):
            h = h_all[s:e]
            y = targets[s:e]
            valid = y != ignore_index
            all_valid = bool(valid.all())
            safe = y if all_valid else torch.where(valid, y, 0)
            # One fused, vectorised pass from the product (any dtype) to fp32 log-probs.
            logp = torch.log_softmax(product(h, w.t()), dim=-1, dtype=torch.float32)  # [C, V]
            picked = logp.gather(1, safe[:, None])[:, 0]
            total -= picked.sum() if all_valid else (picked * valid).sum()
            if need_h or need_w:
                # d(sum loss)/d logits = softmax - one_hot (zero on ignored rows), in place.
                probs = logp.exp_()
                if all_valid:
                    probs.scatter_add_(1, safe[:, None], torch.full_like(picked, -1.0)[:, None])
                else:
                    probs.scatter_add_(1, safe[:, None], -valid[:, None].to(probs.dtype))
                    probs.mul_(valid[:, None])
                g = probs.to(compute_dtype).to(operand)
                if need_h:
                    grad_h[s:e] = product(g, w).to(hidden.dtype)
                if need_w:
                    part = product(g.t(), h)  # [V, d] in the compute dtype
                    if grad_w is None:
                        grad_w = part.to(torch.float32)
                    else:
                        grad_w.add_(part)
        if need_w and grad_w is None:  # no tokens at all
            grad_w = torch.zeros(weight.shape, dtype=torch.float32, device=weight.device)
        ctx.save_for_backward(
            grad_h if need_h else None, grad_w.to(weight.dtype) if need_w else None
        )
        return total

    @staticmethod
    def backward(ctx, grad_out):
        grad_h, grad_w = ctx.saved_tensors
        # Out of place: a second backward through a retained graph must see the same products.
        out = [None if g is None else g * grad_out.to(g.dtype) for g in (grad_h, grad_w)]
        return out[0], out[1], None, None, None, None


def linear_cross_entropy(
    hidden: torch.Tensor,
    weight: torch.Tensor,
    targets: torch.Tensor,
    ignore_index: int = IGNORE_INDEX,
) -> torch.Tensor:
    """Summed next-token cross-entropy of ``hidden @ weight.T`` against ``targets`` (fp32).

    ``hidden`` ``[..., d]``, ``targets`` ``[...]`` (``ignore_index`` entries are skipped),
    ``weight`` ``[vocab, d]``. See the module docstring for how it avoids the logits tensor.
    """
    if hidden.shape[:-1] != targets.shape:
        raise ValueError(
            f"targets shape {tuple(targets.shape)} must equal hidden's leading shape "
            f"{tuple(hidden.shape[:-1])}"
        )
    if targets.dtype not in (torch.int64, torch.int32):
        raise ValueError(f"targets must be int64 or int32, got {targets.dtype}")
    h = hidden.reshape(-1, hidden.shape[-1])
    y = targets.reshape(-1).long()
    device = h.device.type
    compute = torch.get_autocast_dtype(device) if torch.is_autocast_enabled(device) else None
    compute = compute or torch.promote_types(h.dtype, weight.dtype)
    fp32_products = not lowp_gemm.native_gemm(device, compute)
    with torch.autocast(device, enabled=False):
        return _LinearCrossEntropy.apply(h, weight, y, ignore_index, compute, fp32_products)
