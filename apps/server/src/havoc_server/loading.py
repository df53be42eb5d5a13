"""Loading what the server serves: device and dtype, the checkpoint (or the embedded demo), and
the built chat UI."""

from __future__ import annotations

import logging
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

log = logging.getLogger("havoc_server")

DTYPES = {
    "float32": "float32",
    "fp32": "float32",
    "bfloat16": "bfloat16",
    "bf16": "bfloat16",
    "float16": "float16",
    "fp16": "float16",
    "half": "float16",
}
DEMO_MODEL_ID = "havoc-demo-tiny"
# apps/server/src/havoc_server/loading.py -> the repository root is four levels up
REPO_FRONTEND = Path(__file__).resolve().parents[4] / "frontend"


def resolve_device(name: str = "auto") -> Any:
    """``auto`` picks CUDA, then Apple MPS, then the CPU; anything else must be usable here."""
    import torch

    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    try:
        device = torch.device(name)
    except RuntimeError as exc:
        raise ValueError(f"--device {name!r} is not a torch device ({exc})") from exc
    if device.type == "cuda" and not torch.cuda.is_available():
        raise ValueError(f"--device {name!r}: CUDA is not available on this machine")
    if device.type == "mps" and not torch.backends.mps.is_available():
        raise ValueError(f"--device {name!r}: MPS is not available on this machine")
    return device


def resolve_dtype(name: str, device: Any) -> Any:
    """``auto`` is bfloat16 on a GPU that supports it, float32 otherwise."""
    import torch

    if name == "auto":
        if device.type == "cuda" and torch.cuda.is_bf16_supported():
            return torch.bfloat16
        return torch.float32
    key = DTYPES.get(name.lower())
    if key is None:
        raise ValueError(f"--dtype {name!r} is not one of auto, {', '.join(sorted(set(DTYPES)))}")
    return getattr(torch, key)


def load_served_model(
    checkpoint: str | Path | None,
    device: Any,
    dtype: Any,
    progress: bool = True,
    quantize: str | None = None,
) -> tuple[Any, Any, str]:
    """(model, tokenizer, model id) from a checkpoint directory, or the embedded demo
    checkpoint (trained once with the tiny recipe and cached) when ``checkpoint`` is None.

    ``quantize="int8"`` quantises float weights on load (`havoc_model.quantize`); a quantised
    checkpoint loads quantised whatever ``quantize`` says."""
    import torch
    from havoc_model import HavocModel
    from havoc_tokenizer import HavocTokenizer

    if checkpoint is None:
        from havoc_train import ensure_demo_checkpoint

        log.info("no --checkpoint: using the embedded demo checkpoint (trained on first use)")
        path = ensure_demo_checkpoint(progress=progress)
        model_id = DEMO_MODEL_ID
    else:
        path = Path(checkpoint).expanduser()
        model_id = path.resolve().name
    if not (path / "config.json").is_file() or not (path / "model.safetensors").is_file():
        raise ValueError(
            f"checkpoint {path} must be a folder with config.json and model.safetensors"
        )
    if not (path / "tokenizer" / "tokenizer.model").is_file():
        raise ValueError(f"checkpoint {path} has no tokenizer/tokenizer.model")
    model = HavocModel.from_pretrained(path, device=device, dtype=dtype, quantize=quantize).eval()
    weight = model.embed.weight
    if weight.device.type == "cpu" and weight.dtype == torch.bfloat16:
        from havoc_model import kernels

        # Build the bf16 decode kernel (~25 s, cached) at start-up, not in the first request.
        kernels.available()
    tokenizer = HavocTokenizer.from_pretrained(path / "tokenizer")
    if tokenizer.vocab_size > model.config.vocab_size:
        raise ValueError(
            f"checkpoint {path}: tokenizer vocabulary {tokenizer.vocab_size} exceeds the model's "
            f"{model.config.vocab_size}"
        )
    return model, tokenizer, model_id


def cached_demo_checkpoint(cache_dir: str | Path | None = None) -> Path | None:
    """The demo checkpoint's folder if it is already built in the cache, else None."""
    from havoc_train.demo import demo_run_dir

    final = demo_run_dir(cache_dir) / "final"
    if (final / "model.safetensors").is_file() and (final / "tokenizer").is_dir():
        return final
    return None


def find_ui(
    ui_dir: str | Path | None = None, build: bool = False, background: bool = False
) -> Path | None:
    """The folder holding the built UI (``index.html``), or None.

    ``ui_dir`` may be the built folder itself or a frontend project (its ``dist/`` is used).
    Without it the repository's ``frontend/`` is used. A prebuilt ``dist/`` is served; the UI
    is built (``npm ci && npm run build``, writing into the source tree) only when ``build`` is
    true (``havoc-serve --build-ui``); otherwise a missing build is logged and the API served.
    With ``background`` that build runs in a thread and its future ``dist/`` is returned at once
    (the server says "being built").
    """
    if ui_dir is not None:
        root = Path(ui_dir).expanduser()
        for candidate in (root, root / "dist"):
            if (candidate / "index.html").is_file():
                return candidate
        if not (root / "package.json").is_file():
            raise ValueError(f"--ui-dir {root} holds neither index.html nor a package.json")
    else:
        root = REPO_FRONTEND
    dist = root / "dist"
    if (dist / "index.html").is_file():
        return dist
    if not (root / "package.json").is_file():
        log.warning("no chat UI found (looked for %s); serving the API only", dist)
        return None
    npm = shutil.which("npm")
    if not build or npm is None:
        log.warning(
            "the chat UI is not built (no %s): serving the API only. Build it with "
            "`havoc-serve --build-ui` or `npm ci && npm run build` in %s",
            dist / "index.html",
            root,
        )
        return None
    if background:
        threading.Thread(
            target=_build_ui, args=(npm, root), name="havoc-ui-build", daemon=True
        ).start()
        return dist
    return dist if _build_ui(npm, root) else None


def _build_ui(npm: str, root: Path) -> bool:
    log.info("building the chat UI once: npm ci && npm run build in %s", root)
    for step in (["ci"], ["run", "build"]):
        done = subprocess.run([npm, *step], cwd=root, check=False)  # output streams to the console
        if done.returncode != 0:
            log.warning(
                "`npm %s` failed (exit %d); serving the API only. Build the UI by hand with "
                "`npm ci && npm run build` in %s",
                " ".join(step),
                done.returncode,
                root,
            )
            return False
    log.info("the chat UI is built: %s", root / "dist")
    return (root / "dist" / "index.html").is_file()
