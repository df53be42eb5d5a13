"""Batched, streaming generation on the KV cache.

`generate` takes token-id prompts and yields one `TokenEvent` per row per step as soon as the
token is chosen; `generate_text` / `stream_text` wrap it for any tokenizer object with
``encode(str) -> list[int]`` and ``decode(list[int]) -> str``.

Prompts of different lengths are prefilled in one call: they are right-padded into the cache
and each row then continues from its own length (see `KVCache`), which gives the same tokens
as running the prompts one at a time.

>>> from havoc_model import GenerationConfig, HavocModel, ModelConfig, generate
>>> model = HavocModel(ModelConfig.from_preset("tiny")).eval()
>>> events = list(generate(model, [[1, 2, 3], [4]], GenerationConfig(max_new_tokens=2, greedy=True)))
>>> [(e.row, e.step) for e in events]
[(0, 0), (1, 0), (0, 1), (1, 1)]
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import torch

from havoc_model.kv_cache import KVCache, KVCacheView
from havoc_model.sampling import process_logits, sample


@dataclass(frozen=True)
class GenerationConfig:
    """Decoding settings. ``greedy=True`` or ``temperature=0`` means argmax decoding."""

    max_new_tokens: int = 64
    greedy: bool = False
    temperature: float = 1.0
    top_k: int = 0
    top_p: float = 1.0
    min_p: float = 0.0
    repetition_penalty: float = 1.0
    stop_token_ids: tuple[int, ...] = ()
    stop_strings: tuple[str, ...] = ()
    seed: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "stop_token_ids", tuple(self.stop_token_ids))
        object.__setattr__(self, "stop_strings", tuple(self.stop_strings))
        checks = [
            (
                isinstance(self.max_new_tokens, int) and self.max_new_tokens >= 1,
                f"max_new_tokens must be an integer >= 1, got {self.max_new_tokens!r}",
            ),
            (self.temperature >= 0, f"temperature must be >= 0, got {self.temperature}"),
            (
                isinstance(self.top_k, int) and self.top_k >= 0,
                f"top_k must be an integer >= 0, got {self.top_k!r}",
            ),
            (0 < self.top_p <= 1, f"top_p must be in (0, 1], got {self.top_p}"),
            (0 <= self.min_p <= 1, f"min_p must be in [0, 1], got {self.min_p}"),
            (
                self.repetition_penalty > 0,
                f"repetition_penalty must be > 0, got {self.repetition_penalty}",
            ),
            (
                all(isinstance(t, int) and t >= 0 for t in self.stop_token_ids),
                f"stop_token_ids must be non-negative integers, got {self.stop_token_ids!r}",
            ),
            (
                all(isinstance(s, str) and s for s in self.stop_strings),
                f"stop_strings must be non-empty strings, got {self.stop_strings!r}",
            ),
        ]
        for ok, message in checks:
            if not ok:
                raise ValueError(message)

    @property
    def is_greedy(self) -> bool:
        return self.greedy or self.temperature == 0

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GenerationConfig:
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown generation setting(s): {', '.join(unknown)}")
        return cls(**data)


@dataclass(frozen=True)
class TokenEvent:
    """One generated token of one row. ``finish_reason`` is set on the row's last event:
    ``"stop"`` (a stop token or stop string) or ``"length"`` (max_new_tokens reached)."""

    row: int
    step: int
    token_id: int
    finish_reason: str | None = None


@dataclass
class _Row:
    prompt: list[int]
    generated: list[int] = field(default_factory=list)
    finished: bool = False


def generate(
    model: torch.nn.Module,
    prompts: Sequence[Sequence[int]],
    config: GenerationConfig | None = None,
    *,
    decode: Callable[[list[int]], str] | None = None,
    compile: bool = False,
) -> Iterator[TokenEvent]:
    """Generate for a batch of token-id prompts, yielding `TokenEvent`s step by step.

    ``decode`` (ids -> text) is needed only for ``stop_strings``. Runs under
    ``torch.inference_mode`` on the model's device; wrap the loop in ``torch.autocast`` to
    decode in bf16.

    ``compile=True`` runs the decode steps through ``torch.compile(model.decode_step)``: a
    static-shape step over a cache sized to the next power of two (so one trace serves many
    requests; the first call per batch size and cache size compiles, ~10-30 s on a CPU). Every
    row stays in the step until all finish. Same tokens as the eager path (tested); pays off for
    long generations and repeated calls (bench/model, BENCHMARKS.md).
    """
    config = config or GenerationConfig()
    cfg = model.config
    rows = _check_prompts(prompts, cfg.vocab_size)
    if config.stop_strings and decode is None:
        raise ValueError("stop_strings need a decode function (ids -> text)")
    longest = max(len(r.prompt) for r in rows)
    total = longest + config.max_new_tokens
    if total > cfg.max_seq_len:
        raise ValueError(
            f"prompt length {longest} + max_new_tokens {config.max_new_tokens} = {total} exceeds "
            f"the model's max_seq_len {cfg.max_seq_len}"
        )
    device = next(model.parameters()).device
    batch = len(rows)
    generator = None
    if config.seed is not None and not config.is_greedy:
        generator = torch.Generator(device=device).manual_seed(config.seed)
    stop_ids = set(config.stop_token_ids)

    # History (prompt + generated) for the repetition penalty, padded with a mask.
    history = torch.zeros(batch, total, dtype=torch.long, device=device)
    history_mask = torch.zeros(batch, total, dtype=torch.bool, device=device)
    for b, r in enumerate(rows):
        history[b, : len(r.prompt)] = torch.tensor(r.prompt, device=device)
        history_mask[b, : len(r.prompt)] = True
    lengths = torch.tensor([len(r.prompt) for r in rows], device=device)

    static = _compiled_decode_step(model) if compile else None
    with torch.inference_mode():
        cache = KVCache.for_model(
            model, batch, _static_cache_len(total, cfg.max_seq_len) if compile else total
        )
        ids = history[:, :longest]
        mask = history_mask[:, :longest]
        hidden = model.hidden_states(
            ids, attention_mask=None if bool(mask.all()) else mask, kv_cache=cache
        )
        last = hidden[torch.arange(batch, device=device), lengths - 1]
        logits = model.logits(last)  # [B, V]
        active = list(range(batch))
        view: KVCache | KVCacheView = cache
        penalise = config.repetition_penalty != 1.0
        for step in range(config.max_new_tokens):
            previous = previous_mask = None
            if penalise:  # the history is gathered only when the penalty reads it
                act = torch.tensor(active, device=device)
                previous, previous_mask = history[act], history_mask[act]
            processed = process_logits(
                logits,
                temperature=1.0 if config.is_greedy else config.temperature,
                top_k=0 if config.is_greedy else config.top_k,
                top_p=1.0 if config.is_greedy else config.top_p,
                min_p=0.0 if config.is_greedy else config.min_p,
                repetition_penalty=config.repetition_penalty,
                previous_tokens=previous,
                previous_mask=previous_mask,
            )
            next_ids = sample(processed, generator=generator, greedy=config.is_greedy)
            still: list[int] = []
            for i, (b, token) in enumerate(zip(active, next_ids.tolist(), strict=True)):
                row = rows[b]
                row.generated.append(token)
                history[b, len(row.prompt) + step] = token
                history_mask[b, len(row.prompt) + step] = True
                reason = None
                if token in stop_ids or (
                    config.stop_strings
                    and _hits_stop_string(decode(row.generated), config.stop_strings)
                ):
                    reason = "stop"
                elif step + 1 == config.max_new_tokens:
                    reason = "length"
                yield TokenEvent(row=b, step=step, token_id=token, finish_reason=reason)
                if reason is None:
                    still.append(i)
                else:
                    row.finished = True
            if not still:
                return
            if static is not None:
                # Static shapes: every slot steps; finished rows feed token 0 and are ignored.
                if len(still) == len(active) == batch:
                    tokens = next_ids
                else:
                    active = [active[i] for i in still]
                    tokens = torch.zeros(batch, dtype=torch.long, device=device)
                    tokens[torch.tensor(active, device=device)] = next_ids[
                        torch.tensor(still, device=device)
                    ]
                positions = cache.lengths.clamp(max=cache.max_len - 1).to(device)
                if step == 0 or not _CAN_SKIP_GUARDS:  # a request's first call checks all
                    logits = static(tokens, positions, cache)
                else:
                    # Same model, cache and shapes as the step before: only the guards that
                    # tell compiled entries apart are needed (saves ~0.4 ms per step).
                    with torch.compiler.set_stance(skip_guard_eval_unsafe=True):
                        logits = static(tokens, positions, cache)
                cache.lengths += 1
                if len(active) < batch:
                    logits = logits[torch.tensor(active, device=device)]
                continue
            if len(still) == len(active):  # every row continues: no re-indexing
                step_ids, view = next_ids[:, None], cache if len(active) == batch else view
            else:
                keep = torch.tensor(still, device=device)
                active = [active[i] for i in still]
                step_ids, view = next_ids[keep][:, None], cache.slots(active)
            # One new token per row: the final hidden state is already the last position's.
            logits = model.logits(model.hidden_states(step_ids, kv_cache=view)[:, -1])


_CAN_SKIP_GUARDS = (
    "skip_guard_eval_unsafe" in inspect.signature(torch.compiler.set_stance).parameters
)


def _static_cache_len(total: int, max_seq_len: int) -> int:
    """Cache length for the compiled step: the next power of two >= total (at least 64),
    capped at max_seq_len, so requests of similar length share one compiled graph."""
    return min(max_seq_len, max(64, 1 << (total - 1).bit_length()))


def _compiled_decode_step(model: torch.nn.Module) -> Callable[..., torch.Tensor]:
    """``torch.compile(model.decode_step)``, built once per model object."""
    fn = model.__dict__.get("_havoc_compiled_decode_step")
    if fn is None:
        ref = next(model.parameters())
        if ref.device.type == "cpu" and ref.dtype == torch.bfloat16:
            from havoc_model import kernels

            kernels.available()  # build the bf16 GEMV op before tracing (never inside a trace)
        if getattr(model, "quantization", None) is not None:
            from havoc_model import kernels_int8

            kernels_int8.available()  # likewise the int8 op (a loaded int8 checkpoint)
        # Not fullgraph: past dynamo's recompile limit (many models or shapes in one process)
        # it falls back to eager with a warning instead of failing the request. The step has
        # no graph breaks (tested). dynamic=None: a second shape recompiles once, symbolically.
        fn = torch.compile(model.decode_step)
        model.__dict__["_havoc_compiled_decode_step"] = fn
    return fn


def _hits_stop_string(text: str, stops: tuple[str, ...]) -> bool:
    return any(s in text for s in stops)


def _check_prompts(prompts: Sequence[Sequence[int]], vocab_size: int) -> list[_Row]:
    if isinstance(prompts, str | bytes) or not isinstance(prompts, Sequence) or not prompts:
        raise ValueError("prompts must be a non-empty list of token-id lists")
    rows = []
    for i, p in enumerate(prompts):
        if isinstance(p, str | bytes) or not isinstance(p, Sequence) or len(p) == 0:
            raise ValueError(f"prompt {i} must be a non-empty list of token ids")
        ids = list(p)
        bad = [
            t
            for t in ids
            if isinstance(t, bool) or not isinstance(t, int) or not 0 <= t < vocab_size
        ]
        if bad:
            raise ValueError(f"prompt {i} has token ids outside [0, {vocab_size}): {bad[:5]}")
        rows.append(_Row(prompt=ids))
    return rows


# -- text helpers ------------------------------------------------------------------------------
def _encode(tokenizer: Any, text: str) -> list[int]:
    out = tokenizer.encode(text)
    ids = getattr(out, "ids", out)  # a `tokenizers.Encoding` carries .ids
    return [int(t) for t in ids]


def _default_stop_ids(tokenizer: Any) -> tuple[int, ...]:
    """The tokenizer's end ids: ``stop_ids`` if it has them, else ``eos_id``/``eos_token_id``."""
    stops = getattr(tokenizer, "stop_ids", None)
    if stops is not None and not callable(stops):
        ids = tuple(int(t) for t in stops if isinstance(t, int) and t >= 0)
        if ids:
            return ids
    for name in ("eos_id", "eos_token_id"):
        value = getattr(tokenizer, name, None)
        if callable(value):
            value = value()
        if isinstance(value, int) and value >= 0:
            return (value,)
    return ()


