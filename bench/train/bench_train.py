"""Training-step throughput: havoc-model vs transformers.LlamaForCausalLM, one run.

Same config (the havoc-model preset, mapped onto LlamaConfig), batch, sequence length,
precision (fp32 or bf16 autocast) and optimizer (havoc-train's AdamW groups, fused) - both models
go through the very same `havoc_train.step.train_step`, so only the model differs. MFU uses
6 N_non_embedding + 12 L H Q T FLOPs per token against the best matmul rate measured here.

    uv run python bench/train/bench_train.py --presets small base --batch 4 --seq 256 --steps 4
"""

from __future__ import annotations

import argparse
import time

import torch
from havoc_model import HavocModel, ModelConfig
from havoc_train.flops import measure_matmul_peak, non_embedding_params, train_flops_per_token
from havoc_train.optim import build_adamw
from havoc_train.parallel import DistInfo
from havoc_train.precision import Precision
from havoc_train.step import train_step


def llama_from(cfg: ModelConfig):
    from transformers import LlamaConfig, LlamaForCausalLM

    hf = LlamaConfig(
        vocab_size=cfg.vocab_size,
        hidden_size=cfg.d_model,
        intermediate_size=cfg.ffn_hidden,
        num_hidden_layers=cfg.n_layers,
        num_attention_heads=cfg.n_heads,
        num_key_value_heads=cfg.n_kv_heads,
        head_dim=cfg.head_dim,
        max_position_embeddings=cfg.max_seq_len,
        rope_theta=cfg.rope_theta,
        rms_norm_eps=cfg.norm_eps,
        tie_word_embeddings=cfg.tie_embeddings,
        attention_bias=False,
        mlp_bias=False,
    )
    hf._attn_implementation = "sdpa"
    return LlamaForCausalLM(hf)


def time_steps(model, cfg, precision, batch, seq, steps, warmup=1):
    opt = build_adamw(model, 3e-4, weight_decay=0.1)
    prec = Precision.resolve(precision, torch.device("cpu"))
    scaler = prec.grad_scaler()
    g = torch.Generator().manual_seed(0)
    data = torch.randint(0, cfg.vocab_size, (batch, seq + 1), generator=g)
    micro = [(data[:, :-1].contiguous(), data[:, 1:].contiguous())]
    for _ in range(warmup):
        train_step(model, micro, opt, scaler, prec, 1.0, DistInfo())
    times = []
    for _ in range(steps):
        t0 = time.perf_counter()
        train_step(model, micro, opt, scaler, prec, 1.0, DistInfo())
        times.append(time.perf_counter() - t0)
    return batch * seq / min(times), (opt, scaler, prec, micro)


def profile_step(model, state, rows=12):
    from torch.profiler import ProfilerActivity, profile

    opt, scaler, prec, micro = state
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        train_step(model, micro, opt, scaler, prec, 1.0, DistInfo())
    return prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=rows)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--presets", nargs="+", default=["small", "base"])
    p.add_argument("--precisions", nargs="+", default=["fp32", "bf16"])
    p.add_argument("--batch", type=int, default=4)
    p.add_argument("--seq", type=int, default=256)
    p.add_argument("--steps", type=int, default=4)
    p.add_argument(
        "--profile", default="small:fp32", help="preset:precision to profile ('' = none)"
    )
    args = p.parse_args()
    torch.manual_seed(0)
    peaks = {
        "fp32": measure_matmul_peak(torch.float32, sizes=(512, 1024, 2048), min_seconds=0.5),
        "bf16": measure_matmul_peak(torch.bfloat16, sizes=(512, 1024, 2048), min_seconds=0.5),
    }
    print(
        f"threads {torch.get_num_threads()}; matmul peak fp32 {peaks['fp32'] / 1e9:.1f} "
        f"GFLOP/s, bf16 {peaks['bf16'] / 1e9:.1f} GFLOP/s"
    )
    print(
        "| preset | params | precision | havoc tok/s | HF Llama tok/s | havoc / HF | havoc MFU | HF MFU |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    profiles = []
    for preset in args.presets:
        cfg = ModelConfig.from_preset(preset)
        for precision in args.precisions:
            torch.manual_seed(0)
            ours = HavocModel(cfg)
            theirs = llama_from(cfg)
            flops = train_flops_per_token(
                non_embedding_params(ours), cfg.n_layers, cfg.n_heads, cfg.head_dim, args.seq
            )
            tps_ours, state = time_steps(ours, cfg, precision, args.batch, args.seq, args.steps)
            tps_hf, _ = time_steps(theirs, cfg, precision, args.batch, args.seq, args.steps)
            n = sum(p.numel() for p in ours.parameters())
            print(
                f"| {preset} | {n / 1e6:.1f}M | {precision} | {tps_ours:,.0f} | {tps_hf:,.0f} | "
                f"{tps_ours / tps_hf:.2f} | {tps_ours * flops / peaks[precision]:.0%} | "
                f"{tps_hf * flops / peaks[precision]:.0%} |",
                flush=True,
            )
            if args.profile == f"{preset}:{precision}":
                profiles.append((args.profile, profile_step(ours, state)))
    for name, table in profiles:
        print(f"\ntorch.profiler, one havoc step ({name}), top ops by self CPU time:\n{table}")


if __name__ == "__main__":
    main()
