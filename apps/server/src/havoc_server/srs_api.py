"""`POST /v1/srs`: the SRS reasoning stack (contract in apps/server/API.md).

havoc-srs's `Pipeline` is synchronous, so it runs in a worker thread; with ``stream: true``
each StageEvent is sent as ``data: {json}\\n\\n`` the moment its stage finishes. With
``use_model`` the served model takes part through havoc-srs's Generator protocol
(`EngineGenerator`), sharing the scheduler with the OpenAI endpoints.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import AsyncIterator, Sequence
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, StreamingResponse

from havoc_server.engine import SamplingParams
from havoc_server.errors import ApiError
from havoc_server.protocol import ErrorResponse, SrsRequest, SrsResult

router = APIRouter()
_DONE = object()


def srs_available() -> bool:
    try:
        import havoc_srs  # noqa: F401
    except ImportError:
        return False
    return True


class EngineGenerator:
    """havoc-srs's ``Generator`` protocol on top of the scheduler (greedy, prompt with <s>).

    Called from the SRS worker thread; the request is submitted on the server's event loop.
    """

    name = "havoc-server"

    def __init__(self, state: Any, timeout: float = 120.0) -> None:
        self.state = state
        self.timeout = timeout

    def generate(self, prompt: str, *, max_tokens: int = 256, stop: Sequence[str] = ()) -> str:
        engine, tok = self.state.engine, self.state.tokenizer
        ids = tok.encode(prompt, add_bos=True)
        room = engine.max_len - 1
        if len(ids) > room:  # keep <s> and the end of the prompt (where the question is)
            ids = ids[:1] + ids[len(ids) - room + 1 :]
        max_tokens = max(1, min(max_tokens, engine.max_len - len(ids)))
        params = SamplingParams(max_tokens=max_tokens, temperature=0.0, stop=tuple(stop)[:4])

        async def run() -> str:
            handle = engine.submit([ids], params)
            outputs, done = await handle.collect()
            if done.error is not None:
                raise RuntimeError(done.error[1])
            return "".join(o.text for o in outputs)

        future = asyncio.run_coroutine_threadsafe(run(), self.state.loop)
        return future.result(timeout=self.timeout)


class SrsService:
    """One pipeline per mode (with / without the model), sharing the handbook index."""

    def __init__(self, state: Any) -> None:
        self.state = state
        self._lock = threading.Lock()
        self._pipes: dict[bool, Any] = {}

    def pipeline(self, use_model: bool) -> Any:
        from havoc_srs import Pipeline

        with self._lock:
            if use_model not in self._pipes:
                other = self._pipes.get(not use_model)
                index = other.index() if other is not None else None
                generator = EngineGenerator(self.state) if use_model else None
                self._pipes[use_model] = Pipeline(index=index, generator=generator)
            return self._pipes[use_model]


def _service(request: Request) -> SrsService:
    state = request.app.state.havoc
    if not srs_available():
        raise ApiError(
            503, "the SRS reasoning stack (havoc-srs) is not installed", code="srs_unavailable"
        )
    service = getattr(state, "srs", None)
    if service is None:
        service = state.srs = SrsService(state)
    return service


@router.post(
    "/v1/srs",
    response_model=SrsResult,
    responses={
        **{code: {"model": ErrorResponse} for code in (400, 401, 413, 422, 503)},
        200: {"content": {"text/event-stream": {}}, "description": "JSON, or SSE if stream"},
    },
    summary="Answer an engineering question with the eight-stage SRS pipeline",
)
async def srs(body: SrsRequest, request: Request) -> Any:
    from havoc_srs import SRSError

    service = _service(request)
    pipe = await asyncio.to_thread(service.pipeline, body.use_model)
    state = request.app.state.havoc
    state.metrics.requests_by_endpoint.inc(endpoint="srs")
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[Any] = asyncio.Queue()
    cancelled = threading.Event()

    def work() -> None:
        try:
            for event in pipe.stream(body.question, data=body.data_csv, data_name=body.data_name):
                if cancelled.is_set():
                    break
                loop.call_soon_threadsafe(queue.put_nowait, event)
        except BaseException as exc:  # handed to the event loop, which turns it into an error
            loop.call_soon_threadsafe(queue.put_nowait, exc)
        loop.call_soon_threadsafe(queue.put_nowait, _DONE)

    started = time.perf_counter()
    threading.Thread(target=work, name="havoc-srs", daemon=True).start()
    first = await queue.get()
    if isinstance(first, SRSError):
        raise ApiError(
            422,
            str(first),
            param="question" if "question" in str(first) else "data_csv",
            code="srs_input",
        )
    if isinstance(first, BaseException):
        raise ApiError(503, f"the reasoning stack failed: {first}", code="srs_failed")

    async def events() -> AsyncIterator[Any]:
        item = first
        while item is not _DONE:
            yield item
            item = await queue.get()

    if body.stream:

        async def sse() -> AsyncIterator[str]:
            try:
                async for item in events():
                    if isinstance(item, BaseException):
                        err = {
                            "message": str(item) or type(item).__name__,
                            "type": "server_error",
                            "code": "srs_failed",
                        }
                        yield f"data: {json.dumps({'type': 'error', 'error': err})}\n\n"
                        break
                    yield f"data: {json.dumps(item, ensure_ascii=False, default=str)}\n\n"
                yield "data: [DONE]\n\n"
            finally:
                cancelled.set()

        return StreamingResponse(
            sse(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"}
        )

    stages: list[dict[str, Any]] = []
    final: dict[str, Any] | None = None
    try:
        async for item in events():
            if isinstance(item, BaseException):
                raise ApiError(503, f"the reasoning stack failed: {item}", code="srs_failed")
            if item.get("type") == "stage":
                stages.append(item)
            elif item.get("type") == "answer":
                final = item
    finally:
        cancelled.set()
    if final is None:
        raise ApiError(503, "the reasoning stack ended without an answer", code="srs_failed")
    result = {
        "id": final["id"],
        "object": "srs.result",
        "created": int(time.time()),
        "status": final["status"],
        "markdown": final["markdown"],
        "answer": final["answer"],
        "trace": {"stages": stages, "total_ms": round((time.perf_counter() - started) * 1000, 3)},
    }
    return JSONResponse(json.loads(json.dumps(result, default=str)))