def stream_text(
    model: torch.nn.Module,
    tokenizer: Any,
    prompt: str,
    config: GenerationConfig | None = None,
    *,
    add_eos_stop: bool = True,
    compile: bool = False,
) -> Iterator[str]:
    """Yield text pieces of one completion as they are decoded.

    The tokenizer's end ids (``stop_ids``, else ``eos_id`` / ``eos_token_id``) are added to
    the stop ids. Stop tokens and stop strings are not part of the text. Text that could still turn
    into a stop string, or ends inside a multi-byte character, is held back until it is safe.
    """
    config = config or GenerationConfig()
    if add_eos_stop:
        extra = tuple(t for t in _default_stop_ids(tokenizer) if t not in config.stop_token_ids)
        config = dataclasses.replace(config, stop_token_ids=config.stop_token_ids + extra)
    stop_ids = set(config.stop_token_ids)
    hold = max((len(s) for s in config.stop_strings), default=1) - 1
    ids: list[int] = []
    emitted = 0
    encoded = [_encode(tokenizer, prompt)]
    for event in generate(model, encoded, config, decode=tokenizer.decode, compile=compile):
        if event.token_id not in stop_ids or event.finish_reason != "stop":
            ids.append(event.token_id)
        text = tokenizer.decode(ids)
        done = event.finish_reason is not None
        cut = _stop_cut(text, config.stop_strings)
        if cut is not None:
            text, done = text[:cut], True
        safe = len(text) if done else max(emitted, len(text) - hold)
        if not done:
            while safe > emitted and text[safe - 1] == "\ufffd":
                safe -= 1
        if safe > emitted:
            yield text[emitted:safe]
            emitted = safe
        if done:
            return


