"""`havoc-serve` console script."""

from __future__ import annotations

import argparse


def build_parser() -> argparse.ArgumentParser:
    return argparse.ArgumentParser(
        prog="havoc-serve",
        description="Serve a HAVOC checkpoint over an OpenAI-compatible HTTP API with the chat UI.",
    )


def main(argv: list[str] | None = None) -> int:
    build_parser().parse_args(argv)
    raise SystemExit("havoc-serve: not implemented yet (see the open issue for this package)")


if __name__ == "__main__":
    raise SystemExit(main())
