"""`havoc ttest`, `havoc anova`, `havoc chart`, `havoc capability`: everyday analyses on a CSV.

Each command is a thin wrapper: it builds a one-statement DSL program from its arguments (with the
validating AST constructors, never by pasting text) and runs it through ``havoc_tools.dsl``.
`havoc run -e` runs the same statements written by hand; every result shows the statement it ran.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

Csv = Annotated[Path, typer.Argument(help="A CSV file with a header row.", show_default=False)]
Json = Annotated[bool, typer.Option("--json", help="Print one JSON document.")]
Alpha = Annotated[float | None, typer.Option("--alpha", help="Significance level (0.05).")]
Plot = Annotated[
    Path | None, typer.Option("--plot", help="Write the figure to this .png or .svg file.")
]
ALTERNATIVES = ("two-sided", "less", "greater")


def _value(x: Any) -> Any:
    """A DSL value node from a Python value: bool, number, list, or a bare word."""
    from havoc_tools.dsl import ast as A

    if isinstance(x, bool):
        return A.Bool(value=x)
    if isinstance(x, int | float):
        return A.Number(value=x)
    if isinstance(x, list):
        return A.ListValue(items=tuple(_value(i) for i in x))
    return A.Name(id=str(x))


def _options(**kw: Any) -> tuple[Any, ...]:
    """Options for the keywords that were given (None means "not given")."""
    from havoc_tools.dsl import ast as A

    return tuple(
        A.Option(key=k, value=_value(v)) for k, v in kw.items() if v is not None and v is not False
    )


def _run_statement(
    table: Any, statement: Any, *, as_json: bool, plot: Path | None = None, extra: tuple = ()
) -> None:
    """Run one analysis (plus any follow-up statements and a plot) and exit with its code."""
    from havoc_tools.dsl import ast as A

    from havoc_cli.dsl_bridge import execute, plot_target, report

    statements = [statement, *extra]
    plots_dir = None
    if plot is not None:
        name, plots_dir = plot_target(plot)
        statements[0] = A.Let(name="result", command=statement)
        statements.append(A.PlotStmt(target="result", path=name))
    result = execute(A.Program(statements=tuple(statements)), tables=[table], plots_dir=plots_dir)
    raise typer.Exit(report(result, as_json=as_json, tables=[table]))


def _guard(fn: Any) -> Any:
    """Turn a UsageError / DslError from building the statement into `error: ...`, exit 2."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from havoc_tools.dsl import DslError

        from havoc_cli.dsl_bridge import UsageError, fail

        try:
            return fn(*args, **kwargs)
        except (UsageError, DslError) as e:
            fail(str(e))

    return wrapper


def _choice(value: str | None, allowed: tuple[str, ...], option: str) -> str | None:
    from havoc_cli.dsl_bridge import UsageError

    if value is not None and value not in allowed:
        raise UsageError(f"{option} must be one of {', '.join(allowed)}; got {value!r}")
    return value


@_guard
def ttest(
    file: Csv,
    x: Annotated[str, typer.Argument(help="The measured column.", show_default=False)],
    y: Annotated[str | None, typer.Argument(help="A second column: two-sample test.")] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="A group column with two groups (instead of Y).")
    ] = None,
    mu: Annotated[float | None, typer.Option("--mu", help="Hypothesised mean (0).")] = None,
    paired: Annotated[bool, typer.Option("--paired", help="Paired test of X vs Y.")] = False,
    equal_var: Annotated[
        bool, typer.Option("--equal-var", help="Student's pooled test instead of Welch.")
    ] = False,
    alternative: Annotated[
        str | None, typer.Option("--alternative", help="two-sided, less or greater.")
    ] = None,
    alpha: Alpha = None,
    as_json: Json = False,
) -> None:
    """t-test: one-sample (X [--mu]), two-sample (X Y, Welch), paired (X Y --paired), X --by G.

    Example: havoc ttest fill.csv line1 line2
    """
    from havoc_tools.dsl import ast as A

    from havoc_cli.dsl_bridge import UsageError, load_csv

    if y is not None and by is not None:
        raise UsageError("give a second column or --by GROUP, not both")
    table = load_csv(str(file))
    cmd = A.Command(
        verb="ttest",
        x=A.Name(id=table.column(x)),
        vs=A.Name(id=table.column(y)) if y else None,
        by=(A.Name(id=table.column(by, "group column")),) if by else (),
        table=table.name,
        options=_options(
            mu=mu,
            paired=paired,
            equal_var=equal_var,
            alternative=_choice(alternative, ALTERNATIVES, "--alternative"),
            alpha=alpha,
        ),
    )
    _run_statement(table, cmd, as_json=as_json)


