"""Engine decode steps per second, in process (no HTTP): the server's own per-step cost.

Builds a random model of a preset with the tokenizer's vocabulary (as `bench_serve.py
--random-tiny` does), fp32 and/or int8 (`havoc_model.quantize`), submits ``batch`` greedy
requests (``ignore_eos``) to a running `Engine` and times each of its steps inside the engine
thread: one step prefills them, ``--warmup`` decode steps follow, then ``--steps`` decode steps
are timed (the asyncio side that consumes the outputs is not). CPU time by default (the engine
thread's with ``--threads 1``, the process's otherwise; ``--wall`` for wall clock), so the figure
means something on a busy machine; ``--threads`` sets torch's intra-op threads.

    uv run python bench/server/bench_step.py --tokenizer ~/.cache/havoc/tokenizer-4096-* \
        --preset base --batches 1,8 --threads 1
    uv run python bench/server/bench_step.py ... --profile 8   # cProfile of int8 steps, batch 8

Also prints the model alone (``model(ids, kv_cache=...)`` on the same batch, eager) so the
engine's own overhead per step is the difference.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import glob
import io
import json
import os
import pstats
import time
from pathlib import Path

import torch


def build_model(preset: str, vocab_size: int, seed: int = 0):
    from havoc_model import HavocModel, ModelConfig

    cfg = ModelConfig.from_dict(
        {**ModelConfig.from_preset(preset).to_dict(), "vocab_size": vocab_size}
    )
    torch.manual_seed(seed)
    return HavocModel(cfg).eval()


def _clock(wall: bool, threads: int = 1) -> float:
    if wall:
        return time.perf_counter()
    # one intra-op thread: the engine thread's own CPU time; more: the whole process's
    return time.thread_time() if threads == 1 else time.process_time()


async def engine_steps(
    engine,
    batch: int,
    prompt_len: int,
    warmup: int,
    steps: int,
    wall: bool,
    threads: int = 1,
    profiler: cProfile.Profile | None = None,
) -> float:
    """Seconds per decode step of a running ``engine`` with ``batch`` sequences (each step
    timed inside the engine thread; the first step is the prefill, then ``warmup`` steps)."""
    from havoc_server.engine import SamplingParams

    durations: list[float] = []
    inner = engine._step

    def timed_step() -> None:
        t0 = _clock(wall, threads)
        if profiler is not None:  # cProfile follows the thread that enables it
            profiler.enable()
        inner()
        if profiler is not None:
            profiler.disable()
        durations.append(_clock(wall, threads) - t0)

    engine._step = timed_step
    params = SamplingParams(max_tokens=warmup + steps + 1, temperature=0.0, ignore_eos=True)
    g = torch.Generator().manual_seed(1)
    handles = []
    for _ in range(batch):
        prompt = torch.randint(0, engine.vocab_size, (prompt_len,), generator=g).tolist()
        handles.append(engine.submit([prompt], params))
    for h in handles:
        outputs, done = await h.collect()
        assert done.error is None and done.completion_tokens == warmup + steps + 1, done
    engine._step = inner
    # step 0 admits all and prefills (all submitted before the thread wakes, or a few more
    # prefill steps when it woke early): time the last `steps` decode steps
    timed = durations[-steps:]
    return sum(timed) / len(timed)


def model_steps(model, batch: int, prompt_len: int, warmup: int, steps: int, wall: bool) -> float:
    """Seconds per eager decode forward (model alone, contiguous slots, logits of the batch)."""
    from havoc_model import KVCache

    cache = KVCache.for_model(model, batch_size=batch, max_len=prompt_len + warmup + steps + 2)
    ids = torch.randint(0, model.config.vocab_size, (batch, prompt_len))
    spent = 0.0
    with torch.inference_mode():
        logits = model(ids, kv_cache=cache)[:, -1]
        for i in range(warmup + steps):
            nxt = logits.argmax(-1, keepdim=True)
            t0 = _clock(wall)
            logits = model(nxt, kv_cache=cache)[:, -1]
            if i >= warmup:
                spent += _clock(wall) - t0
    return spent / steps


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--tokenizer", help="tokenizer folder (default ~/.cache/havoc/tokenizer-*)")
    p.add_argument("--preset", default="base")
    p.add_argument("--batches", default="1,8")
    p.add_argument("--kinds", default="fp32,int8")
    p.add_argument("--prompt-len", type=int, default=32)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--wall", action="store_true", help="wall clock instead of CPU time")
    p.add_argument(
        "--profile", type=int, default=0, help="cProfile int8 engine steps at this batch"
    )
    p.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "step.json")
    args = p.parse_args()

    from havoc_model import quantize
    from havoc_server.engine import Engine
    from havoc_tokenizer import HavocTokenizer

    torch.set_num_threads(args.threads)
    tok_dir = args.tokenizer or next(
        iter(sorted(glob.glob(os.path.expanduser("~/.cache/havoc/tokenizer-*")))), None
    )
    if tok_dir is None:
        p.error("no tokenizer folder: pass --tokenizer")
    tokenizer = HavocTokenizer.from_pretrained(tok_dir)
    batches = [int(b) for b in args.batches.split(",")]
    kinds = args.kinds.split(",")
    for kind in kinds:
        if kind not in ("fp32", "int8"):
            p.error(f"--kinds: {kind!r} is not fp32 or int8")
    max_len = args.prompt_len + args.warmup + args.steps + 8
    load_before = os.getloadavg()
    rows = []
    for kind in kinds:
        model = build_model(args.preset, tokenizer.vocab_size)
        if kind == "int8":
            model = quantize(model, "int8")
        engine = Engine(model, tokenizer, max_batch=max(batches), max_len=max_len).start()
        for batch in batches:
            alone = model_steps(model, batch, args.prompt_len, args.warmup, args.steps, args.wall)
            step = asyncio.run(
                engine_steps(
                    engine,
                    batch,
                    args.prompt_len,
                    args.warmup,
                    args.steps,
                    args.wall,
                    args.threads,
                )
            )
            row = {
                "kind": kind,
                "batch": batch,
                "engine_step_ms": step * 1e3,
                "model_step_ms": alone * 1e3,
                "overhead_ms": (step - alone) * 1e3,
                "engine_steps_per_s": 1 / step,
                "engine_tokens_per_s": batch / step,
                "model_tokens_per_s": batch / alone,
            }
            rows.append(row)
            print(
                f"{args.preset} {kind:4s} batch {batch:2d}: engine {row['engine_step_ms']:7.2f} ms/step "
                f"({row['engine_tokens_per_s']:6.1f} tok/s), model alone {row['model_step_ms']:7.2f} "
                f"ms ({row['model_tokens_per_s']:6.1f} tok/s), overhead {row['overhead_ms']:6.2f} ms",
                flush=True,
            )
            if args.profile == batch and kind == "int8":
                prof = cProfile.Profile()
                asyncio.run(
                    engine_steps(engine, batch, args.prompt_len, 1, args.steps, True, 1, prof)
                )
                s = io.StringIO()
                pstats.Stats(prof, stream=s).sort_stats("tottime").print_stats(25)
                print(s.getvalue())
        engine.shutdown(grace=0)
    result = {
        "preset": args.preset,
        "threads": args.threads,
        "clock": "wall" if args.wall else "cpu",
        "loadavg_before": load_before,
        "loadavg_after": os.getloadavg(),
        "torch": torch.__version__,
        "rows": rows,
    }
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"load {load_before[0]:.1f} -> {os.getloadavg()[0]:.1f}; wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
