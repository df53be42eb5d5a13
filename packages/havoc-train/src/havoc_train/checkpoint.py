"""Training checkpoints (docs/ARCHITECTURE.md §3), written atomically, rotated, and restored exactly.

A checkpoint is a folder ``<out>/checkpoints/step-00000100/`` holding ``config.json``,
``model.safetensors``, ``tokenizer/``, ``trainer_state.json`` (step, tokens seen, data position,
RNG states, the run config) and ``optimizer.pt`` (optimizer, scheduler and grad-scaler state,
plain tensors and numbers only, so it loads with ``torch.load(weights_only=True)``).

Under FSDP the full (unsharded) state dicts are gathered to CPU on every rank with
``torch.distributed.checkpoint.state_dict`` and rank 0 writes them, so a checkpoint saved by N
processes loads in one.
"""

from __future__ import annotations

import base64
import json
import random
import re
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from havoc_train.parallel import DistInfo

STEP_DIR = re.compile(r"^step-(\d+)$")


# -- RNG state ------------------------------------------------------------------------------------
def _b64(t: torch.Tensor) -> str:
    return base64.b64encode(t.cpu().numpy().tobytes()).decode("ascii")


def _unb64(s: str) -> torch.Tensor:
    return torch.frombuffer(bytearray(base64.b64decode(s)), dtype=torch.uint8).clone()


def capture_rng_state() -> dict[str, Any]:
    """Python, numpy, torch CPU and (when present) every CUDA device's RNG state, as JSON."""
    py = random.getstate()
    np_state = np.random.get_state()
    state: dict[str, Any] = {
        "python": [py[0], list(py[1]), py[2]],
        "numpy": [
            np_state[0],
            np_state[1].tolist(),
            int(np_state[2]),
            int(np_state[3]),
            float(np_state[4]),
        ],
        "torch": _b64(torch.get_rng_state()),
    }
    if torch.cuda.is_available() and torch.cuda.is_initialized():
        state["cuda"] = [_b64(s) for s in torch.cuda.get_rng_state_all()]
    return state


def restore_rng_state(state: dict[str, Any]) -> None:
    py = state["python"]
    random.setstate((py[0], tuple(py[1]), py[2]))
    n = state["numpy"]
    np.random.set_state((n[0], np.asarray(n[1], dtype=np.uint32), n[2], n[3], n[4]))
    torch.set_rng_state(_unb64(state["torch"]))
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all([_unb64(s) for s in state["cuda"]])


# -- full state dicts (work for plain, DDP and FSDP2 models alike) -------------------------------
def full_model_state(model: nn.Module) -> dict[str, torch.Tensor]:
    """The unsharded model state dict on CPU (a collective under FSDP: call on every rank)."""
    from torch.distributed.checkpoint.state_dict import StateDictOptions, get_model_state_dict

    opts = StateDictOptions(full_state_dict=True, cpu_offload=True)
    return get_model_state_dict(model, options=opts)


def full_optimizer_state(model: nn.Module, optimizer: torch.optim.Optimizer) -> dict[str, Any]:
    from torch.distributed.checkpoint.state_dict import StateDictOptions, get_optimizer_state_dict

    opts = StateDictOptions(full_state_dict=True, cpu_offload=True)
    return get_optimizer_state_dict(model, optimizer, options=opts)


def load_full_state(
    model: nn.Module,
    model_state: dict[str, torch.Tensor],
    optimizer: torch.optim.Optimizer | None = None,
    optimizer_state: dict[str, Any] | None = None,
) -> None:
    """Load full (unsharded) state dicts into a plain, DDP or FSDP2 model and its optimizer."""
    from torch.distributed.checkpoint.state_dict import (
        StateDictOptions,
        set_model_state_dict,
        set_optimizer_state_dict,
    )

    opts = StateDictOptions(full_state_dict=True, strict=True)
    set_model_state_dict(model, model_state, options=opts)
    if optimizer is not None and optimizer_state is not None:
        set_optimizer_state_dict(model, optimizer, optimizer_state, options=opts)


# -- writing ------------------------------------------------------------------------------------
def write_model_files(
    directory: Path,
    raw_model: nn.Module,
    state: dict[str, torch.Tensor],
    tokenizer_dir: Path | None,
) -> None:
    """config.json + model.safetensors (via havoc-model) and a copy of tokenizer/.

    ``state`` is the gathered full state dict; it is attached to a meta-device twin of the model
    so havoc-model's writer sees ordinary CPU tensors even when the live model is sharded.
    """
    from havoc_model.checkpoint import save_model_files

    with torch.device("meta"):
        twin = type(raw_model)(raw_model.config)
    twin.load_state_dict(state, strict=True, assign=True)
    save_model_files(twin, directory)
    if tokenizer_dir is not None:
        shutil.copytree(tokenizer_dir, directory / "tokenizer")


