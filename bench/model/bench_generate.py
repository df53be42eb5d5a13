"""Batch-1 greedy generation: havoc_model.generate against transformers' generate.

Same weights (HAVOC model copied into `LlamaForCausalLM` through the HF exporter's name table),
same prompt, greedy. For each preset and dtype:

- prefill tok/s  = prompt_len / time(generate with max_new_tokens=1)
- decode tok/s   = (N - 1) / (time(generate N tokens) - time(generate 1 token))
- bandwidth use  = weight bytes x decode tok/s / measured copy bandwidth (read + write)

Each timing is the median of --repeats runs after one warm-up. Results go to stdout (a
Markdown table) and to bench/model/results.json.

    uv run python bench/model/bench_generate.py --presets small base --dtypes fp32 bf16

``--int8`` instead times our own paths side by side on the same weights (no transformers):
fp32, bf16 and int8 weight-only (`havoc_model.quantize`), eager and compiled, interleaved, and
reports for every row the weight bytes read per decoded token, the GB/s that implies, and the
bandwidth bound (read bandwidth at the same thread count and clock / bytes per token; see
`read_bandwidth`) -> bench/model/results_int8.json.

    uv run python bench/model/bench_generate.py --int8 --presets base --new-tokens 64
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from functools import partial
from pathlib import Path

import torch
from havoc_model import GenerationConfig, HavocModel, ModelConfig, generate
from havoc_model.hf import havoc_to_hf_name, hf_config
from havoc_model.quantize import decode_weight_bytes, quantize
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from transformers import LlamaConfig, LlamaForCausalLM

DTYPES = {"fp32": torch.float32, "bf16": torch.bfloat16}


def copy_bandwidth(nbytes: int = 256 * 2**20, repeats: int = 10) -> float:
    """Best bytes per second of a large tensor copy on all cores (counts read and write)."""
    threads = torch.get_num_threads()
    torch.set_num_threads(max(threads, _cores()))
    src = torch.ones(nbytes // 4, dtype=torch.float32)
    dst = torch.empty_like(src)
    dst.copy_(src)
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        dst.copy_(src)
        best = min(best, time.perf_counter() - t0)
    torch.set_num_threads(threads)
    return 2 * nbytes / best


def read_bandwidth(nbytes: int = 256 * 2**20, repeats: int = 10) -> float:
    """Best bytes per second read by a reduction over a large fp32 buffer, at torch's current
    thread count and on `CLOCK` (the decode's own threads and clock).

    This is the bound for decode: a decode step only reads its weights, so the rate it can
    reach is the read rate, counted once per byte. A copy's figure counts read + write on all
    cores, which is a different stream (half of it writes) and, with ``--threads 1``, cores the
    decode does not use, so it was the wrong yardstick for a 1-thread run.
    """
    src = torch.ones(nbytes // 4, dtype=torch.float32)
    src.sum()
    best = float("inf")
    for _ in range(repeats):
        t0 = CLOCK()
        src.sum()
        best = min(best, CLOCK() - t0)
    return nbytes / best


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def to_hf(model: HavocModel) -> LlamaForCausalLM:
    cfg = hf_config(model.config, torch.float32, {})
    cfg = {
        k: v
        for k, v in cfg.items()
        if k not in ("havoc_version", "rope_theta", "rope_scaling", "torch_dtype")
    }
    hf = LlamaForCausalLM(LlamaConfig(**cfg))
    state = {havoc_to_hf_name(k): v for k, v in model.state_dict().items()}
    if model.config.tie_embeddings:
        state["lm_head.weight"] = state["model.embed_tokens.weight"]
    hf.load_state_dict(state, strict=True)
    return hf.eval()


CLOCK = time.perf_counter  # --cpu-time: time.process_time (1 thread, a shared machine)


def time_ours(model, prompt, n, compile=False) -> tuple[float, list[int]]:
    cfg = GenerationConfig(max_new_tokens=n, greedy=True)
    t0 = CLOCK()
    tokens = [e.token_id for e in generate(model, [prompt], cfg, compile=compile)]
    return CLOCK() - t0, tokens


def time_hf(hf, prompt, n, static=False) -> tuple[float, list[int]]:
    ids = torch.tensor([prompt])
    extra = {"cache_implementation": "static"} if static else {}
    t0 = time.perf_counter()
    with torch.inference_mode():
        out = hf.generate(
            ids,
            attention_mask=torch.ones_like(ids),
            max_new_tokens=n,
            min_new_tokens=n,
            do_sample=False,
            pad_token_id=0,
            eos_token_id=None,
            **extra,
        )
    return time.perf_counter() - t0, out[0, len(prompt) :].tolist()


def profile_ours(model, prompt, n, rows: int = 12) -> str:
    """torch.profiler table (self CPU time) of one compiled generate of n tokens."""
    from torch.profiler import profile

    with profile() as prof:
        time_ours(model, prompt, n, compile=True)
    return prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=rows)


def interleaved_medians(cases: dict, repeats: int) -> dict:
    """Median time of each case, running the cases round-robin so they share machine load."""
    for fn in cases.values():
        fn()  # warm-up
    times: dict = {k: [] for k in cases}
    tokens: dict = {}
    for _ in range(repeats):
        for key, fn in cases.items():
            t, toks = fn()
            times[key].append(t)
            tokens[key] = toks
    return {k: (statistics.median(v), tokens[k]) for k, v in times.items()}


def run_int8(args) -> None:
    """fp32 / bf16 / int8 of one set of weights, eager and compiled, timed round-robin."""
    import copy
    import os

    rows = []
    for preset in args.presets:
        torch._dynamo.reset()
        torch.manual_seed(args.seed)
        fp32 = HavocModel(ModelConfig.from_preset(preset)).eval()
        models = {
            "fp32": fp32,
            "bf16": copy.deepcopy(fp32).to(torch.bfloat16),
            "int8": quantize(copy.deepcopy(fp32), "int8"),
        }
        gen = torch.Generator().manual_seed(1)
        prompt = torch.randint(0, fp32.config.vocab_size, (args.prompt_len,), generator=gen)
        prompt = prompt.tolist()
        n = args.new_tokens
        cases = {}
        for name, model in models.items():
            for compiled in (True,) if args.compiled_only else (False, True):
                key = f"{name}{' compiled' if compiled else ''}"
                cases[(key, 1)] = partial(time_ours, model, prompt, 1, compiled)
                cases[(key, n)] = partial(time_ours, model, prompt, n, compiled)
        copy_bw, bandwidth = copy_bandwidth(), read_bandwidth()
        load_before = os.getloadavg()
        med = interleaved_medians(cases, args.repeats)
        load_after = os.getloadavg()
        copy_bw, bandwidth = max(copy_bw, copy_bandwidth()), max(bandwidth, read_bandwidth())
        for key in dict.fromkeys(k for k, _ in cases):
            name = key.split()[0]
            t1, tn = med[(key, 1)][0], med[(key, n)][0]
            decode = (n - 1) / (tn - t1)
            nbytes = decode_weight_bytes(models[name])
            rows.append(
                {
                    "preset": preset,
                    "path": key,
                    "prefill_tok_s": args.prompt_len / t1,
                    "decode_tok_s": decode,
                    "weight_bytes_per_token": nbytes,
                    "GBs": nbytes * decode / 1e9,
                    "bound_tok_s": bandwidth / nbytes,
                    "bandwidth_fraction": nbytes * decode / bandwidth,
                    "tokens": med[(key, n)][1],
                }
            )
        by = {r["path"]: r for r in rows if r["preset"] == preset}
        int8 = by["int8 compiled"]["decode_tok_s"]
        best_bf16 = max(r["decode_tok_s"] for k, r in by.items() if k.startswith("bf16"))
        eager = "int8" if "int8" in by else "int8 compiled"
        fp32_eager = "fp32" if "fp32" in by else "fp32 compiled"
        summary = {
            "preset": preset,
            "int8_vs_fp32_compiled": int8 / by["fp32 compiled"]["decode_tok_s"],
            "int8_vs_best_bf16": int8 / best_bf16,
            "int8_bandwidth_fraction": by["int8 compiled"]["bandwidth_fraction"],
            "greedy_same_as_fp32": sum(
                a == b for a, b in zip(by[eager]["tokens"], by[fp32_eager]["tokens"], strict=True)
            ),
            "read_bandwidth_GBs": bandwidth / 1e9,  # the bound: see read_bandwidth
            "copy_bandwidth_GBs": copy_bw / 1e9,  # read + write, all cores (for reference)
            "loadavg_before": load_before,
            "loadavg_after": load_after,
        }
        rows.append(summary)
    meta = {
        "torch": torch.__version__,
        "threads": args.threads,
        "cpu": platform.processor() or platform.machine(),
        "prompt_len": args.prompt_len,
        "new_tokens": args.new_tokens,
        "repeats": args.repeats,
        "kernel_isa": __import__("havoc_model.kernels_int8").kernels_int8.isa(),
        "clock": "process_time" if args.cpu_time else "perf_counter",
    }
    out = args.out if args.out.name != "results.json" else args.out.with_name("results_int8.json")
    out.write_text(json.dumps({"meta": meta, "results": rows}, indent=2) + "\n")
    print(
        f"\n{args.threads} threads, prompt {args.prompt_len}, {args.new_tokens} new tokens, "
        f"median of {args.repeats}, interleaved; bytes = weights read per decoded token"
    )
    print(
        "| preset | path | decode tok/s | bytes/token | GB/s | bound tok/s | of bound | "
        "prefill tok/s |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        if "path" not in r:
            print(
                f"\n{r['preset']}: int8 compiled = {r['int8_vs_fp32_compiled']:.2f}x fp32 "
                f"compiled, {r['int8_vs_best_bf16']:.2f}x best bf16, "
                f"{r['int8_bandwidth_fraction']:.0%} of its bound; greedy int8 = fp32 on "
                f"{r['greedy_same_as_fp32']}/{args.new_tokens} tokens; read "
                f"{r['read_bandwidth_GBs']:.1f} GB/s ({args.threads} threads, the bound), copy "
                f"{r['copy_bandwidth_GBs']:.1f} GB/s (read + write, all cores); load {r['loadavg_before'][0]:.1f} -> "
                f"{r['loadavg_after'][0]:.1f}"
            )
            continue
        print(
            f"| {r['preset']} | {r['path']} | {r['decode_tok_s']:.1f} | "
            f"{r['weight_bytes_per_token'] / 1e6:.1f} MB | {r['GBs']:.1f} | "
            f"{r['bound_tok_s']:.1f} | {r['bandwidth_fraction']:.0%} | {r['prefill_tok_s']:.0f} |"
        )


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--presets", nargs="+", default=["small", "base"])
    ap.add_argument("--dtypes", nargs="+", default=["fp32", "bf16"], choices=sorted(DTYPES))
    ap.add_argument("--prompt-len", type=int, default=128)
    ap.add_argument("--new-tokens", type=int, default=128)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--threads", type=int, default=torch.get_num_threads())
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--no-compile", action="store_true", help="skip the generate(compile=True) contender"
    )
    ap.add_argument(
        "--hf-compile",
        action="store_true",
        help="also time transformers with a static cache and torch.compile'd forward",
    )
    ap.add_argument("--out", type=Path, default=Path(__file__).with_name("results.json"))
    ap.add_argument(
        "--profile",
        nargs="*",
        default=[],
        metavar="PRESET:DTYPE",
        help="print a torch.profiler table of ours compiled, one N-token generate (e.g. small:fp32)",
    )
    ap.add_argument(
        "--int8",
        action="store_true",
        help="our fp32 / bf16 / int8 paths side by side (no transformers); see the docstring",
    )
    ap.add_argument("--compiled-only", action="store_true", help="--int8: skip the eager rows")
    ap.add_argument(
        "--cpu-time",
        action="store_true",
        help="time with the process's CPU time instead of the wall clock (needs --threads 1): "
        "on a machine shared with other jobs this leaves out the time spent waiting for a core",
    )
    args = ap.parse_args()
    if args.cpu_time:
        if args.threads != 1:
            ap.error("--cpu-time needs --threads 1 (CPU time sums over threads)")
        global CLOCK
        CLOCK = time.process_time
    torch.set_num_threads(args.threads)
    if args.int8:
        run_int8(args)
        return
    bandwidths = []
    rows = []
    profiles = []
    jobs = [(p, d) for p in args.presets for d in args.dtypes]
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns) as progress:
        task = progress.add_task("benchmark", total=len(jobs))
        for preset, dtype_name in jobs:
            dtype = DTYPES[dtype_name]
            torch._dynamo.reset()  # each job compiles afresh (no recompile-limit carry-over)
            torch.manual_seed(args.seed)
            model = HavocModel(ModelConfig.from_preset(preset)).eval()
            hf = to_hf(model).to(dtype)
            model = model.to(dtype)
            gen = torch.Generator().manual_seed(1)
            prompt = torch.randint(
                0, model.config.vocab_size, (args.prompt_len,), generator=gen
            ).tolist()
            n = args.new_tokens
            result = {"preset": preset, "dtype": dtype_name, "params": model.num_parameters()}
            weight_bytes = sum(p.numel() * p.element_size() for p in model.parameters())
            progress.update(task, description=f"{preset} {dtype_name}")
            bandwidth = copy_bandwidth()  # measured next to each job: the machine load varies
            bandwidths.append(bandwidth)
            cases = {
                ("havoc", 1): partial(time_ours, model, prompt, 1),
                ("havoc", n): partial(time_ours, model, prompt, n),
                ("transformers", 1): partial(time_hf, hf, prompt, 1),
                ("transformers", n): partial(time_hf, hf, prompt, n),
            }
            names = ["havoc", "transformers"]
            if not args.no_compile:  # compiles once in the warm-up (both lengths share a bucket)
                cases[("havoc_compiled", 1)] = partial(time_ours, model, prompt, 1, True)
                cases[("havoc_compiled", n)] = partial(time_ours, model, prompt, n, True)
                names.append("havoc_compiled")
            if args.hf_compile:
                hf_c = to_hf(model).to(dtype)  # load_state_dict casts into the fp32 model
                hf_c.forward = torch.compile(hf_c.forward, fullgraph=True, dynamic=False)
                cases[("transformers_compiled", 1)] = partial(time_hf, hf_c, prompt, 1, True)
                cases[("transformers_compiled", n)] = partial(time_hf, hf_c, prompt, n, True)
                names.append("transformers_compiled")
            med = interleaved_medians(cases, args.repeats)
            progress.advance(task)
            for name in names:
                t1, tn, toks = med[(name, 1)][0], med[(name, n)][0], med[(name, n)][1]
                decode = (n - 1) / (tn - t1)
                result[name] = {
                    "prefill_tok_s": args.prompt_len / t1,
                    "decode_tok_s": decode,
                    "bandwidth_fraction": weight_bytes * decode / bandwidth,
                    "copy_bandwidth_GBs": bandwidth / 1e9,
                    "tokens": toks,
                }
            ours, theirs = result["havoc"]["tokens"], result["transformers"]["tokens"]
            agree = next(
                (i for i, (a, b) in enumerate(zip(ours, theirs, strict=True)) if a != b), n
            )
            result["same_tokens_prefix"] = agree
            result["decode_speedup"] = (
                result["havoc"]["decode_tok_s"] / result["transformers"]["decode_tok_s"]
            )
            for name in names[2:]:
                result[f"{name}_decode_speedup"] = (
                    result[name]["decode_tok_s"] / result["transformers"]["decode_tok_s"]
                )
                result[f"{name}_same_tokens"] = result[name]["tokens"] == theirs
            result["prefill_speedup"] = (
                result["havoc"]["prefill_tok_s"] / result["transformers"]["prefill_tok_s"]
            )
            rows.append(result)
            if f"{preset}:{dtype_name}" in args.profile and not args.no_compile:
                profiles.append((f"{preset}:{dtype_name}", profile_ours(model, prompt, n)))
    meta = {
        "torch": torch.__version__,
        "threads": args.threads,
        "cpu": platform.processor() or platform.machine(),
        "copy_bandwidth_GBs": [b / 1e9 for b in bandwidths],
        "prompt_len": args.prompt_len,
        "new_tokens": args.new_tokens,
    }
    args.out.write_text(json.dumps({"meta": meta, "results": rows}, indent=2) + "\n")
    print(
        f"\ncopy bandwidth per job {', '.join(f'{b / 1e9:.1f}' for b in bandwidths)} GB/s, "
        f"{args.threads} threads, prompt "
        f"{args.prompt_len}, {args.new_tokens} new tokens, median of {args.repeats}"
    )
    print(
        "| preset | dtype | prefill tok/s ours / HF | decode tok/s ours / HF | decode speedup | "
        "bandwidth use ours / HF | same greedy tokens |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    extra = [k for k in ("havoc_compiled", "transformers_compiled") if rows and k in rows[0]]
    for r in rows:
        o, h = r["havoc"], r["transformers"]
        more = "".join(
            f" | {k}: {r[k]['decode_tok_s']:.1f} tok/s = {r[k + '_decode_speedup']:.2f}x HF, "
            f"bandwidth {r[k]['bandwidth_fraction']:.0%}, same tokens {r[k + '_same_tokens']}"
            for k in extra
        )
        print(
            f"| {r['preset']} | {r['dtype']} | {o['prefill_tok_s']:.0f} / {h['prefill_tok_s']:.0f} | "
            f"{o['decode_tok_s']:.1f} / {h['decode_tok_s']:.1f} | {r['decode_speedup']:.2f}x | "
            f"{o['bandwidth_fraction']:.0%} / {h['bandwidth_fraction']:.0%} | "
            f"{r['same_tokens_prefix']}/{args.new_tokens}{more} |"
        )
    for name, table in profiles:
        print(f"\ntorch.profiler, ours compiled, one generate ({name}):\n{table}")


if __name__ == "__main__":
    main()
