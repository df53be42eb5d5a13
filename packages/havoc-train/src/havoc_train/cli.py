"""`havoc-train` console script (also ``python -m havoc_train`` for torchrun)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="havoc-train",
        description=(
            "Train a HAVOC model (CPU demo runs to multi-GPU FSDP2 recipes). Multi-GPU: "
            "torchrun --nproc-per-node N -m havoc_train --config ..."
        ),
    )
    p.add_argument("--config", required=True, help="training YAML, e.g. configs/training/tiny.yaml")
    p.add_argument("--out", default=None, help="run directory (default: runs/<config name>)")
    p.add_argument("--max-steps", type=int, default=None, help="override train.max_steps")
    p.add_argument("--save-every", type=int, default=None, help="override checkpoint.every")
    p.add_argument(
        "--resume", action="store_true", help="continue from the newest checkpoint in --out"
    )
    p.add_argument("--device", default=None, help="cpu, cuda, cuda:1, mps or auto")
    p.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override any config key, e.g. --set optim.lr=3e-4 (repeatable)",
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="build the model on the meta device and print the per-GPU memory plan; no training",
    )
    p.add_argument("--gpus", type=int, default=None, help="GPUs assumed by --dry-run")
    p.add_argument(
        "--gpu-memory", type=float, default=80.0, help="GiB per GPU assumed by --dry-run"
    )
    p.add_argument("--cache-dir", default=None, help="where the tokenizer and data are cached")
    p.add_argument("--no-progress", action="store_true", help="no live progress display")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from havoc_train.config import ConfigError, TrainConfig

    overrides = list(args.overrides)
    if args.max_steps is not None:
        overrides.append(f"train.max_steps={args.max_steps}")
    if args.save_every is not None:
        overrides.append(f"checkpoint.every={args.save_every}")
    if args.device is not None:
        overrides.append(f"train.device={args.device}")
    try:
        cfg = TrainConfig.from_yaml(args.config, overrides)
    except ConfigError as exc:
        print(f"havoc-train: config error: {exc}", file=sys.stderr)
        return 2
    try:
        if args.dry_run:
            from havoc_train.dryrun import dry_run

            print(dry_run(cfg, gpus=args.gpus, gpu_memory_gib=args.gpu_memory))
            return 0
        from havoc_train.trainer import Trainer

        out = Path(args.out) if args.out else Path("runs") / cfg.name
        result = Trainer(
            cfg,
            out,
            resume=args.resume,
            progress=not args.no_progress,
            cache_dir=args.cache_dir,
        ).run()
    except (ValueError, FileNotFoundError) as exc:
        print(f"havoc-train: error: {exc}", file=sys.stderr)
        return 2
    if result.final_dir is not None and _is_main():
        line = f"done: {result.step} steps, {result.tokens_seen:,} tokens, {result.seconds:.0f}s"
        if result.val_ppl is not None:
            line += (
                f"; val loss {result.val_loss:.3f}, ppl {result.val_ppl:.1f} "
                f"(unigram baseline ppl {result.unigram_ppl:.1f})"
            )
        print(line)
        print(
            f"model: {result.final_dir}\nmetrics: {out / 'metrics.jsonl'}\nplot: {out / 'loss.png'}"
        )
    return 0


def _is_main() -> bool:
    import os

    return os.environ.get("RANK", "0") == "0"


if __name__ == "__main__":
    raise SystemExit(main())
