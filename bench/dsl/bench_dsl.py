"""DSL benchmark: parse + check + execute of a 30-statement study, and parse throughput.

    uv run python bench/dsl/bench_dsl.py

Peers in the same run: the same 30 analyses called directly from Python (the DSL's overhead), and
``ast.parse`` of an equivalent Python program of calls (a reference point for parse throughput).
Times are medians over repeats after one warm-up run (so imports are excluded).
"""

from __future__ import annotations

import argparse
import ast
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from havoc_tools import doe, regression, spc, stats, symbolic
from havoc_tools.dsl import check, parse, run
from havoc_tools.dsl.executor import Context, execute

DATA = Path(__file__).resolve().parents[2] / "packages/havoc-tools/tests/dsl/data"
Y16 = [45, 71, 48, 65, 68, 60, 80, 65, 43, 100, 45, 104, 75, 86, 70, 96]

PROGRAM = f"""\
data fill = csv("fill.csv", group=subgroup)
data a = [5.1, 4.9, 5.3, 5.0, 5.2, 5.4]
data b = [5.6, 5.8, 5.5, 5.9, 6.0, 5.7]
spec w lsl=498 target=500 usl=502
ttest a mu=5
ttest a vs b alternative=two-sided alpha=0.05
ttest a vs b paired=true
ttest line1 vs line2 in fill
mannwhitney a vs b
shapiro fill.weight
anova weight by shift in fill
tukey weight by shift in fill
levene weight by shift in fill
kruskal weight by shift in fill
chisq [[10, 20], [30, 25]]
proportion x=42 n=100 p0=0.5
power ttest effect=0.5 alpha=0.05 power=0.8
let fit = regress weight ~ line1 + line2 in fill
shapiro fit.residuals
let c1 = chart xbar_r weight in fill rules=[1, 2, 5]
chart imr fill.line1 rules=[1, 2]
chart ewma fill.weight lambda=0.2
capability fill.weight spec=w
nelson fill.weight rules=[1, 2, 3]
design d = full(factors=4, randomize=false)
analyze d response=[{", ".join(map(str, Y16))}]
design f = fractional(factors=[A, B, C, D, E], generators=["E = ABCD"], center=3, seed=7)
derive x^3 * sin(x) wrt x
integrate x^2 wrt x from 0 to 1
solve x^2 - 5 * x + 6 for x
"""

PYTHON_EQUIVALENT = f"""\
fill = csv("fill.csv", group="subgroup")
a = [5.1, 4.9, 5.3, 5.0, 5.2, 5.4]
b = [5.6, 5.8, 5.5, 5.9, 6.0, 5.7]
w = spec(lsl=498, target=500, usl=502)
ttest(a, mu=5)
ttest(a, b, alternative="two-sided", alpha=0.05)
ttest(a, b, paired=True)
ttest(fill.line1, fill.line2)
mannwhitney(a, b)
shapiro(fill.weight)
anova(fill, dv="weight", group="shift")
tukey(fill, dv="weight", group="shift")
levene(fill, dv="weight", group="shift")
kruskal(fill, dv="weight", group="shift")
chisq([[10, 20], [30, 25]])
proportion(x=42, n=100, p0=0.5)
power_ttest(effect=0.5, alpha=0.05, power=0.8)
fit = regress("weight ~ line1 + line2", fill)
shapiro(fit.residuals)
c1 = xbar_r(fill.weight, by=fill.subgroup, rules=[1, 2, 5])
imr(fill.line1, rules=[1, 2])
ewma(fill.weight, lam=0.2)
capability(fill.weight, spec=w)
nelson(fill.weight, rules=[1, 2, 3])
d = full_factorial(4, randomize=False)
analyze(d, response=[{", ".join(map(str, Y16))}])
f = fractional(["A", "B", "C", "D", "E"], generators=["E = ABCD"], center=3, seed=7)
derive(x**3 * sin(x), x)
integrate(x**2, (x, 0, 1))
solve(x**2 - 5 * x + 6, x)
"""


