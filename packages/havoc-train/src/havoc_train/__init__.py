"""The HAVOC training stack: CPU demo runs to multi-GPU FSDP2 recipes.

>>> from havoc_train import TrainConfig, Trainer
>>> cfg = TrainConfig.from_yaml("configs/training/tiny.yaml", ["train.max_steps=20"])
>>> result = Trainer(cfg, "runs/tiny-smoke").run()  # doctest: +SKIP
"""

from importlib.metadata import version as _version

from havoc_train.config import ConfigError, TrainConfig
from havoc_train.demo import ensure_demo_checkpoint

__version__ = _version("havoc-train")


def __getattr__(name: str):
    # Trainer pulls in torch and the data stack; import it only when asked for.
    if name in ("Trainer", "TrainResult"):
        from havoc_train import trainer

        return getattr(trainer, name)
    raise AttributeError(name)


__all__ = [
    "ConfigError",
    "TrainConfig",
    "TrainResult",
    "Trainer",
    "__version__",
    "ensure_demo_checkpoint",
]
