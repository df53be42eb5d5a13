"""The mixture config (``configs/data/*.yaml``) as typed dataclasses."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from havoc_data.errors import DataError

SOURCE_TYPES = ("text", "jsonl", "chat", "bundled")


@dataclass
class SourceConfig:
    """One weighted source of documents.

    type: ``text`` (files, folders, globs; one document per file), ``jsonl`` (one document per
    record, the string at `field`, dotted for nesting), ``chat`` (records whose `field` holds a
    message list, rendered with the chat template) or ``bundled`` (the harvested local corpus).
    weight: how many times each training document is used: 2.0 = twice, 0.5 = a seeded half.
    """

    name: str
    type: str
    paths: list[str] = field(default_factory=list)
    weight: float = 1.0
    field: str = ""

    def __post_init__(self) -> None:
        if self.type not in SOURCE_TYPES:
            raise DataError(
                f"source {self.name!r}: type must be one of {SOURCE_TYPES}, got {self.type!r}"
            )
        if isinstance(self.paths, str):
            self.paths = [self.paths]
        if not isinstance(self.weight, (int, float)) or self.weight < 0:
            raise DataError(
                f"source {self.name!r}: weight must be a number >= 0, got {self.weight!r}"
            )
        if self.type != "bundled" and not self.paths:
            raise DataError(f"source {self.name!r}: a {self.type} source needs `paths`")
        if not self.field:
            self.field = {"jsonl": "text", "chat": "messages"}.get(self.type, "")


@dataclass
class MixtureConfig:
    """A data mixture: sources with weights plus preprocessing and packing settings."""

    sources: list[SourceConfig]
    name: str = "mixture"
    seed: int = 1234
    val_fraction: float = 0.01  # share of documents held out (split by document)
    min_chars: int = 32  # documents shorter than this (after normalisation) are dropped
    max_chars: int = 2_000_000  # and longer than this
    dedup: bool = True  # drop exact duplicates (after normalisation)
    dsl_languages: list[str] = field(default_factory=lambda: ["dsl", "havoc"])
    shard_tokens: int = 1 << 26  # tokens per shard file
    workers: int = 0  # tokenising processes; 0 = all cores
    bundled_dir: str = ""  # where the bundled corpus is harvested; "" = <out>/bundled

    def __post_init__(self) -> None:
        if not self.sources:
            raise DataError("mixture has no sources")
        self.sources = [s if isinstance(s, SourceConfig) else _source(s) for s in self.sources]
        names = [s.name for s in self.sources]
        if len(set(names)) != len(names):
            raise DataError(f"source names must be unique, got {names}")
        if not 0 <= self.val_fraction < 1:
            raise DataError(f"val_fraction must be in [0, 1), got {self.val_fraction!r}")
        if self.min_chars < 0 or self.max_chars <= self.min_chars:
            raise DataError(
                f"need 0 <= min_chars < max_chars, got {self.min_chars}, {self.max_chars}"
            )
        if self.shard_tokens < 1024:
            raise DataError(f"shard_tokens must be >= 1024, got {self.shard_tokens}")

    @classmethod
    def from_dict(cls, data: dict[str, Any], base: Path | None = None) -> MixtureConfig:
        if not isinstance(data, dict):
            raise DataError(f"mixture config must be a mapping, got {type(data).__name__}")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise DataError(f"unknown mixture settings {unknown}; known: {sorted(known)}")
        if "sources" not in data:
            raise DataError("mixture config needs a `sources` list")
        if not isinstance(data["sources"], list):
            raise DataError("`sources` must be a list")
        cfg = cls(**data)
        if base is not None:
            for s in cfg.sources:
                s.paths = [p if Path(p).is_absolute() else str(base / p) for p in s.paths]
            if cfg.bundled_dir and not Path(cfg.bundled_dir).is_absolute():
                cfg.bundled_dir = str(base / cfg.bundled_dir)
        return cfg

    @classmethod
    def from_yaml(cls, path: str | os.PathLike[str]) -> MixtureConfig:
        """Load a YAML mixture; relative paths are resolved against the YAML file's folder."""
        p = Path(path)
        if not p.is_file():
            raise DataError(f"mixture config not found: {p}")
        try:
            data = yaml.safe_load(p.read_text(encoding="utf-8"))
        except yaml.YAMLError as err:
            raise DataError(f"{p}: invalid YAML: {err}") from err
        return cls.from_dict(data or {}, base=p.parent.resolve())

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _source(data: Any) -> SourceConfig:
    if not isinstance(data, dict):
        raise DataError(f"each source must be a mapping, got {data!r}")
    known = {f.name for f in fields(SourceConfig)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise DataError(
            f"source {data.get('name')!r}: unknown keys {unknown}; known: {sorted(known)}"
        )
    if "name" not in data or "type" not in data:
        raise DataError(f"each source needs `name` and `type`, got {sorted(data)}")
    return SourceConfig(**data)


def load_mixture(config: str | os.PathLike[str] | dict[str, Any] | MixtureConfig) -> MixtureConfig:
    if isinstance(config, MixtureConfig):
        return config
    if isinstance(config, dict):
        return MixtureConfig.from_dict(config)
    return MixtureConfig.from_yaml(config)
