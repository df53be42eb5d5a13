"""`havoc design KIND`: generate an experimental design and print its run sheet.

A thin wrapper over the DSL's ``design NAME = KIND(...)`` statement. Without ``--json`` it prints
the design's summary and the run sheet (run order, standard order, point type, coded and natural
level of every factor — axial points of a CCD included); ``--csv FILE`` saves the sheet.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from havoc_cli.commands.analyses import _guard, _options

KINDS = ("full", "fractional", "plackett_burman", "ccd", "box_behnken", "lhs", "taguchi")
KINDS += ("dsd", "doptimal", "mixture")  # --- doe ---


def _numbers(text: str | None, option: str) -> list[float] | None:
    from havoc_cli.dsl_bridge import UsageError

    if text is None:
        return None
    try:
        values = [float(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise UsageError(f"{option} takes numbers separated by commas; got {text!r}") from None
    return [int(v) if v.is_integer() else v for v in values]


def _factors(text: str) -> int | list[str]:
    """``3`` -> 3 factors named A, B, C; ``T,P,time`` -> those names."""
    from havoc_cli.dsl_bridge import UsageError

    text = text.strip()
    if text.isdigit():
        return int(text)
    names = [n.strip() for n in text.split(",") if n.strip()]
    if not names:
        raise UsageError("--factors takes a count (3) or names separated by commas (T,P,time)")
    return names


def run_sheet(design: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per run, in run order: run, std, block, point type, coded and natural levels."""
    names = design["factor_names"]
    rows = []
    for i in sorted(range(len(design["run_order"])), key=lambda i: design["run_order"][i]):
        row: dict[str, Any] = {"run": design["run_order"][i], "std": design["std_order"][i]}
        if design.get("block"):
            row["block"] = design["block"][i]
        if design.get("point_type"):
            row["point"] = design["point_type"][i]
        for j, name in enumerate(names):
            row[f"{name} (coded)"] = design["coded"][i][j]
            row[name] = design["actual"][i][j]
        rows.append(row)
    return rows


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.6g}" if v != 0 else "0"
    return str(v)


def _print_sheet(summary: str, rows: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.measure import Measurement
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True)
    console.print(Text(summary))
    console.print()
    single_block = all(r.get("block", 1) == 1 for r in rows)
    cols = [c for c in rows[0] if not (c == "block" and single_block)]
    table = Table(title="Run sheet (run order)", title_justify="left")
    for c in cols:
        table.add_column(c, justify="left" if c == "point" else "right", no_wrap=True)
    for r in rows:
        table.add_row(*(_fmt(r[c]) for c in cols))
    # Never squeeze a level into an ellipsis: a run sheet wider than the terminal prints wide.
    needed = Measurement.get(console, console.options.update_width(10_000), table).maximum
    if needed > console.width:
        console = Console(highlight=False, soft_wrap=True, width=needed)
    console.print(table)