@_guard
def anova(
    file: Csv,
    y: Annotated[str, typer.Argument(help="The response column.", show_default=False)],
    by: Annotated[
        list[str],
        typer.Option("--by", help="Factor column; give it twice for a two-way ANOVA."),
    ],
    welch: Annotated[bool, typer.Option("--welch", help="Welch's ANOVA (one-way).")] = False,
    subject: Annotated[
        str | None, typer.Option("--subject", help="Subject column: repeated measures.")
    ] = None,
    typ: Annotated[
        int | None, typer.Option("--typ", help="Sums-of-squares type 1, 2 or 3 (two-way).")
    ] = None,
    posthoc: Annotated[
        str | None,
        typer.Option("--posthoc", help="Also run pairwise comparisons: tukey or gameshowell."),
    ] = None,
    alpha: Alpha = None,
    as_json: Json = False,
) -> None:
    """ANOVA of Y by one or two factors (one-way, Welch, two-way, repeated measures).

    Example: havoc anova fill.csv weight --by shift --posthoc tukey
    """
    from havoc_tools.dsl import ast as A

    from havoc_cli.dsl_bridge import UsageError, load_csv

    if not 1 <= len(by) <= 2:
        raise UsageError(f"--by takes one or two factor columns; got {len(by)}")
    _choice(posthoc, ("tukey", "gameshowell"), "--posthoc")
    if posthoc and len(by) != 1:
        raise UsageError("--posthoc compares the groups of one factor; give one --by")
    table = load_csv(str(file))
    response = A.Name(id=table.column(y))
    groups = tuple(A.Name(id=table.column(g, "factor column")) for g in by)
    cmd = A.Command(
        verb="anova",
        x=response,
        by=groups,
        table=table.name,
        options=_options(
            welch=welch,
            typ=typ,
            subject=table.column(subject, "subject column") if subject else None,
            alpha=alpha,
        ),
    )
    extra = ()
    if posthoc:
        extra = (
            A.Command(
                verb=posthoc, x=response, by=groups, table=table.name, options=_options(alpha=alpha)
            ),
        )
    _run_statement(table, cmd, as_json=as_json, extra=extra)


CHARTS = ("xbar_r", "xbar_s", "imr", "ewma", "cusum", "p", "np", "c", "u")


def _rules(text: str | None) -> Any:
    from havoc_cli.dsl_bridge import UsageError

    if text is None:
        return None
    if text.strip() == "all":
        return "all"
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise UsageError(f"--rules takes rule numbers such as 1,2,5 or all; got {text!r}") from None


