"""The `havoc` command line."""

from importlib.metadata import version as _version

__version__ = _version("havoc-cli")

__all__ = ["__version__"]
