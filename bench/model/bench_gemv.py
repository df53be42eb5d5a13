"""Batch-1 decode GEMV: weight-read rate of ``F.linear``, ``torch.mv`` and havoc-model's
AVX512-BF16 kernel (``havoc_model.kernels``, bf16 only) on this CPU.

A batch-1 decode step is a chain of ``[1, k] @ [k, n]`` products whose cost is reading the
weights. This measures the bytes/s each call path reaches on the projection shapes of the
`small` and `base` presets, in fp32 and bf16, cycling through ~400 MB of distinct weights so
they come from memory rather than cache. havoc-model routes bf16 single-row products through
its kernel where the CPU has AVX512-BF16 (else ``torch.mv``, also for fp16) because of what
this shows (``havoc_model.model._linear``).

    uv run python bench/model/bench_gemv.py --threads 1 2
"""

from __future__ import annotations

import argparse
import time

import torch
import torch.nn.functional as F
from havoc_model import kernels

SHAPES = [(1408, 512), (512, 1408), (16384, 512), (2816, 768), (768, 2816), (32768, 768)]


def rate(fn, nbytes: int, reps: int = 60, rounds: int = 7) -> float:
    fn()
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(reps):
            fn()
        times.append((time.perf_counter() - t0) / reps)
    times.sort()
    return nbytes / times[len(times) // 4]  # lower quartile: robust to other jobs' bursts


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--threads", type=int, nargs="+", default=[torch.get_num_threads()])
    ap.add_argument("--pool-mb", type=int, default=400)
    args = ap.parse_args()
    have_kernel = kernels.available()
    print(
        "| threads | dtype | weight [n, k] | F.linear GB/s | torch.mv GB/s | mv / linear | "
        "havoc kernel GB/s |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for threads in args.threads:
        torch.set_num_threads(threads)
        for dtype in (torch.float32, torch.bfloat16):
            for n, k in SHAPES:
                nbytes = n * k * torch.finfo(dtype).bits // 8
                count = max(1, args.pool_mb * 2**20 // nbytes)
                weights = [torch.randn(n, k).to(dtype) for _ in range(count)]
                x = torch.randn(1, 1, k).to(dtype)
                i = [0]

                def next_weight(weights=weights, i=i, count=count):
                    i[0] = (i[0] + 1) % count
                    return weights[i[0]]

                with torch.inference_mode():
                    lin = rate(lambda x=x: F.linear(x, next_weight()), nbytes)
                    mv = rate(lambda x=x: torch.mv(next_weight(), x.view(-1)), nbytes)
                    own = "-"
                    if have_kernel and dtype == torch.bfloat16:
                        own_rate = rate(
                            lambda x=x: torch.ops.havoc_kernels.gemv_bf16(
                                next_weight(), x.view(-1)
                            ),
                            nbytes,
                        )
                        own = f"{own_rate / 1e9:.1f}"
                print(
                    f"| {threads} | {str(dtype).removeprefix('torch.')} | [{n}, {k}] | "
                    f"{lin / 1e9:.1f} | {mv / 1e9:.1f} | {mv / lin:.2f}x | {own} |",
                    flush=True,
                )
                del weights


if __name__ == "__main__":
    main()
