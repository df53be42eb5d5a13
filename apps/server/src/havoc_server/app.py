"""The FastAPI application: OpenAI routes, /v1/srs, /health, /metrics, /docs and the UI at /.

>>> # from havoc_server import ServerConfig, create_app
>>> # app = create_app(model, tokenizer, ServerConfig(model_id="havoc-demo"))
>>> # uvicorn.run(app, host="127.0.0.1", port=8000)
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import math
import threading
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles

from havoc_server import __version__
from havoc_server.demo_build import DEMO_NOTE
from havoc_server.engine import Engine
from havoc_server.errors import ApiKeyAuth, BodySizeLimit, install_error_handlers
from havoc_server.metrics import CONTENT_TYPE, Metrics
from havoc_server.openai_api import router as openai_router
from havoc_server.protocol import Health, ModelCard, ModelStatus
from havoc_server.srs_api import router as srs_router
from havoc_server.srs_api import srs_available
from havoc_server.srs_worker import STARTUP_TIMEOUT

log = logging.getLogger("havoc_server")


@dataclass
class ServerConfig:
    """Settings of one server (the CLI fills these from its options)."""

    model_id: str = "havoc"
    max_batch: int = 8
    max_queue: int = 64
    request_timeout: float = 600.0
    default_max_tokens: int = 256
    max_body_bytes: int = 8 * 1024 * 1024
    api_key: str | None = None
    cors_origins: tuple[str, ...] = ()
    ui_dir: Path | None = None
    shutdown_grace: float = 30.0
    device: str = "cpu"
    dtype: str = "float32"
    quantization: str | None = None  # "int8" when the weights are int8 (havoc-serve --quantize)
    max_choices: int = 64  # prompts x n of one completion request
    srs_max_concurrent: int = 4  # /v1/srs runs at once; 429 above
    srs_timeout: float = 30.0  # seconds for one whole /v1/srs run
    srs_prestart: bool = True  # start all srs_max_concurrent workers with the server (else one)
    srs_worker_nice: int = 10  # added to the SRS workers' niceness (0-19; 0 = the server's)
    srs_worker_max_tasks: int = 100  # runs before a worker is replaced (0 = never)
    srs_worker_max_rss_mb: float = 1024.0  # a worker and its children above this are replaced
    srs_min_workers: int = 1  # workers kept when idle (the pool shrinks to this)
    srs_idle_seconds: float = 300.0  # idle this long, a worker above srs_min_workers ends
    demo: bool = False  # the served checkpoint is the embedded demo (the UI says so)

    def __post_init__(self) -> None:
        for name in (
            "max_batch",
            "max_queue",
            "default_max_tokens",
            "max_body_bytes",
            "max_choices",
            "srs_max_concurrent",
        ):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive integer, got {value!r}")
        if self.request_timeout <= 0:
            raise ValueError(f"request_timeout must be > 0, got {self.request_timeout}")
        timeout = self.srs_timeout
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not timeout > 0:
            raise ValueError(f"srs_timeout must be a number > 0, got {timeout!r}")
        if not isinstance(self.srs_prestart, bool):
            raise ValueError(f"srs_prestart must be true or false, got {self.srs_prestart!r}")
        if not isinstance(self.srs_worker_nice, int) or not 0 <= self.srs_worker_nice <= 19:
            raise ValueError(
                f"srs_worker_nice must be an integer 0-19, got {self.srs_worker_nice!r}"
            )
        for name in ("srs_worker_max_tasks", "srs_min_workers"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 0:
                raise ValueError(f"{name} must be an integer >= 0, got {value!r}")
        for name in ("srs_worker_max_rss_mb", "srs_idle_seconds"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0:
                raise ValueError(f"{name} must be a number >= 0, got {value!r}")
        if self.api_key is not None and not self.api_key.strip():
            raise ValueError("api_key must not be empty")
        self.cors_origins = tuple(self.cors_origins)


# -- the model slot: empty while the demo checkpoint builds (see demo_build.py) ------------------
class ModelNotReady(RuntimeError):
    """Raised by the placeholders that stand in for the engine and tokenizer while the model is
    being built; havoc-srs reports it in its trace and lets the rules decide."""


class _NotLoaded:
    def __init__(self, what: str) -> None:
        self._what = what

    def __getattr__(self, name: str) -> Any:
        raise ModelNotReady(f"the {self._what} is not loaded yet: the demo model is being built")

    def __bool__(self) -> bool:
        return False


@dataclass
class ServerState:
    """What the routes share (``request.app.state.havoc``)."""

    config: ServerConfig
    engine: Any  # Engine, or a placeholder while the demo model is being built
    tokenizer: Any
    metrics: Metrics
    model_id: str
    fingerprint: str
    created: int = field(default_factory=lambda: int(time.time()))
    loop: asyncio.AbstractEventLoop | None = None
    build: Any = None  # demo_build.DemoBuild while the demo model is being built

    @property
    def default_max_tokens(self) -> int:
        return self.config.default_max_tokens

    @property
    def ready(self) -> bool:
        return isinstance(self.engine, Engine)

    def new_engine(self, model: Any, tokenizer: Any) -> Engine:
        c = self.config
        return Engine(
            model,
            tokenizer,
            max_batch=c.max_batch,
            max_queue=c.max_queue,
            request_timeout=c.request_timeout,
            metrics=self.metrics,
        )

    def install_model(self, model: Any, tokenizer: Any) -> None:
        """Swap a freshly built model in (called from the demo build's thread)."""
        engine = self.new_engine(model, tokenizer).start()
        self.fingerprint = _fingerprint(model, self.model_id)
        self.tokenizer = tokenizer
        self.engine = engine  # last: from here on the routes use the model

    def model_status(self) -> ModelStatus:
        demo = self.config.demo
        fields: dict[str, Any] = {"state": "ready"}
        if not self.ready and self.build is not None:
            fields = self.build.status()
            fields["state"] = "failed" if fields["state"] == "failed" else "building"
        return ModelStatus(id=self.model_id, demo=demo, note=DEMO_NOTE if demo else None, **fields)

    def model_card(self) -> ModelCard:
        return ModelCard(
            id=self.model_id,
            created=self.created,
            max_model_len=self.engine.max_len if self.ready else None,
            havoc=self.model_status(),
        )

    def not_ready_error(self) -> tuple[int, dict[str, Any], dict[str, str]]:
        """(status, OpenAI error body, headers) for a generation request before the model."""
        status = self.model_status()
        if status.state == "failed":
            message, code, retry = f"{status.message}", "model_unavailable", 60.0
        else:
            progress = self.build.describe() if self.build is not None else "loading"
            message = (
                f"the model '{self.model_id}' is still being built ({progress}); "
                "/v1/srs answers meanwhile"
            )
            code, retry = "model_not_ready", status.eta_s or 30.0
        body = {"error": {"message": message, "type": "server_error", "param": None, "code": code}}
        seconds = str(max(1, min(3600, math.ceil(retry))))
        return 503, body, {"Retry-After": seconds}


class ModelGate:
    """503 (OpenAI error object, ``Retry-After``) for the endpoints that need the model while it
    is being built; everything else passes."""

    PATHS = ("/v1/chat/completions", "/v1/completions")

    def __init__(self, app: Any, state: ServerState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] == "POST"
            and scope["path"].rstrip("/") in self.PATHS
            and not self.state.ready
        ):
            status, body, headers = self.state.not_ready_error()
            response = JSONResponse(body, status_code=status, headers=headers)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _fingerprint(model: Any, model_id: str) -> str:
    cfg = getattr(model, "config", None)
    text = f"{model_id}:{cfg}:{__version__}"
    return "fp_" + hashlib.sha256(text.encode()).hexdigest()[:10]


