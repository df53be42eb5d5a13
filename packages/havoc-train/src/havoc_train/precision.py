"""Mixed precision around the model: bf16 autocast, or fp16 autocast with a GradScaler.

Weights and optimizer state stay fp32; only the forward/backward matmuls run in low precision.
``auto`` picks bf16 where the device supports it, fp16 + GradScaler on older CUDA GPUs and fp32
elsewhere.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import torch


def resolve_device(name: str) -> torch.device:
    """``auto`` → ``cuda`` if available, then ``mps``, else ``cpu``; otherwise parse ``name``."""
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    try:
        device = torch.device(name)
    except RuntimeError as exc:
        raise ValueError(f"train.device: {name!r} is not a torch device ({exc})") from None
    if device.type == "cuda" and not torch.cuda.is_available():
        raise ValueError(f"train.device: {name!r} requested but CUDA is not available")
    return device


def cpu_bf16_features() -> dict[str, bool]:
    """Which native bf16 instructions this CPU advertises (Linux ``/proc/cpuinfo`` flags).

    With ``amx_bf16`` (Sapphire Rapids and later) oneDNN runs bf16 matmuls on AMX tiles, several
    times the fp32 rate; with only ``avx512_bf16`` the gain is smaller; with neither, torch's
    bf16 GEMM is a slow portable loop, so havoc-model runs bf16-autocast products on the fp32
    GEMM with bf16 roundings (``havoc_model.lowp_gemm``). Empty flags off Linux.
    """
    flags: set[str] = set()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("flags"):
                    flags = set(line.split(":", 1)[1].split())
                    break
    except OSError:
        pass
    return {name: name in flags for name in ("avx512_bf16", "amx_bf16", "amx_tile")}


def bf16_supported(device: torch.device) -> bool:
    if device.type == "cuda":
        return torch.cuda.is_bf16_supported()
    return device.type in ("cpu", "xpu", "mps")


@dataclass
class Precision:
    """The resolved precision: autocast dtype (None = fp32) and whether a GradScaler is used."""

    name: str
    autocast_dtype: torch.dtype | None
    device_type: str

    @classmethod
    def resolve(cls, name: str, device: torch.device) -> Precision:
        if name == "auto":
            if device.type == "cpu":
                name = "fp32"  # bf16 autocast on CPU is opt-in: fast only with AMX/AVX512-BF16
            elif bf16_supported(device):
                name = "bf16"
            else:
                name = "fp16"
        if name == "fp32":
            return cls("fp32", None, device.type)
        if name == "bf16":
            if not bf16_supported(device):
                raise ValueError(f"train.precision=bf16 is not supported on {device}")
            return cls("bf16", torch.bfloat16, device.type)
        if name == "fp16":
            return cls("fp16", torch.float16, device.type)
        raise ValueError(f"train.precision: expected auto, fp32, bf16 or fp16, got {name!r}")

    def autocast(self) -> contextlib.AbstractContextManager:
        if self.autocast_dtype is None:
            return contextlib.nullcontext()
        return torch.autocast(device_type=self.device_type, dtype=self.autocast_dtype)

    def grad_scaler(self) -> torch.amp.GradScaler:
        """A GradScaler, enabled only for fp16 (bf16 has fp32's range and needs none)."""
        return torch.amp.GradScaler(self.device_type, enabled=self.name == "fp16")
