"""Where a compiled batch-1 int8 decode step spends its time (issue 22 item 1).

Builds `base` (random init, seed 0), quantises it to int8, compiles its decode step the way
`generate(..., compile=True)` does, and then, on one cache (prompt 32 ids, 128 slots):

- ``step``: the compiled step alone, called back to back (ms per step, wall and CPU time);
- ``kernels``: the step's 49 int8 products alone, the same calls on the model's own weights in
  the same order (no norms, attention, element-wise work, Python between them);
- ``generate``: (generate of ``--new-tokens`` tokens - generate of 1) / (tokens - 1), what
  bench_generate.py reports: the step plus sampling and the Python loop;
- a torch.profiler table of ``--profile-steps`` compiled steps, grouped by op (self CPU time),
  with the int8 kernel calls, SDPA and inductor's fused kernels summed by kind.

CPU time counts every thread: at 2 threads it includes an OpenMP worker spinning while it
waits, so compare shares within one run, not across machines.

    uv run python bench/model/profile_int8_step.py --threads 1
    uv run python bench/model/profile_int8_step.py --threads 2 --profile-steps 32
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import torch
from havoc_model import GenerationConfig, HavocModel, ModelConfig, generate
from havoc_model.generation import _compiled_decode_step
from havoc_model.kv_cache import KVCache
from havoc_model.quantize import quantize


def _clocks():
    return time.perf_counter(), time.process_time()


def timed(fn, reps: int, rounds: int = 5) -> tuple[float, float]:
    """Median over rounds of (wall, cpu) seconds per call of fn, reps calls per round."""
    walls, cpus = [], []
    for _ in range(rounds):
        w0, c0 = _clocks()
        for _ in range(reps):
            fn()
        w1, c1 = _clocks()
        walls.append((w1 - w0) / reps)
        cpus.append((c1 - c0) / reps)
    return statistics.median(walls), statistics.median(cpus)


def int8_calls(model):
    """(weight, scales) of every int8 product of one decode step, in call order."""
    calls = []
    for block in model.layers:
        att, mlp = block.attention, block.mlp
        for mod in (att.qkv_proj, att.o_proj, mlp.gate_up_proj, mlp.down_proj):
            calls.append((mod.weight, mod.scales))
    calls.append((model.embed.weight, model.embed.scales))
    return calls


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--preset", default="base")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--steps", type=int, default=64)
    ap.add_argument("--new-tokens", type=int, default=64)
    ap.add_argument("--profile-steps", type=int, default=32)
    ap.add_argument("--rows", type=int, default=25)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    print(f"load {os.getloadavg()}, threads {torch.get_num_threads()}")
    torch.manual_seed(0)
    model = quantize(HavocModel(ModelConfig.from_preset(args.preset)).eval(), "int8")
    prompt = list(range(1, 33))
    cfg = GenerationConfig(max_new_tokens=args.new_tokens, greedy=True)
    list(generate(model, [prompt], cfg, compile=True))  # compile (cache of 128 slots)
    static = _compiled_decode_step(model)

    with torch.inference_mode():
        cache = KVCache.for_model(model, 1, 128)
        model.hidden_states(torch.tensor([prompt]), kv_cache=cache)
        tokens = torch.tensor([5])
        positions = cache.lengths.clone()

        def step():
            with torch.compiler.set_stance(skip_guard_eval_unsafe=True):
                return static(tokens, positions, cache)

        step()
        calls = int8_calls(model)
        xs = [torch.randn(1, 1, w.shape[1]) for w, _ in calls]
        op = torch.ops.havoc_int8.linear.default

        def kernels():
            for x, (w, s) in zip(xs, calls, strict=True):
                op(x, w, s)

        one = GenerationConfig(max_new_tokens=1, greedy=True)

        def gen_n():
            list(generate(model, [prompt], cfg, compile=True))

        def gen_1():
            list(generate(model, [prompt], one, compile=True))

        results = {}
        for _ in range(2):  # interleaved
            results.setdefault("step", []).append(timed(step, args.steps))
            results.setdefault("kernels", []).append(timed(kernels, args.steps))
            wn, cn = timed(gen_n, 1, rounds=2)
            w1, c1 = timed(gen_1, 1, rounds=2)
            per = args.new_tokens - 1
            results.setdefault("generate", []).append(((wn - w1) / per, (cn - c1) / per))
        print(f"load {os.getloadavg()}")
        for name, vals in results.items():
            w = min(v[0] for v in vals) * 1e3
            c = min(v[1] for v in vals) * 1e3
            print(f"{name:10s} wall {w:7.3f} ms  cpu {c:7.3f} ms per step")

        from torch.profiler import ProfilerActivity, profile

        with profile(activities=[ProfilerActivity.CPU]) as prof:
            for _ in range(args.profile_steps):
                step()
        events = prof.key_averages()
        total = sum(e.self_cpu_time_total for e in events)
        kinds: dict[str, float] = {}
        for e in events:
            name = e.key
            kind = (
                "int8 kernel"
                if "havoc_int8" in name
                else "sdpa"
                if "scaled_dot_product" in name
                else "inductor cpp_fused"
                if "cpp_fused" in name
                else "other"
            )
            kinds[kind] = kinds.get(kind, 0.0) + e.self_cpu_time_total
        print(f"profile: {args.profile_steps} steps, self CPU total {total / 1e3:.1f} ms")
        for k, v in sorted(kinds.items(), key=lambda kv: -kv[1]):
            print(f"  {k:20s} {v / 1e3 / args.profile_steps:7.3f} ms/step  {v / total:6.1%}")
        print(
            events.table(
                sort_by="self_cpu_time_total", row_limit=args.rows, max_name_column_width=60
            )
        )


if __name__ == "__main__":
    main()
