"""`havoc data build|bundle|info` (backed by havoc-data).

havoc_data/havoc_tokenizer are imported inside the commands so `havoc --help` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

data_app = typer.Typer(
    help="Build packed training data from a mixture YAML.",
    no_args_is_help=True,
    add_completion=False,
)


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@data_app.command("build")
def build(
    config: Annotated[Path, typer.Option(help="Mixture YAML (configs/data/*.yaml).")],
    out: Annotated[Path, typer.Option(help="Output folder for shards and index.json.")],
    tokenizer: Annotated[
        Path | None,
        typer.Option(help="Tokenizer folder; if missing, one is trained on the bundled corpus."),
    ] = None,
    vocab_size: Annotated[
        int, typer.Option(help="Vocabulary when a tokenizer is trained here.")
    ] = 4096,
    workers: Annotated[
        int | None, typer.Option(help="Tokenising processes (default: config).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even if up to date.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bars.")] = False,
) -> None:
    """Tokenise a mixture in parallel and pack it into memmap shards with an index."""
    from havoc_data import DataError, build_dataset, bundled_corpus, load_mixture
    from havoc_tokenizer import HavocTokenizer, TokenizerError, train_tokenizer

    try:
        cfg = load_mixture(config)
        tok_dir = tokenizer or out / "tokenizer"
        if (tok_dir / "tokenizer.model").is_file():
            tok = HavocTokenizer.from_pretrained(tok_dir)
        elif tokenizer is not None:
            _fail(f"no tokenizer at {tokenizer} (tokenizer.model not found)")
        else:
            typer.echo(f"no --tokenizer: training one (vocab {vocab_size}) on the bundled corpus")
            files = bundled_corpus(Path(cfg.bundled_dir) if cfg.bundled_dir else out / "bundled")
            tok = train_tokenizer(files, vocab_size, tok_dir, show_progress=not quiet)
        index = build_dataset(cfg, out, tok, workers=workers, show_progress=not quiet, force=force)
    except (DataError, TokenizerError) as exc:
        _fail(str(exc))
    _summary(index)


def _summary(index: dict) -> None:
    for name, s in index["sources"].items():
        typer.echo(
            f"{name}: {s['documents']}/{s['documents_in']} documents kept "
            f"({s['duplicates']} duplicates, {s['too_short']} too short, {s['too_long']} too long), "
            f"{s['tokens']:,} tokens"
        )
    for split, info in index["splits"].items():
        typer.echo(
            f"{split}: {info['tokens']:,} tokens, {info['documents']} documents, "
            f"{len(info['shards'])} shard(s) of {index['dtype']}"
        )


@data_app.command("info")
def info(
    directory: Annotated[Path, typer.Argument(help="A built dataset folder.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole index.")] = False,
) -> None:
    """Summarise a built dataset."""
    from havoc_data import DataError, read_index

    try:
        index = read_index(directory)
    except DataError as exc:
        _fail(str(exc))
    if as_json:
        typer.echo(json.dumps(index, indent=2))
    else:
        _summary(index)


@data_app.command("bundle")
def bundle(
    out: Annotated[Path, typer.Option(help="Folder for the harvested JSONL files.")],
    force: Annotated[bool, typer.Option("--force", help="Harvest again even if cached.")] = False,
) -> None:
    """Harvest the bundled local corpus (installed docstrings and HAVOC docs; no download)."""
    from havoc_data import DataError, bundled_corpus
    from havoc_data.bundled import read_manifest

    try:
        bundled_corpus(out, force=force)
        for s in read_manifest(out)["sources"]:
            version = f" {s['version']}" if s.get("version") else ""
            typer.echo(
                f"{s['name']}{version}: {s['documents']} documents, {s['chars']:,} characters"
            )
    except DataError as exc:
        _fail(str(exc))


def register(app: typer.Typer) -> None:
    """Attach this module's commands to the top-level app."""
    app.add_typer(data_app, name="data")
