"""Quality of int8 weight-only quantisation on a trained checkpoint: fp32 against int8.

- validation perplexity over the held-out split of the checkpoint's own training data
  (every window of ``--val-windows`` from the packed validation set, same windows for both);
- greedy agreement: for ``--prompts`` prompts (the first ``--prompt-len`` tokens of distinct
  validation windows), whether the first ``--new-tokens`` greedy tokens of the int8 model equal
  fp32's exactly, and the mean length of the common prefix;
- the int8 kernel's two single-row paths against each other: greedy tokens with int16
  activation rows (``HAVOC_INT8_ACT=int16``) against the default exact fp32 widening, same prompts
  (perplexity batches 16 rows, past the kernel's GEMV path, so only decoding differs).

The checkpoint is the embedded demo (`havoc_train.ensure_demo_checkpoint`: the ``tiny`` recipe,
trained on first use and cached) unless ``--checkpoint`` names another one trained with the
demo recipe's data; results go to stdout and bench/model/results_quant_quality.json.

    uv run python bench/model/quant_quality.py
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import os
from pathlib import Path

import torch
from havoc_model import GenerationConfig, HavocModel, generate, quantize


def perplexity(model, windows: list[torch.Tensor], rows: int = 16) -> float:
    """exp(mean next-token cross-entropy) over all target positions of the windows."""
    nats, count = 0.0, 0
    with torch.inference_mode():
        for i in range(0, len(windows), rows):
            batch = torch.stack(windows[i : i + rows])
            x, y = batch[:, :-1], batch[:, 1:]
            nats += float(model(x, targets=y).double())
            count += y.numel()
    return math.exp(nats / count)


def greedy(model, prompt: list[int], n: int) -> list[int]:
    cfg = GenerationConfig(max_new_tokens=n, greedy=True)
    return [e.token_id for e in generate(model, [prompt], cfg)]


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--checkpoint", type=Path, help="default: the embedded demo checkpoint")
    ap.add_argument("--cache-dir", help="cache of the demo checkpoint and its data")
    ap.add_argument("--val-windows", type=int, default=256)
    ap.add_argument("--prompts", type=int, default=50)
    ap.add_argument("--prompt-len", type=int, default=32)
    ap.add_argument("--new-tokens", type=int, default=32)
    ap.add_argument(
        "--out", type=Path, default=Path(__file__).with_name("results_quant_quality.json")
    )
    args = ap.parse_args()

    from havoc_train.data import prepare_data
    from havoc_train.demo import demo_config, ensure_demo_checkpoint
    from havoc_train.parallel import DistInfo

    ckpt = args.checkpoint or ensure_demo_checkpoint(args.cache_dir)
    cfg = demo_config()
    data = prepare_data(cfg, args.cache_dir, DistInfo(), progress=False)
    val = data.val
    n_windows = min(args.val_windows, len(val))
    windows = [torch.from_numpy(val.window(i).astype("int64")) for i in range(n_windows)]

    fp32 = HavocModel.from_pretrained(ckpt).eval()
    if fp32.config.vocab_size < data.vocab_size:
        raise ValueError(f"{ckpt} does not match the demo data (vocabulary {data.vocab_size})")
    int8 = quantize(copy.deepcopy(fp32), "int8")

    ppl = {"fp32": perplexity(fp32, windows), "int8": perplexity(int8, windows)}
    same, prefix = 0, []
    prompts = [w[: args.prompt_len].tolist() for w in windows[: args.prompts]]
    if len(prompts) < args.prompts:
        raise ValueError(f"only {len(prompts)} validation windows for {args.prompts} prompts")
    for p in prompts:
        a, b = greedy(fp32, p, args.new_tokens), greedy(int8, p, args.new_tokens)
        same += a == b
        prefix.append(
            next((i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y), len(a))
        )
    exact_rows = [greedy(int8, p, args.new_tokens) for p in prompts]
    os.environ["HAVOC_INT8_ACT"] = "int16"
    rows_same = sum(
        greedy(int8, p, args.new_tokens) == e for p, e in zip(prompts, exact_rows, strict=True)
    )
    os.environ.pop("HAVOC_INT8_ACT")
    result = {
        "checkpoint": str(ckpt),
        "val_windows": n_windows,
        "val_tokens": n_windows * (windows[0].numel() - 1),
        "perplexity_fp32": ppl["fp32"],
        "perplexity_int8": ppl["int8"],
        "perplexity_change": ppl["int8"] / ppl["fp32"] - 1,
        "prompts": len(prompts),
        "greedy_identical": same,
        "greedy_identical_fraction": same / len(prompts),
        "mean_common_prefix": sum(prefix) / len(prefix),
        "new_tokens": args.new_tokens,
        "greedy_int16_rows_identical_to_fp32_rows": rows_same,
    }
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(
        f"validation perplexity ({result['val_tokens']} tokens): fp32 {ppl['fp32']:.4f}, int8 "
        f"{ppl['int8']:.4f} ({result['perplexity_change']:+.3%}); greedy first "
        f"{args.new_tokens} tokens identical on {same}/{len(prompts)} prompts "
        f"(mean common prefix {result['mean_common_prefix']:.1f}); int8 HAVOC_INT8_ACT=int16 "
        f"vs fp32 rows: identical on {rows_same}/{len(prompts)}"
    )


if __name__ == "__main__":
    main()
