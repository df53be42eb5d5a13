"""Benchmark registry, smoke suite and domain evaluations for HAVOC."""

from importlib.metadata import version as _version

__version__ = _version("havoc-eval")

__all__ = ["__version__"]