def direct_calls() -> None:
    """The same 30 analyses as plain Python calls into havoc_tools."""
    fill = pd.read_csv(DATA / "fill.csv")
    a = np.array([5.1, 4.9, 5.3, 5.0, 5.2, 5.4])
    b = np.array([5.6, 5.8, 5.5, 5.9, 6.0, 5.7])
    stats.ttest_1samp(a, mu=5)
    stats.ttest_ind(a, b)
    stats.ttest_paired(a, b)
    stats.ttest_ind(fill.line1, fill.line2)
    stats.mann_whitney(a, b)
    stats.shapiro_wilk(fill.weight)
    for fn in (stats.anova_oneway, stats.tukey_hsd, stats.levene, stats.kruskal_wallis):
        fn(fill, dv="weight", group="shift")
    stats.chi2_independence([[10, 20], [30, 25]])
    stats.prop_test_1(42, 100, 0.5)
    stats.power_ttest(effect_size=0.5, power=0.8)
    fit = regression.ols("weight ~ line1 + line2", fill)
    stats.shapiro_wilk(fit.residuals)
    spc.xbar_r(fill.weight.to_numpy().reshape(25, 5), rules=[1, 2, 5])
    spc.imr(fill.line1, rules=[1, 2])
    spc.ewma(fill.weight, lam=0.2)
    spc.capability(fill.weight, lsl=498, target=500, usl=502, subgroup_size=5)
    spc.nelson_rules(fill.weight, rules=[1, 2, 3])
    d = doe.full_factorial(4, randomize=False)
    doe.analyze_factorial(d, Y16)
    doe.fractional_factorial(5, generators=["E = ABCD"], center_points=3, seed=7)
    symbolic.derive("x^3 * sin(x)", "x")
    symbolic.integrate("x^2", "x", "0", "1")
    symbolic.solve("x^2 - 5 * x + 6", "x")


def median_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--copies", type=int, default=100, help="programs concatenated for throughput")
    args = ap.parse_args()
    n_stmt = len(parse(PROGRAM).code)
    assert n_stmt == 30, n_stmt
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        res = run(PROGRAM, base_dir=DATA, plots_dir=tmp)  # warm-up, includes imports
        cold = time.perf_counter() - t0
        assert res.ok, res.error
        direct_calls()

        t_parse = median_time(lambda: parse(PROGRAM), args.repeats)
        prog = parse(PROGRAM)
        t_check = median_time(lambda: check(prog, base_dir=DATA), args.repeats)

        def exec_only() -> None:
            ctx = Context(base_dir=DATA, data=None, plots_dir=tmp, allow_outside=False)
            out = execute(prog, ctx, PROGRAM)
            assert out.ok

        t_exec = median_time(exec_only, args.repeats)
        t_total = median_time(lambda: run(PROGRAM, base_dir=DATA, plots_dir=tmp), args.repeats)
        t_direct = median_time(direct_calls, args.repeats)

    big = PROGRAM * args.copies
    big_py = PYTHON_EQUIVALENT * args.copies
    n_big = n_stmt * args.copies
    t_big = median_time(lambda: parse(big), 3)
    t_py = median_time(lambda: ast.parse(big_py), 3)

    print(f"30-statement program (median of {args.repeats}, warm):")
    print(f"  parse    {t_parse * 1e3:8.2f} ms")
    print(f"  check    {t_check * 1e3:8.2f} ms")
    print(f"  execute  {t_exec * 1e3:8.2f} ms")
    print(f"  run()    {t_total * 1e3:8.2f} ms   (parse + check + execute)")
    print(
        f"  direct Python calls of the same analyses {t_direct * 1e3:8.2f} ms "
        f"-> DSL overhead x{t_total / t_direct:.3f}"
    )
    print(f"  first run incl. imports {cold:.2f} s")
    print(f"parse throughput ({n_big} statements):")
    print(f"  DSL parse   {n_big / t_big:10.0f} statements/s")
    print(f"  ast.parse   {n_big / t_py:10.0f} statements/s (equivalent Python calls)")
    print(f"  ratio DSL / ast.parse = {t_py / t_big:.3f}")


if __name__ == "__main__":
    main()