def generate_text(
    model: torch.nn.Module,
    tokenizer: Any,
    prompts: str | Sequence[str],
    config: GenerationConfig | None = None,
    *,
    add_eos_stop: bool = True,
    compile: bool = False,
) -> str | list[str]:
    """Completions for one prompt (returns a str) or a batch (returns a list of str)."""
    single = isinstance(prompts, str)
    texts = [prompts] if single else list(prompts)
    config = config or GenerationConfig()
    if add_eos_stop:
        extra = tuple(t for t in _default_stop_ids(tokenizer) if t not in config.stop_token_ids)
        config = dataclasses.replace(config, stop_token_ids=config.stop_token_ids + extra)
    encoded = [_encode(tokenizer, t) for t in texts]
    outputs: list[list[int]] = [[] for _ in texts]
    stop_ids = set(config.stop_token_ids)
    for event in generate(model, encoded, config, decode=tokenizer.decode, compile=compile):
        if not (event.finish_reason == "stop" and event.token_id in stop_ids):
            outputs[event.row].append(event.token_id)
    results = []
    for ids in outputs:
        text = tokenizer.decode(ids)
        cut = _stop_cut(text, config.stop_strings)
        results.append(text if cut is None else text[:cut])
    return results[0] if single else results


def _stop_cut(text: str, stops: tuple[str, ...]) -> int | None:
    hits = [text.find(s) for s in stops if s in text]
    return min(hits) if hits else None
