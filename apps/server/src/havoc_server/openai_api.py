"""`POST /v1/chat/completions`, `POST /v1/completions`, `GET /v1/models`.

Streaming sends ``data: {json}\\n\\n`` events in OpenAI's chunk shape, one ``id`` and ``created``
for the whole stream, then ``data: [DONE]``. A client that disconnects cancels its request: the
scheduler frees its slot at the next step.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, StreamingResponse

from havoc_server.engine import (
    EngineStoppedError,
    GenerationHandle,
    Output,
    QueueFullError,
    SamplingParams,
    TokenLogprob,
)
from havoc_server.errors import ApiError
from havoc_server.protocol import (
    ChatCompletion,
    ChatCompletionRequest,
    Completion,
    CompletionRequest,
    ErrorResponse,
    ModelCard,
    ModelList,
)

_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse} for code in (400, 401, 404, 413, 422, 429, 503)
}
_STREAM_DOC = {"content": {"text/event-stream": {}}, "description": "JSON, or SSE if stream"}

router = APIRouter()


def _state(request: Request) -> Any:
    return request.app.state.havoc


_INLINE_CHARS = 4096  # shorter texts are tokenised on the event loop (a thread costs more)


async def _tokenize(chars: int, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)`` on the event loop for short texts, in a thread for long ones (a
    request body of megabytes would hold every other request, /health too, while it encodes)."""
    if chars <= _INLINE_CHARS:
        return fn(*args, **kwargs)
    return await asyncio.to_thread(fn, *args, **kwargs)


def _check_model(state: Any, model: str | None) -> None:
    if model is not None and model != state.model_id:
        raise ApiError(
            404,
            f"the model '{model}' does not exist; this server serves '{state.model_id}'",
            param="model",
            code="model_not_found",
        )


def _params(
    state: Any, body: Any, prompt_len: int, max_tokens: int | None, logprobs: int | None
) -> SamplingParams:
    engine = state.engine
    if prompt_len >= engine.max_len:
        raise ApiError(
            400,
            f"this model's context window is {engine.max_len} tokens and the prompt has "
            f"{prompt_len}; shorten the prompt",
            param="messages" if isinstance(body, ChatCompletionRequest) else "prompt",
            code="context_length_exceeded",
        )
    if max_tokens is None:
        max_tokens = min(engine.max_len - prompt_len, state.default_max_tokens)
    try:
        engine.check_fits(prompt_len, max_tokens)
    except ValueError as exc:
        raise ApiError(400, str(exc), param="max_tokens", code="context_length_exceeded") from exc

    def pick(value: Any, default: Any) -> Any:
        return default if value is None else value

    return SamplingParams(
        max_tokens=max_tokens,
        temperature=pick(body.temperature, 1.0),
        top_p=pick(body.top_p, 1.0),
        top_k=pick(body.top_k, 0),
        min_p=pick(body.min_p, 0.0),
        repetition_penalty=pick(body.repetition_penalty, 1.0),
        presence_penalty=pick(body.presence_penalty, 0.0),
        frequency_penalty=pick(body.frequency_penalty, 0.0),
        stop=body.stop_list(),
        seed=body.seed,
        logprobs=logprobs,
        ignore_eos=bool(body.ignore_eos),
    )


def _check_choices(state: Any, n_prompts: int, n: int) -> None:
    """One request may not ask for more than ``max_choices`` sequences (prompts x n)."""
    limit = state.config.max_choices
    if n_prompts * n > limit:
        raise ApiError(
            400,
            f"this request asks for {n_prompts} prompt(s) x n={n} = {n_prompts * n} completions; "
            f"the limit is {limit} per request (split it into smaller requests)",
            param="n",
            code="too_many_choices",
        )


def _submit(
    state: Any, prompts: list[list[int]], params: SamplingParams, n: int
) -> GenerationHandle:
    _check_choices(state, len(prompts), n)
    try:
        return state.engine.submit(prompts, params, n=n)
    except QueueFullError as exc:
        raise ApiError(429, str(exc), code="queue_full") from exc
    except EngineStoppedError as exc:
        raise ApiError(503, str(exc), code="shutting_down") from exc
    except ValueError as exc:
        raise ApiError(400, str(exc), param="prompt") from exc


