"""One binding per signature key: DSL statement → the havoc_tools library call.

Bindings import the library inside the function, so parsing and checking never load scipy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from havoc_tools.dsl import ast as A
from havoc_tools.dsl.executor import Context, PlotResult

Binding = Callable[[Context, Any], Any]
BINDINGS: dict[str, Binding] = {}


def binds(key: str) -> Callable[[Binding], Binding]:
    def deco(fn: Binding) -> Binding:
        BINDINGS[key] = fn
        return fn

    return deco


def _common(ctx: Context, s: Any, *keys: str) -> dict[str, Any]:
    out = {}
    for k in keys:
        v = ctx.opt(s, k)
        if v is not None:
            out[k] = v
    return out


# ---- tests ------------------------------------------------------------------------------------


@binds("ttest")
def _ttest(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import stats as st

    kw = _common(ctx, s, "alternative", "alpha", "mu")
    if s.by:
        df, names = ctx.long_frame(s.x, s.by, s.table)
        return st.ttest_ind(
            df, dv=names[0], group=names[1], equal_var=bool(ctx.opt(s, "equal_var", False)), **kw
        )
    x = ctx.vector(s.x, s.table)
    if s.vs is None:
        return st.ttest_1samp(x, **kw)
    y = ctx.vector(s.vs, s.table)
    if ctx.opt(s, "paired", False):
        return st.ttest_paired(x, y, **kw)
    return st.ttest_ind(x, y, equal_var=bool(ctx.opt(s, "equal_var", False)), **kw)


@binds("tost")
def _tost(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import stats as st

    y = ctx.vector(s.vs, s.table) if s.vs is not None else None
    return st.tost(
        ctx.vector(s.x, s.table),
        y,
        low=ctx.opt(s, "low"),
        high=ctx.opt(s, "high"),
        **_common(ctx, s, "paired", "equal_var", "alpha"),
    )


@binds("mannwhitney")
def _mann_whitney(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import stats as st

    kw = _common(ctx, s, "alternative", "alpha", "method")
    if s.by:
        df, names = ctx.long_frame(s.x, s.by, s.table)
        return st.mann_whitney(df, dv=names[0], group=names[1], **kw)
    return st.mann_whitney(ctx.vector(s.x, s.table), ctx.vector(s.vs, s.table), **kw)


@binds("wilcoxon")
def _wilcoxon(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import stats as st

    y = ctx.vector(s.vs, s.table) if s.vs is not None else None
    kw = _common(ctx, s, "alternative", "alpha", "method")
    return st.wilcoxon(ctx.vector(s.x, s.table), y, **kw)


@binds("shapiro")
def _shapiro(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import stats as st

    return st.shapiro_wilk(ctx.vector(s.x, s.table), **_common(ctx, s, "alpha"))


@binds("anderson")
def _anderson(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import stats as st

    return st.anderson_darling(ctx.vector(s.x, s.table), **_common(ctx, s, "alpha"))


def _grouped(fn_name: str, *keys: str) -> Binding:
    def run(ctx: Context, s: A.Command) -> Any:
        from havoc_tools import stats as st

        by = s.by
        if not by and s.vs is not None:  # "levene a vs b": two samples given side by side
            return getattr(st, fn_name)(
                ctx.vector(s.x, s.table), ctx.vector(s.vs, s.table), **_common(ctx, s, *keys)
            )
        df, names = ctx.long_frame(s.x, by, s.table)
        return getattr(st, fn_name)(df, dv=names[0], group=names[1], **_common(ctx, s, *keys))

    return run


BINDINGS["tukey"] = _grouped("tukey_hsd", "alpha")
BINDINGS["gameshowell"] = _grouped("games_howell", "alpha")
BINDINGS["kruskal"] = _grouped("kruskal_wallis", "alpha")
BINDINGS["levene"] = _grouped("levene", "alpha", "center")
BINDINGS["bartlett"] = _grouped("bartlett", "alpha")


@binds("anova")
def _anova(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import stats as st

    alpha = _common(ctx, s, "alpha")
    opts = ctx.options(s)
    if "subject" in opts:
        subj = opts["subject"]
        df, names = ctx.long_frame(s.x, s.by, s.table, extra=(subj,))
        return st.anova_rm(df, dv=names[0], within=names[1], subject=names[-1], **alpha)
    df, names = ctx.long_frame(s.x, s.by, s.table)
    if len(s.by) == 2:
        return st.anova_twoway(
            df, dv=names[0], factors=names[1:3], typ=int(ctx.opt(s, "typ", 2)), **alpha
        )
    if ctx.opt(s, "welch", False):
        return st.welch_anova(df, dv=names[0], group=names[1], **alpha)
    return st.anova_oneway(df, dv=names[0], group=names[1], **alpha)


def _count_table(ctx: Context, s: A.Command) -> Any:
    """A table of counts: given as [[..], [..]], or cross-tabulated from two label columns."""
    import numpy as np
    import pandas as pd

    if s.vs is not None:
        a, b = ctx.vector(s.x, s.table), ctx.vector(s.vs, s.table)
        if len(a) != len(b):
            raise ctx.fail(s.vs, f"the two columns have different lengths ({len(a)} and {len(b)})")
        return pd.crosstab(pd.Series(a, name="x"), pd.Series(b, name="y")).to_numpy()
    if isinstance(s.x, A.ListValue) and s.x.items and isinstance(s.x.items[0], A.ListValue):
        return np.asarray(ctx.scalar(s.x), dtype=np.float64)
    return None


@binds("chisq")
def _chisq(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import stats as st

    table = _count_table(ctx, s)
    if table is not None:
        return st.chi2_independence(table, **_common(ctx, s, "correction", "alpha"))
    observed = ctx.vector(s.x, s.table)
    return st.chi2_gof(observed, **_common(ctx, s, "expected", "probs", "ddof", "alpha"))


@binds("fisher")
def _fisher(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import stats as st

    table = _count_table(ctx, s)
    if table is None:
        raise ctx.fail(s.x, "fisher needs a 2x2 table of counts, or two label columns (a vs b)")
    return st.fisher_exact(table, **_common(ctx, s, "alternative", "alpha"))


@binds("proportion")
def _proportion(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import stats as st

    x, n = ctx.opt(s, "x"), ctx.opt(s, "n")
    if isinstance(x, list) != isinstance(n, list):
        raise ctx.fail(s, "give x and n both as numbers (one sample) or both as pairs (two)")
    if isinstance(x, list):
        return st.prop_test_2(
            x[0], n[0], x[1], n[1], **_common(ctx, s, "alternative", "correction", "alpha")
        )
    return st.prop_test_1(
        x, n, **_common(ctx, s, "p0", "alternative", "method", "correction", "alpha")
    )


# ---- power ------------------------------------------------------------------------------------


@binds("power ttest")
def _power_t(ctx: Context, s: A.PowerStmt) -> Any:
    from havoc_tools import stats as st

    return st.power_ttest(
        effect_size=ctx.opt(s, "effect"),
        n=ctx.opt(s, "n"),
        power=ctx.opt(s, "power"),
        **_common(ctx, s, "alpha", "kind", "alternative", "ratio"),
    )


@binds("power anova")
def _power_anova(ctx: Context, s: A.PowerStmt) -> Any:
    from havoc_tools import stats as st

    return st.power_anova(
        effect_size=ctx.opt(s, "effect"),
        n=ctx.opt(s, "n"),
        power=ctx.opt(s, "power"),
        **_common(ctx, s, "k", "alpha"),
    )


@binds("power proportions")
def _power_prop(ctx: Context, s: A.PowerStmt) -> Any:
    from havoc_tools import stats as st

    return st.power_proportions(
        ctx.opt(s, "p1"),
        ctx.opt(s, "p2"),
        n=ctx.opt(s, "n"),
        power=ctx.opt(s, "power"),
        **_common(ctx, s, "alpha", "alternative", "ratio"),
    )


# ---- designs ----------------------------------------------------------------------------------


def design_factors(ctx: Context, s: A.DesignStmt, *, two_level: bool = True) -> Any:
    """factors=[A, B] or factors=3, with optional low=[..] high=[..] (actual units)."""
    f = ctx.opt(s, "factors")
    names = f if isinstance(f, list) else None
    low, high = ctx.opt(s, "low"), ctx.opt(s, "high")
    if low is None and high is None:
        return f
    if low is None or high is None:
        raise ctx.fail(s, "give both low=[...] and high=[...] (one value per factor)")
    if names is None:
        from havoc_tools.dsl.checker import design_letters

        names = design_letters(int(f))
    if len(low) != len(names) or len(high) != len(names):
        raise ctx.fail(s, f"low/high need one value per factor ({len(names)})")
    return {n: (lo, hi) for n, lo, hi in zip(names, low, high, strict=True)}


def _design_kw(ctx: Context, s: A.DesignStmt, mapping: dict[str, str]) -> dict[str, Any]:
    out = {}
    for dsl_key, lib_key in mapping.items():
        v = ctx.opt(s, dsl_key)
        if v is not None:
            out[lib_key] = v
    return out


_RUN_OPTS = {
    "replicates": "replicates",
    "center": "center_points",
    "blocks": "blocks",
    "randomize": "randomize",
    "seed": "seed",
}


def run_design(ctx: Context, s: A.DesignStmt) -> Any:
    from havoc_tools import doe

    kind = s.kind
    if kind == "full":
        kw = _design_kw(ctx, s, {**_RUN_OPTS, "levels": "levels"})
        return doe.full_factorial(design_factors(ctx, s), **kw)
    if kind == "fractional":
        kw = _design_kw(
            ctx,
            s,
            {**_RUN_OPTS, "generators": "generators", "resolution": "resolution", "runs": "runs"},
        )
        return doe.fractional_factorial(design_factors(ctx, s), **kw)
    if kind == "plackett_burman":
        kw = _design_kw(ctx, s, {**_RUN_OPTS, "runs": "runs"})
        return doe.plackett_burman(design_factors(ctx, s), **kw)
    if kind == "ccd":
        kw = _design_kw(
            ctx,
            s,
            {
                "alpha": "alpha",
                "type": "design",
                "center": "center_points",
                "fraction": "fraction",
                "replicates": "replicates",
                "randomize": "randomize",
                "seed": "seed",
            },
        )
        return doe.central_composite(design_factors(ctx, s), **kw)
    if kind == "box_behnken":
        kw = _design_kw(
            ctx,
            s,
            {
                "center": "center_points",
                "replicates": "replicates",
                "randomize": "randomize",
                "seed": "seed",
            },
        )
        return doe.box_behnken(design_factors(ctx, s), **kw)
    if kind == "lhs":
        kw = _design_kw(ctx, s, {"criterion": "criterion", "centered": "centered", "seed": "seed"})
        return doe.latin_hypercube(design_factors(ctx, s), int(ctx.opt(s, "samples")), **kw)
    if kind == "taguchi":
        kw = _design_kw(
            ctx,
            s,
            {
                "columns": "columns",
                "replicates": "replicates",
                "randomize": "randomize",
                "seed": "seed",
            },
        )
        return doe.taguchi(str(ctx.opt(s, "array")), ctx.opt(s, "factors"), **kw)
    raise ctx.fail(s, f"unknown design kind '{kind}'")  # pragma: no cover - the checker stops it


@binds("analyze")
def _analyze(ctx: Context, s: A.AnalyzeStmt) -> Any:
    from havoc_tools import doe

    design = ctx.lookup(s, s.design)
    opts = ctx.options(s)
    y = ctx.vector(opts["response"])
    if len(y) != design.n_runs:
        raise ctx.fail(
            opts["response"],
            f"the response has {len(y)} values but design {s.design} has {design.n_runs} runs",
            "give one response per run, in run order",
        )
    name = ctx.label(opts["response"], "y")
    if ctx.opt(s, "model", "factorial") == "quadratic":
        from havoc_tools.doe.rsm import fit_response_surface

        return fit_response_surface(design, y, response_name=name)
    kw = _common(ctx, s, "max_order", "alpha")
    return doe.analyze_factorial(design, y, response_name=name, **kw)


# ---- dispatch ---------------------------------------------------------------------------------


def statement_key(s: Any) -> str:
    if isinstance(s, A.Command):
        return s.verb
    if isinstance(s, A.ChartStmt):
        return f"chart {s.kind}"
    if isinstance(s, A.PowerStmt):
        return f"power {s.test}"
    if isinstance(s, A.RegressStmt):
        return s.verb
    if isinstance(s, A.AnalyzeStmt):
        return "analyze"
    if isinstance(s, A.MathStmt):
        return f"math {s.verb}"
    raise TypeError(type(s).__name__)  # pragma: no cover


def run_analysis(ctx: Context, s: Any) -> tuple[Any, str]:
    key = statement_key(s)
    fn = BINDINGS.get(key)
    if fn is None:
        raise ctx.fail(s, f"'{key}' is not available in this version")
    return fn(ctx, s), key


def run_plot(ctx: Context, s: A.PlotStmt) -> PlotResult:
    from havoc_tools.dsl.plotting import draw

    obj = ctx.lookup(s, s.target)
    path = ctx.plot_path(s, s.path)
    kind = draw(ctx, s, obj, path)
    ctx.plots.append(str(path))
    return PlotResult(s.target, kind, str(path))
