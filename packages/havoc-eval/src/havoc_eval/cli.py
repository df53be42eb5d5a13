"""`havoc-eval`: run suites or benchmarks, list them, compare two reports.

havoc-eval run --suite smoke|domain|NAME... [--checkpoint CKPT] [--out DIR] [--seed N]
havoc-eval compare A B          # A, B: report.json files or the folders holding them
havoc-eval list
"""

from __future__ import annotations

import argparse
import json
import sys

from havoc_eval.errors import EvalError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="havoc-eval", description="Run HAVOC benchmark suites and compare reports."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run suites and/or benchmarks, write report.json/report.md")
    run.add_argument(
        "--suite",
        nargs="+",
        metavar="NAME",
        help="suites (smoke, domain) and/or benchmark names",
    )
    run.add_argument(
        "--config", help="YAML with any of these options (configs/eval/*.yaml); flags win"
    )
    run.add_argument("--checkpoint", help="a HAVOC checkpoint folder (config.json, tokenizer/)")
    run.add_argument("--out", help="folder for report.json, report.md and plots")
    run.add_argument("--seed", type=int, help="seed for every benchmark (default 0)")
    run.add_argument("--device", help="torch device (default: cuda if available, else cpu)")
    run.add_argument("--dtype", choices=["auto", "fp32", "bf16", "fp16"], help="default: auto")
    run.add_argument("--index", help="a havoc-rag index folder (default: the bundled handbook)")
    run.add_argument(
        "--limit", type=int, help="at most N items per dataset benchmark (quick, marked in reports)"
    )
    run.add_argument("--threads", type=int, help="torch intra-op threads (default: torch's choice)")
    run.add_argument("--no-progress", action="store_true", help="no live progress display")

    cmp = sub.add_parser("compare", help="what got better or worse from report A to report B")
    cmp.add_argument("a", help="the earlier report (report.json or its folder)")
    cmp.add_argument("b", help="the later report")
    cmp.add_argument(
        "--tolerance", type=float, default=1e-9, help="relative change counted as same"
    )
    cmp.add_argument("--json", action="store_true", help="print the changes as JSON")
    cmp.add_argument("--fail-on-worse", action="store_true", help="exit 1 if any metric got worse")

    sub.add_parser("list", help="list the registered benchmarks")
    return parser


RUN_OPTIONS = {
    "suite": list,
    "checkpoint": str,
    "out": str,
    "seed": int,
    "device": str,
    "dtype": str,
    "index": str,
    "limit": int,
    "threads": int,
}
RUN_DEFAULTS = {"seed": 0, "dtype": "auto"}


def _apply_config(args: argparse.Namespace) -> None:
    """Fill options not given on the command line from ``--config`` YAML, then the defaults."""
    values: dict = {}
    if args.config:
        import yaml

        try:
            with open(args.config, encoding="utf-8") as fh:
                values = yaml.safe_load(fh) or {}
        except OSError as exc:
            raise EvalError(f"cannot read --config {args.config}: {exc}") from exc
        except yaml.YAMLError as exc:
            raise EvalError(f"--config {args.config} is not valid YAML: {exc}") from exc
        if not isinstance(values, dict):
            raise EvalError(f"--config {args.config} must be a mapping of option: value")
        unknown = sorted(set(values) - set(RUN_OPTIONS))
        if unknown:
            raise EvalError(
                f"--config {args.config}: unknown option(s) {unknown}; known: {sorted(RUN_OPTIONS)}"
            )
        if isinstance(values.get("suite"), str):
            values["suite"] = values["suite"].split()
        for key, kind in RUN_OPTIONS.items():
            value = values.get(key)
            if value is not None and (not isinstance(value, kind) or isinstance(value, bool)):
                raise EvalError(f"--config {args.config}: {key} must be a {kind.__name__}")
    for key in RUN_OPTIONS:
        if getattr(args, key) is None:
            setattr(args, key, values.get(key, RUN_DEFAULTS.get(key)))
    if not args.suite:
        raise EvalError("name what to run: --suite smoke|domain|NAME... (or suite: in --config)")


def _cmd_run(args: argparse.Namespace) -> int:
    from rich.console import Console

    _apply_config(args)
    from havoc_eval.runner import run

    if args.threads is not None:
        if args.threads < 1:
            raise EvalError(f"--threads must be >= 1, got {args.threads}")
        import torch

        torch.set_num_threads(args.threads)
    report = run(
        args.suite,
        checkpoint=args.checkpoint,
        out_dir=args.out,
        seed=args.seed,
        device=args.device,
        dtype=args.dtype,
        index=args.index,
        limit=args.limit,
        show_progress=not args.no_progress,
    )
    console = Console()
    from rich.table import Table

    table = Table(title=f"havoc-eval {' '.join(args.suite)}")
    for col in ("benchmark", "status", "metric", "value"):
        table.add_column(col)
    for b in report.benchmarks:
        if b.status != "ok":
            table.add_row(b.name, b.status, b.reason, "")
        for m in b.metrics:
            table.add_row(b.name, b.status, m["name"], f"{m['value']:.6g}")
    console.print(table)
    if args.out:
        console.print(f"wrote {args.out}/report.json and {args.out}/report.md")
    if report.failed:
        console.print(f"[red]{len(report.failed)} benchmark(s) failed[/]")
        return 1
    return 0


def _cmd_compare(args: argparse.Namespace) -> int:
    from havoc_eval.compare import compare_reports

    if args.tolerance < 0:
        raise EvalError(f"--tolerance must be >= 0, got {args.tolerance}")
    changes = compare_reports(args.a, args.b, tolerance=args.tolerance)
    worse = [c for c in changes if c.verdict == "worse"]
    if args.json:
        print(json.dumps([c.to_dict() for c in changes], indent=2))
    else:
        from rich.console import Console
        from rich.table import Table

        style = {"better": "green", "worse": "red", "new": "cyan", "removed": "yellow"}
        table = Table(title=f"{args.a} -> {args.b}")
        for col in ("benchmark", "metric", "before", "after", "change", "verdict"):
            table.add_column(col)
        for c in changes:
            rel = f"{c.relative:+.2%}" if c.relative is not None else ""
            s = style.get(c.verdict, "")
            table.add_row(
                c.benchmark,
                c.metric,
                "" if c.before is None else f"{c.before:.6g}",
                "" if c.after is None else f"{c.after:.6g}",
                rel,
                f"[{s}]{c.verdict}[/]" if s else c.verdict,
            )
        console = Console()
        console.print(table)
        counts = {v: sum(c.verdict == v for c in changes) for v in style | {"same": 0}}
        console.print(", ".join(f"{n} {v}" for v, n in counts.items()))
    return 1 if (worse and args.fail_on_worse) else 0


def _cmd_list() -> int:
    from rich.console import Console
    from rich.table import Table

    from havoc_eval.registry import all_benchmarks

    table = Table(title="havoc-eval benchmarks")
    for col in ("name", "suites", "needs", "metrics", "what"):
        table.add_column(col)
    for b in all_benchmarks().values():
        table.add_row(
            b.name,
            ", ".join(b.suites),
            ", ".join(b.needs) or "nothing",
            ", ".join(b.metrics),
            b.description,
        )
    Console(width=160).print(table)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "run":
            return _cmd_run(args)
        if args.command == "compare":
            return _cmd_compare(args)
        return _cmd_list()
    except EvalError as exc:
        print(f"havoc-eval: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
