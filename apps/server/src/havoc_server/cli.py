"""`havoc-serve` console script.

havoc-serve                                   # the embedded demo model on 127.0.0.1:8000
havoc-serve --checkpoint runs/x/final --device cuda --dtype bf16 --max-batch 32
havoc-serve --api-key "$KEY" --cors-origin http://localhost:5173
havoc-serve --config configs/server/havoc-serve.yaml     # SRS pool settings from a file
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

log = logging.getLogger("havoc_server")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from exc
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be >= 1")
    return value


def _port(text: str) -> int:
    value = _positive_int(text)
    if value > 65535:
        raise argparse.ArgumentTypeError(f"{value} is not a TCP port (1-65535)")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from exc
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{value} must be > 0")
    return value


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="havoc-serve",
        description=(
            "Serve a HAVOC checkpoint over an OpenAI-compatible HTTP API with the chat UI. "
            "Without --checkpoint the embedded tiny demo checkpoint is used; on first run it is "
            "trained in the background (progress in /health and the log) while /v1/srs, the "
            "tools and the UI already answer."
        ),
    )
    p.add_argument(
        "--checkpoint", help="checkpoint folder (config.json, model.safetensors, tokenizer/)"
    )
    p.add_argument(
        "--cache-dir",
        default=os.environ.get("HAVOC_CACHE_DIR"),
        help="where the demo checkpoint is built and cached (env HAVOC_CACHE_DIR; "
        "default ~/.cache/havoc)",
    )
    p.add_argument("--host", default="127.0.0.1", help="bind address (default 127.0.0.1)")
    p.add_argument("--port", type=_port, default=8000, help="port (default 8000)")
    p.add_argument("--device", default="auto", help="auto (default), cpu, cuda, cuda:1, mps")
    p.add_argument("--dtype", default="auto", help="auto (default), float32, bfloat16, float16")
    p.add_argument(
        "--quantize",
        choices=["none", "int8"],
        default="none",
        help="int8: weight-only int8 (per-channel scales) for every linear layer and the head; "
        "a float checkpoint is quantised on load, a quantised one loads as it is (default none)",
    )
    p.add_argument("--max-batch", type=_positive_int, default=8, help="KV-cache slots (default 8)")
    p.add_argument(
        "--max-queue", type=_positive_int, default=64, help="waiting requests before 429 (64)"
    )
    p.add_argument(
        "--api-key",
        default=os.environ.get("HAVOC_API_KEY"),
        help="require 'Authorization: Bearer KEY' on /v1/* and /metrics (env HAVOC_API_KEY)",
    )
    p.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="allow this browser origin (repeatable; CORS is off otherwise)",
    )
    p.add_argument("--ui-dir", help="built UI folder or frontend project (default: repo frontend/)")
    p.add_argument("--no-ui", action="store_true", help="serve the API only")
    p.add_argument(
        "--build-ui",
        action="store_true",
        help="build the UI (npm ci && npm run build in frontend/) if it is not built yet",
    )
    p.add_argument("--model-name", help="model id in the API (default: the checkpoint folder name)")
    p.add_argument(
        "--request-timeout", type=_positive_float, default=600.0, help="seconds per request (600)"
    )
    p.add_argument(
        "--default-max-tokens",
        type=_positive_int,
        default=256,
        help="max_tokens when a request gives none (256; capped by the context)",
    )
    p.add_argument(
        "--max-body-bytes", type=_positive_int, default=8 * 1024 * 1024, help="413 above (8 MiB)"
    )
    p.add_argument(
        "--max-choices",
        type=_positive_int,
        default=64,
        help="prompts x n of one completion request; 400 above (64)",
    )
    p.add_argument(
        "--srs-max-concurrent",
        type=_positive_int,
        default=4,
        help="/v1/srs runs at once; 429 above (4)",
    )
    p.add_argument(
        "--srs-timeout",
        type=_positive_float,
        default=30.0,
        help="seconds for one whole /v1/srs run (30)",
    )
    p.add_argument(
        "--config",
        metavar="FILE",
        help="YAML settings (section srs: max_concurrent, timeout, worker_nice, worker_max_tasks, "
        "worker_max_rss_mb, min_workers, idle_seconds; see configs/server/havoc-serve.yaml); "
        "options given on the command line win",
    )
    p.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    return p


# -- the settings file ------------------------------------------------------------------------
SRS_FILE_KEYS = (
    "max_concurrent",
    "timeout",
    "prestart",
    "worker_nice",
    "worker_max_tasks",
    "worker_max_rss_mb",
    "min_workers",
    "idle_seconds",
)


def read_config_file(path: str | Path) -> dict[str, Any]:
    """ServerConfig settings from a YAML file: its ``srs`` section, keys named as the
    ``srs_*`` fields of ServerConfig without the prefix (``srs: {worker_nice: 10}`` ->
    ``{"srs_worker_nice": 10}``). Values are checked by ServerConfig."""
    import yaml

    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"cannot read the config file {path}: {exc.strerror or exc}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ValueError(f"the config file {path} is not valid YAML: {exc}") from None
    data = {} if data is None else data
    if not isinstance(data, dict):
        raise ValueError(f"the config file {path} must be a mapping with an 'srs' section")
    unknown = sorted(str(k) for k in data if k != "srs")
    if unknown:
        raise ValueError(f"the config file {path} has unknown sections {unknown}; known: ['srs']")
    srs = data.get("srs") or {}
    if not isinstance(srs, dict):
        raise ValueError(f"the 'srs' section of {path} must be a mapping of settings")
    unknown = sorted(str(k) for k in srs if k not in SRS_FILE_KEYS)
    if unknown:
        raise ValueError(
            f"the 'srs' section of {path} has unknown keys {unknown}; known: {list(SRS_FILE_KEYS)}"
        )
    return {f"srs_{key}": value for key, value in srs.items()}


def _given(argv: list[str] | None) -> set[str]:
    """The options written on the command line (not defaulted): they win over the file."""
    parser = build_parser()
    for action in parser._actions:
        action.default = argparse.SUPPRESS
    return set(vars(parser.parse_args(argv)))


# -- the model: a checkpoint, the cached demo, or the demo built in the background --------------
def _model_or_build(args: argparse.Namespace, device: object, dtype: object) -> tuple:
    """(model, tokenizer, model id, None), or (None, None, demo id, DemoBuild) when the demo
    checkpoint is not cached yet: then the server starts at once and swaps the model in."""
    from havoc_server.loading import DEMO_MODEL_ID, cached_demo_checkpoint, load_served_model

    quantize = None if args.quantize == "none" else args.quantize
    if args.checkpoint is not None:
        return (*load_served_model(args.checkpoint, device, dtype, quantize=quantize), None)
    cached = cached_demo_checkpoint(args.cache_dir)
    if cached is not None:
        model, tokenizer, _ = load_served_model(cached, device, dtype, quantize=quantize)
        return model, tokenizer, DEMO_MODEL_ID, None
    from havoc_server.demo_build import DemoBuild

    def load(path: object) -> tuple:
        return load_served_model(path, device, dtype, quantize=quantize)[:2]

    return None, None, DEMO_MODEL_ID, DemoBuild(args.cache_dir, load)


# -- end of the model block ------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    started = time.monotonic()
    try:
        import uvicorn

        from havoc_server.app import ServerConfig, create_app
        from havoc_server.loading import find_ui, resolve_device, resolve_dtype

        device = resolve_device(args.device)
        dtype = resolve_dtype(args.dtype, device)
        ui = None if args.no_ui else find_ui(args.ui_dir, build=args.build_ui, background=True)
        settings = read_config_file(args.config) if args.config else {}
        for name in ("srs_max_concurrent", "srs_timeout"):
            if name in _given(argv) or name not in settings:
                settings[name] = getattr(args, name)
        ServerConfig(**settings)  # a bad setting in the file stops here, before the model loads
        model, tokenizer, model_id, build = _model_or_build(args, device, dtype)
        config = ServerConfig(
            model_id=args.model_name or model_id,
            max_batch=args.max_batch,
            max_queue=args.max_queue,
            request_timeout=args.request_timeout,
            default_max_tokens=args.default_max_tokens,
            max_body_bytes=args.max_body_bytes,
            api_key=args.api_key or None,
            cors_origins=tuple(args.cors_origin),
            max_choices=args.max_choices,
            **settings,
            ui_dir=ui,
            device=str(device),
            dtype=str(dtype).removeprefix("torch."),
            # a quantised checkpoint is served quantised even without --quantize
            quantization=getattr(model, "quantization", None)
            or (None if args.quantize == "none" else args.quantize),
            demo=args.checkpoint is None,
        )
        app = create_app(model, tokenizer, config, build=build)
    except ValueError as exc:
        print(f"havoc-serve: error: {exc}", file=sys.stderr)
        return 2
    if args.host not in ("127.0.0.1", "localhost", "::1") and not config.api_key:
        log.warning("binding %s without --api-key: anyone who can reach it can use it", args.host)
    log.info(
        "ready in %.1f s: http://%s:%d (UI %s, API docs /docs)",
        time.monotonic() - started,
        args.host,
        args.port,
        "at /" if ui else "not built",
    )
    # everything loaded so far (torch, the model, the app) lives as long as the server: keep it
    # out of the garbage collector's full passes, which otherwise stall the event loop for
    # 100-300 ms each time they walk it
    gc.collect()
    gc.freeze()
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        timeout_graceful_shutdown=int(config.shutdown_grace),
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