@_guard
def design(
    kind: Annotated[str, typer.Argument(help=f"One of {', '.join(KINDS)}.", show_default=False)],
    factors: Annotated[
        str | None, typer.Option("--factors", help="A count (3) or names (T,P,time).")
    ] = None,
    low: Annotated[str | None, typer.Option("--low", help="Natural -1 levels: 150,1.")] = None,
    high: Annotated[str | None, typer.Option("--high", help="Natural +1 levels: 200,2.")] = None,
    center: Annotated[int | None, typer.Option("--center", help="Centre points.")] = None,
    replicates: Annotated[int | None, typer.Option("--replicates", help="Replicates.")] = None,
    blocks: Annotated[int | None, typer.Option("--blocks", help="Blocks (full, ...).")] = None,
    levels: Annotated[
        str | None, typer.Option("--levels", help="full: levels per factor, 3 or 3,2.")
    ] = None,
    resolution: Annotated[
        int | None, typer.Option("--resolution", help="fractional: resolution.")
    ] = None,
    generators: Annotated[
        list[str] | None, typer.Option("--generator", help="fractional: 'E = ABCD' (repeat).")
    ] = None,
    runs: Annotated[
        int | None, typer.Option("--runs", help="fractional / plackett_burman: runs.")
    ] = None,
    alpha: Annotated[
        str | None, typer.Option("--alpha", help="ccd: rotatable, orthogonal or a number.")
    ] = None,
    ccd_type: Annotated[
        str | None,
        typer.Option(
            "--type", help="ccd: circumscribed, inscribed or faced; mixture: lattice or centroid."
        ),
    ] = None,
    samples: Annotated[int | None, typer.Option("--samples", help="lhs: points.")] = None,
    array: Annotated[str | None, typer.Option("--array", help="taguchi: L4 ... L27.")] = None,
    # --- doe ---
    extra: Annotated[int | None, typer.Option("--extra", help="dsd: fake factors.")] = None,
    model: Annotated[
        str | None, typer.Option("--model", help="doptimal: linear, interactions, quadratic.")
    ] = None,
    terms: Annotated[
        str | None, typer.Option("--terms", help="doptimal: formula terms 'A + B + A:B'.")
    ] = None,
    starts: Annotated[int | None, typer.Option("--starts", help="doptimal: starts.")] = None,
    degree: Annotated[int | None, typer.Option("--degree", help="mixture: lattice m.")] = None,
    axial: Annotated[bool, typer.Option("--axial", help="mixture: axial blends.")] = False,
    centroid: Annotated[
        bool, typer.Option("--centroid", help="mixture: add the overall centroid.")
    ] = False,
    lower: Annotated[
        str | None, typer.Option("--lower", help="mixture: lower bounds 0.1,0.2,0.")
    ] = None,
    total: Annotated[float | None, typer.Option("--total", help="mixture: total amount.")] = None,
    # --- end doe ---
    seed: Annotated[int | None, typer.Option("--seed", help="Seed of the run order.")] = None,
    randomize: Annotated[
        bool, typer.Option("--randomize/--no-randomize", help="Randomise the run order.")
    ] = True,
    csv_out: Annotated[
        Path | None, typer.Option("--csv", help="Also write the run sheet to this CSV file.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON document.")] = False,
) -> None:
    """Generate a design and print its run sheet (coded and natural levels).

    Examples: havoc design full --factors 3 --center 2;
    havoc design ccd --factors T,P --low 150,1 --high 200,2 --center 3 --seed 1;
    havoc design dsd --factors 6; havoc design doptimal --factors 3 --runs 10 --model quadratic;
    havoc design mixture --factors resin,filler,solvent --type centroid --axial
    """
    from havoc_tools.dsl import ast as A

    from havoc_cli.dsl_bridge import UsageError, execute, report

    if kind not in KINDS:
        raise UsageError(f"design kind must be one of {', '.join(KINDS)}; got {kind!r}")
    if factors is None and kind != "taguchi":
        raise UsageError(f"design {kind} needs --factors (a count such as 3, or names T,P)")
    level_list = _numbers(levels, "--levels")
    alpha_value: Any = alpha
    if alpha is not None and alpha not in ("rotatable", "orthogonal"):
        try:
            alpha_value = float(alpha)
        except ValueError:
            msg = f"--alpha must be rotatable, orthogonal or a number; got {alpha!r}"
            raise UsageError(msg) from None
    opts = _options(
        factors=_factors(factors) if factors is not None else None,
        low=_numbers(low, "--low"),
        high=_numbers(high, "--high"),
        levels=level_list[0] if level_list and len(level_list) == 1 else level_list,
        resolution=resolution,
        runs=runs,
        alpha=alpha_value,
        type=ccd_type,
        samples=samples,
        array=array,
        center=center,
        replicates=replicates,
        blocks=blocks,
        extra=extra,
        model=model,
        starts=starts,
        degree=degree,
        axial=axial,
        centroid=centroid,
        lower=_numbers(lower, "--lower"),
        total=total,
        seed=seed,
    )
    if generators:
        quoted = tuple(A.String(value=g) for g in generators)
        opts += (A.Option(key="generators", value=A.ListValue(items=quoted)),)
    if terms is not None:  # a formula is a string, not a word
        opts += (A.Option(key="terms", value=A.String(value=terms)),)
    if not randomize:
        opts += (A.Option(key="randomize", value=A.Bool(value=False)),)
    stmt = A.DesignStmt(name="d", kind=kind, options=opts)
    result = execute(A.Program(statements=(stmt,)))
    if result.error is not None or as_json:
        code = report(result, as_json=as_json)
        if code or csv_out is None:
            raise typer.Exit(code)
    rows = run_sheet(result.results[0].result)
    if csv_out is not None:
        import pandas as pd

        pd.DataFrame(rows).to_csv(csv_out, index=False)
    if not as_json:
        _print_sheet(result.results[0].text, rows)
        if csv_out is not None:
            typer.echo(f"run sheet written to {csv_out}")


def register(app: typer.Typer) -> None:
    """Attach `havoc design` to the top-level app."""
    app.command("design")(design)
