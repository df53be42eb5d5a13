"""One optimizer step: k accumulated micro-batches → unscale → clip → AdamW.

The loss is the summed token cross-entropy divided by the number of target tokens in the whole
global batch, so accumulation over micro-batches and data parallelism over ranks give the same
update as one big batch on one device.
"""

from __future__ import annotations

from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

from havoc_train.parallel import DistInfo, no_grad_sync
from havoc_train.precision import Precision

IGNORE_INDEX = -100


def logits_of(output: Any) -> torch.Tensor:
    return output.logits if hasattr(output, "logits") else output


def _takes_targets(model: nn.Module) -> bool:
    """A HavocModel (possibly under DDP or FSDP2): its forward computes the loss itself."""
    from havoc_model import HavocModel

    inner = getattr(model, "module", model)  # DDP keeps the model in .module
    return isinstance(getattr(inner, "_orig_mod", inner), HavocModel)


def loss_sum(model: nn.Module, inputs: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Summed next-token cross-entropy (fp32) over the positions whose label is not ignored.

    A HavocModel gets the labels as ``targets`` and fuses the output projection with the
    loss (no ``[tokens, vocab]`` logits tensor; `havoc_model.linear_cross_entropy`); any other
    model (e.g. transformers' Llama in the benchmark) returns logits and the loss is taken here.
    The call still goes through ``model(...)``, so DDP and FSDP hooks run.
    """
    if _takes_targets(model):
        return model(inputs, targets=labels)
    logits = logits_of(model(inputs))
    return F.cross_entropy(
        logits.float().reshape(-1, logits.size(-1)),
        labels.reshape(-1),
        ignore_index=IGNORE_INDEX,
        reduction="sum",
    )


def _all_reduce_sum(value: torch.Tensor, dist_info: DistInfo) -> torch.Tensor:
    if dist_info.enabled:
        import torch.distributed as dist

        dist.all_reduce(value, op=dist.ReduceOp.SUM)
    return value


def train_step(
    model: nn.Module,
    micro_batches: list[tuple[torch.Tensor, torch.Tensor]],
    optimizer: torch.optim.Optimizer,
    scaler: torch.amp.GradScaler,
    precision: Precision,
    grad_clip: float,
    dist_info: DistInfo,
) -> tuple[float, float, int]:
    """One optimizer step over this rank's micro-batches; returns (loss, grad norm, tokens).

    The loss is normalised by the number of target tokens in the *global* batch (all
    micro-batches on all ranks), so k micro-batches equal one big batch and N ranks equal one
    process, also when SFT masks make the token count vary between micro-batches.
    """
    device = micro_batches[0][0].device
    n_local = sum(int((y != IGNORE_INDEX).sum()) for _, y in micro_batches)
    n_global = int(_all_reduce_sum(torch.tensor(n_local, device=device), dist_info).item())
    if n_global == 0:
        raise ValueError("a training batch has no target tokens (every label is masked)")
    # DDP and FSDP average gradients over ranks; scale back up so the sum is over all tokens.
    scale = dist_info.world_size / n_global
    total = torch.zeros((), device=device, dtype=torch.float32)
    for i, (x, y) in enumerate(micro_batches):
        with no_grad_sync(model, sync=i == len(micro_batches) - 1), precision.autocast():
            summed = loss_sum(model, x, y)
        scaler.scale(summed * scale).backward()
        total += summed.detach()
    scaler.unscale_(optimizer)
    if grad_clip > 0:
        grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip)
    else:
        grad_norm = torch.nn.utils.get_total_norm(
            [p.grad for p in model.parameters() if p.grad is not None]
        )
    scaler.step(optimizer)
    scaler.update()
    optimizer.zero_grad(set_to_none=True)
    total = _all_reduce_sum(total, dist_info)
    grad_norm = grad_norm.full_tensor() if hasattr(grad_norm, "full_tensor") else grad_norm
    return float(total) / n_global, float(grad_norm), n_global
