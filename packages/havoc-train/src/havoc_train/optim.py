"""AdamW with decoupled weight decay on matrices only, fused where the device has a kernel.

Norm weights, biases (anything 1-D) and embedding tables get no weight decay; a tied output
head shares the embedding tensor and is counted once.

>>> import torch
>>> model = torch.nn.Sequential(torch.nn.Embedding(10, 4), torch.nn.Linear(4, 4))
>>> [len(g["params"]) for g in param_groups(model, weight_decay=0.1)]
[1, 2]
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn


def param_groups(model: nn.Module, weight_decay: float) -> list[dict[str, Any]]:
    """Two AdamW groups: ``[decayed matrices, undecayed norms/biases/embeddings]``."""
    no_decay: set[int] = set()
    for module in model.modules():
        if isinstance(module, nn.Embedding):
            no_decay.add(id(module.weight))
    decay, keep = [], []
    seen: set[int] = set()
    for _, p in model.named_parameters():
        if not p.requires_grad or id(p) in seen:
            continue
        seen.add(id(p))
        if p.ndim < 2 or id(p) in no_decay:
            keep.append(p)
        else:
            decay.append(p)
    return [
        {"params": decay, "weight_decay": weight_decay},
        {"params": keep, "weight_decay": 0.0},
    ]


def fused_supported(device: torch.device | str) -> bool:
    """Whether torch ships a fused AdamW kernel for this device type."""
    device_type = torch.device(device).type
    try:
        from torch.utils._foreach_utils import _get_fused_kernels_supported_devices

        return device_type in _get_fused_kernels_supported_devices()
    except ImportError:  # pragma: no cover - older torch
        return device_type == "cuda"


def build_adamw(
    model: nn.Module,
    lr: float,
    weight_decay: float = 0.1,
    betas: tuple[float, float] = (0.9, 0.95),
    eps: float = 1e-8,
    fused: str = "auto",
) -> torch.optim.AdamW:
    """AdamW over :func:`param_groups`; ``fused`` is ``auto`` (use the kernel if any), ``on``
    (require it) or ``off``."""
    groups = param_groups(model, weight_decay)
    params = [p for g in groups for p in g["params"]]
    if not params:
        raise ValueError("the model has no trainable parameters")
    device = params[0].device
    kwargs: dict[str, Any] = {"lr": lr, "betas": betas, "eps": eps}
    if fused == "on":
        if not fused_supported(device):
            raise ValueError(f"optim.fused=on but torch has no fused AdamW for {device.type}")
        kwargs["fused"] = True
    elif fused == "auto" and fused_supported(device) and device.type != "meta":
        kwargs["fused"] = True
    elif fused not in ("auto", "off"):
        raise ValueError(f"optim.fused must be auto, on or off, got {fused!r}")
    else:
        kwargs["foreach"] = device.type != "meta"
    return torch.optim.AdamW(groups, **kwargs)
