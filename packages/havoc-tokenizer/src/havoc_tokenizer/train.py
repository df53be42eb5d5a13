"""Train a HAVOC tokenizer (SentencePiece BPE) from files and folders."""

from __future__ import annotations

import io
import json
import os
import re
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import sentencepiece as spm
import yaml

from havoc_tokenizer.errors import TokenizerError
from havoc_tokenizer.normalize import normalize
from havoc_tokenizer.special_tokens import BOS_ID, CONTROL_SYMBOLS, EOS_ID, PAD_ID, UNK_ID
from havoc_tokenizer.tokenizer import HavocTokenizer

TEXT_SUFFIXES = (".txt", ".md", ".rst", ".text", ".jsonl", ".json", ".py", ".dsl", ".tex", ".csv")
MIN_VOCAB = 384  # 64 reserved + 256 bytes + room for characters and merges


@dataclass
class TokenizerConfig:
    """Training settings; the YAML files in ``configs/tokenizer/`` hold exactly these keys."""

    vocab_size: int = 8192
    inputs: list[str] = field(default_factory=list)
    character_coverage: float = 0.9995
    input_sentence_size: int = 5_000_000  # lines sampled for training (0 = all)
    max_sentence_length: int = 16384  # bytes; longer lines are skipped by SentencePiece
    max_piece_length: int = 16
    num_threads: int = 0  # 0 = all cores
    seed: int = 0

    @classmethod
    def from_yaml(cls, path: str | os.PathLike[str]) -> TokenizerConfig:
        p = Path(path)
        if not p.is_file():
            raise TokenizerError(f"tokenizer config not found: {p}")
        data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise TokenizerError(f"{p}: expected a mapping of settings, got {type(data).__name__}")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise TokenizerError(f"{p}: unknown settings {unknown}; known: {sorted(known)}")
        cfg = cls(**data)
        cfg.inputs = [
            str(Path(p.parent, i)) if not Path(i).is_absolute() else i for i in cfg.inputs
        ]
        return cfg

    def validate(self) -> None:
        if not isinstance(self.vocab_size, int) or self.vocab_size < MIN_VOCAB:
            raise TokenizerError(
                f"vocab_size must be an integer >= {MIN_VOCAB}, got {self.vocab_size!r}"
            )
        if not 0.9 <= self.character_coverage <= 1.0:
            raise TokenizerError(
                f"character_coverage must be in [0.9, 1.0], got {self.character_coverage!r}"
            )


def collect_files(inputs: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """Expand files and folders (recursively, text-like suffixes) into a sorted file list."""
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    if not inputs:
        raise TokenizerError("no training inputs given")
    files: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_file():
            files.append(p)
        elif p.is_dir():
            found = sorted(
                f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES
            )
            if not found:
                raise TokenizerError(f"folder {p} holds no text files ({', '.join(TEXT_SUFFIXES)})")
            files.extend(found)
        else:
            raise TokenizerError(f"training input not found: {p}")
    return files


def _strings(obj: Any) -> Iterator[str]:
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v)