async def _watch_loop_lag(metrics: Metrics, period: float = 0.1) -> None:
    """Record how late a timer fires on the event loop (/metrics: havoc_event_loop_lag_*): the
    server-side measure of a loop that something blocks or that waits for the CPU."""
    loop = asyncio.get_running_loop()
    while True:
        start = loop.time()
        await asyncio.sleep(period)
        metrics.observe_loop_lag(max(0.0, loop.time() - start - period))


def _warm_srs(state: Any, done: threading.Event) -> None:
    """Start one SRS worker process now (it loads the reasoning stack, the handbook index and
    the question reader), so a newcomer's first question does not wait for them; ``done`` is
    set either way; then the rest of the pool in the background. The server process itself
    never loads the pipeline."""
    started = time.monotonic()
    try:
        if not srs_available():
            return
        from havoc_server.srs_api import srs_service

        workers = srs_service(state).workers
        worker = workers.take(STARTUP_TIMEOUT)
        if worker is None:
            raise RuntimeError("the SRS worker process did not start")
        workers.give_back(worker)
        if state.config.srs_prestart:
            workers.fill()  # the others, one after the other, in the background
        log.info("reasoning stack (/v1/srs) warm in %.1f s", time.monotonic() - started)
    except Exception as exc:  # the first /v1/srs request retries and reports it
        log.warning("warming up the reasoning stack failed: %s", exc)
    finally:
        done.set()


