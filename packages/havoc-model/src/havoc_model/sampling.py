"""Sampling: small pure functions on batched logits ``[batch, vocab]``.

Each filter returns new logits with the removed tokens set to ``-inf``; parameters are a
number (same for every row) or a tensor ``[batch]`` (one per row, as a server batches requests
with different settings). The order used by `process_logits` follows Hugging Face:
repetition penalty, temperature, top-k, top-p, min-p.

>>> import torch
>>> logits = torch.tensor([[2.0, 1.0, 0.0, -1.0]])
>>> top_k_filter(logits, 2)
tensor([[2., 1., -inf, -inf]])
>>> sample(logits, greedy=True)
tensor([0])
"""

from __future__ import annotations

import torch

Param = float | int | torch.Tensor


def _column(value: Param, logits: torch.Tensor, dtype=None) -> torch.Tensor:
    """A parameter as a ``[batch, 1]`` tensor on the logits' device."""
    t = torch.as_tensor(value, device=logits.device, dtype=dtype or logits.dtype)
    if t.dim() == 0:
        return t.expand(logits.shape[0]).unsqueeze(1)
    if t.shape != (logits.shape[0],):
        raise ValueError(
            f"per-row parameter has shape {tuple(t.shape)}, expected ({logits.shape[0]},)"
        )
    return t.unsqueeze(1)


def _check_logits(logits: torch.Tensor) -> None:
    if not isinstance(logits, torch.Tensor) or logits.dim() != 2:
        raise ValueError("logits must be a 2-D tensor [batch, vocab]")


def apply_temperature(logits: torch.Tensor, temperature: Param) -> torch.Tensor:
    """Divide logits by a positive temperature (use greedy decoding for temperature 0)."""
    _check_logits(logits)
    t = _column(temperature, logits)
    if bool((t <= 0).any()):
        raise ValueError("temperature must be > 0 (use greedy decoding for temperature 0)")
    return logits / t


def top_k_filter(logits: torch.Tensor, k: Param) -> torch.Tensor:
    """Keep the ``k`` largest logits of each row (ties with the k-th are kept); 0 keeps all."""
    _check_logits(logits)
    vocab = logits.shape[-1]
    kk = _column(k, logits, dtype=torch.long)
    if bool((kk < 0).any()):
        raise ValueError("top_k must be >= 0")
    kk = torch.where((kk == 0) | (kk > vocab), torch.full_like(kk, vocab), kk)
    sorted_desc = logits.sort(dim=-1, descending=True).values
    kth = sorted_desc.gather(-1, kk - 1)
    return logits.masked_fill(logits < kth, float("-inf"))


def top_p_filter(logits: torch.Tensor, p: Param) -> torch.Tensor:
    """Nucleus filter: keep the smallest set of most likely tokens whose mass reaches ``p``.

    A token is kept if the probability mass of the tokens ranked strictly above it is below
    ``p``; the top token is always kept. ``p = 1`` keeps everything.
    """
    _check_logits(logits)
    pp = _column(p, logits, dtype=torch.float32)
    if bool(((pp <= 0) | (pp > 1)).any()):
        raise ValueError("top_p must be in (0, 1]")
    sorted_logits, order = logits.sort(dim=-1, descending=True)
    probs = sorted_logits.float().softmax(dim=-1)
    mass_above = probs.cumsum(dim=-1) - probs
    remove_sorted = mass_above >= pp
    remove_sorted[:, 0] = False
    remove = torch.zeros_like(remove_sorted).scatter(-1, order, remove_sorted)
    return logits.masked_fill(remove, float("-inf"))


def min_p_filter(logits: torch.Tensor, min_p: Param) -> torch.Tensor:
    """Keep tokens whose probability is at least ``min_p`` times the top token's; 0 keeps all."""
    _check_logits(logits)
    mp = _column(min_p, logits, dtype=torch.float32)
    if bool(((mp < 0) | (mp > 1)).any()):
        raise ValueError("min_p must be in [0, 1]")
    probs = logits.float().softmax(dim=-1)
    threshold = mp * probs.max(dim=-1, keepdim=True).values
    return logits.masked_fill(probs < threshold, float("-inf"))


def apply_repetition_penalty(
    logits: torch.Tensor,
    previous_tokens: torch.Tensor,
    penalty: Param,
    mask: torch.Tensor | None = None,
) -> torch.Tensor:
    """Penalise tokens seen before (HF semantics: positive logits / penalty, negative * penalty).

    ``previous_tokens`` ``[batch, L]`` holds each row's prompt and generated ids; ``mask``
    ``[batch, L]`` (optional) marks which entries are real (False = padding). Each seen token
    is penalised once, however often it occurred.
    """
    _check_logits(logits)
    pen = _column(penalty, logits, dtype=logits.dtype)
    if bool((pen <= 0).any()):
        raise ValueError("repetition_penalty must be > 0")
    if previous_tokens.dim() != 2 or previous_tokens.shape[0] != logits.shape[0]:
        raise ValueError("previous_tokens must be [batch, L] with the logits' batch size")
    if previous_tokens.numel() == 0:
        return logits
    ids = previous_tokens.to(logits.device).long()
    real = torch.ones_like(ids, dtype=torch.bool) if mask is None else mask.to(logits.device).bool()
    if bool(((ids < 0) | (ids >= logits.shape[-1]))[real].any()):
        raise ValueError(f"previous_tokens must be ids in [0, {logits.shape[-1]})")
    counts = torch.zeros(logits.shape, device=logits.device, dtype=torch.int32)
    counts.scatter_add_(-1, ids.clamp(0, logits.shape[-1] - 1), real.to(torch.int32))
    seen = counts > 0
    penalised = torch.where(logits > 0, logits / pen, logits * pen)
    return torch.where(seen, penalised, logits)


def sample(
    logits: torch.Tensor, generator: torch.Generator | None = None, greedy: bool = False
) -> torch.Tensor:
    """One token id per row: argmax if ``greedy`` else a draw from ``softmax(logits)``."""
    _check_logits(logits)
    if greedy:
        return logits.argmax(dim=-1)
    probs = logits.float().softmax(dim=-1)
    return torch.multinomial(probs, num_samples=1, generator=generator).squeeze(1)


def process_logits(
    logits: torch.Tensor,
    *,
    temperature: Param = 1.0,
    top_k: Param = 0,
    top_p: Param = 1.0,
    min_p: Param = 0.0,
    repetition_penalty: Param = 1.0,
    previous_tokens: torch.Tensor | None = None,
    previous_mask: torch.Tensor | None = None,
) -> torch.Tensor:
    """Apply the whole chain in HF order; filters whose setting is neutral are skipped."""
    if previous_tokens is not None and not _is_neutral(repetition_penalty, 1.0):
        logits = apply_repetition_penalty(
            logits, previous_tokens, repetition_penalty, previous_mask
        )
    if not _is_neutral(temperature, 1.0):
        logits = apply_temperature(logits, temperature)
    if not _is_neutral(top_k, 0):
        logits = top_k_filter(logits, top_k)
    if not _is_neutral(top_p, 1.0):
        logits = top_p_filter(logits, top_p)
    if not _is_neutral(min_p, 0.0):
        logits = min_p_filter(logits, min_p)
    return logits


def _is_neutral(value: Param, neutral: float) -> bool:
    if isinstance(value, torch.Tensor):
        return bool((value == neutral).all())
    return value == neutral
