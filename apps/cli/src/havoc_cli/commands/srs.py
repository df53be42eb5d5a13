"""`havoc ask`: the SRS reasoning stack from the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer


def _checkpoint_generator(ckpt: Path) -> Any:
    """A havoc_srs Generator backed by a HAVOC checkpoint (torch imported only here)."""
    import torch
    from havoc_model import GenerationConfig, HavocModel, generate_text
    from havoc_srs import FunctionGenerator
    from havoc_tokenizer import HavocTokenizer

    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = HavocModel.from_pretrained(ckpt, device=device, dtype=torch.float32)
    tokenizer = HavocTokenizer.from_pretrained(ckpt / "tokenizer")

    def fn(prompt: str, max_tokens: int, stop: tuple[str, ...]) -> str:
        cfg = GenerationConfig(max_new_tokens=max_tokens, greedy=True, stop_strings=stop, seed=0)
        return generate_text(model, tokenizer, prompt, cfg)

    return FunctionGenerator(fn, name=f"checkpoint:{ckpt}")


def ask(
    question: Annotated[str, typer.Argument(help="The question, in plain English.")],
    data: Annotated[Path | None, typer.Option("--data", help="A CSV file with the data.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON document.")] = False,
    trace: Annotated[bool, typer.Option("--trace", help="Show every stage.")] = False,
    checkpoint: Annotated[
        Path | None, typer.Option("--checkpoint", help="A HAVOC checkpoint to propose MODE/PLAN.")
    ] = None,
    no_rag: Annotated[bool, typer.Option("--no-rag", help="Skip handbook retrieval.")] = False,
) -> None:
    """Answer an engineering question with audited numbers (MODE → … → ANSWER).

    Exit codes: 0 answered or explained, 3 more information is needed, 4 out of scope, 2 bad
    input, 1 the analysis or its audit failed.
    """
    from havoc_srs import Pipeline, SRSError

    generator = None
    if checkpoint is not None:
        if not (checkpoint / "config.json").is_file():
            typer.echo(f"error: {checkpoint} is not a checkpoint folder (no config.json)", err=True)
            raise typer.Exit(2)
        try:
            generator = _checkpoint_generator(checkpoint)
        except (ValueError, RuntimeError, OSError) as e:
            typer.echo(f"error: cannot load {checkpoint}: {e}", err=True)
            raise typer.Exit(2) from None
    if data is not None and not data.is_file():
        typer.echo(f"error: data file {data} does not exist", err=True)
        raise typer.Exit(2)
    try:
        pipe = Pipeline(index=False if no_rag else None, generator=generator)
        result = pipe.run(question, data=data, data_name=data.name if data else None)
    except SRSError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None
    if as_json:
        doc = result.to_dict()
        doc["key_numbers"] = result.answer.get("key_numbers", {})
        if not trace:
            doc["trace"] = {
                "stages": [_slim(s) for s in result.trace["stages"]],
                "total_ms": result.trace["total_ms"],
            }
        sys.stdout.write(json.dumps(doc, default=_default, allow_nan=False) + "\n")
    else:
        from rich.console import Console
        from rich.markdown import Markdown

        console = Console()
        if trace:
            for s in result.trace["stages"]:
                mark = {"ok": "[green]ok[/]", "skipped": "[dim]skipped[/]"}.get(
                    s["status"], "[red]failed[/]"
                )
                console.print(
                    f"[bold]{s['stage']:<8}[/] {mark} [dim]{s['decided_by']}, "
                    f"{s['duration_ms']:.1f} ms[/]  {s['summary']}"
                )
                for call in s["tool_calls"][:6]:
                    console.print(f"         [cyan]{call['dsl']}[/]")
            console.print()
        console.print(Markdown(result.markdown))
    codes = {"answered": 0, "explained": 0, "needs_input": 3, "out_of_scope": 4, "failed": 1}
    raise typer.Exit(codes.get(result.status, 1))


def _slim(stage: dict[str, Any]) -> dict[str, Any]:
    out = dict(stage)
    out["plots"] = [
        {"title": p["title"], "data_uri": "(use --trace for the image)"} for p in stage["plots"]
    ]
    return out


def _default(o: Any) -> Any:
    if hasattr(o, "item"):
        return o.item()
    if hasattr(o, "tolist"):
        return o.tolist()
    return str(o)


def register(app: typer.Typer) -> None:
    """Attach this module's commands to the top-level app."""
    app.command("ask")(ask)