def create_app(
    model: Any, tokenizer: Any, config: ServerConfig | None = None, build: Any = None
) -> FastAPI:
    """Build the app around a loaded model and tokenizer, or (``model=None``) around a
    :class:`~havoc_server.demo_build.DemoBuild` whose model is swapped in when it is ready. The
    scheduler thread (and the build) start with the app's lifespan and stop with it."""
    config = config or ServerConfig()
    if model is None and build is None:
        raise ValueError("create_app needs a model, or a DemoBuild that will provide one")
    metrics = Metrics()
    state = ServerState(
        config=config,
        engine=_NotLoaded("model"),
        tokenizer=_NotLoaded("tokenizer"),
        metrics=metrics,
        model_id=config.model_id,
        fingerprint=_fingerprint(None, config.model_id),
        build=build if model is None else None,
    )
    if model is not None:
        state.engine = state.new_engine(model, tokenizer)
        state.tokenizer = tokenizer
        state.fingerprint = _fingerprint(model, config.model_id)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        state.loop = asyncio.get_running_loop()
        if state.ready:
            state.engine.start()
            log.info(
                "serving %s on %s (%s), %d slots, context %d tokens",
                config.model_id,
                config.device,
                config.dtype,
                config.max_batch,
                state.engine.max_len,
            )
        lag = asyncio.create_task(_watch_loop_lag(state.metrics))
        warm = threading.Event()
        threading.Thread(
            target=_warm_srs, args=(state, warm), name="havoc-srs-warmup", daemon=True
        ).start()
        if not state.ready:  # the build waits for the warm-up: a first answer comes first
            state.build.start(state.install_model, after=warm)
        try:
            yield
        finally:
            lag.cancel()
            srs = getattr(state, "srs", None)
            if srs is not None:
                srs.shutdown()
            if state.build is not None:
                await asyncio.to_thread(state.build.stop)
            if state.ready:
                await asyncio.to_thread(state.engine.shutdown, config.shutdown_grace)

    app = FastAPI(
        title="HAVOC server",
        version=__version__,
        description=(
            "OpenAI-compatible completions and chat completions (with HAVOC's `top_k`, `min_p` "
            "and `repetition_penalty`), the SRS reasoning endpoint, health and Prometheus "
            "metrics. Errors are OpenAI error objects."
        ),
        lifespan=lifespan,
    )
    app.state.havoc = state
    install_error_handlers(app)
    app.include_router(openai_router, tags=["OpenAI-compatible"])
    app.include_router(srs_router, tags=["SRS"])

    @app.get(
        "/health",
        response_model=Health,
        tags=["Service"],
        summary="Liveness, load and the model's state (building: step, of, eta_s)",
    )
    async def health() -> JSONResponse:
        ready = state.ready
        engine = state.engine
        # while the demo model builds the server is up and useful (SRS, tools, UI): "ok"
        ok = engine.accepting if ready else True
        body = Health(
            status="ok" if ok else "draining",
            model=state.model_status(),
            device=config.device,
            dtype=config.dtype,
            quantization=config.quantization,
            max_batch=config.max_batch,
            max_queue=config.max_queue,
            max_model_len=engine.max_len if ready else None,
            running=engine.running if ready else 0,
            waiting=engine.waiting if ready else 0,
            srs=srs_available(),
            ui=config.ui_dir is not None and (Path(config.ui_dir) / "index.html").is_file(),
        )
        return JSONResponse(body.model_dump(), status_code=200 if ok else 503)

    @app.get(
        "/metrics",
        response_class=PlainTextResponse,
        tags=["Service"],
        summary="Prometheus metrics (text format 0.0.4)",
    )
    async def prometheus() -> PlainTextResponse:
        return PlainTextResponse(metrics.render(), media_type=CONTENT_TYPE)

    if config.ui_dir is not None:
        app.mount("/", UiWhenBuilt(Path(config.ui_dir)), name="ui")
    else:

        @app.get("/", response_class=HTMLResponse, include_in_schema=False)
        async def no_ui() -> HTMLResponse:
            return HTMLResponse(_NO_UI_PAGE)

    # Outermost last: CORS answers preflights and decorates every response, auth and the body
    # limit run inside it, and the model gate (503 while the demo model builds) inside those.
    app.add_middleware(ModelGate, state=state)
    app.add_middleware(BodySizeLimit, max_bytes=config.max_body_bytes)
    if config.api_key:
        app.add_middleware(ApiKeyAuth, api_key=config.api_key)
    if config.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(config.cors_origins),
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type"],
        )
    return app


class UiWhenBuilt:
    """The built UI; while ``npm run build`` is still writing it (a fresh clone builds it in the
    background), a page that says so and reloads itself."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.static: StaticFiles | None = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if self.static is None and (self.directory / "index.html").is_file():
            self.static = StaticFiles(directory=self.directory, html=True)
        if self.static is None:
            await HTMLResponse(_UI_BUILDING_PAGE, headers={"Retry-After": "10"})(
                scope, receive, send
            )
            return
        await self.static(scope, receive, send)


_UI_BUILDING_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="refresh" content="10"><title>HAVOC server: building the chat UI</title></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>HAVOC server</h1>
<p>The chat UI is being built once (<code>npm ci &amp;&amp; npm run build</code> in
<code>frontend/</code>, a minute or two); this page reloads itself. The API already answers:
<a href="/docs">/docs</a> &middot; <a href="/health">/health</a>. If this page stays, the build
failed: the server's log says why.</p></body></html>
"""

_NO_UI_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>HAVOC server</title></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>HAVOC server</h1>
<p>The API is running. The chat UI is not built: run <code>npm ci &amp;&amp; npm run build</code>
in <code>frontend/</code> (or <code>havoc-serve --build-ui</code>, or
<code>havoc-serve --ui-dir PATH</code> with a built UI).</p>
<p>API reference: <a href="/docs">/docs</a> &middot; <a href="/health">/health</a>
&middot; <a href="/metrics">/metrics</a></p></body></html>
"""