@_guard
def chart(
    file: Csv,
    column: Annotated[str, typer.Argument(help="The charted column.", show_default=False)],
    kind: Annotated[str, typer.Option("--type", help=f"Chart: {', '.join(CHARTS)}.")] = "imr",
    subgroup: Annotated[
        str | None, typer.Option("--subgroup", help="Subgroup column (xbar_r, xbar_s, ...).")
    ] = None,
    size: Annotated[
        int | None, typer.Option("--size", help="Subgroups of N consecutive values; np: sample N.")
    ] = None,
    n: Annotated[
        str | None, typer.Option("--n", help="Column of sample sizes (p) or units (u).")
    ] = None,
    rules: Annotated[
        str | None, typer.Option("--rules", help="Nelson rules, e.g. 1,2,5 or all.")
    ] = None,
    mean: Annotated[float | None, typer.Option("--mean", help="Phase II centre line.")] = None,
    sigma: Annotated[float | None, typer.Option("--sigma", help="Phase II sigma.")] = None,
    lam: Annotated[float | None, typer.Option("--lambda", help="EWMA weight (0.2).")] = None,
    width: Annotated[float | None, typer.Option("--L", help="EWMA limit width (3).")] = None,
    k: Annotated[float | None, typer.Option("--k", help="CUSUM allowance, sigma units.")] = None,
    h: Annotated[float | None, typer.Option("--h", help="CUSUM decision interval.")] = None,
    plot: Plot = None,
    as_json: Json = False,
) -> None:
    """Control chart with Nelson rules (Xbar-R, Xbar-S, I-MR, EWMA, CUSUM, p, np, c, u).

    Example: havoc chart fill.csv weight --type xbar_r --subgroup subgroup --plot xbar.png
    """
    from havoc_tools.dsl import ast as A

    from havoc_cli.dsl_bridge import UsageError, load_csv

    _choice(kind, CHARTS, "--type")
    if kind in ("p", "u") and n is None:
        raise UsageError(f"a {kind} chart needs --n COLUMN (the sample size of each point)")
    if kind == "np" and size is None:
        raise UsageError("an np chart needs --size N (the constant sample size)")
    table = load_csv(str(file))
    stmt = A.ChartStmt(
        kind=kind,
        x=A.Name(id=table.column(column)),
        by=(A.Name(id=table.column(subgroup, "subgroup column")),) if subgroup else (),
        table=table.name,
        options=_options(
            size=size,
            n=table.column(n, "sample-size column") if n else None,
            rules=_rules(rules),
            mean=mean,
            sigma=sigma,
            **{"lambda": lam, "L": width},
            k=k,
            h=h,
        ),
    )
    _run_statement(table, stmt, as_json=as_json, plot=plot)


@_guard
def capability(
    file: Csv,
    column: Annotated[str, typer.Argument(help="The measured column.", show_default=False)],
    lsl: Annotated[float | None, typer.Option("--lsl", help="Lower specification limit.")] = None,
    usl: Annotated[float | None, typer.Option("--usl", help="Upper specification limit.")] = None,
    target: Annotated[float | None, typer.Option("--target", help="Target (for Cpm).")] = None,
    subgroup: Annotated[
        str | None, typer.Option("--subgroup", help="Subgroup column for within sigma.")
    ] = None,
    size: Annotated[
        int | None, typer.Option("--size", help="Subgroups of N consecutive values.")
    ] = None,
    within: Annotated[
        str | None, typer.Option("--within", help="Within sigma: auto, pooled, rbar or sbar.")
    ] = None,
    plot: Plot = None,
    as_json: Json = False,
) -> None:
    """Process capability: Cp, Cpk, Pp, Ppk (Cpm with --target), with CIs and expected PPM.

    Example: havoc capability fill.csv weight --lsl 498 --usl 502 --subgroup subgroup
    """
    from havoc_tools.dsl import ast as A

    from havoc_cli.dsl_bridge import UsageError, load_csv

    if lsl is None and usl is None:
        raise UsageError("give at least one specification limit: --lsl and/or --usl")
    _choice(within, ("auto", "pooled", "rbar", "sbar"), "--within")
    table = load_csv(str(file))
    cmd = A.Command(
        verb="capability",
        x=A.Name(id=table.column(column)),
        by=(A.Name(id=table.column(subgroup, "subgroup column")),) if subgroup else (),
        table=table.name,
        options=_options(lsl=lsl, target=target, usl=usl, size=size, within=within),
    )
    _run_statement(table, cmd, as_json=as_json, plot=plot)


def register(app: typer.Typer) -> None:
    """Attach this module's commands to the top-level app."""
    app.command("ttest")(ttest)
    app.command("anova")(anova)
    app.command("chart")(chart)
    app.command("capability")(capability)