async def _collect(handle: GenerationHandle, request: Request) -> tuple[list[Output], Any]:
    """Wait for a non-streamed request, cancelling it if the client goes away."""
    task = asyncio.ensure_future(handle.collect())
    try:
        while True:
            done, _ = await asyncio.wait({task}, timeout=0.25)
            if done:
                return task.result()
            if await request.is_disconnected():
                raise asyncio.CancelledError
    finally:
        if not task.done():
            handle.cancel()
            task.cancel()


def _raise_for(done: Any) -> None:
    if done.error is not None:
        code, message = done.error
        raise ApiError(503, message, code=code)


def _usage(done: Any) -> dict[str, int]:
    return {
        "prompt_tokens": done.prompt_tokens,
        "completion_tokens": done.completion_tokens,
        "total_tokens": done.prompt_tokens + done.completion_tokens,
    }


def _sse(obj: Any) -> str:
    return f"data: {json.dumps(obj, ensure_ascii=False, separators=(',', ':'))}\n\n"


def _token_text(state: Any, token_id: int) -> str:
    return state.tokenizer.decode([token_id])


def _chat_logprobs(state: Any, lps: tuple[TokenLogprob, ...] | None) -> dict[str, Any] | None:
    if lps is None:
        return None

    def entry(tid: int, lp: float) -> dict[str, Any]:
        text = _token_text(state, tid)
        return {"token": text, "logprob": lp, "bytes": list(text.encode("utf-8"))}

    return {
        "content": [
            {**entry(t.token_id, t.logprob), "top_logprobs": [entry(i, v) for i, v in t.top]}
            for t in lps
        ]
    }


class _CompletionLogprobs:
    """Accumulates the legacy completions ``logprobs`` object for one choice."""

    def __init__(self, state: Any, offset: int) -> None:
        self.state = state
        self.offset = offset
        self.data: dict[str, list[Any]] = {
            "tokens": [],
            "token_logprobs": [],
            "top_logprobs": [],
            "text_offset": [],
        }

    def add(self, lps: tuple[TokenLogprob, ...] | None) -> dict[str, list[Any]] | None:
        if lps is None:
            return None
        piece: dict[str, list[Any]] = {k: [] for k in self.data}
        for t in lps:
            text = _token_text(self.state, t.token_id)
            piece["tokens"].append(text)
            piece["token_logprobs"].append(t.logprob)
            piece["top_logprobs"].append({_token_text(self.state, i): v for i, v in t.top})
            piece["text_offset"].append(self.offset)
            self.offset += len(text)
        for k, v in piece.items():
            self.data[k] += v
        return piece


# -- chat -----------------------------------------------------------------------------------------
@router.post(
    "/v1/chat/completions",
    response_model=ChatCompletion,
    responses={**_ERRORS, 200: _STREAM_DOC},
    summary="Chat completion (OpenAI-compatible; SSE when stream is true)",
)
async def chat_completions(body: ChatCompletionRequest, request: Request) -> Any:
    state = _state(request)
    _check_model(state, body.model)
    messages = [
        {"role": "system" if m.role == "developer" else m.role, "content": m.text()}
        for m in body.messages
    ]
    try:
        chars = sum(len(m["content"] or "") for m in messages)
        tok = state.tokenizer
        prompt = await _tokenize(chars, tok.encode_chat, messages, add_generation_prompt=True)
    except ValueError as exc:
        raise ApiError(400, str(exc), param="messages") from exc
    top = body.top_logprobs if body.logprobs else None
    if body.top_logprobs is not None and not body.logprobs:
        raise ApiError(400, "top_logprobs needs logprobs: true", param="top_logprobs")
    logprobs = (top or 0) if body.logprobs else None
    params = _params(
        state, body, len(prompt), body.max_completion_tokens or body.max_tokens, logprobs
    )
    n = body.n or 1
    handle = _submit(state, [prompt], params, n)
    rid, created = f"chatcmpl-{handle.id}", int(time.time())
    state.metrics.requests_by_endpoint.inc(endpoint="chat")
    if body.stream:
        include_usage = bool(body.stream_options and body.stream_options.include_usage)
        return _streaming(_chat_events(state, handle, rid, created, n, include_usage), handle)
    outputs, done = await _collect(handle, request)
    _raise_for(done)
    texts, reasons = [""] * n, [None] * n
    lps: list[list[TokenLogprob]] = [[] for _ in range(n)]
    for out in outputs:
        texts[out.index] += out.text
        reasons[out.index] = out.finish_reason or reasons[out.index]
        lps[out.index] += list(out.logprobs or ())
    choices = [
        {
            "index": i,
            "message": {"role": "assistant", "content": texts[i]},
            "logprobs": _chat_logprobs(state, tuple(lps[i])) if logprobs is not None else None,
            "finish_reason": reasons[i],
        }
        for i in range(n)
    ]
    return JSONResponse(
        {
            "id": rid,
            "object": "chat.completion",
            "created": created,
            "model": state.model_id,
            "system_fingerprint": state.fingerprint,
            "choices": choices,
            "usage": _usage(done),
        }
    )


