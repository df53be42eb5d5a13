"""Parallelism and memory tricks applied around the model from outside (torchtitan style).

The model file never changes: :func:`parallelize` takes a plain ``nn.Module`` whose transformer
blocks live in a ``ModuleList`` and returns it wrapped for DDP, or sharded in place with FSDP2
(``torch.distributed.fsdp.fully_shard`` per block, then the root), optionally with activation
checkpointing per block and ``torch.compile``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import torch
import torch.distributed as dist
from torch import nn


@dataclass
class DistInfo:
    """Where this process sits: rank, world size and its device."""

    rank: int = 0
    world_size: int = 1
    local_rank: int = 0

    @property
    def is_main(self) -> bool:
        return self.rank == 0

    @property
    def enabled(self) -> bool:
        return self.world_size > 1


def init_distributed(device: torch.device, backend: str = "auto") -> DistInfo:
    """Join the process group when launched by torchrun (``WORLD_SIZE`` > 1); else single."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world <= 1:
        return DistInfo()
    if not dist.is_initialized():
        if backend == "auto":
            backend = "nccl" if device.type == "cuda" else "gloo"
        dist.init_process_group(backend=backend)
    return DistInfo(dist.get_rank(), dist.get_world_size(), int(os.environ.get("LOCAL_RANK", 0)))


def find_blocks(model: nn.Module) -> nn.ModuleList:
    """The model's list of transformer blocks (``layers``/``blocks``/``h``, else the longest
    ``ModuleList``)."""
    for name in ("layers", "blocks", "h"):
        found = getattr(model, name, None)
        if isinstance(found, nn.ModuleList):
            return found
    lists = [m for m in model.modules() if isinstance(m, nn.ModuleList)]
    if not lists:
        raise ValueError(f"{type(model).__name__} has no ModuleList of transformer blocks")
    return max(lists, key=len)


def apply_activation_checkpointing(model: nn.Module) -> None:
    """Recompute each block's activations in backward instead of storing them.

    The block's ``forward`` is wrapped on the instance, so parameter names (and therefore
    checkpoints) are unchanged.
    """
    from torch.utils.checkpoint import checkpoint

    for block in find_blocks(model):
        inner = block.forward

        def forward(*args, _inner=inner, **kwargs):
            return checkpoint(_inner, *args, use_reentrant=False, **kwargs)

        block.forward = forward


def parallelize(
    model: nn.Module,
    strategy: str,
    device: torch.device,
    *,
    activation_checkpointing: bool = False,
    compile: bool = False,
    reshard_after_forward: bool = True,
    mixed_precision_dtype: torch.dtype | None = None,
) -> nn.Module:
    """Wrap ``model`` for ``strategy`` in ``none``, ``ddp`` or ``fsdp``; returns the module to
    call. For ``fsdp`` the model is sharded in place (same object); for ``ddp`` a wrapper is
    returned and the original stays reachable as ``.module``.

    ``mixed_precision_dtype`` (FSDP only) runs the sharded parameters' all-gather and compute in
    that dtype with fp32 gradient reduction; leave it None to use autocast instead.
    """
    if activation_checkpointing:
        apply_activation_checkpointing(model)
    if compile:
        for block in find_blocks(model):
            block.compile()
    if strategy == "none":
        return model
    if not dist.is_initialized():
        raise ValueError(f"distributed.strategy={strategy} needs torchrun (no process group)")
    if strategy == "ddp":
        from torch.nn.parallel import DistributedDataParallel

        ids = [device.index] if device.type == "cuda" else None
        return DistributedDataParallel(model, device_ids=ids)
    if strategy == "fsdp":
        from torch.distributed.fsdp import MixedPrecisionPolicy, fully_shard

        kwargs = {}
        if mixed_precision_dtype is not None:
            kwargs["mp_policy"] = MixedPrecisionPolicy(
                param_dtype=mixed_precision_dtype, reduce_dtype=torch.float32
            )
        blocks = find_blocks(model)
        for i, block in enumerate(blocks):
            # The last block's parameters are needed again at once by backward: keep them.
            last = i == len(blocks) - 1
            fully_shard(block, reshard_after_forward=reshard_after_forward and not last, **kwargs)
        fully_shard(model, reshard_after_forward=reshard_after_forward, **kwargs)
        return model
    raise ValueError(f"distributed.strategy: expected none, ddp or fsdp, got {strategy!r}")


def unwrap(model: nn.Module) -> nn.Module:
    """The plain model under a DDP wrapper (FSDP2 shards in place, so it is returned as is)."""
    return getattr(model, "module", model)


def no_grad_sync(model: nn.Module, sync: bool):
    """Skip the gradient all-reduce on accumulation micro-batches except the last."""
    import contextlib

    from torch.nn.parallel import DistributedDataParallel

    if isinstance(model, DistributedDataParallel):
        return contextlib.nullcontext() if sync else model.no_sync()
    setter = getattr(model, "set_requires_gradient_sync", None)  # FSDP2
    if setter is not None:
        setter(sync)
    return contextlib.nullcontext()
