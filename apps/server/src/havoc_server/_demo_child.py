"""The child process of :class:`havoc_server.demo_build.DemoBuild`: train (or resume) the demo
checkpoint at a lower CPU priority and print its folder. Kept apart from the package's imports so
``python -m`` runs it without loading the server."""

from __future__ import annotations

import argparse
import os
import sys


def _child_setup() -> None:
    """Lower this process's priority and end it with its parent (Linux), so a killed server
    never leaves a trainer behind."""
    try:
        # 5, not 19: requests stay quick, yet on a shared, busy machine the build still gets a
        # fair share (at nice 10 it got ~5% of a core under a load of 13)
        os.nice(5)
    except (AttributeError, OSError):  # pragma: no cover - not POSIX
        pass
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # pragma: no cover - no libc to ask
            pass


def main(argv: list[str] | None = None) -> int:
    """The child: train (or resume) the demo checkpoint and print its folder."""
    p = argparse.ArgumentParser(prog="python -m havoc_server._demo_child")
    p.add_argument("--cache-dir")
    p.add_argument("--override", action="append", default=[], metavar="KEY=VALUE")
    args = p.parse_args(argv)
    _child_setup()
    from havoc_train import ensure_demo_checkpoint

    path = ensure_demo_checkpoint(args.cache_dir, progress=False, overrides=args.override)
    print(path, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
