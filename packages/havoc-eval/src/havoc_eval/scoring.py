"""Log-likelihood scoring with a HAVOC model: continuations, and whole texts in rolling windows.

These are the numbers behind perplexity, bits per byte and the lm-eval adapter. Everything is
computed in fp32 from the model's logits (whatever dtype the weights are in), on the model's device.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import torch

from havoc_eval.errors import EvalError


def model_device(model: torch.nn.Module) -> torch.device:
    return next(model.parameters()).device


def model_max_len(model: torch.nn.Module) -> int:
    return int(model.config.max_seq_len)


def score_continuations(
    model: torch.nn.Module,
    pairs: Sequence[tuple[Sequence[int], Sequence[int]]],
    *,
    batch_size: int = 8,
    max_len: int | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> list[tuple[float, bool]]:
    """``(log p(continuation | context), is_greedy)`` for each ``(context_ids, continuation_ids)``.

    The context must hold at least one token (put BOS there for an empty one). Inputs longer than
    ``max_len`` (default: the model's ``max_seq_len``) keep their last ``max_len`` tokens, as
    lm-evaluation-harness does. ``is_greedy`` is True when every continuation token is the argmax.
    """
    max_len = max_len or model_max_len(model)
    if batch_size < 1:
        raise EvalError(f"batch_size must be >= 1, got {batch_size}")
    inputs: list[list[int]] = []
    for i, (context, continuation) in enumerate(pairs):
        if len(context) == 0:
            raise EvalError(f"request {i}: the context has no tokens (give at least BOS)")
        if len(continuation) == 0:
            raise EvalError(f"request {i}: the continuation has no tokens")
        if len(continuation) > max_len:
            raise EvalError(
                f"request {i}: a continuation of {len(continuation)} tokens does not fit the "
                f"model's context of {max_len}"
            )
        inputs.append((list(context) + list(continuation))[-(max_len + 1) :])
    results: list[tuple[float, bool]] = [(0.0, False)] * len(inputs)
    order = sorted(range(len(inputs)), key=lambda i: -len(inputs[i]))  # similar lengths batch well
    device = model_device(model)
    with torch.inference_mode():
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            width = max(len(inputs[r]) - 1 for r in rows)
            ids = torch.zeros((len(rows), width), dtype=torch.long)
            mask = torch.zeros((len(rows), width), dtype=torch.long)
            for b, r in enumerate(rows):
                seq = inputs[r][:-1]
                ids[b, : len(seq)] = torch.tensor(seq, dtype=torch.long)
                mask[b, : len(seq)] = 1
            logits = model(ids.to(device), attention_mask=mask.to(device))
            for b, r in enumerate(rows):
                n_in = len(inputs[r]) - 1
                n_cont = len(pairs[r][1])
                target = torch.tensor(inputs[r][-n_cont:], dtype=torch.long, device=device)
                logp = torch.log_softmax(logits[b, n_in - n_cont : n_in].float(), dim=-1)
                total = logp.gather(-1, target[:, None]).sum().item()
                greedy = bool((logp.argmax(-1) == target).all().item())
                results[r] = (total, greedy)
            if on_batch is not None:
                on_batch(len(rows))
    return results


def rolling_windows(
    tokens: Sequence[int], prefix_id: int, max_len: int
) -> Iterator[tuple[list[int], list[int]]]:
    """Split ``tokens`` into ``(context, continuation)`` pairs that score every token exactly once.

    The first window predicts the first ``max_len`` tokens from ``prefix_id``; each later window
    predicts the next ``max_len`` tokens (fewer at the end) with as much preceding context as fits.
    This is lm-evaluation-harness's ``loglikelihood_rolling`` with ``context_len=1``.
    """
    if max_len < 1:
        raise EvalError(f"max_len must be >= 1, got {max_len}")
    tokens = list(tokens)
    if not tokens:
        return
    yield [prefix_id], tokens[:max_len]
    for start in range(max_len, len(tokens), max_len):
        end = min(start + max_len, len(tokens))
        yield tokens[max(0, end - max_len - 1) : start], tokens[start:end]


@dataclass(frozen=True)
class TextScore:
    """Log-likelihood of one text: total log-probability (nats), tokens scored, UTF-8 bytes."""

    logprob: float
    tokens: int
    bytes: int

    @property
    def bits_per_byte(self) -> float:
        return -self.logprob / math.log(2) / self.bytes

    @property
    def perplexity(self) -> float:
        return math.exp(-self.logprob / self.tokens)


def score_texts(
    model: torch.nn.Module,
    tokenizer,
    texts: Sequence[str],
    *,
    batch_size: int = 8,
    max_len: int | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> list[TextScore]:
    """Rolling log-likelihood of each text on its own, conditioned on BOS (perplexity, bits/byte).

    Bytes are counted on the text as given (before the tokenizer's normalisation), so bits per byte
    compare across tokenizers.
    """
    max_len = max_len or model_max_len(model)
    pairs: list[tuple[list[int], list[int]]] = []
    owner: list[int] = []
    counts: list[int] = []
    for i, text in enumerate(texts):
        if not isinstance(text, str) or not text:
            raise EvalError(f"text {i} is empty or not a string")
        ids = tokenizer.encode(text)
        counts.append(len(ids))
        for pair in rolling_windows(ids, tokenizer.bos_id, max_len):
            pairs.append(pair)
            owner.append(i)
    scores = score_continuations(
        model, pairs, batch_size=batch_size, max_len=max_len, on_batch=on_batch
    )
    totals = [0.0] * len(texts)
    for i, (logprob, _) in zip(owner, scores, strict=True):
        totals[i] += logprob
    return [
        TextScore(totals[i], counts[i], len(text.encode("utf-8"))) for i, text in enumerate(texts)
    ]
