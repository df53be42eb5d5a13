"""``havoc-train --dry-run``: check a recipe without training and print the per-GPU memory plan.

The model is built on the meta device (no memory is allocated), its parameter count taken from
the real module, and havoc-model's ``memory_plan`` gives bytes per GPU for the recipe's
micro-batch, sequence length, precision, activation checkpointing and sharding.
"""

from __future__ import annotations

import torch

from havoc_train.config import TrainConfig
from havoc_train.flops import matmul_flops_per_token, non_embedding_params, palm_flops_per_token

GIB = 2**30


def dry_run(cfg: TrainConfig, gpus: int | None = None, gpu_memory_gib: float = 80.0) -> str:
    """A text report: model size, FLOPs, batch, memory per GPU and whether it fits."""
    from havoc_model.memory import memory_plan

    from havoc_train.trainer import build_model

    strategy = cfg.distributed.strategy
    if gpus is None:
        gpus = 8 if strategy in ("fsdp", "auto") else 1
    if gpus < 1:
        raise ValueError(f"--gpus must be >= 1, got {gpus}")
    sharding = "fsdp" if strategy in ("fsdp", "auto") and gpus > 1 else "none"
    model = build_model(cfg, cfg.tokenizer.vocab_size, torch.device("meta"))
    mc = model.config
    n_params = sum(p.numel() for p in model.parameters())
    n_non_emb = non_embedding_params(model)
    precision = "bf16" if cfg.train.precision in ("bf16", "auto") else cfg.train.precision
    plan = memory_plan(
        mc,
        micro_batch=cfg.train.micro_batch_size,
        seq_len=cfg.data.seq_len,
        dtype=precision,
        activation_checkpointing=cfg.train.activation_checkpointing,
        world_size=gpus,
        sharding=sharding,
    )
    flops_tok = matmul_flops_per_token(mc, cfg.data.seq_len)
    palm_tok = palm_flops_per_token(mc, cfg.data.seq_len)
    tokens_step = cfg.train.micro_batch_size * cfg.train.grad_accum_steps * gpus * cfg.data.seq_len
    fits = plan.per_device_bytes <= gpu_memory_gib * GIB * 0.9  # 10% for allocator/workspace
    lines = [
        f"recipe {cfg.name}: model preset {cfg.model.preset} built on the meta device",
        f"  parameters            {n_params:,} ({n_non_emb:,} non-embedding)",
        f"  layers x d_model      {mc.n_layers} x {mc.d_model}, heads {mc.n_heads}/{mc.n_kv_heads}"
        f" (q/kv) of {mc.head_dim}, SwiGLU {mc.ffn_hidden}, vocab {mc.vocab_size}",
        f"  training FLOPs/token  {flops_tok:.3e} (every matmul: 6 (N_proj + V d) + 12 L H Q T;"
        f" PaLM 6 N_non_embedding + 12 L H Q T = {palm_tok:.3e})",
        f"  global batch          {cfg.train.micro_batch_size} x {cfg.train.grad_accum_steps} accum "
        f"x {gpus} GPU(s) x {cfg.data.seq_len} = {tokens_step:,} tokens/step",
        f"  run                   {cfg.train.max_steps:,} steps = "
        f"{tokens_step * cfg.train.max_steps / 1e9:,.1f}B tokens, "
        f"{flops_tok * tokens_step * cfg.train.max_steps:.2e} FLOPs",
        f"  parallelism           {sharding if sharding != 'none' else 'single device / DDP'}, "
        f"precision {precision}, activation checkpointing "
        f"{'on' if cfg.train.activation_checkpointing else 'off'}, compile {cfg.train.compile}",
        plan.summary(),
        f"  verdict: {'fits' if fits else 'does NOT fit'} in {gpu_memory_gib:g} GiB per GPU "
        f"({plan.per_device_bytes / GIB:.1f} GiB needed, 10% kept free)",
    ]
    return "\n".join(lines)
