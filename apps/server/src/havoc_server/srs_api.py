"""`POST /v1/srs`: the SRS reasoning stack (contract in apps/server/API.md).

Each run executes in a worker process (srs_worker.py: a small pool of reused processes, at most
``srs_max_concurrent`` kept) so that ordinary Python work in the pipeline neither competes with
the event loop for the GIL nor outlives its request. A relay thread per run passes the worker's
StageEvents to the handler; with ``stream: true`` each is sent as ``data: {json}\\n\\n`` the
moment its stage finishes. With ``use_model`` the worker asks the server for each generation and
the relay answers through havoc-srs's Generator protocol (`EngineGenerator`), sharing the
scheduler with the OpenAI endpoints.

A run can never hold the server: at most ``srs_max_concurrent`` runs are admitted (429 with
Retry-After above that); each has one deadline (``srs_timeout``) for the whole run, worker
start-up included, after which the request answers ``srs_timeout`` and its worker is killed; a
client that disconnects has its worker killed the same way. The pool starts a new worker for
the next run.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import queue
import threading
import time
import uuid
from collections.abc import AsyncIterator, Sequence
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.types import Receive, Scope, Send

from havoc_server.engine import SamplingParams
from havoc_server.errors import ApiError
from havoc_server.protocol import ErrorResponse, SrsRequest, SrsResult

log = logging.getLogger("havoc_server")
router = APIRouter()
_DONE = object()
_TIMEOUT = object()
_GONE = object()


@functools.cache
def srs_available() -> bool:
    """Whether havoc-srs is installed (looked up once: /health asks on every probe)."""
    import importlib.util

    return importlib.util.find_spec("havoc_srs") is not None


class EngineGenerator:
    """havoc-srs's ``Generator`` protocol on top of the scheduler (greedy, prompt with <s>).

    Called from a relay thread for a worker process; the request is submitted on the server's event loop.
    """

    name = "havoc-server"

    def __init__(self, state: Any, timeout: float = 30.0) -> None:
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
            handle = engine.submit([ids], params, timeout=self.timeout)
            try:
                outputs, done = await handle.collect()
            finally:
                handle.cancel()  # no-op when finished; frees the slots when abandoned
            if done.error is not None:
                raise RuntimeError(done.error[1])
            return "".join(o.text for o in outputs)

        future = asyncio.run_coroutine_threadsafe(run(), self.state.loop)
        try:
            return future.result(timeout=self.timeout)
        finally:
            future.cancel()


class SrsService:
    """The admission count, the pool of worker processes the runs execute in (see
    srs_worker.py) and the reader threads that relay each run's messages."""

    def __init__(self, state: Any, factory: str = "havoc_srs:Pipeline") -> None:
        from havoc_server.srs_worker import WorkerPool

        config = state.config
        self.state = state
        self.max_concurrent = config.srs_max_concurrent
        self.timeout = config.srs_timeout
        self.max_threads = 2 * config.srs_max_concurrent  # admitted + stopped-but-unwinding
        self.workers = WorkerPool(
            config.srs_max_concurrent,
            factory,
            min_size=config.srs_min_workers,
            nice=config.srs_worker_nice,
            max_tasks=config.srs_worker_max_tasks,
            max_rss_mb=config.srs_worker_max_rss_mb,
            idle_seconds=config.srs_idle_seconds,
        )
        self._pool = _DaemonPool(self.max_threads)
        self._lock = threading.Lock()
        self._generator: EngineGenerator | None = None
        self.closing = False  # the server is shutting down: admit nothing new
        self.active = 0  # admitted requests not answered yet
        self.running = 0  # relay threads still running (a killed run's ends at once)

    def generator(self) -> EngineGenerator:
        """The engine, for a worker's ``use_model`` run (created on first use)."""
        if self._generator is None:
            self._generator = EngineGenerator(self.state, self.timeout)
        return self._generator

    def admit(self) -> None:
        """Take a slot or answer 429."""
        if self.closing:
            raise ApiError(503, "the server is shutting down", code="shutting_down")
        with self._lock:
            if self.active >= self.max_concurrent:
                reason = (
                    f"{self.active} SRS runs are in progress (the limit is {self.max_concurrent})"
                )
            elif self.running >= self.max_threads:
                reason = "stopped SRS runs are still finishing"
            else:
                self.active += 1
                self.running += 1
                return
        self.state.metrics.requests.inc(outcome="srs_busy")
        raise ApiError(429, f"the reasoning stack is busy: {reason}; retry later", code="srs_busy")

    def release(self) -> None:
        with self._lock:
            self.active -= 1

    def start(self, work: Any) -> None:
        def run() -> None:
            try:
                work()
            finally:
                with self._lock:
                    self.running -= 1

        self._pool.submit(run)

    def shutdown(self) -> None:
        self.closing = True
        self.workers.shutdown()


