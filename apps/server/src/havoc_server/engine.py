"""The scheduler: continuous batching of decode steps over one preallocated KV cache.

One background thread owns the model and the cache. Requests enter a bounded FIFO queue
(`QueueFullError` when it is full); every step the thread

1. drops sequences whose request was cancelled (client gone) or timed out, freeing their slots;
2. admits waiting sequences into free slots, round-robin between requests (a request that holds
   no slot may preempt one from the request holding the most), and prefills them together
   (right-padded);
3. decodes every running sequence by one token in a single forward call, each row at its own
   position in its own slot;
4. samples the next token of every row with that row's own settings (per-row tensors through
   ``havoc_model.sampling``; a request's ``seed`` drives its own ``torch.Generator``), decodes the
   text incrementally, matches stop strings across token boundaries and pushes the new text to
   the request's asyncio queue.

A request with ``n`` choices (or several prompts) becomes that many independent rows.

>>> # engine = Engine(model, tokenizer, max_batch=8); engine.start()
>>> # handle = engine.submit([prompt_ids], SamplingParams(max_tokens=16, temperature=0))
>>> # async for out in handle.stream(): print(out.index, out.text, out.finish_reason)
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import threading
import time
import uuid
from collections import deque
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import torch

from havoc_server.metrics import Metrics
from havoc_server.textstream import StopTextStream

log = logging.getLogger("havoc_server.engine")


class QueueFullError(RuntimeError):
    """The waiting queue is full (HTTP 429)."""


class EngineStoppedError(RuntimeError):
    """The engine is shutting down or stopped (HTTP 503)."""


@dataclass(frozen=True)
class SamplingParams:
    """Per-request decoding settings (OpenAI names; ``temperature == 0`` is greedy)."""

    max_tokens: int
    temperature: float = 1.0
    top_p: float = 1.0
    top_k: int = 0
    min_p: float = 0.0
    repetition_penalty: float = 1.0
    presence_penalty: float = 0.0
    frequency_penalty: float = 0.0
    stop: tuple[str, ...] = ()
    seed: int | None = None
    logprobs: int | None = None  # None: off; k >= 0: chosen token's logprob + k alternatives
    skip_special_tokens: bool = False
    ignore_eos: bool = False

    def __post_init__(self) -> None:
        # Values too small for the float32 sampling tensors would round to 0 there: a
        # temperature that small is greedy, a nucleus that small keeps just the top token.
        if 0 < self.temperature < 1e-4:
            object.__setattr__(self, "temperature", 0.0)
        if 0 < self.top_p < 1e-6:
            object.__setattr__(self, "top_p", 1e-6)
        checks = [
            (isinstance(self.max_tokens, int) and self.max_tokens >= 1, "max_tokens must be >= 1"),
            (0 <= self.temperature, "temperature must be >= 0"),
            (0 < self.top_p <= 1, "top_p must be in (0, 1]"),
            (isinstance(self.top_k, int) and self.top_k >= 0, "top_k must be an integer >= 0"),
            (0 <= self.min_p <= 1, "min_p must be in [0, 1]"),
            (self.repetition_penalty > 0, "repetition_penalty must be > 0"),
            (-2 <= self.presence_penalty <= 2, "presence_penalty must be in [-2, 2]"),
            (-2 <= self.frequency_penalty <= 2, "frequency_penalty must be in [-2, 2]"),
            (all(isinstance(s, str) and s for s in self.stop), "stop strings must be non-empty"),
            (self.logprobs is None or 0 <= self.logprobs <= 20, "logprobs must be in [0, 20]"),
        ]
        for ok, message in checks:
            if not ok:
                raise ValueError(message)

    @property
    def greedy(self) -> bool:
        return self.temperature == 0


@dataclass(frozen=True)
class TokenLogprob:
    token_id: int
    logprob: float
    top: tuple[tuple[int, float], ...] = ()


@dataclass(frozen=True)
class Output:
    """New text of one choice. ``finish_reason`` is set on the choice's last output."""

    index: int
    text: str = ""
    token_ids: tuple[int, ...] = ()
    logprobs: tuple[TokenLogprob, ...] | None = None
    finish_reason: str | None = None


@dataclass(frozen=True)
class Done:
    """The request has ended. ``error`` is ``(code, message)`` when it ended abnormally."""

    prompt_tokens: int
    completion_tokens: int
    error: tuple[str, str] | None = None


