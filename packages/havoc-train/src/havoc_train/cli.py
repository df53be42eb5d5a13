"""`havoc-train` console script."""

from __future__ import annotations

import argparse


def build_parser() -> argparse.ArgumentParser:
    return argparse.ArgumentParser(
        prog="havoc-train",
        description="Train a HAVOC model (CPU demo runs to multi-GPU FSDP2 recipes).",
    )


def main(argv: list[str] | None = None) -> int:
    build_parser().parse_args(argv)
    raise SystemExit("havoc-train: not implemented yet (see the open issue for this package)")


if __name__ == "__main__":
    raise SystemExit(main())