class _DaemonPool:
    """At most ``size`` reused daemon threads (started on demand). Daemon threads, unlike
    concurrent.futures' workers, are not joined at exit, so a stuck run never blocks shutdown."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._tasks: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._threads = 0
        self._idle = 0

    def submit(self, fn: Any) -> None:
        with self._lock:
            if self._idle > 0:
                self._idle -= 1  # an idle thread will take it
            else:
                self._threads += 1
                threading.Thread(target=self._serve, name="havoc-srs", daemon=True).start()
        self._tasks.put(fn)

    def _serve(self) -> None:
        while True:
            fn = self._tasks.get()
            try:
                fn()
            except Exception:  # work() reports its own errors; never lose the thread
                log.exception("SRS pool task failed")
            with self._lock:
                self._idle += 1


def _service(request: Request) -> SrsService:
    if not srs_available():
        raise ApiError(
            503, "the SRS reasoning stack (havoc-srs) is not installed", code="srs_unavailable"
        )
    return srs_service(request.app.state.havoc)


def srs_service(state: Any) -> SrsService:
    """The server's SrsService (created on first use)."""
    service = getattr(state, "srs", None)
    if service is None:
        with _SERVICE_LOCK:
            service = getattr(state, "srs", None)
            if service is None:
                service = state.srs = SrsService(state)
    return service


_SERVICE_LOCK = threading.Lock()


