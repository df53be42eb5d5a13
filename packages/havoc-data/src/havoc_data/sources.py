"""Reading documents out of the configured sources."""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from havoc_data.bundled import bundled_corpus
from havoc_data.config import SourceConfig
from havoc_data.errors import DataError

TEXT_SUFFIXES = (".txt", ".md", ".rst", ".text", ".tex", ".dsl", ".py")


@dataclass(frozen=True)
class Document:
    kind: str  # "text" or "chat"
    payload: Any  # str for text, list of message dicts for chat
    origin: str  # "file" or "file:line", for error messages


def expand_paths(source: SourceConfig, suffixes: tuple[str, ...] | None) -> list[Path]:
    """Files named by a source's paths: files, folders (recursive) and globs, sorted."""
    files: list[Path] = []
    for raw in source.paths:
        p = Path(raw)
        if any(ch in raw for ch in "*?["):
            matches = sorted(Path(m) for m in glob.glob(raw, recursive=True) if Path(m).is_file())
            if not matches:
                raise DataError(f"source {source.name!r}: glob {raw!r} matches no files")
            files.extend(matches)
        elif p.is_file():
            files.append(p)
        elif p.is_dir():
            found = sorted(
                f
                for f in p.rglob("*")
                if f.is_file() and (suffixes is None or f.suffix.lower() in suffixes)
            )
            if not found:
                raise DataError(f"source {source.name!r}: folder {p} holds no matching files")
            files.extend(found)
        else:
            raise DataError(f"source {source.name!r}: path not found: {p}")
    return files


def _dig(record: Any, dotted: str) -> Any:
    cur = record
    for key in dotted.split("."):
        if not isinstance(cur, dict) or key not in cur:
            return None
        cur = cur[key]
    return cur


def _jsonl_records(path: Path) -> Iterator[tuple[int, Any]]:
    with path.open(encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                yield n, json.loads(line)
            except json.JSONDecodeError as err:
                raise DataError(f"{path}:{n}: invalid JSON ({err.msg})") from err


def iter_jsonl(path: Path, field: str, kind: str, source: str) -> Iterator[Document]:
    for n, record in _jsonl_records(path):
        value = _dig(record, field)
        if kind == "text":
            if not isinstance(value, str):
                raise DataError(f"{path}:{n}: source {source!r} expects a string at {field!r}")
        elif not isinstance(value, list):
            raise DataError(f"{path}:{n}: source {source!r} expects a message list at {field!r}")
        yield Document(kind, value, f"{path}:{n}")


@dataclass
class ResolvedSource:
    config: SourceConfig
    files: list[Path]
    # for bundled sources: (file, kind) pairs
    kinds: list[str]

    @property
    def total_bytes(self) -> int:
        return sum(f.stat().st_size for f in self.files)

    def documents(self) -> Iterator[Document]:
        cfg = self.config
        for f, kind in zip(self.files, self.kinds, strict=True):
            if cfg.type == "text":
                yield Document("text", f.read_text(encoding="utf-8", errors="replace"), str(f))
            elif cfg.type == "jsonl":
                yield from iter_jsonl(f, cfg.field, "text", cfg.name)
            elif cfg.type == "chat":
                yield from iter_jsonl(f, cfg.field, "chat", cfg.name)
            elif kind == "chat":
                yield from iter_jsonl(f, "messages", "chat", cfg.name)
            else:
                yield from iter_jsonl(f, "text", "text", cfg.name)


def resolve(source: SourceConfig, bundled_dir: Path) -> ResolvedSource:
    if source.type == "bundled":
        from havoc_data.bundled import read_manifest

        files = bundled_corpus(bundled_dir)
        kinds = {s["file"]: s["kind"] for s in read_manifest(bundled_dir)["sources"]}
        return ResolvedSource(
            source, files, ["chat" if kinds[f.name] == "chat" else "text" for f in files]
        )
    suffixes = TEXT_SUFFIXES if source.type == "text" else (".jsonl",)
    files = expand_paths(source, suffixes)
    return ResolvedSource(source, files, [source.type] * len(files))


def file_signature(files: list[Path]) -> list[tuple[str, int, int]]:
    out = []
    for f in files:
        st = os.stat(f)
        out.append((str(f), st.st_size, st.st_mtime_ns))
    return out