def _chunk_writer(
    state: Any, rid: str, created: int, object_type: str, include_usage: bool
) -> Callable[..., str]:
    """One SSE chunk of a stream: the same id/created/model on every chunk (OpenAI's shape)."""

    def chunk(choices: list[dict[str, Any]], usage: dict[str, int] | None = None) -> str:
        obj: dict[str, Any] = {
            "id": rid,
            "object": object_type,
            "created": created,
            "model": state.model_id,
            "system_fingerprint": state.fingerprint,
            "choices": choices,
        }
        if include_usage:
            obj["usage"] = usage
        return _sse(obj)

    return chunk


async def _chat_events(
    state: Any, handle: GenerationHandle, rid: str, created: int, n: int, include_usage: bool
) -> AsyncIterator[str]:
    chunk = _chunk_writer(state, rid, created, "chat.completion.chunk", include_usage)

    def choice(
        i: int, delta: dict[str, Any], finish: str | None = None, lp: Any = None
    ) -> dict[str, Any]:
        return {"index": i, "delta": delta, "logprobs": lp, "finish_reason": finish}

    for i in range(n):
        yield chunk([choice(i, {"role": "assistant", "content": ""})])
    async for out in handle.stream():
        if out.text or out.logprobs:
            yield chunk(
                [
                    choice(
                        out.index, {"content": out.text}, None, _chat_logprobs(state, out.logprobs)
                    )
                ]
            )
        if out.finish_reason:
            yield chunk([choice(out.index, {}, out.finish_reason)])
    done = handle.done
    if done.error is not None:
        code, message = done.error
        yield _sse(
            {"error": {"message": message, "type": "server_error", "param": None, "code": code}}
        )
    elif include_usage:
        yield chunk([], _usage(done))
    yield "data: [DONE]\n\n"


