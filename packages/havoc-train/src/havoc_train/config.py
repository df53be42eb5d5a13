"""Training run configuration: typed dataclasses loaded from YAML, with dotted overrides.

A run is described by one YAML file (``configs/training/*.yaml``) whose sections map onto the
dataclasses below. Every key is checked: an unknown key or a value of the wrong type raises
:class:`ConfigError` naming the dotted path, e.g. ``optim.lr: expected a float, got 'fast'``.

>>> cfg = TrainConfig.from_dict({"train": {"max_steps": 10}}, overrides=["optim.lr=3e-4"])
>>> cfg.optim.lr, cfg.train.max_steps
(0.0003, 10)
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml


class ConfigError(ValueError):
    """A training config key is unknown or its value is invalid."""


@dataclass
class ModelSection:
    """Which decoder to train: a havoc-model preset name or YAML path, plus field overrides.

    ``vocab_size`` is taken from the tokenizer unless set in ``overrides``.
    """

    preset: str = "tiny"
    overrides: dict[str, Any] = field(default_factory=dict)
    init_from: str | None = None  # start from a checkpoint folder (or "demo") instead of random


@dataclass
class TokenizerSection:
    """The tokenizer: an existing directory, or trained on first use from the bundled corpus."""

    path: str | None = None  # an existing tokenizer directory; skips training when set
    vocab_size: int = 4096
    config: str | None = None  # a havoc-tokenizer YAML (configs/tokenizer/*.yaml)


@dataclass
class DataSection:
    """The training data: a packed dataset directory, or built on first use from a mixture."""

    kind: Literal["pretrain", "sft"] = "pretrain"
    path: str | None = None  # an existing built dataset (pretrain) or chat JSONL file/dir (sft)
    mixture: str | None = None  # a havoc-data mixture YAML; None = the bundled corpus
    seq_len: int = 256
    val_fraction: float = 0.05


@dataclass
class OptimSection:
    """AdamW with decoupled weight decay (none on norms, biases and embeddings)."""

    lr: float = 3e-4
    weight_decay: float = 0.1
    betas: tuple[float, float] = (0.9, 0.95)
    eps: float = 1e-8
    fused: Literal["auto", "on", "off"] = "auto"


@dataclass
class ScheduleSection:
    """Learning-rate schedule: linear warmup, then cosine / linear / constant, or WSD."""

    kind: Literal["cosine", "linear", "constant", "wsd"] = "cosine"
    warmup_steps: int = 100
    min_lr_ratio: float = 0.1  # final lr = optim.lr * min_lr_ratio
    decay_fraction: float = 0.2  # wsd only: share of max_steps spent in the final decay


@dataclass
class LoopSection:
    """The training loop itself."""

    max_steps: int = 1000
    micro_batch_size: int = 8
    grad_accum_steps: int = 1
    grad_clip: float = 1.0  # 0 disables clipping
    precision: Literal["auto", "fp32", "bf16", "fp16"] = "fp32"
    device: str = "auto"
    compile: bool = False
    activation_checkpointing: bool = False
    log_every: int = 10
    max_minutes: float = 0.0  # stop cleanly (with a checkpoint) after this wall time; 0 = off


@dataclass
class EvalSection:
    """Validation: loss, perplexity and bits per byte on held-out data, plus sampled text."""

    every: int = 200  # 0 = only at the end
    batches: int = 20
    samples: int = 3
    max_new_tokens: int = 48
    temperature: float = 0.8
    top_k: int = 40
    prompts: list[str] = field(
        default_factory=lambda: [
            "The standard deviation of a sample",
            "A control chart",
            "In a factorial design,",
        ]
    )


@dataclass
class CheckpointSection:
    """Checkpoints (docs/ARCHITECTURE.md §3): every N steps, keep the newest K plus the best by val loss."""

    every: int = 500  # 0 = only at the end
    keep_last: int = 2
    keep_best: bool = True


@dataclass
class DistributedSection:
    """How the model is wrapped when launched with torchrun: DDP or FSDP2 (fully_shard)."""

    strategy: Literal["auto", "none", "ddp", "fsdp"] = "auto"
    backend: str = "auto"  # nccl on CUDA, gloo on CPU
    reshard_after_forward: bool = True


@dataclass
class TrainConfig:
    """A whole training run."""

    name: str = "run"
    seed: int = 1337
    model: ModelSection = field(default_factory=ModelSection)
    tokenizer: TokenizerSection = field(default_factory=TokenizerSection)
    data: DataSection = field(default_factory=DataSection)
    optim: OptimSection = field(default_factory=OptimSection)
    schedule: ScheduleSection = field(default_factory=ScheduleSection)
    train: LoopSection = field(default_factory=LoopSection)
    eval: EvalSection = field(default_factory=EvalSection)
    checkpoint: CheckpointSection = field(default_factory=CheckpointSection)
    distributed: DistributedSection = field(default_factory=DistributedSection)

    @classmethod
    def from_dict(
        cls, data: dict[str, Any] | None, overrides: list[str] | None = None
    ) -> TrainConfig:
        """Build a config from a plain mapping, then apply ``key.path=value`` overrides."""
        data = dict(data or {})
        for item in overrides or []:
            key, value = parse_override(item)
            _set_dotted(data, key, value)
        cfg = _build(cls, data, "")
        cfg.validate()
        return cfg

    @classmethod
    def from_yaml(cls, path: str | Path, overrides: list[str] | None = None) -> TrainConfig:
        """Load ``path`` (a YAML mapping of the sections above) and apply overrides."""
        path = Path(path)
        if not path.is_file():
            raise ConfigError(f"training config not found: {path}")
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
        if data is not None and not isinstance(data, dict):
            raise ConfigError(f"{path}: expected a mapping at the top level")
        try:
            return cls.from_dict(data, overrides)
        except ConfigError as exc:
            raise ConfigError(f"{path}: {exc}") from None

    def to_dict(self) -> dict[str, Any]:
        """A plain, JSON/YAML-serialisable mapping (tuples become lists)."""
        return _plain(dataclasses.asdict(self))

    def validate(self) -> None:
        """Check ranges that types alone cannot express."""
        t, o, s = self.train, self.optim, self.schedule
        checks = [
            (t.max_steps >= 1, "train.max_steps", "must be >= 1"),
            (t.micro_batch_size >= 1, "train.micro_batch_size", "must be >= 1"),
            (t.grad_accum_steps >= 1, "train.grad_accum_steps", "must be >= 1"),
            (t.grad_clip >= 0, "train.grad_clip", "must be >= 0 (0 disables clipping)"),
            (t.log_every >= 1, "train.log_every", "must be >= 1"),
            (t.max_minutes >= 0, "train.max_minutes", "must be >= 0"),
            (o.lr > 0, "optim.lr", "must be > 0"),
            (o.weight_decay >= 0, "optim.weight_decay", "must be >= 0"),
            (all(0 <= b < 1 for b in o.betas), "optim.betas", "each must be in [0, 1)"),
            (o.eps > 0, "optim.eps", "must be > 0"),
            (s.warmup_steps >= 0, "schedule.warmup_steps", "must be >= 0"),
            (0 <= s.min_lr_ratio <= 1, "schedule.min_lr_ratio", "must be in [0, 1]"),
            (0 <= s.decay_fraction <= 1, "schedule.decay_fraction", "must be in [0, 1]"),
            (self.data.seq_len >= 2, "data.seq_len", "must be >= 2"),
            (0 < self.data.val_fraction < 1, "data.val_fraction", "must be in (0, 1)"),
            (self.tokenizer.vocab_size >= 300, "tokenizer.vocab_size", "must be >= 300"),
            (self.eval.every >= 0, "eval.every", "must be >= 0"),
            (self.eval.batches >= 1, "eval.batches", "must be >= 1"),
            (self.eval.samples >= 0, "eval.samples", "must be >= 0"),
            (self.eval.max_new_tokens >= 1, "eval.max_new_tokens", "must be >= 1"),
            (self.eval.temperature >= 0, "eval.temperature", "must be >= 0"),
            (self.checkpoint.every >= 0, "checkpoint.every", "must be >= 0"),
            (self.checkpoint.keep_last >= 1, "checkpoint.keep_last", "must be >= 1"),
        ]
        for ok, key, message in checks:
            if not ok:
                raise ConfigError(f"{key}: {message}, got {_get_dotted(self, key)!r}")


def parse_override(item: str) -> tuple[str, Any]:
    """Split ``optim.lr=3e-4`` into ``("optim.lr", 0.0003)``; the value is parsed as YAML."""
    if "=" not in item:
        raise ConfigError(f"override {item!r}: expected KEY=VALUE, e.g. optim.lr=3e-4")
    key, raw = item.split("=", 1)
    key = key.strip()
    if not key or any(not part.isidentifier() for part in key.split(".")):
        raise ConfigError(f"override {item!r}: {key!r} is not a dotted config key")
    try:
        value = yaml.safe_load(raw) if raw.strip() else ""
    except yaml.YAMLError:
        value = raw
    return key, value


def _set_dotted(data: dict[str, Any], key: str, value: Any) -> None:
    parts = key.split(".")
    node = data
    for i, part in enumerate(parts[:-1]):
        child = node.get(part)
        if child is None:
            child = node[part] = {}
        if not isinstance(child, dict):
            raise ConfigError(f"override {key}: {'.'.join(parts[: i + 1])} is not a section")
        node = child
    node[parts[-1]] = value


def _get_dotted(obj: Any, key: str) -> Any:
    for part in key.split("."):
        obj = getattr(obj, part)
    return obj


def _build(cls: type, data: Any, prefix: str) -> Any:
    where = prefix.rstrip(".") or "config"
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a mapping of keys, got {data!r}")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise ConfigError(
            f"unknown key {prefix}{unknown[0]!s} (known keys in {where}: {', '.join(sorted(names))})"
        )
    kwargs = {name: _coerce(hints[name], data[name], f"{prefix}{name}") for name in data}
    return cls(**kwargs)


def _coerce(tp: Any, value: Any, key: str) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if dataclasses.is_dataclass(tp):
        return _build(tp, value if value is not None else {}, key + ".")
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        errors = []
        for arg in (a for a in args if a is not type(None)):
            try:
                return _coerce(arg, value, key)
            except ConfigError as exc:
                errors.append(str(exc))
        raise ConfigError(errors[0])
    if origin is Literal:
        if value not in args:
            choices = ", ".join(repr(a) for a in args)
            raise ConfigError(f"{key}: expected one of {choices}, got {value!r}")
        return value
    if tp is Any:
        return value
    if tp is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{key}: expected true or false, got {value!r}")
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                return int(value)
            raise ConfigError(f"{key}: expected an integer, got {value!r}")
        return value
    if tp is float:
        if isinstance(value, str):  # YAML 1.1 reads 3e-4 (no dot) as a string
            try:
                return float(value)
            except ValueError:
                pass
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{key}: expected a number, got {value!r}")
        return float(value)
    if tp is str:
        if not isinstance(value, str):
            raise ConfigError(f"{key}: expected a string, got {value!r}")
        return value
    if origin is tuple:
        if not isinstance(value, list | tuple) or len(value) != len(args):
            raise ConfigError(f"{key}: expected a list of {len(args)} values, got {value!r}")
        return tuple(
            _coerce(a, v, f"{key}[{i}]") for i, (a, v) in enumerate(zip(args, value, strict=True))
        )
    if origin is list:
        if not isinstance(value, list | tuple):
            raise ConfigError(f"{key}: expected a list, got {value!r}")
        return [_coerce(args[0], v, f"{key}[{i}]") for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"{key}: expected a mapping, got {value!r}")
        return dict(value)
    raise ConfigError(f"{key}: unsupported config type {tp!r}")  # pragma: no cover


def _plain(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_plain(v) for v in obj]
    return obj
