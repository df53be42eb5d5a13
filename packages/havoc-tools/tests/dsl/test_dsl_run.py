"""Every statement kind end to end; each DSL result equals the direct library call's result."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from havoc_tools import doe, regression, spc, stats, symbolic
from havoc_tools.dsl import ProgramResult, parse, run
from havoc_tools.dsl.bindings import BINDINGS
from havoc_tools.dsl.signatures import SIGNATURES


def fill_frame() -> pd.DataFrame:
    """25 subgroups of 5 bottle weights (g) from two filling lines, deterministic."""
    rng = np.random.default_rng(20240611)
    n = 125
    return pd.DataFrame(
        {
            "line1": np.round(500 + rng.normal(0, 0.8, n), 2),
            "line2": np.round(500.4 + rng.normal(0, 0.9, n), 2),
            "weight": np.round(500 + rng.normal(0, 0.7, n), 2),
            "subgroup": np.repeat(np.arange(1, 26), 5),
            "shift": np.tile(["a", "b", "c", "d", "e"], 25),
        }
    )


@pytest.fixture()
def fill_dir(tmp_path):
    fill_frame().to_csv(tmp_path / "fill.csv", index=False)
    return tmp_path


F = fill_frame()
A_ = [5.1, 4.9, 5.3, 5.0, 5.2, 5.4]
B_ = [5.6, 5.8, 5.5, 5.9, 6.0, 5.7]
GROUPS = pd.DataFrame(
    {
        "y": [4.2, 4.8, 5.1, 4.6, 6.0, 6.3, 5.8, 6.6, 7.1, 7.4, 6.9, 7.7],
        "g": ["a"] * 4 + ["b"] * 4 + ["c"] * 4,
        "h": ["u", "v"] * 6,
        "g2": ["p", "q", "q", "p", "p", "q", "p", "q", "q", "p", "q", "q"],
    }
)
XY = pd.DataFrame({"x": [0, 1, 2, 3, 4, 5, 6], "y": [1.1, 1.9, 5.2, 10.1, 16.8, 26.1, 37.2]})
BIN = pd.DataFrame({"dose": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "ok": [0, 0, 0, 1, 0, 1, 1, 0, 1, 1]})
GAGE = pd.DataFrame(
    {
        "part": np.repeat([1, 2, 3, 4, 5], 6),
        "op": np.tile(np.repeat(["A", "B", "C"], 2), 5),
        "m": [
            2.48,
            2.52,
            2.50,
            2.47,
            2.55,
            2.51,  # part 1
            2.91,
            2.93,
            2.88,
            2.95,
            2.96,
            2.90,
            2.10,
            2.12,
            2.15,
            2.08,
            2.14,
            2.11,
            2.70,
            2.66,
            2.71,
            2.69,
            2.74,
            2.72,
            2.31,
            2.35,
            2.30,
            2.33,
            2.38,
            2.36,
        ],
    }
)
DATA = {
    "fill": F,
    "a": np.array(A_),
    "b": np.array(B_),
    "grp": GROUPS,
    "xy": XY,
    "bin": BIN,
    "gage": GAGE,
}
Y16 = [45, 71, 48, 65, 68, 60, 80, 65, 43, 100, 45, 104, 75, 86, 70, 96]  # Montgomery ex. 6.2

CASES = [
    ("ttest", "ttest a mu=5", lambda: stats.ttest_1samp(A_, mu=5)),
    ("ttest", "ttest a vs b", lambda: stats.ttest_ind(A_, B_)),
    (
        "ttest",
        "ttest a vs b paired=true alternative=less",
        lambda: stats.ttest_paired(A_, B_, alternative="less"),
    ),
    (
        "ttest",
        "ttest a vs b equal_var=true alpha=0.01",
        lambda: stats.ttest_ind(A_, B_, equal_var=True, alpha=0.01),
    ),
    ("ttest", "ttest line1 vs line2 in fill", lambda: stats.ttest_ind(F.line1, F.line2)),
    ("tost", "tost a vs b low=-1 high=1", lambda: stats.tost(A_, B_, low=-1, high=1)),
    ("mannwhitney", "mannwhitney a vs b", lambda: stats.mann_whitney(A_, B_)),
    ("wilcoxon", "wilcoxon a vs b", lambda: stats.wilcoxon(A_, B_)),
    ("shapiro", "shapiro fill.weight", lambda: stats.shapiro_wilk(F.weight)),
    ("anderson", "anderson fill.weight", lambda: stats.anderson_darling(F.weight)),
    ("anova", "anova y by g in grp", lambda: stats.anova_oneway(GROUPS, dv="y", group="g")),
    (
        "anova",
        "anova y by g in grp welch=true",
        lambda: stats.welch_anova(GROUPS, dv="y", group="g"),
    ),
    (
        "anova",
        "anova y by g, h in grp",
        lambda: stats.anova_twoway(GROUPS, dv="y", factors=["g", "h"]),
    ),
    ("tukey", "tukey y by g in grp", lambda: stats.tukey_hsd(GROUPS, dv="y", group="g")),
    (
        "gameshowell",
        "gameshowell y by g in grp",
        lambda: stats.games_howell(GROUPS, dv="y", group="g"),
    ),
    ("kruskal", "kruskal y by g in grp", lambda: stats.kruskal_wallis(GROUPS, dv="y", group="g")),
    (
        "levene",
        "levene y by g in grp center=mean",
        lambda: stats.levene(GROUPS, dv="y", group="g", center="mean"),
    ),
    ("bartlett", "bartlett y by g in grp", lambda: stats.bartlett(GROUPS, dv="y", group="g")),
    ("chisq", "chisq [18, 22, 20, 40]", lambda: stats.chi2_gof([18, 22, 20, 40])),
    (
        "chisq",
        "chisq [[10, 20], [30, 25]] correction=false",
        lambda: stats.chi2_independence([[10, 20], [30, 25]], correction=False),
    ),
    ("fisher", "fisher [[8, 2], [1, 5]]", lambda: stats.fisher_exact([[8, 2], [1, 5]])),
    # correlation, contingency from label columns, spreads, distribution fit, descriptives
    (
        "correlate",
        "correlate line1 vs line2 in fill method=spearman",
        lambda: stats.correlation(F.line1, F.line2, method="spearman", names=("line1", "line2")),
    ),
    (
        "partialcorr",
        "partialcorr line1 vs line2 by weight, subgroup in fill",
        lambda: stats.partial_correlation(F, "line1", "line2", ["weight", "subgroup"]),
    ),
    (
        "mantelhaenszel",
        "mantelhaenszel g2 vs h by g in grp correction=false",
        lambda: stats.mantel_haenszel(data=GROUPS, a="g2", b="h", strata="g", correction=False),
    ),
    (
        "chisq",
        "chisq shift vs subgroup in fill",
        lambda: stats.chi2_independence(
            stats.crosstab(F["shift"], F.subgroup, names=("shift", "subgroup"))
        ),
    ),
    (
        "fisher",
        "fisher g2 by h in grp",
        lambda: stats.fisher_exact(stats.crosstab(GROUPS.g2, GROUPS.h, names=("g2", "h"))),
    ),
    (
        "ftest",
        "ftest a vs b alternative=less",
        lambda: stats.f_test_variances({"a": A_, "b": B_}, alternative="less"),
    ),
    ("mood", "mood a vs b", lambda: stats.mood_scale({"a": A_, "b": B_})),
    ("fligner", "fligner y by g in grp", lambda: stats.fligner(GROUPS, dv="y", group="g")),
    (
        "levene",
        "levene line1 vs line2 in fill",
        lambda: stats.levene({"line1": F.line1, "line2": F.line2}),
    ),
    (
        "kstest",
        "kstest fill.weight dist=norm params=[500, 0.7]",
        lambda: stats.ks_test(F.weight, "norm", [500, 0.7], name="weight"),
    ),
    ("kstest", "kstest a vs b", lambda: stats.ks_2samp({"a": A_, "b": B_})),
    ("lilliefors", "lilliefors fill.weight", lambda: stats.lilliefors(F.weight, name="weight")),
    (
        "describe",
        "describe y by g in grp method=minitab",
        lambda: stats.describe(GROUPS, "y", by="g", method="minitab"),
    ),
    ("proportion", "proportion x=42 n=100 p0=0.5", lambda: stats.prop_test_1(42, 100, 0.5)),
    (
        "capsummary",
        "capsummary mean=10.2 sd=0.1 lsl=9.5 usl=10.5 target=10 n=40",
        lambda: spc.capability_summary(10.2, 0.1, lsl=9.5, usl=10.5, target=10, n=40),
    ),
    (
        "tsummary",
        "tsummary n=12 mean=10.2 sd=0.3 mu=10 alternative=greater",
        lambda: stats.ttest_summary(12, 10.2, 0.3, mu=10, alternative="greater"),
    ),
    (
        "tsummary",
        "tsummary n=[12, 15] mean=[10.2, 10.5] sd=[0.3, 0.4] equal_var=true",
        lambda: stats.ttest_summary([12, 15], [10.2, 10.5], [0.3, 0.4], equal_var=True),
    ),
    (
        "proportion",
        "proportion x=[42, 30] n=[100, 100]",
        lambda: stats.prop_test_2(42, 100, 30, 100),
    ),
    (
        "power ttest",
        "power ttest effect=0.5 power=0.8",
        lambda: stats.power_ttest(effect_size=0.5, power=0.8),
    ),
    (
        "power anova",
        "power anova k=3 effect=0.25 n=30",
        lambda: stats.power_anova(effect_size=0.25, n=30, k=3),
    ),
    (
        "power proportions",
        "power proportions p1=0.5 p2=0.3 power=0.9",
        lambda: stats.power_proportions(0.5, 0.3, power=0.9),
    ),
    ("regress", "regress y ~ x + I(x^2) in xy", lambda: regression.ols("y ~ x + I(x^2)", XY)),
    ("logistic", "logistic ok ~ dose in bin", lambda: regression.logistic("ok ~ dose", BIN)),
    (
        "chart xbar_r",
        "chart xbar_r weight by subgroup in fill rules=[1, 2, 5]",
        lambda: spc.xbar_r(F.weight.to_numpy().reshape(25, 5), rules=[1, 2, 5]),
    ),
    (
        "chart xbar_s",
        "chart xbar_s fill.weight size=5",
        lambda: spc.xbar_s(F.weight.to_numpy().reshape(25, 5)),
    ),
    (
        "chart imr",
        "chart imr fill.line1 mean=500 sigma=0.8",
        lambda: spc.imr(F.line1, mean=500, sigma=0.8),
    ),
    (
        "chart p",
        "chart p [3, 5, 2, 8, 4] n=[100, 100, 90, 110, 100]",
        lambda: spc.p_chart([3, 5, 2, 8, 4], [100, 100, 90, 110, 100]),
    ),
    ("chart np", "chart np [3, 5, 2, 8, 4] size=100", lambda: spc.np_chart([3, 5, 2, 8, 4], 100)),
    ("chart c", "chart c [4, 7, 3, 9, 5, 6]", lambda: spc.c_chart([4, 7, 3, 9, 5, 6])),
    (
        "chart u",
        "chart u [4, 7, 3, 9] n=[2, 3, 2, 3]",
        lambda: spc.u_chart([4, 7, 3, 9], [2, 3, 2, 3]),
    ),
    (
        "chart ewma",
        "chart ewma fill.weight lambda=0.1 L=2.7",
        lambda: spc.ewma(F.weight, lam=0.1, L=2.7),
    ),
    ("chart cusum", "chart cusum fill.weight k=0.5 h=4", lambda: spc.cusum(F.weight, k=0.5, h=4)),
    (
        "nelson",
        "nelson fill.weight rules=[1, 2, 3] center=500 sigma=0.7",
        lambda: spc.nelson_rules(F.weight, 500, 0.7, rules=[1, 2, 3]),
    ),
    (
        "capability",
        "capability fill.weight lsl=498 target=500 usl=502",
        lambda: spc.capability(F.weight, lsl=498, target=500, usl=502),
    ),
    (
        "capability",
        "capability weight by subgroup in fill lsl=498 usl=502",
        lambda: spc.capability(F.weight, lsl=498, usl=502, subgroup_size=5),
    ),
    (
        "gage",
        "gage m by part, op in gage tolerance=1.5",
        lambda: spc.gage_rr(GAGE, part="part", operator="op", measurement="m", tolerance=1.5),
    ),
    ("math derive", "derive x^3 * sin(x) wrt x", lambda: symbolic.derive("x^3 * sin(x)", "x")),
    (
        "math derive",
        "derive exp(2 * t) wrt t order=3",
        lambda: symbolic.derive("exp(2 * t)", "t", order=3),
    ),
    (
        "math integrate",
        "integrate x^2 wrt x from 0 to 3",
        lambda: symbolic.integrate("x^2", "x", "0", "3"),
    ),
    (
        "math integrate",
        "integrate sqrt(x^2) wrt x domain=positive",
        lambda: symbolic.integrate("sqrt(x^2)", "x", positive=True),
    ),
    ("math limit", "limit sin(x) / x as x -> 0", lambda: symbolic.limit("sin(x) / x", "x", "0")),
    ("math solve", "solve x^2 - 5 * x = -6 for x", lambda: symbolic.solve("x^2 - 5 * x = -6", "x")),
    (
        "math simplify",
        "simplify (x^2 - 1) / (x - 1)",
        lambda: symbolic.simplify("(x^2 - 1) / (x - 1)"),
    ),
    (
        "math series",
        "series exp(x) wrt x order=4",
        lambda: symbolic.series("exp(x)", "x", 0, order=4),
    ),
]

DESIGN_CASES = [
    (
        "full",
        "design d = full(factors=[T, P], low=[150, 1], high=[200, 2], seed=3)",
        lambda: doe.full_factorial({"T": (150, 200), "P": (1, 2)}, seed=3),
    ),
    (
        "fractional",
        'design d = fractional(factors=[A, B, C, D, E], generators=["E = ABCD"], center=3, seed=7)',
        lambda: doe.fractional_factorial(5, generators=["E = ABCD"], center_points=3, seed=7),
    ),
    (
        "plackett_burman",
        "design d = plackett_burman(factors=7, runs=12, randomize=false)",
        lambda: doe.plackett_burman(7, runs=12, randomize=False),
    ),
    (
        "ccd",
        "design d = ccd(factors=2, alpha=rotatable, center=5, randomize=false)",
        lambda: doe.central_composite(2, alpha="rotatable", center_points=5, randomize=False),
    ),
    (
        "box_behnken",
        "design d = box_behnken(factors=3, center=3, seed=1)",
        lambda: doe.box_behnken(3, center_points=3, seed=1),
    ),
    (
        "lhs",
        "design d = lhs(factors=[x1, x2, x3], samples=10, seed=4)",
        lambda: doe.latin_hypercube(["x1", "x2", "x3"], 10, seed=4),
    ),
    ("taguchi", "design d = taguchi(array=L8, factors=4)", lambda: doe.taguchi("L8", 4)),
]


def _same(dsl_result: dict, direct) -> None:
    want = json.loads(direct.to_json())
    got = dict(dsl_result)
    assert got == want


@pytest.mark.parametrize("key,src,direct", CASES, ids=[c[1] for c in CASES])
def test_statement_equals_direct_library_call(key, src, direct):
    res = run(src, data=DATA)
    assert res.ok, res.error and res.error["text"]
    (only,) = res.results
    assert only.kind == key.removeprefix("math ")
    _same(only.result, direct())
    json.dumps(res.to_dict(), allow_nan=False)  # the whole program result is JSON


@pytest.mark.parametrize("kind,src,direct", DESIGN_CASES, ids=[c[0] for c in DESIGN_CASES])
def test_design_statement_equals_direct_call(kind, src, direct):
    res = run(src)
    assert res.ok, res.error and res.error["text"]
    _same(res.results[0].result, direct())


def test_every_signature_is_bound_and_exercised():
    exercised = (
        {c[0] for c in CASES}
        | {f"design {c[0]}" for c in DESIGN_CASES}
        | {"analyze", "plot"}  # below
        | {"optimize", "predict"}  # test_dsl_desirability, test_dsl_predict
        | {"goal maximize", "goal minimize", "goal target"}  # test_dsl_desirability
        | {"padjust", "dunnett", "friedman", "mcnemar", "cochranq"}  # test_dsl_multiple
        # --- spcpower --- (test_dsl_spcpower)
        | {"chart laney_p", "chart laney_u", "chart zmr", "arl", "powercurve"}
        | {"power proportion", "power tost", "power factorial"}
        # --- capability ---
        | {"boxcox", "johnson", "distid", "tolerance"}  # test_dsl_capability
        | {"design foldover", "design dsd", "design doptimal", "design mixture"}  # test_dsl_doe
        | {"gage_type1", "gage_linearity", "gage_nested", "agreement", "kappa"}  # test_dsl_msa
    )
    assert set(SIGNATURES) == exercised
    for key, sig in SIGNATURES.items():
        if sig.form not in ("design", "plot", "goal"):
            assert key in BINDINGS, key


def test_analyze_a_design_matches_library(tmp_path):
    src = (
        "design d = full(factors=4, randomize=false)\n"
        f"let fx = analyze d response=[{', '.join(map(str, Y16))}]\n"
        f"let rs = analyze d response=[{', '.join(map(str, Y16))}] max_order=2\n"
    )
    res = run(src)
    assert res.ok, res.error
    d = doe.full_factorial(4, randomize=False)
    _same(res["fx"].result, doe.analyze_factorial(d, Y16, response_name="y"))
    # Montgomery (2017) example 6.2, filtration rate: published effects A=21.625, AC=-18.125
    eff = res["fx"].value.effects
    assert eff["A"] == pytest.approx(21.625) and eff["AC"] == pytest.approx(-18.125)


def test_response_surface_analysis():
    y = [76.5, 78.0, 77.0, 79.5, 75.6, 78.4, 77.0, 78.5, 79.9, 80.3, 80.0, 79.7, 79.8]
    res = run(
        "design d = ccd(factors=2, center=5, randomize=false)\n"
        f"data yield = [{', '.join(map(str, y))}]\n"
        "let rs = analyze d response=yield model=quadratic\n"
    )
    assert res.ok, res.error
    from havoc_tools.doe.rsm import fit_response_surface

    d = doe.central_composite(2, center_points=5, randomize=False)
    _same(res["rs"].result, fit_response_surface(d, y, response_name="yield"))


def test_csv_named_results_and_plots(fill_dir):
    src = (
        'data fill = csv("fill.csv", columns=[weight, subgroup, line1], group=subgroup)\n'
        "spec w lsl=498 target=500 usl=502\n"
        "let c1 = chart xbar_r weight in fill rules=[1, 2, 5]\n"
        "let cap = capability fill.weight spec=w\n"
        "let fit = regress weight ~ line1 in fill\n"
        "let sw = shapiro fit.residuals\n"
        'plot c1 to "charts/xbar.png"\n'
        'plot cap to "cap.svg"\n'
    )
    res = run(src, base_dir=fill_dir, plots_dir=fill_dir / "out")
    assert res.ok, res.error and res.error["text"]
    _same(res["c1"].result, spc.xbar_r(F.weight.to_numpy().reshape(25, 5), rules=[1, 2, 5]))
    _same(
        res["cap"].result, spc.capability(F.weight, lsl=498, target=500, usl=502, subgroup_size=5)
    )
    fit = regression.ols("weight ~ line1", F)
    _same(res["sw"].result, stats.shapiro_wilk(fit.residuals))
    assert (fill_dir / "out" / "charts" / "xbar.png").read_bytes()[:4] == b"\x89PNG"
    assert (fill_dir / "out" / "cap.svg").read_text().lstrip().startswith("<?xml")
    assert res.plots == [
        str(fill_dir / "out" / "charts" / "xbar.png"),
        str(fill_dir / "out" / "cap.svg"),
    ]


def test_runtime_error_stops_cleanly_with_location():
    src = "data a = [1, 2, 3]\ndata c = [5, 5, 5]\nshapiro a\nttest c mu=5\nshapiro a\n"
    res = run(src)
    assert not res.ok and len(res.results) == 3  # the two data statements and the first test
    err = res.error
    assert (err["line"], err["column"], err["phase"]) == (4, 1, "runtime")
    assert "ttest c mu=5" in err["text"] and "^" in err["caret"]
    with pytest.raises(Exception) as info:
        res.raise_for_error()
    assert info.value.line == 4


def test_check_errors_come_back_as_a_result_not_an_exception():
    res = run("ttest nothing\n")
    assert isinstance(res, ProgramResult) and not res.ok and res.results == []
    assert res.error["phase"] == "check" and res.error["line"] == 1


def test_pre_loaded_data_and_hand_built_programs():
    from havoc_tools.dsl import ast as A

    prog = A.Program(
        statements=(
            A.Let(
                name="t",
                command=A.Command(
                    verb="ttest",
                    x=A.Ref(parts=("fill", "line1")),
                    vs=A.Ref(parts=("fill", "line2")),
                    options=(A.Option(key="alpha", value=A.Number(value=0.01)),),
                ),
            ),
        )
    )
    res = run(prog, data={"fill": F})
    assert res.ok
    _same(res["t"].result, stats.ttest_ind(F.line1, F.line2, alpha=0.01))
    assert res["t"].statement == "let t = ttest fill.line1 vs fill.line2 alpha=0.01"
    assert parse(res["t"].statement + "\n").statements[0] == prog.statements[0]
