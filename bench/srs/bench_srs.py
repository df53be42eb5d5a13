"""End-to-end accuracy of the SRS pipeline on the full task set, with timing.

uv run python bench/srs/bench_srs.py [--json]
"""

from __future__ import annotations

import json
import sys
import time

from havoc_srs import Pipeline
from havoc_srs.tasks import evaluate, load_tasks


def main() -> None:
    tasks = load_tasks()
    pipe = Pipeline()
    pipe.run("warm up: what is a p-value?")  # builds/loads the handbook index once
    t0 = time.perf_counter()
    report = evaluate(pipe, tasks, progress=sys.stderr.isatty())
    report["seconds"] = round(time.perf_counter() - t0, 1)
    if "--json" in sys.argv:
        print(json.dumps(report, indent=2))
        return
    print(
        f"accuracy {report['accuracy']:.3f} ({report['passed']}/{report['n']}) in {report['seconds']} s"
    )
    for fam, r in report["by_family"].items():
        print(f"  {fam:<20} {r['accuracy']:.3f} (n={r['n']})")
    for f in report["failures"]:
        print(f"  FAIL {f['id']}: {'; '.join(f['reasons'])[:200]}")


if __name__ == "__main__":
    main()
