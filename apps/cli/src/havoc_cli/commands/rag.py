"""`havoc rag ...`: build and query havoc-rag indexes."""

from __future__ import annotations

import json
from pathlib import Path

import typer

rag_app = typer.Typer(help="Retrieval over local documents (hybrid BM25 + dense, with citations).")


@rag_app.command("index")
def index_cmd(
    dirs: list[Path] = typer.Argument(..., help="Folders or files of markdown/text to index."),
    out: Path = typer.Option(..., "--out", "-o", help="Index folder to write."),
    embedder: str = typer.Option(
        "hashing",
        "--embedder",
        help="'hashing' (default), 'hashing:DIM', 'minilm' (all-MiniLM-L6-v2 from its package) or 'st:PATH'.",
    ),
) -> None:
    """Chunk DIR... and write a hybrid index to --out."""
    from havoc_rag import Index, RagError, make_embedder

    try:
        index = Index.from_paths(dirs, embedder=make_embedder(embedder), progress=True)
        path = index.save(out)
    except RagError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    for skipped in index.skipped:
        typer.echo(f"skipped {skipped.path}: {skipped.reason}", err=True)
    typer.echo(
        f"indexed {len(index)} chunks from {len(index.sources)} files into {path} "
        f"({index.dense_kind} dense index, embedder {embedder})"
    )


@rag_app.command("query")
def query_cmd(
    index_path: Path = typer.Argument(..., metavar="INDEX", help="Index folder from `rag index`."),
    question: str = typer.Argument(..., help="The question."),
    k: int = typer.Option(5, "-k", help="Number of hits."),
    mode: str = typer.Option("hybrid", "--mode", help="hybrid, dense or lexical."),
    as_json: bool = typer.Option(False, "--json", help="Print hits as JSON (rank order)."),
) -> None:
    """Search INDEX for QUESTION and print the hits."""
    from havoc_rag import Index, RagError

    try:
        hits = Index.load(index_path).search(question, k=k, mode=mode)  # type: ignore[arg-type]
    except RagError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if as_json:
        keys = ("rank", "score", "source", "heading", "line_start", "line_end", "text")
        typer.echo(json.dumps([{key: h.to_dict()[key] for key in keys} for h in hits], indent=2))
        return
    for h in hits:
        where = f"{h.source}:{h.chunk.line_start}-{h.chunk.line_end}"
        typer.echo(f"[{h.rank}] {h.score:.4f}  {where}  {h.heading}")
        typer.echo("    " + h.text.replace("\n", "\n    ")[:600])


def register(app: typer.Typer) -> None:
    """Attach this module's commands to the top-level app."""
    app.add_typer(rag_app, name="rag")