def _barrier(dist_info: DistInfo) -> None:
    if dist_info.enabled:
        import torch.distributed as dist

        dist.barrier()


def save_final_model(
    directory: Path,
    model: nn.Module,
    raw_model: nn.Module,
    tokenizer_dir: Path | None,
    dist_info: DistInfo,
) -> Path:
    """An inference checkpoint (config, weights, tokenizer) at ``directory``, replaced atomically."""
    from havoc_model.checkpoint import atomic_directory

    state = full_model_state(model)
    if dist_info.is_main:
        with atomic_directory(directory) as tmp:
            write_model_files(Path(tmp), raw_model, state, tokenizer_dir)
    _barrier(dist_info)
    return directory


class CheckpointManager:
    """Saves ``step-N`` folders under ``root`` and keeps the last K plus the best by val loss."""

    def __init__(self, root: str | Path, keep_last: int = 2, keep_best: bool = True) -> None:
        self.root = Path(root)
        self.keep_last = keep_last
        self.keep_best = keep_best

    def checkpoints(self) -> list[Path]:
        """Complete checkpoints, oldest first (a half-written save never has a step-N name)."""
        if not self.root.is_dir():
            return []
        found = []
        for p in self.root.iterdir():
            m = STEP_DIR.match(p.name)
            if m and p.is_dir() and (p / "trainer_state.json").is_file():
                found.append((int(m.group(1)), p))
        return [p for _, p in sorted(found)]

    def latest(self) -> Path | None:
        ckpts = self.checkpoints()
        return ckpts[-1] if ckpts else None

    def best(self) -> Path | None:
        scored = []
        for p in self.checkpoints():
            val = read_trainer_state(p).get("val_loss")
            if val is not None:
                scored.append((val, p))
        return min(scored)[1] if scored else None

    def save(
        self,
        *,
        step: int,
        model: nn.Module,
        raw_model: nn.Module,
        optimizer: torch.optim.Optimizer,
        scheduler: Any,
        scaler: torch.amp.GradScaler,
        tokenizer_dir: Path | None,
        trainer_state: dict[str, Any],
        dist_info: DistInfo,
    ) -> Path:
        """Gather full state (every rank), write on rank 0 atomically, then rotate."""
        from havoc_model.checkpoint import atomic_directory

        model_state = full_model_state(model)
        optim_state = full_optimizer_state(model, optimizer)
        target = self.root / f"step-{step:08d}"
        if dist_info.is_main:
            self.root.mkdir(parents=True, exist_ok=True)
            state = {**trainer_state, "rng": capture_rng_state()}
            with atomic_directory(target) as tmp:
                tmp = Path(tmp)
                write_model_files(tmp, raw_model, model_state, tokenizer_dir)
                torch.save(
                    {
                        "optimizer": optim_state,
                        "scheduler": scheduler.state_dict(),
                        "scaler": scaler.state_dict(),
                    },
                    tmp / "optimizer.pt",
                )
                (tmp / "trainer_state.json").write_text(json.dumps(state, indent=1))
            self._rotate()
        _barrier(dist_info)
        return target

    def _rotate(self) -> None:
        ckpts = self.checkpoints()
        keep = set(ckpts[-self.keep_last :])
        if self.keep_best:
            best = self.best()
            if best is not None:
                keep.add(best)
        for p in ckpts:
            if p not in keep:
                shutil.rmtree(p, ignore_errors=True)


def read_trainer_state(directory: str | Path) -> dict[str, Any]:
    path = Path(directory) / "trainer_state.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{directory}: not a training checkpoint ({exc})") from None


def load_training_state(
    directory: str | Path,
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    scheduler: Any,
    scaler: torch.amp.GradScaler,
    dist_info: DistInfo | None = None,
) -> dict[str, Any]:
    """Restore model, optimizer, scheduler, scaler and RNG from ``directory``; returns the
    trainer state (step, tokens seen, data position, ...)."""
    from havoc_model.checkpoint import load_state_dict

    directory = Path(directory)
    state = read_trainer_state(directory)
    weights = load_state_dict(directory)
    blob = torch.load(directory / "optimizer.pt", map_location="cpu", weights_only=True)
    load_full_state(model, weights, optimizer, blob["optimizer"])
    scheduler.load_state_dict(blob["scheduler"])
    scaler.load_state_dict(blob["scaler"])
    restore_rng_state(state["rng"])
    return state
