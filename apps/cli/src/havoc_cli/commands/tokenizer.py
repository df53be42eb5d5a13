"""`havoc tokenizer train|encode|info` (backed by havoc-tokenizer).

havoc_tokenizer/havoc_data are imported inside the commands so `havoc --help` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

tokenizer_app = typer.Typer(
    help="Train and inspect HAVOC tokenizers.", no_args_is_help=True, add_completion=False
)


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@tokenizer_app.command("train")
def train(
    out: Annotated[Path, typer.Option(help="Folder to write the tokenizer to.")],
    input: Annotated[
        list[Path] | None, typer.Option("--input", help="Training file or folder (repeatable).")
    ] = None,
    vocab_size: Annotated[
        int | None, typer.Option(help="Vocabulary size (overrides --config).")
    ] = None,
    config: Annotated[Path | None, typer.Option(help="configs/tokenizer/*.yaml")] = None,
    bundled: Annotated[
        bool, typer.Option("--bundled", help="Also train on the bundled local corpus.")
    ] = False,
    bundled_dir: Annotated[
        Path | None, typer.Option(help="Where to harvest the bundled corpus.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress display.")] = False,
) -> None:
    """Train a SentencePiece BPE tokenizer with the HAVOC reserved tokens."""
    from havoc_tokenizer import TokenizerConfig, TokenizerError, train_tokenizer

    try:
        cfg = TokenizerConfig.from_yaml(config) if config else TokenizerConfig()
        inputs: list[Path | str] = list(input or []) or list(cfg.inputs)
        if bundled:
            from havoc_data import DataError, bundled_corpus

            try:
                inputs += bundled_corpus(bundled_dir or out.parent / f"{out.name}-bundled")
            except DataError as exc:
                _fail(str(exc))
        if not inputs:
            _fail("give --input FILE_OR_DIR (repeatable), --bundled, or a --config listing inputs")
        size = vocab_size or cfg.vocab_size
        tok = train_tokenizer(inputs, size, out, config=cfg, show_progress=not quiet)
    except TokenizerError as exc:
        _fail(str(exc))
    typer.echo(f"tokenizer: vocab {tok.vocab_size}, sha256 {tok.fingerprint[:12]} -> {out}")


@tokenizer_app.command("encode")
def encode(
    tokenizer: Annotated[Path, typer.Option(help="Tokenizer folder.")],
    text: Annotated[str, typer.Argument(help="Text to encode.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print ids and pieces as JSON.")] = False,
) -> None:
    """Show how a text is tokenised."""
    from havoc_tokenizer import HavocTokenizer, TokenizerError

    try:
        tok = HavocTokenizer.from_pretrained(tokenizer)
    except TokenizerError as exc:
        _fail(str(exc))
    ids = tok.encode(text)
    pieces = [tok.id_to_piece(i) for i in ids]
    if as_json:
        typer.echo(json.dumps({"ids": ids, "pieces": pieces}, ensure_ascii=False))
    else:
        typer.echo(f"{len(ids)} tokens for {len(text)} characters")
        typer.echo(" ".join(f"{p}:{i}" for p, i in zip(pieces, ids, strict=True)))


def register(app: typer.Typer) -> None:
    """Attach this module's commands to the top-level app."""
    app.add_typer(tokenizer_app, name="tokenizer")
