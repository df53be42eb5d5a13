"""Training-step throughput: havoc-model vs transformers.LlamaForCausalLM, one run.

Same config (the havoc-model preset, mapped onto LlamaConfig), batch, sequence length,
precision (fp32 or bf16 autocast) and optimizer (havoc-train's AdamW groups, fused) - both models
go through the very same `havoc_train.step.train_step`, so only the model differs. Steps of the
two models alternate (ours, theirs, ours, ...) so both see the same machine load; each figure is
the best of --steps timed steps after one warm-up.

MFU counts every matmul FLOP the step executes, 6 (N_proj + V d) + 12 L H Q T per token (the
output head included although it is tied to the embedding; attention over the full T x T, the
PaLM convention; see havoc_train.flops), against the best matmul rate of the same precision
measured in this run. "PaLM MFU" beside it uses PaLM's 6 N_non_embedding + 12 L H Q T, which
leaves the tied head out, for comparison with published figures.

    uv run python bench/train/bench_train.py --presets small base --batch 4 --seq 256 --steps 4

``--compile`` adds both models with every block ``torch.compile``d (havoc-train's
``train.compile: true``); ``--ablate-loss`` adds havoc-model with the loss taken from
materialised logits (what it did before the fused linear + cross-entropy).

``--matmul-share`` profiles one more havoc step per row with torch.profiler and reports the
share of the step's op time spent in matmul kernels (self CPU time of aten::mm, addmm, bmm,
baddbmm, matmul, linear over the self CPU time of every op in the step; SDPA is reported
beside it, not counted). ``--contenders havoc`` skips transformers (for slow comparisons, e.g.
against an older checkout of havoc-model through PYTHONPATH); ``--cpu-time`` times steps by
the process's CPU time instead of the wall clock (on a shared machine); the 1-minute load
average is recorded before and after every row.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

import havoc_model
import torch
from havoc_model import HavocModel, ModelConfig
from havoc_train.flops import matmul_flops_per_token, measure_matmul_peak, palm_flops_per_token
from havoc_train.optim import build_adamw
from havoc_train.parallel import DistInfo, parallelize
from havoc_train.precision import Precision, cpu_bf16_features
from havoc_train.step import train_step
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn


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
        rope_parameters={"rope_type": "default", "rope_theta": cfg.rope_theta},
        rms_norm_eps=cfg.norm_eps,
        tie_word_embeddings=cfg.tie_embeddings,
        attention_bias=False,
        mlp_bias=False,
    )
    hf._attn_implementation = "sdpa"
    return LlamaForCausalLM(hf)


def bf16_products_in_fp32() -> bool:
    """Whether this havoc-model sends bf16-autocast products to the fp32 GEMM on this CPU
    (havoc_model.lowp_gemm; an older checkout without it uses torch's bf16 GEMM)."""
    try:
        from havoc_model import lowp_gemm
    except ImportError:
        return False
    return not lowp_gemm.native_gemm("cpu", torch.bfloat16)


class LogitsOnly(torch.nn.Module):
    """Hides HavocModel's fused loss from train_step: forward returns the logits."""

    def __init__(self, model: HavocModel) -> None:
        super().__init__()
        self.inner = model

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.inner(x)


class Runner:
    """One model with its optimizer and a fixed batch; `step()` times one optimizer step."""

    clock = staticmethod(time.perf_counter)  # time.process_time with --cpu-time

    def __init__(self, model, cfg: ModelConfig, precision: str, batch: int, seq: int) -> None:
        self.model = model
        self.opt = build_adamw(model, 3e-4, weight_decay=0.1)
        self.prec = Precision.resolve(precision, torch.device("cpu"))
        self.scaler = self.prec.grad_scaler()
        g = torch.Generator().manual_seed(0)
        data = torch.randint(0, cfg.vocab_size, (batch, seq + 1), generator=g)
        self.micro = [(data[:, :-1].contiguous(), data[:, 1:].contiguous())]
        self.times: list[float] = []

    def step(self, record: bool = True) -> None:
        t0 = self.clock()
        train_step(self.model, self.micro, self.opt, self.scaler, self.prec, 1.0, DistInfo())
        if record:
            self.times.append(self.clock() - t0)


MATMUL_OPS = ("aten::mm", "aten::addmm", "aten::bmm", "aten::baddbmm", "aten::matmul")
MATMUL_OPS += ("aten::linear",)


def profile_step(runner: Runner, rows: int = 14) -> tuple[str, dict[str, float]]:
    """One profiled step: the top-ops table and the matmul share of the step's op time."""
    from torch.profiler import ProfilerActivity, profile

    t0 = time.perf_counter()
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        runner.step(record=False)
    wall = time.perf_counter() - t0
    events = prof.key_averages()
    total = sum(e.self_cpu_time_total for e in events)
    matmul = sum(e.self_cpu_time_total for e in events if e.key in MATMUL_OPS)
    sdpa = sum(e.self_cpu_time_total for e in events if "scaled_dot_product" in e.key)
    share = {
        "matmul_share": matmul / total,
        "sdpa_share": sdpa / total,
        "op_time_s": total / 1e6,
        "profiled_step_wall_s": wall,
    }
    return events.table(sort_by="self_cpu_time_total", row_limit=rows), share


def main() -> None:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--presets", nargs="+", default=["small", "base"])
    p.add_argument("--precisions", nargs="+", default=["fp32", "bf16"], choices=["fp32", "bf16"])
    p.add_argument("--batch", type=int, default=4)
    p.add_argument("--seq", type=int, default=256)
    p.add_argument("--steps", type=int, default=4)
    p.add_argument(
        "--peak-sizes",
        nargs="+",
        type=int,
        default=[512, 1024, 2048],
        help="square matmul sizes for the MFU denominator",
    )
    p.add_argument("--warmup", type=int, default=1, help="untimed steps before the timed ones")
    p.add_argument(
        "--contenders",
        nargs="+",
        default=["havoc", "transformers"],
        choices=["havoc", "transformers"],
    )
    p.add_argument("--cpu-time", action="store_true", help="time steps by process CPU time")
    p.add_argument(
        "--matmul-share", action="store_true", help="profile one havoc step per row (share)"
    )
    p.add_argument("--threads", type=int, default=torch.get_num_threads())
    p.add_argument("--compile", action="store_true", help="also time torch.compile'd blocks")
    p.add_argument(
        "--ablate-loss", action="store_true", help="also time havoc with a logits-then-CE loss"
    )
    p.add_argument(
        "--profile",
        nargs="*",
        default=["small:fp32", "small:bf16"],
        help="preset:precision pairs to profile (none: pass the flag alone)",
    )
    p.add_argument("--out", type=Path, default=Path(__file__).with_name("results.json"))
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    if args.cpu_time:
        Runner.clock = staticmethod(time.process_time)
    with_hf = "transformers" in args.contenders

    def measure_peaks() -> dict[str, float]:
        sizes = tuple(args.peak_sizes)
        peaks = {"fp32": measure_matmul_peak(torch.float32, sizes=sizes, min_seconds=0.5)}
        if bf16_products_in_fp32():  # the model's bf16 products run on the fp32 GEMM
            peaks["bf16"] = peaks["fp32"]
        else:
            peaks["bf16"] = measure_matmul_peak(torch.bfloat16, sizes=sizes, min_seconds=0.5)
        return peaks

    # Measured before and after the steps; the best of the two is the denominator, so a burst
    # of other jobs during one measurement cannot inflate the MFU.
    peaks = measure_peaks()
    features = cpu_bf16_features()
    print(
        f"cpu {platform.processor() or platform.machine()}, native bf16 flags "
        f"{', '.join(k for k, v in features.items() if v) or 'none'}; "
        f"torch {torch.__version__}, oneDNN {torch.backends.mkldnn.is_available()}"
    )
    jobs = [(preset, prec) for preset in args.presets for prec in args.precisions]
    results, profiles = [], []
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} steps"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, transient=True) as progress:
        task = progress.add_task("steps", total=len(jobs) * 2 * (args.steps + args.warmup))
        for preset, precision in jobs:
            progress.update(task, description=f"{preset} {precision}")
            load_before = os.getloadavg()[0]
            cfg = ModelConfig.from_preset(preset)
            torch.manual_seed(0)
            base_model = HavocModel(cfg)
            state = base_model.state_dict()
            runners = {"havoc": Runner(base_model, cfg, precision, args.batch, args.seq)}
            if with_hf:
                runners["transformers"] = Runner(
                    llama_from(cfg), cfg, precision, args.batch, args.seq
                )

            def fresh_havoc(cfg=cfg, state=state) -> HavocModel:
                model = HavocModel(cfg)
                model.load_state_dict(state)
                return model

            if args.ablate_loss:
                runners["havoc_logits_loss"] = Runner(
                    LogitsOnly(fresh_havoc()), cfg, precision, args.batch, args.seq
                )
            if args.compile:
                cpu = torch.device("cpu")
                compiled = [("havoc_compiled", fresh_havoc())]
                if with_hf:
                    compiled.append(("transformers_compiled", llama_from(cfg)))
                for name, model in compiled:
                    model = parallelize(model, "none", cpu, compile=True)
                    runners[name] = Runner(model, cfg, precision, args.batch, args.seq)
                    runners[name].step(record=False)  # compile outside the timed steps
            ours = runners["havoc"]
            progress.update(task, total=len(jobs) * len(runners) * (args.steps + args.warmup))
            for _ in range(args.warmup):
                for r in runners.values():
                    r.step(record=False)
                    progress.advance(task)
            for _ in range(args.steps):
                for r in runners.values():
                    r.step()
                    progress.advance(task)
            flops = matmul_flops_per_token(cfg, args.seq)
            palm_flops = palm_flops_per_token(cfg, args.seq)
            tokens = args.batch * args.seq
            row = {"preset": preset, "precision": precision, "params": ours.model.num_parameters()}
            row["runners"] = list(runners)
            for name, r in runners.items():
                tps = tokens / min(r.times)
                row[name] = {
                    "tokens_per_s": tps,
                    "step_s": min(r.times),
                    "step_s_all": r.times,
                    "flops_per_token": flops,
                    "palm_flops_per_token": palm_flops,
                }
            hf_tps = row["transformers"]["tokens_per_s"] if with_hf else float("nan")
            row["speedup"] = row["havoc"]["tokens_per_s"] / hf_tps
            for name in runners:
                row[name]["vs_transformers"] = row[name]["tokens_per_s"] / hf_tps
            results.append(row)
            if f"{preset}:{precision}" in args.profile or args.matmul_share:
                table, share = profile_step(ours)
                row["havoc"].update(share)
                if f"{preset}:{precision}" in args.profile:
                    profiles.append((f"{preset}:{precision}", table))
            row["load_avg_1min"] = [load_before, os.getloadavg()[0]]
            del ours, runners
    later = measure_peaks()
    peaks = {k: max(v, later[k]) for k, v in peaks.items()}
    for r in results:
        for name in r["runners"]:
            m = r[name]
            m["mfu"] = m["tokens_per_s"] * m["flops_per_token"] / peaks[r["precision"]]
            m["mfu_palm"] = m["tokens_per_s"] * m["palm_flops_per_token"] / peaks[r["precision"]]
    print(
        f"threads {args.threads}; best matmul rate fp32 {peaks['fp32'] / 1e9:.1f} GFLOP/s, "
        f"bf16 {peaks['bf16'] / 1e9:.1f} GFLOP/s (bf16/fp32 {peaks['bf16'] / peaks['fp32']:.1f}x"
        + (", bf16 products on the fp32 GEMM)" if bf16_products_in_fp32() else ")")
    )
    clock = "process CPU time" if args.cpu_time else "wall clock"
    print(f"batch {args.batch} x seq {args.seq}; best of {args.steps} steps ({clock})")
    print(
        "| preset | params | precision | havoc tok/s | HF Llama tok/s | havoc / HF | "
        "havoc MFU | HF MFU | havoc PaLM MFU | matmul share | load 1 min |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        o = r["havoc"]
        h = r.get("transformers", {"tokens_per_s": float("nan"), "mfu": float("nan")})
        share = f"{o['matmul_share']:.0%}" if "matmul_share" in o else "-"
        load = "{:.1f} -> {:.1f}".format(*r["load_avg_1min"])
        print(
            f"| {r['preset']} | {r['params'] / 1e6:.1f}M | {r['precision']} | "
            f"{o['tokens_per_s']:,.1f} | {h['tokens_per_s']:,.1f} | {r['speedup']:.2f} | "
            f"{o['mfu']:.0%} | {h['mfu']:.0%} | {o['mfu_palm']:.0%} | {share} | {load} |"
        )
    extra = [n for n in (results[0]["runners"] if results else []) if n not in ("havoc",)]
    extra = [n for n in extra if n != "transformers"]
    if extra:
        print("\n| preset | precision | variant | tok/s | vs transformers (eager) | MFU |")
        print("| --- | --- | --- | --- | --- | --- |")
        for r in results:
            for name in extra:
                m = r[name]
                print(
                    f"| {r['preset']} | {r['precision']} | {name} | {m['tokens_per_s']:,.0f} | "
                    f"{m['vs_transformers']:.2f} | {m['mfu']:.0%} |"
                )
    for name, table in profiles:
        print(f"\ntorch.profiler, one havoc step ({name}), top ops by self CPU time:\n{table}")
    meta = {
        "torch": torch.__version__,
        "threads": args.threads,
        "cpu": platform.processor() or platform.machine(),
        "batch": args.batch,
        "seq": args.seq,
        "steps": args.steps,
        "warmup": args.warmup,
        "clock": "process_time" if args.cpu_time else "perf_counter",
        "havoc_model_source": str(Path(havoc_model.__file__).parent),  # which checkout ran
        "matmul_peak_flops": peaks,
        "cpu_bf16_features": features,
        "bf16_products_in_fp32": bf16_products_in_fp32(),
    }
    args.out.write_text(json.dumps({"meta": meta, "results": results}, indent=2) + "\n")


if __name__ == "__main__":
    main()