class GenerationHandle:
    """The caller's side of a request: an async stream of `Output`s, then `done`."""

    def __init__(self, loop: asyncio.AbstractEventLoop, n_choices: int) -> None:
        self.id = uuid.uuid4().hex[:24]
        self.n_choices = n_choices
        self._loop = loop
        self._queue: asyncio.Queue[Output | Done] = asyncio.Queue()
        self.cancelled = False
        self.done: Done | None = None

    def cancel(self) -> None:
        """Stop generating (the client went away); the slots are freed at the next step."""
        self.cancelled = True

    def _push(self, item: Output | Done) -> None:
        try:
            self._loop.call_soon_threadsafe(self._queue.put_nowait, item)
        except RuntimeError:  # the event loop is closed: nobody is listening any more
            self.cancelled = True

    async def stream(self) -> AsyncIterator[Output]:
        """Outputs as they are generated; sets `done` at the end."""
        while self.done is None:
            item = await self._queue.get()
            if isinstance(item, Done):
                self.done = item
            else:
                yield item

    async def collect(self) -> tuple[list[Output], Done]:
        outputs = [o async for o in self.stream()]
        assert self.done is not None
        return outputs, self.done


@dataclass(eq=False)
class _Request:
    handle: GenerationHandle
    arrival: float
    deadline: float
    prompt_tokens: int
    unfinished: int
    waiting: int
    completion_tokens: int = 0
    error: tuple[str, str] | None = None


@dataclass(eq=False)
class _Sequence:
    request: _Request
    index: int
    prompt: list[int]
    params: SamplingParams
    text: StopTextStream
    generator: torch.Generator | None
    generated: list[int] = field(default_factory=list)
    slot: int | None = None
    pending: int | None = None  # sampled, not yet written to the cache
    last_token_time: float = 0.0
    finished: bool = False


