"""Time to design and analyse a 2^5 factorial and to build a 25-subgroup X-bar-R chart.

Peers in the same run: statsmodels OLS for the factorial fit (formula API, full 2^5 model with
replicates so it has residual df). No SPC or design-generation library is installed in the
workspace (pyDOE is not a dependency), so the X-bar-R chart is compared with a bare numpy
computation using the printed constants (no rules, no result object): a floor, not a peer.

    uv run python bench/tools/bench_doe_spc.py
"""

from __future__ import annotations

import statistics
import time

import numpy as np


def _best(fn, repeat: int = 7, number: int = 20) -> float:
    fn()  # warm-up (lazy imports, caches)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - t0) / number)
    return statistics.median(times)


def main() -> None:
    import pandas as pd
    import statsmodels.formula.api as smf
    from havoc_tools.doe import analyze_factorial, full_factorial
    from havoc_tools.spc import xbar_r

    rng = np.random.default_rng(0)
    y = rng.normal(50, 2, 64)

    def havoc_factorial():
        d = full_factorial(5, replicates=2, seed=1)
        return analyze_factorial(d, y)

    d0 = full_factorial(5, replicates=2, seed=1)
    df = pd.DataFrame(d0.coded_matrix, columns=list("abcde")).assign(y=y)

    def statsmodels_factorial():
        return smf.ols("y ~ a * b * c * d * e", data=df).fit()

    # same numbers from both
    h, s = havoc_factorial(), statsmodels_factorial()
    assert abs(h.coefficients["ABCDE"] - s.params["a:b:c:d:e"]) < 1e-10

    data = rng.normal(10, 1, (25, 5))

    def havoc_xbar_r():
        return xbar_r(data, rules="all")  # the default is rule 1 alone

    def numpy_xbar_r():
        xb, r = data.mean(axis=1), np.ptp(data, axis=1)
        xbb, rbar = xb.mean(), r.mean()
        return xbb + 0.577 * rbar, xbb - 0.577 * rbar, 2.114 * rbar, (xb > xbb + 0.577 * rbar).any()

    rows = [
        (
            "2^5 design + analysis (2 replicates, 64 runs)",
            havoc_factorial,
            "statsmodels OLS fit only",
            statsmodels_factorial,
        ),
        (
            "25-subgroup X-bar-R chart, 8 Nelson rules",
            havoc_xbar_r,
            "bare numpy limits (no peer)",
            numpy_xbar_r,
        ),
    ]
    print(f"{'task':<48}{'havoc ms':>10}{'peer':>32}{'peer ms':>10}{'ratio':>8}")
    for name, fn, peer_name, peer in rows:
        t_h, t_p = _best(fn), _best(peer)
        print(f"{name:<48}{t_h * 1e3:>10.2f}{peer_name:>32}{t_p * 1e3:>10.3f}{t_h / t_p:>8.2f}")


if __name__ == "__main__":
    main()
