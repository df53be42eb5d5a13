"""Statistics, regression, DOE, SPC and symbolic math for quality engineers, with the HAVOC DSL. No torch."""

from importlib.metadata import version as _version

__version__ = _version("havoc-tools")

__all__ = ["__version__"]
