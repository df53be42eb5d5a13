"""havoc-eval benchmark: the lm-eval adapter against lm-eval's own Hugging Face backend (HFLM) on
the same weights, and the domain suite on two checkpoints of one training run, compared.

    uv run python bench/eval/bench_eval.py --checkpoint A [--later B] [--out bench/eval/out]

Part 1 exports A to a Hugging Face folder (havoc_model.hf.export_hf), loads it with lm-eval's
HFLM (transformers LlamaForCausalLM, fp32, BOS added like the adapter) and scores the same
loglikelihood requests (held-out passages split at sentences) with both, interleaved, best of
`--repeats`: values must agree, the time ratio is the figure. Part 2 runs the domain suite on A and
B and prints `havoc-eval compare A B`. Results go to <out>/results.json.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from pathlib import Path

import torch


def requests_from_heldout(limit: int):
    from havoc_eval.benchmarks._shared import heldout_texts
    from lm_eval.api.instance import Instance

    reqs = []
    for _, text in heldout_texts():
        sentences = re.split(r"(?<=[.;:])\s+", text)
        for i in range(1, len(sentences)):
            context, continuation = " ".join(sentences[:i]), " " + sentences[i]
            reqs.append(Instance("loglikelihood", {}, (context, continuation), len(reqs)))
    return reqs[:limit]


def best_time(fn, repeats: int):
    best, out = float("inf"), None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def adapter_vs_hflm(ckpt: Path, n_requests: int, repeats: int, batch_size: int) -> dict:
    from havoc_eval.lm_eval_adapter import HavocLM
    from havoc_model.hf import export_hf
    from lm_eval.models.huggingface import HFLM

    reqs = requests_from_heldout(n_requests)
    havoc = HavocLM(checkpoint=str(ckpt), device="cpu", dtype="fp32", batch_size=batch_size)
    with tempfile.TemporaryDirectory() as tmp:
        export_hf(ckpt, tmp)
        hf = HFLM(pretrained=tmp, device="cpu", dtype="float32", batch_size=batch_size,
                  add_bos_token=True)  # fmt: skip
        times_h, times_f = [], []
        for _ in range(repeats):  # interleaved so load changes hit both alike
            t, ours = best_time(lambda: havoc.loglikelihood(reqs), 1)
            times_h.append(t)
            t, theirs = best_time(lambda: hf.loglikelihood(reqs, disable_tqdm=True), 1)
            times_f.append(t)
    diffs = [abs(a[0] - b[0]) for a, b in zip(ours, theirs, strict=True)]
    greedy_same = sum(a[1] == b[1] for a, b in zip(ours, theirs, strict=True))
    n_tokens = sum(len(havoc.encode_pair(*r.args)[1]) for r in reqs)
    return {
        "requests": len(reqs),
        "continuation_tokens": n_tokens,
        "havoc_s": min(times_h),
        "hflm_s": min(times_f),
        "time_ratio_havoc_over_hflm": min(times_h) / min(times_f),
        "max_abs_logprob_diff": max(diffs),
        "mean_abs_logprob": sum(abs(a[0]) for a in ours) / len(ours),
        "is_greedy_agreement": greedy_same / len(reqs),
    }


def suite_on(ckpt: Path, out: Path, threads: int) -> dict:
    from havoc_eval import run

    torch.set_num_threads(threads)
    t0 = time.perf_counter()
    report = run(["domain"], checkpoint=ckpt, out_dir=out, show_progress=True)
    return {
        "checkpoint": str(ckpt),
        "seconds": time.perf_counter() - t0,
        "per_benchmark_s": {b.name: b.duration_s for b in report.benchmarks},
        "metrics": {f"{m['benchmark']}:{m['name']}": m["value"] for m in report.metrics()},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--checkpoint", required=True, type=Path)
    ap.add_argument("--later", type=Path, help="a later checkpoint of the same run")
    ap.add_argument("--out", type=Path, default=Path("bench/eval/out"))
    ap.add_argument("--requests", type=int, default=48)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    args.out.mkdir(parents=True, exist_ok=True)
    results = {"adapter_vs_hflm": adapter_vs_hflm(
        args.checkpoint, args.requests, args.repeats, args.batch_size)}  # fmt: skip
    print(json.dumps(results["adapter_vs_hflm"], indent=2))
    if args.later is not None:
        from havoc_eval import compare_reports

        results["earlier"] = suite_on(args.checkpoint, args.out / "earlier", args.threads)
        results["later"] = suite_on(args.later, args.out / "later", args.threads)
        changes = compare_reports(args.out / "earlier", args.out / "later", tolerance=1e-9)
        results["compare"] = [c.to_dict() for c in changes]
        for c in changes:
            print(
                f"{c.benchmark:20s} {c.metric:32s} {c.before!s:>22} -> {c.after!s:>22} {c.verdict}"
            )
    (args.out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {args.out / 'results.json'}")


if __name__ == "__main__":
    main()