class _Run:
    """The handler's side of one pipeline run: its events, its deadline, its stop flag."""

    def __init__(self, service: SrsService, loop: asyncio.AbstractEventLoop) -> None:
        self.service = service
        self.loop = loop
        self.queue: asyncio.Queue[Any] = asyncio.Queue()
        self.cancelled = threading.Event()
        self.deadline = loop.time() + service.timeout
        self._getter: asyncio.Future[Any] | None = None
        self._released = False
        self._next_check = loop.time() + 0.25
        self._worker: Any = None  # the worker process while it runs this request's job
        self._worker_lock = threading.Lock()

    def attach(self, worker: Any) -> bool:
        """Record the worker running this job; False if the run was already stopped."""
        with self._worker_lock:
            if self.cancelled.is_set():
                return False
            self._worker = worker
            return True

    def detach(self) -> Any:
        """The job ended on its own: the worker is no longer this run's to kill."""
        with self._worker_lock:
            worker, self._worker = self._worker, None
            return worker

    def put(self, item: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the loop is closed: nobody listens any more
            self.loop.call_soon_threadsafe(self.queue.put_nowait, item)

    async def next(self, request: Request | None = None) -> Any:
        """The next event, ``_TIMEOUT`` at the deadline, or ``_GONE`` if the client left
        (checked only when ``request`` is given: a streaming response is cancelled instead)."""
        while True:
            remaining = self.deadline - self.loop.time()
            if remaining <= 0:
                return _TIMEOUT
            if self._getter is None:
                self._getter = asyncio.ensure_future(self.queue.get())
            done, _ = await asyncio.wait({self._getter}, timeout=min(0.25, remaining))
            # look for a disconnect every 0.25 s, also while events keep arriving
            if request is not None and self.loop.time() >= self._next_check:
                self._next_check = self.loop.time() + 0.25
                if await request.is_disconnected():
                    return _GONE
            if done:
                item, self._getter = self._getter.result(), None
                return item

    def finish(self) -> None:
        """Tell the run to stop (if it still runs) and give the slot back, once."""
        with self._worker_lock:
            self.cancelled.set()
            worker, self._worker = self._worker, None
        if worker is not None:  # a run never outlives its request; killing waits: not here
            threading.Thread(
                target=self.service.workers.retire,
                args=(worker,),
                name="havoc-srs-kill",
                daemon=True,
            ).start()
        if self._getter is not None:
            self._getter.cancel()
            self._getter = None
        if not self._released:
            self._released = True
            self.service.release()


class _StreamWithCleanup(StreamingResponse):
    """A streaming response that runs ``cleanup`` however it ends (also when its body never
    started because the client had already gone)."""

    def __init__(self, content: Any, cleanup: Any, **kwargs: Any) -> None:
        super().__init__(content, **kwargs)
        self._cleanup = cleanup

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self._cleanup()


class _InputError(Exception):
    """havoc-srs refused the question or the data (its SRSError, relayed from the worker)."""


class _WorkerFailure(Exception):
    """The run failed inside the worker; the message is the worker's traceback (logged only)."""


def _relay(service: SrsService, run: _Run, body: SrsRequest) -> None:
    """Run one job in a worker process and pass its events to ``run`` (in a relay thread)."""
    if run.cancelled.is_set():
        return
    worker = service.workers.take(max(0.0, run.deadline - run.loop.time()))
    if worker is None:
        if run.cancelled.is_set() or service.closing:
            return
        run.put(_TIMEOUT)  # no worker was ready before the deadline
        return
    if not run.attach(worker):
        service.workers.give_back(worker)  # it has not started this run: still clean
        return
    outcome: tuple = ("failed", "the SRS worker process ended")
    try:
        worker.runs += 1
        worker.outgoing.send(("run", body.question, body.data_csv, body.data_name, body.use_model))
        while True:
            message = worker.incoming.recv()
            kind = message[0]
            if kind == "event":
                run.put(message[1])
            elif kind == "generate":
                worker.outgoing.send(_generate(service, message))
            else:
                outcome = message
                break
    except (EOFError, OSError):  # killed: the run was stopped, or the worker died
        if run.cancelled.is_set():
            return
    if run.detach() is not None:
        if outcome[0] == "done" or outcome[0] == "input_error":
            service.workers.give_back(worker)
        else:  # it failed or died: start afresh
            service.workers.retire(worker)
    if outcome[0] == "input_error":
        raise _InputError(outcome[1])
    if outcome[0] == "failed":
        raise _WorkerFailure(outcome[1])


def _generate(service: SrsService, message: tuple) -> tuple[str, str]:
    """Answer a worker's generation request with the server's engine."""
    _, prompt, max_tokens, stop = message
    try:
        return ("generated", service.generator().generate(prompt, max_tokens=max_tokens, stop=stop))
    except Exception as exc:
        return ("generate_error", f"generation failed: {type(exc).__name__}")


def _timeout_error(seconds: float) -> ApiError:
    return ApiError(
        503,
        f"the reasoning stack did not finish within {seconds:g} s; the run was stopped",
        code="srs_timeout",
    )


def _internal_error(exc: BaseException) -> ApiError:
    error_id = uuid.uuid4().hex[:12]
    log.error("SRS run failed (error id %s)", error_id, exc_info=exc)
    return ApiError(503, f"the reasoning stack failed (error id {error_id})", code="srs_failed")


@router.post(
    "/v1/srs",
    response_model=SrsResult,
    responses={
        **{code: {"model": ErrorResponse} for code in (400, 401, 413, 422, 429, 503)},
        200: {"content": {"text/event-stream": {}}, "description": "JSON, or SSE if stream"},
    },
    summary="Answer an engineering question with the eight-stage SRS pipeline",
)
async def srs(body: SrsRequest, request: Request) -> Any:
    service = _service(request)
    state = request.app.state.havoc
    service.admit()
    state.metrics.requests_by_endpoint.inc(endpoint="srs")
    run = _Run(service, asyncio.get_running_loop())

    def work() -> None:
        try:
            _relay(service, run, body)
        except BaseException as exc:  # handed to the event loop, which turns it into an error
            run.put(exc)
        finally:
            run.put(_DONE)

    started = time.perf_counter()
    try:
        service.start(work)
        first = await run.next(None if body.stream else request)
    except BaseException:
        run.finish()
        raise
    if first is _TIMEOUT or first is _GONE or isinstance(first, BaseException) or first is _DONE:
        run.finish()
        if first is _TIMEOUT:
            raise _timeout_error(service.timeout)
        if first is _GONE:
            return JSONResponse({}, status_code=204)
        if isinstance(first, _InputError):
            raise ApiError(
                422,
                str(first),
                param="question" if "question" in str(first) else "data_csv",
                code="srs_input",
            )
        if first is _DONE:
            raise ApiError(503, "the reasoning stack ended without an answer", code="srs_failed")
        raise _internal_error(first)

    if body.stream:

        async def sse() -> AsyncIterator[str]:
            item = first
            while item is not _DONE:
                if item is _TIMEOUT or isinstance(item, BaseException):
                    error = _timeout_error(service.timeout) if item is _TIMEOUT else None
                    error = error or _internal_error(item)
                    err = {"message": error.message, "type": "server_error", "code": error.code}
                    yield f"data: {json.dumps({'type': 'error', 'error': err})}\n\n"
                    break
                yield f"data: {json.dumps(item, ensure_ascii=False, default=str)}\n\n"
                item = await run.next()
            yield "data: [DONE]\n\n"

        return _StreamWithCleanup(
            sse(),
            run.finish,
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache"},
        )

    stages: list[dict[str, Any]] = []
    final: dict[str, Any] | None = None
    try:
        item = first
        while item is not _DONE:
            if item is _TIMEOUT:
                raise _timeout_error(service.timeout)
            if item is _GONE:
                return JSONResponse({}, status_code=204)
            if isinstance(item, BaseException):
                raise _internal_error(item)
            if item.get("type") == "stage":
                stages.append(item)
            elif item.get("type") == "answer":
                final = item
            item = await run.next(request)
    finally:
        run.finish()
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
    return JSONResponse(result)  # the events are plain JSON data already (the worker's)
