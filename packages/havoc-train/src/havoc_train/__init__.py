"""The HAVOC training stack: CPU demo runs to multi-GPU FSDP2 recipes."""

from importlib.metadata import version as _version

__version__ = _version("havoc-train")

__all__ = ["__version__"]