# -- completions ----------------------------------------------------------------------------------
@router.post(
    "/v1/completions",
    response_model=Completion,
    responses={**_ERRORS, 200: _STREAM_DOC},
    summary="Text completion (OpenAI-compatible; SSE when stream is true)",
)
async def completions(body: CompletionRequest, request: Request) -> Any:
    state = _state(request)
    _check_model(state, body.model)
    tok = state.tokenizer
    raw = body.prompt
    # refuse an oversized request before tokenising its prompts
    n_prompts = 1 if isinstance(raw, str) or (raw and isinstance(raw[0], int)) else len(raw)
    _check_choices(state, n_prompts, body.n or 1)
    if isinstance(raw, str):
        texts: list[str | None] = [raw]
        prompts = [await _tokenize(len(raw), tok.encode, raw, add_bos=True)]
    elif raw and isinstance(raw[0], str):
        texts = list(raw)
        prompts = await _tokenize(
            sum(map(len, raw)), lambda: [tok.encode(t, add_bos=True) for t in raw]
        )
    elif raw and isinstance(raw[0], int):
        texts, prompts = [None], [list(raw)]
    else:
        texts, prompts = [None] * len(raw), [list(p) for p in raw]
    vocab = state.engine.vocab_size
    for i, p in enumerate(prompts):
        bad = [t for t in p if t >= vocab]
        if bad:
            raise ApiError(
                422,
                f"prompt token ids must be in [0, {vocab}), got {bad[0]}",
                param="prompt",
                code="invalid_token_id",
            )
        if texts[i] is None:
            texts[i] = tok.decode(p)
    longest = max(len(p) for p in prompts)
    params = _params(state, body, longest, body.max_tokens, body.logprobs)
    n = body.n or 1
    handle = _submit(state, prompts, params, n)
    rid, created = f"cmpl-{handle.id}", int(time.time())
    state.metrics.requests_by_endpoint.inc(endpoint="completions")
    echo = [(texts[i // n] if body.echo else "") for i in range(len(prompts) * n)]
    if body.stream:
        include_usage = bool(body.stream_options and body.stream_options.include_usage)
        events = _completion_events(state, handle, rid, created, echo, body.logprobs, include_usage)
        return _streaming(events, handle)
    outputs, done = await _collect(handle, request)
    _raise_for(done)
    count = len(prompts) * n
    out_text = list(echo)
    reasons: list[str | None] = [None] * count
    lp_acc = [_CompletionLogprobs(state, len(echo[i])) for i in range(count)]
    for out in outputs:
        out_text[out.index] += out.text
        reasons[out.index] = out.finish_reason or reasons[out.index]
        lp_acc[out.index].add(out.logprobs)
    choices = [
        {
            "index": i,
            "text": out_text[i],
            "logprobs": lp_acc[i].data if body.logprobs is not None else None,
            "finish_reason": reasons[i],
        }
        for i in range(count)
    ]
    return JSONResponse(
        {
            "id": rid,
            "object": "text_completion",
            "created": created,
            "model": state.model_id,
            "system_fingerprint": state.fingerprint,
            "choices": choices,
            "usage": _usage(done),
        }
    )


async def _completion_events(
    state: Any,
    handle: GenerationHandle,
    rid: str,
    created: int,
    echo: list[str],
    logprobs: int | None,
    include_usage: bool,
) -> AsyncIterator[str]:
    chunk = _chunk_writer(state, rid, created, "text_completion", include_usage)

    acc = [_CompletionLogprobs(state, len(e)) for e in echo]
    for i, text in enumerate(echo):
        if text:
            yield chunk([{"index": i, "text": text, "logprobs": None, "finish_reason": None}])
    async for out in handle.stream():
        piece = acc[out.index].add(out.logprobs) if logprobs is not None else None
        if out.text or piece:
            yield chunk(
                [{"index": out.index, "text": out.text, "logprobs": piece, "finish_reason": None}]
            )
        if out.finish_reason:
            yield chunk(
                [
                    {
                        "index": out.index,
                        "text": "",
                        "logprobs": None,
                        "finish_reason": out.finish_reason,
                    }
                ]
            )
    done = handle.done
    if done.error is not None:
        code, message = done.error
        yield _sse(
            {"error": {"message": message, "type": "server_error", "param": None, "code": code}}
        )
    elif include_usage:
        yield chunk([], _usage(done))
    yield "data: [DONE]\n\n"


def _streaming(events: AsyncIterator[str], handle: GenerationHandle) -> StreamingResponse:
    async def guarded() -> AsyncIterator[str]:
        # Starlette cancels this generator when the client disconnects; the finally block then
        # tells the scheduler, which frees the request's slots at its next step.
        try:
            async for event in events:
                yield event
        finally:
            handle.cancel()

    return StreamingResponse(
        guarded(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


# -- models ---------------------------------------------------------------------------------------
@router.get("/v1/models", response_model=ModelList, summary="The served model")
async def list_models(request: Request) -> ModelList:
    state = _state(request)
    return ModelList(data=[_card(state)])


@router.get(
    "/v1/models/{model_id}",
    response_model=ModelCard,
    responses={404: {"model": ErrorResponse}},
    summary="One model",
)
async def get_model(model_id: str, request: Request) -> ModelCard:
    state = _state(request)
    _check_model(state, model_id)
    return _card(state)


def _card(state: Any) -> ModelCard:
    return state.model_card()  # carries the model's state while the demo model builds
