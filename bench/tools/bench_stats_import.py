"""Cold-import time of ``havoc_tools`` (and its stats/regression/symbolic namespaces) against
``import scipy.stats``, each in a fresh interpreter, repeated and interleaved in one run.

    uv run python bench/tools/bench_stats_import.py [--repeats 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

CASES = {
    "import havoc_tools": "import havoc_tools",
    "import havoc_tools.stats, .regression, .symbolic": "import havoc_tools.stats, havoc_tools.regression, havoc_tools.symbolic",
    "import scipy.stats": "import scipy.stats",
}
SNIPPET = "import time; t = time.perf_counter(); {stmt}; print(time.perf_counter() - t)"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=15)
    args = ap.parse_args()
    times: dict[str, list[float]] = {k: [] for k in CASES}
    for _ in range(args.repeats):
        for label, stmt in CASES.items():  # interleaved so drift hits every case alike
            out = subprocess.run(
                [sys.executable, "-c", SNIPPET.format(stmt=stmt)],
                check=True,
                capture_output=True,
                text=True,
            )
            times[label].append(float(out.stdout))
    ref = statistics.median(times["import scipy.stats"])
    print(f"| statement | median ms ({args.repeats} fresh interpreters) | vs scipy.stats |")
    print("| --- | --- | --- |")
    for label, ts in times.items():
        med = statistics.median(ts)
        print(f"| `{label}` | {med * 1e3:.1f} | {med / ref:.3f}x |")


if __name__ == "__main__":
    main()
