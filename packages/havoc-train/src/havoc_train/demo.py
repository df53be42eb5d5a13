"""The embedded demo checkpoint: the ``tiny`` recipe trained once, cached, reused.

>>> from havoc_train import ensure_demo_checkpoint
>>> ckpt = ensure_demo_checkpoint()  # doctest: +SKIP  (~10 min on 2 CPU cores the first time)
>>> sorted(p.name for p in ckpt.iterdir())  # doctest: +SKIP
['config.json', 'model.safetensors', 'tokenizer']
"""

from __future__ import annotations

import contextlib
import hashlib
from importlib import resources
from pathlib import Path

from havoc_train.config import TrainConfig


def demo_config(overrides: list[str] | None = None) -> TrainConfig:
    """The packaged copy of ``configs/training/tiny.yaml``."""
    text = resources.files("havoc_train.recipes").joinpath("tiny.yaml").read_text("utf-8")
    import yaml

    return TrainConfig.from_dict(yaml.safe_load(text), overrides)


@contextlib.contextmanager
def _file_lock(path: Path):
    """An exclusive lock so two processes never train the same demo at once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as fh:
        try:
            import fcntl

            fcntl.flock(fh, fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - Windows: no lock, still correct when serial
            pass
        yield


def _demo_run(
    cache_dir: str | Path | None, overrides: list[str] | None
) -> tuple[TrainConfig, Path]:
    from havoc_train.data import default_cache_dir

    cache = Path(cache_dir) if cache_dir else default_cache_dir()
    cfg = demo_config(overrides)
    cfg.train.device = "cpu" if cfg.train.device == "auto" else cfg.train.device
    key = hashlib.sha256(repr(sorted(cfg.to_dict().items())).encode()).hexdigest()[:12]
    return cfg, cache / f"demo-{key}"


def demo_run_dir(cache_dir: str | Path | None = None, overrides: list[str] | None = None) -> Path:
    """The run folder of the demo recipe (its ``metrics.jsonl`` shows a build's progress; the
    checkpoint is ``final/`` inside it once built)."""
    return _demo_run(cache_dir, overrides)[1]


def ensure_demo_checkpoint(
    cache_dir: str | Path | None = None,
    progress: bool = True,
    overrides: list[str] | None = None,
) -> Path:
    """Return the directory of the tiny demo checkpoint (``config.json``,
    ``model.safetensors``, ``tokenizer/``), training it first if it is not cached.

    The run lives in ``<cache>/demo-<hash of the recipe>/``; an interrupted run resumes from its
    last checkpoint the next time. ``overrides`` (dotted ``key=value``) change the recipe (and
    therefore the cache key), e.g. ``["train.max_steps=50"]`` for a quick demo.
    """
    from havoc_train.trainer import Trainer

    cfg, run_dir = _demo_run(cache_dir, overrides)
    cache, final = run_dir.parent, run_dir / "final"
    with _file_lock(cache / f".{run_dir.name}.lock"):
        if (final / "model.safetensors").is_file() and (final / "tokenizer").is_dir():
            return final
        Trainer(cfg, run_dir, resume=True, progress=progress, cache_dir=cache).run()
    return final
