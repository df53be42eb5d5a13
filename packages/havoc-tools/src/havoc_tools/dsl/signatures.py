"""The statement-signature table: what each statement takes, with types the checker enforces.

One :class:`Signature` per statement key. The key is the verb for ``verb x ...`` commands
(``ttest``), and ``"<statement> <kind>"`` for statements that name a kind (``chart xbar_r``,
``power ttest``, ``design fractional``). The executor has one binding per key (a test keeps the
two in step).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

ALTERNATIVES = ("two-sided", "less", "greater")

# parameter types the checker understands
NUMBER, INT, PROB, BOOL, CHOICE, STRING = "number", "int", "prob", "bool", "choice", "string"
NUMBERS, INTS, NAMES, STRINGS, MATRIX = "numbers", "ints", "names", "strings", "matrix"
COLUMN, DATA, COUNTS, SPEC, POSINT, NONNEG = "column", "data", "counts", "spec", "posint", "nonneg"
LEVELS = "levels"  # list of numbers, or list of lists (one per factor)
NUMPAIR = "numpair"  # a number, or a list of two (one per sample)

TYPE_WORDS = {
    NUMBER: "a number",
    INT: "a whole number",
    POSINT: "a positive whole number",
    NONNEG: "a number >= 0",
    PROB: "a number between 0 and 1",
    BOOL: "true or false",
    CHOICE: "one of the listed words",
    STRING: 'a quoted string such as "x"',
    NUMBERS: "a list of numbers such as [1, 2.5]",
    INTS: "a list of whole numbers such as [1, 2, 5]",
    NAMES: "a list of names such as [A, B, C]",
    STRINGS: 'a list of quoted strings such as ["E = ABCD"]',
    MATRIX: "a table of counts such as [[10, 20], [30, 40]]",
    COLUMN: "a column name (or table.column)",
    DATA: "data: a name, table.column, result.field or [numbers]",
    COUNTS: "a whole number, or a list of two",
    NUMPAIR: "a number, or a list of two numbers",
    SPEC: "the name of a spec statement",
    LEVELS: "a list of numbers, or one list per factor",
    "colname": "a column name",
}


@dataclass(frozen=True)
class Param:
    type: str
    required: bool = False
    choices: tuple[str, ...] = ()
    help: str = ""


@dataclass(frozen=True)
class Signature:
    key: str
    form: str  # command | chart | power | design | regress | analyze | math
    summary: str
    options: dict[str, Param] = field(default_factory=dict)
    x: str = "none"  # none | required | optional
    x_type: str = DATA
    vs: str = "none"  # none | optional | required
    by: tuple[int, int] = (0, 0)  # min, max number of `by` groups
    vs_and_by: bool = False  # `x vs y by z`: by names strata / covariates, not groups
    many_x: bool = False  # `verb a, b, c`: several data arguments
    library: str = ""  # the havoc_tools function(s) the statement runs

    @property
    def verb(self) -> str:
        return self.key.split()[-1]


def _p(type_: str, required: bool = False, choices: tuple[str, ...] = (), help: str = "") -> Param:
    return Param(type_, required, choices, help)


ALPHA = {"alpha": _p(PROB, help="significance level (default 0.05)")}
ALT = {"alternative": _p(CHOICE, choices=ALTERNATIVES, help="default two-sided")}

_SIGS: list[Signature] = [
    # ---- hypothesis tests ---------------------------------------------------------------------
    Signature(
        "ttest",
        "command",
        "t-test: one-sample (x [mu=]), two-sample (x vs y, Welch unless equal_var=true), "
        "paired (x vs y paired=true), or y by group",
        {
            "mu": _p(NUMBER, help="hypothesised mean or mean difference (default 0)"),
            "paired": _p(BOOL),
            "equal_var": _p(BOOL, help="Student's pooled test instead of Welch"),
            **ALT,
            **ALPHA,
        },
        x="required",
        vs="optional",
        by=(0, 1),
        library="stats.ttest_1samp / ttest_ind / ttest_paired",
    ),
    Signature(
        "tsummary",
        "command",
        "t-test from summarized data: one sample (n= mean= sd= [mu=]) or two samples (n=[n1, n2] "
        "mean=[m1, m2] sd=[s1, s2], Welch unless equal_var=true)",
        {
            "n": _p(COUNTS, True, help="sample size(s)"),
            "mean": _p(NUMPAIR, True, help="sample mean(s)"),
            "sd": _p(NUMPAIR, True, help="sample standard deviation(s)"),
            "mu": _p(NUMBER, help="hypothesised mean or mean difference (default 0)"),
            "equal_var": _p(BOOL, help="Student's pooled test instead of Welch"),
            **ALT,
            **ALPHA,
        },
        library="stats.ttest_summary",
    ),
    Signature(
        "tost",
        "command",
        "TOST equivalence test within [low, high] (one-sample, two-sample or paired)",
        {
            "low": _p(NUMBER, True),
            "high": _p(NUMBER, True),
            "paired": _p(BOOL),
            "equal_var": _p(BOOL),
            **ALPHA,
        },
        x="required",
        vs="optional",
        library="stats.tost",
    ),
    Signature(
        "mannwhitney",
        "command",
        "Mann-Whitney U test (x vs y, or y by group)",
        {"method": _p(CHOICE, choices=("auto", "exact", "asymptotic")), **ALT, **ALPHA},
        x="required",
        vs="optional",
        by=(0, 1),
        library="stats.mann_whitney",
    ),
    Signature(
        "wilcoxon",
        "command",
        "Wilcoxon signed-rank test (x about 0, or paired x vs y)",
        {"method": _p(CHOICE, choices=("auto", "exact", "approx")), **ALT, **ALPHA},
        x="required",
        vs="optional",
        library="stats.wilcoxon",
    ),
    Signature(
        "shapiro",
        "command",
        "Shapiro-Wilk normality test",
        dict(ALPHA),
        x="required",
        library="stats.shapiro_wilk",
    ),
    Signature(
        "anderson",
        "command",
        "Anderson-Darling normality test",
        dict(ALPHA),
        x="required",
        library="stats.anderson_darling",
    ),
    Signature(
        "anova",
        "command",
        "ANOVA: one-way (y by g; welch=true for Welch), two-way with interaction (y by a, b), "
        "repeated measures (y by time subject=id)",
        {
            "welch": _p(BOOL, help="Welch's ANOVA (one-way only)"),
            "typ": _p(INT, choices=("1", "2", "3"), help="sums-of-squares type for two-way"),
            "subject": _p(COLUMN, help="subject column: repeated-measures ANOVA"),
            **ALPHA,
        },
        x="required",
        by=(1, 2),
        library="stats.anova_oneway / welch_anova / anova_twoway / anova_rm",
    ),
    Signature(
        "tukey",
        "command",
        "Tukey HSD pairwise comparisons (y by g)",
        dict(ALPHA),
        x="required",
        by=(1, 1),
        library="stats.tukey_hsd",
    ),
    Signature(
        "gameshowell",
        "command",
        "Games-Howell pairwise comparisons (y by g)",
        dict(ALPHA),
        x="required",
        by=(1, 1),
        library="stats.games_howell",
    ),
    # multiple comparisons and related samples (stats.multiple)
    Signature(
        "padjust",
        "command",
        "adjust a list of p-values for multiple testing (method=holm, bonferroni or fdr_bh)",
        {"method": _p(CHOICE, choices=("holm", "bonferroni", "fdr_bh")), **ALPHA},
        x="required",
        library="stats.p_adjust",
    ),
    Signature(
        "dunnett",
        "command",
        'Dunnett\'s comparisons of every group with a control (y by g control="name")',
        {"control": _p(STRING, help="the control group (default: the first)"), **ALT, **ALPHA},
        x="required",
        by=(1, 1),
        library="stats.dunnett",
    ),
    Signature(
        "friedman",
        "command",
        "Friedman test for related samples (y by condition subject=id)",
        {"subject": _p(COLUMN, True, help="subject (block) column"), **ALPHA},
        x="required",
        by=(1, 1),
        library="stats.friedman",
    ),
    Signature(
        "mcnemar",
        "command",
        "McNemar's test on a paired 2x2 table (or before vs after columns)",
        {"exact": _p(BOOL, help="binomial test (default when b + c < 25)"), **ALPHA},
        x="required",
        x_type=MATRIX,
        vs="optional",
        library="stats.mcnemar",
    ),
    Signature(
        "cochranq",
        "command",
        "Cochran's Q test for related 0/1 outcomes (y by condition subject=id)",
        {"subject": _p(COLUMN, True, help="subject (block) column"), **ALPHA},
        x="required",
        by=(1, 1),
        library="stats.cochran_q",
    ),
    Signature(
        "kruskal",
        "command",
        "Kruskal-Wallis H test (y by g)",
        dict(ALPHA),
        x="required",
        by=(1, 1),
        library="stats.kruskal_wallis",
    ),
    Signature(
        "levene",
        "command",
        "Levene / Brown-Forsythe test of equal variances (y by g, or x vs y)",
        {
            "center": _p(
                CHOICE,
                choices=("median", "mean", "trimmed"),
                help="median (default): Brown-Forsythe; mean: Levene's original test",
            ),
            **ALPHA,
        },
        x="required",
        vs="optional",
        by=(1, 1),
        library="stats.levene",
    ),
    Signature(
        "bartlett",
        "command",
        "Bartlett's test of equal variances (y by g, or x vs y)",
        dict(ALPHA),
        x="required",
        vs="optional",
        by=(1, 1),
        library="stats.bartlett",
    ),
    Signature(
        "chisq",
        "command",
        "chi-square: goodness of fit (counts [expected=] [probs=]), independence (a table of "
        "counts, or column vs column)",
        {
            "expected": _p(NUMBERS),
            "probs": _p(NUMBERS),
            "ddof": _p(INT),
            "correction": _p(BOOL, help="Yates' correction on 2x2 (default true)"),
            **ALPHA,
        },
        x="required",
        x_type=MATRIX,
        vs="optional",
        by=(0, 1),
        library="stats.chi2_gof / chi2_independence (crosstab for column vs column)",
    ),
    Signature(
        "fisher",
        "command",
        "Fisher's exact test on a 2x2 table (or column vs column)",
        {**ALT, **ALPHA},
        x="required",
        x_type=MATRIX,
        vs="optional",
        by=(0, 1),
        library="stats.fisher_exact (crosstab for column vs column)",
    ),
    Signature(
        "proportion",
        "command",
        "proportion test: one (x= n= p0=) or two (x=[x1, x2] n=[n1, n2])",
        {
            "x": _p(COUNTS, True, help="successes"),
            "n": _p(COUNTS, True, help="trials"),
            "p0": _p(PROB),
            "method": _p(CHOICE, choices=("score", "exact")),
            "correction": _p(BOOL),
            **ALT,
            **ALPHA,
        },
        library="stats.prop_test_1 / prop_test_2",
    ),
]

# ---- correlation, contingency, variances, distribution fit, descriptive statistics -----------
_SIGS += [
    Signature(
        "correlate",
        "command",
        "correlation with its test: correlate x vs y [method=pearson|spearman|kendall]; pairs "
        "with a missing value are dropped",
        {"method": _p(CHOICE, choices=("pearson", "spearman", "kendall")), **ALT, **ALPHA},
        x="required",
        vs="required",
        library="stats.correlation",
    ),
    Signature(
        "partialcorr",
        "command",
        "partial correlation of x and y controlling for covariates: partialcorr x vs y by z1, z2 "
        "in t",
        {"method": _p(CHOICE, choices=("pearson", "spearman")), **ALT, **ALPHA},
        x="required",
        vs="required",
        by=(1, 20),
        vs_and_by=True,
        library="stats.partial_correlation",
    ),
    Signature(
        "mantelhaenszel",
        "command",
        "Cochran-Mantel-Haenszel test and common odds ratio of two 2-level label columns "
        "stratified by a third: mantelhaenszel a vs b by stratum in t (Breslow-Day homogeneity)",
        {"correction": _p(BOOL, help="continuity correction (default true)"), **ALPHA},
        x="required",
        vs="required",
        by=(1, 1),
        vs_and_by=True,
        library="stats.mantel_haenszel",
    ),
    Signature(
        "ftest",
        "command",
        "F test of two variances (x vs y, or y by g with 2 groups)",
        {"ratio": _p("posnum", help="hypothesised variance ratio"), **ALT, **ALPHA},
        x="required",
        vs="optional",
        by=(1, 1),
        library="stats.f_test_variances",
    ),
    Signature(
        "mood",
        "command",
        "Mood's squared-rank test of scale (x vs y, or y by g with 2 groups)",
        {**ALT, **ALPHA},
        x="required",
        vs="optional",
        by=(1, 1),
        library="stats.mood_scale",
    ),
    Signature(
        "fligner",
        "command",
        "Fligner-Killeen test of equal variances (y by g, or x vs y)",
        dict(ALPHA),
        x="required",
        vs="optional",
        by=(1, 1),
        library="stats.fligner",
    ),
    Signature(
        "kstest",
        "command",
        "Kolmogorov-Smirnov test: one sample against dist= (parameters estimated unless "
        "params=[...]), or two samples (x vs y, or y by g)",
        {
            "dist": _p(CHOICE, choices=("norm", "expon", "uniform", "gamma", "weibull", "lognorm")),
            "params": _p(NUMBERS, help="the distribution's parameters in scipy's order"),
            **ALT,
            **ALPHA,
        },
        x="required",
        vs="optional",
        by=(0, 1),
        library="stats.ks_test / ks_2samp",
    ),
    Signature(
        "lilliefors",
        "command",
        "Lilliefors test of normal (dist=norm) or exponential (dist=exp) fit",
        {"dist": _p(CHOICE, choices=("norm", "exp")), **ALPHA},
        x="required",
        library="stats.lilliefors",
    ),
    Signature(
        "describe",
        "command",
        "descriptive statistics: describe x [in t], describe a, b, c in t, describe y by g in t "
        "[method=linear|minitab quartiles] [percentiles=[10, 90]]",
        {
            "method": _p(CHOICE, choices=("linear", "minitab"), help="quartile definition"),
            "percentiles": _p(NUMBERS, help="percentiles (0-100) by the quartiles' rule"),
        },
        x="required",
        by=(0, 1),
        many_x=True,
        library="stats.describe",
    ),
]
_SIGS += [
    # ---- power and sample size ----------------------------------------------------------------
    Signature(
        "power ttest",
        "power",
        "power / sample size of a t-test: give two of effect (Cohen's d), n, power",
        {
            "effect": _p(NUMBER),
            "n": _p(NUMBER),
            "power": _p(PROB),
            "kind": _p(CHOICE, choices=("two-sample", "one-sample", "paired")),
            "ratio": _p(NUMBER),
            **ALT,
            **ALPHA,
        },
        library="stats.power_ttest",
    ),
    Signature(
        "power anova",
        "power",
        "power / sample size of a one-way ANOVA: k groups, two of effect (Cohen's f), n, power",
        {
            "k": _p(INT, True),
            "effect": _p(NUMBER),
            "n": _p(NUMBER),
            "power": _p(PROB),
            **ALPHA,
        },
        library="stats.power_anova",
    ),
    Signature(
        "power proportions",
        "power",
        "power / sample size of a two-proportion test: p1, p2 and one of n, power",
        {
            "p1": _p(PROB, True),
            "p2": _p(PROB, True),
            "n": _p(NUMBER),
            "power": _p(PROB),
            "ratio": _p(NUMBER),
            **ALT,
            **ALPHA,
        },
        library="stats.power_proportions",
    ),
]

# ---- designs (``design NAME = kind(...)``) and their analysis -----------------------------------
FACTORS = {
    "factors": _p(FACTORS_T := "factors", True, help="names [A, B, C] or a count"),
    "low": _p(NUMBERS, help="actual value of each factor at coded -1"),
    "high": _p(NUMBERS, help="actual value of each factor at coded +1"),
}
RUNS = {
    "replicates": _p(POSINT),
    "center": _p(INT, help="centre points"),
    "blocks": _p(POSINT),
    "randomize": _p(BOOL, help="default true"),
    "seed": _p(INT, help="random seed of the run order"),
}
_SIGS += [
    Signature(
        "design full",
        "design",
        "full factorial (two-level, or levels=3 / levels=[3, 2] for a general factorial)",
        {**FACTORS, "levels": _p(LEVELS), **RUNS},
        library="doe.full_factorial",
    ),
    Signature(
        "design fractional",
        "design",
        'two-level fraction 2^(k-p) from generators=["E = ABCD"], resolution= or runs=; '
        "the alias structure is always reported",
        {
            **FACTORS,
            "generators": _p(STRINGS),
            "resolution": _p(INT, choices=("3", "4", "5", "6", "7", "8")),
            "runs": _p(POSINT),
            **RUNS,
        },
        library="doe.fractional_factorial",
    ),
    Signature(
        "design plackett_burman",
        "design",
        "Plackett-Burman screening design",
        {**FACTORS, "runs": _p(POSINT), **RUNS},
        library="doe.plackett_burman",
    ),
    Signature(
        "design ccd",
        "design",
        "central composite design (type circumscribed | inscribed | faced; alpha rotatable | "
        "orthogonal | a number)",
        {
            **FACTORS,
            "alpha": _p(ALPHA_CCD := "ccd_alpha", choices=("rotatable", "orthogonal")),
            "type": _p(CHOICE, choices=("circumscribed", "inscribed", "faced")),
            "center": _p(INT),
            "fraction": _p(INT),
            "replicates": _p(POSINT),
            "randomize": _p(BOOL),
            "seed": _p(INT),
        },
        library="doe.central_composite",
    ),
    Signature(
        "design box_behnken",
        "design",
        "Box-Behnken design",
        {
            **FACTORS,
            "center": _p(INT),
            "replicates": _p(POSINT),
            "randomize": _p(BOOL),
            "seed": _p(INT),
        },
        library="doe.box_behnken",
    ),
    Signature(
        "design lhs",
        "design",
        "Latin hypercube sample of samples= points",
        {
            **FACTORS,
            "samples": _p(POSINT, True),
            "criterion": _p(CHOICE, choices=("maximin",)),
            "centered": _p(BOOL),
            "seed": _p(INT),
        },
        library="doe.latin_hypercube",
    ),
    Signature(
        "design taguchi",
        "design",
        "Taguchi orthogonal array (array=L4 | L8 | L9 | L12 | L16 | L18 | L27)",
        {
            "array": _p(CHOICE, True, choices=("L4", "L8", "L9", "L12", "L16", "L18", "L27")),
            "factors": _p(FACTORS_T),
            "columns": _p(INTS),
            "replicates": _p(POSINT),
            "randomize": _p(BOOL),
            "seed": _p(INT),
        },
        library="doe.taguchi",
    ),
    Signature(
        "analyze",
        "analyze",
        "analyse a design: effects, ANOVA, Lenth's PSE (model=factorial), or a second-order "
        "response surface with stationary point (model=quadratic)",
        {
            "response": _p(DATA, True, help="one value per run, in run order"),
            "model": _p(CHOICE, choices=("factorial", "quadratic")),
            "max_order": _p(POSINT),
            "reduce": _p(CHOICE, choices=("backward",), help="backward hierarchical reduction"),
            **ALPHA,
        },
        library="doe.analyze_factorial / doe.rsm.fit_response_surface",
    ),
]

# ---- desirability over several responses (``goal`` statements, then ``optimize``) --------------
POSNUM, BOUNDS = "posnum", "bounds"
TYPE_WORDS[POSNUM] = "a number > 0"
TYPE_WORDS[BOUNDS] = "one [low, high] pair per factor, e.g. [[-1, 1], [-1, 1]] (coded units)"


def _goal_options(target_required: bool) -> dict[str, Param]:
    return {
        "low": _p(NUMBER, True, help="lowest acceptable response (d = 0 below it)"),
        "high": _p(NUMBER, True, help="highest acceptable response (d = 0 above it)"),
        "target": _p(NUMBER, target_required, help="the best value (default high / low)"),
        "weight": _p(POSNUM, help="shape of d (below the target); default 1"),
        "weight_upper": _p(POSNUM, help="shape of d above a target; default 1"),
        "importance": _p(POSNUM, help="weight in the composite geometric mean; default 1"),
    }


_SIGS += [
    Signature(
        "goal maximize",
        "goal",
        "desirability goal: maximize MODEL between low= and high= (d = 1 at high or target=)",
        _goal_options(False),
        library="doe.Goal",
    ),
    Signature(
        "goal minimize",
        "goal",
        "desirability goal: minimize MODEL between low= and high= (d = 1 at low or target=)",
        _goal_options(False),
        library="doe.Goal",
    ),
    Signature(
        "goal target",
        "goal",
        "desirability goal: hit target= within [low, high]",
        _goal_options(True),
        library="doe.Goal",
    ),
    Signature(
        "optimize",
        "optimize",
        "Derringer-Suich desirability optimum over several responses: optimize g1, g2 "
        "[grid=21] [starts=10] [bounds=[[-1, 1], ...]]",
        {
            "grid": _p(POSINT, help="grid points per factor before polishing (default 21)"),
            "starts": _p(POSINT, help="best grid points polished by L-BFGS-B (default 10)"),
            "bounds": _p(BOUNDS, help="search box in coded units (default [-1, 1] each)"),
        },
        library="doe.desirability",
    ),
]
TYPE_WORDS[FACTORS_T] = "a list of factor names such as [A, B, C], or a count"
TYPE_WORDS[ALPHA_CCD] = "rotatable, orthogonal or a number"

# ---- regression -------------------------------------------------------------------------------
_SIGS += [
    Signature(
        "regress",
        "regress",
        "least-squares regression from a Wilkinson formula (y ~ x + I(x^2) + C(g) + a:b)",
        dict(ALPHA),
        library="regression.ols",
    ),
    Signature(
        "logistic",
        "regress",
        "logistic regression of a two-valued response from a formula",
        dict(ALPHA),
        library="regression.logistic",
    ),
    Signature(
        "predict",
        "command",
        "predictions of a regress result for the rows of a table (in TABLE; the fitted data "
        "when left out), with a confidence interval for the mean or a prediction interval for "
        "a new observation",
        {
            "interval": _p(CHOICE, choices=("none", "confidence", "prediction")),
            **ALPHA,
        },
        x="required",
        x_type=(FIT := "fit"),
        library="regression.OLSResult.predict",
    ),
]
TYPE_WORDS[FIT] = "the name of a regress result (let fit = regress ...)"

# ---- SPC: control charts, rules, capability, gage ---------------------------------------------
RULES = "rules"
TYPE_WORDS[RULES] = (
    "Nelson rule numbers such as [1, 2, 5] (1-8) or names ([same_side, trend]), or all"
)
PHASE2 = {
    "mean": _p(NUMBER, help="phase II: the known centre line"),
    "sigma": _p(NUMBER, help="phase II: the known process sigma"),
}
CHART_COMMON = {
    "rules": _p(RULES, help="Nelson rules to apply (default [1]: a point beyond 3 sigma)"),
    "exclude": _p(BOOL, help="phase I: drop flagged subgroups and re-estimate the limits"),
}
_SIGS += [
    Signature(
        "chart xbar_r",
        "chart",
        "X-bar and R chart (x by subgroup, or size=n consecutive values)",
        {"size": _p(POSINT), **PHASE2, **CHART_COMMON},
        x="required",
        by=(0, 1),
        library="spc.xbar_r",
    ),
    Signature(
        "chart xbar_s",
        "chart",
        "X-bar and S chart (x by subgroup, or size=n)",
        {"size": _p(POSINT), **PHASE2, **CHART_COMMON},
        x="required",
        by=(0, 1),
        library="spc.xbar_s",
    ),
    Signature(
        "chart imr",
        "chart",
        "individuals and moving-range chart",
        {**PHASE2, **CHART_COMMON},
        x="required",
        library="spc.imr",
    ),
    Signature(
        "chart p",
        "chart",
        "p chart: defectives with n=<sample sizes>",
        {"n": _p(DATA, True), "p": _p(PROB, help="phase II proportion"), **CHART_COMMON},
        x="required",
        library="spc.p_chart",
    ),
    Signature(
        "chart np",
        "chart",
        "np chart: defectives with a constant size=n",
        {"size": _p(POSINT, True), "p": _p(PROB), **CHART_COMMON},
        x="required",
        library="spc.np_chart",
    ),
    Signature(
        "chart c",
        "chart",
        "c chart: defect counts",
        {"c": _p(NUMBER), **CHART_COMMON},
        x="required",
        library="spc.c_chart",
    ),
    Signature(
        "chart u",
        "chart",
        "u chart: defect counts with n=<units inspected>",
        {"n": _p(DATA, True), "u": _p(NUMBER), **CHART_COMMON},
        x="required",
        library="spc.u_chart",
    ),
    Signature(
        "chart ewma",
        "chart",
        "EWMA chart (lambda=, L=)",
        {"lambda": _p(PROB), "L": _p(NUMBER), "size": _p(POSINT), **PHASE2},
        x="required",
        by=(0, 1),
        library="spc.ewma",
    ),
    Signature(
        "chart cusum",
        "chart",
        "tabular CUSUM (k=, h= in sigma units)",
        {"k": _p(NONNEG), "h": _p(NUMBER), "size": _p(POSINT), **PHASE2},
        x="required",
        by=(0, 1),
        library="spc.cusum",
    ),
    Signature(
        "nelson",
        "command",
        "Nelson / Western Electric run rules on a series (rules=[1, 2, 5])",
        {"rules": _p(RULES), "center": _p(NUMBER), "sigma": _p(NUMBER)},
        x="required",
        library="spc.nelson_rules",
    ),
    Signature(
        "capability",
        "command",
        "process capability Cp, Cpk, Pp, Ppk, Cpm with CIs and expected PPM; limits inline "
        "(lsl= target= usl=) or from a spec (spec=name)",
        {
            "lsl": _p(NUMBER),
            "target": _p(NUMBER),
            "usl": _p(NUMBER),
            "spec": _p(SPEC),
            "size": _p(POSINT, help="subgroup size of consecutive values"),
            "within": _p(CHOICE, choices=("auto", "pooled", "rbar", "sbar")),
            "confidence": _p(PROB),
        },
        x="required",
        by=(0, 1),
        library="spc.capability",
    ),
    Signature(
        "capsummary",
        "command",
        "capability from a process mean and standard deviation (no values): Cp, Cpk, Cpm and "
        "expected PPM; confidence intervals when n= is given",
        {
            "mean": _p(NUMBER, True),
            "sd": _p(NUMBER, True, help="the process standard deviation"),
            "lsl": _p(NUMBER),
            "target": _p(NUMBER),
            "usl": _p(NUMBER),
            "spec": _p(SPEC),
            "n": _p(POSINT, help="sample size behind the mean and SD (for the CIs)"),
            "confidence": _p(PROB),
        },
        library="spc.capability_summary",
    ),
    Signature(
        "gage",
        "command",
        "Gage R&R by the ANOVA method (measurement by part, operator)",
        {
            "tolerance": _p(NUMBER),
            "k": _p(NUMBER),
            "interaction_alpha": _p(
                PROB, help="remove part x operator when its p >= this (default 0.05, Minitab)"
            ),
        },
        x="required",
        by=(2, 2),
        library="spc.gage_rr",
    ),
]

# ---- symbolic math (``math <verb>``) ------------------------------------------------------------
_SIGS += [
    Signature(
        "math derive",
        "math",
        "derivative: derive EXPR wrt x [order=2]",
        {"order": _p(POSINT)},
        library="symbolic.derive",
    ),
    Signature(
        "math integrate",
        "math",
        "integral: integrate EXPR wrt x [from a to b] [domain=positive]",
        {"domain": _p(CHOICE, choices=("all", "positive"))},
        library="symbolic.integrate",
    ),
    Signature(
        "math limit",
        "math",
        "limit: limit EXPR as x -> a [direction=left|right]",
        {"direction": _p(CHOICE, choices=("both", "left", "right"))},
        library="symbolic.limit",
    ),
    Signature(
        "math solve",
        "math",
        "solve: solve LHS [= RHS] for x [domain=real]",
        {"domain": _p(CHOICE, choices=("complex", "real"))},
        library="symbolic.solve",
    ),
    Signature("math simplify", "math", "simplify EXPR", {}, library="symbolic.simplify"),
    Signature(
        "math series",
        "math",
        "series: series EXPR wrt x [at a] [order=6]",
        {"order": _p(POSINT)},
        library="symbolic.series",
    ),
]

# ---- plots ---------------------------------------------------------------------------------------


def _plot_kinds() -> tuple[str, ...]:
    from havoc_tools.plots import KINDS  # a light module: matplotlib loads only when drawing

    return tuple(dict.fromkeys(k for kinds in KINDS.values() for k in kinds))


_SIGS += [
    Signature(
        "plot",
        "plot",
        'plot RESULT to "file.png" [kind=...]: charts, effects, capability, gage, regression '
        "residuals, Q-Q and fitted-line plots",
        {"kind": _p(CHOICE, choices=_plot_kinds())},
        library="plots.save_plot",
    ),
]


# --- msa --- measurement systems beyond the crossed Gage R&R (spc.msa)
_SIGS += [
    Signature(
        "gage_type1",
        "command",
        "Type 1 gage study: Cg, Cgk and the bias t-test of repeated readings of one reference "
        "part (gage_type1 x reference=10 tolerance=0.6, or lsl= usl=)",
        {
            "reference": _p(NUMBER, True, help="the reference part's true value"),
            "tolerance": _p(POSNUM, help="USL - LSL (or give lsl= and usl=)"),
            "lsl": _p(NUMBER),
            "usl": _p(NUMBER),
            "percent": _p(POSNUM, help="K: percent of the tolerance the gage may use (default 20)"),
            "k": _p(POSNUM, help="study variation in standard deviations (default 6)"),
            "limit": _p(POSNUM, help="the minimum Cg and Cgk (default 1.33)"),
            "resolution": _p(POSNUM, help="gage resolution, checked against 5% of tolerance"),
            **ALPHA,
        },
        x="required",
        library="spc.gage_type1",
    ),
    Signature(
        "gage_linearity",
        "command",
        "gage linearity and bias (AIAG): bias regressed on the reference value, bias t-test per "
        "reference (gage_linearity m [by part] in t reference=ref [process_variation=6 sigma])",
        {
            "reference": _p(COLUMN, True, help="column of each reading's reference value"),
            "process_variation": _p(POSNUM, help="6 sigma of the process or the tolerance"),
            "method": _p(
                CHOICE,
                choices=("range", "stdev"),
                help="repeatability for the bias tests: range (Minitab, default) or stdev (AIAG)",
            ),
            **ALPHA,
        },
        x="required",
        by=(0, 1),
        library="spc.gage_linearity",
    ),
    Signature(
        "agreement",
        "command",
        "attribute agreement analysis: within and between appraisers and against a standard, "
        "% matched with exact CIs and Fleiss' kappa (agreement rating by appraiser in t "
        "sample=item [standard=known])",
        {
            "sample": _p(COLUMN, True, help="the item rated"),
            "standard": _p(COLUMN, help="each item's known rating"),
            "confidence": _p(PROB, help="level of the % matched intervals (default 0.95)"),
        },
        x="required",
        by=(1, 1),
        library="spc.attribute_agreement",
    ),
    Signature(
        "kappa",
        "command",
        "Cohen's kappa of two raters (kappa a vs b) with its interval and the exact interval "
        "of % agreement",
        {"confidence": _p(PROB, help="default 0.95")},
        x="required",
        vs="required",
        library="spc.cohen_kappa",
    ),
    Signature(
        "gage_nested",
        "command",
        "nested Gage R&R, parts nested within operators (destructive tests): "
        "gage_nested m by part, operator in t",
        {"tolerance": _p(POSNUM), "k": _p(POSNUM, help="study variation multiplier (6)")},
        x="required",
        by=(2, 2),
        library="spc.gage_nested",
    ),
]
# --- end msa ---
# --- capability --- (non-normal capability, transformations, tolerance intervals)
# The fitted distributions, written out so that parsing and checking never import scipy; a test
# keeps this tuple equal to havoc_tools.spc.nonnormal.DISTRIBUTIONS.
CAPABILITY_DISTS = (
    "normal",
    "lognormal",
    "weibull",
    "weibull3",
    "gamma",
    "exponential",
    "logistic",
    "sev",
    "lev",
)
SPEC_LIMITS = {
    "lsl": _p(NUMBER),
    "usl": _p(NUMBER),
    "spec": _p(SPEC),
}
_SIGS = [
    s
    if s.key != "capability"
    else dataclasses.replace(
        s,
        summary=s.summary
        + "; non-normal: dist=weibull|lognormal|gamma|... (percentile Pp, Ppk) or "
        "transform=boxcox|johnson (indices on the transformed scale)",
        options={
            **s.options,
            "dist": _p(
                CHOICE, choices=CAPABILITY_DISTS, help="fit this distribution (default normal)"
            ),
            "transform": _p(
                CHOICE,
                choices=("none", "boxcox", "johnson"),
                help="transform data and limits to normality first",
            ),
            "lambda": _p(NUMBER, help="Box-Cox: use this lambda instead of the optimum"),
            "round": _p(BOOL, help="Box-Cox: round lambda to 0.5 when inside its CI (default)"),
        },
        library=s.library + " / spc.capability_nonnormal / spc.capability_transformed",
    )
    for s in _SIGS
]
_SIGS += [
    Signature(
        "boxcox",
        "command",
        "Box-Cox transformation: lambda by maximum likelihood with its 95% CI (round=true: "
        "nearest 0.5 inside the CI; lambda= fixes it; shift= adds a constant first)",
        {
            "lambda": _p(NUMBER, help="use this lambda (between -5 and 5)"),
            "round": _p(BOOL, help="round the optimum to the nearest 0.5 when inside its CI"),
            "shift": _p(NUMBER, help="added to every value before transforming"),
        },
        x="required",
        library="spc.boxcox_transform",
    ),
    Signature(
        "johnson",
        "command",
        "Johnson transformation to normality (SB, SL or SU chosen as Minitab does, by the "
        "Anderson-Darling p-value)",
        {"criterion": _p(PROB, help="p-value a transformation must exceed (default 0.10)")},
        x="required",
        library="spc.johnson_transform",
    ),
    Signature(
        "distid",
        "command",
        "individual distribution identification: fit normal, lognormal, Weibull (2 and 3 "
        "parameter), gamma, exponential, logistic, extreme values, Box-Cox and Johnson; "
        "Anderson-Darling for each, sorted (Pp and Ppk when limits are given)",
        dict(SPEC_LIMITS),
        x="required",
        library="spc.identify_distribution",
    ),
    Signature(
        "tolerance",
        "command",
        "tolerance interval: at least coverage= of the population with confidence=; sides=2 "
        "(interval) or 1 (lower and upper bounds); method=normal (exact), howe or nonparametric",
        {
            "coverage": _p(PROB, help="proportion of the population (default 0.95)"),
            "confidence": _p(PROB, help="confidence level (default 0.95)"),
            "sides": _p(INT, choices=("1", "2"), help="2: interval (default); 1: bounds"),
            "method": _p(CHOICE, choices=("normal", "howe", "nonparametric")),
        },
        x="required",
        library="stats.tolerance_interval",
    ),
]
# --- doe --- (fold-over, definitive screening, D-optimal and mixture designs)
DESIGN_REF = "design_ref"
TYPE_WORDS[DESIGN_REF] = "the name of a design statement"
_SEEDED = {"randomize": _p(BOOL, help="default true"), "seed": _p(INT)}
_SIGS += [
    Signature(
        "design foldover",
        "design",
        "fold-over of a two-level design: all signs switched, or only those of fold=[D]; "
        "reports the combined alias structure",
        {
            "design": _p(DESIGN_REF, True, help="the design to fold"),
            "fold": _p(NAMES, help="factors whose signs switch (default: all)"),
            "block": _p(BOOL, help="put the new runs in their own block(s)"),
            **_SEEDED,
        },
        library="doe.foldover",
    ),
    Signature(
        "design dsd",
        "design",
        "definitive screening design (Jones-Nachtsheim, from a conference matrix): 2m+1 runs",
        {
            **FACTORS,
            "extra": _p(INT, help="fake factors: a larger conference matrix, columns dropped"),
            "center": _p(INT, help="centre runs (default 1)"),
            **_SEEDED,
        },
        library="doe.definitive_screening",
    ),
    Signature(
        "design doptimal",
        "design",
        'D-optimal design of runs= runs for model=linear | interactions | quadratic or terms="A '
        '+ B + A:B" (Fedorov exchange over a grid of levels= per factor); augment=d adds runs= '
        "runs to design d",
        {
            **FACTORS,
            "factors": _p(FACTORS_T, help="names [A, B, C] or a count (not with augment=)"),
            "augment": _p(DESIGN_REF, help="a design whose runs stay; runs= new runs are added"),
            "runs": _p(POSINT, True),
            "model": _p(CHOICE, choices=("linear", "interactions", "quadratic")),
            "terms": _p(STRING, help='formula terms over the factor names, e.g. "A + B + A:B"'),
            "levels": _p(POSINT, help="grid levels per factor (default 2, 3 for quadratic)"),
            "starts": _p(POSINT, help="random starts (default 20)"),
            **_SEEDED,
        },
        library="doe.d_optimal",
    ),
    Signature(
        "design mixture",
        "design",
        "mixture design: simplex lattice {q, degree} or simplex centroid, optional axial "
        "points and lower bounds (pseudo-components)",
        {
            "factors": _p(FACTORS_T, True, help="components: names [A, B, C] or a count"),
            "type": _p(CHOICE, choices=("lattice", "centroid")),
            "degree": _p(POSINT, help="lattice degree m (default 2)"),
            "axial": _p(BOOL, help="add the axial check blends"),
            "centroid": _p(BOOL, help="add the overall centroid"),
            "lower": _p(NUMBERS, help="lower bound of each component (proportions)"),
            "total": _p(POSNUM, help="the amounts sum to this (default 1)"),
            "replicates": _p(POSINT),
            **_SEEDED,
        },
        library="doe.mixture_design",
    ),
]
# --- end doe ---


def math_functions() -> tuple[str, ...]:
    """Functions the symbolic grammar knows (sin, exp, log, ...)."""
    from havoc_tools.symbolic.grammar import FUNCTIONS

    return tuple(sorted(FUNCTIONS))


# --- spcpower ---
# Laney p'/u' and Z-MR charts, ARL of Shewhart/EWMA/CUSUM, power for one proportion, TOST and
# 2-level factorials, power curves. POWER_SOLVE names, per power kind whose trio differs from
# (effect, n, power), the quantities of which all but exactly one are given.
POWER_SOLVE = {
    "power proportion": ("n", "power"),
    "power tost": ("n", "power"),
    "power factorial": ("effect", "replicates", "power"),
}
_SIGS += [
    Signature(
        "chart laney_p",
        "chart",
        "Laney p' chart for over-dispersed proportions: defectives with n=<sample sizes>",
        {
            "n": _p(DATA, True),
            "p": _p(PROB, help="phase II proportion"),
            "sigma_z": _p(POSNUM, help="fix the dispersion factor (default MR-bar(z)/1.128)"),
            "rules": CHART_COMMON["rules"],
        },
        x="required",
        library="spc.laney_p",
    ),
    Signature(
        "chart laney_u",
        "chart",
        "Laney u' chart for over-dispersed rates: defect counts with n=<units inspected>",
        {
            "n": _p(DATA, True),
            "u": _p(POSNUM, help="phase II defects per unit"),
            "sigma_z": _p(POSNUM, help="fix the dispersion factor (default MR-bar(z)/1.128)"),
            "rules": CHART_COMMON["rules"],
        },
        x="required",
        library="spc.laney_u",
    ),
    Signature(
        "chart zmr",
        "chart",
        "short-run Z-MR chart: x by part, each value standardised by its part's mean and sigma "
        "(method=parts | constant | known with means=[...] sigmas=[...] in order of first "
        "appearance)",
        {
            "method": _p(CHOICE, choices=("parts", "constant", "known")),
            "means": _p(NUMBERS, help="method=known: one mean per part"),
            "sigmas": _p(NUMBERS, help="method=known: one sigma per part"),
            "rules": CHART_COMMON["rules"],
        },
        x="required",
        by=(1, 1),
        library="spc.zmr",
    ),
    Signature(
        "arl",
        "command",
        "average run length for mean shifts: arl chart=shewhart|ewma|cusum shifts=[0, 0.5, 1] "
        "(rules= | lambda= L= | k= h=)",
        {
            "chart": _p(CHOICE, True, choices=("shewhart", "ewma", "cusum")),
            "shifts": _p(NUMBERS, help="mean shifts in sigma units (default 0 to 4)"),
            "rules": _p(RULES, help="shewhart: Nelson rules (default [1])"),
            "lambda": _p(POSNUM, help="ewma: weight in (0, 1] (default 0.2)"),
            "L": _p(POSNUM, help="ewma: limit width (default 3)"),
            "k": _p(NONNEG, help="cusum: reference value (default 0.5)"),
            "h": _p(POSNUM, help="cusum: decision interval (default 5)"),
            "size": _p(POSINT, help="subgroup size: shifts are in process sigma"),
            "two_sided": _p(BOOL, help="cusum: both sides (default true)"),
            "states": _p(POSINT, help="Markov chain states (ewma, cusum)"),
            "n_sim": _p(POSINT, help="shewhart with rule 3 or 4: Monte Carlo runs"),
            "seed": _p(INT),
        },
        library="spc.arl",
    ),
    Signature(
        "power proportion",
        "power",
        "power / sample size of a one-proportion test: p (true), p0 and one of n, power "
        "(method=exact binomial or normal)",
        {
            "p": _p(PROB, True),
            "p0": _p(PROB, True),
            "n": _p(NUMBER),
            "power": _p(PROB),
            "method": _p(CHOICE, choices=("exact", "normal")),
            **ALT,
            **ALPHA,
        },
        library="stats.power_proportion",
    ),
    Signature(
        "power tost",
        "power",
        "power / sample size of a TOST equivalence test within [low, high]: diff (true), sigma "
        "and one of n, power",
        {
            "low": _p(NUMBER, True),
            "high": _p(NUMBER, True),
            "diff": _p(NUMBER, help="true difference (default 0)"),
            "sigma": _p(POSNUM, help="standard deviation (default 1)"),
            "n": _p(NUMBER),
            "power": _p(PROB),
            "kind": _p(CHOICE, choices=("two-sample", "one-sample", "paired")),
            "ratio": _p(POSNUM),
            **ALPHA,
        },
        library="stats.power_tost",
    ),
    Signature(
        "power factorial",
        "power",
        "power / replicates of a 2-level factorial: factors, sigma, and two of effect, "
        "replicates, power (runs= corner points, center=, terms=)",
        {
            "factors": _p(POSINT, True),
            "effect": _p(NUMBER, help="mean at high minus mean at low"),
            "replicates": _p(POSINT),
            "power": _p(PROB),
            "sigma": _p(POSNUM, help="default 1"),
            "runs": _p(POSINT, help="corner points per replicate (default 2^factors)"),
            "center": _p(INT, help="centre points (default 0)"),
            "terms": _p(POSINT, help="model terms besides the constant (default all)"),
            "center_term": _p(BOOL, help="fit a centre-point term (default true)"),
            **ALPHA,
        },
        library="stats.power_factorial",
    ),
    Signature(
        "powercurve",
        "command",
        "power over a range: powercurve test=ttest|anova|proportions|proportion|tost|factorial "
        "vary=n|effect|replicates values=[...] and the test's other settings",
        {
            "test": _p(
                CHOICE,
                True,
                choices=("ttest", "anova", "proportions", "proportion", "tost", "factorial"),
            ),
            "vary": _p(CHOICE, choices=("n", "effect", "replicates", "p", "p1", "diff")),
            "values": _p(NUMBERS, True, help="the values of the varied quantity"),
            "target": _p(PROB, help="target power line (default 0.8)"),
            "effect": _p(NUMBER),
            "n": _p(NUMBER),
            "k": _p(INT),
            "kind": _p(CHOICE, choices=("two-sample", "one-sample", "paired")),
            "ratio": _p(POSNUM),
            "p": _p(PROB),
            "p0": _p(PROB),
            "p1": _p(PROB),
            "p2": _p(PROB),
            "method": _p(CHOICE, choices=("exact", "normal")),
            "low": _p(NUMBER),
            "high": _p(NUMBER),
            "diff": _p(NUMBER),
            "sigma": _p(POSNUM),
            "factors": _p(POSINT),
            "replicates": _p(POSINT),
            "runs": _p(POSINT),
            "center": _p(INT),
            "terms": _p(POSINT),
            **ALT,
            **ALPHA,
        },
        library="stats.power_curve",
    ),
]
# options that only some settings of a selector option take: the checker reports the others at
# the option itself ("arl chart=ewma k=0.5": k is for chart=cusum)
_COMMON_ARL = ("chart", "shifts", "size")
_COMMON_CURVE = ("test", "vary", "values", "target", "alpha")
OPTION_GROUPS: dict[str, tuple[str, dict[str, tuple[str, ...]]]] = {
    "arl": (
        "chart",
        {
            "shewhart": (*_COMMON_ARL, "rules", "n_sim", "seed"),
            "ewma": (*_COMMON_ARL, "lambda", "L", "states"),
            "cusum": (*_COMMON_ARL, "k", "h", "two_sided", "states"),
        },
    ),
    "powercurve": (
        "test",
        {
            "ttest": (*_COMMON_CURVE, "alternative", "effect", "n", "kind", "ratio"),
            "anova": (*_COMMON_CURVE, "effect", "n", "k"),
            "proportions": (*_COMMON_CURVE, "alternative", "p1", "p2", "n", "ratio"),
            "proportion": (*_COMMON_CURVE, "alternative", "p", "p0", "n", "method"),
            "tost": (*_COMMON_CURVE, "low", "high", "diff", "sigma", "n", "kind", "ratio"),
            "factorial": (
                *_COMMON_CURVE,
                "factors",
                "effect",
                "replicates",
                "sigma",
                "runs",
                "center",
                "terms",
            ),
        },
    ),
}
# --- end spcpower ---

SIGNATURES: dict[str, Signature] = {s.key: s for s in _SIGS}


def command_verbs() -> list[str]:
    return sorted(k for k, s in SIGNATURES.items() if s.form == "command")


def kinds(form: str) -> list[str]:
    """The kinds of a ``chart``/``power``/``design`` statement (``xbar_r``, ``ttest``, ...)."""
    return sorted(k.split()[1] for k, s in SIGNATURES.items() if s.form == form)


def statement_words() -> set[str]:
    """Every word that can start a statement (for "did you mean")."""
    return set(command_verbs())
