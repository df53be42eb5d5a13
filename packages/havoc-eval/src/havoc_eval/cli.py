"""`havoc-eval` console script."""

from __future__ import annotations

import argparse


def build_parser() -> argparse.ArgumentParser:
    return argparse.ArgumentParser(
        prog="havoc-eval", description="Run HAVOC benchmark suites and compare reports."
    )


def main(argv: list[str] | None = None) -> int:
    build_parser().parse_args(argv)
    raise SystemExit("havoc-eval: not implemented yet (see the open issue for this package)")


if __name__ == "__main__":
    raise SystemExit(main())
