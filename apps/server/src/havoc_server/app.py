"""The FastAPI application: OpenAI routes, /v1/srs, /health, /metrics, /docs and the UI at /.

>>> # from havoc_server import ServerConfig, create_app
>>> # app = create_app(model, tokenizer, ServerConfig(model_id="havoc-demo"))
>>> # uvicorn.run(app, host="127.0.0.1", port=8000)
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
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
from havoc_server.engine import Engine
from havoc_server.errors import ApiKeyAuth, BodySizeLimit, install_error_handlers
from havoc_server.metrics import CONTENT_TYPE, Metrics
from havoc_server.openai_api import router as openai_router
from havoc_server.protocol import Health
from havoc_server.srs_api import router as srs_router
from havoc_server.srs_api import srs_available

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
    max_choices: int = 64  # prompts x n of one completion request
    srs_max_concurrent: int = 4  # /v1/srs runs at once; 429 above
    srs_timeout: float = 30.0  # seconds for one whole /v1/srs run

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
        if not self.srs_timeout > 0:
            raise ValueError(f"srs_timeout must be > 0, got {self.srs_timeout}")
        if self.api_key is not None and not self.api_key.strip():
            raise ValueError("api_key must not be empty")
        self.cors_origins = tuple(self.cors_origins)


@dataclass
class ServerState:
    """What the routes share (``request.app.state.havoc``)."""

    config: ServerConfig
    engine: Engine
    tokenizer: Any
    metrics: Metrics
    model_id: str
    fingerprint: str
    created: int = field(default_factory=lambda: int(time.time()))
    loop: asyncio.AbstractEventLoop | None = None

    @property
    def default_max_tokens(self) -> int:
        return self.config.default_max_tokens


def _fingerprint(model: Any, model_id: str) -> str:
    cfg = getattr(model, "config", None)
    text = f"{model_id}:{cfg}:{__version__}"
    return "fp_" + hashlib.sha256(text.encode()).hexdigest()[:10]


def create_app(model: Any, tokenizer: Any, config: ServerConfig | None = None) -> FastAPI:
    """Build the app around a loaded model and tokenizer. The scheduler thread starts with the
    app's lifespan and stops (gracefully) with it."""
    config = config or ServerConfig()
    metrics = Metrics()
    engine = Engine(
        model,
        tokenizer,
        max_batch=config.max_batch,
        max_queue=config.max_queue,
        request_timeout=config.request_timeout,
        metrics=metrics,
    )
    state = ServerState(
        config=config,
        engine=engine,
        tokenizer=tokenizer,
        metrics=metrics,
        model_id=config.model_id,
        fingerprint=_fingerprint(model, config.model_id),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        state.loop = asyncio.get_running_loop()
        engine.start()
        log.info(
            "serving %s on %s (%s), %d slots, context %d tokens",
            config.model_id,
            config.device,
            config.dtype,
            config.max_batch,
            engine.max_len,
        )
        try:
            yield
        finally:
            srs = getattr(state, "srs", None)
            if srs is not None:
                srs.closing = True
            await asyncio.to_thread(engine.shutdown, config.shutdown_grace)

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

    @app.get("/health", response_model=Health, tags=["Service"], summary="Liveness and load")
    async def health() -> JSONResponse:
        ok = engine.accepting
        body = Health(
            status="ok" if ok else "draining",
            model=state.model_id,
            device=config.device,
            dtype=config.dtype,
            max_batch=config.max_batch,
            max_queue=config.max_queue,
            max_model_len=engine.max_len,
            running=engine.running,
            waiting=engine.waiting,
            srs=srs_available(),
            ui=config.ui_dir is not None,
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
        app.mount("/", StaticFiles(directory=config.ui_dir, html=True), name="ui")
    else:

        @app.get("/", response_class=HTMLResponse, include_in_schema=False)
        async def no_ui() -> HTMLResponse:
            return HTMLResponse(_NO_UI_PAGE)

    # Outermost last: CORS answers preflights and decorates every response, auth and the body
    # limit run inside it.
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


_NO_UI_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>HAVOC server</title></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>HAVOC server</h1>
<p>The API is running. The chat UI is not built: run <code>npm ci &amp;&amp; npm run build</code>
in <code>frontend/</code> (or <code>havoc-serve --build-ui</code>, or
<code>havoc-serve --ui-dir PATH</code> with a built UI).</p>
<p>API reference: <a href="/docs">/docs</a> &middot; <a href="/health">/health</a>
&middot; <a href="/metrics">/metrics</a></p></body></html>
"""
