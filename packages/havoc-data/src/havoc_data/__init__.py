"""Mixture YAML, preprocessing and packed memmap shards for HAVOC training."""

from importlib.metadata import version as _version

__version__ = _version("havoc-data")

__all__ = ["__version__"]
