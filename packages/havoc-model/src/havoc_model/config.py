"""The model configuration: one typed dataclass, loaded from YAML presets or plain dicts.

>>> cfg = ModelConfig.from_preset("tiny")
>>> cfg.d_model, cfg.n_kv_heads
(256, 4)
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

_PRESET_PACKAGE = "havoc_model.presets"


@dataclass(frozen=True)
class ModelConfig:
    """Shape and numerics of a HAVOC decoder (Llama family: RMSNorm, GQA, RoPE, SwiGLU)."""

    vocab_size: int
    d_model: int
    n_layers: int
    n_heads: int
    n_kv_heads: int
    head_dim: int
    ffn_hidden: int
    max_seq_len: int = 2048
    rope_theta: float = 10000.0
    norm_eps: float = 1e-5
    tie_embeddings: bool = True
    init_std: float = 0.02

    def __post_init__(self) -> None:
        problems: list[str] = []
        for name in (
            "vocab_size",
            "d_model",
            "n_layers",
            "n_heads",
            "n_kv_heads",
            "head_dim",
            "ffn_hidden",
            "max_seq_len",
        ):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                problems.append(f"{name} must be a positive integer, got {value!r}")
        for name in ("rope_theta", "norm_eps", "init_std"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                problems.append(f"{name} must be a number, got {value!r}")
            elif not math.isfinite(value) or value <= 0:
                problems.append(f"{name} must be a positive finite number, got {value!r}")
        if not isinstance(self.tie_embeddings, bool):
            problems.append(f"tie_embeddings must be true or false, got {self.tie_embeddings!r}")
        if not problems and self.n_heads % self.n_kv_heads != 0:
            problems.append(
                f"n_heads ({self.n_heads}) must be a multiple of n_kv_heads ({self.n_kv_heads})"
            )
        if not problems and self.head_dim % 2 != 0:
            problems.append(f"head_dim must be even for RoPE, got {self.head_dim}")
        if problems:
            raise ValueError("invalid ModelConfig: " + "; ".join(problems))
        # YAML may give ints for float fields ("rope_theta: 10000"); store them as floats.
        for name in ("rope_theta", "norm_eps", "init_std"):
            object.__setattr__(self, name, float(getattr(self, name)))

    # -- construction ---------------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ModelConfig:
        """Build from a mapping; unknown or missing keys raise ValueError naming them."""
        if not isinstance(data, dict):
            raise ValueError(f"model config must be a mapping, got {type(data).__name__}")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(
                f"unknown model config key(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})"
            )
        required = {
            f.name
            for f in fields(cls)
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        }
        missing = sorted(required - set(data))
        if missing:
            raise ValueError(f"missing model config key(s): {', '.join(missing)}")
        return cls(**data)

    @classmethod
    def from_yaml(cls, path: str | Path) -> ModelConfig:
        """Load a YAML file holding one mapping of config keys."""
        path = Path(path)
        if not path.is_file():
            raise ValueError(f"model config file not found: {path}")
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise ValueError(f"model config {path} is not valid YAML: {exc}") from exc
        try:
            return cls.from_dict(data)
        except ValueError as exc:
            raise ValueError(f"{path}: {exc}") from exc

    @classmethod
    def from_preset(cls, name: str) -> ModelConfig:
        """Load a named preset shipped with the package (see `list_presets()`)."""
        presets = list_presets()
        if name not in presets:
            raise ValueError(f"unknown model preset {name!r}; available: {', '.join(presets)}")
        ref = resources.files(_PRESET_PACKAGE).joinpath(f"{name}.yaml")
        data = yaml.safe_load(ref.read_text(encoding="utf-8"))
        return cls.from_dict(data)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def replace(self, **changes: Any) -> ModelConfig:
        """A copy with some fields changed (validated like the original)."""
        return self.from_dict({**self.to_dict(), **changes})

    # -- derived sizes --------------------------------------------------------------------------
    @property
    def q_dim(self) -> int:
        return self.n_heads * self.head_dim

    @property
    def kv_dim(self) -> int:
        return self.n_kv_heads * self.head_dim


def list_presets() -> list[str]:
    """Names of the presets packaged with havoc-model, sorted."""
    root = resources.files(_PRESET_PACKAGE)
    return sorted(p.name[: -len(".yaml")] for p in root.iterdir() if p.name.endswith(".yaml"))