def read_text(path: Path) -> str:
    """A file's training text; for JSONL, every string value of every record."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix.lower() != ".jsonl":
        return raw
    parts: list[str] = []
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            parts.extend(_strings(json.loads(line)))
        except json.JSONDecodeError as err:
            raise TokenizerError(f"{path}:{n}: invalid JSON ({err.msg})") from err
    return "\n".join(parts)


def _training_lines(files: Sequence[Path], progress: Any, task: Any) -> list[str]:
    lines: list[str] = []
    for f in files:
        text = normalize(read_text(f))
        # SentencePiece learns from lines; newlines are byte-fallback tokens, never merged.
        lines.extend(line for line in text.split("\n") if line.strip())
        if progress is not None:
            progress.update(task, advance=f.stat().st_size)
    return lines


def train_tokenizer(
    inputs: Sequence[str | os.PathLike[str]],
    vocab_size: int,
    out_dir: str | os.PathLike[str],
    *,
    config: TokenizerConfig | None = None,
    show_progress: bool = True,
) -> HavocTokenizer:
    """Train a SentencePiece BPE tokenizer on `inputs` and save it to `out_dir`.

    BPE with byte fallback, digits split, whitespace runs as pieces, no dummy prefix, identity
    SentencePiece normalisation (HAVOC's `normalize` runs before it, at training and encoding).
    Raises `TokenizerError` for missing inputs, an empty corpus, or a corpus too small for
    `vocab_size`.

    >>> tok = train_tokenizer(["docs/"], 4096, "runs/tok")  # doctest: +SKIP
    """
    cfg = config if config is not None else TokenizerConfig()
    cfg = TokenizerConfig(**{**asdict(cfg), "vocab_size": vocab_size})
    cfg.validate()
    files = collect_files(inputs)
    progress = None
    if show_progress:
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            TimeElapsedColumn(),
        )
        progress.start()
    try:
        task = None
        if progress is not None:
            total = sum(f.stat().st_size for f in files)
            task = progress.add_task(f"reading {len(files)} files", total=total)
        lines = _training_lines(files, progress, task)
        if not lines:
            raise TokenizerError(f"the training corpus is empty ({len(files)} files, no text)")
        if progress is not None:
            progress.update(task, description=f"read {len(lines):,} lines")
            task = progress.add_task(f"training BPE, vocab {cfg.vocab_size}", total=None)
        model = _run_trainer(lines, cfg, progress, task)
    finally:
        if progress is not None:
            progress.stop()
    tok = HavocTokenizer(model)
    tok.save_pretrained(out_dir)
    return tok


def _run_trainer(lines: list[str], cfg: TokenizerConfig, progress: Any, task: Any) -> bytes:
    buffer = io.BytesIO()
    error: list[BaseException] = []
    kwargs = dict(
        sentence_iterator=iter(lines),
        model_writer=buffer,
        model_type="bpe",
        vocab_size=cfg.vocab_size,
        byte_fallback=True,
        split_digits=True,
        allow_whitespace_only_pieces=True,
        remove_extra_whitespaces=False,
        add_dummy_prefix=False,
        normalization_rule_name="identity",
        character_coverage=cfg.character_coverage,
        input_sentence_size=cfg.input_sentence_size,
        shuffle_input_sentence=True,
        max_sentence_length=cfg.max_sentence_length,
        max_sentencepiece_length=cfg.max_piece_length,
        num_threads=cfg.num_threads or (os.cpu_count() or 1),
        pad_id=PAD_ID,
        bos_id=BOS_ID,
        eos_id=EOS_ID,
        unk_id=UNK_ID,
        control_symbols=list(CONTROL_SYMBOLS),
        minloglevel=2,
    )
    if cfg.seed:
        spm.set_random_generator_seed(cfg.seed)

    def work() -> None:
        try:
            spm.SentencePieceTrainer.train(**kwargs)
        except BaseException as err:  # surfaced below in the calling thread
            error.append(err)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    while thread.is_alive():
        thread.join(0.2)
        if progress is not None:
            progress.update(task)
            time.sleep(0)
    if error:
        msg = str(error[0])
        limit = re.search(r"value <= (\d+)", msg)
        if "Vocabulary size too high" in msg and limit:
            raise TokenizerError(
                f"corpus too small for vocab_size={cfg.vocab_size}: this corpus supports at most "
                f"{limit.group(1)} ({len(lines):,} lines, {sum(map(len, lines)):,} characters); "
                "add text or lower vocab_size"
            ) from error[0]
        raise TokenizerError(f"SentencePiece training failed: {msg.strip()}") from error[0]
    return buffer.getvalue()


def train_from_config(
    config_path: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    inputs: Sequence[str | os.PathLike[str]] | None = None,
    vocab_size: int | None = None,
    show_progress: bool = True,
) -> HavocTokenizer:
    """`train_tokenizer` with settings from a ``configs/tokenizer/*.yaml`` file.

    `inputs` and `vocab_size` override the file; relative inputs in the file are resolved against
    the file's folder.
    """
    cfg = TokenizerConfig.from_yaml(config_path)
    use_inputs = list(inputs) if inputs else cfg.inputs
    if not use_inputs:
        raise TokenizerError(f"{config_path} lists no inputs and none were given")
    return train_tokenizer(
        use_inputs, vocab_size or cfg.vocab_size, out_dir, config=cfg, show_progress=show_progress
    )
