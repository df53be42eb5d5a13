"""Single-row int8 GEMV: GB/s of int8 weight bytes read, at the `base` preset's decode shapes.

A batch-1 int8 decode step is a chain of ``y = (x @ W_q.T) * s`` products (one input row) whose
cost should be reading the int8 weights. For each shape the weights cycle through a pool of
distinct copies (``--pool-mb``, larger than the 32 MiB L3) so they come from memory, and each
path is timed on the same copies, interleaved, reporting wall-clock and CPU-time GB/s:

- ``op fp32w``: ``torch.ops.havoc_int8.linear`` with ``HAVOC_INT8_ACT=fp32`` (the default) - weights widened
  int8 -> int32 -> fp32 and one FMA per 8 weights, 4 rows per pass, with the linear prefetch
  stream (exact fp32 numerics, as before);
- ``op int16``: the same op with ``HAVOC_INT8_ACT=int16`` - the input row quantised once to int16,
  weights widened to int16 and ``vpmaddwd`` into int32, 4 rows per pass, the same prefetch
  stream (see `havoc_model.kernels_int8`);
- candidates from ``int8_candidates.cpp`` (AVX2 only; the same arithmetic without the op's
  dispatch): ``fp32w`` (fp32 widening) and ``int16`` (pmovsxbw + pmaddwd) with R = 4 or 8 rows
  per pass; ``pf`` = each row prefetched 512 bytes ahead within itself (``fp32w R4 pf
  (before)`` is the kernel before this benchmark), no suffix = no software prefetch,
  ``pf-stream N`` = one linear prefetch stream N bytes ahead through the contiguous block of
  rows; ``int16-shift`` = 32 weights per load split into even/odd bytes by 16-bit shifts
  (activations stored de-interleaved); ``int16 k-split`` = the columns split over two threads
  instead of the rows;
- ``read int8``: a pure read of the same bytes (OR over 32-byte loads, same thread split) and
  ``torch sum fp32``: torch's reduction over an fp32 buffer of the same byte count (what
  bench_generate.py's ``read_bandwidth`` uses as the decode bound).

Shapes are the calls a `base` decode step makes now: fused q/k/v ``[1280, 768]``, o_proj
``[768, 768]``, fused gate/up ``[5632, 768]``, down ``[768, 2816]``, the tied head
``[32768, 768]``; ``chain`` is one decode step's 49 calls in order on distinct copies of all
of them (122 MB, like the model). GB/s(CPU) = bytes / (process CPU time / threads): with 2
threads it counts time a thread spent waiting (spinning) as busy.

    uv run python bench/model/bench_int8_kernel.py --threads 1 2
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import time
from pathlib import Path

import torch
from havoc_model import kernels_int8

HERE = Path(__file__).resolve().parent
SHAPES = {
    "qkv [1280, 768]": (1280, 768),
    "o_proj [768, 768]": (768, 768),
    "gate_up [5632, 768]": (5632, 768),
    "down [768, 2816]": (768, 2816),
    "head [32768, 768]": (32768, 768),
}
LAYERS = 12  # base
CANDIDATES = {  # name -> (variant, rows per pass, prefetch)
    "cand fp32w R4 pf (before)": (0, 4, True),
    "cand fp32w R4": (0, 4, False),
    "cand fp32w R8 pf": (0, 8, True),
    "cand int16 R4 pf": (1, 4, True),
    "cand int16 R4": (1, 4, False),
    "cand int16 R8 pf": (1, 8, True),
    "cand int16 R8": (1, 8, False),
    "cand int16 k-split": (2, 4, True),
    "cand int16-shift R4": (3, 4, False),
    "cand int16-shift R8": (3, 8, False),
    "cand int16 R4 pf-stream 2K": (4, 4, 2048),
    "cand int16 R4 pf-stream 4K": (4, 4, 4096),
    "cand int16 R4 pf-stream 8K": (4, 4, 8192),
    "cand int16 R4 pf-stream 16K": (4, 4, 16384),
    "cand fp32w R4 pf-stream 4K": (5, 4, 4096),
    "cand fp32w R4 pf-stream 8K": (5, 4, 8192),
    "cand int16 R8 pf-stream 8K": (4, 8, 8192),
}


def load_candidates() -> bool:
    if kernels_int8.isa() not in ("avx2", "avx512"):
        return False
    from torch.utils.cpp_extension import load_inline

    load_inline(
        name="havoc_int8_bench_candidates",
        cpp_sources=(HERE / "int8_candidates.cpp").read_text(),
        extra_cflags=["-O3", "-fopenmp"],
        extra_ldflags=["-fopenmp"],
        is_python_module=False,
        verbose=False,
    )
    return True


def op_path(act: str):
    def call(x, w, s):
        os.environ["HAVOC_INT8_ACT"] = act  # read by the op per call
        return torch.ops.havoc_int8.linear.default(x, w, s)

    return call


def timed(fn, calls, reps: int, rounds: int) -> tuple[float, float]:
    """(wall, cpu) seconds per pass over `calls`, lower quartile of `rounds` rounds."""
    for args in calls:  # warm-up
        fn(*args)
    walls, cpus = [], []
    for _ in range(rounds):
        w0, c0 = time.perf_counter(), time.process_time()
        for _ in range(reps):
            for args in calls:
                fn(*args)
        walls.append((time.perf_counter() - w0) / reps)
        cpus.append((time.process_time() - c0) / reps)
    walls.sort(), cpus.sort()
    return walls[len(walls) // 4], cpus[len(cpus) // 4]


def shape_calls(buf: torch.Tensor, shapes: list[tuple[int, int]], x, scales) -> list[tuple]:
    """(x, w, s) per call, weights as consecutive views of `buf` (distinct bytes)."""
    calls, off = [], 0
    for n, k in shapes:
        if off + n * k > buf.numel():
            off = 0
        calls.append((x[k], buf[off : off + n * k].view(n, k), scales[n]))
        off += n * k
    return calls


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--threads", type=int, nargs="+", default=[1])
    ap.add_argument("--pool-mb", type=int, default=256)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--no-candidates", action="store_true")
    ap.add_argument(
        "--paths",
        default="",
        help="only paths whose name contains one of these "
        "comma-separated words (the read references always run)",
    )
    ap.add_argument("--out", type=Path, default=HERE / "results_int8_kernel.json")
    args = ap.parse_args()
    if not kernels_int8.available():
        raise SystemExit("the int8 kernel is not available here (no compiler?)")
    have_cand = not args.no_candidates and load_candidates()
    g = torch.Generator().manual_seed(0)
    pool = args.pool_mb * 2**20
    buf = torch.randint(-127, 128, (pool,), dtype=torch.int8, generator=g)
    fbuf = torch.ones(pool // 4)
    ks = {k for _, k in SHAPES.values()}
    ns = {n for n, _ in SHAPES.values()}
    x = {k: torch.randn(k, generator=g) for k in ks}
    scales = {n: torch.rand(n, generator=g) / 100 for n in ns}

    paths = {"op fp32w": op_path("fp32"), "op int16": op_path("int16")}
    if have_cand:
        for name, (variant, rows, pf) in CANDIDATES.items():
            paths[name] = lambda x, w, s, v=variant, r=rows, p=pf: torch.ops.havoc_int8_bench.gemv(
                x, w, s, v, r, p
            )
        paths["read int8"] = lambda x, w, s: torch.ops.havoc_int8_bench.read_bytes(w)

    base_ptr = buf.data_ptr()

    def fsum(x, w, s):  # the fp32 elements at the same offsets: distinct bytes per call too
        off = (w.data_ptr() - base_ptr) // 4
        return fbuf[off : off + w.numel() // 4].sum()

    paths["torch sum fp32"] = fsum
    if args.paths:
        words = args.paths.split(",")
        paths = {
            name: fn
            for name, fn in paths.items()
            if name in ("read int8", "torch sum fp32") or any(w in name for w in words)
        }

    layer = [(1280, 768), (768, 768), (5632, 768), (768, 2816)]
    chain = layer * LAYERS + [(32768, 768)]
    cases = {
        name: [shape] * max(1, pool // (shape[0] * shape[1])) for name, shape in SHAPES.items()
    }
    cases["chain (one decode step)"] = chain
    uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"uptime before: {uptime}")
    results = []
    with torch.inference_mode():
        for threads in args.threads:
            torch.set_num_threads(threads)
            print(f"\n### {threads} thread(s)\n")
            print(
                "| shape | path | GB/s (wall) | GB/s (CPU) | us/call (wall) | of read (wall) "
                "| of read (CPU) |"
            )
            print("| --- | --- | --- | --- | --- | --- | --- |")
            for case, shapes in cases.items():
                if max(n * k for n, k in shapes) > pool:
                    continue  # larger than the pool (a small --pool-mb: cache-resident runs)
                calls = shape_calls(buf, shapes, x, scales)
                nbytes = sum(n * k for n, k in shapes)
                reps = max(1, int(64 * 2**20 // nbytes))
                rates = {}
                for name, fn in paths.items():
                    wall, cpu = timed(fn, calls, reps, args.rounds)
                    rates[name] = (nbytes / wall, nbytes / (cpu / threads), wall / len(calls))
                ref_wall, ref_cpu, _ = rates.get("read int8", rates["torch sum fp32"])
                for name, (gw, gc, per) in rates.items():
                    print(
                        f"| {case} | {name} | {gw / 1e9:.1f} | {gc / 1e9:.1f} | "
                        f"{per * 1e6:.1f} | {gw / ref_wall:.0%} | {gc / ref_cpu:.0%} |",
                        flush=True,
                    )
                    results.append(
                        {
                            "threads": threads,
                            "shape": case,
                            "path": name,
                            "GBs_wall": gw / 1e9,
                            "GBs_cpu": gc / 1e9,
                            "us_per_call": per * 1e6,
                        }
                    )
    os.environ.pop("HAVOC_INT8_ACT", None)
    after = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"\nuptime after: {after}")
    meta = {"uptime_before": uptime, "uptime_after": after, "torch": torch.__version__}
    meta["isa"] = kernels_int8.isa()
    args.out.write_text(json.dumps({"meta": meta, "results": results}, indent=2) + "\n")


if __name__ == "__main__":
    main()
