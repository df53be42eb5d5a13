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


@binds("tsummary")
def _tsummary(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import stats as st

    n, mean, sd = ctx.opt(s, "n"), ctx.opt(s, "mean"), ctx.opt(s, "sd")
    if len({isinstance(v, list) for v in (n, mean, sd)}) != 1:
        raise ctx.fail(s, "give n, mean and sd all as numbers (one sample) or all as pairs (two)")
    return st.ttest_summary(
        n, mean, sd, **_common(ctx, s, "mu", "equal_var", "alternative", "alpha")
    )


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
            samples = {ctx.label(s.x, "x"): ctx.vector(s.x, s.table)}
            samples[_other_label(ctx, s)] = ctx.vector(s.vs, s.table)
            return getattr(st, fn_name)(samples, **_common(ctx, s, *keys))
        df, names = ctx.long_frame(s.x, by, s.table)
        return getattr(st, fn_name)(df, dv=names[0], group=names[1], **_common(ctx, s, *keys))

    return run


BINDINGS["tukey"] = _grouped("tukey_hsd", "alpha")
BINDINGS["gameshowell"] = _grouped("games_howell", "alpha")


# ---- multiple comparisons and related samples (stats.multiple) --------------------------------


@binds("padjust")
def _padjust(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import stats as st

    return st.p_adjust(ctx.vector(s.x, s.table), **_common(ctx, s, "method", "alpha"))


@binds("dunnett")
def _dunnett(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import stats as st

    df, names = ctx.long_frame(s.x, s.by, s.table)
    kw = _common(ctx, s, "control", "alternative", "alpha")
    return st.dunnett(df, dv=names[0], group=names[1], **kw)


def _subjects_by_conditions(ctx: Context, s: A.Command) -> Any:
    """Long data (y by condition subject=id) as a subjects x conditions table."""
    df, names = ctx.long_frame(s.x, s.by, s.table, extra=(ctx.options(s)["subject"],))
    y, cond, subj = names[0], names[1], names[-1]
    if df.duplicated([subj, cond]).any():
        raise ctx.fail(s, f"some subject has more than one {y} for the same {cond}")
    wide = df.pivot(index=subj, columns=cond, values=y)
    if wide.isna().any().any():
        raise ctx.fail(s, f"every subject needs a {y} for every {cond} (some are missing)")
    return wide


@binds("friedman")
def _friedman(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import stats as st

    return st.friedman(_subjects_by_conditions(ctx, s), **_common(ctx, s, "alpha"))


@binds("mcnemar")
def _mcnemar(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import stats as st

    table = _count_table(ctx, s)
    if table is None:
        raise ctx.fail(s.x, "mcnemar needs a 2x2 table of counts, or two paired columns (a vs b)")
    return st.mcnemar(table, **_common(ctx, s, "exact", "alpha"))


@binds("cochranq")
def _cochranq(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import stats as st

    return st.cochran_q(_subjects_by_conditions(ctx, s), **_common(ctx, s, "alpha"))


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
    """A table of counts: given as [[..], [..]], or cross-tabulated from two label columns
    (``a vs b`` or ``a by b``; the labelled table keeps its row and column names)."""
    import numpy as np

    from havoc_tools.stats import crosstab

    other = s.vs if s.vs is not None else (s.by[0] if s.by else None)
    if other is not None:
        a, b = ctx.vector(s.x, s.table), ctx.vector(other, s.table)
        if len(a) != len(b):
            raise ctx.fail(other, f"the two columns have different lengths ({len(a)} and {len(b)})")
        return crosstab(a, b, names=(ctx.label(s.x, "a"), ctx.label(other, "b")))
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


# ---- correlation, contingency, variances, distribution fit, descriptive statistics -----------


def _two_or_grouped(ctx: Context, s: A.Command) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """``x vs y`` -> two named samples; ``y by g`` -> a long frame with dv= and group=."""
    if s.by:
        df, names = ctx.long_frame(s.x, s.by, s.table)
        return (df,), {"dv": names[0], "group": names[1]}
    x, y = ctx.vector(s.x, s.table), ctx.vector(s.vs, s.table)
    return ({ctx.label(s.x, "x"): x, _other_label(ctx, s): y},), {}


def _other_label(ctx: Context, s: A.Command) -> str:
    first, second = ctx.label(s.x, "x"), ctx.label(s.vs, "y")
    return second if second != first else second + "_2"


@binds("correlate")
def _correlate(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import stats as st

    x, y = ctx.vector(s.x, s.table), ctx.vector(s.vs, s.table)
    names = (ctx.label(s.x, "x"), _other_label(ctx, s))
    return st.correlation(x, y, names=names, **_common(ctx, s, "method", "alternative", "alpha"))


@binds("partialcorr")
def _partialcorr(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import stats as st

    df, names = ctx.long_frame(s.x, (s.vs, *s.by), s.table)
    kw = _common(ctx, s, "method", "alternative", "alpha")
    return st.partial_correlation(df, names[0], names[1], covar=names[2:], **kw)


@binds("mantelhaenszel")
def _mantelhaenszel(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import stats as st

    df, names = ctx.long_frame(s.x, (s.vs, *s.by), s.table)
    return st.mantel_haenszel(
        data=df, a=names[0], b=names[1], strata=names[2], **_common(ctx, s, "correction", "alpha")
    )


def _spread(fn_name: str, *keys: str) -> Binding:
    def run(ctx: Context, s: A.Command) -> Any:
        from havoc_tools import stats as st

        args, kw = _two_or_grouped(ctx, s)
        return getattr(st, fn_name)(*args, **kw, **_common(ctx, s, *keys))

    return run


BINDINGS["ftest"] = _spread("f_test_variances", "ratio", "alternative", "alpha")
BINDINGS["mood"] = _spread("mood_scale", "alternative", "alpha")
BINDINGS["fligner"] = _spread("fligner", "alpha")


@binds("kstest")
def _kstest(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import stats as st

    if s.vs is not None or s.by:
        if ctx.opt(s, "dist") is not None or ctx.opt(s, "params") is not None:
            raise ctx.fail(s, "the two-sample KS test takes no dist= or params=")
        args, kw = _two_or_grouped(ctx, s)
        return st.ks_2samp(*args, **kw, **_common(ctx, s, "alternative", "alpha"))
    kw = _common(ctx, s, "dist", "params", "alternative", "alpha")
    return st.ks_test(ctx.vector(s.x, s.table), name=ctx.label(s.x, "x"), **kw)


@binds("lilliefors")
def _lilliefors(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import stats as st

    kw = _common(ctx, s, "dist", "alpha")
    return st.lilliefors(ctx.vector(s.x, s.table), name=ctx.label(s.x, "x"), **kw)


@binds("describe")
def _describe(ctx: Context, s: A.Command) -> Any:
    import pandas as pd

    from havoc_tools import stats as st

    if s.by:  # every column and the group labels side by side
        frame, names = ctx.long_frame(s.x, (*s.more_x, *s.by), s.table)
        return st.describe(
            frame, names[:-1], by=names[-1], **_common(ctx, s, "method", "percentiles")
        )
    rows = []  # columns described one by one: they may differ in length
    for i, v in enumerate((s.x, *s.more_x)):
        name = ctx.label(v, f"x{i + 1}")
        res = st.describe(
            pd.Series(ctx.vector(v, s.table), name=name), **_common(ctx, s, "method", "percentiles")
        )
        rows += res.rows
    res.rows = rows
    return res


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
    if kind in DOE_DESIGNS:  # --- doe ---
        return DOE_DESIGNS[kind](ctx, s)
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
    kw = _common(ctx, s, "max_order", "alpha", "reduce")
    return doe.analyze_factorial(design, y, response_name=name, **kw)


@binds("optimize")
def _optimize(ctx: Context, s: A.OptimizeStmt) -> Any:
    """Goals name their models; the library gets {model name: model} and the Goal objects."""
    from havoc_tools import doe
    from havoc_tools.dsl.executor import GoalResult

    goals, models = [], {}
    for name in s.goals:
        g = ctx.lookup(s, name)
        if not isinstance(g, GoalResult):
            raise ctx.fail(s, f"'{name}' is not a goal", "define it with: goal NAME = ...")
        goals.append(g.to_goal())
        models[g.response] = ctx.lookup(s, g.response)
    kw = _common(ctx, s, "grid", "starts")
    bounds = ctx.opt(s, "bounds")
    if bounds is not None:
        kw["bounds"] = [tuple(pair) for pair in bounds]
    return doe.desirability(models, goals, **kw)


# ---- regression -------------------------------------------------------------------------------


@binds("regress")
def _regress(ctx: Context, s: A.RegressStmt) -> Any:
    from havoc_tools.regression import ols

    return ols(s.formula, ctx.frame(s, s.table), **_common(ctx, s, "alpha"))


@binds("predict")
def _predict(ctx: Context, s: A.Command) -> Any:
    from havoc_tools.regression import OLSResult

    fit = ctx.lookup(s.x, getattr(s.x, "id", ""))
    if not isinstance(fit, OLSResult):
        raise ctx.fail(s.x, f"'{s.x.id}' is not a regress result", "let fit = regress ... first")
    new = ctx.frame(s, s.table) if s.table is not None else None
    return fit.predict(new, **_common(ctx, s, "interval", "alpha"))


@binds("logistic")
def _logistic(ctx: Context, s: A.RegressStmt) -> Any:
    from havoc_tools.regression import logistic

    return logistic(s.formula, ctx.frame(s, s.table), **_common(ctx, s, "alpha"))


# ---- SPC --------------------------------------------------------------------------------------


def subgroups(ctx: Context, s: Any) -> Any:
    """Values as an (m, n) array of subgroups: ``by`` a subgroup column, ``size=n`` consecutive
    values, or the table's ``csv(..., group=col)``; ``None`` when there is no grouping."""
    import numpy as np

    x = ctx.vector(s.x, s.table)
    by = s.by[0] if s.by else None
    if by is None and ctx.opt(s, "size") is None:
        owner = s.table or (s.x.parts[0] if isinstance(s.x, A.Ref) else None)
        if owner in ctx.groups:
            by = A.Name(id=ctx.groups[owner], loc=s.loc)
            g = ctx.vector(by, owner)
            return _split(ctx, s, x, g)
    if by is not None:
        return _split(ctx, s, x, ctx.vector(by, s.table))
    size = ctx.opt(s, "size")
    if size is None:
        return None
    x = np.asarray(x, dtype=np.float64)
    if x.size % size:
        raise ctx.fail(s, f"{x.size} values do not split into subgroups of size={size}")
    return x.reshape(-1, size)


def _split(ctx: Context, s: Any, x: Any, g: Any) -> Any:
    import numpy as np
    import pandas as pd

    if len(x) != len(g):
        raise ctx.fail(s, f"values ({len(x)}) and subgroup labels ({len(g)}) differ in length")
    frame = pd.DataFrame({"x": np.asarray(x, dtype=np.float64), "g": g})
    groups = [grp["x"].to_numpy() for _, grp in frame.groupby("g", sort=False)]
    sizes = sorted({len(v) for v in groups})
    if len(sizes) != 1:
        raise ctx.fail(
            s,
            f"subgroups differ in size ({', '.join(map(str, sizes))}); X-bar charts need equal "
            "subgroups",
            "drop incomplete subgroups first",
        )
    return np.vstack(groups)


def _rules(ctx: Context, s: Any, default: Any) -> Any:
    r = ctx.opt(s, "rules")
    return default if r is None else r


def _variable_chart(fn_name: str) -> Binding:
    def run(ctx: Context, s: A.ChartStmt) -> Any:
        from havoc_tools import spc

        data = subgroups(ctx, s)
        if data is None:
            raise ctx.fail(
                s,
                f"chart {s.kind} needs subgroups",
                f"write 'chart {s.kind} x by subgroup' or add size=5",
            )
        return getattr(spc, fn_name)(
            data,
            rules=_rules(ctx, s, (1,)),
            exclude_flagged=bool(ctx.opt(s, "exclude", False)),
            **_common(ctx, s, "mean", "sigma"),
        )

    return run


BINDINGS["chart xbar_r"] = _variable_chart("xbar_r")
BINDINGS["chart xbar_s"] = _variable_chart("xbar_s")


@binds("chart imr")
def _imr(ctx: Context, s: A.ChartStmt) -> Any:
    from havoc_tools import spc

    return spc.imr(
        ctx.vector(s.x, s.table),
        rules=_rules(ctx, s, (1,)),
        exclude_flagged=bool(ctx.opt(s, "exclude", False)),
        **_common(ctx, s, "mean", "sigma"),
    )


def _attr(ctx: Context, s: A.ChartStmt) -> dict[str, Any]:
    return {"rules": _rules(ctx, s, (1,)), "exclude_flagged": bool(ctx.opt(s, "exclude", False))}


@binds("chart p")
def _p_chart(ctx: Context, s: A.ChartStmt) -> Any:
    from havoc_tools import spc

    sizes = ctx.vector(ctx.options(s)["n"], s.table)
    return spc.p_chart(ctx.vector(s.x, s.table), sizes, **_common(ctx, s, "p"), **_attr(ctx, s))


@binds("chart np")
def _np_chart(ctx: Context, s: A.ChartStmt) -> Any:
    from havoc_tools import spc

    return spc.np_chart(
        ctx.vector(s.x, s.table), int(ctx.opt(s, "size")), **_common(ctx, s, "p"), **_attr(ctx, s)
    )


@binds("chart c")
def _c_chart(ctx: Context, s: A.ChartStmt) -> Any:
    from havoc_tools import spc

    return spc.c_chart(ctx.vector(s.x, s.table), **_common(ctx, s, "c"), **_attr(ctx, s))


@binds("chart u")
def _u_chart(ctx: Context, s: A.ChartStmt) -> Any:
    from havoc_tools import spc

    sizes = ctx.vector(ctx.options(s)["n"], s.table)
    return spc.u_chart(ctx.vector(s.x, s.table), sizes, **_common(ctx, s, "u"), **_attr(ctx, s))


@binds("chart ewma")
def _ewma(ctx: Context, s: A.ChartStmt) -> Any:
    from havoc_tools import spc

    data = subgroups(ctx, s)
    data = ctx.vector(s.x, s.table) if data is None else data
    kw = _common(ctx, s, "L", "mean", "sigma")
    if ctx.opt(s, "lambda") is not None:
        kw["lam"] = ctx.opt(s, "lambda")
    return spc.ewma(data, **kw)


@binds("chart cusum")
def _cusum(ctx: Context, s: A.ChartStmt) -> Any:
    from havoc_tools import spc

    data = subgroups(ctx, s)
    data = ctx.vector(s.x, s.table) if data is None else data
    return spc.cusum(data, **_common(ctx, s, "k", "h", "mean", "sigma"))


@binds("nelson")
def _nelson(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import spc

    return spc.nelson_rules(
        ctx.vector(s.x, s.table),
        ctx.opt(s, "center"),
        ctx.opt(s, "sigma"),
        rules=_rules(ctx, s, "all"),
    )


@binds("capsummary")
def _capsummary(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import spc

    return spc.capability_summary(
        ctx.opt(s, "mean"),
        ctx.opt(s, "sd"),
        **_spec_limits(ctx, s, ("lsl", "target", "usl")),
        **_common(ctx, s, "n", "confidence"),
    )


@binds("capability")
def _capability(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import spc

    limits = _spec_limits(ctx, s, ("lsl", "target", "usl"))
    kw = _common(ctx, s, "within", "confidence")
    data = subgroups(ctx, s)
    if data is not None:
        return spc.capability(data.reshape(-1), subgroup_size=int(data.shape[1]), **limits, **kw)
    return spc.capability(ctx.vector(s.x, s.table), **limits, **kw)


@binds("gage")
def _gage(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import spc

    df, names = ctx.long_frame(s.x, s.by, s.table)
    return spc.gage_rr(
        df,
        part=names[1],
        operator=names[2],
        measurement=names[0],
        **_common(ctx, s, "tolerance", "k", "interaction_alpha"),
    )


# ---- symbolic math ----------------------------------------------------------------------------


def _math_binding(ctx: Context, s: A.MathStmt) -> Any:
    """The expression goes to havoc_tools.symbolic as canonical text for its safe grammar. A
    result whose worker gave up (time or memory limit) stops the program with a runtime error,
    so nothing downstream takes an empty result for an answer."""
    result = _math_call(ctx, s)
    if getattr(result, "gave_up", False):
        raise ctx.fail(
            s,
            f"{s.verb}: {result.detail}",
            "try a simpler expression, or raise HAVOC_SYMBOLIC_TIMEOUT / HAVOC_SYMBOLIC_MEMORY_MB",
        )
    return result


def _math_call(ctx: Context, s: A.MathStmt) -> Any:
    from havoc_tools import symbolic
    from havoc_tools.dsl.printer import format_math

    e = format_math(s.expr)
    if s.verb == "derive":
        return symbolic.derive(e, s.var, order=int(ctx.opt(s, "order", 1)))
    if s.verb == "integrate":
        pos = ctx.opt(s, "domain", "all") == "positive"
        if s.lower is not None:
            return symbolic.integrate(
                e, s.var, format_math(s.lower), format_math(s.upper), positive=pos
            )
        return symbolic.integrate(e, s.var, positive=pos)
    if s.verb == "limit":
        direction = {"both": "+-", "right": "+", "left": "-"}[ctx.opt(s, "direction", "both")]
        return symbolic.limit(e, s.var, format_math(s.point), direction=direction)
    if s.verb == "solve":
        eq = e if s.rhs is None else f"{e} = {format_math(s.rhs)}"
        return symbolic.solve(eq, s.var, **_common(ctx, s, "domain"))
    if s.verb == "series":
        point = format_math(s.point) if s.point is not None else 0
        return symbolic.series(e, s.var, point, order=int(ctx.opt(s, "order", 6)))
    return symbolic.simplify(e)


for _verb in ("derive", "integrate", "limit", "solve", "simplify", "series"):
    BINDINGS[f"math {_verb}"] = _math_binding


# --- msa --- measurement systems beyond the crossed Gage R&R (spc.msa)


@binds("gage_type1")
def _gage_type1(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import spc

    kw = _common(ctx, s, "tolerance", "lsl", "usl", "limit", "resolution", "alpha")
    if ctx.opt(s, "percent") is not None:
        kw["percent_tolerance"] = ctx.opt(s, "percent")
    if ctx.opt(s, "k") is not None:
        kw["study_var_multiplier"] = ctx.opt(s, "k")
    return spc.gage_type1(ctx.vector(s.x, s.table), ctx.opt(s, "reference"), **kw)


@binds("gage_linearity")
def _gage_linearity(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import spc

    ref = ctx.options(s)["reference"]
    df, names = ctx.long_frame(s.x, s.by, s.table, extra=(ref,))
    return spc.gage_linearity(
        df,
        reference=names[-1],
        measurement=names[0],
        part=names[1] if s.by else None,
        **_common(ctx, s, "process_variation", "method", "alpha"),
    )


@binds("agreement")
def _agreement(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import spc

    opts = ctx.options(s)
    extra = (opts["sample"],) + ((opts["standard"],) if "standard" in opts else ())
    df, names = ctx.long_frame(s.x, s.by, s.table, extra=extra)
    return spc.attribute_agreement(
        df,
        rating=names[0],
        sample=names[2],
        appraiser=names[1],
        standard=names[3] if len(names) > 3 else None,
        **_common(ctx, s, "confidence"),
    )


@binds("kappa")
def _kappa(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import spc

    a, b = ctx.vector(s.x, s.table), ctx.vector(s.vs, s.table)
    if len(a) != len(b):
        raise ctx.fail(
            s.vs, f"the two raters rated different numbers of items ({len(a)}, {len(b)})"
        )
    first, second = ctx.label(s.x, "rater 1"), ctx.label(s.vs, "rater 2")
    names = (first, second if second != first else second + "_2")
    return spc.cohen_kappa(list(a), list(b), names=names, **_common(ctx, s, "confidence"))


@binds("gage_nested")
def _gage_nested(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import spc

    df, names = ctx.long_frame(s.x, s.by, s.table)
    return spc.gage_nested(
        df,
        part=names[1],
        operator=names[2],
        measurement=names[0],
        **_common(ctx, s, "tolerance", "k"),
    )


# --- end msa ---
# --- spcpower ---


@binds("chart laney_p")
def _laney_p(ctx: Context, s: A.ChartStmt) -> Any:
    from havoc_tools import spc

    sizes = ctx.vector(ctx.options(s)["n"], s.table)
    return spc.laney_p(
        ctx.vector(s.x, s.table),
        sizes,
        rules=_rules(ctx, s, (1,)),
        **_common(ctx, s, "p", "sigma_z"),
    )


@binds("chart laney_u")
def _laney_u(ctx: Context, s: A.ChartStmt) -> Any:
    from havoc_tools import spc

    sizes = ctx.vector(ctx.options(s)["n"], s.table)
    return spc.laney_u(
        ctx.vector(s.x, s.table),
        sizes,
        rules=_rules(ctx, s, (1,)),
        **_common(ctx, s, "u", "sigma_z"),
    )


@binds("chart zmr")
def _zmr(ctx: Context, s: A.ChartStmt) -> Any:
    from havoc_tools import spc

    parts = list(ctx.vector(s.by[0], s.table))
    kw: dict[str, Any] = {"rules": _rules(ctx, s, (1,))}
    method = ctx.opt(s, "method", "parts")
    order = list(dict.fromkeys(parts))
    for key in ("means", "sigmas"):
        vals = ctx.opt(s, key)
        if vals is None:
            continue
        if method != "known":
            raise ctx.fail(s, f"{key}= is for method=known", "add method=known or drop it")
        if len(vals) != len(order):
            raise ctx.fail(
                s,
                f"{key}= has {len(vals)} values for {len(order)} parts "
                f"({', '.join(map(str, order))})",
                "give one value per part, in order of first appearance",
            )
        kw[key] = dict(zip(order, vals, strict=True))
    if method == "known" and ("means" not in kw or "sigmas" not in kw):
        raise ctx.fail(s, "method=known needs means=[...] and sigmas=[...]", None)
    return spc.zmr(ctx.vector(s.x, s.table), parts, method=method, **kw)


@binds("arl")
def _arl(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import spc

    chart = ctx.opt(s, "chart")
    kw: dict[str, Any] = {}
    if ctx.opt(s, "shifts") is not None:
        kw["shifts"] = ctx.opt(s, "shifts")
    if ctx.opt(s, "size") is not None:
        kw["subgroup_size"] = int(ctx.opt(s, "size"))
    allowed = {
        "shewhart": {"rules": "rules", "n_sim": "n_sim", "seed": "seed"},
        "ewma": {"lambda": "lam", "L": "L", "states": "n_states"},
        "cusum": {"k": "k", "h": "h", "two_sided": "two_sided", "states": "n_states"},
    }[chart]
    for o in s.options:
        if o.key in ("chart", "shifts", "size"):
            continue
        if o.key not in allowed:
            raise ctx.fail(
                o.value,
                f"arl chart={chart} takes no option {o.key}=",
                f"its options: {', '.join(['shifts', 'size', *allowed])}",
            )
        kw[allowed[o.key]] = ctx.opt(s, o.key)
    return spc.arl(chart, **kw)


@binds("power proportion")
def _power_prop1(ctx: Context, s: A.PowerStmt) -> Any:
    from havoc_tools import stats as st

    return st.power_proportion(
        ctx.opt(s, "p"),
        ctx.opt(s, "p0"),
        n=ctx.opt(s, "n"),
        power=ctx.opt(s, "power"),
        **_common(ctx, s, "alpha", "alternative", "method"),
    )


@binds("power tost")
def _power_tost(ctx: Context, s: A.PowerStmt) -> Any:
    from havoc_tools import stats as st

    return st.power_tost(
        ctx.opt(s, "low"),
        ctx.opt(s, "high"),
        n=ctx.opt(s, "n"),
        power=ctx.opt(s, "power"),
        **_common(ctx, s, "diff", "sigma", "alpha", "kind", "ratio"),
    )


@binds("power factorial")
def _power_factorial(ctx: Context, s: A.PowerStmt) -> Any:
    from havoc_tools import stats as st

    return st.power_factorial(
        int(ctx.opt(s, "factors")),
        effect=ctx.opt(s, "effect"),
        replicates=ctx.opt(s, "replicates"),
        power=ctx.opt(s, "power"),
        **_common(ctx, s, "sigma", "runs", "center", "terms", "center_term", "alpha"),
    )


# the DSL's option names -> each test's argument names (power_curve passes the rest through)
_CURVE_ARGS = {
    "ttest": {"effect": "effect_size", "n": "n", "kind": "kind", "ratio": "ratio"},
    "anova": {"effect": "effect_size", "n": "n", "k": "k"},
    "proportions": {"p1": "p1", "p2": "p2", "n": "n", "ratio": "ratio"},
    "proportion": {"p": "p", "p0": "p0", "n": "n", "method": "method"},
    "tost": {
        "low": "low",
        "high": "high",
        "diff": "diff",
        "sigma": "sigma",
        "n": "n",
        "kind": "kind",
        "ratio": "ratio",
    },
    "factorial": {
        "factors": "factors",
        "effect": "effect",
        "replicates": "replicates",
        "sigma": "sigma",
        "runs": "runs",
        "center": "center",
        "terms": "terms",
    },
}


@binds("powercurve")
def _powercurve(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import stats as st

    test = ctx.opt(s, "test")
    names = _CURVE_ARGS[test]
    shared = {"alpha", "alternative"} if test not in ("tost", "factorial") else {"alpha"}
    fixed: dict[str, Any] = {}
    for o in s.options:
        if o.key in ("test", "vary", "values", "target"):
            continue
        if o.key in shared:
            fixed[o.key] = ctx.opt(s, o.key)
        elif o.key in names:
            fixed[names[o.key]] = ctx.opt(s, o.key)
        else:
            raise ctx.fail(
                o.value,
                f"powercurve test={test} takes no option {o.key}=",
                f"its options: {', '.join([*names, *sorted(shared)])}",
            )
    if test == "factorial" and "factors" in fixed:
        fixed["factors"] = int(fixed["factors"])
    vary = ctx.opt(s, "vary", "replicates" if test == "factorial" else "n")
    vary = names.get(vary, vary)
    fixed.pop(vary, None)  # the varied quantity comes from values=
    target = ctx.opt(s, "target", 0.8)
    return st.power_curve(test, ctx.opt(s, "values"), vary=vary, target=target, **fixed)


# --- end spcpower ---


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
    if isinstance(s, A.OptimizeStmt):
        return "optimize"
    if isinstance(s, A.MathStmt):
        return f"math {s.verb}"
    raise TypeError(type(s).__name__)  # pragma: no cover


def run_analysis(ctx: Context, s: Any) -> tuple[Any, str]:
    key = statement_key(s)
    fn = BINDINGS.get(key)
    if fn is None:
        raise ctx.fail(s, f"'{key}' is not available in this version")
    return fn(ctx, s), key.removeprefix("math ")


def run_plot(ctx: Context, s: A.PlotStmt) -> PlotResult:
    from havoc_tools.plots import KINDS, save_plot

    obj = ctx.lookup(s, s.target)
    kinds = KINDS.get(type(obj).__name__)
    if not kinds:
        raise ctx.fail(
            s,
            f"'{s.target}' ({type(obj).__name__}) has no plot",
            "plot a control chart, design analysis, response surface, capability or gage result",
        )
    kind = ctx.opt(s, "kind") or kinds[0]
    if kind not in kinds:
        raise ctx.fail(s, f"'{s.target}' has plots {', '.join(kinds)}, not {kind}")
    path = ctx.plot_path(s, s.path)
    save_plot(obj, path, kind)
    ctx.plots.append(str(path))
    return PlotResult(s.target, kind, str(path))


# --- capability --- (non-normal capability, transformations, tolerance intervals)
_normal_capability = BINDINGS["capability"]


def _spec_limits(ctx: Context, s: A.Command, keys: tuple[str, ...]) -> dict[str, Any]:
    """Limits from spec=NAME, overridden by inline lsl= / usl= / target=."""
    limits: dict[str, Any] = {}
    spec_name = ctx.opt(s, "spec")
    if spec_name is not None:
        spec = ctx.lookup(s, spec_name)
        limits = {k: getattr(spec, k) for k in keys}
    for k in keys:
        if ctx.opt(s, k) is not None:
            limits[k] = ctx.opt(s, k)
    return {k: v for k, v in limits.items() if v is not None}


@binds("capability")
def _capability_nonnormal(ctx: Context, s: A.Command) -> Any:
    """dist= (other than normal) or transform= (other than none) select the non-normal
    capability; everything else is the normal capability above."""
    from havoc_tools import spc

    dist = ctx.opt(s, "dist", "normal")
    transform = ctx.opt(s, "transform", "none")
    if dist == "normal" and transform == "none":
        return _normal_capability(ctx, s)
    if dist != "normal" and transform != "none":
        raise ctx.fail(s, "give dist= or transform=, not both")
    grouped = [k for k in ("size", "within") if ctx.opt(s, k) is not None]
    if s.by or grouped:
        what = "by ..." if s.by else f"{grouped[0]}="
        raise ctx.fail(
            s,
            f"non-normal capability works on individual values; {what} does not apply",
            "remove it (Pp and Ppk use every value)",
        )
    x = ctx.vector(s.x, s.table)
    if dist != "normal":
        extra = [
            k for k in ("target", "confidence", "lambda", "round") if ctx.opt(s, k) is not None
        ]
        if extra:
            raise ctx.fail(s, f"capability with dist= takes no {extra[0]}=", "remove it")
        return spc.capability_nonnormal(x, dist=dist, **_spec_limits(ctx, s, ("lsl", "usl")))
    kw = _spec_limits(ctx, s, ("lsl", "target", "usl"))
    kw.update(_common(ctx, s, "confidence"))
    if ctx.opt(s, "lambda") is not None:
        kw["lam"] = ctx.opt(s, "lambda")
    if ctx.opt(s, "round") is not None:
        kw["round_lambda"] = bool(ctx.opt(s, "round"))
    if transform == "johnson" and ("lam" in kw or "round_lambda" in kw):
        raise ctx.fail(s, "lambda= and round= belong to transform=boxcox", "remove them")
    return spc.capability_transformed(x, transform=transform, **kw)


@binds("boxcox")
def _boxcox(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import spc

    kw = _common(ctx, s, "shift")
    if ctx.opt(s, "lambda") is not None:
        kw["lam"] = ctx.opt(s, "lambda")
    if ctx.opt(s, "round") is not None:
        kw["round_lambda"] = bool(ctx.opt(s, "round"))
    return spc.boxcox_transform(ctx.vector(s.x, s.table), **kw)


@binds("johnson")
def _johnson(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import spc

    kw = {"p_criterion": ctx.opt(s, "criterion")} if ctx.opt(s, "criterion") is not None else {}
    return spc.johnson_transform(ctx.vector(s.x, s.table), **kw)


@binds("distid")
def _distid(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import spc

    limits = _spec_limits(ctx, s, ("lsl", "usl"))
    return spc.identify_distribution(ctx.vector(s.x, s.table), **limits)


@binds("tolerance")
def _tolerance(ctx: Context, s: A.Command) -> Any:
    from havoc_tools import stats as st

    kw = _common(ctx, s, "coverage", "confidence", "method")
    if ctx.opt(s, "sides") is not None:
        kw["sides"] = int(ctx.opt(s, "sides"))
    return st.tolerance_interval(ctx.vector(s.x, s.table), **kw)


# --- doe --- (fold-over, definitive screening, D-optimal and mixture designs)


def _foldover(ctx: Context, s: A.DesignStmt) -> Any:
    from havoc_tools import doe

    ref = next(o.value for o in s.options if o.key == "design")
    source = ctx.lookup(ref, ctx.scalar(ref))
    if not isinstance(source, doe.Design):
        raise ctx.fail(ref, f"'{ctx.scalar(ref)}' is not a design", "fold a design statement")
    kw = _design_kw(ctx, s, {"block": "block", "randomize": "randomize", "seed": "seed"})
    return doe.foldover(source, ctx.opt(s, "fold"), **kw)


def _dsd(ctx: Context, s: A.DesignStmt) -> Any:
    from havoc_tools import doe

    kw = _design_kw(
        ctx,
        s,
        {
            "extra": "extra_factors",
            "center": "center_points",
            "randomize": "randomize",
            "seed": "seed",
        },
    )
    return doe.definitive_screening(design_factors(ctx, s), **kw)


def _doptimal(ctx: Context, s: A.DesignStmt) -> Any:
    from havoc_tools import doe

    if ctx.opt(s, "model") is not None and ctx.opt(s, "terms") is not None:
        raise ctx.fail(s, "give model= or terms=, not both")
    kw = _design_kw(
        ctx,
        s,
        {"levels": "levels", "starts": "starts", "randomize": "randomize", "seed": "seed"},
    )
    model = ctx.opt(s, "terms") or ctx.opt(s, "model", "linear")
    ref = next((o.value for o in s.options if o.key == "augment"), None)
    if ref is not None:
        base = ctx.lookup(ref, ctx.scalar(ref))
        if not isinstance(base, doe.Design):
            raise ctx.fail(ref, f"'{ctx.scalar(ref)}' is not a design", "augment a design")
        kw["augment"] = base
    factors = design_factors(ctx, s) if ref is None else None
    return doe.d_optimal(factors, int(ctx.opt(s, "runs")), model=model, **kw)


def _mixture(ctx: Context, s: A.DesignStmt) -> Any:
    from havoc_tools import doe

    kw = _design_kw(
        ctx,
        s,
        {
            "type": "kind",
            "degree": "degree",
            "axial": "axial",
            "centroid": "center",
            "lower": "lower",
            "total": "total",
            "replicates": "replicates",
            "randomize": "randomize",
            "seed": "seed",
        },
    )
    return doe.mixture_design(ctx.opt(s, "factors"), **kw)


DOE_DESIGNS: dict[str, Callable[[Context, A.DesignStmt], Any]] = {
    "foldover": _foldover,
    "dsd": _dsd,
    "doptimal": _doptimal,
    "mixture": _mixture,
}
# --- end doe ---