class Engine:
    """Continuous-batching generation over ``max_batch`` KV-cache slots (see module doc)."""

    # Per-step fast paths (class attributes so tests can compare with the general path):
    # greedy rows without penalties or logprobs take the argmax of the raw logits (skipping
    # the per-row filter tensors of `process_logits`), and a decode step whose running slots
    # are the same as the step before reuses that step's cache view (no index validation).
    fast_greedy: bool = True
    reuse_slot_views: bool = True

    def __init__(
        self,
        model: torch.nn.Module,
        tokenizer: Any,
        *,
        max_batch: int = 8,
        max_queue: int = 64,
        max_len: int | None = None,
        request_timeout: float = 600.0,
        metrics: Metrics | None = None,
    ) -> None:
        if max_batch < 1:
            raise ValueError(f"max_batch must be >= 1, got {max_batch}")
        if max_queue < 1:
            raise ValueError(f"max_queue must be >= 1, got {max_queue}")
        if request_timeout <= 0:
            raise ValueError(f"request_timeout must be > 0, got {request_timeout}")
        from havoc_model import KVCache

        self.model = model.eval()
        self.tokenizer = tokenizer
        self.max_batch = max_batch
        self.max_queue = max_queue
        self.request_timeout = request_timeout
        self.max_len = min(max_len or model.config.max_seq_len, model.config.max_seq_len)
        self.vocab_size = model.config.vocab_size
        self.device = next(model.parameters()).device
        self.cache = KVCache.for_model(model, batch_size=max_batch, max_len=self.max_len)
        self.stop_ids = frozenset(int(t) for t in getattr(tokenizer, "stop_ids", ()) or ())
        self.metrics = metrics or Metrics()
        self.metrics.running._read = lambda: len(self._active)
        self.metrics.waiting._read = lambda: self._waiting_requests
        self._rng = torch.Generator(device=self.device)
        self._rng.seed()
        self._free = list(range(max_batch - 1, -1, -1))  # pop() gives slot 0 first
        self._active: dict[int, _Sequence] = {}  # slot -> sequence
        self._waiting: deque[_Sequence] = deque()
        self._waiting_requests = 0
        self._cv = threading.Condition()
        self._accepting = True
        self._stopping = False
        self._thread: threading.Thread | None = None
        self.steps = 0
        self.preemptions = 0
        self._view_key: tuple[int, ...] = ()
        self._view: Any = None
        # Outputs of the current step, handed to the event loop(s) in one call per loop at the
        # end of the step (fewer wake-ups of the loop thread, which competes for the GIL).
        self._outbox: list[tuple[GenerationHandle, Output | Done]] | None = None

    # -- lifecycle ------------------------------------------------------------------------------
    def start(self) -> Engine:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="havoc-engine", daemon=True)
            self._thread.start()
        return self

    @property
    def running(self) -> int:
        return len(self._active)

    @property
    def waiting(self) -> int:
        return self._waiting_requests

    @property
    def accepting(self) -> bool:
        return self._accepting and self._thread is not None and self._thread.is_alive()

    def shutdown(self, grace: float = 30.0) -> None:
        """Stop taking requests, let running ones finish for up to ``grace`` seconds, then end
        the rest with a ``shutdown`` error and stop the thread."""
        self._accepting = False
        end = time.monotonic() + grace
        while time.monotonic() < end and (self._active or self._waiting):
            time.sleep(0.02)
        with self._cv:
            self._stopping = True
            self._cv.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=10)

    # -- requests -------------------------------------------------------------------------------
    def check_fits(self, prompt_len: int, max_tokens: int) -> None:
        """ValueError unless a prompt of ``prompt_len`` tokens plus ``max_tokens`` fits."""
        if prompt_len + max_tokens > self.max_len:
            raise ValueError(
                f"this model's context window is {self.max_len} tokens; the prompt has "
                f"{prompt_len} tokens and max_tokens is {max_tokens} ({prompt_len + max_tokens} "
                f"in total); shorten the prompt or lower max_tokens"
            )

    def submit(
        self,
        prompts: Sequence[Sequence[int]],
        params: SamplingParams,
        n: int = 1,
        timeout: float | None = None,
    ) -> GenerationHandle:
        """Queue ``n`` choices for each prompt; call from the event loop that will consume them.

        Choice ``i * n + j`` is prompt ``i``'s ``j``-th sample; with a ``seed`` it uses
        ``seed + choice index`` so the choices differ yet repeat across identical requests.
        """
        if not prompts or n < 1:
            raise ValueError("submit needs at least one prompt and n >= 1")
        for p in prompts:
            if not p:
                raise ValueError("a prompt must have at least one token")
            bad = [t for t in p if not 0 <= int(t) < self.vocab_size]
            if bad:
                raise ValueError(f"prompt token ids outside [0, {self.vocab_size}): {bad[:5]}")
            self.check_fits(len(p), params.max_tokens)
        loop = asyncio.get_running_loop()
        handle = GenerationHandle(loop, len(prompts) * n)
        now = time.monotonic()
        request = _Request(
            handle=handle,
            arrival=now,
            deadline=now + (timeout or self.request_timeout),
            prompt_tokens=sum(len(p) for p in prompts),
            unfinished=len(prompts) * n,
            waiting=len(prompts) * n,
        )
        seqs = []
        for i, j in itertools.product(range(len(prompts)), range(n)):
            index = i * n + j
            generator = None
            if params.seed is not None and not params.greedy:
                generator = torch.Generator(device=self.device).manual_seed(params.seed + index)
            seqs.append(
                _Sequence(
                    request=request,
                    index=index,
                    prompt=[int(t) for t in prompts[i]],
                    params=params,
                    text=StopTextStream(self.tokenizer, params.stop, params.skip_special_tokens),
                    generator=generator,
                )
            )
        with self._cv:
            if not self.accepting:
                raise EngineStoppedError("the server is shutting down")
            if self._waiting_requests >= self.max_queue:
                raise QueueFullError(
                    f"the request queue is full ({self.max_queue} waiting); retry later"
                )
            self._waiting_requests += 1
            self._waiting.extend(seqs)
            self._cv.notify_all()
        self.metrics.prompt_tokens.inc(request.prompt_tokens)
        return handle

    # -- the scheduler thread -------------------------------------------------------------------
    def _loop(self) -> None:
        while True:
            with self._cv:
                while not (self._stopping or self._waiting or self._active):
                    self._cv.wait(timeout=0.5)
                if self._stopping:
                    break
            self._outbox = []
            try:
                with torch.inference_mode():
                    self._step()
            except Exception:  # a device or model failure must not kill the server
                log.exception("scheduler step failed; ending the affected requests")
                for seq in list(self._active.values()):
                    self._end(seq, error=("internal_error", "generation failed on the server"))
            finally:
                self._flush()
        for seq in list(self._active.values()) + list(self._waiting):
            self._end(seq, error=("shutdown", "the server shut down before the request finished"))

    def _step(self) -> None:
        now = time.monotonic()
        for seq in list(self._active.values()):
            self._check_alive(seq, now)
        with self._cv:
            for seq in list(self._waiting):
                self._check_alive(seq, now)
            new = self._admit()
        running = sorted(
            (s for s in self._active.values() if s.pending is not None), key=lambda s: s.slot
        )
        if not running and not new:
            return
        parts: list[torch.Tensor] = []
        if running:
            ids = torch.tensor([[s.pending] for s in running], device=self.device)
            parts.append(self.model(ids, kv_cache=self._decode_view(running))[:, -1])
        if new:
            parts.append(self._prefill(new))
        rows = running + new
        logits = torch.cat(parts) if len(parts) > 1 else parts[0]
        tokens, logprobs = self._sample(logits, rows)
        now = time.monotonic()
        self.steps += 1
        for seq, token, lp in zip(rows, tokens, logprobs, strict=True):
            self._accept(seq, token, lp, now)

    def _decode_view(self, running: list[_Sequence]) -> Any:
        """The cache view of the running slots; the previous step's when they are the same
        slots in the same order (a view holds only the slot indices, never lengths)."""
        key = tuple(s.slot for s in running)
        if not (self.reuse_slot_views and key == self._view_key and self._view is not None):
            self._view_key, self._view = key, self.cache.slots(list(key))
        return self._view

    def _emit(self, handle: GenerationHandle, item: Output | Done) -> None:
        if self._outbox is None:  # outside a step (shutdown): deliver at once
            handle._push(item)
        else:
            self._outbox.append((handle, item))

    def _flush(self) -> None:
        """Deliver this step's outputs: one thread-safe call per event loop, in order."""
        outbox, self._outbox = self._outbox or [], None
        by_loop: dict[asyncio.AbstractEventLoop, list[tuple[GenerationHandle, Any]]] = {}
        for handle, item in outbox:
            by_loop.setdefault(handle._loop, []).append((handle, item))
        for loop, items in by_loop.items():
            try:
                loop.call_soon_threadsafe(_deliver, items)
            except RuntimeError:  # the event loop is closed: nobody is listening any more
                for handle, _ in items:
                    handle.cancelled = True

    def _admit(self) -> list[_Sequence]:
        """Fill free slots fairly (called with ``_cv`` held).

        Slots go round-robin between requests, not first-come to sequences: the next free slot
        goes to the waiting request that holds the fewest slots. A waiting request that holds
        none takes a slot from the request holding the most (that sequence is preempted: it goes
        back to the queue with its tokens and is prefilled again when it returns), so a short
        chat behind a 64-prompt x 16-choice request starts at the next step instead of after it.
        """
        if not self._waiting:
            return []
        held: dict[_Request, int] = {}
        for seq in self._active.values():
            held[seq.request] = held.get(seq.request, 0) + 1
        waiting_requests = list(dict.fromkeys(seq.request for seq in self._waiting))
        starving = [r for r in waiting_requests if held.get(r, 0) == 0]
        for _ in range(max(0, len(starving) - len(self._free))):
            richest = max(held, key=lambda r: held[r], default=None)
            if richest is None or held[richest] < 2:
                break
            victim = min(
                (s for s in self._active.values() if s.request is richest),
                key=lambda s: len(s.generated),  # cheapest to prefill again
            )
            self._preempt(victim)
            held[richest] -= 1
        new: list[_Sequence] = []
        while self._free and self._waiting:
            pending = {}
            for seq in self._waiting:  # each request's first waiting sequence, in arrival order
                pending.setdefault(seq.request, seq)
            request = min(pending, key=lambda r: (held.get(r, 0), r.arrival))
            seq = pending[request]
            self._waiting.remove(seq)
            # the lowest free slot: running slots stay contiguous more often, and the cache then
            # reads a slice of its buffers instead of gathering rows (kv_cache.CacheStep)
            self._free.sort(reverse=True)
            seq.slot = self._free.pop()
            self._active[seq.slot] = seq
            held[request] = held.get(request, 0) + 1
            request.waiting -= 1
            if request.waiting == 0:
                self._waiting_requests -= 1
            new.append(seq)
        return new

    def _preempt(self, seq: _Sequence) -> None:
        """Give ``seq``'s slot back; it waits at the front of the queue with what it generated."""
        assert seq.slot is not None
        self._active.pop(seq.slot, None)
        self.cache.reset([seq.slot])
        self._free.append(seq.slot)
        seq.slot = None
        seq.pending = None
        request = seq.request
        if request.waiting == 0:
            self._waiting_requests += 1
        request.waiting += 1
        self._waiting.appendleft(seq)
        self.preemptions += 1

    def _check_alive(self, seq: _Sequence, now: float) -> None:
        request = seq.request
        if request.handle.cancelled:
            self._end(seq, error=None)
        elif now > request.deadline:
            seconds = request.deadline - request.arrival
            self._end(seq, error=("timeout", f"the request timed out after {seconds:g} s"))

    def _prefill(self, new: list[_Sequence]) -> torch.Tensor:
        slots = [s.slot for s in new]
        self.cache.reset(slots)
        # a preempted sequence comes back with its generated tokens: prefill them too
        tokens = [s.prompt + s.generated for s in new]
        lengths = [len(t) for t in tokens]
        width = max(lengths)
        ids = torch.zeros(len(new), width, dtype=torch.long)
        mask = torch.zeros(len(new), width, dtype=torch.long)
        for r, seq_tokens in enumerate(tokens):
            ids[r, : lengths[r]] = torch.tensor(seq_tokens)
            mask[r, : lengths[r]] = 1
        ids, mask = ids.to(self.device), mask.to(self.device)
        hidden = self.model.hidden_states(
            ids, attention_mask=None if bool(mask.all()) else mask, kv_cache=self.cache.slots(slots)
        )
        last = torch.tensor(lengths, device=self.device) - 1
        return self.model.logits(hidden[torch.arange(len(new), device=self.device), last])

    def _sample(
        self, logits: torch.Tensor, rows: list[_Sequence]
    ) -> tuple[list[int], list[TokenLogprob | None]]:
        params = [s.params for s in rows]
        if self.fast_greedy and all(
            p.greedy
            and p.repetition_penalty == 1
            and not (p.presence_penalty or p.frequency_penalty)
            and p.logprobs is None
            for p in params
        ):
            # process_logits leaves greedy rows' logits as they are (neutral settings): the
            # argmax of the raw logits is the same token
            return logits.argmax(dim=-1).tolist(), [None] * len(rows)
        return self._sample_general(logits, rows)

    def _sample_general(
        self, logits: torch.Tensor, rows: list[_Sequence]
    ) -> tuple[list[int], list[TokenLogprob | None]]:
        from havoc_model.sampling import apply_repetition_penalty, process_logits

        params = [s.params for s in rows]
        dev = logits.device
        raw = logits
        if any(p.repetition_penalty != 1 for p in params):
            seen = [s.prompt + s.generated for s in rows]
            width = max(len(x) for x in seen)
            prev = torch.zeros(len(rows), width, dtype=torch.long)
            prev_mask = torch.zeros(len(rows), width, dtype=torch.bool)
            for r, x in enumerate(seen):
                prev[r, : len(x)] = torch.tensor(x)
                prev_mask[r, : len(x)] = True
            pen = torch.tensor([p.repetition_penalty for p in params], device=dev)
            logits = apply_repetition_penalty(logits, prev.to(dev), pen, prev_mask.to(dev))
        if any(p.presence_penalty or p.frequency_penalty for p in params):
            # OpenAI semantics over the generated tokens: logit -= freq * count + pres * [count>0]
            counts = torch.zeros_like(logits)
            for r, s in enumerate(rows):
                if s.generated:
                    g = torch.tensor(s.generated, device=dev)
                    counts[r].scatter_add_(0, g, torch.ones_like(g, dtype=counts.dtype))
            freq = torch.tensor([p.frequency_penalty for p in params], device=dev)[:, None]
            pres = torch.tensor([p.presence_penalty for p in params], device=dev)[:, None]
            logits = logits - freq * counts - pres * (counts > 0).to(counts.dtype)
        greedy = [p.greedy for p in params]
        # Greedy rows get neutral filter settings (argmax ignores them; temperature 0 would
        # be rejected by apply_temperature).
        logits = process_logits(
            logits,
            temperature=torch.tensor([1.0 if p.greedy else p.temperature for p in params]),
            top_k=torch.tensor([0 if p.greedy else p.top_k for p in params]),
            top_p=torch.tensor([1.0 if p.greedy else p.top_p for p in params]),
            min_p=torch.tensor([0.0 if p.greedy else p.min_p for p in params]),
        )
        chosen = logits.argmax(dim=-1)
        sampled = [r for r, g in enumerate(greedy) if not g]
        if sampled:
            probs = logits.float().softmax(dim=-1)
            shared = [r for r in sampled if rows[r].generator is None]
            if shared:
                idx = torch.tensor(shared, device=dev)
                draws = torch.multinomial(probs[idx], 1, generator=self._rng).squeeze(1)
                chosen[idx] = draws
            for r in sampled:
                gen = rows[r].generator
                if gen is not None:
                    chosen[r] = torch.multinomial(probs[r : r + 1], 1, generator=gen)[0, 0]
        tokens = chosen.tolist()
        logprobs: list[TokenLogprob | None] = [None] * len(rows)
        wanted = [r for r, p in enumerate(params) if p.logprobs is not None]
        if wanted:
            lsm = raw[wanted].float().log_softmax(dim=-1)
            k = max(params[r].logprobs or 0 for r in wanted)
            top_v, top_i = lsm.topk(k, dim=-1) if k else (None, None)
            for j, r in enumerate(wanted):
                kk = params[r].logprobs or 0
                top = ()
                if kk and top_v is not None:
                    top = tuple(zip(top_i[j, :kk].tolist(), top_v[j, :kk].tolist(), strict=True))
                logprobs[r] = TokenLogprob(tokens[r], float(lsm[j, tokens[r]]), top)
        return tokens, logprobs

    def _accept(self, seq: _Sequence, token: int, lp: TokenLogprob | None, now: float) -> None:
        if seq.finished:
            return
        request = seq.request
        first = not seq.generated
        seq.generated.append(token)
        request.completion_tokens += 1
        self.metrics.tokens_generated.inc()
        if first:
            self.metrics.ttft.observe(now - request.arrival)
        else:
            self.metrics.itl.observe(now - seq.last_token_time)
        seq.last_token_time = now
        reason = None
        if token in self.stop_ids and not seq.params.ignore_eos:
            text, reason = seq.text.finish(), "stop"
            token_ids, lps = (), None
        else:
            text = seq.text.add(token)
            token_ids, lps = (token,), (lp,) if lp is not None else None
            if seq.text.stopped:
                reason = "stop"
            elif len(seq.generated) >= seq.params.max_tokens or (
                int(self.cache.lengths[seq.slot]) + 1 > self.max_len
            ):
                text += seq.text.finish()
                reason = "length"
        self._emit(request.handle, Output(seq.index, text, token_ids, lps, reason))
        if reason is None:
            seq.pending = token
        else:
            self._end(seq, error=None)

    def _end(self, seq: _Sequence, error: tuple[str, str] | None) -> None:
        """Free the sequence's slot (or take it off the queue); finish the request when it was
        the last one of its request."""
        if seq.finished:
            return
        seq.finished = True
        request = seq.request
        if seq.slot is not None:
            self._active.pop(seq.slot, None)
            self.cache.reset([seq.slot])
            self._free.append(seq.slot)
            seq.slot = None
        else:
            with self._cv:
                try:
                    self._waiting.remove(seq)
                except ValueError:
                    pass
                request.waiting -= 1
                if request.waiting == 0:
                    self._waiting_requests -= 1
        if error is not None and request.error is None:
            request.error = error
        request.unfinished -= 1
        if request.unfinished == 0:
            outcome = (
                "cancelled"
                if request.handle.cancelled
                else (request.error[0] if request.error else "ok")
            )
            self.metrics.requests.inc(outcome=outcome)
            self._emit(
                request.handle,
                Done(request.prompt_tokens, request.completion_tokens, request.error),
            )
        elif error is not None:
            # One choice failed (timeout / shutdown): end the whole request.
            for other in [s for s in self._active.values() if s.request is request]:
                self._end(other, error=None)
            for other in [s for s in list(self._waiting) if s.request is request]:
                self._end(other, error=None)


def _deliver(items: list[tuple[GenerationHandle, Output | Done]]) -> None:
    """Runs on the event loop: put one step's outputs on their handles' queues, in order."""
    for handle, item in items:
        handle._queue.put_nowait(item)
