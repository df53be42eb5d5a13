"""Parameter counts and training-memory plans, without materialising the model.

>>> from havoc_model import ModelConfig
>>> from havoc_model.memory import count_parameters, memory_plan
>>> cfg = ModelConfig.from_preset("havoc-7b")
>>> count_parameters(cfg).total
7382241280
>>> plan = memory_plan(cfg, micro_batch=1, seq_len=4096, dtype="bf16",
...                    activation_checkpointing=True, world_size=8, sharding="fsdp")
>>> round(plan.per_device_bytes / 2**30, 1) < 80
True
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import torch

from havoc_model.config import ModelConfig

_DTYPE_BYTES = {"fp32": 4, "float32": 4, "bf16": 2, "bfloat16": 2, "fp16": 2, "float16": 2}
_OPTIMIZER_STATES = {"adamw": 2, "adam": 2, "sgd": 1, "none": 0}  # fp32 tensors per parameter


@dataclass(frozen=True)
class ParameterCount:
    """Exact parameter counts by component (tied embeddings counted once)."""

    embedding: int
    lm_head: int
    attention: int
    mlp: int
    norms: int
    per_layer: int
    total: int

    def to_dict(self) -> dict[str, int]:
        return dataclasses.asdict(self)


def count_parameters(config: ModelConfig) -> ParameterCount:
    """Closed-form count: embeddings + n_layers x (attention + SwiGLU + 2 norms) + final norm."""
    d = config.d_model
    embedding = config.vocab_size * d
    lm_head = 0 if config.tie_embeddings else config.vocab_size * d
    attn_layer = d * config.q_dim + 2 * d * config.kv_dim + config.q_dim * d
    mlp_layer = 3 * d * config.ffn_hidden
    per_layer = attn_layer + mlp_layer + 2 * d
    norms = config.n_layers * 2 * d + d
    total = embedding + lm_head + config.n_layers * per_layer + d
    return ParameterCount(
        embedding=embedding,
        lm_head=lm_head,
        attention=config.n_layers * attn_layer,
        mlp=config.n_layers * mlp_layer,
        norms=norms,
        per_layer=per_layer,
        total=total,
    )


def count_parameters_meta(config: ModelConfig) -> int:
    """Count by building the model on the meta device (no memory is allocated)."""
    from havoc_model.model import HavocModel

    with torch.device("meta"):
        model = HavocModel(config)
    return model.num_parameters()


def kv_cache_bytes_per_token(config: ModelConfig, dtype: str | torch.dtype = "bf16") -> int:
    """Bytes of K and V cached per token across all layers."""
    return 2 * config.n_layers * config.kv_dim * _bytes(dtype)


def activation_elements_per_token_per_layer(config: ModelConfig) -> int:
    """Activations one decoder layer saves for backward, per token, in elements.

    Counted from the tensors autograd keeps: each RMSNorm's input and output (4 x d_model),
    the post-RoPE q, k, v and the attention output (2 q_dim + 2 kv_dim; fused attention keeps no
    T x T scores, GQA keeps K/V unrepeated, and RoPE's backward needs only the cos/sin tables)
    and SwiGLU's gate, up, silu(gate) and product (4 x ffn_hidden). A test checks this against
    the tensors autograd actually saves.
    """
    return 4 * config.d_model + 2 * config.q_dim + 2 * config.kv_dim + 4 * config.ffn_hidden


@dataclass(frozen=True)
class MemoryPlan:
    """Bytes per device for one training step (estimates for activations, exact for states)."""

    parameters: int
    micro_batch: int
    seq_len: int
    dtype: str
    activation_checkpointing: bool
    optimizer: str
    world_size: int
    sharding: str
    weights_bytes: int
    master_weights_bytes: int
    gradients_bytes: int
    optimizer_bytes: int
    activations_bytes: int
    logits_bytes: int
    kv_cache_bytes_per_token: int
    per_device_bytes: int

    def to_dict(self) -> dict[str, object]:
        return dataclasses.asdict(self)

    def summary(self) -> str:
        gib = 2**30
        rows = [
            ("weights", self.weights_bytes),
            ("fp32 master weights", self.master_weights_bytes),
            ("gradients", self.gradients_bytes),
            (f"{self.optimizer} state", self.optimizer_bytes),
            ("activations", self.activations_bytes),
            ("logits + loss", self.logits_bytes),
        ]
        head = (
            f"memory plan: {self.parameters:,} params, micro-batch {self.micro_batch} x "
            f"{self.seq_len} tokens, {self.dtype}, activation checkpointing "
            f"{'on' if self.activation_checkpointing else 'off'}, {self.sharding} over "
            f"{self.world_size} device(s)"
        )
        lines = [head] + [f"  {name:<22}{b / gib:10.2f} GiB" for name, b in rows]
        lines.append(f"  {'total per device':<22}{self.per_device_bytes / gib:10.2f} GiB")
        lines.append(f"  KV cache: {self.kv_cache_bytes_per_token:,} bytes per token")
        return "\n".join(lines)


def memory_plan(
    config: ModelConfig,
    micro_batch: int,
    seq_len: int,
    dtype: str | torch.dtype = "bf16",
    activation_checkpointing: bool = False,
    optimizer: str = "adamw",
    world_size: int = 1,
    sharding: str = "none",
) -> MemoryPlan:
    """Per-device training memory for a config, micro-batch and sequence length.

    ``dtype`` is the dtype weights, gradients and activations are kept in; for bf16/fp16 an
    fp32 master copy of the weights is counted as well (mixed precision). Optimizer states are
    fp32 (AdamW: two per parameter). Without sharding (plain data parallel) every device
    holds everything, so ``world_size`` does not change the plan. With ``sharding="fsdp"`` weights, master weights,
    gradients and optimizer states are divided over ``world_size`` and one layer's full
    weights are added for the all-gather; activations are per device either way. Activation
    checkpointing keeps one ``d_model`` vector per token per layer plus one layer's full
    activations during its recomputation.
    """
    for name, value in (
        ("micro_batch", micro_batch),
        ("seq_len", seq_len),
        ("world_size", world_size),
    ):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ValueError(f"{name} must be a positive integer, got {value!r}")
    if optimizer not in _OPTIMIZER_STATES:
        raise ValueError(f"optimizer must be one of {sorted(_OPTIMIZER_STATES)}, got {optimizer!r}")
    if sharding not in ("none", "fsdp"):
        raise ValueError(f"sharding must be 'none' or 'fsdp', got {sharding!r}")
    width = _bytes(dtype)
    dtype_name = _dtype_name(dtype)
    counts = count_parameters(config)
    n = counts.total
    shard = world_size if sharding == "fsdp" else 1
    weights = n * width // shard
    master = (n * 4 // shard) if width < 4 else 0
    grads = n * width // shard
    opt = n * 4 * _OPTIMIZER_STATES[optimizer] // shard
    if sharding == "fsdp" and world_size > 1:
        weights += counts.per_layer * width  # the gathered layer being computed
    tokens = micro_batch * seq_len
    per_layer_act = activation_elements_per_token_per_layer(config) * tokens * width
    if activation_checkpointing:
        activations = config.n_layers * config.d_model * tokens * width + per_layer_act
    else:
        activations = config.n_layers * per_layer_act
    activations += 2 * config.d_model * tokens * width  # embedding output and final norm
    # Logits in the compute dtype, their fp32 copy and the fp32 log-softmax of the loss.
    logits = tokens * config.vocab_size * (width + 4 + 4)
    total = weights + master + grads + opt + activations + logits
    return MemoryPlan(
        parameters=n,
        micro_batch=micro_batch,
        seq_len=seq_len,
        dtype=dtype_name,
        activation_checkpointing=bool(activation_checkpointing),
        optimizer=optimizer,
        world_size=world_size,
        sharding=sharding,
        weights_bytes=weights,
        master_weights_bytes=master,
        gradients_bytes=grads,
        optimizer_bytes=opt,
        activations_bytes=activations,
        logits_bytes=logits,
        kv_cache_bytes_per_token=kv_cache_bytes_per_token(config, dtype),
        per_device_bytes=total,
    )


def _bytes(dtype: str | torch.dtype) -> int:
    if isinstance(dtype, torch.dtype):
        return torch.empty((), dtype=dtype).element_size()
    if dtype not in _DTYPE_BYTES:
        raise ValueError(f"dtype must be one of {sorted(_DTYPE_BYTES)}, got {dtype!r}")
    return _DTYPE_BYTES[dtype]


def _dtype_name(dtype: str | torch.dtype) -> str:
    if isinstance(dtype, torch.dtype):
        return {torch.float32: "fp32", torch.bfloat16: "bf16", torch.float16: "fp16"}.get(
            dtype, str(dtype)
        )
    return {"float32": "fp32", "bfloat16": "bf16", "float16": "fp16"}.get(dtype, dtype)
